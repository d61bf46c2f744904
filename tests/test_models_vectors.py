"""spec-vectors/model-artifacts/docker-model-runner/: one runner per vector file, parametrised over every case.

Cases about I/O (reading files, a registry, a store) are met by their pure
equivalent where one exists (the builders take bytes, the tarball is entries
as data) and are otherwise listed in spec-vectors/DEVIATIONS.md; cases
answered differently are asserted as our answer, with the reason there.
"""

from __future__ import annotations

import base64
import dataclasses
import io
import json
import tarfile
from collections.abc import Callable
from typing import Any

import pytest

from oci_core import errors, mediatypes, models
from oci_core.descriptor import Descriptor, describe
from oci_core.digest import compute_digest
from oci_core.manifest import ImageManifest
from oci_core.models import _annotations, _config, _struct

from .models_fixtures import CREATED, MTIME, artifact, fixture, layer
from .vectors import cases, load

_DMR = "model-artifacts/docker-model-runner/"

# -- constants.json ----------------------------------------------------------------------------------

_DMR_CONSTANTS = {
    "types.MediaTypeModelConfigV01": "DOCKER_MODEL_CONFIG_V01",
    "types.MediaTypeModelConfigV02": "DOCKER_MODEL_CONFIG_V02",
    "types.MediaTypeGGUF": "DOCKER_GGUF",
    "types.MediaTypeSafetensors": "DOCKER_SAFETENSORS",
    "types.MediaTypeVLLMConfigArchive": "DOCKER_VLLM_CONFIG_ARCHIVE",
    "types.MediaTypeDirTar": "DOCKER_DIR_TAR",
    "types.MediaTypeDDUF": "DOCKER_DDUF",
    "types.MediaTypeLicense": "DOCKER_LICENSE",
    "types.MediaTypeMultimodalProjector": "DOCKER_MULTIMODAL_PROJECTOR",
    "types.MediaTypeChatTemplate": "DOCKER_CHAT_TEMPLATE",
    "types.MediaTypeModelFile": "DOCKER_MODEL_FILE",
    "types.FormatGGUF": "FORMAT_GGUF",
    "types.FormatSafetensors": "FORMAT_SAFETENSORS",
    "types.FormatDDUF": "FORMAT_DDUF",
    "types.FormatDiffusers": "FORMAT_DIFFUSERS",
    "types.AnnotationFilePath": "ANNOTATION_FILEPATH",
    "types.AnnotationFileMetadata": "ANNOTATION_FILE_METADATA",
    "types.AnnotationMediaTypeUntested": "ANNOTATION_MEDIA_TYPE_UNTESTED",
    "modelpack.MediaTypePrefix": "MODELPACK_MEDIA_TYPE_PREFIX",
    "modelpack.MediaTypeWeightPrefix": "MODELPACK_WEIGHT_PREFIX",
    "modelpack.MediaTypeModelConfigV1": "MODELPACK_CONFIG",
    "modelpack.ArtifactTypeModelManifest": "MODELPACK_ARTIFACT_TYPE",
    "modelpack.MediaTypeWeightRaw": "MODELPACK_WEIGHT_RAW",
    "modelpack.MediaTypeWeightConfigRaw": "MODELPACK_WEIGHT_CONFIG_RAW",
    "modelpack.MediaTypeDocRaw": "MODELPACK_DOC_RAW",
    "modelpack.MediaTypeWeightGGUF": "MODELPACK_WEIGHT_GGUF",
    "modelpack.MediaTypeWeightSafetensors": "MODELPACK_WEIGHT_SAFETENSORS",
}


@pytest.mark.parametrize("case", cases(_DMR + "constants.json"))
def test_constants(case: dict[str, Any]) -> None:
    value = case["value"]
    assert getattr(models, _DMR_CONSTANTS[case["name"]]) == value
    kind = case["kind"]
    if kind == "config_media_type":
        assert value in models.SUPPORTED_CONFIG_MEDIA_TYPES
    elif kind == "layer_media_type":
        info = models.classify_layer(layer(value))
        cncf = value.startswith("application/vnd.cncf.")
        assert info.family is (models.ModelFamily.MODELPACK if cncf else models.ModelFamily.DOCKER)
        assert info.kind is not models.LayerKind.OTHER or value == models.DOCKER_DIR_TAR  # a directory: anything
    elif kind == "format":
        assert models.normalize_format(value) in models.WEIGHT_FORMATS or value == models.FORMAT_DIFFUSERS
    elif kind == "prefix":
        assert all(
            t.startswith(value) for t in (models.MODELPACK_WEIGHT_RAW, models.MODELPACK_WEIGHT_GGUF)
        )


def test_constants_context() -> None:
    context = load(_DMR + "constants.json")["context"]
    assert frozenset(context["supported_config_media_types"]) == models.SUPPORTED_CONFIG_MEDIA_TYPES
    assert context["errors"]["ErrUnsupportedMediaType"] == "unsupported model config media type"
    core = {
        "oci.OCIManifestSchema1": mediatypes.OCI_IMAGE_MANIFEST,
        "oci.OCIImageIndex": mediatypes.OCI_IMAGE_INDEX,
        "oci.OCIConfigJSON": mediatypes.OCI_IMAGE_CONFIG,
        "oci.OCILayer": mediatypes.OCI_LAYER,
        "oci.OCILayerGzip": mediatypes.OCI_LAYER_GZIP,
        "oci.OCILayerZstd": mediatypes.OCI_LAYER_ZSTD,
        "oci.OCIUncompressedLayer": mediatypes.OCI_LAYER,
        "oci.OCIContentDescriptor": mediatypes.OCI_DESCRIPTOR,
        "oci.OCIArtifactManifest": mediatypes.OCI_ARTIFACT_MANIFEST,
        "oci.OCIEmptyJSON": mediatypes.OCI_EMPTY_JSON,
        "oci.DockerManifestSchema2": mediatypes.DOCKER_MANIFEST_SCHEMA2,
        "oci.DockerManifestList": mediatypes.DOCKER_MANIFEST_LIST,
        "oci.DockerConfigJSON": mediatypes.DOCKER_CONFIG,
        "oci.DockerLayer": mediatypes.DOCKER_LAYER,
        "oci.DockerForeignLayer": mediatypes.DOCKER_FOREIGN_LAYER,
        "oci.DockerUncompressedLayer": mediatypes.DOCKER_LAYER_UNCOMPRESSED,
    }
    assert context["oci_package_media_types"] == core


