"""oci_core.auth: challenges, scopes, the realm policy, token requests and responses.

The Session has its own tests: tests/test_auth_session.py.
"""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError

import pytest

from oci_core import _challenge, auth, errors
from oci_core.auth import (
    ANONYMOUS,
    Basic,
    Challenge,
    IdentityToken,
    RealmPolicy,
    Scope,
    Token,
    catalog_scope,
    challenges_from,
    check_realm,
    format_challenges,
    merge_scopes,
    mount_scopes,
    origin_of,
    parse_scope,
    parse_scopes,
    parse_www_authenticate,
    preferred_challenge,
    read_token_response,
    repository_scope,
    resolve_realm,
    scopes_cover,
    token_request,
    trusted_origins,
)
from oci_core.http import Request, Response

from .auth_fakes import form_of, query_of

HUB = 'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"'

# -- challenges -----------------------------------------------------------------------------------


def test_docker_hub_challenge() -> None:
    (challenge,) = parse_www_authenticate(HUB)
    assert challenge.scheme == "bearer"
    assert challenge.realm == "https://auth.docker.io/token"
    assert challenge.service == "registry.docker.io"
    assert challenge.scopes == ("repository:samalba/my-app:pull,push",)
    assert challenge.error is None and challenge.token68 is None


def test_names_are_case_insensitive_and_kept_lower() -> None:
    (challenge,) = parse_www_authenticate('BeArEr ReAlM="r", Service=s')
    assert challenge == Challenge("bearer", (("realm", "r"), ("service", "s")))
    assert challenge.get("REALM") == "r" and challenge.get("missing") is None


def test_repeated_scope_parameters_and_lists_are_kept_in_order() -> None:
    (challenge,) = parse_www_authenticate('Bearer realm="r",scope="a:b:pull c:d:push",scope="e:f:*"')
    assert challenge.get_all("scope") == ("a:b:pull c:d:push", "e:f:*")
    assert challenge.scopes == ("a:b:pull", "c:d:push", "e:f:*")


def test_several_challenges_per_value_and_across_lines() -> None:
    found = parse_www_authenticate('Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"')
    assert [c.scheme for c in found] == ["newauth", "basic"]
    assert found[0].params == (("realm", "apps"), ("type", "1"), ("title", 'Login to "apps"'))
    lines = challenges_from(["Negotiate abc==", 'Basic realm="x"', ""])
    assert [(c.scheme, c.token68) for c in lines] == [("negotiate", "abc=="), ("basic", None)]


def test_empty_list_elements_and_bad_whitespace() -> None:
    assert parse_www_authenticate(" , ,Basic  ,, ") == (Challenge("basic"),)
    assert parse_www_authenticate("") == ()
    (challenge,) = parse_www_authenticate('Bearer realm = "x" ,  service=y')
    assert dict(challenge.params) == {"realm": "x", "service": "y"}


def test_token68() -> None:
    assert parse_www_authenticate("Negotiate YIIB/w==")[0].token68 == "YIIB/w=="
    assert parse_www_authenticate("Custom abc=")[0].token68 == "abc="


@pytest.mark.parametrize(
    ("value", "position", "words"),
    [
        ('Basic realm="GitHub Package Registry', 12, "unterminated"),
        ('Basic realm="Dev" charset="UTF-8"', 18, "comma"),
        ("scope=foo", 5, "space after the authentication scheme"),
        ('Bearer realm="x",service=', 25, "no value"),
        ("Basic realm=/", 12, "token or a quoted string"),
        ('"Basic" realm=x', 0, "scheme"),
        ('Basic realm="a\x01b"', 14, "control character"),
        ("Basic realm=x\r\nInjected: yes", 13, "comma"),
    ],
)
def test_bad_values_say_what_and_where(value: str, position: int, words: str) -> None:
    with pytest.raises(errors.InvalidChallengeError) as caught:
        parse_www_authenticate(value)
    assert words in caught.value.message
    assert caught.value.span is not None and caught.value.span[0] == position
    assert caught.value.text == value
    assert isinstance(caught.value, errors.AuthError) and isinstance(caught.value, ValueError)


def test_not_text_is_an_oci_error() -> None:
    for value in (None, b"Basic", 3, ["Basic"]):
        with pytest.raises(errors.InvalidChallengeError):
            parse_www_authenticate(value)  # type: ignore[arg-type]


