"""oci_core.registry: builders, header parsers and readers, without a network."""

from __future__ import annotations

import calendar
import pickle

import pytest

from oci_core import errors, registry
from oci_core.descriptor import Descriptor, describe
from oci_core.digest import Digest, DigestVerifier, compute_digest
from oci_core.http import Headers, Request, Response
from oci_core.manifest import build_image_index
from oci_core.mediatypes import OCI_IMAGE_INDEX, OCI_IMAGE_MANIFEST
from oci_core.reference import parse_normalized_reference, parse_reference
from oci_core.registry import Repository

REPO = Repository("https://r.example", "library/alpine")
SHA = Digest("sha256:" + "a" * 64)
MANIFEST = (
    b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",'
    b'"config":{"mediaType":"application/vnd.oci.image.config.v1+json",'
    b'"digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},'
    b'"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip",'
    b'"digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2}]}'
)
MANIFEST_DIGEST = compute_digest(MANIFEST)


# -- Repository ---------------------------------------------------------------------------------


def test_repository() -> None:
    assert Repository("http://localhost:5000/", "a/b") == Repository("http://localhost:5000", "a/b")
    assert Repository("https://h.example/prefix/", "a").base == "https://h.example/prefix/v2/"
    assert REPO.scope("pull,push") == "repository:library/alpine:pull,push"
    for name in ("", "A", "a//b", "a/", "-a", "a" * 256, "a:b", "é"):
        with pytest.raises(errors.InvalidReferenceError):
            Repository("https://r.example", name)
    for root in ("r.example", "ftp://r.example", "https://u:p@r.example", "https://r.example/?q=1"):
        with pytest.raises(errors.InvalidURLError):
            Repository(root, "a")
    with pytest.raises(TypeError):
        Repository("https://r.example", 1)  # type: ignore[arg-type]
    assert pickle.loads(pickle.dumps(REPO)) == REPO


def test_repository_from_reference() -> None:
    hub = Repository.from_reference(parse_normalized_reference("alpine"))
    assert (hub.root, hub.name) == ("https://registry-1.docker.io", "library/alpine")
    local = Repository.from_reference(parse_reference("localhost:5000/x/y:v1"))
    assert (local.root, local.name) == ("http://localhost:5000", "x/y")
    assert Repository.from_reference(parse_reference("localhost:5000/x"), scheme="https").root.startswith("https:")
    with pytest.raises(ValueError, match="scheme"):
        Repository.from_reference(parse_reference("localhost:5000/x"), scheme="ftp")


# -- builders ------------------------------------------------------------------------------------------


def test_get_manifest_defaults() -> None:
    request = registry.get_manifest(REPO, "3.20")
    assert request.method == "GET" and request.body is None
    assert request.url == "https://r.example/v2/library/alpine/manifests/3.20"
    accept = request.headers.get("Accept") or ""
    assert accept.split(", ") == list(registry.DEFAULT_ACCEPT)
    assert "prettyjws" not in accept and "manifest.v1+json" not in accept.replace("image.manifest.v1", "")
    assert request.headers.get("Accept-Encoding") == "identity"
    assert request.scopes == ("repository:library/alpine:pull",)
    by_digest = registry.get_manifest(REPO, str(SHA))
    assert by_digest.url.endswith(f"/manifests/{SHA}")


def test_builders_take_the_callers_headers() -> None:
    request = registry.get_manifest(REPO, "v1", headers={"Authorization": "Bearer t", "Accept": "x/y"})
    assert request.headers.get("Authorization") == "Bearer t"
    assert request.headers.get_all("Accept") == ("x/y",)  # the caller's replaces ours
    assert "Bearer t" not in repr(request)
    custom = registry.get_manifest(REPO, "v1", accept=registry.accept_header([OCI_IMAGE_MANIFEST]))
    assert custom.headers.get("Accept") == OCI_IMAGE_MANIFEST
    with pytest.raises(errors.InvalidHeaderError):
        registry.get_manifest(REPO, "v1", accept="a\r\nb")


@pytest.mark.parametrize("reference", ["", "-bad", "a" * 129, "tag with space", "sha256:abc", "UPPER:x"])
def test_bad_references(reference: str) -> None:
    with pytest.raises(errors.OCIError):
        registry.get_manifest(REPO, reference)


def test_accept_header() -> None:
    assert registry.accept_header() == ", ".join(registry.DEFAULT_ACCEPT)
    for bad in (["application/vnd.docker.distribution.manifest.v1+prettyjws"], [], ["not a type"]):
        with pytest.raises(ValueError, match=r"schema1|media type") as info:
            registry.accept_header(bad)
        assert not isinstance(info.value, errors.OCIError)
    with pytest.raises(TypeError):
        registry.accept_header(OCI_IMAGE_MANIFEST)


