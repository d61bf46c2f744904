"""Properties of oci_core.reference and oci_core.name over grammar-built and arbitrary input."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from oci_core import errors, name, reference
from oci_core.digest import Digest
from oci_core.reference import (
    Reference,
    default_scheme,
    familiar_match,
    is_domain,
    parse_any_reference,
    parse_docker_reference,
    parse_name,
    parse_named,
    parse_normalized_reference,
    parse_reference,
    sort_references,
)
from oci_core.strategies import digests, domains, paths, reference_texts, references, tags

from .hostile import Liar, assert_linear, hostile_texts

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


def _error_of(parse: Callable[[str], object], text: str) -> errors.OCIError | None:
    try:
        parse(text)
    except errors.OCIError as error:
        return error
    return None


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
        error = _error_of(parse_reference, mutated)
        if error is None:
            assert str(parse_reference(mutated)) == mutated
        else:
            assert error.text == mutated
            assert error.span is not None and 0 <= error.span[0] <= error.span[1] <= len(mutated)


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
    hub_library = ggcr.registry_str == "index.docker.io" and "/" not in parsed.path
    assert ggcr.repository.repository == ("library/" + parsed.path if hub_library else parsed.path)
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


# -- hostile classes (each of these failed on the core before issue 7) -------------------------

REFERENCE_READERS: list[Callable[[str], object]] = [
    *PARSERS,
    is_domain,
    lambda text: default_scheme(text),
    lambda text: reference.canonical_domain(text),
    lambda text: familiar_match(text, parse_normalized_reference("example.com/a/b:v1")),
    lambda text: parse_reference("a/b").with_tag(text),
    lambda text: name.new_repository("gcr.io/a").tag(text),
    lambda text: Reference("example.com", "a", text),
    lambda text: Reference(None, text),
    lambda text: name.Registry(text),
    lambda text: sort_references([text, "b"]),
]


def _exact_parts(value: object) -> bool:
    if isinstance(value, Reference):
        parts: tuple[object, ...] = (value.domain, value.path, value.tag, value.digest)
    elif isinstance(value, (name.Tag, name.DigestReference)):
        parts = (value.original, value.repository.repository, value.repository.registry.registry)
    elif isinstance(value, name.Repository):
        parts = (value.repository, value.registry.registry)
    elif isinstance(value, name.Registry):
        parts = (value.registry,)
    elif isinstance(value, tuple):
        return all(_exact_parts(part) for part in value)
    else:
        parts = (value,)
    return all(type(part) in (str, Digest, bool, int, type(None), type) for part in parts)


def _answer(read: Callable[[str], object], text: str) -> object:
    try:
        return read(text)
    except errors.OCIError as error:
        return (type(error), error.message, error.span)
    except TypeError as error:
        return (TypeError, str(error))


@given(st.text(GRAMMAR_CHARACTERS, max_size=30) | reference_texts())
@example("example.com/a/b:v1")
@example("[::1]:5000/x:y")
@example("gcr.io")
def test_str_subclasses_are_judged_by_their_characters(text: str) -> None:
    for read in REFERENCE_READERS:
        expected = _answer(read, text)
        got = _answer(read, Liar(text))
        assert got == expected
        assert _exact_parts(got)


@given(
    st.none() | st.text(GRAMMAR_CHARACTERS, max_size=20) | domains(),
    st.text(GRAMMAR_CHARACTERS, max_size=20) | paths(),
    st.none() | st.text(GRAMMAR_CHARACTERS, max_size=10) | tags(),
    st.none() | digests(),
)
def test_reference_constructor_builds_only_what_the_parser_reads_back(
    domain: str | None, path: str, tag: str | None, digest_value: Digest | None
) -> None:
    try:
        value = Reference(domain, path, tag, digest_value)
    except errors.InvalidReferenceError:
        return
    assert parse_reference(str(value)) == value


@given(st.text(GRAMMAR_CHARACTERS + "\ud800\uffff\ufdd0", max_size=20) | domains())
@example("docker.io")  # Registry("docker.io") printed as a name that new_registry reads as index.docker.io
@example("gcr\ud800.io")
def test_registry_constructor_builds_only_what_new_registry_reads_back(text: str) -> None:
    try:
        value = name.Registry(text)
    except errors.InvalidReferenceError:
        return
    assert name.new_registry(str(value)) == value


@given(domains(), paths())
@example("index.docker.io", "ubuntu")  # "ubuntu" and "library/ubuntu" there are one repository, and one value
def test_repositories_read_back_from_their_text(registry_text: str, path: str) -> None:
    try:
        repository = name.Repository(name.Registry(registry_text), path)
    except errors.InvalidReferenceError:
        return
    readable = "." in registry_text or ":" in registry_text or registry_text == "localhost"
    if readable or repository.registry_str == "index.docker.io":
        # ggcr's text form has no way to say a registry without "." or ":" (other than localhost).
        assert name.new_repository(str(repository)) == repository


forbidden = st.sampled_from(["\ud800", "\udfff", "\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff"])


@given(domains(), forbidden, st.integers(0, 300))
@example("gcr.io", "\uffff", 3)
def test_ggcr_registries_refuse_lone_surrogates_and_noncharacters(registry: str, character: str, where: int) -> None:
    where %= len(registry) + 1
    text = registry[:where] + character + registry[where:]
    for make in (name.new_registry, name.Registry, lambda t: name.new_tag(t + "/a:b")):
        with pytest.raises(errors.InvalidReferenceError):
            make(text)


tag_texts = st.text(GRAMMAR_CHARACTERS, max_size=12) | reference_texts() | st.sampled_from(["v1", "gcr.io/a/b:v1"])


@given(reference_texts(), tags(), tag_texts)
@example("gcr.io/a/b", "v1", "quay.io/x:y")  # Tag accepted an original that names another image
def test_tags_are_made_only_with_an_original_that_names_them(repository_text: str, tag: str, original: str) -> None:
    try:
        repository = name.new_repository(parse_reference(repository_text).name)
        made = name.Tag(repository, tag[:127], original)
    except errors.InvalidReferenceError:
        return
    assert name.new_tag(str(made), default_registry=made.registry_str, default_tag=made.tag) == made


@given(reference_texts(), digests(), tag_texts)
def test_digest_references_are_made_only_with_an_original_that_names_them(
    repository_text: str, digest_value: Digest, original: str
) -> None:
    try:
        repository = name.new_repository(parse_reference(repository_text).name)
        made = name.DigestReference(repository, digest_value, original)
    except errors.InvalidReferenceError:
        return
    assert name.new_digest_reference(str(made), default_registry=made.registry_str) == made


NAME_PREFIXES = ["", "gcr.io/", "a", "gcr.io/a:", "a@sha256:", "gcr.io/a:b@", "["]


@settings(max_examples=30)
@given(hostile_texts(NAME_PREFIXES))
def test_every_reading_of_a_reference_answers_1_mb_in_linear_time(text: str) -> None:
    readers: list[Callable[[str], object]] = [
        *PARSERS,
        is_domain,
        reference.registry_host,
        lambda t: name.new_repository("gcr.io/a").digest(t),
        lambda t: parse_reference("a").with_digest(t),
    ]
    for read in readers:
        assert_linear(read, text)
