"""The OCI image layout's ``oci-layout`` file (image-spec image-layout.md, "oci-layout file").

A directory holding an image layout marks itself with a JSON file named
``oci-layout`` whose ``imageLayoutVersion`` is ``"1.0.0"`` (the only version
the spec defines; its schema's ``enum``). The rest of the layout (``index.json``,
``blobs/``) is read with :mod:`oci_core.manifest` and :mod:`oci_core.digest`;
a later issue grows this module.

>>> parse_image_layout(b'{"imageLayoutVersion": "1.0.0"}').image_layout_version
'1.0.0'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from . import _json
from .errors import InvalidDocumentError

if TYPE_CHECKING:
    from .digest import Buffer

__all__ = ["IMAGE_LAYOUT_VERSION", "OCI_LAYOUT_FILE", "ImageLayout", "parse_image_layout"]

#: The version image-layout.md defines.
IMAGE_LAYOUT_VERSION: Final = "1.0.0"
#: The name of the file.
OCI_LAYOUT_FILE: Final = "oci-layout"


@dataclass(frozen=True, slots=True)
class ImageLayout:
    """The content of an ``oci-layout`` file.

    >>> ImageLayout().to_json()
    b'{"imageLayoutVersion":"1.0.0"}'
    """

    image_layout_version: str = IMAGE_LAYOUT_VERSION

    def __post_init__(self) -> None:
        if self.image_layout_version != IMAGE_LAYOUT_VERSION:
            raise InvalidDocumentError(
                f"must be {IMAGE_LAYOUT_VERSION!r}, got {self.image_layout_version!r}", pointer="/imageLayoutVersion"
            )

    def to_json(self) -> bytes:
        """The bytes Go writes for image-spec's ``v1.ImageLayout``."""
        return _json.dumps({"imageLayoutVersion": self.image_layout_version})


def parse_image_layout(raw: Buffer | str) -> ImageLayout:
    """Read an ``oci-layout`` file.

    :raises InvalidDocumentError: not strict JSON, or ``imageLayoutVersion``
        is missing or not ``"1.0.0"``.
    """
    if not isinstance(raw, (bytes, bytearray, memoryview, str)):
        raise InvalidDocumentError(f"an oci-layout file must be bytes, got {type(raw).__name__}", pointer="")
    value = _json.loads(raw, max_depth=None)
    if type(value) is not dict:
        raise InvalidDocumentError(f"an oci-layout file must be a JSON object, got {_json._kind(value)}", pointer="")
    version = _json.get_str(value, "imageLayoutVersion", "", InvalidDocumentError, required=True)
    assert version is not None
    return ImageLayout(version)
