"""Hypothesis strategies for every public value type of oci_core.

The one module of the package that imports `Hypothesis <https://hypothesis.readthedocs.io/>`_:
nothing else imports it, so ``import oci_core.reference`` (or any other
module) never loads it. Each strategy builds its values from the grammar or
rule it names, through the public constructors and parsers, so that what it
draws is valid by construction: every value's text or bytes form parses back
to an equal value. The ``near_*`` strategies draw text *near* a grammar (valid
text with a few characters inserted, dropped or replaced, from the grammar's
own alphabet and the classic traps), for fuzzing parsers.

    >>> from hypothesis import given
    >>> from oci_core.reference import parse_reference
    >>> from oci_core.strategies import references
    >>> @given(references())
    ... def test_text_round_trips(ref):
    ...     assert parse_reference(str(ref)) == ref
    >>> test_text_round_trips()

``st.from_type`` works for every public value type once
:func:`register_type_strategies` has run. An installed distribution runs it
through Hypothesis's ``hypothesis`` entry point, the moment Hypothesis is
imported; a vendored copy (no entry point) calls it once, in a
``conftest.py``. It is idempotent. It is never run on import of this module:
importing a module does no work beyond definitions.

    >>> from hypothesis import strategies as st
    >>> from oci_core.reference import Reference
    >>> register_type_strategies()
    >>> isinstance(st.from_type(Reference), st.SearchStrategy)
    True

The strategies, by module (each returns a ``SearchStrategy`` of the type it names):

* digest: :func:`digests` (registered algorithms; unregistered grammatical
  ones opt-in), :func:`algorithms`, :func:`digest_texts`, :func:`near_digest_texts`;
  digestset: :func:`digest_sets`;
* mediatypes: :func:`media_types`, :func:`media_type_names`,
  :func:`media_type_texts`, :func:`near_media_type_texts`, :func:`media_type_infos`;
* reference: :func:`domains`, :func:`paths`, :func:`tags`, :func:`references`,
  :func:`reference_texts`, :func:`near_reference_texts`;
* name: :func:`name_registries`, :func:`name_repositories`, :func:`name_tags`,
  :func:`name_digest_references`;
* platform: :func:`platforms`, :func:`specifier_platforms`, :func:`ggcr_platforms`,
  :func:`host_platforms`, :func:`platform_specifiers`, :func:`near_platform_specifiers`,
  :func:`platform_json_objects`, :func:`matchers`;
* descriptor and documents: :func:`frozen_maps`, :func:`json_text`,
  :func:`json_values`, :func:`descriptors`, :func:`image_manifests`,
  :func:`image_indexes`, :func:`manifests`, :func:`manifest_bytes`,
  :func:`rfc3339_timestamps`, :func:`image_configs` and its parts
  (:func:`container_configs`, :func:`health_configs`, :func:`histories`, :func:`root_filesystems`);
* layout, partial, layerdigest: :func:`image_layouts`, :func:`layout_indexes`, :func:`ref_names`,
  :func:`blob_checks`, :func:`image_layers`, :func:`layer_digests`;
* http: :func:`header_names`, :func:`header_values`, :func:`headers`,
  :func:`urls`, :func:`origins`, :func:`requests`, :func:`responses`;
* registry and upload: :func:`registry_repositories`, :func:`routes`,
  :func:`links`, :func:`link_header_texts`, :func:`rate_limits`,
  :func:`error_codes`, :func:`error_details`, :func:`api_checks`,
  :func:`manifest_heads`, :func:`manifest_puts`, :func:`manifest_responses`,
  :func:`blob_heads`, :func:`blob_streams`, :func:`tag_lists`, :func:`catalogs`,
  :func:`referrers`, :func:`listings`, :func:`uploads`;
* auth and credentials: :func:`challenges`, :func:`challenge_texts`,
  :func:`scopes`, :func:`scope_texts`, :func:`credentials`, :func:`tokens`,
  :func:`realm_policies`, :func:`sessions`, :func:`session_steps`,
  :func:`helper_calls`, :func:`credential_files`, :func:`docker_configs`;
* models: :func:`docker_model_configs` and its parts (:func:`docker_model_config_parts`,
  :func:`docker_model_descriptors`, :func:`docker_model_root_filesystems`),
  :func:`modelpack_configs` and its parts (:func:`modelpack_descriptors`,
  :func:`modelpack_model_configs`, :func:`modelpack_capabilities`, :func:`modelpack_filesystems`),
  :func:`file_metadata`, :func:`gguf_headers`, :func:`gguf_values`, :func:`gguf_arrays`,
  :func:`gguf_tensor_infos`, :func:`ggml_types`, :func:`safetensors_headers`,
  :func:`safetensors_tensors`, :func:`model_layers`, :func:`built_models`, :func:`layer_infos`,
  :func:`model_layouts`, :func:`layer_files`, :func:`model_summaries`,
  :func:`model_file_summaries`, :func:`model_tarball_entries`, :func:`model_tarball_members`,
  :func:`hugging_face_references`. The enumerations (``ModelFamily``, ``LayerKind``,
  ``FileType``, ``GGUFValueType``) need no registration: ``st.from_type`` draws their members.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Final, Literal, TypeVar, cast, get_args

from hypothesis import strategies as st

from . import mediatypes as _media
from ._platform_tables import (
    ARCH_ALIASES,
    KNOWN_ARCHES,
    KNOWN_OSES,
    OS_ALIASES,
    PLAIN_VARIANTS,
    VARIANT_ALIASES,
)
from .annotations import REF_NAME
from .auth import (
    ANONYMOUS,
    Anonymous,
    Basic,
    Challenge,
    Done,
    Failed,
    HelperCall,
    IdentityToken,
    RealmPolicy,
    RegistryToken,
    Scope,
    Send,
    Session,
    Token,
    format_challenges,
    parse_scope,
)
from .config import ContainerConfig, HealthConfig, History, ImageConfig, RootFS
from .credentials import CredentialFile, helper_erase, helper_get, helper_list, helper_store
from .descriptor import EMPTY_JSON, Descriptor, FrozenMap, describe
from .digest import ALGORITHMS, Algorithm, Digest, Digester, DigestVerifier, new_digest, parse_digest
from .digestset import DigestSet
from .errors import InvalidHeaderError, NotFoundError, OCIError, RemoteProtocolError
from .http import Headers, Origin, Request, Response, origin
from .layerdigest import LayerDigester, LayerDigests, compute_layer_digests
from .layout import ROLES, BlobCheck, ImageLayout
from .manifest import ImageIndex, ImageManifest
from .mediatypes import Family, MediaType, MediaTypeInfo, Role
from .models import (
    DOCKER_CHAT_TEMPLATE,
    DOCKER_GGUF,
    DOCKER_LICENSE,
    DOCKER_MODEL_FILE,
    DOCKER_MULTIMODAL_PROJECTOR,
    DOCKER_SAFETENSORS,
    GGML_TYPES,
    GGUF_DEFAULT_ALIGNMENT,
    MODELPACK_DOC_RAW,
    MODELPACK_WEIGHT_CONFIG_RAW,
    MODELPACK_WEIGHT_RAW,
    SAFETENSORS_DTYPE_BITS,
    TARBALL_MANIFEST,
    BuiltModel,
    DockerModelConfig,
    DockerModelConfigFile,
    DockerModelDescriptor,
    DockerModelRootFS,
    FileMetadata,
    GGMLType,
    GGUFArray,
    GGUFHeader,
    GGUFTensorInfo,
    GGUFValue,
    GGUFValueType,
    HuggingFaceReference,
    LayerFile,
    LayerInfo,
    ModelFamily,
    ModelFileSummary,
    ModelLayout,
    ModelPackCapabilities,
    ModelPackConfig,
    ModelPackDescriptor,
    ModelPackFS,
    ModelPackModelConfig,
    ModelSummary,
    SafetensorsHeader,
    SafetensorsTensor,
    TarballEntry,
    TarballMember,
    build_docker_model,
    build_modelpack_model,
    classify_layer,
    describe_file,
    model_layout,
    summarize_model,
    tarball_entries,
    tarball_member,
)
from .name import DigestReference, Registry, Tag, new_digest_reference, new_registry, new_repository, new_tag
from .name import Repository as NameRepository
from .partial import ImageLayer
from .platform import (
    COMPONENT_PATTERN,
    AllMatcher,
    AnyMatcher,
    Matcher,
    OnlyMatcher,
    OnlyOSMatcher,
    OrderedMatcher,
    Platform,
    WindowsMatcher,
    all_platforms,
    default_matcher,
)
from .reference import MAX_DOMAIN_LENGTH, MAX_PATH_LENGTH, Reference
from .registry import (
    ERROR_CODES,
    ApiCheck,
    BlobHead,
    BlobStream,
    Catalog,
    ErrorCode,
    ErrorDetail,
    Link,
    Listing,
    ManifestHead,
    ManifestPut,
    ManifestResponse,
    RateLimit,
    Referrers,
    Repository,
    Route,
    Tags,
    list_catalog,
    list_tags,
    match_route,
)
from .upload import Upload

if TYPE_CHECKING:
    from .auth import Credentials, Step

__all__ = [
    "algorithms",
    "api_checks",
    "blob_checks",
    "blob_heads",
    "blob_streams",
    "built_models",
    "catalogs",
    "challenge_texts",
    "challenges",
    "container_configs",
    "credential_files",
    "credentials",
    "descriptors",
    "digest_sets",
    "digest_texts",
    "digests",
    "docker_configs",
    "docker_model_config_parts",
    "docker_model_configs",
    "docker_model_descriptors",
    "docker_model_root_filesystems",
    "domains",
    "error_codes",
    "error_details",
    "file_metadata",
    "frozen_maps",
    "ggcr_platforms",
    "ggml_types",
    "gguf_arrays",
    "gguf_headers",
    "gguf_tensor_infos",
    "gguf_values",
    "header_names",
    "header_values",
    "headers",
    "health_configs",
    "helper_calls",
    "histories",
    "host_platforms",
    "hugging_face_references",
    "image_configs",
    "image_indexes",
    "image_layers",
    "image_layouts",
    "image_manifests",
    "json_text",
    "json_values",
    "layer_digests",
    "layer_files",
    "layer_infos",
    "layout_indexes",
    "link_header_texts",
    "links",
    "listings",
    "manifest_bytes",
    "manifest_heads",
    "manifest_puts",
    "manifest_responses",
    "manifests",
    "matchers",
    "media_type_infos",
    "media_type_names",
    "media_type_texts",
    "media_types",
    "model_file_summaries",
    "model_layers",
    "model_layouts",
    "model_summaries",
    "model_tarball_entries",
    "model_tarball_members",
    "modelpack_capabilities",
    "modelpack_configs",
    "modelpack_descriptors",
    "modelpack_filesystems",
    "modelpack_model_configs",
    "name_digest_references",
    "name_registries",
    "name_repositories",
    "name_tags",
    "near_digest_texts",
    "near_media_type_texts",
    "near_platform_specifiers",
    "near_reference_texts",
    "origins",
    "paths",
    "platform_json_objects",
    "platform_specifiers",
    "platforms",
    "rate_limits",
    "realm_policies",
    "ref_names",
    "reference_texts",
    "references",
    "referrers",
    "register_type_strategies",
    "registry_repositories",
    "requests",
    "responses",
    "rfc3339_timestamps",
    "root_filesystems",
    "routes",
    "safetensors_headers",
    "safetensors_tensors",
    "scope_texts",
    "scopes",
    "session_steps",
    "sessions",
    "specifier_platforms",
    "tag_lists",
    "tags",
    "tokens",
    "uploads",
    "urls",
]

_T = TypeVar("_T")

_HEX: Final = "0123456789abcdef"
_LOWER_ALNUM: Final = string.ascii_lowercase + string.digits
_ALNUM: Final = string.ascii_letters + string.digits
_WORD: Final = _ALNUM + "_"
# RFC 9110 tchar: what a header name, a method, an auth scheme or a parameter name is made of.
_TCHAR: Final = "!#$%&'*+-.^_`|~" + _ALNUM

#: The characters no JSON document here may carry (I-JSON, RFC 7493 §2.1): the
#: 66 noncharacters. Lone surrogates are the other half (Unicode category Cs).
_NONCHARACTERS: Final = tuple(chr(c) for c in range(0xFDD0, 0xFDF0)) + tuple(
    chr(plane * 0x10000 + low) for plane in range(17) for low in (0xFFFE, 0xFFFF)
)


def _sized(strategy: st.SearchStrategy[list[_T]]) -> st.SearchStrategy[tuple[_T, ...]]:
    return strategy.map(tuple)


# -- text near a grammar ---------------------------------------------------------------------------

# What a mutation puts in: separators of every grammar here, case, Unicode look-alikes, controls.
_TRAPS: Final = (
    *"-._/:@;=,+%*?[]\\\"' \t()<>",
    "\n", "\x00", "\x7f", "A", "Z", "\u00e9", "\u00df",
    "\u0130",  # capital I with a dot: lower() gives two characters
    "\u212a",  # the Kelvin sign: lower() gives "k"
    "\u0663", "\uff11",  # an Arabic-Indic and a full-width digit: int() and isdigit() take them
    "\u00a0", "\u200b", "\ud800", "\ufffe", "\U0010ffff",
)


@st.composite
def _mutated(draw: st.DrawFn, texts: st.SearchStrategy[str], alphabet: str) -> str:
    text = draw(texts)
    pieces = st.sampled_from(alphabet) | st.sampled_from(_TRAPS)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.integers(0, len(text)))
        how = draw(st.sampled_from(("insert", "delete", "replace", "repeat")))
        if how == "insert":
            text = text[:where] + draw(pieces) + text[where:]
        elif how == "delete":
            text = text[:where] + text[where + 1 :]
        elif how == "replace":
            text = text[:where] + draw(pieces) + text[where + 1 :]
        else:
            text = text[:where] + text[where : where + 1] * draw(st.integers(2, 5)) + text[where + 1 :]
    return text


# -- digest ---------------------------------------------------------------------------------------


def algorithms() -> st.SearchStrategy[Algorithm]:
    """The registered algorithms (:data:`oci_core.digest.ALGORITHMS`: sha256, sha384, sha512, blake3)."""
    return st.sampled_from([ALGORITHMS[name] for name in sorted(ALGORITHMS)])


def _registered_digests(names: list[str]) -> st.SearchStrategy[Digest]:
    def of(name: str) -> st.SearchStrategy[Digest]:
        length = ALGORITHMS[name].encoded_length
        return st.text(_HEX, min_size=length, max_size=length).map(lambda encoded: new_digest(name, encoded))

    return st.sampled_from(names).flatmap(of)


@st.composite
def _unregistered_digest(draw: st.DrawFn) -> Digest:
    components = draw(st.lists(st.text(_LOWER_ALNUM, min_size=1, max_size=6), min_size=1, max_size=4))
    separators = draw(st.lists(st.sampled_from("+._-"), min_size=len(components) - 1, max_size=len(components) - 1))
    algorithm = components[0] + "".join(sep + part for sep, part in zip(separators, components[1:], strict=True))
    if algorithm in ALGORITHMS:
        algorithm = "x" + algorithm
    encoded = draw(st.text(_ALNUM + "=_-", min_size=1, max_size=80))
    return parse_digest(f"{algorithm}:{encoded}", allow_unregistered=True)


def digests(*, algorithms: Iterable[str] | None = None, unregistered: bool = False) -> st.SearchStrategy[Digest]:
    """Digests (image-spec descriptor.md, "Digests"): ``algorithm ":" encoded``.

    A registered algorithm (all of :data:`~oci_core.digest.ALGORITHMS` unless
    ``algorithms`` names some) narrows ``encoded`` to lowercase hex of its
    length. With ``unregistered=True``, digests of the bare grammar are drawn
    too (``algorithm-component ([+._-] algorithm-component)*`` of ``[a-z0-9]+``,
    ``encoded`` of ``[a-zA-Z0-9=_-]+``), which ``parse_digest(text,
    allow_unregistered=True)`` reads back.

    >>> from hypothesis import given
    >>> from oci_core.digest import parse_digest
    >>> @given(digests(algorithms=["sha256"]))
    ... def test(d):
    ...     assert parse_digest(str(d)) == d and d.algorithm == "sha256"
    >>> test()

    :raises ValueError: ``algorithms`` names an algorithm that is not registered.
    """
    names = sorted(ALGORITHMS) if algorithms is None else list(algorithms)
    unknown = [name for name in names if name not in ALGORITHMS]
    if unknown or not names:
        raise ValueError(f"digests() takes registered algorithm names, got {names!r}")
    registered = _registered_digests(names)
    return registered | _unregistered_digest() if unregistered else registered


def digest_texts(*, unregistered: bool = False) -> st.SearchStrategy[str]:
    """The text of a valid digest (see :func:`digests`), as a plain ``str``."""
    return digests(unregistered=unregistered).map(str.__str__)


def near_digest_texts() -> st.SearchStrategy[str]:
    """Text near the digest grammar: valid digest text with one to three characters inserted, dropped,
    replaced or repeated (the grammar's characters, case, separators, look-alike digits, controls)."""
    return _mutated(digest_texts(unregistered=True), _HEX + "ABCDEFG:+._-=")


def digest_sets() -> st.SearchStrategy[DigestSet]:
    """Sets of registered digests, some sharing long prefixes (so that short codes must grow)."""
    shared = st.text("0123", min_size=1, max_size=3).map(lambda head: new_digest("sha256", (head * 64)[:64]))
    return st.lists(shared | digests(), max_size=8).map(DigestSet)


# -- media types ---------------------------------------------------------------------------------

_RESTRICTED_NAME: Final = r"[a-z0-9][a-z0-9!#$&^_.+-]{0,15}"


def media_type_names(*, known: bool | None = None) -> st.SearchStrategy[str]:
    """``type "/" subtype`` (RFC 6838 §4.2, restricted names, lower case) as descriptors carry them.

    ``known=True`` draws only the types of :data:`~oci_core.mediatypes.KNOWN`,
    ``known=False`` only names of the bare grammar; the default mixes both.
    """
    table = st.sampled_from(sorted(_media.KNOWN))
    grammar = st.from_regex(f"{_RESTRICTED_NAME}/{_RESTRICTED_NAME}", fullmatch=True)
    if known is None:
        return table | grammar
    return table if known else grammar


def _parameter_values() -> st.SearchStrategy[str]:
    # What a quoted string may carry (RFC 9110 §5.6.4): tab, space, visible ASCII, obs-text.
    return st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E) | st.sampled_from("\t\x80é\xff"), max_size=12)


