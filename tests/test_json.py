"""oci_core._json: strict reading, typed accessors, Go-compatible writing."""

from __future__ import annotations

import json
import time

import pytest

from oci_core import _json
from oci_core.errors import InvalidDocumentError, InvalidManifestError


def test_reads_plain_documents() -> None:
    raw = b' {"a": [1, -2, 3.5, true, false, null, "x"], "b": {}} \n'
    assert _json.loads(raw) == json.loads(raw)
    assert _json.loads(bytearray(raw)) == json.loads(raw)
    assert _json.loads(memoryview(raw)) == json.loads(raw)
    assert _json.loads('{"é": "ü"}') == {"é": "ü"}


@pytest.mark.parametrize(
    ("raw", "words", "pointer"),
    [
        (b"", "empty", None),
        (b"  \n", "empty", None),
        (b"{", "", None),
        (b'{"a":1}x', "extra data", None),
        (b"[1] [2]", "extra data", None),
        (b"NaN", "finite", None),
        (b"[Infinity]", "finite", None),
        (b"[-Infinity]", "finite", None),
        (b"[1e400]", "finite", None),
        (b"[-1e400]", "finite", None),
        (b'{"a":1,"a":1}', "duplicate key 'a'", ""),
        (b'{"x":[{"b":{"c":1,"c":2}}]}', "duplicate key 'c'", "/x/0/b"),
        (b'{"a/b~":{"k":1,"k":2}}', "duplicate key 'k'", "/a~1b~0"),
        (b'"\\ud800"', "surrogate", ""),
        (b'["ok", "\\udfff"]', "surrogate", "/1"),
        (b'{"\\udc00": 1}', "surrogate", "/\udc00"),
        ('"\ufdd0"'.encode(), "noncharacter", ""),
        (b'"\\uffff"', "noncharacter", ""),
        (b'["\\u003c", "\\uFDEF"]', "noncharacter", "/1"),
        (b'{"k": "\\ud83f\\udffe"}', "noncharacter", "/k"),  # U+1FFFE, escaped as a pair
        (b"\xef\xbb\xbf{}", "byte order mark", ""),
        ("{}".encode("utf-16"), "UTF-16", ""),
        ("{}".encode("utf-16-le"), "UTF-16 or UTF-32", ""),
        ("{}".encode("utf-32"), "UTF-32", ""),
        (b'{"a":"\xff"}', "not valid UTF-8", ""),
        (b'"\xed\xa0\x80"', "not valid UTF-8", ""),  # CESU-8 surrogate
        (b"[" + b"1" * 5000 + b"]", "digits", None),
        (b'"a\x01"', "Invalid control character", None),
        (b"[01]", "", None),
        (b"[.5]", "", None),
        (b"{'a':1}", "", None),
        (b"[1,]", "", None),
    ],
)
def test_refusals(raw: bytes, words: str, pointer: str | None) -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        _json.loads(raw)
    assert type(caught.value) is InvalidDocumentError
    assert words in str(caught.value)
    assert caught.value.pointer == pointer


def test_escaped_surrogate_pair_is_fine() -> None:
    assert _json.loads(b'"\\ud83d\\ude00"') == "\U0001f600"


def test_go_html_escapes_and_escaped_backslashes_are_fine() -> None:
    assert _json.loads(b'"\\u003ca\\u0026b\\u003e"') == "<a&b>"
    assert _json.loads(b'"\\\\ud800"') == "\\ud800"


def test_error_class_is_the_callers() -> None:
    with pytest.raises(InvalidManifestError):
        _json.loads(b"[", error=InvalidManifestError)


def test_non_bytes_are_refused() -> None:
    for value in (None, 1, ["{}"], {"a": 1}):
        with pytest.raises(InvalidDocumentError):
            _json.loads(value)  # type: ignore[arg-type]
    with pytest.raises(InvalidDocumentError, match="lone surrogate"):
        _json.loads('"\ud800"')


def test_size_limit() -> None:
    raw = b'"' + b"a" * 100 + b'"'
    assert _json.loads(raw, max_size=len(raw)) == "a" * 100
    with pytest.raises(InvalidDocumentError, match="over the limit"):
        _json.loads(raw, max_size=len(raw) - 1)
    with pytest.raises(InvalidDocumentError, match="over the limit"):
        _json.loads(b" " * (_json.DEFAULT_MAX_SIZE + 1))


def test_depth_limit() -> None:
    assert _json.loads(b"[" * 64 + b"]" * 64) is not None
    with pytest.raises(InvalidDocumentError, match="deeper than 64"):
        _json.loads(b"[" * 65 + b"]" * 65)
    nested = b'{"a":' * 65 + b"1" + b"}" * 65
    with pytest.raises(InvalidDocumentError, match="deeper than 64"):
        _json.loads(nested)
    assert _json.loads(nested, max_depth=65) is not None
    # brackets inside strings are not nesting
    assert _json.loads(b'["' + b"[" * 1000 + b'"]') == ["[" * 1000]


@pytest.mark.parametrize("depth", [1_000, 100_000, 2_000_000])
def test_deep_nesting_never_raises_recursion_error(depth: int) -> None:
    raw = b"[" * depth + b"]" * depth
    # With max_depth=None the interpreter's guard is the limit: Python 3.13
    # reads 1,000 levels, earlier versions stop before.
    for limit in (64, None) if depth > 10_000 else (64,):
        started = time.perf_counter()
        with pytest.raises(InvalidDocumentError, match="deeper"):
            _json.loads(raw, max_depth=limit, max_size=len(raw))
        assert time.perf_counter() - started < 2.0


