"""Peer measurements for the foundation benchmarks; runs inside benchmarks/.venv.

Prints one JSON object: {row name: value}. Invoked by bench_foundation.py, so
that ours and theirs are measured in the same run.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import fresh_import_ms, per_call_us


def main() -> None:
    results: dict[str, float] = {}
    inputs = [f"sha256:{hashlib.sha256(str(i).encode()).hexdigest()}" for i in range(20_000)]
    try:
        from docker_image.digest import validate_digest
    except ImportError:
        pass
    else:
        results["parse_digest: docker-image-py validate_digest, µs"] = per_call_us(validate_digest, inputs)
        results["import docker_image.reference (fresh), ms"] = fresh_import_ms("docker_image.reference", cwd=Path("/"))
    try:
        from opencontainers.digest.digest import FromBytes, Parse
    except ImportError:
        pass
    else:
        import time

        results["parse_digest: opencontainers Parse, µs"] = per_call_us(Parse, inputs, rounds=10)
        data = bytes(range(256)) * (64 * 1024 * 1024 // 256)
        best = min(_timed(FromBytes, data, time.perf_counter) for _ in range(3))
        results["sha256 64 MiB: opencontainers FromBytes, MB/s"] = len(data) / best / 1e6
        results["import opencontainers.digest (fresh), ms"] = fresh_import_ms("opencontainers.digest", cwd=Path("/"))
    print(json.dumps(results))


def _timed(function: object, data: bytes, clock: object) -> float:
    started = clock()  # type: ignore[operator]
    function(data)  # type: ignore[operator]
    return clock() - started  # type: ignore[operator,no-any-return]


if __name__ == "__main__":
    main()
