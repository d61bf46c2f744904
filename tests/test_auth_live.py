"""oci_core.auth against real registries: docker-registry with ``auth: token``, and with htpasswd.

The token-auth instance (tests/registry_server.py ``token_auth``) trusts a
certificate made here with ``openssl``; the token server (tests/token_server.py)
signs RS256 JWTs with its key. Every flow runs through the three drivers of
the registry tests (http.client, urllib, httpx) with one loop: a Session
decides, the driver moves bytes. The token server lives on another port of
127.0.0.1, which the realm policy refuses by default: the tests name it as a
trusted origin, as a caller with a private token server would.

skopeo writes a docker ``config.json`` and a podman ``auth.json`` with
``skopeo login --authfile``; the library resolves both to the credentials
skopeo was given, and pulls with them. Everything skips without the tools
(docker-registry, openssl, skopeo) and fails instead under
``OCI_CORE_REQUIRE_TOOLS=1``.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from oci_core import errors, registry
from oci_core.auth import (
    ANONYMOUS,
    Basic,
    Done,
    Failed,
    IdentityToken,
    RealmPolicy,
    Send,
    Session,
    trusted_origins,
)
from oci_core.credentials import resolve_auth_json, resolve_credentials
from oci_core.http import Request, Response
from oci_core.registry import Repository
from oci_core.upload import Upload
from tests.http_drivers import DRIVERS, Driver
from tests.registry_flows import SmallImage, make_image
from tests.registry_server import (
    TEST_PASSWORD,
    TEST_USER,
    RegistryServer,
    htpasswd_auth,
    start_registry,
    token_auth,
)
from tests.token_server import ISSUER, SERVICE, TokenServer, make_signing_key, start_token_server
from tests.tools import require_tool

CREDENTIALS = Basic(TEST_USER, TEST_PASSWORD)
START = 1_700_000_000.0  # the sessions' clock: fake, moved by the tests


@dataclass
class TokenRegistry:
    registry: RegistryServer
    tokens: TokenServer

    @property
    def policy(self) -> RealmPolicy:
        return RealmPolicy(trusted=trusted_origins([self.tokens.root]))


@pytest.fixture(scope="module")
def token_registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TokenRegistry]:
    require_tool("openssl")
    directory = tmp_path_factory.mktemp("token-auth")
    key, certificate, x5c = make_signing_key(directory)
    with start_token_server(directory, key, x5c, TEST_USER, TEST_PASSWORD) as tokens:
        auth = token_auth(tokens.realm, certificate, service=SERVICE, issuer=ISSUER)
        with start_registry(directory, auth=auth) as server:
            yield TokenRegistry(server, tokens)


@pytest.fixture(scope="module")
def protected(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RegistryServer]:
    directory = tmp_path_factory.mktemp("htpasswd-auth")
    with start_registry(directory, auth=htpasswd_auth(directory)) as server:
        yield server


@pytest.fixture(params=sorted(DRIVERS))
def driver(request: pytest.FixtureRequest) -> Iterator[Driver]:
    made = DRIVERS[request.param]()
    yield made
    made.close()


@dataclass
class Client:
    """The caller's loop around one driver: the Session decides, the driver moves the bytes."""

    driver: Driver
    session: Session
    now: float = START
    sent: list[Request] = field(default_factory=list)

    def send(
        self, request: Request, body: bytes | None = None, *, limit: int | None = None
    ) -> tuple[Request, Response]:
        self.session, step = self.session.start(request, now=self.now)
        for _ in range(20):
            if not isinstance(step, Send):
                break
            self.sent.append(step.request)
            response = self.driver.send(step.request, None if step.token else body, limit=None if step.token else limit)
            self.session, step = self.session.receive(step.request, response, now=self.now)
        if isinstance(step, Failed):
            raise step.error
        assert isinstance(step, Done)
        return step.request, step.response

    def push_blob(self, name: str, blob: bytes, descriptor: object, **options: object) -> Upload:
        up = Upload.start(Repository(self.session.registry, name), descriptor, **options)  # type: ignore[arg-type]
        for _ in range(1000):
            if up.done:
                break
            start, end = up.range or (0, 0)
            _, response = self.send(up.request, blob[start:end] if up.range else None)
            up = up.receive(up.request, response)
        assert up.committed, up.error
        return up

    def push_image(self, name: str, tag: str, image: SmallImage) -> None:
        for blob, descriptor in image.blobs:
            self.push_blob(name, blob, descriptor)
        request = registry.put_manifest(
            Repository(self.session.registry, name), tag, image.manifest, image.manifest_descriptor.media_type
        )
        registry.read_manifest_put(*self.send(request))

    def pull(self, name: str, tag: str) -> bytes:
        got = registry.read_manifest(*self.send(registry.get_manifest(Repository(self.session.registry, name), tag)))
        return got.raw


