"""Static types of oci_core.platform's public API, checked by mypy (and run by pytest)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from oci_core import platform as platform_module
from oci_core.platform import (
    AllMatcher,
    AnyMatcher,
    Matcher,
    OnlyMatcher,
    OnlyOSMatcher,
    OrderedMatcher,
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

if TYPE_CHECKING:
    # typing.assert_type is 3.11+; mypy knows typing_extensions' on every version.
    from typing_extensions import assert_type
else:

    def assert_type(value, expected_type):
        return value


def test_public_types() -> None:
    p = parse_platform("linux/arm64/v8")
    assert_type(p, Platform)
    assert_type(parse_platform("linux", host=p), Platform)
    assert_type(p.os, str)
    assert_type(p.os_features, tuple[str, ...])
    assert_type(p.features, tuple[str, ...])
    assert_type(p.to_json_object(), dict[str, str | list[str]])
    assert_type(p.to_json(), bytes)
    assert_type(Platform.from_json_object({"os": "linux", "architecture": "amd64"}), Platform)
    assert_type(format_platform(p), str)
    assert_type(format_platform_all(p), str)
    assert_type(normalize_platform(p), Platform)
    assert_type(normalize_os("macOS"), str)
    assert_type(normalize_arch("aarch64", "v8"), tuple[str, str])
    assert_type(parse_platform_ggcr("linux/amd64:1"), Platform)
    assert_type(format_platform_ggcr(p), str)
    assert_type(platform_equals(p, p), bool)
    assert_type(platform_satisfies(p, p), bool)
    assert_type(only(p), OnlyMatcher)
    assert_type(only_strict(p), OrderedMatcher)
    assert_type(only_os(p), OnlyOSMatcher)
    assert_type(ordered(p, p), OrderedMatcher)
    assert_type(any_platform(p), AnyMatcher)
    assert_type(all_platforms, AllMatcher)
    assert_type(default_matcher(p), Matcher)
    assert_type(only(p).key(p), tuple[int, ...])
    assert_type(only(p).less(p, p), bool)
    assert_type(platform_matches(p, p), bool)
    assert_type(platform_matches(only(p), p), bool)
    assert_type(best_match(p, [p]), Platform | None)
    assert_type(best_match(all_platforms, (p,)), Platform | None)
    assert_type(rank_platforms(p, iter([p])), tuple[Platform, ...])
    assert_type(cpu_variant_from_arch("armv7l"), str)
    assert_type(cpu_variant_from_cpuinfo("7", model_name="x", arm32=True), str)


def test_every_matcher_is_a_matcher() -> None:
    p = Platform("linux", "amd64")
    matchers: list[Matcher] = [only(p), only_strict(p), only_os(p), ordered(p), any_platform(p), all_platforms]
    assert all(matcher.match(p) for matcher in matchers)


def test_all_is_complete() -> None:
    # Every public name the module or its private modules (re-exported here) define is exported, and every
    # export exists.
    from oci_core import _platform_cpu, _platform_match

    modules = {platform_module.__name__, _platform_match.__name__, _platform_cpu.__name__}
    defined = {
        name
        for module in (platform_module, _platform_match, _platform_cpu)
        for name, value in vars(module).items()
        if not name.startswith("_") and getattr(value, "__module__", None) in modules
    }
    assert defined <= set(platform_module.__all__)
    assert all(hasattr(platform_module, name) for name in platform_module.__all__)
