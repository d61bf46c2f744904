"""Which platforms a host runs, and which of them it prefers (private).

containerd's matchers (``NewMatcher``, ``Only``, ``OnlyStrict``, ``OnlyOS``,
``Ordered``, ``Any``, ``All``, ``Default``; compare.go and the defaults_*.go
files), an order that picks one platform whatever the candidates' order
(:func:`best_match`, :func:`rank_platforms`), and go-containerregistry's
``Equals`` and ``Satisfies``. Every name here is public through
:mod:`oci_core.platform`, which loads this module the first time one of them
is used. The compatibility rules are data, in :mod:`oci_core._platform_tables`;
Windows builds are compared in :mod:`oci_core._platform_windows`.

Matchers are frozen values: equal when built from equal (normalised)
platforms. What each derives from its platforms to match quickly (the
compatibility list of ``Only``, the Windows build) is a private field set
once when the value is made (:func:`_settle`), never passed in, so that
:func:`dataclasses.replace` recomputes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, cast

from . import _platform_tables as _tables
from ._platform_windows import WindowsVersion, natural_descending, windows_runs, windows_version
from .platform import Platform, format_platform_all, normalize_arch, normalize_platform

if TYPE_CHECKING:
    from typing import TypeAlias

__all__ = [
    "AllMatcher",
    "AnyMatcher",
    "Matcher",
    "OnlyMatcher",
    "OnlyOSMatcher",
    "OrderedMatcher",
    "WindowsMatcher",
    "all_platforms",
    "any_platform",
    "best_match",
    "default_matcher",
    "only",
    "only_os",
    "only_strict",
    "ordered",
    "platform_equals",
    "platform_matches",
    "platform_satisfies",
    "rank_platforms",
]


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


# -- arguments ----------------------------------------------------------------------


def _platform_arg(value: object, name: str) -> Platform:
    if not isinstance(value, Platform):
        raise TypeError(f"{name} must be a Platform, got {type(value).__name__}")
    return value


def _normal_platforms(values: object, name: str) -> tuple[Platform, ...]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"{name} must be an iterable of Platform, got {type(values).__name__}")
    items = cast("Iterable[object]", values)
    return tuple(normalize_platform(_platform_arg(value, f"{name} item")) for value in items)


def _settle(matcher: object, name: str, public: object, plan: object) -> None:
    """Set a matcher's normalised public field and its derived plan, once, from ``__post_init__``.

    ``object.__setattr__`` is the dataclasses idiom for a frozen class
    settling its own fields; this is the one place a matcher uses it.
    """
    object.__setattr__(matcher, name, public)
    object.__setattr__(matcher, "_plan", plan)


# -- the OS side of NewMatcher ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Requirement:
    """The OS side of containerd's NewMatcher for one normalised platform."""

    os: str
    windows: WindowsVersion | None  # set when the OS is windows
    os_features: frozenset[str]

    @staticmethod
    def of(platform: Platform) -> _Requirement:
        windows = windows_version(platform.os_version) if platform.os == "windows" else None
        return _Requirement(platform.os, windows, frozenset(platform.os_features))

    def admits(self, candidate: Platform, normal: Platform, *, features: bool = True) -> bool:
        """OS equal, os.version runnable (Windows), OS features a subset."""
        if normal.os != self.os:
            return False
        if self.windows is not None and not windows_runs(self.windows, candidate.os_version):
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


# -- the architecture side: containerd's platformVector -------------------------------------


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


