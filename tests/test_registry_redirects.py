"""The loopback redirect test: credentials never follow a blob GET's redirect to another origin.

A stub registry (tests/redirect_stub.py, its own process on two free ports of
127.0.0.1) answers blob GETs with a 307 to its second port, which records the
Authorization it receives. Through follow_redirect, for every driver, none
arrives there.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from oci_core import errors, registry
from oci_core.descriptor import Descriptor
from oci_core.digest import compute_digest
from oci_core.http import Request, follow_redirect, is_redirect
from tests.http_drivers import DRIVERS, Driver, exchange
from tests.redirect_stub import BLOB, Stub, start_stub


@pytest.fixture(scope="module")
def stub() -> Iterator[Stub]:
    with start_stub() as running:
        yield running


@pytest.fixture(params=sorted(DRIVERS))
def driver(request: pytest.FixtureRequest) -> Iterator[Driver]:
    made = DRIVERS[request.param]()
    yield made
    made.close()


def _seen(driver: Driver, stub: Stub) -> list[str | None]:
    response = driver.send(Request("GET", f"{stub.store}/seen"))
    seen: list[str | None] = json.loads(response.body)
    return seen


@pytest.mark.parametrize("same_origin_first", [False, True])
def test_authorization_never_reaches_the_redirect_target(stub: Stub, driver: Driver, same_origin_first: bool) -> None:
    descriptor = Descriptor("application/octet-stream", compute_digest(BLOB), len(BLOB))
    repo = registry.Repository(stub.root, "a/b")
    request = registry.get_blob(repo, descriptor.digest, headers={"Authorization": "Bearer top-secret"})
    if same_origin_first:
        request = Request(request.method, request.url + "?same=1", request.headers, scopes=request.scopes)
    before = len(_seen(driver, stub))
    hops: list[Request] = []
    current = request
    while True:
        response = driver.send(current, limit=-1)
        if not is_redirect(response):
            break
        current = follow_redirect(current, response)
        hops.append(current)
    assert response.status == 200 and response.body == BLOB
    stream = registry.read_blob(current, response, descriptor)
    stream.verifier.update(response.body)
    stream.verifier.verify()
    if same_origin_first:
        # the same-origin hop keeps the credential; the cross-origin hop drops it
        assert hops[0].headers.get("Authorization") == "Bearer top-secret"
    assert hops[-1].url.startswith(stub.store) and "Authorization" not in hops[-1].headers
    assert hops[-1].headers.get("Accept-Encoding") == "identity"
    seen = _seen(driver, stub)
    assert len(seen) == before + 1 and seen[-1] is None


def test_exchange_helper_does_the_same(stub: Stub, driver: Driver) -> None:
    repo = registry.Repository(stub.root, "c")
    request = registry.get_blob(repo, compute_digest(BLOB), headers={"Authorization": "Basic dTpw"})
    final, response = exchange(driver, request, limit=-1)
    assert response.body == BLOB and "Authorization" not in final.headers
    assert _seen(driver, stub)[-1] is None


def test_a_redirect_loop_stops_after_ten_hops(stub: Stub, driver: Driver) -> None:
    request = Request("GET", f"{stub.root}/loop/0", {"Authorization": "Bearer t"})
    with pytest.raises(errors.RedirectError, match="10 redirects"):
        exchange(driver, request)
