"""Static types of the document modules' public API, checked by mypy --strict (and run by pytest)."""

from __future__ import annotations

import sys
from typing import TypeVar

from oci_core import config, descriptor, layout, manifest
from oci_core.config import ContainerConfig, HealthConfig, History, ImageConfig, RootFS
from oci_core.descriptor import Descriptor, FrozenMap
from oci_core.digest import Digest
from oci_core.manifest import ImageIndex, ImageManifest
from oci_core.platform import Platform

_T = TypeVar("_T")

if sys.version_info >= (3, 11):
    from typing import assert_type
else:  # Python 3.10 has no typing.assert_type; mypy checks with the 3.11 branch.

    def assert_type(value: _T, expected: object, /) -> _T:
        return value


A = "sha256:" + "a" * 64
MANIFEST = (
    b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",'
    b'"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"' + A.encode() + b'","size":1},'
    b'"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"' + A.encode() + b'","size":1}]}'
)


def test_descriptor_types() -> None:
    d = descriptor.parse_descriptor({"mediaType": "a/b", "digest": A, "size": 1})
    assert_type(d, Descriptor)
    assert_type(d.media_type, str)
    assert_type(d.digest, Digest)
    assert_type(d.size, int)
    assert_type(d.urls, "tuple[str, ...]")
    assert_type(d.annotations, "FrozenMap[str, str]")
    assert_type(d.data, "bytes | None")
    assert_type(d.platform, "Platform | None")
    assert_type(d.artifact_type, "str | None")
    assert_type(d.to_json(), bytes)
    assert_type(d.to_json_object(), "dict[str, object]")
    assert_type(descriptor.describe(b"x", "a/b"), Descriptor)
    assert_type(descriptor.EMPTY_JSON, Descriptor)
    assert_type(descriptor.EMPTY_JSON_DATA, bytes)
    assert_type(d.with_data(None), Descriptor)
    assert_type(d.annotations.get("k"), "str | None")
    assert_type(FrozenMap({"a": "b"}), "FrozenMap[str, str]")


def test_manifest_types() -> None:
    m = manifest.parse_manifest(MANIFEST)
    assert_type(m, "ImageManifest | ImageIndex")
    image = manifest.parse_image_manifest(MANIFEST, "application/vnd.oci.image.manifest.v1+json")
    assert_type(image, ImageManifest)
    assert_type(image.config, Descriptor)
    assert_type(image.layers, "tuple[Descriptor, ...]")
    assert_type(image.media_type, str)
    assert_type(image.artifact_type, "str | None")
    assert_type(image.subject, "Descriptor | None")
    assert_type(image.annotations, "FrozenMap[str, str]")
    assert_type(image.omit_media_type, bool)
    assert_type(image.raw, bytes)
    assert_type(image.digest, Digest)
    assert_type(image.size, int)
    assert_type(image.descriptor(), Descriptor)
    assert_type(image.to_json(indent="   "), bytes)
    assert_type(manifest.effective_artifact_type(image), str)
    index = manifest.parse_image_index(b'{"schemaVersion":2,"manifests":[]}')
    assert_type(index, ImageIndex)
    assert_type(index.manifests, "tuple[Descriptor, ...]")
    assert_type(manifest.effective_artifact_type(index), "str | None")
    assert_type(manifest.detect_media_type(MANIFEST), "str | None")
    assert_type(manifest.manifest_digest(MANIFEST), Digest)
    assert_type(manifest.build_image_manifest(image.config, image.layers), "tuple[bytes, Descriptor]")
    assert_type(manifest.build_image_index([]), "tuple[bytes, Descriptor]")
    assert_type(manifest.parse_manifest(MANIFEST, max_size=manifest.DEFAULT_MAX_SIZE), "ImageManifest | ImageIndex")
    assert_type(manifest.parse_image_manifest(MANIFEST, max_size=1 << 20), ImageManifest)
    assert_type(manifest.parse_image_index(b'{"schemaVersion":2,"manifests":[]}', max_size=1 << 20), ImageIndex)
    assert_type(manifest.DEFAULT_MAX_SIZE, int)


def test_config_types() -> None:
    c = config.parse_image_config(b'{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}')
    assert_type(c, ImageConfig)
    assert_type(c.created, "str | None")
    assert_type(c.config, ContainerConfig)
    assert_type(c.config.exposed_ports, "frozenset[str]")
    assert_type(c.config.healthcheck, HealthConfig | None)
    assert_type(c.config.labels, "FrozenMap[str, str]")
    assert_type(c.rootfs, RootFS)
    assert_type(c.rootfs.diff_ids, "tuple[Digest, ...]")
    assert_type(c.history, tuple[History, ...])
    assert_type(c.platform(), Platform)
    assert_type(c.descriptor(), Descriptor)
    assert_type(config.chain_ids(c.rootfs.diff_ids), "tuple[Digest, ...]")
    assert_type(config.chain_id(c.rootfs.diff_ids), "Digest | None")
    assert_type(config.is_rfc3339("x"), bool)
    assert_type(layout.parse_image_layout(b'{"imageLayoutVersion":"1.0.0"}'), layout.ImageLayout)
    assert_type(config.parse_image_config(c.raw, max_size=1 << 20), ImageConfig)
    assert_type(layout.parse_image_layout(b'{"imageLayoutVersion":"1.0.0"}', max_size=1 << 20), layout.ImageLayout)
    assert_type(descriptor.parse_descriptor(c.descriptor().to_json(), max_size=1 << 20), Descriptor)
