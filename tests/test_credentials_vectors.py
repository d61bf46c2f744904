"""The upstream credential vectors (spec-vectors/auth/credentials-*.json, credential-helpers.json).

One parametrised test per vector file, over every case, as in
tests/test_auth_vectors.py: each runner computes our summary and upstream's,
and a case answered differently on purpose is listed in ``DEVIATIONS`` with
our answer (reasons in spec-vectors/DEVIATIONS.md, "auth/").

Upstream tests run helper *programs* (shell fixtures, Go mocks) and read
*files*; here the fixtures' behaviour, restated as data in the vector files,
answers the :class:`~oci_core.credentials.HelperCall` values the library
builds, and file contents are handed to the resolvers as bytes, which is
what the caller of this library does with a real ``subprocess`` and ``open``.

What upstream does that this library does not (write credential files, be a
helper program, read the daemon's or registries.conf's configuration) gives
``{"not_applicable": why}``, listed as a deviation so that it cannot go
unnoticed.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

import pytest

from oci_core import errors
from oci_core.credentials import (
    ANONYMOUS,
    Anonymous,
    Basic,
    Credentials,
    HelperCall,
    IdentityToken,
    RegistryToken,
    auth_key_lookup_order,
    containers_auth_files,
    convert_to_hostname,
    decode_auth,
    docker_config_key,
    helper_erase,
    helper_get,
    helper_list,
    helper_store,
    keychain_files,
    parse_auth_key,
    read_helper_done,
    read_helper_get,
    read_helper_list,
    resolve_auth_json,
    resolve_credentials,
    validate_auth_key,
)
from oci_core.reference import default_scheme, parse_normalized_reference, registry_host

from .vectors import cases, load

Summary = Any

NOT_WRITTEN = {"not_applicable": "oci_core reads credential files; it does not write them (login, logout)"}
NOT_A_HELPER = {"not_applicable": "oci_core runs credential helpers; it is not one"}
NOT_DAEMON = {"not_applicable": "the daemon's configuration (mirrors, insecure registries) is not oci_core's"}


def attempt(run: Callable[[], Summary]) -> Summary:
    try:
        return run()
    except errors.OCIError as error:
        return {"error": type(error).__name__}
    except ValueError as error:
        return {"error": f"ValueError: {error}"}


def b64(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode()


def config_bytes(document: Mapping[str, Any]) -> bytes:
    return json.dumps(document).encode()


def creds_summary(answer: Credentials | HelperCall | None) -> Summary:
    """Credentials as upstream writes them: user name and password, or the tokens ({} for none)."""
    if answer is None or isinstance(answer, Anonymous):
        return {}
    if isinstance(answer, Basic):
        return {"username": answer.username, "password": answer.password}
    if isinstance(answer, IdentityToken):
        return (
            {"username": answer.username, "identitytoken": answer.token}
            if answer.username
            else {"identitytoken": answer.token}
        )
    if isinstance(answer, RegistryToken):
        return {"registrytoken": answer.token}
    return {"helper": answer.program, "server": answer.server_url}


def upstream_creds(config: Mapping[str, Any] | None) -> Summary:
    """An upstream auth config in docker's priority: registry token, identity token, then user and password."""
    if not config:
        return {}
    get = {key.lower(): value for key, value in config.items()}
    if get.get("registrytoken"):
        return {"registrytoken": get["registrytoken"]}
    if get.get("identitytoken"):
        summary = {"identitytoken": get["identitytoken"]}
        if get.get("username"):
            summary = {"username": get["username"], **summary}
        return summary
    if get.get("username") or get.get("password"):
        return {"username": get.get("username", ""), "password": get.get("password", "")}
    return {}


class Helpers:
    """Fixture helper programs, restated as data: what each writes and how it exits, per action and input."""

    def __init__(self, fixtures: Mapping[str, Any]) -> None:
        self.fixtures = fixtures
        self.calls: list[HelperCall] = []

    def run(self, call: HelperCall) -> tuple[bytes, int]:
        self.calls.append(call)
        name = call.program.removeprefix("docker-credential-")
        fixture = self.fixtures.get(name, self.fixtures.get("*"))
        if fixture is None:
            return b"", 127  # not installed: what a shell answers
        table = fixture.get(call.action)
        server = call.input.decode()
        if call.action == "store":
            server = "ServerURL " + json.loads(call.input)["ServerURL"]
        if not isinstance(table, Mapping):
            return b"not implemented", 1
        entry = table.get(server, table.get("*"))
        if entry is None:
            entry = next((value for key, value in table.items() if key.startswith("undecodable")), None)
        if entry is None:
            return b"", fixture.get("otherwise", {}).get("exit", 1)
        if "stdout" in entry:
            return entry["stdout"].encode(), entry["exit"]
        return json.dumps(entry).encode(), 0

    def answer(self, answer: Credentials | HelperCall | None) -> Credentials | None:
        """The credentials at the end of a resolution: a helper's answer when it was one."""
        if isinstance(answer, HelperCall):
            stdout, status = self.run(answer)
            return read_helper_get(answer, stdout, status)
        return answer


def run_get(helpers: Helpers, call: HelperCall) -> Summary:
    return creds_summary(read_helper_get(call, *helpers.run(call)))


def run_done(helpers: Helpers, call: HelperCall) -> Summary:
    read_helper_done(call, *helpers.run(call))
    return None


# -- credential-helpers.json -----------------------------------------------------------------------------


