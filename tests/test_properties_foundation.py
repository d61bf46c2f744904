"""Hypothesis properties for digests, media types and the strict JSON reader/writer."""

from __future__ import annotations

import json
import re
import string
from collections.abc import Callable

from hypothesis import example, given, settings
from hypothesis import strategies as st

from oci_core import _json, digest, errors, mediatypes
from oci_core._fault import Fault
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


# -- strict JSON -------------------------------------------------------------------------

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(st.characters(blacklist_categories=["Cs"]).filter(lambda c: _json.forbidden_char(c) < 0)),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8).filter(
        lambda k: _json.forbidden_char(k) < 0), children, max_size=4),
    max_leaves=20,
)


def _same(read: object, written: object) -> bool:
    """Equal, where a float Go writes without a fraction ("1e+21", "100") may read back as an int."""
    if type(written) is float:
        return type(read) in (int, float) and float(read) == written  # type: ignore[arg-type]
    if type(written) is list:
        return type(read) is list and len(read) == len(written) and all(map(_same, read, written))
    if type(written) is dict:
        return type(read) is dict and read.keys() == written.keys() and all(_same(read[k], written[k]) for k in written)
    return type(read) is type(written) and read == written


@given(json_values)
def test_writer_output_reads_back_to_the_same_value(value: _json.JSON) -> None:
    raw = _json.dumps(value)
    assert _same(_json.loads(raw, max_depth=None), value)
    assert _same(json.loads(raw), value)
    assert b"<" not in raw and b">" not in raw and b"&" not in raw


@given(json_values)
def test_reader_agrees_with_json_on_valid_documents(value: _json.JSON) -> None:
    raw = json.dumps(value, ensure_ascii=False).encode()
    assert _json.loads(raw, max_depth=None) == json.loads(raw)


@given(st.binary(max_size=512))
@example(b"\xef\xbb\xbf[]")
@example(b"[" * 70 + b"]" * 70)
@example(b'{"a":1,"a":2}')
def test_arbitrary_bytes_give_a_value_or_invalid_document(raw: bytes) -> None:
    try:
        _json.loads(raw)
    except Fault as fault:
        refusal: errors.OCIError | None = fault.as_error(errors.InvalidDocumentError)
    else:
        refusal = None
    assert refusal is None or (str(refusal) and refusal.pointer is not None)


JSON_PIECES = ["{", "}", "[", "]", '"a"', ":", ",", "1", "true", '"\\ud800"', '"\\u0000"', " ", "NaN", "1e999"]


@given(st.lists(st.sampled_from(JSON_PIECES), max_size=30))
def test_json_shaped_noise_gives_a_value_or_invalid_document(pieces: list[str]) -> None:
    raw = "".join(pieces).encode()
    try:
        value = _json.loads(raw)
    except Fault:
        return
    assert json.loads(raw) == value


# -- hostile classes (each of these failed on the core before issue 7) -------------------------

SHA = "sha256:" + "0" * 64
SOME_SET = DigestSet.of(["sha256:" + "12" * 32, "sha256:" + "34" * 32, "sha512:" + "12" * 64, SHA])
NEAR_TEXTS = st.one_of(
    registered_digests,
    digest_like,
    media_types,
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
DIGEST_PREFIXES = ["", "sha256:", "sha", "a+b:", "12"]


@settings(max_examples=30)
@given(hostile_texts(MEDIA_TYPE_PREFIXES))
@example("a/b" + ";" * MB)  # 0.3 s before issue 7
@example("a/b;" + "a__" * (MB // 3))
def test_media_types_answer_1_mb_of_hostile_text_in_linear_time(text: str) -> None:
    for call in (mediatypes.parse_media_type, mediatypes.is_media_type, mediatypes.compression):
        assert_linear(call, text)


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