def media_types() -> st.SearchStrategy[MediaType]:
    """:class:`~oci_core.mediatypes.MediaType` values: a name of :func:`media_type_names` and up to
    four parameters (``token "=" value``, names lower case and unique, values quotable)."""
    names = st.text(string.ascii_lowercase + string.digits + "!#$%&'*+-.^_`|~", min_size=1, max_size=8)
    parameters = st.lists(st.tuples(names, _parameter_values()), max_size=4, unique_by=lambda pair: pair[0])

    def made(essence: str, pairs: list[tuple[str, str]]) -> MediaType:
        type_, _, subtype = essence.partition("/")
        return MediaType(type_, subtype, pairs)

    return st.builds(made, media_type_names(), parameters)


@st.composite
def _spelled_media_type(draw: st.DrawFn) -> str:
    value = draw(media_types())
    spaces = st.sampled_from(["", " ", "  ", "\t", " \t"])
    text = value.essence
    if draw(st.booleans()):
        text = "".join(c.upper() if draw(st.booleans()) else c for c in text)  # names are case-insensitive
    for key, parameter in value.parameters:
        quoted = '"' + parameter.replace("\\", "\\\\").replace('"', '\\"') + '"'
        plain = parameter and all(c in _TCHAR for c in parameter)
        written = parameter if plain and draw(st.booleans()) else quoted
        text += f"{draw(spaces)};{draw(spaces)}{key}={written}"
    return text


def media_type_texts() -> st.SearchStrategy[str]:
    """Valid media type text as a Content-Type carries it (RFC 9110 §8.3.1): any case, optional white
    space around ``;``, parameter values bare when they are tokens or quoted with escapes."""
    return _spelled_media_type()


def near_media_type_texts() -> st.SearchStrategy[str]:
    """Text near the media type grammar (see :func:`near_digest_texts` for what a mutation is)."""
    return _mutated(media_type_texts(), _TCHAR + '/;=" \t\\')


def media_type_infos() -> st.SearchStrategy[MediaTypeInfo]:
    """What :data:`~oci_core.mediatypes.KNOWN` says of a media type, and any other valid combination."""
    built = st.builds(
        MediaTypeInfo,
        st.sampled_from(get_args(Role)),
        st.sampled_from(get_args(Family)),
        distributable=st.booleans(),
        compression=st.sampled_from([None, "gzip", "zstd"]),
        deprecated=st.booleans(),
    )
    return st.sampled_from([_media.KNOWN[name] for name in sorted(_media.KNOWN)]) | built


# -- references (distribution/reference's grammar, as oci_core.reference's docstring gives it) ----------


def _alphanumerics(max_size: int = 6) -> st.SearchStrategy[str]:
    return st.text(_LOWER_ALNUM, min_size=1, max_size=max_size)


def _separators() -> st.SearchStrategy[str]:
    return st.sampled_from([".", "_", "__"]) | st.integers(1, 3).map(lambda n: "-" * n)


@st.composite
def _path_component(draw: st.DrawFn, *, with_underscore: bool = False) -> str:
    parts = [draw(_alphanumerics())]
    for _ in range(draw(st.integers(0, 3))):
        parts += [draw(_separators()), draw(_alphanumerics())]
    if with_underscore and "_" not in "".join(parts):
        parts += ["_", draw(_alphanumerics())]
    return "".join(parts)


@st.composite
def _path(draw: st.DrawFn, domainless: bool) -> str:
    count = draw(st.integers(1, 4))
    components = [draw(_path_component(with_underscore=domainless and count > 1))]
    components += [draw(_path_component()) for _ in range(count - 1)]
    path = "/".join(components)
    if len(path) > MAX_PATH_LENGTH:
        path = path[:MAX_PATH_LENGTH].rstrip("._-/")
        if domainless and "/" in path and "_" not in path.partition("/")[0]:
            path = path.partition("/")[0]
    return path or "a"


def paths(*, domainless: bool = False) -> st.SearchStrategy[str]:
    """``path := path-component ["/" path-component]*``, at most 255 characters, where
    ``path-component := alpha-numeric [separator alpha-numeric]*``, ``alpha-numeric := /[a-z0-9]+/``
    and ``separator := /[_.]|__|[-]+/``.

    With ``domainless=True``, the first component of a path of several has an
    ``_`` in it, so that the path cannot be read as ``domain "/" path``.
    """
    return _path(domainless)


def _domain_components() -> st.SearchStrategy[str]:
    edge = st.sampled_from(_ALNUM)
    return edge | st.tuples(edge, st.text(_ALNUM + "-", max_size=6), edge).map("".join)


def _ipv6_hosts() -> st.SearchStrategy[str]:
    # Upstream's grammar leaves out the dotted spellings of IPv4-mapped
    # addresses (::ffff:1.2.3.4), which Python 3.13's ipaddress writes.
    spelled = st.ip_addresses(v=6).flatmap(lambda a: st.sampled_from([a.compressed, a.exploded]))
    return spelled.filter(lambda text: "." not in text).map(lambda text: f"[{text}]")


def _hosts() -> st.SearchStrategy[str]:
    names = st.lists(_domain_components(), min_size=1, max_size=4).map(".".join)
    return names | st.ip_addresses(v=4).map(str) | _ipv6_hosts() | st.just("localhost")


@st.composite
def _domain(draw: st.DrawFn) -> str:
    host = draw(_hosts())
    if draw(st.booleans()):
        host += ":" + str(draw(st.integers(0, 65535)))
    return host if len(host) <= MAX_DOMAIN_LENGTH else "localhost"


