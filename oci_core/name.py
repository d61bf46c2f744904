"""go-containerregistry's ``pkg/name`` view of references, for code ported from it.

go-containerregistry (ggcr) reads references differently from
distribution/reference (:mod:`oci_core.reference`, the default here):

* Docker Hub is ``index.docker.io`` (``docker.io`` is folded into it), not
  ``docker.io``;
* the first component is a registry only when it contains ``.`` or ``:`` or
  is ``localhost`` (distribution also takes uppercase first components);
* validation is by character set and length, not by the reference grammar:
  a repository is ``[a-z0-9_./-]{1,255}`` (so ``a//b`` and ``-a`` pass), a
  tag ``[A-Za-z0-9_.-]{1,127}``, a registry anything Go's ``net/url`` accepts
  as a URI authority (here at most 255 characters, so that hostile input
  costs no more than a glance);
* a reference with both a tag and a digest is a :class:`DigestReference`
  whose :attr:`~DigestReference.name` drops the tag and whose ``str()`` is the
  text as given;
* "weak" validation (the default) fills in the default registry, the
  ``library/`` namespace on Docker Hub and the tag ``latest``; ``strict=True``
  refuses to default anything.

The functions mirror ggcr's constructors with their options as keyword
arguments (``strict``, ``insecure``, ``default_registry``, ``default_tag``):

============================  ==========================
ggcr                          here
============================  ==========================
``name.NewRegistry``          :func:`new_registry`
``name.NewRepository``        :func:`new_repository`
``name.NewTag``               :func:`new_tag`
``name.NewDigest``            :func:`new_digest_reference`
``name.ParseReference``       :func:`new_reference`
============================  ==========================

``NewDigest`` and ``ParseReference`` are not spelled ``new_digest`` and
``parse_reference`` because :func:`oci_core.digest.new_digest` (a digest from
its parts) and :func:`oci_core.reference.parse_reference` (a distribution
reference) already mean something else in this package; the names here say
what they make, as :class:`DigestReference` does.

Every value is validated when made, so unlike ggcr, :meth:`Repository.tag`
and :meth:`Repository.digest` check what they are given, a registry may not
hold a lone surrogate or a noncharacter, and a :class:`Tag` or
:class:`DigestReference` made directly must be given an ``original`` text that
names it (the text :func:`new_tag` or :func:`new_digest_reference` reads as
that value, with its registry and tag as the defaults). Constructors raise
``TypeError`` for the wrong kind of object; the ``new_*`` functions read text
and raise :class:`~oci_core.errors.InvalidReferenceError` for anything else.

Errors are :class:`~oci_core.errors.InvalidReferenceError` with ggcr's words
(its ``ErrBadName``), except that a malformed digest raises the
:class:`~oci_core.errors.InvalidDigestError` that :func:`oci_core.digest.parse_digest`
raises, as ggcr passes go-digest's error through.

The scheme (:attr:`Registry.scheme`) is ggcr's ``Scheme()``: ``http`` when
the registry was made ``insecure``, for RFC 1918 IPv4 addresses
(``10.0.0.0/8``, ``172.16.0.0/12``, ``192.168.0.0/16``, with any port), for
``localhost`` and ``localhost:<anything>``, for names ending in
``.localhost`` with an optional port of up to 5 digits, for exactly
``127.0.0.1`` (other loopback addresses are ``https`` here, unlike
:func:`oci_core.reference.default_scheme`) and for ``::1`` and ``[::1]`` with an
optional port; ``https`` otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, TypeAlias

from ._grammar import MAX_DIGEST_TEXT, exact_str, first_forbidden_char, is_ipv6, is_rfc1918
from ._values import layout_twin, publish
from .digest import ALGORITHMS, Digest, parse_digest
from .errors import (
    InvalidDigestError,
    InvalidReferenceDigestError,
    InvalidReferenceError,
    OCIError,
    ReferenceDigestFormatError,
)

__all__ = [
    "DEFAULT_NAMESPACE",
    "DEFAULT_REGISTRY",
    "DEFAULT_REGISTRY_ALIAS",
    "DEFAULT_TAG",
    "MAX_REGISTRY_LENGTH",
    "DigestReference",
    "NameReference",
    "Registry",
    "Repository",
    "Tag",
    "new_digest_reference",
    "new_reference",
    "new_registry",
    "new_repository",
    "new_tag",
]

#: The registry a name without one lives on.
DEFAULT_REGISTRY: Final = "index.docker.io"
#: Another name of :data:`DEFAULT_REGISTRY`, always folded into it.
DEFAULT_REGISTRY_ALIAS: Final = "docker.io"
#: The tag a name without one gets under weak validation.
DEFAULT_TAG: Final = "latest"
#: The namespace of single-component names on :data:`DEFAULT_REGISTRY`.
DEFAULT_NAMESPACE: Final = "library"
#: The longest registry accepted here (ggcr has no bound; DNS names are at most 253).
MAX_REGISTRY_LENGTH: Final = 255

_A = re.ASCII
_REPOSITORY_BAD_CHAR = re.compile(r"[^a-z0-9_./-]", _A).search
_TAG_BAD_CHAR = re.compile(r"[^a-zA-Z0-9_.-]", _A).search
_CONTROL = re.compile(r"[\x00-\x1f\x7f]").search
# ASCII that Go's url.shouldEscape(c, encodeHost) lets stand in a host; other
# ASCII makes url.Parse fail. "#", "/", "?" and "@" end the host, and "%"
# escapes change it, so none of those leaves url.Host equal to the name.
_HOST_BAD_CHAR = re.compile(r"[\x00-\x7f](?<![A-Za-z0-9\-_.~!$&'()*+,;=:\[\]<>\"])").search
_NOT_DIGIT = re.compile(r"[^0-9]", _A).search
_LOCAL = re.compile(r"\.localhost(?::[0-9]{1,5})?\Z", _A).search
_LOOPBACK = re.compile(r"127\.0\.0\.1(?::[0-9]{1,5})?", _A).fullmatch
_IPV6_LOOPBACK = re.compile(r"::1|\[::1\](?::[0-9]{1,5})?", _A).fullmatch


def _bad_name(message: str, text: str, span: tuple[int, int] | None = None) -> InvalidReferenceError:
    return InvalidReferenceError(message, text=text, span=span if span is not None else (0, len(text)))


def _require_str(value: object, what: str) -> str:
    """A parser's input as an exact ``str``; anything else is bad data."""
    text = exact_str(value)
    if text is None:
        raise InvalidReferenceError(f"{what} must be a string, got {type(value).__name__}")
    return text


