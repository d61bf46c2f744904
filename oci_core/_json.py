"""Strict JSON reading and Go-compatible JSON writing (private).

Reading (:func:`loads`) takes bytes and gives plain Python values, or raises
:class:`~oci_core._fault.Fault` with a JSON pointer (``""`` for the whole
document, with the offset in the message for a syntax error). It is stricter
than :func:`json.loads`, as the OCI documents need:

* the input is UTF-8 without a byte order mark (RFC 8259 §8.1); UTF-16 and
  UTF-32 are refused by name;
* ``NaN``, ``Infinity`` and ``-Infinity`` are refused, and so are numbers
  that overflow a double (``1e400``) or have more digits than Python
  converts, each at its pointer;
* an object may not repeat a key, at any depth (I-JSON, RFC 7493 §2.3);
* strings, keys included, may not hold surrogates or noncharacters, whether
  raw or escaped (I-JSON §2.1); an escaped surrogate pair is fine;
* nesting is bounded (``max_depth``) and so is the size (``max_size``, 4 MiB
  by default: registries cap manifests there); neither can raise
  :class:`RecursionError`;
* nothing but whitespace may follow the value.

:func:`checked_value` applies the same rules to a value a caller parsed
(``parse_descriptor(dict)``): exact JSON types only, string keys, no
forbidden characters, finite numbers, bounded depth; ``str``, ``int`` and
``float`` subclasses are read as the plain values they hold, never through
their own methods.

The typed accessors (:func:`get_int`, :func:`require_str` and friends) read
one member of a parsed object, tell ``true`` from ``1`` and ``1.0`` from
``1``, apply the int64 range where the spec says int64, and name the member
by its JSON pointer in faults. ``get_*`` answers ``None`` for an absent
member, ``require_*`` faults.

Writing (:func:`dumps`) gives the bytes Go's ``encoding/json.Marshal`` writes
for the same values in the same order: compact; ``<``, ``>`` and ``&``
escaped as ``\\u003c``, ``\\u003e`` and ``\\u0026``; U+2028 and U+2029
escaped; control characters as ``\\b \\f \\n \\r \\t`` or ``\\u00XX``; other
characters as raw UTF-8; floats in Go's shortest form. A digest computed over
these bytes equals the one a Go tool computes for the same document.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache
from json.encoder import encode_basestring
from json.scanner import make_scanner

from ._fault import Fault
from ._grammar import describe_forbidden, first_forbidden_char

TYPE_CHECKING = False  # typing takes 3.5 ms to import: its names are for the checkers only

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Final, TypeAlias, cast

    JSON: TypeAlias = "bool | int | float | str | list[JSON] | dict[str, JSON] | None"
else:
    from ._values import cast

__all__ = [
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_MAX_SIZE",
    "INT64_MAX",
    "INT64_MIN",
    "OPENERS",
    "check_depth",
    "check_text",
    "checked_value",
    "decode",
    "dumps",
    "finite_float",
    "forbidden_char",
    "get_bool",
    "get_int",
    "get_list",
    "get_object",
    "get_str",
    "get_str_list",
    "get_str_map",
    "indent",
    "join_pointer",
    "kind",
    "loads",
    "missing",
    "refuse_constant",
    "require_int",
    "require_list",
    "require_object",
    "require_str",
    "sorted_map",
    "suspect_escape",
    "wrong_type",
]

#: Registries cap manifests at 4 MiB (distribution-spec, "Pushing Manifests").
DEFAULT_MAX_SIZE: Final = 4 * 1024 * 1024
#: OCI documents nest a handful of levels; 64 leaves room for extensions.
DEFAULT_MAX_DEPTH: Final = 64
INT64_MAX: Final = 2**63 - 1
INT64_MIN: Final = -(2**63)

_WHITESPACE: Final = re.compile(r"[ \t\n\r]*")


# The patterns below are compiled on first use: most documents are ASCII and
# need neither, and compiling costs more than the rest of this module's import.


@cache
def _suspect() -> re.Pattern[str]:
    # An escape that may decode to a surrogate or a noncharacter. Go writes
    # "\u003c" for "<", so any backslash alone would send most Go-written
    # documents down the slow path that walks every string.
    return re.compile(r"\\u(?:[dD][89a-fA-F]|[fF][dD][dDeE]|[fF][fF][fF][eEfF])")


def forbidden_char(text: str) -> int:
    """The index of the first surrogate or noncharacter in ``text`` (which I-JSON forbids in strings), or -1."""
    return first_forbidden_char(text)


def suspect_escape(text: str) -> re.Match[str] | None:
    """The first ``\\uXXXX`` escape in ``text`` that may decode to a surrogate or a noncharacter, if any."""
    return _suspect().search(text)
#: The first characters of a document that skips the whitespace scan.
OPENERS: Final = frozenset("{[")


class _Refused(Exception):
    """Raised by the scanner's hooks (a repeated key, a number that is not a finite double)."""


