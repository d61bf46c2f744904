"""``WWW-Authenticate`` challenges: RFC 9110 §11 (private; public through :mod:`oci_core.auth`).

The grammar (RFC 9110 §11.2, §11.6.1, and §5.6 for lists, tokens and quoted
strings)::

    WWW-Authenticate = #challenge
    challenge        = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
    auth-scheme      = token
    auth-param       = token BWS "=" BWS ( token / quoted-string )
    token68          = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
    quoted-string    = DQUOTE *( qdtext / quoted-pair ) DQUOTE
    #element         = [ element ] *( OWS "," OWS [ element ] )

A value holds several challenges separated by commas, and so do repeated
header lines (:func:`challenges_from`). After a comma, ``name=`` continues the
current challenge's parameters and anything else starts a new challenge, which
is how the grammar tells ``Bearer realm="a", Basic realm="b"`` apart. Scheme
and parameter names are case-insensitive and kept in lower case; values are
opaque and kept as sent, repeated parameters (``scope``) included, in order.

Anything else is an :class:`~oci_core.errors.InvalidChallengeError` with the
offending position: an unterminated quoted string, a missing comma, a scheme
glued to ``=``, a control character. Parsing is linear: every piece is one
regular-expression match of a single character class at a known position, and
a value may hold at most :data:`MAX_ITEMS` challenges and parameters in all
(real registries send one or two challenges of two to four parameters), so a
1 MB hostile value is refused or read in a few milliseconds.
"""

# The parsers promise an answer for any Python object (the "arbitrary input"
# contract), so they check at run time what the annotations already say.
# pyright: reportUnnecessaryIsInstance=false

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from ._fault import Fault
from ._values import layout_twin, publish
from .errors import InvalidChallengeError

__all__ = [
    "MAX_ITEMS",
    "SCHEME_PREFERENCE",
    "Challenge",
    "challenges_from",
    "format_challenges",
    "parse_www_authenticate",
    "preferred_challenge",
]

#: The schemes a session answers, most preferred first (containerd's order:
#: a token exchange before sending a password on every request).
SCHEME_PREFERENCE: Final = ("bearer", "basic")

#: At most this many challenges and parameters, counted together, in one value.
MAX_ITEMS: Final = 256

_TCHAR: Final = r"!#$%&'*+.^_`|~0-9A-Za-z-"
_TOKEN: Final = re.compile(f"[{_TCHAR}]+", re.ASCII)
_TOKEN68: Final = re.compile(r"[A-Za-z0-9._~+/-]+=*", re.ASCII)
# qdtext is HTAB, SP, VCHAR but '"' and '\', and obs-text; a quoted-pair's
# second character is HTAB, SP, VCHAR or obs-text. obs-text is any character
# from U+0080 on here, since header text may have been decoded as Latin-1 or
# UTF-8. So inside quotes, only these characters are ever refused:
_CONTROL: Final = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_OWS: Final = re.compile(r"[ \t]*")
# OWS, then any number of empty list elements: "," and OWS in any mix.
_LIST_GAP: Final = re.compile(r"[ \t,]*")
_VALUE_START: Final = re.compile(f'["{_TCHAR}]', re.ASCII)

# The common shape, read without regular expressions: a well-known scheme,
# then well-known names with quoted values free of escapes and control
# characters, joined by "," without spaces (Docker Hub, GHCR, ECR,
# distribution, Harbor...). Anything else takes the general path, which gives
# the same answer.
_SIMPLE_SCHEMES: Final = {
    spelling: name.lower() for name in ("Bearer", "Basic") for spelling in (name, name.lower(), name.upper())
}
_SIMPLE_NAMES: Final = frozenset({"realm", "service", "scope", "error", "error_description", "error_uri", "charset"})


