"""The realm policy: which token endpoints a challenge may send credentials to (private).

A Bearer challenge names its token endpoint in ``realm``, and the client
sends the registry's credentials there. A registry (or anyone who can answer
for one, or a redirect the client followed) can name any URL, so the realm is
where server-side request forgery happens: go-containerregistry #2243 and
#2302, docker/model-runner CVE-2026-33990, containerd CVE-2020-15157. The
policy, checked before a token request is built:

1. the realm is an absolute ``https`` URL, or ``http`` only when the
   registry itself was reached over ``http``; a relative realm is resolved
   against the URL that got the challenge (RFC 3986 §5.2), which keeps it on
   the registry's own origin;
2. it has no userinfo (``https://user:pass@host/`` would send credentials the
   caller never chose) and only URL characters (RFC 3986 §2);
3. its host is not an address of the machine or its networks (the table
   :data:`REFUSED_NETWORKS`: loopback, private, shared, link-local including
   the cloud metadata address ``169.254.169.254``, unspecified, multicast,
   reserved; and the ``localhost`` names of RFC 6761), unless it is the
   registry's own host and port;
4. the caller's policy may name trusted origins exempt from rule 3, and may
   add its own check (DNS resolution, an allow-list) as a hook.

Hosts are judged the way HTTP clients will resolve them, so no spelling gets
around rule 3: case and one trailing dot are ignored, an IPv4 address may be
written in any form ``inet_aton`` and WHATWG URL parsers read (``2130706433``,
``0177.0.0.1``, ``0x7f.1``, ``127.1``), IPv6 literals are read in full, with
the IPv4 address inside IPv4-mapped, IPv4-compatible, NAT64 and 6to4 forms
judged as IPv4 (``[::ffff:127.0.0.1]``), and a host holding non-ASCII text
or a ``%`` is refused (IDNA maps fullwidth digits and dots to ASCII, so a
fullwidth ``127.0.0.1`` would reach the loopback interface).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Final

from ._fault import Fault
from .errors import RealmRefusedError

__all__ = [
    "DEFAULT_POLICY",
    "REFUSED_NETWORKS",
    "RealmPolicy",
    "check_realm",
    "origin_of",
    "resolve_realm",
    "trusted_origins",
]

_V4: Final = 4
_V6: Final = 6

#: The networks a realm's host may not be in unless it is the registry's own
#: host and port: (version, network, prefix length, what it is).
REFUSED_NETWORKS: Final[tuple[tuple[int, str, int, str], ...]] = (
    (_V4, "0.0.0.0", 8, "unspecified ('this network')"),
    (_V4, "10.0.0.0", 8, "private"),
    (_V4, "100.64.0.0", 10, "shared (carrier-grade NAT)"),
    (_V4, "127.0.0.0", 8, "loopback"),
    (_V4, "169.254.0.0", 16, "link-local (cloud metadata services)"),
    (_V4, "172.16.0.0", 12, "private"),
    (_V4, "192.0.0.0", 24, "IETF protocol assignments"),
    (_V4, "192.168.0.0", 16, "private"),
    (_V4, "198.18.0.0", 15, "benchmarking"),
    (_V4, "224.0.0.0", 4, "multicast"),
    (_V4, "240.0.0.0", 4, "reserved or broadcast"),
    (_V6, "::", 128, "unspecified"),
    (_V6, "::1", 128, "loopback"),
    (_V6, "100::", 64, "discard-only"),
    (_V6, "fc00::", 7, "unique local (private)"),
    (_V6, "fe80::", 10, "link-local"),
    (_V6, "fec0::", 10, "site-local"),
    (_V6, "ff00::", 8, "multicast"),
)

# IPv6 forms that carry an IPv4 address, judged as that address:
# (network, prefix length, bit offset of the IPv4 address from the right).
_EMBEDDED_IPV4: Final[tuple[tuple[str, int, int], ...]] = (
    ("::ffff:0:0", 96, 0),  # IPv4-mapped
    ("::", 96, 0),  # IPv4-compatible (deprecated; "::" and "::1" are judged above first)
    ("64:ff9b::", 96, 0),  # NAT64 well-known prefix
    ("64:ff9b:1::", 48, 0),  # local-use NAT64
    ("2002::", 16, 80),  # 6to4: the IPv4 address follows the prefix
)

_DEFAULT_PORTS: Final = {"http": 80, "https": 443}
# A DNS name is at most 253 characters (RFC 1035 §2.3.4), one trailing dot aside.
_MAX_HOST: Final = 254
_SCHEME: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*", re.ASCII)
# RFC 3986 §2: unreserved, reserved and "%" (percent-encoded octets), nothing else.
_URL_CHARS: Final = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*", re.ASCII)
_PORT: Final = re.compile(r"[0-9]{0,5}", re.ASCII)
_LABEL: Final = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?", re.ASCII)
_NUMERIC_LABEL: Final = re.compile(r"(?:0[xX][0-9A-Fa-f]*|[0-9]+)", re.ASCII)


@dataclass(frozen=True, slots=True)
class RealmPolicy:
    """What the caller adds to the realm policy.

    ``trusted`` names origins (``https://auth.internal:5001``) whose host is
    exempt from the address check (rule 3), for token servers that really
    live on a private network; the scheme and userinfo rules still apply.
    ``check`` is called with the realm's host (lower case, IPv6 without
    brackets) and port after every built-in rule passed; it returns ``False``
    to refuse the realm (a resolver that refuses names pointing into private
    networks is the usual hook). It may do I/O: it is the caller's code.
    """

    trusted: frozenset[str] = field(default_factory=frozenset[str])
    check: Callable[[str, int], bool] | None = None

    def __post_init__(self) -> None:
        if type(self.trusted) is not frozenset:
            raise TypeError("RealmPolicy.trusted must be a frozenset of origins")
        for origin in self.trusted:
            if type(origin) is not str or origin_of(origin) != origin:
                raise ValueError(f"RealmPolicy.trusted holds {origin!r}, which is not an origin as origin_of writes it")
        if self.check is not None and not callable(self.check):
            raise TypeError("RealmPolicy.check must be callable")


#: No trusted origins, no hook.
DEFAULT_POLICY: Final = RealmPolicy()


@dataclass(frozen=True, slots=True)
class _URL:
    scheme: str  # lower case
    userinfo: str | None
    host: str  # as written (brackets kept for IPv6)
    port: int  # the default port of the scheme when absent
    rest: str  # path, query and fragment


def _split(url: str) -> _URL | None:
    """An absolute URL's parts, or ``None`` when ``url`` is not ``scheme://authority...``."""
    scheme, sep, after = url.partition("://")
    if not sep or _SCHEME.fullmatch(scheme) is None:
        return None
    cut = len(after)
    for delimiter in "/?#":
        index = after.find(delimiter)
        if index != -1 and index < cut:
            cut = index
    authority, rest = after[:cut], after[cut:]
    userinfo, at, hostport = authority.rpartition("@")
    if hostport.startswith("["):
        close = hostport.find("]")
        if close == -1:
            raise Fault("an IPv6 address in brackets is not closed", text=url)
        host, port_text = hostport[: close + 1], hostport[close + 1 :]
        if port_text and not port_text.startswith(":"):
            raise Fault("a port must follow ':' after the host", text=url)
        port_text = port_text[1:]
    else:
        host, _, port_text = hostport.partition(":")
    lower = scheme.lower()
    if _PORT.fullmatch(port_text) is None or (port_text and int(port_text) > 65535):
        raise Fault(f"invalid port {port_text!r}", text=url)
    port = int(port_text) if port_text else _DEFAULT_PORTS.get(lower, 0)
    return _URL(lower, userinfo if at else None, host, port, rest)