def _object_without_duplicates(pairs: list[tuple[str, JSON]]) -> dict[str, JSON]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _Refused
    return obj


def finite_float(text: str) -> float:
    """The scanner's ``parse_float``: a finite double, or :class:`_Refused` (``1e400``)."""
    value = float(text)
    if value - value != 0.0:  # inf - inf is nan; finite - finite is 0
        raise _Refused
    return value


def refuse_constant(text: str) -> float:
    """The scanner's ``parse_constant``: ``NaN``, ``Infinity`` and ``-Infinity`` are never JSON."""
    raise _Refused


_scan: Final[Callable[[str, int], tuple[JSON, int]]] = make_scanner(
    json.JSONDecoder(  # type: ignore[arg-type]  # typeshed's stub wants a make_scanner
        object_pairs_hook=_object_without_duplicates,
        parse_float=finite_float,
        parse_constant=refuse_constant,
    )
)

_BOMS: Final = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xef\xbb\xbf", "UTF-8 with a byte order mark"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


def decode(raw: bytes, max_size: int = DEFAULT_MAX_SIZE) -> str:
    """The text of a document: at most ``max_size`` bytes of UTF-8, or a fault that names the encoding."""
    if len(raw) > max_size:
        raise Fault(f"document is {len(raw)} bytes, over the limit of {max_size}", pointer="")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Fault(_describe_encoding(raw, exc), pointer="") from None


def loads(
    raw: bytes | bytearray | memoryview | str,
    *,
    max_size: int = DEFAULT_MAX_SIZE,
    max_depth: int | None = DEFAULT_MAX_DEPTH,
) -> JSON:
    """Read one JSON document strictly (see the module docstring).

    >>> loads(b'{"a": [1, true, null]}')
    {'a': [1, True, None]}

    ``max_depth=None`` leaves depth to the caller: a typed reader walks the
    structure it knows by hand and bounds whatever else it keeps with
    :func:`check_depth`, which saves scanning the text. Even then no
    :class:`RecursionError` escapes: the interpreter's own guard becomes a
    fault.
    """
    if isinstance(raw, str):
        try:
            raw = raw.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise Fault(f"text holds a lone surrogate at offset {exc.start}; JSON must be UTF-8", pointer="") from None
    elif isinstance(raw, (bytearray, memoryview)):
        raw = bytes(raw)
    elif not isinstance(raw, bytes):  # pyright: ignore[reportUnnecessaryIsInstance]  # callers pass data
        raise Fault(f"a JSON document must be bytes, got {type(raw).__name__}", pointer="")
    return _loads_text(decode(raw, max_size), max_depth)


def _describe_encoding(raw: bytes, exc: UnicodeDecodeError) -> str:
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return f"document is {name}; JSON must be UTF-8 without a byte order mark"
    if len(raw) >= 2 and (raw[0] == 0 or raw[1] == 0):
        return "document looks like UTF-16 or UTF-32; JSON must be UTF-8"
    return f"document is not valid UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}"


