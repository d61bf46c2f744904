"""The auth session: an immutable value that answers a registry's challenges (private; see :mod:`oci_core.auth`).

Everything that affects the state machine is in the two tables below (h11's
``_state.py`` discipline). A *flow* is one request of the caller's, from
:meth:`Session.start` to a :class:`Done` or :class:`Failed` step; each step
the session asks for is one of

* ``request``: the caller's request, as given or with credentials the
  session already holds (a cached token, Basic credentials);
* ``retry``: the caller's request again, with a credential obtained for it
  in this flow; a 401 now is final;
* ``token``: a token request (the GET, or an OAuth2 POST);
* ``token_get``: the GET a refused POST falls back to.

and what came back is classified as an *outcome*. The table says what the
session does next. The session follows redirects itself
(:func:`oci_core.http.follow_redirect`, which drops ``Authorization`` when the
origin changes), keeping the stage.

What persists between flows is the registry's last challenge, the tokens it
granted (with their expiry) and the refresh token the token server handed
out. A flow in progress is kept too, so that the answer to a token request
finds the request it was for; concurrent flows (async callers) each keep
their own. A request to any other origin than the registry's (a redirect
target, a foreign layer's URL) never gets the registry's credentials: if it
answers 401 with a Bearer challenge, the session makes an anonymous exchange
with that origin's own realm for that one request, and keeps nothing of it.
"""

# Requests, responses and clocks come from callers and peers: checked at run time.
# pyright: reportUnnecessaryIsInstance=false

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import ClassVar, Final, Literal, TypeAlias

from ._challenge import Challenge, challenges_from, preferred_challenge
from ._credentials import ANONYMOUS, Basic, Credentials, IdentityToken, RegistryToken
from ._http import make_headers, make_request
from ._kinds import NONE, check_fields
from ._realm import DEFAULT_POLICY, RealmPolicy, resolve_realm
from ._scope import Scope, merge_scopes, parse_scope, scopes_cover
from ._token import DEFAULT_CLIENT_ID, FALLBACK_STATUSES, Grant, Token, read_token_response, token_request
from ._values import layout_twin, publish
from .errors import InvalidChallengeError, LocalProtocolError, OCIError, RealmRefusedError, TokenResponseError
from .http import Request, Response, follow_redirect, is_redirect, origin
from .registry import read_error

__all__ = [
    "ACTIONS",
    "MAX_PENDING",
    "MAX_TOKENS",
    "TRANSITIONS",
    "Done",
    "Failed",
    "Send",
    "Session",
    "Step",
]

Stage = Literal["request", "retry", "token", "token_get"]
Outcome = Literal["redirect", "unauthorized", "other", "granted", "fallback", "refused"]
Action = Literal["follow", "challenge", "done", "fail", "authorize", "fall_back", "follow_token"]

#: (stage, outcome) -> what the session does. Anything missing is a misuse.
TRANSITIONS: Final[Mapping[tuple[Stage, Outcome], Action]] = MappingProxyType(
    {
        ("request", "redirect"): "follow",
        ("request", "unauthorized"): "challenge",  # answer the 401: a token, Basic, or fail
        ("request", "other"): "done",
        ("retry", "redirect"): "follow",
        ("retry", "unauthorized"): "fail",  # a credential obtained for this request was refused
        ("retry", "other"): "done",
        ("token", "granted"): "authorize",  # send the caller's request with the new token
        ("token", "fallback"): "fall_back",  # the POST was refused (404, 405, 400, 401): GET
        ("token", "redirect"): "follow_token",  # through the realm policy again
        ("token", "refused"): "fail",
        ("token_get", "granted"): "authorize",
        ("token_get", "redirect"): "follow_token",
        ("token_get", "fallback"): "fail",
        ("token_get", "refused"): "fail",
    }
)

