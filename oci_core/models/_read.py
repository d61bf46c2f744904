"""Reading the JSON of model documents: the one place that calls the strict reader (private).

Model configs and JSON layer annotations are read with the same strict
reader as every other document (:mod:`oci_core._json`: UTF-8 only, no
``NaN``, no repeated keys, bounded size and depth) and the same typed
accessors and wording. Everything here raises :class:`~oci_core._fault.Fault`;
the public entry points turn it into their family once. While the core's
reader still takes an ``error=`` class, this module is the adapter, so that
the change to a fault-raising reader lands in one file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, cast

from .. import _json
from .._fault import Fault, fault_from_error
from ..errors import InvalidModelError, OCIError

if TYPE_CHECKING:
    from collections.abc import Callable

    from .._json import JSON

__all__ = [
    "as_bytes",
    "get_bool",
    "get_int",
    "get_object",
    "get_str",
    "get_str_list",
    "get_str_map",
    "join",
    "kind",
    "load",
    "load_object",
    "shown",
]

_ERROR: Final = InvalidModelError
#: How much of an offending string a message repeats.
_SHOWN: Final = 60


def as_bytes(raw: object, what: str) -> bytes:
    """The bytes of a document given as bytes, a bytes-like object, or text (encoded as UTF-8)."""
    if type(raw) is bytes:
        return raw
    if isinstance(raw, str):
        try:
            return raw.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise Fault(f"text holds a lone surrogate at offset {exc.start}; JSON must be UTF-8", pointer="") from None
    if isinstance(raw, (bytes, bytearray)):
        return bytes(raw)
    if isinstance(raw, memoryview):
        return cast("memoryview[int]", raw).tobytes()
    raise Fault(f"{what} must be bytes, got {type(raw).__name__}", pointer="")


def load(
    data: bytes, *, max_size: int = _json.DEFAULT_MAX_SIZE, max_depth: int | None = _json.DEFAULT_MAX_DEPTH
) -> JSON:
    """Any JSON value, read strictly."""
    try:
        return _json.loads(data, max_size=max_size, max_depth=max_depth, error=_ERROR)
    except OCIError as exc:
        raise fault_from_error(exc, pointer=exc.pointer if exc.pointer is not None else "") from None


def load_object(
    data: bytes, what: str, *, max_size: int = _json.DEFAULT_MAX_SIZE, max_depth: int | None = _json.DEFAULT_MAX_DEPTH
) -> dict[str, JSON]:
    """A JSON object, read strictly; ``what`` names the document in the message when it is something else."""
    value = load(data, max_size=max_size, max_depth=max_depth)
    if type(value) is not dict:
        raise Fault(f"{what} must be a JSON object, got {kind(value)}", pointer="")
    return value


def kind(value: object) -> str:
    """What a JSON value is, in the core reader's words ("an array", "null")."""
    for test, words in _KINDS:
        if test(value):
            return words
    return type(value).__name__


# The wording of oci_core._json's messages, for the messages written here.
_KINDS: Final[tuple[tuple[Callable[[object], bool], str], ...]] = (
    (lambda v: v is None, "null"),
    (lambda v: v is True or v is False, "a boolean"),
    (lambda v: type(v) is int, "an integer"),
    (lambda v: type(v) is float, "a number with a fraction or exponent"),
    (lambda v: type(v) is str, "a string"),
    (lambda v: type(v) is list, "an array"),
    (lambda v: type(v) is dict, "an object"),
)


def shown(text: str) -> str:
    """``text`` quoted for a message, cut to a readable length."""
    return repr(text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "...")


def join(pointer: str, key: str | int) -> str:
    """``pointer`` extended by one member or index (RFC 6901)."""
    return _json.join_pointer(pointer, key)


# The accessors below wrap the core's, so that the wording is the same for
# every document; each turns the core's error into a fault where it is raised.


def get_object(obj: dict[str, JSON], key: str, pointer: str, *, required: bool = False) -> dict[str, JSON] | None:
    """The object at ``obj[key]``; ``None`` when absent (or ``null``, which Go reads as absent)."""
    if key in obj and obj[key] is None:
        return None
    try:
        return _json.get_object(obj, key, pointer, _ERROR, required=required)
    except OCIError as exc:
        raise fault_from_error(exc) from None


def get_str(obj: dict[str, JSON], key: str, pointer: str, *, required: bool = False) -> str | None:
    """The string at ``obj[key]``, or ``None`` when absent (``null`` is not a string)."""
    try:
        return _json.get_str(obj, key, pointer, _ERROR, required=required)
    except OCIError as exc:
        raise fault_from_error(exc) from None


def get_bool(obj: dict[str, JSON], key: str, pointer: str) -> bool | None:
    """The boolean at ``obj[key]`` (never an integer), or ``None`` when absent or ``null``."""
    if obj.get(key) is None:
        return None
    try:
        return _json.get_bool(obj, key, pointer, _ERROR)
    except OCIError as exc:
        raise fault_from_error(exc) from None


def get_int(obj: dict[str, JSON], key: str, pointer: str, *, minimum: int, maximum: int) -> int | None:
    """The integer at ``obj[key]`` within [minimum, maximum], or ``None`` when absent."""
    try:
        return _json.get_int(obj, key, pointer, _ERROR, minimum=minimum, maximum=maximum)
    except OCIError as exc:
        raise fault_from_error(exc) from None


def get_str_list(obj: dict[str, JSON], key: str, pointer: str) -> tuple[str, ...]:
    """The array of strings at ``obj[key]``; empty when absent or ``null`` (a Go nil slice)."""
    if obj.get(key) is None:
        return ()
    try:
        return _json.get_str_list(obj, key, pointer, _ERROR) or ()
    except OCIError as exc:
        raise fault_from_error(exc) from None


def get_str_map(obj: dict[str, JSON], key: str, pointer: str) -> dict[str, str]:
    """The string-to-string object at ``obj[key]``; empty when absent or ``null`` (a Go nil map)."""
    if obj.get(key) is None:
        return {}
    try:
        return _json.get_str_map(obj, key, pointer, _ERROR) or {}
    except OCIError as exc:
        raise fault_from_error(exc) from None
