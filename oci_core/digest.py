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
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Final

from ._grammar import HEX_AS_ZERO, REGISTERED_LENGTHS, SHA256_SHAPE, registered_digest_fullmatch
from .errors import (
    DigestMismatchError,
    InvalidDigestFormatError,
    InvalidDigestLengthError,
    SizeMismatchError,
    UnsupportedAlgorithmError,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Protocol, TypeAlias

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

_ALGORITHM = re.compile(ALGORITHM_PATTERN, re.ASCII)
_ALGORITHM_CHARS = re.compile(r"[a-z0-9+._-]*", re.ASCII)
_SEPARATORS: Final = frozenset("+._-")
_ONE_SEPARATOR: Final = bytes.maketrans(b"+._", b"---")
_ENCODED_CHARS = re.compile(r"[a-zA-Z0-9=_-]*", re.ASCII)
_HEX = re.compile(r"[a-f0-9]+", re.ASCII)


class Algorithm:
    """A registered digest algorithm: its name, encoded length and hasher.

    ``hasher`` makes a new hash object, or is ``None`` when the standard
    library has no implementation (``blake3``).

    Frozen and slotted like the package's dataclasses, but written out by
    hand: importing :mod:`dataclasses` would double the time it takes to
    import this module, which registry clients load just to hash blobs.
    """

    __slots__ = ("name", "encoded_length", "hasher")

    name: str
    encoded_length: int
    hasher: Callable[[], _HashObject] | None

    def __init__(self, name: str, encoded_length: int, hasher: Callable[[], _HashObject] | None) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "encoded_length", encoded_length)
        object.__setattr__(self, "hasher", hasher)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Algorithm is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Algorithm is immutable; cannot delete {name!r}")

    def __repr__(self) -> str:
        return f"Algorithm(name={self.name!r}, encoded_length={self.encoded_length})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Algorithm):
            return NotImplemented
        return (self.name, self.encoded_length, self.hasher) == (other.name, other.encoded_length, other.hasher)

    def __hash__(self) -> int:
        return hash((self.name, self.encoded_length))


