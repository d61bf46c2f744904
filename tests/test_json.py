"""oci_core._json: strict reading, typed accessors, Go-compatible writing."""

from __future__ import annotations

import json
import time

import pytest

from oci_core import _json
from oci_core._fault import Fault


def test_reads_plain_documents() -> None:
    raw = b' {"a": [1, -2, 3.5, true, false, null, "x"], "b": {}} \n'
    assert _json.loads(raw) == json.loads(raw)
    assert _json.loads(bytearray(raw)) == json.loads(raw)
    assert _json.loads(memoryview(raw)) == json.loads(raw)
    assert _json.loads('{"é": "ü"}') == {"é": "ü"}


@pytest.mark.parametrize(
    ("raw", "words", "pointer"),
    [
        (b"", "empty", ""),
        (b"  \n", "empty", ""),
        (b"{", "expecting property name enclosed in double quotes at line 1 column 2 (offset 1)", ""),
        (b'{"a":"x', "unterminated string starting at line 1 column 6 (offset 5)", ""),
        (b'{"a":1}x', "extra data after the document at line 1 column 8 (offset 7)", ""),
        (b"[1] [2]", "extra data", ""),
        (b"NaN", "NaN is not a finite double (offset 0)", ""),
        (b"[Infinity]", "finite", "/0"),
        (b"[-Infinity]", "finite", "/0"),
        (b"[1e400]", "1e400 is not a finite double (offset 1)", "/0"),
        (b'{"a": {"b": [1, -1e400]}}', "finite", "/a/b/1"),
        (b'{"a":1,"a":1}', "duplicate key 'a'", ""),
        (b'{"x":[{"b":{"c":1,"c":2}}]}', "duplicate key 'c' in an object (offset 23)", "/x/0/b"),
        (b'{"a/b~":{"k":1,"k":2}}', "duplicate key 'k'", "/a~1b~0"),
        # the scanner meets the number before the object closes: the number is what it refuses
        (b'{"a":1,"a":2,"b":1e400}', "finite", "/b"),
        # a refusal followed by malformed text is located without reading the rest
        (b'[{"a":1,"a":2},', "duplicate key 'a'", "/0"),
        (b'[{"a":1,"a":2},' + b"[" * 5000, "duplicate key 'a'", "/0"),
        (b'[{"a":1,"a":2}, 1e', "duplicate key 'a'", "/0"),
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
        (b"[" + b"1" * 5000 + b"]", "a 5000-character number has more digits than Python converts", "/0"),
        (b'"a\x01"', "invalid control character at line 1 column 3", ""),
        (b"[01]", "", ""),
        (b"[.5]", "", ""),
        (b"{'a':1}", "", ""),
        (b"[1,]", "at line 1 column", ""),  # 3.13 says "illegal trailing comma", older "expecting a value"
    ],
)
def test_refusals(raw: bytes, words: str, pointer: str) -> None:
    with pytest.raises(Fault) as caught:
        _json.loads(raw)
    assert words in caught.value.message, caught.value.message
    assert caught.value.pointer == pointer
    assert " at at " not in caught.value.message


def test_escaped_surrogate_pair_is_fine() -> None:
    assert _json.loads(b'"\\ud83d\\ude00"') == "\U0001f600"


def test_go_html_escapes_and_escaped_backslashes_are_fine() -> None:
    assert _json.loads(b'"\\u003ca\\u0026b\\u003e"') == "<a&b>"
    assert _json.loads(b'"\\\\ud800"') == "\\ud800"


def test_a_fault_becomes_the_callers_family() -> None:
    from oci_core.errors import InvalidManifestError

    with pytest.raises(Fault) as caught:
        _json.loads(b"[")
    error = caught.value.as_error(InvalidManifestError)
    assert type(error) is InvalidManifestError and error.pointer == ""


def test_non_bytes_are_refused() -> None:
    for value in (None, 1, ["{}"], {"a": 1}):
        with pytest.raises(Fault):
            _json.loads(value)  # type: ignore[arg-type]
    with pytest.raises(Fault, match="lone surrogate"):
        _json.loads('"\ud800"')


