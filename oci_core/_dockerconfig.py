"""Docker's ``config.json`` (and the legacy ``~/.dockercfg``): which credentials docker/cli would use (private).

docker/cli's resolution, step by step (``configfile.GetAuthConfig``,
``credentials.NewFileStore``, ``newNativeStore``):

1. the key: ``https://index.docker.io/v1/`` for ``docker.io`` and
   ``index.docker.io``, the registry's host (and port) otherwise; a URL is
   first cut to its host (``ConvertToHostname``);
2. ``DOCKER_AUTH_CONFIG`` (its content, given by the caller): an entry for
   exactly that key wins;
3. a helper named in ``credHelpers`` for exactly that key, else the
   ``credsStore`` helper: the answer is the helper call to make;
4. else the file's ``auths``: the entry for exactly that key, else the first
   entry whose key, cut to its host, is the key (legacy keys such as
   ``https://registry.example.com/v1/`` and ``http://registry.example.com``);
   none is anonymous, and so is an empty entry ``{}`` (``docker login`` writes
   one as the placeholder of a secret kept by a helper, which step 3 asks).

An entry's ``auth`` is ``base64(user ":" password)``; one that does not
decode fails the whole file, as it fails docker's loading. ``registrytoken``
is used before ``identitytoken``, and that before the user name and password.
"""

# Files, keys and environments come from outside: checked at run time whatever
# the annotations say, so that any input gets an answer or an OCIError.
# pyright: reportUnnecessaryIsInstance=false

from __future__ import annotations

import binascii
import re
from dataclasses import dataclass, field
from itertools import repeat
from typing import TYPE_CHECKING, Final

from . import _authjson
from ._credentials import ANONYMOUS, Basic, Credentials, IdentityToken, RegistryToken
from ._fault import Fault
from ._helpers import HelperCall, helper_get, helper_program
from ._json import join_pointer
from .errors import OCIError

if TYPE_CHECKING:
    from ._json import JSON

__all__ = [
    "DOCKER_HUB_KEY",
    "MAX_CONFIG_SIZE",
    "DockerConfig",
    "DockerEntry",
    "convert_to_hostname",
    "decode_auth",
    "docker_config_key",
    "read_docker_auth_config",
    "read_docker_config",
    "resolve_in",
]

#: The key docker keeps Docker Hub's credentials under (the v1 index URL).
DOCKER_HUB_KEY: Final = "https://index.docker.io/v1/"
_HUB_NAMES: Final = frozenset({"docker.io", "index.docker.io"})
#: Credential files are small; this is generous.
MAX_CONFIG_SIZE: Final = 4 * 1024 * 1024
_ENTRY_FIELDS: Final = ("username", "password", "auth", "identitytoken", "registrytoken")
# Standard base64 with its padding, in one C-speed match.
_BASE64_TEXT: Final = r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?"
_BASE64: Final = re.compile(_BASE64_TEXT, re.ASCII).fullmatch
# Many auth fields at once, one a line: one C-speed match for a whole file's.
_BASE64_LINES: Final = re.compile(f"(?:{_BASE64_TEXT}\n)*", re.ASCII).fullmatch


@dataclass(frozen=True, slots=True, repr=False)
class DockerEntry:
    """One ``auths`` entry, its ``auth`` decoded (private: resolution reads it)."""

    username: str = ""
    password: str = ""
    identitytoken: str = ""
    registrytoken: str = ""

    def credentials(self, pointer: str) -> Credentials:
        try:
            if self.registrytoken:
                return RegistryToken(self.registrytoken)
            if self.identitytoken:
                return IdentityToken(self.identitytoken, self.username)
            if self.username or self.password:
                return Basic(self.username, self.password)
        except OCIError as error:
            raise Fault(error.message, pointer=pointer) from None
        return ANONYMOUS


@dataclass(frozen=True, slots=True)
class DockerConfig:
    """The credential members of a docker config file (private)."""

    auths: dict[str, JSON] = field(default_factory=dict[str, "JSON"])  # checked, decoded on lookup
    creds_store: str = ""
    cred_helpers: dict[str, str] = field(default_factory=dict[str, str])


def docker_config_key(registry: str) -> str:
    """The key docker keeps a registry's credentials under.

    >>> docker_config_key("docker.io"), docker_config_key("https://ghcr.io/v2/")
    ('https://index.docker.io/v1/', 'ghcr.io')
    >>> docker_config_key("registry-1.docker.io")
    'registry-1.docker.io'

    A URL is cut to its host first; only ``docker.io`` and ``index.docker.io``
    are Docker Hub's (docker/cli keeps ``registry-1.docker.io`` apart).
    """
    if type(registry) is not str:
        raise TypeError(f"a registry must be a str, got {type(registry).__name__}")
    if "://" in registry:
        registry = convert_to_hostname(registry)
    return DOCKER_HUB_KEY if registry in _HUB_NAMES else registry


