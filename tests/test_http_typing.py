"""Static types of oci_core.http's public API (checked by mypy --strict; run as a test too)."""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type

from oci_core.http import Headers, Origin, Request, Response, follow_redirect, origin, resolve_url, same_origin


def test_types() -> None:
    h = Headers({"Accept": "a/b"})
    assert_type(h.get("accept"), str | None)
    assert_type(h.get_all("accept"), tuple[str, ...])
    assert_type(h.with_field("A", "b"), Headers)
    assert_type(h.with_added("A", "b"), Headers)
    assert_type(h.without("A"), Headers)
    assert_type(list(h), list[tuple[str, str]])
    r = Request("GET", "https://r.example/", h, scopes=["repository:a:pull"])
    assert_type(r.headers, Headers)
    assert_type(r.body, bytes | None)
    assert_type(r.content_length, int | None)
    assert_type(r.scopes, tuple[str, ...])
    response = Response(307, [("Location", "/x")])
    assert_type(response.status, int)
    assert_type(response.body, bytes)
    assert_type(follow_redirect(r, response), Request)
    assert_type(origin(r.url), Origin)
    assert_type(resolve_url(r.url, "/y"), str)
    assert_type(same_origin(r.url, "https://r.example/y"), bool)
