"""Pre-defined annotation keys of the OCI image spec (annotations.md), and typed accessors over an annotation map.

The keys are plain strings, spelled as ``specs-go/v1/annotations.go`` spells
them. The accessors read one pre-defined annotation from a map (a
manifest's, an index's, a descriptor's ``annotations``) and give its typed
value, ``None`` when the key is absent, or raise
:class:`~oci_core.errors.InvalidAnnotationError` naming the key when the
value breaks its rule:

* :func:`created`: ``org.opencontainers.image.created``, an RFC 3339
  date-time (section 5.6, read as :func:`oci_core.config.is_rfc3339` reads
  one), as an aware :class:`~datetime.datetime`;
* :func:`ref_name`: ``org.opencontainers.image.ref.name``, checked against
  the grammar annotations.md gives (:data:`REF_NAME_PATTERN`);
* :func:`base_name`: ``org.opencontainers.image.base.name``, a
  :class:`~oci_core.reference.Reference` (distribution's grammar, no
  normalisation: the spec wants it fully qualified);
* :func:`base_digest`: ``org.opencontainers.image.base.digest``, a
  :class:`~oci_core.digest.Digest`;
* :func:`title`: ``org.opencontainers.image.title``, any string;
* :func:`licenses`: ``org.opencontainers.image.licenses``, checked as an SPDX
  license expression (SPDX 2.3, Annex D) by its syntax.

>>> created({CREATED: "2024-05-01T12:30:00Z"}).isoformat()
'2024-05-01T12:30:00+00:00'
>>> ref_name({}) is None
True
"""

# pyright: reportUnnecessaryIsInstance=false
# The map and its values are data and are checked at run time: a caller that
# is not type checked gets a TypeError for a map that is none, and an
# InvalidAnnotationError for a value that is not a string.

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Final

from .config import is_rfc3339
from .digest import Digest, parse_digest
from .errors import InvalidAnnotationError, OCIError
from .reference import Reference, parse_reference

__all__ = [
    "AUTHORS",
    "BASE_IMAGE_DIGEST",
    "BASE_IMAGE_NAME",
    "CREATED",
    "DESCRIPTION",
    "DOCUMENTATION",
    "LICENSES",
    "MAX_LICENSES_LENGTH",
    "REF_NAME",
    "REF_NAME_PATTERN",
    "REVISION",
    "SOURCE",
    "TITLE",
    "URL",
    "VENDOR",
    "VERSION",
    "base_digest",
    "base_name",
    "created",
    "is_ref_name",
    "licenses",
    "parse_rfc3339",
    "ref_name",
    "title",
]

#: Date and time the image was built, RFC 3339.
CREATED: Final = "org.opencontainers.image.created"
#: Contact details of the people or organisation responsible for the image.
AUTHORS: Final = "org.opencontainers.image.authors"
#: URL to find more information on the image.
URL: Final = "org.opencontainers.image.url"
#: URL to get documentation on the image.
DOCUMENTATION: Final = "org.opencontainers.image.documentation"
#: URL to get source code for building the image.
SOURCE: Final = "org.opencontainers.image.source"
#: Version of the packaged software.
VERSION: Final = "org.opencontainers.image.version"
#: Source control revision identifier for the packaged software.
REVISION: Final = "org.opencontainers.image.revision"
#: Name of the distributing entity, organisation or individual.
VENDOR: Final = "org.opencontainers.image.vendor"
#: SPDX license expression for the software in the image.
LICENSES: Final = "org.opencontainers.image.licenses"
#: Name of the reference for a target, in an image layout's index.json.
REF_NAME: Final = "org.opencontainers.image.ref.name"
#: Human-readable title of the image.
TITLE: Final = "org.opencontainers.image.title"
#: Human-readable description of the software packaged in the image.
DESCRIPTION: Final = "org.opencontainers.image.description"
#: Digest of the image this image is based on.
BASE_IMAGE_DIGEST: Final = "org.opencontainers.image.base.digest"
#: Image reference of the image this image is based on.
BASE_IMAGE_NAME: Final = "org.opencontainers.image.base.name"

# -- grammars ------------------------------------------------------------------------------

