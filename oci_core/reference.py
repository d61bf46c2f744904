"""Image references: the distribution/reference grammar, Docker normalisation and naming.

The grammar is distribution/reference's (``reference.go``, the package doc, at
commit ``0965666a``; the composed patterns of ``regexp.go``), which Docker's
command line follows. Its path and tag are the OCI distribution spec's
(``spec.md``, "Pulling manifests": ``<name>`` is
``[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*`` and
a tag ``[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}``); the digest is image-spec
descriptor.md's, as :mod:`oci_core.digest` parses it::

    reference            := name [ ":" tag ] [ "@" digest ]
    name                 := [ domain "/" ] remote-name
    domain               := host [ ":" port-number ]
    host                 := domain-name | IPv4address | "[" IPv6address "]"   ; RFC 3986 appendix A
    domain-name          := domain-component [ "." domain-component ]*
    domain-component     := /([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])/
    port-number          := /[0-9]+/
    path-component       := alpha-numeric [ separator alpha-numeric ]*
    path (remote-name)   := path-component [ "/" path-component ]*
    alpha-numeric        := /[a-z0-9]+/
    separator            := /[_.]|__|[-]+/
    tag                  := /[\\w][\\w.-]{0,127}/
    digest               := digest-algorithm ":" digest-hex
    digest-algorithm     := digest-algorithm-component [ digest-algorithm-separator digest-algorithm-component ]*
    digest-algorithm-separator := /[+.-_]/
    digest-algorithm-component := /[A-Za-z][A-Za-z0-9]*/
    digest-hex           := /[0-9a-fA-F]{32,}/        ; at least 128 bits
    identifier           := /[a-f0-9]{64}/

Everything is ASCII: ``\\w`` is ``[A-Za-z0-9_]`` and ``[0-9]`` is not Python's
Unicode-wide ``\\d``. The upstream separator is written ``[-]*``; here it is
``[-]+``, the same language, because ``[-]*`` makes Python's backtracking
``re`` exponential. An IPv4 address is a domain-name (its octets are
domain-components); an IPv6 address is only checked for its characters, as
upstream does. A domain is only recognised when a ``/`` follows it: in
``localhost:5000`` the ``5000`` is a tag.

Rules beyond the grammar, as upstream applies them now:

* the path (not the whole name) is at most 255 characters
  (:class:`~oci_core.errors.NameTooLongError`);
* a digest that fits the grammar above is then parsed by
  :func:`oci_core.digest.parse_digest`, whose errors (an unregistered
  algorithm, a wrong length) surface as they are, located in the reference;
* a text that breaks the grammar only because of uppercase letters in the
  path is :class:`~oci_core.errors.NameContainsUppercaseError`.

Docker normalisation (``normalize.go``): a name without a domain lives on
Docker Hub, ``docker.io``; single-component Docker Hub names are official
images under ``library/``; ``index.docker.io`` is folded to ``docker.io``; the
first component is a domain when it is ``localhost``, contains ``.`` or ``:``,
or has uppercase letters; a bare 64-hex string is refused as a repository
name (it is an image ID). :func:`parse_any_reference` reads such an ID as a
digest instead.

Docker Hub has four names that are easy to mix up (go-containerregistry#68,
distribution#2540, docker-py#874), so each has its own function:
:func:`canonical_domain` (``docker.io``), :func:`registry_host` (the API
endpoint, ``registry-1.docker.io``), :func:`credential_key` (the
``config.json`` key, ``https://index.docker.io/v1/``) and
:func:`default_scheme`.

A domain is ``None`` when the text has none (upstream uses ``""``), so that
``Reference(domain=None, path=...)`` is the one spelling of "no domain".

Parsing is linear in the length of the input, by construction. Common shapes
take one precompiled match over at most 640 characters. Anything else is
split by hand at the first ``@``, at the last ``:`` after the last ``/`` and at
the first ``/``; unbounded pieces are only read by C-speed character-set
passes, and structure is matched only on pieces of at most 255 characters: the
path's limit is upstream's, and a domain (and a digest algorithm) is at most
255 characters here, where upstream has no bound (DNS names are at most 253).
A 1 MB hostile input is refused in a few milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from ._gomatch import MAX_PATTERN_LENGTH, BadPattern, GoPattern
from ._grammar import (
    MAX_DIGEST_TEXT,
    REGISTERED_DIGEST_PATTERN,
    exact_str,
    is_ipv4,
    is_ipv6_loopback,
    is_rfc1918,
    registered_digest_fullmatch,
)
from ._values import layout_twin, publish
from .digest import ALGORITHMS, Digest, parse_digest
from .errors import (
    InvalidDigestError,
    InvalidPatternError,
    InvalidReferenceDigestError,
    InvalidReferenceError,
    InvalidTagError,
    NameContainsUppercaseError,
    NameEmptyError,
    NameNotCanonicalError,
    NameTooLongError,
    OCIError,
    ReferenceDigestFormatError,
    ReferenceUnsupportedAlgorithmError,
)

__all__ = [
    "ALPHANUMERIC_PATTERN",
    "DEFAULT_DOMAIN",
    "DEFAULT_TAG",
    "DOCKER_HUB_CREDENTIAL_KEY",
    "DOCKER_HUB_REGISTRY_HOST",
    "DOMAIN_COMPONENT_PATTERN",
    "DOMAIN_NAME_PATTERN",
    "DOMAIN_PATTERN",
    "HOST_PATTERN",
    "IDENTIFIER_PATTERN",
    "IPV6_ADDRESS_PATTERN",
    "LEGACY_DEFAULT_DOMAIN",
    "MAX_DOMAIN_LENGTH",
    "MAX_PATH_LENGTH",
    "MAX_PATTERN_LENGTH",
    "MAX_TAG_LENGTH",
    "NAME_PATTERN",
    "OFFICIAL_REPOSITORY_PREFIX",
    "OPTIONAL_PORT_PATTERN",
    "PATH_COMPONENT_PATTERN",
    "PATH_PATTERN",
    "REFERENCE_DIGEST_PATTERN",
    "REFERENCE_PATTERN",
    "SEPARATOR_PATTERN",
    "TAG_PATTERN",
    "Reference",
    "canonical_domain",
    "credential_key",
    "default_scheme",
    "familiar_match",
    "is_domain",
    "parse_any_reference",
    "parse_docker_reference",
    "parse_name",
    "parse_named",
    "parse_normalized_reference",
    "parse_reference",
    "registry_host",
    "sort_references",
]

# -- grammar fragments (unanchored, like upstream's regexp.go) ----------------

#: ``alpha-numeric``: lowercase letters and digits.
ALPHANUMERIC_PATTERN: Final = r"[a-z0-9]+"
#: ``separator``: upstream's ``[-]*`` spelled ``[-]+`` (same language, linear).
SEPARATOR_PATTERN: Final = r"(?:[._]|__|[-]+)"
#: ``path-component``.
PATH_COMPONENT_PATTERN: Final = ALPHANUMERIC_PATTERN + "(?:" + SEPARATOR_PATTERN + ALPHANUMERIC_PATTERN + ")*"
#: ``path`` (``remote-name``): path components joined by ``/``.
PATH_PATTERN: Final = PATH_COMPONENT_PATTERN + "(?:/" + PATH_COMPONENT_PATTERN + ")*"
#: ``domain-component`` (also each octet of an IPv4 address).
DOMAIN_COMPONENT_PATTERN: Final = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
#: ``domain-name``.
DOMAIN_NAME_PATTERN: Final = DOMAIN_COMPONENT_PATTERN + r"(?:\." + DOMAIN_COMPONENT_PATTERN + ")*"
#: ``"[" IPv6address "]"``: only the characters are checked, as upstream does.
IPV6_ADDRESS_PATTERN: Final = r"\[(?:[a-fA-F0-9:]+)\]"
#: ``host``.
HOST_PATTERN: Final = "(?:" + DOMAIN_NAME_PATTERN + "|" + IPV6_ADDRESS_PATTERN + ")"
#: ``[":" port-number]``.
OPTIONAL_PORT_PATTERN: Final = r"(?::[0-9]+)?"
#: ``domain``: host and optional port (upstream's ``DomainRegexp``).
DOMAIN_PATTERN: Final = HOST_PATTERN + OPTIONAL_PORT_PATTERN
#: ``name``: optional domain and a path (upstream's ``NameRegexp``).
NAME_PATTERN: Final = "(?:" + DOMAIN_PATTERN + "/)?" + PATH_PATTERN
#: ``tag``, with ``\\w`` spelled out so that no compile flag can widen it.
TAG_PATTERN: Final = r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}"
#: ``digest-algorithm`` as the reference grammar has it.
_REFERENCE_ALGORITHM_PATTERN: Final = r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*"
#: ``digest`` as the reference grammar has it (wider than a registered digest).
REFERENCE_DIGEST_PATTERN: Final = _REFERENCE_ALGORITHM_PATTERN + r"[:][0-9a-fA-F]{32,}"
#: ``identifier``: a bare sha256 hex image ID.
IDENTIFIER_PATTERN: Final = r"[a-f0-9]{64}"
#: ``reference`` with three groups: name, tag, digest (upstream's ``ReferenceRegexp``).
REFERENCE_PATTERN: Final = (
    "(" + NAME_PATTERN + ")(?::(" + TAG_PATTERN + "))?(?:@(" + REFERENCE_DIGEST_PATTERN + "))?"
)

# -- constants (normalize.go, reference.go) -----------------------------------

#: The domain of Docker Hub in normalised references.
DEFAULT_DOMAIN: Final = "docker.io"
#: Docker Hub's legacy name ("the Docker Index"), folded to :data:`DEFAULT_DOMAIN`.
LEGACY_DEFAULT_DOMAIN: Final = "index.docker.io"
#: The namespace of official images on Docker Hub.
OFFICIAL_REPOSITORY_PREFIX: Final = "library/"
#: The tag :func:`parse_docker_reference` adds to a bare name.
DEFAULT_TAG: Final = "latest"
#: The longest path (remote name) upstream accepts.
MAX_PATH_LENGTH: Final = 255
#: The longest domain accepted here (upstream has no bound; DNS names are at most 253).
MAX_DOMAIN_LENGTH: Final = 255
#: The longest tag (the tag grammar's bound).
MAX_TAG_LENGTH: Final = 128
#: The host that serves Docker Hub's registry API.
DOCKER_HUB_REGISTRY_HOST: Final = "registry-1.docker.io"
#: The key under which Docker's ``config.json`` keeps Docker Hub credentials.
DOCKER_HUB_CREDENTIAL_KEY: Final = "https://index.docker.io/v1/"

_DOCKER_HUB_NAMES: Final = frozenset({DEFAULT_DOMAIN, LEGACY_DEFAULT_DOMAIN, DOCKER_HUB_REGISTRY_HOST})

# -- compiled checks ------------------------------------------------------------

_A = re.ASCII
# Longest input the one-match fast path sees (path 255, domain, tag, digest).
_FAST_LIMIT: Final = 640
# The fast path's one match. The path is the path grammar with "/" as one more
# separator (the same language, fewer groups). A first component is captured as
# a domain here only when it has a port or is an IPv6 literal; a plain first
# component is told apart from a path component by hand (a path component is a
# domain too unless it has "_"; see parse_reference).
_FAST = re.compile(
    r"(?:([a-zA-Z0-9.-]+:[0-9]+|\[[a-fA-F0-9:]+\](?::[0-9]+)?)/)?"
    r"([a-z0-9]+(?:(?:[./]|__?|-+)[a-z0-9]+)*)"
    "(?::(" + TAG_PATTERN + "))?(?:@(" + REGISTERED_DIGEST_PATTERN + "))?",
    _A,
).fullmatch

# The careful path reads unbounded text only with C-speed character-set passes
# (bytes.translate, str.encode); it matches structure with the patterns above
# only on pieces of at most 255 characters, where no backtracking can blow up.
_PATH_BYTES: Final = b"abcdefghijklmnopqrstuvwxyz0123456789._/-"
_HEX_BYTES: Final = b"0123456789abcdefABCDEF"
_UPPER_BYTES: Final = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_NOT_UPPER_BYTES: Final = bytes(c for c in range(256) if c not in _UPPER_BYTES)
_PATH_PREFIX = re.compile(PATH_PATTERN, _A).match
_DOMAIN = re.compile(DOMAIN_PATTERN, _A).fullmatch
_ALGORITHM = re.compile(_REFERENCE_ALGORITHM_PATTERN, _A).fullmatch
_TAG = re.compile(TAG_PATTERN, _A).fullmatch
_IDENTIFIER = re.compile(IDENTIFIER_PATTERN, _A).fullmatch


def _first_not_in(data: bytes, allowed: bytes) -> int:
    """The index of the first byte of ``data`` not in ``allowed``, or -1."""
    rest = data.translate(None, allowed)
    return data.find(rest[:1]) if rest else -1


def _first_non_ascii(text: str) -> int:
    try:
        text.encode("ascii")
    except UnicodeEncodeError as error:
        return error.start
    return -1


def _first_upper(text: str, start: int = 0) -> int:
    """The index of the first ASCII uppercase letter at or after ``start`` in ASCII ``text``, or -1."""
    at = _first_not_in(text[start:].encode("ascii"), _NOT_UPPER_BYTES)
    return -1 if at < 0 else start + at


def _has_upper(text: str) -> bool:
    # lower() is Unicode-wide; on ASCII text it is exactly ASCII lowercasing.
    return text.isascii() and text.lower() != text


_new_str = str.__new__


class _GrammarError(Exception):
    """Private: the text breaks the grammar at ``span`` (``detail`` says how); never escapes the module."""

    def __init__(self, span: tuple[int, int], detail: str = "") -> None:
        super().__init__(span)
        self.span = span
        self.detail = detail


def _tag_detail(tag: str) -> str:
    """What is wrong with a tag that breaks the tag grammar, after Go's words."""
    if len(tag) > MAX_TAG_LENGTH:
        return f": the tag is {len(tag)} characters long, at most {MAX_TAG_LENGTH} are allowed"
    return ""


