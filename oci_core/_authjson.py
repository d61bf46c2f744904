"""The one place the auth and credentials modules read JSON (private).

Token responses, credential files and helper output are read with the strict
reader in :mod:`oci_core._json`; every fault comes out as a
:class:`~oci_core._fault.Fault` with its JSON pointer, for the caller's entry
point to re-class. Keeping the calls here means a change of ``_json``'s
interface is a change of this file alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from . import _json
from ._fault import Fault

if TYPE_CHECKING:
    from ._json import JSON

__all__ = ["kind_of", "load", "object_at", "string_at", "string_map_at"]


def load(raw: bytes, *, max_size: int) -> JSON:
    """The JSON value in ``raw`` (strict: UTF-8, no duplicate keys, no NaN, at most ``max_size`` bytes)."""
    return _json.loads(raw, max_size=max_size)


_KINDS: Final[dict[type, str]] = {
    str: "a string",
    int: "a number",
    float: "a number",
    list: "an array",
    dict: "an object",
}


def kind_of(value: object) -> str:
    """How a JSON value is named in messages ("a string", "an array", ...)."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "a boolean"
    return _KINDS.get(type(value), type(value).__name__)


def string_at(obj: dict[str, JSON], key: str, pointer: str) -> str | None:
    """The string member ``key`` of ``obj``, or ``None`` when absent."""
    value = obj.get(key)
    if value is None:  # absent, or null (which Go decodes as "")
        return None
    if type(value) is not str:
        raise Fault(f"must be a string, got {kind_of(value)}", pointer=_json.join_pointer(pointer, key))
    return value


def object_at(obj: dict[str, JSON], key: str, pointer: str) -> dict[str, JSON] | None:
    """The object member ``key`` of ``obj``, or ``None`` when absent (or ``null``, as Go decodes it)."""
    value = obj.get(key)
    if value is None:
        return None
    if type(value) is not dict:
        raise Fault(f"must be an object, got {kind_of(value)}", pointer=_json.join_pointer(pointer, key))
    return value


def string_map_at(obj: dict[str, JSON], key: str, pointer: str) -> dict[str, str]:
    """The string-to-string object member ``key`` of ``obj`` (empty when absent or ``null``)."""
    found = object_at(obj, key, pointer)
    if found is None:
        return {}
    where = _json.join_pointer(pointer, key)
    for name, value in found.items():
        if type(value) is not str:
            raise Fault(f"must be a string, got {kind_of(value)}", pointer=_json.join_pointer(where, name))
    return found  # type: ignore[return-value]  # every value checked above