def helper_protocol(case: Summary) -> tuple[Summary, Summary]:
    op = case["op"]
    if op.startswith("helper_"):
        return NOT_A_HELPER, {"upstream": "the helper side of the protocol"}
    if op == "registryurl_parse":
        return NOT_A_HELPER, {"upstream": "the helper side's URL normalisation"}
    mock = load("auth/credential-helpers.json")["context"]["mock_program"]
    helpers = Helpers({"mock": {**mock, "store": _store_table(mock["store"])}})
    if op == "client_store":
        creds = case["credentials"]
        secret: Basic | IdentityToken = (
            IdentityToken(creds["Secret"])
            if creds["Username"] == "<token>"
            else Basic(creds["Username"], creds["Secret"])
        )
        call = helper_store("mock", creds["ServerURL"], secret)
        ours = attempt(lambda: read_helper_done(call, *helpers.run(call)))
        return {"error": ours is not None}, {"error": case["expected_error"] is not None}
    if op == "client_erase":
        call = helper_erase("mock", case["server_url"])
        ours = attempt(lambda: read_helper_done(call, *helpers.run(call)))
        return {"error": ours is not None}, {"error": case["expected_error"] is not None}
    if op == "client_list":
        call = helper_list("mock")
        return dict(read_helper_list(call, *helpers.run(call))), case["expected_entry"]
    call = helper_get("mock", case["server_url"])

    def run() -> Summary:
        return creds_summary(read_helper_get(call, *helpers.run(call)))

    try:
        ours = run()
    except errors.CredentialHelperError as error:
        # The Go mock's process error reads "exited 1" where a real program gives "exit status 1".
        return {"message": str(error).replace("exit status 1", "exited 1")}, {"message": case["expected_error_message"]}
    if "expected_error" in case:  # credentials not found: no credentials, not an error
        return ours, {}
    expected = case["expected"]
    return ours, upstream_creds({"username": expected["Username"], "password": expected["Secret"]}) if expected[
        "Username"
    ] != "<token>" else {"identitytoken": expected["Secret"]}


def _store_table(table: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in table.items() if key.startswith("ServerURL ")}


# -- credentials-docker-cli.json ---------------------------------------------------------------------------


def docker_cli(case: Summary) -> tuple[Summary, Summary]:
    op = case["op"]
    if op == "convert_to_hostname":
        return convert_to_hostname(case["input"]), case["expected"]
    if op == "retrieve_auth_token_from_image":
        config = load("auth/credentials-docker-cli.json")["context"]["retrieve_auth_token_from_image"]["config_json"]
        domain = parse_normalized_reference(case["image"]).domain or "docker.io"
        return creds_summary(resolve_credentials(config.encode(), domain)), upstream_creds(case["expected"])
    if op == "get_auth_config":
        return creds_summary(resolve_credentials(case["config_json"].encode(), case["registry"])), case["expected"]
    if op == "encode_decode_auth":
        given = case["input"]
        return dict(
            zip(
                ("username", "password"),
                decode_auth(Basic(given["username"], given["password"]).encoded()),
                strict=True,
            )
        ), case["expected_round_trip"]
    if op == "parse_env_config":
        return docker_env_config(case)
    if op == "get_all_credentials":
        return docker_all_credentials(case)
    if op == "load_config":
        return docker_load_config(case)
    if op == "get_default_auth_config":
        return docker_default_auth_config(case)
    if op == "native_store":
        return docker_native_store(case)
    assert op == "file_store"
    return NOT_WRITTEN, {"upstream": "file store Store/Erase/GetAll"}


def docker_env_config(case: Summary) -> tuple[Summary, Summary]:
    if "expected_error_contains" in case:
        return attempt(lambda: resolve_credentials(b"", "env.example.test", env_config=case["input"])), {
            "error": "InvalidCredentialsError"
        }
    return {key: creds_summary(resolve_credentials(b"", key, env_config=case["input"])) for key in case["expected"]}, {
        key: upstream_creds(value) for key, value in case["expected"].items()
    }


def docker_all_credentials(case: Summary) -> tuple[Summary, Summary]:
    """docker/cli's GetAllCredentials, from the library's pieces: every key the file, the env, the store's
    list and credHelpers name, each resolved; a helper that fails is skipped (docker logs it)."""
    config = case["config"]
    raw = config_bytes(config)
    env = (case.get("env") or {}).get("DOCKER_AUTH_CONFIG") or None
    stores = case.get("stores", {})
    errors_by_server = case.get("store_get_errors", {})
    fixtures: dict[str, Any] = {}
    for name, table in stores.items():
        get = {
            server: (
                {"stdout": "an error", "exit": 1}
                if server in errors_by_server
                else {"ServerURL": server, "Username": c.get("username", ""), "Secret": c.get("password", "")}
            )
            for server, c in table.items()
        }
        fixtures[name] = {
            "get": get,
            "list": {"*": {"stdout": json.dumps({s: c.get("username", "") for s, c in table.items()}), "exit": 0}},
        }
    helpers = Helpers(fixtures)
    environment: str | None = env
    try:
        resolve_credentials(b"", "", env_config=env)
    except errors.InvalidCredentialsError:
        environment = None  # docker prints the error and goes on without DOCKER_AUTH_CONFIG
    keys: list[str] = list(json.loads(environment)["auths"]) if environment else []
    keys += list(config.get("auths", {}))
    if config.get("credsStore"):
        call = helper_list(config["credsStore"])
        keys += list(read_helper_list(call, *helpers.run(call)))
    keys += list(config.get("credHelpers", {}))
    found: dict[str, Summary] = {}
    for key in dict.fromkeys(keys):
        try:
            answer = helpers.answer(resolve_credentials(raw, key, env_config=environment))
        except errors.CredentialHelperError:
            continue
        if answer is not None and not isinstance(answer, Anonymous):
            found[key] = creds_summary(answer)
    ours: Summary = {"credentials": found}
    upstream: Summary = {"credentials": {key: upstream_creds(value) for key, value in case["expected"].items()}}
    if "expected_store_getall_calls" in case:
        ours["list_calls"] = {
            name: sum(1 for c in helpers.calls if c.action == "list" and c.program.endswith(name))
            for name in case["expected_store_getall_calls"]
        }
        upstream["list_calls"] = case["expected_store_getall_calls"]
    return ours, upstream