def domains() -> st.SearchStrategy[str]:
    """``domain := host [":" port-number]``, at most 255 characters, where ``host := domain-name |
    IPv4address | "[" IPv6address "]"``, ``domain-name := domain-component ["." domain-component]*``
    and ``domain-component := /([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])/``."""
    return _domain()


def tags() -> st.SearchStrategy[str]:
    """``tag := /[\\w][\\w.-]{0,127}/`` (``\\w`` in ASCII: letters, digits and ``_``)."""
    return st.tuples(st.sampled_from(_WORD), st.text(_WORD + ".-", max_size=127)).map("".join)


@st.composite
def _reference(draw: st.DrawFn) -> Reference:
    domain = draw(st.none() | domains())
    path = draw(paths(domainless=domain is None))
    tag = draw(st.none() | tags())
    digest = draw(st.none() | digests())
    return Reference(domain, path, tag, digest)


def references() -> st.SearchStrategy[Reference]:
    """``reference := name [":" tag] ["@" digest]`` with ``name := [domain "/"] path`` as
    :class:`~oci_core.reference.Reference` values (see :func:`domains`, :func:`paths`, :func:`tags`);
    ``parse_reference(str(ref)) == ref``."""
    return _reference()


def reference_texts() -> st.SearchStrategy[str]:
    """The text of a valid reference (``str`` of :func:`references`)."""
    return references().map(str)


def near_reference_texts() -> st.SearchStrategy[str]:
    """Text near the reference grammar (see :func:`near_digest_texts` for what a mutation is)."""
    return _mutated(reference_texts(), _LOWER_ALNUM + "ABC-._/:@[]")


# -- go-containerregistry's name view -------------------------------------------------------------------

def _ggcr_registry() -> st.SearchStrategy[str]:
    # A first component that ggcr reads as a registry: it holds "." or ":", or is "localhost".
    return _domain().filter(lambda text: "." in text or ":" in text or text == "localhost")


@st.composite
def _ggcr_name(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 3)) == 0:  # a Docker Hub name: the registry and library/ filled in
        return draw(_path(domainless=True))
    return draw(_ggcr_registry()) + "/" + draw(_path(domainless=False))


def name_registries() -> st.SearchStrategy[Registry]:
    """:class:`~oci_core.name.Registry` values, as ``new_registry`` reads a registry of the reference
    grammar (``index.docker.io`` for Docker Hub's names), secure or ``insecure``."""

    def made(text: str, insecure: bool) -> Registry:
        return new_registry(text, insecure=insecure)

    names = _ggcr_registry() | st.sampled_from(["docker.io", "index.docker.io", "gcr.io"])
    return st.builds(made, names, st.booleans())


def name_repositories() -> st.SearchStrategy[NameRepository]:
    """:class:`~oci_core.name.Repository` values: ``new_repository`` of ``registry "/" path`` or of a
    Docker Hub name (``ubuntu`` is ``index.docker.io/library/ubuntu``)."""
    return _ggcr_name().map(new_repository)


def name_tags() -> st.SearchStrategy[Tag]:
    """:class:`~oci_core.name.Tag` values: ``new_tag`` of a repository, with a tag or the default one."""

    def made(name: str, tag: str | None) -> Tag:
        return new_tag(name if tag is None else f"{name}:{tag}")

    return st.builds(made, _ggcr_name(), st.none() | tags())


def name_digest_references() -> st.SearchStrategy[DigestReference]:
    """:class:`~oci_core.name.DigestReference` values: ``new_digest_reference`` of
    ``repository [":" tag] "@" digest``."""

    def made(name: str, tag: str | None, digest: Digest) -> DigestReference:
        return new_digest_reference(f"{name}{'' if tag is None else ':' + tag}@{digest}")

    return st.builds(made, _ggcr_name(), st.none() | tags(), digests(algorithms=["sha256", "sha512"]))


# -- platforms ------------------------------------------------------------------------------------------

_OS_NAMES: Final = sorted(KNOWN_OSES | set(OS_ALIASES) | {"Linux", "WINDOWS", "macOS"})
_ARCH_NAMES: Final = sorted(KNOWN_ARCHES | set(ARCH_ALIASES) | {"AArch64", "X86_64", "ARMHF", "i686"})
_VARIANTS: Final = sorted(
    {v for aliases in VARIANT_ALIASES.values() for v in aliases}
    | {v for variants in PLAIN_VARIANTS.values() for v in variants}
    | {"V8", "v9.6", "v8.10", "v10", "v+3", "v-1", "v03", "9.4", "8.12"}
)


