"""Strict JSON reading and Go-compatible JSON writing (private).

Reading (:func:`loads`) takes bytes and gives plain Python values, or raises
:class:`~oci_core.errors.InvalidDocumentError`. It is stricter than
:func:`json.loads`, as the OCI documents need:

* the input is UTF-8 without a byte order mark (RFC 8259 §8.1); UTF-16 and
  UTF-32 are refused by name;
* ``NaN``, ``Infinity`` and ``-Infinity`` are refused, and so are numbers
  that overflow a double (``1e400``);
* an object may not repeat a key, at any depth (I-JSON, RFC 7493 §2.3);
* strings, keys included, may not hold surrogates or noncharacters, whether
  raw or escaped (I-JSON §2.1); an escaped surrogate pair is fine;
* nesting is bounded (``max_depth``) and so is the size (``max_size``, 4 MiB
  by default: registries cap manifests there); neither can raise
  :class:`RecursionError`;
* nothing but whitespace may follow the value.

The typed accessors (:func:`get_int` and friends) read one field of a parsed
object, tell ``true`` from ``1`` and ``1.0`` from ``1``, apply the int64 range
where the spec says int64, and name the field by its JSON pointer in errors.

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
from json.encoder import encode_basestring
from json.scanner import make_scanner
from typing import TYPE_CHECKING, Final, TypeVar

from ._grammar import FORBIDDEN_CHARS
from .errors import InvalidDocumentError, OCIError

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TypeAlias

    JSON: TypeAlias = "None | bool | int | float | str | list[JSON] | dict[str, JSON]"

__all__ = [
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_MAX_SIZE",
    "INT64_MAX",
    "check_depth",
    "dumps",
    "fast_reader",
    "get_bool",
    "get_int",
    "get_list",
    "get_object",
    "get_str",
    "get_str_list",
    "get_str_map",
    "indent",
    "join_pointer",
    "loads",
    "sorted_map",
]

#: Registries cap manifests at 4 MiB (distribution-spec, "Pushing Manifests").
DEFAULT_MAX_SIZE: Final = 4 * 1024 * 1024
#: OCI documents nest a handful of levels; 64 leaves room for extensions.
DEFAULT_MAX_DEPTH: Final = 64
INT64_MAX: Final = 2**63 - 1
INT64_MIN: Final = -(2**63)

_E = TypeVar("_E", bound=OCIError)

_WHITESPACE = re.compile(r"[ \t\n\r]*")
# Surrogates and the 66 noncharacters that I-JSON forbids in strings (built once, in _grammar).
_FORBIDDEN_CHARS = FORBIDDEN_CHARS


# An escape that may decode to a surrogate or a noncharacter. Go writes
# "\u003c" for "<", so any backslash alone would send most Go-written
# documents down the slow path that walks every string.
_SUSPECT_ESCAPE = re.compile(r"\\u(?:[dD][89a-fA-F]|[fF][dD][dDeE]|[fF][fF][fF][eEfF])")


class _DuplicateKey(Exception):
    """Raised by the object hook; turned into an error with a pointer."""


class _NonFinite(Exception):
    """Raised by the number hooks for NaN, Infinity and overflowing floats."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def _object_without_duplicates(pairs: list[tuple[str, JSON]]) -> dict[str, JSON]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _DuplicateKey
    return obj


def _finite_float(text: str) -> float:
    value = float(text)
    if value - value != 0.0:  # inf - inf is nan; finite - finite is 0
        raise _NonFinite(text)
    return value


def _refuse_constant(text: str) -> float:
    raise _NonFinite(text)


_scan: Final[Callable[[str, int], tuple[JSON, int]]] = make_scanner(
    json.JSONDecoder(  # type: ignore[arg-type]  # typeshed's stub wants a make_scanner
        object_pairs_hook=_object_without_duplicates,
        parse_float=_finite_float,
        parse_constant=_refuse_constant,
    )
)

_BOMS: Final = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xef\xbb\xbf", "UTF-8 with a byte order mark"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


