"""Registry credentials without I/O: docker's ``config.json``, podman's ``auth.json``, credential helpers.

The caller reads the files, the environment and runs the helper programs;
these functions say which files, what to look up, which helper to run with
what input, and what the answer means. go-containerregistry's ``authn``
(``DefaultKeychain``, ``Resolve``, ``FromConfig``), docker/cli's
``configfile`` and ``credentials``, containers/image's ``pkg/docker/config``
and docker-credential-helpers' ``client``, as values and pure functions.

>>> config = b'{"auths": {"https://index.docker.io/v1/": {"auth": "am9lam9lOmhlbGxv"}}}'
>>> resolve_credentials(config, "docker.io")
Basic(username='joejoe', password=<hidden>)
>>> resolve_credentials(b'{"credsStore": "desktop"}', "ghcr.io")
HelperCall(program='docker-credential-desktop', action='get', input=b'ghcr.io', server_url='ghcr.io')

A typical caller::

    for file in keychain_files(os.environ, os.path.expanduser("~"), sys.platform):
        try:
            content = open(file.path, "rb").read()
        except FileNotFoundError:
            continue
        answer = resolve_credentials(content, "docker.io", legacy=file.legacy)
        if isinstance(answer, HelperCall):
            run = subprocess.run(answer.args, input=answer.input, capture_output=True)
            answer = read_helper_get(answer, run.stdout, run.returncode)
        break

Bad files raise :class:`~oci_core.errors.InvalidCredentialsError` with the
JSON pointer of the bad member; a failing helper raises
:class:`~oci_core.errors.CredentialHelperError`.
"""

from __future__ import annotations

from ._containersauth import auth_key_lookup_order, normalize_auth_key, parse_auth_key, validate_auth_key
from ._containersauth import resolve_auth_json as _resolve_auth_json
from ._credentials import ANONYMOUS, Anonymous, Basic, Credentials, IdentityToken, RegistryToken
from ._credfiles import CredentialFile, FileFormat, containers_auth_files, docker_config_files, keychain_files
from ._dockerconfig import DOCKER_HUB_KEY, convert_to_hostname, docker_config_key
from ._dockerconfig import decode_auth as _decode_auth
from ._dockerconfig import read_docker_auth_config as _read_env
from ._dockerconfig import read_docker_config as _read_docker_config
from ._dockerconfig import resolve_in as _resolve_in
from ._fault import Fault as _Fault
from ._helpers import (
    HELPER_PREFIX,
    NOT_FOUND_MESSAGE,
    TOKEN_USERNAME,
    HelperAction,
    HelperCall,
    helper_erase,
    helper_get,
    helper_list,
    helper_program,
    helper_store,
    read_helper_done,
    read_helper_get,
    read_helper_list,
)
from .errors import InvalidCredentialsError as _InvalidCredentialsError

__all__ = [
    "ANONYMOUS",
    "DOCKER_HUB_KEY",
    "HELPER_PREFIX",
    "NOT_FOUND_MESSAGE",
    "TOKEN_USERNAME",
    "Anonymous",
    "Basic",
    "CredentialFile",
    "Credentials",
    "FileFormat",
    "HelperAction",
    "HelperCall",
    "IdentityToken",
    "RegistryToken",
    "auth_key_lookup_order",
    "containers_auth_files",
    "convert_to_hostname",
    "decode_auth",
    "docker_config_files",
    "docker_config_key",
    "helper_erase",
    "helper_get",
    "helper_list",
    "helper_program",
    "helper_store",
    "keychain_files",
    "normalize_auth_key",
    "parse_auth_key",
    "read_helper_done",
    "read_helper_get",
    "read_helper_list",
    "resolve_auth_json",
    "resolve_credentials",
    "validate_auth_key",
]


