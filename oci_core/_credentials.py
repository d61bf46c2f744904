"""Credentials as values (private; public through :mod:`oci_core.credentials` and :mod:`oci_core.auth`).

A registry credential is one of four things, and a :class:`~oci_core.auth.Session`
answers each differently:

* :class:`Anonymous`: nothing (token requests go without ``Authorization``);
* :class:`Basic`: a user name and a password, sent as HTTP Basic (RFC 7617)
  to a registry that asks for Basic, or to the token server that a Bearer
  challenge names;
* :class:`IdentityToken`: an OAuth2 refresh token (what ``docker login`` keeps
  as ``identitytoken``, Docker Hub's and ACR's), exchanged with the
  refresh-token grant;
* :class:`RegistryToken`: a bearer token sent to the registry as it is
  (``registrytoken``).

``repr()`` never shows a secret.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from typing import Final, TypeAlias

from .errors import InvalidCredentialsError

__all__ = [
    "ANONYMOUS",
    "Anonymous",
    "Basic",
    "Credentials",
    "IdentityToken",
    "RegistryToken",
]

# What can never be sent: in a header value (RFC 9110 §5.5) or a form field.
_UNSENDABLE: Final = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
# A bearer token goes into a header as is: visible ASCII only (RFC 6750's
# b64token, widened to every visible character as registries issue them).
_TOKEN: Final = re.compile(r"[\x21-\x7e]+", re.ASCII)


@dataclass(frozen=True, slots=True)
class Anonymous:
    """No credentials: requests go without ``Authorization``, token requests anonymously."""

    def __repr__(self) -> str:
        return "Anonymous()"


#: The one value of :class:`Anonymous`.
ANONYMOUS: Final = Anonymous()


@dataclass(frozen=True, slots=True, repr=False)
class Basic:
    """A user name and a password (RFC 7617).

    >>> creds = Basic("joejoe", "hello")
    >>> creds.authorization()
    'Basic am9lam9lOmhlbGxv'
    >>> creds
    Basic(username='joejoe', password=<hidden>)

    The user name may not hold ``:`` (RFC 7617 §2: the first colon ends it,
    as docker's ``auth`` field is read); neither may hold a control
    character. Bad values raise :class:`~oci_core.errors.InvalidCredentialsError`,
    values of the wrong Python type :class:`TypeError`.
    """

    username: str
    password: str

    def __post_init__(self) -> None:
        if type(self.username) is not str or type(self.password) is not str:
            raise TypeError("Basic takes a str username and a str password")
        if ":" in self.username:
            raise InvalidCredentialsError("a Basic user name may not hold ':'")
        if _UNSENDABLE.search(self.username) or _UNSENDABLE.search(self.password):
            raise InvalidCredentialsError("a Basic user name or password may not hold a control character")

    def encoded(self) -> str:
        """``base64(username ":" password)`` (UTF-8), docker's ``auth`` field."""
        return base64.b64encode(f"{self.username}:{self.password}".encode()).decode("ascii")

    def authorization(self) -> str:
        """The ``Authorization`` header value: ``Basic <base64>``."""
        return "Basic " + self.encoded()

    def __repr__(self) -> str:
        return f"Basic(username={self.username!r}, password=<hidden>)"


@dataclass(frozen=True, slots=True, repr=False)
class IdentityToken:
    """An OAuth2 refresh token (docker's ``identitytoken``), exchanged for access tokens.

    ``username`` is what the file or helper kept beside it (ACR's
    ``00000000-0000-0000-0000-000000000000``); the refresh-token grant does not
    send it.

    >>> IdentityToken("s3cr3t", username="me")
    IdentityToken(token=<hidden>, username='me')
    """

    token: str
    username: str = ""

    def __post_init__(self) -> None:
        if type(self.token) is not str or type(self.username) is not str:
            raise TypeError("IdentityToken takes a str token and a str username")
        if not self.token:
            raise InvalidCredentialsError("an identity token may not be empty")
        if _UNSENDABLE.search(self.token) or _UNSENDABLE.search(self.username):
            raise InvalidCredentialsError("an identity token or its user name may not hold a control character")

    def __repr__(self) -> str:
        return f"IdentityToken(token=<hidden>, username={self.username!r})"


@dataclass(frozen=True, slots=True, repr=False)
class RegistryToken:
    """A bearer token for the registry itself (docker's ``registrytoken``), sent as it is.

    >>> RegistryToken("abc.def").authorization()
    'Bearer abc.def'
    """

    token: str

    def __post_init__(self) -> None:
        if type(self.token) is not str:
            raise TypeError("RegistryToken takes a str token")
        if _TOKEN.fullmatch(self.token) is None:
            raise InvalidCredentialsError("a registry token must be non-empty visible ASCII (it is sent in a header)")

    def authorization(self) -> str:
        """The ``Authorization`` header value: ``Bearer <token>``."""
        return "Bearer " + self.token

    def __repr__(self) -> str:
        return "RegistryToken(token=<hidden>)"


#: Any credential (a real union: ``isinstance(x, Credentials)`` works).
Credentials: TypeAlias = Anonymous | Basic | IdentityToken | RegistryToken