def test_other_builders() -> None:
    head = registry.head_manifest(REPO, "v1")
    assert head.method == "HEAD" and head.headers.get("Accept") is not None
    put = registry.put_manifest(REPO, "v1", MANIFEST, OCI_IMAGE_MANIFEST)
    assert put.method == "PUT" and put.body == MANIFEST and put.headers.get("Content-Type") == OCI_IMAGE_MANIFEST
    assert put.headers.get("Content-Length") == str(len(MANIFEST))
    assert put.scopes == ("repository:library/alpine:pull,push",)
    tagged = registry.put_manifest(REPO, MANIFEST_DIGEST, MANIFEST, OCI_IMAGE_MANIFEST, tags=["a", "b"])
    assert tagged.url.endswith(f"/manifests/{MANIFEST_DIGEST}?tag=a&tag=b")
    with pytest.raises(errors.InvalidReferenceError):
        registry.put_manifest(REPO, "v1", MANIFEST, OCI_IMAGE_MANIFEST, tags=["a"])
    with pytest.raises(TypeError):
        registry.put_manifest(REPO, "v1", "text", OCI_IMAGE_MANIFEST)  # type: ignore[arg-type]
    assert registry.delete_manifest(REPO, "v1").scopes == ("repository:library/alpine:delete",)
    blob = registry.get_blob(REPO, SHA)
    assert blob.url == f"https://r.example/v2/library/alpine/blobs/{SHA}" and "Range" not in blob.headers
    assert registry.get_blob(REPO, SHA, offset=100).headers.get("Range") == "bytes=100-"
    with pytest.raises(ValueError, match="offset"):
        registry.get_blob(REPO, SHA, offset=-1)
    assert registry.head_blob(REPO, SHA).method == "HEAD"
    assert registry.delete_blob(REPO, SHA).method == "DELETE"
    assert registry.list_tags(REPO).url.endswith("/tags/list")
    assert registry.list_tags(REPO, last="a b").url.endswith("/tags/list?last=a+b")
    catalog = registry.list_catalog("https://r.example", n=10)
    assert catalog.url == "https://r.example/v2/_catalog?n=10" and catalog.scopes == ("registry:catalog:*",)
    assert registry.check_api("https://r.example/").url == "https://r.example/v2/"
    referrers = registry.get_referrers(REPO, SHA)
    assert referrers.headers.get("Accept") == OCI_IMAGE_INDEX
    fallback = registry.get_referrers_fallback(REPO, "sha256-" + "a" * 64)
    assert fallback.headers.get("Accept") == OCI_IMAGE_INDEX
    assert registry.put_referrers_fallback(REPO, "sha256-" + "a" * 64, b"{}").headers.get("Content-Type") == (
        OCI_IMAGE_INDEX
    )


def test_foreign_blob_never_carries_credentials() -> None:
    layer = describe(b"x", "application/vnd.oci.image.layer.nondistributable.v1.tar",
                     urls=("https://cdn.example/x", "http://mirror.example/x"))
    for index in range(2):
        request = registry.get_foreign_blob(layer, index)
        assert "Authorization" not in request.headers and request.scopes == ()
    with pytest.raises(IndexError):
        registry.get_foreign_blob(layer, 2)
    odd = describe(b"x", "application/octet-stream", urls=("ftp://old.example/x",))
    with pytest.raises(errors.InvalidURLError):
        registry.get_foreign_blob(odd)


# -- header parsers ------------------------------------------------------------------------------------


def test_parse_content_length() -> None:
    assert registry.parse_content_length("0") == 0
    assert registry.parse_content_length(" 12 ") == 12
    assert registry.parse_content_length("12, 12") == 12
    for bad in ("", "-1", "1.0", "1_000", "١٢", "12, 13", "+1", "9" * 20, "0x10"):
        with pytest.raises(errors.InvalidHeaderError):
            registry.parse_content_length(bad)


def test_parse_docker_content_digest() -> None:
    assert registry.parse_docker_content_digest(f" {SHA} ") == SHA
    for bad in ("", "sha256:abc", "md5:" + "a" * 32, f"{SHA}, {SHA}", "SHA256:" + "a" * 64):
        with pytest.raises(errors.InvalidHeaderError):
            registry.parse_docker_content_digest(bad)


