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
* :func:`token_request` and :func:`read_token_response` are the token
  exchange (distribution-spec token.md and oauth.md) as values;
* :class:`Session` is an immutable value that holds the registry's challenge,
  its tokens and the refresh token, and drives one loop of
  :class:`Send`, :class:`Done` and :class:`Failed` steps, the same for sync
  and async callers;
* the credentials (:class:`Basic`, :class:`IdentityToken`,
  :class:`RegistryToken`, :data:`ANONYMOUS`) and :func:`resolve_credentials`
  come from :mod:`oci_core.credentials`.

The pull loop, with credentials from the user's docker config::

    answer = resolve_credentials(open(config_path, "rb").read(), "docker.io")
    if isinstance(answer, HelperCall):
        run = subprocess.run(answer.args, input=answer.input, capture_output=True)
        answer = read_helper_get(answer, run.stdout, run.returncode)
    session = Session("https://registry-1.docker.io", answer)
    session, step = session.start(request, now=time.time())
    while isinstance(step, Send):
        response = send(step.request)                      # any HTTP client
        session, step = session.receive(step.request, response, now=time.time())
    if isinstance(step, Failed):
        raise step.error
    manifest = registry.read_manifest(step.request, step.response)
"""

from __future__ import annotations

from ._challenge import (
    MAX_ITEMS,
    SCHEME_PREFERENCE,
    Challenge,
    challenges_from,
    format_challenges,
    parse_www_authenticate,
    preferred_challenge,
)
from ._credentials import ANONYMOUS, Anonymous, Basic, Credentials, IdentityToken, RegistryToken
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
from ._session import ACTIONS, MAX_PENDING, MAX_TOKENS, TRANSITIONS, Done, Failed, Send, Session, Step
from ._token import (
    DEFAULT_CLIENT_ID,
    FALLBACK_STATUSES,
    MAX_TOKEN_RESPONSE,
    MINIMUM_LIFETIME,
    Grant,
    Token,
    read_token_response,
    token_request,
)
from .credentials import HelperCall, read_helper_get, resolve_credentials

__all__ = [
    "ACTIONS",
    "ANONYMOUS",
    "DEFAULT_CLIENT_ID",
    "DEFAULT_POLICY",
    "FALLBACK_STATUSES",
    "MAX_ITEMS",
    "MAX_PENDING",
    "MAX_TOKENS",
    "MAX_TOKEN_RESPONSE",
    "MINIMUM_LIFETIME",
    "REFUSED_NETWORKS",
    "SCHEME_PREFERENCE",
    "TRANSITIONS",
    "WILDCARD",
    "Anonymous",
    "Basic",
    "Challenge",
    "Credentials",
    "Done",
    "Failed",
    "Grant",
    "HelperCall",
    "IdentityToken",
    "RealmPolicy",
    "RegistryToken",
    "Scope",
    "Send",
    "Session",
    "Step",
    "Token",
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
    "preferred_challenge",
    "read_helper_get",
    "read_token_response",
    "repository_scope",
    "resolve_credentials",
    "resolve_realm",
    "scopes_cover",
    "token_request",
    "trusted_origins",
]
