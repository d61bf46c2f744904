"""Referrers through the fallback tag: the tag, the entries, the index and its updates (distribution-spec)."""

from __future__ import annotations

import json

import pytest

from oci_core import errors, partial
from oci_core.descriptor import EMPTY_JSON, Descriptor, FrozenMap, describe
from oci_core.digest import Digest, compute_digest
from oci_core.manifest import ImageIndex, ImageManifest, parse_image_index, parse_manifest
from oci_core.mediatypes import (
    DOCKER_MANIFEST_LIST,
    OCI_IMAGE_CONFIG,
    OCI_IMAGE_INDEX,
    OCI_IMAGE_MANIFEST,
)
from oci_core.platform import Platform
from oci_core.reference import parse_reference

SUBJECT = describe(b"the subject manifest", OCI_IMAGE_MANIFEST)
LAYER = describe(b"layer", "application/vnd.oci.image.layer.v1.tar+gzip")


def _manifest(artifact_type: str | None, *, annotations: dict[str, str] | None = None) -> ImageManifest:
    config = EMPTY_JSON if artifact_type is not None else describe(b"{}", OCI_IMAGE_CONFIG)
    return ImageManifest(
        config=config,
        layers=(LAYER,),
        artifact_type=artifact_type,
        subject=SUBJECT,
        annotations=FrozenMap(annotations or {}),
    )


def test_referrers_tag_is_the_spec_schema() -> None:
    assert partial.referrers_tag(SUBJECT.digest) == "sha256-" + SUBJECT.digest.encoded
    assert partial.referrers_tag(str(SUBJECT.digest)) == "sha256-" + SUBJECT.digest.encoded
    long_digest = "sha512:" + "c" * 128
    assert partial.referrers_tag(long_digest) == "sha512-" + "c" * 64
    tag = partial.referrers_tag("a+b.c_d-e:x=Y_z-")
    assert tag == "a-b.c_d-e-x-Y_z-"
    assert parse_reference(f"example.com/repo:{tag}").tag == tag


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("sha256:abc", errors.InvalidDigestLengthError),
        ("sha256:" + "A" * 64, errors.InvalidDigestFormatError),
        ("no-colon", errors.InvalidDigestFormatError),
        ("UPPER:abc", errors.InvalidDigestFormatError),
        ("", errors.InvalidDigestFormatError),
    ],
)
def test_referrers_tag_refuses_what_is_no_digest(text: str, error: type[errors.OCIError]) -> None:
    with pytest.raises(error):
        partial.referrers_tag(text)


def test_referrers_tag_wants_text() -> None:
    with pytest.raises(TypeError, match="digest must be a Digest or str, got bytes"):
        partial.referrers_tag(b"sha256:" + b"a" * 64)  # type: ignore[arg-type]


def test_referrers_tag_judges_the_text_of_a_str_subclass() -> None:
    class Sneaky(str):
        def partition(self, sep: str) -> tuple[str, str, str]:
            return ("../../evil", ":", "x")

    assert partial.referrers_tag(Sneaky("sha256:" + "d" * 64)) == "sha256-" + "d" * 64


def test_referrer_descriptor_of_an_artifact_manifest() -> None:
    sbom = _manifest("application/spdx+json", annotations={"org.opencontainers.image.created": "2024-01-01T00:00:00Z"})
    entry = partial.referrer_descriptor(sbom)
    assert entry.media_type == OCI_IMAGE_MANIFEST
    assert entry.digest == compute_digest(sbom.raw) and entry.size == len(sbom.raw)
    assert entry.artifact_type == "application/spdx+json"
    assert entry.annotations == {"org.opencontainers.image.created": "2024-01-01T00:00:00Z"}
    assert entry.platform is None and entry.urls == () and entry.data is None


def test_referrer_descriptor_falls_back_to_the_config_media_type() -> None:
    # "If the artifactType is empty or missing in the image manifest, the value
    # of artifactType MUST be set to the config descriptor mediaType value."
    image = _manifest(None)
    assert partial.referrer_descriptor(image).artifact_type == OCI_IMAGE_CONFIG


def test_referrer_descriptor_of_an_index() -> None:
    # "If the artifactType is empty or missing in an index, the artifactType MUST be omitted."
    plain = ImageIndex(manifests=(SUBJECT,), subject=SUBJECT, annotations=FrozenMap({"a": "b"}))
    entry = partial.referrer_descriptor(plain)
    assert entry.artifact_type is None and entry.media_type == OCI_IMAGE_INDEX
    assert b"artifactType" not in entry.to_json() and entry.annotations == {"a": "b"}
    typed = ImageIndex(manifests=(), artifact_type="application/x.bundle", subject=SUBJECT)
    assert partial.referrer_descriptor(typed).artifact_type == "application/x.bundle"


def test_referrer_descriptor_of_parsed_bytes_uses_those_bytes() -> None:
    raw = _manifest("text/sig").to_json(indent="  ")
    document = parse_manifest(raw)
    entry = partial.referrer_descriptor(document)
    assert entry.digest == compute_digest(raw) and entry.size == len(raw)


def test_referrer_descriptor_wants_a_document() -> None:
    with pytest.raises(TypeError, match="document must be an ImageManifest or ImageIndex, got bytes"):
        partial.referrer_descriptor(b"{}")  # type: ignore[arg-type]


