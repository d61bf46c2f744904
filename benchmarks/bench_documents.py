"""Documents, side by side: parse_manifest against json.loads, Go's figure and the Python peer opencontainers.

    python3 benchmarks/bench_documents.py           # ours, the limits and the peer, in one run

``run()`` is what ``benchmarks/run.py`` calls: rows of (name, µs, note). The
headline is ``parse_manifest`` of ``../shared/bench/manifest.json`` (1,588
bytes, config and 5 layers, annotations), read strictly and validated into
typed values. Ours and ``json.loads`` are timed in alternating blocks so that
drift on a noisy machine weighs on both; each side-by-side figure is the
fastest block (a block is the median of rounds of 1,000 calls): on a shared
machine the slow blocks measure the neighbours, not the code. The issue's
target (15 µs) was set where ``json.loads`` takes 7.1 µs, so the note also
scales ours by that ratio.

opencontainers (PyPI ``opencontainers``) runs in ``benchmarks/.venv``, in a
subprocess started by the same run, timed with its own ``json.loads`` beside
it. Its ``Manifest`` knows no top-level ``mediaType`` (image-spec 1.0.0's
struct) and exits the process on an unknown member, so it is handed the
parsed object without that member. Nothing is cached between calls.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import SHARED_BENCH, Row, fresh_import_ms, peer_python, repeat_us

from oci_core import _json, config, digest, manifest
from oci_core.errors import InvalidManifestError

BRIEF_JSON_LOADS_US = 7.1  # json.loads of the bench manifest where the 15 µs target was set
TARGET_US = 15.0
GO_UNMARSHAL_US = 15.5  # Go json.Unmarshal into v1.Manifest (validates nothing), same machine
BLOCKS = 15

_INDEX = json.dumps(
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

_CONFIG = json.dumps(
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


def _side_by_side(ours: Callable[[], object], limit: Callable[[], object]) -> tuple[float, float]:
    """µs of ``ours`` and of ``limit``: the fastest of alternating blocks."""
    mine, theirs = [], []
    for _ in range(BLOCKS):
        theirs.append(repeat_us(limit, number=1000, rounds=5))
        mine.append(repeat_us(ours, number=1000, rounds=5))
    return min(mine), min(theirs)


def run() -> list[Row]:
    raw = (SHARED_BENCH / "manifest.json").read_bytes()
    rows: list[Row] = []

    ours, limit = _side_by_side(lambda: manifest.parse_manifest(raw), lambda: json.loads(raw))
    ratio = ours / limit
    rows.append(("json.loads bench manifest (limit), µs", limit, "no validation, untyped"))
    rows.append(
        (
            "parse_manifest bench manifest, µs",
            ours,
            f"{ratio:.2f}x json.loads = {ratio * BRIEF_JSON_LOADS_US:.1f} µs at the brief's scale"
            f" (target <= {TARGET_US:g}; Go Unmarshal {GO_UNMARSHAL_US})",
        )
    )
    strict, limit2 = _side_by_side(lambda: _json.loads(raw, max_depth=None), lambda: json.loads(raw))
    rows.append(("strict JSON read only (_json.loads), µs", strict, f"{strict / limit2:.2f}x json.loads"))

    def general() -> object:
        # The reader every document falls back to: plain dicts from the strict parse.
        return manifest._from_object(manifest._load(raw, InvalidManifestError), raw, None, None, InvalidManifestError)

    slow, limit3 = _side_by_side(general, lambda: json.loads(raw))
    rows.append(("parse_manifest, strict path (escapes, errors), µs", slow, f"{slow / limit3:.2f}x json.loads"))

    value = manifest.parse_manifest(raw)
    rows.append(("manifest.digest (sha256 of the 1.6 KB), µs", repeat_us(lambda: digest.compute_digest(value.raw)), "computed once per value"))
    rows.append(("to_json bench manifest, µs", repeat_us(value.to_json), "Go's bytes"))

    index_ours, index_limit = _side_by_side(lambda: manifest.parse_image_index(_INDEX), lambda: json.loads(_INDEX))
    rows.append(("parse_image_index (4 platforms), µs", index_ours, f"{index_ours / index_limit:.2f}x json.loads"))
    config_ours, config_limit = _side_by_side(lambda: config.parse_image_config(_CONFIG), lambda: json.loads(_CONFIG))
    rows.append(("parse_image_config (spec-like), µs", config_ours, f"{config_ours / config_limit:.2f}x json.loads"))

    rows.append(("import oci_core.manifest (fresh), ms", fresh_import_ms("oci_core.manifest"), "json 7.8, dataclasses 16.9"))
    rows += _peer_rows(raw)
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
    code = _PEER.format(here=str(Path(__file__).resolve().parent), path=str(SHARED_BENCH / "manifest.json"))
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
        print(f"{name:55} {measured:10.2f}   {note}")