def _loads_text(text: str, max_depth: int | None) -> JSON:
    start = 0 if text[:1] in OPENERS else _skip_whitespace(text, 0)
    try:
        value, end = _scan(text, start)
    except StopIteration as stop:
        _refuse_other_encodings(text)
        if not text.strip(" \t\n\r"):
            raise Fault("invalid JSON: the document is empty", pointer="") from None
        raise Fault(f"invalid JSON: expecting a value {_where(text, stop.value)}", pointer="") from None
    except json.JSONDecodeError as exc:
        _refuse_other_encodings(text)
        message = exc.msg.removesuffix(" at")  # "Unterminated string starting at", "Invalid control character at"
        raise Fault(f"invalid JSON: {message[:1].lower()}{message[1:]} {_where(text, exc.pos)}", pointer="") from None
    except _Refused:
        raise _locate(text, start) from None
    except RecursionError:
        limit = f"{max_depth} levels" if max_depth is not None else "the interpreter's recursion limit allows"
        raise Fault(f"document nests deeper than {limit}", pointer="") from None
    except ValueError:  # int() of more digits than sys.get_int_max_str_digits() allows
        raise _locate(text, start) from None
    if end != len(text):
        end = _skip_whitespace(text, end)
        if end != len(text):
            raise Fault(f"invalid JSON: extra data after the document {_where(text, end)}", pointer="")
    if max_depth is not None and text.count("{") + text.count("[") > max_depth:
        check_depth(value, max_depth)
    if ("\\" in text and suspect_escape(text) is not None) or (not text.isascii() and first_forbidden_char(text) >= 0):
        _check_strings(value)
    return value


def _skip_whitespace(text: str, position: int) -> int:
    match = _WHITESPACE.match(text, position)
    return position if match is None else match.end()


def _where(text: str, offset: int) -> str:
    """``at line L column C (offset N)``, as json's messages count them (from 1)."""
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    return f"at line {line} column {column} (offset {offset})"


def _refuse_other_encodings(text: str) -> None:
    if text.startswith("\ufeff"):
        raise Fault("document starts with a byte order mark; JSON must be UTF-8 without one", pointer="")
    if "\x00" in text[:4]:
        raise Fault("document looks like UTF-16 or UTF-32; JSON must be UTF-8", pointer="")


# -- locating a value the scanner's hooks refused ------------------------------------------

# One token of a document the scanner has read up to a refusal: a string, a
# number or literal, or a structural character. The string pattern is the
# unrolled loop (no alternation inside the repetition), so it is linear.
@cache
def _token() -> re.Pattern[str]:
    return re.compile(r'[ \t\n\r]*(?:("[^"\\]*(?:\\.[^"\\]*)*")|([^\s,:\[\]{}"]+)|(.))', re.DOTALL)


class _Frame:
    __slots__ = ("pointer", "keys", "repeated", "key", "index", "is_object")

    def __init__(self, pointer: str, is_object: bool) -> None:
        self.pointer = pointer
        self.is_object = is_object
        self.keys: set[str] = set()
        self.repeated: str | None = None
        self.key: str | None = None
        self.index = 0


def _locate(text: str, start: int) -> Fault:
    """The fault the scanner's hooks refused, at its pointer and offset.

    The scanner raises from a hook without saying where, so the text is read
    again token by token, in the scanner's order: a number is judged when it
    is read, an object's repeated key when the object closes (after its
    members, as the scanner's ``object_pairs_hook`` is called). The tokens
    before the refusal are valid JSON (the scanner read them); whatever
    follows is never looked at, so malformed text after the refusal cannot
    raise here.
    """
    try:
        found = _first_refusal(text, start)
    except Exception:  # a text the scanner read must tokenize; never let the locator raise
        found = None
    if found is None:
        return Fault("invalid JSON: a value the strict reader refuses", pointer="")
    message, pointer, offset = found
    return Fault(f"{message} (offset {offset})", pointer=pointer)


