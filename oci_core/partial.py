"""Images as values: go-containerregistry's ``v1`` interfaces and what its ``v1/partial`` computes, from raw pieces.

Code written against go-containerregistry's ``v1.Image``, ``v1.ImageIndex``
and ``v1.Layer`` ports to the protocols here (:class:`Image`, :class:`Index`,
:class:`Layer`), which any implementation satisfies: an image read from a
layout directory, pulled from a registry, or built in memory. The helpers
compute what ``partial`` computes, from the raw pieces such values hold
(the manifest's bytes, the config's bytes), without I/O:

* descriptors: :func:`descriptor` (``partial.Descriptor``) for anything
  :class:`Describable`, :func:`index_entry` for a manifest listed in an
  index (with its platform and, for an artifact, its ``artifactType``), and
  :func:`referrer_descriptor` for a referrers list;
* :func:`config_name` (``partial.ConfigName``, the image ID);
* layers by blob digest and by diffID: :func:`image_layers` pairs the
  manifest's layers with the config's ``rootfs.diff_ids`` (a count mismatch
  is refused with both counts); :func:`layer_by_digest`,
  :func:`layer_by_diff_id`, :func:`blob_to_diff_id` and :func:`diff_id_to_blob`
  look one up;
* index selection: :func:`manifest_for_platform` (containerd's ranking
  through :mod:`oci_core.platform`; attestation manifests never chosen),
  :func:`manifest_by_digest`, :func:`find_manifests`, :func:`find_images`,
  :func:`find_indexes`, and :func:`all_images`, which walks nested indexes
  whose bytes the caller hands in;
* referrers (distribution-spec, "Referrers Tag Schema"): :func:`referrers_tag`,
  :func:`referrers_index`, :func:`add_referrer`, :func:`remove_referrer` and
  :func:`filter_referrers`;
* the one-pass layer digester, :class:`~oci_core.layerdigest.LayerDigester`,
  re-exported from :mod:`oci_core.layerdigest`.

The effective artifact type of a manifest (its ``artifactType``, else its
config's media type) is :func:`oci_core.manifest.effective_artifact_type`.

>>> from oci_core.descriptor import describe
>>> from oci_core.manifest import ImageIndex
>>> from oci_core.platform import Platform
>>> kind = "application/vnd.oci.image.manifest.v1+json"
>>> amd64 = describe(b"an amd64 manifest", kind, platform=Platform("linux", "amd64"))
>>> arm64 = describe(b"an arm64 manifest", kind, platform=Platform("linux", "arm64"))
>>> manifest_for_platform(ImageIndex(manifests=(amd64, arm64)), Platform("linux", "arm64")) == arm64
True
"""

# pyright: reportUnnecessaryIsInstance=false
# Arguments are checked at run time too: callers that are not type checked get
# a TypeError naming the argument, as the error contract says.

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Protocol, cast

from ._referrers import (
    add_referrer,
    filter_referrers,
    referrer_descriptor,
    referrers_index,
    referrers_tag,
    remove_referrer,
)
from ._walk import DEFAULT_MAX_DEPTH, IMAGE_CONFIGS, as_bytes, check_layer_count, walk
from .config import ImageConfig, parse_image_config
from .descriptor import Descriptor, FrozenMap
from .digest import Digest, compute_digest, parse_digest
from .layerdigest import LayerDigester, LayerDigests, compute_layer_digests
from .manifest import ImageIndex, ImageManifest, parse_image_index, parse_image_manifest
from .mediatypes import is_image_manifest, is_index
from .platform import Matcher, Platform, only

__all__ = [
    "DEFAULT_MAX_DEPTH",
    "Describable",
    "Image",
    "ImageCore",
    "ImageLayer",
    "Index",
    "Layer",
    "LayerDigester",
    "LayerDigests",
    "WithRawConfig",
    "WithRawManifest",
    "add_referrer",
    "all_images",
    "blob_to_diff_id",
    "compute_layer_digests",
    "config_name",
    "descriptor",
    "diff_id_to_blob",
    "filter_referrers",
    "find_images",
    "find_indexes",
    "find_manifests",
    "image_layers",
    "index_entry",
    "is_attestation",
    "layer_by_diff_id",
    "layer_by_digest",
    "manifest_by_digest",
    "manifest_for_platform",
    "referrer_descriptor",
    "referrers_index",
    "referrers_tag",
    "remove_referrer",
]


