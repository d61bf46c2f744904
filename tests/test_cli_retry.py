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
