"""The OCI image layout (image-spec image-layout.md), as values: what to read, what to check, what to write.

A directory holding an image layout has:

* ``oci-layout``, a JSON object whose ``imageLayoutVersion`` is ``"1.0.0"``
  (:class:`ImageLayout`, :func:`parse_image_layout`);
* ``index.json``, an OCI image index, the entry point (:func:`parse_index`);
  an entry's ``org.opencontainers.image.ref.name`` annotation names it, as a
  tag does (:func:`find_ref_name`);
* ``blobs/<alg>/<encoded>``, each blob named by its digest (:func:`blob_path`).

Nothing here touches a file. The caller reads bytes and hands them in, and
writes the bytes handed back: a new ``index.json`` when manifests are added,
replaced or removed (:func:`add_manifest`, :func:`remove_manifests`,
:func:`layout_files`); which blobs the index reaches, through nested
indexes and manifests the caller reads (:func:`reachable_blobs`,
:func:`unreachable_blobs` for garbage collection); and a plan for verifying
a whole layout, blob by blob (:func:`verify_plan`, :class:`BlobCheck`).

>>> parse_image_layout(b'{"imageLayoutVersion": "1.0.0"}').image_layout_version
'1.0.0'
>>> blob_path("sha256:" + "a" * 64)
'blobs/sha256/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
"""

# pyright: reportUnnecessaryIsInstance=false
# Arguments are checked at run time too: callers that are not type checked get
# a TypeError naming the argument, as the error contract says.

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final

from . import _json
from ._documents import as_bytes, load_object
from ._fault import Fault
from ._walk import DEFAULT_MAX_DEPTH, ROLES, Role, walk
from .annotations import REF_NAME, is_ref_name
from .descriptor import Descriptor, FrozenMap
from .digest import ALGORITHMS, Digest, parse_digest
from .errors import InvalidLayoutError, OCIError, UnsupportedAlgorithmError
from .layerdigest import LayerDigester, LayerDigests
from .manifest import ImageIndex, parse_image_index
from .mediatypes import OCI_IMAGE_INDEX

if TYPE_CHECKING:
    from .digest import Buffer

__all__ = [
    "BLOBS_DIRECTORY",
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_MAX_SIZE",
    "IMAGE_LAYOUT_VERSION",
    "INDEX_FILE",
    "OCI_LAYOUT_FILE",
    "ROLES",
    "BlobCheck",
    "ImageLayout",
    "add_manifest",
    "blob_path",
    "find_ref_name",
    "layout_files",
    "parse_image_layout",
    "parse_index",
    "reachable_blobs",
    "remove_manifests",
    "unreachable_blobs",
    "verify_plan",
]

#: The version image-layout.md defines.
IMAGE_LAYOUT_VERSION: Final = "1.0.0"
#: The name of the marker file.
OCI_LAYOUT_FILE: Final = "oci-layout"
#: The name of the entry point.
INDEX_FILE: Final = "index.json"
#: The largest file :func:`parse_image_layout` takes by default, 4 MiB.
DEFAULT_MAX_SIZE: Final[int] = _json.DEFAULT_MAX_SIZE
#: The directory of the blobs.
BLOBS_DIRECTORY: Final = "blobs"

# The blobs' media type when nothing is decompressed: the digester takes them as stored.
_AS_STORED: Final = "application/octet-stream"


# -- oci-layout and index.json ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImageLayout:
    """The content of an ``oci-layout`` file.

    >>> ImageLayout().to_json()
    b'{"imageLayoutVersion":"1.0.0"}'
    """

    image_layout_version: str = IMAGE_LAYOUT_VERSION

    def __post_init__(self) -> None:
        if type(self.image_layout_version) is not str:
            kind = type(self.image_layout_version).__name__
            raise TypeError(f"ImageLayout.image_layout_version must be a str, got {kind}")
        if self.image_layout_version != IMAGE_LAYOUT_VERSION:
            raise InvalidLayoutError(
                f"must be {IMAGE_LAYOUT_VERSION!r}, got {self.image_layout_version!r}", pointer="/imageLayoutVersion"
            )

    def to_json(self) -> bytes:
        """The bytes Go writes for image-spec's ``v1.ImageLayout``."""
        return _json.dumps({"imageLayoutVersion": self.image_layout_version}, floats=False)


