"""The oci-layout file (image-layout.md)."""

from __future__ import annotations

import pytest

from oci_core import errors
from oci_core.layout import IMAGE_LAYOUT_VERSION, ImageLayout, parse_image_layout


def test_reads_and_writes_the_one_version() -> None:
    assert parse_image_layout(b'{"imageLayoutVersion": "1.0.0", "future": 1}') == ImageLayout()
    assert ImageLayout().to_json() == b'{"imageLayoutVersion":"1.0.0"}'
    assert parse_image_layout(ImageLayout().to_json()).image_layout_version == IMAGE_LAYOUT_VERSION


@pytest.mark.parametrize(
    "source",
    [b"{}", b'{"imageLayoutVersion": 1}', b'{"imageLayoutVersion": "1.1.0"}', b"[]", b"", b"{", "\ud800", 3],
)
def test_refusals(source: object) -> None:
    with pytest.raises(errors.InvalidDocumentError):
        parse_image_layout(source)  # type: ignore[arg-type]
