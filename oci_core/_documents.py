# pyright: reportUnnecessaryIsInstance=false
# (The descriptor's constructor checks the types of its arguments at run time,
# since callers may pass anything; the annotations say those checks cannot fail.)
"""The one reader every document shares, and the descriptor it is made of (private).

Manifests, indexes, image configurations and layout files are all JSON
documents of at most a few MiB whose members are checked one by one and
whose faults are located by JSON pointer. What they share lives here, once:

* turning the caller's input into bytes (:func:`as_bytes`) and the bytes into
  checked JSON (:func:`load`, :func:`load_object`: the strict reader of
  :mod:`oci_core._json`, the only place documents are read);
* the fast scan (:func:`scan_pairs`): the standard library's C scanner at
  full speed, every object kept as the tuple of its pairs, and small readers
  (:func:`descriptor_from_pairs` and friends) that take the plain shapes
  (a descriptor's three members by position) straight into values. Anything
  they are unsure of, they leave to the strict reader, which also explains
  every fault;
* the content descriptor (image-spec descriptor.md): the :class:`Descriptor`
  value, the checks its constructor and its reader share, its one reader
  (:func:`read_descriptor`) and its one writer (:func:`descriptor_object`),
  in each of the four places a descriptor appears (see :data:`STANDALONE`).

:class:`Descriptor` is defined here rather than in :mod:`oci_core.descriptor`
(which re-exports it, as it re-exports ``FrozenMap``) because this reader
builds descriptors and every document module needs the reader: a reader in
the public module would make the others import its private names, and a
public module that imports this one cannot also be imported by it.

Every function here raises :class:`~oci_core._fault.Fault`; each public
``parse_*`` entry point turns it into its family once.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from json.scanner import make_scanner

from . import _json
from ._fault import Fault, fault_from_error
from ._frozenmap import EMPTY, FrozenMap, adopt
from ._grammar import HEX_AS_ZERO, SHA256_SHAPE, is_registered_digest
from ._values import layout_twin, publish
from .digest import ALGORITHMS, Digest, compute_digest, parse_digest
from .errors import DigestMismatchError, InvalidDescriptorError, InvalidPlatformError, OCIError, SizeMismatchError
from .mediatypes import KNOWN
from .platform import Platform

TYPE_CHECKING = False  # typing takes 3.5 ms to import: its names are for the checkers only

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Final, Literal, TypeAlias, TypeVar, cast

    from ._json import JSON
    from .digest import Buffer

    #: Where a descriptor is: on its own, in an OCI document, in a Docker
    #: schema2 manifest, or an entry of a Docker manifest list.
    Place: TypeAlias = Literal["descriptor", "oci", "docker", "docker-list"]
    #: A value of the fast scan: JSON, with every object the tuple of its pairs.
    Scanned: TypeAlias = "bool | int | float | str | list[Scanned] | tuple[tuple[str, Scanned], ...] | None"
    #: An object of the fast scan.
    Pairs: TypeAlias = "tuple[tuple[str, Scanned], ...]"

    _V = TypeVar("_V", bound="Immutable")
else:
    from ._values import cast

__all__ = [
    "DOCKER",
    "DOCKER_LIST",
    "OCI",
    "STANDALONE",
    "Descriptor",
    "Immutable",
    "all_registered",
    "as_bytes",
    "check_artifact_type",
    "check_descriptor_in",
    "check_str_map",
    "check_strings",
    "descriptor_from_pairs",
    "descriptor_object",
    "descriptors_from_pairs",
    "exact_str",
    "is_media_type",
    "load",
    "load_object",
    "make_descriptor",
    "media_type_message",
    "plain_descriptor",
    "plain_pairs",
    "platform_from_pairs",
    "read_descriptor",
    "read_platform",
    "scan_pairs",
    "str_map_from_pairs",
]

#: A descriptor on its own (``parse_descriptor``, ``Descriptor.to_json``):
#: image-spec's ``v1.Descriptor``, whose platform keeps ``features`` (as
#: Docker's list entries and go-containerregistry's ``v1.Platform`` have it),
#: so that a descriptor taken from a Docker manifest list writes and reads
#: back whole.
STANDALONE: Final = "descriptor"
#: In an OCI manifest or index: image-spec 1.1's ``v1.Descriptor``, whose
#: platform has no ``features`` (RESERVED): read, it is ignored as unknown.
OCI: Final = "oci"
#: In a Docker schema2 manifest: distribution's ``distribution.Descriptor``
#: (mediaType, size, digest, urls, annotations, platform); ``data`` and
#: ``artifactType`` are not its members, so they are unknown there.
DOCKER: Final = "docker"
#: An entry of a Docker manifest list: distribution's ``ManifestDescriptor``,
#: a ``distribution.Descriptor`` and a required ``PlatformSpec`` (with
#: ``features``), written last.
DOCKER_LIST: Final = "docker-list"

# RFC 3986 "absolute-URI" by its character classes: a scheme, then unreserved,
# reserved and percent-encoded characters. Each repetition is one character or
# one fixed-length escape, so matching is linear.
@cache
def _uri_pattern() -> re.Pattern[str]:
    return re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=-]|%[0-9A-Fa-f]{2})*")


def _uri(text: str) -> re.Match[str] | None:
    return _uri_pattern().fullmatch(text)
# descriptor.md: mediaType MUST comply with RFC 6838 (restricted names, no parameters).
@cache
def _media_type_pattern() -> re.Pattern[str]:
    return re.compile(r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}", re.ASCII)


def _full_media_type(text: str) -> re.Match[str] | None:
    return _media_type_pattern().fullmatch(text)
# The media types this library names are valid without the pattern (a set is
# a little quicker to ask than the read-only mapping).
_KNOWN_TYPES: Final = frozenset(KNOWN)
_INT64_MAX: Final = _json.INT64_MAX
_new_str: Final = str.__new__
_encode: Final = str.encode
_OPENERS: Final = _json.OPENERS
_SUSPECT: Final = _json.suspect_escape
_FORBIDDEN: Final = _json.forbidden_char
_plain: Final = str.__str__  # a Digest's text as a plain str, for JSON objects handed to callers


def is_media_type(text: object) -> bool:
    """Whether ``text`` is an exact ``str`` that is an RFC 6838 ``type/subtype`` without parameters."""
    return type(text) is str and (text in _KNOWN_TYPES or _full_media_type(text) is not None)


def media_type_message(text: str) -> str:
    """The fault of a member that must be a media type."""
    shown = text if len(text) <= 80 else text[:77] + "..."
    return f"must be a media type (RFC 6838 type/subtype, no parameters), got {shown!r}"


def _url_message(text: str) -> str:
    shown = text if len(text) <= 80 else text[:77] + "..."
    return f"must be an absolute URI (RFC 3986, with a scheme), got {shown!r}"


# -- bytes in ---------------------------------------------------------------------------------


def as_bytes(raw: object, what: str) -> bytes:
    """The bytes of a document given as bytes, a bytes-like object or text (encoded as UTF-8)."""
    if type(raw) is bytes:
        return raw
    if isinstance(raw, str):
        try:
            return str.encode(raw, "utf-8")
        except UnicodeEncodeError as exc:
            raise Fault(f"text holds a lone surrogate at offset {exc.start}; JSON must be UTF-8", pointer="") from None
    if isinstance(raw, (bytes, bytearray, memoryview)):
        return bytes(cast("Buffer", raw))
    raise Fault(f"{what} must be bytes, got {type(raw).__name__}", pointer="")


def load(data: bytes, max_size: int) -> JSON:
    """Read a document strictly: every rule of :mod:`oci_core._json`, no separate depth scan.

    Every member a document reader keeps is walked by hand and bounded, and
    the scanner's own recursion guard covers the rest.
    """
    return _json.loads(data, max_size=max_size, max_depth=None)


def load_object(data: bytes, what: str, max_size: int) -> dict[str, JSON]:
    """Read a document that must be a JSON object (``what`` names it in the fault)."""
    value = load(data, max_size)
    if type(value) is not dict:
        raise Fault(f"{what} must be a JSON object, got {_json.kind(value)}", pointer="")
    return value


_scan_pairs: Final[Callable[[str, int], tuple[Scanned, int]]] = make_scanner(
    json.JSONDecoder(  # type: ignore[arg-type]  # typeshed's stub wants a make_scanner
        object_pairs_hook=tuple, parse_float=_json.finite_float, parse_constant=_json.refuse_constant
    )
)


def scan_pairs(raw: bytes, max_size: int) -> Scanned:
    """The fast scan: ``raw`` read by the standard library's C scanner, every object a tuple of its pairs.

    Keeping each object as the tuple of its ``(key, value)`` pairs costs the
    scanner nothing (a Python ``object_pairs_hook`` would cost more than the
    whole scan), keeps repeated keys visible, and lets a typed reader take a
    descriptor's three members by position. The answer is ``None`` for
    anything but the plain case (over ``max_size``, not UTF-8, not starting
    with ``{`` or ``[``, any fault while scanning, trailing data, an escape or
    a character the strict reader would look at twice, a number that is not a
    finite double); the caller then reads with :func:`load`, which explains
    the fault or gives the value.

    What the scan does not check is left to the pairs readers: every object
    they keep is turned into a dict only after its keys are seen to be
    distinct, and they refuse (answer ``None`` for) any member they do not
    read, so that nothing unchecked is accepted.
    """
    if len(raw) > max_size:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if text[:1] not in _OPENERS:
        return None
    if ("\\" in text and _SUSPECT(text) is not None) or (not text.isascii() and _FORBIDDEN(text) >= 0):
        return None
    try:
        value, end = _scan_pairs(text, 0)
    except Exception:  # every fault is the strict reader's to describe
        return None
    if end != len(text) and text[end:].strip(" \t\n\r"):  # only JSON's four whitespace characters may follow
        return None
    return value


# -- the descriptor ---------------------------------------------------------------------------------


class Immutable:
    """A base for the document values: a copy of an immutable value is the value itself."""

    __slots__ = ()

    def __copy__(self: _V) -> _V:
        return self

    def __deepcopy__(self: _V, memo: object) -> _V:
        return self  # every member of every document value is immutable


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Descriptor(Immutable):
    """A content descriptor (image-spec descriptor.md).

    >>> d = Descriptor("application/vnd.oci.image.layer.v1.tar+gzip",
    ...                Digest("sha256:" + "a" * 64), 1024)
    >>> d.to_json()[:60]
    b'{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","'

    Constructing one checks exactly what :func:`~oci_core.descriptor.parse_descriptor`
    checks, so that its ``to_json()`` always reads back equal: a bad value
    raises :class:`~oci_core.errors.InvalidDescriptorError` with the JSON
    pointer of the member (``/size``), a value of the wrong Python type raises
    :class:`TypeError`. A ``str`` digest is parsed into a
    :class:`~oci_core.digest.Digest` (unregistered but grammatical algorithms
    accepted, as in a document), a list of URLs becomes a tuple, a mapping of
    annotations a :class:`~oci_core.descriptor.FrozenMap`, ``str``
    subclasses plain ``str``, and empty ``data`` none (Go writes no ``data``
    for empty content).
    """

    media_type: str
    digest: Digest
    size: int
    urls: tuple[str, ...] = ()
    annotations: FrozenMap[str, str] = EMPTY
    data: bytes | None = None
    platform: Platform | None = None
    artifact_type: str | None = None

    # eq, hash and repr as @dataclass(eq=True, frozen=True) writes them, written out here: dataclasses
    # compiles its own when the module is imported (most of what a value class costs to import).
    # tests/test_perf_import.py holds them to dataclasses' answers.
    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        them: Descriptor = other  # pyright: ignore[reportAssignmentType]  # of this very class, as just seen (mypy narrows it)
        return (
            self.media_type,
            self.digest,
            self.size,
            self.urls,
            self.annotations,
            self.data,
            self.platform,
            self.artifact_type,
        ) == (
            them.media_type,
            them.digest,
            them.size,
            them.urls,
            them.annotations,
            them.data,
            them.platform,
            them.artifact_type,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.media_type,
                self.digest,
                self.size,
                self.urls,
                self.annotations,
                self.data,
                self.platform,
                self.artifact_type,
            )
        )

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"media_type={self.media_type!r}, "
            f"digest={self.digest!r}, "
            f"size={self.size!r}, "
            f"urls={self.urls!r}, "
            f"annotations={self.annotations!r}, "
            f"data={self.data!r}, "
            f"platform={self.platform!r}, "
            f"artifact_type={self.artifact_type!r})"
        )

    def __post_init__(self) -> None:
        try:
            _check_constructed(self)
        except Fault as fault:
            raise fault.as_error(InvalidDescriptorError) from None

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt through the constructor, so that a copy is checked like any
        # new value; the digest goes as plain text, which the constructor reads
        # as a document does (an unregistered algorithm included).
        return (
            Descriptor,
            (
                self.media_type,
                str.__str__(self.digest),
                self.size,
                self.urls,
                self.annotations,
                self.data,
                self.platform,
                self.artifact_type,
            ),
        )

    def to_json_object(self) -> dict[str, object]:
        """The JSON object, members in image-spec's Go order, empty ones left out.

        >>> from oci_core.descriptor import EMPTY_JSON
        >>> EMPTY_JSON.to_json_object()["data"]
        'e30='
        """
        return descriptor_object(self, STANDALONE)

    def to_json(self) -> bytes:
        """The bytes Go's ``encoding/json`` writes for this ``v1.Descriptor``.

        >>> from oci_core.descriptor import EMPTY_JSON
        >>> EMPTY_JSON.to_json()[:52]
        b'{"mediaType":"application/vnd.oci.empty.v1+json","di'
        """
        return _json.dumps(descriptor_object(self, STANDALONE), floats=False)

    def verify(self, content: Buffer) -> None:
        """Check that ``content`` is what this descriptor describes.

        >>> from oci_core.descriptor import EMPTY_JSON
        >>> EMPTY_JSON.verify(b"{}")

        :raises TypeError: ``content`` is not bytes-like.
        :raises SizeMismatchError: the length differs from ``size``.
        :raises DigestMismatchError: the digest differs.
        :raises UnsupportedAlgorithmError: the digest's algorithm cannot be computed here.
        """
        if not isinstance(content, (bytes, bytearray, memoryview)):  # pyright: ignore[reportUnnecessaryIsInstance]  # callers pass anything
            raise TypeError(f"Descriptor.verify() content must be bytes-like, got {type(content).__name__}")
        length = memoryview(content).nbytes
        if length != self.size:
            raise SizeMismatchError(
                f"content size mismatch for {self.digest}: expected {self.size} bytes, got {length}"
            )
        actual = compute_digest(content, self.digest.algorithm)
        if actual != self.digest:
            raise DigestMismatchError(f"content digest mismatch: expected {self.digest}, got {actual}")

    def with_data(self, data: bytes | None) -> Descriptor:
        """The same descriptor with ``data`` embedded (checked) or, with ``None``, removed."""
        return replace(self, data=data)


_DescriptorLayout: Final = layout_twin(Descriptor)


def make_descriptor(
    media_type: str,
    digest: Digest,
    size: int,
    urls: tuple[str, ...] = (),
    annotations: FrozenMap[str, str] = EMPTY,
    data: bytes | None = None,
    platform: Platform | None = None,
    artifact_type: str | None = None,
) -> Descriptor:
    """A :class:`Descriptor` of members the caller has checked (no check here)."""
    d = _DescriptorLayout()
    d.media_type = media_type
    d.digest = digest
    d.size = size
    d.urls = urls
    d.annotations = annotations
    d.data = data
    d.platform = platform
    d.artifact_type = artifact_type
    return publish(d, Descriptor)


# -- checks that constructors and readers share --------------------------------------------


def exact_str(value: object, name: str) -> str:
    """``value`` as a plain ``str`` (a subclass is read through ``str``'s own method), or :class:`TypeError`."""
    if type(value) is str:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    raise TypeError(f"{name} must be a str, got {type(value).__name__}")


def _set(value: object, name: str, member: object) -> None:
    # A frozen dataclass's __post_init__ stores a coerced member this way
    # (the dataclasses documentation's own idiom); only constructors do.
    object.__setattr__(value, name, member)


def check_strings(values: object, name: str, pointer: str) -> tuple[str, ...]:
    """A constructor's list of strings: an iterable of ``str`` (not one ``str``) that JSON can carry, as a tuple."""
    exact = type(values) is tuple
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"{name} must be a tuple of str, got {type(values).__name__}")
    given = tuple(cast("Iterable[object]", values))
    if exact and all(type(item) is str for item in given):
        items = cast("tuple[str, ...]", values)
    else:
        items = tuple(exact_str(item, f"{name} items") for item in given)
    for index, item in enumerate(items):
        _json.check_text(item, f"{pointer}/{index}")
    return items


def check_str_map(values: object, name: str, pointer: str) -> FrozenMap[str, str]:
    """A constructor's annotations or labels: a mapping of ``str`` to ``str`` that JSON can carry, frozen."""
    if not isinstance(values, Mapping):
        raise TypeError(f"{name} must be a mapping of str to str, got {type(values).__name__}")
    mapping = cast("Mapping[object, object]", values)
    plain = type(mapping) is FrozenMap
    items: dict[str, str] = {}
    for key, member in mapping.items():
        if type(key) is not str or type(member) is not str:
            plain = False
        text_key = exact_str(key, f"{name} keys")
        text = exact_str(member, f"{name} values")
        where = _json.join_pointer(pointer, text_key)
        _json.check_text(text_key, where, key=True)
        _json.check_text(text, where)
        items[text_key] = text
    if plain:
        return cast("FrozenMap[str, str]", mapping)
    return adopt(items) if items else EMPTY


def check_artifact_type(artifact_type: object, name: str) -> str | None:
    """A constructor's ``artifact_type``: ``None`` or a media type (fault at ``/artifactType``)."""
    if artifact_type is None:
        return None
    text = exact_str(artifact_type, name)
    if not is_media_type(text):
        raise Fault(media_type_message(text), pointer="/artifactType")
    return text


def _check_platform(platform: Platform, pointer: str) -> None:
    # A Platform built by its constructor holds whatever strings it was given;
    # the descriptor writes them, so they must be ones strict JSON can carry.
    for member, text in (
        ("architecture", platform.architecture),
        ("os", platform.os),
        ("os.version", platform.os_version),
        ("variant", platform.variant),
    ):
        _json.check_text(text, f"{pointer}/{member}")
    for member, texts in (("os.features", platform.os_features), ("features", platform.features)):
        for index, text in enumerate(texts):
            _json.check_text(text, f"{pointer}/{member}/{index}")


def _check_constructed(d: Descriptor) -> None:
    media_type = exact_str(d.media_type, "Descriptor.media_type")
    if media_type is not d.media_type:
        _set(d, "media_type", media_type)
    if not is_media_type(media_type):
        raise Fault(media_type_message(media_type), pointer="/mediaType")
    digest = d.digest
    if type(digest) is not Digest:
        text = exact_str(digest, "Descriptor.digest")
        try:
            digest = parse_digest(text, allow_unregistered=True)
        except OCIError as exc:
            raise fault_from_error(exc, pointer="/digest") from None
        _set(d, "digest", digest)
    size = d.size
    if type(size) is not int:
        raise TypeError(f"Descriptor.size must be an int, got {type(size).__name__}")
    if not 0 <= size <= _INT64_MAX:
        raise Fault(f"must be a non-negative int64, got {size}", pointer="/size")
    urls: object = d.urls
    if type(urls) is not tuple or not all(type(url) is str for url in urls):  # pyright: ignore[reportUnknownVariableType]
        if isinstance(urls, (str, bytes)) or not isinstance(urls, Iterable):
            raise TypeError(f"Descriptor.urls must be a tuple of str, got {type(urls).__name__}")
        urls = tuple(exact_str(url, "Descriptor.urls items") for url in urls)  # pyright: ignore[reportUnknownVariableType]
        _set(d, "urls", urls)
    for index, url in enumerate(d.urls):
        if _uri(url) is None:
            raise Fault(_url_message(url), pointer=f"/urls/{index}")
    annotations = check_str_map(d.annotations, "Descriptor.annotations", "/annotations")
    if annotations is not d.annotations:
        _set(d, "annotations", annotations)
    data: object = d.data
    if data is not None:
        if type(data) is not bytes:
            if isinstance(data, str) or not isinstance(data, (bytes, bytearray, memoryview)):
                raise TypeError(f"Descriptor.data must be bytes, got {type(data).__name__}")
            data = bytes(data)
            _set(d, "data", data)
        _check_data(data, size, digest, "/data")
        if not data:  # Go writes no "data" for empty content, so that reads back as None
            _set(d, "data", None)
    platform = d.platform
    if platform is not None:
        if not isinstance(platform, Platform):  # pyright: ignore[reportUnnecessaryIsInstance]  # callers pass anything
            raise TypeError(f"Descriptor.platform must be a Platform, got {type(platform).__name__}")
        _check_platform(platform, "/platform")
    artifact_type = check_artifact_type(d.artifact_type, "Descriptor.artifact_type")
    if artifact_type is not d.artifact_type:
        _set(d, "artifact_type", artifact_type)


def check_descriptor_in(d: Descriptor, place: Place, pointer: str) -> None:
    """Fault if ``d`` holds a member its reader in ``place`` would not read back (a constructor's check).

    A Docker descriptor has no ``data`` or ``artifactType``; only a
    standalone descriptor and a Docker list entry keep a platform's
    ``features``; a Docker list entry must have a platform.
    """
    platform = d.platform
    if place in (DOCKER, DOCKER_LIST):
        for member, present in (("data", d.data is not None), ("artifactType", d.artifact_type is not None)):
            if present:
                message = f"a Docker descriptor has no {member} member (distribution's Descriptor)"
                raise Fault(message, pointer=f"{pointer}/{member}")
        if place == DOCKER_LIST and platform is None:
            raise Fault("is required in a Docker manifest list but missing", pointer=f"{pointer}/platform")
    if platform is not None and platform.features and place != STANDALONE and place != DOCKER_LIST:
        raise Fault(
            "only a Docker manifest list entry has platform features (image-spec 1.1 reserves the member)",
            pointer=f"{pointer}/platform/features",
        )


def decode_data(text: str) -> bytes | None:
    """Strict standard base64: padded, alphabet only, and spelled as it re-encodes (``None`` otherwise).

    ``base64.b64decode(validate=True)`` still accepts non-zero padding bits
    (``"e31="`` decodes like ``"e30="``), and Go's decoder skips newlines;
    requiring the canonical spelling refuses both, so one content has one
    spelling and a descriptor written back is byte-identical.
    """
    if not text.isascii():
        return None
    try:
        decoded = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    if base64.b64encode(decoded) != text.encode("ascii"):
        return None
    return decoded


def _check_data(data: bytes, size: int, digest: Digest, pointer: str) -> None:
    if len(data) != size:
        raise Fault(f"embedded data is {len(data)} bytes but size says {size}", pointer=pointer)
    algorithm = ALGORITHMS.get(digest.algorithm)
    # An unregistered algorithm, or blake3 (no standard-library hasher), cannot
    # be checked here; the size still is.
    if algorithm is not None and algorithm.hasher is not None:
        actual = compute_digest(data, digest.algorithm)
        if actual != digest:
            raise Fault(f"embedded data has digest {actual}, not {digest}", pointer=pointer)


# -- reading ----------------------------------------------------------------------------------------


def _media_type(obj: dict[str, JSON], key: str, pointer: str) -> str:
    value = _json.require_str(obj, key, pointer)
    if value not in _KNOWN_TYPES and _full_media_type(value) is None:
        raise Fault(media_type_message(value), pointer=_json.join_pointer(pointer, key))
    return value


def _artifact_type(obj: dict[str, JSON], pointer: str) -> str | None:
    value = _json.get_str(obj, "artifactType", pointer)
    if value is not None and value not in _KNOWN_TYPES and _full_media_type(value) is None:
        raise Fault(media_type_message(value), pointer=_json.join_pointer(pointer, "artifactType"))
    return value


def read_platform(value: object, pointer: str, *, features: bool) -> Platform:
    """A platform object, read by :meth:`~oci_core.platform.Platform.from_json_object`, its faults re-pointed.

    ``features=False`` drops the member where image-spec 1.1 has none.
    """
    try:
        platform = Platform.from_json_object(value)
    except InvalidPlatformError as exc:
        raise fault_from_error(exc, pointer=pointer + (exc.pointer or "")) from None
    if platform.features and not features:
        platform = replace(platform, features=())
    return platform


def read_descriptor(value: object, pointer: str, place: Place = OCI) -> Descriptor:
    """Read a descriptor from a parsed JSON value, or fault at the offending member.

    ``value`` is the strict reader's (or :func:`~oci_core._json.checked_value`'s):
    its strings are exact and checked. ``place`` says which members the
    descriptor has there (see :data:`STANDALONE` and the others).
    """
    if type(value) is not dict:
        raise Fault(f"a descriptor must be an object, got {_json.kind(value)}", pointer=pointer)
    obj = cast("dict[str, JSON]", value)
    media_type = _media_type(obj, "mediaType", pointer)
    text = obj.get("digest")
    if type(text) is str and is_registered_digest(text):
        digest: Digest = _new_str(Digest, text)
    else:
        text = _json.require_str(obj, "digest", pointer)
        try:
            digest = parse_digest(text, allow_unregistered=True)
        except OCIError as exc:
            raise fault_from_error(exc, pointer=_json.join_pointer(pointer, "digest")) from None
    size = _json.require_int(obj, "size", pointer, minimum=0)
    if len(obj) == 3 and place != DOCKER_LIST:  # only the three required members (a Docker list entry needs more)
        return make_descriptor(media_type, digest, size)
    docker = place in (DOCKER, DOCKER_LIST)
    urls = _json.get_str_list(obj, "urls", pointer) or ()
    for index, url in enumerate(urls):
        if _uri(url) is None:
            raise Fault(_url_message(url), pointer=f"{_json.join_pointer(pointer, 'urls')}/{index}")
    annotations = _json.get_str_map(obj, "annotations", pointer)
    data = None
    if not docker:
        encoded = _json.get_str(obj, "data", pointer)
        if encoded is not None:
            data = decode_data(encoded)
            where = _json.join_pointer(pointer, "data")
            if data is None:
                raise Fault("must be standard base64 with padding, in its canonical spelling", pointer=where)
            _check_data(data, size, digest, where)
    platform_value = obj.get("platform")
    platform = None
    if platform_value is not None or "platform" in obj:
        platform = read_platform(
            platform_value, _json.join_pointer(pointer, "platform"), features=place in (STANDALONE, DOCKER_LIST)
        )
    elif place == DOCKER_LIST:
        raise _json.missing(_json.join_pointer(pointer, "platform"))
    artifact_type = None if docker else _artifact_type(obj, pointer)
    frozen = adopt(annotations) if annotations else EMPTY
    return make_descriptor(media_type, digest, size, urls, frozen, data or None, platform, artifact_type)


# -- the fast scan's readers --------------------------------------------------------------------
#
# Each answers a value or None ("not the plain case"), never a fault: the
# strict reader (read_descriptor and the document readers) explains every
# fault. A property test holds the two to the same answers.

def plain_descriptor(media_type: object, digest: object, size: object) -> Descriptor | None:
    """A descriptor of just the three required members, when they are plainly valid, or ``None``."""
    if (
        type(media_type) is str
        and type(digest) is str
        and type(size) is int
        and 0 <= size <= _INT64_MAX
        and (media_type in _KNOWN_TYPES or _full_media_type(media_type) is not None)
        and is_registered_digest(digest)
    ):
        return make_descriptor(media_type, _new_str(Digest, digest), size)
    return None


def plain_pairs(value: Scanned) -> bool:
    """Whether a member of the fast scan that no reader reads (an unknown one) is what the strict reader accepts.

    The scan keeps repeated keys; strict JSON refuses them at any depth. So
    every object below ``value`` must have distinct keys (iteratively: the
    scanner has bounded the depth already).
    """
    if type(value) is not tuple and type(value) is not list:
        return True
    stack: list[Scanned] = [value]
    while stack:
        item = stack.pop()
        if type(item) is tuple:
            if len(item) > 1 and len({key for key, _ in item}) != len(item):
                return False
            stack.extend(member for _, member in item if type(member) is tuple or type(member) is list)
        elif type(item) is list:
            stack.extend(member for member in item if type(member) is tuple or type(member) is list)
    return True


# Platforms repeat across documents (linux/amd64, linux/arm64/v8): each plain
# one is built once and shared (values are immutable). Only tuples of plain
# ASCII strings under the platform's string members are keys, up to a bound.
_PLATFORMS: Final[dict[Pairs, Platform]] = {}
_PLATFORMS_MAX: Final = 256
_PLATFORM_STRINGS: Final = frozenset({"architecture", "os", "variant", "os.version"})


_PLATFORM_MEMBERS: Final = frozenset({"architecture", "os", "variant", "os.version", "os.features", "features"})


def platform_from_pairs(value: Scanned) -> Platform | None:
    """A platform object of the fast scan (strings, lists of strings, plain unknown members), or ``None``."""
    if type(value) is not tuple:
        return None
    for key, member in value:
        if key not in _PLATFORM_STRINGS or type(member) is not str or not member.isascii():
            return _platform_from_members(value)
    platform = _PLATFORMS.get(value)
    if platform is None:
        members = dict(value)
        if len(members) != len(value) or "os" not in members or "architecture" not in members:
            return None
        platform = Platform.from_json_object(members)
        if len(_PLATFORMS) < _PLATFORMS_MAX:
            _PLATFORMS[value] = platform
    return platform


def _platform_from_members(value: Pairs) -> Platform | None:
    members: dict[str, JSON] = {}
    for key, member in value:
        if key in _PLATFORM_MEMBERS:
            if type(member) is list:
                for item in member:
                    if type(item) is not str:
                        return None
                members[key] = member  # type: ignore[assignment]  # a list of str is JSON
            elif type(member) is str:
                members[key] = member
            else:
                return None
        elif not plain_pairs(member):
            return None
    if len({key for key, _ in value}) != len(value):
        return None
    try:
        return Platform.from_json_object(members)
    except InvalidPlatformError:
        return None


def str_map_from_pairs(value: Scanned) -> FrozenMap[str, str] | None:
    """A string-to-string object of the fast scan (annotations), or ``None``."""
    if type(value) is not tuple:
        return None
    members: dict[str, str] = {}
    for key, member in value:
        if type(member) is not str:
            return None
        members[key] = member
    if len(members) != len(value):
        return None
    return adopt(members) if members else EMPTY


def descriptor_from_pairs(value: Scanned, place: Place) -> Descriptor | None:
    """A descriptor of the fast scan in its plain shape, or ``None``.

    The plain shape: ``mediaType``, then ``digest`` and ``size`` in either
    order (Go's and Docker's), with a registered digest; then any of the
    other members (unknown ones when plain: no repeated key below them). An
    unregistered digest, a member in another order, a repeated one, or any
    fault is the strict reader's.
    """
    found = descriptors_from_pairs([value], place)
    return None if found is None else found[0]


def descriptors_from_pairs(values: Scanned, place: Place) -> tuple[Descriptor, ...] | None:
    """An array of descriptors of the fast scan, each in its plain shape (:func:`descriptor_from_pairs`), or ``None``.

    A manifest's config and layers and an index's entries are read in one
    loop, and their digests checked together: the sha256 ones as one
    translation of their concatenation (the check of
    :func:`~oci_core._grammar.is_registered_digest`, once for all).
    """
    if type(values) is not list:
        return None
    read: list[Descriptor] = []
    digests: list[str] = []
    for pairs in values:
        if type(pairs) is tuple and len(pairs) == 3:
            # The commonest descriptor, just the three required members: the checks inline.
            (key1, media_type), (key2, second), (key3, third) = pairs
            if key2 == "digest":
                digest, size = second, third
            else:
                digest, size = third, second
                key2, key3 = key3, key2
            if (
                key1 == "mediaType"
                and key2 == "digest"
                and key3 == "size"
                and type(digest) is str
                and type(size) is int
                and type(media_type) is str
                and 0 <= size <= _INT64_MAX
                and (media_type in _KNOWN_TYPES or _full_media_type(media_type) is not None)
                and place != DOCKER_LIST
            ):
                digests.append(digest)
                read.append(make_descriptor(media_type, _new_str(Digest, digest), size))
                continue
            return None
        if type(pairs) is not tuple or len(pairs) < 3:
            return None
        if len(pairs) == 3:
            (key1, media_type), (key2, second), (key3, third) = pairs
            rest: Pairs = ()
        else:
            (key1, media_type), (key2, second), (key3, third) = pairs[:3]
            rest = pairs[3:]
        if key1 != "mediaType" or type(media_type) is not str:
            return None
        if key2 == "digest" and key3 == "size":
            digest, size = second, third
        elif key2 == "size" and key3 == "digest":
            digest, size = third, second
        else:
            return None
        if (
            type(digest) is not str
            or type(size) is not int
            or not 0 <= size <= _INT64_MAX
            or (media_type not in _KNOWN_TYPES and _full_media_type(media_type) is None)
        ):
            return None
        platform: Platform | None = None
        annotations: FrozenMap[str, str] | None = None
        urls: tuple[str, ...] | None = None
        data: bytes | None = None
        artifact_type: str | None = None
        if rest:
            # A known member read twice finds its variable set; an unknown one (and mediaType, digest or
            # size again) is looked for among all the keys.
            unknown = False
            for key, member in rest:
                if key == "platform" and platform is None:
                    platform = platform_from_pairs(member)
                    if platform is None:
                        return None
                    if platform.features and place != STANDALONE and place != DOCKER_LIST:
                        platform = replace(platform, features=())  # image-spec 1.1 has none
                elif key == "annotations" and annotations is None:
                    annotations = str_map_from_pairs(member)
                    if annotations is None:
                        return None
                elif key == "urls" and urls is None:
                    if type(member) is not list:
                        return None
                    for url in member:
                        if type(url) is not str or _uri(url) is None:
                            return None
                    urls = tuple(member)  # type: ignore[arg-type]  # every url is a str
                elif key == "data" and data is None and place != DOCKER and place != DOCKER_LIST:
                    data = decode_data(member) if type(member) is str else None
                    if data is None or len(data) != size or not _data_matches(data, digest):
                        return None
                elif key == "artifactType" and artifact_type is None and place != DOCKER and place != DOCKER_LIST:
                    if type(member) is not str or (member not in _KNOWN_TYPES and _full_media_type(member) is None):
                        return None
                    artifact_type = member
                elif not plain_pairs(member):  # an unknown member, ignored as the strict reader ignores it
                    return None
                else:
                    unknown = True
            if unknown and len({key for key, _ in pairs}) != len(pairs):
                return None  # a repeated key
        if place == DOCKER_LIST and platform is None:
            return None
        digests.append(digest)
        trusted = _new_str(Digest, digest)  # checked below, with the others
        read.append(
            make_descriptor(
                media_type, trusted, size, urls or (), annotations or EMPTY, data or None, platform, artifact_type
            )
        )
    if not all_registered(digests):
        return None
    return tuple(read)


def _data_matches(data: bytes, digest: str) -> bool:
    """Whether embedded data has the digest (the strict reader's check: only an algorithm this library computes)."""
    algorithm = ALGORITHMS.get(digest.partition(":")[0])
    return algorithm is None or algorithm.hasher is None or compute_digest(data, algorithm.name) == digest


def all_registered(digests: list[str]) -> bool:
    """Whether every digest is of a registered algorithm (:func:`~oci_core._grammar.is_registered_digest`)."""
    count = len(digests)
    if count > 1:
        joined = "".join(digests)
        # Each sha256 digest is 71 characters, so the concatenation of n of them
        # has n copies of the shape; "sha256:" can only start where an "s" is,
        # which the shape allows only at each digest's start.
        # (The lengths sum to 71 * n and none is shorter: all are 71.)
        if (
            len(joined) == 71 * count
            and min(map(len, digests)) == 71
            and joined.isascii()
            and _encode(joined).translate(HEX_AS_ZERO) == SHA256_SHAPE * count
            and joined.count("sha256:") == count
        ):
            return True
    return all(is_registered_digest(digest) for digest in digests)


# -- writing --------------------------------------------------------------------------------------


def descriptor_object(d: Descriptor, place: Place) -> dict[str, object]:
    """The members of ``d`` in the order its Go type in ``place`` writes them, ``omitempty`` ones left out.

    image-spec's ``v1.Descriptor``: mediaType, digest, size, urls,
    annotations, data, platform, artifactType. distribution's
    ``distribution.Descriptor`` (and containers/image's
    ``Schema2Descriptor``): mediaType, size, digest, urls, annotations,
    platform; a list entry's ``PlatformSpec`` is always written, last.
    """
    digest = _plain(d.digest)
    if place in (DOCKER, DOCKER_LIST):
        obj: dict[str, object] = {"mediaType": d.media_type, "size": d.size, "digest": digest}
    else:
        obj = {"mediaType": d.media_type, "digest": digest, "size": d.size}
    if d.urls:
        obj["urls"] = list(d.urls)
    if d.annotations:
        obj["annotations"] = _json.sorted_map(d.annotations)
    if d.data and place != DOCKER and place != DOCKER_LIST:
        obj["data"] = base64.b64encode(d.data).decode("ascii")
    platform = d.platform
    if platform is not None:
        platform_object = platform.to_json_object()
        if place != STANDALONE and place != DOCKER_LIST:
            platform_object.pop("features", None)
        obj["platform"] = platform_object
    if d.artifact_type and place != DOCKER and place != DOCKER_LIST:
        obj["artifactType"] = d.artifact_type
    return obj