def origin_of(url: str) -> str:
    """The origin (RFC 6454) of an absolute URL as ``scheme://host:port``, lower case, port always written.

    >>> origin_of("HTTPS://Registry.Example.com/v2/")
    'https://registry.example.com:443'

    :raises RealmRefusedError: ``url`` is not an absolute URL with a host.
    """
    if not isinstance(url, str):  # pyright: ignore[reportUnnecessaryIsInstance]  # callers pass anything
        raise TypeError(f"origin_of() takes a str, got {type(url).__name__}")
    try:
        parts = _split(url)
        if parts is None or not parts.host:
            raise Fault("not an absolute URL with a host", text=url)
        return f"{parts.scheme}://{_origin_host(parts.host, url)}:{parts.port}"
    except Fault as fault:
        raise fault.as_error(RealmRefusedError) from None


def resolve_realm(realm: str, registry_url: str, policy: RealmPolicy = DEFAULT_POLICY) -> str:
    """The absolute URL of a challenge's realm, once the realm policy has accepted it.

    ``registry_url`` is the URL of the request that got the challenge; a
    relative realm is resolved against it.

    >>> resolve_realm("https://auth.docker.io/token", "https://registry-1.docker.io/v2/")
    'https://auth.docker.io/token'
    >>> resolve_realm("/token", "http://localhost:5000/v2/")
    'http://localhost:5000/token'

    :raises RealmRefusedError: the policy refuses the realm (see the module
        docstring), or either argument is not a URL.
    """
    try:
        return _resolve(realm, registry_url, policy)
    except Fault as fault:
        raise fault.as_error(RealmRefusedError) from None


