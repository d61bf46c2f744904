"""The platform policy of containerd/platforms, as data (private).

Everything that decides how a platform is normalised, which platforms a host
also runs, and how Windows builds relate lives here, so that the rules can be
read (and diffed against upstream) in one place; :mod:`oci_core.platform` only
interprets these tables. Sources, containerd/platforms at
09756f59cb1d6b3fb368f371043d36e634789537 (the commit of spec-vectors/platform):
``database.go`` (known names, ``normalizeOS``, ``normalizeArch``),
``platforms.go`` (``Parse``), ``compare.go`` (``platformVector``),
``platform_windows_compat.go`` (Windows build compatibility),
``defaults_*.go`` (``Default``) and ``cpuinfo_linux.go`` (ARM variants).
"""

from __future__ import annotations

from types import MappingProxyType

TYPE_CHECKING = False  # typing takes 3.5 ms to import: its names are for the checkers only

if TYPE_CHECKING:
    from typing import Final

__all__ = [
    "ARCH_ALIASES",
    "ARCH_FALLBACKS",
    "ARCH_PREFIX_VARIANTS",
    "ARM64_MAX_V8_MINOR",
    "ARM64_V9_TO_V8_MINOR_OFFSET",
    "BARE_ARCH_VARIANT",
    "CPUINFO_ARMV6_MODEL_PREFIX",
    "CPUINFO_ARM_VARIANTS",
    "DEFAULT_ALSO_RUNS",
    "KNOWN_ARCHES",
    "KNOWN_OSES",
    "OS_ALIASES",
    "PLAIN_VARIANTS",
    "SPELLED_VARIANT",
    "VARIANT_ALIASES",
    "VARIANT_FLOORS",
    "WINDOWS_BUILDS",
    "WINDOWS_LTSC_COMPAT_BUILDS",
]

# -- names (database.go, generated upstream from Go's go/build/syslist.go) ----

#: isKnownOS: a lone specifier component naming one of these is an OS.
KNOWN_OSES: Final = frozenset(
    {
        "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js",
        "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "windows", "zos",
    }
)  # fmt: skip

#: isKnownArch: otherwise a lone component must normalise to one of these.
KNOWN_ARCHES: Final = frozenset(
    {
        "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "ppc64", "ppc64le",
        "loong64", "mips", "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc",
        "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm",
    }
)  # fmt: skip

# -- normalisation (normalizeOS, normalizeArch) --------------------------------

#: normalizeOS, after lower-casing.
OS_ALIASES: Final = MappingProxyType({"macos": "darwin"})

#: normalizeArch, after lower-casing: arch -> (normal arch, variant). A variant
#: of ``None`` keeps the given one (then looked up in VARIANT_ALIASES); a
#: string replaces it (i386 has no variants; armhf *is* v7, armel *is* v6).
ARCH_ALIASES: Final = MappingProxyType(
    {
        "i386": ("386", ""),
        "x86_64": ("amd64", None),
        "x86-64": ("amd64", None),
        "amd64": ("amd64", None),
        "aarch64": ("arm64", None),
        "arm64": ("arm64", None),
        "armhf": ("arm", "v7"),
        "armel": ("arm", "v6"),
        "arm": ("arm", None),
    }
)

#: normalizeArch, per normal arch: lower-cased variant -> normal variant.
#: The most common variant of each is written as none at all (amd64 v1,
#: arm64 v8), except for arm, whose empty variant *means* v7.
VARIANT_ALIASES: Final = MappingProxyType(
    {
        "amd64": MappingProxyType({"v1": ""}),
        "arm64": MappingProxyType({"8": "", "v8": "", "v8.0": "", "9": "v9", "9.0": "v9", "v9.0": "v9"}),
        "arm": MappingProxyType({"": "v7", "7": "v7", "5": "v5", "6": "v6", "8": "v8"}),
    }
)

# -- Parse's departures from Normalize (platforms.go) --------------------------

#: A bare ``os/arch`` (or ``arch``) specifier leaves this variant out even
#: though Normalize puts it in ("linux/arm" parses to arm with no variant).
BARE_ARCH_VARIANT: Final = MappingProxyType({"arm": "v7"})

#: An ``os/arch/variant`` specifier keeps this variant even though Normalize
#: drops it ("linux/arm64/v8" parses to arm64/v8; Normalize gives arm64).
SPELLED_VARIANT: Final = MappingProxyType({"arm64": "v8"})

