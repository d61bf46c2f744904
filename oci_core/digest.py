"""Content digests: parse, validate, compute and verify.

The grammar is image-spec descriptor.md, "Digests"::

    digest                ::= algorithm ":" encoded
    algorithm             ::= algorithm-component (algorithm-separator algorithm-component)*
    algorithm-component   ::= [a-z0-9]+
    algorithm-separator   ::= [+._-]
    encoded               ::= [a-zA-Z0-9=_-]+

Each registered algorithm narrows ``encoded`` to lowercase hex of a fixed
length (:data:`ALGORITHMS`). ``sha256`` and ``sha512`` are registered by the
image spec, ``sha384`` by go-digest, and ``blake3`` by the image spec; the
standard library has no BLAKE3, so a ``blake3`` digest parses and compares
but cannot be computed or verified here.

Parsing follows go-digest's ``Parse``, including the order in which it
classifies errors (the spec-vectors' ``digest/parse.json``):

1. no ``":"``, or nothing after it: :class:`~oci_core.errors.InvalidDigestFormatError`;
2. an algorithm that is not registered: ``InvalidDigestFormatError`` if the
   whole string breaks the grammar above, else
   :class:`~oci_core.errors.UnsupportedAlgorithmError` (grammatical, but not
   ours; pass ``allow_unregistered=True`` to accept it, as descriptor.md says
   implementations SHOULD);
3. a registered algorithm: :class:`~oci_core.errors.InvalidDigestLengthError`
   if ``encoded`` has the wrong length, else ``InvalidDigestFormatError``
   unless it is lowercase hex.

A :class:`Digest` is a ``str`` (as go-digest's ``Digest`` is a Go string): it
is immutable, hashable, cheap to make, compares equal to its text, and can be
used wherever text is wanted. Making one always validates it.

The error contract (:mod:`oci_core.errors`): the parsers (:func:`parse_digest`,
:func:`parse_algorithm`) answer any input with a value or an
:class:`~oci_core.errors.InvalidDigestError`; everything else raises
``TypeError`` for the wrong kind of object (``compute_digest("text")``,
``Digester(5)``), and a plain ``ValueError`` for a bad argument value (an
algorithm name with no hash function here, a negative expected size). A digest
whose algorithm cannot be computed, handed to :func:`verify_digest` or
:class:`DigestVerifier`, is data the library cannot check:
:class:`~oci_core.errors.UnsupportedAlgorithmError`.
"""

from __future__ import annotations

import hashlib
import re

from ._grammar import (
    HEX_AS_ZERO,
    REGISTERED_LENGTHS,
    SHA256_SHAPE,
    algorithm_fault,
    exact_str,
    registered_digest_fullmatch,
)
from ._values import layout_twin, publish
from .errors import (
    DigestMismatchError,
    InvalidDigestFormatError,
    InvalidDigestLengthError,
    SizeMismatchError,
    UnsupportedAlgorithmError,
)

TYPE_CHECKING = False  # typing takes 3.5 ms to import: its names are for the checkers only

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Final, Protocol, TypeAlias, TypeVar

    _V = TypeVar("_V")

    Buffer: TypeAlias = "bytes | bytearray | memoryview"

    class _HashObject(Protocol):
        def update(self, data: Buffer, /) -> object: ...
        def hexdigest(self) -> str: ...


__all__ = [
    "ALGORITHMS",
    "ALGORITHM_PATTERN",
    "CANONICAL_ALGORITHM",
    "DIGEST_PATTERN",
    "ENCODED_PATTERN",
    "Algorithm",
    "Digest",
    "DigestVerifier",
    "Digester",
    "compute_digest",
    "is_algorithm_name",
    "new_digest",
    "parse_algorithm",
    "parse_digest",
    "verify_digest",
]

#: The algorithm grammar (unanchored), for composing larger patterns.
ALGORITHM_PATTERN: Final = r"[a-z0-9]+(?:[+._-][a-z0-9]+)*"
#: The encoded-part grammar (unanchored).
ENCODED_PATTERN: Final = r"[a-zA-Z0-9=_-]+"
#: The digest grammar (unanchored): ``algorithm ":" encoded``.
DIGEST_PATTERN: Final = ALGORITHM_PATTERN + ":" + ENCODED_PATTERN

#: The algorithm used when none is named (image-spec: sha256 is REQUIRED).
CANONICAL_ALGORITHM: Final = "sha256"

# Single-class scans (one C loop each, whatever the input's shape).
_ENCODED_CHARS: Final = re.compile(r"[a-zA-Z0-9=_-]*", re.ASCII).match
_HEX: Final = re.compile(r"[a-f0-9]*", re.ASCII).match