# -- config-fields.json --------------------------------------------------------------------------------

_DMR_STRUCTS = {
    "types.ConfigFile": _config._DOCKER_FILE,
    "types.Config": _config._DOCKER_CONFIG,
    "types.Descriptor": _config._DOCKER_DESCRIPTOR,
    "oci.RootFS": _config._DOCKER_ROOTFS,
    "modelpack.Model": _config._MP_FILE,
    "types.FileMetadata": _annotations._FILE_METADATA,
}
_FIELD_TABLE = load(_DMR + "config-fields.json")["cases"]


def _keys_of(obj: str) -> list[str]:
    return [row["json_key"] for row in _FIELD_TABLE if row["object"] == obj]


def _full_manifest() -> ImageManifest:
    """A manifest with every member model-runner's structs have, to check the order it is written in."""
    from oci_core.platform import Platform

    full_layer = Descriptor(
        "application/x.layer",
        compute_digest(b"abc"),
        3,
        urls=("https://example.com/blob",),
        annotations={"k": "v"},  # type: ignore[arg-type]
        data=b"abc",
        platform=Platform("linux", "amd64"),
        artifact_type="application/x.type",
    )
    return ImageManifest(
        config=describe(b"{}", models.DOCKER_MODEL_CONFIG_V01),
        layers=(full_layer,),
        artifact_type=models.MODELPACK_ARTIFACT_TYPE,
        annotations={"a": "b"},  # type: ignore[arg-type]
        subject=describe(b"s", "application/x.subject"),
    )


@pytest.mark.parametrize("case", cases(_DMR + "config-fields.json", id_keys=("path",)))
def test_config_fields(case: dict[str, Any]) -> None:
    obj = case["object"]
    order = _keys_of(obj)
    if obj in ("oci.Manifest", "oci.Descriptor"):
        written = json.loads(models.model_runner_manifest(_full_manifest()))
        keys = list(written) if obj == "oci.Manifest" else list(written["layers"][0])
        assert keys == order  # every member present, in model-runner's struct order
        return
    spec = _DMR_STRUCTS[obj]
    ours = [f.key for f in spec.fields]
    if obj == "modelpack.Model":
        assert ours == order
    else:
        assert ours == order, obj
    member = next(f for f in spec.fields if f.key == case["json_key"])
    if member.kind not in ("struct", "time-value"):
        assert member.always is not case["go_omitempty"]
    if case["go_type"] == "*int32":
        assert member.bounds == _struct.INT32


def test_config_fields_context() -> None:
    context = load(_DMR + "config-fields.json")["context"]
    written = context["layer_annotations_written"]
    built = models.describe_file(b"x", models.DOCKER_GGUF, path="m.gguf", mtime=MTIME)
    assert set(written) == set(built.annotations)
    untested = models.ANNOTATION_MEDIA_TYPE_UNTESTED
    assert built.annotations[untested] == written[untested].strip('"')


# -- config-detection.json ------------------------------------------------------------------------------

# model-runner's extractDiffIDs falls through (a zero hash) on a malformed rootfs or diff ID;
# read_diff_ids refuses the document (DEVIATIONS.md, model-artifacts).
_DIFF_ID_DEVIATIONS = {"TestExtractDiffIDs_MalformedRootFS", "TestExtractDiffIDs_MalformedModelFS"}


def _raw_of(case: dict[str, Any]) -> bytes | None:
    if "raw" in case:
        return None if case["raw"] is None else str(case["raw"]).encode()
    return json.dumps(case["document"], sort_keys=True).encode()  # upstream json.Marshal-s a Go map: keys sorted


@pytest.mark.parametrize("case", cases(_DMR + "config-detection.json", id_keys=("test", "name")))
def test_config_detection(case: dict[str, Any]) -> None:
    op, raw = case["op"], _raw_of(case)
    if op == "is_modelpack_config":
        assert models.is_modelpack_config(raw) is case["expected"]
    elif op == "config":
        if not case["valid"]:
            with pytest.raises(errors.InvalidModelError):
                models.parse_model_config(raw)
            return
        parsed = models.parse_model_config(raw)
        expected_type = {"docker": models.DockerModelConfigFile, "modelpack": models.ModelPackConfig}[case["kind"]]
        assert type(parsed) is expected_type
        normalized = models.normalize_model_config(parsed)
        assert (normalized.format, normalized.parameters) == (case["get_format"], case["get_parameters"])
    elif op == "config_file":
        if not case["valid"]:
            with pytest.raises(errors.InvalidModelError):
                models.parse_docker_model_config(raw)
            return
        config = models.parse_docker_model_config(raw).config
        assert {key: getattr(config, key) for key in case["config"]} == case["config"]
    else:
        assert op == "extract_diff_ids"
        if case.get("error") or case["test"] in _DIFF_ID_DEVIATIONS:
            with pytest.raises(errors.InvalidModelError):
                models.read_diff_ids(raw)
            return
        ids = models.read_diff_ids(raw)
        index = case["index"]
        found = ids[index].encoded if 0 <= index < len(ids) else None
        assert found == case["expected_hex"]


