"""The library against a real registry (docker-registry 2.8, the CNCF distribution registry).

The same flows and assertions run through each of the three drivers
(http.client, urllib with redirects off, httpx). The registry runs on
127.0.0.1 at a free port; the tests skip when docker-registry is missing,
and fail instead under OCI_CORE_REQUIRE_TOOLS=1 (CI).
"""

from __future__ import annotations

import dataclasses
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from oci_core import errors, partial, registry
from oci_core.descriptor import describe
from oci_core.digest import compute_digest
from oci_core.http import Request
from oci_core.manifest import ImageManifest, build_image_manifest, parse_image_index, parse_manifest
from oci_core.mediatypes import (
    DOCKER_MANIFEST_LIST,
    DOCKER_MANIFEST_SCHEMA2,
    OCI_EMPTY_JSON,
    OCI_IMAGE_INDEX,
    OCI_IMAGE_MANIFEST,
)
from oci_core.upload import Upload
from tests.http_drivers import DRIVERS, Driver
from tests.registry_flows import Flows, SmallImage, make_image
from tests.registry_server import RegistryServer, basic_authorization, htpasswd_auth, start_registry


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RegistryServer]:
    with start_registry(tmp_path_factory.mktemp("plain")) as server:
        yield server


@pytest.fixture(scope="module")
def protected(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RegistryServer]:
    directory = tmp_path_factory.mktemp("htpasswd")
    with start_registry(directory, auth=htpasswd_auth(directory)) as server:
        yield server


@pytest.fixture(params=sorted(DRIVERS))
def driver(request: pytest.FixtureRequest) -> Iterator[Driver]:
    made = DRIVERS[request.param]()
    yield made
    made.close()


@pytest.fixture
def flows(driver: Driver, plain: RegistryServer) -> Flows:
    return Flows(driver, plain.root)


@pytest.fixture
def image() -> SmallImage:
    return make_image()


def _name(driver: Driver, what: str) -> str:
    return f"{what}/{driver.name.replace('.', '-')}"


# -- end-1 -------------------------------------------------------------------------------------------


def test_api_check(flows: Flows, protected: RegistryServer) -> None:
    request = registry.check_api(flows.root)
    check = registry.read_api_check(*flows.send(request))
    assert check.authorized and check.status == 200 and check.api_version == "registry/2.0"
    request = registry.check_api(protected.root)
    check = registry.read_api_check(*flows.send(request))
    assert not check.authorized and check.status == 401
    assert check.challenges == ('Basic realm="oci-core-test"',)
    request = registry.check_api(protected.root, headers={"Authorization": basic_authorization()})
    assert registry.read_api_check(*flows.send(request)).authorized


# -- pushing and pulling ---------------------------------------------------------------------------------


def test_monolithic_push_then_pull_by_tag_and_digest(flows: Flows, driver: Driver, image: SmallImage) -> None:
    name = _name(driver, "mono")
    put = flows.push_image(name, "v1", image)
    assert put.digest == image.manifest_descriptor.digest
    assert put.location is not None and put.location.startswith(flows.root)
    by_tag = flows.pull_manifest(name, "v1")
    assert by_tag.raw == image.manifest and by_tag.digest == image.manifest_descriptor.digest
    assert by_tag.media_type == OCI_IMAGE_MANIFEST
    parsed = by_tag.parse()
    assert isinstance(parsed, ImageManifest) and parsed.layers == (image.layer_descriptor,)
    by_digest = flows.pull_manifest(name, image.manifest_descriptor.digest)
    assert by_digest == by_tag
    assert flows.pull_blob(name, image.layer_descriptor) == image.layer
    assert flows.pull_blob(name, image.config_descriptor) == image.config


@pytest.mark.parametrize(
    "accept",
    [
        None,
        registry.accept_header([OCI_IMAGE_MANIFEST]),
        registry.accept_header([OCI_IMAGE_INDEX, OCI_IMAGE_MANIFEST]),
        registry.accept_header([OCI_IMAGE_MANIFEST, DOCKER_MANIFEST_SCHEMA2]),
    ],
)
def test_pull_under_accept_sets(flows: Flows, driver: Driver, image: SmallImage, accept: str | None) -> None:
    name = _name(driver, "accept")
    flows.push_image(name, "v1", image)
    got = flows.pull_manifest(name, "v1", accept=accept)
    assert got.raw == image.manifest and got.media_type == OCI_IMAGE_MANIFEST


