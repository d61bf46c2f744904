"""The distribution API without I/O: request builders and response readers.

Every endpoint of the OCI distribution-spec ("Endpoints", end-1 to end-14,
plus the catalog) is a *builder* that returns a :class:`~oci_core.http.Request`
and a *reader* that takes ``(request, response)`` and returns a typed value
or raises an :class:`~oci_core.errors.OCIError`. The caller moves the bytes
with any HTTP client, sync or async; nothing here opens a socket or looks at a
clock (``now`` is an argument where time matters). Blob uploads, with their
state machine, are :mod:`oci_core.upload`.

=========  ==============================================  =====================================
end-1      ``GET /v2/``                                     :func:`check_api`, :func:`read_api_check`
end-2      ``GET``/``HEAD /v2/<name>/blobs/<digest>``        :func:`get_blob`, :func:`read_blob`, ...
end-3      ``GET``/``HEAD /v2/<name>/manifests/<ref>``       :func:`get_manifest`, :func:`read_manifest`
end-4..6   uploads                                          :mod:`oci_core.upload`
end-7      ``PUT /v2/<name>/manifests/<ref>[?tag=…]``        :func:`put_manifest`, :func:`read_manifest_put`
end-8      ``GET /v2/<name>/tags/list[?n=&last=]``           :func:`list_tags`, :func:`read_tags`, :class:`Listing`
end-9, 10  ``DELETE`` a manifest or a blob                  :func:`delete_manifest`, :func:`delete_blob`
end-11     mount                                            :mod:`oci_core.upload`
end-12     ``GET /v2/<name>/referrers/<digest>``             :func:`get_referrers`, :func:`read_referrers`
end-13, 14 upload status and cancel                         :mod:`oci_core.upload`
catalog    ``GET /v2/_catalog[?n=&last=]``                   :func:`list_catalog`, :func:`read_catalog`
=========  ==============================================  =====================================

What every reader checks, before it trusts a byte:

* the status: anything but the endpoint's success statuses raises the
  :class:`~oci_core.errors.RegistryError` that :func:`read_error` builds
  (:func:`read_error` itself *returns* it, for callers who branch);
* ``Content-Length`` against the body's cap before the body is used, and the
  body again (manifests :data:`MAX_MANIFEST_SIZE`, error bodies
  :data:`MAX_ERROR_SIZE`, listings :data:`MAX_LIST_SIZE`); :func:`body_limit`
  tells a streaming caller how much to read at most;
* ``Docker-Content-Digest`` parsed strictly and checked against the body, and
  the body checked against the digest that was asked for (``check_digest_header=False``
  is the opt-out for registries known to send a wrong header; the requested
  digest is always checked).

The module is split for reading: header fields and JSON bodies
(``_registry_read``), error answers (``_registry_errors``) and the server-side
routes (``_registry_routes``) are private modules whose public names this one
re-exports.

Credentials are the caller's (or :mod:`oci_core.auth`'s): every builder takes
``headers=`` (an ``Authorization`` value goes there) and attaches the
token ``scopes`` the request needs, which are never sent. A foreign layer's
``urls`` are fetched with :func:`get_foreign_blob`, which takes no headers.

>>> repo = Repository("https://registry.example", "library/alpine")
>>> r = get_manifest(repo, "3.20")
>>> r.url, r.scopes
('https://registry.example/v2/library/alpine/manifests/3.20', ('repository:library/alpine:pull',))
"""

# pyright: reportUnnecessaryIsInstance=false
# (Readers and builders take arbitrary objects and answer a wrong kind with TypeError or an
# OCIError, so they check at run time what the annotations already say.)

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from hashlib import sha256 as _sha256
from typing import TYPE_CHECKING, Final, cast

from ._http import field_index, make_headers, make_request
from ._kinds import NONE, check_fields
from ._registry_errors import ERROR_CODES, MAX_ERROR_SIZE, ErrorCode, ErrorDetail, error_details, read_error
from ._registry_read import (
    MAX_LINK_LENGTH,
    MAX_LINKS,
    Link,
    RateLimit,
    load_json,
    next_page_url,
    parse_content_length,
    parse_docker_content_digest,
    parse_link,
    parse_retry_after,
)
from ._registry_routes import Route, match_route
from ._values import layout_twin, publish
from .descriptor import Descriptor
from .digest import ALGORITHMS, Digest, DigestVerifier, compute_digest, parse_digest
from .errors import (
    BodyTooLargeError,
    DigestMismatchError,
    InvalidHeaderError,
    InvalidReferenceError,
    InvalidURLError,
    LocalProtocolError,
    OCIError,
    RemoteProtocolError,
    SizeMismatchError,
)
from .http import Headers, Request, Response, origin, resolve_url, with_query
from .manifest import ImageIndex, ImageManifest, detect_media_type, parse_image_index, parse_manifest
from .mediatypes import (
    DOCKER_MANIFEST_LIST,
    DOCKER_MANIFEST_SCHEMA2,
    KNOWN,
    OCI_IMAGE_INDEX,
    OCI_IMAGE_MANIFEST,
    is_schema1,
    parse_media_type,
)
from .partial import add_referrer, filter_referrers, remove_referrer
from .reference import PATH_PATTERN, TAG_PATTERN, Reference, default_scheme, registry_host

if TYPE_CHECKING:
    from ._json import JSON
    from .http import HeadersLike

__all__ = [
    "API_VERSION_HEADER",
    "DEFAULT_ACCEPT",
    "DEFAULT_MAX_PAGES",
    "ERROR_CODES",
    "MAX_ERROR_SIZE",
    "MAX_LINKS",
    "MAX_LINK_LENGTH",
    "MAX_LIST_SIZE",
    "MAX_MANIFEST_SIZE",
    "ApiCheck",
    "BlobHead",
    "BlobStream",
    "Catalog",
    "ErrorCode",
    "ErrorDetail",
    "Link",
    "Listing",
    "ManifestHead",
    "ManifestPut",
    "ManifestResponse",
    "RateLimit",
    "Referrers",
    "Repository",
    "Route",
    "Tags",
    "accept_header",
    "body_limit",
    "check_api",
    "delete_blob",
    "delete_manifest",
    "get_blob",
    "get_foreign_blob",
    "get_manifest",
    "get_referrers",
    "get_referrers_fallback",
    "head_blob",
    "head_manifest",
    "list_catalog",
    "list_tags",
    "match_route",
    "next_page_url",
    "parse_content_length",
    "parse_docker_content_digest",
    "parse_link",
    "parse_retry_after",
    "put_manifest",
    "put_referrers_fallback",
    "read_api_check",
    "read_blob",
    "read_blob_head",
    "read_catalog",
    "read_deleted",
    "read_error",
    "read_manifest",
    "read_manifest_head",
    "read_manifest_put",
    "read_referrers",
    "read_referrers_fallback",
    "read_tags",
    "update_referrers_fallback",
]

# -- policy ------------------------------------------------------------------------------------------

#: Registries cap manifests at 4 MiB (distribution-spec, "Pushing Manifests"); so does every reader here.
MAX_MANIFEST_SIZE: Final = 4 * 1024 * 1024
#: A tags list, catalog page or referrers list is refused past 4 MiB.
MAX_LIST_SIZE: Final = 4 * 1024 * 1024
#: How many pages a :class:`Listing` follows before it stops.
DEFAULT_MAX_PAGES: Final = 1000
#: The response header that says a registry speaks the v2 API (distribution-spec, end-1).
API_VERSION_HEADER: Final = "Docker-Distribution-API-Version"

