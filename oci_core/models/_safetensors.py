"""The safetensors header, read safely from the bytes a caller supplies (private; exported by :mod:`oci_core.models`).

A safetensors file (huggingface/safetensors, README "Format") is::

    file   = N:uint64-little-endian header:N-bytes data
    header = JSON object, UTF-8, starting with "{" and padded with spaces
             { "__metadata__": {string: string, ...},
               tensor-name: {"dtype": DTYPE, "shape": [uint, ...], "data_offsets": [begin, end]}, ... }

The reader applies the format's rules as its reference implementation
(``safetensors/src/tensor.rs``) does: ``N`` at most 100,000,000 bytes
(``MAX_HEADER_SIZE``); the header's first byte ``{``; strict JSON
(:mod:`oci_core._json`: no repeated keys, UTF-8); ``__metadata__`` a map of
strings to strings (or ``null``); every tensor a known ``dtype``, a shape of
non-negative integers and exactly two offsets; and, sorted by offset, the
tensors cover the data from byte 0 without holes or overlaps, each taking
exactly its element count times its dtype's bits (a whole number of bytes),
with no count overflowing 64 bits. Unknown members of a tensor are ignored.

**Reading a prefix.** The header is the first ``8 + N`` bytes. Give
:func:`parse_safetensors_header` at least 8 bytes; if the header goes on
past them it raises :class:`~oci_core.errors.IncompleteModelHeaderError`
with ``needed = 8 + N`` (a declared ``N`` over the cap is an
:class:`~oci_core.errors.InvalidModelHeaderError` instead, never an
allocation).
"""

# pyright: reportUnnecessaryIsInstance=false
# (the parser and the constructors check their arguments' Python types at run time, as the error contract asks)

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, cast

from .. import _json
from .._fault import Fault
from .._frozenmap import EMPTY, FrozenMap
from .._values import layout_twin, publish
from ..errors import IncompleteModelHeaderError, InvalidModelHeaderError
from . import _read

if TYPE_CHECKING:
    from .._json import JSON

__all__ = [
    "SAFETENSORS_DTYPE_BITS",
    "SAFETENSORS_MAX_HEADER_SIZE",
    "SafetensorsHeader",
    "SafetensorsTensor",
    "parse_safetensors_header",
]

#: The largest header (``N``) the format allows (safetensors ``MAX_HEADER_SIZE``).
SAFETENSORS_MAX_HEADER_SIZE: Final = 100_000_000
_METADATA_KEY: Final = "__metadata__"
_UINT64_MAX: Final = 2**64 - 1

#: The dtypes safetensors defines, and the bits one element takes.
SAFETENSORS_DTYPE_BITS: Final[Mapping[str, int]] = MappingProxyType(
    {
        "BOOL": 8, "F4": 4, "F6_E2M3": 6, "F6_E3M2": 6, "U8": 8, "I8": 8, "F8_E5M2": 8, "F8_E4M3": 8,
        "F8_E8M0": 8, "F8_E4M3FNUZ": 8, "F8_E5M2FNUZ": 8, "I16": 16, "U16": 16, "F16": 16, "BF16": 16,
        "I32": 32, "U32": 32, "F32": 32, "C64": 64, "F64": 64, "I64": 64, "U64": 64,
    }
)  # fmt: skip


def _elements(shape: tuple[int, ...]) -> int | None:
    """The element count of ``shape``, or ``None`` when it overflows 64 bits (checked as it multiplies)."""
    count = 1
    for dimension in shape:
        count *= dimension
        if count > _UINT64_MAX:
            return None
    return count


