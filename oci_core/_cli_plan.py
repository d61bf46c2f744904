"""What the command-line tool moves, and in which order (private, pure).

The I/O shell fetches documents and moves bytes; this module decides:

* where an argument points (:func:`parse_location`): a registry reference as
  ``docker pull`` reads it (``nginx``, ``localhost:5000/app:v1``, with or
  without skopeo's ``docker://``), or an OCI image layout (``oci:DIR[:NAME]``,
  skopeo's spelling; :func:`split_layout_argument` for commands that take a
  directory);
* what a manifest or index links to (:func:`links`): the manifests an index
  lists, and the blobs (a manifest's config and layers; an index's entries of
  other media types);
* the order of a copy (:func:`plan_transfer`): depth first, every blob before
  the manifest that needs it and every child manifest before its index (a
  registry refuses an index whose manifests it does not have), each blob
  once; each manifest's region of the plan can be skipped at once when the
  target already has that manifest (registries check that a manifest's blobs
  exist before they take it, so its presence vouches for everything under it);
* which manifest of an index a ``--platform`` means (:func:`select_platform`),
  and which index.json entry a layout command means (:func:`select_entry`);
* which manifests of a layout refer to a subject (:func:`layout_referrers`).

>>> parse_location("oci:/tmp/app:v1", is_dir=lambda path: False)
LayoutTarget(path='/tmp/app', name='v1')
>>> str(parse_location("localhost:5000/app:v1", is_dir=lambda path: False).reference)
'localhost:5000/app:v1'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Final, Literal

from .annotations import REF_NAME, is_ref_name
from .descriptor import Descriptor
from .digest import Digest
from .errors import InvalidIndexError, InvalidPlatformError, InvalidReferenceError, OCIError
from .manifest import ImageIndex, ImageManifest, parse_manifest
from .mediatypes import is_distributable, is_image_manifest, is_index
from .partial import manifest_for_platform, referrer_descriptor
from .platform import Platform, format_platform
from .reference import Reference, parse_normalized_reference

__all__ = [
    "LAYOUT_PREFIX",
    "MAX_DEPTH",
    "REGISTRY_PREFIX",
    "Document",
    "LayoutTarget",
    "Location",
    "PlanStep",
    "RegistryTarget",
    "Tree",
    "layout_referrers",
    "links",
    "parse_image_reference",
    "parse_location",
    "plan_transfer",
    "read_document",
    "select_entry",
    "select_platform",
    "split_layout_argument",
]

#: skopeo's transport prefixes, which the tool reads too.
LAYOUT_PREFIX: Final = "oci:"
REGISTRY_PREFIX: Final = "docker://"
#: How deep indexes may nest (and referrers refer to referrers) before a copy refuses.
MAX_DEPTH: Final = 8


# -- where an argument points ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RegistryTarget:
    """An image in a registry: the reference as ``docker pull`` reads it."""

    reference: Reference


@dataclass(frozen=True, slots=True)
class LayoutTarget:
    """An OCI image layout directory, and the ``org.opencontainers.image.ref.name`` meant in it (if any)."""

    path: str
    name: str | None = None


Location = RegistryTarget | LayoutTarget


def parse_image_reference(text: str) -> Reference:
    """A registry reference as ``docker pull`` reads it, with skopeo's ``docker://`` allowed in front.

    >>> str(parse_image_reference("docker://nginx:1.25"))
    'docker.io/library/nginx:1.25'

    :raises InvalidReferenceError: it is not a reference.
    """
    if text.startswith(REGISTRY_PREFIX):
        text = text[len(REGISTRY_PREFIX) :]
    return parse_normalized_reference(text)


def split_layout_argument(text: str, *, is_dir: Callable[[str], bool]) -> LayoutTarget:
    """A layout argument ``DIR[:NAME]``: an existing directory is taken whole, else the last ``:`` names.

    >>> split_layout_argument("out:v1", is_dir=lambda path: False)
    LayoutTarget(path='out', name='v1')
    >>> split_layout_argument("out:v1", is_dir=lambda path: path == "out:v1")
    LayoutTarget(path='out:v1', name=None)

    :raises InvalidReferenceError: ``NAME`` breaks the ref.name grammar of annotations.md.
    """
    if not text:
        raise InvalidReferenceError("a layout needs a directory", text=text)
    if is_dir(text):
        return LayoutTarget(text)
    head, colon, name = text.rpartition(":")
    if not colon or not head or "/" in name or "\\" in name:
        return LayoutTarget(text)
    if not is_ref_name(name):
        raise InvalidReferenceError(
            "a layout's name must fit the ref.name grammar of annotations.md",
            text=text,
            span=(len(head) + 1, len(text)),
        )
    return LayoutTarget(head, name)


def parse_location(text: str, *, is_dir: Callable[[str], bool]) -> Location:
    """Where a ``copy`` argument points: ``oci:DIR[:NAME]`` is a layout, anything else a registry reference.

    :raises InvalidReferenceError: a reference that is not one, or a layout name that is not a ref.name.
    """
    if text.startswith(LAYOUT_PREFIX):
        return split_layout_argument(text[len(LAYOUT_PREFIX) :], is_dir=is_dir)
    return RegistryTarget(parse_image_reference(text))


# -- what a document links to -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Document:
    """A manifest or index as fetched and verified: the descriptor it was asked by, its bytes, its value."""

    descriptor: Descriptor
    raw: bytes
    parsed: ImageManifest | ImageIndex

    @property
    def digest(self) -> Digest:
        """The digest of :attr:`raw`."""
        return self.descriptor.digest

    @property
    def subject(self) -> Descriptor | None:
        """The manifest this one refers to, if any."""
        return self.parsed.subject

    def referrer(self) -> Descriptor:
        """How this document is listed among its subject's referrers."""
        return referrer_descriptor(self.parsed)