def _str_argument(value: object, what: str) -> str:
    """A constructor's ``str`` argument as an exact ``str``; anything else is the wrong kind of object."""
    text = exact_str(value)
    if text is None:
        raise TypeError(f"{what} must be a str, got {type(value).__name__}")
    return text


# -- checks (ggcr's checkElement, checkRegistry) -----------------------------------


def _check_repository(text: str) -> None:
    if not 1 <= len(text) <= 255:
        raise _bad_name("repository must be between 1 and 255 characters in length", text)
    bad = _REPOSITORY_BAD_CHAR(text)
    if bad is not None:
        raise _bad_name(
            "repository can only contain the characters `abcdefghijklmnopqrstuvwxyz0123456789_-./`",
            text,
            (bad.start(), bad.start() + 1),
        )


def _check_tag(text: str) -> None:
    if not 1 <= len(text) <= 127:
        raise _bad_name("tag must be between 1 and 127 characters in length", text)
    bad = _TAG_BAD_CHAR(text)
    if bad is not None:
        raise _bad_name(
            "tag can only contain the characters"
            " `abcdefghijklmnopqrstuvwxyz0123456789_-.ABCDEFGHIJKLMNOPQRSTUVWXYZ`",
            text,
            (bad.start(), bad.start() + 1),
        )


