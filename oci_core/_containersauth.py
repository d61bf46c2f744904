"""containers/image's ``auth.json`` lookup, as podman, buildah and skopeo do it (private).

containers/image (``pkg/docker/config``) reads the same JSON as docker, with
its own rules, per file (``findCredentialsInFile``):

1. a ``credHelpers`` entry for the *registry* (the key up to its first ``/``)
   wins; helpers are never asked for namespaces, and there is no
   ``credsStore``;
2. else the ``auths`` entry for the most specific key first:
   ``quay.io/org/repo``, then ``quay.io/org``, then ``quay.io``
   (:func:`auth_key_lookup_order`; a legacy file has host keys only);
3. else the first entry whose key, normalised, is the registry: a scheme
   and path are cut off (``https://quay.io/v1/`` is ``quay.io``), and
   ``docker.io`` and ``registry-1.docker.io`` are ``index.docker.io``;
4. an entry whose ``auth`` decodes without a ``:`` (the ``{}`` placeholder
   among them) is skipped, as if absent, so the next file is searched; one
   that is not base64 at all is an error, and so is a file that is not JSON.

The answer for a file is the credentials, the helper call to make, or
``None`` for "not here: try the next file" (:func:`containers_auth_files`
lists them in order).
"""

# Files, keys and environments come from outside: checked at run time whatever
# the annotations say, so that any input gets an answer or an OCIError.
# pyright: reportUnnecessaryIsInstance=false

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING, Final

from . import _authjson
from ._credentials import Basic, Credentials, IdentityToken
from ._fault import Fault
from ._helpers import HelperCall, helper_get, helper_program
from ._json import join_pointer
from .errors import InvalidCredentialsError, OCIError
from .reference import parse_normalized_reference

if TYPE_CHECKING:
    from ._json import JSON

__all__ = [
    "MAX_KEY",
    "auth_key_lookup_order",
    "normalize_auth_key",
    "parse_auth_key",
    "resolve_auth_json",
    "validate_auth_key",
]

_MAX_SIZE: Final = 4 * 1024 * 1024
#: The longest key: a host (255, as reference domains here) and a repository path (255, distribution's limit).
MAX_KEY: Final = 511
_HUB_ALIASES: Final = frozenset({"registry-1.docker.io", "docker.io"})


def _check_flag(value: object, name: str) -> None:
    if type(value) is not bool:
        raise TypeError(f"{name} must be a bool, got {type(value).__name__}")


def validate_auth_key(key: str) -> bool:
    """containers/image ``validateKey``: whether ``key`` names a namespace (``host/path``); refuse what is no key.

    >>> validate_auth_key("quay.io"), validate_auth_key("localhost:5000/repo")
    (False, True)

    :raises InvalidCredentialsError: the key has a scheme, a digest (``@``) or a tag (a
        ``:`` after the host).
    """
    if type(key) is not str:
        raise TypeError(f"an auth key must be a str, got {type(key).__name__}")
    if len(key) > MAX_KEY:
        raise InvalidCredentialsError(
            f"an auth key may be at most {MAX_KEY} characters (a registry host and a repository path)",
            text=key[:MAX_KEY],
        )
    if key.startswith(("http://", "https://")):
        raise InvalidCredentialsError("an auth key has no http[s]:// prefix", text=key)
    if "@" in key:
        raise InvalidCredentialsError("an auth key holds no '@' (a digest)", text=key)
    slash = key.find("/")
    if slash != -1 and key.rfind(":") > slash:
        raise InvalidCredentialsError("an auth key holds no ':' after host[:port] (a tag)", text=key)
    return slash != -1


def parse_auth_key(argument: str, *, repositories: bool = True) -> tuple[str, str]:
    """containers/common ``parseCredentialsKey``: the auth key and the registry a ``login``/``logout`` argument names.

    >>> parse_auth_key("https://quay.io/repo/image:tag"), parse_auth_key("docker.io/library/busybox")
    (('quay.io', 'quay.io'), ('docker.io/library/busybox', 'docker.io'))

    A URL is cut to its ``host[:port]``; without ``repositories`` only the
    registry is kept; a namespaced key must be a repository name (no tag, no
    digest), and is kept as written (``docker.io/vendor`` stays so).

    :raises InvalidCredentialsError: the argument is not a registry or repository name.
    """
    if type(argument) is not str:  # a parser: what it reads is data (errors.py)
        raise InvalidCredentialsError(f"an auth key must be a str, got {type(argument).__name__}")
    _check_flag(repositories, "parse_auth_key() repositories")
    key = argument
    if key.startswith(("http://", "https://")):
        key = key.split("://", 1)[1]
        for delimiter in "/?#":
            key = key.split(delimiter, 1)[0]
        key = key.rpartition("@")[2]
    registry = key.split("/", 1)[0]
    if not registry:
        raise InvalidCredentialsError("the auth key names no registry", text=argument)
    if not repositories or registry == key:
        return registry, registry
    try:
        reference = parse_normalized_reference(key)
    except OCIError as error:
        raise InvalidCredentialsError(f"the auth key is not a repository: {error.message}", text=argument) from None
    if reference.tag is not None or reference.digest is not None:
        raise InvalidCredentialsError("the auth key holds a tag or a digest", text=argument)
    if reference.domain != registry:
        raise InvalidCredentialsError("the auth key does not start with its registry", text=argument)
    return key, registry


