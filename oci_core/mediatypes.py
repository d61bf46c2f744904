"""Media types: the OCI and Docker constants, parsing, and predicates.

Grammar (RFC 6838 §4.2 for the names, RFC 9110 §8.3.1 for parameters)::

    media-type      = type "/" subtype *( OWS ";" OWS [ parameter ] )
    type, subtype   = restricted-name
    restricted-name = ALPHA / DIGIT, then up to 126 of
                      ALPHA / DIGIT / "!" / "#" / "$" / "&" / "-" / "^" / "_" / "." / "+"
    parameter       = token "=" ( token / quoted-string )
    quoted-string   = DQUOTE *( qdtext / quoted-pair ) DQUOTE
    OWS             = *( SP / HTAB )

Type, subtype and parameter names are case-insensitive and are kept in
lower case; a parameter may not be given twice (RFC 6838 §4.3), and at most
:data:`MAX_PARAMETERS` may be given (a bound of ours: no media type in use has
more than a handful, and it keeps a megabyte of ``;a1=b;a2=b…`` from costing
more than a glance). The subtype's *suffix* is what follows its last ``+``
(``json`` in ``application/vnd.oci.image.manifest.v1+json``).

Parsing reads each piece with one single-class scan or string search, so any
1 MB text is answered in a few milliseconds: runs of ``;`` and white space are
skipped in one step, and a quoted string's end is found by one search after
escaped backslashes and quotes have been masked out.

The constants are plain strings, spelled as image-spec ``media-types.md`` and
Docker's registry documentation spell them. The predicates take a string or a
:class:`MediaType` (anything else is a ``TypeError``), ignore parameters and
case, and answer ``False`` (or ``None``) for text that is not a media type at
all. What each known type is, is one table (:data:`KNOWN`), not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType

from ._grammar import exact_str
from ._values import layout_twin, publish
from .errors import InvalidMediaTypeError

TYPE_CHECKING = False  # typing takes 3.5 ms to import: its names are for the checkers only

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from typing import Final, Literal, TypeAlias, cast

    #: How a layer media type says its content is compressed.
    Compression: TypeAlias = Literal["gzip", "zstd"]
    #: What a known media type names.
    Role: TypeAlias = Literal[
        "index", "image-manifest", "schema1-manifest", "artifact-manifest", "config", "layer", "other"
    ]
    #: Whose specification a known media type belongs to.
    Family: TypeAlias = Literal["oci", "docker"]
else:
    from ._values import cast

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
    "MAX_PARAMETERS",
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
    "Family",
    "MediaType",
    "MediaTypeInfo",
    "Role",
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
#: The most parameters a media type may have here (RFC 9110 sets no bound).
MAX_PARAMETERS: Final = 64

_ESSENCE = re.compile(f"({_RESTRICTED_NAME})/({_RESTRICTED_NAME})", re.ASCII)
_NAME = re.compile(_RESTRICTED_NAME, re.ASCII)
_NAME_CHAR = re.compile(r"[A-Za-z0-9!#$&^_.+-]", re.ASCII)
_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
# One step: OWS ";", any run of white space and further ";" (empty
# parameters), then an optional name "=" and a token or the opening quote of a
# quoted string. Each run is taken whole by a lookahead and a backreference
# (an atomic group, which Python 3.10's re lacks), so a run that is not
# followed by what the step needs is never given back one character at a time:
# a megabyte of white space or of token characters costs one scan.
_STEP = re.compile(
    rf"""(?=([ \t]*))\1;(?=([ \t;]*))\2(?:(?=({_TOKEN}))\3=(?:(?=({_TOKEN}))\4|(")))?""", re.ASCII
).match
_OWS = re.compile(r"[ \t]*").match
_TOKEN_ONLY = re.compile(_TOKEN, re.ASCII)
# What a quoted string's content may hold: qdtext, and the quoted-pairs whose
# backslash and escaped character are in the same set (RFC 9110 §5.6.4).
_NOT_QUOTABLE = re.compile(r"[^\t \x21-\x7e\x80-\xff]").search


@dataclass(frozen=True, slots=True, init=False, repr=False, eq=False)
class MediaType:
    """A parsed media type: ``type/subtype`` plus parameters.

    >>> mt = parse_media_type("application/vnd.oci.image.layer.v1.tar+gzip; foo=bar")
    >>> mt.essence, mt.suffix, mt.parameters
    ('application/vnd.oci.image.layer.v1.tar+gzip', 'gzip', (('foo', 'bar'),))

    Equality and hashing ignore the parameters, as matching does.
    ``MediaType(type, subtype, parameters)`` checks what
    :func:`parse_media_type` checks and takes the names in the lower case the
    parser gives them, so that ``parse_media_type(str(mt)) == mt``:

    >>> MediaType("application", "json", (("charset", "utf-8"),))
    MediaType(type='application', subtype='json', parameters=(('charset', 'utf-8'),))

    :raises TypeError: a member is of the wrong kind.
    :raises InvalidMediaTypeError: a member breaks the grammar, a name is not
        lower case, or a parameter is given twice.
    """

    type: str
    subtype: str
    parameters: tuple[tuple[str, str], ...] = field(compare=False)

    # eq, hash and repr as @dataclass(eq=True, frozen=True) writes them, written out here: dataclasses
    # compiles its own when the module is imported (most of what a value class costs to import).
    # tests/test_perf_import.py holds them to dataclasses' answers.
    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        them: MediaType = other  # pyright: ignore[reportAssignmentType]  # of this very class, as just seen (mypy narrows it)
        return (self.type, self.subtype) == (them.type, them.subtype)

    def __hash__(self) -> int:
        return hash((self.type, self.subtype))

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"type={self.type!r}, "
            f"subtype={self.subtype!r}, "
            f"parameters={self.parameters!r})"
        )

    def __new__(cls, type: str, subtype: str, parameters: Iterable[tuple[str, str]] = ()) -> MediaType:
        # "type" is the field's name here (RFC 6838's word), so the builtin is not used below.
        return _make(_lower_name(type, "type"), _lower_name(subtype, "subtype"), _checked_parameters(parameters))

    def __reduce__(self) -> tuple[object, ...]:
        return (MediaType, (self.type, self.subtype, self.parameters))

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
        """The value of the parameter ``name`` (ASCII case-insensitive), or ``None``.

        :raises TypeError: ``name`` is not a ``str``.
        """
        text = exact_str(name)
        if text is None:
            raise TypeError(f"parameter name must be a str, got {name.__class__.__name__}")
        if not text.isascii():  # names are tokens; str.lower() would fold e.g. the Kelvin sign into "k"
            return None
        wanted = text.lower()
        for key, value in self.parameters:
            if key == wanted:
                return value
        return None

    def __str__(self) -> str:
        parts = [self.essence]
        for key, value in self.parameters:
            parts.append(f"; {key}={value if _TOKEN_ONLY.fullmatch(value) else _quote(value)}")
        return "".join(parts)


_MediaTypeLayout = layout_twin(MediaType)


def _make(type_: str, subtype: str, parameters: tuple[tuple[str, str], ...]) -> MediaType:
    mt = _MediaTypeLayout()
    mt.type = type_
    mt.subtype = subtype
    mt.parameters = parameters
    return publish(mt, MediaType)


def _lower_name(value: object, what: str) -> str:
    text = exact_str(value)
    if text is None:
        raise TypeError(f"MediaType {what} must be a str, got {value.__class__.__name__}")
    if _NAME.fullmatch(text) is None:
        raise InvalidMediaTypeError(
            f"invalid media type: the {what} must be an RFC 6838 restricted name", text=text, span=(0, len(text))
        )
    if text.lower() != text:  # ASCII, by the pattern: lower() is ASCII lowercasing here
        raise InvalidMediaTypeError(
            f"invalid media type: the {what} must be lower case", text=text, span=(0, len(text))
        )
    return text


def _checked_parameters(parameters: Iterable[object]) -> tuple[tuple[str, str], ...]:
    kind = parameters.__class__.__name__
    if isinstance(parameters, (str, bytes, bytearray)):
        raise TypeError(f"MediaType parameters must be (name, value) pairs, not a {kind}")
    try:
        pairs = tuple(parameters)
    except TypeError:
        raise TypeError(f"MediaType parameters must be (name, value) pairs, got {kind}") from None
    if len(pairs) > MAX_PARAMETERS:
        raise InvalidMediaTypeError(f"invalid media type: more than {MAX_PARAMETERS} parameters")
    checked: list[tuple[str, str]] = []
    seen: set[str] = set()
    for pair in pairs:
        if not isinstance(pair, tuple) or len(cast("tuple[object, ...]", pair)) != 2:
            raise TypeError(f"each MediaType parameter must be a (name, value) tuple, got {pair!r:.80}")
        name, value = (exact_str(part) for part in cast("tuple[object, object]", pair))
        if name is None or value is None:
            raise TypeError(f"a MediaType parameter's name and value must be str, got {pair!r:.80}")
        if _TOKEN_ONLY.fullmatch(name) is None or name.lower() != name:
            raise InvalidMediaTypeError(
                "invalid media type: a parameter name must be a lower-case token", text=name, span=(0, len(name))
            )
        if name in seen:
            raise InvalidMediaTypeError(f"invalid media type: parameter {name!r} is given twice", text=name)
        bad = _NOT_QUOTABLE(value)
        if bad is not None:
            raise InvalidMediaTypeError(
                "invalid media type: a parameter value can only hold tab, space, visible ASCII and U+0080 to U+00FF",
                text=value,
                span=bad.span(),
            )
        seen.add(name)
        checked.append((name, value))
    return tuple(checked)


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _unquote(content: str) -> str:
    # The content holds no NUL (the caller checked its characters), so NUL can
    # stand in for an escaped backslash while the other backslashes are dropped.
    return content.replace("\\\\", "\x00").replace("\\", "").replace("\x00", "\\")


def parse_media_type(text: str) -> MediaType:
    """Parse a media type such as a manifest's ``mediaType`` or a Content-Type.

    >>> str(parse_media_type("Application/JSON;Charset=UTF-8"))
    'application/json; charset=UTF-8'

    :raises InvalidMediaTypeError: the text is not a media type (or is no ``str``).
    """
    source = exact_str(text)
    if source is None:
        raise InvalidMediaTypeError(f"invalid media type: expected a string, got {text.__class__.__name__}")
    text = source
    essence = _ESSENCE.match(text)
    if essence is None:
        raise InvalidMediaTypeError(
            "invalid media type: expected type/subtype of RFC 6838 restricted names", text=text, span=_bad_essence(text)
        )
    position = essence.end()
    if _NAME_CHAR.match(text, position) is not None:
        raise InvalidMediaTypeError(
            "invalid media type: type and subtype are at most 127 characters each",
            text=text,
            span=(position, position + 1),
        )
    parameters: list[tuple[str, str]] = []
    seen: set[str] = set()
    masked: str | None = None  # the text with escaped backslashes and quotes masked, made when first needed
    end_of_text = len(text)
    while position < end_of_text:
        step = _STEP(text, position)
        if step is None:
            at = _OWS(text, position).end()  # type: ignore[union-attr]
            if at == end_of_text:
                break
            raise InvalidMediaTypeError(
                "invalid media type: expected ';' and a parameter", text=text, span=(at, at + 1)
            )
        name, value, quote = step.group(3, 4, 5)
        position = step.end()
        if name is None:
            if position < end_of_text:  # the separators were taken whole: this is no parameter
                raise InvalidMediaTypeError(
                    "invalid media type: expected a parameter name=value", text=text, span=(position, position + 1)
                )
            break
        if quote is not None:
            if masked is None:
                masked = text.replace("\\\\", "\x00\x00").replace('\\"', "\x00\x00")
            close = masked.find('"', position)
            if close < 0:
                raise InvalidMediaTypeError(
                    "invalid media type: a quoted parameter value is not closed", text=text, span=step.span(3)
                )
            content = text[position:close]
            bad = _NOT_QUOTABLE(content)
            if bad is not None:
                where = position + bad.start()
                raise InvalidMediaTypeError(
                    "invalid media type: a quoted string can only hold tab, space, visible ASCII and U+0080 to U+00FF",
                    text=text,
                    span=(where, where + 1),
                )
            value = _unquote(content)
            position = close + 1
        key = name.lower()
        if key in seen:
            raise InvalidMediaTypeError(
                f"invalid media type: parameter {key!r} is given twice", text=text, span=step.span(3)
            )
        if len(parameters) == MAX_PARAMETERS:
            raise InvalidMediaTypeError(
                f"invalid media type: more than {MAX_PARAMETERS} parameters", text=text, span=step.span(3)
            )
        seen.add(key)
        parameters.append((key, value))
    return _make(essence.group(1).lower(), essence.group(2).lower(), tuple(parameters))


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
    """Whether ``text`` is a bare ``type/subtype`` (no parameters); ``False`` for anything else.

    This is the check descriptor.md's ``mediaType`` field needs: image-spec's
    schema pattern, RFC 6838 restricted names.

    >>> is_media_type(OCI_LAYER_GZIP), is_media_type("application/json; x=y")
    (True, False)
    """
    value = exact_str(text)
    if value is None:
        return False
    return value in KNOWN or _ESSENCE.fullmatch(value) is not None


# -- what each known type is ---------------------------------------------------


_ROLES: Final = ("index", "image-manifest", "schema1-manifest", "artifact-manifest", "config", "layer", "other")
_FAMILIES: Final = ("oci", "docker")
_COMPRESSIONS: Final = (None, "gzip", "zstd")


@dataclass(frozen=True, slots=True, init=False, repr=False, eq=False)
class MediaTypeInfo:
    """What a known media type is: its role, family, distributability and compression.

    >>> MediaTypeInfo("layer", "oci", compression="zstd") == KNOWN[OCI_LAYER_ZSTD]
    True

    :raises TypeError: a member is of the wrong kind.
    :raises ValueError: ``role``, ``family`` or ``compression`` is not one of its values.
    """

    role: Role
    family: Family
    distributable: bool
    compression: Compression | None
    deprecated: bool

    # eq, hash and repr as @dataclass(eq=True, frozen=True) writes them, written out here: dataclasses
    # compiles its own when the module is imported (most of what a value class costs to import).
    # tests/test_perf_import.py holds them to dataclasses' answers.
    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        them: MediaTypeInfo = other  # pyright: ignore[reportAssignmentType]  # of this very class, as just seen (mypy narrows it)
        return (
            self.role,
            self.family,
            self.distributable,
            self.compression,
            self.deprecated,
        ) == (
            them.role,
            them.family,
            them.distributable,
            them.compression,
            them.deprecated,
        )

    def __hash__(self) -> int:
        return hash((self.role, self.family, self.distributable, self.compression, self.deprecated))

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"role={self.role!r}, "
            f"family={self.family!r}, "
            f"distributable={self.distributable!r}, "
            f"compression={self.compression!r}, "
            f"deprecated={self.deprecated!r})"
        )

    def __new__(
        cls,
        role: Role,
        family: Family,
        distributable: bool = True,
        compression: Compression | None = None,
        deprecated: bool = False,
    ) -> MediaTypeInfo:
        for value, what in ((distributable, "distributable"), (deprecated, "deprecated")):
            if type(value) is not bool:
                raise TypeError(f"MediaTypeInfo {what} must be a bool, got {type(value).__name__}")
        info = _MediaTypeInfoLayout()
        info.role = _one_of(role, _ROLES, "role")
        info.family = _one_of(family, _FAMILIES, "family")
        info.distributable = distributable
        info.compression = None if compression is None else _one_of(compression, _COMPRESSIONS, "compression")
        info.deprecated = deprecated
        return publish(info, MediaTypeInfo)

    def __reduce__(self) -> tuple[object, ...]:
        return (MediaTypeInfo, (self.role, self.family, self.distributable, self.compression, self.deprecated))


