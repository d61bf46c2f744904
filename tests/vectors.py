"""Loading the vendored upstream test vectors (spec-vectors/) for test runners."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def readme_example(marker: str) -> str:
    """The code of the README's first Python block after ``marker`` (an HTML comment naming the example)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert marker in text, f"no {marker} in README.md"
    match = re.search(r"```python\n(.*?)```", text.split(marker, 1)[1], re.DOTALL)
    assert match is not None, f"README.md lost the example after {marker}"
    return match.group(1)
VECTORS = ROOT / "spec-vectors"


def load(relative: str) -> dict[str, Any]:
    """The whole vector file ``spec-vectors/<relative>``."""
    with (VECTORS / relative).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def cases(relative: str, *, id_keys: tuple[str, ...] = ("name", "input", "op", "case")) -> list[Any]:
    """Every case of a vector file as a ``pytest.param``, with a readable id.

    The id is the case's index followed by the first of ``id_keys`` it has, so
    that a failing case can be found in the file.
    """
    data = load(relative)
    params = []
    for index, case in enumerate(data["cases"]):
        label = next((str(case[key]) for key in id_keys if key in case), "")
        label = label.encode("ascii", "backslashreplace").decode("ascii")
        if len(label) > 40:
            label = label[:37] + "..."
        params.append(pytest.param(case, id=f"{index}:{label}"))
    return params
