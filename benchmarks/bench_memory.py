"""Peak memory reading a 4 MiB image index, against ``json.loads`` of the same bytes.

Memory is what ``tracemalloc`` sees allocated at the peak of one call (the
bytes themselves excluded: the caller holds them either way), measured for the
package's reader and for the standard library's parser in one run. The index is
just under the readers' default 4 MiB limit: its entries are ordinary
multi-platform image descriptors with a ``ref.name`` annotation each.
"""

from __future__ import annotations

import gc
import json
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import Row

from oci_core.layout import DEFAULT_MAX_SIZE
from oci_core.manifest import parse_image_index
from oci_core.mediatypes import OCI_IMAGE_INDEX, OCI_IMAGE_MANIFEST

__all__ = ["index_of_about", "peak_bytes", "run"]

_ARCHES = ("amd64", "arm64", "arm", "ppc64le", "s390x", "riscv64", "386", "mips64le")


def index_of_about(limit: int) -> bytes:
    """A compact OCI index with as many platform entries as fit under ``limit`` bytes."""
    entries: list[str] = []
    size = 64
    n = 0
    while True:
        entry = json.dumps({
            "mediaType": OCI_IMAGE_MANIFEST,
            "digest": "sha256:" + f"{n:064x}",
            "size": 500 + n,
            "annotations": {"org.opencontainers.image.ref.name": f"v{n}"},
            "platform": {"architecture": _ARCHES[n % len(_ARCHES)], "os": "linux"},
        }, separators=(",", ":"))
        if size + len(entry) + 1 >= limit:
            break
        entries.append(entry)
        size += len(entry) + 1
        n += 1
    head = f'{{"schemaVersion":2,"mediaType":"{OCI_IMAGE_INDEX}","manifests":['
    return (head + ",".join(entries) + "]}").encode()


def peak_bytes(function: Callable[[], object]) -> int:
    """The peak of memory allocated while ``function`` runs and its result is alive."""
    gc.collect()
    tracemalloc.start()
    try:
        kept = function()
        _, peak = tracemalloc.get_traced_memory()
        del kept
    finally:
        tracemalloc.stop()
    return peak


def run() -> list[Row]:
    """Peak MiB of ``parse_image_index`` and of ``json.loads`` on one 4 MiB index, and their ratio."""
    raw = index_of_about(DEFAULT_MAX_SIZE)
    entries = raw.count(b'"mediaType"') - 1
    ours = min(peak_bytes(lambda: parse_image_index(raw)) for _ in range(3))
    limit = min(peak_bytes(lambda: json.loads(raw)) for _ in range(3))
    mib = 1 << 20
    note = f"{len(raw) / mib:.2f} MiB, {entries} entries; json.loads {limit / mib:.1f} MiB"
    return [
        ("peak memory, parse_image_index of a 4 MiB index (MiB)", ours / mib, note),
        ("  ratio to json.loads", ours / limit, "at the peak: the scanned JSON and the values built from it"),
    ]


if __name__ == "__main__":
    for row, value, note in run():
        print(f"  {row:58} {value:10.2f}   {note}")
