"""Image manifests and image indexes, OCI and Docker, read from their exact bytes.

Two value types cover four document kinds, told apart by ``media_type``:

* :class:`ImageManifest`: image-spec manifest.md's ``application/vnd.oci.image.manifest.v1+json``
  and Docker's schema2 ``application/vnd.docker.distribution.manifest.v2+json``
  (distribution's "Image Manifest Version 2, Schema 2");
* :class:`ImageIndex`: image-spec image-index.md's ``application/vnd.oci.image.index.v1+json``
  and Docker's manifest list ``application/vnd.docker.distribution.manifest.list.v2+json``.

Reading (:func:`parse_manifest`) keeps the exact bytes: a value's ``raw`` is
what was received, and its digest and size (:meth:`ImageManifest.descriptor`)
are computed from them, never from a re-serialisation. Validation follows the
specs' prose, which is stricter than their JSON schemas:

* ``schemaVersion`` is REQUIRED and MUST be ``2``;
* ``mediaType``: OCI documents SHOULD carry it and MAY omit it; Docker's
  schema2 and manifest list MUST carry it (distribution refuses them without
  it). When present it decides the kind. Without it, the caller's
  Content-Type decides (only an OCI type is accepted there), and without
  either, the structure does: ``manifests`` is an OCI index, ``config`` or
  ``layers`` an OCI image manifest;
* a Content-Type passed as ``media_type`` must agree with the body (its
  parameters are ignored): a body declaring another type, or shaped as the
  other kind, raises :class:`~oci_core.errors.MediaTypeMismatchError`, and so
  does a Content-Type that is no manifest type at all;
* a body with ``manifests`` beside ``config`` or ``layers`` is refused with
  :class:`~oci_core.errors.AmbiguousManifestError` (CVE-2021-41190: such a
  document could be read as either kind); so is a manifest with
  ``manifests`` or an index with ``config`` or ``layers``. Presence of the
  member counts, whatever its value;
* Docker schema1 (either media type, ``schemaVersion: 1``, ``fsLayers`` or
  ``signatures``) and the withdrawn OCI artifact manifest raise
  :class:`~oci_core.errors.UnsupportedManifestError`, which names them;
* ``config``, ``layers[]``, ``manifests[]`` and ``subject`` are descriptors
  (:mod:`oci_core.descriptor`); an OCI manifest has at least one layer (the
  image-spec schema's ``minItems: 1``; the prose says SHOULD) and, when its
  config is the empty descriptor, an ``artifactType`` (manifest.md: "This
  MUST be set when config.mediaType is set to the empty value");
* every entry of a Docker manifest list has a ``platform`` (distribution's
  ``ManifestDescriptor``);
* ``artifactType``, ``subject`` and ``annotations`` are OCI members: in a
  Docker document they are unknown members, ignored like any other (they
  stay in ``raw``).

Writing (:meth:`ImageManifest.to_json`) gives the bytes Go's
``encoding/json`` writes for the same value: image-spec's ``specs-go/v1``
``Manifest`` (schemaVersion, mediaType, artifactType, config, layers,
subject, annotations) and ``Index`` (schemaVersion, mediaType, artifactType,
manifests, subject, annotations) for OCI documents, distribution's
``schema2.Manifest`` (schemaVersion, mediaType, config, layers) and
``manifestlist.ManifestList`` (schemaVersion, mediaType, manifests, each entry
with its platform last) for Docker ones; ``omitempty`` members left out,
annotation keys sorted. ``to_json(indent="   ")`` is distribution's
``MarshalIndent`` form.

>>> m = parse_manifest(b'{"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",'
...     b' "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "size": 2,'
...     b' "digest": "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"},'
...     b' "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "size": 2,'
...     b' "digest": "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"}]}')
>>> isinstance(m, ImageManifest), m.layers[0].size, m.size
(True, 2, 414)
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, TypeVar, cast, overload

from . import _json
from ._frozenmap import EMPTY, FrozenMap, _adopt
from ._frozenmap import _set_items as _set_map_items
from .descriptor import (
    Descriptor,
    _as_bytes,
    _check_artifact_type,
    _check_str_map,
    _fast,
    _json_object,
    _media_type_message,
    _object_hook,
    _read,
)
from .descriptor import (
    _value_kind as _json_kind,
)
from .digest import Digest, compute_digest
from .errors import (
    AmbiguousManifestError,
    InvalidIndexError,
    InvalidManifestError,
    InvalidMediaTypeError,
    MediaTypeMismatchError,
    OCIError,
    UnsupportedManifestError,
)
from .mediatypes import (
    DOCKER_CONFIG,
    DOCKER_MANIFEST_LIST,
    DOCKER_MANIFEST_SCHEMA1,
    DOCKER_MANIFEST_SCHEMA1_SIGNED,
    DOCKER_MANIFEST_SCHEMA2,
    KNOWN,
    OCI_ARTIFACT_MANIFEST,
    OCI_EMPTY_JSON,
    OCI_IMAGE_INDEX,
    OCI_IMAGE_MANIFEST,
    is_manifest,
    is_media_type,
    parse_media_type,
)

if TYPE_CHECKING:
    from ._json import JSON
    from .digest import Buffer

__all__ = [
    "ImageIndex",
    "ImageManifest",
    "artifact_type",
    "build_image_index",
    "build_image_manifest",
    "detect_media_type",
    "manifest_digest",
    "parse_image_index",
    "parse_image_manifest",
    "parse_manifest",
    "schema1_payload",
]

_E = TypeVar("_E", bound=InvalidManifestError)

_MANIFEST_KINDS: Final = {OCI_IMAGE_MANIFEST: "manifest", DOCKER_MANIFEST_SCHEMA2: "manifest"}
_INDEX_KINDS: Final = {OCI_IMAGE_INDEX: "index", DOCKER_MANIFEST_LIST: "index"}
_KINDS: Final = {**_MANIFEST_KINDS, **_INDEX_KINDS}
_SCHEMA1: Final = frozenset({DOCKER_MANIFEST_SCHEMA1, DOCKER_MANIFEST_SCHEMA1_SIGNED})
_SCHEMA1_MESSAGE: Final = (
    "Docker schema1 manifests ({}) are not supported: the format is deprecated and registries no longer"
    " accept it; convert the image to Docker schema2 or OCI"
)
_ARTIFACT_MESSAGE: Final = (
    f"the OCI artifact manifest ({OCI_ARTIFACT_MANIFEST}) is not supported: it was withdrawn before"
    " image-spec 1.1.0 in favour of an image manifest with artifactType"
)
# CVE-2021-41190: the members that make a document an image manifest, and the one that makes it an index.
_MANIFEST_MEMBERS: Final = ("config", "layers")


# -- the values -------------------------------------------------------------------

_D = TypeVar("_D", bound="_Document")


class _Document:
    """What manifests and indexes share: their bytes, with digest and size, and how they are written and copied."""

    __slots__ = ()

    media_type: str
    artifact_type: str | None
    subject: Descriptor | None
    annotations: FrozenMap[str, str]
    omit_media_type: bool
    raw: bytes
    _digest: Digest | None

    @property
    def digest(self) -> Digest:
        """The sha256 digest of ``raw`` (computed once)."""
        digest = self._digest
        if digest is None:
            digest = compute_digest(self.raw)
            object.__setattr__(self, "_digest", digest)  # a cache, not a change of value
        return digest

    @property
    def size(self) -> int:
        """The length of ``raw`` in bytes."""
        return len(self.raw)

    def descriptor(self) -> Descriptor:
        """The descriptor of these bytes: media type, digest and size of ``raw``."""
        return Descriptor(self.media_type, self.digest, len(self.raw))

    def to_json(self, *, indent: str | None = None) -> bytes:
        """The bytes Go writes for this document: ``json.Marshal``, or ``json.MarshalIndent`` with ``indent``.

        >>> from oci_core.descriptor import EMPTY_JSON
        >>> ImageManifest(config=EMPTY_JSON, layers=(EMPTY_JSON,), artifact_type="a/b").to_json()[:41]
        b'{"schemaVersion":2,"mediaType":"applicati'
        """
        data = _json.dumps(self.to_json_object())
        return data if indent is None else _json.indent(data, indent)

    def to_json_object(self) -> dict[str, object]:
        """The JSON object, members in the Go type's order, empty optional ones left out."""
        obj: dict[str, object] = {"schemaVersion": 2}
        if not self.omit_media_type:
            obj["mediaType"] = self.media_type
        if self.artifact_type:
            obj["artifactType"] = self.artifact_type
        obj.update(self._payload())
        if self.subject is not None:
            obj["subject"] = _json_object(self.subject, docker_list=False)
        if self.annotations:
            obj["annotations"] = _json.sorted_map(self.annotations)
        return obj

    def _payload(self) -> dict[str, object]:
        """The members between artifactType and subject: config and layers, or manifests."""
        raise NotImplementedError

    def __copy__(self: _D) -> _D:
        return self

    def __deepcopy__(self: _D, memo: object) -> _D:
        return self