def token_requests(tokens: TokenServer, since: int) -> list[dict[str, object]]:
    return tokens.stats()[since:]


def scopes_asked(entry: dict[str, object]) -> list[str]:
    fields = entry["fields"]
    assert isinstance(fields, dict)
    if entry["method"] == "GET":
        return list(fields.get("scope", []))
    return " ".join(fields.get("scope", [""])).split()


# -- the token-auth registry ---------------------------------------------------------------------------------


def test_anonymous_pull_is_refused_then_served_with_a_token(token_registry: TokenRegistry, driver: Driver) -> None:
    image = make_image(b"anonymous pull\n")
    pusher = Client(driver, Session(token_registry.registry.root, CREDENTIALS, policy=token_registry.policy))
    pusher.push_image("public/hello", "v1", image)
    before = len(token_registry.tokens.stats())
    puller = Client(driver, Session(token_registry.registry.root, policy=token_registry.policy))
    assert puller.pull("public/hello", "v1") == image.manifest
    first, token, retry = puller.sent[:3]
    assert "authorization" not in first.headers  # refused: the registry's 401 asked for a token
    assert token.url.startswith(token_registry.tokens.realm) and "authorization" not in token.headers
    assert (retry.headers.get("Authorization") or "").startswith("Bearer ")
    asked = token_requests(token_registry.tokens, before)
    assert [scopes_asked(entry) for entry in asked] == [["repository:public/hello:pull"]]
    # Anonymous callers get pull only: a push is refused, with the registry's own error.
    with pytest.raises(errors.UnauthorizedError):
        puller.push_blob("public/hello", b"nope", make_image(b"x").layer_descriptor)


def test_a_push_asks_for_pull_and_push_and_a_mount_for_pull_on_the_source(
    token_registry: TokenRegistry, driver: Driver
) -> None:
    client = Client(driver, Session(token_registry.registry.root, CREDENTIALS, policy=token_registry.policy))
    image = make_image(b"push and mount\n")
    before = len(token_registry.tokens.stats())
    client.push_image("team/source", "v1", image)
    asked = token_requests(token_registry.tokens, before)
    assert asked and all(entry["authorization"] for entry in asked)
    assert scopes_asked(asked[0]) == ["repository:team/source:pull,push"]
    before = len(token_registry.tokens.stats())
    up = client.push_blob("team/target", image.layer, image.layer_descriptor, mount_from="team/source")
    assert up.committed
    asked = token_requests(token_registry.tokens, before)
    assert [scopes_asked(entry) for entry in asked] == [
        ["repository:team/target:pull,push", "repository:team/source:pull"]
    ]


