"""Unit tests of oci_core.platform beyond the upstream vectors."""

from __future__ import annotations

import ast
import dataclasses
import itertools
import json
import pickle
import re
import subprocess
import sys
import time
from collections.abc import Callable

import pytest

from oci_core import _json
from oci_core import _platform_tables as tables
from oci_core import platform as platform_module
from oci_core.errors import InvalidIndexError, InvalidPlatformError, OCIError
from oci_core.manifest import parse_image_index
from oci_core.platform import (
    AllMatcher,
    Matcher,
    OnlyMatcher,
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
    platform_matches,
    rank_platforms,
)

from .hostile import assert_linear, make_hostile
from .vectors import ROOT

LINUX_AMD64 = Platform("linux", "amd64")


class _StrSubclass(str):
    __slots__ = ()

# -- the value ----------------------------------------------------------------------


def test_platform_is_frozen_slotted_hashable() -> None:
    p = Platform("linux", "arm64", "v8", os_features=["b", "a"])  # type: ignore[arg-type]
    assert p.os_features == ("b", "a")
    assert not hasattr(p, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.os = "windows"  # type: ignore[misc]
    assert hash(p) == hash(Platform("linux", "arm64", "v8", os_features=("b", "a")))
    assert pickle.loads(pickle.dumps(p)) == p
    assert dataclasses.replace(p, variant="") == Platform("linux", "arm64", os_features=("b", "a"))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"os": 1, "architecture": "amd64"},
        {"os": "linux", "architecture": None},
        {"os": "linux", "architecture": "amd64", "os_features": "gpu"},
        {"os": "linux", "architecture": "amd64", "features": [1]},
        {"os": "linux", "architecture": "amd64", "features": 3},
        {"os": "linux", "architecture": "amd64", "variant": b"v8"},
        {"os": "linux", "architecture": "amd64", "os_version": 10},
        {"os": "linux", "architecture": "amd64", "os_features": ("a", None)},
        {"os": _StrSubclass("linux"), "architecture": "amd64"},
        {"os": "linux", "architecture": "amd64", "features": (_StrSubclass("sse4"),)},
    ],
)
def test_platform_checks_types(kwargs: dict[str, object]) -> None:
    with pytest.raises(TypeError, match="Platform"):
        Platform(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "pointer"),
    [
        ({"os": "linux\uffff", "architecture": "amd64"}, "/os"),
        ({"os": "linux", "architecture": "\ufdd0"}, "/architecture"),
        ({"os": "linux", "architecture": "amd64", "variant": "v\U0010fffe"}, "/variant"),
        ({"os": "linux", "architecture": "amd64", "os_version": "10\ud800"}, "/os.version"),
        ({"os": "linux", "architecture": "amd64", "os_features": ("ok", "\udfff")}, "/os.features/1"),
        ({"os": "linux", "architecture": "amd64", "features": ["\U0001ffff"]}, "/features/0"),
    ],
)
def test_platform_refuses_what_json_cannot_carry(kwargs: dict[str, object], pointer: str) -> None:
    with pytest.raises(InvalidPlatformError, match="I-JSON forbids") as info:
        Platform(**kwargs)  # type: ignore[arg-type]
    assert info.value.pointer == pointer


def test_every_platform_writes_json_that_reads_back() -> None:
    for p in (
        Platform("linux", "amd64"),
        Platform("lïnux", "amd64", "v\u00e9", "10\u2028", ("\U0001f600",), ("\ufdef\u0041"[1:],)),
        Platform("windows", "arm64", os_version="\uffef", os_features=("\U0010fffd",)),
    ):
        obj = _json.loads(p.to_json())
        assert Platform.from_json_object(obj) == p


def test_private_constructor_equals_public() -> None:
    made = platform_module._make("linux", "arm", "v7", "1", ("a",), ("b",))
    assert made == Platform("linux", "arm", "v7", "1", ("a",), ("b",))
    assert type(made) is Platform
    assert hash(made) == hash(Platform("linux", "arm", "v7", "1", ("a",), ("b",)))


# -- JSON ---------------------------------------------------------------------------


def test_json_round_trip_and_go_field_order() -> None:
    p = Platform("windows", "amd64", "v2", "10.0.17763", ("win32k",), ("sse4",))
    assert p.to_json() == (
        b'{"architecture":"amd64","os":"windows","os.version":"10.0.17763",'
        b'"os.features":["win32k"],"variant":"v2","features":["sse4"]}'
    )
    assert Platform.from_json_object(p.to_json_object()) == p
    assert Platform("", "").to_json() == b'{"architecture":"","os":""}'


def test_json_ignores_unknown_members_and_reads_empty_lists() -> None:
    obj = {"architecture": "amd64", "os": "linux", "os.features": [], "x": {"y": 1}}
    assert Platform.from_json_object(obj) == LINUX_AMD64