#: What each action means, for the docs and for the tests that walk the table.
ACTIONS: Final[Mapping[Action, str]] = MappingProxyType(
    {
        "follow": "follow the redirect (Authorization dropped when the origin changes), same stage",
        "challenge": "read the challenge: ask for a token, send Basic credentials, or fail",
        "done": "the response answers the caller's request",
        "fail": "give up with a typed error (the registry's UnauthorizedError, or the token server's)",
        "authorize": "keep the token (own registry only) and send the caller's request with it",
        "fall_back": "ask again with the GET token request",
        "follow_token": "follow the token server's redirect if the realm policy accepts the target",
    }
)

#: Flows in progress that a session keeps at most (an abandoned one is dropped first).
MAX_PENDING: Final = 256
#: Tokens a session keeps at most (expired ones, then the oldest, go first).
MAX_TOKENS: Final = 32

_ROOT: Final = re.compile(r"https?://[^/?#\s]+", re.ASCII | re.IGNORECASE).fullmatch


@dataclass(frozen=True, slots=True)
class Send:
    """Send ``request`` and hand its response to :meth:`Session.receive`.

    ``token`` is true for a token request (it carries its own body, if any);
    false for the caller's own request, which goes with the caller's body.
    """

    request: Request
    token: bool = False

    def __post_init__(self) -> None:
        check_fields(self, (("request", (Request,)), ("token", (bool,))))


@dataclass(frozen=True, slots=True)
class Done:
    """``response`` answers the caller's ``request`` (any status but a 401 the session could answer)."""

    request: Request
    response: Response

    def __post_init__(self) -> None:
        check_fields(self, (("request", (Request,)), ("response", (Response,))))


@dataclass(frozen=True, slots=True)
class Failed:
    """Authentication failed: ``error`` says why; ``response`` is the last one received, if any.

    ``error`` is the registry's :class:`~oci_core.errors.UnauthorizedError`
    (from :func:`oci_core.registry.read_error`) when it refused every
    credential offered, or an :class:`~oci_core.errors.AuthError` (a challenge
    that does not parse, a refused realm, a token server's bad answer).
    """

    request: Request
    error: OCIError
    response: Response | None = None

    def __post_init__(self) -> None:
        check_fields(self, (("request", (Request,)), ("error", (OCIError,)), ("response", (Response, NONE))))


#: One step of a flow.
Step: TypeAlias = Send | Done | Failed

_SendLayout = layout_twin(Send)


def _send(request: Request, token: bool = False) -> Send:
    """A Send of a request the session built or checked (the hot path skips the frozen __init__)."""
    step = _SendLayout()
    step.request = request
    step.token = token
    return publish(step, Send)


@dataclass(frozen=True, slots=True)
class _Flow:
    """A flow in progress: what the session asked to send, and for which of the caller's requests."""

    sent: Request
    original: Request
    stage: Stage
    foreign: bool = False
    target: Request | None = None  # token stages: the request to send with the token (it got the 401)
    realm: str = ""
    service: str | None = None
    scopes: tuple[Scope, ...] = ()
    grant: Grant = "get"


