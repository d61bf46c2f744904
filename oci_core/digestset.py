"""Short digest identifiers: find a digest by a prefix of its encoded part.

The lookup behind ``docker image inspect 4ab4c6`` (go-digest ``digestset``).
A query is read as go-digest's ``Lookup`` reads it: if it parses as a digest,
or fails only for its length or its algorithm (``sha256:4ab4c6``), the part
before the first ``":"`` names the algorithm and the rest is a prefix of the
encoded part; any other query (``4ab4c6``, ``:4ab4``) is a prefix as a whole,
of the encoded part of a digest of any algorithm. Then:

* one digest's encoded part equals the prefix, or exactly one starts with
  it: found;
* several do: :class:`~oci_core.errors.AmbiguousDigestError`;
* none do: :class:`~oci_core.errors.DigestNotFoundError`.

Where go-digest looks only at the first two candidates in its sort order,
every candidate of the named algorithm is considered here, so a digest of
that algorithm is found even when one of another algorithm sorts before it.

:func:`DigestSet.short_codes` gives each digest its shortest unambiguous
prefix.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ._grammar import exact_str
from ._values import layout_twin, publish
from .digest import Digest, parse_digest
from .errors import AmbiguousDigestError, DigestNotFoundError, InvalidDigestError, InvalidDigestFormatError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["DigestSet"]

# (encoded, algorithm, digest), sorted: the digests whose encoded parts start
# with a prefix are adjacent, and one equal to it comes first.
_Entry = tuple[str, str, Digest]


@dataclass(frozen=True, slots=True, init=False)
class DigestSet:
    """An immutable set of digests that answers short-identifier lookups.

    >>> s = DigestSet.of(["sha256:" + "12" * 32, "sha256:" + "34" * 32])
    >>> s.lookup("34") == "sha256:" + "34" * 32
    True

    ``DigestSet(digests)`` takes :class:`~oci_core.digest.Digest` values (any
    iterable of them); :meth:`of` parses text.

    :raises TypeError: ``digests`` is not an iterable of ``Digest`` values.
    """

    digests: frozenset[Digest]
    _entries: tuple[_Entry, ...] = field(init=False, repr=False, compare=False)

    def __new__(cls, digests: Iterable[Digest] = frozenset()) -> DigestSet:
        if isinstance(digests, (str, bytes, bytearray)):
            raise TypeError(f"DigestSet() takes an iterable of Digest values, not a {type(digests).__name__}")
        try:
            members = frozenset(digests)
        except TypeError:
            raise TypeError(f"DigestSet() takes an iterable of Digest values, got {type(digests).__name__}") from None
        for member in members:
            if type(member) is not Digest:
                raise TypeError(
                    f"DigestSet() holds Digest values, got {type(member).__name__} (DigestSet.of parses text)"
                )
        return _make(members)

    @classmethod
    def of(cls, digests: Iterable[str]) -> DigestSet:
        """A set of the given digest texts, each parsed and validated.

        :raises InvalidDigestError: a text is not a digest.
        :raises TypeError: ``digests`` is not an iterable (or is a single ``str``).
        """
        if isinstance(digests, (str, bytes, bytearray)):
            raise TypeError(f"DigestSet.of() takes an iterable of digest texts, not a {type(digests).__name__}")
        try:
            texts = iter(digests)
        except TypeError:
            raise TypeError(f"DigestSet.of() takes an iterable of digest texts, got {type(digests).__name__}") from None
        return _make(frozenset(parse_digest(text) for text in texts))

    def __len__(self) -> int:
        return len(self.digests)

    def __iter__(self) -> Iterator[Digest]:
        return (entry[2] for entry in self._entries)

    def __contains__(self, item: object) -> bool:
        text = exact_str(item)  # judged by its characters, never by a subclass's __eq__
        return text is not None and text in self.digests

    def with_digest(self, digest: Digest) -> DigestSet:
        """A set with ``digest`` added (the same set if it is already there).

        :raises TypeError: ``digest`` is not a ``Digest``.
        """
        _require_digest(digest)
        return self if digest in self.digests else _make(self.digests | {digest})

    def without(self, digest: Digest) -> DigestSet:
        """A set with ``digest`` removed.

        :raises TypeError: ``digest`` is not a ``Digest``.
        """
        _require_digest(digest)
        return _make(self.digests - {digest}) if digest in self.digests else self

    def lookup(self, query: str) -> Digest:
        """The one digest that ``query`` identifies (see the module doc for how it is read).

        :raises DigestNotFoundError: no digest matches (or ``query`` is no ``str``).
        :raises AmbiguousDigestError: more than one does.
        """
        text = exact_str(query)
        if text is None:
            raise DigestNotFoundError(f"digest not found: expected a string, got {type(query).__name__}")
        if not text.isascii():  # every encoded part is ASCII: no prefix with another character matches
            raise DigestNotFoundError("digest not found", text=text, span=(0, len(text)))
        algorithm, prefix = _read_query(text)
        exact: list[Digest] = []
        others: list[Digest] = []
        entries = self._entries
        for index in range(bisect_left(entries, (prefix,)), len(entries)):  # no copy of the tail
            encoded, entry_algorithm, digest = entries[index]
            if not encoded.startswith(prefix):
                break
            if algorithm and entry_algorithm != algorithm:
                continue
            if encoded == prefix:
                exact.append(digest)
            elif exact or others:
                # Exact entries sort first: with one before this, it is the
                # answer; with none, this is a second candidate.
                others.append(digest)
                break
            else:
                others.append(digest)
        if len(exact) == 1:
            return exact[0]
        if not exact and len(others) == 1:
            return others[0]
        if not exact and not others:
            raise DigestNotFoundError("digest not found", text=text, span=(0, len(text)))
        raise AmbiguousDigestError(
            "ambiguous digest string: more than one digest matches", text=text, span=(0, len(text))
        )

    def short_codes(self, min_length: int = 12) -> dict[Digest, str]:
        """Each digest's shortest unambiguous prefix, at least ``min_length`` long.

        A digest whose encoded part another algorithm's digest shares in full
        keeps its whole ``algorithm:encoded`` form.

        :raises TypeError: ``min_length`` is not an ``int``.
        :raises ValueError: ``min_length`` is negative.
        """
        if type(min_length) is not int:
            raise TypeError(f"min_length must be an int, got {type(min_length).__name__}")
        if min_length < 0:
            raise ValueError(f"min_length must not be negative, got {min_length}")
        codes: dict[Digest, str] = {}
        entries = self._entries
        for index, (encoded, _, digest) in enumerate(entries):
            shared = 0
            for neighbour in (index - 1, index + 1):
                if 0 <= neighbour < len(entries):
                    shared = max(shared, _common_prefix(encoded, entries[neighbour][0]))
            length = max(min_length, shared + 1)
            codes[digest] = encoded[:length] if length <= len(encoded) and shared < len(encoded) else str(digest)
        return codes


_DigestSetLayout = layout_twin(DigestSet)


def _make(digests: frozenset[Digest]) -> DigestSet:
    s = _DigestSetLayout()
    s.digests = digests
    s._entries = tuple(sorted((d.encoded, d.algorithm, d) for d in digests))
    return publish(s, DigestSet)


def _require_digest(digest: object) -> None:
    if type(digest) is not Digest:
        raise TypeError(f"expected a Digest, got {type(digest).__name__} (parse text with parse_digest)")


def _read_query(text: str) -> tuple[str, str]:
    """(algorithm or "", prefix of the encoded part), as go-digest's Lookup splits a query."""
    if ":" not in text:  # go-digest's Parse: invalid format, so the whole query is the prefix
        return "", text
    try:
        digest = parse_digest(text, allow_unregistered=True)
    except InvalidDigestFormatError:
        return "", text
    except InvalidDigestError:  # only its length is wrong (or its algorithm is unsupported)
        algorithm, _, prefix = text.partition(":")
        return algorithm, prefix
    return digest.algorithm, digest.encoded


def _common_prefix(a: str, b: str) -> int:
    limit = min(len(a), len(b))
    index = 0
    while index < limit and a[index] == b[index]:
        index += 1
    return index