@pytest.mark.parametrize(
    ("obj", "pointer", "message"),
    [
        ([], "", "must be an object, got an array"),
        ({"os": "linux"}, "/architecture", "required"),
        ({"architecture": "amd64"}, "/os", "required"),
        ({"architecture": 1, "os": "linux"}, "/architecture", "must be a string"),
        ({"architecture": "amd64", "os": None}, "/os", "must be a string"),
        ({"architecture": "a", "os": "l", "os.features": "x"}, "/os.features", "array"),
        ({"architecture": "a", "os": "l", "features": [1]}, "/features/0", "string"),
        ({"architecture": "a", "os": "l", "variant": True}, "/variant", "string"),
        ({"architecture": "a", "os": "l\uffff"}, "/os", "noncharacter"),
        ({"architecture": "a", "os": "l", "variant": "\ud800"}, "/variant", "surrogate"),
        ({"architecture": "a", 1: "l"}, "", "keys must be strings"),
    ],
)
def test_json_errors_carry_pointer_and_class(obj: object, pointer: str, message: str) -> None:
    # The pointer is relative to the value; a document reader puts it in place.
    with pytest.raises(InvalidPlatformError, match=message) as info:
        Platform.from_json_object(obj)
    assert info.value.pointer == pointer
    if message == "keys must be strings":
        return  # text cannot say it
    entry = {"mediaType": "a/b", "digest": "sha256:" + "a" * 64, "size": 1, "platform": obj}
    index = {"schemaVersion": 2, "manifests": [entry]}
    with pytest.raises(InvalidIndexError, match=message) as in_index:
        parse_image_index(json.dumps(index).encode())
    assert in_index.value.pointer == "/manifests/0/platform" + pointer


# -- normalisation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arch", "variant", "expected"),
    [
        ("aarch64", "", ("arm64", "")),
        ("AArch64", "V8", ("arm64", "")),
        ("arm64", "v8.0", ("arm64", "")),
        ("arm64", "9.0", ("arm64", "v9")),
        ("arm64", "v8.2", ("arm64", "v8.2")),
        ("armhf", "v6", ("arm", "v7")),
        ("armel", "", ("arm", "v6")),
        ("arm", "", ("arm", "v7")),
        ("arm", "8", ("arm", "v8")),
        ("x86_64", "v1", ("amd64", "")),
        ("x86-64", "V3", ("amd64", "v3")),
        ("i386", "v2", ("386", "")),
        ("i686", "", ("i686", "")),  # not an alias in containerd
        ("386", "V1", ("386", "v1")),
        ("PPC64LE", "Power9", ("ppc64le", "power9")),
        ("ARMİ", "", ("armİ", "")),  # only ASCII is folded
    ],
)
def test_normalize_arch(arch: str, variant: str, expected: tuple[str, str]) -> None:
    assert normalize_arch(arch, variant) == expected


def test_normalize_os() -> None:
    assert normalize_os("MacOS") == "darwin"
    assert normalize_os("Windows") == "windows"
    assert normalize_os("") == ""
    assert normalize_os("LİNUX") == "lİnux"


def test_normalize_platform_keeps_identity_when_normal() -> None:
    assert normalize_platform(LINUX_AMD64) is LINUX_AMD64
    p = Platform("Linux", "ARM", os_version="X", os_features=("z", "a", "z"), features=("B",))
    assert normalize_platform(p) == Platform("linux", "arm", "v7", "X", ("a", "z"), ("B",))


# -- parsing --------------------------------------------------------------------------


def _slow(spec: str, host: Platform | None = None) -> Platform:
    return platform_module._parse(spec, host)


def test_fast_path_tables_agree_with_the_parser() -> None:
    for os in tables.KNOWN_OSES:
        for arch in tables.KNOWN_ARCHES:
            assert _slow(f"{os}/{arch}") == platform_module._make(os, arch), (os, arch)
        for arch, variants in tables.PLAIN_VARIANTS.items():
            for variant in variants:
                assert _slow(f"{os}/{arch}/{variant}") == platform_module._make(os, arch, variant)


def test_memo_is_bounded_and_transparent() -> None:
    platform_module._memo.clear()
    platform_module._normal.clear()
    for i in range(3 * platform_module._MEMO_MAX_ENTRIES):
        assert parse_platform(f"linux/amd64/v{i}") == Platform("linux", "amd64", f"v{i}" if i != 1 else "")
    normal = platform_module._normal
    assert len(platform_module._memo) <= platform_module._MEMO_MAX_ENTRIES + len(normal)
    long = "linux/" + "a" * 100
    parse_platform(long)
    assert long not in platform_module._memo
    assert parse_platform("linux/arm64/v8") is parse_platform("linux/arm64/v8")
    # Specifiers in normal form stay remembered whatever else is parsed; there
    # are only so many of them.
    assert normal["linux/amd64/v2"] is parse_platform("linux/amd64/v2")
    fast_path_specs = len(tables.KNOWN_OSES) * (
        len(tables.KNOWN_ARCHES) + sum(len(variants) for variants in tables.PLAIN_VARIANTS.values())
    )
    assert set(normal) <= {
        f"{os}/{arch}" for os in tables.KNOWN_OSES for arch in tables.KNOWN_ARCHES
    } | {f"{os}/{arch}/{v}" for os in tables.KNOWN_OSES for arch, vs in tables.PLAIN_VARIANTS.items() for v in vs}
    assert len(normal) <= fast_path_specs
    assert all(type(key) is str for key in platform_module._memo)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("linux/arm64/v8", Platform("linux", "arm64", "v8")),
        ("linux/arm64/8", Platform("linux", "arm64", "v8")),
        ("linux/arm64/v8.0", Platform("linux", "arm64", "v8")),
        ("linux/aarch64/9", Platform("linux", "arm64", "v9")),
        ("linux/arm/7", Platform("linux", "arm", "v7")),
        ("linux/arm", Platform("linux", "arm")),
        ("linux/armhf", Platform("linux", "arm")),
        ("linux/amd64/v1", Platform("linux", "amd64")),
        ("LINUX/X86_64/V2", Platform("linux", "amd64", "v2")),
        ("macos(Abcd.Efgh.123-4)/aarch64", Platform("darwin", "arm64", os_version="Abcd.Efgh.123-4")),
        ("windows(10.0.17763)/amd64", Platform("windows", "amd64", os_version="10.0.17763")),
        ("freebsd(+b+a)/riscv64", Platform("freebsd", "riscv64", os_features=("b", "a"))),
        ("plan9(%c3%a9%2F)/x", Platform("plan9", "x", os_version="é/")),
        ("unknownos/unknownarch/weird_.-variant", Platform("unknownos", "unknownarch", "weird_.-variant")),
        ("linux/..", Platform("linux", "..")),
    ],
)
def test_parse(spec: str, expected: Platform) -> None:
    assert parse_platform(spec) == expected
    assert _slow(spec) == expected


