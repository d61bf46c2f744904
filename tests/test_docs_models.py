"""The examples of docs/models.md, run as written on a model made here (an OCI layout and a GGUF file)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from oci_core import models
from tests.models_fixtures import LICENSE, small_gguf, write_layout
from tests.vectors import ROOT

DOC = ROOT / "docs" / "models.md"


def _examples() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_the_first_example_is_about_ten_lines() -> None:
    first = _examples()[0]
    code = [line for line in first.strip().splitlines() if line.strip()]
    assert len(code) <= 12 and "summarize_model" in first


def test_the_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    gguf, header = small_gguf()
    (tmp_path / "model.gguf").write_bytes(gguf)
    layers = [
        models.describe_file(gguf, models.DOCKER_GGUF, path="weights/tiny.gguf", mtime="2025-06-15T12:00:00Z"),
        models.describe_file(LICENSE, models.DOCKER_LICENSE, path="LICENSE", mtime="2025-06-15T12:00:00Z"),
    ]
    built = models.build_docker_model(layers, models.gguf_model_config(header), created="2025-06-15T12:00:00Z")
    blobs = {str(layers[0].digest): gguf, str(layers[1].digest): LICENSE}
    write_layout(tmp_path / "model-layout", "latest", built, blobs)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "docs_example"}
    for code in _examples():
        exec(compile(code, str(DOC), "exec"), namespace)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "docker gguf F32 32"
    assert out[1] == f"  weights/tiny.gguf gguf {len(gguf)} bytes"
    assert out[2] == "llama 32 F32 2048"
    assert out[3:5] == ["weights/tiny.gguf weights", "LICENSE license"]
    assert out[5] == str(namespace["built"].model_id)  # type: ignore[attr-defined]
