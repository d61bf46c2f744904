# pyright: reportUnnecessaryIsInstance=false
# (The constructors check the types of their arguments at run time, since
# callers may pass anything; the annotations say those checks cannot fail.)
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
  ``ManifestDescriptor``), whose CPU ``features`` are kept; in an OCI
  document a platform has no ``features`` (image-spec 1.1 reserves the
  member), so it is ignored there;
* ``artifactType``, ``subject`` and ``annotations`` are OCI members: in a
  Docker document they are unknown members, ignored like any other (they
  stay in ``raw``); so are a Docker descriptor's ``data`` and
  ``artifactType``, which distribution's ``Descriptor`` does not have.

Writing (:meth:`ImageManifest.to_json`) gives the bytes each format's own Go
writer gives for the same value. OCI documents are image-spec's
``specs-go/v1`` ``Manifest`` (schemaVersion, mediaType, artifactType, config,
layers, subject, annotations) and ``Index`` (schemaVersion, mediaType,
artifactType, manifests, subject, annotations), their descriptors
``v1.Descriptor`` (mediaType, digest, size, ...). Docker documents are what
Docker's own tools write: distribution's ``schema2.Manifest`` (schemaVersion,
mediaType, config, layers) and ``manifestlist.ManifestList`` (schemaVersion,
mediaType, manifests), their descriptors ``distribution.Descriptor``
(mediaType, size, digest, urls, annotations, platform; containers/image's
``Schema2Descriptor`` agrees), a list entry's ``PlatformSpec`` last
(architecture, os, os.version, os.features, variant, features). So a compact
document written by either kind of tool comes back byte for byte from
``parse_manifest(raw).to_json()``. ``omitempty`` members are left out,
annotation keys sorted; ``to_json(indent="   ")`` is distribution's
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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from . import _json
from ._documents import (
    DOCKER,
    DOCKER_LIST,
    OCI,
    Descriptor,
    as_bytes,
    check_artifact_type,
    check_descriptor_in,
    check_str_map,
    descriptor_from_pairs,
    descriptor_object,
    descriptors_from_pairs,
    is_media_type,
    load,
    load_object,
    make_descriptor,
    media_type_message,
    plain_pairs,
    read_descriptor,
    scan_pairs,
    str_map_from_pairs,
)
from ._fault import Fault
from ._frozenmap import EMPTY, FrozenMap, adopt
from ._values import layout_twin, publish
from .digest import Digest, compute_digest
from .errors import (
    AmbiguousManifestError,
    InvalidIndexError,
    InvalidManifestError,
    InvalidMediaTypeError,
    MediaTypeMismatchError,
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
    parse_media_type,
)

TYPE_CHECKING = False  # typing takes 3.5 ms to import: its names are for the checkers only

if TYPE_CHECKING:
    from typing import Final, TypeVar, cast, overload

    from ._documents import Pairs, Place, Scanned
    from ._json import JSON
    from .digest import Buffer

    _D = TypeVar("_D", bound="_Document")
else:
    from ._values import cast, overload

__all__ = [
    "DEFAULT_MAX_SIZE",
    "ImageIndex",
    "ImageManifest",
    "build_image_index",
    "build_image_manifest",
    "detect_media_type",
    "effective_artifact_type",
    "manifest_digest",
    "parse_image_index",
    "parse_image_manifest",
    "parse_manifest",
    "schema1_payload",
]

#: The largest document the readers take by default, 4 MiB (registries cap manifests there:
#: distribution-spec, "Pushing Manifests").
DEFAULT_MAX_SIZE: Final[int] = _json.DEFAULT_MAX_SIZE

# -- policy -------------------------------------------------------------------------------

#: Every kind of document this module reads: its media type, whether it is an
#: index, and where its descriptors are (which members they have).
_KINDS: Final[Mapping[str, tuple[bool, Place]]] = {
    OCI_IMAGE_MANIFEST: (False, OCI),
    DOCKER_MANIFEST_SCHEMA2: (False, DOCKER),
    OCI_IMAGE_INDEX: (True, OCI),
    DOCKER_MANIFEST_LIST: (True, DOCKER_LIST),
}
_MANIFEST_TYPES: Final = (OCI_IMAGE_MANIFEST, DOCKER_MANIFEST_SCHEMA2)
_INDEX_TYPES: Final = (OCI_IMAGE_INDEX, DOCKER_MANIFEST_LIST)
_DOCKER_TYPES: Final = frozenset({DOCKER_MANIFEST_SCHEMA2, DOCKER_MANIFEST_LIST})
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
# distribution's schema2 and manifestlist types have none of these OCI members.
_OCI_ONLY: Final = (("artifact_type", "artifactType"), ("subject", "subject"), ("annotations", "annotations"))