@pytest.mark.parametrize(
    ("spec", "message", "span"),
    [
        ("", "invalid OS component", (0, 0)),
        ("*", "wildcards", (0, 1)),
        ("linux/ar*m", "wildcards", (8, 9)),
        ("amd64/windows(10.0.17763)/foo", "invalid platform specifier component", (13, 14)),
        ("linux)()---()..../arm/foo", "invalid OS component", (0, 17)),
        ("../arm/foo", "invalid OS component", (0, 2)),
        ("linux\n/arm", "invalid OS component", (5, 6)),
        ("linux/arm\n", "invalid platform specifier component", (9, 10)),
        ("linux/amd64/v2/x/y", "too many components", (14, 18)),
        ("linux/ａmd64", "invalid platform specifier component", (6, 7)),
        ("windows(10%2)/amd64", "percent-encoding", (10, 12)),
        ("windows(1+%zz)/amd64", "percent-encoding", (10, 13)),
        ("windows(%ff)/amd64", "not UTF-8", (8, 11)),
        ("notanos", "unknown operating system or architecture", (0, 7)),
        ("amd64(1.0)", "unknown operating system or architecture", (0, 10)),
        ("linux(+)/amd64", "invalid OS component", (0, 8)),
    ],
)
def test_parse_errors(spec: str, message: str, span: tuple[int, int]) -> None:
    with pytest.raises(InvalidPlatformError, match=re.escape(message)) as info:
        parse_platform(spec, host=LINUX_AMD64)
    assert info.value.text == spec
    assert info.value.span == span
    assert info.value.marker  # draws without failing


@pytest.mark.parametrize("value", [None, 1, b"linux/amd64", ["linux"]])
def test_parse_refuses_non_strings(value: object) -> None:
    with pytest.raises(InvalidPlatformError):
        parse_platform(value)  # type: ignore[arg-type]


def test_parse_fills_from_host() -> None:
    assert parse_platform("linux", host=Platform("Linux", "aarch64", "v8")) == Platform("linux", "arm64")
    assert parse_platform("linux", host=Platform("linux", "armhf")) == Platform("linux", "arm")
    assert parse_platform("linux", host=Platform("linux", "arm", "v6")) == Platform("linux", "arm", "v6")
    assert parse_platform("linux", host=Platform("linux", "amd64", "v3")) == Platform("linux", "amd64")
    assert parse_platform("armel", host=Platform("MacOS", "arm64")) == Platform("darwin", "arm", "v6")
    assert parse_platform("windows(10.0.1+a)", host=LINUX_AMD64) == Platform(
        "windows", "amd64", os_version="10.0.1", os_features=("a",)
    )
    with pytest.raises(TypeError):
        parse_platform("linux", host="linux/amd64")  # type: ignore[arg-type]


def test_parse_is_linear() -> None:
    for spec in ("a" * 200_000 + "!", "linux(" + "+a" * 100_000 + "/amd64", "linux/" + "a." * 100_000 + "!"):
        with pytest.raises(InvalidPlatformError):
            parse_platform(spec)
        assert_linear(parse_platform, spec)


# -- formatting ------------------------------------------------------------------------


def test_format() -> None:
    assert format_platform(Platform("", "amd64")) == "unknown"
    assert format_platform_all(Platform("", "amd64")) == "unknown"
    assert format_platform(Platform("linux", "", "v7")) == "linux/v7"
    assert format_platform_all(Platform("linux", "amd64", os_features=("", ""))) == "linux/amd64"
    assert format_platform_all(Platform("linux", "amd64", os_version="a(b)")) == "linux(a%28b%29)/amd64"
    # The OS features in their order, duplicates kept (containerd sorts and
    # drops them, and then its Parse does not give the platform back).
    assert str(Platform("linux", "arm64", "v8", os_features=("b", "a", "b"))) == "linux(+b+a+b)/arm64/v8"
    assert format_platform_all(Platform("linux", "amd64", os_features=("", "b", "", "a"))) == "linux(+b+a)/amd64"
    encoded = Platform("linux", "amd64", os_features=("feat+v2", "é"))
    assert format_platform_all(encoded) == "linux(+feat%2Bv2+%C3%A9)/amd64"
    assert format_platform_all(Platform("linux", "amd64", "v2", "1", ("a",))) == "linux(1+a)/amd64/v2"
    assert format_platform_all(Platform("linux", "", "v2", "1")) == "linux(1)/v2"


