"""The oci_core command-line tool (``oci-spec-core``, or ``python3 -m oci_core``): the one place that does I/O.

    python3 -m oci_core inspect examples/manifest.json
    python3 -m oci_core digest examples/config.json
    python3 -m oci_core pull localhost:5000/app:v1 ./app-layout
    python3 -m oci_core copy --referrers localhost:5000/app:v1 localhost:5001/app:v1

The library decides, this module moves bytes: HTTP over :mod:`http.client`
and :mod:`ssl` (one pool of kept-alive connections per origin; redirects and
credentials through :class:`oci_core.auth.Session`, which follows them with
:func:`oci_core.http.follow_redirect`), files written under a temporary name
and renamed once verified, credential helpers run with :mod:`subprocess`,
the environment, the home directory and the clock read here and handed to
the library's pure functions. Everything that can be pure lives in the
private ``_cli_*`` modules: the commands and their help (``_cli_args``), what
is printed (``_cli_render``), what is copied in which order (``_cli_plan``),
progress arithmetic (``_cli_progress``), exit statuses and retries
(``_cli_policy``). docs/cli.md is the manual.
"""

from __future__ import annotations

import argparse
import http.client
import io
import os
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol
from urllib.parse import urlsplit

from . import auth, credentials, layout, partial, platform, reference, registry
from ._cli_args import build_parser
from ._cli_plan import (
    MAX_DEPTH,
    Document,
    LayoutTarget,
    Location,
    RegistryTarget,
    Tree,
    layout_referrers,
    links,
    parse_image_reference,
    parse_location,
    plan_transfer,
    read_document,
    select_entry,
    select_platform,
    split_layout_argument,
)
from ._cli_policy import EXIT_INTERRUPTED, EXIT_OK, NetworkError, exit_status, retry_delay
from ._cli_progress import Meter
from ._cli_render import (
    Report,
    config_report,
    descriptor_json,
    document_report,
    error_json,
    error_lines,
    inspect_document,
    media_type_report,
    pick_report,
    platform_report,
    reference_report,
    render_json,
)
from .config import parse_image_config
from .descriptor import Descriptor
from .digest import Digest, Digester, DigestVerifier, parse_digest
from .errors import (
    DigestMismatchError,
    InvalidIndexError,
    InvalidLayoutError,
    InvalidPlatformError,
    InvalidReferenceError,
    NotFoundError,
    OCIError,
    RegistryError,
    RemoteProtocolError,
    SizeMismatchError,
)
from .http import Request, Response
from .manifest import ImageIndex, ImageManifest
from .mediatypes import is_config
from .upload import Upload

if TYPE_CHECKING:
    from .reference import Reference

__all__ = ["main"]

#: Bytes read or written at a time.
_CHUNK = 1 << 20
#: What is read into memory at most for a config blob (manifests: registry.MAX_MANIFEST_SIZE).
_MAX_CONFIG = 64 << 20
#: The suffix of a file being written, renamed away once verified.
_PART = ".part"


# -- output ----------------------------------------------------------------------------------------


class _Output:
    """Standard output and standard error, as the options want them: JSON or lines, progress or not."""

    def __init__(self, *, json_output: bool, quiet: bool) -> None:
        self.json = json_output
        self.quiet = quiet
        self.progress = not quiet and not json_output and sys.stderr.isatty()
        self._drawn = False

    def lines(self, lines: Sequence[str]) -> None:
        for line in lines:
            sys.stdout.write(line + "\n")

    def document(self, value: object) -> None:
        sys.stdout.write(render_json(value) + "\n")

    def raw(self, data: bytes) -> None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)

    def error(self, error: BaseException, prefix: str = "") -> None:
        self.clear()
        for line in error_lines(error):
            sys.stderr.write(f"{prefix}{line}\n")

    def note(self, text: str) -> None:
        if not self.quiet:
            self.clear()
            sys.stderr.write(text + "\n")

    def draw(self, line: str | None) -> None:
        if line is not None and self.progress:
            sys.stderr.write("\r\x1b[K" + line)
            sys.stderr.flush()
            self._drawn = True

    def clear(self) -> None:
        if self._drawn:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self._drawn = False


# -- bodies: what a request sends, or a blob read ---------------------------------------------------------


class _Source(Protocol):
    """A stream of bytes with ``readinto`` (a file, an HTTP response, a verifying reader)."""

    def readinto(self, buffer: memoryview) -> int: ...

    def close(self) -> None: ...


@dataclass
class _Body:
    """A request body of ``length`` bytes, streamed: ``open()`` starts it from the beginning.

    ``replayable`` says whether the request may simply be sent again after a broken connection (an
    upload's chunk is not: the upload asks the registry where it stands instead).
    """

    length: int
    open: Callable[[], _Source]
    replayable: bool = True


# -- HTTP over http.client ---------------------------------------------------------------------------------

_Key = tuple[str, str, int]
_NETWORK_ERRORS = (OSError, http.client.HTTPException)


class _Stream:
    """A response body being read (a blob), on a connection of the pool until it has been read to the end."""

    def __init__(self, pool: _Transport, key: _Key, connection: http.client.HTTPConnection,
                 answer: http.client.HTTPResponse) -> None:
        self._pool, self._key, self._connection, self._answer = pool, key, connection, answer

    def readinto(self, buffer: memoryview) -> int:
        try:
            n = self._answer.readinto(buffer)
        except _NETWORK_ERRORS as exc:
            self.close()
            raise NetworkError(f"the connection broke while reading the body: {_reason(exc)}") from None
        left = self._answer.length
        if n == 0 and len(buffer) and left:
            # http.client's readinto answers a body cut short with an end of file, not IncompleteRead.
            self.close()
            raise NetworkError(f"the connection closed {left} bytes before the end of the body")
        return n

    def close(self) -> None:
        if self._answer.isclosed():
            self._pool.release(self._key, self._connection)
        else:
            self._connection.close()
        self._answer.close()


def _reason(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, http.client.IncompleteRead):
        return f"the body ended after {len(exc.partial)} bytes"
    return text


