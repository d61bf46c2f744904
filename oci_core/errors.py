"""The errors oci_core raises, and the one contract every module keeps.

The contract
------------

* **:class:`OCIError` means the data is bad.** Text, bytes, a JSON document,
  a header, a registry's response: whatever arrives from outside. Every
  ``parse_*`` and ``read_*`` function accepts arbitrary input of the type it
  documents (any ``str``, any ``bytes``, any JSON value) and either returns a
  valid value or raises a subclass of ``OCIError``, which is itself a
  :class:`ValueError`. Never another exception type, never a silent accept.
  A constructor checks what the matching parser checks, so every value's
  ``to_json()`` or ``raw`` parses back to an equal value.
* **:class:`TypeError` means the wrong kind of Python object.** A function or
  constructor handed an ``int`` where it documents ``str``, a ``str`` where it
  wants a sequence of digests, ``"text"`` where it hashes bytes, raises
  ``TypeError`` naming the parameter, before it looks at any value.
  Parsers are the exception: they take ``object`` and answer any non-text
  input with an ``OCIError`` ("must be bytes, got int"), because their input
  is data.
* **A bad argument value is a plain ``ValueError``,** not an ``OCIError``: a
  negative size given to a verifier, an unknown algorithm name passed as a
  keyword, are the caller's mistakes, never reported as a content mismatch.
* **Local versus remote protocol errors** (h11's split): a state value handed
  a response that does not answer the request it asked for has been misused
  by its caller (:class:`LocalProtocolError`, a :class:`RuntimeError`); a
  registry that breaks the protocol (a wrong digest, a missing ``Location``,
  an oversize body) sent bad data (an ``OCIError``).
* **Where, always.** ``text`` and ``span`` locate a fault in a string (and
  ``error.marker`` draws ``^~~`` under it); ``pointer`` (an RFC 6901 JSON
  pointer such as ``/layers/3/size``, ``""`` for the whole document) locates
  it in a document. Pointers are complete down to the offending member
  (``/history/3/created``, ``/rootfs/diff_ids/2``). ``str(error)`` is one
  line, led by the pointer when there is one::

    >>> err = InvalidReferenceError("invalid reference format", text="a//b", span=(1, 3))
    >>> print(err.marker)
    a//b
     ^~

* **Raised once, at the entry point.** Readers deep in the library raise one
  private fault (message and location); each public entry point turns it into
  its family, so no public signature carries an error class.

Callers who only care that the input was bad catch ``OCIError``; callers who
branch on the reason catch a family or a finer subclass. Where the Go
originals have well-known messages (go-digest's "invalid checksum digest
format", distribution/reference's "repository name must be lowercase") the
same words are used, so users recognise them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from .registry import ErrorDetail, RateLimit

__all__ = [
    "AmbiguousDigestError",
    "AmbiguousManifestError",
    "AuthError",
    "BodyTooLargeError",
    "CorruptLayerError",
    "CredentialHelperError",
    "DeniedError",
    "DigestMismatchError",
    "DigestNotFoundError",
    "IncompleteModelHeaderError",
    "InvalidAnnotationError",
    "InvalidChallengeError",
    "InvalidConfigError",
    "InvalidCredentialsError",
    "InvalidDescriptorError",
    "InvalidDigestError",
    "InvalidDigestFormatError",
    "InvalidDigestLengthError",
    "InvalidDocumentError",
    "InvalidHeaderError",
    "InvalidIndexError",
    "InvalidLayoutError",
    "InvalidManifestError",
    "InvalidMediaTypeError",
    "InvalidModelError",
    "InvalidModelHeaderError",
    "InvalidPatternError",
    "InvalidPlatformError",
    "InvalidReferenceDigestError",
    "InvalidReferenceError",
    "InvalidScopeError",
    "InvalidTagError",
    "InvalidURLError",
    "LayerPathCollisionError",
    "LayerPathError",
    "LayerTooLargeError",
    "LocalProtocolError",
    "MediaTypeMismatchError",
    "NameContainsUppercaseError",
    "NameEmptyError",
    "NameNotCanonicalError",
    "NameTooLongError",
    "NotFoundError",
    "OCIError",
    "RealmRefusedError",
    "RedirectError",
    "ReferenceDigestFormatError",
    "ReferenceDigestLengthError",
    "ReferenceUnsupportedAlgorithmError",
    "RegistryError",
    "RemoteProtocolError",
    "SizeMismatchError",
    "TokenResponseError",
    "TooManyRequestsError",
    "UnauthorizedError",
    "UnsafeLayerPathError",
    "UnsupportedAlgorithmError",
    "UnsupportedCompressionError",
    "UnsupportedManifestError",
    "UnsupportedModelError",
    "UnsupportedOperationError",
]

# A message repeats the offending text; a hostile input may be megabytes long,
# so only a window of it around the span is shown.
_WINDOW = 80


class OCIError(ValueError):
    """The root of every error oci_core raises for bad input.

    ``message`` says which rule was broken. ``text`` and ``span`` (start, end)
    locate it in a string; ``pointer`` locates it in a JSON document.
    """

    message: str
    text: str | None
    span: tuple[int, int] | None
    pointer: str | None

    def __init__(
        self,
        message: str,
        *,
        text: str | None = None,
        span: tuple[int, int] | None = None,
        pointer: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.text = text
        self.span = span
        self.pointer = pointer

    def __str__(self) -> str:
        parts = [self.message]
        if self.pointer is not None:
            where = self.pointer.encode("utf-8", "backslashreplace").decode("utf-8") or "(document root)"
            parts.insert(0, f"{where}: ")
        if self.text is not None:
            parts.append(f": {_excerpt(self.text, self.span)!r}")
            if self.span is not None and self.span[0] > 0:
                parts.append(f" at position {self.span[0]}")
        return "".join(parts)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.message, self.text, self.span, self.pointer))

    @property
    def marker(self) -> str:
        """The offending text with ``^~~`` under the span (empty without text)."""
        if self.text is None:
            return ""
        start, end = self.span if self.span is not None else (0, len(self.text))
        offset = max(0, start - _WINDOW // 2)
        shown = _excerpt(self.text, self.span)
        lead = 3 if offset > 0 else 0  # the "..." that _excerpt puts in front
        width = max(1, min(end, offset + _WINDOW) - start)
        return f"{shown}\n{' ' * (start - offset + lead)}^{'~' * (width - 1)}"


def _rebuild(
    cls: type[OCIError],
    message: str,
    text: str | None,
    span: tuple[int, int] | None,
    pointer: str | None,
) -> OCIError:
    return cls(message, text=text, span=span, pointer=pointer)


def _excerpt(text: str, span: tuple[int, int] | None) -> str:
    if len(text) <= _WINDOW:
        return text
    start = span[0] if span is not None else 0
    offset = max(0, start - _WINDOW // 2)
    head = "..." if offset > 0 else ""
    tail = "..." if offset + _WINDOW < len(text) else ""
    return head + text[offset : offset + _WINDOW] + tail


# -- digests (go-digest keeps format, length and algorithm apart) -----------


class InvalidDigestError(OCIError):
    """A digest string does not fit the grammar or its algorithm's rules."""


