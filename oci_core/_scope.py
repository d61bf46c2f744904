"""Token scopes: what a bearer token is asked for (private; public through :mod:`oci_core.auth`).

The grammar is distribution's token scope (docs/spec/auth/scope.md)::

    scope          := resourcescope [ ' ' resourcescope ]*
    resourcescope  := resourcetype ":" resourcename ":" action [ ',' action ]*
    resourcetype   := resourcetypevalue [ '(' resourcetypevalue ')' ]
    resourcename   := [ hostname '/' ] component [ '/' component ]*
    action         := /[a-z]*/

A resource name may hold one ``:`` (a port in its host name), so a scope is
split at its *first* and *last* colons. Registries stretch the grammar:
ACR's ``metadata_read`` action, Gitea's ``*`` placeholder, ECR Public's
``aws``. So a scope that does not have the three-part shape is kept as an
*opaque* scope, compared and sent exactly as written, and actions are any
printable text but ``,``. What is refused (:class:`~oci_core.errors.InvalidScopeError`)
is what cannot travel: an empty scope, or one holding a space (the separator
of scope lists), a control character or non-ASCII text.

Scopes are merged by meaning (:func:`merge_scopes`): the actions asked of one
resource are united (``pull`` and ``push`` make ``pull,push``; ``*`` absorbs
every other action), a resource scope left with no action is dropped, and the
result keeps the order in which resources were first named, because the
order is a priority: some registries read only the first scope of a token
request, so the newly challenged scope goes first.
"""

# Scopes come from registries' challenges: the constructor and parser check
# at run time what the annotations say, for arbitrary input.
# pyright: reportUnnecessaryIsInstance=false

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from ._values import layout_twin, publish
from .errors import InvalidScopeError

__all__ = [
    "MAX_SCOPES",
    "WILDCARD",
    "Scope",
    "catalog_scope",
    "merge_scopes",
    "mount_scopes",
    "parse_scope",
    "parse_scopes",
    "repository_scope",
    "scopes_cover",
]

#: The action that stands for every action.
WILDCARD: Final = "*"
#: At most this many scopes in one list (a challenge's or a form's ``scope``): real lists hold a handful.
MAX_SCOPES: Final = 256

# Printable ASCII but the space: what a scope may hold on the wire.
_WIRE: Final = re.compile(r"[\x21-\x7e]+", re.ASCII)
_ACTION: Final = re.compile(r"[\x21-\x2b\x2d-\x7e]+", re.ASCII)  # printable ASCII but space and ","


@dataclass(frozen=True, slots=True)
class Scope:
    """A token scope: ``resource_type:name:actions``, or an opaque scope.

    >>> s = parse_scope("repository:library/alpine:push,pull")
    >>> s.resource_type, s.name, s.actions, str(s)
    ('repository', 'library/alpine', ('pull', 'push'), 'repository:library/alpine:pull,push')

    ``actions`` are sorted and unique, and ``("*",)`` when the wildcard is
    among them. An opaque scope (``aws``, ``*``) has ``resource_type == ""``
    and its whole text in ``name``. Equality is by meaning: two spellings of
    one scope are equal. The constructor checks what the parser checks and
    wants actions in that canonical form (:func:`repository_scope` makes it);
    a value of the wrong Python type raises :class:`TypeError`.
    """

    resource_type: str
    name: str
    actions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _validate(self)

    @property
    def opaque(self) -> bool:
        """Whether this scope is not of the ``type:name:actions`` shape (compared and sent as written)."""
        return not self.resource_type

    def __str__(self) -> str:
        if not self.resource_type:
            return self.name
        return f"{self.resource_type}:{self.name}:{','.join(self.actions)}"


