"""model-runner's model tarball, as data: the entries it writes, and what each entry it reads is (private).

``docker model save``/``load`` move a model as a tar stream
(``pkg/distribution/tarball``): its blobs as ``blobs/<algorithm>/<hex>``,
then ``manifest.json`` (the manifest's exact bytes). The library does no
I/O, so the two halves are values a caller feeds to :mod:`tarfile`:

* :func:`tarball_entries` lists what the writer writes, in its order: the
  ``blobs`` directory, then for each layer its algorithm's directory (once,
  when first needed) and the blob, then the config blob, then
  ``manifest.json``; directories with mode 0755, files 0666; names always
  ``/``-separated (model-runner#894: backslashes on Windows made the reader
  skip blobs);
* :func:`tarball_member` says what the reader makes of one entry: only
  regular files count; ``manifest.json`` is the manifest; ``blobs/<a>/<h>``
  and ``manifests/<a>/<h>`` are blobs (the digest checked here, where
  model-runner takes the two parts as they are); everything else is
  skipped; and a name with ``..`` in it is refused.
"""

# pyright: reportUnnecessaryIsInstance=false
# (the entry points check their arguments' Python types at run time, as the error contract asks)

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Final, Literal

from .._kinds import NONE, check_fields
from ..descriptor import Descriptor
from ..digest import Digest, parse_digest
from ..errors import OCIError, UnsafeLayerPathError
from ..manifest import ImageManifest

__all__ = ["TARBALL_MANIFEST", "TarballEntry", "TarballMember", "tarball_entries", "tarball_member"]

#: The name of the manifest in a model tarball.
TARBALL_MANIFEST: Final = "manifest.json"
_DIRECTORY_MODE: Final = 0o755
_FILE_MODE: Final = 0o666


@dataclass(frozen=True, slots=True)
class TarballEntry:
    """One entry the tarball writer writes: a directory, a blob (``descriptor`` says which), or the manifest."""

    name: str
    kind: Literal["directory", "layer", "config", "manifest"]
    mode: int
    descriptor: Descriptor | None = None

    def __post_init__(self) -> None:
        check_fields(self, (("name", (str,)), ("kind", (str,)), ("mode", (int,)), ("descriptor", (Descriptor, NONE))))


@dataclass(frozen=True, slots=True)
class TarballMember:
    """What the tarball reader makes of an entry: the manifest, or a blob and its digest."""

    kind: Literal["manifest", "blob"]
    digest: Digest | None = None

    def __post_init__(self) -> None:
        check_fields(self, (("kind", (str,)), ("digest", (Digest, NONE))))


def tarball_entries(manifest: ImageManifest) -> tuple[TarballEntry, ...]:
    """The entries model-runner's tarball writer writes for a model, in order (``tarball.Target.Write``).

    >>> from oci_core.descriptor import describe
    >>> m = ImageManifest(config=describe(b"{}", "application/vnd.docker.ai.model.config.v0.1+json"),
    ...                   layers=(describe(b"GGUF", "application/vnd.docker.ai.gguf.v3"),))
    >>> [(e.name[:19], e.kind) for e in tarball_entries(m)]  # doctest: +NORMALIZE_WHITESPACE
    [('blobs', 'directory'), ('blobs/sha256', 'directory'), ('blobs/sha256/b83633', 'layer'),
     ('blobs/sha256/44136f', 'config'), ('manifest.json', 'manifest')]

    The blob entries' content is the blob their ``descriptor`` names; the
    manifest entry's is the manifest's bytes (``manifest.raw``).
    """
    if not isinstance(manifest, ImageManifest):
        raise TypeError(f"manifest must be an ImageManifest, got {type(manifest).__name__}")
    entries = [TarballEntry("blobs", "directory", _DIRECTORY_MODE)]
    seen = {"blobs"}
    blobs: list[tuple[Descriptor, Literal["layer", "config"]]] = [(layer, "layer") for layer in manifest.layers]
    blobs.append((manifest.config, "config"))
    for descriptor, kind in blobs:
        directory = posixpath.join("blobs", descriptor.digest.algorithm)
        if directory not in seen:
            seen.add(directory)
            entries.append(TarballEntry(directory, "directory", _DIRECTORY_MODE))
        entries.append(
            TarballEntry(posixpath.join(directory, descriptor.digest.encoded), kind, _FILE_MODE, descriptor)
        )
    entries.append(TarballEntry(TARBALL_MANIFEST, "manifest", _FILE_MODE))
    return tuple(entries)


def tarball_member(name: str, *, regular_file: bool) -> TarballMember | None:
    """What model-runner's tarball reader makes of one entry (``tarball.Reader.Next``); ``None``: skipped.

    >>> tarball_member("blobs/sha256/" + "a" * 64, regular_file=True).digest[:10]
    'sha256:aaa'
    >>> tarball_member("ignore-me/.gitkeep", regular_file=True) is None
    True

    :raises UnsafeLayerPathError: a regular file whose name holds ``..``.
    :raises InvalidDigestError: a blob entry whose algorithm and hex are no digest.
    """
    if not isinstance(name, str) or type(regular_file) is not bool:
        raise TypeError("name must be a str and regular_file a bool")
    text = str(name)
    if not regular_file:
        return None
    if text == TARBALL_MANIFEST:
        return TarballMember("manifest")
    cleaned = posixpath.normpath(text) if text else "."
    if ".." in cleaned:
        raise UnsafeLayerPathError("a tarball entry's name holds '..'", text=text)
    parts = cleaned.split("/")
    if len(parts) != 3 or parts[0] not in ("blobs", "manifests"):
        return None
    try:
        digest = parse_digest(f"{parts[1]}:{parts[2]}")
    except OCIError as exc:
        raise type(exc)(f"tarball entry {text!r}: {exc.message}") from None
    return TarballMember("blob", digest)
