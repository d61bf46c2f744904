"""Platforms: the ``platform`` object of image indexes, its specifier syntax, and matching.

A :class:`Platform` is the image-spec's platform object (image-index.md,
"platform"; config.md's ``os``, ``architecture``, ``variant``, ``os.version``,
``os.features``): what an image needs from the machine that runs it. This
module reads and writes it as JSON, parses and formats it in the specifier
syntax of containerd/platforms (``linux/arm64/v8``, ``windows(10.0.17763)/amd64``)
and in go-containerregistry's ``os/arch/variant:osversion`` form, normalises it
with containerd's tables (``aarch64`` -> ``arm64``, ``armhf`` -> ``arm/v7``,
``x86_64`` -> ``amd64``, ``macOS`` -> ``darwin``, ...), and decides which
platforms a host runs and which of them it prefers, with containerd's
semantics. The tables themselves are data, in :mod:`oci_core._platform_tables`.

Nothing here looks at the machine it runs on: where containerd would consult
``runtime.GOOS`` or ``/proc/cpuinfo``, the host platform is an argument.

The specifier grammar (containerd ``platforms.Parse``; ``pct-encoded`` is
``"%" HEXDIG HEXDIG``, decoding to UTF-8)::

    specifier  = os-part "/" arch [ "/" variant ]
               / os-part                 ; a known OS: the host's arch fills in
               / arch                    ; a known arch: the host's OS fills in
    os-part    = os [ "(" [ os-version ] *( "+" os-feature ) ")" ]
    os         = 1*( ALPHA / DIGIT / "_" / "-" )
    os-version = *( ALPHA / DIGIT / "_" / "." / "-" / pct-encoded )
    os-feature = 1*( ALPHA / DIGIT / "_" / "." / "-" / pct-encoded )
    arch       = 1*( ALPHA / DIGIT / "_" / "." / "-" )
    variant    = 1*( ALPHA / DIGIT / "_" / "." / "-" )

Parsing lower-cases the OS, architecture and variant and normalises them, but
keeps a variant that was spelled out (``linux/arm64/v8`` stays ``v8``, which
:func:`normalize_platform` drops) and leaves out the variant a bare
architecture implies (``linux/arm`` has none; normalised it is ``v7``).

>>> p = parse_platform("Linux/aarch64")
>>> p
Platform(os='linux', architecture='arm64', variant='', os_version='', os_features=(), features=())
>>> platform_matches(parse_platform("linux/arm64/v8"), parse_platform("linux/arm/v7"))
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, Protocol, cast

from . import _json
from . import _platform_tables as _tables
from ._fault import Fault
from .errors import InvalidPlatformError

if TYPE_CHECKING:
    from typing import TypeAlias

__all__ = [
    "COMPONENT_PATTERN",
    "OS_PATTERN",
    "AllMatcher",
    "AnyMatcher",
    "Matcher",
    "OnlyMatcher",
    "OnlyOSMatcher",
    "OrderedMatcher",
    "Platform",
    "WindowsMatcher",
    "all_platforms",
    "any_platform",
    "best_match",
    "cpu_variant_from_arch",
    "cpu_variant_from_cpuinfo",
    "default_matcher",
    "format_platform",
    "format_platform_all",
    "format_platform_ggcr",
    "normalize_arch",
    "normalize_os",
    "normalize_platform",
    "only",
    "only_os",
    "only_strict",
    "ordered",
    "parse_platform",
    "parse_platform_ggcr",
    "platform_equals",
    "platform_matches",
    "platform_satisfies",
    "rank_platforms",
]

# -- the grammar, in named fragments -----------------------------------------

#: One specifier component after the first (an architecture or a variant).
COMPONENT_PATTERN: Final = r"[A-Za-z0-9_.-]+"
_OS_NAME = r"[A-Za-z0-9_-]+"
_OS_OPTION_CHARS = r"[A-Za-z0-9_.%-]"
#: The first component: ``os[(os.version[+os.feature]*)]``, three groups.
OS_PATTERN: Final = rf"({_OS_NAME})(?:\(({_OS_OPTION_CHARS}*)((?:\+{_OS_OPTION_CHARS}+)*)\))?"

# Each repetition is delimited by a character outside the repeated class, so
# these cannot backtrack; fullmatch because ``$`` would accept a trailing "\n".
_OS_RE: Final = re.compile(OS_PATTERN)
_COMPONENT_RE: Final = re.compile(COMPONENT_PATTERN)
_NOT_COMPONENT_RE: Final = re.compile(r"[^A-Za-z0-9_.-]")
_NOT_OS_PART_RE: Final = re.compile(r"[^A-Za-z0-9_.%+()-]")
_BAD_PERCENT_RE: Final = re.compile(r"%(?![0-9A-Fa-f]{2})")
_PERCENT_RE: Final = re.compile(r"%([0-9A-Fa-f]{2})")
_SURROGATE_RE: Final = re.compile("[\ud800-\udfff]")

_PLAIN_OPTION_RE: Final = re.compile(r"[A-Za-z0-9_.-]*")
_PLAIN_OPTION_CHARS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")
_ASCII_LOWER: Final = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# Go's unicode.IsSpace, which strings.TrimSpace uses (str.strip() would also
# strip U+001C..U+001F).
_GO_SPACE: Final = (
    "\t\n\v\f\r \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)

# A hostile caller may send many distinct long specifiers; only short ones are
# remembered, and only so many.
_MEMO_MAX_LEN: Final = 64
_MEMO_MAX_ENTRIES: Final = 512


# -- the value ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Platform:
    """The platform an image needs: image-spec's ``platform`` object.

    >>> Platform("linux", "arm64", "v8")
    Platform(os='linux', architecture='arm64', variant='v8', os_version='', os_features=(), features=())
    >>> str(Platform("windows", "amd64", os_version="10.0.17763"))
    'windows(10.0.17763)/amd64'

    Fields hold the values as given (``""`` and ``()`` for absent ones); they
    are not normalised (see :func:`normalize_platform`). ``features`` is
    go-containerregistry's and Docker's CPU feature list, which image-spec 1.1
    reserves. Lists given for the two tuple fields are turned into tuples;
    anything but strings raises :class:`TypeError`.
    """

    os: str
    architecture: str
    variant: str = ""
    os_version: str = ""
    os_features: tuple[str, ...] = ()
    features: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("os", "architecture", "variant", "os_version"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"Platform.{name} must be a str, got {type(getattr(self, name)).__name__}")
        for name in ("os_features", "features"):
            value: object = getattr(self, name)
            if type(value) is not tuple:
                if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
                    raise TypeError(f"Platform.{name} must be a tuple of str, got {type(value).__name__}")
                value = tuple(value)
                object.__setattr__(self, name, value)
            for item in cast("tuple[object, ...]", value):
                if not isinstance(item, str):
                    raise TypeError(f"Platform.{name} must hold only str, got {type(item).__name__}")

    def __str__(self) -> str:
        return format_platform_all(self)

    @classmethod
    def from_json_object(cls, value: object) -> Platform:
        """Read a parsed JSON ``platform`` object (image-index.md).

        >>> Platform.from_json_object({"architecture": "arm64", "os": "linux", "variant": "v8"})
        Platform(os='linux', architecture='arm64', variant='v8', os_version='', os_features=(), features=())

        ``architecture`` and ``os`` are required strings (the image-spec
        schema's rule), ``os.version`` and ``variant`` optional strings,
        ``os.features`` and ``features`` (Docker's and go-containerregistry's
        CPU features) optional arrays of strings; unknown members are
        ignored. ``value`` is held to the rules the byte readers apply: only
        JSON values, string keys, no lone surrogates or noncharacters; a
        ``str`` subclass is read as the plain string it holds.

        :raises InvalidPlatformError: with the RFC 6901 pointer of the member,
            relative to ``value`` (``/architecture``).
        """
        given = value  # never narrowed below, for the general reader
        try:
            if type(value) is dict:
                members = cast("dict[object, object]", value)
                for key, member in members.items():
                    # The common case: plain ASCII strings under the string members' names, which no
                    # rule of the byte readers can refuse, and nothing else to read.
                    if type(key) is not str or key not in _JSON_STRINGS or type(member) is not str:
                        break
                    if not member.isascii():
                        break
                else:
                    plain = cast("dict[str, str]", members)
                    os, architecture = plain.get("os"), plain.get("architecture")
                    if os is not None and architecture is not None:
                        return _make(os, architecture, plain.get("variant", ""), plain.get("os.version", ""))
            checked = _json.checked_value(given)
            if type(checked) is not dict:
                raise Fault(f"a platform must be an object, got {_json.kind(checked)}", pointer="")
            return _make(
                _json.require_str(checked, "os", ""),
                _json.require_str(checked, "architecture", ""),
                _json.get_str(checked, "variant", "") or "",
                _json.get_str(checked, "os.version", "") or "",
                _json.get_str_list(checked, "os.features", "") or (),
                _json.get_str_list(checked, "features", "") or (),
            )
        except Fault as fault:
            raise fault.as_error(InvalidPlatformError) from None

    def to_json_object(self) -> dict[str, str | list[str]]:
        """The JSON object, members in the image-spec Go struct's order, empty ones left out.

        >>> Platform("linux", "arm64", "v8").to_json_object()
        {'architecture': 'arm64', 'os': 'linux', 'variant': 'v8'}

        ``architecture`` and ``os`` are always written; the rest are
        ``omitempty`` upstream. ``features`` comes last, as in Docker's
        ``PlatformSpec`` and go-containerregistry's ``v1.Platform``.
        """
        obj: dict[str, str | list[str]] = {"architecture": self.architecture, "os": self.os}
        if self.os_version:
            obj["os.version"] = self.os_version
        if self.os_features:
            obj["os.features"] = list(self.os_features)
        if self.variant:
            obj["variant"] = self.variant
        if self.features:
            obj["features"] = list(self.features)
        return obj

    def to_json(self) -> bytes:
        """The JSON bytes Go's ``encoding/json`` writes for this platform.

        >>> Platform("linux", "amd64").to_json()
        b'{"architecture":"amd64","os":"linux"}'
        """
        return _json.dumps(self.to_json_object(), floats=False)


# The members from_json_object reads as strings: a dict of only these, holding
# plain ASCII strings, needs no other check.
_JSON_STRINGS: Final = frozenset({"architecture", "os", "variant", "os.version"})


class _Assembly:
    """Platform's slot layout without its frozen ``__setattr__``.

    The parser fills one in with values it has already checked and assigns
    ``__class__ = Platform``, which Python allows between classes of
    identical layout: the result is a Platform in every respect, ``type()``
    included. Plain attribute stores are the cheapest way to fill slots; a
    frozen dataclass's ``__init__`` goes through ``object.__setattr__``.
    """

    __slots__ = ("os", "architecture", "variant", "os_version", "os_features", "features")
    os: str
    architecture: str
    variant: str
    os_version: str
    os_features: tuple[str, ...]
    features: tuple[str, ...]


def _make(
    os: str,
    architecture: str,
    variant: str = "",
    os_version: str = "",
    os_features: tuple[str, ...] = (),
    features: tuple[str, ...] = (),
) -> Platform:
    platform = _Assembly()
    platform.os = os
    platform.architecture = architecture
    platform.variant = variant
    platform.os_version = os_version
    platform.os_features = os_features
    platform.features = features
    platform.__class__ = Platform  # type: ignore[assignment]
    return platform  # type: ignore[return-value]


# -- normalisation ----------------------------------------------------------------


def _ascii_lower(text: str) -> str:
    # containerd lower-cases with Go's Unicode strings.ToLower. The specifier
    # grammar is ASCII and no table holds anything else, so only A-Z is folded
    # here: "İ".lower() is two characters in Python and one in Go, and no
    # non-ASCII name could ever normalise to a known one anyway.
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)


def normalize_os(os: str) -> str:
    """containerd's ``normalizeOS``: lower-cased, ``macos`` spelled ``darwin``.

    >>> normalize_os("macOS")
    'darwin'

    Unlike containerd, an empty OS stays empty: the host OS is not known here.
    """
    lowered = _ascii_lower(os)
    return _tables.OS_ALIASES.get(lowered, lowered)


def normalize_arch(architecture: str, variant: str = "") -> tuple[str, str]:
    """containerd's ``normalizeArch``: the canonical (architecture, variant).

    >>> normalize_arch("aarch64", "v8")
    ('arm64', '')
    >>> normalize_arch("armhf")
    ('arm', 'v7')
    """
    arch = _ascii_lower(architecture)
    var = _ascii_lower(variant)
    alias = _tables.ARCH_ALIASES.get(arch)
    if alias is None:
        return arch, var
    arch, forced = alias
    if forced is not None:
        return arch, forced
    aliases = _tables.VARIANT_ALIASES.get(arch)
    return arch, (var if aliases is None else aliases.get(var, var))


def normalize_platform(platform: Platform) -> Platform:
    """containerd's ``Normalize``: canonical names, OS features sorted and unique.

    >>> normalize_platform(Platform("Linux", "x86_64", os_features=("b", "a", "b")))
    Platform(os='linux', architecture='amd64', variant='', os_version='', os_features=('a', 'b'), features=())

    ``os_version`` and ``features`` are kept as they are. Normalising twice
    gives the same platform as normalising once.
    """
    os = normalize_os(platform.os)
    arch, variant = normalize_arch(platform.architecture, platform.variant)
    features = platform.os_features
    if features:
        features = tuple(sorted(set(features)))
    if (
        os == platform.os
        and arch == platform.architecture
        and variant == platform.variant
        and features == platform.os_features
    ):
        return platform
    return _make(os, arch, variant, platform.os_version, features, platform.features)


# -- containerd's specifiers ----------------------------------------------------

_memo: dict[str, Platform] = {}
_KNOWN_OSES: Final = _tables.KNOWN_OSES
_KNOWN_ARCHES: Final = _tables.KNOWN_ARCHES
_PLAIN_VARIANTS: Final = _tables.PLAIN_VARIANTS


def parse_platform(spec: str, *, host: Platform | None = None) -> Platform:
    """Parse a containerd platform specifier (see the module docstring).

    >>> parse_platform("linux/arm64/v8")
    Platform(os='linux', architecture='arm64', variant='v8', os_version='', os_features=(), features=())
    >>> parse_platform("windows(10.0.17763+win32k)/amd64").os_features
    ('win32k',)
    >>> parse_platform("arm64", host=Platform("linux", "amd64"))
    Platform(os='linux', architecture='arm64', variant='', os_version='', os_features=(), features=())

    A specifier of one component that names a known OS takes the architecture
    of ``host`` (and its variant when that is arm other than v7); one that
    names a known architecture takes the OS of ``host``. containerd asks the
    running machine; here, without ``host`` such a specifier raises
    :class:`~oci_core.errors.InvalidPlatformError`, as does any text outside
    the grammar, a wildcard, and percent-encoding that is malformed or does
    not decode to UTF-8.
    """
    if type(spec) is not str:
        return _parse(spec, host)
    known = _memo.get(spec)
    if known is not None:
        return known
    # Fast path: os/arch[/variant] already in normal form, recognised by set
    # lookups alone (the tables are checked against _parse by tests, and bound
    # the length, so the memo's length limit holds).
    parts = spec.split("/")
    if len(parts) == 3:
        os, arch, variant = parts
        if os not in _KNOWN_OSES or variant not in _PLAIN_VARIANTS.get(arch, ()):
            return _parse(spec, host)
    elif len(parts) == 2:
        os, arch = parts
        variant = ""
        if os not in _KNOWN_OSES or arch not in _KNOWN_ARCHES:
            return _parse(spec, host)
    else:
        return _parse(spec, host)
    platform = _Assembly()
    platform.os = os
    platform.architecture = arch
    platform.variant = variant
    platform.os_version = ""
    platform.os_features = ()
    platform.features = ()
    platform.__class__ = Platform  # type: ignore[assignment]
    if len(_memo) >= _MEMO_MAX_ENTRIES:
        _memo.clear()
    _memo[spec] = platform  # type: ignore[assignment]
    return platform  # type: ignore[return-value]


def _remember(spec: str, platform: Platform) -> Platform:
    if len(spec) <= _MEMO_MAX_LEN:
        if len(_memo) >= _MEMO_MAX_ENTRIES:
            _memo.clear()
        _memo[spec] = platform
    return platform


def _error(message: str, spec: str, start: int, end: int) -> InvalidPlatformError:
    return InvalidPlatformError(message, text=spec, span=(start, end))


def _parse(spec: object, host: Platform | None) -> Platform:
    if not isinstance(spec, str):
        raise InvalidPlatformError(f"a platform specifier must be a str, got {type(spec).__name__}")
    if host is not None and not isinstance(host, Platform):
        raise TypeError(f"host must be a Platform or None, got {type(host).__name__}")
    star = spec.find("*")
    if star >= 0:
        raise _error("invalid platform specifier: wildcards not yet supported", spec, star, star + 1)
    parts = spec.split("/", 3)  # Go's SplitN(spec, "/", 4)
    os_part = parts[0]
    match = _OS_RE.fullmatch(os_part)
    if match is None:
        bad = _NOT_OS_PART_RE.search(os_part)
        start, end = (bad.start(), bad.end()) if bad else (0, len(os_part))
        raise _error("invalid OS component: must be <os>[(<os.version>[+<os.feature>]*)]", spec, start, end)
    os = normalize_os(match[1])
    os_version = _decode_option(match[2] or "", spec, match.start(2))
    os_features: tuple[str, ...] = ()
    if match[3]:
        offset = match.start(3) + 1
        decoded = []
        for raw in match[3][1:].split("+"):
            decoded.append(_decode_option(raw, spec, offset))
            offset += len(raw) + 1
        os_features = tuple(decoded)
    if len(parts) > 3:
        start = len(spec) - len(parts[3]) - 1
        raise _error("too many components: a specifier is at most os/arch/variant", spec, start, len(spec))
    offset = len(os_part) + 1
    for part in parts[1:]:
        if _COMPONENT_RE.fullmatch(part) is None:
            bad = _NOT_COMPONENT_RE.search(part)
            start = offset + (bad.start() if bad else 0)
            message = f"invalid platform specifier component: must match {COMPONENT_PATTERN}"
            raise _error(message, spec, start, start + 1)
        offset += len(part) + 1

    if len(parts) == 1:
        if os in _tables.KNOWN_OSES:
            if host is None:
                raise _error("an OS alone takes its architecture from host=, which is None", spec, 0, len(os_part))
            host = normalize_platform(host)
            # containerd takes runtime.GOARCH and, on arm only, the CPU's
            # variant, which it leaves out when it is v7 (as a bare arm does).
            omitted = _tables.BARE_ARCH_VARIANT.get(host.architecture)
            variant = host.variant if omitted is not None and host.variant != omitted else ""
            return _make(os, host.architecture, variant, os_version, os_features)
        arch, variant = _bare_arch(os_part)
        if arch in _tables.KNOWN_ARCHES:
            if host is None:
                raise _error("an architecture alone takes its OS from host=, which is None", spec, 0, len(os_part))
            return _make(normalize_os(host.os), arch, variant)
        raise _error("unknown operating system or architecture", spec, 0, len(spec))
    if len(parts) == 2:
        arch, variant = _bare_arch(parts[1])
    else:
        arch, variant = normalize_arch(parts[1], parts[2])
        if not variant:
            variant = _tables.SPELLED_VARIANT.get(arch, "")
    return _remember(spec, _make(os, arch, variant, os_version, os_features))


def _bare_arch(text: str) -> tuple[str, str]:
    arch, variant = normalize_arch(text)
    if _tables.BARE_ARCH_VARIANT.get(arch) == variant:
        variant = ""
    return arch, variant


def _decode_option(raw: str, spec: str, start: int) -> str:
    """url.PathUnescape of an os.version or os.feature, which must give UTF-8."""
    if "%" not in raw:
        return raw
    bad = _BAD_PERCENT_RE.search(raw)
    if bad is not None:
        at = start + bad.start()
        raise _error("invalid percent-encoding: '%' must start %XX", spec, at, min(at + 3, start + len(raw)))
    latin1 = _PERCENT_RE.sub(lambda m: chr(int(m[1], 16)), raw)
    try:
        # Go keeps whatever bytes come out; a Python str must be text.
        return latin1.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        raise _error("percent-encoded bytes are not UTF-8", spec, start, start + len(raw)) from None


def format_platform(platform: Platform) -> str:
    """containerd's ``Format``: ``os/arch/variant``, empty parts left out.

    >>> format_platform(Platform("linux", "arm", "v7", os_version="1"))
    'linux/arm/v7'

    A platform without an OS formats as ``unknown``. Unlike Go's
    ``path.Join``, dot segments in the values are not resolved away.
    """
    if not platform.os:
        return "unknown"
    return "/".join(part for part in (platform.os, platform.architecture, platform.variant) if part)


def format_platform_all(platform: Platform) -> str:
    """containerd's ``FormatAll``: :func:`format_platform` with ``(os.version+os.features)``.

    >>> format_platform_all(Platform("windows", "amd64", os_version="10.0+build", os_features=("win32k",)))
    'windows(10.0%2Bbuild+win32k)/amd64'

    The OS features are sorted and empty ones skipped. In the options, ``%``,
    ``+``, ``(``, ``)`` and ``/`` are percent-encoded as upstream does, and
    so is anything else outside ``[A-Za-z0-9_.-]`` (upstream writes it raw,
    which no parser reads back), so the result always parses back to the
    same version and features.
    """
    if not platform.os:
        return "unknown"
    options = _encode_option(platform.os_version)
    if platform.os_features:
        options += "".join("+" + _encode_option(feature) for feature in sorted(platform.os_features) if feature)
    head = f"{platform.os}({options})" if options else platform.os
    return "/".join(part for part in (head, platform.architecture, platform.variant) if part)


def _encode_option(value: str) -> str:
    """Percent-encode what the grammar does not take as it is.

    containerd encodes only "%", "+", "(", ")" and "/" and writes any other
    character raw, which its own Parse then refuses; encoding every such
    character (as UTF-8, upper-case hex like upstream's "%2B") gives the same
    text wherever upstream's parses back, and parseable text everywhere else.
    """
    if _PLAIN_OPTION_RE.fullmatch(value) is not None:
        return value
    encoded = []
    for char in value:
        if char in _PLAIN_OPTION_CHARS:
            encoded.append(char)
        else:
            encoded.extend(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))
    return "".join(encoded)


# -- go-containerregistry's form ---------------------------------------------------


def parse_platform_ggcr(text: str) -> Platform:
    """go-containerregistry's ``v1.ParsePlatform``: ``os[/arch[/variant]][:os.version]``.

    >>> parse_platform_ggcr("windows/amd64:10.0.17763.1234")
    Platform(os='windows', architecture='amd64', variant='', os_version='10.0.17763.1234', os_features=(), features=())

    Values are taken as written: neither checked against a grammar nor
    normalised. Surrounding white space is ignored. More than two slashes
    raise :class:`~oci_core.errors.InvalidPlatformError`, and so (where
    go-containerregistry silently drops the version) does more than one
    ``:``, and so does a lone surrogate.
    """
    if not isinstance(text, str):
        raise InvalidPlatformError(f"a platform must be a str, got {type(text).__name__}")
    if not text.isascii():
        surrogate = _SURROGATE_RE.search(text)
        if surrogate is not None:
            raise _error("platform holds a lone surrogate", text, surrogate.start(), surrogate.end())
    stripped = text.strip(_GO_SPACE)
    head, _, os_version = stripped.partition(":")
    if ":" in os_version:
        at = text.find(":", text.find(":") + 1)
        raise _error("more than one ':' in platform spec", text, at, at + 1)
    parts = head.split("/")
    if len(parts) > 3:
        at = -1
        for _ in range(3):
            at = text.find("/", at + 1)
        raise _error("too many slashes in platform spec", text, at, at + 1)
    parts += ["", ""]
    return _make(parts[0], parts[1], parts[2], os_version)


def format_platform_ggcr(platform: Platform) -> str:
    """go-containerregistry's ``Platform.String``: ``os[/arch][/variant][:os.version]``.

    >>> format_platform_ggcr(Platform("linux", "arm64", "v8", os_version="5.15"))
    'linux/arm64/v8:5.15'

    A platform without an OS formats as ``""``. The OS features and CPU
    features are not represented.
    """
    if not platform.os:
        return ""
    text = platform.os
    if platform.architecture:
        text += "/" + platform.architecture
    if platform.variant:
        text += "/" + platform.variant
    if platform.os_version:
        text += ":" + platform.os_version
    return text


def platform_equals(a: Platform, b: Platform) -> bool:
    """go-containerregistry's ``Platform.Equals``: equal, feature lists compared in any order.

    >>> a, b = Platform("linux", "amd64", features=("sse4", "aes")), Platform("linux", "amd64", features=("aes", "sse4"))
    >>> platform_equals(a, b), a == b
    (True, False)
    """
    return (
        a.os == b.os
        and a.architecture == b.architecture
        and a.variant == b.variant
        and a.os_version == b.os_version
        and sorted(a.os_features) == sorted(b.os_features)
        and sorted(a.features) == sorted(b.features)
    )


def platform_satisfies(spec: Platform, candidate: Platform) -> bool:
    """go-containerregistry's ``candidate.Satisfies(spec)``: every requirement of ``spec`` holds.

    >>> platform_satisfies(Platform("linux", ""), Platform("linux", "amd64", os_version="5.0"))
    True

    An empty field of ``spec`` requires nothing; a non-empty one must equal
    the candidate's. The spec's OS features and features must all be among
    the candidate's. Values are compared as written, not normalised.
    """
    return (
        (not spec.os or spec.os == candidate.os)
        and (not spec.architecture or spec.architecture == candidate.architecture)
        and (not spec.variant or spec.variant == candidate.variant)
        and (not spec.os_version or spec.os_version == candidate.os_version)
        and set(spec.os_features) <= set(candidate.os_features)
        and set(spec.features) <= set(candidate.features)
    )


# -- Windows builds ---------------------------------------------------------------

_WindowsVersion: TypeAlias = "tuple[int, int, int]"
_NO_WINDOWS_VERSION: Final = (0, 0, 0)


def _go_parse_uint(text: str, bits: int) -> int | None:
    """strconv.ParseUint(text, 10, bits): ASCII digits only, in range."""
    if not (text.isascii() and text.isdigit()):
        return None
    digits = text.lstrip("0")
    if len(digits) > 20:  # beyond uint64, and int() of it would be slow
        return None
    value = int(digits or "0")
    return value if value < 1 << bits else None


def _windows_version(os_version: str) -> _WindowsVersion:
    """getWindowsOSVersion: (major, minor, build), or (0, 0, 0) when unreadable."""
    if os_version.count(".") < 2:
        return _NO_WINDOWS_VERSION
    major, _, rest = os_version.partition(".")
    minor, _, rest = rest.partition(".")
    build = rest.partition(".")[0]
    numbers = (_go_parse_uint(major, 8), _go_parse_uint(minor, 8), _go_parse_uint(build, 16))
    if numbers[0] is None or numbers[1] is None or numbers[2] is None:
        return _NO_WINDOWS_VERSION
    return numbers[0], numbers[1], numbers[2]


def _windows_runs(host: _WindowsVersion, container_os_version: str) -> bool:
    """windowsVersionMatcher.Match: can a host of this build run that container?"""
    if host == _NO_WINDOWS_VERSION or not container_os_version:
        return True
    container = _windows_version(container_os_version)
    if host[:2] != container[:2]:
        return False
    ltsc = _tables.WINDOWS_LTSC_COMPAT_BUILDS
    if host[2] < ltsc[0]:
        return host[2] == container[2]
    supported = max(build for build in ltsc if build <= host[2])
    return supported <= container[2] <= host[2]


def _natural_descending(text: str) -> tuple[int, ...]:
    """A sort key putting higher versions first, runs of digits compared as numbers.

    "10.0.17763.10" comes before "10.0.17763.9", a longer string before its
    own prefix, and "" last. Linear in the length; no int() of long runs.
    """
    key: list[int] = []
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if "0" <= char <= "9":
            end = index
            while end < length and "0" <= text[end] <= "9":
                end += 1
            digits = text[index:end].lstrip("0")
            key.append(0)
            key.append(-len(digits))
            key.extend(-ord(digit) for digit in digits)
            index = end
        else:
            key.append(1)
            key.append(-ord(char))
            index += 1
    key.append(2)
    return tuple(key)


# -- matching ---------------------------------------------------------------------


class Matcher(Protocol):
    """What containerd calls a MatchComparer: a test and an order on platforms.

    ``key(p)`` sorts the platforms a matcher prefers first; it begins with 0
    exactly when ``match(p)``. ``less(a, b)`` is ``key(a) < key(b)``, which is
    containerd's ``Less`` for the same matcher.
    """

    def match(self, platform: Platform) -> bool:
        """Whether a host with this matcher runs ``platform``."""
        ...

    def less(self, a: Platform, b: Platform) -> bool:
        """Whether ``a`` is preferred to ``b``."""
        ...

    def key(self, platform: Platform) -> tuple[int, ...]:
        """A sort key: preferred platforms sort first."""
        ...


@dataclass(frozen=True, slots=True)
class _Requirement:
    """The OS side of containerd's NewMatcher for one normalised platform."""

    os: str
    windows: _WindowsVersion | None  # set when the OS is windows
    os_features: frozenset[str]

    @staticmethod
    def of(platform: Platform) -> _Requirement:
        windows = _windows_version(platform.os_version) if platform.os == "windows" else None
        return _Requirement(platform.os, windows, frozenset(platform.os_features))

    def admits(self, candidate: Platform, normal: Platform, *, features: bool = True) -> bool:
        """OS equal, os.version runnable (Windows), OS features a subset."""
        if normal.os != self.os:
            return False
        if self.windows is not None and not _windows_runs(self.windows, candidate.os_version):
            return False
        if features:
            for feature in normal.os_features:
                if feature not in self.os_features:
                    return False
        return True


def _ordered_key(first_index: Callable[[Platform, Platform, bool], int | None], platform: Platform) -> tuple[int, ...]:
    """orderedPlatformComparer.Less as a key.

    The earliest matching entry wins; at the same entry, more OS features
    win; among platforms nothing matches, those that would match without
    their OS features come first, by the same rule.
    """
    normal = normalize_platform(platform)
    index = first_index(platform, normal, True)
    if index is not None:
        return (0, index, -len(platform.os_features))
    if platform.os_features:
        index = first_index(platform, normal, False)
        if index is not None:
            return (1, index, 0)
    return (2, 0, 0)


@dataclass(frozen=True, slots=True)
class _Countdown:
    """Variants ``v<high>``, ``v<high-1>``, ... ``v<low>`` of one architecture, in that order."""

    architecture: str
    high: int
    low: int

    @property
    def size(self) -> int:
        return self.high - self.low + 1

    def position(self, architecture: str, variant: str) -> int | None:
        if architecture != self.architecture or len(variant) < 2 or variant[0] != "v" or variant[1] == "0":
            return None
        digits = variant[1:]
        if len(digits) > 19 or not (digits.isascii() and digits.isdigit()):
            return None
        number = int(digits)
        return self.high - number if self.low <= number <= self.high else None


_Segment: TypeAlias = "tuple[str, str] | _Countdown"


def _go_atoi(text: str) -> int | None:
    """strconv.Atoi: optional sign, ASCII digits, within int64."""
    digits = text[1:] if text[:1] in ("+", "-") else text
    if not (digits.isascii() and digits.isdigit()):
        return None
    digits = digits.lstrip("0")
    if len(digits) > 19:
        return None
    value = int(digits or "0")
    if text[:1] == "-":
        value = -value
    return value if -(1 << 63) <= value < 1 << 63 else None


def _utf8_length(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def _compatible_variants(architecture: str, variant: str) -> tuple[_Segment, ...]:
    """containerd's platformVector, as (architecture, variant) pairs and countdowns.

    Each entry is normalised, as NewMatcher normalises it. A long run of
    lower variants ("amd64/v1000000000" runs every v<N> below) is one
    countdown rather than a list, so matching stays linear in the input.
    """
    segments: list[_Segment] = [normalize_arch(architecture, variant)]
    floor = _tables.VARIANT_FLOORS.get(architecture)
    if floor is not None:
        number = _go_atoi(variant.removeprefix("v"))
        if number is not None and number > floor:
            low = floor + 1 if normalize_arch(architecture, f"v{floor}")[1] != f"v{floor}" else floor
            if number - 1 >= low:
                segments.append(_Countdown(architecture, number - 1, low))
            if low != floor:  # the floor variant's normal form is spelled differently (amd64 v1 is "")
                segments.append(normalize_arch(architecture, f"v{floor}"))
    if architecture == "arm64":
        segments.extend(_arm64_variants(variant or "v8"))
        if variant[:3] in ("v8.", "v9."):
            variant = "v8"
        segments.extend(_compatible_variants(_tables.ARCH_FALLBACKS["arm64"], variant or "v8"))
    elif architecture in _tables.ARCH_FALLBACKS:
        segments.append((_tables.ARCH_FALLBACKS[architecture], ""))
    return tuple(segments)


def _arm64_variants(variant: str) -> list[_Segment]:
    """The arm64 part of platformVector: v9.x runs v9.{x-1..0} and v8.{min(x+5, 9)..0}."""
    out: list[_Segment] = []
    major_text, dot, minor_text = variant.partition(".")
    major = _go_atoi(major_text.removeprefix("v"))
    if major is None or major < 8:
        return out
    minor = 0
    if _utf8_length(variant) == 4 and dot:  # upstream reads a minor only from "vN.M"-sized text
        parsed = _go_atoi(minor_text)
        if parsed is not None:
            minor = parsed
    if major == 9:
        out.extend(normalize_arch("arm64", f"v9.{m}" if m else "v9") for m in range(minor - 1, -1, -1))
        minor = min(minor + _tables.ARM64_V9_TO_V8_MINOR_OFFSET, _tables.ARM64_MAX_V8_MINOR)
        major = 8
        out.append(normalize_arch("arm64", f"v8.{minor}"))
    out.extend(normalize_arch("arm64", f"v{major}.{m}" if m else f"v{major}") for m in range(minor - 1, -1, -1))
    return out


def _index_in(segments: tuple[_Segment, ...], architecture: str, variant: str) -> int | None:
    offset = 0
    for segment in segments:
        if type(segment) is tuple:
            if segment[0] == architecture and segment[1] == variant:
                return offset
            offset += 1
        else:
            assert isinstance(segment, _Countdown)
            position = segment.position(architecture, variant)
            if position is not None:
                return offset + position
            offset += segment.size
    return None


class _KeyOrder:
    """``less`` from ``key``, which every matcher here defines (so that the two always agree)."""

    __slots__ = ()

    def key(self, platform: Platform) -> tuple[int, ...]:
        raise NotImplementedError

    def less(self, a: Platform, b: Platform) -> bool:
        """containerd's ``Less``: whether ``a`` is preferred to ``b``."""
        return self.key(a) < self.key(b)


class _IndexMatcher(_KeyOrder):
    """A matcher whose preference is the index of the first platform a candidate matches."""

    __slots__ = ()

    def _first_index(self, candidate: Platform, normal: Platform, features: bool) -> int | None:
        raise NotImplementedError

    def match(self, platform: Platform) -> bool:
        """Whether ``platform`` matches (see the class)."""
        return self._first_index(platform, normalize_platform(platform), True) is not None

    def key(self, platform: Platform) -> tuple[int, ...]:
        """Sort key: matches first, by the index of what they match."""
        return _ordered_key(self._first_index, platform)


@dataclass(frozen=True, slots=True)
class OnlyMatcher(_IndexMatcher):
    """containerd's ``Only``: what a host of ``platform`` runs, its own platform first.

    The OS must be the same (for Windows, a build the host runs) and the
    candidate's OS features among the host's; the architecture may be one the
    host also runs: amd64/vN runs amd64 v(N-1) ... v1 and then 386; arm/vN
    runs arm v(N-1) ... v5; arm64/v9.x runs v9.(x-1) ... v9, v8.(x+5) ... v8,
    then arm/v8 ... v5; arm64 (v8) runs arm/v8 ... v5. Earlier in that list
    is preferred.

    >>> only(Platform("linux", "amd64")).match(Platform("linux", "386"))
    True
    """

    platform: Platform
    _requirement: _Requirement = field(init=False, repr=False, compare=False)
    _segments: tuple[_Segment, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        normal = normalize_platform(self.platform)
        object.__setattr__(self, "platform", normal)
        object.__setattr__(self, "_requirement", _Requirement.of(normal))
        object.__setattr__(self, "_segments", _compatible_variants(normal.architecture, normal.variant))

    def _first_index(self, candidate: Platform, normal: Platform, features: bool) -> int | None:
        if not self._requirement.admits(candidate, normal, features=features):
            return None
        return _index_in(self._segments, normal.architecture, normal.variant)



class _EntriesMixin(_IndexMatcher):
    __slots__ = ()
    _entries: tuple[tuple[Platform, _Requirement], ...]

    def _first_index(self, candidate: Platform, normal: Platform, features: bool) -> int | None:
        for index, (entry, requirement) in enumerate(self._entries):
            if (
                entry.architecture == normal.architecture
                and entry.variant == normal.variant
                and requirement.admits(candidate, normal, features=features)
            ):
                return index
        return None


def _entries(platforms: tuple[Platform, ...]) -> tuple[tuple[Platform, _Requirement], ...]:
    return tuple((platform, _Requirement.of(platform)) for platform in platforms)


def _normal_tuple(platforms: Iterable[Platform]) -> tuple[Platform, ...]:
    normal = []
    for platform in platforms:
        if not isinstance(platform, Platform):
            raise TypeError(f"expected a Platform, got {type(platform).__name__}")
        normal.append(normalize_platform(platform))
    return tuple(normal)


@dataclass(frozen=True, slots=True)
class OrderedMatcher(_EntriesMixin):
    """containerd's ``Ordered``: any of ``platforms`` exactly, earlier ones preferred.

    Each platform matches as containerd's ``NewMatcher``: the same normalised
    OS, architecture and variant, a runnable Windows build, and OS features
    among its own.

    >>> ordered(Platform("linux", "arm64")).match(Platform("linux", "aarch64", "v8"))
    True
    """

    platforms: tuple[Platform, ...]
    _entries: tuple[tuple[Platform, _Requirement], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        normal = _normal_tuple(self.platforms)
        object.__setattr__(self, "platforms", normal)
        object.__setattr__(self, "_entries", _entries(normal))



@dataclass(frozen=True, slots=True)
class AnyMatcher(_EntriesMixin):
    """containerd's ``Any``: any of ``platforms`` exactly, none preferred over another.

    Among matches, more OS features are preferred.
    """

    platforms: tuple[Platform, ...]
    _entries: tuple[tuple[Platform, _Requirement], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        normal = _normal_tuple(self.platforms)
        object.__setattr__(self, "platforms", normal)
        object.__setattr__(self, "_entries", _entries(normal))

    def key(self, platform: Platform) -> tuple[int, ...]:
        """Sort key: matches first (more OS features first), then near matches."""
        normal = normalize_platform(platform)
        if self._first_index(platform, normal, True) is not None:
            return (0, -len(platform.os_features))
        if platform.os_features and self._first_index(platform, normal, False) is not None:
            return (1, 0)
        return (2, 0)


@dataclass(frozen=True, slots=True)
class AllMatcher(_KeyOrder):
    """containerd's ``All``: every platform, none preferred."""

    def match(self, platform: Platform) -> bool:
        """Always true."""
        return True

    def key(self, platform: Platform) -> tuple[int, ...]:
        """The same key for every platform."""
        return (0,)


@dataclass(frozen=True, slots=True)
class OnlyOSMatcher(_KeyOrder):
    """containerd's ``OnlyOS``: the host's OS (and Windows build, and OS features), any architecture.

    The host's own architecture and variant are preferred.
    """

    platform: Platform
    _requirement: _Requirement = field(init=False, repr=False, compare=False)
    _exact: OrderedMatcher = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        normal = normalize_platform(self.platform)
        object.__setattr__(self, "platform", normal)
        object.__setattr__(self, "_requirement", _Requirement.of(normal))
        object.__setattr__(self, "_exact", OrderedMatcher((normal,)))

    def match(self, platform: Platform) -> bool:
        """Whether ``platform`` is for the host's OS."""
        return self._requirement.admits(platform, normalize_platform(platform))

    def key(self, platform: Platform) -> tuple[int, ...]:
        """Sort key: the host's OS first, its exact platform first of all."""
        if not self.match(platform):
            return (1,)
        return (0, *self._exact.key(platform))


@dataclass(frozen=True, slots=True)
class WindowsMatcher(_KeyOrder):
    """containerd's ``Default()`` on a Windows host: its exact platform, newest build first.

    Matches as ``NewMatcher(platform)`` (so a container build the host runs,
    see :func:`only`); among matches, higher ``os.version`` is preferred,
    compared numerically part by part (containerd compares the strings).
    """

    platform: Platform
    _exact: OrderedMatcher = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        normal = normalize_platform(self.platform)
        object.__setattr__(self, "platform", normal)
        object.__setattr__(self, "_exact", OrderedMatcher((normal,)))

    def match(self, platform: Platform) -> bool:
        """Whether ``platform`` is the host's, with a build the host runs."""
        return self._exact.match(platform)

    def key(self, platform: Platform) -> tuple[int, ...]:
        """Sort key: matches first, higher ``os.version`` first."""
        if not self.match(platform):
            return (1,)
        return (0, *_natural_descending(platform.os_version))


def only(platform: Platform) -> OnlyMatcher:
    """The platforms a host of ``platform`` runs (containerd's ``Only``).

    >>> m = only(parse_platform("linux/arm/v7"))
    >>> m.match(parse_platform("linux/arm/v6")), m.match(parse_platform("linux/arm/v8"))
    (True, False)
    """
    return OnlyMatcher(platform)


def only_strict(platform: Platform) -> OrderedMatcher:
    """Only ``platform`` itself, up to normalisation (containerd's ``OnlyStrict``).

    >>> only_strict(parse_platform("linux/amd64")).match(parse_platform("linux/386"))
    False
    """
    return OrderedMatcher((platform,))


def only_os(platform: Platform) -> OnlyOSMatcher:
    """Any architecture of ``platform``'s OS (containerd's ``OnlyOS``).

    >>> only_os(parse_platform("linux/amd64")).match(parse_platform("linux/arm64"))
    True
    """
    return OnlyOSMatcher(platform)


def ordered(*platforms: Platform) -> OrderedMatcher:
    """Any of ``platforms``, earlier ones preferred (containerd's ``Ordered``).

    >>> m = ordered(parse_platform("linux/arm64"), parse_platform("linux/amd64"))
    >>> m.less(parse_platform("linux/arm64"), parse_platform("linux/amd64"))
    True
    """
    return OrderedMatcher(platforms)


def any_platform(*platforms: Platform) -> AnyMatcher:
    """Any of ``platforms``, none preferred (containerd's ``Any``).

    >>> any_platform(parse_platform("linux/arm64")).match(parse_platform("linux/amd64"))
    False
    """
    return AnyMatcher(platforms)


#: Every platform (containerd's ``All``).
all_platforms: Final = AllMatcher()


def default_matcher(host: Platform) -> Matcher:
    """What containerd's ``Default()`` is on a machine of platform ``host``.

    >>> default_matcher(Platform("darwin", "arm64")).match(Platform("linux", "arm64"))
    True

    On Windows, :class:`WindowsMatcher`; on darwin, ``ordered(host,
    linux/<arch>)``; on freebsd, ``ordered(host, linux/<arch>/<variant>)``;
    elsewhere :func:`only`.
    """
    normal = normalize_platform(host)
    if normal.os == "windows":
        return WindowsMatcher(normal)
    also = _tables.DEFAULT_ALSO_RUNS.get(normal.os)
    if also is not None:
        other_os, keep_variant = also
        return ordered(normal, _make(other_os, normal.architecture, normal.variant if keep_variant else ""))
    return only(normal)


def _as_matcher(wanted: Platform | Matcher) -> Matcher:
    return only(wanted) if isinstance(wanted, Platform) else wanted


def platform_matches(wanted: Platform | Matcher, candidate: Platform) -> bool:
    """Whether a host of platform ``wanted`` runs ``candidate`` (``only(wanted).match``).

    >>> platform_matches(Platform("linux", "amd64"), Platform("linux", "386"))
    True

    ``wanted`` may also be any :class:`Matcher`.
    """
    return _as_matcher(wanted).match(candidate)


_TieBreak: TypeAlias = "tuple[tuple[int, ...], str, tuple[str, str, str, str, tuple[str, ...], tuple[str, ...]]]"
_RankKey: TypeAlias = "tuple[tuple[int, ...], _TieBreak]"


def _tie_break(platform: Platform) -> _TieBreak:
    # After the matcher's own preference: higher os.version, then the
    # specifier text, then every field, so that distinct platforms never tie.
    return (
        _natural_descending(platform.os_version),
        format_platform_all(platform),
        (
            platform.os,
            platform.architecture,
            platform.variant,
            platform.os_version,
            platform.os_features,
            platform.features,
        ),
    )


def rank_platforms(wanted: Platform | Matcher, candidates: Iterable[Platform]) -> tuple[Platform, ...]:
    """The candidates ``wanted`` matches, best first, in an order that does not depend on theirs.

    >>> index = [parse_platform(s) for s in ("linux/386", "linux/amd64", "linux/arm64", "linux/amd64/v2")]
    >>> [format_platform(p) for p in rank_platforms(Platform("linux", "amd64", "v3"), index)]
    ['linux/amd64/v2', 'linux/amd64', 'linux/386']

    The matcher's order (``wanted.key``; a Platform means :func:`only`) comes
    first; ties go to the higher ``os.version`` (numerically), then to the
    lower :func:`format_platform_all` text, then to the lower field values.
    Equal platforms stay together.
    """
    matcher = _as_matcher(wanted)
    keyed: list[tuple[_RankKey, Platform]] = []
    for candidate in candidates:
        key = matcher.key(candidate)
        if key[0] == 0:
            keyed.append(((key, _tie_break(candidate)), candidate))
    keyed.sort(key=lambda item: item[0])
    return tuple(candidate for _, candidate in keyed)


def best_match(wanted: Platform | Matcher, candidates: Iterable[Platform]) -> Platform | None:
    """The candidate ``wanted`` prefers, whatever the candidates' order; ``None`` if none matches.

    >>> best_match(Platform("linux", "arm64"), [Platform("linux", "arm", "v7"), Platform("linux", "arm64", "v8")])
    Platform(os='linux', architecture='arm64', variant='v8', os_version='', os_features=(), features=())

    The first of :func:`rank_platforms`.
    """
    matcher = _as_matcher(wanted)
    best: tuple[_RankKey, Platform] | None = None
    for candidate in candidates:
        key = matcher.key(candidate)
        if key[0] != 0:
            continue
        full = (key, _tie_break(candidate))
        if best is None or full < best[0]:
            best = (full, candidate)
    return None if best is None else best[1]


# -- CPU variants ------------------------------------------------------------------


def cpu_variant_from_arch(architecture: str) -> str:
    """containerd's ``getCPUVariantFromArch``: the ARM variant number of a machine architecture.

    >>> cpu_variant_from_arch("armv7l"), cpu_variant_from_arch("aarch64")
    ('7', '8')

    ``architecture`` is what ``uname -m`` says (case does not matter):
    ``aarch64`` gives ``"8"``, ``armv<N>...`` gives ``"<N>"`` for N from 3 to
    8 and ``"unknown"`` otherwise; anything else raises
    :class:`~oci_core.errors.InvalidPlatformError` ("invalid argument").
    """
    if not isinstance(architecture, str):
        raise InvalidPlatformError(f"an architecture must be a str, got {type(architecture).__name__}")
    lowered = _ascii_lower(architecture)
    if lowered == "aarch64":
        return "8"
    if lowered.startswith("armv") and len(lowered) >= 5:
        return _tables.ARCH_PREFIX_VARIANTS.get(lowered[3:5], "unknown")
    raise _error("invalid argument: not aarch64 or armv<N>", architecture, 0, len(architecture))


def cpu_variant_from_cpuinfo(cpu_architecture: str, *, model_name: str = "", arm32: bool = False) -> str:
    """containerd's ``getArmCPUVariant``: the variant for a /proc/cpuinfo "CPU architecture" value.

    >>> cpu_variant_from_cpuinfo("7"), cpu_variant_from_cpuinfo("AArch64"), cpu_variant_from_cpuinfo("9")
    ('v7', 'v8', 'unknown')

    Pass the value after the colon, as read. On a 32-bit arm host
    (``arm32=True``), a "7" whose ``model_name`` starts with
    ``ARMv6-compatible`` is a Raspberry Pi ARMv6 and gives ``v6``.
    """
    if not isinstance(cpu_architecture, str):
        raise InvalidPlatformError(f"a CPU architecture must be a str, got {type(cpu_architecture).__name__}")
    if not isinstance(model_name, str):
        raise InvalidPlatformError(f"a model name must be a str, got {type(model_name).__name__}")
    value = cpu_architecture.strip(_GO_SPACE)
    model = _ascii_lower(model_name.strip(_GO_SPACE))
    if arm32 and value == "7" and model.startswith(_tables.CPUINFO_ARMV6_MODEL_PREFIX):
        value = "6"
    return _tables.CPUINFO_ARM_VARIANTS.get(_ascii_lower(value), "unknown")
