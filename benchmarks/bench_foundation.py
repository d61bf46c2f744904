"""Foundation benchmarks: digests against hashlib, strict JSON against json.loads, import time.

Runnable alone: ``python3 benchmarks/bench_foundation.py``.
"""

from __future__ import annotations

import hashlib
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import HERE, SHARED_BENCH, Row, fresh_import_ms, peer_python, per_call_rounds, side_by_side

from oci_core import _json, digest

BIG = 64 * 1024 * 1024


def _throughput_mb_s(function: object, data: bytes, rounds: int = 5) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        function(data)  # type: ignore[operator]
        best = min(best, time.perf_counter() - started)
    return len(data) / best / 1e6


def run() -> list[Row]:
    rows: list[Row] = []
    data = bytes(range(256)) * (BIG // 256)
    # Interleave the two so that drift on a noisy machine hits both alike.
    ours_mb, limit_mb = [], []
    for _ in range(3):
        limit_mb.append(_throughput_mb_s(lambda b: hashlib.sha256(b).hexdigest(), data, rounds=2))
        ours_mb.append(_throughput_mb_s(digest.compute_digest, data, rounds=2))
    rows.append(("sha256 64 MiB: hashlib (limit), MB/s", max(limit_mb), "physical limit"))
    share = f"{max(ours_mb) / max(limit_mb):.1%} of hashlib (target >= 97%)"
    rows.append(("sha256 64 MiB: compute_digest, MB/s", max(ours_mb), share))

    inputs = [f"sha256:{hashlib.sha256(str(i).encode()).hexdigest()}" for i in range(20_000)]
    rounds = per_call_rounds(digest.parse_digest, inputs, rounds=40)
    rows.append(
        (
            "parse_digest (distinct sha256), median µs",
            statistics.median(rounds),
            f"fastest round {min(rounds):.2f}; target <= 0.5; go-digest Parse 0.51",
        )
    )

    raw = (SHARED_BENCH / "manifest.json").read_bytes()
    limit, ours = side_by_side(lambda: json.loads(raw), lambda: _json.loads(raw))
    ratios = sorted(mine / theirs for mine, theirs in zip(ours, limit, strict=True))
    rows.append(("json.loads bench manifest (limit), µs", statistics.median(limit), "physical limit"))
    rows.append(
        (
            "strict read bench manifest, µs",
            statistics.median(ours),
            f"{statistics.median(ratios):.2f}x json.loads, median of {len(ratios)} paired blocks (target <= 1.5x)",
        )
    )

    rows.append(("import json (fresh interpreter), ms", fresh_import_ms("json"), "baseline"))
    rows.append(("import oci_core.digest (fresh), ms", fresh_import_ms("oci_core.digest"), "target <= 25"))
    rows += _peer_rows()
    return rows


def _peer_rows() -> list[Row]:
    python = peer_python()
    if python is None:
        return [("peers", float("nan"), "not measured: run python3 benchmarks/run.py --setup")]
    out = subprocess.run(
        [python, str(HERE / "peers_foundation.py")], capture_output=True, text=True, check=True
    ).stdout
    return [(name, value, "peer") for name, value in json.loads(out).items()]


if __name__ == "__main__":
    for name, value, note in run():
        print(f"{name:45} {value:10.2f}   {note}")
