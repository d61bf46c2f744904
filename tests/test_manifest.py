"""Image manifests and indexes: dispatch, refusals, writing, builders."""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle
from typing import Any

import pytest

from oci_core import errors
from oci_core import mediatypes as mt
from oci_core.descriptor import EMPTY_JSON, Descriptor, FrozenMap, describe
from oci_core.digest import Digest, compute_digest
from oci_core.manifest import (
    ImageIndex,
    ImageManifest,
    build_image_index,
    build_image_manifest,
    detect_media_type,
    effective_artifact_type,
    manifest_digest,
    parse_image_index,
    parse_image_manifest,
    parse_manifest,
)
from oci_core.platform import Platform

A = "sha256:" + "a" * 64
B = "sha256:" + "b" * 64
CONFIG = {"mediaType": mt.OCI_IMAGE_CONFIG, "digest": A, "size": 7}
LAYER = {"mediaType": mt.OCI_LAYER_GZIP, "digest": B, "size": 9}


def oci_manifest(**members: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {"schemaVersion": 2, "mediaType": mt.OCI_IMAGE_MANIFEST, "config": CONFIG, "layers": [LAYER]}
    doc.update(members)
    return {k: v for k, v in doc.items() if v is not None}


def oci_index(**members: Any) -> dict[str, Any]:
    entry = {**CONFIG, "mediaType": mt.OCI_IMAGE_MANIFEST}
    doc: dict[str, Any] = {"schemaVersion": 2, "mediaType": mt.OCI_IMAGE_INDEX, "manifests": [entry]}
    doc.update(members)
    return {k: v for k, v in doc.items() if v is not None}


def raw(doc: object) -> bytes:
    return json.dumps(doc).encode()


def refusal(document: object, error: type[errors.OCIError], media_type: str | None = None) -> errors.OCIError:
    source = document if isinstance(document, bytes) else raw(document)
    with pytest.raises(error) as caught:
        parse_manifest(source, media_type)
    return caught.value


# -- reading -------------------------------------------------------------------------------------------


def test_reads_an_oci_manifest_and_keeps_its_bytes() -> None:
    source = raw(oci_manifest(annotations={"k": "v"}))
    m = parse_manifest(source)
    assert isinstance(m, ImageManifest)
    assert m.raw == source and m.size == len(source) and m.digest == compute_digest(source)
    assert m.descriptor() == Descriptor(mt.OCI_IMAGE_MANIFEST, compute_digest(source), len(source))
    assert m.config == Descriptor(mt.OCI_IMAGE_CONFIG, Digest(A), 7)
    assert m.layers == (Descriptor(mt.OCI_LAYER_GZIP, Digest(B), 9),)
    assert m.annotations == {"k": "v"} and m.subject is None and m.artifact_type is None
    assert not m.omit_media_type
    # Spacing and member order change the bytes and the digest, not the value.
    compact = json.dumps(oci_manifest(annotations={"k": "v"}), separators=(",", ":")).encode()
    assert parse_manifest(compact) == m and parse_manifest(compact).digest != m.digest


def test_dispatch_on_the_document() -> None:
    assert isinstance(parse_manifest(raw(oci_index())), ImageIndex)
    no_type = parse_manifest(raw(oci_manifest(mediaType=None)))
    assert isinstance(no_type, ImageManifest) and no_type.media_type == mt.OCI_IMAGE_MANIFEST
    assert no_type.omit_media_type
    no_type_index = parse_manifest(raw(oci_index(mediaType=None)))
    assert isinstance(no_type_index, ImageIndex) and no_type_index.omit_media_type
    docker = parse_manifest(raw(oci_manifest(mediaType=mt.DOCKER_MANIFEST_SCHEMA2)))
    assert docker.media_type == mt.DOCKER_MANIFEST_SCHEMA2
    err = refusal({"schemaVersion": 2}, errors.InvalidManifestError)
    assert "cannot tell" in str(err) and err.pointer == ""


def test_content_type_must_agree() -> None:
    source = raw(oci_manifest())
    assert parse_manifest(source, mt.OCI_IMAGE_MANIFEST + "; charset=utf-8").media_type == mt.OCI_IMAGE_MANIFEST
    assert parse_manifest(source, "Application/Vnd.OCI.Image.Manifest.V1+JSON").media_type == mt.OCI_IMAGE_MANIFEST
    err = refusal(oci_manifest(), errors.MediaTypeMismatchError, mt.OCI_IMAGE_INDEX)
    assert err.pointer == "/mediaType"
    refusal(oci_manifest(), errors.MediaTypeMismatchError, "application/json")
    refusal(oci_manifest(), errors.MediaTypeMismatchError, "not a media type")
    # Without mediaType, the Content-Type decides, and the shape must agree.
    assert parse_manifest(raw(oci_index(mediaType=None)), mt.OCI_IMAGE_INDEX).omit_media_type
    err = refusal(oci_index(mediaType=None), errors.MediaTypeMismatchError, mt.OCI_IMAGE_MANIFEST)
    assert err.pointer == "/manifests"
    # Docker types require mediaType in the body (distribution refuses it otherwise).
    err = refusal(oci_manifest(mediaType=None), errors.InvalidManifestError, mt.DOCKER_MANIFEST_SCHEMA2)
    assert err.pointer == "/mediaType" and "required" in str(err)
    with pytest.raises(TypeError):  # the caller's argument is no str: the contract's TypeError (errors.py)
        parse_manifest(source, 42)  # type: ignore[arg-type]


def test_ambiguous_documents_are_refused() -> None:
    extras: list[dict[str, Any]] = [{"manifests": []}, {"manifests": None}]
    for extra in extras:
        err = refusal(oci_manifest(**extra) | extra, errors.AmbiguousManifestError)
        assert err.pointer == "/manifests" and "CVE-2021-41190" in str(err)
    err = refusal(oci_index(config=CONFIG), errors.AmbiguousManifestError)
    assert "CVE-2021-41190" in str(err)
    # A declared kind contradicted by the shape.
    err = refusal({"schemaVersion": 2, "mediaType": mt.OCI_IMAGE_INDEX, "layers": []}, errors.AmbiguousManifestError)
    assert err.pointer == "/layers"
    declared_manifest = {"schemaVersion": 2, "mediaType": mt.OCI_IMAGE_MANIFEST, "manifests": []}
    err = refusal(declared_manifest, errors.AmbiguousManifestError)
    assert err.pointer == "/manifests"


@pytest.mark.parametrize(
    ("document", "pointer"),
    [
        ({"schemaVersion": 1, "fsLayers": []}, "/schemaVersion"),
        ({"schemaVersion": 2, "mediaType": mt.DOCKER_MANIFEST_SCHEMA1}, "/mediaType"),
        ({"schemaVersion": 2, "mediaType": mt.DOCKER_MANIFEST_SCHEMA1_SIGNED}, "/mediaType"),
        ({"schemaVersion": 2, "fsLayers": []}, "/fsLayers"),
        (oci_manifest(signatures=[]), "/signatures"),
    ],
)
def test_schema1_is_refused_by_name(document: dict[str, Any], pointer: str) -> None:
    err = refusal(document, errors.UnsupportedManifestError)
    assert "schema1" in str(err) and err.pointer == pointer
    with pytest.raises(errors.UnsupportedManifestError, match="schema1"):
        parse_manifest(raw(oci_manifest()), mt.DOCKER_MANIFEST_SCHEMA1_SIGNED)


def test_the_withdrawn_artifact_manifest_is_refused() -> None:
    artifact = {"schemaVersion": 2, "mediaType": mt.OCI_ARTIFACT_MANIFEST, "blobs": []}
    err = refusal(artifact, errors.UnsupportedManifestError)
    assert "artifactType" in str(err)


@pytest.mark.parametrize(
    ("document", "pointer"),
    [
        (oci_manifest(schemaVersion=None), "/schemaVersion"),
        (oci_manifest(schemaVersion=3), "/schemaVersion"),
        (oci_manifest(schemaVersion=2.0), "/schemaVersion"),
        (oci_manifest(schemaVersion=True), "/schemaVersion"),
        (oci_manifest(mediaType=7), "/mediaType"),
        (oci_manifest(mediaType="application/json"), "/mediaType"),
        (oci_manifest(config=None), "/config"),
        (oci_manifest(config=[CONFIG]), "/config"),
        (oci_manifest(config={**CONFIG, "size": -1}), "/config/size"),
        (oci_manifest(layers=None), "/layers"),
        (oci_manifest(layers=[]), "/layers"),
        (oci_manifest(layers=LAYER), "/layers"),
        (oci_manifest(layers=[LAYER, {**LAYER, "digest": "sha256:" + "A" * 64}]), "/layers/1/digest"),
        (oci_manifest(layers=[LAYER, "x"]), "/layers/1"),
        (oci_manifest(annotations={"a": 1}), "/annotations/a"),
        (oci_manifest(annotations=LAYER), "/annotations/size"),
        (oci_manifest(artifactType="nope"), "/artifactType"),
        (oci_manifest(subject="nope"), "/subject"),
        (oci_manifest(subject={**LAYER, "size": "9"}), "/subject/size"),
        (oci_manifest(config={**CONFIG, "mediaType": mt.OCI_EMPTY_JSON}), "/artifactType"),
    ],
)
def test_manifest_refusals_name_the_member(document: dict[str, Any], pointer: str) -> None:
    err = refusal(document, errors.InvalidManifestError)
    assert not isinstance(err, errors.InvalidIndexError)
    assert err.pointer == pointer, str(err)


@pytest.mark.parametrize(
    ("document", "pointer"),
    [
        (oci_index(manifests=None), "/manifests"),
        (oci_index(manifests={}), "/manifests"),
        (oci_index(manifests=[{**LAYER, "platform": {"os": "linux"}}]), "/manifests/0/platform/architecture"),
        (oci_index(annotations=[]), "/annotations"),
        (oci_index(subject=3), "/subject"),
        ({"schemaVersion": 2, "mediaType": mt.DOCKER_MANIFEST_LIST, "manifests": [LAYER]}, "/manifests/0/platform"),
    ],
)
def test_index_refusals_name_the_member(document: dict[str, Any], pointer: str) -> None:
    err = refusal(document, errors.InvalidIndexError)
    assert err.pointer == pointer, str(err)


def test_kind_specific_readers() -> None:
    with pytest.raises(errors.InvalidManifestError, match="not an image manifest") as caught:
        parse_image_manifest(raw(oci_index()))
    assert caught.value.pointer == "/mediaType"
    with pytest.raises(errors.InvalidIndexError, match="not an index") as caught_index:
        parse_image_index(raw(oci_manifest(mediaType=None)))
    assert caught_index.value.pointer == "/config"
    with pytest.raises(errors.InvalidIndexError):
        parse_image_index(b"[]")


def test_docker_documents_ignore_oci_only_members() -> None:
    doc = oci_manifest(mediaType=mt.DOCKER_MANIFEST_SCHEMA2, annotations={"a": "b"}, artifactType="x/y", subject="junk")
    m = parse_image_manifest(raw(doc))
    assert m.annotations == {} and m.artifact_type is None and m.subject is None
    no_layers = raw(oci_manifest(mediaType=mt.DOCKER_MANIFEST_SCHEMA2, layers=[]))
    assert m.layers and parse_image_manifest(no_layers).layers == ()


def test_docker_list_entries_keep_their_features() -> None:
    platform = {"architecture": "amd64", "os": "linux", "features": ["sse4"]}
    entry = {**CONFIG, "mediaType": mt.DOCKER_MANIFEST_SCHEMA2, "platform": platform}
    index = parse_image_index(raw({"schemaVersion": 2, "mediaType": mt.DOCKER_MANIFEST_LIST, "manifests": [entry]}))
    assert index.manifests[0].platform == Platform("linux", "amd64", features=("sse4",))
    assert b'"features":["sse4"]' in index.to_json()
    oci = parse_image_index(raw(oci_index(manifests=[entry])))
    assert oci.manifests[0].platform == Platform("linux", "amd64")


def test_arbitrary_input_gives_an_oci_error() -> None:
    for source in (b"", b"null", b"[]", b'"x"', b"\xff\xfe", b"{", b'{"a":1,"a":2}', "{}", b"{}" * 3):
        with pytest.raises(errors.InvalidManifestError):
            parse_manifest(source)
    with pytest.raises(errors.InvalidManifestError):
        parse_manifest(12)  # type: ignore[arg-type]
    with pytest.raises(errors.InvalidManifestError):
        parse_manifest("\ud800")


def test_the_fast_path_and_the_strict_path_agree() -> None:
    # Repeated keys, escapes, non-ASCII text and descriptors in odd places all
    # take the strict reader; the answers are the same.
    dup = raw(oci_manifest()).replace(b'"size": 9', b'"size": 9, "size": 9')
    err = refusal(dup, errors.InvalidManifestError)
    assert "duplicate" in str(err) and err.pointer == "/layers/0"
    escaped = raw(oci_manifest(annotations={"k": "<&>"}))
    assert b"\\u003c" not in escaped  # json.dumps keeps them raw; Go escapes them
    go_style = escaped.replace(b"<&>", b"\\u003c\\u0026\\u003e")
    assert parse_manifest(go_style).annotations == {"k": "<&>"}
    unicode_doc = raw(oci_manifest(annotations={"k": "ünïcode"})).replace(b"\\u00fc", "ü".encode())
    assert parse_manifest(unicode_doc).annotations["k"].startswith("ü")
    # A descriptor-shaped unknown member is just ignored.
    assert parse_manifest(raw(oci_manifest(extra=CONFIG))) == parse_manifest(raw(oci_manifest()))
    # Members in an unusual order take the general descriptor reader.
    reordered = oci_manifest(config={"size": 7, "digest": A, "mediaType": mt.OCI_IMAGE_CONFIG})
    assert parse_manifest(raw(reordered)) == parse_manifest(raw(oci_manifest()))


# -- values, writing and building ------------------------------------------------------------------------------


def test_constructed_values_write_go_s_bytes() -> None:
    m = ImageManifest(
        config=describe(b"{}", mt.OCI_IMAGE_CONFIG),
        layers=(describe(b"layer", mt.OCI_LAYER_GZIP),),
        artifact_type="application/vnd.example",
        subject=EMPTY_JSON.with_data(None),
        annotations=FrozenMap({"b": "1", "a": "<2>"}),
    )
    obj = json.loads(m.raw)
    assert list(obj) == ["schemaVersion", "mediaType", "artifactType", "config", "layers", "subject", "annotations"]
    assert list(obj["annotations"]) == ["a", "b"] and b"\\u003c2\\u003e" in m.raw
    assert parse_manifest(m.raw) == m and m.digest == compute_digest(m.raw)
    index = ImageIndex(
        manifests=(m.descriptor(),), artifact_type="application/vnd.example", annotations=FrozenMap({"x": "y"})
    )
    assert list(json.loads(index.raw)) == ["schemaVersion", "mediaType", "artifactType", "manifests", "annotations"]
    assert parse_manifest(index.raw) == index
    omitted = ImageManifest(config=EMPTY_JSON, layers=(EMPTY_JSON,), artifact_type="a/b", omit_media_type=True)
    assert b"mediaType\":\"application/vnd.oci.image.manifest" not in omitted.raw
    assert parse_manifest(omitted.raw) == omitted


@pytest.mark.parametrize(
    ("kwargs", "pointer"),
    [
        ({"media_type": mt.OCI_IMAGE_INDEX}, "/mediaType"),
        ({"layers": ()}, "/layers"),
        ({"config": EMPTY_JSON}, "/artifactType"),
        ({"artifact_type": "nope"}, "/artifactType"),
        ({"media_type": mt.DOCKER_MANIFEST_SCHEMA2, "annotations": FrozenMap({"a": "b"})}, "/annotations"),
        ({"media_type": mt.DOCKER_MANIFEST_SCHEMA2, "artifact_type": "a/b"}, "/artifactType"),
        ({"media_type": mt.DOCKER_MANIFEST_SCHEMA2, "subject": EMPTY_JSON}, "/subject"),
        ({"media_type": mt.DOCKER_MANIFEST_SCHEMA2, "omit_media_type": True}, "/mediaType"),
    ],
)
def test_constructor_refusals(kwargs: dict[str, Any], pointer: str) -> None:
    base: dict[str, Any] = {"config": describe(b"{}", mt.OCI_IMAGE_CONFIG), "layers": (EMPTY_JSON,)}
    with pytest.raises(errors.InvalidManifestError) as caught:
        ImageManifest(**{**base, **kwargs})
    assert caught.value.pointer == pointer


def test_constructor_type_errors_and_coercion() -> None:
    m = ImageManifest(config=EMPTY_JSON, layers=[EMPTY_JSON], artifact_type="a/b", annotations={"k": "v"})  # type: ignore[arg-type]
    assert m.layers == (EMPTY_JSON,) and m.annotations == FrozenMap({"k": "v"})
    with pytest.raises(TypeError):
        ImageManifest(config="x", layers=(EMPTY_JSON,))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ImageManifest(config=EMPTY_JSON, layers=("x",), artifact_type="a/b")  # type: ignore[arg-type]
    with pytest.raises(errors.InvalidIndexError) as caught:
        ImageIndex(manifests=(EMPTY_JSON.with_data(None),), media_type=mt.DOCKER_MANIFEST_LIST)
    assert caught.value.pointer == "/manifests/0/platform"
    with pytest.raises(errors.InvalidIndexError) as caught:
        ImageIndex(manifests=(EMPTY_JSON,), media_type=mt.DOCKER_MANIFEST_LIST)
    assert caught.value.pointer == "/manifests/0/data"  # distribution's Descriptor has no data


def test_builders_return_bytes_and_their_descriptor() -> None:
    data, desc = build_image_manifest(EMPTY_JSON, [describe(b"x", "text/plain")], artifact_type="application/x.thing")
    assert desc == Descriptor(mt.OCI_IMAGE_MANIFEST, compute_digest(data), len(data))
    assert parse_manifest(data).descriptor() == desc
    indented, indented_desc = build_image_manifest(EMPTY_JSON, [EMPTY_JSON], artifact_type="a/b", indent="   ")
    assert indented.startswith(b'{\n   "schemaVersion": 2,') and indented_desc.size == len(indented)
    platform = Platform("linux", "arm64", "v8")
    entry = dataclasses.replace(desc, platform=platform)
    data, desc = build_image_index([entry], annotations={"a": "b"})
    assert parse_image_index(data).manifests == (entry,)
    docker, docker_desc = build_image_index(
        [dataclasses.replace(entry, media_type=mt.DOCKER_MANIFEST_SCHEMA2)], media_type=mt.DOCKER_MANIFEST_LIST
    )
    assert docker_desc.media_type == mt.DOCKER_MANIFEST_LIST
    assert json.loads(docker)["manifests"][0]["platform"] == {"architecture": "arm64", "os": "linux", "variant": "v8"}


def test_each_format_writes_its_own_go_type_s_order() -> None:
    entry = Descriptor(mt.DOCKER_MANIFEST_SCHEMA2, Digest(A), 1, annotations=FrozenMap({"a": "b"}),
                       platform=Platform("linux", "amd64"))
    index = ImageIndex(manifests=(entry,), media_type=mt.DOCKER_MANIFEST_LIST)
    # distribution's ManifestDescriptor: a distribution.Descriptor, then its PlatformSpec.
    assert list(json.loads(index.raw)["manifests"][0]) == ["mediaType", "size", "digest", "annotations", "platform"]
    oci = ImageIndex(manifests=(dataclasses.replace(entry, artifact_type="x/y"),))
    # image-spec's v1.Descriptor.
    assert list(json.loads(oci.raw)["manifests"][0]) == [
        "mediaType", "digest", "size", "annotations", "platform", "artifactType",
    ]  # fmt: skip
    docker = ImageManifest(config=describe(b"{}", mt.DOCKER_CONFIG), layers=(describe(b"x", mt.DOCKER_LAYER),),
                           media_type=mt.DOCKER_MANIFEST_SCHEMA2)
    assert list(json.loads(docker.raw)) == ["schemaVersion", "mediaType", "config", "layers"]
    assert list(json.loads(docker.raw)["config"]) == ["mediaType", "size", "digest"]
    # What a Docker descriptor cannot hold, a constructor refuses, so that the bytes read back equal.
    for member, changed in (("data", {"data": b"x"}), ("artifactType", {"artifact_type": "x/y"})):
        with pytest.raises(errors.InvalidManifestError) as caught:
            ImageManifest(config=docker.config, layers=(dataclasses.replace(docker.layers[0], **changed),),
                          media_type=mt.DOCKER_MANIFEST_SCHEMA2)
        assert caught.value.pointer == f"/layers/0/{member}"
    with pytest.raises(errors.InvalidIndexError) as caught:
        ImageIndex(manifests=(dataclasses.replace(entry, platform=Platform("linux", "amd64", features=("sse4",))),))
    assert caught.value.pointer == "/manifests/0/platform/features"


def test_effective_artifact_type() -> None:
    m = ImageManifest(config=EMPTY_JSON, layers=(EMPTY_JSON,), artifact_type="application/x.sbom")
    assert effective_artifact_type(m) == "application/x.sbom"
    example_config = {**CONFIG, "mediaType": "application/vnd.example.config+json"}
    plain = parse_image_manifest(raw(oci_manifest(config=example_config)))
    assert effective_artifact_type(plain) == "application/vnd.example.config+json"
    assert effective_artifact_type(ImageIndex(manifests=())) is None
    assert effective_artifact_type(ImageIndex(manifests=(), artifact_type="a/b")) == "a/b"


def test_values_are_immutable_and_copy_by_their_bytes() -> None:
    source = raw(oci_manifest(annotations={"k": "v"}))
    m = parse_manifest(source)
    assert isinstance(m, ImageManifest)
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.layers = ()  # type: ignore[misc]
    for clone in (pickle.loads(pickle.dumps(m)), copy.copy(m), copy.deepcopy(m)):
        assert clone == m and clone.raw == source and clone.digest == m.digest
    assert hash(m) == hash(parse_manifest(source))
    assert repr(m).startswith("ImageManifest(media_type='application/vnd.oci.image.manifest.v1+json', artifact_type=")
    changed = dataclasses.replace(m, annotations=FrozenMap())
    assert type(changed) is ImageManifest and changed.raw != source and parse_manifest(changed.raw) == changed
    assert dataclasses.asdict(m)["annotations"] == {"k": "v"}
    index = parse_manifest(raw(oci_index()))
    assert pickle.loads(pickle.dumps(index)) == index and index.digest == compute_digest(index.raw)


def test_detect_media_type_precedence() -> None:
    assert detect_media_type(raw(oci_manifest())) == mt.OCI_IMAGE_MANIFEST
    assert detect_media_type(raw(oci_manifest(mediaType="application/json"))) is None
    assert detect_media_type(raw(oci_manifest(mediaType=None))) == mt.OCI_IMAGE_MANIFEST
    docker_config = {**CONFIG, "mediaType": mt.DOCKER_CONFIG}
    assert detect_media_type(raw(oci_manifest(mediaType=None, config=docker_config))) == mt.DOCKER_MANIFEST_SCHEMA2
    assert detect_media_type(raw(oci_index(mediaType=None))) == mt.OCI_IMAGE_INDEX
    assert detect_media_type(raw({"schemaVersion": 2, "manifests": [], "layers": []})) is None
    assert detect_media_type(raw({"schemaVersion": 2})) is None
    assert detect_media_type(raw({"schemaVersion": 1})) == mt.DOCKER_MANIFEST_SCHEMA1
    assert detect_media_type(raw({"schemaVersion": 1, "signatures": []})) == mt.DOCKER_MANIFEST_SCHEMA1_SIGNED
    assert detect_media_type(raw({"schemaVersion": True, "config": {}})) is None
    for junk in (b"", b"[]", b"nope", b"\xff", "{}"):
        assert detect_media_type(junk) is None
    assert detect_media_type(42) is None  # type: ignore[arg-type]


def test_manifest_digest_is_the_digest_of_the_bytes() -> None:
    source = raw(oci_manifest())
    assert manifest_digest(source) == compute_digest(source)
    assert manifest_digest(source, "sha512") == compute_digest(source, "sha512")


def test_the_document_modules_doctests() -> None:
    import doctest

    from oci_core import _frozenmap, config, descriptor, layout, manifest

    for module in (_frozenmap, descriptor, manifest, config, layout):
        failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert attempted and not failed, module.__name__


def test_parsed_values_are_exactly_the_public_types() -> None:
    from oci_core import descriptor as descriptor_module
    from oci_core import manifest as manifest_module

    from .vectors import ROOT

    raw = (ROOT / "examples" / "manifest.json").read_bytes()
    parsed = manifest_module.parse_manifest(raw)
    assert type(parsed) is manifest_module.ImageManifest
    assert type(parsed.config) is descriptor_module.Descriptor
    assert all(type(layer) is descriptor_module.Descriptor for layer in parsed.layers)
    with pytest.raises(AttributeError):
        parsed.config.size = 1  # type: ignore[misc]
    with pytest.raises(AttributeError):
        parsed.raw = b""  # type: ignore[misc]


def test_the_bundled_examples_point_at_each_other_by_digest() -> None:
    from oci_core.config import parse_image_config

    from .vectors import ROOT

    examples = ROOT / "examples"
    image_config = parse_image_config((examples / "config.json").read_bytes())
    for index_name, manifest_name, config_type in (
        ("index.json", "manifest.json", mt.OCI_IMAGE_CONFIG),
        ("docker-manifest-list.json", "docker-manifest.json", mt.DOCKER_CONFIG),
    ):
        index = parse_image_index((examples / index_name).read_bytes())
        image = parse_image_manifest((examples / manifest_name).read_bytes())
        (entry,) = index.manifests
        assert entry == dataclasses.replace(image.descriptor(), platform=image_config.platform())
        assert image.config == image_config.descriptor(config_type)
        assert [layer.size for layer in image.layers] == [29126484, 3457, 147, 9875521, 1024]
    docker = parse_manifest((examples / "docker-manifest.json").read_bytes())
    assert docker.media_type == mt.DOCKER_MANIFEST_SCHEMA2 and docker.to_json(indent="   ") == docker.raw
    docker_list = parse_manifest((examples / "docker-manifest-list.json").read_bytes())
    assert docker_list.media_type == mt.DOCKER_MANIFEST_LIST and docker_list.to_json(indent="   ") == docker_list.raw


def test_a_content_type_that_is_no_str_is_a_type_error_whatever_the_document() -> None:
    # The caller's argument, not the document's data (errors.py): TypeError, for a good document and a bad one.
    for raw in (b'{"schemaVersion": 2, "manifests": []}', b"[", b"{}"):
        with pytest.raises(TypeError, match="media_type"):
            parse_manifest(raw, media_type=b"application/vnd.oci.image.index.v1+json")  # type: ignore[arg-type]
