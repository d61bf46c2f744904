"""Property tests of oci_core.auth and oci_core.credentials (Hypothesis)."""

from __future__ import annotations

import ipaddress
import json
from typing import Any

from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from oci_core import _challenge, errors
from oci_core.auth import (
    Basic,
    Challenge,
    Done,
    Failed,
    RegistryToken,
    Send,
    Session,
    check_realm,
    format_challenges,
    merge_scopes,
    parse_scope,
    parse_www_authenticate,
    read_token_response,
    token_request,
)
from oci_core.credentials import (
    ANONYMOUS,
    Credentials,
    HelperCall,
    helper_get,
    read_helper_get,
    resolve_auth_json,
    resolve_credentials,
)
from oci_core.http import Request, Response, origin
from oci_core.strategies import challenge_texts, challenges, docker_configs, json_values

TCHAR = "!#$%&'*+.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-"
header_text = st.text(alphabet=st.sampled_from('Bb aer="\\,=\t/x\x00é' + TCHAR[:20]), max_size=60) | st.text(
    max_size=40
)
# -- challenges ---------------------------------------------------------------------------------------


@given(header_text | challenge_texts())
@example('Bearer realm="a\\"b",service=c, Basic realm=x')
@example("Bearer realm=, x")
def test_arbitrary_header_text_gives_challenges_or_an_oci_error(text: str) -> None:
    try:
        found = parse_www_authenticate(text)
    except errors.InvalidChallengeError as error:
        failed: errors.InvalidChallengeError = error
        assert failed.text == text
        return
    assert all(isinstance(c, Challenge) for c in found)
    assert found == _challenge._parse(text)  # the fast path never disagrees with the grammar


@given(st.lists(challenges(), max_size=4))
def test_formatted_challenges_parse_back_equal(found: list[Challenge]) -> None:
    text = format_challenges(found)
    assert parse_www_authenticate(text) == tuple(found)


# -- scopes ----------------------------------------------------------------------------------------------

scope_texts = st.one_of(
    st.builds(
        lambda kind, name, actions: f"{kind}:{name}:{','.join(actions)}",
        st.sampled_from(["repository", "registry", "x"]),
        st.sampled_from(["a", "b/c", "localhost:5000/d", "catalog"]),
        st.lists(st.sampled_from(["pull", "push", "delete", "*", "", "metadata_read"]), max_size=4),
    ),
    st.sampled_from(["aws", "*", "invalid:scope"]),
)


@given(st.text(max_size=30))
def test_arbitrary_scope_text(text: str) -> None:
    try:
        scope = parse_scope(text)
    except errors.InvalidScopeError:
        return
    assert parse_scope(str(scope)) == scope


@given(st.lists(scope_texts, max_size=8), st.randoms())
def test_merging_is_idempotent_and_order_independent_as_a_set(texts: list[str], random: Any) -> None:
    merged = merge_scopes(texts)
    assert merge_scopes(merged) == merged
    shuffled = list(texts)
    random.shuffle(shuffled)
    assert set(merge_scopes(shuffled)) == set(merged)
    assert merge_scopes(texts, texts) == merged


# -- the realm policy --------------------------------------------------------------------------------------

internal_v4 = st.sampled_from(
    ["127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.9.9", "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1"]
)


def spellings(address: str, draw: Any) -> str:
    """One of the many ways a resolver reads the same IPv4 address."""
    value = int(ipaddress.IPv4Address(address))
    octets = [int(part) for part in address.split(".")]
    form = draw(st.integers(0, 8))
    if form == 0:
        return str(value)
    if form == 1:
        return hex(value)
    if form == 2:
        return ".".join(f"0{octet:o}" for octet in octets)
    if form == 3:
        return f"{octets[0]}.{octets[1]}.{(octets[2] << 8) | octets[3]}"
    if form == 4:
        return f"{octets[0]}.{(octets[1] << 16) | (octets[2] << 8) | octets[3]}"
    if form == 5:
        return f"[::ffff:{address}]"
    if form == 6:
        return f"[::ffff:{octets[0] << 8 | octets[1]:x}:{octets[2] << 8 | octets[3]:x}]"
    if form == 7:
        return address + "."
    return ".".join(hex(octet).upper().replace("0X", "0x") for octet in octets)


