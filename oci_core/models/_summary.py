"""A model artifact at a glance, for ``inspect`` and for search results (private).

:func:`summarize_model` reads a model manifest and its config bytes into a
:class:`ModelSummary`: the family, format, quantization, parameters,
architecture, size and context size (in Docker's terms, whichever the
family: :func:`~oci_core.models.normalize_model_config`) and every file the
layers become. :meth:`ModelSummary.lines` words it for a terminal.

The inference backends model-runner's search command reports are here
too: a format's backend (``llama.cpp`` for GGUF, ``vllm`` for safetensors,
``diffusers`` for DDUF), the backends of a manifest's layers or of a
repository's files, in that order, de-duplicated.
"""

# pyright: reportUnnecessaryIsInstance=false
# (the entry points check their arguments' Python types at run time, as the error contract asks)

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from .._kinds import NONE, check_fields
from ..digest import Digest
from ..manifest import ImageManifest
from ._config import DockerModelConfigFile, ModelPackConfig, normalize_model_config, parse_model_config
from ._mediatypes import (
    ANNOTATION_FILEPATH,
    DOCKER_DDUF,
    DOCKER_GGUF,
    DOCKER_SAFETENSORS,
    FORMAT_DDUF,
    FORMAT_DIFFUSERS,
    FORMAT_GGUF,
    FORMAT_SAFETENSORS,
    LayerKind,
    ModelFamily,
    check_model_compatibility,
    classify_layer,
    infer_weights_format,
    weights_format,
)

__all__ = [
    "BACKENDS",
    "ModelFileSummary",
    "ModelSummary",
    "backend_for_format",
    "backends_for_files",
    "backends_for_layers",
    "summarize_model",
]

#: The inference backends, in the order model-runner lists them.
BACKENDS: Final = ("llama.cpp", "vllm", "diffusers")
_UNKNOWN: Final = "unknown"
_FORMAT_BACKENDS: Final[Mapping[str, str]] = MappingProxyType(
    {FORMAT_GGUF: "llama.cpp", FORMAT_SAFETENSORS: "vllm", FORMAT_DDUF: "diffusers", FORMAT_DIFFUSERS: "diffusers"}
)
_LAYER_BACKENDS: Final[Mapping[str, str]] = MappingProxyType(
    {DOCKER_GGUF: "llama.cpp", DOCKER_SAFETENSORS: "vllm", DOCKER_DDUF: "diffusers"}
)


def backend_for_format(format_: str) -> str:
    """The inference backend of a weights format, or ``unknown`` (model-runner ``backendFromFormat``)."""
    if type(format_) is not str:
        raise TypeError(f"format must be a str, got {type(format_).__name__}")
    return _FORMAT_BACKENDS.get(format_, _UNKNOWN)


def _ordered(found: Iterable[str]) -> tuple[str, ...]:
    present = set(found)
    return tuple(backend for backend in BACKENDS if backend in present)


def backends_for_layers(media_types: Iterable[str]) -> tuple[str, ...]:
    """The backends a manifest's Docker weight layers need, in :data:`BACKENDS` order (empty: unknown)."""
    if isinstance(media_types, (str, bytes, bytearray, memoryview)):
        raise TypeError(f"media_types must be an iterable of str, not {type(media_types).__name__}")
    return _ordered(_LAYER_BACKENDS[t] for t in media_types if t in _LAYER_BACKENDS)


def backends_for_files(paths: Iterable[str]) -> tuple[str, ...]:
    """The backends a repository's files need, by their names, in :data:`BACKENDS` order (empty: unknown)."""
    if isinstance(paths, (str, bytes, bytearray, memoryview)):
        raise TypeError(f"paths must be an iterable of str, not {type(paths).__name__}")
    found = (weights_format(path) for path in paths)
    return _ordered(_FORMAT_BACKENDS[f] for f in found if f is not None)


@dataclass(frozen=True, slots=True)
class ModelFileSummary:
    """One layer of a model: the file it becomes (its annotation, unchecked), what it is, and its blob."""

    path: str | None
    kind: LayerKind
    format: str | None
    media_type: str
    size: int
    digest: Digest

    def __post_init__(self) -> None:
        check_fields(self, (
            ("path", (str, NONE)),
            ("kind", (LayerKind,)),
            ("format", (str, NONE)),
            ("media_type", (str,)),
            ("size", (int,)),
            ("digest", (Digest,)),
        ))


