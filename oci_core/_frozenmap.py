"""A read-only, hashable mapping for annotations and labels (private).

Documents carry string-to-string maps (``annotations``, ``Labels``) that the
frozen value types must hold without letting them change and without losing
hashability. :class:`FrozenMap` is that map: a :class:`~collections.abc.Mapping`
that compares equal to a ``dict`` with the same items, hashes over its items
(order does not matter, as for the Go maps it mirrors), and has one shared
empty instance. It is exported from :mod:`oci_core.descriptor`, where users
meet it.
"""

from __future__ import annotations

from collections.abc import Callable, ItemsView, Iterable, Iterator, KeysView, Mapping, ValuesView

TYPE_CHECKING = False  # typing takes 3.5 ms to import: its names are for the checkers only

if TYPE_CHECKING:
    from typing import Any, Final, TypeVar, cast

    _K = TypeVar("_K")
    _V_co = TypeVar("_V_co", covariant=True)
    _T = TypeVar("_T")
else:
    from ._values import cast

__all__ = ["EMPTY", "FrozenMap", "adopt"]


# Generic through its base alone: Mapping's own __class_getitem__ gives
# FrozenMap[str, str] at run time, and the type variables stay the checkers'.
class FrozenMap(Mapping["_K", "_V_co"]):
    """An immutable, hashable mapping.

    >>> labels = FrozenMap({"b": "2", "a": "1"})
    >>> labels["a"], len(labels), labels == {"a": "1", "b": "2"}
    ('1', 2, True)
    >>> hash(labels) == hash(FrozenMap({"a": "1", "b": "2"}))
    True

    Iteration follows insertion order (the document's); equality and the hash
    do not depend on it. ``FrozenMap()`` is always the same empty instance.
    """

    __slots__ = ("_items", "_hash")

    _items: dict[_K, _V_co]
    _hash: int

    def __new__(cls, items: Mapping[_K, _V_co] | Iterable[tuple[_K, _V_co]] = (), /) -> FrozenMap[_K, _V_co]:
        copied: dict[_K, _V_co] = dict(items)
        if not copied and cls is FrozenMap:
            return EMPTY  # type: ignore[return-value]  # the one empty map; no key or value to be of a type
        return adopt(copied, cls)

    def __getitem__(self, key: _K) -> _V_co:
        return self._items[key]

    def __iter__(self) -> Iterator[_K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def keys(self) -> KeysView[_K]:
        return self._items.keys()

    def values(self) -> ValuesView[_V_co]:
        return self._items.values()

    def items(self) -> ItemsView[_K, _V_co]:
        return self._items.items()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._items == cast("FrozenMap[object, object]", other)._items
        if isinstance(other, dict):
            return self._items == other
        if isinstance(other, Mapping):
            return self._items == dict(cast("Mapping[object, object]", other).items())
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        try:
            return self._hash
        except AttributeError:  # not computed yet: adopt leaves the slot empty
            cached = hash(frozenset(self._items.items()))
            _set_hash(self, cached)
            return cached

    def __repr__(self) -> str:
        return f"FrozenMap({self._items!r})"

    def __reduce__(self) -> tuple[object, ...]:
        return (FrozenMap, (self._items,))

    def __copy__(self) -> FrozenMap[_K, _V_co]:
        return self

    def __deepcopy__(self, memo: object) -> FrozenMap[_K, _V_co]:
        # Keys and values are meant to be immutable (strings); copying the
        # dict is enough for anything else a caller put in.
        return FrozenMap(self._items)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"FrozenMap is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"FrozenMap is immutable; cannot delete {name!r}")


# The slot descriptors' setters: how the frozen instance gets its state.
_set_items: Final[Callable[[FrozenMap[Any, Any], dict[Any, Any]], None]] = FrozenMap.__dict__["_items"].__set__
_set_hash: Final[Callable[[FrozenMap[Any, Any], int], None]] = FrozenMap.__dict__["_hash"].__set__
_new: Final = object.__new__


def adopt(items: dict[_K, _T], cls: type[FrozenMap[_K, _T]] = FrozenMap) -> FrozenMap[_K, _T]:
    """Wrap ``items`` without copying it: the caller hands the dict over and keeps no reference.

    The hash slot stays empty until :meth:`FrozenMap.__hash__` first fills it.
    """
    frozen: FrozenMap[_K, _T] = _new(cls)
    _set_items(frozen, items)
    return frozen


#: The empty string map (``FrozenMap()`` returns it too): the default of every
#: ``annotations`` and ``Labels`` field.
EMPTY: Final[FrozenMap[str, str]] = adopt(dict[str, str]())