def _json_object(raw: object, what: str, max_size: int) -> dict[str, _json.JSON]:
    """The one place this module reads JSON: the documents' strict reader."""
    return load_object(as_bytes(raw, what), what, max_size)


def parse_image_layout(raw: Buffer | str, *, max_size: int = DEFAULT_MAX_SIZE) -> ImageLayout:
    """Read an ``oci-layout`` file (image-layout.md, "oci-layout file").

    Other members are allowed ("It MAY include additional fields"). A file
    of more than ``max_size`` bytes (4 MiB by default) is refused before it
    is read.

    :raises InvalidLayoutError: not strict JSON, not an object, or
        ``imageLayoutVersion`` is missing or not ``"1.0.0"``.
    :raises TypeError: ``max_size`` is not an int.
    """
    if type(max_size) is not int:
        raise TypeError(f"parse_image_layout() max_size must be an int, got {type(max_size).__name__}")
    try:
        obj = _json_object(raw, "an oci-layout file", max_size)
        version = _json.require_str(obj, "imageLayoutVersion", "")
    except Fault as fault:
        raise fault.as_error(InvalidLayoutError) from None
    return ImageLayout(version)


def parse_index(raw: Buffer | str) -> ImageIndex:
    """Read a layout's ``index.json`` (image-layout.md, "index.json file").

    >>> parse_index(b'{"schemaVersion": 2, "manifests": []}').manifests
    ()

    It "MUST be an image index": an OCI image index, ``mediaType`` present or
    not. Entries of unknown media types are kept (they "MUST NOT generate an
    error").

    :raises InvalidIndexError: the document is not an image index.
    :raises InvalidLayoutError: it is a Docker manifest list.
    """
    index = parse_image_index(raw)
    if index.media_type != OCI_IMAGE_INDEX:
        raise InvalidLayoutError(
            f"index.json must be an OCI image index ({OCI_IMAGE_INDEX}), got {index.media_type}", pointer="/mediaType"
        )
    return index


def _layout_index(index: object) -> ImageIndex:
    if not isinstance(index, ImageIndex):
        raise TypeError(f"index must be an ImageIndex, got {type(index).__name__}")
    if index.media_type != OCI_IMAGE_INDEX:
        raise ValueError(f"a layout's index must be an OCI image index ({OCI_IMAGE_INDEX}), got {index.media_type}")
    return index


# -- blobs --------------------------------------------------------------------------------------


def blob_path(digest: Digest | str) -> str:
    """The path of the blob with ``digest``, relative to the layout's root: ``blobs/<alg>/<encoded>``.

    image-layout.md, "Blobs". Only a digest that passes the grammar of
    descriptor.md gets a path (unregistered algorithms included), and that
    grammar has no ``/``, no ``\\``, no NUL and no ``..`` (``.`` only ever
    separates two algorithm components), so the path never leaves
    ``blobs/``, whatever the text. It uses ``/`` on every system
    (``pathlib`` joins it).

    :raises InvalidDigestError: ``digest`` is not a digest.
    :raises TypeError: ``digest`` is not text.
    """
    if not isinstance(digest, str):
        raise TypeError(f"digest must be a Digest or str, got {type(digest).__name__}")
    # Parsed again even when it is a Digest already: the text decides, never a subclass's methods.
    algorithm, _, encoded = str.partition(parse_digest(str.__str__(digest), allow_unregistered=True), ":")
    return f"{BLOBS_DIRECTORY}/{algorithm}/{encoded}"


# -- lookups and updates of index.json -----------------------------------------------------------


