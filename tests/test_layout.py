"""oci_core.layout: oci-layout, index.json, blob paths, ref.name lookups and updates, reachability, verify plans."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

from oci_core import errors, layout, partial
from oci_core.annotations import REF_NAME
from oci_core.descriptor import Descriptor, FrozenMap, describe
from oci_core.digest import Digest, compute_digest
from oci_core.layerdigest import LayerDigests
from oci_core.layout import IMAGE_LAYOUT_VERSION, ImageLayout, parse_image_layout
from oci_core.manifest import ImageIndex, ImageManifest
from oci_core.mediatypes import DOCKER_MANIFEST_LIST, OCI_IMAGE_INDEX, OCI_IMAGE_MANIFEST
from oci_core.platform import Platform

from .inmemory import MemoryImage, MemoryIndex, MemoryLayer, write_layout

A = "sha256:" + "a" * 64


def test_reads_and_writes_the_one_version() -> None:
    assert parse_image_layout(b'{"imageLayoutVersion": "1.0.0", "future": 1}') == ImageLayout()
    assert ImageLayout().to_json() == b'{"imageLayoutVersion":"1.0.0"}'
    assert parse_image_layout(ImageLayout().to_json()).image_layout_version == IMAGE_LAYOUT_VERSION
    assert parse_image_layout('{"imageLayoutVersion": "1.0.0"}') == ImageLayout()


@pytest.mark.parametrize(
    ("source", "pointer"),
    [
        (b"{}", "/imageLayoutVersion"),
        (b'{"imageLayoutVersion": 1}', "/imageLayoutVersion"),
        (b'{"imageLayoutVersion": "1.1.0"}', "/imageLayoutVersion"),
        (b"[]", ""),
        (b"", ""),
        (b"{", ""),
        ("\ud800", ""),
        (3, ""),
        (b'{"imageLayoutVersion": "1.0.0", "imageLayoutVersion": "1.0.0"}', ""),
    ],
)
def test_refusals(source: object, pointer: str | None) -> None:
    with pytest.raises(errors.InvalidLayoutError) as caught:
        parse_image_layout(source)  # type: ignore[arg-type]
    assert isinstance(caught.value, errors.InvalidDocumentError)
    assert caught.value.pointer == pointer
    with pytest.raises(errors.InvalidLayoutError):
        ImageLayout("2.0.0")


# -- index.json -----------------------------------------------------------------------------------


def test_parse_index() -> None:
    index = layout.parse_index(b'{"schemaVersion": 2, "manifests": [], "annotations": {"k": "v"}}')
    assert index.media_type == OCI_IMAGE_INDEX and index.omit_media_type and index.annotations == {"k": "v"}
    odd = describe(b"<xml/>", "application/xml")
    assert layout.parse_index(ImageIndex(manifests=(odd,)).raw).manifests == (odd,)


def test_index_json_must_be_an_oci_index() -> None:
    listed = describe(b"m", OCI_IMAGE_MANIFEST, platform=Platform("linux", "amd64"))
    docker = ImageIndex(manifests=(listed,), media_type=DOCKER_MANIFEST_LIST)
    with pytest.raises(errors.InvalidLayoutError, match=r"index\.json must be an OCI image index") as caught:
        layout.parse_index(docker.raw)
    assert caught.value.pointer == "/mediaType"
    image = MemoryImage.build((MemoryLayer.of_files({"a": b"a"}),))
    with pytest.raises(errors.InvalidManifestError, match="this document is an image manifest"):
        layout.parse_index(image.raw_manifest)
    with pytest.raises(errors.InvalidIndexError):
        layout.parse_index(b'{"schemaVersion": 2}')
    with pytest.raises(ValueError, match="a layout's index must be an OCI image index"):
        layout.layout_files(docker)


# -- blob paths ----------------------------------------------------------------------------------


def test_blob_path() -> None:
    assert layout.blob_path(A) == "blobs/sha256/" + "a" * 64
    assert layout.blob_path(Digest("sha512:" + "b" * 128)) == "blobs/sha512/" + "b" * 128
    assert layout.blob_path("sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564") == (
        "blobs/sha256+b64u/LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564"
    )
    assert layout.blob_path("multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8") == (
        "blobs/multihash+base58/QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8"
    )


@pytest.mark.parametrize(
    "text",
    ["", "sha256:", "../sha256:" + "a" * 64, "sha256:../../etc/passwd", "a/b:c", "a:b/c", "a:b\\c", "a:b\x00", "..:x",
     "a..b:c", ".:x", "sha256:" + "A" * 64, "sha256:abc", "a:.."],
)
def test_blob_path_refuses_what_is_no_digest(text: str) -> None:
    with pytest.raises(errors.InvalidDigestError):
        layout.blob_path(text)


def test_blob_path_judges_the_text() -> None:
    class Sneaky(str):
        def partition(self, sep: str) -> tuple[str, str, str]:
            return ("..", ":", "..")

        def __str__(self) -> str:
            return "../../x:y"

    assert layout.blob_path(Sneaky(A)) == "blobs/sha256/" + "a" * 64
    forged = str.__new__(Digest, "../evil:x")  # not through the constructor
    with pytest.raises(errors.InvalidDigestError):
        layout.blob_path(forged)
    with pytest.raises(TypeError, match="digest must be a Digest or str, got bytes"):
        layout.blob_path(A.encode())  # type: ignore[arg-type]


# -- ref.name lookups and index.json updates ---------------------------------------------------------


def _manifest(name: bytes, ref_name: str | None = None) -> Descriptor:
    return describe(name, OCI_IMAGE_MANIFEST, annotations=None if ref_name is None else {REF_NAME: ref_name})


def test_find_ref_name_gives_every_match_in_order() -> None:
    a, b, c, d = _manifest(b"a", "v1"), _manifest(b"b", "v2"), _manifest(b"c", "v1"), _manifest(b"d")
    index = ImageIndex(manifests=(a, b, c, d))
    assert layout.find_ref_name(index, "v1") == (a, c)
    assert layout.find_ref_name(index, "v2") == (b,)
    assert layout.find_ref_name(index, "v3") == ()
    assert layout.find_ref_name(index, "") == ()
    with pytest.raises(TypeError, match="ref_name must be a str"):
        layout.find_ref_name(index, None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="index must be an ImageIndex"):
        layout.find_ref_name([a], "v1")  # type: ignore[arg-type]


def test_add_manifest_appends_and_names() -> None:
    empty = ImageIndex(manifests=())
    one = layout.add_manifest(empty, _manifest(b"a"), ref_name="v1")
    assert layout.find_ref_name(one, "v1")[0].digest == compute_digest(b"a")
    assert one.manifests[0].annotations == {REF_NAME: "v1"}
    two = layout.add_manifest(one, _manifest(b"b"), ref_name="v2")
    assert [entry.annotations[REF_NAME] for entry in two.manifests] == ["v1", "v2"]
    unnamed = layout.add_manifest(two, _manifest(b"c"))
    assert len(unnamed.manifests) == 3 and REF_NAME not in unnamed.manifests[2].annotations
    assert layout.add_manifest(unnamed, _manifest(b"c")) is unnamed  # an equal unnamed entry is there
    assert layout.parse_index(unnamed.raw) == unnamed


def test_add_manifest_replaces_the_entry_of_the_same_name_where_it_stands() -> None:
    index = ImageIndex(manifests=(_manifest(b"a", "v1"), _manifest(b"b", "v2"), _manifest(b"c", "v1")))
    replaced = layout.add_manifest(index, _manifest(b"new"), ref_name="v1")
    assert [(entry.digest, entry.annotations[REF_NAME]) for entry in replaced.manifests] == [
        (compute_digest(b"new"), "v1"),
        (compute_digest(b"b"), "v2"),
    ]
    # The descriptor's own ref.name names it when no ref_name is given.
    again = layout.add_manifest(replaced, _manifest(b"newer", "v2"))
    assert layout.find_ref_name(again, "v2")[0].digest == compute_digest(b"newer")
    assert layout.add_manifest(again, again.manifests[1]) is again


def test_add_manifest_keeps_the_descriptors_other_annotations() -> None:
    entry = describe(b"a", OCI_IMAGE_MANIFEST, annotations={"org.example": "x"}, platform=Platform("linux", "arm64"))
    added = layout.add_manifest(ImageIndex(manifests=()), entry, ref_name="v1").manifests[0]
    assert added.annotations == {"org.example": "x", REF_NAME: "v1"} and added.platform == entry.platform


@pytest.mark.parametrize("name", ["", "a//b", "-a", "a b", "é"])
def test_add_manifest_refuses_names_outside_the_grammar(name: str) -> None:
    with pytest.raises(ValueError, match="ref_name must match the ref grammar") as caught:
        layout.add_manifest(ImageIndex(manifests=()), _manifest(b"a"), ref_name=name)
    assert not isinstance(caught.value, errors.OCIError)


def test_add_manifest_type_errors() -> None:
    with pytest.raises(TypeError, match="descriptor must be a Descriptor"):
        layout.add_manifest(ImageIndex(manifests=()), A)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="ref_name must be a str"):
        layout.add_manifest(ImageIndex(manifests=()), _manifest(b"a"), ref_name=1)  # type: ignore[arg-type]


def test_remove_manifests() -> None:
    a, b, c = _manifest(b"a", "v1"), _manifest(b"b", "v2"), _manifest(b"a", "v3")
    index = ImageIndex(manifests=(a, b, c))
    assert layout.remove_manifests(index, ref_name="v1").manifests == (b, c)
    assert layout.remove_manifests(index, digest=a.digest).manifests == (b,)
    assert layout.remove_manifests(index, digest=str(a.digest), ref_name="v3").manifests == (a, b)
    assert layout.remove_manifests(index, ref_name="v9") is index
    assert layout.remove_manifests(index, ref_name="v2", digest=a.digest) is index
    with pytest.raises(ValueError, match="needs a ref_name, a digest, or both"):
        layout.remove_manifests(index)
    with pytest.raises(errors.InvalidDigestError):
        layout.remove_manifests(index, digest="sha256:x")
    with pytest.raises(TypeError, match="digest must be a Digest or str"):
        layout.remove_manifests(index, digest=1)  # type: ignore[arg-type]


def test_layout_files() -> None:
    index = layout.add_manifest(ImageIndex(manifests=()), _manifest(b"a"), ref_name="latest")
    files = layout.layout_files(index)
    assert list(files) == [layout.OCI_LAYOUT_FILE, layout.INDEX_FILE]
    assert parse_image_layout(files["oci-layout"]) == ImageLayout()
    assert layout.parse_index(files["index.json"]) == index and files["index.json"] == index.raw


# -- reachability, garbage and verify plans -----------------------------------------------------------


BASE = MemoryLayer.of_files({"etc/hostname": b"box\n"})
APP = MemoryLayer.of_files({"app": b"run"})
DATA = MemoryLayer.of_files({"data": b"plain"}, compressed=False)


def _layout() -> tuple[ImageIndex, dict[str, bytes], list[MemoryImage]]:
    amd64 = MemoryImage.build((BASE, APP), platform=Platform("linux", "amd64"))
    arm64 = MemoryImage.build((BASE, DATA), platform=Platform("linux", "arm64"))
    platforms = MemoryIndex.of(
        [
            (amd64, partial.index_entry(amd64.manifest(), platform=Platform("linux", "amd64"))),
            (arm64, partial.index_entry(arm64.manifest(), platform=Platform("linux", "arm64"))),
        ]
    )
    sbom = ImageManifest(
        config=describe(b"{}", "application/vnd.oci.empty.v1+json"),
        layers=(describe(b'{"spdx": true}', "application/spdx+json"),),
        artifact_type="application/spdx+json",
        subject=partial.descriptor(amd64),
    )
    odd = describe(b"<xml/>", "application/xml")
    index = ImageIndex(manifests=())
    index = layout.add_manifest(index, partial.descriptor(platforms), ref_name="v1")
    index = layout.add_manifest(index, partial.index_entry(sbom))
    index = layout.add_manifest(index, odd)
    blobs = {**platforms.blobs(), str(platforms.digest): platforms.raw_manifest}
    blobs[str(sbom.digest)] = sbom.raw
    blobs[str(compute_digest(b"{}"))] = b"{}"
    blobs[str(compute_digest(b'{"spdx": true}'))] = b'{"spdx": true}'
    blobs[str(odd.digest)] = b"<xml/>"
    return index, blobs, [amd64, arm64]


def test_reachable_blobs_walks_indexes_and_manifests() -> None:
    index, blobs, (amd64, _) = _layout()
    read_log: list[str] = []

    def read(d: Descriptor) -> bytes:
        read_log.append(str(d.digest))
        return blobs[str(d.digest)]

    reachable = layout.reachable_blobs(index, read)
    digests = [str(d.digest) for d in reachable]
    assert len(digests) == len(set(digests)) == len(blobs)  # every blob once (BASE is in both images)
    assert set(digests) == set(blobs)
    assert digests[0] == str(index.manifests[0].digest) and digests[1] == str(amd64.digest)
    assert len(read_log) == 4  # the nested index, two image manifests and the artifact manifest, never a layer


def test_unreachable_blobs_is_the_garbage() -> None:
    index, blobs, _ = _layout()
    stale = compute_digest(b"an image removed long ago")
    others = [layout.blob_path(stale), "blobs/sha256/tmp-upload", "blobs/x", "oci-layout"]
    present = [layout.blob_path(d) for d in blobs] + others
    assert layout.unreachable_blobs(index, lambda d: blobs[str(d.digest)], present) == (layout.blob_path(stale),)
    # After the tag goes, everything under it is garbage; the artifact and its blobs stay.
    untagged = layout.remove_manifests(index, ref_name="v1")
    garbage = set(layout.unreachable_blobs(untagged, lambda d: blobs[str(d.digest)], present))
    assert layout.blob_path(BASE.digest) in garbage and layout.blob_path(stale) in garbage
    assert layout.blob_path(compute_digest(b"{}")) not in garbage
    with pytest.raises(TypeError, match="present must be an iterable of str"):
        layout.unreachable_blobs(index, lambda d: blobs[str(d.digest)], "blobs/sha256/x")
    with pytest.raises(TypeError, match="present must hold str"):
        layout.unreachable_blobs(index, lambda d: blobs[str(d.digest)], [Path("blobs")])  # type: ignore[list-item]


def _run(check: layout.BlobCheck, content: bytes, chunk: int = 7) -> LayerDigests:
    digester = check.digester()
    for start in range(0, len(content), chunk):
        digester.update(content[start : start + chunk])
    return digester.finish()


def test_verify_plan_says_what_to_read_and_what_it_must_be() -> None:
    index, blobs, _ = _layout()
    plan = layout.verify_plan(index, lambda d: blobs[str(d.digest)])
    roles = [(check.role, check.diff_id) for check in plan]
    assert roles[:6] == [
        ("index", None),
        ("manifest", None),
        ("config", None),
        ("layer", BASE.diff_id),
        ("layer", APP.diff_id),
        ("manifest", None),
    ]
    assert ("layer", DATA.diff_id) in roles and ("blob", None) in roles
    assert [check.path for check in plan] == [layout.blob_path(check.descriptor.digest) for check in plan]
    assert {str(check.descriptor.digest) for check in plan} == set(blobs)
    for check in plan:
        check.verify(_run(check, blobs[str(check.descriptor.digest)]))


def test_verify_plan_catches_a_layer_whose_diff_id_is_wrong() -> None:
    index, blobs, _ = _layout()
    plan = layout.verify_plan(index, lambda d: blobs[str(d.digest)])
    layer = next(check for check in plan if check.diff_id == APP.diff_id)
    wrong_diff_id = layout.BlobCheck(layer.descriptor, "layer", compute_digest(b"not the tar"))
    with pytest.raises(errors.DigestMismatchError, match="diffID mismatch"):
        wrong_diff_id.verify(_run(wrong_diff_id, blobs[str(layer.descriptor.digest)]))
    with pytest.raises(errors.DigestMismatchError):
        layer.verify(_run(layer, BASE.content))  # another valid layer: its size or digest differs


def test_verify_plan_reads_configs_and_checks_them() -> None:
    index, blobs, (amd64, _) = _layout()
    config_digest = str(amd64.manifest().config.digest)
    broken = {**blobs, config_digest: blobs[config_digest] + b" "}
    with pytest.raises(errors.SizeMismatchError, match=f"config {config_digest}"):
        layout.verify_plan(index, lambda d: broken[str(d.digest)])
    # reachable_blobs does not read configs
    assert len(layout.reachable_blobs(index, lambda d: broken[str(d.digest)])) == len(blobs)


def test_a_layer_in_two_images_with_two_diff_ids_is_checked_for_each() -> None:
    good = MemoryImage.build((BASE,))
    lying = MemoryImage.build((BASE,), platform=Platform("linux", "arm64"))
    lying_raw = lying.raw_config.replace(str(BASE.diff_id).encode(), str(compute_digest(b"other")).encode())
    lying_config = describe(lying_raw, "application/vnd.oci.image.config.v1+json")
    manifest = ImageManifest(config=lying_config, layers=(BASE.descriptor(),))
    blobs = {**good.blobs(), str(manifest.digest): manifest.raw, str(compute_digest(lying_raw)): lying_raw}
    index = ImageIndex(manifests=(partial.descriptor(good), manifest.descriptor()))
    plan = layout.verify_plan(index, lambda d: blobs[str(d.digest)])
    layers = [check for check in plan if check.role == "layer"]
    assert [check.diff_id for check in layers] == [BASE.diff_id, compute_digest(b"other")]


def test_a_plan_of_an_uncomputable_digest() -> None:
    blake3 = Descriptor("application/octet-stream", Digest("blake3:" + "a" * 64), 3)
    plan = layout.verify_plan(ImageIndex(manifests=(blake3,)), lambda d: b"")
    assert plan[0].role == "blob"
    with pytest.raises(errors.UnsupportedAlgorithmError, match="no blake3 implementation"):
        plan[0].digester()


def test_verify_plan_of_an_empty_layout_is_empty() -> None:
    assert layout.verify_plan(ImageIndex(manifests=()), lambda d: b"") == ()
    assert layout.reachable_blobs(ImageIndex(manifests=()), lambda d: b"") == ()


def test_blob_checks_pickle() -> None:
    index, blobs, _ = _layout()
    plan = layout.verify_plan(index, lambda d: blobs[str(d.digest)])
    assert pickle.loads(pickle.dumps(plan)) == plan


def test_written_to_disk_and_read_back(tmp_path: Path) -> None:
    index, blobs, _ = _layout()
    write_layout(tmp_path, index, blobs)
    assert parse_image_layout((tmp_path / "oci-layout").read_bytes()) == ImageLayout()
    read_back = layout.parse_index((tmp_path / "index.json").read_bytes())
    assert read_back == index

    def read(d: Descriptor) -> bytes:
        return (tmp_path / layout.blob_path(d.digest)).read_bytes()

    plan = layout.verify_plan(read_back, read)
    for check in plan:
        check.verify(_run(check, (tmp_path / check.path).read_bytes(), chunk=4096))
    present = [path.relative_to(tmp_path).as_posix() for path in (tmp_path / "blobs").rglob("*") if path.is_file()]
    assert len(present) == len(blobs)
    assert layout.unreachable_blobs(read_back, read, present) == ()


def test_verify_plan_refuses_a_config_that_does_not_pair_up() -> None:
    image = MemoryImage.build((BASE, APP))
    short = image.raw_config.replace(f'"{APP.diff_id}"'.encode(), b"").replace(b'",]', b'"]')
    config = describe(short, "application/vnd.oci.image.config.v1+json")
    manifest = ImageManifest(config=config, layers=image.manifest().layers)
    blobs = {str(manifest.digest): manifest.raw, str(compute_digest(short)): short}
    with pytest.raises(errors.InvalidConfigError, match=f"config {compute_digest(short)}: the config lists 1 diff IDs"):
        layout.verify_plan(ImageIndex(manifests=(manifest.descriptor(),)), lambda d: blobs[str(d.digest)])
    not_json = {**blobs, str(compute_digest(short)): b"[]"}
    with pytest.raises(errors.SizeMismatchError):
        layout.verify_plan(ImageIndex(manifests=(manifest.descriptor(),)), lambda d: not_json[str(d.digest)])


def test_a_config_shared_by_two_manifests_is_checked_once() -> None:
    image = MemoryImage.build((BASE,))
    annotated = ImageManifest(config=image.manifest().config, layers=image.manifest().layers,
                              annotations=FrozenMap({"org.example": "another manifest, the same image"}))
    blobs = {**image.blobs(), str(annotated.digest): annotated.raw}
    index = ImageIndex(manifests=(partial.descriptor(image), annotated.descriptor()))
    def read(d: Descriptor) -> Any:
        return bytearray(blobs[str(d.digest)])  # any bytes-like object will do at run time

    plan = layout.verify_plan(index, read)
    assert [check.role for check in plan] == ["manifest", "config", "layer", "manifest"]


def test_update_type_errors() -> None:
    with pytest.raises(TypeError, match="index must be an ImageIndex, got list"):
        layout.remove_manifests([], ref_name="v1")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="ref_name must be a str"):
        layout.remove_manifests(ImageIndex(manifests=()), ref_name=b"v1")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="index must be an ImageIndex"):
        layout.verify_plan(b"{}", lambda d: b"")  # type: ignore[arg-type]


def test_blob_check_is_checked_when_made() -> None:
    entry = describe(b"x", "application/octet-stream")
    assert layout.BlobCheck(entry, "blob").path == layout.blob_path(entry.digest)
    with pytest.raises(TypeError, match=r"BlobCheck\.descriptor must be a Descriptor"):
        layout.BlobCheck(str(entry.digest), "blob")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"BlobCheck\.role must be one of index, manifest, config, layer, blob"):
        layout.BlobCheck(entry, "tarball")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"BlobCheck\.diff_id must be a Digest or None, got str"):
        layout.BlobCheck(entry, "layer", str(entry.digest))  # type: ignore[arg-type]


def test_every_reader_takes_max_size() -> None:
    from oci_core import config, descriptor, manifest

    documents = [
        (descriptor.parse_descriptor, b'{"mediaType":"a/b","digest":"sha256:' + b"a" * 64 + b'","size":1}'),
        (manifest.parse_manifest, b'{"schemaVersion":2,"manifests":[]}'),
        (manifest.parse_image_index, b'{"schemaVersion":2,"manifests":[]}'),
        (config.parse_image_config, b'{"architecture":"a","os":"o","rootfs":{"type":"layers"}}'),
        (parse_image_layout, b'{"imageLayoutVersion":"1.0.0"}'),
    ]
    for reader, raw in documents:
        assert reader(raw, max_size=len(raw))  # type: ignore[operator]
        with pytest.raises(errors.InvalidDocumentError, match="over the limit") as caught:
            reader(raw, max_size=len(raw) - 1)  # type: ignore[operator]
        assert caught.value.pointer == ""
        big = raw[:-1] + b" " * (4 * 1024 * 1024) + b"}"
        with pytest.raises(errors.InvalidDocumentError, match="over the limit of 4194304"):
            reader(big)  # type: ignore[operator]
        assert reader(big, max_size=len(big))  # type: ignore[operator]
