"""The ``docker-credential-*`` helper protocol as values (private; public through :mod:`oci_core.credentials`).

docker-credential-helpers' protocol: the program ``docker-credential-<name>``
runs with one argument, the action, and reads its standard input:

====== ======================================================= ===========================================
action standard input                                          standard output on success
====== ======================================================= ===========================================
get    the server URL                                          ``{"ServerURL", "Username", "Secret"}``
store  ``{"ServerURL", "Username", "Secret"}``                 nothing
erase  the server URL                                          nothing
list   anything                                                ``{"<server URL>": "<user name>", ...}``
====== ======================================================= ===========================================

A failing helper exits non-zero with a message on standard output; the
message ``credentials not found in native keychain`` answers ``get`` with
"no credentials", which is not an error. A user name of ``<token>`` means the
secret is an identity token.

The library builds the call (:class:`HelperCall`: the program, the action,
the bytes to write) and reads what the program wrote and how it exited; the
caller runs it (``subprocess.run([call.program, call.action], input=call.input,
capture_output=True)``).
"""

# Helper output and arguments are checked at run time whatever the annotations
# say: the readers promise an answer for any input.
# pyright: reportUnnecessaryIsInstance=false

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from . import _authjson, _json
from ._credentials import ANONYMOUS, Basic, Credentials, IdentityToken
from ._fault import Fault
from ._frozenmap import FrozenMap
from ._kinds import check_fields
from .errors import CredentialHelperError, LocalProtocolError, OCIError

if TYPE_CHECKING:
    from ._json import JSON

__all__ = [
    "HELPER_PREFIX",
    "NOT_FOUND_MESSAGE",
    "TOKEN_USERNAME",
    "HelperAction",
    "HelperCall",
    "helper_erase",
    "helper_get",
    "helper_list",
    "helper_program",
    "helper_store",
    "read_helper_done",
    "read_helper_get",
    "read_helper_list",
]

HelperAction = Literal["get", "store", "erase", "list"]

#: Every helper program's name starts with this.
HELPER_PREFIX: Final = "docker-credential-"
#: What a helper writes when it holds nothing for the server (docker-credential-helpers' ErrCredentialsNotFound).
NOT_FOUND_MESSAGE: Final = "credentials not found in native keychain"
#: The user name that marks the secret as an identity token.
TOKEN_USERNAME: Final = "<token>"
# Helper messages that docker-credential-helpers' client passes on as the error itself.
_KNOWN_MESSAGES: Final = frozenset({"no credentials server URL", "no credentials username"})
_VERBS: Final = {"get": "getting", "store": "storing", "erase": "erasing", "list": "listing"}
# A helper name is a file name suffix: no path separator, no control character, not empty.
_HELPER_NAME: Final = re.compile(r"[^/\\\x00-\x1f\x7f]+")
#: Helpers answer with a few hundred bytes; a list may be long, but not this long.
MAX_OUTPUT: Final = 4 * 1024 * 1024


@dataclass(frozen=True, slots=True, repr=False)
class HelperCall:
    """One run of a credential helper: run ``program`` with the argument ``action``, write ``input`` to it.

    >>> call = helper_get("osxkeychain", "https://index.docker.io/v1/")
    >>> call.program, call.action, call.input
    ('docker-credential-osxkeychain', 'get', b'https://index.docker.io/v1/')

    ``server_url`` is the server the call is about (``""`` for ``list``).
    ``repr()`` hides the input of a ``store``, which holds the secret.
    """

    program: str
    action: HelperAction
    input: bytes
    server_url: str = ""

    def __post_init__(self) -> None:
        check_fields(self, (("program", (str,)), ("action", (str,)), ("input", (bytes,)), ("server_url", (str,))))

    @property
    def args(self) -> tuple[str, str]:
        """The command line: ``(program, action)``."""
        return (self.program, self.action)

    def __repr__(self) -> str:
        shown = "<hidden>" if self.action == "store" else repr(self.input)
        return (
            f"HelperCall(program={self.program!r}, action={self.action!r}, input={shown},"
            f" server_url={self.server_url!r})"
        )


