"""Building model artifacts: layers for files, and the manifest and config bytes of either family (private).

Every builder is pure: the caller hashes the files (or passes their bytes),
gives their modes and modification times, and passes the creation time; the
builder returns the bytes to push and their descriptors, so the same inputs
always give the same digests.

* :func:`describe_file` / :func:`file_descriptor` make a layer for one file
  with the three annotations model-runner writes on every layer
  (``org.cncf.model.filepath``, ``org.cncf.model.file.metadata+json`` with
  uid and gid 0 and the regular-file type flag, and
  ``org.cncf.model.file.mediatype.untested`` ``"false"``);
* :func:`build_docker_model` writes Docker's model format: the config file
  (``rootfs.type`` ``"rootfs"``, one diff ID per layer: a model layer is the
  file itself, so its diff ID is its digest) and the manifest in
  **model-runner's own field order** (schemaVersion, mediaType,
  artifactType, config, layers, annotations, subject; each descriptor
  mediaType, size, digest, data, urls, annotations, platform,
  artifactType). A model's ID there is the sha256 of the manifest's bytes,
  so the bytes must be model-runner's to the byte;
* :func:`build_modelpack_model` writes a CNCF ModelPack artifact: the
  ``artifactType``, the ModelPack config, and by default the image-spec Go
  types' field order (what modctl and ORAS write), or model-runner's;
* :func:`convert_to_modelpack` is model-runner's repackaging of a Docker
  model as a ModelPack one (``builder.FromModel(..., WithFormat(cncf))``):
  layer digests unchanged, layer types mapped, config converted.
"""

# pyright: reportUnnecessaryIsInstance=false
# (the builders check their arguments' Python types at run time, as the error contract asks)

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final, Literal

from .. import _json
from .._frozenmap import FrozenMap
from .._kinds import check_fields
from ..descriptor import Descriptor
from ..digest import Digest, compute_digest
from ..manifest import ImageManifest, build_image_manifest
from ..mediatypes import OCI_IMAGE_MANIFEST, compression
from ._annotations import FileMetadata
from ._config import (
    DockerModelConfig,
    DockerModelConfigFile,
    DockerModelDescriptor,
    DockerModelRootFS,
    ModelPackConfig,
    ModelPackDescriptor,
    ModelPackFS,
    ModelPackModelConfig,
    modelpack_config_from_docker,
)
from ._mediatypes import (
    ANNOTATION_FILE_METADATA,
    ANNOTATION_FILEPATH,
    ANNOTATION_MEDIA_TYPE_UNTESTED,
    DOCKER_MODEL_CONFIG_V01,
    MODELPACK_ARTIFACT_TYPE,
    MODELPACK_CONFIG,
    modelpack_media_type,
)
from ._paths import safe_relative_path

if TYPE_CHECKING:
    from ..digest import Buffer

__all__ = [
    "BuiltModel",
    "FieldOrder",
    "build_docker_model",
    "build_modelpack_model",
    "convert_to_modelpack",
    "describe_file",
    "file_descriptor",
    "model_runner_manifest",
]

FieldOrder = Literal["image-spec", "model-runner"]
_DEFAULT_MODE: Final = 0o644


@dataclass(frozen=True, slots=True)
class BuiltModel:
    """A model artifact to push: the manifest's and the config's bytes, and their descriptors.

    ``model_id`` is what model-runner calls the model: the manifest's digest.
    """

    manifest: bytes
    manifest_descriptor: Descriptor
    config: bytes
    config_descriptor: Descriptor

    def __post_init__(self) -> None:
        check_fields(self, (
            ("manifest", (bytes,)),
            ("manifest_descriptor", (Descriptor,)),
            ("config", (bytes,)),
            ("config_descriptor", (Descriptor,)),
        ))

    @property
    def model_id(self) -> Digest:
        """The manifest's sha256 digest (model-runner's model ID)."""
        return self.manifest_descriptor.digest

    def parsed_manifest(self) -> ImageManifest:
        """The manifest as a value (read back from its bytes)."""
        from ..manifest import parse_image_manifest

        return parse_image_manifest(self.manifest)


# -- layers -------------------------------------------------------------------------------------------


