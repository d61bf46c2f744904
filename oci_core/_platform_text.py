"""Text rules the platform modules share (private).

Go's white space, case folding of ASCII letters only, and the characters that
no platform may hold. Each is linear in C over any input: a platform reader
may be handed a megabyte of hostile text.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

__all__ = [
    "GO_SPACE",
    "SHORT_TEXT",
    "ascii_lower",
    "describe_unwritable",
    "find_unwritable",
    "go_trim_space",
    "skip_space",
]

#: Go's ``unicode.IsSpace``, which ``strings.TrimSpace`` uses (``str.strip()``
#: would also strip U+001C..U+001F).
GO_SPACE: Final = (
    "\t\n\v\f\r \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)


def ascii_lower(text: str) -> str:
    """``text`` with A-Z lower-cased and every other character kept.

    containerd lower-cases with Go's Unicode ``strings.ToLower``. The
    specifier grammar is ASCII and no table holds anything else, so only A-Z
    is folded here: ``"İ".lower()`` is two characters in Python and one in Go,
    and no non-ASCII name could normalise to a known one anyway.
    """
    if text.isascii():
        return text.lower()
    # bytes.lower() folds exactly A-Z, in one C pass (str.translate with a
    # table would look each character up in a dict).
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


@cache
def _bmp_unwritable() -> re.Pattern[str]:
    # Built on first use; ASCII text never needs it. The noncharacters beyond
    # the BMP are left out: a class holding them makes the engine compare
    # every character with each of them in turn, ten times slower.
    return re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def find_unwritable(text: str) -> int:
    """The index of the first character a platform cannot hold, or -1.

    Lone surrogates (no UTF-8 carries them) and the 66 noncharacters, which
    I-JSON (RFC 7493, section 2.1) forbids and the strict JSON reader refuses:
    a platform holding one could not be written as JSON and read back.
    """
    if text.isascii():
        return -1
    found = _bmp_unwritable().search(text)
    end = len(text) if found is None else found.start()
    if len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text):
        # Characters beyond the BMP: in UTF-32-LE a unit ending in FFFE or
        # FFFF shows as the bytes FE FF or FF FF, which no other alignment can
        # produce (the third byte of a unit is at most 0x10, the fourth 0).
        data = text[:end].encode("utf-32-le", "surrogatepass")
        hits = [at // 4 for at in (data.find(b"\xfe\xff"), data.find(b"\xff\xff")) if at >= 0]
        if hits:
            return min(hits)
    return -1 if found is None else end


#: Up to this length str.strip beats running a pattern; callers on a hot
#: path strip short text themselves and call go_trim_space for the rest.
SHORT_TEXT: Final = 256


@cache
def _leading_space() -> re.Pattern[str]:
    return re.compile(f"[{GO_SPACE}]*")


def go_trim_space(text: str) -> str:
    """Go's ``strings.TrimSpace``: ``text`` without the Go white space at either end.

    ``str.strip(GO_SPACE)`` looks each character up in the 25 of GO_SPACE in
    turn, which is quickest for short text; for long text a pattern run from
    each end is one C loop with a table.
    """
    if len(text) <= SHORT_TEXT:
        return text.strip(GO_SPACE)
    if text[0] not in GO_SPACE and text[-1] not in GO_SPACE:
        return text
    start = skip_space(text)
    if start == len(text):
        return ""
    return text[start : len(text) - skip_space(text[::-1])]


def skip_space(text: str) -> int:
    """The index of the first character of ``text`` that is not Go white space."""
    if len(text) <= SHORT_TEXT:
        return len(text) - len(text.lstrip(GO_SPACE))
    run = _leading_space().match(text)
    return 0 if run is None else run.end()


def describe_unwritable(char: str) -> str:
    """``U+FFFF, a noncharacter`` or ``U+D800, a lone surrogate``."""
    code = ord(char)
    kind = "a lone surrogate" if 0xD800 <= code <= 0xDFFF else "a noncharacter"
    return f"U+{code:04X}, {kind}"
