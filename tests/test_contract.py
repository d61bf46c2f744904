"""The error contract (oci_core.errors' docstring), fed the wrong kinds of Python object.

Every public function, constructor and method of the modules in ``MODULES``
is listed in ``CASES`` with a valid call, and every parameter says what kinds
of object it takes and what the contract says it answers with anything else:

* ``TYPE``: a ``TypeError`` (a function or constructor handed the wrong kind of object);
* ``DATA``: an ``OCIError`` (a parser's input is data: any object is answered in words);
* ``EITHER``: either of the two (an iterable whose elements are data: the wrong
  container is a ``TypeError``, wrong elements are bad data);
* ``TOTAL``: an answer, no exception (predicates on arbitrary objects).

Each parameter in turn gets every value of ``WRONG`` that is not of a kind it
takes, the others keep their valid values; any other exception fails the
test, and so does a silent accept. ``test_every_public_callable_is_listed``
keeps the table complete: a new public function of a listed module fails it
until it has a row. To cover another module, add it to ``MODULES`` and its
callables to ``CASES``.
"""

from __future__ import annotations

import base64
import collections.abc
import enum
import hashlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import pytest

from oci_core import annotations as ann
from oci_core import (
    auth,
    config,
    credentials,
    descriptor,
    digest,
    digestset,
    errors,
    http,
    layerdigest,
    layout,
    manifest,
    mediatypes,
    models,
    name,
    partial,
    platform,
    reference,
    registry,
    upload,
)

from .inmemory import MemoryImage, MemoryIndex, MemoryLayer
from .models_fixtures import CREATED, MTIME, small_gguf

TYPE, DATA, EITHER, TOTAL = "TypeError", "OCIError", "TypeError or OCIError", "an answer"

MODULES: tuple[ModuleType, ...] = (
    ann, auth, config, credentials, descriptor, digest, digestset, http, layerdigest, layout, manifest, mediatypes,
    models, name, partial, platform, reference, registry, upload,
)  # fmt: skip

# Wrong kinds of object for the parameters below (no str subclass: those are str).
WRONG: tuple[object, ...] = (
    None,
    0,
    -1,
    1.5,
    True,
    1j,
    b"sha256:" + b"0" * 64,
    bytearray(b"x"),
    memoryview(b"x"),
    ["x"],
    ("x",),
    {"x": 1},
    frozenset({"x"}),
    object(),
    str,
    print,
)

SHA = "sha256:" + "0" * 64
DIGEST = digest.parse_digest(SHA)
REFERENCE = reference.parse_reference("example.com/a/b:v1")
REGISTRY = name.new_registry("gcr.io")
REPOSITORY = name.new_repository("gcr.io/a/b")
TAG = name.new_tag("gcr.io/a/b:v1")
SET = digestset.DigestSet.of([SHA])
MEDIA_TYPE = mediatypes.parse_media_type("application/json; charset=utf-8")
PLATFORM = platform.Platform("linux", "arm64", "v8")
WINDOWS = platform.Platform("windows", "amd64", os_version="10.0.17763")
DESCRIPTOR = descriptor.describe(b"{}", mediatypes.OCI_EMPTY_JSON)
NOTES = descriptor.FrozenMap({"org.opencontainers.image.title": "t"})
MANIFEST_BYTES = manifest.ImageManifest(
    config=descriptor.EMPTY_JSON, layers=(descriptor.EMPTY_JSON,), artifact_type="application/x.example"
).to_json()
MANIFEST = descriptor.describe(MANIFEST_BYTES, mediatypes.OCI_IMAGE_MANIFEST)
INDEX = layout.add_manifest(manifest.ImageIndex(manifests=()), MANIFEST, ref_name="v1")
LAYER = mediatypes.OCI_LAYER_GZIP


def _read(found: descriptor.Descriptor) -> bytes:
    """The blobs of INDEX: its one manifest and that manifest's empty config."""
    return {MANIFEST.digest: MANIFEST_BYTES, descriptor.EMPTY_JSON.digest: b"{}"}[found.digest]

NoneType = type(None)
BUFFER = (bytes, bytearray, memoryview)
SEQUENCE = (list, tuple)
ITERABLE = (list, tuple, dict, frozenset)  # iterables of str: the constructors make their tuple


@dataclass(frozen=True)
class Param:
    """One parameter: its valid value, the kinds it takes, and the answer to any other kind."""

    key: int | str  # position, or keyword
    valid: object
    kinds: tuple[object, ...]  # classes, for isinstance
    answer: str = TYPE


@dataclass(frozen=True)
class Case:
    label: str
    call: Callable[..., object]
    params: tuple[Param, ...]


def text(key: int | str, valid: str, answer: str = TYPE) -> Param:
    return Param(key, valid, (str,), answer)


def optional_text(key: int | str, valid: str | None) -> Param:
    return Param(key, valid, (str, NoneType))


def flag(key: str) -> Param:
    return Param(key, False, (bool,))


def one_platform(key: int | str, valid: object = PLATFORM) -> Param:
    return Param(key, valid, (platform.Platform,))


def platforms(key: int | str) -> Param:
    # An iterable of platforms: the wrong container, or elements that are no platform, are the wrong kind.
    return Param(key, [PLATFORM], (list, tuple))


def an_index(key: int | str) -> Param:
    return Param(key, INDEX, (manifest.ImageIndex,))


def reader(key: int | str) -> Param:
    return Param(key, _read, (collections.abc.Callable,))


def parser(label: str, call: Callable[..., object], valid: str, *options: Param) -> Case:
    return Case(label, call, (text(0, valid, DATA), *options))


GGCR_OPTIONS = (flag("strict"), flag("insecure"), text("default_registry", "gcr.io"))
MEDIA_TYPE_PREDICATES = (
    "compression",
    "docker_counterpart",
    "info",
    "is_config",
    "is_distributable",
    "is_docker",
    "is_image_manifest",
    "is_index",
    "is_layer",
    "is_manifest",
    "is_oci",
    "is_schema1",
    "oci_counterpart",
)

