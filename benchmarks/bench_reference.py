"""Reference parsing, side by side: oci_core.reference and the Python peers that validate references.

    python3 benchmarks/bench_reference.py --setup   # once: benchmarks/.venv with the peers
    python3 benchmarks/bench_reference.py           # ours and the peers, in one run

``run()`` is what ``benchmarks/run.py`` calls: rows of (name, µs, note). The
headline is ``parse_normalized_reference`` over ``../shared/bench/references.txt``
(20 references, the invalid ones included: the error path is timed too), as
the mean time per reference; each figure is the median of many rounds' means,
and ours and the peers' are measured in alternating blocks.
Nothing here caches parses (ours has no cache), so every round parses for
real. The peers run inside benchmarks/.venv, in a subprocess started by the
same run, over the same inputs, with the same timing loop.

docker-image-py ports distribution/reference's regexps (with the linear
``[-]+`` separator since 0.2.0) and matches them over the whole input;
oras-py's Container accepts invalid references (it is a loose split, listed
for scale).
The machine is noisy: compare the ratios of one run, not absolute figures.
"""

from __future__ import annotations

import json
import math
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from _timing import PEER_VENV, SHARED_BENCH, Row  # noqa: E402

REFERENCES = SHARED_BENCH / "references.txt"
GO_FIGURE_US = 2.24  # distribution/reference ParseNormalizedNamed on this file, this kind of machine
ROUNDS = 200
BLOCKS = 5
HOSTILE = "a-" * (1 << 15) + "!"  # 64 KiB that the grammar refuses only at its last character


def references() -> list[str]:
    """The shared benchmark inputs, one reference a line."""
    return [line for line in REFERENCES.read_text(encoding="utf-8").splitlines() if line]


def mean_us(parse: Callable[[str], object], inputs: Sequence[str], rounds: int = ROUNDS) -> float:
    """Median over ``rounds`` of the mean µs per input, errors included."""

    def one_round() -> float:
        started = time.perf_counter_ns()
        for text in inputs:
            try:
                parse(text)
            except Exception:
                pass
        return (time.perf_counter_ns() - started) / len(inputs) / 1000

    for _ in range(rounds // 10):  # warm up
        one_round()
    return statistics.median(one_round() for _ in range(rounds))


def once_us(parse: Callable[[str], object], text: str, runs: int = 5) -> float:
    """Best of ``runs`` single calls (µs), for inputs too slow to loop over."""
    best = math.inf
    for _ in range(runs):
        started = time.perf_counter_ns()
        try:
            parse(text)
        except Exception:
            pass
        best = min(best, (time.perf_counter_ns() - started) / 1000)
    return best


def ours() -> dict[str, float]:
    sys.path.insert(0, str(HERE.parent))
    from oci_core import reference

    inputs = references()
    return {
        "oci_core parse_normalized_reference": mean_us(reference.parse_normalized_reference, inputs),
        "oci_core parse_reference": mean_us(reference.parse_reference, inputs),
        "oci_core parse_normalized_reference, hostile": once_us(reference.parse_normalized_reference, HOSTILE),
        "oci_core parse_normalized_reference, 1 MB hostile": once_us(
            reference.parse_normalized_reference, "a-" * (1 << 19) + "!"
        ),
    }


def peers() -> dict[str, float]:
    """Run inside benchmarks/.venv: time each installed peer."""
    inputs = references()
    results: dict[str, float] = {}
    try:
        from docker_image import reference as docker_reference
    except ImportError:
        pass
    else:
        normalized = docker_reference.Reference.parse_normalized_named
        results["docker-image-py parse_normalized_named"] = mean_us(normalized, inputs)
        results["docker-image-py parse"] = mean_us(docker_reference.Reference.parse, inputs)
        results["docker-image-py parse_normalized_named, hostile"] = once_us(normalized, HOSTILE, runs=1)
    try:
        from oras.container import Container
    except ImportError:
        pass
    else:
        results["oras-py Container (no validation)"] = mean_us(Container, inputs)
    return results


def peer_results() -> dict[str, float]:
    python = PEER_VENV / "bin" / "python"
    if not python.exists():
        return {}
    out = subprocess.run(
        [str(python), str(Path(__file__).resolve()), "--peers"], capture_output=True, text=True, check=True
    ).stdout
    results: dict[str, float] = json.loads(out)
    return results


def run() -> list[Row]:
    """Ours and the peers over references.txt, in one run: (row, µs, note)."""
    # Blocks of ours and theirs alternate, so that the machine changing speed
    # during the run weighs on both sides; each figure is the median of its blocks.
    blocks = [(ours(), peer_results()) for _ in range(BLOCKS)]
    mine = _medians([block[0] for block in blocks])
    theirs = _medians([block[1] for block in blocks])
    headline = mine["oci_core parse_normalized_reference"]
    rows: list[Row] = [
        ("parse_normalized_reference, mean per reference", headline, f"Go ParseNormalizedNamed: {GO_FIGURE_US} µs"),
        ("parse_reference (no normalisation), mean", mine["oci_core parse_reference"], ""),
    ]
    for name, note in (
        ("docker-image-py parse_normalized_named", "validates"),
        ("docker-image-py parse", "validates, no normalisation"),
        ("oras-py Container (no validation)", "accepts invalid references"),
    ):
        value = theirs.get(name, math.nan)
        ratio = f"{value / headline:.1f}x ours" if not math.isnan(value) else "not installed (--setup)"
        rows.append((f"peer: {name}, mean", value, f"{note}; {ratio}"))
    rows.append(("hostile 64 KiB 'a-'*n+'!': oci_core", mine["oci_core parse_normalized_reference, hostile"], ""))
    rows.append(
        (
            "hostile 64 KiB 'a-'*n+'!': docker-image-py",
            theirs.get("docker-image-py parse_normalized_named, hostile", math.nan),
            "",
        )
    )
    rows.append(("hostile 1 MB 'a-'*n+'!': oci_core", mine["oci_core parse_normalized_reference, 1 MB hostile"], ""))
    return rows


def _medians(samples: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(sample[key] for sample in samples) for key in samples[0]} if samples else {}


def main() -> None:
    if "--peers" in sys.argv:
        print(json.dumps(peers()))
        return
    if "--setup" in sys.argv:
        from run import setup

        setup()
    for name, value, note in run():
        shown = "-" if math.isnan(value) else f"{value:12.2f}"
        print(f"{name:58} {shown:>12} µs   {note}")


if __name__ == "__main__":
    main()
