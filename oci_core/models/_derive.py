"""What model-runner writes in a Docker model config, derived from the weights' headers (private).

model-runner fills ``config`` from the first weights file (``format/gguf.go``,
``format/safetensors.go``): the format; the parameter count and the size as
human-readable strings; the quantization; the architecture; the context
size; and a string map of the file's own metadata. For GGUF it takes these
from gpustack's gguf-parser-go, whose rules are transcribed here:

* **parameters**: the tensors' element count, as gguf-parser writes it
  (``183``, ``1.24 B`` before model-runner removes the space: ``1.24B``);
* **size**: the tensor data's size, as gguf-parser writes bytes (``864 B``,
  ``4.58 GiB``; ``864B``), computed from the header (gguf-parser uses the
  file's length less the data offset, the same for a file without trailing
  bytes);
* **architecture**: ``general.architecture`` (``controlvector.model_hint``
  for a control vector), else ``llama``, or ``diffusion`` for a file whose
  tensors are named as a diffusion model's (gguf-parser's default);
* **quantization**: the name of ``general.file_type`` (``Q4_K_M``, ``F16``; a
  ``_L`` variant when ``token_embd.weight`` is of a larger type), else a guess
  from the most common type among the weight tensors, else ``Unknown``; ties
  between tensor types are broken by the lower type number (gguf-parser's
  order there is Go's map order, which is random);
* **context size**: ``<architecture>.context_length`` when it is an integer
  from 1 to 2**31-1 (not for diffusion models, projectors, adapters);
* **gguf**: every metadata value but ``split.no`` as a string (``%d``,
  ``%f``, ``true``/``false``, the text; arrays of at most 50 elements joined
  by ``", "``, larger ones left out).

For safetensors: parameters with :func:`format_parameters`, size with
:func:`format_size` of the file's length, quantization the one dtype of
every tensor (``mixed`` for several, ``unknown`` for none), architecture
``__metadata__["architecture"]``, ``safetensors`` the ``__metadata__`` map
plus ``tensor_count``, and the context size from the Hugging Face
``config.json`` next to the weights (:func:`context_size_from_hf_config`).
"""

# pyright: reportUnnecessaryIsInstance=false
# (the entry points check their arguments' Python types at run time, as the error contract asks)

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from .._fault import Fault
from .._frozenmap import FrozenMap
from ..errors import InvalidModelError
from . import _read
from ._config import DockerModelConfig
from ._gguf import GGUFArray, GGUFHeader, GGUFValue, GGUFValueType
from ._mediatypes import FORMAT_GGUF, FORMAT_SAFETENSORS
from ._safetensors import SafetensorsHeader
from ._strings import GO_SPACE

__all__ = [
    "HF_CONFIG_MAX_SIZE",
    "context_size_from_hf_config",
    "format_parameters",
    "format_size",
    "gguf_architecture",
    "gguf_context_length",
    "gguf_metadata",
    "gguf_model_config",
    "gguf_quantization",
    "normalize_unit_string",
    "safetensors_model_config",
]

#: The largest Hugging Face ``config.json`` read (model-runner's ``maxFormatJSONSize``, 100 MiB).
HF_CONFIG_MAX_SIZE: Final = 100 * 1024 * 1024
_INT32_MAX: Final = 2**31 - 1
# gguf-parser's unit tables, largest first.
_NUMBER_UNITS: Final = ((1e15, "Q"), (1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))
_BYTE_UNITS: Final = (
    (2.0**50, "Pi"), (1e15, "P"), (2.0**40, "Ti"), (1e12, "T"), (2.0**30, "Gi"),
    (1e9, "G"), (2.0**20, "Mi"), (1e6, "M"), (2.0**10, "Ki"), (1e3, "K"),
)  # fmt: skip
# docker/go-units CustomSize tables (model-runner formatParameters and FormatSize).
_PARAMETER_UNITS: Final = ("", "K", "M", "B", "T")
_SIZE_UNITS: Final = ("B", "kB", "MB", "GB", "TB", "PB", "EB")
# A run of RE2's \s (no \v) after a digit and before an ASCII letter.
_SPACE_BEFORE_UNIT: Final = re.compile(r"(?<=[0-9])[\t\n\f\r ]+(?=[A-Za-z])")
_MAX_ARRAY: Final = 50
_HF_CONTEXT_KEYS: Final = (
    "max_position_embeddings",
    "n_ctx",
    "n_positions",
    "max_length",
    "max_sequence_length",
    "model_max_length",
)


