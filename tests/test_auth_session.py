"""oci_core.auth.Session: the authentication loop against scripted registries and token servers."""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable

import pytest

from oci_core import errors
from oci_core.auth import (
    ACTIONS,
    ANONYMOUS,
    MAX_PENDING,
    TRANSITIONS,
    Basic,
    Done,
    Failed,
    IdentityToken,
    RealmPolicy,
    RegistryToken,
    Send,
    Session,
    mount_scopes,
    parse_www_authenticate,
    repository_scope,
    trusted_origins,
)
from oci_core.http import Request, Response

from .auth_fakes import World, basic, form_of, json_response, query_of, registry, token_server

ROOT = "https://registry.test"
AUTH = "https://auth.test"
BEARER = f'Bearer realm="{AUTH}/token",service="registry.test"'
PULL = (str(repository_scope("a", "pull")),)
PUSH = (str(repository_scope("a", "pull", "push")),)


def manifest(scopes: tuple[str, ...] = PULL, method: str = "GET", url: str = ROOT + "/v2/a/manifests/1") -> Request:
    return Request(method, url, scopes=scopes)


def bearer_world(
    issue: Callable[[Request], Response] | None = None,
    accepts: Callable[[Request], bool] | None = None,
    challenge: str | Callable[[Request], str | None] = BEARER,
) -> World:
    world = World()
    world.add(
        ROOT, registry(challenge, accepts or (lambda request: request.headers.get("Authorization") == "Bearer good"))
    )
    world.add(AUTH, token_server(issue or (lambda request: json_response('{"token": "good", "expires_in": 300}'))))
    return world


# -- the basic flows ----------------------------------------------------------------------------------


def test_anonymous_pull_is_refused_then_served_with_a_token() -> None:
    world = bearer_world()
    request = manifest()
    session, step = world.drive(Session(ROOT), request)
    assert isinstance(step, Done) and step.response.status == 200
    assert step.request == request  # the caller's own request, without Authorization
    sent = world.received
    assert [r.url.split("?")[0] for r in sent] == [request.url, AUTH + "/token", request.url]
    assert "authorization" not in sent[1].headers
    assert query_of(sent[1]) == {"scope": ["repository:a:pull"], "service": ["registry.test"]}
    assert session.challenge == parse_www_authenticate(BEARER)[0] and len(session.tokens) == 1 and not session.pending
    world.received.clear()
    session, step = world.drive(session, request, now=10.0)
    assert isinstance(step, Done) and len(world.received) == 1  # the cached token goes with the first request


def test_basic_credentials_go_to_the_token_server_with_account() -> None:
    world = bearer_world()
    _, step = world.drive(Session(ROOT, Basic("me", "pw")), manifest())
    assert isinstance(step, Done)
    token = world.to(AUTH)[0]
    assert token.headers.get("Authorization") == basic("me", "pw")
    assert query_of(token)["account"] == ["me"]
    assert all(
        "authorization" not in r.headers or r.headers.get("Authorization") == "Bearer good" for r in world.to(ROOT)
    )


def test_a_push_asks_for_pull_and_push_and_a_mount_for_pull_on_the_source() -> None:
    world = bearer_world()
    _, step = world.drive(Session(ROOT), manifest(PUSH, "PUT"))
    assert isinstance(step, Done)
    assert query_of(world.to(AUTH)[0])["scope"] == ["repository:a:pull,push"]
    world = bearer_world()
    mount = Request(
        "POST",
        ROOT + "/v2/dst/blobs/uploads/?mount=sha256:x&from=src",
        scopes=tuple(map(str, mount_scopes("dst", "src"))),
    )
    world.drive(Session(ROOT), mount)
    assert query_of(world.to(AUTH)[0])["scope"] == ["repository:dst:pull,push", "repository:src:pull"]


