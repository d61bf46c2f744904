"""Static types of oci_core.registry's and oci_core.upload's public API (mypy --strict; run as a test too)."""

from __future__ import annotations

import sys

from oci_core import errors, registry
from oci_core.descriptor import describe
from oci_core.digest import Digest, DigestVerifier
from oci_core.http import Request, Response
from oci_core.manifest import ImageIndex, ImageManifest
from oci_core.upload import Upload, content_range, parse_range

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


def test_registry_types() -> None:
    repo = registry.Repository("https://r.example", "a")
    request = registry.get_manifest(repo, "v1")
    assert_type(request, Request)
    response = Response(200, {"Content-Type": "application/vnd.oci.image.index.v1+json"},
                        b'{"schemaVersion":2,"manifests":[]}')
    manifest = registry.read_manifest(request, response)
    assert_type(manifest, registry.ManifestResponse)
    assert_type(manifest.raw, bytes)
    assert_type(manifest.digest, Digest)
    assert_type(manifest.media_type, str)
    assert_type(manifest.parse(), ImageManifest | ImageIndex)
    error = registry.read_error(request, Response(404))
    assert_type(error, errors.RegistryError)
    assert_type(error.status, int)
    assert_type(error.codes, tuple[str, ...])
    assert_type(error.retry_after, float | None)
    assert_type(registry.next_page_url("", "https://r.example/"), str | None)
    assert_type(registry.parse_link(""), tuple[registry.Link, ...])
    assert_type(registry.parse_retry_after("1", now=0.0), float)
    listing = registry.Listing.start(registry.list_tags(repo))
    assert_type(listing.request, Request | None)
    blob = describe(b"x", "application/octet-stream")
    stream = registry.read_blob(registry.get_blob(repo, blob.digest), Response(200), blob)
    assert_type(stream.verifier, DigestVerifier)
    assert_type(stream.skip, int)
    referrers = registry.read_referrers(registry.get_referrers(repo, blob.digest), Response(404))
    assert_type(referrers.fallback, bool)


def test_upload_types() -> None:
    repo = registry.Repository("https://r.example", "a")
    up = Upload.start(repo, describe(b"x", "application/octet-stream"), chunk_size=1)
    assert_type(up.request, Request)
    assert_type(up.range, tuple[int, int] | None)
    assert_type(up.receive(up.request, Response(202, {"Location": "/u"})), Upload)
    assert_type(up.error, errors.OCIError | None)
    assert_type(parse_range("0-1"), tuple[int, int])
    assert_type(content_range(0, 1), str)
