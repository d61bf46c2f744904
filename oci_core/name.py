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

The functions mirror ``NewRegistry``, ``NewRepository``, ``NewTag``,
``NewDigest`` and ``ParseReference`` with their options as keyword
arguments (``strict``, ``insecure``, ``default_registry``,
``default_tag``). Every value is validated when made, so unlike ggcr,
:meth:`Repository.tag` and :meth:`Repository.digest` check what they are given.

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

from ._grammar import IPV4_PATTERN
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
    "new_digest",
    "new_registry",
    "new_repository",
    "new_tag",
    "parse_reference",
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
# Longest digest text handed to parse_digest when its algorithm is unregistered.
_MAX_DIGEST_TEXT: Final = 1024

_A = re.ASCII
_REPOSITORY_BAD_CHAR = re.compile(r"[^a-z0-9_./-]", _A).search
_TAG_BAD_CHAR = re.compile(r"[^a-zA-Z0-9_.-]", _A).search
_CONTROL = re.compile(r"[\x00-\x1f\x7f]").search
# ASCII that Go's url.shouldEscape(c, encodeHost) lets stand in a host; other
# ASCII makes url.Parse fail. "#", "/", "?" and "@" end the host, and "%"
# escapes change it, so none of those leaves url.Host equal to the name.
_HOST_BAD_CHAR = re.compile(r"[\x00-\x7f](?<![A-Za-z0-9\-_.~!$&'()*+,;=:\[\]<>\"])").search
_NOT_DIGIT = re.compile(r"[^0-9]", _A).search
_IPV6_BAD_CHAR = re.compile(r"[^0-9a-fA-F:.]", _A).search
_LOCAL = re.compile(r"\.localhost(?::[0-9]{1,5})?\Z", _A).search
_LOOPBACK = re.compile(r"127\.0\.0\.1(?::[0-9]{1,5})?", _A).fullmatch
_IPV6_LOOPBACK = re.compile(r"::1|\[::1\](?::[0-9]{1,5})?", _A).fullmatch
_IPV4 = re.compile(IPV4_PATTERN, _A).fullmatch


def _bad_name(message: str, text: str, span: tuple[int, int] | None = None) -> InvalidReferenceError:
    return InvalidReferenceError(message, text=text, span=span if span is not None else (0, len(text)))


def _require_str(value: object, what: str) -> str:
    if type(value) is str:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    raise InvalidReferenceError(f"{what} must be a string, got {type(value).__name__}")


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


def _is_uri_authority(name: str) -> bool:
    """Whether Go's ``url.Parse("//" + name).Host == name`` (Go 1.25 net/url), in 255 characters."""
    if len(name) > MAX_REGISTRY_LENGTH or _CONTROL(name) is not None:
        return False
    if name.startswith("["):
        end = name.rfind("]")
        if end < 0 or not _valid_optional_port(name[end + 1 :]):
            return False
        # Since Go 1.25.2 / 1.24.8 only an IPv6 address may stand in brackets.
        if not _is_ipv6(name[1:end]):
            return False
    else:
        colon = name.rfind(":")
        if colon >= 0 and not _valid_optional_port(name[colon:]):
            return False
    return _HOST_BAD_CHAR(name) is None


def _valid_optional_port(port: str) -> bool:
    return port == "" or (port[0] == ":" and _NOT_DIGIT(port, 1) is None)


def _is_ipv6(address: str) -> bool:
    if not address or _IPV6_BAD_CHAR(address) is not None:
        return False
    import ipaddress  # only for bracketed hosts; keeps `import oci_core.name` cheap

    try:
        ipaddress.IPv6Address(address)
    except ValueError:
        return False
    return True