def _is_manifest_kind(media_type: str) -> bool:
    return is_image_manifest(media_type) or is_index(media_type)


def links(document: ImageManifest | ImageIndex) -> tuple[tuple[Descriptor, ...], tuple[Descriptor, ...]]:
    """The manifests and the blobs a document links to, in document order.

    An index lists manifests (entries of a manifest or index media type) and
    blobs (entries of any other type); a manifest links its config and its
    layers. Non-distributable (foreign) layers are left out: their bytes live
    at their ``urls``, not in a registry (go-containerregistry does the same
    unless told otherwise). ``subject`` is not a link: a manifest does not own
    the manifest it refers to.

    >>> from oci_core.descriptor import EMPTY_JSON
    >>> manifests, blobs = links(ImageManifest(config=EMPTY_JSON, layers=(EMPTY_JSON,), artifact_type="a/b"))
    >>> manifests, [b.media_type for b in blobs]
    ((), ['application/vnd.oci.empty.v1+json', 'application/vnd.oci.empty.v1+json'])
    """
    if isinstance(document, ImageIndex):
        manifests = tuple(entry for entry in document.manifests if _is_manifest_kind(entry.media_type))
        blobs = tuple(entry for entry in document.manifests if not _is_manifest_kind(entry.media_type))
        return manifests, blobs
    layers = tuple(layer for layer in document.layers if is_distributable(layer.media_type) or not layer.urls)
    return (), (document.config, *layers)


def read_document(descriptor: Descriptor, raw: bytes) -> Document:
    """A document from bytes already checked against ``descriptor`` (its media type decides the reading).

    :raises InvalidManifestError: the bytes are not such a manifest or index.
    """
    return Document(descriptor, raw, parse_manifest(raw, descriptor.media_type))


# -- the order of a copy ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tree:
    """A document and the trees of the manifests it lists (fetched by the shell)."""

    document: Document
    children: tuple[Tree, ...] = ()


StepKind = Literal["check", "blob", "manifest"]


@dataclass(frozen=True, slots=True)
class PlanStep:
    """One step of a copy.

    ``check``: does the target have ``document``'s manifest? If it does, go
    on after step ``end`` (that manifest's own ``manifest`` step). ``blob``:
    copy ``descriptor``'s bytes. ``manifest``: put ``document``; ``root``
    marks the one that gets the tag.
    """

    kind: StepKind
    descriptor: Descriptor
    document: Document | None = None
    end: int = -1
    root: bool = False