def test_a_str_subclass_is_judged_by_its_text() -> None:
    class Sneaky(str):
        def partition(self, sep: str, /) -> tuple[str, str, str]:
            return ("Bearer", " ", 'realm="https://evil.example"')

    assert parse_www_authenticate(Sneaky('Basic realm="r"')) == (Challenge("basic", (("realm", "r"),)),)


def test_too_many_items_are_refused() -> None:
    with pytest.raises(errors.InvalidChallengeError, match="more than 256"):
        parse_www_authenticate("Bearer " + ",".join(f"p{i}=v" for i in range(300)))
    with pytest.raises(errors.InvalidChallengeError, match="more than 256"):
        challenges_from(["Basic"] * 300)


def test_the_fast_path_and_the_full_parser_agree() -> None:
    values = [
        HUB,
        'Basic realm="r"',
        'Bearer realm="",service="s"',
        'Bearer realm="a b",error="invalid_token"',
        'Bearer realm="é"',
    ]
    for value in values:
        fast = parse_www_authenticate(value)
        full = _challenge._parse(value)
        assert fast == full


def test_format_round_trips_escapes() -> None:
    challenge = Challenge("bearer", (("realm", 'a "quoted" \\ realm'), ("scope", "x")))
    text = format_challenges([challenge, Challenge("negotiate", token68="abc==")])
    assert parse_www_authenticate(text) == (challenge, Challenge("negotiate", token68="abc=="))


def test_constructor_checks_what_the_parser_checks() -> None:
    with pytest.raises(errors.InvalidChallengeError):
        Challenge("Bearer")
    with pytest.raises(errors.InvalidChallengeError):
        Challenge("bearer", (("Realm", "x"),))
    with pytest.raises(errors.InvalidChallengeError):
        Challenge("bearer", (("realm", "a\nb"),))
    with pytest.raises(errors.InvalidChallengeError):
        Challenge("negotiate", (("a", "b"),), "abc")
    with pytest.raises(TypeError):
        Challenge("bearer", [("realm", "x")])  # type: ignore[arg-type]
    with pytest.raises(FrozenInstanceError):
        Challenge("basic").scheme = "bearer"  # type: ignore[misc]


def test_preferred_challenge() -> None:
    assert preferred_challenge(()) is None
    order = challenges_from(["Negotiate", 'Basic realm="b"', 'Bearer realm="https://a/t"'])
    assert preferred_challenge(order) == order[2]
    assert preferred_challenge(challenges_from(["Negotiate", "Digest"])) == order[0]


def test_challenges_pickle_and_hash() -> None:
    (challenge,) = parse_www_authenticate(HUB)
    assert pickle.loads(pickle.dumps(challenge)) == challenge
    assert len({challenge, parse_www_authenticate(HUB)[0]}) == 1


# -- scopes ---------------------------------------------------------------------------------------


def test_scope_shapes() -> None:
    assert parse_scope("repository:localhost:5000/a/b:push,pull") == Scope(
        "repository", "localhost:5000/a/b", ("pull", "push")
    )
    assert parse_scope("registry:catalog:*") == catalog_scope()
    assert parse_scope("repository(plugin):x:pull").resource_type == "repository(plugin)"
    assert parse_scope("repository:foo:pull,*,push").actions == ("*",)
    for opaque in ("aws", "*", "invalid:scope"):
        scope = parse_scope(opaque)
        assert scope.opaque and str(scope) == opaque and scope.actions == ()
    assert str(parse_scope("no:actions:")) == "no:actions:"


@pytest.mark.parametrize("text", ["", "a b", "repository:é:pull", "x\ny", "a\tb"])
def test_unsendable_scopes_are_refused(text: str) -> None:
    with pytest.raises(errors.InvalidScopeError):
        parse_scope(text)


def test_parse_scopes_skips_empty_items() -> None:
    assert parse_scopes("") == ()
    assert [str(s) for s in parse_scopes("  repository:a:pull   aws ")] == ["repository:a:pull", "aws"]


def test_merging_by_meaning_keeps_first_named_order() -> None:
    merged = merge_scopes(
        ["repository:b:push", "aws", "repository:a:pull"],
        [parse_scope("repository:b:pull"), "aws", "repository:c:,", "repository:a:*"],
    )
    assert [str(s) for s in merged] == ["repository:b:pull,push", "aws", "repository:a:*"]
    with pytest.raises(TypeError):
        merge_scopes("repository:a:pull")


