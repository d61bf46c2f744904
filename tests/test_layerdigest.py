"""oci_core.layerdigest: the blob digest and the diffID of a layer in one pass."""

from __future__ import annotations

import gzip
import hashlib
import lzma
import pickle
import random
import tracemalloc

import pytest

from oci_core import errors
from oci_core.descriptor import describe
from oci_core.digest import compute_digest
from oci_core.layerdigest import (
    DEFAULT_MAX_OUTPUT,
    LayerDigester,
    LayerDigests,
    _Frames,
    _Gzip,
    _Undecodable,
    compute_layer_digests,
    storage_of,
    zstd_available,
)
from oci_core.mediatypes import (
    DOCKER_FOREIGN_LAYER_UNCOMPRESSED,
    DOCKER_LAYER,
    DOCKER_LAYER_UNCOMPRESSED,
    DOCKER_LAYER_ZSTD,
    OCI_IMAGE_CONFIG,
    OCI_LAYER,
    OCI_LAYER_GZIP,
    OCI_LAYER_ZSTD,
)

from .inmemory import gzip_of, tar_of

TAR = tar_of({"etc/motd": b"hello\n" * 1000, "bin/tool": random.Random(8).randbytes(20_000)})
BLOB = gzip_of(TAR)


def _feed(digester: LayerDigester, data: bytes, size: int) -> LayerDigests:
    for start in range(0, len(data), size):
        digester.update(data[start : start + size])
    return digester.finish()


def test_a_gzip_layer_gives_both_digests() -> None:
    layer = compute_layer_digests(BLOB, OCI_LAYER_GZIP)
    assert layer.media_type == OCI_LAYER_GZIP
    assert layer.digest == compute_digest(BLOB) and layer.size == len(BLOB)
    assert layer.diff_id == compute_digest(TAR) and layer.uncompressed_size == len(TAR)
    layer.verify(describe(BLOB, OCI_LAYER_GZIP), compute_digest(TAR))


@pytest.mark.parametrize("chunk", [1, 2, 7, 512, 65536, len(BLOB)])
@pytest.mark.parametrize("max_output", [1, 100, DEFAULT_MAX_OUTPUT])
def test_any_chunking_and_any_output_cap_give_the_same_digests(chunk: int, max_output: int) -> None:
    if chunk == 1 and max_output == 1:
        chunk = 3  # the same path, a third of the time
    expected = compute_layer_digests(BLOB, OCI_LAYER_GZIP)
    assert _feed(LayerDigester(OCI_LAYER_GZIP, max_output=max_output), BLOB, chunk) == expected


def test_docker_gzip_type() -> None:
    assert compute_layer_digests(BLOB, DOCKER_LAYER).diff_id == compute_digest(TAR)


def test_several_gzip_members_are_one_stream() -> None:
    # Go's gzip.Reader reads concatenated members as one stream (pigz, appended layers).
    blob = gzip.compress(b"first ", mtime=0) + gzip.compress(b"second", mtime=0)
    layer = compute_layer_digests(blob, OCI_LAYER_GZIP)
    assert layer.diff_id == compute_digest(b"first second") and layer.uncompressed_size == 12
    assert _feed(LayerDigester(OCI_LAYER_GZIP), blob, 1) == layer
    boundary = len(gzip.compress(b"first ", mtime=0))
    digester = LayerDigester(OCI_LAYER_GZIP)
    digester.update(blob[:boundary])
    digester.update(blob[boundary:])
    assert digester.finish() == layer


def test_an_uncompressed_layer_gives_the_same_digest_twice() -> None:
    layer = compute_layer_digests(TAR, OCI_LAYER)
    assert layer.digest == layer.diff_id == compute_digest(TAR)
    assert layer.size == layer.uncompressed_size == len(TAR)
    assert compute_layer_digests(b"{}", OCI_IMAGE_CONFIG).diff_id == compute_digest(b"{}")
    assert compute_layer_digests(b"", OCI_LAYER).size == 0


def test_algorithms() -> None:
    layer = compute_layer_digests(BLOB, OCI_LAYER_GZIP, algorithm="sha512")
    assert layer.digest == compute_digest(BLOB, "sha512") and layer.diff_id == compute_digest(TAR, "sha512")
    mixed = _feed(LayerDigester(OCI_LAYER, algorithm="sha384", diff_id_algorithm="sha256"), TAR, 1000)
    assert mixed.digest == compute_digest(TAR, "sha384") and mixed.diff_id == compute_digest(TAR)
    with pytest.raises(ValueError, match="algorithm must be one of sha256, sha384, sha512, got 'blake3'"):
        LayerDigester(OCI_LAYER, algorithm="blake3")
    with pytest.raises(ValueError, match="diff_id_algorithm must be one of"):
        LayerDigester(OCI_LAYER, diff_id_algorithm="md5")
    with pytest.raises(TypeError, match="algorithm must be a str"):
        LayerDigester(OCI_LAYER, algorithm=b"sha256")  # type: ignore[arg-type]


