"""The registry API, side by side: building requests, reading responses, moving a 64 MiB blob.

    python3 benchmarks/bench_registry.py        # ours, the limits and oras-py, in one run

``run()`` is what ``benchmarks/run.py`` calls: rows of (name, value, note).

* **Building a manifest GET** (``registry.get_manifest``), against the least a
  hand-written client does (an f-string URL and a dict of headers).
* **Reading a 1.6 KB manifest response** (``../shared/bench/manifest.json``,
  Content-Type and ``Docker-Content-Digest`` set, pulled by digest): ``read_manifest``
  (status, caps, both digest checks, media type) and ``read_manifest(...).parse()``,
  against ``parse_manifest`` of the same bytes. Alternating blocks; the fastest
  block of each. The microbenchmarks count this process's CPU time, not the
  wall clock (see :func:`_cpu_us`: the machine is shared).
* **A 64 MiB blob pushed in 8 MiB chunks and pulled back** from a local
  docker-registry (storage on tmpfs where there is one) through ``http.client``:
  with the library (``Upload`` for the push; ``get_blob``/``read_blob`` and the
  ``DigestVerifier`` for the pull) against the same bytes through bare ``http.client``
  (hand-built headers; the pull hashed with ``hashlib`` and, as the physical limit,
  not hashed at all), and through oras-py (the Python peer, in ``benchmarks/.venv``,
  run in the same process run as a subprocess: ``chunked_upload`` with 8 MiB chunks
  and ``download_blob`` to a file on the same tmpfs). Each transfer is repeated and
  the best run of each kind kept (MB/s, higher is better).
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin, urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from _timing import SHARED_BENCH, Row, peer_python  # noqa: E402

from oci_core import registry  # noqa: E402
from oci_core.descriptor import describe  # noqa: E402
from oci_core.digest import compute_digest  # noqa: E402
from oci_core.http import Response  # noqa: E402
from oci_core.manifest import parse_manifest  # noqa: E402
from oci_core.mediatypes import OCI_IMAGE_MANIFEST  # noqa: E402
from oci_core.upload import Upload  # noqa: E402

BUILD_TARGET_US = 5.0
READ_MARGIN_US = 3.0
THROUGHPUT_TARGET = 0.90
BLOB_SIZE = 64 * 1024 * 1024
CHUNK = 8 * 1024 * 1024
READ_SIZE = 1024 * 1024
RUNS = 5


def _cpu_us(function: Callable[[], object], number: int = 2000, rounds: int = 25) -> float:
    """The fastest of ``rounds`` means over ``number`` calls, in this process's CPU time (µs).

    The machine is shared by several developers' test runs (load averages of
    5 to 10 on 2 cores while these figures were taken): wall-clock figures
    then measure the neighbours. CPU time counts only what this code spends.
    """
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time_ns()
        for _ in range(number):
            function()
        best = min(best, (time.process_time_ns() - started) / number / 1000)
    return best


def _cpu_side_by_side(
    first: Callable[[], object], second: Callable[[], object], blocks: int = 15
) -> tuple[float, float]:
    """Both functions' fastest block in CPU time (µs), measured in alternating blocks."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(blocks):
        for side, function in enumerate((first, second)):
            times[side].append(_cpu_us(function, number=1000, rounds=1))
    return min(times[0]), min(times[1])


# -- building and reading ---------------------------------------------------------------------------------


def _build_rows() -> list[Row]:
    repo = registry.Repository("https://registry.example.com", "library/alpine")
    accept = ", ".join(registry.DEFAULT_ACCEPT)

    def by_hand() -> object:
        return (
            "GET",
            f"https://registry.example.com/v2/{repo.name}/manifests/3.20",
            {"Accept": accept, "Accept-Encoding": "identity"},
        )

    ours = _cpu_us(lambda: registry.get_manifest(repo, "3.20"))
    with_auth = _cpu_us(lambda: registry.get_manifest(repo, "3.20", headers={"Authorization": "Bearer abc"}))
    by_digest = _cpu_us(lambda: registry.get_manifest(repo, "sha256:" + "a" * 64))
    limit = _cpu_us(by_hand)
    verdict = "meets" if ours <= BUILD_TARGET_US else "MISSES"
    return [
        ("build manifest GET: registry.get_manifest (tag), µs", ours, f"{verdict} the {BUILD_TARGET_US} µs target"),
        ("build manifest GET: by digest, µs", by_digest, ""),
        ("build manifest GET: with the caller's Authorization, µs", with_auth, ""),
        ("build manifest GET: by hand (f-string + dict), µs", limit, "the least any client does"),
    ]


def _bench_manifest() -> bytes | None:
    # shared/ sits beside the checkout; a worktree under wt/ has it one level further up.
    for directory in (SHARED_BENCH, HERE.parent.parent.parent / "shared" / "bench"):
        if (directory / "manifest.json").exists():
            return (directory / "manifest.json").read_bytes()
    return None


