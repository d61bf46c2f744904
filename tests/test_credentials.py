"""oci_core.credentials: docker's config.json, podman's auth.json, the helper protocol, the files to read."""

from __future__ import annotations

import json
import pickle

import pytest

from oci_core import credentials, errors
from oci_core.credentials import (
    ANONYMOUS,
    Basic,
    CredentialFile,
    HelperCall,
    IdentityToken,
    RegistryToken,
    containers_auth_files,
    decode_auth,
    docker_config_files,
    docker_config_key,
    helper_erase,
    helper_get,
    helper_list,
    helper_program,
    helper_store,
    keychain_files,
    read_helper_done,
    read_helper_get,
    read_helper_list,
    resolve_auth_json,
    resolve_credentials,
)

USER_PASS = "dXNlcjpwYXNz"  # base64("user:pass")


def config(**members: object) -> bytes:
    return json.dumps(members).encode()


# -- the credential values -----------------------------------------------------------------------------


def test_credentials_hide_their_secrets() -> None:
    for value in (Basic("u", "s3cret"), IdentityToken("s3cret", "u"), RegistryToken("s3cret")):
        assert "s3cret" not in repr(value)
        assert pickle.loads(pickle.dumps(value)) == value
    assert repr(ANONYMOUS) == "Anonymous()"
    assert isinstance(Basic("u", "p"), credentials.Credentials)  # a real union


@pytest.mark.parametrize(
    "make",
    [
        lambda: Basic("a:b", "p"),
        lambda: Basic("u", "p\n"),
        lambda: IdentityToken(""),
        lambda: RegistryToken("has space"),
        lambda: RegistryToken(""),
    ],
)
def test_unsendable_credentials_are_refused(make: object) -> None:
    with pytest.raises(errors.InvalidCredentialsError):
        make()  # type: ignore[operator]


# -- docker/cli's resolution -----------------------------------------------------------------------------


def test_docker_hub_keys() -> None:
    hub = config(auths={"https://index.docker.io/v1/": {"auth": USER_PASS}})
    assert resolve_credentials(hub, "docker.io") == Basic("user", "pass")
    assert resolve_credentials(hub, "index.docker.io") == Basic("user", "pass")
    assert resolve_credentials(hub, "registry-1.docker.io") == ANONYMOUS  # docker/cli keeps it apart
    assert docker_config_key("https://index.docker.io/v1/") == "https://index.docker.io/v1/"
    assert docker_config_key("http://ghcr.io/v2/x") == "ghcr.io"


def test_helpers_stores_and_files_in_docker_order() -> None:
    raw = config(
        auths={"ghcr.io": {"auth": USER_PASS}, "quay.io": {}},
        credsStore="desktop",
        credHelpers={"gcr.io": "gcloud", "https://index.docker.io/v1/": "hub"},
    )
    gcr = resolve_credentials(raw, "gcr.io")
    assert isinstance(gcr, HelperCall) and gcr.program == "docker-credential-gcloud" and gcr.input == b"gcr.io"
    hub = resolve_credentials(raw, "docker.io")
    assert isinstance(hub, HelperCall) and hub.input == b"https://index.docker.io/v1/"
    for registry in ("ghcr.io", "quay.io", "other.example"):  # credsStore answers for every other host
        answer = resolve_credentials(raw, registry)
        assert isinstance(answer, HelperCall) and answer.program == "docker-credential-desktop"
    no_store = config(auths={"ghcr.io": {"auth": USER_PASS}, "quay.io": {}})
    assert resolve_credentials(no_store, "ghcr.io") == Basic("user", "pass")
    assert resolve_credentials(no_store, "quay.io") == ANONYMOUS  # an empty entry, no store to ask


def test_legacy_keys_match_by_host() -> None:
    raw = config(
        auths={"https://registry.example.com/v1/": {"auth": USER_PASS}, "http://other.example": {"auth": USER_PASS}}
    )
    assert resolve_credentials(raw, "registry.example.com") == Basic("user", "pass")
    assert resolve_credentials(raw, "other.example") == Basic("user", "pass")
    assert resolve_credentials(raw, "example.com") == ANONYMOUS