class InvalidDigestFormatError(InvalidDigestError):
    """go-digest ErrDigestInvalidFormat: "invalid checksum digest format"."""


class InvalidDigestLengthError(InvalidDigestError):
    """go-digest ErrDigestInvalidLength: "invalid checksum digest length"."""


class UnsupportedAlgorithmError(InvalidDigestError):
    """go-digest ErrDigestUnsupported: "unsupported digest algorithm".

    The digest is grammatical but its algorithm is not one this library
    parses by default, or (for compute and verify) has no hash function.
    """


class AmbiguousDigestError(OCIError):
    """go-digest digestset ErrDigestAmbiguous: a short identifier matches more than one digest."""


class DigestNotFoundError(OCIError):
    """go-digest digestset ErrDigestNotFound: no digest matches a short identifier."""


class DigestMismatchError(OCIError):
    """Content does not match the digest it was expected to have."""


class SizeMismatchError(DigestMismatchError):
    """Content is longer or shorter than the size it was announced with."""


# -- references (distribution/reference's words) ----------------------------


class InvalidReferenceError(OCIError):
    """ErrReferenceInvalidFormat: "invalid reference format"."""


class InvalidTagError(InvalidReferenceError):
    """ErrTagInvalidFormat: "invalid tag format"."""


class NameContainsUppercaseError(InvalidReferenceError):
    """ErrNameContainsUppercase: "repository name must be lowercase"."""


