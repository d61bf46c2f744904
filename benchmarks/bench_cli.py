"""The command-line tool, side by side: pulling a 64 MiB single-layer image into an OCI layout, and its memory.

    python3 benchmarks/bench_cli.py          # ours, skopeo and the bare limit, in one run

``run()`` is what ``benchmarks/run.py`` calls: rows of (name, value, note).

* **Pull time**: ``python3 -m oci_core pull REF DIR`` against ``skopeo copy
  docker://REF oci:DIR:TAG`` (the same image from the same local
  docker-registry, storage and layouts on tmpfs where there is one), each run
  into a fresh directory, the two tools alternating so that the machine's
  drift weighs on both; the median of each, and their ratio (the issue's
  target: at most 1.3 times skopeo's time). The physical limit beside them: the
  same three GETs (manifest, config, layer) over bare ``http.client``, the
  layer hashed with hashlib and written to a file, in this process.
* **Peak memory** of the tool's process (``ru_maxrss`` of the child, from
  ``os.wait4``) pulling a 64 MiB and a 256 MiB layer: streamed, so it does
  not grow with the layer (the target: under 64 MiB whatever the size); and,
  for scale, the interpreter importing the tool and printing its version.

The image is random bytes in a gzip stream (level 1): gzip cannot shrink them,
so the bytes moved are the layer's size.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from _timing import Row  # noqa: E402
from bench_registry import _start_registry  # noqa: E402

from tests.cli_fixtures import big_layer_layout  # noqa: E402

SIZE = 64 << 20
BIG = 256 << 20
RUNS = 7
TIME_TARGET = 1.3
MEMORY_TARGET_MIB = 64.0


# Runs the tool in this very interpreter and reports the peak resident memory of its own address space
# (VmHWM): ru_maxrss would count the benchmark process the child was forked from.
_MEASURED = """
import runpy, sys
out = sys.argv.pop(1)
sys.argv[0] = "oci-spec-core"
try:
    runpy.run_module("oci_core", run_name="__main__", alter_sys=True)
finally:
    peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
    open(out, "w").write(peak.split()[1])
