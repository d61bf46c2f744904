"""The GGUF header, read safely from the bytes a caller supplies (private; exported by :mod:`oci_core.models`).

GGUF (ggml ``docs/gguf.md``, versions 2 and 3) starts with a header that says
everything about the file but its tensor data::

    header      = magic version tensor-count kv-count kv* tensor-info* padding
    magic       = "GGUF"
    version     = uint32                       ; 2 or 3 (1 is withdrawn)
    tensor-count, kv-count = uint64
    kv          = string value-type value       ; value-type: uint32, 0..12
    value       = uint8 | int8 | uint16 | int16 | uint32 | int32 | float32 | bool
                | string | array | uint64 | int64 | float64
    array       = value-type uint64 value*      ; elements of one scalar type
    string      = uint64 UTF-8-bytes
    tensor-info = string n-dims:uint32 dims:int64* ggml-type:uint32 offset:uint64
    padding     = zero bytes to general.alignment (32 by default)

Numbers are little-endian; version 3 also allows a big-endian file, told
apart by its version field (``0x03000000`` read little-endian). The reader
applies the rules ggml's own loader (``gguf.cpp``) applies, and the
specification's:

* keys are non-empty, at most 65535 bytes, and not repeated; strings, keys
  and tensor names are UTF-8 (the specification's rule; ggml does not check);
* a bool is ``0`` or ``1``; arrays do not nest (ggml refuses nested arrays);
* ``general.alignment``, when present, is a ``uint32`` power of two;
* a tensor name is shorter than 64 bytes and unique; a tensor has at most
  4 dimensions, none negative, fewer than 2**63 elements, a known ggml type,
  and a first dimension that is a multiple of the type's block size; its
  data offset is where the tensors before it end, each padded to the
  alignment (so the data section has no holes and no overlaps).

**Reading a prefix.** :func:`parse_gguf_header` needs the bytes up to the
end of the tensor infos, not the tensor data. Read the head of the file
(1 MiB is enough for most models; tokenizer vocabularies can make a header
tens of MiB) and call it; if the header goes on past the bytes given it
raises :class:`~oci_core.errors.IncompleteModelHeaderError`, whose
``needed`` is the least total length that can get further: read up to that
many bytes (or more) and call it again. ``needed`` never exceeds ``max_size``
(:data:`GGUF_MAX_HEADER_SIZE` by default): a declared length or count that
would make the header larger than that is an
:class:`~oci_core.errors.InvalidModelHeaderError`, never an allocation.

**Arrays stay as bytes.** An array value is kept as the bytes its elements
were encoded in (:class:`GGUFArray`) and decoded on demand, so a 150,000-token
vocabulary costs one ``bytes`` object, not 150,000 strings. Reading is linear
in the header's length, and keeps no more than a copy of it.
"""

# pyright: reportUnnecessaryIsInstance=false
# (the parser and the constructors check their arguments' Python types at run time, as the error contract asks)

from __future__ import annotations

import struct
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from types import MappingProxyType
from typing import Any, Final, Literal, NoReturn, cast

from .._fault import Fault
from .._frozenmap import FrozenMap
from .._kinds import check_fields
from .._values import layout_twin, publish
from ..errors import IncompleteModelHeaderError, InvalidModelHeaderError
from . import _read

__all__ = [
    "GGML_TYPES",
    "GGUF_DEFAULT_ALIGNMENT",
    "GGUF_MAGIC",
    "GGUF_MAX_HEADER_SIZE",
    "GGMLType",
    "GGUFArray",
    "GGUFHeader",
    "GGUFTensorInfo",
    "GGUFValue",
    "GGUFValueType",
    "parse_gguf_header",
]

GGUF_MAGIC: Final = b"GGUF"
#: The alignment of the tensor data when ``general.alignment`` does not say.
GGUF_DEFAULT_ALIGNMENT: Final = 32
#: The largest header :func:`parse_gguf_header` reads by default (256 MiB).
GGUF_MAX_HEADER_SIZE: Final = 256 * 1024 * 1024
_MAX_KEY_BYTES: Final = 65535
_MAX_NAME_BYTES: Final = 63  # ggml: a name is shorter than GGML_MAX_NAME (64)
_MAX_DIMS: Final = 4  # GGML_MAX_DIMS
_INT64_MAX: Final = 2**63 - 1
_UINT64_MAX: Final = 2**64 - 1
_VERSIONS: Final = (2, 3)
# The least bytes a metadata entry (a key's length, a type, a one-byte value) and a tensor info
# (a name's length, a dimension count, a type, an offset) take.
_MIN_KV: Final = 8 + 4 + 1
_MIN_TENSOR: Final = 8 + 4 + 4 + 8

ByteOrder = Literal["little", "big"]


class GGUFValueType(IntEnum):
    """The type of a GGUF metadata value (``gguf_metadata_value_type``)."""

    UINT8 = 0
    INT8 = 1
    UINT16 = 2
    INT16 = 3
    UINT32 = 4
    INT32 = 5
    FLOAT32 = 6
    BOOL = 7
    STRING = 8
    ARRAY = 9
    UINT64 = 10
    INT64 = 11
    FLOAT64 = 12


