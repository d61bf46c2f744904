"""A token server for the real registry's ``auth: token`` instance: distribution-spec token auth, RS256 JWTs.

Run as ``python -m tests.token_server SETTINGS_JSON``; the tests start it with
:func:`start_token_server` (127.0.0.1, a free port) and stop it by its process
id. It serves at most :data:`MAX_REQUESTS` requests and exits by itself after
:data:`LIFETIME` seconds, so no loop is unbounded. Tokens are JWTs signed
with RS256 by the ``openssl`` command (no Python crypto package), carrying the
certificate in ``x5c`` so that the registry verifies them against its
``rootcertbundle``.

* ``GET /token?service=&scope=&account=&offline_token=&client_id=``
  (token.md): anonymous callers get ``pull`` only; the test user (HTTP Basic)
  gets every action asked; a wrong password is a 401. ``offline_token=true``
  adds a refresh token.
* ``POST /token`` (oauth.md): ``grant_type=password`` (the test user) or
  ``grant_type=refresh_token`` (a refresh token this server issued, or the
  configured identity token; each use rotates it: the old one stops working).
* ``POST /control`` (JSON): ``{"post_status": 404}`` makes every later POST
  answer that status (the POST to GET fallback), ``{"expires_in": 60}`` sets
  the lifetime announced; ``GET /stats`` answers what was asked so far.
"""

from __future__ import annotations

import base64
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
from urllib.parse import parse_qs, urlsplit

__all__ = [
    "IDENTITY_TOKEN",
    "ISSUER",
    "LIFETIME",
    "MAX_REQUESTS",
    "SERVICE",
    "TokenServer",
    "make_signing_key",
    "start_token_server",
]

ISSUER = "oci-core-test-issuer"
SERVICE = "oci-core-test-registry"
#: A refresh token the server accepts from the start (what `docker login` would have kept as identitytoken).
IDENTITY_TOKEN = "identity-token-0"
MAX_REQUESTS = 3000
LIFETIME = 300.0

_lock = threading.Lock()
_state: dict[str, object] = {"post_status": None, "expires_in": 300, "refresh": {IDENTITY_TOKEN}, "count": 0, "log": []}
_settings: dict[str, str] = {}


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _sign(payload: bytes) -> bytes:
    run = subprocess.run(
        ["openssl", "dgst", "-sha256", "-sign", _settings["key"]],
        input=payload,
        capture_output=True,
        check=True,
        timeout=20,
    )
    return run.stdout


def _jwt(subject: str, access: list[dict[str, object]]) -> str:
    now = int(time.time())
    header = {"typ": "JWT", "alg": "RS256", "x5c": [_settings["x5c"]]}
    claims = {
        "iss": ISSUER,
        "sub": subject,
        "aud": SERVICE,
        "exp": now + 600,
        "nbf": now - 60,
        "iat": now,
        "jti": f"{now}-{_state['count']}",
        "access": access,
    }
    signing_input = f"{_b64url(json.dumps(header).encode())}.{_b64url(json.dumps(claims).encode())}"
    return f"{signing_input}.{_b64url(_sign(signing_input.encode()))}"


def _access(scopes: list[str], everything: bool) -> list[dict[str, object]]:
    granted: list[dict[str, object]] = []
    for scope in scopes:
        for item in scope.split(" "):
            kind, _, rest = item.partition(":")
            name, _, actions = rest.rpartition(":")
            if not kind or not name:
                continue
            wanted = [action for action in actions.split(",") if action]
            allowed = wanted if everything else [action for action in wanted if action == "pull"]
            if allowed:
                granted.append({"type": kind, "name": name, "actions": allowed})
    return granted


def _user(header: str | None) -> str | None:
    """The user name of valid Basic credentials; "" for none; None for wrong ones."""
    if not header:
        return ""
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    user, _, password = base64.b64decode(value).decode().partition(":")
    return user if (user, password) == (_settings["user"], _settings["password"]) else None


