"""Reading a registry's error answers (private): the error codes and :func:`read_error`.

:mod:`oci_core.registry` re-exports the public names; the classes' ``__module__`` is
``oci_core.registry``.
"""

# pyright: reportUnnecessaryIsInstance=false
# (read_error takes arbitrary objects and answers a wrong kind with TypeError.)

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from ._frozenmap import FrozenMap
from ._kinds import check_fields
from ._registry_read import DIGITS, load_json, parse_retry_after, rate_limit_of
from .errors import (
    DeniedError,
    InvalidHeaderError,
    NotFoundError,
    OCIError,
    RegistryError,
    TooManyRequestsError,
    UnauthorizedError,
    UnsupportedOperationError,
)
from .http import Request, Response

if TYPE_CHECKING:
    from ._json import JSON

__all__ = ["ERROR_CODES", "MAX_ERROR_SIZE", "ErrorCode", "ErrorDetail", "error_details", "read_error"]

#: An error body is kept up to 64 KiB; past that it is cut (read_error) or refused (readers).
MAX_ERROR_SIZE: Final = 64 * 1024

# ggcr's transport.Error: the statuses and codes for which a retry may succeed.
_TEMPORARY_STATUSES: Final = frozenset({408, 429, 500, 502, 503, 504})
_TEMPORARY_CODES: Final = frozenset({"BLOB_UPLOAD_INVALID", "TOOMANYREQUESTS", "UNKNOWN", "UNAVAILABLE"})
_ERROR_CLASSES: Final[Mapping[int, type[RegistryError]]] = {
    401: UnauthorizedError,
    403: DeniedError,
    404: NotFoundError,
    405: UnsupportedOperationError,
    429: TooManyRequestsError,
}


_ERROR_CODE: Final = (("code", (str,)), ("message", (str,)), ("status", (int,)), ("description", (str,)))
_ERROR_DETAIL: Final = (("code", (str,)), ("message", (str,)))  # detail is any JSON value


@dataclass(frozen=True, slots=True)
class ErrorCode:
    """A registered error code: its default message, HTTP status and description."""

    code: str
    message: str
    status: int
    description: str


    def __post_init__(self) -> None:
        check_fields(self, _ERROR_CODE)


def _codes(*entries: tuple[str, str, int, str]) -> Mapping[str, ErrorCode]:
    return FrozenMap({code: ErrorCode(code, message, status, text) for code, message, status, text in entries})


#: The error codes of distribution-spec ("Error Codes", code-1 to code-14, with the spec's
#: descriptions) and the ones the distribution registry adds (UNKNOWN, UNAVAILABLE, ...), each with
#: distribution's default message and HTTP status.
ERROR_CODES: Final = _codes(
    ("BLOB_UNKNOWN", "blob unknown to registry", 404, "blob unknown to registry"),
    ("BLOB_UPLOAD_INVALID", "blob upload invalid", 404, "blob upload invalid"),
    ("BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry", 404, "blob upload unknown to registry"),
    ("DIGEST_INVALID", "provided digest did not match uploaded content", 400,
     "provided digest did not match uploaded content"),
    ("MANIFEST_BLOB_UNKNOWN", "blob unknown to registry", 400,
     "manifest references a manifest or blob unknown to registry"),
    ("MANIFEST_INVALID", "manifest invalid", 400, "manifest invalid"),
    ("MANIFEST_UNKNOWN", "manifest unknown", 404, "manifest unknown to registry"),
    ("NAME_INVALID", "invalid repository name", 400, "invalid repository name"),
    ("NAME_UNKNOWN", "repository name not known to registry", 404, "repository name not known to registry"),
    ("SIZE_INVALID", "provided length did not match content length", 400,
     "provided length did not match content length"),
    ("UNAUTHORIZED", "authentication required", 401, "authentication required"),
    ("DENIED", "requested access to the resource is denied", 403, "requested access to the resource is denied"),
    ("UNSUPPORTED", "The operation is unsupported.", 405, "the operation is unsupported"),
    ("TOOMANYREQUESTS", "too many requests", 429, "too many requests"),
    # distribution's own codes (registry/api/errcode, registry/api/v2)
    ("UNKNOWN", "unknown error", 500, "Generic error returned when the error does not have an API classification."),
    ("UNAVAILABLE", "service unavailable", 503, "Returned when a service is not available"),
    ("RANGE_INVALID", "invalid content range", 416,
     "When a layer is uploaded, the provided range is checked against the uploaded chunk."
     " This error is returned if the range is out of order."),
    ("TAG_INVALID", "manifest tag did not match URI", 400,
     "During a manifest upload, if the tag in the manifest does not match the uri tag, this error will be returned."),
    ("MANIFEST_UNVERIFIED", "manifest failed signature verification", 400,
     "During manifest upload, if the manifest fails signature verification, this error will be returned."),
    ("PAGINATION_NUMBER_INVALID", "invalid number of results requested", 400,
     'Returned when the "n" parameter (number of results to return) is not an integer, "n" is negative'
     ' or "n" is bigger than the maximum allowed.'),
)


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


    def __post_init__(self) -> None:
        check_fields(self, _ERROR_DETAIL)

    def __str__(self) -> str:
        return f"{self.code.lower().replace('_', ' ')}: {self.message}"