CASES: tuple[Case, ...] = (
    # -- digest
    Case(
        "digest.Algorithm",
        digest.Algorithm,
        (text(0, "sha256"), Param(1, 64, (int,)), Param(2, hashlib.sha256, (NoneType, collections.abc.Callable))),
    ),
    Case("digest.Digest", digest.Digest, (text(0, SHA),)),
    parser("digest.parse_digest", digest.parse_digest, SHA, flag("allow_unregistered")),
    parser("digest.parse_algorithm", digest.parse_algorithm, "sha256"),
    Case("digest.is_algorithm_name", digest.is_algorithm_name, (Param(0, "sha256", (), TOTAL),)),
    Case("digest.new_digest", digest.new_digest, (text(0, "sha256"), text(1, "0" * 64))),
    Case("digest.compute_digest", digest.compute_digest, (Param(0, b"{}", BUFFER), text(1, "sha256"))),
    Case(
        "digest.verify_digest",
        digest.verify_digest,
        (text(0, str(digest.compute_digest(b"{}"))), Param(1, b"{}", BUFFER)),
    ),
    Case("digest.Digester", digest.Digester, (text(0, "sha512"),)),
    Case("digest.Digester.update", lambda data: digest.Digester().update(data), (Param(0, b"x", BUFFER),)),
    Case("digest.DigestVerifier", digest.DigestVerifier, (text(0, SHA), Param(1, 2, (int, NoneType)))),
    Case(
        "digest.DigestVerifier.update",
        lambda data: digest.DigestVerifier(DIGEST).update(data),
        (Param(0, b"x", BUFFER),),
    ),
    # -- digestset
    Case("digestset.DigestSet", digestset.DigestSet, (Param(0, frozenset({DIGEST}), ()),)),
    Case("digestset.DigestSet.of", digestset.DigestSet.of, (Param(0, [SHA], (), EITHER),)),
    Case("DigestSet.with_digest", SET.with_digest, (Param(0, DIGEST, ()),)),
    Case("DigestSet.without", SET.without, (Param(0, DIGEST, ()),)),
    parser("DigestSet.lookup", SET.lookup, "00"),
    Case("DigestSet.short_codes", SET.short_codes, (Param(0, 4, (int,)),)),
    Case("DigestSet.__contains__", SET.__contains__, (Param(0, SHA, (), TOTAL),)),
    # -- mediatypes
    Case(
        "mediatypes.MediaType",
        mediatypes.MediaType,
        (text(0, "application"), text(1, "json"), Param(2, (("charset", "utf-8"),), ())),
    ),
    Case(
        "mediatypes.MediaTypeInfo",
        mediatypes.MediaTypeInfo,
        (
            text(0, "layer"),
            text(1, "oci"),
            Param("distributable", True, (bool,)),
            optional_text("compression", "gzip"),
            Param("deprecated", False, (bool,)),
        ),
    ),
    parser("mediatypes.parse_media_type", mediatypes.parse_media_type, "application/json"),
    Case("mediatypes.is_media_type", mediatypes.is_media_type, (Param(0, "a/b", (), TOTAL),)),
    *(
        Case(
            f"mediatypes.{predicate}", getattr(mediatypes, predicate), (Param(0, "a/b", (str, mediatypes.MediaType)),)
        )
        for predicate in MEDIA_TYPE_PREDICATES
    ),
    Case("MediaType.parameter", MEDIA_TYPE.parameter, (text(0, "charset"),)),
    # -- reference
    Case(
        "reference.Reference",
        reference.Reference,
        (optional_text(0, "example.com"), text(1, "a/b"), optional_text(2, "v1"), optional_text(3, SHA)),
    ),
    *(
        parser(f"reference.{function.__name__}", function, "example.com/a/b:v1")
        for function in (
            reference.parse_reference,
            reference.parse_normalized_reference,
            reference.parse_any_reference,
            reference.parse_docker_reference,
        )
    ),
    parser("reference.parse_named", reference.parse_named, "docker.io/library/nginx"),
    parser("reference.parse_name", reference.parse_name, "example.com/a/b"),
    Case("reference.is_domain", reference.is_domain, (Param(0, "a.io", (), TOTAL),)),
    *(
        Case(f"reference.{function.__name__}", function, (optional_text(0, "docker.io"),))
        for function in (
            reference.canonical_domain,
            reference.registry_host,
            reference.credential_key,
            reference.default_scheme,
        )
    ),
    Case(
        "reference.familiar_match",
        reference.familiar_match,
        (text(0, "*", DATA), Param(1, REFERENCE, (reference.Reference,))),
    ),
    Case(
        "reference.sort_references",
        reference.sort_references,
        (Param(0, ["a", "b"], (list, tuple, dict, frozenset)),),  # iterables of str are the right kind
    ),
    Case("Reference.with_tag", REFERENCE.with_tag, (text(0, "v2"),)),
    Case("Reference.with_digest", REFERENCE.with_digest, (text(0, SHA),)),
    # -- name
    Case("name.Registry", name.Registry, (text(0, "gcr.io"), flag("insecure"))),
    Case("name.Repository", name.Repository, (Param(0, REGISTRY, (name.Registry,)), text(1, "a/b"))),
    Case("name.Tag", name.Tag, (Param(0, REPOSITORY, (name.Repository,)), text(1, "v1"), text(2, "gcr.io/a/b:v1"))),
    Case(
        "name.DigestReference",
        name.DigestReference,
        (Param(0, REPOSITORY, (name.Repository,)), text(1, SHA), text(2, "gcr.io/a/b@" + SHA)),
    ),
    parser("name.new_registry", name.new_registry, "gcr.io", *GGCR_OPTIONS),
    parser("name.new_repository", name.new_repository, "gcr.io/a/b", *GGCR_OPTIONS),
    *(
        parser(f"name.{function.__name__}", function, valid, *GGCR_OPTIONS, text("default_tag", "v1"))
        for function, valid in (
            (name.new_tag, "gcr.io/a/b:v1"),
            (name.new_digest_reference, "gcr.io/a/b@" + SHA),
            (name.new_reference, "gcr.io/a/b"),
        )
    ),
    Case("Registry.scope", REGISTRY.scope, (text(0, "pull"),)),
    Case("Repository.scope", REPOSITORY.scope, (text(0, "pull"),)),
    Case("Repository.tag", REPOSITORY.tag, (text(0, "v1"),)),
    Case("Repository.digest", REPOSITORY.digest, (text(0, SHA),)),
    Case("Tag.scope", TAG.scope, (text(0, "pull"),)),
    # -- platform
    Case(
        "platform.Platform",
        platform.Platform,
        (
            text(0, "linux"),
            text(1, "arm64"),
            text(2, "v8"),
            text("os_version", ""),
            # iterables of str are the right kind (the constructor makes the tuple)
            Param("os_features", (), (list, tuple, dict, frozenset)),
            Param("features", (), (list, tuple, dict, frozenset)),
        ),
    ),
    Case(
        "Platform.from_json_object",
        platform.Platform.from_json_object,
        (Param(0, {"os": "linux", "architecture": "arm64"}, (dict,), DATA),),
    ),
    Case("platform.AllMatcher", platform.AllMatcher, ()),
    Case("platform.AnyMatcher", platform.AnyMatcher, (Param(0, (PLATFORM,), (tuple,)),)),
    Case("platform.OrderedMatcher", platform.OrderedMatcher, (Param(0, (PLATFORM,), (tuple,)),)),
    Case("platform.OnlyMatcher", platform.OnlyMatcher, (one_platform(0),)),
    Case("platform.OnlyOSMatcher", platform.OnlyOSMatcher, (one_platform(0),)),
    Case("platform.WindowsMatcher", platform.WindowsMatcher, (one_platform(0, WINDOWS),)),
    Case("platform.any_platform", platform.any_platform, (one_platform(0), one_platform(1))),
    Case("platform.ordered", platform.ordered, (one_platform(0), one_platform(1))),
    *(
        Case(f"platform.{function.__name__}", function, (one_platform(0),))
        for function in (
            platform.default_matcher,
            platform.format_platform,
            platform.format_platform_all,
            platform.format_platform_ggcr,
            platform.normalize_platform,
            platform.only,
            platform.only_os,
            platform.only_strict,
        )
    ),
    *(
        Case(f"platform.{function.__name__}", function, (one_platform(0), one_platform(1)))
        for function in (
            platform.platform_equals,
            platform.platform_matches,
            platform.platform_satisfies,
        )
    ),
    *(
        Case(f"platform.{function.__name__}", function, (one_platform(0), platforms(1)))
        for function in (platform.best_match, platform.rank_platforms)
    ),
    # What uname and /proc/cpuinfo said is data: read as a parser reads it.
    parser("platform.cpu_variant_from_arch", platform.cpu_variant_from_arch, "aarch64"),
    parser(
        "platform.cpu_variant_from_cpuinfo",
        platform.cpu_variant_from_cpuinfo,
        "8",
        text("model_name", "", DATA),
        flag("arm32"),
    ),
    Case("platform.normalize_arch", platform.normalize_arch, (text(0, "aarch64"), text(1, ""))),
    Case("platform.normalize_os", platform.normalize_os, (text(0, "Linux"),)),
    parser(
        "platform.parse_platform",
        platform.parse_platform,
        "linux/arm64/v8",
        Param("host", None, (platform.Platform, NoneType)),
    ),
    parser("platform.parse_platform_ggcr", platform.parse_platform_ggcr, "linux/arm64/v8"),
    # -- descriptor
    Case(
        "descriptor.Descriptor",
        descriptor.Descriptor,
        (
            text(0, mediatypes.OCI_EMPTY_JSON),
            text(1, DESCRIPTOR.digest),
            Param(2, 2, (int,)),
            Param("urls", (), ITERABLE),  # any iterable of str (not a str): the constructor makes the tuple
            Param("annotations", NOTES, (descriptor.FrozenMap,)),
            # Any bytes-like, as with_data() and describe() take: the constructor makes the bytes (so a
            # bytearray whose content does not match the digest is bad data, an InvalidDescriptorError).
            Param("data", b"{}", (*BUFFER, NoneType)),
            Param("platform", None, (platform.Platform, NoneType)),
            optional_text("artifact_type", None),
        ),
    ),
    # Iterables are the right kind: one whose elements are no pairs gets dict()'s ValueError (a bad value).
    Case(
        "descriptor.FrozenMap",
        descriptor.FrozenMap,
        (Param(0, {"a": "b"}, (collections.abc.Mapping, list, tuple, frozenset)),),
    ),
    Case(
        "descriptor.describe",
        descriptor.describe,
        (
            Param(0, b"{}", BUFFER),
            text(1, mediatypes.OCI_EMPTY_JSON),
            text("algorithm", "sha256"),
            flag("embed"),
            Param("urls", (), ITERABLE),
            Param("annotations", None, (collections.abc.Mapping, NoneType)),
            Param("platform", None, (platform.Platform, NoneType)),
            optional_text("artifact_type", None),
        ),
    ),
    Case(
        "descriptor.parse_descriptor",
        descriptor.parse_descriptor,
        (Param(0, DESCRIPTOR.to_json(), (), DATA), Param("max_size", 1 << 20, (int,))),
    ),
    Case("Descriptor.verify", DESCRIPTOR.verify, (Param(0, b"{}", BUFFER),)),
    Case("Descriptor.with_data", DESCRIPTOR.with_data, (Param(0, b"{}", (*BUFFER, NoneType)),)),
    # -- annotations
    *(
        Case(f"annotations.{function.__name__}", function, (Param(0, NOTES, (collections.abc.Mapping,)),))
        for function in (
            ann.base_digest,
            ann.base_name,
            ann.created,
            ann.licenses,
            ann.ref_name,
            ann.title,
        )
    ),
    Case("annotations.is_ref_name", ann.is_ref_name, (Param(0, "v1", (), TOTAL),)),
    parser("annotations.parse_rfc3339", ann.parse_rfc3339, "2025-01-01T00:00:00Z"),
    # -- layout
    Case(
        "layout.BlobCheck",
        layout.BlobCheck,
        (Param(0, MANIFEST, (descriptor.Descriptor,)), text(1, "manifest"), Param(2, None, (str, NoneType))),
    ),
    Case("layout.ImageLayout", layout.ImageLayout, (text(0, "1.0.0"),)),
    Case(
        "layout.add_manifest",
        layout.add_manifest,
        (an_index(0), Param(1, MANIFEST, (descriptor.Descriptor,)), optional_text("ref_name", "v2")),
    ),
    Case("layout.blob_path", layout.blob_path, (text(0, SHA),)),  # a Digest or its text: not a parser
    Case("layout.find_ref_name", layout.find_ref_name, (an_index(0), text(1, "v1"))),
    Case("layout.layout_files", layout.layout_files, (an_index(0),)),
    Case(
        "layout.parse_image_layout",
        layout.parse_image_layout,
        (Param(0, b'{"imageLayoutVersion": "1.0.0"}', (), DATA), Param("max_size", 1 << 20, (int,))),
    ),
    Case("layout.parse_index", layout.parse_index, (Param(0, INDEX.to_json(), (), DATA),)),
    Case(
        "layout.remove_manifests",
        layout.remove_manifests,
        (an_index(0), optional_text("ref_name", "v1"), Param("digest", None, (str, NoneType))),
    ),
    *(
        Case(f"layout.{function.__name__}", function, (an_index(0), reader(1), Param("max_depth", 8, (int,))))
        for function in (layout.reachable_blobs, layout.verify_plan)
    ),
    Case(
        "layout.unreachable_blobs",
        layout.unreachable_blobs,
        (
            an_index(0),
            reader(1),
            Param(2, [str(MANIFEST.digest)], (list, tuple, dict, frozenset), EITHER),  # iterables of str
            Param("max_depth", 8, (int,)),
        ),
    ),
    # -- layerdigest
    Case(
        "layerdigest.LayerDigester",
        layerdigest.LayerDigester,
        (
            text(0, LAYER),
            text("algorithm", "sha256"),
            optional_text("diff_id_algorithm", None),
            Param("max_output", 1 << 20, (int,)),
            Param("max_uncompressed_size", None, (int, NoneType)),
        ),
    ),
    Case(
        "layerdigest.LayerDigests",
        layerdigest.LayerDigests,
        (
            text(0, LAYER),
            Param(1, DIGEST, (digest.Digest,)),
            Param(2, 1, (int,)),
            Param(3, DIGEST, (digest.Digest,)),
            Param(4, 1, (int,)),
        ),
    ),
    Case(
        "layerdigest.compute_layer_digests",
        layerdigest.compute_layer_digests,
        (Param(0, b"", BUFFER), text(1, mediatypes.OCI_LAYER), text("algorithm", "sha256")),
    ),
    parser("layerdigest.storage_of", layerdigest.storage_of, LAYER),  # it reads the media type's text
    Case("layerdigest.zstd_available", layerdigest.zstd_available, ()),
)