def docker_load_config(case: Summary) -> tuple[Summary, Summary]:
    raw = case["config_json"].encode()
    if "expected_error_contains" in case:
        return attempt(lambda: resolve_credentials(raw, "docker.io")), {"error": "InvalidCredentialsError"}
    ours: Summary = {}
    upstream: Summary = {}
    if "expected_auth_configs" in case:
        ours["auths"] = {key: creds_summary(resolve_credentials(raw, key)) for key in case["expected_auth_configs"]}
        upstream["auths"] = {key: upstream_creds(value) for key, value in case["expected_auth_configs"].items()}
    if "expected_fields" in case:
        fields = case["expected_fields"]
        if "credsStore" in fields:
            answer = resolve_credentials(raw, "any.example")
            ours["credsStore"] = (
                answer.program.removeprefix("docker-credential-") if isinstance(answer, HelperCall) else None
            )
            upstream["credsStore"] = fields["credsStore"]
        if "credHelpers" in fields:
            ours["credHelpers"] = {}
            for key in fields["credHelpers"]:
                answer = resolve_credentials(raw, key)
                ours["credHelpers"][key] = (
                    answer.program.removeprefix("docker-credential-") if isinstance(answer, HelperCall) else None
                )
            upstream["credHelpers"] = fields["credHelpers"]
    if not ours:  # an empty file, an empty object: read without error, nothing in it
        ours["anonymous"] = resolve_credentials(raw, "docker.io") == ANONYMOUS
        upstream["anonymous"] = True
    if "expected_saved" in case or "expected_saved_contains" in case:
        ours["saved"] = NOT_WRITTEN
        upstream["saved"] = case.get("expected_saved", case.get("expected_saved_contains"))
    return ours, upstream


def docker_default_auth_config(case: Summary) -> tuple[Summary, Summary]:
    expected = case["expected"]
    if "config" in case:  # a credsStore whose program is not installed: running it fails, naming it
        answer = resolve_credentials(config_bytes(case["config"]), case["server_address"])
        assert isinstance(answer, HelperCall)
        return {"fails_running": answer.program}, {"fails_running": case["expected_error_contains"]}
    stored = {
        key: {"username": v["username"], "password": v["password"]} for key, v in case["stored_in_file_store"].items()
    }
    address = case["server_address"]
    key = address if case["is_default_registry"] else convert_to_hostname(address)
    ours = creds_summary(resolve_credentials(config_bytes({"auths": stored}), key)) if case["check_cred_store"] else {}
    return ours, upstream_creds(expected)


def docker_native_store(case: Summary) -> tuple[Summary, Summary]:
    fixtures = load("auth/credentials-docker-cli.json")["context"]["helper_fixtures"]
    helpers = Helpers({"native": fixtures["native_store"]})
    ours: list[Summary] = []
    upstream: list[Summary] = []
    for step in case["steps"]:
        call_name = step["call"]
        if call_name == "file_store_contents":
            ours.append(NOT_WRITTEN)
            upstream.append(step["expected"])
            continue
        if call_name == "Get":
            call = helper_get("native", step["server"])
            got = attempt(partial(run_get, helpers, call))
        elif call_name == "GetAll":
            listing = helper_list("native")
            servers = read_helper_list(listing, *helpers.run(listing))
            got = {
                server: creds_summary(
                    read_helper_get(helper_get("native", server), *helpers.run(helper_get("native", server)))
                )
                for server in servers
            }
        elif call_name == "Store":
            auth = step["auth"]
            call = helper_store("native", auth["serveraddress"], Basic(auth["username"], auth["password"]))
            got = attempt(partial(run_done, helpers, call))
        else:
            call = helper_erase("native", step["server"])
            got = attempt(partial(run_done, helpers, call))
        if "expected_error_contains" in step:
            ours.append({"error": isinstance(got, dict) and "error" in got})
            upstream.append({"error": True})
        elif call_name == "GetAll":
            ours.append({"count": len(got), "entry": {k: got[k] for k in step["expected_entry"]}})
            upstream.append(
                {
                    "count": step["expected_count"],
                    "entry": {k: upstream_creds(v) for k, v in step["expected_entry"].items()},
                }
            )
        elif call_name == "Get":
            ours.append(got)
            upstream.append(upstream_creds(step.get("expected")))
        else:
            ours.append({"error": got is not None})
            upstream.append({"error": False})
    return ours, upstream


# -- credentials-docker-cli-legacy.json ----------------------------------------------------------------------


def docker_legacy(case: Summary) -> tuple[Summary, Summary]:
    raw = case["content"].encode()
    if "expected_error_contains" in case:
        return attempt(lambda: resolve_credentials(raw, "docker.io", legacy=True)), {"error": "InvalidCredentialsError"}
    ours: Summary = {
        key: creds_summary(resolve_credentials(raw, key, legacy=True)) for key in case["expected_auth_configs"]
    }
    upstream: Summary = {key: upstream_creds(value) for key, value in case["expected_auth_configs"].items()}
    if "expected_saved" in case:
        return {"auths": ours, "saved": NOT_WRITTEN}, {"auths": upstream, "saved": case["expected_saved"]}
    return ours, upstream


