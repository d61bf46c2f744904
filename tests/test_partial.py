"""oci_core.partial: descriptors, the config name, layers by digest and diffID, index selection, nested indexes.

The helpers are driven through the in-memory implementations of the protocols
(tests/inmemory.py), as code written against go-containerregistry's ``v1``
interfaces would drive them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from oci_core import errors, partial
from oci_core.config import RootFS, parse_image_config
from oci_core.descriptor import EMPTY_JSON, Descriptor, FrozenMap, describe
from oci_core.digest import Digest, compute_digest
from oci_core.manifest import ImageIndex, ImageManifest, parse_image_manifest
from oci_core.mediatypes import (
    DOCKER_CONFIG,
    DOCKER_MANIFEST_SCHEMA2,
    OCI_IMAGE_CONFIG,
    OCI_IMAGE_INDEX,
    OCI_IMAGE_MANIFEST,
)
from oci_core.platform import Platform, all_platforms, ordered, parse_platform

from .inmemory import MemoryImage, MemoryIndex, MemoryLayer

BASE = MemoryLayer.of_files({"etc/os-release": b"ID=test\n"})
APP = MemoryLayer.of_files({"app/run": b"#!/bin/sh\necho hi\n"})
PLAIN = MemoryLayer.of_files({"data.txt": b"plain"}, compressed=False)
IMAGE = MemoryImage.build((BASE, APP), cmd=("/app/run",))


def _entry(name: str, platform: str | None, *, media_type: str = OCI_IMAGE_MANIFEST, **annotations: str) -> Descriptor:
    return describe(
        name.encode(),
        media_type,
        platform=None if platform is None else parse_platform(platform),
        annotations=annotations or None,
    )


# -- descriptors --------------------------------------------------------------------------


def test_descriptor_of_anything_describable() -> None:
    assert partial.descriptor(IMAGE) == Descriptor(OCI_IMAGE_MANIFEST, compute_digest(IMAGE.raw_manifest), IMAGE.size)
    assert partial.descriptor(BASE) == BASE.descriptor()
    assert partial.descriptor(PLAIN).digest == PLAIN.diff_id
    index = MemoryIndex.of([(IMAGE, partial.descriptor(IMAGE))])
    assert partial.descriptor(index) == Descriptor(OCI_IMAGE_INDEX, compute_digest(index.raw_manifest), index.size)


def test_descriptor_refuses_what_is_no_descriptor() -> None:
    broken = replace(IMAGE, media_type="not a media type")
    with pytest.raises(errors.InvalidDescriptorError):
        partial.descriptor(broken)


def test_index_entry_of_an_image_has_no_artifact_type() -> None:
    manifest = IMAGE.manifest()
    amd64 = Platform("linux", "amd64")
    entry = partial.index_entry(manifest, platform=amd64, annotations={"org.opencontainers.image.ref.name": "v1"})
    assert entry.media_type == OCI_IMAGE_MANIFEST and entry.digest == IMAGE.digest and entry.size == IMAGE.size
    assert entry.platform == amd64 and entry.artifact_type is None
    assert entry.annotations == {"org.opencontainers.image.ref.name": "v1"}
    assert parse_image_config(IMAGE.raw_config).platform() == amd64


def test_index_entry_of_artifacts_carries_their_type() -> None:
    typed = ImageManifest(config=EMPTY_JSON, layers=(EMPTY_JSON,), artifact_type="application/vnd.example+type")
    assert partial.index_entry(typed).artifact_type == "application/vnd.example+type"
    helm_config = describe(b"{}", "application/vnd.cncf.helm.config.v1+json")
    helm = ImageManifest(config=helm_config, layers=(EMPTY_JSON,))
    assert partial.index_entry(helm).artifact_type == "application/vnd.cncf.helm.config.v1+json"
    docker_config = describe(b"{}", DOCKER_CONFIG)
    docker = ImageManifest(config=docker_config, layers=(BASE.descriptor(),), media_type=DOCKER_MANIFEST_SCHEMA2)
    assert partial.index_entry(docker).artifact_type is None
    assert partial.index_entry(ImageIndex(manifests=())).artifact_type is None
    bundle = ImageIndex(manifests=(), artifact_type="application/x.bundle")
    assert partial.index_entry(bundle).artifact_type == "application/x.bundle"
    assert partial.index_entry(bundle).media_type == OCI_IMAGE_INDEX


def test_index_entry_wants_a_document() -> None:
    with pytest.raises(TypeError, match="document must be an ImageManifest or ImageIndex, got MemoryImage"):
        partial.index_entry(IMAGE)  # type: ignore[arg-type]


def test_config_name_is_the_image_id() -> None:
    assert partial.config_name(IMAGE) == compute_digest(IMAGE.raw_config)
    assert partial.config_name(IMAGE) == IMAGE.manifest().config.digest
    broken = replace(IMAGE, raw_config="{}")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="raw_config must be bytes, got str"):
        partial.config_name(broken)


# -- layers ----------------------------------------------------------------------------------


def test_image_layers_pair_blobs_with_diff_ids() -> None:
    manifest, config = IMAGE.manifest(), parse_image_config(IMAGE.raw_config)
    layers = partial.image_layers(manifest, config)
    pairs = [(layer.digest, layer.diff_id) for layer in layers]
    assert pairs == [(BASE.digest, BASE.diff_id), (APP.digest, APP.diff_id)]
    assert layers[0].descriptor == BASE.descriptor()
    assert (layers[1].media_type, layers[1].size) == (APP.media_type, APP.size)


def test_a_count_mismatch_is_refused_with_both_counts() -> None:
    manifest = IMAGE.manifest()
    config = replace(parse_image_config(IMAGE.raw_config), rootfs=RootFS((BASE.diff_id,)))
    message = "the config lists 1 diff IDs but the manifest has 2 layers"
    with pytest.raises(errors.InvalidConfigError, match=message) as caught:
        partial.image_layers(manifest, config)
    assert caught.value.pointer == "/rootfs/diff_ids"
    lying = replace(IMAGE, raw_config=config.raw)
    with pytest.raises(errors.InvalidConfigError, match="1 diff IDs but the manifest has 2 layers"):
        partial.blob_to_diff_id(lying, BASE.digest)
    with pytest.raises(errors.InvalidConfigError, match="1 diff IDs"):
        partial.diff_id_to_blob(lying, BASE.diff_id)


def test_layer_lookups() -> None:
    manifest, config = IMAGE.manifest(), parse_image_config(IMAGE.raw_config)
    by_digest = partial.layer_by_digest(manifest, config, APP.digest)
    assert by_digest is not None and by_digest.diff_id == APP.diff_id
    by_diff_id = partial.layer_by_diff_id(manifest, config, str(BASE.diff_id))
    assert by_diff_id is not None and by_diff_id.digest == BASE.digest
    assert partial.layer_by_digest(manifest, config, BASE.diff_id) is None  # a diffID is not a blob digest
    assert partial.blob_to_diff_id(IMAGE, APP.digest) == APP.diff_id
    assert partial.diff_id_to_blob(IMAGE, APP.diff_id) == APP.digest
    assert partial.blob_to_diff_id(IMAGE, compute_digest(b"absent")) is None
    assert partial.diff_id_to_blob(IMAGE, compute_digest(b"absent")) is None
    with pytest.raises(errors.InvalidDigestError):
        partial.blob_to_diff_id(IMAGE, "sha256:short")
    with pytest.raises(TypeError, match="digest must be a Digest or str, got bytes"):
        partial.diff_id_to_blob(IMAGE, b"sha256:")  # type: ignore[arg-type]


def test_raw_pieces_that_do_not_parse() -> None:
    with pytest.raises(errors.InvalidManifestError):
        partial.blob_to_diff_id(replace(IMAGE, raw_manifest=b"{}"), BASE.digest)
    with pytest.raises(errors.InvalidConfigError):
        partial.blob_to_diff_id(replace(IMAGE, raw_config=b"[]"), BASE.digest)
    with pytest.raises(TypeError):
        partial.image_layers(IMAGE, parse_image_config(IMAGE.raw_config))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        partial.image_layers(IMAGE.manifest(), IMAGE.raw_config)  # type: ignore[arg-type]


# -- index selection -------------------------------------------------------------------------------


def test_manifest_for_platform_follows_containerd() -> None:
    v6, v7, arm64, amd64 = (_entry(p, p) for p in ("linux/arm/v6", "linux/arm/v7", "linux/arm64", "linux/amd64"))
    index = ImageIndex(manifests=(v6, v7, arm64, amd64))
    assert partial.manifest_for_platform(index, parse_platform("linux/arm/v7")) == v7
    assert partial.manifest_for_platform(index, parse_platform("linux/arm/v6")) == v6
    assert partial.manifest_for_platform(index, parse_platform("linux/arm64")) == arm64
    # An arm64 host runs arm/v7 too: without arm64 it is the next best.
    assert partial.manifest_for_platform(ImageIndex(manifests=(v6, v7)), parse_platform("linux/arm64")) == v7
    assert partial.manifest_for_platform(ImageIndex(manifests=(v7, v6)), parse_platform("linux/arm64")) == v7
    assert partial.manifest_for_platform(index, parse_platform("windows/amd64")) is None


def test_manifest_for_platform_takes_a_matcher() -> None:
    amd64, arm64 = _entry("a", "linux/amd64"), _entry("b", "linux/arm64")
    index = ImageIndex(manifests=(amd64, arm64))
    arm64_first = ordered(parse_platform("linux/arm64"), parse_platform("linux/amd64"))
    assert partial.manifest_for_platform(index, arm64_first) == arm64
    assert partial.manifest_for_platform(index, all_platforms) in (amd64, arm64)
    with pytest.raises(TypeError, match="wanted must be a Platform or a Matcher, got str"):
        partial.manifest_for_platform(index, "linux/amd64")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="index must be an ImageIndex"):
        partial.manifest_for_platform([amd64], Platform("linux", "amd64"))  # type: ignore[arg-type]


def test_equal_platforms_go_to_the_first_entry() -> None:
    first, second = _entry("first", "linux/amd64"), _entry("second", "linux/amd64")
    assert partial.manifest_for_platform(ImageIndex(manifests=(first, second)), Platform("linux", "amd64")) == first
    assert partial.manifest_for_platform(ImageIndex(manifests=(second, first)), Platform("linux", "amd64")) == second


def test_what_is_never_chosen() -> None:
    image = _entry("image", "linux/amd64")
    # Docker's build tools put attestations beside the platforms.
    attestation = _entry(
        "attestation",
        "unknown/unknown",
        **{"vnd.docker.reference.type": "attestation-manifest", "vnd.docker.reference.digest": str(image.digest)},
    )
    unmarked_unknown = _entry("unknown", "unknown/unknown")
    marked = _entry("marked", "linux/amd64", **{"vnd.docker.reference.type": "attestation-manifest"})
    no_platform = _entry("no platform", None)
    not_a_manifest = _entry("a layer", "linux/amd64", media_type="application/vnd.oci.image.layer.v1.tar")
    for candidate in (attestation, unmarked_unknown, marked):
        assert partial.is_attestation(candidate)
    assert not partial.is_attestation(image)
    index = ImageIndex(manifests=(attestation, unmarked_unknown, marked, no_platform, not_a_manifest))
    assert partial.manifest_for_platform(index, all_platforms) is None
    assert partial.manifest_for_platform(ImageIndex(manifests=(*index.manifests, image)), all_platforms) == image


def test_a_nested_index_can_be_chosen() -> None:
    nested = _entry("nested", "linux/amd64", media_type=OCI_IMAGE_INDEX)
    assert partial.manifest_for_platform(ImageIndex(manifests=(nested,)), Platform("linux", "amd64")) == nested


def test_manifest_by_digest_and_find_manifests() -> None:
    a, b, c = _entry("a", "linux/amd64"), _entry("b", None), _entry("c", "linux/arm64")
    index = ImageIndex(manifests=(a, b, c, a))
    assert partial.manifest_by_digest(index, b.digest) == b
    assert partial.manifest_by_digest(index, str(c.digest)) == c
    assert partial.manifest_by_digest(index, compute_digest(b"absent")) is None
    assert partial.find_manifests(index, lambda d: d.platform is not None) == (a, c, a)
    assert partial.find_manifests(index, lambda d: False) == ()
    with pytest.raises(TypeError, match="matches must be callable"):
        partial.find_manifests(index, "linux")  # type: ignore[arg-type]


def test_find_images_and_indexes_through_the_protocol() -> None:
    other = MemoryImage.build((PLAIN,), platform=Platform("linux", "arm64"))
    amd64_entry = partial.index_entry(IMAGE.manifest(), platform=Platform("linux", "amd64"))
    arm64_entry = partial.index_entry(other.manifest(), platform=Platform("linux", "arm64"))
    inner = MemoryIndex.of([(other, arm64_entry)])
    inner_entry = Descriptor(OCI_IMAGE_INDEX, inner.digest, inner.size)
    outer = MemoryIndex.of([(IMAGE, amd64_entry), (inner, inner_entry)])
    assert partial.find_images(outer) == (IMAGE,)
    assert partial.find_images(outer, lambda d: d.platform == Platform("linux", "arm64")) == ()
    assert partial.find_indexes(outer) == (inner,)
    assert partial.find_images(partial.find_indexes(outer)[0]) == (other,)
    assert partial.find_indexes(outer, lambda d: False) == ()
    with pytest.raises(errors.MediaTypeMismatchError):  # says index, holds a manifest
        partial.find_images(MemoryIndex(IMAGE.raw_manifest))
    with pytest.raises(errors.InvalidIndexError):
        partial.find_indexes(MemoryIndex(b'{"schemaVersion": 2}'))


# -- nested indexes ------------------------------------------------------------------------------


def _tree() -> tuple[ImageIndex, dict[str, bytes], list[MemoryImage]]:
    images = [MemoryImage.build((BASE,)), MemoryImage.build((APP,)), MemoryImage.build((BASE, APP))]
    leaf = MemoryIndex.of([(images[2], partial.descriptor(images[2]))])
    middle = MemoryIndex.of([(images[1], partial.descriptor(images[1])), (leaf, partial.descriptor(leaf))])
    root_entries = (partial.descriptor(images[0]), partial.descriptor(middle), partial.descriptor(leaf))
    blobs = {**middle.blobs(), **leaf.blobs(), **images[0].blobs()}
    blobs[str(middle.digest)] = middle.raw_manifest
    blobs[str(leaf.digest)] = leaf.raw_manifest
    return ImageIndex(manifests=root_entries), blobs, images


def test_all_images_walks_nested_indexes_once_each() -> None:
    root, blobs, images = _tree()
    read_log: list[Digest] = []

    def read(d: Descriptor) -> bytes:
        read_log.append(d.digest)
        return blobs[str(d.digest)]

    found = partial.all_images(root, read)
    assert [descriptor.digest for descriptor, _ in found] == [image.digest for image in images]
    assert [manifest for _, manifest in found] == [image.manifest() for image in images]
    assert len(read_log) == len(set(read_log)) == 5  # 3 manifests, 2 nested indexes; the shared leaf read once
    assert partial.all_images(ImageIndex(manifests=()), read) == ()


def test_all_images_bounds_the_depth() -> None:
    root, blobs, _ = _tree()
    with pytest.raises(errors.InvalidIndexError, match="nest deeper than 1 levels"):
        partial.all_images(root, lambda d: blobs[str(d.digest)], max_depth=1)
    assert len(partial.all_images(root, lambda d: blobs[str(d.digest)], max_depth=2)) == 3
    with pytest.raises(ValueError, match="max_depth must not be negative"):
        partial.all_images(root, lambda d: blobs[str(d.digest)], max_depth=-1)
    with pytest.raises(TypeError, match="max_depth must be an int"):
        partial.all_images(root, lambda d: blobs[str(d.digest)], max_depth=True)


def test_all_images_checks_what_it_reads() -> None:
    root, blobs, images = _tree()
    swapped = dict(blobs)
    swapped[str(images[0].digest)] = images[1].raw_manifest
    with pytest.raises(errors.DigestMismatchError, match=f"manifest {images[0].digest}: content digest mismatch"):
        partial.all_images(root, lambda d: swapped[str(d.digest)])
    truncated = dict(blobs)
    truncated[str(images[0].digest)] = images[0].raw_manifest[:-1]
    with pytest.raises(errors.SizeMismatchError):
        partial.all_images(root, lambda d: truncated[str(d.digest)])
    def as_text(d: Descriptor) -> Any:
        return blobs[str(d.digest)].decode()

    with pytest.raises(TypeError, match=r"read\(\) of sha256:[0-9a-f]{64} must be bytes, got str"):
        partial.all_images(root, as_text)
    with pytest.raises(TypeError, match="read must be callable"):
        partial.all_images(root, blobs)  # type: ignore[arg-type]


def test_all_images_reads_each_document_with_its_media_type() -> None:
    image = MemoryImage.build((BASE,))
    lying = Descriptor(OCI_IMAGE_INDEX, image.digest, image.size)  # says index, is a manifest
    with pytest.raises(errors.MediaTypeMismatchError, match=f"manifest {image.digest}"):
        partial.all_images(ImageIndex(manifests=(lying,)), lambda d: image.raw_manifest)


def test_all_images_refuses_a_cycle(monkeypatch: pytest.MonkeyPatch) -> None:
    # A cycle needs a digest that is its own ancestor, which verified bytes cannot
    # give: the walk's own guard is shown with verification switched off.
    a = describe(b"a", OCI_IMAGE_INDEX)
    b = describe(b"b", OCI_IMAGE_INDEX)
    pages = {a.digest: ImageIndex(manifests=(b,)).raw, b.digest: ImageIndex(manifests=(a,)).raw}
    monkeypatch.setattr(Descriptor, "verify", lambda self, content: None)
    with pytest.raises(errors.InvalidIndexError, match=f"cycle: {a.digest} -> {b.digest} -> {a.digest}"):
        partial.all_images(ImageIndex(manifests=(a,)), lambda d: pages[d.digest])


def test_all_images_skips_what_is_no_manifest() -> None:
    odd = describe(b"<xml/>", "application/xml")
    image = MemoryImage.build((BASE,))
    found = partial.all_images(ImageIndex(manifests=(odd, partial.descriptor(image))), lambda d: image.raw_manifest)
    assert [m for _, m in found] == [parse_image_manifest(image.raw_manifest)]


def test_annotations_reach_entries_as_frozen_maps() -> None:
    entry = partial.index_entry(IMAGE.manifest(), annotations={"a": "b"})
    assert type(entry.annotations) is FrozenMap
    assert partial.index_entry(IMAGE.manifest()).annotations == {}
    assert IMAGE.manifest().config.media_type == OCI_IMAGE_CONFIG


def test_objects_that_are_no_implementation_of_the_protocols() -> None:
    with pytest.raises(TypeError, match=r"item must be a Describable \(with 'media_type'\), got bytes"):
        partial.descriptor(b"{}")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"image must be a WithRawConfig \(with 'raw_config'\), got MemoryLayer"):
        partial.config_name(BASE)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"image must be an ImageCore \(with 'raw_manifest'\), got str"):
        partial.blob_to_diff_id("image", BASE.digest)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"index must be an Index \(with image\(\)\), got MemoryImage"):
        partial.find_images(IMAGE)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"entry must be a Descriptor, got str"):
        partial.is_attestation("sha256:")  # type: ignore[arg-type]