# -- docker-modelpack-mapping.json -------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases(_DMR + "docker-modelpack-mapping.json", id_keys=("test",)))
def test_docker_modelpack_mapping(case: dict[str, Any]) -> None:
    if case["input"] is None:
        # Go's normalizeConfig(nil) is nil; a None here is the caller's mistake (DEVIATIONS.md).
        with pytest.raises(TypeError):
            models.normalize_model_config(None)  # type: ignore[arg-type]
        return
    raw = json.dumps(case["input"]).encode()
    if case["input_kind"] == "docker":
        config = models.parse_docker_model_config(json.dumps({"config": case["input"]}))
        assert models.normalize_model_config(config) is config.config  # returned unchanged
        return
    parsed = models.parse_modelpack_config(raw)
    normalized = models.normalize_model_config(parsed)
    expected = case["expected"]
    assert {key: getattr(normalized, key) for key in expected} == expected
    others = {f.name for f in dataclasses.fields(normalized)} - set(expected)
    assert all(not getattr(normalized, name) for name in others)
    if case["op"] == "to_model":
        # The API model's config survives a JSON round trip as the Docker form.
        round_trip = models.parse_docker_model_config(json.dumps({"config": normalized_json(normalized)}))
        kept = case["expected_json_round_trip"]
        assert {key: getattr(round_trip.config, key) for key in kept} == kept


def normalized_json(config: models.DockerModelConfig) -> dict[str, object]:
    return models.DockerModelConfigFile(config=config).to_json_object()["config"]  # type: ignore[return-value]


def test_docker_modelpack_mapping_tables() -> None:
    data = load(_DMR + "docker-modelpack-mapping.json")
    table = data["layer_media_type_mapping"]
    for row in table["explicit"]:
        assert models.modelpack_media_type(row["media_type"]) == row["result"], row
    kinds = table["kind_to_media_type"]
    by_path = {
        "model.gguf": "weight",
        "model.safetensors": "weight",
        "model.dduf": "weight",
        "LICENSE": "doc",
        "chat_template.json": "weight_config",
        "config.json": "weight_config",
        "README.md": "doc",
        "README.MD": "doc",
        "model.bin": "weight_config",
    }
    for path, kind in by_path.items():
        assert models.modelpack_media_type("application/x.unknown", path) == kinds[kind], path
    assert models.modelpack_media_type(models.DOCKER_DIR_TAR) == kinds["weight_config"]  # "otherwise"
    # config_mapping_docker_to_modelpack, on a config with every member.
    docker = models.parse_docker_model_config(
        b'{"config":{"format":"gguf","quantization":"Q4_K_M","parameters":"8B","architecture":"llama","size":"4GB",'
        b'"gguf":{"a":"b"},"context_size":4096},"descriptor":{"created":"2025-06-15T12:00:00Z"},'
        b'"rootfs":{"type":"rootfs","diff_ids":["sha256:' + b"a" * 64 + b'"]}}'
    )
    mp = models.modelpack_config_from_docker(docker)
    assert mp.descriptor.created_at == "2025-06-15T12:00:00Z" and mp.descriptor.family == "llama"
    assert (mp.config.architecture, mp.config.format, mp.config.param_size, mp.config.quantization) == (
        "llama", "gguf", "8B", "Q4_K_M"
    )
    assert mp.modelfs.type == "layers" and mp.modelfs.diff_ids == docker.rootfs.diff_ids
    assert "size" not in mp.to_json().decode() and "context" not in mp.to_json().decode()


# -- historical-convert.json --------------------------------------------------------------------------------

# Answered differently (DEVIATIONS.md): a non-standard "weight.gguf" type is not mapped; a diff ID that is
# no digest is refused, not skipped; the converted size is paramSize, not "0".
_HISTORICAL_UNMAPPED = {"application/vnd.cncf.model.weight.gguf"}


@pytest.mark.parametrize("case", cases(_DMR + "historical-convert.json", id_keys=("test", "name", "input")))
def test_historical_convert(case: dict[str, Any]) -> None:
    op = case["op"]
    if op == "is_modelpack_media_type":
        assert models.is_modelpack_media_type(case["input"]) is case["expected"]
    elif op == "map_layer_media_type":
        ours = models.docker_media_type(case["input"]) or case["input"]  # unchanged when not mapped
        expected = case["input"] if case["input"] in _HISTORICAL_UNMAPPED else case["expected"]
        assert ours == expected
    elif op == "convert_format":
        assert models.normalize_format(case["input"]) == case["expected"]
    elif op == "normalize_rootfs_type":
        mp = models.ModelPackConfig(modelfs=models.ModelPackFS(type=case["input"]))
        assert models.docker_config_from_modelpack(mp).rootfs.type == case["expected"]
    elif op == "convert_to_docker_config":
        raw = str(case["raw"]).encode()
        if not case["valid"] or "sha256:abc123\"" in case["raw"]:
            with pytest.raises(errors.InvalidModelError):
                models.parse_modelpack_config(raw)
            return
        converted = models.docker_config_from_modelpack(models.parse_modelpack_config(raw))
        expected = case["expected"]
        for key, value in expected["config"].items():
            ours = getattr(converted.config, key)
            assert ours == (converted.config.parameters if key == "size" else value)
        if "descriptor" in expected:
            assert converted.descriptor.created == expected["descriptor"]["created"]
        if "rootfs" in expected:
            assert converted.rootfs.type == expected["rootfs"]["type"]
            assert len(converted.rootfs.diff_ids) == expected["rootfs"].get("diff_ids_count", 0)
    else:
        assert op == "convert_diff_ids"
        values = case["input"] or []
        if any(not v.startswith("sha256:") for v in values):
            with pytest.raises(errors.InvalidModelError):
                models.ModelPackFS(diff_ids=tuple(values))
            return
        fs = models.ModelPackFS(diff_ids=tuple(values))
        assert len(fs.diff_ids) == case.get("expected_count", 0)