class _Transport:
    """HTTP/1.1 exchanges over http.client, with kept-alive connections per origin (scheme, host, port)."""

    def __init__(self, *, timeout: float, insecure: bool) -> None:
        self.timeout = timeout
        self.insecure = insecure
        self._idle: dict[_Key, list[http.client.HTTPConnection]] = {}
        self._context: ssl.SSLContext | None = None

    def _tls(self) -> ssl.SSLContext:
        # Made on the first https connection: loading the system's certificates takes a while.
        if self._context is None:
            self._context = ssl.create_default_context()
            if self.insecure:
                self._context.check_hostname = False
                self._context.verify_mode = ssl.CERT_NONE
        return self._context

    def _connect(self, key: _Key) -> tuple[http.client.HTTPConnection, bool]:
        idle = self._idle.get(key)
        if idle:
            return idle.pop(), True
        scheme, host, port = key
        if scheme == "https":
            return http.client.HTTPSConnection(host, port, timeout=self.timeout, context=self._tls()), False
        return http.client.HTTPConnection(host, port, timeout=self.timeout), False

    def release(self, key: _Key, connection: http.client.HTTPConnection) -> None:
        self._idle.setdefault(key, []).append(connection)

    def close(self) -> None:
        for connections in self._idle.values():
            for connection in connections:
                connection.close()
        self._idle.clear()

    def exchange(
        self, request: Request, body: _Body | None, *, stream: bool, max_size: int = registry.MAX_MANIFEST_SIZE
    ) -> tuple[Response, _Stream | None]:
        """Send ``request`` (with ``body``); the response, its body read unless streamed (a 200 or 206)."""
        parts = urlsplit(request.url)
        host = parts.hostname or ""
        key = (parts.scheme, host, parts.port or (443 if parts.scheme == "https" else 80))
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        length = body.length if body is not None else request.content_length
        for attempt in (0, 1):
            connection, reused = self._connect(key)
            try:
                answer = self._send(connection, request, target, body, length)
            except _NETWORK_ERRORS as exc:
                connection.close()
                # A kept-alive connection the server had closed: once more on a new one.
                if reused and attempt == 0 and (body is None or body.replayable):
                    continue
                transient = not isinstance(exc, socket.gaierror)  # a name that does not resolve stays so
                raise NetworkError(f"{request.method} {request.url}: {_reason(exc)}", transient=transient) from None
            break
        else:  # pragma: no cover - the loop breaks or raises
            raise AssertionError("unreachable")
        try:
            response = Response(answer.status, answer.getheaders(), b"", request.url)
        except OCIError:
            connection.close()
            raise
        if request.method == "HEAD":
            answer.read()
            self.release(key, connection)
            return response, None
        if stream and answer.status in (200, 206):
            return response, _Stream(self, key, connection, answer)
        try:
            limit = registry.body_limit(response, max_size=max_size)
            data = answer.read(limit)
        except OCIError:
            connection.close()
            raise
        except _NETWORK_ERRORS as exc:
            connection.close()
            raise NetworkError(f"{request.method} {request.url}: {_reason(exc)}") from None
        if answer.isclosed():
            self.release(key, connection)
        else:
            connection.close()  # not read to the end: the connection cannot carry another request
        return Response(answer.status, response.headers, data, request.url), None

    @staticmethod
    def _send(
        connection: http.client.HTTPConnection, request: Request, target: str, body: _Body | None, length: int | None
    ) -> http.client.HTTPResponse:
        headers = request.headers
        connection.putrequest(request.method, target, skip_accept_encoding="accept-encoding" in headers)
        for name, value in headers:
            connection.putheader(name, value)
        if length is not None and "content-length" not in headers:
            connection.putheader("Content-Length", str(length))
        connection.endheaders()
        if request.body is not None:
            connection.send(request.body)
        elif body is not None:
            source = body.open()
            try:
                buffer = memoryview(bytearray(_CHUNK))
                left = body.length
                while left > 0:
                    n = source.readinto(buffer[: min(_CHUNK, left)])
                    if n <= 0:
                        raise RemoteProtocolError(f"the body ended {left} bytes before its announced length")
                    connection.send(buffer[:n])
                    left -= n
            finally:
                source.close()
        return connection.getresponse()


# -- one registry: its session, retries ----------------------------------------------------------------------


@dataclass
class _Answer:
    request: Request
    response: Response
    stream: _Stream | None = None

    def close(self) -> None:
        if self.stream is not None:
            self.stream.close()


class _Client:
    """Requests to one registry: the auth session decides, the transport moves bytes, retries are bounded."""

    def __init__(self, tool: _Tool, root: str, domain: str | None) -> None:
        self.tool, self.root, self.domain = tool, root, domain
        self._session: auth.Session | None = None

    def session(self) -> auth.Session:
        if self._session is None:
            self._session = auth.Session(self.root, self.tool.credentials_for(self.domain), policy=self.tool.policy)
        return self._session

    def send(
        self,
        request: Request,
        body: _Body | None = None,
        *,
        stream: bool = False,
        max_size: int = registry.MAX_MANIFEST_SIZE,
    ) -> _Answer:
        tool = self.tool
        attempt = 0
        while True:
            live: _Stream | None = None
            session, step = self.session().start(request, now=time.time())
            try:
                while isinstance(step, auth.Send):
                    sent = step.request
                    try:
                        response, live = tool.transport.exchange(
                            sent, None if step.token else body, stream=stream and not step.token, max_size=max_size
                        )
                    except (NetworkError, OCIError):
                        session = session.abandon(sent)
                        raise
                    session, step = session.receive(sent, response, now=time.time())
                    if not isinstance(step, auth.Done) and live is not None:
                        live.close()
                        live = None
            except NetworkError as broken:
                self._session = session
                delay = retry_delay(attempt, tool.retries, method=request.method)
                if delay is None or not broken.transient or (body is not None and not body.replayable):
                    raise
                tool.wait(delay, f"{request.method} {request.url}: the connection broke")
                attempt += 1
                continue
            self._session = session
            if isinstance(step, auth.Failed):
                raise step.error
            assert isinstance(step, auth.Done)
            answer = _Answer(step.request, step.response, live if step.response.status in (200, 206) else None)
            status = step.response.status
            if status >= 400:
                error = registry.read_error(step.request, step.response, now=time.time())
                delay = retry_delay(attempt, tool.retries, status=status, retry_after=error.retry_after,
                                    method=request.method)
                if delay is not None and (body is None or body.replayable):
                    answer.close()
                    tool.wait(delay, f"{request.method} {request.url}: {status}")
                    attempt += 1
                    continue
            return answer


# -- the tool: options, credentials, clients -----------------------------------------------------------


class _Tool:
    """What one run of the tool knows: its options, its clients per registry, its output."""

    def __init__(self, args: argparse.Namespace, out: _Output) -> None:
        self.out = out
        self.retries: int = getattr(args, "retries", 3)
        self.insecure: bool = getattr(args, "insecure", False)
        self.transport = _Transport(timeout=getattr(args, "timeout", 60.0), insecure=self.insecure)
        trusted = [*(getattr(args, "trust_realm", None) or ()), *(getattr(args, "trust_realm_more", None) or ())]
        self.policy = auth.RealmPolicy(trusted=auth.trusted_origins(trusted)) if trusted else auth.DEFAULT_POLICY
        self.username: str | None = getattr(args, "username", None)
        self.password: str | None = None
        if getattr(args, "password_stdin", False):
            self.password = sys.stdin.readline().rstrip("\r\n")
        self.explicit_for: str | None = None  # the registry (domain) the explicit credentials go to
        self._clients: dict[str, _Client] = {}

    def wait(self, seconds: float, why: str) -> None:
        self.out.note(f"{why}; trying again in {seconds:g} s")
        time.sleep(seconds)

    def client(self, reference_domain: str | None) -> _Client:
        domain = reference.canonical_domain(reference_domain)
        client = self._clients.get(domain)
        if client is None:
            host = reference.registry_host(domain)
            scheme = reference.default_scheme(domain)
            if self.insecure and scheme == "https":
                scheme = self._probe(host)
            client = self._clients[domain] = _Client(self, f"{scheme}://{host}", domain)
        return client

    def _probe(self, host: str) -> str:
        """With --insecure: https (certificates unchecked) if the registry speaks it, else plain http (as skopeo's
        --tls-verify=false and go-containerregistry's insecure registries do)."""
        for scheme in ("https", "http"):
            try:
                self.transport.exchange(registry.check_api(f"{scheme}://{host}"), None, stream=False)
            except NetworkError:
                continue
            return scheme
        return "https"

    def repository(self, ref: Reference) -> tuple[registry.Repository, _Client]:
        client = self.client(ref.domain)
        return registry.Repository(client.root, ref.path), client

    def credentials_for(self, domain: str | None) -> auth.Credentials:
        """The user's credentials for ``domain``: the options', else docker's and podman's files, else none."""
        domain = reference.canonical_domain(domain)
        if self.username is not None and self.explicit_for in (None, domain):
            return credentials.Basic(self.username, self.password or "")
        home = os.path.expanduser("~")
        env = dict(os.environ)
        for file in credentials.keychain_files(env, home, sys.platform):
            try:
                content = Path(file.path).read_bytes()
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise OCIError(f"cannot read {file.path}: {exc.strerror}") from None
            env_config = env.get("DOCKER_AUTH_CONFIG") or None
            answer = credentials.resolve_credentials(content, domain, env_config=env_config, legacy=file.legacy)
            if isinstance(answer, credentials.HelperCall):
                answer = _run_helper(answer)
            return answer
        return credentials.ANONYMOUS


def _run_helper(call: credentials.HelperCall) -> auth.Credentials:
    try:
        run = subprocess.run(call.args, input=call.input, capture_output=True, timeout=60, check=False)
    except FileNotFoundError:
        raise credentials_error(f"the credential helper {call.program} is not installed (on PATH)") from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise credentials_error(f"the credential helper {call.program} failed: {exc}") from None
    return credentials.read_helper_get(call, run.stdout, run.returncode)