def test_parse_retry_after() -> None:
    now = float(calendar.timegm((2026, 1, 1, 0, 0, 0, 0, 0, 0)))
    assert registry.parse_retry_after("0", now=now) == 0.0
    assert registry.parse_retry_after("3600", now=now) == 3600.0
    assert registry.parse_retry_after("Thu, 01 Jan 2026 00:00:30 GMT", now=now) == 30.0
    assert registry.parse_retry_after("Thursday, 01-Jan-26 00:01:00 GMT", now=now) == 60.0
    assert registry.parse_retry_after("Thu Jan  1 00:00:10 2026", now=now) == 10.0
    assert registry.parse_retry_after("Wed, 31 Dec 2025 00:00:00 GMT", now=now) == 0.0  # in the past
    for bad in ("", "-5", "1.5", "soon", "Thu, 01 Jan 2026 25:00:00 GMT", "Thu, 32 Jan 2026 00:00:00 GMT",
                "Thu, 01 Foo 2026 00:00:00 GMT", "x" * 10_000):
        with pytest.raises(errors.InvalidHeaderError):
            registry.parse_retry_after(bad, now=now)


def test_parse_link() -> None:
    links = registry.parse_link('</a?n=1>; rel="next", <https://x/b>; rel=prev; title="a \\"q\\"", ,<c>')
    assert links == (
        registry.Link("/a?n=1", ("next",), ()),
        registry.Link("https://x/b", ("prev",), (("title", 'a "q"'),)),
        registry.Link("c", (), ()),
    )
    assert registry.parse_link('<a>; REL="Next Last"; rel=other')[0].rel == ("next", "last")
    assert registry.parse_link("") == ()
    for bad in ("a", "<a", '<a>; ="x"', "<a> junk", '<a>; rel="unterminated'):
        with pytest.raises(errors.InvalidHeaderError):
            registry.parse_link(bad)


def test_next_page_url() -> None:
    url = "https://r.example/v2/_catalog?n=2"
    assert registry.next_page_url('</v2/_catalog?last=b&n=2>; rel="next"', url) == (
        "https://r.example/v2/_catalog?last=b&n=2"
    )
    assert registry.next_page_url("<https://r.example:443/v2/x>; rel=next", url) == "https://r.example:443/v2/x"
    assert registry.next_page_url('</v2/_catalog?last=b>; rel="prev"', url) is None
    assert registry.next_page_url("", url) is None
    with pytest.raises(errors.RemoteProtocolError, match="origin"):
        registry.next_page_url('<https://evil.example/v2/_catalog>; rel="next"', url)
    with pytest.raises(errors.RemoteProtocolError):
        registry.next_page_url('<http://r.example/v2/_catalog>; rel="next"', url)  # another scheme
    with pytest.raises(errors.RemoteProtocolError):
        registry.next_page_url('<https://u:p@r.example/x>; rel="next"', url)


# -- read_error -------------------------------------------------------------------------------------------


def _error(status: int, body: bytes = b"", headers: object = (), now: float | None = None) -> errors.RegistryError:
    return registry.read_error(registry.get_manifest(REPO, "v1"), Response(status, headers, body), now=now)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("body", "codes", "detail"),
    [
        (b'{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}', ("MANIFEST_UNKNOWN",), None),
        (b'{"errors":[{"code":"NAME_UNKNOWN","message":"m","detail":null}]}', ("NAME_UNKNOWN",), None),
        (b'{"errors":[{"code":"DENIED","message":"m","detail":"text"}]}', ("DENIED",), "text"),
        (b'{"errors":[{"code":"X","message":"m","detail":{"a":[1,{"b":2}]}}]}', ("X",), {"a": (1, {"b": 2})}),
        (b'{"errors":[{"code":"X","detail":[1,2]}]}', ("X",), (1, 2)),
        (b'{"errors":[{"code":"A"},{"code":"B","message":"b"}]}', ("A", "B"), None),
        (b'{"errors":[{"message":"no code"},42,{"code":7}]}', (), None),
        (b'{"errors":"nope"}', (), None),
        (b'{"details":"incorrect username or password"}', (), None),
        (b"404 page not found\n", (), None),
        (b"<html><body>Bad gateway</body></html>", (), None),
        (b"\xff\xfe not utf-8", (), None),
        (b'{"errors":[{"code":"A"}], "errors":[]}', (), None),  # duplicate keys: not strict JSON
        (b"", (), None),
    ],
)
def test_read_error_accepts_any_body(body: bytes, codes: tuple[str, ...], detail: object) -> None:
    error = _error(404, body)
    assert isinstance(error, errors.NotFoundError) and error.status == 404
    assert error.codes == codes and error.body == body
    if codes:
        assert error.errors[0].detail == detail
    assert str(error).startswith("GET https://r.example/v2/library/alpine/manifests/v1: 404 Not Found")
    assert "\n" not in str(error)


def test_read_error_messages() -> None:
    assert "incorrect username or password" in str(_error(401, b'{"details":"incorrect username or password"}'))
    assert "(an HTML page)" in str(_error(502, b"<html>" + b"x" * 5000))
    spec = _error(404, b'{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}')
    assert str(spec).endswith(": manifest unknown: manifest unknown")