def _check_registry(name: str) -> None:
    """Refuse a registry that is not a URI authority (the empty name is the caller's to handle)."""
    if not _is_uri_authority(name):
        raise _bad_name("registries must be valid RFC 3986 URI authorities", name)
    bad = first_forbidden_char(name)
    if bad >= 0:
        # Go's url.Parse would take it, but no such text can be sent: a lone
        # surrogate has no UTF-8 encoding, and noncharacters are for a
        # program's internal use (the JSON reader refuses both too).
        raise _bad_name(
            "registries must be valid RFC 3986 URI authorities: no lone surrogates or noncharacters",
            name,
            (bad, bad + 1),
        )


def _is_uri_authority(name: str) -> bool:
    """Whether Go's ``url.Parse("//" + name).Host == name`` (Go 1.25 net/url), in 255 characters."""
    if len(name) > MAX_REGISTRY_LENGTH or _CONTROL(name) is not None:
        return False
    if name.startswith("["):
        end = name.rfind("]")
        if end < 0 or not _valid_optional_port(name[end + 1 :]):
            return False
        # Since Go 1.25.2 / 1.24.8 only an IPv6 address may stand in brackets.
        if not is_ipv6(name[1:end]):
            return False
    else:
        colon = name.rfind(":")
        if colon >= 0 and not _valid_optional_port(name[colon:]):
            return False
    return _HOST_BAD_CHAR(name) is None


def _valid_optional_port(port: str) -> bool:
    return port == "" or (port[0] == ":" and _NOT_DIGIT(port, 1) is None)


def _split_tag(name: str) -> tuple[str, str, bool]:
    """ggcr's NewTag split: (base, tag, whether a ":" introduced the tag); a ":" before a "/" is a port."""
    base, colon, tag = name.rpartition(":")
    if not colon or "/" in tag:
        return name, "", False
    return base, tag, True


def _split_registry(name: str) -> tuple[str, str]:
    """ggcr's NewRepository split: (registry or "", path); the first component is a registry
    only if it has a "." or a ":" or is "localhost"."""
    first, slash, rest = name.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        return first, rest
    return "", name


# -- values ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, init=False)
class Registry:
    """A registry (ggcr ``name.Registry``): a host and optional port.

    >>> r = new_registry("docker.io")
    >>> r.name, r.scheme
    ('index.docker.io', 'https')

    ``Registry("docker.io")`` is :data:`DEFAULT_REGISTRY`, as everywhere in this view.

    :raises TypeError: ``registry`` is not a ``str`` or ``insecure`` not a ``bool``.
    :raises InvalidReferenceError: ``registry`` is empty or not a URI authority.
    """

    registry: str
    insecure: bool

    def __new__(cls, registry: str, insecure: bool = False) -> Registry:
        name = _str_argument(registry, "Registry registry")
        if type(insecure) is not bool:
            raise TypeError(f"Registry insecure must be a bool, got {type(insecure).__name__}")
        if not name:
            raise _bad_name("registries must be valid RFC 3986 URI authorities", name)
        _check_registry(name)
        return _make_registry(DEFAULT_REGISTRY if name == DEFAULT_REGISTRY_ALIAS else name, insecure)

    def __reduce__(self) -> tuple[object, ...]:
        return (Registry, (self.registry, self.insecure))

    @property
    def name(self) -> str:
        """The registry (ggcr ``Name()`` and ``RegistryStr()``)."""
        return self.registry

    @property
    def registry_str(self) -> str:
        """The registry (ggcr ``RegistryStr()``)."""
        return self.registry

    def scope(self, action: str) -> str:
        """The token scope for the registry (always the catalog).

        >>> new_registry("gcr.io").scope("pull")
        'registry:catalog:*'

        :raises TypeError: ``action`` is not a ``str``.
        """
        _str_argument(action, "action")  # the catalog is the registry's only resource
        return "registry:catalog:*"

    @property
    def is_rfc1918(self) -> bool:
        """Whether the host is an IPv4 address in an RFC 1918 private network."""
        return is_rfc1918(self.registry.partition(":")[0])

    @property
    def scheme(self) -> str:
        """``http`` or ``https``, as ggcr's ``Scheme()`` decides (see the module doc).

        >>> new_registry("localhost:5000").scheme, new_registry("10.1.2.3").scheme
        ('http', 'http')
        """
        name = self.registry
        if (
            self.insecure
            or self.is_rfc1918
            or name == "localhost"
            or name.startswith("localhost:")
            or _LOCAL(name) is not None
            or _LOOPBACK(name) is not None
            or _IPV6_LOOPBACK(name) is not None
        ):
            return "http"
        return "https"

    def __str__(self) -> str:
        return self.registry


