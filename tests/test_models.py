"""oci_core.models beyond the upstream vectors: every rule, every error, the byte layouts."""

from __future__ import annotations

import json
import pickle
import re
import struct
from typing import Any

import pytest

from oci_core import errors, models
from oci_core.descriptor import Descriptor, FrozenMap, describe
from oci_core.digest import compute_digest
from oci_core.manifest import ImageManifest, parse_image_manifest

from .models_fixtures import CREATED, MTIME, fixture
from .vectors import load

V, T = models.GGUFValue, models.GGUFValueType
A64 = "sha256:" + "a" * 64


def gguf(
    metadata: dict[str, models.GGUFValue] | None = None,
    tensors: tuple[models.GGUFTensorInfo, ...] = (),
    **kw: Any,
) -> models.GGUFHeader:
    return models.GGUFHeader(metadata=FrozenMap(metadata or {}), tensors=tensors, **kw)


def _kv(key: bytes, kind: int, value: bytes) -> bytes:
    return struct.pack("<Q", len(key)) + key + struct.pack("<I", kind) + value


def _head(tensors: int, kvs: int, version: int = 3) -> bytes:
    return b"GGUF" + struct.pack("<IQQ", version, tensors, kvs)


# -- GGUF ------------------------------------------------------------------------------------------------


def test_gguf_dummy_file_reads_as_model_runner_reports_it() -> None:
    header = models.parse_gguf_header(fixture("dummy.gguf"))
    assert header.version == 3 and header.byte_order == "little"
    assert len(header.metadata) == 15 and len(header.tensors) == 10
    assert (header.header_size, header.data_offset, header.data_size) == (1125, 1152, 864)
    assert header.get("some.parameter.string") == "hello world"
    strings = header.get("some.parameter.arr.str")
    assert isinstance(strings, models.GGUFArray) and strings.values() == ("hello", "world", "!")
    assert header.metadata["some.parameter.uint64"].type is T.UINT64
    assert header.tensors[6].dimensions == (4, 5, 3) and header.tensors[6].element_count == 60
    assert header.parameter_count == 183


def test_gguf_reads_incrementally_from_needed() -> None:
    data = fixture("dummy.gguf")
    given, rounds, header = 0, 0, None
    while header is None:
        rounds += 1
        try:
            header = models.parse_gguf_header(data[:given])
        except errors.IncompleteModelHeaderError as exc:
            needed = exc.needed
            given = needed if given < needed <= 1125 else -1  # always progress, never past the header
        assert given >= 0
    assert header.header_size == 1125 and rounds <= 10  # each round asks for all it is sure to need


@pytest.mark.parametrize("cut", range(0, 1125, 7))
def test_gguf_every_prefix_is_incomplete(cut: int) -> None:
    with pytest.raises(errors.IncompleteModelHeaderError) as info:
        models.parse_gguf_header(fixture("dummy.gguf")[:cut])
    assert info.value.needed > cut
    assert isinstance(info.value, errors.InvalidModelHeaderError)  # one except catches both


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GGML" + bytes(20), "not a GGUF file"),
        (b"GGUF" + struct.pack("<IQQ", 1, 0, 0), "version 1 is no longer supported"),
        (b"GGUF" + struct.pack("<IQQ", 4, 0, 0), "unsupported GGUF version 4"),
        (_head(0, 1) + _kv(b"k", 13, b""), "unknown GGUF value type 13"),
        (_head(0, 1) + _kv(b"k", 7, b"\x02"), "a bool must be 0 or 1, got 2"),
        (_head(0, 1) + _kv(b"", 4, b"\x00" * 4), "a metadata key is empty"),
        (_head(0, 2) + _kv(b"k", 4, b"\x00" * 4) * 2, "metadata key 'k' is repeated"),
        (_head(0, 1) + _kv(b"k", 8, struct.pack("<Q", 2) + b"\xff\xfe"), "is not UTF-8"),
        (_head(0, 1) + _kv(b"\xc3", 4, b"\x00" * 4), "is not UTF-8"),
        (_head(0, 1) + _kv(b"k", 9, struct.pack("<IQ", 9, 1)), "arrays of arrays are not supported"),
        (_head(0, 1) + _kv(b"k", 9, struct.pack("<IQ", 7, 3) + b"\x00\x01\x05"), "a bool must be 0 or 1, got 5"),
        (_head(0, 1) + _kv(b"general.alignment", 10, struct.pack("<Q", 32)), "must be a uint32"),
        (_head(0, 1) + _kv(b"general.alignment", 4, struct.pack("<I", 24)), "must be a power of two"),
        (_head(0, 1) + _kv(b"general.alignment", 4, struct.pack("<I", 0)), "must be a power of two"),
    ],
)
def test_gguf_refuses(data: bytes, message: str) -> None:
    with pytest.raises(errors.InvalidModelHeaderError, match=message) as info:
        models.parse_gguf_header(data)
    assert type(info.value) is errors.InvalidModelHeaderError


def _tensor(name: bytes, dims: tuple[int, ...], kind: int, offset: int) -> bytes:
    return struct.pack("<Q", len(name)) + name + struct.pack(f"<I{len(dims)}qIQ", len(dims), *dims, kind, offset)


@pytest.mark.parametrize(
    ("tensors", "message", "pointer"),
    [
        ([_tensor(b"t", (1, 1, 1, 1, 1), 0, 0)], "has 5 dimensions", "/tensors/0"),
        ([_tensor(b"t", (-1,), 0, 0)], "must be a non-negative int64", "/tensors/0"),
        ([_tensor(b"t", (2,), 4, 0)], "unknown ggml type 4", "/tensors/0"),
        ([_tensor(b"t", (33,), 2, 0)], "not a multiple of its block size 32", "/tensors/0"),
        ([_tensor(b"x" * 64, (1,), 0, 0)], "tensor name is 64 bytes", "/tensors/0"),
        ([_tensor(b"t", (1,), 0, 0), _tensor(b"t", (1,), 0, 32)], "is repeated", "/tensors/1"),
        ([_tensor(b"t", (1,), 0, 32)], "has offset 32, expected 0", "/tensors/0/offset"),
        ([_tensor(b"a", (9,), 0, 0), _tensor(b"b", (1,), 0, 36)], "has offset 36, expected 64", "/tensors/1/offset"),
        ([_tensor(b"t", (2**62, 4), 0, 0)], "more than ggml can count", "/tensors/0"),
    ],
)
def test_gguf_refuses_tensor_infos(tensors: list[bytes], message: str, pointer: str) -> None:
    data = _head(len(tensors), 0) + b"".join(tensors) + bytes(64)
    with pytest.raises(errors.InvalidModelHeaderError, match=message) as info:
        models.parse_gguf_header(data)
    assert info.value.pointer == pointer


