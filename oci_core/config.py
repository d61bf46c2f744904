"""The image configuration: image-spec config.md, and Docker's image JSON.

:class:`ImageConfig` is the JSON document a manifest's ``config`` descriptor
points to (``application/vnd.oci.image.config.v1+json``, and Docker's
``application/vnd.docker.container.image.v1+json``, which is the same
document with more members). It says which platform the image is for, how to
run it (``config``: :class:`ContainerConfig`), which layers make its root
filesystem (``rootfs.diff_ids``) and how it was built (``history``).

Reading (:func:`parse_image_config`) validates as config.md's prose and
image-spec's validator do:

* ``architecture``, ``os`` and ``rootfs`` are REQUIRED (their values may be
  empty strings, as Go allows); ``rootfs.type`` MUST be ``layers``;
  ``rootfs.diff_ids`` holds digests (unregistered algorithms accepted, as for
  descriptors). Docker omits an empty ``diff_ids`` (``omitempty`` in moby's
  ``RootFS``), so a missing one reads as empty;
* ``created`` (here and in ``history``) is an RFC 3339 date-time, section 5.6,
  checked by hand the way Go's ``time.Time`` reads it: ``T`` and ``Z`` in
  upper case, seconds up to 59, any number of fraction digits, offsets up to
  23:59; the original text is kept;
* every ``config.Env`` entry is ``NAME=value`` (image-spec's validator:
  ``^[^=]+=.*$``);
* ``ExposedPorts`` and ``Volumes`` are objects whose values are objects (sets,
  read as :class:`frozenset`); ``Labels`` a string map;
* ``Entrypoint`` and ``Cmd`` may be ``null`` (the image-spec schema allows it)
  and so may the other lists and maps Docker writes as ``null`` when empty
  (``Env``, ``Volumes``, ``Labels``, ``ExposedPorts``, ``OnBuild``,
  ``Shell``, ``Healthcheck``): ``null``, absent and empty are all read as
  empty, as Go reads them;
* the Docker-only members that go-containerregistry's ``ConfigFile`` and
  moby's ``DockerOCIImageConfig`` carry for a Dockerfile (``Healthcheck``,
  ``OnBuild``, ``Shell``) are read; members only a container runtime uses
  (``Hostname``, ``Tty``, ``Image``, ``container_config``, ...) are unknown
  members, ignored and kept in ``raw``.

Writing (:meth:`ImageConfig.to_json`) follows image-spec's ``specs-go/v1.Image``
(created, author, architecture, os, os.version, os.features, variant, config,
rootfs, history) with ``ImageConfig``'s members (User, ExposedPorts, Env,
Entrypoint, Cmd, Volumes, WorkingDir, Labels, StopSignal, ArgsEscaped) and
then moby's Dockerfile extensions (Healthcheck, OnBuild, Shell), ``omitempty``
as upstream. ``created`` is written as read: Go would re-format a
non-canonical spelling (``2015-10-31T22:22:56.0Z``) through ``time.Time``.

Chain IDs (config.md, "Layer ChainID"; image-spec ``identity``) are
:func:`chain_ids` and :func:`chain_id`.

>>> c = parse_image_config(b'{"architecture": "arm64", "os": "linux", "variant": "v8",'
...     b' "rootfs": {"type": "layers", "diff_ids": []}, "config": {"Cmd": ["sh"]}}')
>>> c.platform(), c.config.cmd
(Platform(os='linux', architecture='arm64', variant='v8', os_version='', os_features=(), features=()), ('sh',))
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from . import _json
from ._frozenmap import EMPTY, FrozenMap, _adopt
from .descriptor import Descriptor, _as_bytes
from .digest import Digest, compute_digest, parse_digest
from .errors import InvalidConfigError, OCIError
from .mediatypes import OCI_IMAGE_CONFIG
from .platform import Platform

if TYPE_CHECKING:
    from ._json import JSON
    from .digest import Buffer

__all__ = [
    "ContainerConfig",
    "HealthConfig",
    "History",
    "ImageConfig",
    "RootFS",
    "chain_id",
    "chain_ids",
    "is_rfc3339",
    "parse_image_config",
]

_ERROR: Final = InvalidConfigError

# RFC 3339 section 5.6 date-time, in the shape Go's time.Parse(time.RFC3339)
# accepts; the ranges are checked after the match.
_DATE_TIME: Final = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(?:Z|[+-]([0-9]{2}):([0-9]{2}))",
    re.ASCII,
)
_DAYS: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# image-spec's validator: every Env entry matches ^[^=]+=.*$ (Go's "." stops at a newline, as Python's does).
_ENV: Final = re.compile(r"[^=]+=.*").fullmatch


def is_rfc3339(text: str) -> bool:
    """Whether ``text`` is an RFC 3339 date-time as Go's ``time.Time`` reads one.

    >>> is_rfc3339("2015-10-31T22:22:56.015925234Z"), is_rfc3339("2015-02-29T00:00:00Z")
    (True, False)

    ``T`` and ``Z`` must be upper case, seconds run to 59 (no leap second),
    the fraction has any number of digits after a ``.``, a numeric offset
    has hours up to 23 and minutes up to 59.
    """
    match = _DATE_TIME.fullmatch(text) if type(text) is str else None
    if match is None:
        return False
    year, month, day, hour, minute, second, offset_hour, offset_minute = match.groups()
    month_number = int(month)
    if not 1 <= month_number <= 12:
        return False
    days = _DAYS[month_number - 1]
    if month_number == 2:
        leap = int(year) % 4 == 0 and (int(year) % 100 != 0 or int(year) % 400 == 0)
        days = 29 if leap else 28
    if not 1 <= int(day) <= days or int(hour) > 23 or int(minute) > 59 or int(second) > 59:
        return False
    return offset_hour is None or (int(offset_hour) <= 23 and int(offset_minute) <= 59)


# -- the values ----------------------------------------------------------------------


def _coerce(value: object, name: str, kind: type[tuple[object, ...]] | type[frozenset[str]]) -> None:
    """Turn a list (or set) a caller passed into the field's immutable type."""
    current = getattr(value, name)
    if type(current) is not kind:
        if isinstance(current, (str, bytes)) or not isinstance(current, Iterable):
            raise TypeError(f"{type(value).__name__}.{name} must be a {kind.__name__} of str, got {type(current).__name__}")
        object.__setattr__(value, name, kind(current))


