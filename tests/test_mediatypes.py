"""oci_core.mediatypes: parsing, string form, predicates and the table."""

from __future__ import annotations

import pytest

from oci_core import errors
from oci_core import mediatypes as mt

from .hostile import assert_linear


@pytest.mark.parametrize(
    ("text", "essence", "parameters", "canonical"),
    [
        ("application/json", "application/json", (), "application/json"),
        ("Application/JSON", "application/json", (), "application/json"),
        ("text/plain;charset=UTF-8", "text/plain", (("charset", "UTF-8"),), "text/plain; charset=UTF-8"),
        ("a/b ; X=1 ;; y=\"q \\\"x\\\"\" ;", "a/b", (("x", "1"), ("y", 'q "x"')), 'a/b; x=1; y="q \\"x\\""'),
        (mt.OCI_LAYER_GZIP + "; foo=bar", mt.OCI_LAYER_GZIP, (("foo", "bar"),), mt.OCI_LAYER_GZIP + "; foo=bar"),
        ("a/b;\tq=\"\"", "a/b", (("q", ""),), 'a/b; q=""'),
    ],
)
def test_parse(text: str, essence: str, parameters: tuple[tuple[str, str], ...], canonical: str) -> None:
    parsed = mt.parse_media_type(text)
    assert parsed.essence == essence
    assert parsed.parameters == parameters
    assert str(parsed) == canonical
    assert mt.parse_media_type(str(parsed)) == parsed
    assert mt.parse_media_type(str(parsed)).parameters == parameters


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("", 0),
        ("json", 0),
        ("/json", 0),
        ("application/", 12),
        ("appl ication/json", 4),
        ("application/json\n", 16),
        ("application/json; charset", 18),
        ("application/json; a=b c", 22),
        ("application/json; a=1; A=2", 23),
        ('application/json; a="open', 18),
        ("ápplication/json", 0),
        ("a/" + "b" * 128, 129),
        ("-a/b", 0),
    ],
)
def test_refusals_point_at_the_fault(text: str, position: int) -> None:
    with pytest.raises(errors.InvalidMediaTypeError) as caught:
        mt.parse_media_type(text)
    assert caught.value.span is not None
    assert caught.value.span[0] == position