def test_insufficient_scope_is_answered_with_the_merged_scopes() -> None:
    def issue(request: Request) -> Response:
        scopes = query_of(request)["scope"]
        token = "push-token" if "repository:a:pull,push" in scopes else "pull-token"
        return json_response(json.dumps({"token": token}))

    def challenge(request: Request) -> str:
        if request.headers.get("Authorization") == "Bearer pull-token":
            return BEARER + ',scope="repository:a:pull,push",error="insufficient_scope"'
        return BEARER + ',scope="repository:a:pull"'

    world = bearer_world(
        issue,
        lambda r: (
            (r.headers.get("Authorization") == "Bearer pull-token" and r.method == "GET")
            or r.headers.get("Authorization") == "Bearer push-token"
        ),
        challenge,
    )
    session, step = world.drive(Session(ROOT), manifest())
    assert isinstance(step, Done)
    # The upload POST carries only pull scopes (a builder's mistake); the registry wants push too.
    session, step = world.drive(session, manifest(PULL, "POST", ROOT + "/v2/a/blobs/uploads/"))
    assert isinstance(step, Done) and step.response.status == 200
    asked = world.to(AUTH)[-1]
    assert query_of(asked)["scope"] == ["repository:a:pull,push"]  # the challenged scope, merged with what was held
    assert [t.token for t in session.tokens] == ["push-token"]  # the narrower token was replaced


def test_invalid_token_on_a_cached_token_evicts_it_and_retries_once() -> None:
    tokens = iter(["first", "second", "third"])
    world = World()
    good = {"value": "first"}
    world.add(
        ROOT,
        registry(
            lambda r: BEARER + (',error="invalid_token"' if "authorization" in r.headers else ""),
            lambda r: r.headers.get("Authorization") == f"Bearer {good['value']}",
        ),
    )
    world.add(AUTH, token_server(lambda request: json_response(json.dumps({"token": next(tokens)}))))
    session, step = world.drive(Session(ROOT), manifest())
    assert isinstance(step, Done)
    good["value"] = "second"  # the registry stops taking the cached token
    session, step = world.drive(session, manifest())
    assert isinstance(step, Done) and [t.token for t in session.tokens] == ["second"]
    good["value"] = "never"
    session, step = world.drive(session, manifest())
    assert isinstance(step, Failed) and isinstance(step.error, errors.UnauthorizedError)
    assert step.response is not None and step.response.status == 401
    assert step.error.status == 401 and step.error.codes == ("UNAUTHORIZED",)
    assert not session.tokens and not session.pending


def test_a_token_that_expires_is_refreshed_before_sending() -> None:
    world = bearer_world(lambda request: json_response('{"token": "good", "expires_in": 100}'))
    session, _ = world.drive(Session(ROOT), manifest(), now=1000.0)
    world.received.clear()
    session, step = world.drive(session, manifest(), now=1099.0)
    assert len(world.received) == 1
    world.received.clear()
    session, step = world.drive(session, manifest(), now=1100.0)
    assert isinstance(step, Done)
    assert [r.url.split("?")[0] for r in world.received] == [AUTH + "/token", ROOT + "/v2/a/manifests/1"]
    assert session.tokens[-1].expires_at == 1200.0


def test_post_falls_back_to_get() -> None:
    def issue(request: Request) -> Response:
        if request.method == "POST":
            return Response(404)
        return json_response('{"access_token": "good"}')

    world = bearer_world(issue)
    _, step = world.drive(Session(ROOT, IdentityToken("refresh-me")), manifest())
    assert isinstance(step, Done)
    assert [r.method for r in world.to(AUTH)] == ["POST", "GET"]
    assert form_of(world.to(AUTH)[0])["refresh_token"] == "refresh-me"
    # 405 falls back only with a user name (containerd's rule).
    world = bearer_world(
        lambda request: Response(405) if request.method == "POST" else json_response('{"token": "good"}')
    )
    _, step = world.drive(Session(ROOT, IdentityToken("refresh-me")), manifest())
    assert isinstance(step, Failed) and isinstance(step.error, errors.TokenResponseError) and "405" in str(step.error)
    world = bearer_world(
        lambda request: Response(405) if request.method == "POST" else json_response('{"token": "good"}')
    )
    _, step = world.drive(Session(ROOT, Basic("me", "pw"), oauth2=True), manifest())
    assert isinstance(step, Done)
    assert [r.method for r in world.to(AUTH)] == ["POST", "GET"]
    assert form_of(world.to(AUTH)[0])["grant_type"] == "password"
    assert world.to(AUTH)[1].headers.get("Authorization") == basic("me", "pw")


