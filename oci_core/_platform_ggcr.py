"""go-containerregistry's text form of a platform, ``os[/arch[/variant]][:os.version]`` (private).

``v1.ParsePlatform`` and ``Platform.String`` (pkg/v1/platform.go) over plain
fields; :func:`oci_core.platform.parse_platform_ggcr` and
:func:`~oci_core.platform.format_platform_ggcr` build and read the values.
Values are taken as written: neither checked against a grammar nor normalised.
"""

from __future__ import annotations

from ._fault import Fault
from ._grammar import describe_forbidden, first_forbidden_char
from ._platform_text import GO_SPACE, SHORT_TEXT, go_trim_space

__all__ = ["read_ggcr", "write_ggcr"]


def read_ggcr(text: str) -> tuple[str, str, str, str]:
    """(os, architecture, variant, os.version) of ggcr's form; a fault for what it refuses.

    Surrounding white space (Go's ``unicode.IsSpace``) is ignored. More than
    two slashes are refused, as upstream does; so (where upstream silently
    drops the version) is more than one ``:``, and so is a character that no
    platform may hold (a lone surrogate, a noncharacter).
    """
    if not text.isascii():
        bad = first_forbidden_char(text)
        if bad >= 0:
            message = f"platform holds {describe_forbidden(text[bad])}, which no platform may hold (I-JSON forbids it)"
            raise Fault(message, text=text, span=(bad, bad + 1))
    stripped = text.strip(GO_SPACE) if len(text) <= SHORT_TEXT else go_trim_space(text)
    head, _, os_version = stripped.partition(":")
    if ":" in os_version:
        at = text.find(":", text.find(":") + 1)
        raise Fault("more than one ':' in platform spec", text=text, span=(at, at + 1))
    os, _, rest = head.partition("/")
    architecture, _, variant = rest.partition("/")
    if "/" in variant:
        at = text.find("/", text.find("/", text.find("/") + 1) + 1)
        raise Fault("too many slashes in platform spec", text=text, span=(at, at + 1))
    return os, architecture, variant, os_version


def write_ggcr(os: str, architecture: str, variant: str, os_version: str) -> str:
    """``os[/arch][/variant][:os.version]``; ``""`` without an OS."""
    if not os:
        return ""
    text = os
    if architecture:
        text += "/" + architecture
    if variant:
        text += "/" + variant
    if os_version:
        text += ":" + os_version
    return text