def _text_argument(value: object, what: str) -> str:
    """A constructor's or combinator's ``str`` argument, as an exact ``str``: TypeError for another kind."""
    text = exact_str(value)
    if text is None:
        raise TypeError(f"{what} must be a str, got {type(value).__name__}")
    return text


@dataclass(frozen=True, slots=True, init=False)
class Reference:
    """A parsed image reference: ``[domain "/"] path [":" tag] ["@" digest]``.

    >>> r = parse_reference("localhost:5000/a/b:v1")
    >>> r.domain, r.path, r.tag, r.digest
    ('localhost:5000', 'a/b', 'v1', None)
    >>> str(r), r.name
    ('localhost:5000/a/b:v1', 'localhost:5000/a/b')

    Constructing one directly validates every part as the grammar says, and
    refuses a ``domain=None`` whose path starts with a component that reads
    as a domain (``str()`` would not parse back to the same value); a
    ``digest`` given as text is parsed. A reference may carry both a tag and
    a digest; nothing drops either unless asked to (:meth:`trim`,
    :func:`parse_docker_reference`).

    :raises TypeError: a part is not a ``str`` (or ``None`` where allowed).
    :raises InvalidReferenceError: a part breaks the grammar.
    :raises InvalidDigestError: ``digest`` is not a valid digest.
    """

    domain: str | None
    path: str
    tag: str | None
    digest: Digest | None

    def __new__(
        cls, domain: str | None, path: str, tag: str | None = None, digest: Digest | str | None = None
    ) -> Reference:
        domain_text = None if domain is None else _text_argument(domain, "Reference domain")
        path_text = _text_argument(path, "Reference path")
        tag_text = None if tag is None else _text_argument(tag, "Reference tag")
        _validate_parts(domain_text, path_text, tag_text)
        return _make(domain_text, path_text, tag_text, None if digest is None else _digest_argument(digest))

    def __reduce__(self) -> tuple[object, ...]:
        return (Reference, (self.domain, self.path, self.tag, self.digest))

    @property
    def name(self) -> str:
        """The repository name: ``domain "/" path``, or the path alone."""
        return self.path if self.domain is None else self.domain + "/" + self.path

    @property
    def familiar_name(self) -> str:
        """The name as Docker shows it (FamiliarName): no ``docker.io/``, no ``library/``.

        >>> parse_normalized_reference("nginx").familiar_name
        'nginx'
        """
        domain, path = _familiarize(self.domain, self.path)
        return path if domain is None else domain + "/" + path

    @property
    def identifier(self) -> str | None:
        """What the registry API addresses the manifest by: the digest if any, else the tag.

        >>> parse_reference("a:v1@sha256:" + "0" * 64).identifier == "sha256:" + "0" * 64
        True
        """
        return self.digest if self.digest is not None else self.tag

    def familiar(self) -> str:
        """The reference as Docker shows it (FamiliarString).

        >>> parse_normalized_reference("docker.io/library/redis:7").familiar()
        'redis:7'
        """
        return _render(*_familiarize(self.domain, self.path), self.tag, self.digest)

    def with_tag(self, tag: str) -> Reference:
        """This reference with ``tag`` (WithTag); a digest is kept.

        >>> str(parse_reference("a/b").with_tag("v2"))
        'a/b:v2'

        :raises InvalidTagError: ``tag`` breaks the tag grammar.
        :raises TypeError: ``tag`` is not a ``str``.
        """
        if type(tag) is not str:
            tag = _text_argument(tag, "tag")
        if _TAG(tag) is None:
            _check_tag(tag)
        return _make(self.domain, self.path, tag, self.digest)

    def with_digest(self, digest: Digest | str) -> Reference:
        """This reference with ``digest`` (WithDigest); a tag is kept.

        >>> str(parse_reference("a/b:v1").with_digest("sha256:" + "f" * 64))[:17]
        'a/b:v1@sha256:fff'

        :raises InvalidDigestError: ``digest`` is not a valid digest.
        :raises TypeError: ``digest`` is not a ``str``.
        """
        return _make(self.domain, self.path, self.tag, _digest_argument(digest))

    def trim(self) -> Reference:
        """The repository name alone, without tag or digest (TrimNamed).

        >>> str(parse_reference("a/b:v1").trim())
        'a/b'
        """
        return _make(self.domain, self.path, None, None)

    def __str__(self) -> str:
        return _render(self.domain, self.path, self.tag, self.digest)


