"""Property tests of oci_core.platform (strategies from oci_core.strategies).

Besides round trips and "arbitrary input gives a value or an InvalidPlatformError", four
properties pin the hostile classes of issue 7, each of which the code before it failed:

* a ``str`` subclass is read by its characters and never poisons the memo
  (:func:`test_a_str_subclass_is_read_by_its_characters`);
* the text of every parsed platform parses back to it, OS features in any order
  (:func:`test_the_text_of_a_parsed_platform_parses_back`);
* a platform holds only what JSON and the specifier can carry: a lone surrogate or a
  noncharacter is refused when the value is made, and everything else writes text and JSON that
  read back (:func:`test_a_platform_holds_only_what_can_be_written`);
* the Python-level work of every string reader does not grow with its input: C loops do the
  per-character and per-escape work, and the one Python loop, over the pieces of the OS options,
  stops at the 1024-feature limit (:func:`test_python_work_does_not_grow_with_the_input`), which
  keeps a megabyte of hostile text in the milliseconds (benchmarks/bench_platform.py measures it).
"""

from __future__ import annotations

import dataclasses
import pickle
import re
import sys
import urllib.parse
from collections.abc import Callable
from types import FrameType
from typing import Any, cast

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from oci_core import _json
from oci_core import platform as platform_module
from oci_core.errors import InvalidPlatformError, OCIError
from oci_core.platform import (
    OS_PATTERN,
    AllMatcher,
    AnyMatcher,
    Matcher,
    OnlyMatcher,
    OnlyOSMatcher,
    OrderedMatcher,
    Platform,
    WindowsMatcher,
    all_platforms,
    any_platform,
    best_match,
    cpu_variant_from_arch,
    cpu_variant_from_cpuinfo,
    default_matcher,
    format_platform,
    format_platform_all,
    format_platform_ggcr,
    normalize_arch,
    normalize_os,
    normalize_platform,
    only,
    only_os,
    only_strict,
    ordered,
    parse_platform,
    parse_platform_ggcr,
    platform_equals,
    platform_matches,
    platform_satisfies,
    rank_platforms,
)
from oci_core.strategies import (
    ggcr_platforms,
    host_platforms,
    json_text,
    near_platform_specifiers,
    platform_json_objects,
    platform_specifiers,
    platforms,
    specifier_platforms,
)

from .hostile import UNWRITABLE, hostile_str, make_hostile, unwritable_text

any_text = json_text(max_size=24)


def specifiers() -> st.SearchStrategy[str]:
    """Specifier-like text: valid specifiers, their pieces, and near misses."""
    return platform_specifiers() | near_platform_specifiers()


def candidate_platforms() -> st.SearchStrategy[Platform]:
    """Candidates for matching: hosts' neighbours and anything at all."""
    return host_platforms() | specifier_platforms() | platforms()


# -- round trips ----------------------------------------------------------------------


@given(specifier_platforms())
@example(Platform("linux", "arm64", "v8"))
@example(Platform("linux", "armhf", os_version="50%(x)/+", os_features=("b+", "a%")))
def test_format_all_parse_round_trip(platform: Platform) -> None:
    normal = normalize_platform(platform)
    formatted = format_platform_all(normal)
    reparsed = parse_platform(formatted)
    assert normalize_platform(reparsed) == normal
    assert format_platform_all(reparsed) == formatted  # upstream's stability check


@given(specifier_platforms())
def test_format_parse_round_trip(platform: Platform) -> None:
    normal = normalize_platform(dataclasses.replace(platform, os_version="", os_features=()))
    assert normalize_platform(parse_platform(format_platform(normal))) == normal


@given(ggcr_platforms())
def test_ggcr_round_trip(platform: Platform) -> None:
    assert parse_platform_ggcr(format_platform_ggcr(platform)) == platform


def _read_back(raw: bytes) -> Platform:
    """The platform the strict JSON reader reads from ``raw`` (the one place this file calls it)."""
    return Platform.from_json_object(_json.loads(raw))