def test_tokens_and_their_priority() -> None:
    raw = config(
        auths={
            "a.example": {"auth": USER_PASS, "identitytoken": "id", "registrytoken": "reg"},
            "b.example": {"auth": USER_PASS, "identitytoken": "id"},
            "c.example": {"username": "u", "password": "p", "auth": USER_PASS},
        }
    )
    assert resolve_credentials(raw, "a.example") == RegistryToken("reg")
    assert resolve_credentials(raw, "b.example") == IdentityToken("id", "user")
    assert resolve_credentials(raw, "c.example") == Basic("user", "pass")  # auth wins over the fields


def test_docker_auth_config() -> None:
    env = json.dumps({"auths": {"env.example": {"auth": USER_PASS}}})
    raw = config(credsStore="desktop")
    assert resolve_credentials(raw, "env.example", env_config=env) == Basic("user", "pass")
    assert isinstance(resolve_credentials(raw, "other.example", env_config=env), HelperCall)
    for bad in (
        '{"auths": {"x": {"username": "u"}}}',
        '{"credHelpers": {}}',
        '{"auths": {}}{}',
        '{"auths": {"x": {}}}',
    ):
        with pytest.raises(errors.InvalidCredentialsError, match=r"DOCKER_AUTH_CONFIG|unknown field|extra data"):
            resolve_credentials(raw, "x", env_config=bad)


@pytest.mark.parametrize(
    ("raw", "pointer"),
    [
        (b"{", ""),
        (b"[]", ""),
        (config(auths=[]), "/auths"),
        (config(auths={"x": []}), "/auths/x"),
        (config(auths={"x": {"auth": "bad-auth-bad"}}), "/auths/x/auth"),
        (config(auths={"x": {"auth": "Zm9vYmFy"}}), "/auths/x/auth"),  # base64("foobar"): no colon
        (config(auths={"x": {"auth": "OnBhc3M="}}), "/auths/x/auth"),  # ":pass": no user name
        (config(auths={"x": {"username": 1}}), "/auths/x/username"),
        (config(credsStore=1), "/credsStore"),
        (config(credHelpers={"x": 2}), "/credHelpers/x"),
        (config(credsStore="../../bin/sh"), "/credsStore"),
        (b'{"auths": {}, "auths": {}}', ""),
        ("é".encode("utf-16"), ""),
    ],
)
def test_bad_files_fail_with_a_pointer(raw: bytes, pointer: str) -> None:
    with pytest.raises(errors.InvalidCredentialsError) as caught:
        resolve_credentials(raw, "x")
    assert caught.value.pointer == pointer


def test_a_bad_auth_anywhere_fails_the_whole_file() -> None:
    raw = config(auths={"good.example": {"auth": USER_PASS}, "bad.example": {"auth": "nope"}})
    with pytest.raises(errors.InvalidCredentialsError, match="auth"):
        resolve_credentials(raw, "good.example")


def test_empty_and_null_files_are_empty() -> None:
    for raw in (b"", b" \n", b"null", b"{}"):
        assert resolve_credentials(raw, "docker.io") == ANONYMOUS


def test_decode_auth() -> None:
    assert decode_auth("dXNlcjpwOmFzcwAA") == ("user", "p:ass")  # the first colon splits; NULs are trimmed
    assert decode_auth("dXNl\ncjpwYXNz") == ("user", "pass")  # line breaks are ignored, as Go ignores them
    assert decode_auth("") == ("", "")
    with pytest.raises(errors.InvalidCredentialsError):
        decode_auth("dXNlcjpwYXNz=")