_ReferenceLayout = layout_twin(Reference)


def _make(domain: str | None, path: str, tag: str | None, digest: Digest | None) -> Reference:
    ref = _ReferenceLayout()
    ref.domain = domain
    ref.path = path
    ref.tag = tag
    ref.digest = digest
    return publish(ref, Reference)


def _digest_argument(digest: object) -> Digest:
    if type(digest) is Digest:
        return digest
    return parse_digest(_text_argument(digest, "digest"))


def _check_tag(tag: str) -> None:
    if _TAG(tag) is None:
        raise InvalidTagError("invalid tag format" + _tag_detail(tag), text=tag, span=(0, len(tag)))


def _render(domain: str | None, path: str, tag: str | None, digest: str | None) -> str:
    text = path if domain is None else domain + "/" + path
    if tag is not None:
        text += ":" + tag
    if digest is not None:
        text += "@" + digest
    return text


def _familiarize(domain: str | None, path: str) -> tuple[str | None, str]:
    if domain != DEFAULT_DOMAIN:
        return domain, path
    if path.startswith(OFFICIAL_REPOSITORY_PREFIX):
        rest = path[len(OFFICIAL_REPOSITORY_PREFIX) :]
        # Only "library/x", not "library/x/y", which Docker shows in full.
        if "/" not in rest:
            return None, rest
    first, slash, _ = path.partition("/")
    if slash and _docker_domain(first) is not None:
        # "docker.io/a.b/c" shown as "a.b/c" would read back as registry a.b:
        # keep the domain so the familiar form names the same repository.
        return domain, path
    return None, path