def test_cover() -> None:
    held = parse_scopes("repository:a:pull,push registry:catalog:* aws")
    assert scopes_cover(held, parse_scopes("repository:a:push registry:catalog:search aws"))
    assert not scopes_cover(held, parse_scopes("repository:a:delete"))
    assert not scopes_cover(held, parse_scopes("gcp"))
    assert scopes_cover(held, ())


def test_scope_builders() -> None:
    assert str(repository_scope("library/ubuntu", "push", "pull", "pull")) == "repository:library/ubuntu:pull,push"
    target, source = mount_scopes("dst", "src")
    assert (str(target), str(source)) == ("repository:dst:pull,push", "repository:src:pull")
    with pytest.raises(ValueError, match="name"):
        repository_scope("", "pull")
    with pytest.raises(ValueError, match="action"):
        repository_scope("x", "")
    with pytest.raises(errors.InvalidScopeError):
        Scope("repository", "a", ("push", "pull"))  # not canonical
    with pytest.raises(errors.InvalidScopeError):
        Scope("", "aws", ("pull",))


# -- the realm policy -------------------------------------------------------------------------------

REGISTRY = "https://registry.example.com/v2/a/manifests/1"


@pytest.mark.parametrize(
    "realm",
    [
        "https://auth.docker.io/token",
        "https://8.8.8.8/token",
        "https://[2001:4860::8888]/token",
        "https://auth.example.com:8443/token?x=1",
        "/token",
        "token",
    ],
)
def test_accepted_realms(realm: str) -> None:
    check_realm(realm, REGISTRY)


@pytest.mark.parametrize(
    ("realm", "words"),
    [
        ("http://auth.example.com/token", "must be https"),
        ("ftp://auth.example.com/token", "https URL"),
        ("https://user:pw@auth.example.com/token", "userinfo"),
        ("https://169.254.169.254/latest/meta-data", "169.254.0.0/16"),
        ("https://127.0.0.1/token", "loopback"),
        ("https://localhost/token", "localhost"),
        ("https://LocalHost./token", "localhost"),
        ("https://api.localhost/token", "localhost"),
        ("https://10.1.2.3/token", "private"),
        ("https://172.31.0.1/token", "private"),
        ("https://192.168.0.1/token", "private"),
        ("https://100.100.100.200/token", "shared"),
        ("https://0.0.0.0/token", "unspecified"),
        ("https://[::]/token", "unspecified"),
        ("https://[::1]/token", "loopback"),
        ("https://[fd00:ec2::254]/token", "unique local"),
        ("https://[fe80::1]/token", "link-local"),
        ("https://[::ffff:169.254.169.254]/token", "embedded"),
        ("https://[::ffff:7f00:1]/token", "embedded"),
        ("https://[64:ff9b::a9fe:a9fe]/token", "embedded"),
        ("https://[2002:a9fe:a9fe::]/token", "embedded"),
        ("https://2130706433/token", "loopback"),
        ("https://0x7f000001/token", "loopback"),
        ("https://0177.0.0.1/token", "loopback"),
        ("https://0x7f.1/token", "loopback"),
        ("https://127.1/token", "loopback"),
        ("https://169.254.43518/token", "link-local"),
        ("https://127.0.0.1./token", "loopback"),
        ("https://1.2.3.4.5/token", "not an IPv4"),
        ("https://08.0.0.1/token", "octal"),
        ("https://%31%32%37.0.0.1/token", "percent"),
        ("https://１２７.0.0.1/token", "not allowed in a URL"),
        ("https://[fe80::1%25eth0]/token", "zone"),
        ("127.0.0.1:8080", "neither"),
        ("", "empty"),
        ("https:///token", "no host"),
    ],
)
def test_refused_realms(realm: str, words: str) -> None:
    with pytest.raises(errors.RealmRefusedError) as caught:
        check_realm(realm, REGISTRY)
    assert words in str(caught.value)


def test_the_registrys_own_host_and_port_may_be_internal() -> None:
    check_realm("http://127.0.0.1:5000/auth", "http://127.0.0.1:5000/v2/")
    check_realm("/auth", "http://127.0.0.1:5000/v2/")
    check_realm("http://127.1:5000/auth", "http://127.0.0.1:5000/v2/")  # the same address, spelled otherwise
    with pytest.raises(errors.RealmRefusedError):
        check_realm("http://127.0.0.1:5001/auth", "http://127.0.0.1:5000/v2/")
    check_realm("https://127.0.0.1:5000/auth", "http://127.0.0.1:5000/v2/")  # the same host and port, over TLS


