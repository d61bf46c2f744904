"""What every harness shares: the promise it checks, the seed corpus, and how it runs under atheris.

The library's promise for a parser is: any input gives a valid value or an
``OCIError``, never another exception, and what parses writes back to
something that parses to the same value. A harness feeds the bytes libFuzzer
chooses to one parser and checks exactly that; any other exception is a
crash, which libFuzzer saves with the input that caused it.

Seeds come from the vendored upstream vectors (every string, and every JSON
document, found anywhere in ``spec-vectors/``) and the bundled examples, so
the fuzzer starts from the shapes real inputs have.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from oci_core.errors import OCIError  # noqa: E402

__all__ = ["ROOT", "document_seeds", "instrumented", "main", "refused_or", "string_seeds", "text"]


def instrumented() -> contextlib.AbstractContextManager[object]:
    """Wrap the harness's imports of oci_core so atheris sees their branches (a no-op without atheris)."""
    try:
        import atheris
    except ImportError:
        return contextlib.nullcontext()
    manager: contextlib.AbstractContextManager[object] = atheris.instrument_imports(include=["oci_core"])
    return manager


def text(data: bytes) -> str:
    """The input as text for a string parser: UTF-8 where it decodes, else each byte as one code point.

    Both halves matter: valid UTF-8 reaches the grammar, Latin-1 reaches the
    non-ASCII refusals; lone surrogates come from the escapes below.
    """
    try:
        decoded = data.decode("utf-8", "surrogateescape")
    except UnicodeDecodeError:  # pragma: no cover - surrogateescape never fails
        decoded = data.decode("latin-1")
    return decoded


def refused_or(parse: Callable[[], object]) -> object | None:
    """Run ``parse``: its value, or ``None`` when it refused the input with an ``OCIError``."""
    try:
        return parse()
    except OCIError:
        return None


def _walk(value: object) -> Iterator[object]:
    stack = [value]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _vector_values() -> Iterator[object]:
    for path in sorted((ROOT / "spec-vectors").rglob("*.json")):
        try:
            yield from _walk(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue


def string_seeds(limit: int = 4096) -> list[bytes]:
    """Every distinct string of the vectors, at most ``limit`` bytes long."""
    seen: set[bytes] = set()
    for value in _vector_values():
        if isinstance(value, str):
            encoded = value.encode("utf-8", "surrogatepass")
            if len(encoded) <= limit:
                seen.add(encoded)
    return sorted(seen)


def document_seeds(limit: int = 65536) -> list[bytes]:
    """Every JSON object of the vectors (compact and as written), every string that is JSON, and the examples."""
    seen: set[bytes] = set()
    for value in _vector_values():
        if isinstance(value, dict):
            encoded = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8", "surrogatepass")
            if len(encoded) <= limit:
                seen.add(encoded)
        elif isinstance(value, str) and value[:1] in ("{", "["):
            seen.add(value.encode("utf-8", "surrogatepass"))
    for path in sorted((ROOT / "examples").glob("*.json")):
        seen.add(path.read_bytes())
    return sorted(seen)


def main(test_one_input: Callable[[bytes], None], seeds: Callable[[], list[bytes]]) -> None:
    """Run one harness: ``python fuzz/fuzz_x.py [libFuzzer flags] [corpus]``; ``--seeds DIR`` writes its seeds."""
    if len(sys.argv) == 3 and sys.argv[1] == "--seeds":
        corpus = Path(sys.argv[2])
        corpus.mkdir(parents=True, exist_ok=True)
        for index, seed in enumerate(seeds()):
            (corpus / f"seed-{index:05d}").write_bytes(seed)
        return
    if len(sys.argv) == 2 and sys.argv[1] == "--replay-seeds":
        for seed in seeds():
            test_one_input(seed)
        print(f"replayed {len(seeds())} seeds")
        return
    import atheris

    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
