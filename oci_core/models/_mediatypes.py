"""Media types of model artifacts, and what each layer of one is (private; exported by :mod:`oci_core.models`).

Two families share the OCI image manifest:

* **Docker's model format** (docker/model-runner, ``pkg/distribution/types``):
  a config of media type ``application/vnd.docker.ai.model.config.v0.1+json``
  (or ``v0.2``, the one-layer-per-file packaging) and layers typed by their
  content (``application/vnd.docker.ai.gguf.v3``, ``…safetensors``,
  ``…license``, ``…mmproj``, ``…chat.template.jinja``, ``…model.file``, …);
* **CNCF ModelPack** (modelpack/model-spec, ``docs/spec.md``): the manifest's
  ``artifactType`` is ``application/vnd.cncf.model.manifest.v1+json``, the
  config ``application/vnd.cncf.model.config.v1+json``, and the layers
  ``application/vnd.cncf.model.<content>.v1.<packaging>`` for the contents
  ``weight``, ``weight.config``, ``doc``, ``code`` and ``dataset`` in the
  packagings ``raw`` (one unarchived, uncompressed file), ``tar``,
  ``tar+gzip`` and ``tar+zstd``; model-runner also reads two types of its
  own, ``…weight.v1.gguf`` and ``…weight.v1.safetensors``.

What a layer is, is one table (:data:`_LAYER_TYPES`) keyed by media type,
refined by the layer's ``org.cncf.model.filepath`` annotation where the type
alone cannot tell (a ModelPack ``doc`` layer holding ``LICENSE`` is the
license; a raw weight named ``mmproj-*.gguf`` is the multimodal projector;
a weight-config file ending ``.jinja`` is the chat template), and by the
config's ``format`` for ModelPack's format-agnostic weight types. File names
are classified as model-runner's ``files.Classify`` does, with ASCII-only
case folding.
"""

# pyright: reportUnnecessaryIsInstance=false
# (the entry points check their arguments' Python types at run time, as the error contract asks)

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType
from typing import Final

from .._kinds import NONE, check_fields
from .._values import layout_twin, publish
from ..descriptor import Descriptor
from ..errors import UnsupportedModelError
from ..manifest import ImageManifest
from ..mediatypes import Compression, compression
from ._strings import ascii_lower

__all__ = [
    "ANNOTATION_FILEPATH",
    "ANNOTATION_FILE_METADATA",
    "ANNOTATION_MEDIA_TYPE_UNTESTED",
    "DOCKER_CHAT_TEMPLATE",
    "DOCKER_DDUF",
    "DOCKER_DIR_TAR",
    "DOCKER_GGUF",
    "DOCKER_LICENSE",
    "DOCKER_MODEL_CONFIG_V01",
    "DOCKER_MODEL_CONFIG_V02",
    "DOCKER_MODEL_FILE",
    "DOCKER_MULTIMODAL_PROJECTOR",
    "DOCKER_SAFETENSORS",
    "DOCKER_VLLM_CONFIG_ARCHIVE",
    "FORMAT_DDUF",
    "FORMAT_DIFFUSERS",
    "FORMAT_GGUF",
    "FORMAT_SAFETENSORS",
    "MODALITIES",
    "MODELPACK_ARTIFACT_TYPE",
    "MODELPACK_CODE",
    "MODELPACK_CODE_GZIP",
    "MODELPACK_CODE_RAW",
    "MODELPACK_CODE_ZSTD",
    "MODELPACK_CONFIG",
    "MODELPACK_DATASET",
    "MODELPACK_DATASET_GZIP",
    "MODELPACK_DATASET_RAW",
    "MODELPACK_DATASET_ZSTD",
    "MODELPACK_DOC",
    "MODELPACK_DOC_GZIP",
    "MODELPACK_DOC_RAW",
    "MODELPACK_DOC_ZSTD",
    "MODELPACK_MEDIA_TYPE_PREFIX",
    "MODELPACK_WEIGHT",
    "MODELPACK_WEIGHT_CONFIG",
    "MODELPACK_WEIGHT_CONFIG_GZIP",
    "MODELPACK_WEIGHT_CONFIG_RAW",
    "MODELPACK_WEIGHT_CONFIG_ZSTD",
    "MODELPACK_WEIGHT_GGUF",
    "MODELPACK_WEIGHT_GZIP",
    "MODELPACK_WEIGHT_PREFIX",
    "MODELPACK_WEIGHT_RAW",
    "MODELPACK_WEIGHT_SAFETENSORS",
    "MODELPACK_WEIGHT_ZSTD",
    "SUPPORTED_CONFIG_MEDIA_TYPES",
    "WEIGHT_FORMATS",
    "FileType",
    "LayerInfo",
    "LayerKind",
    "ModelFamily",
    "check_model_compatibility",
    "classify_file",
    "classify_layer",
    "docker_media_type",
    "docker_media_type_for_file",
    "infer_weights_format",
    "is_model_manifest",
    "is_modelpack_media_type",
    "is_modelpack_weight_media_type",
    "is_projector_path",
    "model_family",
    "modelpack_media_type",
    "normalize_format",
    "weights_format",
    "weights_format_of",
]