@pytest.mark.parametrize("media_type", [DOCKER_LAYER_UNCOMPRESSED, DOCKER_FOREIGN_LAYER_UNCOMPRESSED])
def test_docker_uncompressed_types_are_read_by_their_magic_number(media_type: str) -> None:
    assert storage_of(media_type) == "detect"
    gzipped = compute_layer_digests(BLOB, media_type)
    assert gzipped.diff_id == compute_digest(TAR) and gzipped.digest == compute_digest(BLOB)
    plain = compute_layer_digests(TAR, media_type)
    assert plain.diff_id == plain.digest == compute_digest(TAR)
    for short in (b"", b"\x1f", b"\x1f\x8b", b"abc"):
        digester = LayerDigester(media_type)
        digester.update(short)
        if short == b"\x1f\x8b":  # a gzip magic number and nothing after it: cut short
            with pytest.raises(errors.CorruptLayerError, match="truncated gzip stream"):
                digester.finish()
        else:
            assert digester.finish().diff_id == compute_digest(short)
    assert LayerDigester(media_type).storage == "detect"
    digester = LayerDigester(media_type)
    for byte in BLOB[:5]:
        digester.update(bytes([byte]))
    assert digester.storage == "gzip"
    digester.update(BLOB[5:])
    assert digester.finish() == gzipped
    mixed = _feed(LayerDigester(media_type, diff_id_algorithm="sha512"), TAR, 3)
    assert mixed.diff_id == compute_digest(TAR, "sha512") and mixed.digest == compute_digest(TAR)
    mixed = _feed(LayerDigester(media_type, diff_id_algorithm="sha512"), BLOB, 3)
    assert mixed.diff_id == compute_digest(TAR, "sha512") and mixed.digest == compute_digest(BLOB)


def test_storage_table() -> None:
    assert storage_of(OCI_LAYER_GZIP) == storage_of(DOCKER_LAYER) == "gzip"
    assert storage_of(OCI_LAYER_ZSTD) == storage_of(DOCKER_LAYER_ZSTD) == "zstd"
    assert storage_of(OCI_LAYER) == storage_of(OCI_IMAGE_CONFIG) == storage_of("application/octet-stream") == "plain"
    assert storage_of("application/vnd.example.chart.v1.tar+gzip; q=1") == "gzip"
    with pytest.raises(errors.UnsupportedCompressionError, match="encrypted") as caught:
        storage_of("application/vnd.oci.image.layer.v1.tar+gzip+encrypted")
    assert caught.value.media_type == "application/vnd.oci.image.layer.v1.tar+gzip+encrypted"
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (type(copy), copy.media_type, str(copy)) == (type(caught.value), caught.value.media_type, str(caught.value))
    with pytest.raises(errors.InvalidMediaTypeError):
        storage_of("not a media type")
    with pytest.raises(errors.InvalidMediaTypeError):
        LayerDigester("")


@pytest.mark.skipif(zstd_available(), reason="this Python can read zstd")
def test_zstd_without_a_decompressor_names_the_media_type() -> None:
    for media_type in (OCI_LAYER_ZSTD, DOCKER_LAYER_ZSTD):
        with pytest.raises(errors.UnsupportedCompressionError, match="no zstd decompressor") as caught:
            LayerDigester(media_type)
        assert caught.value.media_type == media_type
    # Detected by its magic number under a Docker type: refused when it shows, and the digester stays failed.
    digester = LayerDigester(DOCKER_LAYER_UNCOMPRESSED)
    with pytest.raises(errors.UnsupportedCompressionError) as caught:
        digester.update(b"\x28\xb5\x2f\xfd rest of a frame")
    assert caught.value.media_type == DOCKER_LAYER_UNCOMPRESSED
    with pytest.raises(errors.UnsupportedCompressionError):
        digester.finish()


@pytest.mark.skipif(not zstd_available(), reason="needs compression.zstd (Python 3.14)")
def test_zstd_with_the_standard_library() -> None:  # pragma: no cover - runs on 3.14 only
    import importlib

    zstd = importlib.import_module("compression.zstd")
    blob = zstd.compress(TAR) + zstd.compress(b"more")
    layer = _feed(LayerDigester(OCI_LAYER_ZSTD, max_output=1000), blob, 777)
    assert layer.diff_id == compute_digest(TAR + b"more") and layer.digest == compute_digest(blob)
    with pytest.raises(errors.CorruptLayerError):
        compute_layer_digests(blob[:-3], OCI_LAYER_ZSTD)