def file_descriptor(
    media_type: str,
    digest: Digest | str,
    size: int,
    *,
    path: str,
    mtime: str,
    mode: int = _DEFAULT_MODE,
    annotations: Mapping[str, str] | None = None,
) -> Descriptor:
    """The layer of one model file whose digest and size the caller computed (a large file, hashed as it streamed).

    >>> d = file_descriptor("application/vnd.docker.ai.license", "sha256:" + "d" * 64, 13,
    ...                     path="license.txt", mtime="2025-06-15T12:00:00Z")
    >>> sorted(d.annotations)
    ['org.cncf.model.file.mediatype.untested', 'org.cncf.model.file.metadata+json', 'org.cncf.model.filepath']

    ``path`` must pass :func:`~oci_core.models.safe_relative_path`; the file
    metadata's name is its last component. ``mode`` is the permission bits,
    ``mtime`` an RFC 3339 time. ``annotations`` are added to the three.

    :raises UnsafeLayerPathError: ``path`` is not a safe relative path.
    :raises InvalidModelError: ``mtime`` is not RFC 3339, or ``mode`` not a uint32.
    """
    _check_annotations(annotations)
    safe = safe_relative_path(path)
    metadata = FileMetadata(name=safe.rpartition("/")[2], mode=mode, size=size, mtime=mtime)
    merged = dict(annotations or {})
    merged.update(
        {
            ANNOTATION_FILEPATH: safe,
            ANNOTATION_FILE_METADATA: metadata.to_annotation(),
            ANNOTATION_MEDIA_TYPE_UNTESTED: "false",
        }
    )
    return Descriptor(media_type, digest, size, annotations=FrozenMap(merged))  # type: ignore[arg-type]


def describe_file(
    content: Buffer,
    media_type: str,
    *,
    path: str,
    mtime: str,
    mode: int = _DEFAULT_MODE,
    annotations: Mapping[str, str] | None = None,
) -> Descriptor:
    """The layer of one model file given its bytes (:func:`file_descriptor` with the digest computed here).

    >>> describe_file(b"FAKE LICENSE\\n", "application/vnd.docker.ai.license", path="license.txt",
    ...               mtime="2025-06-15T12:00:00Z").digest[:19]
    'sha256:d0ce8fae4da6'
    """
    data = memoryview(content).tobytes()
    return file_descriptor(
        media_type, compute_digest(data), len(data), path=path, mtime=mtime, mode=mode, annotations=annotations
    )


# -- model-runner's manifest bytes ---------------------------------------------------------------------


def _runner_descriptor(d: Descriptor) -> dict[str, object]:
    """A descriptor in model-runner's ``oci.Descriptor`` order (go-containerregistry's)."""
    full = d.to_json_object()
    obj: dict[str, object] = {"mediaType": d.media_type, "size": d.size, "digest": str(d.digest)}
    for key in ("data", "urls", "annotations", "platform", "artifactType"):
        if key in full:
            obj[key] = full[key]
    return obj


def model_runner_manifest(manifest: ImageManifest) -> bytes:
    """The bytes model-runner writes for a manifest (``oci.Manifest``: its own member order).

    >>> from oci_core.descriptor import describe
    >>> m = ImageManifest(config=describe(b"{}", DOCKER_MODEL_CONFIG_V01), layers=(describe(b"GGUF", "a/b"),))
    >>> model_runner_manifest(m)[:90]
    b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"med'

    The manifest must be an OCI image manifest (model-runner writes no other).
    """
    if not isinstance(manifest, ImageManifest):
        raise TypeError(f"manifest must be an ImageManifest, got {type(manifest).__name__}")
    if manifest.media_type != OCI_IMAGE_MANIFEST:
        raise ValueError(f"model-runner writes OCI image manifests, not {manifest.media_type}")
    obj: dict[str, object] = {"schemaVersion": 2, "mediaType": manifest.media_type}
    if manifest.artifact_type:
        obj["artifactType"] = manifest.artifact_type
    obj["config"] = _runner_descriptor(manifest.config)
    obj["layers"] = [_runner_descriptor(layer) for layer in manifest.layers]
    if manifest.annotations:
        obj["annotations"] = _json.sorted_map(manifest.annotations)
    if manifest.subject is not None:
        obj["subject"] = _runner_descriptor(manifest.subject)
    return _json.dumps(obj)


def _check_annotations(annotations: object) -> None:
    # Before ``annotations or {}``: 0 or "" would pass for none, and a list reach dict().
    if annotations is not None and not isinstance(annotations, Mapping):
        raise TypeError(f"annotations must be a mapping or None, got {type(annotations).__name__}")