@st.composite
def internal_hosts(draw: Any) -> str:
    if draw(st.booleans()):
        host = spellings(draw(internal_v4), draw)
    else:
        host = draw(
            st.sampled_from(
                [
                    "localhost",
                    "LocalHost",
                    "x.localhost",
                    "[::1]",
                    "[0:0:0:0:0:0:0:1]",
                    "[fe80::1]",
                    "[fd00::1]",
                    "[::]",
                    "[64:ff9b::7f00:1]",
                    "[2002:7f00:1::]",
                ]
            )
        )
        if not host.startswith("[") and draw(st.booleans()):
            host += "."
    return host


@given(internal_hosts(), st.sampled_from(["", ":443", ":5000"]))
@example("[::ffff:127.0.0.1]", "")
@example("2130706433", "")
@example("0177.0.0.1", "")
def test_no_spelling_gets_around_the_realm_policy(host: str, port: str) -> None:
    try:
        check_realm(f"https://{host}{port}/token", "https://registry.example.com/v2/")
    except errors.RealmRefusedError:
        return
    raise AssertionError(f"accepted https://{host}{port}/token")


# -- tokens and credentials ---------------------------------------------------------------------------------

ASK = token_request("https://auth.example/token", service="s", scopes=(), credentials=ANONYMOUS)
@given(st.integers(100, 599), st.one_of(st.binary(max_size=64), json_values().map(lambda v: json.dumps(v).encode())))
@example(200, b'{"token": "t", "expires_in": -5, "issued_at": "2023-01-01T00:00:00Z"}')
def test_arbitrary_token_responses(status: int, body: bytes) -> None:
    try:
        token = read_token_response(ASK, Response(status, body=body), now=1e9)
    except errors.TokenResponseError:
        return
    assert token.expires_at - token.issued_at >= 60 and token.issued_at <= 1e9 and token.expires_at > 1e9


config_members = st.dictionaries(
    st.sampled_from(["auths", "credsStore", "credHelpers", "other"]),
    st.one_of(
        json_values(),
        st.dictionaries(
            st.sampled_from(
                ["docker.io", "https://index.docker.io/v1/", "ghcr.io", "http://ghcr.io/v1/", "quay.io/org"]
            ),
            st.one_of(
                json_values(),
                st.dictionaries(
                    st.sampled_from(["auth", "username", "password", "identitytoken", "registrytoken"]),
                    st.one_of(st.text(max_size=12), st.sampled_from(["dTpw", "OnA=", "dTpw=", "!"])),
                    max_size=3,
                ),
            ),
            max_size=3,
        ),
    ),
    max_size=3,
)


@given(
    st.one_of(st.binary(max_size=80), config_members.map(lambda v: json.dumps(v).encode()), docker_configs()),
    st.sampled_from(["docker.io", "ghcr.io", "quay.io/org/repo", "https://ghcr.io/v2/"]),
    st.booleans(),
)
def test_arbitrary_config_files_give_an_answer_or_an_oci_error(raw: bytes, registry: str, legacy: bool) -> None:
    try:
        answer: object = resolve_credentials(raw, registry, legacy=legacy)
    except errors.InvalidCredentialsError:
        answer = None
    assert (
        answer is None
        or isinstance(answer, (HelperCall, type(ANONYMOUS), Basic, RegistryToken))
        or type(answer).__name__ == "IdentityToken"
    )
    try:
        resolve_auth_json(raw, registry.replace("https://", "").split("/v2")[0], legacy=legacy)
    except errors.InvalidCredentialsError:
        pass