def test_identity_token_refresh() -> None:
    refreshes = iter(["r2", "r3"])

    def issue(request: Request) -> Response:
        assert request.method == "POST"
        return json_response(json.dumps({"access_token": "good", "expires_in": 60, "refresh_token": next(refreshes)}))

    world = bearer_world(issue)
    session, _ = world.drive(Session(ROOT, IdentityToken("r1")), manifest())
    assert session.refresh_token == "r2"
    session, _ = world.drive(session, manifest(), now=100.0)  # expired: refreshed with the new refresh token
    assert [form_of(r)["refresh_token"] for r in world.to(AUTH)] == ["r1", "r2"]
    assert session.refresh_token == "r3"


def test_offline_tokens_are_asked_for_and_used() -> None:
    def issue(request: Request) -> Response:
        if request.method == "GET":
            assert query_of(request)["offline_token"] == ["true"] and query_of(request)["client_id"] == ["tool"]
            return json_response('{"token": "good", "refresh_token": "kept", "expires_in": 60}')
        assert form_of(request) == {
            "client_id": "tool",
            "grant_type": "refresh_token",
            "refresh_token": "kept",
            "scope": "repository:a:pull",
            "service": "registry.test",
        }
        return json_response('{"token": "good"}')

    world = bearer_world(issue)
    session, _ = world.drive(Session(ROOT, Basic("me", "pw"), client_id="tool", offline_token=True), manifest())
    session, step = world.drive(session, manifest(), now=120.0)
    assert isinstance(step, Done) and [r.method for r in world.to(AUTH)] == ["GET", "POST"]


# -- Basic, registry tokens, the caller's own credentials ---------------------------------------------


def test_basic_challenges() -> None:
    world = World()
    world.add(ROOT, registry('Basic realm="r"', lambda r: r.headers.get("Authorization") == basic("me", "pw")))
    session, step = world.drive(Session(ROOT, Basic("me", "pw")), manifest())
    assert isinstance(step, Done) and len(world.received) == 2
    world.received.clear()
    session, step = world.drive(session, manifest())  # the known challenge: Basic goes first
    assert isinstance(step, Done) and len(world.received) == 1
    _, step = world.drive(Session(ROOT, Basic("me", "wrong")), manifest())
    assert isinstance(step, Failed) and isinstance(step.error, errors.UnauthorizedError)
    for credentials in (ANONYMOUS, IdentityToken("x")):
        _, step = world.drive(Session(ROOT, credentials), manifest())
        assert isinstance(step, Failed) and isinstance(step.error, errors.UnauthorizedError)


def test_a_scheme_change_is_followed() -> None:
    state = {"challenge": BEARER}
    world = World()
    world.add(
        ROOT,
        registry(
            lambda r: state["challenge"], lambda r: r.headers.get("Authorization") in ("Bearer good", basic("me", "pw"))
        ),
    )
    world.add(AUTH, token_server(lambda request: json_response('{"token": "good"}')))
    session, _ = world.drive(Session(ROOT, Basic("me", "pw")), manifest())
    state["challenge"] = 'Basic realm="r"'
    world.servers[str(__import__("oci_core.http", fromlist=["origin"]).origin(ROOT))] = registry(
        'Basic realm="r"', lambda r: r.headers.get("Authorization") == basic("me", "pw")
    )
    session, step = world.drive(session, manifest())
    assert isinstance(step, Done) and session.challenge is not None and session.challenge.scheme == "basic"


