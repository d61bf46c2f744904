"""Reading the pieces of registry responses (private): header fields, links, rate limits, JSON bodies.

:mod:`oci_core.registry` re-exports the public names; the classes' ``__module__`` is
``oci_core.registry``, where users import them. Every parser here takes
arbitrary text and returns a value or raises
:class:`~oci_core.errors.InvalidHeaderError`, in linear time: short fields
are capped at :data:`MAX_SHORT_FIELD` characters, a ``Link`` header at
:data:`MAX_LINK_LENGTH`, before anything else is looked at.
"""

# pyright: reportUnnecessaryIsInstance=false
# (The parsers take arbitrary objects and answer a wrong kind with an OCIError, so they check at
# run time what the annotations already say.)

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from . import _json
from ._fault import Fault
from ._kinds import NONE, check_fields
from .digest import Digest, parse_digest
from .errors import InvalidDocumentError, InvalidHeaderError, InvalidURLError, OCIError, RemoteProtocolError
from .http import Headers, origin, resolve_url

if TYPE_CHECKING:
    from ._json import JSON

__all__ = [
    "DIGITS",
    "MAX_LINKS",
    "MAX_LINK_LENGTH",
    "MAX_SHORT_FIELD",
    "Link",
    "RateLimit",
    "load_json",
    "next_page_url",
    "parse_content_length",
    "parse_docker_content_digest",
    "parse_link",
    "parse_retry_after",
    "rate_limit_of",
]

#: The most links one ``Link`` header may hold (a registry sends one or two); more is refused.
MAX_LINKS: Final = 256
#: The longest ``Link`` header read (a registry's is a URL or two); longer is refused unread.
MAX_LINK_LENGTH: Final = 16 * 1024


_LINK: Final = (("target", (str,)), ("rel", (tuple,), (str,)), ("params", (tuple,), (tuple,)))
_RATE_LIMIT: Final = tuple((member, (int, NONE)) for member in ("limit", "remaining", "window", "reset"))


@dataclass(frozen=True, slots=True)
class Link:
    """One RFC 8288 link: the target as sent (resolve it with :func:`~oci_core.http.resolve_url`),
    its ``rel`` values (lower-cased) and its other parameters."""

    target: str
    rel: tuple[str, ...]
    params: tuple[tuple[str, str], ...]


    def __post_init__(self) -> None:
        check_fields(self, _LINK)


@dataclass(frozen=True, slots=True)
class RateLimit:
    """What a registry's rate-limit headers said, each member ``None`` when absent or unreadable.

    ``RateLimit-Limit: 100;w=21600`` (Docker Hub) gives ``limit=100,
    window=21600``; ``RateLimit-Remaining`` gives ``remaining``;
    ``RateLimit-Reset`` (or ``X-RateLimit-Reset``) the seconds until the
    window resets.
    """

    limit: int | None = None
    remaining: int | None = None
    window: int | None = None
    reset: int | None = None


    def __post_init__(self) -> None:
        check_fields(self, _RATE_LIMIT)


for _cls in (Link, RateLimit):
    _cls.__module__ = "oci_core.registry"


DIGITS = re.compile(r"[0-9]{1,19}", re.ASCII).fullmatch
# Content-Length, Retry-After, Docker-Content-Digest and Range are short: longer text is refused at a glance.
MAX_SHORT_FIELD: Final = 1024


def parse_content_length(value: str) -> int:
    """A ``Content-Length`` value (RFC 9110 §8.6): digits; repeated equal values (``"5, 5"``) are one.

    >>> parse_content_length("1024"), parse_content_length("7, 7")
    (1024, 7)

    :raises InvalidHeaderError: anything else.
    """
    if not isinstance(value, str):
        raise InvalidHeaderError(f"Content-Length must be text, got {type(value).__name__}")
    value = str(value)
    if DIGITS(value) is not None:
        return int(value)
    if len(value) > MAX_SHORT_FIELD:
        raise InvalidHeaderError(f"Content-Length is longer than {MAX_SHORT_FIELD} characters")
    parts = {part.strip(" \t") for part in value.split(",")} if "," in value else {value.strip(" \t")}
    if len(parts) != 1:
        raise InvalidHeaderError("Content-Length holds different values", text=value)
    (part,) = parts
    if DIGITS(part) is None:
        raise InvalidHeaderError("Content-Length must be a non-negative decimal integer", text=value)
    return int(part)


def parse_docker_content_digest(value: str) -> Digest:
    """A ``Docker-Content-Digest`` value: one digest of a registered algorithm, parsed strictly.

    >>> parse_docker_content_digest("sha256:" + "0" * 64).algorithm
    'sha256'

    :raises InvalidHeaderError: not exactly one valid digest.
    """
    if not isinstance(value, str):
        raise InvalidHeaderError(f"Docker-Content-Digest must be text, got {type(value).__name__}")
    if len(value) > MAX_SHORT_FIELD:
        raise InvalidHeaderError(f"Docker-Content-Digest is longer than {MAX_SHORT_FIELD} characters")
    text = str(value)
    if text[:1] in " \t" or text[-1:] in " \t":
        text = text.strip(" \t")
    try:
        return parse_digest(text)
    except OCIError as exc:
        raise InvalidHeaderError(f"Docker-Content-Digest is not a digest: {exc.message}", text=text) from None


