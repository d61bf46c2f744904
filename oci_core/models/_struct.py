"""Go structs as tables: how the model documents' values are read, checked and written (private).

Each JSON object a model document holds (a Docker model config's ``config``,
a ModelPack ``descriptor``, the file-metadata annotation) is a Go struct with
``json`` tags. Here each is one :class:`Struct` table: its members in the Go
struct's order, each with its JSON key and a field kind (a string, a list
of strings, an RFC 3339 time, a pointer to a bool, …). One reader, one
checker and one writer interpret every table, so that what the parser
accepts, what a constructor accepts and what is written are the same rules:

* the reader takes a parsed JSON object and builds the value through its
  layout twin (:mod:`oci_core._values`), raising a
  :class:`~oci_core._fault.Fault` at the member's JSON pointer;
* the checker validates (and coerces: a list becomes a tuple, a ``dict`` a
  :class:`~oci_core.descriptor.FrozenMap`, a ``str`` digest a
  :class:`~oci_core.digest.Digest`) a value a caller constructed, raising
  :class:`TypeError` for the wrong kind of object and the family's error
  at the same pointer for a bad value;
* the writer gives the members in Go's order, ``omitempty`` ones left out
  when empty, maps with their keys sorted (``encoding/json`` sorts map keys).

Go reads ``null`` as the zero value of a pointer, slice or map, so those
kinds accept it; a string does not (as for every document this library
reads). Unknown members are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, cast

from .._fault import Fault, fault_from_error
from .._frozenmap import EMPTY, FrozenMap
from .._values import publish
from ..config import is_rfc3339
from ..digest import Digest, parse_digest
from ..errors import OCIError
from . import _read

if TYPE_CHECKING:
    from .._json import JSON

__all__ = ["GO_ZERO_TIME", "INT32", "INT64", "UINT8", "UINT32", "Field", "Struct", "check", "read", "write"]

#: What Go writes for a zero ``time.Time``.
GO_ZERO_TIME: Final = "0001-01-01T00:00:00Z"
INT32: Final = (-(2**31), 2**31 - 1)
INT64: Final = (-(2**63), 2**63 - 1)
UINT32: Final = (0, 2**32 - 1)
UINT8: Final = (0, 255)


@dataclass(frozen=True, slots=True)
class Field:
    """One struct member: the value's attribute, its JSON key, its kind.

    Kinds: ``str``; ``strs`` (a list of strings); ``time`` (a pointer to an
    RFC 3339 ``time.Time``: ``None`` when absent); ``time-value`` (a
    ``time.Time``, Go's zero time when absent); ``bool?`` (a pointer to a
    bool); ``map`` (string to string); ``int?`` (a pointer to an integer in
    ``bounds``); ``int`` (an integer in ``bounds``, 0 when absent);
    ``digests`` (a list of digests); ``struct`` and ``struct?`` (a nested
    :class:`Struct`, by value or by pointer). ``always`` marks a member Go
    writes even when empty (no ``omitempty``).
    """

    attr: str
    key: str
    kind: str
    always: bool = False
    bounds: tuple[int, int] = INT64
    struct: Struct | None = None


@dataclass(frozen=True, slots=True)
class Struct:
    """A Go struct: the value class, its layout twin, its members in order, where it sits in the document."""

    cls: type[Any]
    twin: Any
    fields: tuple[Field, ...]
    pointer: str
    error: type[OCIError]
    raw: bool = False


def _where(spec: Struct, field: Field) -> str:
    return _read.join(spec.pointer, field.key)


# -- reading -----------------------------------------------------------------------------------


def _read_time(value: str, pointer: str) -> str:
    if not is_rfc3339(value):
        raise Fault(f"must be an RFC 3339 date-time, got {_read.shown(value)}", pointer=pointer)
    return value


def _read_digests(obj: dict[str, JSON], key: str, pointer: str) -> tuple[Digest, ...]:
    texts = _read.get_str_list(obj, key, pointer)
    where = _read.join(pointer, key)
    digests: list[Digest] = []
    for index, text in enumerate(texts):
        try:
            digests.append(parse_digest(text, allow_unregistered=True))
        except OCIError as exc:
            raise fault_from_error(exc, pointer=f"{where}/{index}") from None
    return tuple(digests)


def _read_member(field: Field, obj: dict[str, JSON], pointer: str) -> object:
    kind, key = field.kind, field.key
    if kind == "str":
        return _read.get_str(obj, key, pointer) or ""
    if kind == "strs":
        return _read.get_str_list(obj, key, pointer)
    if kind == "time" or kind == "time-value":
        text = obj.get(key)
        if text is None:
            return GO_ZERO_TIME if kind == "time-value" else None
        found = _read.get_str(obj, key, pointer)
        assert found is not None
        return _read_time(found, _read.join(pointer, key))
    if kind == "bool?":
        return _read.get_bool(obj, key, pointer)
    if kind == "map":
        values = _read.get_str_map(obj, key, pointer)
        return FrozenMap(values) if values else EMPTY
    if kind == "int?" or kind == "int":
        if obj.get(key) is None:
            return None if kind == "int?" else 0
        return _read.get_int(obj, key, pointer, minimum=field.bounds[0], maximum=field.bounds[1])
    if kind == "digests":
        return _read_digests(obj, key, pointer)
    assert field.struct is not None  # "struct" or "struct?"
    nested = _read.get_object(obj, key, pointer)
    if nested is None:
        return None if kind == "struct?" else _zero(field.struct)
    return read(field.struct, nested, _read.join(pointer, key))


def read(spec: Struct, obj: dict[str, JSON], pointer: str | None = None, raw: bytes = b"") -> Any:
    """The value of ``spec`` read from a parsed JSON object found at ``pointer`` (the spec's own by default).

    A document's top-level value keeps ``raw``, the bytes it was read from.
    """
    where = spec.pointer if pointer is None else pointer
    value = spec.twin()
    for field in spec.fields:
        setattr(value, field.attr, _read_member(field, obj, where))
    if spec.raw:
        value.raw = raw
    return publish(value, spec.cls)


# The Go zero value of each kind of member (what an absent struct's members read as).
_ZEROS: Final = {
    "str": "",
    "strs": (),
    "time": None,
    "time-value": GO_ZERO_TIME,
    "bool?": None,
    "map": EMPTY,
    "int?": None,
    "int": 0,
    "digests": (),
    "struct?": None,
}


def _zero(spec: Struct) -> Any:
    """The Go zero value of a struct (what an absent or ``null`` member reads as), whatever the class's defaults."""
    value = spec.twin()
    for field in spec.fields:
        nested = field.struct if field.kind == "struct" else None
        setattr(value, field.attr, _ZEROS[field.kind] if nested is None else _zero(nested))
    if spec.raw:
        value.raw = b""
    return publish(value, spec.cls)


# -- checking values callers construct ---------------------------------------------------------


def _type_error(spec: Struct, field: Field, wanted: str, value: object) -> TypeError:
    return TypeError(f"{spec.cls.__name__}.{field.attr} must be {wanted}, got {type(value).__name__}")


def _items(spec: Struct, field: Field, wanted: str, value: object) -> list[object]:
    """The items of a list-like member (a str is not a list of anything here)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise _type_error(spec, field, wanted, value)
    return list(cast("Iterable[object]", value))


def _check_strings(spec: Struct, field: Field, value: object) -> tuple[str, ...]:
    items = _items(spec, field, "a tuple of str", value)
    checked: list[str] = []
    for item in items:
        if type(item) is not str:
            raise _type_error(spec, field, "a tuple of str", item)
        checked.append(item)
    return tuple(checked)


def _check_map(spec: Struct, field: Field, value: object) -> FrozenMap[str, str]:
    if not isinstance(value, Mapping):
        raise _type_error(spec, field, "a mapping of str to str", value)
    checked: dict[str, str] = {}
    for key, item in cast("Mapping[object, object]", value).items():
        if type(key) is not str or type(item) is not str:
            raise _type_error(spec, field, "a mapping of str to str", item if type(key) is str else key)
        checked[key] = item
    return FrozenMap(checked)


def _check_digests(spec: Struct, field: Field, value: object, pointer: str) -> tuple[Digest, ...]:
    checked: list[Digest] = []
    for index, item in enumerate(_items(spec, field, "a tuple of Digest", value)):
        if type(item) is Digest:
            checked.append(item)
            continue
        if not isinstance(item, str):
            raise _type_error(spec, field, "a tuple of Digest", item)
        try:
            checked.append(parse_digest(str(item), allow_unregistered=True))
        except OCIError as exc:
            raise spec.error(exc.message, text=exc.text, span=exc.span, pointer=f"{pointer}/{index}") from None
    return tuple(checked)


def _check_member(spec: Struct, field: Field, value: object) -> object:
    kind = field.kind
    pointer = _where(spec, field)
    if kind == "str":
        if type(value) is not str:
            raise _type_error(spec, field, "a str", value)
        return value
    if kind == "strs":
        return _check_strings(spec, field, value)
    if kind == "time" or kind == "time-value":
        if value is None and kind == "time":
            return None
        if type(value) is not str:
            raise _type_error(spec, field, "an RFC 3339 str" + (" or None" if kind == "time" else ""), value)
        if not is_rfc3339(value):
            raise spec.error(f"must be an RFC 3339 date-time, got {_read.shown(value)}", pointer=pointer)
        return value
    if kind == "bool?":
        if value is not None and value is not True and value is not False:
            raise _type_error(spec, field, "a bool or None", value)
        return value
    if kind == "map":
        return _check_map(spec, field, value)
    if kind == "int?" or kind == "int":
        if value is None and kind == "int?":
            return None
        if type(value) is not int:
            raise _type_error(spec, field, "an int" + (" or None" if kind == "int?" else ""), value)
        low, high = field.bounds
        if not low <= value <= high:
            raise spec.error(f"must be an integer from {low} to {high}, got {value}", pointer=pointer)
        return value
    if kind == "digests":
        return _check_digests(spec, field, value, pointer)
    assert field.struct is not None
    if value is None and kind == "struct?":
        return None
    if not isinstance(value, field.struct.cls):
        wanted = f"a {field.struct.cls.__name__}" + (" or None" if kind == "struct?" else "")
        raise _type_error(spec, field, wanted, value)
    return value


def check(spec: Struct, value: object) -> None:
    """Validate a constructed value of ``spec`` (its ``__post_init__``), coercing members to their immutable types."""
    for field in spec.fields:
        current: object = getattr(value, field.attr)
        checked = _check_member(spec, field, current)
        if checked is not current:
            object.__setattr__(value, field.attr, checked)  # the frozen dataclass's own way to set a member


# -- writing ----------------------------------------------------------------------------------------


def _write_member(field: Field, value: object) -> object:
    """The JSON value of a member, or ``_OMIT`` when Go's ``omitempty`` leaves it out."""
    kind = field.kind
    if kind in ("str", "strs", "map", "digests") and not value and not field.always:
        return _OMIT
    if kind in ("time", "bool?", "int?", "struct?") and value is None:
        return _OMIT
    if kind == "int" and not value and not field.always:
        return _OMIT
    if kind == "strs" or kind == "digests":
        return [str(item) for item in cast("tuple[str, ...]", value)]
    if kind == "map":
        items = cast("FrozenMap[str, str]", value)
        return {key: items[key] for key in sorted(items)}
    if kind == "struct" or kind == "struct?":
        assert field.struct is not None
        return write(field.struct, value)
    return value


_OMIT: Final = object()


def write(spec: Struct, value: object) -> dict[str, object]:
    """The JSON object of a value, members in the Go struct's order, ``omitempty`` ones left out when empty."""
    obj: dict[str, object] = {}
    for field in spec.fields:
        member = _write_member(field, getattr(value, field.attr))
        if member is not _OMIT:
            obj[field.key] = member
    return obj