# -- config, manifest, partial ---------------------------------------------------------------

CONFIG_BYTES = b'{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}'
IMAGE_CONFIG = config.parse_image_config(CONFIG_BYTES)
IMAGE_MANIFEST = manifest.parse_image_manifest(MANIFEST_BYTES)
_PREFIX = b'{"schemaVersion":1'
_HEADER = base64.urlsafe_b64encode(b'{"formatLength":%d,"formatTail":"fQ"}' % len(_PREFIX)).rstrip(b"=").decode()
SCHEMA1 = _PREFIX + b',"signatures":[{"protected":"' + _HEADER.encode() + b'"}]}'
LAYER_LIST = MemoryLayer.of_files({"a.txt": b"a"})
MEMORY_IMAGE = MemoryImage.build((LAYER_LIST,))
MEMORY_INDEX = MemoryIndex.of([(MEMORY_IMAGE, partial.descriptor(MEMORY_IMAGE))])
MEMORY_CONFIG = config.parse_image_config(MEMORY_IMAGE.raw_config)
LAYER_DESCRIPTOR = MEMORY_IMAGE.manifest().layers[0]


def strings(key: int | str, valid: object = ()) -> Param:
    # A sequence of str: the wrong container is a TypeError, so is an element that is no str.
    return Param(key, valid, ITERABLE)


def flag_at(key: int | str, valid: bool) -> Param:
    return Param(key, valid, (bool,))


def one(key: int | str, valid: object, *kinds: object) -> Param:
    return Param(key, valid, kinds)


def a_descriptor(key: int | str, valid: object = DESCRIPTOR, optional: bool = False) -> Param:
    return Param(key, valid, (descriptor.Descriptor, NoneType) if optional else (descriptor.Descriptor,))


def an_int(key: int | str, valid: int | None, optional: bool = False) -> Param:
    return Param(key, valid, (int, NoneType) if optional else (int,))


def a_mapping(key: int | str, valid: object, optional: bool = False) -> Param:
    return Param(key, valid, (collections.abc.Mapping, NoneType) if optional else (collections.abc.Mapping,))


DOCUMENT_OPTIONS = (
    text("media_type", mediatypes.OCI_IMAGE_MANIFEST),
    optional_text("artifact_type", "application/x.example"),
    a_descriptor("subject", None, optional=True),
    a_mapping("annotations", NOTES),
    flag("omit_media_type"),
)
BUILD_OPTIONS = (
    optional_text("artifact_type", "application/x.example"),
    a_descriptor("subject", None, optional=True),
    a_mapping("annotations", None, optional=True),
    optional_text("indent", None),
)
PARSER_OPTIONS = (optional_text(1, None), an_int("max_size", 1 << 20))

CASES += (
    # -- config
    Case(
        "config.ContainerConfig",
        config.ContainerConfig,
        (
            text("user", "root"),
            strings("exposed_ports", frozenset({"80/tcp"})),
            *(strings(key) for key in ("env", "entrypoint", "cmd", "volumes", "on_build", "shell")),
            text("working_dir", "/"),
            a_mapping("labels", NOTES),
            text("stop_signal", "SIGTERM"),
            flag("args_escaped"),
            one("healthcheck", None, config.HealthConfig, NoneType),
        ),
    ),
    Case(
        "config.HealthConfig",
        config.HealthConfig,
        (
            strings("test", ("CMD", "true")),
            *(an_int(key, 1) for key in ("interval", "timeout", "start_period", "start_interval", "retries")),
        ),
    ),
    Case(
        "config.History",
        config.History,
        (
            optional_text("created", "2025-01-01T00:00:00Z"),
            *(text(key, "x") for key in ("created_by", "author", "comment")),
            flag("empty_layer"),
        ),
    ),
    Case(
        "config.ImageConfig",
        config.ImageConfig,
        (
            text("architecture", "amd64"),
            text("os", "linux"),
            one("rootfs", config.RootFS((DIGEST,)), config.RootFS),
            optional_text("created", "2025-01-01T00:00:00Z"),
            text("author", "me"),
            text("os_version", ""),
            strings("os_features"),
            text("variant", ""),
            one("config", config.ContainerConfig(), config.ContainerConfig),
            Param("history", (config.History(),), SEQUENCE),
        ),
    ),
    Case("config.RootFS", config.RootFS, (Param(0, (DIGEST,), ITERABLE, EITHER), text(1, "layers"))),
    Case("config.chain_id", config.chain_id, (Param(0, [SHA], ITERABLE, EITHER),)),
    Case("config.chain_ids", config.chain_ids, (Param(0, [SHA], ITERABLE, EITHER),)),
    Case("config.is_rfc3339", config.is_rfc3339, (Param(0, "2025-01-01T00:00:00Z", (), TOTAL),)),
    Case(
        "config.parse_image_config",
        config.parse_image_config,
        (Param(0, CONFIG_BYTES, (), DATA), an_int("max_size", 1 << 20)),
    ),
    # -- manifest
    Case(
        "manifest.ImageManifest",
        manifest.ImageManifest,
        (
            a_descriptor("config", descriptor.EMPTY_JSON),
            Param("layers", (descriptor.EMPTY_JSON,), SEQUENCE),
            *DOCUMENT_OPTIONS,
        ),
    ),
    Case(
        "manifest.ImageIndex",
        manifest.ImageIndex,
        (
            Param("manifests", (MANIFEST,), SEQUENCE),
            text("media_type", mediatypes.OCI_IMAGE_INDEX),
            *DOCUMENT_OPTIONS[1:],
        ),
    ),
    Case(
        "manifest.build_image_manifest",
        manifest.build_image_manifest,
        (
            a_descriptor(0, descriptor.EMPTY_JSON),
            Param(1, [descriptor.EMPTY_JSON], SEQUENCE),
            text("media_type", mediatypes.OCI_IMAGE_MANIFEST),
            *BUILD_OPTIONS,
        ),
    ),
    Case(
        "manifest.build_image_index",
        manifest.build_image_index,
        (Param(0, [MANIFEST], SEQUENCE), text("media_type", mediatypes.OCI_IMAGE_INDEX), *BUILD_OPTIONS),
    ),
    # It never raises: anything but a manifest's bytes or text is None.
    Case("manifest.detect_media_type", manifest.detect_media_type, (Param(0, MANIFEST_BYTES, (), TOTAL),)),
    Case(
        "manifest.effective_artifact_type",
        manifest.effective_artifact_type,
        (Param(0, IMAGE_MANIFEST, (manifest.ImageManifest, manifest.ImageIndex)),),
    ),
    Case(
        "manifest.manifest_digest",
        manifest.manifest_digest,
        (Param(0, MANIFEST_BYTES, BUFFER, DATA), text(1, "sha256")),
    ),
    *(
        Case(f"manifest.{function.__name__}", function, (Param(0, raw, (), DATA), *PARSER_OPTIONS))
        for function, raw in (
            (manifest.parse_manifest, MANIFEST_BYTES),
            (manifest.parse_image_manifest, MANIFEST_BYTES),
            (manifest.parse_image_index, INDEX.to_json()),
        )
    ),
    Case(
        "manifest.schema1_payload",
        manifest.schema1_payload,
        (Param(0, SCHEMA1, (), DATA), an_int("max_size", 1 << 20)),
    ),
    # -- partial
    Case("partial.ImageLayer", partial.ImageLayer, (a_descriptor(0, LAYER_DESCRIPTOR), one(1, DIGEST, digest.Digest))),
    Case(
        "partial.LayerDigester",
        partial.LayerDigester,
        (text(0, LAYER), text("algorithm", "sha256"), optional_text("diff_id_algorithm", None)),
    ),
    Case(
        "partial.LayerDigests",
        partial.LayerDigests,
        (text(0, LAYER), one(1, DIGEST, digest.Digest), an_int(2, 1), one(3, DIGEST, digest.Digest), an_int(4, 1)),
    ),
    Case("partial.add_referrer", partial.add_referrer, (an_index(0), a_descriptor(1, MANIFEST))),
    Case("partial.all_images", partial.all_images, (an_index(0), reader(1), an_int("max_depth", 8))),
    Case(
        "partial.blob_to_diff_id",
        partial.blob_to_diff_id,
        (Param(0, MEMORY_IMAGE, (MemoryImage,)), text(1, str(LAYER_DESCRIPTOR.digest))),
    ),
    Case(
        "partial.compute_layer_digests",
        partial.compute_layer_digests,
        (Param(0, b"", BUFFER), text(1, mediatypes.OCI_LAYER), text("algorithm", "sha256")),
    ),
    Case("partial.config_name", partial.config_name, (Param(0, MEMORY_IMAGE, (MemoryImage,)),)),
    Case("partial.descriptor", partial.descriptor, (Param(0, MEMORY_IMAGE, (MemoryImage, descriptor.Descriptor)),)),
    Case(
        "partial.diff_id_to_blob",
        partial.diff_id_to_blob,
        (Param(0, MEMORY_IMAGE, (MemoryImage,)), text(1, str(LAYER_LIST.diff_id))),
    ),
    Case(
        "partial.filter_referrers",
        partial.filter_referrers,
        (Param(0, [MANIFEST], SEQUENCE), optional_text(1, "application/x.example")),
    ),
    *(
        Case(
            f"partial.{function.__name__}",
            function,
            (Param(0, MEMORY_INDEX, (MemoryIndex,)), Param(1, None, (NoneType, collections.abc.Callable))),
        )
        for function in (partial.find_images, partial.find_indexes)
    ),
    Case("partial.find_manifests", partial.find_manifests, (an_index(0), Param(1, bool, (collections.abc.Callable,)))),
    Case(
        "partial.image_layers",
        partial.image_layers,
        (Param(0, MEMORY_IMAGE.manifest(), (manifest.ImageManifest,)), Param(1, MEMORY_CONFIG, (config.ImageConfig,))),
    ),
    Case(
        "partial.index_entry",
        partial.index_entry,
        (
            Param(0, IMAGE_MANIFEST, (manifest.ImageManifest, manifest.ImageIndex)),
            Param("platform", None, (platform.Platform, NoneType)),
            a_mapping("annotations", None, optional=True),
        ),
    ),
    Case("partial.is_attestation", partial.is_attestation, (a_descriptor(0, MANIFEST),)),
    *(
        Case(
            f"partial.{function.__name__}",
            function,
            (
                Param(0, MEMORY_IMAGE.manifest(), (manifest.ImageManifest,)),
                Param(1, MEMORY_CONFIG, (config.ImageConfig,)),
                text(2, str(valid)),
            ),
        )
        for function, valid in (
            (partial.layer_by_diff_id, LAYER_LIST.diff_id),
            (partial.layer_by_digest, LAYER_DESCRIPTOR.digest),
        )
    ),
    Case("partial.manifest_by_digest", partial.manifest_by_digest, (an_index(0), text(1, str(MANIFEST.digest)))),
    Case(
        "partial.manifest_for_platform",
        partial.manifest_for_platform,
        (an_index(0), Param(1, PLATFORM, (platform.Platform, platform.AllMatcher))),
    ),
    Case(
        "partial.referrer_descriptor",
        partial.referrer_descriptor,
        (Param(0, IMAGE_MANIFEST, (manifest.ImageManifest, manifest.ImageIndex)),),
    ),
    Case("partial.referrers_index", partial.referrers_index, (Param(0, [MANIFEST], SEQUENCE),)),
    Case("partial.referrers_tag", partial.referrers_tag, (text(0, SHA),)),
    Case("partial.remove_referrer", partial.remove_referrer, (an_index(0), text(1, SHA))),
)