#: What a manifest GET accepts by default: OCI index and manifest, Docker list and schema2. Never schema1.
DEFAULT_ACCEPT: Final = (OCI_IMAGE_INDEX, OCI_IMAGE_MANIFEST, DOCKER_MANIFEST_LIST, DOCKER_MANIFEST_SCHEMA2)

# The success statuses of each endpoint (distribution-spec's endpoint table; HEAD as GET).
_SUCCESS: Final[Mapping[str, frozenset[int]]] = {
    "api": frozenset({200}),
    "manifest": frozenset({200}),
    "manifest-put": frozenset({201}),
    "delete": frozenset({202}),
    "blob": frozenset({200, 206}),
    "blob-head": frozenset({200}),
    "list": frozenset({200}),
    "referrers": frozenset({200}),
}

# -- values -------------------------------------------------------------------------------------------


_NAME = re.compile(PATH_PATTERN, re.ASCII).fullmatch
_TAG = re.compile(TAG_PATTERN, re.ASCII).fullmatch


def _check_name(name: object) -> str:
    if not isinstance(name, str):
        raise TypeError(f"a repository name must be a str, got {type(name).__name__}")
    name = str(name)
    if len(name) > 255 or _NAME(name) is None:
        raise InvalidReferenceError(
            "invalid repository name (distribution-spec <name>: lowercase path components)", text=name
        )
    return name


def _check_root(root: object) -> str:
    if not isinstance(root, str):
        raise TypeError(f"a registry root URL must be a str, got {type(root).__name__}")
    root = str(root)
    origin(root)  # InvalidURLError unless an absolute http(s) URL
    if "?" in root or "#" in root:
        raise InvalidURLError("a registry root URL has no query or fragment", text=root)
    return root.rstrip("/")


@dataclass(frozen=True, slots=True)
class Repository:
    """A repository on a registry: the registry's root URL and the repository ``name``.

    >>> Repository("http://localhost:5000/", "a/b").root
    'http://localhost:5000'
    >>> from oci_core.reference import parse_name
    >>> Repository.from_reference(parse_name("localhost:5000/a/b")).root
    'http://localhost:5000'

    ``root`` is ``scheme://host[:port]`` with an optional path prefix
    (``https://h/prefix``), which the ``/v2/`` paths are appended to; a
    trailing ``/`` is dropped. ``name`` follows distribution-spec's ``<name>``
    grammar (at most 255 characters).

    :raises InvalidURLError: ``root`` is not an absolute http(s) URL.
    :raises InvalidReferenceError: ``name`` is not a repository name.
    """

    root: str
    name: str

    def __post_init__(self) -> None:
        root, name = _check_root(self.root), _check_name(self.name)
        if root != self.root:
            object.__setattr__(self, "root", root)  # the one normalisation: a trailing "/"
        if type(self.name) is not str:
            object.__setattr__(self, "name", name)

    @classmethod
    def from_reference(cls, reference: Reference, *, scheme: str | None = None) -> Repository:
        """The repository a reference names: its registry host (Docker Hub's API host for
        ``docker.io``) reached over ``scheme``, by default :func:`~oci_core.reference.default_scheme`."""
        if not isinstance(reference, Reference):
            raise TypeError(f"from_reference takes a Reference, got {type(reference).__name__}")
        chosen = scheme if scheme is not None else default_scheme(reference.domain)
        if chosen not in ("http", "https"):
            raise ValueError(f"scheme must be 'http' or 'https', got {chosen!r}")
        return cls(f"{chosen}://{registry_host(reference.domain)}", reference.path)

    @property
    def base(self) -> str:
        """``root`` + ``/v2/``: the API's base URL (end-1)."""
        return f"{self.root}/v2/"

    def scope(self, actions: str) -> str:
        """The token scope for ``actions`` on this repository: ``repository:<name>:<actions>``."""
        if not isinstance(actions, str):
            raise TypeError(f"Repository.scope() actions must be a str, got {type(actions).__name__}")
        return f"repository:{self.name}:{actions}"


# -- the values' kinds (the error contract's TypeError: a reader builds them, a caller may too) --------

_API_CHECK: Final = (
    ("authorized", (bool,)),
    ("status", (int,)),
    ("challenges", (tuple,), (str,)),
    ("api_version", (str, NONE)),
)
_MANIFEST_RESPONSE: Final = (("raw", (bytes,)), ("digest", (Digest,)), ("media_type", (str,)))
_MANIFEST_HEAD: Final = (("digest", (Digest, NONE)), ("media_type", (str, NONE)), ("size", (int, NONE)))
_MANIFEST_PUT: Final = (("digest", (Digest, NONE)), ("location", (str, NONE)), ("subject", (Digest, NONE)))
_BLOB_HEAD: Final = (("size", (int, NONE)), ("digest", (Digest, NONE)))
_BLOB_STREAM: Final = (("verifier", (DigestVerifier,)), ("skip", (int,)), ("offset", (int,)), ("length", (int, NONE)))
_TAGS: Final = (("name", (str,)), ("tags", (tuple,), (str,)), ("next_url", (str, NONE)))
_CATALOG: Final = (("repositories", (tuple,), (str,)), ("next_url", (str, NONE)))
_REFERRERS: Final = (
    ("descriptors", (tuple,), (Descriptor,)),
    ("fallback", (bool,)),
    ("filtered_by_registry", (bool,)),
    ("next_url", (str, NONE)),
    ("index", (ImageIndex, NONE)),
)
_LISTING: Final = (
    ("kind", (str,)),
    ("request", (Request, NONE)),
    ("pages", (int,)),
    ("max_pages", (int,)),
    ("seen", (frozenset,)),
    ("truncated", (bool,)),
    ("looped", (bool,)),
)


@dataclass(frozen=True, slots=True)
class ApiCheck:
    """What ``GET /v2/`` answered: whether the request was authorised, the challenges, the API version."""

    authorized: bool
    status: int
    challenges: tuple[str, ...]
    api_version: str | None


    def __post_init__(self) -> None:
        check_fields(self, _API_CHECK)


@dataclass(frozen=True, slots=True)
class ManifestResponse:
    """A manifest as received and verified: its exact bytes, their digest and the media type.

    ``raw`` was checked against the digest that was asked for (pull by
    digest) and against ``Docker-Content-Digest``; ``digest`` is the
    requested digest, else the header's, else the sha256 of ``raw``.
    :meth:`parse` reads it as an image manifest or index.
    """

    raw: bytes
    digest: Digest
    media_type: str


    def __post_init__(self) -> None:
        check_fields(self, _MANIFEST_RESPONSE)

    @property
    def size(self) -> int:
        """``len(raw)``."""
        return len(self.raw)

    def descriptor(self) -> Descriptor:
        """The descriptor of these bytes (media type, digest, size)."""
        return Descriptor(self.media_type, self.digest, len(self.raw))

    def parse(self) -> ImageManifest | ImageIndex:
        """The manifest or index, read with the response's media type (:func:`~oci_core.manifest.parse_manifest`)."""
        try:
            document = parse_manifest(self.raw)
        except OCIError:
            document = None
        if document is not None and document.media_type == self.media_type and not document.omit_media_type:
            # The body names the Content-Type's kind itself: the check with the Content-Type agrees.
            return document
        return parse_manifest(self.raw, self.media_type)


