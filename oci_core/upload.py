"""Blob uploads as an immutable state machine (distribution-spec, "Pushing blobs").

The endpoints: end-4 to end-6 (POST, PATCH, PUT), end-11 (mount), end-13 (status), end-14 (cancel).

Everything that affects the state machine lives in the two tables below
(h11's discipline): :data:`TRANSITIONS` says which answer moves which step
where, :data:`STEPS` which request each step sends. An :class:`Upload` is a
value: :meth:`Upload.receive` returns a new one, the old one stays valid, and
a value can be kept (pickled, stored) and resumed later. The caller sends
:attr:`Upload.request` with the bytes ``blob[start:end]`` of
:attr:`Upload.range` as its body (none when the range is ``None``)::

    up = Upload.start(repo, descriptor, chunk_size=8 << 20)
    while not up.done:
        request, (start, end) = up.request, up.range or (0, 0)
        up = up.receive(request, send(request, blob[start:end]))
    if up.failed:
        raise up.error

What the machine copes with, as registries answer:

* it always follows the latest ``Location``, relative or absolute, keeping
  its query (``_state`` and friends) and appending ``digest`` to the PUT;
* ``Range`` is read loosely: ``0-99``, ``bytes=0-99``, absent (taken as
  "everything sent arrived"), and ``0-0`` right after the POST (nothing
  yet; distribution writes ``0-0`` for both 0 and 1 bytes);
* ``OCI-Chunk-Min-Length`` raises the chunk size;
* a 201 to a PATCH (ECR) counts as a 202;
* a 416 (or :meth:`Upload.resume` after an interrupted chunk) asks the
  upload's status (end-13) and resumes from ``end + 1``; :meth:`Upload.restart`
  begins again in a new session when the registry cannot resume;
* a mount (end-11) answered 201 is done; answered 202 it continues as the
  upload the registry opened; answered 401 (no pull on the source) it falls
  back to a plain upload;
* the PUT's 201 must carry the blob's digest if it carries
  ``Docker-Content-Digest``.

A registry that breaks the protocol (no ``Location``, a wrong digest, a
``Range`` past what was sent) or answers with an error ends the upload
``failed``, with the :class:`~oci_core.errors.OCIError` in
:attr:`Upload.error` (a :class:`~oci_core.errors.RegistryError` for an error
status; :meth:`Upload.resume` retries a temporary one). Handing
:meth:`Upload.receive` a response to another request, or asking a finished
upload for more, is the caller's bug: :class:`~oci_core.errors.LocalProtocolError`.
"""

# pyright: reportUnnecessaryIsInstance=false
# (Constructors check the kinds of their arguments at run time, which the annotations already state.)

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final

from ._http import ORIGIN_BOUND_FIELDS, make_headers, make_request
from ._kinds import NONE, check_fields
from .descriptor import Descriptor
from .digest import Digest, parse_digest
from .errors import (
    DigestMismatchError,
    InvalidHeaderError,
    InvalidURLError,
    LocalProtocolError,
    OCIError,
    RemoteProtocolError,
)
from .http import Headers, Request, Response, origin, resolve_url, with_query
from .registry import Repository, parse_docker_content_digest, read_error

if TYPE_CHECKING:
    from .http import HeadersLike

__all__ = [
    "MAX_RESUMES",
    "STEPS",
    "TRANSITIONS",
    "Upload",
    "content_range",
    "parse_range",
]

# -- the tables ------------------------------------------------------------------------------------

#: (step, status) -> what the answer means. Any other status is an error (the upload fails);
#: "committed", "failed" and "cancelled" are final.
TRANSITIONS: Final[Mapping[tuple[str, int], str]] = {
    ("mount", 201): "mounted",  # end-11: the blob is there now
    ("mount", 202): "opened",  # the registry opened an upload instead (end-11 fallback)
    ("mount", 401): "restart",  # no pull on the source: start a plain upload
    ("post", 202): "opened",  # end-4a
    ("single-post", 201): "stored",  # end-4b, the whole blob in one POST
    ("single-post", 202): "opened",  # the registry wants a regular upload
    ("patch", 202): "accepted",  # end-5
    ("patch", 201): "accepted",  # ECR answers 201 to a PATCH
    ("patch", 416): "query",  # end-5: out of order; ask where the registry is
    ("put", 201): "stored",  # end-6
    ("put", 416): "query",
    ("status", 204): "status",  # end-13
    ("cancel", 204): "cancelled",  # end-14
}