def _platform_word(chars: st.SearchStrategy[str], names: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(names) | st.text(chars, min_size=1, max_size=12)


def platforms(*, features: bool = True) -> st.SearchStrategy[Platform]:
    """Any :class:`~oci_core.platform.Platform` (image-index.md, "platform"): known names in the
    spellings users write, and any text JSON can carry (no lone surrogate, no noncharacter) in every
    field. ``features=False`` leaves ``features`` empty, as image-spec's own platform objects are
    (only a Docker manifest list's carry it)."""
    text = json_text(max_size=24)
    return st.builds(
        Platform,
        os=st.sampled_from(_OS_NAMES) | text,
        architecture=st.sampled_from(_ARCH_NAMES) | text,
        variant=st.sampled_from(_VARIANTS) | text,
        os_version=text,
        os_features=_sized(st.lists(text, max_size=4)),
        features=_sized(st.lists(text, max_size=4)) if features else st.just(()),
    )


def _os_chars() -> st.SearchStrategy[str]:
    return st.characters(codec="ascii", categories=["Lu", "Ll", "Nd"]) | st.sampled_from("_-")


def _component_chars() -> st.SearchStrategy[str]:
    return _os_chars() | st.just(".")


def _option_chars() -> st.SearchStrategy[str]:
    # The grammar's own characters and the five that FormatAll percent-encodes upstream.
    return _component_chars() | st.sampled_from("%+()/")


def specifier_platforms() -> st.SearchStrategy[Platform]:
    """Platforms that a containerd specifier writes (``format_platform_all``) and reads back:
    ``os`` of ``[A-Za-z0-9_-]+``, ``architecture`` and ``variant`` of ``[A-Za-z0-9_.-]+``, any
    OS version and features (percent-encoded in the text)."""
    text = json_text(max_size=24)
    return st.builds(
        Platform,
        os=_platform_word(_os_chars(), _OS_NAMES),
        architecture=_platform_word(_component_chars(), _ARCH_NAMES),
        variant=st.just("")
        | _platform_word(_component_chars(), [v for v in _VARIANTS if re.fullmatch(COMPONENT_PATTERN, v)]),
        os_version=st.just("") | st.text(_option_chars(), max_size=12) | text,
        os_features=_sized(st.lists(st.text(_option_chars(), min_size=1, max_size=8) | text.filter(bool), max_size=3)),
    )


def ggcr_platforms() -> st.SearchStrategy[Platform]:
    """Platforms that go-containerregistry's ``os/arch/variant:osversion`` form writes and reads back
    (``format_platform_ggcr``, ``parse_platform_ggcr``): no ``/`` or ``:`` in a field, no white space
    at its ends."""
    chars = st.characters(
        exclude_characters=["/", ":", *_NONCHARACTERS], exclude_categories=["Cs", "Zs", "Zl", "Zp", "Cc"]
    )
    field = st.text(chars, max_size=12)
    nonempty = field.filter(bool)
    return st.one_of(
        st.builds(Platform, os=nonempty, architecture=st.just(""), os_version=field),
        st.builds(Platform, os=nonempty, architecture=nonempty, variant=field, os_version=field),
    )


def host_platforms() -> st.SearchStrategy[Platform]:
    """Platforms of real hosts: known names mostly, sometimes with a Windows build or OS features."""
    return st.builds(
        Platform,
        os=st.sampled_from(["linux", "windows", "darwin", "freebsd", "Linux"]),
        architecture=st.sampled_from(["amd64", "arm64", "arm", "386", "x86_64", "aarch64", "ppc64le"]),
        variant=st.sampled_from(["", "v2", "v3", "v5", "v6", "v7", "v8", "v8.2", "v9", "v9.3"]),
        os_version=st.sampled_from(["", "10.0.17763", "10.0.20348.3091", "10.0.26100"]),
        os_features=_sized(st.lists(st.sampled_from(["win32k", "gpu", "a"]), max_size=2)),
    )


def platform_specifiers() -> st.SearchStrategy[str]:
    """Valid containerd specifiers (``os[(version+features)]/arch[/variant]``), as
    ``format_platform_all`` writes :func:`specifier_platforms` and as users write them."""
    written = specifier_platforms().map(str)
    common = st.sampled_from([
        "linux", "amd64", "arm64", "linux/amd64", "linux/arm64/v8", "windows(10.0.17763)/amd64", "LINUX/X86_64",
        "darwin/arm64", "linux/arm/v7", "windows(10.0.20348+win32k)/amd64",
    ])  # fmt: skip
    return written | common


def near_platform_specifiers() -> st.SearchStrategy[str]:
    """Specifier-like text: pieces of specifiers and near misses, valid or not."""
    pieces = st.sampled_from(_OS_NAMES + _ARCH_NAMES + _VARIANTS + ["", "(", ")", "+", "%", "%2B", "*", "/", " "])
    return st.one_of(
        _mutated(platform_specifiers(), string.ascii_letters + string.digits + "/()+%._-"),
        st.lists(pieces, max_size=6).map("".join),
        st.lists(st.text(_option_chars() | st.sampled_from("* \n"), max_size=8), min_size=1, max_size=5).map("/".join),
    )


def platform_json_objects() -> st.SearchStrategy[object]:
    """Platform JSON objects as ``json.loads`` gives them, right and wrong (members of the wrong JSON
    type, unknown members), and other JSON values: what ``Platform.from_json_object`` may be handed."""
    strings = json_text(max_size=24) | json_values()
    string_lists = st.lists(json_text(max_size=24), max_size=3) | st.lists(json_values(), max_size=2) | json_values()
    objects = st.fixed_dictionaries(
        {},
        optional={
            "architecture": strings,
            "os": strings,
            "variant": strings,
            "os.version": strings,
            "os.features": string_lists,
            "features": string_lists,
            "extra": json_values(),
        },
    )
    return objects | json_values()


def matchers() -> st.SearchStrategy[Matcher]:
    """Platform matchers of every kind: ``only``, ``only_strict``, ``only_os``, ``ordered``,
    ``any_platform``, ``all_platforms`` and the default matcher of a host (Windows ones included)."""
    some = _sized(st.lists(host_platforms(), min_size=1, max_size=3))
    windows = host_platforms().map(
        lambda p: Platform("windows", p.architecture, os_version=p.os_version or "10.0.17763")
    )
    return st.one_of(
        st.builds(OnlyMatcher, host_platforms()),
        st.builds(OnlyOSMatcher, host_platforms()),
        st.builds(WindowsMatcher, windows),
        st.builds(OrderedMatcher, some),
        st.builds(AnyMatcher, some),
        st.just(all_platforms),
        host_platforms().map(default_matcher),
    )


# -- JSON and the documents -------------------------------------------------------------------------------


def json_text(*, min_size: int = 0, max_size: int = 12) -> st.SearchStrategy[str]:
    """Text a strict JSON document may carry (I-JSON, RFC 7493 §2.1), and so any value here that is
    written as JSON or as a specifier: any code point but lone surrogates and the 66 noncharacters."""
    characters = st.characters(exclude_categories=["Cs"], exclude_characters=_NONCHARACTERS)
    return st.text(characters, min_size=min_size, max_size=max_size)


def json_values(*, max_leaves: int = 12) -> st.SearchStrategy[object]:
    """Any JSON value as ``json.loads`` gives it (``None``, ``bool``, ``int``, finite ``float``,
    :func:`json_text`, lists and ``str``-keyed dicts of them): what a reader of parsed JSON may be handed."""
    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | json_text()
    return st.recursive(
        scalars,
        lambda children: st.lists(children, max_size=4) | st.dictionaries(json_text(), children, max_size=4),
        max_leaves=max_leaves,
    )


def frozen_maps(
    keys: st.SearchStrategy[str] | None = None, values: st.SearchStrategy[str] | None = None, *, max_size: int = 3
) -> st.SearchStrategy[FrozenMap[str, str]]:
    """:class:`~oci_core.descriptor.FrozenMap` values, by default annotation maps (``str`` to ``str``,
    :func:`json_text` both)."""
    return st.dictionaries(keys or json_text(), values or json_text(), max_size=max_size).map(FrozenMap)


def _descriptor_urls() -> st.SearchStrategy[str]:
    return st.from_regex(
        r"[a-z][a-z0-9+.-]{0,6}://[a-z0-9.-]{1,12}(?:/[A-Za-z0-9._~/-]{0,12}(?:%[0-9A-F]{2})?)?", fullmatch=True
    )


Place = Literal["descriptor", "oci", "docker", "docker-list"]


@st.composite
def _descriptor(draw: st.DrawFn, platform: bool | None, place: Place) -> Descriptor:
    docker = place in ("docker", "docker-list")
    media_type = draw(media_type_names())
    if not docker and draw(st.booleans()):
        content = draw(st.binary(max_size=8))
        base = describe(content, media_type, embed=True, algorithm=draw(st.sampled_from(["sha256", "sha512"])))
        digest, size, data = base.digest, base.size, base.data
    else:
        digest, size, data = draw(digests(unregistered=True)), draw(st.integers(0, 2**63 - 1)), None
    with_platform = draw(st.booleans()) if platform is None else platform
    return Descriptor(
        media_type,
        digest,
        size,
        urls=tuple(draw(st.lists(_descriptor_urls(), max_size=2))),
        annotations=draw(frozen_maps()),
        data=data,
        platform=draw(platforms(features=place in ("descriptor", "docker-list"))) if with_platform else None,
        artifact_type=None if docker else draw(st.none() | media_type_names()),
    )


def descriptors(*, platform: bool | None = None, place: Place = "descriptor") -> st.SearchStrategy[Descriptor]:
    """Valid descriptors (image-spec descriptor.md) for ``place``: ``"descriptor"`` (standalone),
    ``"oci"`` (inside an OCI manifest or index), ``"docker"`` (inside a Docker schema2 manifest:
    distribution's ``Descriptor``, no ``data`` or ``artifactType``) or ``"docker-list"`` (an entry of
    a Docker manifest list).

    Embedded ``data`` matches the digest and size; other digests may be of
    unregistered algorithms. ``platform=True`` forces a platform, ``False``
    none; a platform has ``features`` only standalone or in a Docker list.
    ``parse_descriptor(d.to_json()) == d``.
    """
    return _descriptor(platform, place)


@st.composite
def _image_manifest(draw: st.DrawFn, docker: bool | None) -> ImageManifest:
    if docker if docker is not None else draw(st.booleans()):
        return ImageManifest(
            config=draw(descriptors(place="docker")),
            layers=tuple(draw(st.lists(descriptors(place="docker"), max_size=3))),
            media_type=_media.DOCKER_MANIFEST_SCHEMA2,
        )
    config = draw(st.just(EMPTY_JSON) | descriptors(place="oci"))
    empty = config.media_type == _media.OCI_EMPTY_JSON
    return ImageManifest(
        config=config,
        layers=tuple(draw(st.lists(descriptors(place="oci"), min_size=1, max_size=3))),
        artifact_type=draw(media_type_names() if empty else st.none() | media_type_names()),
        subject=draw(st.none() | descriptors(place="oci")),
        annotations=draw(frozen_maps()),
        omit_media_type=draw(st.booleans()),
    )


Format = Literal["oci", "docker"]


def image_manifests(*, format: Format | None = None) -> st.SearchStrategy[ImageManifest]:
    """Image manifests: OCI (image-spec manifest.md, any optional member, ``mediaType`` present or
    left out) and Docker schema2 (distribution's ``schema2.Manifest``); ``format`` picks one.
    ``parse_image_manifest(m.to_json()) == m``."""
    return _image_manifest(None if format is None else format == "docker")


@st.composite
def _image_index(draw: st.DrawFn, docker: bool | None) -> ImageIndex:
    if docker if docker is not None else draw(st.booleans()):
        entries = st.lists(descriptors(platform=True, place="docker-list"), max_size=3)
        return ImageIndex(manifests=tuple(draw(entries)), media_type=_media.DOCKER_MANIFEST_LIST)
    return ImageIndex(
        manifests=tuple(draw(st.lists(descriptors(place="oci"), max_size=3))),
        artifact_type=draw(st.none() | media_type_names()),
        subject=draw(st.none() | descriptors(place="oci")),
        annotations=draw(frozen_maps()),
        omit_media_type=draw(st.booleans()),
    )


def image_indexes(*, format: Format | None = None) -> st.SearchStrategy[ImageIndex]:
    """Image indexes: OCI (image-index.md) and Docker manifest lists (``manifestlist.ManifestList``,
    every entry with a platform); ``format`` picks one. ``parse_image_index(i.to_json()) == i``."""
    return _image_index(None if format is None else format == "docker")


def manifests(*, format: Format | None = None) -> st.SearchStrategy[ImageManifest | ImageIndex]:
    """What ``parse_manifest`` returns: :func:`image_manifests` and :func:`image_indexes`."""
    either: st.SearchStrategy[ImageManifest | ImageIndex] = image_manifests(format=format) | image_indexes(
        format=format
    )
    return either


# Descriptor members in the order each writer puts them: image-spec's Go
# struct (v1.Descriptor), and distribution's (distribution.Descriptor:
# size before digest), which Docker, skopeo and buildah write.
_DESCRIPTOR_ORDERS: Final = (
    ("mediaType", "digest", "size", "urls", "annotations", "data", "platform", "artifactType"),
    ("mediaType", "size", "digest", "urls", "annotations", "platform", "data", "artifactType"),
)


def _reordered(document: dict[str, object], order: tuple[str, ...]) -> dict[str, object]:
    def descriptor(value: object) -> object:
        members = cast("dict[str, object]", value)
        known = {key: members[key] for key in order if key in members}
        return known | {key: item for key, item in members.items() if key not in known}

    result = dict(document)
    for key in ("config", "subject"):
        if key in result:
            result[key] = descriptor(result[key])
    for key in ("layers", "manifests"):
        if key in result:
            result[key] = [descriptor(item) for item in cast("list[object]", result[key])]
    return result


@st.composite
def _manifest_bytes(draw: st.DrawFn, documents: st.SearchStrategy[ImageManifest | ImageIndex]) -> bytes:
    document = draw(documents)
    indent = draw(st.sampled_from([None, None, "   ", "  ", "\t"]))
    if draw(st.booleans()):  # the format's own writer, compact or as Go's MarshalIndent
        raw = document.to_json(indent=indent)
    else:  # the other writer's member order, through another JSON encoder
        order = draw(st.sampled_from(_DESCRIPTOR_ORDERS))
        obj = _reordered(cast("dict[str, object]", json.loads(document.to_json())), order)
        ascii_only = draw(st.booleans())
        separators = (",", ":") if indent is None else (",", ": ")
        raw = json.dumps(obj, indent=indent, separators=separators, ensure_ascii=ascii_only).encode()
    return raw + draw(st.sampled_from([b"", b"", b"\n"]))


def manifest_bytes(
    documents: st.SearchStrategy[ImageManifest | ImageIndex] | None = None,
) -> st.SearchStrategy[bytes]:
    """Raw manifests and indexes that ``parse_manifest`` accepts, as registries serve them.

    Each is a document of ``documents`` (:func:`manifests` by default) written
    compact or indented (Go's ``MarshalIndent`` with three spaces, as
    distribution writes, two spaces or a tab), by the format's own writer or
    in the other writer's descriptor member order (``size`` before ``digest``
    as Docker writes, or after it as image-spec's Go types write), with
    non-ASCII text escaped or not, and sometimes a final newline.
    ``parse_manifest(raw)`` equals the document it was written from.
    """
    return _manifest_bytes(documents if documents is not None else manifests())


@st.composite
def _rfc3339(draw: st.DrawFn) -> str:
    year = draw(st.integers(0, 9999))
    month = draw(st.integers(1, 12))
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    day = draw(st.integers(1, days))
    clock = f"{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}:{draw(st.integers(0, 59)):02d}"
    fraction = draw(st.just("") | st.text(string.digits, min_size=1, max_size=12).map(lambda d: "." + d))
    sign = draw(st.sampled_from(["Z", "+", "-"]))
    offset = "Z" if sign == "Z" else f"{sign}{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"
    return f"{year:04d}-{month:02d}-{day:02d}T{clock}{fraction}{offset}"


def rfc3339_timestamps() -> st.SearchStrategy[str]:
    """RFC 3339 ``date-time`` text as Go's ``time.Time`` reads it (config.md's ``created``):
    ``YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)``, real calendar days."""
    return _rfc3339()


def _strings() -> st.SearchStrategy[tuple[str, ...]]:
    return _sized(st.lists(json_text(), max_size=3))


def health_configs() -> st.SearchStrategy[HealthConfig]:
    """Docker's ``Healthcheck`` member: a test command and durations in nanoseconds."""
    return st.builds(
        HealthConfig,
        test=_strings(),
        interval=st.integers(0, 2**63 - 1),
        timeout=st.integers(0, 2**40),
        start_period=st.integers(0, 2**40),
        start_interval=st.integers(0, 2**40),
        retries=st.integers(0, 10),
    )


def container_configs() -> st.SearchStrategy[ContainerConfig]:
    """config.md's ``config`` member, Docker's extensions included; ``Env`` entries are ``name=value``."""
    names = json_text(min_size=1, max_size=8).filter(lambda n: "=" not in n and "\n" not in n)
    env = st.tuples(names, json_text().filter(lambda v: "\n" not in v)).map("=".join)
    sets = st.frozensets(json_text(), max_size=3)
    return st.builds(
        ContainerConfig,
        user=json_text(),
        exposed_ports=sets,
        env=_sized(st.lists(env, max_size=3)),
        entrypoint=_strings(),
        cmd=_strings(),
        volumes=sets,
        working_dir=json_text(),
        labels=frozen_maps(),
        stop_signal=json_text(),
        args_escaped=st.booleans(),
        healthcheck=st.none() | health_configs(),
        on_build=_strings(),
        shell=_strings(),
    )


def histories() -> st.SearchStrategy[History]:
    """config.md's ``history`` entries."""
    return st.builds(
        History,
        created=st.none() | rfc3339_timestamps(),
        created_by=json_text(),
        author=json_text(),
        comment=json_text(),
        empty_layer=st.booleans(),
    )


def root_filesystems() -> st.SearchStrategy[RootFS]:
    """config.md's ``rootfs``: ``type`` ``layers`` and the layers' diffIDs."""
    return st.builds(RootFS, _sized(st.lists(digests(), max_size=3)))


def image_configs() -> st.SearchStrategy[ImageConfig]:
    """Image configurations (image-spec config.md), Docker's extensions included;
    ``parse_image_config(c.raw) == c``."""
    return st.builds(
        ImageConfig,
        architecture=json_text(),
        os=json_text(),
        rootfs=root_filesystems(),
        created=st.none() | rfc3339_timestamps(),
        author=json_text(),
        os_version=json_text(),
        os_features=_strings(),
        variant=json_text(),
        config=container_configs(),
        history=_sized(st.lists(histories(), max_size=3)),
    )


# -- layout, partial, layerdigest -------------------------------------------------------------------------


def image_layouts() -> st.SearchStrategy[ImageLayout]:
    """The ``oci-layout`` file's content (image-layout.md): version 1.0.0, the only one there is."""
    return st.just(ImageLayout())


def ref_names() -> st.SearchStrategy[str]:
    """``org.opencontainers.image.ref.name`` values (annotations.md): ``ref ::= component ("/"
    component)*``, ``component ::= alphanum (separator alphanum)*``, ``alphanum ::= [A-Za-z0-9]+``,
    ``separator ::= [-._:@+] | "--"``."""
    component = st.from_regex(r"[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+){0,3}", fullmatch=True)
    return st.lists(component, min_size=1, max_size=4).map("/".join)


@st.composite
def _layout_index(draw: st.DrawFn) -> ImageIndex:
    entries: list[Descriptor] = []
    for entry in draw(st.lists(descriptors(place="oci"), max_size=4)):
        if draw(st.booleans()):
            entry = Descriptor(entry.media_type, entry.digest, entry.size, entry.urls,
                               FrozenMap({**entry.annotations, REF_NAME: draw(ref_names())}), entry.data,
                               entry.platform, entry.artifact_type)  # fmt: skip
        entries.append(entry)
    return ImageIndex(manifests=tuple(entries), annotations=draw(frozen_maps()), omit_media_type=draw(st.booleans()))


def layout_indexes() -> st.SearchStrategy[ImageIndex]:
    """A layout's ``index.json`` (image-layout.md, "index.json file"): an OCI image index whose entries
    may carry ``org.opencontainers.image.ref.name``; ``layout.parse_index(i.to_json()) == i``."""
    return _layout_index()


def blob_checks() -> st.SearchStrategy[BlobCheck]:
    """Entries of a layout's verify plan: a descriptor, its role, and a layer's diffID."""
    return st.builds(BlobCheck, descriptors(place="oci"), st.sampled_from(ROLES), st.none() | digests())


def layer_digests() -> st.SearchStrategy[LayerDigests]:
    """What reading an uncompressed layer gives (``compute_layer_digests``): its digests and sizes agree."""
    layer_types = st.sampled_from([_media.OCI_LAYER, _media.DOCKER_LAYER_UNCOMPRESSED])

    def read(data: bytes, media_type: str, algorithm: str) -> LayerDigests:
        return compute_layer_digests(data, media_type, algorithm=algorithm)

    # Docker's uncompressed type is sniffed (layerdigest reads gzip or zstd behind it): plain bytes never
    # start with a compression magic, or they would be a (truncated) compressed layer.
    plain = st.binary(max_size=64).filter(lambda data: not data.startswith((b"\x1f\x8b", b"\x28\xb5\x2f\xfd")))
    return st.builds(read, plain, layer_types, st.sampled_from(["sha256", "sha512"]))


def image_layers() -> st.SearchStrategy[ImageLayer]:
    """A layer of an image (``partial.image_layers``): its manifest descriptor and its config's diffID."""
    return st.builds(ImageLayer, descriptors(place="oci"), digests())


# -- http ---------------------------------------------------------------------------------------------


def header_names() -> st.SearchStrategy[str]:
    """Header field names (RFC 9110 §5.1: ``token``), the registry API's own among them."""
    common = st.sampled_from([
        "Accept", "Authorization", "Content-Type", "Content-Length", "Location", "Range", "Docker-Content-Digest",
        "WWW-Authenticate", "Link", "OCI-Subject", "Retry-After",
    ])  # fmt: skip
    return common | st.text(_TCHAR, min_size=1, max_size=16)


def header_values() -> st.SearchStrategy[str]:
    """Header field values (RFC 9110 §5.5) as :class:`~oci_core.http.Headers` keeps them: any text
    but the control characters (HTAB excepted) that could split a request."""
    controls = [chr(c) for c in (*range(0x09), *range(0x0A, 0x20), 0x7F)]
    return st.text(st.characters(exclude_categories=["Cs"], exclude_characters=controls), max_size=24)


def headers() -> st.SearchStrategy[Headers]:
    """:class:`~oci_core.http.Headers`: ordered fields, repeated names (in any case) included."""
    return st.lists(st.tuples(header_names(), header_values()), max_size=6).map(Headers)


def _url_hosts() -> st.SearchStrategy[str]:
    names = st.lists(st.text(_LOWER_ALNUM, min_size=1, max_size=8), min_size=1, max_size=3).map(".".join)
    return names | st.ip_addresses(v=4).map(str) | _ipv6_hosts() | st.sampled_from(["localhost", "Registry.Example"])


@st.composite
def _url(draw: st.DrawFn, with_path: bool) -> str:
    scheme = draw(st.sampled_from(["https", "http", "HTTPS"]))
    authority = draw(_url_hosts())
    if draw(st.booleans()):
        authority += f":{draw(st.integers(1, 65535))}"
    if not with_path:
        return f"{scheme}://{authority}"
    segment = st.text(_ALNUM + "-._~!$&'()*+,;=:@", max_size=8) | st.just("%2F")
    path = "".join("/" + part for part in draw(st.lists(segment, max_size=4)))
    if draw(st.booleans()):
        path += "?" + draw(st.text(_ALNUM + "-._~=&%/:", max_size=12))
    return f"{scheme}://{authority}{path}"


def urls() -> st.SearchStrategy[str]:
    """Absolute ``http``/``https`` URLs as requests carry them (RFC 3986): visible ASCII, a host (a
    name, IPv4, or IPv6 in brackets), an optional port from 1 to 65535, a path and a query; no userinfo."""
    return _url(with_path=True)


def origins() -> st.SearchStrategy[Origin]:
    """:class:`~oci_core.http.Origin` values (RFC 6454): ``origin(url)`` of :func:`urls`."""
    return urls().map(origin)


_METHODS: Final = ("GET", "HEAD", "PUT", "POST", "PATCH", "DELETE")


@st.composite
def _request(draw: st.DrawFn) -> Request:
    body = draw(st.none() | st.binary(max_size=16))
    streamed = body is None and draw(st.booleans())
    return Request(
        draw(st.sampled_from(_METHODS) | st.text(_TCHAR, min_size=1, max_size=8)),
        draw(urls()),
        draw(headers()),
        body,
        body_length=draw(st.integers(0, 2**40)) if streamed else None,
        scopes=draw(st.lists(scope_texts(), max_size=2)),
        redirects=draw(st.integers(0, 10)),
    )


def requests() -> st.SearchStrategy[Request]:
    """:class:`~oci_core.http.Request` values: a method token, an absolute URL, header fields, a body
    (or a streamed body's length), auth scopes and a redirect count."""
    return _request()


def responses() -> st.SearchStrategy[Response]:
    """:class:`~oci_core.http.Response` values: a status from 100 to 599, header fields, a body, and the
    URL fetched (``""`` for the request's)."""
    return st.builds(Response, st.integers(100, 599), headers(), st.binary(max_size=32), st.just("") | urls())


# -- registry and upload ---------------------------------------------------------------------------------


@st.composite
def _registry_root(draw: st.DrawFn) -> str:
    root = draw(_url(with_path=False))
    if draw(st.integers(0, 4)) == 0:  # a registry behind a path prefix
        root += "/" + draw(st.text(_LOWER_ALNUM, min_size=1, max_size=6))
    return root


def registry_repositories() -> st.SearchStrategy[Repository]:
    """:class:`~oci_core.registry.Repository` values: a registry's root URL
    (``scheme://host[:port][/prefix]``) and a repository name (distribution-spec ``<name>``)."""
    return st.builds(Repository, _registry_root(), paths())


@st.composite
def _route(draw: st.DrawFn) -> Route:
    name = draw(paths())
    reference = draw(tags() | digest_texts())
    path = draw(
        st.sampled_from([
            "/v2/", "/v2/_catalog", f"/v2/{name}/manifests/{reference}", f"/v2/{name}/tags/list",
            f"/v2/{name}/blobs/{draw(digest_texts())}", f"/v2/{name}/blobs/uploads/",
            f"/v2/{name}/blobs/uploads/{draw(st.text(_ALNUM + '_.=-', min_size=1, max_size=12))}",
            f"/v2/{name}/referrers/{draw(digest_texts())}",
        ])
    )  # fmt: skip
    route = match_route(path)
    if route is None:  # pragma: no cover - every path above is a route
        raise AssertionError(f"{path} is not a route")
    return route


def routes() -> st.SearchStrategy[Route]:
    """:class:`~oci_core.registry.Route` values, as ``match_route`` reads the v2 API's paths
    (distribution's router: base, catalog, manifests, tags, blobs, uploads, referrers)."""
    return _route()


def _link_tokens() -> st.SearchStrategy[str]:
    return st.text(_TCHAR, min_size=1, max_size=8)


def links() -> st.SearchStrategy[Link]:
    """RFC 8288 links as ``parse_link`` gives them: a target, lower-case ``rel`` values, and other
    parameters (lower-case names, values of visible ASCII and spaces)."""
    rel = _sized(st.lists(_link_tokens().map(str.lower), max_size=2))
    names = _link_tokens().map(str.lower).filter(lambda name: name != "rel")
    values = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=10)
    target = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E, exclude_characters=">"), max_size=24)
    return st.builds(Link, target | urls(), rel, _sized(st.lists(st.tuples(names, values), max_size=2)))