def test_legacy_dockercfg() -> None:
    ini = b"username = " + USER_PASS.encode() + b"\nemail = me@example.com"
    assert resolve_credentials(ini, "docker.io", legacy=True) == Basic("user", "pass")
    flat = config(**{"https://quay.io/v1/": {"auth": USER_PASS, "email": "x"}})
    assert resolve_credentials(flat, "quay.io", legacy=True) == Basic("user", "pass")
    for bad in (b"username = x", b"junk\nmore", b"[]"):
        with pytest.raises(errors.InvalidCredentialsError):
            resolve_credentials(bad, "docker.io", legacy=True)


# -- containers/image's auth.json ----------------------------------------------------------------------------


def test_namespaced_keys_most_specific_first() -> None:
    raw = config(
        auths={
            "quay.io": {"auth": "YTpi"},  # a:b
            "quay.io/org": {"auth": "YzpkeA=="},  # c:dx
            "quay.io/org/repo": {"auth": USER_PASS},
        }
    )
    assert resolve_auth_json(raw, "quay.io/org/repo") == Basic("user", "pass")
    assert resolve_auth_json(raw, "quay.io/org/other") == Basic("c", "dx")
    assert resolve_auth_json(raw, "quay.io/else") == Basic("a", "b")
    assert resolve_auth_json(raw, "ghcr.io") is None


def test_containers_helpers_entries_and_normalisation() -> None:
    raw = config(
        credsStore="ignored",
        credHelpers={"quay.io": "secret-service"},
        auths={
            "https://index.docker.io/v1/": {"auth": USER_PASS},
            "skipped.example": {},
            "https://x.example/v1/": {"auth": "YTpi"},
        },
    )
    helper = resolve_auth_json(raw, "quay.io/org/repo")
    assert isinstance(helper, HelperCall) and helper.input == b"quay.io"  # registries only, never namespaces
    assert resolve_auth_json(raw, "docker.io/library/busybox") == Basic("user", "pass")
    assert resolve_auth_json(raw, "x.example") == Basic("a", "b")
    assert resolve_auth_json(raw, "skipped.example") is None  # {}: skipped, search on
    assert resolve_auth_json(raw, "other.example") is None  # no credsStore in podman's rules
    with pytest.raises(errors.InvalidCredentialsError):
        resolve_auth_json(config(auths={"x": {"auth": "!"}}), "x")
    with pytest.raises(errors.InvalidCredentialsError):
        resolve_auth_json(b"", "x")  # an empty file is not JSON to containers/image
    for key in ("https://quay.io", "quay.io/a:tag", "quay.io/a@sha256:x"):
        with pytest.raises(ValueError, match="auth key"):
            resolve_auth_json(b"{}", key)


# -- the helper protocol ------------------------------------------------------------------------------------------


def test_helper_calls() -> None:
    get = helper_get("pass", "https://index.docker.io/v1/")
    assert get.args == ("docker-credential-pass", "get") and get.input == b"https://index.docker.io/v1/"
    store = helper_store("pass", "ghcr.io", IdentityToken("tok"))
    assert json.loads(store.input) == {"ServerURL": "ghcr.io", "Username": "<token>", "Secret": "tok"}
    assert "tok" not in repr(store)
    assert helper_erase("pass", "ghcr.io").action == "erase" and helper_list("pass").action == "list"
    for bad in ("", "../x", "a/b", "a\\b", "a\x00"):
        with pytest.raises(ValueError, match="helper name"):
            helper_program(bad)
    with pytest.raises(TypeError):
        helper_store("pass", "x", ANONYMOUS)  # type: ignore[arg-type]


