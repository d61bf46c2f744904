"""Hypothesis properties of media types: round trips, arbitrary and hostile text, the constructor."""

from __future__ import annotations

import string

from hypothesis import example, given, settings
from hypothesis import strategies as st

from oci_core import errors, mediatypes
from oci_core.strategies import media_type_texts

from .hostile import MB, assert_linear, hostile_texts

# -- media types ---------------------------------------------------------------------

media_types = media_type_texts()


@given(media_types)
def test_media_types_round_trip(text: str) -> None:
    parsed = mediatypes.parse_media_type(text)
    again = mediatypes.parse_media_type(str(parsed))
    assert again == parsed
    assert again.parameters == parsed.parameters
    assert str(again) == str(parsed)
    assert mediatypes.is_media_type(parsed.essence)


@given(st.one_of(st.text(), media_types.map(lambda t: t.upper()), st.text(string.printable)))
def test_arbitrary_text_gives_a_media_type_or_an_oci_error(text: str) -> None:
    try:
        parsed = mediatypes.parse_media_type(text)
    except errors.InvalidMediaTypeError:
        assert not mediatypes.is_media_type(text)
    else:
        assert parsed.essence == parsed.essence.lower()
    for predicate in (mediatypes.is_index, mediatypes.is_manifest, mediatypes.is_layer, mediatypes.is_distributable):
        assert predicate(text) in (True, False)
    assert mediatypes.compression(text) in (None, "gzip", "zstd")


names = st.text(string.ascii_letters + string.digits + "!#$&^_.+- /;", max_size=12)
values = st.text(st.characters(max_codepoint=0x17F), max_size=8)


@given(names, names, st.lists(st.tuples(names, values), max_size=3))
@example("A B", "", [])  # MediaType("A B", "") was built, and its text did not parse
@example("application", "JSON", [])
@example("a", "b", [("c", "\n")])
def test_media_type_constructor_builds_only_what_the_parser_reads_back(
    type_: str, subtype: str, parameters: list[tuple[str, str]]
) -> None:
    try:
        value = mediatypes.MediaType(type_, subtype, parameters)
    except errors.InvalidMediaTypeError:
        return
    again = mediatypes.parse_media_type(str(value))
    assert again == value and again.parameters == value.parameters


MEDIA_TYPE_PREFIXES = ["", "a/b", "a/b;", "a/b; c=", 'a/b; c="']


@settings(max_examples=30)
@given(hostile_texts(MEDIA_TYPE_PREFIXES))
@example("a/b" + ";" * MB)  # 0.3 s before issue 7
@example("a/b;" + "a__" * (MB // 3))
def test_media_types_answer_1_mb_of_hostile_text_in_linear_time(text: str) -> None:
    for call in (mediatypes.parse_media_type, mediatypes.is_media_type, mediatypes.compression):
        assert_linear(call, text)