@pytest.mark.parametrize(
    "data",
    [
        _head(0, 1) + struct.pack("<Q", 2**63),  # a key of 2**63 bytes
        _head(0, 1) + _kv(b"k", 8, struct.pack("<Q", 2**64 - 1)),  # a string of 2**64-1 bytes
        _head(0, 1) + _kv(b"k", 9, struct.pack("<IQ", 8, 2**60)),  # 2**60 strings
        _head(0, 1) + _kv(b"k", 9, struct.pack("<IQ", 12, 2**40)),  # 2**40 float64s
        _head(2**60, 0),  # 2**60 tensors
        _head(0, 2**62),  # 2**62 metadata entries
        _head(1, 0) + struct.pack("<Q", 2**50),  # a tensor name of 2**50 bytes
    ],
)
def test_gguf_declared_sizes_over_the_cap_are_errors_not_allocations(data: bytes) -> None:
    with pytest.raises(errors.InvalidModelHeaderError) as info:
        models.parse_gguf_header(data)
    assert type(info.value) is errors.InvalidModelHeaderError  # never "read 2**60 more bytes"
    assert "cap" in str(info.value) or "at most" in str(info.value)


def test_gguf_needed_stays_under_max_size() -> None:
    data = _head(0, 1) + _kv(b"k", 8, struct.pack("<Q", 5000))
    with pytest.raises(errors.IncompleteModelHeaderError) as info:
        models.parse_gguf_header(data)
    assert info.value.needed == len(data) + 5000
    with pytest.raises(errors.InvalidModelHeaderError, match="larger than 1000 bytes"):
        models.parse_gguf_header(data, max_size=1000)
    with pytest.raises(ValueError, match="max_size"):
        models.parse_gguf_header(data, max_size=10)


def test_gguf_takes_bytes_like_input_and_refuses_other_objects() -> None:
    data = fixture("dummy.gguf")
    expected = models.parse_gguf_header(data)
    assert models.parse_gguf_header(bytearray(data)) == expected
    assert models.parse_gguf_header(memoryview(data)) == expected
    for other in ("GGUF", 42, None, [1, 2]):
        with pytest.raises(errors.InvalidModelHeaderError, match="must be bytes"):
            models.parse_gguf_header(other)


def test_gguf_big_endian_round_trip() -> None:
    header = gguf(
        {"general.architecture": V(T.STRING, "llama"), "a": V(T.ARRAY, models.GGUFArray.of(T.INT32, [1, -2], "big"))},
        (models.GGUFTensorInfo("t", (4,), 0, 0),),
        byte_order="big",
    )
    data = header.to_bytes()
    assert data[4:8] == b"\x00\x00\x00\x03"
    parsed = models.parse_gguf_header(data)
    assert parsed == header and parsed.byte_order == "big"
    array = parsed.get("a")
    assert isinstance(array, models.GGUFArray) and array.values() == (1, -2)
    with pytest.raises(ValueError, match="byte_order"):
        gguf(version=2, byte_order="big")


def test_gguf_header_round_trips_every_value_type() -> None:
    metadata = {
        "u8": V(T.UINT8, 255), "i8": V(T.INT8, -128), "u16": V(T.UINT16, 65535), "i16": V(T.INT16, -1),
        "u32": V(T.UINT32, 2**32 - 1), "i32": V(T.INT32, -(2**31)), "f32": V(T.FLOAT32, 0.5),
        "b": V(T.BOOL, True), "s": V(T.STRING, "héllo <&>"), "u64": V(T.UINT64, 2**64 - 1),
        "i64": V(T.INT64, -(2**63)), "f64": V(T.FLOAT64, 1e300),
        "arr": V(T.ARRAY, models.GGUFArray.of(T.BOOL, [True, False])),
        "empty": V(T.ARRAY, models.GGUFArray.of(T.STRING, [])),
    }  # fmt: skip
    header = gguf(metadata, version=2)
    assert models.parse_gguf_header(header.to_bytes()) == header
    assert header.data_offset == header.header_size  # no tensors, no padding


