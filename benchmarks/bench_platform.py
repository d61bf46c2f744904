"""Speed of oci_core.platform: parse_platform("linux/arm64/v8") and friends.

Run alone (``python benchmarks/bench_platform.py``) or through ``run()``, which
gives rows of (name, microseconds per call, note). Each figure is the median,
over many rounds, of the mean time per call within a round.

parse_platform remembers the last few hundred short specifiers it parsed (the
values are immutable, so a repeat gets the same object). The first row is that
remembered case; the next rows show the same call when it has to do the work:
the fast path for text already in normal form, and the full parser, over
distinct inputs: every normal-form specifier in turn (more than are
remembered), and every spelling of case of "linux/arm64/v8".
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import per_call_us, repeat_us

from oci_core import _platform_tables as tables
from oci_core import platform as platform_module
from oci_core.platform import (
    Platform,
    best_match,
    format_platform_all,
    normalize_platform,
    only,
    parse_platform,
)

__all__ = ["run"]

_ROUNDS = 41


def _median_us(call: Callable[[], object], inner: int) -> float:
    return repeat_us(call, number=inner, rounds=_ROUNDS)


def _median_us_over(function: Callable[[str], object], inputs: list[str]) -> float:
    return per_call_us(function, inputs, rounds=_ROUNDS)


def _case_spellings(text: str) -> list[str]:
    options = [(char.lower(), char.upper()) if char.isalpha() else (char,) for char in text]
    return ["".join(chars) for chars in itertools.product(*options)]


def _without_memo(spec: str) -> Platform:
    platform_module._memo.clear()
    return parse_platform(spec)


def run() -> list[tuple[str, float, str]]:
    """Measure; rows of (name, microseconds per call, note)."""
    spec = "linux/arm64/v8"
    rows: list[tuple[str, float, str]] = []
    rows.append(
        (
            'parse_platform("linux/arm64/v8")',
            _median_us(lambda: parse_platform(spec), 20_000),
            "remembered (repeat call); target <= 0.5 us, containerd Parse 0.42 us",
        )
    )
    # Every normal-form specifier, more of them than the memo holds, in turn:
    # by the time one comes round again it has been forgotten.
    normal_specs = [f"{os}/{arch}" for os in sorted(tables.KNOWN_OSES) for arch in sorted(tables.KNOWN_ARCHES)]
    normal_specs += [
        f"{os}/{arch}/{variant}"
        for os in sorted(tables.KNOWN_OSES)
        for arch, variants in sorted(tables.PLAIN_VARIANTS.items())
        for variant in sorted(variants)
    ]
    assert len(normal_specs) > platform_module._MEMO_MAX_ENTRIES
    rows.append(
        (
            "parse_platform(os/arch[/variant] in normal form), not remembered",
            _median_us_over(parse_platform, normal_specs),
            f"fast path, {len(normal_specs)} distinct inputs in turn (linux/arm64/v8 among them)",
        )
    )
    clear = platform_module._memo.clear
    baseline = _median_us(clear, 20_000)
    spellings = _case_spellings(spec)[1:]  # 2**9 - 1 distinct inputs, none in normal form
    rows.append(
        (
            "parse_platform(case spellings of linux/arm64/v8), not remembered",
            _median_us_over(_without_memo, spellings) - baseline,
            f"full parser, {len(spellings)} distinct inputs (LINUX/ARM64/V8, ...); memo cleared before each",
        )
    )
    windows = "windows(10.0.17763%2Bbuild.42+win32k)/amd64"
    rows.append(
        (
            f'parse_platform("{windows}")',
            _median_us(lambda: _without_memo(windows), 5_000) - baseline,
            "full parser with percent-decoding; not remembered",
        )
    )
    platform = parse_platform(spec)
    rows.append(("format_platform_all(linux/arm64/v8)", _median_us(lambda: format_platform_all(platform), 20_000), ""))
    rows.append(("normalize_platform(linux/arm64/v8)", _median_us(lambda: normalize_platform(platform), 20_000), ""))
    host = Platform("linux", "arm64", "v8.2")
    matcher = only(host)
    rows.append(("only(linux/arm64/v8.2)", _median_us(lambda: only(host), 5_000), "builds the compatibility list"))
    candidate = Platform("linux", "arm", "v7")
    rows.append(("only(...).match(linux/arm/v7)", _median_us(lambda: matcher.match(candidate), 20_000), ""))
    index = [
        Platform(os, arch, variant)
        for os in ("linux", "windows")
        for arch, variant in (("amd64", ""), ("arm64", "v8"), ("arm", "v7"), ("arm", "v6"), ("386", ""),
                              ("ppc64le", ""), ("s390x", ""), ("riscv64", ""))
    ]  # fmt: skip
    rows.append(
        (
            f"best_match(linux/arm64/v8.2, {len(index)} candidates)",
            _median_us(lambda: best_match(matcher, index), 1_000),
            "a typical multi-platform index",
        )
    )
    return rows


def main() -> None:
    print(f"Python {sys.version.split()[0]}")
    for name, micros, note in run():
        print(f"{micros:9.3f} us  {name}" + (f"  ({note})" if note else ""))


if __name__ == "__main__":
    main()