def find_ref_name(index: ImageIndex, ref_name: str) -> tuple[Descriptor, ...]:
    """The entries of ``index`` whose ``org.opencontainers.image.ref.name`` is ``ref_name``, in order.

    >>> from oci_core.descriptor import describe
    >>> v1 = describe(b"{}", "application/vnd.oci.image.manifest.v1+json", annotations={REF_NAME: "v1"})
    >>> find_ref_name(ImageIndex(manifests=(v1,)), "v1") == (v1,)
    True

    Names are compared exactly (image-layout.md gives them no semantics).
    """
    if not isinstance(index, ImageIndex):
        raise TypeError(f"index must be an ImageIndex, got {type(index).__name__}")
    if not isinstance(ref_name, str):
        raise TypeError(f"ref_name must be a str, got {type(ref_name).__name__}")
    wanted = str.__str__(ref_name)
    return tuple(entry for entry in index.manifests if entry.annotations.get(REF_NAME) == wanted)


def _named(descriptor: Descriptor, ref_name: str | None) -> tuple[Descriptor, str | None]:
    if not isinstance(descriptor, Descriptor):
        raise TypeError(f"descriptor must be a Descriptor, got {type(descriptor).__name__}")
    if ref_name is None:
        return descriptor, descriptor.annotations.get(REF_NAME)
    if not isinstance(ref_name, str):
        raise TypeError(f"ref_name must be a str, got {type(ref_name).__name__}")
    ref_name = str.__str__(ref_name)
    if not is_ref_name(ref_name):
        raise ValueError(f"ref_name must match the ref grammar of annotations.md, got {ref_name!r}")
    annotations = FrozenMap({**descriptor.annotations, REF_NAME: ref_name})
    return replace(descriptor, annotations=annotations), ref_name


def add_manifest(index: ImageIndex, descriptor: Descriptor, *, ref_name: str | None = None) -> ImageIndex:
    """``index`` with ``descriptor`` added; an entry of the same ref.name is replaced.

    ``ref_name`` names the entry (it is written into its
    ``org.opencontainers.image.ref.name`` annotation, which must then fit
    annotations.md's grammar); without it, the descriptor's own annotation,
    if any, names it. A name is one entry's, as a tag is one manifest's: the
    first entry with that name is replaced where it stands and any later
    ones are dropped; a new name is appended. An unnamed descriptor is
    appended unless an equal entry is already there. When nothing changes
    the result *is* ``index``. Write the result's ``raw`` to ``index.json``.

    >>> from oci_core.descriptor import describe
    >>> old, new = (describe(t, "application/vnd.oci.image.manifest.v1+json") for t in (b"old", b"new"))
    >>> index = add_manifest(ImageIndex(manifests=()), old, ref_name="latest")
    >>> index = add_manifest(index, new, ref_name="latest")
    >>> [(entry.digest == new.digest, entry.annotations[REF_NAME]) for entry in index.manifests]
    [(True, 'latest')]

    :raises ValueError: ``ref_name`` does not fit the grammar, or ``index``
        is not an OCI image index.
    """
    index = _layout_index(index)
    descriptor, name = _named(descriptor, ref_name)
    if name is None:
        if descriptor in index.manifests:
            return index
        return replace(index, manifests=(*index.manifests, descriptor))
    kept: list[Descriptor] = []
    placed = False
    for entry in index.manifests:
        if entry.annotations.get(REF_NAME) != name:
            kept.append(entry)
        elif not placed:
            kept.append(descriptor)
            placed = True
    if not placed:
        kept.append(descriptor)
    manifests = tuple(kept)
    return index if manifests == index.manifests else replace(index, manifests=manifests)


