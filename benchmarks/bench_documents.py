"""Documents at the speed of JSON: each reader and writer side by side with the standard library's.

    python3 benchmarks/bench_documents.py           # ours, the limits and the peer, in one run

``run()`` is what ``benchmarks/run.py`` calls: rows of (name, µs, note). Each
document is read strictly and validated into typed values, and timed against
``json.loads`` of the same bytes (the physical limit: no validation, untyped
dicts); each writer is timed against ``json.dumps(obj, separators=(",", ":"))``
of the same content. Ours and the limit run in alternating blocks so that the
drift of a shared machine weighs on both: each time is the fastest block of
500 calls, in the thread's CPU time (slow blocks measure the neighbours, not
the code), and each ratio the median of the ratios of adjacent blocks. The ratio is what the targets are about:

* ``parse_manifest`` <= 1.7 x ``json.loads``;
* ``parse_image_index`` <= 2.5 x and ``parse_image_config`` <= 2.5 x;
* ``to_json()`` <= 1.5 x ``json.dumps``;
* ``import oci_core.manifest`` <= 1.5 x the import of the standard-library
  modules it needs (``dataclasses``, ``json``, ``hashlib``, ``re``,
  ``base64``), both in one fresh interpreter with ``-X importtime``.

The inputs are in the repository: ``benchmarks/data/manifest.json`` (the bench
manifest, 1,588 bytes, config and 5 layers, annotations), the bundled
``examples/``, a 4-platform index and a config shaped like config.md's example.

opencontainers (PyPI ``opencontainers``) runs in ``benchmarks/.venv``, in a
subprocess started by the same run, timed with its own ``json.loads`` beside
it. Its ``Manifest`` knows no top-level ``mediaType`` (image-spec 1.0.0's
struct) and exits the process on an unknown member, so it is handed the
parsed object without that member. Nothing is cached between calls.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import DATA, ROOT, Row, peer_python

from oci_core import config, manifest

GO_UNMARSHAL_US = 15.5  # Go json.Unmarshal of the bench manifest into v1.Manifest (validates nothing)
GO_JSON_LOADS_US = 7.0  # json.loads of the same bytes on the machine where that was measured
BLOCKS = 30
EXAMPLES = ROOT / "examples"
STANDARD_LIBRARY = ("dataclasses", "json", "hashlib", "re", "base64")

INDEX = json.dumps(
    {
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": [
            {
                "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "digest": f"sha256:{i:064x}",
                "size": 1000 + i,
                "platform": {"architecture": arch, "os": "linux", **({"variant": "v8"} if arch == "arm64" else {})},
            }
            for i, arch in enumerate(("amd64", "arm64", "ppc64le", "s390x"))
        ],
        "annotations": {"org.opencontainers.image.created": "2024-01-15T10:30:00Z"},
    },
    indent=2,
).encode()

CONFIG = json.dumps(
    {
        "created": "2015-10-31T22:22:56.015925234Z",
        "architecture": "amd64",
        "os": "linux",
        "config": {
            "User": "alice",
            "ExposedPorts": {"8080/tcp": {}},
            "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "FOO=oci_is_a"],
            "Entrypoint": ["/bin/my-app-binary"],
            "Cmd": ["--foreground", "--config", "/etc/my-app.d/default.cfg"],
            "Volumes": {"/var/job-result-data": {}},
            "WorkingDir": "/home/alice",
            "Labels": {"com.example.project.git.url": "https://example.com/project.git"},
        },
        "rootfs": {"type": "layers", "diff_ids": [f"sha256:{i:064x}" for i in range(5)]},
        "history": [{"created": "2015-10-31T22:22:54.690851953Z", "created_by": "/bin/sh -c #(nop) ADD file"}] * 5,
    }
).encode()


def _block_us(function: Callable[[], object], number: int) -> float:
    """µs a call of ``function`` takes over ``number`` calls, in this thread's CPU time."""
    started = time.thread_time_ns()
    for _ in range(number):
        function()
    return (time.thread_time_ns() - started) / number / 1000