@pytest.mark.parametrize(
    ("kind", "value", "error"),
    [
        (T.UINT8, 256, errors.InvalidModelHeaderError),
        (T.INT64, 2**63, errors.InvalidModelHeaderError),
        (T.FLOAT32, 0.1, errors.InvalidModelHeaderError),  # not exactly a float32
        (T.FLOAT32, 1e39, errors.InvalidModelHeaderError),
        (T.STRING, "\ud800", errors.InvalidModelHeaderError),
        (T.UINT32, True, TypeError),
        (T.UINT32, 1.0, TypeError),
        (T.BOOL, 1, TypeError),
        (T.STRING, b"x", TypeError),
        (T.FLOAT64, 1, TypeError),
        (T.ARRAY, [1], TypeError),
    ],
)
def test_gguf_value_checks(kind: models.GGUFValueType, value: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        models.GGUFValue(kind, value)  # type: ignore[arg-type]


def test_gguf_array_checks_its_bytes() -> None:
    assert models.GGUFArray(T.UINT16, 2, b"\x01\x00\x02\x00").values() == (1, 2)
    with pytest.raises(errors.InvalidModelHeaderError, match="too short"):
        models.GGUFArray(T.UINT16, 3, b"\x01\x00\x02\x00")
    with pytest.raises(errors.InvalidModelHeaderError, match="too long"):
        models.GGUFArray(T.UINT8, 1, b"\x01\x02")
    with pytest.raises(errors.InvalidModelHeaderError, match="do not nest"):
        models.GGUFArray(T.ARRAY, 0, b"")
    with pytest.raises(errors.InvalidModelHeaderError):
        models.GGUFArray(T.STRING, 1, struct.pack("<Q", 1) + b"\xff")
    with pytest.raises(errors.InvalidModelHeaderError):
        models.GGUFArray.of(T.INT8, [200])
    assert list(models.GGUFArray.of(T.FLOAT64, [0.25, 2.0])) == [0.25, 2.0]
    assert len(models.GGUFArray.of(T.STRING, ["a", "bc"])) == 2


def test_gguf_header_constructor_checks_what_the_reader_checks() -> None:
    with pytest.raises(errors.InvalidModelHeaderError, match="has offset 0, expected 32"):
        gguf(tensors=(models.GGUFTensorInfo("a", (1,), 0, 0), models.GGUFTensorInfo("b", (1,), 0, 0)))
    with pytest.raises(errors.InvalidModelHeaderError, match="a metadata key is empty"):
        gguf({"": V(T.UINT8, 1)})
    with pytest.raises(errors.InvalidModelHeaderError, match="power of two"):
        gguf({"general.alignment": V(T.UINT32, 48)})
    with pytest.raises(errors.InvalidModelHeaderError, match="block size"):
        models.GGUFTensorInfo("q", (31,), 2, 0)
    with pytest.raises(TypeError):
        models.GGUFTensorInfo("q", (1.0,), 0, 0)  # type: ignore[arg-type]
    with pytest.raises(errors.InvalidModelHeaderError, match="unsupported GGUF version 1"):
        gguf(version=1)
    aligned = gguf({"general.alignment": V(T.UINT32, 64)}, (models.GGUFTensorInfo("t", (1,), 0, 0),))
    assert aligned.alignment == 64 and aligned.data_offset % 64 == 0 and aligned.data_size == 64
    assert models.parse_gguf_header(aligned.to_bytes()) == aligned


def test_gguf_tensor_sizes_follow_ggml_blocks() -> None:
    q4k = models.GGUFTensorInfo("blk.0.ffn_up.weight", (4096, 11008), 12, 0)
    assert q4k.size == 4096 // 256 * 144 * 11008 and q4k.ggml_type.name == "Q4_K"
    scalar = models.GGUFTensorInfo("s", (), 0, 0)
    assert scalar.element_count == 1 and scalar.size == 4
    assert set(models.GGML_TYPES) == set(range(40)) - {4, 5}


# -- GGUF: what model-runner derives ---------------------------------------------------------------------


def _file_type(name: str, dims: tuple[int, ...], kind: int) -> models.GGUFTensorInfo:
    return models.GGUFTensorInfo(name, dims, kind, 0)


def _layered(*types: tuple[str, int]) -> models.GGUFHeader:
    tensors, offset = [], 0
    for name, kind in types:
        block = models.GGML_TYPES[kind].block_size
        info = models.GGUFTensorInfo(name, (block,), kind, offset)
        tensors.append(info)
        offset += -(-info.size // 32) * 32
    return gguf(tensors=tuple(tensors))


@pytest.mark.parametrize(
    ("types", "expected"),
    [
        ((("blk.0.a.weight", 0),), "F32"),
        ((("blk.0.a.weight", 0), ("blk.0.b.weight", 1), ("blk.0.c.weight", 1)), "F16"),
        ((("blk.0.a.weight", 12), ("blk.0.b.weight", 12), ("blk.0.c.weight", 14), ("blk.0.d.weight", 14)), "Q4_K_M"),
        ((("blk.0.a.weight", 12), ("blk.0.b.weight", 11), ("blk.0.c.weight", 11)), "Q3_K_S"),
        ((("blk.0.a", 12), ("blk.0.b", 12), ("blk.0.c", 12), ("blk.0.d", 11), ("blk.0.e", 11)), "Q3_K_M"),
        ((("blk.0.a.weight", 12),), "Q4_K_S"),
        ((("blk.0.a.weight", 8), ("token_embd.weight", 8)), "Q8_0"),
        ((("blk.0.a.weight", 2), ("blk.0.b.weight", 2), ("token_embd.weight", 8)), "Q4_0_L"),
        ((("output_norm", 0), ("blk.0.b.weight", 30)), "BF16"),
        ((("unnamed", 1),), "Unknown"),  # no tensor counts: nothing named as a weight
        ((("blk.0.a.weight", 1), ("blk.0.b.weight", 30)), "F16"),  # a tie: the lower type number
    ],
)
def test_gguf_quantization_guessed_from_tensor_types(types: tuple[tuple[str, int], ...], expected: str) -> None:
    assert models.gguf_quantization(_layered(*types)) == expected


def test_gguf_quantization_from_file_type() -> None:
    assert models.gguf_quantization(gguf({"general.file_type": V(T.UINT32, 15)})) == "Q4_K_M"
    assert models.gguf_quantization(gguf({"general.file_type": V(T.UINT32, 39)})) == "Unknown"
    assert models.gguf_quantization(gguf({"general.file_type": V(T.UINT32, 45)})) == "GGUFFileType(45)"
    q4km_l = gguf({"general.file_type": V(T.UINT32, 15)}, (models.GGUFTensorInfo("token_embd.weight", (32,), 8, 0),))
    assert models.gguf_quantization(q4km_l) == "Q4_K_L"


def test_gguf_architecture_and_context_length() -> None:
    qwen = gguf({"general.architecture": V(T.STRING, "qwen2"), "qwen2.context_length": V(T.UINT64, 32768)})
    assert (models.gguf_architecture(qwen), models.gguf_context_length(qwen)) == ("qwen2", 32768)
    too_long = gguf({"llama.context_length": V(T.UINT64, 2**31)})
    assert models.gguf_architecture(too_long) == "llama" and models.gguf_context_length(too_long) is None
    clip = gguf({"general.architecture": V(T.STRING, "clip"), "clip.context_length": V(T.UINT32, 10)})
    assert models.gguf_architecture(clip) == "clip" and models.gguf_context_length(clip) is None
    flux = gguf({"general.architecture": V(T.STRING, "flux")})
    assert models.gguf_architecture(flux) == "llama"
    diffusion = gguf(tensors=(models.GGUFTensorInfo("model.diffusion_model.x.weight", (1,), 0, 0),))
    assert models.gguf_architecture(diffusion) == "diffusion" and models.gguf_context_length(diffusion) is None
    hint = gguf({"controlvector.model_hint": V(T.STRING, "mistral")})
    assert models.gguf_architecture(hint) == "mistral"
    imatrix = gguf({"general.type": V(T.STRING, "imatrix")})
    assert models.gguf_architecture(imatrix) == "imatrix"


def test_gguf_model_config_of_the_split_files() -> None:
    first = models.gguf_model_config(models.parse_gguf_header(fixture("dummy-00001-of-00002.gguf")))
    assert first.parameters == "0" and "split.no" not in first.gguf and first.gguf["split.count"] == "2"
    assert first.size == "0B"
    second = models.gguf_model_config(models.parse_gguf_header(fixture("dummy-00002-of-00002.gguf")))
    assert second.parameters == "183" and second.size == "864B"


@pytest.mark.parametrize(
    ("count", "parameters", "size"),
    [(999, "999", "999B"), (1000, "1K", "1KB"), (1024, "1.02K", "1KiB"), (1_240_000_000, "1.24B", "1.15GiB"),
     (8_030_261_248, "8.03B", "7.48GiB"), (10**15, "1Q", "1PB"), (2**50, "1.13Q", "1PiB")],
)  # fmt: skip
def test_gguf_parser_unit_strings(count: int, parameters: str, size: str) -> None:
    from oci_core.models import _derive

    assert _derive._gguf_parameters(count) == parameters
    assert _derive._gguf_bytes(count) == size


def test_gguf_metadata_strings() -> None:
    header = gguf(
        {
            "f": V(T.FLOAT32, float("inf")),
            "n": V(T.FLOAT64, float("nan")),
            "big": V(T.ARRAY, models.GGUFArray.of(T.UINT8, list(range(51)))),
            "ok": V(T.ARRAY, models.GGUFArray.of(T.UINT8, list(range(50)))),
            "b": V(T.ARRAY, models.GGUFArray.of(T.BOOL, [True, False])),
        }
    )
    values = models.gguf_metadata(header)
    assert values["f"] == "+Inf" and values["n"] == "NaN" and "big" not in values
    assert values["ok"].startswith("0, 1, 2") and values["b"] == "true, false"


# -- safetensors -----------------------------------------------------------------------------------------


def safetensors(header: dict[str, Any], pad: int = 0) -> bytes:
    text = json.dumps(header).encode() + b" " * pad
    return len(text).to_bytes(8, "little") + text


def test_safetensors_reads_and_round_trips() -> None:
    data = safetensors(
        {
            "__metadata__": {"format": "pt"},
            "b": {"dtype": "BF16", "shape": [2], "data_offsets": [8, 12]},
            "a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
        },
        pad=5,
    )
    header = models.parse_safetensors_header(data + bytes(12))
    assert [t.name for t in header.tensors] == ["a", "b"]  # in data order
    assert header.metadata == {"format": "pt"} and header.data_size == 12 and header.header_size == len(data) - 8
    assert header.file_size == len(data) + 12 and header.parameter_count == 4
    again = models.parse_safetensors_header(header.to_bytes())
    assert again == header and len(header.to_bytes()) % 8 == 0


@pytest.mark.parametrize(
    ("header", "message", "pointer"),
    [
        ({"w": {"dtype": "F99", "shape": [1], "data_offsets": [0, 1]}}, "unknown dtype", "/w/dtype"),
        ({"w": {"dtype": "F16", "shape": [1.0], "data_offsets": [0, 2]}}, "must be an integer", "/w/shape/0"),
        ({"w": {"dtype": "F16", "shape": [-1], "data_offsets": [0, 2]}}, "must be an integer", "/w/shape/0"),
        ({"w": {"dtype": "F16", "shape": [1], "data_offsets": [0]}}, "exactly 2 offsets", "/w/data_offsets"),
        ({"w": {"dtype": "F16", "shape": [1]}}, "is required but missing", "/w/data_offsets"),
        ({"w": {"dtype": "F16", "shape": [2], "data_offsets": [0, 2]}}, "take 4 bytes", "/w/data_offsets"),
        ({"w": {"dtype": "F16", "shape": [1], "data_offsets": [2, 0]}}, "before it begins", "/w/data_offsets"),
        ({"w": {"dtype": "F16", "shape": [1], "data_offsets": [2, 4]}}, "leaves a hole", "/w/data_offsets"),
        ({"w": {"dtype": "F4", "shape": [3], "data_offsets": [0, 2]}}, "not a whole number of bytes", "/w/shape"),
        ({"w": {"dtype": "U8", "shape": [2**40, 2**40], "data_offsets": [0, 0]}}, "overflows 64 bits", "/w/shape"),
        ({"w": [1]}, "a tensor must be an object", "/w"),
        ({"__metadata__": {"a": 1}}, "must be a string", "/__metadata__/a"),
        ({"__metadata__": []}, "must be an object of strings", "/__metadata__"),
        (
            {
                "a": {"dtype": "U8", "shape": [2], "data_offsets": [0, 2]},
                "b": {"dtype": "U8", "shape": [2], "data_offsets": [1, 3]},
            },
            "overlaps",
            "/b/data_offsets",
        ),
    ],
)
def test_safetensors_refuses(header: dict[str, Any], message: str, pointer: str) -> None:
    with pytest.raises(errors.InvalidModelHeaderError, match=message) as info:
        models.parse_safetensors_header(safetensors(header))
    assert info.value.pointer == pointer


def test_safetensors_framing() -> None:
    with pytest.raises(errors.IncompleteModelHeaderError) as short:
        models.parse_safetensors_header(b"\x10\x00")
    assert short.value.needed == 8
    with pytest.raises(errors.InvalidModelHeaderError, match="over the format's limit"):
        models.parse_safetensors_header((100_000_001).to_bytes(8, "little"))
    with pytest.raises(errors.InvalidModelHeaderError, match="must begin with"):
        models.parse_safetensors_header(b"\x02\x00\x00\x00\x00\x00\x00\x00 {")
    with pytest.raises(errors.InvalidModelHeaderError, match="duplicate key"):
        models.parse_safetensors_header(safetensors({}).replace(b"{}", b"{}")[:0] + _raw_header(b'{"a":{},"a":{}}'))
    with pytest.raises(errors.InvalidModelHeaderError, match="must be bytes"):
        models.parse_safetensors_header("{}")
    assert models.parse_safetensors_header(_raw_header(b'{"__metadata__":null}')).metadata == {}
    empty = models.parse_safetensors_header(_raw_header(b"{}"))
    assert empty.tensors == () and empty.data_size == 0


def _raw_header(text: bytes) -> bytes:
    return len(text).to_bytes(8, "little") + text


def test_safetensors_model_config() -> None:
    header = models.SafetensorsHeader(
        tensors=(
            models.SafetensorsTensor("a", "BF16", (2,), (0, 4)),
            models.SafetensorsTensor("b", "F32", (1,), (4, 8)),
        )
    )
    config = models.safetensors_model_config(header, file_size=4_300_000_000, context_size=4096)
    assert (config.quantization, config.size, config.context_size) == ("mixed", "4.30GB", 4096)
    assert config.parameters == "3.00" and config.safetensors == {"tensor_count": "2"}
    assert models.safetensors_model_config(models.SafetensorsHeader()).quantization == "unknown"
    with pytest.raises(errors.InvalidModelHeaderError, match="repeated or reserved"):
        models.SafetensorsHeader(tensors=(models.SafetensorsTensor("__metadata__", "U8", (), (0, 1)),))


def test_context_size_from_hf_config() -> None:
    assert models.context_size_from_hf_config(b'{"n_ctx": 4096.0, "max_length": true, "model_max_length": 7}') == 7
    assert models.context_size_from_hf_config('{"n_positions": 2147483647}') == 2**31 - 1
    with pytest.raises(errors.InvalidModelError, match="must be a JSON object"):
        models.context_size_from_hf_config(b"[]")
    with pytest.raises(errors.InvalidModelError):
        models.context_size_from_hf_config(b'{"n_ctx": NaN}')


# -- file paths ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "message", "span"),
    [
        ("", "is empty", (0, 0)),
        ("/etc/passwd", "is absolute", (0, 1)),
        ("a/../b", "has a '..' component", (2, 4)),
        ("./a", "has a '.' component", (0, 1)),
        ("a//b", "has an empty component", (2, 2)),
        ("a/", "has an empty component", (2, 2)),
        ("a\\b", "holds a backslash", (1, 2)),
        ("C:model.gguf", "holds a drive letter", (1, 2)),
        ("file.gguf:stream", "holds a colon", (9, 10)),
        ("a\x00b", "holds NUL", (1, 2)),
        ("a\nb", "control character U+000A", (1, 2)),
        ("a\x85b", "control character U+0085", (1, 2)),
        ("x|y", "which Windows refuses", (1, 2)),
        ("..\u2215etc", "DIVISION SLASH, a look-alike of '/'", (2, 3)),
        ("a\u2044b", "FRACTION SLASH", (1, 2)),
        ("a\uff0fb", "FULLWIDTH SOLIDUS, which NFKC turns into '/'", (1, 2)),
        ("\u2025/x", "TWO DOT LEADER, which NFKC turns into '..'", (0, 1)),
        ("model\u2024gguf", "ONE DOT LEADER", (5, 6)),
        ("a\uff3cb", "FULLWIDTH REVERSE SOLIDUS", (1, 2)),
        ("a\u00a5b", "YEN SIGN, a look-alike of '\\\\'", (1, 2)),
        ("a\uff1ab", "FULLWIDTH COLON", (1, 2)),
        ("a\ud800b", "lone surrogate", (1, 2)),
        ("dir./f", "ending in '.' or ' '", (0, 4)),
        ("... /f", "ending in '.' or ' '", (0, 4)),
        ("models/NUL.txt", "Windows device name", (7, 14)),
        ("com\u00b9", "Windows device name", (0, 4)),
        ("a/" + "x" * 256, "component of 256 bytes", (2, 258)),
        ("x" * 4097, "longer than 4096 bytes", (0, 4097)),
        ("\u00e9" * 2049, "longer than 4096 bytes", (0, 2049)),
    ],
)
def test_safe_relative_path_refuses(path: str, message: str, span: tuple[int, int]) -> None:
    with pytest.raises(errors.UnsafeLayerPathError, match=re.escape(message)) as info:
        models.safe_relative_path(path)
    assert info.value.text == path and info.value.span == span


@pytest.mark.parametrize(
    "path",
    [
        "model.gguf",
        "text_encoder/model.safetensors",
        "a b/c d.md",
        "ノート/説明.md",
        ".hidden",
        "a.b.c",
        "~x",
        "CONSOLE",
        "com10",
    ],
)
def test_safe_relative_path_accepts(path: str) -> None:
    assert models.safe_relative_path(path) == path


def test_safe_relative_path_does_not_trust_str_subclasses() -> None:
    class Sneaky(str):
        def startswith(self, *args: object) -> bool:
            return False

        def split(self, *args: object, **kwargs: object) -> list[str]:
            return ["fine"]

    with pytest.raises(errors.UnsafeLayerPathError):
        models.safe_relative_path(Sneaky("/etc/../passwd"))
    result = models.safe_relative_path(Sneaky("ok.gguf"))
    assert type(result) is str


def _named(path: str, content: bytes = b"x", media_type: str = models.DOCKER_MODEL_FILE) -> Descriptor:
    return describe(content, media_type, annotations={models.ANNOTATION_FILEPATH: path})


def test_layer_file_path_names_the_annotation() -> None:
    assert models.layer_file_path(_named("a/b.json")) == "a/b.json"
    with pytest.raises(errors.UnsafeLayerPathError) as info:
        models.layer_file_path(_named("../x"))
    assert info.value.pointer == "/annotations/org.cncf.model.filepath" and info.value.text == "../x"
    assert "/annotations/org.cncf.model.filepath: has a '..' component" in str(info.value)
    with pytest.raises(errors.LayerPathError, match="is required but missing") as missing:
        models.layer_file_path(describe(b"x", "a/b"))
    assert type(missing.value) is errors.LayerPathError
    with pytest.raises(TypeError):
        models.layer_file_path({"annotations": {}})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("paths", "message", "index"),
    [
        (["Model.gguf", "model.GGUF"], "once case is folded", 1),
        (["caf\u00e9/x", "cafe\u0301/x"], "once case is folded", 1),  # NFC makes them one name
        (["a", "a/b"], "needs as a directory the file of layer 0's 'a'", 1),
        (["a/b", "a"], "is a directory on the path of layer 0's 'a/b'", 1),
        (["A/b", "a/c", "a"], "is a directory on the path of layer 0's 'A/b'", 2),
        (["x/y", "X/y"], "once case is folded", 1),
    ],
)
def test_model_layout_collisions(paths: list[str], message: str, index: int) -> None:
    layers = [_named(path, content=str(n).encode()) for n, path in enumerate(paths)]
    with pytest.raises(errors.LayerPathCollisionError, match=message) as info:
        models.model_layout(layers)
    assert info.value.pointer == f"/layers/{index}/annotations/org.cncf.model.filepath"
    assert info.value.text == paths[index]


