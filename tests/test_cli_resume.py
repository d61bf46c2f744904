"""Interrupted transfers: the registry stopped mid-blob, then ``--continue``; Ctrl-C leaves no final file.

A real registry serves a single-layer image of 24 MiB; a stalling proxy
(tests/cli_proxy.py) sits between it and the tool so that the cut falls in
the middle of the layer for sure. The registry is then stopped (by its
process id) and the proxy's connections closed: the tool exits 3 (network
failure) with the bytes it had under ``FILE.part``. The registry is started
again on the same storage, and the same command with ``--continue`` asks
for the rest with a ``Range`` request, verifies the whole blob and renames
it into place.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from oci_core import layout
from oci_core.descriptor import Descriptor
from oci_core.digest import compute_digest
from tests.cli_fixtures import ROOT, big_layer_layout, run_tool, tool_env
from tests.cli_proxy import stalling_proxy
from tests.registry_server import start_registry

SIZE = 24 << 20
STALL_AFTER = 6 << 20


@dataclass
class Served:
    directory: Path
    layer: Descriptor
    home: Path


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Served:
    directory = tmp_path_factory.mktemp("cli-resume")
    home = directory / "home"
    home.mkdir()
    _, layer = big_layer_layout(directory / "image", SIZE)
    with start_registry(directory, name="registry") as server:
        done = run_tool("push", f"{directory / 'image'}:big", f"{server.host}/big:v1", home=home)
        assert done.returncode == 0, done.stderr.decode()
    return Served(directory, layer, home)


def interrupted(served: Served, *args: str, stop: str = "registry") -> tuple[int, bytes]:
    """Run the tool through a stalling proxy; once it stalls, stop the registry (or press Ctrl-C)."""
    with start_registry(served.directory, name="registry") as server, stalling_proxy(
        ("127.0.0.1", server.port), STALL_AFTER
    ) as proxy:
        command = [a.replace("{host}", proxy.host) for a in args]
        tool = subprocess.Popen(
            [sys.executable, "-m", "oci_core", "--retries", "0", *command],
            cwd=ROOT, env=tool_env(served.home), stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        try:
            assert proxy.stalled.wait(60), "the transfer never reached the stall"
            if stop == "registry":
                server.stop()
                proxy.cut()
            else:
                tool.send_signal(signal.SIGINT)
            _, errors = tool.communicate(timeout=60)
        finally:
            if tool.poll() is None:
                tool.kill()
                tool.wait(10)
    return tool.returncode, errors


def test_a_blob_download_cut_when_the_registry_stops_resumes_with_continue(served: Served, tmp_path: Path) -> None:
    target = tmp_path / "layer.tar.gz"
    part = tmp_path / "layer.tar.gz.part"
    status, errors = interrupted(served, "blob", "-o", str(target), f"{{host}}/big@{served.layer.digest}")
    assert status == 3, errors.decode()
    assert b"Traceback" not in errors
    assert not target.exists() and part.exists()
    held = part.stat().st_size
    assert 0 < held < served.layer.size
    with start_registry(served.directory, name="registry") as again:
        done = run_tool("--json", "blob", "--continue", "-o", str(target), f"{again.host}/big@{served.layer.digest}",
                        home=served.home)
    assert done.returncode == 0, done.stderr.decode()
    report = json.loads(done.stdout)
    assert report["resumedAt"] == held and report["size"] == served.layer.size
    assert not part.exists()
    assert compute_digest(target.read_bytes()) == served.layer.digest


def test_a_pull_cut_when_the_registry_stops_resumes_with_continue(served: Served, tmp_path: Path) -> None:
    target = tmp_path / "pulled"
    part = target / (layout.blob_path(served.layer.digest) + ".part")
    status, errors = interrupted(served, "pull", "{host}/big:v1", str(target))
    assert status == 3, errors.decode()
    assert part.exists() and 0 < part.stat().st_size < served.layer.size
    assert not (target / layout.blob_path(served.layer.digest)).exists()
    assert not (target / "index.json").exists()  # nothing names an image that is not whole
    with start_registry(served.directory, name="registry") as again:
        done = run_tool("--json", "pull", "--continue", f"{again.host}/big:v1", str(target), home=served.home)
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["blobs"][str(served.layer.digest)] == "resumed"
    assert not part.exists()
    checked = run_tool("layout", str(target), home=served.home)
    assert checked.returncode == 0, checked.stdout.decode() + checked.stderr.decode()


def test_ctrl_c_leaves_no_file_under_the_final_name(served: Served, tmp_path: Path) -> None:
    target = tmp_path / "layer.tar.gz"
    blob = f"{{host}}/big@{served.layer.digest}"
    status, errors = interrupted(served, "blob", "-o", str(target), blob, stop="ctrl-c")
    assert status == 130
    assert errors.strip().endswith(b"interrupted") and b"Traceback" not in errors
    assert not target.exists() and (tmp_path / "layer.tar.gz.part").exists()
