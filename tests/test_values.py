"""Every value class, built by its parser through the layout twin, is its public class in every respect.

One row per class (add yours: the class, its slot layout, a parsed value, the
same value built by the constructor, and a change for ``dataclasses.replace``).
A parsed value comes out of a ``_make`` that fills a layout twin and publishes
it (oci_core._values); the test pins the layout the twin must share and
checks that the result is indistinguishable from a constructed value: its
type, equality and hash, ``repr``, pickling, ``copy``/``deepcopy``,
``dataclasses.replace`` and frozenness.
"""

from __future__ import annotations

import copy
import dataclasses
import pickle
from collections.abc import Callable
from typing import Any, NamedTuple

import pytest

from oci_core import mediatypes as mt
from oci_core.config import ContainerConfig, HealthConfig, History, ImageConfig, RootFS, parse_image_config
from oci_core.descriptor import Descriptor, FrozenMap, parse_descriptor
from oci_core.digest import Digest
from oci_core.manifest import ImageIndex, ImageManifest, parse_image_index, parse_image_manifest
from oci_core.platform import Platform

A = "sha256:" + "a" * 64
B = "sha256:" + "b" * 64
LAYER = b'{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"' + A.encode() + b'","size":3}'
MANIFEST = (
    b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",'
    b'"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"' + B.encode() + b'","size":7},'
    b'"layers":[' + LAYER + b'],"annotations":{"k":"v"}}'
)
INDEX = (
    b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":['
    b'{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"' + A.encode() + b'","size":9,'
    b'"platform":{"architecture":"arm64","os":"linux","variant":"v8"}}]}'
)
CONFIG = (
    b'{"created":"2024-01-15T10:30:00Z","architecture":"arm64","os":"linux","config":{"User":"app",'
    b'"ExposedPorts":{"8080/tcp":{}},"Env":["PATH=/bin"],"Cmd":["sh"],"Labels":{"a":"b"},'
    b'"Healthcheck":{"Test":["CMD","true"],"Interval":30000000000}},'
    b'"rootfs":{"type":"layers","diff_ids":["' + A.encode() + b'"]},'
    b'"history":[{"created":"2024-01-15T10:29:00Z","created_by":"ADD rootfs.tar /"}]}'
)

_LAYER = Descriptor(mt.OCI_LAYER_GZIP, Digest(A), 3)
_CONFIG_DESCRIPTOR = Descriptor(mt.OCI_IMAGE_CONFIG, Digest(B), 7)
_HEALTH = HealthConfig(test=("CMD", "true"), interval=30_000_000_000)
_CONTAINER = ContainerConfig(user="app", exposed_ports=frozenset({"8080/tcp"}), env=("PATH=/bin",), cmd=("sh",),
                             labels=FrozenMap({"a": "b"}), healthcheck=_HEALTH)  # fmt: skip
_HISTORY = History(created="2024-01-15T10:29:00Z", created_by="ADD rootfs.tar /")
_ROOTFS = RootFS((Digest(A),))
_ENTRY = Descriptor(mt.OCI_IMAGE_MANIFEST, Digest(A), 9, platform=Platform("linux", "arm64", "v8"))
_DOCUMENT_SLOTS = ("media_type", "artifact_type", "subject", "annotations", "omit_media_type", "raw", "_digest")


class Row(NamedTuple):
    cls: type
    slots: tuple[str, ...]
    parsed: Callable[[], object]
    built: Callable[[], object]
    change: dict[str, Any]