@dataclass(frozen=True, slots=True)
class Challenge:
    """One authentication challenge: a scheme and its parameters, or its token68.

    >>> c = parse_www_authenticate('Bearer realm="https://auth.docker.io/token",service="registry.docker.io"')[0]
    >>> c.scheme, c.realm, c.service
    ('bearer', 'https://auth.docker.io/token', 'registry.docker.io')
    >>> str(c)
    'bearer realm="https://auth.docker.io/token",service="registry.docker.io"'

    ``scheme`` and the parameter names are lower-case tokens; ``params`` keeps
    every parameter in the order sent, repeats included. A challenge carries
    either parameters or a ``token68``, never both. Constructing one checks
    what the parser checks (:class:`~oci_core.errors.InvalidChallengeError`),
    and a value of the wrong Python type raises :class:`TypeError`.
    """

    scheme: str
    params: tuple[tuple[str, str], ...] = ()
    token68: str | None = None

    def __post_init__(self) -> None:
        _validate(self)

    def get(self, name: str) -> str | None:
        """The first value of the parameter ``name`` (any case), or ``None``."""
        if not isinstance(name, str):
            raise TypeError(f"Challenge.get() name must be a str, got {type(name).__name__}")
        wanted = name.lower()
        for key, value in self.params:
            if key == wanted:
                return value
        return None

    def get_all(self, name: str) -> tuple[str, ...]:
        """Every value of the parameter ``name`` (any case), in order."""
        if not isinstance(name, str):
            raise TypeError(f"Challenge.get_all() name must be a str, got {type(name).__name__}")
        wanted = name.lower()
        return tuple(value for key, value in self.params if key == wanted)

    @property
    def realm(self) -> str | None:
        """The ``realm`` parameter: for Bearer, the token endpoint's URL."""
        return self.get("realm")

    @property
    def service(self) -> str | None:
        """The ``service`` parameter (distribution token-auth: the registry's name at the token server)."""
        return self.get("service")

    @property
    def error(self) -> str | None:
        """The ``error`` parameter (RFC 6750 §3: ``invalid_token``, ``insufficient_scope``...)."""
        return self.get("error")

    @property
    def scopes(self) -> tuple[str, ...]:
        """Every scope the challenge names: each ``scope`` parameter split at spaces (empty ones dropped)."""
        return tuple(part for value in self.get_all("scope") for part in value.split(" ") if part)

    def __str__(self) -> str:
        if self.token68 is not None:
            return f"{self.scheme} {self.token68}"
        if not self.params:
            return self.scheme
        return self.scheme + " " + ",".join(f"{key}={_quote(value)}" for key, value in self.params)


def _quote(value: str) -> str:
    if '"' in value or "\\" in value:
        value = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{value}"'


def _validate(c: Challenge) -> None:
    scheme = c.scheme
    if type(scheme) is not str:
        raise TypeError(f"Challenge.scheme must be a str, got {type(scheme).__name__}")
    if _TOKEN.fullmatch(scheme) is None or scheme.lower() != scheme:
        raise InvalidChallengeError("a challenge's scheme must be a lower-case token", text=scheme)
    params = c.params
    if type(params) is not tuple:
        raise TypeError(f"Challenge.params must be a tuple of (name, value) pairs, got {type(params).__name__}")
    for pair in params:
        if type(pair) is not tuple or len(pair) != 2 or type(pair[0]) is not str or type(pair[1]) is not str:
            raise TypeError("Challenge.params must hold (str, str) pairs")
        name, value = pair
        if _TOKEN.fullmatch(name) is None or name.lower() != name:
            raise InvalidChallengeError("a parameter name must be a lower-case token", text=name)
        if _CONTROL.search(value) is not None:
            raise InvalidChallengeError("a parameter value may not hold control characters", text=value)
    token68 = c.token68
    if token68 is not None:
        if type(token68) is not str:
            raise TypeError(f"Challenge.token68 must be a str or None, got {type(token68).__name__}")
        if _TOKEN68.fullmatch(token68) is None:
            raise InvalidChallengeError("not a token68", text=token68)
        if params:
            raise InvalidChallengeError("a challenge has either parameters or a token68, not both", text=token68)
    if len(params) >= MAX_ITEMS:
        raise InvalidChallengeError(f"a challenge may have at most {MAX_ITEMS - 1} parameters")


_ChallengeLayout = layout_twin(Challenge)


def _make(scheme: str, params: tuple[tuple[str, str], ...], token68: str | None) -> Challenge:
    c = _ChallengeLayout()
    c.scheme = scheme
    c.params = params
    c.token68 = token68
    return publish(c, Challenge)


