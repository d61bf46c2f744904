"""Grammar pieces that several public modules share, each built once (private).

* :func:`exact_str`: the characters of a ``str`` as an exact ``str``, so that
  a subclass's own ``__eq__``, ``__hash__``, ``__str__`` or methods never
  take part in a parse (every parser judges characters, not objects);
* the registered digest algorithms' encoded lengths, and the quick check that
  a ``str`` is a digest of one of them (image-spec descriptor.md, "Registered
  algorithms"); :mod:`oci_core.digest` builds its public table from
  :data:`REGISTERED_LENGTHS`;
* go-digest's algorithm grammar, checked by character-set passes rather than
  by the grammar's nested repetition (which costs far more per character on
  long hostile input): :func:`algorithm_fault`;
* a strict dotted-quad IPv4 address, as Go's ``net.ParseIP`` reads one (no
  leading zeros, each octet 0 to 255), the RFC 1918 networks, and IPv6
  addresses as :mod:`ipaddress` reads them (imported only when asked);
* the characters no text that leaves this library may hold: lone surrogates
  (no UTF-8 encoding) and Unicode noncharacters (the JSON reader and the
  ggcr view both refuse them);
* the longest digest text handed whole to the digest parser where its
  algorithm is not registered (:data:`MAX_DIGEST_TEXT`).

Patterns are exported unanchored, for composing, and compiled once here.
"""

from __future__ import annotations

import re
from functools import cache

TYPE_CHECKING = False  # typing takes 3.5 ms to import: its names are for the checkers only

if TYPE_CHECKING:
    from typing import Final

__all__ = [
    "HEX_AS_ZERO",
    "IPV4_PATTERN",
    "MAX_DIGEST_TEXT",
    "REGISTERED_DIGEST_PATTERN",
    "REGISTERED_LENGTHS",
    "SHA256_SHAPE",
    "algorithm_fault",
    "describe_forbidden",
    "exact_str",
    "first_forbidden_char",
    "is_ipv4",
    "is_ipv6",
    "is_ipv6_loopback",
    "is_registered_digest",
    "is_rfc1918",
    "registered_digest_fullmatch",
]


def exact_str(value: object) -> str | None:
    """``value``'s characters as an exact ``str`` (a copy for a subclass), or ``None`` if it is no ``str``.

    ``str.__str__`` is called on the class, so a subclass's own ``__str__``
    is never consulted.

    >>> class Loud(str):
    ...     def __str__(self) -> str:
    ...         return "something else"
    >>> type(exact_str(Loud("abc"))) is str, exact_str(Loud("abc")), exact_str(5)
    (True, 'abc', None)
    """
    if type(value) is str:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    return None


# -- digests ---------------------------------------------------------------------

#: The registered algorithms and the length of their lowercase-hex encoded part.
REGISTERED_LENGTHS: Final = {"sha256": 64, "sha384": 96, "sha512": 128, "blake3": 64}

#: A digest of a registered algorithm (unanchored).
REGISTERED_DIGEST_PATTERN: Final = (
    "(?:" + "|".join(f"{re.escape(name)}:[a-f0-9]{{{length}}}" for name, length in REGISTERED_LENGTHS.items()) + ")"
)

registered_digest_fullmatch: Final = re.compile(REGISTERED_DIGEST_PATTERN, re.ASCII).fullmatch

#: Longest digest text handed whole to ``parse_digest`` when its algorithm is
#: not registered (longer than any registered digest by far).
MAX_DIGEST_TEXT: Final = 1024

# The fast path for sha256, by far the commonest digest. Every hex digit maps
# to "0", so a valid one maps to exactly this shape; a table lookup per byte
# has no branches, where a regular expression's character class mispredicts
# on random hex and costs about twice as much.
_encode: Final = str.encode
_startswith: Final = str.startswith
HEX_AS_ZERO: Final = bytes.maketrans(b"0123456789abcdef", b"0" * 16)
SHA256_SHAPE: Final = b"sha256:".translate(HEX_AS_ZERO) + b"0" * 64


def is_registered_digest(text: str) -> bool:
    """Whether the ``str`` ``text`` is a digest of a registered algorithm (the parsers' quick check).

    >>> is_registered_digest("sha256:" + "0" * 64), is_registered_digest("sha999:" + "0" * 64)
    (True, False)
    """
    try:
        if _encode(text).translate(HEX_AS_ZERO) == SHA256_SHAPE:
            return _startswith(text, "sha256:")
    except UnicodeError:
        return False
    return registered_digest_fullmatch(text) is not None


_ALGORITHM_CHARS: Final = re.compile(r"[a-z0-9+._-]*", re.ASCII).match
_ALGORITHM_SEPARATORS: Final = "+._-"
_ONE_SEPARATOR: Final = bytes.maketrans(b"+._", b"---")


def algorithm_fault(algorithm: str) -> int | None:
    """Where ``algorithm`` first breaks go-digest's algorithm grammar, or ``None`` if it fits.

    The grammar is ``[a-z0-9]+ ([+._-] [a-z0-9]+)*`` (image-spec
    descriptor.md, "Digests"). The index of a missing component is where it
    should have started (0 for the empty text).

    >>> algorithm_fault("sha256+b64u"), algorithm_fault("sha256"), algorithm_fault("a..b"), algorithm_fault("SHA")
    (None, None, 2, 0)
    """
    faults: list[int] = []
    known = _ALGORITHM_CHARS(algorithm).end()  # type: ignore[union-attr]
    if known < len(algorithm):
        faults.append(known)
    if not algorithm or algorithm[0] in _ALGORITHM_SEPARATORS:
        faults.append(0)
    elif algorithm[-1] in _ALGORITHM_SEPARATORS:
        faults.append(len(algorithm) - 1)
    # The checked prefix is ASCII: one C pass finds adjacent separators.
    double = algorithm[:known].encode("ascii").translate(_ONE_SEPARATOR).find(b"--")
    if double >= 0:
        faults.append(double + 1)
    return min(faults) if faults else None