class Algorithm:
    """A registered digest algorithm: its name, encoded length and hasher.

    ``hasher`` makes a new hash object, or is ``None`` when the standard
    library has no implementation (``blake3``).

    >>> Algorithm("sha256", 64, hashlib.sha256) == ALGORITHMS["sha256"]
    True

    Frozen and slotted like the package's dataclasses, but written out by
    hand: importing :mod:`dataclasses` would double the time it takes to
    import this module, which registry clients load just to hash blobs.

    :raises TypeError: a member is of the wrong kind.
    :raises ValueError: ``name`` breaks the algorithm grammar or ``encoded_length`` is not positive.
    """

    __slots__ = ("name", "encoded_length", "hasher")

    name: str
    encoded_length: int
    hasher: Callable[[], _HashObject] | None

    def __new__(cls, name: str, encoded_length: int, hasher: Callable[[], _HashObject] | None) -> Algorithm:
        text = exact_str(name)
        if text is None:
            raise TypeError(f"Algorithm name must be a str, got {type(name).__name__}")
        if algorithm_fault(text) is not None:
            raise ValueError(f"Algorithm name {text!r} breaks the algorithm grammar {ALGORITHM_PATTERN}")
        if type(encoded_length) is not int:
            raise TypeError(f"Algorithm encoded_length must be an int, got {type(encoded_length).__name__}")
        if encoded_length <= 0:
            raise ValueError(f"Algorithm encoded_length must be positive, got {encoded_length}")
        if hasher is not None and not callable(hasher):
            raise TypeError(f"Algorithm hasher must be callable or None, got {type(hasher).__name__}")
        return _make_algorithm(text, encoded_length, hasher)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Algorithm is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Algorithm is immutable; cannot delete {name!r}")

    def __reduce__(self) -> tuple[object, ...]:
        return (Algorithm, (self.name, self.encoded_length, self.hasher))

    def __repr__(self) -> str:
        return f"Algorithm(name={self.name!r}, encoded_length={self.encoded_length})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Algorithm):
            return NotImplemented
        return (self.name, self.encoded_length, self.hasher) == (other.name, other.encoded_length, other.hasher)

    def __hash__(self) -> int:
        return hash((self.name, self.encoded_length))


_AlgorithmLayout = layout_twin(Algorithm)


def _make_algorithm(name: str, encoded_length: int, hasher: Callable[[], _HashObject] | None) -> Algorithm:
    a = _AlgorithmLayout()
    a.name = name
    a.encoded_length = encoded_length
    a.hasher = hasher
    return publish(a, Algorithm)


def _read_only(table: dict[str, _V]) -> Mapping[str, _V]:
    from types import MappingProxyType

    return MappingProxyType(table)


#: The registered algorithms, by name. Policy is this table, not code.
ALGORITHMS: Final[Mapping[str, Algorithm]] = _read_only(
    {
        "sha256": Algorithm("sha256", REGISTERED_LENGTHS["sha256"], hashlib.sha256),
        "sha384": Algorithm("sha384", REGISTERED_LENGTHS["sha384"], hashlib.sha384),
        "sha512": Algorithm("sha512", REGISTERED_LENGTHS["sha512"], hashlib.sha512),
        "blake3": Algorithm("blake3", REGISTERED_LENGTHS["blake3"], None),
    }
)

# The fast paths: one C-level check for the overwhelmingly common case.
_REGISTERED_FULL: Final = registered_digest_fullmatch
_encode: Final = str.encode
_HEX_AS_ZERO: Final = HEX_AS_ZERO
_SHA256_SHAPE: Final = SHA256_SHAPE


class Digest(str):
    """A validated digest, ``algorithm ":" encoded``; a ``str`` subclass.

    >>> d = Digest("sha256:" + "a" * 64)
    >>> d.algorithm, d.encoded[:8]
    ('sha256', 'aaaaaaaa')
    >>> d == "sha256:" + "a" * 64
    True

    ``Digest(text)`` is :func:`parse_digest` with its defaults, for a ``str``.

    :raises TypeError: ``text`` is not a ``str``.
    :raises InvalidDigestError: as :func:`parse_digest`.
    """

    __slots__ = ()

    def __new__(cls, text: str) -> Digest:
        if exact_str(text) is None:
            raise TypeError(f"Digest() takes a str, got {type(text).__name__}")
        return parse_digest(text)

    @property
    def algorithm(self) -> str:
        """The algorithm part, before the first ``":"``."""
        return self.partition(":")[0]

    @property
    def encoded(self) -> str:
        """The encoded part, after the first ``":"``."""
        return self.partition(":")[2]

    # go-digest's name for the encoded part, which is hex for every registered algorithm.
    hex = encoded

    def __repr__(self) -> str:
        return f"Digest({str.__repr__(self)})"

    def __getnewargs__(self) -> tuple[str]:
        return (str.__str__(self),)


