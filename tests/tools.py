"""Real peers for the tests: find a tool, or skip (locally) or fail (in CI) with an install hint.

Tests that meet the outside world use the real thing (the CNCF distribution
registry, skopeo, umoci), installed from Debian by ``.ci/run``. Where a tool
is missing, a test skips with a hint saying how to install it, unless
``OCI_CORE_REQUIRE_TOOLS=1`` is set (``.ci/run`` sets it), in which case the
test fails: CI must never pass by skipping its peers.

The peers behave the same whatever the Python version, so ``./check`` runs
their suites once, on its primary version, and sets ``OCI_CORE_PEERS=elsewhere``
for the others: there they skip, saying where they ran.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

__all__ = ["DEBIAN_PACKAGES", "free_port", "require_tool", "tools_required"]

#: The Debian package that provides each tool the tests run.
DEBIAN_PACKAGES = {
    "docker-registry": "docker-registry",
    "skopeo": "skopeo",
    "umoci": "umoci",
    "openssl": "openssl",
}


def tools_required() -> bool:
    """Whether a missing tool fails the test instead of skipping it (CI sets ``OCI_CORE_REQUIRE_TOOLS=1``)."""
    return os.environ.get("OCI_CORE_REQUIRE_TOOLS") == "1"


def require_tool(name: str) -> str:
    """The path of the program ``name``; skips the test (or fails it in CI) when it is not installed."""
    if os.environ.get("OCI_CORE_PEERS") == "elsewhere":
        where = os.environ.get("OCI_CORE_PRIMARY", "the primary Python")
        pytest.skip(f"the real-peer suites run once, on Python {where}")
    path = shutil.which(name) or (f"/usr/bin/{name}" if os.access(f"/usr/bin/{name}", os.X_OK) else None)
    if path is not None:
        return path
    package = DEBIAN_PACKAGES.get(name, name)
    message = f"{name} is not installed: apt-get install {package} (or run .ci/run, which installs every peer)"
    if tools_required():
        pytest.fail(message + " [OCI_CORE_REQUIRE_TOOLS=1]")
    pytest.skip(message)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def ready_child(module: str, *args: str, what: str) -> Iterator[subprocess.Popen[str]]:
    """Run ``python -m module args`` from the repository's root for the ``with`` block.

    The child says ``ready`` on its standard output once it listens; it is
    stopped by its process id when the block ends.
    """
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    process = subprocess.Popen(
        [sys.executable, "-m", module, *args],
        cwd=root, env=env, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        line = process.stdout.readline()  # bounded: the child prints once or exits
        if line.strip() != "ready":
            raise RuntimeError(f"{what} did not start (exit {process.poll()})")
        yield process
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()
