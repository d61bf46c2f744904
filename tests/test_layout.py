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


def test_every_reader_takes_max_size() -> None:
    from oci_core import config, descriptor, manifest

    documents = [
        (descriptor.parse_descriptor, b'{"mediaType":"a/b","digest":"sha256:' + b"a" * 64 + b'","size":1}'),
        (manifest.parse_manifest, b'{"schemaVersion":2,"manifests":[]}'),
        (manifest.parse_image_index, b'{"schemaVersion":2,"manifests":[]}'),
        (config.parse_image_config, b'{"architecture":"a","os":"o","rootfs":{"type":"layers"}}'),
        (parse_image_layout, b'{"imageLayoutVersion":"1.0.0"}'),
    ]
    for reader, raw in documents:
        assert reader(raw, max_size=len(raw))  # type: ignore[operator]
        with pytest.raises(errors.InvalidDocumentError, match="over the limit") as caught:
            reader(raw, max_size=len(raw) - 1)  # type: ignore[operator]
        assert caught.value.pointer == ""
        big = raw[:-1] + b" " * (4 * 1024 * 1024) + b"}"
        with pytest.raises(errors.InvalidDocumentError, match="over the limit of 4194304"):
            reader(big)  # type: ignore[operator]
        assert reader(big, max_size=len(big))  # type: ignore[operator]