def _go_round(value: float) -> str:
    # Go's %.2f and strconv.FormatFloat(v, 'f', 2, 64) round the exact binary value, as Python's format does.
    return f"{value:.2f}"


def normalize_unit_string(text: str) -> str:
    """Remove the spaces between a number and its unit (model-runner ``normalizeUnitString``).

    >>> normalize_unit_string("16.78 M"), normalize_unit_string("  100 KB  ")
    ('16.78M', '100KB')

    The text is trimmed of white space, then every run of spaces between a
    digit and an ASCII letter is removed: the effect of model-runner's
    ``([0-9]+(?:\\.[0-9]+)?)\\s+([A-Za-z]+)``, by a pattern that looks one
    character back and one ahead, so that it runs in linear time.
    """
    if type(text) is not str:
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    return _SPACE_BEFORE_UNIT.sub("", text.strip(GO_SPACE))


def _custom_size(size: float, units: tuple[str, ...]) -> str:
    # docker/go-units getSizeAndUnit: divide by 1000 while it is at least that, up to the last unit.
    index = 0
    while size >= 1000.0 and index < len(units) - 1:
        size /= 1000.0
        index += 1
    return f"{_go_round(size)}{units[index]}"


def format_parameters(count: int) -> str:
    """A parameter count as model-runner writes it for safetensors models (base 1000, two decimals).

    >>> format_parameters(16781312), format_parameters(7_000_000_000)
    ('16.78M', '7.00B')
    """
    if type(count) is not int:
        raise TypeError(f"count must be an int, got {type(count).__name__}")
    return _custom_size(float(count), _PARAMETER_UNITS)


def format_size(size: int) -> str:
    """A size in bytes as model-runner writes it (``FormatSize``: base 1000, ``n/a`` for none).

    >>> format_size(4_300_000_000), format_size(1500), format_size(0)
    ('4.30GB', '1.50kB', 'n/a')
    """
    if type(size) is not int:
        raise TypeError(f"size must be an int, got {type(size).__name__}")
    return "n/a" if size <= 0 else _custom_size(float(size), _SIZE_UNITS)


def _gguf_scalar_text(value: float, units: tuple[tuple[float, str], ...], zero: str, suffix: str) -> str:
    if value == 0:
        return zero
    base, unit = 1.0, ""
    for candidate, name in units:
        if value >= candidate:
            base, unit = candidate, name
            break
    text = _go_round(value / base)
    if text.endswith(".00"):
        text = text[:-3]
    return f"{text} {unit}{suffix}"


def _gguf_parameters(count: int) -> str:
    return normalize_unit_string(_gguf_scalar_text(float(count), _NUMBER_UNITS, "0", ""))


def _gguf_bytes(size: int) -> str:
    return normalize_unit_string(_gguf_scalar_text(float(size), _BYTE_UNITS, "0 B", "B"))


# -- GGUF: architecture, quantization, context length ------------------------------------------------

_DIFFUSION_ARCHITECTURES: Final = frozenset({"flux", "sd", "sd2.5", "sd3", "stable-diffusion"})
_DIFFUSION_TENSORS: Final = (
    "model.diffusion_model.",
    "double_blocks.",
    "joint_blocks.",
    "decoder.",
    "encoder.",
    "text_model.",
)


def _text(header: GGUFHeader, key: str) -> str | None:
    found = header.metadata.get(key)
    return found.value if found is not None and isinstance(found.value, str) else None


def _number(value: GGUFValue | None) -> int | None:
    """gguf-parser's ``ValueNumeric``: an integer (a float truncated) of a numeric value; ``None`` otherwise."""
    if value is None or value.type in (GGUFValueType.STRING, GGUFValueType.ARRAY, GGUFValueType.BOOL):
        return None
    number = value.value
    if isinstance(number, float):
        return int(number) if math.isfinite(number) else None
    return number if isinstance(number, int) else None


