"""oci_core.name (go-containerregistry's view) beyond its upstream tables."""

from __future__ import annotations

import pytest

from oci_core import errors, name
from oci_core.name import DigestReference, Registry, Repository, Tag

SHA = "sha256:" + "de" * 32


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("gcr.io", True),
        ("gcr.io:", True),  # Go's url.Parse allows an empty port
        ("a:b:5000", True),  # the port is after the last ":"
        ("::1", True),
        ("[::1]:5000", True),
        ("[::ffff:1.2.3.4]", True),
        ("ex!$&'()*+,;=ample", True),  # RFC 3986 sub-delims
        ("bücher.example", True),  # non-ASCII passes net/url's host check
        ("[1.2.3.4]", False),  # only IPv6 in brackets (Go 1.25.2)
        ("[::1", False),
        ("[::1]x", False),
        ("host:http", False),
        ("white space", False),
        ("gcr?com", False),
        ("gcr#com", False),
        ("user@gcr.io", False),
        ("gcr%2eio", False),
        ("gcr.io/path", False),
        ("tab\tgcr.io", False),
        ("a" * 256, False),  # longer than any DNS name
    ],
)
def test_registry_names(text: str, valid: bool) -> None:
    if valid:
        assert name.new_registry(text).name == text
    else:
        with pytest.raises(errors.InvalidReferenceError, match="registries must be valid RFC 3986 URI authorities"):
            name.new_registry(text)


@pytest.mark.parametrize(
    ("registry", "scheme", "rfc1918"),
    [
        ("127.0.0.1:5000", "http", False),
        ("127.0.0.2", "https", False),  # ggcr: only 127.0.0.1 (reference.default_scheme says http)
        ("LOCALHOST", "https", False),  # ggcr compares exactly
        ("localhost:", "http", False),  # an empty port is an authority to Go
        ("a.localhost:123456", "https", False),  # more than 5 port digits
        ("172.16.0.1", "http", True),
        ("172.15.0.1", "https", False),
        ("010.0.0.1", "https", False),
        ("192.168.0.1:80", "http", True),
    ],
)
def test_scheme(registry: str, scheme: str, rfc1918: bool) -> None:
    value = name.new_registry(registry)
    assert (value.scheme, value.is_rfc1918) == (scheme, rfc1918)
    assert name.new_registry(registry, insecure=True).scheme == "http"


def test_defaults_and_options() -> None:
    assert name.new_tag("ubuntu", default_registry="docker.io").name == "index.docker.io/library/ubuntu:latest"
    assert name.new_tag("ubuntu", default_registry="gcr.io").name == "gcr.io/ubuntu:latest"
    # A bad option is a bad argument value (ValueError), not bad data, and is refused whatever the text.
    for call in (
        lambda: name.new_tag("ubuntu", default_tag="bad tag"),
        lambda: name.new_tag("gcr.io/a:v1", default_tag="bad tag"),
        lambda: name.new_registry("", default_registry="bad registry"),
        lambda: name.new_reference("gcr.io/a", default_registry=""),
    ):
        with pytest.raises(ValueError, match=r"^default_") as caught:
            call()
        assert not isinstance(caught.value, errors.OCIError)
    with pytest.raises(TypeError, match="default_registry must be a str"):
        name.new_repository("a", default_registry=None)  # type: ignore[arg-type]
    assert name.new_tag("ubuntu", default_registry="docker.io").registry_str == "index.docker.io"
    with pytest.raises(errors.InvalidReferenceError, match="strict validation requires the full repository path"):
        name.new_repository("index.docker.io/foo", strict=True)
    with pytest.raises(errors.InvalidReferenceError, match="must specify a tag name after the colon"):
        name.new_tag("library/ubuntu:")
    with pytest.raises(errors.InvalidReferenceError, match="must not contain a URL scheme"):
        name.new_reference("https://gcr.io/a/b")


def test_ggcr_is_looser_than_distribution_on_paths() -> None:
    # Character set and length only: these fail distribution's grammar.
    assert name.new_repository("gcr.io/a//b").repository == "a//b"
    assert name.new_repository("gcr.io/-a_").repository == "-a_"
    assert name.new_tag("gcr.io/a:" + "t" * 127).tag == "t" * 127
    with pytest.raises(errors.InvalidReferenceError):
        name.new_tag("gcr.io/a:" + "t" * 128)  # ggcr: 127, distribution: 128


def test_error_spans_point_into_the_input() -> None:
    with pytest.raises(errors.InvalidReferenceError) as caught:
        name.new_repository("gcr.io/ab$c")
    assert caught.value.span == (9, 10)
    with pytest.raises(errors.InvalidReferenceError) as tag:
        name.new_tag("gcr.io/a:b~")
    assert tag.value.span == (10, 11)
    with pytest.raises(errors.InvalidDigestLengthError) as digest:
        name.new_digest_reference("gcr.io/a@sha256:abc")
    assert digest.value.text == "gcr.io/a@sha256:abc" and digest.value.span == (16, 19)


