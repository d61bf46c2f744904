"""Static types of oci_core.reference's and oci_core.name's public API, checked by mypy (and run by pytest)."""

from __future__ import annotations

import sys

from oci_core import name as name_module
from oci_core import reference as reference_module
from oci_core.digest import Digest
from oci_core.name import (
    DigestReference,
    NameReference,
    Registry,
    Repository,
    Tag,
    new_digest_reference,
    new_reference,
    new_registry,
    new_repository,
    new_tag,
)
from oci_core.reference import (
    MAX_PATTERN_LENGTH,
    MAX_TAG_LENGTH,
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

if sys.version_info >= (3, 11):
    from typing import assert_type
else:

    def assert_type(value: object, expected_type: object, /) -> object:
        """typing.assert_type is 3.11+; at run time it only returns its value."""
        return value


SHA = "sha256:" + "0" * 64


def test_reference_types() -> None:
    r = parse_reference("a/b:c@" + SHA)
    assert_type(r, Reference)
    assert_type(r.domain, str | None)
    assert_type(r.path, str)
    assert_type(r.tag, str | None)
    assert_type(r.digest, Digest | None)
    assert_type(r.name, str)
    assert_type(r.familiar_name, str)
    assert_type(r.identifier, str | None)
    assert_type(r.familiar(), str)
    assert_type(r.with_tag("d"), Reference)
    assert_type(r.with_digest(SHA), Reference)
    assert_type(r.trim(), Reference)
    assert_type(parse_normalized_reference("nginx"), Reference)
    assert_type(parse_named("docker.io/library/nginx"), Reference)
    assert_type(parse_docker_reference("nginx"), Reference)
    assert_type(parse_name("nginx"), Reference)
    assert_type(parse_any_reference("nginx"), Reference | Digest)
    assert_type(familiar_match("*", r), bool)
    assert MAX_PATTERN_LENGTH == 65536 and MAX_TAG_LENGTH == 128
    assert_type(Reference("a.io", "b", digest=SHA).digest, Digest | None)
    assert_type(sort_references(["a", "b"]), tuple[str, ...])
    assert_type(is_domain("a.io"), bool)
    assert_type(canonical_domain(None), str)
    assert_type(registry_host("docker.io"), str)
    assert_type(credential_key("docker.io"), str)
    assert_type(default_scheme("localhost"), str)


def test_name_types() -> None:
    assert_type(new_registry("gcr.io"), Registry)
    assert_type(new_registry("gcr.io").scheme, str)
    assert_type(new_registry("gcr.io").is_rfc1918, bool)
    repository = new_repository("gcr.io/a/b", strict=True)
    assert_type(repository, Repository)
    assert_type(repository.tag("v1"), Tag)
    assert_type(repository.digest(SHA), DigestReference)
    tag = new_tag("ubuntu", default_tag="other")
    assert_type(tag, Tag)
    assert_type(tag.context, Repository)
    assert_type(tag.identifier, str)
    digest = new_digest_reference("ubuntu@" + SHA, insecure=True)
    assert_type(digest, DigestReference)
    assert_type(digest.digest, Digest)
    assert_type(name_module.new_reference("ubuntu"), Tag | DigestReference)
    named: NameReference = new_reference("ubuntu@" + SHA)
    assert isinstance(named, DigestReference)
    assert_type(DigestReference(repository, SHA, repository.name + "@" + SHA).digest, Digest)


def test_all_names_what_the_modules_define() -> None:
    for module in (reference_module, name_module):
        assert sorted(module.__all__) == sorted(set(module.__all__))
        for public in module.__all__:
            assert hasattr(module, public), public
        functions_and_classes = {
            key
            for key, value in vars(module).items()
            if not key.startswith("_") and callable(value) and getattr(value, "__module__", "") == module.__name__
        }
        constants = {key for key in vars(module).get("__annotations__", {}) if key.isupper() and key[0] != "_"}
        assert functions_and_classes | constants <= set(module.__all__)