def check_realm(realm: str, registry_url: str, policy: RealmPolicy = DEFAULT_POLICY) -> None:
    """Raise :class:`~oci_core.errors.RealmRefusedError` unless the realm policy accepts ``realm``.

    >>> check_realm("https://auth.docker.io/token", "https://registry-1.docker.io/v2/")
    >>> check_realm("http://169.254.169.254/latest/meta-data/", "https://registry.example.com/v2/")
    Traceback (most recent call last):
    ...
    oci_core.errors.RealmRefusedError: realm must be https when the registry is reached over https: ...

    :raises RealmRefusedError: the policy refuses the realm.
    """
    resolve_realm(realm, registry_url, policy)


def _resolve(realm: object, registry_url: object, policy: RealmPolicy) -> str:
    # The caller's arguments (the session passes str): the wrong kind is a TypeError, not a refusal.
    if not isinstance(realm, str) or not isinstance(registry_url, str):
        raise TypeError("the realm and the registry URL must be str")
    if not isinstance(policy, RealmPolicy):  # pyright: ignore[reportUnnecessaryIsInstance]  # callers pass anything
        raise TypeError(f"policy must be a RealmPolicy, got {type(policy).__name__}")
    realm, registry_url = str.__str__(realm), str.__str__(registry_url)
    registry = _split(registry_url)
    if registry is None or not registry.host:
        raise Fault("the registry URL is not an absolute URL", text=registry_url)
    if not realm:
        raise Fault("the challenge's realm is empty")
    if _URL_CHARS.fullmatch(realm) is None:
        bad = next(index for index, char in enumerate(realm) if _URL_CHARS.fullmatch(char) is None)
        raise Fault("realm holds a character that is not allowed in a URL", text=realm, span=(bad, bad + 1))
    absolute = _absolute(realm, registry_url, registry)
    parts = _split(absolute)
    if parts is None:
        raise Fault("realm is neither an absolute URL nor a path on the registry", text=realm)
    if parts.scheme not in _DEFAULT_PORTS:
        raise Fault(f"realm must be an https URL, not {parts.scheme}", text=realm)
    if parts.scheme == "http" and registry.scheme != "http":
        raise Fault("realm must be https when the registry is reached over https", text=realm)
    if parts.userinfo is not None:
        raise Fault("realm may not carry userinfo (user:password@)", text=realm)
    if not parts.host:
        raise Fault("realm has no host", text=realm)
    host, refused = _canonical_host(parts.host, realm)
    registry_host = _origin_host(registry.host, registry_url)
    origin = f"{parts.scheme}://{host}:{parts.port}"
    if refused is not None and origin not in policy.trusted and (host, parts.port) != (registry_host, registry.port):
        raise Fault(f"realm host {host} is {refused}, and is not the registry's own host and port", text=realm)
    if policy.check is not None and not policy.check(host.strip("[]"), parts.port):
        raise Fault("the caller's realm policy refuses this host", text=realm)
    return absolute