def auth_key_lookup_order(key: str, *, legacy: bool = False) -> tuple[str, ...]:
    """The ``auths`` keys tried for ``key``, most specific first (host only for a legacy file).

    >>> auth_key_lookup_order("quay.io/user/image")
    ('quay.io/user/image', 'quay.io/user', 'quay.io')

    :raises InvalidCredentialsError: ``key`` is not a valid key (:func:`validate_auth_key`).
    """
    validate_auth_key(key)
    _check_flag(legacy, "auth_key_lookup_order() legacy")
    parts = key.split("/")
    if legacy:
        return (parts[0],)
    return tuple("/".join(parts[:length]) for length in range(len(parts), 0, -1))


def normalize_auth_key(key: str, *, legacy: bool = False) -> str:
    """containers/image ``normalizeAuthFileKey``: the registry a file's key stands for.

    >>> normalize_auth_key("https://index.docker.io/v1/"), normalize_auth_key("docker.io")
    ('index.docker.io', 'index.docker.io')
    """
    if not isinstance(key, str):
        raise TypeError(f"an auth key must be a str, got {type(key).__name__}")
    _check_flag(legacy, "normalize_auth_key() legacy")
    key = str(key)
    stripped = key.removeprefix("http://")
    stripped = stripped.removeprefix("https://")
    if legacy or stripped != key:
        stripped = stripped.split("/", 1)[0]
    return "index.docker.io" if stripped in _HUB_ALIASES else stripped


def _decode(entry: JSON, pointer: str) -> Credentials | None:
    """containers/image ``decodeDockerAuth``: the entry's credentials, or ``None`` to skip it."""
    if entry is None:
        return None
    if type(entry) is not dict:
        raise Fault(f"must be an object, got {_authjson.kind_of(entry)}", pointer=pointer)
    auth = _authjson.string_at(entry, "auth", pointer) or ""
    identity = _authjson.string_at(entry, "identitytoken", pointer) or ""
    try:
        decoded = base64.b64decode(auth.replace("\r", "").replace("\n", ""), validate=True)
    except (binascii.Error, ValueError):
        raise Fault("auth is not base64", pointer=join_pointer(pointer, "auth")) from None
    text = decoded.decode("utf-8", "replace")
    username, colon, password = text.partition(":")
    if not colon:
        return None  # an invalid or empty auth is skipped, "as docker does"
    try:
        if identity:
            return IdentityToken(identity, username)
        return Basic(username, password.strip("\x00"))
    except OCIError as error:
        raise Fault(error.message, pointer=pointer) from None


def resolve_auth_json(content: bytes, key: str, *, legacy: bool = False) -> Credentials | HelperCall | None:
    """Look ``key`` (``host[:port][/namespace...]``) up in one auth file (the module docstring's steps).

    Raises :class:`~oci_core._fault.Fault` for a bad file and :class:`ValueError`
    for a bad key.
    """
    namespaced = validate_auth_key(key)
    registry = key.split("/", 1)[0] if namespaced else key
    if not isinstance(content, (bytes, bytearray, memoryview)):
        raise Fault(f"an auth file's content must be bytes, got {type(content).__name__}", pointer="")
    document = _authjson.load(bytes(content), max_size=_MAX_SIZE)
    if document is None:
        document = {}
    if type(document) is not dict:
        raise Fault(f"an auth file must be a JSON object, got {_authjson.kind_of(document)}", pointer="")
    if legacy:
        auths, base = document, ""
    else:
        helpers = _authjson.string_map_at(document, "credHelpers", "")
        if registry in helpers:
            try:
                helper_program(helpers[registry])
            except ValueError as error:
                raise Fault(str(error), pointer=join_pointer("/credHelpers", registry)) from None
            return helper_get(helpers[registry], registry)
        auths, base = _authjson.object_at(document, "auths", "") or {}, "/auths"
    for candidate in auth_key_lookup_order(key, legacy=legacy):
        if candidate in auths:
            return _decode(auths[candidate], join_pointer(base, candidate))
    wanted = normalize_auth_key(registry, legacy=legacy)
    for candidate, entry in auths.items():
        if normalize_auth_key(candidate, legacy=legacy) == wanted:
            return _decode(entry, join_pointer(base, candidate))
    return None