class NameEmptyError(InvalidReferenceError):
    """ErrNameEmpty: "repository name must have at least one component"."""


class NameTooLongError(InvalidReferenceError):
    """ErrNameTooLong: "repository name must not be more than 255 characters"."""


class NameNotCanonicalError(InvalidReferenceError):
    """ErrNameNotCanonical: "repository name must be canonical"."""


class InvalidReferenceDigestError(InvalidReferenceError, InvalidDigestError):
    """The digest part of a reference is invalid.

    Both an :class:`InvalidReferenceError` (the reference is bad) and an
    :class:`InvalidDigestError` (go-digest's reason, as distribution/reference
    passes it through), so either ``except`` catches it.
    """

    @staticmethod
    def from_digest_error(
        error: InvalidDigestError, text: str, span: tuple[int, int] | None
    ) -> InvalidReferenceDigestError:
        """The reference-level twin of a digest error, located in the reference ``text``."""
        for digest_class, reference_class in _REFERENCE_DIGEST_ERRORS:
            if isinstance(error, digest_class):
                return reference_class(error.message, text=text, span=span)
        return InvalidReferenceDigestError(error.message, text=text, span=span)


class ReferenceDigestFormatError(InvalidReferenceDigestError, InvalidDigestFormatError):
    """A reference's digest breaks the digest grammar or its algorithm's encoding."""


class ReferenceDigestLengthError(InvalidReferenceDigestError, InvalidDigestLengthError):
    """A reference's digest has the wrong length for its algorithm."""


class ReferenceUnsupportedAlgorithmError(InvalidReferenceDigestError, UnsupportedAlgorithmError):
    """A reference's digest names an algorithm that is not registered."""


class InvalidPatternError(OCIError):
    """A match pattern is malformed (Go ``path.ErrBadPattern``: "syntax error in pattern")."""


# -- media types and platforms ----------------------------------------------


class InvalidMediaTypeError(OCIError):
    """A media type does not fit RFC 6838 (type "/" subtype, parameters)."""


class InvalidPlatformError(OCIError):
    """A platform specifier or platform object is malformed."""


_REFERENCE_DIGEST_ERRORS: tuple[tuple[type[InvalidDigestError], type[InvalidReferenceDigestError]], ...] = (
    (InvalidDigestFormatError, ReferenceDigestFormatError),
    (InvalidDigestLengthError, ReferenceDigestLengthError),
    (UnsupportedAlgorithmError, ReferenceUnsupportedAlgorithmError),
)

# -- documents ---------------------------------------------------------------


class InvalidDocumentError(OCIError):
    """A JSON document is malformed, or breaks a rule of its specification.

    ``pointer`` (RFC 6901) names the offending value; ``""`` is the whole
    document.
    """


class InvalidDescriptorError(InvalidDocumentError):
    """A descriptor breaks descriptor.md."""


class InvalidManifestError(InvalidDocumentError):
    """An image manifest (OCI or Docker schema2) breaks its specification."""


