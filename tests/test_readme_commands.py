"""Every command of the README, run as written: the two at the top, then each line of the tool's section.

The tool's commands run from a scratch directory that holds the bundled
``examples/``, through ``python3 -m oci_core`` with the package on
``PYTHONPATH`` (as from a fresh clone: nothing installed). The ones that name
``localhost:5000`` run against a real registry started for the test, after
the image they pull is pushed there; nothing else in them changes.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_fixtures import run_tool, write_layout
from tests.registry_server import start_registry
from tests.vectors import ROOT

README = ROOT / "README.md"
REGISTRY = "localhost:5000"


def _sh_blocks() -> list[list[str]]:
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL)
    return [[line.split("  #", 1)[0].strip() for line in block.splitlines() if line.strip()] for block in blocks]


def _tool_commands() -> list[str]:
    return [line for block in _sh_blocks()[1:] for line in block if line.startswith("python3 -m oci_core ")]


def _needs_the_registry(command: str) -> bool:
    """Whether the command talks to the registry, or reads what one that did wrote (``reference`` only parses)."""
    return (REGISTRY in command and " reference " not in command) or "./app-layout" in command


def _run(command: str, cwd: Path, registry: str | None = None) -> subprocess.CompletedProcess[bytes]:
    words = shlex.split(command if registry is None else command.replace(REGISTRY, registry))
    assert words[:3] == ["python3", "-m", "oci_core"], command
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(cwd / "home")}
    return subprocess.run([sys.executable, *words[1:]], cwd=cwd, env=env, capture_output=True, timeout=300,
                          check=False)


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    (tmp_path / "home").mkdir()
    return tmp_path


def test_the_readme_starts_with_the_tool_on_an_example_and_the_check_command(scratch: Path) -> None:
    first = _sh_blocks()[0]
    assert first == ["python3 -m oci_core inspect examples/manifest.json", "./check"]
    done = _run(first[0], scratch)
    assert done.returncode == 0, done.stderr.decode()
    assert b"kind: image manifest" in done.stdout
    check = ROOT / "check"
    assert check.is_file() and os.access(check, os.X_OK)
    assert "./check" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_offline_command_of_the_tool_section_works_as_written(scratch: Path) -> None:
    offline = [command for command in _tool_commands() if not _needs_the_registry(command)]
    assert len(offline) >= 6
    for command in offline:
        done = _run(command, scratch)
        assert done.returncode == 0, (command, done.stderr.decode())
        assert done.stdout, command


def test_the_registry_commands_work_against_a_real_registry(
    scratch: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    online = [command for command in _tool_commands() if _needs_the_registry(command)]
    assert any(" pull " in c for c in online) and any(" copy " in c for c in online)
    assert any(c.startswith("python3 -m oci_core layout ") for c in online)
    directory = tmp_path_factory.mktemp("readme")
    with start_registry(directory) as registry:
        image = write_layout(directory / "source", "v1")
        pushed = run_tool("push", "--referrers", f"{image.root}:v1", f"{registry.host}/app:v1", home=scratch / "home")
        assert pushed.returncode == 0, pushed.stderr.decode()
        for command in online:
            done = _run(command, scratch, registry.host)
            assert done.returncode == 0, (command, done.stderr.decode())
    assert (scratch / "app-layout" / "index.json").is_file()
    assert (scratch / "copy" / "index.json").is_file()