def parse_www_authenticate(value: str) -> tuple[Challenge, ...]:
    """Parse one ``WWW-Authenticate`` (or ``Proxy-Authenticate``) value into its challenges, in order.

    RFC 9110 §11.6.1; see the module docstring for the grammar.

    >>> [c.scheme for c in parse_www_authenticate('Bearer realm="https://codeberg.org/v2/token",Basic realm="x"')]
    ['bearer', 'basic']
    >>> parse_www_authenticate("")
    ()

    :raises InvalidChallengeError: the value breaks the grammar (the error's
        ``span`` points at the offending character), or is not a ``str``.
    """
    if type(value) is not str:
        if not isinstance(value, str):
            raise InvalidChallengeError(f"a WWW-Authenticate value must be a str, got {type(value).__name__}")
        value = str.__str__(value)  # a subclass's own methods are not to be trusted
    simple = _simple(value)
    if simple is not None:
        return simple
    try:
        return _parse(value)
    except Fault as fault:
        raise fault.as_error(InvalidChallengeError) from None


def challenges_from(values: Iterable[str]) -> tuple[Challenge, ...]:
    """Every challenge of several header lines, in order (RFC 9110 §5.3: lines combine as a list).

    >>> [c.scheme for c in challenges_from(["Negotiate", 'Basic realm="r"'])]
    ['negotiate', 'basic']

    Each line is parsed on its own, so an error points into the line it is in.

    :raises InvalidChallengeError: a line breaks the grammar.
    """
    if isinstance(values, str):
        raise TypeError("challenges_from takes an iterable of header values, not one str")
    found: list[Challenge] = []
    for value in values:
        found.extend(parse_www_authenticate(value))
        if len(found) > MAX_ITEMS:
            raise InvalidChallengeError(f"more than {MAX_ITEMS} challenges")
    return tuple(found)


def preferred_challenge(challenges: Iterable[Challenge]) -> Challenge | None:
    """The challenge to answer: the first of the most preferred scheme (:data:`SCHEME_PREFERENCE`), else the first.

    >>> preferred_challenge(challenges_from(["Negotiate", 'Basic realm="r"', 'Bearer realm="https://a/t"'])).scheme
    'bearer'

    ``None`` when there is no challenge at all.
    """
    listed = tuple(challenges)
    for challenge in listed:
        if not isinstance(challenge, Challenge):
            raise TypeError(f"preferred_challenge() takes Challenges, got {type(challenge).__name__}")
    for scheme in SCHEME_PREFERENCE:
        for challenge in listed:
            if challenge.scheme == scheme:
                return challenge
    return listed[0] if listed else None


def format_challenges(challenges: Iterable[Challenge]) -> str:
    """One ``WWW-Authenticate`` value holding ``challenges``, which :func:`parse_www_authenticate` reads back.

    >>> format_challenges([Challenge("basic", (("realm", 'say "hi"'),))])
    'basic realm="say \\\\"hi\\\\""'
    """
    out: list[str] = []
    for challenge in challenges:
        if not isinstance(challenge, Challenge):
            raise TypeError(f"format_challenges takes Challenge values, got {type(challenge).__name__}")
        out.append(str(challenge))
    return ", ".join(out)


def _fault(message: str, text: str, position: int) -> Fault:
    return Fault(message, text=text, span=(position, min(position + 1, len(text))))


def _simple(value: str) -> tuple[Challenge, ...] | None:
    """The fast path: the challenge of a value of the common shape, or ``None`` to parse it in full."""
    spelling, _, rest = value.partition(" ")
    scheme = _SIMPLE_SCHEMES.get(spelling)
    if scheme is None or len(rest) > 4096 or rest[-1:] != '"' or "\\" in rest or not rest.isprintable():
        return None
    params: list[tuple[str, str]] = []
    for part in rest[:-1].split('",'):
        name, quote, text = part.partition('="')
        if not quote or name not in _SIMPLE_NAMES or '"' in text:
            return None
        params.append((name, text))
    return (_make(scheme, tuple(params), None),)


