"""Reading the JSON of model documents: the one place that calls the strict reader (private).

Model configs and JSON layer annotations are read with the same strict
reader as every other document (:mod:`oci_core._json`: UTF-8 only, no
``NaN``, no repeated keys, bounded size and depth), the same conversion of
the caller's input (:func:`oci_core._documents.as_bytes`) and the same
typed accessors and wording. Everything here raises
:class:`~oci_core._fault.Fault`, as the core's reader does; the public entry
points turn it into their family once. The wrappers add what Go's
``encoding/json`` does for a model's structs: ``null`` read as absent for
objects, booleans, lists and maps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from .. import _documents, _json
from .._fault import Fault

if TYPE_CHECKING:
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

#: How much of an offending string a message repeats.
_SHOWN: Final = 60


def as_bytes(raw: object, what: str) -> bytes:
    """The bytes of a document given as bytes, a bytes-like object, or text (encoded as UTF-8)."""
    return _documents.as_bytes(raw, what)


def load(
    data: bytes, *, max_size: int = _json.DEFAULT_MAX_SIZE, max_depth: int | None = _json.DEFAULT_MAX_DEPTH
) -> JSON:
    """Any JSON value, read strictly."""
    return _json.loads(data, max_size=max_size, max_depth=max_depth)


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
    return _json.kind(value)


def shown(text: str) -> str:
    """``text`` quoted for a message, cut to a readable length."""
    return repr(text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "...")


def join(pointer: str, key: str | int) -> str:
    """``pointer`` extended by one member or index (RFC 6901)."""
    return _json.join_pointer(pointer, key)


def get_object(obj: dict[str, JSON], key: str, pointer: str) -> dict[str, JSON] | None:
    """The object at ``obj[key]``; ``None`` when absent (or ``null``, which Go reads as absent)."""
    if obj.get(key) is None:
        return None
    return _json.get_object(obj, key, pointer)


def get_str(obj: dict[str, JSON], key: str, pointer: str, *, required: bool = False) -> str | None:
    """The string at ``obj[key]``, or ``None`` when absent (``null`` is not a string)."""
    if required:
        return _json.require_str(obj, key, pointer)
    return _json.get_str(obj, key, pointer)


def get_bool(obj: dict[str, JSON], key: str, pointer: str) -> bool | None:
    """The boolean at ``obj[key]`` (never an integer), or ``None`` when absent or ``null``."""
    if obj.get(key) is None:
        return None
    return _json.get_bool(obj, key, pointer)


def get_int(obj: dict[str, JSON], key: str, pointer: str, *, minimum: int, maximum: int) -> int | None:
    """The integer at ``obj[key]`` within [minimum, maximum], or ``None`` when absent."""
    return _json.get_int(obj, key, pointer, minimum=minimum, maximum=maximum)


def get_str_list(obj: dict[str, JSON], key: str, pointer: str) -> tuple[str, ...]:
    """The array of strings at ``obj[key]``; empty when absent or ``null`` (a Go nil slice)."""
    if obj.get(key) is None:
        return ()
    return _json.get_str_list(obj, key, pointer) or ()


def get_str_map(obj: dict[str, JSON], key: str, pointer: str) -> dict[str, str]:
    """The string-to-string object at ``obj[key]``; empty when absent or ``null`` (a Go nil map)."""
    if obj.get(key) is None:
        return {}
    return _json.get_str_map(obj, key, pointer) or {}