# -- go-containerregistry ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Platform("", "")),
        ("  linux/amd64 \n", LINUX_AMD64),
        ("\u3000linux\u2029", Platform("linux", "")),
        ("linux/arm/v7:1.2", Platform("linux", "arm", "v7", "1.2")),
        ("Linux/X86_64", Platform("Linux", "X86_64")),
        ("/amd64", Platform("", "amd64")),
        ("windows/amd64:", Platform("windows", "amd64")),
    ],
)
def test_parse_ggcr(text: str, expected: Platform) -> None:
    assert parse_platform_ggcr(text) == expected


def test_parse_ggcr_keeps_what_go_does_not_trim() -> None:
    # U+001C is white space to Python's str.strip() but not to Go's TrimSpace.
    assert parse_platform_ggcr("\x1clinux/amd64") == Platform("\x1clinux", "amd64")


@pytest.mark.parametrize(
    ("text", "message", "span"),
    [
        ("a/b/c/d", "too many slashes", (5, 6)),
        ("linux/amd64:1:2", "more than one ':'", (13, 14)),
        ("linux/\ud800", "surrogate", (6, 7)),
    ],
)
def test_parse_ggcr_errors(text: str, message: str, span: tuple[int, int]) -> None:
    with pytest.raises(InvalidPlatformError, match=message) as info:
        parse_platform_ggcr(text)
    assert info.value.span == span
    with pytest.raises(InvalidPlatformError):
        parse_platform_ggcr(None)  # type: ignore[arg-type]


def test_format_ggcr() -> None:
    assert format_platform_ggcr(Platform("", "amd64", os_version="1")) == ""
    assert format_platform_ggcr(Platform("linux", "", "v7", "1")) == "linux/v7:1"


# -- matching: containerd's platformVector, ported literally ----------------------------


def _atoi(text: str) -> int | None:
    if re.fullmatch(r"[+-]?[0-9]+", text, re.ASCII) is None:
        return None
    value = int(text)
    return value if -(2**63) <= value < 2**63 else None


def _platform_vector(p: Platform) -> list[Platform]:
    """compare.go platformVector, line by line."""

    def same(arch: str, variant: str) -> Platform:
        return Platform(p.os, arch, variant, p.os_version, p.os_features)

    vector = [p]
    if p.architecture == "amd64":
        version = _atoi(p.variant.removeprefix("v"))
        if version is not None and version > 1:
            vector += [same("amd64", f"v{v}") for v in range(version - 1, 0, -1)]
        vector.append(same("386", ""))
    elif p.architecture == "arm":
        version = _atoi(p.variant.removeprefix("v"))
        if version is not None and version > 5:
            vector += [same("arm", f"v{v}") for v in range(version - 1, 4, -1)]
    elif p.architecture == "arm64":
        variant = p.variant or "v8"
        major_text, dot, minor_text = variant.partition(".")
        major = _atoi(major_text.removeprefix("v"))
        if major is not None and major >= 8:
            minor = 0
            if len(variant.encode()) == 4:
                parsed = _atoi(minor_text)
                if parsed is not None and dot:
                    minor = parsed
            if major == 9:
                vector += [same("arm64", f"v9.{m}" if m else "v9") for m in range(minor - 1, -1, -1)]
                minor = min(minor + 5, 9)
                major = 8
                vector.append(same("arm64", f"v8.{minor}"))
            vector += [same("arm64", f"v{major}.{m}" if m else f"v{major}") for m in range(minor - 1, -1, -1)]
        if variant.startswith(("v8.", "v9.")):
            variant = "v8"
        vector += _platform_vector(same("arm", variant))
    return vector


def _new_matcher_match(m: Platform, candidate: Platform) -> bool:
    """NewMatcher(m).Match(candidate) for non-Windows platforms."""
    m, n = normalize_platform(m), normalize_platform(candidate)
    return (m.os, m.architecture, m.variant) == (n.os, n.architecture, n.variant) and set(n.os_features) <= set(
        m.os_features
    )


_HOST_VARIANTS = {
    "amd64": ["", "v1", "v2", "v3", "v4", "v7", "v+3", "v03", "x"],
    "arm": ["", "v5", "v6", "v7", "v8", "v9", "7", "8", "5", "v4", "v+6", "v-6", "9"],
    "arm64": ["", "v8", "v8.1", "v8.5", "v8.9", "v8.10", "v9", "v9.0", "v9.1", "v9.4", "v9.5", "v9.6", "v10",
              "9.4", "8.12", "9.-1", "v7", "7", "v9.x", "v11.3"],
    "386": ["", "v2"],
    "ppc64le": ["", "power9"],
}  # fmt: skip

_CANDIDATES = [
    Platform("linux", arch, variant)
    for arch, variants in {
        "amd64": ["", "v1", "v2", "v3", "v4", "v5", "v7", "v+3", "v03"],
        "x86_64": ["", "V2"],
        "386": ["", "v2"],
        "i386": [""],
        "arm": ["", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "7", "8", "v+6"],
        "armhf": [""],
        "armel": [""],
        "arm64": ["", "v8", "v8.0", "v8.1", "v8.4", "v8.5", "v8.6", "v8.9", "v8.10", "v9", "v9.0", "v9.1", "v9.3",
                  "v9.4", "v9.5", "v10", "9", "8", "7", "v7", "v11.2", "v11.1", "v11"],
        "aarch64": [""],
        "ppc64le": ["", "power9", "power8"],
    }.items()
    for variant in variants
] + [Platform("windows", "amd64"), Platform("linux", "amd64", os_features=("x",))]  # fmt: skip


