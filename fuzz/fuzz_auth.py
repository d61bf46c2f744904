"""Fuzz the auth readers: WWW-Authenticate challenges (formatted ones parse back equal), scopes, realms, auth fields."""

from __future__ import annotations

from _harness import instrumented, main, refused_or, string_seeds, text

with instrumented():
    from oci_core import auth, credentials


def test_one_input(data: bytes) -> None:
    value = text(data)
    challenges = refused_or(lambda: auth.parse_www_authenticate(value))
    if isinstance(challenges, tuple) and challenges:
        written = auth.format_challenges(challenges)
        assert auth.parse_www_authenticate(written) == challenges, (value, written)
    scope = refused_or(lambda: auth.parse_scope(value))
    if scope is not None:
        assert auth.parse_scope(str(scope)) == scope
    refused_or(lambda: auth.parse_scopes(value))
    refused_or(lambda: auth.check_realm(value, "https://registry.example"))
    refused_or(lambda: credentials.decode_auth(value))
    refused_or(lambda: credentials.parse_auth_key(value))


if __name__ == "__main__":
    main(test_one_input, string_seeds)
