"""Content descriptors: what a manifest says about each blob it points to.

A :class:`Descriptor` is image-spec descriptor.md's ``application/vnd.oci.descriptor.v1+json``:
the media type, digest and size of a piece of content, plus optional URLs,
annotations, embedded data, a platform (for manifests in an index) and an
artifact type. It is validated as the spec's prose says, which is stricter
than its JSON schema (descriptor.md, "Properties"):

* ``mediaType`` is REQUIRED and MUST comply with RFC 6838 (type/subtype of
  restricted names, no parameters);
* ``digest`` is REQUIRED and MUST follow the digest grammar ("Digests"); a
  registered algorithm's encoded part must have its length and lowercase hex,
  and an unregistered but grammatical algorithm is accepted, as
  descriptor.md says implementations SHOULD (it cannot be verified here);
* ``size`` is REQUIRED, an int64, and not negative (the schema allows -1; the
  prose says "the size, in bytes, of the raw content");
* ``urls`` entries MUST conform to RFC 3986: absolute URIs with a scheme;
* ``annotations`` follow the annotation rules (a string-to-string map);
* ``data`` ("Embedded Content") is the content in standard base64 with
  padding (RFC 4648 §4), in its one canonical spelling; its decoded bytes
  must match both ``size`` and, when the algorithm can be computed here,
  ``digest``;
* ``artifactType`` MUST comply with RFC 6838 when present;
* ``platform`` is image-index.md's platform object (:mod:`oci_core.platform`).

Unknown members are ignored, as the spec requires. JSON written by
:meth:`Descriptor.to_json` is what Go's ``encoding/json`` writes for
image-spec's ``specs-go/v1.Descriptor``: members in the order mediaType,
digest, size, urls, annotations, data, platform, artifactType, empty ones
left out, annotation keys sorted.

>>> d = parse_descriptor(b'{"mediaType": "application/vnd.oci.empty.v1+json", "size": 2,'
...                      b' "digest": "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"}')
>>> d == EMPTY_JSON.with_data(None), d.size
(True, 2)
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Final, TypeVar

from . import _json
from ._frozenmap import EMPTY, FrozenMap, _adopt
from ._grammar import is_registered_digest as _is_registered_digest
from .digest import ALGORITHMS, Digest, compute_digest, parse_digest
from .errors import (
    DigestMismatchError,
    InvalidDescriptorError,
    InvalidDocumentError,
    OCIError,
    SizeMismatchError,
)
from .mediatypes import KNOWN, OCI_EMPTY_JSON, is_media_type
from .platform import Platform

if TYPE_CHECKING:
    from ._json import JSON
    from .digest import Buffer

__all__ = [
    "EMPTY_JSON",
    "EMPTY_JSON_DATA",
    "Descriptor",
    "FrozenMap",
    "describe",
    "parse_descriptor",
]

_E = TypeVar("_E", bound=InvalidDocumentError)

#: The content of the empty descriptor: the two bytes ``{}`` (manifest.md, "Guidance for an Empty Descriptor").
EMPTY_JSON_DATA: Final[bytes] = b"{}"

# RFC 3986 "absolute-URI" by its character classes: a scheme, then unreserved,
# reserved and percent-encoded characters. Each repetition is one character or
# one fixed-length escape, so matching is linear.
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=-]|%[0-9A-Fa-f]{2})*").fullmatch


@dataclass(frozen=True, slots=True)
class Descriptor:
    """A content descriptor (image-spec descriptor.md).

    >>> d = Descriptor("application/vnd.oci.image.layer.v1.tar+gzip",
    ...                Digest("sha256:" + "a" * 64), 1024)
    >>> d.to_json()[:60]
    b'{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","'

    Constructing one validates it: a bad value raises
    :class:`~oci_core.errors.InvalidDescriptorError` with the JSON pointer of
    the member (``/size``), a value of the wrong Python type raises
    :class:`TypeError`. A ``str`` digest is parsed into a
    :class:`~oci_core.digest.Digest`, a list of URLs becomes a tuple, a
    mapping of annotations becomes a :class:`FrozenMap`.
    """

    media_type: str
    digest: Digest
    size: int
    urls: tuple[str, ...] = ()
    annotations: FrozenMap[str, str] = EMPTY
    data: bytes | None = None
    platform: Platform | None = None
    artifact_type: str | None = None

    def __post_init__(self) -> None:
        _validate(self)

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt through the constructor, so that a copy is validated like any new value.
        return (
            Descriptor,
            (
                self.media_type,
                self.digest,
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

        >>> EMPTY_JSON.to_json_object()["data"]
        'e30='
        """
        return _json_object(self, docker_list=False)

    def to_json(self) -> bytes:
        """The bytes Go's ``encoding/json`` writes for this ``v1.Descriptor``.

        >>> EMPTY_JSON.to_json()[:52]
        b'{"mediaType":"application/vnd.oci.empty.v1+json","di'
        """
        return _json.dumps(_json_object(self, docker_list=False))

    def verify(self, content: Buffer) -> None:
        """Check that ``content`` is what this descriptor describes.

        >>> EMPTY_JSON.verify(b"{}")

        :raises SizeMismatchError: the length differs from ``size``.
        :raises DigestMismatchError: the digest differs.
        :raises UnsupportedAlgorithmError: the digest's algorithm cannot be computed here.
        """
        length = memoryview(content).nbytes
        if length != self.size:
            raise SizeMismatchError(f"content size mismatch for {self.digest}: expected {self.size} bytes, got {length}")
        actual = compute_digest(content, self.digest.algorithm)
        if actual != self.digest:
            raise DigestMismatchError(f"content digest mismatch: expected {self.digest}, got {actual}")

    def with_data(self, data: bytes | None) -> Descriptor:
        """The same descriptor with ``data`` embedded (checked) or, with ``None``, removed."""
        return replace(self, data=data)


