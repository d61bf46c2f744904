"""Descriptors (descriptor.md) and the FrozenMap they hold their annotations in."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from oci_core import errors, mediatypes
from oci_core.descriptor import EMPTY_JSON, EMPTY_JSON_DATA, Descriptor, FrozenMap, describe, parse_descriptor
from oci_core.digest import Digest, compute_digest
from oci_core.platform import Platform

A = "sha256:" + "a" * 64
LAYER = mediatypes.OCI_LAYER_GZIP


def test_empty_json_is_the_spec_s_empty_descriptor() -> None:
    assert EMPTY_JSON.media_type == "application/vnd.oci.empty.v1+json"
    assert EMPTY_JSON.size == 2 and EMPTY_JSON.data == EMPTY_JSON_DATA == b"{}"
    assert EMPTY_JSON.digest == "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
    assert EMPTY_JSON.digest == compute_digest(b"{}")
    # image-spec's Go DescriptorEmptyJSON, marshalled.
    assert EMPTY_JSON.to_json() == (
        b'{"mediaType":"application/vnd.oci.empty.v1+json",'
        b'"digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2,"data":"e30="}'
    )
    assert EMPTY_JSON.with_data(None).data is None
    assert parse_descriptor(EMPTY_JSON.to_json()) == EMPTY_JSON


def test_parse_from_text_bytes_and_objects() -> None:
    obj = {"mediaType": LAYER, "digest": A, "size": 3}
    as_text = f'{{"mediaType": "{LAYER}", "digest": "{A}", "size": 3}}'
    for source in (obj, as_text, as_text.encode(), bytearray(as_text.encode()), memoryview(as_text.encode())):
        d = parse_descriptor(source)
        assert d == Descriptor(LAYER, Digest(A), 3)
        assert type(d.digest) is Digest


def test_member_order_of_the_writer_is_go_s() -> None:
    d = Descriptor(
        "application/vnd.oci.image.manifest.v1+json",
        Digest(A),
        1,
        urls=("https://example.com/a",),
        annotations=FrozenMap({"z": "1", "a": "2"}),
        data=None,
        platform=Platform("linux", "arm64", "v8", features=("sse4",)),
        artifact_type="application/vnd.example",
    )
    # image-spec's v1.Descriptor; the platform's features come last, as Docker's PlatformSpec writes them.
    assert d.to_json() == (
        b'{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"' + A.encode() + b'","size":1,'
        b'"urls":["https://example.com/a"],"annotations":{"a":"2","z":"1"},'
        b'"platform":{"architecture":"arm64","os":"linux","variant":"v8","features":["sse4"]},'
        b'"artifactType":"application/vnd.example"}'
    )
    assert parse_descriptor(d.to_json()) == d


@pytest.mark.parametrize(
    ("member", "value", "pointer"),
    [
        ("mediaType", None, "/mediaType"),
        ("mediaType", "text/plain; charset=utf-8", "/mediaType"),
        ("mediaType", "a", "/mediaType"),
        ("digest", "sha256:" + "A" * 64, "/digest"),
        ("digest", "sha256:xyz", "/digest"),
        ("digest", "md5+x:", "/digest"),
        ("size", -1, "/size"),
        ("size", 2**63, "/size"),
        ("size", True, "/size"),
        ("size", 1.0, "/size"),
        ("size", "3", "/size"),
        ("urls", "https://x", "/urls"),
        ("urls", ["relative/path"], "/urls/0"),
        ("urls", ["https://bad host"], "/urls/0"),
        ("urls", [3], "/urls/0"),
        ("annotations", {"a": 1}, "/annotations/a"),
        ("annotations", [], "/annotations"),
        ("annotations", None, "/annotations"),
        ("data", "YWJj", "/data"),  # 3 bytes, size says 3, digest differs
        ("data", "YWJ", "/data"),  # no padding
        ("data", "YWJk\n", "/data"),
        ("data", "YWI=", "/data"),  # 2 bytes
        ("platform", "linux/amd64", "/platform"),
        ("platform", {"os": "linux"}, "/platform/architecture"),
        ("artifactType", "nope", "/artifactType"),
        ("artifactType", 7, "/artifactType"),
    ],
)
def test_each_rule_names_its_member(member: str, value: object, pointer: str) -> None:
    obj = {"mediaType": LAYER, "digest": A, "size": 3, member: value}
    with pytest.raises(errors.InvalidDescriptorError) as caught:
        parse_descriptor(obj)
    assert caught.value.pointer == pointer, str(caught.value)


def test_missing_required_members() -> None:
    for member in ("mediaType", "digest", "size"):
        obj = {"mediaType": LAYER, "digest": A, "size": 3}
        del obj[member]
        with pytest.raises(errors.InvalidDescriptorError, match="required") as caught:
            parse_descriptor(obj)
        assert caught.value.pointer == f"/{member}"


def test_data_is_canonical_base64_matching_size_and_digest() -> None:
    content = b"abc"
    good = {"mediaType": "text/plain", "digest": str(compute_digest(content)), "size": 3, "data": "YWJj"}
    assert parse_descriptor(good).data == content
    # Non-zero padding bits decode like the canonical spelling with b64decode(validate=True); refused.
    two = {"mediaType": "text/plain", "digest": str(compute_digest(b"ab")), "size": 2}
    assert parse_descriptor({**two, "data": "YWI="}).data == b"ab"
    with pytest.raises(errors.InvalidDescriptorError, match="canonical"):
        parse_descriptor({**two, "data": "YWJ="})
    # A digest this library cannot compute (unregistered) still checks the size.
    other = {"mediaType": "text/plain", "digest": "sha256+b64u:abc", "size": 3, "data": "YWJj"}
    assert parse_descriptor(other).data == content
    with pytest.raises(errors.InvalidDescriptorError, match="size"):
        parse_descriptor({**other, "size": 4})
    # Empty content reads as no data (Go leaves "data" out when it is empty).
    empty = {"mediaType": "text/plain", "digest": str(compute_digest(b"")), "size": 0, "data": ""}
    assert parse_descriptor(empty).data is None


def test_unknown_members_are_ignored() -> None:
    d = parse_descriptor({"mediaType": LAYER, "digest": A, "size": 3, "x-future": {"nested": [1, 2]}})
    assert d == Descriptor(LAYER, Digest(A), 3)


def test_unregistered_but_grammatical_digests_pass() -> None:
    digest = "multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8"
    d = parse_descriptor({"mediaType": LAYER, "digest": digest, "size": 1})
    assert d.digest.algorithm == "multihash+base58"


def test_a_standalone_descriptor_keeps_platform_features() -> None:
    # A descriptor on its own may come from a Docker manifest list, whose entries carry features.
    d = parse_descriptor(
        {"mediaType": LAYER, "digest": A, "size": 3,
         "platform": {"os": "linux", "architecture": "amd64", "features": ["sse4"]}}
    )
    assert d.platform == Platform("linux", "amd64", features=("sse4",))
    assert parse_descriptor(d.to_json()) == d


def test_arbitrary_values_and_text() -> None:
    for source in (None, 3, [], "not json", b"\xff", '"a string"', "[]", object(), {1: 2}):
        with pytest.raises(errors.InvalidDescriptorError):
            parse_descriptor(source)


def test_constructor_validates_and_coerces() -> None:
    d = Descriptor(LAYER, A, 3, urls=["https://x"], annotations={"k": "v"})  # type: ignore[arg-type]
    assert type(d.digest) is Digest and d.urls == ("https://x",) and d.annotations == FrozenMap({"k": "v"})
    with pytest.raises(errors.InvalidDescriptorError) as caught:
        Descriptor(LAYER, Digest(A), -1)
    assert caught.value.pointer == "/size"
    with pytest.raises(errors.InvalidDescriptorError):
        Descriptor("not a type", Digest(A), 1)
    with pytest.raises(errors.InvalidDescriptorError):
        Descriptor(LAYER, "sha256:short", 1)  # type: ignore[arg-type]
    with pytest.raises(errors.InvalidDescriptorError):
        Descriptor(LAYER, Digest(A), 3, data=b"abc")  # digest mismatch
    with pytest.raises(TypeError):
        Descriptor(LAYER, Digest(A), "3")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Descriptor(LAYER, Digest(A), 3, platform="linux/amd64")  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.size = 4  # type: ignore[misc]


def test_describe_and_verify() -> None:
    d = describe(b"hello", "text/plain", annotations={"a": "b"}, embed=True)
    assert d.size == 5 and d.digest == compute_digest(b"hello") and d.data == b"hello"
    d.verify(b"hello")
    with pytest.raises(errors.SizeMismatchError):
        d.verify(b"hell")
    with pytest.raises(errors.DigestMismatchError):
        d.verify(b"jello")
    assert describe(b"x", "a/b", algorithm="sha512").digest.algorithm == "sha512"


def test_parsed_common_descriptors_behave_as_descriptors() -> None:
    # The parser builds the three-member case as a private subclass; nothing but type() tells.
    parsed = parse_descriptor({"mediaType": LAYER, "digest": A, "size": 3})
    built = Descriptor(LAYER, Digest(A), 3)
    assert parsed == built and built == parsed and hash(parsed) == hash(built)
    assert isinstance(parsed, Descriptor) and parsed.__class__ is Descriptor
    assert repr(parsed) == repr(built)
    assert parsed.urls == () and parsed.annotations == {} and parsed.data is None
    assert parsed.platform is None and parsed.artifact_type is None
    changed = dataclasses.replace(parsed, size=4)
    assert type(changed) is Descriptor and changed.size == 4
    for clone in (pickle.loads(pickle.dumps(parsed)), copy.copy(parsed), copy.deepcopy(parsed)):
        assert clone == built
    assert dataclasses.asdict(parsed)["size"] == 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.urls = ("https://x",)  # type: ignore[misc]
    match parsed:
        case Descriptor(media_type=media_type, size=3):
            assert media_type == LAYER
        case _:  # pragma: no cover
            pytest.fail("no match")


def test_frozen_map() -> None:
    m = FrozenMap({"b": "2", "a": "1"})
    assert m == {"a": "1", "b": "2"} and m == {"a": "1", "b": "2"}
    assert m != {"a": "1"} and m != FrozenMap({"a": "1"})
    assert hash(m) == hash(FrozenMap([("a", "1"), ("b", "2")]))
    assert list(m) == ["b", "a"] and len(m) == 2 and "a" in m and m.get("z") is None
    assert FrozenMap() is FrozenMap({}) is FrozenMap(())
    assert pickle.loads(pickle.dumps(m)) == m and copy.copy(m) is m and copy.deepcopy(m) == m
    assert repr(m) == "FrozenMap({'b': '2', 'a': '1'})"
    assert dict(m.items()) == {"a": "1", "b": "2"}
    assert sorted(m.keys()) == ["a", "b"] and sorted(m.values()) == ["1", "2"]
    with pytest.raises(AttributeError):
        m.x = 1
    with pytest.raises(TypeError):
        m["a"] = "3"  # type: ignore[index]
    assert m.__eq__(3) is NotImplemented


def test_describe_wants_bytes() -> None:
    with pytest.raises(TypeError, match="bytes-like"):
        describe("str", "text/plain")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        EMPTY_JSON.verify("{}")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["\uffff", "\ufdd0", "\ud800", "a\U0010ffff"])
def test_the_constructor_refuses_what_json_cannot_carry(text: str) -> None:
    with pytest.raises(errors.InvalidDescriptorError) as caught:
        Descriptor(LAYER, Digest(A), 1, annotations=FrozenMap({"k": text}))
    assert caught.value.pointer == "/annotations/k"
    # A platform that JSON cannot carry is refused when it is made, before any descriptor holds it.
    with pytest.raises(errors.InvalidPlatformError) as refused:
        Platform("linux", "amd64", os_version=text)
    assert refused.value.pointer == "/os.version"


def test_a_str_subclass_is_read_as_the_plain_string_it_holds() -> None:
    import enum

    class Types(str, enum.Enum):
        LAYER = mediatypes.OCI_LAYER_GZIP

    d = Descriptor(Types.LAYER, Digest(A), 1)
    assert type(d.media_type) is str and d == Descriptor(LAYER, Digest(A), 1)
    assert parse_descriptor({"mediaType": Types.LAYER, "digest": A, "size": 1}) == d


def test_the_constructor_takes_any_bytes_like_data_and_any_iterable_of_urls() -> None:
    # The error contract's kinds: data as with_data() and describe() take it, urls as any iterable of str
    # (the constructor makes the bytes and the tuple); a str is neither.
    for content in (bytearray(b"{}"), memoryview(b"{}")):
        made = Descriptor(mediatypes.OCI_EMPTY_JSON, EMPTY_JSON.digest, 2, data=content)  # type: ignore[arg-type]
        assert type(made.data) is bytes and made == EMPTY_JSON.with_data(b"{}")
    listed = Descriptor(
        mediatypes.OCI_EMPTY_JSON, EMPTY_JSON.digest, 2, urls=["https://cdn.example/b"]  # type: ignore[arg-type]
    )
    assert listed.urls == ("https://cdn.example/b",)
    with pytest.raises(TypeError):
        Descriptor(mediatypes.OCI_EMPTY_JSON, EMPTY_JSON.digest, 2, urls="https://cdn.example/b")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Descriptor(mediatypes.OCI_EMPTY_JSON, EMPTY_JSON.digest, 2, data="{}")  # type: ignore[arg-type]
    with pytest.raises(errors.InvalidDescriptorError):  # the right kind with the wrong content is bad data
        Descriptor(mediatypes.OCI_EMPTY_JSON, EMPTY_JSON.digest, 2, data=bytearray(b"[]"))  # type: ignore[arg-type]