# -- the matchers ---------------------------------------------------------------------


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

    >>> from oci_core.platform import only
    >>> only(Platform("linux", "amd64")).match(Platform("linux", "386"))
    True
    """

    platform: Platform
    _plan: tuple[_Requirement, tuple[_Segment, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        normal = normalize_platform(_platform_arg(self.platform, "OnlyMatcher.platform"))
        plan = (_Requirement.of(normal), _compatible_variants(normal.architecture, normal.variant))
        _settle(self, "platform", normal, plan)

    def _first_index(self, candidate: Platform, normal: Platform, features: bool) -> int | None:
        requirement, segments = self._plan
        if not requirement.admits(candidate, normal, features=features):
            return None
        return _index_in(segments, normal.architecture, normal.variant)


_Entries: TypeAlias = "tuple[tuple[Platform, _Requirement], ...]"


class _EntriesMixin(_IndexMatcher):
    __slots__ = ()
    _plan: _Entries

    def _first_index(self, candidate: Platform, normal: Platform, features: bool) -> int | None:
        for index, (entry, requirement) in enumerate(self._plan):
            if (
                entry.architecture == normal.architecture
                and entry.variant == normal.variant
                and requirement.admits(candidate, normal, features=features)
            ):
                return index
        return None


def _entries(platforms: tuple[Platform, ...]) -> _Entries:
    return tuple((platform, _Requirement.of(platform)) for platform in platforms)


@dataclass(frozen=True, slots=True)
class OrderedMatcher(_EntriesMixin):
    """containerd's ``Ordered``: any of ``platforms`` exactly, earlier ones preferred.

    Each platform matches as containerd's ``NewMatcher``: the same normalised
    OS, architecture and variant, a runnable Windows build, and OS features
    among its own.

    >>> from oci_core.platform import ordered
    >>> ordered(Platform("linux", "arm64")).match(Platform("linux", "aarch64", "v8"))
    True
    """

    platforms: tuple[Platform, ...]
    _plan: _Entries = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        normal = _normal_platforms(self.platforms, "OrderedMatcher.platforms")
        _settle(self, "platforms", normal, _entries(normal))


@dataclass(frozen=True, slots=True)
class AnyMatcher(_EntriesMixin):
    """containerd's ``Any``: any of ``platforms`` exactly, none preferred over another.

    Among matches, more OS features are preferred.
    """

    platforms: tuple[Platform, ...]
    _plan: _Entries = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        normal = _normal_platforms(self.platforms, "AnyMatcher.platforms")
        _settle(self, "platforms", normal, _entries(normal))

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
        """Always true (for a Platform)."""
        _platform_arg(platform, "platform")
        return True

    def key(self, platform: Platform) -> tuple[int, ...]:
        """The same key for every platform."""
        _platform_arg(platform, "platform")
        return (0,)


@dataclass(frozen=True, slots=True)
class OnlyOSMatcher(_KeyOrder):
    """containerd's ``OnlyOS``: the host's OS (and Windows build, and OS features), any architecture.

    The host's own architecture and variant are preferred.
    """

    platform: Platform
    _plan: tuple[_Requirement, OrderedMatcher] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        normal = normalize_platform(_platform_arg(self.platform, "OnlyOSMatcher.platform"))
        _settle(self, "platform", normal, (_Requirement.of(normal), OrderedMatcher((normal,))))

    def match(self, platform: Platform) -> bool:
        """Whether ``platform`` is for the host's OS."""
        return self._plan[0].admits(platform, normalize_platform(platform))

    def key(self, platform: Platform) -> tuple[int, ...]:
        """Sort key: the host's OS first, its exact platform first of all."""
        if not self.match(platform):
            return (1,)
        return (0, *self._plan[1].key(platform))


@dataclass(frozen=True, slots=True)
class WindowsMatcher(_KeyOrder):
    """containerd's ``Default()`` on a Windows host: its exact platform, newest build first.

    Matches as ``NewMatcher(platform)`` (so a container build the host runs,
    see :func:`only`); among matches, higher ``os.version`` is preferred,
    compared numerically part by part (containerd compares the strings).
    """

    platform: Platform
    _plan: OrderedMatcher = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        normal = normalize_platform(_platform_arg(self.platform, "WindowsMatcher.platform"))
        _settle(self, "platform", normal, OrderedMatcher((normal,)))

    def match(self, platform: Platform) -> bool:
        """Whether ``platform`` is the host's, with a build the host runs."""
        return self._plan.match(platform)

    def key(self, platform: Platform) -> tuple[int, ...]:
        """Sort key: matches first, higher ``os.version`` first."""
        if not self.match(platform):
            return (1,)
        return (0, *natural_descending(platform.os_version))