@given(st.binary(max_size=80), st.integers(-15, 255))
def test_arbitrary_helper_output(stdout: bytes, status: int) -> None:
    try:
        read_helper_get(helper_get("x", "ghcr.io"), stdout, status)
    except errors.CredentialHelperError:
        pass


# -- no Authorization ever leaves its origin --------------------------------------------------------------------

REGISTRY = "https://registry.test"
ORIGINS = [
    REGISTRY,
    "https://cdn.test",
    "https://auth.test",
    "http://registry.test",
    "https://other.test",
    "https://127.0.0.1",
]
SECRETS = (Basic("me", "pw").authorization(), "Bearer static")


@st.composite
def responses(draw: Any, request: Request, serial: list[int]) -> Response:
    if request.url.startswith("https://auth.test"):
        kind = draw(st.sampled_from(["token", "token", "token", "redirect", "error"]))
    else:
        kind = draw(
            st.sampled_from(
                ["ok", "ok", "401", "401", "401", "401", "redirect", "redirect", "token", "error", "empty401"]
            )
        )
    if kind == "ok":
        return Response(200)
    if kind == "error":
        return Response(draw(st.sampled_from([400, 403, 404, 405, 500])))
    if kind == "redirect":
        target = draw(st.sampled_from(ORIGINS)) + draw(st.sampled_from(["/v2/a/blobs/x", "/token", "/"]))
        return Response(draw(st.sampled_from([301, 302, 303, 307, 308])), {"Location": target})
    if kind == "token":
        serial[0] += 1  # every token issued is a different string, so that none is mistaken for another
        token = draw(st.sampled_from([f"issued-{serial[0]}", ""]))
        return Response(200, body=json.dumps({"token": token, "refresh_token": "r"}).encode())
    if kind == "empty401":
        return Response(401)
    realm_origin = draw(st.sampled_from([*ORIGINS, *["https://auth.test"] * 6, request.url.split("/v2")[0]]))
    scheme = draw(st.sampled_from(["Bearer", "Bearer", "Bearer", "Basic"]))
    challenge = f'{scheme} realm="{realm_origin}/token",service="s",scope="repository:a:pull"'
    return Response(
        401,
        {
            "WWW-Authenticate": draw(
                st.sampled_from([challenge, challenge + ',error="insufficient_scope"', "garbage=="])
            )
        },
    )


@settings(max_examples=300)
@given(
    st.data(),
    st.sampled_from(["basic", "token", "anonymous"]),
    st.sampled_from([REGISTRY, REGISTRY, "https://cdn.test"]),
)
def test_no_step_ever_carries_authorization_to_another_origin(data: Any, kind: str, first: str) -> None:
    choices: dict[str, Credentials] = {
        "basic": Basic("me", "pw"),
        "token": RegistryToken("static"),
        "anonymous": ANONYMOUS,
    }
    credentials = choices[kind]
    session = Session(REGISTRY, credentials)
    home = origin(REGISTRY)
    serial = [0]
    for _ in range(3):  # three flows on one session, so that what it learns is used too
        request = Request("GET", first + "/v2/a/manifests/1", scopes=("repository:a:pull",))
        session, step = session.start(request, now=0.0)
        for _ in range(25):
            if not isinstance(step, Send):
                break
            sent = step.request
            value = sent.headers.get("Authorization")
            held = {token.authorization() for token in session.tokens}
            if origin(sent.url) != home and value is not None:
                event(
                    "a token request with Authorization left the registry" if step.token else "Authorization elsewhere"
                )
                if step.token:  # Basic credentials go only to a realm the policy accepted
                    check_realm(sent.url, REGISTRY + "/v2/")
                else:  # neither the credentials nor a token the registry's exchange granted
                    assert value not in SECRETS and value not in held, (sent, value)
            session, step = session.receive(sent, data.draw(responses(sent, serial)), now=0.0)
        event(type(step).__name__)
        assert isinstance(step, (Send, Done, Failed))
