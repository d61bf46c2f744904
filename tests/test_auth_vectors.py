"""The upstream auth vectors (spec-vectors/auth/: challenges, scopes, tokens, real-world challenges).

One parametrised test per vector file, over every case. Each runner computes
two small summaries of a case: ours (what oci_core answers) and upstream's
(what the upstream test asserts). A case answered differently on purpose is
listed in ``DEVIATIONS`` (file -> case index -> our summary), with the reason
in spec-vectors/DEVIATIONS.md; the test then asserts our answer and that it
still differs from upstream's, so the list cannot go stale.

Cases about behaviour that lives in a transport (a ping over the network, an
http fallback race) are mapped onto what oci_core decides instead: the same
question asked of the pure function that answers it here.
"""

from __future__ import annotations

import calendar
import json
import re
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest

from oci_core import errors
from oci_core.auth import (
    ANONYMOUS,
    DEFAULT_CLIENT_ID,
    Basic,
    Challenge,
    Done,
    Failed,
    Grant,
    IdentityToken,
    RegistryToken,
    Scope,
    Send,
    Session,
    Step,
    Token,
    challenges_from,
    check_realm,
    merge_scopes,
    origin_of,
    parse_scope,
    parse_scopes,
    parse_www_authenticate,
    preferred_challenge,
    read_token_response,
    repository_scope,
    resolve_credentials,
    token_request,
)
from oci_core.credentials import helper_get, read_helper_get
from oci_core.http import Request, Response
from oci_core.reference import default_scheme, parse_reference, registry_host

from .auth_fakes import World, basic, final_status, form_of, json_response, query_of, registry, token_server
from .vectors import cases

Summary = Any  # a JSON-like summary of one case's answer


def attempt(run: Callable[[], Summary]) -> Summary:
    """``run()``, or the error class's name when it raises an OCIError (or ValueError, for arguments)."""
    try:
        return run()
    except errors.OCIError as error:
        return {"error": type(error).__name__}
    except ValueError as error:
        return {"error": f"ValueError: {error}"}


def params_of(challenge: Challenge) -> dict[str, str]:
    return dict(challenge.params)


def summary_of(challenge: Challenge, listed: dict[str, str] | None = None) -> Summary:
    """A challenge as upstream compares it: the scheme and the parameters (only the listed ones, if given)."""
    params: dict[str, str | None] = dict(params_of(challenge))
    if listed is not None:
        params = {name: params.get(name) for name in listed}
    return {"scheme": challenge.scheme, "parameters": params}


# -- challenge-distribution.json --------------------------------------------------------


def distribution_challenge(case: Summary) -> tuple[Summary, Summary]:
    op = case["op"]
    if op == "parse":
        found = challenges_from(case["headers"])
        ours = {
            "count": len(found),
            "challenges": [
                summary_of(c, want["parameters"]) for c, want in zip(found, case["challenges"], strict=False)
            ],
        }
        upstream = {"count": case["challenge_count"], "challenges": case["challenges"]}
        return ours, upstream
    if op == "manager_lookup":
        # The session keys what it learns by origin: the lookup finds it when the origins agree.
        challenges_from(case["headers"])
        return origin_of(case["response_url"]) == origin_of(case["lookup_url"]), case["found"]
    assert op == "filtering_manager_lookup"
    kept = [c for c in challenges_from(case["headers"]) if c.service == "keep.example.com"]
    ours = {"count": len(kept), "services": [c.service for c in kept]}
    upstream = {"count": case["challenge_count"], "services": [c["parameters"]["service"] for c in case["challenges"]]}
    return ours, upstream


# -- challenge-containerd.json ------------------------------------------------------------

CONTAINERD_SCHEMES = {"BearerAuth": "bearer", "BasicAuth": "basic", "DigestAuth": "digest"}


def containerd_challenge(case: Summary) -> tuple[Summary, Summary]:
    if case["op"] == "fuzz_seed":
        return attempt(lambda: len(challenges_from(case["headers"])) >= 0), True
    found = challenges_from(case["headers"])
    if case["compare"] == "exact":
        ours = [summary_of(c) for c in found]
        upstream = [
            {"scheme": CONTAINERD_SCHEMES[c["scheme"]], "parameters": c["parameters"]} for c in case["challenges"]
        ]
        return ours, upstream
    listed = case["challenges"][0]["parameters"]
    return summary_of(found[0], listed)["parameters"], listed


# -- challenge-oras-go.json -----------------------------------------------------------------


def oras_challenge(case: Summary) -> tuple[Summary, Summary]:
    def run() -> Summary:
        found = parse_www_authenticate(case["header"])
        if not found or found[0].scheme not in ("basic", "bearer"):
            return {"scheme": "Unknown", "params": None}
        first = found[0]
        return {"scheme": first.scheme.capitalize(), "params": params_of(first) or None}

    return attempt(run), {"scheme": case["scheme"], "params": case["params"]}


# -- challenge-regclient.json ----------------------------------------------------------------


def regclient_challenge(case: Summary) -> tuple[Summary, Summary]:
    def run() -> Summary:
        return [{"scheme": c.scheme, "params": params_of(c)} for c in parse_www_authenticate(case["input"])]

    ours = attempt(run)
    if "expect" in case:  # a fuzz seed: upstream asserts only that nothing panics
        return not (isinstance(ours, dict) and "error" in ours and ours["error"] != "InvalidChallengeError"), True
    if case["valid"]:
        return ours, case["challenges"]
    return ours, {"error": "InvalidChallengeError"}


# -- challenge-ggcr.json ------------------------------------------------------------------------


def ggcr_challenge(case: Summary) -> tuple[Summary, Summary]:
    op = case["op"]
    expected = case.get("expected", {})
    if op == "ping":
        if case["response_status"] != 401:
            # Only a 401 carries a challenge; ggcr's ping fails on any other status but 200.
            ours: Summary = {"challenge": None, "scheme": default_scheme(case["registry"])}
            upstream: Summary = {
                "challenge": None,
                "scheme": "http" if expected.get("insecure") or expected.get("error") else "https",
            }
            return ours, upstream
        chosen = preferred_challenge(challenges_from(case["headers"]))
        assert chosen is not None
        ours = {"scheme": chosen.scheme}
        upstream = {"scheme": expected["scheme"]}
        if "parameter_count" in expected:
            ours["parameter_count"] = len(chosen.params)
            upstream["parameter_count"] = expected["parameter_count"]
        return ours, upstream
    if op == "ping_fallback":
        # Which schemes may be tried: https only for a public registry, http too for a local one
        # (reference.default_scheme); trying http for any host is the caller's own --insecure choice.
        local = default_scheme(case["registry"]) == "http"
        tried = 2 if local or case["insecure_option"] else 1
        upstream_tried = 2 if case["insecure_option"] or case["expected_request_count"] == 2 else 1
        return tried, upstream_tried
    return ggcr_new_transport(case)


# -- realworld-challenges.json ----------------------------------------------------------------------

PLACEHOLDERS = {
    "<AppURL>": "https://gitea.example/",
    "<REDACTED>": "gitea.example",
    "<repo>": "owner/repo",
    "<realm>": "https://auth.example/token",
    "<service>": "registry.example",
}


def expand(text: str) -> str:
    for placeholder, value in PLACEHOLDERS.items():
        text = text.replace(placeholder, value)
    return text


def template_values(template: str) -> list[str]:
    """Every value distribution's challenge template writes: optional scope, optional error."""
    head = template.split("[", 1)[0]
    scopes = ("", ',scope="repository:a/b:pull repository:c:pull,push"')
    errors_ = ("", ',error="invalid_token"', ',error="insufficient_scope"')
    return [expand(head) + scope + error for scope in scopes for error in errors_]


