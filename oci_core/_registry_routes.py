"""Which v2 API route a request path reaches, as distribution's router matches it (private).

The registry's side of the URLs the builders make, for stubs in tests and for
checking URLs; :mod:`oci_core.registry` re-exports :func:`match_route` and
:class:`Route`.
"""

# pyright: reportUnnecessaryIsInstance=false
# (match_route takes arbitrary objects and answers a wrong kind with TypeError.)

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from ._kinds import NONE, check_fields
from ._values import layout_twin, publish
from .errors import OCIError
from .reference import TAG_PATTERN, parse_name

__all__ = ["Route", "match_route"]

_TAG_ONLY = re.compile(TAG_PATTERN, re.ASCII).fullmatch


_ROUTE: Final = (("name", (str,)), *((member, (str, NONE)) for member in ("repository", "reference", "digest", "uuid")))


@dataclass(frozen=True, slots=True)
class Route:
    """Which API route a request path reaches (distribution's v2 router) and its path variables."""

    name: str
    repository: str | None = None
    reference: str | None = None
    digest: str | None = None
    uuid: str | None = None

    def __post_init__(self) -> None:
        check_fields(self, _ROUTE)


Route.__module__ = "oci_core.registry"
_RouteLayout = layout_twin(Route)


def _route(
    name: str, repository: str | None = None, reference: str | None = None, digest: str | None = None,
    uuid: str | None = None,
) -> Route:
    """A Route of a path the router matched (built through its twin: the constructor's checks are for callers)."""
    found = _RouteLayout()
    found.name, found.repository, found.reference, found.digest, found.uuid = name, repository, reference, digest, uuid
    return publish(found, Route)


_UUID = re.compile(r"[a-zA-Z0-9_.=-]+", re.ASCII).fullmatch
_ROUTE_DIGEST = re.compile(r"[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+", re.ASCII).fullmatch


def _remove_dot_segments(path: str) -> str:
    segments: list[str] = []
    parts = path.split("/")
    for index, part in enumerate(parts):
        if part == "..":
            if len(segments) > 1:
                segments.pop()
        elif part != "." or index == 0:
            segments.append(part)
    if parts[-1] in (".", ".."):
        segments.append("")
    return "/".join(segments) or "/"


def _route_name(text: str) -> str | None:
    try:
        return parse_name(text).name
    except OCIError:
        return None


def match_route(path: str, prefix: str = "/") -> Route | None:
    """The v2 API route a request path reaches, as distribution's router matches it, or ``None`` (404).

    ``prefix`` is the registry's path prefix (``"/prefix/"``). Dot segments
    are removed first, as HTTP servers do. Names may include a registry
    host, as distribution's router allows.

    >>> match_route("/v2/foo/bar/manifests/tags")
    Route(name='manifest', repository='foo/bar', reference='tags', digest=None, uuid=None)
    >>> match_route("/v2/foo/bar/blobs/uploads/") .name
    'blob-upload'
    """
    if not isinstance(path, str) or not isinstance(prefix, str):
        raise TypeError("match_route takes str path and prefix")
    path = _remove_dot_segments(str(path.partition("?")[0]))
    base = "/" + str(prefix).strip("/") + "/v2/" if prefix.strip("/") else "/v2/"
    if not path.startswith(base):
        return None
    rest = path[len(base) :]
    if rest == "":
        return _route("base")
    if rest == "_catalog":
        return _route("catalog")
    segments = rest.split("/")
    if len(segments) >= 3 and segments[-2] == "manifests":
        reference = segments[-1]
        if _TAG_ONLY(reference) is not None or _ROUTE_DIGEST(reference) is not None:
            name = _route_name("/".join(segments[:-2]))
            if name is not None:
                return _route("manifest", name, reference=reference)
    if len(segments) >= 3 and segments[-2:] == ["tags", "list"]:
        name = _route_name("/".join(segments[:-2]))
        if name is not None:
            return _route("tags", name)
    if len(segments) >= 3 and segments[-2] == "blobs" and _ROUTE_DIGEST(segments[-1]) is not None:
        name = _route_name("/".join(segments[:-2]))
        if name is not None:
            return _route("blob", name, digest=segments[-1])
    if len(segments) >= 4 and segments[-3:-1] == ["blobs", "uploads"]:
        name = _route_name("/".join(segments[:-3]))
        if name is not None:
            if segments[-1] == "":
                return _route("blob-upload", name)
            if _UUID(segments[-1]) is not None:
                return _route("blob-upload-chunk", name, uuid=segments[-1])
    if len(segments) >= 3 and segments[-2] == "referrers" and _ROUTE_DIGEST(segments[-1]) is not None:
        name = _route_name("/".join(segments[:-2]))
        if name is not None:
            return _route("referrers", name, digest=segments[-1])
    return None