# -- file-classification.json ----------------------------------------------------------------------------

_FILE_TYPES = {
    "FileTypeGGUF": models.FileType.GGUF,
    "FileTypeSafetensors": models.FileType.SAFETENSORS,
    "FileTypeConfig": models.FileType.CONFIG,
    "FileTypeLicense": models.FileType.LICENSE,
    "FileTypeChatTemplate": models.FileType.CHAT_TEMPLATE,
    "FileTypeUnknown": models.FileType.UNKNOWN,
}
_FORMAT_IMPLEMENTATIONS = {"GGUFFormat": models.FORMAT_GGUF, "SafetensorsFormat": models.FORMAT_SAFETENSORS}


def _joined(backends: tuple[str, ...]) -> str:
    return ", ".join(backends) or "unknown"


@pytest.mark.parametrize("case", cases(_DMR + "file-classification.json", id_keys=("test", "name", "input")))
def test_file_classification(case: dict[str, Any]) -> None:
    op = case["op"]
    if op == "classify":
        assert str(models.classify_file(case["input"])) == case["expected"]
    elif op == "file_type_string":
        assert str(_FILE_TYPES[case["file_type"]]) == case["expected"]
    elif op == "get_format":
        assert (case["input"] in models.WEIGHT_FORMATS) is case["valid"]
    elif op == "detect_from_path":
        assert models.weights_format(case["input"]) == (case["format"] if case["valid"] else None)
    elif op == "detect_from_paths":
        if case["valid"]:
            assert models.weights_format_of(case["input"]) == case["format"]
        else:
            with pytest.raises(errors.UnsupportedModelError):
                models.weights_format_of(case["input"])
    elif op == "format_name":
        assert _FORMAT_IMPLEMENTATIONS[case["format_impl"]] == case["expected"]
    elif op == "format_media_type":
        assert models.WEIGHT_FORMATS[_FORMAT_IMPLEMENTATIONS[case["format_impl"]]] == case["expected"]
    elif op == "is_mmproj_file_path":
        assert models.is_projector_path(case["input"]) is case["expected"]
    else:
        assert op == "backend_from_repo_files"
        paths = [item["path"] for item in case["input"] if item["type"] == "file"]
        assert _joined(models.backends_for_files(paths)) == case["expected"]


def test_file_type_to_docker_media_type() -> None:
    table = load(_DMR + "file-classification.json")["context"]["file_type_to_docker_media_type"]
    names = {"gguf": "m.gguf", "safetensors": "m.safetensors", "dduf": "m.dduf", "license": "LICENSE",
             "chat_template": "t.jinja", "config": "config.json", "unknown": "model.bin"}  # fmt: skip
    for file_type, media_type in table.items():
        assert models.docker_media_type_for_file(names[file_type]) == media_type


# -- layer-classification.json -----------------------------------------------------------------------------

# model-runner's unit test calls updateBundleFieldsFromLayer with no format; UnpackFromLayers would first
# infer it from the path, as classify_layer does in one step (DEVIATIONS.md).
_INFERRED_FROM_PATH = {"CNCF generic weight raw without format does nothing"}
_BUNDLE_FIELDS: dict[str, Callable[[models.LayerInfo], bool]] = {
    "gguf_file": lambda i: i.kind is models.LayerKind.WEIGHTS and i.format == models.FORMAT_GGUF,
    "safetensors_file": lambda i: i.kind is models.LayerKind.WEIGHTS and i.format == models.FORMAT_SAFETENSORS,
    "dduf_file": lambda i: i.kind is models.LayerKind.WEIGHTS and i.format == models.FORMAT_DDUF,
    "mmproj_path": lambda i: i.kind is models.LayerKind.PROJECTOR,
}
_TARGETS: dict[str, Callable[[models.LayerInfo], bool]] = {
    "gguf": _BUNDLE_FIELDS["gguf_file"],
    "safetensors": _BUNDLE_FIELDS["safetensors_file"],
    "dduf": _BUNDLE_FIELDS["dduf_file"],
    "mmproj": _BUNDLE_FIELDS["mmproj_path"],
}


def _descriptors(items: list[dict[str, Any]]) -> list[Descriptor]:
    return [layer(item["media_type"], item.get("annotations") or None) for item in items]


