"""Model configs as immutable values: Docker's model config file and CNCF ModelPack's model config (private).

Two documents sit behind a model manifest's ``config`` descriptor:

* **Docker's model config file** (model-runner ``types.ConfigFile``; media
  types ``application/vnd.docker.ai.model.config.v0.1+json`` and ``v0.2``)::

      {"config": {"format", "quantization", "parameters", "architecture", "size",
                  "gguf", "safetensors", "diffusers", "context_size"},
       "descriptor": {"created"},
       "rootfs": {"type", "diff_ids"}}

* **ModelPack's model config** (model-spec ``specs-go/v1.Model``, docs/config.md;
  ``application/vnd.cncf.model.config.v1+json``)::

      {"descriptor": {"createdAt", "authors", "family", "name", "docURL", "sourceURL",
                      "datasetsURL", "version", "revision", "vendor", "licenses",
                      "title", "description"},
       "modelfs": {"type", "diffIds"},
       "config": {"architecture", "format", "paramSize", "precision", "quantization",
                  "capabilities": {"inputTypes", "outputTypes", "knowledgeCutoff",
                                   "reasoning", "toolUsage", "reward", "languages"}}}

Reading follows the Go decoder the two projects read them with, under the
rules every document here is read by: strict JSON (:mod:`oci_core._json`),
members of the wrong type refused at their JSON pointer, times in RFC 3339
as Go's ``time.Time`` reads them (:func:`oci_core.config.is_rfc3339`), diff
IDs that are digests (unregistered algorithms accepted, as for image
configs), an absent or ``null`` pointer, list or map read as empty, unknown
members ignored and the bytes kept in ``raw`` (a config's digest is the
digest of those bytes). What ModelPack's JSON schema adds (its required
members, no unknown ones, ``modelfs.type`` ``"layers"``, at least one diff
ID, the modality and language values) is :func:`validate_modelpack_config`,
model-spec's own validator's second step.

Writing (``to_json``) gives the bytes Go's ``encoding/json`` writes for the
same struct: members in the struct's order, ``omitempty`` ones left out when
empty, map keys sorted, times as read. An empty diff ID list is written
``[]`` (a Go nil slice writes ``null``; a value built here is never nil).
"""

# pyright: reportUnnecessaryIsInstance=false
# (the entry points check their arguments' Python types at run time, as the error contract asks)

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from .. import _json
from .._fault import Fault
from .._frozenmap import EMPTY, FrozenMap
from .._values import layout_twin
from ..descriptor import Descriptor
from ..digest import Digest, compute_digest
from ..errors import InvalidModelError, UnsupportedModelError
from . import _read, _struct
from ._mediatypes import (
    DOCKER_MODEL_CONFIG_V01,
    DOCKER_MODEL_CONFIG_V02,
    MODALITIES,
    MODELPACK_CONFIG,
)
from ._strings import ascii_lower
from ._struct import INT32, Field, Struct

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .._json import JSON

__all__ = [
    "DockerModelConfig",
    "DockerModelConfigFile",
    "DockerModelDescriptor",
    "DockerModelRootFS",
    "ModelPackCapabilities",
    "ModelPackConfig",
    "ModelPackDescriptor",
    "ModelPackFS",
    "ModelPackModelConfig",
    "docker_config_from_modelpack",
    "is_modelpack_config",
    "modelpack_config_from_docker",
    "normalize_model_config",
    "parse_docker_model_config",
    "parse_model_config",
    "parse_modelpack_config",
    "read_diff_ids",
    "validate_modelpack_config",
]

_ERROR: Final = InvalidModelError

# -- Docker's model config file ---------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class DockerModelConfig:
    """What the model is (model-runner ``types.Config``): the ``config`` member of Docker's model config file.

    >>> DockerModelConfig(format="gguf", parameters="8.03B", quantization="Q4_K_M", context_size=8192).context_size
    8192

    ``parameters`` and ``size`` are the human-readable strings model-runner
    writes (``"8.03B"``, ``"4.58GB"``); ``gguf``, ``safetensors`` and
    ``diffusers`` the string maps of the weights' own metadata;
    ``context_size`` a Go ``*int32``.
    """

    format: str = ""
    quantization: str = ""
    parameters: str = ""
    architecture: str = ""
    size: str = ""
    gguf: FrozenMap[str, str] = EMPTY
    safetensors: FrozenMap[str, str] = EMPTY
    diffusers: FrozenMap[str, str] = EMPTY
    context_size: int | None = None

    def __post_init__(self) -> None:
        _struct.check(_DOCKER_CONFIG, self)


