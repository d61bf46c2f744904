"""Registry authentication without I/O: challenges, scopes, realms, tokens, and a session.

What go-containerregistry's ``authn`` and ``transport`` (ping, bearer, basic)
and containerd's ``remotes/docker`` authorizer do, as values and pure
functions. The caller moves the bytes, reads the files and the environment,
runs credential helpers and owns the clock; the library decides what to send.

* :func:`parse_www_authenticate` reads a ``WWW-Authenticate`` value (RFC 9110
  §11) into :class:`Challenge` values;
* :class:`Scope`, :func:`parse_scope`, :func:`merge_scopes` are token scopes
  (distribution-spec, token scope), merged by meaning and sent in priority
  order;
* :func:`check_realm` is the realm policy that keeps credentials away from
  the machine's own networks (the SSRF family: go-containerregistry #2243,
  CVE-2020-15157);
"""

from __future__ import annotations

from ._challenge import MAX_ITEMS, Challenge, challenges_from, format_challenges, parse_www_authenticate
from ._realm import (
    DEFAULT_POLICY,
    REFUSED_NETWORKS,
    RealmPolicy,
    check_realm,
    origin_of,
    resolve_realm,
    trusted_origins,
)
from ._scope import (
    WILDCARD,
    Scope,
    catalog_scope,
    merge_scopes,
    mount_scopes,
    parse_scope,
    parse_scopes,
    repository_scope,
    scopes_cover,
)

__all__ = [
    "DEFAULT_POLICY",
    "MAX_ITEMS",
    "REFUSED_NETWORKS",
    "WILDCARD",
    "Challenge",
    "RealmPolicy",
    "Scope",
    "catalog_scope",
    "challenges_from",
    "check_realm",
    "format_challenges",
    "merge_scopes",
    "mount_scopes",
    "origin_of",
    "parse_scope",
    "parse_scopes",
    "parse_www_authenticate",
    "repository_scope",
    "resolve_realm",
    "scopes_cover",
    "trusted_origins",
]
