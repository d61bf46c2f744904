"""Token requests and token responses as values (private; public through :mod:`oci_core.auth`).

distribution-spec token authentication (docs/spec/auth/token.md) and its
OAuth2 flavour (oauth.md):

* **GET** ``<realm>?service=…&scope=…&scope=…`` with Basic credentials or
  none; ``account=<user name>`` with Basic credentials (as docker sends it);
  ``offline_token=true&client_id=…`` when a refresh token is wanted. The
  scope parameter is repeated, one scope each, in priority order.
* **POST** ``application/x-www-form-urlencoded`` to the realm: the
  ``refresh_token`` grant for an identity token (or a refresh token the
  server handed out before), the ``password`` grant for Basic credentials
  when the caller asks for OAuth2; ``service``, ``client_id`` and one
  ``scope`` field of space-separated scopes. Keys are sorted, as Go's
  ``url.Values.Encode`` writes them. A token server that refuses the POST
  with 404, 405 (when there is a user name), 400 or 401 is asked again with
  the GET, as containerd does (GCR answered 404, Artifactory 401, ACR 400).

A token response (:func:`read_token_response`) is a JSON object of at most
:data:`MAX_TOKEN_RESPONSE` bytes with ``access_token`` (preferred) or
``token``, non-empty and sendable in a header; ``expires_in`` in seconds,
absent or under 60 meaning 60 (token.md); ``issued_at`` (RFC 3339) dates it
against the caller's ``now``; ``refresh_token`` is surfaced for the next
exchange.
"""

# Token responses are arbitrary bytes from a peer: checked at run time.
# pyright: reportUnnecessaryIsInstance=false

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal, cast

from . import _authjson
from ._credentials import Anonymous, Basic, Credentials, IdentityToken, RegistryToken
from ._fault import Fault
from ._http import make_headers, make_request
from ._kinds import NONE, check_kind
from ._scope import Scope, parse_scope
from ._values import layout_twin, publish
from .errors import OCIError, TokenResponseError
from .http import Request, Response, origin, with_query

__all__ = [
    "DEFAULT_CLIENT_ID",
    "FALLBACK_STATUSES",
    "MAX_TOKEN_RESPONSE",
    "MINIMUM_LIFETIME",
    "Grant",
    "Token",
    "read_token_response",
    "token_request",
]

#: The ``client_id`` sent when the caller names none.
DEFAULT_CLIENT_ID: Final = "oci-core"
#: Token responses are a few kilobytes; anything past this is refused before it is read.
MAX_TOKEN_RESPONSE: Final = 128 * 1024
#: token.md: "If expires_in is not given, or is less than 60, the token lasts 60 seconds."
MINIMUM_LIFETIME: Final = 60
#: Statuses that make a POST token request fall back to GET (405 only with a user name; containerd).
FALLBACK_STATUSES: Final = frozenset({400, 401, 404, 405})

#: How a token is asked for: the GET, or one of the OAuth2 POST grants.
Grant = Literal["get", "refresh_token", "password"]

_FORM: Final = "application/x-www-form-urlencoded"
_GET_PARAMS: Final = frozenset({"account", "client_id", "offline_token", "scope", "service"})
_VISIBLE: Final = re.compile(r"[\x21-\x7e]+", re.ASCII).fullmatch
# RFC 3339 date-time, as Go's time.Time reads it (fractions up to nanoseconds, Z or an offset).
_RFC3339: Final = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?"
    r"(?:([Zz])|([+-])([0-9]{2}):([0-9]{2}))",
    re.ASCII,
).fullmatch


