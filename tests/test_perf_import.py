"""The import-time work of the document modules: no typing at run time, value methods without compiled code.

The speed itself is measured in ``benchmarks/bench_documents.py``; these tests
hold the two choices that the import time rests on to what they promise.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from oci_core import config, manifest, mediatypes, platform
from oci_core._documents import Descriptor

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def test_document_modules_import_without_typing() -> None:
    # -S: no site, so nothing but these imports can bring typing in.
    code = (
        "import sys; import oci_core.manifest, oci_core.config, oci_core.descriptor, oci_core.mediatypes;"
        " print('typing' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-S", "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "False"


def test_literal_aliases_are_built_on_first_use() -> None:
    from typing import Literal, get_args

    assert get_args(mediatypes.Compression) == ("gzip", "zstd")
    assert mediatypes.Family == Literal["oci", "docker"]
    assert "layer" in get_args(mediatypes.Role)
    assert {"Compression", "Family", "Role"} <= set(dir(mediatypes))
    with pytest.raises(AttributeError):
        getattr(mediatypes, "NoSuchAlias")  # noqa: B009  # a name the checkers must not see


def _values() -> list[object]:
    image = manifest.parse_image_manifest((EXAMPLES / "manifest.json").read_bytes())
    index = manifest.parse_image_index((EXAMPLES / "index.json").read_bytes())
    image_config = config.parse_image_config((EXAMPLES / "config.json").read_bytes())
    found: list[object] = [image, index, image_config, image.config, *image.layers, *index.manifests]
    found += [image_config.config, image_config.rootfs, *image_config.history, config.HealthConfig(test=("CMD",))]
    found += [platform.parse_platform("linux/arm64/v8"), mediatypes.parse_media_type("text/plain; charset=utf-8")]
    found += [mediatypes.KNOWN[mediatypes.OCI_LAYER_GZIP], mediatypes.KNOWN[mediatypes.DOCKER_CONFIG]]
    return found


_STOCK: dict[type, Any] = {}


def _stock_twin(value: object) -> object:
    """The same fields in a dataclass (one per class) whose eq, hash and repr dataclasses writes itself."""
    fields = dataclasses.fields(value)  # type: ignore[arg-type]
    stock = _STOCK.get(type(value))
    if stock is None:
        stock = _STOCK[type(value)] = dataclasses.make_dataclass(
            type(value).__qualname__,
            [(f.name, object, dataclasses.field(compare=f.compare, repr=f.repr)) for f in fields],
            frozen=True,
        )
    return stock(*(getattr(value, f.name) for f in fields))


@pytest.mark.parametrize("value", _values(), ids=lambda value: type(value).__name__)
def test_value_methods_answer_as_dataclasses_would(value: object) -> None:
    twin = _stock_twin(value)
    assert repr(value) == repr(twin)
    assert hash(value) == hash(twin)
    assert value == dataclasses.replace(value)  # type: ignore[type-var]
    assert value != twin  # another class: NotImplemented both ways, so identity decides
    for other in _values():
        assert (value == other) is (type(other) is type(value) and twin == _stock_twin(other))
        assert (value != other) is not (value == other)


@pytest.mark.parametrize("cls", [Descriptor, manifest.ImageManifest, manifest.ImageIndex, config.ImageConfig])
def test_value_methods_keep_dataclass_names(cls: type) -> None:
    for name in ("__eq__", "__hash__", "__repr__"):
        assert getattr(cls, name).__qualname__ == f"{cls.__qualname__}.{name}"
