"""The command-line tool's policies as data: exit statuses, retries, which errors are whose (private, pure).

Everything here is a table or a function of its arguments; the I/O shell
(:mod:`oci_core.__main__`) asks and acts. The exit statuses are the tool's
contract with scripts:

======  ===================================================================
0       done
1       invalid input, or refused by the registry (its status and error codes said)
2       usage: an unknown command or option, a missing argument
3       network failure: the registry could not be reached, the connection broke, or
        it kept answering "try later" (408, 429, 500, 502, 503, 504) past the retries
130     interrupted (Ctrl-C); no partial file is left under its final name
======  ===================================================================

>>> exit_status(NetworkError("connection refused")), retry_delay(0, 3, status=503, retry_after=2.0)
(3, 2.0)
"""

from __future__ import annotations

from typing import Final

from .errors import OCIError, RegistryError

__all__ = [
    "BACKOFF",
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_NETWORK",
    "EXIT_OK",
    "EXIT_USAGE",
    "IDEMPOTENT_METHODS",
    "MAX_RETRY_AFTER",
    "RETRY_STATUSES",
    "NetworkError",
    "exit_status",
    "retry_delay",
]

EXIT_OK: Final = 0
EXIT_INVALID: Final = 1
EXIT_USAGE: Final = 2
EXIT_NETWORK: Final = 3
EXIT_INTERRUPTED: Final = 130

#: Statuses worth asking again after a while (a registry's "try later"): Retry-After is honoured on each.
RETRY_STATUSES: Final = frozenset({408, 429, 500, 502, 503, 504})
#: Methods that may be sent again after the connection broke mid-request (RFC 9110 §9.2.2).
IDEMPOTENT_METHODS: Final = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
#: The wait before each retry when the registry names none (seconds): ggcr's 1 s, growing.
BACKOFF: Final = (1.0, 2.0, 4.0, 8.0, 16.0)
#: The longest Retry-After the tool waits; a registry asking for more is reported instead.
MAX_RETRY_AFTER: Final = 120.0


class NetworkError(Exception):
    """The network failed: no connection, a broken one, a timeout, a TLS failure (exit status 3).

    The I/O shell raises it for what the socket, ssl and http.client raise, so
    that a local file's ``OSError`` (exit status 1) is never taken for one.
    ``transient`` is false for a failure that asking again will not mend (a
    host name that does not resolve): it is not retried.
    """

    def __init__(self, message: str, *, transient: bool = True) -> None:
        super().__init__(message)
        self.transient = transient


# (exception class, exit status), the first match wins: most specific first.
_EXIT_STATUSES: Final[tuple[tuple[type[BaseException], int], ...]] = (
    (NetworkError, EXIT_NETWORK),
    (KeyboardInterrupt, EXIT_INTERRUPTED),
    (OCIError, EXIT_INVALID),
    (OSError, EXIT_INVALID),
    (ValueError, EXIT_INVALID),
)


def exit_status(error: BaseException) -> int:
    """The exit status for a command that ended with ``error``.

    A :class:`~oci_core.errors.RegistryError` that says "try later" (its
    ``temporary`` flag) after the retries is a network failure (3): a script
    may run the command again later. Every other refusal is 1.

    >>> from oci_core.errors import NotFoundError, TooManyRequestsError
    >>> slow = TooManyRequestsError("slow", status=429, temporary=True)
    >>> exit_status(NotFoundError("gone", status=404)), exit_status(slow)
    (1, 3)
    """
    if isinstance(error, RegistryError) and error.temporary:
        return EXIT_NETWORK
    for kind, status in _EXIT_STATUSES:
        if isinstance(error, kind):
            return status
    return EXIT_INVALID


def retry_delay(
    attempt: int,
    retries: int,
    *,
    status: int | None = None,
    retry_after: float | None = None,
    method: str = "GET",
) -> float | None:
    """How long to wait before sending a request again, or ``None`` to give up.

    ``attempt`` counts the retries made so far (0 before the first);
    ``retries`` is the most the user allows. ``status`` is the answer's status
    (``None`` when the connection failed: then only an idempotent ``method``
    is sent again). The registry's ``Retry-After`` is honoured up to
    :data:`MAX_RETRY_AFTER`; without one the wait grows (:data:`BACKOFF`).

    >>> retry_delay(0, 3, status=429, retry_after=None), retry_delay(3, 3, status=429)
    (1.0, None)
    >>> retry_delay(0, 3, status=404), retry_delay(0, 3, method="POST")
    (None, None)
    >>> retry_delay(0, 3, status=503, retry_after=999.0) is None
    True
    """
    if attempt >= retries:
        return None
    if status is None:
        if method not in IDEMPOTENT_METHODS:
            return None
    elif status not in RETRY_STATUSES:
        return None
    if retry_after is not None:
        if retry_after > MAX_RETRY_AFTER:
            return None
        return max(0.0, retry_after)
    return BACKOFF[min(attempt, len(BACKOFF) - 1)]