_RegistryLayout = layout_twin(Registry)


def _make_registry(registry: str, insecure: bool) -> Registry:
    r = _RegistryLayout()
    r.registry = registry
    r.insecure = insecure
    return publish(r, Registry)


@dataclass(frozen=True, slots=True, init=False)
class Repository:
    """A repository in a registry (ggcr ``name.Repository``).

    ``repository`` is the full path (ggcr ``RepositoryStr()``): a
    one-component name on Docker Hub gets its implicit ``library/`` when the
    value is made, so that ``ubuntu`` and ``library/ubuntu`` there are one
    value, as they are one repository.

    >>> r = new_repository("ubuntu")
    >>> r.name, r.repository
    ('index.docker.io/library/ubuntu', 'library/ubuntu')
    >>> r == Repository(r.registry, "library/ubuntu")
    True

    :raises TypeError: ``registry`` is not a :class:`Registry` or ``repository`` not a ``str``.
    :raises InvalidReferenceError: ``repository`` has characters or a length ggcr refuses.
    """

    registry: Registry
    repository: str

    def __new__(cls, registry: Registry, repository: str) -> Repository:
        if type(registry) is not Registry:
            raise TypeError(f"Repository registry must be a Registry, got {type(registry).__name__}")
        path = _str_argument(repository, "Repository repository")
        _check_repository(path)
        if _implicit_namespace(registry, path):
            path = DEFAULT_NAMESPACE + "/" + path
            _check_repository(path)
        return _make_repository(registry, path)

    def __reduce__(self) -> tuple[object, ...]:
        return (Repository, (self.registry, self.repository))

    @property
    def registry_str(self) -> str:
        """The registry (ggcr ``RegistryStr()``)."""
        return self.registry.registry

    @property
    def repository_str(self) -> str:
        """The path (ggcr ``RepositoryStr()``), ``library/`` included on Docker Hub."""
        return self.repository

    @property
    def name(self) -> str:
        """``registry "/" repository_str`` (ggcr ``Name()`` and ``String()``)."""
        return self.registry.registry + "/" + self.repository_str

    @property
    def scheme(self) -> str:
        """The registry's scheme."""
        return self.registry.scheme

    @property
    def insecure(self) -> bool:
        """Whether the registry was made insecure."""
        return self.registry.insecure

    def scope(self, action: str) -> str:
        """The token scope for ``action`` on this repository.

        >>> new_repository("gcr.io/project-id/image").scope("pull")
        'repository:project-id/image:pull'

        :raises TypeError: ``action`` is not a ``str``.
        """
        return f"repository:{self.repository_str}:{_str_argument(action, 'action')}"

    def tag(self, identifier: str) -> Tag:
        """A tag in this repository (ggcr ``Repository.Tag``, but validated).

        >>> str(new_repository("gcr.io/a").tag("v1"))
        'gcr.io/a:v1'

        :raises TypeError: ``identifier`` is not a ``str``.
        :raises InvalidReferenceError: ``identifier`` is not a tag.
        """
        tag = _str_argument(identifier, "tag")
        _check_tag(tag)
        return _make_tag(self, tag, self.name + ":" + tag)

    def digest(self, identifier: str) -> DigestReference:
        """A digest in this repository (ggcr ``Repository.Digest``, but validated).

        :raises TypeError: ``identifier`` is not a ``str``.
        :raises InvalidDigestError: ``identifier`` is not a valid digest.
        """
        digest = _digest_argument(identifier)
        return _make_digest_reference(self, digest, self.name + "@" + digest)

    def __str__(self) -> str:
        return self.name