@dataclass(frozen=True, slots=True)
class Session:
    """What persists between requests to one registry, and the loop that authenticates each.

    >>> from oci_core.http import Request, Response
    >>> session = Session("https://registry.example", Basic("me", "pw"))
    >>> ask = Request("GET", "https://registry.example/v2/a/manifests/v1", scopes=("repository:a:pull",))
    >>> session, step = session.start(ask, now=0.0)
    >>> step.request is ask
    True
    >>> challenge = {"WWW-Authenticate": 'Bearer realm="https://auth.example/token",service="registry.example"'}
    >>> session, step = session.receive(step.request, Response(401, challenge), now=0.0)
    >>> step.token, step.request.url
    (True, 'https://auth.example/token?account=me&scope=repository%3Aa%3Apull&service=registry.example')
    >>> session, step = session.receive(step.request, Response(200, body=b'{"token": "t0k"}'), now=0.0)
    >>> step.request.headers.get("Authorization")
    'Bearer t0k'
    >>> session, step = session.receive(step.request, Response(200, body=b"{}"), now=0.0)
    >>> type(step).__name__, step.response.status
    ('Done', 200)

    The same loop serves every caller, sync or async::

        session, step = session.start(request, now=clock())
        while isinstance(step, Send):
            response = send(step.request, None if step.token else body)
            session, step = session.receive(step.request, response, now=clock())

    ``registry`` is the registry's root URL (``https://host[:port]``), the
    origin ``credentials`` belong to. ``policy`` is the realm policy;
    ``client_id`` goes into OAuth2 forms (and GETs that ask for a refresh
    token); ``oauth2=True`` asks with the password grant instead of the GET
    for Basic credentials; ``offline_token=True`` asks for a refresh token;
    ``follow_redirects=False`` answers a redirect with :class:`Done` instead.
    ``challenge``, ``tokens``, ``refresh_token`` and ``pending`` are what the
    session learned and is in the middle of; leave them out to start fresh.
    A session is a value: it hashes, compares, pickles, and can be kept and
    resumed.
    """

    registry: str
    credentials: Credentials = ANONYMOUS
    policy: RealmPolicy = DEFAULT_POLICY
    client_id: str = DEFAULT_CLIENT_ID
    oauth2: bool = False
    offline_token: bool = False
    follow_redirects: bool = True
    challenge: Challenge | None = None
    tokens: tuple[Token, ...] = ()
    refresh_token: str | None = None
    pending: tuple[_Flow, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.registry, str):
            raise TypeError(f"Session.registry must be a str, got {type(self.registry).__name__}")
        if type(self.registry) is not str or _ROOT(self.registry) is None:
            raise ValueError(f"Session.registry must be a root URL, http(s)://host[:port], got {self.registry!r}")
        origin(self.registry)
        if not isinstance(self.credentials, (type(ANONYMOUS), Basic, IdentityToken, RegistryToken)):
            raise TypeError(f"Session.credentials must be credentials, got {type(self.credentials).__name__}")
        if not isinstance(self.policy, RealmPolicy):
            raise TypeError("Session.policy must be a RealmPolicy")
        if not isinstance(self.client_id, str):
            raise TypeError(f"Session.client_id must be a str, got {type(self.client_id).__name__}")
        if type(self.client_id) is not str or not self.client_id:
            raise ValueError("Session.client_id must be a non-empty str")
        for name in ("oauth2", "offline_token", "follow_redirects"):
            if type(getattr(self, name)) is not bool:
                raise TypeError(f"Session.{name} must be a bool")
        if self.challenge is not None and not isinstance(self.challenge, Challenge):
            raise TypeError("Session.challenge must be a Challenge or None")
        if type(self.tokens) is not tuple or any(not isinstance(token, Token) for token in self.tokens):
            raise TypeError("Session.tokens must be a tuple of Token")
        if self.refresh_token is not None and type(self.refresh_token) is not str:
            raise TypeError("Session.refresh_token must be a str or None")
        if type(self.pending) is not tuple or any(type(flow) is not _Flow for flow in self.pending):
            raise TypeError("Session.pending must be a tuple of the session's own flows")

    # -- the public loop

    def start(self, request: Request, *, now: float) -> tuple[Session, Step]:
        """Begin a flow for ``request``: the first step (usually: send it, with credentials if the session has them).

        A request to another origin, or one that already carries an
        ``Authorization`` of the caller's, is sent as it is. A token the
        session holds is attached while it is valid at ``now``; an expired
        one is refreshed first; with a known Bearer challenge and no token
        for the request's scopes, the token is asked for before the request
        is sent.
        """
        if not isinstance(request, Request):
            raise TypeError(f"Session.start takes a Request, got {type(request).__name__}")
        _check_now(now)
        if not self._owns(request.url) or "authorization" in request.headers:
            return self, _send(request)
        credentials = self.credentials
        if isinstance(credentials, RegistryToken):
            return self, _send(_add_authorization(request, credentials.authorization()))
        challenge = self.challenge
        if challenge is None:
            return self, Send(request)
        if challenge.scheme == "basic":
            if isinstance(credentials, Basic):
                return self, _send(_add_authorization(request, credentials.authorization()))
            return self, Send(request)
        if challenge.scheme != "bearer":
            return self, Send(request)
        wanted = _scopes_of(request)
        token = self._token_for(wanted, now)
        if token is not None:
            return self, _send(_add_authorization(request, token.authorization()))
        if not wanted:
            return self, Send(request)
        stale = self._stale_for(wanted)
        realm: str | None = challenge.realm
        service = challenge.service
        if stale is not None and stale.realm:
            realm, service = stale.realm, stale.service
        if not realm:
            return self, Send(request)
        held = stale.scopes if stale is not None else ()
        try:
            realm = resolve_realm(realm, request.url, self.policy)
        except RealmRefusedError as error:
            return self, Failed(request, error)
        session = self if stale is None else self._without_token(stale)
        return session._ask_token(request, request, realm, service, merge_scopes(wanted, held), foreign=False)

    def receive(self, request: Request, response: Response, *, now: float) -> tuple[Session, Step]:
        """Take the ``response`` to ``request`` (the request of the last :class:`Send`); the next step.

        A request the session is not tracking is taken for the caller's own,
        as :meth:`start` sent it.
        """
        if not isinstance(request, Request) or not isinstance(response, Response):
            raise TypeError("Session.receive takes the Request that was sent and its Response")
        _check_now(now)
        flow, session = self._take(request)
        if flow is None:
            flow = session._first_flow(request)
        outcome = session._outcome(flow, response)
        action = TRANSITIONS.get((flow.stage, outcome))
        if action is None:  # pragma: no cover - the table covers every stage and outcome it can produce
            raise LocalProtocolError(f"no transition for a {flow.stage} answered with {outcome}")
        return Session._PERFORM[action](session, flow, response, now)

    def with_credentials(self, credentials: Credentials) -> Session:
        """This session with other credentials: the tokens and the refresh token obtained with the old ones go."""
        return replace(self, credentials=credentials, tokens=(), refresh_token=None, pending=())

    def abandon(self, request: Request) -> Session:
        """This session without the flow that asked to send ``request`` (the caller gave it up)."""
        if not isinstance(request, Request):
            raise TypeError(f"Session.abandon() takes a Request, got {type(request).__name__}")
        return replace(self, pending=tuple(flow for flow in self.pending if flow.sent != request))

    # -- what the session owns and holds

    def _owns(self, url: str) -> bool:
        """Whether ``url`` is on the registry's origin, the one its credentials belong to."""
        if url.startswith(self.registry) and url[len(self.registry) : len(self.registry) + 1] in ("/", "?", ""):
            return True
        try:
            return origin(url) == origin(self.registry)
        except OCIError:
            return False

    def _token_for(self, wanted: tuple[Scope, ...], now: float) -> Token | None:
        """The newest token valid at ``now`` that covers ``wanted`` (any valid token when nothing is wanted)."""
        for token in reversed(self.tokens):
            if token.valid_at(now) and scopes_cover(token.scopes, wanted):
                return token
        return None

    def _stale_for(self, wanted: tuple[Scope, ...]) -> Token | None:
        """The newest token that covered ``wanted`` but has expired: the one to refresh."""
        for token in reversed(self.tokens):
            if scopes_cover(token.scopes, wanted):
                return token
        return None

    def _without_token(self, token: Token) -> Session:
        return replace(self, tokens=tuple(held for held in self.tokens if held is not token))

    def _held_token(self, request: Request) -> Token | None:
        """The cached token whose ``Authorization`` the request carries."""
        value = request.headers.get("Authorization")
        if value is None:
            return None
        for token in self.tokens:
            if value == token.authorization():
                return token
        return None

    def _grant(self) -> tuple[Grant, str | None]:
        credentials = self.credentials
        if self.refresh_token is not None or isinstance(credentials, IdentityToken):
            return "refresh_token", self.refresh_token
        if isinstance(credentials, Basic) and self.oauth2:
            return "password", None
        return "get", None

    # -- flows

    def _first_flow(self, request: Request) -> _Flow:
        """The flow of a request the session did not track: the caller's own, as sent by :meth:`start`."""
        original = request
        if "authorization" in request.headers and self._owns(request.url) and self._ours(request):
            original = _without_authorization(request)
        return _Flow(request, original, "request", foreign=not self._owns(request.url))

    def _ours(self, request: Request) -> bool:
        value = request.headers.get("Authorization")
        credentials = self.credentials
        if isinstance(credentials, (Basic, RegistryToken)) and value == credentials.authorization():
            return True
        return self._held_token(request) is not None

    def _take(self, request: Request) -> tuple[_Flow | None, Session]:
        """The pending flow that sent ``request``.

        The very object is looked for first, so that concurrent flows that
        sent equal requests (two blob pulls asking for the same token) each
        get their own back; equality serves a session that was persisted.
        """
        pending = self.pending
        if not pending:
            return None, self
        index = next((i for i, flow in enumerate(pending) if flow.sent is request), None)
        if index is None:
            index = next((i for i, flow in enumerate(pending) if flow.sent == request), None)
        if index is None:
            return None, self
        return pending[index], replace(self, pending=pending[:index] + pending[index + 1 :])

    def _track(self, flow: _Flow) -> Session:
        pending = (*self.pending, flow)
        if len(pending) > MAX_PENDING:
            pending = pending[-MAX_PENDING:]
        return replace(self, pending=pending)

    def _outcome(self, flow: _Flow, response: Response) -> Outcome:
        status = response.status
        if flow.stage in ("token", "token_get"):
            if 200 <= status < 300:
                return "granted"
            if is_redirect(response):
                return "redirect"
            if flow.sent.method == "POST" and status in FALLBACK_STATUSES and (status != 405 or self._has_username()):
                return "fallback"
            return "refused"
        if is_redirect(response) and self.follow_redirects and response.headers.get("Location"):
            return "redirect"
        if status == 401:
            return "unauthorized"
        return "other"

    def _has_username(self) -> bool:
        credentials = self.credentials
        return bool(getattr(credentials, "username", ""))

    def _ask_token(
        self,
        original: Request,
        target: Request,
        realm: str,
        service: str | None,
        scopes: tuple[Scope, ...],
        *,
        foreign: bool,
    ) -> tuple[Session, Step]:
        grant, refresh = ("get", None) if foreign else self._grant()
        credentials: Credentials = ANONYMOUS if foreign else self.credentials
        try:
            ask = token_request(
                realm,
                service=service,
                scopes=scopes,
                credentials=credentials,
                grant=grant,
                refresh_token=refresh,
                client_id=self.client_id,
                offline_token=self.offline_token and not foreign,
            )
        except (OCIError, ValueError) as error:
            return self, Failed(original, error if isinstance(error, OCIError) else TokenResponseError(str(error)))
        flow = _Flow(ask, original, "token", foreign, target, realm, service, scopes, grant)
        return self._track(flow), Send(ask, token=True)

    # -- the actions (named in TRANSITIONS)

    def _done(self, flow: _Flow, response: Response, now: float) -> tuple[Session, Step]:
        return self, Done(flow.original, response)

    def _fail(self, flow: _Flow, response: Response, now: float) -> tuple[Session, Step]:
        error: OCIError
        if flow.stage in ("token", "token_get"):
            try:
                read_token_response(flow.sent, response, now=now)
            except TokenResponseError as refused:
                error = refused
            else:  # pragma: no cover - only statuses that are not 2xx come here
                error = TokenResponseError(f"the token server answered {response.status}")
        else:
            error = read_error(flow.original, response)
        session = self
        held = None if flow.foreign else self._held_token(flow.sent)
        if held is not None:
            session = self._without_token(held)  # the registry refused it: of no further use
        return session, Failed(flow.original, error, response)

    def _follow(self, flow: _Flow, response: Response, now: float) -> tuple[Session, Step]:
        try:
            following = follow_redirect(flow.sent, response)
        except OCIError as error:
            return self, Failed(flow.original, error, response)
        foreign = not self._owns(following.url)
        return self._track(replace(flow, sent=following, foreign=foreign)), Send(following)

    def _follow_token(self, flow: _Flow, response: Response, now: float) -> tuple[Session, Step]:
        try:
            following = follow_redirect(flow.sent, response)
            resolve_realm(following.url, flow.original.url, self.policy)
        except OCIError as error:
            return self, Failed(flow.original, error, response)
        return self._track(replace(flow, sent=following)), Send(following, token=True)

    def _fall_back(self, flow: _Flow, response: Response, now: float) -> tuple[Session, Step]:
        credentials: Credentials = self.credentials if isinstance(self.credentials, Basic) else ANONYMOUS
        ask = token_request(
            flow.realm,
            service=flow.service,
            scopes=flow.scopes,
            credentials=credentials,
            client_id=self.client_id,
            offline_token=self.offline_token,
        )
        return self._track(replace(flow, sent=ask, stage="token_get", grant="get")), Send(ask, token=True)

    def _authorize(self, flow: _Flow, response: Response, now: float) -> tuple[Session, Step]:
        try:
            token = read_token_response(flow.sent, response, now=now)
        except OCIError as error:
            return self, Failed(flow.original, error, response)
        session = self
        if not flow.foreign:
            token = replace(token, realm=flow.realm, service=flow.service, scopes=flow.scopes)
            session = session._keep(token)
        target = flow.target if flow.target is not None else flow.original
        authorized = _with_authorization(target, token.authorization())
        return session._track(_Flow(authorized, flow.original, "retry", flow.foreign)), Send(authorized)

    def _keep(self, token: Token) -> Session:
        """This session holding ``token`` (and the refresh token it came with)."""
        kept = [held for held in self.tokens if held.expires_at > token.issued_at and held.scopes != token.scopes]
        kept.append(token)
        refresh = token.refresh_token if token.refresh_token is not None else self.refresh_token
        return replace(self, tokens=tuple(kept[-MAX_TOKENS:]), refresh_token=refresh)

    def _challenge(self, flow: _Flow, response: Response, now: float) -> tuple[Session, Step]:
        original = flow.original
        try:
            challenges = challenges_from(response.headers.get_all("WWW-Authenticate"))
        except InvalidChallengeError as error:
            return self, Failed(original, error, response)
        if "authorization" in flow.sent.headers and not self._ours(flow.sent):
            return self._done(flow, response, now)  # the caller's own credentials: not the session's to answer
        chosen = preferred_challenge(challenges)
        held = None if flow.foreign else self._held_token(flow.sent)
        if chosen is None and held is not None and self.challenge is not None:
            chosen = self.challenge  # a 401 without a challenge on a token the registry no longer takes
        if chosen is None or chosen.scheme not in ("bearer", "basic"):
            return self._fail(flow, response, now)
        if flow.foreign:
            if chosen.scheme != "bearer" or "authorization" in flow.sent.headers:
                return self._fail(flow, response, now)
            return self._bearer(flow, chosen, response, None)
        if chosen.scheme == "basic":
            credentials = self.credentials
            refused = flow.sent.headers.get("Authorization")
            if not isinstance(credentials, Basic) or refused == credentials.authorization():
                return replace(self, challenge=chosen)._fail(flow, response, now)
            authorized = _with_authorization(flow.sent, credentials.authorization())
            session = replace(self, challenge=chosen)._track(_Flow(authorized, original, "retry"))
            return session, Send(authorized)
        if isinstance(self.credentials, RegistryToken):
            return self._fail(flow, response, now)
        return replace(self, challenge=chosen)._bearer(flow, chosen, response, held)

    def _bearer(
        self, flow: _Flow, challenge: Challenge, response: Response, held: Token | None
    ) -> tuple[Session, Step]:
        original = flow.original
        if not challenge.realm:
            error = InvalidChallengeError("a Bearer challenge must name its realm (missing realm)")
            return self, Failed(original, error, response)
        try:
            realm = resolve_realm(challenge.realm, flow.sent.url, self.policy)
        except RealmRefusedError as error:
            return self, Failed(original, error, response)
        challenged: list[Scope] = []
        for text in challenge.scopes:
            try:
                challenged.append(parse_scope(text))
            except OCIError:
                continue
        wanted = _scopes_of(original)
        session = self
        if held is None:
            scopes = merge_scopes(challenged, wanted)
        elif challenge.error == "insufficient_scope" or not scopes_cover(held.scopes, challenged):
            scopes = merge_scopes(challenged, held.scopes, wanted)
            session = session._without_token(held)
        else:  # invalid_token, or a token the registry stopped taking: evict it and ask once more
            scopes = merge_scopes(challenged, wanted)
            session = session._without_token(held)
        target = _without_authorization(flow.sent)
        return session._ask_token(original, target, realm, challenge.service, scopes, foreign=flow.foreign)


    #: The actions of TRANSITIONS, by name (the methods above).
    _PERFORM: ClassVar[Mapping[Action, Callable[[Session, _Flow, Response, float], tuple[Session, Step]]]] = (
        MappingProxyType(
            {
                "follow": _follow,
                "challenge": _challenge,
                "done": _done,
                "fail": _fail,
                "authorize": _authorize,
                "fall_back": _fall_back,
                "follow_token": _follow_token,
            }
        )
    )