# -- addresses ---------------------------------------------------------------------

#: One IPv4 octet, 0 to 255, without leading zeros.
_OCTET: Final = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
#: A dotted-quad IPv4 address (unanchored).
IPV4_PATTERN: Final = _OCTET + r"(?:\." + _OCTET + "){3}"


# The address patterns are compiled on first use: only references ask.
@cache
def _ipv4() -> re.Pattern[str]:
    return re.compile(IPV4_PATTERN, re.ASCII)


def is_ipv4(text: str) -> bool:
    """Whether ``text`` is a strict dotted-quad IPv4 address.

    >>> is_ipv4("10.0.0.1"), is_ipv4("010.0.0.1"), is_ipv4("256.0.0.1")
    (True, False, False)
    """
    return _ipv4().fullmatch(text) is not None


def is_rfc1918(host: str) -> bool:
    """Whether ``host`` is an IPv4 address in an RFC 1918 private network.

    >>> is_rfc1918("10.1.2.3"), is_rfc1918("172.32.0.1"), is_rfc1918("192.168.0.1"), is_rfc1918("gcr.io")
    (True, False, True, False)
    """
    if _ipv4().fullmatch(host) is None:
        return False
    # ASCII digits only (the pattern is ASCII), so int() reads them as written.
    a, b = (int(octet) for octet in host.split(".")[:2])
    return a == 10 or (a == 172 and 16 <= b <= 31) or (a == 192 and b == 168)


def is_ipv6(address: str) -> bool:
    """Whether ``address`` (without brackets) is an IPv6 address, as :mod:`ipaddress` reads one.

    >>> is_ipv6("::1"), is_ipv6("::ffff:1.2.3.4"), is_ipv6("1.2.3.4")
    (True, True, False)
    """
    return _ipv6_loopback(address) is not None


def is_ipv6_loopback(address: str) -> bool:
    """Whether ``address`` (without brackets) is the IPv6 loopback address ``::1``.

    >>> is_ipv6_loopback("0:0::1"), is_ipv6_loopback("::2")
    (True, False)
    """
    return _ipv6_loopback(address) is True


@cache
def _ipv6_chars() -> re.Pattern[str]:
    return re.compile(r"[0-9a-fA-F:.]{2,45}", re.ASCII)


def _ipv6_loopback(address: str) -> bool | None:
    # Checked for its characters and length first: ipaddress is only imported
    # (and only reads) text that could be an address, which keeps importing
    # the public modules cheap and hostile text cheap to refuse.
    if _ipv6_chars().fullmatch(address) is None:
        return None
    import ipaddress

    try:
        return ipaddress.IPv6Address(address).is_loopback
    except ValueError:
        return None


# -- characters ----------------------------------------------------------------------

#: Lone surrogates (which have no UTF-8 encoding) and the 66 noncharacters
#: (U+FDD0..U+FDEF and the last two code points of every plane), which Unicode
#: reserves for a program's internal use: the JSON reader refuses them in
#: strings (I-JSON), the ggcr view in registries.
@cache
def _bmp_forbidden() -> re.Pattern[str]:
    # Built on first use: ASCII text never needs it. The noncharacters beyond
    # the BMP are left out of the class: holding them makes the engine compare
    # every character with each of them in turn, ten times slower.
    return re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def first_forbidden_char(text: str) -> int:
    """The index of the first lone surrogate or noncharacter in ``text``, or -1.

    These are what I-JSON (RFC 7493, section 2.1) forbids in strings and the
    strict JSON reader refuses: the surrogates U+D800 to U+DFFF (no UTF-8
    carries them alone) and the 66 noncharacters (U+FDD0 to U+FDEF and the last
    two code points of every plane).

    >>> first_forbidden_char("gcr.io"), first_forbidden_char("a\\uffffb"), first_forbidden_char("\\ud800")
    (-1, 1, 0)
    """
    if text.isascii():
        return -1
    found = _bmp_forbidden().search(text)
    end = len(text) if found is None else found.start()
    head = text if found is None else text[:end]  # no surrogate in it: it encodes strictly
    if head and max(head) > "\uffff":
        # Characters beyond the BMP: in UTF-32-LE a unit ending in FFFE or
        # FFFF shows as the bytes FE FF or FF FF at a unit's start + 0, which
        # no other alignment can produce (a unit's third byte is at most 0x10,
        # its fourth 0).
        data = head.encode("utf-32-le")
        hits = [at // 4 for at in (data.find(b"\xfe\xff"), data.find(b"\xff\xff")) if at >= 0 and at % 4 == 0]
        if hits:
            return min(hits)
    return -1 if found is None else end


def describe_forbidden(char: str) -> str:
    """What a forbidden character is, in words: ``"U+FFFF, a noncharacter"``."""
    code = ord(char)
    return f"U+{code:04X}, {'a lone surrogate' if 0xD800 <= code <= 0xDFFF else 'a noncharacter'}"
