"""Properties of the document readers and writers: round trips, arbitrary input, mutations."""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from oci_core import _json, errors
from oci_core import mediatypes as mt
from oci_core.config import ImageConfig, parse_image_config
from oci_core.descriptor import Descriptor, FrozenMap, parse_descriptor
from oci_core.layout import parse_image_layout
from oci_core.manifest import (
    ImageIndex,
    ImageManifest,
    detect_media_type,
    manifest_digest,
    parse_image_index,
    parse_image_manifest,
    parse_manifest,
)
from oci_core.strategies import (
    descriptors,
    image_configs,
    image_indexes,
    image_manifests,
    json_text,
    json_values,
    manifests,
)

# -- round trips ---------------------------------------------------------------------------------------


@given(descriptors(place="descriptor"))
def test_descriptor_round_trip(d: Descriptor) -> None:
    assert parse_descriptor(d.to_json()) == d
    assert parse_descriptor(d.to_json_object()) == d
    assert parse_descriptor(d.to_json().decode()) == d


@given(image_manifests())
def test_manifest_round_trip(m: ImageManifest) -> None:
    assert m.raw == m.to_json()
    parsed = parse_manifest(m.to_json())
    assert parsed == m and parsed.raw == m.raw and parsed.digest == m.digest
    assert parse_manifest(m.to_json(indent="   ")) == m
    assert parse_image_manifest(m.raw, m.media_type) == m
    assert hash(parsed) == hash(m)
    if not m.omit_media_type:
        assert detect_media_type(m.raw) == m.media_type
    assert manifest_digest(m.raw) == m.digest


@given(image_indexes())
def test_index_round_trip(index: ImageIndex) -> None:
    assert index.raw == index.to_json()
    parsed = parse_manifest(index.to_json())
    assert parsed == index and parsed.digest == index.digest
    assert parse_manifest(index.to_json(indent="\t")) == index
    assert parse_image_index(index.raw, index.media_type) == index
    if not index.omit_media_type:
        assert detect_media_type(index.raw) == index.media_type


@given(image_configs())
def test_config_round_trip(config: ImageConfig) -> None:
    assert config.raw == config.to_json()
    parsed = parse_image_config(config.to_json())
    assert parsed == config and parsed.raw == config.raw
    assert parse_image_config(config.to_json(indent=" ")) == config


@given(st.dictionaries(json_text(), json_text(), max_size=5))
def test_frozen_map_is_a_dict_that_hashes(items: dict[str, str]) -> None:
    frozen = FrozenMap(items)
    assert frozen == items and dict(frozen) == items and len(frozen) == len(items)
    assert hash(frozen) == hash(FrozenMap(dict(reversed(list(items.items())))))


# -- arbitrary input ---------------------------------------------------------------------------------------

_READERS = (
    parse_manifest, parse_image_manifest, parse_image_index, parse_image_config, parse_image_layout, parse_descriptor
)  # fmt: skip


def _error_of(call: Any, *args: object) -> errors.OCIError | None:
    """The OCIError ``call(*args)`` raises, or ``None`` when it gives a value (any other exception escapes)."""
    try:
        call(*args)
    except errors.OCIError as exc:
        return exc
    return None


def _value_or_oci_error(reader: Any, source: object) -> None:
    error = _error_of(reader, source)
    assert error is None or error.pointer is None or error.pointer == "" or error.pointer.startswith("/")


@given(json_values())
@example({"schemaVersion": 2, "manifests": [], "config": None})
@example({"mediaType": "a/b", "digest": "sha256:" + "a" * 64, "size": 0})
def test_arbitrary_json_values(value: Any) -> None:
    _value_or_oci_error(parse_descriptor, value)
    raw = _json.dumps(value)
    for reader in _READERS:
        _value_or_oci_error(reader, raw)
    assert detect_media_type(raw) is None or mt.is_manifest(detect_media_type(raw) or "")


@given(st.binary(max_size=64) | st.text(max_size=64))
@example(b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}')
@example("\ud800")
def test_arbitrary_bytes_and_text(source: bytes | str) -> None:
    for reader in _READERS:
        _value_or_oci_error(reader, source)
    detect_media_type(source)


@given(st.lists(st.sampled_from(['{', '}', '[', ']', ',', ':', '"mediaType"', '"config"', '"layers"', '"manifests"',
                                 '"schemaVersion"', '2', '"sha256:' + 'a' * 64 + '"', '"digest"', '"size"', '0', 'null',
                                 '"application/vnd.oci.image.manifest.v1+json"', '"x/y"']), max_size=40))