_RepositoryLayout = layout_twin(Repository)


def _implicit_namespace(registry: Registry, path: str) -> bool:
    """Whether the path gets the ``library/`` namespace: one component on Docker Hub."""
    return "/" not in path and registry.registry == DEFAULT_REGISTRY


def _make_repository(registry: Registry, repository: str) -> Repository:
    r = _RepositoryLayout()
    r.registry = registry
    r.repository = repository
    return publish(r, Repository)


def _digest_argument(digest: object) -> Digest:
    if type(digest) is Digest:
        return digest
    return parse_digest(_str_argument(digest, "digest"))


class _InRepository:
    """Private: what ggcr's Tag and Digest get by embedding their Repository."""

    __slots__ = ()
    repository: Repository
    original: str

    @property
    def context(self) -> Repository:
        """The repository (ggcr ``Context()``)."""
        return self.repository

    @property
    def registry_str(self) -> str:
        """The registry (ggcr ``RegistryStr()``)."""
        return self.repository.registry_str

    @property
    def repository_str(self) -> str:
        """The repository path (ggcr ``RepositoryStr()``)."""
        return self.repository.repository_str

    @property
    def scheme(self) -> str:
        """The registry's scheme."""
        return self.repository.scheme

    def scope(self, action: str) -> str:
        """The token scope for ``action`` on the repository."""
        return self.repository.scope(action)

    def __str__(self) -> str:
        return self.original


@dataclass(frozen=True, slots=True, init=False)
class Tag(_InRepository):
    """A tagged image (ggcr ``name.Tag``); ``str()`` is the text it was parsed from.

    >>> t = new_tag("ubuntu")
    >>> t.name, str(t), t.identifier
    ('index.docker.io/library/ubuntu:latest', 'ubuntu', 'latest')

    Made directly, ``original`` must be a text that :func:`new_tag` reads as
    this tag, with the repository's registry and this tag as the defaults:

    >>> repository = new_repository("gcr.io/a")
    >>> Tag(repository, "v1", "gcr.io/a:v1") == repository.tag("v1")
    True
    >>> Tag(repository, "v1", "quay.io/b:v1")
    Traceback (most recent call last):
    ...
    oci_core.errors.InvalidReferenceError: the original text does not name this tag: 'quay.io/b:v1'

    :raises TypeError: a member is of the wrong kind.
    :raises InvalidReferenceError: ``tag`` has characters or a length ggcr
        refuses, or ``original`` does not name this tag.
    """

    repository: Repository
    tag: str
    original: str

    def __new__(cls, repository: Repository, tag: str, original: str) -> Tag:
        if type(repository) is not Repository:
            raise TypeError(f"Tag repository must be a Repository, got {type(repository).__name__}")
        tag_text = _str_argument(tag, "Tag tag")
        original_text = _str_argument(original, "Tag original")
        _check_tag(tag_text)
        try:
            read = _tag(original_text, False, repository.insecure, repository.registry_str, tag_text)
        except OCIError:
            read = None
        if read is None or read.name != repository.name + ":" + tag_text:
            raise _bad_name("the original text does not name this tag", original_text)
        return _make_tag(repository, tag_text, original_text)

    def __reduce__(self) -> tuple[object, ...]:
        return (Tag, (self.repository, self.tag, self.original))

    @property
    def identifier(self) -> str:
        """The tag (ggcr ``Identifier()``)."""
        return self.tag

    @property
    def tag_str(self) -> str:
        """The tag (ggcr ``TagStr()``)."""
        return self.tag

    @property
    def name(self) -> str:
        """The fully qualified name with the tag (ggcr ``Name()``)."""
        return self.repository.name + ":" + self.tag


_TagLayout = layout_twin(Tag)


def _make_tag(repository: Repository, tag: str, original: str) -> Tag:
    t = _TagLayout()
    t.repository = repository
    t.tag = tag
    t.original = original
    return publish(t, Tag)