def test_relative_realms_resolve_against_the_request() -> None:
    assert resolve_realm("/token2", "http://reg.example/v2/x") == "http://reg.example/token2"
    assert resolve_realm("../t", "https://reg.example/v2/a/b") == "https://reg.example/v2/t"
    assert resolve_realm("?x=1", "https://reg.example/v2/a?y") == "https://reg.example/v2/a?x=1"
    assert resolve_realm("//auth.example/t", "https://reg.example/") == "https://auth.example/t"


def test_policy_trusted_origins_and_hook() -> None:
    policy = RealmPolicy(trusted=trusted_origins(["https://10.0.0.9:5001"]))
    check_realm("https://10.0.0.9:5001/token", REGISTRY, policy)
    with pytest.raises(errors.RealmRefusedError):
        check_realm("https://10.0.0.9:5002/token", REGISTRY, policy)
    seen: list[tuple[str, int]] = []

    def hook(host: str, port: int) -> bool:
        seen.append((host, port))
        return host != "evil.example"

    hooked = RealmPolicy(check=hook)
    check_realm("https://auth.example/t", REGISTRY, hooked)
    with pytest.raises(errors.RealmRefusedError, match="caller's realm policy"):
        check_realm("https://EVIL.example./t", REGISTRY, hooked)
    assert seen == [("auth.example", 443), ("evil.example", 443)]
    with pytest.raises(ValueError, match="origin"):
        RealmPolicy(trusted=frozenset({"https://x.example"}))  # not written as origin_of writes it


def test_origin_of() -> None:
    assert origin_of("HTTPS://Registry.Example.com/v2/") == "https://registry.example.com:443"
    assert origin_of("http://[::1]:5000") == "http://[::1]:5000"
    assert origin_of("https://bɿɒ.com/v2/") == "https://bɿɒ.com:443"
    with pytest.raises(errors.RealmRefusedError):
        origin_of("/v2/")


# -- token requests and responses --------------------------------------------------------------------


def test_get_token_requests() -> None:
    scopes = parse_scopes("repository:a:pull,push repository:b:pull")
    anonymous = token_request("https://auth.example/token", service="reg", scopes=scopes, credentials=ANONYMOUS)
    assert anonymous.method == "GET" and "authorization" not in anonymous.headers
    assert query_of(anonymous) == {"scope": ["repository:a:pull,push", "repository:b:pull"], "service": ["reg"]}
    assert anonymous.scopes == ("repository:a:pull,push", "repository:b:pull")
    basic = token_request(
        "https://auth.example/token?realm=1", service=None, scopes=(), credentials=Basic("me", "pw"), offline_token=True
    )
    assert basic.headers.get("Authorization") == Basic("me", "pw").authorization()
    assert query_of(basic) == {"realm": ["1"], "account": ["me"], "client_id": ["oci-core"], "offline_token": ["true"]}


def test_post_token_requests() -> None:
    scopes = parse_scopes("repository:a:pull")
    refresh = token_request(
        "https://auth.example/token",
        service="reg",
        scopes=scopes,
        credentials=IdentityToken("r"),
        grant="refresh_token",
    )
    assert refresh.method == "POST" and refresh.headers.get("Content-Type") == "application/x-www-form-urlencoded"
    assert (
        refresh.body
        == b"client_id=oci-core&grant_type=refresh_token&refresh_token=r&scope=repository%3Aa%3Apull&service=reg"
    )
    password = token_request(
        "https://auth.example/token",
        service="reg",
        scopes=scopes,
        credentials=Basic("me", "p w&"),
        grant="password",
        client_id="tool",
        offline_token=True,
    )
    assert form_of(password) == {
        "access_type": "offline",
        "client_id": "tool",
        "grant_type": "password",
        "password": "p w&",
        "scope": "repository:a:pull",
        "service": "reg",
        "username": "me",
    }
    with pytest.raises(ValueError, match="refresh"):
        token_request("https://a/t", service=None, scopes=(), credentials=ANONYMOUS, grant="refresh_token")
    with pytest.raises(ValueError, match="password"):
        token_request("https://a/t", service=None, scopes=(), credentials=IdentityToken("x"), grant="password")
    with pytest.raises(errors.InvalidURLError):
        token_request("/relative", service=None, scopes=(), credentials=ANONYMOUS)


ASK = token_request(
    "https://auth.example/token", service="reg", scopes=parse_scopes("repository:a:pull"), credentials=ANONYMOUS
)


