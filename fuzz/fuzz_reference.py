"""Fuzz the reference parsers: every entry point gives a Reference (or Digest) or an OCIError; str() parses back."""

from __future__ import annotations

from _harness import instrumented, main, refused_or, string_seeds, text

with instrumented():
    from oci_core import reference


def test_one_input(data: bytes) -> None:
    source = text(data)
    for parse in (reference.parse_reference, reference.parse_normalized_reference, reference.parse_any_reference,
                  reference.parse_docker_reference, reference.parse_name):
        value = refused_or(lambda: parse(source))  # noqa: B023 - called at once
        if isinstance(value, reference.Reference):
            assert reference.parse_reference(str(value)) == value, (source, value)
            # The familiar form of a normalised name reads back as the same name,
            # except where Docker refuses a bare 64-hex name as an image ID.
            familiar = refused_or(lambda: reference.parse_normalized_reference(value.familiar()))  # noqa: B023
            if familiar is not None and value.domain is not None:
                assert familiar == reference.parse_normalized_reference(str(value)), (source, value)


if __name__ == "__main__":
    main(test_one_input, string_seeds)
