"""Referrers without the referrers API: the fallback tag and the index it holds (private).

distribution-spec, "Listing Referrers", "Pushing Manifests with Subject" and
"Referrers Tag Schema". A registry without the referrers API keeps, under a
tag derived from the subject's digest, an OCI image index listing the
manifests that refer to that subject. Clients maintain it: pull it (a 404
means an empty list), add or remove one descriptor, push it back. These
helpers compute each step's value; :mod:`oci_core.partial` re-exports them.

Each descriptor in the list carries what the spec requires of a referrers
response: the referrer's ``artifactType`` (a manifest's own, else its
config's media type; an index's own, else none) and every annotation of the
referrer.
"""

# pyright: reportUnnecessaryIsInstance=false
# The arguments' types are checked at run time too: callers that are not type
# checked get a TypeError naming the argument, as the error contract promises.

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Final, cast

from .descriptor import Descriptor
from .digest import Digest, parse_digest
from .errors import InvalidIndexError
from .manifest import ImageIndex, ImageManifest, build_image_index, effective_artifact_type
from .mediatypes import OCI_IMAGE_INDEX

__all__ = [
    "add_referrer",
    "filter_referrers",
    "referrer_descriptor",
    "referrers_index",
    "referrers_tag",
    "remove_referrer",
]

#: "Referrers Tag Schema": the algorithm is truncated to 32 characters and the encoded part to 64.
_ALGORITHM_LIMIT: Final = 32
_ENCODED_LIMIT: Final = 64
# A digest holds only [a-z0-9+._-] before its ":" and [a-zA-Z0-9=_-] after it
# (descriptor.md, "Digests"); of these, a tag ([A-Za-z0-9_.-]) lacks "+" and "=".
_TO_TAG: Final = str.maketrans("+=", "--")


def _digest(value: object, name: str) -> Digest:
    """A digest argument, parsed when it is text (unregistered algorithms accepted, as descriptors accept them)."""
    if type(value) is Digest:
        return value
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a Digest or str, got {type(value).__name__}")
    return parse_digest(str(value), allow_unregistered=True)


def referrers_tag(digest: Digest | str) -> str:
    """The tag under which a registry without the referrers API keeps ``digest``'s referrers.

    distribution-spec, "Referrers Tag Schema": the algorithm truncated to 32
    characters, ``-``, the encoded part truncated to 64 characters, with every
    character a tag cannot hold replaced by ``-``.

    >>> referrers_tag("sha256:" + "a" * 64) == "sha256-" + "a" * 64
    True
    >>> referrers_tag("sha512:" + "b" * 128) == "sha512-" + "b" * 64
    True

    The result always matches the tag grammar (``[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}``):
    an algorithm starts with a letter or digit, and the result is at most 97
    characters long. go-containerregistry's ``fallbackTag`` does not truncate;
    this does, as the spec says.

    :raises InvalidDigestError: ``digest`` is text that is not a digest.
    :raises TypeError: ``digest`` is not text.
    """
    algorithm, _, encoded = _digest(digest, "digest").partition(":")
    return f"{algorithm[:_ALGORITHM_LIMIT]}-{encoded[:_ENCODED_LIMIT]}".translate(_TO_TAG)


def referrer_descriptor(document: ImageManifest | ImageIndex) -> Descriptor:
    """The descriptor that lists ``document`` among its subject's referrers.

    distribution-spec, "Listing Referrers" and "Pushing Manifests with
    Subject": the media type, digest and size of the document's bytes; its
    ``artifactType`` when it has one, else (for an image manifest) its
    config's media type, else none; and all of its annotations.

    >>> from oci_core.descriptor import EMPTY_JSON
    >>> sbom = ImageManifest(config=EMPTY_JSON, layers=(EMPTY_JSON,), artifact_type="application/spdx+json",
    ...                      annotations={"org.example.format": "json"})
    >>> d = referrer_descriptor(sbom)
    >>> d.artifact_type, dict(d.annotations), d.digest == sbom.digest
    ('application/spdx+json', {'org.example.format': 'json'}, True)
    """
    if not isinstance(document, (ImageManifest, ImageIndex)):
        raise TypeError(f"document must be an ImageManifest or ImageIndex, got {type(document).__name__}")
    return Descriptor(
        document.media_type,
        document.digest,
        document.size,
        annotations=document.annotations,
        artifact_type=effective_artifact_type(document),
    )


def _descriptors(values: object, name: str) -> tuple[Descriptor, ...]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"{name} must be an iterable of Descriptor, got {type(values).__name__}")
    items: list[Descriptor] = []
    for item in cast("Iterable[object]", values):
        if not isinstance(item, Descriptor):
            raise TypeError(f"{name} must hold Descriptor values, got {type(item).__name__}")
        items.append(item)
    return tuple(items)


