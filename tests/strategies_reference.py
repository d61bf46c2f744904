"""Hypothesis strategies for references, built from distribution/reference's grammar.

Each strategy follows one production of the grammar in oci_core.reference's
module doc, so what it draws is valid by construction (a later issue moves
these into the package).
"""

from __future__ import annotations

from hypothesis import strategies as st

from oci_core.digest import ALGORITHMS, Digest, parse_digest
from oci_core.reference import MAX_DOMAIN_LENGTH, MAX_PATH_LENGTH, Reference

LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
ALNUM = LOWER_ALNUM + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
WORD = ALNUM + "_"

__all__ = [
    "alphanumerics",
    "digests",
    "domain_components",
    "domain_names",
    "domains",
    "hosts",
    "ipv4_addresses",
    "ipv6_hosts",
    "path_components",
    "paths",
    "ports",
    "reference_texts",
    "references",
    "separators",
    "tags",
]


def alphanumerics(max_size: int = 6) -> st.SearchStrategy[str]:
    """``alpha-numeric := /[a-z0-9]+/``."""
    return st.text(LOWER_ALNUM, min_size=1, max_size=max_size)


def separators() -> st.SearchStrategy[str]:
    """``separator := /[_.]|__|[-]+/``."""
    return st.sampled_from([".", "_", "__"]) | st.integers(1, 3).map(lambda n: "-" * n)


@st.composite
def path_components(draw: st.DrawFn, *, with_underscore: bool = False) -> str:
    """``path-component := alpha-numeric [separator alpha-numeric]*``."""
    parts = [draw(alphanumerics())]
    for _ in range(draw(st.integers(0, 3))):
        parts += [draw(separators()), draw(alphanumerics())]
    if with_underscore and "_" not in parts:
        parts += ["_", draw(alphanumerics())]
    return "".join(parts)


@st.composite
def paths(draw: st.DrawFn, *, domainless: bool = False) -> str:
    """``path := path-component ['/' path-component]*``, at most 255 characters.

    With ``domainless``, a first component of a multi-component path has an
    ``_``, so that it cannot read as a domain.
    """
    count = draw(st.integers(1, 4))
    components = [draw(path_components(with_underscore=domainless and count > 1))]
    components += [draw(path_components()) for _ in range(count - 1)]
    return "/".join(components)[:MAX_PATH_LENGTH].rstrip("._-/") or "a"


def domain_components() -> st.SearchStrategy[str]:
    """``domain-component := /([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])/``."""
    edge = st.sampled_from(ALNUM)
    middle = st.text(ALNUM + "-", max_size=6)
    return edge | st.tuples(edge, middle, edge).map("".join)


def domain_names() -> st.SearchStrategy[str]:
    """``domain-name := domain-component ['.' domain-component]*``."""
    return st.lists(domain_components(), min_size=1, max_size=4).map(".".join)


def ipv4_addresses() -> st.SearchStrategy[str]:
    """An IPv4 address in dotted decimal (a domain-name to the grammar)."""
    return st.ip_addresses(v=4).map(str)


def ipv6_hosts() -> st.SearchStrategy[str]:
    """``"[" IPv6address "]"``, compressed or exploded, in hex digits and colons only.

    Upstream leaves out the dotted spellings of IPv4-mapped addresses, which
    Python 3.13's ``ipaddress`` writes (``::ffff:1.2.3.4``).
    """
    spelled = st.ip_addresses(v=6).flatmap(lambda a: st.sampled_from([a.compressed, a.exploded]))
    return spelled.filter(lambda text: "." not in text).map(lambda text: f"[{text}]")


def hosts() -> st.SearchStrategy[str]:
    """``host := domain-name | IPv4address | "[" IPv6address "]"``."""
    return domain_names() | ipv4_addresses() | ipv6_hosts() | st.just("localhost")


def ports() -> st.SearchStrategy[str]:
    """``port-number := /[0-9]+/`` (in practice 0 to 65535)."""
    return st.integers(0, 65535).map(str)


@st.composite
def domains(draw: st.DrawFn) -> str:
    """``domain := host [':' port-number]``, at most 255 characters."""
    host = draw(hosts())
    if draw(st.booleans()):
        host += ":" + draw(ports())
    return host if len(host) <= MAX_DOMAIN_LENGTH else "localhost"


def tags() -> st.SearchStrategy[str]:
    """``tag := /[\\w][\\w.-]{0,127}/`` with ASCII ``\\w``."""
    return st.tuples(st.sampled_from(WORD), st.text(WORD + ".-", max_size=127)).map("".join)


@st.composite
def digests(draw: st.DrawFn) -> Digest:
    """A digest of a registered algorithm: lowercase hex of its length."""
    algorithm = draw(st.sampled_from(sorted(ALGORITHMS)))
    hexdigits = draw(st.text("0123456789abcdef", min_size=ALGORITHMS[algorithm].encoded_length,
                             max_size=ALGORITHMS[algorithm].encoded_length))
    return parse_digest(f"{algorithm}:{hexdigits}")


@st.composite
def references(draw: st.DrawFn) -> Reference:
    """``reference := name [":" tag] ["@" digest]`` as a value."""
    domain = draw(st.none() | domains())
    path = draw(paths(domainless=domain is None))
    tag = draw(st.none() | tags())
    digest = draw(st.none() | digests())
    return Reference(domain, path, tag, digest)


def reference_texts() -> st.SearchStrategy[str]:
    """The text of a valid reference."""
    return references().map(str)