def answer(body: bytes, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(status, {"Content-Type": "application/json", **(headers or {})}, body)


def test_token_responses() -> None:
    token = read_token_response(
        ASK, answer(b'{"token":"t","access_token":"a","expires_in":300,"refresh_token":"r"}'), now=1000.0
    )
    assert (token.token, token.expires_at, token.issued_at, token.refresh_token) == ("a", 1300.0, 1000.0, "r")
    assert [str(s) for s in token.scopes] == ["repository:a:pull"]
    assert (token.realm, token.service) == ("https://auth.example/token", "reg")
    assert token.authorization() == "Bearer a" and token.valid_at(1299.9) and not token.valid_at(1300.0)
    assert "token=<hidden>" in repr(token) and "'a'" not in repr(token) and "'r'" not in repr(token)
    assert read_token_response(ASK, answer(b'{"token":"t"}'), now=0).expires_at == 60
    assert read_token_response(ASK, answer(b'{"token":"t","expires_in":10}'), now=0).expires_at == 60
    assert read_token_response(ASK, answer(b'{"token":"t","access_token":""}'), now=0).token == "t"


def test_issued_at_against_now() -> None:
    now = 1_700_000_000.0  # 2023-11-14T22:13:20Z
    past = read_token_response(
        ASK, answer(b'{"token":"t","expires_in":3001,"issued_at":"2023-11-14T21:56:40Z"}'), now=now
    )
    assert past.issued_at == now - 1000 and past.expires_at == now + 2001
    future = read_token_response(
        ASK, answer(b'{"token":"t","expires_in":900,"issued_at":"2023-11-14T22:28:20+00:00"}'), now=now
    )
    assert future.issued_at == now
    stale = read_token_response(
        ASK, answer(b'{"token":"t","expires_in":900,"issued_at":"2023-11-14T21:58:19.5-00:00"}'), now=now
    )
    assert stale.issued_at == now and stale.expires_at == now + 900  # would have arrived expired: the clock skews
    nano = read_token_response(ASK, answer(b'{"token":"t","issued_at":"2023-11-14T23:13:19.123456789+01:00"}'), now=now)
    assert nano.issued_at == pytest.approx(now - 0.876543211)


@pytest.mark.parametrize(
    ("response", "words"),
    [
        (answer(b'{"errors":[]}', 401), "answered 401"),
        (answer(b'{"error":"invalid_grant","error_description":"bad password"}', 400), "invalid_grant: bad password"),
        (answer(b"not json"), "not JSON"),
        (answer(b"[]"), "JSON object"),
        (answer(b'{"tolkien":"x"}'), "no token"),
        (answer(b'{"token":""}'), "no token"),
        (answer(b'{"token":7}'), "must be a string"),
        (answer(b'{"token":"a b"}'), "cannot be sent"),
        (answer(b'{"token":"t","expires_in":"60"}'), "integer"),
        (answer(b'{"token":"t","expires_in":true}'), "integer"),
        (answer(b'{"token":"t","issued_at":"yesterday"}'), "RFC 3339"),
        (answer(b'{"token":"t","issued_at":"2023-13-01T00:00:00Z"}'), "RFC 3339"),
        (answer(b'{"token":"t","token":"u"}'), "duplicate"),
        (answer(b"{}", headers={"Content-Length": str(200 * 1024)}), "announces"),
        (answer(b'{"token":"' + b"a" * (128 * 1024) + b'"}'), "over the limit"),
    ],
)
def test_bad_token_responses(response: Response, words: str) -> None:
    with pytest.raises(errors.TokenResponseError) as caught:
        read_token_response(ASK, response, now=0.0)
    assert words in str(caught.value)


def test_token_values() -> None:
    token = Token("abc", expires_at=10.0, issued_at=0.0, scopes=parse_scopes("aws"), refresh_token="r")
    assert "abc" not in repr(token) and "r'" not in repr(token)
    assert pickle.loads(pickle.dumps(token)) == token
    with pytest.raises(errors.TokenResponseError):
        Token("a b", expires_at=1.0, issued_at=0.0)
    with pytest.raises(TypeError):
        Token("a", expires_at="1", issued_at=0.0)  # type: ignore[arg-type]


def test_the_module_surface_is_pinned() -> None:
    assert set(auth.__all__) == {
        name for name in dir(auth) if not name.startswith(("_", "@")) and name != "annotations"
    }
    assert isinstance(Request, type)
