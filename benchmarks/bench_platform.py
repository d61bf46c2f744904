"""Speed of oci_core.platform: parse_platform("linux/arm64/v8") and friends, hostile text, import.

Run alone (``python benchmarks/bench_platform.py``; ``--speed``, ``--hostile``
or ``--import`` for one part) or through ``run()``, which gives rows of (name, microseconds per
call, note). Each figure is the median, over many rounds, of the mean time per
call within a round; a hostile input is timed as the best of a few single
calls.

parse_platform remembers the last few hundred short specifiers it parsed (the
values are immutable, so a repeat gets the same object), and keeps for good
those already in normal form (a finite set: every known OS with every known
architecture and plain variant). The first rows are those remembered cases;
the next show the same call when it has to do the work: the fast path for text
already in normal form, seen for the first time, and the full parser, over
distinct inputs (every spelling of case of "linux/arm64/v8"), with the
memos cleared before each call (the cost of clearing is subtracted).

The hostile rows feed each string reader a megabyte of text shaped to make a
per-character or per-piece Python loop show (the promise: at most 20 ms); two
C passes over the same megabyte (a regular expression scan and sha256) give
the physical limit. The import rows are ``python -X importtime`` self times,
with bytecode written, as installed code runs.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import ROOT, Row, per_call_us, repeat_us

from oci_core import _platform_tables as tables
from oci_core import platform as platform_module
from oci_core.platform import (
    Platform,
    best_match,
    cpu_variant_from_arch,
    cpu_variant_from_cpuinfo,
    format_platform_all,
    normalize_platform,
    only,
    parse_platform,
    parse_platform_ggcr,
)

__all__ = ["hostile_rows", "import_rows", "run", "speed_rows"]

_ROUNDS = 41
_MB = 1_000_000


def _median_us(call: Callable[[], object], inner: int) -> float:
    return repeat_us(call, number=inner, rounds=_ROUNDS)


def _median_us_over(function: Callable[[str], object], inputs: list[str]) -> float:
    return per_call_us(function, inputs, rounds=_ROUNDS)


def _case_spellings(text: str) -> list[str]:
    options = [(char.lower(), char.upper()) if char.isalpha() else (char,) for char in text]
    return ["".join(chars) for chars in itertools.product(*options)]


def _forget() -> None:
    platform_module._memo.clear()
    platform_module._normal.clear()


def _without_memo(spec: str) -> Platform:
    _forget()
    return parse_platform(spec)


def _normal_specs() -> list[str]:
    specs = [f"{os}/{arch}" for os in sorted(tables.KNOWN_OSES) for arch in sorted(tables.KNOWN_ARCHES)]
    specs += [
        f"{os}/{arch}/{variant}"
        for os in sorted(tables.KNOWN_OSES)
        for arch, variants in sorted(tables.PLAIN_VARIANTS.items())
        for variant in sorted(variants)
    ]
    return specs


def run() -> list[Row]:
    """Measure everything; rows of (name, microseconds per call, note)."""
    return speed_rows() + hostile_rows() + import_rows()


def speed_rows() -> list[Row]:
    """The common calls, remembered and not."""
    spec = "linux/arm64/v8"
    rows: list[Row] = []
    rows.append(
        (
            'parse_platform("linux/arm64/v8")',
            _median_us(lambda: parse_platform(spec), 20_000),
            "remembered (repeat call); containerd Parse 0.42 us",
        )
    )
    # Every normal-form specifier, more of them than the bounded memo holds,
    # in turn: they are kept apart from it, so each is found again.
    normal_specs = _normal_specs()
    assert len(normal_specs) > platform_module._MEMO_MAX_ENTRIES
    rows.append(
        (
            "parse_platform(os/arch[/variant] in normal form), in turn",
            _median_us_over(parse_platform, normal_specs),
            f"{len(normal_specs)} distinct inputs in turn, more than the memo's {platform_module._MEMO_MAX_ENTRIES}",
        )
    )
    baseline = _median_us(_forget, 20_000)
    rows.append(
        (
            "parse_platform(os/arch[/variant] in normal form), first sight",
            _median_us_over(_without_memo, normal_specs) - baseline,
            "fast path: memos cleared before each call",
        )
    )
    spellings = _case_spellings(spec)[1:]  # 2**9 - 1 distinct inputs, none in normal form
    rows.append(
        (
            "parse_platform(case spellings of linux/arm64/v8), not remembered",
            _median_us_over(_without_memo, spellings) - baseline,
            f"full parser, {len(spellings)} distinct inputs (LINUX/ARM64/V8, ...); memos cleared before each",
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
    ggcr = "linux/arm64/v8:10.0.17763"
    rows.append((f'parse_platform_ggcr("{ggcr}")', _median_us(lambda: parse_platform_ggcr(ggcr), 20_000), ""))
    rows.append(('cpu_variant_from_arch("armv7l")', _median_us(lambda: cpu_variant_from_arch("armv7l"), 20_000), ""))
    rows.append(
        (
            'cpu_variant_from_cpuinfo(" 7\\n", model_name=..., arm32=True)',
            _median_us(lambda: cpu_variant_from_cpuinfo(" 7\n", model_name="ARMv6-compatible", arm32=True), 20_000),
            "",
        )
    )
    platform = parse_platform(spec)
    rows.append(("format_platform_all(linux/arm64/v8)", _median_us(lambda: format_platform_all(platform), 20_000), ""))
    rows.append(("normalize_platform(linux/arm64/v8)", _median_us(lambda: normalize_platform(platform), 20_000), ""))
    made = _median_us(lambda: Platform("linux", "arm64", "v8", "1.0"), 20_000)
    rows.append(('Platform("linux", "arm64", "v8", "1.0")', made, "the checking constructor"))
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


# -- a megabyte of hostile text ----------------------------------------------------------


def _times(unit: str, total: int = _MB) -> str:
    return unit * (total // len(unit))


def hostile_inputs() -> list[tuple[str, str, Callable[[str], object], str]]:
    """(reader, shape, reader function, about 1 MB of text)."""
    host = Platform("linux", "arm", "v6")
    specifier: list[tuple[str, str]] = [
        ("'%41' * n", _times("%41")),
        ("'windows(' + '%41' * n + ')/amd64'", "windows(" + _times("%41") + ")/amd64"),
        ("'linux(' + '+a' * n + ')/amd64'", "linux(" + _times("+a") + ")/amd64"),
        ("'linux(' + '+%41' * n + ')/amd64'", "linux(" + _times("+%41") + ")/amd64"),
        ("'linux(' + '+%2B' * n + ')/amd64'", "linux(" + _times("+%2B") + ")/amd64"),
        ("'linux(' + '+%C3%A9' * n + ')/amd64'", "linux(" + _times("+%C3%A9") + ")/amd64"),
        ("'linux(' + '+%41' * n + '+%C3)/amd64'", "linux(" + _times("+%41") + "+%C3)/amd64"),
        ("'linux(' + '+a' * n + '+%EF%BF%BF)/x'", "linux(" + _times("+a") + "+%EF%BF%BF)/x"),
        ("'linux(' + '+a' * n + '!'", "linux(" + _times("+a") + "!"),
        ("1024 features of 'a' * 975", "linux(" + ("+" + "a" * 975) * 1024 + ")/amd64"),
        ("1024 features of '%41%2B' * 162", "linux(" + ("+" + "%41%2B" * 162) * 1024 + ")/amd64"),
        ("1024 features of '%C3%A9' * 162, %C3 last", "linux(" + ("+" + "%C3%A9" * 162) * 1024 + "%C3)/amd64"),
        ("'a' * n", _times("a")),
        ("'/' * n", _times("/")),
        ("'linux/' + 'a.' * n + '!'", "linux/" + _times("a.") + "!"),
        ("'linux/amd64/' + 'v' * n", "linux/amd64/" + _times("v")),
        ("'é' * n", _times("é", _MB // 2)),
        ("'*' * n", _times("*")),
    ]
    rows: list[tuple[str, str, Callable[[str], object], str]] = [
        ("parse_platform", shape, parse_platform, text) for shape, text in specifier
    ]
    with_host: Callable[[str], object] = lambda text: parse_platform(text, host=host)  # noqa: E731
    rows.append(("parse_platform, host=", "'aarch64' * n", with_host, _times("aarch64")))
    for shape, text in (
        ("'a' * n", _times("a")),
        ("'/' * n", _times("/")),
        ("':' * n", _times(":")),
        ("' ' * n + 'linux'", _times(" ") + "linux"),
        ("'\\u3000' * n", _times("\u3000", _MB // 3)),
        ("'é' * n + '\\uffff'", _times("é", _MB // 2) + "\uffff"),
        ("'linux/amd64:' + 'x' * n", "linux/amd64:" + _times("x")),
    ):
        rows.append(("parse_platform_ggcr", shape, parse_platform_ggcr, text))
    for shape, text in (("'armv7' + 'é' * n", "armv7" + _times("é", _MB // 2)), ("'A' * n", _times("A"))):
        rows.append(("cpu_variant_from_arch", shape, cpu_variant_from_arch, text))
    cpuinfo = (("' ' * n + '7'", _times(" ") + "7"), ("'X' * n", _times("X")), ("'é' * n", _times("é", _MB // 2)))
    for shape, text in cpuinfo:
        rows.append(("cpu_variant_from_cpuinfo", shape, cpu_variant_from_cpuinfo, text))
    rows.append(
        (
            "cpu_variant_from_cpuinfo, model_name=",
            "'ARMv6' + 'é' * n",
            lambda text: cpu_variant_from_cpuinfo("7", model_name=text, arm32=True),
            "ARMv6" + _times("é", _MB // 2),
        )
    )
    return rows


def _best_ms(function: Callable[[str], object], text: str, runs: int = 9) -> float:
    # The value is kept until the clock has stopped: freeing half a million
    # OS features is the caller's cost when it drops them, not the parser's.
    best = math.inf
    for _ in range(runs):
        _forget()
        result: object = None
        started = time.perf_counter_ns()
        try:
            result = function(text)
        except Exception as error:
            result = error
        best = min(best, (time.perf_counter_ns() - started) / 1e6)
        del result
    return best


def hostile_rows() -> list[Row]:
    """Each string reader over about 1 MB of hostile text, in microseconds (target: <= 20 000)."""
    rows: list[Row] = []
    sample = _times("a.")
    limit = re.compile(r"[A-Za-z0-9_.-]+")
    rows.append(("limit: one regex fullmatch over 1 MB", _best_ms(limit.fullmatch, sample) * 1000, "C"))
    rows.append(
        ("limit: sha256 of 1 MB", _best_ms(lambda text: hashlib.sha256(text.encode()).digest(), sample) * 1000, "C")
    )
    for reader, shape, function, text in hostile_inputs():
        try:
            function(text)
            outcome = "accepted"
        except Exception as error:
            outcome = type(error).__name__
        rows.append((f"1 MB hostile: {reader} {shape}", _best_ms(function, text) * 1000, outcome))
    return rows


# -- import ------------------------------------------------------------------------------

_IMPORT_RUNS = 21
_MODULES = ("oci_core.platform", "oci_core._platform_match", "oci_core._platform_cpu", "oci_core._platform_ggcr",
            "oci_core._platform_text", "oci_core._platform_windows", "oci_core._platform_tables")  # fmt: skip


def import_self_us(statement: str, modules: tuple[str, ...], runs: int = _IMPORT_RUNS) -> dict[str, float]:
    """Median ``-X importtime`` self time of each of ``modules`` when ``statement`` runs in a fresh interpreter."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-X", "importtime", "-c", statement]
    subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True)  # writes the bytecode
    samples: dict[str, list[float]] = {module: [] for module in modules}
    for _ in range(runs):
        err = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stderr
        for line in err.splitlines():
            fields = line.removeprefix("import time:").split("|")
            if len(fields) == 3 and fields[2].strip() in samples:
                samples[fields[2].strip()].append(float(fields[0]))
    return {module: statistics.median(values) for module, values in samples.items() if values}


def import_rows() -> list[Row]:
    """What importing oci_core.platform costs, on its own and when a matcher is first used."""
    rows: list[Row] = []
    alone = import_self_us("import oci_core.platform", _MODULES)
    for module, micros in alone.items():
        rows.append((f"import oci_core.platform: {module} self", micros, "-X importtime, median"))
    used = import_self_us("import oci_core.platform as p; p.only", _MODULES)
    rows.append(
        (
            "... then the first matcher: _platform_match self",
            used.get("oci_core._platform_match", math.nan),
            "loaded on first use of a matching name",
        )
    )
    return rows


def main() -> None:
    print(f"Python {sys.version.split()[0]}")
    parts = {"--speed": speed_rows, "--hostile": hostile_rows, "--import": import_rows}
    chosen = [part for flag, part in parts.items() if flag in sys.argv] or [run]
    rows = [row for part in chosen for row in part()]
    for name, micros, note in rows:
        print(f"{micros:12.3f} us  {name}" + (f"  ({note})" if note else ""))


if __name__ == "__main__":
    main()