@dataclass(frozen=True, slots=True)
class ManifestHead:
    """What a manifest ``HEAD`` answered: the digest (``None`` when the registry sent none and
    the request was by tag), the media type and the size."""

    digest: Digest | None
    media_type: str | None
    size: int | None


    def __post_init__(self) -> None:
        check_fields(self, _MANIFEST_HEAD)


@dataclass(frozen=True, slots=True)
class ManifestPut:
    """What a manifest ``PUT`` answered: the digest the registry stored, its ``Location``, and the
    ``OCI-Subject`` digest when the registry processed a ``subject`` (else the client must update the
    referrers fallback tag, see :func:`put_referrers_fallback`)."""

    digest: Digest | None
    location: str | None
    subject: Digest | None


    def __post_init__(self) -> None:
        check_fields(self, _MANIFEST_PUT)


@dataclass(frozen=True, slots=True)
class BlobHead:
    """What a blob ``HEAD`` answered: its size and ``Docker-Content-Digest`` (when sent)."""

    size: int | None
    digest: Digest | None


    def __post_init__(self) -> None:
        check_fields(self, _BLOB_HEAD)


@dataclass(frozen=True, slots=True, eq=False)
class BlobStream:
    """How to read a blob body that the reader has vetted by its status and headers.

    Feed the body's bytes to ``verifier`` after dropping the first ``skip``
    bytes (non-zero when a 200 answered a ``Range`` request: the registry
    sent the whole blob, and the first ``offset`` bytes are already the
    caller's); ``verifier`` raises
    :class:`~oci_core.errors.SizeMismatchError` at the first byte past the
    announced size. Call ``verifier.verify()`` at the end. ``offset`` is
    where this body's bytes (after the skip) start in the blob; ``length``
    the bytes the response announced (``Content-Length``), if it did.

    The one value here that is not immutable: ``verifier`` is a running hash.
    """

    verifier: DigestVerifier
    skip: int
    offset: int
    length: int | None


    def __post_init__(self) -> None:
        check_fields(self, _BLOB_STREAM)


@dataclass(frozen=True, slots=True)
class Tags:
    """A page of a tags list (end-8): the repository ``name``, its ``tags`` and the next page's URL."""

    name: str
    tags: tuple[str, ...]
    next_url: str | None


    def __post_init__(self) -> None:
        check_fields(self, _TAGS)


@dataclass(frozen=True, slots=True)
class Catalog:
    """A page of the catalog: ``repositories`` and the next page's URL."""

    repositories: tuple[str, ...]
    next_url: str | None


    def __post_init__(self) -> None:
        check_fields(self, _CATALOG)


@dataclass(frozen=True, slots=True)
class Referrers:
    """The referrers of a manifest (end-12, or the fallback tag schema).

    ``descriptors`` are the referrer manifests' descriptors, already filtered
    by ``artifactType`` when one was asked for (by the registry when it
    said so in ``OCI-Filters-Applied``, else here: ``filtered_by_registry``
    tells which). ``fallback`` is true when the registry has no referrers
    API (a 404 that is not ``NAME_UNKNOWN``): then ``descriptors`` is empty
    and the caller reads the fallback tag (:func:`get_referrers_fallback`).
    ``next_url`` is the next page, if any. ``index`` is the referrers index as
    read (``None`` when there was none yet), which :func:`update_referrers_fallback`
    builds on.
    """

    descriptors: tuple[Descriptor, ...]
    fallback: bool = False
    filtered_by_registry: bool = False
    next_url: str | None = None
    index: ImageIndex | None = None


    def __post_init__(self) -> None:
        check_fields(self, _REFERRERS)


# -- building requests --------------------------------------------------------------------------------

_IDENTITY: Final = ("Accept-Encoding", "identity")
_DEFAULT_ACCEPT_VALUE: Final = ", ".join(DEFAULT_ACCEPT)
_MANIFEST_GET_FIELDS: Final = (("Accept", _DEFAULT_ACCEPT_VALUE), _IDENTITY)
_EMPTY: Final = Headers()


def accept_header(media_types: Iterable[str] = DEFAULT_ACCEPT) -> str:
    """The ``Accept`` value for a manifest request; the default lists the OCI index and manifest
    and Docker's manifest list and schema2.

    >>> accept_header(["application/vnd.oci.image.manifest.v1+json"])
    'application/vnd.oci.image.manifest.v1+json'

    :raises ValueError: a media type is malformed or is Docker schema1 (never asked for:
        this library does not read it), or there is none.
    """
    if isinstance(media_types, (str, bytes, bytearray, memoryview)):
        raise TypeError(f"accept_header takes a sequence of media types, not {type(media_types).__name__}")
    chosen: list[str] = []
    for media_type in media_types:
        if not isinstance(media_type, str):
            raise TypeError(f"accept_header takes media types as str, got {type(media_type).__name__}")
        try:
            parsed = parse_media_type(media_type)
        except OCIError as exc:
            raise ValueError(f"not a media type: {media_type!r} ({exc.message})") from None
        if is_schema1(parsed):
            raise ValueError(f"Docker schema1 ({media_type}) is never requested: it cannot be read here")
        chosen.append(str(media_type))
    if not chosen:
        raise ValueError("accept_header needs at least one media type")
    return ", ".join(chosen)


def _reference_part(reference: object) -> str:
    """A tag or a digest, checked, for a manifest URL."""
    if type(reference) is Digest:
        return reference
    if not isinstance(reference, str):
        raise TypeError(f"a manifest reference is a tag or a digest str, got {type(reference).__name__}")
    reference = str(reference)
    if _TAG(reference) is not None:
        return reference
    if ":" in reference:
        return parse_digest(reference)
    raise InvalidReferenceError(
        "reference must have a tag or digest" if not reference else "invalid tag format", text=reference
    )


def _merge(fields: tuple[tuple[str, str], ...], headers: HeadersLike) -> Headers:
    """Our fields, then the caller's (which replace ours of the same name)."""
    if headers == ():
        return make_headers(fields) if fields else _EMPTY
    extra = Headers(headers)
    if not extra.fields:
        return make_headers(fields)
    names = {name.lower() for name, _ in extra.fields}
    return make_headers((*(pair for pair in fields if pair[0].lower() not in names), *extra.fields))


def _checked_accept(accept: object) -> str:
    if not isinstance(accept, str):
        raise TypeError(f"accept must be a str, got {type(accept).__name__}")
    return Headers([("Accept", str(accept))]).get("Accept") or ""


def _check_repo(repo: object) -> Repository:
    if type(repo) is not Repository:
        raise TypeError(f"expected a Repository, got {type(repo).__name__}")
    return repo


def check_api(root: str, *, headers: HeadersLike = ()) -> Request:
    """``GET /v2/`` (end-1): does the registry speak the v2 API, and does it want credentials?

    >>> check_api("http://localhost:5000").url
    'http://localhost:5000/v2/'
    """
    return Request("GET", f"{_check_root(root)}/v2/", headers)