def test_registry_tokens_go_as_they_are() -> None:
    world = World()
    world.add(ROOT, registry(BEARER, lambda r: r.headers.get("Authorization") == "Bearer static"))
    _, step = world.drive(Session(ROOT, RegistryToken("static")), manifest())
    assert isinstance(step, Done) and len(world.received) == 1
    _, step = world.drive(Session(ROOT, RegistryToken("stale")), manifest())
    assert isinstance(step, Failed) and not world.to(AUTH)


def test_the_callers_own_authorization_is_left_alone() -> None:
    world = bearer_world()
    mine = Request("GET", ROOT + "/v2/a/manifests/1", {"Authorization": "Bearer mine"}, scopes=PULL)
    _, step = world.drive(Session(ROOT, Basic("me", "pw")), mine)
    assert isinstance(step, Done) and step.response.status == 401 and step.request is mine
    assert len(world.received) == 1 and world.received[0].headers.get("Authorization") == "Bearer mine"


# -- other origins and redirects ----------------------------------------------------------------------------


def test_credentials_never_leave_their_origin_through_redirects() -> None:
    world = bearer_world()
    cdn = "https://cdn.test"
    world.servers.pop(next(key for key in world.servers if "registry.test" in key))
    inner = registry(BEARER, lambda r: r.headers.get("Authorization") == "Bearer good")

    def registry_with_redirects(request: Request) -> Response:
        answer = inner(request)
        if answer.status == 200 and request.url.endswith("/blobs/sha256:1"):
            return Response(307, {"Location": cdn + "/blob?sig=1"})
        if answer.status == 200 and request.url.endswith("/moved"):
            return Response(308, {"Location": "/v2/a/blobs/sha256:1"})
        return answer

    world.add(ROOT, registry_with_redirects)
    world.add(cdn, lambda request: Response(200, body=b"blob"))
    _, step = world.drive(Session(ROOT, Basic("me", "pw")), manifest(url=ROOT + "/v2/a/moved"))
    assert isinstance(step, Done) and step.response.body == b"blob" and step.response.url == cdn + "/blob?sig=1"
    assert step.request.url == ROOT + "/v2/a/moved"
    for sent in world.to(cdn):
        assert "authorization" not in sent.headers, sent
    same_origin_hop = [r for r in world.to(ROOT) if r.url.endswith("/sha256:1")]
    assert same_origin_hop and same_origin_hop[0].headers.get("Authorization") == "Bearer good"


def test_a_401_from_another_origin_gets_its_own_exchange_and_leaves_the_session_alone() -> None:
    world = bearer_world()
    other, other_auth = "https://mirror.test", "https://auth.mirror.test"
    world.add(
        other,
        registry(
            f'Bearer realm="{other_auth}/token",service="mirror"',
            lambda r: r.headers.get("Authorization") == "Bearer mirror-token",
        ),
    )
    world.add(other_auth, token_server(lambda request: json_response('{"token": "mirror-token"}')))
    session, _ = world.drive(Session(ROOT, Basic("me", "pw")), manifest())
    before = session
    after, step = world.drive(session, Request("GET", other + "/v2/a/blobs/sha256:1", scopes=PULL))
    assert isinstance(step, Done) and step.response.status == 200
    asked = world.to(other_auth)[0]
    assert "authorization" not in asked.headers and query_of(asked)["service"] == ["mirror"]
    assert after == before  # nothing learned, nothing kept
    assert all(r.headers.get("Authorization") not in ("Bearer good", basic("me", "pw")) for r in world.to(other))


def test_redirect_refusals_and_no_follow() -> None:
    world = World()
    world.add(ROOT, lambda request: Response(302, {"Location": "http://registry.test/v2/elsewhere"}))
    _, step = world.drive(Session(ROOT), manifest())
    assert isinstance(step, Failed) and isinstance(step.error, errors.RedirectError)
    _, step = world.drive(Session(ROOT, follow_redirects=False), manifest())
    assert isinstance(step, Done) and step.response.status == 302