# -- the protocols (go-containerregistry's v1 interfaces) -----------------------------


class Describable(Protocol):
    """Anything with a media type, a digest and a size (``partial.Describable``)."""

    @property
    def media_type(self) -> str:
        """The media type of the bytes."""
        ...

    @property
    def digest(self) -> Digest:
        """Their digest (for an image or index, of the manifest's bytes)."""
        ...

    @property
    def size(self) -> int:
        """Their length in bytes."""
        ...


class WithRawManifest(Protocol):
    """Anything that holds a manifest's exact bytes (``partial.WithRawManifest``)."""

    @property
    def raw_manifest(self) -> bytes:
        """The manifest's bytes, as stored or served (its digest is theirs)."""
        ...


class WithRawConfig(Protocol):
    """Anything that holds an image configuration's exact bytes (``partial.WithRawConfigFile``)."""

    @property
    def raw_config(self) -> bytes:
        """The configuration's bytes (its digest is the image ID)."""
        ...


class ImageCore(WithRawManifest, WithRawConfig, Protocol):
    """The raw pieces of an image: its manifest's and its config's bytes (what ``BlobToDiffID`` needs)."""


class Layer(Describable, Protocol):
    """A layer (``v1.Layer``): digest and size of the stored bytes, diffID and size of the uncompressed tar.

    :class:`~oci_core.layerdigest.LayerDigests`, what a
    :class:`~oci_core.layerdigest.LayerDigester` gives, is one.
    """

    @property
    def diff_id(self) -> Digest:
        """The digest of the uncompressed tar (config.md, "Layer DiffID")."""
        ...

    @property
    def uncompressed_size(self) -> int:
        """The length of the uncompressed tar."""
        ...


class Image(Describable, ImageCore, Protocol):
    """An image (``v1.Image``): its manifest's media type, digest, size and bytes, its config's bytes, its layers."""

    @property
    def layers(self) -> Sequence[Layer]:
        """The layers, base first."""
        ...


class Index(Describable, WithRawManifest, Protocol):
    """An image index (``v1.ImageIndex``): its own bytes, and the images and indexes it lists, by digest."""

    def image(self, digest: Digest) -> Image:
        """The image whose manifest has ``digest`` (``ImageIndex.Image``)."""
        ...

    def index(self, digest: Digest) -> Index:
        """The nested index with ``digest`` (``ImageIndex.ImageIndex``)."""
        ...


# -- descriptors -------------------------------------------------------------------------

def descriptor(item: Describable) -> Descriptor:
    """The descriptor of anything :class:`Describable`: its media type, digest and size (``partial.Descriptor``).

    >>> from oci_core.manifest import ImageIndex
    >>> descriptor(ImageIndex(manifests=())).size
    88

    Unlike go-containerregistry's, this never adds an ``artifactType``: use
    :func:`index_entry` or :func:`referrer_descriptor` where the spec wants
    one.

    :raises InvalidDescriptorError: the item's media type, digest or size is
        not a valid descriptor's.
    """
    # The constructor checks the kinds of the three values (a TypeError names the member).
    return Descriptor(
        cast("str", _member(item, "media_type", "item", "a Describable")),
        cast("Digest", _member(item, "digest", "item", "a Describable")),
        cast("int", _member(item, "size", "item", "a Describable")),
    )


def _artifact_type_of(document: ImageManifest | ImageIndex) -> str | None:
    """The ``artifactType`` an index entry carries: an artifact's type, ``None`` for a runnable image."""
    if document.artifact_type is not None or isinstance(document, ImageIndex):
        return document.artifact_type
    config_type = document.config.media_type
    return None if config_type in IMAGE_CONFIGS else config_type


