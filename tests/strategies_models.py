"""Hypothesis strategies for the model values: configs of both families, GGUF and safetensors headers, layers."""

from __future__ import annotations

import struct

from hypothesis import strategies as st

from oci_core import models
from oci_core.descriptor import Descriptor, FrozenMap

from .strategies_documents import digests, json_text, rfc3339

__all__ = [
    "docker_model_configs",
    "file_metadata",
    "gguf_headers",
    "model_layers",
    "modelpack_configs",
    "safetensors_headers",
]

_strings = st.lists(json_text, max_size=3).map(tuple)
_maps = st.dictionaries(json_text, json_text, max_size=3).map(FrozenMap)
_times = st.none() | rfc3339()
_bools = st.none() | st.booleans()


def docker_model_configs() -> st.SearchStrategy[models.DockerModelConfigFile]:
    """Docker model config files with any member set or not."""
    config = st.builds(
        models.DockerModelConfig,
        format=json_text,
        quantization=json_text,
        parameters=json_text,
        architecture=json_text,
        size=json_text,
        gguf=_maps,
        safetensors=_maps,
        diffusers=_maps,
        context_size=st.none() | st.integers(-(2**31), 2**31 - 1),
    )
    return st.builds(
        models.DockerModelConfigFile,
        config=config,
        descriptor=st.builds(models.DockerModelDescriptor, created=_times),
        rootfs=st.builds(models.DockerModelRootFS, diff_ids=st.lists(digests(), max_size=3).map(tuple), type=json_text),
    )


def modelpack_configs() -> st.SearchStrategy[models.ModelPackConfig]:
    """ModelPack configs with any member set or not (not necessarily valid under the schema)."""
    capabilities = st.builds(
        models.ModelPackCapabilities,
        input_types=_strings,
        output_types=_strings,
        knowledge_cutoff=_times,
        reasoning=_bools,
        tool_usage=_bools,
        reward=_bools,
        languages=_strings,
    )
    descriptor = st.builds(
        models.ModelPackDescriptor,
        created_at=_times,
        authors=_strings,
        family=json_text,
        name=json_text,
        doc_url=json_text,
        source_url=json_text,
        datasets_url=_strings,
        version=json_text,
        revision=json_text,
        vendor=json_text,
        licenses=_strings,
        title=json_text,
        description=json_text,
    )
    config = st.builds(
        models.ModelPackModelConfig,
        architecture=json_text,
        format=json_text,
        param_size=json_text,
        precision=json_text,
        quantization=json_text,
        capabilities=st.none() | capabilities,
    )
    fs = st.builds(models.ModelPackFS, type=json_text, diff_ids=st.lists(digests(), max_size=3).map(tuple))
    return st.builds(models.ModelPackConfig, descriptor=descriptor, modelfs=fs, config=config)


def file_metadata() -> st.SearchStrategy[models.FileMetadata]:
    """File metadata annotation values."""
    return st.builds(
        models.FileMetadata,
        name=json_text,
        mode=st.integers(0, 2**32 - 1),
        uid=st.integers(0, 2**32 - 1),
        gid=st.integers(0, 2**32 - 1),
        size=st.integers(0, 2**63 - 1),
        mtime=rfc3339(),
        typeflag=st.integers(0, 255),
    )


_T = models.GGUFValueType
_INT_RANGES = {
    _T.UINT8: (0, 255), _T.INT8: (-128, 127), _T.UINT16: (0, 2**16 - 1), _T.INT16: (-(2**15), 2**15 - 1),
    _T.UINT32: (0, 2**32 - 1), _T.INT32: (-(2**31), 2**31 - 1), _T.UINT64: (0, 2**64 - 1),
    _T.INT64: (-(2**63), 2**63 - 1),
}  # fmt: skip
_gguf_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=10)
_float32 = st.floats(width=32, allow_nan=False)


def _scalars(kind: models.GGUFValueType) -> st.SearchStrategy[object]:
    if kind in _INT_RANGES:
        return st.integers(*_INT_RANGES[kind])
    if kind is _T.FLOAT32:
        return _float32.map(lambda f: struct.unpack("<f", struct.pack("<f", f))[0])
    if kind is _T.FLOAT64:
        return st.floats(allow_nan=False)
    if kind is _T.BOOL:
        return st.booleans()
    return _gguf_text


_scalar_types = st.sampled_from([t for t in _T if t is not _T.ARRAY])