_new_digest = str.__new__


def parse_digest(text: str, *, allow_unregistered: bool = False) -> Digest:
    """Parse and validate a digest string (go-digest ``Parse``).

    >>> parse_digest("sha256:" + "0" * 64).algorithm
    'sha256'

    With ``allow_unregistered=True``, a grammatical digest whose algorithm is
    not in :data:`ALGORITHMS` is accepted as it stands (descriptor.md: such
    digests SHOULD pass validation); it still cannot be computed or verified.
    Any other input, of any type, raises:

    :raises InvalidDigestFormatError: the text breaks the grammar (or is no ``str``).
    :raises InvalidDigestLengthError: a registered algorithm's encoded part has
        the wrong length.
    :raises UnsupportedAlgorithmError: the algorithm is grammatical but not
        registered.
    :raises TypeError: ``allow_unregistered`` is not a ``bool``.
    """
    if allow_unregistered is not False and allow_unregistered is not True:
        raise TypeError(f"allow_unregistered must be a bool, got {type(allow_unregistered).__name__}")
    try:
        # The shape leaves "sh" and ":" and masks the hex digits, so the prefix is
        # checked by two comparisons with "sha256:" and "sha256;" (':' + 1); an
        # exact str only, whose comparisons are str's own and whose characters
        # become the Digest.
        if (
            _encode(text).translate(_HEX_AS_ZERO) == _SHA256_SHAPE
            and text.__class__ is str
            and "sha256:" <= text < "sha256;"
        ):
            return _new_digest(Digest, text)
    except (TypeError, UnicodeError):  # not a str, or a lone surrogate: the slow path says so in words
        pass
    return _parse_slow(text, allow_unregistered)


def _parse_slow(value: object, allow_unregistered: bool) -> Digest:
    text = exact_str(value)  # a str subclass, a Digest among them: judge its characters
    if text is None:
        raise InvalidDigestFormatError(f"invalid checksum digest format: expected a string, got {type(value).__name__}")
    if _REGISTERED_FULL(text) is not None:
        return _new_digest(Digest, text)
    algorithm, colon, encoded = text.partition(":")
    if not colon or not encoded:
        where = (len(text), len(text)) if colon else (0, len(text))
        raise InvalidDigestFormatError("invalid checksum digest format", text=text, span=where)
    info = ALGORITHMS.get(algorithm)
    if info is None:
        bad = _first_fault(text, algorithm)
        if bad is not None:
            raise InvalidDigestFormatError(
                "invalid checksum digest format", text=text, span=(bad, min(bad + 1, len(text)))
            )
        if allow_unregistered:
            return _new_digest(Digest, text)
        raise UnsupportedAlgorithmError(
            f"unsupported digest algorithm {algorithm!r}", text=text, span=(0, len(algorithm))
        )
    start = len(algorithm) + 1
    if len(encoded) != info.encoded_length:
        raise InvalidDigestLengthError(
            f"invalid checksum digest length: {algorithm} wants {info.encoded_length} hex characters,"
            f" got {len(encoded)}",
            text=text,
            span=(start, len(text)),
        )
    bad = _HEX(encoded).end()  # type: ignore[union-attr]
    raise InvalidDigestFormatError(
        f"invalid checksum digest format: {algorithm} wants lowercase hex",
        text=text,
        span=(start + bad, start + bad + 1),
    )


def _first_fault(text: str, algorithm: str) -> int | None:
    """Where ``text`` (``algorithm ":" ...``) first breaks the digest grammar, or ``None``."""
    bad = algorithm_fault(algorithm)
    if bad is not None:
        return bad
    start = len(algorithm) + 1
    end = _ENCODED_CHARS(text, start).end()  # type: ignore[union-attr]
    return None if end == len(text) and end > start else end


def new_digest(algorithm: str, encoded: str) -> Digest:
    """Make a digest from its parts (go-digest ``NewDigestFromEncoded``), validated.

    >>> new_digest("sha256", "f" * 64) == "sha256:" + "f" * 64
    True

    :raises TypeError: a part is not a ``str``.
    :raises InvalidDigestError: as :func:`parse_digest` of ``algorithm ":" encoded``.
    """
    parts = (exact_str(algorithm), exact_str(encoded))
    for given, part, what in ((algorithm, parts[0], "algorithm"), (encoded, parts[1], "encoded")):
        if part is None:
            raise TypeError(f"new_digest() {what} must be a str, got {type(given).__name__}")
    return parse_digest(f"{parts[0]}:{parts[1]}")


