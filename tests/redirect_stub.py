"""A stub registry that redirects blob GETs to a second port, which records the Authorization it gets.

Run as ``python -m tests.redirect_stub REGISTRY_PORT STORE_PORT`` (both on
127.0.0.1); the tests start it with :func:`start_stub` and stop it by its
process id. It serves at most :data:`MAX_REQUESTS` requests and exits by
itself after :data:`LIFETIME` seconds, so no loop is unbounded.

* registry port: ``GET /v2/<name>/blobs/<digest>`` answers 307 to the store
  port's ``/blobs/<digest>``; ``GET /v2/<name>/blobs/<digest>?same=1`` 307s
  to ``/v2/<name>/moved/<digest>`` on the same origin first;
  ``GET /loop/<n>`` answers 302 to ``/loop/<n+1>`` forever; anything else 404.
* store port: ``GET /blobs/<digest>`` answers the blob (``hello blob``) and
  records the ``Authorization`` it received (or ``None``);
  ``GET /seen`` answers the JSON list of what was recorded.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from oci_core.registry import match_route

__all__ = ["BLOB", "LIFETIME", "MAX_REQUESTS", "Stub", "start_stub"]

BLOB = b"hello blob"
MAX_REQUESTS = 2000
LIFETIME = 120.0

_seen: list[str | None] = []
_count = 0
_lock = threading.Lock()


def _counted() -> bool:
    global _count
    with _lock:
        _count += 1
        return _count <= MAX_REQUESTS


class _Quiet(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Registry(_Quiet):
    store_port = 0

    def do_GET(self) -> None:
        if not _counted():
            self._answer(503)
            return
        path, _, query = self.path.partition("?")
        if path.startswith("/loop/"):
            step = int(path.rsplit("/", 1)[1])
            self._answer(302, Location=f"/loop/{step + 1}")
            return
        if "/moved/" in path:
            digest = path.rsplit("/", 1)[1]
            self._answer(307, Location=f"http://127.0.0.1:{self.store_port}/blobs/{digest}")
            return
        route = match_route(path)
        if route is None or route.name != "blob":
            self._answer(404, b"404 page not found\n", Content_Type="text/plain")
        elif query == "same=1":
            self._answer(307, Location=f"/v2/{route.repository}/moved/{route.digest}")
        else:
            self._answer(307, Location=f"http://127.0.0.1:{self.store_port}/blobs/{route.digest}")


class _Store(_Quiet):
    def do_GET(self) -> None:
        if not _counted():
            self._answer(503)
            return
        if self.path == "/seen":
            self._answer(200, json.dumps(_seen).encode(), Content_Type="application/json")
            return
        with _lock:
            _seen.append(self.headers.get("Authorization"))
        self._answer(200, BLOB, Content_Type="application/octet-stream")


def main(registry_port: int, store_port: int) -> None:
    _Registry.store_port = store_port
    servers = [ThreadingHTTPServer(("127.0.0.1", registry_port), _Registry),
               ThreadingHTTPServer(("127.0.0.1", store_port), _Store)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print("ready", flush=True)
    deadline = time.monotonic() + LIFETIME
    while time.monotonic() < deadline:
        time.sleep(0.1)
    for server in servers:
        server.shutdown()


@dataclass
class Stub:
    """The running stub: its two ports and its process."""

    process: subprocess.Popen[str]
    registry_port: int
    store_port: int

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.registry_port}"

    @property
    def store(self) -> str:
        return f"http://127.0.0.1:{self.store_port}"


@contextmanager
def start_stub() -> Iterator[Stub]:
    """Run the stub for the ``with`` block; stopped by its process id."""
    from tests.tools import free_port, ready_child

    registry_port, store_port = free_port(), free_port()
    while store_port == registry_port:
        store_port = free_port()
    with ready_child("tests.redirect_stub", str(registry_port), str(store_port), what="the redirect stub") as process:
        yield Stub(process, registry_port, store_port)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