# -- credentials-moby.json ------------------------------------------------------------------------------------


def moby(case: Summary) -> tuple[Summary, Summary]:
    op = case["op"]
    if op == "resolve_auth_config":
        config = config_bytes({"auths": case["auth_configs"]})
        index = case["index"]
        registry = "docker.io" if index["official"] else index.get("name", "")
        ours = creds_summary(resolve_credentials(config, registry))
        if "expected" in case:
            return ours, upstream_creds(case["expected"])
        if "expected_not" in case:
            return ours == upstream_creds(case["expected_not"]), False
        hub = upstream_creds(case["auth_configs"]["https://index.docker.io/v1/"])
        return ours == hub, case["expected_is_index_server_entry"]
    if op == "parse_repository_info":
        ref = parse_normalized_reference(case["input"])
        ours = {
            "index_name": ref.domain,
            "index_official": ref.domain == "docker.io",
            "remote_name": ref.path,
            "local_name": ref.familiar_name,
            "canonical_name": ref.name,
            "official": ref.domain == "docker.io" and ref.path.startswith("library/"),
            "credential_key": docker_config_key(ref.domain or ""),
        }
        expected = dict(case["expected"])
        expected["credential_key"] = (
            "https://index.docker.io/v1/" if expected["index_official"] else expected["index_name"]
        )
        return ours, expected
    if op == "new_index_info":
        expected = case["expected"]
        name = parse_normalized_reference(case["index_name"] + "/x").domain
        ours = {"name": name, "official": name == "docker.io"}
        upstream = {"name": expected["name"], "official": expected["official"]}
        config = case["service_config"]
        if not config["mirrors"] and not config["insecure_registries"]:
            ours["secure"] = default_scheme(name) == "https"
            upstream["secure"] = expected["secure"]
        else:
            ours["service_config"] = NOT_DAEMON
            upstream["service_config"] = {"secure": expected["secure"], "mirrors": expected["mirror_count"]}
        return ours, upstream
    assert op == "validate_index_name"
    ours = attempt(lambda: parse_normalized_reference(case["input"] + "/x").domain)
    return ours, case["expected"] if case.get("valid", True) else {"error": "InvalidReferenceError"}


# -- credentials-containers-image.json --------------------------------------------------------------------------

HOME = "/home/tester"
UID = 1000


def containers_fixture(name: str | None) -> bytes | None:
    if name is None:
        return None
    fixture = load("auth/credentials-containers-image.json")["context"]["fixtures"][name]
    return config_bytes(fixture["document"]) if "document" in fixture else fixture["raw"].encode()


def containers_lookup(
    files: Mapping[str, bytes], key: str, env: Mapping[str, str] | None = None, *, helpers_conf: list[str] | None = None
) -> Summary:
    """podman's GetCredentials over the library's file list and resolver, with the fixture helper."""
    helper_fixture = load("auth/credentials-containers-image.json")["context"]["helper_fixture"]
    helpers = Helpers({"helper-registry": helper_fixture})
    registry = key.split("/", 1)[0]
    for source in helpers_conf or ["containers-auth.json"]:
        if source != "containers-auth.json":
            answer = helpers.answer(helper_get(source, registry))
            if answer is not None and not isinstance(answer, Anonymous):
                return creds_summary(answer)
            continue
        for file in containers_auth_files(env or {"XDG_RUNTIME_DIR": "/run/user/1000"}, HOME, "linux", uid=UID):
            content = files.get(file.path)
            if content is None:
                continue
            found = helpers.answer(resolve_auth_json(content, key, legacy=file.legacy))
            if found is not None and not isinstance(found, Anonymous):
                return creds_summary(found)
    return {}


def containers(case: Summary) -> tuple[Summary, Summary]:
    op = case["op"]
    if op == "get_path_to_auth":
        return containers_path(case)
    if op == "get_credentials":
        return containers_get(case)
    if op == "steps":
        ours, upstream = [], []
        for step in case["steps"]:
            files = {
                path.replace("$XDG_RUNTIME_DIR", "/run/user/1000").replace("~", HOME): text.encode()
                for path, text in step["files"].items()
            }
            ours.append(attempt(partial(containers_lookup, files, step["key"])))
            upstream.append(step.get("expected", {"error": "InvalidCredentialsError"}))
        return ours, upstream
    if op == "auth_key_lookup_order":
        return list(auth_key_lookup_order(case["input"], legacy=case["legacy_format"])), case["expected"]
    if op == "validate_key":
        ours = attempt(lambda: validate_auth_key(case["key"]))
        if case["valid"]:
            return ours, case["is_namespaced"]
        return isinstance(ours, dict) and "error" in ours, True
    if op == "docker_login_then_get":
        key = "https://index.docker.io/v1/" if not case["login_key"] else convert_to_hostname(case["login_key"])
        docker = config_bytes({"auths": {key: {"auth": b64("some-user", "some-password")}}})
        path = f"{HOME}/.docker/config.json"
        after_login = containers_lookup({path: docker}, case["query_key"])
        after_logout = containers_lookup({path: config_bytes({"auths": {}})}, case["query_key"])
        return [after_login, after_logout], [case["expected_after_login"], case["expected_after_logout"]]
    if op == "get_all_credentials":
        if "set_authentication" in case:
            return NOT_WRITTEN, {"upstream": "SetAuthentication, then GetAllCredentials"}
        config = containers_fixture("config.json")
        assert config is not None
        found = {}
        for registry in json.loads(config)["credHelpers"]:
            answer = containers_lookup(
                {f"{HOME}/testdata/config.json": config}, registry, {"DOCKER_CONFIG": f"{HOME}/testdata"}
            )
            if answer:
                found[registry] = answer
        return found, case["expected"]
    if op == "get_default_auth_file":
        return {"not_applicable": "podman login's default --authfile is a write target"}, case["steps"]
    if op == "parse_credentials_key":
        ours = attempt(lambda: list(parse_auth_key(case["arg"], repositories=case["accept_repositories"])))
        if case["valid"]:
            return ours, [case["expected_key"], case["expected_registry"]]
        return isinstance(ours, dict), True
    assert op in ("set_then_get", "set_then_docker_get", "remove_authentication")
    return NOT_WRITTEN, {"upstream": op}