@dataclass(frozen=True, slots=True)
class SafetensorsTensor:
    """One tensor of a safetensors file: name, dtype, shape, and its ``[begin, end)`` in the data.

    >>> t = SafetensorsTensor("model.layers.0.weight", "F16", (4096, 4096), (0, 33554432))
    >>> t.element_count, t.size
    (16777216, 33554432)
    """

    name: str
    dtype: str
    shape: tuple[int, ...]
    data_offsets: tuple[int, int]

    def __post_init__(self) -> None:
        for name in ("shape", "data_offsets"):
            if type(getattr(self, name)) is not tuple:
                value: object = getattr(self, name)
                kind = type(value).__name__
                if isinstance(value, (str, bytes, bytearray, memoryview)) or not isinstance(value, Iterable):
                    raise TypeError(f"SafetensorsTensor.{name} must be a tuple, got {kind}")
                object.__setattr__(self, name, tuple(cast("Iterable[object]", value)))
        if type(self.name) is not str or type(self.dtype) is not str:
            raise TypeError("SafetensorsTensor.name and .dtype must be str")
        if any(type(v) is not int for v in (*self.shape, *self.data_offsets)):
            raise TypeError("SafetensorsTensor.shape and .data_offsets must hold ints")
        try:
            _check_tensor(self, _read.join("", self.name))
        except Fault as fault:
            raise fault.as_error(InvalidModelHeaderError) from None

    @property
    def element_count(self) -> int:
        """How many elements the tensor has (1 for a scalar, shape ``[]``)."""
        return _elements(self.shape) or 0

    @property
    def size(self) -> int:
        """The bytes the tensor's data takes."""
        return self.data_offsets[1] - self.data_offsets[0]


def _check_tensor(tensor: SafetensorsTensor, pointer: str) -> None:
    bits = SAFETENSORS_DTYPE_BITS.get(tensor.dtype)
    if bits is None:
        raise Fault(f"unknown dtype {_read.shown(tensor.dtype)}", pointer=_read.join(pointer, "dtype"))
    for index, dimension in enumerate(tensor.shape):
        if not 0 <= dimension <= _UINT64_MAX:
            raise Fault(f"must be a uint64, got {dimension}", pointer=f"{pointer}/shape/{index}")
    if len(tensor.data_offsets) != 2:
        raise Fault(f"must hold exactly 2 offsets, got {len(tensor.data_offsets)}", pointer=f"{pointer}/data_offsets")
    for index, offset in enumerate(tensor.data_offsets):
        if not 0 <= offset <= _UINT64_MAX:
            raise Fault(f"must be a uint64, got {offset}", pointer=f"{pointer}/data_offsets/{index}")
    begin, end = tensor.data_offsets
    if end < begin:
        raise Fault(f"ends at {end}, before it begins at {begin}", pointer=f"{pointer}/data_offsets")
    count = _elements(tensor.shape)
    if count is None or count * bits > _UINT64_MAX:
        raise Fault("the shape's element count overflows 64 bits", pointer=f"{pointer}/shape")
    if count * bits % 8:
        raise Fault(f"{count} {tensor.dtype} elements are not a whole number of bytes", pointer=f"{pointer}/shape")
    if end - begin != count * bits // 8:
        raise Fault(
            f"{count} {tensor.dtype} elements take {count * bits // 8} bytes, but data_offsets span {end - begin}",
            pointer=f"{pointer}/data_offsets",
        )


def _check_layout(tensors: tuple[SafetensorsTensor, ...]) -> int:
    """The data size; the tensors, in offset order, must cover it from 0 without holes."""
    expected = 0
    for tensor in tensors:
        begin = tensor.data_offsets[0]
        if begin != expected:
            what = "leaves a hole before it" if begin > expected else "overlaps the tensor before it"
            raise Fault(
                f"tensor {_read.shown(tensor.name)} begins at {begin} and {what} (expected {expected})",
                pointer=_read.join(_read.join("", tensor.name), "data_offsets"),
            )
        expected = tensor.data_offsets[1]
    return expected


def _order(tensors: tuple[SafetensorsTensor, ...]) -> tuple[SafetensorsTensor, ...]:
    return tuple(sorted(tensors, key=lambda t: (t.data_offsets, t.name)))