@dataclass(frozen=True, slots=True, kw_only=True)
class HealthConfig:
    """Docker's ``HEALTHCHECK`` (moby's ``HealthConfig``); durations in nanoseconds, 0 meaning "inherit"."""

    test: tuple[str, ...] = ()
    interval: int = 0
    timeout: int = 0
    start_period: int = 0
    start_interval: int = 0
    retries: int = 0

    def __post_init__(self) -> None:
        _coerce(self, "test", tuple)


@dataclass(frozen=True, slots=True, kw_only=True)
class ContainerConfig:
    """How to run a container of the image (config.md ``config``; Docker's extensions last).

    >>> ContainerConfig(env=("PATH=/bin",), cmd=("sh",)).cmd
    ('sh',)
    """

    user: str = ""
    exposed_ports: frozenset[str] = frozenset()
    env: tuple[str, ...] = ()
    entrypoint: tuple[str, ...] = ()
    cmd: tuple[str, ...] = ()
    volumes: frozenset[str] = frozenset()
    working_dir: str = ""
    labels: FrozenMap[str, str] = EMPTY
    stop_signal: str = ""
    args_escaped: bool = False
    healthcheck: HealthConfig | None = None
    on_build: tuple[str, ...] = ()
    shell: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("env", "entrypoint", "cmd", "on_build", "shell"):
            _coerce(self, name, tuple)
        for name in ("exposed_ports", "volumes"):
            _coerce(self, name, frozenset)
        if type(self.labels) is not FrozenMap:
            object.__setattr__(self, "labels", FrozenMap(self.labels))
        for index, entry in enumerate(self.env):
            if type(entry) is not str or _ENV(entry) is None:
                raise InvalidConfigError(f"must be NAME=value, got {entry!r}", pointer=f"/config/Env/{index}")


@dataclass(frozen=True, slots=True)
class RootFS:
    """The layers of the root filesystem: their uncompressed digests, bottom first."""

    diff_ids: tuple[Digest, ...] = ()
    type: str = "layers"

    def __post_init__(self) -> None:
        if any(type(d) is not Digest for d in self.diff_ids) or type(self.diff_ids) is not tuple:
            object.__setattr__(self, "diff_ids", tuple(parse_digest(d, allow_unregistered=True) for d in self.diff_ids))
        if self.type != "layers":
            raise InvalidConfigError(f"must be 'layers', got {self.type!r}", pointer="/rootfs/type")