# -- the values -------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True, init=False, repr=False, eq=False)
class _Document:
    """What manifests and indexes share: their common members and their bytes, with digest and size.

    The two value types are frozen dataclasses of their own; this base only
    declares the shared fields once, and says how both are written and
    copied.
    """

    media_type: str
    artifact_type: str | None = None
    subject: Descriptor | None = None
    annotations: FrozenMap[str, str] = EMPTY
    omit_media_type: bool = False
    raw: bytes = field(default=b"", init=False, compare=False, repr=False)
    _digest: Digest | None = field(default=None, init=False, compare=False, repr=False)

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
        return make_descriptor(self.media_type, self.digest, len(self.raw))

    def to_json(self, *, indent: str | None = None) -> bytes:
        """The bytes Go writes for this document: ``json.Marshal``, or ``json.MarshalIndent`` with ``indent``.

        >>> from oci_core.descriptor import EMPTY_JSON
        >>> ImageManifest(config=EMPTY_JSON, layers=(EMPTY_JSON,), artifact_type="a/b").to_json()[:41]
        b'{"schemaVersion":2,"mediaType":"applicati'
        """
        data = _json.dumps(self.to_json_object(), floats=False)
        return data if indent is None else _json.indent(data, indent)

    def to_json_object(self) -> dict[str, object]:
        """The JSON object, members in the Go type's order, empty optional ones left out."""
        obj: dict[str, object] = {"schemaVersion": 2}
        if not self.omit_media_type:
            obj["mediaType"] = self.media_type
        if self.artifact_type:
            obj["artifactType"] = self.artifact_type
        self._write_payload(obj)
        if self.subject is not None:
            obj["subject"] = descriptor_object(self.subject, OCI)
        if self.annotations:
            obj["annotations"] = _json.sorted_map(self.annotations)
        return obj

    def _write_payload(self, obj: dict[str, object]) -> None:
        """Add the members between artifactType and subject: config and layers, or manifests."""
        raise NotImplementedError

    def __copy__(self: _D) -> _D:
        return self

    def __deepcopy__(self: _D, memo: object) -> _D:
        return self  # every member is immutable


# The base is abstract: its subclasses are frozen dataclasses with their own
# generated __setattr__ and __delattr__. Taking the base's away lets a layout
# twin fill the shared slots with plain stores (see oci_core._values).
del _Document.__setattr__, _Document.__delattr__


@dataclass(frozen=True, slots=True, kw_only=True, repr=False, eq=False)
class ImageManifest(_Document):
    """An image manifest: OCI (manifest.md) or Docker schema2, as ``media_type`` says.

    >>> from oci_core.descriptor import EMPTY_JSON, describe
    >>> m = ImageManifest(config=EMPTY_JSON.with_data(None), layers=(describe(b"hi", "text/plain"),),
    ...                   artifact_type="application/vnd.example+type")
    >>> m.raw[:41], m.size
    (b'{"schemaVersion":2,"mediaType":"applicati', 403)

    Constructing one checks what :func:`parse_manifest` checks (raising
    :class:`~oci_core.errors.InvalidManifestError` with the JSON pointer of
    the offending member, or :class:`TypeError` for a value of the wrong
    Python type) and writes its canonical bytes into ``raw``, so that they
    always parse back to an equal value. A parsed manifest keeps the bytes it
    was read from instead. Equality and the hash compare the typed content,
    not ``raw``: two documents that differ only in spacing or unknown members
    are equal but have different digests.

    ``omit_media_type`` records an OCI document without a ``mediaType``
    member (``media_type`` then says what the document is taken to be); it
    is ``False`` for documents built here, which always declare it.
    """

    media_type: str = OCI_IMAGE_MANIFEST
    config: Descriptor
    layers: tuple[Descriptor, ...]

    # eq, hash and repr as @dataclass(eq=True, frozen=True) writes them, written out here: dataclasses
    # compiles its own when the module is imported (most of what a value class costs to import).
    # tests/test_perf_import.py holds them to dataclasses' answers.
    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        them: ImageManifest = other  # pyright: ignore[reportAssignmentType]  # of this very class, as just seen (mypy narrows it)
        return (
            self.media_type,
            self.artifact_type,
            self.subject,
            self.annotations,
            self.omit_media_type,
            self.config,
            self.layers,
        ) == (
            them.media_type,
            them.artifact_type,
            them.subject,
            them.annotations,
            them.omit_media_type,
            them.config,
            them.layers,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.media_type,
                self.artifact_type,
                self.subject,
                self.annotations,
                self.omit_media_type,
                self.config,
                self.layers,
            )
        )

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"media_type={self.media_type!r}, "
            f"artifact_type={self.artifact_type!r}, "
            f"subject={self.subject!r}, "
            f"annotations={self.annotations!r}, "
            f"omit_media_type={self.omit_media_type!r}, "
            f"config={self.config!r}, "
            f"layers={self.layers!r})"
        )

    def __post_init__(self) -> None:
        try:
            place = _check_common(self, _MANIFEST_TYPES, "ImageManifest")
            if not isinstance(self.config, Descriptor):  # pyright: ignore[reportUnnecessaryIsInstance]  # callers pass anything
                raise TypeError(f"ImageManifest.config must be a Descriptor, got {type(self.config).__name__}")
            check_descriptor_in(self.config, place, "/config")
            layers = _descriptor_tuple(self.layers, "ImageManifest.layers", place, "/layers")
            if layers is not self.layers:
                object.__setattr__(self, "layers", layers)  # the dataclasses idiom for a coerced member
            if self.media_type == OCI_IMAGE_MANIFEST:
                _check_oci_manifest(self.config, layers, self.artifact_type)
        except Fault as fault:
            raise fault.as_error(InvalidManifestError) from None
        object.__setattr__(self, "raw", self.to_json())

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled as its bytes, so that a copy keeps them (and is checked again).
        return (_unpickle, (False, self.raw, self.media_type))

    def _write_payload(self, obj: dict[str, object]) -> None:
        place: Place = DOCKER if self.media_type == DOCKER_MANIFEST_SCHEMA2 else OCI
        obj["config"] = descriptor_object(self.config, place)
        obj["layers"] = [descriptor_object(layer, place) for layer in self.layers]