# -- Docker's model format (model-runner types/config.go) --------------------------------

#: The model config, legacy packaging (weights found by layer media type).
DOCKER_MODEL_CONFIG_V01: Final = "application/vnd.docker.ai.model.config.v0.1+json"
#: The model config, one layer per file with ``org.cncf.model.filepath`` keeping nested paths.
DOCKER_MODEL_CONFIG_V02: Final = "application/vnd.docker.ai.model.config.v0.2+json"
#: A GGUF version 3 file.
DOCKER_GGUF: Final = "application/vnd.docker.ai.gguf.v3"
#: A safetensors file.
DOCKER_SAFETENSORS: Final = "application/vnd.docker.ai.safetensors"
#: A tar archive of vLLM-specific config files.
DOCKER_VLLM_CONFIG_ARCHIVE: Final = "application/vnd.docker.ai.vllm.config.tar"
#: A tar archive of a directory, its structure kept.
DOCKER_DIR_TAR: Final = "application/vnd.docker.ai.dir.tar"
#: A DDUF file (Diffusers Unified Format).
DOCKER_DDUF: Final = "application/vnd.docker.ai.dduf"
#: A plain-text license.
DOCKER_LICENSE: Final = "application/vnd.docker.ai.license"
#: A multimodal projector file.
DOCKER_MULTIMODAL_PROJECTOR: Final = "application/vnd.docker.ai.mmproj"
#: A Jinja chat template.
DOCKER_CHAT_TEMPLATE: Final = "application/vnd.docker.ai.chat.template.jinja"
#: Any other model file (config, tokenizer, …); its path is in ``org.cncf.model.filepath``.
DOCKER_MODEL_FILE: Final = "application/vnd.docker.ai.model.file"

FORMAT_GGUF: Final = "gguf"
FORMAT_SAFETENSORS: Final = "safetensors"
FORMAT_DDUF: Final = "dduf"
#: Deprecated spelling of :data:`FORMAT_DDUF` that older configs carry.
FORMAT_DIFFUSERS: Final = "diffusers"

# -- layer annotations (model-spec specs-go/v1/annotations.go; model-runner uses the same keys) --

#: The file path of the layer's content, relative, ``/``-separated.
ANNOTATION_FILEPATH: Final = "org.cncf.model.filepath"
#: A JSON string of the file's metadata (:class:`oci_core.models.FileMetadata`).
ANNOTATION_FILE_METADATA: Final = "org.cncf.model.file.metadata+json"
#: ``"true"`` when the packager has not verified the layer's media type classification.
ANNOTATION_MEDIA_TYPE_UNTESTED: Final = "org.cncf.model.file.mediatype.untested"

# -- CNCF ModelPack (model-spec specs-go/v1/mediatype.go) --------------------------------