@pytest.mark.parametrize(
    "host", [Platform("linux", arch, variant) for arch, variants in _HOST_VARIANTS.items() for variant in variants]
)
def test_only_equals_literal_platform_vector(host: Platform) -> None:
    vector = _platform_vector(normalize_platform(host))
    matcher = only(host)
    for candidate in _CANDIDATES:
        indices = [i for i, entry in enumerate(vector) if _new_matcher_match(entry, candidate)]
        assert matcher.match(candidate) is bool(indices), (host, candidate)
        if indices:
            assert matcher.key(candidate) == (0, indices[0], -len(candidate.os_features))
        # Ordered(vector...) is the same matcher.
        assert ordered(*vector).key(candidate) == matcher.key(candidate)


def test_countdown_entries_are_normal() -> None:
    # A countdown stands for variants v<N> that normalize_arch leaves alone.
    for arch, floor in tables.VARIANT_FLOORS.items():
        for n in range(floor + 1, 40):
            assert normalize_arch(arch, f"v{n}") == (arch, f"v{n}")


def test_only_with_huge_variants_is_fast() -> None:
    start = time.perf_counter()
    biggest = "v9223372036854775807"  # int64's largest, which Go's Atoi still reads
    for arch, lowest in (("amd64", "linux/386"), ("arm", "linux/arm/v5"), ("arm64", "linux/arm/v5")):
        host = parse_platform(f"linux/{arch}/{biggest}")
        matcher = only(host)
        assert matcher.match(host)
        assert matcher.match(parse_platform(lowest))
        assert not matcher.match(parse_platform(f"linux/{arch}/v" + "9" * 30))
    assert only(parse_platform("linux/amd64/v9223372036854775808")).match(parse_platform("linux/386"))
    assert not only(parse_platform("linux/amd64/v9223372036854775808")).match(parse_platform("linux/amd64/v2"))
    assert only(parse_platform("linux/amd64/v1000000")).key(parse_platform("linux/amd64/v2")) == (0, 999_998, 0)
    assert time.perf_counter() - start < 1.0


# -- matching: the rest ---------------------------------------------------------------------


def test_matchers_are_values() -> None:
    assert only(Platform("Linux", "aarch64")) == only(Platform("linux", "arm64", "v8"))
    assert only(Platform("linux", "arm64")).platform == Platform("linux", "arm64")
    assert hash(ordered(LINUX_AMD64)) == hash(only_strict(Platform("linux", "x86_64")))
    assert all_platforms == AllMatcher()
    assert all_platforms.match(Platform("", "")) and not all_platforms.less(LINUX_AMD64, LINUX_AMD64)
    assert isinstance(default_matcher(LINUX_AMD64), OnlyMatcher)
    with pytest.raises(TypeError):
        ordered("linux/amd64")  # type: ignore[arg-type]


def test_default_matcher_other_hosts() -> None:
    darwin = default_matcher(Platform("darwin", "arm64", "v8"))
    assert darwin.match(Platform("linux", "arm64"))
    assert darwin.less(Platform("darwin", "arm64"), Platform("linux", "arm64"))
    freebsd = default_matcher(Platform("freebsd", "arm", "v6"))
    assert freebsd.match(Platform("linux", "arm", "v6"))
    assert not freebsd.match(Platform("linux", "arm", "v5"))


def test_windows_builds() -> None:
    host = Platform("windows", "amd64", os_version="10.0.26100.100")
    assert platform_matches(host, Platform("windows", "amd64", os_version="10.0.20348.5"))
    assert not platform_matches(host, Platform("windows", "amd64", os_version="10.0.17763.5"))
    assert not platform_matches(host, Platform("windows", "amd64", os_version="6.3.26100"))
    assert not platform_matches(host, Platform("windows", "amd64", os_version="junk"))
    assert platform_matches(host, Platform("windows", "386"))  # Only: amd64 runs 386
    # An unreadable host version matches every build (containerd: an empty version).
    for version in ("", "10.0", "10.0.x", "10.0.70000", "256.0.1", "+10.0.1", "١٠.0.1"):
        assert platform_matches(
            Platform("windows", "amd64", os_version=version), Platform("windows", "amd64", os_version="10.0.1")
        ), version
    # Numbers are read as Go's ParseUint reads them: ASCII digits, leading zeros fine.
    assert platform_matches(
        Platform("windows", "amd64", os_version="010.00.017763"), Platform("windows", "amd64", os_version="10.0.17763")
    )


def test_windows_order_is_numeric() -> None:
    host = Platform("windows", "amd64", os_version="10.0.17763.1")
    matcher = default_matcher(host)
    versions = ["10.0.17763.9", "10.0.17763.10", "10.0.17763", "", "10.0.17763.10.1"]
    candidates = [Platform("windows", "amd64", os_version=v) for v in versions]
    ranked = [p.os_version for p in rank_platforms(matcher, candidates)]
    assert ranked == ["10.0.17763.10.1", "10.0.17763.10", "10.0.17763.9", "10.0.17763", ""]


