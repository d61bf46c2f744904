"""HTTP messages as values (private): the implementation that :mod:`oci_core.http` re-exports.

The classes live here so that the registry and upload modules can build
values they have already checked without going back through the public
constructors (h11 keeps its fast internal constructors private the same
way); their ``__module__`` is ``oci_core.http``, where users import them.
"""

# pyright: reportUnnecessaryIsInstance=false
# (Constructors and readers take arbitrary Python objects and must answer a wrong kind with
# TypeError; the annotations say what callers should pass, so the runtime checks look redundant.)

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, cast
from urllib.parse import SplitResult, quote, urljoin, urlsplit

from ._kinds import check_fields
from ._values import layout_twin, publish
from .errors import InvalidHeaderError, InvalidURLError, RedirectError, RemoteProtocolError

if TYPE_CHECKING:
    from typing import TypeAlias

    HeadersLike: TypeAlias = "Headers | Mapping[str, str] | Iterable[tuple[str, str]]"

# oci_core.http re-exports these but the make_* constructors, which skip the checks
# for values the registry and upload modules have already checked.
__all__ = [
    "DEFAULT_PORTS",
    "EMPTY_HEADERS",
    "MAX_REDIRECTS",
    "ORIGIN_BOUND_FIELDS",
    "REDIRECT_STATUSES",
    "Headers",
    "Origin",
    "Request",
    "Response",
    "follow_redirect",
    "is_redirect",
    "make_headers",
    "make_request",
    "make_response",
    "origin",
    "resolve_url",
    "same_origin",
    "with_query",
]

# -- policy ------------------------------------------------------------------------

#: How many redirects one request may follow (the eleventh is refused), as Go's net/http and requests.
MAX_REDIRECTS: Final = 10
#: The ports a scheme implies (RFC 9110 §4.2).
DEFAULT_PORTS: Final[Mapping[str, int]] = {"http": 80, "https": 443}
#: The statuses :func:`follow_redirect` follows, and whether each turns the method into GET
#: (303 always, except HEAD; 301 and 302 only for POST, as every browser and client does).
REDIRECT_STATUSES: Final[Mapping[int, str]] = {301: "post", 302: "post", 303: "all", 307: "never", 308: "never"}
#: Fields that belong to one origin (lower-cased): dropped when a request leaves it.
ORIGIN_BOUND_FIELDS: Final = frozenset({"authorization", "proxy-authorization", "cookie"})
# Fields that describe the old body: dropped when a redirect turns the request into a GET.
_BODY_FIELDS: Final = frozenset({"content-length", "content-type", "content-encoding", "content-range", "digest"})
# Fields never carried to the next hop (the client writes Host for the new URL).
_HOP_FIELDS: Final = frozenset({"host"})
# Fields whose values repr() hides.
_SECRET_FIELDS: Final = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})

# RFC 9110 §5.1: field-name = token; §5.5: field-value is VCHAR, obs-text, SP and HTAB.
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+", re.ASCII).fullmatch
_TOKENS = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:\n[!#$%&'*+.^_`|~0-9A-Za-z-]+)*", re.ASCII).fullmatch
_BAD_VALUE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]").search
# Visible ASCII only: urlsplit silently drops tabs and newlines and strips spaces.
_URL_CHARS = re.compile(r"[\x21-\x7e]+", re.ASCII).fullmatch


# -- headers -----------------------------------------------------------------------------


def _check_field(name: object, value: object) -> tuple[str, str]:
    if type(name) is not str or type(value) is not str:
        if not isinstance(name, str) or not isinstance(value, str):
            raise TypeError(
                f"a header field is a pair of str, got {type(name).__name__} and {type(value).__name__}"
            )
        name, value = str(name), str(value)  # a subclass is judged by its text
    if _TOKEN(name) is None:
        raise InvalidHeaderError("a header field name must be an RFC 9110 token", text=name)
    bad = _BAD_VALUE(value)
    if bad is not None:
        raise InvalidHeaderError(
            f"header {name} holds a control character ({bad.group()!r}); CR, LF and NUL could split a request",
            text=value,
            span=(bad.start(), bad.end()),
        )
    return name, value


_STR_ONLY: Final = {str}
_PAIR_ONLY: Final = {(tuple, 2)}