MODELPACK_MEDIA_TYPE_PREFIX: Final = "application/vnd.cncf.model."
MODELPACK_WEIGHT_PREFIX: Final = "application/vnd.cncf.model.weight."
#: The manifest's ``artifactType`` (docs/spec.md: REQUIRED).
MODELPACK_ARTIFACT_TYPE: Final = "application/vnd.cncf.model.manifest.v1+json"
#: The config's media type (docs/config.md).
MODELPACK_CONFIG: Final = "application/vnd.cncf.model.config.v1+json"
MODELPACK_WEIGHT_RAW: Final = "application/vnd.cncf.model.weight.v1.raw"
MODELPACK_WEIGHT: Final = "application/vnd.cncf.model.weight.v1.tar"
MODELPACK_WEIGHT_GZIP: Final = "application/vnd.cncf.model.weight.v1.tar+gzip"
MODELPACK_WEIGHT_ZSTD: Final = "application/vnd.cncf.model.weight.v1.tar+zstd"
MODELPACK_WEIGHT_CONFIG_RAW: Final = "application/vnd.cncf.model.weight.config.v1.raw"
MODELPACK_WEIGHT_CONFIG: Final = "application/vnd.cncf.model.weight.config.v1.tar"
MODELPACK_WEIGHT_CONFIG_GZIP: Final = "application/vnd.cncf.model.weight.config.v1.tar+gzip"
MODELPACK_WEIGHT_CONFIG_ZSTD: Final = "application/vnd.cncf.model.weight.config.v1.tar+zstd"
MODELPACK_DOC_RAW: Final = "application/vnd.cncf.model.doc.v1.raw"
MODELPACK_DOC: Final = "application/vnd.cncf.model.doc.v1.tar"
MODELPACK_DOC_GZIP: Final = "application/vnd.cncf.model.doc.v1.tar+gzip"
MODELPACK_DOC_ZSTD: Final = "application/vnd.cncf.model.doc.v1.tar+zstd"
MODELPACK_CODE_RAW: Final = "application/vnd.cncf.model.code.v1.raw"
MODELPACK_CODE: Final = "application/vnd.cncf.model.code.v1.tar"
MODELPACK_CODE_GZIP: Final = "application/vnd.cncf.model.code.v1.tar+gzip"
MODELPACK_CODE_ZSTD: Final = "application/vnd.cncf.model.code.v1.tar+zstd"
MODELPACK_DATASET_RAW: Final = "application/vnd.cncf.model.dataset.v1.raw"
MODELPACK_DATASET: Final = "application/vnd.cncf.model.dataset.v1.tar"
MODELPACK_DATASET_GZIP: Final = "application/vnd.cncf.model.dataset.v1.tar+gzip"
MODELPACK_DATASET_ZSTD: Final = "application/vnd.cncf.model.dataset.v1.tar+zstd"
#: model-runner's own typed weight layers, not in model-spec (read for artifacts older model-runners wrote).
MODELPACK_WEIGHT_GGUF: Final = "application/vnd.cncf.model.weight.v1.gguf"
MODELPACK_WEIGHT_SAFETENSORS: Final = "application/vnd.cncf.model.weight.v1.safetensors"

#: The values of ``config.capabilities.inputTypes``/``outputTypes`` (model-spec ``Modality``).
MODALITIES: Final = ("text", "image", "audio", "video", "embedding", "other")

#: The config media types model-runner pulls (``client.go`` checkCompat); others are ``ErrUnsupportedMediaType``.
SUPPORTED_CONFIG_MEDIA_TYPES: Final = frozenset({DOCKER_MODEL_CONFIG_V01, DOCKER_MODEL_CONFIG_V02, MODELPACK_CONFIG})


class ModelFamily(str, Enum):
    """Which specification a model artifact (or one of its layers) follows."""

    DOCKER = "docker"
    MODELPACK = "modelpack"

    def __str__(self) -> str:
        return self.value


class LayerKind(str, Enum):
    """What a model layer holds (the entry point ``classify_layer`` answers with one of these)."""

    WEIGHTS = "weights"
    WEIGHT_CONFIG = "weight-config"
    PROJECTOR = "projector"
    TEMPLATE = "template"
    LICENSE = "license"
    DOCUMENTATION = "documentation"
    CODE = "code"
    DATASET = "dataset"
    OTHER = "other"

    def __str__(self) -> str:
        return self.value


class FileType(str, Enum):
    """What a file is by its name (model-runner ``files.FileType``; the values are its ``String()``)."""

    GGUF = "gguf"
    SAFETENSORS = "safetensors"
    DDUF = "dduf"
    CONFIG = "config"
    LICENSE = "license"
    CHAT_TEMPLATE = "chat_template"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return self.value


#: The weights formats model-runner can package, with the Docker layer type of each (``format.Format.MediaType``).
WEIGHT_FORMATS: Final[Mapping[str, str]] = MappingProxyType(
    {FORMAT_GGUF: DOCKER_GGUF, FORMAT_SAFETENSORS: DOCKER_SAFETENSORS, FORMAT_DDUF: DOCKER_DDUF}
)


@dataclass(frozen=True, slots=True)
class _LayerType:
    family: ModelFamily
    kind: LayerKind
    format: str | None = None
    archive: bool = False


_D, _M = ModelFamily.DOCKER, ModelFamily.MODELPACK
_K = LayerKind


def _modelpack_types() -> dict[str, _LayerType]:
    contents = {
        "weight": _K.WEIGHTS,
        "weight.config": _K.WEIGHT_CONFIG,
        "doc": _K.DOCUMENTATION,
        "code": _K.CODE,
        "dataset": _K.DATASET,
    }
    table: dict[str, _LayerType] = {}
    for content, kind in contents.items():
        for packaging in ("raw", "tar", "tar+gzip", "tar+zstd"):
            media_type = f"{MODELPACK_MEDIA_TYPE_PREFIX}{content}.v1.{packaging}"
            table[media_type] = _LayerType(_M, kind, archive=packaging != "raw")
    return table