def containers_path(case: Summary) -> tuple[Summary, Summary]:
    sys_context = case["sys"] or {}
    if "LegacyFormatAuthFilePath" in sys_context or "RootForImplicitAbsolutePaths" in sys_context:
        return {"not_applicable": "SystemContext fields that podman's REGISTRY_AUTH_FILE does not set"}, case.get(
            "expected_path"
        )
    env: dict[str, str] = {}
    if "AuthFilePath" in sys_context:
        env["REGISTRY_AUTH_FILE"] = sys_context["AuthFilePath"]
    runtime = case["xdg_runtime_dir"]
    if runtime is not None:
        env["XDG_RUNTIME_DIR"] = runtime.replace("{tmpDir}", "/tmp/x")
    files = containers_auth_files(env, HOME, case["os"], uid=UID)
    first = files[0]
    ours = {"path": first.path, "legacy": first.legacy, "user_specified": len(files) == 1}
    if case.get("expected_error"):
        return ours, {"error": "XDG_RUNTIME_DIR does not exist"}
    expected_path = (
        case["expected_path"].replace("{uid}", str(UID)).replace("{HOME}", HOME).replace("{tmpDir}", "/tmp/x")
    )
    return ours, {
        "path": expected_path,
        "legacy": case["expected_legacy_format"],
        "user_specified": case["expected_user_specified"],
    }


def containers_get(case: Summary) -> tuple[Summary, Summary]:
    sys_context = case.get("sys") or {}
    expected = case["expected"]
    if "DockerAuthConfig" in sys_context:
        return {"not_applicable": "credentials given by the caller are used as they are: nothing to look up"}, expected
    helpers_conf = None
    if "SystemRegistriesConfPath" in sys_context:
        raw = containers_fixture(sys_context["SystemRegistriesConfPath"]) or b""
        helpers_conf = json.loads(raw.decode().split("=", 1)[1])  # credential-helpers = [ "..." ]
    files: dict[str, bytes] = {}
    if "files" in case:
        for path, name in case["files"].items():
            content = containers_fixture(name)
            assert content is not None
            files[path.replace("~", HOME)] = content
    if "legacy_file" in case:
        content = containers_fixture(case["legacy_file"])
        assert content is not None
        files[f"{HOME}/.dockercfg"] = content
    if "file_json" in case:
        if "LegacyFormatAuthFilePath" in sys_context:
            answer = resolve_auth_json(case["file_json"].encode(), case["key"], legacy=True)
            return creds_summary(answer), expected
        files["/tmp/auth.json"] = case["file_json"].encode()
        return containers_lookup(files, case["key"], {"REGISTRY_AUTH_FILE": "/tmp/auth.json"}), {
            k: v for k, v in expected.items() if v
        } or {}
    fixture = containers_fixture(case.get("file"))
    results = []
    for path in ("/run/user/1000/containers/auth.json", f"{HOME}/.docker/config.json"):
        installed = dict(files)
        if fixture is not None:
            installed[path] = fixture
        results.append(attempt(partial(containers_lookup, installed, case["key"], helpers_conf=helpers_conf)))
    upstream = upstream_creds(expected) if "identitytoken" not in expected else {k: v for k, v in expected.items() if v}
    return results, [upstream, upstream]


# -- credentials-ggcr.json -----------------------------------------------------------------------------------------