def _validate(scope: Scope) -> None:
    for field in ("resource_type", "name"):
        if type(getattr(scope, field)) is not str:
            raise TypeError(f"Scope.{field} must be a str, got {type(getattr(scope, field)).__name__}")
    actions = scope.actions
    if type(actions) is not tuple or any(type(action) is not str for action in actions):
        raise TypeError("Scope.actions must be a tuple of str")
    if not scope.resource_type:
        if actions:
            raise InvalidScopeError("an opaque scope has no actions", text=scope.name)
        _check_opaque(scope.name)
        return
    text = str(scope)
    if ":" in scope.resource_type or _WIRE.fullmatch(scope.resource_type) is None:
        raise InvalidScopeError("a scope's resource type must be printable ASCII without ':' or spaces", text=text)
    if _WIRE.fullmatch(scope.name) is None:
        raise InvalidScopeError("a scope's resource name must be printable ASCII without spaces", text=text)
    if _canonical(actions) != actions:
        raise InvalidScopeError("a scope's actions must be sorted, unique, and '*' alone", text=text)
    for action in actions:
        if _ACTION.fullmatch(action) is None:
            raise InvalidScopeError(f"invalid scope action {action!r}", text=text)


def _check_opaque(text: str) -> None:
    if _WIRE.fullmatch(text) is None:
        raise InvalidScopeError(_wire_message(text), text=text)


def _wire_message(text: str) -> str:
    if not text:
        return "a scope may not be empty"
    return "a scope may hold only printable ASCII without spaces"


def _canonical(actions: Iterable[str]) -> tuple[str, ...]:
    unique = {action for action in actions if action}
    if WILDCARD in unique:
        return (WILDCARD,)
    return tuple(sorted(unique))


_ScopeLayout = layout_twin(Scope)


def _make(resource_type: str, name: str, actions: tuple[str, ...]) -> Scope:
    scope = _ScopeLayout()
    scope.resource_type = resource_type
    scope.name = name
    scope.actions = actions
    return publish(scope, Scope)


def parse_scope(text: str) -> Scope:
    """Parse one scope (distribution token scope grammar, kept open for registries' extensions).

    >>> parse_scope("repository:localhost:5000/a/b:pull").name
    'localhost:5000/a/b'
    >>> parse_scope("aws").opaque
    True

    :raises InvalidScopeError: the text is empty, holds a space, a control
        character or non-ASCII text, or is not a ``str``.
    """
    if type(text) is str:
        return _parse_known(text)
    if not isinstance(text, str):
        raise InvalidScopeError(f"a scope must be a str, got {type(text).__name__}")
    return _parse(str.__str__(text))


def _parse(text: str) -> Scope:
    if _WIRE.fullmatch(text) is None:
        raise InvalidScopeError(_wire_message(text), text=text)
    first = text.find(":")
    last = text.rfind(":")
    if first == last:  # no colon, or one: not the three-part shape
        return _make("", text, ())
    resource_type, name = text[:first], text[first + 1 : last]
    if not resource_type or not name:
        return _make("", text, ())
    return _make(resource_type, name, _canonical(text[last + 1 :].split(",")))


# The same few scopes come back with every request a builder makes: exact
# str values (never a subclass) are parsed once. Errors are not cached.
_parse_known: Final = functools.lru_cache(maxsize=1024)(_parse)


def parse_scopes(text: str) -> tuple[Scope, ...]:
    """Parse a space-separated list of scopes (a challenge's or an OAuth2 form's ``scope``).

    >>> [str(s) for s in parse_scopes("repository:a:pull,push repository:b:pull")]
    ['repository:a:pull,push', 'repository:b:pull']

    Empty items (repeated spaces, an empty value as OCIR sends) are skipped.

    :raises InvalidScopeError: an item is not a scope, or there are more than
        :data:`MAX_SCOPES`.
    """
    if type(text) is not str:
        if not isinstance(text, str):
            raise InvalidScopeError(f"a scope list must be a str, got {type(text).__name__}")
        text = str.__str__(text)
    parts = [part for part in text.split(" ") if part]
    if len(parts) > MAX_SCOPES:
        raise InvalidScopeError(f"a scope list may hold at most {MAX_SCOPES} scopes", text=text)
    return tuple(parse_scope(part) for part in parts)


def _coerce(scope: Scope | str) -> Scope:
    if type(scope) is Scope:
        return scope
    if isinstance(scope, str):
        return parse_scope(scope)
    raise TypeError(f"expected a Scope or a str, got {type(scope).__name__}")