# What each model layer media type is. Kinds refined by the file path are in
# _BY_PATH; the format of a weight without one comes from the config or the path.
_LAYER_TYPES: Final[Mapping[str, _LayerType]] = MappingProxyType(
    {
        DOCKER_GGUF: _LayerType(_D, _K.WEIGHTS, FORMAT_GGUF),
        DOCKER_SAFETENSORS: _LayerType(_D, _K.WEIGHTS, FORMAT_SAFETENSORS),
        DOCKER_DDUF: _LayerType(_D, _K.WEIGHTS, FORMAT_DDUF),
        DOCKER_MULTIMODAL_PROJECTOR: _LayerType(_D, _K.PROJECTOR),
        DOCKER_CHAT_TEMPLATE: _LayerType(_D, _K.TEMPLATE),
        DOCKER_LICENSE: _LayerType(_D, _K.LICENSE),
        DOCKER_MODEL_FILE: _LayerType(_D, _K.WEIGHT_CONFIG),
        DOCKER_VLLM_CONFIG_ARCHIVE: _LayerType(_D, _K.WEIGHT_CONFIG, archive=True),
        DOCKER_DIR_TAR: _LayerType(_D, _K.OTHER, archive=True),
        **_modelpack_types(),
        MODELPACK_WEIGHT_GGUF: _LayerType(_M, _K.WEIGHTS, FORMAT_GGUF),
        MODELPACK_WEIGHT_SAFETENSORS: _LayerType(_M, _K.WEIGHTS, FORMAT_SAFETENSORS),
    }
)

# A kind the media type gives, refined by what the file path names.
_BY_PATH: Final[Mapping[tuple[LayerKind, FileType], LayerKind]] = MappingProxyType(
    {
        (_K.DOCUMENTATION, FileType.LICENSE): _K.LICENSE,
        (_K.WEIGHT_CONFIG, FileType.CHAT_TEMPLATE): _K.TEMPLATE,
        (_K.WEIGHT_CONFIG, FileType.LICENSE): _K.LICENSE,
    }
)

# model-runner ClassifyLayer (modelpack/convert.go): the ModelPack kind of each
# Docker layer type, then of a file by its name, for the Docker -> ModelPack mapping.
_TO_MODELPACK_KIND: Final[Mapping[str, str]] = MappingProxyType(
    {
        DOCKER_LICENSE: "doc",
        MODELPACK_DOC_RAW: "doc",
        DOCKER_CHAT_TEMPLATE: "weight.config",
        DOCKER_VLLM_CONFIG_ARCHIVE: "weight.config",
        DOCKER_MODEL_FILE: "weight.config",
        MODELPACK_WEIGHT_CONFIG_RAW: "weight.config",
        DOCKER_MULTIMODAL_PROJECTOR: "weight",
        DOCKER_GGUF: "weight",
        DOCKER_SAFETENSORS: "weight",
        DOCKER_DDUF: "weight",
        MODELPACK_WEIGHT_RAW: "weight",
        MODELPACK_WEIGHT_GGUF: "weight",
        MODELPACK_WEIGHT_SAFETENSORS: "weight",
    }
)
_FILE_TO_MODELPACK_KIND: Final[Mapping[FileType, str]] = MappingProxyType(
    {
        FileType.GGUF: "weight",
        FileType.SAFETENSORS: "weight",
        FileType.DDUF: "weight",
        FileType.LICENSE: "doc",
        FileType.CHAT_TEMPLATE: "weight.config",
        FileType.CONFIG: "weight.config",
        FileType.UNKNOWN: "weight.config",
    }
)
_MODELPACK_RAW: Final[Mapping[str, str]] = MappingProxyType(
    {"weight": MODELPACK_WEIGHT_RAW, "weight.config": MODELPACK_WEIGHT_CONFIG_RAW, "doc": MODELPACK_DOC_RAW}
)

