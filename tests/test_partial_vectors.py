"""spec-vectors/distribution/referrers-tag-schema.json: the distribution spec's referrers tag table, every case."""

from __future__ import annotations

from typing import Any

import pytest

from oci_core.partial import referrers_tag
from oci_core.reference import parse_reference

from .vectors import cases


@pytest.mark.parametrize("case", cases("distribution/referrers-tag-schema.json", id_keys=("digest",)))
def test_referrers_tag_schema(case: dict[str, Any]) -> None:
    tag = referrers_tag(case["digest"])
    assert tag == case["referrers_tag"]
    algorithm, _, encoded = case["digest"].partition(":")
    assert algorithm[:32] == case["truncated_algorithm"] and encoded[:64] == case["truncated_encoded"]
    assert parse_reference(f"registry.example/repo:{tag}").tag == tag