def helper_program(helper: str) -> str:
    """The program a helper name stands for: ``docker-credential-<helper>``.

    >>> helper_program("desktop")
    'docker-credential-desktop'

    :raises ValueError: the name is empty, or holds a path separator or a
        control character (it would run some other program).
    """
    if type(helper) is not str:
        raise TypeError(f"a helper name must be a str, got {type(helper).__name__}")
    if _HELPER_NAME.fullmatch(helper) is None:
        raise ValueError(f"invalid credential helper name {helper!r}: it must be a file name suffix")
    return HELPER_PREFIX + helper


def _server(server_url: str) -> bytes:
    if type(server_url) is not str:
        raise TypeError(f"a server URL must be a str, got {type(server_url).__name__}")
    return server_url.encode("utf-8")


def helper_get(helper: str, server_url: str) -> HelperCall:
    """Ask ``helper`` for the credentials of ``server_url`` (read the answer with :func:`read_helper_get`)."""
    return HelperCall(helper_program(helper), "get", _server(server_url), server_url)


def helper_erase(helper: str, server_url: str) -> HelperCall:
    """Ask ``helper`` to forget ``server_url`` (read the answer with :func:`read_helper_done`)."""
    return HelperCall(helper_program(helper), "erase", _server(server_url), server_url)


def helper_list(helper: str) -> HelperCall:
    """Ask ``helper`` which servers it holds credentials for (read the answer with :func:`read_helper_list`)."""
    return HelperCall(helper_program(helper), "list", b"unused")


def helper_store(helper: str, server_url: str, credentials: Basic | IdentityToken) -> HelperCall:
    """Ask ``helper`` to keep ``credentials`` for ``server_url`` (read the answer with :func:`read_helper_done`).

    An identity token is stored with the user name ``<token>``, as docker does.

    >>> helper_store("pass", "ghcr.io", Basic("me", "pw")).input
    b'{"ServerURL":"ghcr.io","Username":"me","Secret":"pw"}'
    """
    if isinstance(credentials, Basic):
        username, secret = credentials.username, credentials.password
    elif isinstance(credentials, IdentityToken):
        username, secret = TOKEN_USERNAME, credentials.token
    else:
        raise TypeError(f"a helper stores Basic or IdentityToken credentials, not {type(credentials).__name__}")
    body = _json.dumps({"ServerURL": server_url, "Username": username, "Secret": secret})
    _server(server_url)
    return HelperCall(helper_program(helper), "store", body, server_url)


def _check_call(call: HelperCall, actions: tuple[str, ...], reader: str) -> None:
    if not isinstance(call, HelperCall):
        raise TypeError(f"{reader} takes the HelperCall that was run, got {type(call).__name__}")
    if call.action not in actions:
        raise LocalProtocolError(f"{reader} reads the answer to {' or '.join(actions)}, not to {call.action!r}")


def _output_text(stdout: object) -> str:
    if not isinstance(stdout, (bytes, bytearray, memoryview)):
        raise CredentialHelperError(f"a helper's output must be bytes, got {type(stdout).__name__}")
    data: bytes = bytes(stdout)  # pyright: ignore[reportUnknownArgumentType]  # memoryview's item type
    return data[:MAX_OUTPUT].decode("utf-8", "replace")


def _failure(call: HelperCall, stdout: bytes, exit_status: int) -> CredentialHelperError:
    out = _output_text(stdout).strip()
    if out in _KNOWN_MESSAGES:
        cause = out
    elif exit_status < 0:
        cause = f"signal {-exit_status}"
    else:
        cause = f"exit status {exit_status}"
    if len(out) > 400:
        out = out[:397] + "..."
    return CredentialHelperError(f"error {_VERBS[call.action]} credentials - err: {cause}, out: `{out}`")


def _exit(exit_status: object) -> int:
    if type(exit_status) is not int:
        raise TypeError(f"an exit status must be an int, got {type(exit_status).__name__}")
    return exit_status