def test_referrers_index_is_the_spec_response() -> None:
    annotations = {"org.example.sbom.format": "json"}
    sbom = partial.referrer_descriptor(_manifest("application/vnd.example.sbom.v1", annotations=annotations))
    signature = partial.referrer_descriptor(_manifest("application/vnd.example.signature.v1"))
    raw, descriptor = partial.referrers_index([sbom, signature, sbom])
    assert descriptor == Descriptor(OCI_IMAGE_INDEX, compute_digest(raw), len(raw))
    document = json.loads(raw)
    assert document["schemaVersion"] == 2 and document["mediaType"] == OCI_IMAGE_INDEX
    assert [entry["artifactType"] for entry in document["manifests"]] == [
        "application/vnd.example.sbom.v1",
        "application/vnd.example.signature.v1",
    ]
    assert document["manifests"][0]["annotations"] == {"org.example.sbom.format": "json"}
    assert parse_image_index(raw).manifests == (sbom, signature)


def test_referrers_index_type_errors() -> None:
    with pytest.raises(TypeError, match="descriptors must be an iterable of Descriptor, got str"):
        partial.referrers_index("sha256:")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="descriptors must hold Descriptor values, got dict"):
        partial.referrers_index([{"mediaType": "a/b"}])  # type: ignore[list-item]


def test_add_referrer_appends_once_and_keeps_order() -> None:
    a, b, c = (describe(text, OCI_IMAGE_MANIFEST, artifact_type="text/x") for text in (b"a", b"b", b"c"))
    index = ImageIndex(manifests=(), annotations=FrozenMap({"kept": "yes"}), subject=SUBJECT)
    index = partial.add_referrer(index, b)
    index = partial.add_referrer(index, a)
    assert index.manifests == (b, a)
    assert partial.add_referrer(index, a) is index
    # Already listed by digest: the entry that is there stays.
    restyled = describe(b"a", OCI_IMAGE_MANIFEST, artifact_type="text/other")
    assert partial.add_referrer(index, restyled) is index
    index = partial.add_referrer(index, c)
    assert index.manifests == (b, a, c)
    assert index.annotations == {"kept": "yes"} and index.subject == SUBJECT
    assert parse_image_index(index.raw) == index


def test_add_referrer_drops_repeats_already_in_the_index() -> None:
    a, b = describe(b"a", OCI_IMAGE_MANIFEST), describe(b"b", OCI_IMAGE_MANIFEST)
    repeated = ImageIndex(manifests=(a, b, a))
    assert partial.add_referrer(repeated, b).manifests == (a, b)


def test_remove_referrer() -> None:
    a, b = describe(b"a", OCI_IMAGE_MANIFEST), describe(b"b", OCI_IMAGE_MANIFEST)
    index = ImageIndex(manifests=(a, b, a))
    assert partial.remove_referrer(index, a.digest).manifests == (b,)
    assert partial.remove_referrer(index, str(b.digest)).manifests == (a, a)
    assert partial.remove_referrer(index, compute_digest(b"absent")) is index
    assert partial.remove_referrer(ImageIndex(manifests=(a,)), a.digest).raw == partial.referrers_index([])[0]
    with pytest.raises(errors.InvalidDigestError):
        partial.remove_referrer(index, "sha256:nope")


def test_a_docker_manifest_list_is_no_referrers_index() -> None:
    listed = describe(b"a", OCI_IMAGE_MANIFEST, platform=Platform("linux", "amd64"))
    docker = ImageIndex(manifests=(listed,), media_type=DOCKER_MANIFEST_LIST)
    with pytest.raises(errors.InvalidIndexError, match="a referrers index must be an OCI image index") as caught:
        partial.add_referrer(docker, listed)
    assert caught.value.pointer == "/mediaType"
    with pytest.raises(errors.InvalidIndexError, match="a referrers index must be an OCI image index"):
        partial.remove_referrer(docker, listed.digest)


def test_add_and_remove_type_errors() -> None:
    with pytest.raises(TypeError, match="index must be an ImageIndex, got bytes"):
        partial.add_referrer(b"{}", SUBJECT)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="descriptor must be a Descriptor, got str"):
        partial.add_referrer(ImageIndex(manifests=()), str(SUBJECT.digest))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="digest must be a Digest or str, got int"):
        partial.remove_referrer(ImageIndex(manifests=()), 3)  # type: ignore[arg-type]


def test_filter_referrers() -> None:
    a = describe(b"a", OCI_IMAGE_MANIFEST, artifact_type="text/sbom")
    b = describe(b"b", OCI_IMAGE_MANIFEST, artifact_type="text/sig")
    c = describe(b"c", OCI_IMAGE_INDEX)
    assert partial.filter_referrers([a, b, c], "text/sig") == (b,)
    assert partial.filter_referrers((a, b, c), None) == (a, b, c)
    assert partial.filter_referrers([a, b, c], "text/none") == ()
    assert partial.filter_referrers(iter([a, b]), "text/sbom") == (a,)
    with pytest.raises(TypeError, match="artifact_type must be a str or None, got bytes"):
        partial.filter_referrers([a], b"text/sig")  # type: ignore[arg-type]


def test_a_full_fallback_round() -> None:
    # The client algorithm of "Pushing Manifests with Subject", then "Deleting Manifests".
    pushed = _manifest("application/vnd.example.sbom.v1")
    tag = partial.referrers_tag(pushed.subject.digest if pushed.subject else "")
    assert parse_reference(f"r.example/app:{tag}").tag == tag
    current = ImageIndex(manifests=())  # the tag answered 404: start from an empty index
    updated = partial.add_referrer(current, partial.referrer_descriptor(pushed))
    pulled_back = parse_image_index(updated.raw, OCI_IMAGE_INDEX)
    assert partial.filter_referrers(pulled_back.manifests, "application/vnd.example.sbom.v1")[0].digest == pushed.digest
    emptied = partial.remove_referrer(pulled_back, Digest(str(pushed.digest)))
    assert emptied.manifests == ()
