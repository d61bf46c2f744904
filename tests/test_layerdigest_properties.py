"""Properties of the one-pass layer digester: chunking never matters, arbitrary bytes end well, output stays bounded."""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from oci_core import errors
from oci_core.digest import compute_digest
from oci_core.layerdigest import LayerDigester, LayerDigests, _Gzip
from oci_core.mediatypes import DOCKER_LAYER_UNCOMPRESSED, OCI_LAYER, OCI_LAYER_GZIP

# Content like a layer's: runs of a few repeated pieces, with some noise.
_content = st.lists(st.binary(min_size=1, max_size=40), min_size=1, max_size=6).flatmap(
    lambda pieces: st.lists(st.sampled_from(pieces) | st.binary(max_size=8), max_size=80).map(b"".join)
)


@st.composite
def gzip_layers(draw: st.DrawFn) -> tuple[bytes, bytes]:
    """A gzip blob of one or more members, and the content it holds."""
    parts = draw(st.lists(_content, min_size=1, max_size=3))
    level = draw(st.integers(0, 9))
    return b"".join(gzip.compress(part, compresslevel=level, mtime=0) for part in parts), b"".join(parts)


def _cuts(size: int) -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(0, size), max_size=12).map(sorted)


def _feed(digester: LayerDigester, data: bytes, cuts: list[int]) -> LayerDigests:
    start = 0
    for cut in [*cuts, len(data)]:
        digester.update(data[start:cut])
        start = cut
    return digester.finish()


@given(gzip_layers().flatmap(lambda layer: st.tuples(st.just(layer), _cuts(len(layer[0])))), st.integers(1, 5000))
def test_a_gzip_layer_gives_the_same_two_digests_whatever_the_chunking(
    case: tuple[tuple[bytes, bytes], list[int]], max_output: int
) -> None:
    (blob, content), cuts = case
    layer = _feed(LayerDigester(OCI_LAYER_GZIP, max_output=max_output), blob, cuts)
    assert layer.digest == "sha256:" + hashlib.sha256(blob).hexdigest() and layer.size == len(blob)
    assert layer.diff_id == "sha256:" + hashlib.sha256(content).hexdigest() and layer.uncompressed_size == len(content)
    # Under a Docker "uncompressed" type the magic number says gzip: the same answer.
    assert _feed(LayerDigester(DOCKER_LAYER_UNCOMPRESSED, max_output=max_output), blob, cuts).diff_id == layer.diff_id


@given(_content.flatmap(lambda data: st.tuples(st.just(data), _cuts(len(data)))))
def test_a_plain_layer_gives_its_digest_twice_whatever_the_chunking(case: tuple[bytes, list[int]]) -> None:
    data, cuts = case
    layer = _feed(LayerDigester(OCI_LAYER), data, cuts)
    assert layer.digest == layer.diff_id == compute_digest(data)
    assert layer.size == layer.uncompressed_size == len(data)
    if not data.startswith((b"\x1f\x8b", b"\x28\xb5\x2f\xfd")):
        assert _feed(LayerDigester(DOCKER_LAYER_UNCOMPRESSED), data, cuts) == LayerDigests(
            DOCKER_LAYER_UNCOMPRESSED, layer.digest, layer.size, layer.diff_id, layer.uncompressed_size
        )


def _outcome(call: Callable[[], LayerDigests]) -> LayerDigests | errors.OCIError:
    try:
        return call()
    except errors.OCIError as error:
        return error


def _damaged(draw: st.DrawFn) -> bytes:
    blob, _ = draw(gzip_layers())
    flips = draw(st.lists(st.tuples(st.integers(0, len(blob) - 1), st.integers(1, 255)), max_size=3))
    damaged = bytearray(blob)
    for position, mask in flips:
        damaged[position] ^= mask
    cut = draw(st.integers(0, len(damaged)))
    return bytes(damaged[:cut]) if draw(st.booleans()) else bytes(damaged)


_arbitrary = st.binary(max_size=300) | st.composite(_damaged)()


@given(_arbitrary.flatmap(lambda data: st.tuples(st.just(data), _cuts(len(data)))),
       st.sampled_from([OCI_LAYER_GZIP, DOCKER_LAYER_UNCOMPRESSED, OCI_LAYER]))
def test_arbitrary_bytes_end_in_digests_or_an_oci_error(case: tuple[bytes, list[int]], media_type: str) -> None:
    data, cuts = case
    layer = _outcome(lambda: _feed(LayerDigester(media_type, max_output=64), data, cuts))
    if isinstance(layer, errors.OCIError):
        assert isinstance(layer, (errors.CorruptLayerError, errors.UnsupportedCompressionError)), layer
        assert not isinstance(layer, errors.CorruptLayerError) or 0 <= layer.offset <= len(data)
        return
    assert layer.digest == compute_digest(data) and layer.size == len(data)
    if media_type == OCI_LAYER_GZIP:
        assert layer.diff_id == compute_digest(gzip.decompress(data))


@given(st.integers(0, 2 << 20), st.integers(256, 1 << 16), st.integers(1, 1 << 20))
def test_output_per_call_is_bounded_and_the_limit_holds(zeros: int, cap: int, limit: int) -> None:
    bomb = gzip.compress(bytes(zeros), compresslevel=9, mtime=0)
    sizes: list[int] = []
    stream = _Gzip()
    stream.feed(bomb, cap, lambda out: sizes.append(len(out)))
    assert stream.at_end() and sum(sizes) == zeros and max(sizes, default=0) <= cap
    digester = LayerDigester(OCI_LAYER_GZIP, max_output=cap, max_uncompressed_size=limit)
    try:
        digester.update(bomb)
    except errors.LayerTooLargeError:
        assert zeros > limit and digester.uncompressed_size <= limit
    else:
        assert zeros <= limit and digester.finish().uncompressed_size == zeros
