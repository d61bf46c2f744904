"""Text rules the platform modules share (private).

Go's white space, case folding of ASCII letters only, and the characters that
no platform may hold. Each is linear in C over any input: a platform reader
may be handed a megabyte of hostile text.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

__all__ = ["GO_SPACE", "ascii_lower", "describe_unwritable", "find_unwritable"]

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
def _unwritable() -> re.Pattern[str]:
    # Built on first use: compiling this class costs more than the rest of
    # the platform module's definitions, and ASCII text never needs it.
    planes = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    return re.compile(f"[\ud800-\udfff\ufdd0-\ufdef{planes}]")


def find_unwritable(text: str) -> int:
    """The index of the first character a platform cannot hold, or -1.

    Lone surrogates (no UTF-8 carries them) and the 66 noncharacters, which
    I-JSON (RFC 7493, section 2.1) forbids and the strict JSON reader refuses:
    a platform holding one could not be written as JSON and read back.
    """
    if text.isascii():
        return -1
    found = _unwritable().search(text)
    return -1 if found is None else found.start()


def describe_unwritable(char: str) -> str:
    """``U+FFFF, a noncharacter`` or ``U+D800, a lone surrogate``."""
    code = ord(char)
    kind = "a lone surrogate" if 0xD800 <= code <= 0xDFFF else "a noncharacter"
    return f"U+{code:04X}, {kind}"