# -- http, registry, upload, auth, credentials --------------------------------------------------

ROOT = "https://r.example"
REPO = registry.Repository(ROOT, "a")
GET = http.Request("GET", ROOT + "/v2/")
OK = http.Response(200)
HEADERS_LIKE = (collections.abc.Mapping, list, tuple)  # a Headers is a Mapping
HELLO = descriptor.Descriptor("application/octet-stream", digest.compute_digest(b"hello"), 5)
INDEX_TYPE = {"Content-Type": mediatypes.OCI_IMAGE_INDEX}
EMPTY_INDEX = b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}'
UPLOAD = upload.Upload.start(REPO, HELLO)
BASIC = auth.Basic("u", "p")
HELPER_GET = credentials.helper_get("desktop", "https://index.docker.io/v1/")
SCOPE = auth.repository_scope("a", "pull")
TOKEN_REQUEST = auth.token_request(
    "https://auth.example/token", service="r.example", scopes=(SCOPE,), credentials=auth.ANONYMOUS
)
SESSION = auth.Session(ROOT)
ENV = {"HOME": "/home/u"}


def a_request(key: int | str, valid: object = GET) -> Param:
    return Param(key, valid, (http.Request,))


def a_response(key: int | str, valid: object = OK) -> Param:
    return Param(key, valid, (http.Response,))


def a_repo(key: int | str = 0) -> Param:
    return Param(key, REPO, (registry.Repository,))


def headers(key: int | str = "headers") -> Param:
    # Pairs are the right kind: a list of anything but pairs of str is a TypeError too.
    return Param(key, (), HEADERS_LIKE)


def exchange(label: str, call: Callable[..., object], request: object, response: object, *options: Param) -> Case:
    """A reader of a registry's answer: the request it answers and the response are objects, not data."""
    return Case(label, call, (a_request(0, request), a_response(1, response), *options))


def a_digest(key: int | str, valid: object = SHA, optional: bool = False) -> Param:
    # A Digest or its text (read as a parser reads it: not data here, the caller's argument)
    return Param(key, valid, (str, digest.Digest, NoneType) if optional else (str, digest.Digest))