def remove_manifests(
    index: ImageIndex, *, ref_name: str | None = None, digest: Digest | str | None = None
) -> ImageIndex:
    """``index`` without the entries that have ``ref_name`` and (or) ``digest``.

    At least one of the two is needed; with both, an entry must have both to
    go. When nothing matches the result *is* ``index``. The blobs stay where
    they are: :func:`unreachable_blobs` says which have become garbage.

    >>> from oci_core.descriptor import describe
    >>> v1 = describe(b"{}", "application/vnd.oci.image.manifest.v1+json", annotations={REF_NAME: "v1"})
    >>> remove_manifests(ImageIndex(manifests=(v1,)), ref_name="v1").manifests
    ()

    :raises ValueError: neither ``ref_name`` nor ``digest`` is given.
    :raises InvalidDigestError: ``digest`` is text that is not a digest.
    """
    index = _layout_index(index)
    if ref_name is None and digest is None:
        raise ValueError("remove_manifests needs a ref_name, a digest, or both")
    if ref_name is not None and not isinstance(ref_name, str):
        raise TypeError(f"ref_name must be a str, got {type(ref_name).__name__}")
    if digest is not None and not isinstance(digest, str):
        raise TypeError(f"digest must be a Digest or str, got {type(digest).__name__}")
    wanted_digest = None if digest is None else parse_digest(str.__str__(digest), allow_unregistered=True)
    wanted_name = None if ref_name is None else str.__str__(ref_name)

    def goes(entry: Descriptor) -> bool:
        return (wanted_name is None or entry.annotations.get(REF_NAME) == wanted_name) and (
            wanted_digest is None or entry.digest == wanted_digest
        )

    manifests = tuple(entry for entry in index.manifests if not goes(entry))
    return index if manifests == index.manifests else replace(index, manifests=manifests)


def layout_files(index: ImageIndex) -> dict[str, bytes]:
    """The files that make a layout of ``index``, besides its blobs: ``oci-layout`` and ``index.json``, by name.

    >>> files = layout_files(ImageIndex(manifests=()))
    >>> list(files), files[OCI_LAYOUT_FILE]
    (['oci-layout', 'index.json'], b'{"imageLayoutVersion":"1.0.0"}')

    Write them, and create ``blobs/`` (which "MUST exist and MAY be empty").
    ``index.json`` is ``index.raw``: the bytes the index was read from, or
    the canonical bytes of one built here.

    :raises ValueError: ``index`` is not an OCI image index.
    """
    index = _layout_index(index)
    return {OCI_LAYOUT_FILE: ImageLayout().to_json(), INDEX_FILE: index.raw}


# -- reachability and verification ------------------------------------------------------------


def reachable_blobs(
    index: ImageIndex, read: Callable[[Descriptor], bytes], *, max_depth: int = DEFAULT_MAX_DEPTH
) -> tuple[Descriptor, ...]:
    """Every blob ``index`` reaches, each once, in the order first reached.

    The entries of ``index``; for each nested index or manifest, the
    documents it lists, read with ``read(descriptor)`` (which returns the
    blob's bytes, from :func:`blob_path`) and checked against their
    descriptors before they are trusted; for each image manifest, its
    config and layers. Entries of unknown media types are blobs too, and are
    not read. A manifest's ``subject`` is not followed.

    :raises InvalidIndexError: the indexes nest deeper than ``max_depth``,
        or list one another in a cycle.
    :raises DigestMismatchError: a document read does not match its descriptor.
    :raises InvalidManifestError: a document does not parse.
    """
    # Without configs no layer has a diffID, so the walk reports each digest once.
    return tuple(reached.descriptor for reached in walk(_layout_index(index), read, max_depth=max_depth))


