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
* ``platform`` is image-index.md's platform object (:mod:`oci_core.platform`),
  with the ``features`` that Docker's manifest lists carry.

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

from collections.abc import Iterable, Mapping

from . import _json
from ._documents import (
    STANDALONE,
    Descriptor,
    as_bytes,
    descriptors_from_pairs,
    load,
    plain_descriptor,
    read_descriptor,
    scan_pairs,
)
from ._fault import Fault
from ._frozenmap import EMPTY, FrozenMap
from .digest import Digest, compute_digest
from .errors import InvalidDescriptorError
from .mediatypes import OCI_EMPTY_JSON

TYPE_CHECKING = False  # typing takes 3.5 ms to import: its names are for the checkers only

if TYPE_CHECKING:
    from typing import Final, cast

    from ._json import JSON
    from .digest import Buffer
    from .platform import Platform
else:
    from ._values import cast

__all__ = [
    "DEFAULT_MAX_SIZE",
    "EMPTY_JSON",
    "EMPTY_JSON_DATA",
    "Descriptor",
    "FrozenMap",
    "describe",
    "parse_descriptor",
]

#: The largest document the readers take by default, 4 MiB (registries cap manifests there:
#: distribution-spec, "Pushing Manifests").
DEFAULT_MAX_SIZE: Final[int] = _json.DEFAULT_MAX_SIZE

#: The content of the empty descriptor: the two bytes ``{}`` (manifest.md, "Guidance for an Empty Descriptor").
EMPTY_JSON_DATA: Final[bytes] = b"{}"


def parse_descriptor(source: object, *, max_size: int = DEFAULT_MAX_SIZE) -> Descriptor:
    """Read a descriptor from JSON text (``bytes`` or ``str``) or from an already parsed JSON value.

    >>> parse_descriptor({"mediaType": "text/plain", "size": 3, "data": "YWJj",
    ...                   "digest": "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}).data
    b'abc'

    Text is read strictly (:mod:`oci_core._json`'s rules) and may be at most
    ``max_size`` bytes (4 MiB by default). A parsed value is held to the same
    rules: only JSON types, string keys, no lone surrogates or
    noncharacters, at most 64 levels deep; ``str`` and ``int`` subclasses
    are read as the plain values they hold.

    :raises InvalidDescriptorError: the text is not strict JSON, or the value
        breaks descriptor.md; ``pointer`` names the member.
    :raises TypeError: ``max_size`` is not an int.
    """
    if type(max_size) is not int:
        raise TypeError(f"parse_descriptor() max_size must be an int, got {type(max_size).__name__}")
    try:
        if isinstance(source, (bytes, bytearray, memoryview, str)):
            data = as_bytes(cast("object", source), "a descriptor")
            found = descriptors_from_pairs([scan_pairs(data, max_size)], STANDALONE)
            if found is not None:
                return found[0]
            value = load(data, max_size)
        else:
            three = _three(source)
            if three is not None:
                return three
            value = cast("JSON", source) if _flat(source) else _json.checked_value(source)
        return read_descriptor(value, "", STANDALONE)
    except Fault as fault:
        raise fault.as_error(InvalidDescriptorError) from None


def _three(source: object) -> Descriptor | None:
    """The commonest parsed value, exactly the three required members, as the fast scan reads it; or ``None``."""
    if type(source) is not dict:
        return None
    members = cast("dict[object, object]", source)
    if len(members) != 3:
        return None
    for key in members:
        if type(key) is not str:  # only then do look-ups by plain names find what the keys say
            return None
    return plain_descriptor(members.get("mediaType"), members.get("digest"), members.get("size"))


def _flat(source: object) -> bool:
    """Whether ``source`` is a dict of plain ``str`` keys to plain ``str`` or ``int`` values, all JSON can carry."""
    if type(source) is not dict:
        return False
    for key, member in cast("dict[object, object]", source).items():
        if type(key) is not str or (not key.isascii() and _json.forbidden_char(key) >= 0):
            return False
        if type(member) is str:
            if not member.isascii() and _json.forbidden_char(member) >= 0:
                return False
        elif type(member) is not int:
            return False
    return True


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

    :raises TypeError: ``content`` is not bytes-like (a ``str`` is text, not
        content), ``embed`` is not a bool, or ``annotations`` not a mapping.
    """
    if not isinstance(content, (bytes, bytearray, memoryview)):  # pyright: ignore[reportUnnecessaryIsInstance]  # callers pass anything
        raise TypeError(f"describe() content must be bytes-like, got {type(content).__name__}")
    if type(embed) is not bool:
        raise TypeError(f"describe() embed must be a bool, got {type(embed).__name__}")
    if annotations is not None and not isinstance(annotations, Mapping):  # pyright: ignore[reportUnnecessaryIsInstance]  # callers pass anything
        raise TypeError(f"describe() annotations must be a mapping, got {type(annotations).__name__}")
    data = bytes(content)
    return Descriptor(
        media_type,
        compute_digest(data, algorithm),
        len(data),
        urls,  # type: ignore[arg-type]  # the constructor makes the tuple
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