def get_manifest(
    repo: Repository,
    reference: str,
    *,
    accept: str | None = None,
    headers: HeadersLike = (),
) -> Request:
    """``GET /v2/<name>/manifests/<reference>`` (end-3), by tag or digest.

    ``accept`` is an ``Accept`` value (:func:`accept_header`), by default the
    four manifest and index types. ``Accept-Encoding: identity`` is always
    sent: a decoded body would no longer have its digest.

    >>> get_manifest(Repository("https://r.example", "a"), "v1").headers.get("accept-encoding")
    'identity'

    :raises InvalidReferenceError: ``reference`` is neither a tag nor a digest.
    """
    repo = _check_repo(repo)
    part = _reference_part(reference)
    fields = _MANIFEST_GET_FIELDS if accept is None else (("Accept", _checked_accept(accept)), _IDENTITY)
    return _build("GET", f"{repo.root}/v2/{repo.name}/manifests/{part}", fields, headers, (repo.scope("pull"),))


def head_manifest(repo: Repository, reference: str, *, accept: str | None = None, headers: HeadersLike = ()) -> Request:
    """``HEAD /v2/<name>/manifests/<reference>`` (end-3): does it exist, and what is its digest?"""
    request = get_manifest(repo, reference, accept=accept, headers=headers)
    return _build("HEAD", request.url, request.headers.fields, (), request.scopes)


def put_manifest(
    repo: Repository,
    reference: str,
    body: bytes,
    media_type: str,
    *,
    tags: Iterable[str] = (),
    headers: HeadersLike = (),
) -> Request:
    """``PUT /v2/<name>/manifests/<reference>`` (end-7a), with ``?tag=`` for each of ``tags`` (end-7b,
    which needs ``reference`` to be the digest).

    ``media_type`` is sent as ``Content-Type`` (it must match the body's
    ``mediaType`` where the body has one).

    >>> repo = Repository("https://r.example", "a")
    >>> r = put_manifest(repo, "v1", b"{}", "application/vnd.oci.image.manifest.v1+json")
    >>> r.url, r.headers.get("content-length")
    ('https://r.example/v2/a/manifests/v1', '2')

    :raises InvalidReferenceError: ``reference`` or a tag is malformed, or ``tags`` come with a tag reference.
    """
    repo = _check_repo(repo)
    part = _reference_part(reference)
    if type(body) is not bytes:
        raise TypeError(f"a manifest body is bytes, got {type(body).__name__}")
    if not isinstance(media_type, str):
        raise TypeError(f"put_manifest() media_type must be a str, got {type(media_type).__name__}")
    parse_media_type(media_type)
    if isinstance(tags, str):
        raise TypeError("tags is a sequence of tags, not one str")
    tag_list = [_reference_part(tag) for tag in tags]
    url = f"{repo.root}/v2/{repo.name}/manifests/{part}"
    if tag_list:
        if type(part) is not Digest or any(type(tag) is Digest for tag in tag_list):
            raise InvalidReferenceError("pushing several tags at once needs the digest as the reference", text=part)
        url = with_query(url, [("tag", tag) for tag in tag_list])
    fields = (("Content-Type", media_type), ("Content-Length", str(len(body))))
    return _build("PUT", url, fields, headers, (repo.scope("pull,push"),), body)


def delete_manifest(repo: Repository, reference: str, *, headers: HeadersLike = ()) -> Request:
    """``DELETE /v2/<name>/manifests/<reference>`` (end-9; a tag deletes only the tag where supported)."""
    repo = _check_repo(repo)
    part = _reference_part(reference)
    return _build("DELETE", f"{repo.root}/v2/{repo.name}/manifests/{part}", (), headers, (repo.scope("delete"),))


def _digest_arg(digest: object, name: str = "digest") -> Digest:
    """A digest argument: a Digest, or its text (parsed); anything else is the caller's mistake."""
    if type(digest) is Digest:
        return digest
    if not isinstance(digest, str):
        raise TypeError(f"{name} must be a Digest or a str, got {type(digest).__name__}")
    return parse_digest(str(digest))


def _int_arg(value: object, name: str, minimum: int = 0) -> int:
    if type(value) is not int:
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be an int of at least {minimum}, got {value}")
    return value


def _flag_arg(value: object, name: str) -> None:
    if type(value) is not bool:
        raise TypeError(f"{name} must be a bool, got {type(value).__name__}")


def _blob_url(repo: Repository, digest: object) -> str:
    checked = _digest_arg(digest)
    return f"{repo.root}/v2/{repo.name}/blobs/{checked}"


def get_blob(repo: Repository, digest: Digest | str, *, offset: int = 0, headers: HeadersLike = ()) -> Request:
    """``GET /v2/<name>/blobs/<digest>`` (end-2); ``offset`` > 0 asks for the rest from there
    (``Range: bytes=<offset>-``) to resume a download. Read the answer with :func:`read_blob`.

    >>> get_blob(Repository("https://r.example", "a"), "sha256:" + "a" * 64, offset=10).headers.get("range")
    'bytes=10-'
    """
    repo = _check_repo(repo)
    _int_arg(offset, "offset")
    fields = (_IDENTITY, ("Range", f"bytes={offset}-")) if offset else (_IDENTITY,)
    return _build("GET", _blob_url(repo, digest), fields, headers, (repo.scope("pull"),))


def head_blob(repo: Repository, digest: Digest | str, *, headers: HeadersLike = ()) -> Request:
    """``HEAD /v2/<name>/blobs/<digest>`` (end-2): does the blob exist, and how big is it?"""
    repo = _check_repo(repo)
    return _build("HEAD", _blob_url(repo, digest), (_IDENTITY,), headers, (repo.scope("pull"),))


def delete_blob(repo: Repository, digest: Digest | str, *, headers: HeadersLike = ()) -> Request:
    """``DELETE /v2/<name>/blobs/<digest>`` (end-10)."""
    repo = _check_repo(repo)
    return _build("DELETE", _blob_url(repo, digest), (), headers, (repo.scope("delete"),))


def get_foreign_blob(descriptor: Descriptor, index: int = 0) -> Request:
    """``GET`` one of a descriptor's ``urls`` (a foreign layer): never with credentials.

    There is no ``headers=`` here on purpose: the URL is whatever the
    manifest's author wrote, so no ``Authorization`` may go there.

    >>> from oci_core.descriptor import describe
    >>> d = describe(b"x", "application/vnd.oci.image.layer.nondistributable.v1.tar", urls=("https://cdn.example/x",))
    >>> get_foreign_blob(d).headers
    Headers([('Accept-Encoding', 'identity')])

    :raises InvalidURLError: that URL is not an http(s) URL this library fetches.
    :raises IndexError: the descriptor has no URL at ``index``.
    """
    if not isinstance(descriptor, Descriptor):
        raise TypeError(f"get_foreign_blob takes a Descriptor, got {type(descriptor).__name__}")
    if type(index) is not int:
        raise TypeError(f"get_foreign_blob() index must be an int, got {type(index).__name__}")
    return Request("GET", descriptor.urls[index], (_IDENTITY,))


def list_tags(repo: Repository, *, n: int | None = None, last: str | None = None, headers: HeadersLike = ()) -> Request:
    """``GET /v2/<name>/tags/list[?n=<n>&last=<last>]`` (end-8a, end-8b).

    >>> list_tags(Repository("https://r.example", "a"), n=2, last="v1").url
    'https://r.example/v2/a/tags/list?n=2&last=v1'
    """
    repo = _check_repo(repo)
    url = with_query(f"{repo.root}/v2/{repo.name}/tags/list", _page_params(n, last))
    return _build("GET", url, (), headers, (repo.scope("pull"),))