def _is_diffusion(header: GGUFHeader) -> bool:
    return any(tensor.name.startswith(_DIFFUSION_TENSORS) for tensor in header.tensors)


def gguf_architecture(header: GGUFHeader) -> str:
    """The architecture of a GGUF model, as gguf-parser (and so model-runner) reports it.

    >>> gguf_architecture(GGUFHeader()), gguf_architecture(GGUFHeader(metadata={
    ...     "general.architecture": GGUFValue(GGUFValueType.STRING, " qwen3 ")}))
    ('llama', 'qwen3')

    Surrounding white space is removed, as model-runner does.
    """
    if not isinstance(header, GGUFHeader):
        raise TypeError(f"header must be a GGUFHeader, got {type(header).__name__}")
    kind = _text(header, "general.type")
    hint = _text(header, "controlvector.model_hint")
    architecture = _text(header, "general.architecture")
    if hint is not None:
        found = hint
    elif architecture is not None and architecture not in _DIFFUSION_ARCHITECTURES:
        found = architecture
    elif kind == "imatrix":
        found = "imatrix"
    else:
        found = "diffusion" if _is_diffusion(header) else "llama"
    return found.strip(GO_SPACE)


# LLAMA_FTYPE / gguf-parser GGUFFileType, by number: the names model-runner writes as the quantization.
_FILE_TYPES: Final = (
    "F32", "F16", "Q4_0", "Q4_1", "Q4_1_SOME_F16", "Q4_2", "Q4_3", "Q8_0", "Q5_0", "Q5_1", "Q2_K",
    "Q3_K_S", "Q3_K_M", "Q3_K_L", "Q4_K_S", "Q4_K_M", "Q5_K_S", "Q5_K_M", "Q6_K", "IQ2_XXS", "IQ2_XS",
    "Q2_K_S", "IQ3_XS", "IQ3_XXS", "IQ1_S", "IQ4_NL", "IQ3_S", "IQ3_M", "IQ2_S", "IQ2_M", "IQ4_XS",
    "IQ1_M", "BF16", "Q4_0_4_4", "Q4_0_4_8", "Q4_0_8_8", "TQ1_0", "TQ2_0", "MXFP4",
)  # fmt: skip
_GG: Final[Mapping[str, int]] = MappingProxyType(
    {
        "F32": 0, "F16": 1, "Q4_0": 2, "Q4_1": 3, "Q4_2": 4, "Q4_3": 5, "Q5_0": 6, "Q5_1": 7, "Q8_0": 8,
        "Q2_K": 10, "Q3_K": 11, "Q4_K": 12, "Q5_K": 13, "Q6_K": 14, "IQ2_XXS": 16, "IQ2_XS": 17,
        "IQ3_XXS": 18, "IQ1_S": 19, "IQ4_NL": 20, "IQ3_S": 21, "IQ2_S": 22, "IQ4_XS": 23, "IQ1_M": 29,
        "BF16": 30, "Q4_0_4_4": 31, "Q4_0_4_8": 32, "Q4_0_8_8": 33, "TQ1_0": 34, "TQ2_0": 35, "MXFP4": 39,
    }
)  # fmt: skip
# gguf-parser GetFileType: the file type of the most common tensor type, where it is that simple.
_GUESS: Final[Mapping[int, str]] = MappingProxyType(
    {
        _GG["F16"]: "F16", _GG["Q4_0"]: "Q4_0", _GG["Q4_1"]: "Q4_1", _GG["Q4_2"]: "Q4_2", _GG["Q4_3"]: "Q4_3",
        _GG["Q5_0"]: "Q5_0", _GG["Q5_1"]: "Q5_1", _GG["Q8_0"]: "Q8_0", _GG["Q6_K"]: "Q6_K",
        _GG["IQ2_XXS"]: "IQ2_XXS", _GG["IQ2_S"]: "IQ2_M", _GG["IQ3_XXS"]: "IQ3_XXS", _GG["IQ1_S"]: "IQ1_S",
        _GG["IQ4_NL"]: "IQ4_NL", _GG["IQ4_XS"]: "IQ4_XS", _GG["IQ1_M"]: "IQ1_M", _GG["BF16"]: "BF16",
        _GG["Q4_0_4_4"]: "Q4_0_4_4", _GG["Q4_0_4_8"]: "Q4_0_4_8", _GG["Q4_0_8_8"]: "Q4_0_8_8",
        _GG["TQ1_0"]: "TQ1_0", _GG["TQ2_0"]: "TQ2_0", _GG["MXFP4"]: "MXFP4",
    }
)  # fmt: skip
# The "_L" variants: a file type whose token_embd.weight is of a larger type, and the name it takes then.
_LARGE_EMBEDDING: Final[Mapping[str, tuple[frozenset[int], str]]] = MappingProxyType(
    {
        "Q4_0": (frozenset({_GG["Q8_0"], _GG["Q5_0"], _GG["Q5_1"]}), "Q4_0_L"),
        "Q4_1": (frozenset({_GG["Q8_0"], _GG["Q5_0"], _GG["Q5_1"]}), "Q4_1_L"),
        "Q5_0": (frozenset({_GG["Q8_0"]}), "Q5_0_L"),
        "Q5_1": (frozenset({_GG["Q8_0"]}), "Q5_1_L"),
        "Q2_K": (frozenset({_GG["Q8_0"], _GG["Q4_K"]}), "Q2_K_L"),
        "Q3_K_M": (frozenset({_GG["Q8_0"]}), "Q3_K_L"),
        "Q4_K_M": (frozenset({_GG["Q8_0"]}), "Q4_K_L"),
        "Q5_K_M": (frozenset({_GG["Q8_0"]}), "Q5_K_L"),
        "Q6_K": (frozenset({_GG["Q8_0"]}), "Q6_K_L"),
    }
)