def convert_to_hostname(url: str) -> str:
    """docker/cli ``credentials.ConvertToHostname``: a URL's host and port, anything else up to its first ``/``.

    >>> convert_to_hostname("https://example.com:6555/v2/"), convert_to_hostname("https://::1:6555/v2/")
    ('example.com:6555', '[::1]:6555')
    >>> convert_to_hostname("unix:///var/run/docker.sock")
    'unix:'
    """
    if type(url) is not str:
        raise TypeError(f"a URL must be a str, got {type(url).__name__}")
    if "://" in url:
        host = _url_host(url)
        if host:
            return host
    return url.split("/", 1)[0]


def _url_host(url: str) -> str:
    """Go's ``url.Parse(url)`` then ``Hostname()`` joined with ``Port()``, or ``""`` where Go finds none."""
    scheme, _, rest = url.partition("://")
    if not scheme or not scheme[0].isascii() or not scheme[0].isalpha():
        return ""
    if any(not (char.isascii() and (char.isalnum() or char in "+-.")) for char in scheme):
        return ""
    authority = rest
    for delimiter in "/?#":
        authority = authority.split(delimiter, 1)[0]
    hostport = authority.rpartition("@")[2]
    if hostport.startswith("["):
        close = hostport.find("]")
        if close == -1:
            return ""
        host, port = hostport[1:close], hostport[close + 1 :].removeprefix(":")
    else:
        host, colon, port = hostport.rpartition(":")
        if not colon or not port.isdigit() or not port.isascii():
            host, port = hostport.removesuffix(":") if hostport.endswith(":") else hostport, ""
    if not host:
        return ""
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{port}" if port else host


def decode_auth(auth: str, pointer: str = "") -> tuple[str, str]:
    """docker's ``decodeAuth``: the user name and password in an ``auth`` field (``("", "")`` for ``""``).

    >>> decode_auth("am9lam9lOmhlbGxv")
    ('joejoe', 'hello')

    Standard base64 with padding (line breaks ignored, as Go's decoder ignores
    them); the text before the first ``:`` is the user name and may not be
    empty; NULs around the password are dropped.
    """
    if not auth:
        return "", ""
    compact = auth.replace("\r", "").replace("\n", "") if "\n" in auth or "\r" in auth else auth
    if _BASE64(compact) is None:
        raise Fault("auth is not base64 (RFC 4648 standard encoding with padding)", pointer=pointer)
    try:
        text = binascii.a2b_base64(compact).decode("utf-8")
    except UnicodeDecodeError:
        raise Fault("auth decodes to bytes that are not UTF-8", pointer=pointer) from None
    username, colon, password = text.partition(":")
    if not colon or not username:
        raise Fault("invalid auth configuration file: auth must be base64(username:password)", pointer=pointer)
    return username, password.strip("\x00")


def _read_entry(value: JSON, pointer: str) -> DockerEntry:
    if value is None:
        return DockerEntry()
    if type(value) is not dict:
        raise Fault(f"must be an object, got {_authjson.kind_of(value)}", pointer=pointer)
    fields = {name: _authjson.string_at(value, name, pointer) or "" for name in _ENTRY_FIELDS}
    username, password = fields["username"], fields["password"]
    if fields["auth"]:
        username, password = decode_auth(fields["auth"], join_pointer(pointer, "auth"))
    return DockerEntry(username, password, fields["identitytoken"], fields["registrytoken"])


def _check_auths(value: dict[str, JSON], pointer: str) -> dict[str, JSON]:
    """Check every entry of ``auths`` as docker's loading does (one bad ``auth`` fails the file); keep them raw.

    An entry is decoded into a :class:`DockerEntry` only when a lookup picks
    it. When every entry has the common shape, ``{"auth": "..."}``, all are
    checked at once (one match for the base64 of every entry, one UTF-8
    decode, C-speed maps); otherwise, or if any fails, each is checked on its
    own, so that the error says which and why.
    """
    auths = [entry.get("auth") for entry in value.values() if type(entry) is dict and len(entry) == 1]
    if len(auths) == len(value) and set(map(type, auths)) <= {str}:
        texts = [auth for auth in auths if auth]
        if not texts or _all_good(texts):  # type: ignore[arg-type]  # every one is a str: checked above
            return value
    for key, entry in value.items():
        if type(entry) is dict and len(entry) == 1 and type(entry.get("auth")) is str:
            auth = str(entry["auth"])
            if auth:
                decode_auth(auth, _auth_pointer(pointer, key))
        else:
            _read_entry(entry, join_pointer(pointer, key))
    return value


def _all_good(auths: list[str]) -> bool:
    """Whether every ``auth`` is base64 of UTF-8 ``user:password`` with a non-empty user name."""
    if _BASE64_LINES("\n".join(auths) + "\n") is None:
        return False
    decoded = list(map(binascii.a2b_base64, auths))
    if min(map(bytes.find, decoded, repeat(b":"))) <= 0:  # every user name non-empty, every colon there
        return False
    try:
        b"\n".join(decoded).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _auth_pointer(pointer: str, key: str) -> str:
    return join_pointer(join_pointer(pointer, key), "auth")