def _link_text(link: Link) -> str:
    params = [f'rel="{" ".join(link.rel)}"'] if link.rel else []
    params += [f'{name}="' + value.replace("\\", "\\\\").replace('"', '\\"') + '"' for name, value in link.params]
    return "; ".join([f"<{link.target}>", *params])


def link_header_texts(links_: st.SearchStrategy[Link] | None = None) -> st.SearchStrategy[str]:
    """``Link`` header values (RFC 8288 §3): one or more of :func:`links` (or ``links_``), written as
    ``<target>; rel="next"; name="value"`` and joined with ``", "``; ``parse_link`` reads them back."""
    return st.lists(links_ or links(), min_size=1, max_size=3).map(lambda found: ", ".join(map(_link_text, found)))


def rate_limits() -> st.SearchStrategy[RateLimit]:
    """What rate-limit headers say (Docker Hub's ``RateLimit-*``): counts and seconds, each maybe absent."""
    count = st.none() | st.integers(0, 10**6)
    return st.builds(RateLimit, count, count, count, count)


def error_codes() -> st.SearchStrategy[ErrorCode]:
    """The error codes of distribution-spec ("Error Codes") and of distribution
    (:data:`~oci_core.registry.ERROR_CODES`)."""
    return st.sampled_from([ERROR_CODES[code] for code in sorted(ERROR_CODES)])


def _frozen_json() -> st.SearchStrategy[object]:
    scalars = st.none() | st.booleans() | st.integers() | json_text()
    return st.recursive(
        scalars,
        lambda children: _sized(st.lists(children, max_size=3))
        | st.dictionaries(json_text(), children, max_size=3).map(FrozenMap),
        max_leaves=6,
    )


def error_details() -> st.SearchStrategy[ErrorDetail]:
    """Entries of a registry's ``{"errors": [...]}`` body: a code, a message, and any JSON ``detail``
    (objects as read-only mappings, arrays as tuples, as ``read_error`` gives them)."""
    codes = st.sampled_from(sorted(ERROR_CODES)) | st.text(string.ascii_uppercase + "_", min_size=1, max_size=12)
    return st.builds(ErrorDetail, codes, json_text(), _frozen_json())


def api_checks() -> st.SearchStrategy[ApiCheck]:
    """What ``GET /v2/`` answered (end-1): authorised or challenged, the challenges, the API version."""

    def answered(authorized: bool, challenged: tuple[str, ...], version: str | None) -> ApiCheck:
        return ApiCheck(authorized, 200 if authorized else 401, () if authorized else challenged, version)

    challenged = _sized(st.lists(challenge_texts(), min_size=1, max_size=2))
    return st.builds(answered, st.booleans(), challenged, st.sampled_from([None, "registry/2.0"]))


def manifest_heads() -> st.SearchStrategy[ManifestHead]:
    """What a manifest ``HEAD`` answered: a digest, a media type and a size, each maybe absent."""
    return st.builds(ManifestHead, st.none() | digests(), st.none() | media_type_names(),
                     st.none() | st.integers(0, 2**22))  # fmt: skip


def manifest_puts() -> st.SearchStrategy[ManifestPut]:
    """What a manifest ``PUT`` answered: the stored digest, its ``Location`` and ``OCI-Subject``."""
    return st.builds(ManifestPut, st.none() | digests(), st.none() | urls(), st.none() | digests())


def manifest_responses() -> st.SearchStrategy[ManifestResponse]:
    """Manifests as received and verified: the bytes (:func:`manifest_bytes`), their sha256 digest and
    their media type; ``.parse()`` reads them back."""

    def received(raw: bytes) -> ManifestResponse:
        from .digest import compute_digest
        from .manifest import parse_manifest

        return ManifestResponse(raw, compute_digest(raw), parse_manifest(raw).media_type)

    return manifest_bytes().map(received)