# -- validation of values built by callers --------------------------------------


def _validate(d: Descriptor) -> None:
    media_type = d.media_type
    if type(media_type) is not str:
        raise TypeError(f"Descriptor.media_type must be a str, got {type(media_type).__name__}")
    if not is_media_type(media_type):
        raise InvalidDescriptorError(_media_type_message(media_type), pointer="/mediaType")
    digest = d.digest
    if type(digest) is not Digest:
        if not isinstance(digest, str):
            raise TypeError(f"Descriptor.digest must be a Digest, got {type(digest).__name__}")
        try:
            digest = parse_digest(digest, allow_unregistered=True)
        except OCIError as exc:
            raise InvalidDescriptorError(exc.message, text=exc.text, span=exc.span, pointer="/digest") from None
        _set_digest(d, digest)
    size = d.size
    if type(size) is not int:
        raise TypeError(f"Descriptor.size must be an int, got {type(size).__name__}")
    if not 0 <= size <= _json.INT64_MAX:
        raise InvalidDescriptorError(f"must be a non-negative int64, got {size}", pointer="/size")
    urls = d.urls
    if type(urls) is not tuple:
        urls = _tuple_of_str(urls, "urls")
        _set_urls(d, urls)
    for index, url in enumerate(urls):
        if type(url) is not str:
            raise TypeError(f"Descriptor.urls must hold str, got {type(url).__name__}")
        if _URI(url) is None:
            raise InvalidDescriptorError(_url_message(url), pointer=f"/urls/{index}")
    annotations = d.annotations
    if type(annotations) is not FrozenMap:
        if not isinstance(annotations, Mapping):
            raise TypeError(f"Descriptor.annotations must be a FrozenMap, got {type(annotations).__name__}")
        annotations = FrozenMap(annotations)
        _set_annotations(d, annotations)
    _check_str_map(annotations, "Descriptor.annotations")
    data = d.data
    if data is not None:
        if type(data) is not bytes:
            if not isinstance(data, (bytes, bytearray, memoryview)):
                raise TypeError(f"Descriptor.data must be bytes, got {type(data).__name__}")
            data = bytes(data)
            _set_data(d, data)
        _check_data(data, size, digest, "/data", InvalidDescriptorError)
        if not data:  # Go writes no "data" for empty content, so that reads back as None
            _set_data(d, None)
    platform = d.platform
    if platform is not None and not isinstance(platform, Platform):
        raise TypeError(f"Descriptor.platform must be a Platform, got {type(platform).__name__}")
    _check_artifact_type(d.artifact_type, "Descriptor.artifact_type", InvalidDescriptorError)