# -- values ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Registry:
    """A registry (ggcr ``name.Registry``): a host and optional port.

    >>> r = new_registry("docker.io")
    >>> r.name, r.scheme
    ('index.docker.io', 'https')

    :raises InvalidReferenceError: ``registry`` is empty or not a URI authority.
    """

    registry: str
    insecure: bool = False

    def __post_init__(self) -> None:
        if type(self.registry) is not str or not self.registry or not _is_uri_authority(self.registry):
            text = self.registry if isinstance(self.registry, str) else repr(self.registry)
            raise _bad_name("registries must be valid RFC 3986 URI authorities", text)
        if type(self.insecure) is not bool:
            raise InvalidReferenceError(f"insecure must be a bool, got {type(self.insecure).__name__}")

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
        """
        del action  # the catalog is the registry's only resource
        return "registry:catalog:*"

    @property
    def is_rfc1918(self) -> bool:
        """Whether the host is an IPv4 address in an RFC 1918 private network."""
        host = self.registry.partition(":")[0]
        if _IPV4(host) is None:
            return False
        a, b = (int(octet) for octet in host.split(".")[:2])
        return a == 10 or (a == 172 and 16 <= b <= 31) or (a == 192 and b == 168)

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


@dataclass(frozen=True, slots=True)
class Repository:
    """A repository in a registry (ggcr ``name.Repository``).

    ``repository`` is the path as given; :attr:`repository_str` adds the
    implicit ``library/`` of single-component Docker Hub names.

    >>> r = new_repository("ubuntu")
    >>> r.name, r.repository_str
    ('index.docker.io/library/ubuntu', 'library/ubuntu')

    :raises InvalidReferenceError: ``repository`` has characters or a length ggcr refuses.
    """

    registry: Registry
    repository: str

    def __post_init__(self) -> None:
        if not isinstance(self.registry, Registry):
            raise InvalidReferenceError(f"registry must be a Registry, got {type(self.registry).__name__}")
        _check_repository(_require_str(self.repository, "repository"))

    @property
    def registry_str(self) -> str:
        """The registry (ggcr ``RegistryStr()``)."""
        return self.registry.registry

    @property
    def repository_str(self) -> str:
        """The path, with ``library/`` for single-component Docker Hub names."""
        if self._implicit_namespace:
            return DEFAULT_NAMESPACE + "/" + self.repository
        return self.repository

    @property
    def _implicit_namespace(self) -> bool:
        return "/" not in self.repository and self.registry.registry == DEFAULT_REGISTRY

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
        """
        return f"repository:{self.repository_str}:{action}"

    def tag(self, identifier: str) -> Tag:
        """A tag in this repository (ggcr ``Repository.Tag``, but validated).

        :raises InvalidReferenceError: ``identifier`` is not a tag.
        """
        identifier = _require_str(identifier, "tag")
        _check_tag(identifier)
        return Tag(self, identifier, self.name + ":" + identifier)

    def digest(self, identifier: str) -> DigestReference:
        """A digest in this repository (ggcr ``Repository.Digest``, but validated).

        :raises InvalidDigestError: ``identifier`` is not a valid digest.
        """
        digest = parse_digest(identifier)
        return DigestReference(self, digest, self.name + "@" + digest)

    def __str__(self) -> str:
        return self.name


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


@dataclass(frozen=True, slots=True)
class Tag(_InRepository):
    """A tagged image (ggcr ``name.Tag``); ``str()`` is the text it was parsed from.

    >>> t = new_tag("ubuntu")
    >>> t.name, str(t), t.identifier
    ('index.docker.io/library/ubuntu:latest', 'ubuntu', 'latest')

    :raises InvalidReferenceError: ``tag`` has characters or a length ggcr refuses.
    """

    repository: Repository
    tag: str
    original: str

    def __post_init__(self) -> None:
        if not isinstance(self.repository, Repository):
            raise InvalidReferenceError(f"repository must be a Repository, got {type(self.repository).__name__}")
        _check_tag(_require_str(self.tag, "tag"))
        _require_str(self.original, "original")

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


@dataclass(frozen=True, slots=True)
class DigestReference(_InRepository):
    """An image by digest (ggcr ``name.Digest``); ``str()`` is the text it was parsed from.

    A tag in that text is kept in ``str()`` but dropped from :attr:`name`.

    >>> d = new_digest("gcr.io/p/img:v1@sha256:" + "a" * 64)
    >>> d.name == "gcr.io/p/img@sha256:" + "a" * 64, str(d).startswith("gcr.io/p/img:v1@")
    (True, True)
    """

    repository: Repository
    digest: Digest
    original: str

    def __post_init__(self) -> None:
        if not isinstance(self.repository, Repository):
            raise InvalidReferenceError(f"repository must be a Repository, got {type(self.repository).__name__}")
        if type(self.digest) is not Digest:
            object.__setattr__(self, "digest", parse_digest(self.digest))
        _require_str(self.original, "original")

    @property
    def identifier(self) -> str:
        """The digest (ggcr ``Identifier()``)."""
        return str(self.digest)

    @property
    def digest_str(self) -> str:
        """The digest (ggcr ``DigestStr()``)."""
        return str(self.digest)

    @property
    def name(self) -> str:
        """The fully qualified name with the digest and without any tag (ggcr ``Name()``)."""
        return self.repository.name + "@" + self.digest


#: What :func:`parse_reference` returns (ggcr's ``name.Reference`` interface).
NameReference: TypeAlias = "Tag | DigestReference"


# -- constructors (ggcr's New* and ParseReference) --------------------------------------