def test_insufficient_scope_is_answered_with_merged_scopes(token_registry: TokenRegistry, driver: Driver) -> None:
    client = Client(driver, Session(token_registry.registry.root, CREDENTIALS, policy=token_registry.policy))
    image = make_image(b"insufficient scope\n")
    client.push_image("team/narrow", "v1", image)
    client.pull("team/narrow", "v1")
    fresh = Client(driver, Session(token_registry.registry.root, CREDENTIALS, policy=token_registry.policy))
    fresh.pull("team/narrow", "v1")  # holds a pull token now
    before = len(token_registry.tokens.stats())
    # A request that says it needs pull only, where the registry wants push: the 401 says insufficient_scope.
    start = registry.Repository(token_registry.registry.root, "team/narrow")
    post = Upload.start(start, image.layer_descriptor).request
    narrow = Request(
        post.method,
        post.url,
        post.headers,
        post.body,
        body_length=post.body_length,
        scopes=("repository:team/narrow:pull",),
    )
    _, response = fresh.send(narrow)
    assert response.status == 202
    refused = next(r for r in fresh.sent if r.method == "POST" and r.url == narrow.url)
    assert (refused.headers.get("Authorization") or "").startswith("Bearer ")  # the pull token went first: refused
    asked = token_requests(token_registry.tokens, before)
    assert [scopes_asked(entry) for entry in asked] == [["repository:team/narrow:pull,push"]]


def test_a_token_that_expires_between_two_requests_under_a_fake_clock(
    token_registry: TokenRegistry, driver: Driver
) -> None:
    pusher = Client(driver, Session(token_registry.registry.root, CREDENTIALS, policy=token_registry.policy))
    pusher.push_image("team/clock", "v1", make_image(b"clock\n"))
    token_registry.tokens.control(expires_in=60)
    try:
        client = Client(driver, Session(token_registry.registry.root, CREDENTIALS, policy=token_registry.policy))
        before = len(token_registry.tokens.stats())
        client.pull("team/clock", "v1")
        client.now += 59
        client.pull("team/clock", "v1")
        assert len(token_requests(token_registry.tokens, before)) == 1  # still valid: reused
        sent = len(client.sent)
        client.now += 1
        client.pull("team/clock", "v1")
        assert len(token_requests(token_registry.tokens, before)) == 2  # expired: refreshed before sending
        assert [r.url.split("?")[0] for r in client.sent[sent:]] == [token_registry.tokens.realm, client.sent[-1].url]
    finally:
        token_registry.tokens.control(expires_in=300)


def test_post_falls_back_to_get_when_the_token_server_answers_404(
    token_registry: TokenRegistry, driver: Driver
) -> None:
    pusher = Client(driver, Session(token_registry.registry.root, CREDENTIALS, policy=token_registry.policy))
    pusher.push_image("team/fallback", "v1", make_image(b"fallback\n"))
    token_registry.tokens.control(post_status=404)
    try:
        client = Client(
            driver, Session(token_registry.registry.root, CREDENTIALS, policy=token_registry.policy, oauth2=True)
        )
        before = len(token_registry.tokens.stats())
        client.pull("team/fallback", "v1")
        asked = token_requests(token_registry.tokens, before)
        assert [entry["method"] for entry in asked] == ["POST", "GET"]
        assert asked[1]["authorization"] == CREDENTIALS.authorization()
    finally:
        token_registry.tokens.control(post_status=None)


def test_an_identity_token_is_refreshed_and_rotated(token_registry: TokenRegistry, driver: Driver) -> None:
    pusher = Client(driver, Session(token_registry.registry.root, CREDENTIALS, policy=token_registry.policy))
    pusher.push_image("team/identity", "v1", make_image(b"identity\n"))
    # `docker login` keeps a refresh token as the identity token: get one the same way (offline_token=true).
    login = Client(
        driver, Session(token_registry.registry.root, CREDENTIALS, policy=token_registry.policy, offline_token=True)
    )
    login.send(registry.check_api(token_registry.registry.root))
    identity = login.session.refresh_token
    assert identity is not None
    client = Client(
        driver, Session(token_registry.registry.root, IdentityToken(identity), policy=token_registry.policy)
    )
    before = len(token_registry.tokens.stats())
    client.pull("team/identity", "v1")
    first = client.session.refresh_token
    assert first is not None and first != identity
    client.now += 400  # the access token (300 s) has expired
    client.pull("team/identity", "v1")
    asked = token_requests(token_registry.tokens, before)
    assert [entry["method"] for entry in asked] == ["POST", "POST"]
    presented = [entry["fields"]["refresh_token"] for entry in asked]  # type: ignore[index]
    assert presented == [[identity], [first]]
    assert client.session.refresh_token not in (None, first)


