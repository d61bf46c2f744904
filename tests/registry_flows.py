"""The caller's side of the registry flows, written once over any driver (tests/http_drivers.py).

This is what a user of oci_core writes around their HTTP client: the library
builds every request and reads every response; these helpers only move bytes.
"""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from dataclasses import dataclass

from oci_core import registry
from oci_core.descriptor import Descriptor, describe
from oci_core.digest import compute_digest
from oci_core.http import Headers, Request, Response
from oci_core.manifest import build_image_manifest
from oci_core.mediatypes import OCI_IMAGE_CONFIG, OCI_LAYER_GZIP
from oci_core.registry import Repository
from oci_core.upload import Upload
from tests.http_drivers import Driver, exchange

__all__ = ["Flows", "SmallImage", "make_image"]


@dataclass(frozen=True)
class SmallImage:
    """A small image built with the library: one gzip layer, a config, a manifest."""

    layer: bytes
    layer_descriptor: Descriptor
    config: bytes
    config_descriptor: Descriptor
    manifest: bytes
    manifest_descriptor: Descriptor

    @property
    def blobs(self) -> tuple[tuple[bytes, Descriptor], ...]:
        return ((self.layer, self.layer_descriptor), (self.config, self.config_descriptor))


def make_image(content: bytes = b"hello from oci_core\n", name: str = "hello.txt") -> SmallImage:
    """A one-layer image: a tar with one file, gzip'd (fixed mtime, so the bytes are stable)."""
    tar_bytes = io.BytesIO()
    with tarfile.open(fileobj=tar_bytes, mode="w", format=tarfile.PAX_FORMAT) as archive:
        info = tarfile.TarInfo(name)
        info.size = len(content)
        info.mtime = 1_700_000_000
        info.mode = 0o644
        archive.addfile(info, io.BytesIO(content))
    tar = tar_bytes.getvalue()
    layer = gzip.compress(tar, mtime=0)
    config = json.dumps(
        {
            "architecture": "amd64",
            "os": "linux",
            "config": {"Cmd": ["/bin/true"]},
            "rootfs": {"type": "layers", "diff_ids": [str(compute_digest(tar))]},
        },
        separators=(",", ":"),
    ).encode()
    layer_descriptor = describe(layer, OCI_LAYER_GZIP)
    config_descriptor = describe(config, OCI_IMAGE_CONFIG)
    manifest, manifest_descriptor = build_image_manifest(config_descriptor, [layer_descriptor])
    return SmallImage(layer, layer_descriptor, config, config_descriptor, manifest, manifest_descriptor)


class Flows:
    """Pull and push with the library over one driver; ``authorization`` goes on every request."""

    def __init__(self, driver: Driver, root: str, authorization: str | None = None) -> None:
        self.driver = driver
        self.root = root
        self.headers = Headers({"Authorization": authorization} if authorization else {})

    def repo(self, name: str) -> Repository:
        return Repository(self.root, name)

    def send(
        self, request: Request, body: bytes | None = None, *, limit: int | None = None
    ) -> tuple[Request, Response]:
        return exchange(self.driver, request, body, limit=limit)

    # -- blobs

    def upload(self, up: Upload, blob: bytes) -> Upload:
        for _ in range(10_000):
            if up.done:
                return up
            request = up.request
            start, end = up.range or (0, 0)
            _, response = self.send(request, blob[start:end] if up.range else None)
            up = up.receive(request, response)
        raise AssertionError("the upload did not finish")

    def push_blob(self, name: str, blob: bytes, descriptor: Descriptor, **options: object) -> Upload:
        up = Upload.start(self.repo(name), descriptor, headers=self.headers, **options)  # type: ignore[arg-type]
        up = self.upload(up, blob)
        if up.failed:
            assert up.error is not None
            raise up.error
        return up

    def pull_blob(self, name: str, descriptor: Descriptor) -> bytes:
        request = registry.get_blob(self.repo(name), descriptor.digest, headers=self.headers)
        request, response = self.send(request, limit=-1)
        stream = registry.read_blob(request, response, descriptor)
        body = response.body[stream.skip :]
        stream.verifier.update(body)
        stream.verifier.verify()
        return body

    # -- manifests

    def push_manifest(self, name: str, reference: str, raw: bytes, media_type: str) -> registry.ManifestPut:
        request = registry.put_manifest(self.repo(name), reference, raw, media_type, headers=self.headers)
        request, response = self.send(request)
        return registry.read_manifest_put(request, response)

    def push_image(self, name: str, tag: str, image: SmallImage, **upload_options: object) -> registry.ManifestPut:
        for blob, descriptor in image.blobs:
            self.push_blob(name, blob, descriptor, **upload_options)
        return self.push_manifest(name, tag, image.manifest, image.manifest_descriptor.media_type)

    def pull_manifest(self, name: str, reference: str, accept: str | None = None) -> registry.ManifestResponse:
        request = registry.get_manifest(self.repo(name), reference, accept=accept, headers=self.headers)
        request, response = self.send(request)
        return registry.read_manifest(request, response)

    def head_manifest(self, name: str, reference: str) -> registry.ManifestHead:
        request = registry.head_manifest(self.repo(name), reference, headers=self.headers)
        request, response = self.send(request)
        return registry.read_manifest_head(request, response)

    # -- listings

    def list_all(self, first: Request) -> tuple[tuple[str, ...], registry.Listing]:
        listing = registry.Listing.start(first)
        items: list[str] = []
        while listing.request is not None:
            _, response = self.send(listing.request)
            listing, page = listing.receive(listing.request, response)
            items.extend(page)
        return tuple(items), listing
