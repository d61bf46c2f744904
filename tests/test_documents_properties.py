"""The fast scan and the strict reader agree, on generated documents and on mutations of them.

Every document reader has two paths (oci_core._documents): the fast scan
(the standard library's C scanner, objects kept as tuples of pairs, the
plain shapes read straight into values) and the strict reader (every rule
checked on dicts, every fault explained with its pointer). The fast path may
give up (``None``) whenever it likes; when it answers, the strict reader must
give an equal value of the same type with the same bytes; and whatever the
strict reader refuses, the fast path must not accept. The public readers
then give the strict reader's answer: the same value, or the same error class
and pointer.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from oci_core import _documents, _json, config, errors, manifest
from oci_core._fault import Fault
from oci_core.descriptor import Descriptor, parse_descriptor
from oci_core.strategies import descriptors, image_configs, json_text, manifests

_MAX = _json.DEFAULT_MAX_SIZE


def _fast_document(raw: bytes, media_type: str | None = None, want: str | None = None) -> object:
    value = _documents.scan_pairs(raw, _MAX)
    return None if type(value) is not tuple else manifest._read_pairs(value, raw, media_type, want)


def _strict_document(raw: bytes, media_type: str | None = None, want: str | None = None) -> object:
    try:
        return manifest._from_object(_documents.load_object(raw, "a manifest", _MAX), raw, media_type, want)
    except Fault as fault:
        return fault


_CONTENT_TYPES = st.sampled_from([
    None,
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.oci.image.index.v1+json; charset=utf-8",
    "Application/Vnd.Docker.Distribution.Manifest.V2+Json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/json",
    "not a media type",
])  # fmt: skip
_WANTS = st.sampled_from([None, "manifest", "index"])


@given(manifests(), _CONTENT_TYPES, _WANTS)
def test_fast_and_strict_agree_under_every_content_type(
    value: manifest.ImageManifest | manifest.ImageIndex, content_type: str | None, want: str | None
) -> None:
    family = errors.InvalidIndexError if want == "index" else errors.InvalidManifestError
    public = {
        None: manifest.parse_manifest, "manifest": manifest.parse_image_manifest, "index": manifest.parse_image_index
    }[want]  # fmt: skip
    quick = _fast_document(value.raw, content_type, want)
    careful = _strict_document(value.raw, content_type, want)
    if quick is not None:
        assert not isinstance(careful, Fault) and type(quick) is type(careful) and quick == careful
        assert repr(quick) == repr(careful) and quick.raw == careful.raw  # type: ignore[attr-defined]
    answer = _outcome(lambda raw: public(raw, content_type), value.raw)
    if isinstance(careful, Fault):
        error = careful.as_error(family)
        assert answer == (type(error), error.pointer), (answer, error)
    else:
        assert answer == careful


def _fast_config(raw: bytes) -> object:
    value = _documents.scan_pairs(raw, _MAX)
    return None if type(value) is not tuple else config._config_from_pairs(value, raw)


def _strict_config(raw: bytes) -> object:
    try:
        return config._read_config(_documents.load_object(raw, "an image configuration", _MAX), raw)
    except Fault as fault:
        return fault


def _outcome(parse: Callable[[bytes], object], raw: bytes) -> object:
    try:
        return parse(raw)
    except errors.OCIError as exc:
        return (type(exc), exc.pointer)


def _agree(raw: bytes, fast: Callable[[bytes], object], strict: Callable[[bytes], object],
           public: Callable[[bytes], object], family: type[errors.OCIError]) -> None:
    quick = fast(raw)
    careful = strict(raw)
    if quick is not None:
        assert not isinstance(careful, Fault), (raw, careful.message if isinstance(careful, Fault) else "")
        assert type(quick) is type(careful) and quick == careful
        assert quick.raw == careful.raw == raw  # type: ignore[attr-defined]
        assert repr(quick) == repr(careful)
    answer = _outcome(public, raw)
    if isinstance(careful, Fault):
        error = careful.as_error(family)
        assert answer == (type(error), error.pointer), (answer, error)
    else:
        assert answer == careful and type(answer) is type(careful)


# -- mutations ---------------------------------------------------------------------------------------


def _objects(value: Any, pointer: str = "") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(value, dict):
        found.append((pointer, value))
        for key, child in value.items():
            found.extend(_objects(child, f"{pointer}/{key}"))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_objects(child, f"{pointer}/{index}"))
    return found


_ODD_VALUES = st.sampled_from(
    [None, True, 0, -1, 2**63, 1.5, "", "x", "é", "\u2028", "<&>", [], {}, ["a"], {"a": "b"}, [1, 2]]
)


@st.composite
def _mutated(draw: st.DrawFn, document: Any) -> bytes:
    """``document`` with one change at a random object: a member dropped, replaced, added, or the members reordered."""
    targets = _objects(document)
    _, target = draw(st.sampled_from(targets))
    action = draw(st.sampled_from(["drop", "replace", "add", "reorder", "duplicate", "nothing"]))
    keys = list(target)
    duplicate: str | None = None
    if action == "drop" and keys:
        del target[draw(st.sampled_from(keys))]
    elif action == "replace" and keys:
        target[draw(st.sampled_from(keys))] = draw(_ODD_VALUES)
    elif action == "add":
        name = draw(st.sampled_from(["platform", "annotations", "urls", "data", "artifactType", "subject", "features",
                                     "os.features", "x-unknown", "config", "manifests", "layers", "Healthcheck"]))
        target[name] = draw(_ODD_VALUES | st.just({"architecture": "amd64", "os": "linux", "a": {"k": 1}}))
    elif action == "reorder" and len(keys) > 1:
        order = draw(st.permutations(keys))
        items = {key: target[key] for key in order}
        target.clear()
        target.update(items)
    elif action == "duplicate" and keys:
        duplicate = draw(st.sampled_from(keys))
    ascii_only = draw(st.booleans())
    separators = draw(st.sampled_from([(",", ":"), (", ", ": ")]))
    text = json.dumps(document, ensure_ascii=ascii_only, separators=separators)
    if duplicate is not None:
        # Write the member twice (a dict cannot hold that): insert a copy right after the object's opening brace.
        member = json.dumps(duplicate, ensure_ascii=ascii_only) + separators[1] + json.dumps(target[duplicate])
        marker = json.dumps(target, ensure_ascii=ascii_only, separators=separators)
        if marker in text and marker != "{}":
            text = text.replace(marker, "{" + member + separators[0] + marker[1:], 1)
    return text.encode("utf-8", "surrogatepass")


@given(manifests())
def test_fast_and_strict_agree_on_generated_documents(value: manifest.ImageManifest | manifest.ImageIndex) -> None:
    _agree(value.raw, _fast_document, _strict_document, manifest.parse_manifest, errors.InvalidManifestError)
    assert _fast_document(value.raw) is not None or not _plain(value)


def _plain(value: manifest.ImageManifest | manifest.ImageIndex) -> bool:
    """Whether a value's bytes are a shape the fast path reads (so that the property is not empty)."""
    entries = value.manifests if isinstance(value, manifest.ImageIndex) else (value.config, *value.layers)
    if value.subject is not None:
        entries = (*entries, value.subject)

    def plain(d: Descriptor) -> bool:
        platform = d.platform
        return (
            d.digest.algorithm in ("sha256", "sha384", "sha512")
            and not d.urls and d.data is None and d.artifact_type is None
            and (platform is None or (not platform.os_features and not platform.features and all(
                text.isascii() for text in (platform.os, platform.architecture, platform.variant, platform.os_version)
            )))
        )  # fmt: skip

    return not value.omit_media_type and all(plain(d) for d in entries)