def _guess_file_type(counts: dict[int, int]) -> str | None:
    """gguf-parser ``GetFileType`` over the count of each tensor type (ties: the lower type number first)."""
    if not counts:
        return None
    order = sorted(counts, key=lambda kind: (-counts[kind], kind))
    first = order[0]
    if first == _GG["F32"]:
        if len(order) == 1:
            return "F32"
        first = order[1]
    if first in _GUESS:
        return _GUESS[first]
    has = counts.get

    def more_than_one(name: str) -> bool:
        return has(_GG[name], 0) > 1

    if first == _GG["Q2_K"]:
        return "Q2_K_S" if order[-1] == _GG["Q5_K"] else "Q2_K"
    if first == _GG["Q3_K"]:
        if has(_GG["Q8_0"], 0) > 0 or (more_than_one("Q5_K") and has(_GG["Q4_K"], 0) == 0):
            return "Q3_K_L"
        return "Q3_K_M" if more_than_one("Q4_K") else "Q3_K_S"
    if first == _GG["Q4_K"]:
        if more_than_one("Q6_K"):
            return "Q4_K_M"
        return "Q3_K_M" if more_than_one("Q3_K") else "Q4_K_S"
    if first == _GG["Q5_K"]:
        return "Q5_K_M" if more_than_one("Q6_K") else "Q5_K_S"
    if first == _GG["IQ2_XS"]:
        return "IQ2_S" if more_than_one("IQ4_XS") else "IQ2_XS"
    if first == _GG["IQ3_S"]:
        return "IQ3_XS" if more_than_one("IQ3_XXS") else "IQ3_S"
    return None


def _counts(header: GGUFHeader, architecture: str) -> dict[int, int]:
    counts: dict[int, int] = {}
    for tensor in header.tensors:
        name = tensor.name
        if architecture == "diffusion":
            counted = name.endswith(".weight")
        else:
            counted = name.startswith(("token_embd", "blk.")) or "_norm" in name or name.endswith(".weight")
        if counted:
            counts[tensor.type] = counts.get(tensor.type, 0) + 1
    return counts


