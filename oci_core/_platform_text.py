"""Text rules the platform modules share (private).

Go's white space, case folding of ASCII letters only, and the characters that
no platform may hold. Each is linear in C over any input: a platform reader
may be handed a megabyte of hostile text.
"""

from __future__ import annotations

import re
from functools import cache

TYPE_CHECKING = False  # typing takes 3.5 ms to import: its names are for the checkers only

if TYPE_CHECKING:
    from typing import Final

__all__ = [
    "GO_SPACE",
    "SHORT_TEXT",
    "ascii_lower",
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