_ENTRY = b'{"mediaType":"a/b","digest":"sha256:' + b"a" * 64 + b'","size":1'


@given(st.sampled_from([
    # repeated keys inside the members the fast path reads by position or shape
    b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[' + _ENTRY
    + b',"platform":{"os":"linux","os":"x","architecture":"amd64"}}]}',
    b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[' + _ENTRY
    + b',"size":2}]}',
    b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[' + _ENTRY
    + b',"urls":[],"urls":["https://x"]}]}',
    b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[' + _ENTRY
    + b',"x":1,"x":2}]}',
    b'{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":['
    + _ENTRY + b',"data":"","data":"","platform":{"os":"linux","architecture":"amd64"}}]}',
    b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[' + _ENTRY
    + b',"platform":{"os":"linux","architecture":"amd64","os.features":["a"],"os.features":["b"]}}]}',
    b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[' + _ENTRY
    + b',"annotations":{},"annotations":{"a":"b"}}]}',
    b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[' + _ENTRY
    + b',"platform":{"os":"linux","architecture":"amd64"},"platform":{"os":"linux","architecture":"arm64"}}]}',
    b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}',
    b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[],"annotations":{"a":"1","a":"2"}}',
    b'{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":['
    + _ENTRY + b"}]}",
    b'{"schemaVersion":2.0,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}',
    b'{"schemaVersion":true,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}',
]))
def test_fast_and_strict_agree_on_hand_picked_documents(raw: bytes) -> None:
    _agree(raw, _fast_document, _strict_document, manifest.parse_manifest, errors.InvalidManifestError)


@given(st.data())
def test_fast_and_strict_agree_on_mutated_documents(data: st.DataObject) -> None:
    value = data.draw(manifests())
    raw = data.draw(_mutated(json.loads(value.raw)))
    content_type = data.draw(_CONTENT_TYPES)
    _agree(
        raw,
        lambda text: _fast_document(text, content_type),
        lambda text: _strict_document(text, content_type),
        lambda text: manifest.parse_manifest(text, content_type),
        errors.InvalidManifestError,
    )


@given(image_configs())
def test_fast_and_strict_agree_on_generated_configs(value: config.ImageConfig) -> None:
    _agree(value.raw, _fast_config, _strict_config, config.parse_image_config, errors.InvalidConfigError)


@given(st.data())
def test_fast_and_strict_agree_on_mutated_configs(data: st.DataObject) -> None:
    value = data.draw(image_configs())
    raw = data.draw(_mutated(json.loads(value.raw)))
    _agree(raw, _fast_config, _strict_config, config.parse_image_config, errors.InvalidConfigError)


@given(st.dictionaries(json_text(), json_text(), max_size=3), st.booleans())
def test_fast_and_strict_agree_on_unknown_members(extra: dict[str, str], nested_duplicate: bool) -> None:
    base = json.loads((manifest.parse_manifest(manifest.build_image_index([])[0])).raw)
    base["x-unknown"] = extra
    text = json.dumps(base)
    if nested_duplicate:
        text = text.replace('"x-unknown": {', '"x-unknown": {"k": 1, "k": 2' + (", " if extra else ""), 1)
    _agree(text.encode(), _fast_document, _strict_document, manifest.parse_manifest, errors.InvalidManifestError)


_PLAIN_DESCRIPTOR = {"mediaType": "a/b", "digest": "sha256:" + "a" * 64, "size": 1}
_PLAIN_DOCUMENTS = [
    {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": [_PLAIN_DESCRIPTOR]},
    {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json", "config": _PLAIN_DESCRIPTOR,
     "layers": [_PLAIN_DESCRIPTOR]},
    {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
     "config": _PLAIN_DESCRIPTOR, "layers": [_PLAIN_DESCRIPTOR]},
    {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
     "manifests": [{**_PLAIN_DESCRIPTOR, "platform": {"architecture": "amd64", "os": "linux"}}]},
]  # fmt: skip


@given(st.sampled_from(_PLAIN_DOCUMENTS),
       st.sampled_from(["artifactType", "subject", "annotations", "config", "layers", "manifests", "mediaType",
                        "fsLayers", "x-unknown"]),
       st.sampled_from([None, [], {}, "", 0, {"k": 1}, [{"a": 1}]]))  # fmt: skip
def test_fast_and_strict_agree_on_odd_top_level_members(document: dict[str, Any], member: str, odd: object) -> None:
    raw = json.dumps({**document, member: odd}).encode()
    _agree(raw, _fast_document, _strict_document, manifest.parse_manifest, errors.InvalidManifestError)


@given(st.sampled_from(_PLAIN_DOCUMENTS),
       st.sampled_from(["urls", "data", "artifactType", "annotations", "platform", "x-unknown"]),
       st.sampled_from([None, [], {}, "", "e30=", "YQ==", 0, ["https://x"], ["relative"], {"k": "v"},
                        {"architecture": "amd64", "os": "linux", "features": ["sse4"]}]))  # fmt: skip
def test_fast_and_strict_agree_on_odd_descriptor_members(document: dict[str, Any], member: str, odd: object) -> None:
    key = "manifests" if "manifests" in document else "layers"
    entry = {**document[key][0], member: odd}
    raw = json.dumps({**document, key: [entry]}).encode()
    _agree(raw, _fast_document, _strict_document, manifest.parse_manifest, errors.InvalidManifestError)


@given(st.data())
def test_fast_and_strict_agree_on_descriptors(data: st.DataObject) -> None:
    document = json.loads(data.draw(descriptors(place="descriptor")).to_json())
    raw = data.draw(_mutated(document))
    found = _documents.descriptors_from_pairs([_documents.scan_pairs(raw, _MAX)], _documents.STANDALONE)
    try:
        careful: object = _documents.read_descriptor(_documents.load(raw, _MAX), "", _documents.STANDALONE)
    except Fault as fault:
        careful = fault
    if found is not None:
        assert not isinstance(careful, Fault) and found[0] == careful and repr(found[0]) == repr(careful)
    answer = _outcome(parse_descriptor, raw)
    if isinstance(careful, Fault):
        assert answer == (errors.InvalidDescriptorError, careful.pointer)
    else:
        assert answer == careful
        assert parse_descriptor(json.loads(raw)) == careful  # the parsed-value path, flat or not, agrees