def gguf_quantization(header: GGUFHeader) -> str:
    """The quantization of a GGUF model, as gguf-parser names its file type (``Q4_K_M``, ``F16``, ``Unknown``).

    >>> from oci_core.models import GGUFTensorInfo
    >>> gguf_quantization(GGUFHeader(tensors=(GGUFTensorInfo("blk.0.attn_q.weight", (256,), 12, 0),)))
    'Q4_K_S'
    """
    if not isinstance(header, GGUFHeader):
        raise TypeError(f"header must be a GGUFHeader, got {type(header).__name__}")
    declared = _number(header.metadata.get("general.file_type"))
    name: str | None = None
    if declared is not None:
        number = declared % 2**32
        if number < len(_FILE_TYPES):
            name = _FILE_TYPES[number]
        elif number > len(_FILE_TYPES):
            return f"GGUFFileType({number})"  # gguf-parser's stringer for a number it does not name
    if name is None:
        name = _guess_file_type(_counts(header, gguf_architecture(header)))
    if name is None:
        return "Unknown"
    large = _LARGE_EMBEDDING.get(name)
    if large is not None:
        embedding = next((t for t in header.tensors if t.name == "token_embd.weight"), None)
        if embedding is not None and embedding.type in large[0]:
            return large[1]
    return name


def gguf_context_length(header: GGUFHeader) -> int | None:
    """The context length a GGUF model was trained with (``<architecture>.context_length``), if it says.

    >>> gguf_context_length(GGUFHeader(metadata={"general.architecture": GGUFValue(GGUFValueType.STRING, "qwen2"),
    ...                                          "qwen2.context_length": GGUFValue(GGUFValueType.UINT32, 32768)}))
    32768

    ``None`` for a diffusion model, a projector (``clip``), a control vector,
    an adapter or an importance matrix, and when the value is not an
    integer from 1 to 2**31-1 (model-runner's ``*int32``).
    """
    if not isinstance(header, GGUFHeader):
        raise TypeError(f"header must be a GGUFHeader, got {type(header).__name__}")
    if _is_diffusion(header):
        return None
    architecture = _text(header, "general.architecture") or "llama"
    kind = _text(header, "general.type") or "model"
    if architecture in ("clip", "controlvector") or kind in ("adapter", "imatrix"):
        return None
    length = _number(header.metadata.get(f"{architecture}.context_length"))
    if length is None:
        return None
    length %= 2**64  # gguf-parser reads it as a uint64
    return length if 0 < length <= _INT32_MAX else None


