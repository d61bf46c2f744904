"""Hypothesis strategies for platforms, specifiers and platform JSON."""

from __future__ import annotations

import re
from typing import SupportsIndex

from hypothesis import strategies as st

from oci_core import _platform_tables as tables
from oci_core.platform import COMPONENT_PATTERN, Platform

__all__ = [
    "UNWRITABLE",
    "any_text",
    "candidate_platforms",
    "ggcr_platforms",
    "hostile_str",
    "hosts",
    "json_platform_objects",
    "json_values",
    "make_hostile",
    "platforms",
    "spec_platforms",
    "specifiers",
    "unwritable_text",
]

# Names the tables know, in the spellings users write.
_OS_NAMES = sorted(tables.KNOWN_OSES | set(tables.OS_ALIASES) | {"Linux", "WINDOWS", "macOS"})
_ARCH_NAMES = sorted(tables.KNOWN_ARCHES | set(tables.ARCH_ALIASES) | {"AArch64", "X86_64", "ARMHF", "i686"})
_VARIANTS = sorted(
    {v for aliases in tables.VARIANT_ALIASES.values() for v in aliases}
    | {v for variants in tables.PLAIN_VARIANTS.values() for v in variants}
    | {"V8", "v9.6", "v8.10", "v10", "v+3", "v-1", "v03", "9.4", "8.12"}
)

#: The characters no platform may hold: lone surrogates' neighbours aside,
#: the 66 noncharacters (I-JSON forbids them; so does the strict JSON reader).
UNWRITABLE = [chr(c) for c in range(0xFDD0, 0xFDF0)] + [
    chr(plane * 0x10000 + low) for plane in range(17) for low in (0xFFFE, 0xFFFF)
]

#: Any text a platform may hold, including the empty string: no lone
#: surrogate, no noncharacter.
any_text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters=UNWRITABLE), max_size=24)

#: Text that holds at least one character no platform may hold (a lone
#: surrogate or a noncharacter), somewhere among others.
unwritable_text = st.builds(
    lambda head, bad, tail: head + bad + tail,
    any_text,
    st.sampled_from(UNWRITABLE) | st.characters(categories=["Cs"]),
    any_text,
)

_OS_CHARS = st.characters(codec="ascii", categories=["Lu", "Ll", "Nd"]) | st.sampled_from("_-")
_COMPONENT_CHARS = _OS_CHARS | st.just(".")
# The grammar's own characters and the five that FormatAll percent-encodes
# upstream; anything else is encoded too (see format_platform_all).
_OPTION_CHARS = _COMPONENT_CHARS | st.sampled_from("%+()/")