def credentials_error(message: str) -> OCIError:
    from .errors import CredentialHelperError

    return CredentialHelperError(message)


def _host_platform() -> platform.Platform:
    """This machine's platform, as a container runtime here would ask for (containerd's DefaultSpec)."""
    machine = os.uname().machine if hasattr(os, "uname") else "amd64"
    os_name = {"win32": "windows", "cygwin": "windows", "darwin": "darwin"}.get(sys.platform, "linux")
    architecture, variant = platform.normalize_arch(machine, "")
    if architecture == "arm" and not variant:
        variant = "v" + platform.cpu_variant_from_arch(machine)
    return platform.Platform(platform.normalize_os(os_name), architecture, variant=variant)


def _platform_arg(text: str | None) -> platform.Platform | None:
    if text is None:
        return None
    try:
        return platform.parse_platform(text, host=_host_platform())
    except InvalidPlatformError as exc:
        raise InvalidPlatformError(f"--platform: {exc.message}", text=exc.text, span=exc.span) from None


# -- reading and writing blobs ------------------------------------------------------------------------------


class _Verifying:
    """A blob's bytes as read from ``source``, checked against its descriptor (digest and size) as they pass."""

    def __init__(self, source: _Source, verifier: DigestVerifier, meter: _Progress | None = None, *,
                 done: int = 0) -> None:
        self.source, self.verifier, self.meter = source, verifier, meter
        self.done = done

    def readinto(self, buffer: memoryview) -> int:
        n = self.source.readinto(buffer)
        if n:
            self.verifier.update(buffer[:n])
            self.done += n
            if self.meter is not None:
                self.meter.advance(self.done)
        else:
            self.verifier.verify()
        return n

    def close(self) -> None:
        self.source.close()


class _Progress:
    """A :class:`Meter` drawn on standard error when it is a terminal."""

    def __init__(self, out: _Output, label: str, total: int | None) -> None:
        self.out = out
        self.meter = Meter(label, total=total, started=time.monotonic())
        self.done = 0

    def advance(self, done: int) -> None:
        self.done = done
        self.out.draw(self.meter.update(done, time.monotonic()))

    def finish(self) -> None:
        self.out.clear()


def _progress(tool: _Tool, label: str, total: int | None) -> _Progress | None:
    return _Progress(tool.out, label, total) if tool.out.progress else None


def _short(digest: Digest) -> str:
    return f"{digest.algorithm}:{digest.encoded[:12]}"


class _Sink(Protocol):
    def write(self, data: memoryview, /) -> object: ...


def _copy_stream(source: _Source, sink: _Sink, limit: int | None = None) -> int:
    """Copy ``source`` into ``sink`` (at most ``limit`` bytes); the bytes copied. The source is closed after."""
    buffer = memoryview(bytearray(_CHUNK))
    total = 0
    try:
        while True:
            want = _CHUNK if limit is None else min(_CHUNK, limit - total)
            if want <= 0:
                return total
            n = source.readinto(buffer[:want])
            if n == 0:
                return total
            sink.write(buffer[:n])
            total += n
    finally:
        source.close()


def _download(reading: _Verifying, part: Path, final: Path, offset: int) -> None:
    """Write a blob to ``part`` (after the ``offset`` bytes it holds), verified, then rename it to ``final``.

    A broken connection or Ctrl-C leaves ``part`` for ``--continue``; bytes that are not the blob's remove it
    (resuming them cannot succeed).
    """
    try:
        with open(part, "ab" if offset else "wb") as sink:
            _copy_stream(reading, sink)
    except DigestMismatchError:
        part.unlink(missing_ok=True)
        raise
    finally:
        if reading.meter is not None:
            reading.meter.finish()
    os.replace(part, final)