class AmbiguousManifestError(InvalidManifestError):
    """A document could be read as both a manifest and an index.

    A body with ``manifests`` beside ``config`` or ``layers`` is refused
    (CVE-2021-41190, GHSA-mc8v-mgrf-8f4m).
    """


class UnsupportedManifestError(InvalidManifestError):
    """A well-formed manifest of a kind this library refuses (Docker schema1)."""


class MediaTypeMismatchError(InvalidManifestError):
    """The Content-Type a document was served with disagrees with its body."""


class InvalidIndexError(InvalidManifestError):
    """An image index (OCI or Docker manifest list) breaks its specification.

    An index is a manifest in the registry API's sense, so this is an
    :class:`InvalidManifestError` too.
    """


class InvalidConfigError(InvalidDocumentError):
    """An image configuration breaks config.md."""


# -- misuse of the library's state values --------------------------------------------


class LocalProtocolError(RuntimeError):
    """The caller misused a protocol state value (h11's LocalProtocolError).

    Raised when a state value (an upload, an auth session) is handed a
    response that does not answer the request it asked for, or is asked for
    a step it cannot take in its state. This is a bug in the calling code,
    not bad data, so it is not an :class:`OCIError`.
    """


# -- HTTP and the registry API (oci_core.http, oci_core.registry, oci_core.upload) -------------


class InvalidHeaderError(OCIError):
    """A header field is malformed: a name that is no token, a value with CR, LF, NUL or another
    control character, or a value that breaks its field's grammar (``Range``, ``Link``, ``Retry-After``)."""


class InvalidURLError(OCIError):
    """A URL is malformed, is not ``http``/``https``, has no host, or carries userinfo (credentials
    travel in ``Authorization``, never in a URL)."""


class RemoteProtocolError(OCIError):
    """A registry broke the protocol (h11's RemoteProtocolError): a missing or malformed ``Location``,
    a wrong ``Docker-Content-Digest``, an answer that does not fit the request."""


class BodyTooLargeError(RemoteProtocolError):
    """A response body is (or announces, through ``Content-Length``) more bytes than its documented cap."""


class RedirectError(RemoteProtocolError):
    """A redirect that may not be followed: no ``Location``, a downgrade from https to http, or too many hops."""


class RegistryError(OCIError):
    """A registry answered with an error status (``oci_core.registry.read_error`` builds these).

    ``status`` is the HTTP status; ``errors`` the entries of the spec's
    ``{"errors": [...]}`` body (empty for a body of any other shape) and
    ``codes`` their codes, in order; ``body`` the raw body as received,
    capped; ``retry_after`` the seconds to wait from ``now`` (``Retry-After``
    as seconds or an HTTP-date), or ``None``; ``rate_limit`` the rate-limit
    headers; ``temporary`` whether retrying may succeed (408, 429, 500, 502,
    503, 504, or a code such as ``TOOMANYREQUESTS``); ``challenges`` the raw
    ``WWW-Authenticate`` values; ``method`` and ``url`` the request's.

    Finer classes by status: :class:`UnauthorizedError` (401),
    :class:`DeniedError` (403), :class:`NotFoundError` (404),
    :class:`UnsupportedOperationError` (405), :class:`TooManyRequestsError` (429).
    """

    status: int
    errors: tuple[ErrorDetail, ...]
    body: bytes
    retry_after: float | None
    rate_limit: RateLimit | None
    temporary: bool
    challenges: tuple[str, ...]
    method: str
    url: str

    def __init__(
        self,
        message: str,
        *,
        status: int,
        errors: tuple[ErrorDetail, ...] = (),
        body: bytes = b"",
        retry_after: float | None = None,
        rate_limit: RateLimit | None = None,
        temporary: bool = False,
        challenges: tuple[str, ...] = (),
        method: str = "",
        url: str = "",
    ) -> None:
        super().__init__(message)
        self.status = status
        self.errors = tuple(errors)
        self.body = body
        self.retry_after = retry_after
        self.rate_limit = rate_limit
        self.temporary = temporary
        self.challenges = tuple(challenges)
        self.method = method
        self.url = url

    @property
    def codes(self) -> tuple[str, ...]:
        """The spec error codes of the body, in order (``("MANIFEST_UNKNOWN",)``)."""
        return tuple(entry.code for entry in self.errors)

    def __reduce__(self) -> tuple[object, ...]:
        state = {
            "status": self.status,
            "errors": self.errors,
            "body": self.body,
            "retry_after": self.retry_after,
            "rate_limit": self.rate_limit,
            "temporary": self.temporary,
            "challenges": self.challenges,
            "method": self.method,
            "url": self.url,
        }
        return (_rebuild_registry_error, (type(self), self.message, state))