@st.composite
def _gguf_values(draw: st.DrawFn, byte_order: str) -> models.GGUFValue:
    kind = draw(st.sampled_from(list(_T)))
    if kind is _T.ARRAY:
        element = draw(_scalar_types)
        values = draw(st.lists(_scalars(element), max_size=4))
        return models.GGUFValue(kind, models.GGUFArray.of(element, values, byte_order))  # type: ignore[arg-type]
    return models.GGUFValue(kind, draw(_scalars(kind)))  # type: ignore[arg-type]


@st.composite
def gguf_headers(draw: st.DrawFn) -> models.GGUFHeader:
    """GGUF headers of either byte order, any value type, and tensors laid out as ggml lays them."""
    version = draw(st.sampled_from([2, 3]))
    byte_order = draw(st.sampled_from(["little", "big"])) if version == 3 else "little"
    keys = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=12)
    keys = keys.filter(lambda k: k != "general.alignment")
    metadata = draw(st.dictionaries(keys, _gguf_values(byte_order), max_size=5))
    alignment = draw(st.none() | st.sampled_from([8, 16, 32, 64]))
    if alignment is not None:
        metadata["general.alignment"] = models.GGUFValue(_T.UINT32, alignment)
    names = draw(st.lists(st.text(st.characters(exclude_categories=["Cs"]), max_size=8), max_size=4, unique=True))
    tensors, offset = [], 0
    for name in names:
        ggml = draw(st.sampled_from(sorted(models.GGML_TYPES.values(), key=lambda t: t.id)))
        rows = draw(st.integers(0, 3)) * ggml.block_size
        dims = (rows, *draw(st.lists(st.integers(0, 5), max_size=3)))
        tensor = models.GGUFTensorInfo(name, dims, ggml.id, offset)
        tensors.append(tensor)
        offset += -(-tensor.size // (alignment or 32)) * (alignment or 32)
    return models.GGUFHeader(
        version=version, metadata=FrozenMap(metadata), tensors=tuple(tensors), byte_order=byte_order  # type: ignore[arg-type]
    )


@st.composite
def safetensors_headers(draw: st.DrawFn) -> models.SafetensorsHeader:
    """safetensors headers: tensors of any dtype and shape, contiguous from byte 0."""
    names = draw(st.lists(st.text(max_size=8).filter(lambda n: n != "__metadata__"), max_size=4, unique=True))
    tensors, offset = [], 0
    for name in names:
        dtype = draw(st.sampled_from(sorted(models.SAFETENSORS_DTYPE_BITS)))
        bits = models.SAFETENSORS_DTYPE_BITS[dtype]
        shape = tuple(draw(st.lists(st.integers(0, 6), max_size=3)))
        count = 1
        for dimension in shape:
            count *= dimension
        if count * bits % 8:
            shape, count = (*shape, 8), count * 8
        size = count * bits // 8
        tensors.append(models.SafetensorsTensor(name, dtype, shape, (offset, offset + size)))
        offset += size
    metadata = draw(st.dictionaries(json_text, json_text, max_size=3))
    return models.SafetensorsHeader(tensors=tuple(tensors), metadata=FrozenMap(metadata))


# Directory and file names without dots or digits, so that no file ("x.N") is another layer's directory,
# and none a Windows device name.
_component = st.from_regex(r"[A-Za-z_][A-Za-z_-]{0,7}", fullmatch=True).filter(
    lambda c: c.lower() not in {"con", "prn", "aux", "nul"}
)
_paths = st.lists(_component, min_size=1, max_size=3)
_model_types = st.sampled_from(
    [
        models.DOCKER_GGUF, models.DOCKER_SAFETENSORS, models.DOCKER_LICENSE, models.DOCKER_CHAT_TEMPLATE,
        models.DOCKER_MODEL_FILE, models.DOCKER_MULTIMODAL_PROJECTOR, models.MODELPACK_WEIGHT_RAW,
        models.MODELPACK_DOC_RAW, models.MODELPACK_WEIGHT_CONFIG_RAW,
    ]
)  # fmt: skip


@st.composite
def model_layers(draw: st.DrawFn) -> list[Descriptor]:
    """One to four uncompressed model layers, each a file of its own path."""
    count = draw(st.integers(1, 4))
    layers = []
    used: set[str] = set()
    for index in range(count):
        path = "/".join(draw(_paths)) + f".{index}"
        if path.casefold() in used:
            continue
        used.add(path.casefold())
        content = draw(st.binary(max_size=16))
        layers.append(models.describe_file(content, draw(_model_types), path=path, mtime=draw(rfc3339())))
    return layers
