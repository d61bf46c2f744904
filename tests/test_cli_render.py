"""What the tool prints (oci_core._cli_render): reports for people and for --json, errors, hints."""

from __future__ import annotations

import json

import pytest

from oci_core import errors
from oci_core._cli_render import (
    Report,
    describe_line,
    document_report,
    error_hint,
    error_json,
    error_lines,
    inspect_document,
    lines_of,
    looks_like_config,
    media_type_report,
    pick_report,
    platform_report,
    reference_report,
    render_json,
)
from oci_core.descriptor import describe
from oci_core.manifest import parse_manifest
from oci_core.platform import Platform, parse_platform
from oci_core.reference import parse_normalized_reference
from oci_core.registry import ErrorDetail
from tests.cli_fixtures import ROOT

EXAMPLES = ROOT / "examples"


def test_reports_of_the_examples_carry_what_their_lines_say() -> None:
    raw = (EXAMPLES / "manifest.json").read_bytes()
    report = inspect_document(raw, None, "m.json")
    assert report.data["kind"] == "manifest" and str(report.data["digest"]) in report.lines[0]
    assert report.lines[3].startswith("kind: image manifest, artifact type application/vnd.oci.image.config.v1+json")
    assert len(report.data["layers"]) == 5  # type: ignore[arg-type]
    config = inspect_document((EXAMPLES / "config.json").read_bytes(), None, "c.json")
    assert config.data["kind"] == "config" and config.data["platform"] == "linux/arm64/v8"
    assert config.data["chainID"] is not None and "chain ID: " + str(config.data["chainID"]) in config.lines


def test_a_config_is_told_from_a_manifest_by_its_shape() -> None:
    assert looks_like_config((EXAMPLES / "config.json").read_bytes())
    assert not looks_like_config((EXAMPLES / "manifest.json").read_bytes())
    assert not looks_like_config(b"not json") and not looks_like_config(b"[]")


def test_a_descriptor_line_says_everything_it_has() -> None:
    d = describe(b"x", "application/vnd.oci.image.manifest.v1+json", platform=Platform("linux", "arm64", variant="v8"),
                 artifact_type="text/x", annotations={"a": "b"}, urls=("https://example.invalid/x",))
    line = describe_line(d)
    assert line.startswith(f"application/vnd.oci.image.manifest.v1+json  {d.digest}  1 bytes  linux/arm64/v8")
    assert line.endswith("artifactType text/x  1 annotations  1 urls")


def test_an_index_report_lists_its_platforms() -> None:
    index = parse_manifest((EXAMPLES / "docker-manifest-list.json").read_bytes())
    report = document_report(index, "list.json")
    assert report.data["kind"] == "index" and report.data["platforms"]
    assert any(line.startswith("platforms: ") for line in report.lines)


def test_errors_as_lines_and_json() -> None:
    error = errors.InvalidReferenceError("invalid reference format", text="a//b", span=(1, 3))
    assert error_lines(error) == ["invalid: invalid reference format: 'a//b' at position 1", "a//b", " ^~"]
    assert error_json(error) == {"message": str(error), "type": "InvalidReferenceError", "pointer": None,
                                 "span": [1, 3]}
    refused = errors.NotFoundError("GET x: 404", status=404,
                                   errors=(ErrorDetail("MANIFEST_UNKNOWN", "manifest unknown", None),))
    assert error_lines(refused)[1] == "  registry error codes: MANIFEST_UNKNOWN"
    assert error_json(refused)["codes"] == ["MANIFEST_UNKNOWN"] and error_json(refused)["status"] == 404
    assert error_lines(OSError("disk full")) == ["error: disk full"]


def test_hints_for_refused_realms_and_credentials() -> None:
    realm = errors.RealmRefusedError("realm refused")
    assert error_hint(realm) is not None and "--trust-realm" in str(error_hint(realm))
    assert error_lines(realm)[-1] == error_hint(realm)
    assert "--password-stdin" in str(error_hint(errors.UnauthorizedError("401", status=401)))
    assert error_hint(errors.NotFoundError("404", status=404)) is None


def test_text_command_reports() -> None:
    media = media_type_report("application/vnd.oci.image.layer.v1.tar+gzip; a=b")
    assert media.lines == ("application/vnd.oci.image.layer.v1.tar+gzip, oci layer, gzip-compressed, a=b",)
    assert media.data["parameters"] == {"a": "b"}
    unknown = media_type_report("text/plain")
    assert unknown.data["known"] is False and "not a type oci_core knows" in unknown.lines[0]
    ref = reference_report("nginx:1", parse_normalized_reference("nginx:1"))
    assert ref.data["tag"] == "1" and ref.lines[0] == "nginx:1: docker.io/library/nginx:1"
    found = platform_report("linux/aarch64", parse_platform("linux/aarch64"))
    assert found.lines == ("linux/aarch64: linux/arm64",) and found.data["architecture"] == "arm64"
    candidates = [Platform("linux", "amd64"), Platform("linux", "arm64", variant="v8")]
    best = pick_report(Platform("linux", "arm64"), candidates)
    assert best.data == {"wanted": "linux/arm64", "best": "linux/arm64/v8"}
    with pytest.raises(errors.InvalidPlatformError, match="no candidate matches linux/s390x"):
        pick_report(Platform("linux", "s390x"), [Platform("linux", "amd64")])
    assert lines_of([Report(("a",)), Report(("b", "c"))]) == ["a", "b", "c"]


def test_json_keeps_text_as_text() -> None:
    assert json.loads(render_json({"é": ["ü"]})) == {"é": ["ü"]}
    assert "é" in render_json("é")
