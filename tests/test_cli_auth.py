"""The tool's credentials against real registries: htpasswd (Basic) and token auth (Bearer, a token server).

Credentials come, in the tool's order, from ``--username``/``--password-stdin``,
from a docker ``config.json`` (written here by ``skopeo login``), from a
credential helper named in it (a small script on ``PATH``), or from podman's
``auth.json`` (``REGISTRY_AUTH_FILE``); none means anonymous. The token
server lives on another port of 127.0.0.1, which the realm policy refuses
unless ``--trust-realm`` names it. Everything skips without docker-registry,
skopeo and openssl (and fails under ``OCI_CORE_REQUIRE_TOOLS=1``).
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli_fixtures import LayoutImage, Ran, run_tool, tool_env, write_layout
from tests.registry_server import TEST_PASSWORD, TEST_USER, RegistryServer, htpasswd_auth, start_registry, token_auth
from tests.token_server import ISSUER, SERVICE, TokenServer, make_signing_key, start_token_server
from tests.tools import require_tool


@dataclass
class Setting:
    basic: RegistryServer
    token: RegistryServer
    tokens: TokenServer
    image: LayoutImage
    home: Path


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setting]:
    require_tool("openssl")
    require_tool("skopeo")
    directory = tmp_path_factory.mktemp("cli-auth")
    image = write_layout(directory / "image", "v1")
    home = directory / "home"
    home.mkdir()
    key, certificate, x5c = make_signing_key(directory)
    with start_token_server(directory, key, x5c, TEST_USER, TEST_PASSWORD) as tokens:
        auth = token_auth(tokens.realm, certificate, service=SERVICE, issuer=ISSUER)
        with start_registry(directory, auth=htpasswd_auth(directory), name="basic") as basic, start_registry(
            directory, auth=auth, name="token"
        ) as token:
            yield Setting(basic, token, tokens, image, home)


def with_password(*args: str, home: Path, env: dict[str, str] | None = None) -> Ran:
    return run_tool("--username", TEST_USER, "--password-stdin", *args, home=home,
                    stdin=TEST_PASSWORD.encode() + b"\n", env=env)


def skopeo_login(host: str, authfile: Path) -> None:
    program = require_tool("skopeo")
    authfile.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [program, "login", "--tls-verify=false", "--authfile", str(authfile), "-u", TEST_USER, "--password-stdin",
         host],
        input=TEST_PASSWORD.encode(), capture_output=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr.decode()


# -- htpasswd ---------------------------------------------------------------------------------------


def test_anonymous_is_refused_with_the_registry_words(setting: Setting) -> None:
    done = run_tool("ls", f"{setting.basic.host}/app", home=setting.home)
    assert done.returncode == 1
    assert b"401" in done.stderr and b"UNAUTHORIZED" in done.stderr and b"Traceback" not in done.stderr


def test_username_and_password_from_standard_input(setting: Setting, tmp_path: Path) -> None:
    host, image = setting.basic.host, setting.image
    pushed = with_password("push", f"{image.root}:v1", f"{host}/app:v1", home=setting.home)
    assert pushed.returncode == 0, pushed.stderr.decode()
    listed = with_password("ls", f"{host}/app", home=setting.home)
    assert listed.stdout.decode().split() == ["v1"]
    pulled = with_password("pull", f"{host}/app:v1", str(tmp_path / "out"), home=setting.home)
    assert pulled.returncode == 0, pulled.stderr.decode()
    wrong = run_tool("--username", TEST_USER, "--password-stdin", "ls", f"{host}/app", home=setting.home,
                     stdin=b"wrong\n")
    assert wrong.returncode == 1 and b"401" in wrong.stderr
    usage = run_tool("--password-stdin", "ls", f"{host}/app", home=setting.home)
    assert usage.returncode == 2 and b"--password-stdin needs --username" in usage.stderr


def test_credentials_from_a_docker_config_written_by_skopeo_login(setting: Setting, tmp_path: Path) -> None:
    host = setting.basic.host
    with_password("push", f"{setting.image.root}:v1", f"{host}/app:v1", home=setting.home)
    skopeo_login(host, tmp_path / ".docker" / "config.json")
    done = run_tool("ls", f"{host}/app", home=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().split() == ["v1"]


def test_credentials_from_podman_auth_json(setting: Setting, tmp_path: Path) -> None:
    host = setting.basic.host
    with_password("push", f"{setting.image.root}:v1", f"{host}/app:v1", home=setting.home)
    authfile = tmp_path / "auth.json"
    skopeo_login(host, authfile)
    done = run_tool("ls", f"{host}/app", home=tmp_path, env=tool_env(tmp_path, REGISTRY_AUTH_FILE=str(authfile)))
    assert done.returncode == 0, done.stderr.decode()


def test_credentials_from_a_helper(setting: Setting, tmp_path: Path) -> None:
    host = setting.basic.host
    with_password("push", f"{setting.image.root}:v1", f"{host}/app:v1", home=setting.home)
    helper = tmp_path / "bin" / "docker-credential-oci-cli-test"
    helper.parent.mkdir()
    answer = json.dumps({"ServerURL": host, "Username": TEST_USER, "Secret": TEST_PASSWORD})
    helper.write_text(
        "#!/bin/sh\n"
        '[ "$1" = get ] || { echo "unsupported $1"; exit 1; }\n'
        "read server\n"
        f'[ "$server" = "{host}" ] || {{ echo "credentials not found in native keychain"; exit 1; }}\n'
        f"echo '{answer}'\n"
    )
    helper.chmod(helper.stat().st_mode | stat.S_IXUSR)
    config = tmp_path / ".docker" / "config.json"
    config.parent.mkdir()
    config.write_text(json.dumps({"auths": {}, "credsStore": "oci-cli-test"}))
    env = tool_env(tmp_path, PATH=f"{helper.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    done = run_tool("ls", f"{host}/app", home=tmp_path, env=env)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().split() == ["v1"]
    config.write_text(json.dumps({"auths": {}, "credsStore": "not-installed-anywhere"}))
    missing = run_tool("ls", f"{host}/app", home=tmp_path, env=env)
    assert missing.returncode == 1
    assert b"docker-credential-not-installed-anywhere is not installed" in missing.stderr


def test_a_bad_config_file_is_reported_with_its_pointer(setting: Setting, tmp_path: Path) -> None:
    config = tmp_path / ".docker" / "config.json"
    config.parent.mkdir()
    config.write_text('{"auths": {"x": {"auth": "not base64!"}}}')
    done = run_tool("ls", f"{setting.basic.host}/app", home=tmp_path)
    assert done.returncode == 1 and b"/auths/x/auth" in done.stderr and b"Traceback" not in done.stderr


# -- token auth ----------------------------------------------------------------------------------------


def test_a_token_server_on_loopback_needs_trust_realm(setting: Setting) -> None:
    done = run_tool("ls", f"{setting.token.host}/app", home=setting.home)
    assert done.returncode == 1
    assert b"--trust-realm" in done.stderr or b"realm" in done.stderr


def test_push_pull_copy_with_tokens_cached_for_the_run(setting: Setting, tmp_path: Path) -> None:
    host, tokens, image = setting.token.host, setting.tokens, setting.image
    trust = ("--trust-realm", tokens.root)
    before = len(tokens.stats())
    pushed = with_password(*trust, "push", "--referrers", f"{image.root}:v1", f"{host}/team/app:v1", home=setting.home)
    assert pushed.returncode == 0, pushed.stderr.decode()
    asked = tokens.stats()[before:]
    # One token for the repository's pull and push, asked once and used for every request of the run.
    assert len(asked) == 1, asked
    before = len(tokens.stats())
    pulled = with_password(*trust, "pull", "--referrers", f"{host}/team/app:v1", str(tmp_path / "out"),
                           home=setting.home)
    assert pulled.returncode == 0, pulled.stderr.decode()
    assert len(tokens.stats()[before:]) == 1
    assert run_tool("layout", str(tmp_path / "out"), home=setting.home).returncode == 0
    # Anonymous callers get pull only: a read works, a push is refused with the registry's words.
    anonymous = run_tool(*trust, "manifest", f"{host}/team/app:v1", home=setting.home)
    assert anonymous.returncode == 0 and anonymous.stdout == image.blobs[str(image.index.digest)]
    refused = run_tool(*trust, "tag", f"{host}/team/app:v1", "v2", home=setting.home)
    assert refused.returncode == 1 and b"401" in refused.stderr
    # A copy within the registry mounts, with a token for both repositories.
    copied = with_password(*trust, "--json", "copy", f"{host}/team/app:v1", f"{host}/team/mounted:v1",
                           home=setting.home)
    assert copied.returncode == 0, copied.stderr.decode()
    assert set(json.loads(copied.stdout)["blobs"].values()) == {"mounted"}