def list_catalog(root: str, *, n: int | None = None, last: str | None = None, headers: HeadersLike = ()) -> Request:
    """``GET /v2/_catalog[?n=<n>&last=<last>]``: the repositories (not in the OCI spec; distribution's)."""
    url = with_query(f"{_check_root(root)}/v2/_catalog", _page_params(n, last))
    return _build("GET", url, (), headers, ("registry:catalog:*",))


def _page_params(n: int | None, last: str | None) -> list[tuple[str, str]]:
    params: list[tuple[str, str]] = []
    if n is not None:
        _int_arg(n, "n")
        params.append(("n", str(n)))
    if last is not None:
        if not isinstance(last, str):
            raise TypeError(f"last must be a str, got {type(last).__name__}")
        params.append(("last", str(last)))
    return params


def get_referrers(
    repo: Repository, digest: Digest | str, *, artifact_type: str | None = None, headers: HeadersLike = ()
) -> Request:
    """``GET /v2/<name>/referrers/<digest>[?artifactType=<type>]`` (end-12a, end-12b).

    >>> get_referrers(Repository("https://r.example", "a"), "sha256:" + "b" * 64, artifact_type="a/b").url[-23:]
    'bbbb?artifactType=a%2Fb'
    """
    repo = _check_repo(repo)
    checked = _digest_arg(digest)
    url = f"{repo.root}/v2/{repo.name}/referrers/{checked}"
    if artifact_type is not None:
        if not isinstance(artifact_type, str):
            raise TypeError(f"artifact_type must be a str or None, got {type(artifact_type).__name__}")
        parse_media_type(artifact_type)
        url = with_query(url, [("artifactType", artifact_type)])
    return _build("GET", url, (("Accept", OCI_IMAGE_INDEX),), headers, (repo.scope("pull"),))


def get_referrers_fallback(repo: Repository, tag: str, *, headers: HeadersLike = ()) -> Request:
    """``GET`` the referrers fallback tag's index (distribution-spec, "Referrers Tag Schema").

    ``tag`` is :func:`oci_core.partial.referrers_tag` of the subject's digest.
    Read the answer with :func:`read_referrers_fallback`.
    """
    return get_manifest(repo, tag, accept=OCI_IMAGE_INDEX, headers=headers)


def put_referrers_fallback(repo: Repository, tag: str, index: bytes, *, headers: HeadersLike = ()) -> Request:
    """``PUT`` a new referrers fallback index under ``tag`` (the client half of pushing a manifest
    with a ``subject`` to a registry without the referrers API)."""
    return put_manifest(repo, tag, index, OCI_IMAGE_INDEX, headers=headers)


def _build(
    method: str,
    url: str,
    fields: tuple[tuple[str, str], ...],
    headers: HeadersLike,
    scopes: tuple[str, ...],
    body: bytes | None = None,
) -> Request:
    return make_request(method, url, _merge(fields, headers), body, None, scopes)


# -- reading bodies ----------------------------------------------------------------------------------


def _content_length(response: Response) -> int | None:
    values = response.headers.get_all("Content-Length")
    if not values:
        return None
    try:
        return parse_content_length(", ".join(values))
    except InvalidHeaderError as exc:
        raise RemoteProtocolError(exc.message, text=exc.text) from None


def body_limit(response: Response, *, max_size: int = MAX_MANIFEST_SIZE, max_error_size: int = MAX_ERROR_SIZE) -> int:
    """How many body bytes to read at most for a response whose status and headers have arrived.

    An error status gets ``max_error_size``, anything else ``max_size``. The
    answer is ``Content-Length`` when announced, else the cap plus one (so
    that a reader can tell an oversize body).

    >>> body_limit(Response(200, {"Content-Length": "1500"})), body_limit(Response(404))
    (1500, 65537)

    :raises BodyTooLargeError: ``Content-Length`` is over the cap (for a success status).
    :raises RemoteProtocolError: ``Content-Length`` is malformed.
    """
    if not isinstance(response, Response):
        raise TypeError(f"body_limit() takes a Response, got {type(response).__name__}")
    _int_arg(max_size, "max_size")
    _int_arg(max_error_size, "max_error_size")
    length = _content_length(response)
    cap = max_error_size if response.status >= 400 else max_size
    if length is None:
        return cap + 1
    if length > cap:
        if response.status >= 400:
            return cap + 1  # read_error keeps the first bytes
        raise BodyTooLargeError(f"the response announces {length} bytes, over the limit of {cap}")
    return length


def _checked_body(response: Response, cap: int, what: str) -> bytes:
    _int_arg(cap, "max_size")
    length = _content_length(response)
    if length is not None and length > cap:
        raise BodyTooLargeError(f"{what} announces {length} bytes, over the limit of {cap}")
    body = response.body
    if len(body) > cap:
        raise BodyTooLargeError(f"{what} is over {cap} bytes")
    if length is not None and length != len(body):
        raise RemoteProtocolError(f"{what} has {len(body)} bytes where Content-Length announced {length}")
    return body


def _expect(request: Request, response: Response, endpoint: str, now: float | None = None) -> None:
    if not isinstance(request, Request) or not isinstance(response, Response):
        raise TypeError("readers take a Request and a Response")
    if response.status not in _SUCCESS[endpoint]:
        raise read_error(request, response, now=now)


def read_api_check(request: Request, response: Response) -> ApiCheck:
    """Read the answer to :func:`check_api`: 200 is authorised, 401 asks for credentials (its
    ``WWW-Authenticate`` challenges are kept raw for :mod:`oci_core.auth`).

    >>> read_api_check(check_api("https://r.example"), Response(401, {"WWW-Authenticate": 'Basic realm="r"'}))
    ApiCheck(authorized=False, status=401, challenges=('Basic realm="r"',), api_version=None)

    :raises RegistryError: any other status (a 404 means the host does not speak the v2 API).
    """
    if not isinstance(request, Request) or not isinstance(response, Response):
        raise TypeError("readers take a Request and a Response")
    if response.status not in (200, 401):
        _expect(request, response, "api")
    return ApiCheck(
        authorized=response.status == 200,
        status=response.status,
        challenges=response.headers.get_all("WWW-Authenticate"),
        api_version=response.headers.get(API_VERSION_HEADER),
    )


def _requested(request: Request, segment: str) -> str | None:
    """The reference after ``/<segment>/`` at the end of the request's path."""
    path = request.url.partition("?")[0]
    head, _, last = path.rpartition("/")
    return last if head.endswith("/" + segment) else None


def _requested_digest(request: Request, segment: str, digest: Digest | str | None) -> Digest | None:
    if digest is not None:
        return _digest_arg(digest)
    part = _requested(request, segment)
    if part is None or ":" not in part:
        return None
    try:
        return parse_digest(part)
    except OCIError:
        return None


def _header_digest(response: Response) -> Digest | None:
    values = response.headers.get_all("Docker-Content-Digest")
    if len(values) > 1:
        raise RemoteProtocolError("the response has more than one Docker-Content-Digest")
    value = next(iter(values), None)
    if value is None:
        return None
    try:
        return parse_docker_content_digest(value)
    except InvalidHeaderError as exc:
        raise RemoteProtocolError(exc.message, text=exc.text) from None


def _check_announced(expected: Digest | None, announced: Digest | None) -> None:
    """A header digest in the requested digest's algorithm must be the requested digest."""
    if (
        expected is not None
        and announced is not None
        and announced.algorithm == expected.algorithm
        and announced != expected
    ):
        raise DigestMismatchError(f"the registry answers {announced} for {expected}")