def _read_only(table: dict[str, Algorithm]) -> Mapping[str, Algorithm]:
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

    ``Digest(text)`` is :func:`parse_digest` with its defaults.
    """

    __slots__ = ()

    def __new__(cls, text: str) -> Digest:
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
        return (str(self),)


_new_digest = str.__new__


def parse_digest(text: str, *, allow_unregistered: bool = False) -> Digest:
    """Parse and validate a digest string (go-digest ``Parse``).

    >>> parse_digest("sha256:" + "0" * 64).algorithm
    'sha256'

    With ``allow_unregistered=True``, a grammatical digest whose algorithm is
    not in :data:`ALGORITHMS` is accepted as it stands (descriptor.md: such
    digests SHOULD pass validation); it still cannot be computed or verified.

    :raises InvalidDigestFormatError: the text breaks the grammar.
    :raises InvalidDigestLengthError: a registered algorithm's encoded part has
        the wrong length.
    :raises UnsupportedAlgorithmError: the algorithm is grammatical but not
        registered.
    """
    try:
        if _encode(text).translate(_HEX_AS_ZERO) == _SHA256_SHAPE and text.startswith("sha256:"):
            return _new_digest(Digest, text)
    except (TypeError, UnicodeError):  # not a str, or a lone surrogate: the slow path says so in words
        pass
    return _parse_slow(text, allow_unregistered)


def _parse_slow(text: object, allow_unregistered: bool) -> Digest:
    if not isinstance(text, str):
        raise InvalidDigestFormatError(f"invalid checksum digest format: expected a string, got {type(text).__name__}")
    text = str(text)  # a str subclass, a Digest among them: judge its text
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
    bad = _first_non_hex(encoded)
    raise InvalidDigestFormatError(
        f"invalid checksum digest format: {algorithm} wants lowercase hex",
        text=text,
        span=(start + bad, start + bad + 1),
    )


def _first_non_hex(encoded: str) -> int:
    match = _HEX.match(encoded)
    return 0 if match is None else match.end()


def _first_fault(text: str, algorithm: str) -> int | None:
    """Where ``text`` first breaks the digest grammar, or ``None``.

    Checked with single-class scans rather than the grammar's nested
    repetition, which costs far more per character on long hostile input.
    """
    faults = []
    known = _ALGORITHM_CHARS.match(algorithm).end()  # type: ignore[union-attr]
    if known < len(algorithm):
        faults.append(known)
    if not algorithm or algorithm[0] in _SEPARATORS:
        faults.append(0)
    elif algorithm[-1] in _SEPARATORS:
        faults.append(len(algorithm) - 1)
    # The checked prefix is ASCII: one C pass finds adjacent separators.
    double = algorithm[:known].encode("ascii").translate(_ONE_SEPARATOR).find(b"--")
    if double >= 0:
        faults.append(double + 1)
    if faults:
        return min(faults)
    start = len(algorithm) + 1
    end = _ENCODED_CHARS.match(text, start).end()  # type: ignore[union-attr]
    return None if end == len(text) and end > start else end


def new_digest(algorithm: str, encoded: str) -> Digest:
    """Make a digest from its parts (go-digest ``NewDigestFromEncoded``), validated.

    >>> new_digest("sha256", "f" * 64) == "sha256:" + "f" * 64
    True
    """
    for part in (algorithm, encoded):
        if not isinstance(part, str):
            raise InvalidDigestFormatError("invalid checksum digest format: algorithm and encoded must be strings")
    return parse_digest(f"{algorithm}:{encoded}")


def is_algorithm_name(name: object) -> bool:
    """Whether ``name`` fits the algorithm grammar (registered or not).

    >>> is_algorithm_name("sha256+b64u"), is_algorithm_name("SHA256")
    (True, False)
    """
    return type(name) is str and _ALGORITHM.fullmatch(name) is not None


def parse_algorithm(name: str) -> Algorithm:
    """Look up a registered algorithm by name.

    >>> parse_algorithm("sha512").encoded_length
    128

    :raises UnsupportedAlgorithmError: the name is not registered.
    """
    if not isinstance(name, str):
        raise UnsupportedAlgorithmError(f"unsupported digest algorithm: expected a name, got {type(name).__name__}")
    info = ALGORITHMS.get(name)
    if info is None:
        raise UnsupportedAlgorithmError("unsupported digest algorithm", text=name)
    return info


def _hasher_for(algorithm: str) -> Callable[[], _HashObject]:
    info = parse_algorithm(algorithm)
    if info.hasher is None:
        raise UnsupportedAlgorithmError(
            f"unsupported digest algorithm: no {info.name} implementation in the Python standard library",
            text=info.name,
        )
    return info.hasher


def compute_digest(data: Buffer, algorithm: str = CANONICAL_ALGORITHM) -> Digest:
    """The digest of ``data`` (go-digest ``FromBytes``).

    >>> str(compute_digest(b"{}"))
    'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a'

    :raises UnsupportedAlgorithmError: the algorithm is unknown or has no hasher.
    """
    hasher = _hasher_for(algorithm)()
    hasher.update(data)
    return _new_digest(Digest, f"{algorithm}:{hasher.hexdigest()}")


def verify_digest(expected: Digest, data: Buffer) -> None:
    """Check that ``data`` has the digest ``expected``.

    :raises DigestMismatchError: it does not.
    :raises UnsupportedAlgorithmError: the digest's algorithm cannot be computed.
    """
    actual = compute_digest(data, _algorithm_of(expected))
    if actual != expected:
        raise DigestMismatchError(f"content digest mismatch: expected {expected}, got {actual}")


def _algorithm_of(expected: object) -> str:
    if type(expected) is not Digest:
        if not isinstance(expected, str):
            raise InvalidDigestFormatError(
                f"invalid checksum digest format: expected a Digest, got {type(expected).__name__}"
            )
        expected = parse_digest(expected)
    assert isinstance(expected, Digest)
    return expected.algorithm


class Digester:
    """Streaming digest computation; the caller reads the bytes and feeds them.

    >>> h = Digester()
    >>> h.update(b"{"); h.update(b"}")
    >>> h.digest() == compute_digest(b"{}"), h.size
    (True, 2)
    """

    __slots__ = ("_algorithm", "_hash", "_size")

    def __init__(self, algorithm: str = CANONICAL_ALGORITHM) -> None:
        self._hash = _hasher_for(algorithm)()
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
        """Feed the next chunk."""
        self._hash.update(data)
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
    """

    __slots__ = ("_digester", "_expected", "_size")

    def __init__(self, expected: Digest, size: int | None = None) -> None:
        if size is not None and (type(size) is not int or size < 0):
            raise SizeMismatchError(f"expected size must be a non-negative integer, got {size!r}")
        self._digester = Digester(_algorithm_of(expected))
        self._expected = expected
        self._size = size

    @property
    def expected(self) -> Digest:
        """The digest the content must have."""
        return self._expected

    def update(self, data: Buffer) -> None:
        """Feed the next chunk.

        :raises SizeMismatchError: the content is now longer than announced.
        """
        self._digester.update(data)
        if self._size is not None and self._digester.size > self._size:
            raise SizeMismatchError(
                f"content is longer than its announced size {self._size} for {self._expected}"
                f" (read {self._digester.size} bytes so far)"
            )

    def verify(self) -> None:
        """Check everything fed against the expected size and digest.

        :raises SizeMismatchError: the content is shorter than announced.
        :raises DigestMismatchError: the digest differs.
        """
        if self._size is not None and self._digester.size != self._size:
            raise SizeMismatchError(
                f"content size mismatch for {self._expected}: expected {self._size} bytes,"
                f" got {self._digester.size}"
            )
        actual = self._digester.digest()
        if actual != self._expected:
            raise DigestMismatchError(f"content digest mismatch: expected {self._expected}, got {actual}")
