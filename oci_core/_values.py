"""How a reader builds a value it has already checked (private).

Every public value type is a frozen, slotted dataclass whose constructor
validates its arguments: the right thing for callers, and the wrong cost for
a parser that has just checked each member while reading (a frozen
dataclass's ``__init__`` stores through ``object.__setattr__``, then
``__post_init__`` checks everything again).

A parser instead fills in a *layout twin*: a plain class with the same
``__slots__`` in the same order and no ``__setattr__`` of its own, where
attribute stores are ordinary slot stores. :func:`publish` then assigns
``__class__``, which Python allows between classes whose instance layouts are
identical. The result is the public class in every respect: ``type(x) is
Descriptor``, equality, hashing, ``repr``, pickling and
:func:`dataclasses.replace` all behave as for a value built by the
constructor.

Each value module keeps one ``_make`` per class, the only place it builds a
trusted value::

    _DescriptorLayout = layout_twin(Descriptor)

    def _make(media_type: str, digest: Digest, size: int, ...) -> Descriptor:
        d = _DescriptorLayout()
        d.media_type = media_type
        ...
        return publish(d, Descriptor)

Only values whose every member the caller has validated may be published.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing takes 3.5 ms to import: its names are for the checkers only

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    _T = TypeVar("_T")
    _F = TypeVar("_F", bound=Callable[..., object])

__all__ = ["cast", "layout_twin", "overload", "publish"]


def layout_twin(cls: type) -> Any:
    """A plain class with ``cls``'s slot layout, to fill in and then :func:`publish`.

    The twin has ``cls``'s bases and ``cls``'s own ``__slots__``, so the two
    add the same slots to the same base: the condition under which Python
    lets ``__class__`` move between them. Shared fields may live in a slotted
    base class (manifests and indexes share theirs) as long as no base
    freezes attribute stores with a ``__setattr__`` of its own. The twin's
    type is ``Any`` because its attributes are ``cls``'s, which ``_make``
    stores and type-checks through its own signature.
    """
    slots = cls.__dict__.get("__slots__")
    if not isinstance(slots, tuple):
        raise TypeError(f"{cls.__name__} must declare its __slots__ as a tuple")
    for base in cls.__mro__[1:-1]:
        if "__setattr__" in base.__dict__:
            raise TypeError(f"{cls.__name__}'s base {base.__name__} defines __setattr__; a twin could not fill it in")
    return type(f"_{cls.__name__}Layout", cls.__bases__, {"__slots__": slots, "__module__": cls.__module__})


def publish(value: object, cls: type[_T]) -> _T:
    """Turn a filled-in layout twin into an instance of ``cls`` (no copy, no check)."""
    value.__class__ = cls
    return value  # type: ignore[return-value]


# The run-time halves of typing.cast and typing.overload, for the modules that
# keep typing out of their import (the checkers read typing's, under
# TYPE_CHECKING): a cast is the identity, and an overload's signature is
# replaced by the implementation that follows it.


def cast(kind: object, value: _T) -> _T:
    """``typing.cast`` at run time: ``value`` itself."""
    return value


def overload(function: _F) -> _F:
    """``typing.overload`` at run time: the function, soon replaced by the implementation."""
    return function