def _validate_parts(domain: str | None, path: str, tag: str | None) -> None:
    if domain is not None and not _is_domain(domain):
        raise InvalidReferenceError("invalid reference format: bad domain", text=domain, span=(0, len(domain)))
    try:
        if not path.isascii():
            at = _first_non_ascii(path)
            raise _GrammarError((at, at + 1))
        _check_path(path, 0)
    except _GrammarError as bad:
        raise _classify_path_error(path, bad.span) from None
    if len(path) > MAX_PATH_LENGTH:
        raise NameTooLongError(
            f"repository name must not be more than {MAX_PATH_LENGTH} characters", text=path, span=(0, len(path))
        )
    slash = path.find("/")
    if domain is None and slash > 0 and path.find("_", 0, slash) < 0:
        # Its text would parse back with this component as the domain.
        raise InvalidReferenceError(
            "invalid reference format: the first path component reads as a domain; pass it as the domain",
            text=path,
            span=(0, slash),
        )
    if tag is not None:
        _check_tag(tag)


def _classify_path_error(path: str, span: tuple[int, int]) -> InvalidReferenceError:
    if _has_upper(path):
        try:
            _check_path(path.lower(), 0)
        except _GrammarError:
            pass
        else:
            return _uppercase_error(path, 0)
    return InvalidReferenceError("invalid reference format", text=path, span=span)


