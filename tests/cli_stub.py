"""A stub registry that says "try later" on cue, for the tool's retry tests.

Run as ``python -m tests.cli_stub PORT`` (127.0.0.1); the tests start it with
:func:`start_stub` and stop it by its process id. It serves at most
:data:`MAX_REQUESTS` requests and exits by itself after :data:`LIFETIME`
seconds, so no loop is unbounded.

* ``GET /v2/`` answers 200;
* ``GET``/``HEAD /v2/<status>-<n>-<seconds>/<rest>/manifests/<ref>``: the first ``n`` requests
  for that repository answer ``status`` (429 or 503) with ``Retry-After: <seconds>``
  (``none`` for no header) and a ``TOOMANYREQUESTS`` (or ``UNAVAILABLE``) error
  body; later ones answer :data:`MANIFEST` (``examples/manifest.json``);
* ``GET``/``HEAD /v2/closing/<rest>/manifests/<ref>`` answers :data:`MANIFEST` and closes the
  connection without a ``Connection: close`` (a kept-alive connection that goes stale);
* ``GET /stats`` answers the JSON list of ``[path, seconds since start]`` of every request.
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
from pathlib import Path

__all__ = ["LIFETIME", "MANIFEST", "MAX_REQUESTS", "Stub", "start_stub"]

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = (ROOT / "examples" / "manifest.json").read_bytes()
MAX_REQUESTS = 500
LIFETIME = 120.0

_lock = threading.Lock()
_seen: list[tuple[str, float]] = []
_counts: dict[str, int] = {}
_started = time.monotonic()
_CODES = {429: "TOOMANYREQUESTS", 503: "UNAVAILABLE"}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        with _lock:
            _seen.append((self.path, time.monotonic() - _started))
            if len(_seen) > MAX_REQUESTS:
                self._answer(500)
                return
        if self.path == "/stats":
            self._answer(200, json.dumps(_seen).encode(), {"Content-Type": "application/json"})
            return
        if self.path == "/v2/":
            self._answer(200, b"{}", {"Content-Type": "application/json"})
            return
        parts = self.path.split("/")
        if len(parts) < 6 or parts[-2] != "manifests":
            self._answer(404, b'{"errors":[{"code":"NAME_UNKNOWN","message":"no such repository"}]}')
            return
        status_text, count, seconds = [*parts[2].split("-"), "", "", ""][:3]
        with _lock:
            seen = _counts.get(parts[2], 0)
            _counts[parts[2]] = seen + 1
        if status_text.isdigit() and count.isdigit() and seen < int(count):
            status = int(status_text)
            code = _CODES.get(status, "UNKNOWN")
            body = json.dumps({"errors": [{"code": code, "message": "try later"}]}).encode()
            headers = {"Content-Type": "application/json"}
            if seconds != "none":
                headers["Retry-After"] = seconds
            self._answer(status, body, headers)
            return
        if parts[2] == "closing":
            # Close the connection after the answer without saying so: the client's next request on it
            # meets a connection the server has dropped (a kept-alive connection gone stale).
            self.close_connection = True
        import hashlib

        self._answer(200, MANIFEST, {
            "Content-Type": "application/vnd.oci.image.manifest.v1+json",
            "Docker-Content-Digest": "sha256:" + hashlib.sha256(MANIFEST).hexdigest(),
        })


def main(port: int) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("ready", flush=True)
    deadline = time.monotonic() + LIFETIME
    while time.monotonic() < deadline:
        time.sleep(0.1)
    server.shutdown()


@dataclass
class Stub:
    """The running stub: its port and its process."""

    process: subprocess.Popen[str]
    port: int

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def stats(self) -> list[tuple[str, float]]:
        import http.client

        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", "/stats")
            return [(path, when) for path, when in json.loads(connection.getresponse().read())]
        finally:
            connection.close()


@contextmanager
def start_stub() -> Iterator[Stub]:
    """Run the stub for the ``with`` block; stopped by its process id."""
    from tests.tools import free_port, ready_child

    port = free_port()
    with ready_child("tests.cli_stub", str(port), what="the stub") as process:
        yield Stub(process, port)


if __name__ == "__main__":
    main(int(sys.argv[1]))