def index_entry(
    document: ImageManifest | ImageIndex,
    *,
    platform: Platform | None = None,
    annotations: Mapping[str, str] | None = None,
) -> Descriptor:
    """The descriptor that lists ``document`` in an image index.

    The media type, digest and size of the document's bytes, the ``platform``
    given (image-index.md: it SHOULD be present for a platform-specific
    image; an image's own is ``parse_image_config(raw).platform()``), the
    ``annotations`` given, and, when the document is an artifact, its
    ``artifactType`` (descriptor.md: "the type of an artifact when the
    descriptor points to an artifact"): a manifest's own, else its config's
    media type when that is not an image configuration; an index's own.

    >>> from oci_core.descriptor import EMPTY_JSON
    >>> sbom = ImageManifest(config=EMPTY_JSON, layers=(EMPTY_JSON,), artifact_type="application/spdx+json")
    >>> index_entry(sbom).artifact_type
    'application/spdx+json'

    This is the descriptor ``build_image_manifest(..., artifact_type=...)``
    does not give.
    """
    if not isinstance(document, (ImageManifest, ImageIndex)):
        raise TypeError(f"document must be an ImageManifest or ImageIndex, got {type(document).__name__}")
    if annotations is not None and not isinstance(annotations, Mapping):  # pyright: ignore[reportUnnecessaryIsInstance]  # callers pass anything
        raise TypeError(f"index_entry() annotations must be a mapping, got {type(annotations).__name__}")
    return Descriptor(
        document.media_type,
        document.digest,
        document.size,
        annotations=FrozenMap(annotations or {}),
        platform=platform,
        artifact_type=_artifact_type_of(document),
    )


def config_name(image: WithRawConfig) -> Digest:
    """The digest of an image's configuration bytes, which is its image ID (``partial.ConfigName``).

    >>> class Raw:
    ...     raw_config = b"{}"
    >>> str(config_name(Raw()))
    'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a'
    """
    return compute_digest(_raw(image, "raw_config", "image", "a WithRawConfig"))


def _member(item: object, name: str, argument: str, protocol: str) -> object:
    """``item.name``, or a TypeError saying which protocol ``argument`` should satisfy."""
    try:
        return getattr(item, name)
    except AttributeError:
        raise TypeError(f"{argument} must be {protocol} (with {name!r}), got {type(item).__name__}") from None


def _raw(item: object, name: str, argument: str, protocol: str) -> bytes:
    return as_bytes(_member(item, name, argument, protocol), name)


# -- layers: manifest layers zipped with the config's diffIDs ---------------------------


@dataclass(frozen=True, slots=True)
class ImageLayer:
    """One layer of an image: its manifest descriptor and the diffID its config gives it."""

    descriptor: Descriptor
    diff_id: Digest

    def __post_init__(self) -> None:
        if not isinstance(self.descriptor, Descriptor):
            raise TypeError(f"ImageLayer.descriptor must be a Descriptor, got {type(self.descriptor).__name__}")
        if type(self.diff_id) is not Digest:
            raise TypeError(f"ImageLayer.diff_id must be a Digest, got {type(self.diff_id).__name__}")

    @property
    def media_type(self) -> str:
        """The layer's media type (its descriptor's)."""
        return self.descriptor.media_type

    @property
    def digest(self) -> Digest:
        """The digest of the stored bytes (its descriptor's)."""
        return self.descriptor.digest

    @property
    def size(self) -> int:
        """The length of the stored bytes (its descriptor's)."""
        return self.descriptor.size