@dataclass(frozen=True, slots=True, repr=False)
class Token:
    """A bearer token the token server granted, and until when it may be used.

    ``expires_at`` and ``issued_at`` are seconds on the caller's clock (the
    ``now`` given to :func:`read_token_response`); ``scopes`` are what was
    asked for; ``refresh_token`` is the refresh token the answer carried, if
    any; ``granted`` is the answer's own ``scope`` text, kept as sent (some
    servers write it comma-joined); ``realm`` and ``service`` say where the
    token came from (the session asks there again to refresh it). ``repr()``
    hides the secrets.
    """

    token: str
    expires_at: float
    issued_at: float
    scopes: tuple[Scope, ...] = ()
    refresh_token: str | None = None
    granted: str | None = None
    realm: str = ""
    service: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.token, str):
            raise TypeError(f"Token.token must be a str, got {type(self.token).__name__}")
        if type(self.token) is not str or _VISIBLE(self.token) is None:
            raise TokenResponseError("a token must be non-empty visible ASCII (it is sent in a header)")
        for name in ("expires_at", "issued_at"):
            if type(getattr(self, name)) not in (int, float):
                raise TypeError(f"Token.{name} must be a number")
        if type(self.scopes) is not tuple or any(type(scope) is not Scope for scope in self.scopes):
            raise TypeError("Token.scopes must be a tuple of Scope")
        if self.refresh_token is not None and type(self.refresh_token) is not str:
            raise TypeError("Token.refresh_token must be a str or None")
        if self.granted is not None and type(self.granted) is not str:
            raise TypeError("Token.granted must be a str or None")
        if type(self.realm) is not str or (self.service is not None and type(self.service) is not str):
            raise TypeError("Token.realm must be a str and Token.service a str or None")

    def valid_at(self, now: float) -> bool:
        """Whether the token may still be sent at ``now``."""
        if type(now) is not float and type(now) is not int:
            raise TypeError(f"Token.valid_at() now must be a float, got {type(now).__name__}")
        return now < self.expires_at

    def authorization(self) -> str:
        """The ``Authorization`` header value: ``Bearer <token>``."""
        return "Bearer " + self.token

    def __repr__(self) -> str:
        refresh = "<hidden>" if self.refresh_token is not None else "None"
        scopes = [str(scope) for scope in self.scopes]
        return (
            f"Token(token=<hidden>, expires_at={self.expires_at!r}, issued_at={self.issued_at!r},"
            f" scopes={scopes!r}, refresh_token={refresh})"
        )


_TokenLayout = layout_twin(Token)


def _make_token(
    token: str,
    expires_at: float,
    issued_at: float,
    scopes: tuple[Scope, ...],
    refresh_token: str | None,
    granted: str | None,
    realm: str,
    service: str | None,
) -> Token:
    value = _TokenLayout()
    value.token = token
    value.expires_at = expires_at
    value.issued_at = issued_at
    value.scopes = scopes
    value.refresh_token = refresh_token
    value.granted = granted
    value.realm = realm
    value.service = service
    return publish(value, Token)


def _escape(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="-_.~").replace("%20", "+")


def _check_token_request(
    realm: object,
    service: object,
    scopes: object,
    credentials: object,
    grant: object,
    refresh_token: object,
    client_id: object,
    offline_token: object,
) -> None:
    # The error contract's TypeError, before any value is looked at (the scopes as a sequence of Scope).
    for value, kinds, name in (
        (realm, (str,), "realm"),
        (service, (str, NONE), "service"),
        (scopes, (tuple, list), "scopes"),
        (credentials, (Anonymous, Basic, IdentityToken, RegistryToken), "credentials"),
        (grant, (str,), "grant"),
        (refresh_token, (str, NONE), "refresh_token"),
        (client_id, (str,), "client_id"),
        (offline_token, (bool,), "offline_token"),
    ):
        check_kind(value, kinds, f"token_request() {name}")
    for scope in cast("Sequence[object]", scopes):  # checked a tuple or a list just above
        check_kind(scope, (Scope,), "token_request() scopes items")