_DOCKER_CONFIG: Final = Struct(
    DockerModelConfig,
    layout_twin(DockerModelConfig),
    (
        Field("format", "format", "str"),
        Field("quantization", "quantization", "str"),
        Field("parameters", "parameters", "str"),
        Field("architecture", "architecture", "str"),
        Field("size", "size", "str"),
        Field("gguf", "gguf", "map"),
        Field("safetensors", "safetensors", "map"),
        Field("diffusers", "diffusers", "map"),
        Field("context_size", "context_size", "int?", bounds=INT32),
    ),
    "/config",
    _ERROR,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class DockerModelDescriptor:
    """The provenance of a Docker model (``types.Descriptor``): when it was built."""

    created: str | None = None

    def __post_init__(self) -> None:
        _struct.check(_DOCKER_DESCRIPTOR, self)


_DOCKER_DESCRIPTOR: Final = Struct(
    DockerModelDescriptor,
    layout_twin(DockerModelDescriptor),
    (Field("created", "created", "time"),),
    "/descriptor",
    _ERROR,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class DockerModelRootFS:
    """The layers of a Docker model (``oci.RootFS``): their diff IDs, in layer order.

    model-runner's builder writes ``type`` ``"rootfs"`` (its tests and its
    ModelPack conversion write ``"layers"``); any string is read.
    """

    diff_ids: tuple[Digest, ...] = ()
    type: str = "rootfs"

    def __post_init__(self) -> None:
        _struct.check(_DOCKER_ROOTFS, self)


_DOCKER_ROOTFS: Final = Struct(
    DockerModelRootFS,
    layout_twin(DockerModelRootFS),
    (Field("type", "type", "str", always=True), Field("diff_ids", "diff_ids", "digests", always=True)),
    "/rootfs",
    _ERROR,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class DockerModelConfigFile:
    """Docker's model config file (model-runner ``types.ConfigFile``), with the bytes it was read from.

    >>> c = DockerModelConfigFile(config=DockerModelConfig(format="gguf"), descriptor=DockerModelDescriptor(
    ...     created="2025-06-15T12:00:00Z"), rootfs=DockerModelRootFS(diff_ids=("sha256:" + "a" * 64,)))
    >>> c.raw[:69]
    b'{"config":{"format":"gguf"},"descriptor":{"created":"2025-06-15T12:00'

    Constructing one validates it and writes its canonical bytes into
    ``raw``; a parsed one keeps the bytes it was read from. Equality compares
    the content, not ``raw``.
    """

    config: DockerModelConfig = DockerModelConfig()
    descriptor: DockerModelDescriptor = DockerModelDescriptor()
    rootfs: DockerModelRootFS = DockerModelRootFS()
    raw: bytes = field(default=b"", init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        _struct.check(_DOCKER_FILE, self)
        object.__setattr__(self, "raw", self.to_json())

    def __reduce__(self) -> tuple[object, ...]:
        return (parse_docker_model_config, (self.raw,))

    @property
    def diff_ids(self) -> tuple[Digest, ...]:
        """The layers' diff IDs (``rootfs.diff_ids``)."""
        return self.rootfs.diff_ids

    def config_descriptor(self, media_type: str = DOCKER_MODEL_CONFIG_V01) -> Descriptor:
        """The descriptor of ``raw`` (pass :data:`~oci_core.models.DOCKER_MODEL_CONFIG_V02` for the v0.2 packaging)."""
        return Descriptor(media_type, compute_digest(self.raw), len(self.raw))

    def to_json(self, *, indent: str | None = None) -> bytes:
        """The bytes Go writes for this ``types.ConfigFile``."""
        data = _json.dumps(self.to_json_object())
        return data if indent is None else _json.indent(data, indent)

    def to_json_object(self) -> dict[str, object]:
        """The JSON object, members in Go's order, empty ``omitempty`` ones left out."""
        return _struct.write(_DOCKER_FILE, self)


_DOCKER_FILE: Final = Struct(
    DockerModelConfigFile,
    layout_twin(DockerModelConfigFile),
    (
        Field("config", "config", "struct", struct=_DOCKER_CONFIG),
        Field("descriptor", "descriptor", "struct", struct=_DOCKER_DESCRIPTOR),
        Field("rootfs", "rootfs", "struct", struct=_DOCKER_ROOTFS),
    ),
    "",
    _ERROR,
    raw=True,
)

# -- ModelPack's model config -------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelPackCapabilities:
    """What the model can do (model-spec ``ModelCapabilities``); ``None`` booleans are unset."""

    input_types: tuple[str, ...] = ()
    output_types: tuple[str, ...] = ()
    knowledge_cutoff: str | None = None
    reasoning: bool | None = None
    tool_usage: bool | None = None
    reward: bool | None = None
    languages: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _struct.check(_MP_CAPABILITIES, self)


_MP_CAPABILITIES: Final = Struct(
    ModelPackCapabilities,
    layout_twin(ModelPackCapabilities),
    (
        Field("input_types", "inputTypes", "strs"),
        Field("output_types", "outputTypes", "strs"),
        Field("knowledge_cutoff", "knowledgeCutoff", "time"),
        Field("reasoning", "reasoning", "bool?"),
        Field("tool_usage", "toolUsage", "bool?"),
        Field("reward", "reward", "bool?"),
        Field("languages", "languages", "strs"),
    ),
    "/config/capabilities",
    _ERROR,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelPackModelConfig:
    """How the model runs (model-spec ``ModelConfig``): the ``config`` member of a ModelPack config.

    ``param_size`` is docs/config.md's ``<count><scale-prefix>`` (``"8b"``,
    ``"6.7B"``); ``precision`` one or more of its precision names.
    """

    architecture: str = ""
    format: str = ""
    param_size: str = ""
    precision: str = ""
    quantization: str = ""
    capabilities: ModelPackCapabilities | None = None

    def __post_init__(self) -> None:
        _struct.check(_MP_MODEL_CONFIG, self)


_MP_MODEL_CONFIG: Final = Struct(
    ModelPackModelConfig,
    layout_twin(ModelPackModelConfig),
    (
        Field("architecture", "architecture", "str"),
        Field("format", "format", "str"),
        Field("param_size", "paramSize", "str"),
        Field("precision", "precision", "str"),
        Field("quantization", "quantization", "str"),
        Field("capabilities", "capabilities", "struct?", struct=_MP_CAPABILITIES),
    ),
    "/config",
    _ERROR,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelPackDescriptor:
    """Who made the model and what it is (model-spec ``ModelDescriptor``)."""

    created_at: str | None = None
    authors: tuple[str, ...] = ()
    family: str = ""
    name: str = ""
    doc_url: str = ""
    source_url: str = ""
    datasets_url: tuple[str, ...] = ()
    version: str = ""
    revision: str = ""
    vendor: str = ""
    licenses: tuple[str, ...] = ()
    title: str = ""
    description: str = ""

    def __post_init__(self) -> None:
        _struct.check(_MP_DESCRIPTOR, self)


_MP_DESCRIPTOR: Final = Struct(
    ModelPackDescriptor,
    layout_twin(ModelPackDescriptor),
    (
        Field("created_at", "createdAt", "time"),
        Field("authors", "authors", "strs"),
        Field("family", "family", "str"),
        Field("name", "name", "str"),
        Field("doc_url", "docURL", "str"),
        Field("source_url", "sourceURL", "str"),
        Field("datasets_url", "datasetsURL", "strs"),
        Field("version", "version", "str"),
        Field("revision", "revision", "str"),
        Field("vendor", "vendor", "str"),
        Field("licenses", "licenses", "strs"),
        Field("title", "title", "str"),
        Field("description", "description", "str"),
    ),
    "/descriptor",
    _ERROR,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelPackFS:
    """The layers of a ModelPack model (model-spec ``ModelFS``): their diff IDs, first to last."""

    type: str = "layers"
    diff_ids: tuple[Digest, ...] = ()

    def __post_init__(self) -> None:
        _struct.check(_MP_FS, self)


_MP_FS: Final = Struct(
    ModelPackFS,
    layout_twin(ModelPackFS),
    (Field("type", "type", "str", always=True), Field("diff_ids", "diffIds", "digests", always=True)),
    "/modelfs",
    _ERROR,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelPackConfig:
    """A CNCF ModelPack model config (docs/config.md), with the bytes it was read from.

    >>> c = ModelPackConfig(descriptor=ModelPackDescriptor(name="xyz-3-8B-Instruct"),
    ...                     modelfs=ModelPackFS(diff_ids=("sha256:" + "1" * 64,)),
    ...                     config=ModelPackModelConfig(format="gguf", param_size="8b"))
    >>> c.raw[:60]
    b'{"descriptor":{"name":"xyz-3-8B-Instruct"},"modelfs":{"type"'

    Everything said of :class:`DockerModelConfigFile` holds here too.
    """

    descriptor: ModelPackDescriptor = ModelPackDescriptor()
    modelfs: ModelPackFS = ModelPackFS()
    config: ModelPackModelConfig = ModelPackModelConfig()
    raw: bytes = field(default=b"", init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        _struct.check(_MP_FILE, self)
        object.__setattr__(self, "raw", self.to_json())

    def __reduce__(self) -> tuple[object, ...]:
        return (parse_modelpack_config, (self.raw,))

    @property
    def diff_ids(self) -> tuple[Digest, ...]:
        """The layers' diff IDs (``modelfs.diffIds``)."""
        return self.modelfs.diff_ids

    def config_descriptor(self, media_type: str = MODELPACK_CONFIG) -> Descriptor:
        """The descriptor of ``raw``."""
        return Descriptor(media_type, compute_digest(self.raw), len(self.raw))

    def to_json(self, *, indent: str | None = None) -> bytes:
        """The bytes Go writes for this model-spec ``v1.Model``."""
        data = _json.dumps(self.to_json_object())
        return data if indent is None else _json.indent(data, indent)

    def to_json_object(self) -> dict[str, object]:
        """The JSON object, members in Go's order, empty ``omitempty`` ones left out."""
        return _struct.write(_MP_FILE, self)


_MP_FILE: Final = Struct(
    ModelPackConfig,
    layout_twin(ModelPackConfig),
    (
        Field("descriptor", "descriptor", "struct", struct=_MP_DESCRIPTOR),
        Field("modelfs", "modelfs", "struct", struct=_MP_FS),
        Field("config", "config", "struct", struct=_MP_MODEL_CONFIG),
    ),
    "",
    _ERROR,
    raw=True,
)

# -- reading ----------------------------------------------------------------------------------------


def _document(raw: object) -> tuple[bytes, dict[str, JSON]]:
    data = _read.as_bytes(raw, "a model config")
    return data, _read.load_object(data, "a model config")


def parse_docker_model_config(raw: object) -> DockerModelConfigFile:
    """Read Docker's model config file, keeping its bytes.

    >>> c = parse_docker_model_config(b'{"config": {"format": "gguf", "parameters": "8B"}, "descriptor": {},'
    ...                               b' "rootfs": {"type": "layers", "diff_ids": []}}')
    >>> c.config.format, c.config.parameters, c.descriptor.created
    ('gguf', '8B', None)

    :raises InvalidModelError: not strict JSON, or a member of the wrong type
        (``pointer`` names it); ``context_size`` outside int32, a ``created``
        that is not RFC 3339, a diff ID that is not a digest.
    """
    try:
        data, obj = _document(raw)
        config: DockerModelConfigFile = _struct.read(_DOCKER_FILE, obj, raw=data)
    except Fault as fault:
        raise fault.as_error(_ERROR) from None
    return config


def parse_modelpack_config(raw: object) -> ModelPackConfig:
    """Read a CNCF ModelPack model config, keeping its bytes (model-spec's validator, first step: the Go decoding).

    >>> c = parse_modelpack_config(b'{"descriptor": {"createdAt": "2025-01-15T10:30:00Z"},'
    ...     b' "config": {"format": "gguf", "paramSize": "8B"}, "modelfs": {"type": "layers", "diffIds": []}}')
    >>> c.config.param_size, c.descriptor.created_at
    ('8B', '2025-01-15T10:30:00Z')

    :raises InvalidModelError: not strict JSON, a member of the wrong type, a
        time that is not RFC 3339, a diff ID that is not a digest; what the
        schema adds is :func:`validate_modelpack_config`.
    """
    try:
        data, obj = _document(raw)
        config: ModelPackConfig = _struct.read(_MP_FILE, obj, raw=data)
    except Fault as fault:
        raise fault.as_error(_ERROR) from None
    return config


def is_modelpack_config(raw: object) -> bool:
    """Whether config bytes are a ModelPack config rather than Docker's (model-runner ``modelpack.IsModelPackConfig``).

    >>> is_modelpack_config(b'{"config": {"paramSize": "8B"}}'), is_modelpack_config(b'{"config": {"size": "8B"}}')
    (True, False)

    True when ``config`` is an object with a ``paramSize`` member,
    ``descriptor`` an object with a ``createdAt`` member, or the document has
    a ``modelfs`` member; only presence counts, never values. Anything else,
    bytes that are not a JSON object included, is ``False``.
    """
    try:
        _, obj = _document(raw)
    except Fault:
        return False
    config, descriptor = obj.get("config"), obj.get("descriptor")
    return (
        (type(config) is dict and "paramSize" in config)
        or (type(descriptor) is dict and "createdAt" in descriptor)
        or "modelfs" in obj
    )


_DOCKER_CONFIG_TYPES: Final = frozenset({DOCKER_MODEL_CONFIG_V01, DOCKER_MODEL_CONFIG_V02})


def parse_model_config(raw: object, media_type: str | None = None) -> DockerModelConfigFile | ModelPackConfig:
    """Read a model config of either family: by its media type, or without one as model-runner tells them apart.

    >>> type(parse_model_config(b'{"config": {"paramSize": "7b"}}')).__name__
    'ModelPackConfig'

    :raises InvalidModelError: the document is bad (see the two readers).
    :raises UnsupportedModelError: ``media_type`` is neither family's config type.
    """
    if media_type is None:
        return parse_modelpack_config(raw) if is_modelpack_config(raw) else parse_docker_model_config(raw)
    if type(media_type) is not str:
        raise TypeError(f"media_type must be a str or None, got {type(media_type).__name__}")
    if media_type == MODELPACK_CONFIG:
        return parse_modelpack_config(raw)
    if media_type in _DOCKER_CONFIG_TYPES:
        return parse_docker_model_config(raw)
    raise UnsupportedModelError(f"config media type {media_type!r}: unsupported model config media type")


def read_diff_ids(raw: object) -> tuple[Digest, ...]:
    """The layers' diff IDs in a model config: ``rootfs.diff_ids``, or else ``modelfs.diffIds``.

    >>> read_diff_ids(b'{"modelfs": {"type": "layers", "diffIds": ["sha256:' + b"1" * 64 + b'"]}}')[0][:12]
    'sha256:11111'

    model-runner's ``extractDiffIDs`` order: a Docker ``rootfs`` with diff IDs
    wins over a ModelPack ``modelfs``; neither is an empty tuple.

    :raises InvalidModelError: the document is bad as the config it is read as.
    """
    try:
        _, obj = _document(raw)
    except Fault as fault:
        raise fault.as_error(_ERROR) from None
    if "rootfs" in obj:
        docker = parse_docker_model_config(raw)
        if docker.rootfs.diff_ids or "modelfs" not in obj:
            return docker.rootfs.diff_ids
    if "modelfs" in obj:
        return parse_modelpack_config(raw).modelfs.diff_ids
    return ()


# -- between the two families --------------------------------------------------------------------------


def normalize_model_config(config: DockerModelConfigFile | ModelPackConfig) -> DockerModelConfig:
    """A model config of either family in Docker's terms (model-runner ``normalizeConfig``).

    >>> mp = parse_modelpack_config(b'{"config": {"architecture": "qwen3", "format": "SafeTensors",'
    ...                             b' "paramSize": "0.6B", "quantization": "F16"}}')
    >>> d = normalize_model_config(mp)
    >>> d.format, d.parameters, d.size, d.quantization, d.architecture
    ('safetensors', '0.6B', '0.6B', 'F16', 'qwen3')

    A Docker config's own ``config`` is returned as it is. A ModelPack config
    maps ``format`` (lower-cased), ``paramSize`` (to both ``parameters`` and
    ``size``, as model-runner's getters do), ``quantization`` and
    ``architecture``; ModelPack has no context size.
    """
    if isinstance(config, DockerModelConfigFile):
        return config.config
    if not isinstance(config, ModelPackConfig):
        raise TypeError(f"config must be a DockerModelConfigFile or ModelPackConfig, got {type(config).__name__}")
    model = config.config
    return DockerModelConfig(
        format=ascii_lower(model.format),
        parameters=model.param_size,
        size=model.param_size,
        quantization=model.quantization,
        architecture=model.architecture,
    )




def modelpack_config_from_docker(
    config: DockerModelConfigFile, diff_ids: Iterable[Digest | str] | None = None
) -> ModelPackConfig:
    """The ModelPack config model-runner writes for a Docker model (``modelpack.DockerConfigToModelPack``).

    >>> d = parse_docker_model_config(b'{"config": {"format": "gguf", "architecture": "llama", "parameters": "8B"},'
    ...     b' "descriptor": {"created": "2025-06-15T12:00:00Z"}}')
    >>> mp = modelpack_config_from_docker(d)
    >>> mp.descriptor.created_at, mp.descriptor.family, mp.config.param_size, mp.modelfs.type
    ('2025-06-15T12:00:00Z', 'llama', '8B', 'layers')

    ``created`` becomes ``createdAt``, the architecture both ``config.architecture``
    and ``descriptor.family``, ``parameters`` ``paramSize``; format and
    quantization carry over; ``modelfs`` lists ``diff_ids`` (the Docker
    config's own by default). Size, context size and the metadata maps have
    no ModelPack member and are dropped.
    """
    if not isinstance(config, DockerModelConfigFile):
        raise TypeError(f"config must be a DockerModelConfigFile, got {type(config).__name__}")
    model = config.config
    return ModelPackConfig(
        descriptor=ModelPackDescriptor(created_at=config.descriptor.created, family=model.architecture),
        modelfs=ModelPackFS(diff_ids=tuple(config.rootfs.diff_ids if diff_ids is None else diff_ids)),  # type: ignore[arg-type]
        config=ModelPackModelConfig(
            architecture=model.architecture,
            format=model.format,
            param_size=model.parameters,
            quantization=model.quantization,
        ),
    )


def docker_config_from_modelpack(config: ModelPackConfig) -> DockerModelConfigFile:
    """A ModelPack config as Docker's model config file, for tools that read only Docker's format.

    >>> mp = parse_modelpack_config(b'{"descriptor": {"createdAt": "2025-01-15T10:30:00Z"},'
    ...                             b' "modelfs": {"type": "", "diffIds": null}, "config": {"format": "GGUF"}}')
    >>> d = docker_config_from_modelpack(mp)
    >>> d.config.format, d.descriptor.created, d.rootfs.type
    ('gguf', '2025-01-15T10:30:00Z', 'layers')

    ``config`` is :func:`normalize_model_config`'s; ``createdAt`` becomes
    ``created``; the diff IDs carry over, under ``rootfs.type`` ``"layers"``
    when ``modelfs.type`` is empty (model-runner's removed ``ConvertToDockerConfig``,
    whose size was the size of no file, ``"0"``: here it is ``paramSize``, as
    model-runner's getters say now).
    """
    if not isinstance(config, ModelPackConfig):
        raise TypeError(f"config must be a ModelPackConfig, got {type(config).__name__}")
    return DockerModelConfigFile(
        config=normalize_model_config(config),
        descriptor=DockerModelDescriptor(created=config.descriptor.created_at),
        rootfs=DockerModelRootFS(diff_ids=config.modelfs.diff_ids, type=config.modelfs.type or "layers"),
    )


# -- ModelPack's schema (model-spec schema/config-schema.json) ---------------------------------------

_LANGUAGE_LETTERS: Final = frozenset("abcdefghijklmnopqrstuvwxyz")
_MODALITIES: Final = frozenset(MODALITIES)
# The members the schema REQUIRES, by object; every object is "additionalProperties": false.
_REQUIRED: Final = {"": ("descriptor", "config", "modelfs"), "/modelfs": ("type", "diffIds")}


def _schema_object(spec: Struct, obj: dict[str, JSON], pointer: str) -> None:
    keys = {f.key: f for f in spec.fields}
    for name in _REQUIRED.get(pointer, ()):
        if name not in obj:
            raise Fault("is required but missing", pointer=_read.join(pointer, name))
    for name, value in obj.items():
        where = _read.join(pointer, name)
        member = keys.get(name)
        if member is None:
            raise Fault("is not a member of the ModelPack config (the schema allows no others)", pointer=where)
        if value is None:
            wanted = "an object" if member.kind.startswith("struct") else _SCHEMA_TYPES[member.kind]
            raise Fault(f"must be {wanted}, got null", pointer=where)
        if member.struct is not None and type(value) is dict:
            _schema_object(member.struct, value, where)


_SCHEMA_TYPES: Final = {
    "str": "a string",
    "strs": "an array",
    "time": "a string",
    "bool?": "a boolean",
    "digests": "an array",
}


def validate_modelpack_config(raw: object) -> ModelPackConfig:
    """Read a ModelPack config and check it against model-spec's JSON schema too (model-spec ``schema.Validator``).

    >>> validate_modelpack_config(b'{"descriptor": {"name": "xyz"}, "config": {"paramSize": "8b"},'
    ...     b' "modelfs": {"type": "layers", "diffIds": ["sha256:' + b"1" * 64 + b'"]}}').descriptor.name
    'xyz'

    On top of :func:`parse_modelpack_config`: ``descriptor``, ``config`` and
    ``modelfs`` are required, and ``modelfs.type`` and ``modelfs.diffIds``;
    no object has a member the schema does not name; no member is ``null``;
    ``modelfs.type`` is ``"layers"``; ``diffIds`` holds at least one digest;
    ``descriptor.name``, when present, is not empty; every input and output
    type is one of :data:`~oci_core.models.MODALITIES`; every language is two
    lower-case ASCII letters (ISO 639-1, the schema's ``^[a-z]{2}$``).

    :raises InvalidModelError: at the first rule broken, ``pointer`` naming the member.
    """
    config = parse_modelpack_config(raw)
    try:
        _, obj = _document(config.raw)
        _schema_object(_MP_FILE, obj, "")
        _schema_values(config, obj)
    except Fault as fault:
        raise fault.as_error(_ERROR) from None
    return config


def _schema_values(config: ModelPackConfig, obj: dict[str, JSON]) -> None:
    if config.modelfs.type != "layers":
        raise Fault(f"must be 'layers', got {_read.shown(config.modelfs.type)}", pointer="/modelfs/type")
    if not config.modelfs.diff_ids:
        raise Fault("must hold at least one diff ID", pointer="/modelfs/diffIds")
    descriptor = obj.get("descriptor")
    # An absent name and an empty one read alike; the schema's minLength applies to a present one.
    if type(descriptor) is dict and descriptor.get("name") == "":
        raise Fault("must not be empty", pointer="/descriptor/name")
    capabilities = config.config.capabilities
    if capabilities is None:
        return
    for member, key in ((capabilities.input_types, "inputTypes"), (capabilities.output_types, "outputTypes")):
        for index, modality in enumerate(member):
            if modality not in _MODALITIES:
                raise Fault(
                    f"must be one of {', '.join(MODALITIES)}, got {_read.shown(modality)}",
                    pointer=f"/config/capabilities/{key}/{index}",
                )
    for index, language in enumerate(capabilities.languages):
        if len(language) != 2 or not set(language) <= _LANGUAGE_LETTERS:
            raise Fault(
                f"must be a two-letter ISO 639 code in lower case, got {_read.shown(language)}",
                pointer=f"/config/capabilities/languages/{index}",
            )

