"""Three small HTTP drivers that move oci_core.http values over the wire: http.client, urllib, httpx.

Each turns a :class:`~oci_core.http.Request` (plus the body bytes the caller
streams, for requests that announce ``body_length``) into one HTTP exchange
and the answer into a :class:`~oci_core.http.Response`. None follows
redirects on its own: redirects go through :func:`oci_core.http.follow_redirect`
(see :func:`exchange`). Bodies are read up to ``limit`` bytes, by default
what :func:`oci_core.registry.body_limit` allows for the answer, or all of
it for blobs (``limit=-1``).
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Protocol
from urllib.parse import urlsplit

import httpx

from oci_core import registry
from oci_core.http import MAX_REDIRECTS, Request, Response, follow_redirect, is_redirect

__all__ = ["DRIVERS", "Driver", "HttpClientDriver", "HttpxDriver", "UrllibDriver", "exchange"]


class Driver(Protocol):
    name: str

    def send(self, request: Request, body: bytes | None = None, *, limit: int | None = None) -> Response: ...

    def close(self) -> None: ...


def _limit(head: Response, limit: int | None) -> int | None:
    """How much of the body to read: None means all of it."""
    if limit == -1:
        return None
    if limit is not None:
        return limit
    return registry.body_limit(head)


def _payload(request: Request, body: bytes | None) -> bytes | None:
    if request.body is not None:
        return request.body
    if request.body_length is not None:
        data = body if body is not None else b""
        if len(data) != request.body_length:
            raise ValueError(f"the request announces {request.body_length} bytes, got {len(data)}")
        return data
    return body


class HttpClientDriver:
    """http.client, one connection per origin, kept alive."""

    name = "http.client"

    def __init__(self) -> None:
        self._connections: dict[tuple[str, str], http.client.HTTPConnection] = {}

    def _connection(self, scheme: str, netloc: str) -> http.client.HTTPConnection:
        key = (scheme, netloc)
        connection = self._connections.get(key)
        if connection is None:
            cls = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
            connection = self._connections[key] = cls(netloc, timeout=30)
        return connection

    def send(self, request: Request, body: bytes | None = None, *, limit: int | None = None) -> Response:
        parts = urlsplit(request.url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        for attempt in (0, 1):  # a kept-alive connection the server closed is retried once
            connection = self._connection(parts.scheme, parts.netloc)
            try:
                connection.putrequest(request.method, target, skip_accept_encoding=True)
                for name, value in request.headers:
                    connection.putheader(name, value)
                payload = _payload(request, body)
                if payload is not None and "content-length" not in request.headers:
                    connection.putheader("Content-Length", str(len(payload)))
                connection.endheaders(payload)
                answer = connection.getresponse()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                connection.close()
                del self._connections[(parts.scheme, parts.netloc)]
                if attempt:
                    raise
                continue
            head = Response(answer.status, answer.getheaders(), b"", request.url)
            size = _limit(head, limit) if request.method != "HEAD" else 0
            data = answer.read() if size is None else answer.read(size)
            if size is not None and not answer.isclosed():
                connection.close()  # the rest of an oversize body is not read
                del self._connections[(parts.scheme, parts.netloc)]
            return Response(answer.status, head.headers, data, request.url)
        raise AssertionError("unreachable")

    def close(self) -> None:
        for connection in self._connections.values():
            connection.close()
        self._connections.clear()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class UrllibDriver:
    """urllib.request with automatic redirects turned off."""

    name = "urllib"

    def __init__(self) -> None:
        self._opener = urllib.request.build_opener(_NoRedirects())

    def send(self, request: Request, body: bytes | None = None, *, limit: int | None = None) -> Response:
        payload = _payload(request, body)
        outgoing = urllib.request.Request(request.url, data=payload, method=request.method)
        for name, value in request.headers:
            outgoing.add_header(name, value)
        if payload is not None and "content-type" not in request.headers:
            # urllib would otherwise send application/x-www-form-urlencoded
            outgoing.add_header("Content-Type", "application/octet-stream")
        try:
            answer = self._opener.open(outgoing, timeout=30)
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx and 5xx
            answer = error
        with answer:
            head = Response(answer.status, list(answer.headers.items()), b"", request.url)
            size = _limit(head, limit) if request.method != "HEAD" else 0
            data = answer.read() if size is None else answer.read(size)
        return Response(head.status, head.headers, data, request.url)

    def close(self) -> None:
        pass


class HttpxDriver:
    """httpx (sync), follow_redirects off; no decoding of the body (Accept-Encoding is ours)."""

    name = "httpx"

    def __init__(self) -> None:
        self._client = httpx.Client(follow_redirects=False, timeout=30)

    def send(self, request: Request, body: bytes | None = None, *, limit: int | None = None) -> Response:
        payload = _payload(request, body)
        outgoing = self._client.build_request(
            request.method, request.url, headers=list(request.headers), content=payload
        )
        if "accept-encoding" not in request.headers:
            del outgoing.headers["Accept-Encoding"]
        answer = self._client.send(outgoing, stream=True)
        try:
            head = Response(answer.status_code, answer.headers.multi_items(), b"", request.url)
            size = _limit(head, limit) if request.method != "HEAD" else 0
            chunks: list[bytes] = []
            got = 0
            for chunk in answer.iter_raw():
                chunks.append(chunk)
                got += len(chunk)
                if size is not None and got >= size:
                    break
            data = b"".join(chunks)
            if size is not None:
                data = data[:size]
        finally:
            answer.close()
        return Response(head.status, head.headers, data, request.url)

    def close(self) -> None:
        self._client.close()


#: Every driver, by name, for parametrised tests.
DRIVERS: dict[str, Callable[[], Driver]] = {
    "http.client": HttpClientDriver,
    "urllib": UrllibDriver,
    "httpx": HttpxDriver,
}


def exchange(
    driver: Driver, request: Request, body: bytes | None = None, *, limit: int | None = None
) -> tuple[Request, Response]:
    """Send ``request`` and follow redirects through :func:`follow_redirect` (at most MAX_REDIRECTS);
    the request that got the final answer, and the answer."""
    for _ in range(MAX_REDIRECTS + 1):
        response = driver.send(request, body, limit=limit)
        if not is_redirect(response):
            return request, response
        request = follow_redirect(request, response)
    raise AssertionError("follow_redirect should have stopped the loop")
