"""Fuzz the registry's header readers: Link, Range, Content-Length, Retry-After, Docker-Content-Digest, URLs.

Each gives a value or an OCIError; a parsed digest reads back; a next-page
URL, when there is one, stays on the request's origin; a resolved URL is
absolute.
"""

from __future__ import annotations

from _harness import instrumented, main, refused_or, string_seeds, text

with instrumented():
    from oci_core import http, registry, upload

BASE = "https://registry.example/v2/a/b/tags/list?n=10"


def test_one_input(data: bytes) -> None:
    value = text(data)
    refused_or(lambda: registry.parse_link(value))
    refused_or(lambda: upload.parse_range(value))
    length = refused_or(lambda: registry.parse_content_length(value))
    assert length is None or (isinstance(length, int) and length >= 0)
    refused_or(lambda: registry.parse_retry_after(value, now=1_700_000_000.0))
    found = refused_or(lambda: registry.parse_docker_content_digest(value))
    if found is not None:
        assert registry.parse_docker_content_digest(str(found)) == found
    following = refused_or(lambda: registry.next_page_url(value, BASE))
    if isinstance(following, str):
        assert http.same_origin(following, BASE), following
    resolved = refused_or(lambda: http.resolve_url(BASE, value))
    if isinstance(resolved, str):
        assert resolved.startswith(("https://", "http://")), resolved


if __name__ == "__main__":
    main(test_one_input, string_seeds)