@dataclass(frozen=True, slots=True, kw_only=True)
class History:
    """One step of how the image was built (config.md ``history``)."""

    created: str | None = None
    created_by: str = ""
    author: str = ""
    comment: str = ""
    empty_layer: bool = False

    def __post_init__(self) -> None:
        if self.created is not None and not is_rfc3339(self.created):
            raise InvalidConfigError(f"must be an RFC 3339 date-time, got {self.created!r}", pointer="/history/created")


@dataclass(frozen=True, slots=True, kw_only=True)
class ImageConfig:
    """An image configuration (config.md), with the bytes it was read from.

    >>> c = ImageConfig(architecture="amd64", os="linux", rootfs=RootFS())
    >>> c.raw
    b'{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":[]}}'

    Constructing one validates it and writes its canonical bytes into
    ``raw``; a parsed configuration keeps the bytes it was read from, and its
    digest (:meth:`descriptor`) is theirs. Equality compares the typed
    content, not ``raw``.
    """

    architecture: str
    os: str
    rootfs: RootFS
    created: str | None = None
    author: str = ""
    os_version: str = ""
    os_features: tuple[str, ...] = ()
    variant: str = ""
    config: ContainerConfig = ContainerConfig()
    history: tuple[History, ...] = ()
    raw: bytes = field(default=b"", init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.created is not None and not is_rfc3339(self.created):
            raise InvalidConfigError(f"must be an RFC 3339 date-time, got {self.created!r}", pointer="/created")
        for name in ("os_features", "history"):
            _coerce(self, name, tuple)
        for name, kind in (("rootfs", RootFS), ("config", ContainerConfig)):
            if not isinstance(getattr(self, name), kind):
                raise TypeError(f"ImageConfig.{name} must be a {kind.__name__}, got {type(getattr(self, name)).__name__}")
        for step in self.history:
            if not isinstance(step, History):
                raise TypeError(f"ImageConfig.history must hold History values, got {type(step).__name__}")
        object.__setattr__(self, "raw", self.to_json())

    def __reduce__(self) -> tuple[object, ...]:
        return (parse_image_config, (self.raw,))

    def platform(self) -> Platform:
        """The platform the image is for: os, architecture, variant, os.version and os.features."""
        return Platform(self.os, self.architecture, self.variant, self.os_version, self.os_features)

    def descriptor(self, media_type: str = OCI_IMAGE_CONFIG) -> Descriptor:
        """The descriptor of ``raw`` (pass Docker's config media type for a Docker image)."""
        return Descriptor(media_type, compute_digest(self.raw), len(self.raw))

    def to_json(self, *, indent: str | None = None) -> bytes:
        """The bytes Go writes for this configuration (see the module docstring for the member order)."""
        data = _json.dumps(self.to_json_object())
        return data if indent is None else _json.indent(data, indent)

    def to_json_object(self) -> dict[str, object]:
        """The JSON object, members in Go's order, empty optional ones left out."""
        obj: dict[str, object] = {}
        if self.created is not None:
            obj["created"] = self.created
        if self.author:
            obj["author"] = self.author
        obj["architecture"] = self.architecture
        obj["os"] = self.os
        if self.os_version:
            obj["os.version"] = self.os_version
        if self.os_features:
            obj["os.features"] = list(self.os_features)
        if self.variant:
            obj["variant"] = self.variant
        obj["config"] = _container_object(self.config)
        obj["rootfs"] = {"type": self.rootfs.type, "diff_ids": [str(d) for d in self.rootfs.diff_ids]}
        if self.history:
            obj["history"] = [_history_object(step) for step in self.history]
        return obj


def _container_object(config: ContainerConfig) -> dict[str, object]:
    obj: dict[str, object] = {}
    if config.user:
        obj["User"] = config.user
    if config.exposed_ports:
        obj["ExposedPorts"] = {port: {} for port in sorted(config.exposed_ports)}
    if config.env:
        obj["Env"] = list(config.env)
    if config.entrypoint:
        obj["Entrypoint"] = list(config.entrypoint)
    if config.cmd:
        obj["Cmd"] = list(config.cmd)
    if config.volumes:
        obj["Volumes"] = {volume: {} for volume in sorted(config.volumes)}
    if config.working_dir:
        obj["WorkingDir"] = config.working_dir
    if config.labels:
        obj["Labels"] = _json.sorted_map(config.labels)
    if config.stop_signal:
        obj["StopSignal"] = config.stop_signal
    if config.args_escaped:
        obj["ArgsEscaped"] = True
    health = config.healthcheck
    if health is not None:
        check: dict[str, object] = {}
        for key, value in (
            ("Test", list(health.test)),
            ("Interval", health.interval),
            ("Timeout", health.timeout),
            ("StartPeriod", health.start_period),
            ("StartInterval", health.start_interval),
            ("Retries", health.retries),
        ):
            if value:
                check[key] = value
        obj["Healthcheck"] = check
    if config.on_build:
        obj["OnBuild"] = list(config.on_build)
    if config.shell:
        obj["Shell"] = list(config.shell)
    return obj


def _history_object(step: History) -> dict[str, object]:
    obj: dict[str, object] = {}
    if step.created is not None:
        obj["created"] = step.created
    if step.created_by:
        obj["created_by"] = step.created_by
    if step.author:
        obj["author"] = step.author
    if step.comment:
        obj["comment"] = step.comment
    if step.empty_layer:
        obj["empty_layer"] = True
    return obj


# -- reading ------------------------------------------------------------------------------


def _str(obj: dict[str, JSON], key: str, pointer: str) -> str:
    return _json.get_str(obj, key, pointer, _ERROR) or ""


def _created(obj: dict[str, JSON], pointer: str) -> str | None:
    created = _json.get_str(obj, "created", pointer, _ERROR)
    if created is not None and not is_rfc3339(created):
        shown = created if len(created) <= 60 else created[:57] + "..."
        raise _ERROR(f"must be an RFC 3339 date-time, got {shown!r}", pointer=_json.join_pointer(pointer, "created"))
    return created


def _nullable(obj: dict[str, JSON], key: str) -> bool:
    """Whether ``key`` is absent or null (Go reads both as the zero value)."""
    return obj.get(key) is None


def _strings(obj: dict[str, JSON], key: str, pointer: str) -> tuple[str, ...]:
    if _nullable(obj, key):
        return ()
    return _json.get_str_list(obj, key, pointer, _ERROR) or ()


def _set_of(obj: dict[str, JSON], key: str, pointer: str) -> frozenset[str]:
    """A Go ``map[string]struct{}``: an object whose values are objects (their members ignored)."""
    if _nullable(obj, key):
        return frozenset()
    members = _json.get_object(obj, key, pointer, _ERROR)
    assert members is not None
    where = _json.join_pointer(pointer, key)
    for name in members:
        _json.get_object(members, name, where, _ERROR)
    return frozenset(members)


def _int(obj: dict[str, JSON], key: str, pointer: str) -> int:
    return _json.get_int(obj, key, pointer, _ERROR) or 0


def _read_health(value: JSON, pointer: str) -> HealthConfig:
    if type(value) is not dict:
        raise _ERROR(f"must be an object, got {_json._kind(value)}", pointer=pointer)
    return HealthConfig(
        test=_strings(value, "Test", pointer),
        interval=_int(value, "Interval", pointer),
        timeout=_int(value, "Timeout", pointer),
        start_period=_int(value, "StartPeriod", pointer),
        start_interval=_int(value, "StartInterval", pointer),
        retries=_int(value, "Retries", pointer),
    )


def _read_container(value: JSON, pointer: str) -> ContainerConfig:
    if type(value) is not dict:
        raise _ERROR(f"must be an object, got {_json._kind(value)}", pointer=pointer)
    env = _strings(value, "Env", pointer)
    for index, entry in enumerate(env):
        if _ENV(entry) is None:
            shown = entry if len(entry) <= 60 else entry[:57] + "..."
            raise _ERROR(f"must be NAME=value, got {shown!r}", pointer=f"{pointer}/Env/{index}")
    labels = None if _nullable(value, "Labels") else _json.get_str_map(value, "Labels", pointer, _ERROR)
    health = value.get("Healthcheck")
    return ContainerConfig(
        user=_str(value, "User", pointer),
        exposed_ports=_set_of(value, "ExposedPorts", pointer),
        env=env,
        entrypoint=_strings(value, "Entrypoint", pointer),
        cmd=_strings(value, "Cmd", pointer),
        volumes=_set_of(value, "Volumes", pointer),
        working_dir=_str(value, "WorkingDir", pointer),
        labels=_adopt(labels) if labels else EMPTY,
        stop_signal=_str(value, "StopSignal", pointer),
        args_escaped=bool(_json.get_bool(value, "ArgsEscaped", pointer, _ERROR)),
        healthcheck=None if health is None else _read_health(health, f"{pointer}/Healthcheck"),
        on_build=_strings(value, "OnBuild", pointer),
        shell=_strings(value, "Shell", pointer),
    )


def _read_rootfs(obj: dict[str, JSON]) -> RootFS:
    rootfs = _json.get_object(obj, "rootfs", "", _ERROR, required=True)
    assert rootfs is not None
    kind = _json.get_str(rootfs, "type", "/rootfs", _ERROR, required=True)
    if kind != "layers":
        raise _ERROR(f"must be 'layers', got {kind!r}", pointer="/rootfs/type")
    texts = _strings(rootfs, "diff_ids", "/rootfs")
    diff_ids = []
    for index, text in enumerate(texts):
        try:
            diff_ids.append(parse_digest(text, allow_unregistered=True))
        except OCIError as exc:
            raise _ERROR(exc.message, text=exc.text, span=exc.span, pointer=f"/rootfs/diff_ids/{index}") from None
    return RootFS(tuple(diff_ids))


def _read_history(obj: dict[str, JSON]) -> tuple[History, ...]:
    steps = _json.get_list(obj, "history", "", _ERROR)
    if not steps:
        return ()
    read = []
    for index, step in enumerate(steps):
        pointer = f"/history/{index}"
        if type(step) is not dict:
            raise _ERROR(f"must be an object, got {_json._kind(step)}", pointer=pointer)
        read.append(
            History(
                created=_created(step, pointer),
                created_by=_str(step, "created_by", pointer),
                author=_str(step, "author", pointer),
                comment=_str(step, "comment", pointer),
                empty_layer=bool(_json.get_bool(step, "empty_layer", pointer, _ERROR)),
            )
        )
    return tuple(read)


def parse_image_config(raw: Buffer | str) -> ImageConfig:
    """Read an image configuration (OCI or Docker), keeping its bytes.

    >>> parse_image_config(b'{"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": []}}').os
    'linux'

    :raises InvalidConfigError: the document is not strict JSON or breaks
        config.md; ``pointer`` names the member.
    """
    data = _as_bytes(raw, _ERROR, "an image configuration")
    value = _json.loads(data, max_depth=None, error=_ERROR)
    if type(value) is not dict:
        raise _ERROR(f"an image configuration must be a JSON object, got {_json._kind(value)}", pointer="")
    obj: dict[str, JSON] = value
    architecture = _json.get_str(obj, "architecture", "", _ERROR, required=True)
    os = _json.get_str(obj, "os", "", _ERROR, required=True)
    assert architecture is not None and os is not None
    container = obj.get("config")
    config = ImageConfig.__new__(ImageConfig)
    for name, member_value in (
        ("architecture", architecture),
        ("os", os),
        ("rootfs", _read_rootfs(obj)),
        ("created", _created(obj, "")),
        ("author", _str(obj, "author", "")),
        ("os_version", _str(obj, "os.version", "")),
        ("os_features", _json.get_str_list(obj, "os.features", "", _ERROR) or ()),
        ("variant", _str(obj, "variant", "")),
        ("config", ContainerConfig() if container is None and "config" not in obj else _read_container(container, "/config")),
        ("history", _read_history(obj)),
        ("raw", data),
    ):
        object.__setattr__(config, name, member_value)
    return config


# -- chain IDs -----------------------------------------------------------------------------


def _chain(diff_ids: Iterable[str]) -> list[str]:
    # image-spec identity.ChainIDs: ChainID(L0) = DiffID(L0);
    # ChainID(L0..Ln) = sha256(ChainID(L0..Ln-1) + " " + DiffID(Ln)).
    chain: list[str] = []
    for diff_id in diff_ids:
        if chain:
            diff_id = "sha256:" + hashlib.sha256(f"{chain[-1]} {diff_id}".encode()).hexdigest()
        chain.append(diff_id)
    return chain


def chain_ids(diff_ids: Iterable[Digest | str]) -> tuple[Digest, ...]:
    """The ChainID of each layer stack, bottom first (config.md, "Layer ChainID").

    >>> a, b = "sha256:" + "a" * 64, "sha256:" + "b" * 64
    >>> [d[:15] for d in chain_ids([a, b])]
    ['sha256:aaaaaaaa', 'sha256:ccd72292']

    :raises InvalidDigestError: a diff ID is not a digest.
    """
    checked = [parse_digest(d, allow_unregistered=True) for d in diff_ids]
    if not checked:
        return ()
    return (checked[0], *(Digest(text) for text in _chain(checked)[1:]))


def chain_id(diff_ids: Iterable[Digest | str]) -> Digest | None:
    """The ChainID of the whole stack (the last of :func:`chain_ids`), or ``None`` for no layers."""
    ids = chain_ids(diff_ids)
    return ids[-1] if ids else None
