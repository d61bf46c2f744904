"""Run every fuzz harness for a bounded time: ``python fuzz/run.py [--seconds N] [harness ...]``.

Each harness (``fuzz/fuzz_*.py``) is run by atheris (libFuzzer) in its own
process, for ``--seconds`` seconds of fuzzing, from a seed corpus written from
the vendored vectors into a temporary directory. A crash (any exception but
an ``OCIError``, a failed round trip, a timeout, memory past the limit) is
saved under ``fuzz/crashes/`` with the input that caused it, and the run fails;
turn each into a regression test.

Where atheris does not install (CPython 3.10 has no wheel), every harness
replays its seeds instead, and the run says so.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CRASHES = HERE / "crashes"


def harnesses(names: list[str]) -> list[Path]:
    found = sorted(HERE.glob("fuzz_*.py"))
    if names:
        found = [path for path in found if path.stem in names or path.stem.removeprefix("fuzz_") in names]
    return found


def fuzz(harness: Path, seconds: int) -> tuple[bool, str]:
    with tempfile.TemporaryDirectory(prefix=f"{harness.stem}-") as work:
        corpus = Path(work) / "corpus"
        subprocess.run([sys.executable, str(harness), "--seeds", str(corpus)], check=True, timeout=300)
        CRASHES.mkdir(exist_ok=True)
        started = time.monotonic()
        result = subprocess.run(
            [
                sys.executable, str(harness), str(corpus),
                f"-max_total_time={seconds}", "-timeout=10", "-rss_limit_mb=2048",
                f"-artifact_prefix={CRASHES}/{harness.stem}-", "-print_final_stats=1",
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 300,
            check=False,
        )
        elapsed = time.monotonic() - started
    runs = re.search(r"stat::number_of_executed_units:\s*(\d+)", result.stderr)
    executed = runs.group(1) if runs else "?"
    if result.returncode != 0:
        tail = "\n".join(result.stderr.splitlines()[-30:])
        return False, f"CRASH after {elapsed:.0f} s ({executed} runs); input saved in {CRASHES}\n{tail}"
    return True, f"{executed} runs in {elapsed:.0f} s, no crash"


def replay(harness: Path) -> tuple[bool, str]:
    result = subprocess.run([sys.executable, str(harness), "--replay-seeds"], capture_output=True, text=True,
                            timeout=900, check=False)
    if result.returncode != 0:
        return False, "FAILED replaying seeds\n" + "\n".join(result.stderr.splitlines()[-30:])
    return True, result.stdout.strip().splitlines()[-1] + " (atheris is not installed here: seeds replayed only)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=60, help="fuzzing time per harness (default 60)")
    parser.add_argument("names", nargs="*", help="harnesses to run (default: all)")
    args = parser.parse_args()
    have_atheris = importlib.util.find_spec("atheris") is not None
    ok = True
    for harness in harnesses(args.names):
        passed, report = fuzz(harness, args.seconds) if have_atheris else replay(harness)
        print(f"{harness.stem}: {report}", flush=True)
        ok = ok and passed
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
