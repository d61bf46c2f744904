"""The layer annotations of model artifacts: file metadata and the "media type untested" flag (private).

model-spec docs/annotations.md defines three layer annotations, which
model-runner writes on every layer it builds:

* ``org.cncf.model.filepath``: the file's path (laid out by
  :func:`oci_core.models.layer_file_path`);
* ``org.cncf.model.file.metadata+json``: a JSON string of the file's
  metadata, model-spec's ``FileMetadata`` (name, mode, uid, gid, size,
  mtime, typeflag), read into :class:`FileMetadata`;
* ``org.cncf.model.file.mediatype.untested``: ``"true"`` when the packager
  did not verify the layer's media type, ``"false"`` when it did; no other
  value is allowed.
"""

# pyright: reportUnnecessaryIsInstance=false
# (the entry points check their arguments' Python types at run time, as the error contract asks)

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from .. import _json
from .._fault import Fault
from .._values import layout_twin
from ..descriptor import Descriptor
from ..errors import InvalidModelError
from . import _read, _struct
from ._mediatypes import ANNOTATION_FILE_METADATA, ANNOTATION_MEDIA_TYPE_UNTESTED
from ._struct import INT64, UINT8, UINT32, Field, Struct

__all__ = ["FileMetadata", "file_metadata", "media_type_untested", "parse_file_metadata"]

#: The tar type flag of a regular file (``tar.TypeReg``), the one model-runner writes.
_REGULAR_FILE: Final = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class FileMetadata:
    """The value of the ``org.cncf.model.file.metadata+json`` annotation (model-spec ``FileMetadata``).

    >>> m = FileMetadata(name="model.gguf", mode=0o644, size=2016, mtime="2025-06-15T12:00:00Z")
    >>> m.to_annotation()
    '{"name":"model.gguf","mode":420,"uid":0,"gid":0,"size":2016,"mtime":"2025-06-15T12:00:00Z","typeflag":0}'

    ``mode`` holds the permission bits, ``uid`` and ``gid`` the owner (Go
    ``uint32``s), ``size`` the file's length (an ``int64``, not negative
    here), ``mtime`` its modification time in RFC 3339, ``typeflag`` the tar
    type flag (a byte; ``0`` is a regular file). Every member is always
    written, as Go writes them; an absent one reads as Go's zero value.
    """

    name: str = ""
    mode: int = 0
    uid: int = 0
    gid: int = 0
    size: int = 0
    mtime: str = _struct.GO_ZERO_TIME
    typeflag: int = _REGULAR_FILE

    def __post_init__(self) -> None:
        _struct.check(_FILE_METADATA, self)

    def to_json(self) -> bytes:
        """The bytes Go's ``encoding/json`` writes for this ``FileMetadata``."""
        return _json.dumps(_struct.write(_FILE_METADATA, self))

    def to_annotation(self) -> str:
        """The annotation value: :meth:`to_json` as a string."""
        return self.to_json().decode("utf-8")


_FILE_METADATA: Final = Struct(
    FileMetadata,
    layout_twin(FileMetadata),
    (
        Field("name", "name", "str", always=True),
        Field("mode", "mode", "int", always=True, bounds=UINT32),
        Field("uid", "uid", "int", always=True, bounds=UINT32),
        Field("gid", "gid", "int", always=True, bounds=UINT32),
        Field("size", "size", "int", always=True, bounds=(0, INT64[1])),
        Field("mtime", "mtime", "time-value", always=True),
        Field("typeflag", "typeflag", "int", always=True, bounds=UINT8),
    ),
    "",
    InvalidModelError,
)


def parse_file_metadata(text: object) -> FileMetadata:
    """Read the value of an ``org.cncf.model.file.metadata+json`` annotation.

    >>> parse_file_metadata('{"name":"dummy.gguf","mode":420,"uid":0,"gid":0,"size":2016,'
    ...                     '"mtime":"2025-01-01T00:00:00Z","typeflag":0}').size
    2016

    :raises InvalidModelError: not strict JSON, not an object, or a member of
        the wrong type or range (``pointer`` is inside the annotation's JSON:
        ``/mode``).
    """
    try:
        data = _read.as_bytes(text, "a file metadata annotation")
        obj = _read.load_object(data, "a file metadata annotation", max_depth=None)
        metadata: FileMetadata = _struct.read(_FILE_METADATA, obj)
    except Fault as fault:
        raise fault.as_error(InvalidModelError) from None
    return metadata


def file_metadata(descriptor: Descriptor) -> FileMetadata | None:
    """A layer's file metadata annotation, read; ``None`` when the layer has none.

    :raises InvalidModelError: the annotation's value is bad (see
        :func:`parse_file_metadata`).
    """
    if not isinstance(descriptor, Descriptor):
        raise TypeError(f"descriptor must be a Descriptor, got {type(descriptor).__name__}")
    text = descriptor.annotations.get(ANNOTATION_FILE_METADATA)
    return None if text is None else parse_file_metadata(text)


_FLAGS: Final = {"true": True, "false": False}


def media_type_untested(descriptor: Descriptor) -> bool | None:
    """A layer's ``org.cncf.model.file.mediatype.untested`` flag; ``None`` when the layer has none.

    >>> from oci_core.descriptor import describe
    >>> media_type_untested(describe(b"x", "text/plain", annotations={ANNOTATION_MEDIA_TYPE_UNTESTED: "false"}))
    False

    :raises InvalidModelError: the value is neither ``"true"`` nor ``"false"``
        (docs/annotations.md allows no other).
    """
    if not isinstance(descriptor, Descriptor):
        raise TypeError(f"descriptor must be a Descriptor, got {type(descriptor).__name__}")
    text = descriptor.annotations.get(ANNOTATION_MEDIA_TYPE_UNTESTED)
    if text is None:
        return None
    flag = _FLAGS.get(text)
    if flag is None:
        raise InvalidModelError(
            f"must be 'true' or 'false', got {_read.shown(text)}",
            pointer=_read.join("/annotations", ANNOTATION_MEDIA_TYPE_UNTESTED),
        )
    return flag