def is_algorithm_name(name: object) -> bool:
    """Whether ``name`` fits the algorithm grammar (registered or not); ``False`` for anything else.

    >>> is_algorithm_name("sha256+b64u"), is_algorithm_name("SHA256"), is_algorithm_name(5)
    (True, False, False)
    """
    text = exact_str(name)
    return text is not None and algorithm_fault(text) is None


def parse_algorithm(name: str) -> Algorithm:
    """Look up a registered algorithm by name.

    >>> parse_algorithm("sha512").encoded_length
    128

    :raises UnsupportedAlgorithmError: the name is not registered (or is no ``str``).
    """
    text = exact_str(name)
    if text is None:
        raise UnsupportedAlgorithmError(f"unsupported digest algorithm: expected a name, got {type(name).__name__}")
    info = ALGORITHMS.get(text)
    if info is None:
        raise UnsupportedAlgorithmError("unsupported digest algorithm", text=text, span=(0, len(text)))
    return info


# The algorithms that can be computed here, for the callers' fast path (exact str keys only).
_HASHERS: Final[Mapping[str, Callable[[], _HashObject]]] = _read_only(
    {name: info.hasher for name, info in ALGORITHMS.items() if info.hasher is not None}
)


def _hasher_named(algorithm: object) -> tuple[str, Callable[[], _HashObject]]:
    """The algorithm a caller asked for by name: a wrong kind is a TypeError, a bad name a ValueError."""
    text = exact_str(algorithm)
    if text is None:
        raise TypeError(f"algorithm must be a str, got {type(algorithm).__name__}")
    info = ALGORITHMS.get(text)
    if info is None:
        raise ValueError(f"unsupported digest algorithm {text[:80]!r}: the registered ones are {', '.join(ALGORITHMS)}")
    if info.hasher is None:
        raise ValueError(f"unsupported digest algorithm {text!r}: no implementation in the Python standard library")
    return info.name, info.hasher


def _feed_again(hash_object: _HashObject, data: object) -> None:
    """After ``hash_object.update(data)`` failed: say why in the contract's words, or hash a contiguous copy."""
    try:
        contiguous = memoryview(data).tobytes()  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"data must be bytes-like (bytes, bytearray, memoryview), got {type(data).__name__}") from None
    hash_object.update(contiguous)


def compute_digest(data: Buffer, algorithm: str = CANONICAL_ALGORITHM) -> Digest:
    """The digest of ``data`` (go-digest ``FromBytes``).

    >>> str(compute_digest(b"{}"))
    'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a'

    :raises TypeError: ``data`` is not bytes-like, or ``algorithm`` not a ``str``.
    :raises ValueError: ``algorithm`` is not registered, or has no hash function here (``blake3``).
    """
    hasher = _HASHERS.get(algorithm) if algorithm.__class__ is str else None
    if hasher is None:
        algorithm, hasher = _hasher_named(algorithm)
    hash_object = hasher()
    try:
        hash_object.update(data)
    except (TypeError, BufferError):
        _feed_again(hash_object, data)
    return _new_digest(Digest, f"{algorithm}:{hash_object.hexdigest()}")


def _expected_digest(expected: object) -> Digest:
    if type(expected) is Digest:
        return expected
    text = exact_str(expected)
    if text is None:
        raise TypeError(f"expected must be a Digest, got {type(expected).__name__}")
    return parse_digest(text)


def _hasher_of(expected: Digest) -> Callable[[], _HashObject]:
    """The hash function of a digest (data): one that cannot be computed here is an UnsupportedAlgorithmError."""
    algorithm = expected.algorithm
    info = ALGORITHMS.get(algorithm)
    if info is None or info.hasher is None:
        why = "not registered" if info is None else "no implementation in the Python standard library"
        raise UnsupportedAlgorithmError(
            f"unsupported digest algorithm {algorithm!r}: {why}", text=str.__str__(expected), span=(0, len(algorithm))
        )
    return info.hasher