def test_only_os() -> None:
    m = only_os(Platform("windows", "amd64", os_version="10.0.17763", os_features=("win32k",)))
    assert m.match(Platform("windows", "arm64", os_features=("win32k",)))
    assert not m.match(Platform("windows", "arm64", os_version="10.0.20348"))
    assert not m.match(Platform("windows", "arm64", os_features=("other",)))
    assert m.less(Platform("windows", "amd64"), Platform("windows", "arm64"))


def test_any_platform() -> None:
    m = any_platform(Platform("linux", "arm64"), Platform("linux", "amd64", os_features=("a",)))
    assert m.match(Platform("linux", "amd64", os_features=("a",)))
    assert m.less(Platform("linux", "amd64", os_features=("a",)), Platform("linux", "arm64"))
    assert not m.less(Platform("linux", "arm64"), Platform("linux", "amd64"))
    assert m.less(Platform("linux", "amd64", os_features=("b",)), Platform("linux", "386"))


def test_best_match() -> None:
    host = Platform("linux", "arm64", "v8.2")
    candidates = [
        Platform("linux", "arm", "v7"),
        Platform("linux", "arm64", "v8"),
        Platform("linux", "arm64"),
        Platform("linux", "arm64", "v8.1"),
        Platform("windows", "arm64"),
        Platform("linux", "arm64", "v8.3"),
    ]
    for permutation in itertools.permutations(candidates):
        assert best_match(host, permutation) == Platform("linux", "arm64", "v8.1")
    assert rank_platforms(host, candidates) == (
        Platform("linux", "arm64", "v8.1"),
        Platform("linux", "arm64"),  # v8, tied with arm64/v8: "linux/arm64" < "linux/arm64/v8"
        Platform("linux", "arm64", "v8"),
        Platform("linux", "arm", "v7"),
    )
    assert best_match(host, []) is None
    assert best_match(host, [Platform("linux", "amd64")]) is None
    assert best_match(all_platforms, [Platform("linux", "b"), Platform("linux", "a")]) == Platform("linux", "a")


def test_key_starts_with_zero_exactly_on_match() -> None:
    matchers: list[Matcher] = [
        only(LINUX_AMD64),
        only_strict(LINUX_AMD64),
        only_os(LINUX_AMD64),
        ordered(LINUX_AMD64, Platform("linux", "arm64")),
        any_platform(LINUX_AMD64),
        all_platforms,
        default_matcher(Platform("windows", "amd64", os_version="10.0.20348")),
    ]
    for matcher in matchers:
        for candidate in _CANDIDATES:
            assert (matcher.key(candidate)[0] == 0) is matcher.match(candidate)


# -- CPU variants ------------------------------------------------------------------------


def test_cpu_variant_from_arch() -> None:
    assert cpu_variant_from_arch("ARMV6L") == "6"
    assert cpu_variant_from_arch("armv9-a") == "unknown"
    for bad in ("", "arm", "x86_64", "armv"):
        with pytest.raises(InvalidPlatformError):
            cpu_variant_from_arch(bad)
    with pytest.raises(InvalidPlatformError):
        cpu_variant_from_arch(7)  # type: ignore[arg-type]


def test_cpu_variant_from_cpuinfo() -> None:
    assert cpu_variant_from_cpuinfo(" 8\n") == "v8"
    assert cpu_variant_from_cpuinfo("5TEJ") == "v5"
    assert cpu_variant_from_cpuinfo("?(12)") == "v7"
    assert cpu_variant_from_cpuinfo("7", model_name="ARMv6-compatible processor rev 7 (v6l)") == "v7"
    assert cpu_variant_from_cpuinfo("7", model_name="ARMv6-compatible processor rev 7 (v6l)", arm32=True) == "v6"
    assert cpu_variant_from_cpuinfo("") == "unknown"
    assert cpu_variant_from_cpuinfo("x" * 100) == "unknown"
    assert cpu_variant_from_cpuinfo("7", model_name="\u3000armv6-COMPATIBLE", arm32=True) == "v6"
    assert cpu_variant_from_arch("armv7" + "é" * 10) == "7"
    assert cpu_variant_from_arch("AARCH64") == "8"
    with pytest.raises(InvalidPlatformError):
        cpu_variant_from_arch("aarch64x")
    with pytest.raises(TypeError, match="arm32"):
        cpu_variant_from_cpuinfo("7", arm32="yes")  # type: ignore[arg-type]
    with pytest.raises(OCIError):
        cpu_variant_from_cpuinfo(None)  # type: ignore[arg-type]
    with pytest.raises(OCIError):
        cpu_variant_from_cpuinfo("7", model_name=None)  # type: ignore[arg-type]


# -- the split: one public module, private modules by job ---------------------------------

_PLATFORM_FILES = ["platform.py", "_platform_match.py", "_platform_windows.py", "_platform_cpu.py",
                   "_platform_ggcr.py", "_platform_text.py", "_platform_tables.py"]  # fmt: skip
