"""The image configuration (config.md and Docker's extensions), RFC 3339 and chain IDs."""

from __future__ import annotations

import dataclasses
import json
import pickle
from typing import Any

import pytest

from oci_core import errors, mediatypes
from oci_core.config import (
    ContainerConfig,
    HealthConfig,
    History,
    ImageConfig,
    RootFS,
    chain_id,
    chain_ids,
    is_rfc3339,
    parse_image_config,
)
from oci_core.descriptor import FrozenMap
from oci_core.digest import Digest, compute_digest
from oci_core.platform import Platform

A = "sha256:" + "a" * 64
MINIMAL: dict[str, Any] = {"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": [A]}}


def raw(doc: object) -> bytes:
    return json.dumps(doc).encode()


def with_config(**members: Any) -> bytes:
    return raw({**MINIMAL, "config": members})


@pytest.mark.parametrize(
    "text",
    [
        "2015-10-31T22:22:56.015925234Z",
        "2015-10-31T22:22:56Z",
        "2016-02-29T00:00:00+01:00",
        "2000-02-29T23:59:59-23:59",
        "0000-01-01T00:00:00Z",
        "2015-10-31T22:22:56.1234567890123Z",
    ],
)
def test_rfc3339_accepts(text: str) -> None:
    assert is_rfc3339(text)


@pytest.mark.parametrize(
    "text",
    [
        "2015-10-31 22:22:56Z",
        "2015-10-31t22:22:56Z",
        "2015-10-31T22:22:56z",
        "2015-10-31T22:22:56",
        "2015-10-31T22:22:60Z",
        "2015-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z",
        "2015-13-01T00:00:00Z",
        "2015-00-01T00:00:00Z",
        "2015-04-31T00:00:00Z",
        "2015-10-31T24:00:00Z",
        "2015-10-31T22:22:56.Z",
        "2015-10-31T22:22:56,5Z",
        "2015-10-31T22:22:56+24:00",
        "2015-10-31T22:22:56+01:60",
        "2015-10-31T22:22:56+0100",
        "15-10-31T22:22:56Z",
        "２０１５-10-31T22:22:56Z",
        "2015-10-31T22:22:56Z\n",
        "",
    ],
)
def test_rfc3339_refuses(text: str) -> None:
    assert not is_rfc3339(text)
    with pytest.raises(errors.InvalidConfigError) as caught:
        parse_image_config(raw({**MINIMAL, "created": text}))
    assert caught.value.pointer == "/created"
    with pytest.raises(errors.InvalidConfigError) as caught:
        parse_image_config(raw({**MINIMAL, "history": [{}, {"created": text}]}))
    assert caught.value.pointer == "/history/1/created"


def test_reads_every_member() -> None:
    doc = {
        "created": "2015-10-31T22:22:56.015925234Z",
        "author": "Alyssa",
        "architecture": "arm64",
        "os": "linux",
        "os.version": "6.1",
        "os.features": ["f"],
        "variant": "v8",
        "config": {
            "User": "1:1",
            "ExposedPorts": {"8080/tcp": {}, "53/udp": {"ignored": 1}},
            "Env": ["A=b", "EMPTY="],
            "Entrypoint": ["/bin/sh"],
            "Cmd": ["-c", "true"],
            "Volumes": {"/data": {}},
            "WorkingDir": "/home",
            "Labels": {"k": "v"},
            "StopSignal": "SIGKILL",
            "ArgsEscaped": True,
            "Healthcheck": {"Test": ["CMD", "true"], "Interval": 30000000000, "Retries": 3},
            "OnBuild": ["RUN true"],
            "Shell": ["/bin/bash", "-c"],
            "Hostname": "ignored",
        },
        "rootfs": {"type": "layers", "diff_ids": [A, "sha256+b64:x"]},
        "history": [
            {"created": "2015-10-31T22:22:54Z", "created_by": "ADD", "author": "a", "comment": "c", "empty_layer": True}
        ],
        "container_config": {"whatever": [1, 2]},
    }
    source = raw(doc)
    c = parse_image_config(source)
    assert c.raw == source and c.descriptor().digest == compute_digest(source)
    assert c.descriptor(mediatypes.DOCKER_CONFIG).media_type == mediatypes.DOCKER_CONFIG
    assert c.platform() == Platform("linux", "arm64", "v8", "6.1", ("f",))
    assert c.config.exposed_ports == frozenset({"8080/tcp", "53/udp"})
    assert c.config.healthcheck == HealthConfig(test=("CMD", "true"), interval=30_000_000_000, retries=3)
    assert c.config.labels == {"k": "v"} and c.config.args_escaped
    assert c.rootfs.diff_ids == (Digest(A), "sha256+b64:x")
    step = History(created="2015-10-31T22:22:54Z", created_by="ADD", author="a", comment="c", empty_layer=True)
    assert c.history == (step,)
    assert parse_image_config(c.to_json()) == c