@pytest.mark.parametrize("value", [None, 1, b"application/json", ["a/b"]])
def test_non_strings(value: object) -> None:
    with pytest.raises(errors.InvalidMediaTypeError):
        mt.parse_media_type(value)  # type: ignore[arg-type]
    assert mt.is_media_type(value) is False
    # The predicates take a str or a MediaType: anything else is the wrong kind of object.
    with pytest.raises(TypeError, match="expected a media type str or MediaType"):
        mt.is_index(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected a media type str or MediaType"):
        mt.compression(value)  # type: ignore[arg-type]


def test_constructor_checks_what_the_parser_checks() -> None:
    assert mt.MediaType("application", "json", [("charset", "utf-8")]) == mt.parse_media_type("application/json")
    for bad in (("A B", ""), ("application", ""), ("Application", "json"), ("a", "b" * 128), ("-a", "b")):
        with pytest.raises(errors.InvalidMediaTypeError):
            mt.MediaType(*bad)
    for parameters in ([("Charset", "x")], [("a b", "x")], [("a", "x"), ("a", "y")], [("a", "\n")], [("a", "\u0100")]):
        with pytest.raises(errors.InvalidMediaTypeError):
            mt.MediaType("a", "b", parameters)
    with pytest.raises(TypeError):
        mt.MediaType(1, "b")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        mt.MediaType("a", "b", "c=d")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        mt.MediaType("a", "b", [("c", 1)])  # type: ignore[list-item]
    with pytest.raises(errors.InvalidMediaTypeError, match="more than 64 parameters"):
        mt.MediaType("a", "b", [(f"p{n}", "v") for n in range(65)])


def test_values_pickle_copy_and_replace() -> None:
    import copy
    import dataclasses
    import pickle

    value = mt.parse_media_type('a/b; c="d e"')
    for clone in (pickle.loads(pickle.dumps(value)), copy.deepcopy(value), dataclasses.replace(value)):
        assert type(clone) is mt.MediaType and clone == value and clone.parameters == value.parameters
    with pytest.raises(errors.InvalidMediaTypeError):
        dataclasses.replace(value, type="A")
    info = mt.KNOWN[mt.OCI_LAYER_ZSTD]
    assert pickle.loads(pickle.dumps(info)) == info and dataclasses.replace(info) == info
    with pytest.raises(ValueError, match="role must be one of"):
        mt.MediaTypeInfo("blob", "oci")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        mt.MediaTypeInfo("layer", "oci", distributable=1)  # type: ignore[arg-type]


def test_quoted_values_round_trip_with_escapes() -> None:
    parsed = mt.parse_media_type('a/b; x="q \\\" \\\\ \\a"; y=z')
    assert parsed.parameters == (("x", 'q " \\ a'), ("y", "z"))
    assert mt.parse_media_type(str(parsed)).parameters == parsed.parameters
    with pytest.raises(errors.InvalidMediaTypeError, match="not closed"):
        mt.parse_media_type('a/b; x="q\\"')
    with pytest.raises(errors.InvalidMediaTypeError, match="can only hold") as caught:
        mt.parse_media_type('a/b; x="q\x01"')
    assert caught.value.span == (9, 10)


def test_parameter_lookup_is_ascii_case_insensitive() -> None:
    parsed = mt.parse_media_type("a/b; k=v")
    assert parsed.parameter("K") == "v"
    assert parsed.parameter("\u212a") is None  # the Kelvin sign lowercases to "k" in Python
    with pytest.raises(TypeError):
        parsed.parameter(None)  # type: ignore[arg-type]


def test_equality_ignores_parameters_and_case() -> None:
    a = mt.parse_media_type("Application/JSON; charset=utf-8")
    b = mt.parse_media_type("application/json")
    assert a == b and hash(a) == hash(b)
    assert a.parameter("CHARSET") == "utf-8" and b.parameter("charset") is None


def test_suffix() -> None:
    assert mt.parse_media_type(mt.OCI_IMAGE_MANIFEST).suffix == "json"
    assert mt.parse_media_type(mt.DOCKER_LAYER).suffix is None
    assert mt.parse_media_type("application/x+").suffix is None
    assert mt.parse_media_type("application/x+y+zstd").suffix == "zstd"


def test_is_media_type_is_the_schema_pattern() -> None:
    assert mt.is_media_type("application/vnd.example+type")
    assert not mt.is_media_type("application/json; charset=utf-8")
    assert not mt.is_media_type("application")
    assert not mt.is_media_type("application/json\n")


@pytest.mark.parametrize(
    ("media_type", "roles"),
    [
        (mt.OCI_IMAGE_INDEX, {"index", "manifest"}),
        (mt.DOCKER_MANIFEST_LIST, {"index", "manifest"}),
        (mt.OCI_IMAGE_MANIFEST, {"image", "manifest"}),
        (mt.DOCKER_MANIFEST_SCHEMA2, {"image", "manifest"}),
        (mt.DOCKER_MANIFEST_SCHEMA1, {"schema1", "manifest"}),
        (mt.DOCKER_MANIFEST_SCHEMA1_SIGNED, {"schema1", "manifest"}),
        (mt.OCI_ARTIFACT_MANIFEST, {"manifest"}),
        (mt.OCI_IMAGE_CONFIG, {"config"}),
        (mt.DOCKER_CONFIG, {"config"}),
        (mt.DOCKER_PLUGIN_CONFIG, {"config"}),
        (mt.OCI_EMPTY_JSON, set()),
        (mt.OCI_LAYER_ZSTD, {"layer"}),
        (mt.DOCKER_FOREIGN_LAYER, {"layer"}),
        ("application/vnd.unknown.thing+json", set()),
        ("APPLICATION/VND.OCI.IMAGE.INDEX.V1+JSON; q=1", {"index", "manifest"}),
        ("not a media type", set()),
    ],
)
def test_roles(media_type: str, roles: set[str]) -> None:
    found = {
        name
        for name, predicate in (
            ("index", mt.is_index),
            ("image", mt.is_image_manifest),
            ("manifest", mt.is_manifest),
            ("config", mt.is_config),
            ("layer", mt.is_layer),
            ("schema1", mt.is_schema1),
        )
        if predicate(media_type)
    }
    assert found == roles


@pytest.mark.parametrize(
    ("media_type", "compression", "distributable"),
    [
        (mt.OCI_LAYER, None, True),
        (mt.OCI_LAYER_GZIP, "gzip", True),
        (mt.OCI_LAYER_ZSTD, "zstd", True),
        (mt.OCI_LAYER_NONDISTRIBUTABLE_ZSTD, "zstd", False),
        (mt.DOCKER_LAYER, "gzip", True),
        (mt.DOCKER_LAYER_ZSTD, "zstd", True),
        (mt.DOCKER_FOREIGN_LAYER_UNCOMPRESSED, None, False),
        ("application/vnd.example.model.layer.v1.tar+zstd", "zstd", True),
        ("application/x-tar+gzip; level=9", "gzip", True),
        ("application/octet-stream", None, True),
    ],
)
def test_compression_and_distributable(media_type: str, compression: str | None, distributable: bool) -> None:
    assert mt.compression(media_type) == compression
    assert mt.is_distributable(media_type) is distributable


def test_table_covers_every_constant() -> None:
    constants = {getattr(mt, name) for name in mt.__all__ if name.startswith(("OCI_", "DOCKER_"))}
    assert constants == set(mt.KNOWN)
    for value in constants:
        assert mt.is_media_type(value)
        assert mt.info(value) is mt.KNOWN[value]
    with pytest.raises(TypeError):
        mt.KNOWN["x/y"] = mt.KNOWN[mt.OCI_LAYER]  # type: ignore[index]


def test_counterparts_are_inverse() -> None:
    for value in mt.KNOWN:
        oci = mt.oci_counterpart(value)
        if oci is not None:
            assert mt.docker_counterpart(oci) == value
    assert mt.oci_counterpart(mt.DOCKER_MANIFEST_SCHEMA1) is None
    assert mt.docker_counterpart(mt.OCI_EMPTY_JSON) is None


def test_parse_is_linear_on_hostile_input() -> None:
    for text in (
        "a/b;" + " " * 1_000_000 + "!",
        'a/b; x="' + "\\a" * 500_000,
        "a/b" + "; x=y" * 200_000 + "!",
        "a/b" + ";" * 1_000_000 + "!",
        "a" * 1_000_000,
    ):
        with pytest.raises(errors.InvalidMediaTypeError):
            mt.parse_media_type(text)
        assert_linear(mt.parse_media_type, text)
