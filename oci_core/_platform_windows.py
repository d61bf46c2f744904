"""Windows builds: which container builds a Windows host runs, and version order (private).

containerd's ``platform_windows_compat.go``: a Windows ``os.version`` is
``major.minor.build[.revision]``; a host runs a container of the same major
and minor version whose build is its own, or, from the first stable-ABI LTSC
release on, any build from the LTSC release it is at up to its own. The
release table is data, in :mod:`oci_core._platform_tables`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from . import _platform_tables as _tables

if TYPE_CHECKING:
    from typing import TypeAlias

__all__ = ["NO_WINDOWS_VERSION", "WindowsVersion", "natural_descending", "windows_runs", "windows_version"]

WindowsVersion: TypeAlias = "tuple[int, int, int]"

#: What an unreadable ``os.version`` reads as; a host of this version runs every build.
NO_WINDOWS_VERSION: Final = (0, 0, 0)


def _go_parse_uint(text: str, bits: int) -> int | None:
    """strconv.ParseUint(text, 10, bits): ASCII digits only, in range."""
    if not (text.isascii() and text.isdigit()):
        return None
    digits = text.lstrip("0")
    if len(digits) > 20:  # beyond uint64, and int() of it would be slow
        return None
    value = int(digits or "0")
    return value if value < 1 << bits else None


def windows_version(os_version: str) -> WindowsVersion:
    """getWindowsOSVersion: (major, minor, build), or (0, 0, 0) when unreadable."""
    if os_version.count(".") < 2:
        return NO_WINDOWS_VERSION
    major, _, rest = os_version.partition(".")
    minor, _, rest = rest.partition(".")
    build = rest.partition(".")[0]
    numbers = (_go_parse_uint(major, 8), _go_parse_uint(minor, 8), _go_parse_uint(build, 16))
    if numbers[0] is None or numbers[1] is None or numbers[2] is None:
        return NO_WINDOWS_VERSION
    return numbers[0], numbers[1], numbers[2]


def windows_runs(host: WindowsVersion, container_os_version: str) -> bool:
    """windowsVersionMatcher.Match: can a host of this build run that container?"""
    if host == NO_WINDOWS_VERSION or not container_os_version:
        return True
    container = windows_version(container_os_version)
    if host[:2] != container[:2]:
        return False
    ltsc = _tables.WINDOWS_LTSC_COMPAT_BUILDS
    if host[2] < ltsc[0]:
        return host[2] == container[2]
    supported = max(build for build in ltsc if build <= host[2])
    return supported <= container[2] <= host[2]


def natural_descending(text: str) -> tuple[int, ...]:
    """A sort key putting higher versions first, runs of digits compared as numbers.

    >>> sorted(["10.0.17763.9", "", "10.0.17763.10", "10.0.17763"], key=natural_descending)
    ['10.0.17763.10', '10.0.17763.9', '10.0.17763', '']

    A longer string comes before its own prefix, and ``""`` last. Linear in
    the length; no ``int()`` of long runs.
    """
    key: list[int] = []
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if "0" <= char <= "9":
            end = index
            while end < length and "0" <= text[end] <= "9":
                end += 1
            digits = text[index:end].lstrip("0")
            key.append(0)
            key.append(-len(digits))
            key.extend(-ord(digit) for digit in digits)
            index = end
        else:
            key.append(1)
            key.append(-ord(char))
            index += 1
    key.append(2)
    return tuple(key)