def blob_heads() -> st.SearchStrategy[BlobHead]:
    """What a blob ``HEAD`` answered: its size and digest, each maybe absent."""
    return st.builds(BlobHead, st.none() | st.integers(0, 2**40), st.none() | digests())


@st.composite
def _blob_stream(draw: st.DrawFn) -> BlobStream:
    size = draw(st.integers(0, 2**40))
    offset = draw(st.integers(0, size))
    verifier = DigestVerifier(draw(digests(algorithms=["sha256", "sha512"])), size)
    length = draw(st.none() | st.integers(0, size - offset))
    return BlobStream(verifier, draw(st.sampled_from([0, offset])), offset, length)


def blob_streams() -> st.SearchStrategy[BlobStream]:
    """How to read a vetted blob body: a fresh verifier, the bytes to skip, the offset and the length.
    (A running hash: compared by identity, not by value.)"""
    return _blob_stream()


def _next_urls() -> st.SearchStrategy[str | None]:
    return st.none() | urls()


def tag_lists() -> st.SearchStrategy[Tags]:
    """A page of a tags list (end-8): the repository name, its tags and the next page's URL."""
    return st.builds(Tags, paths(), _sized(st.lists(tags(), max_size=4)), _next_urls())


def catalogs() -> st.SearchStrategy[Catalog]:
    """A page of the catalog (``/v2/_catalog``): repository names and the next page's URL."""
    return st.builds(Catalog, _sized(st.lists(paths(), max_size=4)), _next_urls())


@st.composite
def _referrers(draw: st.DrawFn) -> Referrers:
    found = tuple(draw(st.lists(descriptors(place="oci", platform=False), max_size=3)))
    if draw(st.booleans()):  # the fallback answer: no API, nothing found
        return Referrers((), fallback=True)
    index = draw(st.none() | st.just(ImageIndex(manifests=found)))
    return Referrers(found, filtered_by_registry=draw(st.booleans()), next_url=draw(_next_urls()), index=index)


def referrers() -> st.SearchStrategy[Referrers]:
    """The referrers of a manifest (end-12, or the fallback tag's index)."""
    return _referrers()


@st.composite
def _listing(draw: st.DrawFn) -> Listing:
    repo = draw(registry_repositories())
    n = draw(st.none() | st.integers(1, 1000))
    request = list_tags(repo, n=n) if draw(st.booleans()) else list_catalog(repo.root, n=n)
    return Listing.start(request, max_pages=draw(st.integers(1, 2000)))


def listings() -> st.SearchStrategy[Listing]:
    """Paginated listings (tags or catalog) at their start, as ``Listing.start`` makes them."""
    return _listing()


@st.composite
def _upload(draw: st.DrawFn) -> Upload:
    repo = draw(registry_repositories())
    blob = describe(draw(st.binary(max_size=32)), "application/octet-stream")
    how = draw(st.sampled_from(["post", "single-post", "mount", "mount-from"]))
    return Upload.start(
        repo,
        blob,
        chunk_size=draw(st.none() | st.integers(1, 16)),
        mount_from=draw(paths()) if how == "mount-from" else None,
        mount=how == "mount",
        single_post=how == "single-post",
        headers=draw(st.lists(st.tuples(st.sampled_from(["User-Agent", "X-Trace"]), header_values()), max_size=2)),
    )


def uploads() -> st.SearchStrategy[Upload]:
    """Blob uploads (distribution-spec, "Pushing blobs") at their first step, as ``Upload.start``
    makes them: monolithic or chunked, plain, single-POST or mounted from another repository."""
    return _upload()


# -- auth and credentials --------------------------------------------------------------------------------


def _auth_params() -> st.SearchStrategy[tuple[tuple[str, str], ...]]:
    names = st.text(_TCHAR, min_size=1, max_size=10).map(str.lower)
    controls = [chr(c) for c in (*range(0x09), *range(0x0A, 0x20), 0x7F)]
    values = st.text(st.characters(exclude_categories=["Cs"], exclude_characters=controls), max_size=20)
    return _sized(st.lists(st.tuples(names, values), max_size=4))


@st.composite
def _challenge(draw: st.DrawFn) -> Challenge:
    scheme = draw(st.sampled_from(["bearer", "basic"]) | st.text(_TCHAR, min_size=1, max_size=10).map(str.lower))
    if draw(st.integers(0, 3)) == 0:
        return Challenge(scheme, token68=draw(st.from_regex(r"[A-Za-z0-9._~+/-]{1,10}=*", fullmatch=True)))
    return Challenge(scheme, draw(_auth_params()))


def challenges() -> st.SearchStrategy[Challenge]:
    """Authentication challenges (RFC 9110 §11.6.1): a lower-case scheme and its parameters
    (lower-case names, any sendable values) or a ``token68``."""
    return _challenge()


def challenge_texts() -> st.SearchStrategy[str]:
    """``WWW-Authenticate`` values: one or more :func:`challenges`, as ``format_challenges`` writes
    them; ``parse_www_authenticate`` reads them back."""
    return st.lists(challenges(), min_size=1, max_size=3).map(format_challenges)


def _actions() -> st.SearchStrategy[list[str]]:
    action = st.sampled_from(["pull", "push", "delete", "*", "metadata_read"]) | st.text(
        st.characters(min_codepoint=0x21, max_codepoint=0x7E, exclude_characters=","), min_size=1, max_size=6
    )
    return st.lists(action, min_size=1, max_size=4)


@st.composite
def _scope_text(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 5)) == 0:  # an opaque scope (ECR Public's "aws", Gitea's "*")
        return draw(st.sampled_from(["aws", "*", "invalid"]) | st.text(st.characters(min_codepoint=0x21,
                                     max_codepoint=0x7E, exclude_characters=":"), min_size=1, max_size=8))  # fmt: skip
    kind = draw(st.sampled_from(["repository", "registry", "repository(plugin)"]))
    name = "catalog" if kind == "registry" else draw(st.one_of(paths(), domains().map(lambda d: d + "/a")))
    return f"{kind}:{name}:{','.join(draw(_actions()))}"


def scope_texts() -> st.SearchStrategy[str]:
    """Token scopes as challenges and token requests spell them (distribution's docs/spec/auth/scope.md):
    ``resourcetype ":" resourcename ":" action ["," action]*``, actions in any order and repeated,
    and opaque scopes. ``parse_scope`` reads each."""
    return _scope_text()


def scopes() -> st.SearchStrategy[Scope]:
    """:class:`~oci_core.auth.Scope` values: ``parse_scope`` of :func:`scope_texts` (actions sorted and
    unique); ``parse_scope(str(scope)) == scope``."""
    return scope_texts().map(parse_scope)


def _sendable(min_size: int = 0) -> st.SearchStrategy[str]:
    controls = [chr(c) for c in (*range(0x09), *range(0x0A, 0x20), 0x7F)]
    return st.text(st.characters(exclude_categories=["Cs"], exclude_characters=controls), min_size=min_size,
                   max_size=16)  # fmt: skip


def _visible(min_size: int = 1) -> st.SearchStrategy[str]:
    return st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=min_size, max_size=24)


def credentials() -> st.SearchStrategy[Credentials]:
    """Credentials of every kind: anonymous, Basic (a user name without ``:``), an identity token
    (OAuth2 refresh token) and a registry token; none holds a control character."""
    either: st.SearchStrategy[Credentials] = st.one_of(
        st.just(ANONYMOUS),
        st.builds(Basic, _sendable().filter(lambda name: ":" not in name), _sendable()),
        st.builds(IdentityToken, _sendable(min_size=1), username=_sendable()),
        st.builds(RegistryToken, _visible()),
    )
    return either


@st.composite
def _token(draw: st.DrawFn) -> Token:
    issued = draw(st.floats(0, 2e9, allow_nan=False))
    lifetime = draw(st.integers(60, 86400))
    return Token(
        draw(_visible()),
        expires_at=issued + lifetime,
        issued_at=issued,
        scopes=tuple(draw(st.lists(scopes(), max_size=2))),
        refresh_token=draw(st.none() | _visible()),
        granted=draw(st.none() | st.lists(scope_texts(), max_size=2).map(" ".join)),
        realm=draw(st.just("") | urls()),
        service=draw(st.none() | st.text(_LOWER_ALNUM + ".-", min_size=1, max_size=12)),
    )


def tokens() -> st.SearchStrategy[Token]:
    """Bearer tokens as ``read_token_response`` gives them: visible ASCII, a lifetime of at least 60
    seconds from when they were issued, the scopes asked for, and where they came from."""
    return _token()


def realm_policies() -> st.SearchStrategy[RealmPolicy]:
    """Realm policies without a hook: trusted origins as ``origin_of`` writes them."""
    from .auth import origin_of

    return st.frozensets(_url(with_path=False).map(origin_of), max_size=2).map(lambda trusted: RealmPolicy(trusted))


@st.composite
def _session(draw: st.DrawFn) -> Session:
    return Session(
        draw(_url(with_path=False)),
        credentials=draw(credentials()),
        policy=draw(realm_policies()),
        client_id=draw(st.text(_LOWER_ALNUM + "-", min_size=1, max_size=10)),
        oauth2=draw(st.booleans()),
        offline_token=draw(st.booleans()),
        follow_redirects=draw(st.booleans()),
    )


def sessions() -> st.SearchStrategy[Session]:
    """Auth sessions with a registry (``http(s)://host[:port]``) before their first request: any
    credentials, realm policy and token-request options."""
    return _session()


def session_steps() -> st.SearchStrategy[Step]:
    """What a session step says to do: send a request, done (with the final response), or failed
    (with the error, an ``OCIError``)."""

    def failure(which: int) -> OCIError:  # a new error each time: an exception is not a value
        if which == 0:
            return RemoteProtocolError("the registry broke the protocol")
        if which == 1:
            return NotFoundError("manifest unknown", status=404)
        return InvalidHeaderError("a header field name must be an RFC 9110 token")

    failures = st.integers(0, 2).map(failure)
    either: st.SearchStrategy[Step] = st.one_of(
        st.builds(Send, requests(), st.booleans()),
        st.builds(Done, requests(), responses()),
        st.builds(Failed, requests(), failures, st.none() | responses()),
    )
    return either


def helper_calls() -> st.SearchStrategy[HelperCall]:
    """Credential helper runs (docker-credential-helpers' protocol): ``get``, ``store``, ``erase`` and
    ``list``, as ``helper_get`` and its siblings make them."""
    helper = st.sampled_from(["desktop", "osxkeychain", "pass", "secretservice", "ecr-login", "gcloud"])
    server = st.sampled_from(["https://index.docker.io/v1/", "ghcr.io", "localhost:5000"]) | domains()
    stored = st.builds(Basic, _sendable().filter(lambda name: ":" not in name), _sendable()) | st.builds(
        IdentityToken, _sendable(min_size=1)
    )
    return st.one_of(
        st.builds(helper_get, helper, server),
        st.builds(helper_erase, helper, server),
        st.builds(helper_list, helper),
        st.builds(helper_store, helper, server, stored),
    )


def credential_files() -> st.SearchStrategy[CredentialFile]:
    """Credential files to read: Docker's ``config.json`` (and podman's ``auth.json``) or a legacy ``.dockercfg``."""
    path = st.sampled_from(["/home/u/.docker/config.json", "/run/user/1000/containers/auth.json",
                            "C:\\Users\\u\\.docker\\config.json", "/home/u/.dockercfg"])  # fmt: skip
    return st.builds(CredentialFile, path, st.sampled_from(["docker", "dockercfg"]))


