"""Shared helpers for the model tests: the upstream fixtures as bytes, and small model artifacts built from them."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from oci_core import digest, models
from oci_core.annotations import REF_NAME
from oci_core.descriptor import Descriptor, FrozenMap, describe
from oci_core.digest import compute_digest
from oci_core.layout import ImageLayout
from oci_core.manifest import ImageManifest, build_image_index
from oci_core.mediatypes import OCI_IMAGE_MANIFEST

from .vectors import load

MTIME = "2025-06-15T12:00:00Z"
CREATED = "2025-06-15T12:00:00Z"


def fixture(name: str) -> bytes:
    """The bytes of a file of ``spec-vectors/model-artifacts/docker-model-runner/fixtures.json``."""
    for case in load("model-artifacts/docker-model-runner/fixtures.json")["cases"]:
        if case["name"] == name:
            if "raw_base64" in case:
                return base64.b64decode(case["raw_base64"])
            return str(case["raw"]).encode("utf-8")
    raise KeyError(name)


def layer(media_type: str, annotations: dict[str, str] | None = None, content: bytes | None = None) -> Descriptor:
    """A layer descriptor of ``media_type`` with ``annotations`` (its content a fixture or a stand-in)."""
    path = (annotations or {}).get("org.cncf.model.filepath", "")
    data = content if content is not None else _content_for(path)
    return describe(data, media_type, annotations=annotations or None)


def _content_for(path: str) -> bytes:
    base = path.rpartition("/")[2]
    try:
        return fixture(base)
    except KeyError:
        return ("content of " + path).encode()


def artifact(spec: dict[str, Any]) -> tuple[ImageManifest, bytes]:
    """The manifest and config bytes of a test artifact as layer-classification.json's ``artifact`` describes it."""
    layers = tuple(layer(item["media_type"], item.get("annotations")) for item in spec["layers"])
    diff_ids = [str(d.digest) for d in layers]
    config_format = spec.get("config_format", "")
    if spec["config_kind"] == "docker":
        document: dict[str, Any] = {
            "config": {"format": config_format} if config_format else {},
            "descriptor": {},
            "rootfs": {"type": "layers", "diff_ids": diff_ids},
        }
    else:
        fields = spec.get("config_fields", {})
        document = {
            "descriptor": dict(fields.get("descriptor", {})),
            "config": dict(fields.get("config", {"format": config_format} if config_format else {})),
            "modelfs": {"type": "layers", "diffIds": diff_ids},
        }
    raw = json.dumps(document).encode()
    config = Descriptor(spec["config_media_type"], digest.compute_digest(raw), len(raw))
    return ImageManifest(config=config, layers=layers), raw


LICENSE = b"FAKE LICENSE\n"
TEMPLATE = b"{%- for m in messages -%}{{ m.content }}{%- endfor -%}\n"


def small_gguf() -> tuple[bytes, models.GGUFHeader]:
    """A GGUF v3 file of two F32 tensors, with the metadata a llama model carries."""
    value, kind = models.GGUFValue, models.GGUFValueType
    header = models.GGUFHeader(
        metadata=FrozenMap({
            "general.architecture": value(kind.STRING, "llama"),
            "general.name": value(kind.STRING, "tiny-test"),
            "general.file_type": value(kind.UINT32, 0),
            "llama.context_length": value(kind.UINT32, 2048),
            "tokenizer.ggml.tokens": value(kind.ARRAY, models.GGUFArray.of(kind.STRING, ["<s>", "</s>", "hi"])),
        }),
        tensors=(
            models.GGUFTensorInfo("token_embd.weight", (8, 3), 0, 0),
            models.GGUFTensorInfo("blk.0.attn_norm.weight", (8,), 0, 96),
        ),
    )
    return header.to_bytes() + bytes(header.data_size), header


def write_layout(directory: Path, tag: str, built: models.BuiltModel, blobs: dict[str, bytes]) -> None:
    """An OCI image layout holding the model: oci-layout, index.json, and every blob under blobs/sha256/."""
    store = directory / "blobs" / "sha256"
    store.mkdir(parents=True)
    for content in (*blobs.values(), built.config, built.manifest):
        (store / compute_digest(content).encoded).write_bytes(content)
    (directory / "oci-layout").write_bytes(ImageLayout().to_json())
    entry = Descriptor(
        OCI_IMAGE_MANIFEST,
        built.manifest_descriptor.digest,
        built.manifest_descriptor.size,
        annotations={REF_NAME: tag},  # type: ignore[arg-type]
    )
    index, _ = build_image_index([entry])
    (directory / "index.json").write_bytes(index)