_T = GGUFValueType
# Fixed-size scalar types: struct format, size, integer range (None for floats and bool).
_FIXED: Final[Mapping[GGUFValueType, tuple[str, int, tuple[int, int] | None]]] = MappingProxyType(
    {
        _T.UINT8: ("B", 1, (0, 2**8 - 1)),
        _T.INT8: ("b", 1, (-(2**7), 2**7 - 1)),
        _T.UINT16: ("H", 2, (0, 2**16 - 1)),
        _T.INT16: ("h", 2, (-(2**15), 2**15 - 1)),
        _T.UINT32: ("I", 4, (0, 2**32 - 1)),
        _T.INT32: ("i", 4, (-(2**31), 2**31 - 1)),
        _T.FLOAT32: ("f", 4, None),
        _T.BOOL: ("B", 1, None),
        _T.UINT64: ("Q", 8, (0, _UINT64_MAX)),
        _T.INT64: ("q", 8, (-(2**63), _INT64_MAX)),
        _T.FLOAT64: ("d", 8, None),
    }
)
# The least bytes one element of each array type takes (a string: its length field).
_MIN_SIZE: Final[Mapping[GGUFValueType, int]] = MappingProxyType(
    {**{t: size for t, (_, size, _r) in _FIXED.items()}, _T.STRING: 8}
)
_ORDER: Final[Mapping[str, str]] = MappingProxyType({"little": "<", "big": ">"})



def _value_type(value: object, name: str) -> GGUFValueType:
    """A value type given as the enum or its int (never a bool); another int is a bad value."""
    if type(value) is GGUFValueType:
        return value
    if type(value) is not int:
        raise TypeError(f"{name} must be a GGUFValueType, got {type(value).__name__}")
    return GGUFValueType(value)


def _check_order(byte_order: object) -> None:
    if not isinstance(byte_order, str):
        raise TypeError(f"byte_order must be a str, got {type(byte_order).__name__}")


def _check_sequence(value: object, name: str) -> None:
    # A bytes-like or a str iterates as numbers or characters: never the sequence meant.
    kind = type(value).__name__
    if isinstance(value, (str, bytes, bytearray, memoryview)) or not isinstance(value, Iterable):
        raise TypeError(f"{name} must be a tuple, got {kind}")

@dataclass(frozen=True, slots=True)
class GGMLType:
    """A ggml tensor type: its number, name, and how many bytes a block of how many elements takes."""

    id: int
    name: str
    block_size: int
    type_size: int

    def __post_init__(self) -> None:
        check_fields(self, (("id", (int,)), ("name", (str,)), ("block_size", (int,)), ("type_size", (int,))))


def _ggml_types() -> Mapping[int, GGMLType]:
    # ggml's type traits (ggml.h enum ggml_type, ggml.c type_traits); 4 and 5 (Q4_2, Q4_3) were removed.
    rows = (
        (0, "F32", 1, 4), (1, "F16", 1, 2), (2, "Q4_0", 32, 18), (3, "Q4_1", 32, 20),
        (6, "Q5_0", 32, 22), (7, "Q5_1", 32, 24), (8, "Q8_0", 32, 34), (9, "Q8_1", 32, 36),
        (10, "Q2_K", 256, 84), (11, "Q3_K", 256, 110), (12, "Q4_K", 256, 144), (13, "Q5_K", 256, 176),
        (14, "Q6_K", 256, 210), (15, "Q8_K", 256, 292), (16, "IQ2_XXS", 256, 66), (17, "IQ2_XS", 256, 74),
        (18, "IQ3_XXS", 256, 98), (19, "IQ1_S", 256, 50), (20, "IQ4_NL", 32, 18), (21, "IQ3_S", 256, 110),
        (22, "IQ2_S", 256, 82), (23, "IQ4_XS", 256, 136), (24, "I8", 1, 1), (25, "I16", 1, 2),
        (26, "I32", 1, 4), (27, "I64", 1, 8), (28, "F64", 1, 8), (29, "IQ1_M", 256, 56),
        (30, "BF16", 1, 2), (31, "Q4_0_4_4", 32, 18), (32, "Q4_0_4_8", 32, 18), (33, "Q4_0_8_8", 32, 18),
        (34, "TQ1_0", 256, 54), (35, "TQ2_0", 256, 66), (36, "IQ4_NL_4_4", 32, 18), (37, "IQ4_NL_4_8", 32, 18),
        (38, "IQ4_NL_8_8", 32, 18), (39, "MXFP4", 32, 17),
    )  # fmt: skip
    return MappingProxyType({row[0]: GGMLType(*row) for row in rows})


#: The ggml tensor types a GGUF tensor may have, by number.
GGML_TYPES: Final[Mapping[int, GGMLType]] = _ggml_types()

GGUFScalar = int | float | bool | str


_NO_METADATA: Final[FrozenMap[str, GGUFValue]] = FrozenMap()


