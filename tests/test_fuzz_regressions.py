"""Every crash the fuzzers found, replayed through its harness (``fuzz/regressions/<harness>-<what>``).

A harness checks the library's promise for its parsers (a value or an
``OCIError``, and the round trips); each file here is an input that once broke
it. The harnesses run without atheris too (its instrumentation is optional).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from .vectors import ROOT

FUZZ = ROOT / "fuzz"
REGRESSIONS = sorted((FUZZ / "regressions").iterdir())


def test_there_are_regressions_to_replay() -> None:
    assert REGRESSIONS
    harnesses = {path.stem.removeprefix("fuzz_") for path in FUZZ.glob("fuzz_*.py")}
    for path in REGRESSIONS:
        assert path.name.split("-", 1)[0].removeprefix("fuzz_") in harnesses, path.name


@pytest.mark.parametrize("path", REGRESSIONS, ids=[path.name for path in REGRESSIONS])
def test_the_harness_accepts_what_once_crashed_it(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(FUZZ))
    harness = importlib.import_module(path.name.split("-", 1)[0])
    try:
        harness.test_one_input(path.read_bytes())
    finally:
        sys.modules.pop(harness.__name__, None)
