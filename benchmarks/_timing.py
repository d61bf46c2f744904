"""Shared timing helpers for the benchmarks (not part of the package)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
#: The benchmark inputs, kept in the repository so that a clean clone or an sdist runs them.
DATA = HERE / "data"
SHARED_BENCH = DATA  # the name bench_foundation and bench_reference still use
PEER_VENV = HERE / ".venv"
PEER_PACKAGES = ("docker-image-py", "opencontainers", "oras", "docker", "gguf", "safetensors")

Row = tuple[str, float, str]


def per_call_rounds(function: Callable[[T], object], inputs: Sequence[T], rounds: int = 30) -> list[float]:
    """The mean time per call of each of ``rounds`` rounds, each over every input once (µs)."""
    means = []
    for _ in range(rounds):
        started = time.perf_counter_ns()
        for item in inputs:
            function(item)
        means.append((time.perf_counter_ns() - started) / len(inputs) / 1000)
    return means


def per_call_us(function: Callable[[T], object], inputs: Sequence[T], rounds: int = 30) -> float:
    """Median over ``rounds`` of the mean time per call, each round over every input once (µs)."""
    return statistics.median(per_call_rounds(function, inputs, rounds))


def side_by_side(
    first: Callable[[], object], second: Callable[[], object], blocks: int = 15, number: int = 500
) -> tuple[list[float], list[float]]:
    """Per-call times (µs) of two functions measured in alternating blocks.

    This machine's speed drifts by up to 2x within a minute; alternating
    blocks lets the drift weigh on both sides, so their ratio holds.
    """
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(blocks):
        for side, function in enumerate((first, second)):
            started = time.perf_counter_ns()
            for _ in range(number):
                function()
            times[side].append((time.perf_counter_ns() - started) / number / 1000)
    return times


def per_call_us_raising(function: Callable[[T], object], inputs: Sequence[T], rounds: int = 30) -> float:
    """As :func:`per_call_us`, for inputs some of which make ``function`` raise (any Exception)."""

    def call(item: T) -> None:
        try:
            function(item)
        except Exception:
            pass

    return per_call_us(call, inputs, rounds)


def repeat_us(function: Callable[[], object], number: int = 2000, rounds: int = 15) -> float:
    """Median over ``rounds`` of the mean time of ``number`` calls (µs)."""
    means = []
    for _ in range(rounds):
        started = time.perf_counter_ns()
        for _ in range(number):
            function()
        means.append((time.perf_counter_ns() - started) / number / 1000)
    return statistics.median(means)


def fresh_import_ms(module: str, python: str = sys.executable, runs: int = 15, cwd: Path = ROOT) -> float:
    """Median wall time to import ``module`` in a fresh interpreter, measured inside it (ms).

    Bytecode is written and used, as in any installation: a first run fills
    ``__pycache__`` even where PYTHONDONTWRITEBYTECODE is set (it is on the
    machines here, which would otherwise time compiling the source).
    """
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    samples = []
    for _ in range(runs + 1):
        out = subprocess.run([python, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout
        samples.append(float(out) * 1000)
    return statistics.median(samples[1:])


def peer_python() -> str | None:
    """The interpreter of the peer-library environment, if ``run.py --setup`` made it."""
    python = PEER_VENV / "bin" / "python"
    return str(python) if python.exists() else None
