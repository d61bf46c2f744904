"""Static types of oci_core.auth's and oci_core.credentials' public API, checked by mypy (and run by pytest)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from oci_core.auth import (
    ANONYMOUS,
    Basic,
    Challenge,
    Done,
    Failed,
    Scope,
    Send,
    Session,
    Step,
    Token,
    challenges_from,
    check_realm,
    merge_scopes,
    parse_scope,
    parse_www_authenticate,
    preferred_challenge,
    read_token_response,
    resolve_credentials,
    resolve_realm,
    token_request,
)
from oci_core.credentials import (
    CredentialFile,
    Credentials,
    HelperCall,
    keychain_files,
    read_helper_get,
    read_helper_list,
    resolve_auth_json,
)
from oci_core.http import Request, Response

if TYPE_CHECKING:
    # typing.assert_type is 3.11+; mypy knows typing_extensions' on every version.
    from typing_extensions import assert_type
else:

    def assert_type(value, expected_type):
        return value


HUB = 'Bearer realm="https://auth.docker.io/token",service="registry.docker.io"'


def test_challenge_and_scope_types() -> None:
    found = assert_type(parse_www_authenticate(HUB), tuple[Challenge, ...])
    assert_type(challenges_from([HUB]), tuple[Challenge, ...])
    first = assert_type(preferred_challenge(found), Challenge | None)
    assert first is not None
    assert_type(first.realm, str | None)
    assert_type(first.scopes, tuple[str, ...])
    assert_type(parse_scope("repository:a:pull"), Scope)
    assert_type(merge_scopes(["repository:a:pull"]), tuple[Scope, ...])
    assert_type(check_realm("https://auth.docker.io/token", "https://registry-1.docker.io/v2/"), None)
    assert_type(resolve_realm("/token", "https://r.example/v2/"), str)


def test_token_and_session_types() -> None:
    ask = assert_type(token_request("https://a.example/t", service="s", scopes=(), credentials=ANONYMOUS), Request)
    token = assert_type(read_token_response(ask, Response(200, body=b'{"token": "t"}'), now=0.0), Token)
    assert_type(token.expires_at, float)
    assert_type(token.token, str)
    session = Session("https://r.example", Basic("u", "p"))
    session, step = session.start(Request("GET", "https://r.example/v2/"), now=0.0)
    assert_type(session, Session)
    assert_type(step, Send | Done | Failed)
    assert isinstance(step, Send)
    assert_type(step.request, Request)
    later: Step = step
    assert later is step


def test_credential_types() -> None:
    answer = assert_type(resolve_credentials(b"{}", "docker.io"), Credentials | HelperCall)
    assert answer == ANONYMOUS
    assert_type(resolve_auth_json(b"{}", "quay.io"), Credentials | HelperCall | None)
    files = assert_type(keychain_files({}, "/home/me", "linux"), tuple[CredentialFile, ...])
    assert files
    call = HelperCall("docker-credential-x", "get", b"r")
    assert_type(read_helper_get(call, b"{}", 0), Credentials)
    listed = read_helper_list(HelperCall("docker-credential-x", "list", b""), b'{"x": "u"}', 0)
    assert_type(listed["x"], str)