def test_realm_problems_fail_the_flow() -> None:
    cases = {
        'Bearer realm="https://169.254.169.254/latest",service="x"': errors.RealmRefusedError,
        'Bearer realm="http://auth.test/token"': errors.RealmRefusedError,
        'Bearer service="x"': errors.InvalidChallengeError,
        'Bearer realm="unterminated': errors.InvalidChallengeError,
    }
    for challenge, error in cases.items():
        world = bearer_world(challenge=challenge)
        session, step = world.drive(Session(ROOT, Basic("me", "pw")), manifest())
        assert isinstance(step, Failed) and isinstance(step.error, error), challenge
        assert not world.to(AUTH) and not session.pending


def test_a_trusted_private_token_server() -> None:
    private = "https://10.0.0.9:5001"
    world = World()
    world.add(
        ROOT, registry(f'Bearer realm="{private}/token"', lambda r: r.headers.get("Authorization") == "Bearer good")
    )
    world.add(private, token_server(lambda request: json_response('{"token": "good"}')))
    _, step = world.drive(Session(ROOT), manifest())
    assert isinstance(step, Failed) and isinstance(step.error, errors.RealmRefusedError)
    _, step = world.drive(Session(ROOT, policy=RealmPolicy(trusted=trusted_origins([private]))), manifest())
    assert isinstance(step, Done)


def test_token_server_redirects_go_through_the_realm_policy() -> None:
    for target, ok in (("https://auth2.test/token", True), ("https://127.0.0.1:9/token", False)):

        def redirect(request: Request, target: str = target) -> Response:
            return Response(302, {"Location": target})

        world = bearer_world(redirect)
        world.add("https://auth2.test", token_server(lambda request: json_response('{"token": "good"}')))
        _, step = world.drive(Session(ROOT, Basic("me", "pw")), manifest())
        assert isinstance(step, Done) is ok, target
        if not ok:
            assert isinstance(step, Failed) and isinstance(step.error, errors.RealmRefusedError)
        moved = [r for r in world.received if r.url.startswith("https://auth2.test")]
        assert all("authorization" not in r.headers for r in moved)  # Basic does not follow to another origin


def test_a_401_without_a_challenge_on_a_cached_token_uses_the_known_one() -> None:
    state = {"token": "good"}
    tokens = iter(["good", "fresh"])
    world = World()
    world.add(
        ROOT,
        registry(
            lambda r: None if "authorization" in r.headers else BEARER,
            lambda r: r.headers.get("Authorization") == f"Bearer {state['token']}",
        ),
    )
    world.add(AUTH, token_server(lambda request: json_response(json.dumps({"token": next(tokens)}))))
    session, _ = world.drive(Session(ROOT), manifest())
    state["token"] = "fresh"
    session, step = world.drive(session, manifest())
    assert isinstance(step, Done) and session.tokens[-1].token == "fresh"
    _, step = World(servers={k: registry(None, lambda r: False) for k in world.servers}).drive(
        Session(ROOT), manifest()
    )
    assert isinstance(step, Failed) and isinstance(step.error, errors.UnauthorizedError)


# -- the loop's contract ----------------------------------------------------------------------------------------


def test_token_steps_are_marked() -> None:
    world = bearer_world()
    upload = Request("PATCH", ROOT + "/v2/a/blobs/uploads/1", body_length=5, scopes=PUSH)
    session, step = Session(ROOT).start(upload, now=0.0)
    assert isinstance(step, Send) and not step.token and step.request is upload
    session, step = session.receive(step.request, world.send(step.request), now=0.0)
    assert isinstance(step, Send) and step.token and step.request.body is None
    session, step = session.receive(step.request, world.send(step.request), now=0.0)
    assert isinstance(step, Send) and not step.token and step.request.body_length == 5