@dataclass(frozen=True, slots=True, kw_only=True, repr=False, eq=False)
class ImageIndex(_Document):
    """An image index: OCI (image-index.md) or a Docker manifest list, as ``media_type`` says.

    >>> index = ImageIndex(manifests=())
    >>> index.raw
    b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}'

    Everything said of :class:`ImageManifest` holds here too; errors are
    :class:`~oci_core.errors.InvalidIndexError`. Every entry of a Docker
    manifest list has a platform.
    """

    media_type: str = OCI_IMAGE_INDEX
    manifests: tuple[Descriptor, ...]

    # eq, hash and repr as @dataclass(eq=True, frozen=True) writes them, written out here: dataclasses
    # compiles its own when the module is imported (most of what a value class costs to import).
    # tests/test_perf_import.py holds them to dataclasses' answers.
    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        them: ImageIndex = other  # pyright: ignore[reportAssignmentType]  # of this very class, as just seen (mypy narrows it)
        return (
            self.media_type,
            self.artifact_type,
            self.subject,
            self.annotations,
            self.omit_media_type,
            self.manifests,
        ) == (
            them.media_type,
            them.artifact_type,
            them.subject,
            them.annotations,
            them.omit_media_type,
            them.manifests,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.media_type,
                self.artifact_type,
                self.subject,
                self.annotations,
                self.omit_media_type,
                self.manifests,
            )
        )

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"media_type={self.media_type!r}, "
            f"artifact_type={self.artifact_type!r}, "
            f"subject={self.subject!r}, "
            f"annotations={self.annotations!r}, "
            f"omit_media_type={self.omit_media_type!r}, "
            f"manifests={self.manifests!r})"
        )

    def __post_init__(self) -> None:
        try:
            place = _check_common(self, _INDEX_TYPES, "ImageIndex")
            manifests = _descriptor_tuple(self.manifests, "ImageIndex.manifests", place, "/manifests")
            if manifests is not self.manifests:
                object.__setattr__(self, "manifests", manifests)  # the dataclasses idiom for a coerced member
        except Fault as fault:
            raise fault.as_error(InvalidIndexError) from None
        object.__setattr__(self, "raw", self.to_json())

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled as its bytes, so that a copy keeps them (and is checked again).
        return (_unpickle, (True, self.raw, self.media_type))

    def _write_payload(self, obj: dict[str, object]) -> None:
        place: Place = DOCKER_LIST if self.media_type == DOCKER_MANIFEST_LIST else OCI
        obj["manifests"] = [descriptor_object(entry, place) for entry in self.manifests]


_ManifestLayout: Final = layout_twin(ImageManifest)
_IndexLayout: Final = layout_twin(ImageIndex)


def _make_manifest(
    config: Descriptor,
    layers: tuple[Descriptor, ...],
    media_type: str,
    artifact_type: str | None,
    subject: Descriptor | None,
    annotations: FrozenMap[str, str],
    omit_media_type: bool,
    raw: bytes,
) -> ImageManifest:
    m = _ManifestLayout()
    m.media_type = media_type
    m.artifact_type = artifact_type
    m.subject = subject
    m.annotations = annotations
    m.omit_media_type = omit_media_type
    m.raw = raw
    m._digest = None
    m.config = config
    m.layers = layers
    return publish(m, ImageManifest)


def _make_index(
    manifests: tuple[Descriptor, ...],
    media_type: str,
    artifact_type: str | None,
    subject: Descriptor | None,
    annotations: FrozenMap[str, str],
    omit_media_type: bool,
    raw: bytes,
) -> ImageIndex:
    index = _IndexLayout()
    index.media_type = media_type
    index.artifact_type = artifact_type
    index.subject = subject
    index.annotations = annotations
    index.omit_media_type = omit_media_type
    index.raw = raw
    index._digest = None
    index.manifests = manifests
    return publish(index, ImageIndex)


def _unpickle(index: bool, raw: bytes, media_type: str) -> ImageManifest | ImageIndex:
    # A value built here may be larger than the readers' default cap.
    size = max(len(raw), DEFAULT_MAX_SIZE)
    if index:
        return parse_image_index(raw, media_type, max_size=size)
    return parse_image_manifest(raw, media_type, max_size=size)


# -- checks of values built by callers -------------------------------------------