def _media_type_of(response: Response, raw: bytes) -> str:
    value = response.headers.get("Content-Type")
    if value in KNOWN:
        return cast("str", value)
    if value is not None:
        try:
            return parse_media_type(value).essence
        except OCIError:
            pass
    detected = detect_media_type(raw)
    if detected is None:
        raise RemoteProtocolError("a manifest response with no usable Content-Type, whose body names no media type")
    return detected


def read_manifest(
    request: Request,
    response: Response,
    *,
    digest: Digest | str | None = None,
    check_digest_header: bool = True,
    max_size: int = MAX_MANIFEST_SIZE,
) -> ManifestResponse:
    """Read a manifest ``GET`` (end-3): the exact bytes, verified, with their digest and media type.

    The expected digest is ``digest``, else the one in the request's URL when
    it asked by digest. The body is checked against it (in its algorithm)
    and against ``Docker-Content-Digest`` (in that header's algorithm), unless
    ``check_digest_header=False`` (for registries known to send a wrong
    header; the expected digest is still checked). ``Content-Length`` and the
    body are both held to ``max_size``.

    >>> body = b'{"schemaVersion":2,"manifests":[]}'
    >>> m = read_manifest(get_manifest(Repository("https://r.example", "a"), "v1"),
    ...                   Response(200, {"Content-Type": "application/vnd.oci.image.index.v1+json"}, body))
    >>> m.digest == compute_digest(body), m.media_type
    (True, 'application/vnd.oci.image.index.v1+json')

    :raises RegistryError: the status is not 200.
    :raises BodyTooLargeError: the body is (or announces) more than ``max_size`` bytes.
    :raises DigestMismatchError: the body does not have the expected or announced digest.
    :raises RemoteProtocolError: a malformed header, or no media type at all.
    """
    _flag_arg(check_digest_header, "check_digest_header")
    _int_arg(max_size, "max_size")
    if type(response) is Response and type(request) is Request and response.status == 200 and digest is None:
        fast = _read_manifest_fast(request, response, check_digest_header, max_size)
        if fast is not None:
            return fast
    _expect(request, response, "manifest")
    raw = _checked_body(response, max_size, "the manifest")
    expected = _requested_digest(request, "manifests", digest)
    announced = _header_digest(response) if check_digest_header else None
    if expected is not None and expected == announced:
        announced = None  # the same digest: one check does for both
    computed: dict[str, Digest] = {}
    for wanted, source in ((expected, "requested"), (announced, "Docker-Content-Digest")):
        if wanted is None:
            continue
        algorithm = wanted.algorithm
        actual = computed.get(algorithm)
        if actual is None:
            actual = computed[algorithm] = compute_digest(raw, algorithm)
        if actual != wanted:
            raise DigestMismatchError(f"the manifest's digest is {actual}, not the {source} {wanted}")
    final = expected or announced or compute_digest(raw)
    return _manifest_response(raw, final, _media_type_of(response, raw))


def _read_manifest_fast(
    request: Request, response: Response, check_digest_header: bool, max_size: int
) -> ManifestResponse | None:
    """The common answer, checked with the fewest steps: one Content-Type that is a known media
    type, an exact Content-Length, and a digest (requested, or sent) that the body has. ``None``
    sends anything else to the general reader, which also explains what is wrong."""
    index = field_index(response.headers)
    raw = response.body
    length = index.get("content-length")
    media_types = index.get("content-type")
    if (
        len(raw) > max_size
        or (length is not None and length != (str(len(raw)),))
        or media_types is None
        or len(media_types) != 1
        or media_types[0] not in KNOWN
    ):
        return None
    announced_values = index.get("docker-content-digest") if check_digest_header else None
    if announced_values is not None and len(announced_values) != 1:
        return None
    announced = announced_values[0] if announced_values is not None else None
    head, _, last = request.url.partition("?")[0].rpartition("/")
    if head.endswith("/manifests") and ":" in last:
        try:
            expected = parse_digest(last)
        except OCIError:
            return None
        if announced is not None and announced != expected:
            return None  # another spelling or algorithm: the general reader compares
    elif announced is not None:
        try:
            expected = parse_digest(announced)
        except OCIError:
            return None
    else:
        return None
    algorithm, _, encoded = expected.partition(":")
    if algorithm == "sha256":
        actual = _sha256(raw).hexdigest()
    else:
        hasher = ALGORITHMS[algorithm].hasher if algorithm in ALGORITHMS else None
        if hasher is None:
            return None
        running = hasher()
        running.update(raw)
        actual = running.hexdigest()
    if actual != encoded:
        return None
    return _manifest_response(raw, expected, media_types[0])


_ManifestResponseLayout = layout_twin(ManifestResponse)


def _manifest_response(raw: bytes, digest: Digest, media_type: str) -> ManifestResponse:
    m = _ManifestResponseLayout()
    m.raw = raw
    m.digest = digest
    m.media_type = media_type
    return publish(m, ManifestResponse)


def read_manifest_head(request: Request, response: Response, *, digest: Digest | str | None = None) -> ManifestHead:
    """Read a manifest ``HEAD`` (end-3): the digest (the requested one, checked against the header when
    both exist), the media type and the size.

    :raises RegistryError: the status is not 200.
    :raises DigestMismatchError: the header's digest is not the requested one.
    """
    _expect(request, response, "manifest")
    expected = _requested_digest(request, "manifests", digest)
    announced = _header_digest(response)
    _check_announced(expected, announced)
    media = response.headers.get("Content-Type")
    media_type = None
    if media is not None:
        try:
            media_type = parse_media_type(media).essence
        except OCIError:
            media_type = None
    return ManifestHead(expected or announced, media_type, _content_length(response))


def read_manifest_put(request: Request, response: Response) -> ManifestPut:
    """Read a manifest ``PUT`` (end-7): 201 with the stored digest, ``Location`` and ``OCI-Subject``.

    When the request was by digest, ``Docker-Content-Digest`` (if sent) must be it; the digest of
    the body sent is checked against the header too.

    :raises RegistryError: the status is not 201.
    :raises DigestMismatchError: the registry stored other bytes than were sent.
    """
    _expect(request, response, "manifest-put")
    announced = _header_digest(response)
    expected = _requested_digest(request, "manifests", None)
    if request.body is not None and announced is not None:
        actual = compute_digest(request.body, announced.algorithm)
        if actual != announced:
            raise DigestMismatchError(f"the registry reports {announced} for a manifest whose digest is {actual}")
    _check_announced(expected, announced)
    location = response.headers.get("Location")
    if location is not None:
        try:
            location = resolve_url(response.url or request.url, location)
        except InvalidURLError:
            location = None
    subject = None
    value = response.headers.get("OCI-Subject")
    if value is not None:
        try:
            subject = parse_docker_content_digest(value)
        except InvalidHeaderError as exc:
            raise RemoteProtocolError(f"OCI-Subject is not a digest: {exc.message}", text=value) from None
    stored = announced or expected
    if stored is None and request.body is not None:
        stored = compute_digest(request.body)
    return ManifestPut(stored, location, subject)


def read_deleted(request: Request, response: Response) -> None:
    """Read a ``DELETE`` of a manifest or blob (end-9, end-10): 202, or a RegistryError."""
    _expect(request, response, "delete")