def realworld(case: Summary) -> tuple[Summary, Summary]:
    values = template_values(case["headers"][0]) if case["kind"] == "server_source_template" else case["headers"]
    found = challenges_from([expand(value) for value in values])
    request = case.get("request") or ""
    url = next((part for part in expand(request).split() if "://" in part), "https://registry.example/v2/")
    ours: Summary = {"schemes": sorted({c.scheme for c in found}), "realms_accepted": True, "scopes_parse": True}
    for challenge in found:
        if challenge.scheme == "bearer" and challenge.realm is not None:
            try:
                check_realm(challenge.realm, url)
            except errors.RealmRefusedError:
                ours["realms_accepted"] = False
        for value in challenge.get_all("scope"):
            parse_scopes(value)
    if "asserted_parse" in case:
        ours["asserted"] = {name: found[0].get(name) for name in case["asserted_parse"]}
    upstream: Summary = {
        "schemes": sorted({value.split(" ", 1)[0].lower() for value in values for value in value.split(", Basic")}),
        "realms_accepted": True,
        "scopes_parse": True,
    }
    if case["registry"].startswith("Codeberg"):
        upstream["schemes"] = ["basic", "bearer"]
    if "asserted_parse" in case:
        upstream["asserted"] = case["asserted_parse"]
    return ours, upstream


# -- scopes-oras-go.json ---------------------------------------------------------------------------


def sorted_strings(scopes: Any) -> list[str]:
    return sorted(str(scope) for scope in scopes)


def oras_scopes(case: Summary) -> tuple[Summary, Summary]:
    op = case["op"]
    if op == "scope_repository":
        return attempt(lambda: str(repository_scope(case["repository"], *(case["actions"] or [])))), case["expected"]
    if op == "clean_scopes":
        return sorted_strings(merge_scopes(case["scopes"] or [])), case["expected"] or []
    if op == "clean_actions":
        actions = ",".join(case["actions"] or [])
        return list(parse_scope(f"repository:x:{actions}").actions), case["expected"] or []
    if op == "all_scopes_for_host":
        return sorted_strings(merge_scopes(case["per_host_scopes"], case["global_scopes"])), case["expected"]
    assert op == "steps"
    # oras-go carries scope hints in a context, per host and globally; here they are plain
    # tuples of scopes that the caller keeps, merged with merge_scopes.
    hosts: dict[str, tuple[Any, ...]] = {}
    global_scopes: tuple[Any, ...] = ()
    ours, upstream = [], []
    for step in case["steps"]:
        call = step["call"]
        if call == "AppendRepositoryScope":
            ref = parse_reference(step["reference"])  # oras-go keeps "foo" (no library/ prefix)
            host = registry_host(ref.domain)
            wanted = [action for action in step["actions"] if action]
            if wanted:
                hosts[host] = merge_scopes(hosts.get(host, ()), [repository_scope(ref.path, *wanted)])
        elif call == "WithScopes":
            global_scopes = merge_scopes(step["scopes"] or [])
        elif call == "AppendScopes":
            global_scopes = merge_scopes(global_scopes, step["scopes"])
        elif call == "WithScopesForHost":
            hosts[step["host"]] = merge_scopes(step["scopes"] or [])
        elif call == "AppendScopesForHost":
            hosts[step["host"]] = merge_scopes(hosts.get(step["host"], ()), step["scopes"])
        elif call == "GetScopes":
            ours.append(sorted_strings(global_scopes))
            upstream.append(step["expected"] or [])
        else:
            assert call == "GetScopesForHost"
            ours.append(sorted_strings(hosts.get(step["host"], ())))
            upstream.append(step["expected"] or [])
    return ours, upstream


# -- scopes-containerd.json --------------------------------------------------------------------------


def containerd_scopes(case: Summary) -> tuple[Summary, Summary]:
    op = case["op"]
    if op == "repository_scope":
        path = case["locator"].split("/", 1)[1]
        actions = ("pull", "push") if case["push"] else ("pull",)
        return str(repository_scope(path, *actions)), case["expected"]
    if op == "get_token_scopes":
        return sorted_strings(merge_scopes(case["scopes_in_context"], case["common_scopes"])), case["expected"]
    assert op == "steps"
    held: tuple[Any, ...] = ()
    ours: Summary = None
    upstream: Summary = None
    for step in case["steps"]:
        if step["call"] == "WithScope":
            held = merge_scopes(held, [step["scope"]])
        elif step["call"] == "ContextWithAppendPullRepositoryScope":
            held = merge_scopes(held, [repository_scope(step["repository"], "pull")])
        else:
            ours = sorted_strings(merge_scopes(held, step["common_scopes"]))
            upstream = step["expected"]
    return ours, upstream


# -- sessions against scripted servers (tests/auth_fakes.py) ---------------------------------------------

REGISTRY = "https://registry.test"
AUTH = "https://auth.test"


def session_summary(session: Session, step: Step) -> Summary:
    if isinstance(step, Failed):
        return {"error": type(step.error).__name__, "status": final_status(step)}
    assert isinstance(step, Done)
    return {"status": step.response.status}


def authorization_of(request: Request) -> str:
    return request.headers.get("Authorization") or ""


def ggcr_new_transport(case: Summary) -> tuple[Summary, Summary]:
    test, expected = case["test"], case["expected"]
    if test == "TestTransportBadAuth":
        # go-containerregistry's Authenticator failing is, here, a credential helper failing.
        failing = attempt(lambda: read_helper_get(helper_get("broken", "localhost:8080"), b"boom", 1))
        return {"error": "error" in failing}, {"error": expected["error"]}
    if test == "TestTransportAlwaysTriesHttps":
        # No probing here: the scheme is the caller's, and reference.default_scheme says http for localhost.
        return {"https_first": default_scheme("localhost:8080") == "https"}, {
            "https_first": expected["tls_server_contacted"]
        }
    https = test == "TestTransportSelectionAnonymous"
    root = ("https" if https else "http") + "://localhost:8080"
    # The https ping that falls back to http is the caller's business (default_scheme): skipped.
    script = [entry for entry in case["exchange"] if not entry.get("request", "").startswith("GET https://")]
    answers = iter(script)
    token_requests: list[Request] = []

    def scripted(request: Request) -> Response:
        entry = next(answers, None)
        if entry is None:
            return Response(200)
        if entry.get("request") == "token request":
            token_requests.append(request)
        headers = [("WWW-Authenticate", value) for value in entry.get("headers", [])]
        return Response(entry["response_status"], headers, (entry.get("response_body") or "").encode())

    world = World()
    world.add(root, scripted)
    world.add("http://foo.io", scripted)
    session = Session(root, Basic("foo", "bar"))
    request = Request("GET", f"{root}/v2/user/image/manifests/latest", scopes=tuple(case["scopes"]))
    session, step = world.drive(session, request)
    if "error" in expected or "error_contains" in expected:
        ours: Summary = {"error": isinstance(step, Failed)}
        upstream: Summary = {"error": True}
        if "error_contains" in expected:
            assert isinstance(step, Failed)
            ours["message"] = expected["error_contains"] in str(step.error)
            upstream["message"] = True
        return ours, upstream
    last = world.to(root)[-1]
    kind = {"Bearer": "bearerTransport", "Basic": "basicTransport"}.get(authorization_of(last).split(" ")[0], "any")
    ours = {"transport": kind, "status": final_status(step)}
    upstream = {"transport": expected["transport"], "status": 200}
    if "second_request_scheme" in expected:
        ours["scheme"] = urlsplit(last.url).scheme
        upstream["scheme"] = expected["second_request_scheme"]
    for entry in script:
        if "expect_request" in entry:
            token = token_requests[0]
            query = query_of(token)
            ours["token_request"] = {
                "authorization_prefix": authorization_of(token)[:6],
                "scope": query.get("scope", [""])[0],
                "service": query.get("service", [""])[0],
            }
            want = entry["expect_request"]
            upstream["token_request"] = {"authorization_prefix": want["authorization_prefix"], **want["form_value"]}
    return ours, upstream