def _first_refusal(text: str, position: int) -> tuple[str, str, int] | None:
    stack: list[_Frame] = []
    expect_key = False
    token = _token().match
    while position < len(text):
        match = token(text, position)
        if match is None:
            return None
        offset = match.start(match.lastindex or 0)
        position = match.end()
        string, scalar, char = match.groups()
        frame = stack[-1] if stack else None
        if frame is not None and frame.is_object and expect_key:
            if char == "}":  # an empty object
                stack.pop()
                expect_key = False
                continue
            if string is None:
                return None
            key = json.loads(string)  # a whole JSON string token, read as the scanner read it
            if key in frame.keys and frame.repeated is None:
                frame.repeated = key
            frame.keys.add(key)
            frame.key = key
            expect_key = False
            continue
        if char == ":":
            continue
        if char == ",":
            if frame is not None:
                if frame.is_object:
                    expect_key = True
                else:
                    frame.index += 1
            continue
        if char in ("}", "]"):
            if frame is None:
                return None
            stack.pop()
            if frame.repeated is not None:
                return f"duplicate key {frame.repeated!r} in an object", frame.pointer, offset
            continue
        pointer = "" if frame is None else (
            join_pointer(frame.pointer, frame.key or "") if frame.is_object else f"{frame.pointer}/{frame.index}"
        )
        if char in ("{", "["):
            stack.append(_Frame(pointer, char == "{"))
            expect_key = char == "{"
        elif scalar is not None:
            refused = _refused_scalar(scalar)
            if refused is not None:
                return refused, pointer, offset
        if not stack:
            return None
    return None


def _refused_scalar(token: str) -> str | None:
    if token in ("NaN", "Infinity", "-Infinity"):
        return f"invalid JSON number: {token} is not a finite double"
    if token in ("true", "false", "null"):
        return None
    shown = token if len(token) <= 40 else f"a {len(token)}-character number"
    if "." in token or "e" in token or "E" in token:
        value = float(token)
        return None if value - value == 0.0 else f"invalid JSON number: {shown} is not a finite double"
    try:
        int(token)
    except ValueError:
        return f"invalid JSON number: {shown} has more digits than Python converts"
    return None


# -- checks on parsed values ---------------------------------------------------------


def check_depth(value: JSON, max_depth: int, pointer: str = "", depth: int = 0) -> None:
    """Fault if ``value``, found ``depth`` levels down at ``pointer``, nests past ``max_depth``.

    Iterative, so that no depth raises :class:`RecursionError`. Typed readers
    that call :func:`loads` with ``max_depth=None`` call this on every value
    they keep without walking it themselves.
    """
    level: list[JSON] = [value]
    while level:
        containers = [v for v in level if type(v) is dict or type(v) is list]
        if not containers:
            return
        depth += 1
        if depth > max_depth:
            raise Fault(f"document nests deeper than {max_depth} levels", pointer=pointer)
        level = [
            child
            for container in containers
            for child in (container.values() if type(container) is dict else container)
        ]


def _check_strings(value: JSON) -> None:
    # In document order (children pushed in reverse), so that the first
    # fault is the one a reader of the text meets first.
    stack: list[tuple[JSON, str]] = [(value, "")]
    while stack:
        item, pointer = stack.pop()
        if type(item) is str:
            check_text(item, pointer)
        elif type(item) is dict:
            for key in item:
                check_text(key, join_pointer(pointer, key), key=True)
            stack.extend((child, join_pointer(pointer, key)) for key, child in reversed(item.items()))
        elif type(item) is list:
            stack.extend((child, f"{pointer}/{index}") for index, child in reversed(list(enumerate(item))))


def check_text(value: str, pointer: str, *, key: bool = False) -> None:
    """Fault if ``value`` holds a surrogate or a noncharacter (I-JSON §2.1), which strict JSON cannot carry."""
    if value.isascii():
        return
    bad = first_forbidden_char(value)
    if bad >= 0:
        what = describe_forbidden(value[bad])
        raise Fault(f"{'key' if key else 'string'} holds {what}, which I-JSON forbids", pointer=pointer)


