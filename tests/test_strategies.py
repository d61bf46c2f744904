"""oci_core.strategies: ``st.from_type`` draws every public value type, and what it draws reads back.

``FORMS`` has a row for every public value class of the package (a test
walks every public module and fails on a class without one): how a value
of that class travels as text or bytes and is read back. Where a class has
no such form (a state value, a result), the row checks what every value must
survive instead: pickling, ``copy`` and ``dataclasses.replace``, equal and of
the same class. The strategies' own promise, round trip by round trip, is
then one Hypothesis property per row.
"""

from __future__ import annotations

import copy
import dataclasses
import importlib
import inspect
import pickle
import pkgutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oci_core
from oci_core import (
    auth,
    config,
    credentials,
    descriptor,
    digest,
    digestset,
    http,
    layerdigest,
    layout,
    manifest,
    mediatypes,
    models,
    name,
    partial,
    platform,
    reference,
    registry,
    strategies,
    upload,
)
from oci_core.errors import OCIError

strategies.register_type_strategies()

ROOT = Path(__file__).resolve().parent.parent


def _config_of(part: str) -> Callable[[object], Any]:
    """A config member's round trip: inside an image configuration, written and read back."""

    def read_back(value: object) -> object:
        base = config.ImageConfig(architecture="amd64", os="linux", rootfs=config.RootFS())
        whole = dataclasses.replace(base, **cast("dict[str, Any]", {part: value}))
        return getattr(config.parse_image_config(whole.raw), part)

    return read_back


def _history(value: object) -> object:
    assert isinstance(value, config.History)
    base = config.ImageConfig(architecture="amd64", os="linux", rootfs=config.RootFS(), history=(value,))
    return config.parse_image_config(base.raw).history[0]


def _docker_config_of(part: str) -> Callable[[object], Any]:
    """A Docker model config member's round trip: inside a config file, written and read back."""

    def read_back(value: object) -> object:
        whole = models.DockerModelConfigFile(**cast("dict[str, Any]", {part: value}))
        return getattr(models.parse_docker_model_config(whole.raw), part)

    return read_back


def _modelpack_of(part: str) -> Callable[[object], Any]:
    """A ModelPack config member's round trip: inside a config, written and read back."""

    def read_back(value: object) -> object:
        whole = models.ModelPackConfig(**cast("dict[str, Any]", {part: value}))
        return getattr(models.parse_modelpack_config(whole.raw), part)

    return read_back


def _capabilities(value: models.ModelPackCapabilities) -> object:
    whole = models.ModelPackConfig(config=models.ModelPackModelConfig(capabilities=value))
    return models.parse_modelpack_config(whole.raw).config.capabilities


def _gguf(header: models.GGUFHeader) -> models.GGUFHeader:
    return models.parse_gguf_header(header.to_bytes() + bytes(header.data_size))


def _gguf_value(value: models.GGUFValue) -> object:
    return _gguf(models.GGUFHeader(metadata=descriptor.FrozenMap({"k": value}))).metadata["k"]


def _gguf_array(array: models.GGUFArray) -> object:
    found = _gguf_value(models.GGUFValue(models.GGUFValueType.ARRAY, array))
    assert isinstance(found, models.GGUFValue)
    return found.value


def _enum_member(member: Any) -> object:
    return type(member)(member.value)


