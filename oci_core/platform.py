"""Platforms: the ``platform`` object of image indexes, its specifier syntax, and matching.

A :class:`Platform` is the image-spec's platform object (image-index.md,
"platform"; config.md's ``os``, ``architecture``, ``variant``, ``os.version``,
``os.features``): what an image needs from the machine that runs it. This
module reads and writes it as JSON, parses and formats it in the specifier
syntax of containerd/platforms (``linux/arm64/v8``, ``windows(10.0.17763)/amd64``)
and in go-containerregistry's ``os/arch/variant:osversion`` form, and
normalises it with containerd's tables (``aarch64`` -> ``arm64``, ``armhf`` ->
``arm/v7``, ``x86_64`` -> ``amd64``, ``macOS`` -> ``darwin``, ...). The tables
themselves are data, in :mod:`oci_core._platform_tables`.

It also offers, from private modules that each do one job, which platforms a
host runs and which of them it prefers, with containerd's semantics (the
matchers, :func:`best_match`, :func:`rank_platforms`, in
``_platform_match``, with Windows builds in ``_platform_windows``), and the
ARM variant of a machine from what it reports (``_platform_cpu``). Those
names are loaded the first time they are used, so that importing this module,
which every document module does, costs only the value and its grammar.

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
architecture implies (``linux/arm`` has none; normalised it is ``v7``). OS
features keep the order they were written in, and :func:`format_platform_all`
writes them in that order, so that the text of a parsed platform parses back
to it.

>>> p = parse_platform("Linux/aarch64")
>>> p
Platform(os='linux', architecture='arm64', variant='', os_version='', os_features=(), features=())
>>> from oci_core.platform import platform_matches
>>> platform_matches(parse_platform("linux/arm64/v8"), parse_platform("linux/arm/v7"))
True
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from . import _json
from . import _platform_tables as _tables
from ._fault import Fault
from ._grammar import describe_forbidden, first_forbidden_char
from ._platform_ggcr import read_ggcr, write_ggcr
from ._platform_text import ascii_lower
from ._values import layout_twin, publish
from .errors import InvalidPlatformError

TYPE_CHECKING = False  # typing takes 3.5 ms to import: its names are for the checkers only

if TYPE_CHECKING:
    from typing import Final, cast

    # The names of _platform_cpu and _platform_match are loaded on first use
    # at run time (see __getattr__ at the end).
    from ._platform_cpu import cpu_variant_from_arch, cpu_variant_from_cpuinfo
    from ._platform_match import (
        AllMatcher,
        AnyMatcher,
        Matcher,
        OnlyMatcher,
        OnlyOSMatcher,
        OrderedMatcher,
        WindowsMatcher,
        all_platforms,
        any_platform,
        best_match,
        default_matcher,
        only,
        only_os,
        only_strict,
        ordered,
        platform_equals,
        platform_matches,
        platform_satisfies,
        rank_platforms,
    )
else:
    from ._values import cast

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


class _Grammar:
    """The specifier's compiled patterns, built by the first parse that needs them.

    Compiling them costs more than the rest of this module's definitions;
    most programs that import platforms (through a manifest) parse none, and
    the common specifiers take a path that needs no pattern at all.
    """

    __slots__ = ("bad_percent", "component", "os_part", "os_part_chars", "plain_option", "plain_options")

    def __init__(self) -> None:
        # OS_PATTERN with the options as one run of a class that takes "+"
        # too (_parse checks that no feature is empty): OS_PATTERN's repeated
        # group costs a step of the engine's repeat machinery per feature, 80
        # ms for a megabyte of "+a". Every pattern here is used with match()
        # and a check that it ran to the end: fullmatch() of a run that fails
        # at its last character backs off one character at a time (20 ms a
        # megabyte), and so does a run followed by a group mark, which is why
        # the options are not captured.
        self.os_part = re.compile(rf"({_OS_NAME})(?:\([A-Za-z0-9_.%+-]*\))?")
        self.component = re.compile(COMPONENT_PATTERN)
        self.os_part_chars = re.compile(r"[A-Za-z0-9_.%+()-]*")  # where an OS part goes wrong
        self.bad_percent = re.compile(r"%(?![0-9A-Fa-f]{2})")
        self.plain_option = re.compile(r"[A-Za-z0-9_.-]*")
        self.plain_options = re.compile(r"[A-Za-z0-9_.+-]*")


@cache
def _grammar() -> _Grammar:
    return _Grammar()


def _run(pattern: re.Pattern[str], text: str) -> int:
    """Where the run of ``pattern`` (one class, repeated) at the start of ``text`` ends."""
    run = pattern.match(text)
    return 0 if run is None else run.end()


# The memo of parsed specifiers (see _memo) keeps this many of up to this length.
_MEMO_MAX_LEN: Final = 64
_MEMO_MAX_ENTRIES: Final = 512


# -- the value ------------------------------------------------------------------


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Platform:
    """The platform an image needs: image-spec's ``platform`` object.

    >>> Platform("linux", "arm64", "v8")
    Platform(os='linux', architecture='arm64', variant='v8', os_version='', os_features=(), features=())
    >>> str(Platform("windows", "amd64", os_version="10.0.17763"))
    'windows(10.0.17763)/amd64'

    Fields hold the values as given (``""`` and ``()`` for absent ones); they
    are not normalised (see :func:`normalize_platform`). ``features`` is
    go-containerregistry's and Docker's CPU feature list, which image-spec 1.1
    reserves. Lists given for the two tuple fields are turned into tuples.
    Anything but exact ``str`` values raises :class:`TypeError`; a character
    that JSON cannot carry (a lone surrogate, one of the 66 noncharacters
    I-JSON forbids, such as U+FFFF) raises
    :class:`~oci_core.errors.InvalidPlatformError` with the JSON pointer of
    the member, so that every platform's :meth:`to_json` reads back.
    """

    os: str
    architecture: str
    variant: str = ""
    os_version: str = ""
    os_features: tuple[str, ...] = ()
    features: tuple[str, ...] = ()

    # eq, hash and repr as @dataclass(eq=True, frozen=True) writes them, written out here: dataclasses
    # compiles its own when the module is imported (most of what a value class costs to import).
    # tests/test_perf_import.py holds them to dataclasses' answers.
    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        them: Platform = other  # pyright: ignore[reportAssignmentType]  # of this very class, as just seen (mypy narrows it)
        return (
            self.os,
            self.architecture,
            self.variant,
            self.os_version,
            self.os_features,
            self.features,
        ) == (
            them.os,
            them.architecture,
            them.variant,
            them.os_version,
            them.os_features,
            them.features,
        )

    def __hash__(self) -> int:
        return hash((self.os, self.architecture, self.variant, self.os_version, self.os_features, self.features))

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"os={self.os!r}, "
            f"architecture={self.architecture!r}, "
            f"variant={self.variant!r}, "
            f"os_version={self.os_version!r}, "
            f"os_features={self.os_features!r}, "
            f"features={self.features!r})"
        )

    def __post_init__(self) -> None:
        os, architecture, variant, os_version = self.os, self.architecture, self.variant, self.os_version
        if not (type(os) is str and type(architecture) is str and type(variant) is str and type(os_version) is str):
            raise TypeError(_wrong_str_field(self))
        if not (os.isascii() and architecture.isascii() and variant.isascii() and os_version.isascii()):
            for value, member in zip((os, architecture, variant, os_version), _STR_MEMBERS, strict=True):
                _check_writable(value, member)
        os_features, features = self.os_features, self.features
        # A list (or any iterable of str) becomes a tuple: the dataclasses idiom
        # for a frozen class settling its own input, once, before it is shared.
        if type(os_features) is not tuple:
            os_features = _str_tuple(os_features, "os_features")
            object.__setattr__(self, "os_features", os_features)
        if type(features) is not tuple:
            features = _str_tuple(features, "features")
            object.__setattr__(self, "features", features)
        if os_features:
            _check_items(os_features, "os_features", "/os.features")
        if features:
            _check_items(features, "features", "/features")

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

_STR_MEMBERS: Final = ("/os", "/architecture", "/variant", "/os.version")


def _wrong_str_field(platform: Platform) -> str:
    for name in ("os", "architecture", "variant", "os_version"):
        value = getattr(platform, name)
        if type(value) is not str:
            return f"Platform.{name} must be a str, got {_type_name(value)}"
    raise AssertionError("unreachable: every field is a str")  # pragma: no cover


def _type_name(value: object) -> str:
    # A str subclass may compare and hash by rules of its own; values hold
    # exact str only, and the message says why a str was refused.
    name = type(value).__name__
    return f"{name} (a str subclass: pass str(value))" if isinstance(value, str) else name


def _str_tuple(values: object, name: str) -> tuple[str, ...]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"Platform.{name} must be a tuple of str, got {type(values).__name__}")
    return tuple(cast("Iterable[str]", values))


def _check_items(values: tuple[str, ...], name: str, member: str) -> None:
    for index, value in enumerate(values):
        if type(value) is not str:
            raise TypeError(f"Platform.{name} must hold only str, got {_type_name(value)}")
        _check_writable(value, f"{member}/{index}")


def _check_writable(value: str, member: str) -> None:
    bad = first_forbidden_char(value)
    if bad >= 0:
        message = f"holds {describe_forbidden(value[bad])}, which I-JSON forbids"
        raise InvalidPlatformError(message, text=value, span=(bad, bad + 1), pointer=member)


_PlatformLayout = layout_twin(Platform)


def _make(
    os: str,
    architecture: str,
    variant: str = "",
    os_version: str = "",
    os_features: tuple[str, ...] = (),
    features: tuple[str, ...] = (),
) -> Platform:
    platform = _PlatformLayout()
    platform.os = os
    platform.architecture = architecture
    platform.variant = variant
    platform.os_version = os_version
    platform.os_features = os_features
    platform.features = features
    return publish(platform, Platform)


def _platform_arg(value: object) -> Platform:
    """A formatter's argument: any Platform (a subclass is read through its fields)."""
    if isinstance(value, Platform):
        return value
    raise TypeError(f"platform must be a Platform, got {type(value).__name__}")