# -- token-distribution.json -----------------------------------------------------------------------------


def distribution_credentials(case: Summary) -> Any:
    handler = case.get("token_handler", {})
    creds = handler.get("credentials") or case.get("credentials")
    if not creds:
        return ANONYMOUS
    if "refresh_tokens" in creds:
        return IdentityToken(next(iter(creds["refresh_tokens"].values())))
    return Basic(creds["username"], creds["password"])


def distribution_scopes(case: Summary) -> tuple[str, ...]:
    handler = case.get("token_handler", {})
    if "repository" in handler:
        return (str(repository_scope(handler["repository"], *handler["actions"])),)
    return tuple(str(Scope(s["type"], s["name"], tuple(sorted(s["actions"])))) for s in handler.get("scopes", ()))


def accepts(expected: str, credentials: Any = None) -> Callable[[Request], bool]:
    """A registry's acceptance test from upstream's spelling of the header it wants."""
    if expected.startswith("Basic base64("):
        user, _, password = expected[len("Basic base64(") : -1].partition(":")
        if (user, password) == ("username", "password") and isinstance(credentials, dict):
            return lambda request: authorization_of(request) == basic(credentials["username"], credentials["password"])
        return lambda request: authorization_of(request) == basic(user, password)
    return lambda request: authorization_of(request) == expected


def token_request_summary(request: Request) -> Summary:
    summary: Summary = {"method": request.method, "path": urlsplit(request.url).path}
    if request.method == "GET":
        summary["query"] = query_of(request)
    else:
        summary["body"] = (request.body or b"").decode()
    return summary


def distribution_session(case: Summary) -> tuple[Summary, Summary]:
    op = case["op"]
    if op == "spec_example":
        return distribution_spec_example(case)
    credentials = distribution_credentials(case)
    challenge = case["challenge"].replace("<token server>", AUTH)
    counters: dict[str, int] = {}
    responses = case.get("token_responses") or [case.get("token_response")]
    clock = {"now": 0.0}
    t0 = 1_700_000_000.0

    def answer(request: Request) -> Response:
        index = min(counters.get("token_requests", 1) - 1, len(responses) - 1)
        body = responses[index] or "{}"
        if "<T0" in body:
            offset = 0 if index == 0 else 3000
            stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t0 + offset)) + ".000000000Z"
            body = re.sub(r"<T0[^>]*>", stamp, body)
        return json_response(body)

    world = World()
    # The clock cases' registry takes the token their server issues (upstream's test server does).
    wanted = case.get("registry_accepts", "Bearer statictoken")
    world.add(REGISTRY, registry(challenge, accepts(wanted), ok=202))
    world.add(AUTH, token_server(answer, counters=counters))
    session = Session(REGISTRY, credentials, client_id="registry-client")
    path = case.get("request", "GET /v2/hello").split(" ", 1)[1]
    request = Request("GET", REGISTRY + path, scopes=distribution_scopes(case))
    if op == "session_clock":
        ours_counts, upstream_counts = [], []
        for at in case["requests"]:
            now = t0 + at.get("at_seconds", at.get("at_seconds_after_T0", 0))
            session, step = world.drive(session, request, now=now)
            ours_counts.append((counters.get("token_requests", 0), final_status(step)))
            upstream_counts.append((at["expected_token_exchanges"], 202))
        return ours_counts, upstream_counts
    session, step = world.drive(session, request, now=clock["now"])
    asked = world.to(AUTH)
    ours: Summary = {"status": final_status(step)}
    upstream: Summary = {"status": case["expected_status"]}
    if "token_request" in case:
        ours["token_request"] = token_request_summary(asked[0]) if asked else None
        want = case["token_request"]
        upstream["token_request"] = {key: want[key] for key in ("method", "path", "query", "body") if key in want}
        if "authorization" in want:
            ours["token_authorization"] = authorization_of(asked[0])
            upstream["token_authorization"] = basic(credentials.username, credentials.password)
    if "expected_refresh_token_after" in case:
        ours["refresh"] = session.refresh_token
        upstream["refresh"] = next(iter(case["expected_refresh_token_after"].values()))
    return ours, upstream


def distribution_spec_example(case: Summary) -> tuple[Summary, Summary]:
    kind = case["kind"]
    ours: Summary
    want: Summary
    if kind == "challenge_response":
        found = parse_www_authenticate(case["headers"]["Www-Authenticate"])[0]
        detail = case["body"]["errors"][0]["detail"]
        ours = sorted(str(scope) for scope in parse_scopes(found.get("scope") or ""))
        return ours, [f"repository:{d['Name']}:pull,push" for d in detail[:1]]
    if kind == "token_request":
        parts = urlsplit(case["url"])
        want = parse_qs(parts.query)
        ask = token_request(
            f"{parts.scheme}://{parts.netloc}{parts.path}",
            service=want["service"][0],
            scopes=parse_scopes(" ".join(want["scope"])),
            credentials=ANONYMOUS,
        )
        return query_of(ask), want
    if kind == "token_response":
        issued = calendar.timegm(time.strptime(case["body"]["issued_at"], "%Y-%m-%dT%H:%M:%SZ"))
        ask = token_request(
            "https://auth.docker.io/token", service="registry.docker.io", scopes=(), credentials=ANONYMOUS
        )
        token = read_token_response(ask, json_response(json.dumps(case["body"])), now=issued + 10)
        ours = {"token": token.token, "expires_at": token.expires_at}
        return ours, {"token": case["body"]["token"], "expires_at": issued + case["body"]["expires_in"]}
    want = dict(parse_qsl(case["body"]))
    if kind == "oauth_password_grant":
        credentials: Any = Basic(want["username"], want["password"])
        grant: Grant = "password"
    else:
        credentials, grant = IdentityToken(want["refresh_token"]), "refresh_token"
    ask = token_request(
        case["url"],
        service=want["service"],
        scopes=parse_scopes(want.get("scope", "")),
        credentials=credentials,
        grant=grant,
        client_id=want["client_id"],
        offline_token=want.get("access_type") == "offline",
    )
    ours = {"form": form_of(ask)}
    upstream: Summary = {"form": want}
    body = case["response_body"]
    answer = attempt(
        lambda: (
            read_token_response(
                ask, json_response(json.dumps(body) if isinstance(body, dict) else body), now=0.0
            ).refresh_token
        )
    )
    ours["refresh_token"] = answer
    upstream["refresh_token"] = body["refresh_token"] if isinstance(body, dict) else {"error": "TokenResponseError"}
    return ours, upstream


# -- token-oras-go.json ------------------------------------------------------------------------------------


def oras_credentials(credential: Summary | None) -> Any:
    if not credential:
        return ANONYMOUS
    if "access_token" in credential:
        return RegistryToken(credential["access_token"])
    if "refresh_token" in credential:
        return IdentityToken(credential["refresh_token"])
    return Basic(credential["username"], credential["password"])