@dataclass(frozen=True, slots=True, init=False)
class DigestReference(_InRepository):
    """An image by digest (ggcr ``name.Digest``); ``str()`` is the text it was parsed from.

    A tag in that text is kept in ``str()`` but dropped from :attr:`name`.

    >>> d = new_digest_reference("gcr.io/p/img:v1@sha256:" + "a" * 64)
    >>> d.name == "gcr.io/p/img@sha256:" + "a" * 64, str(d).startswith("gcr.io/p/img:v1@")
    (True, True)

    Made directly, ``digest`` may be text (it is parsed) and ``original``
    must be a text that :func:`new_digest_reference` reads as this value,
    with the repository's registry as the default.

    :raises TypeError: a member is of the wrong kind.
    :raises InvalidDigestError: ``digest`` is not a valid digest.
    :raises InvalidReferenceError: ``original`` does not name this digest reference.
    """

    repository: Repository
    digest: Digest
    original: str

    def __new__(cls, repository: Repository, digest: Digest | str, original: str) -> DigestReference:
        if type(repository) is not Repository:
            raise TypeError(f"DigestReference repository must be a Repository, got {type(repository).__name__}")
        parsed = _digest_argument(digest)
        original_text = _str_argument(original, "DigestReference original")
        try:
            read = _digest_reference(original_text, False, repository.insecure, repository.registry_str, DEFAULT_TAG)
        except OCIError:
            read = None
        if read is None or read.name != repository.name + "@" + parsed:
            raise _bad_name("the original text does not name this digest reference", original_text)
        return _make_digest_reference(repository, parsed, original_text)

    def __reduce__(self) -> tuple[object, ...]:
        return (DigestReference, (self.repository, self.digest, self.original))

    @property
    def identifier(self) -> str:
        """The digest (ggcr ``Identifier()``)."""
        return str.__str__(self.digest)

    @property
    def digest_str(self) -> str:
        """The digest (ggcr ``DigestStr()``)."""
        return str.__str__(self.digest)

    @property
    def name(self) -> str:
        """The fully qualified name with the digest and without any tag (ggcr ``Name()``)."""
        return self.repository.name + "@" + self.digest


_DigestReferenceLayout = layout_twin(DigestReference)


def _make_digest_reference(repository: Repository, digest: Digest, original: str) -> DigestReference:
    d = _DigestReferenceLayout()
    d.repository = repository
    d.digest = digest
    d.original = original
    return publish(d, DigestReference)


#: What :func:`new_reference` returns (ggcr's ``name.Reference`` interface).
NameReference: TypeAlias = "Tag | DigestReference"


# -- constructors (ggcr's New* and ParseReference) --------------------------------------
# Each public function reads its text and checks its options once, then calls
# the private reader, which the others call in turn with checked arguments.


def _options(strict: object, insecure: object, default_registry: object, default_tag: object) -> tuple[str, str]:
    """Check the options (TypeError for a wrong kind, ValueError for a bad value); the defaults to use."""
    for value, what in ((strict, "strict"), (insecure, "insecure")):
        if type(value) is not bool:
            raise TypeError(f"{what} must be a bool, got {type(value).__name__}")
    registry = DEFAULT_REGISTRY if default_registry is DEFAULT_REGISTRY else _default_registry(default_registry)
    tag = DEFAULT_TAG if default_tag is DEFAULT_TAG else _default_tag(default_tag)
    return registry, tag


def _default_registry(value: object) -> str:
    text = _str_argument(value, "default_registry")
    try:
        if not text:
            raise _bad_name("registries must be valid RFC 3986 URI authorities", text)
        _check_registry(text)
    except InvalidReferenceError as error:
        raise ValueError(f"default_registry {text!r:.80}: {error.message}") from None
    return DEFAULT_REGISTRY if text == DEFAULT_REGISTRY_ALIAS else text


def _default_tag(value: object) -> str:
    text = _str_argument(value, "default_tag")
    try:
        _check_tag(text)
    except InvalidReferenceError as error:
        raise ValueError(f"default_tag {text!r:.80}: {error.message}") from None
    return text