@given(platforms())
def test_json_round_trip(platform: Platform) -> None:
    assert Platform.from_json_object(platform.to_json_object()) == platform
    assert _read_back(platform.to_json()) == platform


# -- hostile class: a str subclass ------------------------------------------------------

_spec_texts = st.sampled_from(["linux/amd64", "linux/arm64/v8", "windows(10.0+a)/amd64", "LINUX/X86_64", "x"])


def _outcome(call: Callable[[], object]) -> object:
    """What a call gives: its value, or the error's class, message and span."""
    try:
        return call()
    except OCIError as error:
        return (type(error), error.message, error.span)


@given(hostile_str(_spec_texts | specifiers(), _spec_texts | specifiers()), _spec_texts | specifiers())
@example(make_hostile("linux/arm64", "linux/amd64", "linux/arm64"), "linux/amd64")
@example(make_hostile("linux/arm64", "linux/arm64", "linux/amd64"), "linux/amd64")
def test_a_str_subclass_is_read_by_its_characters(hostile: str, later: str) -> None:
    exact = str.__str__(hostile)
    host = Platform("linux", "amd64")
    platform_module._memo.clear()
    expected = {
        "specifier": _outcome(lambda: parse_platform(exact, host=host)),
        "no host": _outcome(lambda: parse_platform(exact)),
        "ggcr": _outcome(lambda: parse_platform_ggcr(exact)),
        "arch": _outcome(lambda: cpu_variant_from_arch(exact)),
        "cpuinfo": _outcome(lambda: cpu_variant_from_cpuinfo(exact, model_name=exact, arm32=True)),
        "later": _outcome(lambda: parse_platform(later, host=host)),
    }
    platform_module._memo.clear()
    assert _outcome(lambda: parse_platform(hostile, host=host)) == expected["specifier"]
    assert _outcome(lambda: parse_platform(hostile)) == expected["no host"]
    assert _outcome(lambda: parse_platform_ggcr(hostile)) == expected["ggcr"]
    assert _outcome(lambda: cpu_variant_from_arch(hostile)) == expected["arch"]
    assert _outcome(lambda: cpu_variant_from_cpuinfo(hostile, model_name=hostile, arm32=True)) == expected["cpuinfo"]
    # Whatever the hostile text hashes and compares like, it left nothing in
    # the memo that a later caller could be handed.
    assert _outcome(lambda: parse_platform(later, host=host)) == expected["later"]
    assert all(type(key) is str for key in platform_module._memo)
    parsed = _outcome(lambda: parse_platform(hostile, host=host))
    if isinstance(parsed, Platform):
        assert all(type(value) is str for value in (parsed.os, parsed.architecture, parsed.variant, parsed.os_version))


# -- hostile class: the text of a parsed platform ------------------------------------------

_option_pieces = st.sampled_from(["a", "b", "win32k", "gpu", "%2B", "%25", "%C3%A9", "1.0", "x-y_z"])
_options = st.lists(st.lists(_option_pieces, min_size=1, max_size=3).map("".join), max_size=5)


@given(
    st.sampled_from(["linux", "Windows", "macOS", "freebsd", "plan9"]),
    st.sampled_from(["amd64", "arm64/v8", "aarch64", "arm", "armel", "x86_64/v3", "ppc64le/power9", "386"]),
    st.sampled_from(["", "10.0.17763", "1%2B2", "%C3%A9"]),
    _options,
    st.none() | host_platforms(),
)
@example("linux", "amd64", "", ["b", "a"], None)
@example("linux", "amd64", "", ["a", "a", "b%2Bc"], None)
def test_the_text_of_a_parsed_platform_parses_back(
    os: str, arch: str, version: str, features: list[str], host: Platform | None
) -> None:
    options = version + "".join("+" + feature for feature in features)
    spec = f"{os}({options})/{arch}" if options else f"{os}/{arch}"
    parsed = parse_platform(spec, host=host)
    assert parsed.os_features == tuple(urllib.parse.unquote(feature) for feature in features)
    assert parse_platform(format_platform_all(parsed)) == parsed
    assert parse_platform(str(parsed), host=host) == parsed