CASES += (
    # -- http
    Case("http.Headers", http.Headers, (headers(0),)),
    Case("Headers.get", http.Headers({"A": "b"}).get, (text(0, "x-absent"), optional_text(1, None))),
    Case("Headers.get_all", http.Headers({"A": "b"}).get_all, (text(0, "a"),)),
    Case("Headers.with_field", http.EMPTY_HEADERS.with_field, (text(0, "a"), text(1, "b"))),
    Case("Headers.with_added", http.EMPTY_HEADERS.with_added, (text(0, "a"), text(1, "b"))),
    Case("Headers.without", http.EMPTY_HEADERS.without, (text(0, "a"),)),
    Case("http.Origin", http.Origin, (text(0, "https"), text(1, "r.example"), an_int(2, 443))),
    Case(
        "http.Request",
        http.Request,
        (
            text(0, "GET"),
            text(1, ROOT + "/v2/"),
            headers(2),
            Param(3, None, (bytes, NoneType)),
            an_int("body_length", None, optional=True),
            strings("scopes"),
            an_int("redirects", 0),
        ),
    ),
    Case("Request.with_headers", GET.with_headers, (headers(0),)),
    Case("http.Response", http.Response, (an_int(0, 200), headers(1), Param(2, b"", BUFFER), text(3, ""))),
    Case(
        "http.follow_redirect",
        http.follow_redirect,
        (a_request(0), a_response(1, http.Response(307, {"Location": "https://cdn.example/b"}))),
    ),
    Case("http.is_redirect", http.is_redirect, (a_response(0),)),
    Case("http.origin", http.origin, (text(0, ROOT),)),
    Case("http.resolve_url", http.resolve_url, (text(0, ROOT + "/v2/"), text(1, "/v2/a"))),
    Case("http.same_origin", http.same_origin, (text(0, ROOT), text(1, ROOT + "/v2/"))),
    Case("http.with_query", http.with_query, (text(0, ROOT), Param(1, [("n", "1")], ITERABLE))),
    # -- registry: the values
    Case(
        "registry.ApiCheck",
        registry.ApiCheck,
        (flag_at(0, True), an_int(1, 200), Param(2, (), (tuple,)), optional_text(3, "registry/2.0")),
    ),
    Case("registry.BlobHead", registry.BlobHead, (an_int(0, 5, True), one(1, DIGEST, digest.Digest, NoneType))),
    Case(
        "registry.BlobStream",
        registry.BlobStream,
        (one(0, digest.DigestVerifier(DIGEST), digest.DigestVerifier), an_int(1, 0), an_int(2, 0), an_int(3, 5, True)),
    ),
    Case("registry.Catalog", registry.Catalog, (Param(0, ("a",), (tuple,)), optional_text(1, None))),
    Case("registry.ErrorCode", registry.ErrorCode, (text(0, "X"), text(1, "m"), an_int(2, 400), text(3, "d"))),
    Case("registry.ErrorDetail", registry.ErrorDetail, (text(0, "X"), text(1, "m"), Param(2, None, (object, bool)))),
    Case("registry.Link", registry.Link, (text(0, "/v2/"), Param(1, ("next",), (tuple,)), Param(2, (), (tuple,)))),
    Case(
        "registry.Listing",
        registry.Listing,
        (
            text(0, "tags"),
            Param(1, registry.list_tags(REPO), (http.Request, NoneType)),
            an_int(2, 0),
            an_int(3, 10),
            Param(4, frozenset(), (frozenset,)),
            flag_at(5, False),
            flag_at(6, False),
        ),
    ),
    Case(
        "registry.Listing.start",
        registry.Listing.start,
        (a_request(0, registry.list_tags(REPO)), an_int("max_pages", 2)),
    ),
    Case(
        "registry.ManifestHead",
        registry.ManifestHead,
        (one(0, DIGEST, digest.Digest, NoneType), optional_text(1, None), an_int(2, None, True)),
    ),
    Case(
        "registry.ManifestPut",
        registry.ManifestPut,
        (one(0, DIGEST, digest.Digest, NoneType), optional_text(1, None), one(2, None, digest.Digest, NoneType)),
    ),
    Case(
        "registry.ManifestResponse",
        registry.ManifestResponse,
        (Param(0, b"{}", (bytes,)), one(1, DIGEST, digest.Digest), text(2, mediatypes.OCI_IMAGE_MANIFEST)),
    ),
    Case("registry.RateLimit", registry.RateLimit, tuple(an_int(key, 1, True) for key in range(4))),
    Case(
        "registry.Referrers",
        registry.Referrers,
        (
            Param(0, (MANIFEST,), (tuple,)),
            flag_at(1, False),
            flag_at(2, False),
            optional_text(3, None),
            Param(4, None, (manifest.ImageIndex, NoneType)),
        ),
    ),
    Case("registry.Repository", registry.Repository, (text(0, ROOT), text(1, "a"))),
    Case("Repository.scope", REPO.scope, (text(0, "pull"),)),
    Case("registry.Route", registry.Route, (text(0, "base"), *(optional_text(key, None) for key in range(1, 5)))),
    Case("registry.Tags", registry.Tags, (text(0, "a"), Param(1, ("v1",), (tuple,)), optional_text(2, None))),
    # -- registry: requests
    Case("registry.accept_header", registry.accept_header, (strings(0, [mediatypes.OCI_IMAGE_MANIFEST]),)),
    Case(
        "registry.body_limit",
        registry.body_limit,
        (a_response(0), an_int("max_size", 1 << 20), an_int("max_error_size", 1 << 16)),
    ),
    Case("registry.check_api", registry.check_api, (text(0, ROOT), headers())),
    *(
        Case(f"registry.{function.__name__}", function, (a_repo(), a_digest(1), headers()))
        for function in (registry.delete_blob, registry.head_blob)
    ),
    Case("registry.get_blob", registry.get_blob, (a_repo(), a_digest(1), an_int("offset", 0), headers())),
    Case("registry.delete_manifest", registry.delete_manifest, (a_repo(), text(1, "v1"), headers())),
    Case("registry.get_foreign_blob", registry.get_foreign_blob, (a_descriptor(0, descriptor.describe(
        b"x", mediatypes.OCI_LAYER_NONDISTRIBUTABLE, urls=("https://cdn.example/x",))), an_int(1, 0))),
    *(
        Case(
            f"registry.{function.__name__}",
            function,
            (a_repo(), text(1, "v1"), optional_text("accept", None), headers()),
        )
        for function in (registry.get_manifest, registry.head_manifest)
    ),
    Case(
        "registry.get_referrers",
        registry.get_referrers,
        (a_repo(), a_digest(1), optional_text("artifact_type", None), headers()),
    ),
    Case(
        "registry.get_referrers_fallback",
        registry.get_referrers_fallback,
        (a_repo(), text(1, "sha256-0"), headers()),
    ),
    Case(
        "registry.list_catalog",
        registry.list_catalog,
        (text(0, ROOT), an_int("n", 2, True), optional_text("last", None), headers()),
    ),
    Case(
        "registry.list_tags",
        registry.list_tags,
        (a_repo(), an_int("n", 2, True), optional_text("last", None), headers()),
    ),
    Case(
        "registry.put_manifest",
        registry.put_manifest,
        (
            a_repo(),
            text(1, "v1"),
            Param(2, b"{}", (bytes,)),
            text(3, mediatypes.OCI_IMAGE_MANIFEST),
            strings("tags"),
            headers(),
        ),
    ),
    Case(
        "registry.put_referrers_fallback",
        registry.put_referrers_fallback,
        (a_repo(), text(1, "sha256-0"), Param(2, EMPTY_INDEX, (bytes,)), headers()),
    ),
    # -- registry: what a registry's answers say (a header's text is data)
    Case("registry.match_route", registry.match_route, (text(0, "/v2/a/manifests/v1"), text(1, "/"))),
    Case(
        "registry.next_page_url",
        registry.next_page_url,
        (text(0, '</v2/a>; rel="next"', DATA), text(1, ROOT + "/v2/")),
    ),
    parser("registry.parse_content_length", registry.parse_content_length, "5"),
    parser("registry.parse_docker_content_digest", registry.parse_docker_content_digest, SHA),
    parser("registry.parse_link", registry.parse_link, '</v2/a>; rel="next"'),
    parser("registry.parse_retry_after", registry.parse_retry_after, "5", Param("now", 0.0, (float, int))),
    exchange("registry.read_api_check", registry.read_api_check, registry.check_api(ROOT), OK),
    exchange(
        "registry.read_blob",
        registry.read_blob,
        registry.get_blob(REPO, HELLO.digest),
        http.Response(200, {"Content-Length": "5"}),
        Param(2, HELLO, (descriptor.Descriptor, digest.Digest, str)),
        Param("verifier", None, (digest.DigestVerifier, NoneType)),
        an_int("offset", 0),
        flag("check_digest_header"),
    ),
    exchange(
        "registry.read_blob_head",
        registry.read_blob_head,
        registry.head_blob(REPO, HELLO.digest),
        http.Response(200, {"Content-Length": "5"}),
        a_digest("digest", None, optional=True),
    ),
    exchange(
        "registry.read_catalog",
        registry.read_catalog,
        registry.list_catalog(ROOT),
        http.Response(200, {}, b'{"repositories":["a"]}'),
        an_int("max_size", 1 << 20),
    ),
    exchange("registry.read_deleted", registry.read_deleted, registry.delete_manifest(REPO, SHA), http.Response(202)),
    exchange(
        "registry.read_error",
        registry.read_error,
        registry.get_manifest(REPO, "v1"),
        http.Response(404, {}, b'{"errors":[{"code":"MANIFEST_UNKNOWN"}]}'),
        Param("now", None, (float, int, NoneType)),
        an_int("max_size", 1 << 16),
    ),
    exchange(
        "registry.read_manifest",
        registry.read_manifest,
        registry.get_manifest(REPO, "v1"),
        http.Response(200, INDEX_TYPE, EMPTY_INDEX),
        a_digest("digest", None, optional=True),
        flag("check_digest_header"),
        an_int("max_size", 1 << 20),
    ),
    exchange(
        "registry.read_manifest_head",
        registry.read_manifest_head,
        registry.head_manifest(REPO, "v1"),
        http.Response(200, {**INDEX_TYPE, "Content-Length": "2", "Docker-Content-Digest": SHA}),
        a_digest("digest", None, optional=True),
    ),
    exchange(
        "registry.read_manifest_put",
        registry.read_manifest_put,
        registry.put_manifest(REPO, "v1", b"{}", mediatypes.OCI_IMAGE_MANIFEST),
        http.Response(201, {"Location": "/v2/a/manifests/" + SHA}),
    ),
    exchange(
        "registry.read_referrers",
        registry.read_referrers,
        registry.get_referrers(REPO, SHA),
        http.Response(200, INDEX_TYPE, EMPTY_INDEX),
        an_int("max_size", 1 << 20),
    ),
    exchange(
        "registry.read_referrers_fallback",
        registry.read_referrers_fallback,
        registry.get_referrers_fallback(REPO, "sha256-" + "0" * 64),
        http.Response(200, INDEX_TYPE, EMPTY_INDEX),
        optional_text("artifact_type", None),
        an_int("max_size", 1 << 20),
    ),
    exchange(
        "registry.read_tags",
        registry.read_tags,
        registry.list_tags(REPO),
        http.Response(200, {}, b'{"name":"a","tags":["v1"]}'),
        an_int("max_size", 1 << 20),
    ),
    Case(
        "registry.update_referrers_fallback",
        registry.update_referrers_fallback,
        (
            Param(0, registry.Referrers(()), (registry.Referrers,)),
            a_descriptor("add", MANIFEST, optional=True),
            a_digest("remove", None, optional=True),
        ),
    ),
    # -- upload
    Case(
        "upload.Upload",
        upload.Upload,
        (
            a_repo(),
            one(1, UPLOAD.digest, digest.Digest),
            an_int(2, UPLOAD.size),
            text(3, UPLOAD.step),
            optional_text("location", None),
            an_int("offset", 0),
            an_int("chunk_size", None, True),
            an_int("min_chunk", 0),
            optional_text("mount_from", None),
            headers(),
            an_int("resumes", 0),
            Param("error", None, (errors.OCIError, NoneType)),
            optional_text("previous", None),
        ),
    ),
    Case(
        "upload.Upload.start",
        upload.Upload.start,
        (
            a_repo(),
            a_descriptor(1, HELLO),
            an_int("chunk_size", None, True),
            optional_text("mount_from", None),
            flag("mount"),
            flag("single_post"),
            headers(),
        ),
    ),
    Case(
        "Upload.receive",
        UPLOAD.receive,
        (
            a_request(0, UPLOAD.request),
            a_response(1, http.Response(202, {"Location": "/v2/a/blobs/uploads/u1"})),
            Param("now", None, (float, int, NoneType)),
        ),
    ),
    Case("upload.content_range", upload.content_range, (an_int(0, 0), an_int(1, 10))),
    parser("upload.parse_range", upload.parse_range, "0-99"),
)