def _built(manifest: ImageManifest, config: bytes, field_order: FieldOrder) -> BuiltModel:
    if not isinstance(field_order, str):
        raise TypeError(f"field_order must be a str, got {type(field_order).__name__}")
    if field_order == "model-runner":
        raw = model_runner_manifest(manifest)
    elif field_order == "image-spec":
        raw, _ = build_image_manifest(
            manifest.config,
            manifest.layers,
            artifact_type=manifest.artifact_type,
            subject=manifest.subject,
            annotations=manifest.annotations,
        )
    else:
        raise ValueError(f"field_order must be 'image-spec' or 'model-runner', got {field_order!r}")
    descriptor = Descriptor(OCI_IMAGE_MANIFEST, compute_digest(raw), len(raw))
    return BuiltModel(raw, descriptor, config, manifest.config)


def _layers(layers: Iterable[Descriptor]) -> tuple[Descriptor, ...]:
    given: object = layers
    if isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
        raise TypeError(f"layers must be an iterable of Descriptor, got {type(given).__name__}")
    checked = tuple(layers)
    for layer in checked:
        if not isinstance(layer, Descriptor):
            raise TypeError(f"layers must hold Descriptor values, got {type(layer).__name__}")
    if not checked:
        raise ValueError("a model needs at least one layer")
    return checked


# -- Docker's model format ------------------------------------------------------------------------------


def build_docker_model(
    layers: Iterable[Descriptor],
    config: DockerModelConfig,
    *,
    created: str,
    config_media_type: str = DOCKER_MODEL_CONFIG_V01,
    annotations: Mapping[str, str] | None = None,
) -> BuiltModel:
    """A Docker-format model artifact, written as model-runner writes it.

    >>> from oci_core.models import DOCKER_GGUF
    >>> gguf = describe_file(b"GGUF...", DOCKER_GGUF, path="model.gguf", mtime="2025-06-15T12:00:00Z")
    >>> built = build_docker_model([gguf], DockerModelConfig(format="gguf"), created="2025-06-15T12:00:00Z")
    >>> built.config[:101]
    b'{"config":{"format":"gguf"},"descriptor":{"created":"2025-06-15T12:00:00Z"},"rootfs":{"type":"rootfs"'
    >>> built.manifest[:97]
    b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType"'
    >>> built.model_id == built.manifest_descriptor.digest
    True

    ``created`` (RFC 3339) is the model's creation time; ``config_media_type``
    :data:`~oci_core.models.DOCKER_MODEL_CONFIG_V02` marks the one-layer-per-file
    packaging. The diff IDs are the layers' digests, in order.
    """
    if not isinstance(config, DockerModelConfig):
        raise TypeError(f"config must be a DockerModelConfig, got {type(config).__name__}")
    if not isinstance(created, str):  # DockerModelDescriptor takes None: the built model always says when
        raise TypeError(f"created must be a str, got {type(created).__name__}")
    checked = _layers(layers)
    for layer in checked:
        if compression(layer.media_type) is not None:
            raise ValueError(f"a Docker model layer is the file itself, not a compressed archive: {layer.media_type}")
    config_file = DockerModelConfigFile(
        config=config,
        descriptor=DockerModelDescriptor(created=created),
        rootfs=DockerModelRootFS(diff_ids=tuple(layer.digest for layer in checked)),
    )
    return _docker_artifact(config_file, checked, config_media_type, annotations)


def _docker_artifact(
    config_file: DockerModelConfigFile,
    layers: tuple[Descriptor, ...],
    config_media_type: str,
    annotations: Mapping[str, str] | None,
) -> BuiltModel:
    _check_annotations(annotations)
    manifest = ImageManifest(
        config=config_file.config_descriptor(config_media_type),
        layers=layers,
        annotations=FrozenMap(annotations or {}),
    )
    return _built(manifest, config_file.raw, "model-runner")


# -- CNCF ModelPack ----------------------------------------------------------------------------------------