def ggcr_credentials(case: Summary) -> tuple[Summary, Summary]:
    op = case["op"]
    if op == "marshal_auth_config":
        config = case["config"]
        return Basic(config["Username"], config["Password"]).encoded(), json.loads(case["expected_json"])["auth"]
    if op == "unmarshal_auth_config":
        entry = json.loads(case["json"])
        raw = config_bytes({"auths": {"x.example": entry}})
        ours = attempt(lambda: creds_summary(resolve_credentials(raw, "x.example")))
        if not case["valid"]:
            return ours, {"error": "InvalidCredentialsError"}
        return ours, upstream_creds(case["expected"])
    if op == "keychain_from_helper":
        get = case["helper_get"]
        helpers = Helpers(
            {
                "fake": {
                    "get": {
                        get["server_url_expected"]: {"stdout": get["error"], "exit": 1}
                        if get["error"]
                        else {
                            "ServerURL": get["server_url_expected"],
                            "Username": get["username"],
                            "Secret": get["secret"],
                        }
                    }
                }
            }
        )
        host = case["target"].split("/", 1)[0]
        ours = attempt(lambda: creds_summary(helpers.answer(helper_get("fake", host))))
        expected = case["expected"]
        if expected == "Anonymous":
            return ours, {}
        return ours, {"identitytoken": expected["IdentityToken"]} if expected["IdentityToken"] else upstream_creds(
            expected
        )
    if op == "refreshing_keychain":
        return {"not_applicable": "re-resolving on a timer is the caller's loop"}, case["expected_auth"]
    if op == "resolve_steps":
        env: dict[str, str] = {"HOME": HOME}
        files: dict[str, bytes] = {}
        ours, upstream = [], []
        for step in case["steps"]:
            env.update({key: value for key, value in (step.get("env") or {}).items() if value is not None})
            for key, value in (step.get("env") or {}).items():
                if value is None:
                    env.pop(key, None)
            for path, text in {**step.get("files", {}), **step.get("add_files", {})}.items():
                files[ggcr_path(path, env)] = text.encode()
            ours.append(ggcr_resolve(env, files, case["target"]))
            upstream.append(ggcr_expected(step["expected"]))
        return ours, upstream
    env = {key: value for key, value in (case.get("env") or {}).items() if value}
    env.setdefault("HOME", HOME)
    files = {ggcr_path(path, env): text.encode() for path, text in case["files"].items()}
    if "expected_error" in case:
        failed = attempt(lambda: ggcr_resolve(env, files, case["target"], run_helpers=True))
        return {"error": isinstance(failed, dict) and "error" in failed}, {"error": True}
    return ggcr_resolve(env, files, case["target"]), ggcr_expected(case["expected"])


def ggcr_path(path: str, env: dict[str, str]) -> str:
    """A file's path, its $VARIABLE set in ``env`` (upstream's test sets each variable it writes under)."""
    for name in ("DOCKER_CONFIG", "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME", "HOME"):
        if f"${name}" in path:
            env.setdefault(name, f"/{name.lower()}")
            path = path.replace(f"${name}", env[name])
    return path.replace("<dir>", "/tmp/dir").replace("<new dir>", "/tmp/new")


def ggcr_expected(expected: Summary) -> Summary:
    if expected == "Anonymous" or expected == {}:
        return {}
    return upstream_creds(expected)


def ggcr_resolve(
    env: Mapping[str, str], files: Mapping[str, bytes], target: str, *, run_helpers: bool = False
) -> Summary:
    """go-containerregistry's DefaultKeychain: the first existing file of keychain_files, docker's rules,
    the repository key tried before the registry's (a directory where a file is expected is skipped)."""
    env = {
        key: value.replace("<dir with config.json>", "/tmp/cfg")
        .replace("<empty dir>", "/tmp/empty")
        .replace("<dir>", "/tmp/dir")
        .replace("<new dir>", "/tmp/new")
        .replace("<home>", HOME)
        for key, value in env.items()
    }
    files = {
        ggcr_path(path.replace("/tmp/dir", env.get("DOCKER_CONFIG", "/tmp/dir")), env)
        if path.startswith("/tmp/dir/config")
        else path: content
        for path, content in files.items()
    }
    files = {
        path.replace("<dir with config.json>", "/tmp/cfg").replace("<home>", HOME): content
        for path, content in files.items()
    }
    for file in keychain_files(env, env.get("HOME", HOME), "linux"):
        content = files.get(file.path)
        if content is None or content == b"<a directory>":
            continue
        host = target.split("/", 1)[0]
        for key in dict.fromkeys((target, host)):
            answer = resolve_credentials(content, key)
            if isinstance(answer, HelperCall):
                if not run_helpers:
                    return {"helper": answer.program}
                raise errors.CredentialHelperError(f"{answer.program} is not installed")
            if not isinstance(answer, Anonymous):
                return creds_summary(answer)
        return {}
    return {}


# -- credentials-regclient.json ------------------------------------------------------------------------------------


def regclient(case: Summary) -> tuple[Summary, Summary]:
    context = load("auth/credentials-regclient.json")["context"]
    config = config_bytes(context["config_json"])
    if case["op"] == "cred_helper_get":
        fixture = context["helper_fixtures"].get(case["cred_helper"], {})
        table = {
            server: {"ServerURL": server, "Username": user, "Secret": secret}
            for server, (user, secret) in fixture.get("get", {}).items()
        }
        helpers = Helpers({case["cred_helper"].removeprefix("docker-credential-"): {"get": table}})

        def run() -> Summary:
            name = case["cred_helper"].removeprefix("docker-credential-")
            answer = helpers.answer(helper_get(name, case["cred_host"] or case["host"]))
            if isinstance(answer, IdentityToken):
                return {"user": "", "pass": "", "token": answer.token}
            assert isinstance(answer, Basic)
            return {"user": answer.username, "pass": answer.password, "token": ""}

        ours = attempt(run)
        if case.get("expected_error"):
            return {"error": "error" in ours}, {"error": True}
        return ours, case["expected"]
    host = case["host_name"]
    try:
        answer = resolve_credentials(config, host, env_config=context["docker_auth_config_env"])
    except errors.InvalidCredentialsError:
        # docker/cli refuses a DOCKER_AUTH_CONFIG with credHelpers and goes on without it.
        answer = resolve_credentials(config, host)
    ours = regclient_summary(host, answer)
    if case.get("expected_missing"):
        return ours, {"missing": True}
    expected = case["expected"]
    upstream = {"hostname": expected["hostname"]}
    if expected["cred_helper"]:
        upstream.update(cred_helper=expected["cred_helper"], cred_host=expected["cred_host"] or host)
    else:
        upstream.update(user=expected["user"], password=expected["pass"])
    return ours, upstream