def test_size_limit() -> None:
    raw = b'"' + b"a" * 100 + b'"'
    assert _json.loads(raw, max_size=len(raw)) == "a" * 100
    with pytest.raises(Fault, match="over the limit"):
        _json.loads(raw, max_size=len(raw) - 1)
    with pytest.raises(Fault, match="over the limit"):
        _json.loads(b" " * (_json.DEFAULT_MAX_SIZE + 1))


def test_depth_limit() -> None:
    assert _json.loads(b"[" * 64 + b"]" * 64) is not None
    with pytest.raises(Fault, match="deeper than 64"):
        _json.loads(b"[" * 65 + b"]" * 65)
    nested = b'{"a":' * 65 + b"1" + b"}" * 65
    with pytest.raises(Fault, match="deeper than 64"):
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
        with pytest.raises(Fault, match="deeper"):
            _json.loads(raw, max_depth=limit, max_size=len(raw))
        assert time.perf_counter() - started < 2.0


def test_check_depth_on_kept_values() -> None:
    value = _json.loads(b"[[[1]]]", max_depth=None)
    _json.check_depth(value, 3)
    with pytest.raises(Fault) as caught:
        _json.check_depth(value, 2, pointer="/x")
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
    assert _json.get_int(DOC, "int", "") == 5
    assert _json.get_int(DOC, "absent", "") is None
    with pytest.raises(Fault) as missing:
        _json.require_int(DOC, "absent", "/x")
    assert missing.value.pointer == "/x/absent"
    for key, words in (("bool", "boolean"), ("float", "fraction"), ("digits", "string"), ("null", "null")):
        with pytest.raises(Fault, match=words) as caught:
            _json.get_int(DOC, key, "/d")
        assert caught.value.pointer == f"/d/{key}"
    with pytest.raises(Fault, match="non-negative int64"):
        _json.get_int(DOC, "neg", "", minimum=0)
    with pytest.raises(Fault, match=r"int64|from"):
        _json.get_int(DOC, "big", "")
    assert _json.get_int(DOC, "big", "", maximum=2**64) == 2**63
    assert _json.require_int(DOC, "int", "") == 5


def test_get_other_kinds() -> None:
    assert _json.get_str(DOC, "str", "") == "x"
    assert _json.require_str(DOC, "str", "") == "x"
    assert _json.get_bool(DOC, "bool", "") is True
    assert _json.get_list(DOC, "list", "") == ["a", "b"]
    assert _json.require_list(DOC, "list", "") == ["a", "b"]
    assert _json.get_object(DOC, "obj", "") == {"k": "v"}
    assert _json.require_object(DOC, "obj", "") == {"k": "v"}
    assert _json.get_str_list(DOC, "list", "") == ("a", "b")
    assert _json.get_str_map(DOC, "obj", "") == {"k": "v"}
    getters = (_json.get_str, _json.get_bool, _json.get_list, _json.get_object, _json.get_str_list, _json.get_str_map)
    for getter in getters:
        assert getter(DOC, "absent", "") is None
        with pytest.raises(Fault, match="must be"):
            getter(DOC, "int", "")
    for requirer in (_json.require_str, _json.require_list, _json.require_object, _json.require_int):
        with pytest.raises(Fault, match="required") as caught:
            requirer(DOC, "absent", "/p")
        assert caught.value.pointer == "/p/absent"
        with pytest.raises(Fault, match="must be"):
            requirer(DOC, "obj" if requirer is not _json.require_object else "int", "")
    with pytest.raises(Fault, match="boolean"):
        _json.get_bool(DOC, "int", "")
    with pytest.raises(Fault) as caught:
        _json.get_str_list(DOC, "mixed", "/p")
    assert caught.value.pointer == "/p/mixed/1"
    with pytest.raises(Fault) as caught:
        _json.get_str_map(DOC, "badmap", "")
    assert caught.value.pointer == "/badmap/k"


def test_kind_names_json_values() -> None:
    values: tuple[object, ...] = (None, True, 1, 1.5, "x", [], {}, (1,))
    kinds = [_json.kind(v) for v in values]
    assert kinds == [
        "null", "a boolean", "an integer", "a number with a fraction or exponent", "a string", "an array", "an object",
        "tuple",
    ]  # fmt: skip