def oras_client_do(case: Summary) -> tuple[Summary, Summary]:
    op = case["op"]
    if op == "static_credential":
        # oras-go's StaticCredentialFunc answers for one registry's host; a Session owns one origin.
        session = Session("https://" + registry_host(case["registry"]), oras_credentials(case["credential"]))
        owns = session.start(Request("GET", f"https://{case['target']}/v2/"), now=0.0)[1]
        kind = "credential" if isinstance(owns, Send) and session._owns(owns.request.url) else "EmptyCredential"
        return kind, "EmptyCredential" if case["expected"] == "EmptyCredential" else "credential"
    if op == "fetch_basic_auth":
        world = World()
        world.add(REGISTRY, registry('Basic realm="Test Server"', lambda request: False))
        _, step = world.drive(Session(REGISTRY), Request("GET", REGISTRY + "/"))
        return isinstance(step, Failed), True
    if op == "static_credential_do":
        return oras_static_do(case)
    state: dict[str, Any] = {
        "credential": dict(case.get("credential") or {}),
        "registry": dict(case["registry"]),
        "token": case.get("server_access_token", "test/access/token"),
    }
    counters: dict[str, int] = {}
    server = case.get("token_server", {})
    mismatches: list[str] = []

    def registry_handler(request: Request) -> Response:
        counters["registry_requests"] = counters.get("registry_requests", 0) + 1
        wanted = state["registry"]["accepts"]
        if wanted.startswith("Bearer"):
            good = authorization_of(request) == f"Bearer {state['token']}"
            if isinstance(oras_credentials(state["credential"]), RegistryToken):
                good = authorization_of(request) == f"Bearer {state['credential']['access_token']}"
        elif "test_user:test_password" in wanted:
            good = authorization_of(request) == basic("test_user", "test_password")
        else:
            good = authorization_of(request) == basic(
                state["credential"].get("username", ""), state["credential"].get("password", "")
            )
        if good:
            counters["successful_requests"] = counters.get("successful_requests", 0) + 1
            return Response(200)
        challenge = state["registry"]["challenge"].replace("{realm}", AUTH + "/").replace("{service}", "registry.test")
        return Response(401, {"WWW-Authenticate": challenge})

    def token_handler(request: Request) -> Response:
        counters["token_requests"] = counters.get("token_requests", 0) + 1
        if server.get("must_not_be_called"):
            mismatches.append("token server called")
            return Response(500)
        if request.method != server.get("method", request.method):
            return Response(405)
        creds = state["credential"]
        if "on_wrong_basic_credentials" in server and authorization_of(request) != basic("test_user", "test_password"):
            return Response(server["on_wrong_basic_credentials"]["status"])
        if "expect_authorization" in server:
            want = server["expect_authorization"]
            if want.startswith("Basic"):
                want = basic(creds["username"], creds["password"])
            if authorization_of(request) != want:
                mismatches.append(f"authorization {authorization_of(request)!r}")
                return Response(401)
        for key, want in server.get("expect_query", {}).items():
            values = query_of(request).get(key, [])
            want_list = [w.replace("{service}", "registry.test") for w in (want if isinstance(want, list) else [want])]
            if sorted(values) != sorted(want_list):
                mismatches.append(f"query {key} {values}")
        for key, expected in server.get("expect_form", {}).items():
            text = expected.replace("{service}", "registry.test").replace("{registry URL}", REGISTRY)
            text = {"<username>": creds.get("username"), "<password>": creds.get("password")}.get(text, text)
            got = form_of(request).get(key)
            if key == "scope" and got is not None:
                if sorted(got.split(" ")) != sorted(text.split(" ")):
                    mismatches.append(f"form scope {got!r}")
                state["form_scope"] = got
            elif got != text:
                mismatches.append(f"form {key} {got!r}")
        return json_response(server.get("response_body", "{}").replace("<access token>", state["token"]))

    world = World()
    world.add(REGISTRY, registry_handler)
    world.add(AUTH, token_handler)

    def fresh() -> Session:
        return Session(
            REGISTRY,
            oras_credentials(state["credential"]),
            client_id="oras-go",
            oauth2=bool(case.get("force_attempt_oauth2")),
        )

    session = fresh()
    request = Request("GET", REGISTRY + "/", scopes=tuple(case.get("scope_hints", ())))
    ours: list[Summary] = []
    upstream: list[Summary] = []
    for step_case in case["steps"]:
        change = step_case.get("change", {})
        if "registry" in change:
            state["registry"] = change["registry"]
        if "server_access_token" in change:
            state["token"] = change["server_access_token"]
        credential_change = {
            key: value for key, value in change.items() if key not in ("registry", "server_access_token")
        }
        if credential_change:
            state["credential"] = credential_change
            session = session.with_credentials(oras_credentials(credential_change))
        if not case.get("cache"):
            session = fresh()
        counters.clear()
        session, step = world.drive(session, request)
        summary: Summary = {
            "registry_requests": counters.get("registry_requests", 0),
            "successful_requests": counters.get("successful_requests", 0),
        }
        want = step_case["expected"]
        if "error" in want:
            summary["error"] = isinstance(step, Failed) and not isinstance(step.error, errors.UnauthorizedError)
        else:
            summary["status"] = final_status(step)
        if "token_requests" in want:
            summary["token_requests"] = counters.get("token_requests", 0)
        if "form_scope" in state:
            summary["form_scope"] = state.pop("form_scope")
        ours.append(summary)
        expected = {key: want[key] for key in want if key in summary}
        if "form_scope" in summary:
            expected["form_scope"] = server["expect_form"]["scope"]
        upstream.append(expected)
    assert not mismatches, mismatches
    return ours, upstream


def oras_static_do(case: Summary) -> tuple[Summary, Summary]:
    ours: list[Summary] = []
    upstream: list[Summary] = []
    for entry in case["credentials"]:
        credentials = oras_credentials(entry["credential"])
        world = World()
        world.add(
            REGISTRY,
            registry(
                case["challenge"].replace("{realm}", AUTH + "/").replace("{registry URL}", REGISTRY),
                accepts(case["registry_accepts"]),
            ),
        )

        def answer(request: Request) -> Response:
            form = form_of(request)
            if (
                case.get("token_server", {}).get("must_not_be_called")
                or form.get("refresh_token") != "test/refresh/token"
            ):
                return Response(401)
            return json_response('{"access_token":"test/access/token"}')

        world.add(AUTH, token_server(answer))
        _, step = world.drive(Session(REGISTRY, credentials), Request("GET", REGISTRY + "/"))
        if "expected_error" in entry:
            ours.append({"error": isinstance(step, Failed)})
            upstream.append({"error": True})
        else:
            ours.append({"status": final_status(step)})
            upstream.append({"status": entry["expected_status"]})
    return ours, upstream


# -- token-containerd.json ---------------------------------------------------------------------------------


def containerd_token(case: Summary) -> tuple[Summary, Summary]:
    if case["op"] == "generate_token_options":
        params = case["challenge"]["parameters"]
        value = "Bearer " + ",".join(f'{key}="{text}"' for key, text in params.items())
        world = World()
        world.add(REGISTRY, registry(value, lambda request: False))
        world.add("https://test-realm.com", token_server(lambda request: json_response('{"token":"t"}')))
        session, step = Session(REGISTRY, Basic(case["username"], case["secret"])).start(
            Request("GET", REGISTRY + "/v2/"), now=0.0
        )
        session, step = session.receive(step.request, world.send(step.request), now=0.0)
        if "expected_error" in case:
            return {"error": isinstance(step, Failed)}, {"error": True}
        assert isinstance(step, Send) and step.token
        query = query_of(step.request)
        ours = {
            "realm": step.request.url.split("?")[0],
            "service": query.get("service", [""])[0],
            "scopes": query.get("scope", []),
            "username": step.request.headers.get("Authorization") == basic(case["username"], case["secret"]),
        }
        expected = case["expected"]
        upstream = {
            "realm": expected["realm"],
            "service": expected["service"],
            "scopes": expected["scopes"],
            "username": True,
        }
        return ours, upstream
    return containerd_resolve(case)