def test_model_layout_same_file_twice() -> None:
    same = models.model_layout([_named("m.gguf", b"w", models.DOCKER_GGUF), _named("m.gguf", b"w", models.DOCKER_GGUF)])
    assert [f.path for f in same.files] == ["m.gguf"]
    with pytest.raises(errors.LayerPathCollisionError, match="with other content"):
        models.model_layout([_named("m.gguf", b"w"), _named("m.gguf", b"other")])


def test_model_layout_of_a_manifest() -> None:
    unnamed = describe(b"legacy", models.DOCKER_GGUF)
    manifest = ImageManifest(
        config=describe(b"{}", models.DOCKER_MODEL_CONFIG_V01),
        layers=(
            _named("w/model.gguf", b"w", models.DOCKER_GGUF),
            unnamed,
            _named("LICENSE", b"l", models.DOCKER_LICENSE),
        ),
    )
    laid_out = models.model_layout(manifest)
    assert [(f.path, f.index, f.info.kind) for f in laid_out.files] == [
        ("w/model.gguf", 0, models.LayerKind.WEIGHTS),
        ("LICENSE", 2, models.LayerKind.LICENSE),
    ]
    assert laid_out.unnamed == (unnamed,) and laid_out.weights[0].path == "w/model.gguf"
    with pytest.raises(TypeError):
        models.model_layout("model.gguf")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        models.model_layout([{"x": 1}])  # type: ignore[list-item]