@pytest.mark.parametrize("case", cases(_DMR + "layer-classification.json", id_keys=("test", "name")))
def test_layer_classification(case: dict[str, Any]) -> None:
    op = case["op"]
    if op == "bundle_fields_from_layer":
        path = case["rel_path"]
        info = models.classify_layer(
            layer(case["media_type"], {models.ANNOTATION_FILEPATH: path}), model_format=case["model_format"]
        )
        for name, expected in case["expected"].items():
            if case["name"] in _INFERRED_FROM_PATH:
                expected = path if name == "safetensors_file" else expected
            assert (path if _BUNDLE_FIELDS[name](info) else "") == expected, name
    elif op == "infer_format_from_layer_annotations":
        assert (models.infer_weights_format(_descriptors(case["layers"])) or "") == case["expected"]
    elif op == "is_cncf_model":
        spec = case["manifest"]
        manifest = ImageManifest(
            config=describe(b"{}", spec["config"]["mediaType"]),
            layers=(describe(b"w", models.MODELPACK_WEIGHT_RAW),),
            artifact_type=spec.get("artifactType"),
        )
        assert (models.model_family(manifest) is models.ModelFamily.MODELPACK) is case["expected"]
    elif op == "layer_paths":
        manifest, raw = artifact(case["artifact"])
        model_format = models.normalize_model_config(models.parse_model_config(raw, manifest.config.media_type)).format
        matching = [
            index
            for index, item in enumerate(manifest.layers)
            if _TARGETS[case["target"]](models.classify_layer(item, model_format=model_format))
        ]
        if "error_message" in case:
            assert matching == []  # model-runner's MMPROJPath turns "none" into an error; ours is an empty selection
        if "expected_count" in case:
            assert len(matching) == case["expected_count"]
        if "expected_layer" in case:
            assert matching[0] == case["expected_layer"]
    elif op == "backend_from_format":
        assert models.backend_for_format(case["input"]) == case["expected"]
    elif op == "backend_from_manifest_layers":
        assert _joined(models.backends_for_layers(case["layer_media_types"])) == case["expected"]
    elif op == "pull_and_resolve":
        # The pull itself is the real-tool round trip (test_models_tools.py); here, what is read back.
        manifest, raw = artifact(case["artifact"])
        summary = models.summarize_model(manifest, raw)
        expected = case["expected"]
        assert len(summary.weights) == expected["gguf_paths"] and summary.format == expected["format"]
        assert summary.family is models.ModelFamily(expected.get("config_kind", "modelpack"))
        if "parameters" in expected:
            assert summary.parameters == expected["parameters"]
    else:
        assert op == "check_compat"
        manifest, _ = artifact(case["artifact"])
        with pytest.raises(errors.UnsupportedModelError, match="unsupported model config media type"):
            models.check_model_compatibility(manifest)


# -- filepath-annotations.json ---------------------------------------------------------------------------

# Accepted upstream, refused here: paths are taken as written, never cleaned (DEVIATIONS.md).
_PATH_DEVIATIONS = {"foo/../bar/model.safetensors", "text_encoder/"}


@pytest.mark.parametrize("case", cases(_DMR + "filepath-annotations.json", id_keys=("test", "name")))
def test_filepath_annotations(case: dict[str, Any]) -> None:
    op = case["op"]
    if op == "validate_path_within_directory":
        if case["valid"] and case["input"] not in _PATH_DEVIATIONS:
            assert models.safe_relative_path(case["input"]) == case["input"]
        else:
            with pytest.raises(errors.UnsafeLayerPathError):
                models.safe_relative_path(case["input"])
    elif op == "sanitize_relative_path":
        assert models.sanitize_relative_path(case["input"]) == case["expected"]
    else:
        assert op == "unpack_from_layers"
        layers = [
            layer(item["media_type"], {models.ANNOTATION_FILEPATH: item["filepath"]}, fixture(item["file"]))
            for item in case["layers"]
        ]
        if not case["valid"]:
            # Refused at the first '..' (no repair is tried), so never a collision or a repaired path.
            with pytest.raises(errors.UnsafeLayerPathError) as info:
                models.model_layout(layers, model_format=case["config_format"])
            assert info.value.pointer is not None and info.value.pointer.endswith("/org.cncf.model.filepath")
            return
        laid_out = models.model_layout(layers, model_format=case["config_format"])
        expected = case["expected"]
        assert [f.path for f in laid_out.files] == expected["files_exist"]
        assert laid_out.weights[0].path == expected["gguf_file"]
        projectors = laid_out.of_kind(models.LayerKind.PROJECTOR)
        assert (projectors[0].path if projectors else "") == expected.get("mmproj_path", "")


# -- builder-outputs.json ----------------------------------------------------------------------------------


def _file(name: str, media_type: str, content: bytes | None = None) -> Descriptor:
    return models.describe_file(fixture(name) if content is None else content, media_type, path=name, mtime=MTIME)


def _gguf_config() -> models.DockerModelConfig:
    return models.gguf_model_config(models.parse_gguf_header(fixture("dummy.gguf")))


def _docker(layers: list[Descriptor], config: models.DockerModelConfig | None = None, **kw: Any) -> models.BuiltModel:
    return models.build_docker_model(layers, config or _gguf_config(), created=kw.pop("created", CREATED), **kw)


def _types(built: models.BuiltModel) -> list[str]:
    return [item.media_type for item in built.parsed_manifest().layers]


def _with_context(built: models.BuiltModel, size: int) -> models.BuiltModel:
    # builder.FromModel(...).WithContextSize(n): the same layers and creation time, the config changed.
    config = models.parse_docker_model_config(built.config)
    manifest = built.parsed_manifest()
    return models.build_docker_model(
        manifest.layers,
        dataclasses.replace(config.config, context_size=size),
        created=config.descriptor.created or CREATED,
    )


def _add(built: models.BuiltModel, *extra: Descriptor) -> models.BuiltModel:
    config = models.parse_docker_model_config(built.config)
    return models.build_docker_model(
        (*built.parsed_manifest().layers, *extra), config.config, created=config.descriptor.created or CREATED
    )


def _cncf(built: models.BuiltModel) -> models.BuiltModel:
    return models.convert_to_modelpack(built.parsed_manifest(), models.parse_docker_model_config(built.config))


