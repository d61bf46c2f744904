"""oci_core.reference beyond the upstream tables: errors, values, naming, path.Match."""

from __future__ import annotations

import pickle

import pytest

from oci_core import errors, reference
from oci_core.digest import Digest, parse_digest
from oci_core.reference import (
    MAX_PATTERN_LENGTH,
    Reference,
    canonical_domain,
    credential_key,
    default_scheme,
    familiar_match,
    is_domain,
    parse_any_reference,
    parse_docker_reference,
    parse_name,
    parse_named,
    parse_normalized_reference,
    parse_reference,
    registry_host,
    sort_references,
)

HEX = "4c03f0f16de9a294cd0c075703a34eba4cfeae76dfbe8c5cb4e1557a1d42c6bf"
SHA = "sha256:" + HEX

# -- errors: class, upstream words, span ------------------------------------------


@pytest.mark.parametrize(
    ("text", "error", "message", "span"),
    [
        ("", errors.NameEmptyError, "repository name must have at least one component", (0, 0)),
        ("Uppercase:tag", errors.NameContainsUppercaseError, "repository name must be lowercase", (0, 1)),
        ("test:5000/Upper/lower:tag", errors.NameContainsUppercaseError, "repository name must be lowercase", (10, 11)),
        ("docker///docker", errors.InvalidReferenceError, "invalid reference format", (7, 8)),
        ("a//b", errors.InvalidReferenceError, "invalid reference format", (2, 3)),
        ("foo/bar-", errors.InvalidReferenceError, "invalid reference format", (7, 8)),
        ("aa/asdf$$^/aa", errors.InvalidReferenceError, "invalid reference format", (7, 8)),
        ("nginx:bad~tag", errors.InvalidReferenceError, "invalid reference format", (6, 13)),
        ("nginx@sha256:abc", errors.InvalidReferenceError, "invalid reference format", (13, 16)),
        ("café", errors.InvalidReferenceError, "invalid reference format", (3, 4)),
        ("nginx\n", errors.InvalidReferenceError, "invalid reference format", (5, 6)),
        ("a/" + "b" * 256, errors.NameTooLongError, "repository name must not be more than 255 characters", (2, 258)),
        (
            "nginx:" + "t" * 200,
            errors.InvalidReferenceError,
            "invalid reference format: the tag is 200 characters long, at most 128 are allowed",
            (6, 206),
        ),
    ],
)
def test_parse_errors(text: str, error: type[errors.OCIError], message: str, span: tuple[int, int]) -> None:
    with pytest.raises(error) as caught:
        parse_reference(text)
    assert type(caught.value) is error
    assert caught.value.message == message
    assert caught.value.text == text
    assert caught.value.span == span


def test_digest_errors_surface_located_in_the_reference() -> None:
    with pytest.raises(errors.InvalidDigestLengthError) as caught:
        parse_reference("repo@sha256:" + "f" * 34)
    assert caught.value.text == "repo@sha256:" + "f" * 34
    assert caught.value.span == (12, 46)
    with pytest.raises(errors.UnsupportedAlgorithmError) as unsupported:
        parse_reference("repo@md5:" + "f" * 32)
    assert unsupported.value.span == (5, 8)
    with pytest.raises(errors.InvalidDigestFormatError):
        parse_reference("repo@sha256:" + "F" * 64)  # the reference grammar allows uppercase hex; sha256 does not


def test_marker_points_at_the_fault() -> None:
    with pytest.raises(errors.InvalidReferenceError) as caught:
        parse_reference("example.com/foo/bar-")
    assert caught.value.marker == "example.com/foo/bar-\n                   ^"


def test_normalized_errors_are_about_the_input_not_the_expanded_text() -> None:
    with pytest.raises(errors.NameContainsUppercaseError) as upper:
        parse_normalized_reference("docker/Docker")
    assert upper.value.text == "docker/Docker"
    assert upper.value.span == (7, 8)
    with pytest.raises(errors.InvalidReferenceError) as bad:
        parse_normalized_reference("foo-")
    assert bad.value.text == "foo-"
    assert bad.value.span == (3, 4)
    with pytest.raises(errors.NameTooLongError) as long:
        parse_normalized_reference("b" * 250)  # "library/" makes the path 258
    assert long.value.text == "b" * 250
    with pytest.raises(errors.InvalidReferenceError) as hexadecimal:
        parse_normalized_reference(HEX)
    assert hexadecimal.value.message == "invalid repository name, cannot specify 64-byte hexadecimal strings"


