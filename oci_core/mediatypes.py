"""Media types: the OCI and Docker constants, parsing, and predicates.

Grammar (RFC 6838 §4.2 for the names, RFC 9110 §8.3.1 for parameters)::

    media-type      = type "/" subtype *( OWS ";" OWS [ parameter ] )
    type, subtype   = restricted-name
    restricted-name = ALPHA / DIGIT, then up to 126 of ALPHA / DIGIT / "!" / "#" / "$" / "&" / "-" / "^" / "_" / "." / "+"
    parameter       = token "=" ( token / quoted-string )
    OWS             = *( SP / HTAB )

Type, subtype and parameter names are case-insensitive and are kept in
lower case; a parameter may not be given twice (RFC 6838 §4.3). The subtype's
*suffix* is what follows its last ``+`` (``json`` in
``application/vnd.oci.image.manifest.v1+json``).

The constants are plain strings, spelled as image-spec ``media-types.md`` and
Docker's registry documentation spell them. The predicates take a string or a
:class:`MediaType`, ignore parameters and case, and answer ``False`` (or
``None``) for text that is not a media type at all. What each known type is,
is one table (:data:`KNOWN`), not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Literal

from .errors import InvalidMediaTypeError

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "DOCKER_CONFIG",
    "DOCKER_FOREIGN_LAYER",
    "DOCKER_FOREIGN_LAYER_UNCOMPRESSED",
    "DOCKER_LAYER",
    "DOCKER_LAYER_UNCOMPRESSED",
    "DOCKER_LAYER_ZSTD",
    "DOCKER_MANIFEST_LIST",
    "DOCKER_MANIFEST_SCHEMA1",
    "DOCKER_MANIFEST_SCHEMA1_SIGNED",
    "DOCKER_MANIFEST_SCHEMA2",
    "DOCKER_PLUGIN_CONFIG",
    "KNOWN",
    "MEDIA_TYPE_PATTERN",
    "OCI_ARTIFACT_MANIFEST",
    "OCI_DESCRIPTOR",
    "OCI_EMPTY_JSON",
    "OCI_IMAGE_CONFIG",
    "OCI_IMAGE_INDEX",
    "OCI_IMAGE_MANIFEST",
    "OCI_LAYER",
    "OCI_LAYER_GZIP",
    "OCI_LAYER_NONDISTRIBUTABLE",
    "OCI_LAYER_NONDISTRIBUTABLE_GZIP",
    "OCI_LAYER_NONDISTRIBUTABLE_ZSTD",
    "OCI_LAYER_ZSTD",
    "OCI_LAYOUT_HEADER",
    "Compression",
    "MediaType",
    "MediaTypeInfo",
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
    "is_media_type",
    "is_oci",
    "is_schema1",
    "oci_counterpart",
    "parse_media_type",
]

# -- OCI image-spec (media-types.md, specs-go/v1/mediatype.go) ----------------
OCI_DESCRIPTOR: Final = "application/vnd.oci.descriptor.v1+json"
OCI_LAYOUT_HEADER: Final = "application/vnd.oci.layout.header.v1+json"
OCI_IMAGE_INDEX: Final = "application/vnd.oci.image.index.v1+json"
OCI_IMAGE_MANIFEST: Final = "application/vnd.oci.image.manifest.v1+json"
OCI_IMAGE_CONFIG: Final = "application/vnd.oci.image.config.v1+json"
#: The empty JSON object ``{}`` (image-spec 1.1, manifest.md "Guidance for an Empty Descriptor").
OCI_EMPTY_JSON: Final = "application/vnd.oci.empty.v1+json"
OCI_LAYER: Final = "application/vnd.oci.image.layer.v1.tar"
OCI_LAYER_GZIP: Final = "application/vnd.oci.image.layer.v1.tar+gzip"
OCI_LAYER_ZSTD: Final = "application/vnd.oci.image.layer.v1.tar+zstd"
#: Deprecated by image-spec 1.1: non-distributable layers SHOULD NOT be made.
OCI_LAYER_NONDISTRIBUTABLE: Final = "application/vnd.oci.image.layer.nondistributable.v1.tar"
#: Deprecated by image-spec 1.1.
OCI_LAYER_NONDISTRIBUTABLE_GZIP: Final = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"
#: Deprecated by image-spec 1.1.
OCI_LAYER_NONDISTRIBUTABLE_ZSTD: Final = "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd"
#: The artifact manifest of image-spec 1.1 release candidates, removed before
#: 1.1.0 in favour of ``artifactType`` on the image manifest; some registries
#: and early ORAS releases still hold such documents.
OCI_ARTIFACT_MANIFEST: Final = "application/vnd.oci.artifact.manifest.v1+json"

# -- Docker (distribution's manifest/schema1, schema2, manifestlist) ---------
DOCKER_MANIFEST_SCHEMA1: Final = "application/vnd.docker.distribution.manifest.v1+json"
DOCKER_MANIFEST_SCHEMA1_SIGNED: Final = "application/vnd.docker.distribution.manifest.v1+prettyjws"
DOCKER_MANIFEST_SCHEMA2: Final = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_MANIFEST_LIST: Final = "application/vnd.docker.distribution.manifest.list.v2+json"
DOCKER_CONFIG: Final = "application/vnd.docker.container.image.v1+json"
DOCKER_PLUGIN_CONFIG: Final = "application/vnd.docker.plugin.v1+json"
DOCKER_LAYER: Final = "application/vnd.docker.image.rootfs.diff.tar.gzip"
DOCKER_LAYER_UNCOMPRESSED: Final = "application/vnd.docker.image.rootfs.diff.tar"
#: Written by BuildKit for zstd layers in Docker manifests (not in Docker's own spec).
DOCKER_LAYER_ZSTD: Final = "application/vnd.docker.image.rootfs.diff.tar.zstd"
DOCKER_FOREIGN_LAYER: Final = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"
DOCKER_FOREIGN_LAYER_UNCOMPRESSED: Final = "application/vnd.docker.image.rootfs.foreign.diff.tar"

_RESTRICTED_NAME: Final = r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}"
#: ``type "/" subtype`` without parameters (the image-spec schema's mediaType pattern), unanchored.
MEDIA_TYPE_PATTERN: Final = _RESTRICTED_NAME + "/" + _RESTRICTED_NAME

_ESSENCE = re.compile(f"({_RESTRICTED_NAME})/({_RESTRICTED_NAME})", re.ASCII)
_NAME = re.compile(_RESTRICTED_NAME, re.ASCII)
_NAME_CHAR = re.compile(r"[A-Za-z0-9!#$&^_.+-]", re.ASCII)
_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
# One "; name=value" step. qdtext and quoted-pair start with disjoint
# characters, so the quoted string cannot backtrack more than linearly.
_PARAMETER = re.compile(
    rf"""[ \t]*;[ \t]*(?:({_TOKEN})=(?:({_TOKEN})|"((?:[\t \x21\x23-\x5b\x5d-\x7e\x80-\xff]|\\[\t \x21-\x7e\x80-\xff])*)"))?""",
    re.ASCII,
)
_TRAILING_SPACE = re.compile(r"[ \t]*")
_TOKEN_ONLY = re.compile(_TOKEN, re.ASCII)
_QUOTED_PAIR = re.compile(r"\\(.)", re.DOTALL)

Compression = Literal["gzip", "zstd"]


@dataclass(frozen=True, slots=True)
class MediaType:
    """A parsed media type: ``type/subtype`` plus parameters.

    >>> mt = parse_media_type("application/vnd.oci.image.layer.v1.tar+gzip; foo=bar")
    >>> mt.essence, mt.suffix, mt.parameters
    ('application/vnd.oci.image.layer.v1.tar+gzip', 'gzip', (('foo', 'bar'),))

    Equality and hashing ignore the parameters, as matching does.
    """

    type: str
    subtype: str
    parameters: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @property
    def essence(self) -> str:
        """``type/subtype`` in lower case, without parameters."""
        return f"{self.type}/{self.subtype}"

    @property
    def suffix(self) -> str | None:
        """The structured-syntax suffix (RFC 6838 §4.2.8), or ``None``."""
        head, plus, tail = self.subtype.rpartition("+")
        return tail if plus and head and tail else None

    def parameter(self, name: str) -> str | None:
        """The value of the parameter ``name`` (case-insensitive), or ``None``."""
        wanted = name.lower()
        for key, value in self.parameters:
            if key == wanted:
                return value
        return None

    def __str__(self) -> str:
        parts = [self.essence]
        for key, value in self.parameters:
            parts.append(f"; {key}={value if _TOKEN_ONLY.fullmatch(value) else _quote(value)}")
        return "".join(parts)


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def parse_media_type(text: str) -> MediaType:
    """Parse a media type such as a manifest's ``mediaType`` or a Content-Type.

    >>> str(parse_media_type("Application/JSON;Charset=UTF-8"))
    'application/json; charset=UTF-8'

    :raises InvalidMediaTypeError: the text is not a media type.
    """
    if not isinstance(text, str):
        raise InvalidMediaTypeError(f"invalid media type: expected a string, got {type(text).__name__}")
    essence = _ESSENCE.match(text)
    if essence is None:
        raise InvalidMediaTypeError(
            "invalid media type: expected type/subtype of RFC 6838 restricted names", text=text, span=_bad_essence(text)
        )
    position = essence.end()
    if _NAME_CHAR.match(text, position) is not None:
        raise InvalidMediaTypeError(
            "invalid media type: type and subtype are at most 127 characters each", text=text, span=(position, position + 1)
        )
    parameters: list[tuple[str, str]] = []
    seen: set[str] = set()
    while position < len(text):
        step = _PARAMETER.match(text, position)
        if step is None:
            rest = _TRAILING_SPACE.match(text, position).end()  # type: ignore[union-attr]
            if rest == len(text):
                break
            raise InvalidMediaTypeError(
                "invalid media type: expected ';' and a parameter", text=text, span=(rest, rest + 1)
            )
        name, token, quoted = step.groups()
        if name is not None:
            key = name.lower()
            if key in seen:
                raise InvalidMediaTypeError(
                    f"invalid media type: parameter {key!r} is given twice", text=text, span=step.span(1)
                )
            seen.add(key)
            parameters.append((key, token if token is not None else _QUOTED_PAIR.sub(r"\1", quoted)))
        elif step.end() < len(text) and text[step.end()] not in " \t;":
            bad = step.end()
            raise InvalidMediaTypeError(
                "invalid media type: expected a parameter name=value", text=text, span=(bad, bad + 1)
            )
        position = step.end()
    return MediaType(essence.group(1).lower(), essence.group(2).lower(), tuple(parameters))


def _bad_essence(text: str) -> tuple[int, int]:
    slash = text.find("/")
    if slash <= 0:
        return (0, len(text)) if slash < 0 else (0, 1)
    first = _NAME.match(text)
    if first is None or first.end() < slash:
        bad = 0 if first is None else first.end()
        return (bad, bad + 1)
    second = _NAME.match(text, slash + 1)
    bad = slash + 1 if second is None else second.end()
    return (bad, min(bad + 1, len(text)))


def is_media_type(text: object) -> bool:
    """Whether ``text`` is a bare ``type/subtype`` (no parameters).

    This is the check descriptor.md's ``mediaType`` field needs: image-spec's
    schema pattern, RFC 6838 restricted names.

    >>> is_media_type(OCI_LAYER_GZIP), is_media_type("application/json; x=y")
    (True, False)
    """
    if type(text) is not str:
        return False
    return text in KNOWN or _ESSENCE.fullmatch(text) is not None


# -- what each known type is ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class MediaTypeInfo:
    """What a known media type is: its role, family, distributability and compression."""

    role: Literal["index", "image-manifest", "schema1-manifest", "artifact-manifest", "config", "layer", "other"]
    family: Literal["oci", "docker"]
    distributable: bool = True
    compression: Compression | None = None
    deprecated: bool = False


def _table() -> Mapping[str, MediaTypeInfo]:
    oci: Literal["oci"] = "oci"
    docker: Literal["docker"] = "docker"
    return MappingProxyType(
        {
            OCI_DESCRIPTOR: MediaTypeInfo("other", oci),
            OCI_LAYOUT_HEADER: MediaTypeInfo("other", oci),
            OCI_EMPTY_JSON: MediaTypeInfo("other", oci),
            OCI_IMAGE_INDEX: MediaTypeInfo("index", oci),
            OCI_IMAGE_MANIFEST: MediaTypeInfo("image-manifest", oci),
            OCI_ARTIFACT_MANIFEST: MediaTypeInfo("artifact-manifest", oci, deprecated=True),
            OCI_IMAGE_CONFIG: MediaTypeInfo("config", oci),
            OCI_LAYER: MediaTypeInfo("layer", oci),
            OCI_LAYER_GZIP: MediaTypeInfo("layer", oci, compression="gzip"),
            OCI_LAYER_ZSTD: MediaTypeInfo("layer", oci, compression="zstd"),
            OCI_LAYER_NONDISTRIBUTABLE: MediaTypeInfo("layer", oci, distributable=False, deprecated=True),
            OCI_LAYER_NONDISTRIBUTABLE_GZIP: MediaTypeInfo(
                "layer", oci, distributable=False, compression="gzip", deprecated=True
            ),
            OCI_LAYER_NONDISTRIBUTABLE_ZSTD: MediaTypeInfo(
                "layer", oci, distributable=False, compression="zstd", deprecated=True
            ),
            DOCKER_MANIFEST_SCHEMA1: MediaTypeInfo("schema1-manifest", docker, deprecated=True),
            DOCKER_MANIFEST_SCHEMA1_SIGNED: MediaTypeInfo("schema1-manifest", docker, deprecated=True),
            DOCKER_MANIFEST_SCHEMA2: MediaTypeInfo("image-manifest", docker),
            DOCKER_MANIFEST_LIST: MediaTypeInfo("index", docker),
            DOCKER_CONFIG: MediaTypeInfo("config", docker),
            DOCKER_PLUGIN_CONFIG: MediaTypeInfo("config", docker),
            DOCKER_LAYER: MediaTypeInfo("layer", docker, compression="gzip"),
            DOCKER_LAYER_UNCOMPRESSED: MediaTypeInfo("layer", docker),
            DOCKER_LAYER_ZSTD: MediaTypeInfo("layer", docker, compression="zstd"),
            DOCKER_FOREIGN_LAYER: MediaTypeInfo("layer", docker, distributable=False, compression="gzip"),
            DOCKER_FOREIGN_LAYER_UNCOMPRESSED: MediaTypeInfo("layer", docker, distributable=False),
        }
    )


#: Every media type this module names, and what it is.
KNOWN: Final[Mapping[str, MediaTypeInfo]] = _table()

# image-spec media-types.md, "Compatibility Matrix", and the conversions
# image-spec's backwards-compatibility tests make by plain substitution.
_DOCKER_TO_OCI: Final[Mapping[str, str]] = MappingProxyType(
    {
        DOCKER_MANIFEST_LIST: OCI_IMAGE_INDEX,
        DOCKER_MANIFEST_SCHEMA2: OCI_IMAGE_MANIFEST,
        DOCKER_CONFIG: OCI_IMAGE_CONFIG,
        DOCKER_LAYER: OCI_LAYER_GZIP,
        DOCKER_LAYER_UNCOMPRESSED: OCI_LAYER,
        DOCKER_LAYER_ZSTD: OCI_LAYER_ZSTD,
        DOCKER_FOREIGN_LAYER: OCI_LAYER_NONDISTRIBUTABLE_GZIP,
        DOCKER_FOREIGN_LAYER_UNCOMPRESSED: OCI_LAYER_NONDISTRIBUTABLE,
    }
)
_OCI_TO_DOCKER: Final[Mapping[str, str]] = MappingProxyType({oci: docker for docker, oci in _DOCKER_TO_OCI.items()})


def _essence_of(media_type: str | MediaType) -> str | None:
    if type(media_type) is str:
        if media_type in KNOWN:
            return media_type
        try:
            return parse_media_type(media_type).essence
        except InvalidMediaTypeError:
            return None
    if isinstance(media_type, MediaType):
        return media_type.essence
    return None


def info(media_type: str | MediaType) -> MediaTypeInfo | None:
    """What a known media type is, or ``None`` for one this module does not name.

    >>> info(OCI_LAYER_ZSTD).compression
    'zstd'
    """
    if type(media_type) is str:
        known = KNOWN.get(media_type)
        if known is not None:
            return known
    essence = _essence_of(media_type)
    return None if essence is None else KNOWN.get(essence)


def _role(media_type: str | MediaType) -> str | None:
    found = info(media_type)
    return None if found is None else found.role


def is_index(media_type: str | MediaType) -> bool:
    """An OCI image index or a Docker manifest list."""
    return _role(media_type) == "index"


def is_image_manifest(media_type: str | MediaType) -> bool:
    """An OCI image manifest or a Docker schema2 manifest (go-containerregistry ``IsImage``)."""
    return _role(media_type) == "image-manifest"


def is_manifest(media_type: str | MediaType) -> bool:
    """Anything a registry serves from ``/v2/<name>/manifests/``: image manifests,
    indexes, Docker schema1 and the withdrawn OCI artifact manifest."""
    return _role(media_type) in ("index", "image-manifest", "schema1-manifest", "artifact-manifest")


def is_config(media_type: str | MediaType) -> bool:
    """An image configuration: OCI, Docker, or Docker plugin.

    The empty descriptor's type (:data:`OCI_EMPTY_JSON`) is not a config: it
    stands in for one in artifacts.
    """
    return _role(media_type) == "config"


def is_layer(media_type: str | MediaType) -> bool:
    """A layer of a known OCI or Docker layer type, distributable or not."""
    return _role(media_type) == "layer"


def is_schema1(media_type: str | MediaType) -> bool:
    """A Docker schema1 manifest, signed or not (deprecated; oci_core refuses to parse them)."""
    return _role(media_type) == "schema1-manifest"


def is_distributable(media_type: str | MediaType) -> bool:
    """Whether blobs of this type may be pushed and pulled like any other.

    False only for non-distributable OCI layers and Docker foreign layers
    (go-containerregistry ``IsDistributable``); unknown types are distributable.
    """
    found = info(media_type)
    return True if found is None else found.distributable


def compression(media_type: str | MediaType) -> Compression | None:
    """The compression of a layer type: ``"gzip"``, ``"zstd"``, or ``None``.

    Known types answer from the table; others from their ``+gzip`` or
    ``+zstd`` suffix, so that artifact layer types answer too.

    >>> compression(DOCKER_LAYER), compression(OCI_LAYER), compression("application/x.foo+zstd")
    ('gzip', None, 'zstd')
    """
    found = info(media_type)
    if found is not None:
        return found.compression
    essence = _essence_of(media_type)
    if essence is None:
        return None
    if essence.endswith("+gzip"):
        return "gzip"
    if essence.endswith("+zstd"):
        return "zstd"
    return None


def is_oci(media_type: str | MediaType) -> bool:
    """A media type the OCI image spec defines."""
    found = info(media_type)
    return found is not None and found.family == "oci"


def is_docker(media_type: str | MediaType) -> bool:
    """A media type of Docker's image formats (schema1, schema2, manifest list, configs, layers)."""
    found = info(media_type)
    return found is not None and found.family == "docker"


def oci_counterpart(media_type: str | MediaType) -> str | None:
    """The OCI type a Docker type converts to (image-spec's compatibility matrix), or ``None``.

    >>> oci_counterpart(DOCKER_MANIFEST_LIST) == OCI_IMAGE_INDEX
    True
    """
    essence = _essence_of(media_type)
    return None if essence is None else _DOCKER_TO_OCI.get(essence)


def docker_counterpart(media_type: str | MediaType) -> str | None:
    """The Docker type an OCI type corresponds to, or ``None`` (the empty type has none)."""
    essence = _essence_of(media_type)
    return None if essence is None else _OCI_TO_DOCKER.get(essence)
