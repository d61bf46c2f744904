"""oci_core.upload: the state machine fed scripted registry answers."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from oci_core import errors
from oci_core.descriptor import describe
from oci_core.digest import compute_digest
from oci_core.http import Response
from oci_core.registry import Repository
from oci_core.upload import MAX_RESUMES, STEPS, TRANSITIONS, Upload, content_range, parse_range

REPO = Repository("https://r.example", "a/b")
BLOB = bytes(range(256)) * 40  # 10240 bytes
BLOB_DESCRIPTOR = describe(BLOB, "application/octet-stream")
UPLOADS = "https://r.example/v2/a/b/blobs/uploads/"


def _opened(location: str = "/v2/a/b/blobs/uploads/u1?_state=s1", **headers: str) -> Response:
    return Response(202, {"Location": location, "Range": "0-0", **headers})


def test_tables_agree() -> None:
    assert {step for step, _ in TRANSITIONS} <= set(STEPS)
    assert all(isinstance(status, int) and 200 <= status < 500 for _, status in TRANSITIONS)


def test_parse_range_and_content_range() -> None:
    assert parse_range("0-99") == (0, 99) and parse_range("bytes=0-99") == (0, 99) and parse_range(" 5-5 ") == (5, 5)
    for bad in ("", "0-", "-5", "bytes 0-99", "5-4", "0-99/100", "a-b", "0-" + "9" * 20):
        with pytest.raises(errors.InvalidHeaderError):
            parse_range(bad)
    assert content_range(0, 100) == "0-99"
    with pytest.raises(ValueError, match="non-empty"):
        content_range(5, 5)


def test_monolithic_upload() -> None:
    up = Upload.start(REPO, BLOB_DESCRIPTOR)
    assert (up.step, up.request.method, up.request.url, up.range) == ("post", "POST", UPLOADS, None)
    assert up.request.scopes == ("repository:a/b:pull,push",) and up.request.headers.get("Content-Length") == "0"
    up = up.receive(up.request, _opened())
    assert up.step == "put" and up.range == (0, len(BLOB)) and up.offset == 0
    put = up.request
    assert put.url == f"https://r.example/v2/a/b/blobs/uploads/u1?_state=s1&digest=sha256%3A{BLOB_DESCRIPTOR.digest.encoded}"
    assert put.body is None and put.body_length == len(BLOB)
    assert put.headers.get("Content-Type") == "application/octet-stream"
    assert put.headers.get("Content-Length") == str(len(BLOB))
    done = up.receive(put, Response(201, {"Docker-Content-Digest": str(BLOB_DESCRIPTOR.digest),
                                          "Location": f"/v2/a/b/blobs/{BLOB_DESCRIPTOR.digest}"}))
    assert done.committed and done.done and not done.failed and done.offset == len(BLOB)
    assert done.location == f"https://r.example/v2/a/b/blobs/{BLOB_DESCRIPTOR.digest}"
    with pytest.raises(errors.LocalProtocolError):
        _ = done.request
    with pytest.raises(errors.LocalProtocolError):
        done.receive(put, Response(201))


def _drive(up: Upload, answer: object, steps: int = 100) -> tuple[Upload, list[tuple[str, tuple[int, int] | None]]]:
    """Feed ``answer(up)`` to ``up`` until done; the (method, range) of every request."""
    seen: list[tuple[str, tuple[int, int] | None]] = []
    for _ in range(steps):
        if up.done:
            break
        seen.append((up.request.method, up.range))
        up = up.receive(up.request, answer(up))  # type: ignore[operator]
    return up, seen


def _registry(range_style: str = "plain", ecr: bool = False, min_chunk: int | None = None) -> object:
    """A well-behaved registry that stores whatever arrives in order."""

    def answer(up: Upload) -> Response:
        request = up.request
        if request.method == "POST":
            extra = {"OCI-Chunk-Min-Length": str(min_chunk)} if min_chunk else {}
            return _opened(**extra)
        if request.method == "PATCH":
            _, end = up.range or (0, 0)
            headers = {"Location": f"/v2/a/b/blobs/uploads/u1?_state=after{end}"}
            if range_style == "plain":
                headers["Range"] = f"0-{end - 1}"
            elif range_style == "bytes":
                headers["Range"] = f"bytes=0-{end - 1}"
            return Response(201 if ecr else 202, headers)
        if request.method == "PUT":
            assert "digest=" in request.url and "_state=" in request.url
            return Response(201, {"Docker-Content-Digest": str(up.digest)})
        raise AssertionError(request.method)

    return answer


@pytest.mark.parametrize("range_style", ["plain", "bytes", "absent"])
@pytest.mark.parametrize("ecr", [False, True])
def test_chunked_upload(range_style: str, ecr: bool) -> None:
    up, seen = _drive(Upload.start(REPO, BLOB_DESCRIPTOR, chunk_size=4096), _registry(range_style, ecr))
    assert up.committed, up.error
    assert seen == [("POST", None), ("PATCH", (0, 4096)), ("PATCH", (4096, 8192)), ("PATCH", (8192, 10240)),
                    ("PUT", None)]


def test_patch_headers_and_latest_location() -> None:
    up = Upload.start(REPO, BLOB_DESCRIPTOR, chunk_size=4096).receive(
        Upload.start(REPO, BLOB_DESCRIPTOR, chunk_size=4096).request, _opened()
    )
    patch = up.request
    assert patch.method == "PATCH" and patch.url == "https://r.example/v2/a/b/blobs/uploads/u1?_state=s1"
    assert patch.headers.get("Content-Range") == "0-4095" and patch.headers.get("Content-Length") == "4096"
    elsewhere = {"Location": "https://other.example:5000/up/u1?_state=s2", "Range": "0-4095"}
    moved = up.receive(patch, Response(202, elsewhere))
    assert moved.request.url == "https://other.example:5000/up/u1?_state=s2"
    kept = moved.receive(moved.request, Response(202, {"Range": "0-8191"}))  # no Location: keep the last
    assert kept.location == "https://other.example:5000/up/u1?_state=s2" and kept.offset == 8192


def test_chunk_min_length_raises_the_chunk_size() -> None:
    up, seen = _drive(Upload.start(REPO, BLOB_DESCRIPTOR, chunk_size=1000), _registry(min_chunk=6000))
    assert up.committed and seen[1:] == [("PATCH", (0, 6000)), ("PATCH", (6000, 10240)), ("PUT", None)]


def test_registry_that_keeps_less_than_was_sent_gets_the_rest_again() -> None:
    up = Upload.start(REPO, BLOB_DESCRIPTOR, chunk_size=4096)
    up = up.receive(up.request, _opened())
    up = up.receive(up.request, Response(202, {"Range": "0-999"}))
    assert up.offset == 1000 and up.range == (1000, 5096)


def test_registry_that_confirms_more_than_was_sent_fails() -> None:
    up = Upload.start(REPO, BLOB_DESCRIPTOR, chunk_size=4096)
    up = up.receive(up.request, _opened())
    failed = up.receive(up.request, Response(202, {"Range": "0-5000"}))
    assert failed.failed and isinstance(failed.error, errors.RemoteProtocolError)
    for bad in ("garbage", "5-10"):
        assert up.receive(up.request, Response(202, {"Range": bad})).failed


def test_416_asks_the_status_and_resumes_from_end_plus_one() -> None:
    up = Upload.start(REPO, BLOB_DESCRIPTOR, chunk_size=4096)
    up = up.receive(up.request, _opened())
    up = up.receive(up.request, Response(202, {"Range": "0-4095"}))
    refused = up.receive(up.request, Response(416, {"Location": "/v2/a/b/blobs/uploads/u1?_state=s9"}))
    assert refused.step == "status" and refused.request.method == "GET" and refused.resumes == 1
    assert refused.request.url == "https://r.example/v2/a/b/blobs/uploads/u1?_state=s9"
    resumed = refused.receive(refused.request, Response(204, {"Range": "0-6143", "Location": "/u?_state=s10"}))
    assert resumed.step == "patch" and resumed.offset == 6144 and resumed.range == (6144, 10240)
    assert resumed.location == "https://r.example/u?_state=s10"


def test_repeated_416_fails_after_max_resumes() -> None:
    up = Upload.start(REPO, BLOB_DESCRIPTOR, chunk_size=4096)
    up = up.receive(up.request, _opened())
    for _ in range(MAX_RESUMES):
        up = up.receive(up.request, Response(416))
        assert up.step == "status"
        up = up.receive(up.request, Response(204, {"Range": "0-0"}))
    final = up.receive(up.request, Response(416))
    assert final.failed and "refused" in str(final.error)


def test_status_range_forms() -> None:
    up = Upload.start(REPO, BLOB_DESCRIPTOR, chunk_size=4096)
    up = up.receive(up.request, _opened()).resume()
    assert up.step == "status"
    assert up.receive(up.request, Response(204)).offset == 0
    assert up.receive(up.request, Response(204, {"Range": "0-0"})).offset == 0
    assert up.receive(up.request, Response(204, {"Range": "bytes=0-99"})).offset == 100
    assert up.receive(up.request, Response(204, {"Range": f"0-{len(BLOB)}"})).failed
    assert up.receive(up.request, Response(404, (), b'{"errors":[{"code":"BLOB_UPLOAD_UNKNOWN"}]}')).failed


def test_put_with_a_wrong_digest_fails() -> None:
    up = Upload.start(REPO, BLOB_DESCRIPTOR)
    up = up.receive(up.request, _opened())
    wrong = up.receive(up.request, Response(201, {"Docker-Content-Digest": str(compute_digest(b"x"))}))
    assert wrong.failed and isinstance(wrong.error, errors.DigestMismatchError)
    sha512 = str(compute_digest(b"x", "sha512"))
    other_algorithm = up.receive(up.request, Response(201, {"Docker-Content-Digest": sha512}))
    assert other_algorithm.committed  # not comparable: the registry's own check stands
    malformed = up.receive(up.request, Response(201, {"Docker-Content-Digest": "nope"}))
    assert malformed.failed and isinstance(malformed.error, errors.RemoteProtocolError)


@pytest.mark.parametrize(
    "answer",
    [
        Response(202),
        Response(202, {"Location": ""}),
        Response(202, [("Location", "/a"), ("Location", "/b")]),
        Response(202, {"Location": "https://u:p@evil.example/x"}),
        Response(202, {"Location": "ftp://x/"}),
    ],
)
def test_post_without_a_usable_location_fails(answer: Response) -> None:
    up = Upload.start(REPO, BLOB_DESCRIPTOR)
    failed = up.receive(up.request, answer)
    assert failed.failed and isinstance(failed.error, errors.RemoteProtocolError)
    assert failed.previous == "post"


def test_error_statuses_fail_with_the_registry_error() -> None:
    up = Upload.start(REPO, BLOB_DESCRIPTOR)
    failed = up.receive(up.request, Response(503, {"Retry-After": "7"}, b"busy"))
    assert failed.failed and isinstance(failed.error, errors.RegistryError)
    assert failed.error.temporary and failed.error.retry_after == 7.0
    again = failed.resume()  # never opened: starts again
    assert again.step == "post" and again.error is None
    denied = up.receive(up.request, Response(401, {"WWW-Authenticate": 'Bearer realm="x"'}))
    assert isinstance(denied.error, errors.UnauthorizedError)


def test_single_post() -> None:
    up = Upload.start(REPO, BLOB_DESCRIPTOR, single_post=True)
    request = up.request
    assert request.method == "POST" and up.range == (0, len(BLOB)) and request.body_length == len(BLOB)
    assert request.url == f"{UPLOADS}?digest=sha256%3A{BLOB_DESCRIPTOR.digest.encoded}"
    assert up.receive(request, Response(201, {"Location": f"/v2/a/b/blobs/{BLOB_DESCRIPTOR.digest}"})).committed
    opened = up.receive(request, _opened())
    assert opened.step == "put" and opened.range == (0, len(BLOB))
    with pytest.raises(ValueError, match="mount"):
        Upload.start(REPO, BLOB_DESCRIPTOR, single_post=True, mount_from="c")


def test_mount() -> None:
    up = Upload.start(REPO, BLOB_DESCRIPTOR, mount_from="other/repo")
    request = up.request
    assert request.url == f"{UPLOADS}?mount=sha256%3A{BLOB_DESCRIPTOR.digest.encoded}&from=other%2Frepo"
    assert request.scopes == ("repository:a/b:pull,push", "repository:other/repo:pull")
    assert up.receive(request, Response(201, {"Location": "/v2/a/b/blobs/x"})).committed
    opened = up.receive(request, _opened())
    assert opened.step == "put" and opened.location is not None
    fallback = up.receive(request, Response(401, {"WWW-Authenticate": "Bearer"}))
    assert fallback.step == "post" and fallback.mount_from is None and fallback.request.url == UPLOADS
    without_from = Upload.start(REPO, BLOB_DESCRIPTOR, mount=True)
    assert without_from.request.url == f"{UPLOADS}?mount=sha256%3A{BLOB_DESCRIPTOR.digest.encoded}"
    assert without_from.request.scopes == ("repository:a/b:pull,push",)
    with pytest.raises(errors.InvalidReferenceError):
        Upload.start(REPO, BLOB_DESCRIPTOR, mount_from="Not A Repo")


def test_cancel_resume_restart() -> None:
    up = Upload.start(REPO, BLOB_DESCRIPTOR, chunk_size=4096)
    assert up.cancel().step == "cancelled"  # never opened: nothing to tell the registry
    opened = up.receive(up.request, _opened())
    cancelling = opened.cancel()
    assert cancelling.request.method == "DELETE" and cancelling.request.url.endswith("u1?_state=s1")
    assert cancelling.receive(cancelling.request, Response(204)).step == "cancelled"
    restarted = opened.restart()
    assert (restarted.step, restarted.location, restarted.offset) == ("post", None, 0)
    committed = dataclasses.replace(opened, step="committed")
    for misuse in (committed.cancel, committed.resume, committed.restart):
        with pytest.raises(errors.LocalProtocolError):
            misuse()


def test_misuse_is_a_local_protocol_error() -> None:
    up = Upload.start(REPO, BLOB_DESCRIPTOR)
    opened = up.receive(up.request, _opened())
    with pytest.raises(errors.LocalProtocolError):
        opened.receive(up.request, Response(202))  # the POST again, answered after the upload moved on
    assert not issubclass(errors.LocalProtocolError, errors.OCIError)
    with pytest.raises(TypeError):
        opened.receive(opened.request, "201")  # type: ignore[arg-type]


def test_an_upload_persists_and_resumes_from_its_value() -> None:
    up = Upload.start(REPO, BLOB_DESCRIPTOR, chunk_size=4096, headers={"User-Agent": "t"})
    up = up.receive(up.request, _opened())
    up = up.receive(up.request, Response(202, {"Range": "0-4095"}))
    kept = pickle.loads(pickle.dumps(up))
    assert kept == up and kept.request == up.request and kept.request.headers.get("User-Agent") == "t"
    done, _ = _drive(kept.resume(), lambda u: (Response(204, {"Range": "0-4095"}) if u.step == "status"
                                               else _registry()(u)))  # type: ignore[operator]
    assert done.committed


def test_empty_blob() -> None:
    empty = describe(b"", "application/octet-stream")
    for chunk_size in (None, 10):
        up, seen = _drive(Upload.start(REPO, empty, chunk_size=chunk_size), _registry())
        assert up.committed and seen == [("POST", None), ("PUT", None)]
        assert up.previous == "put"


def test_constructor_checks() -> None:
    with pytest.raises(ValueError, match="offset"):
        Upload(REPO, BLOB_DESCRIPTOR.digest, 10, "patch", offset=11)
    with pytest.raises(ValueError, match="step"):
        Upload(REPO, BLOB_DESCRIPTOR.digest, 10, "dancing")
    with pytest.raises(ValueError, match="chunk_size"):
        Upload(REPO, BLOB_DESCRIPTOR.digest, 10, "post", chunk_size=0)
    with pytest.raises(TypeError):
        Upload("https://r.example", BLOB_DESCRIPTOR.digest, 10, "post")  # type: ignore[arg-type]
    with pytest.raises(errors.InvalidDigestError):
        Upload(REPO, "sha256:nope", 10, "post")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Upload.start(REPO, BLOB)  # type: ignore[arg-type]
    assert "a/b" in repr(Upload.start(REPO, BLOB_DESCRIPTOR))


def test_credentials_never_follow_a_location_to_another_origin() -> None:
    up = Upload.start(REPO, BLOB_DESCRIPTOR, chunk_size=4096, headers={"Authorization": "Bearer t", "User-Agent": "u"})
    assert up.request.headers.get("Authorization") == "Bearer t"
    same = up.receive(up.request, _opened())
    assert same.request.headers.get("Authorization") == "Bearer t"
    away = up.receive(up.request, _opened("https://storage.example/upload/1?sig=x"))
    for later in (away, away.resume(), away.cancel(), dataclasses.replace(away, step="put")):
        assert "Authorization" not in later.request.headers
        assert later.request.headers.get("User-Agent") == "u"
