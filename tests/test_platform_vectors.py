"""The upstream platform vectors (spec-vectors/platform/), one runner per file.

Every case runs. Where we answer differently on purpose, the test asserts our
answer and the case is listed in DEVIATIONS.md with the reason.

Placeholders ``{host.os}``, ``{host.arch}``, ``{host.variant}`` stand for the
machine upstream's test ran on. Our API never looks at the machine: the host
is an argument, so each such case runs once per host in HOSTS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from oci_core.errors import InvalidPlatformError
from oci_core.platform import (
    Matcher,
    Platform,
    any_platform,
    best_match,
    cpu_variant_from_arch,
    default_matcher,
    format_platform,
    format_platform_all,
    format_platform_ggcr,
    only,
    only_os,
    only_strict,
    ordered,
    parse_platform,
    parse_platform_ggcr,
    platform_equals,
    platform_satisfies,
)

from .vectors import cases

# Hosts to substitute for the placeholders: the common case, and a 32-bit arm
# host whose variant containerd fills in (it leaves out v7 only).
HOSTS = [
    Platform("linux", "amd64"),
    Platform("linux", "arm", "v6"),
    Platform("windows", "arm64", os_version="10.0.20348"),
]
HOST_IDS = ["linux-amd64", "linux-arm-v6", "windows-arm64"]

# containerd-parse.json cases whose FormatAll text we write differently on
# purpose (DEVIATIONS.md): OS features in the order written, not sorted.
FORMAT_ALL_IN_ORDER = {"linux(+unsorted+erofs)"}


def _host_values(host: Platform) -> dict[str, str]:
    variant = host.variant if host.architecture == "arm" and host.variant not in ("", "v7") else ""
    return {"{host.os}": host.os, "{host.arch}": host.architecture, "{host.variant}": variant}


def _substitute(value: Any, host: Platform) -> Any:
    if isinstance(value, str):
        for placeholder, actual in _host_values(host).items():
            value = value.replace(placeholder, actual)
        return value
    if isinstance(value, list):
        return [_substitute(item, host) for item in value]
    if isinstance(value, dict):
        return {key: _substitute(item, host) for key, item in value.items()}
    return value


def _join(formatted: str) -> str:
    """Go path.Join of a formatted string's parts after substitution: empty parts dropped."""
    return "/".join(part for part in formatted.split("/") if part)


def _platform(obj: dict[str, Any]) -> Platform:
    return Platform.from_json_object(obj)


def _go_insertion_sort(items: list[Platform], matcher: Matcher) -> list[Platform]:
    """Go's sort.Slice on fewer than 13 elements: insertion sort with Less."""
    items = list(items)
    for i in range(1, len(items)):
        j = i
        while j > 0 and matcher.less(items[j], items[j - 1]):
            items[j], items[j - 1] = items[j - 1], items[j]
            j -= 1
    return items


# -- containerd-parse.json ----------------------------------------------------------


@pytest.mark.parametrize("host", HOSTS, ids=HOST_IDS)
@pytest.mark.parametrize("case", cases("platform/containerd-parse.json"))
def test_containerd_parse(case: dict[str, Any], host: Platform) -> None:
    if case.get("skip"):
        # Upstream skips the wildcard cases ("not yet supported"); its Parse
        # rejects any "*", and so do we (DEVIATIONS.md).
        with pytest.raises(InvalidPlatformError, match="wildcards"):
            parse_platform(case["input"], host=host)
        return
    expected = _platform(_substitute(case["expected"], host))
    parsed = parse_platform(case["input"], host=host)
    assert parsed == expected
    # NewMatcher(parsed) matches the expectation and every listed platform.
    matcher = only_strict(parsed)
    assert matcher.match(expected)
    for other in case["matches"]:
        assert matcher.match(_platform(_substitute(other, host))), other
    formatter = format_platform_all if case["format"] == "FormatAll" else format_platform
    formatted = formatter(parsed)
    upstream = _join(_substitute(case["formatted"], host))
    if case["input"] in FORMAT_ALL_IN_ORDER:
        # DEVIATIONS.md: FormatAll sorts the OS features, and Parse keeps the
        # order written, so upstream's text does not parse back to the same
        # platform; ours writes them in order. Sorted, they give upstream's text.
        assert parsed.os_features != tuple(sorted(parsed.os_features))
        assert format_platform_all(replace(parsed, os_features=tuple(sorted(parsed.os_features)))) == upstream
        assert formatted != upstream
        assert parse_platform(formatted, host=host) == parsed
    else:
        assert formatted == upstream
    assert formatter(parse_platform(formatted, host=host)) == formatted


def test_containerd_parse_needs_host_for_one_component() -> None:
    for case in cases("platform/containerd-parse.json"):
        spec = case.values[0]["input"]
        if "/" not in spec and "*" not in spec:
            with pytest.raises(InvalidPlatformError, match="host"):
                parse_platform(spec)


# -- containerd-parse-invalid.json --------------------------------------------------


@pytest.mark.parametrize("host", [None, HOSTS[0]], ids=["no-host", "host"])
@pytest.mark.parametrize("case", cases("platform/containerd-parse-invalid.json"))
def test_containerd_parse_invalid(case: dict[str, Any], host: Platform | None) -> None:
    assert case["valid"] is False
    with pytest.raises(InvalidPlatformError):
        parse_platform(case["input"], host=host)


# -- containerd-format-all.json ------------------------------------------------------