@pytest.mark.parametrize("value", [None, 1, b"nginx", ["nginx"], object()])
@pytest.mark.parametrize(
    "parse",
    [parse_reference, parse_normalized_reference, parse_named, parse_any_reference, parse_docker_reference, parse_name],
)
def test_non_strings_are_refused_as_references(value: object, parse: object) -> None:
    with pytest.raises(errors.InvalidReferenceError, match="expected a string"):
        parse(value)  # type: ignore[operator]


def test_str_subclasses_are_read_as_their_text() -> None:
    class Sneaky(str):
        def __str__(self) -> str:
            raise RuntimeError("not called")

    ref = parse_reference(Sneaky("a/b:c"))
    assert type(ref.path) is str and ref == parse_reference("a/b:c")
    assert parse_normalized_reference(Sneaky("nginx")) == parse_normalized_reference("nginx")


def test_errors_pickle() -> None:
    with pytest.raises(errors.NameContainsUppercaseError) as caught:
        parse_reference("A")
    again = pickle.loads(pickle.dumps(caught.value))
    assert type(again) is errors.NameContainsUppercaseError and again.span == caught.value.span


# -- the value ---------------------------------------------------------------------


def test_value_parts_and_round_trip() -> None:
    ref = parse_reference("localhost:5000/a/b:v1@" + SHA)
    assert (ref.domain, ref.path, ref.tag, ref.digest) == ("localhost:5000", "a/b", "v1", SHA)
    assert type(ref) is Reference and type(ref.digest) is Digest
    assert ref.name == "localhost:5000/a/b"
    assert str(ref) == "localhost:5000/a/b:v1@" + SHA
    assert ref.identifier == SHA
    assert parse_reference("a:v1").identifier == "v1"
    assert parse_reference("a").identifier is None


def test_value_is_frozen_hashable_and_compares_by_content() -> None:
    a, b = parse_reference("a/b:c"), Reference("a", "b", "c")
    assert a == b and hash(a) == hash(b) and {a: 1}[b] == 1
    with pytest.raises(AttributeError):
        a.tag = "d"  # type: ignore[misc]
    assert not hasattr(a, "__dict__")
    assert pickle.loads(pickle.dumps(a)) == a
    assert a != parse_reference("a/b:d")


def test_constructor_validates() -> None:
    assert Reference("library", "nginx") == parse_reference("library/nginx")
    assert Reference(None, "a_b/c") == parse_reference("a_b/c")  # "a_b" is no domain
    with pytest.raises(errors.InvalidReferenceError, match="reads as a domain"):
        Reference(None, "library/nginx")  # would print as text whose domain is "library"
    assert Reference("docker.io", "x", digest=SHA).digest == parse_digest(SHA)  # text is parsed
    assert type(Reference("docker.io", "x", digest=SHA).digest) is Digest
    with pytest.raises(errors.InvalidReferenceError):
        Reference("", "x")  # no domain is None, not ""
    with pytest.raises(errors.InvalidReferenceError):
        Reference("bad_domain", "x")
    with pytest.raises(errors.NameContainsUppercaseError):
        Reference(None, "Upper")
    with pytest.raises(errors.InvalidReferenceError):
        Reference(None, "a//b")
    with pytest.raises(errors.NameTooLongError):
        Reference(None, "a" * 256)
    with pytest.raises(errors.InvalidTagError):
        Reference(None, "a", tag="-bad")
    with pytest.raises(errors.InvalidDigestError):
        Reference(None, "a", digest="sha256:abc")
    with pytest.raises(TypeError, match="Reference path must be a str, got int"):
        Reference(None, 5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="digest must be a str, got bytes"):
        Reference(None, "a", digest=b"sha256:" + b"0" * 64)  # type: ignore[arg-type]
    with pytest.raises(errors.InvalidTagError, match="at most 128 are allowed"):
        Reference(None, "a", tag="t" * 129)


def test_constructor_judges_the_characters_of_str_subclasses() -> None:
    class Loud(str):
        def __eq__(self, other: object) -> bool:
            return True

        def __hash__(self) -> int:
            return 0

    ref = Reference(Loud("example.com"), Loud("a/b"), Loud("v1"))
    assert all(type(part) is str for part in (ref.domain, ref.path, ref.tag))
    assert ref == parse_reference("example.com/a/b:v1") and hash(ref) == hash(parse_reference("example.com/a/b:v1"))


