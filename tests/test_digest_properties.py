"""Hypothesis properties of digests and digest sets: the grammar, round trips, arbitrary and hostile text."""

from __future__ import annotations

import re
import string
from collections.abc import Callable

from hypothesis import example, given, settings
from hypothesis import strategies as st

from oci_core import digest, errors, mediatypes
from oci_core.digestset import DigestSet
from oci_core.strategies import digest_texts, media_type_texts

from .hostile import MB, Liar, assert_linear, hostile_texts, outcome

registered_digests = digest_texts()
algorithm_components = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=8)
grammatical_algorithms = st.builds(
    lambda first, rest: first + "".join(sep + comp for sep, comp in rest),
    algorithm_components,
    st.lists(st.tuples(st.sampled_from("+._-"), algorithm_components), max_size=3),
)
grammatical_digests = st.builds(
    lambda alg, enc: f"{alg}:{enc}",
    grammatical_algorithms,
    st.text(string.ascii_letters + string.digits + "=_-", min_size=1, max_size=80),
)
# Text near the grammar: pieces of digests, separators, case and Unicode traps.
digest_like = st.lists(
    st.sampled_from(
        ["sha256", "sha512", "blake3", ":", "a" * 64, "A", "0" * 32, "+", "_", "-", ".", "\n", "٣", " ", "g"]
    ),
    max_size=8,
).map("".join)


@given(st.one_of(grammatical_digests, digest_like, st.text("ab+._-:=A", max_size=12)))
def test_fault_finder_agrees_with_the_grammar(text: str) -> None:
    algorithm = text.partition(":")[0]
    grammatical = re.fullmatch(digest.DIGEST_PATTERN, text, re.ASCII) is not None
    fault = digest._first_fault(text, algorithm) if ":" in text else 0
    assert (fault is None) is grammatical
    if fault is not None and ":" in text and fault < len(text):
        # everything before the fault could still begin a digest
        assert re.match(r"[a-z0-9+._-]*(?::[a-zA-Z0-9=_-]*)?", text[:fault], re.ASCII).end() == fault  # type: ignore[union-attr]


@given(registered_digests, st.integers(0, 200), st.characters())
def test_one_character_changed_is_judged_as_the_grammar_says(text: str, where: int, character: str) -> None:
    where %= len(text)
    mutated = text[:where] + character + text[where + 1 :]
    algorithm = mutated.partition(":")[0]
    info = digest.ALGORITHMS.get(algorithm)
    expected = info is not None and re.fullmatch(f"{re.escape(algorithm)}:[a-f0-9]{{{info.encoded_length}}}", mutated)
    try:
        parsed = digest.parse_digest(mutated)
    except errors.InvalidDigestError:
        assert not expected
    else:
        assert expected and parsed == mutated


@given(registered_digests)
def test_valid_digests_round_trip(text: str) -> None:
    parsed = digest.parse_digest(text)
    assert str(parsed) == text
    assert digest.new_digest(parsed.algorithm, parsed.encoded) == parsed
    assert digest.Digest(text) == parsed


@given(grammatical_digests)
def test_grammatical_digests_are_accepted_or_unsupported_never_malformed(text: str) -> None:
    algorithm = text.partition(":")[0]
    try:
        parsed = digest.parse_digest(text)
    except errors.UnsupportedAlgorithmError:
        assert algorithm not in digest.ALGORITHMS
        assert str(digest.parse_digest(text, allow_unregistered=True)) == text
    except (errors.InvalidDigestLengthError, errors.InvalidDigestFormatError):
        assert algorithm in digest.ALGORITHMS
    else:
        assert str(parsed) == text


@given(st.one_of(st.text(), digest_like, st.binary().map(lambda b: b.decode("utf-8", "replace"))))
@example("sha256:" + "a" * 64 + "\n")
def test_arbitrary_text_gives_a_digest_or_an_oci_error(text: str) -> None:
    for allow in (False, True):
        answer = outcome(lambda: digest.parse_digest(text, allow_unregistered=allow))  # noqa: B023
        if isinstance(answer, digest.Digest):
            assert answer == text
            assert digest.is_algorithm_name(answer.algorithm)
        else:
            assert isinstance(answer, tuple) and issubclass(answer[0], errors.InvalidDigestError) and answer[1]


@given(st.binary(max_size=4096))
def test_compute_matches_streaming(data: bytes) -> None:
    hasher = digest.Digester()
    for start in range(0, len(data), 97):
        hasher.update(data[start : start + 97])
    assert hasher.digest() == digest.compute_digest(data)
    assert hasher.size == len(data)
    verifier = digest.DigestVerifier(hasher.digest(), size=len(data))
    verifier.update(data)
    verifier.verify()


# -- hostile classes (each of these failed on the core before issue 7) -------------------------

SHA = "sha256:" + "0" * 64
SOME_SET = DigestSet.of(["sha256:" + "12" * 32, "sha256:" + "34" * 32, "sha512:" + "12" * 64, SHA])
NEAR_TEXTS = st.one_of(
    registered_digests,
    digest_like,
    media_type_texts(),
    st.sampled_from(["sha999:" + "0" * 64, SHA, mediatypes.OCI_IMAGE_INDEX, "a/b; c=d", "12", ":83", "sha256"]),
    st.text(max_size=12),
)


