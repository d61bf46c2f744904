"""Fuzz media type parsing: a MediaType or an OCIError; str() parses back equal."""

from __future__ import annotations

from _harness import instrumented, main, refused_or, string_seeds, text

with instrumented():
    from oci_core import mediatypes


def test_one_input(data: bytes) -> None:
    value = refused_or(lambda: mediatypes.parse_media_type(text(data)))
    if isinstance(value, mediatypes.MediaType):
        assert mediatypes.parse_media_type(str(value)) == value
        mediatypes.compression(value)
        mediatypes.is_distributable(value)


if __name__ == "__main__":
    main(test_one_input, string_seeds)
