"""spec-vectors/media-types/containers-image.json and spec-vectors/distribution/manifests.json.

containers/image's manifest package (GuessMIMEType, Digest, MatchesDigest,
MIMETypeIsMultiImage, NormalizedMIMEType, Supported*MediaType) against
detect_media_type, manifest_digest and the media-type predicates; and
distribution's canonical serialisations (the byte-exactness oracle for
to_json), its media-type acceptance when unmarshalling, and its
manifest/index confusion checks.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from oci_core import _json, digest, errors, mediatypes
from oci_core.manifest import (
    ImageIndex,
    ImageManifest,
    build_image_index,
    build_image_manifest,
    detect_media_type,
    manifest_digest,
    parse_image_index,
    parse_image_manifest,
    parse_manifest,
    schema1_payload,
)

from .vectors import ROOT, VECTORS, cases, load

_FIXTURES = {case["name"]: case for case in load("image-spec/fixtures/containers-image-manifests.json")["cases"]}

# NormalizedMIMEType coerces every type it does not know into signed Docker
# schema1; oci_core never guesses a kind from a Content-Type it does not
# know, so our answer for those is "not a manifest type" (MediaTypeMismatchError
# when passed as a Content-Type). Recorded in spec-vectors/DEVIATIONS.md.
NORMALIZED_DEVIATION = "not a manifest media type: parse_manifest(raw, media_type=...) raises MediaTypeMismatchError"


def _raw(case: dict[str, Any]) -> bytes:
    if "fixture" not in case:
        return str(case["raw"]).encode("utf-8")
    fixture = _FIXTURES[case["fixture"]]
    if "raw_base64" in fixture:
        return base64.b64decode(fixture["raw_base64"])
    return str(fixture["raw"]).encode("utf-8")


def _matches(raw: bytes, expected: str) -> bool:
    try:
        wanted = digest.parse_digest(expected)
    except errors.OCIError:
        return False  # unknown algorithm or mangled digest: no match (containers/image answers false)
    return manifest_digest(raw, wanted.algorithm) == wanted


@pytest.mark.parametrize("case", cases("media-types/containers-image.json", id_keys=("op",)))
def test_containers_image(case: dict[str, Any]) -> None:
    op = case["op"]
    if op == "GuessMIMEType":
        assert detect_media_type(_raw(case)) == (case["expected"] or None)
    elif op == "Digest":
        raw = _raw(case)
        if case.get("valid") is False:
            with pytest.raises(errors.InvalidManifestError):
                manifest_digest(raw)
        else:
            assert manifest_digest(raw) == case["expected"]
    elif op == "MatchesDigest":
        raw = _raw(case)
        if case.get("error"):
            with pytest.raises(errors.InvalidManifestError):
                _matches(raw, case["digest"])
        else:
            assert _matches(raw, case["digest"]) is case["expected"]
    elif op == "MIMETypeIsMultiImage":
        assert mediatypes.is_index(case["input"]) is case["expected"]
    elif op == "NormalizedMIMEType":
        text = case["input"]
        if case["expected"] == text:
            assert mediatypes.is_manifest(text)
        else:
            # Deviation: upstream answers signed schema1; we answer "not a manifest type".
            assert not mediatypes.is_manifest(text)
            with pytest.raises(errors.MediaTypeMismatchError):
                parse_manifest(b'{"schemaVersion": 2, "manifests": []}', media_type=text)
    elif op == "SupportedOCI1MediaType":
        assert mediatypes.is_oci(case["input"]) is case["supported"]
    elif op == "SupportedSchema2MediaType":
        assert mediatypes.is_docker(case["input"]) is case["supported"]
    else:  # pragma: no cover - a new op needs a runner
        raise AssertionError(f"no runner for {op!r}")


def test_schema1_payload_is_the_unsigned_document() -> None:
    signed = _raw({"fixture": "v2s1.manifest.json"})
    unsigned = _raw({"fixture": "v2s1-unsigned.manifest.json"})
    assert schema1_payload(signed) == unsigned
    with pytest.raises(errors.InvalidManifestError, match="signatures"):
        schema1_payload(unsigned)


# -- distribution's manifests.json ------------------------------------------------------------------------

_READERS: dict[str, Callable[[bytes, str | None], ImageManifest | ImageIndex]] = {
    "docker-schema2-manifest": parse_image_manifest,
    "oci-manifest": parse_image_manifest,
    "docker-manifest-list": parse_image_index,
    "oci-index": parse_image_index,
}


_DOCKER_KINDS = ("docker-schema2-manifest", "docker-manifest-list")


def _docker_order(indented: bytes) -> bytes:
    """distribution v3's Docker bytes with each descriptor in Docker's own order (size before digest).

    distribution v3 writes schema2 and manifest-list descriptors through
    image-spec's ``v1.Descriptor`` (mediaType, digest, size); Docker's own
    writer, ``distribution.Descriptor`` of distribution v2, and containers/image's
    ``Schema2Descriptor`` write mediaType, size, digest, and so does oci_core
    (spec-vectors/DEVIATIONS.md).
    """
    swapped = re.sub(
        rb'("digest": "[^"]+"),\n( *)("size": \d+)(,?)\n',
        lambda m: m[3] + b",\n" + m[2] + m[1] + m[4] + b"\n",
        indented,
    )
    assert swapped != indented
    return swapped


@pytest.mark.parametrize("case", cases("distribution/manifests.json", id_keys=("op", "kind")))
def test_distribution(case: dict[str, Any]) -> None:
    op = case["op"]
    raw = str(case["raw"]).encode("utf-8")
    if op == "canonical_serialization":
        value = _READERS[case["kind"]](raw, case["media_type"])
        assert value.media_type == case["media_type"]
        assert value.digest == case["digest"] and value.size == case["size"]
        # The oracle: Go's MarshalIndent(v, "", "   ") of the same value (Docker's order for Docker's documents).
        expected = _docker_order(raw) if case["kind"] in _DOCKER_KINDS else raw
        assert value.to_json(indent="   ") == expected
        assert parse_manifest(value.to_json()) == value
        if isinstance(value, ImageManifest):
            built, desc = build_image_manifest(
                value.config, value.layers, media_type=value.media_type, annotations=value.annotations, indent="   "
            )
        else:
            assert isinstance(value, ImageIndex)
            built, desc = build_image_index(
                value.manifests, media_type=value.media_type, annotations=value.annotations, indent="   "
            )
        assert built == expected
        if expected == raw:
            assert (desc.digest, desc.size, desc.media_type) == (case["digest"], case["size"], case["media_type"])
        else:
            assert (desc.size, desc.media_type) == (case["size"], case["media_type"])
    elif op == "unmarshal_manifest":
        reader = _READERS[case["kind"]]
        if case["should_error"]:
            with pytest.raises(errors.InvalidManifestError) as caught:
                reader(raw, case["content_type"])
            assert caught.value.pointer == "/mediaType"
        else:
            value = reader(raw, case["content_type"])
            descriptor = value.descriptor()
            assert descriptor.media_type == case["content_type"]
            assert descriptor.digest == digest.compute_digest(raw) and descriptor.size == len(raw)
            assert value.omit_media_type is (case["document_media_type"] is None)
            docker = case["content_type"] in (mediatypes.DOCKER_MANIFEST_SCHEMA2, mediatypes.DOCKER_MANIFEST_LIST)
            assert value.to_json(indent="   ") == (_docker_order(raw) if docker else raw)
    elif op in ("validateIndex", "validateManifestList", "validateManifest"):
        # Go checks only which top-level members are present; our readers also
        # refuse these struct literals for other reasons (schemaVersion 0,
        # empty digests). What must agree: the confusion check fires, at the
        # member, exactly when upstream's does.
        reader = parse_image_manifest if op == "validateManifest" else parse_image_index
        confusing = {"/manifests"} if op == "validateManifest" else {"/config", "/layers"}
        with pytest.raises(errors.InvalidManifestError) as caught:
            reader(raw)
        assert (caught.value.pointer in confusing) is (not case["valid"]), str(caught.value)
    else:  # pragma: no cover - a new op needs a runner
        raise AssertionError(f"no runner for {op!r}")


# -- every manifest and index of the vectors and the examples, compacted, written back byte for byte ------------


def _documents() -> list[Any]:
    """Every manifest and index document in spec-vectors/ and examples/, as (where, bytes), once each."""
    found: dict[bytes, str] = {}

    def walk(value: object, where: str) -> None:
        if isinstance(value, dict):
            if "schemaVersion" in value and any(member in value for member in ("config", "layers", "manifests")):
                found.setdefault(json.dumps(value).encode(), where)
            for key, child in value.items():
                walk(child, f"{where}/{key}")
        elif isinstance(value, list):
            for index, child in enumerate(value):
                walk(child, f"{where}/{index}")
        elif isinstance(value, str) and value.lstrip().startswith("{") and '"schemaVersion"' in value:
            found.setdefault(value.encode(), where)

    for path in sorted(VECTORS.rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        walk(data, str(path.relative_to(VECTORS)))
        for case in data.get("cases", []) if isinstance(data, dict) else []:
            if isinstance(case, dict) and "raw_base64" in case:
                where = f"{path.relative_to(VECTORS)}:{case.get('name')}"
                found.setdefault(base64.b64decode(case["raw_base64"]), where)
    for path in sorted((ROOT / "examples").glob("*.json")):
        found.setdefault(path.read_bytes(), f"examples/{path.name}")
    return [pytest.param(raw, id=where[-60:]) for raw, where in found.items() if _is_document(raw)]


def _is_document(raw: bytes) -> bool:
    try:
        document = json.loads(raw)
    except ValueError:  # fixtures that are not JSON at all (GGUF files, broken manifests) are other runners'
        return False
    return isinstance(document, dict) and "schemaVersion" in document


# The member order of each Go type the writers follow (image-spec specs-go/v1; distribution v2's schema2,
# manifestlist and Descriptor; containers/image's Schema2Descriptor agrees). A document whose members are in
# this order, and which holds no member its value does not keep, is written back byte for byte.
_ORDER = {
    "oci-manifest": ["schemaVersion", "mediaType", "artifactType", "config", "layers", "subject", "annotations"],
    "oci-index": ["schemaVersion", "mediaType", "artifactType", "manifests", "subject", "annotations"],
    "docker-manifest": ["schemaVersion", "mediaType", "config", "layers"],
    "docker-index": ["schemaVersion", "mediaType", "manifests"],
    "oci-descriptor": ["mediaType", "digest", "size", "urls", "annotations", "data", "platform", "artifactType"],
    "docker-descriptor": ["mediaType", "size", "digest", "urls", "annotations", "platform"],
    "oci-platform": ["architecture", "os", "os.version", "os.features", "variant"],
    "docker-platform": ["architecture", "os", "os.version", "os.features", "variant", "features"],
}


def _not_as_go_writes(document: dict[str, Any], value: ImageManifest | ImageIndex) -> list[str]:
    """Why a document is not what its Go writer would write for its value (empty: it is)."""
    reasons: list[str] = []
    docker = value.media_type in (mediatypes.DOCKER_MANIFEST_SCHEMA2, mediatypes.DOCKER_MANIFEST_LIST)
    family = "docker" if docker else "oci"

    def ordered(obj: dict[str, Any], kind: str, where: str) -> None:
        order = _ORDER[f"{family}-{kind}"]
        keys = list(obj)
        unknown = [key for key in keys if key not in order]
        if unknown:
            reasons.append(f"{where}: members its {family} Go type does not have: {unknown}")
        known = [key for key in keys if key in order]
        if known != sorted(known, key=order.index):
            reasons.append(f"{where}: members in the order {known}, not the Go type's")

    ordered(document, "index" if isinstance(value, ImageIndex) else "manifest", "")
    descriptors = [("/config", document.get("config"))]
    for member in ("layers", "manifests"):
        descriptors += [(f"/{member}/{n}", item) for n, item in enumerate(document.get(member) or [])]
    if "subject" in document and not docker:
        descriptors.append(("/subject", document["subject"]))
    for where, item in descriptors:
        if isinstance(item, dict):
            ordered(item, "descriptor", where)
            if isinstance(item.get("platform"), dict):
                ordered(item["platform"], "platform", f"{where}/platform")
            annotations = item.get("annotations")
            if isinstance(annotations, dict) and list(annotations) != sorted(annotations):
                reasons.append(f"{where}/annotations: keys not sorted (Go sorts map keys)")
    annotations = document.get("annotations")
    if isinstance(annotations, dict) and list(annotations) != sorted(annotations):
        reasons.append("/annotations: keys not sorted (Go sorts map keys)")
    return reasons


@pytest.mark.parametrize("raw", _documents())
def test_every_vector_and_example_document_is_written_back_as_its_tools_wrote_it(raw: bytes) -> None:
    document = json.loads(raw)
    compact = _json.dumps(document)  # the same members in the same order, compact, with Go's escapes
    try:
        value = parse_manifest(compact)
    except errors.OCIError:
        return  # refused documents are the other runners' business
    reasons = _not_as_go_writes(document, value)
    if not reasons:
        assert value.to_json() == compact
    else:
        # Written by hand (image-spec's prose examples and containers/image's fixtures put size before digest),
        # or by distribution v3 (Docker's descriptors through image-spec's order), or holding members the value
        # does not keep: not byte for byte, but what it says survives, and the writer's bytes are a fixed point.
        assert value.to_json() != compact, reasons
        again = parse_manifest(value.to_json())
        assert again == value and again.to_json() == value.to_json()


def test_the_round_trip_covers_both_kinds_of_writer() -> None:
    exact = {"oci": 0, "docker": 0}
    for param in _documents():
        raw = param.values[0]
        document = json.loads(raw)
        compact = _json.dumps(document)
        try:
            value = parse_manifest(compact)
        except errors.OCIError:
            continue
        if value.to_json() == compact:
            exact["docker" if "docker" in value.media_type else "oci"] += 1
    # The bundled examples alone give two of each; the vectors add Docker Hub's (image-spec's
    # backwards-compatibility cases) and containers/image's Docker fixtures, and distribution's OCI ones.
    assert exact["oci"] >= 8 and exact["docker"] >= 6, exact