@pytest.mark.parametrize(
    ("status", "cls"),
    [(401, errors.UnauthorizedError), (403, errors.DeniedError), (404, errors.NotFoundError),
     (405, errors.UnsupportedOperationError), (429, errors.TooManyRequestsError), (400, errors.RegistryError),
     (500, errors.RegistryError), (599, errors.RegistryError)],
)
def test_read_error_classes(status: int, cls: type[errors.RegistryError]) -> None:
    error = _error(status)
    assert type(error) is cls and isinstance(error, errors.OCIError)


def test_read_error_temporary_retry_after_rate_limit_challenges() -> None:
    assert _error(503).temporary and _error(429).temporary and _error(408).temporary
    assert not _error(404).temporary and not _error(400).temporary
    assert _error(400, b'{"errors":[{"code":"TOOMANYREQUESTS"}]}').temporary
    assert _error(400, b'{"errors":[{"code":"BLOB_UPLOAD_INVALID"}]}').temporary
    limited = _error(429, b"", {"Retry-After": "120", "RateLimit-Limit": "100;w=21600",
                                "RateLimit-Remaining": "0;w=21600", "RateLimit-Reset": "30"})
    assert limited.retry_after == 120.0
    assert limited.rate_limit == registry.RateLimit(limit=100, remaining=0, window=21600, reset=30)
    legacy = _error(429, b"", {"X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "bad"})
    assert legacy.rate_limit == registry.RateLimit(limit=60)
    assert _error(429).rate_limit is None and _error(429).retry_after is None
    now = float(calendar.timegm((2026, 1, 1, 0, 0, 0, 0, 0, 0)))
    dated = {"Retry-After": "Thu, 01 Jan 2026 00:00:45 GMT"}
    assert _error(503, b"", dated, now=now).retry_after == 45.0
    assert _error(503, b"", dated).retry_after is None  # no clock, no date arithmetic
    assert _error(503, b"", {"Retry-After": "whenever"}).retry_after is None
    challenged = _error(401, b"", [("WWW-Authenticate", 'Bearer realm="a"'), ("WWW-Authenticate", "Basic")])
    assert challenged.challenges == ('Bearer realm="a"', "Basic")


def test_read_error_caps_the_body() -> None:
    big = b'{"errors":[{"code":"X"}]}' + b" " * (registry.MAX_ERROR_SIZE + 10)
    error = _error(500, big)
    assert len(error.body) == registry.MAX_ERROR_SIZE and error.codes == ()
    assert len(registry.read_error(registry.get_manifest(REPO, "v1"), Response(500, (), big), max_size=10).body) == 10


def test_registry_error_pickles() -> None:
    error = _error(429, b'{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down","detail":{"a":1}}]}',
                   {"Retry-After": "5"})
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is errors.TooManyRequestsError and again.codes == error.codes
    assert again.retry_after == 5.0 and again.errors == error.errors and str(again) == str(error)


# -- manifests -------------------------------------------------------------------------------------------


def _manifest_response(headers: dict[str, str] | None = None, body: bytes = MANIFEST) -> Response:
    fields = {"Content-Type": OCI_IMAGE_MANIFEST, "Content-Length": str(len(body)), **(headers or {})}
    return Response(200, fields, body)


def test_read_manifest_by_tag_and_digest() -> None:
    got = registry.read_manifest(registry.get_manifest(REPO, "v1"), _manifest_response())
    assert got.raw == MANIFEST and got.digest == MANIFEST_DIGEST and got.media_type == OCI_IMAGE_MANIFEST
    assert got.size == len(MANIFEST) and got.descriptor() == Descriptor(OCI_IMAGE_MANIFEST, MANIFEST_DIGEST, got.size)
    assert got.parse().digest == MANIFEST_DIGEST
    request = registry.get_manifest(REPO, MANIFEST_DIGEST)
    assert registry.read_manifest(request, _manifest_response()).digest == MANIFEST_DIGEST
    header = _manifest_response({"Docker-Content-Digest": str(MANIFEST_DIGEST)})
    assert registry.read_manifest(request, header).digest == MANIFEST_DIGEST
    sha512 = compute_digest(MANIFEST, "sha512")
    both = _manifest_response({"Docker-Content-Digest": str(sha512)})
    assert registry.read_manifest(request, both).digest == MANIFEST_DIGEST  # the requested one
    by_tag = registry.read_manifest(registry.get_manifest(REPO, "v1"), both)
    assert by_tag.digest == sha512
    by_sha512 = registry.read_manifest(registry.get_manifest(REPO, sha512), _manifest_response())
    assert by_sha512.digest == sha512


def test_read_manifest_refuses_wrong_digests() -> None:
    other = compute_digest(b"other")
    with pytest.raises(errors.DigestMismatchError):
        registry.read_manifest(registry.get_manifest(REPO, other), _manifest_response())
    with pytest.raises(errors.DigestMismatchError):
        registry.read_manifest(
            registry.get_manifest(REPO, "v1"), _manifest_response({"Docker-Content-Digest": str(other)})
        )
    opted_out = registry.read_manifest(
        registry.get_manifest(REPO, "v1"), _manifest_response({"Docker-Content-Digest": str(other)}),
        check_digest_header=False,
    )
    assert opted_out.digest == MANIFEST_DIGEST
    with pytest.raises(errors.DigestMismatchError):  # the requested digest is checked even so
        registry.read_manifest(registry.get_manifest(REPO, other), _manifest_response(), check_digest_header=False)
    with pytest.raises(errors.DigestMismatchError):  # redirected: the caller names the digest
        registry.read_manifest(Request("GET", "https://cdn.example/x"), _manifest_response(), digest=other)
    for bad in ("sha256:zz", "x", f"{MANIFEST_DIGEST},{MANIFEST_DIGEST}"):
        with pytest.raises(errors.RemoteProtocolError):
            registry.read_manifest(
                registry.get_manifest(REPO, "v1"), _manifest_response({"Docker-Content-Digest": bad})
            )
    twice = Response(200, [("Docker-Content-Digest", str(MANIFEST_DIGEST))] * 2, MANIFEST)
    with pytest.raises(errors.RemoteProtocolError):
        registry.read_manifest(registry.get_manifest(REPO, "v1"), twice)


def test_read_manifest_caps() -> None:
    request = registry.get_manifest(REPO, "v1")
    with pytest.raises(errors.BodyTooLargeError):
        registry.read_manifest(request, Response(200, {"Content-Length": str(registry.MAX_MANIFEST_SIZE + 1)}))
    with pytest.raises(errors.BodyTooLargeError):
        registry.read_manifest(request, _manifest_response(), max_size=10)
    with pytest.raises(errors.BodyTooLargeError):
        registry.read_manifest(request, Response(200, {"Content-Type": OCI_IMAGE_MANIFEST}, b" " * 11), max_size=10)
    with pytest.raises(errors.RemoteProtocolError, match="Content-Length"):
        registry.read_manifest(request, Response(200, {"Content-Length": "5"}, MANIFEST))
    with pytest.raises(errors.RemoteProtocolError):
        registry.read_manifest(request, Response(200, {"Content-Length": "five"}, MANIFEST))


def test_read_manifest_media_type() -> None:
    request = registry.get_manifest(REPO, "v1")
    typed = Response(200, {"Content-Type": OCI_IMAGE_MANIFEST + "; charset=utf-8"}, MANIFEST)
    with_params = registry.read_manifest(request, typed)
    assert with_params.media_type == OCI_IMAGE_MANIFEST
    assert registry.read_manifest(request, Response(200, (), MANIFEST)).media_type == OCI_IMAGE_MANIFEST
    with pytest.raises(errors.RemoteProtocolError):
        registry.read_manifest(request, Response(200, (), b"{}"))
    mismatch = registry.read_manifest(request, Response(200, {"Content-Type": OCI_IMAGE_INDEX}, MANIFEST))
    with pytest.raises(errors.MediaTypeMismatchError):
        mismatch.parse()


def test_read_manifest_errors_and_misuse() -> None:
    with pytest.raises(errors.NotFoundError):
        registry.read_manifest(registry.get_manifest(REPO, "v1"), Response(404, (), b"{}"))
    with pytest.raises(errors.RegistryError):
        registry.read_manifest(registry.get_manifest(REPO, "v1"), Response(302, {"Location": "/x"}))
    with pytest.raises(TypeError):
        registry.read_manifest("GET", Response(200))  # type: ignore[arg-type]


def test_read_manifest_head_and_put() -> None:
    request = registry.head_manifest(REPO, "v1")
    head = registry.read_manifest_head(request, Response(200, {"Docker-Content-Digest": str(MANIFEST_DIGEST),
                                                               "Content-Type": OCI_IMAGE_MANIFEST,
                                                               "Content-Length": "414"}))
    assert head == registry.ManifestHead(MANIFEST_DIGEST, OCI_IMAGE_MANIFEST, 414)
    assert registry.read_manifest_head(request, Response(200)) == registry.ManifestHead(None, None, None)
    by_digest = registry.head_manifest(REPO, MANIFEST_DIGEST)
    with pytest.raises(errors.DigestMismatchError):
        registry.read_manifest_head(by_digest, Response(200, {"Docker-Content-Digest": str(SHA)}))
    put = registry.put_manifest(REPO, "v1", MANIFEST, OCI_IMAGE_MANIFEST)
    location = f"/v2/library/alpine/manifests/{MANIFEST_DIGEST}"
    answer = registry.read_manifest_put(put, Response(201, {"Location": location,
                                                            "Docker-Content-Digest": str(MANIFEST_DIGEST),
                                                            "OCI-Subject": str(SHA)}))
    assert answer.digest == MANIFEST_DIGEST and answer.subject == SHA
    assert answer.location == f"https://r.example/v2/library/alpine/manifests/{MANIFEST_DIGEST}"
    assert registry.read_manifest_put(put, Response(201)).digest == MANIFEST_DIGEST
    with pytest.raises(errors.DigestMismatchError):
        registry.read_manifest_put(put, Response(201, {"Docker-Content-Digest": str(SHA)}))
    with pytest.raises(errors.RemoteProtocolError):
        registry.read_manifest_put(put, Response(201, {"OCI-Subject": "nope"}))
    with pytest.raises(errors.RegistryError) as info:
        registry.read_manifest_put(put, Response(400, (), b'{"errors":[{"code":"MANIFEST_INVALID"}]}'))
    assert info.value.codes == ("MANIFEST_INVALID",)
    registry.read_deleted(registry.delete_manifest(REPO, "v1"), Response(202))
    with pytest.raises(errors.UnsupportedOperationError):
        registry.read_deleted(registry.delete_manifest(REPO, "v1"), Response(405))


def test_body_limit() -> None:
    assert registry.body_limit(Response(200, {"Content-Length": "10"})) == 10
    assert registry.body_limit(Response(200)) == registry.MAX_MANIFEST_SIZE + 1
    assert registry.body_limit(Response(500, {"Content-Length": "999999999"})) == registry.MAX_ERROR_SIZE + 1
    with pytest.raises(errors.BodyTooLargeError):
        registry.body_limit(Response(200, {"Content-Length": str(registry.MAX_MANIFEST_SIZE + 1)}))
    assert registry.body_limit(Response(200, {"Content-Length": "100"}), max_size=100) == 100


# -- blobs ---------------------------------------------------------------------------------------------------


BLOB = b"0123456789" * 10
BLOB_DESCRIPTOR = describe(BLOB, "application/octet-stream")


def test_read_blob_whole() -> None:
    request = registry.get_blob(REPO, BLOB_DESCRIPTOR.digest)
    stream = registry.read_blob(request, Response(200, {"Content-Length": "100",
                                                        "Docker-Content-Digest": str(BLOB_DESCRIPTOR.digest)}),
                                BLOB_DESCRIPTOR)
    assert (stream.skip, stream.offset, stream.length) == (0, 0, 100)
    stream.verifier.update(BLOB)
    stream.verifier.verify()
    by_digest = registry.read_blob(request, Response(200), BLOB_DESCRIPTOR.digest)
    by_digest.verifier.update(BLOB)
    by_digest.verifier.verify()


def test_read_blob_stops_at_the_first_byte_past_the_size() -> None:
    request = registry.get_blob(REPO, BLOB_DESCRIPTOR.digest)
    stream = registry.read_blob(request, Response(200), BLOB_DESCRIPTOR)
    stream.verifier.update(BLOB)
    with pytest.raises(errors.SizeMismatchError):
        stream.verifier.update(b"!")


def test_read_blob_checks_headers_before_the_body() -> None:
    request = registry.get_blob(REPO, BLOB_DESCRIPTOR.digest)
    with pytest.raises(errors.SizeMismatchError):
        registry.read_blob(request, Response(200, {"Content-Length": "101"}), BLOB_DESCRIPTOR)
    with pytest.raises(errors.DigestMismatchError):
        registry.read_blob(request, Response(200, {"Docker-Content-Digest": str(SHA)}), BLOB_DESCRIPTOR)
    assert registry.read_blob(request, Response(200, {"Docker-Content-Digest": str(SHA)}), BLOB_DESCRIPTOR,
                              check_digest_header=False).skip == 0
    with pytest.raises(errors.NotFoundError):
        registry.read_blob(request, Response(404, (), b'{"errors":[{"code":"BLOB_UNKNOWN"}]}'), BLOB_DESCRIPTOR)


def test_read_blob_resume() -> None:
    verifier = DigestVerifier(BLOB_DESCRIPTOR.digest, BLOB_DESCRIPTOR.size)
    verifier.update(BLOB[:40])
    request = registry.get_blob(REPO, BLOB_DESCRIPTOR.digest, offset=40)
    partial = Response(206, {"Content-Range": "bytes 40-99/100", "Content-Length": "60"}, BLOB[40:])
    stream = registry.read_blob(request, partial, BLOB_DESCRIPTOR, verifier=verifier, offset=40)
    assert (stream.skip, stream.offset) == (0, 40) and stream.verifier is verifier
    stream.verifier.update(partial.body)
    stream.verifier.verify()
    # The registry ignored Range and sent everything: skip what the caller has.
    again = DigestVerifier(BLOB_DESCRIPTOR.digest, BLOB_DESCRIPTOR.size)
    again.update(BLOB[:40])
    whole = registry.read_blob(request, Response(200, {"Content-Length": "100"}, BLOB), BLOB_DESCRIPTOR,
                               verifier=again, offset=40)
    assert whole.skip == 40
    again.update(BLOB[whole.skip :])
    again.verify()
    for bad in ("bytes 41-99/100", "bytes 40-100/101", "40-99/100", "bytes 40-30/100"):
        with pytest.raises((errors.RemoteProtocolError, errors.SizeMismatchError)):
            registry.read_blob(request, Response(206, {"Content-Range": bad}), BLOB_DESCRIPTOR,
                               verifier=DigestVerifier(BLOB_DESCRIPTOR.digest), offset=40)
    with pytest.raises(errors.RemoteProtocolError):
        registry.read_blob(request, Response(206), BLOB_DESCRIPTOR, verifier=DigestVerifier(BLOB_DESCRIPTOR.digest),
                           offset=40)
    with pytest.raises(ValueError, match="verifier"):
        registry.read_blob(request, partial, BLOB_DESCRIPTOR, offset=40)
    with pytest.raises(ValueError, match="checks"):
        registry.read_blob(request, partial, BLOB_DESCRIPTOR, verifier=DigestVerifier(SHA), offset=40)


def test_read_blob_head() -> None:
    request = registry.head_blob(REPO, BLOB_DESCRIPTOR.digest)
    head = registry.read_blob_head(request, Response(200, {"Content-Length": "100"}))
    assert head == registry.BlobHead(100, BLOB_DESCRIPTOR.digest)
    with pytest.raises(errors.DigestMismatchError):
        registry.read_blob_head(request, Response(200, {"Docker-Content-Digest": str(SHA)}))


# -- listings -------------------------------------------------------------------------------------------------


def test_read_tags_and_catalog() -> None:
    request = registry.list_tags(REPO, n=2)
    page = registry.read_tags(request, Response(200, {"Link": '</v2/library/alpine/tags/list?n=2&last=b>; rel="next"'},
                                                b'{"name":"library/alpine","tags":["a","b"]}'))
    assert page == registry.Tags("library/alpine", ("a", "b"), "https://r.example/v2/library/alpine/tags/list?n=2&last=b")
    assert registry.read_tags(request, Response(200, (), b'{"name":"x","tags":null}')).tags == ()
    for bad in (b"[]", b'{"tags":[]}', b'{"name":"x","tags":[1]}', b'{"name":"x","tags":"a"}', b"nope"):
        with pytest.raises(errors.RemoteProtocolError):
            registry.read_tags(request, Response(200, (), bad))
    catalog = registry.read_catalog(registry.list_catalog("https://r.example"),
                                    Response(200, (), b'{"repositories":["a","b/c"]}'))
    assert catalog == registry.Catalog(("a", "b/c"), None)
    evil = Response(200, {"Link": "<https://evil.example/>; rel=next"}, b'{"name":"x","tags":[]}')
    with pytest.raises(errors.RemoteProtocolError):
        registry.read_tags(request, evil)
    with pytest.raises(errors.BodyTooLargeError):
        registry.read_tags(request, Response(200, (), b'{"name":"x","tags":[]}'), max_size=5)


def _page(tags: list[str], next_url: str | None = None) -> Response:
    import json

    headers = {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
    return Response(200, headers, json.dumps({"name": "library/alpine", "tags": tags}).encode())


def test_listing_follows_stops_and_refuses_misuse() -> None:
    listing = registry.Listing.start(registry.list_tags(REPO, n=1, headers={"Authorization": "Bearer t"}))
    first = listing.request
    assert first is not None
    listing, items = listing.receive(first, _page(["a"], "/v2/library/alpine/tags/list?n=1&last=a"))
    assert items == ("a",) and listing.request is not None and listing.pages == 1
    assert listing.request.headers.get("Authorization") == "Bearer t"  # same origin, kept
    with pytest.raises(errors.LocalProtocolError):
        listing.receive(first, _page(["a"]))  # the old request
    looping = listing.receive(listing.request, _page(["b"], "/v2/library/alpine/tags/list?n=1&last=a"))[0]
    assert looping.done and looping.looped
    looped_to_start = listing.receive(listing.request, _page(["b"], first.url))[0]
    assert looped_to_start.looped
    done, items = listing.receive(listing.request, _page(["b"]))
    assert done.done and items == ("b",) and not done.truncated
    with pytest.raises(errors.LocalProtocolError):
        done.receive(first, _page([]))
    capped = registry.Listing.start(registry.list_tags(REPO), max_pages=1)
    assert capped.request is not None
    assert capped.receive(capped.request, _page(["a"], "/next"))[0].truncated
    with pytest.raises(ValueError, match="tags list or catalog"):
        registry.Listing.start(registry.get_manifest(REPO, "v1"))
    with pytest.raises(ValueError, match="max_pages"):
        registry.Listing.start(registry.list_tags(REPO), max_pages=0)
    fresh = registry.Listing.start(registry.list_tags(REPO))
    assert fresh.request is not None
    with pytest.raises(errors.NotFoundError):
        fresh.receive(fresh.request, Response(404))


# -- referrers ------------------------------------------------------------------------------------------------


def _referrers_body(*descriptors: Descriptor) -> bytes:
    return build_image_index(descriptors)[0]


SIGNATURE = Descriptor(OCI_IMAGE_MANIFEST, compute_digest(b"sig"), 3, artifact_type="application/vnd.example.sig")
SBOM = Descriptor(OCI_IMAGE_MANIFEST, compute_digest(b"sbom"), 4, artifact_type="application/vnd.example.sbom")


def test_read_referrers() -> None:
    request = registry.get_referrers(REPO, SHA)
    both = Response(200, {"Content-Type": OCI_IMAGE_INDEX}, _referrers_body(SIGNATURE, SBOM))
    assert registry.read_referrers(request, both).descriptors == (SIGNATURE, SBOM)
    filtered_request = registry.get_referrers(REPO, SHA, artifact_type="application/vnd.example.sig")
    here = registry.read_referrers(filtered_request, both)
    assert here.descriptors == (SIGNATURE,) and not here.filtered_by_registry
    applied = Response(200, {"OCI-Filters-Applied": "artifactType"}, _referrers_body(SIGNATURE))
    there = registry.read_referrers(filtered_request, applied)
    assert there.descriptors == (SIGNATURE,) and there.filtered_by_registry and not there.fallback
    with pytest.raises(errors.RemoteProtocolError):
        registry.read_referrers(request, Response(200, (), MANIFEST))


@pytest.mark.parametrize("body", [b"404 page not found", b"", b'{"errors":[{"code":"MANIFEST_UNKNOWN"}]}', b"<html/>"])
def test_referrers_404_means_fallback(body: bytes) -> None:
    answer = registry.read_referrers(registry.get_referrers(REPO, SHA), Response(404, (), body))
    assert answer.fallback and answer.descriptors == ()


def test_referrers_name_unknown_is_an_error() -> None:
    with pytest.raises(errors.NotFoundError) as info:
        registry.read_referrers(registry.get_referrers(REPO, SHA),
                                Response(404, (), b'{"errors":[{"code":"NAME_UNKNOWN","message":"x"}]}'))
    assert info.value.codes == ("NAME_UNKNOWN",)


def test_read_referrers_fallback() -> None:
    request = registry.get_referrers_fallback(REPO, "sha256-" + "a" * 64)
    assert registry.read_referrers_fallback(request, Response(404)).descriptors == ()
    body = _referrers_body(SIGNATURE, SBOM)
    found = registry.read_referrers_fallback(request, Response(200, {"Content-Type": OCI_IMAGE_INDEX}, body))
    assert found.descriptors == (SIGNATURE, SBOM) and not found.fallback
    only = registry.read_referrers_fallback(request, Response(200, {"Content-Type": OCI_IMAGE_INDEX}, body),
                                            artifact_type="application/vnd.example.sbom")
    assert only.descriptors == (SBOM,)
    with pytest.raises(errors.RegistryError):
        registry.read_referrers_fallback(request, Response(500))


# -- API check and routes ---------------------------------------------------------------------------------------


def test_read_api_check() -> None:
    request = registry.check_api("https://r.example")
    ok = registry.read_api_check(request, Response(200, {"Docker-Distribution-API-Version": "registry/2.0"}))
    assert ok == registry.ApiCheck(True, 200, (), "registry/2.0")
    with pytest.raises(errors.NotFoundError):
        registry.read_api_check(request, Response(404, (), b"not a registry"))


def test_match_route_extra_cases() -> None:
    assert registry.match_route("/v2/_catalog") == registry.Route("catalog")
    assert registry.match_route("/v2/a/referrers/sha256:abc") == registry.Route("referrers", "a", digest="sha256:abc")
    assert registry.match_route("/v3/") is None and registry.match_route("/v2/A/tags/list") is None
    assert registry.match_route("/v2/a/tags/list?n=1") == registry.Route("tags", "a")


def test_error_codes_table() -> None:
    assert registry.ERROR_CODES["MANIFEST_UNKNOWN"].status == 404
    assert all(code.code == key for key, code in registry.ERROR_CODES.items())
    assert str(registry.ErrorDetail("BLOB_UPLOAD_UNKNOWN", "x")) == "blob upload unknown: x"
    headers = registry.get_manifest(REPO, "v1").headers
    assert Headers(headers) is headers  # already a value: no copy
