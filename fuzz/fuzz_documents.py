"""Fuzz the document readers: descriptors, manifests, indexes, configs and the layout file.

Each gives a value or an OCIError; a manifest's bytes are kept exactly; what
``to_json()`` writes parses back to an equal value; ``detect_media_type``
never raises.
"""

from __future__ import annotations

from _harness import document_seeds, instrumented, main, refused_or

with instrumented():
    from oci_core import config, descriptor, layout, manifest


def test_one_input(data: bytes) -> None:
    manifest.detect_media_type(data)
    document = refused_or(lambda: manifest.parse_manifest(data))
    if isinstance(document, (manifest.ImageManifest, manifest.ImageIndex)):
        assert document.raw == data
        again = manifest.parse_manifest(document.to_json())
        assert again.to_json() == document.to_json()
    image = refused_or(lambda: config.parse_image_config(data))
    if isinstance(image, config.ImageConfig):
        assert config.parse_image_config(image.to_json()).to_json() == image.to_json()
    described = refused_or(lambda: descriptor.parse_descriptor(data))
    if isinstance(described, descriptor.Descriptor):
        assert descriptor.parse_descriptor(described.to_json()) == described
    refused_or(lambda: layout.parse_image_layout(data))


if __name__ == "__main__":
    main(test_one_input, document_seeds)
