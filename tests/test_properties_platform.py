"""Property tests of oci_core.platform (strategies in strategies_platform.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import cast

from hypothesis import example, given
from hypothesis import strategies as st

from oci_core import platform as platform_module
from oci_core.errors import InvalidPlatformError
from oci_core.platform import (
    Matcher,
    Platform,
    all_platforms,
    any_platform,
    best_match,
    cpu_variant_from_arch,
    cpu_variant_from_cpuinfo,
    default_matcher,
    format_platform,
    format_platform_all,
    format_platform_ggcr,
    normalize_platform,
    only,
    only_os,
    only_strict,
    ordered,
    parse_platform,
    parse_platform_ggcr,
    platform_equals,
    rank_platforms,
)

from .strategies_platform import (
    any_text,
    candidate_platforms,
    ggcr_platforms,
    hosts,
    json_platform_objects,
    platforms,
    spec_platforms,
    specifiers,
)

# -- round trips ----------------------------------------------------------------------


@given(spec_platforms())
@example(Platform("linux", "arm64", "v8"))
@example(Platform("linux", "armhf", os_version="50%(x)/+", os_features=("b+", "a%")))
def test_format_all_parse_round_trip(platform: Platform) -> None:
    normal = normalize_platform(platform)
    formatted = format_platform_all(normal)
    reparsed = parse_platform(formatted)
    assert normalize_platform(reparsed) == normal
    assert format_platform_all(reparsed) == formatted  # upstream's stability check


@given(spec_platforms())
def test_format_parse_round_trip(platform: Platform) -> None:
    normal = normalize_platform(dataclasses.replace(platform, os_version="", os_features=()))
    assert normalize_platform(parse_platform(format_platform(normal))) == normal


@given(ggcr_platforms())
def test_ggcr_round_trip(platform: Platform) -> None:
    assert parse_platform_ggcr(format_platform_ggcr(platform)) == platform


@given(platforms())
def test_json_round_trip(platform: Platform) -> None:
    assert Platform.from_json_object(platform.to_json_object()) == platform
    assert platform.to_json().startswith(b'{"architecture":')


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


@given(_text_inputs, st.none() | hosts())
def test_parse_gives_platform_or_error(text: str, host: Platform | None) -> None:
    try:
        parsed = parse_platform(text, host=host)
    except InvalidPlatformError as error:
        assert error.text == text
        str(error), error.marker
    else:
        assert isinstance(parsed, Platform)
        # The fast path and the memo give what the parser gives.
        assert parsed == platform_module._parse(text, host)
        assert normalize_platform(parse_platform(format_platform_all(parsed))) == normalize_platform(parsed)


@given(_text_inputs)
def test_other_text_readers_give_value_or_error(text: str) -> None:
    for reader in (parse_platform_ggcr, cpu_variant_from_arch, cpu_variant_from_cpuinfo):
        try:
            result = reader(text)
        except InvalidPlatformError:
            pass
        else:
            assert isinstance(result, (Platform, str))


@given(json_platform_objects())
def test_json_reader_gives_platform_or_the_error_passed(obj: object) -> None:
    try:
        platform = Platform.from_json_object(obj)
    except InvalidPlatformError as error:
        assert error.pointer is not None and (error.pointer == "" or error.pointer.startswith("/"))
    else:
        assert isinstance(platform, Platform)
        assert Platform.from_json_object(platform.to_json_object()) == platform


@given(st.one_of(st.integers(), st.none(), st.binary(), st.lists(any_text)))
def test_non_text_is_refused(value: object) -> None:
    for reader in (parse_platform, parse_platform_ggcr, cpu_variant_from_arch, cpu_variant_from_cpuinfo):
        try:
            cast("Callable[[object], object]", reader)(value)
        except InvalidPlatformError:
            pass
        else:  # pragma: no cover
            raise AssertionError(f"{reader.__name__} accepted {value!r}")


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


@given(hosts(), candidate_platforms(), candidate_platforms(), candidate_platforms())
def test_key_agrees_with_match_and_less(host: Platform, other: Platform, a: Platform, b: Platform) -> None:
    for matcher in _matchers(host, other):
        assert (matcher.key(a)[0] == 0) is matcher.match(a)
        assert matcher.less(a, b) is (matcher.key(a) < matcher.key(b))
        assert not matcher.less(a, a)


@given(hosts())
def test_a_host_runs_itself(host: Platform) -> None:
    assert only(host).match(host)
    assert only_strict(host).match(host)
    assert default_matcher(host).match(host)


@given(hosts(), st.lists(candidate_platforms(), max_size=6), st.data())
def test_best_match_does_not_depend_on_order(host: Platform, candidates: list[Platform], data: st.DataObject) -> None:
    # Repeat some candidates: equal platforms must not break the order either.
    candidates = candidates + candidates[:2]
    shuffled = data.draw(st.permutations(candidates))
    for matcher in (host, only_os(host), any_platform(host), all_platforms, default_matcher(host)):
        assert best_match(matcher, shuffled) == best_match(matcher, candidates)
        assert rank_platforms(matcher, shuffled) == rank_platforms(matcher, candidates)
    best = best_match(host, candidates)
    assert (best is None) is (not any(only(host).match(c) for c in candidates))