# The Docker layer type of a ModelPack single-file layer, where one exists
# (model-runner partial.matchesMediaType, read the other way).
_TO_DOCKER: Final[Mapping[str, str]] = MappingProxyType(
    {MODELPACK_WEIGHT_GGUF: DOCKER_GGUF, MODELPACK_WEIGHT_SAFETENSORS: DOCKER_SAFETENSORS}
)
_FORMAT_TO_DOCKER: Final[Mapping[str, str]] = WEIGHT_FORMATS
# model-runner builder/from_directory.go fileTypeToMediaType: the Docker layer type of a file, by its name.
_FILE_TO_DOCKER: Final[Mapping[FileType, str]] = MappingProxyType(
    {
        FileType.GGUF: DOCKER_GGUF,
        FileType.SAFETENSORS: DOCKER_SAFETENSORS,
        FileType.DDUF: DOCKER_DDUF,
        FileType.LICENSE: DOCKER_LICENSE,
        FileType.CHAT_TEMPLATE: DOCKER_CHAT_TEMPLATE,
        FileType.CONFIG: DOCKER_MODEL_FILE,
        FileType.UNKNOWN: DOCKER_MODEL_FILE,
    }
)

# files.Classify, in its order: suffixes, then name patterns.
_WEIGHT_SUFFIXES: Final = ((".gguf", FileType.GGUF), (".safetensors", FileType.SAFETENSORS), (".dduf", FileType.DDUF))
_TEMPLATE_SUFFIXES: Final = (".jinja",)
_LICENSE_WORDS: Final = ("license", "licence", "copying", "notice")
_CONFIG_SUFFIXES: Final = (".md", ".txt", ".json", ".vocab")
_CONFIG_NAMES: Final = frozenset({"tokenizer.model"})
_FORMAT_OF_FILE: Final[Mapping[FileType, str]] = MappingProxyType(
    {FileType.GGUF: FORMAT_GGUF, FileType.SAFETENSORS: FORMAT_SAFETENSORS, FileType.DDUF: FORMAT_DDUF}
)
# Format names as configs spell them, to the format of the weight files.
_FORMAT_ALIASES: Final[Mapping[str, str]] = MappingProxyType({FORMAT_DIFFUSERS: FORMAT_DDUF})

def _base_name(path: str) -> str:
    """Go's ``path.Base`` for a ``/``-separated path (``"."`` for an empty one)."""
    trimmed = path.rstrip("/")
    if not trimmed:
        return "/" if path else "."
    return trimmed.rpartition("/")[2]


def classify_file(path: str) -> FileType:
    """What a model file is by its name (model-runner ``files.Classify``).

    >>> classify_file("model-00001-of-00002.safetensors"), classify_file("LICENSE.md"), classify_file("tokenizer.json")
    (<FileType.SAFETENSORS: 'safetensors'>, <FileType.LICENSE: 'license'>, <FileType.CONFIG: 'config'>)

    The lower-cased base name, in this order: ``.gguf``, ``.safetensors``,
    ``.dduf``; ``.jinja`` or a name containing ``chat_template`` is the chat
    template; a name containing ``license``, ``licence``, ``copying`` or
    ``notice`` is a license; ``.md``, ``.txt``, ``.json``, ``.vocab`` and
    ``tokenizer.model`` are config; anything else is unknown. Only ASCII
    letters are folded.
    """
    if type(path) is not str:
        raise TypeError(f"path must be a str, got {type(path).__name__}")
    name = ascii_lower(_base_name(path))
    for suffix, file_type in _WEIGHT_SUFFIXES:
        if name.endswith(suffix):
            return file_type
    if name.endswith(_TEMPLATE_SUFFIXES) or "chat_template" in name:
        return FileType.CHAT_TEMPLATE
    if any(word in name for word in _LICENSE_WORDS):
        return FileType.LICENSE
    if name.endswith(_CONFIG_SUFFIXES) or name in _CONFIG_NAMES:
        return FileType.CONFIG
    return FileType.UNKNOWN


def is_projector_path(path: str) -> bool:
    """Whether a file name says it is a multimodal projector: ``mmproj`` in its base name, any case.

    >>> is_projector_path("some/path/mmproj-BF16.gguf"), is_projector_path("model-Q4_K_XL.gguf")
    (True, False)
    """
    if type(path) is not str:
        raise TypeError(f"path must be a str, got {type(path).__name__}")
    return "mmproj" in ascii_lower(_base_name(path))


def weights_format(path: str) -> str | None:
    """The weights format a file name says (``"gguf"``, ``"safetensors"``, ``"dduf"``), or ``None``.

    >>> weights_format("/path/to/MODEL.GGUF"), weights_format("config.json")
    ('gguf', None)
    """
    return _FORMAT_OF_FILE.get(classify_file(path))


