"""Images for the command-line tests, written as OCI image layouts with the library's builders.

:func:`write_layout` makes a multi-platform image (an index of two one-layer
images) with two referrers (an SBOM of the index, a signature of the amd64
image, stored as untagged index.json entries as the tool keeps them), so
that a ``copy --referrers`` has something to carry. :func:`big_layer_layout`
makes a single-layer image of a given size (random bytes: gzip cannot shrink
them, so the transfer is what is measured).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from dataclasses import dataclass, field
from pathlib import Path

from oci_core import layout
from oci_core.descriptor import EMPTY_JSON, Descriptor, describe
from oci_core.digest import compute_digest, parse_digest
from oci_core.manifest import build_image_index, build_image_manifest, parse_image_index, parse_manifest
from oci_core.mediatypes import OCI_IMAGE_CONFIG, OCI_LAYER_GZIP
from oci_core.partial import index_entry, referrer_descriptor
from oci_core.platform import Platform

__all__ = [
    "ROOT",
    "SBOM_TYPE",
    "SIGNATURE_TYPE",
    "LayoutImage",
    "Ran",
    "big_layer_layout",
    "run_tool",
    "tar_of",
    "tool_env",
    "tool_json",
    "write_blob",
    "write_layout",
]

SBOM_TYPE = "application/spdx+json"
SIGNATURE_TYPE = "application/vnd.example.signature.v1"


@dataclass
class LayoutImage:
    """What :func:`write_layout` wrote: the index, its images, its referrers, every blob."""

    root: Path
    name: str
    index: Descriptor
    images: dict[str, Descriptor] = field(default_factory=dict)  # platform -> manifest descriptor
    configs: dict[str, Descriptor] = field(default_factory=dict)
    layers: dict[str, Descriptor] = field(default_factory=dict)
    referrers: dict[str, Descriptor] = field(default_factory=dict)  # artifact type -> manifest descriptor
    blobs: dict[str, bytes] = field(default_factory=dict)  # digest -> bytes

    @property
    def manifests(self) -> dict[str, bytes]:
        """Every manifest and index written, by digest."""
        digests = [self.index.digest, *(d.digest for d in self.images.values())]
        digests += [d.digest for d in self.referrers.values()]
        return {str(d): self.blobs[str(d)] for d in digests}


def tar_of(name: str, content: bytes) -> bytes:
    """A tar with one file (fixed mtime, so that the bytes are stable)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        info = tarfile.TarInfo(name)
        info.size = len(content)
        info.mtime = 1_700_000_000
        info.mode = 0o644
        archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def write_blob(root: Path, data: bytes) -> Descriptor:
    """Write a blob into the layout at ``root``; its octet-stream descriptor."""
    d = describe(data, "application/octet-stream")
    path = root / layout.blob_path(d.digest)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return d


def _image(root: Path, image: LayoutImage, target: Platform, content: bytes) -> Descriptor:
    tar = tar_of("hello.txt", content)
    blob = gzip.compress(tar, mtime=0)
    config = json.dumps(
        {"architecture": target.architecture, "os": target.os,
         **({"variant": target.variant} if target.variant else {}),
         "config": {"Cmd": ["/hello"]}, "rootfs": {"type": "layers", "diff_ids": [str(compute_digest(tar))]}},
        separators=(",", ":"),
    ).encode()
    layer_d, config_d = describe(blob, OCI_LAYER_GZIP), describe(config, OCI_IMAGE_CONFIG)
    raw, manifest_d = build_image_manifest(config_d, [layer_d])
    for data in (blob, config, raw):
        write_blob(root, data)
        image.blobs[str(compute_digest(data))] = data
    key = f"{target.os}/{target.architecture}" + (f"/{target.variant}" if target.variant else "")
    image.configs[key], image.layers[key] = config_d, layer_d
    entry = Descriptor(manifest_d.media_type, manifest_d.digest, manifest_d.size, platform=target)
    image.images[key] = entry
    return entry


def _referrer(root: Path, image: LayoutImage, subject: Descriptor, artifact_type: str, body: bytes) -> Descriptor:
    write_blob(root, b"{}")
    image.blobs[str(EMPTY_JSON.digest)] = b"{}"
    payload = describe(body, artifact_type)
    write_blob(root, body)
    image.blobs[str(payload.digest)] = body
    raw, _ = build_image_manifest(EMPTY_JSON, [payload], artifact_type=artifact_type, subject=subject,
                                  annotations={"org.example.kind": artifact_type})
    write_blob(root, raw)
    image.blobs[str(compute_digest(raw))] = raw
    described = referrer_descriptor(parse_manifest(raw))
    image.referrers[artifact_type] = described
    return described


def write_layout(root: Path, name: str = "v1", *, salt: str = "", referrers: bool = True) -> LayoutImage:
    """A layout at ``root`` holding a two-platform image under ``name``, and (by default) two referrers."""
    root.mkdir(parents=True, exist_ok=True)
    image = LayoutImage(root, name, EMPTY_JSON)
    entries = [
        _image(root, image, Platform("linux", "amd64"), f"amd64 {salt}\n".encode()),
        _image(root, image, Platform("linux", "arm64", variant="v8"), f"arm64 {salt}\n".encode()),
    ]
    raw, index_d = build_image_index(entries)
    write_blob(root, raw)
    image.blobs[str(index_d.digest)] = raw
    image.index = index_d
    top = [index_entry(parse_manifest(raw), annotations={"org.opencontainers.image.ref.name": name})]
    if referrers:
        top.append(_referrer(root, image, index_d, SBOM_TYPE, b'{"spdxVersion":"SPDX-2.3"}'))
        top.append(_referrer(root, image, entries[0], SIGNATURE_TYPE, f"signature {salt}".encode()))
    index_raw, _ = build_image_index(top)
    for file_name, data in layout.layout_files(parse_image_index(index_raw)).items():
        (root / file_name).write_bytes(data)
    (root / "blobs").mkdir(exist_ok=True)
    return image