@dataclass(frozen=True, slots=True)
class ModelSummary:
    """What ``inspect`` says about a model artifact (:func:`summarize_model`)."""

    family: ModelFamily
    config_media_type: str
    format: str
    quantization: str
    parameters: str
    architecture: str
    size: str
    context_size: int | None
    created: str | None
    files: tuple[ModelFileSummary, ...]

    def __post_init__(self) -> None:
        check_fields(self, (
            ("family", (ModelFamily,)),
            *((member, (str,)) for member in ("config_media_type", "format", "quantization", "parameters")),
            ("architecture", (str,)),
            ("size", (str,)),
            ("context_size", (int, NONE)),
            ("created", (str, NONE)),
            ("files", (tuple,), (ModelFileSummary,)),
        ))

    @property
    def weights(self) -> tuple[ModelFileSummary, ...]:
        """The weight files, in layer order."""
        return tuple(f for f in self.files if f.kind is LayerKind.WEIGHTS)

    def lines(self) -> tuple[str, ...]:
        """The summary as lines for a terminal (empty members left out)."""
        lines = [f"model: {self.family} ({self.config_media_type})"]
        for label, value in (
            ("format", self.format),
            ("quantization", self.quantization),
            ("parameters", self.parameters),
            ("architecture", self.architecture),
            ("size", self.size),
            ("context size", "" if self.context_size is None else str(self.context_size)),
            ("created", self.created or ""),
        ):
            if value:
                lines.append(f"{label}: {value}")
        lines.append(f"files: {len(self.files)}")
        for item in self.files:
            what = str(item.kind) if item.format is None else f"{item.kind} ({item.format})"
            lines.append(f"  {item.path or '(no path)'}  {what}  {item.size} bytes  {item.digest}")
        return tuple(lines)


def summarize_model(
    manifest: ImageManifest, config: bytes | DockerModelConfigFile | ModelPackConfig
) -> ModelSummary:
    """Summarise a model artifact from its manifest and its config (its bytes, or the parsed value).

    >>> from oci_core.models import DOCKER_GGUF, DockerModelConfig, build_docker_model, describe_file
    >>> gguf = describe_file(b"GGUF", DOCKER_GGUF, path="model.gguf", mtime="2025-01-01T00:00:00Z")
    >>> built = build_docker_model([gguf], DockerModelConfig(format="gguf", quantization="Q4_K_M", parameters="8B"),
    ...                            created="2025-01-01T00:00:00Z")
    >>> s = summarize_model(built.parsed_manifest(), built.config)
    >>> s.format, s.quantization, [f.path for f in s.weights]
    ('gguf', 'Q4_K_M', ['model.gguf'])

    :raises UnsupportedModelError: the manifest is no model artifact of a
        config version this library reads.
    :raises InvalidModelError: the config is bad.
    """
    family = check_model_compatibility(manifest)
    parsed = config if isinstance(config, (DockerModelConfigFile, ModelPackConfig)) else parse_model_config(
        config, manifest.config.media_type
    )
    details = normalize_model_config(parsed)
    created = parsed.descriptor.created if isinstance(parsed, DockerModelConfigFile) else parsed.descriptor.created_at
    files: list[ModelFileSummary] = []
    for layer in manifest.layers:
        info = classify_layer(layer, model_format=details.format)  # no format: the layer's own file name decides
        path = layer.annotations.get(ANNOTATION_FILEPATH)
        files.append(ModelFileSummary(path, info.kind, info.format, layer.media_type, layer.size, layer.digest))
    format_ = details.format or infer_weights_format(manifest.layers) or ""
    return ModelSummary(
        family=family,
        config_media_type=manifest.config.media_type,
        format=format_,
        quantization=details.quantization,
        parameters=details.parameters,
        architecture=details.architecture,
        size=details.size,
        context_size=details.context_size,
        created=created,
        files=tuple(files),
    )