def weights_format_of(paths: Iterable[str]) -> str:
    """The one weights format of a set of files (model-runner ``format.DetectFromPaths``).

    >>> weights_format_of(["model-00001-of-00002.gguf", "model-00002-of-00002.gguf"])
    'gguf'

    :raises UnsupportedModelError: no paths, a file of no weights format, or
        files of two formats.
    """
    if isinstance(paths, str):
        raise TypeError("paths must be an iterable of str, not a str")
    found: str | None = None
    for path in paths:
        format_ = weights_format(path)
        if format_ is None:
            raise UnsupportedModelError(
                f"unable to detect format from path: {path!r} (file type: {classify_file(path)})", text=path
            )
        if found is not None and format_ != found:
            raise UnsupportedModelError(f"mixed formats detected: {found} and {format_}")
        found = format_
    if found is None:
        raise UnsupportedModelError("no paths provided")
    return found


def docker_media_type_for_file(path: str) -> str:
    """The Docker layer type model-runner gives a file it packages one file per layer (``FromDirectory``).

    >>> docker_media_type_for_file("text_encoder/model.safetensors"), docker_media_type_for_file("tokenizer.json")
    ('application/vnd.docker.ai.safetensors', 'application/vnd.docker.ai.model.file')
    """
    return _FILE_TO_DOCKER[classify_file(path)]


def infer_weights_format(layers: Iterable[Descriptor]) -> str | None:
    """The weights format the first ModelPack weight layer's file name says, or ``None``.

    >>> from oci_core.descriptor import describe
    >>> infer_weights_format([describe(b"x", MODELPACK_WEIGHT_RAW, annotations={ANNOTATION_FILEPATH: "model.dduf"})])
    'dduf'

    model-runner's fallback for a ModelPack config without ``format``
    (``inferFormatFromLayerAnnotations``): layers of other types, and weight
    layers without a path or whose path names no weights format, are passed over.
    """
    given: object = layers
    if isinstance(given, (str, bytes)):
        raise TypeError("layers must be an iterable of Descriptor")
    for layer in layers:
        if not isinstance(layer, Descriptor):
            raise TypeError(f"layers must hold Descriptor values, got {type(layer).__name__}")
        path = layer.annotations.get(ANNOTATION_FILEPATH)
        if path and is_modelpack_weight_media_type(layer.media_type):
            found = weights_format(path)
            if found is not None:
                return found
    return None


def normalize_format(format_: str) -> str:
    """A config's ``format`` as model-runner compares it: lower-cased (ASCII), ``diffusers`` read as ``dduf``.

    >>> normalize_format("SafeTensors"), normalize_format("diffusers"), normalize_format("onnx")
    ('safetensors', 'dduf', 'onnx')
    """
    if type(format_) is not str:
        raise TypeError(f"format must be a str, got {type(format_).__name__}")
    lowered = ascii_lower(format_)
    return _FORMAT_ALIASES.get(lowered, lowered)


def is_modelpack_media_type(media_type: str) -> bool:
    """Whether a media type is one of CNCF ModelPack's (``application/vnd.cncf.model.`` and more)."""
    return type(media_type) is str and media_type.startswith(MODELPACK_MEDIA_TYPE_PREFIX)


def is_modelpack_weight_media_type(media_type: str) -> bool:
    """Whether a media type is a ModelPack weight layer type, of any packaging or model-runner's typed ones."""
    return type(media_type) is str and media_type.startswith(MODELPACK_WEIGHT_PREFIX)


# -- layers ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LayerInfo:
    """What a model layer is (:func:`classify_layer`).

    ``kind`` is what it holds; ``format`` the weights format of a weights or
    projector layer when known (``"gguf"``, ``"safetensors"``, ``"dduf"``);
    ``compression`` ``"gzip"``, ``"zstd"`` or ``None``; ``archive`` whether the
    blob is a tar archive (of one or more files) rather than the file
    itself; ``family`` the specification the media type belongs to
    (``None`` for a layer type of neither); ``filepath`` the
    ``org.cncf.model.filepath`` annotation as written (not checked: the
    path a layer may be written to is :func:`oci_core.models.layer_file_path`).
    """

    media_type: str
    kind: LayerKind
    format: str | None = None
    compression: Compression | None = None
    archive: bool = False
    family: ModelFamily | None = None
    filepath: str | None = None

    def __post_init__(self) -> None:
        check_fields(self, (
            ("media_type", (str,)),
            ("kind", (LayerKind,)),
            ("format", (str, NONE)),
            ("compression", (str, NONE)),
            ("archive", (bool,)),
            ("family", (ModelFamily, NONE)),
            ("filepath", (str, NONE)),
        ))


_LayerInfoLayout = layout_twin(LayerInfo)


