# pyright: reportUnnecessaryIsInstance=false
# (The constructors check the types of their arguments at run time, since
# callers may pass anything; the annotations say those checks cannot fail.)
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

The constructors check what the reader checks (each fault's pointer is
relative to the value's own JSON object: ``History(created="x")`` faults at
``/created``), so every value's ``to_json()`` reads back equal.

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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, partial

from . import _json
from ._documents import (
    Descriptor,
    Immutable,
    all_registered,
    as_bytes,
    check_str_map,
    check_strings,
    exact_str,
    load_object,
    plain_pairs,
    scan_pairs,
)
from ._fault import Fault, fault_from_error
from ._frozenmap import EMPTY, FrozenMap, adopt
from ._grammar import is_registered_digest
from ._values import layout_twin, publish
from .digest import Digest, compute_digest, parse_digest
from .errors import InvalidConfigError, OCIError
from .mediatypes import OCI_IMAGE_CONFIG
from .platform import Platform

TYPE_CHECKING = False  # typing takes 3.5 ms to import: its names are for the checkers only

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Final, cast

    from ._documents import Pairs, Scanned
    from ._json import JSON
    from .digest import Buffer
else:
    from ._values import cast

__all__ = [
    "DEFAULT_MAX_SIZE",
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

#: The largest document :func:`parse_image_config` takes by default, 4 MiB (the
#: cap registries apply to manifests, which Docker's configs stay far below).
DEFAULT_MAX_SIZE: Final[int] = _json.DEFAULT_MAX_SIZE

# RFC 3339 section 5.6 date-time, in the shape Go's time.Parse(time.RFC3339)
# accepts; the ranges are checked after the match.
@cache
def _date_time() -> re.Pattern[str]:
    # Compiled on first use: importing the module should not pay for it.
    return re.compile(
        r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(?:Z|[+-]([0-9]{2}):([0-9]{2}))",
        re.ASCII,
    )
_DAYS: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_env(entry: str) -> bool:
    """image-spec's validator: an Env entry matches ``^[^=]+=.*$``.

    That is: an ``=`` after at least one character, and no newline after the
    first ``=`` (Go's ``.``, as Python's, stops at a newline; ``[^=]`` does not).
    """
    equals = entry.find("=")
    return equals > 0 and entry.find("\n", equals) < 0
# Date-times repeat (every history step of a build shares a few); the valid
# ones already seen are remembered, up to a bound. Only exact str enter.
_VALID_TIMES: Final[dict[str, None]] = {}
_VALID_TIMES_MAX: Final = 1024
_new_str: Final = str.__new__
_new_digest: Final = partial(_new_str, Digest)  # a Digest of text already checked


def is_rfc3339(text: str) -> bool:
    """Whether ``text`` is an RFC 3339 date-time as Go's ``time.Time`` reads one.

    >>> is_rfc3339("2015-10-31T22:22:56.015925234Z"), is_rfc3339("2015-02-29T00:00:00Z")
    (True, False)

    ``T`` and ``Z`` must be upper case, seconds run to 59 (no leap second),
    the fraction has any number of digits after a ``.``, a numeric offset
    has hours up to 23 and minutes up to 59. Anything but a ``str`` is not.
    """
    value: object = text
    if type(value) is not str:
        if not isinstance(value, str):
            return False
        text = str.__str__(value)
    if text in _VALID_TIMES:
        return True
    match = _date_time().fullmatch(text)
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
    if offset_hour is not None and (int(offset_hour) > 23 or int(offset_minute) > 59):
        return False
    if len(_VALID_TIMES) < _VALID_TIMES_MAX:
        _VALID_TIMES[text] = None
    return True


def _date_time_message(text: str) -> str:
    shown = text if len(text) <= 60 else text[:57] + "..."
    return f"must be an RFC 3339 date-time, got {shown!r}"


# -- checks of values built by callers ---------------------------------------------------------


def _set(value: object, name: str, member: object) -> None:
    # A frozen dataclass's __post_init__ stores a coerced member this way
    # (the dataclasses documentation's own idiom); only constructors do.
    object.__setattr__(value, name, member)


def _check_str(value: object, attribute: str, pointer: str) -> None:
    """A ``str`` member of a value being constructed: exact (a subclass becomes plain), JSON-safe."""
    member = getattr(value, attribute)
    text = exact_str(member, f"{type(value).__name__}.{attribute}")
    if text is not member:
        _set(value, attribute, text)
    _json.check_text(text, pointer)


def _check_strings(value: object, attribute: str, pointer: str) -> None:
    member = getattr(value, attribute)
    items = check_strings(member, f"{type(value).__name__}.{attribute}", pointer)
    if items is not member:
        _set(value, attribute, items)


def _check_set(value: object, attribute: str, pointer: str) -> None:
    member: object = getattr(value, attribute)
    name = f"{type(value).__name__}.{attribute}"
    exact = type(member) is frozenset
    if isinstance(member, (str, bytes)) or not isinstance(member, Iterable):
        raise TypeError(f"{name} must be a frozenset of str, got {type(member).__name__}")
    given = tuple(cast("Iterable[object]", member))
    if exact and all(type(item) is str for item in given):
        items = cast("frozenset[str]", member)
    else:
        items = frozenset(exact_str(item, f"{name} items") for item in given)
        _set(value, attribute, items)
    for item in items:
        _json.check_text(item, _json.join_pointer(pointer, item), key=True)


def _check_int(value: object, attribute: str, pointer: str) -> None:
    member = getattr(value, attribute)
    if type(member) is not int:
        raise TypeError(f"{type(value).__name__}.{attribute} must be an int, got {type(member).__name__}")
    if not _json.INT64_MIN <= member <= _json.INT64_MAX:
        raise Fault(f"must be an integer from {_json.INT64_MIN} to {_json.INT64_MAX}, got {member}", pointer=pointer)


def _check_bool(value: object, attribute: str) -> None:
    member = getattr(value, attribute)
    if type(member) is not bool:
        raise TypeError(f"{type(value).__name__}.{attribute} must be a bool, got {type(member).__name__}")


def _check_created(value: History | ImageConfig, pointer: str) -> None:
    if value.created is not None:
        _check_str(value, "created", pointer)
        text: str = value.created
        if not is_rfc3339(text):
            raise Fault(_date_time_message(text), pointer=pointer)


def _constructed(check: Callable[[], None]) -> None:
    """Run a constructor's check, its faults as :class:`~oci_core.errors.InvalidConfigError`."""
    try:
        check()
    except Fault as fault:
        raise fault.as_error(InvalidConfigError) from None


# -- the values ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class HealthConfig(Immutable):
    """Docker's ``HEALTHCHECK`` (moby's ``HealthConfig``); durations in nanoseconds, 0 meaning "inherit"."""

    test: tuple[str, ...] = ()
    interval: int = 0
    timeout: int = 0
    start_period: int = 0
    start_interval: int = 0
    retries: int = 0

    def __post_init__(self) -> None:
        _constructed(self._check)

    def _check(self) -> None:
        _check_strings(self, "test", "/Test")
        for attribute, member in _HEALTH_DURATIONS:
            _check_int(self, attribute, f"/{member}")


_CONTAINER_STRINGS: Final = (
    ("env", "Env"), ("entrypoint", "Entrypoint"), ("cmd", "Cmd"), ("on_build", "OnBuild"), ("shell", "Shell")
)  # fmt: skip
_HEALTH_DURATIONS: Final = (
    ("interval", "Interval"),
    ("timeout", "Timeout"),
    ("start_period", "StartPeriod"),
    ("start_interval", "StartInterval"),
    ("retries", "Retries"),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ContainerConfig(Immutable):
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
        _constructed(self._check)

    def _check(self) -> None:
        for attribute, member in (("user", "User"), ("working_dir", "WorkingDir"), ("stop_signal", "StopSignal")):
            _check_str(self, attribute, f"/{member}")
        for attribute, member in (("exposed_ports", "ExposedPorts"), ("volumes", "Volumes")):
            _check_set(self, attribute, f"/{member}")
        for attribute, member in _CONTAINER_STRINGS:
            _check_strings(self, attribute, f"/{member}")
        for index, entry in enumerate(self.env):
            if not _is_env(entry):
                raise Fault(_env_message(entry), pointer=f"/Env/{index}")
        labels = check_str_map(self.labels, "ContainerConfig.labels", "/Labels")
        if labels is not self.labels:
            _set(self, "labels", labels)
        _check_bool(self, "args_escaped")
        health: object = self.healthcheck
        if health is not None and not isinstance(health, HealthConfig):
            raise TypeError(f"ContainerConfig.healthcheck must be a HealthConfig, got {type(health).__name__}")


def _env_message(entry: str) -> str:
    shown = entry if len(entry) <= 60 else entry[:57] + "..."
    return f"must be NAME=value, got {shown!r}"


@dataclass(frozen=True, slots=True)
class RootFS(Immutable):
    """The layers of the root filesystem: their uncompressed digests, bottom first."""

    diff_ids: tuple[Digest, ...] = ()
    type: str = "layers"

    def __post_init__(self) -> None:
        _constructed(self._check)

    def _check(self) -> None:
        diff_ids: object = self.diff_ids
        exact = type(diff_ids) is tuple
        if isinstance(diff_ids, (str, bytes)) or not isinstance(diff_ids, Iterable):
            raise TypeError(f"RootFS.diff_ids must be a tuple of Digest, got {type(diff_ids).__name__}")
        given = tuple(cast("Iterable[object]", diff_ids))
        if not exact or not all(type(d) is Digest for d in given):
            checked: list[Digest] = []
            for index, item in enumerate(given):
                text = exact_str(item, "RootFS.diff_ids items")
                try:
                    checked.append(parse_digest(text, allow_unregistered=True))
                except OCIError as exc:
                    raise fault_from_error(exc, pointer=f"/diff_ids/{index}") from None
            _set(self, "diff_ids", tuple(checked))
        kind = exact_str(self.type, "RootFS.type")
        if kind != "layers":
            raise Fault(f"must be 'layers', got {kind!r}", pointer="/type")
        if kind is not self.type:
            _set(self, "type", kind)


@dataclass(frozen=True, slots=True, kw_only=True)
class History(Immutable):
    """One step of how the image was built (config.md ``history``)."""

    created: str | None = None
    created_by: str = ""
    author: str = ""
    comment: str = ""
    empty_layer: bool = False

    def __post_init__(self) -> None:
        _constructed(self._check)

    def _check(self) -> None:
        _check_created(self, "/created")
        for attribute in ("created_by", "author", "comment"):
            _check_str(self, attribute, f"/{attribute}")
        _check_bool(self, "empty_layer")


_EMPTY_CONTAINER: Final = ContainerConfig()


@dataclass(frozen=True, slots=True, kw_only=True)
class ImageConfig(Immutable):
    """An image configuration (config.md), with the bytes it was read from.

    >>> c = ImageConfig(architecture="amd64", os="linux", rootfs=RootFS())
    >>> c.raw
    b'{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":[]}}'

    Constructing one checks what :func:`parse_image_config` checks (an
    :class:`~oci_core.errors.InvalidConfigError` with the member's pointer,
    or :class:`TypeError` for a value of the wrong Python type) and writes
    its canonical bytes into ``raw``; a parsed configuration keeps the bytes
    it was read from, and its digest (:meth:`descriptor`) is theirs.
    Equality compares the typed content, not ``raw``.
    """

    architecture: str
    os: str
    rootfs: RootFS
    created: str | None = None
    author: str = ""
    os_version: str = ""
    os_features: tuple[str, ...] = ()
    variant: str = ""
    config: ContainerConfig = _EMPTY_CONTAINER
    history: tuple[History, ...] = ()
    raw: bytes = field(default=b"", init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        _constructed(self._check)
        _set(self, "raw", self.to_json())

    def _check(self) -> None:
        for attribute, member in (("architecture", "architecture"), ("os", "os"), ("author", "author"),
                                  ("os_version", "os.version"), ("variant", "variant")):  # fmt: skip
            _check_str(self, attribute, f"/{member}")
        _check_created(self, "/created")
        _check_strings(self, "os_features", "/os.features")
        for attribute, kind in (("rootfs", RootFS), ("config", ContainerConfig)):
            if not isinstance(getattr(self, attribute), kind):
                raise TypeError(
                    f"ImageConfig.{attribute} must be a {kind.__name__}, got {type(getattr(self, attribute)).__name__}"
                )
        history: object = self.history
        if type(history) is not tuple:
            if isinstance(history, (str, bytes)) or not isinstance(history, Iterable):
                raise TypeError(f"ImageConfig.history must be a tuple of History, got {type(history).__name__}")
            history = tuple(history)  # pyright: ignore[reportUnknownArgumentType]
            _set(self, "history", history)
        for step in history:
            if not isinstance(step, History):
                raise TypeError(f"ImageConfig.history must hold History values, got {type(step).__name__}")

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled as its bytes, so that a copy keeps them (and is checked again).
        return (_unpickle, (self.raw,))

    def platform(self) -> Platform:
        """The platform the image is for: os, architecture, variant, os.version and os.features."""
        return Platform(self.os, self.architecture, self.variant, self.os_version, self.os_features)

    def descriptor(self, media_type: str = OCI_IMAGE_CONFIG) -> Descriptor:
        """The descriptor of ``raw`` (pass Docker's config media type for a Docker image)."""
        return Descriptor(media_type, compute_digest(self.raw), len(self.raw))

    def to_json(self, *, indent: str | None = None) -> bytes:
        """The bytes Go writes for this configuration (see the module docstring for the member order)."""
        data = _json.dumps(self.to_json_object(), floats=False)
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
        obj["rootfs"] = {"type": self.rootfs.type, "diff_ids": [str.__str__(d) for d in self.rootfs.diff_ids]}
        if self.history:
            obj["history"] = [_history_object(step) for step in self.history]
        return obj


def _unpickle(raw: bytes) -> ImageConfig:
    # A value built here may be larger than the reader's default cap.
    return parse_image_config(raw, max_size=max(len(raw), DEFAULT_MAX_SIZE))


_HealthLayout: Final = layout_twin(HealthConfig)
_ContainerLayout: Final = layout_twin(ContainerConfig)
_RootFSLayout: Final = layout_twin(RootFS)
_HistoryLayout: Final = layout_twin(History)
_ConfigLayout: Final = layout_twin(ImageConfig)


def _make_health(
    test: tuple[str, ...], interval: int, timeout: int, start_period: int, start_interval: int, retries: int
) -> HealthConfig:
    health = _HealthLayout()
    health.test = test
    health.interval = interval
    health.timeout = timeout
    health.start_period = start_period
    health.start_interval = start_interval
    health.retries = retries
    return publish(health, HealthConfig)


def _make_container(
    user: str,
    exposed_ports: frozenset[str],
    env: tuple[str, ...],
    entrypoint: tuple[str, ...],
    cmd: tuple[str, ...],
    volumes: frozenset[str],
    working_dir: str,
    labels: FrozenMap[str, str],
    stop_signal: str,
    args_escaped: bool,
    healthcheck: HealthConfig | None,
    on_build: tuple[str, ...],
    shell: tuple[str, ...],
) -> ContainerConfig:
    container = _ContainerLayout()
    container.user = user
    container.exposed_ports = exposed_ports
    container.env = env
    container.entrypoint = entrypoint
    container.cmd = cmd
    container.volumes = volumes
    container.working_dir = working_dir
    container.labels = labels
    container.stop_signal = stop_signal
    container.args_escaped = args_escaped
    container.healthcheck = healthcheck
    container.on_build = on_build
    container.shell = shell
    return publish(container, ContainerConfig)


def _make_rootfs(diff_ids: tuple[Digest, ...]) -> RootFS:
    rootfs = _RootFSLayout()
    rootfs.diff_ids = diff_ids
    rootfs.type = "layers"
    return publish(rootfs, RootFS)


def _make_history(created: str | None, created_by: str, author: str, comment: str, empty_layer: bool) -> History:
    step = _HistoryLayout()
    step.created = created
    step.created_by = created_by
    step.author = author
    step.comment = comment
    step.empty_layer = empty_layer
    return publish(step, History)


def _make_config(
    architecture: str,
    os: str,
    rootfs: RootFS,
    created: str | None,
    author: str,
    os_version: str,
    os_features: tuple[str, ...],
    variant: str,
    config: ContainerConfig,
    history: tuple[History, ...],
    raw: bytes,
) -> ImageConfig:
    image = _ConfigLayout()
    image.architecture = architecture
    image.os = os
    image.rootfs = rootfs
    image.created = created
    image.author = author
    image.os_version = os_version
    image.os_features = os_features
    image.variant = variant
    image.config = config
    image.history = history
    image.raw = raw
    return publish(image, ImageConfig)


# -- writing --------------------------------------------------------------------------------


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
        if health.test:
            check["Test"] = list(health.test)
        for attribute, member in _HEALTH_DURATIONS:
            value = getattr(health, attribute)
            if value:
                check[member] = value
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

# Each reader takes a JSON object from the strict reader and faults at the
# member; the common case of each member (the right type, present) is tested
# inline, and the accessors say what is wrong otherwise.


def _str(obj: dict[str, JSON], key: str, pointer: str) -> str:
    value = obj.get(key)
    if type(value) is str:
        return value
    return _json.get_str(obj, key, pointer) or ""


def _created(obj: dict[str, JSON], pointer: str) -> str | None:
    created = obj.get("created")
    if type(created) is not str:
        if created is None and "created" not in obj:
            return None
        created = _json.require_str(obj, "created", pointer)
    if not is_rfc3339(created):
        raise Fault(_date_time_message(created), pointer=_json.join_pointer(pointer, "created"))
    return created


def _strings(obj: dict[str, JSON], key: str, pointer: str) -> tuple[str, ...]:
    """A list of strings that Go reads from ``null``, absent or ``[...]`` alike."""
    value = obj.get(key)
    if value is None:
        return ()
    if type(value) is list:
        for item in value:
            if type(item) is not str:
                break
        else:
            return tuple(value)  # type: ignore[arg-type]  # every item is a str
    return _json.get_str_list(obj, key, pointer) or ()


def _set_of(obj: dict[str, JSON], key: str, pointer: str) -> frozenset[str]:
    """A Go ``map[string]struct{}``: an object whose values are objects (their members ignored)."""
    members = obj.get(key)
    if members is None:
        return frozenset()
    if type(members) is not dict:
        raise _json.wrong_type(_json.join_pointer(pointer, key), "an object", members)
    for name, member in members.items():
        if type(member) is not dict:
            raise _json.wrong_type(_json.join_pointer(_json.join_pointer(pointer, key), name), "an object", member)
    return frozenset(members)


def _int(obj: dict[str, JSON], key: str, pointer: str) -> int:
    return _json.get_int(obj, key, pointer) or 0


def _bool(obj: dict[str, JSON], key: str, pointer: str) -> bool:
    value = obj.get(key)
    if value is True or value is False:
        return value
    return bool(_json.get_bool(obj, key, pointer))


def _read_health(value: JSON, pointer: str) -> HealthConfig:
    if type(value) is not dict:
        raise _json.wrong_type(pointer, "an object", value)
    return _make_health(
        _strings(value, "Test", pointer),
        _int(value, "Interval", pointer),
        _int(value, "Timeout", pointer),
        _int(value, "StartPeriod", pointer),
        _int(value, "StartInterval", pointer),
        _int(value, "Retries", pointer),
    )


def _read_container(value: JSON, pointer: str) -> ContainerConfig:
    if type(value) is not dict:
        raise _json.wrong_type(pointer, "an object", value)
    if not value:
        return _EMPTY_CONTAINER
    env = _strings(value, "Env", pointer)
    for index, entry in enumerate(env):
        if not _is_env(entry):
            raise Fault(_env_message(entry), pointer=f"{pointer}/Env/{index}")
    labels = None if value.get("Labels") is None else _json.get_str_map(value, "Labels", pointer)
    health = value.get("Healthcheck")
    return _make_container(
        _str(value, "User", pointer),
        _set_of(value, "ExposedPorts", pointer),
        env,
        _strings(value, "Entrypoint", pointer),
        _strings(value, "Cmd", pointer),
        _set_of(value, "Volumes", pointer),
        _str(value, "WorkingDir", pointer),
        adopt(labels) if labels else EMPTY,
        _str(value, "StopSignal", pointer),
        _bool(value, "ArgsEscaped", pointer),
        None if health is None else _read_health(health, f"{pointer}/Healthcheck"),
        _strings(value, "OnBuild", pointer),
        _strings(value, "Shell", pointer),
    )


def _read_rootfs(obj: dict[str, JSON]) -> RootFS:
    rootfs = _json.require_object(obj, "rootfs", "")
    kind = _json.require_str(rootfs, "type", "/rootfs")
    if kind != "layers":
        raise Fault(f"must be 'layers', got {kind!r}", pointer="/rootfs/type")
    texts = _strings(rootfs, "diff_ids", "/rootfs")
    diff_ids: list[Digest] = []
    for index, text in enumerate(texts):
        if is_registered_digest(text):
            diff_ids.append(_new_digest(text))
            continue
        try:
            diff_ids.append(parse_digest(text, allow_unregistered=True))
        except OCIError as exc:
            raise fault_from_error(exc, pointer=f"/rootfs/diff_ids/{index}") from None
    return _make_rootfs(tuple(diff_ids))


def _read_history(obj: dict[str, JSON]) -> tuple[History, ...]:
    steps = _json.get_list(obj, "history", "")
    if not steps:
        return ()
    read: list[History] = []
    for index, step in enumerate(steps):
        pointer = f"/history/{index}"
        if type(step) is not dict:
            raise _json.wrong_type(pointer, "an object", step)
        read.append(
            _make_history(
                _created(step, pointer),
                _str(step, "created_by", pointer),
                _str(step, "author", pointer),
                _str(step, "comment", pointer),
                _bool(step, "empty_layer", pointer),
            )
        )
    return tuple(read)


def _read_config(obj: dict[str, JSON], raw: bytes) -> ImageConfig:
    container = obj.get("config")
    return _make_config(
        _json.require_str(obj, "architecture", ""),
        _json.require_str(obj, "os", ""),
        _read_rootfs(obj),
        _created(obj, ""),
        _str(obj, "author", ""),
        _str(obj, "os.version", ""),
        _json.get_str_list(obj, "os.features", "") or (),
        _str(obj, "variant", ""),
        _EMPTY_CONTAINER if container is None and "config" not in obj else _read_container(container, "/config"),
        _read_history(obj),
        raw,
    )


# -- the fast scan's reader: every member in its plain form, or None ---------------------------
#
# One pass over each object's pairs, a table saying what each known member
# is; anything unusual (a member of the wrong type, null where the strict
# reader faults, a repeated key, an unregistered digest) answers None, and the
# strict reader above explains it. Unknown members are accepted when plain
# (plain_pairs), as the strict reader ignores them.

_NO: Final = object()  # "not the plain case"

# What a member is: a string, a list of strings (null is empty), a set (an
# object of objects, null is empty), a string map (null is empty), a boolean,
# an int64, a date-time; or a member its own reader takes afterwards.
_STR, _STRS, _SET, _MAP, _BOOL, _INT, _TIME, _LATER = range(8)

_HEALTH_MEMBERS: Final = {"Test": (0, _STRS), "Interval": (1, _INT), "Timeout": (2, _INT), "StartPeriod": (3, _INT),
                          "StartInterval": (4, _INT), "Retries": (5, _INT)}  # fmt: skip
_CONTAINER_MEMBERS: Final = {
    "User": (0, _STR), "ExposedPorts": (1, _SET), "Env": (2, _STRS), "Entrypoint": (3, _STRS), "Cmd": (4, _STRS),
    "Volumes": (5, _SET), "WorkingDir": (6, _STR), "Labels": (7, _MAP), "StopSignal": (8, _STR),
    "ArgsEscaped": (9, _BOOL), "Healthcheck": (10, _LATER), "OnBuild": (11, _STRS), "Shell": (12, _STRS),
}  # fmt: skip
_EMPTY_SET: Final[frozenset[str]] = frozenset()
_CONTAINER_DEFAULTS: Final[tuple[object, ...]] = (
    "", _EMPTY_SET, (), (), (), _EMPTY_SET, "", EMPTY, "", False, None, (), ()
)  # fmt: skip
_HISTORY_MEMBERS: Final = {"created": (0, _TIME), "created_by": (1, _STR), "author": (2, _STR), "comment": (3, _STR),
                           "empty_layer": (4, _BOOL)}  # fmt: skip
_HISTORY_DEFAULTS: Final = (None, "", "", "", False)
_CONFIG_MEMBERS: Final = {
    "architecture": (0, _STR), "os": (1, _STR), "rootfs": (2, _LATER), "created": (3, _TIME), "author": (4, _STR),
    "os.version": (5, _STR), "os.features": (6, _LATER), "variant": (7, _STR), "config": (8, _LATER),
    "history": (9, _LATER),
}  # fmt: skip


def _plain_member(kind: int, value: Scanned) -> object:
    """A member of one of the plain kinds, or ``_NO``."""
    if kind == _STRS:
        if value is None:
            return ()
        if type(value) is not list:
            return _NO
        for item in value:
            if type(item) is not str:
                return _NO
        return tuple(value)
    if kind == _TIME:
        return value if type(value) is str and is_rfc3339(value) else _NO
    if kind == _BOOL:
        return value if value is True or value is False else _NO
    if kind == _INT:
        return value if type(value) is int and _json.INT64_MIN <= value <= _json.INT64_MAX else _NO
    if value is None:
        return _EMPTY_SET if kind == _SET else EMPTY
    if type(value) is not tuple:
        return _NO
    if kind == _SET:
        for _, member in value:
            if type(member) is not tuple or (member and not plain_pairs(member)):
                return _NO
        names = frozenset(key for key, _ in value)
        return names if len(names) == len(value) else _NO
    strings: dict[str, str] = {}
    for key, member in value:
        if type(member) is not str:
            return _NO
        strings[key] = member
    if len(strings) != len(value):
        return _NO
    return adopt(strings) if strings else EMPTY


def _fields(value: Scanned, table: Mapping[str, tuple[int, int]], defaults: tuple[object, ...]) -> list[object] | None:
    """The members of an object of the fast scan in ``table``'s slots (``defaults`` for the absent), or ``None``.

    A member of kind ``_LATER`` is left raw in its slot, for its own reader.
    A repeated known member fills its slot twice (``seen`` says so); repeated
    unknown ones are found among the unknown keys.
    """
    if type(value) is not tuple:
        return None
    fields = list(defaults)
    seen = 0
    unknown: list[str] | None = None
    for key, member in value:
        entry = table.get(key)
        if entry is None:
            if (type(member) is tuple or type(member) is list) and not plain_pairs(member):
                return None
            if unknown is None:
                unknown = [key]
            else:
                unknown.append(key)
            continue
        slot, kind = entry
        bit = 1 << slot
        if seen & bit:
            return None  # a repeated key
        seen |= bit
        if kind == _STR:  # the commonest kinds, inline
            if type(member) is not str:
                return None
            fields[slot] = member
        elif kind == _STRS:
            if member is not None:
                if type(member) is not list:
                    return None
                for item in member:
                    if type(item) is not str:
                        return None
                fields[slot] = tuple(member)
        elif kind == _LATER:
            fields[slot] = member
        else:
            read = _plain_member(kind, member)
            if read is _NO:
                return None
            fields[slot] = read
    if unknown is not None and len(unknown) > 1 and len(set(unknown)) != len(unknown):
        return None
    return fields


_ABSENT: Final = object()
_CONFIG_DEFAULTS: Final = (None, None, _ABSENT, None, "", "", _ABSENT, "", _ABSENT, _ABSENT)


def _config_from_pairs(value: Pairs, raw: bytes) -> ImageConfig | None:
    fields = _fields(value, _CONFIG_MEMBERS, _CONFIG_DEFAULTS)
    if fields is None or fields[0] is None or fields[1] is None:
        return None
    # The members read later are raw values of the scan in their slots (or _ABSENT).
    rootfs = _rootfs_from_pairs(cast("Scanned", fields[2]))
    features = cast("Scanned", fields[6])
    fields[6] = () if features is _ABSENT else _plain_member(_STRS, features) if features is not None else _NO
    container = cast("Scanned", fields[8])
    fields[8] = _EMPTY_CONTAINER if container is _ABSENT else _container_from_pairs(container)
    history = cast("Scanned", fields[9])
    fields[9] = () if history is _ABSENT else _history_from_pairs(history)
    if rootfs is None or fields[6] is _NO or fields[8] is None or fields[9] is None:
        return None
    fields[2] = rootfs
    return _make_config(*fields, raw)  # type: ignore[arg-type, call-arg]  # the ten fields in order, each checked


def _container_from_pairs(value: Scanned) -> ContainerConfig | None:
    if value == ():
        return _EMPTY_CONTAINER
    fields = _fields(value, _CONTAINER_MEMBERS, _CONTAINER_DEFAULTS)
    if fields is None:
        return None
    for entry in cast("tuple[str, ...]", fields[2]):
        if not _is_env(entry):
            return None
    health = cast("Scanned", fields[10])
    if health is not None:
        health_fields = _fields(health, _HEALTH_MEMBERS, ((), 0, 0, 0, 0, 0))
        if health_fields is None:
            return None
        fields[10] = _make_health(*health_fields)  # type: ignore[arg-type]
    return _make_container(*fields)  # type: ignore[arg-type]


def _rootfs_from_pairs(value: Scanned) -> RootFS | None:
    if type(value) is not tuple:
        return None
    if value == (("type", "layers"),):
        return _make_rootfs(())
    if len(value) != 2:
        return None
    (key1, first), (key2, second) = value
    if key1 == "type" and key2 == "diff_ids":
        kind, diff_ids = first, second
    elif key1 == "diff_ids" and key2 == "type":
        kind, diff_ids = second, first
    else:
        return None
    if kind != "layers" or type(diff_ids) is not list:
        return None
    texts: list[str] = []
    for item in diff_ids:
        if type(item) is not str:
            return None
        texts.append(item)
    if not all_registered(texts):
        return None
    return _make_rootfs(tuple(map(_new_digest, texts)))


def _repeats(pairs: Pairs) -> bool:
    return len({key for key, _ in pairs}) != len(pairs)


def _history_from_pairs(value: Scanned) -> tuple[History, ...] | None:
    if type(value) is not list:
        return None
    steps: list[History] = []
    for pairs in value:
        if type(pairs) is not tuple:
            return None
        created: str | None = None
        created_by = author = comment = ""
        empty_layer = False
        seen = 0  # a bit for each known member read; an unknown one sends the check to _repeats
        for key, member in pairs:
            if key == "created":
                if seen & 1 or type(member) is not str or not is_rfc3339(member):
                    return None
                created, seen = member, seen | 1
            elif key == "created_by":
                if seen & 2 or type(member) is not str:
                    return None
                created_by, seen = member, seen | 2
            elif key == "empty_layer":
                if seen & 4 or (member is not True and member is not False):
                    return None
                empty_layer, seen = member, seen | 4
            elif key == "author":
                if seen & 8 or type(member) is not str:
                    return None
                author, seen = member, seen | 8
            elif key == "comment":
                if seen & 16 or type(member) is not str:
                    return None
                comment, seen = member, seen | 16
            else:
                seen |= 32
                if (type(member) is tuple or type(member) is list) and not plain_pairs(member):
                    return None
        if seen & 32 and _repeats(pairs):
            return None
        steps.append(_make_history(created, created_by, author, comment, empty_layer))
    return tuple(steps)


def parse_image_config(raw: Buffer | str, *, max_size: int = DEFAULT_MAX_SIZE) -> ImageConfig:
    """Read an image configuration (OCI or Docker), keeping its bytes.

    >>> parse_image_config(b'{"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": []}}').os
    'linux'

    A document of more than ``max_size`` bytes (4 MiB by default) is refused
    before it is read.

    :raises InvalidConfigError: the document is not strict JSON or breaks
        config.md; ``pointer`` names the member.
    """
    try:
        if type(max_size) is not int:
            raise TypeError(f"max_size must be an int, got {type(max_size).__name__}")
        data = as_bytes(raw, "an image configuration")
        scanned = scan_pairs(data, max_size)
        if type(scanned) is tuple:
            found = _config_from_pairs(scanned, data)
            if found is not None:
                return found
        # Anything but the plain case, and every fault, from the strict reader.
        return _read_config(load_object(data, "an image configuration", max_size), data)
    except Fault as fault:
        raise fault.as_error(InvalidConfigError) from None


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

    :raises TypeError: ``diff_ids`` is a single string, or not an iterable of strings.
    :raises InvalidDigestError: a diff ID is not a digest.
    """
    if isinstance(diff_ids, (str, bytes)) or not isinstance(diff_ids, Iterable):  # pyright: ignore[reportUnnecessaryIsInstance]  # callers pass anything
        raise TypeError(f"chain_ids() needs a sequence of digests, got {type(diff_ids).__name__}")
    checked: list[Digest] = []
    for item in diff_ids:
        if not isinstance(item, str):  # pyright: ignore[reportUnnecessaryIsInstance]  # callers pass anything
            raise TypeError(f"chain_ids() needs digests as str, got {type(item).__name__}")
        checked.append(parse_digest(str.__str__(item), allow_unregistered=True))
    if not checked:
        return ()
    return (checked[0], *(_new_str(Digest, text) for text in _chain(checked)[1:]))


def chain_id(diff_ids: Iterable[Digest | str]) -> Digest | None:
    """The ChainID of the whole stack (the last of :func:`chain_ids`), or ``None`` for no layers.

    :raises TypeError: as :func:`chain_ids`.
    :raises InvalidDigestError: as :func:`chain_ids`.
    """
    ids = chain_ids(diff_ids)
    return ids[-1] if ids else None

