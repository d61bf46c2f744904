"""The examples of docs/registry.md, run as written against a real registry (docker-registry).

The pull examples name ``localhost:5000``; the test points them at the
registry it starts, after pushing the image they pull.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.http_drivers import HttpClientDriver
from tests.registry_flows import Flows, make_image
from tests.registry_server import RegistryServer, start_registry
from tests.vectors import ROOT

DOC = ROOT / "docs" / "registry.md"


def _examples() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(), flags=re.DOTALL)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RegistryServer]:
    with start_registry(tmp_path_factory.mktemp("docs")) as running:
        driver = HttpClientDriver()
        Flows(driver, running.root).push_image("library/hello", "v1", make_image(b"hello from the docs\n"))
        driver.close()
        yield running


def _run(code: str, server: RegistryServer, namespace: dict[str, object]) -> None:
    exec(compile(code.replace("localhost:5000", server.host), str(DOC), "exec"), namespace)


def test_the_doc_has_the_three_examples() -> None:
    examples = _examples()
    assert len(examples) == 3
    assert "http.client" in examples[0] and "httpx.AsyncClient" in examples[1] and "Upload.start" in examples[2]
    assert all(len(example.strip().splitlines()) <= 45 for example in examples)


def test_http_client_pull_and_push(server: RegistryServer, capsys: pytest.CaptureFixture[str]) -> None:
    pull, _, push = _examples()
    namespace: dict[str, object] = {"__name__": "docs_example"}
    _run(pull, server, namespace)
    assert "verified" in capsys.readouterr().out
    _run(push, server, namespace)
    up = namespace["up"]
    assert getattr(up, "committed", False)


def test_httpx_async_pull(server: RegistryServer, capsys: pytest.CaptureFixture[str]) -> None:
    _run(_examples()[1], server, {"__name__": "docs_example"})
    out = capsys.readouterr().out
    assert out.count("verified") == 1 and "sha256:" in out