def _parse(text: str) -> tuple[Challenge, ...]:
    end = len(text)
    masked = _mask_escapes(text)
    challenges: list[Challenge] = []
    items = 0
    position = _LIST_GAP.match(text).end()  # type: ignore[union-attr]
    while position < end:
        scheme_match = _TOKEN.match(text, position)
        if scheme_match is None:
            raise _fault("expected an authentication scheme (a token)", text, position)
        scheme = scheme_match.group().lower()
        position = scheme_match.end()
        params: list[tuple[str, str]] = []
        token68: str | None = None
        after = _OWS.match(text, position).end()  # type: ignore[union-attr]
        if after < end and text[after] != ",":
            if after == position:
                raise _fault("expected a space after the authentication scheme", text, position)
            position = after
            head = _param_head(text, position)
            if head is not None and _VALUE_START.match(text, head[1]) is not None:
                position = _read_params(text, masked, position, params, items)
            else:
                found = _TOKEN68.match(text, position)
                if found is None:
                    raise _fault("expected a parameter (name=value) or a token68", text, position)
                token68 = found.group()
                position = _OWS.match(text, found.end()).end()  # type: ignore[union-attr]
                if position < end and text[position] != ",":
                    if head is not None:
                        raise _fault(f"the value of {head[0]!r} must be a token or a quoted string", text, head[1])
                    raise _fault("expected a comma after the token68", text, position)
        else:
            position = after
        items += 1 + len(params)
        if items > MAX_ITEMS:
            raise _fault(f"more than {MAX_ITEMS} challenges and parameters", text, position)
        challenges.append(_make(scheme, tuple(params), token68))
        position = _LIST_GAP.match(text, position).end()  # type: ignore[union-attr]
    return tuple(challenges)


def _param_head(text: str, position: int) -> tuple[str, int] | None:
    """``token BWS "=" BWS`` at ``position``: the name and where its value starts, or ``None``.

    The token is matched on its own, then the rest by hand, so that a long
    token followed by something else is scanned once, without backtracking.
    """
    token = _TOKEN.match(text, position)
    if token is None:
        return None
    after = _OWS.match(text, token.end()).end()  # type: ignore[union-attr]
    if after >= len(text) or text[after] != "=":
        return None
    return token.group(), _OWS.match(text, after + 1).end()  # type: ignore[union-attr]


def _read_params(text: str, masked: str, position: int, params: list[tuple[str, str]], items: int) -> int:
    """Read ``#auth-param`` from ``position``; return where the next challenge (or the end) starts."""
    end = len(text)
    while True:
        head = _param_head(text, position)
        assert head is not None  # the caller looked ahead
        name, position = head[0].lower(), head[1]
        if text[position] == '"':
            value, position = _read_quoted(text, masked, position)
        else:
            token = _TOKEN.match(text, position)
            assert token is not None  # _VALUE_START said so
            value, position = token.group(), token.end()
        params.append((name, value))
        if items + len(params) >= MAX_ITEMS:
            raise _fault(f"more than {MAX_ITEMS} challenges and parameters", text, position)
        position = _OWS.match(text, position).end()  # type: ignore[union-attr]
        if position >= end:
            return position
        if text[position] != ",":
            raise _fault("expected a comma between parameters", text, position)
        position = _LIST_GAP.match(text, position).end()  # type: ignore[union-attr]
        if position >= end:
            return position
        head = _param_head(text, position)
        if head is None:
            return position  # not "name =": the next challenge starts here
        if _VALUE_START.match(text, head[1]) is None:
            raise _fault(f"parameter {head[0]!r} has no value", text, head[1])


def _mask_escapes(text: str) -> str:
    """``text`` with every escaped backslash and escaped quote replaced by two NULs (same length).

    In a run of backslashes each odd one escapes the next character, which is
    how ``str.replace`` pairs them from the left; runs are maximal, so the
    pairing is the same wherever a quoted string starts. In the result, the
    first ``"`` after an opening quote is its closing quote: found with one
    ``str.find``, whatever the content holds. Outside quoted strings a
    backslash is an error anyway, and the parser reports it from ``text``.
    """
    if "\\" not in text:
        return text
    if "\\\\" in text:
        text = text.replace("\\\\", "\x00\x00")
    return text.replace('\\"', "\x00\x00")


def _read_quoted(text: str, masked: str, start: int) -> tuple[str, int]:
    """The unescaped content of the quoted string at ``start``, and the position after it."""
    close = masked.find('"', start + 1)
    if close == -1:
        raise _fault("unterminated quoted string", text, start)
    raw = text[start + 1 : close]
    control = _CONTROL.search(raw)
    if control is not None:
        where = start + 1 + control.start()
        raise _fault(f"a quoted string may not hold the control character {control.group()!r}", text, where)
    if "\\" in raw:
        # Every backslash escapes the next character. raw holds no NUL (a
        # control character), so NUL can stand in for an escaped backslash.
        if "\\\\" in raw:
            raw = raw.replace("\\\\", "\x00").replace("\\", "").replace("\x00", "\\")
        else:
            raw = raw.replace("\\", "")
    return raw, close + 1