#: Variants that ``os/arch/variant`` parsing returns unchanged for each arch:
#: the table behind parse_platform's fast path. Every entry is checked against
#: the full parser by the tests; anything not listed takes the full path.
PLAIN_VARIANTS: Final = MappingProxyType(
    {
        "amd64": frozenset({"v2", "v3", "v4"}),
        "arm64": frozenset(
            {"v8", "v8.1", "v8.2", "v8.3", "v8.4", "v8.5", "v8.6", "v8.7", "v8.8", "v8.9",
             "v9", "v9.1", "v9.2", "v9.3", "v9.4", "v9.5"}
        ),
        "arm": frozenset({"v5", "v6", "v7", "v8"}),
        "ppc64le": frozenset({"power8", "power9", "power10"}),
        "riscv64": frozenset({"rva20u64", "rva22u64", "rva23u64"}),
    }
)  # fmt: skip

# -- compatibility (compare.go platformVector, used by Only) -------------------

#: A host whose variant is ``v<N>`` also runs ``v<N-1>`` ... down to this floor
#: (amd64/v3 runs v2 and v1; arm/v8 runs v7, v6 and v5).
VARIANT_FLOORS: Final = MappingProxyType({"amd64": 1, "arm": 5})

#: After its own variants a host also runs this other architecture: amd64 runs
#: 386, and arm64 runs 32-bit arm (arm64 of any v8.x/v9.x as arm/v8 and below).
ARCH_FALLBACKS: Final = MappingProxyType({"amd64": "386", "arm64": "arm"})

#: Armv9.N carries the feature baseline of Armv8.(N+5) ...
ARM64_V9_TO_V8_MINOR_OFFSET: Final = 5
#: ... and the Armv8 line stops at 8.9.
ARM64_MAX_V8_MINOR: Final = 9

# -- hosts (defaults_darwin.go, defaults_freebsd.go) --------------------------

#: Default() on these host OSes also runs images of another OS with the same
#: architecture, after the host's own: OS -> (other OS, keep the host variant).
DEFAULT_ALSO_RUNS: Final = MappingProxyType({"darwin": ("linux", False), "freebsd": ("linux", True)})

# -- Windows (platform_windows_compat.go) -------------------------------------

#: Windows build numbers by release name.
WINDOWS_BUILDS: Final = MappingProxyType(
    {
        "rs5": 17763,  # 1809, Windows Server 2019 (ltsc2019)
        "v21H2Server": 20348,  # Windows Server 2022 (ltsc2022)
        "v22H2Win11": 22621,  # Windows 11 2022 Update
    }
)

#: Stable-ABI LTSC releases, ascending: a host at or after one of them runs
#: containers built for that release up to the host's own build. Before the
#: first, host and container builds must be equal.
WINDOWS_LTSC_COMPAT_BUILDS: Final = (WINDOWS_BUILDS["v21H2Server"],)

# -- ARM variants (cpuinfo_linux.go) ------------------------------------------

#: getCPUVariantFromArch: ``armv<X>...`` -> variant number, by ``v<X>``.
ARCH_PREFIX_VARIANTS: Final = MappingProxyType({"v8": "8", "v7": "7", "v6": "6", "v5": "5", "v4": "4", "v3": "3"})

#: getArmCPUVariant: the lower-cased "CPU architecture" value of
#: /proc/cpuinfo -> variant.
CPUINFO_ARM_VARIANTS: Final = MappingProxyType(
    {
        "8": "v8", "aarch64": "v8",
        "7": "v7", "7m": "v7", "?(12)": "v7", "?(13)": "v7", "?(14)": "v7", "?(15)": "v7", "?(16)": "v7", "?(17)": "v7",
        "6": "v6", "6tej": "v6",
        "5": "v5", "5t": "v5", "5te": "v5", "5tej": "v5",
        "4": "v4", "4t": "v4",
        "3": "v3",
    }
)  # fmt: skip

#: A Raspberry Pi ARMv6 reports "CPU architecture: 7" (a kernel quirk); its
#: lower-cased "model name" starts with this, and then the variant is v6.
CPUINFO_ARMV6_MODEL_PREFIX: Final = "armv6-compatible"
