"""Layer digests in one pass: a layer's blob digest and its diffID from one read.

A manifest names each layer by the digest of its stored (usually compressed)
bytes; the image configuration's ``rootfs.diff_ids`` names the same layer by
the digest of its uncompressed tar (config.md, "Layer DiffID"). A
:class:`LayerDigester` is fed the stored bytes in chunks, as the caller reads
them, and computes both digests and both sizes, decompressing as it goes, so
that one read of a layer verifies it against the manifest and the config.

How a layer is stored follows from its media type (image-spec
media-types.md; containerd's ``DiffCompression``):

* ``+gzip`` types (and Docker's ``.tar.gzip``) are gzip, read with
  :mod:`zlib`; like Go's ``gzip.Reader``, several gzip members one after the
  other are one stream, and the CRC and length of each member are checked;
* ``+zstd`` types are zstd, read with the standard library's zstd
  decompressor where the running Python has one (3.14's ``compression.zstd``);
  elsewhere :class:`~oci_core.errors.UnsupportedCompressionError`, which names
  the media type;
* Docker's uncompressed layer types (``application/vnd.docker.image.rootfs.diff.tar``
  and its foreign twin) are read by their first bytes, as containerd and
  Docker do for them: gzip or zstd when the magic number says so, else as is;
* ``+encrypted`` types cannot be read without their key:
  ``UnsupportedCompressionError``;
* everything else (an uncompressed ``.tar`` layer, a config, an artifact's
  blob) is stored as is: its diffID is its digest, and so is its size.

Decompression is bounded: no call to :meth:`LayerDigester.update` holds more
than ``max_output`` decompressed bytes at once, however the stream inflates,
and ``max_uncompressed_size`` stops a decompression bomb within the call that
crosses it. A corrupt or truncated stream raises
:class:`~oci_core.errors.CorruptLayerError`, with the offset in the stored
bytes where the undecodable input starts.

>>> import gzip
>>> from oci_core.digest import compute_digest
>>> blob = gzip.compress(b"tar bytes", mtime=0)
>>> digester = LayerDigester("application/vnd.oci.image.layer.v1.tar+gzip")
>>> digester.update(blob[:5]); digester.update(blob[5:])
>>> layer = digester.finish()
>>> layer.digest == compute_digest(blob), layer.diff_id == compute_digest(b"tar bytes"), layer.uncompressed_size
(True, True, 9)
"""

# pyright: reportUnnecessaryIsInstance=false
# Arguments are checked at run time too: callers that are not type checked get
# a TypeError or ValueError naming the argument, as the error contract says.

from __future__ import annotations

import importlib
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal, NoReturn, Protocol