def loads(
    raw: bytes | bytearray | memoryview | str,
    *,
    max_size: int = DEFAULT_MAX_SIZE,
    max_depth: int | None = DEFAULT_MAX_DEPTH,
    error: type[InvalidDocumentError] = InvalidDocumentError,
) -> JSON:
    """Read one JSON document strictly (see the module docstring).

    >>> loads(b'{"a": [1, true, null]}')
    {'a': [1, True, None]}

    ``error`` is the :class:`~oci_core.errors.InvalidDocumentError` subclass
    to raise, so that a manifest reader raises ``InvalidManifestError``.

    ``max_depth=None`` leaves depth to the caller: a typed reader walks the
    structure it knows by hand and bounds whatever else it keeps with
    :func:`check_depth`, which saves scanning the text. Even then no
    :class:`RecursionError` escapes: the interpreter's own guard is turned
    into ``error``.
    """
    if isinstance(raw, str):
        try:
            raw = raw.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise error(f"text holds a lone surrogate at offset {exc.start}; JSON must be UTF-8", pointer="") from None
    elif isinstance(raw, (bytearray, memoryview)):
        raw = bytes(raw)
    elif not isinstance(raw, bytes):
        raise error(f"a JSON document must be bytes, got {type(raw).__name__}", pointer="")
    if len(raw) > max_size:
        raise error(f"document is {len(raw)} bytes, over the limit of {max_size}", pointer="")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(_describe_encoding(raw, exc), pointer="") from None
    return _loads_text(text, max_depth, error)


def _describe_encoding(raw: bytes, exc: UnicodeDecodeError) -> str:
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return f"document is {name}; JSON must be UTF-8 without a byte order mark"
    if len(raw) >= 2 and (raw[0] == 0 or raw[1] == 0):
        return "document looks like UTF-16 or UTF-32; JSON must be UTF-8"
    return f"document is not valid UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}"