def _rotate(used: str | None = None) -> str:
    """A new refresh token; ``used`` (the one just presented) stops working."""
    with _lock:
        _state["count"] = int(str(_state["count"])) + 1
        fresh = f"refresh-{_state['count']}"
        tokens = _state["refresh"]
        assert isinstance(tokens, set)
        tokens.discard(used)
        tokens.add(fresh)
    return fresh


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, status: int, body: object = None, **headers: str) -> None:
        data = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _counted(self, method: str, fields: dict[str, list[str]]) -> bool:
        with _lock:
            log = _state["log"]
            assert isinstance(log, list)
            if len(log) >= MAX_REQUESTS:
                return False
            entry = {"method": method, "path": urlsplit(self.path).path, "fields": fields}
            log.append({**entry, "authorization": self.headers.get("Authorization")})
        return True

    def _grant(self, subject: str | None, scopes: list[str], refresh: str | None = None) -> None:
        if subject is None:
            refused = {"errors": [{"code": "UNAUTHORIZED", "message": "bad credentials"}]}
            self._answer(401, refused, WWW_Authenticate='Basic realm="tokens"')
            return
        token = _jwt(subject or "anonymous", _access(scopes, bool(subject)))
        body: dict[str, object] = {"token": token, "access_token": token, "expires_in": _state["expires_in"]}
        if refresh:
            body["refresh_token"] = refresh
        self._answer(200, body)

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        fields = parse_qs(parts.query, keep_blank_values=True)
        if parts.path == "/stats":
            with _lock:
                self._answer(200, _state["log"])
            return
        if not self._counted("GET", fields) or parts.path != "/token":
            self._answer(404, {"errors": [{"code": "NOT_FOUND"}]})
            return
        subject = _user(self.headers.get("Authorization"))
        refresh = _rotate() if fields.get("offline_token") == ["true"] and subject else None
        self._grant(subject, fields.get("scope", []), refresh)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if 0 < length <= 65536 else b""
        parts = urlsplit(self.path)
        if parts.path == "/control":
            with _lock:
                _state.update(json.loads(raw or b"{}"))
            self._answer(200, {"ok": True})
            return
        fields = parse_qs(raw.decode(), keep_blank_values=True)
        if not self._counted("POST", fields) or parts.path != "/token":
            self._answer(404, {"errors": [{"code": "NOT_FOUND"}]})
            return
        if _state["post_status"] is not None:
            self._answer(int(str(_state["post_status"])), {"errors": [{"code": "UNSUPPORTED"}]})
            return
        form = {key: values[0] for key, values in fields.items()}
        scopes = [form.get("scope", "")]
        if form.get("grant_type") == "password":
            good = (form.get("username"), form.get("password")) == (_settings["user"], _settings["password"])
            refresh = _rotate() if good and form.get("access_type") == "offline" else None
            self._grant(form["username"] if good else None, scopes, refresh)
        elif form.get("grant_type") == "refresh_token":
            refresh_tokens = _state["refresh"]
            assert isinstance(refresh_tokens, set)
            if form.get("refresh_token") not in refresh_tokens:
                self._answer(401, {"error": "invalid_grant", "error_description": "unknown refresh token"})
                return
            self._grant(_settings["user"], scopes, _rotate(form["refresh_token"]))
        else:
            self._answer(400, {"error": "unsupported_grant_type"})


def main(settings_path: str) -> None:
    _settings.update(json.loads(Path(settings_path).read_text()))
    server = ThreadingHTTPServer(("127.0.0.1", int(_settings["port"])), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("ready", flush=True)
    deadline = time.monotonic() + LIFETIME
    while time.monotonic() < deadline:
        time.sleep(0.1)
    server.shutdown()


def make_signing_key(directory: Path) -> tuple[Path, Path, str]:
    """An RSA key and its self-signed certificate (the registry's root bundle), and the certificate's DER in base64."""
    key, cert = directory / "token.key", directory / "token.crt"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "2", "-subj", "/CN=oci-core test token issuer"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    der = subprocess.run(
        ["openssl", "x509", "-in", str(cert), "-outform", "DER"], check=True, capture_output=True, timeout=30
    )
    return key, cert, base64.b64encode(der.stdout).decode("ascii")


@dataclass
class TokenServer:
    """The running token server."""

    process: subprocess.Popen[str]
    port: int

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def realm(self) -> str:
        return self.root + "/token"

    def control(self, **settings: object) -> None:
        import http.client

        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("POST", "/control", json.dumps(settings))
            connection.getresponse().read()
        finally:
            connection.close()

    def stats(self) -> list[dict[str, object]]:
        import http.client

        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", "/stats")
            log: list[dict[str, object]] = json.loads(connection.getresponse().read())
            return log
        finally:
            connection.close()


@contextmanager
def start_token_server(directory: Path, key: Path, x5c: str, user: str, password: str) -> Iterator[TokenServer]:
    """Run a token server for the ``with`` block (a free port on 127.0.0.1); stopped by its process id."""
    from tests.tools import free_port, ready_child

    port = free_port()
    settings = directory / "token-server.json"
    settings.write_text(json.dumps({"port": port, "key": str(key), "x5c": x5c, "user": user, "password": password}))
    with ready_child("tests.token_server", str(settings), what="the token server") as process:
        yield TokenServer(process, port)


if __name__ == "__main__":
    main(sys.argv[1])
