"""The tool's pure planning (oci_core._cli_plan): locations, links, the order of a copy, choices, layout referrers."""

from __future__ import annotations

from pathlib import Path

import pytest

from oci_core import errors
from oci_core._cli_plan import (
    MAX_DEPTH,
    Document,
    LayoutTarget,
    RegistryTarget,
    Tree,
    layout_referrers,
    links,
    parse_image_reference,
    parse_location,
    plan_transfer,
    read_document,
    select_entry,
    select_platform,
    split_layout_argument,
)
from oci_core.descriptor import EMPTY_JSON, Descriptor, describe
from oci_core.manifest import ImageIndex, ImageManifest, build_image_index, build_image_manifest, parse_manifest
from oci_core.mediatypes import (
    DOCKER_FOREIGN_LAYER,
    OCI_IMAGE_CONFIG,
    OCI_IMAGE_MANIFEST,
    OCI_LAYER_GZIP,
)
from oci_core.platform import Platform
from tests.cli_fixtures import write_layout

NAME = "org.opencontainers.image.ref.name"


def never(path: str) -> bool:
    return False


# -- locations ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("oci:out", LayoutTarget("out")),
        ("oci:out:v1", LayoutTarget("out", "v1")),
        ("oci:/a/b:c/d", LayoutTarget("/a/b:c/d")),  # a ":" before the last "/" is the path's
        ("oci:./x:registry.example/app:1.2", LayoutTarget("./x:registry.example/app", "1.2")),  # the last ":"
    ],
)
def test_layout_locations(text: str, expected: LayoutTarget) -> None:
    assert parse_location(text, is_dir=never) == expected


def test_an_existing_directory_is_taken_whole() -> None:
    assert parse_location("oci:odd:name", is_dir=lambda path: path == "odd:name") == LayoutTarget("odd:name")
    assert split_layout_argument("odd:name", is_dir=lambda path: path == "odd:name") == LayoutTarget("odd:name")


def test_registry_locations_read_as_docker_pull_does() -> None:
    location = parse_location("nginx", is_dir=never)
    assert isinstance(location, RegistryTarget) and str(location.reference) == "docker.io/library/nginx"
    assert str(parse_image_reference("docker://localhost:5000/a:v1")) == "localhost:5000/a:v1"
    with pytest.raises(errors.InvalidReferenceError):
        parse_location("Not A Reference", is_dir=never)


def test_a_layout_name_must_be_a_ref_name() -> None:
    with pytest.raises(errors.InvalidReferenceError) as caught:
        split_layout_argument("out:bad name!", is_dir=never)
    assert caught.value.span == (4, 13)
    with pytest.raises(errors.InvalidReferenceError):
        split_layout_argument("", is_dir=never)


# -- links and plans -----------------------------------------------------------------------------


def _image(content: bytes, platform: Platform | None = None) -> tuple[Document, Descriptor, Descriptor]:
    layer = describe(content, OCI_LAYER_GZIP)
    config = describe(b"{}" + content, OCI_IMAGE_CONFIG)
    raw, descriptor = build_image_manifest(config, [layer])
    if platform is not None:
        descriptor = Descriptor(descriptor.media_type, descriptor.digest, descriptor.size, platform=platform)
    return read_document(descriptor, raw), config, layer


def test_links_of_a_manifest_skip_foreign_layers() -> None:
    foreign = describe(b"windows base", DOCKER_FOREIGN_LAYER, urls=("https://example.invalid/base",))
    kept = describe(b"layer", OCI_LAYER_GZIP)
    manifest = ImageManifest(config=describe(b"{}", OCI_IMAGE_CONFIG), layers=(foreign, kept))
    assert links(manifest) == ((), (manifest.config, kept))


def test_links_of_an_index_split_manifests_from_blobs() -> None:
    image, _, _ = _image(b"a")
    other = describe(b"an unknown kind of entry", "application/vnd.example.thing")
    index = ImageIndex(manifests=(image.descriptor, other))
    assert links(index) == ((image.descriptor,), (other,))


def test_a_plan_puts_blobs_before_manifests_and_children_before_their_index() -> None:
    amd64, amd64_config, amd64_layer = _image(b"amd64", Platform("linux", "amd64"))
    arm64, arm64_config, _ = _image(b"arm64", Platform("linux", "arm64"))
    raw, descriptor = build_image_index([amd64.descriptor, arm64.descriptor])
    tree = Tree(read_document(descriptor, raw), (Tree(amd64), Tree(arm64)))
    steps = plan_transfer(tree)
    kinds = [(step.kind, step.descriptor.digest) for step in steps]
    assert kinds[0] == ("check", descriptor.digest)
    assert kinds[1:5] == [("check", amd64.digest), ("blob", amd64_config.digest), ("blob", amd64_layer.digest),
                          ("manifest", amd64.digest)]
    assert kinds[-1] == ("manifest", descriptor.digest) and steps[-1].root
    assert [step.root for step in steps if step.kind == "manifest"] == [False, False, True]
    # Each check names the end of its own region, the manifest's own step.
    for index, step in enumerate(steps):
        if step.kind == "check":
            assert steps[step.end].kind == "manifest" and steps[step.end].descriptor == step.descriptor
            assert step.end > index
    assert arm64_config.digest in {step.descriptor.digest for step in steps}


