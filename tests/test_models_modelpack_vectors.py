"""spec-vectors/model-artifacts/modelpack/: one runner per vector file, parametrised over every case."""

from __future__ import annotations

import json
from typing import Any

import pytest

from oci_core import errors, models
from oci_core.descriptor import Descriptor
from oci_core.manifest import parse_image_manifest
from oci_core.models import _annotations, _config, _struct
from oci_core.models import _mediatypes as mt

from .models_fixtures import layer
from .vectors import cases, load

_MP = "model-artifacts/modelpack/"

# -- constants.json ----------------------------------------------------------------------------------

_CONSTANT_NAMES = {
    "ArtifactTypeModelManifest": "MODELPACK_ARTIFACT_TYPE",
    "MediaTypeModelConfig": "MODELPACK_CONFIG",
    "AnnotationFilepath": "ANNOTATION_FILEPATH",
    "AnnotationFileMetadata": "ANNOTATION_FILE_METADATA",
    "AnnotationMediaTypeUntested": "ANNOTATION_MEDIA_TYPE_UNTESTED",
}
_CONTENT_KINDS = {
    "weight": models.LayerKind.WEIGHTS,
    "weight.config": models.LayerKind.WEIGHT_CONFIG,
    "doc": models.LayerKind.DOCUMENTATION,
    "code": models.LayerKind.CODE,
    "dataset": models.LayerKind.DATASET,
}


def _layer_constant(go_name: str) -> str:
    # MediaTypeModelWeightConfigGzip -> MODELPACK_WEIGHT_CONFIG_GZIP
    words = go_name.removeprefix("MediaTypeModel")
    out = ""
    for char in words:
        out += ("_" + char) if char.isupper() and out else char.upper()
    return "MODELPACK_" + out.upper()


@pytest.mark.parametrize("case", cases(_MP + "constants.json"))
def test_constants(case: dict[str, Any]) -> None:
    kind, value, name = case["kind"], case["value"], case["name"]
    if kind == "modality":
        assert value in models.MODALITIES
        return
    constant = _CONSTANT_NAMES.get(name) or _layer_constant(name)
    assert getattr(models, constant) == value
    if kind == "layer_media_type":
        info = models.classify_layer(layer(value))
        assert info.family is models.ModelFamily.MODELPACK
        assert info.kind is _CONTENT_KINDS[case["content"]]
        assert info.archive is (case["packaging"] != "raw")
        assert info.compression == {"raw": None, "tar": None, "tar+gzip": "gzip", "tar+zstd": "zstd"}[case["packaging"]]
        assert models.is_modelpack_media_type(value)
    if kind == "artifact_type":
        assert value == models.MODELPACK_ARTIFACT_TYPE


def test_constants_file_level_requirements() -> None:
    data = load(_MP + "constants.json")
    required = {row["field"]: row["requirement"] for row in data["manifest_requirements"]}
    assert models.MODELPACK_ARTIFACT_TYPE in required["artifactType"]
    assert models.MODELPACK_CONFIG in required["config.mediaType"]
    layer_types = [c["value"] for c in data["cases"] if c["kind"] == "layer_media_type"]
    assert len(layer_types) == 20
    assert all(models.classify_layer(layer(t)).kind is not models.LayerKind.OTHER for t in layer_types)


# -- config-fields.json --------------------------------------------------------------------------------

_STRUCTS = {
    "Model": _config._MP_FILE,
    "ModelDescriptor": _config._MP_DESCRIPTOR,
    "ModelConfig": _config._MP_MODEL_CONFIG,
    "ModelCapabilities": _config._MP_CAPABILITIES,
    "ModelFS": _config._MP_FS,
    "FileMetadata": _annotations._FILE_METADATA,
}
_GO_KINDS = {
    "string": "str",
    "[]string": "strs",
    "[]Modality": "strs",
    "*time.Time": "time",
    "time.Time": "time-value",
    "*bool": "bool?",
    "[]digest.Digest": "digests",
    "uint32": "int",
    "int64": "int",
    "byte": "int",
    "ModelDescriptor": "struct",
    "ModelConfig": "struct",
    "ModelFS": "struct",
    "*ModelCapabilities": "struct?",
}
_BOUNDS = {"uint32": _struct.UINT32, "byte": _struct.UINT8, "int64": (0, _struct.INT64[1])}
_SAMPLES = {
    "str": "x",
    "strs": ["x"],
    "time": "2025-01-01T00:00:00Z",
    "time-value": "2025-01-01T00:00:00Z",
    "bool?": True,
    "digests": ["sha256:" + "1" * 64],
    "int": 7,
}
_PARENTS = {
    "ModelDescriptor": "/descriptor",
    "ModelConfig": "/config",
    "ModelCapabilities": "/config/capabilities",
    "ModelFS": "/modelfs",
    "Model": "",
}


def _document_with(pointer: str, key: str, value: object) -> dict[str, Any]:
    document: dict[str, Any] = {
        "descriptor": {"name": "n"},
        "config": {},
        "modelfs": {"type": "layers", "diffIds": ["sha256:" + "1" * 64]},
    }
    target = document
    for part in [p for p in pointer.split("/") if p]:
        target = target.setdefault(part, {})
    target[key] = value
    return document