def _go_float(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    return f"{value:f}"


def _scalar_text(kind: GGUFValueType, value: object) -> str:
    if kind is GGUFValueType.BOOL:
        return "true" if value else "false"
    if kind in (GGUFValueType.FLOAT32, GGUFValueType.FLOAT64):
        return _go_float(float(value))  # type: ignore[arg-type]
    return str(value)


def gguf_metadata(header: GGUFHeader) -> dict[str, str]:
    """The GGUF metadata as the string map model-runner puts in a Docker model config's ``gguf`` member.

    >>> gguf_metadata(GGUFHeader(metadata={"some.parameter.float32": GGUFValue(GGUFValueType.FLOAT32, 0.5)}))
    {'some.parameter.float32': '0.500000'}
    """
    if not isinstance(header, GGUFHeader):
        raise TypeError(f"header must be a GGUFHeader, got {type(header).__name__}")
    values: dict[str, str] = {}
    for key, value in header.metadata.items():
        if key == "split.no":  # gguf-parser drops it from the metadata it reports
            continue
        if isinstance(value.value, GGUFArray):
            array = value.value
            if array.length > _MAX_ARRAY:
                continue
            values[key] = ", ".join(_scalar_text(array.element_type, item) for item in array.values())
        else:
            values[key] = _scalar_text(value.type, value.value)
    return values


def gguf_model_config(header: GGUFHeader) -> DockerModelConfig:
    """The ``config`` model-runner writes for a GGUF model, from its (first) file's header.

    >>> from oci_core.models import GGUFTensorInfo
    >>> c = gguf_model_config(GGUFHeader(tensors=(GGUFTensorInfo("t", (183,), 0, 0),)))
    >>> c.format, c.parameters, c.size, c.architecture, c.quantization
    ('gguf', '183', '736B', 'llama', 'Unknown')
    """
    if not isinstance(header, GGUFHeader):
        raise TypeError(f"header must be a GGUFHeader, got {type(header).__name__}")
    return DockerModelConfig(
        format=FORMAT_GGUF,
        parameters=_gguf_parameters(header.parameter_count),
        architecture=gguf_architecture(header),
        quantization=gguf_quantization(header).strip(GO_SPACE),
        size=_gguf_bytes(header.data_size),
        gguf=FrozenMap(gguf_metadata(header)),
        context_size=gguf_context_length(header),
    )


# -- safetensors ----------------------------------------------------------------------------------------


def _dtype_summary(header: SafetensorsHeader) -> str:
    dtypes = {tensor.dtype for tensor in header.tensors if tensor.dtype}
    if not header.tensors or not dtypes:
        return "unknown"
    return next(iter(dtypes)) if len(dtypes) == 1 else "mixed"


def safetensors_model_config(
    header: SafetensorsHeader, *, file_size: int | None = None, context_size: int | None = None
) -> DockerModelConfig:
    """The ``config`` model-runner writes for a safetensors model, from its (first) file's header.

    >>> from oci_core.models import SafetensorsTensor
    >>> h = SafetensorsHeader(tensors=(SafetensorsTensor("w", "F16", (4096, 4096), (0, 33554432)),),
    ...                       metadata={"architecture": "LlamaForCausalLM"})
    >>> c = safetensors_model_config(h)
    >>> c.parameters, c.quantization, c.architecture, c.size, dict(c.safetensors)
    ('16.78M', 'F16', 'LlamaForCausalLM', '33.55MB', {'architecture': 'LlamaForCausalLM', 'tensor_count': '1'})

    ``file_size`` is the weights' total size on disk (every shard's; by
    default this file's, from the header); ``context_size`` the one read from
    ``config.json`` (:func:`context_size_from_hf_config`).
    """
    if not isinstance(header, SafetensorsHeader):
        raise TypeError(f"header must be a SafetensorsHeader, got {type(header).__name__}")
    if file_size is not None and type(file_size) is not int:
        raise TypeError(f"file_size must be an int or None, got {type(file_size).__name__}")
    metadata = dict(header.metadata)
    metadata["tensor_count"] = str(len(header.tensors))
    return DockerModelConfig(
        format=FORMAT_SAFETENSORS,
        parameters=format_parameters(header.parameter_count),
        quantization=_dtype_summary(header),
        size=format_size(header.file_size if file_size is None else file_size),
        architecture=header.metadata.get("architecture", ""),
        safetensors=FrozenMap(metadata),
        context_size=context_size,
    )


def context_size_from_hf_config(raw: object) -> int | None:
    """The context size a Hugging Face ``config.json`` declares, as model-runner reads it for safetensors models.

    >>> context_size_from_hf_config(b'{"max_position_embeddings": "n/a", "n_positions": 2048}')
    2048

    The first of ``max_position_embeddings``, ``n_ctx``, ``n_positions``,
    ``max_length``, ``max_sequence_length`` and ``model_max_length`` that is a
    JSON integer from 1 to 2**31-1; others are passed over. ``None`` when
    there is none.

    :raises InvalidModelError: the document is not a strict JSON object, or
        is over 100 MiB (model-runner's limit).
    """
    try:
        data = _read.as_bytes(raw, "a config.json")
        if len(data) > HF_CONFIG_MAX_SIZE:
            raise Fault(f"config.json is {len(data)} bytes, over the limit of {HF_CONFIG_MAX_SIZE}", pointer="")
        obj = _read.load_object(data, "a config.json", max_size=HF_CONFIG_MAX_SIZE, max_depth=None)
    except Fault as fault:
        raise fault.as_error(InvalidModelError) from None
    for key in _HF_CONTEXT_KEYS:
        value = obj.get(key)
        if type(value) is int and 0 < value <= _INT32_MAX:
            return value
    return None
