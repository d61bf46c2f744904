"""HTTP messages as values: headers, requests, responses, URLs and redirects (no I/O).

The registry layer builds :class:`Request` values and reads :class:`Response`
values; the caller moves the bytes with any client, sync or async
(``http.client``, ``urllib.request``, ``httpx``, ``aiohttp``). Nothing here
opens a socket. The rules kept here are the ones where a client library
usually leaks credentials or accepts what it should not:

* **Header fields** (RFC 9110 §5): a name is a ``token``; a value may not hold
  CR, LF, NUL or any other control character but HTAB, so no value can split
  a request (:class:`~oci_core.errors.InvalidHeaderError` otherwise).
  :class:`Headers` is immutable, ordered, keeps repeated fields, and compares
  names case-insensitively.
* **URLs** are absolute ``http``/``https`` URLs of visible ASCII with a host
  and no userinfo (:class:`~oci_core.errors.InvalidURLError` otherwise).
  :func:`resolve_url` is RFC 3986 §5.2 reference resolution; :func:`origin`
  is the RFC 6454 origin (scheme, host, port) that credentials belong to.
* **Redirects** (:func:`follow_redirect`, RFC 9110 §15.4): the next request
  keeps ``Accept``, ``Range`` and every other field, except that
  ``Authorization``, ``Proxy-Authorization`` and ``Cookie`` are dropped as
  soon as the origin changes, ``Host`` is always dropped, a redirect from
  https to http is refused, and the eleventh hop is refused
  (:data:`MAX_REDIRECTS`).
* **Secrets stay out of logs**: ``repr()`` of headers and requests shows
  ``<redacted>`` for ``Authorization``, ``Proxy-Authorization`` and cookies.

>>> r = Request("GET", "https://registry.example/v2/", {"Authorization": "Bearer s3cret"})
>>> r
Request(method='GET', url='https://registry.example/v2/', headers=Headers([('Authorization', '<redacted>')]))
>>> nxt = follow_redirect(r, Response(307, {"Location": "https://cdn.example/blob"}))
>>> nxt.url, nxt.headers.get("Authorization")
('https://cdn.example/blob', None)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._http import (
    DEFAULT_PORTS,
    EMPTY_HEADERS,
    MAX_REDIRECTS,
    ORIGIN_BOUND_FIELDS,
    REDIRECT_STATUSES,
    Headers,
    Origin,
    Request,
    Response,
    follow_redirect,
    is_redirect,
    origin,
    resolve_url,
    same_origin,
    with_query,
)

if TYPE_CHECKING:
    from ._http import HeadersLike as HeadersLike  # the type of every ``headers=`` argument

__all__ = [
    "DEFAULT_PORTS",
    "EMPTY_HEADERS",
    "MAX_REDIRECTS",
    "ORIGIN_BOUND_FIELDS",
    "REDIRECT_STATUSES",
    "Headers",
    "Origin",
    "Request",
    "Response",
    "follow_redirect",
    "is_redirect",
    "origin",
    "resolve_url",
    "same_origin",
    "with_query",
]
