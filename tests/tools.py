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
import socket

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
