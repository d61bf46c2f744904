"""Edge branches of oci_core.models: constructors' type checks and gguf-parser's file-type guesses.

The guesses pin the rules of gguf-parser's ``GetFileType`` as ported in
``_derive._guess_file_type`` (the most common tensor type, then the second
types that tell the K-quant mixes apart); the vectors exercise only a few.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from oci_core.errors import InvalidModelHeaderError
from oci_core.models import (
    GGUFArray,
    GGUFHeader,
    GGUFTensorInfo,
    GGUFValue,
    GGUFValueType,
    SafetensorsHeader,
    SafetensorsTensor,
    format_parameters,
    format_size,
    gguf_architecture,
    gguf_context_length,
    gguf_metadata,
    gguf_model_config,
    gguf_quantization,
    normalize_unit_string,
    parse_gguf_header,
    parse_safetensors_header,
    safetensors_model_config,
)

_TYPE = {"F32": 0, "Q8_0": 8, "Q2_K": 10, "Q3_K": 11, "Q4_K": 12, "Q5_K": 13, "Q6_K": 14,
         "IQ2_XS": 17, "IQ3_XXS": 18, "IQ3_S": 21, "IQ4_XS": 23}  # fmt: skip


def _laid_out(*tensors: tuple[str, int]) -> tuple[GGUFTensorInfo, ...]:
    """Tensors of 256 elements of the given (name, ggml type), each at its aligned offset."""
    made: list[GGUFTensorInfo] = []
    offset = 0
    for name, kind in tensors:
        made.append(GGUFTensorInfo(name, (256,), kind, offset))
        offset += -(-made[-1].size // 32) * 32
    return tuple(made)


def _header(*counts: tuple[str, int], metadata: dict[str, GGUFValue] | None = None) -> GGUFHeader:
    kinds = [_TYPE[name] for name, count in counts for _ in range(count)]
    tensors = _laid_out(*((f"blk.{i}.attn_q.weight", kind) for i, kind in enumerate(kinds)))
    return GGUFHeader(metadata=metadata or {}, tensors=tensors)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((("F32", 2),), "F32"),
        ((("F32", 5), ("Q4_K", 1)), "Q4_K_S"),
        ((("Q2_K", 3), ("Q5_K", 1)), "Q2_K_S"),
        ((("Q2_K", 3), ("Q3_K", 1)), "Q2_K"),
        ((("Q3_K", 3), ("Q8_0", 1)), "Q3_K_L"),
        ((("Q3_K", 3), ("Q5_K", 2)), "Q3_K_L"),
        ((("Q3_K", 3), ("Q4_K", 2)), "Q3_K_M"),
        ((("Q3_K", 3),), "Q3_K_S"),
        ((("Q4_K", 3), ("Q6_K", 2)), "Q4_K_M"),
        ((("Q4_K", 3), ("Q3_K", 2)), "Q3_K_M"),
        ((("Q4_K", 3),), "Q4_K_S"),
        ((("Q5_K", 3), ("Q6_K", 2)), "Q5_K_M"),
        ((("Q5_K", 3),), "Q5_K_S"),
        ((("IQ2_XS", 3), ("IQ4_XS", 2)), "IQ2_S"),
        ((("IQ2_XS", 3),), "IQ2_XS"),
        ((("IQ3_S", 3), ("IQ3_XXS", 2)), "IQ3_XS"),
        ((("IQ3_S", 3),), "IQ3_S"),
        ((), "Unknown"),
    ],
)
def test_quantization_guessed_from_tensor_types(counts: tuple[tuple[str, int], ...], expected: str) -> None:
    assert gguf_quantization(_header(*counts)) == expected


def test_quantization_large_embedding_and_declared_types() -> None:
    tensors = _laid_out(("token_embd.weight", _TYPE["Q8_0"]), *((f"blk.{i}.w.weight", _TYPE["Q6_K"]) for i in range(3)))
    assert gguf_quantization(GGUFHeader(tensors=tensors)) == "Q6_K_L"
    declared = {"general.file_type": GGUFValue(GGUFValueType.UINT32, 15)}
    assert gguf_quantization(_header(("Q4_K", 1), metadata=declared)) == "Q4_K_M"
    far = {"general.file_type": GGUFValue(GGUFValueType.UINT32, 1000)}
    assert gguf_quantization(_header(metadata=far)) == "GGUFFileType(1000)"
    as_float = {"general.file_type": GGUFValue(GGUFValueType.FLOAT32, 7.0)}
    assert gguf_quantization(_header(metadata=as_float)) == "Q8_0"
    not_finite = {"general.file_type": GGUFValue(GGUFValueType.FLOAT32, float("inf"))}
    assert gguf_quantization(_header(("Q5_K", 1), metadata=not_finite)) == "Q5_K_S"


def test_diffusion_counts_only_weights() -> None:
    tensors = _laid_out(
        ("model.diffusion_model.a.weight", _TYPE["Q4_K"]),
        ("model.diffusion_model.b.bias", _TYPE["Q8_0"]),
        ("model.diffusion_model.c.bias", _TYPE["Q8_0"]),
    )
    header = GGUFHeader(tensors=tensors)
    assert gguf_architecture(header) == "diffusion"
    assert gguf_quantization(header) == "Q4_K_S"
    assert gguf_context_length(header) is None


@pytest.mark.parametrize(
    ("function", "argument", "keywords"),
    [
        (normalize_unit_string, b"1 B", {}),
        (format_parameters, 1.5, {}),
        (format_size, "1", {}),
        (gguf_architecture, b"", {}),
        (gguf_quantization, None, {}),
        (gguf_context_length, {}, {}),
        (gguf_metadata, [], {}),
        (gguf_model_config, object(), {}),
        (safetensors_model_config, GGUFHeader(), {}),
        (safetensors_model_config, SafetensorsHeader(), {"file_size": "1"}),
    ],
)
def test_derive_type_errors(function: Callable[..., object], argument: object, keywords: dict[str, object]) -> None:
    with pytest.raises(TypeError):
        function(argument, **keywords)


def test_gguf_constructor_checks() -> None:
    assert GGUFArray(3, 1, b"\x01\x00", "little").element_type is GGUFValueType.INT16  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        GGUFArray(GGUFValueType.UINT8, 1, bytearray(b"\x01"))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="byte_order"):
        GGUFArray(GGUFValueType.UINT8, 1, b"\x01", "middle")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="byte_order"):
        GGUFArray.of(GGUFValueType.UINT8, [1], "middle")  # type: ignore[arg-type]
    with pytest.raises(InvalidModelHeaderError, match="nest"):
        GGUFArray.of(GGUFValueType.ARRAY, [])
    assert GGUFValue(3, 7).type is GGUFValueType.INT16  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        GGUFValue(GGUFValueType.ARRAY, 7)
    assert GGUFTensorInfo("t", [32], 0, 0).dimensions == (32,)  # type: ignore[arg-type]
    for bad in (("t", (32,), 0.0, 0), (b"t", (32,), 0, 0), ("t", (32.0,), 0, 0)):
        with pytest.raises(TypeError):
            GGUFTensorInfo(*bad)
    with pytest.raises(InvalidModelHeaderError, match="dimensions"):
        GGUFTensorInfo("t", (1, 1, 1, 1, 1), 0, 0)
    with pytest.raises(InvalidModelHeaderError, match="offset"):
        GGUFTensorInfo("t", (32,), 0, 2**64)
    with pytest.raises(InvalidModelHeaderError):
        GGUFTensorInfo("\ud800", (32,), 0, 0)
    with pytest.raises(TypeError):
        GGUFHeader(version="3")  # type: ignore[arg-type]
    header = GGUFHeader(metadata={"a": GGUFValue(GGUFValueType.UINT8, 1)}, tensors=[])  # type: ignore[arg-type]
    assert header.tensors == () and header.get("a") == 1
    with pytest.raises(TypeError):
        GGUFHeader(metadata={"a": 1})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        GGUFHeader(tensors=("t",))  # type: ignore[arg-type]
    with pytest.raises(InvalidModelHeaderError):
        GGUFHeader(metadata={"k" * 70000: GGUFValue(GGUFValueType.UINT8, 1)})  # type: ignore[arg-type]
    with pytest.raises(InvalidModelHeaderError):
        GGUFHeader(metadata={"\udc00": GGUFValue(GGUFValueType.UINT8, 1)})  # type: ignore[arg-type]
    raw = GGUFHeader().to_bytes()
    assert parse_gguf_header(memoryview(raw)) == parse_gguf_header(bytearray(raw)) == GGUFHeader()


def test_safetensors_constructor_checks() -> None:
    tensor = SafetensorsTensor("w", "F16", [2], [0, 4])  # type: ignore[arg-type]
    assert tensor.shape == (2,) and tensor.data_offsets == (0, 4) and tensor.size == 4
    for bad in ((b"w", "F16", (2,), (0, 4)), ("w", "F16", (2.0,), (0, 4))):
        with pytest.raises(TypeError):
            SafetensorsTensor(*bad)
    with pytest.raises(InvalidModelHeaderError):
        SafetensorsTensor("w", "F16", (2**64,), (0, 4))
    with pytest.raises(InvalidModelHeaderError):
        SafetensorsTensor("w", "F16", (2,), (0, 4, 8))  # type: ignore[arg-type]
    with pytest.raises(InvalidModelHeaderError):
        SafetensorsTensor("w", "F16", (2,), (0, 2**64))
    header = SafetensorsHeader(tensors=[tensor], metadata={"a": "b"})  # type: ignore[arg-type]
    assert header.metadata["a"] == "b"
    with pytest.raises(TypeError):
        SafetensorsHeader(metadata={"a": 1})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        SafetensorsHeader(tensors=("w",))  # type: ignore[arg-type]
    with pytest.raises(InvalidModelHeaderError):
        SafetensorsHeader(tensors=(tensor, SafetensorsTensor("v", "F16", (2,), (2, 6))))
    raw = header.to_bytes()
    assert parse_safetensors_header(memoryview(raw)) == parse_safetensors_header(bytearray(raw)) == header