def big_layer_layout(root: Path, size: int, name: str = "big") -> tuple[Descriptor, Descriptor]:
    """A layout with one image whose single gzip layer is about ``size`` bytes: (manifest, layer) descriptors.

    The layer is written in 1 MiB pieces (the test process never holds it whole).
    """
    root.mkdir(parents=True, exist_ok=True)
    blobs = root / "blobs" / "sha256"
    blobs.mkdir(parents=True, exist_ok=True)
    staging = root / "layer.tmp"
    diff = hashlib.sha256()
    stored = hashlib.sha256()
    with open(staging, "wb") as raw_file:
        writer = gzip.GzipFile(fileobj=_Hashing(raw_file, stored), mode="wb", compresslevel=1, mtime=0)
        header = tarfile.TarInfo("data.bin")
        header.size = size
        header.mtime = 1_700_000_000
        head = header.tobuf(format=tarfile.PAX_FORMAT)
        writer.write(head)
        diff.update(head)
        left = size
        while left:
            piece = os.urandom(min(left, 1 << 20))
            writer.write(piece)
            diff.update(piece)
            left -= len(piece)
        tail = b"\0" * ((512 - size % 512) % 512) + b"\0" * 1024
        writer.write(tail)
        diff.update(tail)
        writer.close()
    layer_size = staging.stat().st_size
    layer_d = Descriptor(OCI_LAYER_GZIP, parse_digest(f"sha256:{stored.hexdigest()}"), layer_size)
    os.replace(staging, blobs / layer_d.digest.encoded)
    config = json.dumps(
        {"architecture": "amd64", "os": "linux",
         "rootfs": {"type": "layers", "diff_ids": [f"sha256:{diff.hexdigest()}"]}},
        separators=(",", ":"),
    ).encode()
    config_d = write_blob(root, config)
    config_d = Descriptor(OCI_IMAGE_CONFIG, config_d.digest, config_d.size)
    raw, manifest_d = build_image_manifest(config_d, [layer_d])
    write_blob(root, raw)
    entry = index_entry(parse_manifest(raw), annotations={"org.opencontainers.image.ref.name": name})
    top, _ = build_image_index([entry])
    for file_name, data in layout.layout_files(parse_image_index(top)).items():
        (root / file_name).write_bytes(data)
    return manifest_d, layer_d


class _Hashing(io.RawIOBase):
    """A writable file that hashes what passes through it."""

    def __init__(self, target: io.BufferedWriter, hasher: hashlib._Hash) -> None:
        self.target, self.hasher = target, hasher

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(data)
        self.hasher.update(view)
        return self.target.write(view)


# -- running the tool as a user runs it ----------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
# Variables that would point the tool at the developer's own credentials.
_CREDENTIAL_VARIABLES = (
    "DOCKER_CONFIG", "REGISTRY_AUTH_FILE", "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME", "DOCKER_AUTH_CONFIG"
)


def tool_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a run: the caller's, with ``HOME`` in ``home`` and no credential variables."""
    env = {key: value for key, value in os.environ.items() if key not in _CREDENTIAL_VARIABLES}
    env["HOME"] = str(home)
    env.update(extra)
    return env


@dataclass
class Ran:
    """What a run of the tool did: its exit status and what it wrote, as bytes."""

    returncode: int
    stdout: bytes
    stderr: bytes


def run_tool(
    *args: str,
    home: Path,
    stdin: bytes = b"",
    env: dict[str, str] | None = None,
    timeout: float = 120,
    process: bool = False,
) -> Ran:
    """Run the tool with ``args`` from the repository's root, as a user runs it (bytes in and out).

    In this process by default: ``main()`` with the environment, the current directory and the standard
    streams replaced for the run (so that coverage sees the tool, and no interpreter start is paid per
    run). ``process=True`` runs ``python3 -m oci_core`` instead, for what only a process shows.
    """
    environment = env if env is not None else tool_env(home)
    if process:
        done = subprocess.run([sys.executable, "-m", "oci_core", *args], cwd=ROOT, input=stdin, capture_output=True,
                              env=environment, timeout=timeout, check=False)
        return Ran(done.returncode, done.stdout, done.stderr)
    from oci_core.__main__ import main

    saved = (dict(os.environ), sys.stdin, sys.stdout, sys.stderr, sys.argv, os.getcwd())
    out, err = io.BytesIO(), io.BytesIO()
    streams = (io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"),
               io.TextIOWrapper(out, encoding="utf-8", write_through=True),
               io.TextIOWrapper(err, encoding="utf-8", write_through=True))
    try:
        os.environ.clear()
        os.environ.update(environment)
        sys.stdin, sys.stdout, sys.stderr = streams
        sys.argv = [""]
        os.chdir(ROOT)
        try:
            status = main(list(args))
        except SystemExit as exited:  # argparse: usage mistakes and --help
            status = exited.code if isinstance(exited.code, int) else (0 if exited.code is None else 1)
        sys.stdout.flush()
        sys.stderr.flush()
        return Ran(status, out.getvalue(), err.getvalue())
    finally:
        environment_before, sys.stdin, sys.stdout, sys.stderr, sys.argv, directory = saved
        os.environ.clear()
        os.environ.update(environment_before)
        os.chdir(directory)
        for stream in streams:
            stream.detach()


def tool_json(*args: str, home: Path, stdin: bytes = b"", env: dict[str, str] | None = None) -> object:
    """The one JSON document a ``--json`` run writes (the run must succeed)."""
    done = run_tool("--json", *args, home=home, stdin=stdin, env=env)
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)
