"""The hostile-input table: every string parser of the package on 1 MB inputs shaped to hurt it.

    python3 benchmarks/bench_hostile.py            # the table: the worst shape per parser
    python3 benchmarks/bench_hostile.py --all      # every (parser, shape) pair over 5 ms too
    python3 benchmarks/bench_hostile.py --wall     # wall-clock time instead of CPU time

The promise (common brief, DESIGN "Linear time by construction") is that every
string parser answers any 1 MB input in at most 20 ms. Each parser is called on
every shape below, bare and behind a prefix that its grammar accepts (so that
the shape is read by the deep part of the parser, not refused at the first
character); each call is timed as the best of three, and the table shows each
parser's worst shape. Raising is as good an answer as returning: only time is
measured here (the property tests check what is answered).

The time is the CPU time of the call (``time.process_time``), which is what the
parser costs; the machines here are shared, and a wall clock also counts the
time other processes held the core (``--wall`` times with ``perf_counter``
instead).

``run()`` gives rows of (name, ms, note) for ``benchmarks/run.py``.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import Row

from oci_core import digest, mediatypes, name, platform, reference
from oci_core.digestset import DigestSet

__all__ = ["PARSERS", "SHAPES", "run", "worst_per_parser"]

MB = 1 << 20
LIMIT_MS = 20.0


def _fill(unit: str, tail: str = "") -> str:
    """``unit`` repeated to 1 MiB of characters, then ``tail``."""
    return unit * (MB // len(unit)) + tail


# The shapes: repeats of every separator of every grammar here, the classic
# backtracking traps, long runs of each kind of piece, and hostile characters.
SHAPES: dict[str, str] = {
    **{f"{c!r}*n": _fill(c) for c in "-._/:@;=,+%*?[]\\\"' \t()"},
    **{f"'a{c}'*n+'!'": _fill("a" + c, "!") for c in "-._/:@;=+*"},
    "'a__'*n+'_'": _fill("a__", "_"),
    "'a'*n+'!'": _fill("a", "!"),
    "'A/'*n": _fill("A/"),
    "'0'*n": _fill("0"),
    "'1.'*n": _fill("1."),
    "'%41'*n": _fill("%41"),
    "'%'*n+'4'": _fill("%", "4"),
    "'; a=b'*n": _fill("; a=b"),
    "';a'+'=b;c'*n": ";a" + _fill("=b;c"),
    "'a=\"'+'\\\\a'*n": ';a="' + _fill("\\a"),
    "'\"'+'x'*n": '"' + _fill("x"),
    "'a*'*n": _fill("a*"),
    "'*a'*n+'b'": _fill("*a", "b"),
    "'?'*n+'b'": _fill("?", "b"),
    "'[a]'*n": _fill("[a]"),
    "'[^a-b]*'*n": _fill("[^a-b]*"),
    "'['+'a'*n": "[" + _fill("a"),
    "'['*n+']'*n": "[" * (MB // 2) + "]" * (MB // 2),
    "'('*n+')'*n": "(" * (MB // 2) + ")" * (MB // 2),
    "'\\\\*'*n": _fill("\\*"),
    "'sha256:'+'a'*n": "sha256:" + _fill("a"),
    "'sha256:'+'a'*n+'!'": "sha256:" + _fill("a", "!"),
    "'a+'*n+':x'": _fill("a+", ":x"),
    "'s-'*n+':'+hex": _fill("s-", ":" + "f" * 64),
    "'repo:'+'t'*n": "repo:" + _fill("t"),
    "'a:'*n": _fill("a:"),
    "'a@'*n": _fill("a@"),
    "'[::]'+':'*n": "[" + _fill(":", "]/x"),
    "'host:'+'5'*n+'/x'": "host:" + _fill("5", "/x"),
    "'a-b.'*n+'com/x'": _fill("a-b.", "com/x"),
    "'f'*64+'/a'*n": "f" * 64 + _fill("/a"),
    "'linux('+'a+'*n": "linux(" + _fill("a+"),
    "'linux/'+'a/'*n": "linux/" + _fill("a/"),
    "'é'*n": _fill("é"),
    "lone surrogates": _fill("\ud800"),
    "noncharacters": _fill("\uffff"),
    "'a\\n'*n": _fill("a\n"),
}

_TAGGED = reference.parse_normalized_reference("example.com/" + "a" * 200 + ":" + "t" * 100)
_DIGEST = digest.parse_digest("sha256:" + "ab" * 32)
_SET = DigestSet.of(f"sha256:{i:064x}" for i in range(0, 1 << 64, (1 << 64) // 1000))
_REPOSITORY = name.new_repository("gcr.io/project/image")
_MEDIA_TYPE = mediatypes.parse_media_type("application/json; charset=utf-8")


def _familiar(pattern: str) -> bool:
    return reference.familiar_match(pattern, _TAGGED) or reference.familiar_match(pattern, _DIGEST)


def _ggcr(function: str) -> Callable[[str], object]:
    # The ggcr view's functions were renamed in 0.1 (new_reference, new_digest_reference);
    # the fallbacks let this file time an older tree too.
    old = {"new_reference": "parse_reference", "new_digest_reference": "new_digest"}
    found: Callable[[str], object] | None = getattr(name, function, None)
    return found if found is not None else getattr(name, old[function])  # type: ignore[no-any-return]


# parser -> (the call, the prefixes its shapes are put behind)
PARSERS: dict[str, tuple[Callable[[str], object], tuple[str, ...]]] = {
    "digest.parse_digest": (digest.parse_digest, ("", "sha256:", "sha512:", "a+b:")),
    "digest.parse_digest(allow_unregistered)": (
        lambda t: digest.parse_digest(t, allow_unregistered=True),
        ("", "sha256:", "a+b:"),
    ),
    "digest.Digest": (digest.Digest, ("", "sha256:")),
    "digest.parse_algorithm": (digest.parse_algorithm, ("", "sha")),
    "digest.is_algorithm_name": (digest.is_algorithm_name, ("", "sha")),
    "digest.new_digest(text, hex)": (lambda t: digest.new_digest(t, "f" * 64), ("", "sha256")),
    "digest.new_digest(alg, text)": (lambda t: digest.new_digest("sha256", t), ("", "ab")),
    "DigestSet.lookup": (_SET.lookup, ("", "sha256:", "0000")),
    "reference.parse_reference": (reference.parse_reference, ("", "a", "a/", "host:5000/a", "a:", "a@sha256:")),
    "reference.parse_normalized_reference": (
        reference.parse_normalized_reference,
        ("", "a", "a/", "example.com/a", "a:", "a@"),
    ),
    "reference.parse_named": (reference.parse_named, ("", "docker.io/library/")),
    "reference.parse_any_reference": (reference.parse_any_reference, ("", "a", "sha256:")),
    "reference.parse_docker_reference": (reference.parse_docker_reference, ("", "a", "a:")),
    "reference.parse_name": (reference.parse_name, ("", "a/")),
    "reference.is_domain": (reference.is_domain, ("", "a.")),
    "reference.registry_host": (reference.registry_host, ("", "a.")),
    "reference.default_scheme": (reference.default_scheme, ("", "[::", "10.")),
    "reference.familiar_match (pattern)": (_familiar, ("", "example.com/", "*", "[a]")),
    "Reference.with_tag": (_TAGGED.with_tag, ("", "t")),
    "Reference.with_digest": (_TAGGED.with_digest, ("", "sha256:")),
    "reference.sort_references": (lambda t: reference.sort_references([t]), ("", "a")),
    "name.new_registry": (name.new_registry, ("", "gcr.io:", "[")),
    "name.new_repository": (name.new_repository, ("", "gcr.io/", "a")),
    "name.new_tag": (name.new_tag, ("", "gcr.io/a:", "a")),
    "name.new_digest_reference": (_ggcr("new_digest_reference"), ("", "a@", "a@sha256:", "gcr.io/a:b@")),
    "name.new_reference": (_ggcr("new_reference"), ("", "a", "gcr.io/a@", "a:")),
    "Repository.tag": (_REPOSITORY.tag, ("", "t")),
    "Repository.digest": (_REPOSITORY.digest, ("", "sha256:")),
    "mediatypes.parse_media_type": (mediatypes.parse_media_type, ("", "a/b", "a/b;", "a/b; c=")),
    "mediatypes.is_media_type": (mediatypes.is_media_type, ("", "a/")),
    "mediatypes.is_index (parses)": (mediatypes.is_index, ("", "a/b")),
    "mediatypes.compression (parses)": (mediatypes.compression, ("", "a/b")),
    "MediaType.parameter": (_MEDIA_TYPE.parameter, ("", "c")),
    "platform.parse_platform": (platform.parse_platform, ("", "linux/", "linux/arm64/", "windows(")),
    "platform.parse_platform_ggcr": (platform.parse_platform_ggcr, ("", "linux/", "linux/amd64:")),
}


_CLOCK = time.perf_counter if "--wall" in sys.argv else time.process_time


def _best_of_three_ms(function: Callable[[str], object], text: str) -> float:
    best = math.inf
    for _ in range(3):
        started = _CLOCK()
        try:
            function(text)
        except Exception:  # an answer like any other; only the time counts here
            pass
        best = min(best, _CLOCK() - started)
    return best * 1000


def timings(parser: str) -> list[tuple[float, str]]:
    """(ms, shape) for every shape behind every prefix of ``parser``, slowest first."""
    function, prefixes = PARSERS[parser]
    found = []
    for shape, text in SHAPES.items():
        for prefix in prefixes:
            label = f"{prefix!r}+{shape}" if prefix else shape
            found.append((_best_of_three_ms(function, prefix + text), label))
    found.sort(reverse=True)
    return found


def worst_per_parser() -> dict[str, tuple[float, str]]:
    """Each parser's slowest (ms, shape)."""
    return {parser: timings(parser)[0] for parser in PARSERS}


def run() -> list[Row]:
    """One row per parser: its worst 1 MB shape, in ms."""
    rows: list[Row] = []
    for parser, (ms, shape) in worst_per_parser().items():
        verdict = "ok" if ms <= LIMIT_MS else f"OVER {LIMIT_MS:g} ms"
        rows.append((f"{parser} (ms, worst of {len(SHAPES)} shapes)", ms, f"{verdict}: {shape}"))
    return rows


def main() -> None:
    every = "--all" in sys.argv
    clock = "wall clock" if _CLOCK is time.perf_counter else "CPU time"
    print(f"{len(SHAPES)} shapes of 1 MiB characters; best of 3 calls each ({clock}); limit {LIMIT_MS:g} ms")
    for parser in PARSERS:
        found = timings(parser)
        ms, shape = found[0]
        verdict = "ok  " if ms <= LIMIT_MS else "OVER"
        print(f"{verdict} {parser:42} {ms:9.2f} ms   {shape}")
        if every:
            for slow_ms, slow_shape in found[1:]:
                if slow_ms > 5:
                    print(f"       {'':42} {slow_ms:9.2f} ms   {slow_shape}")


if __name__ == "__main__":
    main()