def containerd_resolve(case: Summary) -> tuple[Summary, Summary]:
    creds = case["credentials"] or {}
    secret = creds.get("password", creds.get("secret", ""))
    username = creds.get("username", "")
    if username.startswith("<"):
        username, secret = "user", "pass"
    if username:
        credentials: Any = Basic(username, secret)
    elif secret:
        credentials = IdentityToken(secret)
    else:
        credentials = ANONYMOUS
    challenge = (
        case["registry_challenge"].replace("<token server>", "auth.test").replace("<registry host>", "auth.test")
    )
    server = case["token_server"] or {}
    token = "perfectlyvalidopaquetoken"

    def registry_handler(request: Request) -> Response:
        if challenge.startswith("Basic"):
            if not authorization_of(request):
                return Response(401, {"WWW-Authenticate": challenge})
            if authorization_of(request) == basic("totallyvaliduser", "totallyvalidpassword") or authorization_of(
                request
            ) == basic("user1", "password1"):
                return Response(200)
            return Response(403, body=b'{"errors":[{"code":"DENIED"}]}')
        if authorization_of(request) == f"Bearer {token}":
            return Response(200)
        sent = authorization_of(request).removeprefix("Bearer ")
        return Response(401, {"WWW-Authenticate": challenge + (f',error="{sent}"' if sent else "")})

    def token_handler(request: Request) -> Response:
        if "GET" in server or "POST" in server:  # TestFetchRefreshToken
            rules = server.get(request.method)
            if not isinstance(rules, dict):
                return Response(405)
            if request.method == "POST":
                form = form_of(request)
                if form.get("grant_type") != "password":
                    return Response(400)
                refresh = form.get("access_type") == "offline"
                return json_response(
                    json.dumps({"access_token": token, **({"refresh_token": "r3fr3sh"} if refresh else {})})
                )
            refresh = query_of(request).get("offline_token") == ["true"]
            return json_response(
                json.dumps({"token": token, "access_token": token, **({"refresh_token": "r3fr3sh"} if refresh else {})})
            )
        if request.method not in server["accepts"]:
            return Response(server["other_methods"])
        if "expect_form" in server:
            form = form_of(request)
            if any(form.get(key) != value for key, value in server["expect_form"].items() if not value.startswith("<")):
                return Response(400)
        if "expect_basic" in server and authorization_of(request) != basic(*server["expect_basic"]):
            return json_response(server.get("response_body_without_credentials", "{}"))
        return json_response(server["response_body"])

    world = World()
    world.add(REGISTRY, registry_handler)
    world.add("https://auth.test", token_handler)
    session = Session(
        REGISTRY,
        credentials,
        client_id="containerd-client",
        oauth2=True,
        offline_token=bool(creds.get("with_fetch_refresh_token_callback")),
    )
    name = case["image"].split("/", 1)[1].split(":")[0]
    request = Request("GET", f"{REGISTRY}/v2/{name}/manifests/latest", scopes=(str(repository_scope(name, "pull")),))
    session, step = world.drive(session, request)
    expected = case["expected"]
    ours: Summary = {"resolved": isinstance(step, Done) and step.response.status == 200}
    upstream: Summary = {"resolved": bool(expected.get("resolved"))}
    if "status" in expected:
        ours["status"] = final_status(step)
        upstream["status"] = expected["status"]
    if "error_is" in expected:
        ours["error"] = type(step.error).__name__ if isinstance(step, Failed) else None
        upstream["error"] = "UnauthorizedError"
    if expected.get("callback_received_refresh_token"):
        ours["refresh_token"] = session.refresh_token is not None
        upstream["refresh_token"] = True
    return ours, upstream


# -- token-regclient.json ------------------------------------------------------------------------------------


def regclient_token(case: Summary) -> tuple[Summary, Summary]:
    if case["op"] == "handle_response":
        return regclient_handle_response(case)
    return regclient_bearer_steps(case)


def regclient_handle_response(case: Summary) -> tuple[Summary, Summary]:
    server = "http://registry.test"
    response_case = case["response"]
    url = response_case.get("url", server + "/").replace("<server>", "registry.test")
    values = [
        v.replace("<server host:port>", "registry.test").replace("<server>", "registry.test")
        for v in response_case["headers"]["WWW-Authenticate"]
    ]
    creds = case["auth_options"].get("creds")
    credentials = Basic(creds["user"], creds["password"]) if creds else ANONYMOUS
    root = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    scopes: tuple[str, ...] = ()
    if "add_scope" in case:
        scopes = (case["add_scope"]["scope"],)
    session = Session(root, credentials, client_id=case["auth_options"].get("client_id", DEFAULT_CLIENT_ID))
    request = Request("GET", url, scopes=scopes)
    session, step = session.start(request, now=0.0)
    session, step = session.receive(step.request, Response(401, [("WWW-Authenticate", v) for v in values]), now=0.0)
    for want in case.get("token_requests", ()):
        assert isinstance(step, Send) and step.token, step
        got = {
            "method": step.request.method,
            "path": urlsplit(step.request.url).path,
            "query": {"scope": query_of(step.request).get("scope")},
            "authorization": authorization_of(step.request),
        }
        assert got == {
            "method": want["method"],
            "path": want["path"],
            "query": want["query"],
            "authorization": want["headers"]["Authorization"].replace("base64(user:pass)", basic("user", "pass")[6:]),
        }, got
        body = dict(want["response_body"])
        body["issued_at"] = "2023-11-14T22:13:20Z"
        session, step = session.receive(step.request, json_response(json.dumps(body)), now=1_700_000_000.0)
    if isinstance(step, Failed):
        ours = {"error": type(step.error).__name__}
    else:
        assert isinstance(step, Send)
        ours = {"authorization": authorization_of(step.request)}
    for key, error in (
        ("expected_handle_response_error", "UnauthorizedError"),
        ("expected_update_request_error", "RealmRefusedError"),
    ):
        if key in case:
            return ours, {"error": error}
    want_header = case["expected_authorization"].replace("base64(user:pass)", basic("user", "pass")[6:])
    return ours, {"authorization": want_header}