def _uppercase_error(text: str, start: int) -> NameContainsUppercaseError:
    at = max(start, _first_upper(text, start))
    return NameContainsUppercaseError("repository name must be lowercase", text=text, span=(at, at + 1))


# -- the pieces of the grammar, checked by hand ----------------------------------


def is_domain(text: object) -> bool:
    """Whether ``text`` is a ``domain``: host and optional port, at most 255 characters.

    >>> is_domain("localhost:5000"), is_domain("[::1]:5000"), is_domain("foo_bar.com")
    (True, True, False)

    The length bound is ours (upstream has none; DNS names are at most 253
    characters): it keeps hostile input from costing more than a glance.
    Anything that is not a ``str`` is no domain.
    """
    value = exact_str(text)
    return value is not None and _is_domain(value)


def _is_domain(text: str) -> bool:
    """is_domain for an exact ``str`` (the parsers' own check)."""
    return 0 < len(text) <= MAX_DOMAIN_LENGTH and _DOMAIN(text) is not None


def _check_path(path: str, offset: int) -> None:
    """Raise _GrammarError at the first place where ASCII ``path`` breaks the path grammar.

    Over 255 characters, only the characters are checked: the caller reports
    the length, and the structure of an over-long path is never read.
    """
    if not path:
        raise _GrammarError((offset, offset))
    bad = _first_not_in(path.encode("ascii"), _PATH_BYTES)
    if bad >= 0:
        raise _GrammarError((offset + bad, offset + bad + 1))
    if len(path) > MAX_PATH_LENGTH:
        return
    match = _PATH_PREFIX(path)
    end = 0 if match is None else match.end()
    if end < len(path):
        raise _GrammarError((offset + end, offset + end + 1))


def _check_reference_digest(text: str, offset: int) -> None:
    """Raise _GrammarError unless ASCII ``text`` fits the reference grammar's digest."""
    algorithm, colon, encoded = text.partition(":")
    if not colon or not 0 < len(algorithm) <= 255 or _ALGORITHM(algorithm) is None:
        raise _GrammarError((offset, offset + len(algorithm)))
    start = offset + len(algorithm) + 1
    bad = _first_not_in(encoded.encode("ascii"), _HEX_BYTES)
    if bad >= 0:
        raise _GrammarError((start + bad, start + bad + 1))
    if len(encoded) < 32:
        raise _GrammarError((start, start + len(encoded)))


def _split(text: str) -> tuple[str | None, str, str | None, str | None]:
    """Split a reference into domain, path, tag and digest text, checking the grammar.

    The digest is only checked against the reference grammar here.
    """
    if not text.isascii():
        at = _first_non_ascii(text)
        raise _GrammarError((at, at + 1))
    name_tag, at_sign, digest = text.partition("@")
    if at_sign:
        _check_reference_digest(digest, len(name_tag) + 1)
    # A tag follows the last ":" after the last "/"; a port comes before a "/".
    colon = name_tag.rfind(":")
    name, tag = name_tag, None
    if colon > name_tag.rfind("/"):
        name, tag = name_tag[:colon], name_tag[colon + 1 :]
        if len(tag) > MAX_TAG_LENGTH or _TAG(tag) is None:
            raise _GrammarError((colon + 1, len(name_tag)), _tag_detail(tag))
    first, slash, rest = name.partition("/")
    if slash and _is_domain(first):
        _check_path(rest, len(first) + 1)
        return first, rest, tag, digest if at_sign else None
    if slash and ("[" in first or ":" in first):
        raise _GrammarError((0, len(first)))
    _check_path(name, 0)
    return None, name, tag, digest if at_sign else None


def _require_str(text: object) -> str:
    value = exact_str(text)  # a subclass: judge its characters, not its methods
    if value is None:
        raise InvalidReferenceError(f"invalid reference format: expected a string, got {type(text).__name__}")
    return value


# -- parsing ------------------------------------------------------------------------


def parse_reference(text: str) -> Reference:
    """Parse a reference as written, without normalisation (Parse).

    >>> parse_reference("test:5000/repo@sha256:" + "f" * 64).domain
    'test:5000'
    >>> parse_reference("nginx").domain is None
    True

    :raises NameEmptyError: ``text`` is empty.
    :raises NameContainsUppercaseError: the path has uppercase letters.
    :raises NameTooLongError: the path is longer than 255 characters.
    :raises InvalidReferenceError: ``text`` breaks the grammar otherwise.
    :raises InvalidReferenceDigestError: the digest fits the grammar but not its algorithm (also an InvalidDigestError).
    """
    if type(text) is str and len(text) <= _FAST_LIMIT:
        match = _FAST(text)
        if match is not None:
            domain, path, tag, digest = match.groups()
            if domain is None:
                first, slash, rest = path.partition("/")
                # A first path component is a domain too unless it has "_".
                if slash and len(first) <= MAX_DOMAIN_LENGTH and "_" not in first:
                    domain, path = first, rest
            elif not _is_domain(domain):
                return _parse_slow(text)
            if len(path) <= MAX_PATH_LENGTH:
                return _make(domain, path, tag, None if digest is None else _new_str(Digest, digest))
    return _parse_slow(_require_str(text))