@given(specifiers(), host_platforms())
def test_every_parsed_platform_round_trips(spec: str, host: Platform) -> None:
    try:
        parsed = parse_platform(spec, host=host)
    except InvalidPlatformError:
        return
    assert parse_platform(format_platform_all(parsed), host=host) == parsed


# -- hostile class: what a platform can hold -----------------------------------------------


@given(
    st.sampled_from(["linux/amd64", "windows/arm64", "linux/arm/v6", "darwin/arm64/v8"]),
    any_text | unwritable_text(),
    st.lists(any_text.filter(bool) | unwritable_text(), max_size=3),
    st.lists(any_text | unwritable_text(), max_size=2),
)
@example("linux/amd64", "\ud800", [], [])
@example("linux/amd64", "", ["\uffff"], [])
def test_a_platform_holds_only_what_can_be_written(
    spec: str, version: str, os_features: list[str], features: list[str]
) -> None:
    base = parse_platform(spec)
    texts = [version, *os_features, *features]
    unwritable = any(char in UNWRITABLE or "\ud800" <= char <= "\udfff" for text in texts for char in text)
    if unwritable:
        with pytest.raises(InvalidPlatformError) as info:
            Platform(base.os, base.architecture, base.variant, version, tuple(os_features), tuple(features))
        assert info.value.pointer is not None and info.value.pointer.startswith("/")
        return
    platform = Platform(base.os, base.architecture, base.variant, version, tuple(os_features), tuple(features))
    assert _read_back(platform.to_json()) == platform
    assert parse_platform(format_platform_all(platform)) == dataclasses.replace(platform, features=())


# -- hostile class: work that grows with the input ----------------------------------------