# annotations.md, org.opencontainers.image.ref.name:
#     ref       ::= component ("/" component)*
#     component ::= alphanum (separator alphanum)*
#     alphanum  ::= [A-Za-z0-9]+
#     separator ::= [-._:@+] | "--"
# Every repetition starts with a character the one before cannot take, so
# matching is linear.
_ALPHANUM: Final = r"[A-Za-z0-9]+"
_COMPONENT: Final = rf"{_ALPHANUM}(?:(?:[-._:@+]|--){_ALPHANUM})*"
#: The longest licenses value read (characters); real expressions are far shorter.
MAX_LICENSES_LENGTH: Final = 32768
#: The ref.name grammar of annotations.md (unanchored).
REF_NAME_PATTERN: Final = rf"{_COMPONENT}(?:/{_COMPONENT})*"
# The same language checked by its faults with C-speed scans (the grammar's
# nested repetition costs a tenth of a second on a megabyte of "a-a-...a-"):
# a character outside the alphabet; then, with every letter or digit read as
# "a" and every separator but "-" (and "/") read as ".", a first or last
# character that is not "a", or two non-"a" characters in a row other than
# "--". That is the grammar: "/" may not touch a separator or another "/",
# and within a component only "--" may stand between two letters or digits.
_REF_NAME_CHARS: Final = re.compile(r"[A-Za-z0-9._:@+/-]*", re.ASCII).match
_REF_NAME_SHAPE: Final = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:@+/", b"a" * 62 + b"......"
)
_REF_NAME_BAD_PAIRS: Final = (b"..", b".-", b"-.", b"---")
_REF_NAME_EDGES: Final = frozenset(b".-")

# SPDX 2.3 Annex D: idstring = 1*(ALPHA / DIGIT / "-" / "."); a simple
# expression is a license id (with an optional "+"), or a LicenseRef with an
# optional DocumentRef; after WITH comes an exception id or an AdditionRef.
_IDSTRING: Final = r"[A-Za-z0-9.-]+"
_SIMPLE: Final = re.compile(rf"{_IDSTRING}\+?|(?:DocumentRef-{_IDSTRING}:)?LicenseRef-{_IDSTRING}", re.ASCII).fullmatch
_ADDITION: Final = re.compile(rf"{_IDSTRING}|(?:DocumentRef-{_IDSTRING}:)?AdditionRef-{_IDSTRING}", re.ASCII).fullmatch
_TOKEN: Final = re.compile(r"\(+|\)+|[^\s()]+")
# Operators in upper case (the spec's spelling) or lower case (which SPDX 2.x readers accept).
_OPERATORS: Final = {"AND": "AND", "and": "AND", "OR": "OR", "or": "OR", "WITH": "WITH", "with": "WITH"}


def is_ref_name(text: object) -> bool:
    """Whether ``text`` fits the ref.name grammar of annotations.md.

    >>> is_ref_name("v1.0"), is_ref_name("registry.example/app:1.2@sha256"), is_ref_name("a//b")
    (True, True, False)
    """
    return isinstance(text, str) and _ref_name_fault(str.__str__(text)) is None


def _ref_name_fault(text: str) -> int | None:
    """Where ``text`` first breaks the ref.name grammar, or ``None`` when it fits."""
    if not text:
        return 0
    valid = _REF_NAME_CHARS(text).end()  # type: ignore[union-attr]  # "*" always matches
    shape = text[:valid].encode("ascii").translate(_REF_NAME_SHAPE)
    faults = [at for at in (shape.find(pair) for pair in _REF_NAME_BAD_PAIRS) if at >= 0]
    if shape and shape[0] in _REF_NAME_EDGES:
        faults.append(0)
    if valid < len(text):
        faults.append(valid)
    elif shape[-1] in _REF_NAME_EDGES:
        faults.append(valid - 1)
    return min(faults) if faults else None


# -- reading values ---------------------------------------------------------------------------


def _value(annotations: Mapping[str, str], key: str) -> str | None:
    if not isinstance(annotations, Mapping):
        raise TypeError(f"annotations must be a mapping, got {type(annotations).__name__}")
    value: object = annotations.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidAnnotationError(f"annotation {key!r} must be a string, got {type(value).__name__}", key=key)
    return str.__str__(value)  # a str subclass: judge its characters, not its methods