CASES += (
    # -- auth
    Case("auth.Anonymous", auth.Anonymous, ()),
    Case("auth.Basic", auth.Basic, (text(0, "u"), text(1, "p"))),
    Case(
        "auth.Challenge",
        auth.Challenge,
        (text(0, "bearer"), Param(1, (("realm", "https://auth.example"),), SEQUENCE), optional_text(2, None)),
    ),
    Case("Challenge.get", auth.Challenge("bearer", (("realm", "r"),)).get, (text(0, "realm"),)),
    Case("Challenge.get_all", auth.Challenge("bearer", (("realm", "r"),)).get_all, (text(0, "realm"),)),
    Case("auth.Done", auth.Done, (a_request(0), a_response(1))),
    Case(
        "auth.Failed",
        auth.Failed,
        (a_request(0), Param(1, errors.AuthError("no"), (errors.OCIError,)), Param(2, None, (http.Response, NoneType))),
    ),
    Case(
        "auth.HelperCall",
        auth.HelperCall,
        (text(0, "docker-credential-desktop"), text(1, "get"), Param(2, b"x", (bytes,)), text(3, "x")),
    ),
    Case("auth.IdentityToken", auth.IdentityToken, (text(0, "t"), text(1, "u"))),
    Case(
        "auth.RealmPolicy",
        auth.RealmPolicy,
        (Param(0, frozenset(), ITERABLE), Param(1, None, (collections.abc.Callable, NoneType))),
    ),
    Case("auth.RegistryToken", auth.RegistryToken, (text(0, "t"),)),
    Case("auth.Scope", auth.Scope, (text(0, "repository"), text(1, "a"), strings(2, ("pull",)))),
    Case("auth.Send", auth.Send, (a_request(0), flag_at(1, False))),
    Case(
        "auth.Session",
        auth.Session,
        (
            text(0, ROOT),
            Param(1, auth.ANONYMOUS, (auth.Anonymous, auth.Basic, auth.IdentityToken, auth.RegistryToken)),
            Param(2, auth.RealmPolicy(), (auth.RealmPolicy,)),
            text(3, "oci-core"),
            flag_at(4, False),
            flag_at(5, False),
            flag_at(6, True),
            Param(7, None, (auth.Challenge, NoneType)),
            Param(8, (), SEQUENCE),
            optional_text(9, None),
        ),
    ),
    Case("Session.start", SESSION.start, (a_request(0), Param("now", 0.0, (float, int)))),
    Case(
        "Session.with_credentials",
        SESSION.with_credentials,
        (Param(0, BASIC, (auth.Anonymous, auth.Basic, auth.IdentityToken, auth.RegistryToken)),),
    ),
    Case("Session.abandon", SESSION.abandon, (a_request(0),)),
    Case(
        "auth.Token",
        auth.Token,
        (
            text(0, "t"),
            Param(1, 60.0, (float, int)),
            Param(2, 0.0, (float, int)),
            Param(3, (SCOPE,), SEQUENCE),
            optional_text(4, None),
            optional_text(5, None),
            text(6, ""),
            optional_text(7, None),
        ),
    ),
    Case("Token.valid_at", auth.Token("t", 60.0, 0.0).valid_at, (Param(0, 1.0, (float, int)),)),
    Case("auth.catalog_scope", auth.catalog_scope, ()),
    Case("auth.challenges_from", auth.challenges_from, (Param(0, ['Basic realm="r"'], ITERABLE, EITHER),)),
    *(
        Case(
            f"auth.{function.__name__}",
            function,
            (text(0, "https://r.example/token"), text(1, ROOT), Param(2, auth.RealmPolicy(), (auth.RealmPolicy,))),
        )
        for function in (auth.check_realm, auth.resolve_realm)
    ),
    Case("auth.format_challenges", auth.format_challenges, (Param(0, [auth.Challenge("basic")], SEQUENCE),)),
    Case(
        "auth.merge_scopes",
        auth.merge_scopes,
        (Param(0, [SCOPE], ITERABLE, EITHER), Param(1, ["repository:b:pull"], ITERABLE, EITHER)),
    ),
    Case("auth.mount_scopes", auth.mount_scopes, (text(0, "a"), text(1, "b"))),
    Case("auth.origin_of", auth.origin_of, (text(0, ROOT),)),
    parser("auth.parse_scope", auth.parse_scope, "repository:a:pull"),
    parser("auth.parse_scopes", auth.parse_scopes, "repository:a:pull"),
    parser("auth.parse_www_authenticate", auth.parse_www_authenticate, 'Bearer realm="https://auth.example"'),
    Case("auth.preferred_challenge", auth.preferred_challenge, (Param(0, [auth.Challenge("basic")], SEQUENCE),)),
    Case(
        "auth.read_helper_get",
        auth.read_helper_get,
        (
            Param(0, HELPER_GET, (auth.HelperCall,)),
            Param(1, b'{"ServerURL":"https://index.docker.io/v1/","Username":"u","Secret":"p"}', (), DATA),
            an_int(2, 0),
        ),
    ),
    exchange(
        "auth.read_token_response",
        auth.read_token_response,
        TOKEN_REQUEST,
        http.Response(200, {}, b'{"token":"t"}'),
        Param("now", 0.0, (float, int)),
    ),
    Case("auth.repository_scope", auth.repository_scope, (text(0, "a"), text(1, "pull"))),
    Case(
        "auth.resolve_credentials",
        auth.resolve_credentials,
        (
            Param(0, b"{}", (), DATA),
            text(1, "r.example"),
            Param("env_config", None, (str, bytes, NoneType)),  # the caller's argument; its content is data
            flag("legacy"),
        ),
    ),
    Case("auth.scopes_cover", auth.scopes_cover, (Param(0, [SCOPE], SEQUENCE), Param(1, [SCOPE], SEQUENCE))),
    Case(
        "auth.token_request",
        auth.token_request,
        (
            text(0, "https://auth.example/token"),
            optional_text("service", "r.example"),
            Param("scopes", (SCOPE,), SEQUENCE),
            Param("credentials", auth.ANONYMOUS, (auth.Anonymous, auth.Basic, auth.IdentityToken, auth.RegistryToken)),
            text("grant", "get"),
            optional_text("refresh_token", None),
            text("client_id", "oci-core"),
            flag("offline_token"),
        ),
    ),
    Case("auth.trusted_origins", auth.trusted_origins, (strings(0, [ROOT]),)),
    # -- credentials
    Case("credentials.Anonymous", credentials.Anonymous, ()),
    Case("credentials.Basic", credentials.Basic, (text(0, "u"), text(1, "p"))),
    Case("credentials.CredentialFile", credentials.CredentialFile, (text(0, "/c.json"), text(1, "docker"))),
    Case(
        "credentials.HelperCall",
        credentials.HelperCall,
        (text(0, "docker-credential-desktop"), text(1, "get"), Param(2, b"x", (bytes,)), text(3, "x")),
    ),
    Case("credentials.IdentityToken", credentials.IdentityToken, (text(0, "t"), text(1, "u"))),
    Case("credentials.RegistryToken", credentials.RegistryToken, (text(0, "t"),)),
    Case(
        "credentials.auth_key_lookup_order",
        credentials.auth_key_lookup_order,
        (text(0, "r.example/a"), flag("legacy")),
    ),
    Case(
        "credentials.containers_auth_files",
        credentials.containers_auth_files,
        (a_mapping(0, ENV), text(1, "/home/u"), text(2, "linux"), an_int("uid", 1000, True)),
    ),
    *(
        Case(f"credentials.{function.__name__}", function, (a_mapping(0, ENV), text(1, "/home/u"), text(2, "linux")))
        for function in (credentials.docker_config_files, credentials.keychain_files)
    ),
    Case("credentials.convert_to_hostname", credentials.convert_to_hostname, (text(0, ROOT),)),
    parser("credentials.decode_auth", credentials.decode_auth, "dTpw"),
    Case("credentials.docker_config_key", credentials.docker_config_key, (text(0, "r.example"),)),
    *(
        Case(f"credentials.{function.__name__}", function, (text(0, "desktop"), text(1, ROOT)))
        for function in (credentials.helper_erase, credentials.helper_get)
    ),
    Case("credentials.helper_list", credentials.helper_list, (text(0, "desktop"),)),
    Case("credentials.helper_program", credentials.helper_program, (text(0, "desktop"),)),
    Case(
        "credentials.helper_store",
        credentials.helper_store,
        (text(0, "desktop"), text(1, ROOT), Param(2, BASIC, (auth.Basic, auth.IdentityToken))),
    ),
    Case("credentials.normalize_auth_key", credentials.normalize_auth_key, (text(0, "r.example"), flag("legacy"))),
    parser("credentials.parse_auth_key", credentials.parse_auth_key, "r.example/a", flag("repositories")),
    *(
        Case(
            f"credentials.{function.__name__}",
            function,
            (Param(0, call, (auth.HelperCall,)), Param(1, stdout, kinds, DATA), an_int(2, 0)),
        )
        for function, call, stdout, kinds in (
            # After a store or an erase that succeeded, any bytes are the right answer (the output is unread).
            (credentials.read_helper_done, credentials.helper_erase("desktop", ROOT), b"", BUFFER),
            (
                credentials.read_helper_get,
                HELPER_GET,
                b'{"ServerURL":"https://index.docker.io/v1/","Username":"u","Secret":"p"}',
                (),
            ),
            (credentials.read_helper_list, credentials.helper_list("desktop"), b'{"https://r.example":"u"}', ()),
        )
    ),
    Case(
        "credentials.resolve_auth_json",
        credentials.resolve_auth_json,
        (Param(0, b'{"auths":{}}', (), DATA), text(1, "r.example"), flag("legacy")),
    ),
    Case(
        "credentials.resolve_credentials",
        credentials.resolve_credentials,
        (
            Param(0, b"{}", (), DATA),
            text(1, "r.example"),
            Param("env_config", None, (str, bytes, NoneType)),  # the caller's argument; its content is data
            flag("legacy"),
        ),
    ),
    Case("credentials.validate_auth_key", credentials.validate_auth_key, (text(0, "r.example"),)),
)


# -- models -------------------------------------------------------------------------------------------

GGUF_BYTES, GGUF_HEADER = small_gguf()
_ST_TEXT = b'{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}'
SAFETENSORS = len(_ST_TEXT).to_bytes(8, "little") + _ST_TEXT + bytes(8)
ST_HEADER = models.parse_safetensors_header(SAFETENSORS)
MODEL_CONFIG = models.DockerModelConfig(format="gguf")
WEIGHTS = descriptor.describe(b"weights", models.DOCKER_GGUF)
BUILT = models.build_docker_model([WEIGHTS], MODEL_CONFIG, created=CREATED)
MODEL = BUILT.parsed_manifest()
MODEL_CONFIG_FILE = models.parse_docker_model_config(BUILT.config)
MODELPACK = models.ModelPackConfig()
FILE = models.describe_file(b"w", models.MODELPACK_WEIGHT_GGUF, path="model.gguf", mtime=MTIME)
HF_CONFIG = b'{"max_position_embeddings": 2048}'
MODEL_FILE = models.layer_file_path(FILE)
VALID_MODELPACK = models.build_modelpack_model([FILE], created=CREATED).config