def plan_transfer(tree: Tree, *, done: Iterable[Digest] = ()) -> tuple[PlanStep, ...]:
    """The steps that copy ``tree``: for each manifest, a check, its children, its blobs, then itself.

    ``done`` holds digests already copied (blobs and manifests): they are
    left out. Each blob appears once, under the first manifest that needs it.

    >>> from oci_core.descriptor import EMPTY_JSON
    >>> m = ImageManifest(config=EMPTY_JSON, layers=(EMPTY_JSON,), artifact_type="a/b")
    >>> steps = plan_transfer(Tree(Document(m.descriptor(), m.raw, m)))
    >>> [(s.kind, s.end, s.root) for s in steps]
    [('check', 2, False), ('blob', -1, False), ('manifest', -1, True)]
    """
    seen: set[str] = {str(digest) for digest in done}
    steps: list[PlanStep] = []

    def visit(node: Tree, depth: int, root: bool) -> None:
        document = node.document
        if depth > MAX_DEPTH:
            raise InvalidIndexError(f"indexes nest deeper than {MAX_DEPTH} levels (at {document.digest})")
        if str(document.digest) in seen:
            return
        seen.add(str(document.digest))
        check = len(steps)
        steps.append(PlanStep("check", document.descriptor, document))
        for child in node.children:
            visit(child, depth + 1, False)
        for blob in links(document.parsed)[1]:
            if str(blob.digest) not in seen:
                seen.add(str(blob.digest))
                steps.append(PlanStep("blob", blob))
        steps.append(PlanStep("manifest", document.descriptor, document, root=root))
        steps[check] = PlanStep("check", document.descriptor, document, end=len(steps) - 1)

    visit(tree, 0, True)
    return tuple(steps)


# -- choosing ------------------------------------------------------------------------------------


def select_platform(index: ImageIndex, wanted: Platform, where: str) -> Descriptor:
    """The manifest of ``index`` for ``wanted`` (containerd's choice), or an error that lists what there is.

    :raises InvalidPlatformError: no entry matches; the message names the platforms offered.
    """
    chosen = manifest_for_platform(index, wanted)
    if chosen is not None:
        return chosen
    offered = sorted({format_platform(entry.platform) for entry in index.manifests if entry.platform is not None})
    listing = ", ".join(offered) if offered else "no platforms"
    raise InvalidPlatformError(f"{where} has no manifest for {format_platform(wanted)} (it offers {listing})")


def select_entry(index: ImageIndex, name: str | None, where: str) -> Descriptor:
    """The index.json entry a layout argument means: the one named ``name``, or the only one there is.

    :raises InvalidIndexError: no entry has that name, or no name was given and there is not exactly one entry.
    """
    if name is not None:
        named = [entry for entry in index.manifests if entry.annotations.get(REF_NAME) == name]
        if not named:
            known = sorted({entry.annotations[REF_NAME] for entry in index.manifests if REF_NAME in entry.annotations})
            listing = ", ".join(known) if known else "none"
            raise InvalidIndexError(f"{where} has no image named {name!r} (names: {listing})", pointer="/manifests")
        return named[0]
    images = [entry for entry in index.manifests if _is_manifest_kind(entry.media_type)]
    if len(images) == 1:
        return images[0]
    names = sorted({entry.annotations[REF_NAME] for entry in images if REF_NAME in entry.annotations})
    hint = f"; name one with DIR:NAME ({', '.join(names)})" if names else ""
    raise InvalidIndexError(f"{where} holds {len(images)} images, not one{hint}", pointer="/manifests")


def layout_referrers(
    index: ImageIndex, read: Callable[[Descriptor], bytes], subject: Digest, artifact_type: str | None = None
) -> tuple[Descriptor, ...]:
    """The manifests listed in a layout's index.json whose ``subject`` is ``subject``, as a referrers list.

    A layout has no referrers API: the tool keeps referrers as entries of
    index.json (without a ref.name), as oras does, and finds them by reading
    each entry's ``subject``. ``read`` returns an entry's verified bytes.
    Entries that cannot be read or parsed are no referrers.
    """
    found: list[Descriptor] = []
    for entry in index.manifests:
        if not _is_manifest_kind(entry.media_type) or entry.digest == subject:
            continue
        try:
            document = parse_manifest(read(entry), entry.media_type)
        except (OCIError, OSError):
            continue
        if document.subject is None or document.subject.digest != subject:
            continue
        described = referrer_descriptor(document)
        if artifact_type is None or described.artifact_type == artifact_type:
            found.append(described)
    return tuple(found)