def _parse_slow(text: str) -> Reference:
    if not text:
        raise NameEmptyError("repository name must have at least one component", text=text, span=(0, 0))
    try:
        domain, path, tag, digest_text = _split(text)
    except _GrammarError as bad:
        raise _classify(text, bad) from None
    path_start = 0 if domain is None else len(domain) + 1
    if len(path) > MAX_PATH_LENGTH:
        raise NameTooLongError(
            f"repository name must not be more than {MAX_PATH_LENGTH} characters",
            text=text,
            span=(path_start, path_start + len(path)),
        )
    digest = None
    if digest_text is not None:
        start = len(text) - len(digest_text)
        digest = _parse_reference_digest(digest_text, text, start)
    return _make(domain, path, tag, digest)


def _parse_reference_digest(digest_text: str, text: str, start: int) -> Digest:
    """parse_digest on a digest that fits the reference grammar, its errors located in ``text``."""
    algorithm = digest_text.partition(":")[0]
    if len(digest_text) > MAX_DIGEST_TEXT and algorithm not in ALGORITHMS:
        # parse_digest would match its grammar over all of it. The reference
        # grammar already holds, so the go-digest grammar holds iff the
        # algorithm is lowercase: then it is merely unsupported.
        end = start + len(algorithm)
        if not _has_upper(algorithm):
            raise ReferenceUnsupportedAlgorithmError("unsupported digest algorithm", text=text, span=(start, end))
        at = start + _first_upper(algorithm)
        raise ReferenceDigestFormatError("invalid checksum digest format", text=text, span=(at, at + 1))
    try:
        return parse_digest(digest_text)
    except InvalidDigestError as error:
        raise _relocated(error, text, start, start) from None


def _classify(text: str, bad: _GrammarError) -> InvalidReferenceError:
    # Upstream: if the lowercased text would parse, the name has uppercase letters.
    if _has_upper(text):
        try:
            domain, _, _, _ = _split(text.lower())
        except _GrammarError:
            pass
        else:
            return _uppercase_error(text, 0 if domain is None else len(domain) + 1)
    return InvalidReferenceError("invalid reference format" + bad.detail, text=text, span=bad.span)


def _relocated(error: OCIError, text: str, shift: int, floor: int) -> OCIError:
    """The same error about ``text``, its span moved by ``shift`` (not below ``floor``).

    A digest error becomes its :class:`InvalidReferenceDigestError` twin, so
    that every refusal of a reference is an :class:`InvalidReferenceError`.
    """
    start, end = error.span if error.span is not None else (0, len(error.text or ""))
    span = (max(floor, start + shift), max(floor, end + shift))
    span = (min(span[0], len(text)), min(span[1], len(text)))
    if isinstance(error, InvalidDigestError) and not isinstance(error, InvalidReferenceError):
        return InvalidReferenceDigestError.from_digest_error(error, text, span)
    return type(error)(error.message, text=text, span=span)


def parse_name(text: str) -> Reference:
    """Parse a bare repository name: no tag, no digest, no normalisation (WithName).

    >>> parse_name("test.com:8080/foo").domain
    'test.com:8080'

    :raises InvalidReferenceError: ``text`` is not a name (a tag or digest included).
    :raises NameTooLongError: the path is longer than 255 characters.
    """
    text = _require_str(text)
    if not text or "@" in text or ":" in text[text.rfind("/") + 1 :]:
        raise InvalidReferenceError("invalid reference format", text=text, span=(0, len(text)))
    return parse_reference(text)


def parse_normalized_reference(text: str) -> Reference:
    """Parse a reference the way ``docker pull`` reads it (ParseNormalizedNamed).

    >>> str(parse_normalized_reference("nginx"))
    'docker.io/library/nginx'
    >>> str(parse_normalized_reference("index.docker.io/user/app:v2"))
    'docker.io/user/app:v2'

    :raises InvalidReferenceError: ``text`` is a 64-hex image ID, or breaks the
        grammar (with the subclasses :func:`parse_reference` raises).
    :raises InvalidReferenceDigestError: the digest fits the grammar but not its algorithm (also an InvalidDigestError).
    """
    if type(text) is str and len(text) <= _FAST_LIMIT:
        match = _FAST(text)
        if match is not None:
            domain, path, tag, digest = match.groups()
            if domain is None:
                first, slash, rest = path.partition("/")
                if not slash:
                    if len(path) == 64 and tag is None and digest is None and _IDENTIFIER(path):
                        return _parse_normalized_slow(text)
                    domain, path = DEFAULT_DOMAIN, OFFICIAL_REPOSITORY_PREFIX + path
                elif "." in first:
                    if len(first) > MAX_DOMAIN_LENGTH:
                        return _parse_normalized_slow(text)
                    if "_" not in first:
                        domain, path = first, rest
                        if domain == LEGACY_DEFAULT_DOMAIN:
                            domain = DEFAULT_DOMAIN
                        if domain == DEFAULT_DOMAIN and "/" not in path:
                            path = OFFICIAL_REPOSITORY_PREFIX + path
                    # else Docker takes "a.b_c" for a domain and Parse then the whole for a path
                elif first == "localhost":
                    domain, path = first, rest
                else:
                    domain = DEFAULT_DOMAIN
            elif not _is_domain(domain):
                return _parse_normalized_slow(text)
            if len(path) <= MAX_PATH_LENGTH:
                return _make(domain, path, tag, None if digest is None else _new_str(Digest, digest))
    return _parse_normalized_slow(_require_str(text))


