"""The one private fault that readers raise deep down (private).

A reader several calls below a public ``parse_*`` function knows *what* is
wrong and *where* (a message, a JSON pointer, a span of text), but not which
public error class the caller asked for: a descriptor fault read through
``parse_manifest`` is an ``InvalidManifestError``, the same fault read through
``parse_descriptor`` an ``InvalidDescriptorError``. So readers raise
:class:`Fault`, and each public entry point turns it into its family once::

    try:
        return _read(obj)
    except Fault as fault:
        raise fault.as_error(InvalidManifestError) from None

(h11 does the same with ``LocalProtocolError._reraise_as_remote_protocol_error``.)
A fault that must surface as one particular class whatever the entry point
(``AmbiguousManifestError``, go-digest's three digest errors) names it in
``kind``; the entry point's family is used otherwise. No public signature ever
carries an error class.
"""

from __future__ import annotations

from .errors import OCIError

TYPE_CHECKING = False  # typing takes 3.5 ms to import: its names are for the checkers only

if TYPE_CHECKING:
    from typing import TypeVar

    _E = TypeVar("_E", bound=OCIError)

__all__ = ["Fault", "fault_from_error"]


class Fault(Exception):
    """What is wrong (``message``) and where (``pointer``, ``text`` and ``span``)."""

    __slots__ = ("message", "pointer", "text", "span", "kind")

    def __init__(
        self,
        message: str,
        *,
        pointer: str | None = None,
        text: str | None = None,
        span: tuple[int, int] | None = None,
        kind: type[OCIError] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.pointer = pointer
        self.text = text
        self.span = span
        self.kind = kind

    def as_error(self, family: type[_E]) -> OCIError:
        """The public error: ``kind`` when the fault named one, else ``family``."""
        cls: type[OCIError] = self.kind if self.kind is not None else family
        return cls(self.message, text=self.text, span=self.span, pointer=self.pointer)


def fault_from_error(error: OCIError, *, pointer: str | None = None, keep_kind: bool = False) -> Fault:
    """A fault carrying a public error's message and location, placed at ``pointer``.

    ``keep_kind=True`` keeps the error's class (a digest error inside a
    document stays go-digest's class when the caller wants it).
    """
    return Fault(
        error.message,
        pointer=pointer if pointer is not None else error.pointer,
        text=error.text,
        span=error.span,
        kind=type(error) if keep_kind else None,
    )
