"""Fuzz the one-pass layer digester: any bytes as a gzip or plain layer, in any chunks, give digests or an OCIError."""

from __future__ import annotations

import gzip

from _harness import instrumented, main, refused_or

with instrumented():
    from oci_core import layerdigest, mediatypes

GZIP = mediatypes.OCI_LAYER_GZIP


def _digest(data: bytes, media_type: str, step: int) -> object:
    digester = layerdigest.LayerDigester(media_type, max_uncompressed_size=1 << 24)
    for start in range(0, len(data), step):
        digester.update(data[start : start + step])
    return digester.finish()


def test_one_input(data: bytes) -> None:
    step = 1 + (data[0] if data else 0)
    whole = refused_or(lambda: _digest(data, GZIP, len(data) or 1))
    chunked = refused_or(lambda: _digest(data, GZIP, step))
    assert (whole is None) == (chunked is None)
    if whole is not None:
        assert whole == chunked
    plain = refused_or(lambda: _digest(data, mediatypes.OCI_LAYER, step))
    assert plain is not None


def seeds() -> list[bytes]:
    return [gzip.compress(b"", mtime=0), gzip.compress(b"a" * 1000, mtime=0), gzip.compress(b"x", mtime=0)[:-3], b""]


if __name__ == "__main__":
    main(test_one_input, seeds)