def a_manifest(key: int | str = 0, valid: object = MODEL) -> Param:
    return Param(key, valid, (manifest.ImageManifest,))


def model_config_of(key: int | str = 0) -> Param:
    return Param(key, MODEL_CONFIG_FILE, (models.DockerModelConfigFile, models.ModelPackConfig))


CASES += (
    # -- models: the values
    Case(
        "models.BuiltModel",
        models.BuiltModel,
        (
            Param(0, BUILT.manifest, (bytes,)),
            a_descriptor(1, BUILT.manifest_descriptor),
            Param(2, BUILT.config, (bytes,)),
            a_descriptor(3, BUILT.config_descriptor),
        ),
    ),
    Case(
        "models.DockerModelConfig",
        models.DockerModelConfig,
        (
            *(text(key, "") for key in ("format", "quantization", "parameters", "architecture", "size")),
            *(a_mapping(key, NOTES) for key in ("gguf", "safetensors", "diffusers")),
            an_int("context_size", None, True),
        ),
    ),
    Case(
        "models.DockerModelConfigFile",
        models.DockerModelConfigFile,
        (
            one("config", MODEL_CONFIG, models.DockerModelConfig),
            one("descriptor", models.DockerModelDescriptor(), models.DockerModelDescriptor),
            one("rootfs", models.DockerModelRootFS(), models.DockerModelRootFS),
        ),
    ),
    Case("models.DockerModelDescriptor", models.DockerModelDescriptor, (optional_text("created", CREATED),)),
    Case(
        "models.DockerModelRootFS",
        models.DockerModelRootFS,
        (Param("diff_ids", (DIGEST,), ITERABLE, EITHER), text("type", "rootfs")),
    ),
    Case(
        "models.FileMetadata",
        models.FileMetadata,
        (
            text("name", "model.gguf"),
            *(an_int(key, 0) for key in ("mode", "uid", "gid", "size", "typeflag")),
            text("mtime", MTIME),
        ),
    ),
    Case("models.GGMLType", models.GGMLType, (an_int(0, 0), text(1, "F32"), an_int(2, 1), an_int(3, 4))),
    Case(
        "models.GGUFArray",
        models.GGUFArray,
        (
            one(0, models.GGUFValueType.UINT8, models.GGUFValueType, int),
            an_int(1, 1),
            Param(2, b"\x01", (bytes,)),
            text(3, "little"),
        ),
    ),
    Case(
        "models.GGUFArray.of",
        models.GGUFArray.of,
        (
            one(0, models.GGUFValueType.UINT8, models.GGUFValueType, int),
            Param(1, [1], SEQUENCE, EITHER),
            text(2, "little"),
        ),
    ),
    Case(
        "models.GGUFHeader",
        models.GGUFHeader,
        (
            an_int("version", 3),
            a_mapping("metadata", GGUF_HEADER.metadata),
            Param("tensors", GGUF_HEADER.tensors, (tuple,)),
            text("byte_order", "little"),
        ),
    ),
    Case(
        "models.GGUFTensorInfo",
        models.GGUFTensorInfo,
        (text(0, "w"), Param(1, (8,), (tuple,)), an_int(2, 0), an_int(3, 0)),
    ),
    Case(
        "models.GGUFValue",
        models.GGUFValue,
        (one(0, models.GGUFValueType.STRING, models.GGUFValueType, int), Param(1, "llama", (str,), EITHER)),
    ),
    Case(
        "models.HuggingFaceReference",
        models.HuggingFaceReference,
        (text(0, "org/model"), text(1, "main"), text(2, "latest")),
    ),
    Case(
        "models.LayerFile",
        models.LayerFile,
        (
            text(0, "model.gguf"),
            a_descriptor(1, FILE),
            one(2, models.classify_layer(FILE), models.LayerInfo),
            an_int(3, 0),
        ),
    ),
    Case(
        "models.LayerInfo",
        models.LayerInfo,
        (
            text(0, models.DOCKER_GGUF),
            one(1, models.LayerKind.WEIGHTS, models.LayerKind),
            optional_text(2, "gguf"),
            Param(3, None, (str, NoneType)),
            flag_at(4, False),
            Param(5, None, (models.ModelFamily, NoneType)),
            optional_text(6, None),
        ),
    ),
    Case(
        "models.ModelFileSummary",
        models.ModelFileSummary,
        (
            optional_text(0, "model.gguf"),
            one(1, models.LayerKind.WEIGHTS, models.LayerKind),
            optional_text(2, "gguf"),
            text(3, models.DOCKER_GGUF),
            an_int(4, 1),
            one(5, DIGEST, digest.Digest),
        ),
    ),
    Case("models.ModelLayout", models.ModelLayout, (Param(0, (), (tuple,)), Param(1, (), (tuple,)))),
    Case(
        "models.ModelPackCapabilities",
        models.ModelPackCapabilities,
        (
            strings("input_types"),
            strings("output_types"),
            optional_text("knowledge_cutoff", None),
            *(Param(key, None, (bool, NoneType)) for key in ("reasoning", "tool_usage", "reward")),
            strings("languages"),
        ),
    ),
    Case(
        "models.ModelPackConfig",
        models.ModelPackConfig,
        (
            one("descriptor", models.ModelPackDescriptor(), models.ModelPackDescriptor),
            one("modelfs", models.ModelPackFS(), models.ModelPackFS),
            one("config", models.ModelPackModelConfig(), models.ModelPackModelConfig),
        ),
    ),
    Case(
        "models.ModelPackDescriptor",
        models.ModelPackDescriptor,
        (
            optional_text("created_at", None),
            *(strings(key) for key in ("authors", "datasets_url", "licenses")),
            *(
                text(key, "")
                for key in ("family", "name", "doc_url", "source_url", "version", "revision", "vendor", "title")
            ),
            text("description", ""),
        ),
    ),
    Case(
        "models.ModelPackFS",
        models.ModelPackFS,
        (text("type", "layers"), Param("diff_ids", (DIGEST,), ITERABLE, EITHER)),
    ),
    Case(
        "models.ModelPackModelConfig",
        models.ModelPackModelConfig,
        (
            *(text(key, "") for key in ("architecture", "format", "param_size", "precision", "quantization")),
            one("capabilities", None, models.ModelPackCapabilities, NoneType),
        ),
    ),
    Case(
        "models.ModelSummary",
        models.ModelSummary,
        (
            one(0, models.ModelFamily.DOCKER, models.ModelFamily),
            *(text(key, "") for key in range(1, 7)),
            an_int(7, None, True),
            optional_text(8, None),
            Param(9, (), (tuple,)),
        ),
    ),
    Case(
        "models.SafetensorsHeader",
        models.SafetensorsHeader,
        (Param("tensors", ST_HEADER.tensors, (tuple,)), a_mapping("metadata", NOTES)),
    ),
    Case(
        "models.SafetensorsTensor",
        models.SafetensorsTensor,
        (text(0, "a"), text(1, "F32"), Param(2, (2,), (tuple,)), Param(3, (0, 8), (tuple,))),
    ),
    Case(
        "models.TarballEntry",
        models.TarballEntry,
        (text(0, "model.gguf"), text(1, "layer"), an_int(2, 0o644), a_descriptor(3, FILE, optional=True)),
    ),
    Case("models.TarballMember", models.TarballMember, (text(0, "blob"), one(1, DIGEST, digest.Digest, NoneType))),
    # -- models: the functions
    Case("models.backend_for_format", models.backend_for_format, (text(0, "gguf"),)),
    Case("models.backends_for_files", models.backends_for_files, (strings(0, ["model.gguf"]),)),
    Case("models.backends_for_layers", models.backends_for_layers, (strings(0, [models.DOCKER_GGUF]),)),
    Case(
        "models.build_docker_model",
        models.build_docker_model,
        (
            Param(0, [WEIGHTS], SEQUENCE),
            one(1, MODEL_CONFIG, models.DockerModelConfig),
            text("created", CREATED),
            text("config_media_type", models.DOCKER_MODEL_CONFIG_V01),
            a_mapping("annotations", None, optional=True),
        ),
    ),
    Case(
        "models.build_modelpack_model",
        models.build_modelpack_model,
        (
            Param(0, [FILE], SEQUENCE),
            optional_text("created", CREATED),
            one("config", None, models.ModelPackModelConfig, NoneType),
            one("descriptor", None, models.ModelPackDescriptor, NoneType),
            Param("diff_ids", None, (*ITERABLE, NoneType), EITHER),
            a_mapping("annotations", None, optional=True),
            text("field_order", "image-spec"),
        ),
    ),
    Case("models.check_model_compatibility", models.check_model_compatibility, (a_manifest(),)),
    Case("models.classify_file", models.classify_file, (text(0, "model.gguf"),)),
    Case("models.classify_layer", models.classify_layer, (a_descriptor(0, FILE), text("model_format", ""))),
    Case(
        "models.context_size_from_hf_config",
        models.context_size_from_hf_config,
        (Param(0, HF_CONFIG, (), DATA),),
    ),
    Case(
        "models.convert_to_modelpack",
        models.convert_to_modelpack,
        (a_manifest(), model_config_of(1), text("field_order", "model-runner")),
    ),
    Case(
        "models.describe_file",
        models.describe_file,
        (
            Param(0, b"w", BUFFER),
            text(1, models.MODELPACK_WEIGHT_GGUF),
            text("path", "model.gguf"),
            text("mtime", MTIME),
            an_int("mode", 0o644),
            a_mapping("annotations", None, optional=True),
        ),
    ),
    Case(
        "models.docker_config_from_modelpack",
        models.docker_config_from_modelpack,
        (one(0, MODELPACK, models.ModelPackConfig),),
    ),
    Case(
        "models.docker_media_type",
        models.docker_media_type,
        (text(0, models.MODELPACK_WEIGHT_GGUF), text("model_format", ""), text("filepath", "")),
    ),
    Case("models.docker_media_type_for_file", models.docker_media_type_for_file, (text(0, "model.gguf"),)),
    Case(
        "models.file_descriptor",
        models.file_descriptor,
        (
            text(0, models.MODELPACK_WEIGHT_GGUF),
            a_digest(1, str(FILE.digest)),
            an_int(2, FILE.size),
            text("path", "model.gguf"),
            text("mtime", MTIME),
            an_int("mode", 0o644),
            a_mapping("annotations", None, optional=True),
        ),
    ),
    Case("models.file_metadata", models.file_metadata, (a_descriptor(0, FILE),)),
    Case("models.format_parameters", models.format_parameters, (an_int(0, 7_000_000_000),)),
    Case("models.format_size", models.format_size, (an_int(0, 1 << 30),)),
    *(
        Case(f"models.{function.__name__}", function, (one(0, GGUF_HEADER, models.GGUFHeader),))
        for function in (
            models.gguf_architecture,
            models.gguf_context_length,
            models.gguf_metadata,
            models.gguf_model_config,
            models.gguf_quantization,
        )
    ),
    Case("models.infer_weights_format", models.infer_weights_format, (Param(0, [FILE], SEQUENCE),)),
    # Predicates that answer for any object; the others take a str (a TypeError otherwise).
    *(
        Case(f"models.{function.__name__}", function, (Param(0, valid, (), TOTAL),))
        for function, valid in (
            (models.is_modelpack_config, b"{}"),
            (models.is_modelpack_media_type, models.MODELPACK_WEIGHT_GGUF),
            (models.is_modelpack_weight_media_type, models.MODELPACK_WEIGHT_GGUF),
        )
    ),
    *(
        Case(f"models.{function.__name__}", function, (text(0, valid),))
        for function, valid in (
            (models.is_hugging_face_reference, "hf.co/org/model"),
            (models.is_model_digest, SHA),
            (models.is_model_id, SHA),
            (models.is_projector_path, "mmproj.gguf"),
        )
    ),
    Case("models.is_model_manifest", models.is_model_manifest, (a_manifest(),)),
    Case("models.layer_file_path", models.layer_file_path, (a_descriptor(0, FILE),)),
    Case("models.media_type_untested", models.media_type_untested, (a_descriptor(0, FILE),)),
    Case("models.model_family", models.model_family, (a_manifest(),)),
    Case("models.model_id", models.model_id, (Param(0, BUILT.manifest, BUFFER),)),
    Case(
        "models.model_layout",
        models.model_layout,
        (Param(0, MODEL, (manifest.ImageManifest, list, tuple)), text("model_format", "")),
    ),
    Case("models.model_runner_manifest", models.model_runner_manifest, (a_manifest(),)),
    Case(
        "models.modelpack_config_from_docker",
        models.modelpack_config_from_docker,
        (one(0, MODEL_CONFIG_FILE, models.DockerModelConfigFile), Param(1, None, (*ITERABLE, NoneType), EITHER)),
    ),
    Case("models.modelpack_media_type", models.modelpack_media_type, (text(0, models.DOCKER_GGUF), text(1, ""))),
    Case("models.normalize_format", models.normalize_format, (text(0, "GGUF"),)),
    Case("models.normalize_model_config", models.normalize_model_config, (model_config_of(),)),
    Case("models.normalize_model_name", models.normalize_model_name, (text(0, "ai/smollm2"), strings("model_ids"))),
    Case("models.normalize_unit_string", models.normalize_unit_string, (text(0, "7 B"),)),
    *(
        Case(f"models.{function.__name__}", function, (Param(0, raw, (), DATA),))
        for function, raw in (
            (models.parse_docker_model_config, BUILT.config),
            (models.parse_file_metadata, models.file_metadata(FILE).to_json()),  # type: ignore[union-attr]
            (models.parse_modelpack_config, b'{"descriptor":{},"modelfs":{"type":"layers","diffIds":[]},"config":{}}'),
            (models.parse_safetensors_header, SAFETENSORS),
            (models.read_diff_ids, b'{"rootfs":{"type":"rootfs","diff_ids":[]}}'),
            (models.validate_modelpack_config, VALID_MODELPACK),
        )
    ),
    Case(
        "models.parse_gguf_header",
        models.parse_gguf_header,
        (Param(0, GGUF_BYTES, (), DATA), an_int("max_size", 1 << 20)),
    ),
    parser("models.parse_hugging_face_reference", models.parse_hugging_face_reference, "hf.co/org/model"),
    Case(
        "models.parse_model_config",
        models.parse_model_config,
        (Param(0, BUILT.config, (), DATA), optional_text(1, None)),
    ),
    parser("models.parse_model_reference", models.parse_model_reference, "ai/smollm2"),
    Case("models.safe_relative_path", models.safe_relative_path, (text(0, "a/b.gguf"),)),
    Case(
        "models.safetensors_model_config",
        models.safetensors_model_config,
        (
            one(0, ST_HEADER, models.SafetensorsHeader),
            an_int("file_size", None, True),
            an_int("context_size", None, True),
        ),
    ),
    Case("models.sanitize_relative_path", models.sanitize_relative_path, (text(0, "a/b.gguf"),)),
    Case("models.short_model_id", models.short_model_id, (text(0, SHA),)),
    Case(
        "models.summarize_model",
        models.summarize_model,
        (a_manifest(), Param(1, BUILT.config, (bytes, models.DockerModelConfigFile, models.ModelPackConfig), DATA)),
    ),
    Case("models.tarball_entries", models.tarball_entries, (a_manifest(),)),
    Case(
        "models.tarball_member",
        models.tarball_member,
        (text(0, "blobs/sha256/" + "0" * 64), flag_at("regular_file", True)),
    ),
    Case("models.weights_format", models.weights_format, (text(0, "model.gguf"),)),
    Case("models.weights_format_of", models.weights_format_of, (strings(0, ["model.gguf"]),)),
    Case("models.with_default_tag", models.with_default_tag, (text(0, "ai/smollm2"),)),
)