def token_request(
    realm: str,
    *,
    service: str | None,
    scopes: Sequence[Scope],
    credentials: Credentials,
    grant: Grant = "get",
    refresh_token: str | None = None,
    client_id: str = DEFAULT_CLIENT_ID,
    offline_token: bool = False,
) -> Request:
    """The request that asks ``realm`` for a token (see the module docstring for each form).

    >>> from oci_core.auth import Basic, parse_scopes
    >>> r = token_request("https://auth.docker.io/token", service="registry.docker.io",
    ...                   scopes=parse_scopes("repository:samalba/my-app:pull,push"), credentials=Basic("u", "p"))
    >>> r.url
    'https://auth.docker.io/token?account=u&scope=repository%3Asamalba%2Fmy-app%3Apull%2Cpush&service=registry.docker.io'
    >>> r.headers.get("Authorization")
    'Basic dTpw'

    ``grant="refresh_token"`` needs an :class:`IdentityToken` or a
    ``refresh_token`` (one a server handed out before, which wins);
    ``grant="password"`` needs :class:`Basic` credentials. ``realm`` must be
    the absolute URL the realm policy accepted (:func:`~oci_core.auth.resolve_realm`).
    The request's ``scopes`` metadata holds the scopes asked for, so that
    :func:`read_token_response` knows what the token covers.

    :raises ValueError: the grant does not fit the credentials.
    :raises InvalidURLError: ``realm`` is not an absolute http(s) URL.
    """
    _check_token_request(realm, service, scopes, credentials, grant, refresh_token, client_id, offline_token)
    scope_texts = tuple(str(scope) for scope in scopes)
    if grant == "get":
        params: list[tuple[str, str]] = []
        if isinstance(credentials, Basic) and credentials.username:
            params.append(("account", credentials.username))
        if offline_token:
            params.append(("client_id", client_id))
            params.append(("offline_token", "true"))
        params.extend(("scope", text) for text in scope_texts)
        if service:
            params.append(("service", service))
        url = with_query(realm, params)
        origin(url)  # an absolute http(s) URL, or InvalidURLError
        fields = (("Authorization", credentials.authorization()),) if isinstance(credentials, Basic) else ()
        return make_request("GET", url, make_headers(fields), None, None, scope_texts)
    form: dict[str, str] = {"client_id": client_id}
    if grant == "refresh_token":
        secret = refresh_token if refresh_token else credentials.token if isinstance(credentials, IdentityToken) else ""
        if not secret:
            raise ValueError("the refresh_token grant needs an identity token or a refresh token")
        form["grant_type"] = "refresh_token"
        form["refresh_token"] = secret
    elif grant == "password":
        if not isinstance(credentials, Basic):
            raise ValueError("the password grant needs Basic credentials")
        form["grant_type"] = "password"
        form["username"] = credentials.username
        form["password"] = credentials.password
        if offline_token:
            form["access_type"] = "offline"
    else:
        raise ValueError(f"unknown grant {grant!r}")
    if scope_texts:
        form["scope"] = " ".join(scope_texts)
    if service:
        form["service"] = service
    body = "&".join(f"{_escape(key)}={_escape(form[key])}" for key in sorted(form)).encode("ascii")
    origin(realm)
    headers = make_headers((("Content-Type", _FORM),))
    return make_request("POST", realm, headers, body, None, scope_texts)


def read_token_response(request: Request, response: Response, *, now: float) -> Token:
    """The token a token server answered with (module docstring), dated against ``now``.

    >>> from oci_core.auth import ANONYMOUS
    >>> ask = token_request("https://auth.example/token", service="r", scopes=(), credentials=ANONYMOUS)
    >>> read_token_response(ask, Response(200, body=b'{"token": "abc", "expires_in": 300}'), now=1000.0).expires_at
    1300.0

    ``issued_at`` in the past is honoured (the token expires that much
    sooner), in the future is taken as ``now``; a token that would arrive
    already expired (a server whose clock is behind) is taken as issued now.

    :raises TokenResponseError: a status other than 2xx, a body over
        :data:`MAX_TOKEN_RESPONSE`, a body that is not a JSON object, no
        token, a token that cannot be sent, or a member of the wrong type.
    """
    if not isinstance(request, Request) or not isinstance(response, Response):
        raise TypeError("read_token_response takes the token Request and its Response")
    if type(now) not in (int, float):
        raise TypeError(f"now must be a number, got {type(now).__name__}")
    try:
        return _read(request, response, float(now))
    except Fault as fault:
        raise fault.as_error(TokenResponseError) from None