def _plain_fields(source: object) -> tuple[tuple[str, str], ...] | None:
    """The common case, checked in a few C passes: a list, tuple or dict of exact ``str`` pairs, all valid."""
    kind = type(source)
    if kind is dict:
        pairs: tuple[tuple[object, object], ...] = tuple(cast("dict[object, object]", source).items())
    elif kind is list or kind is tuple:
        items = tuple(cast("list[tuple[object, object]]", source))
        if items and {(type(item), len(item)) for item in items} != _PAIR_ONLY:
            return None
        pairs = items
    else:
        return None
    if not pairs:
        return ()
    names, values = cast("tuple[tuple[str, ...], tuple[str, ...]]", tuple(zip(*pairs, strict=True)))
    if {*map(type, names), *map(type, values)} != _STR_ONLY:
        return None
    # Names cannot hold "\n" and values may hold " ": joined, one match checks them all.
    if _TOKENS("\n".join(names)) is None or _BAD_VALUE(" ".join(values)) is not None:
        return None
    return cast("tuple[tuple[str, str], ...]", pairs)


def _fields_of(source: object) -> tuple[tuple[str, str], ...]:
    if isinstance(source, Headers):
        return source.fields
    plain = _plain_fields(source)
    if plain is not None:
        return plain
    if isinstance(source, (str, bytes, bytearray)):
        raise TypeError(f"headers must be a mapping or pairs of str, got {type(source).__name__}")
    if isinstance(source, Mapping):
        pairs = cast("Iterable[object]", cast("Mapping[object, object]", source).items())
    elif isinstance(source, Iterable):
        pairs = cast("Iterable[object]", source)
    else:
        raise TypeError(f"headers must be a mapping or pairs of str, got {type(source).__name__}")
    fields: list[tuple[str, str]] = []
    for pair in pairs:
        if type(pair) is not tuple:
            if isinstance(pair, (str, bytes)) or not isinstance(pair, Iterable):
                raise TypeError(f"a header field is a pair (name, value), got {type(pair).__name__}")
            pair = tuple(cast("Iterable[object]", pair))
        items = cast("tuple[object, ...]", pair)
        if len(items) != 2:
            raise TypeError(f"a header field is a pair (name, value), got {len(items)} items")
        fields.append(_check_field(items[0], items[1]))
    return tuple(fields)


@dataclass(frozen=True, slots=True, init=False, eq=False, repr=False)
class Headers:
    """An immutable, ordered list of header fields; names compare case-insensitively.

    >>> h = Headers([("Accept", "a/b"), ("accept", "c/d"), ("Range", "bytes=0-")])
    >>> h.get("ACCEPT"), h.get_all("accept"), "range" in h
    ('a/b, c/d', ('a/b', 'c/d'), True)
    >>> h.with_field("Range", "bytes=5-").without("accept")
    Headers([('Range', 'bytes=5-')])

    ``Headers(fields)`` takes another ``Headers``, a mapping of names to
    values, or an iterable of ``(name, value)`` pairs. Iteration gives the
    pairs in order, spelled as given. Every change returns a new value:
    :meth:`with_field` (replace), :meth:`with_added` (append another field of
    the same name), :meth:`without` (remove).

    :raises InvalidHeaderError: a name is not a token, or a value holds CR,
        LF, NUL or another control character.
    :raises TypeError: a name or value is not a ``str``.
    """

    fields: tuple[tuple[str, str], ...]
    # Lower-cased name -> values, built on the first lookup (a cache: not part of the value).
    _index: dict[str, tuple[str, ...]] | None = field(default=None, repr=False, compare=False)

    def __new__(cls, fields: HeadersLike = ()) -> Headers:
        if type(fields) is Headers:
            return fields
        return make_headers(_fields_of(fields))

    def __reduce__(self) -> tuple[object, ...]:
        return (Headers, (self.fields,))

    def _lookup(self) -> dict[str, tuple[str, ...]]:
        index = self._index
        if index is None:
            grouped: dict[str, list[str]] = {}
            for name, value in self.fields:
                grouped.setdefault(name.lower(), []).append(value)
            index = {name: tuple(values) for name, values in grouped.items()}
            object.__setattr__(self, "_index", index)  # a cache, not a change of value
        return index

    def get(self, name: str, default: str | None = None) -> str | None:
        """The field's value, repeated fields joined with ``", "`` (RFC 9110 §5.3), or ``default``."""
        values = (self._index or self._lookup()).get(str.lower(name))
        if values is None:
            if default is not None and not isinstance(default, str):  # checked off the found path
                raise TypeError(f"Headers.get() default must be a str or None, got {type(default).__name__}")
            return default
        return values[0] if len(values) == 1 else ", ".join(values)

    def get_all(self, name: str) -> tuple[str, ...]:
        """Every value of the field, one per field line, in order (``()`` when absent)."""
        return (self._index or self._lookup()).get(str.lower(name), ())

    def with_field(self, name: str, value: str) -> Headers:
        """These headers with ``name`` set to ``value``: the first field of that name is replaced, the others go."""
        name, value = _check_field(name, value)
        key = name.lower()
        fields: list[tuple[str, str]] = []
        placed = False
        for pair in self.fields:
            if pair[0].lower() != key:
                fields.append(pair)
            elif not placed:
                fields.append((name, value))
                placed = True
        if not placed:
            fields.append((name, value))
        return make_headers(tuple(fields))

    def with_added(self, name: str, value: str) -> Headers:
        """These headers with one more field ``name: value`` at the end (repeated fields are kept)."""
        return make_headers((*self.fields, _check_field(name, value)))

    def without(self, *names: str) -> Headers:
        """These headers without any field of the given names."""
        keys = {str.lower(name) for name in names}
        return make_headers(tuple(pair for pair in self.fields if pair[0].lower() not in keys))

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        return str.lower(name) in self._lookup()

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.fields)

    def __len__(self) -> int:
        return len(self.fields)

    def _key(self) -> tuple[tuple[str, str], ...]:
        return tuple((name.lower(), value) for name, value in self.fields)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Headers):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        shown = [(name, "<redacted>" if name.lower() in _SECRET_FIELDS else value) for name, value in self.fields]
        return f"Headers({shown!r})"