def _python_lines(call: Callable[[], object]) -> int:
    """How many lines of Python run during ``call`` (C work is not counted)."""
    count = 0

    def trace(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return trace

    previous = sys.gettrace()  # a coverage tracer, say: put it back afterwards
    sys.settrace(trace)
    try:
        call()
    except OCIError:
        pass
    finally:
        sys.settrace(previous)
    return count


_HOSTILE_UNITS = ["%41", "+a", "+%41", "%2B", "+%2b", "+", "a", "/", "(", ")", "%", "%e2%82%ac", "+%C3%A9", ":",
                  " ", "\u3000", "é", "\ud800", "\uffff", "%ff", "*", "+%ef%bf%bf", "a.", "v9", "=", "\n"]  # fmt: skip
# Where a run of the unit lands: inside the OS options, in a component, in ggcr's form, ...
_HOSTILE_FRAMES = [("linux(", ")/amd64"), ("windows(1", ")/arm64/v8"), ("linux(+", ")/amd64"), ("linux(", "+%C3)/x"),
                   ("linux(", "%ff)/x"), ("linux/", ""), ("linux/amd64/", ""), ("armv", ""), ("aarch64", ""),
                   (" ", ":1"), ("", ""), ("", "!"), ("linux(", "")]  # fmt: skip
_READERS: dict[str, Callable[[str], object]] = {
    "parse_platform": parse_platform,
    "parse_platform with host": lambda text: parse_platform(text, host=Platform("linux", "arm", "v6")),
    "parse_platform_ggcr": parse_platform_ggcr,
    "cpu_variant_from_arch": cpu_variant_from_arch,
    "cpu_variant_from_cpuinfo": cpu_variant_from_cpuinfo,
    "cpu_variant_from_cpuinfo model": lambda text: cpu_variant_from_cpuinfo("7", model_name=text, arm32=True),
}


@given(
    st.sampled_from(_HOSTILE_FRAMES) | st.tuples(st.text(max_size=4), st.text(max_size=4)),
    st.lists(st.sampled_from(_HOSTILE_UNITS), min_size=1, max_size=3).map("".join),
    st.sampled_from(sorted(_READERS)),
)
@example(("windows(", ")/amd64"), "%41", "parse_platform")
@example(("linux(", ")/amd64"), "+a", "parse_platform")
def test_python_work_does_not_grow_with_the_input(frame: tuple[str, str], unit: str, reader: str) -> None:
    prefix, suffix = frame
    read = _READERS[reader]
    _python_lines(lambda: read(prefix + unit * 2000 + suffix))  # patterns compiled on first use are built
    small = _python_lines(lambda: read(prefix + unit * 50 + suffix))
    large = _python_lines(lambda: read(prefix + unit * 2000 + suffix))
    # A loop in Python over the characters or the escapes would run some 1950
    # times more; the loop over pieces stops at the feature limit.
    assert large <= small + 60, (reader, prefix, unit, suffix, small, large)


# -- percent-decoding against a piece-by-piece reference ----------------------------------

_escape = st.one_of(
    st.sampled_from(["%2B", "%2b", "%25", "%28", "%ff", "%FF", "%2", "%", "%zz", "%EF%BF%BF", "%ED%A0%80", "%C3"]),
    st.binary(min_size=1, max_size=2).map(lambda raw: "".join(f"%{byte:02x}" for byte in raw)),
    st.characters(exclude_categories=["Cs"]).map(lambda char: "".join(f"%{b:02X}" for b in char.encode())),
)
_piece = st.lists(st.sampled_from(["a", "Z", "0", ".", "-", "_"]) | _escape, max_size=4).map("".join)


def _reference_options(pieces: list[str]) -> tuple[str, tuple[str, ...]] | int:
    """url.PathUnescape of each piece, which must be UTF-8 a platform may hold; or the index of the first
    piece that fails."""
    decoded = []
    for index, piece in enumerate(pieces):
        if re.search(r"%(?![0-9A-Fa-f]{2})", piece):
            return index
        try:
            text = urllib.parse.unquote_to_bytes(piece).decode("utf-8")
        except UnicodeDecodeError:
            return index
        if any(char in UNWRITABLE for char in text):
            return index
        decoded.append(text)
    return decoded[0], tuple(decoded[1:])


@given(_piece, st.lists(_piece.filter(bool), max_size=4))
@example("%2B", ["a%2Bb", "%2b"])
@example("", ["a", "%C3", "%FF"])
def test_percent_decoding_matches_a_piece_by_piece_reading(version: str, features: list[str]) -> None:
    options = "+".join([version, *features])
    spec = f"linux({options})/amd64"
    expected = _reference_options([version, *features])
    if isinstance(expected, tuple):
        parsed = parse_platform(spec)
        assert (parsed.os_version, parsed.os_features) == expected
        return
    with pytest.raises(InvalidPlatformError) as info:
        parse_platform(spec)
    # The fault lies in the first piece the reference refuses.
    start = len("linux(") + sum(len(piece) + 1 for piece in [version, *features][:expected])
    end = start + len([version, *features][expected])
    assert info.value.span is not None
    assert start <= info.value.span[0] < info.value.span[1] <= end, (info.value.span, start, end)


# -- normalisation -----------------------------------------------------------------------


@given(platforms())
def test_normalize_is_idempotent(platform: Platform) -> None:
    once = normalize_platform(platform)
    assert normalize_platform(once) == once
    assert once.os_features == tuple(sorted(set(once.os_features)))


@given(platforms(), platforms())
def test_ggcr_equals_is_an_equivalence(a: Platform, b: Platform) -> None:
    assert platform_equals(a, a)
    assert platform_equals(a, b) is platform_equals(b, a)
    if a == b:
        assert platform_equals(a, b)


# -- arbitrary input -----------------------------------------------------------------------

_text_inputs = st.one_of(
    st.text(),
    specifiers(),
    st.binary().map(lambda raw: raw.decode("utf-8", "surrogateescape")),
    st.binary().map(lambda raw: raw.decode("latin-1")),
)


@given(_text_inputs, st.none() | host_platforms())
def test_parse_gives_platform_or_error(text: str, host: Platform | None) -> None:
    outcome = _outcome(lambda: parse_platform(text, host=host))
    if isinstance(outcome, Platform):
        # The fast path and the memo give what the full parser gives.
        platform_module._memo.clear()
        assert outcome == parse_platform(text, host=host if host is not None else Platform("plan9", "x"))
        assert parse_platform(format_platform_all(outcome), host=host) == outcome
    else:
        assert isinstance(outcome, tuple) and outcome[0] is InvalidPlatformError
        with pytest.raises(InvalidPlatformError) as info:
            parse_platform(text, host=host)
        assert info.value.text == text
        assert str(info.value) and info.value.marker


@given(_text_inputs)
def test_other_text_readers_give_value_or_error(text: str) -> None:
    for reader in (parse_platform_ggcr, cpu_variant_from_arch, cpu_variant_from_cpuinfo):
        try:
            result = reader(text)
        except InvalidPlatformError:
            continue
        assert isinstance(result, (Platform, str))


@given(platform_json_objects())
def test_json_reader_gives_platform_or_the_error_passed(obj: object) -> None:
    try:
        platform = Platform.from_json_object(obj)
    except InvalidPlatformError as error:
        pointer = error.pointer
        assert pointer is not None
        assert pointer == "" or pointer.startswith("/")
    else:
        assert isinstance(platform, Platform)
        assert Platform.from_json_object(platform.to_json_object()) == platform


@given(st.one_of(st.integers(), st.none(), st.binary(), st.lists(any_text)))
def test_non_text_is_refused(value: object) -> None:
    for reader in (parse_platform, parse_platform_ggcr, cpu_variant_from_arch, cpu_variant_from_cpuinfo):
        with pytest.raises(InvalidPlatformError):
            cast("Callable[[object], object]", reader)(value)


# -- the wrong kind of Python object --------------------------------------------------------

_P = Platform("linux", "amd64")
_W = Platform("windows", "amd64", os_version="10.0.20348")
_not_text = st.one_of(st.integers(), st.none(), st.binary(), st.floats(), st.lists(st.text(max_size=3), max_size=2),
                      st.just(_P), st.dictionaries(st.text(max_size=2), st.integers(), max_size=2))  # fmt: skip
_not_platform = st.one_of(st.integers(), st.none(), st.text(max_size=12), st.binary(), st.just(("linux", "amd64")),
                          st.just({"os": "linux", "architecture": "amd64"}), st.just(only(_P)))  # fmt: skip
_not_platforms = st.one_of(st.integers(), st.none(), st.text(max_size=12), st.binary(),
                           st.builds(lambda bad: [_P, bad], _not_platform))  # fmt: skip
_not_wanted = st.one_of(st.integers(), st.none(), st.text(max_size=12), st.binary(), st.just(("linux", "amd64")),
                        st.just([_P]))  # fmt: skip
_not_bool = st.one_of(st.integers(), st.text(max_size=3), st.lists(st.booleans(), max_size=1))

_TYPE = TypeError
_DATA = InvalidPlatformError

_Wrong = tuple[st.SearchStrategy[object], type[Exception]]
_Call = tuple[str, Callable[..., object], list[object], list[_Wrong]]


def _parse_with_host(spec: object, host: object) -> object:
    return parse_platform(spec, host=host)  # type: ignore[arg-type]


def _cpuinfo(value: object, model: object, arm32: object) -> object:
    return cpu_variant_from_cpuinfo(value, model_name=model, arm32=arm32)  # type: ignore[arg-type]


_TEXT_DATA: _Wrong = (_not_text, _DATA)
_TEXT_TYPE: _Wrong = (_not_text, _TYPE)
_PLATFORM_TYPE: _Wrong = (_not_platform, _TYPE)
_PLATFORMS_TYPE: _Wrong = (_not_platforms, _TYPE)
_WANTED_TYPE: _Wrong = (_not_wanted, _TYPE)
_HOST_TYPE: _Wrong = (_not_platform.filter(lambda value: value is not None), _TYPE)
_BOOL_TYPE: _Wrong = (_not_bool, _TYPE)

# (name, call, good arguments, and for each argument: its wrong values and what they must raise)
_CALLS: list[_Call] = [
    ("parse_platform", _parse_with_host, ["linux/amd64", _P], [_TEXT_DATA, _HOST_TYPE]),
    ("parse_platform_ggcr", parse_platform_ggcr, ["linux/amd64"], [_TEXT_DATA]),
    ("cpu_variant_from_arch", cpu_variant_from_arch, ["armv7l"], [_TEXT_DATA]),
    ("cpu_variant_from_cpuinfo", _cpuinfo, ["7", "x", True], [_TEXT_DATA, _TEXT_DATA, _BOOL_TYPE]),
    ("Platform", Platform, ["linux", "amd64", "v8", "1", ("a",), ("b",)],
     [_TEXT_TYPE] * 4 + [_PLATFORMS_TYPE] * 2),
    ("normalize_os", normalize_os, ["linux"], [_TEXT_TYPE]),
    ("normalize_arch", normalize_arch, ["arm64", "v8"], [_TEXT_TYPE, _TEXT_TYPE]),
    ("normalize_platform", normalize_platform, [_P], [_PLATFORM_TYPE]),
    ("format_platform", format_platform, [_P], [_PLATFORM_TYPE]),
    ("format_platform_all", format_platform_all, [_P], [_PLATFORM_TYPE]),
    ("format_platform_ggcr", format_platform_ggcr, [_P], [_PLATFORM_TYPE]),
    ("platform_equals", platform_equals, [_P, _P], [_PLATFORM_TYPE] * 2),
    ("platform_satisfies", platform_satisfies, [_P, _P], [_PLATFORM_TYPE] * 2),
    ("platform_matches", platform_matches, [_P, _P], [_WANTED_TYPE, _PLATFORM_TYPE]),
    ("rank_platforms", rank_platforms, [_P, [_P]], [_WANTED_TYPE, _PLATFORMS_TYPE]),
    ("best_match", best_match, [_P, [_P]], [_WANTED_TYPE, _PLATFORMS_TYPE]),
    ("only", only, [_P], [_PLATFORM_TYPE]),
    ("only_strict", only_strict, [_P], [_PLATFORM_TYPE]),
    ("only_os", only_os, [_P], [_PLATFORM_TYPE]),
    ("ordered", ordered, [_P, _P], [_PLATFORM_TYPE] * 2),
    ("any_platform", any_platform, [_P, _P], [_PLATFORM_TYPE] * 2),
    ("default_matcher", default_matcher, [_P], [_PLATFORM_TYPE]),
    ("OnlyMatcher", OnlyMatcher, [_P], [_PLATFORM_TYPE]),
    ("OnlyOSMatcher", OnlyOSMatcher, [_P], [_PLATFORM_TYPE]),
    ("WindowsMatcher", WindowsMatcher, [_W], [_PLATFORM_TYPE]),
    ("OrderedMatcher", OrderedMatcher, [(_P,)], [_PLATFORMS_TYPE]),
    ("AnyMatcher", AnyMatcher, [(_P,)], [_PLATFORMS_TYPE]),
]  # fmt: skip
_CALLS += [
    (f"{type(matcher).__name__}.{method}", getattr(matcher, method), [_P] * arity, [_PLATFORM_TYPE] * arity)
    for matcher in (only(_P), only_strict(_P), only_os(_P), ordered(_P), any_platform(_P), all_platforms,
                    default_matcher(_W), default_matcher(Platform("darwin", "arm64")))
    for method, arity in (("match", 1), ("key", 1), ("less", 2))
]  # fmt: skip


@given(st.sampled_from(range(len(_CALLS))), st.data())
def test_the_wrong_kind_of_object_is_a_type_error(which: int, data: st.DataObject) -> None:
    name, call, good, wrong = _CALLS[which]
    call(*good)  # the good arguments are good
    position = data.draw(st.sampled_from(range(len(wrong))), label="argument")
    values, expected = wrong[position]
    arguments = list(good)
    arguments[position] = data.draw(values, label="wrong value")
    with pytest.raises(expected) as info:
        call(*arguments)
    assert type(info.value) is expected or isinstance(info.value, expected), name
    assert "object has no attribute" not in str(info.value)


def test_every_public_callable_is_in_the_wrong_kind_table() -> None:
    # A new public function or matcher must say how it answers the wrong kind of object.
    callables = {
        name for name in platform_module.__all__ if callable(getattr(platform_module, name)) and name != "Matcher"
    } - {"AllMatcher"}  # AllMatcher() takes nothing
    assert callables <= {name for name, *_ in _CALLS}
    assert isinstance(all_platforms, AllMatcher)


# -- matching --------------------------------------------------------------------------------


def _matchers(host: Platform, other: Platform) -> list[Matcher]:
    return [
        only(host),
        only_strict(host),
        only_os(host),
        ordered(host, other),
        any_platform(host, other),
        all_platforms,
        default_matcher(host),
    ]


@given(host_platforms(), candidate_platforms(), candidate_platforms(), candidate_platforms())
def test_key_agrees_with_match_and_less(host: Platform, other: Platform, a: Platform, b: Platform) -> None:
    for matcher in _matchers(host, other):
        assert (matcher.key(a)[0] == 0) is matcher.match(a)
        assert matcher.less(a, b) is (matcher.key(a) < matcher.key(b))
        assert not matcher.less(a, a)


@given(host_platforms(), candidate_platforms())
def test_matchers_survive_replace_and_pickle(host: Platform, other: Platform) -> None:
    for matcher in _matchers(host, other):
        # The derived plan is recomputed by replace, not carried over.
        fields = [field.name for field in dataclasses.fields(cast("Any", matcher)) if field.init]
        rebuilt = dataclasses.replace(cast("Any", matcher), **{name: getattr(matcher, name) for name in fields})
        assert rebuilt == matcher and rebuilt.key(other) == matcher.key(other)
        copy = pickle.loads(pickle.dumps(matcher))
        assert copy == matcher and copy.key(other) == matcher.key(other)


@given(host_platforms())
def test_a_host_runs_itself(host: Platform) -> None:
    assert only(host).match(host)
    assert only_strict(host).match(host)
    assert default_matcher(host).match(host)


@given(host_platforms(), st.lists(candidate_platforms(), max_size=6), st.data())
def test_best_match_does_not_depend_on_order(host: Platform, candidates: list[Platform], data: st.DataObject) -> None:
    # Repeat some candidates: equal platforms must not break the order either.
    candidates = candidates + candidates[:2]
    shuffled = data.draw(st.permutations(candidates))
    for matcher in (host, only_os(host), any_platform(host), all_platforms, default_matcher(host)):
        assert best_match(matcher, shuffled) == best_match(matcher, candidates)
        assert rank_platforms(matcher, shuffled) == rank_platforms(matcher, candidates)
    best = best_match(host, candidates)
    assert (best is None) is (not any(only(host).match(c) for c in candidates))


# -- the OS part, read with runs of one class ---------------------------------------------


@given(st.text(st.sampled_from("aZ0_-.%+()é:x*"), max_size=12))
@example("linux(+)")
@example("linux()")
@example("linux(1++a)")
@example("linux(1+a+)")
def test_the_os_part_is_read_as_os_pattern_says(text: str) -> None:
    match = re.fullmatch(OS_PATTERN, text)
    spec = f"{text}/amd64"
    if match is None or "*" in text:
        with pytest.raises(InvalidPlatformError):
            parse_platform(spec)
        return
    outcome = _outcome(lambda: parse_platform(spec))
    if not isinstance(outcome, Platform):
        # Only the decoding of an option may refuse what the pattern takes.
        assert isinstance(outcome, tuple) and "percent" in str(outcome[1]), outcome
        return
    assert outcome.os == normalize_os(match[1])
    if match[2] is None:
        assert (outcome.os_version, outcome.os_features) == ("", ())
    else:
        pieces = [match[2], *match[3].split("+")[1:]]
        assert [outcome.os_version, *outcome.os_features] == [urllib.parse.unquote(piece) for piece in pieces]