def _read(request: Request, response: Response, now: float) -> Token:
    status = response.status
    if not 200 <= status < 300:
        raise Fault(f"the token server answered {status}{_oauth_error(response)}")
    announced = response.headers.get("Content-Length")
    if announced is not None and announced.strip().isdigit() and int(announced) > MAX_TOKEN_RESPONSE:
        raise Fault(f"the token response announces {announced} bytes, over the limit of {MAX_TOKEN_RESPONSE}")
    if len(response.body) > MAX_TOKEN_RESPONSE:
        raise Fault(f"the token response is {len(response.body)} bytes, over the limit of {MAX_TOKEN_RESPONSE}")
    try:
        document = _authjson.load(response.body, max_size=MAX_TOKEN_RESPONSE)
    except Fault as fault:
        raise Fault(f"the token response is not JSON: {fault.message}", pointer=fault.pointer) from None
    if type(document) is not dict:
        raise Fault(f"a token response must be a JSON object, got {_authjson.kind_of(document)}", pointer="")
    access = _authjson.string_at(document, "access_token", "")
    plain = _authjson.string_at(document, "token", "")
    token = access or plain
    if not token:
        raise Fault("the token response has no token (neither access_token nor token)", pointer="")
    if _VISIBLE(token) is None:
        where = "/access_token" if access else "/token"
        raise Fault("the token holds a character that cannot be sent in a header", pointer=where)
    lifetime = document.get("expires_in")
    if lifetime is None:
        seconds = MINIMUM_LIFETIME
    elif type(lifetime) is int:
        seconds = max(lifetime, MINIMUM_LIFETIME)
    else:
        raise Fault(f"must be an integer number of seconds, got {_authjson.kind_of(lifetime)}", pointer="/expires_in")
    issued_text = _authjson.string_at(document, "issued_at", "")
    issued = now
    if issued_text:
        issued = min(_rfc3339(issued_text), now)
        if issued + seconds <= now:
            issued = now  # the server's clock is behind: the token cannot have expired on arrival
    refresh = _authjson.string_at(document, "refresh_token", "") or None
    granted = _authjson.string_at(document, "scope", "")
    scopes: list[Scope] = []
    for text in request.scopes:
        try:
            scopes.append(parse_scope(text))
        except OCIError:
            continue
    realm, service = _where(request)
    return _make_token(token, issued + seconds, issued, tuple(scopes), refresh, granted, realm, service)


def _where(request: Request) -> tuple[str, str | None]:
    """The realm and service a token request asked: the URL without the parameters this module adds."""
    from urllib.parse import parse_qsl

    if request.method == "POST":
        form = dict(parse_qsl((request.body or b"").decode("ascii", "replace")))
        return request.url, form.get("service")
    head, _, query = request.url.partition("?")
    kept: list[str] = []
    service: str | None = None
    for part in query.split("&") if query else ():
        key = part.partition("=")[0]
        if key == "service":
            service = dict(parse_qsl(part)).get("service")
        elif key not in _GET_PARAMS:
            kept.append(part)
    return head + ("?" + "&".join(kept) if kept else ""), service


def _oauth_error(response: Response) -> str:
    """``: <error>: <error_description>`` from an OAuth2 error body (RFC 6749 §5.2), when there is one."""
    if not response.body or len(response.body) > MAX_TOKEN_RESPONSE:
        return ""
    try:
        document = _authjson.load(response.body, max_size=MAX_TOKEN_RESPONSE)
    except Fault:
        return ""
    if type(document) is not dict:
        return ""
    parts = [value for key in ("error", "error_description") if type(value := document.get(key)) is str and value]
    text = ": ".join(parts)
    return f" ({text[:200]})" if text else ""


def _rfc3339(text: str) -> float:
    """Seconds since the epoch of an RFC 3339 date-time (as Go's ``time.Time`` reads ``issued_at``)."""
    match = _RFC3339(text)
    if match is None:
        raise Fault(f"must be an RFC 3339 date-time, got {text[:40]!r}", pointer="/issued_at")
    year, month, day, hour, minute, second = (int(match.group(index)) for index in range(1, 7))
    if not (1 <= month <= 12 and 1 <= day <= 31 and hour <= 23 and minute <= 59 and second <= 60):
        raise Fault(f"must be an RFC 3339 date-time, got {text[:40]!r}", pointer="/issued_at")
    fraction = float("0." + match.group(7)) if match.group(7) else 0.0
    offset = 0
    if match.group(9):
        offset = (int(match.group(10)) * 60 + int(match.group(11))) * 60
        if match.group(9) == "-":
            offset = -offset
    return calendar.timegm((year, month, day, hour, minute, second, 0, 0, 0)) + fraction - offset