def test_reading_helper_answers() -> None:
    get = helper_get("pass", "ghcr.io")
    assert read_helper_get(get, b'{"ServerURL":"ghcr.io","Username":"u","Secret":"s"}\n', 0) == Basic("u", "s")
    assert read_helper_get(get, b'{"Username":"<token>","Secret":"t"}', 0) == IdentityToken("t")
    assert read_helper_get(get, b"{}", 0) == ANONYMOUS
    assert read_helper_get(get, b"  credentials not found in native keychain\n", 1) == ANONYMOUS
    with pytest.raises(
        errors.CredentialHelperError, match="error getting credentials - err: exit status 1, out: `boom`"
    ):
        read_helper_get(get, b"boom\n", 1)
    with pytest.raises(errors.CredentialHelperError, match="err: no credentials server URL"):
        read_helper_get(get, b"no credentials server URL", 1)
    with pytest.raises(errors.CredentialHelperError, match="signal 9"):
        read_helper_get(get, b"", -9)
    for junk in (b"nope", b"[]", b'{"Username": 3}', b'{"Username": "a:b", "Secret": "x"}'):
        with pytest.raises(errors.CredentialHelperError):
            read_helper_get(get, junk, 0)
    listing = helper_list("pass")
    assert read_helper_list(listing, b'{"a": "u"}', 0) == {"a": "u"}
    with pytest.raises(errors.CredentialHelperError):
        read_helper_list(listing, b'{"a": 1}', 0)
    read_helper_done(helper_erase("pass", "x"), b"", 0)
    with pytest.raises(errors.CredentialHelperError, match="error erasing credentials"):
        read_helper_done(helper_erase("pass", "x"), b"program failed", 1)
    with pytest.raises(errors.LocalProtocolError):
        read_helper_list(get, b"{}", 0)


# -- the files to read ----------------------------------------------------------------------------------------------


def test_docker_files() -> None:
    assert docker_config_files({"DOCKER_CONFIG": "/etc/docker"}, "/home/me", "linux") == (
        CredentialFile("/etc/docker/config.json"),
        CredentialFile("/home/me/.dockercfg", "dockercfg"),
    )
    windows = docker_config_files({}, "C:\\Users\\me", "windows")
    assert windows[0].path == "C:\\Users\\me\\.docker\\config.json" and windows[1].legacy


def test_containers_files() -> None:
    assert [f.path for f in containers_auth_files({}, "/home/me", "linux", uid=1000)] == [
        "/run/containers/1000/auth.json",
        "/home/me/.config/containers/auth.json",
        "/home/me/.docker/config.json",
        "/home/me/.dockercfg",
    ]
    assert [
        f.path for f in containers_auth_files({"XDG_CONFIG_HOME": "/cfg", "DOCKER_CONFIG": "/d"}, "/home/me", "darwin")
    ] == [
        "/home/me/.config/containers/auth.json",
        "/cfg/containers/auth.json",
        "/d/config.json",
        "/home/me/.dockercfg",
    ]
    only = containers_auth_files(
        {"REGISTRY_AUTH_FILE": "/x/auth.json", "XDG_RUNTIME_DIR": "/run/user/1"}, "/h", "linux"
    )
    assert only == (CredentialFile("/x/auth.json"),)  # REGISTRY_AUTH_FILE excludes every other file
    assert containers_auth_files({"REGISTRY_AUTH_FILE": ""}, "/h", "linux")[0].path == "/h/.config/containers/auth.json"


def test_keychain_files() -> None:
    env = {
        "DOCKER_CONFIG": "/d",
        "REGISTRY_AUTH_FILE": "/r.json",
        "XDG_RUNTIME_DIR": "/run/user/1",
        "XDG_CONFIG_HOME": "/c",
    }
    assert [f.path for f in keychain_files(env, "/h", "linux")] == [
        "/d/config.json",
        "/r.json",
        "/run/user/1/containers/auth.json",
        "/c/containers/auth.json",
    ]
    with pytest.raises(ValueError, match="home"):
        keychain_files({}, "", "linux")
    with pytest.raises(TypeError):
        keychain_files(["HOME=/h"], "/h", "linux")  # type: ignore[arg-type]


def test_the_module_surface_is_pinned() -> None:
    assert set(credentials.__all__) == {
        name for name in dir(credentials) if not name.startswith(("_", "@")) and name != "annotations"
    }