def _cncf_layer(name: str, docker_type: str) -> Descriptor:
    return _file(name, models.modelpack_media_type(docker_type, ""))


def _build_case(test: str) -> None:
    gguf = _file("dummy.gguf", models.DOCKER_GGUF)
    license_ = _file("license.txt", models.DOCKER_LICENSE)
    mmproj = _file("dummy.mmproj", models.DOCKER_MULTIMODAL_PROJECTOR)
    template = _file("template.jinja", models.DOCKER_CHAT_TEMPLATE)
    if test == "TestBuilder":
        assert _types(_docker([gguf, mmproj, template])) == [
            models.DOCKER_GGUF, models.DOCKER_MULTIMODAL_PROJECTOR, models.DOCKER_CHAT_TEMPLATE
        ]
    elif test == "TestWithMultimodalProjectorChaining":
        built = _with_context(_docker([gguf, license_, mmproj]), 4096)
        assert set(_types(built)) == {models.DOCKER_GGUF, models.DOCKER_LICENSE, models.DOCKER_MULTIMODAL_PROJECTOR}
        assert models.parse_docker_model_config(built.config).config.context_size == 4096
    elif test == "TestFromModel":
        first = _with_context(_docker([gguf, license_]), 2048)
        second = _with_context(first, 4096)
        assert models.parse_docker_model_config(first.config).config.context_size == 2048
        assert models.parse_docker_model_config(second.config).config.context_size == 4096
        assert _types(second) == _types(first)
    elif test == "TestFromModelWithAdditionalLayers":
        first = _docker([gguf])
        second = _add(first, license_, mmproj)
        assert len(_types(second)) == len(_types(first)) + 2
        assert {models.DOCKER_LICENSE, models.DOCKER_MULTIMODAL_PROJECTOR} <= set(_types(second))
    elif test == "TestFromPathCNCFFormat":
        built = _cncf(_docker([gguf]))
        manifest = built.parsed_manifest()
        assert manifest.artifact_type == models.MODELPACK_ARTIFACT_TYPE
        assert manifest.config.media_type == models.MODELPACK_CONFIG
        assert _types(built)[0] == models.MODELPACK_WEIGHT_RAW
        assert all(t.startswith(models.MODELPACK_MEDIA_TYPE_PREFIX) for t in _types(built))
        config = models.parse_modelpack_config(built.config)
        assert config.config.format == "gguf" and config.modelfs.type == "layers" and config.modelfs.diff_ids
        assert config.descriptor.created_at == "2025-06-15T12:00:00Z"
        document = json.loads(built.config)
        assert "diffIds" in document["modelfs"] and "diff_ids" not in document["modelfs"]
        assert "param_size" not in document["config"]
    elif test == "TestFromPathCNCFWithAdditionalLayers":
        built = _cncf(_docker([gguf]))
        manifest = built.parsed_manifest()
        extra = [
            _cncf_layer("license.txt", models.DOCKER_LICENSE),
            _cncf_layer("dummy.mmproj", models.DOCKER_MULTIMODAL_PROJECTOR),
            _cncf_layer("template.jinja", models.DOCKER_CHAT_TEMPLATE),
        ]
        config = models.parse_modelpack_config(built.config)
        grown = models.build_modelpack_model(
            (*manifest.layers, *extra), created=config.descriptor.created_at, config=config.config,
            descriptor=config.descriptor, field_order="model-runner",
        )  # fmt: skip
        types = _types(grown)
        assert len(types) == 4 and all(t.startswith(models.MODELPACK_MEDIA_TYPE_PREFIX) for t in types)
        assert not {models.DOCKER_GGUF, models.DOCKER_LICENSE, models.DOCKER_CHAT_TEMPLATE} & set(types)
    elif test == "TestFromPathCNCFContextSizeError":
        # A ModelPack config has no context size to set: the value type has no such member.
        with pytest.raises(TypeError):
            models.ModelPackModelConfig(context_size=4096)  # type: ignore[call-arg]
    elif test == "TestFromModelToCNCF":
        docker = _docker([gguf, license_])
        assert not any(t.startswith(models.MODELPACK_MEDIA_TYPE_PREFIX) for t in _types(docker))
        built = _cncf(docker)
        manifest = built.parsed_manifest()
        assert manifest.artifact_type == models.MODELPACK_ARTIFACT_TYPE
        assert [d.digest for d in manifest.layers] == [d.digest for d in docker.parsed_manifest().layers]
        assert all(t.startswith(models.MODELPACK_MEDIA_TYPE_PREFIX) for t in _types(built))
        assert models.normalize_model_config(models.parse_modelpack_config(built.config)).format == "gguf"
    elif test == "TestWithCreatedDeterministicDigest":
        assert _docker([gguf]).model_id == _docker([gguf]).model_id
        assert _docker([gguf]).model_id != _docker([gguf], created="2024-01-01T00:00:00Z").model_id
    elif test in ("TestWithCreatedFromPaths", "TestFromPathCNCFDeterministicDigest"):
        build = _docker if test == "TestWithCreatedFromPaths" else (lambda ls: _cncf(_docker(ls)))
        assert build([gguf]).manifest == build([gguf]).manifest
    elif test == "TestGGUFModel/TestDescriptor":
        assert models.parse_docker_model_config(_docker([gguf]).config).descriptor.created is not None
    elif test == "TestGGUFModel/TestManifest":
        assert _types(_docker([gguf])) == [models.DOCKER_GGUF]
    elif test == "TestAppendLayer":
        first = _docker([gguf])
        second = _add(first, describe(b"some layer content", "application/vnd.example.some.media.type"))
        assert len(_types(first)) == 1 and len(_types(second)) == 2
        assert len(models.parse_docker_model_config(second.config).rootfs.diff_ids) == 2
    elif test == "TestConfigMediaTypes":
        first = _docker([gguf])
        other = _docker([gguf], config_media_type="application/vnd.example.other.type")
        assert first.parsed_manifest().config.media_type == models.DOCKER_MODEL_CONFIG_V01
        assert other.parsed_manifest().config.media_type == "application/vnd.example.other.type"
    elif test == "TestContextSize":
        first = _docker([gguf])
        assert models.parse_docker_model_config(first.config).config.context_size is None
        assert models.parse_docker_model_config(_with_context(first, 2096).config).config.context_size == 2096
    elif test in ("TestBuildGGUFModelV01WithMMProj", "TestBuildGGUFModelV01WithoutMMProj"):
        with_mmproj = test.endswith("WithMMProj")
        built = _docker([gguf, mmproj] if with_mmproj else [gguf])
        assert (models.DOCKER_MULTIMODAL_PROJECTOR in _types(built)) is with_mmproj
    else:
        raise AssertionError(f"no runner for {test}")


