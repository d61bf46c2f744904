"""Properties of oci_core.partial: referrers tags always parse as tags."""

from __future__ import annotations

import re
import string

from hypothesis import given
from hypothesis import strategies as st

from oci_core import errors
from oci_core.digest import ALGORITHMS, DIGEST_PATTERN, Digest, new_digest, parse_digest
from oci_core.partial import referrers_tag
from oci_core.reference import TAG_PATTERN, parse_reference

_TAG = re.compile(TAG_PATTERN).fullmatch

registered_digests = st.sampled_from(sorted(ALGORITHMS)).flatmap(
    lambda name: st.text("0123456789abcdef", min_size=ALGORITHMS[name].encoded_length,
                         max_size=ALGORITHMS[name].encoded_length).map(lambda hex_text: new_digest(name, hex_text))
)
_component = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=12)


@st.composite
def grammar_digests(draw: st.DrawFn) -> str:
    """Any digest of the grammar, long enough to be truncated on both sides; unregistered algorithms only."""
    components = draw(st.lists(_component, min_size=1, max_size=7))
    separators = draw(st.lists(st.sampled_from("+._-"), min_size=len(components) - 1, max_size=len(components) - 1))
    algorithm = components[0] + "".join(sep + part for sep, part in zip(separators, components[1:], strict=True))
    if algorithm in ALGORITHMS:
        algorithm = "x" + algorithm
    encoded = draw(st.text(string.ascii_letters + string.digits + "=_-", min_size=1, max_size=150))
    return f"{algorithm}:{encoded}"


def _assert_is_tag(tag: str, digest: str) -> None:
    assert _TAG(tag) is not None, (digest, tag)
    assert parse_reference(f"registry.example/repo:{tag}").tag == tag
    algorithm, _, encoded = digest.partition(":")
    assert tag == f"{algorithm[:32]}-{encoded[:64]}".replace("+", "-").replace("=", "-")


@given(registered_digests)
def test_tags_of_registered_digests_parse_as_tags(digest: Digest) -> None:
    tag = referrers_tag(digest)
    _assert_is_tag(tag, digest)
    assert tag == f"{digest.algorithm}-{digest.encoded[:64]}"


@given(grammar_digests())
def test_tags_of_grammar_digests_parse_as_tags(text: str) -> None:
    assert re.fullmatch(DIGEST_PATTERN, text)
    _assert_is_tag(referrers_tag(text), text)
    _assert_is_tag(referrers_tag(parse_digest(text, allow_unregistered=True)), text)


@given(st.text(max_size=80))
def test_arbitrary_text_gives_a_tag_or_a_digest_error(text: str) -> None:
    try:
        tag = referrers_tag(text)
    except errors.InvalidDigestError:
        return
    _assert_is_tag(tag, text)