def _as_platform(value: object, name: str) -> Platform:
    """``value`` if it is an exact Platform; a subclass rebuilt (and so checked) as one."""
    if type(value) is Platform:
        return value
    if not isinstance(value, Platform):
        raise TypeError(f"{name} must be a Platform, got {type(value).__name__}")
    # A subclass could answer its fields through properties of its own; the
    # constructor checks what they answer.
    return Platform(value.os, value.architecture, value.variant, value.os_version, value.os_features, value.features)


def _text_input(value: object, what: str) -> str:
    """A parser's input as an exact str: its characters, never a subclass's own methods."""
    if isinstance(value, str):
        return str.__str__(value)
    raise InvalidPlatformError(f"{what} must be a str, got {type(value).__name__}")


def _as_text(value: object, name: str) -> str:
    """An exact str with ``value``'s characters: a subclass's own methods are never asked."""
    if type(value) is str:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    raise TypeError(f"{name} must be a str, got {type(value).__name__}")


# -- normalisation ----------------------------------------------------------------

# These fold ASCII text inline: they run for every candidate a matcher looks at.


def _normal_os(os: str) -> str:
    lowered = os.lower() if os.isascii() else ascii_lower(os)
    return _tables.OS_ALIASES.get(lowered, lowered)


def _normal_arch(architecture: str, variant: str) -> tuple[str, str]:
    arch = architecture.lower() if architecture.isascii() else ascii_lower(architecture)
    var = variant.lower() if variant.isascii() else ascii_lower(variant)
    alias = _tables.ARCH_ALIASES.get(arch)
    if alias is None:
        return arch, var
    arch, forced = alias
    if forced is not None:
        return arch, forced
    aliases = _tables.VARIANT_ALIASES.get(arch)
    return arch, (var if aliases is None else aliases.get(var, var))


