"""Retries and redirects: Retry-After on 429 and 503, bounded; blobs fetched through a redirect to another origin.

The stub registry (tests/cli_stub.py) answers "try later" a set number of
times; the redirect stub (tests/redirect_stub.py) sends blob GETs to a
second port, which records the ``Authorization`` it received.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from oci_core._cli_policy import NetworkError
from oci_core.digest import compute_digest
from tests.cli_fixtures import run_tool
from tests.cli_stub import MANIFEST, Stub, start_stub
from tests.redirect_stub import BLOB
from tests.redirect_stub import start_stub as start_redirect_stub


@pytest.fixture(scope="module")
def stub() -> Iterator[Stub]:
    with start_stub() as running:
        yield running


def requests_for(stub: Stub, repository: str) -> list[float]:
    return [when for path, when in stub.stats() if f"/{repository}/" in path]


def test_retry_after_is_honoured_on_429(stub: Stub, tmp_path: Path) -> None:
    done = run_tool("manifest", f"{stub.host}/429-1-1/app:v1", home=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == MANIFEST
    first, second = requests_for(stub, "429-1-1")
    assert second - first >= 0.9  # Retry-After: 1
    assert b"429" in done.stderr and b"trying again in 1 s" in done.stderr


def test_backoff_without_retry_after_on_503(stub: Stub, tmp_path: Path) -> None:
    done = run_tool("--quiet", "manifest", f"{stub.host}/503-1-none/app:v1", home=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""  # --quiet: not even the note about the retry
    first, second = requests_for(stub, "503-1-none")
    assert second - first >= 0.9  # the first backoff step, 1 s


def test_retries_are_bounded_and_the_end_is_a_network_failure(stub: Stub, tmp_path: Path) -> None:
    done = run_tool("--retries", "2", "manifest", f"{stub.host}/503-9-0/app:v1", home=tmp_path)
    assert done.returncode == 3
    assert len(requests_for(stub, "503-9-0")) == 3  # the first try and two retries
    assert b"503" in done.stderr and b"UNAVAILABLE" in done.stderr and b"Traceback" not in done.stderr
    result = run_tool("--json", "--retries", "0", "manifest", f"{stub.host}/429-9-0/app:v1", home=tmp_path)
    assert result.returncode == 3
    error = json.loads(result.stdout)["error"]
    assert error["status"] == 429 and error["codes"] == ["TOOMANYREQUESTS"] and error["temporary"] is True


def test_a_retry_after_past_the_cap_is_reported_at_once(stub: Stub, tmp_path: Path) -> None:
    done = run_tool("manifest", f"{stub.host}/429-9-999/app:v1", home=tmp_path, timeout=30)
    assert done.returncode == 3
    assert len(requests_for(stub, "429-9-999")) == 1


def test_a_blob_through_a_redirect_to_another_origin_gets_no_credentials(tmp_path: Path) -> None:
    with start_redirect_stub() as redirect:
        digest = compute_digest(BLOB)
        done = run_tool("--username", "someone", "--password-stdin", "blob",
                        f"127.0.0.1:{redirect.registry_port}/app@{digest}", home=tmp_path, stdin=b"secret\n")
        assert done.returncode == 0, done.stderr.decode()
        assert done.stdout == BLOB
        import http.client

        connection = http.client.HTTPConnection("127.0.0.1", redirect.store_port, timeout=10)
        connection.request("GET", "/seen")
        seen = json.loads(connection.getresponse().read())
        connection.close()
        assert seen == [None]


def test_a_kept_alive_connection_the_server_dropped_is_replaced(stub: Stub, tmp_path: Path) -> None:
    # The stub closes each connection after its answer without saying so: the second request finds the
    # first one's connection dead, and goes again on a new one (not counted as a retry).
    host = stub.host
    done = run_tool("--retries", "0", "digest", f"{host}/closing/a:v1", f"{host}/closing/b:v1", f"{host}/closing/c:v1",
                    home=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().split() == [str(compute_digest(MANIFEST))] * 3
    assert done.stderr == b""


class _Probing:
    """A transport that speaks only the schemes it is given (for the --insecure probe)."""

    def __init__(self, speaks: set[str]) -> None:
        self.speaks = speaks
        self.asked: list[str] = []

    def exchange(self, request: object, body: object, *, stream: bool) -> tuple[object, None]:
        from oci_core.http import Request, Response

        assert isinstance(request, Request)
        self.asked.append(request.url)
        if request.url.split(":", 1)[0] not in self.speaks:
            raise NetworkError("wrong version number")
        return Response(200), None

    def close(self) -> None:
        return None


@pytest.mark.parametrize(("speaks", "chosen"), [({"https"}, "https"), ({"http"}, "http"), (set(), "https")])
def test_insecure_asks_once_whether_a_registry_speaks_tls(speaks: set[str], chosen: str) -> None:
    from oci_core.__main__ import _Output, _Tool
    from oci_core._cli_args import build_parser

    tool = _Tool(build_parser("x").parse_args(["--insecure", "ls", "r"]), _Output(json_output=False, quiet=True))
    probing = _Probing(speaks)
    tool.transport = probing  # type: ignore[assignment]
    client = tool.client("registry.example:5000")
    assert client.root == f"{chosen}://registry.example:5000"
    assert tool.client("registry.example:5000") is client  # asked once per registry
    assert probing.asked[0] == "https://registry.example:5000/v2/"
    assert tool.client("localhost:5000").root == "http://localhost:5000"  # localhost-like: http, not asked
    assert len(probing.asked) == (1 if "https" in speaks else 2)