_MediaTypeInfoLayout = layout_twin(MediaTypeInfo)


def _one_of(value: object, allowed: tuple[str | None, ...], what: str) -> str:
    text = exact_str(value)
    if text is None:
        raise TypeError(f"MediaTypeInfo {what} must be a str, got {type(value).__name__}")
    if text not in allowed:
        choices = ", ".join(repr(choice) for choice in allowed if choice is not None)
        raise ValueError(f"MediaTypeInfo {what} must be one of {choices}, got {text!r:.80}")
    return text


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
    text = exact_str(media_type)
    if text is not None:
        if text in KNOWN:
            return text
        try:
            return parse_media_type(text).essence
        except InvalidMediaTypeError:
            return None
    if isinstance(media_type, MediaType):
        return media_type.essence
    raise TypeError(f"expected a media type str or MediaType, got {type(media_type).__name__}")


def info(media_type: str | MediaType) -> MediaTypeInfo | None:
    """What a known media type is, or ``None`` for one this module does not name.

    >>> info(OCI_LAYER_ZSTD).compression
    'zstd'

    :raises TypeError: ``media_type`` is neither a ``str`` nor a :class:`MediaType`.
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
    essence = _essence_of(media_type)
    if essence is None:
        return None
    found = KNOWN.get(essence)
    if found is not None:
        return found.compression
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


# The Literal aliases above (Compression, Role, Family) are built from the
# tables when first asked for (PEP 562): building them would import typing.
# CPython does not specialise attribute loads on a module with __getattr__,
# so the hook removes itself once the aliases are here.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        if name not in ("Compression", "Role", "Family"):
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from typing import Literal

        namespace = globals()
        namespace["Compression"] = Literal[_COMPRESSIONS[1:]]
        namespace["Role"] = Literal[_ROLES]
        namespace["Family"] = Literal[_FAMILIES]
        namespace.pop("__getattr__", None)
        namespace.pop("__dir__", None)
        return namespace[name]

    def __dir__() -> list[str]:
        return sorted(set(globals()) | {"Compression", "Role", "Family"})
