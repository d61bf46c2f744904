"""Hypothesis strategies for descriptors, manifests, indexes, image configurations and JSON values."""

from __future__ import annotations

from hypothesis import strategies as st

from oci_core import mediatypes as mt
from oci_core.config import ContainerConfig, HealthConfig, History, ImageConfig, RootFS
from oci_core.descriptor import EMPTY_JSON, Descriptor, FrozenMap, describe
from oci_core.digest import ALGORITHMS, Digest, new_digest, parse_digest
from oci_core.manifest import ImageIndex, ImageManifest
from oci_core.platform import Platform

__all__ = [
    "descriptors",
    "digests",
    "image_configs",
    "image_indexes",
    "image_manifests",
    "json_text",
    "json_values",
    "media_types",
    "oci_platforms",
    "rfc3339",
]

#: Text strict JSON can carry: no surrogates, no noncharacters (I-JSON).
json_text = st.text(st.characters(exclude_categories=["Cs", "Cn"]), max_size=12)
_names = st.text(st.characters(exclude_categories=["Cs", "Cn"]), min_size=1, max_size=8)

_RESTRICTED = r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,15}"


def media_types() -> st.SearchStrategy[str]:
    """Known media types and any RFC 6838 ``type/subtype``."""
    return st.sampled_from(sorted(mt.KNOWN)) | st.from_regex(f"{_RESTRICTED}/{_RESTRICTED}", fullmatch=True)


def digests() -> st.SearchStrategy[Digest]:
    """Registered digests that can be computed, and unregistered grammatical ones."""
    registered = st.sampled_from([a for a in ALGORITHMS.values() if a.hasher is not None]).flatmap(
        lambda a: st.text("0123456789abcdef", min_size=a.encoded_length, max_size=a.encoded_length).map(
            lambda hex_text: new_digest(a.name, hex_text)
        )
    )
    grammatical = r"x[a-z0-9]{0,4}(?:[+._-][a-z0-9]{1,4}){0,2}:[a-zA-Z0-9=_-]{1,20}"
    unregistered = st.from_regex(grammatical, fullmatch=True).map(
        lambda text: parse_digest(text, allow_unregistered=True)
    )
    return registered | unregistered


_urls = st.from_regex(
    r"[a-z][a-z0-9+.-]{0,6}://[a-z0-9.-]{1,12}(?:/[A-Za-z0-9._~/-]{0,12}(?:%[0-9A-F]{2})?)?", fullmatch=True
)
_annotations = st.dictionaries(json_text, json_text, max_size=3).map(FrozenMap)


def oci_platforms(*, features: bool = False) -> st.SearchStrategy[Platform]:
    """Platforms as JSON carries them (image-spec's have no ``features``; Docker lists' may)."""
    return st.builds(
        Platform,
        os=json_text,
        architecture=json_text,
        variant=json_text,
        os_version=json_text,
        os_features=st.lists(json_text, max_size=2).map(tuple),
        features=st.lists(json_text, max_size=2).map(tuple) if features else st.just(()),
    )


@st.composite
def descriptors(draw: st.DrawFn, *, platform: bool | None = None, place: str = "oci") -> Descriptor:
    """Any valid descriptor for ``place`` ("descriptor" alone, "oci", "docker", "docker-list").

    ``platform`` forces one (True) or none (False). A Docker descriptor
    (distribution's ``Descriptor``) has no data or artifact type; a platform
    has ``features`` only alone or in a Docker manifest list.
    """
    docker = place in ("docker", "docker-list")
    media_type = draw(media_types())
    if not docker and draw(st.booleans()):
        content = draw(st.binary(max_size=8))
        base = describe(content, media_type, embed=True, algorithm=draw(st.sampled_from(["sha256", "sha512"])))
        digest, size, data = base.digest, base.size, base.data
    else:
        digest, size, data = draw(digests()), draw(st.integers(0, 2**63 - 1)), None
    with_platform = draw(st.booleans()) if platform is None else platform
    return Descriptor(
        media_type,
        digest,
        size,
        urls=tuple(draw(st.lists(_urls, max_size=2))),
        annotations=draw(_annotations),
        data=data,
        platform=draw(oci_platforms(features=place in ("descriptor", "docker-list"))) if with_platform else None,
        artifact_type=None if docker else draw(st.none() | media_types()),
    )