def test_json_shaped_noise(pieces: list[str]) -> None:
    source = "".join(pieces).encode()
    for reader in _READERS:
        _value_or_oci_error(reader, source)


# -- mutations of valid documents ---------------------------------------------------------------------------


def _members(value: Any, pointer: str = "") -> list[tuple[str, Any]]:
    """Every (pointer, value) below ``value``."""
    found: list[tuple[str, Any]] = []
    if isinstance(value, dict):
        for key, child in value.items():
            where = _json.join_pointer(pointer, key)
            found.append((where, child))
            found.extend(_members(child, where))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            where = f"{pointer}/{index}"
            found.append((where, child))
            found.extend(_members(child, where))
    return found


def _replace(document: Any, pointer: str, new: Any, drop: bool = False) -> Any:
    steps = [step.replace("~1", "/").replace("~0", "~") for step in pointer.split("/")[1:]]
    copy = json.loads(json.dumps(document))
    target = copy
    for step in steps[:-1]:
        target = target[int(step)] if isinstance(target, list) else target[step]
    last = steps[-1]
    if drop:
        del target[last]
    elif isinstance(target, list):
        target[int(last)] = new
    else:
        target[last] = new
    return copy


def _wrong_type(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return "x"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return 5
    if isinstance(value, list):
        return {}
    return []


# What a reader of each kind reads (a Docker document ignores the OCI-only members).
_REQUIRED_DESCRIPTOR_MEMBERS = ("mediaType", "digest", "size")


def _read_pointers(value: ImageManifest | ImageIndex, document: dict[str, Any]) -> list[tuple[str, Any]]:
    return [(p, v) for p, v in _members(document) if not p.startswith("/mediaType") or not value.omit_media_type]


def _required(pointer: str, document: dict[str, Any]) -> bool:
    steps = pointer.split("/")[1:]
    if len(steps) == 1:
        return steps[0] in ("schemaVersion", "config", "layers", "manifests")
    # A member of a descriptor in config, layers, manifests or subject.
    descriptor_member = (steps[0] in ("config", "subject") and len(steps) == 2) or (
        steps[0] in ("layers", "manifests") and len(steps) == 3
    )
    return descriptor_member and steps[-1] in _REQUIRED_DESCRIPTOR_MEMBERS


@given(manifests(), st.data())
def test_dropping_a_required_member_names_it(value: ImageManifest | ImageIndex, data: st.DataObject) -> None:
    document = json.loads(value.raw)
    required = [p for p, _ in _members(document) if _required(p, document)]
    if isinstance(value, ImageIndex) and value.media_type == mt.DOCKER_MANIFEST_LIST:
        required += [p for p, _ in _members(document) if p.endswith("/platform") and p.count("/") == 3]
    pointer = data.draw(st.sampled_from(required))
    mutated = _replace(document, pointer, None, drop=True)
    error = _error_of(parse_manifest, json.dumps(mutated).encode(), None if value.omit_media_type else value.media_type)
    assert error is not None, f"dropping {pointer} was accepted"
    whole = pointer in ("/config", "/layers", "/manifests") and error.pointer == ""
    assert error.pointer == pointer or whole, (pointer, str(error))


def _checked(pointer: str, value: ImageManifest | ImageIndex) -> bool:
    """Whether the reader of ``value``'s kind reads the member at ``pointer``."""
    top = pointer.split("/")[1]
    if top in ("schemaVersion", "mediaType", "config", "layers", "manifests"):
        return not (top == "mediaType" and value.omit_media_type)
    return value.media_type in (mt.OCI_IMAGE_MANIFEST, mt.OCI_IMAGE_INDEX)  # artifactType, subject, annotations


@given(manifests(), st.data())
def test_a_member_of_the_wrong_type_is_named(value: ImageManifest | ImageIndex, data: st.DataObject) -> None:
    document = json.loads(value.raw)
    pointer, old = data.draw(st.sampled_from([(p, v) for p, v in _members(document) if _checked(p, value)]))
    mutated = _replace(document, pointer, _wrong_type(old))
    error = _error_of(parse_manifest, json.dumps(mutated).encode())
    assert error is not None, f"a {type(_wrong_type(old)).__name__} at {pointer} was accepted"
    assert error.pointer == pointer, (pointer, str(error))


@given(manifests(), st.data())
def test_a_repeated_key_is_refused_where_it_is(value: ImageManifest | ImageIndex, data: st.DataObject) -> None:
    document = json.loads(value.raw)
    objects = [("", document)] + [(p, v) for p, v in _members(document) if isinstance(v, dict) and v]
    pointer, obj = data.draw(st.sampled_from(objects))
    key = data.draw(st.sampled_from(sorted(obj)))
    # Re-serialised with the member written twice: the text has both, a dict could not.
    duplicated = _write_with_duplicate(document, pointer, key)
    error = _error_of(parse_manifest, duplicated)
    assert error is not None, f"a repeated {key!r} at {pointer!r} was accepted"
    assert "duplicate" in str(error) and error.pointer == pointer, (pointer, key, str(error))


def _write_with_duplicate(value: Any, pointer: str, key: str, here: str = "") -> bytes:
    if isinstance(value, dict):
        parts = []
        for name, child in value.items():
            where = _json.join_pointer(here, name)
            member = json.dumps(name).encode() + b": " + _write_with_duplicate(child, pointer, key, where)
            parts.append(member)
            if here == pointer and name == key:
                parts.append(member)
        return b"{" + b", ".join(parts) + b"}"
    if isinstance(value, list):
        items = (_write_with_duplicate(v, pointer, key, f"{here}/{i}") for i, v in enumerate(value))
        return b"[" + b", ".join(items) + b"]"
    return json.dumps(value).encode()


# -- the hostile classes of issue 7 (each failed on the code before it) ------------------------------------------

_DUPLICATED_INNER = [
    b'[{"a":1,"a":2},',
    b'{"schemaVersion":2,"config":{"size":1,"size":2},',
    b'{"layers":[{"mediaType":"a/b","mediaType":"a/b"}]',
    b'{"rootfs":{"type":"layers","type":"x"},"history":[',
    b'{"x":{"y":{"k":1,"k":2}}} ',
]
_TAILS = st.binary(max_size=24) | st.sampled_from(
    [b"", b"[" * 5000, b"1e", b'"', b"{", b"]]", b"\xff", b"NaN", b'{"a":1e400}']
)


@given(st.sampled_from(_DUPLICATED_INNER), _TAILS)
def test_a_repeated_inner_key_then_malformed_text_is_an_oci_error(head: bytes, tail: bytes) -> None:
    """The scan that locates a repeated key ran outside the error handling (StopIteration, RecursionError, ...)."""
    raw = head + tail
    for reader in _READERS:
        _value_or_oci_error(reader, raw)
    assert detect_media_type(raw) is None or isinstance(detect_media_type(raw), str)
    _error_of(manifest_digest, raw)


def _json_value_or_oci_error(reader: Any, value: object) -> object:
    try:
        return reader(value)
    except errors.OCIError as exc:
        return (type(exc), exc.pointer)


class _OwnHash(str):
    """A str whose hash is not its text's: a dict finds it only by identity, never by an equal plain str."""

    def __hash__(self) -> int:
        return 7

    __eq__ = str.__eq__


class _Liar(str):
    """A str whose methods lie about its characters."""

    def isascii(self) -> bool:
        return True

    def encode(self, encoding: str = "utf-8", errors: str = "strict") -> bytes:
        return b"sha256:" + b"0" * 64

    def __str__(self) -> str:
        return "a/b"

    def startswith(self, *args: object) -> bool:
        return True


_SUBCLASSES = st.sampled_from([_OwnHash, _Liar])


_BAD_TEXT = st.sampled_from(["\ud800", "\udfff", "\ufffe", "\uffff", "\ufdd0", "\U0001fffe", "\U0010ffff", "ok\ud83d"])


@st.composite
def _spoiled_descriptors(draw: st.DrawFn) -> tuple[dict[object, object], bool]:
    """A descriptor object with one member spoiled in a way text cannot say, or can say only as a fault; and
    whether the spoiling keeps it a valid descriptor (a str subclass carrying valid text)."""
    document: dict[object, object] = json.loads(draw(descriptors(place="descriptor")).to_json())
    key = draw(st.sampled_from(sorted(document)))  # type: ignore[type-var]
    how = draw(st.sampled_from(["bad-text-value", "bad-text-key", "non-str-key", "bool-size", "tuple", "subclass"]))
    if how == "bad-text-value":
        document[key] = draw(_BAD_TEXT)
    elif how == "bad-text-key":
        document[draw(_BAD_TEXT)] = "x"
    elif how == "non-str-key":
        document[draw(st.sampled_from([1, 2.5, None, True]))] = "x"
    elif how == "bool-size":
        document["size"] = draw(st.booleans())
    elif how == "tuple":
        member = document[key]
        document[key] = tuple(member) if isinstance(member, list) else (member,)
    else:
        subclass = draw(_SUBCLASSES)
        document = {subclass(k) if isinstance(k, str) else k: subclass(v) if isinstance(v, str) else v
                    for k, v in document.items()}
        return document, True
    return document, False


@given(_spoiled_descriptors())
def test_a_parsed_value_is_held_to_the_byte_readers_rules(spoiled: tuple[dict[object, object], bool]) -> None:
    """parse_descriptor(dict) skipped rules the byte path applies (lone surrogates, non-str keys,
    noncharacters, str subclasses, bools as ints)."""
    document, valid = spoiled
    answer = _json_value_or_oci_error(parse_descriptor, document)
    if valid:
        plain = {
            str.__str__(k): str.__str__(v) if isinstance(v, str) else v
            for k, v in document.items()
            if isinstance(k, str)
        }
        assert isinstance(answer, Descriptor) and answer == parse_descriptor(plain) and type(answer) is Descriptor
        assert type(answer.media_type) is str and type(str(answer.digest)) is str
    else:
        assert isinstance(answer, tuple) and issubclass(answer[0], errors.InvalidDescriptorError), answer


@given(st.fixed_dictionaries({"architecture": json_text(), "os": json_text()}), _BAD_TEXT,
       st.sampled_from(["architecture", "os", "variant", "os.version", "key"]))
def test_platform_json_is_held_to_the_byte_readers_rules(members: dict[str, str], bad: str, where: str) -> None:
    from oci_core.platform import Platform

    spoiled: dict[str, object] = dict(members)
    if where == "key":
        spoiled[bad] = "x"
    else:
        spoiled[where] = bad
    with pytest.raises(errors.InvalidPlatformError):
        Platform.from_json_object(spoiled)
    for subclass in (_OwnHash, _Liar):
        disguised = {subclass(k): subclass(v) for k, v in members.items()}
        assert Platform.from_json_object(disguised) == Platform.from_json_object(members)


@given(descriptors(place="descriptor"))
def test_every_descriptor_copies_and_pickles(d: Descriptor) -> None:
    """A descriptor whose digest has an unregistered algorithm failed pickle and copy.deepcopy."""
    for clone in (pickle.loads(pickle.dumps(d)), copy.copy(d), copy.deepcopy(d)):
        assert clone == d and type(clone) is Descriptor
    parsed = parse_descriptor(d.to_json())
    assert pickle.loads(pickle.dumps(parsed)) == parsed and copy.deepcopy(parsed) == parsed


_ANY_FIELD = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), json_text(), _BAD_TEXT,
                       st.lists(json_text() | _BAD_TEXT, max_size=2), st.binary(max_size=4))