def _docker_domain(first: str) -> str | None:
    """The domain that Docker reads into a first component, or None if it is a path."""
    if first == LEGACY_DEFAULT_DOMAIN:
        return DEFAULT_DOMAIN
    if first == "localhost" or "." in first or ":" in first or _has_upper(first):
        return first
    return None


def _parse_normalized_slow(text: str) -> Reference:
    if _IDENTIFIER(text) is not None:
        raise InvalidReferenceError(
            "invalid repository name, cannot specify 64-byte hexadecimal strings", text=text, span=(0, len(text))
        )
    head, start = _split_docker_domain(text)
    remote = text[start:].partition(":")[0]
    if _has_upper(remote):
        at = start + _first_upper(remote)
        raise NameContainsUppercaseError(
            "invalid reference format: repository name must be lowercase", text=text, span=(at, at + 1)
        )
    try:
        return _parse_slow(head + text[start:])
    except OCIError as error:
        raise _relocated(error, text, start - len(head), 0) from None


def _split_docker_domain(text: str) -> tuple[str, int]:
    """Docker's domain split: Parse then reads ``head + text[start:]``, and ``text[start:]`` is the remote name."""
    first, slash, rest = text.partition("/")
    if not slash:
        return DEFAULT_DOMAIN + "/" + OFFICIAL_REPOSITORY_PREFIX, 0
    domain = _docker_domain(first)
    if domain is None:
        return DEFAULT_DOMAIN + "/", 0
    if domain == DEFAULT_DOMAIN and "/" not in rest:
        return DEFAULT_DOMAIN + "/" + OFFICIAL_REPOSITORY_PREFIX, len(first) + 1
    return domain + "/", len(first) + 1


def parse_named(text: str) -> Reference:
    """Parse a reference that must already be in normalised form (ParseNamed).

    >>> parse_named("docker.io/library/foo").path
    'library/foo'

    :raises NameNotCanonicalError: normalisation would change ``text``.
    :raises InvalidReferenceError: as :func:`parse_normalized_reference`.
    """
    text = _require_str(text)
    ref = parse_normalized_reference(text)
    if str(ref) != text:
        raise NameNotCanonicalError("repository name must be canonical", text=text, span=(0, len(text)))
    return ref


def parse_any_reference(text: str) -> Reference | Digest:
    """Parse an image ID, a digest or a familiar reference (ParseAnyReference).

    A bare 64-hex ID is a sha256 digest; so is a text that parses as a digest:

    >>> parse_any_reference("f" * 64) == "sha256:" + "f" * 64
    True
    >>> str(parse_any_reference("redis"))
    'docker.io/library/redis'

    :raises InvalidReferenceError: as :func:`parse_normalized_reference`.
    """
    value = exact_str(text)
    if value is not None:
        if _IDENTIFIER(value) is not None:
            return _new_str(Digest, "sha256:" + value)
        if registered_digest_fullmatch(value) is not None:
            return _new_str(Digest, value)
    return parse_normalized_reference(text)


def parse_docker_reference(text: str) -> Reference:
    """Normalise, keep only the digest when there is one, else default the tag (ParseDockerRef).

    >>> str(parse_docker_reference("busybox"))
    'docker.io/library/busybox:latest'

    :raises InvalidReferenceError: as :func:`parse_normalized_reference`.
    """
    ref = parse_normalized_reference(text)
    if ref.digest is not None:
        return ref if ref.tag is None else _make(ref.domain, ref.path, None, ref.digest)
    return ref if ref.tag is not None else _make(ref.domain, ref.path, DEFAULT_TAG, None)


# -- FamiliarMatch ----------------------------------------------------------------------


def familiar_match(pattern: str, reference: Reference | Digest) -> bool:
    """Whether ``pattern`` matches the reference's familiar string or name (FamiliarMatch).

    ``pattern`` is a Go ``path.Match`` glob: ``*`` and ``?`` do not cross
    ``/``, ``[...]`` is a class (``^`` negates), ``\\`` escapes. Matching is
    linear in the pattern (:mod:`oci_core._gomatch`); a pattern longer than
    :data:`MAX_PATTERN_LENGTH` is refused.

    >>> familiar_match("*/foo/c/baz", parse_normalized_reference("example.com/foo/c/baz:tag"))
    True

    :raises InvalidPatternError: ``pattern`` is malformed ("syntax error in pattern"), or not a ``str``.
    :raises TypeError: ``reference`` is neither a :class:`Reference` nor a ``Digest``.
    """
    text = exact_str(pattern)
    if text is None:
        raise InvalidPatternError(f"syntax error in pattern: expected a string, got {type(pattern).__name__}")
    if isinstance(reference, Reference):
        names: tuple[str, ...] = (reference.familiar(), reference.familiar_name)
    elif type(reference) is Digest:
        names = (str.__str__(reference),)
    else:
        raise TypeError(f"reference must be a Reference or a Digest, got {type(reference).__name__}")
    try:
        checked = GoPattern(text)
    except BadPattern as bad:
        raise InvalidPatternError(f"syntax error in pattern: {bad.reason}", text=text, span=(0, len(text))) from None
    return any(checked.match(name) for name in names)


