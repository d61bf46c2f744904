"""The distribution API without I/O: request builders and response readers (distribution-spec).

(Work in progress on this branch: the values a :class:`~oci_core.errors.RegistryError` carries.)
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ErrorDetail", "RateLimit"]


@dataclass(frozen=True, slots=True)
class ErrorDetail:
    """One entry of a registry's ``{"errors": [...]}`` body: ``code``, ``message`` and ``detail``.

    ``detail`` is whatever JSON the registry sent (``None`` when absent), with
    objects made read-only mappings and arrays tuples. ``str()`` is
    distribution's ``Error()``: the code lower-cased with ``_`` as spaces,
    then the message.

    >>> str(ErrorDetail("MANIFEST_UNKNOWN", "manifest unknown"))
    'manifest unknown: manifest unknown'
    """

    code: str
    message: str = ""
    detail: object = None

    def __str__(self) -> str:
        return f"{self.code.lower().replace('_', ' ')}: {self.message}"


@dataclass(frozen=True, slots=True)
class RateLimit:
    """What a registry's rate-limit headers said, each member ``None`` when absent or unreadable.

    ``RateLimit-Limit: 100;w=21600`` (Docker Hub) gives ``limit=100,
    window=21600``; ``RateLimit-Remaining`` gives ``remaining``;
    ``RateLimit-Reset`` (or ``X-RateLimit-Reset``) the seconds until the
    window resets.
    """

    limit: int | None = None
    remaining: int | None = None
    window: int | None = None
    reset: int | None = None
