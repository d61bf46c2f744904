"""The error contract's ``TypeError`` for the plain values' constructors (errors.py: the wrong kind of object).

Each class lists its fields and the kinds they take, as data at the top of
its module, and calls :func:`check_fields` from ``__post_init__``. A
``bool`` is an ``int`` to ``isinstance``, but no ``int`` field takes one
unless ``bool`` is named. A sequence field names the kinds of its items too.
"""

from __future__ import annotations

TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import TypeAlias

    Kinds: TypeAlias = "tuple[type, ...]"
    FieldKinds: TypeAlias = "tuple[tuple[str, Kinds] | tuple[str, Kinds, Kinds], ...]"

NONE: type = type(None)


def _is(value: object, kinds: Kinds) -> bool:
    kind = type(value)
    if kind in kinds:
        return True
    return kind is not bool and isinstance(value, kinds)


def _names(kinds: Kinds) -> str:
    return " or ".join("None" if kind is NONE else kind.__name__ for kind in kinds)


def check_kind(value: object, kinds: Kinds, name: str) -> None:
    """TypeError naming ``name`` unless ``value`` is of one of ``kinds``."""
    if not _is(value, kinds):
        raise TypeError(f"{name} must be {_names(kinds)}, got {type(value).__name__}")


def check_fields(value: object, table: FieldKinds) -> None:
    """TypeError naming the first field of ``value`` that is not of its kinds (nor its items of theirs).

    The valid path only compares types: a constructor built by a reader pays a few lookups per field.
    """
    for entry in table:
        member: object = getattr(value, entry[0])
        kind = type(member)
        if kind not in entry[1] and (kind is bool or not isinstance(member, entry[1])):
            check_kind(member, entry[1], f"{type(value).__name__}.{entry[0]}")
        if len(entry) == 3 and type(member) is tuple:
            items: tuple[object, ...] = member  # pyright: ignore[reportUnknownVariableType]
            for item in items:
                if type(item) not in entry[2]:
                    check_kind(item, entry[2], f"{type(value).__name__}.{entry[0]} items")