@st.composite
def _docker_config(draw: st.DrawFn) -> bytes:
    import base64

    keys = st.sampled_from(["docker.io", "https://index.docker.io/v1/", "ghcr.io", "quay.io/org", "localhost:5000"])
    entries: dict[str, object] = {}
    for key in draw(st.lists(keys | domains(), max_size=3, unique=True)):
        user = draw(_sendable(min_size=1).filter(lambda name: ":" not in name))  # docker refuses an empty user
        kind = draw(st.sampled_from(["auth", "fields", "identitytoken", "registrytoken"]))
        if kind == "auth":
            entries[key] = {"auth": base64.b64encode(f"{user}:{draw(_sendable())}".encode()).decode()}
        elif kind == "fields":
            entries[key] = {"username": user, "password": draw(_sendable())}
        elif kind == "identitytoken":
            entries[key] = {"username": user, "identitytoken": draw(_sendable(min_size=1))}
        else:
            entries[key] = {"registrytoken": draw(_visible())}
    document: dict[str, object] = {"auths": entries}
    helper = st.sampled_from(["desktop", "osxkeychain", "pass", "ecr-login"])
    if draw(st.booleans()):
        document["credsStore"] = draw(helper)
    if draw(st.booleans()):
        document["credHelpers"] = draw(st.dictionaries(keys, helper, max_size=2))
    return json.dumps(document, indent=draw(st.sampled_from([None, "\t"]))).encode()


def docker_configs() -> st.SearchStrategy[bytes]:
    """Docker ``config.json`` (and podman ``auth.json``) contents: ``auths`` entries of every kind
    (``auth`` base64, user name and password, identity token, registry token), ``credsStore`` and
    ``credHelpers``; ``resolve_credentials`` answers each."""
    return _docker_config()


# -- models ------------------------------------------------------------------------------------------

# The byte orders of a GGUF file (version 3 allows either; version 2 is little-endian only).
_ByteOrder = Literal["little", "big"]

_GGUF_INT_RANGES: Final = {
    GGUFValueType.UINT8: (0, 2**8 - 1), GGUFValueType.INT8: (-(2**7), 2**7 - 1),
    GGUFValueType.UINT16: (0, 2**16 - 1), GGUFValueType.INT16: (-(2**15), 2**15 - 1),
    GGUFValueType.UINT32: (0, 2**32 - 1), GGUFValueType.INT32: (-(2**31), 2**31 - 1),
    GGUFValueType.UINT64: (0, 2**64 - 1), GGUFValueType.INT64: (-(2**63), 2**63 - 1),
}  # fmt: skip
_GGUF_SCALAR_TYPES: Final = tuple(kind for kind in GGUFValueType if kind is not GGUFValueType.ARRAY)


def _model_strings() -> st.SearchStrategy[tuple[str, ...]]:
    return _sized(st.lists(json_text(), max_size=3))


def _model_maps() -> st.SearchStrategy[FrozenMap[str, str]]:
    return st.dictionaries(json_text(), json_text(), max_size=3).map(FrozenMap)


def _model_times() -> st.SearchStrategy[str | None]:
    return st.none() | rfc3339_timestamps()


def _model_diff_ids() -> st.SearchStrategy[tuple[Digest, ...]]:
    return _sized(st.lists(digests(), max_size=3))


def docker_model_config_parts() -> st.SearchStrategy[DockerModelConfig]:
    """The ``config`` member of a Docker model config (docker/model-runner ``types.Config``): any
    format, quantization, parameters, architecture and size text, ``gguf``/``safetensors``/``diffusers``
    string maps, and a context size that fits an int32, or none."""
    return st.builds(
        DockerModelConfig,
        format=json_text(),
        quantization=json_text(),
        parameters=json_text(),
        architecture=json_text(),
        size=json_text(),
        gguf=_model_maps(),
        safetensors=_model_maps(),
        diffusers=_model_maps(),
        context_size=st.none() | st.integers(-(2**31), 2**31 - 1),
    )


def docker_model_descriptors() -> st.SearchStrategy[DockerModelDescriptor]:
    """The ``descriptor`` member of a Docker model config: an RFC 3339 ``created`` time, or none."""
    return st.builds(DockerModelDescriptor, created=_model_times())


def docker_model_root_filesystems() -> st.SearchStrategy[DockerModelRootFS]:
    """The ``rootfs`` member of a Docker model config: up to three diff IDs and any ``type`` text."""
    return st.builds(DockerModelRootFS, diff_ids=_model_diff_ids(), type=json_text())


def docker_model_configs() -> st.SearchStrategy[DockerModelConfigFile]:
    """Docker model config files (``application/vnd.docker.ai.model.config.v0.1+json``) with any
    member set or not; ``raw`` is what ``parse_docker_model_config`` reads back as the same value."""
    return st.builds(
        DockerModelConfigFile,
        config=docker_model_config_parts(),
        descriptor=docker_model_descriptors(),
        rootfs=docker_model_root_filesystems(),
    )


def modelpack_capabilities() -> st.SearchStrategy[ModelPackCapabilities]:
    """model-spec ``ModelCapabilities``: input and output types, a knowledge cutoff time, the three
    flags set, unset or absent, and languages (not necessarily valid under the schema)."""
    flags = st.none() | st.booleans()
    return st.builds(
        ModelPackCapabilities,
        input_types=_model_strings(),
        output_types=_model_strings(),
        knowledge_cutoff=_model_times(),
        reasoning=flags,
        tool_usage=flags,
        reward=flags,
        languages=_model_strings(),
    )


def modelpack_descriptors() -> st.SearchStrategy[ModelPackDescriptor]:
    """model-spec ``ModelDescriptor``: any text in each member, a ``createdAt`` time or none."""
    return st.builds(
        ModelPackDescriptor,
        created_at=_model_times(),
        authors=_model_strings(),
        family=json_text(),
        name=json_text(),
        doc_url=json_text(),
        source_url=json_text(),
        datasets_url=_model_strings(),
        version=json_text(),
        revision=json_text(),
        vendor=json_text(),
        licenses=_model_strings(),
        title=json_text(),
        description=json_text(),
    )


def modelpack_model_configs() -> st.SearchStrategy[ModelPackModelConfig]:
    """model-spec ``ModelConfig``: architecture, format, parameter size, precision, quantization and
    capabilities, each set or not."""
    return st.builds(
        ModelPackModelConfig,
        architecture=json_text(),
        format=json_text(),
        param_size=json_text(),
        precision=json_text(),
        quantization=json_text(),
        capabilities=st.none() | modelpack_capabilities(),
    )


def modelpack_filesystems() -> st.SearchStrategy[ModelPackFS]:
    """model-spec ``ModelFS``: any ``type`` text and up to three diff IDs."""
    return st.builds(ModelPackFS, type=json_text(), diff_ids=_model_diff_ids())


def modelpack_configs() -> st.SearchStrategy[ModelPackConfig]:
    """ModelPack configs (``application/vnd.cncf.model.config.v1+json``) with any member set or not
    (not necessarily valid under model-spec's schema); ``raw`` reads back as the same value."""
    return st.builds(
        ModelPackConfig,
        descriptor=modelpack_descriptors(),
        modelfs=modelpack_filesystems(),
        config=modelpack_model_configs(),
    )


def file_metadata() -> st.SearchStrategy[FileMetadata]:
    """File metadata annotation values (model-spec ``org.cncf.model.file.metadata+json``, Go's
    ``tar.Header`` subset): any name, unsigned 32-bit mode, uid and gid, a size below 2**63, an RFC 3339
    modification time and a one-byte type flag."""
    return st.builds(
        FileMetadata,
        name=json_text(),
        mode=st.integers(0, 2**32 - 1),
        uid=st.integers(0, 2**32 - 1),
        gid=st.integers(0, 2**32 - 1),
        size=st.integers(0, 2**63 - 1),
        mtime=rfc3339_timestamps(),
        typeflag=st.integers(0, 255),
    )


def _gguf_text() -> st.SearchStrategy[str]:
    return st.text(st.characters(exclude_categories=["Cs"]), max_size=10)


def _gguf_scalars(kind: GGUFValueType) -> st.SearchStrategy[int | float | bool | str]:
    limits = _GGUF_INT_RANGES.get(kind)
    if limits is not None:
        return st.integers(*limits)
    if kind is GGUFValueType.FLOAT32:
        return st.floats(width=32, allow_nan=False)
    if kind is GGUFValueType.FLOAT64:
        return st.floats(allow_nan=False)
    if kind is GGUFValueType.BOOL:
        return st.booleans()
    return _gguf_text()


@st.composite
def _gguf_array(draw: st.DrawFn, byte_order: _ByteOrder) -> GGUFArray:
    element = draw(st.sampled_from(_GGUF_SCALAR_TYPES))
    return GGUFArray.of(element, draw(st.lists(_gguf_scalars(element), max_size=4)), byte_order)


def gguf_arrays(*, byte_order: _ByteOrder = "little") -> st.SearchStrategy[GGUFArray]:
    """GGUF arrays (gguf.md, ``GGUF_METADATA_VALUE_TYPE_ARRAY``): up to four elements of one scalar
    type, encoded in ``byte_order``."""
    return _gguf_array(byte_order)


@st.composite
def _gguf_value(draw: st.DrawFn, byte_order: _ByteOrder) -> GGUFValue:
    kind = draw(st.sampled_from(list(GGUFValueType)))
    if kind is GGUFValueType.ARRAY:
        return GGUFValue(kind, draw(gguf_arrays(byte_order=byte_order)))
    return GGUFValue(kind, draw(_gguf_scalars(kind)))


def gguf_values(*, byte_order: _ByteOrder = "little") -> st.SearchStrategy[GGUFValue]:
    """GGUF metadata values of every type (gguf.md, ``gguf_metadata_value_type``): integers in their
    type's range, finite floats (float32 ones exact in 32 bits), booleans, text, and arrays."""
    return _gguf_value(byte_order)


def ggml_types() -> st.SearchStrategy[GGMLType]:
    """The ggml tensor types GGUF files name (``GGML_TYPES``)."""
    return st.sampled_from(sorted(GGML_TYPES.values(), key=lambda kind: kind.id))