def _side_by_side(ours: Callable[[], object], limit: Callable[[], object]) -> tuple[float, float, float]:
    """(µs of ``ours``, µs of ``limit``, their ratio): fastest blocks, and the median ratio of adjacent blocks.

    Timed in the thread's CPU time: on a machine shared with other work, a
    wall-clock block also counts the time this process waited for a core.
    The ratio is taken block by block (each pair ran a moment apart, so the
    machine's state weighs on both) and the median of those is reported.
    """
    mine, theirs = [], []
    for _ in range(BLOCKS):
        theirs.append(_block_us(limit, 500))
        mine.append(_block_us(ours, 500))
    return min(mine), min(theirs), statistics.median(m / t for m, t in zip(mine, theirs, strict=True))


def _inputs() -> list[tuple[str, Callable[[bytes], object], bytes]]:
    found: list[tuple[str, Callable[[bytes], object], bytes]] = [
        ("parse_manifest bench manifest", manifest.parse_manifest, (DATA / "manifest.json").read_bytes()),
        ("parse_manifest examples/manifest.json", manifest.parse_manifest, (EXAMPLES / "manifest.json").read_bytes()),
        ("parse_image_index 4 platforms", manifest.parse_image_index, INDEX),
        ("parse_image_index examples/index.json", manifest.parse_image_index, (EXAMPLES / "index.json").read_bytes()),
    ]
    docker_list = EXAMPLES / "docker-manifest-list.json"
    if docker_list.exists():
        name = "parse_image_index examples/docker-manifest-list.json"
        found.append((name, manifest.parse_image_index, docker_list.read_bytes()))
    found += [
        ("parse_image_config config.md-like", config.parse_image_config, CONFIG),
        ("parse_image_config examples/config.json", config.parse_image_config, (EXAMPLES / "config.json").read_bytes()),
    ]
    return found


def _import_ratio(runs: int = 21) -> tuple[float, float, float, float, dict[str, float]]:
    """(ratio, stdlib ms, ours ms, CPU-time ratio, own µs of each oci_core module): medians of fresh interpreters.

    Each run imports the standard-library modules first and then
    ``oci_core.manifest``, with ``-X importtime``: the first figure is what
    those modules cost, the second what ``oci_core.manifest`` adds on top
    (its own modules and whatever else of the standard library they need,
    ``typing`` above all). The same run also reads the process's CPU time
    around both imports, which a busy machine disturbs less than the wall
    clock ``-X importtime`` reads.
    """
    code = (
        "import time; t0 = time.process_time(); import " + ", ".join(STANDARD_LIBRARY) + "; t1 = time.process_time();"
        " import oci_core.manifest; t2 = time.process_time(); print(t1 - t0, t2 - t1)"
    )
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    ratios, stdlib_ms, ours_ms, cpu_ratios = [], [], [], []
    own: dict[str, list[float]] = {}
    for run_number in range(runs + 1):  # the first run writes the bytecode
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        stdlib = ours = 0.0
        for line in done.stderr.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            self_us, cumulative_us, name = line.removeprefix("import time:").split("|")
            module = name.strip()
            if module.startswith("oci_core"):
                own.setdefault(module, []).append(float(self_us))
            if name.startswith(" ") and not name.startswith("  "):  # an import of the -c line, not a nested one
                if module.startswith("oci_core"):
                    ours += float(cumulative_us)
                elif module in STANDARD_LIBRARY:
                    stdlib += float(cumulative_us)
        if run_number:
            ratios.append((stdlib + ours) / stdlib)
            stdlib_ms.append(stdlib / 1000)
            ours_ms.append(ours / 1000)
            cpu_stdlib, cpu_ours = (float(part) for part in done.stdout.split())
            cpu_ratios.append((cpu_stdlib + cpu_ours) / cpu_stdlib)
    own_median = {module: statistics.median(times) for module, times in own.items()}
    return (
        statistics.median(ratios),
        statistics.median(stdlib_ms),
        statistics.median(ours_ms),
        statistics.median(cpu_ratios),
        own_median,
    )