def _write_atomic(path: Path, data: bytes) -> None:
    """``data`` into ``path`` through a temporary name in the same directory, renamed when written."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()


# -- stores: a repository in a registry, or a layout directory -----------------------------------------


class _Store(Protocol):
    """Where images are read from and written to."""

    where: str

    def fetch(self, descriptor: Descriptor) -> Document: ...
    def has_manifest(self, descriptor: Descriptor) -> bool: ...
    def has_blob(self, descriptor: Descriptor) -> bool: ...
    def open_blob(self, descriptor: Descriptor, offset: int = 0) -> _Source: ...
    def put_blob(self, descriptor: Descriptor, source: _Store) -> str: ...
    def put_manifest(self, document: Document, tag: str | None) -> None: ...
    def referrers(self, digest: Digest, artifact_type: str | None = None) -> tuple[Descriptor, ...]: ...
    def finish(self) -> None: ...


class _RegistryStore:
    """A repository in a registry."""

    def __init__(self, tool: _Tool, ref: Reference, *, writing: bool = False) -> None:
        self.tool = tool
        self.ref = ref
        self.repo, self.client = tool.repository(ref)
        self.where = ref.name
        self.writing = writing
        self._pull, self._push = self.repo.scope("pull"), self.repo.scope("pull,push")

    def send(self, request: Request, body: _Body | None = None, *, stream: bool = False) -> _Answer:
        """A request to this repository; a store that is written to asks for push from its first request on,
        so that one token serves the whole run (go-containerregistry asks the same way)."""
        if self.writing and self._pull in request.scopes:
            scopes = tuple(self._push if scope == self._pull else scope for scope in request.scopes)
            request = Request(request.method, request.url, request.headers, request.body,
                              body_length=request.body_length, scopes=scopes)
        return self.client.send(request, body, stream=stream)

    # reading

    def resolve(self, tag_or_digest: str) -> Document:
        """The manifest under a tag or digest, verified (its digest and the one announced)."""
        answer = self.send(registry.get_manifest(self.repo, tag_or_digest))
        got = registry.read_manifest(answer.request, answer.response)
        return read_document(got.descriptor(), got.raw)

    def root(self) -> Document:
        return self.resolve(self.ref.digest or self.ref.tag or reference.DEFAULT_TAG)

    def fetch(self, descriptor: Descriptor) -> Document:
        answer = self.send(registry.get_manifest(self.repo, descriptor.digest))
        got = registry.read_manifest(answer.request, answer.response, digest=descriptor.digest)
        if got.size != descriptor.size:
            raise SizeMismatchError(f"{self.where}@{descriptor.digest} is {got.size} bytes, not {descriptor.size}")
        return read_document(replace(descriptor, media_type=descriptor.media_type), got.raw)

    def head(self, tag_or_digest: str) -> registry.ManifestHead | None:
        answer = self.send(registry.head_manifest(self.repo, tag_or_digest))
        if answer.response.status == 404:
            return None
        return registry.read_manifest_head(answer.request, answer.response)

    def has_manifest(self, descriptor: Descriptor) -> bool:
        found = self.head(descriptor.digest)
        return found is not None and (found.size is None or found.size == descriptor.size)

    def has_blob(self, descriptor: Descriptor) -> bool:
        answer = self.send(registry.head_blob(self.repo, descriptor.digest))
        if answer.response.status == 404:
            return False
        found = registry.read_blob_head(answer.request, answer.response)
        return found.size is None or found.size == descriptor.size

    def open_blob(self, descriptor: Descriptor, offset: int = 0, verifier: DigestVerifier | None = None) -> _Source:
        """The blob's bytes from ``offset`` (a Range request), as the registry sends them (not yet verified)."""
        if verifier is None:
            if offset:
                raise ValueError("a blob read from an offset needs the verifier holding the bytes before it")
            verifier = DigestVerifier(descriptor.digest, descriptor.size)
        return self.stream_blob(descriptor, offset, verifier)[0]

    def stream_blob(
        self, expected: Descriptor | Digest, offset: int, verifier: DigestVerifier
    ) -> tuple[_Source, int | None]:
        """The body of a blob GET from ``offset``, vetted by its status and headers; and the blob's size, if known.

        ``verifier`` holds the bytes before ``offset`` (for a resumed download): a 200 that answers the
        Range request anyway has its first ``offset`` bytes dropped.
        """
        digest = expected.digest if isinstance(expected, Descriptor) else expected
        answer = self.send(registry.get_blob(self.repo, digest, offset=offset), stream=True)
        blob = registry.read_blob(answer.request, answer.response, expected, verifier=verifier, offset=offset)
        if answer.stream is None:  # pragma: no cover - read_blob raised for every status without a body
            raise RemoteProtocolError(f"{self.where}: no body for {digest}")
        size = expected.size if isinstance(expected, Descriptor) else None
        if size is None and blob.length is not None:
            size = blob.offset + blob.length if answer.response.status == 206 else blob.length
        return _Skipping(answer.stream, blob.skip), size

    def read_blob(self, descriptor: Descriptor, limit: int) -> bytes:
        """A small blob (a config), read whole and verified."""
        if descriptor.size > limit:
            raise RemoteProtocolError(
                f"{descriptor.digest} is {descriptor.size} bytes, over the {limit} read into memory"
            )
        chunks = io.BytesIO()
        _copy_stream(_Verifying(self.open_blob(descriptor), DigestVerifier(descriptor.digest, descriptor.size)), chunks)
        return chunks.getvalue()

    def referrers(self, digest: Digest, artifact_type: str | None = None) -> tuple[Descriptor, ...]:
        answer = self.send(registry.get_referrers(self.repo, digest, artifact_type=artifact_type))
        found = registry.read_referrers(answer.request, answer.response)
        if found.fallback:
            self.referrers_source = "tag"
            tag = partial.referrers_tag(digest)
            answer = self.send(registry.get_referrers_fallback(self.repo, tag))
            listed = registry.read_referrers_fallback(answer.request, answer.response, artifact_type=artifact_type)
            return listed.descriptors
        self.referrers_source = "api"
        descriptors = list(found.descriptors)
        pages = 0
        while found.next_url is not None and pages < registry.DEFAULT_MAX_PAGES:
            request = registry.get_referrers(self.repo, digest, artifact_type=artifact_type)
            answer = self.send(Request("GET", found.next_url, request.headers, scopes=request.scopes))
            found = registry.read_referrers(answer.request, answer.response)
            descriptors += found.descriptors
            pages += 1
        return tuple(descriptors)

    referrers_source = "api"

    # writing

    def put_blob(self, descriptor: Descriptor, source: _Store) -> str:
        """Copy a blob here from ``source``: mounted within one registry, else streamed. How it went."""
        mount_from = None
        if isinstance(source, _RegistryStore) and source.repo.root == self.repo.root:
            mount_from = source.repo.name if source.repo.name != self.repo.name else None
        up = Upload.start(self.repo, descriptor, mount_from=mount_from)
        failures = 0
        mounted = mount_from is not None
        while not up.done:
            request = up.request
            chunk = up.range
            body = None
            if chunk is not None:
                start, end = chunk
                body = _Body(end - start, self._opener(source, descriptor, start), replayable=False)
            try:
                answer = self.send(request, body)
            except NetworkError:
                failures += 1
                if failures > self.tool.retries:
                    raise
                self.tool.wait(1.0, f"pushing {descriptor.digest}: the connection broke")
                up = up.resume() if failures < 2 else up.restart()
                continue
            up = up.receive(answer.request, answer.response, now=time.time())
            if up.step not in ("mount",) and up.previous == "mount" and not up.committed:
                mounted = False
            if up.failed:
                error = up.error
                failures += 1
                if isinstance(error, RegistryError) and error.temporary and failures <= self.tool.retries:
                    up = up.restart()
                    continue
                assert error is not None
                raise error
        return "mounted" if mounted else "copied"

    def _opener(self, source: _Store, descriptor: Descriptor, start: int) -> Callable[[], _Source]:
        def open_source() -> _Source:
            verifier = DigestVerifier(descriptor.digest, descriptor.size)
            if start:
                # Resuming: the bytes before start are the registry's already; only the rest is sent, unverified here.
                return source.open_blob(descriptor, start)
            meter = _progress(self.tool, f"{_short(descriptor.digest)} -> {self.where}", descriptor.size)
            return _Verifying(source.open_blob(descriptor), verifier, meter)

        return open_source

    def put_manifest(self, document: Document, tag: str | None) -> None:
        reference_part: str = tag if tag is not None else document.digest
        request = registry.put_manifest(self.repo, reference_part, document.raw, document.descriptor.media_type)
        answer = self.send(request)  # the request carries the manifest's bytes
        put = registry.read_manifest_put(answer.request, answer.response)
        subject = document.subject
        if subject is not None and put.subject is None:
            self._update_fallback(subject.digest, document)

    def _update_fallback(self, subject: Digest, document: Document) -> None:
        """distribution-spec, "Pushing Manifests with Subject": the registry did not take the subject; the
        client keeps the fallback tag's index."""
        tag = partial.referrers_tag(subject)
        answer = self.send(registry.get_referrers_fallback(self.repo, tag))
        existing = registry.read_referrers_fallback(answer.request, answer.response)
        updated = registry.update_referrers_fallback(existing, add=document.referrer())
        if updated is not None:
            request = registry.put_referrers_fallback(self.repo, tag, updated)
            put = self.send(request)
            registry.read_manifest_put(put.request, put.response)

    def finish(self) -> None:
        return None


class _Skipping:
    """A response body with its first ``skip`` bytes dropped (a 200 answering a Range request)."""

    def __init__(self, stream: _Stream, skip: int) -> None:
        self.stream, self.skip = stream, skip

    def readinto(self, buffer: memoryview) -> int:
        while self.skip:
            n = self.stream.readinto(buffer[: min(len(buffer), self.skip)])
            if n == 0:
                return 0
            self.skip -= n
        n = self.stream.readinto(buffer)
        if n == 0:
            self.stream.close()
        return n

    def close(self) -> None:
        self.stream.close()


class _FileSource:
    """A file's bytes, closed at their end."""

    def __init__(self, handle: io.BufferedReader) -> None:
        self.handle = handle

    def readinto(self, buffer: memoryview) -> int:
        n = self.handle.readinto(buffer)
        if not n:
            self.handle.close()
        return n

    def close(self) -> None:
        self.handle.close()


