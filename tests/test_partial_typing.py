"""Static types of oci_core.partial, layerdigest and layout: the in-memory implementations satisfy the protocols.

mypy --strict checks this file: each assignment to a protocol-typed name
fails type checking if the implementation stops satisfying the protocol, and
each ``assert_type`` pins a public signature. pytest runs it too.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import datetime
from typing import Literal, TypeVar

from oci_core import annotations as ann
from oci_core import layerdigest, layout, partial
from oci_core.descriptor import Descriptor
from oci_core.digest import Digest
from oci_core.manifest import ImageIndex, ImageManifest
from oci_core.platform import Platform
from oci_core.reference import Reference

from .inmemory import MemoryImage, MemoryIndex, MemoryLayer

_T = TypeVar("_T")

if sys.version_info >= (3, 11):
    from typing import assert_type
else:  # Python 3.10 has no typing.assert_type; mypy checks with the 3.11 branch.

    def assert_type(value: _T, expected: object, /) -> _T:
        return value


LAYER = MemoryLayer.of_files({"a": b"a"})
IMAGE = MemoryImage.build((LAYER,))
INDEX = MemoryIndex.of([(IMAGE, Descriptor(IMAGE.media_type, IMAGE.digest, IMAGE.size))])
OUTER = MemoryIndex.of([(INDEX, Descriptor(INDEX.media_type, INDEX.digest, INDEX.size))])


def test_the_in_memory_implementations_satisfy_the_protocols() -> None:
    layer: partial.Layer = LAYER
    image: partial.Image = IMAGE
    index: partial.Index = OUTER
    core: partial.ImageCore = IMAGE
    describable: partial.Describable = INDEX
    with_manifest: partial.WithRawManifest = INDEX
    with_config: partial.WithRawConfig = IMAGE
    assert_type(layer.diff_id, Digest)
    assert_type(layer.uncompressed_size, int)
    assert_type(image.layers, Sequence[partial.Layer])
    assert_type(image.raw_config, bytes)
    assert_type(index.index(INDEX.digest), partial.Index)
    assert_type(index.index(INDEX.digest).image(IMAGE.digest), partial.Image)
    assert_type(core.raw_manifest, bytes)
    assert_type(describable.media_type, str)
    assert_type(with_manifest.raw_manifest, bytes)
    assert_type(with_config.raw_config, bytes)
    # What the digester gives is a Layer too.
    digests: partial.Layer = layerdigest.compute_layer_digests(LAYER.content, LAYER.media_type)
    assert digests.diff_id == LAYER.diff_id


def test_partial_signatures() -> None:
    manifest = IMAGE.manifest()
    assert_type(partial.descriptor(IMAGE), Descriptor)
    assert_type(partial.index_entry(manifest, platform=Platform("linux", "amd64")), Descriptor)
    assert_type(partial.referrer_descriptor(manifest), Descriptor)
    assert_type(partial.config_name(IMAGE), Digest)
    assert_type(partial.blob_to_diff_id(IMAGE, LAYER.digest), Digest | None)
    assert_type(partial.diff_id_to_blob(IMAGE, LAYER.diff_id), Digest | None)
    listed = ImageIndex(manifests=(partial.descriptor(IMAGE),))
    assert_type(partial.manifest_for_platform(listed, Platform("linux", "amd64")), Descriptor | None)
    assert_type(partial.manifest_by_digest(listed, IMAGE.digest), Descriptor | None)
    assert_type(partial.find_manifests(listed, lambda d: True), tuple[Descriptor, ...])
    assert_type(partial.find_images(INDEX), tuple[partial.Image, ...])
    assert_type(partial.find_indexes(INDEX), tuple[partial.Index, ...])
    blobs = IMAGE.blobs()
    found = partial.all_images(listed, lambda d: blobs[str(d.digest)])
    assert_type(found, tuple[tuple[Descriptor, ImageManifest], ...])
    assert_type(partial.referrers_tag(IMAGE.digest), str)
    assert_type(partial.referrers_index([]), tuple[bytes, Descriptor])
    assert_type(partial.add_referrer(listed, partial.descriptor(IMAGE)), ImageIndex)
    assert_type(partial.remove_referrer(listed, IMAGE.digest), ImageIndex)
    assert_type(partial.filter_referrers(listed.manifests, None), tuple[Descriptor, ...])


def test_layerdigest_and_layout_signatures() -> None:
    digester = layerdigest.LayerDigester(LAYER.media_type)
    digester.update(LAYER.content)
    result = digester.finish()
    assert_type(result, layerdigest.LayerDigests)
    result.verify(LAYER.descriptor(), LAYER.diff_id)
    assert_type(layerdigest.storage_of(LAYER.media_type), Literal["gzip", "zstd", "detect", "plain"])
    index = layout.parse_index(b'{"schemaVersion": 2, "manifests": []}')
    assert_type(index, ImageIndex)
    assert_type(layout.blob_path(LAYER.digest), str)
    assert_type(layout.find_ref_name(index, "v1"), tuple[Descriptor, ...])
    assert_type(layout.add_manifest(index, LAYER.descriptor(), ref_name="v1"), ImageIndex)
    assert_type(layout.remove_manifests(index, ref_name="v1"), ImageIndex)
    assert_type(layout.layout_files(index), dict[str, bytes])
    blobs = IMAGE.blobs()
    assert_type(layout.reachable_blobs(index, lambda d: blobs[str(d.digest)]), tuple[Descriptor, ...])
    assert_type(layout.unreachable_blobs(index, lambda d: blobs[str(d.digest)], []), tuple[str, ...])
    plan = layout.verify_plan(index, lambda d: blobs[str(d.digest)])
    assert_type(plan, tuple[layout.BlobCheck, ...])


def test_annotation_signatures() -> None:
    values = {ann.CREATED: "2024-01-01T00:00:00Z"}
    assert_type(ann.created(values), datetime | None)
    assert_type(ann.ref_name(values), str | None)
    assert_type(ann.base_name(values), Reference | None)
    assert_type(ann.base_digest(values), Digest | None)
    assert_type(ann.title(values), str | None)
    assert_type(ann.licenses(values), str | None)
    assert_type(ann.parse_rfc3339("2024-01-01T00:00:00Z"), datetime)
    assert_type(ann.is_ref_name("v1"), bool)