def only(platform: Platform) -> OnlyMatcher:
    """The platforms a host of ``platform`` runs (containerd's ``Only``).

    >>> from oci_core.platform import parse_platform
    >>> m = only(parse_platform("linux/arm/v7"))
    >>> m.match(parse_platform("linux/arm/v6")), m.match(parse_platform("linux/arm/v8"))
    (True, False)
    """
    return OnlyMatcher(platform)


def only_strict(platform: Platform) -> OrderedMatcher:
    """Only ``platform`` itself, up to normalisation (containerd's ``OnlyStrict``).

    >>> from oci_core.platform import parse_platform
    >>> only_strict(parse_platform("linux/amd64")).match(parse_platform("linux/386"))
    False
    """
    return OrderedMatcher((_platform_arg(platform, "platform"),))


def only_os(platform: Platform) -> OnlyOSMatcher:
    """Any architecture of ``platform``'s OS (containerd's ``OnlyOS``).

    >>> from oci_core.platform import parse_platform
    >>> only_os(parse_platform("linux/amd64")).match(parse_platform("linux/arm64"))
    True
    """
    return OnlyOSMatcher(platform)


def ordered(*platforms: Platform) -> OrderedMatcher:
    """Any of ``platforms``, earlier ones preferred (containerd's ``Ordered``).

    >>> from oci_core.platform import parse_platform
    >>> m = ordered(parse_platform("linux/arm64"), parse_platform("linux/amd64"))
    >>> m.less(parse_platform("linux/arm64"), parse_platform("linux/amd64"))
    True
    """
    return OrderedMatcher(platforms)


def any_platform(*platforms: Platform) -> AnyMatcher:
    """Any of ``platforms``, none preferred (containerd's ``Any``).

    >>> from oci_core.platform import parse_platform
    >>> any_platform(parse_platform("linux/arm64")).match(parse_platform("linux/amd64"))
    False
    """
    return AnyMatcher(platforms)


#: Every platform (containerd's ``All``).
all_platforms = AllMatcher()


def default_matcher(host: Platform) -> Matcher:
    """What containerd's ``Default()`` is on a machine of platform ``host``.

    >>> default_matcher(Platform("darwin", "arm64")).match(Platform("linux", "arm64"))
    True

    On Windows, :class:`WindowsMatcher`; on darwin, ``ordered(host,
    linux/<arch>)``; on freebsd, ``ordered(host, linux/<arch>/<variant>)``;
    elsewhere :func:`only`.
    """
    normal = normalize_platform(_platform_arg(host, "host"))
    if normal.os == "windows":
        return WindowsMatcher(normal)
    also = _tables.DEFAULT_ALSO_RUNS.get(normal.os)
    if also is not None:
        other_os, keep_variant = also
        return ordered(normal, Platform(other_os, normal.architecture, normal.variant if keep_variant else ""))
    return only(normal)


# -- picking ------------------------------------------------------------------------


def _as_matcher(wanted: object) -> Matcher:
    if isinstance(wanted, Platform):
        return OnlyMatcher(wanted)
    # Every matcher here, or one of the caller's own with what the functions
    # here call.
    if isinstance(wanted, _KeyOrder) or (
        callable(getattr(wanted, "match", None)) and callable(getattr(wanted, "key", None))
    ):
        return cast("Matcher", wanted)
    raise TypeError(f"wanted must be a Platform or a Matcher, got {type(wanted).__name__}")


def _candidates(candidates: object) -> Iterable[Platform]:
    if isinstance(candidates, (str, bytes)):
        raise TypeError(f"candidates must be an iterable of Platform, got {type(candidates).__name__}")
    if not isinstance(candidates, Iterable):
        raise TypeError(f"candidates must be an iterable of Platform, got {type(candidates).__name__}")
    for candidate in cast("Iterable[object]", candidates):
        yield _platform_arg(candidate, "candidates item")


