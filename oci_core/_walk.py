"""Walking an image index and everything it reaches, from bytes the caller reads (private).

:func:`walk` is the one traversal behind :func:`oci_core.partial.all_images`
and :mod:`oci_core.layout`'s reachability and verify plans. From an index it
visits each entry depth first: a nested index or a manifest is read (the
caller's ``read`` returns its bytes), checked against its descriptor, parsed
with the descriptor's media type, and entered; an image manifest's config
(read only when asked, to pair its ``rootfs.diff_ids`` with the layers) and
its layers are leaves, as is an entry of any other media type
(image-layout.md: "An encountered mediaType that is unknown MUST NOT generate
an error"). Each blob is reported once, in the order first reached.

A manifest's ``subject`` is not followed: it names another manifest, which
need not be there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal, cast

from ._fault import Fault, fault_from_error
from .config import ImageConfig, parse_image_config
from .errors import InvalidConfigError, InvalidIndexError, OCIError
from .manifest import ImageIndex, ImageManifest, parse_manifest
from .mediatypes import DOCKER_CONFIG, OCI_IMAGE_CONFIG, is_manifest

if TYPE_CHECKING:
    from collections.abc import Callable

    from .descriptor import Descriptor
    from .digest import Buffer, Digest

__all__ = ["DEFAULT_MAX_DEPTH", "IMAGE_CONFIGS", "ROLES", "Reached", "Role", "as_bytes", "check_layer_count", "walk"]

#: How many levels of nested indexes a walk enters below the one it starts from.
DEFAULT_MAX_DEPTH: Final = 8

Role = Literal["index", "manifest", "config", "layer", "blob"]
#: The roles a blob plays in a walk: a nested index, a manifest, an image's config or layer, any other blob.
ROLES: Final[tuple[Role, ...]] = ("index", "manifest", "config", "layer", "blob")

#: Config media types whose document is an image configuration with ``rootfs.diff_ids``
#: (a manifest with another config type is an artifact).
IMAGE_CONFIGS: Final = frozenset({OCI_IMAGE_CONFIG, DOCKER_CONFIG})


@dataclass(frozen=True, slots=True)
class Reached:
    """A blob a walk reached: its descriptor, what it is, and what was learnt of it."""

    descriptor: Descriptor
    role: Role
    diff_id: Digest | None = None
    document: ImageIndex | ImageManifest | ImageConfig | None = None


def as_bytes(value: object, what: str) -> bytes:
    """Bytes handed over by a caller's code (a ``read`` callable, a protocol's property), as ``bytes``."""
    if type(value) is bytes:
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return memoryview(cast("Buffer", value)).tobytes()
    raise TypeError(f"{what} must be bytes, got {type(value).__name__}")


def check_layer_count(manifest: ImageManifest, config: ImageConfig) -> None:
    """Refuse a config whose ``rootfs.diff_ids`` do not pair up one to one with the manifest's layers."""
    layers, diff_ids = len(manifest.layers), len(config.rootfs.diff_ids)
    if layers != diff_ids:
        raise InvalidConfigError(
            f"the config lists {diff_ids} diff IDs but the manifest has {layers} layers", pointer="/rootfs/diff_ids"
        )


def _located(error: OCIError, where: str) -> Fault:
    """The same fault, of the same class, its message led by which blob it is about."""
    located = fault_from_error(error, keep_kind=True)
    located.message = f"{where}: {error.message}"
    return located


class _Walk:
    __slots__ = ("read", "max_depth", "configs", "out", "seen")

    def __init__(self, read: Callable[[Descriptor], bytes], max_depth: int, configs: bool) -> None:
        self.read = read
        self.max_depth = max_depth
        self.configs = configs
        self.out: list[Reached] = []
        self.seen: set[tuple[str, str | None]] = set()

    def leaf(self, descriptor: Descriptor, role: Role, diff_id: Digest | None = None) -> None:
        key = (str(descriptor.digest), None if diff_id is None else str(diff_id))
        if key not in self.seen:
            self.seen.add(key)
            self.out.append(Reached(descriptor, role, diff_id))

    def fetch(self, descriptor: Descriptor, what: str) -> bytes:
        raw = as_bytes(self.read(descriptor), f"read() of {descriptor.digest}")
        try:
            descriptor.verify(raw)
        except OCIError as error:
            raise _located(error, f"{what} {descriptor.digest}") from None
        return raw

    def index(self, index: ImageIndex, path: tuple[str, ...]) -> None:
        for entry in index.manifests:
            if is_manifest(entry.media_type):
                self.document(entry, path)
            else:
                self.leaf(entry, "blob")

    def document(self, entry: Descriptor, path: tuple[str, ...]) -> None:
        digest = str(entry.digest)
        if digest in path:
            cycle = " -> ".join((*path[path.index(digest) :], digest))
            raise Fault(f"the indexes list one another in a cycle: {cycle}")
        key = (digest, None)
        if key in self.seen:
            return
        raw = self.fetch(entry, "manifest")
        try:
            document = parse_manifest(raw, entry.media_type)
        except OCIError as error:
            raise _located(error, f"manifest {digest}") from None
        self.seen.add(key)
        if isinstance(document, ImageIndex):
            if len(path) >= self.max_depth:
                raise Fault(f"the indexes nest deeper than {self.max_depth} levels at {digest}")
            self.out.append(Reached(entry, "index", document=document))
            self.index(document, (*path, digest))
        else:
            self.out.append(Reached(entry, "manifest", document=document))
            self.image(document)

    def image(self, manifest: ImageManifest) -> None:
        config = manifest.config
        if not self.configs or config.media_type not in IMAGE_CONFIGS:
            self.leaf(config, "config")
            for layer in manifest.layers:
                self.leaf(layer, "layer")
            return
        raw = self.fetch(config, "config")
        where = f"config {config.digest}"
        try:
            parsed = parse_image_config(raw)
            check_layer_count(manifest, parsed)
        except OCIError as error:
            raise _located(error, where) from None
        key = (str(config.digest), None)
        if key not in self.seen:
            self.seen.add(key)
            self.out.append(Reached(config, "config", document=parsed))
        for layer, diff_id in zip(manifest.layers, parsed.rootfs.diff_ids, strict=True):
            self.leaf(layer, "layer", diff_id)


def walk(
    root: ImageIndex,
    read: Callable[[Descriptor], bytes],
    *,
    max_depth: int = DEFAULT_MAX_DEPTH,
    configs: bool = False,
) -> list[Reached]:
    """Every blob ``root`` reaches, in the order first reached (see the module docstring).

    ``configs=True`` also reads image configurations, so that each layer
    comes with the diffID its config gives it.
    """
    if not callable(read):
        raise TypeError(f"read must be callable, got {type(read).__name__}")
    if type(max_depth) is not int:
        raise TypeError(f"max_depth must be an int, got {type(max_depth).__name__}")
    if max_depth < 0:
        raise ValueError(f"max_depth must not be negative, got {max_depth}")
    walker = _Walk(read, max_depth, configs)
    try:
        walker.index(root, ())
    except Fault as fault:
        # A fault of a blob read keeps its class (a digest mismatch, a manifest's
        # fault); the walk's own (a cycle, too deep) are the index's.
        raise fault.as_error(InvalidIndexError) from None
    return walker.out