class _LayoutStore:
    """An OCI image layout directory."""

    def __init__(self, tool: _Tool, path: str, name: str | None, *, resume: bool = False, create: bool = False) -> None:
        self.tool = tool
        self.directory = Path(path)
        self.name = name
        self.resume = resume
        self.where = f"oci:{path}"
        self._index: ImageIndex | None = None
        self._dirty = False
        if create:
            self._create()

    def _create(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        marker = self.directory / layout.OCI_LAYOUT_FILE
        if not marker.exists():
            _write_atomic(marker, layout.ImageLayout().to_json())
        (self.directory / layout.BLOBS_DIRECTORY).mkdir(exist_ok=True)

    def index(self) -> ImageIndex:
        if self._index is None:
            index_file = self.directory / layout.INDEX_FILE
            marker = self.directory / layout.OCI_LAYOUT_FILE
            if marker.exists():
                layout.parse_image_layout(marker.read_bytes())
            elif not self.directory.is_dir():
                raise InvalidLayoutError(f"{self.directory} is not a directory", pointer="")
            else:
                raise InvalidLayoutError(f"{self.directory} holds no oci-layout file (no image layout)", pointer="")
            if index_file.exists():
                self._index = layout.parse_index(index_file.read_bytes())
            else:
                self._index = ImageIndex(manifests=())
        return self._index

    def path_of(self, descriptor: Descriptor) -> Path:
        return self.directory / layout.blob_path(descriptor.digest)

    def read(self, descriptor: Descriptor, limit: int = registry.MAX_MANIFEST_SIZE) -> bytes:
        """A document blob, read whole (at most ``limit`` bytes) and checked against its descriptor."""
        path = self.path_of(descriptor)
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise RemoteProtocolError(f"{path} is larger than {limit} bytes")
        descriptor.verify(data)
        return data

    def root_entry(self) -> Descriptor:
        return select_entry(self.index(), self.name, self.where)

    def root(self) -> Document:
        return self.fetch(self.root_entry())

    def fetch(self, descriptor: Descriptor) -> Document:
        return read_document(descriptor, self.read(descriptor))

    def has_manifest(self, descriptor: Descriptor) -> bool:
        return self.has_blob(descriptor)

    def has_blob(self, descriptor: Descriptor) -> bool:
        try:
            return self.path_of(descriptor).stat().st_size == descriptor.size
        except FileNotFoundError:
            return False

    def open_blob(self, descriptor: Descriptor, offset: int = 0) -> _Source:
        handle = open(self.path_of(descriptor), "rb")  # noqa: SIM115 - closed by the source at its end
        if offset:
            handle.seek(offset)
        return _FileSource(handle)

    def put_blob(self, descriptor: Descriptor, source: _Store) -> str:
        final = self.path_of(descriptor)
        final.parent.mkdir(parents=True, exist_ok=True)
        part = final.with_name(final.name + _PART)
        verifier = DigestVerifier(descriptor.digest, descriptor.size)
        offset = _resume_from(part, verifier, descriptor.size) if self.resume else 0
        meter = _progress(self.tool, f"{_short(descriptor.digest)} -> {self.where}", descriptor.size)
        if isinstance(source, _RegistryStore):
            stream = source.open_blob(descriptor, offset, verifier=verifier)
        else:
            stream = source.open_blob(descriptor, offset)
        _download(_Verifying(stream, verifier, meter, done=offset), part, final, offset)
        return "resumed" if offset else "copied"

    def put_manifest(self, document: Document, tag: str | None) -> None:
        final = self.path_of(document.descriptor)
        if not self.has_blob(document.descriptor):
            final.parent.mkdir(parents=True, exist_ok=True)
            _write_atomic(final, document.raw)
        if tag is not None:
            entry = partial.index_entry(document.parsed, platform=document.descriptor.platform)
            self._set_index(layout.add_manifest(self.index(), entry, ref_name=tag))
        elif document.subject is not None:
            self._set_index(layout.add_manifest(self.index(), document.referrer()))

    def add_untagged(self, document: Document) -> None:
        entry = partial.index_entry(document.parsed, platform=document.descriptor.platform)
        self._set_index(layout.add_manifest(self.index(), entry))

    def _set_index(self, index: ImageIndex) -> None:
        if index is not self._index:
            self._index = index
            self._dirty = True

    def finish(self) -> None:
        if self._dirty and self._index is not None:
            _write_atomic(self.directory / layout.INDEX_FILE, self._index.raw)
            self._dirty = False

    def referrers(self, digest: Digest, artifact_type: str | None = None) -> tuple[Descriptor, ...]:
        return layout_referrers(self.index(), self.read, digest, artifact_type)


def _resume_from(part: Path, verifier: DigestVerifier, size: int | None) -> int:
    """Feed what ``part`` already holds to ``verifier``; how many bytes that is (0 when there is no such file)."""
    try:
        handle = open(part, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        return 0
    with handle:
        done = _copy_stream(_FileSource(handle), _VerifierSink(verifier), limit=size)
    return done


class _VerifierSink:
    def __init__(self, verifier: DigestVerifier) -> None:
        self.verifier = verifier

    def write(self, data: memoryview, /) -> int:
        self.verifier.update(data)
        return len(data)


# -- copying -----------------------------------------------------------------------------------------------


@dataclass
class _Copied:
    """What a copy did, for the report."""

    manifests: dict[str, str]
    blobs: dict[str, str]
    referrers: list[str]


def _fetch_tree(source: _Store, document: Document, depth: int = 0) -> Tree:
    if depth > MAX_DEPTH:
        raise InvalidIndexError(f"indexes nest deeper than {MAX_DEPTH} levels (at {document.digest})")
    children = tuple(_fetch_tree(source, source.fetch(entry), depth + 1) for entry in links(document.parsed)[0])
    return Tree(document, children)


def _documents(tree: Tree) -> Iterator[Document]:
    yield tree.document
    for child in tree.children:
        yield from _documents(child)


def _choose(source: _Store, document: Document, wanted: platform.Platform | None) -> Document:
    """The document a --platform means: an index resolved (through nested indexes) to one manifest."""
    depth = 0
    while wanted is not None and isinstance(document.parsed, ImageIndex):
        depth += 1
        if depth > MAX_DEPTH:
            raise InvalidIndexError(f"indexes nest deeper than {MAX_DEPTH} levels")
        entry = select_platform(document.parsed, wanted, f"{source.where}@{document.digest}")
        document = source.fetch(entry)
    return document


def _transfer(tool: _Tool, source: _Store, target: _Store, root: Document, tag: str | None, copied: _Copied,
              done: set[str]) -> Tree:
    """Copy ``root`` and everything it links to, following :func:`plan_transfer`; the tree copied."""
    tree = _fetch_tree(source, root)
    steps = plan_transfer(tree, done=[parse_digest(d) for d in done])
    i = 0
    while i < len(steps):
        step = steps[i]
        digest = str(step.descriptor.digest)
        if step.kind == "check":
            if target.has_manifest(step.descriptor):
                for skipped in steps[i : step.end]:
                    done.add(str(skipped.descriptor.digest))
                    (copied.blobs if skipped.kind == "blob" else copied.manifests)[str(skipped.descriptor.digest)] = (
                        "present")
                own = steps[step.end]
                if own.root and tag is not None:
                    copied.manifests[digest] = "present"
                    i = step.end  # present, but the tag is still to be put
                else:
                    copied.manifests[digest] = "present"
                    done.add(digest)
                    i = step.end + 1
                continue
        elif step.kind == "blob":
            if target.has_blob(step.descriptor):
                copied.blobs[digest] = "present"
            else:
                copied.blobs[digest] = target.put_blob(step.descriptor, source)
            done.add(digest)
        else:
            assert step.document is not None
            root_tag = tag if step.root else None
            target.put_manifest(step.document, root_tag)
            copied.manifests[digest] = "tagged" if copied.manifests.get(digest) == "present" else "copied"
            done.add(digest)
        i += 1
    return tree


def _copy_referrers(tool: _Tool, source: _Store, target: _Store, tree: Tree, copied: _Copied, done: set[str],
                    depth: int = 0) -> None:
    """Copy the referrers of every manifest of ``tree`` (and theirs, to :data:`MAX_DEPTH`)."""
    if depth >= MAX_DEPTH:
        return
    for document in list(_documents(tree)):
        for entry in source.referrers(document.digest):
            if str(entry.digest) in done:
                continue
            referrer = source.fetch(entry)
            subtree = _transfer(tool, source, target, referrer, None, copied, done)
            if isinstance(target, _LayoutStore):
                target.add_untagged(referrer)
            copied.referrers.append(str(entry.digest))
            _copy_referrers(tool, source, target, subtree, copied, done, depth + 1)


def _tally(outcomes: dict[str, str]) -> str:
    counts: dict[str, int] = {}
    for how in outcomes.values():
        counts[how] = counts.get(how, 0) + 1
    return ", ".join(f"{n} {how}" for how, n in sorted(counts.items())) or "none"


def _copy(
    tool: _Tool, source: _Store, target: _Store, root: Document, tag: str | None, *, with_referrers: bool
) -> Report:
    copied = _Copied({}, {}, [])
    done: set[str] = set()
    tree = _transfer(tool, source, target, root, tag, copied, done)
    if with_referrers:
        _copy_referrers(tool, source, target, tree, copied, done)
    target.finish()
    where = f"{target.where}:{tag}" if tag is not None else f"{target.where}@{root.digest}"
    lines = [f"{where}: {root.digest}",
             f"  manifests: {_tally(copied.manifests)}; blobs: {_tally(copied.blobs)}"]
    if with_referrers:
        lines.append(f"  referrers: {len(copied.referrers)}")
    data: dict[str, object] = {
        "source": source.where,
        "destination": target.where,
        "tag": tag,
        "digest": str(root.digest),
        "mediaType": root.descriptor.media_type,
        "manifests": copied.manifests,
        "blobs": copied.blobs,
        "referrers": copied.referrers,
    }
    return Report(tuple(lines), data)


# -- locations -------------------------------------------------------------------------------------


def _open_store(tool: _Tool, location: Location, *, target: bool = False, resume: bool = False) -> _Store:
    if isinstance(location, LayoutTarget):
        return _LayoutStore(tool, location.path, location.name, create=target, resume=resume)
    return _RegistryStore(tool, location.reference, writing=target)


def _root_of(store: _Store) -> Document:
    if isinstance(store, _LayoutStore):
        return store.root()
    assert isinstance(store, _RegistryStore)
    return store.root()


def _source_tag(location: Location) -> str | None:
    if isinstance(location, LayoutTarget):
        return location.name
    return location.reference.tag


def _destination_tag(destination: Location, source: Location, root: Document) -> str | None:
    """DST's tag; DST's digest must be the image's; else SRC's tag (or layout name)."""
    if isinstance(destination, RegistryTarget):
        ref = destination.reference
        if ref.digest is not None:
            if ref.digest != root.digest:
                raise DigestMismatchError(f"{ref} names {ref.digest}, but the image copied is {root.digest}")
            return ref.tag
        tag = ref.tag or _source_tag(source)
        if tag is not None and registry_tag(tag) is None:
            raise InvalidReferenceError(f"{tag!r} is not a tag: give {ref} one", text=tag)
        return tag
    return destination.name or _source_tag(source)


def registry_tag(text: str) -> str | None:
    try:
        return reference.parse_reference(f"a:{text}").tag
    except OCIError:
        return None


def _is_dir(path: str) -> bool:
    return os.path.isdir(path)


def _designate_credentials(tool: _Tool, *locations: Location) -> None:
    """The explicit credentials go to the registry written to: the last location that is a registry."""
    registries = [location.reference for location in locations if isinstance(location, RegistryTarget)]
    if registries:
        tool.explicit_for = reference.canonical_domain(registries[-1].domain)


# -- the commands --------------------------------------------------------------------------------------


@dataclass
class _Result:
    """A command's outcome: reports to print, or raw bytes; ``items`` for commands of several inputs."""

    reports: list[Report]
    raw: bytes | None = None
    items: bool = False
    failures: int = 0


def _item_failure(tool: _Tool, text: str, error: BaseException, result: _Result, *, hint: str = "") -> None:
    if isinstance(error, KeyboardInterrupt):
        raise error
    tool.out.error(error, prefix=f"{text}: ")
    if hint:
        tool.out.note(f"{text}: {hint}")
    result.failures = max(result.failures, exit_status(error))
    result.reports.append(Report((), {"input": text, "error": error_json(error)}))


def _read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as handle:
        return handle.read()


def _hash_file(tool: _Tool, path: str, hasher: Digester | DigestVerifier) -> int:
    """Hash a file (or standard input) in chunks, with progress for a long one; its size."""
    if path == "-":
        handle: BinaryIO = sys.stdin.buffer
        total = None
    else:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
        total = os.fstat(handle.fileno()).st_size
    meter = _progress(tool, path, total) if total is None or total > 64 * _CHUNK else None
    done = 0
    try:
        while chunk := handle.read(_CHUNK):
            hasher.update(chunk)
            done += len(chunk)
            if meter is not None:
                meter.advance(done)
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()
        if meter is not None:
            meter.finish()
    return done


def _is_file_argument(text: str) -> bool:
    return text == "-" or os.path.isfile(text)


def _not_a_file_hint(text: str) -> str:
    """A note for a failed reference that names no registry of its own: perhaps a file name was meant."""
    # docker's rule for a registry named in the reference (splitDockerDomain): a first component with "." or ":".
    first, slash, _ = text.removeprefix("docker://").partition("/")
    explicit = bool(slash) and ("." in first or ":" in first or first == "localhost")
    return "" if explicit or os.path.exists(text) else "no such file, so it was read as an image reference"


def _cmd_digest(tool: _Tool, args: argparse.Namespace) -> _Result:
    result = _Result([], items=True)
    wanted = _platform_arg(args.platform)
    for text in args.targets:
        try:
            if _is_file_argument(text):
                hasher = Digester(args.algorithm)
                size = _hash_file(tool, text, hasher)
                found = hasher.digest()
                data: dict[str, object] = {"input": text, "digest": str(found), "size": size}
                result.reports.append(Report((f"{found}  {text}",), data))
                continue
            ref = parse_image_reference(text)
            store = _RegistryStore(tool, ref)
            descriptor = _remote_digest(store, ref, wanted)
            shown = f"{ref.name}@{descriptor.digest}" if args.full_ref else str(descriptor.digest)
            data = {"input": text, "reference": str(ref), **descriptor_json(descriptor)}
            result.reports.append(Report((shown,), data))
        except (OCIError, OSError, NetworkError) as exc:
            _item_failure(tool, text, exc, result, hint="" if _is_file_argument(text) else _not_a_file_hint(text))
    return result


def _remote_digest(store: _RegistryStore, ref: Reference, wanted: platform.Platform | None) -> Descriptor:
    """crane's digest: HEAD first; a GET when the registry sends no digest (or an index must be resolved)."""
    part = ref.digest or ref.tag or reference.DEFAULT_TAG
    if wanted is None:
        found = store.head(part)
        if found is None:
            raise NotFoundError(f"{ref}: no such manifest", status=404)
        if found.digest is not None and found.media_type is not None and found.size is not None:
            return Descriptor(found.media_type, found.digest, found.size)
    document = _choose(store, store.resolve(part), wanted)
    return document.descriptor


def _cmd_manifest(tool: _Tool, args: argparse.Namespace) -> _Result:
    ref = parse_image_reference(args.reference)
    store = _RegistryStore(tool, ref)
    document = _choose(store, store.root(), _platform_arg(args.platform))
    data = {"reference": str(ref), **descriptor_json(document.descriptor), "manifest": _json_value(document.raw)}
    return _Result([Report((), data)], raw=document.raw)


def _json_value(raw: bytes) -> object:
    import json

    return json.loads(raw)


def _image_config(store: _Store, document: Document, wanted: platform.Platform | None) -> tuple[Document, bytes]:
    document = _choose(store, document, wanted or _host_platform())
    manifest = document.parsed
    if not isinstance(manifest, ImageManifest):  # pragma: no cover - _choose resolves every index
        raise InvalidIndexError("no image manifest")
    config = manifest.config
    if isinstance(store, _RegistryStore):
        raw = store.read_blob(config, _MAX_CONFIG)
    else:
        assert isinstance(store, _LayoutStore)
        raw = store.read(config, _MAX_CONFIG)
    return document, raw


def _cmd_config(tool: _Tool, args: argparse.Namespace) -> _Result:
    ref = parse_image_reference(args.reference)
    store = _RegistryStore(tool, ref)
    document, raw = _image_config(store, store.root(), _platform_arg(args.platform))
    assert isinstance(document.parsed, ImageManifest)
    data = {"reference": str(ref), "manifest": str(document.digest),
            **descriptor_json(document.parsed.config), "config": _json_value(raw)}
    return _Result([Report((), data)], raw=raw)


def _cmd_blob(tool: _Tool, args: argparse.Namespace) -> _Result:
    ref = parse_image_reference(args.reference)
    digest = ref.digest
    if digest is None:
        raise InvalidReferenceError("blob needs REF@DIGEST (the blob's digest)", text=args.reference)
    if args.resume and args.output is None:
        raise ValueError("--continue needs -o FILE (standard output cannot be resumed)")
    store = _RegistryStore(tool, ref)
    verifier = DigestVerifier(digest)
    final = Path(args.output) if args.output is not None else None
    part = final.with_name(final.name + _PART) if final is not None else None
    offset = _resume_from(part, verifier, None) if part is not None and args.resume else 0
    source, size = store.stream_blob(digest, offset, verifier)
    reading = _Verifying(source, verifier, _progress(tool, _short(digest), size), done=offset)
    output = None if final is None else str(final)
    data: dict[str, object] = {"reference": str(ref), "digest": str(digest), "output": output}
    if final is None or part is None:
        if tool.out.json:
            _copy_stream(reading, _NullSink())
        else:
            sys.stdout.flush()
            _copy_stream(reading, sys.stdout.buffer)
        if reading.meter is not None:
            reading.meter.finish()
        return _Result([Report((), {**data, "size": reading.done})])
    _download(reading, part, final, offset)
    resumed = f" (resumed at {offset})" if offset else ""
    lines = (f"{final}: {digest} verified, {reading.done} bytes{resumed}",)
    return _Result([Report(lines if not tool.out.quiet else (), {**data, "size": reading.done, "resumedAt": offset})])


class _NullSink:
    def write(self, data: memoryview, /) -> int:
        return len(data)


def _list_all(client: _Client, first: Request) -> tuple[list[str], registry.Listing]:
    listing = registry.Listing.start(first)
    items: list[str] = []
    while listing.request is not None:
        answer = client.send(listing.request)
        listing, page = listing.receive(answer.request, answer.response)
        items += page
    return items, listing


def _cmd_ls(tool: _Tool, args: argparse.Namespace) -> _Result:
    ref = parse_image_reference(args.repository)
    if ref.tag is not None or ref.digest is not None:
        ref = ref.trim()
    repo, client = tool.repository(ref)
    tags, listing = _list_all(client, registry.list_tags(repo))
    if args.omit_digest_tags:
        tags = [tag for tag in tags if not _is_digest_tag(tag)]
    shown = [f"{ref.name}:{tag}" if args.full_ref else tag for tag in tags]
    if listing.truncated:
        tool.out.note(f"{ref.name}: stopped after {listing.pages} pages")
    data: dict[str, object] = {"repository": ref.name, "tags": tags, "truncated": listing.truncated}
    return _Result([Report(tuple(shown), data)])


def _is_digest_tag(tag: str) -> bool:
    algorithm, dash, encoded = tag.partition("-")
    return bool(dash) and algorithm.isalnum() and len(encoded) >= 32 and all(c in "0123456789abcdef" for c in encoded)


def _cmd_catalog(tool: _Tool, args: argparse.Namespace) -> _Result:
    text = args.registry[len("docker://") :] if args.registry.startswith("docker://") else args.registry
    text = text.rstrip("/")
    if not reference.is_domain(text):
        raise InvalidReferenceError("a registry is a host with an optional port, e.g. localhost:5000", text=text)
    client = tool.client(text)
    repositories, listing = _list_all(client, registry.list_catalog(client.root))
    shown = [f"{text}/{name}" if args.full_ref else name for name in repositories]
    return _Result([Report(tuple(shown), {"registry": text, "repositories": repositories,
                                          "truncated": listing.truncated})])


def _cmd_referrers(tool: _Tool, args: argparse.Namespace) -> _Result:
    ref = parse_image_reference(args.reference)
    store = _RegistryStore(tool, ref)
    descriptor = _remote_digest(store, ref, None)
    found = store.referrers(descriptor.digest, args.artifact_type)
    lines = tuple(f"{entry.digest}  {entry.artifact_type or '-'}  {entry.size} bytes" for entry in found)
    data: dict[str, object] = {
        "reference": str(ref),
        "subject": str(descriptor.digest),
        "source": store.referrers_source,
        "referrers": [descriptor_json(entry) for entry in found],
    }
    return _Result([Report(lines, data)])


def _cmd_pull(tool: _Tool, args: argparse.Namespace) -> _Result:
    ref = parse_image_reference(args.reference)
    target_location = split_layout_argument(args.layout, is_dir=_is_dir)
    source = _RegistryStore(tool, ref)
    target = _LayoutStore(tool, target_location.path, None, create=True, resume=args.resume)
    root = _choose(source, source.root(), _platform_arg(args.platform))
    name = target_location.name or ref.tag
    return _Result([_copy(tool, source, target, root, name, with_referrers=args.referrers)])


def _cmd_push(tool: _Tool, args: argparse.Namespace) -> _Result:
    source_location = split_layout_argument(args.layout, is_dir=_is_dir)
    destination = RegistryTarget(parse_image_reference(args.reference))
    source = _LayoutStore(tool, source_location.path, source_location.name)
    target = _RegistryStore(tool, destination.reference, writing=True)
    root = source.root()
    tag = _destination_tag(destination, source_location, root)
    if tag is None and destination.reference.digest is None:
        tag = reference.DEFAULT_TAG
    return _Result([_copy(tool, source, target, root, tag, with_referrers=args.referrers)])


def _cmd_copy(tool: _Tool, args: argparse.Namespace) -> _Result:
    source_location = parse_location(args.source, is_dir=_is_dir)
    destination = parse_location(args.destination, is_dir=_is_dir)
    source = _open_store(tool, source_location)
    target = _open_store(tool, destination, target=True, resume=args.resume)
    root = _choose(source, _root_of(source), _platform_arg(args.platform))
    tag = _destination_tag(destination, source_location, root)
    return _Result([_copy(tool, source, target, root, tag, with_referrers=args.referrers)])


def _cmd_tag(tool: _Tool, args: argparse.Namespace) -> _Result:
    ref = parse_image_reference(args.reference)
    new_tag = registry_tag(args.new_tag)
    if new_tag is None:
        raise InvalidReferenceError("invalid tag format", text=args.new_tag)
    store = _RegistryStore(tool, ref, writing=True)
    document = store.root()
    store.put_manifest(document, new_tag)
    data = {"reference": f"{ref.name}:{new_tag}", **descriptor_json(document.descriptor)}
    return _Result([Report((f"{ref.name}:{new_tag}: {document.digest}",), data)])


def _cmd_delete(tool: _Tool, args: argparse.Namespace) -> _Result:
    ref = parse_image_reference(args.reference)
    store = _RegistryStore(tool, ref)
    digest = ref.digest
    if digest is None:
        found = store.head(ref.tag or reference.DEFAULT_TAG)
        digest = found.digest if found is not None and found.digest is not None else store.root().digest
    answer = store.client.send(registry.delete_manifest(store.repo, digest))
    registry.read_deleted(answer.request, answer.response)
    return _Result([Report((f"{ref.name}@{digest}: deleted",), {"reference": str(ref), "digest": str(digest)})])


def _cmd_inspect(tool: _Tool, args: argparse.Namespace) -> _Result:
    result = _Result([], items=True)
    wanted = _platform_arg(args.platform)
    for text in args.targets:
        try:
            if _is_file_argument(text):
                result.reports.append(inspect_document(_read_input(text), args.media_type, text))
                continue
            location = parse_location(text, is_dir=_is_dir) if text.startswith("oci:") else RegistryTarget(
                parse_image_reference(text))
            store = _open_store(tool, location)
            document = _choose(store, _root_of(store), wanted)
            report = document_report(document.parsed, text)
            result.reports.append(_with_config(store, document, report))
        except (OCIError, OSError, NetworkError) as exc:
            _item_failure(tool, text, exc, result, hint="" if _is_file_argument(text) or text.startswith("oci:")
                          else _not_a_file_hint(text))
    return result


def _with_config(store: _Store, document: Document, report: Report) -> Report:
    """An image's report, with what its config says (platform, created, diffIDs) when it is an image config."""
    manifest = document.parsed
    if not isinstance(manifest, ImageManifest):
        return report
    from . import models  # only inspect needs it: the tool's other commands start without it

    if models.model_family(manifest) is not None:
        return _with_model(store, document, report)
    if not is_config(manifest.config.media_type):
        return report
    try:
        _, raw = _image_config(store, document, None)
        image = parse_image_config(raw)
    except (OCIError, OSError) as exc:
        return Report((*report.lines, f"config: not read ({exc})"), {**report.data, "image": None})
    described = config_report(image, raw, str(manifest.config.digest))
    lines = (*report.lines, "config:", *(f"  {line}" for line in described.lines[2:]))
    return Report(lines, {**report.data, "image": described.data})


def _with_model(store: _Store, document: Document, report: Report) -> Report:
    """A model artifact's report, with what its config and layers say (format, quantization, files)."""
    from . import models

    manifest = document.parsed
    assert isinstance(manifest, ImageManifest)
    try:
        _, raw = _image_config(store, document, None)
        summary = models.summarize_model(manifest, raw)
    except (OCIError, OSError) as exc:
        return Report((*report.lines, f"model: not read ({exc})"), {**report.data, "model": None})
    data: dict[str, object] = {
        "family": str(summary.family), "configMediaType": summary.config_media_type, "format": summary.format,
        "quantization": summary.quantization, "parameters": summary.parameters,
        "architecture": summary.architecture, "size": summary.size, "contextSize": summary.context_size,
        "created": summary.created,
        "files": [{"path": f.path, "kind": str(f.kind), "format": f.format, "mediaType": f.media_type,
                   "size": f.size, "digest": str(f.digest)} for f in summary.files],
    }
    return Report((*report.lines, *summary.lines()), {**report.data, "model": data})


def _cmd_verify(tool: _Tool, args: argparse.Namespace) -> _Result:
    verifier = DigestVerifier(parse_digest(args.digest), size=args.size)
    size = _hash_file(tool, args.file, verifier)
    verifier.verify()
    data: dict[str, object] = {"input": args.file, "digest": args.digest, "size": size, "ok": True}
    return _Result([Report((f"{args.file}: OK",), data)])


def _cmd_media_type(tool: _Tool, args: argparse.Namespace) -> _Result:
    result = _Result([], items=True)
    for text in args.media_types:
        try:
            result.reports.append(media_type_report(text))
        except OCIError as exc:
            _item_failure(tool, text, exc, result)
    return result


def _cmd_reference(tool: _Tool, args: argparse.Namespace) -> _Result:
    result = _Result([], items=True)
    for text in args.references:
        try:
            ref = reference.parse_reference(text) if args.strict else reference.parse_normalized_reference(text)
            result.reports.append(reference_report(text, ref))
        except OCIError as exc:
            _item_failure(tool, text, exc, result)
    return result


def _cmd_platform(tool: _Tool, args: argparse.Namespace) -> _Result:
    try:
        host = platform.parse_platform(args.host) if args.host else None
    except InvalidPlatformError as exc:
        raise InvalidPlatformError(f"--host: {exc.message}", text=exc.text, span=exc.span) from None
    if args.pick and len(args.platforms) < 2:
        raise InvalidPlatformError("--pick needs a wanted platform and at least one candidate")
    result = _Result([], items=True)
    parsed: list[platform.Platform | None] = []
    for text in args.platforms:
        try:
            found = platform.parse_platform(text, host=host)
        except OCIError as exc:
            _item_failure(tool, text, exc, result)
            parsed.append(None)
            continue
        parsed.append(found)
        result.reports.append(platform_report(text, found))
    if args.pick:
        wanted, candidates = parsed[0], [p for p in parsed[1:] if p is not None]
        if wanted is not None:
            try:
                result.reports.append(pick_report(wanted, candidates))
            except OCIError as exc:
                _item_failure(tool, "--pick", exc, result)
    return result


def _cmd_layout(tool: _Tool, args: argparse.Namespace) -> _Result:
    from ._cli_layout import check_layout

    report, ok = check_layout(args.directory, _LayoutIO(tool))
    return _Result([report], failures=0 if ok else 1)


class _LayoutIO:
    """The file access that ``_cli_layout`` needs: reads, chunks, a directory listing, progress."""

    def __init__(self, tool: _Tool) -> None:
        self.tool = tool

    def read(self, path: str, limit: int) -> bytes:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise RemoteProtocolError(f"{path} is larger than {limit} bytes")
        return data

    def chunks(self, path: str, label: str, size: int) -> Iterator[bytes]:
        meter = _progress(self.tool, label, size) if size > 16 * _CHUNK else None
        done = 0
        with open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                done += len(chunk)
                if meter is not None:
                    meter.advance(done)
                yield chunk
        if meter is not None:
            meter.finish()

    def list_blobs(self, root: str) -> list[str]:
        blobs = Path(root) / layout.BLOBS_DIRECTORY
        found: list[str] = []
        if blobs.is_dir():
            for algorithm in sorted(blobs.iterdir()):
                if algorithm.is_dir():
                    prefix = f"{layout.BLOBS_DIRECTORY}/{algorithm.name}/"
                    found += [prefix + blob.name for blob in sorted(algorithm.iterdir())]
        return found


_COMMANDS: dict[str, Callable[[_Tool, argparse.Namespace], _Result]] = {
    "manifest": _cmd_manifest,
    "digest": _cmd_digest,
    "config": _cmd_config,
    "blob": _cmd_blob,
    "ls": _cmd_ls,
    "tags": _cmd_ls,
    "catalog": _cmd_catalog,
    "referrers": _cmd_referrers,
    "pull": _cmd_pull,
    "push": _cmd_push,
    "copy": _cmd_copy,
    "cp": _cmd_copy,
    "tag": _cmd_tag,
    "delete": _cmd_delete,
    "inspect": _cmd_inspect,
    "verify": _cmd_verify,
    "media-type": _cmd_media_type,
    "reference": _cmd_reference,
    "platform": _cmd_platform,
    "layout": _cmd_layout,
}

# The commands whose explicit credentials go to a registry they write to (the last argument that is one).
_WRITERS: dict[str, Callable[[argparse.Namespace], tuple[Location, ...]]] = {
    "push": lambda args: (RegistryTarget(parse_image_reference(args.reference)),),
    "copy": lambda args: _copy_locations(args),
    "cp": lambda args: _copy_locations(args),
}


def _copy_locations(args: argparse.Namespace) -> tuple[Location, ...]:
    return parse_location(args.source, is_dir=_is_dir), parse_location(args.destination, is_dir=_is_dir)


def _program_name() -> str:
    """How the user ran the tool: the console script's name, or ``python3 -m oci_core``."""
    invoked = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    return "python3 -m oci_core" if invoked in ("", "__main__.py", "-c") else invoked


def _tolerant_streams() -> None:
    # Text the tool repeats (annotations, references) may not fit the
    # terminal's encoding; escape it rather than fail with a traceback.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _quiet_closed_pipe() -> None:
    # The reader went away (``| head -1``): stop quietly, and keep the
    # interpreter's final flush from reporting the closed pipe again.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _emit(out: _Output, result: _Result) -> None:
    if out.json:
        if result.items:
            out.document([report.data for report in result.reports])
        elif result.reports:
            out.document(result.reports[0].data)
    elif result.raw is not None:
        out.raw(result.raw)
    else:
        for report in result.reports:
            out.lines(report.lines)
    sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the tool; return the exit status."""
    _tolerant_streams()
    parser = build_parser(_program_name())
    args = parser.parse_args(argv)
    if getattr(args, "password_stdin", False) and not getattr(args, "username", None):
        parser.error("--password-stdin needs --username")
    out = _Output(json_output=args.json, quiet=args.quiet)
    run = _COMMANDS[args.command]
    tool: _Tool | None = None
    try:
        try:
            tool = _Tool(args, out)
            writers = _WRITERS.get(args.command)
            if writers is not None:
                _designate_credentials(tool, *writers(args))
            result = run(tool, args)
            _emit(out, result)
            return result.failures or EXIT_OK
        except BrokenPipeError:
            raise
        except (OCIError, OSError, NetworkError, ValueError) as exc:
            out.error(exc)
            if out.json:
                out.document({"error": error_json(exc)})
                sys.stdout.flush()
            return exit_status(exc)
        except KeyboardInterrupt:
            out.clear()
            sys.stderr.write("interrupted\n")
            return EXIT_INTERRUPTED
        finally:
            if tool is not None:
                tool.transport.close()
    except BrokenPipeError:
        _quiet_closed_pipe()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
