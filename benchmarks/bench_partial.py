"""The one-pass layer digester against the physical limit: zlib and hashlib run by hand over the same layer.

    python3 benchmarks/bench_partial.py      # ours and the limit, side by side, in one run

``run()`` is what ``benchmarks/run.py`` calls: rows of (name, value, note).
First, the string readers of partial, layout, layerdigest and annotations
on 1 MB inputs built to be slow (fastest of 7 calls; the promise is at most
20 ms on any 1 MB input). Then the layer digester.
The layer is a 64 MiB gzip stream made in memory, from a seeded PRNG, at
every run (it is never written to disk or committed): a tar-like mixture of
text built from a vocabulary with Zipf-like frequencies (config files,
scripts) and incompressible runs (packed data, images), about 2.8:1 like
a real base image's layer, compressed at level 6 as Go's gzip writer does.

The limit is the loop a caller would write by hand: ``hashlib.sha256`` over
the stored bytes, ``zlib.decompressobj`` over them, ``hashlib.sha256`` over
what comes out, with no bound on the output of a call. Ours is
``LayerDigester.update`` with its default output cap (1 MiB). Both read the
same 1 MiB chunks (and, in a second pair, 64 KiB chunks), in alternating
blocks so that the machine's drift weighs on both; each figure is the
fastest block (the slow blocks measure the neighbours on a shared machine),
and the ratio is that of the fastest blocks. The target is at least 90% of
the limit's throughput.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import random
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import Row

from oci_core import annotations as ann
from oci_core import layout, partial
from oci_core.errors import OCIError
from oci_core.layerdigest import LayerDigester
from oci_core.mediatypes import OCI_LAYER, OCI_LAYER_GZIP

__all__ = ["run"]

LAYER_SIZE = 64 << 20  # the gzip stream's size
SEED = 20240501
BLOCKS = 7
TARGET = 0.90


def _text_blocks(rng: random.Random, count: int = 48, size: int = 256 << 10) -> list[bytes]:
    """Text like a layer's files: words of a vocabulary, spaces and newlines, ``count`` blocks of ``size``."""
    # Letters and words both drawn as in natural text, a few often and most rarely (Zipf's law).
    letters = b"etaoinshrdlcumwfgypbvkjxqz_/.-=0123456789"
    letter_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(letters))]
    vocabulary = [bytes(rng.choices(letters, letter_weights, k=rng.randrange(2, 12))) for _ in range(8_000)]
    word_weights = list(itertools.accumulate(1 / (rank + 1) ** 1.15 for rank in range(len(vocabulary))))
    separators = [b" ", b"\n", b"  ", b"\t", b"=", b"/"]
    blocks = []
    for _ in range(count):
        words = rng.choices(vocabulary, cum_weights=word_weights, k=size // 5)
        glue = rng.choices(separators, weights=(60, 15, 5, 5, 10, 5), k=len(words))
        blocks.append(b"".join(word + sep for word, sep in zip(words, glue, strict=True))[:size])
    return blocks


def _content(size: int, rng: random.Random, blocks: list[bytes]) -> bytes:
    """About ``size`` bytes shaped like a layer's tar: text, and some incompressible runs.

    Text blocks are reused, but only as whole blocks far larger than
    deflate's 32 KiB window, so the compressor never sees a repeat.
    """
    parts: list[bytes] = []
    produced = 0
    while produced < size:
        if rng.random() < 0.08:
            part = rng.randbytes(rng.randrange(4 << 10, 96 << 10))  # a compressed asset, a binary's packed data
        else:
            block = rng.choice(blocks)
            start = rng.randrange(0, len(block) // 2)
            part = block[start : start + rng.randrange(32 << 10, 128 << 10)]
        parts.append(part)
        produced += len(part)
    return b"".join(parts)


def make_layer(stored_size: int = LAYER_SIZE, seed: int = SEED) -> tuple[bytes, int]:
    """A deterministic gzip layer of about ``stored_size`` bytes and the size of its content."""
    rng = random.Random(seed)
    blocks = _text_blocks(rng)
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    out: list[bytes] = []
    stored = uncompressed = 0
    while stored < stored_size:
        piece = _content(8 << 20, rng, blocks)
        uncompressed += len(piece)
        compressed = compressor.compress(piece)
        out.append(compressed)
        stored += len(compressed)
    out.append(compressor.flush())
    return b"".join(out), uncompressed


def by_hand(chunks: list[memoryview]) -> tuple[str, str]:
    """The physical limit: zlib.decompressobj and hashlib.sha256, written out by hand."""
    blob = hashlib.sha256()
    tar = hashlib.sha256()
    inflate = zlib.decompressobj(31)
    for chunk in chunks:
        blob.update(chunk)
        tar.update(inflate.decompress(chunk))
    tar.update(inflate.flush())
    return blob.hexdigest(), tar.hexdigest()


def ours(chunks: list[memoryview], media_type: str = OCI_LAYER_GZIP) -> tuple[str, str]:
    digester = LayerDigester(media_type)
    for chunk in chunks:
        digester.update(chunk)
    layer = digester.finish()
    return layer.digest.encoded, layer.diff_id.encoded


def plain_by_hand(chunks: list[memoryview]) -> tuple[str, str]:
    blob = hashlib.sha256()
    for chunk in chunks:
        blob.update(chunk)
    return blob.hexdigest(), blob.hexdigest()


def _chunks(data: bytes, size: int) -> list[memoryview]:
    view = memoryview(data)
    return [view[start : start + size] for start in range(0, len(data), size)]


def _fastest_pair(
    first: Callable[[list[memoryview]], object], second: Callable[[list[memoryview]], object], chunks: list[memoryview]
) -> tuple[float, float]:
    """The fastest of ``BLOCKS`` alternating runs of each, in seconds."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(BLOCKS):
        for side, function in enumerate((first, second)):
            started = time.perf_counter()
            function(chunks)
            times[side].append(time.perf_counter() - started)
    return min(times[0]), min(times[1])


def _hostile() -> list[tuple[str, Callable[[], object]]]:
    """1 MB inputs built to be slow, for every string reader of the partial issue's modules."""
    megabyte = 1 << 20
    cases: list[tuple[str, Callable[[], object]]] = []
    for label, key, text in (
        ("ref_name 'a-' * n", ann.REF_NAME, "a-" * (megabyte // 2)),
        ("ref_name 'a' * n (valid)", ann.REF_NAME, "a" * megabyte),
        ("ref_name '.' * n", ann.REF_NAME, "." * megabyte),
        ("licenses '(' * n", ann.LICENSES, "(" * megabyte),
        ("licenses 'MIT OR ' to the 32 KiB limit", ann.LICENSES, "MIT OR " * 4680 + "MIT"),
        ("created with a 1 MB fraction", ann.CREATED, "2024-01-01T00:00:00." + "1" * megabyte + "Z"),
        ("base.name 'a/' * n", ann.BASE_IMAGE_NAME, "a/" * (megabyte // 2)),
        ("base.digest 'a+' * n ':x'", ann.BASE_IMAGE_DIGEST, "a+" * (megabyte // 2) + ":x"),
    ):
        cases.append((f"annotations {label}", functools.partial(_ACCESSORS[key], {key: text})))
    cases.append(("blob_path 'a.' * n ':x'", lambda: layout.blob_path("a." * (megabyte // 2) + "b:x")))
    cases.append(("referrers_tag 'a+' * n ':x'", lambda: partial.referrers_tag("a+" * (megabyte // 2) + "b:x")))
    cases.append(("LayerDigester media type 'a/' + 'b' * n", lambda: LayerDigester("a/" + "b" * megabyte)))
    return cases


_ACCESSORS: dict[str, Callable[[dict[str, str]], object]] = {
    ann.REF_NAME: ann.ref_name,
    ann.LICENSES: ann.licenses,
    ann.CREATED: ann.created,
    ann.BASE_IMAGE_NAME: ann.base_name,
    ann.BASE_IMAGE_DIGEST: ann.base_digest,
}


def _worst_ms(call: Callable[[], object], rounds: int = 7) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        try:
            call()
        except OCIError:
            pass
        best = min(best, time.perf_counter() - started)
    return best * 1000


def run() -> list[Row]:
    rows: list[Row] = [(f"1 MB hostile: {label}, ms", _worst_ms(call), "target <= 20 ms") for label, call in _hostile()]
    rows.extend(_layer_rows())
    return rows


def _layer_rows() -> list[Row]:
    layer, uncompressed = make_layer()
    mib = len(layer) / (1 << 20)
    content = f"{uncompressed / (1 << 20):.1f} MiB of content, {uncompressed / len(layer):.2f}:1"
    rows: list[Row] = [("layer: gzip stream, MiB", mib, content)]
    for label, size in (("1 MiB chunks", 1 << 20), ("64 KiB chunks", 64 << 10)):
        chunks = _chunks(layer, size)
        assert by_hand(chunks) == ours(chunks), "the digester and the hand loop disagree"
        limit, mine = _fastest_pair(by_hand, ours, chunks)
        ratio = limit / mine
        verdict = "meets" if ratio >= TARGET else "MISSES"
        rows.append((f"gzip, {label}: zlib + 2x sha256 by hand (limit), MiB/s", mib / limit, "physical limit"))
        rows.append(
            (
                f"gzip, {label}: LayerDigester, MiB/s",
                mib / mine,
                f"{ratio:.1%} of the limit ({verdict} the >= {TARGET:.0%} target)",
            )
        )
    plain = layer[: 32 << 20]
    chunks = _chunks(plain, 1 << 20)
    limit, mine = _fastest_pair(plain_by_hand, lambda c: ours(c, OCI_LAYER), chunks)
    rows.append(("uncompressed 32 MiB: one sha256 by hand (limit), MiB/s", 32 / limit, "physical limit"))
    note = f"{limit / mine:.1%} of the limit (one hash does both)"
    rows.append(("uncompressed 32 MiB: LayerDigester, MiB/s", 32 / mine, note))
    return rows


if __name__ == "__main__":
    for name, value, note in run():
        print(f"  {name:62} {value:10.2f}   {note}")