Headers.__module__ = "oci_core.http"
def field_index(headers: Headers) -> dict[str, tuple[str, ...]]:
    """Lower-cased name -> values of ``headers`` (built once, then cached): for readers on hot paths.

    The mapping belongs to the value: read it, never change it.
    """
    return headers._index or headers._lookup()  # pyright: ignore[reportPrivateUsage]


_HeadersLayout = layout_twin(Headers)


def make_headers(fields: tuple[tuple[str, str], ...]) -> Headers:
    """Headers from fields already checked."""
    h = _HeadersLayout()
    h.fields = fields
    h._index = None
    return publish(h, Headers)


EMPTY_HEADERS: Final = make_headers(())


# -- URLs ---------------------------------------------------------------------------------


_ORIGIN: Final = (("scheme", (str,)), ("host", (str,)), ("port", (int,)))


@dataclass(frozen=True, slots=True)
class Origin:
    """An RFC 6454 origin: scheme, lower-cased host (IPv6 in brackets) and port.

    >>> str(origin("HTTPS://Registry.Example/v2/"))
    'https://registry.example:443'
    """

    scheme: str
    host: str
    port: int

    def __post_init__(self) -> None:
        check_fields(self, _ORIGIN)

    def __str__(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"


def _split(url: object, what: str = "URL") -> SplitResult:
    """The parts of an absolute http(s) URL, or InvalidURLError."""
    if not isinstance(url, str):
        raise TypeError(f"a {what} must be a str, got {type(url).__name__}")
    url = str(url)
    if _URL_CHARS(url) is None:
        bad = next((i for i, c in enumerate(url) if not "\x21" <= c <= "\x7e"), 0)
        raise InvalidURLError(
            f"a {what} must be visible ASCII (percent-encode anything else)", text=url, span=(bad, bad + 1)
        )
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InvalidURLError(f"a {what} that cannot be parsed: {exc}", text=url) from None
    if parts.scheme not in DEFAULT_PORTS:
        raise InvalidURLError(f"a {what} must be absolute and use http or https", text=url)
    if not parts.hostname:
        raise InvalidURLError(f"a {what} must name a host", text=url)
    if "@" in parts.netloc:
        raise InvalidURLError(f"a {what} may not carry userinfo; send credentials in Authorization", text=url)
    if port == 0:
        raise InvalidURLError(f"a {what} may not name port 0", text=url)
    return parts


_OriginLayout = layout_twin(Origin)


def _origin_of(parts: SplitResult) -> Origin:
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    found = _OriginLayout()
    found.scheme = parts.scheme
    found.host = host
    found.port = DEFAULT_PORTS[parts.scheme] if port is None else port
    return publish(found, Origin)


def origin(url: str) -> Origin:
    """The origin (scheme, host, port) of an absolute http(s) URL, default ports filled in.

    >>> origin("http://localhost:5000/v2/")
    Origin(scheme='http', host='localhost', port=5000)

    :raises InvalidURLError: the URL is malformed, not http(s), or carries userinfo.
    """
    return _origin_of(_split(url))


def same_origin(first: str, second: str) -> bool:
    """Whether two absolute URLs share scheme, host and port (``https://h`` and ``https://h:443`` do).

    >>> same_origin("https://r.example/v2/", "https://R.example:443/token"), same_origin("https://r.example", "http://r.example")
    (True, False)
    """
    return origin(first) == origin(second)


def resolve_url(base: str, reference: str) -> str:
    """Resolve ``reference`` (a ``Location`` or ``Link`` target) against the absolute URL ``base``
    (RFC 3986 §5.2), dropping any fragment (it is never sent).

    >>> resolve_url("https://r.example/v2/a/blobs/uploads/", "/v2/a/blobs/uploads/1?_state=x")
    'https://r.example/v2/a/blobs/uploads/1?_state=x'
    >>> resolve_url("https://r.example/v2/a/tags/list", "list?n=2&last=b")
    'https://r.example/v2/a/tags/list?n=2&last=b'

    :raises InvalidURLError: ``base`` or the result is not an acceptable URL,
        or ``reference`` is not visible ASCII.
    """
    _split(base, "base URL")
    if not isinstance(reference, str):
        raise TypeError(f"a URL reference must be a str, got {type(reference).__name__}")
    reference = str(reference)
    if _URL_CHARS(reference) is None:
        raise InvalidURLError("a URL reference must be non-empty visible ASCII", text=reference)
    if reference.startswith("//") and not reference[2:].partition("/")[0].partition("?")[0]:
        # RFC 3986 gives an empty authority here; urljoin would keep the base's host instead.
        raise InvalidURLError("a network-path reference must name a host", text=reference)
    try:
        resolved = urljoin(base, reference).partition("#")[0]
    except ValueError:  # urllib's own refusals ("Invalid IPv6 URL") are bad data here
        raise InvalidURLError("a URL reference is malformed", text=reference) from None
    _split(resolved)
    return resolved


def with_query(url: str, params: Iterable[tuple[str, str]]) -> str:
    """``url`` with ``params`` appended to its query, each percent-encoded as Go's ``url.QueryEscape``
    does; parameters already there (an upload's ``_state``) are kept.

    >>> with_query("https://r.example/v2/a/blobs/uploads/1?_state=x", [("digest", "sha256:ab")])
    'https://r.example/v2/a/blobs/uploads/1?_state=x&digest=sha256%3Aab'
    """
    if not isinstance(url, str):
        raise TypeError(f"with_query() url must be a str, got {type(url).__name__}")
    head, hash_, fragment = str(url).partition("#")
    encoded = "&".join(f"{_escape(key)}={_escape(value)}" for key, value in params)
    if not encoded:
        return url
    separator = "&" if "?" in head and not head.endswith(("?", "&")) else ("" if head.endswith(("?", "&")) else "?")
    return f"{head}{separator}{encoded}{hash_}{fragment}"


def _escape(text: str) -> str:
    return quote(text, safe="-_.~").replace("%20", "+")


# -- requests and responses -----------------------------------------------------------------------


def _check_scopes(scopes: object) -> tuple[str, ...]:
    if isinstance(scopes, (str, bytes)) or not isinstance(scopes, Iterable):
        raise TypeError(f"scopes must be a sequence of str, got {type(scopes).__name__}")
    result: list[str] = []
    for scope in cast("Iterable[object]", scopes):
        if not isinstance(scope, str):
            raise TypeError(f"scopes must be a sequence of str, got an item of type {type(scope).__name__}")
        result.append(str(scope))
    return tuple(result)


@dataclass(frozen=True, slots=True, init=False, repr=False)
class Request:
    """An HTTP request to send: method, absolute URL, header fields and body.

    >>> r = Request("PUT", "http://localhost:5000/v2/a/manifests/v1", [("Content-Type", "application/json")], b"{}")
    >>> r.content_length, r.headers.get("content-type")
    (2, 'application/json')

    ``headers`` may be a :class:`Headers`, a mapping or a sequence of pairs.
    ``body`` is the whole body as ``bytes``, or ``None``; a body the caller
    streams from elsewhere (a blob chunk read from a file) is announced by
    ``body_length`` alone. ``scopes`` is metadata for the auth layer
    (``"repository:a/b:pull,push"``): never sent. ``redirects`` counts the
    hops :func:`follow_redirect` has taken to get here.

    :raises InvalidURLError: the URL is not an absolute http(s) URL (see the module docstring).
    :raises InvalidHeaderError: a header field is malformed.
    :raises TypeError: an argument has the wrong type.
    :raises ValueError: the method is not a token, or ``body_length`` disagrees with ``body``.
    """

    method: str
    url: str
    headers: Headers
    body: bytes | None
    body_length: int | None
    scopes: tuple[str, ...]
    redirects: int

    def __new__(
        cls,
        method: str,
        url: str,
        headers: HeadersLike = (),
        body: bytes | None = None,
        *,
        body_length: int | None = None,
        scopes: Iterable[str] = (),
        redirects: int = 0,
    ) -> Request:
        if type(method) is not str:
            raise TypeError(f"Request.method must be a str, got {type(method).__name__}")
        if _TOKEN(method) is None:
            raise ValueError(f"Request.method must be an HTTP token, got {method!r}")
        _split(url)
        if body is not None and type(body) is not bytes:
            raise TypeError(f"Request.body must be bytes or None, got {type(body).__name__}")
        if body_length is not None:
            if type(body_length) is not int:
                raise TypeError(f"Request.body_length must be an int, got {type(body_length).__name__}")
            if body_length < 0 or (body is not None and body_length != len(body)):
                raise ValueError(f"Request.body_length {body_length} does not describe the body")
        if type(redirects) is not int:
            raise TypeError(f"Request.redirects must be an int, got {type(redirects).__name__}")
        if redirects < 0:
            raise ValueError(f"Request.redirects must be a non-negative int, got {redirects}")
        return make_request(method, str(url), Headers(headers), body, body_length, _check_scopes(scopes), redirects)

    @property
    def content_length(self) -> int | None:
        """The body's length: ``len(body)``, else ``body_length``, else ``None`` (no body)."""
        return len(self.body) if self.body is not None else self.body_length

    @property
    def origin(self) -> Origin:
        """The origin of :attr:`url`: where the request's credentials belong."""
        return origin(self.url)

    def with_headers(self, headers: HeadersLike) -> Request:
        """This request with ``headers`` in place of its own."""
        return make_request(
            self.method, self.url, Headers(headers), self.body, self.body_length, self.scopes, self.redirects
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild_request,
            (self.method, self.url, self.headers, self.body, self.body_length, self.scopes, self.redirects),
        )

    def __repr__(self) -> str:
        parts = [f"method={self.method!r}", f"url={self.url!r}"]
        if self.headers.fields:
            parts.append(f"headers={self.headers!r}")
        if self.body is not None:
            parts.append(f"body=<{len(self.body)} bytes>")
        elif self.body_length is not None:
            parts.append(f"body_length={self.body_length}")
        if self.scopes:
            parts.append(f"scopes={self.scopes!r}")
        if self.redirects:
            parts.append(f"redirects={self.redirects}")
        return f"Request({', '.join(parts)})"


def _rebuild_request(
    method: str,
    url: str,
    headers: Headers,
    body: bytes | None,
    body_length: int | None,
    scopes: tuple[str, ...],
    redirects: int,
) -> Request:
    return Request(method, url, headers, body, body_length=body_length, scopes=scopes, redirects=redirects)


Request.__module__ = "oci_core.http"
_RequestLayout = layout_twin(Request)


def make_request(
    method: str,
    url: str,
    headers: Headers,
    body: bytes | None,
    body_length: int | None,
    scopes: tuple[str, ...],
    redirects: int = 0,
) -> Request:
    """A Request from parts already checked (the builders' fast path)."""
    r = _RequestLayout()
    r.method = method
    r.url = url
    r.headers = headers
    r.body = body
    r.body_length = body_length
    r.scopes = scopes
    r.redirects = redirects
    return publish(r, Request)


@dataclass(frozen=True, slots=True, init=False, repr=False)
class Response:
    """An HTTP response as received: status, header fields, body and the URL it came from.

    >>> Response(200, {"Content-Type": "text/plain"}, b"ok").headers.get("content-type")
    'text/plain'

    ``body`` may be empty when the caller streams it (blobs) or has not read
    it yet (readers that look only at the status and headers). ``url`` is
    the URL actually fetched, when the client followed redirects itself;
    ``""`` means the request's.

    :raises RemoteProtocolError: ``status`` is not a three-digit status code (100 to 599).
    :raises InvalidHeaderError: a header field is malformed.
    :raises TypeError: an argument has the wrong type.
    """

    status: int
    headers: Headers
    body: bytes
    url: str

    def __new__(cls, status: int, headers: HeadersLike = (), body: bytes = b"", url: str = "") -> Response:
        if type(status) is not int:
            raise TypeError(f"Response.status must be an int, got {type(status).__name__}")
        if not 100 <= status <= 599:
            raise RemoteProtocolError(f"HTTP status {status} is not a status code (100 to 599)")
        if type(body) is not bytes:
            if not isinstance(body, (bytes, bytearray, memoryview)):
                raise TypeError(f"Response.body must be bytes, got {type(body).__name__}")
            body = bytes(body)
        if not isinstance(url, str):
            raise TypeError(f"Response.url must be a str, got {type(url).__name__}")
        return make_response(status, Headers(headers), body, str(url))

    def __reduce__(self) -> tuple[object, ...]:
        return (Response, (self.status, self.headers, self.body, self.url))

    def __repr__(self) -> str:
        parts = [f"status={self.status}"]
        if self.headers.fields:
            parts.append(f"headers={self.headers!r}")
        if self.body:
            parts.append(f"body=<{len(self.body)} bytes>")
        if self.url:
            parts.append(f"url={self.url!r}")
        return f"Response({', '.join(parts)})"


Response.__module__ = "oci_core.http"
_ResponseLayout = layout_twin(Response)


def make_response(status: int, headers: Headers, body: bytes, url: str) -> Response:
    r = _ResponseLayout()
    r.status = status
    r.headers = headers
    r.body = body
    r.url = url
    return publish(r, Response)


# -- redirects ------------------------------------------------------------------------------------


def is_redirect(response: Response) -> bool:
    """Whether :func:`follow_redirect` would follow this response (301, 302, 303, 307, 308).

    >>> is_redirect(Response(307, {"Location": "/x"})), is_redirect(Response(304))
    (True, False)
    """
    if not isinstance(response, Response):
        raise TypeError(f"is_redirect() takes a Response, got {type(response).__name__}")
    return response.status in REDIRECT_STATUSES


def follow_redirect(request: Request, response: Response) -> Request:
    """The request to send next when ``response`` redirects ``request`` (RFC 9110 §15.4).

    The ``Location`` is resolved against the URL fetched. Every header field
    is kept (``Accept``, ``Range``, ...) except ``Host``, and except
    ``Authorization``, ``Proxy-Authorization`` and ``Cookie`` when the
    origin changes; a 303 (and a 301 or 302 to a POST) becomes a GET without
    body or body fields. Scopes are kept for the auth layer.

    >>> r = Request("GET", "https://r.example/v2/a/blobs/sha256:0", {"Range": "bytes=10-"})
    >>> follow_redirect(r, Response(307, {"Location": "https://cdn.example/x"})).headers
    Headers([('Range', 'bytes=10-')])

    :raises ValueError: ``response`` is not a redirect (see :func:`is_redirect`).
    :raises RedirectError: no ``Location``, a downgrade from https to http, or
        more than :data:`MAX_REDIRECTS` hops.
    :raises InvalidURLError: the ``Location`` is not an acceptable URL.
    """
    if not isinstance(request, Request) or not isinstance(response, Response):
        raise TypeError("follow_redirect takes a Request and a Response")
    method_rule = REDIRECT_STATUSES.get(response.status)
    if method_rule is None:
        raise ValueError(f"status {response.status} is not a redirect")
    locations = response.headers.get_all("Location")
    if len(locations) != 1 or not locations[0]:
        what = "no Location" if not locations or not locations[0] else "more than one Location"
        raise RedirectError(f"a {response.status} redirect with {what}")
    if request.redirects >= MAX_REDIRECTS:
        raise RedirectError(f"stopped after {MAX_REDIRECTS} redirects (at {request.url})")
    base = response.url or request.url
    target = resolve_url(base, locations[0])
    old, new = origin(request.url), origin(target)
    if old.scheme == "https" and new.scheme == "http":
        raise RedirectError(f"refusing a redirect from https to http ({target})")
    dropped = set(_HOP_FIELDS)
    if old != new:
        dropped |= ORIGIN_BOUND_FIELDS
    method, body, body_length = request.method, request.body, request.body_length
    if (method_rule == "all" and method != "HEAD") or (method_rule == "post" and method == "POST"):
        method, body, body_length = "GET", None, None
        dropped |= _BODY_FIELDS
    fields = tuple(pair for pair in request.headers.fields if pair[0].lower() not in dropped)
    return make_request(method, target, make_headers(fields), body, body_length, request.scopes, request.redirects + 1)