def checked_value(value: object, max_depth: int = DEFAULT_MAX_DEPTH) -> JSON:
    """A caller's parsed JSON value, checked by the rules :func:`loads` applies to text, as plain values.

    >>> checked_value({"a": [1, "x", None]})
    {'a': [1, 'x', None]}

    Only ``dict`` (with ``str`` keys), ``list``, ``str``, ``int``, ``float``
    (finite), ``bool`` and ``None`` are JSON. A subclass of ``str``, ``int``,
    ``float``, ``dict`` or ``list`` is read through the base type's own
    methods and copied into the plain type, so that no override of
    ``__eq__``, ``__hash__`` or ``items`` changes what is read; keys that
    become equal that way are a repeated key. Nesting past ``max_depth``
    (which also stops a value that contains itself) is refused. The result
    is a new value: the caller's can change afterwards without harm.
    """
    root: list[JSON] = [None]
    stack: list[tuple[object, list[JSON] | dict[str, JSON], int | str, str, int]] = [(value, root, 0, "", 0)]
    while stack:
        item, into, slot, pointer, depth = stack.pop()
        kind_of = type(item)
        copy: JSON
        if kind_of is str or kind_of is int or kind_of is bool or item is None:
            copy = item  # type: ignore[assignment]
        elif kind_of is float:
            copy = item  # type: ignore[assignment]
            if copy - copy != 0.0:  # type: ignore[operator]
                raise Fault(f"must be a finite number, got {item!r}", pointer=pointer)
        elif isinstance(item, (dict, list)):
            if depth >= max_depth:
                raise Fault(f"value nests deeper than {max_depth} levels", pointer=pointer)
            if isinstance(item, dict):
                members: dict[str, JSON] = {}
                children: list[tuple[object, list[JSON] | dict[str, JSON], int | str, str, int]] = []
                # A copy first: for a dict subclass, dict() reads the storage (not an overridden items()).
                given: dict[object, object] = dict(cast("dict[object, object]", item))
                for key, child in given.items():
                    if not isinstance(key, str):
                        raise Fault(f"object keys must be strings, got {type(key).__name__}", pointer=pointer)
                    name = str.__str__(key)
                    where = join_pointer(pointer, name)
                    check_text(name, where, key=True)
                    if name in members:
                        raise Fault(f"duplicate key {name!r} in an object", pointer=pointer)
                    members[name] = None
                    children.append((child, members, name, where, depth + 1))
                copy = members
            else:
                items: list[object] = list(cast("list[object]", item))
                elements: list[JSON] = [None] * len(items)
                children = [
                    (child, elements, index, f"{pointer}/{index}", depth + 1) for index, child in enumerate(items)
                ]
                copy = elements
            stack.extend(reversed(children))
        elif isinstance(item, str):
            copy = str.__str__(item)
        elif isinstance(item, int):
            copy = int.__int__(item)
        elif isinstance(item, float):
            copy = float.__float__(item)
            if copy - copy != 0.0:
                raise Fault(f"must be a finite number, got {copy!r}", pointer=pointer)
        else:
            raise Fault(f"must be a JSON value, got {type(item).__name__}", pointer=pointer)
        if type(copy) is str:
            check_text(copy, pointer)
        into[slot] = copy  # type: ignore[index]
    return root[0]


def join_pointer(pointer: str, key: str | int) -> str:
    """Extend an RFC 6901 JSON pointer by one step.

    >>> join_pointer("/annotations", "a/b~c")
    '/annotations/a~1b~0c'
    """
    if type(key) is int:
        return f"{pointer}/{key}"
    text = str(key)
    if "~" in text or "/" in text:
        text = text.replace("~", "~0").replace("/", "~1")
    return f"{pointer}/{text}"


# -- typed accessors ----------------------------------------------------------