def run() -> list[Row]:
    rows: list[Row] = []
    targets = {"parse_manifest": 1.7, "parse_image_index": 2.5, "parse_image_config": 2.5}
    for name, reader, raw in _inputs():
        ours, limit, ratio = _side_by_side(partial(reader, raw), partial(json.loads, raw))
        target = targets[name.split()[0]]
        rows.append((f"{name}, µs", ours, f"{ratio:.2f}x json.loads ({limit:.2f} µs); target <= {target}x"))
    rows.append(
        (
            "Go json.Unmarshal of the bench manifest, x json.loads",
            GO_UNMARSHAL_US / GO_JSON_LOADS_US,
            f"reference figure: {GO_UNMARSHAL_US} µs where json.loads took {GO_JSON_LOADS_US} µs; no validation",
        )
    )
    bench = (DATA / "manifest.json").read_bytes()

    writers: list[tuple[str, object]] = [
        ("to_json bench manifest", manifest.parse_manifest(bench)),
        ("to_json examples/manifest.json", manifest.parse_manifest((EXAMPLES / "manifest.json").read_bytes())),
        ("to_json 4-platform index", manifest.parse_image_index(INDEX)),
        ("to_json examples/config.json", config.parse_image_config((EXAMPLES / "config.json").read_bytes())),
    ]
    for name, value in writers:
        write: Callable[[], bytes] = value.to_json  # type: ignore[attr-defined]
        content = json.loads(write())
        ours, limit, ratio = _side_by_side(write, partial(json.dumps, content, separators=(",", ":")))
        rows.append((f"{name}, µs", ours, f"{ratio:.2f}x json.dumps compact ({limit:.2f} µs); target <= 1.5x"))

    ratio, stdlib_ms, ours_ms, cpu_ratio, own = _import_ratio()
    rows.append(
        (
            "import oci_core.manifest (fresh, bytecode), ms",
            stdlib_ms + ours_ms,
            f"{ratio:.2f}x the import of {', '.join(STANDARD_LIBRARY)} ({stdlib_ms:.1f} ms); target <= 1.5x",
        )
    )
    rows.append(("  the same, in process CPU time, x the standard library", cpu_ratio, "the ratio only"))
    mine = ("oci_core._json", "oci_core._frozenmap", "oci_core._documents", "oci_core.manifest")
    rows.append(
        (
            "  own definitions of the document modules, ms",
            sum(own.get(module, 0.0) for module in mine) / 1000,
            ", ".join(f"{module[9:]} {own[module] / 1000:.2f}" for module in mine if module in own),
        )
    )
    others = sorted((module for module in own if module not in mine), key=lambda module: -own[module])
    rows.append(
        (
            "  own definitions of the other oci_core modules, ms",
            sum(own[module] for module in others) / 1000,
            ", ".join(f"{module[9:] or 'oci_core'} {own[module] / 1000:.2f}" for module in others),
        )
    )
    rows += _peer_rows(bench)
    return rows


_PEER = """
import json, sys
sys.path.insert(0, {here!r})
from _timing import repeat_us
raw = open({path!r}, "rb").read()
try:
    from opencontainers.image.v1.manifest import Manifest
except ImportError:
    print("{{}}"); raise SystemExit
def theirs():
    obj = json.loads(raw)
    obj.pop("mediaType", None)
    return Manifest().load(obj)
mine, ref = [], []
for _ in range(7):
    ref.append(repeat_us(lambda: json.loads(raw), number=500, rounds=5))
    mine.append(repeat_us(theirs, number=500, rounds=5))
print(json.dumps({{"oc": min(mine), "json": min(ref)}}))
"""


def _peer_rows(raw: bytes) -> list[Row]:
    python = peer_python()
    if python is None:
        return [("opencontainers", float("nan"), "not measured: run python3 benchmarks/run.py --setup")]
    code = _PEER.format(here=str(Path(__file__).resolve().parent), path=str(DATA / "manifest.json"))
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, check=False)
    try:
        found = json.loads(done.stdout)
    except ValueError:
        found = {}
    if "oc" not in found:
        return [("opencontainers", float("nan"), f"not measured: {done.stderr.strip()[-80:] or 'not installed'}")]
    ratio = found["oc"] / found["json"]
    return [
        (
            "opencontainers Manifest().load(json.loads(raw)), µs",
            found["oc"],
            f"peer; {ratio:.1f}x json.loads in its process ({found['json']:.2f} µs there)",
        )
    ]


if __name__ == "__main__":
    for name, measured, note in run():
        print(f"{name:58} {measured:10.2f}   {note}")
