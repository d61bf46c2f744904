"""The package as users get it: an sdist and a wheel that build, install and run as they expect.

Builds both with ``python -m build`` (flit_core in an isolated environment),
installs the wheel into a fresh virtual environment with no extras, imports
every module there with warnings as errors, runs the console script, and
checks what the wheel and the sdist hold.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from .vectors import ROOT

SCRIPT = "oci-spec-core"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return wheel, sdist


def test_the_wheel_holds_the_package_the_licence_and_no_tests(built: tuple[Path, Path]) -> None:
    wheel, _ = built
    names = zipfile.ZipFile(wheel).namelist()
    assert "oci_core/py.typed" in names
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    assert not [name for name in names if name.startswith(("tests/", "spec-vectors/", "benchmarks/"))]
    package = {name for name in names if name.startswith("oci_core/") and name.endswith(".py")}
    expected = {path.relative_to(ROOT).as_posix() for path in (ROOT / "oci_core").rglob("*.py")}
    assert package == expected
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "License-Expression: Apache-2.0" in metadata
    assert "License-File: LICENSE" in metadata
    requirements = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    assert requirements, "the test extra is listed"
    assert all('extra == "test"' in line for line in requirements), "no runtime dependency"


def test_the_sdist_holds_what_the_checks_need(built: tuple[Path, Path]) -> None:
    _, sdist = built
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for needed in ("LICENSE", "README.md", "pyproject.toml", "check", "oci_core/py.typed", "tests/test_packaging.py",
                   "spec-vectors/DEVIATIONS.md", "examples/manifest.json", "benchmarks/run.py"):
        assert needed in names, needed


def _module_names() -> list[str]:
    """Every module of the package but the command-line entry point and the Hypothesis strategies."""
    names = []
    for path in (ROOT / "oci_core").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts[-1] not in ("__main__", "strategies"):
            names.append(".".join(parts))
    return names


def test_the_installed_wheel_imports_cleanly_and_runs(built: tuple[Path, Path], tmp_path: Path) -> None:
    wheel, _ = built
    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    modules = sorted(_module_names())
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "assert 'hypothesis' not in sys.modules\n"
        "import oci_core, pathlib\n"
        "print(pathlib.Path(oci_core.__file__).parent)\n"
    )
    clean = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    result = subprocess.run(
        [str(python), "-W", "error", "-c", script], cwd=tmp_path, capture_output=True, text=True, env=clean, check=False
    )
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).is_relative_to(env)
    example = ROOT / "examples" / "manifest.json"
    tool = subprocess.run(
        [str(env / "bin" / SCRIPT), "inspect", str(example)], capture_output=True, text=True, env=clean, check=False
    )
    assert tool.returncode == 0, tool.stderr
    assert "kind: image manifest" in tool.stdout
    usage = subprocess.run(
        [str(env / "bin" / SCRIPT), "--help"], capture_output=True, text=True, env=clean, check=False
    )
    assert usage.returncode == 0
    assert usage.stdout.startswith(f"usage: {SCRIPT} ")
