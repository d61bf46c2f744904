"""Properties of the document readers and writers: round trips, arbitrary input, mutations."""

from __future__ import annotations

import json
from typing import Any

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

from .strategies_documents import descriptors, image_configs, image_indexes, image_manifests, json_text, json_values

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


@given(st.dictionaries(json_text, json_text, max_size=5))
def test_frozen_map_is_a_dict_that_hashes(items: dict[str, str]) -> None:
    frozen = FrozenMap(items)
    assert frozen == items and dict(frozen) == items and len(frozen) == len(items)
    assert hash(frozen) == hash(FrozenMap(dict(reversed(list(items.items())))))


# -- arbitrary input ---------------------------------------------------------------------------------------

_READERS = (parse_manifest, parse_image_manifest, parse_image_index, parse_image_config, parse_image_layout, parse_descriptor)


def _value_or_oci_error(reader: Any, source: object) -> None:
    try:
        reader(source)
    except errors.OCIError as exc:
        assert exc.pointer is None or exc.pointer == "" or exc.pointer.startswith("/")


@given(json_values)
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


@given(image_manifests() | image_indexes(), st.data())
def test_dropping_a_required_member_names_it(value: ImageManifest | ImageIndex, data: st.DataObject) -> None:
    document = json.loads(value.raw)
    required = [p for p, _ in _members(document) if _required(p, document)]
    if isinstance(value, ImageIndex) and value.media_type == mt.DOCKER_MANIFEST_LIST:
        required += [p for p, _ in _members(document) if p.endswith("/platform") and p.count("/") == 3]
    pointer = data.draw(st.sampled_from(required))
    mutated = _replace(document, pointer, None, drop=True)
    try:
        parse_manifest(json.dumps(mutated).encode(), None if value.omit_media_type else value.media_type)
    except errors.OCIError as exc:
        assert exc.pointer == pointer or (pointer in ("/config", "/layers", "/manifests") and exc.pointer == ""), (pointer, str(exc))
    else:
        raise AssertionError(f"dropping {pointer} was accepted")


def _checked(pointer: str, value: ImageManifest | ImageIndex) -> bool:
    """Whether the reader of ``value``'s kind reads the member at ``pointer``."""
    top = pointer.split("/")[1]
    if top in ("schemaVersion", "mediaType", "config", "layers", "manifests"):
        return not (top == "mediaType" and value.omit_media_type)
    return value.media_type in (mt.OCI_IMAGE_MANIFEST, mt.OCI_IMAGE_INDEX)  # artifactType, subject, annotations


@given(image_manifests() | image_indexes(), st.data())
def test_a_member_of_the_wrong_type_is_named(value: ImageManifest | ImageIndex, data: st.DataObject) -> None:
    document = json.loads(value.raw)
    pointer, old = data.draw(st.sampled_from([(p, v) for p, v in _members(document) if _checked(p, value)]))
    mutated = _replace(document, pointer, _wrong_type(old))
    try:
        parse_manifest(json.dumps(mutated).encode())
    except errors.OCIError as exc:
        assert exc.pointer == pointer, (pointer, str(exc))
    else:
        raise AssertionError(f"a {type(_wrong_type(old)).__name__} at {pointer} was accepted")


@given(image_manifests() | image_indexes(), st.data())
def test_a_repeated_key_is_refused_where_it_is(value: ImageManifest | ImageIndex, data: st.DataObject) -> None:
    document = json.loads(value.raw)
    objects = [("", document)] + [(p, v) for p, v in _members(document) if isinstance(v, dict) and v]
    pointer, obj = data.draw(st.sampled_from(objects))
    key = data.draw(st.sampled_from(sorted(obj)))
    # Re-serialised with the member written twice: the text has both, a dict could not.
    duplicated = _write_with_duplicate(document, pointer, key)
    try:
        parse_manifest(duplicated)
    except errors.OCIError as exc:
        assert "duplicate" in str(exc) and exc.pointer == pointer, (pointer, key, str(exc))
    else:
        raise AssertionError(f"a repeated {key!r} at {pointer!r} was accepted")


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
        return b"[" + b", ".join(_write_with_duplicate(v, pointer, key, f"{here}/{i}") for i, v in enumerate(value)) + b"]"
    return json.dumps(value).encode()