for _cls in (ErrorCode, ErrorDetail):
    _cls.__module__ = "oci_core.registry"


def _freeze(value: JSON) -> object:
    if isinstance(value, dict):
        return FrozenMap({key: _freeze(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(item) for item in value)
    return value


def error_details(body: bytes) -> tuple[ErrorDetail, ...]:
    """The spec's ``{"errors": [...]}``; any other shape (or no JSON) gives ``()``."""
    stripped = body.lstrip()
    if not stripped.startswith(b"{"):
        return ()
    try:
        document = load_json(body, "an error body")
    except OCIError:
        return ()
    if not isinstance(document, dict):
        return ()
    entries = document.get("errors")
    if not isinstance(entries, list):
        return ()
    details: list[ErrorDetail] = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        code, message = entry.get("code"), entry.get("message")
        if not isinstance(code, str):
            continue
        detail = entry.get("detail", entry.get("details"))
        details.append(ErrorDetail(code, message if isinstance(message, str) else "", _freeze(detail)))
    return tuple(details)


def _legacy_details(body: bytes) -> str | None:
    """Docker Hub's old ``{"details": "..."}`` body."""
    if not body.lstrip().startswith(b"{"):
        return None
    try:
        document = load_json(body, "an error body")
    except OCIError:
        return None
    if isinstance(document, dict):
        details = document.get("details")
        if isinstance(details, str):
            return details
    return None


def _excerpt(body: bytes) -> str:
    text = body[:2048].decode("utf-8", "replace")
    if text.lstrip()[:1] == "<":
        return "(an HTML page)"
    line = " ".join(text.split())
    return line[:200] + ("..." if len(line) > 200 else "")


def _reason(status: int) -> str:
    from http import HTTPStatus  # the standard library's, for reason phrases

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def read_error(
    request: Request, response: Response, *, now: float | None = None, max_size: int = MAX_ERROR_SIZE
) -> RegistryError:
    """The :class:`~oci_core.errors.RegistryError` that an error response means (returned, not raised).

    Any body is accepted: the spec's ``{"errors": [{"code", "message",
    "detail"}]}`` (``detail`` absent, null, a string, an object or a list),
    Docker Hub's legacy ``{"details": "…"}``, plain text, HTML. The body is
    kept up to ``max_size`` bytes. ``Retry-After`` as seconds is read
    always, as an HTTP-date only when ``now`` (seconds since the epoch) is
    given.

    >>> from oci_core.registry import Repository, get_manifest
    >>> e = read_error(get_manifest(Repository("https://r.example", "a"), "v9"),
    ...                Response(404, {}, b'{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}'))
    >>> type(e).__name__, e.status, e.codes, e.temporary
    ('NotFoundError', 404, ('MANIFEST_UNKNOWN',), False)
    """
    if not isinstance(request, Request) or not isinstance(response, Response):
        raise TypeError("read_error takes a Request and a Response")
    if now is not None and type(now) is not float and type(now) is not int:
        raise TypeError(f"read_error() now must be a float or None, got {type(now).__name__}")
    if type(max_size) is not int:
        raise TypeError(f"read_error() max_size must be an int, got {type(max_size).__name__}")
    status = response.status
    body = response.body[:max_size]
    details = error_details(body) if len(response.body) <= max_size else ()
    retry_after = None
    value = response.headers.get("Retry-After")
    if value is not None:
        try:
            retry_after = parse_retry_after(value, now=now if now is not None else 0.0)
        except InvalidHeaderError:
            retry_after = None
        else:
            if now is None and DIGITS(value.strip(" \t")) is None:
                retry_after = None  # an HTTP-date means nothing without the time
    codes = {detail.code for detail in details}
    temporary = status in _TEMPORARY_STATUSES or bool(codes & _TEMPORARY_CODES)
    summary = "; ".join(str(detail) for detail in details[:3])
    if not summary:
        summary = _legacy_details(body) or _excerpt(body)
    reason = _reason(status)
    message = f"{request.method} {request.url}: {status}{' ' + reason if reason else ''}"
    if summary:
        message = f"{message}: {summary}"
    cls = _ERROR_CLASSES.get(status, RegistryError)
    return cls(
        message,
        status=status,
        errors=details,
        body=body,
        retry_after=retry_after,
        rate_limit=rate_limit_of(response.headers),
        temporary=temporary,
        challenges=response.headers.get_all("WWW-Authenticate"),
        method=request.method,
        url=request.url,
    )