def _of_a_kind(value: object, kinds: tuple[object, ...]) -> bool:
    if type(value) is bool and bool not in kinds:
        return False  # bool is an int, but no int parameter takes one
    return isinstance(value, kinds)  # type: ignore[arg-type]


def _calls() -> list[object]:
    return [
        pytest.param(case, param, wrong, id=f"{case.label}:{param.key}={type(wrong).__name__}")
        for case in CASES
        for param in case.params
        for wrong in WRONG
        if not _of_a_kind(wrong, param.kinds)
    ]


def _call(case: Case, replaced: Param, value: object) -> object:
    args = [p.valid if p is not replaced else value for p in case.params if isinstance(p.key, int)]
    kwargs = {p.key: (p.valid if p is not replaced else value) for p in case.params if isinstance(p.key, str)}
    return case.call(*args, **kwargs)


@pytest.mark.parametrize("case", CASES, ids=[case.label for case in CASES])
def test_the_valid_call_succeeds(case: Case) -> None:
    _call(case, Param(-1, None, ()), None)


@pytest.mark.parametrize(("case", "param", "wrong"), _calls())
def test_wrong_kinds_get_the_contracts_answer(case: Case, param: Param, wrong: object) -> None:
    if param.answer == TOTAL:
        _call(case, param, wrong)  # any exception fails the test
        return
    expected: tuple[type[BaseException], ...] = {
        TYPE: (TypeError,),
        DATA: (errors.OCIError,),
        EITHER: (TypeError, errors.OCIError),
    }[param.answer]
    with pytest.raises(expected) as caught:
        _call(case, param, wrong)
    assert str(caught.value)
    if param.answer == TYPE:
        assert not isinstance(caught.value, errors.OCIError)


def test_every_public_callable_is_listed() -> None:
    listed = {case.label.split(".")[0] + "." + case.label.split(".")[1] for case in CASES if case.label.count(".") >= 1}
    for module in MODULES:
        short = module.__name__.rpartition(".")[2]
        for public in module.__all__:
            value = getattr(module, public)
            if getattr(value, "_is_protocol", False):
                continue  # a protocol (platform.Matcher) is not called: its implementations are listed
            if isinstance(value, type) and issubclass(value, enum.Enum):
                continue  # an enumeration (models.LayerKind) is looked up by value, not built
            if inspect.isfunction(value) or inspect.isclass(value):
                assert f"{short}.{public}" in listed, f"{short}.{public} has no row in CASES"


# Every value type of these modules, as a parser makes it: built through its
# layout twin, it must be the public class in every respect.
VALUES: tuple[object, ...] = (
    DIGEST,
    digest.ALGORITHMS["sha256"],
    SET,
    MEDIA_TYPE,
    mediatypes.KNOWN[mediatypes.OCI_LAYER_GZIP],
    REFERENCE.with_digest(SHA),
    REGISTRY,
    REPOSITORY,
    TAG,
    name.new_digest_reference("gcr.io/a/b:v1@" + SHA),
)


@pytest.mark.parametrize("value", VALUES, ids=[type(value).__name__ for value in VALUES])
def test_values_are_their_public_class_and_survive_pickling_copying_and_replace(value: object) -> None:
    import copy
    import dataclasses
    import pickle

    assert type(value).__module__.startswith("oci_core.") and not type(value).__name__.startswith("_")
    clones = [pickle.loads(pickle.dumps(value)), copy.copy(value), copy.deepcopy(value)]
    if dataclasses.is_dataclass(value):
        clones.append(dataclasses.replace(value))  # type: ignore[type-var]
    for clone in clones:
        assert type(clone) is type(value) and clone == value and hash(clone) == hash(value)
    member = dataclasses.fields(value)[0].name if dataclasses.is_dataclass(value) else "algorithm"
    with pytest.raises(AttributeError):  # dataclasses' FrozenInstanceError is one
        setattr(value, member, None)