def test_a_blob_two_images_share_is_planned_once_and_done_blobs_not_at_all() -> None:
    shared = describe(b"shared", OCI_LAYER_GZIP)
    first_raw, first = build_image_manifest(describe(b"{1}", OCI_IMAGE_CONFIG), [shared])
    second_raw, second = build_image_manifest(describe(b"{2}", OCI_IMAGE_CONFIG), [shared])
    raw, descriptor = build_image_index([first, second])
    tree = Tree(read_document(descriptor, raw),
                (Tree(read_document(first, first_raw)), Tree(read_document(second, second_raw))))
    blobs = [step.descriptor.digest for step in plan_transfer(tree) if step.kind == "blob"]
    assert blobs.count(shared.digest) == 1 and len(blobs) == 3
    again = plan_transfer(tree, done=[shared.digest, first.digest])
    assert shared.digest not in [step.descriptor.digest for step in again]
    assert first.digest not in [step.descriptor.digest for step in again]


def test_a_plan_refuses_indexes_nested_too_deep() -> None:
    image, _, _ = _image(b"deep")
    tree = Tree(image)
    for level in range(MAX_DEPTH + 1):
        raw, descriptor = build_image_index([tree.document.descriptor], annotations={"level": str(level)})
        tree = Tree(read_document(descriptor, raw), (tree,))
    with pytest.raises(errors.InvalidIndexError, match="deeper"):
        plan_transfer(tree)


# -- choices --------------------------------------------------------------------------------------


def test_select_platform_names_what_there_is() -> None:
    amd64, _, _ = _image(b"x", Platform("linux", "amd64"))
    arm64, _, _ = _image(b"y", Platform("linux", "arm64", variant="v8"))
    index = ImageIndex(manifests=(amd64.descriptor, arm64.descriptor))
    assert select_platform(index, Platform("linux", "arm64"), "here") == arm64.descriptor
    with pytest.raises(errors.InvalidPlatformError) as caught:
        select_platform(index, Platform("linux", "s390x"), "r/app:v1")
    assert str(caught.value) == "r/app:v1 has no manifest for linux/s390x (it offers linux/amd64, linux/arm64/v8)"


def test_select_entry() -> None:
    one = describe(b"1", OCI_IMAGE_MANIFEST, annotations={NAME: "v1"})
    two = describe(b"2", OCI_IMAGE_MANIFEST, annotations={NAME: "v2"})
    blob = describe(b"3", "application/vnd.example")
    assert select_entry(ImageIndex(manifests=(one, blob)), None, "dir") == one
    assert select_entry(ImageIndex(manifests=(one, two)), "v2", "dir") == two
    with pytest.raises(errors.InvalidIndexError, match=r"holds 2 images, not one; name one with DIR:NAME \(v1, v2\)"):
        select_entry(ImageIndex(manifests=(one, two)), None, "dir")
    with pytest.raises(errors.InvalidIndexError, match=r"no image named 'v3' \(names: v1, v2\)"):
        select_entry(ImageIndex(manifests=(one, two)), "v3", "dir")


def test_layout_referrers_reads_subjects(tmp_path: Path) -> None:
    image = write_layout(tmp_path / "layout")
    index = parse_manifest((image.root / "index.json").read_bytes())
    assert isinstance(index, ImageIndex)

    def read(d: Descriptor) -> bytes:
        return image.blobs[str(d.digest)]

    found = layout_referrers(index, read, image.index.digest)
    assert found == (image.referrers["application/spdx+json"],)
    signed = image.images["linux/amd64"].digest
    assert layout_referrers(index, read, signed, "application/vnd.example.signature.v1") == (
        image.referrers["application/vnd.example.signature.v1"],)
    assert layout_referrers(index, read, signed, "text/other") == ()

    def unreadable(d: Descriptor) -> bytes:
        raise FileNotFoundError(d.digest)

    assert layout_referrers(index, unreadable, image.index.digest) == ()


def test_document_knows_its_subject_and_referrer_form() -> None:
    target, _, _ = _image(b"subject")
    raw, descriptor = build_image_manifest(EMPTY_JSON, [EMPTY_JSON], artifact_type="text/x", subject=target.descriptor)
    document = read_document(descriptor, raw)
    assert document.subject == target.descriptor
    assert document.referrer().artifact_type == "text/x" and document.digest == descriptor.digest
    assert read_document(target.descriptor, target.raw).subject is None
    assert document.descriptor.media_type == OCI_IMAGE_MANIFEST