@dataclass(frozen=True, slots=True, kw_only=True)
class ImageManifest(_Document):
    """An image manifest: OCI (manifest.md) or Docker schema2, as ``media_type`` says.

    >>> from oci_core.descriptor import EMPTY_JSON, describe
    >>> m = ImageManifest(config=EMPTY_JSON.with_data(None), layers=(describe(b"hi", "text/plain"),),
    ...                   artifact_type="application/vnd.example+type")
    >>> m.raw[:41], m.size
    (b'{"schemaVersion":2,"mediaType":"applicati', 403)

    Constructing one validates it (raising
    :class:`~oci_core.errors.InvalidManifestError` with the JSON pointer of
    the offending member) and writes its canonical bytes into ``raw``. A
    parsed manifest keeps the bytes it was read from instead. Equality and
    the hash compare the typed content, not ``raw``: two documents that differ
    only in spacing or unknown members are equal but have different digests.

    ``omit_media_type`` records an OCI document without a ``mediaType``
    member (``media_type`` then says what the document is taken to be); it
    is ``False`` for documents built here, which always declare it.
    """

    config: Descriptor
    layers: tuple[Descriptor, ...]
    media_type: str = OCI_IMAGE_MANIFEST
    artifact_type: str | None = None
    subject: Descriptor | None = None
    annotations: FrozenMap[str, str] = EMPTY
    omit_media_type: bool = False
    raw: bytes = field(default=b"", init=False, compare=False, repr=False)
    _digest: Digest | None = field(default=None, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        _validate_common(self, _MANIFEST_KINDS, InvalidManifestError)
        if not isinstance(self.config, Descriptor):
            raise TypeError(f"ImageManifest.config must be a Descriptor, got {type(self.config).__name__}")
        layers = _descriptor_tuple(self.layers, "ImageManifest.layers")
        _set_manifest_layers(self, layers)
        if self.media_type == OCI_IMAGE_MANIFEST:
            _check_oci_manifest(self.config, layers, self.artifact_type, "", InvalidManifestError)
        _set_manifest_raw(self, self.to_json())

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled as its bytes, so that a copy keeps them (and is validated again).
        return (parse_image_manifest, (self.raw, self.media_type))

    def _payload(self) -> dict[str, object]:
        return {
            "config": _json_object(self.config, docker_list=False),
            "layers": [_json_object(layer, docker_list=False) for layer in self.layers],
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class ImageIndex(_Document):
    """An image index: OCI (image-index.md) or a Docker manifest list, as ``media_type`` says.

    >>> from oci_core.descriptor import EMPTY_JSON
    >>> index = ImageIndex(manifests=())
    >>> index.raw
    b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}'

    Everything said of :class:`ImageManifest` holds here too; errors are
    :class:`~oci_core.errors.InvalidIndexError`.
    """

    manifests: tuple[Descriptor, ...]
    media_type: str = OCI_IMAGE_INDEX
    artifact_type: str | None = None
    subject: Descriptor | None = None
    annotations: FrozenMap[str, str] = EMPTY
    omit_media_type: bool = False
    raw: bytes = field(default=b"", init=False, compare=False, repr=False)
    _digest: Digest | None = field(default=None, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        _validate_common(self, _INDEX_KINDS, InvalidIndexError)
        manifests = _descriptor_tuple(self.manifests, "ImageIndex.manifests")
        _set_index_manifests(self, manifests)
        if self.media_type == DOCKER_MANIFEST_LIST:
            for position, entry in enumerate(manifests):
                if entry.platform is None:
                    raise InvalidIndexError(
                        "is required in a Docker manifest list but missing", pointer=f"/manifests/{position}/platform"
                    )
        _set_index_raw(self, self.to_json())

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled as its bytes, so that a copy keeps them (and is validated again).
        return (parse_image_index, (self.raw, self.media_type))

    def _payload(self) -> dict[str, object]:
        docker = self.media_type == DOCKER_MANIFEST_LIST
        return {"manifests": [_json_object(entry, docker_list=docker) for entry in self.manifests]}


class _ManifestAssembly(_Document):
    """ImageManifest's slot layout without its frozen ``__setattr__`` (see descriptor.py's ``_Assembly``).

    The parser fills one in and assigns ``__class__ = ImageManifest``.
    """

    __slots__ = (
        "config", "layers", "media_type", "artifact_type", "subject", "annotations", "omit_media_type", "raw", "_digest"
    )
    config: Descriptor
    layers: tuple[Descriptor, ...]
    media_type: str
    artifact_type: str | None
    subject: Descriptor | None
    annotations: FrozenMap[str, str]
    omit_media_type: bool
    raw: bytes
    _digest: Digest | None


# Parsed values are assembled through the slot descriptors (see descriptor.py).
_new: Final = object.__new__
_set_manifest_layers: Final[Callable[[ImageManifest, tuple[Descriptor, ...]], None]] = ImageManifest.__dict__[
    "layers"
].__set__
_set_manifest_raw: Final[Callable[[ImageManifest, bytes], None]] = ImageManifest.__dict__["raw"].__set__
_set_index_manifests: Final[Callable[[ImageIndex, tuple[Descriptor, ...]], None]] = ImageIndex.__dict__[
    "manifests"
].__set__
_set_index_media_type: Final[Callable[[ImageIndex, str], None]] = ImageIndex.__dict__["media_type"].__set__
_set_index_artifact_type: Final[Callable[[ImageIndex, str | None], None]] = ImageIndex.__dict__[
    "artifact_type"
].__set__
_set_index_subject: Final[Callable[[ImageIndex, Descriptor | None], None]] = ImageIndex.__dict__["subject"].__set__
_set_index_annotations: Final[Callable[[ImageIndex, FrozenMap[str, str]], None]] = ImageIndex.__dict__[
    "annotations"
].__set__
_set_index_omit: Final[Callable[[ImageIndex, bool], None]] = ImageIndex.__dict__["omit_media_type"].__set__
_set_index_raw: Final[Callable[[ImageIndex, bytes], None]] = ImageIndex.__dict__["raw"].__set__
_set_index_digest: Final[Callable[[ImageIndex, Digest | None], None]] = ImageIndex.__dict__["_digest"].__set__


# -- validation of values built by callers -------------------------------------------


def _validate_common(
    value: ImageManifest | ImageIndex, kinds: Mapping[str, str], error: type[InvalidManifestError]
) -> None:
    media_type = value.media_type
    if type(media_type) is not str:
        raise TypeError(f"media_type must be a str, got {type(media_type).__name__}")
    if media_type not in kinds:
        wanted = " or ".join(kinds)
        raise error(f"must be {wanted}, got {media_type!r}", pointer="/mediaType")
    docker = media_type in (DOCKER_MANIFEST_SCHEMA2, DOCKER_MANIFEST_LIST)
    annotations = value.annotations
    if type(annotations) is not FrozenMap:
        if not isinstance(annotations, Mapping):
            raise TypeError(f"annotations must be a FrozenMap, got {type(annotations).__name__}")
        annotations = FrozenMap(annotations)
        object.__setattr__(value, "annotations", annotations)
    _check_str_map(annotations, "annotations")
    if value.subject is not None and not isinstance(value.subject, Descriptor):
        raise TypeError(f"subject must be a Descriptor, got {type(value.subject).__name__}")
    artifact_type = value.artifact_type
    _check_artifact_type(artifact_type, "artifact_type", error)
    if type(value.omit_media_type) is not bool:
        raise TypeError(f"omit_media_type must be a bool, got {type(value.omit_media_type).__name__}")
    if docker:
        # distribution's schema2 and manifestlist types have none of these members.
        for name, member, present in (
            ("artifact_type", "artifactType", artifact_type is not None),
            ("subject", "subject", value.subject is not None),
            ("annotations", "annotations", bool(annotations)),
        ):
            if present:
                raise error(f"a Docker {media_type} has no {member} member ({name} must be empty)", pointer=f"/{member}")
        if value.omit_media_type:
            raise error("Docker manifests and manifest lists must declare their mediaType", pointer="/mediaType")


def _descriptor_tuple(values: object, what: str) -> tuple[Descriptor, ...]:
    if type(values) is not tuple:
        if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
            raise TypeError(f"{what} must be a tuple of Descriptor, got {type(values).__name__}")
        values = tuple(values)
    for item in values:
        if not isinstance(item, Descriptor):
            raise TypeError(f"{what} must hold Descriptor values, got {type(item).__name__}")
    return values


def _check_oci_manifest(
    config: Descriptor,
    layers: tuple[Descriptor, ...],
    artifact_type: str | None,
    pointer: str,
    error: type[InvalidManifestError],
) -> None:
    if not layers:
        raise error(
            "an OCI image manifest needs at least one layer (image-spec's schema: minItems 1;"
            " an artifact without content uses the empty descriptor)",
            pointer=f"{pointer}/layers",
        )
    if artifact_type is None and config.media_type == OCI_EMPTY_JSON:
        raise error(
            "is required when the config is the empty descriptor (manifest.md: artifactType MUST be set"
            " when config.mediaType is set to the empty value)",
            pointer=f"{pointer}/artifactType",
        )


# -- reading ----------------------------------------------------------------------------


def _load(data: bytes, error: type[InvalidManifestError]) -> dict[str, JSON]:
    # Every member this module keeps is walked by hand and bounded, and the
    # scanner's own recursion guard covers the rest, so the text needs no
    # separate depth scan.
    value = _json.loads(data, max_depth=None, error=error)
    if type(value) is not dict:
        raise error(f"a manifest must be a JSON object, got {_json_kind(value)}", pointer="")
    return value


# The plain case: descriptors are built while the text is scanned.
_read_fast: Final = _json.fast_reader(_object_hook)


def _parse(raw: object, media_type: object, want: str | None) -> ImageManifest | ImageIndex:
    error = InvalidIndexError if want == "index" else InvalidManifestError
    data = raw if type(raw) is bytes else _as_bytes(raw, error, "a manifest")
    value = _read_fast(data)
    if type(value) is dict:
        try:
            return _from_object(value, data, media_type, want, error)
        except OCIError:
            pass  # explained below, from plain dicts, so that every error reads the same
    return _from_object(_load(data, error), data, media_type, want, error)


def _from_object(
    obj: dict[str, JSON], data: bytes, media_type: object, want: str | None, error: type[InvalidManifestError]
) -> ImageManifest | ImageIndex:
    if (
        media_type is None
        and want != "index"
        and obj.get("mediaType") == OCI_IMAGE_MANIFEST
        and "manifests" not in obj
        and "fsLayers" not in obj
        and "signatures" not in obj
    ):
        # The common case needs none of _classify's checks.
        return _read_manifest(obj, data, OCI_IMAGE_MANIFEST, False)
    kind, omitted = _classify(obj, media_type, want, error)
    if _KINDS[kind] == "manifest":
        return _read_manifest(obj, data, kind, omitted)
    return _read_index(obj, data, kind, omitted)


def _content_type(media_type: object) -> str:
    """The essence of a Content-Type, which must be a manifest type (parameters ignored)."""
    if type(media_type) is str and media_type in KNOWN:
        essence = media_type
    else:
        if not isinstance(media_type, str):
            raise MediaTypeMismatchError(f"a Content-Type must be a str, got {type(media_type).__name__}", pointer="")
        try:
            essence = parse_media_type(media_type).essence
        except InvalidMediaTypeError as exc:
            raise MediaTypeMismatchError(f"Content-Type is not a media type: {exc}", pointer="") from None
    if essence in _SCHEMA1:
        raise UnsupportedManifestError(_SCHEMA1_MESSAGE.format(essence), pointer="")
    if essence == OCI_ARTIFACT_MANIFEST:
        raise UnsupportedManifestError(_ARTIFACT_MESSAGE, pointer="")
    if essence not in _KINDS:
        raise MediaTypeMismatchError(
            f"Content-Type {media_type!r} is not a manifest or index media type", pointer=""
        )
    return essence


def _refuse_unsupported(obj: dict[str, JSON], declared: object) -> None:
    if declared in _SCHEMA1:
        raise UnsupportedManifestError(_SCHEMA1_MESSAGE.format(declared), pointer="/mediaType")
    if declared == OCI_ARTIFACT_MANIFEST:
        raise UnsupportedManifestError(_ARTIFACT_MESSAGE, pointer="/mediaType")
    version = obj.get("schemaVersion")
    if type(version) is int and version == 1:
        raise UnsupportedManifestError(_SCHEMA1_MESSAGE.format("schemaVersion 1"), pointer="/schemaVersion")
    for member in ("fsLayers", "signatures"):
        if member in obj:
            raise UnsupportedManifestError(
                _SCHEMA1_MESSAGE.format(f"a {member!r} member says so"), pointer=f"/{member}"
            )
    if "manifests" in obj:
        for member in _MANIFEST_MEMBERS:
            if member in obj:
                raise AmbiguousManifestError(
                    f"a document with both 'manifests' and {member!r} could be read as an index or as a"
                    " manifest (CVE-2021-41190)",
                    pointer="/manifests",
                )


def _classify(
    obj: dict[str, JSON], content_type: object, want: str | None, error: type[InvalidManifestError]
) -> tuple[str, bool]:
    """(media type, omitted): what the document is, after every consistency check."""
    declared = obj.get("mediaType")
    if (declared is None and "mediaType" in obj) or (declared is not None and type(declared) is not str):
        raise error(
            f"must be a string, got {_json_kind(declared)}", pointer="/mediaType"
        )
    _refuse_unsupported(obj, declared)
    essence = None if content_type is None else _content_type(content_type)
    if declared is not None:
        assert isinstance(declared, str)
        if essence is not None and declared != essence:
            raise MediaTypeMismatchError(
                f"the document declares {declared!r} but was served as {essence!r}", pointer="/mediaType"
            )
        if declared not in _KINDS:
            raise error(
                f"{declared!r} is not an image manifest or index media type", pointer="/mediaType"
            )
        media_type, omitted, source = declared, False, "declared"
    elif essence is not None:
        if essence in (DOCKER_MANIFEST_SCHEMA2, DOCKER_MANIFEST_LIST):
            raise error(
                f"is required in a Docker {essence} but missing (distribution refuses it)", pointer="/mediaType"
            )
        media_type, omitted, source = essence, True, "served"
    elif "manifests" in obj:
        media_type, omitted, source = OCI_IMAGE_INDEX, True, "shape"
    elif "config" in obj or "layers" in obj:
        media_type, omitted, source = OCI_IMAGE_MANIFEST, True, "shape"
    else:
        raise error(
            "cannot tell what this document is: it has no mediaType, config, layers or manifests", pointer=""
        )
    kind = _KINDS[media_type]
    if kind == "manifest":
        if "manifests" in obj:
            _refuse_shape(source, media_type, "/manifests", "an index")
        if want == "index":
            raise InvalidIndexError(
                f"this document is an image manifest ({media_type}), not an index",
                pointer="/mediaType" if source == "declared" else _first_member(obj, _MANIFEST_MEMBERS),
            )
    else:
        for member in _MANIFEST_MEMBERS:
            if member in obj:
                _refuse_shape(source, media_type, f"/{member}", "a manifest")
        if want == "manifest":
            raise InvalidManifestError(
                f"this document is an image index ({media_type}), not an image manifest",
                pointer="/mediaType" if source == "declared" else "/manifests",
            )
    return media_type, omitted


def _refuse_shape(source: str, media_type: str, pointer: str, shape: str) -> None:
    member = pointer[1:]
    if source == "served":
        raise MediaTypeMismatchError(
            f"served as {media_type!r} but shaped as {shape} (it has {member!r})", pointer=pointer
        )
    raise AmbiguousManifestError(
        f"declared {media_type!r} but has {member!r}, a member of {shape} (CVE-2021-41190)", pointer=pointer
    )


def _first_member(obj: dict[str, JSON], members: tuple[str, ...]) -> str:
    for member in members:
        if member in obj:
            return f"/{member}"
    return ""


def _schema_version(obj: dict[str, JSON], error: type[InvalidManifestError]) -> None:
    version = obj.get("schemaVersion")
    if type(version) is int and version == 2:
        return
    value = _json.get_int(obj, "schemaVersion", "", error, required=True)
    raise error(f"must be 2, got {value}", pointer="/schemaVersion")


def _descriptors(values: object, pointer: str, error: type[_E], *, docker_list: bool = False) -> tuple[Descriptor, ...]:
    if type(values) is not list:
        raise error(f"must be an array, got {_json_kind(values)}", pointer=pointer)
    if not docker_list:
        for item in values:
            if type(item) is not Descriptor:
                break
        else:
            return tuple(values)  # every item is a Descriptor
    read: list[Descriptor] = []
    for position, item in enumerate(values):
        d = _fast(item) if type(item) is dict and not docker_list else None
        read.append(d if d is not None else _read(item, f"{pointer}/{position}", error, docker_list=docker_list))
    return tuple(read)


def _descriptor(obj: dict[str, JSON], key: str, error: type[_E], *, required: bool) -> Descriptor | None:
    value: object = obj.get(key)
    if type(value) is Descriptor:
        return value
    if type(value) is dict:
        d = _fast(value)
        if d is not None:
            return d
    elif value is None and key not in obj:
        if required:
            raise error("is required but missing", pointer=f"/{key}")
        return None
    return _read(value, f"/{key}", error)


_STR_ONLY: Final = frozenset({str})


def _annotations(obj: dict[str, JSON], error: type[_E]) -> FrozenMap[str, str]:
    value = obj.get("annotations")
    if type(value) is dict and _STR_ONLY.issuperset(map(type, value.values())):
        return _adopt(value) if value else EMPTY  # type: ignore[arg-type]
    if value is None and "annotations" not in obj:
        return EMPTY
    checked = _json.get_str_map(obj, "annotations", "", error)
    assert checked is not None
    return _adopt(checked) if checked else EMPTY


def _artifact_type(obj: dict[str, JSON], error: type[_E]) -> str | None:
    value = obj.get("artifactType")
    if value is None and "artifactType" not in obj:
        return None
    if type(value) is str and (value in KNOWN or is_media_type(value)):
        return value
    _json.get_str(obj, "artifactType", "", error)
    raise error(_media_type_message(str(value)), pointer="/artifactType")


def _read_manifest(obj: dict[str, JSON], raw: bytes, media_type: str, omitted: bool) -> ImageManifest:
    # The common case (a version of 2, descriptors built by the scan, string
    # annotations, no artifactType or subject) is checked inline; anything
    # else goes through the helpers, which also say what is wrong and where.
    error = InvalidManifestError
    version = obj.get("schemaVersion")
    if type(version) is not int or version != 2:
        _schema_version(obj, error)
    config = cast("Descriptor", obj.get("config"))
    if type(config) is not Descriptor:
        config = cast("Descriptor", _descriptor(obj, "config", error, required=True))
    values: object = obj.get("layers")
    layers: tuple[Descriptor, ...] | None = None
    if type(values) is list:
        for item in values:
            if type(item) is not Descriptor:
                break
        else:
            layers = tuple(values)  # every item is a Descriptor
    if layers is None:
        if values is None and "layers" not in obj:
            raise error("is required but missing", pointer="/layers")
        layers = _descriptors(values, "/layers", error)
    if media_type != OCI_IMAGE_MANIFEST:
        return _manifest(config, layers, media_type, None, None, EMPTY, omitted, raw)
    artifact_type = None if "artifactType" not in obj else _artifact_type(obj, error)
    if not layers or (artifact_type is None and config.media_type == OCI_EMPTY_JSON):
        _check_oci_manifest(config, layers, artifact_type, "", error)
    subject = None if "subject" not in obj else _descriptor(obj, "subject", error, required=False)
    values = obj.get("annotations")
    annotations = EMPTY
    if type(values) is dict:
        for item in values.values():
            if type(item) is not str:
                annotations = _annotations(obj, error)
                break
        else:
            if values:
                annotations = _new(FrozenMap)
                _set_map_items(annotations, values)
    elif values is not None or "annotations" in obj:
        annotations = _annotations(obj, error)
    return _manifest(config, layers, media_type, artifact_type, subject, annotations, omitted, raw)


def _manifest(
    config: Descriptor,
    layers: tuple[Descriptor, ...],
    media_type: str,
    artifact_type: str | None,
    subject: Descriptor | None,
    annotations: FrozenMap[str, str],
    omitted: bool,
    raw: bytes,
) -> ImageManifest:
    m = _ManifestAssembly()
    m.config = config
    m.layers = layers
    m.media_type = media_type
    m.artifact_type = artifact_type
    m.subject = subject
    m.annotations = annotations
    m.omit_media_type = omitted
    m.raw = raw
    m._digest = None
    m.__class__ = ImageManifest  # type: ignore[assignment]
    return m  # type: ignore[return-value]


def _read_index(obj: dict[str, JSON], raw: bytes, media_type: str, omitted: bool) -> ImageIndex:
    error = InvalidIndexError
    _schema_version(obj, error)
    values = obj.get("manifests")
    if values is None and "manifests" not in obj:
        raise error("is required but missing", pointer="/manifests")
    docker = media_type == DOCKER_MANIFEST_LIST
    manifests = _descriptors(values, "/manifests", error, docker_list=docker)
    index: ImageIndex = _new(ImageIndex)
    if docker:
        _set_index_artifact_type(index, None)
        _set_index_subject(index, None)
        _set_index_annotations(index, EMPTY)
    else:
        subject = _descriptor(obj, "subject", error, required=False)
        _set_index_artifact_type(index, _artifact_type(obj, error))
        _set_index_subject(index, subject)
        _set_index_annotations(index, _annotations(obj, error))
    _set_index_manifests(index, manifests)
    _set_index_media_type(index, media_type)
    _set_index_omit(index, omitted)
    _set_index_raw(index, raw)
    _set_index_digest(index, None)
    return index


def parse_manifest(raw: Buffer | str, media_type: str | None = None) -> ImageManifest | ImageIndex:
    """Read an image manifest or an image index, whichever the document is.

    >>> parse_manifest(b'{"schemaVersion": 2, "manifests": []}').media_type
    'application/vnd.oci.image.index.v1+json'

    Pass the response's Content-Type as ``media_type`` to require that the
    body agrees with it (see the module docstring for the rules).

    :raises InvalidManifestError: the document is not strict JSON or breaks
        its specification (:class:`~oci_core.errors.InvalidIndexError` for an
        index); ``pointer`` names the member.
    :raises AmbiguousManifestError: the document could be read as either kind.
    :raises UnsupportedManifestError: a Docker schema1 or OCI artifact manifest.
    :raises MediaTypeMismatchError: the Content-Type disagrees with the body.
    """
    return _parse(raw, media_type, None)


def parse_image_manifest(raw: Buffer | str, media_type: str | None = None) -> ImageManifest:
    """Read an image manifest (OCI or Docker schema2); an index is an error.

    >>> parse_image_manifest(b'{"schemaVersion": 2, "manifests": []}')
    Traceback (most recent call last):
      ...
    oci_core.errors.InvalidManifestError: /manifests: this document is an image index (application/vnd.oci.image.index.v1+json), not an image manifest
    """
    manifest = _parse(raw, media_type, "manifest")
    assert isinstance(manifest, ImageManifest)
    return manifest


def parse_image_index(raw: Buffer | str, media_type: str | None = None) -> ImageIndex:
    """Read an image index (OCI or a Docker manifest list); a manifest is an error.

    >>> len(parse_image_index(b'{"schemaVersion": 2, "manifests": []}').manifests)
    0
    """
    index = _parse(raw, media_type, "index")
    assert isinstance(index, ImageIndex)
    return index


# -- detection and digests ------------------------------------------------------------------


def detect_media_type(raw: Buffer | str) -> str | None:
    """What kind of manifest ``raw`` is, or ``None`` when that cannot be told without guessing.

    >>> detect_media_type(b'{"schemaVersion": 2, "config": {"mediaType": "application/vnd.oci.image.config.v1+json"}}')
    'application/vnd.oci.image.manifest.v1+json'
    >>> detect_media_type(b'{"schemaVersion": 3}') is None
    True

    The answer does not validate the document (:func:`parse_manifest` does).
    Precedence:

    1. anything but a strict JSON object: ``None``;
    2. a ``mediaType`` member naming a manifest type (OCI manifest or index,
       Docker schema2, manifest list or schema1, the OCI artifact manifest):
       that type; a ``mediaType`` naming anything else: ``None``;
    3. ``schemaVersion`` 1: Docker schema1, signed when there is a
       ``signatures`` member;
    4. ``schemaVersion`` 2: ``manifests`` beside ``config`` or ``layers`` is
       ambiguous (``None``); ``manifests`` is an OCI index; ``config`` or
       ``layers`` is a Docker schema2 manifest when ``config.mediaType`` is
       Docker's config type (containers/image's guess) and an OCI image
       manifest otherwise; anything else is ``None``;
    5. otherwise ``None``.
    """
    try:
        value = _json.loads(raw if isinstance(raw, (bytes, bytearray, memoryview, str)) else b"", max_depth=None)
    except OCIError:
        return None
    if type(value) is not dict:
        return None
    declared = value.get("mediaType")
    if declared is not None or "mediaType" in value:
        if type(declared) is str and declared in KNOWN and is_manifest(declared):
            return declared
        return None
    version = value.get("schemaVersion")
    if type(version) is not int:
        return None
    if version == 1:
        return DOCKER_MANIFEST_SCHEMA1_SIGNED if "signatures" in value else DOCKER_MANIFEST_SCHEMA1
    if version != 2:
        return None
    shaped_as_manifest = "config" in value or "layers" in value
    if "manifests" in value:
        return None if shaped_as_manifest else OCI_IMAGE_INDEX
    if not shaped_as_manifest:
        return None
    config = value.get("config")
    if type(config) is dict and config.get("mediaType") == DOCKER_CONFIG:
        return DOCKER_MANIFEST_SCHEMA2
    return OCI_IMAGE_MANIFEST


def _jose_base64url(text: str, pointer: str) -> bytes:
    # libtrust's joseBase64UrlDecode: drop newlines and spaces, restore the padding.
    text = text.replace("\n", "").replace(" ", "")
    remainder = len(text) % 4
    if remainder == 1 or not text.isascii():
        raise InvalidManifestError("is not base64url", pointer=pointer)
    text += "=" * ((4 - remainder) % 4)
    try:
        return base64.b64decode(text, altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        raise InvalidManifestError("is not base64url", pointer=pointer) from None


def schema1_payload(raw: Buffer | str) -> bytes:
    """The payload a signed Docker schema1 manifest's digest is computed over (libtrust's pretty JWS).

    A signed schema1 manifest carries its JWS signatures inside itself; its
    digest is that of the document with them taken out: each signature's
    protected header says how many bytes of the document precede the
    signatures (``formatLength``) and what text closes it instead
    (``formatTail``, base64url). Every signature must agree.

    :raises InvalidManifestError: there are no signatures, or they cannot be
        read or disagree.
    """
    data = _as_bytes(raw, InvalidManifestError, "a manifest")
    value = _json.loads(data, max_depth=None, error=InvalidManifestError)
    if type(value) is not dict:
        raise InvalidManifestError(f"a manifest must be a JSON object, got {_json_kind(value)}", pointer="")
    signatures = _json.get_list(value, "signatures", "", InvalidManifestError, required=True)
    assert signatures is not None
    length: int | None = None
    tail: bytes | None = None
    for position, signature in enumerate(signatures):
        pointer = f"/signatures/{position}"
        if type(signature) is not dict:
            raise InvalidManifestError(f"a signature must be an object, got {_json_kind(signature)}", pointer=pointer)
        protected = _json.get_str(signature, "protected", pointer, InvalidManifestError, required=True)
        assert protected is not None
        header = _json.loads(
            _jose_base64url(protected, f"{pointer}/protected"), max_depth=None, error=InvalidManifestError
        )
        if type(header) is not dict:
            raise InvalidManifestError("the protected header must be a JSON object", pointer=f"{pointer}/protected")
        this_length = _json.get_int(header, "formatLength", "", InvalidManifestError, required=True, minimum=0)
        encoded_tail = _json.get_str(header, "formatTail", "", InvalidManifestError, required=True)
        assert this_length is not None and encoded_tail is not None
        this_tail = _jose_base64url(encoded_tail, f"{pointer}/protected")
        if this_length == 0 or this_length > len(data):
            raise InvalidManifestError(
                f"formatLength {this_length} does not fit the {len(data)}-byte document", pointer=f"{pointer}/protected"
            )
        if length is not None and (this_length != length or this_tail != tail):
            raise InvalidManifestError("the signatures disagree on the payload", pointer=f"{pointer}/protected")
        length, tail = this_length, this_tail
    if length is None or tail is None:
        raise InvalidManifestError("there are no signatures", pointer="/signatures")
    return data[:length] + tail


def manifest_digest(raw: Buffer | str, algorithm: str = "sha256") -> Digest:
    """The digest a registry gives a manifest: of its bytes, or of a signed schema1 manifest's payload.

    >>> str(manifest_digest(b"{}"))
    'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a'

    This is containers/image's ``manifest.Digest``: only a signed Docker
    schema1 manifest (:func:`schema1_payload`) differs from
    :func:`~oci_core.digest.compute_digest` of the bytes.
    """
    data = _as_bytes(raw, InvalidManifestError, "a manifest")
    if detect_media_type(data) == DOCKER_MANIFEST_SCHEMA1_SIGNED:
        data = schema1_payload(data)
    return compute_digest(data, algorithm)


# -- artifact type and builders ------------------------------------------------------------


@overload
def artifact_type(document: ImageManifest) -> str: ...
@overload
def artifact_type(document: ImageIndex) -> str | None: ...


def artifact_type(document: ImageManifest | ImageIndex) -> str | None:
    """The type of artifact a manifest or index is (manifest.md, "Guidelines for Artifact Usage").

    >>> from oci_core.descriptor import EMPTY_JSON
    >>> artifact_type(ImageManifest(config=EMPTY_JSON, layers=(EMPTY_JSON,), artifact_type="application/x.sbom"))
    'application/x.sbom'

    A manifest's ``artifactType`` when it has one, else its config's media
    type (the rule distribution-spec's referrers API applies; a manifest with
    the empty config always has an ``artifactType``). An index's
    ``artifactType``, or ``None``.
    """
    if isinstance(document, ImageManifest):
        return document.artifact_type or document.config.media_type
    return document.artifact_type


def build_image_manifest(
    config: Descriptor,
    layers: Iterable[Descriptor],
    *,
    media_type: str = OCI_IMAGE_MANIFEST,
    artifact_type: str | None = None,
    subject: Descriptor | None = None,
    annotations: Mapping[str, str] | None = None,
    indent: str | None = None,
) -> tuple[bytes, Descriptor]:
    """A new image manifest's bytes and their descriptor, to push both.

    >>> from oci_core.descriptor import EMPTY_JSON, describe
    >>> raw, desc = build_image_manifest(EMPTY_JSON, [describe(b"hello", "text/plain")],
    ...                                  artifact_type="application/vnd.example")
    >>> desc.media_type, desc.size == len(raw), parse_manifest(raw).descriptor() == desc
    ('application/vnd.oci.image.manifest.v1+json', True, True)

    ``indent`` writes Go's ``MarshalIndent`` form (distribution uses three spaces).
    """
    manifest = ImageManifest(
        config=config,
        layers=tuple(layers),
        media_type=media_type,
        artifact_type=artifact_type,
        subject=subject,
        annotations=FrozenMap(annotations) if annotations else EMPTY,
    )
    raw = manifest.raw if indent is None else manifest.to_json(indent=indent)
    return raw, Descriptor(media_type, compute_digest(raw), len(raw))


def build_image_index(
    manifests: Iterable[Descriptor],
    *,
    media_type: str = OCI_IMAGE_INDEX,
    artifact_type: str | None = None,
    subject: Descriptor | None = None,
    annotations: Mapping[str, str] | None = None,
    indent: str | None = None,
) -> tuple[bytes, Descriptor]:
    """A new image index's bytes and their descriptor.

    >>> raw, desc = build_image_index([])
    >>> raw
    b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}'
    """
    index = ImageIndex(
        manifests=tuple(manifests),
        media_type=media_type,
        artifact_type=artifact_type,
        subject=subject,
        annotations=FrozenMap(annotations) if annotations else EMPTY,
    )
    raw = index.raw if indent is None else index.to_json(indent=indent)
    return raw, Descriptor(media_type, compute_digest(raw), len(raw))