def _read_rows() -> list[Row]:
    raw = _bench_manifest()
    if raw is None:
        return [("read manifest response: ../shared/bench/manifest.json missing", float("nan"), "")]
    digest = compute_digest(raw)
    repo = registry.Repository("https://registry.example.com", "library/alpine")
    request = registry.get_manifest(repo, digest)
    response = Response(
        200,
        [
            ("Content-Type", OCI_IMAGE_MANIFEST),
            ("Content-Length", str(len(raw))),
            ("Docker-Content-Digest", str(digest)),
            ("Docker-Distribution-Api-Version", "registry/2.0"),
            ("Date", "Tue, 01 Dec 2026 12:00:00 GMT"),
        ],
        raw,
    )
    headers = list(response.headers)
    parse_us, read_parse_us = _cpu_side_by_side(
        lambda: parse_manifest(raw), lambda: registry.read_manifest(request, response).parse()
    )
    read_us, digest_us = _cpu_side_by_side(
        lambda: registry.read_manifest(request, response), lambda: hashlib.sha256(raw).hexdigest()
    )
    fresh_us = _cpu_us(lambda: registry.read_manifest(request, Response(200, headers, raw)))
    response_us = _cpu_us(lambda: Response(200, headers, raw))
    overhead = read_parse_us - parse_us
    verdict = "meets" if overhead <= READ_MARGIN_US else "MISSES"
    return [
        (f"read {len(raw)} B manifest: parse_manifest alone, µs", parse_us, "the document reader"),
        ("read manifest response: read_manifest(...).parse(), µs", read_parse_us,
         f"{overhead:+.2f} µs over parse_manifest: {verdict} the +{READ_MARGIN_US} µs target"),
        ("read manifest response: read_manifest (checks, no parse), µs", read_us, "status, caps, 2 digest checks"),
        ("read manifest response: hashlib.sha256 of the body, µs", digest_us, "the limit of one digest check"),
        ("Response(...) from the client's 5 headers, µs", response_us, "the caller's side: wrapping the answer"),
        ("Response(...) + read_manifest, a fresh response each time, µs", fresh_us, "headers indexed on first use"),
    ]


# -- moving a blob -----------------------------------------------------------------------------------------


class _Connection:
    """One kept-alive http.client connection to the local registry."""

    def __init__(self, root: str) -> None:
        parts = urlsplit(root)
        self.root = root
        self.conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=120)

    def send(
        self, method: str, url: str, headers: list[tuple[str, str]], body: object = None
    ) -> http.client.HTTPResponse:
        parts = urlsplit(url)
        self.conn.putrequest(method, parts.path + (f"?{parts.query}" if parts.query else ""),
                             skip_accept_encoding=True)
        for name, value in headers:
            self.conn.putheader(name, value)
        self.conn.endheaders(body)  # type: ignore[arg-type]
        return self.conn.getresponse()


def _library_push(conn: _Connection, repo: registry.Repository, blob: bytes, descriptor: object) -> None:
    view = memoryview(blob)
    up = Upload.start(repo, descriptor, chunk_size=CHUNK)  # type: ignore[arg-type]
    while not up.done:
        request = up.request
        chunk = up.range
        answer = conn.send(request.method, request.url, list(request.headers),
                           view[chunk[0]:chunk[1]] if chunk else None)
        answer.read()
        up = up.receive(request, Response(answer.status, answer.getheaders(), b"", request.url))
    if not up.committed:
        raise RuntimeError(f"library push failed: {up.error}")


def _bare_push(conn: _Connection, repo: registry.Repository, blob: bytes, digest: str) -> None:
    view = memoryview(blob)
    answer = conn.send("POST", f"{repo.root}/v2/{repo.name}/blobs/uploads/", [("Content-Length", "0")])
    answer.read()
    location = urljoin(conn.root, answer.getheader("Location") or "")
    for start in range(0, len(blob), CHUNK):
        end = min(len(blob), start + CHUNK)
        answer = conn.send("PATCH", location, [("Content-Type", "application/octet-stream"),
                                               ("Content-Length", str(end - start)),
                                               ("Content-Range", f"{start}-{end - 1}")], view[start:end])
        answer.read()
        location = urljoin(conn.root, answer.getheader("Location") or "")
    separator = "&" if "?" in location else "?"
    answer = conn.send("PUT", f"{location}{separator}digest={digest.replace(':', '%3A')}", [("Content-Length", "0")])
    answer.read()
    if answer.status != 201:
        raise RuntimeError(f"bare push failed: {answer.status}")


def _library_pull(conn: _Connection, repo: registry.Repository, descriptor: object) -> None:
    request = registry.get_blob(repo, descriptor.digest)  # type: ignore[attr-defined]
    answer = conn.send(request.method, request.url, list(request.headers))
    stream = registry.read_blob(request, Response(answer.status, answer.getheaders(), b"", request.url),
                                descriptor)  # type: ignore[arg-type]
    update = stream.verifier.update
    while chunk := answer.read(READ_SIZE):
        update(chunk)
    stream.verifier.verify()