@st.composite
def image_manifests(draw: st.DrawFn) -> ImageManifest:
    """OCI image manifests (any optional member) and Docker schema2 manifests."""
    if draw(st.booleans()):
        return ImageManifest(
            config=draw(descriptors(place="docker")),
            layers=tuple(draw(st.lists(descriptors(place="docker"), max_size=3))),
            media_type=mt.DOCKER_MANIFEST_SCHEMA2,
        )
    config = draw(st.just(EMPTY_JSON) | descriptors())
    artifact_type = draw(media_types() if config.media_type == mt.OCI_EMPTY_JSON else st.none() | media_types())
    return ImageManifest(
        config=config,
        layers=tuple(draw(st.lists(descriptors(), min_size=1, max_size=3))),
        artifact_type=artifact_type,
        subject=draw(st.none() | descriptors()),
        annotations=draw(_annotations),
        omit_media_type=draw(st.booleans()),
    )


@st.composite
def image_indexes(draw: st.DrawFn) -> ImageIndex:
    """OCI image indexes and Docker manifest lists (whose entries all have a platform)."""
    if draw(st.booleans()):
        return ImageIndex(
            manifests=tuple(draw(st.lists(descriptors(platform=True, place="docker-list"), max_size=3))),
            media_type=mt.DOCKER_MANIFEST_LIST,
        )
    return ImageIndex(
        manifests=tuple(draw(st.lists(descriptors(), max_size=3))),
        artifact_type=draw(st.none() | media_types()),
        subject=draw(st.none() | descriptors()),
        annotations=draw(_annotations),
        omit_media_type=draw(st.booleans()),
    )


@st.composite
def rfc3339(draw: st.DrawFn) -> str:
    """Valid RFC 3339 date-times as Go reads them."""
    year = draw(st.integers(0, 9999))
    month = draw(st.integers(1, 12))
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    day = draw(st.integers(1, days))
    clock = f"{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}:{draw(st.integers(0, 59)):02d}"
    fraction = draw(st.just("") | st.text("0123456789", min_size=1, max_size=12).map(lambda d: "." + d))
    offset = draw(
        st.just("Z")
        | st.builds(
            lambda sign, h, m: f"{sign}{h:02d}:{m:02d}", st.sampled_from("+-"), st.integers(0, 23), st.integers(0, 59)
        )
    )
    return f"{year:04d}-{month:02d}-{day:02d}T{clock}{fraction}{offset}"


_env = st.builds(lambda name, value: f"{name}={value}", _names.filter(lambda n: "=" not in n and "\n" not in n),
                 json_text.filter(lambda v: "\n" not in v))
_strings = st.lists(json_text, max_size=3).map(tuple)
_sets = st.frozensets(json_text, max_size=3)


@st.composite
def image_configs(draw: st.DrawFn) -> ImageConfig:
    """Any valid image configuration, Docker extensions included."""
    health = st.builds(
        HealthConfig,
        test=_strings,
        interval=st.integers(0, 2**63 - 1),
        timeout=st.integers(0, 2**40),
        start_period=st.integers(0, 2**40),
        start_interval=st.integers(0, 2**40),
        retries=st.integers(0, 10),
    )
    container = st.builds(
        ContainerConfig,
        user=json_text,
        exposed_ports=_sets,
        env=st.lists(_env, max_size=3).map(tuple),
        entrypoint=_strings,
        cmd=_strings,
        volumes=_sets,
        working_dir=json_text,
        labels=_annotations,
        stop_signal=json_text,
        args_escaped=st.booleans(),
        healthcheck=st.none() | health,
        on_build=_strings,
        shell=_strings,
    )
    history = st.builds(
        History,
        created=st.none() | rfc3339(),
        created_by=json_text,
        author=json_text,
        comment=json_text,
        empty_layer=st.booleans(),
    )
    return ImageConfig(
        architecture=draw(json_text),
        os=draw(json_text),
        rootfs=RootFS(tuple(draw(st.lists(digests(), max_size=3)))),
        created=draw(st.none() | rfc3339()),
        author=draw(json_text),
        os_version=draw(json_text),
        os_features=tuple(draw(_strings)),
        variant=draw(json_text),
        config=draw(container),
        history=tuple(draw(st.lists(history, max_size=3))),
    )


#: Any JSON value (what a parser of parsed JSON may be handed).
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | json_text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(json_text, children, max_size=4),
    max_leaves=12,
)
