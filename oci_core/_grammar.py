"""Grammar pieces that several public modules share, each built once (private).

* the registered digest algorithms' encoded lengths, and the quick check that
  a ``str`` is a digest of one of them (image-spec descriptor.md, "Registered
  algorithms"); :mod:`oci_core.digest` builds its public table from
  :data:`REGISTERED_LENGTHS`;
* a strict dotted-quad IPv4 address, as Go's ``net.ParseIP`` reads one (no
  leading zeros, each octet 0 to 255).

Patterns are exported unanchored, for composing, and compiled once here.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "IPV4_PATTERN",
    "REGISTERED_DIGEST_PATTERN",
    "REGISTERED_LENGTHS",
    "is_ipv4",
    "is_registered_digest",
    "registered_digest_fullmatch",
]

#: The registered algorithms and the length of their lowercase-hex encoded part.
REGISTERED_LENGTHS: Final = {"sha256": 64, "sha384": 96, "sha512": 128, "blake3": 64}

#: A digest of a registered algorithm (unanchored).
REGISTERED_DIGEST_PATTERN: Final = (
    "(?:" + "|".join(f"{re.escape(name)}:[a-f0-9]{{{length}}}" for name, length in REGISTERED_LENGTHS.items()) + ")"
)

registered_digest_fullmatch: Final = re.compile(REGISTERED_DIGEST_PATTERN, re.ASCII).fullmatch

#: One IPv4 octet, 0 to 255, without leading zeros.
_OCTET: Final = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
#: A dotted-quad IPv4 address (unanchored).
IPV4_PATTERN: Final = _OCTET + r"(?:\." + _OCTET + "){3}"

_IPV4_FULLMATCH: Final = re.compile(IPV4_PATTERN, re.ASCII).fullmatch

# The fast path for sha256, by far the commonest digest. Every hex digit maps
# to "0", so a valid one maps to exactly this shape; a table lookup per byte
# has no branches, where a regular expression's character class mispredicts
# on random hex and costs about twice as much.
_encode: Final = str.encode
HEX_AS_ZERO: Final = bytes.maketrans(b"0123456789abcdef", b"0" * 16)
SHA256_SHAPE: Final = b"sha256:".translate(HEX_AS_ZERO) + b"0" * 64


def is_registered_digest(text: str) -> bool:
    """Whether the ``str`` ``text`` is a digest of a registered algorithm (the parsers' quick check)."""
    try:
        if _encode(text).translate(HEX_AS_ZERO) == SHA256_SHAPE:
            return text.startswith("sha256:")
    except UnicodeError:
        return False
    return registered_digest_fullmatch(text) is not None


def is_ipv4(text: str) -> bool:
    """Whether ``text`` is a strict dotted-quad IPv4 address.

    >>> is_ipv4("10.0.0.1"), is_ipv4("010.0.0.1"), is_ipv4("256.0.0.1")
    (True, False, False)
    """
    return _IPV4_FULLMATCH(text) is not None