def regclient_summary(host: str, answer: Credentials | HelperCall) -> Summary:
    summary: Summary = {"hostname": registry_host(host) if "://" not in host else host}
    if isinstance(answer, HelperCall):
        summary.update(cred_helper=answer.program, cred_host=answer.server_url)
    elif isinstance(answer, Basic):
        summary.update(user=answer.username, password=answer.password)
    else:
        return {"missing": True}
    return summary


# -- the table of runners and deviations -----------------------------------------------------------------------------

RUNNERS: dict[str, Callable[[Summary], tuple[Summary, Summary]]] = {
    "auth/credential-helpers.json": helper_protocol,
    "auth/credentials-docker-cli.json": docker_cli,
    "auth/credentials-docker-cli-legacy.json": docker_legacy,
    "auth/credentials-moby.json": moby,
    "auth/credentials-containers-image.json": containers,
    "auth/credentials-ggcr.json": ggcr_credentials,
    "auth/credentials-regclient.json": regclient,
}

# file -> case index -> our answer (reasons: spec-vectors/DEVIATIONS.md, "auth/").
DEVIATIONS: dict[str, dict[int, Summary]] = {
    "auth/credential-helpers.json": {
        # The helper side of the protocol (credentials.Serve, registryurl.Parse): oci_core only runs helpers.
        11: NOT_A_HELPER,
        12: NOT_A_HELPER,
        13: NOT_A_HELPER,
        14: NOT_A_HELPER,
        15: NOT_A_HELPER,
        16: NOT_A_HELPER,
        17: NOT_A_HELPER,
        18: NOT_A_HELPER,
        19: NOT_A_HELPER,
        20: NOT_A_HELPER,
        21: NOT_A_HELPER,
        22: NOT_A_HELPER,
        23: NOT_A_HELPER,
        24: NOT_A_HELPER,
        25: NOT_A_HELPER,
        26: NOT_A_HELPER,
        27: NOT_A_HELPER,
    },
    "auth/credentials-docker-cli.json": {
        # Writing config.json (login, logout, Save) is not built; the reads of the same cases pass.
        37: {
            "auths": {"https://index.docker.io/v1/": {"username": "joejoe", "password": "hello"}},
            "saved": NOT_WRITTEN,
        },
        38: {
            "auths": {"https://index.docker.io/v1/": {"username": "joejoe", "password": "hello"}},
            "saved": NOT_WRITTEN,
        },
        39: {"credsStore": "crazy-secure-storage", "saved": NOT_WRITTEN},
        40: {"credHelpers": {"images.io": "images-io", "containers.com": "crazy-secure-storage"}, "saved": NOT_WRITTEN},
        42: {"anonymous": True, "saved": NOT_WRITTEN},
        138: NOT_WRITTEN,
        139: NOT_WRITTEN,
        140: NOT_WRITTEN,
        141: NOT_WRITTEN,
        142: NOT_WRITTEN,
        143: [{"error": False}, NOT_WRITTEN],
        144: [{"error": True}, NOT_WRITTEN],
        150: [{"error": False}, NOT_WRITTEN],
    },
    "auth/credentials-docker-cli-legacy.json": {
        # The legacy file reads as docker read it; rewriting it as config.json is not built.
        3: {
            "auths": {"https://index.docker.io/v1/": {"username": "joejoe", "password": "hello"}},
            "saved": NOT_WRITTEN,
        },
        5: {
            "auths": {"https://index.docker.io/v1/": {"username": "joejoe", "password": "hello"}},
            "saved": NOT_WRITTEN,
        },
    },
    "auth/credentials-moby.json": {
        # Mirrors and insecure registries are the daemon's configuration; names and officialness agree.
        50: {"name": "docker.io", "official": True, "service_config": NOT_DAEMON},
        51: {"name": "docker.io", "official": True, "service_config": NOT_DAEMON},
        52: {"name": "example.com", "official": False, "service_config": NOT_DAEMON},
        53: {"name": "example.com:5000", "official": False, "service_config": NOT_DAEMON},
        54: {"name": "127.0.0.1", "official": False, "service_config": NOT_DAEMON},
        55: {"name": "127.0.0.1:5000", "official": False, "service_config": NOT_DAEMON},
        56: {"name": "other.com", "official": False, "service_config": NOT_DAEMON},
        57: {"name": "example.com", "official": False, "service_config": NOT_DAEMON},
        58: {"name": "example.com:5000", "official": False, "service_config": NOT_DAEMON},
        59: {"name": "127.0.0.1", "official": False, "service_config": NOT_DAEMON},
        60: {"name": "127.0.0.1:5000", "official": False, "service_config": NOT_DAEMON},
        61: {"name": "other.com", "official": False, "service_config": NOT_DAEMON},
        # ValidateIndexName checks the daemon's mirror settings; an index name here is a reference domain.
        66: {"error": "InvalidReferenceError"},
    },
    "auth/credentials-containers-image.json": {
        # Writing auth.json (SetCredentials, RemoveAuthentication) is not built; SystemContext fields other than the
        # REGISTRY_AUTH_FILE path have no counterpart.
        9: {"not_applicable": "SystemContext fields that podman's REGISTRY_AUTH_FILE does not set"},
        10: {"not_applicable": "SystemContext fields that podman's REGISTRY_AUTH_FILE does not set"},
        11: {"not_applicable": "SystemContext fields that podman's REGISTRY_AUTH_FILE does not set"},
        12: {"not_applicable": "SystemContext fields that podman's REGISTRY_AUTH_FILE does not set"},
        13: {"not_applicable": "SystemContext fields that podman's REGISTRY_AUTH_FILE does not set"},
        14: {"not_applicable": "SystemContext fields that podman's REGISTRY_AUTH_FILE does not set"},
        # No I/O: a missing XDG_RUNTIME_DIR is a file the caller fails to read and skips, as podman does when it
        # reads.
        18: {"path": "/tmp/x/thisdoesnotexist/containers/auth.json", "legacy": False, "user_specified": False},
        31: {"not_applicable": "credentials given by the caller are used as they are: nothing to look up"},
        56: NOT_WRITTEN,
        57: NOT_WRITTEN,
        68: NOT_WRITTEN,
        69: NOT_WRITTEN,
        70: NOT_WRITTEN,
        71: NOT_WRITTEN,
        72: NOT_WRITTEN,
        73: NOT_WRITTEN,
        74: NOT_WRITTEN,
        75: NOT_WRITTEN,
        76: NOT_WRITTEN,
        77: NOT_WRITTEN,
        78: NOT_WRITTEN,
        79: NOT_WRITTEN,
        80: NOT_WRITTEN,
        81: NOT_WRITTEN,
        82: NOT_WRITTEN,
        98: {"not_applicable": "podman login's default --authfile is a write target"},
    },
    "auth/credentials-ggcr.json": {
        # A helper that fails is an error, not anonymous access (docker/cli fails too).
        23: {"error": "CredentialHelperError"},
        25: {"not_applicable": "re-resolving on a timer is the caller's loop"},
    },
    "auth/credentials-regclient.json": {
        # docker/cli's rules, not regclient's: credsStore answers every host without a credHelpers entry (regclient
        # prefers the file's auths), a DOCKER_AUTH_CONFIG holding credHelpers is refused by docker and so ignored,
        # credHelpers keys and auths keys match exactly (no URL or path stripping), and the Hub's access-
        # token/refresh-token keys are Docker Hub keys like any other.
        1: {
            "hostname": "testenv.example.com",
            "cred_helper": "docker-credential-teststore",
            "cred_host": "testenv.example.com",
        },
        2: {
            "hostname": "testenvhelper.example.com",
            "cred_helper": "docker-credential-teststore",
            "cred_host": "testenvhelper.example.com",
        },
        3: {"hostname": "localhost:5001", "cred_helper": "docker-credential-teststore", "cred_host": "localhost:5001"},
        5: {
            "hostname": "http.example.com",
            "cred_helper": "docker-credential-teststore",
            "cred_host": "http.example.com",
        },
        7: {
            "hostname": "storehttp.example.com",
            "cred_helper": "docker-credential-teststore",
            "cred_host": "storehttp.example.com",
        },
        8: {
            "hostname": "missing-from-repo.example.com",
            "cred_helper": "docker-credential-teststore",
            "cred_host": "missing-from-repo.example.com",
        },
        9: {
            "hostname": "registry-1.docker.io",
            "cred_helper": "docker-credential-test",
            "cred_host": "https://index.docker.io/v1/",
        },
        10: {
            "hostname": "https://index.docker.io/v1/access-token",
            "cred_helper": "docker-credential-test",
            "cred_host": "https://index.docker.io/v1/",
        },
        11: {
            "hostname": "https://index.docker.io/v1/test-token",
            "cred_helper": "docker-credential-test",
            "cred_host": "https://index.docker.io/v1/",
        },
        12: {
            "hostname": "https://index.docker.io/v1/helper-token",
            "cred_helper": "docker-credential-test",
            "cred_host": "https://index.docker.io/v1/",
        },
    },
}


