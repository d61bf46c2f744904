"""Static types of oci_core.models' public API, checked by mypy --strict (and run by pytest)."""

from __future__ import annotations

import sys
from typing import TypeVar

from oci_core import models
from oci_core.descriptor import Descriptor, FrozenMap, describe
from oci_core.digest import Digest
from oci_core.manifest import ImageManifest
from oci_core.mediatypes import Compression
from oci_core.reference import Reference

from .models_fixtures import fixture

_T = TypeVar("_T")

if sys.version_info >= (3, 11):
    from typing import assert_type
else:  # Python 3.10 has no typing.assert_type; mypy checks with the 3.11 branch.

    def assert_type(value: _T, expected: object, /) -> _T:
        return value


MTIME = "2025-06-15T12:00:00Z"


def test_classification_types() -> None:
    layer = describe(b"w", models.DOCKER_GGUF, annotations=FrozenMap({models.ANNOTATION_FILEPATH: "m.gguf"}))
    info = models.classify_layer(layer, model_format="gguf")
    assert_type(info, models.LayerInfo)
    assert_type(info.kind, models.LayerKind)
    assert_type(info.format, "str | None")
    assert_type(info.compression, Compression | None)
    assert_type(info.family, "models.ModelFamily | None")
    assert_type(info.filepath, "str | None")
    assert_type(models.classify_file("x"), models.FileType)
    assert_type(models.weights_format("x"), "str | None")
    assert_type(models.weights_format_of(["m.gguf"]), str)
    assert_type(models.modelpack_media_type(models.DOCKER_GGUF), str)
    assert_type(models.docker_media_type(models.MODELPACK_WEIGHT_RAW), "str | None")
    assert_type(models.infer_weights_format([layer]), "str | None")
    manifest = ImageManifest(config=describe(b"{}", models.DOCKER_MODEL_CONFIG_V01), layers=(layer,))
    assert_type(models.model_family(manifest), "models.ModelFamily | None")
    assert_type(models.check_model_compatibility(manifest), models.ModelFamily)
    assert_type(models.is_model_manifest(manifest), bool)
    assert_type(models.MODALITIES, "tuple[str, str, str, str, str, str]")
    assert_type(models.SUPPORTED_CONFIG_MEDIA_TYPES, "frozenset[str]")


def test_config_types() -> None:
    docker = models.parse_docker_model_config(b"{}")
    assert_type(docker, models.DockerModelConfigFile)
    assert_type(docker.config.context_size, "int | None")
    assert_type(docker.config.gguf, "FrozenMap[str, str]")
    assert_type(docker.descriptor.created, "str | None")
    assert_type(docker.rootfs.diff_ids, "tuple[Digest, ...]")
    assert_type(docker.diff_ids, "tuple[Digest, ...]")
    assert_type(docker.raw, bytes)
    assert_type(docker.to_json(), bytes)
    assert_type(docker.config_descriptor(), Descriptor)
    modelpack = models.parse_modelpack_config(b"{}")
    assert_type(modelpack, models.ModelPackConfig)
    assert_type(modelpack.config.capabilities, "models.ModelPackCapabilities | None")
    assert_type(modelpack.descriptor.authors, "tuple[str, ...]")
    assert_type(modelpack.modelfs.diff_ids, "tuple[Digest, ...]")
    assert_type(models.parse_model_config(b"{}"), "models.DockerModelConfigFile | models.ModelPackConfig")
    valid = b'{"descriptor":{},"config":{},"modelfs":{"type":"layers","diffIds":["sha256:' + b"a" * 64 + b'"]}}'
    assert_type(models.validate_modelpack_config(valid), models.ModelPackConfig)
    assert_type(models.is_modelpack_config(b"{}"), bool)
    assert_type(models.read_diff_ids(b"{}"), "tuple[Digest, ...]")
    assert_type(models.normalize_model_config(modelpack), models.DockerModelConfig)
    assert_type(models.modelpack_config_from_docker(docker), models.ModelPackConfig)
    assert_type(models.docker_config_from_modelpack(modelpack), models.DockerModelConfigFile)