def regclient_bearer_steps(case: Summary) -> tuple[Summary, Summary]:
    creds = case["creds"]
    credentials: Any = IdentityToken(creds["token"]) if "token" in creds else Basic(creds["user"], creds["password"])
    session = Session("http://registry.test", credentials, client_id=case["user_agent"])
    now = 1_700_000_000.0
    wanted: list[str] = []
    ours, upstream = [], []
    for step_case in case["steps"]:
        call = step_case["call"]
        if call == "AddScope":
            before = merge_scopes(wanted)
            wanted.append(step_case["scope"])
            ours.append({"new_scope": merge_scopes(wanted) != before})
            upstream.append({"new_scope": step_case["expected_error"] is None})
        elif call == "ProcessChallenge":
            session = replace(
                session,
                challenge=parse_www_authenticate(step_case["challenge"].replace("<server>", "registry.test"))[0],
            )
        elif call.startswith("set token issued_at"):
            now += 900
        else:
            request = Request("GET", "http://registry.test/v2/project/manifests/latest", scopes=tuple(wanted))
            session, step = session.start(request, now=now)
            summary: Summary = {}
            expected_summary: Summary = {}
            if "token_request" in step_case:
                assert isinstance(step, Send) and step.token, step
                summary["token_request"] = token_request_summary(step.request)
                want = step_case["token_request"]
                expected_summary["token_request"] = {
                    key: want[key] for key in ("method", "path", "body") if key in want
                }
                if want["method"] == "GET":
                    summary["token_request"] = {
                        "method": "GET",
                        "path": summary["token_request"]["path"],
                        "scope": query_of(step.request).get("scope"),
                    }
                    expected_summary["token_request"] = {
                        "method": "GET",
                        "path": want["path"],
                        "scope": want["query"]["scope"],
                    }
                body = dict(step_case["token_response"])
                shift = {"<now>": 0, "<now - 900s>": -900, "<now + 900s>": 900}[body["issued_at"]]
                body["issued_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now + shift))
                session, step = session.receive(step.request, json_response(json.dumps(body)), now=now)
            assert isinstance(step, Send) and not step.token, step
            session = session.abandon(step.request)
            summary["authorization"] = authorization_of(step.request)
            expected_summary["authorization"] = step_case["expected_authorization"]
            token = session.tokens[-1]
            summary["expired"] = not token.valid_at(now)
            expected_summary["expired"] = step_case["expected_expired"]
            if "expected_expires_in_at_least" in step_case:
                summary["lifetime_ok"] = token.expires_at - token.issued_at >= 60 and token.issued_at <= now
                expected_summary["lifetime_ok"] = True
            ours.append(summary)
            upstream.append(expected_summary)
    return ours, upstream


# -- token-ggcr.json ---------------------------------------------------------------------------------------------


def ggcr_token(case: Summary) -> tuple[Summary, Summary]:
    op = case["op"]
    if op == "validate_realm":
        registry_url = ("http://" if case["insecure"] else "https://") + (case["registry_host"] or "registry.invalid")

        def run() -> bool:
            check_realm(case["realm"], registry_url + "/v2/")
            return True

        return attempt(run) is True, case["valid"]
    if op == "canonical_address":
        address = case["address"]
        got = attempt(lambda: origin_of(f"{case['scheme']}://{address}").split("://", 1)[1])
        return got, case["expected"]
    if op == "scheme_override":
        # Nothing rewrites schemes here: a request goes where its URL says (the caller chose the
        # registry's scheme when it built the root URL), and the token server keeps its own.
        _, step = Session(f"{case['scheme']}://{case['registry']}").start(Request("GET", case["request_url"]), now=0.0)
        assert isinstance(step, Send)
        return urlsplit(step.request.url).scheme, case["expected_scheme"]
    if op == "refresh":
        return ggcr_refresh(case)
    if op == "basic_transport":
        return ggcr_basic_transport(case)
    return ggcr_round_trip(case)


def ggcr_refresh(case: Summary) -> tuple[Summary, Summary]:
    if case["test"] == "TestTokenServerRedirectSSRF":
        ours = attempt(lambda: check_realm(case["realm"].replace("<port>", "5001"), "https://registry.example.com/v2/"))
        return {"error": isinstance(ours, dict)}, {"error": case["expected"]["error"]}
    world = World()
    world.add(
        "https://my-service.io",
        registry(
            f'Bearer realm="{AUTH}/token",service="my-service.io"',
            lambda r: authorization_of(r) == "Bearer Sup3rDup3rS3cr3tz",
        ),
    )
    seen: list[Request] = []

    def answer(request: Request) -> Response:
        seen.append(request)
        return json_response(case["response_body"])

    world.add(AUTH, token_server(answer))
    _, step = world.drive(
        Session("https://my-service.io", Basic("foo", "bar")),
        Request("GET", "https://my-service.io/v2/", scopes=tuple(case["scopes"])),
    )
    query = query_of(seen[0])
    ours = {
        "error": isinstance(step, Failed),
        "authorization_prefix": authorization_of(seen[0])[:6],
        "scope": query.get("scope", [""])[0],
        "service": query.get("service", [""])[0],
    }
    want = case["expect_request"]
    return ours, {
        "error": case["expected"]["error"],
        "authorization_prefix": want["authorization_prefix"],
        **want["form_value"],
    }


def ggcr_basic_transport(case: Summary) -> tuple[Summary, Summary]:
    described = case["credentials"]
    if described == "authenticator that fails":
        failing = attempt(lambda: read_helper_get(helper_get("broken", "gcr.io"), b"boom", 1))
        return {"error": "error" in failing}, {"error": True}
    if described.startswith("AuthConfig{Auth:"):
        config = json.dumps({"auths": {"gcr.io": {"auth": described.split(": ", 1)[1].rstrip("}")}}}).encode()
        answer = attempt(lambda: resolve_credentials(config, "gcr.io"))
        return answer, {"authorization": case["expected_authorization"]}
    if described.startswith("AuthConfig{RegistryToken:"):
        credentials: Any = RegistryToken(described.split(": ", 1)[1].rstrip("}"))
    elif described == "Anonymous":
        credentials = ANONYMOUS
    else:
        credentials = Basic("foo", "bar")
    world = World()
    world.add("https://gcr.io", registry(None, lambda request: True))
    # basicTransport is chosen after a Basic ping: the session knows the challenge.
    session = Session("https://gcr.io", credentials, challenge=parse_www_authenticate("Basic")[0])
    if "steps" in case:
        sent = []
        for entry in case["steps"]:
            request = Request("GET", entry["request"].split(" ", 1)[1].replace("http://", "https://"))
            session, step = session.start(request, now=0.0)
            assert isinstance(step, Send)
            sent.append(authorization_of(step.request))
        return sent, [basic(*entry["expect_basic"]) for entry in case["steps"]]
    _, step = session.start(Request("GET", "https://gcr.io/v2/"), now=0.0)
    assert isinstance(step, Send)
    if "expected_authorization_header_present" in case:
        return "authorization" in step.request.headers, case["expected_authorization_header_present"]
    return {"authorization": authorization_of(step.request)}, {"authorization": case["expected_authorization"]}


def outcome(step: Step) -> Summary:
    """The final status of a flow, or the class of the error it failed with."""
    if isinstance(step, Failed):
        return type(step.error).__name__
    return final_status(step)


def ggcr_round_trip(case: Summary) -> tuple[Summary, Summary]:
    test = case["test"]
    ours: Summary
    upstream: Summary
    expected = case.get("expected", {})
    if test == "TestBearerTransport":
        world = World()
        world.add(
            "http://registry.test",
            lambda request: {
                "/v2/auth": Response(301, {"Location": "/redirect"}),
                "/v2/foo/bar/blobs/blah": Response(302, {"Location": "http://blob.test/"}),
            }.get(urlsplit(request.url).path, Response(200)),
        )
        world.add("http://blob.test", lambda request: Response(200))
        session = Session("http://registry.test", RegistryToken("sdkjhfskjdhfkjshdf"))
        for path in ("/v2/auth", "/v2/foo/bar/blobs/blah"):
            session, step = world.drive(session, Request("GET", "http://registry.test" + path))
        ours = [(urlsplit(r.url).netloc + urlsplit(r.url).path, authorization_of(r)) for r in world.received]
        upstream = [
            (
                entry["request"]
                .split(" ", 1)[1]
                .replace("http://<registry>", "registry.test")
                .replace("http://<blob server>", "blob.test/"),
                entry["expect_authorization"],
            )
            for entry in case["steps"]
        ]
        return ours, upstream
    if test == "TestBearerTransportOauthRefresh":
        world = World()
        world.add(REGISTRY, registry("scope=foo", lambda request: authorization_of(request) == "Bearer bar"))
        world.add(
            AUTH,
            token_server(
                lambda request: (
                    json_response(case["response_body"])
                    if form_of(request).get("refresh_token") == "foo"
                    else Response(401)
                ),
                methods=("POST",),
            ),
        )
        session = Session(
            REGISTRY, IdentityToken("foo"), challenge=parse_www_authenticate(f'Bearer realm="{AUTH}/token"')[0]
        )
        session, step = world.drive(
            session, Request("GET", REGISTRY + "/v2/foo/bar/blobs/blah", scopes=tuple(case["scopes"]))
        )
        ours = {
            "final_status": final_status(step),
            "registry_token": session.tokens[-1].token,
            "identity_token_after": session.refresh_token,
        }
        return ours, {key: expected[key] for key in ("final_status", "registry_token", "identity_token_after")}
    if test == "TestBearerTransportOauth404Fallback":
        seen: list[Request] = []

        def answer(request: Request) -> Response:
            seen.append(request)
            if request.method == "POST":
                return Response(404)
            return json_response('{"access_token": "access_token"}')

        world = World()
        world.add(
            REGISTRY,
            registry(
                f'Bearer realm="{AUTH}/token"', lambda request: authorization_of(request) == "Bearer access_token"
            ),
        )
        world.add(AUTH, answer)
        session, step = world.drive(
            Session(REGISTRY, IdentityToken("identity_token")),
            Request("GET", REGISTRY + "/v2/foo/bar/blobs/blah", scopes=tuple(case["scopes"])),
        )
        ours = {
            "final_status": final_status(step),
            "methods": [r.method for r in seen],
            "get_authorization": authorization_of(seen[-1]),
        }
        return ours, {"final_status": 200, "methods": ["POST", "GET"], "get_authorization": "Basic basic_auth"}
    if test == "TestInsufficientScope":
        world = World()
        world.add(
            "https://my-service.io",
            registry('Bearer realm="auth.test:443",scope="the-right-scope"', lambda request: False),
        )
        _, step = world.drive(
            Session("https://my-service.io", Basic("foo", "bar")),
            Request("GET", "https://my-service.io/v2/foo/bar/blobs/blah", scopes=tuple(case["scopes"])),
        )
        return {"final_status": outcome(step)}, {"final_status": expected["final_status"]}
    if test == "TestBearerTransportTokenRefresh":
        world = World()
        world.add(REGISTRY, registry("scope=foo", lambda request: authorization_of(request) == "Bearer bar"))
        world.add(AUTH, token_server(lambda request: json_response('{"token": "bar"}')))
        stale = Token("foo", expires_at=3600.0, issued_at=0.0)
        credentials: Any = RegistryToken("bar") if "authn.Bearer" in case["credentials"] else Basic("foo", "bar")
        session = Session(
            REGISTRY, credentials, challenge=parse_www_authenticate(f'Bearer realm="{AUTH}/token"')[0], tokens=(stale,)
        )
        if isinstance(credentials, RegistryToken):
            session = replace(session, credentials=Basic("foo", "bar"))
        session, step = world.drive(session, Request("GET", REGISTRY + "/v2/foo/bar/blobs/blah"))
        return {"final_status": outcome(step)}, {"final_status": expected["final_status"]}
    if test == "TestBearerTokenReappliedOnSameHostChallenge":
        world = World()
        world.add(
            REGISTRY,
            registry(
                'Bearer realm="https://token.example.com/token",service="registry"',
                lambda request: authorization_of(request) == "Bearer fresh-token",
            ),
        )
        session = Session(REGISTRY, RegistryToken("stale-token"))
        request = Request("GET", REGISTRY + "/v2/example/image/manifests/latest")
        session, step = world.drive(session, request)
        if isinstance(step, Failed):  # the caller's authenticator has a new token: new credentials
            session, step = world.drive(session.with_credentials(RegistryToken("fresh-token")), request)
        ours = {"final_status": final_status(step), "registry_requests": len(world.to(REGISTRY))}
        return ours, {"final_status": expected["final_status"], "registry_requests": expected["registry_requests"]}
    if test == "TestBearerTokenNotLeakedOnCrossHostChallenge":
        world = World()
        world.add(
            "http://attacker.test",
            registry('Bearer realm="https://token.example.com/token",service="attacker"', lambda request: False),
        )
        world.add(
            "https://token.example.com", token_server(lambda request: json_response('{"token": "attackers-own"}'))
        )
        session = Session("https://registry.example.com", RegistryToken("stale-token"))
        world.drive(session, Request("GET", "http://attacker.test/v2/example/image/manifests/latest"))
        leaked = [authorization_of(r) for r in world.to("http://attacker.test") if "stale-token" in authorization_of(r)]
        return {"authorization_received_by_other_host": "".join(leaked)}, {
            "authorization_received_by_other_host": expected["authorization_received_by_other_host"]
        }
    assert test == "TestBearerTokenExchangedOnCrossHostChallenge"
    world = World()
    world.add(
        "http://hostb.test",
        lambda request: (
            json_response('{"token": "redirected-registry-token"}')
            if urlsplit(request.url).path == "/token"
            else Response(200)
            if authorization_of(request) == "Bearer redirected-registry-token"
            else Response(
                401,
                {
                    "WWW-Authenticate": 'Bearer realm="http://hostb.test/token",service="redirected",scope="repo:foo:pull"'
                },
            )
        ),
    )
    session = Session("https://original-registry.example.com", RegistryToken("original-registry-token"))
    _, step = world.drive(
        session, Request("GET", "http://hostb.test/v2/foo/bar/manifests/latest", scopes=tuple(case["scopes"]))
    )
    token_requests = [r for r in world.received if urlsplit(r.url).path == "/token"]
    ours = {
        "final_status": final_status(step),
        "original_token_sent": any("original-registry-token" in authorization_of(r) for r in world.received),
        "token_requests": len(token_requests),
    }
    return ours, {"final_status": expected["final_status"], "original_token_sent": False, "token_requests": 1}


# -- the table of runners and deviations ----------------------------------------------------------------

RUNNERS: dict[str, Callable[[Summary], tuple[Summary, Summary]]] = {
    "auth/challenge-distribution.json": distribution_challenge,
    "auth/challenge-containerd.json": containerd_challenge,
    "auth/challenge-oras-go.json": oras_challenge,
    "auth/challenge-regclient.json": regclient_challenge,
    "auth/challenge-ggcr.json": ggcr_challenge,
    "auth/realworld-challenges.json": realworld,
    "auth/scopes-oras-go.json": oras_scopes,
    "auth/scopes-containerd.json": containerd_scopes,
    "auth/token-distribution.json": distribution_session,
    "auth/token-oras-go.json": oras_client_do,
    "auth/token-containerd.json": containerd_token,
    "auth/token-regclient.json": regclient_token,
    "auth/token-ggcr.json": ggcr_token,
}


class Steps:
    """A deviation in some steps of a stepped case: our answer is upstream's with these steps replaced."""

    def __init__(self, steps: dict[int, Summary]) -> None:
        self.steps = steps

    def applied_to(self, upstream: list[Summary]) -> list[Summary]:
        return [self.steps.get(index, summary) for index, summary in enumerate(upstream)]


# file -> case index -> our answer (reasons: spec-vectors/DEVIATIONS.md, "auth/").
DEVIATIONS: dict[str, dict[int, Summary]] = {
    "auth/challenge-oras-go.json": {
        # Parameters of a Basic challenge are kept (RFC 9110: every scheme may have them).
        2: {"scheme": "Basic", "params": {"realm": "Test Registry"}},
        # A value that breaks the grammar is an error, not the parameters read before the fault.
        11: {"error": "InvalidChallengeError"},
        12: {"error": "InvalidChallengeError"},
        13: {"error": "InvalidChallengeError"},
    },
    "auth/challenge-regclient.json": {
        # An unquoted value must be a token ('/' is not a tchar), and a scheme is never quoted.
        4: {"error": "InvalidChallengeError"},
        6: {"error": "InvalidChallengeError"},
    },
    "auth/scopes-oras-go.json": {
        # repository_scope refuses what cannot be a scope instead of answering "".
        0: {"error": "ValueError: repository_scope needs a repository name"},
        1: {"error": "ValueError: repository_scope needs at least one non-empty action"},
        2: {"error": "ValueError: repository_scope needs at least one non-empty action"},
        3: {"error": "ValueError: repository_scope needs at least one non-empty action"},
        4: {"error": "ValueError: repository_scope needs at least one non-empty action"},
    },
    "auth/scopes-containerd.json": {
        # Scopes are merged by meaning: pull and pull,push on one repository is pull,push.
        6: ["repository:foo/bar:pull,push"],
        7: ["repository:foo/bar:pull,push"],
    },
    "auth/challenge-ggcr.json": {
        # Nothing probes: the caller picks the scheme (reference.default_scheme says http for localhost).
        15: {"https_first": False},
    },
    "auth/token-oras-go.json": {
        # New credentials drop the old tokens and the session answers the challenge it already
        # knows at once: one registry request where oras-go spends a 401 first.
        1: Steps({2: {"registry_requests": 1, "successful_requests": 1, "status": 200}}),
        # A registry token (oras-go's access token) is sent with the first request.
        2: Steps(
            {
                0: {"registry_requests": 1, "successful_requests": 1, "status": 200},
                1: {"registry_requests": 1, "successful_requests": 1, "status": 200},
            }
        ),
        3: Steps(
            {
                0: {"registry_requests": 1, "successful_requests": 1, "status": 200},
                2: {"registry_requests": 1, "successful_requests": 1, "status": 200},
            }
        ),
        5: Steps({2: {"registry_requests": 1, "successful_requests": 1, "status": 200, "token_requests": 1}}),
        7: Steps(
            {
                2: {
                    "registry_requests": 1,
                    "successful_requests": 1,
                    "status": 200,
                    "token_requests": 1,
                    "form_scope": "repository:dst:pull,push repository:src:pull",
                }
            }
        ),
        # The challenged scope goes first (priority order, not sorted); the token then covers the
        # hinted scopes, so the repeated request needs no challenge.
        11: Steps(
            {
                0: {
                    "registry_requests": 2,
                    "successful_requests": 1,
                    "status": 200,
                    "token_requests": 1,
                    "form_scope": "repository:test:delete repository:dst:pull,push repository:src:pull",
                },
                1: {"registry_requests": 1, "successful_requests": 1, "status": 200, "token_requests": 0},
            }
        ),
    },
    "auth/token-containerd.json": {
        # Scopes are merged by meaning, and an empty scope parameter names no scope.
        0: {
            "realm": "https://test-realm.com",
            "service": "registry-service",
            "scopes": ["repository:foo/bar:pull,push"],
            "username": True,
        },
        2: {"realm": "https://test-realm.com", "service": "registry-service", "scopes": [], "username": True},
    },
    "auth/token-regclient.json": {
        # An unknown action is merged into its repository's scope like any other, actions sorted.
        6: Steps(
            {
                11: {
                    "token_request": {
                        "method": "POST",
                        "path": "/tokens",
                        "body": "client_id=regclient%2Ftest&grant_type=refresh_token&refresh_token=refresh-token-value"
                        "&scope=repository%3Areponame%3Apull%2Cpush+repository%3Anewrepo%3Acustom%2Cdelete&service=test",
                    },
                    "authorization": "Bearer token4",
                    "expired": False,
                    "lifetime_ok": True,
                },
                13: {
                    "token_request": {
                        "method": "POST",
                        "path": "/tokens",
                        "body": "client_id=regclient%2Ftest&grant_type=refresh_token&refresh_token=refresh-token-value"
                        "&scope=repository%3Areponame%3Apull%2Cpush+repository%3Anewrepo%3Acustom%2Cdelete%2Cpull%2Cpush"
                        "&service=test",
                    },
                    "authorization": "Bearer token5",
                    "expired": False,
                    "lifetime_ok": True,
                },
            }
        ),
    },
    "auth/token-ggcr.json": {
        # A WWW-Authenticate value that is not a challenge ("scope=foo") fails the flow.
        4: {"final_status": "InvalidChallengeError"},
        5: {"final_status": "InvalidChallengeError"},
        # The GET a refused POST falls back to carries Basic credentials only: an identity token's
        # session has none (go-containerregistry sends the config's auth field as it is).
        7: {"final_status": 200, "methods": ["POST", "GET"], "get_authorization": ""},
        # A realm without a scheme is refused (containerd refuses it too).
        8: {"final_status": "RealmRefusedError"},
        # Nothing rewrites a request's scheme: the root URL the caller built says it.
        31: "https",
        # An IPv6 address must be in brackets in a URL; a malformed host is refused.
        39: {"error": "RealmRefusedError"},
        40: {"error": "RealmRefusedError"},
        45: {"error": "RealmRefusedError"},
        # An auth field must be base64(user:password): docker refuses the file otherwise.
        48: {"error": "InvalidCredentialsError"},
    },
}


def check(relative: str, index: int, case: Summary) -> None:
    ours, upstream = RUNNERS[relative](case)
    deviation = DEVIATIONS.get(relative, {}).get(index)
    if deviation is None:
        assert ours == upstream
        return
    if isinstance(deviation, Steps):
        deviation = deviation.applied_to(upstream)
    assert deviation != upstream, "listed as a deviation, but upstream agrees"
    assert ours == deviation


def params(relative: str) -> list[Any]:
    return [pytest.param(relative, index, param.values[0], id=param.id) for index, param in enumerate(cases(relative))]


@pytest.mark.parametrize(("relative", "index", "case"), params("auth/challenge-distribution.json"))
def test_challenge_distribution(relative: str, index: int, case: Summary) -> None:
    check(relative, index, case)


@pytest.mark.parametrize(("relative", "index", "case"), params("auth/challenge-containerd.json"))
def test_challenge_containerd(relative: str, index: int, case: Summary) -> None:
    check(relative, index, case)


@pytest.mark.parametrize(("relative", "index", "case"), params("auth/challenge-oras-go.json"))
def test_challenge_oras_go(relative: str, index: int, case: Summary) -> None:
    check(relative, index, case)


@pytest.mark.parametrize(("relative", "index", "case"), params("auth/challenge-regclient.json"))
def test_challenge_regclient(relative: str, index: int, case: Summary) -> None:
    check(relative, index, case)


@pytest.mark.parametrize(("relative", "index", "case"), params("auth/challenge-ggcr.json"))
def test_challenge_ggcr(relative: str, index: int, case: Summary) -> None:
    check(relative, index, case)


@pytest.mark.parametrize(("relative", "index", "case"), params("auth/realworld-challenges.json"))
def test_realworld_challenges(relative: str, index: int, case: Summary) -> None:
    check(relative, index, case)


@pytest.mark.parametrize(("relative", "index", "case"), params("auth/scopes-oras-go.json"))
def test_scopes_oras_go(relative: str, index: int, case: Summary) -> None:
    check(relative, index, case)


@pytest.mark.parametrize(("relative", "index", "case"), params("auth/scopes-containerd.json"))
def test_scopes_containerd(relative: str, index: int, case: Summary) -> None:
    check(relative, index, case)


@pytest.mark.parametrize(("relative", "index", "case"), params("auth/token-distribution.json"))
def test_token_distribution(relative: str, index: int, case: Summary) -> None:
    check(relative, index, case)


@pytest.mark.parametrize(("relative", "index", "case"), params("auth/token-oras-go.json"))
def test_token_oras_go(relative: str, index: int, case: Summary) -> None:
    check(relative, index, case)


@pytest.mark.parametrize(("relative", "index", "case"), params("auth/token-containerd.json"))
def test_token_containerd(relative: str, index: int, case: Summary) -> None:
    check(relative, index, case)


@pytest.mark.parametrize(("relative", "index", "case"), params("auth/token-regclient.json"))
def test_token_regclient(relative: str, index: int, case: Summary) -> None:
    check(relative, index, case)


@pytest.mark.parametrize(("relative", "index", "case"), params("auth/token-ggcr.json"))
def test_token_ggcr(relative: str, index: int, case: Summary) -> None:
    check(relative, index, case)
