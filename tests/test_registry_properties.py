"""Properties of oci_core.registry and oci_core.upload on arbitrary input.

* every header parser (Link, Range, Content-Range via read_blob, Retry-After,
  Docker-Content-Digest, Content-Length, Location via the upload) gives a value
  or an OCIError, in linear time;
* no request built from arbitrary responses carries Authorization to an
  origin other than the registry's;
* pagination never goes past its cap;
* an upload fed arbitrary answers ends committed, failed, or asking for a
  valid next request.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from oci_core import errors, registry, upload
from oci_core.descriptor import describe
from oci_core.digest import DigestVerifier
from oci_core.http import Response, origin
from oci_core.registry import Repository

from .hostile import assert_linear

REPO = Repository("https://r.example", "a/b")
BLOB = bytes(range(200))
BLOB_DESCRIPTOR = describe(BLOB, "application/octet-stream")
DIGEST_TEXT = str(BLOB_DESCRIPTOR.digest)

# Text that looks like what the fields hold, mixed with anything at all.
FIELD_ALPHABET = st.sampled_from([*"<>;,=\"\\ \t-:/?&#.0123456789abcdefnrxtsGMTbytes*", "rel", "next", "sha256:"])
FIELDISH = st.lists(FIELD_ALPHABET, max_size=30).map("".join)
ANY_TEXT = st.one_of(FIELDISH, st.text(max_size=60))


@given(ANY_TEXT)
def test_link(text: str) -> None:
    try:
        links = registry.parse_link(text)
    except errors.OCIError:
        return
    assert all(isinstance(link.target, str) and all(rel == rel.lower() for rel in link.rel) for link in links)


@given(ANY_TEXT, st.sampled_from(["https://r.example/v2/_catalog", "http://localhost:5000/v2/a/tags/list?n=1"]))
def test_next_page_url(text: str, base: str) -> None:
    try:
        url = registry.next_page_url(text, base)
    except errors.OCIError:
        return
    assert url is None or origin(url) == origin(base)


@given(ANY_TEXT)
def test_range(text: str) -> None:
    try:
        start, end = upload.parse_range(text)
    except errors.OCIError:
        return
    assert 0 <= start <= end


@given(ANY_TEXT, st.floats(min_value=0, max_value=4e9, allow_nan=False))
def test_retry_after(text: str, now: float) -> None:
    try:
        seconds = registry.parse_retry_after(text, now=now)
    except errors.OCIError:
        return
    assert seconds >= 0


@given(st.one_of(ANY_TEXT, st.just(DIGEST_TEXT), st.just(DIGEST_TEXT + " ")))
def test_docker_content_digest(text: str) -> None:
    try:
        digest = registry.parse_docker_content_digest(text)
    except errors.OCIError:
        return
    assert str(digest) == text.strip(" \t")


@given(ANY_TEXT)
def test_content_length(text: str) -> None:
    try:
        length = registry.parse_content_length(text)
    except errors.OCIError:
        return
    assert length >= 0


HEADER_NAMES = st.sampled_from(["Content-Range", "Content-Length", "Docker-Content-Digest", "Link", "Retry-After",
                                "Location", "Range", "Content-Type", "WWW-Authenticate", "RateLimit-Limit",
                                "OCI-Filters-Applied", "OCI-Chunk-Min-Length", "OCI-Subject"])
HEADER_VALUES = st.one_of(FIELDISH, st.just(DIGEST_TEXT), st.sampled_from(["bytes 0-199/200", "bytes 10-199/200", "200",
                                                                            "0-99", "/v2/a/b/blobs/uploads/x?_state=1",
                                                                            "https://elsewhere.example/u"]))
HEADERS = st.lists(st.tuples(HEADER_NAMES, HEADER_VALUES), max_size=6)
STATUSES = st.sampled_from([200, 201, 202, 204, 206, 301, 307, 400, 401, 403, 404, 405, 416, 429, 500, 503])
BODIES = st.one_of(st.binary(max_size=40), st.sampled_from([
    b'{"errors":[{"code":"NAME_UNKNOWN"}]}', b'{"name":"a/b","tags":["x"]}', b'{"repositories":[]}',
    b'{"schemaVersion":2,"manifests":[]}', BLOB, b'{"errors":[{"code":1,"detail":[{"a":null}]}]}',
]))


def _response(status: int, headers: list[tuple[str, str]], body: bytes) -> Response | None:
    try:
        return Response(status, headers, body)
    except errors.OCIError:
        return None  # a header the Headers value refuses (a control character)


@given(STATUSES, HEADERS, BODIES)
def test_readers_give_a_value_or_an_oci_error(status: int, headers: list[tuple[str, str]], body: bytes) -> None:
    response = _response(status, headers, body)
    if response is None:
        return
    calls: list[Callable[[], object]] = [
        lambda: registry.read_manifest(registry.get_manifest(REPO, "v1"), response),
        lambda: registry.read_manifest_head(registry.head_manifest(REPO, BLOB_DESCRIPTOR.digest), response),
        lambda: registry.read_manifest_put(registry.put_manifest(REPO, "v1", b"{}", "a/b"), response),
        lambda: registry.read_blob(registry.get_blob(REPO, BLOB_DESCRIPTOR.digest), response, BLOB_DESCRIPTOR),
        lambda: registry.read_blob(registry.get_blob(REPO, BLOB_DESCRIPTOR.digest, offset=10), response,
                                   BLOB_DESCRIPTOR, verifier=DigestVerifier(BLOB_DESCRIPTOR.digest, 200), offset=10),
        lambda: registry.read_blob_head(registry.head_blob(REPO, BLOB_DESCRIPTOR.digest), response),
        lambda: registry.read_tags(registry.list_tags(REPO), response),
        lambda: registry.read_catalog(registry.list_catalog(REPO.root), response),
        lambda: registry.read_referrers(registry.get_referrers(REPO, BLOB_DESCRIPTOR.digest), response),
        lambda: registry.read_referrers_fallback(registry.get_referrers_fallback(REPO, "t"), response),
        lambda: registry.read_api_check(registry.check_api(REPO.root), response),
        lambda: registry.read_deleted(registry.delete_blob(REPO, BLOB_DESCRIPTOR.digest), response),
        lambda: registry.body_limit(response),
    ]
    for call in calls:
        try:
            call()
        except errors.OCIError:
            pass
    error = registry.read_error(registry.get_manifest(REPO, "v1"), response, now=1e9)
    assert isinstance(error, errors.RegistryError) and error.status == status and len(error.body) <= len(body)


@given(st.lists(st.tuples(STATUSES, HEADERS, BODIES), max_size=25),
       st.sampled_from([None, 64, 150]), st.booleans(), st.sampled_from([None, "c/d"]))
def test_an_upload_ends_or_asks_for_a_valid_request(
    answers: list[tuple[int, list[tuple[str, str]], bytes]], chunk_size: int | None, single: bool, mount: str | None
) -> None:
    up = upload.Upload.start(REPO, BLOB_DESCRIPTOR, chunk_size=chunk_size, single_post=single and mount is None,
                             mount_from=mount, headers={"Authorization": "Bearer secret"})
    home = origin(REPO.root)
    for status, headers, body in answers:
        if up.done:
            break
        request = up.request
        if "Authorization" in request.headers:
            assert origin(request.url) == home
        chunk = up.range
        if chunk is not None:
            assert 0 <= chunk[0] < chunk[1] <= len(BLOB) and request.body_length == chunk[1] - chunk[0]
        response = _response(status, headers, body)
        if response is None:
            continue
        up = up.receive(request, response)
    assert up.committed or up.failed or up.step == "cancelled" or up.request.url.startswith(("http://", "https://"))
    if up.failed:
        assert isinstance(up.error, errors.OCIError)
    if not up.done:
        resumed = up.resume()
        assert not resumed.done and resumed.request.method in ("GET", "POST")


@given(st.lists(st.tuples(HEADERS, st.lists(st.sampled_from(["a", "b", "c"]), max_size=3)), max_size=30),
       st.integers(min_value=1, max_value=8))
def test_pagination_never_passes_its_cap(pages: list[tuple[list[tuple[str, str]], list[str]]], cap: int) -> None:
    import json

    listing = registry.Listing.start(registry.list_tags(REPO, n=2, headers={"Authorization": "Bearer t"}),
                                     max_pages=cap)
    fetched = 0
    for headers, tags in pages:
        if listing.request is None:
            break
        assert origin(listing.request.url) == origin(REPO.root)
        response = _response(200, headers, json.dumps({"name": "a/b", "tags": tags}).encode())
        if response is None:
            continue
        try:
            listing, _ = listing.receive(listing.request, response)
        except errors.OCIError:
            break
        fetched += 1
        assert listing.pages == fetched <= cap
    assert listing.pages <= cap


def test_header_parsers_are_linear_on_hostile_megabytes() -> None:
    megabyte = 1 << 20
    hostile = [
        "<" + "a" * megabyte,
        "<a>;" * (megabyte // 4),
        '<a>; rel="' + "\\x" * (megabyte // 2),
        "<a>," * (megabyte // 4),
        "0" * megabyte + "-1",
        "bytes=" + "9" * megabyte,
        "sha256:" + "a" * megabyte,
        "Thu, 01 Jan 2026 " + "0" * megabyte,
        " " * megabyte + "1",
        ",".join(["5"] * (megabyte // 2)),
    ]
    parsers: list[Callable[[str], object]] = [
        registry.parse_link,
        upload.parse_range,
        registry.parse_docker_content_digest,
        registry.parse_content_length,
        lambda text: registry.parse_retry_after(text, now=0.0),
        lambda text: registry.next_page_url(text, "https://r.example/v2/_catalog"),
    ]
    for parser in parsers:
        for text in hostile:
            assert_linear(parser, text)