def _pad(size: int, alignment: int) -> int:
    return -(-size // alignment) * alignment


# -- values ---------------------------------------------------------------------------------------


def _check_scalar(kind: GGUFValueType, value: object, what: str) -> None:
    """Raise ``TypeError`` (the wrong kind of object) or a fault (a bad value) unless ``value`` fits ``kind``."""
    if kind is _T.STRING:
        if type(value) is not str:
            raise TypeError(f"{what} must be a str, got {type(value).__name__}")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise Fault(f"{what} holds a lone surrogate, which UTF-8 cannot encode") from None
        return
    if kind is _T.BOOL:
        if value is not True and value is not False:
            raise TypeError(f"{what} must be a bool, got {type(value).__name__}")
        return
    fmt, _, bounds = _FIXED[kind]
    if bounds is None:  # a float
        if type(value) is not float:
            raise TypeError(f"{what} must be a float, got {type(value).__name__}")
        try:
            packed = struct.unpack("<" + fmt, struct.pack("<" + fmt, value))[0]
        except OverflowError:
            packed = None
        if packed != value and value == value:  # NaN packs as itself
            raise Fault(f"{what} {value!r} is not exactly a {kind.name.lower()}")
        return
    if type(value) is not int:
        raise TypeError(f"{what} must be an int, got {type(value).__name__}")
    if not bounds[0] <= value <= bounds[1]:
        raise Fault(f"{what} {value} is out of the range of a {kind.name.lower()}")


def _encode_scalar(kind: GGUFValueType, value: GGUFScalar, order: str) -> bytes:
    if kind is _T.STRING:
        data = cast("str", value).encode("utf-8")
        return struct.pack(order + "Q", len(data)) + data
    return struct.pack(order + _FIXED[kind][0], value)


def _walk_strings(data: bytes, count: int, order: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """The (start, end) of each of ``count`` strings encoded from ``start``; stops short on a truncated one."""
    length = struct.Struct(order + "Q")
    pos = start
    for _ in range(count):
        if pos + 8 > len(data):
            return
        (size,) = length.unpack_from(data, pos)
        pos += 8
        yield pos, pos + size
        pos += size


@dataclass(frozen=True, slots=True)
class GGUFArray:
    """A GGUF array value: ``length`` elements of one scalar type, kept as the bytes they were encoded in.

    >>> a = GGUFArray.of(GGUFValueType.INT16, [1, 2, 3, 4])
    >>> len(a), a.values(), a.data
    (4, (1, 2, 3, 4), b'\\x01\\x00\\x02\\x00\\x03\\x00\\x04\\x00')

    ``data`` is the elements' encoding in ``byte_order``: fixed-size values
    packed, strings each with their 8-byte length. :meth:`values` decodes them.
    """

    element_type: GGUFValueType
    length: int
    data: bytes
    byte_order: ByteOrder = "little"

    def __post_init__(self) -> None:
        if type(self.element_type) is not GGUFValueType:
            object.__setattr__(self, "element_type", _value_type(self.element_type, "GGUFArray.element_type"))
        _check_order(self.byte_order)
        if type(self.length) is not int or type(self.data) is not bytes:
            raise TypeError("GGUFArray.length must be an int and GGUFArray.data bytes")
        if self.byte_order not in _ORDER:
            raise ValueError(f"byte_order must be 'little' or 'big', got {self.byte_order!r}")
        what = f"{self.length} encoded {self.element_type.name.lower()} values"
        if self.element_type is _T.ARRAY or self.length < 0:
            raise InvalidModelHeaderError(f"an array holds {what}: arrays do not nest, and a length is not negative")
        try:
            end = _check_elements(self.data, self.element_type, self.length, _ORDER[self.byte_order])
        except Fault as fault:
            raise InvalidModelHeaderError(f"data is not {what}: {fault.message}", pointer=fault.pointer) from None
        except _Incomplete:
            end = -1
        if end != len(self.data):
            raise InvalidModelHeaderError(f"data is not {what}: it is too {'short' if end < 0 else 'long'}")

    @classmethod
    def of(
        cls,
        element_type: GGUFValueType,
        values: list[GGUFScalar] | tuple[GGUFScalar, ...],
        byte_order: ByteOrder = "little",
    ) -> GGUFArray:
        """The array of ``values``, encoded."""
        kind = _value_type(element_type, "GGUFArray.of() element_type")
        _check_order(byte_order)
        given: object = values
        if isinstance(given, (str, bytes, bytearray, memoryview)):
            raise TypeError(f"GGUFArray.of() takes a list or tuple of values, got {type(given).__name__}")
        order = _ORDER.get(byte_order)
        if order is None:
            raise ValueError(f"byte_order must be 'little' or 'big', got {byte_order!r}")
        if kind is _T.ARRAY:
            raise InvalidModelHeaderError("GGUF arrays do not nest")
        try:
            for index, value in enumerate(values):
                _check_scalar(kind, value, f"element {index}")
        except Fault as fault:
            raise fault.as_error(InvalidModelHeaderError) from None
        if kind is _T.STRING:
            data = b"".join(_encode_scalar(kind, value, order) for value in values)
        else:
            data = struct.pack(f"{order}{len(values)}{_FIXED[kind][0]}", *values)
        return cls(kind, len(values), data, byte_order)

    def __len__(self) -> int:
        return self.length

    def __iter__(self) -> Iterator[GGUFScalar]:
        return iter(self.values())

    def values(self) -> tuple[GGUFScalar, ...]:
        """The elements, decoded (``int``, ``float``, ``bool`` or ``str``)."""
        order = _ORDER[self.byte_order]
        kind = self.element_type
        if kind is _T.STRING:
            data = self.data
            return tuple(data[start:end].decode("utf-8") for start, end in _walk_strings(data, self.length, order))
        if kind is _T.BOOL:
            return tuple(byte == 1 for byte in self.data)
        unpacked: tuple[GGUFScalar, ...] = struct.unpack(f"{order}{self.length}{_FIXED[kind][0]}", self.data)
        return unpacked


@dataclass(frozen=True, slots=True)
class GGUFValue:
    """A GGUF metadata value and its type.

    >>> GGUFValue(GGUFValueType.UINT32, 4096).value
    4096
    """

    type: GGUFValueType
    value: GGUFScalar | GGUFArray

    def __post_init__(self) -> None:
        if type(self.type) is not GGUFValueType:
            object.__setattr__(self, "type", _value_type(self.type, "GGUFValue.type"))
        if self.type is _T.ARRAY:
            if not isinstance(self.value, GGUFArray):
                raise TypeError(f"an ARRAY value must be a GGUFArray, got {type(self.value).__name__}")
            return
        try:
            _check_scalar(self.type, self.value, "value")
        except Fault as fault:
            raise fault.as_error(InvalidModelHeaderError) from None


@dataclass(frozen=True, slots=True)
class GGUFTensorInfo:
    """One tensor of a GGUF file: its name, dimensions (innermost first), ggml type and data offset.

    >>> t = GGUFTensorInfo("blk.0.attn_q.weight", (4096, 4096), 12, 0)
    >>> t.element_count, t.size, t.ggml_type.name
    (16777216, 9437184, 'Q4_K')
    """

    name: str
    dimensions: tuple[int, ...]
    type: int
    offset: int

    def __post_init__(self) -> None:
        if type(self.dimensions) is not tuple:
            _check_sequence(self.dimensions, "GGUFTensorInfo.dimensions")
            object.__setattr__(self, "dimensions", tuple(self.dimensions))
        if type(self.name) is not str or type(self.type) is not int or type(self.offset) is not int:
            raise TypeError("GGUFTensorInfo takes a str name, int dimensions, an int type and an int offset")
        if any(type(dimension) is not int for dimension in self.dimensions):
            raise TypeError("GGUFTensorInfo.dimensions must hold ints")
        try:
            _check_tensor(self.name, self.dimensions, self.type, self.offset, "")
        except Fault as fault:
            raise fault.as_error(InvalidModelHeaderError) from None

    @property
    def ggml_type(self) -> GGMLType:
        """The tensor's ggml type."""
        return GGML_TYPES[self.type]

    @property
    def element_count(self) -> int:
        """How many elements the tensor has (1 for a tensor of no dimensions)."""
        count = 1
        for dimension in self.dimensions:
            count *= dimension
        return count

    @property
    def size(self) -> int:
        """The bytes the tensor's data takes (ggml ``ggml_nbytes``)."""
        ggml = GGML_TYPES[self.type]
        dims = self.dimensions or (1,)
        size = dims[0] // ggml.block_size * ggml.type_size
        for dimension in dims[1:]:
            size *= dimension
        return size


def _check_tensor(name: object, dimensions: tuple[object, ...], kind: object, offset: object, pointer: str) -> None:
    if type(name) is not str:
        raise Fault(f"a tensor name must be a str, got {type(name).__name__}", pointer=pointer)
    try:
        size = len(name.encode("utf-8"))
    except UnicodeEncodeError:
        raise Fault("a tensor name holds a lone surrogate", pointer=pointer) from None
    if size > _MAX_NAME_BYTES:
        raise Fault(f"tensor name is {size} bytes; ggml allows {_MAX_NAME_BYTES}", pointer=pointer)
    if len(dimensions) > _MAX_DIMS:
        raise Fault(f"tensor {name!r} has {len(dimensions)} dimensions; ggml allows {_MAX_DIMS}", pointer=pointer)
    count = 1
    for index, dimension in enumerate(dimensions):
        if type(dimension) is not int or not 0 <= dimension <= _INT64_MAX:
            raise Fault(
                f"tensor {name!r} dimension {index} must be a non-negative int64, got {dimension!r}", pointer=pointer
            )
        count *= dimension
    if count > _INT64_MAX - 1:
        raise Fault(f"tensor {name!r} has {count} elements, more than ggml can count", pointer=pointer)
    ggml = GGML_TYPES.get(kind) if type(kind) is int else None
    if ggml is None:
        raise Fault(f"tensor {name!r} has an unknown ggml type {kind!r}", pointer=pointer)
    first = cast("int", dimensions[0]) if dimensions else 1
    if first % ggml.block_size:
        raise Fault(
            f"tensor {name!r} of type {ggml.name} has {first} elements per row, not a multiple of its block size"
            f" {ggml.block_size}",
            pointer=pointer,
        )
    if type(offset) is not int or not 0 <= offset <= _UINT64_MAX:
        raise Fault(f"tensor {name!r} offset must be a uint64, got {offset!r}", pointer=pointer)


@dataclass(frozen=True, slots=True, kw_only=True)
class GGUFHeader:
    """A GGUF file's header: version, metadata and tensor infos, and where the tensor data starts.

    >>> h = GGUFHeader(metadata={"general.architecture": GGUFValue(GGUFValueType.STRING, "llama")},
    ...                tensors=(GGUFTensorInfo("token_embd.weight", (8, 2), 0, 0),))
    >>> h.header_size, h.data_offset, h.data_size, h.parameter_count
    (126, 128, 64, 16)
    >>> parse_gguf_header(h.to_bytes()) == h
    True

    Constructing one checks what the reader checks and computes the derived
    members: ``alignment`` (``general.alignment`` or 32), ``header_size``
    (the bytes up to the end of the tensor infos), ``data_offset`` (where the
    tensor data starts: the header size padded to the alignment) and
    ``data_size`` (every tensor's data, each padded to the alignment).
    """

    version: int = 3
    metadata: FrozenMap[str, GGUFValue] = _NO_METADATA
    tensors: tuple[GGUFTensorInfo, ...] = ()
    byte_order: ByteOrder = "little"
    alignment: int = field(default=GGUF_DEFAULT_ALIGNMENT, init=False)
    header_size: int = field(default=0, init=False)
    data_offset: int = field(default=0, init=False)
    data_size: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        if type(self.version) is not int:
            raise TypeError(f"GGUFHeader.version must be an int, got {type(self.version).__name__}")
        if self.version not in _VERSIONS:
            raise InvalidModelHeaderError(
                f"unsupported GGUF version {self.version} (supported: 2 and 3)", pointer="/version"
            )
        _check_order(self.byte_order)
        if not isinstance(self.metadata, Mapping):
            raise TypeError(f"GGUFHeader.metadata must be a mapping, got {type(self.metadata).__name__}")
        if self.byte_order not in _ORDER or (self.byte_order == "big" and self.version < 3):
            raise ValueError(f"byte_order must be 'little', or 'big' in version 3, got {self.byte_order!r}")
        if type(self.metadata) is not FrozenMap:
            object.__setattr__(self, "metadata", FrozenMap(self.metadata))
        if type(self.tensors) is not tuple:
            object.__setattr__(self, "tensors", tuple(self.tensors))
        for key, value in self.metadata.items():
            if type(key) is not str or not isinstance(value, GGUFValue):
                raise TypeError("metadata must map str keys to GGUFValue values")
        for tensor in self.tensors:
            if not isinstance(tensor, GGUFTensorInfo):
                raise TypeError(f"tensors must be GGUFTensorInfo values, got {type(tensor).__name__}")
        try:
            for key in self.metadata:
                _check_key(key)
            alignment = _alignment(self.metadata)
            data_size = _layout(self.tensors, alignment, "/tensors")
        except Fault as fault:
            raise fault.as_error(InvalidModelHeaderError) from None
        header_size = len(_encode(self))
        object.__setattr__(self, "alignment", alignment)
        object.__setattr__(self, "header_size", header_size)
        object.__setattr__(self, "data_offset", _pad(header_size, alignment) if self.tensors else header_size)
        object.__setattr__(self, "data_size", data_size)

    def get(self, key: str, default: GGUFScalar | GGUFArray | None = None) -> GGUFScalar | GGUFArray | None:
        """The value of the metadata key ``key`` (a scalar or a :class:`GGUFArray`), or ``default``."""
        found = self.metadata.get(key)
        return default if found is None else found.value

    @property
    def parameter_count(self) -> int:
        """The number of weights: every tensor's element count, summed."""
        return sum(tensor.element_count for tensor in self.tensors)

    def to_bytes(self) -> bytes:
        """The header's bytes, with the padding up to ``data_offset`` (the tensor data follows)."""
        data = _encode(self)
        return data + b"\x00" * (self.data_offset - len(data))


def _check_key(key: str) -> None:
    pointer = _read.join("/metadata", key)
    if not key:
        raise Fault("a metadata key is empty", pointer=pointer)
    size = len(key.encode("utf-8", "surrogatepass"))
    if size > _MAX_KEY_BYTES:
        raise Fault(f"a metadata key is {size} bytes long; at most {_MAX_KEY_BYTES} are allowed", pointer=pointer)
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        raise Fault("a metadata key holds a lone surrogate", pointer=pointer) from None


def _alignment(metadata: Mapping[str, GGUFValue]) -> int:
    found = metadata.get("general.alignment")
    if found is None:
        return GGUF_DEFAULT_ALIGNMENT
    where = _read.join("/metadata", "general.alignment")
    if found.type is not _T.UINT32:
        raise Fault(f"general.alignment must be a uint32, got a {found.type.name.lower()}", pointer=where)
    value = cast("int", found.value)
    if value == 0 or value & (value - 1):
        raise Fault(f"general.alignment must be a power of two, got {value}", pointer=where)
    return value


def _layout(tensors: tuple[GGUFTensorInfo, ...], alignment: int, pointer: str) -> int:
    """The size of the data section; every tensor's offset must be where the ones before it end."""
    expected = 0
    names: set[str] = set()
    for index, tensor in enumerate(tensors):
        where = f"{pointer}/{index}"
        if tensor.name in names:
            raise Fault(f"tensor name {tensor.name!r} is repeated", pointer=where)
        names.add(tensor.name)
        if tensor.offset != expected:
            raise Fault(
                f"tensor {tensor.name!r} has offset {tensor.offset}, expected {expected}", pointer=f"{where}/offset"
            )
        expected += _pad(tensor.size, alignment)
    return expected


def _encode(header: GGUFHeader) -> bytes:
    order = _ORDER[header.byte_order]
    parts = [GGUF_MAGIC, struct.pack(order + "IQQ", header.version, len(header.tensors), len(header.metadata))]
    for key, value in header.metadata.items():
        parts.append(_encode_scalar(_T.STRING, key, order))
        parts.append(struct.pack(order + "I", value.type))
        if isinstance(value.value, GGUFArray):
            array = value.value
            data = array.data if array.byte_order == header.byte_order else GGUFArray.of(
                array.element_type, list(array.values()), header.byte_order
            ).data
            parts.append(struct.pack(order + "IQ", array.element_type, array.length) + data)
        else:
            parts.append(_encode_scalar(value.type, value.value, order))
    for tensor in header.tensors:
        parts.append(_encode_scalar(_T.STRING, tensor.name, order))
        dims = tensor.dimensions
        parts.append(struct.pack(f"{order}I{len(dims)}qIQ", len(dims), *dims, tensor.type, tensor.offset))
    return b"".join(parts)


# -- reading --------------------------------------------------------------------------------------


class _Incomplete(Exception):
    """The bytes end before the header: at least ``needed`` bytes are."""

    def __init__(self, needed: int, what: str) -> None:
        super().__init__(what)
        self.needed = needed
        self.what = what


def _short(needed: int, limit: int, what: str, pointer: str) -> NoReturn:
    """The header goes on past the bytes given: an incomplete header, or a fault when it cannot fit the cap."""
    if needed > limit:
        raise Fault(f"{what} would make the header larger than {limit} bytes (the cap)", pointer=pointer)
    raise _Incomplete(needed, what)


def _utf8(data: bytes, start: int, end: int, what: str, pointer: str) -> str:
    try:
        return data[start:end].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Fault(
            f"{what} is not UTF-8: byte 0x{data[start + exc.start]:02x} at offset {start + exc.start}", pointer=pointer
        ) from None


def _where(key: str, suffix: str = "") -> str:
    return _read.join("/metadata", key) + suffix


# Per byte order: a reader for each fixed-size scalar type, and the length and count readers.
_UNPACK: Final[Mapping[str, Mapping[GGUFValueType, Callable[[bytes, int], tuple[Any, ...]]]]] = MappingProxyType(
    {order: {kind: struct.Struct(order + fmt).unpack_from for kind, (fmt, _, _) in _FIXED.items()} for order in "<>"}
)
_TYPES: Final = tuple(GGUFValueType)  # by number: the values are 0 to 12


def _array_end(
    data: bytes, pos: int, element: GGUFValueType, count: int, order: str, limit: int, reserve: int, key: str
) -> int:
    """Check ``count`` encoded elements of ``element`` from ``pos``; the position after them."""
    size = len(data)
    if element is _T.STRING:
        length = _UNPACK[order][_T.UINT64]
        pieces: list[bytes] = []
        for index in range(count):
            if pos + 8 > size:
                _short(pos + 8 + (count - index - 1) * 8 + reserve, limit, "an array string's length", _where(key))
            start = pos + 8
            pos = start + length(data, pos)[0]
            if pos > size:
                _short(pos + (count - index - 1) * 8 + reserve, limit, "an array string", _where(key, f"/{index}"))
            pieces.append(data[start:pos])
        try:
            # Joined by an ASCII byte, the strings are UTF-8 exactly when each one is: one decode, in C.
            b"\n".join(pieces).decode("utf-8")
        except UnicodeDecodeError:
            for index, piece in enumerate(pieces):
                _utf8(piece, 0, len(piece), "an array string", _where(key, f"/{index}"))
        return pos
    end = pos + _FIXED[element][1] * count
    if end > size:
        _short(end + reserve, limit, f"an array of {count} {element.name.lower()} values", _where(key))
    if element is _T.BOOL and data[pos:end].translate(None, b"\x00\x01"):
        index = next(i for i in range(pos, end) if data[i] > 1)
        raise Fault(f"a bool must be 0 or 1, got {data[index]}", pointer=_where(key, f"/{index - pos}"))
    return end


def _check_elements(data: bytes, kind: GGUFValueType, count: int, order: str) -> int:
    """The position after ``count`` encoded elements of ``kind`` at the start of ``data`` (a constructor's check)."""
    return _array_end(data, 0, kind, count, order, 2**64, 0, "")


def _version(data: bytes) -> tuple[int, str]:
    little = int.from_bytes(data[4:8], "little")
    if little in _VERSIONS:
        return little, "<"
    big = int.from_bytes(data[4:8], "big")
    if big == 3:
        return big, ">"
    if little == 1 or big == 1:
        raise Fault("GGUF version 1 is no longer supported (it was replaced by version 2 in 2023)", pointer="/version")
    raise Fault(f"unsupported GGUF version {little} (supported: 2 and 3)", pointer="/version")


_GGUFValueLayout: Final = layout_twin(GGUFValue)
_GGUFArrayLayout: Final = layout_twin(GGUFArray)
_GGUFTensorLayout: Final = layout_twin(GGUFTensorInfo)
_GGUFHeaderLayout: Final = layout_twin(GGUFHeader)


def _make_value(kind: GGUFValueType, value: GGUFScalar | GGUFArray) -> GGUFValue:
    made = _GGUFValueLayout()
    made.type = kind
    made.value = value
    return publish(made, GGUFValue)


def _make_array(kind: GGUFValueType, length: int, data: bytes, byte_order: ByteOrder) -> GGUFArray:
    made = _GGUFArrayLayout()
    made.element_type = kind
    made.length = length
    made.data = data
    made.byte_order = byte_order
    return publish(made, GGUFArray)


def _make_tensor(name: str, dimensions: tuple[int, ...], kind: int, offset: int) -> GGUFTensorInfo:
    made = _GGUFTensorLayout()
    made.name = name
    made.dimensions = dimensions
    made.type = kind
    made.offset = offset
    return publish(made, GGUFTensorInfo)


def _read_value(
    data: bytes, pos: int, kind: GGUFValueType, order: str, limit: int, reserve: int, key: str, byte_order: ByteOrder
) -> tuple[GGUFScalar | GGUFArray, int]:
    """One metadata value of ``kind`` at ``pos``, and the position after it."""
    size = len(data)
    unpack = _UNPACK[order]
    if kind is _T.STRING:
        if pos + 8 > size:
            _short(pos + 8 + reserve, limit, "a string's length", _where(key))
        start = pos + 8
        end = start + unpack[_T.UINT64](data, pos)[0]
        if end > size:
            _short(end + reserve, limit, "a string value", _where(key))
        return _utf8(data, start, end, "a string value", _where(key)), end
    if kind is _T.ARRAY:
        if pos + 12 > size:
            _short(pos + 12 + reserve, limit, "an array's type and length", _where(key))
        number: int = unpack[_T.UINT32](data, pos)[0]
        count: int = unpack[_T.UINT64](data, pos + 4)[0]
        if number > 12:
            raise Fault(f"unknown GGUF value type {number}", pointer=_where(key))
        element = _TYPES[number]
        if element is _T.ARRAY:
            raise Fault("arrays of arrays are not supported (ggml refuses them)", pointer=_where(key))
        if count * _MIN_SIZE[element] > limit:
            raise Fault(
                f"an array of {count} {element.name.lower()} values would make the header larger than"
                f" {limit} bytes (the cap)",
                pointer=_where(key),
            )
        start = pos + 12
        end = _array_end(data, start, element, count, order, limit, reserve, key)
        return _make_array(element, count, data[start:end], byte_order), end
    width = _FIXED[kind][1]
    if pos + width > size:
        _short(pos + width + reserve, limit, f"a {kind.name.lower()} value", _where(key))
    value = unpack[kind](data, pos)[0]
    if kind is _T.BOOL:
        if value > 1:
            raise Fault(f"a bool must be 0 or 1, got {value}", pointer=_where(key))
        return value == 1, pos + 1
    return value, pos + width


def _read_header(data: bytes, limit: int) -> GGUFHeader:
    size = len(data)
    if size < 4 and GGUF_MAGIC.startswith(data):
        raise _Incomplete(24, "the magic")
    if data[:4] != GGUF_MAGIC:
        raise Fault(f"not a GGUF file: it starts with {data[:4]!r}, not {GGUF_MAGIC!r}", pointer="")
    if size < 24:
        raise _Incomplete(24, "the header's counts")
    version, order = _version(data)
    tensor_count, kv_count = struct.unpack_from(order + "QQ", data, 8)
    if 24 + kv_count * _MIN_KV + tensor_count * _MIN_TENSOR > limit:
        raise Fault(
            f"{tensor_count} tensors and {kv_count} metadata entries cannot fit in a header of {limit} bytes (the cap)",
            pointer="",
        )
    byte_order: ByteOrder = "little" if order == "<" else "big"
    u32, u64 = _UNPACK[order][_T.UINT32], _UNPACK[order][_T.UINT64]
    pos = 24
    metadata: dict[str, GGUFValue] = {}
    tensor_reserve = tensor_count * _MIN_TENSOR
    fixed: dict[GGUFValueType, tuple[Callable[[bytes, int], tuple[Any, ...]], int]] = {
        kind: (unpack, _FIXED[kind][1]) for kind, unpack in _UNPACK[order].items() if kind is not _T.BOOL
    }
    for index in range(kv_count):
        reserve = (kv_count - index - 1) * _MIN_KV + tensor_reserve
        if pos + 8 > size:
            _short(pos + 8 + reserve, limit, "a metadata key's length", f"/metadata/{index}")
        length: int = u64(data, pos)[0]
        if length > _MAX_KEY_BYTES:
            problem = f"a metadata key is {length} bytes long; at most {_MAX_KEY_BYTES} are allowed"
            raise Fault(problem, pointer=f"/metadata/{index}")
        start, pos = pos + 8, pos + 8 + length
        if pos + 4 > size:
            _short(pos + 4 + reserve, limit, "a metadata key and its type", f"/metadata/{index}")
        try:
            key = data[start:pos].decode("utf-8")
        except UnicodeDecodeError:
            key = _utf8(data, start, pos, "a metadata key", f"/metadata/{index}")
        if not key:
            raise Fault("a metadata key is empty", pointer=f"/metadata/{index}")
        if key in metadata:
            raise Fault(f"metadata key {key!r} is repeated", pointer=_where(key))
        number: int = u32(data, pos)[0]
        if number > 12:
            raise Fault(f"unknown GGUF value type {number}", pointer=_where(key))
        kind = _TYPES[number]
        pos += 4
        scalar = fixed.get(kind)
        if scalar is not None and pos + scalar[1] <= size:  # the common case: a number, read here
            value: GGUFScalar | GGUFArray = scalar[0](data, pos)[0]
            pos += scalar[1]
        else:
            value, pos = _read_value(data, pos, kind, order, limit, reserve, key, byte_order)
        metadata[key] = _make_value(kind, value)
    alignment = _alignment(metadata)
    tensors: list[GGUFTensorInfo] = []
    for index in range(tensor_count):
        reserve = (tensor_count - index - 1) * _MIN_TENSOR
        pointer = f"/tensors/{index}"
        if pos + 8 > size:
            _short(pos + 8 + reserve, limit, "a tensor name's length", pointer)
        start = pos + 8
        pos = start + u64(data, pos)[0]
        if pos + 4 > size:
            _short(pos + 4 + reserve, limit, "a tensor name and its dimension count", pointer)
        name = _utf8(data, start, pos, "a tensor name", pointer)
        n_dims: int = u32(data, pos)[0]
        if n_dims > _MAX_DIMS:
            raise Fault(f"tensor {name!r} has {n_dims} dimensions; ggml allows {_MAX_DIMS}", pointer=pointer)
        end = pos + 4 + 8 * n_dims + 12
        if end > size:
            _short(end + reserve, limit, "a tensor's dimensions, type and offset", pointer)
        *dimensions, ggml_type, offset = struct.unpack_from(f"{order}{n_dims}qIQ", data, pos + 4)
        pos = end
        dims = tuple(cast("list[int]", dimensions))
        _check_tensor(name, dims, ggml_type, offset, pointer)
        tensors.append(_make_tensor(name, dims, ggml_type, offset))
    frozen_tensors = tuple(tensors)
    data_size = _layout(frozen_tensors, alignment, "/tensors")
    header = _GGUFHeaderLayout()
    header.version = version
    header.metadata = FrozenMap(metadata)
    header.tensors = frozen_tensors
    header.byte_order = byte_order
    header.alignment = alignment
    header.header_size = pos
    header.data_offset = _pad(pos, alignment) if frozen_tensors else pos
    header.data_size = data_size
    return publish(header, GGUFHeader)


def parse_gguf_header(data: object, *, max_size: int = GGUF_MAX_HEADER_SIZE) -> GGUFHeader:
    """Read the header of a GGUF file from its first bytes (a prefix of the file is enough).

    >>> h = parse_gguf_header(b"GGUF\\x03\\x00\\x00\\x00" + bytes(16))
    >>> h.version, h.metadata, h.tensors
    (3, FrozenMap({}), ())

    :raises IncompleteModelHeaderError: the bytes end before the header does;
        ``needed`` is how many to read before calling again.
    :raises InvalidModelHeaderError: not a GGUF file, or a header that breaks
        a rule of the module docstring or would be larger than ``max_size``
        bytes; ``pointer`` locates the entry (``/metadata/general.alignment``,
        ``/tensors/3``).
    """
    if type(max_size) is not int:
        raise TypeError(f"max_size must be an int, got {type(max_size).__name__}")
    if max_size < 24:
        raise ValueError(f"max_size must be an int of at least 24, got {max_size!r}")
    if isinstance(data, memoryview):
        data = cast("memoryview[int]", data)[:max_size].tobytes()
    elif isinstance(data, bytearray):
        data = bytes(data[:max_size])
    elif type(data) is not bytes:
        if not isinstance(data, bytes):
            raise InvalidModelHeaderError(f"a GGUF header must be bytes, got {type(data).__name__}", pointer="")
        data = bytes(data)
    raw = data
    try:
        return _read_header(raw, max_size)
    except _Incomplete as incomplete:
        raise IncompleteModelHeaderError(
            f"the GGUF header goes on past the {len(raw)} bytes given ({incomplete.what}): read at least"
            f" {incomplete.needed}",
            needed=incomplete.needed,
        ) from None
    except Fault as fault:
        raise fault.as_error(InvalidModelHeaderError) from None
