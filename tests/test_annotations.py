"""oci_core.annotations: the pre-defined keys and their typed accessors (annotations.md)."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone

import pytest

from oci_core import annotations as ann
from oci_core import errors
from oci_core.descriptor import FrozenMap, describe
from oci_core.digest import Digest
from oci_core.manifest import ImageIndex
from oci_core.reference import Reference


def test_absent_keys_are_none() -> None:
    for accessor in (ann.created, ann.ref_name, ann.base_name, ann.base_digest, ann.title, ann.licenses):
        assert accessor({}) is None
        assert accessor(FrozenMap({"org.example.other": "x"})) is None


def test_created_is_an_aware_datetime() -> None:
    assert ann.created({ann.CREATED: "2015-10-31T22:22:56.015925234Z"}) == datetime(
        2015, 10, 31, 22, 22, 56, 15925, tzinfo=timezone.utc
    )
    later = ann.created({ann.CREATED: "2024-02-29T23:59:59-07:30"})
    assert later is not None and later.utcoffset() == -timedelta(hours=7, minutes=30)
    assert later.tzinfo is not None
    unknown_offset = ann.created({ann.CREATED: "2024-01-01T00:00:00-00:00"})
    assert unknown_offset is not None and unknown_offset.utcoffset() == timedelta(0)
    assert ann.created({ann.CREATED: "0001-01-01T00:00:00Z"}) == datetime(1, 1, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2024-01-01",
        "2024-01-01 00:00:00Z",
        "2024-01-01t00:00:00z",
        "2024-02-30T00:00:00Z",
        "2023-02-29T00:00:00Z",
        "2024-01-01T24:00:00Z",
        "2024-01-01T00:00:60Z",
        "2024-01-01T00:00:00+24:00",
        "2024-01-01T00:00:00.Z",
        "2024-01-01T00:00:00Z\n",
        "２０２４-01-01T00:00:00Z",
    ],
)
def test_created_refuses_what_is_not_rfc3339(text: str) -> None:
    with pytest.raises(errors.InvalidAnnotationError, match="must be an RFC 3339 date-time") as caught:
        ann.created({ann.CREATED: text})
    assert caught.value.key == ann.CREATED and caught.value.text == text
    assert isinstance(caught.value, errors.InvalidDocumentError)


def test_year_zero_cannot_be_a_datetime() -> None:
    with pytest.raises(errors.InvalidAnnotationError, match="year 0") as caught:
        ann.created({ann.CREATED: "0000-01-01T00:00:00Z"})
    assert caught.value.span == (0, 4)


def test_parse_rfc3339() -> None:
    assert ann.parse_rfc3339("2024-05-01T12:30:00.5+02:00").microsecond == 500000
    with pytest.raises(errors.InvalidAnnotationError, match="not an RFC 3339 date-time") as caught:
        ann.parse_rfc3339("yesterday")
    assert caught.value.text == "yesterday"
    with pytest.raises(errors.InvalidAnnotationError, match="year 0") as caught:
        ann.parse_rfc3339("0000-01-01T00:00:00Z")
    assert caught.value.span == (0, 4)
    with pytest.raises(errors.InvalidAnnotationError, match="must be a str"):
        ann.parse_rfc3339(b"2024-05-01T12:30:00Z")  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["v1.0", "stable-release", "a--b", "registry.example.com/app:1.0", "A@b+c/d_e", "1"])
def test_ref_name_accepts_the_grammar(name: str) -> None:
    assert ann.ref_name({ann.REF_NAME: name}) == name
    assert ann.is_ref_name(name)


@pytest.mark.parametrize(
    ("name", "at"),
    [("", 0), ("-a", 0), ("a-", 1), ("a---b", 1), ("a//b", 1), ("/a", 0), ("a/", 1), ("a b", 1), ("é", 0), ("a\n", 1)],
)
def test_ref_name_refuses_the_rest_and_points_at_the_fault(name: str, at: int) -> None:
    assert not ann.is_ref_name(name)
    with pytest.raises(errors.InvalidAnnotationError, match="must match the ref grammar") as caught:
        ann.ref_name({ann.REF_NAME: name})
    assert caught.value.span is not None and caught.value.span[0] == at
    assert caught.value.key == ann.REF_NAME


def test_base_name_is_a_reference() -> None:
    name = ann.base_name({ann.BASE_IMAGE_NAME: "registry.example.com/my-org/my-image:tag"})
    assert isinstance(name, Reference) and name.domain == "registry.example.com" and name.tag == "tag"
    with pytest.raises(errors.InvalidAnnotationError, match=r"base\.name") as caught:
        ann.base_name({ann.BASE_IMAGE_NAME: "Not/A/Reference!"})
    assert caught.value.key == ann.BASE_IMAGE_NAME and caught.value.span is not None


def test_base_digest_is_a_digest() -> None:
    digest = "sha256:" + "a" * 64
    value = ann.base_digest({ann.BASE_IMAGE_DIGEST: digest})
    assert isinstance(value, Digest) and value == digest
    assert ann.base_digest({ann.BASE_IMAGE_DIGEST: "sha256+b64u:abc"}) == "sha256+b64u:abc"
    with pytest.raises(errors.InvalidAnnotationError, match="invalid checksum digest length") as caught:
        ann.base_digest({ann.BASE_IMAGE_DIGEST: "sha256:abc"})
    assert caught.value.span == (7, 10)


def test_title_is_any_string() -> None:
    assert ann.title({ann.TITLE: ""}) == ""
    assert ann.title({ann.TITLE: "Hello, wörld ✓"}) == "Hello, wörld ✓"


@pytest.mark.parametrize(
    "expression",
    [
        "MIT",
        "Apache-2.0 OR MIT",
        "(MIT OR Apache-2.0) AND BSD-3-Clause",
        "GPL-2.0-only WITH Classpath-exception-2.0",
        "GPL-2.0+",
        "LicenseRef-my-license",
        "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
        "GPL-3.0-or-later WITH AdditionRef-my-exception",
        "MIT and Apache-2.0 or BSD",
        "((MIT))",
        " MIT ",
        "NOASSERTION",
    ],
)
def test_licenses_accepts_spdx_expressions(expression: str) -> None:
    assert ann.licenses({ann.LICENSES: expression}) == expression


@pytest.mark.parametrize(
    ("expression", "reason", "span"),
    [
        ("", "it is empty", (0, 0)),
        ("   ", "it is empty", (0, 3)),
        ("MIT AND", "it ends where a license id is expected", (7, 7)),
        ("MIT Apache-2.0", "expected AND, OR, WITH or ')'", (4, 14)),
        ("(MIT", "1 '(' left open", (4, 4)),
        ("MIT)", "')' without its '('", (3, 4)),
        ("(MIT)))", "')' without its '('", (5, 6)),
        ("((MIT", "2 '(' left open", (5, 5)),
        ("x" * 40000, "over the limit of 32768", (0, 40000)),
        ("AND MIT", "expected a license id or '('", (0, 3)),
        ("MIT WITH", "it ends where a license id is expected", (8, 8)),
        ("(MIT OR BSD) WITH Classpath-exception-2.0", "WITH must follow a license id", (13, 17)),
        ("MIT WITH (x)", "an exception id must follow WITH", (9, 10)),
        ("MIT/BSD", "expected a license id or '('", (0, 7)),
        ("MIT, BSD", "expected a license id or '('", (0, 4)),
        ("GPL-2.0++", "expected a license id or '('", (0, 9)),
    ],
)
def test_licenses_refuses_what_is_no_expression(expression: str, reason: str, span: tuple[int, int]) -> None:
    with pytest.raises(errors.InvalidAnnotationError, match="is not an SPDX license expression") as caught:
        ann.licenses({ann.LICENSES: expression})
    assert reason in caught.value.message
    assert caught.value.span == span and caught.value.key == ann.LICENSES


def test_deep_parentheses_cannot_exhaust_the_stack() -> None:
    deep = "(" * 16_000 + "MIT" + ")" * 16_000
    assert ann.licenses({ann.LICENSES: deep}) == deep
    with pytest.raises(errors.InvalidAnnotationError, match="left open"):
        ann.licenses({ann.LICENSES: deep[:-1]})


def test_values_that_are_no_strings() -> None:
    for accessor, key in ((ann.title, ann.TITLE), (ann.created, ann.CREATED), (ann.licenses, ann.LICENSES)):
        with pytest.raises(errors.InvalidAnnotationError, match=f"annotation '{key}' must be a string, got int"):
            accessor({key: 3})  # type: ignore[dict-item]
    with pytest.raises(TypeError, match="annotations must be a mapping, got list"):
        ann.title([(ann.TITLE, "x")])  # type: ignore[arg-type]


def test_a_str_subclass_is_judged_by_its_characters() -> None:
    class Sneaky(str):
        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = str.__hash__

    value = ann.ref_name({ann.REF_NAME: Sneaky("v1")})
    assert type(value) is str and value == "v1"


def test_reading_from_documents() -> None:
    descriptor = describe(b"{}", "application/vnd.oci.image.manifest.v1+json", annotations={ann.REF_NAME: "v1"})
    assert ann.ref_name(descriptor.annotations) == "v1"
    index = ImageIndex(manifests=(descriptor,), annotations=FrozenMap({ann.CREATED: "2024-01-01T00:00:00Z"}))
    assert ann.created(index.annotations) == datetime(2024, 1, 1, tzinfo=timezone.utc)


def test_the_error_pickles_with_its_key() -> None:
    with pytest.raises(errors.InvalidAnnotationError) as caught:
        ann.ref_name({ann.REF_NAME: "a//b"})
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.key, copy.text, copy.span, str(copy)) == (ann.REF_NAME, "a//b", (1, 2), str(caught.value))
