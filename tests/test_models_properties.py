"""Properties of oci_core.models: round trips, arbitrary input, bounded memory, paths that stay inside."""

from __future__ import annotations

import ntpath
import pickle
import posixpath
import struct
import tracemalloc
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from oci_core import errors, models
from oci_core.descriptor import describe
from oci_core.manifest import parse_image_manifest
from oci_core.strategies import (
    docker_model_configs,
    file_metadata,
    gguf_headers,
    model_layers,
    modelpack_configs,
    safetensors_headers,
)

from .models_fixtures import fixture

# -- round trips --------------------------------------------------------------------------------------------


@given(docker_model_configs())
def test_docker_config_round_trip(config: models.DockerModelConfigFile) -> None:
    assert config.raw == config.to_json()
    parsed = models.parse_docker_model_config(config.raw)
    assert parsed == config and parsed.raw == config.raw and hash(parsed) == hash(config)
    assert models.parse_model_config(config.raw, models.DOCKER_MODEL_CONFIG_V01) == config
    assert pickle.loads(pickle.dumps(config)) == config


@given(modelpack_configs())
def test_modelpack_config_round_trip(config: models.ModelPackConfig) -> None:
    assert config.raw == config.to_json()
    parsed = models.parse_modelpack_config(config.raw)
    assert parsed == config and parsed.raw == config.raw
    assert models.parse_modelpack_config(config.to_json(indent="\t")) == config
    assert models.is_modelpack_config(config.raw)  # a ModelPack config always has "modelfs"
    assert pickle.loads(pickle.dumps(config)) == config


@given(file_metadata())
def test_file_metadata_round_trip(metadata: models.FileMetadata) -> None:
    assert models.parse_file_metadata(metadata.to_annotation()) == metadata
    assert models.parse_file_metadata(metadata.to_json()).to_json() == metadata.to_json()


@given(gguf_headers())
@settings(max_examples=150)
def test_gguf_header_round_trip(header: models.GGUFHeader) -> None:
    data = header.to_bytes()
    assert len(data) == header.data_offset
    parsed = models.parse_gguf_header(data + bytes(header.data_size))
    assert parsed == header and parsed.header_size == header.header_size and parsed.data_offset == header.data_offset
    for key, value in header.metadata.items():
        if isinstance(value.value, models.GGUFArray):
            found = parsed.get(key)
            assert isinstance(found, models.GGUFArray) and found.values() == value.value.values()


@given(gguf_headers(), st.data())
@settings(max_examples=60)
def test_gguf_any_prefix_asks_for_at_most_the_header(header: models.GGUFHeader, data: st.DataObject) -> None:
    raw = header.to_bytes()
    cut = data.draw(st.integers(0, max(0, header.header_size - 1)))
    with pytest.raises(errors.IncompleteModelHeaderError) as info:
        models.parse_gguf_header(raw[:cut])
    assert cut < info.value.needed <= max(header.header_size, 24)


@given(safetensors_headers())
def test_safetensors_header_round_trip(header: models.SafetensorsHeader) -> None:
    parsed = models.parse_safetensors_header(header.to_bytes())
    assert parsed == header and parsed.header_size == header.header_size
    assert parsed.file_size == 8 + header.header_size + header.data_size


@given(model_layers(), st.booleans())
@settings(max_examples=60)
def test_built_models_parse_back(layers: list[Any], modelpack: bool) -> None:
    if modelpack:
        built = models.build_modelpack_model(layers, created="2025-06-15T12:00:00Z")
    else:
        details = models.DockerModelConfig(format="gguf")
        built = models.build_docker_model(layers, details, created="2025-06-15T12:00:00Z")
    manifest = parse_image_manifest(built.manifest)
    assert manifest.layers == tuple(layers) and manifest.config == built.config_descriptor
    family = models.ModelFamily.MODELPACK if modelpack else models.ModelFamily.DOCKER
    assert models.check_model_compatibility(manifest) is family
    if not modelpack:
        assert models.model_runner_manifest(manifest) == built.manifest  # the writer writes what it reads
    assert [f.layer for f in models.model_layout(manifest).files] == list(layers)
    config = models.parse_model_config(built.config, manifest.config.media_type)
    assert models.read_diff_ids(built.config) == tuple(layer.digest for layer in layers) == config.diff_ids
    converted = models.convert_to_modelpack(manifest, config)
    assert [d.digest for d in converted.parsed_manifest().layers] == [d.digest for d in layers]