# Cases about reading files that do not exist or layers that fail to read: the builders take bytes and
# descriptors and read nothing (DEVIATIONS.md, out of scope).
_BUILD_IO = {"TestWithMultimodalProjectorInvalidPath", "TestFromModelErrorHandling"}


@pytest.mark.parametrize("case", cases(_DMR + "builder-outputs.json", id_keys=("test",)))
def test_builder_outputs(case: dict[str, Any]) -> None:
    op, test = case["op"], case["test"]
    if test in _BUILD_IO:
        assert case["expected"].get("error") or case["expected"].get("error_contains")
        return
    if op == "gguf_config" and test == "TestGGUFModel/TestConfig":
        header = models.parse_gguf_header(fixture("dummy.gguf"))
        assert compute_digest(fixture("dummy.gguf")) == case["file_sha256"]
        config = models.gguf_model_config(header)
        expected = dict(case["expected"])
        gguf = expected.pop("gguf")
        assert {key: getattr(config, key) for key in expected} == expected
        assert {key: config.gguf[key] for key in gguf} == gguf
    elif op == "gguf_config" and test == "TestGGUFModel/TestAnnotations":
        built = _docker([_file("dummy.gguf", models.DOCKER_GGUF)])
        annotations = built.parsed_manifest().layers[0].annotations
        assert annotations[models.ANNOTATION_FILEPATH] == "dummy.gguf"
        assert annotations[models.ANNOTATION_MEDIA_TYPE_UNTESTED] == "false"
        metadata = models.parse_file_metadata(annotations[models.ANNOTATION_FILE_METADATA])
        assert (metadata.name, metadata.typeflag, metadata.uid) == ("dummy.gguf", 0, 0)
        assert metadata.size > 0 and metadata.mode > 0 and metadata.mtime == MTIME
    elif op == "safetensors_config":
        _safetensors_case(case)
    elif op == "build_from_directory":
        layers = [
            models.describe_file(content.encode(), models.docker_media_type_for_file(path), path=path, mtime=MTIME)
            for path, content in case["files"].items()
        ]
        v02 = models.DOCKER_MODEL_CONFIG_V02
        built = _docker(layers, models.DockerModelConfig(format="safetensors"), config_media_type=v02)
        assert len(_types(built)) == case["expected"]["layer_count"]
        laid_out = models.model_layout(built.parsed_manifest())
        assert sorted(f.path for f in laid_out.files) == sorted(case["files"])
    else:
        _build_case(test)


def _safetensors_case(case: dict[str, Any]) -> None:
    spec = case["file"]
    header_json = json.dumps(spec["header"], sort_keys=True, separators=(",", ":")).encode()
    head = len(header_json).to_bytes(8, "little") + header_json
    header = models.parse_safetensors_header(head)
    assert header.file_size == len(head) + spec["data_size"]
    config = models.safetensors_model_config(header)
    expected = case["expected"]
    for key in ("format", "architecture", "parameters", "quantization"):
        assert getattr(config, key) == expected[key]
    assert config.size  # "non-empty"
    assert {key: config.safetensors[key] for key in expected["safetensors"]} == expected["safetensors"]
    weights = models.file_descriptor(
        models.DOCKER_SAFETENSORS, compute_digest(head), header.file_size, path=spec["name"], mtime=MTIME
    )
    built = _docker([weights], config)
    assert len(_types(built)) == expected["layer_count"]
    annotations = built.parsed_manifest().layers[0].annotations
    assert set(expected["layer_annotations"]) <= set(annotations)
    metadata = models.file_metadata(built.parsed_manifest().layers[0])
    assert metadata is not None and metadata.name == spec["name"] and metadata.size > 0


