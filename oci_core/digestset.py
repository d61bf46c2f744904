"""Short digest identifiers: find a digest by a prefix of its encoded part.

The lookup behind ``docker image inspect 4ab4c6`` (go-digest ``digestset``):
a query is either ``algorithm ":" prefix`` or a bare ``prefix``, matched
against the encoded part of every digest in the set.

* exactly one digest starts with the prefix, or one equals the query: found;
* several do: :class:`~oci_core.errors.AmbiguousDigestError`;
* none do: :class:`~oci_core.errors.DigestNotFoundError`.

:func:`short_codes` gives each digest its shortest unambiguous prefix.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .digest import Digest, parse_digest
from .errors import AmbiguousDigestError, DigestNotFoundError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["DigestSet"]


@dataclass(frozen=True, slots=True)
class DigestSet:
    """An immutable set of digests that answers short-identifier lookups.

    >>> s = DigestSet.of(["sha256:" + "12" * 32, "sha256:" + "34" * 32])
    >>> s.lookup("34") == "sha256:" + "34" * 32
    True
    """

    digests: frozenset[Digest] = frozenset()
    # (encoded, algorithm, digest), sorted: prefixes of one encoded part are adjacent.
    _entries: tuple[tuple[str, str, Digest], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        entries = sorted((d.encoded, d.algorithm, d) for d in self.digests)
        object.__setattr__(self, "_entries", tuple(entries))

    @classmethod
    def of(cls, digests: Iterable[str]) -> DigestSet:
        """A set of the given digests, each parsed and validated."""
        return cls(frozenset(parse_digest(d) for d in digests))

    def __len__(self) -> int:
        return len(self.digests)

    def __iter__(self) -> Iterator[Digest]:
        return (entry[2] for entry in self._entries)

    def __contains__(self, item: object) -> bool:
        return item in self.digests

    def with_digest(self, digest: Digest) -> DigestSet:
        """A set with ``digest`` added (the same set if it is already there)."""
        return self if digest in self.digests else DigestSet(self.digests | {digest})

    def without(self, digest: Digest) -> DigestSet:
        """A set with ``digest`` removed."""
        return DigestSet(self.digests - {digest})

    def lookup(self, query: str) -> Digest:
        """The one digest that ``query`` identifies.

        :raises DigestNotFoundError: no digest matches.
        :raises AmbiguousDigestError: more than one does.
        """
        if not isinstance(query, str):
            raise DigestNotFoundError(f"digest not found: expected a string, got {type(query).__name__}")
        algorithm, colon, prefix = query.rpartition(":")
        if not colon:
            algorithm = ""
        matches = [
            entry for entry in self._candidates(prefix) if not algorithm or entry[1] == algorithm
        ]
        if not prefix or not matches:
            raise DigestNotFoundError("digest not found", text=query)
        exact = [entry for entry in matches if entry[0] == prefix]
        if len(exact) == 1:
            return exact[0][2]
        if len(matches) > 1:
            raise AmbiguousDigestError(f"ambiguous digest string: {len(matches)} digests match", text=query)
        return matches[0][2]

    def _candidates(self, prefix: str) -> Iterator[tuple[str, str, Digest]]:
        start = bisect_left(self._entries, (prefix,))
        for entry in self._entries[start:]:
            if not entry[0].startswith(prefix):
                return
            yield entry

    def short_codes(self, min_length: int = 12) -> dict[Digest, str]:
        """Each digest's shortest unambiguous prefix, at least ``min_length`` long.

        A digest whose encoded part another algorithm's digest shares in full
        keeps its whole ``algorithm:encoded`` form.
        """
        codes: dict[Digest, str] = {}
        for index, (encoded, _, digest) in enumerate(self._entries):
            shared = 0
            for neighbour in (index - 1, index + 1):
                if 0 <= neighbour < len(self._entries):
                    shared = max(shared, _common_prefix(encoded, self._entries[neighbour][0]))
            length = max(min_length, shared + 1)
            codes[digest] = encoded[:length] if length <= len(encoded) and shared < len(encoded) else str(digest)
        return codes


def _common_prefix(a: str, b: str) -> int:
    limit = min(len(a), len(b))
    index = 0
    while index < limit and a[index] == b[index]:
        index += 1
    return index