_ALL_BEFORE_THE_SPLIT = {
    "COMPONENT_PATTERN", "OS_PATTERN", "AllMatcher", "AnyMatcher", "Matcher", "OnlyMatcher", "OnlyOSMatcher",
    "OrderedMatcher", "Platform", "WindowsMatcher", "all_platforms", "any_platform", "best_match",
    "cpu_variant_from_arch", "cpu_variant_from_cpuinfo", "default_matcher", "format_platform", "format_platform_all",
    "format_platform_ggcr", "normalize_arch", "normalize_os", "normalize_platform", "only", "only_os", "only_strict",
    "ordered", "parse_platform", "parse_platform_ggcr", "platform_equals", "platform_matches", "platform_satisfies",
    "rank_platforms",
}  # fmt: skip


def _source(name: str) -> ast.Module:
    return ast.parse((ROOT / "oci_core" / name).read_text(encoding="utf-8"))


def test_every_public_name_is_importable_from_platform() -> None:
    from oci_core import _platform_cpu, _platform_match

    assert set(platform_module.__all__) == _ALL_BEFORE_THE_SPLIT
    assert len(platform_module.__all__) == len(_ALL_BEFORE_THE_SPLIT)
    namespace: dict[str, object] = {}
    exec("from oci_core.platform import *", namespace)
    assert set(namespace) - {"__builtins__"} == _ALL_BEFORE_THE_SPLIT
    assert set(platform_module.__all__) <= set(dir(platform_module))
    for name in platform_module.__all__:
        value = getattr(platform_module, name)
        assert namespace[name] is value
        for private in (_platform_match, _platform_cpu):
            if name in private.__all__:
                assert getattr(private, name) is value, name
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        platform_module.nothing  # type: ignore[attr-defined]  # noqa: B018


def test_the_lazy_names_are_the_ones_type_checkers_see() -> None:
    from oci_core import _platform_cpu, _platform_match

    seen_by_type_checkers: set[str] = set()
    for node in _source("platform.py").body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom) and statement.module in ("_platform_match", "_platform_cpu"):
                    seen_by_type_checkers |= {alias.name for alias in statement.names}
    lazy = set(platform_module._ELSEWHERE)
    assert seen_by_type_checkers == lazy == set(_platform_match.__all__) | set(_platform_cpu.__all__)
    defined_here = {name for name in platform_module.__all__ if name not in lazy}
    assert all(name in vars(platform_module) for name in defined_here)