def verify_digest(expected: Digest, data: Buffer) -> None:
    """Check that ``data`` has the digest ``expected``.

    >>> verify_digest(compute_digest(b"{}"), b"{}")

    :raises DigestMismatchError: it does not.
    :raises UnsupportedAlgorithmError: the digest's algorithm cannot be computed here.
    :raises InvalidDigestError: ``expected`` is text that is not a digest.
    :raises TypeError: ``expected`` is not a digest, or ``data`` not bytes-like.
    """
    digest = _expected_digest(expected)
    hash_object = _hasher_of(digest)()
    try:
        hash_object.update(data)
    except (TypeError, BufferError):
        _feed_again(hash_object, data)
    actual = f"{digest.algorithm}:{hash_object.hexdigest()}"
    if actual != digest:
        raise DigestMismatchError(f"content digest mismatch: expected {digest}, got {actual}")


class Digester:
    """Streaming digest computation; the caller reads the bytes and feeds them.

    >>> h = Digester()
    >>> h.update(b"{"); h.update(b"}")
    >>> h.digest() == compute_digest(b"{}"), h.size
    (True, 2)

    :raises TypeError: ``algorithm`` is not a ``str``.
    :raises ValueError: ``algorithm`` is not registered, or has no hash function here.
    """

    __slots__ = ("_algorithm", "_hash", "_size")

    def __init__(self, algorithm: str = CANONICAL_ALGORITHM) -> None:
        hasher = _HASHERS.get(algorithm) if algorithm.__class__ is str else None
        if hasher is None:
            algorithm, hasher = _hasher_named(algorithm)
        self._hash = hasher()
        self._algorithm = algorithm
        self._size = 0

    @property
    def algorithm(self) -> str:
        """The algorithm's name."""
        return self._algorithm

    @property
    def size(self) -> int:
        """How many bytes have been fed so far."""
        return self._size

    def update(self, data: Buffer) -> None:
        """Feed the next chunk.

        :raises TypeError: ``data`` is not bytes-like.
        """
        try:
            self._hash.update(data)
        except (TypeError, BufferError):
            _feed_again(self._hash, data)
        self._size += memoryview(data).nbytes

    def digest(self) -> Digest:
        """The digest of everything fed so far."""
        return _new_digest(Digest, f"{self._algorithm}:{self._hash.hexdigest()}")


class DigestVerifier:
    """Check streamed content against an expected digest and, optionally, size.

    Feed chunks with :meth:`update`; it raises
    :class:`~oci_core.errors.SizeMismatchError` as soon as more bytes arrive
    than ``size`` announced, so a caller never reads past a lying server.
    :meth:`verify` then checks the total size and the digest.

    >>> v = DigestVerifier(compute_digest(b"{}"), size=2)
    >>> v.update(b"{}")
    >>> v.verify()

    :raises TypeError: ``expected`` is not a digest, or ``size`` not an ``int`` or ``None``.
    :raises ValueError: ``size`` is negative (a bad argument, not a content mismatch).
    :raises UnsupportedAlgorithmError: the digest's algorithm cannot be computed here.
    :raises InvalidDigestError: ``expected`` is text that is not a digest.
    """

    __slots__ = ("_expected", "_hash", "_read", "_size")

    def __init__(self, expected: Digest, size: int | None = None) -> None:
        if size is not None:
            if type(size) is not int:
                raise TypeError(f"size must be an int or None, got {type(size).__name__}")
            if size < 0:
                raise ValueError(f"size must not be negative, got {size}")
        self._expected = _expected_digest(expected)
        self._hash = _hasher_of(self._expected)()
        self._size = size
        self._read = 0

    @property
    def expected(self) -> Digest:
        """The digest the content must have."""
        return self._expected

    def update(self, data: Buffer) -> None:
        """Feed the next chunk.

        :raises SizeMismatchError: the content is now longer than announced.
        :raises TypeError: ``data`` is not bytes-like.
        """
        try:
            self._hash.update(data)
        except (TypeError, BufferError):
            _feed_again(self._hash, data)
        self._read += memoryview(data).nbytes
        if self._size is not None and self._read > self._size:
            raise SizeMismatchError(
                f"content is longer than its announced size {self._size} for {self._expected}"
                f" (read {self._read} bytes so far)"
            )

    def verify(self) -> None:
        """Check everything fed against the expected size and digest.

        :raises SizeMismatchError: the content is shorter than announced.
        :raises DigestMismatchError: the digest differs.
        """
        if self._size is not None and self._read != self._size:
            raise SizeMismatchError(
                f"content size mismatch for {self._expected}: expected {self._size} bytes, got {self._read}"
            )
        actual = f"{self._expected.algorithm}:{self._hash.hexdigest()}"
        if actual != self._expected:
            raise DigestMismatchError(f"content digest mismatch: expected {self._expected}, got {actual}")