def new_registry(
    name: str, *, strict: bool = False, insecure: bool = False, default_registry: str = DEFAULT_REGISTRY
) -> Registry:
    """A registry from its name (NewRegistry); ``""`` is the default registry unless ``strict``.

    >>> new_registry("", default_registry="gcr.io").name
    'gcr.io'

    :raises InvalidReferenceError: the name is not a URI authority (or no ``str``), or empty under ``strict``.
    :raises TypeError: an option is of the wrong kind.
    :raises ValueError: ``default_registry`` is not a registry.
    """
    text = _require_str(name, "registry")
    registry, _ = _options(strict, insecure, default_registry, DEFAULT_TAG)
    return _registry(text, strict, insecure, registry)


def _registry(name: str, strict: bool, insecure: bool, default_registry: str) -> Registry:
    if not name:
        if strict:
            raise _bad_name("strict validation requires the registry to be explicitly defined", name)
        return _make_registry(default_registry, insecure)
    _check_registry(name)
    return _make_registry(DEFAULT_REGISTRY if name == DEFAULT_REGISTRY_ALIAS else name, insecure)


def new_repository(
    name: str, *, strict: bool = False, insecure: bool = False, default_registry: str = DEFAULT_REGISTRY
) -> Repository:
    """A repository from its name (NewRepository).

    The first component is the registry only if it has ``.`` or ``:`` or is
    ``localhost``.

    >>> new_repository("namespace/image").name
    'index.docker.io/namespace/image'

    :raises InvalidReferenceError: a part is invalid, or ``strict`` and the
        registry or the ``library/`` namespace is implicit.
    :raises TypeError: an option is of the wrong kind.
    :raises ValueError: ``default_registry`` is not a registry.
    """
    text = _require_str(name, "repository")
    registry, _ = _options(strict, insecure, default_registry, DEFAULT_TAG)
    return _repository(text, strict, insecure, registry)


def _repository(name: str, strict: bool, insecure: bool, default_registry: str) -> Repository:
    if not name:
        raise _bad_name("a repository name must be specified", name)
    registry_text, path = _split_registry(name)
    try:
        _check_repository(path)
    except InvalidReferenceError as error:
        raise _shifted(error, name, len(name) - len(path)) from None
    registry = _registry(registry_text, strict, insecure, default_registry)
    if _implicit_namespace(registry, path):
        if strict:
            raise _bad_name(
                f"strict validation requires the full repository path (missing '{DEFAULT_NAMESPACE}')", name
            )
        path = DEFAULT_NAMESPACE + "/" + path
        _check_repository(path)
    return _make_repository(registry, path)


def new_tag(
    name: str,
    *,
    strict: bool = False,
    insecure: bool = False,
    default_registry: str = DEFAULT_REGISTRY,
    default_tag: str = DEFAULT_TAG,
) -> Tag:
    """A tagged image from its name (NewTag); no tag means ``default_tag`` unless ``strict``.

    A ``:`` whose right side has no ``/`` starts the tag, so ``host:5000/repo``
    keeps its port.

    >>> new_tag("gcr.io/project-id/image:v2").tag
    'v2'

    :raises InvalidReferenceError: a part is invalid, the tag after ``:`` is
        empty, or ``strict`` and something is implicit.
    :raises TypeError: an option is of the wrong kind.
    :raises ValueError: ``default_registry`` or ``default_tag`` is invalid.
    """
    text = _require_str(name, "tag")
    registry, tag = _options(strict, insecure, default_registry, default_tag)
    return _tag(text, strict, insecure, registry, tag)


def _tag(name: str, strict: bool, insecure: bool, default_registry: str, default_tag: str) -> Tag:
    base, tag, explicit = _split_tag(name)
    if explicit:
        if not tag:
            raise _bad_name("must specify a tag name after the colon", name, (len(name) - 1, len(name)))
        try:
            _check_tag(tag)
        except InvalidReferenceError as error:
            raise _shifted(error, name, len(base) + 1) from None
    elif strict:
        # ggcr checks the empty tag: its fault is at the end of the text, where a tag would be.
        raise _bad_name("tag must be between 1 and 127 characters in length", name, (len(name), len(name)))
    else:
        tag = default_tag
    return _make_tag(_repository(base, strict, insecure, default_registry), tag, name)