def _rebuild_registry_error(cls: type[RegistryError], message: str, state: dict[str, Any]) -> RegistryError:
    return cls(message, **state)


class UnauthorizedError(RegistryError):
    """401: the request needs (other) credentials; ``challenges`` says how to get them."""


class DeniedError(RegistryError):
    """403: the credentials are known but do not grant this access."""


class NotFoundError(RegistryError):
    """404: no such repository, manifest, blob or upload (``NAME_UNKNOWN``, ``MANIFEST_UNKNOWN``, ...)."""


class UnsupportedOperationError(RegistryError):
    """405: the registry does not offer this operation (deletes disabled, ``UNSUPPORTED``)."""


class TooManyRequestsError(RegistryError):
    """429: rate limited; ``retry_after`` and ``rate_limit`` say for how long."""


# -- layers, annotations and image layouts -------------------------------------------


class UnsupportedCompressionError(OCIError):
    """A layer is compressed in a way the running Python cannot decompress.

    ``media_type`` names the layer's media type: zstd layers
    (``application/vnd.oci.image.layer.v1.tar+zstd``) need a standard library
    with a zstd decompressor (Python 3.14's ``compression.zstd``), and an
    encrypted layer (``+encrypted``) cannot be read without its key.
    """

    media_type: str

    def __init__(
        self,
        message: str,
        *,
        media_type: str = "",
        text: str | None = None,
        span: tuple[int, int] | None = None,
        pointer: str | None = None,
    ) -> None:
        super().__init__(message, text=text, span=span, pointer=pointer)
        self.media_type = media_type

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_with, (type(self), self.message, {"media_type": self.media_type}))


class CorruptLayerError(OCIError):
    """A layer's compressed stream is corrupt or truncated.

    ``offset`` is where, in the compressed bytes, the input that could not be
    decoded starts: the chunk being decoded when the fault showed, or the
    end of the stream for a truncated one.
    """

    offset: int

    def __init__(
        self,
        message: str,
        *,
        offset: int = 0,
        text: str | None = None,
        span: tuple[int, int] | None = None,
        pointer: str | None = None,
    ) -> None:
        super().__init__(message, text=text, span=span, pointer=pointer)
        self.offset = offset

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_with, (type(self), self.message, {"offset": self.offset}))


class LayerTooLargeError(CorruptLayerError):
    """A layer decompresses to more bytes than the caller allowed (a decompression bomb, or a wrong limit).

    ``offset`` is where the compressed input that crossed the limit starts.
    """


class InvalidAnnotationError(InvalidDocumentError):
    """A pre-defined annotation's value breaks its rule (annotations.md).

    ``key`` is the annotation's key (``org.opencontainers.image.created``);
    ``text`` and ``span`` locate the fault in the value.
    """

    key: str

    def __init__(
        self,
        message: str,
        *,
        key: str = "",
        text: str | None = None,
        span: tuple[int, int] | None = None,
        pointer: str | None = None,
    ) -> None:
        super().__init__(message, text=text, span=span, pointer=pointer)
        self.key = key

    def __reduce__(self) -> tuple[object, ...]:
        keywords = {"key": self.key, "text": self.text, "span": self.span, "pointer": self.pointer}
        return (_rebuild_with, (type(self), self.message, keywords))


