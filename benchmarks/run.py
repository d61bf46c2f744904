"""Run every benchmark and print one side-by-side table.

    python3 benchmarks/run.py --setup   # once: a venv at benchmarks/.venv with the Python peers
    python3 benchmarks/run.py           # ours, the physical limits and the peers, in one run
    python3 benchmarks/run.py --markdown   # the same, as the Markdown table the README shows

Not part of ./check: timings are measurements, not tests. The machine may be
noisy; compare the ratios measured in one run, not absolute figures.
"""

from __future__ import annotations

import argparse
import importlib
import math
import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from _timing import PEER_PACKAGES, PEER_VENV  # noqa: E402

MODULES = (
    "bench_foundation",
    "bench_reference",
    "bench_platform",
    "bench_documents",
    "bench_registry",
    "bench_partial",
    "bench_auth",
    "bench_cli",
    "bench_models",
    "bench_memory",
    "bench_hostile",
)


def setup() -> None:
    if not (PEER_VENV / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
    subprocess.run(
        [str(PEER_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", *PEER_PACKAGES], check=True
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--setup", action="store_true", help="make benchmarks/.venv with the peer libraries")
    parser.add_argument("--only", nargs="*", default=None, help="run only these modules (e.g. bench_foundation)")
    parser.add_argument("--markdown", action="store_true", help="print one Markdown table (for the README)")
    args = parser.parse_args()
    if args.setup:
        setup()
    print(f"Python {platform.python_version()} on {platform.machine()}, {_cpu()}, {os.cpu_count()} cores")
    if args.markdown:
        print("\n| benchmark | row | value | note |\n| --- | --- | ---: | --- |")
    for name in args.only or MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        if not args.markdown:
            print(f"\n== {name}")
        for row, value, note in module.run():
            shown = "-" if math.isnan(value) else f"{value:10.2f}"
            if args.markdown:
                cell = note.replace("|", "\\|")
                print(f"| {name.removeprefix('bench_')} | {row.strip()} | {shown.strip()} | {cell} |", flush=True)
            else:
                print(f"  {row:58} {shown:>10}   {note}", flush=True)


def _cpu() -> str:
    """The CPU's model name where Linux says it (``platform.processor()`` is often empty)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    main()