def test_pull_refused_when_accept_excludes_the_manifest(flows: Flows, driver: Driver, image: SmallImage) -> None:
    name = _name(driver, "accept-refused")
    flows.push_image(name, "v1", image)
    with pytest.raises(errors.RegistryError) as info:
        flows.pull_manifest(name, "v1", accept=registry.accept_header([DOCKER_MANIFEST_SCHEMA2, DOCKER_MANIFEST_LIST]))
    assert info.value.status in (400, 404) and info.value.codes == ("MANIFEST_UNKNOWN",)


def test_head_manifest_and_blob(flows: Flows, driver: Driver, image: SmallImage) -> None:
    name = _name(driver, "head")
    flows.push_image(name, "v1", image)
    head = flows.head_manifest(name, "v1")
    assert head.digest == image.manifest_descriptor.digest
    assert head.size == len(image.manifest) and head.media_type == OCI_IMAGE_MANIFEST
    request = registry.head_blob(flows.repo(name), image.layer_descriptor.digest)
    blob = registry.read_blob_head(*flows.send(request))
    assert blob.size == image.layer_descriptor.size and blob.digest == image.layer_descriptor.digest
    missing = registry.head_blob(flows.repo(name), compute_digest(b"not here"))
    with pytest.raises(errors.NotFoundError):
        registry.read_blob_head(*flows.send(missing))


def test_chunked_push(flows: Flows, driver: Driver) -> None:
    name = _name(driver, "chunked")
    blob = os.urandom(10_000)
    descriptor = describe(blob, "application/octet-stream")
    up = flows.push_blob(name, blob, descriptor, chunk_size=3_000)
    assert up.committed and up.offset == len(blob)
    assert flows.pull_blob(name, descriptor) == blob


def test_single_post_push(flows: Flows, driver: Driver) -> None:
    name = _name(driver, "single-post")
    blob = os.urandom(2_000)
    descriptor = describe(blob, "application/octet-stream")
    up = Upload.start(flows.repo(name), descriptor, single_post=True)
    assert up.request.method == "POST" and up.range == (0, len(blob)) and "digest=" in up.request.url
    first = up.receive(up.request, flows.send(up.request, blob)[1])
    # distribution 2.8 does not store a blob sent with the POST: it answers 202 and opens an upload.
    assert first.step in ("committed", "put")
    up = flows.upload(first, blob)
    assert up.committed
    assert flows.pull_blob(name, descriptor) == blob


def test_empty_blob_push(flows: Flows, driver: Driver) -> None:
    name = _name(driver, "empty")
    descriptor = describe(b"", "application/octet-stream")
    for options in ({}, {"chunk_size": 100}):
        assert flows.push_blob(name, b"", descriptor, **options).committed
    assert flows.pull_blob(name, descriptor) == b""


def _interrupt_patch(request: Request, data: bytes) -> None:
    """Send a PATCH's headers and ``data`` (less than it announces), then end the body early.

    The socket's sending side is shut and its answer read to the end, so the
    registry has finished with the cut-off request before the test goes on
    (no race with the next request on the same upload).
    """
    parts = urlsplit(request.url)
    assert parts.hostname is not None and parts.port is not None
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as conn:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        head = f"{request.method} {target} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n"
        head += "".join(f"{name}: {value}\r\n" for name, value in request.headers)
        conn.sendall(head.encode("latin-1") + b"\r\n" + data)
        conn.shutdown(socket.SHUT_WR)
        for _ in range(1000):  # bounded: the registry answers and closes
            try:
                if not conn.recv(65536):
                    break
            except OSError:
                break


def _first_steps(flows: Flows, up: Upload, blob: bytes, count: int) -> Upload:
    for _ in range(count):
        request = up.request
        start, end = up.range or (0, 0)
        up = up.receive(request, flows.send(request, blob[start:end] if up.range else None)[1])
    return up


def test_chunked_push_resumes_after_an_interrupted_chunk(flows: Flows, driver: Driver) -> None:
    name = _name(driver, "resume")
    blob = os.urandom(9_000)
    descriptor = describe(blob, "application/octet-stream")
    up = _first_steps(flows, Upload.start(flows.repo(name), descriptor, chunk_size=3_000), blob, 2)
    assert up.step == "patch" and up.offset == 3_000
    _interrupt_patch(up.request, b"")  # the connection drops before any byte of the chunk
    up = up.resume()
    assert up.step == "status" and up.request.method == "GET"
    up = up.receive(up.request, flows.send(up.request)[1])
    assert up.step == "patch" and up.offset == 3_000 and up.previous == "status"
    up = flows.upload(up, blob)
    assert up.committed, up.error
    assert flows.pull_blob(name, descriptor) == blob