def resolve_credentials(
    config_json: bytes,
    registry: str,
    *,
    env_config: str | bytes | None = None,
    legacy: bool = False,
) -> Credentials | HelperCall:
    """What docker/cli would authenticate to ``registry`` with, given its ``config.json``.

    ``registry`` is a reference's domain (``docker.io``, ``ghcr.io``,
    ``localhost:5000``) or any key docker accepts (a URL is cut to its
    host). ``env_config`` is the content of ``DOCKER_AUTH_CONFIG``, whose
    entries come first; ``legacy=True`` reads ``config_json`` as a legacy
    ``~/.dockercfg``. The answer is the credentials to use, or the helper to
    run (:class:`HelperCall`; read its output with :func:`read_helper_get`).

    >>> resolve_credentials(b'{"auths": {"https://ghcr.io/v1/": {"auth": "dTpw"}}}', "ghcr.io")
    Basic(username='u', password=<hidden>)
    >>> resolve_credentials(b"", "ghcr.io")
    Anonymous()

    :raises InvalidCredentialsError: the file (or ``DOCKER_AUTH_CONFIG``) is
        not a docker configuration, or one of its ``auth`` fields does not
        decode (docker refuses the whole file then). docker/cli prints a
        malformed ``DOCKER_AUTH_CONFIG``'s error and goes on without it; do
        the same by catching the error and calling again without
        ``env_config``.
    """
    if env_config is not None and not isinstance(env_config, (str, bytes)):  # pyright: ignore[reportUnnecessaryIsInstance]
        raise TypeError(f"env_config must be a str, bytes or None, got {type(env_config).__name__}")
    _check_legacy(legacy)
    try:
        config = _read_docker_config(config_json, legacy=legacy)
        env = _read_env(env_config) if env_config else None
        return _resolve_in(config, registry, env)
    except _Fault as fault:
        raise _credentials_error(fault, "DOCKER_AUTH_CONFIG" if _from_env(fault, env_config) else None) from None


def _check_legacy(legacy: object) -> None:
    if type(legacy) is not bool:
        raise TypeError(f"legacy must be a bool, got {type(legacy).__name__}")


def _from_env(fault: _Fault, env_config: str | bytes | None) -> bool:
    return bool(env_config) and fault.message.startswith(("DOCKER_AUTH_CONFIG", "unknown field"))


def _credentials_error(fault: _Fault, source: str | None = None) -> _InvalidCredentialsError:
    if source is not None:
        fault.message = f"{source}: {fault.message}"
    error = fault.as_error(_InvalidCredentialsError)
    assert isinstance(error, _InvalidCredentialsError)
    return error


def resolve_auth_json(content: bytes, key: str, *, legacy: bool = False) -> Credentials | HelperCall | None:
    """What podman (containers/image) finds for ``key`` in one of its auth files.

    ``key`` is ``host[:port]``, optionally with a namespace
    (``quay.io/org/repo``), tried most specific first. The answer is the
    credentials, the helper to run (:class:`HelperCall`), or ``None`` when the
    file knows nothing of the key: search the next of
    :func:`containers_auth_files` then. A helper answering "not found" means
    the same.

    >>> auth = b'{"auths": {"quay.io/org": {"auth": "dTpw"}, "quay.io": {"auth": "eDp5"}}}'
    >>> resolve_auth_json(auth, "quay.io/org/repo").username, resolve_auth_json(auth, "quay.io/other").username
    ('u', 'x')

    :raises InvalidCredentialsError: the file is not JSON, or an ``auth`` is
        not base64 (entries whose ``auth`` lacks a ``:`` are skipped).
    :raises ValueError: ``key`` is not a key (a scheme, a tag or a digest).
    """
    _check_legacy(legacy)
    try:
        return _resolve_auth_json(content, key, legacy=legacy)
    except _Fault as fault:
        raise _credentials_error(fault) from None


def decode_auth(auth: str) -> tuple[str, str]:
    """The user name and password in a docker ``auth`` field: ``base64(user ":" password)``.

    >>> decode_auth("am9lam9lOmhlbGxv")
    ('joejoe', 'hello')

    :raises InvalidCredentialsError: ``auth`` is not base64, or does not hold
        a non-empty user name before a ``:``.
    """
    if type(auth) is not str:
        raise _InvalidCredentialsError(f"an auth field must be a str, got {type(auth).__name__}")
    try:
        return _decode_auth(auth)
    except _Fault as fault:
        raise _credentials_error(fault) from None