def _read_object(call: HelperCall, stdout: bytes) -> dict[str, JSON]:
    """The JSON object a helper wrote (every fault a CredentialHelperError)."""
    if not isinstance(stdout, (bytes, bytearray, memoryview)):
        raise CredentialHelperError(f"a helper's output must be bytes, got {type(stdout).__name__}")
    try:
        document = _authjson.load(bytes(stdout), max_size=MAX_OUTPUT)
    except Fault as fault:
        raise CredentialHelperError(f"{call.program} {call.action} wrote invalid JSON: {fault.message}") from None
    if type(document) is not dict:
        raise CredentialHelperError(f"{call.program} {call.action} must write a JSON object")
    return document


def read_helper_get(call: HelperCall, stdout: bytes, exit_status: int) -> Credentials:
    """The credentials a ``get`` answered: :class:`Basic`, :class:`IdentityToken`, or ``ANONYMOUS``.

    >>> call = helper_get("pass", "ghcr.io")
    >>> read_helper_get(call, b'{"ServerURL":"ghcr.io","Username":"<token>","Secret":"t0k"}', 0)
    IdentityToken(token=<hidden>, username='')
    >>> read_helper_get(call, b"credentials not found in native keychain\\n", 1)
    Anonymous()

    An empty answer (no user name, no secret) is ``ANONYMOUS`` too.

    :raises CredentialHelperError: the helper failed otherwise (the message is
        docker-credential-helpers' ``error getting credentials - err: ...,
        out: `...```), or wrote something that is not the protocol's answer.
    :raises LocalProtocolError: ``call`` is not a ``get``.
    """
    _check_call(call, ("get",), "read_helper_get")
    if _exit(exit_status) != 0:
        if _output_text(stdout).strip() == NOT_FOUND_MESSAGE:
            return ANONYMOUS
        raise _failure(call, stdout, exit_status)
    document = _read_object(call, stdout)
    try:
        username = _authjson.string_at(document, "Username", "") or ""
        secret = _authjson.string_at(document, "Secret", "") or ""
    except Fault as fault:
        raise CredentialHelperError(f"{call.program} get: {fault.pointer}: {fault.message}") from None
    try:
        if username == TOKEN_USERNAME:
            return IdentityToken(secret) if secret else ANONYMOUS
        if not username and not secret:
            return ANONYMOUS
        return Basic(username, secret)
    except OCIError as error:
        raise CredentialHelperError(f"{call.program} get: {error.message}") from None


def read_helper_list(call: HelperCall, stdout: bytes, exit_status: int) -> FrozenMap[str, str]:
    """The servers a ``list`` answered, each with its user name.

    >>> read_helper_list(helper_list("pass"), b'{"https://index.docker.io/v1/": "linus"}', 0)
    FrozenMap({'https://index.docker.io/v1/': 'linus'})

    :raises CredentialHelperError: the helper failed, or its output is not a
        JSON object of strings.
    :raises LocalProtocolError: ``call`` is not a ``list``.
    """
    _check_call(call, ("list",), "read_helper_list")
    if _exit(exit_status) != 0:
        raise _failure(call, stdout, exit_status)
    document = _read_object(call, stdout)
    for server, username in document.items():
        if type(username) is not str:
            raise CredentialHelperError(f"{call.program} list: the user name of {server!r} must be a string")
    return FrozenMap(document)  # type: ignore[arg-type]  # checked: every value is a str


def read_helper_done(call: HelperCall, stdout: bytes, exit_status: int) -> None:
    """Check the answer to a ``store`` or an ``erase``: nothing when it succeeded.

    :raises CredentialHelperError: the helper failed
        (``error storing credentials - err: ..., out: `...```).
    :raises LocalProtocolError: ``call`` is neither a ``store`` nor an ``erase``.
    """
    _check_call(call, ("store", "erase"), "read_helper_done")
    output: object = stdout
    if not isinstance(output, (bytes, bytearray, memoryview)):  # read or not, the output is data
        _output_text(output)
    if _exit(exit_status) != 0:
        raise _failure(call, stdout, exit_status)
