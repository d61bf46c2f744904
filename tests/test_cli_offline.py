"""The offline commands on the bundled examples, the upstream vectors and bad input; --help; the layout check.

Run in-process through ``main()`` (fast) where the output is text, and as a
subprocess where what matters is what a user sees (standard input, the
program's name, exit statuses of usage mistakes). Every refusal must exit 1
with the reason on standard error and no traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from oci_core import layout, models
from oci_core.__main__ import main
from oci_core._cli_args import COMMANDS
from oci_core.manifest import build_image_index, parse_image_index
from oci_core.partial import index_entry
from tests.cli_fixtures import ROOT, run_tool, write_blob, write_layout
from tests.vectors import cases

EXAMPLES = ROOT / "examples"


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def json_main(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    status, out, err = run_main(capsys, "--json", *args)
    return status, json.loads(out), err


# -- inspect ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "media_type"),
    [
        ("manifest.json", "manifest", "application/vnd.oci.image.manifest.v1+json"),
        ("index.json", "index", "application/vnd.oci.image.index.v1+json"),
        ("docker-manifest.json", "manifest", "application/vnd.docker.distribution.manifest.v2+json"),
        ("docker-manifest-list.json", "index", "application/vnd.docker.distribution.manifest.list.v2+json"),
        ("config.json", "config", None),
    ],
)
def test_inspect_every_bundled_example(capsys: pytest.CaptureFixture[str], name: str, kind: str,
                                       media_type: str | None) -> None:
    status, data, _ = json_main(capsys, "inspect", str(EXAMPLES / name))
    assert status == 0
    (item,) = data
    raw = (EXAMPLES / name).read_bytes()
    assert item["kind"] == kind and item["size"] == len(raw) and item["source"] == str(EXAMPLES / name)
    assert item.get("mediaType") == media_type
    if kind == "manifest":
        assert item["layersSize"] == sum(layer["size"] for layer in item["layers"])
    if kind == "index":
        assert item["platforms"] and len(item["manifests"]) == len(item["platforms"])


def test_inspect_several_files_one_bad(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"schemaVersion": 2, "config": {"mediaType": "a/b", "digest": "sha256:xyz", "size": 1}}')
    files = (str(EXAMPLES / "manifest.json"), str(bad), str(EXAMPLES / "index.json"))
    status, out, err = run_main(capsys, "inspect", *files)
    assert status == 1
    assert "kind: image manifest" in out and "kind: index of 1" in out
    assert f"{bad}: invalid: /config/digest" in err
    status, data, _ = json_main(capsys, "inspect", str(bad), str(EXAMPLES / "config.json"))
    assert status == 1
    assert data[0]["input"] == str(bad) and data[0]["error"]["pointer"] == "/config/digest"
    assert data[0]["error"]["type"] == "InvalidManifestError"
    assert data[1]["kind"] == "config"


def test_inspect_a_layout(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    image = write_layout(tmp_path / "layout", "v1")
    status, out, _ = run_main(capsys, "inspect", f"oci:{image.root}:v1")
    assert status == 0 and "kind: index of 2" in out
    status, data, _ = json_main(capsys, "inspect", "--platform", "linux/arm64", f"oci:{image.root}:v1")
    assert status == 0
    assert data[0]["digest"] == str(image.images["linux/arm64/v8"].digest)
    assert data[0]["image"]["platform"] == "linux/arm64/v8"
    assert data[0]["image"]["diffIDs"]
    status, _, err = run_main(capsys, "inspect", f"oci:{image.root}:nope")
    assert status == 1 and "no image named 'nope'" in err and "v1" in err


def test_inspect_a_model_in_a_layout(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = tmp_path / "model"
    root.mkdir()
    weights = b"GGUF" + bytes(60)
    gguf = models.describe_file(weights, models.DOCKER_GGUF, path="model.gguf", mtime="2025-01-01T00:00:00Z")
    built = models.build_docker_model(
        [gguf], models.DockerModelConfig(format="gguf", quantization="Q4_K_M", parameters="8B"),
        created="2025-01-01T00:00:00Z",
    )
    for blob in (weights, built.config, built.manifest):
        write_blob(root, blob)
    top = index_entry(built.parsed_manifest(), annotations={"org.opencontainers.image.ref.name": "latest"})
    index_raw, _ = build_image_index([top])
    for file_name, data in layout.layout_files(parse_image_index(index_raw)).items():
        (root / file_name).write_bytes(data)
    status, out, _ = run_main(capsys, "inspect", f"oci:{root}:latest")
    assert status == 0, out
    assert "model: docker (application/vnd.docker.ai.model.config.v0.1+json)" in out
    assert "quantization: Q4_K_M" in out and "model.gguf  weights (gguf)  64 bytes" in out
    status, data, _ = json_main(capsys, "inspect", f"oci:{root}:latest")
    assert status == 0
    model = data[0]["model"]
    assert (model["family"], model["format"], model["parameters"]) == ("docker", "gguf", "8B")
    assert model["files"] == [{"path": "model.gguf", "kind": "weights", "format": "gguf",
                               "mediaType": models.DOCKER_GGUF, "size": 64, "digest": str(gguf.digest)}]
    (root / layout.blob_path(built.config_descriptor.digest)).write_bytes(b"{}")
    status, out, _ = run_main(capsys, "inspect", f"oci:{root}:latest")
    assert status == 0 and "model: not read" in out


def test_inspect_standard_input_and_served_as(capsys: pytest.CaptureFixture[str]) -> None:
    raw = (EXAMPLES / "index.json").read_bytes()
    done = run_tool("inspect", "-", home=ROOT, stdin=raw)
    assert done.returncode == 0 and b"kind: index of 1" in done.stdout
    served = ["inspect", "--media-type", "application/vnd.oci.image.config.v1+json", str(EXAMPLES / "config.json")]
    status, out, _ = run_main(capsys, *served)
    assert status == 0 and "kind: image config" in out


def test_inspect_of_nothing_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run_main(capsys, "inspect", str(tmp_path / "missing.json"))
    assert status == 1 and "invalid reference format" in err
    status, _, err = run_main(capsys, "inspect", f"oci:{tmp_path / 'nowhere'}")
    assert status == 1 and "not a directory" in err


def _document(case: dict[str, Any]) -> bytes:
    if case["document_format"] == "raw":
        return str(case["document"]).encode("utf-8")
    return json.dumps(case["document"]).encode("utf-8")


_INSPECTED = ("application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
              "application/vnd.oci.image.config.v1+json")


@pytest.mark.parametrize(
    "case",
    [
        *cases("image-spec/manifest/schema-tests.json"),
        *cases("image-spec/index/schema-tests.json"),
        *cases("image-spec/config/schema-tests.json"),
        # The examples of the kinds inspect reads (the others are descriptors and oci-layout files).
        *(case for case in cases("image-spec/spec-examples.json") if case.values[0]["media_type"] in _INSPECTED),
    ],
)
def test_inspect_the_image_spec_vectors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: dict[str, Any]
) -> None:
    path = tmp_path / "document.json"
    path.write_bytes(_document(case))
    status, out, err = run_main(capsys, "--json", "inspect", "--media-type", case["media_type"], str(path))
    (item,) = json.loads(out)
    if case["valid"]:
        assert status == 0, err
        assert item["size"] == path.stat().st_size
    else:
        assert status == 1
        assert err.startswith(f"{path}: invalid: ") and "Traceback" not in err
        if case.get("rejected_by") != ["json-syntax"]:
            assert item["error"]["pointer"] is not None


@pytest.mark.parametrize(
    "raw",
    [b"", b"\xff\xfe", b"[]", b"null", b'{"schemaVersion": 2}', b"{" * 10_000, b'{"a": NaN}', b'"\\ud800"'],
)
def test_inspect_bad_bytes(capsys: pytest.CaptureFixture[str], tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(raw)
    status, _, err = run_main(capsys, "inspect", str(path))
    assert status == 1 and err.startswith(f"{path}: invalid: ")


# -- digest, verify ------------------------------------------------------------------------------


def test_digest_of_files_and_standard_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, data, _ = json_main(capsys, "digest", "-a", "sha512", str(EXAMPLES / "config.json"))
    assert status == 0 and data[0]["digest"].startswith("sha512:") and data[0]["size"] == 1111
    done = run_tool("digest", "-", home=tmp_path, stdin=b"hello")
    hello = "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
    assert done.stdout.decode().split() == [hello, "-"]


def test_verify(capsys: pytest.CaptureFixture[str]) -> None:
    digest = "sha256:121e50ae99755494c2b28d720d9c2feb276d958b2cd89ef04a727adc858839e7"
    status, data, _ = json_main(capsys, "verify", str(EXAMPLES / "config.json"), digest, "--size", "1111")
    assert status == 0 and data == {"input": str(EXAMPLES / "config.json"), "digest": digest, "size": 1111, "ok": True}
    status, _, err = run_main(capsys, "verify", str(EXAMPLES / "config.json"), digest, "--size", "1110")
    assert status == 1 and "size" in err
    status, data, _ = json_main(capsys, "verify", str(EXAMPLES / "config.json"), "sha256:xyz")
    assert status == 1 and data["error"]["type"].startswith("InvalidDigest")


# -- text commands ------------------------------------------------------------------------------


def test_media_type_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, data, err = json_main(capsys, "media-type", "application/vnd.oci.image.layer.v1.tar+zstd", "not a type",
                                  "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip")
    assert status == 1 and "not a type" in err
    assert data[0]["compression"] == "zstd" and data[0]["role"] == "layer" and data[0]["family"] == "oci"
    assert "error" in data[1]
    assert data[2]["distributable"] is False


def test_reference_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, data, _ = json_main(capsys, "reference", "nginx", "localhost:5000/a/b:v1", "Docker.io/Library/Ubuntu")
    assert status == 1
    assert data[0] == {"input": "nginx", "reference": "docker.io/library/nginx", "familiar": "nginx",
                       "registry": "docker.io", "apiHost": "registry-1.docker.io", "scheme": "https",
                       "repository": "library/nginx", "tag": None, "digest": None}
    assert data[1]["scheme"] == "http" and data[1]["tag"] == "v1"
    assert data[2]["error"]["type"] == "NameContainsUppercaseError"


def test_platform_json_and_pick(capsys: pytest.CaptureFixture[str]) -> None:
    status, data, _ = json_main(capsys, "platform", "--pick", "linux/arm64", "linux/amd64", "linux/aarch64/v8")
    assert status == 0
    assert data[0]["platform"] == "linux/arm64" and data[0]["architecture"] == "arm64"
    assert data[-1] == {"wanted": "linux/arm64", "best": "linux/arm64/v8"}
    status, data, err = json_main(capsys, "platform", "linux/amd64", "no/such/thing/here")
    assert status == 1 and "no/such/thing/here: invalid:" in err
    assert data[0]["platform"] == "linux/amd64" and "error" in data[1]


# -- layout ----------------------------------------------------------------------------------------


def test_layout_of_a_good_layout(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    image = write_layout(tmp_path / "layout")
    status, out, _ = run_main(capsys, "layout", str(image.root))
    assert status == 0, out
    assert out.splitlines()[-1] == f"{image.root}: 12 of 12 blobs verified"
    status, data, _ = json_main(capsys, "layout", str(image.root))
    assert status == 0 and data["ok"] is True and data["unreachable"] == [] and data["manifests"] == 3
    layers = [blob for blob in data["blobs"] if blob["role"] == "layer" and blob["diffID"]]
    assert len(layers) == 2 and all(blob["status"] == "ok" for blob in layers)


def test_layout_damage_is_found_and_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    image = write_layout(tmp_path / "layout")
    amd64 = image.layers["linux/amd64"]
    (image.root / layout.blob_path(amd64.digest)).write_bytes(b"not the layer")
    arm64 = image.layers["linux/arm64/v8"]
    (image.root / layout.blob_path(arm64.digest)).unlink()
    stray = write_blob(image.root, b"nothing points here")
    status, data, _ = json_main(capsys, "layout", str(image.root))
    assert status == 1 and data["ok"] is False
    by_digest = {blob["digest"]: blob for blob in data["blobs"]}
    assert by_digest[str(amd64.digest)]["status"] == "bad"
    assert "corrupt gzip stream" in by_digest[str(amd64.digest)]["error"]["message"]  # read as a layer
    assert by_digest[str(arm64.digest)]["status"] == "missing"
    assert data["unreachable"] == [layout.blob_path(stray.digest)]
    status, out, _ = run_main(capsys, "layout", str(image.root))
    assert status == 1
    assert "BAD  layer" in out and "MISSING  layer" in out and f"unreachable  {layout.blob_path(stray.digest)}" in out


def test_a_broken_manifest_hides_no_other_image(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    image = write_layout(tmp_path / "layout")
    sbom = image.referrers["application/spdx+json"]
    (image.root / layout.blob_path(sbom.digest)).write_bytes(b"{}")
    status, data, _ = json_main(capsys, "layout", str(image.root))
    assert status == 1
    entries = {blob["entry"] for blob in data["blobs"] if blob["status"] == "ok"}
    assert entries == {0, 2}  # the index and the signature, checked all the same
    assert data["unreachable"] is None


def test_layout_of_something_else(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run_main(capsys, "layout", str(tmp_path))
    assert status == 1 and "oci-layout" in err
    (tmp_path / "oci-layout").write_text('{"imageLayoutVersion": "2.0.0"}')
    status, _, err = run_main(capsys, "layout", str(tmp_path))
    assert status == 1 and "/imageLayoutVersion" in err


# -- usage and help ----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_a_manual_with_an_example(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    assert "example:" in text and "exit status:" in text and "3    network failure" in text
    assert f" {command} " in text.split("example:")[1]


def test_the_console_script_name_is_shown() -> None:
    code = ("import sys; sys.argv[0] = '/usr/local/bin/oci-spec-core'; "
            "from oci_core.__main__ import main; sys.exit(main())")
    done = subprocess.run([sys.executable, "-c", code, "--help"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.startswith("usage: oci-spec-core ")
    module = subprocess.run([sys.executable, "-m", "oci_core", "pull", "--help"], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert module.stdout.startswith("usage: python3 -m oci_core pull ")


@pytest.mark.parametrize(
    "args",
    [
        ("frobnicate",),
        ("pull", "only-one"),
        ("--retries", "x", "ls", "r"),
        ("--retries", "-1", "ls", "r"),
        ("--timeout", "0", "ls", "r"),
        ("--password-stdin", "ls", "r"),
        ("digest",),
        ("verify", "f", "sha256:0", "--size", "١"),
    ],
)
def test_usage_mistakes_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    done = run_tool(*args, home=tmp_path)
    assert done.returncode == 2, done.stderr
    assert b"usage:" in done.stderr and b"Traceback" not in done.stderr


# -- progress on a terminal ----------------------------------------------------------------------


def _stderr_on_a_terminal(*args: str, cwd: Path) -> bytes:
    import os
    import pty

    leader, follower = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "oci_core", *args], cwd=ROOT, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=follower, timeout=60, check=False)
        assert done.returncode == 0
        os.close(follower)
        follower = -1
        seen = b""
        while True:  # bounded: the terminal's buffer holds what the tool wrote, then the read fails at its end
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        return seen
    finally:
        if follower >= 0:
            os.close(follower)
        os.close(leader)


def test_long_hashing_shows_progress_on_a_terminal_only(tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    with open(big, "wb") as handle:
        handle.truncate(65 << 20)
    drawn = _stderr_on_a_terminal("digest", str(big), cwd=tmp_path)
    assert b"MiB" in drawn and b"\r\x1b[K" in drawn
    assert _stderr_on_a_terminal("--quiet", "digest", str(big), cwd=tmp_path) == b""
    piped = run_tool("digest", str(big), home=tmp_path, process=True)
    assert piped.returncode == 0 and piped.stderr == b""