def _check_artifact_type(artifact_type: object, name: str, error: type[OCIError]) -> None:
    """A constructor's check of an ``artifact_type`` argument: None, or a media type."""
    if artifact_type is not None:
        if type(artifact_type) is not str:
            raise TypeError(f"{name} must be a str, got {type(artifact_type).__name__}")
        if not is_media_type(artifact_type):
            raise error(_media_type_message(artifact_type), pointer="/artifactType")


def _tuple_of_str(values: object, name: str) -> tuple[str, ...]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"Descriptor.{name} must be a tuple of str, got {type(values).__name__}")
    return tuple(values)


def _check_str_map(values: Mapping[Any, object], what: str) -> None:
    for key, value in values.items():
        if type(key) is not str or type(value) is not str:
            raise TypeError(f"{what} must map str to str, got {type(key).__name__} to {type(value).__name__}")


def _media_type_message(text: str) -> str:
    shown = text if len(text) <= 80 else text[:77] + "..."
    return f"must be a media type (RFC 6838 type/subtype, no parameters), got {shown!r}"


def _url_message(text: str) -> str:
    shown = text if len(text) <= 80 else text[:77] + "..."
    return f"must be an absolute URI (RFC 3986, with a scheme), got {shown!r}"


def _decode_data(text: str) -> bytes | None:
    """Strict standard base64: padded, alphabet only, and spelled as it re-encodes.

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


def _check_data(data: bytes, size: int, digest: Digest, pointer: str, error: type[InvalidDocumentError]) -> None:
    if len(data) != size:
        raise error(f"embedded data is {len(data)} bytes but size says {size}", pointer=pointer)
    algorithm = ALGORITHMS.get(digest.algorithm)
    # An unregistered algorithm, or blake3 (no standard-library hasher), cannot
    # be checked here; the size still is.
    if algorithm is not None and algorithm.hasher is not None:
        actual = compute_digest(data, digest.algorithm)
        if actual != digest:
            raise error(f"embedded data has digest {actual}, not {digest}", pointer=pointer)


# -- reading --------------------------------------------------------------------

# The frozen dataclass's __init__ sets each field through object.__setattr__
# and then validates; a parser that has already checked every value sets the
# slots directly through their descriptors, which is about twice as fast.
_new: Final = object.__new__
_set_media_type: Final[Callable[[Descriptor, str], None]] = Descriptor.__dict__["media_type"].__set__
_set_digest: Final[Callable[[Descriptor, Digest], None]] = Descriptor.__dict__["digest"].__set__
_set_size: Final[Callable[[Descriptor, int], None]] = Descriptor.__dict__["size"].__set__
_set_urls: Final[Callable[[Descriptor, tuple[str, ...]], None]] = Descriptor.__dict__["urls"].__set__
_set_annotations: Final[Callable[[Descriptor, FrozenMap[str, str]], None]] = Descriptor.__dict__["annotations"].__set__
_set_data: Final[Callable[[Descriptor, bytes | None], None]] = Descriptor.__dict__["data"].__set__
_set_platform: Final[Callable[[Descriptor, Platform | None], None]] = Descriptor.__dict__["platform"].__set__
_set_artifact_type: Final[Callable[[Descriptor, str | None], None]] = Descriptor.__dict__["artifact_type"].__set__
_new_digest: Final = str.__new__
_full_media_type: Final = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}", re.ASCII
).fullmatch
_INT64_MAX: Final = _json.INT64_MAX
# The media types this library names: valid without the pattern (a set is a
# little quicker to ask than the read-only mapping).
_KNOWN_TYPES: Final = frozenset(KNOWN)


class _Assembly:
    """Descriptor's slot layout without its frozen ``__setattr__``.

    A parser fills one in and then assigns ``__class__ = Descriptor``, which
    Python allows between classes of identical layout: the result is a
    Descriptor in every respect, ``type()`` included. Plain attribute stores
    are the cheapest way to fill slots (a frozen dataclass must go through
    ``object.__setattr__``), and descriptors are made once per layer of every
    manifest read.
    """

    __slots__ = ("media_type", "digest", "size", "urls", "annotations", "data", "platform", "artifact_type")
    media_type: str
    digest: Digest
    size: int
    urls: tuple[str, ...]
    annotations: FrozenMap[str, str]
    data: bytes | None
    platform: Platform | None
    artifact_type: str | None


def _required(media_type: str, digest: Digest, size: int) -> Descriptor:
    """A Descriptor of the three required members, already validated."""
    d = _Assembly()
    d.media_type = media_type
    d.digest = digest
    d.size = size
    d.urls = ()
    d.annotations = EMPTY
    d.data = None
    d.platform = None
    d.artifact_type = None
    d.__class__ = Descriptor  # type: ignore[assignment]
    return d  # type: ignore[return-value]


def _fast(obj: dict[str, JSON]) -> Descriptor | None:
    """The common case, checked in one go: exactly mediaType, digest and size, all valid.

    Anything else (more members, a bad value) answers ``None`` and the caller
    takes :func:`_read`, which also says what is wrong and where.
    """
    if len(obj) != 3:
        return None
    media_type = obj.get("mediaType")
    digest = obj.get("digest")
    size = obj.get("size")
    if (
        type(media_type) is str
        and (media_type in _KNOWN_TYPES or _full_media_type(media_type) is not None)
        and type(digest) is str
        and _is_registered_digest(digest)
        and type(size) is int
        and 0 <= size <= _INT64_MAX
    ):
        return _required(media_type, _new_digest(Digest, digest), size)
    return None


class _RepeatedKey(Exception):
    """Raised by :func:`_object_hook`; the strict reader then explains it."""


def _object_hook(pairs: list[tuple[str, JSON]]) -> object:
    """The object hook of :func:`oci_core._json.fast_reader` for documents made of descriptors.

    Refuses repeated keys, and turns each object that is exactly a valid
    ``{mediaType, digest, size}`` into its :class:`Descriptor` while the text
    is scanned. Such an object in any other place (an unknown member) is
    harmless, and anywhere a reader expects something else it fails a type
    check, which sends the reader to the plain strict parse for its error.

    This runs once per object of every manifest read, so it is written out
    in full rather than through :func:`_fast` and :func:`_required`.
    """
    if len(pairs) == 3:
        # Go writes mediaType, digest, size; the specs' examples and Docker
        # write mediaType, size, digest. Other orders take the dict below.
        (key1, media_type), (key2, second), (key3, third) = pairs
        if key1 == "mediaType":
            if key2 == "digest" and key3 == "size":
                digest, size = second, third
            elif key2 == "size" and key3 == "digest":
                digest, size = third, second
            else:
                digest = size = None
            if (
                type(digest) is str
                and type(size) is int
                and type(media_type) is str
                and 0 <= size <= _INT64_MAX
                and (media_type in _KNOWN_TYPES or _full_media_type(media_type) is not None)
                and _is_registered_digest(digest)
            ):
                d = _Assembly()
                d.media_type = media_type
                d.digest = _new_digest(Digest, digest)
                d.size = size
                d.urls = ()
                d.annotations = EMPTY
                d.data = None
                d.platform = None
                d.artifact_type = None
                d.__class__ = Descriptor  # type: ignore[assignment]
                return d
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _RepeatedKey
    if len(pairs) == 3:
        return _fast(obj) or obj
    return obj


def _media_type(obj: dict[str, JSON], key: str, pointer: str, error: type[_E], required: bool) -> str | None:
    value = _json.get_str(obj, key, pointer, error, required=required)
    if value is not None and value not in _KNOWN_TYPES and _full_media_type(value) is None:
        raise error(_media_type_message(value), pointer=_json.join_pointer(pointer, key))
    return value


def _read(
    value: object,
    pointer: str,
    error: type[_E],
    *,
    owned: bool = True,
    docker_list: bool = False,
) -> Descriptor:
    """Read a descriptor from a parsed JSON value, or raise ``error`` at the offending member.

    ``owned`` says the value came from this library's own parse, so its
    annotation dict can be kept without a copy. ``docker_list`` reads an entry
    of a Docker manifest list, whose ``platform`` is required and keeps its
    ``features`` (distribution's ``PlatformSpec``); elsewhere ``features`` is
    not a member of image-spec's platform and is ignored as unknown.
    """
    if type(value) is Descriptor:  # built while the text was scanned, or the caller's own
        if docker_list and value.platform is None:
            raise error("is required but missing", pointer=_json.join_pointer(pointer, "platform"))
        return value
    if type(value) is not dict:
        raise error(f"a descriptor must be an object, got {_value_kind(value)}", pointer=pointer)
    obj: dict[str, JSON] = value
    media_type = _media_type(obj, "mediaType", pointer, error, True)
    assert media_type is not None
    text = obj.get("digest")
    if type(text) is str and _is_registered_digest(text):
        digest: Digest = _new_digest(Digest, text)
    else:
        _json.get_str(obj, "digest", pointer, error, required=True)
        try:
            digest = parse_digest(text, allow_unregistered=True)  # type: ignore[arg-type]
        except OCIError as exc:
            raise error(exc.message, text=exc.text, span=exc.span, pointer=_json.join_pointer(pointer, "digest")) from None
    size = _json.get_int(obj, "size", pointer, error, required=True, minimum=0)
    assert size is not None
    if len(obj) == 3:
        if docker_list:
            raise error("is required but missing", pointer=_json.join_pointer(pointer, "platform"))
        return _required(media_type, digest, size)
    d: Descriptor = _new(Descriptor)
    _set_media_type(d, media_type)
    _set_digest(d, digest)
    _set_size(d, size)
    urls = _json.get_str_list(obj, "urls", pointer, error) or ()
    for index, url in enumerate(urls):
        if _URI(url) is None:
            raise error(_url_message(url), pointer=f"{_json.join_pointer(pointer, 'urls')}/{index}")
    _set_urls(d, urls)
    annotations = _json.get_str_map(obj, "annotations", pointer, error)
    _set_annotations(d, _adopt(annotations if owned else dict(annotations)) if annotations else EMPTY)
    encoded = _json.get_str(obj, "data", pointer, error)
    data = None
    if encoded is not None:
        data = _decode_data(encoded)
        where = _json.join_pointer(pointer, "data")
        if data is None:
            raise error("must be standard base64 with padding, in its canonical spelling", pointer=where)
        _check_data(data, size, digest, where, error)
    _set_data(d, data or None)
    platform_obj = obj.get("platform")
    platform = None
    if platform_obj is not None or "platform" in obj:
        platform = Platform.from_json_object(platform_obj, _json.join_pointer(pointer, "platform"), error)
        if platform.features and not docker_list:
            platform = replace(platform, features=())
    elif docker_list:
        raise error("is required but missing", pointer=_json.join_pointer(pointer, "platform"))
    _set_platform(d, platform)
    _set_artifact_type(d, _media_type(obj, "artifactType", pointer, error, False))
    return d


def parse_descriptor(source: object) -> Descriptor:
    """Read a descriptor from JSON text (``bytes`` or ``str``) or from an already parsed JSON value.

    >>> parse_descriptor({"mediaType": "text/plain", "size": 3, "data": "YWJj",
    ...                   "digest": "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}).data
    b'abc'

    :raises InvalidDescriptorError: the text is not strict JSON, or the value
        breaks descriptor.md; ``pointer`` names the member.
    """
    if isinstance(source, (bytes, bytearray, memoryview, str)):
        value: object = _json.loads(source, max_depth=None, error=InvalidDescriptorError)
        owned = True
    else:
        value = source
        owned = False
        if type(value) is dict:
            _check_keys(value)
    return _read(value, "", InvalidDescriptorError, owned=owned)


def _as_bytes(raw: object, error: type[InvalidDocumentError], what: str) -> bytes:
    """The bytes of a document given as bytes, a bytes-like object or text (encoded as UTF-8)."""
    if type(raw) is bytes:
        return raw
    if isinstance(raw, str):
        try:
            return raw.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise error(f"text holds a lone surrogate at offset {exc.start}; JSON must be UTF-8", pointer="") from None
    if isinstance(raw, (bytes, bytearray, memoryview)):
        return bytes(raw)
    raise error(f"{what} must be bytes, got {type(raw).__name__}", pointer="")


def _value_kind(value: object) -> str:
    """What a JSON value is, in words (a descriptor built while scanning was an object)."""
    return "an object" if type(value) is Descriptor else _json._kind(value)


def _check_keys(obj: dict[Any, Any]) -> None:
    # A parsed JSON object has string keys; a dict a caller built might not.
    for key in obj:
        if type(key) is not str:
            raise InvalidDescriptorError(f"object keys must be strings, got {type(key).__name__}", pointer="")


# -- writing --------------------------------------------------------------------


def _json_object(d: Descriptor, *, docker_list: bool) -> dict[str, object]:
    """The members in Go's order.

    image-spec's ``v1.Descriptor`` writes platform before artifactType and has
    no platform ``features``. A Docker manifest list entry is distribution's
    ``ManifestDescriptor``: the embedded ``v1.Descriptor`` without its
    platform, then the list's own ``platform`` (``PlatformSpec``, with
    ``features``), always written.
    """
    obj: dict[str, object] = {"mediaType": d.media_type, "digest": str(d.digest), "size": d.size}
    if d.urls:
        obj["urls"] = list(d.urls)
    if d.annotations:
        obj["annotations"] = _json.sorted_map(d.annotations)
    if d.data:
        obj["data"] = base64.b64encode(d.data).decode("ascii")
    platform = d.platform
    if platform is not None and not docker_list:
        platform_obj = platform.to_json_object()
        platform_obj.pop("features", None)
        obj["platform"] = platform_obj
    if d.artifact_type:
        obj["artifactType"] = d.artifact_type
    if docker_list:
        obj["platform"] = (platform or Platform("", "")).to_json_object()
    return obj


# -- making descriptors -----------------------------------------------------------


def describe(
    content: Buffer,
    media_type: str,
    *,
    algorithm: str = "sha256",
    embed: bool = False,
    urls: Iterable[str] = (),
    annotations: Mapping[str, str] | None = None,
    platform: Platform | None = None,
    artifact_type: str | None = None,
) -> Descriptor:
    """The descriptor of ``content``: its digest and size, computed here.

    >>> describe(b"{}", "application/vnd.oci.empty.v1+json", embed=True) == EMPTY_JSON
    True

    ``embed=True`` puts the content in ``data`` (descriptor.md, "Embedded
    Content"; keep it small).
    """
    data = bytes(content)
    return Descriptor(
        media_type,
        compute_digest(data, algorithm),
        len(data),
        tuple(urls),
        FrozenMap(annotations) if annotations else EMPTY,
        data if embed else None,
        platform,
        artifact_type,
    )


#: The empty descriptor (manifest.md, "Guidance for an Empty Descriptor"):
#: ``{}``, two bytes, with the content embedded as image-spec's Go
#: ``DescriptorEmptyJSON`` has it. ``EMPTY_JSON.with_data(None)`` leaves it out.
EMPTY_JSON: Final = Descriptor(
    OCI_EMPTY_JSON,
    Digest("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"),
    2,
    data=EMPTY_JSON_DATA,
)