def _layer_info(
    media_type: str,
    kind: LayerKind,
    format_: str | None,
    compressed: Compression | None,
    archive: bool,
    family: ModelFamily | None,
    filepath: str | None,
) -> LayerInfo:
    """A LayerInfo of a layer classify_layer read (through its twin: the constructor's checks are for callers)."""
    info = _LayerInfoLayout()
    info.media_type, info.kind, info.format, info.compression = media_type, kind, format_, compressed
    info.archive, info.family, info.filepath = archive, family, filepath
    return publish(info, LayerInfo)


def classify_layer(descriptor: Descriptor, *, model_format: str = "") -> LayerInfo:
    """What a model layer is: its kind, format and compression.

    >>> from oci_core.descriptor import describe
    >>> layer = describe(b"GGUF", MODELPACK_WEIGHT_RAW, annotations={ANNOTATION_FILEPATH: "mmproj-f16.gguf"})
    >>> info = classify_layer(layer)
    >>> info.kind, info.format, info.family
    (<LayerKind.PROJECTOR: 'projector'>, 'gguf', <ModelFamily.MODELPACK: 'modelpack'>)

    ``model_format`` is the config's ``format`` (any case): ModelPack's
    format-agnostic weight types take their format from it, and from the
    file path's extension when it is empty, as model-runner resolves them.
    Any descriptor has an answer: a layer type of neither family is
    ``LayerKind.OTHER`` with the compression its ``+gzip``/``+zstd`` suffix says.
    """
    if not isinstance(model_format, str):
        raise TypeError(f"model_format must be a str, got {type(model_format).__name__}")
    if not isinstance(descriptor, Descriptor):
        raise TypeError(f"descriptor must be a Descriptor, got {type(descriptor).__name__}")
    media_type = descriptor.media_type
    filepath = descriptor.annotations.get(ANNOTATION_FILEPATH)
    known = _LAYER_TYPES.get(media_type)
    if known is None:
        return _layer_info(media_type, LayerKind.OTHER, None, compression(media_type), False, None, filepath)
    kind = known.kind
    format_ = known.format
    file_type = classify_file(filepath) if filepath else FileType.UNKNOWN
    # As model-runner: only a format-agnostic ModelPack weight is told to be the projector by its name.
    agnostic = known.family is ModelFamily.MODELPACK and kind is LayerKind.WEIGHTS and format_ is None
    if agnostic and filepath and is_projector_path(filepath):
        kind = LayerKind.PROJECTOR
    if kind is LayerKind.WEIGHTS and format_ is None:
        format_ = _weights_format(model_format, file_type)
    elif kind is LayerKind.PROJECTOR:
        format_ = _FORMAT_OF_FILE.get(file_type)
    kind = _BY_PATH.get((kind, file_type), kind)
    return _layer_info(media_type, kind, format_, compression(media_type), known.archive, known.family, filepath)


def _weights_format(model_format: str, file_type: FileType) -> str | None:
    if type(model_format) is not str:
        raise TypeError(f"model_format must be a str, got {type(model_format).__name__}")
    if model_format:
        normalized = normalize_format(model_format)
        if normalized in WEIGHT_FORMATS:
            return normalized
    return _FORMAT_OF_FILE.get(file_type)


def modelpack_media_type(docker_media_type: str, filepath: str = "") -> str:
    """The ModelPack layer type model-runner writes for a layer of a Docker model (``modelpack.MapLayerMediaType``).

    >>> modelpack_media_type(DOCKER_GGUF), modelpack_media_type("application/octet-stream", "README.md")
    ('application/vnd.cncf.model.weight.v1.raw', 'application/vnd.cncf.model.doc.v1.raw')

    Only the raw (single-file) types are produced: weights (GGUF,
    safetensors, DDUF, the projector) become ``weight.v1.raw``, the license
    ``doc.v1.raw``, templates, model files and config archives
    ``weight.config.v1.raw``; another type is classified by ``filepath``
    (``.md`` files are documentation), and without one is weight config.
    """
    if type(docker_media_type) is not str or type(filepath) is not str:
        raise TypeError("docker_media_type and filepath must be str")
    content = _TO_MODELPACK_KIND.get(docker_media_type)
    if content is None and filepath:
        file_type = classify_file(filepath)
        content = _FILE_TO_MODELPACK_KIND[file_type]
        if file_type is FileType.CONFIG and ascii_lower(filepath).endswith(".md"):
            content = "doc"
    return _MODELPACK_RAW[content or "weight.config"]