def image_layers(manifest: ImageManifest, config: ImageConfig) -> tuple[ImageLayer, ...]:
    """An image's layers, base first, each with the diffID its configuration gives it.

    config.md: ``rootfs.diff_ids`` lists the layers "in order from first to
    last", as the manifest's ``layers`` do; the two lists pair up one to one.

    >>> from oci_core.config import RootFS
    >>> from oci_core.descriptor import EMPTY_JSON, describe
    >>> layer = describe(b"a layer", "application/vnd.oci.image.layer.v1.tar")
    >>> config = ImageConfig(architecture="amd64", os="linux", rootfs=RootFS((layer.digest,)))
    >>> manifest = ImageManifest(config=config.descriptor(), layers=(layer,))
    >>> image_layers(manifest, config)[0].diff_id == layer.digest
    True

    :raises InvalidConfigError: the config lists more or fewer diffIDs than
        the manifest has layers (``pointer`` is ``/rootfs/diff_ids``).
    """
    if not isinstance(manifest, ImageManifest):
        raise TypeError(f"manifest must be an ImageManifest, got {type(manifest).__name__}")
    if not isinstance(config, ImageConfig):
        raise TypeError(f"config must be an ImageConfig, got {type(config).__name__}")
    check_layer_count(manifest, config)
    pairs = zip(manifest.layers, config.rootfs.diff_ids, strict=True)
    return tuple(ImageLayer(layer, diff_id) for layer, diff_id in pairs)


def _wanted(digest: object) -> Digest:
    if type(digest) is Digest:
        return digest
    if not isinstance(digest, str):
        raise TypeError(f"digest must be a Digest or str, got {type(digest).__name__}")
    return parse_digest(str(digest), allow_unregistered=True)


def layer_by_digest(manifest: ImageManifest, config: ImageConfig, digest: Digest | str) -> ImageLayer | None:
    """The layer whose stored bytes have ``digest`` (``v1.Image.LayerByDigest``), or ``None``.

    :raises InvalidConfigError: the config's diffIDs do not pair up with the layers.
    """
    wanted = _wanted(digest)
    return next((layer for layer in image_layers(manifest, config) if layer.digest == wanted), None)


def layer_by_diff_id(manifest: ImageManifest, config: ImageConfig, diff_id: Digest | str) -> ImageLayer | None:
    """The layer whose uncompressed tar has ``diff_id`` (``v1.Image.LayerByDiffID``), or ``None``.

    :raises InvalidConfigError: the config's diffIDs do not pair up with the layers.
    """
    wanted = _wanted(diff_id)
    return next((layer for layer in image_layers(manifest, config) if layer.diff_id == wanted), None)


def _pieces(image: ImageCore) -> tuple[ImageManifest, ImageConfig]:
    return (
        parse_image_manifest(_raw(image, "raw_manifest", "image", "an ImageCore")),
        parse_image_config(_raw(image, "raw_config", "image", "an ImageCore")),
    )


def blob_to_diff_id(image: ImageCore, digest: Digest | str) -> Digest | None:
    """The diffID of the layer whose blob has ``digest`` (``partial.BlobToDiffID``), or ``None``.

    :raises InvalidManifestError: the raw manifest does not parse.
    :raises InvalidConfigError: the raw config does not parse, or its diffIDs
        do not pair up with the manifest's layers.
    """
    layer = layer_by_digest(*_pieces(image), digest)
    return None if layer is None else layer.diff_id


def diff_id_to_blob(image: ImageCore, diff_id: Digest | str) -> Digest | None:
    """The blob digest of the layer whose diffID is ``diff_id`` (``partial.DiffIDToBlob``), or ``None``.

    :raises InvalidManifestError: the raw manifest does not parse.
    :raises InvalidConfigError: the raw config does not parse, or its diffIDs
        do not pair up with the manifest's layers.
    """
    layer = layer_by_diff_id(*_pieces(image), diff_id)
    return None if layer is None else layer.digest


# -- index selection ----------------------------------------------------------------------

#: Docker's build tools list attestation manifests in an image's index beside
#: its platforms, marked by this annotation (its value ``attestation-manifest``)
#: and the platform unknown/unknown; they are never an image to run.
_ATTESTATION_ANNOTATIONS: Final = ("vnd.docker.reference.type",)
#: Platforms that no host runs.
_UNRUNNABLE_PLATFORMS: Final = frozenset({("unknown", "unknown")})