@st.composite
def _gguf_header(draw: st.DrawFn) -> GGUFHeader:
    version = draw(st.sampled_from([2, 3]))
    byte_order: _ByteOrder = draw(st.sampled_from(["little", "big"])) if version == 3 else "little"
    keys = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=12)
    metadata = draw(st.dictionaries(keys.filter(lambda key: key != "general.alignment"),
                                    gguf_values(byte_order=byte_order), max_size=5))  # fmt: skip
    alignment = draw(st.none() | st.sampled_from([8, 16, 32, 64]))
    if alignment is not None:
        metadata["general.alignment"] = GGUFValue(GGUFValueType.UINT32, alignment)
    step = alignment or GGUF_DEFAULT_ALIGNMENT
    names = draw(st.lists(st.text(st.characters(exclude_categories=["Cs"]), max_size=8), max_size=4, unique=True))
    tensors: list[GGUFTensorInfo] = []
    offset = 0
    for name in names:
        ggml = draw(ggml_types())
        rows = draw(st.integers(0, 3)) * ggml.block_size
        tensor = GGUFTensorInfo(name, (rows, *draw(st.lists(st.integers(0, 5), max_size=3))), ggml.id, offset)
        tensors.append(tensor)
        offset += -(-tensor.size // step) * step
    return GGUFHeader(version=version, metadata=FrozenMap(metadata), tensors=tuple(tensors), byte_order=byte_order)


def gguf_headers() -> st.SearchStrategy[GGUFHeader]:
    """GGUF file headers (gguf.md, versions 2 and 3): either byte order, metadata of every value type,
    an optional ``general.alignment``, and tensors laid out as ggml lays them (each at the next aligned
    offset); ``to_bytes()`` followed by ``data_size`` bytes parses back to the same header."""
    return _gguf_header()


def gguf_tensor_infos() -> st.SearchStrategy[GGUFTensorInfo]:
    """GGUF tensor infos: a name, up to four dimensions (the innermost a whole number of the type's
    blocks), a ggml type and an aligned offset."""
    return gguf_headers().filter(lambda header: bool(header.tensors)).flatmap(
        lambda header: st.sampled_from(header.tensors)
    )


@st.composite
def _safetensors_header(draw: st.DrawFn) -> SafetensorsHeader:
    names = draw(st.lists(st.text(max_size=8).filter(lambda n: n != "__metadata__"), max_size=4, unique=True))
    tensors: list[SafetensorsTensor] = []
    offset = 0
    for name in names:
        dtype = draw(st.sampled_from(sorted(SAFETENSORS_DTYPE_BITS)))
        bits = SAFETENSORS_DTYPE_BITS[dtype]
        shape = tuple(draw(st.lists(st.integers(0, 6), max_size=3)))
        count = 1
        for dimension in shape:
            count *= dimension
        if count * bits % 8:  # sub-byte types fill whole bytes
            shape, count = (*shape, 8), count * 8
        size = count * bits // 8
        tensors.append(SafetensorsTensor(name, dtype, shape, (offset, offset + size)))
        offset += size
    metadata = draw(st.dictionaries(json_text(), json_text(), max_size=3))
    return SafetensorsHeader(tensors=tuple(tensors), metadata=FrozenMap(metadata))


def safetensors_headers() -> st.SearchStrategy[SafetensorsHeader]:
    """safetensors headers (huggingface/safetensors' format): tensors of every dtype and any small
    shape, contiguous from byte 0, and a ``__metadata__`` string map; ``to_bytes()`` parses back."""
    return _safetensors_header()


def safetensors_tensors() -> st.SearchStrategy[SafetensorsTensor]:
    """safetensors tensor entries: a name, a dtype, a shape and the data offsets its size takes."""
    return safetensors_headers().filter(lambda header: bool(header.tensors)).flatmap(
        lambda header: st.sampled_from(header.tensors)
    )


# Directory and file names without dots or digits, so that no file ("x.N") is another layer's
# directory, and none a Windows device name.
_MODEL_TYPES: Final = (
    DOCKER_GGUF, DOCKER_SAFETENSORS, DOCKER_LICENSE, DOCKER_CHAT_TEMPLATE, DOCKER_MODEL_FILE,
    DOCKER_MULTIMODAL_PROJECTOR, MODELPACK_WEIGHT_RAW, MODELPACK_DOC_RAW, MODELPACK_WEIGHT_CONFIG_RAW,
)  # fmt: skip


def _model_path_component() -> st.SearchStrategy[str]:
    return st.from_regex(r"[A-Za-z_][A-Za-z_-]{0,7}", fullmatch=True).filter(
        lambda c: c.lower() not in {"con", "prn", "aux", "nul"}
    )


@st.composite
def _model_layers(draw: st.DrawFn) -> list[Descriptor]:
    layers: list[Descriptor] = []
    used: set[str] = set()
    for index in range(draw(st.integers(1, 4))):
        path = "/".join(draw(st.lists(_model_path_component(), min_size=1, max_size=3))) + f".{index}"
        if path.casefold() in used:
            continue
        used.add(path.casefold())
        content = draw(st.binary(max_size=16))
        media_type = draw(st.sampled_from(_MODEL_TYPES))
        layers.append(describe_file(content, media_type, path=path, mtime=draw(rfc3339_timestamps())))
    return layers


def model_layers() -> st.SearchStrategy[list[Descriptor]]:
    """One to four uncompressed model layers of both families (``describe_file``), each a file of its
    own relative path (no two equal ignoring case, none a Windows device name)."""
    return _model_layers()


@st.composite
def _built_model(draw: st.DrawFn, family: ModelFamily | None) -> BuiltModel:
    layers = draw(model_layers())
    chosen = family if family is not None else draw(st.sampled_from(list(ModelFamily)))
    created = draw(rfc3339_timestamps())
    if chosen is ModelFamily.MODELPACK:
        return build_modelpack_model(layers, created=created)
    details = DockerModelConfig(format=draw(st.sampled_from(["gguf", "safetensors"])))
    return build_docker_model(layers, details, created=created)


def built_models(*, family: ModelFamily | None = None) -> st.SearchStrategy[BuiltModel]:
    """Model artifacts as ``build_docker_model`` and ``build_modelpack_model`` write them, from
    :func:`model_layers`: the manifest's and config's bytes and their descriptors."""
    return _built_model(family)


def layer_infos() -> st.SearchStrategy[LayerInfo]:
    """What ``classify_layer`` says of a model layer drawn from :func:`model_layers`."""
    return model_layers().flatmap(st.sampled_from).map(classify_layer)


def model_layouts() -> st.SearchStrategy[ModelLayout]:
    """The files ``model_layout`` makes of a built model's manifest."""
    return built_models().map(lambda built: model_layout(built.parsed_manifest()))


def layer_files() -> st.SearchStrategy[LayerFile]:
    """One file of a :func:`model_layouts` layout: the layer, its path, what it is and its position."""
    return model_layouts().filter(lambda layout: bool(layout.files)).flatmap(
        lambda layout: st.sampled_from(layout.files)
    )


def model_summaries() -> st.SearchStrategy[ModelSummary]:
    """What ``summarize_model`` says of a built model of either family."""
    return built_models().map(lambda built: summarize_model(built.parsed_manifest(), built.config))


def model_file_summaries() -> st.SearchStrategy[ModelFileSummary]:
    """One file of a :func:`model_summaries` summary."""
    return model_summaries().filter(lambda summary: bool(summary.files)).flatmap(
        lambda summary: st.sampled_from(summary.files)
    )


def model_tarball_entries() -> st.SearchStrategy[TarballEntry]:
    """One entry the model tarball writer writes for a built model (``tarball_entries``)."""
    return built_models().map(lambda built: tarball_entries(built.parsed_manifest())).flatmap(st.sampled_from)


def model_tarball_members() -> st.SearchStrategy[TarballMember]:
    """What the model tarball reader makes of its entries (``tarball_member``): the manifest, or a blob
    and its digest (``blobs/<algorithm>/<encoded>``)."""
    blob = digests().map(lambda digest: f"blobs/{digest.algorithm}/{digest.encoded}")
    names = st.just(TARBALL_MANIFEST) | blob
    return names.map(lambda name: cast("TarballMember", tarball_member(name, regular_file=True)))


def _hf_part() -> st.SearchStrategy[str]:
    return st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9._-]{0,10}[A-Za-z0-9])?", fullmatch=True)


def hugging_face_references() -> st.SearchStrategy[HuggingFaceReference]:
    """Hugging Face model references (model-runner ``parseHFReference``): ``[namespace/]name`` of ASCII
    letters, digits, ``-``, ``_`` and ``.`` (not first or last), revision ``main``, and an OCI tag."""
    repository = st.lists(_hf_part(), min_size=1, max_size=2).map("/".join)
    return st.builds(HuggingFaceReference, repository, st.just("main"), tags())


# -- st.from_type --------------------------------------------------------------------------------------


def _frozen_map_for(thing: type) -> st.SearchStrategy[FrozenMap[object, object]]:
    arguments = get_args(thing)
    if len(arguments) == 2:
        keys, values = (st.from_type(argument) for argument in arguments)
        return st.dictionaries(keys, values, max_size=3).map(FrozenMap)
    return cast("st.SearchStrategy[FrozenMap[object, object]]", frozen_maps())


def _type_strategies() -> Mapping[type, st.SearchStrategy[object] | Callable[[type], st.SearchStrategy[object]]]:
    """Every public value type of the package, and the strategy ``st.from_type`` should use for it."""
    windows = host_platforms().map(lambda p: Platform("windows", p.architecture, os_version="10.0.17763"))
    some = _sized(st.lists(host_platforms(), min_size=1, max_size=3))
    return {
        Digest: digests(),
        Algorithm: algorithms(),
        DigestSet: digest_sets(),
        Digester: st.builds(Digester, st.sampled_from(["sha256", "sha384", "sha512"])),
        DigestVerifier: st.builds(DigestVerifier, digests(algorithms=["sha256", "sha512"]), st.none() | st.integers(0)),
        MediaType: media_types(),
        MediaTypeInfo: media_type_infos(),
        Reference: references(),
        Registry: name_registries(),
        NameRepository: name_repositories(),
        Tag: name_tags(),
        DigestReference: name_digest_references(),
        Platform: platforms(),
        Matcher: matchers(),
        AllMatcher: st.just(all_platforms),
        AnyMatcher: st.builds(AnyMatcher, some),
        OnlyMatcher: st.builds(OnlyMatcher, host_platforms()),
        OnlyOSMatcher: st.builds(OnlyOSMatcher, host_platforms()),
        OrderedMatcher: st.builds(OrderedMatcher, some),
        WindowsMatcher: st.builds(WindowsMatcher, windows),
        Descriptor: descriptors(),
        FrozenMap: _frozen_map_for,
        ImageManifest: image_manifests(),
        ImageIndex: image_indexes(),
        ImageConfig: image_configs(),
        ContainerConfig: container_configs(),
        HealthConfig: health_configs(),
        History: histories(),
        RootFS: root_filesystems(),
        ImageLayout: image_layouts(),
        BlobCheck: blob_checks(),
        LayerDigests: layer_digests(),
        LayerDigester: st.builds(LayerDigester, st.sampled_from([_media.OCI_LAYER, _media.OCI_LAYER_GZIP])),
        ImageLayer: image_layers(),
        Headers: headers(),
        Origin: origins(),
        Request: requests(),
        Response: responses(),
        Repository: registry_repositories(),
        Route: routes(),
        Link: links(),
        RateLimit: rate_limits(),
        ErrorCode: error_codes(),
        ErrorDetail: error_details(),
        ApiCheck: api_checks(),
        ManifestHead: manifest_heads(),
        ManifestPut: manifest_puts(),
        ManifestResponse: manifest_responses(),
        BlobHead: blob_heads(),
        BlobStream: blob_streams(),
        Tags: tag_lists(),
        Catalog: catalogs(),
        Referrers: referrers(),
        Listing: listings(),
        Upload: uploads(),
        Challenge: challenges(),
        Scope: scopes(),
        Anonymous: st.just(ANONYMOUS),
        Basic: credentials().filter(lambda c: isinstance(c, Basic)),
        IdentityToken: credentials().filter(lambda c: isinstance(c, IdentityToken)),
        RegistryToken: credentials().filter(lambda c: isinstance(c, RegistryToken)),
        Token: tokens(),
        RealmPolicy: realm_policies(),
        Session: sessions(),
        Send: session_steps().filter(lambda step: isinstance(step, Send)),
        Done: session_steps().filter(lambda step: isinstance(step, Done)),
        Failed: session_steps().filter(lambda step: isinstance(step, Failed)),
        HelperCall: helper_calls(),
        CredentialFile: credential_files(),
        DockerModelConfigFile: docker_model_configs(),
        DockerModelConfig: docker_model_config_parts(),
        DockerModelDescriptor: docker_model_descriptors(),
        DockerModelRootFS: docker_model_root_filesystems(),
        ModelPackConfig: modelpack_configs(),
        ModelPackCapabilities: modelpack_capabilities(),
        ModelPackDescriptor: modelpack_descriptors(),
        ModelPackModelConfig: modelpack_model_configs(),
        ModelPackFS: modelpack_filesystems(),
        FileMetadata: file_metadata(),
        GGMLType: ggml_types(),
        GGUFArray: gguf_arrays(),
        GGUFValue: gguf_values(),
        GGUFHeader: gguf_headers(),
        GGUFTensorInfo: gguf_tensor_infos(),
        SafetensorsHeader: safetensors_headers(),
        SafetensorsTensor: safetensors_tensors(),
        BuiltModel: built_models(),
        LayerInfo: layer_infos(),
        ModelLayout: model_layouts(),
        LayerFile: layer_files(),
        ModelSummary: model_summaries(),
        ModelFileSummary: model_file_summaries(),
        TarballEntry: model_tarball_entries(),
        TarballMember: model_tarball_members(),
        HuggingFaceReference: hugging_face_references(),
    }


def register_type_strategies() -> None:
    """Register a strategy for every public value type, so that ``st.from_type(T)`` draws valid values.

    It registers the strategies of this module (``st.from_type(Reference)``
    is :func:`references`, ``st.from_type(FrozenMap[str, int])`` maps drawn
    from the key and value types), replacing any registered before for the
    same types. An installed distribution has Hypothesis call it through
    the ``hypothesis`` entry point when Hypothesis is imported; a vendored
    copy calls it once (in a ``conftest.py``).

    >>> from hypothesis import strategies as st
    >>> from oci_core.platform import Platform
    >>> register_type_strategies()
    >>> isinstance(st.from_type(Platform), st.SearchStrategy)
    True
    """
    for cls, strategy in _type_strategies().items():
        st.register_type_strategy(cls, strategy)