def _shown(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def parse_rfc3339(text: str) -> datetime:
    """An RFC 3339 date-time (section 5.6) as an aware :class:`~datetime.datetime`.

    >>> parse_rfc3339("2015-10-31T22:22:56.015925234-07:00").isoformat()
    '2015-10-31T22:22:56.015925-07:00'

    What :func:`oci_core.config.is_rfc3339` accepts (Go's ``time.Time``
    reading): fractions beyond microseconds are cut, ``-00:00`` is UTC.

    :raises InvalidAnnotationError: ``text`` is not such a date-time (or not
        a ``str``), or names year 0 (which :class:`~datetime.datetime` cannot hold).
    """
    if not isinstance(text, str):
        raise InvalidAnnotationError(f"an RFC 3339 date-time must be a str, got {type(text).__name__}")
    text = str.__str__(text)
    if not is_rfc3339(text):
        raise InvalidAnnotationError(f"not an RFC 3339 date-time: {_shown(text)}", text=text)
    fraction_end = len(text) - (1 if text.endswith("Z") else 6)  # "Z" or "+hh:mm" closes it
    microsecond = int((text[20:fraction_end] + "000000")[:6])
    if text[fraction_end] == "Z":
        zone = timezone.utc
    else:
        sign = -1 if text[fraction_end] == "-" else 1
        offset = timedelta(hours=int(text[fraction_end + 1 : fraction_end + 3]), minutes=int(text[-2:]))
        zone = timezone(sign * offset) if offset else timezone.utc
    year = int(text[0:4])
    if year == 0:
        raise InvalidAnnotationError(f"year 0 cannot be represented: {_shown(text)}", text=text, span=(0, 4))
    return datetime(
        year,
        int(text[5:7]),
        int(text[8:10]),
        int(text[11:13]),
        int(text[14:16]),
        int(text[17:19]),
        microsecond,
        tzinfo=zone,
    )


def created(annotations: Mapping[str, str]) -> datetime | None:
    """``org.opencontainers.image.created`` as an aware datetime, or ``None`` when absent.

    >>> created({CREATED: "2024-05-01T12:30:00.5+02:00"}).utcoffset()
    datetime.timedelta(seconds=7200)

    :raises InvalidAnnotationError: the value is not an RFC 3339 date-time.
    """
    text = _value(annotations, CREATED)
    if text is None:
        return None
    if not is_rfc3339(text):
        raise InvalidAnnotationError(f"annotation {CREATED!r} must be an RFC 3339 date-time", key=CREATED, text=text)
    if text.startswith("0000"):
        raise InvalidAnnotationError(
            f"annotation {CREATED!r} names year 0, which a datetime cannot hold", key=CREATED, text=text, span=(0, 4)
        )
    return parse_rfc3339(text)


def ref_name(annotations: Mapping[str, str]) -> str | None:
    """``org.opencontainers.image.ref.name``, or ``None`` when absent.

    >>> ref_name({REF_NAME: "stable-release"})
    'stable-release'

    :raises InvalidAnnotationError: the value breaks the ref grammar
        (:data:`REF_NAME_PATTERN`); ``span`` points at the first character
        that does not fit.
    """
    text = _value(annotations, REF_NAME)
    if text is None:
        return None
    at = _ref_name_fault(text)
    if at is not None:
        raise InvalidAnnotationError(
            f"annotation {REF_NAME!r} must match the ref grammar of annotations.md", key=REF_NAME, text=text,
            span=(at, min(at + 1, len(text))),
        )
    return text


def _converted(error: OCIError, key: str) -> InvalidAnnotationError:
    return InvalidAnnotationError(f"annotation {key!r}: {error.message}", key=key, text=error.text, span=error.span)


def base_name(annotations: Mapping[str, str]) -> Reference | None:
    """``org.opencontainers.image.base.name`` as a reference, or ``None`` when absent.

    >>> str(base_name({BASE_IMAGE_NAME: "registry.example.com/my-org/my-image:tag"}))
    'registry.example.com/my-org/my-image:tag'

    Read with :func:`oci_core.reference.parse_reference` (no normalisation).

    :raises InvalidAnnotationError: the value is not a reference.
    """
    text = _value(annotations, BASE_IMAGE_NAME)
    if text is None:
        return None
    try:
        return parse_reference(text)
    except OCIError as error:
        raise _converted(error, BASE_IMAGE_NAME) from None


def base_digest(annotations: Mapping[str, str]) -> Digest | None:
    """``org.opencontainers.image.base.digest`` as a digest, or ``None`` when absent.

    Unregistered algorithms are accepted, as in descriptors.

    :raises InvalidAnnotationError: the value is not a digest.
    """
    text = _value(annotations, BASE_IMAGE_DIGEST)
    if text is None:
        return None
    try:
        return parse_digest(text, allow_unregistered=True)
    except OCIError as error:
        raise _converted(error, BASE_IMAGE_DIGEST) from None


def title(annotations: Mapping[str, str]) -> str | None:
    """``org.opencontainers.image.title``, or ``None`` when absent (any string is a title).

    :raises InvalidAnnotationError: the value is not a string.
    """
    return _value(annotations, TITLE)


def licenses(annotations: Mapping[str, str]) -> str | None:
    """``org.opencontainers.image.licenses``, or ``None`` when absent.

    >>> licenses({LICENSES: "(MIT OR Apache-2.0) AND GPL-2.0-only WITH Classpath-exception-2.0"})
    '(MIT OR Apache-2.0) AND GPL-2.0-only WITH Classpath-exception-2.0'

    The value must be an SPDX license expression by its syntax: license ids
    (``MIT``, ``GPL-2.0+``, ``LicenseRef-x``), ``AND``, ``OR``, ``WITH`` an
    exception, and parentheses. Whether an id is on the SPDX list is not
    checked (the list changes; ``LicenseRef-`` ids are anyone's). Values
    longer than :data:`MAX_LICENSES_LENGTH` are refused.

    :raises InvalidAnnotationError: the value is not such an expression;
        ``span`` points at the token that does not fit.
    """
    text = _value(annotations, LICENSES)
    if text is None:
        return None
    fault = _spdx_fault(text)
    if fault is not None:
        message, span = fault
        raise InvalidAnnotationError(
            f"annotation {LICENSES!r} is not an SPDX license expression: {message}", key=LICENSES, text=text, span=span
        )
    return text


def _spdx_fault(text: str) -> tuple[str, tuple[int, int]] | None:
    """Why ``text`` is not an SPDX license expression, and where; ``None`` when it is one.

    One pass over the tokens with a little state (what may come next, how
    deep the parentheses are), so that no nesting can exhaust the stack; a
    run of parentheses is one token.
    """
    if len(text) > MAX_LICENSES_LENGTH:
        return f"it is {len(text)} characters long, over the limit of {MAX_LICENSES_LENGTH}", (0, len(text))
    operand = True  # an operand (or "(") is expected next, else an operator (or ")")
    after_with = False  # the operand expected is an exception
    simple = False  # the last operand was a simple expression (WITH may follow it)
    depth = 0
    end = 0
    for match in _TOKEN.finditer(text):
        token, span = match.group(), match.span()
        end = span[1]
        if operand:
            if after_with:
                if _ADDITION(token) is None:
                    return "an exception id must follow WITH", span
                after_with, operand, simple = False, False, False
            elif token[0] == "(":
                depth += len(token)
            elif _SIMPLE(token) is None or token in _OPERATORS:
                return f"expected a license id or '(', got {_shown(token)}", span
            else:
                operand, simple = False, True
        elif token[0] == ")":
            if len(token) > depth:
                at = span[0] + depth
                return "')' without its '('", (at, at + 1)
            depth -= len(token)
            simple = False
        else:
            operator = _OPERATORS.get(token)
            if operator is None:
                return f"expected AND, OR, WITH or ')', got {_shown(token)}", span
            if operator == "WITH":
                if not simple:
                    return "WITH must follow a license id", span
                after_with = True
            operand = True
    if end == 0:
        return "it is empty", (0, len(text))
    if operand:
        return "it ends where a license id is expected", (end, end)
    if depth:
        return f"{depth} '(' left open", (end, end)
    return None
