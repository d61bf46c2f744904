"""Properties of oci_core.annotations: arbitrary values give a value or an InvalidAnnotationError, in linear time."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from oci_core import annotations as ann
from oci_core import errors
from oci_core.strategies import ref_names, rfc3339_timestamps

from .hostile import assert_linear

ACCESSORS: dict[str, Callable[[dict[str, str]], object]] = {
    ann.CREATED: ann.created,
    ann.REF_NAME: ann.ref_name,
    ann.BASE_IMAGE_NAME: ann.base_name,
    ann.BASE_IMAGE_DIGEST: ann.base_digest,
    ann.TITLE: ann.title,
    ann.LICENSES: ann.licenses,
}

# Text near each grammar: its characters and separators, and a few traps.
_pieces = [*"aZ09-._:@+/() \n\tTZ+:é", "AND", "OR", "WITH", "--", "LicenseRef-"]
_near = st.lists(st.sampled_from(_pieces), max_size=30).map("".join)


def _outcome(key: str, value: str) -> object:
    try:
        return ACCESSORS[key]({key: value})
    except errors.InvalidAnnotationError as error:
        return error


@given(st.sampled_from(sorted(ACCESSORS)), st.text(max_size=60) | _near)
def test_arbitrary_values_give_a_value_or_an_annotation_error(key: str, value: str) -> None:
    result = _outcome(key, value)
    assert result is not None
    if isinstance(result, errors.InvalidAnnotationError):
        assert result.key == key and str(result)
        assert result.span is None or 0 <= result.span[0] <= result.span[1] <= len(value)


@given(rfc3339_timestamps().filter(lambda text: not text.startswith("0000")))
def test_every_rfc3339_text_gives_an_aware_datetime(text: str) -> None:
    value = ann.created({ann.CREATED: text})
    assert isinstance(value, datetime) and value.tzinfo is not None
    assert value.year == int(text[:4]) and value.second == int(text[17:19])


@given(st.lists(st.sampled_from([*"aZ9-._:@+/", "--", "\n"]), max_size=12).map("".join))
def test_the_fault_search_is_the_grammar(text: str) -> None:
    assert ann.is_ref_name(text) is (re.fullmatch(ann.REF_NAME_PATTERN, text, re.ASCII) is not None)


@given(ref_names())
def test_names_of_the_grammar_are_ref_names(name: str) -> None:
    assert ann.ref_name({ann.REF_NAME: name}) == name


def test_hostile_megabyte_values_take_linear_time() -> None:
    # A guard against super-linear time (quadratic on a megabyte is minutes),
    # not a speed measurement: benchmarks/bench_partial.py times these inputs.
    megabyte = 1 << 20
    values = {
        ann.REF_NAME: ["a-" * (megabyte // 2), "a" * megabyte + "!", "a--" * (megabyte // 3)],
        ann.LICENSES: [
            "(" * megabyte,
            "MIT OR " * (megabyte // 7) + "MIT",
            "a" * megabyte + "(",
            "( " * (ann.MAX_LICENSES_LENGTH // 2),
            "MIT OR " * (ann.MAX_LICENSES_LENGTH // 7),
        ],
        ann.CREATED: ["2024-01-01T00:00:00." + "1" * megabyte + "Z", "9" * megabyte],
        ann.BASE_IMAGE_NAME: ["a" * megabyte, "a/" * (megabyte // 2)],
        ann.BASE_IMAGE_DIGEST: ["sha256:" + "a" * megabyte, "a+" * (megabyte // 2) + ":x"],
    }
    for key, texts in values.items():

        def read(text: str, key: str = key) -> object:
            return ACCESSORS[key]({key: text})

        for text in texts:
            assert_linear(read, text)