ROWS = [
    Row(Descriptor, ("media_type", "digest", "size", "urls", "annotations", "data", "platform", "artifact_type"),
        lambda: parse_descriptor(LAYER), lambda: _LAYER, {"size": 4}),
    # A digest of an algorithm this library does not register: it still copies and pickles.
    Row(Descriptor, ("media_type", "digest", "size", "urls", "annotations", "data", "platform", "artifact_type"),
        lambda: parse_descriptor(b'{"mediaType":"a/b","digest":"multihash+base58:QmRZxt2b1FVZPNqd8hsiykD","size":1}'),
        lambda: Descriptor("a/b", "multihash+base58:QmRZxt2b1FVZPNqd8hsiykD", 1),  # type: ignore[arg-type]
        {"media_type": "c/d"}),
    Row(ImageManifest, (*_DOCUMENT_SLOTS, "config", "layers"), lambda: parse_image_manifest(MANIFEST),
        lambda: ImageManifest(config=_CONFIG_DESCRIPTOR, layers=(_LAYER,), annotations=FrozenMap({"k": "v"})),
        {"annotations": FrozenMap()}),
    Row(ImageIndex, (*_DOCUMENT_SLOTS, "manifests"), lambda: parse_image_index(INDEX),
        lambda: ImageIndex(manifests=(_ENTRY,)),
        {"artifact_type": "application/x.example"}),
    Row(ImageConfig, ("architecture", "os", "rootfs", "created", "author", "os_version", "os_features", "variant",
                      "config", "history", "raw"),
        lambda: parse_image_config(CONFIG),
        lambda: ImageConfig(architecture="arm64", os="linux", rootfs=_ROOTFS, created="2024-01-15T10:30:00Z",
                            config=_CONTAINER, history=(_HISTORY,)),
        {"os": "windows"}),
    Row(ContainerConfig, ("user", "exposed_ports", "env", "entrypoint", "cmd", "volumes", "working_dir", "labels",
                          "stop_signal", "args_escaped", "healthcheck", "on_build", "shell"),
        lambda: parse_image_config(CONFIG).config, lambda: _CONTAINER, {"cmd": ("bash",)}),
    Row(HealthConfig, ("test", "interval", "timeout", "start_period", "start_interval", "retries"),
        lambda: parse_image_config(CONFIG).config.healthcheck, lambda: _HEALTH, {"retries": 3}),
    Row(RootFS, ("diff_ids", "type"), lambda: parse_image_config(CONFIG).rootfs, lambda: _ROOTFS, {"diff_ids": ()}),
    Row(History, ("created", "created_by", "author", "comment", "empty_layer"),
        lambda: parse_image_config(CONFIG).history[0], lambda: _HISTORY, {"empty_layer": True}),
]  # fmt: skip


def _slots(cls: type) -> tuple[str, ...]:
    """Every slot of ``cls``, base classes first: the layout a twin must share."""
    names: list[str] = []
    for klass in reversed(cls.__mro__):
        for name in klass.__dict__.get("__slots__", ()):
            if name not in names:
                names.append(name)
    return tuple(names)


@pytest.mark.parametrize("row", ROWS, ids=[f"{row.cls.__name__}-{n}" for n, row in enumerate(ROWS)])
def test_parsed_values_are_the_public_class_in_every_respect(row: Row) -> None:
    parsed, built = row.parsed(), row.built()
    assert _slots(row.cls) == row.slots
    assert type(parsed) is row.cls and type(built) is row.cls
    assert parsed == built and built == parsed and hash(parsed) == hash(built)
    assert repr(parsed) == repr(built)
    for clone in (pickle.loads(pickle.dumps(parsed)), copy.copy(parsed), copy.deepcopy(parsed)):
        assert type(clone) is row.cls and clone == parsed and hash(clone) == hash(parsed)
        if hasattr(parsed, "raw"):
            assert clone.raw == parsed.raw  # type: ignore[attr-defined]  # a document keeps its bytes
    changed = dataclasses.replace(parsed, **row.change)  # type: ignore[type-var]
    assert type(changed) is row.cls and changed != parsed
    assert changed == dataclasses.replace(built, **row.change)  # type: ignore[type-var]
    for name, value in row.change.items():
        assert getattr(changed, name) == value
    field = dataclasses.fields(parsed)[0].name  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(parsed, field, getattr(parsed, field))
    assert not hasattr(parsed, "__dict__")