def test_combinators_keep_tag_and_digest() -> None:
    base = parse_reference("example.com/foo:v1")
    both = base.with_digest(SHA)
    assert str(both) == "example.com/foo:v1@" + SHA
    assert str(both.with_tag("v2")) == "example.com/foo:v2@" + SHA
    assert str(both.trim()) == "example.com/foo"
    with pytest.raises(errors.InvalidTagError, match="invalid tag format"):
        base.with_tag("-foo")
    with pytest.raises(errors.InvalidTagError, match=r"^invalid tag format: the tag is 129 characters long"):
        base.with_tag("a" * 129)
    with pytest.raises(TypeError, match="tag must be a str, got int"):
        base.with_tag(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="digest must be a str, got NoneType"):
        base.with_digest(None)  # type: ignore[arg-type]
    with pytest.raises(errors.InvalidDigestError):
        base.with_digest("foo")
    assert base.with_tag("a" * 128).tag == "a" * 128


@pytest.mark.parametrize(
    ("text", "familiar", "familiar_name"),
    [
        ("nginx", "nginx", "nginx"),
        ("docker.io/library/redis:7@" + SHA, "redis:7@" + SHA, "redis"),
        ("library/foo/bar", "library/foo/bar", "library/foo/bar"),
        ("dmcgowan/myapp:latest", "dmcgowan/myapp:latest", "dmcgowan/myapp"),
        ("ghcr.io/org/app:1", "ghcr.io/org/app:1", "ghcr.io/org/app"),
    ],
)
def test_familiar(text: str, familiar: str, familiar_name: str) -> None:
    ref = parse_normalized_reference(text)
    assert ref.familiar() == familiar
    assert ref.familiar_name == familiar_name
    assert parse_normalized_reference(ref.familiar()) == ref


def test_parse_reference_does_not_normalise() -> None:
    ref = parse_reference("docker.io/library/nginx")
    assert ref.domain == "docker.io" and ref.familiar() == "nginx"
    assert parse_reference("nginx").domain is None
    assert str(parse_reference("index.docker.io/foo")) == "index.docker.io/foo"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Foo/bar", "Foo/bar"),  # uppercase first component: a domain
        ("a.b_c/x", "a.b_c/x"),  # Docker takes it for a domain, Parse for a path
        ("localhost/x", "localhost/x"),
        ("localhost", "docker.io/library/localhost"),
        ("localhost:5000", "docker.io/library/localhost:5000"),  # a tag, not a port
        ("[::1]:5000/x:y", "[::1]:5000/x:y"),
        ("index.docker.io/library/foo/bar", "docker.io/library/foo/bar"),
        ("docker.io/foo@" + SHA, "docker.io/library/foo@" + SHA),
        ("foo_bar/baz", "docker.io/foo_bar/baz"),
        ("sha256:abc", "docker.io/library/sha256:abc"),
    ],
)
def test_normalisation_corners(text: str, expected: str) -> None:
    assert str(parse_normalized_reference(text)) == expected


def test_parse_any_reference_reads_digests() -> None:
    assert parse_any_reference(HEX) == SHA and type(parse_any_reference(HEX)) is Digest
    assert parse_any_reference(SHA) == SHA
    sha512 = "sha512:" + "a" * 128
    assert parse_any_reference(sha512) == sha512
    assert isinstance(parse_any_reference("redis"), Reference)


def test_parse_docker_reference() -> None:
    assert str(parse_docker_reference("a:v1@" + SHA)) == "docker.io/library/a@" + SHA
    assert str(parse_docker_reference("a")) == "docker.io/library/a:latest"
    assert str(parse_docker_reference("a:v1")) == "docker.io/library/a:v1"


def test_parse_named_requires_canonical_form() -> None:
    with pytest.raises(errors.NameNotCanonicalError) as caught:
        parse_named("nginx:1")
    assert caught.value.text == "nginx:1" and caught.value.message == "repository name must be canonical"
    assert str(parse_named("docker.io/library/nginx:1")) == "docker.io/library/nginx:1"