# -- configs -------------------------------------------------------------------------------------------


def test_docker_config_round_trip_and_raw() -> None:
    raw = (
        b'{"config":{"format":"gguf","quantization":"Q4_K_M","parameters":"8.03B","architecture":"llama","size":"4.58GB",'
        b'"gguf":{"a":"1","b":"<&>"},"context_size":131072},"descriptor":{"created":"2025-06-15T12:00:00.123456789Z"},'
        b'"rootfs":{"type":"rootfs","diff_ids":["' + A64.encode() + b'"]}}'
    )
    config = models.parse_docker_model_config(raw)
    assert config.raw == raw and config.to_json() != raw  # Go escapes "<&>"
    assert config.to_json() == raw.replace(b"<&>", b"\\u003c\\u0026\\u003e")
    assert models.parse_docker_model_config(config.to_json()) == config
    assert pickle.loads(pickle.dumps(config)) == config and pickle.loads(pickle.dumps(config)).raw == raw
    assert config.diff_ids == (A64,) and config.config_descriptor().digest == compute_digest(raw)
    assert models.parse_docker_model_config(config.to_json(indent="  ")) == config
    unknown = models.parse_docker_model_config(b'{"config":{"format":"gguf","future":[1]},"extra":{}}')
    assert unknown.config.format == "gguf" and b"future" in unknown.raw and b"future" not in unknown.to_json()


@pytest.mark.parametrize(
    ("raw", "pointer"),
    [
        (b'{"config":{"context_size":2147483648}}', "/config/context_size"),
        (b'{"config":{"context_size":"8192"}}', "/config/context_size"),
        (b'{"config":{"format":null}}', "/config/format"),
        (b'{"config":{"gguf":{"a":1}}}', "/config/gguf/a"),
        (b'{"config":[]}', "/config"),
        (b'{"descriptor":{"created":"2025-06-15 12:00:00"}}', "/descriptor/created"),
        (b'{"rootfs":{"diff_ids":["sha256:abc"]}}', "/rootfs/diff_ids/0"),
        (b'{"rootfs":{"diff_ids":[1]}}', "/rootfs/diff_ids/0"),
        (b"[]", ""),
        (b'{"a":1,"a":2}', ""),
    ],
)
def test_docker_config_refuses(raw: bytes, pointer: str) -> None:
    with pytest.raises(errors.InvalidModelError) as info:
        models.parse_docker_model_config(raw)
    assert info.value.pointer == pointer
    assert isinstance(info.value, errors.InvalidDocumentError)


def test_docker_config_reads_go_zero_values() -> None:
    config = models.parse_docker_model_config(
        b'{"config":{"gguf":null,"context_size":null},"descriptor":{"created":null}}'
    )
    assert config.config == models.DockerModelConfig() and config.descriptor.created is None
    assert config.rootfs == models.DockerModelRootFS(type="")  # Go's zero value, not the builder's default
    assert models.parse_docker_model_config(b"{}").to_json() == (
        b'{"config":{},"descriptor":{},"rootfs":{"type":"","diff_ids":[]}}'
    )


