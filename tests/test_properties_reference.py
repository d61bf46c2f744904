"""Properties of oci_core.reference and oci_core.name over grammar-built and arbitrary input."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import example, given
from hypothesis import strategies as st

from oci_core import errors, name, reference
from oci_core.digest import Digest
from oci_core.reference import (
    Reference,
    default_scheme,
    familiar_match,
    parse_any_reference,
    parse_docker_reference,
    parse_name,
    parse_named,
    parse_normalized_reference,
    parse_reference,
    sort_references,
)

from .strategies_reference import domains, paths, reference_texts, references, tags

PARSERS: list[Callable[[str], object]] = [
    parse_reference,
    parse_normalized_reference,
    parse_named,
    parse_any_reference,
    parse_docker_reference,
    parse_name,
    name.new_reference,
    name.new_registry,
    name.new_repository,
    name.new_tag,
    name.new_digest_reference,
]

# Text near the grammar: its characters, so that arbitrary draws often come close.
GRAMMAR_CHARACTERS = "abcAZ09._-/:@[]" + "sha256:" + "ſK\u212a\n\x00é"


def outcome(parse: Callable[[str], object], text: str) -> object:
    try:
        return parse(text)
    except errors.OCIError as error:
        return (type(error), error.message, error.span)


@given(reference_texts())
def test_valid_text_round_trips(text: str) -> None:
    assert str(parse_reference(text)) == text


@given(references())
def test_values_round_trip_through_text(ref: Reference) -> None:
    assert parse_reference(str(ref)) == ref
    assert parse_reference(str(ref)).__class__ is Reference


@given(reference_texts())
def test_normalisation_is_idempotent(text: str) -> None:
    try:
        normalized = parse_normalized_reference(text)
    except errors.OCIError:
        return  # e.g. "Upper/Case" paths under a lowercase first component
    assert parse_normalized_reference(str(normalized)) == normalized
    assert parse_named(str(normalized)) == normalized
    assert parse_normalized_reference(normalized.familiar()) == normalized
    assert parse_reference(str(normalized)) == normalized


@given(references())
def test_normalised_values_keep_tag_and_digest(ref: Reference) -> None:
    try:
        normalized = parse_normalized_reference(str(ref))
    except errors.OCIError:
        return
    assert (normalized.tag, normalized.digest) == (ref.tag, ref.digest)
    docker = parse_docker_reference(str(ref))
    if ref.digest is not None:
        assert (docker.tag, docker.digest) == (None, ref.digest)
    else:
        assert docker.tag == (ref.tag or "latest")


@given(references(), tags())
def test_combinators(ref: Reference, tag: str) -> None:
    assert ref.with_tag(tag).tag == tag and ref.with_tag(tag).digest == ref.digest
    assert ref.trim() == Reference(ref.domain, ref.path)
    if ref.digest is not None:
        assert ref.trim().with_digest(ref.digest).digest == ref.digest
        assert ref.identifier == ref.digest
    escaped = "".join("\\" + c if c in "\\*?[" else c for c in ref.familiar())
    assert familiar_match(escaped, ref)


@given(st.text() | st.text(GRAMMAR_CHARACTERS))
@example("a" * 22 + "!")
@example("[::1]:5000/x:y")
@example("Docker.io/Library/Ubuntu")
def test_arbitrary_text_gives_a_value_or_an_invalid_reference_error(text: str) -> None:
    for parse in PARSERS:
        try:
            parse(text)
        except errors.InvalidReferenceError:
            pass


@given(st.binary())
def test_arbitrary_bytes_decoded_give_a_value_or_an_invalid_reference_error(data: bytes) -> None:
    for text in (data.decode("utf-8", "replace"), data.decode("utf-8", "surrogateescape"), data.decode("latin-1")):
        for parse in PARSERS:
            try:
                parse(text)
            except errors.InvalidReferenceError:
                pass


@given(st.text(GRAMMAR_CHARACTERS) | reference_texts())
def test_fast_and_careful_paths_agree(text: str) -> None:
    assert outcome(parse_reference, text) == outcome(reference._parse_slow, text)
    assert outcome(parse_normalized_reference, text) == outcome(reference._parse_normalized_slow, text)


@given(reference_texts(), st.integers(0, 300), st.sampled_from(GRAMMAR_CHARACTERS))
def test_one_character_changed(text: str, where: int, character: str) -> None:
    where %= len(text) + 1
    for mutated in (text[:where] + character + text[where:], text[:where] + character + text[where + 1 :]):
        assert outcome(parse_reference, mutated) == outcome(reference._parse_slow, mutated)
        try:
            ref = parse_reference(mutated)
        except errors.OCIError as error:
            assert error.text == mutated
            assert error.span is not None and 0 <= error.span[0] <= error.span[1] <= len(mutated)
        else:
            assert str(ref) == mutated


@given(st.lists(reference_texts() | st.text(max_size=8), max_size=6))
def test_sort_is_a_permutation_of_the_parsed_texts(texts: list[str]) -> None:
    ordered = sort_references(texts)
    assert len(ordered) == len(texts)
    assert sort_references(ordered) == ordered


@given(st.none() | domains())
def test_default_scheme_is_total_on_domains(domain: str | None) -> None:
    assert default_scheme(domain) in ("http", "https")


@given(domains(), paths(), st.none() | tags())
def test_ggcr_agrees_on_explicit_registries(domain: str, path: str, tag: str | None) -> None:
    if "." not in domain and ":" not in domain and domain != "localhost":
        return  # ggcr would read the first component as part of the path
    text = f"{domain}/{path}" + (f":{tag}" if tag is not None and len(tag) <= 127 else "")
    parsed = parse_reference(text)
    ggcr = name.new_tag(text)
    assert ggcr.registry_str == ("index.docker.io" if domain == "docker.io" else domain)
    assert ggcr.repository.repository == parsed.path
    assert ggcr.tag == (parsed.tag or "latest")


@given(st.text(GRAMMAR_CHARACTERS, max_size=30))
def test_ggcr_registries_have_a_scheme(text: str) -> None:
    try:
        registry = name.new_registry(text)
    except errors.InvalidReferenceError:
        return
    assert registry.scheme in ("http", "https")
    assert str(registry) == registry.name


@given(reference_texts())
def test_any_reference_is_a_reference_or_a_digest(text: str) -> None:
    try:
        value = parse_any_reference(text)
    except errors.OCIError:
        return
    assert isinstance(value, (Reference, Digest))