def test_concurrent_flows_get_their_own_requests_back() -> None:
    world = bearer_world()
    session = Session(ROOT)
    first, second = manifest(url=ROOT + "/v2/a/blobs/sha256:1"), manifest(url=ROOT + "/v2/a/blobs/sha256:2")
    session, step_1 = session.start(first, now=0.0)
    session, step_2 = session.start(second, now=0.0)
    assert isinstance(step_1, Send) and isinstance(step_2, Send)
    session, token_1 = session.receive(step_1.request, world.send(step_1.request), now=0.0)
    session, token_2 = session.receive(step_2.request, world.send(step_2.request), now=0.0)
    assert isinstance(token_1, Send) and isinstance(token_2, Send) and token_1.request == token_2.request
    # The token answers arrive in the other order: each flow still gets its own request back.
    session, retry_2 = session.receive(token_2.request, world.send(token_2.request), now=0.0)
    session, retry_1 = session.receive(token_1.request, world.send(token_1.request), now=0.0)
    assert isinstance(retry_1, Send) and retry_1.request.url == first.url
    assert isinstance(retry_2, Send) and retry_2.request.url == second.url
    session, done_1 = session.receive(retry_1.request, world.send(retry_1.request), now=0.0)
    session, done_2 = session.receive(retry_2.request, world.send(retry_2.request), now=0.0)
    assert isinstance(done_1, Done) and done_1.request is first
    assert isinstance(done_2, Done) and done_2.request is second
    assert not session.pending


def test_a_session_persists_and_resumes_mid_flow() -> None:
    world = bearer_world()
    session, step = Session(ROOT, Basic("me", "pw")).start(manifest(), now=0.0)
    assert isinstance(step, Send)
    session, step = session.receive(step.request, world.send(step.request), now=0.0)
    assert isinstance(step, Send) and step.token
    stored = pickle.dumps((session, step.request))
    resumed, request = pickle.loads(stored)
    assert resumed == session and hash(resumed) == hash(session)
    resumed, step = resumed.receive(request, world.send(request), now=0.0)
    assert isinstance(step, Send) and step.request.headers.get("Authorization") == "Bearer good"
    assert "pw" not in repr(resumed) and "good" not in repr(resumed.tokens)


def test_abandoned_flows_are_dropped_and_bounded() -> None:
    session = Session(ROOT, challenge=parse_www_authenticate(BEARER)[0])
    steps = []
    for index in range(MAX_PENDING + 5):
        session, step = session.start(manifest((str(repository_scope(f"r{index}", "pull")),)), now=0.0)
        assert isinstance(step, Send) and step.token
        steps.append(step)
    assert len(session.pending) == MAX_PENDING
    assert len(session.abandon(steps[-1].request).pending) == MAX_PENDING - 1


def test_with_credentials_drops_what_the_old_ones_obtained() -> None:
    world = bearer_world()
    session, _ = world.drive(Session(ROOT, Basic("me", "pw"), offline_token=True), manifest())
    changed = session.with_credentials(Basic("you", "pw"))
    assert changed.tokens == () and changed.refresh_token is None and changed.challenge == session.challenge


def test_the_transition_table_is_complete() -> None:
    stages = {stage for stage, _ in TRANSITIONS}
    assert stages == {"request", "retry", "token", "token_get"}
    for action in TRANSITIONS.values():
        assert action in ACTIONS
        assert hasattr(Session, "_" + action)
    assert set(ACTIONS) == set(TRANSITIONS.values())
    for stage in ("request", "retry"):
        assert {outcome for s, outcome in TRANSITIONS if s == stage} == {"redirect", "unauthorized", "other"}
    for stage in ("token", "token_get"):
        assert {outcome for s, outcome in TRANSITIONS if s == stage} == {"granted", "fallback", "redirect", "refused"}


def test_session_values_are_checked() -> None:
    for root in ("registry.test", "https://registry.test/v2/", "https://registry.test/", "ftp://x"):
        with pytest.raises(ValueError, match="root URL"):
            Session(root)
    with pytest.raises(TypeError):
        Session(ROOT, "me:pw")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Session(ROOT).start("GET /v2/", now=0.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Session(ROOT).start(manifest(), now="now")  # type: ignore[arg-type]
    assert Session("HTTPS://Registry.Test:443")._owns(ROOT + "/v2/")