# -- format-helpers.json --------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases(_DMR + "format-helpers.json", id_keys=("test", "name", "input")))
def test_format_helpers(case: dict[str, Any]) -> None:
    op = case["op"]
    if op == "normalize_unit_string":
        assert models.normalize_unit_string(case["input"]) == case["expected"]
    elif op == "format_parameters":
        assert models.format_parameters(case["input"]) == case["expected"]
    elif op == "format_size":
        assert models.format_size(case["input"]) == case["expected"]
    elif op == "read_context_size_config":
        if case["test"] == "TestReadContextSizeConfig_SizeLimit":
            big = b'{"max_position_embeddings": 4096, "padding": "' + b"x" * (101 * 1048576) + b'"}'
            with pytest.raises(errors.InvalidModelError, match="over the limit"):
                models.context_size_from_hf_config(big)
            return
        if case["config_json"] is None:
            return  # no config.json next to the weights: the caller has nothing to pass, and no context size
        raw = case["config_json"].encode()
        if case.get("error"):
            with pytest.raises(errors.InvalidModelError):
                models.context_size_from_hf_config(raw)
        else:
            assert models.context_size_from_hf_config(raw) == case["expected"]
    else:
        assert op == "parse_safetensors_header"
        raw = base64.b64decode(case["raw_base64"])
        assert len(raw) == case["size"]
        with pytest.raises(errors.IncompleteModelHeaderError) as info:
            models.parse_safetensors_header(raw)
        assert info.value.needed == 1008


# -- model-reference.json ---------------------------------------------------------------------------------------


def _model_id() -> str:
    return str(_docker([_file("dummy.gguf", models.DOCKER_GGUF)]).model_id)


@pytest.mark.parametrize("case", cases(_DMR + "model-reference.json", id_keys=("test", "name")))
def test_model_reference(case: dict[str, Any]) -> None:
    op = case["op"]
    if op == "normalize_model_name":
        full = _model_id()
        placeholders = {"{model_id}": full, "{model_hex}": full[7:], "{short_id}": full[7:19]}
        given = placeholders.get(case["input"], case["input"])
        expected = placeholders.get(case["expected"], case["expected"])
        known = [full] if case["test"] == "TestNormalizeModelNameWithIDResolution" else []
        assert models.normalize_model_name(given, model_ids=known) == expected
    elif op == "looks_like_id":
        assert models.is_model_id(case["input"]) is case["expected"]
    elif op == "looks_like_digest":
        assert models.is_model_digest(case["input"]) is case["expected"]
    elif op == "is_huggingface_reference":
        assert models.is_hugging_face_reference(case["input"]) is case["expected"]
    elif op == "parse_hf_reference":
        parsed = models.parse_hugging_face_reference(case["input"])
        assert (parsed.repository, parsed.revision, parsed.tag) == (case["repo"], case["revision"], case["tag"])
    else:
        assert op == "with_default_tag"
        assert models.with_default_tag(case["input"]) == case["expected"]


# -- tarball.json ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases(_DMR + "tarball.json", id_keys=("test",)))
def test_tarball(case: dict[str, Any]) -> None:
    if case["op"] == "read_tarball":
        raw = base64.b64decode(case["raw_base64"])
        assert compute_digest(raw) == case["sha256"] and len(raw) == case["size"]
        blobs: list[dict[str, str]] = []
        manifest: bytes | None = None
        with tarfile.open(fileobj=io.BytesIO(raw)) as archive:
            for member in archive.getmembers():
                found = models.tarball_member(member.name, regular_file=member.isreg())
                if found is None:
                    continue
                handle = archive.extractfile(member)
                assert handle is not None
                content = handle.read()
                if found.kind == "manifest":
                    manifest = content
                else:
                    assert found.digest is not None
                    algorithm, encoded = found.digest.algorithm, found.digest.encoded
                    blobs.append({"algorithm": algorithm, "hex": encoded, "contents": content.decode()})
        expected = case["expected"]
        assert blobs == expected["blobs"]
        assert manifest is not None and manifest == expected["manifest"].encode()
        assert compute_digest(manifest).encoded == expected["manifest_digest_hex"]
        return
    built = _docker([_file("dummy.gguf", models.DOCKER_GGUF)] + (
        [_file("template.jinja", models.DOCKER_CHAT_TEMPLATE)] if "WithChatTemplateFile" in case["model"] else []
    ))
    entries = models.tarball_entries(built.parsed_manifest())
    if "no_entry_name_contains" in case["expected"]:
        assert not any(case["expected"]["no_entry_name_contains"] in e.name for e in entries)
        return
    gguf_hex = compute_digest(fixture("dummy.gguf")).encoded
    placeholders = {"{gguf_hex}": gguf_hex, "{config_hex}": built.config_descriptor.digest.encoded}
    expected_names = [e["name"] for e in case["expected"]["entries_in_order"]]
    for key, value in placeholders.items():
        expected_names = [n.replace(key, value) for n in expected_names]
    assert [e.name for e in entries] == expected_names
    kinds = ["directory" if e["type"] == "dir" else "file" for e in case["expected"]["entries_in_order"]]
    assert ["directory" if e.kind == "directory" else "file" for e in entries] == kinds


def test_tarball_refuses_parent_directories() -> None:
    with pytest.raises(errors.UnsafeLayerPathError):
        models.tarball_member("blobs/../../etc/passwd", regular_file=True)
    assert models.tarball_member("blobs/sha256", regular_file=False) is None


# -- fixtures.json ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases(_DMR + "fixtures.json"))
def test_fixtures(case: dict[str, Any]) -> None:
    data = fixture(case["name"])
    assert compute_digest(data) == case["sha256"] and len(data) == case["size"]
    if case["name"].endswith(".gguf"):
        header = models.parse_gguf_header(data)
        assert header.to_bytes() == data[: header.data_offset]
        assert header.data_offset + header.data_size <= len(data) or not header.tensors
    else:
        kinds = {"dummy.mmproj": models.FileType.UNKNOWN, "license.txt": models.FileType.LICENSE,
                 "template.jinja": models.FileType.CHAT_TEMPLATE}  # fmt: skip
        assert models.classify_file(case["name"]) is kinds[case["name"]]
        with pytest.raises(errors.InvalidModelHeaderError):
            models.parse_gguf_header(data)
