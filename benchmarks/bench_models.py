"""Model headers, side by side: GGUF and safetensors reads against the bare walk, hashlib and the Python peers.

    python3 benchmarks/bench_models.py        # ours, the limits and the peers, in one run

``run()`` is what ``benchmarks/run.py`` calls: rows of (name, value, note).

* **GGUF headers**: model-runner's ``dummy.gguf`` (1,125 header bytes, 15
  metadata values of every type, 10 tensors) and a synthetic header the size
  of Llama 3's (a 128,256-token vocabulary, its token types, 280,147 merges,
  291 tensors: about 7 MB), read with ``parse_gguf_header`` against the
  physical limits: a bare walk of the same bytes (``struct`` reads of every
  length and count, nothing checked or kept) and ``hashlib.sha256`` of them;
  and against gguf-py (PyPI ``gguf``, llama.cpp's own reader, numpy-based,
  memory-mapping a file) in ``benchmarks/.venv``, timed in a subprocess.
* **safetensors headers**: a 291-tensor header (Llama-like names), read with
  ``parse_safetensors_header`` against ``json.loads`` of its JSON (the limit: no
  checks) and the ``safetensors`` package's ``safe_open`` (Rust; header only).
* **Hostile input**: the time to refuse (or read) 1 MB crafted to be slow or to
  make a reader allocate: a declared 2**63-byte string, 1 MB of minimal
  metadata entries, a safetensors length of 99,999,999 with 1 MB given, 1 MB
  paths and names into every text function.

Alternating blocks, the fastest of each (the machine is shared), as the other
benchmarks do.
"""

from __future__ import annotations

import hashlib
import json
import struct
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from _timing import Row, peer_python, repeat_us  # noqa: E402

from oci_core import models  # noqa: E402
from oci_core.descriptor import FrozenMap, describe  # noqa: E402
from oci_core.errors import OCIError  # noqa: E402
from tests.models_fixtures import fixture  # noqa: E402

BLOCKS = 7
_PATH = models.ANNOTATION_FILEPATH
V, T = models.GGUFValue, models.GGUFValueType


def _side_by_side(ours: Callable[[], object], limit: Callable[[], object], number: int) -> tuple[float, float]:
    mine, theirs = [], []
    for _ in range(BLOCKS):
        theirs.append(repeat_us(limit, number=number, rounds=3))
        mine.append(repeat_us(ours, number=number, rounds=3))
    return min(mine), min(theirs)


def _bare_walk(data: bytes) -> int:
    """The least a GGUF reader does: every length and count read, nothing checked, nothing kept."""
    u32, u64 = struct.Struct("<I").unpack_from, struct.Struct("<Q").unpack_from
    sizes = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}
    tensors, kvs = struct.unpack_from("<QQ", data, 8)
    pos = 24
    for _ in range(kvs):
        pos += 8 + u64(data, pos)[0]
        kind = u32(data, pos)[0]
        pos += 4
        if kind == 8:
            pos += 8 + u64(data, pos)[0]
        elif kind == 9:
            element, count = struct.unpack_from("<IQ", data, pos)
            pos += 12
            if element == 8:
                for _ in range(count):
                    pos += 8 + u64(data, pos)[0]
            else:
                pos += sizes[element] * count
        else:
            pos += sizes[kind]
    for _ in range(tensors):
        pos += 8 + u64(data, pos)[0]
        dims = u32(data, pos)[0]
        pos += 4 + 8 * dims + 12
    return pos