def _check_common(value: _Document, kinds: tuple[str, str], name: str) -> Place:
    """The members manifests and indexes share; the place their descriptors are in."""
    media_type: object = value.media_type
    if type(media_type) is not str:
        if not isinstance(media_type, str):
            raise TypeError(f"{name}.media_type must be a str, got {type(media_type).__name__}")
        media_type = str.__str__(media_type)
        object.__setattr__(value, "media_type", media_type)
    if media_type not in kinds:
        raise Fault(f"must be {' or '.join(kinds)}, got {media_type!r}", pointer="/mediaType")
    annotations = check_str_map(value.annotations, f"{name}.annotations", "/annotations")
    if annotations is not value.annotations:
        object.__setattr__(value, "annotations", annotations)
    subject = value.subject
    if subject is not None:
        if not isinstance(subject, Descriptor):  # pyright: ignore[reportUnnecessaryIsInstance]  # callers pass anything
            raise TypeError(f"{name}.subject must be a Descriptor, got {type(subject).__name__}")
        check_descriptor_in(subject, OCI, "/subject")
    artifact_type = check_artifact_type(value.artifact_type, f"{name}.artifact_type")
    if artifact_type is not value.artifact_type:
        object.__setattr__(value, "artifact_type", artifact_type)
    if type(value.omit_media_type) is not bool:
        raise TypeError(f"{name}.omit_media_type must be a bool, got {type(value.omit_media_type).__name__}")
    if media_type in _DOCKER_TYPES:
        for attribute, member in _OCI_ONLY:
            if getattr(value, attribute):
                raise Fault(
                    f"a Docker {media_type} has no {member} member ({attribute} must be empty)", pointer=f"/{member}"
                )
        if value.omit_media_type:
            raise Fault("Docker manifests and manifest lists must declare their mediaType", pointer="/mediaType")
    return _KINDS[media_type][1]


def _descriptor_tuple(values: object, name: str, place: Place, pointer: str) -> tuple[Descriptor, ...]:
    exact = type(values) is tuple
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"{name} must be a tuple of Descriptor, got {type(values).__name__}")
    items = cast("tuple[object, ...]", values) if exact else tuple(cast("Iterable[object]", values))
    for position, item in enumerate(items):
        if not isinstance(item, Descriptor):
            raise TypeError(f"{name} must hold Descriptor values, got {type(item).__name__}")
        check_descriptor_in(item, place, f"{pointer}/{position}")
    return cast("tuple[Descriptor, ...]", items)


def _check_oci_manifest(config: Descriptor, layers: tuple[Descriptor, ...], artifact_type: str | None) -> None:
    if not layers:
        raise Fault(
            "an OCI image manifest needs at least one layer (image-spec's schema: minItems 1;"
            " an artifact without content uses the empty descriptor)",
            pointer="/layers",
        )
    if artifact_type is None and config.media_type == OCI_EMPTY_JSON:
        raise Fault(
            "is required when the config is the empty descriptor (manifest.md: artifactType MUST be set"
            " when config.mediaType is set to the empty value)",
            pointer="/artifactType",
        )


# -- reading ----------------------------------------------------------------------------

def _parse(raw: object, media_type: object, want: str | None, max_size: int) -> ImageManifest | ImageIndex:
    family = InvalidIndexError if want == "index" else InvalidManifestError
    try:
        if type(max_size) is not int:
            raise TypeError(f"max_size must be an int, got {type(max_size).__name__}")
        data = raw if type(raw) is bytes else as_bytes(raw, "a manifest")
        value = scan_pairs(data, max_size)
        if type(value) is tuple:
            document = _read_pairs(value, data, media_type, want)
            if document is not None:
                return document
        # Anything but the plain case, and every fault, from the strict reader.
        return _from_object(load_object(data, "a manifest", max_size), data, media_type, want)
    except Fault as fault:
        if media_type is not None and not isinstance(media_type, str):  # checked here, off the valid path
            raise TypeError(f"media_type must be a str or None, got {type(media_type).__name__}") from None
        raise fault.as_error(family) from None


# -- the fast scan's reader: the plain shapes of the four kinds, or None ---------------------

#: The members each kind reads. Any other member is unknown, and ignored when plain (no repeated key below
#: it), except those that make the document another kind (CVE-2021-41190, schema1): the strict reader's.
_READ_MEMBERS: Final[Mapping[str, frozenset[str]]] = {
    OCI_IMAGE_MANIFEST: frozenset(
        {"schemaVersion", "mediaType", "artifactType", "config", "layers", "subject", "annotations"}
    ),
    DOCKER_MANIFEST_SCHEMA2: frozenset({"schemaVersion", "mediaType", "config", "layers"}),
    OCI_IMAGE_INDEX: frozenset({"schemaVersion", "mediaType", "artifactType", "manifests", "subject", "annotations"}),
    DOCKER_MANIFEST_LIST: frozenset({"schemaVersion", "mediaType", "manifests"}),
}
_NOT_PLAIN: Final = frozenset({"config", "layers", "manifests", "fsLayers", "signatures"})


def _plain_kind(obj: dict[str, Scanned], media_type: object) -> tuple[str, bool] | None:
    """(media type, omitted) of a document whose kind is plain to see; ``None`` for anything _classify must judge."""
    essence: str | None = None
    if media_type is not None:
        if type(media_type) is str and media_type in _KINDS:
            essence = media_type
        else:
            try:
                essence = _content_type(media_type)
            except Fault:
                return None
    if "mediaType" not in obj:
        if essence is not None:
            return None if essence in _DOCKER_TYPES else (essence, True)  # Docker's must declare it
        if "manifests" in obj:
            return OCI_IMAGE_INDEX, True
        return (OCI_IMAGE_MANIFEST, True) if "config" in obj or "layers" in obj else None
    declared = obj["mediaType"]
    if type(declared) is not str or declared not in _KINDS or (essence is not None and essence != declared):
        return None
    return declared, False