def read_blob_head(request: Request, response: Response, *, digest: Digest | str | None = None) -> BlobHead:
    """Read a blob ``HEAD`` (end-2): its size and digest.

    :raises RegistryError: the status is not 200 (a 404 is :class:`~oci_core.errors.NotFoundError`).
    :raises DigestMismatchError: ``Docker-Content-Digest`` names another blob than the one asked for.
    """
    _expect(request, response, "blob-head")
    expected = _requested_digest(request, "blobs", digest)
    announced = _header_digest(response)
    _check_announced(expected, announced)
    return BlobHead(_content_length(response), expected or announced)


_CONTENT_RANGE = re.compile(r"bytes ([0-9]{1,19})-([0-9]{1,19})/([0-9]{1,19}|\*)", re.ASCII).fullmatch


def read_blob(
    request: Request,
    response: Response,
    expected: Descriptor | Digest | str,
    *,
    verifier: DigestVerifier | None = None,
    offset: int = 0,
    check_digest_header: bool = True,
) -> BlobStream:
    """Vet a blob ``GET`` (end-2) by its status and headers, before its body is read.

    ``expected`` is the blob's descriptor (digest and size) or digest. To
    resume a download, pass the ``verifier`` that holds the first ``offset``
    bytes (and send :func:`get_blob` with the same ``offset``): a 206 must
    start there; a 200 sends everything again, and the answer's ``skip``
    says how many bytes to drop.

    >>> d = Descriptor("application/octet-stream", compute_digest(b"hello"), 5)
    >>> request = get_blob(Repository("https://r.example", "a"), d.digest)
    >>> s = read_blob(request, Response(200, {"Content-Length": "5"}), d)
    >>> s.verifier.update(b"hello"); s.verifier.verify(); s.skip
    0

    :raises RegistryError: the status is not 200 or 206.
    :raises SizeMismatchError: ``Content-Length`` or ``Content-Range`` disagrees with the size.
    :raises DigestMismatchError: ``Docker-Content-Digest`` names another blob.
    :raises RemoteProtocolError: a malformed header, or a 206 that does not start at ``offset``.
    """
    _expect(request, response, "blob")
    if isinstance(expected, Descriptor):
        digest, size = expected.digest, expected.size
    else:
        digest, size = _digest_arg(expected, "expected"), None
    if verifier is not None and not isinstance(verifier, DigestVerifier):
        raise TypeError(f"verifier must be a DigestVerifier or None, got {type(verifier).__name__}")
    _flag_arg(check_digest_header, "check_digest_header")
    if type(offset) is not int:
        raise TypeError(f"offset must be an int, got {type(offset).__name__}")
    if offset < 0 or (size is not None and offset > size):
        raise ValueError(f"offset must be a non-negative int within the blob, got {offset!r}")
    if verifier is None:
        if offset:
            raise ValueError("resuming at an offset needs the verifier that holds the bytes before it")
        verifier = DigestVerifier(digest, size)
    elif verifier.expected != digest:
        raise ValueError(f"the verifier checks {verifier.expected}, not {digest}")
    if check_digest_header:
        announced = _header_digest(response)
        if announced is not None and announced.algorithm == digest.algorithm and announced != digest:
            raise DigestMismatchError(f"the registry serves {announced} for {digest}")
    length = _content_length(response)
    if response.status == 206:
        value = response.headers.get("Content-Range")
        match = _CONTENT_RANGE(value.strip(" \t")) if value is not None else None
        if match is None:
            raise RemoteProtocolError("a 206 answer without a valid Content-Range", text=value)
        start, end = int(match.group(1)), int(match.group(2))
        total = None if match.group(3) == "*" else int(match.group(3))
        if start != offset or end < start:
            raise RemoteProtocolError(f"a 206 answer from byte {start}, but the download resumes at {offset}")
        if size is not None and (end >= size or (total is not None and total != size)):
            raise SizeMismatchError(f"the registry's range {start}-{end}/{total} does not fit a {size}-byte blob")
        if length is not None and length != end - start + 1:
            raise RemoteProtocolError(f"Content-Length {length} disagrees with Content-Range {start}-{end}")
        return BlobStream(verifier, 0, offset, length)
    if size is not None and length is not None and length != size:
        raise SizeMismatchError(f"the registry announces {length} bytes for a blob of {size}")
    return BlobStream(verifier, offset, 0, length)


def _page_of(request: Request, response: Response) -> str | None:
    links = response.headers.get_all("Link")
    if not links:
        return None
    try:
        return next_page_url(", ".join(links), response.url or request.url)
    except InvalidHeaderError as exc:
        raise RemoteProtocolError(f"a malformed Link header: {exc.message}", text=exc.text) from None


def _string_list(document: JSON, key: str, what: str, *, nullable: bool) -> tuple[str, ...]:
    if not isinstance(document, dict):
        raise RemoteProtocolError(f"{what} must be a JSON object")
    values = document.get(key)
    if values is None and nullable:
        return ()
    if not isinstance(values, list):
        raise RemoteProtocolError(f"{what} needs a list of strings at /{key}", pointer=f"/{key}")
    for index, value in enumerate(values):
        if not isinstance(value, str):
            raise RemoteProtocolError(f"{what} holds a non-string", pointer=f"/{key}/{index}")
    return tuple(cast("list[str]", values))


def read_tags(request: Request, response: Response, *, max_size: int = MAX_LIST_SIZE) -> Tags:
    """Read a tags list page (end-8): ``{"name": …, "tags": […]}`` and the ``Link`` to the next page.

    >>> read_tags(list_tags(Repository("https://r.example", "a")), Response(200, {}, b'{"name":"a","tags":["v1"]}'))
    Tags(name='a', tags=('v1',), next_url=None)

    :raises RegistryError: the status is not 200.
    :raises RemoteProtocolError: the body is not such a document, or the next link leaves the origin.
    """
    _expect(request, response, "list")
    document = load_json(_checked_body(response, max_size, "the tags list"), "the tags list")
    tags = _string_list(document, "tags", "a tags list", nullable=True)
    name = document.get("name") if isinstance(document, dict) else None
    if not isinstance(name, str):
        raise RemoteProtocolError("a tags list needs a name", pointer="/name")
    return Tags(name, tags, _page_of(request, response))


def read_catalog(request: Request, response: Response, *, max_size: int = MAX_LIST_SIZE) -> Catalog:
    """Read a catalog page: ``{"repositories": […]}`` and the ``Link`` to the next page.

    :raises RegistryError: the status is not 200.
    :raises RemoteProtocolError: the body is not such a document, or the next link leaves the origin.
    """
    _expect(request, response, "list")
    document = load_json(_checked_body(response, max_size, "the catalog"), "the catalog")
    return Catalog(_string_list(document, "repositories", "a catalog", nullable=True), _page_of(request, response))


def _artifact_filter(request: Request) -> str | None:
    query = request.url.partition("?")[2]
    from urllib.parse import parse_qsl

    for key, value in parse_qsl(query):
        if key == "artifactType":
            return value
    return None


def _referrers_index(body: bytes) -> ImageIndex:
    try:
        return parse_image_index(body)
    except OCIError as exc:
        raise RemoteProtocolError(f"the referrers list is not an image index: {exc}") from None


