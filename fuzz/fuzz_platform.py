"""Fuzz platform parsing, containerd's and ggcr's forms: a Platform or an OCIError; the formatted forms parse back."""

from __future__ import annotations

from _harness import instrumented, main, refused_or, string_seeds, text

with instrumented():
    from oci_core import platform


def test_one_input(data: bytes) -> None:
    source = text(data)
    value = refused_or(lambda: platform.parse_platform(source))
    if isinstance(value, platform.Platform):
        assert platform.parse_platform(platform.format_platform_all(value)) == value
        platform.normalize_platform(value)
    ggcr = refused_or(lambda: platform.parse_platform_ggcr(source))
    # ggcr's String() is lossy by design (nothing without an OS, no variant
    # without an architecture), so its round trip is idempotence of the text.
    # Go trims white space around the whole text, so a component ending in
    # one does not survive being written last.
    if isinstance(ggcr, platform.Platform) and ggcr.os:
        written = platform.format_platform_ggcr(ggcr)
        if written != written.strip():
            return
        assert platform.format_platform_ggcr(platform.parse_platform_ggcr(written)) == written, (source, written)


if __name__ == "__main__":
    main(test_one_input, string_seeds)