def _read_pairs(pairs: Pairs, data: bytes, media_type: object, want: str | None) -> ImageManifest | ImageIndex | None:
    """A document of the fast scan in its plain shape (a kind plain to see, plain descriptors), or ``None``."""
    obj: dict[str, Scanned] = dict(pairs)
    if len(obj) != len(pairs) or obj.get("schemaVersion") != 2 or type(obj["schemaVersion"]) is not int:
        return None
    kind = _plain_kind(obj, media_type)
    if kind is None:
        return None
    declared, omitted = kind
    read = _READ_MEMBERS[declared]
    if not read.issuperset(obj):
        for key, member in pairs:
            if key not in read and (key in _NOT_PLAIN or not plain_pairs(member)):
                return None
    is_index, place = _KINDS[declared]
    if want is not None and is_index is not (want == "index"):
        return None
    artifact_type = subject = None
    annotations = EMPTY
    if place != DOCKER and place != DOCKER_LIST:
        # Absent and null differ: the strict reader refuses a null member (this reader answers None for it).
        if "artifactType" in obj:
            value = obj["artifactType"]
            if not is_media_type(value):
                return None
            artifact_type = value
        if "subject" in obj:
            subject = descriptor_from_pairs(obj["subject"], OCI)
            if subject is None:
                return None
        if "annotations" in obj:
            strings = str_map_from_pairs(obj["annotations"])
            if strings is None:
                return None
            annotations = strings
    if is_index:
        manifests = descriptors_from_pairs(obj.get("manifests"), place)
        if manifests is None:
            return None
        return _make_index(manifests, declared, artifact_type, subject, annotations, omitted, data)  # type: ignore[arg-type]
    config = obj.get("config")
    values = obj.get("layers")
    if type(values) is not list:
        return None
    # The config is read with the layers, so that every digest is checked in one go.
    found = descriptors_from_pairs([config, *values], place)
    if found is None:
        return None
    config_descriptor, layers = found[0], found[1:]
    if place == OCI and (not layers or (artifact_type is None and config_descriptor.media_type == OCI_EMPTY_JSON)):
        return None
    return _make_manifest(config_descriptor, layers, declared, artifact_type, subject, annotations, omitted, data)  # type: ignore[arg-type]


# -- the strict reader ---------------------------------------------------------------------------


def _from_object(obj: dict[str, JSON], data: bytes, media_type: object, want: str | None) -> ImageManifest | ImageIndex:
    kind, omitted = _classify(obj, media_type, want)
    is_index, place = _KINDS[kind]
    if not is_index:
        return _read_manifest(obj, data, kind, omitted, place)
    try:
        return _read_index(obj, data, kind, omitted, place)
    except Fault as fault:
        if fault.kind is None:  # an index's faults are InvalidIndexError whoever asked
            fault.kind = InvalidIndexError
        raise


def _content_type(media_type: object) -> str:
    """The essence of a Content-Type, which must be a manifest type (parameters ignored)."""
    if type(media_type) is str and media_type in KNOWN:
        essence = media_type
    else:
        if not isinstance(media_type, str):  # the caller's argument, not the document's data
            raise TypeError(f"media_type must be a str or None, got {type(media_type).__name__}")
        try:
            essence = parse_media_type(str.__str__(media_type)).essence
        except InvalidMediaTypeError as exc:
            raise Fault(f"Content-Type is not a media type: {exc}", pointer="", kind=MediaTypeMismatchError) from None
    if essence in _SCHEMA1:
        raise Fault(_SCHEMA1_MESSAGE.format(essence), pointer="", kind=UnsupportedManifestError)
    if essence == OCI_ARTIFACT_MANIFEST:
        raise Fault(_ARTIFACT_MESSAGE, pointer="", kind=UnsupportedManifestError)
    if essence not in _KINDS:
        message = f"Content-Type {media_type!r} is not a manifest or index media type"
        raise Fault(message, pointer="", kind=MediaTypeMismatchError)
    return essence


def _refuse_unsupported(obj: dict[str, JSON], declared: object) -> None:
    if declared in _SCHEMA1:
        raise Fault(_SCHEMA1_MESSAGE.format(declared), pointer="/mediaType", kind=UnsupportedManifestError)
    if declared == OCI_ARTIFACT_MANIFEST:
        raise Fault(_ARTIFACT_MESSAGE, pointer="/mediaType", kind=UnsupportedManifestError)
    version = obj.get("schemaVersion")
    if type(version) is int and version == 1:
        raise Fault(_SCHEMA1_MESSAGE.format("schemaVersion 1"), pointer="/schemaVersion", kind=UnsupportedManifestError)
    for member in ("fsLayers", "signatures"):
        if member in obj:
            message = _SCHEMA1_MESSAGE.format(f"a {member!r} member says so")
            raise Fault(message, pointer=f"/{member}", kind=UnsupportedManifestError)
    if "manifests" in obj:
        for member in _MANIFEST_MEMBERS:
            if member in obj:
                raise Fault(
                    f"a document with both 'manifests' and {member!r} could be read as an index or as a"
                    " manifest (CVE-2021-41190)",
                    pointer="/manifests",
                    kind=AmbiguousManifestError,
                )