def _unique(descriptors: tuple[Descriptor, ...]) -> tuple[Descriptor, ...]:
    """The descriptors with repeats of a digest left out, first occurrence kept, order kept."""
    seen: set[str] = set()
    kept: list[Descriptor] = []
    for descriptor in descriptors:
        key = str(descriptor.digest)
        if key not in seen:
            seen.add(key)
            kept.append(descriptor)
    return tuple(kept)


def referrers_index(descriptors: Iterable[Descriptor]) -> tuple[bytes, Descriptor]:
    """A new referrers index listing ``descriptors``: its bytes and descriptor, to push under :func:`referrers_tag`.

    >>> raw, desc = referrers_index([])
    >>> raw
    b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}'

    The index is an OCI image index (the only kind the spec allows there).
    A digest listed twice is kept once, where it first appears ("duplicate
    entries SHOULD NOT be created"). Build each entry with
    :func:`referrer_descriptor`.
    """
    return build_image_index(_unique(_descriptors(descriptors, "descriptors")))


def _check_referrers_index(index: object) -> ImageIndex:
    if not isinstance(index, ImageIndex):
        raise TypeError(f"index must be an ImageIndex, got {type(index).__name__}")
    if index.media_type != OCI_IMAGE_INDEX:
        raise InvalidIndexError(
            f"a referrers index must be an OCI image index ({OCI_IMAGE_INDEX}), got {index.media_type}",
            pointer="/mediaType",
        )
    return index


def _with_manifests(index: ImageIndex, manifests: tuple[Descriptor, ...]) -> ImageIndex:
    return index if manifests == index.manifests else replace(index, manifests=manifests)


def add_referrer(index: ImageIndex, descriptor: Descriptor) -> ImageIndex:
    """The referrers index ``index`` with ``descriptor`` appended, unless its digest is already listed.

    distribution-spec, "Pushing Manifests with Subject", steps 4 and 5. The
    entries keep their order; repeated digests already in ``index`` are
    dropped (their first entry kept). When nothing changes the result *is*
    ``index``, so ``add_referrer(index, d) is index`` tells a caller there is
    nothing to push. Everything else of ``index`` (annotations, subject) is
    kept; the new value's ``raw`` holds the bytes to push.

    >>> from oci_core.descriptor import describe
    >>> sbom = describe(b"{}", "application/vnd.oci.image.manifest.v1+json", artifact_type="text/spdx")
    >>> index = add_referrer(ImageIndex(manifests=()), sbom)
    >>> index.manifests == (sbom,), add_referrer(index, sbom) is index
    (True, True)

    :raises InvalidIndexError: ``index`` is not an OCI image index (a Docker
        manifest list found under the tag, say).
    """
    index = _check_referrers_index(index)
    if not isinstance(descriptor, Descriptor):
        raise TypeError(f"descriptor must be a Descriptor, got {type(descriptor).__name__}")
    manifests = _unique(index.manifests)
    if all(entry.digest != descriptor.digest for entry in manifests):
        manifests = (*manifests, descriptor)
    return _with_manifests(index, manifests)


def remove_referrer(index: ImageIndex, digest: Digest | str) -> ImageIndex:
    """The referrers index ``index`` without the entries for ``digest``.

    distribution-spec, "Deleting Manifests": when a manifest with a subject
    is deleted, its descriptor leaves the list. The other entries keep their
    order; when ``digest`` is not listed the result *is* ``index``. An empty
    result is still a valid referrers index (a client MAY delete the tag).

    >>> from oci_core.descriptor import describe
    >>> sbom = describe(b"{}", "application/vnd.oci.image.manifest.v1+json")
    >>> remove_referrer(ImageIndex(manifests=(sbom,)), sbom.digest).manifests
    ()

    :raises InvalidIndexError: ``index`` is not an OCI image index.
    :raises InvalidDigestError: ``digest`` is text that is not a digest.
    """
    index = _check_referrers_index(index)
    wanted = _digest(digest, "digest")
    return _with_manifests(index, tuple(entry for entry in index.manifests if entry.digest != wanted))


def filter_referrers(descriptors: Iterable[Descriptor], artifact_type: str | None) -> tuple[Descriptor, ...]:
    """The descriptors whose ``artifactType`` is ``artifact_type`` (all of them for ``None``).

    distribution-spec, "Listing Referrers": what ``?artifactType=`` asks of a
    registry, applied by the client when the registry did not say
    ``OCI-Filters-Applied: artifactType``, or to a fallback index.

    >>> from oci_core.descriptor import describe
    >>> a = describe(b"a", "application/vnd.oci.image.manifest.v1+json", artifact_type="text/spdx")
    >>> b = describe(b"b", "application/vnd.oci.image.manifest.v1+json", artifact_type="text/sig")
    >>> filter_referrers([a, b], "text/sig") == (b,)
    True
    """
    items = _descriptors(descriptors, "descriptors")
    if artifact_type is None:
        return items
    if not isinstance(artifact_type, str):
        raise TypeError(f"artifact_type must be a str or None, got {type(artifact_type).__name__}")
    wanted = str(artifact_type)
    return tuple(entry for entry in items if entry.artifact_type == wanted)
