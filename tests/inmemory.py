"""In-memory implementations of oci_core.partial's protocols, and small image builders, for the tests.

``MemoryLayer``, ``MemoryImage`` and ``MemoryIndex`` satisfy ``partial.Layer``,
``partial.Image`` and ``partial.Index`` (``tests/test_partial_typing.py``
checks that under ``mypy --strict``); the helpers' tests use them. The
builders make real content: a tar made with ``tarfile``, gzip with ``gzip``,
a config and a manifest with the library, so the same images can be written
to a layout directory for umoci and skopeo.
"""

from __future__ import annotations

import gzip
import io
import tarfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from oci_core import layout
from oci_core.config import ContainerConfig, History, ImageConfig, RootFS
from oci_core.descriptor import Descriptor, FrozenMap
from oci_core.digest import Digest, compute_digest
from oci_core.manifest import ImageIndex, ImageManifest, parse_image_manifest
from oci_core.mediatypes import OCI_IMAGE_CONFIG, OCI_IMAGE_INDEX, OCI_IMAGE_MANIFEST, OCI_LAYER, OCI_LAYER_GZIP
from oci_core.platform import Platform

AMD64 = Platform("linux", "amd64")

__all__ = ["AMD64", "MemoryImage", "MemoryIndex", "MemoryLayer", "gzip_of", "tar_of", "write_layout"]


def tar_of(files: Mapping[str, bytes]) -> bytes:
    """A deterministic tar of regular files (mode 0644, owner 0, time 0), in the order given."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for name, content in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            info.mode = 0o644
            archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def gzip_of(data: bytes) -> bytes:
    """``data`` gzipped with no name and time 0, so the same bytes always give the same blob."""
    return gzip.compress(data, compresslevel=6, mtime=0)


@dataclass(frozen=True)
class MemoryLayer:
    """A layer held in memory: its stored bytes and both digests (a ``partial.Layer``)."""

    media_type: str
    content: bytes
    tar: bytes

    @property
    def digest(self) -> Digest:
        return compute_digest(self.content)

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def diff_id(self) -> Digest:
        return compute_digest(self.tar)

    @property
    def uncompressed_size(self) -> int:
        return len(self.tar)

    @classmethod
    def of_files(cls, files: Mapping[str, bytes], *, compressed: bool = True) -> MemoryLayer:
        tar = tar_of(files)
        if compressed:
            return cls(OCI_LAYER_GZIP, gzip_of(tar), tar)
        return cls(OCI_LAYER, tar, tar)

    def descriptor(self) -> Descriptor:
        return Descriptor(self.media_type, self.digest, self.size)


@dataclass(frozen=True)
class MemoryImage:
    """An image held in memory: manifest and config bytes, and its layers (a ``partial.Image``)."""

    raw_manifest: bytes
    raw_config: bytes
    layers: tuple[MemoryLayer, ...]
    media_type: str = OCI_IMAGE_MANIFEST

    @property
    def digest(self) -> Digest:
        return compute_digest(self.raw_manifest)

    @property
    def size(self) -> int:
        return len(self.raw_manifest)

    @classmethod
    def build(
        cls,
        layers: tuple[MemoryLayer, ...],
        *,
        platform: Platform = AMD64,
        annotations: Mapping[str, str] | None = None,
        cmd: tuple[str, ...] = (),
    ) -> MemoryImage:
        config = ImageConfig(
            architecture=platform.architecture,
            os=platform.os,
            variant=platform.variant,
            rootfs=RootFS(tuple(layer.diff_id for layer in layers)),
            config=ContainerConfig(cmd=cmd),
            history=tuple(History(created_by=f"oci_core tests: layer {n}") for n in range(len(layers))),
        )
        manifest = ImageManifest(
            config=Descriptor(OCI_IMAGE_CONFIG, compute_digest(config.raw), len(config.raw)),
            layers=tuple(layer.descriptor() for layer in layers),
            annotations=FrozenMap(annotations or {}),
        )
        return cls(manifest.raw, config.raw, layers)

    def manifest(self) -> ImageManifest:
        return parse_image_manifest(self.raw_manifest)

    def blobs(self) -> dict[str, bytes]:
        """Every blob of the image by digest: manifest, config, layers."""
        found = {str(self.digest): self.raw_manifest, str(compute_digest(self.raw_config)): self.raw_config}
        found.update({str(layer.digest): layer.content for layer in self.layers})
        return found


@dataclass(frozen=True)
class MemoryIndex:
    """An index held in memory: its bytes and the images and indexes it lists (a ``partial.Index``)."""

    raw_manifest: bytes
    children: Mapping[str, MemoryImage | MemoryIndex] = field(default_factory=dict)
    media_type: str = OCI_IMAGE_INDEX

    @property
    def digest(self) -> Digest:
        return compute_digest(self.raw_manifest)

    @property
    def size(self) -> int:
        return len(self.raw_manifest)

    def image(self, digest: Digest) -> MemoryImage:
        child = self.children[str(digest)]
        if not isinstance(child, MemoryImage):
            raise KeyError(f"{digest} is an index, not an image")
        return child

    def index(self, digest: Digest) -> MemoryIndex:
        child = self.children[str(digest)]
        if not isinstance(child, MemoryIndex):
            raise KeyError(f"{digest} is an image, not an index")
        return child

    @classmethod
    def of(cls, entries: Iterable[tuple[MemoryImage | MemoryIndex, Descriptor]]) -> MemoryIndex:
        """An index listing each child with the descriptor given for it."""
        pairs = list(entries)
        index = ImageIndex(manifests=tuple(entry for _, entry in pairs))
        return cls(index.raw, {str(child.digest): child for child, _ in pairs})

    def blobs(self) -> dict[str, bytes]:
        """Every blob under the index (not the index itself): nested indexes, images and their blobs."""
        found: dict[str, bytes] = {}
        for digest, child in self.children.items():
            found[digest] = child.raw_manifest
            found.update(child.blobs())
        return found


def write_layout(root: Path, index: ImageIndex, blobs: Mapping[str, bytes]) -> None:
    """Write a layout directory: ``oci-layout``, ``index.json`` and each blob where ``blob_path`` says."""
    root.mkdir(parents=True, exist_ok=True)
    for name, content in layout.layout_files(index).items():
        (root / name).write_bytes(content)
    (root / layout.BLOBS_DIRECTORY).mkdir(exist_ok=True)
    for digest, content in blobs.items():
        path = root / layout.blob_path(digest)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
