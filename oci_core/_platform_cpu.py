"""The ARM variant of a machine, from what ``uname -m`` and /proc/cpuinfo say (private).

containerd's ``cpuinfo_linux.go``, without the reading: the caller passes the
text it read, and the answer is a table lookup (:mod:`oci_core._platform_tables`).
Re-exported by :mod:`oci_core.platform`.
"""

from __future__ import annotations

from typing import Final

from . import _platform_tables as _tables
from ._platform_text import GO_SPACE, SHORT_TEXT, ascii_lower, go_trim_space, skip_space
from .errors import InvalidPlatformError

__all__ = ["cpu_variant_from_arch", "cpu_variant_from_cpuinfo"]

# Every cpuinfo table key is short: a longer value is "unknown" unread.
_LONGEST_CPUINFO_VALUE: Final = max(len(key) for key in _tables.CPUINFO_ARM_VARIANTS)
_ARMV6_PREFIX: Final = _tables.CPUINFO_ARMV6_MODEL_PREFIX
_ARMV6_LENGTH: Final = len(_ARMV6_PREFIX)


def _exact_text(value: object, what: str) -> str:
    # The readers judge the characters of an exact str: a subclass's own
    # methods (lower, startswith, strip) could answer anything.
    if isinstance(value, str):
        return str.__str__(value)
    raise InvalidPlatformError(f"{what} must be a str, got {type(value).__name__}")


def cpu_variant_from_arch(architecture: str) -> str:
    """containerd's ``getCPUVariantFromArch``: the ARM variant number of a machine architecture.

    >>> cpu_variant_from_arch("armv7l"), cpu_variant_from_arch("aarch64")
    ('7', '8')

    ``architecture`` is what ``uname -m`` says (case does not matter):
    ``aarch64`` gives ``"8"``, ``armv<N>...`` gives ``"<N>"`` for N from 3 to
    8 and ``"unknown"`` otherwise; anything else, and anything but a str,
    raises :class:`~oci_core.errors.InvalidPlatformError` ("invalid argument").
    """
    text = architecture if type(architecture) is str else _exact_text(architecture, "an architecture")
    # Only the first seven characters can decide; folding the rest of a
    # megabyte of text would be wasted work.
    head = text[:7]
    head = head.lower() if head.isascii() else ascii_lower(head)
    if head == "aarch64" and len(text) == 7:
        return "8"
    if head.startswith("armv") and len(text) >= 5:
        return _tables.ARCH_PREFIX_VARIANTS.get(head[3:5], "unknown")
    raise InvalidPlatformError("invalid argument: not aarch64 or armv<N>", text=text, span=(0, len(text)))


def cpu_variant_from_cpuinfo(cpu_architecture: str, *, model_name: str = "", arm32: bool = False) -> str:
    """containerd's ``getArmCPUVariant``: the variant for a /proc/cpuinfo "CPU architecture" value.

    >>> cpu_variant_from_cpuinfo("7"), cpu_variant_from_cpuinfo("AArch64"), cpu_variant_from_cpuinfo("9")
    ('v7', 'v8', 'unknown')

    Pass the value after the colon, as read. On a 32-bit arm host
    (``arm32=True``), a "7" whose ``model_name`` starts with
    ``ARMv6-compatible`` is a Raspberry Pi ARMv6 and gives ``v6``. Text that
    is not a str raises :class:`~oci_core.errors.InvalidPlatformError`; an
    ``arm32`` that is not a bool raises :class:`TypeError`.
    """
    if type(arm32) is not bool:
        raise TypeError(f"arm32 must be a bool, got {type(arm32).__name__}")
    if type(cpu_architecture) is not str:
        cpu_architecture = _exact_text(cpu_architecture, "a CPU architecture")
    if type(model_name) is not str:
        model_name = _exact_text(model_name, "a model name")
    short = len(cpu_architecture) <= SHORT_TEXT
    value = cpu_architecture.strip(GO_SPACE) if short else go_trim_space(cpu_architecture)
    if arm32 and value == "7":
        # A Raspberry Pi ARMv6 says 7; its stripped, case-folded model name
        # starts with "armv6-compatible".
        short = len(model_name) <= SHORT_TEXT
        model = model_name.lstrip(GO_SPACE) if short else model_name[skip_space(model_name) :]
        if ascii_lower(model[:_ARMV6_LENGTH]) == _ARMV6_PREFIX:
            value = "6"
    # Only so many characters can match a key: a megabyte is not folded.
    key = value.lower() if value.isascii() else ascii_lower(value[: _LONGEST_CPUINFO_VALUE + 1])
    return _tables.CPUINFO_ARM_VARIANTS.get(key, "unknown")

