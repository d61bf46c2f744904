"""The ``layout`` command's check of an OCI image layout directory (private, pure).

The shell hands in how to read a file, its chunks and the blob listing
(:class:`LayoutReader`); this module decides what to read and what it means:
``oci-layout`` and ``index.json`` parsed, then for each index.json entry the
verify plan of :func:`oci_core.layout.verify_plan` (every blob it reaches,
each layer with the diffID its config gives), each blob read once through its
:class:`~oci_core.layerdigest.LayerDigester`, and the blobs nothing reaches.
One entry that cannot be walked (a missing or corrupt manifest) does not hide
the others; each blob's outcome is ``ok``, ``missing``, ``bad`` or, for a
layer whose diffID this Python cannot compute (zstd before 3.14),
``ok (digest only)``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Final, Protocol

from . import layout
from ._cli_render import Report, error_json
from .descriptor import Descriptor
from .errors import OCIError, UnsupportedCompressionError
from .manifest import ImageIndex
from .mediatypes import is_distributable

__all__ = ["LayoutReader", "check_layout"]

#: What is read into memory at most for a document blob (an index, a manifest or a config).
MAX_DOCUMENT: Final = 64 << 20


class LayoutReader(Protocol):
    """The file access the check needs (the shell's)."""

    def read(self, path: str, limit: int) -> bytes:
        """The whole file (at most ``limit`` bytes, else an error)."""
        ...

    def chunks(self, path: str, label: str, size: int) -> Iterator[bytes]:
        """The file's bytes, in chunks."""
        ...

    def list_blobs(self, root: str) -> list[str]:
        """Every ``blobs/<alg>/<name>`` under ``root``."""
        ...


def _check_blob(io: LayoutReader, root: str, check: layout.BlobCheck) -> tuple[str, str | None]:
    """One blob: its outcome and, for a bad one, why."""
    path = os.path.join(root, check.path)
    note = None
    try:
        digester = check.digester()
    except UnsupportedCompressionError as exc:
        # The diffID cannot be computed here: the stored bytes are still checked.
        digester = layout.BlobCheck(check.descriptor, "blob").digester()
        check = layout.BlobCheck(check.descriptor, "blob")
        note = exc.message
    try:
        for chunk in io.chunks(path, f"{check.role} {check.descriptor.digest}", check.descriptor.size):
            digester.update(chunk)
        check.verify(digester.finish())
    except FileNotFoundError:
        return "missing", None
    except OCIError as exc:
        return "bad", str(exc)
    return ("ok (digest only)", note) if note else ("ok", None)


def check_layout(root: str, io: LayoutReader) -> tuple[Report, bool]:
    """Check the layout at ``root``: the report, and whether every blob reached is there and right.

    :raises InvalidLayoutError: ``oci-layout`` or ``index.json`` is missing or malformed.
    :raises OSError: they cannot be read.
    """
    layout.parse_image_layout(io.read(os.path.join(root, layout.OCI_LAYOUT_FILE), 1 << 16))
    index = layout.parse_index(io.read(os.path.join(root, layout.INDEX_FILE), MAX_DOCUMENT))

    def read(descriptor: Descriptor) -> bytes:
        return io.read(os.path.join(root, layout.blob_path(descriptor.digest)), MAX_DOCUMENT)

    lines: list[str] = []
    blobs: list[dict[str, object]] = []
    checked: set[tuple[str, str | None]] = set()
    reached: set[str] = set()
    walked = True
    ok = True
    for number, entry in enumerate(index.manifests):
        try:
            plan = layout.verify_plan(ImageIndex(manifests=(entry,)), read)
        except (OCIError, OSError) as exc:
            walked = ok = False
            reason = "missing" if isinstance(exc, FileNotFoundError) else str(exc)
            lines.append(f"BAD  /manifests/{number}  {entry.digest}: {reason}")
            blobs.append({"entry": number, "path": layout.blob_path(entry.digest), "role": "entry",
                          "digest": str(entry.digest), "size": entry.size, "status": "bad",
                          "error": error_json(exc) if isinstance(exc, OCIError) else {"message": reason}})
            continue
        for check in plan:
            reached.add(check.path)
            key = (check.path, None if check.diff_id is None else str(check.diff_id))
            if key in checked:
                continue
            checked.add(key)
            status, why = _check_blob(io, root, check)
            foreign = check.role == "layer" and not is_distributable(check.descriptor.media_type)
            if status == "missing" and foreign:
                status = "missing (non-distributable, allowed)"
            elif status in ("missing", "bad"):
                ok = False
            diff = f"  diffID {check.diff_id}" if check.diff_id is not None else ""
            shown = "ok" if status.startswith("ok") else status.upper() if status in ("missing", "bad") else status
            lines.append(f"{shown}  {check.role}  {check.path}{diff}" + (f": {why}" if why else ""))
            blobs.append({"entry": number, "path": check.path, "role": check.role,
                          "digest": str(check.descriptor.digest), "size": check.descriptor.size,
                          "diffID": None if check.diff_id is None else str(check.diff_id),
                          "status": status, "error": None if why is None else {"message": why}})
    present = io.list_blobs(root)
    unreachable: list[str] | None = None
    if walked:
        unreachable = list(layout.unreachable_blobs(index, read, present))
        lines += [f"unreachable  {path}" for path in unreachable]
    else:
        lines.append("unreachable blobs not listed: an index.json entry could not be walked")
    counted = sum(1 for blob in blobs if str(blob["status"]).startswith("ok"))
    lines.append(f"{root}: {counted} of {len(blobs)} blobs verified" + ("" if ok else "; the layout is damaged"))
    data: dict[str, object] = {"directory": root, "ok": ok, "manifests": len(index.manifests), "blobs": blobs,
                               "unreachable": unreachable}
    return Report(tuple(lines), data), ok
