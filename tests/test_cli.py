"""The command-line tool, run as a user runs it, on the bundled examples."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from oci_core.__main__ import main

from .vectors import ROOT

EXAMPLES = ROOT / "examples"


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "oci_core", *args],
        cwd=ROOT,
        input=stdin.decode(),
        capture_output=True,
        text=True,
        check=False,
    )


def test_readme_first_command() -> None:
    result = run("inspect", "examples/manifest.json")
    assert result.returncode == 0, result.stderr
    assert "kind: image manifest, artifact type application/vnd.oci.image.config.v1+json" in result.stdout
    assert "/layers/4: application/vnd.oci.image.layer.v1.tar+gzip" in result.stdout


def test_inspect_index_and_config(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", str(EXAMPLES / "index.json")]) == 0
    out = capsys.readouterr().out
    assert "kind: index of 1" in out and "linux/arm64/v8" in out
    assert main(["inspect", str(EXAMPLES / "config.json")]) == 0
    out = capsys.readouterr().out
    assert "kind: image config" in out and "platform: linux/arm64/v8" in out and "chain ID: sha256:" in out
    served_as = ["inspect", "--media-type", "application/vnd.oci.image.index.v1+json", str(EXAMPLES / "manifest.json")]
    assert main(served_as) == 1
    assert "served as" in capsys.readouterr().err


def test_examples_are_consistent(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["digest", str(EXAMPLES / "config.json"), str(EXAMPLES / "manifest.json")]) == 0
    config_digest, manifest_digest = (line.split()[0] for line in capsys.readouterr().out.splitlines())
    assert main(["inspect", str(EXAMPLES / "manifest.json")]) == 0
    assert config_digest in capsys.readouterr().out
    assert main(["inspect", str(EXAMPLES / "index.json")]) == 0
    assert manifest_digest in capsys.readouterr().out
    size = str((EXAMPLES / "config.json").stat().st_size)
    assert main(["verify", str(EXAMPLES / "config.json"), config_digest, "--size", size]) == 0


def test_invalid_input_exits_1_with_the_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"schemaVersion": 2, "config": {"mediaType": "a/b", "digest": "sha256:xyz", "size": 1}}')
    assert main(["inspect", str(bad)]) == 1
    assert "/config/digest" in capsys.readouterr().err
    assert main(["verify", str(bad), "sha256:" + "0" * 64]) == 1
    assert "digest mismatch" in capsys.readouterr().err
    assert main(["media-type", "not a type"]) == 1
    assert main(["inspect", str(tmp_path / "missing.json")]) == 1


def test_standard_input() -> None:
    result = run("inspect", "-", stdin=b'{"a": 1, "a": 2}')
    assert result.returncode == 1
    assert "duplicate key 'a'" in result.stderr


def test_usage_mistakes_exit_2() -> None:
    assert run().returncode == 2
    assert run("digest", "--algorithm", "md5", "x").returncode == 2


def test_platform_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["platform", "--pick", "linux/arm64", "linux/arm/v7", "linux/aarch64/v8", "linux/amd64"]) == 0
    out = capsys.readouterr().out
    assert "linux/aarch64/v8: linux/arm64/v8" in out
    assert out.splitlines()[-1] == "best match for linux/arm64: linux/arm64/v8"
    assert main(["platform", "arm64"]) == 1
    assert "host" in capsys.readouterr().err
    assert main(["platform", "arm64", "--host", "linux/amd64"]) == 0
    assert capsys.readouterr().out.strip() == "arm64: linux/arm64"
    assert main(["platform", "--pick", "linux/amd64"]) == 1


def test_reference_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reference", "nginx", "localhost:5000/a:v1"]) == 0
    out = capsys.readouterr().out
    assert "nginx: docker.io/library/nginx" in out
    assert "registry: docker.io (API host registry-1.docker.io, https)" in out
    assert "registry: localhost:5000 (API host localhost:5000, http)" in out
    assert main(["reference", "Docker.io/Library/Ubuntu"]) == 1
    assert "repository name must be lowercase" in capsys.readouterr().err


def test_output_the_terminal_cannot_encode_is_escaped(tmp_path: Path) -> None:
    document = tmp_path / "index.json"
    document.write_bytes(
        b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[],'
        b'"annotations":{"a":"\xc3\xa9"}}'
    )
    result = subprocess.run(
        [sys.executable, "-m", "oci_core", "inspect", str(document)],
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert b"annotation a: \\xe9" in result.stdout
    assert b"Traceback" not in result.stderr


def test_a_closed_pipe_ends_quietly() -> None:
    tool = subprocess.Popen(
        [sys.executable, "-m", "oci_core", "reference", *["nginx"] * 20000],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert tool.stdout is not None and tool.stderr is not None
    first = tool.stdout.readline()
    tool.stdout.close()
    errors = tool.stderr.read()
    tool.stderr.close()
    assert tool.wait(timeout=60) == 0
    assert first == b"nginx: docker.io/library/nginx\n"
    assert errors == b""


@pytest.mark.parametrize("size", ["١١١١", "1_111", "+1111", " 1111", "1e3", "99999999999999999999"])
def test_verify_size_takes_ascii_digits_only(size: str) -> None:
    result = run("verify", "examples/config.json", "sha256:" + "0" * 64, "--size", size)
    assert result.returncode == 2
    assert "must be a size in bytes" in result.stderr


def test_verify_reads_standard_input() -> None:
    data = (EXAMPLES / "config.json").read_bytes()
    digest_line = run("digest", "examples/config.json").stdout.split()[0]
    result = run("verify", "-", digest_line, "--size", str(len(data)), stdin=data)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "-: OK"


def test_platform_errors_name_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["platform", "--host", "a/b/c/d", "linux"]) == 1
    assert capsys.readouterr().err.startswith("invalid: --host: ")
    assert main(["platform", "--pick", "linux/s390x", "linux/amd64"]) == 1
    assert "no candidate matches linux/s390x" in capsys.readouterr().err