@given(st.data())
def test_constructors_accept_only_what_their_readers_read_back(data: st.DataObject) -> None:
    """Constructors accepted what their parsers refuse (ImageConfig(architecture=5), U+FFFF in any string...)."""
    from oci_core.config import ContainerConfig, History, RootFS

    cls, base = data.draw(st.sampled_from([
        (ImageConfig, {"architecture": "amd64", "os": "linux", "rootfs": RootFS()}),
        (ContainerConfig, {}),
        (History, {}),
        (Descriptor, {"media_type": "a/b", "digest": "sha256:" + "a" * 64, "size": 1}),
    ]))  # fmt: skip
    names = [f.name for f in dataclasses.fields(cls) if f.init]
    name = data.draw(st.sampled_from(names))
    value = data.draw(_ANY_FIELD)
    try:
        made = cls(**{**base, name: value})
    except (TypeError, errors.OCIError):
        return
    if isinstance(made, Descriptor):
        assert parse_descriptor(made.to_json()) == made
    elif isinstance(made, ImageConfig):
        assert parse_image_config(made.raw) == made
    else:
        image = ImageConfig(architecture="amd64", os="linux", rootfs=RootFS(),
                            **({"config": made} if isinstance(made, ContainerConfig) else {"history": (made,)}))
        assert parse_image_config(image.raw) == image