def new_registry(
    name: str, *, strict: bool = False, insecure: bool = False, default_registry: str = DEFAULT_REGISTRY
) -> Registry:
    """A registry from its name (NewRegistry); ``""`` is the default registry unless ``strict``.

    >>> new_registry("", default_registry="gcr.io").name
    'gcr.io'

    :raises InvalidReferenceError: the name is not a URI authority, or empty under ``strict``.
    """
    name = _require_str(name, "registry")
    if strict and not name:
        raise _bad_name("strict validation requires the registry to be explicitly defined", name)
    if not _is_uri_authority(name):
        raise _bad_name("registries must be valid RFC 3986 URI authorities", name)
    if not name:
        name = _require_str(default_registry, "default registry")
    if name == DEFAULT_REGISTRY_ALIAS:
        name = DEFAULT_REGISTRY
    return Registry(name, insecure)


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
    """
    name = _require_str(name, "repository")
    if not name:
        raise _bad_name("a repository name must be specified", name)
    first, slash, rest = name.partition("/")
    registry, path = "", name
    if slash and ("." in first or ":" in first or first == "localhost"):
        registry, path = first, rest
    try:
        _check_repository(path)
    except InvalidReferenceError as error:
        raise _shifted(error, name, len(name) - len(path)) from None
    repository = Repository(
        new_registry(registry, strict=strict, insecure=insecure, default_registry=default_registry), path
    )
    if repository._implicit_namespace:
        if strict:
            raise _bad_name(
                f"strict validation requires the full repository path (missing '{DEFAULT_NAMESPACE}')", name
            )
        _check_repository(repository.repository_str)
    return repository


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
    """
    name = _require_str(name, "tag")
    base, colon, tag = name.rpartition(":")
    if not colon or "/" in tag:
        base, tag = name, ""
    elif not tag:
        raise _bad_name("must specify a tag name after the colon", name, (len(name) - 1, len(name)))
    if tag or strict:
        try:
            _check_tag(tag)
        except InvalidReferenceError as error:
            raise _shifted(error, name, len(base) + 1) from None
    if not tag:
        tag = _require_str(default_tag, "default tag")
        _check_tag(tag)
    repository = new_repository(base, strict=strict, insecure=insecure, default_registry=default_registry)
    return Tag(repository, tag, name)


def new_digest(
    name: str,
    *,
    strict: bool = False,
    insecure: bool = False,
    default_registry: str = DEFAULT_REGISTRY,
    default_tag: str = DEFAULT_TAG,
) -> DigestReference:
    """An image by digest from its name (NewDigest); a tag before the ``@`` is allowed.

    >>> new_digest("ubuntu@sha256:" + "0" * 64).name.startswith("index.docker.io/library/ubuntu@")
    True

    :raises InvalidReferenceError: not exactly one ``@``, or the name part is invalid.
    :raises InvalidReferenceDigestError: the digest is malformed or its algorithm unregistered.
    """
    name = _require_str(name, "digest")
    if name.count("@") != 1:
        raise _bad_name("a digest must contain exactly one '@' separator (e.g. registry/repository@digest)", name)
    base, _, text = name.partition("@")
    if len(text) > _MAX_DIGEST_TEXT and text.partition(":")[0] not in ALGORITHMS:
        # Longer than any registered digest: refused without a grammar match over all of it.
        raise ReferenceDigestFormatError(
            "invalid checksum digest format: longer than any registered digest", text=name, span=(len(base) + 1, len(name))
        )
    try:
        digest = parse_digest(text)
    except OCIError as error:
        raise _shifted(error, name, len(base) + 1) from None
    try:
        tagged = new_tag(
            base, strict=strict, insecure=insecure, default_registry=default_registry, default_tag=default_tag
        )
    except OCIError:
        pass
    else:
        base = tagged.repository.name
    repository = new_repository(base, strict=strict, insecure=insecure, default_registry=default_registry)
    return DigestReference(repository, digest, name)


def parse_reference(
    name: str,
    *,
    strict: bool = False,
    insecure: bool = False,
    default_registry: str = DEFAULT_REGISTRY,
    default_tag: str = DEFAULT_TAG,
) -> Tag | DigestReference:
    """A :class:`Tag` if ``name`` reads as one, else a :class:`DigestReference` (ParseReference).

    >>> type(parse_reference("ubuntu:22.04")).__name__, type(parse_reference("a@sha256:" + "0" * 64)).__name__
    ('Tag', 'DigestReference')

    :raises InvalidReferenceError: neither reading works, or ``name`` starts
        with ``http://`` or ``https://``.
    """
    name = _require_str(name, "reference")
    if name.startswith(("http://", "https://")):
        raise _bad_name(
            "image reference must not contain a URL scheme (http:// or https://);"
            " to connect to a registry over plain HTTP, use insecure=True",
            name,
        )
    try:
        return new_tag(
            name, strict=strict, insecure=insecure, default_registry=default_registry, default_tag=default_tag
        )
    except OCIError:
        pass
    try:
        return new_digest(
            name, strict=strict, insecure=insecure, default_registry=default_registry, default_tag=default_tag
        )
    except OCIError:
        pass
    raise _bad_name("could not parse reference", name)


def _shifted(error: OCIError, text: str, shift: int) -> OCIError:
    start, end = error.span if error.span is not None else (0, 0)
    span = (start + shift, end + shift)
    if isinstance(error, InvalidDigestError) and not isinstance(error, InvalidReferenceError):
        # ggcr wraps go-digest's error in ErrBadName: a bad reference either way.
        return InvalidReferenceDigestError.from_digest_error(error, text, span)
    return type(error)(error.message, text=text, span=span)