def build_modelpack_model(
    layers: Iterable[Descriptor],
    *,
    created: str | None,
    config: ModelPackModelConfig | None = None,
    descriptor: ModelPackDescriptor | None = None,
    diff_ids: Iterable[Digest | str] | None = None,
    annotations: Mapping[str, str] | None = None,
    field_order: FieldOrder = "image-spec",
) -> BuiltModel:
    """A CNCF ModelPack model artifact (model-spec docs/spec.md).

    >>> from oci_core.models import MODELPACK_WEIGHT_RAW
    >>> w = describe_file(b"GGUF...", MODELPACK_WEIGHT_RAW, path="model.gguf", mtime="2025-06-15T12:00:00Z")
    >>> built = build_modelpack_model([w], created="2025-06-15T12:00:00Z",
    ...                               config=ModelPackModelConfig(format="gguf", param_size="8b"))
    >>> built.parsed_manifest().artifact_type
    'application/vnd.cncf.model.manifest.v1+json'

    ``created`` becomes ``descriptor.createdAt`` (``None`` leaves it out).
    ``diff_ids`` are the layers' uncompressed digests; they default to the
    layers' digests, which is right for every uncompressed layer (a
    ``+gzip``/``+zstd`` layer needs its own). ``field_order`` chooses the
    manifest bytes: image-spec's Go types (modctl, ORAS) or model-runner's.
    """
    checked = _layers(layers)
    _check_annotations(annotations)
    if isinstance(diff_ids, (str, bytes, bytearray, memoryview)):
        raise TypeError(f"diff_ids must be an iterable of digests or None, got {type(diff_ids).__name__}")
    if config is not None and not isinstance(config, ModelPackModelConfig):
        raise TypeError(f"config must be a ModelPackModelConfig, got {type(config).__name__}")
    if descriptor is not None and not isinstance(descriptor, ModelPackDescriptor):
        raise TypeError(f"descriptor must be a ModelPackDescriptor, got {type(descriptor).__name__}")
    if diff_ids is None:
        for layer in checked:
            if compression(layer.media_type) is not None:
                raise ValueError(f"pass diff_ids: the diff ID of a {layer.media_type} layer is its uncompressed digest")
        ids: tuple[Digest | str, ...] = tuple(layer.digest for layer in checked)
    else:
        ids = tuple(diff_ids)
        if len(ids) != len(checked):
            raise ValueError(f"{len(ids)} diff_ids for {len(checked)} layers")
    model = ModelPackConfig(
        descriptor=replace(descriptor or ModelPackDescriptor(), created_at=created),
        modelfs=ModelPackFS(diff_ids=ids),  # type: ignore[arg-type]
        config=config or ModelPackModelConfig(),
    )
    return _modelpack_artifact(model, checked, annotations, field_order)


def _modelpack_artifact(
    config: ModelPackConfig,
    layers: tuple[Descriptor, ...],
    annotations: Mapping[str, str] | None,
    field_order: FieldOrder,
) -> BuiltModel:
    manifest = ImageManifest(
        config=config.config_descriptor(MODELPACK_CONFIG),
        layers=layers,
        artifact_type=MODELPACK_ARTIFACT_TYPE,
        annotations=FrozenMap(annotations or {}),
    )
    return _built(manifest, config.raw, field_order)


def _filepath(layer: Descriptor) -> str:
    return layer.annotations.get(ANNOTATION_FILEPATH, "")


def convert_to_modelpack(
    manifest: ImageManifest,
    config: DockerModelConfigFile | ModelPackConfig,
    *,
    field_order: FieldOrder = "model-runner",
) -> BuiltModel:
    """A Docker model repackaged as a ModelPack artifact, as model-runner repackages it (``FromModel(..., cncf)``).

    Every layer keeps its digest, size and annotations and takes the
    ModelPack type :func:`~oci_core.models.modelpack_media_type` gives (from
    its type and its ``org.cncf.model.filepath``); the config is
    :func:`~oci_core.models.modelpack_config_from_docker` of the Docker one,
    or, when it already is a ModelPack config, that config with its diff IDs
    refreshed; the diff IDs are the layers' digests.
    """
    if not isinstance(manifest, ImageManifest):
        raise TypeError(f"manifest must be an ImageManifest, got {type(manifest).__name__}")
    layers = tuple(
        replace(layer, media_type=modelpack_media_type(layer.media_type, _filepath(layer)))
        for layer in manifest.layers
    )
    digests = tuple(layer.digest for layer in layers)
    if isinstance(config, DockerModelConfigFile):
        converted = modelpack_config_from_docker(config, digests)
    elif isinstance(config, ModelPackConfig):
        converted = replace(config, modelfs=replace(config.modelfs, diff_ids=digests))
    else:
        raise TypeError(f"config must be a DockerModelConfigFile or ModelPackConfig, got {type(config).__name__}")
    return _modelpack_artifact(converted, layers, dict(manifest.annotations), field_order)
