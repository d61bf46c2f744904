"""Which credential files to read, as a pure function of the environment, the home directory and the OS (private).

The caller reads the environment (a mapping), knows the home directory and
the OS, and reads the files; this module only says which paths, in which
order, and in which format. Three tools, three orders:

* docker (:func:`docker_config_files`): ``$DOCKER_CONFIG/config.json``, else
  ``~/.docker/config.json``; the legacy ``~/.dockercfg`` only when that file
  does not exist. The first file that exists is the only one read.
* podman, buildah, skopeo (:func:`containers_auth_files`, containers/image
  ``getAuthFilePaths``): ``$REGISTRY_AUTH_FILE`` alone when it is set;
  otherwise ``$XDG_RUNTIME_DIR/containers/auth.json`` (on Linux; without
  ``XDG_RUNTIME_DIR`` ``/run/containers/<uid>/auth.json``; elsewhere
  ``~/.config/containers/auth.json``), then
  ``$XDG_CONFIG_HOME/containers/auth.json`` (``~/.config`` by default), then
  docker's ``config.json``, then ``~/.dockercfg``. Every file that exists is
  searched in turn until one knows the key.
* go-containerregistry's ``DefaultKeychain`` (:func:`keychain_files`): docker's
  ``config.json``, then ``$REGISTRY_AUTH_FILE``,
  ``$XDG_RUNTIME_DIR/containers/auth.json`` and
  ``$XDG_CONFIG_HOME/containers/auth.json`` (``~/.config``); the first that
  exists is the only one read, with docker's rules.

An empty variable counts as unset, as all three tools read them.
"""

# Files, keys and environments come from outside: checked at run time whatever
# the annotations say, so that any input gets an answer or an OCIError.
# pyright: reportUnnecessaryIsInstance=false

from __future__ import annotations

import ntpath
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from ._kinds import check_fields

__all__ = [
    "CredentialFile",
    "FileFormat",
    "containers_auth_files",
    "docker_config_files",
    "keychain_files",
]

FileFormat = Literal["docker", "dockercfg"]
_WINDOWS: Final = frozenset({"windows", "win32", "cygwin", "nt"})


@dataclass(frozen=True, slots=True)
class CredentialFile:
    """A credential file to read: its path, and its format.

    ``format`` is ``"docker"`` for ``config.json`` and ``auth.json`` (the same
    JSON) and ``"dockercfg"`` for the legacy ``~/.dockercfg`` (a flat map of
    entries, or ``username = <auth>`` lines).
    """

    path: str
    format: FileFormat = "docker"

    def __post_init__(self) -> None:
        check_fields(self, (("path", (str,)), ("format", (str,))))

    @property
    def legacy(self) -> bool:
        """Whether this is a legacy ``~/.dockercfg``."""
        return self.format == "dockercfg"


def _check(env: Mapping[str, str], home: str, os_name: str) -> None:
    if not isinstance(env, Mapping):
        raise TypeError(f"env must be a mapping of environment variables, got {type(env).__name__}")
    if type(home) is not str or type(os_name) is not str:
        raise TypeError("home and os_name must be str")
    if not home:
        raise ValueError("home must name the home directory")


def _join(os_name: str, *parts: str) -> str:
    if os_name.lower() in _WINDOWS:
        return ntpath.join(*parts)
    return posixpath.join(*parts)


def _var(env: Mapping[str, str], name: str) -> str:
    value: object = env.get(name)
    return value if isinstance(value, str) else ""


def _docker_config(env: Mapping[str, str], home: str, os_name: str) -> str:
    directory = _var(env, "DOCKER_CONFIG") or _join(os_name, home, ".docker")
    return _join(os_name, directory, "config.json")


def docker_config_files(env: Mapping[str, str], home: str, os_name: str) -> tuple[CredentialFile, ...]:
    """docker's credential files, in order: read the first that exists, only that one.

    >>> [f.path for f in docker_config_files({}, "/home/me", "linux")]
    ['/home/me/.docker/config.json', '/home/me/.dockercfg']
    """
    _check(env, home, os_name)
    return (
        CredentialFile(_docker_config(env, home, os_name)),
        CredentialFile(_join(os_name, home, ".dockercfg"), "dockercfg"),
    )


def containers_auth_files(
    env: Mapping[str, str], home: str, os_name: str, *, uid: int | None = None
) -> tuple[CredentialFile, ...]:
    """containers/image's credential files, in order: search every one that exists until one knows the key.

    >>> for file in containers_auth_files({"XDG_RUNTIME_DIR": "/run/user/1000"}, "/home/me", "linux"):
    ...     print(file.path, file.format)
    /run/user/1000/containers/auth.json docker
    /home/me/.config/containers/auth.json docker
    /home/me/.docker/config.json docker
    /home/me/.dockercfg dockercfg
    >>> [f.path for f in containers_auth_files({"REGISTRY_AUTH_FILE": "/tmp/auth.json"}, "/home/me", "linux")]
    ['/tmp/auth.json']

    ``uid`` places the Linux default ``/run/containers/<uid>/auth.json`` when
    ``XDG_RUNTIME_DIR`` is unset; without it that file is left out.
    """
    _check(env, home, os_name)
    if uid is not None and type(uid) is not int:
        raise TypeError(f"containers_auth_files() uid must be an int or None, got {type(uid).__name__}")
    chosen = _var(env, "REGISTRY_AUTH_FILE")
    if chosen:
        return (CredentialFile(chosen),)
    paths: list[CredentialFile] = []
    if os_name.lower() == "linux":
        runtime = _var(env, "XDG_RUNTIME_DIR")
        if runtime:
            paths.append(CredentialFile(_join(os_name, runtime, "containers", "auth.json")))
        elif uid is not None:
            paths.append(CredentialFile(f"/run/containers/{int(uid)}/auth.json"))
    else:
        paths.append(CredentialFile(_join(os_name, home, ".config", "containers", "auth.json")))
    config_home = _var(env, "XDG_CONFIG_HOME") or _join(os_name, home, ".config")
    paths.append(CredentialFile(_join(os_name, config_home, "containers", "auth.json")))
    paths.append(CredentialFile(_docker_config(env, home, os_name)))
    paths.append(CredentialFile(_join(os_name, home, ".dockercfg"), "dockercfg"))
    unique: list[CredentialFile] = []
    for path in paths:
        if path not in unique:
            unique.append(path)
    return tuple(unique)


def keychain_files(env: Mapping[str, str], home: str, os_name: str) -> tuple[CredentialFile, ...]:
    """go-containerregistry ``DefaultKeychain``'s files, in order: read the first that exists, with docker's rules.

    >>> [f.path for f in keychain_files({"REGISTRY_AUTH_FILE": "/tmp/a.json"}, "/home/me", "linux")]
    ['/home/me/.docker/config.json', '/tmp/a.json', '/home/me/.config/containers/auth.json']
    """
    _check(env, home, os_name)
    paths = [CredentialFile(_docker_config(env, home, os_name))]
    chosen = _var(env, "REGISTRY_AUTH_FILE")
    if chosen:
        paths.append(CredentialFile(chosen))
    runtime = _var(env, "XDG_RUNTIME_DIR")
    if runtime:
        paths.append(CredentialFile(_join(os_name, runtime, "containers", "auth.json")))
    config_home = _var(env, "XDG_CONFIG_HOME") or _join(os_name, home, ".config")
    paths.append(CredentialFile(_join(os_name, config_home, "containers", "auth.json")))
    return tuple(paths)