@dataclass(frozen=True, slots=True, kw_only=True)
class SafetensorsHeader:
    """A safetensors file's header: its tensors in data order, its ``__metadata__``, and its sizes.

    >>> h = SafetensorsHeader(tensors=(SafetensorsTensor("w", "F32", (2, 2), (0, 16)),), metadata={"format": "pt"})
    >>> h.header_size, h.data_size, h.file_size, h.parameter_count
    (88, 16, 112, 4)
    >>> parse_safetensors_header(h.to_bytes()) == h
    True

    ``header_size`` is ``N``, the JSON's length with its padding: as read, or
    for a constructed header as :meth:`to_bytes` writes it (it is not
    compared). ``data_size`` is where the last tensor ends; ``file_size``
    the whole file's length, ``8 + N + data_size``.
    """

    tensors: tuple[SafetensorsTensor, ...] = ()
    metadata: FrozenMap[str, str] = EMPTY
    header_size: int = field(default=0, init=False, compare=False)
    data_size: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        if type(self.metadata) is not FrozenMap:
            if not isinstance(self.metadata, Mapping):
                raise TypeError(f"SafetensorsHeader.metadata must be a mapping, got {type(self.metadata).__name__}")
            object.__setattr__(self, "metadata", FrozenMap(self.metadata))
        for key, value in self.metadata.items():
            if type(key) is not str or type(value) is not str:
                raise TypeError("SafetensorsHeader.metadata must map str to str")
        tensors = tuple(self.tensors)
        names: set[str] = set()
        for tensor in tensors:
            if not isinstance(tensor, SafetensorsTensor):
                raise TypeError(f"tensors must be SafetensorsTensor values, got {type(tensor).__name__}")
            if tensor.name == _METADATA_KEY or tensor.name in names:
                raise InvalidModelHeaderError(f"tensor name {_read.shown(tensor.name)} is repeated or reserved")
            names.add(tensor.name)
        ordered = _order(tensors)
        try:
            data_size = _check_layout(ordered)
        except Fault as fault:
            raise fault.as_error(InvalidModelHeaderError) from None
        object.__setattr__(self, "tensors", ordered)
        object.__setattr__(self, "data_size", data_size)
        object.__setattr__(self, "header_size", len(self._json()))

    @property
    def file_size(self) -> int:
        """The length of the whole file: the 8-byte length, the header, the data."""
        return 8 + self.header_size + self.data_size

    @property
    def parameter_count(self) -> int:
        """The number of weights: every tensor's element count, summed."""
        return sum(tensor.element_count for tensor in self.tensors)

    def _json(self) -> bytes:
        obj: dict[str, object] = {}
        if self.metadata:
            obj[_METADATA_KEY] = {key: self.metadata[key] for key in sorted(self.metadata)}
        for tensor in self.tensors:
            offsets = list(tensor.data_offsets)
            obj[tensor.name] = {"dtype": tensor.dtype, "shape": list(tensor.shape), "data_offsets": offsets}
        data = _json.dumps(obj)
        return data + b" " * (-len(data) % 8)  # safetensors pads the header to a multiple of 8 with spaces

    def to_bytes(self) -> bytes:
        """The file's first ``8 + N`` bytes (the tensor data follows)."""
        data = self._json()
        return len(data).to_bytes(8, "little") + data


# -- reading ----------------------------------------------------------------------------------------

_TensorLayout: Final = layout_twin(SafetensorsTensor)
_HeaderLayout: Final = layout_twin(SafetensorsHeader)


def _uints(obj: dict[str, JSON], key: str, pointer: str) -> tuple[int, ...]:
    where = _read.join(pointer, key)
    value = obj.get(key)
    if type(value) is not list:
        problem = f"must be an array, got {_read.kind(value)}" if key in obj else "is required but missing"
        raise Fault(problem, pointer=where)
    for index, item in enumerate(value):
        if type(item) is not int or not 0 <= item <= _UINT64_MAX:
            problem = f"must be an integer from 0 to {_UINT64_MAX}, got {_read.kind(item)}"
            raise Fault(problem, pointer=f"{where}/{index}")
    return tuple(cast("list[int]", value))


def _read_tensor(name: str, value: JSON) -> SafetensorsTensor:
    """A tensor entry; the common case checked in one go, anything else by :func:`_read_tensor_slowly`."""
    if type(value) is dict:
        dtype, shape, offsets = value.get("dtype"), value.get("shape"), value.get("data_offsets")
        bits = SAFETENSORS_DTYPE_BITS.get(dtype) if type(dtype) is str else None
        if (
            bits is not None
            and type(shape) is list
            and type(offsets) is list
            and len(offsets) == 2
            and all(type(d) is int and 0 <= d <= _UINT64_MAX for d in (*shape, *offsets))
        ):
            dims = tuple(cast("list[int]", shape))
            begin, end = cast("list[int]", offsets)
            count = _elements(dims)
            total = None if count is None else count * bits
            if total is not None and total <= _UINT64_MAX and not total % 8 and end - begin == total // 8:
                tensor = _TensorLayout()
                tensor.name = name
                tensor.dtype = dtype
                tensor.shape = dims
                tensor.data_offsets = (begin, end)
                made: SafetensorsTensor = publish(tensor, SafetensorsTensor)
                return made
    return _read_tensor_slowly(name, value)