def test_parse_name_refuses_tags_and_digests() -> None:
    assert parse_name("localhost:5000/a") == Reference("localhost:5000", "a")
    for text in ("a:tag", "a@" + SHA, "localhost:5000", ""):
        with pytest.raises(errors.InvalidReferenceError):
            parse_name(text)


def test_long_inputs_take_the_careful_path_with_the_same_answers() -> None:
    domain = "a" * 230 + ".example.com:5000"
    path = "p/" * 120 + "q"
    text = domain + "/" + path + ":" + "t" * 128 + "@sha512:" + "a" * 128
    assert len(text) > reference._FAST_LIMIT
    ref = parse_reference(text)
    assert (ref.domain, ref.path, ref.tag, str(ref)) == (domain, path, "t" * 128, text)
    assert parse_normalized_reference(text) == ref


def test_domains_are_at_most_255_characters() -> None:
    assert parse_reference("a" * 251 + ".io/x").domain == "a" * 251 + ".io"
    with pytest.raises(errors.InvalidReferenceError) as caught:
        parse_reference("a" * 300 + ":5000/x")
    assert caught.value.span == (0, 305)
    # Without a port the first component is read as part of the path, which is then too long.
    with pytest.raises(errors.NameTooLongError):
        parse_reference("a" * 300 + ".io/x")


@pytest.mark.parametrize(
    "text",
    [
        "nginx",
        "a/b/c",
        "foo_bar/x",
        "a.b/c",
        "a.b_c/x",
        "localhost/x",
        "localhost:5000/x:y",
        "[::1]/x",
        "[2001:db8::1]:5000/repo:tag@" + SHA,
        "Foo/bar",
        "gcr.io/p/i@" + SHA,
        "x:" + "t" * 128,
        "index.docker.io/user/app:v2",
        "docker.io/x",
        "a-b--c__d.e/f",
        "-a.b:5/x",
        "a-.b:5/x",
    ],
)
def test_fast_and_careful_paths_agree(text: str) -> None:
    for fast, careful in (
        (parse_reference, reference._parse_slow),
        (parse_normalized_reference, reference._parse_normalized_slow),
    ):
        try:
            expected: object = careful(text)
        except errors.OCIError as error:
            expected = (type(error), error.message, error.span)
        try:
            got: object = fast(text)
        except errors.OCIError as error:
            got = (type(error), error.message, error.span)
        assert got == expected


def test_is_domain() -> None:
    assert is_domain("registry-1.docker.io:443")
    assert is_domain("[fe80::1]")
    assert not is_domain("[fe80::1%eth0]")
    assert not is_domain("host:")
    assert not is_domain("host:8o")
    assert not is_domain("[]")
    assert not is_domain("a..b")
    assert not is_domain("a.-b")
    assert not is_domain("-a")
    assert not is_domain("")
    assert not is_domain(5)
    assert not is_domain("host:٣")  # Arabic-Indic digit: not [0-9]


# -- Docker Hub naming ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("domain", "canonical", "host", "key"),
    [
        (None, "docker.io", "registry-1.docker.io", "https://index.docker.io/v1/"),
        ("docker.io", "docker.io", "registry-1.docker.io", "https://index.docker.io/v1/"),
        ("index.docker.io", "docker.io", "registry-1.docker.io", "https://index.docker.io/v1/"),
        ("registry-1.docker.io", "registry-1.docker.io", "registry-1.docker.io", "https://index.docker.io/v1/"),
        ("ghcr.io", "ghcr.io", "ghcr.io", "ghcr.io"),
        ("localhost:5000", "localhost:5000", "localhost:5000", "localhost:5000"),
    ],
)
def test_docker_hub_names(domain: str | None, canonical: str, host: str, key: str) -> None:
    assert canonical_domain(domain) == canonical
    assert registry_host(domain) == host
    assert credential_key(domain) == key


@pytest.mark.parametrize(
    ("domain", "scheme"),
    [
        ("localhost", "http"),
        ("localhost:5000", "http"),
        ("LOCALHOST:5000", "http"),
        ("foo.svc.localhost:1234", "http"),
        ("127.0.0.1", "http"),
        ("127.1.2.3:5000", "http"),
        ("[::1]:5000", "http"),
        ("[::1]", "http"),
        ("[0:0:0:0:0:0:0:1]", "http"),
        ("10.2.3.4:5000", "http"),
        ("172.16.3.4", "http"),
        ("172.31.255.255", "http"),
        ("192.168.3.4", "http"),
        ("172.32.0.1", "https"),
        ("10.256.0.0:5000", "https"),
        ("010.1.1.1", "https"),  # leading zeros: not an address (Go's net.ParseIP)
        ("8.8.8.8", "https"),
        ("127.0.0.1.evil.com", "https"),
        ("foo.svc.local:1234", "https"),
        ("[2001:db8::1]:5000", "https"),
        ("[fd00123123123]:5000", "https"),  # grammatical, but no address
        ("docker.io", "https"),
        (None, "https"),
    ],
)
def test_default_scheme(domain: str | None, scheme: str) -> None:
    assert default_scheme(domain) == scheme