def _bare_pull(conn: _Connection, repo: registry.Repository, digest: str, hashed: bool) -> None:
    answer = conn.send("GET", f"{repo.root}/v2/{repo.name}/blobs/{digest}", [("Accept-Encoding", "identity")])
    if answer.status != 200:
        raise RuntimeError(f"bare pull failed: {answer.status}")
    if hashed:
        hasher = hashlib.sha256()
        while chunk := answer.read(READ_SIZE):
            hasher.update(chunk)
        if "sha256:" + hasher.hexdigest() != digest:
            raise RuntimeError("bare pull: digest mismatch")
    else:
        while answer.read(READ_SIZE):
            pass


def _best_mbps(function: Callable[[], None]) -> float:
    best = float("inf")
    for _ in range(RUNS):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return BLOB_SIZE / best / 1e6


def _start_registry(directory: Path) -> tuple[subprocess.Popen[bytes], str]:
    from tests.tools import free_port

    port = free_port()
    config = {
        "version": 0.1,
        "log": {"level": "error", "accesslog": {"disabled": True}},
        "storage": {"filesystem": {"rootdirectory": str(directory / "data")}, "delete": {"enabled": True}},
        "http": {"addr": f"127.0.0.1:{port}", "secret": "bench"},
    }
    (directory / "config.yml").write_text(json.dumps(config))
    process = subprocess.Popen(["/usr/bin/docker-registry", "serve", str(directory / "config.yml")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    root = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            probe.request("GET", "/v2/")
            probe.getresponse().read()
            probe.close()
            return process, root
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("docker-registry did not start")


def _blob_rows() -> list[Row]:
    if not os.access("/usr/bin/docker-registry", os.X_OK):
        return [("64 MiB blob: docker-registry not installed", float("nan"), "apt-get install docker-registry")]
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    with tempfile.TemporaryDirectory(dir=base) as scratch:
        directory = Path(scratch)
        blob = os.urandom(BLOB_SIZE)
        descriptor = describe(blob, "application/octet-stream")
        digest = str(descriptor.digest)
        process, root = _start_registry(directory)
        try:
            conn = _Connection(root)
            repo = registry.Repository(root, "bench/blob")
            pushes = {"library": 0.0, "bare": 0.0}
            pulls = {"library": 0.0, "bare+sha256": 0.0, "bare": 0.0}
            for _ in range(RUNS):  # alternate, so that drift weighs on both
                for table, key, function in (
                    (pushes, "library", lambda: _library_push(conn, repo, blob, descriptor)),
                    (pushes, "bare", lambda: _bare_push(conn, repo, blob, digest)),
                    (pulls, "library", lambda: _library_pull(conn, repo, descriptor)),
                    (pulls, "bare+sha256", lambda: _bare_pull(conn, repo, digest, True)),
                    (pulls, "bare", lambda: _bare_pull(conn, repo, digest, False)),
                ):
                    table[key] = max(table[key], _best_mbps(function))
            oras = _oras(root, blob, digest, directory)
        finally:
            process.terminate()
            process.wait(timeout=10)
    push_ratio = pushes["library"] / pushes["bare"]
    pull_ratio = pulls["library"] / pulls["bare+sha256"]
    pull_raw_ratio = pulls["library"] / pulls["bare"]

    def verdict(ratio: float) -> str:
        return "meets" if ratio >= THROUGHPUT_TARGET else "MISSES"

    rows: list[Row] = [
        ("64 MiB push, 8 MiB chunks: library (Upload) over http.client, MB/s", pushes["library"],
         f"{push_ratio:.0%} of bare: {verdict(push_ratio)} the {THROUGHPUT_TARGET:.0%} target"),
        ("64 MiB push, 8 MiB chunks: bare http.client, MB/s", pushes["bare"], "same requests, hand-built"),
        ("64 MiB pull: library (read_blob + DigestVerifier), MB/s", pulls["library"],
         f"{pull_ratio:.0%} of bare+sha256 ({verdict(pull_ratio)} the target), {pull_raw_ratio:.0%} of bare unhashed"),
        ("64 MiB pull: bare http.client + hashlib.sha256, MB/s", pulls["bare+sha256"], "what verifying clients do"),
        ("64 MiB pull: bare http.client, no digest check, MB/s", pulls["bare"], "the physical limit"),
    ]
    rows.extend(oras)
    return rows


def _oras(root: str, blob: bytes, digest: str, directory: Path) -> list[Row]:
    python = peer_python()
    if python is None:
        return [("64 MiB push/pull: oras-py", float("nan"), "run benchmarks/run.py --setup first")]
    path = directory / "blob.bin"
    path.write_bytes(blob)
    script = HERE / "peers_registry.py"
    command = [python, str(script), urlsplit(root).netloc, str(path), digest, str(CHUNK), str(RUNS)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        return [("64 MiB push/pull: oras-py failed", float("nan"), done.stderr.strip().splitlines()[-1][:80])]
    results: dict[str, float] = json.loads(done.stdout)
    return [(name, value, "oras 0.2 (requests), in benchmarks/.venv") for name, value in results.items()]


def run() -> list[Row]:
    return _build_rows() + _read_rows() + _blob_rows()


if __name__ == "__main__":
    import platform

    print(f"Python {platform.python_version()} on {platform.machine()}")
    for name, value, note in run():
        print(f"  {name:66} {value:10.2f}   {note}")