"""


def _child(command: list[str], env: dict[str, str] | None = None, *, memory: Path | None = None) -> tuple[float, float]:
    """Run ``command``; its wall time (s) and CPU time (s, user + system, from the kernel's account of the child).

    With ``memory``, ``command`` is the tool's arguments, run through a wrapper that writes its peak
    resident memory (KiB) there.
    """
    if memory is not None:
        command = [sys.executable, "-c", _MEASURED, str(memory), *command]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read() if process.stderr is not None else b""
    if process.stderr is not None:
        process.stderr.close()
    if process.returncode != 0:
        raise RuntimeError(f"{command[:4]} failed: {errors.decode(errors='replace')[-400:]}")
    return elapsed, usage.ru_utime + usage.ru_stime


def _peak_mib(path: Path) -> float:
    return int(path.read_text()) / 1024


def _env(home: Path, cache: Path) -> dict[str, str]:
    """The runs' environment: no credentials of the developer's, and bytecode cached (as an installed tool has it)."""
    dropped = ("DOCKER_CONFIG", "REGISTRY_AUTH_FILE", "XDG_RUNTIME_DIR", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env["HOME"] = str(home)
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def _bare_pull(host: str, name: str, manifest_digest: str, config_digest: str, layer_digest: str, out: Path) -> None:
    """The least a verifying client does: three GETs over one connection, the layer hashed and written."""
    address, port = host.split(":")
    connection = http.client.HTTPConnection(address, int(port))
    accept = {"Accept": "application/vnd.oci.image.manifest.v1+json"}
    documents = ((f"/v2/{name}/manifests/{manifest_digest}", accept), (f"/v2/{name}/blobs/{config_digest}", {}))
    for path, headers in documents:
        connection.request("GET", path, headers=headers)
        body = connection.getresponse().read()
        assert hashlib.sha256(body).hexdigest() == path.rsplit(":", 1)[1]
    connection.request("GET", f"/v2/{name}/blobs/{layer_digest}")
    answer = connection.getresponse()
    hasher = hashlib.sha256()
    buffer = memoryview(bytearray(1 << 20))
    with open(out, "wb") as sink:
        while n := answer.readinto(buffer):
            hasher.update(buffer[:n])
            sink.write(buffer[:n])
    assert hasher.hexdigest() == layer_digest.split(":")[1]
    connection.close()


def run() -> list[Row]:
    skopeo = shutil.which("skopeo") or "/usr/bin/skopeo"
    if not os.access("/usr/bin/docker-registry", os.X_OK) or not os.access(skopeo, os.X_OK):
        return [("cli pull: docker-registry or skopeo not installed", float("nan"),
                 "apt-get install docker-registry skopeo")]
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    with tempfile.TemporaryDirectory(dir=base) as scratch:
        directory = Path(scratch)
        home = directory / "home"
        home.mkdir()
        env = _env(home, directory / "pycache")
        manifest, layer = big_layer_layout(directory / "image", SIZE, "v1")
        big_layer_layout(directory / "big", BIG, "v1")
        process, root = _start_registry(directory)
        host = root.split("//", 1)[1]
        tool = [sys.executable, "-m", "oci_core", "--quiet"]
        peak_file = directory / "peak"
        try:
            for layout_dir, name in ((directory / "image", "bench/pull"), (directory / "big", "bench/big")):
                _child([*tool, "push", f"{layout_dir}:v1", f"{host}/{name}:v1"], env)  # and the bytecode cached
            config = _config_digest(directory / "image", str(manifest.digest))
            ours: list[tuple[float, float]] = []
            theirs: list[tuple[float, float]] = []
            bare: list[float] = []
            for run_number in range(RUNS):  # alternating, so that the machine's drift weighs on both
                target = directory / f"ours-{run_number}"
                ours.append(_child([*tool, "pull", f"{host}/bench/pull:v1", str(target)], env))
                shutil.rmtree(target)
                target = directory / f"skopeo-{run_number}"
                theirs.append(_child([skopeo, "--insecure-policy", "copy", "--quiet", "--src-tls-verify=false",
                                      f"docker://{host}/bench/pull:v1", f"oci:{target}:v1"], env))
                shutil.rmtree(target)
                out = directory / "bare.bin"
                started = time.perf_counter()
                _bare_pull(host, "bench/pull", str(manifest.digest), config, str(layer.digest), out)
                bare.append(time.perf_counter() - started)
                out.unlink()
            peaks = []
            for name, size in (("bench/pull", SIZE), ("bench/big", BIG)):
                target = directory / "peak-pull"
                _child(["--quiet", "pull", f"{host}/{name}:v1", str(target)], env, memory=peak_file)
                peaks.append((size, _peak_mib(peak_file)))
                shutil.rmtree(target)
            _child(["--version"], env, memory=peak_file)
            idle_peak = _peak_mib(peak_file)
        finally:
            process.terminate()
            process.wait(timeout=10)
    ours_s, theirs_s = statistics.median(t for t, _ in ours), statistics.median(t for t, _ in theirs)
    ours_cpu, theirs_cpu = statistics.median(c for _, c in ours), statistics.median(c for _, c in theirs)
    ratio = ours_s / theirs_s
    verdict = "meets" if ratio <= TIME_TARGET else "MISSES"
    worst = max(peak for _, peak in peaks)
    memory_verdict = "meets" if worst < MEMORY_TARGET_MIB else "MISSES"
    rows: list[Row] = [
        ("cli pull 64 MiB image: oci-spec-core pull, s (median wall)", ours_s,
         f"{ratio:.2f}x skopeo's time: {verdict} the {TIME_TARGET}x target ({RUNS} runs, alternating)"),
        ("cli pull 64 MiB image: skopeo copy docker:// oci:, s (median wall)", theirs_s, "the peer (Go)"),
        ("cli pull 64 MiB image: oci-spec-core pull, CPU s (user+sys)", ours_cpu, "interpreter start included"),
        ("cli pull 64 MiB image: skopeo copy, CPU s (user+sys)", theirs_cpu, "every thread of it"),
        ("cli pull 64 MiB image: bare http.client + hashlib + write, s", statistics.median(bare),
         "the limit: 3 GETs in this process, no interpreter start"),
    ]
    rows += [(f"cli pull {size >> 20} MiB layer: peak memory of the tool, MiB", peak,
              f"{memory_verdict} the {MEMORY_TARGET_MIB:.0f} MiB target (VmHWM)") for size, peak in peaks]
    rows.append(("cli --version: peak memory of the interpreter and the tool, MiB", idle_peak, "for scale"))
    return rows


def _config_digest(layout_dir: Path, manifest_digest: str) -> str:
    import json

    raw = (layout_dir / "blobs" / "sha256" / manifest_digest.split(":")[1]).read_bytes()
    digest: str = json.loads(raw)["config"]["digest"]
    return digest


if __name__ == "__main__":
    import platform

    print(f"Python {platform.python_version()} on {platform.machine()}")
    for name, value, note in run():
        print(f"  {name:66} {value:10.2f}   {note}")