def is_attestation(entry: Descriptor) -> bool:
    """Whether an index entry is an attestation manifest, never chosen for a platform.

    >>> from oci_core.descriptor import describe
    >>> is_attestation(describe(b"{}", "application/vnd.oci.image.manifest.v1+json",
    ...                         annotations={"vnd.docker.reference.type": "attestation-manifest"}))
    True
    """
    if not isinstance(entry, Descriptor):
        raise TypeError(f"entry must be a Descriptor, got {type(entry).__name__}")
    if any(key in entry.annotations for key in _ATTESTATION_ANNOTATIONS):
        return True
    platform = entry.platform
    return platform is not None and (platform.os, platform.architecture) in _UNRUNNABLE_PLATFORMS


def _is_manifest_kind(media_type: str) -> bool:
    return is_image_manifest(media_type) or is_index(media_type)


def _index(value: object) -> ImageIndex:
    if not isinstance(value, ImageIndex):
        raise TypeError(f"index must be an ImageIndex, got {type(value).__name__}")
    return value


def manifest_for_platform(index: ImageIndex, wanted: Platform | Matcher) -> Descriptor | None:
    """The manifest an index offers for a platform, or ``None``.

    containerd's choice (``images.Manifest``): of the entries that are image
    manifests or nested indexes, have a ``platform`` and are not
    attestations (:func:`is_attestation`), those ``wanted`` matches, the one
    it prefers (its ``less``), the earliest in the index among equals.
    ``wanted`` is a :class:`~oci_core.platform.Matcher`, or a platform read as
    :func:`~oci_core.platform.only` (the platforms a host of that platform
    runs). Entries without a platform are skipped (containerd would read
    their config to find one: fetch it and decide). A nested index chosen
    is the caller's to fetch and select in again.

    >>> from oci_core.descriptor import describe
    >>> from oci_core.platform import parse_platform
    >>> kind = "application/vnd.oci.image.manifest.v1+json"
    >>> v6, v7 = (describe(p.encode(), kind, platform=parse_platform(p)) for p in ("linux/arm/v6", "linux/arm/v7"))
    >>> manifest_for_platform(ImageIndex(manifests=(v6, v7)), parse_platform("linux/arm/v7")) == v7
    True

    :raises TypeError: ``index`` is not an :class:`~oci_core.manifest.ImageIndex`,
        or ``wanted`` neither a platform nor a matcher.
    """
    index = _index(index)
    if isinstance(wanted, Platform):
        matcher: Matcher = only(wanted)
    elif callable(getattr(wanted, "match", None)) and callable(getattr(wanted, "less", None)):
        matcher = wanted
    else:
        raise TypeError(f"wanted must be a Platform or a Matcher, got {type(wanted).__name__}")
    best: tuple[Descriptor, Platform] | None = None
    for entry in index.manifests:
        platform = entry.platform
        if platform is None or is_attestation(entry) or not _is_manifest_kind(entry.media_type):
            continue
        if matcher.match(platform) and (best is None or matcher.less(platform, best[1])):
            best = (entry, platform)
    return None if best is None else best[0]


def manifest_by_digest(index: ImageIndex, digest: Digest | str) -> Descriptor | None:
    """The first entry of ``index`` with ``digest``, or ``None``.

    >>> from oci_core.descriptor import describe
    >>> entry = describe(b"{}", "application/vnd.oci.image.manifest.v1+json")
    >>> manifest_by_digest(ImageIndex(manifests=(entry,)), entry.digest) == entry
    True
    """
    index = _index(index)
    wanted = _wanted(digest)
    return next((entry for entry in index.manifests if entry.digest == wanted), None)