def _classify(obj: dict[str, JSON], content_type: object, want: str | None) -> tuple[str, bool]:
    """(media type, omitted): what the document is, after every consistency check."""
    declared = obj.get("mediaType")
    if (declared is None and "mediaType" in obj) or (declared is not None and type(declared) is not str):
        raise _json.wrong_type("/mediaType", "a string", declared)
    _refuse_unsupported(obj, declared)
    essence = None if content_type is None else _content_type(content_type)
    if type(declared) is str:
        if essence is not None and declared != essence:
            raise Fault(
                f"the document declares {declared!r} but was served as {essence!r}",
                pointer="/mediaType",
                kind=MediaTypeMismatchError,
            )
        if declared not in _KINDS:
            raise Fault(f"{declared!r} is not an image manifest or index media type", pointer="/mediaType")
        media_type, omitted, source = declared, False, "declared"
    elif essence is not None:
        if essence in _DOCKER_TYPES:
            raise Fault(
                f"is required in a Docker {essence} but missing (distribution refuses it)", pointer="/mediaType"
            )
        media_type, omitted, source = essence, True, "served"
    elif "manifests" in obj:
        media_type, omitted, source = OCI_IMAGE_INDEX, True, "shape"
    elif "config" in obj or "layers" in obj:
        media_type, omitted, source = OCI_IMAGE_MANIFEST, True, "shape"
    else:
        raise Fault("cannot tell what this document is: it has no mediaType, config, layers or manifests", pointer="")
    if not _KINDS[media_type][0]:
        if "manifests" in obj:
            _refuse_shape(source, media_type, "/manifests", "an index")
        if want == "index":
            raise Fault(
                f"this document is an image manifest ({media_type}), not an index",
                pointer="/mediaType" if source == "declared" else _first_member(obj, _MANIFEST_MEMBERS),
                kind=InvalidIndexError,
            )
    else:
        for member in _MANIFEST_MEMBERS:
            if member in obj:
                _refuse_shape(source, media_type, f"/{member}", "a manifest")
        if want == "manifest":
            raise Fault(
                f"this document is an image index ({media_type}), not an image manifest",
                pointer="/mediaType" if source == "declared" else "/manifests",
                kind=InvalidManifestError,
            )
    return media_type, omitted


def _refuse_shape(source: str, media_type: str, pointer: str, shape: str) -> None:
    member = pointer[1:]
    if source == "served":
        raise Fault(
            f"served as {media_type!r} but shaped as {shape} (it has {member!r})",
            pointer=pointer,
            kind=MediaTypeMismatchError,
        )
    raise Fault(
        f"declared {media_type!r} but has {member!r}, a member of {shape} (CVE-2021-41190)",
        pointer=pointer,
        kind=AmbiguousManifestError,
    )


def _first_member(obj: dict[str, JSON], members: tuple[str, ...]) -> str:
    for member in members:
        if member in obj:
            return f"/{member}"
    return ""


def _schema_version(obj: dict[str, JSON]) -> None:
    version = obj.get("schemaVersion")
    if type(version) is int and version == 2:
        return
    raise Fault(f"must be 2, got {_json.require_int(obj, 'schemaVersion', '')}", pointer="/schemaVersion")


def _descriptors(values: JSON, pointer: str, place: Place) -> tuple[Descriptor, ...]:
    if type(values) is not list:
        raise _json.wrong_type(pointer, "an array", values)
    return tuple(read_descriptor(item, f"{pointer}/{position}", place) for position, item in enumerate(values))


def _descriptor(obj: dict[str, JSON], key: str, place: Place) -> Descriptor | None:
    value = obj.get(key)
    if value is None and key not in obj:
        return None
    return read_descriptor(value, f"/{key}", place)


def _annotations(obj: dict[str, JSON]) -> FrozenMap[str, str]:
    checked = _json.get_str_map(obj, "annotations", "")
    return adopt(checked) if checked else EMPTY


def _artifact_type(obj: dict[str, JSON]) -> str | None:
    value = obj.get("artifactType")
    if value is None and "artifactType" not in obj:
        return None
    if is_media_type(value):
        return value  # type: ignore[return-value]  # is_media_type answers for exact str only
    text = _json.require_str(obj, "artifactType", "")
    raise Fault(media_type_message(text), pointer="/artifactType")


def _read_manifest(obj: dict[str, JSON], raw: bytes, media_type: str, omitted: bool, place: Place) -> ImageManifest:
    _schema_version(obj)
    value = obj.get("config")
    if value is None and "config" not in obj:
        raise _json.missing("/config")
    config = read_descriptor(value, "/config", place)
    values = obj.get("layers")
    if values is None and "layers" not in obj:
        raise _json.missing("/layers")
    layers = _descriptors(values, "/layers", place)
    if place == DOCKER:
        return _make_manifest(config, layers, media_type, None, None, EMPTY, omitted, raw)
    artifact_type = _artifact_type(obj)
    _check_oci_manifest(config, layers, artifact_type)
    subject = _descriptor(obj, "subject", OCI)
    return _make_manifest(config, layers, media_type, artifact_type, subject, _annotations(obj), omitted, raw)