#: step -> (method, whether it carries blob bytes).
STEPS: Final[Mapping[str, tuple[str, bool]]] = {
    "mount": ("POST", False),
    "post": ("POST", False),
    "single-post": ("POST", True),
    "patch": ("PATCH", True),
    "put": ("PUT", True),
    "status": ("GET", False),
    "cancel": ("DELETE", False),
}

_FINAL: Final = frozenset({"committed", "failed", "cancelled"})

#: How many status queries in a row (after 416s or resumes) an upload makes before it fails.
MAX_RESUMES: Final = 5

_OCTET_STREAM: Final = "application/octet-stream"
_NO_HEADERS: Final = make_headers(())

# -- header fields ---------------------------------------------------------------------------------

_RANGE = re.compile(r"(?:bytes=)?([0-9]{1,19})-([0-9]{1,19})", re.ASCII).fullmatch


def parse_range(value: str) -> tuple[int, int]:
    """An upload's ``Range`` value, read loosely: ``0-99`` or ``bytes=0-99`` (inclusive ends).

    >>> parse_range("0-99"), parse_range("bytes=0-1023")
    ((0, 99), (0, 1023))

    :raises InvalidHeaderError: any other text, or an end before the start.
    """
    if not isinstance(value, str):
        raise InvalidHeaderError(f"Range must be text, got {type(value).__name__}")
    if len(value) > 1024:
        raise InvalidHeaderError("an upload Range is longer than 1024 characters")
    text = str(value).strip(" \t")
    match = _RANGE(text)
    if match is None:
        raise InvalidHeaderError("an upload Range is '<start>-<end>' (or 'bytes=<start>-<end>')", text=text)
    start, end = int(match.group(1)), int(match.group(2))
    if end < start:
        raise InvalidHeaderError("an upload Range ends before it starts", text=text)
    return start, end


def content_range(start: int, end: int) -> str:
    """The ``Content-Range`` of a chunk PATCH: the inclusive range ``<start>-<end>`` of bytes
    ``[start, end)`` (distribution-spec, "Pushing a blob in chunks").

    >>> content_range(0, 1024), content_range(1024, 1025)
    ('0-1023', '1024-1024')
    """
    if type(start) is not int or type(end) is not int:
        raise TypeError(f"content_range() takes ints, got {type(start).__name__} and {type(end).__name__}")
    if not 0 <= start < end:
        raise ValueError(f"a chunk is a non-empty range of bytes, got [{start!r}, {end!r})")
    return f"{start}-{end - 1}"


# -- the value ------------------------------------------------------------------------------------


#: The kinds of the fields a caller gives (the error contract's TypeError); headers are any HeadersLike.
_KINDS: Final = (
    ("size", (int,)),
    ("step", (str,)),
    ("location", (str, NONE)),
    ("offset", (int,)),
    ("chunk_size", (int, NONE)),
    ("min_chunk", (int,)),
    ("mount_from", (str, NONE)),
    ("resumes", (int,)),
    ("error", (OCIError, NONE)),
    ("previous", (str, NONE)),
)