def read_docker_config(raw: bytes, *, legacy: bool = False) -> DockerConfig:
    """The credential members of a ``config.json`` (or, with ``legacy``, a ``~/.dockercfg``).

    An empty file is an empty configuration, as docker reads it. Raises
    :class:`~oci_core._fault.Fault`.
    """
    if not isinstance(raw, (bytes, bytearray, memoryview)):
        raise Fault(f"a credential file's content must be bytes, got {type(raw).__name__}", pointer="")
    raw = bytes(raw)
    if legacy:
        return _read_legacy(raw)
    if not raw.strip(b" \t\r\n"):
        return DockerConfig()
    document = _authjson.load(raw, max_size=MAX_CONFIG_SIZE)
    if document is None:
        return DockerConfig()
    if type(document) is not dict:
        raise Fault(f"a config file must be a JSON object, got {_authjson.kind_of(document)}", pointer="")
    auths = _authjson.object_at(document, "auths", "")
    creds_store = _authjson.string_at(document, "credsStore", "") or ""
    helpers = _authjson.string_map_at(document, "credHelpers", "")
    return DockerConfig(_check_auths(auths or {}, "/auths"), creds_store, helpers)


def _read_legacy(raw: bytes) -> DockerConfig:
    """docker/cli's ``LegacyLoadFromReader``: a flat JSON map of entries, or ``username = <auth>`` lines."""
    try:
        document = _authjson.load(raw, max_size=MAX_CONFIG_SIZE)
    except Fault:
        document = None
    else:
        if type(document) is not dict:
            raise Fault(f"a legacy .dockercfg must be a JSON object, got {_authjson.kind_of(document)}", pointer="")
        return DockerConfig(_check_auths(document, ""))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Fault("a legacy .dockercfg is neither JSON nor UTF-8 text", pointer="") from None
    lines = text.split("\n")
    if len(lines) < 2:
        raise Fault("the auth config file is empty: a legacy .dockercfg has two lines, username and email", pointer="")
    parts = lines[0].split(" = ")
    if len(parts) != 2:
        raise Fault("invalid auth config file: the first line must be 'username = <auth>'", pointer="")
    username, password = decode_auth(parts[1], "")
    return DockerConfig({DOCKER_HUB_KEY: {"username": username, "password": password}})


def read_docker_auth_config(value: str | bytes) -> dict[str, DockerEntry]:
    """The entries of a ``DOCKER_AUTH_CONFIG`` value: one object with ``auths`` of ``{"auth": ...}`` entries only.

    docker/cli decodes it with unknown fields refused and a single object
    allowed. Raises :class:`~oci_core._fault.Fault`.
    """
    raw = value.encode("utf-8") if isinstance(value, str) else bytes(value)
    document = _authjson.load(raw, max_size=MAX_CONFIG_SIZE)
    if document is None:
        return {}
    if type(document) is not dict:
        raise Fault(f"DOCKER_AUTH_CONFIG must be a JSON object, got {_authjson.kind_of(document)}", pointer="")
    for key in document:
        if key != "auths":
            raise Fault(f'unknown field "{key}"', pointer=join_pointer("", key))
    auths = _authjson.object_at(document, "auths", "") or {}
    entries: dict[str, DockerEntry] = {}
    for key, entry in auths.items():
        pointer = join_pointer("/auths", key)
        if type(entry) is not dict:
            raise Fault(f"must be an object, got {_authjson.kind_of(entry)}", pointer=pointer)
        for name in entry:
            if name != "auth":
                raise Fault(f'unknown field "{name}": DOCKER_AUTH_CONFIG takes "auth" only', pointer=pointer)
        auth = _authjson.string_at(entry, "auth", pointer) or ""
        if not auth:
            raise Fault(f"DOCKER_AUTH_CONFIG is missing the auth of {key}", pointer=pointer)
        username, password = decode_auth(auth, join_pointer(pointer, "auth"))
        entries[key] = DockerEntry(username, password)
    return entries


def resolve_in(
    config: DockerConfig, registry: str, env: dict[str, DockerEntry] | None = None
) -> Credentials | HelperCall:
    """Steps 1 to 4 of the module docstring over a read configuration (raises :class:`~oci_core._fault.Fault`)."""
    key = docker_config_key(registry)
    if env is not None and key in env:
        return env[key].credentials(join_pointer("/auths", key))
    helper = config.cred_helpers.get(key) if key else None
    where = join_pointer("/credHelpers", key)
    if helper is None:
        helper, where = (config.creds_store or None), "/credsStore"
    if helper is not None:
        try:
            helper_program(helper)
        except ValueError as error:
            raise Fault(str(error), pointer=where) from None
        return helper_get(helper, key)
    found = key if key in config.auths else next((k for k in config.auths if convert_to_hostname(k) == key), None)
    if found is None:
        return ANONYMOUS
    pointer = join_pointer("/auths", found)
    return _read_entry(config.auths[found], pointer).credentials(pointer)