def docker_media_type(media_type: str, *, model_format: str = "", filepath: str = "") -> str | None:
    """The Docker layer type of a ModelPack layer, where there is exactly one; a Docker type unchanged.

    >>> docker_media_type(MODELPACK_WEIGHT_RAW, model_format="GGUF")
    'application/vnd.docker.ai.gguf.v3'
    >>> docker_media_type(MODELPACK_DOC_RAW, filepath="LICENSE")
    'application/vnd.docker.ai.license'

    model-runner's typed weights map to their type; a raw weight to the
    projector when its path says ``mmproj``, else to the type of its format
    (``model_format``, or the path's extension); a raw weight config to the
    chat template or, otherwise, a model file; a raw doc to the license or a
    model file. Archived (``tar``) layers, code and datasets have no Docker
    counterpart: ``None``, as for a type of neither family or a raw weight
    whose format is unknown.
    """
    if type(media_type) is not str or type(model_format) is not str or type(filepath) is not str:
        raise TypeError("media_type, model_format and filepath must be str")
    known = _LAYER_TYPES.get(media_type)
    if known is None:
        return None
    if known.family is ModelFamily.DOCKER:
        return media_type
    if media_type in _TO_DOCKER:
        return _TO_DOCKER[media_type]
    file_type = classify_file(filepath) if filepath else FileType.UNKNOWN
    if media_type == MODELPACK_WEIGHT_RAW:
        if filepath and is_projector_path(filepath):
            return DOCKER_MULTIMODAL_PROJECTOR
        format_ = _weights_format(model_format, file_type)
        return None if format_ is None else _FORMAT_TO_DOCKER[format_]
    if media_type == MODELPACK_WEIGHT_CONFIG_RAW:
        return DOCKER_CHAT_TEMPLATE if file_type is FileType.CHAT_TEMPLATE else DOCKER_MODEL_FILE
    if media_type == MODELPACK_DOC_RAW:
        return DOCKER_LICENSE if file_type is FileType.LICENSE else DOCKER_MODEL_FILE
    return None


# -- manifests ------------------------------------------------------------------------------------


def model_family(manifest: ImageManifest) -> ModelFamily | None:
    """Which family a manifest's model artifact belongs to, or ``None`` when it is no model artifact.

    >>> from oci_core.descriptor import describe
    >>> from oci_core.manifest import ImageManifest
    >>> config = describe(b"{}", DOCKER_MODEL_CONFIG_V01)
    >>> model_family(ImageManifest(config=config, layers=(describe(b"GGUF", DOCKER_GGUF),)))
    <ModelFamily.DOCKER: 'docker'>

    ModelPack: ``artifactType`` is the model manifest type, or the config is
    the ModelPack config (model-runner detects by ``artifactType``; its own
    test artifacts carry only the config type). Docker: the config is a
    Docker model config, of any version (``…model.config.v<N>+json``; which
    versions can be read is :func:`check_model_compatibility`).
    """
    if not isinstance(manifest, ImageManifest):
        raise TypeError(f"manifest must be an ImageManifest, got {type(manifest).__name__}")
    config_type = manifest.config.media_type
    if manifest.artifact_type == MODELPACK_ARTIFACT_TYPE or config_type == MODELPACK_CONFIG:
        return ModelFamily.MODELPACK
    if _is_docker_model_config(config_type):
        return ModelFamily.DOCKER
    return None


def _is_docker_model_config(media_type: str) -> bool:
    prefix, suffix = "application/vnd.docker.ai.model.config.v", "+json"
    return media_type.startswith(prefix) and media_type.endswith(suffix) and len(media_type) > len(prefix) + len(suffix)


def is_model_manifest(manifest: ImageManifest) -> bool:
    """Whether a manifest is a model artifact of either family."""
    return model_family(manifest) is not None


def check_model_compatibility(manifest: ImageManifest) -> ModelFamily:
    """The family of a model artifact whose config media type this library (and model-runner) reads.

    :raises UnsupportedModelError: the config media type is not one of
        :data:`SUPPORTED_CONFIG_MEDIA_TYPES` ("unsupported model config media
        type", model-runner's ``ErrUnsupportedMediaType``: a newer Docker config
        version, or no model at all).
    """
    family = model_family(manifest)
    media_type = manifest.config.media_type
    if family is None or media_type not in SUPPORTED_CONFIG_MEDIA_TYPES:
        raise UnsupportedModelError(
            f"config media type {media_type!r}: unsupported model config media type"
            f" (supported: {', '.join(sorted(SUPPORTED_CONFIG_MEDIA_TYPES))})",
            pointer="/config/mediaType",
        )
    return family