def test_the_frame_reader_on_a_decompressor_with_the_same_interface() -> None:
    # zstd's ZstdDecompressor (3.14) and lzma's LZMADecompressor share one
    # interface; the frame logic is checked here on the one every Python has.
    blob = lzma.compress(TAR) + lzma.compress(b"second frame")
    for cap, chunk in ((1, 997), (1000, 1), (DEFAULT_MAX_OUTPUT, len(blob))):
        frames = _Frames(lzma.LZMADecompressor, (lzma.LZMAError,))
        out: list[bytes] = []
        for start in range(0, len(blob), chunk):
            frames.feed(blob[start : start + chunk], cap, out.append)
        assert b"".join(out) == TAR + b"second frame" and frames.at_end()
        assert max(map(len, out)) <= cap
    cut = _Frames(lzma.LZMADecompressor, (lzma.LZMAError,))
    cut.feed(blob[:100], 10, lambda data: None)
    assert not cut.at_end()
    with pytest.raises(_Undecodable):
        _Frames(lzma.LZMADecompressor, (lzma.LZMAError,)).feed(b"not xz at all", 10, lambda data: None)


# -- faults -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("blob", "offset", "message"),
    [
        (b"", 0, "truncated gzip stream: it ends after 0 stored bytes"),
        (BLOB[:-1], len(BLOB) - 1, "truncated gzip stream"),
        (BLOB[:10], 10, "truncated gzip stream"),
        (b"not gzip at all", 0, "incorrect header check"),
        (BLOB + b"trailing junk", 0, "incorrect header check"),
        (BLOB[:-8] + bytes(8), 0, "incorrect data check"),
    ],
)
def test_corrupt_and_truncated_streams(blob: bytes, offset: int, message: str) -> None:
    with pytest.raises(errors.CorruptLayerError, match=message) as caught:
        compute_layer_digests(blob, OCI_LAYER_GZIP)
    assert caught.value.offset == offset
    assert not isinstance(caught.value, errors.LayerTooLargeError)


def test_the_offset_is_that_of_the_chunk_that_could_not_be_decoded() -> None:
    damaged = bytearray(BLOB)
    damaged[len(BLOB) // 2] ^= 0xFF
    digester = LayerDigester(OCI_LAYER_GZIP)
    with pytest.raises(errors.CorruptLayerError) as caught:
        _feed(digester, bytes(damaged), 1024)
    fault = caught.value
    # The fault shows where zlib notices it: in the chunk of the damage or a later one (the CRC at the end).
    assert fault.offset % 1024 == 0 and fault.offset + 1024 > len(BLOB) // 2
    assert f"in the stored bytes {fault.offset} to {min(fault.offset + 1024, len(BLOB))}" in str(fault)
    # A failed digester stays failed, with the same fault.
    with pytest.raises(errors.CorruptLayerError) as again:
        digester.update(b"more")
    assert again.value is fault
    with pytest.raises(errors.CorruptLayerError):
        digester.finish()
    assert pickle.loads(pickle.dumps(fault)).offset == fault.offset


def test_a_decompression_bomb_is_stopped_by_the_limit_within_the_call() -> None:
    bomb = gzip.compress(bytes(64 << 20), mtime=0)  # 64 MiB of zeros in about 64 KiB
    digester = LayerDigester(OCI_LAYER_GZIP, max_uncompressed_size=1 << 20)
    with pytest.raises(errors.LayerTooLargeError, match="past the limit of 1048576 uncompressed bytes") as caught:
        digester.update(bomb)
    assert caught.value.offset == 0 and digester.uncompressed_size <= 1 << 20
    assert isinstance(caught.value, errors.CorruptLayerError)
    exact = LayerDigester(OCI_LAYER_GZIP, max_uncompressed_size=len(TAR))
    exact.update(BLOB)
    assert exact.finish().uncompressed_size == len(TAR)


def test_memory_stays_bounded_however_the_stream_inflates() -> None:
    bomb = gzip.compress(bytes(48 << 20), mtime=0)
    digester = LayerDigester(OCI_LAYER_GZIP, max_output=256 << 10)
    tracemalloc.start()
    try:
        digester.update(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert digester.finish().uncompressed_size == 48 << 20
    assert peak < 4 << 20, peak  # the output cap and the input, not 48 MiB


def test_output_handed_on_never_exceeds_the_cap() -> None:
    bomb = gzip.compress(bytes(8 << 20), mtime=0) + gzip.compress(random.Random(5).randbytes(5000), mtime=0)
    sizes: list[int] = []
    stream = _Gzip()
    stream.feed(bomb, 4096, lambda out: sizes.append(len(out)))
    assert stream.at_end() and max(sizes) <= 4096 and sum(sizes) == (8 << 20) + 5000


# -- the digester as a state value -------------------------------------------------------


def test_finish_once_then_spent() -> None:
    digester = LayerDigester(OCI_LAYER)
    digester.update(b"abc")
    assert digester.size == digester.uncompressed_size == 3
    result = digester.finish()
    assert digester.finish() is result
    with pytest.raises(errors.LocalProtocolError, match=r"update\(\) after finish\(\)"):
        digester.update(b"more")


def test_progress_properties() -> None:
    digester = LayerDigester(OCI_LAYER_GZIP)
    assert (digester.media_type, digester.storage) == (OCI_LAYER_GZIP, "gzip")
    assert (digester.size, digester.uncompressed_size) == (0, 0)
    digester.update(BLOB)
    assert digester.size == len(BLOB) and digester.uncompressed_size == len(TAR)


def test_argument_types() -> None:
    with pytest.raises(TypeError, match="media_type must be a str, got bytes"):
        LayerDigester(b"application/x")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="max_output must be an int, got bool"):
        LayerDigester(OCI_LAYER, max_output=True)
    with pytest.raises(ValueError, match="max_output must be positive, got 0"):
        LayerDigester(OCI_LAYER, max_output=0)
    with pytest.raises(ValueError, match="max_uncompressed_size must be positive"):
        LayerDigester(OCI_LAYER, max_uncompressed_size=-1)
    with pytest.raises(TypeError):
        LayerDigester(OCI_LAYER).update("text")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="data must be a contiguous buffer"):
        LayerDigester(OCI_LAYER).update(memoryview(b"abcdef")[::2])
    spliced = LayerDigester(OCI_LAYER)
    spliced.update(memoryview(bytearray(b"abcdef"))[1:4])
    assert spliced.finish().digest == compute_digest(b"bcd")