def read_referrers(request: Request, response: Response, *, max_size: int = MAX_LIST_SIZE) -> Referrers:
    """Read a referrers answer (end-12): an image index of referrer descriptors.

    When the request asked for an ``artifactType`` and the registry did not
    say ``OCI-Filters-Applied: artifactType``, the list is filtered here. A
    404 that is not a JSON ``NAME_UNKNOWN`` means the registry has no
    referrers API: the answer has ``fallback=True`` (use the tag schema).

    >>> read_referrers(get_referrers(Repository("https://r.example", "a"), "sha256:" + "0" * 64),
    ...                Response(404, {}, b"404 page not found")).fallback
    True

    :raises NotFoundError: a 404 with ``NAME_UNKNOWN`` (no such repository).
    :raises RegistryError: any other error status.
    :raises RemoteProtocolError: the body is not an image index.
    """
    if not isinstance(request, Request) or not isinstance(response, Response):
        raise TypeError("readers take a Request and a Response")
    if (
        response.status == 404
        and "NAME_UNKNOWN" not in {detail.code for detail in error_details(response.body[:MAX_ERROR_SIZE])}
    ):
        return Referrers((), fallback=True)
    _expect(request, response, "referrers")
    index = _referrers_index(_checked_body(response, max_size, "the referrers list"))
    wanted = _artifact_filter(request)
    applied = {part.strip() for part in (response.headers.get("OCI-Filters-Applied") or "").split(",")}
    by_registry = wanted is not None and "artifactType" in applied
    descriptors = index.manifests if by_registry else filter_referrers(index.manifests, wanted)
    return Referrers(descriptors, False, by_registry, _page_of(request, response), index)


def read_referrers_fallback(
    request: Request, response: Response, *, artifact_type: str | None = None, max_size: int = MAX_MANIFEST_SIZE
) -> Referrers:
    """Read the referrers fallback tag (:func:`get_referrers_fallback`): a 404 is no referrers yet;
    a 200 is the index, filtered by ``artifact_type`` here.

    :raises RegistryError: any other status.
    :raises RemoteProtocolError: the body is not an image index.
    :raises DigestMismatchError: the body disagrees with ``Docker-Content-Digest``.
    """
    if not isinstance(request, Request) or not isinstance(response, Response):
        raise TypeError("readers take a Request and a Response")
    if response.status == 404:
        return Referrers(())
    manifest = read_manifest(request, response, max_size=max_size)
    index = _referrers_index(manifest.raw)
    return Referrers(filter_referrers(index.manifests, artifact_type), index=index)


def update_referrers_fallback(
    existing: Referrers, *, add: Descriptor | None = None, remove: Digest | str | None = None
) -> bytes | None:
    """The new fallback index to push under the referrers tag, or ``None`` when nothing changes.

    distribution-spec, "Pushing Manifests with Subject": when the answer to a
    manifest PUT with a ``subject`` has no ``OCI-Subject`` (see
    :class:`ManifestPut`), the client reads the fallback tag
    (:func:`get_referrers_fallback`, :func:`read_referrers_fallback`), adds
    the new manifest's descriptor (:func:`oci_core.partial.referrer_descriptor`)
    and pushes the index back (:func:`put_referrers_fallback`). "Deleting
    Manifests": ``remove=`` takes a deleted referrer's digest out. Entries keep
    their order and are never listed twice (:func:`oci_core.partial.add_referrer`).

    >>> from oci_core.descriptor import describe
    >>> sbom = describe(b"{}", "application/vnd.oci.image.manifest.v1+json", artifact_type="text/spdx")
    >>> raw = update_referrers_fallback(Referrers(()), add=sbom)
    >>> parse_image_index(raw).manifests == (sbom,)
    True
    >>> update_referrers_fallback(Referrers((sbom,), index=parse_image_index(raw)), add=sbom) is None
    True
    """
    if not isinstance(existing, Referrers):
        raise TypeError(f"update_referrers_fallback takes the Referrers read, got {type(existing).__name__}")
    index = existing.index if existing.index is not None else ImageIndex(manifests=())
    updated = index
    if add is not None:
        updated = add_referrer(updated, add)
    if remove is not None:
        updated = remove_referrer(updated, remove)
    if updated is index and existing.index is not None:
        return None
    return updated.raw


# -- pagination ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Listing:
    """Where a paginated listing (tags or catalog) stands: an immutable value, h11-style.

    >>> repo = Repository("https://r.example", "a")
    >>> listing = Listing.start(list_tags(repo, n=1))
    >>> page1 = Response(200, {"Link": '</v2/a/tags/list?n=1&last=v1>; rel="next"'}, b'{"name":"a","tags":["v1"]}')
    >>> listing, tags = listing.receive(listing.request, page1)
    >>> tags, listing.request.url
    (('v1',), 'https://r.example/v2/a/tags/list?n=1&last=v1')
    >>> listing, tags = listing.receive(listing.request, Response(200, {}, b'{"name":"a","tags":["v2"]}'))
    >>> tags, listing.request, listing.done
    (('v2',), None, True)

    ``request`` is the next request to send (``None`` when done). Each
    :meth:`receive` returns the new listing and the page's items. It stops at
    the last page, after ``max_pages`` pages (``truncated``), or when a next
    link repeats a URL already fetched (``looped``). The next request keeps
    the first one's headers: :func:`next_page_url` only follows links on
    the same origin.
    """

    kind: str
    request: Request | None
    pages: int = 0
    max_pages: int = DEFAULT_MAX_PAGES
    seen: frozenset[str] = frozenset()
    truncated: bool = False
    looped: bool = False


    def __post_init__(self) -> None:
        check_fields(self, _LISTING)

    @classmethod
    def start(cls, request: Request, *, max_pages: int = DEFAULT_MAX_PAGES) -> Listing:
        """A listing whose first page is ``request`` (:func:`list_tags` or :func:`list_catalog`)."""
        if not isinstance(request, Request):
            raise TypeError(f"Listing.start takes a Request, got {type(request).__name__}")
        _int_arg(max_pages, "max_pages", 1)
        path = request.url.partition("?")[0]
        kind = "catalog" if path.endswith("/v2/_catalog") else "tags" if path.endswith("/tags/list") else ""
        if not kind:
            raise ValueError(f"not a tags list or catalog request: {request.url}")
        return cls(kind, request, 0, max_pages, frozenset({request.url}))

    @property
    def done(self) -> bool:
        """Whether there is nothing more to fetch."""
        return self.request is None

    def receive(self, request: Request, response: Response) -> tuple[Listing, tuple[str, ...]]:
        """The listing after ``response`` to ``request`` (which must be :attr:`request`), and the page's items.

        :raises LocalProtocolError: ``request`` is not the one this listing asked for.
        :raises RegistryError: the registry answered with an error.
        :raises RemoteProtocolError: a malformed page or a link that leaves the origin.
        """
        if self.request is None or request != self.request:
            raise LocalProtocolError("this response does not answer the request the listing asked for")
        if self.kind == "tags":
            page = read_tags(request, response)
            items, next_url = page.tags, page.next_url
        else:
            catalog = read_catalog(request, response)
            items, next_url = catalog.repositories, catalog.next_url
        pages = self.pages + 1
        if next_url is None:
            return Listing(self.kind, None, pages, self.max_pages, self.seen), items
        if next_url in self.seen:
            return Listing(self.kind, None, pages, self.max_pages, self.seen, looped=True), items
        if pages >= self.max_pages:
            return Listing(self.kind, None, pages, self.max_pages, self.seen, truncated=True), items
        following = _build(request.method, next_url, request.headers.fields, (), request.scopes)
        return Listing(self.kind, following, pages, self.max_pages, self.seen | {next_url}), items


