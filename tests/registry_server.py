"""A real registry for the tests: Debian's docker-registry (the CNCF distribution registry) on 127.0.0.1.

Each instance gets a free port, a configuration and a storage directory of
its own in a temporary directory, and is stopped by its process id. Start
one with :func:`start_registry`; the configuration is plain data, so a new
kind of instance (the auth tests' token server) adds its ``auth`` section
through ``auth=`` and anything else through ``extra``::

    with start_registry(tmp_path) as registry:              # plain
        ...
    with start_registry(tmp_path, auth=htpasswd_auth(tmp_path)) as registry:
        ...

The registry's configuration file is YAML; JSON is YAML, so it is written
with :mod:`json`.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.tools import free_port, require_tool

__all__ = [
    "TEST_PASSWORD",
    "TEST_USER",
    "RegistryServer",
    "basic_authorization",
    "htpasswd_auth",
    "start_registry",
    "token_auth",
]

#: The htpasswd instance's one user and password.
TEST_USER = "tester"
TEST_PASSWORD = "test-password"
# bcrypt (cost 4) of TEST_PASSWORD, made once with the C library's crypt(3) ($2b$): the
# registry accepts only bcrypt entries, and the tests need no bcrypt package this way.
_TEST_PASSWORD_BCRYPT = "$2b$04$znwD4UGhFOdu7WW5Fce2fe5a5Sfhhhd06GI/TzU0pQI2Y.HYXhFBm"
#: How long a registry may take to answer its first request.
READY_TIMEOUT = 15.0


@dataclass
class RegistryServer:
    """A running registry: its root URL, its process and where it keeps its files."""

    process: subprocess.Popen[bytes]
    port: int
    directory: Path
    config: Mapping[str, object]
    log_path: Path
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def root(self) -> str:
        """``http://127.0.0.1:<port>``: the registry's root URL."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def host(self) -> str:
        """``127.0.0.1:<port>``, as skopeo's ``docker://`` references want it."""
        return f"127.0.0.1:{self.port}"

    def log(self) -> str:
        """What the registry has written to its log so far."""
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return ""

    def stop(self) -> None:
        """Stop the process by its id (SIGTERM, then SIGKILL after 5 s)."""
        if self.process.poll() is not None:
            return
        os.kill(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)


def htpasswd_auth(directory: Path, users: Mapping[str, str] | None = None) -> dict[str, object]:
    """The ``auth`` section of an htpasswd instance, with its file written to ``directory``.

    ``users`` maps names to bcrypt hashes; by default the one test user.
    """
    entries = users if users is not None else {TEST_USER: _TEST_PASSWORD_BCRYPT}
    path = directory / "htpasswd"
    path.write_text("".join(f"{name}:{hashed}\n" for name, hashed in entries.items()))
    return {"htpasswd": {"realm": "oci-core-test", "path": str(path)}}


def token_auth(realm: str, bundle: Path, *, service: str, issuer: str) -> dict[str, object]:
    """The ``auth`` section of a token-auth instance: tokens from ``realm``, signed by a key of ``bundle``.

    The token server is the auth tests' (tests/token_server.py): it signs RS256
    JWTs for ``service`` as ``issuer``, with its certificate in ``bundle``.
    """
    return {"token": {"realm": realm, "service": service, "issuer": issuer, "rootcertbundle": str(bundle)}}


def basic_authorization(user: str = TEST_USER, password: str = TEST_PASSWORD) -> str:
    """The ``Authorization`` value for HTTP Basic credentials."""
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def _config(
    directory: Path, port: int, auth: Mapping[str, object] | None, extra: Mapping[str, object]
) -> dict[str, object]:
    config: dict[str, object] = {
        "version": 0.1,
        "log": {"level": "error", "accesslog": {"disabled": True}},
        "storage": {
            "filesystem": {"rootdirectory": str(directory / "data")},
            "delete": {"enabled": True},
            "maintenance": {"uploadpurging": {"enabled": False}},
        },
        "http": {"addr": f"127.0.0.1:{port}", "secret": "oci-core-tests"},
    }
    if auth is not None:
        config["auth"] = dict(auth)
    config.update(extra)
    return config


def _ready(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
    try:
        connection.request("GET", "/v2/")
        return connection.getresponse().status in (200, 401)
    except OSError:
        return False
    finally:
        connection.close()


@contextmanager
def start_registry(
    directory: Path,
    *,
    auth: Mapping[str, object] | None = None,
    extra: Mapping[str, object] | None = None,
    name: str = "registry",
) -> Iterator[RegistryServer]:
    """Run a registry for the ``with`` block: a free port on 127.0.0.1, files under ``directory/name``.

    Skips the test (or fails it under ``OCI_CORE_REQUIRE_TOOLS=1``) when
    docker-registry is not installed; fails it when the registry does not
    answer within :data:`READY_TIMEOUT` seconds.
    """
    program = require_tool("docker-registry")
    home = directory / name
    home.mkdir(parents=True, exist_ok=True)
    port = free_port()
    config = _config(home, port, auth, extra or {})
    config_path = home / "config.yml"
    config_path.write_text(json.dumps(config, indent=2))
    log_path = home / "registry.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [program, "serve", str(config_path)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=home,
        )
    server = RegistryServer(process, port, home, config, log_path)
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while not _ready(port):
            if process.poll() is not None:
                raise RuntimeError(f"docker-registry exited with {process.returncode}: {server.log()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"docker-registry did not answer on port {port} within {READY_TIMEOUT} s")
            time.sleep(0.05)
        yield server
    finally:
        server.stop()