def test_nulls_that_go_and_docker_write() -> None:
    nullable = ("Env", "Entrypoint", "Cmd", "Volumes", "Labels", "ExposedPorts", "OnBuild", "Shell", "Healthcheck")
    members = dict.fromkeys(nullable)
    c = parse_image_config(with_config(**members))
    assert c.config == ContainerConfig()
    # Docker omits an empty diff_ids.
    assert parse_image_config(raw({**MINIMAL, "rootfs": {"type": "layers"}})).rootfs == RootFS()
    for member in ("User", "WorkingDir", "StopSignal"):
        with pytest.raises(errors.InvalidConfigError) as caught:
            parse_image_config(with_config(**{member: None}))
        assert caught.value.pointer == f"/config/{member}"


@pytest.mark.parametrize(
    ("document", "pointer"),
    [
        ({**MINIMAL, "architecture": None}, "/architecture"),
        ({k: v for k, v in MINIMAL.items() if k != "os"}, "/os"),
        ({k: v for k, v in MINIMAL.items() if k != "rootfs"}, "/rootfs"),
        ({**MINIMAL, "rootfs": {"type": "tar", "diff_ids": []}}, "/rootfs/type"),
        ({**MINIMAL, "rootfs": {"diff_ids": []}}, "/rootfs/type"),
        ({**MINIMAL, "rootfs": {"type": "layers", "diff_ids": ["sha256:xyz"]}}, "/rootfs/diff_ids/0"),
        ({**MINIMAL, "rootfs": {"type": "layers", "diff_ids": "x"}}, "/rootfs/diff_ids"),
        ({**MINIMAL, "history": "x"}, "/history"),
        ({**MINIMAL, "history": [3]}, "/history/0"),
        ({**MINIMAL, "history": [{"empty_layer": 1}]}, "/history/0/empty_layer"),
        ({**MINIMAL, "config": []}, "/config"),
        ({**MINIMAL, "config": {"Env": ["A=b", "=c"]}}, "/config/Env/1"),
        ({**MINIMAL, "config": {"Env": ["A=b\nc"]}}, "/config/Env/0"),
        ({**MINIMAL, "config": {"Volumes": ["/a"]}}, "/config/Volumes"),
        ({**MINIMAL, "config": {"Volumes": {"/a": "x"}}}, "/config/Volumes/~1a"),
        ({**MINIMAL, "config": {"ArgsEscaped": "true"}}, "/config/ArgsEscaped"),
        ({**MINIMAL, "config": {"Healthcheck": []}}, "/config/Healthcheck"),
        ({**MINIMAL, "config": {"Healthcheck": {"Interval": 1.5}}}, "/config/Healthcheck/Interval"),
        ({**MINIMAL, "os.features": "x"}, "/os.features"),
    ],
)
def test_refusals_name_the_member(document: dict[str, Any], pointer: str) -> None:
    with pytest.raises(errors.InvalidConfigError) as caught:
        parse_image_config(raw(document))
    assert caught.value.pointer == pointer, str(caught.value)


def test_arbitrary_input() -> None:
    for source in (b"", b"[]", b"null", b"\xff", b"{", object()):
        with pytest.raises(errors.InvalidConfigError):
            parse_image_config(source)  # type: ignore[arg-type]


def test_writer_follows_go_s_order() -> None:
    c = ImageConfig(
        architecture="amd64",
        os="linux",
        variant="v3",
        os_version="1",
        os_features=("f",),
        created="2024-01-01T00:00:00Z",
        author="me",
        rootfs=RootFS((Digest(A),)),
        config=ContainerConfig(
            user="u",
            exposed_ports=frozenset({"b", "a"}),
            env=("A=b",),
            entrypoint=("e",),
            cmd=("c",),
            volumes=frozenset({"/v"}),
            working_dir="/w",
            labels=FrozenMap({"z": "1", "a": "2"}),
            stop_signal="SIGTERM",
            args_escaped=True,
            healthcheck=HealthConfig(test=("NONE",)),
            on_build=("RUN x",),
            shell=("sh",),
        ),
        history=(History(created_by="x", empty_layer=True),),
    )
    obj = json.loads(c.raw)
    assert list(obj) == [
        "created", "author", "architecture", "os", "os.version", "os.features", "variant", "config", "rootfs",
        "history",
    ]  # fmt: skip
    assert list(obj["config"]) == [
        "User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes", "WorkingDir", "Labels",
        "StopSignal", "ArgsEscaped", "Healthcheck", "OnBuild", "Shell",
    ]  # fmt: skip
    assert list(obj["config"]["ExposedPorts"]) == ["a", "b"] and list(obj["config"]["Labels"]) == ["a", "z"]
    assert list(obj["rootfs"]) == ["type", "diff_ids"]
    assert parse_image_config(c.raw) == c
    assert c.to_json(indent="  ").startswith(b'{\n  "created"')