def normalize_os(os: str) -> str:
    """containerd's ``normalizeOS``: lower-cased, ``macos`` spelled ``darwin``.

    >>> normalize_os("macOS")
    'darwin'

    Unlike containerd, an empty OS stays empty: the host OS is not known here.
    Only A-Z is lower-cased (see DEVIATIONS.md). Anything but a str raises
    :class:`TypeError`.
    """
    return _normal_os(_as_text(os, "os"))


def normalize_arch(architecture: str, variant: str = "") -> tuple[str, str]:
    """containerd's ``normalizeArch``: the canonical (architecture, variant).

    >>> normalize_arch("aarch64", "v8")
    ('arm64', '')
    >>> normalize_arch("armhf")
    ('arm', 'v7')

    Anything but a str raises :class:`TypeError`.
    """
    return _normal_arch(_as_text(architecture, "architecture"), _as_text(variant, "variant"))


def normalize_platform(platform: Platform) -> Platform:
    """containerd's ``Normalize``: canonical names, OS features sorted and unique.

    >>> normalize_platform(Platform("Linux", "x86_64", os_features=("b", "a", "b")))
    Platform(os='linux', architecture='amd64', variant='', os_version='', os_features=('a', 'b'), features=())

    ``os_version`` and ``features`` are kept as they are. Normalising twice
    gives the same platform as normalising once. Anything but a Platform
    raises :class:`TypeError`.
    """
    if type(platform) is not Platform:
        platform = _as_platform(platform, "platform")
    os = _normal_os(platform.os)
    arch, variant = _normal_arch(platform.architecture, platform.variant)
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