def unreachable_blobs(
    index: ImageIndex,
    read: Callable[[Descriptor], bytes],
    present: Iterable[str],
    *,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> tuple[str, ...]:
    """Of the blob paths ``present`` (``blobs/<alg>/<encoded>``, as listed), those ``index`` does not reach.

    The garbage of a layout, to delete. Paths that are not blob paths (a
    temporary file, another tool's notes) are never in the answer: a layout
    "MAY" hold unknown files.

    :raises InvalidIndexError: see :func:`reachable_blobs`.
    """
    if isinstance(present, str) or not isinstance(present, Iterable):
        raise TypeError(f"present must be an iterable of str, got {type(present).__name__}")
    reachable = {blob_path(descriptor.digest) for descriptor in reachable_blobs(index, read, max_depth=max_depth)}
    garbage: list[str] = []
    for path in present:
        if not isinstance(path, str):
            raise TypeError(f"present must hold str, got {type(path).__name__}")
        if path not in reachable and _is_blob_path(path):
            garbage.append(str.__str__(path))
    return tuple(garbage)


def _is_blob_path(path: str) -> bool:
    directory, _, rest = path.partition("/")
    algorithm, _, encoded = rest.partition("/")
    if directory != BLOBS_DIRECTORY or not algorithm or not encoded:
        return False
    try:
        return blob_path(f"{algorithm}:{encoded}") == path
    except OCIError:
        return False


@dataclass(frozen=True, slots=True)
class BlobCheck:
    """One blob of a verify plan: what it must be, what it is, and where it is.

    ``descriptor`` gives the digest and size the blob must have; ``role`` is
    ``"index"``, ``"manifest"``, ``"config"``, ``"layer"`` or ``"blob"`` (an
    entry of another media type); ``diff_id`` is, for a layer of an image,
    the diffID its config gives it; :attr:`path` is where the blob is,
    relative to the layout's root.
    """

    descriptor: Descriptor
    role: Role
    diff_id: Digest | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.descriptor, Descriptor):
            raise TypeError(f"BlobCheck.descriptor must be a Descriptor, got {type(self.descriptor).__name__}")
        role: object = self.role  # callers pass anything: the Literal type does not hold them to it
        if type(role) is not str:
            raise TypeError(f"BlobCheck.role must be a str, got {type(role).__name__}")
        if self.role not in ROLES:
            raise ValueError(f"BlobCheck.role must be one of {', '.join(ROLES)}, got {self.role!r}")
        if self.diff_id is not None and type(self.diff_id) is not Digest:
            raise TypeError(f"BlobCheck.diff_id must be a Digest or None, got {type(self.diff_id).__name__}")

    @property
    def path(self) -> str:
        """``blobs/<alg>/<encoded>``: :func:`blob_path` of the descriptor's digest."""
        return blob_path(self.descriptor.digest)

    def digester(self, *, max_uncompressed_size: int | None = None) -> LayerDigester:
        """A digester to feed the blob's bytes to: a layer with a diffID is decompressed, others taken as stored.

        :raises UnsupportedAlgorithmError: the descriptor's digest (or the
            diffID) has an algorithm this Python cannot compute.
        :raises UnsupportedCompressionError: a zstd layer on a Python
            without a zstd decompressor, or an encrypted layer.
        """
        algorithm = self.descriptor.digest.algorithm
        diff_id_algorithm = algorithm if self.diff_id is None else self.diff_id.algorithm
        for name, digest in ((algorithm, self.descriptor.digest), (diff_id_algorithm, self.diff_id)):
            known = ALGORITHMS.get(name)
            if known is None or known.hasher is None:
                raise UnsupportedAlgorithmError(
                    f"cannot verify {self.path}: no {name} implementation to compute {digest}", text=str(digest)
                )
        media_type = self.descriptor.media_type if self.diff_id is not None else _AS_STORED
        return LayerDigester(
            media_type,
            algorithm=algorithm,
            diff_id_algorithm=diff_id_algorithm,
            max_uncompressed_size=max_uncompressed_size,
        )

    def verify(self, digests: LayerDigests) -> None:
        """Check what the digester gave against the descriptor and the diffID.

        :raises SizeMismatchError: the blob's size differs.
        :raises DigestMismatchError: its digest, or its diffID, differs.
        """
        digests.verify(self.descriptor, self.diff_id)


def verify_plan(
    index: ImageIndex, read: Callable[[Descriptor], bytes], *, max_depth: int = DEFAULT_MAX_DEPTH
) -> tuple[BlobCheck, ...]:
    """What to read to verify a whole layout, in order, and what each blob's digest, size and diffID must be.

    The blobs :func:`reachable_blobs` finds, with each image's config read
    too (``read`` is called for indexes, manifests and image configs, each
    checked against its descriptor as it is read) so that each layer comes
    with its diffID. A layer in two images with different diffIDs is
    checked for each. Then, for each :class:`BlobCheck`::

        digester = check.digester()
        for chunk in chunks_of(check.path):
            digester.update(chunk)
        check.verify(digester.finish())

    :raises InvalidIndexError: see :func:`reachable_blobs`.
    :raises InvalidConfigError: a config's diffIDs do not pair up with its manifest's layers.
    """
    return tuple(
        BlobCheck(reached.descriptor, reached.role, reached.diff_id)
        for reached in walk(_layout_index(index), read, max_depth=max_depth, configs=True)
    )