def _foundation_readers(text: str) -> list[Callable[[], object]]:
    return [
        lambda: digest.parse_digest(text),
        lambda: digest.parse_digest(text, allow_unregistered=True),
        lambda: digest.parse_algorithm(text),
        lambda: digest.is_algorithm_name(text),
        lambda: digest.new_digest(text, "0" * 64),
        lambda: digest.new_digest("sha256", text),
        lambda: mediatypes.parse_media_type(text),
        lambda: mediatypes.is_media_type(text),
        lambda: mediatypes.info(text),
        lambda: mediatypes.is_index(text),
        lambda: mediatypes.compression(text),
        lambda: mediatypes.oci_counterpart(text),
        lambda: mediatypes.parse_media_type("a/b; Charset=x").parameter(text),
        lambda: SOME_SET.lookup(text),
        lambda: text in SOME_SET,
    ]


def _exact(value: object) -> bool:
    """Whether a result holds only exact types (no Liar leaked into it)."""
    if isinstance(value, tuple):
        return all(_exact(item) for item in value)
    if isinstance(value, mediatypes.MediaType):
        return _exact((value.type, value.subtype, value.parameters))
    if isinstance(value, str):
        return type(value) in (str, digest.Digest)
    return True


@given(NEAR_TEXTS)
@example("sha999:" + "0" * 64)  # a Liar's startswith made the sha256 fast path accept it
@example(mediatypes.OCI_IMAGE_INDEX)  # the predicates answered False for any str subclass
@example("12")
def test_str_subclasses_are_judged_by_their_characters(text: str) -> None:
    for plain, lying in zip(_foundation_readers(text), _foundation_readers(Liar(text)), strict=True):
        expected = outcome(plain)
        got = outcome(lying)
        assert got == expected
        assert type(got) is type(expected) and _exact(got)


DIGEST_PREFIXES = ["", "sha256:", "sha", "a+b:", "12"]



@settings(max_examples=30)
@given(hostile_texts(DIGEST_PREFIXES))
@example("sha" + "a-b." * (MB // 4))  # is_algorithm_name took 60 ms before issue 7
def test_digests_and_lookups_answer_1_mb_of_hostile_text_in_linear_time(text: str) -> None:
    for call in (
        digest.parse_digest,
        lambda t: digest.parse_digest(t, allow_unregistered=True),
        digest.is_algorithm_name,
        digest.parse_algorithm,
        SOME_SET.lookup,
    ):
        assert_linear(call, text)


def _model_lookup(digests: frozenset[digest.Digest], query: str) -> object:
    """go-digest's Lookup, read as a specification: the query split as Parse splits it, every candidate counted."""
    try:
        parsed = digest.parse_digest(query, allow_unregistered=True)
    except errors.InvalidDigestFormatError:
        algorithm, prefix = "", query
    except errors.InvalidDigestError:
        algorithm, _, prefix = query.partition(":")
    else:
        algorithm, prefix = parsed.algorithm, parsed.encoded
    matches = [d for d in digests if d.encoded.startswith(prefix) and (not algorithm or d.algorithm == algorithm)]
    exact = [d for d in matches if d.encoded == prefix]
    if len(exact) == 1:
        return exact[0]
    if not matches:
        return errors.DigestNotFoundError
    if len(matches) > 1:
        return errors.AmbiguousDigestError
    return matches[0]


short_hex = st.text("0123", min_size=1, max_size=3)
digest_sets = st.frozensets(
    st.builds(
        lambda algorithm, head: digest.parse_digest(
            f"{algorithm}:{(head * 128)[: digest.ALGORITHMS[algorithm].encoded_length]}"
        ),
        st.sampled_from(["sha256", "sha512", "blake3"]),
        short_hex,
    ),
    max_size=6,
)
queries = st.one_of(
    short_hex,
    st.builds(lambda a, h: f"{a}:{h}", st.sampled_from(["sha256", "sha512", "blake3", "md5", "", "SHA"]), short_hex),
    st.text("0123:sha", max_size=8),
)


@given(digest_sets, queries)
@example(frozenset({digest.parse_digest("sha256:" + "83" * 32)}), ":83")  # found before; go-digest: not found
def test_lookup_answers_as_go_digest_reads_a_query(digests: frozenset[digest.Digest], query: str) -> None:
    expected = _model_lookup(digests, query)
    try:
        found: object = DigestSet(digests).lookup(query)
    except (errors.DigestNotFoundError, errors.AmbiguousDigestError) as error:
        found = type(error)
    assert found == expected


@given(st.frozensets(st.one_of(st.text(max_size=4), st.integers(), registered_digests, st.none()), max_size=4))
@example(frozenset({SHA}))  # raised AttributeError before
def test_digest_sets_take_digests_and_refuse_anything_else_with_a_type_error(members: frozenset[object]) -> None:
    try:
        made = DigestSet(members)  # type: ignore[arg-type]
    except TypeError:
        assert any(type(member) is not digest.Digest for member in members)
    else:
        assert all(type(member) is digest.Digest for member in made)