@pytest.mark.parametrize("function", [canonical_domain, registry_host, credential_key, default_scheme])
@pytest.mark.parametrize("domain", ["", "bad_domain", "a/b", "::1"])
def test_naming_functions_refuse_non_domains(function: object, domain: object) -> None:
    with pytest.raises(errors.InvalidReferenceError):
        function(domain)  # type: ignore[operator]
    with pytest.raises(TypeError, match="domain must be a str or None, got int"):
        function(5)  # type: ignore[operator]


# -- FamiliarMatch (Go's path.Match itself is tested in test_gomatch.py) -----------------------


@pytest.mark.parametrize("pattern", ["[", "a[", "[-x]", "\\", "[a-b-c]", "x" * (MAX_PATTERN_LENGTH + 1)])
def test_familiar_match_refuses_bad_patterns(pattern: str) -> None:
    with pytest.raises(errors.InvalidPatternError, match=r"^syntax error in pattern: ") as caught:
        familiar_match(pattern, parse_normalized_reference("a"))
    assert caught.value.text == pattern


def test_familiar_match_tries_the_name_after_the_string() -> None:
    ref = parse_normalized_reference("example.com/foo/c/baz:tag")
    assert familiar_match("example.com/foo/c/baz:tag", ref)
    assert familiar_match("example.com/foo/*/baz", ref)
    assert not familiar_match("example.com/foo/*", ref)
    assert familiar_match("sha256:*", parse_digest(SHA))
    with pytest.raises(errors.InvalidPatternError):
        familiar_match(5, ref)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="reference must be a Reference or a Digest"):
        familiar_match("*", "nginx")  # type: ignore[arg-type]


# -- Sort -----------------------------------------------------------------------------------


def test_sort_references() -> None:
    refs = ["z.io/n:latest", "z.io/n@" + SHA, "z.io/n:latest@" + SHA, "nope!", HEX, "b", "a"]
    assert sort_references(refs) == (
        "z.io/n:latest@" + SHA,
        "z.io/n:latest",
        "z.io/n@" + SHA,
        "docker.io/library/a",
        "docker.io/library/b",
        SHA,
        "nope!",
    )
    assert sort_references([]) == ()


@pytest.mark.parametrize(
    ("text", "digest_fault"),
    [
        ("repo@sha256:" + "f" * 63, True),
        ("repo@sha256:" + "F" * 64, True),
        ("repo@md5:" + "f" * 32, True),
        # outside the reference grammar itself ([[:xdigit:]]{32,}; algorithm length)
        ("repo@sha256:" + "g" * 64, False),
        ("repo@unknown" + "a" * 2000 + ":" + "f" * 64, False),
    ],
)
def test_every_refusal_of_a_reference_is_a_reference_error(text: str, digest_fault: bool) -> None:
    for parse in (parse_reference, parse_normalized_reference):
        with pytest.raises(errors.InvalidReferenceError) as caught:
            parse(text)
        assert isinstance(caught.value, errors.InvalidDigestError) is digest_fault
        assert caught.value.span is not None and caught.value.span[0] >= len("repo@")


def test_the_familiar_form_never_names_another_registry() -> None:
    # Found by fuzz/fuzz_reference.py: upstream would show "1a.io/1aa", which is registry 1a.io.
    ref = parse_reference("docker.io/1a.io/1aa")
    assert ref.familiar() == "docker.io/1a.io/1aa"
    assert parse_normalized_reference(ref.familiar()) == ref
    assert parse_reference("docker.io/localhost/x").familiar() == "docker.io/localhost/x"
    assert parse_normalized_reference("docker.io/library/nginx:1").familiar() == "nginx:1"
    assert parse_normalized_reference("docker.io/user/app").familiar() == "user/app"
