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
from ._documents import as_bytes, load_object
from ._fault import Fault
from .errors import InvalidDocumentError

if TYPE_CHECKING:
    from .digest import Buffer

__all__ = ["DEFAULT_MAX_SIZE", "IMAGE_LAYOUT_VERSION", "OCI_LAYOUT_FILE", "ImageLayout", "parse_image_layout"]

#: The version image-layout.md defines.
IMAGE_LAYOUT_VERSION: Final = "1.0.0"
#: The name of the file.
OCI_LAYOUT_FILE: Final = "oci-layout"
#: The largest file :func:`parse_image_layout` takes by default, 4 MiB.
DEFAULT_MAX_SIZE: Final[int] = _json.DEFAULT_MAX_SIZE


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
        return _json.dumps({"imageLayoutVersion": self.image_layout_version}, floats=False)


def parse_image_layout(raw: Buffer | str, *, max_size: int = DEFAULT_MAX_SIZE) -> ImageLayout:
    """Read an ``oci-layout`` file.

    A file of more than ``max_size`` bytes (4 MiB by default) is refused
    before it is read.

    :raises InvalidDocumentError: not strict JSON, or ``imageLayoutVersion``
        is missing or not ``"1.0.0"``.
    """
    try:
        value = load_object(as_bytes(raw, "an oci-layout file"), "an oci-layout file", max_size)
        return ImageLayout(_json.require_str(value, "imageLayoutVersion", ""))
    except Fault as fault:
        raise fault.as_error(InvalidDocumentError) from None