def find_manifests(index: ImageIndex, matches: Callable[[Descriptor], bool]) -> tuple[Descriptor, ...]:
    """The entries of ``index`` that ``matches`` accepts, in order (``partial.FindManifests``).

    >>> from oci_core.descriptor import describe
    >>> entry = describe(b"{}", "application/vnd.oci.image.manifest.v1+json", platform=Platform("linux", "s390x"))
    >>> find_manifests(ImageIndex(manifests=(entry,)), lambda d: d.platform is not None) == (entry,)
    True
    """
    index = _index(index)
    if not callable(matches):
        raise TypeError(f"matches must be callable, got {type(matches).__name__}")
    return tuple(entry for entry in index.manifests if matches(entry))


def _listed(index: Index, child: str) -> ImageIndex:
    if not callable(getattr(index, child, None)):
        raise TypeError(f"index must be an Index (with {child}()), got {type(index).__name__}")
    media_type = _member(index, "media_type", "index", "an Index")
    if not isinstance(media_type, str):
        raise TypeError(f"index.media_type must be a str, got {type(media_type).__name__}")
    return parse_image_index(_raw(index, "raw_manifest", "index", "an Index"), media_type)


def _check_matches(matches: object, function: str) -> None:
    # Checked before the walk: an index with no entry of the kind would never call it.
    if matches is not None and not callable(matches):
        raise TypeError(f"{function}() matches must be a callable or None, got {type(matches).__name__}")


def find_images(index: Index, matches: Callable[[Descriptor], bool] | None = None) -> tuple[Image, ...]:
    """The images an :class:`Index` lists that ``matches`` accepts (all for ``None``), in order (``FindImages``).

    Entries that are not image manifests are skipped; nested indexes are not
    entered (:func:`all_images` walks them).

    :raises InvalidIndexError: the index's raw manifest is not an image index
        (:class:`~oci_core.errors.MediaTypeMismatchError` when it is another
        kind of manifest than its media type says).
    """
    _check_matches(matches, "find_images")
    listed = _listed(index, "image")
    return tuple(
        index.image(entry.digest)
        for entry in listed.manifests
        if is_image_manifest(entry.media_type) and (matches is None or matches(entry))
    )


def find_indexes(index: Index, matches: Callable[[Descriptor], bool] | None = None) -> tuple[Index, ...]:
    """The nested indexes an :class:`Index` lists that ``matches`` accepts, in order (``partial.FindIndexes``).

    :raises InvalidIndexError: the index's raw manifest is not an image index
        (see :func:`find_images`).
    """
    _check_matches(matches, "find_indexes")
    listed = _listed(index, "index")
    return tuple(
        index.index(entry.digest)
        for entry in listed.manifests
        if is_index(entry.media_type) and (matches is None or matches(entry))
    )


def all_images(
    index: ImageIndex,
    read: Callable[[Descriptor], bytes],
    *,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> tuple[tuple[Descriptor, ImageManifest], ...]:
    """Every image manifest ``index`` reaches through nested indexes, depth first, each once.

    ``read(descriptor)`` returns the bytes of a manifest or nested index (a
    file of a layout, a registry's answer); each is checked against its
    descriptor's size and digest, and read with its media type, before it
    is trusted. Entries of other media types are left out, and so is
    everything an image manifest points to.

    >>> from oci_core.descriptor import EMPTY_JSON
    >>> image = ImageManifest(config=EMPTY_JSON, layers=(EMPTY_JSON,), artifact_type="text/plain")
    >>> inner = ImageIndex(manifests=(image.descriptor(),))
    >>> outer = ImageIndex(manifests=(inner.descriptor(),))
    >>> blobs = {image.digest: image.raw, inner.digest: inner.raw}
    >>> [m for _, m in all_images(outer, lambda d: blobs[d.digest])] == [image]
    True

    :raises InvalidIndexError: the indexes nest deeper than ``max_depth``,
        or one lists itself through others (a cycle).
    :raises DigestMismatchError: bytes read do not match their descriptor.
    :raises InvalidManifestError: a manifest does not parse.
    """
    return tuple(
        (reached.descriptor, reached.document)
        for reached in walk(_index(index), read, max_depth=max_depth, configs=False)
        if isinstance(reached.document, ImageManifest)
    )