def _read_tensor_slowly(name: str, value: JSON) -> SafetensorsTensor:
    pointer = _read.join("", name)
    if type(value) is not dict:
        raise Fault(f"a tensor must be an object, got {_read.kind(value)}", pointer=pointer)
    dtype = _read.get_str(value, "dtype", pointer, required=True)
    assert dtype is not None
    tensor = _TensorLayout()
    tensor.name = name
    tensor.dtype = dtype
    tensor.shape = _uints(value, "shape", pointer)
    offsets = _uints(value, "data_offsets", pointer)
    if len(offsets) != 2:
        raise Fault(f"must hold exactly 2 offsets, got {len(offsets)}", pointer=f"{pointer}/data_offsets")
    tensor.data_offsets = offsets
    made: SafetensorsTensor = publish(tensor, SafetensorsTensor)
    _check_tensor(made, pointer)
    return made


def _read_metadata(value: JSON) -> FrozenMap[str, str]:
    if value is None:
        return EMPTY
    pointer = _read.join("", _METADATA_KEY)
    if type(value) is not dict:
        raise Fault(f"must be an object of strings, got {_read.kind(value)}", pointer=pointer)
    for key, item in value.items():
        if type(item) is not str:
            raise Fault(f"must be a string, got {_read.kind(item)}", pointer=_read.join(pointer, key))
    return FrozenMap(cast("dict[str, str]", value))


def _read_header(data: bytes, size: int) -> SafetensorsHeader:
    text = data[8 : 8 + size]
    if text[:1] != b"{":
        shown = "nothing" if not text else repr(text[:1])
        raise Fault(f"the header must begin with '{{', got {shown}", pointer="")
    obj = _read.load_object(text, "a safetensors header", max_size=SAFETENSORS_MAX_HEADER_SIZE)
    metadata = _read_metadata(obj.get(_METADATA_KEY))
    tensors = _order(tuple(_read_tensor(name, value) for name, value in obj.items() if name != _METADATA_KEY))
    header = _HeaderLayout()
    header.tensors = tensors
    header.metadata = metadata
    header.header_size = size
    header.data_size = _check_layout(tensors)
    return publish(header, SafetensorsHeader)


def parse_safetensors_header(data: object) -> SafetensorsHeader:
    """Read the header of a safetensors file from its first bytes (``8 + N`` of them are enough).

    >>> h = parse_safetensors_header(b'@\\x00\\x00\\x00\\x00\\x00\\x00\\x00{"w":{"dtype":"F16","shape":[2],'
    ...                              b'"data_offsets":[0,4]}}                    ')
    >>> h.tensors[0].dtype, h.data_size, h.file_size
    ('F16', 4, 76)

    :raises IncompleteModelHeaderError: fewer than ``8 + N`` bytes; ``needed``
        is ``8 + N`` (or 8 when the length itself is cut).
    :raises InvalidModelHeaderError: ``N`` over 100,000,000, or a header that
        breaks a rule of the module docstring; ``pointer`` is the JSON
        pointer of the offending member (``/model.embed_tokens.weight/shape/1``).
    """
    if isinstance(data, memoryview):
        data = cast("memoryview[int]", data).tobytes()
    elif isinstance(data, bytearray):
        data = bytes(data)
    elif not isinstance(data, bytes):
        raise InvalidModelHeaderError(f"a safetensors header must be bytes, got {type(data).__name__}", pointer="")
    raw = bytes(data) if type(data) is not bytes else data
    if len(raw) < 8:
        raise IncompleteModelHeaderError(
            f"a safetensors file starts with an 8-byte header length; {len(raw)} bytes given", needed=8
        )
    size = int.from_bytes(raw[:8], "little")
    if size > SAFETENSORS_MAX_HEADER_SIZE:
        raise InvalidModelHeaderError(
            f"the header length is {size} bytes, over the format's limit of {SAFETENSORS_MAX_HEADER_SIZE}", pointer=""
        )
    if len(raw) < 8 + size:
        raise IncompleteModelHeaderError(
            f"the header is {size} bytes long, but only {len(raw) - 8} follow its length: read at least {8 + size}",
            needed=8 + size,
        )
    try:
        return _read_header(raw, size)
    except Fault as fault:
        raise fault.as_error(InvalidModelHeaderError) from None