_MONTHS: Final = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                              "Nov", "Dec"), 1)}
_DAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_LONG_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_TIME = r"([0-9]{2}):([0-9]{2}):([0-9]{2})"
# RFC 9110 §5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms recipients must accept.
_IMF_FIXDATE = re.compile(rf"{_DAY}, ([0-9]{{2}}) {_MONTH} ([0-9]{{4}}) {_TIME} GMT", re.ASCII).fullmatch
_RFC850 = re.compile(rf"{_LONG_DAY}, ([0-9]{{2}})-{_MONTH}-([0-9]{{2}}) {_TIME} GMT", re.ASCII).fullmatch
_ASCTIME = re.compile(rf"{_DAY} {_MONTH} ([ 0-9][0-9]) {_TIME} ([0-9]{{4}})", re.ASCII).fullmatch


def _http_date(text: str, now: float) -> float | None:
    match = _IMF_FIXDATE(text)
    if match is not None:
        day, month, year, hh, mm, ss = match.groups()
    else:
        match = _RFC850(text)
        if match is not None:
            day, month, short_year, hh, mm, ss = match.groups()
            # RFC 9110: a two-digit year more than 50 years in the future is in the past century.
            this_year = 1970 + int(now // 31_556_952)
            year_value = 2000 + int(short_year)
            year = str(year_value - 100 if year_value > this_year + 50 else year_value)
        else:
            match = _ASCTIME(text)
            if match is None:
                return None
            month, day, hh, mm, ss, year = match.groups()
    parts = (int(year), _MONTHS[month], int(day), int(hh), int(mm), int(ss))
    if not (1 <= parts[2] <= 31 and parts[3] <= 23 and parts[4] <= 59 and parts[5] <= 60):
        return None
    try:
        return float(calendar.timegm((*parts, 0, 0, 0)))
    except (OverflowError, ValueError):
        return None


def parse_retry_after(value: str, *, now: float) -> float:
    """The seconds to wait that a ``Retry-After`` value says (RFC 9110 §10.2.3), from ``now``
    (seconds since the epoch): delay-seconds, or an HTTP-date (never negative).

    >>> parse_retry_after("120", now=0.0), parse_retry_after("Thu, 01 Jan 1970 00:01:00 GMT", now=30.0)
    (120.0, 30.0)

    :raises InvalidHeaderError: neither form.
    :raises TypeError: ``now`` is not a number (the caller's clock, not the header).
    """
    if type(now) is not float and type(now) is not int:
        raise TypeError(f"parse_retry_after() now must be a float, got {type(now).__name__}")
    if not isinstance(value, str):
        raise InvalidHeaderError(f"Retry-After must be text, got {type(value).__name__}")
    if len(value) > MAX_SHORT_FIELD:
        raise InvalidHeaderError(f"Retry-After is longer than {MAX_SHORT_FIELD} characters")
    text = str(value).strip(" \t")
    if DIGITS(text) is not None:
        return float(int(text))
    when = _http_date(text, now) if len(text) <= 40 else None
    if when is None:
        raise InvalidHeaderError("Retry-After is neither delay-seconds nor an HTTP-date", text=text)
    return max(0.0, when - now)


_LINK_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+", re.ASCII)
_OWS = re.compile(r"[ \t]*")
# RFC 9110 §5.6.4 quoted-string, unrolled ("[^"\\]*" runs between escapes): no alternation per
# character, so a failing match backtracks at most once per escape.
_QUOTED = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"', re.DOTALL)
_UNQUOTE = re.compile(r"\\(.)", re.DOTALL)


def parse_link(value: str) -> tuple[Link, ...]:
    """The links of a ``Link`` header value (RFC 8288 §3): ``<target>; rel="next"; …``, comma-separated.

    >>> parse_link('</v2/_catalog?last=b&n=2>; rel="next"')
    (Link(target='/v2/_catalog?last=b&n=2', rel=('next',), params=()),)

    Linear in the length of ``value``; a header longer than :data:`MAX_LINK_LENGTH`, or with more
    than :data:`MAX_LINKS` links (or eight times as many parameters), is refused before it is read.

    :raises InvalidHeaderError: the value breaks the grammar.
    """
    if not isinstance(value, str):
        raise InvalidHeaderError(f"Link must be text, got {type(value).__name__}")
    text = str(value)
    if len(text) > MAX_LINK_LENGTH or text.count("<") > MAX_LINKS or text.count(";") > MAX_LINKS * 8:
        raise InvalidHeaderError(
            f"a Link header over {MAX_LINK_LENGTH} characters, {MAX_LINKS} links or {MAX_LINKS * 8} parameters"
        )
    links: list[Link] = []
    at = _skip(text, 0)
    while at < len(text):
        if text[at] == ",":  # empty list elements are allowed (RFC 9110 §5.6.1)
            at = _skip(text, at + 1)
            continue
        if text[at] != "<":
            raise InvalidHeaderError("a link value starts with '<'", text=text, span=(at, at + 1))
        end = text.find(">", at)
        if end < 0:
            raise InvalidHeaderError("a link target has no closing '>'", text=text, span=(at, len(text)))
        target = text[at + 1 : end]
        rel: tuple[str, ...] = ()
        params: list[tuple[str, str]] = []
        at = _skip(text, end + 1)
        while at < len(text) and text[at] == ";":
            at = _skip(text, at + 1)
            name_match = _LINK_TOKEN.match(text, at)
            if name_match is None:
                raise InvalidHeaderError("a link parameter needs a name", text=text, span=(at, at + 1))
            name = name_match.group().lower()
            at = _skip(text, name_match.end())
            param = ""
            if at < len(text) and text[at] == "=":
                at = _skip(text, at + 1)
                quoted = _QUOTED.match(text, at)
                if quoted is not None:
                    param = _UNQUOTE.sub(r"\1", quoted.group(1))
                    at = quoted.end()
                else:
                    token = _LINK_TOKEN.match(text, at)
                    if token is None:
                        raise InvalidHeaderError("a link parameter value is a token or a quoted string",
                                                 text=text, span=(at, at + 1))
                    param = token.group()
                    at = token.end()
                at = _skip(text, at)
            if name == "rel":
                if not rel:  # RFC 8288 §3.3: only the first rel counts
                    rel = tuple(part.lower() for part in param.split() if part)
            else:
                params.append((name, param))
        if at < len(text) and text[at] != ",":
            raise InvalidHeaderError("expected ';' or ',' after a link", text=text, span=(at, at + 1))
        links.append(Link(target, rel, tuple(params)))
    return tuple(links)


def _skip(text: str, at: int) -> int:
    return _OWS.match(text, at).end()  # type: ignore[union-attr]


def next_page_url(link_header: str, request_url: str) -> str | None:
    """The next page's absolute URL from a ``Link`` header, or ``None`` on the last page.

    Only a link with ``rel="next"`` counts; its target is an opaque URL
    resolved against the URL that was fetched (RFC 3986), and it must stay
    on the same origin.

    >>> next_page_url('</v2/a/tags/list?n=2&last=b>; rel="next"', "https://r.example/v2/a/tags/list?n=2")
    'https://r.example/v2/a/tags/list?n=2&last=b'

    :raises InvalidHeaderError: the header breaks the Link grammar.
    :raises RemoteProtocolError: the next link leaves the origin, or is not a URL.
    """
    for link in parse_link(link_header):
        if "next" in link.rel:
            try:
                url = resolve_url(request_url, link.target)
            except InvalidURLError as exc:
                message = f"the next page's link is not a URL: {exc.message}"
                raise RemoteProtocolError(message, text=link.target) from None
            if origin(url) != origin(request_url):
                raise RemoteProtocolError("the next page's link leaves the registry's origin", text=url)
            return url
    return None


def _rate_value(text: str | None) -> tuple[int | None, int | None]:
    """``100;w=21600`` -> (100, 21600); unreadable parts are None."""
    if text is None:
        return None, None
    head, _, rest = text.partition(";")
    head = head.strip(" \t")
    count = int(head) if DIGITS(head) is not None else None
    window = None
    for param in rest.split(";"):
        key, _, param_value = param.strip(" \t").partition("=")
        if key == "w" and DIGITS(param_value) is not None:
            window = int(param_value)
    return count, window


def rate_limit_of(headers: Headers) -> RateLimit | None:
    limit, window = _rate_value(headers.get("RateLimit-Limit") or headers.get("X-RateLimit-Limit"))
    remaining, other_window = _rate_value(headers.get("RateLimit-Remaining") or headers.get("X-RateLimit-Remaining"))
    reset, _ = _rate_value(headers.get("RateLimit-Reset") or headers.get("X-RateLimit-Reset"))
    if limit is None and remaining is None and reset is None:
        return None
    return RateLimit(limit, remaining, window if window is not None else other_window, reset)


def load_json(body: bytes, what: str) -> JSON:
    """The one place the registry modules read JSON (strict: oci_core._json), as a remote protocol error."""
    try:
        return _json.loads(body, max_size=max(len(body), 1))
    except Fault as fault:
        raise RemoteProtocolError(f"{what} is not strict JSON: {fault.as_error(InvalidDocumentError)}") from None