def test_config_constructors_check_what_the_readers_check() -> None:
    with pytest.raises(errors.InvalidModelError) as info:
        models.DockerModelConfig(context_size=2**31)
    assert info.value.pointer == "/config/context_size"
    with pytest.raises(errors.InvalidModelError) as created:
        models.DockerModelDescriptor(created="yesterday")
    assert created.value.pointer == "/descriptor/created"
    with pytest.raises(errors.InvalidModelError) as digests:
        models.ModelPackFS(diff_ids=("sha256:abc",))  # type: ignore[arg-type]
    assert digests.value.pointer == "/modelfs/diffIds/0"
    with pytest.raises(TypeError, match=r"DockerModelConfig\.format must be a str"):
        models.DockerModelConfig(format=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be a mapping of str to str"):
        models.DockerModelConfig(gguf={"a": 1})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        models.DockerModelConfig(context_size=True)
    with pytest.raises(TypeError):
        models.ModelPackDescriptor(authors="me")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        models.ModelPackModelConfig(capabilities={})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        models.DockerModelConfigFile(config=models.ModelPackModelConfig())  # type: ignore[arg-type]
    coerced = models.ModelPackDescriptor(authors=["a", "b"], licenses=iter(["MIT"]))  # type: ignore[arg-type]
    assert coerced.authors == ("a", "b") and coerced.licenses == ("MIT",)
    assert type(models.DockerModelConfig(gguf={"a": "b"}).gguf) is FrozenMap  # type: ignore[arg-type]
    one, two = (models.DockerModelConfig(gguf=FrozenMap({"a": "b"})) for _ in range(2))
    assert one == two and hash(one) == hash(two)


def test_modelpack_config_is_written_as_go_writes_it() -> None:
    # historical-convert.json's raw is Go's encoding/json output of a modelpack.Model: written back byte for byte.
    raw = next(
        str(c["raw"]).encode()
        for c in load("model-artifacts/docker-model-runner/historical-convert.json")["cases"]
        if c["test"] == "TestConvertToDockerConfig/full config conversion"
    )
    config = models.parse_modelpack_config(raw)
    assert config.to_json() == raw
    assert config.config.capabilities is not None and config.config.capabilities.languages == ("en", "zh")
    assert config.config.capabilities.reward is None and config.config.capabilities.reasoning is True
    empty_capabilities = models.parse_modelpack_config(b'{"config":{"capabilities":{}}}')
    assert empty_capabilities.to_json() == (
        b'{"descriptor":{},"modelfs":{"type":"","diffIds":[]},"config":{"capabilities":{}}}'
    )


def test_validate_modelpack_config_extras() -> None:
    good = {"descriptor": {}, "config": {}, "modelfs": {"type": "layers", "diffIds": [A64]}}
    assert models.validate_modelpack_config(json.dumps(good)).modelfs.diff_ids == (A64,)
    for bad, pointer in (
        ({**good, "extra": 1}, "/extra"),
        ({**good, "descriptor": {"name": ""}}, "/descriptor/name"),
        ({**good, "descriptor": {"authors": None}}, "/descriptor/authors"),
        ({**good, "modelfs": {"type": "layers"}}, "/modelfs/diffIds"),
        ({**good, "config": {"capabilities": {"outputTypes": ["text", "x"]}}}, "/config/capabilities/outputTypes/1"),
        ({**good, "config": {"capabilities": {"languages": ["EN"]}}}, "/config/capabilities/languages/0"),
    ):
        with pytest.raises(errors.InvalidModelError) as info:
            models.validate_modelpack_config(json.dumps(bad))
        assert info.value.pointer == pointer


def test_parse_model_config_by_media_type() -> None:
    raw = b'{"config":{"format":"gguf","parameters":"8B"}}'
    assert isinstance(models.parse_model_config(raw, models.DOCKER_MODEL_CONFIG_V02), models.DockerModelConfigFile)
    assert isinstance(models.parse_model_config(raw, models.MODELPACK_CONFIG), models.ModelPackConfig)
    with pytest.raises(errors.UnsupportedModelError, match="unsupported model config media type"):
        models.parse_model_config(raw, "application/vnd.docker.ai.model.config.v99.0+json")
    with pytest.raises(TypeError):
        models.parse_model_config(raw, 1)  # type: ignore[arg-type]
    for value in (None, 1, b"\xff", "{", b'{"modelfs": 1, "modelfs": 2}'):
        assert models.is_modelpack_config(value) is False


def test_read_diff_ids_prefers_rootfs() -> None:
    both = json.dumps({"rootfs": {"diff_ids": [A64]}, "modelfs": {"diffIds": ["sha256:" + "b" * 64]}})
    assert models.read_diff_ids(both) == (A64,)
    empty_rootfs = json.dumps({"rootfs": {"diff_ids": []}, "modelfs": {"diffIds": ["sha256:" + "b" * 64]}})
    assert models.read_diff_ids(empty_rootfs) == ("sha256:" + "b" * 64,)
    assert models.read_diff_ids(b"{}") == ()


def test_conversions_between_families() -> None:
    mp = models.parse_modelpack_config(
        b'{"descriptor":{"createdAt":"2025-01-01T00:00:00Z"},"config":{"format":"DDUF"}}'
    )
    docker = models.docker_config_from_modelpack(mp)
    assert docker.config.format == "dduf" and docker.descriptor.created == "2025-01-01T00:00:00Z"
    back = models.modelpack_config_from_docker(docker, [A64])
    assert back.modelfs.diff_ids == (A64,) and back.descriptor.created_at == "2025-01-01T00:00:00Z"
    with pytest.raises(TypeError):
        models.docker_config_from_modelpack(docker)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        models.modelpack_config_from_docker(mp)  # type: ignore[arg-type]


# -- annotations -----------------------------------------------------------------------------------------


def test_file_metadata_as_go_writes_it() -> None:
    text = (
        '{"name":"dummy.gguf","mode":420,"uid":0,"gid":0,"size":2016,"mtime":"2025-06-15T14:00:00+02:00","typeflag":0}'
    )
    metadata = models.parse_file_metadata(text)
    assert metadata.to_annotation() == text and metadata.mtime == "2025-06-15T14:00:00+02:00"
    assert models.parse_file_metadata(b"{}") == models.FileMetadata()
    assert models.FileMetadata().to_annotation().endswith('"mtime":"0001-01-01T00:00:00Z","typeflag":0}')
    for bad, pointer in (
        ('{"mode":-1}', "/mode"),
        ('{"uid":4294967296}', "/uid"),
        ('{"size":-5}', "/size"),
        ('{"typeflag":256}', "/typeflag"),
        ('{"mtime":"now"}', "/mtime"),
        ('{"name":1}', "/name"),
        ("[1]", ""),
    ):
        with pytest.raises(errors.InvalidModelError) as info:
            models.parse_file_metadata(bad)
        assert info.value.pointer == pointer
    with pytest.raises(errors.InvalidModelError):
        models.FileMetadata(mode=2**32)


def test_media_type_untested_flag() -> None:
    def flag(value: str) -> Descriptor:
        return describe(b"x", "a/b", annotations={models.ANNOTATION_MEDIA_TYPE_UNTESTED: value})

    assert models.media_type_untested(flag("true")) is True
    assert models.media_type_untested(describe(b"x", "a/b")) is None
    for bad in ("True", "1", "", "yes"):
        with pytest.raises(errors.InvalidModelError) as info:
            models.media_type_untested(flag(bad))
        assert info.value.pointer == "/annotations/org.cncf.model.file.mediatype.untested"
    assert models.file_metadata(describe(b"x", "a/b")) is None


# -- classification --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("media_type", "path", "model_format", "kind", "format_", "compression"),
    [
        (models.DOCKER_GGUF, None, "", models.LayerKind.WEIGHTS, "gguf", None),
        (models.DOCKER_GGUF, "mmproj-f16.gguf", "", models.LayerKind.WEIGHTS, "gguf", None),  # the type decides
        (models.DOCKER_MULTIMODAL_PROJECTOR, "x.gguf", "", models.LayerKind.PROJECTOR, "gguf", None),
        (models.DOCKER_MODEL_FILE, "chat_template.json", "", models.LayerKind.TEMPLATE, None, None),
        (models.DOCKER_MODEL_FILE, "LICENSE", "", models.LayerKind.LICENSE, None, None),
        (models.DOCKER_MODEL_FILE, "tokenizer.json", "", models.LayerKind.WEIGHT_CONFIG, None, None),
        (models.MODELPACK_WEIGHT_RAW, "m.bin", "Diffusers", models.LayerKind.WEIGHTS, "dduf", None),
        (models.MODELPACK_WEIGHT_RAW, "m.bin", "onnx", models.LayerKind.WEIGHTS, None, None),
        (models.MODELPACK_WEIGHT_ZSTD, "w.safetensors", "", models.LayerKind.WEIGHTS, "safetensors", "zstd"),
        (models.MODELPACK_WEIGHT_GGUF, "mmproj.gguf", "", models.LayerKind.WEIGHTS, "gguf", None),
        (models.MODELPACK_DOC_GZIP, "NOTICE", "", models.LayerKind.LICENSE, None, "gzip"),
        (models.MODELPACK_DOC_RAW, "README.md", "", models.LayerKind.DOCUMENTATION, None, None),
        (models.MODELPACK_CODE, "run.py", "", models.LayerKind.CODE, None, None),
        (models.MODELPACK_DATASET_RAW, None, "", models.LayerKind.DATASET, None, None),
        ("application/vnd.oci.image.layer.v1.tar+gzip", "x", "", models.LayerKind.OTHER, None, "gzip"),
        ("application/x.anything", None, "gguf", models.LayerKind.OTHER, None, None),
    ],
)
def test_classify_layer(
    media_type: str,
    path: str | None,
    model_format: str,
    kind: models.LayerKind,
    format_: str | None,
    compression: str | None,
) -> None:
    annotations = {models.ANNOTATION_FILEPATH: path} if path is not None else None
    info = models.classify_layer(describe(b"x", media_type, annotations=annotations), model_format=model_format)
    assert (info.kind, info.format, info.compression) == (kind, format_, compression)
    assert info.filepath == path and info.media_type == media_type
    assert str(info.kind) == kind.value