def _loads_text(text: str, max_depth: int | None, error: type[InvalidDocumentError]) -> JSON:
    start = 0 if text[:1] in _OPENERS else _WHITESPACE.match(text).end()  # type: ignore[union-attr]
    try:
        value, end = _scan(text, start)
    except StopIteration as stop:
        _refuse_other_encodings(text, error)
        if stop.value >= len(text):
            raise error("invalid JSON: the document is empty" if not text.strip() else "invalid JSON: unexpected end") from None
        raise error(f"invalid JSON: expected a value at offset {stop.value}") from None
    except json.JSONDecodeError as exc:
        _refuse_other_encodings(text, error)
        raise error(f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except _DuplicateKey:
        key, pointer = _locate_duplicate(text, start)
        raise error(f"duplicate key {key!r} in an object", pointer=pointer) from None
    except _NonFinite as exc:
        raise error(f"invalid JSON number: {exc.text} is not a finite double") from None
    except RecursionError:
        limit = f"{max_depth} levels" if max_depth is not None else "the interpreter's recursion limit allows"
        raise error(f"document nests deeper than {limit}", pointer="") from None
    except ValueError:  # int() of more digits than sys.get_int_max_str_digits() allows
        raise error("invalid JSON number: an integer with more digits than Python converts") from None
    if end != len(text):
        end = _WHITESPACE.match(text, end).end()  # type: ignore[union-attr]
        if end != len(text):
            raise error(f"invalid JSON: extra data after the document at offset {end}")
    if max_depth is not None and text.count("{") + text.count("[") > max_depth:
        check_depth(value, max_depth, error)
    if ("\\" in text and _SUSPECT_ESCAPE.search(text) is not None) or (
        not text.isascii() and _FORBIDDEN_CHARS.search(text) is not None
    ):
        _check_strings(value, error)
    return value


_OPENERS: Final = frozenset("{[")


def fast_reader(
    object_pairs_hook: Callable[[list[tuple[str, JSON]]], object],
) -> Callable[[bytes], object]:
    """A strict reader for the common case whose objects a typed reader builds itself.

    The returned ``read(raw)`` scans ``raw`` as :func:`loads` does, but hands
    every object's pairs to ``object_pairs_hook`` and keeps whatever it
    returns, so that a reader can turn a known shape into its value while the
    text is scanned instead of walking dicts afterwards. It answers ``None``
    for anything but the plain case (over :data:`DEFAULT_MAX_SIZE`, not UTF-8,
    not starting with ``{`` or ``[``, any error while scanning, trailing data,
    an escape or character that :func:`loads` would look at twice); the
    caller then calls :func:`loads`, which explains the fault or gives the
    value. There is no depth scan (``max_depth=None``).

    ``object_pairs_hook`` must refuse a repeated key by raising (any
    :class:`Exception`), as :func:`loads` refuses it, and must build values
    only from pairs it has checked.
    """
    scan: Callable[[str, int], tuple[object, int]] = make_scanner(
        json.JSONDecoder(  # type: ignore[arg-type]  # typeshed's stub wants a make_scanner
            object_pairs_hook=object_pairs_hook,
            parse_float=_finite_float,
            parse_constant=_refuse_constant,
        )
    )

    def read(raw: bytes) -> object:
        if len(raw) > DEFAULT_MAX_SIZE:
            return None
        try:
            text = raw.decode("utf-8")
            if text[:1] not in _OPENERS:
                return None
            value, end = scan(text, 0)
        except Exception:  # every fault is loads' to describe
            return None
        if end != len(text) and text[end:].strip(" \t\n\r"):  # only JSON's four whitespace characters may follow
            return None
        if ("\\" in text and _SUSPECT_ESCAPE.search(text) is not None) or (
            not text.isascii() and _FORBIDDEN_CHARS.search(text) is not None
        ):
            return None
        return value

    return read


def _refuse_other_encodings(text: str, error: type[InvalidDocumentError]) -> None:
    if text.startswith("\ufeff"):
        raise error("document starts with a byte order mark; JSON must be UTF-8 without one", pointer="")
    if "\x00" in text[:4]:
        raise error("document looks like UTF-16 or UTF-32; JSON must be UTF-8", pointer="")


def _children(value: JSON, pointer: str) -> list[tuple[JSON, str]]:
    if type(value) is dict:
        return [(child, join_pointer(pointer, key)) for key, child in value.items()]
    if type(value) is list:
        return [(child, f"{pointer}/{index}") for index, child in enumerate(value)]
    return []


def check_depth(
    value: JSON, max_depth: int, error: type[InvalidDocumentError], pointer: str = "", depth: int = 0
) -> None:
    """Raise ``error`` if ``value``, found ``depth`` levels down at ``pointer``, nests past ``max_depth``.

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
            raise error(f"document nests deeper than {max_depth} levels", pointer=pointer)
        level = [
            child
            for container in containers
            for child in (container.values() if type(container) is dict else container)
        ]


def _check_strings(value: JSON, error: type[InvalidDocumentError]) -> None:
    stack: list[tuple[JSON, str]] = [(value, "")]
    while stack:
        item, pointer = stack.pop()
        if type(item) is str:
            _check_string(item, pointer, error)
        elif type(item) is dict:
            for key in item:
                _check_string(key, pointer, error, key=True)
        stack.extend(_children(item, pointer))


def _check_string(value: str, pointer: str, error: type[InvalidDocumentError], *, key: bool = False) -> None:
    match = _FORBIDDEN_CHARS.search(value)
    if match is not None:
        char = ord(match.group())
        kind = "a surrogate" if 0xD800 <= char <= 0xDFFF else "a noncharacter"
        where = join_pointer(pointer, value) if key else pointer
        what = "key" if key else "string"
        raise error(f"{what} holds U+{char:04X}, {kind}, which I-JSON forbids", pointer=where)


class _Marker:
    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key


def _mark_duplicates(pairs: list[tuple[str, object]]) -> object:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                return _Marker(key)
            seen.add(key)
    return obj


def _locate_duplicate(text: str, start: int) -> tuple[str, str]:
    """Find the first innermost object with a repeated key: (key, pointer)."""
    scan = make_scanner(json.JSONDecoder(object_pairs_hook=_mark_duplicates))  # type: ignore[arg-type]
    value, _ = scan(text, start)
    stack: list[tuple[object, str]] = [(value, "")]
    while stack:
        item, pointer = stack.pop()
        if isinstance(item, _Marker):
            return item.key, pointer
        if type(item) is dict:
            stack.extend((child, join_pointer(pointer, key)) for key, child in reversed(item.items()))
        elif type(item) is list:
            stack.extend((child, f"{pointer}/{index}") for index, child in reversed(list(enumerate(item))))
    return "", ""


def join_pointer(pointer: str, key: str | int) -> str:
    """Extend an RFC 6901 JSON pointer by one step.

    >>> join_pointer("/annotations", "a/b~c")
    '/annotations/a~1b~0c'
    """
    if type(key) is int:
        return f"{pointer}/{key}"
    assert isinstance(key, str)
    if "~" in key or "/" in key:
        key = key.replace("~", "~0").replace("/", "~1")
    return f"{pointer}/{key}"


# -- typed accessors ----------------------------------------------------------


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "a boolean"
    if type(value) is int:
        return "an integer"
    if type(value) is float:
        return "a number with a fraction or exponent"
    if type(value) is str:
        return "a string"
    if type(value) is list:
        return "an array"
    if type(value) is dict:
        return "an object"
    return type(value).__name__


def _show(value: object) -> str:
    shown = json.dumps(value) if type(value) in (int, float, str, bool) or value is None else ""
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f" {shown}" if shown else ""


def _wrong_type(error: type[_E], pointer: str, wanted: str, value: object) -> _E:
    return error(f"must be {wanted}, got {_kind(value)}{_show(value)}", pointer=pointer)


def _missing(error: type[_E], pointer: str) -> _E:
    return error("is required but missing", pointer=pointer)


def get_object(
    obj: dict[str, JSON], key: str, pointer: str, error: type[_E], *, required: bool = False
) -> dict[str, JSON] | None:
    """The object at ``obj[key]``, or ``None`` when absent (and not required)."""
    value = obj.get(key)
    if type(value) is dict:
        return value
    if value is None and key not in obj:
        if required:
            raise _missing(error, join_pointer(pointer, key))
        return None
    raise _wrong_type(error, join_pointer(pointer, key), "an object", value)


def get_list(
    obj: dict[str, JSON], key: str, pointer: str, error: type[_E], *, required: bool = False
) -> list[JSON] | None:
    """The array at ``obj[key]``, or ``None`` when absent (and not required)."""
    value = obj.get(key)
    if type(value) is list:
        return value
    if value is None and key not in obj:
        if required:
            raise _missing(error, join_pointer(pointer, key))
        return None
    raise _wrong_type(error, join_pointer(pointer, key), "an array", value)


def get_str(
    obj: dict[str, JSON], key: str, pointer: str, error: type[_E], *, required: bool = False
) -> str | None:
    """The string at ``obj[key]``, or ``None`` when absent (and not required)."""
    value = obj.get(key)
    if type(value) is str:
        return value
    if value is None and key not in obj:
        if required:
            raise _missing(error, join_pointer(pointer, key))
        return None
    raise _wrong_type(error, join_pointer(pointer, key), "a string", value)


def get_bool(
    obj: dict[str, JSON], key: str, pointer: str, error: type[_E], *, required: bool = False
) -> bool | None:
    """The boolean at ``obj[key]`` (never an integer), or ``None`` when absent."""
    value = obj.get(key)
    if value is True or value is False:
        return value
    if value is None and key not in obj:
        if required:
            raise _missing(error, join_pointer(pointer, key))
        return None
    raise _wrong_type(error, join_pointer(pointer, key), "a boolean", value)


def get_int(
    obj: dict[str, JSON],
    key: str,
    pointer: str,
    error: type[_E],
    *,
    required: bool = False,
    minimum: int = INT64_MIN,
    maximum: int = INT64_MAX,
) -> int | None:
    """The integer at ``obj[key]`` within [minimum, maximum] (int64 by default).

    A boolean, a string of digits and a number written with a fraction or an
    exponent (``1.0``, ``1e3``) are all refused: Go's ``encoding/json`` refuses
    them for an integer field too.
    """
    value = obj.get(key)
    if type(value) is int:
        if minimum <= value <= maximum:
            return value
        raise error(_range_message(value, minimum, maximum), pointer=join_pointer(pointer, key))
    if value is None and key not in obj:
        if required:
            raise _missing(error, join_pointer(pointer, key))
        return None
    raise _wrong_type(error, join_pointer(pointer, key), "an integer", value)


def _range_message(value: int, minimum: int, maximum: int) -> str:
    shown = str(value) if abs(value) < 10**30 else f"a {len(str(abs(value)))}-digit integer"
    if minimum == 0 and maximum == INT64_MAX:
        return f"must be a non-negative int64, got {shown}"
    return f"must be an integer from {minimum} to {maximum}, got {shown}"


def get_str_list(
    obj: dict[str, JSON], key: str, pointer: str, error: type[_E], *, required: bool = False
) -> tuple[str, ...] | None:
    """The array of strings at ``obj[key]`` as a tuple, or ``None`` when absent."""
    values = get_list(obj, key, pointer, error, required=required)
    if values is None:
        return None
    for index, item in enumerate(values):
        if type(item) is not str:
            raise _wrong_type(error, f"{join_pointer(pointer, key)}/{index}", "a string", item)
    return tuple(values)  # type: ignore[arg-type]


def get_str_map(
    obj: dict[str, JSON], key: str, pointer: str, error: type[_E], *, required: bool = False
) -> dict[str, str] | None:
    """The string-to-string object at ``obj[key]``, or ``None`` when absent."""
    values = get_object(obj, key, pointer, error, required=required)
    if values is None:
        return None
    for name, item in values.items():
        if type(item) is not str:
            raise _wrong_type(error, join_pointer(join_pointer(pointer, key), name), "a string", item)
    return values  # type: ignore[return-value]


# -- writing ------------------------------------------------------------------

_GO_ESCAPES: Final = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def _go_string(value: str) -> str:
    # json's encode_basestring escapes exactly what Go escapes below U+0020,
    # with the same short forms (Go 1.22 and later write \b and \f too);
    # Go also escapes these five for safe embedding in HTML.
    out: str = encode_basestring(value)
    for char, escape in _GO_ESCAPES:
        if char in out:
            out = out.replace(char, escape)
    return out


def _go_float(value: float) -> str:
    """strconv.AppendFloat(f, 'f' or 'e', -1, 64) as encoding/json chooses it."""
    if value != value or value - value != 0.0:
        raise InvalidDocumentError(f"JSON cannot hold the number {value!r}")
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
        raise InvalidDocumentError(f"value nests deeper than {DEFAULT_MAX_DEPTH} levels")
    if type(value) is str or isinstance(value, str):
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
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _encode(item, out, depth + 1)
        out.append("]")
    elif isinstance(value, Mapping):
        out.append("{")
        first = True
        for key, item in value.items():
            if not isinstance(key, str):
                raise InvalidDocumentError(f"JSON object keys must be strings, got {type(key).__name__}")
            if not first:
                out.append(",")
            first = False
            out.append(_go_string(key))
            out.append(":")
            _encode(item, out, depth + 1)
        out.append("}")
    else:
        raise InvalidDocumentError(f"cannot write a {type(value).__name__} as JSON")


def dumps(value: object) -> bytes:
    """Write ``value`` as Go's ``json.Marshal`` would, keys in the order given.

    >>> dumps({"b": "<&>", "a": [1, 2.5, None, True]})
    b'{"b":"\\\\u003c\\\\u0026\\\\u003e","a":[1,2.5,null,true]}'

    Callers that mirror a Go map sort its keys first (Go sorts map keys by
    their UTF-8 bytes, which is the order ``sorted`` gives Python strings).
    """
    out: list[str] = []
    _encode(value, out, 0)
    try:
        return "".join(out).encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidDocumentError("a string holds a lone surrogate, which UTF-8 cannot encode") from None


def sorted_map(values: Mapping[str, str]) -> dict[str, str]:
    """A copy of a string map with its keys sorted as Go sorts map keys."""
    return {key: values[key] for key in sorted(values)}


# A compact document's tokens: a whole string (escapes included), or one
# structural character, or a run of anything else (a number or a literal).
_INDENT_TOKEN: Final = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^{}\[\],:"]+', re.DOTALL)


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
    tokens = [match.group() for match in _INDENT_TOKEN.finditer(text)]
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