@pytest.mark.parametrize("case", cases("platform/containerd-format-all.json", id_keys=("expected",)))
def test_containerd_format_all(case: dict[str, Any]) -> None:
    platform = _platform(case["platform"])
    assert format_platform_all(platform) == case["expected"]
    if case.get("round_trip", True):
        reparsed = parse_platform(case["expected"])
        assert reparsed.os_version == platform.os_version
        assert reparsed.os_features == platform.os_features
    else:
        # Empty OS features are skipped, so they cannot come back.
        reparsed = parse_platform(case["expected"])
        assert reparsed.os_features == tuple(feature for feature in platform.os_features if feature)


# -- containerd-match.json -----------------------------------------------------------

_MATCHERS: dict[str, Callable[[Platform], Matcher]] = {"Only": only, "OnlyStrict": only_strict, "OnlyOS": only_os}


@pytest.mark.parametrize("case", cases("platform/containerd-match.json", id_keys=("platform",)))
def test_containerd_match(case: dict[str, Any]) -> None:
    matcher = _MATCHERS[case["matcher"]](parse_platform(case["platform"]))
    for spec in case["match"]:
        assert matcher.match(parse_platform(spec)), spec
    for spec in case["no_match"]:
        assert not matcher.match(parse_platform(spec)), spec


# -- containerd-compare-less.json ----------------------------------------------------

_COMPARERS: dict[str, Callable[[Platform], Matcher]] = {**_MATCHERS, "Ordered": ordered, "Any": any_platform}


@pytest.mark.parametrize("case", cases("platform/containerd-compare-less.json", id_keys=("platform",)))
def test_containerd_compare_less(case: dict[str, Any]) -> None:
    matcher = _COMPARERS[case["comparer"]](parse_platform(case["platform"]))
    inputs = [parse_platform(spec) for spec in case["input"]]
    assert [format_platform_all(p) for p in _go_insertion_sort(inputs, matcher)] == case["expected"]
    # The sort key gives the same order (Python's sort is stable too).
    assert [format_platform_all(p) for p in sorted(inputs, key=matcher.key)] == case["expected"]


# -- containerd-cpu-variant-from-arch.json --------------------------------------------


@pytest.mark.parametrize("case", cases("platform/containerd-cpu-variant-from-arch.json"))
def test_containerd_cpu_variant_from_arch(case: dict[str, Any]) -> None:
    if case["valid"]:
        assert cpu_variant_from_arch(case["input"]) == case["output"]
    else:
        with pytest.raises(InvalidPlatformError, match="invalid argument"):
            cpu_variant_from_arch(case["input"])


# -- containerd-windows.json ----------------------------------------------------------


@pytest.mark.parametrize("case", cases("platform/containerd-windows.json", id_keys=("name", "op")))
def test_containerd_windows(case: dict[str, Any]) -> None:
    op = case["op"]
    if op == "match":
        # NewMatcher(host).Match(platform); host_os_only cases run everywhere
        # here, since no answer of ours depends on the machine.
        host, platform = _platform(case["host"]), _platform(case["platform"])
        assert only_strict(host).match(platform) is case["match"]
        assert default_matcher(host).match(platform) is case["match"]
    elif op == "windows_host_container_compat":
        host = Platform("windows", "amd64", os_version=f"10.0.{case['host_build']}")
        container = Platform("windows", "amd64", os_version=f"10.0.{case['container_build']}")
        assert only_strict(host).match(container) is case["should_run"]
        assert only(host).match(container) is case["should_run"]
    elif op == "windows_less_stable_sort":
        matcher = default_matcher(_platform(case["host"]))
        inputs = [_platform(obj) for obj in case["input"]]
        expected = [_platform(obj) for obj in case["expected"]]
        assert sorted(inputs, key=matcher.key) == expected
        assert _go_insertion_sort(inputs, matcher) == expected
    elif op == "windows_less_first":
        matcher = default_matcher(_platform(case["host"]))
        inputs = [_platform(obj) for obj in case["input"]]
        first = sorted(inputs, key=matcher.key)[0]
        want = case["expected_first"]
        assert (first.os, first.os_version) == (want["os"], want["os.version"])
        assert best_match(matcher, inputs) == first
        assert best_match(matcher, list(reversed(inputs))) == first
    else:  # pragma: no cover - a new op in the vectors needs a runner
        pytest.fail(f"unknown op {op!r}")


# -- ggcr-v1-platform.json ------------------------------------------------------------


@pytest.mark.parametrize("case", cases("platform/ggcr-v1-platform.json", id_keys=("op", "expected")))
def test_ggcr_platform(case: dict[str, Any]) -> None:
    op = case["op"]
    if op == "String":
        # {} is the zero Go struct: our Platform needs os and architecture, as "".
        platform = Platform.from_json_object({"os": "", "architecture": "", **case["platform"]})
        assert format_platform_ggcr(platform) == case["expected"]
        if case["round_trip"]:
            assert parse_platform_ggcr(case["expected"]) == platform
    elif op == "ParsePlatform":
        assert case["valid"] is False
        with pytest.raises(InvalidPlatformError, match="too many slashes"):
            parse_platform_ggcr(case["input"])
    elif op == "Equals":
        a, b = _platform(case["a"]), _platform(case["b"])
        assert platform_equals(a, b) is case["expected"]
        assert platform_equals(b, a) is case["expected"]
    elif op == "Satisfies":
        # a.Satisfies(spec=b)
        assert platform_satisfies(_platform(case["b"]), _platform(case["a"])) is case["expected"]
    else:  # pragma: no cover
        pytest.fail(f"unknown op {op!r}")