def new_digest_reference(
    name: str,
    *,
    strict: bool = False,
    insecure: bool = False,
    default_registry: str = DEFAULT_REGISTRY,
    default_tag: str = DEFAULT_TAG,
) -> DigestReference:
    """An image by digest from its name (ggcr ``NewDigest``); a tag before the ``@`` is allowed.

    >>> new_digest_reference("ubuntu@sha256:" + "0" * 64).name.startswith("index.docker.io/library/ubuntu@")
    True

    :raises InvalidReferenceError: not exactly one ``@``, or the name part is invalid.
    :raises InvalidReferenceDigestError: the digest is malformed or its algorithm unregistered.
    :raises TypeError: an option is of the wrong kind.
    :raises ValueError: ``default_registry`` or ``default_tag`` is invalid.
    """
    text = _require_str(name, "digest")
    registry, tag = _options(strict, insecure, default_registry, default_tag)
    return _digest_reference(text, strict, insecure, registry, tag)


def _digest_reference(
    name: str, strict: bool, insecure: bool, default_registry: str, default_tag: str
) -> DigestReference:
    if name.count("@") != 1:
        raise _bad_name("a digest must contain exactly one '@' separator (e.g. registry/repository@digest)", name)
    base, _, text = name.partition("@")
    if len(text) > MAX_DIGEST_TEXT and text.partition(":")[0] not in ALGORITHMS:
        # Longer than any registered digest: refused without a grammar match over all of it.
        raise ReferenceDigestFormatError(
            "invalid checksum digest format: longer than any registered digest",
            text=name,
            span=(len(base) + 1, len(name)),
        )
    try:
        digest = parse_digest(text)
    except OCIError as error:
        raise _shifted(error, name, len(base) + 1) from None
    try:
        tagged = _tag(base, strict, insecure, default_registry, default_tag)
    except OCIError:
        pass
    else:
        base = tagged.repository.name
    return _make_digest_reference(_repository(base, strict, insecure, default_registry), digest, name)


def new_reference(
    name: str,
    *,
    strict: bool = False,
    insecure: bool = False,
    default_registry: str = DEFAULT_REGISTRY,
    default_tag: str = DEFAULT_TAG,
) -> Tag | DigestReference:
    """A :class:`Tag` if ``name`` reads as one, else a :class:`DigestReference` (ggcr ``ParseReference``).

    >>> type(new_reference("ubuntu:22.04")).__name__, type(new_reference("a@sha256:" + "0" * 64)).__name__
    ('Tag', 'DigestReference')

    :raises InvalidReferenceError: neither reading works, or ``name`` starts
        with ``http://`` or ``https://``.
    :raises TypeError: an option is of the wrong kind.
    :raises ValueError: ``default_registry`` or ``default_tag`` is invalid.
    """
    text = _require_str(name, "reference")
    registry, tag = _options(strict, insecure, default_registry, default_tag)
    if text.startswith(("http://", "https://")):
        raise _bad_name(
            "image reference must not contain a URL scheme (http:// or https://);"
            " to connect to a registry over plain HTTP, use insecure=True",
            text,
        )
    try:
        return _tag(text, strict, insecure, registry, tag)
    except OCIError:
        pass
    try:
        return _digest_reference(text, strict, insecure, registry, tag)
    except OCIError:
        pass
    raise _bad_name("could not parse reference", text)


def _shifted(error: OCIError, text: str, shift: int) -> OCIError:
    start, end = error.span if error.span is not None else (0, 0)
    span = (start + shift, end + shift)
    if isinstance(error, InvalidDigestError) and not isinstance(error, InvalidReferenceError):
        # ggcr wraps go-digest's error in ErrBadName: a bad reference either way.
        return InvalidReferenceDigestError.from_digest_error(error, text, span)
    return type(error)(error.message, text=text, span=span)
