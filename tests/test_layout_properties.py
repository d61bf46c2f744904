"""Properties of oci_core.layout: blob paths never escape, index.json updates keep their promises."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from oci_core import errors, layout
from oci_core.annotations import REF_NAME
from oci_core.descriptor import Descriptor, describe
from oci_core.digest import Digest
from oci_core.manifest import ImageIndex
from oci_core.mediatypes import OCI_IMAGE_MANIFEST
from oci_core.strategies import digests

# Text that comes near a digest or a path: their characters, separators and traps.
_pieces = [*"sha256:", *"abcdef0123456789", "/", "\\", "..", ".", "\x00", ":", "+", "_", "-", "=", "~", " ", "é", "\n"]
_near = st.lists(st.sampled_from(_pieces), max_size=40).map("".join)


def _safe(path: str) -> None:
    assert ".." not in path.split("/")
    assert not path.startswith("/") and "\\" not in path and "\x00" not in path
    assert posixpath.normpath(path) == path and path.startswith("blobs/")
    assert path.count("/") == 2


@given(st.text(max_size=80) | _near)
def test_blob_path_of_arbitrary_text_never_escapes(text: str) -> None:
    try:
        path = layout.blob_path(text)
    except errors.InvalidDigestError:
        return
    _safe(path)
    algorithm, encoded = path.split("/")[1:]
    assert f"{algorithm}:{encoded}" == text


@given(digests(unregistered=True))
def test_blob_path_of_any_digest_names_it(digest: Digest) -> None:
    path = layout.blob_path(digest)
    _safe(path)
    assert path == f"blobs/{digest.algorithm}/{digest.encoded}"


_names = st.sampled_from(["latest", "v1", "v1.0", "stable-release", "a--b"])
_entries = st.lists(st.tuples(st.binary(max_size=3), st.none() | _names), max_size=6).map(
    lambda pairs: tuple(
        describe(content, OCI_IMAGE_MANIFEST, annotations=None if name is None else {REF_NAME: name})
        for content, name in pairs
    )
)


@given(_entries, st.binary(max_size=3), _names)
def test_adding_a_named_manifest_leaves_it_the_one_of_its_name(
    entries: tuple[Descriptor, ...], content: bytes, name: str
) -> None:
    index = ImageIndex(manifests=entries)
    added = layout.add_manifest(index, describe(content, OCI_IMAGE_MANIFEST), ref_name=name)
    named = layout.find_ref_name(added, name)
    assert len(named) == 1 and named[0].digest == describe(content, OCI_IMAGE_MANIFEST).digest
    others = [entry for entry in index.manifests if entry.annotations.get(REF_NAME) != name]
    assert [entry for entry in added.manifests if entry.annotations.get(REF_NAME) != name] == others
    assert layout.parse_index(added.raw) == added
    removed = layout.remove_manifests(added, ref_name=name)
    assert layout.find_ref_name(removed, name) == () and list(removed.manifests) == others