# -- Sort ---------------------------------------------------------------------------


def sort_references(references: Iterable[str]) -> tuple[str, ...]:
    """Sort references the way distribution/reference's Sort does.

    Each text is read with :func:`parse_any_reference` and written back in
    full; the order is tag-and-digest, tag, digest, name only, digest alone,
    then by text; texts that do not parse come last, sorted.

    >>> sort_references(["z.io/a:2", "nope!", "z.io/a:1"])
    ('z.io/a:1', 'z.io/a:2', 'nope!')

    :raises TypeError: ``references`` is not an iterable of ``str`` (a single ``str`` included).
    """
    if isinstance(references, (str, bytes, bytearray)):
        raise TypeError(f"sort_references() takes an iterable of str, not a {type(references).__name__}")
    try:
        texts = iter(references)
    except TypeError:
        raise TypeError(f"sort_references() takes an iterable of str, got {type(references).__name__}") from None
    ranked: list[tuple[int, str]] = []
    bad: list[str] = []
    for item in texts:
        text = _text_argument(item, "each reference")
        try:
            ref = parse_any_reference(text)
        except OCIError:
            bad.append(text)
            continue
        ranked.append((_rank(ref), str(ref)))
    ranked.sort()
    bad.sort()
    return (*(text for _, text in ranked), *bad)


def _rank(ref: Reference | Digest) -> int:
    if not isinstance(ref, Reference):
        return 5
    if ref.tag is not None:
        return 1 if ref.digest is not None else 2
    return 3 if ref.digest is not None else 4


# -- Docker Hub naming: four separate questions -------------------------------------


def _domain_of(domain: object) -> str:
    if domain is None:
        return DEFAULT_DOMAIN
    text = exact_str(domain)
    if text is None:
        raise TypeError(f"domain must be a str or None, got {type(domain).__name__}")
    if not _is_domain(text):
        raise InvalidReferenceError("invalid reference format: bad domain", text=text, span=(0, len(text)))
    return text


def canonical_domain(domain: str | None) -> str:
    """The domain a normalised reference uses: Docker Hub is ``docker.io``.

    ``None`` (no domain) and ``index.docker.io`` are Docker Hub.

    >>> canonical_domain("index.docker.io"), canonical_domain(None), canonical_domain("ghcr.io")
    ('docker.io', 'docker.io', 'ghcr.io')

    :raises InvalidReferenceError: ``domain`` is not a domain.
    :raises TypeError: ``domain`` is neither a ``str`` nor ``None``.
    """
    domain = _domain_of(domain)
    return DEFAULT_DOMAIN if domain == LEGACY_DEFAULT_DOMAIN else domain


def registry_host(domain: str | None) -> str:
    """The host (and port) that serves a domain's registry API.

    Docker Hub's API is at ``registry-1.docker.io``, not at ``docker.io``.

    >>> registry_host("docker.io"), registry_host("localhost:5000")
    ('registry-1.docker.io', 'localhost:5000')

    :raises InvalidReferenceError: ``domain`` is not a domain.
    :raises TypeError: ``domain`` is neither a ``str`` nor ``None``.
    """
    domain = _domain_of(domain)
    return DOCKER_HUB_REGISTRY_HOST if domain in _DOCKER_HUB_NAMES else domain


def credential_key(domain: str | None) -> str:
    """The key of a domain's credentials in Docker's ``config.json``.

    Docker Hub's is the legacy index URL ``https://index.docker.io/v1/``;
    every other registry's is its domain.

    >>> credential_key("docker.io"), credential_key("ghcr.io")
    ('https://index.docker.io/v1/', 'ghcr.io')

    :raises InvalidReferenceError: ``domain`` is not a domain.
    :raises TypeError: ``domain`` is neither a ``str`` nor ``None``.
    """
    domain = _domain_of(domain)
    return DOCKER_HUB_CREDENTIAL_KEY if domain in _DOCKER_HUB_NAMES else domain


def default_scheme(domain: str | None) -> str:
    """The scheme to reach a registry with when nothing else says: ``http`` or ``https``.

    ``http`` for the registries go-containerregistry treats as local or
    private (name.Registry.Scheme), with any port: ``localhost``, any
    ``*.localhost`` name, the IPv4 loopback network ``127.0.0.0/8`` (go-containerregistry
    only ``127.0.0.1``), the IPv6 loopback ``[::1]``, and the RFC 1918 private
    networks ``10.0.0.0/8``, ``172.16.0.0/12`` and ``192.168.0.0/16``.
    ``https`` for everything else, Docker Hub included.

    >>> default_scheme("localhost:5000"), default_scheme("10.2.3.4:5000"), default_scheme("gcr.io")
    ('http', 'http', 'https')

    :raises InvalidReferenceError: ``domain`` is not a domain.
    :raises TypeError: ``domain`` is neither a ``str`` nor ``None``.
    """
    domain = _domain_of(domain)
    if domain.startswith("["):
        return "http" if is_ipv6_loopback(domain[1 : domain.index("]")]) else "https"
    host = domain.partition(":")[0].lower()  # ASCII: the domain grammar is
    if host == "localhost" or host.endswith(".localhost"):
        return "http"
    if is_rfc1918(host) or (host.startswith("127.") and is_ipv4(host)):
        return "http"
    return "https"