def kind(value: object) -> str:
    """What a JSON value is, in the words faults use ("an integer", "a string", "null")."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "a boolean"
    kind_of = type(value)
    if kind_of is int:
        return "an integer"
    if kind_of is float:
        return "a number with a fraction or exponent"
    if kind_of is str:
        return "a string"
    if kind_of is list:
        return "an array"
    if kind_of is dict:
        return "an object"
    return kind_of.__name__


def _show(value: object) -> str:
    shown = json.dumps(value) if type(value) in (int, float, str, bool) or value is None else ""
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f" {shown}" if shown else ""


def wrong_type(pointer: str, wanted: str, value: object) -> Fault:
    """The fault of a member of the wrong JSON type."""
    return Fault(f"must be {wanted}, got {kind(value)}{_show(value)}", pointer=pointer)


def missing(pointer: str) -> Fault:
    """The fault of a required member that is absent."""
    return Fault("is required but missing", pointer=pointer)


def get_object(obj: dict[str, JSON], key: str, pointer: str) -> dict[str, JSON] | None:
    """The object at ``obj[key]``, or ``None`` when absent."""
    value = obj.get(key)
    if type(value) is dict:
        return value
    if value is None and key not in obj:
        return None
    raise wrong_type(join_pointer(pointer, key), "an object", value)


def require_object(obj: dict[str, JSON], key: str, pointer: str) -> dict[str, JSON]:
    """The object at ``obj[key]``, which must be present."""
    value = get_object(obj, key, pointer)
    if value is None:
        raise missing(join_pointer(pointer, key))
    return value


def get_list(obj: dict[str, JSON], key: str, pointer: str) -> list[JSON] | None:
    """The array at ``obj[key]``, or ``None`` when absent."""
    value = obj.get(key)
    if type(value) is list:
        return value
    if value is None and key not in obj:
        return None
    raise wrong_type(join_pointer(pointer, key), "an array", value)


def require_list(obj: dict[str, JSON], key: str, pointer: str) -> list[JSON]:
    """The array at ``obj[key]``, which must be present."""
    value = get_list(obj, key, pointer)
    if value is None:
        raise missing(join_pointer(pointer, key))
    return value


def get_str(obj: dict[str, JSON], key: str, pointer: str) -> str | None:
    """The string at ``obj[key]``, or ``None`` when absent."""
    value = obj.get(key)
    if type(value) is str:
        return value
    if value is None and key not in obj:
        return None
    raise wrong_type(join_pointer(pointer, key), "a string", value)


def require_str(obj: dict[str, JSON], key: str, pointer: str) -> str:
    """The string at ``obj[key]``, which must be present."""
    value = obj.get(key)
    if type(value) is str:
        return value
    if value is None and key not in obj:
        raise missing(join_pointer(pointer, key))
    raise wrong_type(join_pointer(pointer, key), "a string", value)


def get_bool(obj: dict[str, JSON], key: str, pointer: str) -> bool | None:
    """The boolean at ``obj[key]`` (never an integer), or ``None`` when absent."""
    value = obj.get(key)
    if value is True or value is False:
        return value
    if value is None and key not in obj:
        return None
    raise wrong_type(join_pointer(pointer, key), "a boolean", value)


def get_int(
    obj: dict[str, JSON], key: str, pointer: str, *, minimum: int = INT64_MIN, maximum: int = INT64_MAX
) -> int | None:
    """The integer at ``obj[key]`` within [minimum, maximum] (int64 by default), or ``None`` when absent.

    A boolean, a string of digits and a number written with a fraction or an
    exponent (``1.0``, ``1e3``) are all refused: Go's ``encoding/json`` refuses
    them for an integer field too.
    """
    value = obj.get(key)
    if type(value) is int:
        if minimum <= value <= maximum:
            return value
        raise Fault(_range_message(value, minimum, maximum), pointer=join_pointer(pointer, key))
    if value is None and key not in obj:
        return None
    raise wrong_type(join_pointer(pointer, key), "an integer", value)


def require_int(
    obj: dict[str, JSON], key: str, pointer: str, *, minimum: int = INT64_MIN, maximum: int = INT64_MAX
) -> int:
    """The integer at ``obj[key]``, which must be present (see :func:`get_int`)."""
    value = get_int(obj, key, pointer, minimum=minimum, maximum=maximum)
    if value is None:
        raise missing(join_pointer(pointer, key))
    return value


def _range_message(value: int, minimum: int, maximum: int) -> str:
    shown = str(value) if abs(value) < 10**30 else f"a {len(str(abs(value)))}-digit integer"
    if minimum == 0 and maximum == INT64_MAX:
        return f"must be a non-negative int64, got {shown}"
    return f"must be an integer from {minimum} to {maximum}, got {shown}"


def get_str_list(obj: dict[str, JSON], key: str, pointer: str) -> tuple[str, ...] | None:
    """The array of strings at ``obj[key]`` as a tuple, or ``None`` when absent."""
    values = get_list(obj, key, pointer)
    if values is None:
        return None
    for index, item in enumerate(values):
        if type(item) is not str:
            raise wrong_type(f"{join_pointer(pointer, key)}/{index}", "a string", item)
    return tuple(values)  # type: ignore[arg-type]


def get_str_map(obj: dict[str, JSON], key: str, pointer: str) -> dict[str, str] | None:
    """The string-to-string object at ``obj[key]``, or ``None`` when absent."""
    values = get_object(obj, key, pointer)
    if values is None:
        return None
    for name, item in values.items():
        if type(item) is not str:
            raise wrong_type(join_pointer(join_pointer(pointer, key), name), "a string", item)
    return values  # type: ignore[return-value]


# -- writing ------------------------------------------------------------------

_GO_ESCAPES: Final = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)

# The standard library's C encoder, compact, writing non-ASCII characters raw
# (json's encode_basestring escapes exactly what Go escapes below U+0020, with
# the same short forms: Go 1.22 and later write \b and \f too). Go's five
# HTML-safe escapes are applied to its output: those characters can only
# occur inside strings, so replacing them in the whole text is exact.
_encode_plain: Final[Callable[[object], str]] = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), check_circular=False, allow_nan=False
).encode


def _go_string(value: str) -> str:
    out: str = encode_basestring(value)
    for char, escape in _GO_ESCAPES:
        if char in out:
            out = out.replace(char, escape)
    return out


def _go_float(value: float) -> str:
    """strconv.AppendFloat(f, 'f' or 'e', -1, 64) as encoding/json chooses it."""
    if value != value or value - value != 0.0:
        raise ValueError(f"JSON cannot hold the number {value!r}")
    shortest = repr(value)
    magnitude = abs(value)
    if magnitude != 0.0 and (magnitude < 1e-6 or magnitude >= 1e21):
        mantissa, _, exponent = shortest.partition("e")
        power = int(exponent)
        sign = "-" if power < 0 else "+"
        digits = f"{abs(power):02d}" if power > 0 else str(abs(power))
        return f"{mantissa}e{sign}{digits}"
    if "e" not in shortest:
        return shortest[:-2] if shortest.endswith(".0") else shortest
    mantissa, _, exponent = shortest.partition("e")
    negative = mantissa.startswith("-")
    whole, _, fraction = mantissa.lstrip("-").partition(".")
    digits = whole + fraction
    point = len(whole) + int(exponent)
    if point <= 0:
        fixed = "0." + "0" * -point + digits
    elif point >= len(digits):
        fixed = digits + "0" * (point - len(digits))
    else:
        fixed = digits[:point] + "." + digits[point:]
    return ("-" if negative else "") + fixed


def _encode(value: object, out: list[str], depth: int) -> None:
    if depth > DEFAULT_MAX_DEPTH:
        raise ValueError(f"value nests deeper than {DEFAULT_MAX_DEPTH} levels")
    if isinstance(value, str):
        out.append(_go_string(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_go_float(value))
    elif isinstance(value, (list, tuple)):
        out.append("[")
        for index, item in enumerate(cast("list[object] | tuple[object, ...]", value)):
            if index:
                out.append(",")
            _encode(item, out, depth + 1)
        out.append("]")
    elif isinstance(value, Mapping):
        out.append("{")
        first = True
        for key, item in cast("Mapping[object, object]", value).items():
            if not isinstance(key, str):
                raise TypeError(f"JSON object keys must be strings, got {type(key).__name__}")
            if not first:
                out.append(",")
            first = False
            out.append(_go_string(key))
            out.append(":")
            _encode(item, out, depth + 1)
        out.append("}")
    else:
        raise TypeError(f"cannot write a {type(value).__name__} as JSON")


def dumps(value: object, *, floats: bool = True) -> bytes:
    """Write ``value`` as Go's ``json.Marshal`` would, keys in the order given.

    >>> dumps({"b": "<&>", "a": [1, 2.5, None, True]})
    b'{"b":"\\\\u003c\\\\u0026\\\\u003e","a":[1,2.5,null,true]}'

    Go writes floats in its own shortest form, which is not Python's
    (``1e16`` is ``10000000000000000``, ``1e-5`` is ``0.00001``), so a value
    that may hold floats is walked here. ``floats=False`` promises there is
    none and that every key is a ``str``, as in every document these modules
    write (their members are strings, integers, booleans, lists and objects
    with string keys), and lets the standard library's C encoder write it:
    the speed of ``json.dumps``. Callers that
    mirror a Go map sort its keys first (:func:`sorted_map`: Go sorts map
    keys by their UTF-8 bytes, which is the order ``sorted`` gives Python
    strings).

    :raises TypeError: a value JSON cannot hold (a set, a non-string key).
    :raises ValueError: NaN, an infinity, a lone surrogate, too deep.
    """
    if floats:
        out: list[str] = []
        _encode(value, out, 0)
        text = "".join(out)
    else:
        try:
            text = _encode_plain(value)
        except RecursionError:
            raise ValueError("value nests too deeply to write") from None
        for char, escape in _GO_ESCAPES:
            if char in text:
                text = text.replace(char, escape)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("a string holds a lone surrogate, which UTF-8 cannot encode") from None


def sorted_map(values: Mapping[str, str]) -> dict[str, str]:
    """A copy of a string map with its keys sorted as Go sorts map keys."""
    return {key: values[key] for key in sorted(values)}


# A compact document's tokens: a whole string (escapes included), or one
# structural character, or a run of anything else (a number or a literal).
@cache
def _indent_token() -> re.Pattern[str]:
    return re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^{}\[\],:"]+', re.DOTALL)


def indent(data: bytes, indent: str, prefix: str = "") -> bytes:
    """Indent compact JSON as Go's ``json.Indent`` does (so ``indent(dumps(v), ...)`` is ``json.MarshalIndent``).

    >>> indent(b'{"a":[1,{}],"b":[]}', "  ")
    b'{\\n  "a": [\\n    1,\\n    {}\\n  ],\\n  "b": []\\n}'

    Each element starts a new line with ``prefix`` and one ``indent`` per
    level; empty objects and arrays stay ``{}`` and ``[]``; ``": "`` follows a
    key; nothing precedes the first line or follows the last. ``data`` must be
    compact, as :func:`dumps` writes it.
    """
    text = data.decode("utf-8")
    out: list[str] = []
    depth = 0
    newline = "\n" + prefix
    tokens = [match.group() for match in _indent_token().finditer(text)]
    for index, token in enumerate(tokens):
        if token == "{" or token == "[":
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            out.append(token)
            if following == "}" or following == "]":
                continue
            depth += 1
            out.append(newline + indent * depth)
        elif token == "}" or token == "]":
            previous = tokens[index - 1] if index else ""
            if previous != "{" and previous != "[":
                depth -= 1
                out.append(newline + indent * depth)
            out.append(token)
        elif token == ",":
            out.append("," + newline + indent * depth)
        elif token == ":":
            out.append(": ")
        else:
            out.append(token)
    return "".join(out).encode("utf-8")