def platform_matches(wanted: Platform | Matcher, candidate: Platform) -> bool:
    """Whether a host of platform ``wanted`` runs ``candidate`` (``only(wanted).match``).

    >>> platform_matches(Platform("linux", "amd64"), Platform("linux", "386"))
    True

    ``wanted`` may also be any :class:`Matcher`. Anything else, and a
    ``candidate`` that is not a Platform, raises :class:`TypeError`.
    """
    matcher = _as_matcher(wanted)
    return matcher.match(_platform_arg(candidate, "candidate"))


_TieBreak: TypeAlias = "tuple[tuple[int, ...], str, tuple[str, str, str, str, tuple[str, ...], tuple[str, ...]]]"
_RankKey: TypeAlias = "tuple[tuple[int, ...], _TieBreak]"


def _tie_break(platform: Platform) -> _TieBreak:
    # After the matcher's own preference: higher os.version, then the
    # specifier text, then every field, so that distinct platforms never tie.
    return (
        natural_descending(platform.os_version),
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

    >>> from oci_core.platform import format_platform, parse_platform
    >>> index = [parse_platform(s) for s in ("linux/386", "linux/amd64", "linux/arm64", "linux/amd64/v2")]
    >>> [format_platform(p) for p in rank_platforms(Platform("linux", "amd64", "v3"), index)]
    ['linux/amd64/v2', 'linux/amd64', 'linux/386']

    The matcher's order (``wanted.key``; a Platform means :func:`only`) comes
    first; ties go to the higher ``os.version`` (numerically), then to the
    lower :func:`format_platform_all` text, then to the lower field values.
    Equal platforms stay together. A ``wanted`` that is neither a Platform
    nor a Matcher, and candidates that are not Platforms, raise
    :class:`TypeError`.
    """
    matcher = _as_matcher(wanted)
    keyed: list[tuple[_RankKey, Platform]] = []
    for candidate in _candidates(candidates):
        key = matcher.key(candidate)
        if key[0] == 0:
            keyed.append(((key, _tie_break(candidate)), candidate))
    keyed.sort(key=lambda item: item[0])
    return tuple(candidate for _, candidate in keyed)


def best_match(wanted: Platform | Matcher, candidates: Iterable[Platform]) -> Platform | None:
    """The candidate ``wanted`` prefers, whatever the candidates' order; ``None`` if none matches.

    >>> best_match(Platform("linux", "arm64"), [Platform("linux", "arm", "v7"), Platform("linux", "arm64", "v8")])
    Platform(os='linux', architecture='arm64', variant='v8', os_version='', os_features=(), features=())

    The first of :func:`rank_platforms` (and the same :class:`TypeError` for
    the wrong kind of argument).
    """
    matcher = _as_matcher(wanted)
    best: tuple[_RankKey, Platform] | None = None
    for candidate in _candidates(candidates):
        key = matcher.key(candidate)
        if key[0] != 0:
            continue
        full = (key, _tie_break(candidate))
        if best is None or full < best[0]:
            best = (full, candidate)
    return None if best is None else best[1]


# -- go-containerregistry's comparisons -----------------------------------------------


def platform_equals(a: Platform, b: Platform) -> bool:
    """go-containerregistry's ``Platform.Equals``: equal, feature lists compared in any order.

    >>> a = Platform("linux", "amd64", features=("sse4", "aes"))
    >>> b = Platform("linux", "amd64", features=("aes", "sse4"))
    >>> platform_equals(a, b), a == b
    (True, False)
    """
    a, b = _platform_arg(a, "a"), _platform_arg(b, "b")
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
    spec, candidate = _platform_arg(spec, "spec"), _platform_arg(candidate, "candidate")
    return (
        (not spec.os or spec.os == candidate.os)
        and (not spec.architecture or spec.architecture == candidate.architecture)
        and (not spec.variant or spec.variant == candidate.variant)
        and (not spec.os_version or spec.os_version == candidate.os_version)
        and set(spec.os_features) <= set(candidate.os_features)
        and set(spec.features) <= set(candidate.features)
    )