def test_catalog_and_ping_need_their_own_scopes(token_registry: TokenRegistry, driver: Driver) -> None:
    client = Client(driver, Session(token_registry.registry.root, CREDENTIALS, policy=token_registry.policy))
    _, response = client.send(registry.check_api(token_registry.registry.root))
    assert registry.read_api_check(registry.check_api(token_registry.registry.root), response).authorized
    _, response = client.send(registry.list_catalog(token_registry.registry.root))
    assert response.status == 200


# -- the htpasswd registry -----------------------------------------------------------------------------------


def test_basic_credentials_through_a_session(protected: RegistryServer, driver: Driver) -> None:
    client = Client(driver, Session(protected.root, CREDENTIALS))
    image = make_image(b"basic through a session\n")
    client.push_image("basic/hello", "v1", image)
    assert client.pull("basic/hello", "v1") == image.manifest
    first, retry = client.sent[:2]
    assert "authorization" not in first.headers and retry.headers.get("Authorization") == CREDENTIALS.authorization()
    assert all(
        r.headers.get("Authorization") == CREDENTIALS.authorization() for r in client.sent[2:]
    )  # known: sent first
    refused = Client(driver, Session(protected.root, Basic(TEST_USER, "wrong")))
    with pytest.raises(errors.UnauthorizedError):
        refused.pull("basic/hello", "v1")
    with pytest.raises(errors.UnauthorizedError):
        Client(driver, Session(protected.root, ANONYMOUS)).pull("basic/hello", "v1")


# -- credentials written by skopeo login ------------------------------------------------------------------------


def skopeo_login(authfile: Path, server: RegistryServer, key: str | None = None) -> None:
    skopeo = require_tool("skopeo")
    run = subprocess.run(
        [
            skopeo,
            "login",
            "--tls-verify=false",
            "--authfile",
            str(authfile),
            "-u",
            TEST_USER,
            "--password-stdin",
            key or server.host,
        ],
        input=TEST_PASSWORD,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr


def test_skopeo_login_files_resolve_to_the_right_credentials(
    protected: RegistryServer, tmp_path: Path, driver: Driver
) -> None:
    docker_config = tmp_path / "docker" / "config.json"
    podman_auth = tmp_path / "containers" / "auth.json"
    docker_config.parent.mkdir()
    podman_auth.parent.mkdir()
    docker_config.write_text('{"auths": {"other.example": {"auth": "b3RoZXI6c2VjcmV0"}}, "psFormat": "table"}')
    skopeo_login(docker_config, protected)
    skopeo_login(podman_auth, protected)
    docker_answer = resolve_credentials(docker_config.read_bytes(), protected.host)
    podman_answer = resolve_auth_json(podman_auth.read_bytes(), protected.host + "/basic/hello")
    assert docker_answer == CREDENTIALS and podman_answer == CREDENTIALS
    assert resolve_credentials(docker_config.read_bytes(), "other.example") == Basic(
        "other", "secret"
    )  # kept by skopeo
    image = make_image(b"skopeo login\n")
    Client(driver, Session(protected.root, CREDENTIALS)).push_image("basic/skopeo", "v1", image)
    assert isinstance(docker_answer, Basic)
    assert Client(driver, Session(protected.root, docker_answer)).pull("basic/skopeo", "v1") == image.manifest


def test_skopeo_namespaced_login_is_most_specific_first(protected: RegistryServer, tmp_path: Path) -> None:
    podman_auth = tmp_path / "auth.json"
    wrong = {"auths": {protected.host: {"auth": "d3Jvbmc6d3Jvbmc="}}}  # wrong:wrong for the host itself
    podman_auth.write_text(json.dumps(wrong))
    skopeo_login(podman_auth, protected, key=protected.host + "/basic")
    content = podman_auth.read_bytes()
    assert resolve_auth_json(content, protected.host + "/basic/hello") == CREDENTIALS
    assert resolve_auth_json(content, protected.host + "/other/hello") == Basic("wrong", "wrong")