# Parsed specifiers, by their exact text: a str subclass hashing and comparing
# by rules of its own never gets in. Those in normal form (the fast path's)
# are a finite set, at most every known OS with every known architecture and
# plain variant, so they are kept for good in _normal and survive the clearing
# that bounds the rest.
_memo: dict[str, Platform] = {}
_normal: dict[str, Platform] = {}
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
    running machine; here, without a host such a specifier raises
    :class:`~oci_core.errors.InvalidPlatformError`, as does any text outside
    the grammar, a wildcard, and percent-encoding that is malformed or does
    not decode to UTF-8 text a platform may hold, and more than 1024 OS
    features. A ``host`` that is not a Platform raises :class:`TypeError`. A
    str subclass is read by its characters alone.
    """
    if type(spec) is not str:
        spec = _text_input(spec, "a platform specifier")
    if host is None:
        known = _memo.get(spec)
        if known is not None:
            return known
        # Fast path: os/arch[/variant] already in normal form, recognised by
        # set lookups alone (the tables are checked against _parse by tests).
        parts = spec.split("/", 3)
        if len(parts) == 3:
            os, arch, variant = parts
            if os in _KNOWN_OSES and variant in _PLAIN_VARIANTS.get(arch, ()):
                platform = _normal[spec] = _memo[spec] = _make(os, arch, variant)
                return platform
        elif len(parts) == 2:
            os, arch = parts
            if os in _KNOWN_OSES and arch in _KNOWN_ARCHES:
                platform = _normal[spec] = _memo[spec] = _make(os, arch)
                return platform
    elif type(host) is not Platform:
        host = _as_platform(host, "host")
    try:
        return _parse(spec, host)
    except Fault as fault:
        raise fault.as_error(InvalidPlatformError) from None


def _remember(spec: str, platform: Platform) -> Platform:
    # A hostile caller may send many distinct long specifiers; only short ones
    # are remembered, and only so many besides those in normal form.
    if len(spec) <= _MEMO_MAX_LEN:
        if len(_memo) - len(_normal) >= _MEMO_MAX_ENTRIES:
            _memo.clear()
            _memo.update(_normal)
        _memo[spec] = platform
    return platform


def _fault(message: str, spec: str, start: int, end: int) -> Fault:
    return Fault(message, text=spec, span=(start, end))


def _parse(spec: str, host: Platform | None) -> Platform:
    """The full parser, for an exact str; raises Fault."""
    star = spec.find("*")
    if star >= 0:
        raise _fault("invalid platform specifier: wildcards not yet supported", spec, star, star + 1)
    grammar = _grammar()
    parts = spec.split("/", 3)  # Go's SplitN(spec, "/", 4)
    os_part = parts[0]
    match = grammar.os_part.match(os_part)
    name_end = 0 if match is None else match.end(1)
    options = os_part[name_end + 1 : -1] if name_end < len(os_part) else None
    # Every feature is at least one character: no "++", and no "+" last.
    ran_to_end = match is not None and match.end() == len(os_part)
    if not ran_to_end or (options is not None and ("++" in options or options[-1:] == "+")):
        bad = _run(grammar.os_part_chars, os_part)
        start, end = (bad, bad + 1) if bad < len(os_part) else (0, len(os_part))
        raise _fault("invalid OS component: must be <os>[(<os.version>[+<os.feature>]*)]", spec, start, end)
    os = _normal_os(os_part[:name_end])
    os_version = ""
    os_features: tuple[str, ...] = ()
    if options is not None:
        os_version, os_features = _decode_options(options, spec, name_end + 1, grammar)
    if len(parts) > 3:
        start = len(spec) - len(parts[3]) - 1
        raise _fault("too many components: a specifier is at most os/arch/variant", spec, start, len(spec))
    offset = len(os_part) + 1
    for part in parts[1:]:
        end = _run(grammar.component, part)
        if end != len(part) or not part:
            message = f"invalid platform specifier component: must match {COMPONENT_PATTERN}"
            raise _fault(message, spec, offset + end, offset + end + 1)
        offset += len(part) + 1

    if len(parts) == 1:
        if os in _KNOWN_OSES:
            if host is None:
                raise _fault("an OS alone needs a host platform to take its architecture from", spec, 0, len(os_part))
            host = normalize_platform(host)
            # containerd takes runtime.GOARCH and, on arm only, the CPU's
            # variant, which it leaves out when it is v7 (as a bare arm does).
            omitted = _tables.BARE_ARCH_VARIANT.get(host.architecture)
            variant = host.variant if omitted is not None and host.variant != omitted else ""
            return _make(os, host.architecture, variant, os_version, os_features)
        arch, variant = _bare_arch(os_part)
        if arch in _KNOWN_ARCHES:
            if host is None:
                raise _fault("an architecture alone needs a host platform to take its OS from", spec, 0, len(os_part))
            return _make(_normal_os(host.os), arch, variant)
        raise _fault("unknown operating system or architecture", spec, 0, len(spec))
    if len(parts) == 2:
        arch, variant = _bare_arch(parts[1])
    else:
        arch, variant = _normal_arch(parts[1], parts[2])
        if not variant:
            variant = _tables.SPELLED_VARIANT.get(arch, "")
    return _remember(spec, _make(os, arch, variant, os_version, os_features))


def _bare_arch(text: str) -> tuple[str, str]:
    arch, variant = _normal_arch(text, "")
    if _tables.BARE_ARCH_VARIANT.get(arch) == variant:
        variant = ""
    return arch, variant


#: The most OS features a specifier may hold (containerd sets no limit; real
#: ones hold a handful). Each feature is an object of its own: a megabyte of
#: "+a" would be half a million of them, 25 MB, and tens of milliseconds.
_MAX_OS_FEATURES: Final = 1024


def _decode_options(options: str, spec: str, start: int, grammar: _Grammar) -> tuple[str, tuple[str, ...]]:
    """(os-version, os-features) of ``os-version *("+" os-feature)``: url.PathUnescape of each piece.

    ``options`` starts at offset ``start`` of ``spec``. Each piece must
    decode to UTF-8 text without the characters no platform may hold.
    """
    pieces = options.split("+", _MAX_OS_FEATURES + 1)
    if len(pieces) > _MAX_OS_FEATURES + 1:
        at = start + len(options) - len(pieces[-1]) - 1  # the "+" of the first feature too many
        raise _fault(f"too many OS features: a specifier holds at most {_MAX_OS_FEATURES}", spec, at, at + 1)
    if "%" in options:
        offset = start
        for index, raw in enumerate(pieces):
            if "%" in raw:
                pieces[index] = _decode_piece(raw, spec, offset, grammar)
            offset += len(raw) + 1
    return pieces[0], tuple(pieces[1:])


def _decode_piece(raw: str, spec: str, start: int, grammar: _Grammar) -> str:
    """url.PathUnescape of one os.version or os.feature, which must give UTF-8 a platform may hold."""
    # Quoted-printable ("=41") is percent-encoding with another escape
    # character, so binascii.a2b_qp decodes a piece in one C pass, however
    # many escapes it holds (re.sub with a function would call it for each).
    # The grammar admits neither "=" nor the line breaks quoted-printable
    # treats specially, and a2b_qp keeps a malformed escape as it is, which
    # the length of its result shows: each escape is three characters, one byte.
    data = binascii.a2b_qp(raw.replace("%", "=").encode("ascii"))
    if len(data) != len(raw) - 2 * raw.count("%"):
        bad = grammar.bad_percent.search(raw)
        at = start + (0 if bad is None else bad.start())
        raise _fault("invalid percent-encoding: '%' must start %XX", spec, at, min(at + 3, start + len(raw)))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:  # Go keeps whatever bytes come out; a Python str must be text
        raise _fault("percent-encoded bytes are not UTF-8", spec, start, start + len(raw)) from None
    bad_char = first_forbidden_char(text)
    if bad_char >= 0:
        message = f"percent-encoding gives {describe_forbidden(text[bad_char])}, which no platform may hold"
        raise _fault(message, spec, start, start + len(raw))
    return text


def format_platform(platform: Platform) -> str:
    """containerd's ``Format``: ``os/arch/variant``, empty parts left out.

    >>> format_platform(Platform("linux", "arm", "v7", os_version="1"))
    'linux/arm/v7'

    A platform without an OS formats as ``unknown``. Unlike Go's
    ``path.Join``, dot segments in the values are not resolved away.
    Anything but a Platform raises :class:`TypeError`.
    """
    platform = _platform_arg(platform)
    return _join(platform.os, platform.os, platform.architecture, platform.variant)


def _join(os: str, head: str, architecture: str, variant: str) -> str:
    if not os:
        return "unknown"
    if architecture:
        return f"{head}/{architecture}/{variant}" if variant else f"{head}/{architecture}"
    return f"{head}/{variant}" if variant else head


def format_platform_all(platform: Platform) -> str:
    """containerd's ``FormatAll``: :func:`format_platform` with ``(os.version+os.features)``.

    >>> format_platform_all(Platform("windows", "amd64", os_version="10.0+build", os_features=("win32k",)))
    'windows(10.0%2Bbuild+win32k)/amd64'

    The OS features are written in their order, duplicates included, and
    empty ones (which the grammar cannot write) skipped: the text of any
    platform :func:`parse_platform` gives parses back to that platform.
    (containerd sorts them and drops duplicates, so its ``Parse(FormatAll(p))``
    can differ from ``p``; :func:`normalize_platform` sorts them.) In the
    options, ``%``, ``+``, ``(``, ``)`` and ``/`` are percent-encoded as
    upstream does, and so is anything else outside ``[A-Za-z0-9_.-]``
    (upstream writes it raw, which no parser reads back), so the result
    always parses back to the same version and features.
    """
    platform = _platform_arg(platform)
    os, version, features = platform.os, platform.os_version, platform.os_features
    if not (version or features) or not os:
        return _join(os, os, platform.architecture, platform.variant)
    grammar = _grammar()
    options = version if _run(grammar.plain_option, version) == len(version) else _encode_option(version)
    if features:
        if "" in features:
            features = tuple(feature for feature in features if feature)
        joined = "+".join(features)
        # Plain when no feature holds a character to encode (a "+" inside one counts).
        if _run(grammar.plain_options, joined) == len(joined) and joined.count("+") == len(features) - 1:
            if joined:
                options += "+" + joined
        else:
            options += "".join("+" + _encode_option(feature) for feature in features)
    head = f"{os}({options})" if options else os
    return _join(os, head, platform.architecture, platform.variant)


def _encode_option(value: str) -> str:
    """Percent-encode what the grammar does not take as it is.

    containerd encodes only "%", "+", "(", ")" and "/" and writes any other
    character raw, which its own Parse then refuses; encoding every such
    character (as UTF-8, upper-case hex like upstream's "%2B") gives the same
    text wherever upstream's parses back, and parseable text everywhere else.
    """
    return "".join(char if char in _PLAIN_OPTION_CHARS else _percent(char) for char in value)


_PLAIN_OPTION_CHARS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")


def _percent(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))


# -- go-containerregistry's form (the grammar is in _platform_ggcr) -------------------


def parse_platform_ggcr(text: str) -> Platform:
    """go-containerregistry's ``v1.ParsePlatform``: ``os[/arch[/variant]][:os.version]``.

    >>> parse_platform_ggcr("windows/amd64:10.0.17763.1234")
    Platform(os='windows', architecture='amd64', variant='', os_version='10.0.17763.1234', os_features=(), features=())

    Values are taken as written: neither checked against a grammar nor
    normalised. Surrounding white space is ignored. More than two slashes
    raise :class:`~oci_core.errors.InvalidPlatformError`, and so (where
    go-containerregistry silently drops the version) does more than one
    ``:``, and so does a character no platform may hold (a lone surrogate, a
    noncharacter), and anything but a str. A str subclass is read by its
    characters alone.
    """
    if type(text) is not str:
        text = _text_input(text, "a platform")
    try:
        os, architecture, variant, os_version = read_ggcr(text)
    except Fault as fault:
        raise fault.as_error(InvalidPlatformError) from None
    return _make(os, architecture, variant, os_version)


def format_platform_ggcr(platform: Platform) -> str:
    """go-containerregistry's ``Platform.String``: ``os[/arch][/variant][:os.version]``.

    >>> format_platform_ggcr(Platform("linux", "arm64", "v8", os_version="5.15"))
    'linux/arm64/v8:5.15'

    A platform without an OS formats as ``""``. The OS features and CPU
    features are not represented. Anything but a Platform raises
    :class:`TypeError`.
    """
    platform = _platform_arg(platform)
    return write_ggcr(platform.os, platform.architecture, platform.variant, platform.os_version)


# -- what lives in the private modules --------------------------------------------

# Matching and the CPU readers import this module, so this module cannot
# import them while it loads; their names are resolved the first time one is
# asked for (PEP 562) and then kept here. Type checkers read the imports at
# the top instead. CPython does not specialise attribute loads on a module
# with __getattr__, so the hook removes itself once every name is here.
_ELSEWHERE: Final = frozenset(
    {
        "AllMatcher", "AnyMatcher", "Matcher", "OnlyMatcher", "OnlyOSMatcher", "OrderedMatcher",
        "WindowsMatcher", "all_platforms", "any_platform", "best_match", "default_matcher", "only",
        "only_os", "only_strict", "ordered", "platform_equals", "platform_matches", "platform_satisfies",
        "rank_platforms", "cpu_variant_from_arch", "cpu_variant_from_cpuinfo",
    }
)  # fmt: skip

if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        if name not in _ELSEWHERE:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from . import _platform_cpu, _platform_match

        namespace = globals()
        for module in (_platform_match, _platform_cpu):
            for export in module.__all__:
                namespace[export] = getattr(module, export)
        namespace.pop("__getattr__", None)
        namespace.pop("__dir__", None)
        return namespace[name]

    def __dir__() -> list[str]:
        return sorted(set(globals()) | _ELSEWHERE)
