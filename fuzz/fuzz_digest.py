"""Fuzz digest parsing: a Digest or an OCIError; str() parses back; unregistered digests only when allowed."""

from __future__ import annotations

from _harness import instrumented, main, refused_or, string_seeds, text

with instrumented():
    from oci_core import digest


def test_one_input(data: bytes) -> None:
    source = text(data)
    strict = refused_or(lambda: digest.parse_digest(source))
    loose = refused_or(lambda: digest.parse_digest(source, allow_unregistered=True))
    if strict is not None:
        assert loose == strict == digest.parse_digest(str(strict))
        assert isinstance(strict, digest.Digest) and strict.algorithm in digest.ALGORITHMS
    if isinstance(loose, digest.Digest):
        assert digest.parse_digest(str(loose), allow_unregistered=True) == loose


if __name__ == "__main__":
    main(test_one_input, string_seeds)