def check(relative: str, index: int, case: Summary) -> None:
    ours, upstream = RUNNERS[relative](case)
    deviation = DEVIATIONS.get(relative, {}).get(index)
    if deviation is None:
        assert ours == upstream
        return
    assert deviation != upstream, "listed as a deviation, but upstream agrees"
    assert ours == deviation


def params(relative: str) -> list[Any]:
    return [pytest.param(relative, index, param.values[0], id=param.id) for index, param in enumerate(cases(relative))]


@pytest.mark.parametrize(("relative", "index", "case"), params("auth/credential-helpers.json"))
def test_credential_helpers(relative: str, index: int, case: Summary) -> None:
    check(relative, index, case)


@pytest.mark.parametrize(("relative", "index", "case"), params("auth/credentials-docker-cli.json"))
def test_credentials_docker_cli(relative: str, index: int, case: Summary) -> None:
    check(relative, index, case)


@pytest.mark.parametrize(("relative", "index", "case"), params("auth/credentials-docker-cli-legacy.json"))
def test_credentials_docker_cli_legacy(relative: str, index: int, case: Summary) -> None:
    check(relative, index, case)


@pytest.mark.parametrize(("relative", "index", "case"), params("auth/credentials-moby.json"))
def test_credentials_moby(relative: str, index: int, case: Summary) -> None:
    check(relative, index, case)


@pytest.mark.parametrize(("relative", "index", "case"), params("auth/credentials-containers-image.json"))
def test_credentials_containers_image(relative: str, index: int, case: Summary) -> None:
    check(relative, index, case)


@pytest.mark.parametrize(("relative", "index", "case"), params("auth/credentials-ggcr.json"))
def test_credentials_ggcr(relative: str, index: int, case: Summary) -> None:
    check(relative, index, case)


@pytest.mark.parametrize(("relative", "index", "case"), params("auth/credentials-regclient.json"))
def test_credentials_regclient(relative: str, index: int, case: Summary) -> None:
    check(relative, index, case)