def merge_scopes(*groups: Iterable[Scope | str]) -> tuple[Scope, ...]:
    """Merge scopes by meaning, keeping the order in which resources were first named.

    >>> [str(s) for s in merge_scopes(["repository:foo:push", "registry:catalog:*", "repository:foo:pull"])]
    ['repository:foo:pull,push', 'registry:catalog:*']

    The actions asked of one resource are united (``*`` absorbs the others), a
    resource left with no action is dropped, an opaque scope is kept once.
    Several groups are merged as if concatenated, so
    ``merge_scopes(challenged, held)`` puts the challenged scopes first.
    ``str`` items are parsed.

    :raises InvalidScopeError: a ``str`` item is not a scope.
    """
    merged: dict[tuple[str, str], set[str]] = {}
    for group in groups:
        if isinstance(group, (str, Scope)):
            raise TypeError("merge_scopes takes iterables of scopes; wrap a single scope in a list")
        for item in group:
            scope = _coerce(item)
            actions = merged.setdefault((scope.resource_type, scope.name), set())
            actions.update(scope.actions)
    out: list[Scope] = []
    for (resource_type, name), actions in merged.items():
        if not resource_type:
            out.append(_make("", name, ()))
        elif actions:
            out.append(_make(resource_type, name, _canonical(actions)))
    return tuple(out)


def scopes_cover(held: Iterable[Scope], wanted: Iterable[Scope]) -> bool:
    """Whether a token granted ``held`` covers every scope in ``wanted``.

    >>> held = parse_scopes("repository:a:pull,push")
    >>> scopes_cover(held, parse_scopes("repository:a:pull")), scopes_cover(held, parse_scopes("repository:b:pull"))
    (True, False)

    An opaque scope is covered only by itself; ``*`` covers every action of its resource.
    """
    held = tuple(held)
    wanted = tuple(wanted)
    for scope in (*held, *wanted):
        if not isinstance(scope, Scope):
            raise TypeError(f"scopes_cover() takes Scopes, got {type(scope).__name__}")
    if all(scope in held for scope in wanted):  # the common case: the very scopes the token was asked for
        return True
    granted: dict[tuple[str, str], frozenset[str]] = {}
    for scope in held:
        key = (scope.resource_type, scope.name)
        granted[key] = granted.get(key, frozenset()) | frozenset(scope.actions)
    for scope in wanted:
        actions = granted.get((scope.resource_type, scope.name))
        if actions is None:
            return False
        if WILDCARD not in actions and not actions.issuperset(scope.actions):
            return False
    return True


def repository_scope(name: str, *actions: str) -> Scope:
    """The scope ``repository:<name>:<actions>``, actions sorted and merged.

    >>> str(repository_scope("library/ubuntu", "push", "pull"))
    'repository:library/ubuntu:pull,push'

    :raises ValueError: ``name`` is empty, or no action is given (every
        empty string is dropped first).
    :raises InvalidScopeError: the name or an action cannot be sent.
    """
    if type(name) is not str or any(type(action) is not str for action in actions):
        raise TypeError("repository_scope takes str arguments")
    canonical = _canonical(actions)
    if not name:
        raise ValueError("repository_scope needs a repository name")
    if not canonical:
        raise ValueError("repository_scope needs at least one non-empty action")
    return Scope("repository", name, canonical)


def catalog_scope() -> Scope:
    """``registry:catalog:*``, the scope of the ``/v2/_catalog`` endpoint."""
    return _make("registry", "catalog", (WILDCARD,))


def mount_scopes(target: str, source: str) -> tuple[Scope, Scope]:
    """The scopes of a cross-repository mount: ``pull,push`` on ``target``, ``pull`` on ``source``.

    >>> [str(s) for s in mount_scopes("project_1/ubuntu", "project_2/ubuntu")]
    ['repository:project_1/ubuntu:pull,push', 'repository:project_2/ubuntu:pull']
    """
    return repository_scope(target, "pull", "push"), repository_scope(source, "pull")