# -- arbitrary input ----------------------------------------------------------------------------------------

_PARSERS: tuple[Callable[[Any], object], ...] = (
    models.parse_gguf_header,
    models.parse_safetensors_header,
    models.parse_docker_model_config,
    models.parse_modelpack_config,
    models.validate_modelpack_config,
    models.parse_model_config,
    models.parse_file_metadata,
    models.context_size_from_hf_config,
    models.read_diff_ids,
)


def _raised(call: Callable[[], object]) -> errors.OCIError | None:
    """The OCIError ``call`` raised, or ``None`` (any other exception propagates and fails the test)."""
    try:
        call()
    except errors.OCIError as exc:
        return exc
    return None


def _value_or_oci_error(parser: Callable[[Any], object], source: object) -> None:
    error = _raised(lambda: parser(source))
    if error is not None:
        assert error.pointer is None or error.pointer == "" or error.pointer.startswith("/")
        assert str(error)


@given(st.binary(max_size=200) | st.text(max_size=60))
@example(b"GGUF\x03\x00\x00\x00" + b"\xff" * 16)
@example(b"\x02\x00\x00\x00\x00\x00\x00\x00{}")
@example("\ud800")
@example(b'{"config":{"paramSize":1}}')
def test_arbitrary_input_gives_a_value_or_an_oci_error(source: bytes | str) -> None:
    for parser in _PARSERS:
        _value_or_oci_error(parser, source)
    assert models.is_modelpack_config(source) in (True, False)


@given(st.one_of(st.none(), st.integers(), st.lists(st.integers(), max_size=2), st.floats()))
def test_non_bytes_into_parsers(source: object) -> None:
    for parser in _PARSERS:
        with pytest.raises(errors.OCIError):
            parser(source)
    assert models.is_modelpack_config(source) is False


@given(gguf_headers(), st.data())
@settings(max_examples=80)
def test_mutated_gguf_headers(header: models.GGUFHeader, data: st.DataObject) -> None:
    raw = bytearray(header.to_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    _value_or_oci_error(models.parse_gguf_header, bytes(raw))


@given(safetensors_headers(), st.data())
@settings(max_examples=80)
def test_mutated_safetensors_headers(header: models.SafetensorsHeader, data: st.DataObject) -> None:
    raw = bytearray(header.to_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    _value_or_oci_error(models.parse_safetensors_header, bytes(raw))


_JSON_PIECES = st.sampled_from(
    ["{", "}", "[", "]", ",", ":", '"config"', '"descriptor"', '"modelfs"', '"rootfs"', '"diff_ids"', '"diffIds"',
     '"createdAt"', '"created"', '"capabilities"', '"inputTypes"', '"context_size"', '"gguf"', '"paramSize"',
     '"type"', '"layers"', '"2025-01-01T00:00:00Z"', '"sha256:' + "a" * 64 + '"', "null", "true", "1", '"x"',
     '"name"', '"mode"', '"mtime"', '"typeflag"', "-1", "4294967296"]
)  # fmt: skip


@given(st.lists(_JSON_PIECES, max_size=40))
def test_json_shaped_noise(pieces: list[str]) -> None:
    source = "".join(pieces).encode()
    for parser in _PARSERS:
        _value_or_oci_error(parser, source)


# -- bounded memory ---------------------------------------------------------------------------------------


def _peak(call: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        _raised(call)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


_HOSTILE = [
    b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 2**63),
    b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 1) + b"k" + struct.pack("<IIQ", 9, 8, 2**62),
    b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 1) + b"k" + struct.pack("<IIQ", 9, 12, 2**40),
    b"GGUF" + struct.pack("<IQQ", 3, 2**60, 2**60),
    b"GGUF" + struct.pack("<IQQ", 3, 5_000_000, 0),  # within the cap, beyond the bytes: "needed", not a list
    b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 1) + b"k" + struct.pack("<IIQ", 9, 12, 10_000_000),
    (99_999_999).to_bytes(8, "little") + b"{",
    (2**64 - 1).to_bytes(8, "little"),
]