def test_digest_references_keep_the_text_and_drop_the_tag_from_the_name() -> None:
    value = name.new_reference("gcr.io/a/b:v1@" + SHA)
    assert isinstance(value, DigestReference)
    assert str(value) == "gcr.io/a/b:v1@" + SHA
    assert value.name == "gcr.io/a/b@" + SHA
    assert value.identifier == value.digest_str == SHA
    assert value.scope("push") == "repository:a/b:push"
    with pytest.raises(errors.InvalidReferenceError):
        name.new_digest_reference("a@" + SHA + "@" + SHA)


def test_values_are_validated_frozen_and_compare_by_content() -> None:
    registry = Registry("gcr.io")
    repository = Repository(registry, "a/b")
    assert repository == name.new_repository("gcr.io/a/b")
    assert hash(repository) == hash(name.new_repository("gcr.io/a/b"))
    assert repository.tag("v1") == name.new_tag("gcr.io/a/b:v1")
    with pytest.raises(AttributeError):
        registry.registry = "x"  # type: ignore[misc]
    with pytest.raises(errors.InvalidReferenceError):
        Registry("")
    with pytest.raises(TypeError, match="insecure must be a bool"):
        Registry("gcr.io", insecure="yes")  # type: ignore[arg-type]
    with pytest.raises(errors.InvalidReferenceError):
        Repository(registry, "A")
    with pytest.raises(errors.InvalidReferenceError):
        Tag(repository, "", "x")
    with pytest.raises(errors.InvalidDigestError):
        DigestReference(repository, "sha256:nope", "x")
    with pytest.raises(errors.InvalidReferenceError):
        repository.tag("bad tag")
    with pytest.raises(errors.InvalidDigestError):
        repository.digest("badf00d")
    assert Registry("docker.io") == name.new_registry("docker.io")  # the alias is folded everywhere


def test_tags_and_digest_references_must_be_given_the_text_that_names_them() -> None:
    repository = name.new_repository("gcr.io/a/b")
    assert Tag(repository, "v1", "gcr.io/a/b:v1") == name.new_tag("gcr.io/a/b:v1")
    assert Tag(repository, "v1", "gcr.io/a/b") == name.new_tag("gcr.io/a/b", default_tag="v1")
    hub = name.new_repository("ubuntu")
    assert Tag(hub, "22.04", "ubuntu:22.04") == name.new_tag("ubuntu:22.04")
    assert Tag(hub, "22.04", "index.docker.io/library/ubuntu:22.04") == hub.tag("22.04")
    for unrelated in ("quay.io/a/b:v1", "gcr.io/a/b:v2", "gcr.io/a/c:v1", "gcr.io/a/b@" + SHA, "not a name"):
        with pytest.raises(errors.InvalidReferenceError, match="does not name this tag"):
            Tag(repository, "v1", unrelated)
    assert DigestReference(repository, SHA, "gcr.io/a/b:v1@" + SHA) == name.new_digest_reference("gcr.io/a/b:v1@" + SHA)
    with pytest.raises(errors.InvalidReferenceError, match="does not name this digest reference"):
        DigestReference(repository, SHA, "gcr.io/a/b@sha256:" + "ab" * 32)
    with pytest.raises(TypeError):
        Tag(repository, "v1", None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Tag("gcr.io/a/b", "v1", "gcr.io/a/b:v1")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["gcr\ud800.io", "gcr\uffff.io", "a\ufdd0", "\U0010fffe.io"])
def test_registries_refuse_lone_surrogates_and_noncharacters(text: str) -> None:
    with pytest.raises(errors.InvalidReferenceError, match="no lone surrogates or noncharacters"):
        name.new_registry(text)
    with pytest.raises(errors.InvalidReferenceError):
        Registry(text)
    with pytest.raises(errors.InvalidReferenceError):
        name.new_tag(text + "/a:b")


def test_strict_missing_tag_points_at_the_end_of_the_text() -> None:
    with pytest.raises(errors.InvalidReferenceError, match="tag must be between 1 and 127") as caught:
        name.new_tag("ubuntu", strict=True)
    assert caught.value.span == (6, 6)
    assert str(caught.value) == "tag must be between 1 and 127 characters in length: 'ubuntu' at position 6"


@pytest.mark.parametrize("value", [None, 3, b"gcr.io"])
def test_non_strings_are_refused(value: object) -> None:
    for function in (
        name.new_registry,
        name.new_repository,
        name.new_tag,
        name.new_digest_reference,
        name.new_reference,
    ):
        with pytest.raises(errors.InvalidReferenceError):
            function(value)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="strict must be a bool"):
            function("gcr.io/a", strict=value)  # type: ignore[arg-type]