def test_long_values_are_shortened_in_messages() -> None:
    with pytest.raises(Fault) as caught:
        _json.get_int({"x": "y" * 10_000}, "x", "")
    assert len(caught.value.message) < 150


# -- parsed values a caller hands in ---------------------------------------------------


def test_checked_value_copies_json_values() -> None:
    value = {"a": [1, "x", None, 2.5, True, {"b": {}}]}
    copy = _json.checked_value(value)
    assert copy == value and copy is not value
    assert copy["a"] is not value["a"]


def test_checked_value_reads_subclasses_as_plain_values() -> None:
    class Sneaky(str):
        def __hash__(self) -> int:
            return 1

        def __eq__(self, other: object) -> bool:
            return True

    class Count(int):
        def __index__(self) -> int:
            return 99

    class Items(dict):  # type: ignore[type-arg]
        def items(self):  # type: ignore[no-untyped-def]
            return [("lie", "lie")]

    copy = _json.checked_value(Items({Sneaky("a"): [Sneaky("b"), Count(3)]}))
    assert isinstance(copy, dict) and copy == {"a": ["b", 3]}
    assert type(next(iter(copy))) is str
    inner = copy["a"]
    assert isinstance(inner, list) and [type(v) for v in inner] == [str, int]
    with pytest.raises(Fault, match="duplicate key 'x'"):
        _json.checked_value({Sneaky("x"): 1, "x": 2})


@pytest.mark.parametrize(
    ("value", "words", "pointer"),
    [
        ({1: "a"}, "keys must be strings", ""),
        ({"a": (1,)}, "must be a JSON value, got tuple", "/a"),
        ({"a": {1, 2}}, "got set", "/a"),
        ({"a": float("nan")}, "finite", "/a"),
        ({"a": [float("inf")]}, "finite", "/a/0"),
        ({"a": "\ud800"}, "surrogate", "/a"),
        ({"\ufdd0": 1}, "noncharacter", "/\ufdd0"),
        ({"a": ["ok", "\U0010ffff"]}, "noncharacter", "/a/1"),
        ([b"bytes"], "got bytes", "/0"),
    ],
)
def test_checked_value_refuses_what_text_could_not_say(value: object, words: str, pointer: str) -> None:
    with pytest.raises(Fault, match=words) as caught:
        _json.checked_value(value)
    assert caught.value.pointer == pointer


def test_checked_value_bounds_depth_and_cycles() -> None:
    deep: list[object] = []
    for _ in range(100):
        deep = [deep]
    with pytest.raises(Fault, match="deeper than 64"):
        _json.checked_value(deep)
    cycle: dict[str, object] = {}
    cycle["x"] = cycle
    with pytest.raises(Fault, match="deeper"):
        _json.checked_value(cycle)


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


@pytest.mark.parametrize("floats", [True, False])
@pytest.mark.parametrize("value", [float("nan"), float("inf"), {1: "a"}, object(), "\ud800", b"bytes", {"a": {"x"}}])
def test_dumps_refuses_what_json_cannot_hold(value: object, floats: bool) -> None:
    if not floats and value == {1: "a"}:
        return  # the promise floats=False makes includes string keys (the C encoder writes 1 as "1")
    with pytest.raises((TypeError, ValueError)):
        _json.dumps(value, floats=floats)


@pytest.mark.parametrize(
    "value",
    [
        {"b": 1, "a": [True, False, None]},
        "<a href='x'>&</a>\u2028\u2029",
        "\x00\x01\x1f\x7f\b\f\n\r\t\"\\/é😀",
        {"k": ["x", {"y": [1, -2, 2**63 - 1]}]},
        [],
        {},
    ],
)
def test_the_c_encoder_writes_go_s_bytes_without_floats(value: object) -> None:
    assert _json.dumps(value, floats=False) == _json.dumps(value)


def test_dumps_is_read_back_unchanged() -> None:
    value = {"z": [1, 2.5, "x<y>", {"n": None}], "a": "\u2028"}
    assert _json.loads(_json.dumps(value)) == value


def test_sorted_map_uses_go_order() -> None:
    assert list(_json.sorted_map({"b": "1", "B": "2", "é": "3", "a": "4"})) == ["B", "a", "b", "é"]