def _copied(value: object) -> object:
    """No text form: the value survives pickling, copying and dataclasses.replace, equal and of its class."""
    clones = [pickle.loads(pickle.dumps(value)), copy.copy(value), copy.deepcopy(value)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        clones.append(dataclasses.replace(value))
    for clone in clones:
        assert type(clone) is type(value) and clone == value and hash(clone) == hash(value)
    return value


def _from_text(read: Callable[[str], object]) -> Callable[[object], object]:
    return lambda value: read(str(value))


# class -> the value read back from its text or bytes form (or the checks of _copied)
FORMS: dict[type, Callable[[Any], object]] = {
    digest.Digest: lambda d: digest.parse_digest(str.__str__(d), allow_unregistered=True),
    digest.Algorithm: lambda a: digest.parse_algorithm(a.name),
    digestset.DigestSet: lambda s: digestset.DigestSet.of([str(d) for d in s.digests]),
    mediatypes.MediaType: _from_text(mediatypes.parse_media_type),
    mediatypes.MediaTypeInfo: _copied,
    reference.Reference: _from_text(reference.parse_reference),
    name.Registry: lambda r: name.new_registry(str(r), insecure=r.insecure),
    name.Repository: _from_text(name.new_repository),
    name.Tag: _from_text(name.new_tag),
    name.DigestReference: _from_text(name.new_digest_reference),
    platform.Platform: lambda p: platform.Platform.from_json_object(p.to_json_object()),
    platform.AllMatcher: _copied,
    platform.AnyMatcher: _copied,
    platform.OnlyMatcher: _copied,
    platform.OnlyOSMatcher: _copied,
    platform.OrderedMatcher: _copied,
    platform.WindowsMatcher: _copied,
    descriptor.Descriptor: lambda d: descriptor.parse_descriptor(d.to_json()),
    descriptor.FrozenMap: lambda m: descriptor.FrozenMap(dict(m)),
    manifest.ImageManifest: lambda m: manifest.parse_image_manifest(m.to_json()),
    manifest.ImageIndex: lambda i: manifest.parse_image_index(i.to_json()),
    config.ImageConfig: lambda c: config.parse_image_config(c.raw),
    config.ContainerConfig: _config_of("config"),
    config.HealthConfig: lambda h: _config_of("config")(config.ContainerConfig(healthcheck=h)).healthcheck,
    config.History: _history,
    config.RootFS: _config_of("rootfs"),
    layout.ImageLayout: lambda value: layout.parse_image_layout(value.to_json()),
    layout.BlobCheck: _copied,
    layerdigest.LayerDigests: _copied,
    partial.ImageLayer: _copied,
    http.Headers: lambda h: http.Headers(list(h)),
    http.Origin: lambda o: http.origin(str(o)),
    http.Request: _copied,
    http.Response: _copied,
    registry.Repository: lambda r: registry.Repository(r.root + "/", r.name),
    registry.Route: _copied,
    registry.Link: lambda value: registry.parse_link(strategies._link_text(value))[0],
    registry.RateLimit: _copied,
    registry.ErrorCode: _copied,
    registry.ErrorDetail: _copied,
    registry.ApiCheck: _copied,
    registry.ManifestHead: _copied,
    registry.ManifestPut: _copied,
    registry.ManifestResponse: _copied,
    registry.BlobHead: _copied,
    registry.BlobStream: lambda value: value,  # a running hash: compared by identity (checked below)
    registry.Tags: _copied,
    registry.Catalog: _copied,
    registry.Referrers: _copied,
    registry.Listing: _copied,
    upload.Upload: _copied,
    auth.Challenge: lambda c: auth.parse_www_authenticate(str(c))[0],
    auth.Scope: _from_text(auth.parse_scope),
    auth.Anonymous: _copied,
    auth.Basic: _copied,
    auth.IdentityToken: _copied,
    auth.RegistryToken: _copied,
    auth.Token: _copied,
    auth.RealmPolicy: _copied,
    auth.Session: _copied,
    auth.Send: _copied,
    auth.Done: _copied,
    auth.Failed: lambda value: value,  # holds an exception, which compares by identity (checked below)
    auth.HelperCall: _copied,
    credentials.CredentialFile: _copied,
    models.DockerModelConfigFile: lambda c: models.parse_docker_model_config(c.raw),
    models.DockerModelConfig: _docker_config_of("config"),
    models.DockerModelDescriptor: _docker_config_of("descriptor"),
    models.DockerModelRootFS: _docker_config_of("rootfs"),
    models.ModelPackConfig: lambda c: models.parse_modelpack_config(c.raw),
    models.ModelPackDescriptor: _modelpack_of("descriptor"),
    models.ModelPackFS: _modelpack_of("modelfs"),
    models.ModelPackModelConfig: _modelpack_of("config"),
    models.ModelPackCapabilities: _capabilities,
    models.FileMetadata: lambda m: models.parse_file_metadata(m.to_annotation()),
    models.GGUFHeader: _gguf,
    models.GGUFValue: _gguf_value,
    models.GGUFArray: _gguf_array,
    models.GGUFTensorInfo: _copied,
    models.GGMLType: lambda t: models.GGML_TYPES[t.id],
    models.SafetensorsHeader: lambda h: models.parse_safetensors_header(h.to_bytes()),
    models.SafetensorsTensor: _copied,
    models.HuggingFaceReference: lambda r: models.parse_hugging_face_reference(f"hf.co/{r.repository}:{r.tag}"),
    models.BuiltModel: _copied,
    models.LayerInfo: _copied,
    models.LayerFile: _copied,
    models.ModelLayout: _copied,
    models.ModelSummary: _copied,
    models.ModelFileSummary: _copied,
    models.TarballEntry: _copied,
    models.TarballMember: _copied,
    models.FileType: _enum_member,
    models.LayerKind: _enum_member,
    models.ModelFamily: _enum_member,
    models.GGUFValueType: _enum_member,
    # Not values, but public classes users build in tests: drawn, then used.
    digest.Digester: lambda value: value,
    digest.DigestVerifier: lambda value: value,
    layerdigest.LayerDigester: lambda value: value,
}

# Public classes that are not values: protocols (their implementations are listed) and errors.
NOT_VALUES = {
    platform.Matcher,
    partial.Describable,
    partial.Image,
    partial.ImageCore,
    partial.Index,
    partial.Layer,
    partial.WithRawConfig,
    partial.WithRawManifest,
}
HYPOTHESIS_FREE = sorted(
    module.name
    for module in pkgutil.iter_modules(oci_core.__path__, "oci_core.")
    if module.name != "oci_core.strategies"
)


def _public_modules() -> list[object]:
    return [
        importlib.import_module(module.name)
        for module in pkgutil.iter_modules(oci_core.__path__, "oci_core.")
        if not module.name.rpartition(".")[2].startswith("_")
        and module.name not in ("oci_core.errors", "oci_core.strategies")
    ]


def test_every_public_class_has_a_form() -> None:
    classes = {
        value
        for module in _public_modules()
        for public in getattr(module, "__all__", ())
        if inspect.isclass(value := getattr(module, public)) and not issubclass(value, BaseException)
    }
    assert classes - NOT_VALUES - set(FORMS) == set(), "a public class without a row in FORMS"
    assert set(FORMS) - classes == set()


@pytest.mark.parametrize("cls", list(FORMS), ids=[f"{cls.__module__}.{cls.__name__}" for cls in FORMS])
@settings(max_examples=25)
@given(data=st.data())
def test_from_type_draws_values_that_read_back(cls: type, data: st.DataObject) -> None:
    value = data.draw(st.from_type(cls), label=cls.__name__)
    assert type(value) is cls
    again = FORMS[cls](value)
    assert type(again) is cls and again == value
    if cls.__hash__ is not None:
        assert hash(again) == hash(value)
    if cls in (registry.BlobStream, auth.Failed):
        clone = copy.copy(value)
        assert type(clone) is cls and all(getattr(clone, f.name) is getattr(value, f.name)
                                          for f in dataclasses.fields(value))  # type: ignore[arg-type]  # fmt: skip


def test_matchers_are_matchers() -> None:
    assert isinstance(st.from_type(platform.Matcher), st.SearchStrategy)  # type: ignore[type-abstract]


@given(st.from_type(descriptor.FrozenMap[str, int]))
def test_generic_frozen_maps_draw_their_argument_types(value: descriptor.FrozenMap[str, int]) -> None:
    assert type(value) is descriptor.FrozenMap
    assert all(type(key) is str and type(item) is int for key, item in value.items())


@given(strategies.manifest_bytes())
def test_manifest_bytes_are_what_parse_manifest_accepts(raw: bytes) -> None:
    document = manifest.parse_manifest(raw)
    assert document.raw == raw
    assert manifest.parse_manifest(document.to_json()) == document


@given(st.data())
def test_manifest_bytes_read_back_as_the_document_they_were_written_from(data: st.DataObject) -> None:
    document = data.draw(strategies.manifests())
    raw = data.draw(strategies.manifest_bytes(st.just(document)))
    assert manifest.parse_manifest(raw) == document


@given(strategies.link_header_texts())
def test_link_texts_read_back(text: str) -> None:
    assert registry.parse_link(text)


@given(strategies.challenge_texts())
def test_challenge_texts_read_back(text: str) -> None:
    found = auth.parse_www_authenticate(text)
    assert auth.parse_www_authenticate(auth.format_challenges(found)) == found


@given(strategies.scope_texts())
def test_scope_texts_read_back(text: str) -> None:
    scope = auth.parse_scope(text)
    assert auth.parse_scope(str(scope)) == scope


@given(strategies.media_type_texts())
def test_media_type_texts_read_back(text: str) -> None:
    parsed = mediatypes.parse_media_type(text)
    again = mediatypes.parse_media_type(str(parsed))
    assert again == parsed and again.parameters == parsed.parameters


@given(strategies.specifier_platforms())
def test_specifier_platforms_read_back_from_their_text(value: platform.Platform) -> None:
    assert platform.parse_platform(platform.format_platform_all(value)) == platform.parse_platform(str(value))


@given(strategies.ggcr_platforms())
def test_ggcr_platforms_read_back_from_their_text(value: platform.Platform) -> None:
    assert platform.parse_platform_ggcr(platform.format_platform_ggcr(value)) == value


@given(strategies.layout_indexes())
def test_layout_indexes_read_back(index: manifest.ImageIndex) -> None:
    assert layout.parse_index(index.to_json()) == index


@given(strategies.docker_configs(), strategies.domains())
def test_docker_configs_are_answered(raw: bytes, registry_name: str) -> None:
    credentials.resolve_credentials(raw, registry_name)


@given(strategies.reference_texts())
def test_reference_texts_read_back(text: str) -> None:
    assert str(reference.parse_reference(text)) == text


@pytest.mark.parametrize(
    ("near", "parse"),
    [
        (strategies.near_digest_texts(), digest.parse_digest),
        (strategies.near_media_type_texts(), mediatypes.parse_media_type),
        (strategies.near_reference_texts(), reference.parse_reference),
        (strategies.near_platform_specifiers(), platform.parse_platform),
    ],
    ids=["digest", "media-type", "reference", "platform"],
)
@given(data=st.data())
def test_near_texts_are_answered_with_a_value_or_an_oci_error(
    near: st.SearchStrategy[str], parse: Callable[[str], object], data: st.DataObject
) -> None:
    text = data.draw(near)
    try:
        parse(text)
    except OCIError:
        pass


def test_unknown_algorithms_are_refused() -> None:
    with pytest.raises(ValueError, match="registered algorithm"):
        strategies.digests(algorithms=["md5"])


@pytest.mark.parametrize("module", HYPOTHESIS_FREE)
def test_importing_a_module_leaves_hypothesis_unloaded(module: str) -> None:
    # A fresh interpreter, so that nothing this test process imported counts.
    code = f"import sys; import {module}; assert 'hypothesis' not in sys.modules, sorted(sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr


def test_the_entry_point_is_the_registration() -> None:
    # pyproject.toml names register_type_strategies as Hypothesis's "hypothesis" entry point.
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.entry-points.hypothesis]\n_ = "oci_core.strategies:register_type_strategies"' in text


@settings(max_examples=25)
@given(strategies.built_models())
def test_built_models_read_back(built: models.BuiltModel) -> None:
    assert descriptor.describe(built.manifest, built.manifest_descriptor.media_type) == built.manifest_descriptor
    parsed = built.parsed_manifest()
    assert parsed.config == built.config_descriptor
    config = models.parse_model_config(built.config, parsed.config.media_type)
    assert config.raw == built.config and config.diff_ids == tuple(layer.digest for layer in parsed.layers)
