"""Go's ``path.Match``, in linear time (private; :func:`oci_core.reference.familiar_match` uses it).

The pattern grammar (Go ``path.Match``)::

    pattern         := { term }
    term            := '*'                 any sequence of non-/ characters
                     | '?'                 any single non-/ character
                     | '[' [ '^' ] { character-range } ']'
                                           a character class (must be non-empty)
                     | c                   c itself (c != '*', '?', '\\', '[')
                     | '\\' c              c itself
    character-range := c                   c itself (c != '\\', '-', ']')
                     | '\\' c              c itself
                     | lo '-' hi           lo <= c <= hi

A pattern is read as Go reads it: split at its stars into *chunks* (a star
inside a class is a class member), each chunk placed at the leftmost place it
fits after the previous one and never moved again, the last one flush with
the end of the name. A malformed pattern is an error wherever the fault is,
even when the name has already failed to match (Go checks the rest of the
pattern before it answers no).

The cost is linear in the pattern: validity is checked in one pass, and
chunks are read only while the name has characters left for them (every
term but a star stands for exactly one character, so a chunk longer than the
rest of the name cannot fit and ends the match). Placing the chunks costs at
most about ``len(name) ** 2`` steps; names here are a reference's familiar
string, at most 776 characters by the reference grammar. Patterns longer than
:data:`MAX_PATTERN_LENGTH` are refused before they are read: that bound is
not needed for the order of growth, but it holds the constant (a pure-Python
pass over 64 KiB of one-character classes costs a few milliseconds; over
1 MiB it would cost a hundred).

Names are compared by code point; Go compares bytes and steps over UTF-8,
which gives the same answers for ASCII names, as every reference is.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import Final

__all__ = ["MAX_PATTERN_LENGTH", "BadPattern", "GoPattern", "match"]

#: The longest pattern read; a longer one is refused as malformed.
MAX_PATTERN_LENGTH: Final = 65536


class BadPattern(Exception):
    """Go's ``path.ErrBadPattern``: the pattern is malformed (``reason`` says how)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# What an escape can hide from the structure: a star, a question mark, the
# brackets and the two characters with a meaning inside a class.
_ESCAPED_SPECIALS: Final = tuple("\\" + c for c in "*?[]-^")
_LITERAL_RUN: Final = re.compile(r"[^*?\[\\]+").match
_NOT_STAR: Final = re.compile(r"[^*]").search
_DASH_GAP: Final = re.compile(r"-.-", re.DOTALL).search
# A class in the masked pattern: "[", an optional "^", the body up to the first "]".
_CLASS_BODIES: Final = re.compile(r"\[\^?([^\]]*)\]").findall
# The items of a class body in the pattern itself: c or lo-hi, each maybe escaped.
_CLASS_ITEMS: Final = re.compile(r"(\\.|[^\\])(?:-(\\.|[^\\]))?", re.DOTALL).findall
_UNESCAPED_RANGES: Final = re.compile(r"(.)-(.)", re.DOTALL).findall


def match(pattern: str, name: str) -> bool:
    """Whether ``name`` matches the shell pattern ``pattern`` (Go ``path.Match``).

    >>> match("a*/b", "abc/b"), match("a*", "ab/c"), match("[a-c]?", "bz")
    (True, False, True)

    :raises BadPattern: ``pattern`` is malformed, or longer than :data:`MAX_PATTERN_LENGTH`.
    """
    return GoPattern(pattern).match(name)


class GoPattern:
    """A checked pattern, to match against several names.

    :raises BadPattern: ``pattern`` is malformed, or longer than :data:`MAX_PATTERN_LENGTH`.
    """

    __slots__ = ("classes", "pattern", "shape")

    def __init__(self, pattern: str) -> None:
        if len(pattern) > MAX_PATTERN_LENGTH:
            raise BadPattern(f"longer than {MAX_PATTERN_LENGTH} characters")
        self.pattern = pattern
        self.shape = _check(pattern)
        self.classes: dict[str, _Class] = {}  # parsed when first reached, by their text

    def match(self, name: str) -> bool:
        """Whether ``name`` matches."""
        return _match(self, name)


def _check(pattern: str) -> str:
    """Raise BadPattern unless every chunk of ``pattern`` parses; return its masked shape.

    The shape has the pattern's length and structure with every escape
    masked: a pair of backslashes, and a backslash before a character with
    structure, become two plain characters (left to right, as escapes pair
    up). A backslash left before another character escapes it harmlessly,
    unless it ends the pattern. Every check is a string search or one
    regular-expression scan, so it costs the same per character whatever the
    pattern's shape.
    """
    shape = pattern
    if "\\" in shape:
        shape = shape.replace("\\\\", "xx")
        for escaped in _ESCAPED_SPECIALS:
            shape = shape.replace(escaped, "xx")
        if shape.endswith("\\"):
            raise BadPattern("a trailing backslash escapes nothing")
    if "[" not in shape:
        return shape
    # A class runs from its "[" to the first "]" after it (a "]" inside would
    # be escaped, and escapes are masked); it may hold "[". So every "[" has
    # a class to close it exactly when the last "[" comes before the last "]".
    if shape.rfind("[") > shape.rfind("]"):
        raise BadPattern("a character class is not closed")
    bodies = "]" + "]".join(_CLASS_BODIES(shape)) + "]"
    if "]]" in bodies:
        raise BadPattern("a character class is empty")
    # Items are c or lo-hi: no "-" at either end, none doubled, and none two
    # apart ("a-b-c" has no item for its second "-").
    if "]-" in bodies or "-]" in bodies or "--" in bodies or _DASH_GAP(bodies) is not None:
        raise BadPattern("a '-' in a character class is not between two characters of a range")
    return shape


