"""oci_core._gomatch: Go's path.Match, on the table of Go's path/match_test.go and beyond it."""

from __future__ import annotations

import pytest

from oci_core import _gomatch

GO_MATCH_TABLE = [
    ("abc", "abc", True),
    ("*", "abc", True),
    ("*c", "abc", True),
    ("a*", "a", True),
    ("a*", "abc", True),
    ("a*", "ab/c", False),
    ("a*/b", "abc/b", True),
    ("a*/b", "a/c/b", False),
    ("a*b*c*d*e*/f", "axbxcxdxe/f", True),
    ("a*b*c*d*e*/f", "axbxcxdxexxx/f", True),
    ("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", False),
    ("a*b*c*d*e*/f", "axbxcxdxexxx/fff", False),
    ("a*b?c*x", "abxbbxdbxebxczzx", True),
    ("a*b?c*x", "abxbbxdbxebxczzy", False),
    ("ab[c]", "abc", True),
    ("ab[b-d]", "abc", True),
    ("ab[e-g]", "abc", False),
    ("ab[^c]", "abc", False),
    ("ab[^b-d]", "abc", False),
    ("ab[^e-g]", "abc", True),
    ("a\\*b", "a*b", True),
    ("a\\*b", "ab", False),
    ("a?b", "a☺b", True),
    ("a[^a]b", "a☺b", True),
    ("a???b", "a☺b", False),
    ("a[^a][^a][^a]b", "a☺b", False),
    ("[a-ζ]*", "α", True),
    ("*[a-ζ]", "A", False),
    ("a?b", "a/b", False),
    ("a*b", "a/b", False),
    ("[\\]a]", "]", True),
    ("[\\-]", "-", True),
    ("[x\\-]", "x", True),
    ("[x\\-]", "-", True),
    ("[x\\-]", "z", False),
    ("[\\-x]", "x", True),
    ("[\\-x]", "-", True),
    ("[\\-x]", "a", False),
    ("*x", "xxx", True),
]
GO_BAD_PATTERNS = [
    ("[]a]", "]"),
    ("[-]", "-"),
    ("[x-]", "x"),
    ("[x-]", "-"),
    ("[x-]", "z"),
    ("[-x]", "x"),
    ("[-x]", "-"),
    ("[-x]", "a"),
    ("\\", "a"),
    ("[a-b-c]", "a"),
    ("[", "a"),
    ("[^", "a"),
    ("[^bc", "a"),
    ("a[", "a"),
    ("a[", "ab"),
    ("a[", "x"),
    ("a/b[", "x"),
]


# Beyond Go's table: chunk placement, classes and escapes at the edges.
MORE_MATCHES = [
    ("", "", True),
    ("", "a", False),
    ("*", "", True),
    ("**", "a/b", False),
    ("*/*", "a/b", True),
    ("?*?", "ab", True),
    ("?*?", "a", False),
    ("*a*b", "xaxb", True),
    ("*a*b", "xaxbx", False),
    ("a*b", "ab", True),
    ("[z-a]", "m", False),  # an empty range matches nothing
    ("[^z-a]", "m", True),
    ("[/]", "/", True),  # a class may match "/" (only * and ? may not)
    ("a[^b]c", "a/c", True),
    ("[[]", "[", True),
    ("[a[]b", "[b", True),
    ("[*]", "*", True),
    ("[*]x", "x", False),
    ("\\[x]", "[x]", True),
    ("[\\\\]", "\\", True),
    ("\\a", "a", True),
    ("[\\a-c]", "b", True),
    ("[a-\\c]", "c", True),
    ("[^^]", "^", False),
    ("[!]", "!", True),
    ("a\\\\*", "a\\bc", True),
    ("*??", "abc", True),
    ("*?b?", "ab/a", False),
]
MORE_BAD = [
    ("[]", "a"),
    ("[^]", "a"),
    ("[^]a]", "a"),
    ("a\\\\\\", "a"),
    ("[a--]", "a"),
    ("[a-]b*", "x"),  # Go reads the rest of the pattern before it answers no
    ("x*[", "y"),
    ("*[a", ""),
    ("[\\]", "]"),
]


@pytest.mark.parametrize(("pattern", "name", "matched"), GO_MATCH_TABLE + MORE_MATCHES)
def test_go_path_match(pattern: str, name: str, matched: bool) -> None:
    assert _gomatch.match(pattern, name) is matched


@pytest.mark.parametrize(("pattern", "name"), GO_BAD_PATTERNS + MORE_BAD)
def test_go_path_match_bad_patterns(pattern: str, name: str) -> None:
    with pytest.raises(_gomatch.BadPattern):
        _gomatch.match(pattern, name)


def test_patterns_past_the_limit_are_refused_unread() -> None:
    assert _gomatch.match("a" * _gomatch.MAX_PATTERN_LENGTH, "a" * _gomatch.MAX_PATTERN_LENGTH)
    with pytest.raises(_gomatch.BadPattern, match="longer than 65536 characters"):
        _gomatch.match("a" * (_gomatch.MAX_PATTERN_LENGTH + 1), "a")


def test_chunks_are_placed_once_at_their_leftmost_fit() -> None:
    # Go's algorithm: no backtracking into earlier chunks.
    assert not _gomatch.match("*a" * 200 + "b", "a" * 400)
    assert _gomatch.match("*a" * 200, "a" * 400)