def test_classify_layer_type_errors() -> None:
    with pytest.raises(TypeError):
        models.classify_layer("application/vnd.docker.ai.gguf.v3")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        models.classify_layer(describe(b"x", models.MODELPACK_WEIGHT_RAW), model_format=None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        models.classify_file(b"model.gguf")  # type: ignore[arg-type]


def test_classify_file_folds_ascii_only() -> None:
    assert models.classify_file("\u212aERNEL.GGUF") is models.FileType.GGUF  # the extension decides
    assert models.classify_file("LICEN\u017fE") is models.FileType.UNKNOWN  # LONG S is not an "s"
    assert models.classify_file("a/b/") is models.FileType.UNKNOWN


def test_model_family_and_compatibility() -> None:
    layers = (describe(b"w", models.DOCKER_GGUF),)
    docker_v9 = ImageManifest(config=describe(b"{}", "application/vnd.docker.ai.model.config.v9+json"), layers=layers)
    assert models.model_family(docker_v9) is models.ModelFamily.DOCKER
    with pytest.raises(errors.UnsupportedModelError) as info:
        models.check_model_compatibility(docker_v9)
    assert info.value.pointer == "/config/mediaType"
    image = ImageManifest(config=describe(b"{}", "application/vnd.oci.image.config.v1+json"), layers=layers)
    assert models.model_family(image) is None and not models.is_model_manifest(image)
    tagged = ImageManifest(
        config=describe(b"{}", "application/vnd.oci.image.config.v1+json"),
        layers=layers,
        artifact_type=models.MODELPACK_ARTIFACT_TYPE,
    )
    assert models.model_family(tagged) is models.ModelFamily.MODELPACK
    with pytest.raises(TypeError):
        models.model_family(describe(b"{}", "a/b"))  # type: ignore[arg-type]


# -- names -------------------------------------------------------------------------------------------------


def test_normalize_model_name_with_model_ids() -> None:
    one, two = "sha256:" + "0" * 12 + "1" * 52, "sha256:" + "0" * 12 + "2" * 52
    assert models.normalize_model_name("000000000000", model_ids=[one]) == one
    with pytest.raises(errors.AmbiguousDigestError):
        models.normalize_model_name("000000000000", model_ids=[one, two])
    assert models.normalize_model_name("0" * 12 + "1" * 52, model_ids=["not an id", one]) == one
    assert models.normalize_model_name("\u3000gemma3\u2029") == "ai/gemma3:latest"  # Go's white space
    assert models.normalize_model_name("localhost:5000/m") == "localhost:5000/m:latest"
    assert models.normalize_model_name("K\u212aM") == "ai/k\u212am:latest"  # only ASCII is lower-cased


def test_parse_model_reference() -> None:
    reference = models.parse_model_reference("hf.co/Org/Model:Q4_K_M")
    assert (reference.domain, reference.path, reference.tag) == ("huggingface.co", "org/model", "Q4_K_M")
    with pytest.raises(errors.InvalidReferenceError, match="is a model ID"):
        models.parse_model_reference("1234567890ab")
    with pytest.raises(errors.InvalidReferenceError):
        models.parse_model_reference("a b")
    with pytest.raises(errors.InvalidReferenceError):  # a parser's input is data (errors.py): not a TypeError
        models.parse_model_reference(1)  # type: ignore[arg-type]


def test_hugging_face_references() -> None:
    assert models.parse_hugging_face_reference("huggingface.co/m").repository == "m"
    for bad in ("registry.example.com/m", "hf.co/", "hf.co/a/b/c", "hf.co/-x", "hf.co/a:bad tag", "hf.co/a b"):
        with pytest.raises(errors.InvalidReferenceError):
            models.parse_hugging_face_reference(bad)
    assert models.short_model_id("0" * 64) == "0" * 12
    with pytest.raises(errors.InvalidReferenceError):
        models.short_model_id("sha256:abc")
    assert models.model_id(b"{}") == "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"


# -- builders ----------------------------------------------------------------------------------------------

# The bytes model-runner writes for this model (its manifest's struct order, Go's escaping); checked against
# config-fields.json's field order by test_models_vectors.py, pinned here so that no change goes unnoticed.
_GOLDEN_MANIFEST = (
    b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":'
    b'"application/vnd.docker.ai.model.config.v0.1+json","size":%d,"digest":"%s"},"layers":[{"mediaType":'
    b'"application/vnd.docker.ai.gguf.v3","size":2016,"digest":"sha256:c7790a0a70161f1bfd441cf157313e9efb8fcd1f0831'
    b'193101def035ead23b32","annotations":{"org.cncf.model.file.mediatype.untested":"false",'
    b'"org.cncf.model.file.metadata+json":"{\\"name\\":\\"dummy.gguf\\",\\"mode\\":420,\\"uid\\":0,\\"gid\\":0,'
    b'\\"size\\":2016,\\"mtime\\":\\"2025-06-15T12:00:00Z\\",\\"typeflag\\":0}","org.cncf.model.filepath":'
    b'"dummy.gguf"}}]}'
)


def test_docker_model_bytes() -> None:
    gguf_layer = models.describe_file(fixture("dummy.gguf"), models.DOCKER_GGUF, path="dummy.gguf", mtime=MTIME)
    config = models.gguf_model_config(models.parse_gguf_header(fixture("dummy.gguf")))
    built = models.build_docker_model([gguf_layer], config, created=CREATED)
    descriptor = built.config_descriptor
    assert built.manifest == _GOLDEN_MANIFEST % (descriptor.size, str(descriptor.digest).encode())
    assert built.config.startswith(b'{"config":{"format":"gguf","quantization":"Unknown","parameters":"183",')
    assert built.config.endswith(
        b'"descriptor":{"created":"2025-06-15T12:00:00Z"},"rootfs":{"type":"rootfs",'
        b'"diff_ids":["sha256:c7790a0a70161f1bfd441cf157313e9efb8fcd1f0831193101def035ead23b32"]}}'
    )
    assert built.model_id == compute_digest(built.manifest) == built.manifest_descriptor.digest
    assert parse_image_manifest(built.manifest).layers == (gguf_layer,)


def test_builders_refuse() -> None:
    gz = describe(b"x", models.MODELPACK_WEIGHT_GZIP)
    with pytest.raises(ValueError, match="pass diff_ids"):
        models.build_modelpack_model([gz], created=None)
    built = models.build_modelpack_model([gz], created=None, diff_ids=[A64])
    assert models.parse_modelpack_config(built.config).modelfs.diff_ids == (A64,)
    with pytest.raises(ValueError, match="1 diff_ids for 2 layers"):
        models.build_modelpack_model([gz, gz], created=None, diff_ids=[A64])
    with pytest.raises(ValueError, match="not a compressed archive"):
        models.build_docker_model([describe(b"x", "application/x+gzip")], models.DockerModelConfig(), created=CREATED)
    with pytest.raises(ValueError, match="at least one layer"):
        models.build_docker_model([], models.DockerModelConfig(), created=CREATED)
    with pytest.raises(errors.InvalidModelError):
        models.build_docker_model([describe(b"x", "a/b")], models.DockerModelConfig(), created="not a time")
    with pytest.raises(errors.UnsafeLayerPathError):
        models.describe_file(b"x", models.DOCKER_GGUF, path="../m.gguf", mtime=MTIME)
    with pytest.raises(ValueError, match="field_order"):
        models.build_modelpack_model([gz], created=None, diff_ids=[A64], field_order="go")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        models.build_docker_model("layers", models.DockerModelConfig(), created=CREATED)  # type: ignore[arg-type]


def test_modelpack_field_orders() -> None:
    layer = models.describe_file(b"w", models.MODELPACK_WEIGHT_RAW, path="w.gguf", mtime=MTIME)
    spec = models.build_modelpack_model([layer], created=CREATED)
    runner = models.build_modelpack_model([layer], created=CREATED, field_order="model-runner")
    assert json.loads(spec.manifest) == json.loads(runner.manifest) and spec.manifest != runner.manifest
    assert list(json.loads(spec.manifest)["config"]) == ["mediaType", "digest", "size"]
    assert list(json.loads(runner.manifest)["config"]) == ["mediaType", "size", "digest"]
    assert spec.config == runner.config and spec.config_descriptor == runner.config_descriptor


def test_convert_to_modelpack_keeps_an_existing_modelpack_config() -> None:
    layer = models.describe_file(b"w", models.DOCKER_GGUF, path="w.gguf", mtime=MTIME)
    mp = models.ModelPackConfig(descriptor=models.ModelPackDescriptor(name="kept"))
    manifest = ImageManifest(config=mp.config_descriptor(), layers=(layer,), annotations=FrozenMap({"a": "b"}))
    built = models.convert_to_modelpack(manifest, mp)
    config = models.parse_modelpack_config(built.config)
    assert config.descriptor.name == "kept" and config.modelfs.diff_ids == (layer.digest,)
    assert built.parsed_manifest().annotations == {"a": "b"}
    assert built.parsed_manifest().layers[0].annotations == layer.annotations


# -- summaries, backends, tarball ----------------------------------------------------------------------------


def test_summary_lines() -> None:
    layers = [
        models.describe_file(b"w", models.MODELPACK_WEIGHT_RAW, path="m.safetensors", mtime=MTIME),
        models.describe_file(b"l", models.MODELPACK_DOC_RAW, path="LICENSE", mtime=MTIME),
    ]
    built = models.build_modelpack_model(layers, created=CREATED, config=models.ModelPackModelConfig(param_size="7b"))
    summary = models.summarize_model(built.parsed_manifest(), built.config)
    assert summary.format == "safetensors"  # no config format: the weights' file names say
    assert summary.lines()[:4] == (
        "model: modelpack (application/vnd.cncf.model.config.v1+json)",
        "format: safetensors",
        "parameters: 7b",
        "size: 7b",
    )
    assert summary.lines()[-2].startswith("  m.safetensors  weights (safetensors)  1 bytes  sha256:")
    with pytest.raises(errors.UnsupportedModelError):
        models.summarize_model(ImageManifest(config=describe(b"{}", "a/b"), layers=tuple(layers)), b"{}")


def test_backends() -> None:
    layers = [models.DOCKER_DDUF, models.DOCKER_GGUF, models.DOCKER_GGUF]
    assert models.backends_for_layers(layers) == ("llama.cpp", "diffusers")
    assert models.backends_for_files(["a.safetensors", "b.gguf", "README"]) == ("llama.cpp", "vllm")
    assert models.backend_for_format("onnx") == "unknown"
    with pytest.raises(TypeError):
        models.backends_for_files("a.gguf")


def test_tarball_entries_make_one_directory_per_algorithm() -> None:
    sha512 = Descriptor(models.DOCKER_GGUF, compute_digest(b"w", "sha512"), 1)
    manifest = ImageManifest(config=describe(b"{}", models.DOCKER_MODEL_CONFIG_V01), layers=(sha512,))
    names = [(e.name.split("/")[:2], e.kind, oct(e.mode)) for e in models.tarball_entries(manifest)]
    assert names == [
        (["blobs"], "directory", "0o755"),
        (["blobs", "sha512"], "directory", "0o755"),
        (["blobs", "sha512"], "layer", "0o666"),
        (["blobs", "sha256"], "directory", "0o755"),
        (["blobs", "sha256"], "config", "0o666"),
        (["manifest.json"], "manifest", "0o666"),
    ]
    with pytest.raises(errors.InvalidDigestError):
        models.tarball_member("blobs/sha256/nothex", regular_file=True)
    assert models.tarball_member("blobs/extra/deep/x", regular_file=True) is None