def _read_index(obj: dict[str, JSON], raw: bytes, media_type: str, omitted: bool, place: Place) -> ImageIndex:
    _schema_version(obj)
    values = obj.get("manifests")
    if values is None and "manifests" not in obj:
        raise _json.missing("/manifests")
    manifests = _descriptors(values, "/manifests", place)
    if place == DOCKER_LIST:
        return _make_index(manifests, media_type, None, None, EMPTY, omitted, raw)
    subject = _descriptor(obj, "subject", OCI)
    artifact_type = _artifact_type(obj)
    return _make_index(manifests, media_type, artifact_type, subject, _annotations(obj), omitted, raw)


def parse_manifest(
    raw: Buffer | str, media_type: str | None = None, *, max_size: int = DEFAULT_MAX_SIZE
) -> ImageManifest | ImageIndex:
    """Read an image manifest or an image index, whichever the document is.

    >>> parse_manifest(b'{"schemaVersion": 2, "manifests": []}').media_type
    'application/vnd.oci.image.index.v1+json'

    Pass the response's Content-Type as ``media_type`` to require that the
    body agrees with it (see the module docstring for the rules). A document
    of more than ``max_size`` bytes (4 MiB by default, the cap registries
    apply) is refused before it is read.

    :raises InvalidManifestError: the document is not strict JSON or breaks
        its specification (:class:`~oci_core.errors.InvalidIndexError` for an
        index); ``pointer`` names the member.
    :raises AmbiguousManifestError: the document could be read as either kind.
    :raises UnsupportedManifestError: a Docker schema1 or OCI artifact manifest.
    :raises MediaTypeMismatchError: the Content-Type disagrees with the body.
    :raises TypeError: ``media_type`` is neither a ``str`` nor ``None``, or
        ``max_size`` is not an ``int``.
    """
    return _parse(raw, media_type, None, max_size)


def parse_image_manifest(
    raw: Buffer | str, media_type: str | None = None, *, max_size: int = DEFAULT_MAX_SIZE
) -> ImageManifest:
    """Read an image manifest (OCI or Docker schema2); an index is an error.

    >>> parse_image_manifest(b'{"schemaVersion": 2, "manifests": []}')  # doctest: +ELLIPSIS
    Traceback (most recent call last):
      ...
    oci_core.errors.InvalidManifestError: /manifests: this document is an image index (...), not an image manifest

    ``max_size`` is as for :func:`parse_manifest` (4 MiB by default).
    """
    manifest = _parse(raw, media_type, "manifest", max_size)
    if not isinstance(manifest, ImageManifest):  # pragma: no cover - _classify refuses an index
        raise InvalidManifestError("this document is an image index, not an image manifest", pointer="")
    return manifest


def parse_image_index(
    raw: Buffer | str, media_type: str | None = None, *, max_size: int = DEFAULT_MAX_SIZE
) -> ImageIndex:
    """Read an image index (OCI or a Docker manifest list); a manifest is an error.

    >>> len(parse_image_index(b'{"schemaVersion": 2, "manifests": []}').manifests)
    0

    ``max_size`` is as for :func:`parse_manifest` (4 MiB by default).
    """
    index = _parse(raw, media_type, "index", max_size)
    if not isinstance(index, ImageIndex):  # pragma: no cover - _classify refuses a manifest
        raise InvalidIndexError("this document is an image manifest, not an index", pointer="")
    return index


# -- detection and digests ------------------------------------------------------------------


