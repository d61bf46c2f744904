"""Scripted registries and token servers, in memory, for driving a Session through upstream's scenarios.

A :class:`World` routes each request to the fake server of its origin and
records what every server received; :meth:`World.drive` runs the caller's
loop (start, send, receive) until the session is done. Servers are plain
functions from a Request to a Response, built by :func:`registry` and
:func:`token_server` from a few declarative options, so that each vector
case reads as its upstream test does.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from oci_core.auth import Done, Failed, Send, Session, Step
from oci_core.http import Request, Response, origin

__all__ = [
    "World",
    "basic",
    "final_status",
    "form_of",
    "json_response",
    "query_of",
    "registry",
    "token_server",
]

Handler = Callable[[Request], Response]


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def query_of(request: Request) -> dict[str, list[str]]:
    return parse_qs(urlsplit(request.url).query, keep_blank_values=True)


def form_of(request: Request) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs((request.body or b"").decode(), keep_blank_values=True).items()}


@dataclass
class World:
    """Fake servers by origin, and everything they received."""

    servers: dict[str, Handler] = field(default_factory=dict)
    received: list[Request] = field(default_factory=list)

    def add(self, root: str, handler: Handler) -> None:
        self.servers[str(origin(root))] = handler

    def send(self, request: Request) -> Response:
        self.received.append(request)
        handler = self.servers.get(str(origin(request.url)))
        if handler is None:
            raise AssertionError(f"no fake server for {request.url}")
        response = handler(request)
        return Response(response.status, response.headers, response.body, request.url)

    def to(self, root: str) -> list[Request]:
        """What the server at ``root`` received."""
        wanted = origin(root)
        return [request for request in self.received if origin(request.url) == wanted]

    def drive(self, session: Session, request: Request, *, now: float = 0.0, limit: int = 30) -> tuple[Session, Step]:
        """The caller's loop: start, then send each step's request and receive its answer."""
        session, step = session.start(request, now=now)
        for _ in range(limit):
            if not isinstance(step, Send):
                return session, step
            session, step = session.receive(step.request, self.send(step.request), now=now)
        raise AssertionError("the session did not finish within the step limit")


def final_status(step: Step) -> int | None:
    if isinstance(step, Done):
        return step.response.status
    if isinstance(step, Failed) and step.response is not None:
        return step.response.status
    return None


def registry(
    challenge: str | Callable[[Request], str | None] | None,
    accepts: Callable[[Request], bool],
    *,
    ok: int = 200,
    refused: int = 401,
    counters: dict[str, int] | None = None,
) -> Handler:
    """A registry that answers ``ok`` to requests ``accepts`` likes and ``refused`` with ``challenge`` otherwise."""

    def handle(request: Request) -> Response:
        if counters is not None:
            counters["requests"] = counters.get("requests", 0) + 1
        if accepts(request):
            if counters is not None:
                counters["successful"] = counters.get("successful", 0) + 1
            return Response(ok, {"Content-Type": "application/json"}, b"{}")
        value = challenge(request) if callable(challenge) else challenge
        headers = [("WWW-Authenticate", value)] if value else []
        return Response(refused, headers, b'{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}')

    return handle


def token_server(
    answer: Callable[[Request], Response],
    *,
    methods: tuple[str, ...] = ("GET", "POST"),
    other: int = 405,
    counters: dict[str, int] | None = None,
) -> Handler:
    """A token server: ``answer`` for the listed methods, ``other`` for the rest."""

    def handle(request: Request) -> Response:
        if counters is not None:
            counters["token_requests"] = counters.get("token_requests", 0) + 1
        if request.method not in methods:
            return Response(other)
        return answer(request)

    return handle


def json_response(body: str | bytes, status: int = 200) -> Response:
    data = body.encode() if isinstance(body, str) else body
    return Response(status, {"Content-Type": "application/json"}, data)