class InvalidLayoutError(InvalidDocumentError):
    """An image layout's ``oci-layout`` file or ``index.json`` breaks image-layout.md."""


def _rebuild_with(cls: Callable[..., OCIError], message: str, keywords: dict[str, object]) -> OCIError:
    return cls(message, **keywords)


# -- registry auth and credentials (oci_core.auth, oci_core.credentials) ---------------


class AuthError(OCIError):
    """Registry authentication failed because of what a peer sent or answered.

    The root of the auth family: a challenge that does not parse, a realm the
    policy refuses, a token server's bad answer. A :class:`~oci_core.auth.Failed`
    step carries one of these, or the registry's own
    :class:`UnauthorizedError` when it refuses every credential offered.
    """


class InvalidChallengeError(AuthError):
    """A ``WWW-Authenticate`` value breaks RFC 9110 §11 (or a challenge lacks what its scheme needs)."""


class InvalidScopeError(AuthError):
    """A token scope is malformed (distribution-spec token scope grammar)."""


class RealmRefusedError(AuthError):
    """The realm policy refuses a challenge's token endpoint (the SSRF family of bugs)."""


class TokenResponseError(AuthError):
    """A token server answered badly: an error status, a body that is not a token, an oversize body."""


class InvalidCredentialsError(OCIError):
    """A credential file (``config.json``, ``auth.json``, ``~/.dockercfg``) or ``DOCKER_AUTH_CONFIG`` is malformed."""


class CredentialHelperError(InvalidCredentialsError):
    """A ``docker-credential-*`` helper failed, or wrote output that is not the protocol's."""


# -- AI model artifacts (oci_core.models) ------------------------------------------------


class InvalidModelError(InvalidDocumentError):
    """A model config (Docker's model format or CNCF ModelPack) or a JSON layer annotation breaks its rules.

    ``pointer`` names the member (``/config/context_size``,
    ``/descriptor/createdAt``); for an annotation value it is the pointer
    inside that value's own JSON.
    """


class UnsupportedModelError(OCIError):
    """A model artifact of a kind or version this library does not read.

    model-runner's ``ErrUnsupportedMediaType`` ("unsupported model config
    media type") for a config media type it does not know, and the weights
    formats it cannot name.
    """


class InvalidModelHeaderError(OCIError):
    """A GGUF or safetensors header is malformed, or declares more than its documented cap."""


class IncompleteModelHeaderError(InvalidModelHeaderError):
    """The bytes given end before the header does.

    ``needed`` is the least total number of bytes from the start of the file
    that a retry must supply (more may turn out to be needed once those are
    read), so a caller can read a file's head incrementally. It never
    exceeds the reader's cap.
    """

    needed: int

    def __init__(
        self,
        message: str,
        *,
        needed: int = 0,
        text: str | None = None,
        span: tuple[int, int] | None = None,
        pointer: str | None = None,
    ) -> None:
        super().__init__(message, text=text, span=span, pointer=pointer)
        self.needed = needed

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_incomplete, (self.message, self.needed, self.text, self.span, self.pointer))


def _rebuild_incomplete(
    message: str, needed: int, text: str | None, span: tuple[int, int] | None, pointer: str | None
) -> IncompleteModelHeaderError:
    return IncompleteModelHeaderError(message, needed=needed, text=text, span=span, pointer=pointer)


class LayerPathError(OCIError):
    """A layer's ``org.cncf.model.filepath`` annotation is missing, unsafe, or collides with another's.

    ``text`` is the annotation's value and ``span`` the offending part;
    ``pointer`` names the annotation (``/layers/2/annotations/org.cncf.model.filepath``).
    """


class UnsafeLayerPathError(LayerPathError):
    """A file path could leave the directory it is laid out in, or is not portable enough to lay out safely."""


class LayerPathCollisionError(LayerPathError):
    """Two layers would become the same file (or one a file, the other a directory below it)."""
