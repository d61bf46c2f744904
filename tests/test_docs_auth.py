"""The pull of docs/auth.md, run as written against a real registry (docker-registry with htpasswd).

The example names ``localhost:5000`` and reads the user's docker config; the
test points it at the registry it starts, after pushing the image it pulls,
with ``HOME`` (and ``DOCKER_CONFIG``) in a temporary directory: once with a
``config.json`` that ``skopeo login`` wrote, once with a ``credsStore`` whose
helper program (a small script on ``PATH``) answers the credentials.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from oci_core.auth import Basic, Session
from tests.http_drivers import HttpClientDriver
from tests.registry_flows import make_image
from tests.registry_server import TEST_PASSWORD, TEST_USER, RegistryServer, htpasswd_auth, start_registry
from tests.test_auth_live import Client
from tests.tools import require_tool
from tests.vectors import ROOT

DOC = ROOT / "docs" / "auth.md"


def _examples() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(), flags=re.DOTALL)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RegistryServer]:
    directory = tmp_path_factory.mktemp("docs-auth")
    with start_registry(directory, auth=htpasswd_auth(directory)) as running:
        driver = HttpClientDriver()
        Client(driver, Session(running.root, Basic(TEST_USER, TEST_PASSWORD))).push_image(
            "library/hello", "v1", make_image(b"hello from the auth docs\n")
        )
        driver.close()
        yield running


def _run(code: str, server: RegistryServer) -> None:
    exec(compile(code.replace("localhost:5000", server.host), str(DOC), "exec"), {"__name__": "docs_example"})


def test_the_doc_has_the_example() -> None:
    (example,) = _examples()
    assert "http.client" in example and "subprocess" in example and "Session" in example
    code = [line for line in example.strip().splitlines() if line.strip() and not line.lstrip().startswith('"""')]
    assert len(code) <= 40  # the caller's code: about thirty lines, two of them helpers


def test_the_pull_with_a_config_written_by_skopeo_login(
    server: RegistryServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    skopeo = require_tool("skopeo")
    config = tmp_path / ".docker" / "config.json"
    config.parent.mkdir()
    login = [skopeo, "login", "--tls-verify=false", "--authfile", str(config), "-u", TEST_USER, "--password-stdin"]
    run = subprocess.run(
        [*login, server.host], input=TEST_PASSWORD, capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("DOCKER_CONFIG", raising=False)
    _run(_examples()[0], server)
    assert capsys.readouterr().out.count("verified") == 1


def test_the_pull_with_a_credential_helper(
    server: RegistryServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    helper = tmp_path / "bin" / "docker-credential-oci-core-test"
    helper.parent.mkdir()
    answer = json.dumps({"ServerURL": server.host, "Username": TEST_USER, "Secret": TEST_PASSWORD})
    helper.write_text(
        "#!/bin/sh\n"
        f'[ "$1" = get ] || {{ echo "unsupported $1"; exit 1; }}\n'
        "read server\n"
        f'[ "$server" = "{server.host}" ] || {{ echo "credentials not found in native keychain"; exit 1; }}\n'
        f"echo '{answer}'\n"
    )
    helper.chmod(helper.stat().st_mode | stat.S_IXUSR)
    docker_config = tmp_path / "docker-config"
    docker_config.mkdir()
    (docker_config / "config.json").write_text(json.dumps({"auths": {server.host: {}}, "credsStore": "oci-core-test"}))
    monkeypatch.setenv("DOCKER_CONFIG", str(docker_config))
    monkeypatch.setenv("PATH", f"{helper.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    _run(_examples()[0], server)
    assert capsys.readouterr().out.count("verified") == 1