def test_annotation_and_path_types() -> None:
    layer = models.describe_file(b"w", models.DOCKER_GGUF, path="m.gguf", mtime=MTIME)
    assert_type(layer, Descriptor)
    assert_type(models.file_metadata(layer), "models.FileMetadata | None")
    assert_type(models.parse_file_metadata("{}"), models.FileMetadata)
    assert_type(models.media_type_untested(layer), "bool | None")
    assert_type(models.layer_file_path(layer), str)
    assert_type(models.safe_relative_path("a"), str)
    assert_type(models.sanitize_relative_path("../a"), str)
    layout = models.model_layout([layer])
    assert_type(layout, models.ModelLayout)
    assert_type(layout.files, "tuple[models.LayerFile, ...]")
    assert_type(layout.weights, "tuple[models.LayerFile, ...]")
    assert_type(layout.unnamed, "tuple[Descriptor, ...]")


def test_header_types() -> None:
    gguf = models.parse_gguf_header(fixture("dummy.gguf"))
    assert_type(gguf, models.GGUFHeader)
    assert_type(gguf.metadata, "FrozenMap[str, models.GGUFValue]")
    assert_type(gguf.tensors, "tuple[models.GGUFTensorInfo, ...]")
    assert_type(gguf.get("k"), "int | float | bool | str | models.GGUFArray | None")
    assert_type(gguf.parameter_count, int)
    assert_type(gguf.to_bytes(), bytes)
    assert_type(models.gguf_model_config(gguf), models.DockerModelConfig)
    assert_type(models.gguf_quantization(gguf), str)
    assert_type(models.gguf_context_length(gguf), "int | None")
    assert_type(models.gguf_metadata(gguf), "dict[str, str]")
    array = models.GGUFArray.of(models.GGUFValueType.UINT8, [1])
    assert_type(array.values(), "tuple[int | float | bool | str, ...]")
    safetensors = models.parse_safetensors_header(b"\x02\x00\x00\x00\x00\x00\x00\x00{}")
    assert_type(safetensors, models.SafetensorsHeader)
    assert_type(safetensors.tensors, "tuple[models.SafetensorsTensor, ...]")
    assert_type(safetensors.file_size, int)
    assert_type(models.safetensors_model_config(safetensors), models.DockerModelConfig)
    assert_type(models.context_size_from_hf_config(b"{}"), "int | None")
    assert_type(models.format_size(1), str)


def test_builder_name_and_summary_types() -> None:
    layer = models.describe_file(b"w", models.DOCKER_GGUF, path="m.gguf", mtime=MTIME)
    built = models.build_docker_model([layer], models.DockerModelConfig(), created=MTIME)
    assert_type(built, models.BuiltModel)
    assert_type(built.manifest, bytes)
    assert_type(built.manifest_descriptor, Descriptor)
    assert_type(built.model_id, Digest)
    assert_type(built.parsed_manifest(), ImageManifest)
    assert_type(models.build_modelpack_model([layer], created=None), models.BuiltModel)
    assert_type(models.model_runner_manifest(built.parsed_manifest()), bytes)
    assert_type(models.normalize_model_name("gemma3"), str)
    assert_type(models.parse_model_reference("gemma3"), Reference)
    assert_type(models.parse_hugging_face_reference("hf.co/a/b"), models.HuggingFaceReference)
    assert_type(models.model_id(built.manifest), Digest)
    summary = models.summarize_model(built.parsed_manifest(), built.config)
    assert_type(summary, models.ModelSummary)
    assert_type(summary.lines(), "tuple[str, ...]")
    assert_type(summary.files, "tuple[models.ModelFileSummary, ...]")
    assert_type(models.tarball_entries(built.parsed_manifest()), "tuple[models.TarballEntry, ...]")
    assert_type(models.tarball_member("manifest.json", regular_file=True), "models.TarballMember | None")
    assert_type(models.backends_for_files(["a.gguf"]), "tuple[str, ...]")