def test_check_depth_on_kept_values() -> None:
    value = _json.loads(b"[[[1]]]", max_depth=None)
    _json.check_depth(value, 3, InvalidDocumentError)
    with pytest.raises(InvalidManifestError) as caught:
        _json.check_depth(value, 2, InvalidManifestError, pointer="/x")
    assert caught.value.pointer == "/x"


def test_join_pointer_escapes() -> None:
    assert _json.join_pointer("", "a") == "/a"
    assert _json.join_pointer("/a", 3) == "/a/3"
    assert _json.join_pointer("", "~/") == "/~0~1"
    assert _json.join_pointer("", "") == "/"


# -- typed accessors -----------------------------------------------------------

DOC: dict[str, _json.JSON] = {
    "int": 5,
    "neg": -1,
    "big": 2**63,
    "bool": True,
    "float": 1.0,
    "str": "x",
    "digits": "1",
    "null": None,
    "list": ["a", "b"],
    "mixed": ["a", 1],
    "obj": {"k": "v"},
    "badmap": {"k": 1},
}


def test_get_int() -> None:
    assert _json.get_int(DOC, "int", "", InvalidDocumentError) == 5
    assert _json.get_int(DOC, "absent", "", InvalidDocumentError) is None
    with pytest.raises(InvalidManifestError) as missing:
        _json.get_int(DOC, "absent", "/x", InvalidManifestError, required=True)
    assert missing.value.pointer == "/x/absent"
    for key, words in (("bool", "boolean"), ("float", "fraction"), ("digits", "string"), ("null", "null")):
        with pytest.raises(InvalidDocumentError, match=words) as caught:
            _json.get_int(DOC, key, "/d", InvalidDocumentError)
        assert caught.value.pointer == f"/d/{key}"
    with pytest.raises(InvalidDocumentError, match="non-negative int64"):
        _json.get_int(DOC, "neg", "", InvalidDocumentError, minimum=0)
    with pytest.raises(InvalidDocumentError, match="int64|from"):
        _json.get_int(DOC, "big", "", InvalidDocumentError)
    assert _json.get_int(DOC, "big", "", InvalidDocumentError, maximum=2**64) == 2**63


def test_get_other_kinds() -> None:
    e = InvalidDocumentError
    assert _json.get_str(DOC, "str", "", e) == "x"
    assert _json.get_bool(DOC, "bool", "", e) is True
    assert _json.get_list(DOC, "list", "", e) == ["a", "b"]
    assert _json.get_object(DOC, "obj", "", e) == {"k": "v"}
    assert _json.get_str_list(DOC, "list", "", e) == ("a", "b")
    assert _json.get_str_map(DOC, "obj", "", e) == {"k": "v"}
    for getter in (_json.get_str, _json.get_bool, _json.get_list, _json.get_object, _json.get_str_list, _json.get_str_map):
        assert getter(DOC, "absent", "", e) is None
        with pytest.raises(e, match="required"):
            getter(DOC, "absent", "", e, required=True)
        with pytest.raises(e, match="must be"):
            getter(DOC, "int", "", e)
    with pytest.raises(e, match="boolean"):
        _json.get_bool(DOC, "int", "", e)
    with pytest.raises(e) as caught:
        _json.get_str_list(DOC, "mixed", "/p", e)
    assert caught.value.pointer == "/p/mixed/1"
    with pytest.raises(e) as caught:
        _json.get_str_map(DOC, "badmap", "", e)
    assert caught.value.pointer == "/badmap/k"


def test_long_values_are_shortened_in_messages() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        _json.get_int({"x": "y" * 10_000}, "x", "", InvalidDocumentError)
    assert len(str(caught.value)) < 150


# -- writing ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"b": 1, "a": [True, False, None]}, b'{"b":1,"a":[true,false,null]}'),
        ("<a href='x'>&</a>", b'"\\u003ca href=\'x\'\\u003e\\u0026\\u003c/a\\u003e"'),
        ("\u2028\u2029", b'"\\u2028\\u2029"'),
        ("\x00\x01\x1f\x7f", b'"\\u0000\\u0001\\u001f\x7f"'),
        ("\b\f\n\r\t\"\\/", b'"\\b\\f\\n\\r\\t\\"\\\\/"'),
        ("é😀", "\"é😀\"".encode()),
        ((), b"[]"),
        ({}, b"{}"),
        (2**63 - 1, b"9223372036854775807"),
        (-0.0, b"-0"),
        (1.0, b"1"),
        (0.1, b"0.1"),
        (1e20, b"100000000000000000000"),
        (1e21, b"1e+21"),
        (1e-6, b"0.000001"),
        (1e-7, b"1e-7"),
        (1.5e-5, b"0.000015"),
        (123456789.0, b"123456789"),
        (1e16, b"10000000000000000"),
        (1.2345678901234569e23, b"1.2345678901234569e+23"),
        (5e-324, b"5e-324"),
        (-1.7976931348623157e308, b"-1.7976931348623157e+308"),
    ],
)
def test_dumps_matches_go(value: object, expected: bytes) -> None:
    assert _json.dumps(value) == expected


@pytest.mark.parametrize("value", [float("nan"), float("inf"), {1: "a"}, object(), "\ud800", b"bytes"])
def test_dumps_refuses_what_json_cannot_hold(value: object) -> None:
    with pytest.raises(InvalidDocumentError):
        _json.dumps(value)


def test_dumps_is_read_back_unchanged() -> None:
    value = {"z": [1, 2.5, "x<y>", {"n": None}], "a": "\u2028"}
    assert _json.loads(_json.dumps(value)) == value


def test_sorted_map_uses_go_order() -> None:
    assert list(_json.sorted_map({"b": "1", "B": "2", "é": "3", "a": "4"})) == ["B", "a", "b", "é"]
