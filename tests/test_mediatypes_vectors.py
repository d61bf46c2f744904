"""spec-vectors/media-types/: ggcr-types, oci-image-spec and oci-compatibility.

(containers-image.json, which needs whole manifests, runs in the manifest tests.)
"""

from __future__ import annotations

from typing import Any

import pytest

from oci_core import annotations as annotation_keys
from oci_core import mediatypes

from .vectors import cases, load

PREDICATES = {
    "is_distributable": mediatypes.is_distributable,
    "is_image": mediatypes.is_image_manifest,
    "is_index": mediatypes.is_index,
}


@pytest.mark.parametrize("case", cases("media-types/ggcr-types.json", id_keys=("go_name",)))
def test_ggcr_predicates(case: dict[str, Any]) -> None:
    predicate = PREDICATES[case["predicate"]]
    assert predicate(case["media_type"]) is case["expected"]
    assert predicate(mediatypes.parse_media_type(case["media_type"])) is case["expected"]


def test_ggcr_constants_are_ours() -> None:
    ours = set(mediatypes.KNOWN)
    for constant in load("media-types/ggcr-types.json")["constants"]:
        if constant["go_name"].endswith("VendorPrefix"):
            continue
        assert constant["value"] in ours, constant


ANNOTATION_NAMES = {
    "AnnotationCreated": "CREATED",
    "AnnotationAuthors": "AUTHORS",
    "AnnotationURL": "URL",
    "AnnotationDocumentation": "DOCUMENTATION",
    "AnnotationSource": "SOURCE",
    "AnnotationVersion": "VERSION",
    "AnnotationRevision": "REVISION",
    "AnnotationVendor": "VENDOR",
    "AnnotationLicenses": "LICENSES",
    "AnnotationRefName": "REF_NAME",
    "AnnotationTitle": "TITLE",
    "AnnotationDescription": "DESCRIPTION",
    "AnnotationBaseImageDigest": "BASE_IMAGE_DIGEST",
    "AnnotationBaseImageName": "BASE_IMAGE_NAME",
}
MEDIA_TYPE_NAMES = {
    "MediaTypeDescriptor": "OCI_DESCRIPTOR",
    "MediaTypeLayoutHeader": "OCI_LAYOUT_HEADER",
    "MediaTypeImageIndex": "OCI_IMAGE_INDEX",
    "MediaTypeImageManifest": "OCI_IMAGE_MANIFEST",
    "MediaTypeImageConfig": "OCI_IMAGE_CONFIG",
    "MediaTypeEmptyJSON": "OCI_EMPTY_JSON",
    "MediaTypeImageLayer": "OCI_LAYER",
    "MediaTypeImageLayerGzip": "OCI_LAYER_GZIP",
    "MediaTypeImageLayerZstd": "OCI_LAYER_ZSTD",
    "MediaTypeImageLayerNonDistributable": "OCI_LAYER_NONDISTRIBUTABLE",
    "MediaTypeImageLayerNonDistributableGzip": "OCI_LAYER_NONDISTRIBUTABLE_GZIP",
    "MediaTypeImageLayerNonDistributableZstd": "OCI_LAYER_NONDISTRIBUTABLE_ZSTD",
}


@pytest.mark.parametrize("case", cases("media-types/oci-image-spec.json"))
def test_oci_image_spec_constants(case: dict[str, Any]) -> None:
    if case["kind"] == "media_type":
        assert getattr(mediatypes, MEDIA_TYPE_NAMES[case["name"]]) == case["value"]
        known = mediatypes.KNOWN[case["value"]]
        assert known.family == "oci"
        assert known.deprecated is case["deprecated"]
        assert mediatypes.is_oci(case["value"])
        if case["deprecated"]:
            assert not mediatypes.is_distributable(case["value"])
    else:
        assert case["kind"] == "annotation"
        assert getattr(annotation_keys, ANNOTATION_NAMES[case["name"]]) == case["value"]


@pytest.mark.parametrize("case", cases("media-types/oci-compatibility.json", id_keys=("oci",)))
def test_oci_compatibility(case: dict[str, Any]) -> None:
    oci, docker = case["oci"], case["other"]
    assert mediatypes.oci_counterpart(docker) == oci
    assert mediatypes.docker_counterpart(oci) == docker
    assert mediatypes.is_oci(oci) and mediatypes.is_docker(docker)
    oci_info, docker_info = mediatypes.KNOWN[oci], mediatypes.KNOWN[docker]
    assert oci_info.role == docker_info.role
    if case["relation"] == "interchangeable":
        assert case["differences"] == []
        assert (oci_info.compression, oci_info.distributable) == (docker_info.compression, docker_info.distributable)
    else:
        assert case["relation"] == "similar"
        assert case["differences"]
