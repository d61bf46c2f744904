"""Text helpers shared by the model modules: Go's white space and ASCII-only case folding (private)."""

from __future__ import annotations

from typing import Final

__all__ = ["GO_SPACE", "ascii_lower"]

#: Go's ``unicode.IsSpace`` (what ``strings.TrimSpace`` trims); ``str.strip()`` also strips U+001C to U+001F.
GO_SPACE: Final = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"  # noqa: E501

_ASCII_LOWER: Final = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def ascii_lower(text: str) -> str:
    """``text`` with only its ASCII letters lower-cased (``str.lower`` is Unicode-wide: KELVIN SIGN lowers to "k")."""
    return str(text).translate(_ASCII_LOWER)