def llama3_sized_header() -> bytes:
    """A GGUF header with a Llama 3-sized vocabulary and tensor list (no tensor data)."""
    tokens = [f"tok{i}" for i in range(128_256)]
    merges = [f"t{i} k{i}" for i in range(280_147)]
    metadata = {
        "general.architecture": V(T.STRING, "llama"),
        "general.name": V(T.STRING, "Meta Llama 3 8B Instruct"),
        "general.file_type": V(T.UINT32, 15),
        "llama.context_length": V(T.UINT32, 8192),
        "llama.embedding_length": V(T.UINT32, 4096),
        "tokenizer.ggml.model": V(T.STRING, "gpt2"),
        "tokenizer.ggml.tokens": V(T.ARRAY, models.GGUFArray.of(T.STRING, tokens)),
        "tokenizer.ggml.token_type": V(T.ARRAY, models.GGUFArray.of(T.INT32, [1] * len(tokens))),
        "tokenizer.ggml.merges": V(T.ARRAY, models.GGUFArray.of(T.STRING, merges)),
        "tokenizer.chat_template": V(T.STRING, "{% for m in messages %}{{ m.content }}{% endfor %}" * 20),
    }
    tensors, offset = [], 0
    for index in range(291):
        # Small tensors: the header is Llama 3's size, the data (which gguf-py maps) stays small.
        tensor = models.GGUFTensorInfo(f"blk.{index // 9}.t{index % 9}.weight", (256, 16), 12, offset)
        tensors.append(tensor)
        offset += -(-tensor.size // 32) * 32
    return models.GGUFHeader(metadata=FrozenMap(metadata), tensors=tuple(tensors)).to_bytes()


def safetensors_header() -> bytes:
    tensors, offset = [], 0
    for index in range(291):
        name = f"model.layers.{index // 9}.mlp.proj{index % 9}.weight"
        tensor = models.SafetensorsTensor(name, "BF16", (64, 64), (offset, offset + 8192))
        tensors.append(tensor)
        offset += 8192
    header = models.SafetensorsHeader(tensors=tuple(tensors), metadata=FrozenMap({"format": "pt"}))
    return header.to_bytes()


def _hostile_rows() -> list[Row]:
    megabyte = 1 << 20
    long_string = b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 1) + b"k" + struct.pack("<IQ", 8, 2**63)
    entries = (megabyte - 24) // 18
    tiny_kvs = b"GGUF" + struct.pack("<IQQ", 3, 0, entries) + b"".join(
        struct.pack("<Q", 5) + f"{i:05d}".encode() + struct.pack("<IB", 0, 0) for i in range(entries)
    )
    declared = (99_999_999).to_bytes(8, "little") + b"{" + b" " * megabyte
    json_noise = (megabyte).to_bytes(8, "little") + b'{"a":"' + b"x" * (megabyte - 8) + b'"}'
    gguf, st = models.parse_gguf_header, models.parse_safetensors_header
    cases: list[tuple[str, Callable[[], object], str]] = [
        ("GGUF declaring a 2**63-byte string", lambda: _refused(gguf, long_string), "refused, no allocation"),
        ("GGUF of 1 MB of minimal entries (58,252)", lambda: _refused(gguf, tiny_kvs), "read: the worst legit MB"),
        (
            "safetensors declaring 99,999,999 bytes, 1 MB given",
            lambda: _refused(st, declared),
            "incomplete, no allocation",
        ),
        ("safetensors 1 MB header, one 1 MB string", lambda: _refused(st, json_noise), "read (no tensors)"),
        (
            "safe_relative_path, 1 MB",
            lambda: _refused(models.safe_relative_path, "a/" * (megabyte // 2)),
            "length first",
        ),
        (
            "safe_relative_path, 2,040 non-ASCII letters",
            lambda: models.safe_relative_path("/".join(["\u00e9" * 120] * 17)),
            "NFKC each",
        ),
        ("normalize_model_name, 1 MB", lambda: models.normalize_model_name("a" * megabyte), ""),
        (
            "normalize_unit_string, 1 MB of '1 ' runs",
            lambda: models.normalize_unit_string("1 " * (megabyte // 2)),
            "linear",
        ),
        ("classify_file, 1 MB", lambda: models.classify_file("x" * megabyte), ""),
        (
            "parse_hugging_face_reference, 1 MB",
            lambda: _refused(models.parse_hugging_face_reference, "hf.co/" + "a" * megabyte),
            "",
        ),
        ("sanitize_relative_path, 1 MB of '../'", lambda: models.sanitize_relative_path("../" * (megabyte // 3)), ""),
        (
            "parse_file_metadata, 1 MB name",
            lambda: models.parse_file_metadata('{"name":"' + "x" * megabyte + '"}'),
            "read",
        ),
    ]
    rows = []
    for name, call, note in cases:
        measured = min(repeat_us(call, number=3, rounds=3) for _ in range(3)) / 1000
        rows.append((f"{name}, ms", measured, note))
    layers = [
        describe(str(i).encode(), models.DOCKER_MODEL_FILE, annotations={_PATH: f"d{i % 50}/{i}.json"})
        for i in range(2000)
    ]
    layout_ms = repeat_us(lambda: models.model_layout(layers), number=3, rounds=3) / 1000
    rows.append(("model_layout of 2,000 layers in 50 directories, ms", layout_ms, "paths checked, collisions sought"))
    return rows


def _refused(function: Callable[[object], object], data: object) -> None:
    try:
        function(data)
    except OCIError:
        pass


_PEER = """
import json, sys, tempfile, time, statistics
sys.path.insert(0, {here!r})
from _timing import repeat_us
out = {{}}
try:
    from gguf import GGUFReader
except ImportError:
    GGUFReader = None
if GGUFReader is not None:
    for label, path in (("small", {small!r}), ("large", {large!r})):
        number = 50 if label == "small" else 1
        out["gguf_" + label] = min(repeat_us(lambda: GGUFReader(path), number=number, rounds=3) for _ in range(3))
try:
    from safetensors import safe_open
except ImportError:
    safe_open = None
if safe_open is not None:
    def keys():
        with safe_open({st!r}, framework="numpy") as handle:
            return list(handle.keys())
    try:
        out["safetensors"] = min(repeat_us(keys, number=200, rounds=3) for _ in range(3))
    except Exception as exc:
        out["safetensors_error"] = str(exc)[:80]
print(json.dumps(out))
"""


def _peer_rows(small: bytes, large: bytes, st_file: bytes) -> list[Row]:
    python = peer_python()
    if python is None:
        return [("gguf-py, safetensors (peers)", float("nan"), "not measured: run python3 benchmarks/run.py --setup")]
    with tempfile.TemporaryDirectory() as directory:
        paths = {}
        for name, data in (("small.gguf", small), ("large.gguf", large), ("model.safetensors", st_file)):
            path = Path(directory) / name
            path.write_bytes(data)
            paths[name] = str(path)
        code = _PEER.format(
            here=str(HERE), small=paths["small.gguf"], large=paths["large.gguf"], st=paths["model.safetensors"]
        )
        done = subprocess.run([python, "-c", code], capture_output=True, text=True, check=False, timeout=600)
    try:
        found = json.loads(done.stdout)
    except ValueError:
        return [("gguf-py, safetensors (peers)", float("nan"), f"not measured: {done.stderr.strip()[-80:]}")]
    rows: list[Row] = []
    if "gguf_small" in found:
        rows.append(("gguf-py GGUFReader(dummy.gguf), µs", found["gguf_small"], "peer: memory-maps the file"))
        rows.append(("gguf-py GGUFReader(Llama 3-sized header), ms", found["gguf_large"] / 1000, "peer"))
    else:
        rows.append(("gguf-py", float("nan"), "not installed in benchmarks/.venv"))
    if "safetensors" in found:
        rows.append(("safetensors safe_open + keys (291 tensors), µs", found["safetensors"], "peer: Rust, header only"))
    else:
        rows.append(("safetensors", float("nan"), found.get("safetensors_error", "not installed in benchmarks/.venv")))
    return rows


def run() -> list[Row]:
    rows: list[Row] = []
    small = fixture("dummy.gguf")
    ours, walk = _side_by_side(lambda: models.parse_gguf_header(small), lambda: _bare_walk(small), 1000)
    rows.append(("bare walk of dummy.gguf's header (limit), µs", walk, "lengths and counts only"))
    rows.append(("parse_gguf_header(dummy.gguf), µs", ours, f"{ours / walk:.1f}x the bare walk; checked, typed"))
    rows.append(("sha256 of the 2,016-byte file, µs", repeat_us(lambda: hashlib.sha256(small).digest()), "hashlib"))
    large = llama3_sized_header()
    ours_l, walk_l = _side_by_side(lambda: models.parse_gguf_header(large), lambda: _bare_walk(large), 1)
    rows.append((f"bare walk, Llama 3-sized header ({len(large) / 1e6:.1f} MB), ms", walk_l / 1000, "408,403 strings"))
    note = f"{ours_l / walk_l:.1f}x the bare walk; every string UTF-8-checked"
    rows.append(("parse_gguf_header, Llama 3-sized header, ms", ours_l / 1000, note))
    rows.append(("sha256 of that header, ms", repeat_us(lambda: hashlib.sha256(large).digest(), number=3) / 1000, ""))
    header = models.parse_gguf_header(small)
    rows.append(("gguf_model_config(dummy.gguf), µs", repeat_us(lambda: models.gguf_model_config(header)), "derived"))
    st_head = safetensors_header()
    text = st_head[8:]
    ours_s, loads = _side_by_side(lambda: models.parse_safetensors_header(st_head), lambda: json.loads(text), 200)
    rows.append(("json.loads of a 291-tensor safetensors header (limit), µs", loads, f"{len(text):,} bytes"))
    rows.append(("parse_safetensors_header, 291 tensors, µs", ours_s, f"{ours_s / loads:.1f}x json.loads; checked"))
    rows += _hostile_rows()
    large_file = large + bytes(models.parse_gguf_header(large).data_size)
    st_file = st_head + bytes(models.parse_safetensors_header(st_head).data_size)
    rows += _peer_rows(small, large_file, st_file)
    return rows


if __name__ == "__main__":
    for name, measured, note in run():
        print(f"{name:62} {measured:12.2f}   {note}")