def test_results_are_checked_when_made() -> None:
    layer = compute_layer_digests(BLOB, OCI_LAYER_GZIP)
    with pytest.raises(TypeError, match=r"LayerDigests\.digest must be a Digest, got str"):
        LayerDigests(OCI_LAYER_GZIP, str(layer.digest), layer.size, layer.diff_id, 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"LayerDigests\.size must not be negative"):
        LayerDigests(OCI_LAYER_GZIP, layer.digest, -1, layer.diff_id, 1)
    with pytest.raises(TypeError, match=r"LayerDigests\.uncompressed_size must be an int, got bool"):
        LayerDigests(OCI_LAYER_GZIP, layer.digest, 1, layer.diff_id, True)
    with pytest.raises(TypeError, match=r"LayerDigests\.media_type must be a str"):
        LayerDigests(None, layer.digest, 1, layer.diff_id, 1)  # type: ignore[arg-type]


def test_verify_refuses_to_compare_digests_of_different_algorithms() -> None:
    layer = compute_layer_digests(BLOB, OCI_LAYER_GZIP)
    sha512 = describe(BLOB, OCI_LAYER_GZIP, algorithm="sha512")
    with pytest.raises(ValueError, match="cannot compare a sha256 digest with sha512:") as caught:
        layer.verify(sha512)
    assert not isinstance(caught.value, errors.OCIError)
    with pytest.raises(ValueError, match="digest the layer with sha384"):
        layer.verify(describe(BLOB, OCI_LAYER_GZIP), compute_digest(TAR, "sha384"))
    compute_layer_digests(BLOB, OCI_LAYER_GZIP, algorithm="sha512").verify(sha512, compute_digest(TAR, "sha512"))


def test_verify() -> None:
    layer = compute_layer_digests(BLOB, OCI_LAYER_GZIP)
    right = describe(BLOB, OCI_LAYER_GZIP)
    layer.verify(right)
    layer.verify(right, str(compute_digest(TAR)))
    with pytest.raises(errors.SizeMismatchError):
        layer.verify(describe(BLOB + b"x", OCI_LAYER_GZIP))
    wrong = describe(bytes(len(BLOB)), OCI_LAYER_GZIP)
    with pytest.raises(errors.DigestMismatchError, match="content digest mismatch"):
        layer.verify(wrong)
    with pytest.raises(errors.DigestMismatchError, match="diffID mismatch") as caught:
        layer.verify(right, compute_digest(b"another tar"))
    assert not isinstance(caught.value, errors.SizeMismatchError)


def test_random_text_like_layer_against_hashlib_and_zlib() -> None:
    rng = random.Random(8)
    words = [bytes(rng.randrange(97, 123) for _ in range(rng.randrange(1, 9))) for _ in range(300)]
    raw = b" ".join(rng.choice(words) for _ in range(200_000))
    blob = gzip.compress(raw, compresslevel=1, mtime=0)
    layer = _feed(LayerDigester(OCI_LAYER_GZIP), blob, 1 << 16)
    assert layer.digest == "sha256:" + hashlib.sha256(blob).hexdigest()
    assert layer.diff_id == "sha256:" + hashlib.sha256(raw).hexdigest()
