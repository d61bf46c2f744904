"""spec-vectors/image-spec/layout/schema-tests.json, every case, and image-layout.md's examples, through layout.

The schema tests are upstream's TestImageLayout (the oci-layout file); the
examples are the two documents image-layout.md shows (an oci-layout file
and an index.json), taken from spec-examples.json.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from oci_core import errors, layout
from oci_core.annotations import REF_NAME, ref_name
from oci_core.descriptor import Descriptor, FrozenMap
from oci_core.mediatypes import OCI_IMAGE_INDEX, OCI_LAYOUT_HEADER
from oci_core.platform import Platform

from .vectors import cases, load


def _raw(case: dict[str, Any]) -> bytes:
    if case["document_format"] == "raw":
        text: str = case["document"]
        return text.encode("utf-8")
    return json.dumps(case["document"]).encode("utf-8")


@pytest.mark.parametrize("case", cases("image-spec/layout/schema-tests.json"))
def test_layout_schema_tests(case: dict[str, Any]) -> None:
    assert case["media_type"] == OCI_LAYOUT_HEADER
    raw = _raw(case)
    if not case["valid"]:
        with pytest.raises(errors.InvalidLayoutError) as caught:
            layout.parse_image_layout(raw)
        if case.get("rejected_by") == ["json-syntax"]:
            assert "invalid JSON" in str(caught.value)
        return
    parsed = layout.parse_image_layout(raw)
    assert parsed.image_layout_version == case["document"]["imageLayoutVersion"] == layout.IMAGE_LAYOUT_VERSION
    assert layout.parse_image_layout(parsed.to_json()) == parsed


def _examples() -> list[Any]:
    return [case for case in cases("image-spec/spec-examples.json") if case.values[0]["file"] == "image-layout.md"]


@pytest.mark.parametrize("case", _examples())
def test_image_layout_examples(case: dict[str, Any]) -> None:
    raw = _raw(case)
    assert case["valid"] is True
    if case["media_type"] == OCI_LAYOUT_HEADER:
        assert layout.parse_image_layout(raw) == layout.ImageLayout()
        return
    assert case["media_type"] == OCI_IMAGE_INDEX
    index = layout.parse_index(raw)
    assert index.raw == raw
    # "This illustrates an index that provides two named references and an auxiliary mediatype."
    stable, = layout.find_ref_name(index, "stable-release")
    assert stable.media_type == OCI_IMAGE_INDEX
    v1, = layout.find_ref_name(index, "v1.0")
    assert v1.platform == Platform("linux", "ppc64le")
    assert [ref_name(entry.annotations) for entry in index.manifests] == ["stable-release", "v1.0", None]
    auxiliary = index.manifests[2]
    assert auxiliary.media_type == "application/xml"  # unknown, and no error
    # Without the two named entries (whose blobs the example does not show), the
    # xml entry is all that is reachable: a blob, never read.
    unnamed = layout.remove_manifests(layout.remove_manifests(index, ref_name="stable-release"), ref_name="v1.0")
    assert layout.reachable_blobs(unnamed, lambda d: pytest.fail("an unknown media type is never read")) == (auxiliary,)
    # Naming another manifest "v1.0" moves the name, in place.
    assert layout.add_manifest(index, v1, ref_name="v1.0") is index
    moved = layout.add_manifest(index, stable, ref_name="v1.0")
    assert layout.find_ref_name(moved, "v1.0") == (Descriptor(stable.media_type, stable.digest, stable.size,
                                                              annotations=FrozenMap({REF_NAME: "v1.0"})),)
    assert [entry.media_type for entry in moved.manifests] == [OCI_IMAGE_INDEX, OCI_IMAGE_INDEX, "application/xml"]


def test_every_example_of_image_layout_md_is_run() -> None:
    files = [case["file"] for case in load("image-spec/spec-examples.json")["cases"]]
    assert files.count("image-layout.md") == len(_examples()) == 2