@pytest.mark.parametrize("case", cases(_MP + "config-fields.json", id_keys=("path",)))
def test_config_fields(case: dict[str, Any]) -> None:
    spec = _STRUCTS[case["object"]]
    by_key = {f.key: f for f in spec.fields}
    member = by_key[case["json_key"]]
    kind = _GO_KINDS[case["go_type"]]
    assert member.kind == kind
    if case["go_type"] in _BOUNDS:
        assert member.bounds == _BOUNDS[case["go_type"]]
    # A member without omitempty is always written; with it, an empty one is left out.
    assert member.always is (not case["go_omitempty"]) or kind in ("time-value", "struct", "struct?")
    if case["object"] == "FileMetadata":
        assert case["json_key"] in json.loads(models.FileMetadata().to_json())  # all seven always written
        return
    if kind == "struct" or kind == "struct?":
        return
    # The member reads back what is written, under its key, in the config.
    parent = _PARENTS[case["object"]]
    document = _document_with(parent, case["json_key"], _SAMPLES[kind])
    config = models.parse_modelpack_config(json.dumps(document))
    assert _json_at(json.loads(config.to_json()), parent)[case["json_key"]] == _SAMPLES[kind]
    schema = case.get("schema", {})
    if case.get("schema_required") and parent == "/modelfs":
        missing = _document_with(parent, case["json_key"], _SAMPLES[kind])
        del missing["modelfs"][case["json_key"]]
        with pytest.raises(errors.InvalidModelError) as info:
            models.validate_modelpack_config(json.dumps(missing))
        assert info.value.pointer == f"/modelfs/{case['json_key']}"
    for rule, bad in (("minLength", ""), ("minItems", []), ("enum", ["bogus"] if kind == "strs" else "bogus")):
        if rule in schema or (rule == "enum" and "enum" in schema.get("items", {})):
            violating = _document_with(parent, case["json_key"], bad)
            with pytest.raises(errors.InvalidModelError):
                models.validate_modelpack_config(json.dumps(violating))
    if "pattern" in schema.get("items", {}):
        violating = _document_with(parent, case["json_key"], ["fra"])
        with pytest.raises(errors.InvalidModelError):
            models.validate_modelpack_config(json.dumps(violating))


def _json_at(document: dict[str, Any], pointer: str) -> dict[str, Any]:
    for part in [p for p in pointer.split("/") if p]:
        document = document[part]
    return document


def test_config_fields_context() -> None:
    context = load(_MP + "config-fields.json")["context"]
    assert tuple(context["modality_values"]) == models.MODALITIES
    assert set(context["top_level_required"]) == {"descriptor", "config", "modelfs"}


# -- config-schema-tests.json -----------------------------------------------------------------------------


# Where each invalid case is refused: the member its "why" names.
_SCHEMA_POINTERS = {
    "TestConfig/0": "/config",
    "TestConfig/1": "/descriptor/version",
    "TestConfig/2": "/descriptor/revision",
    "TestConfig/3": "/descriptor/createdAt",
    "TestConfig/4": "/descriptor/authors",
    "TestConfig/5": "/descriptor/licenses",
    "TestConfig/6": "/descriptor/docURL",
    "TestConfig/7": "/descriptor/sourceURL",
    "TestConfig/8": "/descriptor/datasetsURL",
    "TestConfig/9": "/config/paramSize",
    "TestConfig/10": "/config/precision",
    "TestConfig/11": "/modelfs/type",
    "TestConfig/12": "/modelfs/diffIds",
    "TestConfig/13": "/modelfs/diffIds",
    "TestConfig/14": "/config/capabilities/inputTypes",
    "TestConfig/15": "/config/capabilities/outputTypes",
    "TestConfig/16": "/config/capabilities/inputTypes/0",
    "TestConfig/17": "/config/capabilities/knowledgeCutoff",
    "TestConfig/18": "/config/capabilities/reasoning",
    "TestConfig/19": "/config/capabilities/toolUsage",
    "TestConfig/20": "/config/capabilities/reward",
    "TestConfig/21": "/config/capabilities/languages",
    "TestConfig/22": "/config/capabilities/languages/0",
    "TestConfig/23": "/config/capabilities/unknownField",
}


@pytest.mark.parametrize("case", cases(_MP + "config-schema-tests.json"))
def test_config_schema(case: dict[str, Any]) -> None:
    raw = json.dumps(case["document"]).encode()
    if case["valid"]:
        config = models.validate_modelpack_config(raw)
        assert config.raw == raw
        assert models.parse_modelpack_config(config.to_json()) == config
    else:
        with pytest.raises(errors.InvalidModelError) as info:
            models.validate_modelpack_config(raw)
        assert info.value.pointer == _SCHEMA_POINTERS[case["name"]]


# -- spec-examples.json -------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases(_MP + "spec-examples.json"))
def test_spec_examples(case: dict[str, Any]) -> None:
    raw = json.dumps(case["document"]).encode()
    if case["media_type"] == models.MODELPACK_CONFIG:
        assert case["valid"] is True
        config = models.validate_modelpack_config(raw)
        assert config.config.capabilities is not None and config.config.capabilities.languages == ("en", "zh")
        # Written back as Go writes model-spec's v1.Model: the same members, in the struct's order.
        assert json.loads(config.to_json()) == case["document"]
        return
    manifest = parse_image_manifest(raw)
    assert models.model_family(manifest) is models.ModelFamily.MODELPACK
    assert models.check_model_compatibility(manifest) is models.ModelFamily.MODELPACK
    kinds = [models.classify_layer(item).kind for item in manifest.layers]
    assert kinds == [
        models.LayerKind.WEIGHTS,
        models.LayerKind.WEIGHTS,
        models.LayerKind.WEIGHT_CONFIG,
        models.LayerKind.DOCUMENTATION,
    ]
    assert all(models.classify_layer(item).archive for item in manifest.layers)
    assert isinstance(manifest.layers[0], Descriptor)
    assert mt.is_model_manifest(manifest)
