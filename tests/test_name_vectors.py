"""go-containerregistry's pkg/name tests (spec-vectors/name/) against oci_core.name.

Each case names the ggcr function, the validation mode and options, and the
accessors upstream checks; the runner calls ours and reads the same
accessors. A case we answer differently on purpose is in DEVIATIONS with our
answer (reasons in /work/notes/reference-deviations.md).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from oci_core import errors, name
from oci_core.name import DigestReference, Registry, Repository, Tag

from .vectors import cases

Summary = dict[str, Any]

# file -> input -> our answer for the whole case summary.
DEVIATIONS: dict[str, dict[str, Summary]] = {
    "name/repository.json": {
        # Every value is validated when made: Repository.digest("badf00d") is refused, not built.
        "example.com/repo": {
            "valid": True,
            "children": [
                {"op": "Tag", "arg": "foo", "scheme": "http", "string": "example.com/repo:foo"},
                {"op": "Digest", "arg": "badf00d", "error": "InvalidDigestFormatError"},
            ],
        },
    },
}

CHECKS = (
    "name",
    "string",
    "registry_str",
    "repository_str",
    "tag_str",
    "digest_str",
    "identifier",
    "context",
    "scheme",
    "is_rfc1918",
    "kind",
    "json",
    "json_in_map",
)


def call(case: Summary) -> Registry | Repository | Tag | DigestReference:
    options = case.get("options", {})
    strict = case["validation"] == "strict"
    insecure = bool(case.get("insecure")) or case["func"] == "NewInsecureRegistry"
    registry = options.get("default_registry", name.DEFAULT_REGISTRY)
    text = case["input"]
    func = case["func"]
    if func in ("NewRegistry", "NewInsecureRegistry"):
        return name.new_registry(text, strict=strict, insecure=insecure, default_registry=registry)
    if func == "NewRepository":
        return name.new_repository(text, strict=strict, insecure=insecure, default_registry=registry)
    tag = options.get("default_tag", name.DEFAULT_TAG)
    if func == "NewTag":
        return name.new_tag(text, strict=strict, insecure=insecure, default_registry=registry, default_tag=tag)
    if func == "NewDigest":
        return name.new_digest_reference(
            text, strict=strict, insecure=insecure, default_registry=registry, default_tag=tag
        )
    assert func in ("ParseReference", "MustParseReference")
    return name.new_reference(text, strict=strict, insecure=insecure, default_registry=registry, default_tag=tag)


def read(value: Registry | Repository | Tag | DigestReference, check: str) -> Any:
    if check == "string":
        return str(value)
    if check == "context":
        assert isinstance(value, (Tag, DigestReference))
        return str(value.context)
    if check == "kind":
        return "tag" if type(value) is Tag else "digest" if type(value) is DigestReference else type(value).__name__
    if check == "json":
        return json.dumps(str(value))
    if check == "json_in_map":
        return json.dumps({"a": str(value)}, separators=(",", ":"))
    return getattr(value, check)


def children(value: Repository, wanted: list[Summary]) -> list[Summary]:
    found = []
    for child in wanted:
        summary: Summary = {"op": child["op"], "arg": child["arg"]}
        try:
            made = value.tag(child["arg"]) if child["op"] == "Tag" else value.digest(child["arg"])
        except errors.OCIError as error:
            summary["error"] = type(error).__name__
        else:
            summary.update(scheme=made.scheme, string=str(made))
        found.append(summary)
    return found


def ours(case: Summary) -> Summary:
    try:
        value = call(case)
    except errors.OCIError as error:
        summary: Summary = {"valid": False}
        if "error" in case:
            # ggcr's ErrBadName is our InvalidReferenceError.
            summary["error"] = "ErrBadName" if type(error) is errors.InvalidReferenceError else type(error).__name__
        if "error_message" in case:
            summary["error_message"] = f"{error.message}: {error.text}"
        return summary
    summary = {"valid": True}
    for check in CHECKS:
        if check in case:
            summary[check] = read(value, check)
    if "scope" in case:
        summary["scope"] = value.scope(case["scope"]["action"])
    if "children" in case:
        assert isinstance(value, Repository)
        summary["children"] = children(value, case["children"])
    if case.get("name") is not None and case["func"] not in ("MustParseReference",):
        # Where upstream says Name() reproduces the input, parsing Name() again gives it back.
        assert read(call({**case, "input": value.name}), "name") == value.name
    return summary


def upstream(case: Summary) -> Summary:
    summary: Summary = {"valid": case["valid"]}
    for check in (*CHECKS, "error", "error_message", "children"):
        if check in case:
            summary[check] = case[check]
    if "scope" in case:
        summary["scope"] = case["scope"]["expected"]
    return summary


def check(relative: str, case: Summary) -> None:
    deviation = DEVIATIONS.get(relative, {}).get(case["input"])
    if deviation is not None and "children" in case:
        assert deviation != upstream(case)
        assert ours(case) == deviation
    else:
        assert ours(case) == upstream(case)


@pytest.mark.parametrize(
    ("relative", "case"),
    [
        pytest.param(f"name/{name}.json", param.values[0], id=f"{name}:{param.id}")
        for name in ("registry", "repository", "tag", "digest", "reference")
        for param in cases(f"name/{name}.json", id_keys=("input",))
    ],
)
def test_vector_file(relative: str, case: Summary) -> None:
    check(relative, case)