def _word(chars: st.SearchStrategy[str], names: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(names) | st.text(chars, min_size=1, max_size=12)


def platforms() -> st.SearchStrategy[Platform]:
    """Any Platform value: any text in every field."""
    return st.builds(
        Platform,
        os=st.sampled_from(_OS_NAMES) | any_text,
        architecture=st.sampled_from(_ARCH_NAMES) | any_text,
        variant=st.sampled_from(_VARIANTS) | any_text,
        os_version=any_text,
        os_features=st.lists(any_text, max_size=4).map(tuple),
        features=st.lists(any_text, max_size=4).map(tuple),
    )


def spec_platforms() -> st.SearchStrategy[Platform]:
    """Platforms that a containerd specifier can write (FormatAll) and read back."""
    return st.builds(
        Platform,
        os=_word(_OS_CHARS, _OS_NAMES),
        architecture=_word(_COMPONENT_CHARS, _ARCH_NAMES),
        variant=st.just("") | _word(_COMPONENT_CHARS, [v for v in _VARIANTS if re.fullmatch(COMPONENT_PATTERN, v)]),
        os_version=st.just("") | st.text(_OPTION_CHARS, max_size=12) | any_text,
        os_features=st.lists(st.text(_OPTION_CHARS, min_size=1, max_size=8) | any_text.filter(bool), max_size=3).map(
            tuple
        ),
    )


def ggcr_platforms() -> st.SearchStrategy[Platform]:
    """Platforms that go-containerregistry's String writes and ParsePlatform reads back."""
    # No "/" or ":" (the separators), and no white space at the ends (trimmed).
    chars = st.characters(exclude_characters=["/", ":", *UNWRITABLE], exclude_categories=["Cs", "Zs", "Zl", "Zp", "Cc"])
    field = st.text(chars, max_size=12)
    nonempty = field.filter(bool)
    return st.one_of(
        st.builds(Platform, os=nonempty, architecture=st.just(""), os_version=field),
        st.builds(Platform, os=nonempty, architecture=nonempty, variant=field, os_version=field),
    )


def hosts() -> st.SearchStrategy[Platform]:
    """Host platforms: known names mostly, sometimes with a Windows build or OS features."""
    return st.builds(
        Platform,
        os=st.sampled_from(["linux", "windows", "darwin", "freebsd", "Linux"]),
        architecture=st.sampled_from(["amd64", "arm64", "arm", "386", "x86_64", "aarch64", "ppc64le"]),
        variant=st.sampled_from(["", "v2", "v3", "v5", "v6", "v7", "v8", "v8.2", "v9", "v9.3"]),
        os_version=st.sampled_from(["", "10.0.17763", "10.0.20348.3091", "10.0.26100"]),
        os_features=st.lists(st.sampled_from(["win32k", "gpu", "a"]), max_size=2).map(tuple),
    )


def candidate_platforms() -> st.SearchStrategy[Platform]:
    """Candidates for matching: hosts' neighbours and anything at all."""
    return hosts() | spec_platforms() | platforms()


def specifiers() -> st.SearchStrategy[str]:
    """Specifier-like text: formatted platforms, their pieces, and near misses."""
    pieces = st.sampled_from(_OS_NAMES + _ARCH_NAMES + _VARIANTS + ["", "(", ")", "+", "%", "%2B", "*", "/", " "])
    return st.one_of(
        spec_platforms().map(str),
        st.lists(pieces, max_size=6).map("".join),
        st.lists(st.text(_OPTION_CHARS | st.sampled_from("* \n"), max_size=8), min_size=1, max_size=5).map("/".join),
    )


def json_values() -> st.SearchStrategy[object]:
    """Any JSON value, as Python's json module would give it."""
    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | any_text
    return st.recursive(
        scalars,
        lambda children: st.lists(children, max_size=3) | st.dictionaries(any_text, children, max_size=3),
        max_leaves=8,
    )


def json_platform_objects() -> st.SearchStrategy[object]:
    """Platform JSON objects, right and wrong, and other JSON values."""
    strings = any_text | json_values()
    string_lists = st.lists(any_text, max_size=3) | st.lists(json_values(), max_size=2) | json_values()
    objects = st.fixed_dictionaries(
        {},
        optional={
            "architecture": strings,
            "os": strings,
            "variant": strings,
            "os.version": strings,
            "os.features": string_lists,
            "features": string_lists,
            "extra": json_values(),
        },
    )
    return objects | json_values()


class _Hostile(str):
    """A str that lies through its own methods.

    It hashes like ``hash_as`` and equals everything, so it poisons any dict
    it enters as a key; and it splits, strips, lower-cases and searches as if
    it held ``methods_as``. A reader that asks it anything but its characters
    (``str.__str__``) is fooled.
    """

    # A str subclass cannot have slots: these live in the instance dict.
    hash_as: str
    methods_as: str

    def __hash__(self) -> int:
        return hash(self.hash_as)

    def __eq__(self, other: object) -> bool:
        return True

    def __ne__(self, other: object) -> bool:
        return False

    def __str__(self) -> str:
        return self.methods_as

    def __len__(self) -> int:
        return len(self.methods_as)

    def split(self, sep: str | None = None, maxsplit: SupportsIndex = -1) -> list[str]:
        return self.methods_as.split(sep, maxsplit)

    def partition(self, sep: str, /) -> tuple[str, str, str]:
        return self.methods_as.partition(sep)

    def strip(self, chars: str | None = None) -> str:
        return self.methods_as.strip(chars)

    def lower(self) -> str:
        return self.methods_as.lower()

    def find(self, sub: str, start: SupportsIndex | None = None, end: SupportsIndex | None = None, /) -> int:
        return self.methods_as.find(sub, start, end)

    def isascii(self) -> bool:
        return True


def make_hostile(text: str, hash_as: str, methods_as: str) -> str:
    """A :class:`_Hostile` holding ``text``."""
    value = _Hostile(text)
    value.hash_as = hash_as
    value.methods_as = methods_as
    return value


def hostile_str(texts: st.SearchStrategy[str], pretends: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A str subclass holding one of ``texts`` that hashes like one of ``pretends`` and answers its methods
    as another (either may be the text itself)."""
    return st.builds(make_hostile, texts, pretends, pretends)