@pytest.mark.parametrize("data", _HOSTILE)
def test_declared_sizes_allocate_nothing(data: bytes) -> None:
    for parser in (models.parse_gguf_header, models.parse_safetensors_header):
        assert _peak(lambda parser=parser: parser(data)) < 64 * 1024  # type: ignore[misc]


@given(st.binary(min_size=24, max_size=4096))
@settings(max_examples=40)
def test_memory_is_a_small_multiple_of_the_input(tail: bytes) -> None:
    for data in (b"GGUF\x03\x00\x00\x00" + tail, len(tail).to_bytes(8, "little") + tail):
        for parser in (models.parse_gguf_header, models.parse_safetensors_header):
            assert _peak(lambda parser=parser, data=data: parser(data)) < 64 * 1024 + 32 * len(data)  # type: ignore[misc]


def test_memory_of_a_real_header() -> None:
    data = fixture("dummy.gguf")
    assert _peak(lambda: models.parse_gguf_header(data)) < 64 * 1024 + 32 * len(data)


# -- file paths -----------------------------------------------------------------------------------------------

_ROOT = "/srv/models/m"
_WIN_ROOT = "C:\\models\\m"
_path_text = st.lists(
    st.characters(exclude_categories=["Cs"])
    | st.sampled_from(["/", "\\", ".", ":", "\x00", " ", "..", "../", "\u2215", "\uff0f", "\u2024", "\u2025"])
    | st.just("\u00a5"),
    max_size=20,
).map("".join)


def _inside(path: str) -> bool:
    joined = posixpath.normpath(posixpath.join(_ROOT, path))
    windows = ntpath.normpath(ntpath.join(_WIN_ROOT, path))
    normalised = posixpath.normpath(posixpath.join(_ROOT, unicodedata.normalize("NFKC", path)))
    return (
        joined.startswith(_ROOT + "/")
        and windows.lower().startswith(_WIN_ROOT.lower() + "\\")
        and normalised.startswith(_ROOT + "/")
    )


@given(_path_text)
@example("a/../../etc")
@example("..\u2215..\u2215etc")
@example("\u2025/x")
@example("C:\\Windows")
@example("a/./b")
def test_a_safe_path_never_leaves_its_root(text: str) -> None:
    error = _raised(lambda: models.safe_relative_path(text))
    if error is not None:
        assert type(error) is errors.UnsafeLayerPathError
        assert error.text == text and error.span is not None and 0 <= error.span[0] <= error.span[1] <= len(text)
        return
    path = models.safe_relative_path(text)
    assert path == text and _inside(path)
    assert ntpath.splitdrive(path)[0] == "" and ".." not in path.split("/")


@given(st.lists(_path_text, min_size=1, max_size=4))
@example(["a/b", "c.md", "d/e/f"])
@example(["a", "A/b"])
def test_a_layout_never_leaves_its_root(texts: list[str]) -> None:
    try:
        layers = [
            describe(str(n).encode(), models.DOCKER_MODEL_FILE, annotations={models.ANNOTATION_FILEPATH: t})
            for n, t in enumerate(texts)
        ]
    except errors.InvalidDescriptorError:
        assume(False)  # a noncharacter (U+FFFE): the descriptor refuses it before model_layout could see it
    error = _raised(lambda: models.model_layout(layers))
    if error is not None:
        assert isinstance(error, errors.LayerPathError)
        assert error.pointer is not None and error.pointer.endswith("/annotations/org.cncf.model.filepath")
        return
    laid_out = models.model_layout(layers)
    folded = [unicodedata.normalize("NFC", f.path).casefold() for f in laid_out.files]
    assert len(set(folded)) == len(folded)  # no two files one name where case folds
    for item in laid_out.files:
        assert _inside(item.path)
        assert not any(other.startswith(item.path.casefold() + "/") for other in folded)


@given(st.text(max_size=40))
def test_name_helpers_take_any_text(text: str) -> None:
    models.normalize_model_name(text)
    models.sanitize_relative_path(text)
    models.with_default_tag(text)
    assert isinstance(models.classify_file(text), models.FileType)
    for parser in (models.parse_model_reference, models.parse_hugging_face_reference):
        _raised(lambda parser=parser: parser(text))  # type: ignore[misc]
    _raised(lambda: models.tarball_member(text, regular_file=True))