def _check_now(now: object) -> None:
    if type(now) not in (int, float):
        raise TypeError(f"now must be a number (seconds on the caller's clock), got {type(now).__name__}")


def _scopes_of(request: Request) -> tuple[Scope, ...]:
    """The scopes a request needs (its ``scopes`` metadata), merged; what does not parse is ignored."""
    texts = request.scopes
    if len(texts) == 1:  # what every builder but the mount attaches
        try:
            return (parse_scope(texts[0]),)
        except OCIError:
            return ()
    scopes: list[Scope] = []
    for text in request.scopes:
        try:
            scopes.append(parse_scope(text))
        except OCIError:
            continue
    return merge_scopes(scopes)


def _add_authorization(request: Request, value: str) -> Request:
    """``request`` (which has no Authorization) with one."""
    return make_request(
        request.method,
        request.url,
        make_headers((*request.headers.fields, ("Authorization", value))),
        request.body,
        request.body_length,
        request.scopes,
        request.redirects,
    )


def _with_authorization(request: Request, value: str) -> Request:
    fields = request.headers.fields
    if "authorization" in request.headers:
        fields = tuple(pair for pair in fields if pair[0].lower() != "authorization")
    return make_request(
        request.method,
        request.url,
        make_headers((*fields, ("Authorization", value))),
        request.body,
        request.body_length,
        request.scopes,
        request.redirects,
    )


def _without_authorization(request: Request) -> Request:
    fields = tuple(pair for pair in request.headers.fields if pair[0].lower() != "authorization")
    return make_request(
        request.method,
        request.url,
        make_headers(fields),
        request.body,
        request.body_length,
        request.scopes,
        request.redirects,
    )