def detect_media_type(raw: Buffer | str) -> str | None:
    """What kind of manifest ``raw`` is, or ``None`` when that cannot be told without guessing.

    >>> detect_media_type(b'{"schemaVersion": 2, "config": {"mediaType": "application/vnd.oci.image.config.v1+json"}}')
    'application/vnd.oci.image.manifest.v1+json'
    >>> detect_media_type(b'{"schemaVersion": 3}') is None
    True

    The answer does not validate the document (:func:`parse_manifest` does),
    and it never raises. Precedence:

    1. anything but a strict JSON object of at most 4 MiB: ``None``;
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
        value = load(as_bytes(raw, "a manifest"), DEFAULT_MAX_SIZE)
    except Fault:
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
        raise Fault("is not base64url", pointer=pointer)
    text += "=" * ((4 - remainder) % 4)
    try:
        return base64.b64decode(text, altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        raise Fault("is not base64url", pointer=pointer) from None


def _schema1_payload(data: bytes, max_size: int) -> bytes:
    value = load_object(data, "a manifest", max_size)
    signatures = _json.require_list(value, "signatures", "")
    length: int | None = None
    tail: bytes | None = None
    for position, signature in enumerate(signatures):
        pointer = f"/signatures/{position}"
        if type(signature) is not dict:
            raise Fault(f"a signature must be an object, got {_json.kind(signature)}", pointer=pointer)
        protected = _json.require_str(signature, "protected", pointer)
        where = f"{pointer}/protected"
        try:
            header = load(_jose_base64url(protected, where), max_size)
            if type(header) is not dict:
                raise Fault("the protected header must be a JSON object", pointer="")
            this_length = _json.require_int(header, "formatLength", "", minimum=0)
            encoded_tail = _json.require_str(header, "formatTail", "")
        except Fault as fault:  # a fault inside the header is a fault of the member that holds it
            raise Fault(f"{fault.message}{' at ' + fault.pointer if fault.pointer else ''}", pointer=where) from None
        this_tail = _jose_base64url(encoded_tail, where)
        if this_length == 0 or this_length > len(data):
            raise Fault(f"formatLength {this_length} does not fit the {len(data)}-byte document", pointer=where)
        if length is not None and (this_length != length or this_tail != tail):
            raise Fault("the signatures disagree on the payload", pointer=where)
        length, tail = this_length, this_tail
    if length is None or tail is None:
        raise Fault("there are no signatures", pointer="/signatures")
    return data[:length] + tail


def schema1_payload(raw: Buffer | str, *, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """The payload a signed Docker schema1 manifest's digest is computed over (libtrust's pretty JWS).

    A signed schema1 manifest carries its JWS signatures inside itself; its
    digest is that of the document with them taken out: each signature's
    protected header says how many bytes of the document precede the
    signatures (``formatLength``) and what text closes it instead
    (``formatTail``, base64url). Every signature must agree.

    :raises InvalidManifestError: there are no signatures, or they cannot be
        read or disagree.
    """
    if type(max_size) is not int:
        raise TypeError(f"max_size must be an int, got {type(max_size).__name__}")
    try:
        return _schema1_payload(as_bytes(raw, "a manifest"), max_size)
    except Fault as fault:
        raise fault.as_error(InvalidManifestError) from None


def manifest_digest(raw: Buffer | str, algorithm: str = "sha256") -> Digest:
    """The digest a registry gives a manifest: of its bytes, or of a signed schema1 manifest's payload.

    >>> str(manifest_digest(b"{}"))
    'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a'

    This is containers/image's ``manifest.Digest``: only a signed Docker
    schema1 manifest (:func:`schema1_payload`) differs from
    :func:`~oci_core.digest.compute_digest` of the bytes.

    :raises InvalidManifestError: ``raw`` is not bytes or text, or is a
        signed schema1 manifest whose signatures cannot be read.
    """
    try:
        data = as_bytes(raw, "a manifest")
        if detect_media_type(data) == DOCKER_MANIFEST_SCHEMA1_SIGNED:
            data = _schema1_payload(data, max(len(data), DEFAULT_MAX_SIZE))
    except Fault as fault:
        raise fault.as_error(InvalidManifestError) from None
    return compute_digest(data, algorithm)


# -- artifact type and builders ------------------------------------------------------------


@overload
def effective_artifact_type(document: ImageManifest) -> str: ...
@overload
def effective_artifact_type(document: ImageIndex) -> str | None: ...


def effective_artifact_type(document: ImageManifest | ImageIndex) -> str | None:
    """The type of artifact a manifest or index is (manifest.md, "Guidelines for Artifact Usage").

    >>> from oci_core.descriptor import EMPTY_JSON
    >>> m = ImageManifest(config=EMPTY_JSON, layers=(EMPTY_JSON,), artifact_type="application/x.sbom")
    >>> effective_artifact_type(m)
    'application/x.sbom'

    A manifest's ``artifactType`` when it has one, else its config's media
    type (the rule distribution-spec's referrers API applies; a manifest with
    the empty config always has an ``artifactType``). An index's
    ``artifactType``, or ``None``. The field ``artifact_type`` is only what
    the document declares.

    :raises TypeError: ``document`` is neither.
    """
    if isinstance(document, ImageManifest):
        return document.artifact_type or document.config.media_type
    if isinstance(document, ImageIndex):  # pyright: ignore[reportUnnecessaryIsInstance]  # callers pass anything
        return document.artifact_type
    raise TypeError(f"effective_artifact_type() needs an ImageManifest or ImageIndex, got {type(document).__name__}")


def _check_annotations(annotations: object, function: str) -> None:
    # Before the falsy test below: 0 or "" would otherwise pass for "no annotations".
    if annotations is not None and not isinstance(annotations, Mapping):
        raise TypeError(f"{function}() annotations must be a mapping, got {type(annotations).__name__}")


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
    _check_annotations(annotations, "build_image_manifest")
    manifest = ImageManifest(
        config=config,
        layers=layers,  # type: ignore[arg-type]  # the constructor makes the tuple
        media_type=media_type,
        artifact_type=artifact_type,
        subject=subject,
        annotations=annotations if annotations else EMPTY,  # type: ignore[arg-type]  # the constructor freezes it
    )
    raw = manifest.raw if indent is None else manifest.to_json(indent=indent)
    return raw, make_descriptor(manifest.media_type, compute_digest(raw), len(raw))


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
    _check_annotations(annotations, "build_image_index")
    index = ImageIndex(
        manifests=manifests,  # type: ignore[arg-type]  # the constructor makes the tuple
        media_type=media_type,
        artifact_type=artifact_type,
        subject=subject,
        annotations=annotations if annotations else EMPTY,  # type: ignore[arg-type]  # the constructor freezes it
    )
    raw = index.raw if indent is None else index.to_json(indent=indent)
    return raw, make_descriptor(index.media_type, compute_digest(raw), len(raw))