def test_cut_off_chunk_cannot_resume_on_distribution_so_the_upload_restarts(flows: Flows, driver: Driver) -> None:
    name = _name(driver, "restart")
    blob = os.urandom(9_000)
    descriptor = describe(blob, "application/octet-stream")
    up = _first_steps(flows, Upload.start(flows.repo(name), descriptor, chunk_size=3_000), blob, 2)
    start, end = up.range or (0, 0)
    _interrupt_patch(up.request, blob[start : start + (end - start) // 2])  # half the chunk arrives
    status = up.resume()
    # distribution 2.8 keeps the half chunk, and then the session's _state (offset 3000) no
    # longer matches it: the status query fails.
    after = status.receive(status.request, flows.send(status.request)[1])
    assert after.failed and isinstance(after.error, errors.RegistryError)
    assert after.error.codes == ("BLOB_UPLOAD_INVALID",)
    again = after.restart()
    assert again.step == "post" and again.location is None and again.offset == 0
    done = flows.upload(again, blob)
    assert done.committed, done.error
    assert flows.pull_blob(name, descriptor) == blob


def test_chunk_sent_out_of_order_is_caught_by_the_registry_digest_check(flows: Flows, driver: Driver) -> None:
    # distribution 2.8 ignores Content-Range and appends; the PUT's digest check refuses the result.
    name = _name(driver, "out-of-order")
    blob = os.urandom(6_000)
    descriptor = describe(blob, "application/octet-stream")
    up = _first_steps(flows, Upload.start(flows.repo(name), descriptor, chunk_size=2_000), blob, 2)
    skipped = dataclasses.replace(up, offset=4_000)  # as if the caller lost track: skips a chunk
    done = flows.upload(skipped, blob)
    assert done.failed and isinstance(done.error, errors.RegistryError)
    assert done.error.codes == ("DIGEST_INVALID",) and done.previous == "put"


def test_upload_status_and_cancel(flows: Flows, driver: Driver) -> None:
    name = _name(driver, "cancel")
    blob = os.urandom(1_000)
    up = Upload.start(flows.repo(name), describe(blob, "application/octet-stream"), chunk_size=500)
    up = up.receive(up.request, flows.send(up.request)[1])
    assert up.location is not None and up.step == "patch"
    cancelling = up.cancel()
    assert cancelling.request.method == "DELETE"
    cancelled = cancelling.receive(cancelling.request, flows.send(cancelling.request)[1])
    assert cancelled.step == "cancelled" and cancelled.done
    status = up.resume()  # the old value is still valid: ask about the cancelled upload
    after = status.receive(status.request, flows.send(status.request)[1])
    assert after.failed and isinstance(after.error, errors.NotFoundError)
    assert after.error.codes == ("BLOB_UPLOAD_UNKNOWN",)


def test_mount_between_repositories(flows: Flows, driver: Driver) -> None:
    source, target = _name(driver, "mount-source"), _name(driver, "mount-target")
    blob = os.urandom(1_500)
    descriptor = describe(blob, "application/octet-stream")
    flows.push_blob(source, blob, descriptor)
    up = flows.push_blob(target, blob, descriptor, mount_from=source)
    assert up.committed and up.previous == "mount"
    with pytest.raises(errors.LocalProtocolError):
        _ = up.request
    assert flows.pull_blob(target, descriptor) == blob


def test_mount_without_from_falls_back_to_an_upload(flows: Flows, driver: Driver) -> None:
    name = _name(driver, "mount-nofrom")
    blob = os.urandom(1_200)
    descriptor = describe(blob, "application/octet-stream")
    up = Upload.start(flows.repo(name), descriptor, mount=True)
    first = up.receive(up.request, flows.send(up.request)[1])
    assert first.step == "put" and first.previous == "mount"  # 202: the registry opened an upload
    done = flows.upload(first, blob)
    assert done.committed
    assert flows.pull_blob(name, descriptor) == blob


def test_mount_from_an_unknown_repository_uploads(flows: Flows, driver: Driver) -> None:
    name = _name(driver, "mount-unknown")
    blob = os.urandom(800)
    descriptor = describe(blob, "application/octet-stream")
    up = flows.push_blob(name, blob, descriptor, mount_from="does/not/exist")
    assert up.committed
    assert flows.pull_blob(name, descriptor) == blob


# -- listings ---------------------------------------------------------------------------------------


def test_tags_paging(flows: Flows, driver: Driver, image: SmallImage) -> None:
    name = _name(driver, "tags")
    for blob, descriptor in image.blobs:
        flows.push_blob(name, blob, descriptor)
    tags = [f"t{i}" for i in range(5)]
    for tag in tags:
        flows.push_manifest(name, tag, image.manifest, OCI_IMAGE_MANIFEST)
    everything, listing = flows.list_all(registry.list_tags(flows.repo(name)))
    assert sorted(everything) == tags and listing.pages == 1
    # distribution 2.8 ignores n for tags (paging arrived in 3.0): one page, still everything.
    paged, listing = flows.list_all(registry.list_tags(flows.repo(name), n=2))
    assert sorted(paged) == tags and not listing.truncated and not listing.looped


def test_catalog_paging_through_link(flows: Flows, driver: Driver, image: SmallImage) -> None:
    names = [_name(driver, f"catalog/r{i}") for i in range(3)]
    for name in names:
        flows.push_image(name, "v1", image)
    repositories, listing = flows.list_all(registry.list_catalog(flows.root, n=2))
    assert set(names) <= set(repositories) and listing.pages >= 2
    assert len(set(repositories)) == len(repositories)  # no page repeated or skipped an entry
    capped = registry.Listing.start(registry.list_catalog(flows.root, n=1), max_pages=2)
    got: list[str] = []
    while capped.request is not None:
        request = capped.request
        capped, page = capped.receive(request, flows.send(request)[1])
        got.extend(page)
    assert len(got) == 2 and capped.truncated and capped.pages == 2


# -- deleting and errors ------------------------------------------------------------------------------


def test_delete_manifest_and_blob(flows: Flows, driver: Driver, image: SmallImage) -> None:
    name = _name(driver, "delete")
    flows.push_image(name, "v1", image)
    request = registry.delete_manifest(flows.repo(name), image.manifest_descriptor.digest)
    registry.read_deleted(*flows.send(request))
    with pytest.raises(errors.NotFoundError) as info:
        flows.pull_manifest(name, image.manifest_descriptor.digest)
    assert info.value.codes == ("MANIFEST_UNKNOWN",)
    request = registry.delete_blob(flows.repo(name), image.layer_descriptor.digest)
    registry.read_deleted(*flows.send(request))
    with pytest.raises(errors.NotFoundError) as info:
        flows.pull_blob(name, image.layer_descriptor)
    assert info.value.codes == ("BLOB_UNKNOWN",)


def test_error_bodies(flows: Flows, driver: Driver, image: SmallImage) -> None:
    name = _name(driver, "errors")
    request = registry.get_manifest(flows.repo(name), "nope")
    error = registry.read_error(*flows.send(request))
    assert isinstance(error, errors.NotFoundError) and error.status == 404
    assert error.codes in (("NAME_UNKNOWN",), ("MANIFEST_UNKNOWN",)) and not error.temporary
    assert error.body.startswith(b"{") and error.method == "GET" and error.url == request.url
    # A manifest whose blobs the registry does not have.
    put = registry.put_manifest(flows.repo(name), "v1", image.manifest, OCI_IMAGE_MANIFEST)
    with pytest.raises(errors.RegistryError) as info:
        registry.read_manifest_put(*flows.send(put))
    assert info.value.status == 400 and "MANIFEST_BLOB_UNKNOWN" in info.value.codes
    # Not JSON at all: the router's plain-text 404.
    request = registry.get_referrers(flows.repo(name), image.manifest_descriptor.digest)
    sent, response = flows.send(request)
    plain = registry.read_error(sent, response)
    assert plain.codes == () and plain.body == b"404 page not found\n" and "404 page not found" in str(plain)


# -- credentials -------------------------------------------------------------------------------------


def test_basic_auth_pull_and_push(driver: Driver, protected: RegistryServer, image: SmallImage) -> None:
    anonymous = Flows(driver, protected.root)
    name = _name(driver, "basic")
    with pytest.raises(errors.UnauthorizedError) as info:
        anonymous.push_image(name, "v1", image)
    assert info.value.challenges == ('Basic realm="oci-core-test"',) and info.value.codes == ("UNAUTHORIZED",)
    authorised = Flows(driver, protected.root, basic_authorization())
    authorised.push_image(name, "v1", image)
    assert authorised.pull_manifest(name, "v1").raw == image.manifest
    assert authorised.pull_blob(name, image.layer_descriptor) == image.layer
    with pytest.raises(errors.UnauthorizedError):
        anonymous.pull_manifest(name, "v1")
    wrong = Flows(driver, protected.root, basic_authorization(password="wrong"))
    with pytest.raises(errors.UnauthorizedError):
        wrong.pull_manifest(name, "v1")


# -- referrers through the fallback tag (2.8.2 has no referrers API) ---------------------------------------


def test_referrers_through_the_fallback_tag(flows: Flows, driver: Driver, image: SmallImage) -> None:
    name = _name(driver, "referrers")
    flows.push_image(name, "v1", image)
    subject = image.manifest_descriptor
    answer = registry.read_referrers(*flows.send(registry.get_referrers(flows.repo(name), subject.digest)))
    assert answer.fallback and answer.descriptors == ()  # 2.8.2 has no referrers API
    tag = partial.referrers_tag(subject.digest)
    fallback = registry.get_referrers_fallback(flows.repo(name), tag)
    entries = []
    for kind, text in (("application/vnd.example.note", b"signed by nobody"), ("application/spdx+json", b"{}")):
        # An artifact that refers to the image: empty config, one layer, a subject.
        blob = describe(text, "text/plain")
        empty = describe(b"{}", OCI_EMPTY_JSON)
        flows.push_blob(name, text, blob)
        flows.push_blob(name, b"{}", empty)
        raw, descriptor = build_image_manifest(empty, [blob], artifact_type=kind, subject=subject)
        put = flows.push_manifest(name, descriptor.digest, raw, descriptor.media_type)
        assert put.digest == descriptor.digest
        if put.subject != subject.digest:  # no OCI-Subject: the client keeps the fallback tag (spec's algorithm)
            existing = registry.read_referrers_fallback(*flows.send(fallback))
            entry = partial.referrer_descriptor(parse_manifest(raw))
            index = registry.update_referrers_fallback(existing, add=entry)
            assert index is not None
            registry.read_manifest_put(*flows.send(registry.put_referrers_fallback(flows.repo(name), tag, index)))
            entries.append(entry)
            again = registry.read_referrers_fallback(*flows.send(fallback))
            assert registry.update_referrers_fallback(again, add=entry) is None  # listed once
    assert len(entries) == 2 and entries[0].artifact_type == "application/vnd.example.note"
    found = registry.read_referrers_fallback(*flows.send(fallback))
    assert found.descriptors == tuple(entries)
    only = registry.read_referrers_fallback(*flows.send(fallback), artifact_type="application/spdx+json")
    assert only.descriptors == (entries[1],)
    assert parse_image_index(flows.pull_manifest(name, tag).raw).manifests == tuple(entries)
    # Deleting a referrer takes it out of the list.
    registry.read_deleted(*flows.send(registry.delete_manifest(flows.repo(name), entries[0].digest)))
    index = registry.update_referrers_fallback(found, remove=entries[0].digest)
    assert index is not None
    registry.read_manifest_put(*flows.send(registry.put_referrers_fallback(flows.repo(name), tag, index)))
    assert registry.read_referrers_fallback(*flows.send(fallback)).descriptors == (entries[1],)


# -- the library's own guarantees on real answers ----------------------------------------------------------


def test_wrong_digest_header_is_caught(flows: Flows, driver: Driver, image: SmallImage) -> None:
    name = _name(driver, "wrong-digest")
    flows.push_image(name, "v1", image)
    request = registry.get_manifest(flows.repo(name), "v1")
    sent, response = flows.send(request)
    forged = dataclasses.replace(
        response, headers=response.headers.with_field("Docker-Content-Digest", str(compute_digest(b"other")))
    )
    with pytest.raises(errors.DigestMismatchError):
        registry.read_manifest(sent, forged)
    assert registry.read_manifest(sent, forged, check_digest_header=False).raw == image.manifest
    tampered = dataclasses.replace(response, body=response.body.replace(b"2", b"3", 1),
                                   headers=response.headers.without("Content-Length"))
    by_digest = registry.get_manifest(flows.repo(name), image.manifest_descriptor.digest)
    with pytest.raises(errors.DigestMismatchError):
        registry.read_manifest(by_digest, tampered, check_digest_header=False)


def test_registry_log_is_quiet(plain: RegistryServer) -> None:
    assert "panic" not in plain.log()
    assert Path(plain.directory, "config.yml").exists()