from .digest import ALGORITHMS, CANONICAL_ALGORITHM, Digest, new_digest, parse_digest
from .errors import (
    CorruptLayerError,
    DigestMismatchError,
    LayerTooLargeError,
    LocalProtocolError,
    OCIError,
    SizeMismatchError,
    UnsupportedCompressionError,
)
from .mediatypes import (
    DOCKER_FOREIGN_LAYER_UNCOMPRESSED,
    DOCKER_LAYER_UNCOMPRESSED,
    compression,
    parse_media_type,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from .descriptor import Descriptor
    from .digest import Buffer

__all__ = [
    "DEFAULT_MAX_OUTPUT",
    "LayerDigester",
    "LayerDigests",
    "Storage",
    "compute_layer_digests",
    "storage_of",
    "zstd_available",
]

#: How a blob is stored: gzip, zstd, "detect" (by its first bytes), or "plain" (as is).
Storage = Literal["gzip", "zstd", "detect", "plain"]

#: At most this many decompressed bytes are held at once by one call (1 MiB).
DEFAULT_MAX_OUTPUT: Final = 1 << 20

# -- policy: how each media type is stored ------------------------------------------

#: Docker's "uncompressed" layer types are read by their magic number, as
#: containerd's DiffCompression ("unknown") and Docker's DecompressStream do.
_DETECTED: Final = frozenset({DOCKER_LAYER_UNCOMPRESSED, DOCKER_FOREIGN_LAYER_UNCOMPRESSED})
#: Suffixes of stored forms that no standard-library reader can undo.
_UNREADABLE_SUFFIXES: Final = frozenset({"encrypted"})
#: The magic numbers of the compressed forms (RFC 1952 §2.3.1; RFC 8878 §3.1.1).
_MAGIC: Final[tuple[tuple[bytes, Storage], ...]] = ((b"\x1f\x8b", "gzip"), (b"\x28\xb5\x2f\xfd", "zstd"))
_MAGIC_LENGTH: Final = 4
#: zlib's window bits for a gzip wrapper only (16 + 15): no raw deflate, no zlib wrapper.
_GZIP_WBITS: Final = 31


def storage_of(media_type: str) -> Storage:
    """How a blob of ``media_type`` is stored: ``"gzip"``, ``"zstd"``, ``"detect"`` or ``"plain"``.

    >>> storage_of("application/vnd.oci.image.layer.v1.tar+zstd"), storage_of("application/vnd.oci.image.layer.v1.tar")
    ('zstd', 'plain')
    >>> storage_of("application/vnd.docker.image.rootfs.diff.tar")
    'detect'

    Parameters are ignored. ``"detect"`` means "by the first bytes" (Docker's
    uncompressed types). Whether the running Python can read zstd is
    :func:`zstd_available`'s question.

    :raises InvalidMediaTypeError: ``media_type`` is not a media type.
    :raises UnsupportedCompressionError: an encrypted layer type.
    """
    essence = parse_media_type(media_type).essence
    if essence in _DETECTED:
        return "detect"
    compressed = compression(essence)
    if compressed is not None:
        return compressed
    if essence.rpartition("+")[2] in _UNREADABLE_SUFFIXES:
        raise UnsupportedCompressionError(
            f"cannot read {essence} layers: the stored bytes are encrypted", media_type=essence
        )
    return "plain"


# -- the decompressors ----------------------------------------------------------------


class _Undecodable(Exception):
    """A stream's own decoder refused its input (zlib.error, zstd's ZstdError); the message is theirs."""


class _OverLimit(Exception):
    """The sink was handed more bytes than the caller allows."""


class _Sink(Protocol):
    def __call__(self, data: bytes, /) -> None: ...


class _Stream(Protocol):
    """A decompressor fed chunk by chunk; output goes to a sink, at most ``cap`` bytes at a time."""

    def feed(self, data: Buffer, cap: int, sink: _Sink) -> None: ...

    def at_end(self) -> bool: ...


class _Gzip:
    """zlib over one or more gzip members (Go's gzip.Reader reads them as one stream)."""

    __slots__ = ("_inflate",)

    def __init__(self) -> None:
        self._inflate = zlib.decompressobj(_GZIP_WBITS)

    def feed(self, data: Buffer, cap: int, sink: _Sink) -> None:
        inflate = self._inflate
        pending: Buffer = data
        try:
            while True:
                out = inflate.decompress(pending, cap)
                if out:
                    sink(out)
                if inflate.eof:
                    # The member ended; what follows must be another member
                    # (zlib refuses anything else with "incorrect header check").
                    rest = inflate.unused_data
                    if not rest:
                        return
                    inflate = self._inflate = zlib.decompressobj(_GZIP_WBITS)
                    pending = rest
                elif len(out) < cap:
                    return  # all input taken in, no output held back
                else:
                    pending = inflate.unconsumed_tail  # the output was capped: zlib may hold more back
        except zlib.error as exc:
            raise _Undecodable(str(exc)) from None

    def at_end(self) -> bool:
        return self._inflate.eof


class _Decompressor(Protocol):
    """The standard library's frame decompressors (3.14's ``compression.zstd``; ``lzma`` and ``bz2`` alike)."""

    @property
    def eof(self) -> bool: ...

    @property
    def needs_input(self) -> bool: ...

    @property
    def unused_data(self) -> bytes: ...

    def decompress(self, data: Buffer, max_length: int = ..., /) -> bytes: ...


class _Frames:
    """A decompressor of one frame at a time, over frames one after the other (zstd's multi-frame streams)."""

    __slots__ = ("_make", "_errors", "_decompressor")

    def __init__(self, make: Callable[[], _Decompressor], errors: tuple[type[Exception], ...]) -> None:
        self._make = make
        self._errors = errors
        self._decompressor = make()

    def feed(self, data: Buffer, cap: int, sink: _Sink) -> None:
        decompressor = self._decompressor
        pending: Buffer = data
        try:
            while True:
                if decompressor.eof:
                    # The frame ended; what follows starts the next one (these
                    # decompressors refuse input after their end).
                    decompressor = self._decompressor = self._make()
                out = decompressor.decompress(pending, cap)
                if out:
                    sink(out)
                if decompressor.eof:
                    pending = decompressor.unused_data
                    if not pending:
                        return
                elif decompressor.needs_input:
                    return
                else:
                    pending = b""  # the output was capped: the decompressor holds the rest of the input
        except self._errors as exc:
            raise _Undecodable(str(exc)) from None

    def at_end(self) -> bool:
        return self._decompressor.eof


def _zstd() -> tuple[Callable[[], _Decompressor], tuple[type[Exception], ...]] | None:
    """The standard library's zstd decompressor and its error, or ``None`` before Python 3.14."""
    try:
        module = importlib.import_module("compression.zstd")
    except ImportError:
        return None
    return module.ZstdDecompressor, (module.ZstdError,)


def zstd_available() -> bool:
    """Whether the running Python's standard library can decompress zstd (``compression.zstd``, 3.14+).

    >>> import sys
    >>> zstd_available() == (sys.version_info >= (3, 14))
    True
    """
    return _zstd() is not None


def _stream(storage: Storage, media_type: str) -> _Stream:
    if storage == "gzip":
        return _Gzip()
    zstd = _zstd()
    if zstd is None:
        raise UnsupportedCompressionError(
            f"cannot read {media_type} layers: this Python's standard library has no zstd decompressor"
            " (compression.zstd arrives in Python 3.14)",
            media_type=media_type,
        )
    return _Frames(*zstd)


# -- the result ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LayerDigests:
    """What one read of a layer gave: its blob digest and size, its diffID and uncompressed size.

    A value of the :class:`oci_core.partial.Layer` protocol.
    """

    media_type: str
    digest: Digest
    size: int
    diff_id: Digest
    uncompressed_size: int

    def __post_init__(self) -> None:
        if not isinstance(self.media_type, str):
            raise TypeError(f"LayerDigests.media_type must be a str, got {type(self.media_type).__name__}")
        for name in ("digest", "diff_id"):
            if type(getattr(self, name)) is not Digest:
                raise TypeError(f"LayerDigests.{name} must be a Digest, got {type(getattr(self, name)).__name__}")
        for name in ("size", "uncompressed_size"):
            value = getattr(self, name)
            if type(value) is not int:
                raise TypeError(f"LayerDigests.{name} must be an int, got {type(value).__name__}")
            if value < 0:
                raise ValueError(f"LayerDigests.{name} must not be negative, got {value}")

    def verify(self, descriptor: Descriptor, diff_id: Digest | str | None = None) -> None:
        """Check the layer against its manifest descriptor and, when given, its config's diffID.

        >>> from oci_core.descriptor import describe
        >>> layer = compute_layer_digests(b"plain tar", "application/vnd.oci.image.layer.v1.tar")
        >>> layer.verify(describe(b"plain tar", "application/vnd.oci.image.layer.v1.tar"), layer.digest)

        :raises SizeMismatchError: the stored size differs from the descriptor's.
        :raises DigestMismatchError: the blob digest differs from the
            descriptor's, or the diffID from ``diff_id``.
        :raises ValueError: the digests were computed with another algorithm
            than the one they are compared with (give the digester the
            descriptor's and the config's algorithms).
        """
        expected_diff_id = None if diff_id is None else parse_digest(str(diff_id), allow_unregistered=True)
        for computed, expected in ((self.digest, descriptor.digest), (self.diff_id, expected_diff_id)):
            if expected is not None and computed.algorithm != expected.algorithm:
                raise ValueError(
                    f"cannot compare a {computed.algorithm} digest with {expected}: digest the layer with"
                    f" {expected.algorithm}"
                )
        if descriptor.size != self.size:
            raise SizeMismatchError(
                f"content size mismatch for {descriptor.digest}: expected {descriptor.size} bytes, got {self.size}"
            )
        if descriptor.digest != self.digest:
            raise DigestMismatchError(f"content digest mismatch: expected {descriptor.digest}, got {self.digest}")
        if expected_diff_id is not None and expected_diff_id != self.diff_id:
            raise DigestMismatchError(
                f"diffID mismatch for {descriptor.digest}: the config says {expected_diff_id},"
                f" the layer is {self.diff_id}"
            )


# -- the digester ---------------------------------------------------------------------------


class _Hash(Protocol):
    def update(self, data: Buffer, /) -> object: ...

    def hexdigest(self) -> str: ...


def _hasher(algorithm: object, name: str) -> Callable[[], _Hash]:
    if not isinstance(algorithm, str):
        raise TypeError(f"{name} must be a str, got {type(algorithm).__name__}")
    info = ALGORITHMS.get(str(algorithm))
    if info is None or info.hasher is None:
        computable = ", ".join(sorted(n for n, a in ALGORITHMS.items() if a.hasher is not None))
        raise ValueError(f"{name} must be one of {computable}, got {algorithm!r}")
    return info.hasher


def _positive(value: object, name: str) -> int:
    if type(value) is not int:
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if value <= 0:
        raise ValueError(f"{name} must be positive, got {value}")
    return value


class LayerDigester:
    """Digest a layer's stored bytes and its uncompressed bytes in one pass.

    >>> from oci_core.digest import compute_digest
    >>> digester = LayerDigester("application/vnd.oci.image.layer.v1.tar")
    >>> digester.update(b"uncompressed ")
    >>> digester.update(b"tar")
    >>> layer = digester.finish()
    >>> layer.diff_id == layer.digest == compute_digest(b"uncompressed tar"), layer.size
    (True, 16)

    ``media_type`` says how the bytes are stored (see the module docstring);
    ``algorithm`` is the blob digest's (the descriptor's) and
    ``diff_id_algorithm`` the diffID's (the config's; the same by default).
    ``max_output`` bounds the decompressed bytes held at once;
    ``max_uncompressed_size``, when set, stops a stream that inflates past it
    with :class:`~oci_core.errors.LayerTooLargeError`.

    After :meth:`finish` the digester is spent: feeding it more is a
    :class:`~oci_core.errors.LocalProtocolError` (:meth:`finish` itself may
    be asked again). After a fault it stays failed, and raises that fault again.

    :raises UnsupportedCompressionError: the layer is zstd and this Python
        has no zstd decompressor, or the layer is encrypted.
    :raises InvalidMediaTypeError: ``media_type`` is not a media type.
    :raises ValueError: an algorithm is not one this Python computes, or a
        limit is not a positive integer.
    """

    __slots__ = (
        "_media_type",
        "_storage",
        "_algorithm",
        "_diff_id_algorithm",
        "_blob",
        "_plain",
        "_size",
        "_uncompressed_size",
        "_stream",
        "_head",
        "_max_output",
        "_limit",
        "_result",
        "_fault",
    )

    def __init__(
        self,
        media_type: str,
        *,
        algorithm: str = CANONICAL_ALGORITHM,
        diff_id_algorithm: str | None = None,
        max_output: int = DEFAULT_MAX_OUTPUT,
        max_uncompressed_size: int | None = None,
    ) -> None:
        if not isinstance(media_type, str):
            raise TypeError(f"media_type must be a str, got {type(media_type).__name__}")
        media_type = str(media_type)
        storage = storage_of(media_type)
        blob = _hasher(algorithm, "algorithm")
        diff_id_algorithm = algorithm if diff_id_algorithm is None else diff_id_algorithm
        plain = _hasher(diff_id_algorithm, "diff_id_algorithm")
        self._max_output = _positive(max_output, "max_output")
        limit = max_uncompressed_size
        self._limit = None if limit is None else _positive(limit, "max_uncompressed_size")
        self._media_type = media_type
        self._storage: Storage = storage
        self._algorithm = str(algorithm)
        self._diff_id_algorithm = str(diff_id_algorithm)
        self._blob = blob()
        # Stored as is, the diffID is the digest: one hash does both when the
        # algorithms agree (a "detect" layer gets its second hash if it turns
        # out compressed).
        one_hash = storage in ("plain", "detect") and self._diff_id_algorithm == self._algorithm
        self._plain: _Hash | None = None if one_hash else plain()
        self._size = 0
        self._uncompressed_size = 0
        self._stream: _Stream | None = None if storage in ("plain", "detect") else _stream(storage, media_type)
        self._head = b""  # the first bytes of a "detect" layer, until its magic number can be read
        self._result: LayerDigests | None = None
        self._fault: OCIError | None = None

    @property
    def media_type(self) -> str:
        """The media type the layer is read as."""
        return self._media_type

    @property
    def storage(self) -> Storage:
        """How the bytes are stored: ``"gzip"``, ``"zstd"`` or ``"plain"`` (``"detect"`` until the first bytes say)."""
        return self._storage

    @property
    def size(self) -> int:
        """How many stored bytes have been fed."""
        return self._size

    @property
    def uncompressed_size(self) -> int:
        """How many uncompressed bytes they have given so far."""
        return self._size if self._storage == "plain" else self._uncompressed_size

    def update(self, data: Buffer) -> None:
        """Feed the next chunk of stored bytes.

        :raises CorruptLayerError: the compressed stream cannot be decoded.
        :raises LayerTooLargeError: it inflates past ``max_uncompressed_size``.
        """
        if self._fault is not None or self._result is not None:
            self._refuse("update")
        view = memoryview(data)
        if not view.c_contiguous:
            raise TypeError("data must be a contiguous buffer (bytes, bytearray, a memoryview of one)")
        offset = self._size
        self._blob.update(view)
        self._size = offset + view.nbytes
        if self._stream is not None:
            self._feed(view, offset)
        elif self._storage == "detect":
            self._head += view.tobytes()
            if len(self._head) >= _MAGIC_LENGTH:
                self._decide()
        elif self._plain is not None:
            self._plain.update(view)

    def _feed(self, data: Buffer, offset: int) -> None:
        stream = self._stream
        assert stream is not None
        try:
            stream.feed(data, self._max_output, self._take)
        except _Undecodable as exc:
            self._fail(
                CorruptLayerError(
                    f"corrupt {self._storage} stream ({exc}) in the stored bytes {offset} to {self._size}",
                    offset=offset,
                )
            )
        except _OverLimit:
            self._fail(
                LayerTooLargeError(
                    f"the layer inflates past the limit of {self._limit} uncompressed bytes"
                    f" in the stored bytes {offset} to {self._size}",
                    offset=offset,
                )
            )

    def _take(self, out: bytes) -> None:
        size = self._uncompressed_size + len(out)
        if self._limit is not None and size > self._limit:
            raise _OverLimit
        self._uncompressed_size = size
        plain = self._plain
        assert plain is not None
        plain.update(out)

    def _decide(self) -> None:
        """Settle how a "detect" layer is stored from its first bytes, then take them in."""
        head, self._head = self._head, b""
        storage: Storage = "plain"
        for magic, name in _MAGIC:
            if head.startswith(magic):
                storage = name
        self._storage = storage
        if storage == "plain":
            if self._plain is not None:
                self._plain.update(head)
            return
        if self._plain is None:
            self._plain = _hasher(self._diff_id_algorithm, "diff_id_algorithm")()
        try:
            self._stream = _stream(storage, self._media_type)
        except UnsupportedCompressionError as unsupported:
            self._fail(unsupported)
        self._feed(head, self._size - len(head))

    def finish(self) -> LayerDigests:
        """The digests and sizes of everything fed; the stream must be complete.

        :raises CorruptLayerError: the compressed stream was cut short.
        """
        if self._result is not None:
            return self._result
        if self._fault is not None:
            self._refuse("finish")
        if self._storage == "detect":
            self._decide()
        if self._stream is not None and not self._stream.at_end():
            self._fail(
                CorruptLayerError(
                    f"truncated {self._storage} stream: it ends after {self._size} stored bytes, before its end",
                    offset=self._size,
                )
            )
        digest = new_digest(self._algorithm, self._blob.hexdigest())
        plain = self._plain
        diff_id = digest if plain is None else new_digest(self._diff_id_algorithm, plain.hexdigest())
        self._result = LayerDigests(self._media_type, digest, self._size, diff_id, self.uncompressed_size)
        return self._result

    def _fail(self, fault: OCIError) -> NoReturn:
        self._fault = fault
        raise fault

    def _refuse(self, step: str) -> NoReturn:
        if self._fault is not None:
            raise self._fault
        raise LocalProtocolError(f"LayerDigester.{step}() after finish(): the digester is spent")


def compute_layer_digests(data: Buffer, media_type: str, *, algorithm: str = CANONICAL_ALGORITHM) -> LayerDigests:
    """The digests and sizes of a whole layer held in memory (one :class:`LayerDigester` call).

    >>> from oci_core.digest import compute_digest
    >>> compute_layer_digests(b"tar", "application/vnd.oci.image.layer.v1.tar").diff_id == compute_digest(b"tar")
    True
    """
    digester = LayerDigester(media_type, algorithm=algorithm)
    digester.update(data)
    return digester.finish()