def _fresh(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_importing_platform_loads_no_matching_code() -> None:
    code = (
        "import sys; import oci_core.platform as p\n"
        "print(sorted(m for m in sys.modules if m.startswith('oci_core.')))\n"
        "p.only(p.Platform('linux', 'amd64'))\n"
        "print('_platform_match' in str(sorted(sys.modules)), '__getattr__' in vars(p))"
    )
    before, after = _fresh(code).splitlines()
    assert "oci_core._platform_match" not in before and "oci_core._platform_cpu" not in before
    # Loaded on first use; the hook is gone, so module attribute loads are specialised again.
    assert after == "True False"


@pytest.mark.parametrize("module", ["_platform_match", "_platform_cpu", "_platform_windows", "_platform_ggcr"])
def test_each_private_module_can_be_imported_first(module: str) -> None:
    # No import cycle at load time, whichever module is imported first.
    assert _fresh(f"import oci_core.{module}; import oci_core.platform as p; print(p.only)").startswith("<function")


def test_values_are_built_one_way() -> None:
    for name in _PLATFORM_FILES:
        tree = _source(name)
        for node in ast.walk(tree):
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                assert not any(isinstance(t, ast.Attribute) and t.attr == "__class__" for t in targets), name
            if isinstance(node, (ast.For, ast.While, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
                for inner in ast.walk(node):
                    assert not (isinstance(inner, ast.Attribute) and inner.attr == "__setattr__"), (name, node.lineno)
    # object.__setattr__ is left where the dataclasses idiom needs it: a frozen value settling its own input.
    uses = {
        name: sum(isinstance(n, ast.Attribute) and n.attr == "__setattr__" for n in ast.walk(_source(name)))
        for name in _PLATFORM_FILES
    }
    assert uses == {name: {"platform.py": 2, "_platform_match.py": 2}.get(name, 0) for name in _PLATFORM_FILES}


def test_platform_modules_import_no_private_name_from_a_public_module() -> None:
    for name in _PLATFORM_FILES:
        for node in ast.walk(_source(name)):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module and node.module[0] != "_":
                private = [alias.name for alias in node.names if alias.name.startswith("_")]
                assert not private, (name, node.module, private)


# -- the error contract -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "names"),
    [
        (lambda: best_match("linux/arm64", [LINUX_AMD64]), "wanted"),  # type: ignore[arg-type]
        (lambda: best_match(LINUX_AMD64, ["linux/amd64"]), "candidates"),  # type: ignore[list-item]
        (lambda: best_match(LINUX_AMD64, "linux/amd64"), "candidates"),  # type: ignore[arg-type]
        (lambda: rank_platforms(LINUX_AMD64, ["linux/amd64"]), "candidates"),  # type: ignore[list-item]
        (lambda: rank_platforms(LINUX_AMD64, 3), "candidates"),  # type: ignore[arg-type]
        (lambda: platform_matches(1, LINUX_AMD64), "wanted"),  # type: ignore[arg-type]
        (lambda: platform_matches(LINUX_AMD64, "linux/amd64"), "candidate"),  # type: ignore[arg-type]
        (lambda: normalize_platform("linux"), "platform"),  # type: ignore[arg-type]
        (lambda: normalize_os(None), "os"),  # type: ignore[arg-type]
        (lambda: normalize_arch("arm", 8), "variant"),  # type: ignore[arg-type]
        (lambda: format_platform(None), "platform"),  # type: ignore[arg-type]
        (lambda: format_platform_all("linux/amd64"), "platform"),  # type: ignore[arg-type]
        (lambda: format_platform_ggcr(("linux", "amd64")), "platform"),  # type: ignore[arg-type]
        (lambda: only("linux/amd64"), "OnlyMatcher.platform"),  # type: ignore[arg-type]
        (lambda: only_os(None), "OnlyOSMatcher.platform"),  # type: ignore[arg-type]
        (lambda: only_strict(3), "platform"),  # type: ignore[arg-type]
        (lambda: ordered(LINUX_AMD64, "linux/arm64"), "OrderedMatcher.platforms"),  # type: ignore[arg-type]
        (lambda: any_platform(None), "AnyMatcher.platforms"),  # type: ignore[arg-type]
        (lambda: default_matcher("linux"), "host"),  # type: ignore[arg-type]
        (lambda: only(LINUX_AMD64).match("linux/amd64"), "platform"),  # type: ignore[arg-type]
        (lambda: all_platforms.key(None), "platform"),  # type: ignore[arg-type]
        (lambda: parse_platform("linux/amd64", host="linux/amd64"), "host"),  # type: ignore[arg-type]
        (lambda: parse_platform("linux", host="linux/amd64"), "host"),  # type: ignore[arg-type]
    ],
)
def test_the_wrong_kind_of_object_is_a_type_error(call: Callable[[], object], names: str) -> None:
    with pytest.raises(TypeError) as info:
        call()
    assert str(info.value).startswith(names + " ") or names in str(info.value)
    assert "has no attribute" not in str(info.value)


def test_one_component_faults_name_no_keyword() -> None:
    # The command-line tool maps these to its own --host option.
    for spec in ("linux", "arm64"):
        with pytest.raises(InvalidPlatformError, match="needs a host platform") as info:
            parse_platform(spec)
        assert "host=" not in str(info.value)


def test_a_str_subclass_cannot_poison_the_memo() -> None:
    platform_module._memo.clear()
    platform_module._normal.clear()
    liar = make_hostile("linux/arm64", hash_as="linux/amd64", methods_as="linux/ppc64le")
    assert parse_platform(liar) == Platform("linux", "arm64")
    assert parse_platform("linux/amd64") == Platform("linux", "amd64")
    assert parse_platform_ggcr(liar) == Platform("linux", "arm64")
    assert all(type(key) is str for key in platform_module._memo)


@pytest.mark.parametrize(
    ("spec", "version", "features"),
    [
        ("windows(%2B%2b)/amd64", "++", ()),
        ("linux(+a%2Bb+c)/x", "", ("a+b", "c")),
        ("linux(%c3%a9+%e2%82%ac)/x", "é", ("€",)),
        ("linux(+a+%2B)/x", "", ("a", "+")),
        ("linux(%41%2B%42)/x", "A+B", ()),
        ("linux(%25%28%29%2F)/x", "%()/", ()),
        ("linux(" + "+a" * 1000 + ")/x", "", ("a",) * 1000),
    ],
)
def test_percent_decoding(spec: str, version: str, features: tuple[str, ...]) -> None:
    parsed = parse_platform(spec)
    assert (parsed.os_version, parsed.os_features) == (version, features)
    assert parse_platform(format_platform_all(parsed)) == parsed


@pytest.mark.parametrize(
    ("spec", "message", "span"),
    [
        ("linux(%EF%BF%BF)/x", "U+FFFF, a noncharacter", (6, 15)),
        ("linux(+ok+%C3)/x", "not UTF-8", (10, 13)),
        ("linux(%FF)/x", "not UTF-8", (6, 9)),
        ("linux(+%ff+%C3%A9)/x", "not UTF-8", (7, 10)),
        ("linux(+a+%C3+%FF)/x", "not UTF-8", (9, 12)),
        ("linux(+a+%FF+%C3)/x", "not UTF-8", (9, 12)),
        ("linux(+%ef%bf%bf+%c3)/x", "noncharacter", (7, 16)),
        ("linux(+%c3+%ef%bf%bf)/x", "not UTF-8", (7, 10)),
        ("linux(+%ED%A0%80)/x", "not UTF-8", (7, 16)),
        ("linux(+%EF%B7%90)/x", "U+FDD0", (7, 16)),
        ("linux(+%41+%4)/x", "percent-encoding", (11, 13)),
    ],
)
def test_percent_decoding_faults(spec: str, message: str, span: tuple[int, int]) -> None:
    with pytest.raises(InvalidPlatformError, match=re.escape(message)) as info:
        parse_platform(spec)
    assert info.value.span == span


def test_a_specifier_holds_at_most_so_many_os_features() -> None:
    limit = platform_module._MAX_OS_FEATURES
    assert parse_platform("linux(" + "+a" * limit + ")/amd64").os_features == ("a",) * limit
    spec = "linux(1" + "+a" * limit + "+b+c)/amd64"
    with pytest.raises(InvalidPlatformError, match="too many OS features") as info:
        parse_platform(spec)
    at = len("linux(1") + 2 * limit
    assert info.value.span == (at, at + 1) and spec[at : at + 2] == "+b"