def _absolute(realm: str, base_url: str, base: _URL) -> str:
    """``realm`` as an absolute URL: itself, or resolved against ``base_url`` (RFC 3986 §5.2.2)."""
    if _split(realm) is not None:
        return realm
    if realm.startswith("//"):
        return f"{base.scheme}:{realm}"
    origin_end = len(base_url) - len(base.rest)
    if realm.startswith("/"):
        return base_url[:origin_end] + _remove_dot_segments(realm)
    first = realm.split("/", 1)[0]
    if ":" in first:
        return realm  # a scheme without "//", or a colon where a relative path may not have one: refused by the caller
    if realm.startswith(("?", "#")):
        path = base.rest.split("?", 1)[0].split("#", 1)[0]
        return base_url[:origin_end] + path + realm
    path = base.rest.split("?", 1)[0].split("#", 1)[0]
    directory = path[: path.rfind("/") + 1] if "/" in path else "/"
    return base_url[:origin_end] + _remove_dot_segments(directory + realm)


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 §5.2.4 on a path (its query and fragment kept as they are)."""
    cut = len(path)
    for delimiter in "?#":
        index = path.find(delimiter)
        if index != -1 and index < cut:
            cut = index
    segments, tail = path[:cut].split("/"), path[cut:]
    out: list[str] = []
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == "..":
            if len(out) > 1:
                out.pop()
            if last:
                out.append("")
        elif segment == ".":
            if last:
                out.append("")
        else:
            out.append(segment)
    joined = "/".join(out)
    return (joined if joined.startswith("/") else "/" + joined) + tail


_ASCII_LOWER: Final = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _origin_host(host: str, url: str) -> str:
    """A host as origins compare it: IP addresses canonical, names in ASCII lower case, one trailing dot dropped.

    Unlike the realm check this accepts any host a registry URL may name
    (non-ASCII ones included); only ASCII letters are folded, so that no two
    different hosts ever share an origin.
    """
    if host.startswith("[") or (host.isascii() and "%" not in host):
        try:
            return _canonical_host(host, url)[0]
        except Fault:
            if host.startswith("["):
                raise
    name = host.translate(_ASCII_LOWER)
    return name[:-1] if name.endswith(".") else name


def _canonical_host(host: str, url: str) -> tuple[str, str | None]:
    """The host as an HTTP client will reach it, and what refused network it is in (or ``None``)."""
    if host.startswith("["):
        address = _ipv6(host[1:-1], url)
        return f"[{_format_ipv6(address)}]", _refused_ipv6(address)
    if not host.isascii():
        raise Fault("a realm host must be ASCII (IDNA-encoded): IDNA would map it first", text=url)
    if len(host) > _MAX_HOST:
        raise Fault(f"a realm host may be at most {_MAX_HOST} characters (RFC 1035)", text=url)
    if "%" in host:
        raise Fault("a realm host may not hold percent-encoded characters", text=url)
    name = host.translate(_ASCII_LOWER)
    if name.endswith("."):
        name = name[:-1]
    labels = name.split(".")
    if _NUMERIC_LABEL.fullmatch(labels[-1]) is not None:
        value = _inet_aton(labels, url)
        return _format_ipv4(value), _refused_ipv4(value)
    for label in labels:
        if _LABEL.fullmatch(label) is None:
            raise Fault(f"realm host {host!r} is not a valid host name", text=url)
    if name == "localhost" or name.endswith(".localhost"):
        return name, "a localhost name (RFC 6761: the loopback interface)"  # "realm host is a localhost name"
    return name, None


def _inet_aton(labels: list[str], url: str) -> int:
    """An IPv4 address in any spelling inet_aton(3) and WHATWG URL parsers accept (1 to 4 parts)."""
    if len(labels) > 4:
        raise Fault("realm host ends in a number but is not an IPv4 address", text=url)
    numbers: list[int] = []
    for label in labels:
        if _NUMERIC_LABEL.fullmatch(label) is None:
            raise Fault("realm host ends in a number but is not an IPv4 address", text=url)
        if label[:2] in ("0x", "0X"):
            numbers.append(int(label[2:] or "0", 16))
        elif len(label) > 1 and label.startswith("0"):
            if any(char in "89" for char in label):
                raise Fault("realm host has an octal part with the digit 8 or 9", text=url)
            numbers.append(int(label, 8))
        else:
            numbers.append(int(label))
    *head, last = numbers
    if any(number > 255 for number in head) or last >= 256 ** (5 - len(numbers)):
        raise Fault("realm host ends in a number but is not an IPv4 address", text=url)
    value = last
    for index, number in enumerate(head):
        value += number << (8 * (3 - index))
    return value


def _ipv6(text: str, url: str) -> int:
    if "%" in text:
        raise Fault("a realm host may not carry an IPv6 zone", text=url)
    import ipaddress  # only for IPv6 literals; keeps importing oci_core.auth cheap

    try:
        return int(ipaddress.IPv6Address(text))
    except ValueError:
        raise Fault(f"realm host [{text}] is not an IPv6 address", text=url) from None


def _format_ipv4(value: int) -> str:
    return ".".join(str((value >> shift) & 0xFF) for shift in (24, 16, 8, 0))


def _format_ipv6(value: int) -> str:
    import ipaddress

    return str(ipaddress.IPv6Address(value))


def _network_value(version: int, text: str) -> int:
    """A table entry's address as an integer (the table's plain spellings only, without ipaddress)."""
    if version == _V4:
        return _inet_aton(text.split("."), text)
    head, _, tail = text.partition("::")
    left = [int(group, 16) for group in head.split(":") if group]
    right = [int(group, 16) for group in tail.split(":") if group]
    value = 0
    for group in left + [0] * (8 - len(left) - len(right)) + right:
        value = value << 16 | group
    return value


def _in(value: int, bits: int, network: int, prefix: int) -> bool:
    shift = bits - prefix
    return value >> shift == network >> shift


def _refused_ipv4(value: int) -> str | None:
    for (version, network, prefix, what), (_, number, _, _) in zip(REFUSED_NETWORKS, _TABLE, strict=True):
        if version == _V4 and _in(value, 32, number, prefix):
            return f"in {network}/{prefix} ({what})"
    return None


def _refused_ipv6(value: int) -> str | None:
    for (version, network, prefix, what), (_, number, _, _) in zip(REFUSED_NETWORKS, _TABLE, strict=True):
        if version == _V6 and _in(value, 128, number, prefix):
            return f"in {network}/{prefix} ({what})"
    for embedding, prefix, offset in _EMBEDDED:
        if _in(value, 128, embedding, prefix):
            embedded = _refused_ipv4((value >> offset) & 0xFFFFFFFF)
            if embedded is not None:
                return f"{embedded}, embedded in an IPv6 address"
    return None


_TABLE: Final = tuple(
    (version, _network_value(version, network), prefix, what) for version, network, prefix, what in REFUSED_NETWORKS
)
_EMBEDDED: Final = tuple((_network_value(_V6, network), prefix, offset) for network, prefix, offset in _EMBEDDED_IPV4)


def trusted_origins(origins: Iterable[str]) -> frozenset[str]:
    """``origins`` written as :func:`origin_of` writes them, for :attr:`RealmPolicy.trusted`."""
    if isinstance(origins, (str, bytes, bytearray, memoryview)):
        raise TypeError(f"trusted_origins() takes an iterable of str, not {type(origins).__name__}")
    return frozenset(origin_of(origin) for origin in origins)