@dataclass(frozen=True, slots=True, repr=False)
class Upload:
    """Where a blob upload stands; :attr:`request` is the next request to send.

    >>> from oci_core.descriptor import describe
    >>> repo = Repository("https://r.example", "a")
    >>> up = Upload.start(repo, describe(b"hello", "application/octet-stream"))
    >>> up.step, up.request.method, up.request.url, up.range
    ('post', 'POST', 'https://r.example/v2/a/blobs/uploads/', None)
    >>> up = up.receive(up.request, Response(202, {"Location": "/v2/a/blobs/uploads/u1?_state=s"}))
    >>> up.step, up.request.method, up.range
    ('put', 'PUT', (0, 5))
    >>> up.request.url
    'https://r.example/v2/a/blobs/uploads/u1?_state=s&digest=sha256%3A2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'
    >>> up = up.receive(up.request, Response(201, {"Docker-Content-Digest": str(up.digest)}))
    >>> up.done, up.committed
    (True, True)

    Make one with :meth:`start`. ``chunk_size=None`` uploads in one PUT
    (monolithic); an ``int`` sends PATCHes of that size (raised to the
    registry's ``OCI-Chunk-Min-Length``) and then an empty PUT.
    ``headers`` are sent with every request (the auth layer adds its own), except that
    ``Authorization``, ``Proxy-Authorization`` and ``Cookie`` are left out of a
    request to a ``Location`` on another origin than the registry's.
    """

    repo: Repository
    digest: Digest
    size: int
    step: str
    location: str | None = None
    offset: int = 0
    chunk_size: int | None = None
    min_chunk: int = 0
    mount_from: str | None = None
    headers: Headers = _NO_HEADERS
    resumes: int = 0
    error: OCIError | None = None
    previous: str | None = None

    def __post_init__(self) -> None:
        if type(self.repo) is not Repository:
            raise TypeError(f"Upload.repo must be a Repository, got {type(self.repo).__name__}")
        if type(self.digest) is not Digest:
            if not isinstance(self.digest, str):
                raise TypeError(f"Upload.digest must be a Digest or a str, got {type(self.digest).__name__}")
            object.__setattr__(self, "digest", parse_digest(self.digest))
        check_fields(self, _KINDS)
        for name in ("size", "offset", "min_chunk", "resumes"):
            value = getattr(self, name)
            if value < 0:
                raise ValueError(f"Upload.{name} must be a non-negative int, got {value!r}")
        if self.offset > self.size:
            raise ValueError(f"Upload.offset {self.offset} is past the blob's size {self.size}")
        if self.chunk_size is not None and self.chunk_size < 1:
            raise ValueError(f"Upload.chunk_size must be a positive int or None, got {self.chunk_size!r}")
        if self.step not in STEPS and self.step not in _FINAL:
            raise ValueError(f"Upload.step {self.step!r} is not a step")
        if type(self.headers) is not Headers:
            object.__setattr__(self, "headers", Headers(self.headers))
        if self.location is not None:
            resolve_url(self.repo.root + "/", self.location)  # InvalidURLError unless a URL
        if self.mount_from is not None:
            Repository(self.repo.root, self.mount_from)  # the source must be a repository name

    # -- making one

    @classmethod
    def start(
        cls,
        repo: Repository,
        blob: Descriptor,
        *,
        chunk_size: int | None = None,
        mount_from: str | None = None,
        mount: bool = False,
        single_post: bool = False,
        headers: HeadersLike = (),
    ) -> Upload:
        """An upload of ``blob`` (its digest and size) to ``repo``.

        ``mount_from`` asks the registry to mount the blob from that
        repository (end-11); ``mount=True`` without ``mount_from`` asks for
        a mount from wherever the registry has it. ``single_post=True``
        sends the whole blob with the POST (end-4b).
        """
        if not isinstance(blob, Descriptor):
            raise TypeError(f"Upload.start takes the blob's Descriptor, got {type(blob).__name__}")
        for name, flag in (("mount", mount), ("single_post", single_post)):
            if type(flag) is not bool:
                raise TypeError(f"Upload.start() {name} must be a bool, got {type(flag).__name__}")
        if single_post and (mount or mount_from is not None):
            raise ValueError("a single-POST upload cannot also be a mount")
        step = "mount" if mount or mount_from is not None else "single-post" if single_post else "post"
        return cls(repo, blob.digest, blob.size, step, chunk_size=chunk_size, mount_from=mount_from,
                   headers=Headers(headers))

    # -- what to send next

    @property
    def done(self) -> bool:
        """Whether the upload is over: committed, failed or cancelled."""
        return self.step in _FINAL

    @property
    def committed(self) -> bool:
        """Whether the blob is in the repository."""
        return self.step == "committed"

    @property
    def failed(self) -> bool:
        """Whether the upload failed (:attr:`error` says why)."""
        return self.step == "failed"

    @property
    def range(self) -> tuple[int, int] | None:
        """The bytes ``[start, end)`` of the blob that :attr:`request` carries, or ``None`` for none."""
        if self.step not in STEPS or not STEPS[self.step][1]:
            return None
        if self.step == "patch":
            chunk = max(self.chunk_size or self.size, self.min_chunk, 1)
            return self.offset, min(self.size, self.offset + chunk)
        if self.step == "put" and self.chunk_size is not None and self.offset == self.size:
            return None  # chunked: the PUT closes the upload, no bytes left
        if self.offset == self.size:
            return None
        return self.offset, self.size

    @property
    def request(self) -> Request:
        """The next request to send (its body is ``blob[start:end]`` of :attr:`range`).

        :raises LocalProtocolError: the upload is over.
        """
        step = self.step
        if step in _FINAL:
            raise LocalProtocolError(f"the upload is {step}: there is nothing more to send")
        method, _ = STEPS[step]
        repo = self.repo
        scopes: tuple[str, ...] = (repo.scope("pull,push"),)
        fields: list[tuple[str, str]] = []
        chunk = self.range
        if step == "mount":
            params = [("mount", str(self.digest))]
            if self.mount_from is not None:
                params.append(("from", self.mount_from))
                scopes = (*scopes, Repository(repo.root, self.mount_from).scope("pull"))
            url = with_query(f"{repo.root}/v2/{repo.name}/blobs/uploads/", params)
            fields.append(("Content-Length", "0"))
        elif step in ("post", "single-post"):
            url = f"{repo.root}/v2/{repo.name}/blobs/uploads/"
            if step == "single-post":
                url = with_query(url, [("digest", str(self.digest))])
        else:
            assert self.location is not None  # every later step has one (checked on the way in)
            url = self.location
            if step == "put":
                url = with_query(url, [("digest", str(self.digest))])
        if step in ("post",):
            fields.append(("Content-Length", "0"))
        length = None
        if STEPS[step][1]:
            length = 0 if chunk is None else chunk[1] - chunk[0]
            fields.append(("Content-Type", _OCTET_STREAM))
            fields.append(("Content-Length", str(length)))
            if step == "patch" and chunk is not None:
                fields.append(("Content-Range", content_range(*chunk)))
        extra = self.headers.fields
        if extra and step not in ("mount", "post", "single-post") and origin(url) != origin(repo.root):
            # A Location on another origin (a storage service) never gets the registry's credentials.
            extra = tuple(pair for pair in extra if pair[0].lower() not in ORIGIN_BOUND_FIELDS)
        if extra:
            names = {name.lower() for name, _ in extra}
            fields = [pair for pair in fields if pair[0].lower() not in names]
        return make_request(method, url, make_headers((*fields, *extra)), None, length, scopes)

    # -- reading the answer

    def receive(self, request: Request, response: Response, *, now: float | None = None) -> Upload:
        """The upload after ``response``, the answer to ``request`` (which must be :attr:`request`).

        ``now`` is passed to :func:`~oci_core.registry.read_error` for an
        error's ``Retry-After``.

        :raises LocalProtocolError: the upload is over, or ``request`` is not the one it asked for.
        """
        if not isinstance(request, Request):
            raise TypeError(f"Upload.receive takes a Request, got {type(request).__name__}")
        if not isinstance(response, Response):
            raise TypeError(f"Upload.receive takes a Response, got {type(response).__name__}")
        if now is not None and type(now) is not float and type(now) is not int:
            raise TypeError(f"Upload.receive() now must be a float or None, got {type(now).__name__}")
        if self.done:
            raise LocalProtocolError(f"the upload is {self.step}: it expects no response")
        if request != self.request:
            raise LocalProtocolError("this response does not answer the request the upload asked for")
        meaning = TRANSITIONS.get((self.step, response.status))
        if meaning is None:
            return self._fail(read_error(request, response, now=now))
        try:
            return self._apply(meaning, request, response)
        except OCIError as error:
            return self._fail(error)

    def resume(self) -> Upload:
        """After a lost connection or a temporary error: ask the registry where the upload stands
        (end-13) and go on from there; an upload that never got a ``Location`` starts again.

        :raises LocalProtocolError: the upload is committed or cancelled.
        """
        if self.step in ("committed", "cancelled"):
            raise LocalProtocolError(f"the upload is {self.step}: there is nothing to resume")
        if self.location is None:
            first = "mount" if self.mount_from is not None else "post"
            return replace(self, step=first, offset=0, error=None, previous=self.step)
        return replace(self, step="status", error=None, previous=self.step)

    def restart(self) -> Upload:
        """Start the upload again from its first byte, in a new session (the old one is left to the
        registry's purge, or to :meth:`cancel` on the old value). For a registry that lost the
        session, or cannot resume it: distribution 2.8 refuses a session whose last chunk was
        cut off (``BLOB_UPLOAD_INVALID``).

        :raises LocalProtocolError: the upload is committed.
        """
        if self.step == "committed":
            raise LocalProtocolError("the upload is committed: there is nothing to restart")
        first = "mount" if self.mount_from is not None else "post"
        return replace(self, step=first, location=None, offset=0, resumes=0, error=None, previous=self.step)

    def cancel(self) -> Upload:
        """Cancel the upload (end-14); an upload the registry has not opened is just cancelled.

        :raises LocalProtocolError: the upload is committed.
        """
        if self.step == "committed":
            raise LocalProtocolError("the upload is committed: there is nothing to cancel")
        if self.location is None or self.step in ("cancelled",):
            return replace(self, step="cancelled")
        return replace(self, step="cancel", error=None, previous=self.step)

    def _fail(self, error: OCIError) -> Upload:
        return replace(self, step="failed", error=error, previous=self.step)

    def _next_data_step(self, offset: int) -> str:
        if self.chunk_size is not None and offset < self.size:
            return "patch"
        return "put"

    def _location(self, request: Request, response: Response, *, required: bool) -> str | None:
        values = response.headers.get_all("Location")
        if len(values) > 1:
            raise RemoteProtocolError("the registry sent more than one Location")
        value = next(iter(values), "")
        if not value:
            if required:
                what = f"{response.status} to {request.method}"
                raise RemoteProtocolError(f"the registry answered {what} without a Location")
            return self.location
        try:
            return resolve_url(response.url or request.url, value)
        except InvalidURLError as exc:
            raise RemoteProtocolError(f"the upload's Location is not a URL: {exc.message}", text=value) from None

    def _confirmed(self, response: Response, sent_to: int) -> int:
        """The offset the registry confirms after receiving up to ``sent_to``."""
        value = response.headers.get("Range")
        if value is None:
            return sent_to
        try:
            start, end = parse_range(value)
        except InvalidHeaderError as exc:
            raise RemoteProtocolError(exc.message, text=exc.text) from None
        if start != 0:
            raise RemoteProtocolError(f"the upload's Range starts at {start}, not 0", text=value)
        if end == 0 and sent_to == 0:
            return 0  # "0-0": distribution's spelling of "nothing yet"
        confirmed = end + 1
        if confirmed > sent_to or confirmed > self.size:
            raise RemoteProtocolError(f"the registry confirms {confirmed} bytes of {sent_to} sent", text=value)
        return confirmed

    def _apply(self, meaning: str, request: Request, response: Response) -> Upload:
        if meaning in ("mounted", "stored"):
            announced = response.headers.get("Docker-Content-Digest")
            if announced is not None:
                try:
                    stored = parse_docker_content_digest(announced)
                except InvalidHeaderError as exc:
                    raise RemoteProtocolError(exc.message, text=exc.text) from None
                if stored.algorithm == self.digest.algorithm and stored != self.digest:
                    raise DigestMismatchError(f"the registry stored {stored}, not {self.digest}")
            location = self._location(request, response, required=False)
            return replace(self, step="committed", location=location, offset=self.size, previous=self.step)
        if meaning == "restart":
            return replace(self, step="post", mount_from=None, previous=self.step)
        if meaning == "cancelled":
            return replace(self, step="cancelled", previous=self.step)
        location = self._location(request, response, required=meaning in ("opened",))
        minimum = self.min_chunk
        value = response.headers.get("OCI-Chunk-Min-Length")
        if value is not None and re.fullmatch(r"[0-9]{1,19}", value.strip(" \t"), re.ASCII):
            minimum = max(minimum, int(value.strip(" \t")))
        if meaning == "opened":
            offset = self._confirmed(response, 0)
            return replace(self, step=self._next_data_step(offset), location=location, offset=offset,
                           min_chunk=minimum, resumes=0, previous=self.step)
        if meaning == "accepted":
            chunk = self.range
            sent_to = chunk[1] if chunk is not None else self.offset
            offset = self._confirmed(response, sent_to)
            return replace(self, step=self._next_data_step(offset), location=location, offset=offset,
                           min_chunk=minimum, resumes=0, previous=self.step)
        if meaning == "query":
            return self._query(location)
        # "status": where the registry stands, after a 416 or a resume
        offset = self._status_offset(response)
        return replace(self, step=self._next_data_step(offset), location=location, offset=offset,
                       min_chunk=minimum, previous=self.step)

    def _query(self, location: str | None) -> Upload:
        if self.resumes >= MAX_RESUMES:
            raise RemoteProtocolError(f"the registry refused the upload's range {MAX_RESUMES} times in a row")
        return replace(self, step="status", location=location, resumes=self.resumes + 1, previous=self.step)

    def _status_offset(self, response: Response) -> int:
        value = response.headers.get("Range")
        if value is None:
            return 0
        try:
            start, end = parse_range(value)
        except InvalidHeaderError as exc:
            raise RemoteProtocolError(exc.message, text=exc.text) from None
        if start != 0 or end >= self.size:
            raise RemoteProtocolError(f"the upload's status Range {value!r} does not fit a {self.size}-byte blob")
        if end == 0 and self.offset == 0:
            return 0  # "0-0" with nothing confirmed before: nothing yet
        return end + 1

    def __repr__(self) -> str:
        where = f", location={self.location!r}" if self.location else ""
        why = f", error={self.error!r}" if self.error is not None else ""
        return (f"Upload({self.repo.name!r}, {str(self.digest)!r}, step={self.step!r}, "
                f"offset={self.offset}/{self.size}{where}{why})")