class _Class:
    """A parsed character class, built with regular-expression scans, a sort and a dict.

    Single characters are looked up in the class's text when asked about (a
    character of the name), ranges by bisection over their low ends with the
    highest high end so far: no step walks the class in Python, so a class
    costs the same per character however long it is.
    """

    __slots__ = ("highest", "known", "lows", "negated", "singles")

    def __init__(self, negated: bool, body: str) -> None:
        if "\\" in body:
            items = _CLASS_ITEMS(body)
            self.singles = "".join([lo[-1] for lo, hi in items if not hi])  # an escaped character is itself
            ranges = [(lo[-1], hi[-1]) for lo, hi in items if hi]
        else:
            # Unescaped, every "-" is a range's; a range's ends may stand among
            # the single characters too, which changes no answer.
            self.singles = body.replace("-", "")
            ranges = _UNESCAPED_RANGES(body)
        # Per low end, the highest high end (a dict keeps the last of equal keys),
        # then the highest so far: some range holds c exactly when
        # c <= highest[i] for the last low end lows[i] <= c.
        by_low = dict(sorted(ranges))
        self.lows = list(by_low)
        self.highest = list(accumulate(by_low.values(), max))
        self.negated = negated
        self.known: dict[str, bool] = {}

    def __contains__(self, c: str) -> bool:
        answer = self.known.get(c)
        if answer is None:
            found = c in self.singles
            if not found and self.lows:
                i = bisect_right(self.lows, c) - 1
                found = i >= 0 and c <= self.highest[i]
            answer = self.known[c] = found is not self.negated
        return answer


# A chunk's terms: a literal run (str), a run of k question marks (int k), a class.
_Term = str | int | _Class


def _class_at(checked: GoPattern, i: int) -> tuple[_Class, int]:
    """The class whose "[" is at ``i``, and the index after its "]"."""
    end = checked.shape.find("]", i + 1)
    text = checked.pattern[i:end]
    klass = checked.classes.get(text)
    if klass is None:
        negated = text.startswith("[^")
        klass = checked.classes[text] = _Class(negated, text[1 + negated :])
    return klass, end + 1


def _chunk(checked: GoPattern, i: int, budget: int) -> tuple[list[_Term], int, int] | None:
    """The terms of the chunk starting at ``i``, how many characters they stand for, and where it ends.

    ``None`` when the chunk stands for more than ``budget`` characters (it cannot fit).
    """
    pattern = checked.pattern
    terms: list[_Term] = []
    length = 0
    end = len(pattern)
    while i < end and length <= budget:
        run = _LITERAL_RUN(pattern, i)
        if run is not None:
            text = run.group()
            terms.append(text)
            length += len(text)
            i = run.end()
            continue
        c = pattern[i]
        if c == "*":
            break
        if c == "?":
            last = terms[-1] if terms else None
            if type(last) is int:
                terms[-1] = last + 1
            else:
                terms.append(1)
            i += 1
        elif c == "\\":
            terms.append(pattern[i + 1])
            i += 2
        else:
            klass, i = _class_at(checked, i)
            terms.append(klass)
        length += 1
    return None if length > budget else (terms, length, i)


def _fits(terms: list[_Term], name: str, at: int) -> bool:
    """Whether the chunk ``terms`` matches ``name`` at ``at`` (the caller checked the length)."""
    for term in terms:
        if type(term) is str:
            if not name.startswith(term, at):
                return False
            at += len(term)
        elif type(term) is int:
            if name.find("/", at, at + term) >= 0:
                return False
            at += term
        else:
            if name[at] not in term:  # type: ignore[operator]
                return False
            at += 1
    return True


def _match(checked: GoPattern, name: str) -> bool:
    pattern = checked.pattern
    at, end = 0, len(name)
    i, stop = 0, len(pattern)
    while i < stop:
        star = pattern.startswith("*", i)
        if star:
            found = _NOT_STAR(pattern, i)
            if found is None:  # trailing stars: the rest of the name, if it has no "/"
                return name.find("/", at) < 0
            i = found.start()
        chunk = _chunk(checked, i, end - at)
        if chunk is None:
            return False
        terms, length, i = chunk
        # The star before the chunk covers name[at:start], which may not hold a "/".
        if star:
            slash = name.find("/", at)
            latest = min(end - length, end if slash < 0 else slash)
        else:
            latest = at
        if i == stop:  # the last chunk ends flush with the name
            start = end - length
            return at <= start <= latest and _fits(terms, name, start)
        placed = _leftmost(terms, length, name, at, latest)
        if placed < 0:
            return False
        at = placed + length
    return at == end


def _leftmost(terms: list[_Term], length: int, name: str, first: int, latest: int) -> int:
    """The first start in ``first..latest`` where the chunk fits, or -1."""
    lead = terms[0]
    if type(lead) is str:
        # Only starts where the leading literal run occurs need a look.
        start = name.find(lead, first, latest + length)
        while 0 <= start <= latest:
            if _fits(terms, name, start):
                return start
            start = name.find(lead, start + 1, latest + length)
        return -1
    for start in range(first, latest + 1):
        if _fits(terms, name, start):
            return start
    return -1