def test_constructors_validate_and_coerce() -> None:
    config = ContainerConfig(env=["A=b"], exposed_ports=["80/tcp"], labels={"k": "v"})  # type: ignore[arg-type]
    assert config.env == ("A=b",) and config.exposed_ports == frozenset({"80/tcp"})
    assert config.labels == FrozenMap({"k": "v"})
    with pytest.raises(errors.InvalidConfigError):
        ContainerConfig(env=("nope",))
    with pytest.raises(TypeError):
        ContainerConfig(cmd="sh")  # type: ignore[arg-type]
    with pytest.raises(errors.InvalidConfigError):
        RootFS(type="tar")
    assert RootFS([A]).diff_ids == (Digest(A),)  # type: ignore[arg-type]
    with pytest.raises(errors.InvalidConfigError) as caught:
        RootFS((A, "sha256:x"))  # type: ignore[arg-type]
    assert caught.value.pointer == "/diff_ids/1" and "invalid checksum digest length" in str(caught.value)
    with pytest.raises(errors.InvalidConfigError):
        History(created="yesterday")
    with pytest.raises(errors.InvalidConfigError):
        ImageConfig(architecture="a", os="o", rootfs=RootFS(), created="today")
    assert HealthConfig(test=["CMD"]).test == ("CMD",)  # type: ignore[arg-type]


def test_values_are_immutable_and_pickle_by_their_bytes() -> None:
    source = raw({**MINIMAL, "config": {"Cmd": ["sh"]}})
    c = parse_image_config(source)
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.os = "windows"  # type: ignore[misc]
    clone = pickle.loads(pickle.dumps(c))
    assert clone == c and clone.raw == source
    assert hash(c) == hash(parse_image_config(source))


def test_chain_ids() -> None:
    assert chain_ids([]) == () and chain_id([]) is None
    a, b = "sha256:" + "a" * 64, "sha256:" + "b" * 64
    ids = chain_ids([a, b])
    assert ids[0] == a and chain_id([a, b]) == ids[1]
    assert ids[1] == compute_digest(f"{a} {b}".encode())
    with pytest.raises(errors.InvalidDigestError):
        chain_ids(["sha256:a"])


def test_constructors_refuse_the_wrong_kind_of_object_and_what_json_cannot_carry() -> None:
    with pytest.raises(TypeError, match="architecture"):
        ImageConfig(architecture=5, os="linux", rootfs=RootFS())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="interval"):
        HealthConfig(interval=True)
    with pytest.raises(TypeError, match="args_escaped"):
        ContainerConfig(args_escaped=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="exposed_ports"):
        ContainerConfig(exposed_ports="80/tcp")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="empty_layer"):
        History(empty_layer="yes")  # type: ignore[arg-type]
    for text, where in (("\uffff", "/os"), ("\ufdd0", "/os"), ("\ud800", "/os")):
        with pytest.raises(errors.InvalidConfigError) as caught:
            ImageConfig(architecture="amd64", os=text, rootfs=RootFS())
        assert caught.value.pointer == where
    with pytest.raises(errors.InvalidConfigError) as caught:
        ContainerConfig(labels={"k": "\ufffe"})  # type: ignore[arg-type]
    assert caught.value.pointer == "/Labels/k"
    with pytest.raises(errors.InvalidConfigError) as caught:
        History(created="2024-01-01T00:00:00Z", comment="\udfff")
    assert caught.value.pointer == "/comment"


def test_chain_ids_want_a_sequence_of_digests() -> None:
    with pytest.raises(TypeError, match="sequence"):
        chain_id("sha256:" + "a" * 64)
    with pytest.raises(TypeError):
        chain_ids([b"sha256:" + b"a" * 64])  # type: ignore[list-item]


def test_faults_inside_the_document_carry_the_whole_pointer() -> None:
    doc = {**MINIMAL, "history": [{}, {}, {}, {"created": "yesterday"}]}
    with pytest.raises(errors.InvalidConfigError) as caught:
        parse_image_config(raw(doc))
    assert caught.value.pointer == "/history/3/created"
    doc = {**MINIMAL, "rootfs": {"type": "layers", "diff_ids": [A, A, "sha256:" + "A" * 64]}}
    with pytest.raises(errors.InvalidConfigError) as caught:
        parse_image_config(raw(doc))
    assert caught.value.pointer == "/rootfs/diff_ids/2" and type(caught.value) is errors.InvalidConfigError
