"""Image layouts both ways with real tools: umoci and skopeo read what the library writes, the library verifies theirs.

* A layout built here (a gzip layer made with ``tarfile``/``gzip``, a config,
  a manifest, ``index.json``, written with plain file I/O) is accepted by
  ``skopeo inspect``, ``skopeo copy`` and ``umoci stat``, and ``umoci unpack
  --rootless`` gives back the file with its content.
* Layouts made by umoci (``init``, ``new``, ``insert``, ``repack``) and by
  ``skopeo copy`` (OCI, and ``--format v2s2`` into ``dir:``) are read back:
  every blob's digest and size verified, every layer's diffID checked against
  its config through the one-pass digester; ``umoci gc`` removes exactly what
  ``unreachable_blobs`` calls garbage.
* A nested platform index the library wrote is read by skopeo (``inspect
  --override-arch`` picks the image ``manifest_for_platform`` picks; ``copy
  --all`` keeps the index byte for byte), and verified after the copy.
* The README's worked example (verifying a layout) runs on each of them.

The tools come from Debian (``.ci/run`` installs them); without them these
tests skip here and fail in CI (``tests/tools.py``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from oci_core import layout, partial
from oci_core.config import parse_image_config
from oci_core.descriptor import Descriptor
from oci_core.digest import compute_digest
from oci_core.layerdigest import LayerDigester
from oci_core.manifest import ImageIndex, parse_image_manifest
from oci_core.mediatypes import DOCKER_MANIFEST_SCHEMA2, OCI_IMAGE_MANIFEST
from oci_core.platform import Platform

from .inmemory import MemoryImage, MemoryLayer, write_layout
from .tools import require_tool
from .vectors import ROOT, readme_example

HELLO = b"hello from oci_core\n"
EXAMPLE_MARKER = "<!-- example: verify-layout -->"


def _run(*args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, timeout=300, check=False)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _skopeo(*args: str) -> str:
    # No containers policy need be installed: the test machine trusts what it made.
    return _run(require_tool("skopeo"), "--insecure-policy", *args)


def _umoci(*args: str, cwd: Path | None = None) -> str:
    return _run(require_tool("umoci"), *args, cwd=cwd)


def _image() -> MemoryImage:
    base = MemoryLayer.of_files({"hello.txt": HELLO})
    extra = MemoryLayer.of_files({"etc/motd": b"layer two\n", "data/blob.bin": bytes(range(256)) * 64})
    return MemoryImage.build((base, extra), platform=Platform("linux", "amd64"), cmd=("/bin/sh",))


def _library_layout(root: Path, tag: str = "v1") -> MemoryImage:
    image = _image()
    index = layout.add_manifest(
        ImageIndex(manifests=()),
        partial.index_entry(image.manifest(), platform=parse_image_config(image.raw_config).platform()),
        ref_name=tag,
    )
    write_layout(root, index, {str(image.digest): image.raw_manifest, **image.blobs()})
    return image


def verify_layout(root: Path) -> list[layout.BlobCheck]:
    """Every blob of the layout at ``root`` checked, layers by digest and diffID, each read once."""
    layout.parse_image_layout((root / "oci-layout").read_bytes())
    index = layout.parse_index((root / "index.json").read_bytes())
    plan = layout.verify_plan(index, lambda d: (root / layout.blob_path(d.digest)).read_bytes())
    for check in plan:
        digester = check.digester()
        with (root / check.path).open("rb") as blob:
            while chunk := blob.read(1 << 16):
                digester.update(chunk)
        check.verify(digester.finish())
    return list(plan)


def _example_source() -> str:
    return readme_example(EXAMPLE_MARKER)


def _run_example(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-", str(root)],
        input=_example_source(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# -- the worked example ------------------------------------------------------------------------


def test_the_worked_example_is_about_fifteen_lines() -> None:
    lines = [line for line in _example_source().splitlines() if line.strip()]
    assert len(lines) <= 16, len(lines)


def test_the_worked_example_verifies_a_layout_and_refuses_a_damaged_one(tmp_path: Path) -> None:
    image = _library_layout(tmp_path / "good")
    done = _run_example(tmp_path / "good")
    assert done.returncode == 0, done.stderr
    printed = done.stdout.splitlines()
    assert len(printed) == 4  # manifest, config, two layers
    assert printed[0] == f"manifest {image.digest} "
    assert printed[2].startswith("layer ") and printed[2].endswith(f"diffID {image.layers[0].diff_id}")
    # One flipped byte inside a layer: the example stops with the library's error.
    damaged = tmp_path / "damaged"
    _library_layout(damaged)
    blob = damaged / layout.blob_path(image.layers[1].digest)
    content = bytearray(blob.read_bytes())
    content[len(content) // 2] ^= 0x01
    blob.write_bytes(bytes(content))
    refused = _run_example(damaged)
    assert refused.returncode != 0
    assert "oci_core.errors.CorruptLayerError: corrupt gzip stream" in refused.stderr, refused.stderr


# -- the library's layout, read by skopeo and umoci ----------------------------------------------


def test_skopeo_inspects_and_copies_a_layout_the_library_wrote(tmp_path: Path) -> None:
    source = tmp_path / "library"
    image = _library_layout(source)
    inspected = json.loads(_skopeo("inspect", f"oci:{source}:v1"))
    assert inspected["Digest"] == str(image.digest)
    assert inspected["Layers"] == [str(layer.digest) for layer in image.layers]
    assert (inspected["Os"], inspected["Architecture"]) == ("linux", "amd64")
    raw = _skopeo("inspect", "--raw", f"oci:{source}:v1").encode()
    assert raw == image.raw_manifest
    config = json.loads(_skopeo("inspect", "--config", f"oci:{source}:v1"))
    assert config["rootfs"]["diff_ids"] == [str(layer.diff_id) for layer in image.layers]
    copied = tmp_path / "copied"
    _skopeo("copy", f"oci:{source}:v1", f"oci:{copied}:v1")
    checks = verify_layout(copied)
    assert {str(check.descriptor.digest) for check in checks} >= {str(layer.digest) for layer in image.layers}
    assert layout.find_ref_name(layout.parse_index((copied / "index.json").read_bytes()), "v1")


def test_umoci_stats_and_unpacks_a_layout_the_library_wrote(tmp_path: Path) -> None:
    source = tmp_path / "library"
    image = _library_layout(source)
    stat = json.loads(_umoci("stat", "--json", "--image", f"{source}:v1"))
    assert [step["created_by"] for step in stat["history"]] == ["oci_core tests: layer 0", "oci_core tests: layer 1"]
    assert [step["layer"]["digest"] for step in stat["history"]] == [str(layer.digest) for layer in image.layers]
    listed = _umoci("ls", "--layout", str(source))
    assert listed.split() == ["v1"]
    bundle = tmp_path / "bundle"
    _umoci("unpack", "--rootless", "--image", f"{source}:v1", str(bundle))
    assert (bundle / "rootfs" / "hello.txt").read_bytes() == HELLO
    assert (bundle / "rootfs" / "etc" / "motd").read_bytes() == b"layer two\n"
    assert (bundle / "rootfs" / "data" / "blob.bin").read_bytes() == bytes(range(256)) * 64
    runtime = json.loads((bundle / "config.json").read_text())
    assert runtime["process"]["args"] == ["/bin/sh"]
    assert image.layers[0].diff_id == compute_digest(image.layers[0].tar)


# -- layouts made by the tools, verified by the library -----------------------------------------------


def _umoci_layout(tmp_path: Path) -> Path:
    """umoci init, new, insert a file, then unpack, change and repack under a second tag."""
    root = tmp_path / "umoci"
    _umoci("init", "--layout", str(root))
    _umoci("new", "--image", f"{root}:base")
    staged = tmp_path / "staged.txt"
    staged.write_bytes(HELLO)
    _umoci("insert", "--rootless", "--image", f"{root}:base", str(staged), "/hello.txt")
    bundle = tmp_path / "umoci-bundle"
    _umoci("unpack", "--rootless", "--image", f"{root}:base", str(bundle))
    (bundle / "rootfs" / "added.txt").write_bytes(b"added by repack\n")
    _umoci("repack", "--image", f"{root}:changed", str(bundle))
    return root


def test_the_library_verifies_a_layout_umoci_made(tmp_path: Path) -> None:
    root = _umoci_layout(tmp_path)
    index = layout.parse_index((root / "index.json").read_bytes())
    assert [d.annotations.get("org.opencontainers.image.ref.name") for d in index.manifests] == ["base", "changed"]
    checks = verify_layout(root)
    layers = [check for check in checks if check.role == "layer"]
    assert len(layers) == 2 and all(check.diff_id is not None for check in layers)  # base's layer, shared, and repack's
    (changed,) = layout.find_ref_name(index, "changed")
    manifest = parse_image_manifest((root / layout.blob_path(changed.digest)).read_bytes())
    config = parse_image_config((root / layout.blob_path(manifest.config.digest)).read_bytes())
    for pair in partial.image_layers(manifest, config):
        digester = LayerDigester(pair.media_type)
        digester.update((root / layout.blob_path(pair.digest)).read_bytes())
        digester.finish().verify(pair.descriptor, pair.diff_id)
    assert _run_example(root).returncode == 0


def test_umoci_gc_removes_what_the_library_calls_garbage(tmp_path: Path) -> None:
    root = _umoci_layout(tmp_path)
    index = layout.parse_index((root / "index.json").read_bytes())

    def read(d: Descriptor) -> bytes:
        return (root / layout.blob_path(d.digest)).read_bytes()

    def present() -> set[str]:
        return {path.relative_to(root).as_posix() for path in (root / "blobs").rglob("*") if path.is_file()}

    before = present()
    garbage = set(layout.unreachable_blobs(index, read, sorted(before)))
    assert garbage  # umoci new's empty manifest and config, insert's and repack's superseded ones
    _umoci("gc", "--layout", str(root))
    assert present() == before - garbage
    verify_layout(root)


def test_the_library_verifies_what_skopeo_copies(tmp_path: Path) -> None:
    umoci = _umoci_layout(tmp_path)
    copied = tmp_path / "skopeo-oci"
    _skopeo("copy", f"oci:{umoci}:changed", f"oci:{copied}:latest")
    checks = verify_layout(copied)
    assert [check.role for check in checks] == ["manifest", "config", "layer", "layer"]
    assert _run_example(copied).returncode == 0


def test_the_library_verifies_skopeo_v2s2_into_a_dir(tmp_path: Path) -> None:
    source = tmp_path / "library"
    image = _library_layout(source)
    target = tmp_path / "dir"
    _skopeo("copy", "--format", "v2s2", f"oci:{source}:v1", f"dir:{target}")
    raw = (target / "manifest.json").read_bytes()
    manifest = parse_image_manifest(raw, DOCKER_MANIFEST_SCHEMA2)
    assert manifest.media_type == DOCKER_MANIFEST_SCHEMA2
    # dir: names each blob by its encoded digest alone.
    config_raw = (target / manifest.config.digest.encoded).read_bytes()
    manifest.config.verify(config_raw)
    config = parse_image_config(config_raw)
    assert config.rootfs.diff_ids == tuple(layer.diff_id for layer in image.layers)
    for pair in partial.image_layers(manifest, config):
        digester = LayerDigester(pair.media_type, algorithm=pair.digest.algorithm)
        with (target / pair.digest.encoded).open("rb") as blob:
            while chunk := blob.read(4096):
                digester.update(chunk)
        digester.finish().verify(pair.descriptor, pair.diff_id)
    # The same layers as the OCI original (skopeo changed their media types, not their bytes) in a new manifest.
    assert [pair.digest for pair in partial.image_layers(manifest, config)] == [x.digest for x in image.layers]
    assert image.manifest().media_type == OCI_IMAGE_MANIFEST and compute_digest(raw) != image.digest


def test_skopeo_reads_a_multi_platform_index_the_library_wrote(tmp_path: Path) -> None:
    amd64 = _image()
    arm64 = MemoryImage.build((MemoryLayer.of_files({"hello.txt": b"arm64\n"}),), platform=Platform("linux", "arm64"))
    platforms = ImageIndex(
        manifests=tuple(
            partial.index_entry(image.manifest(), platform=parse_image_config(image.raw_config).platform())
            for image in (amd64, arm64)
        )
    )
    root = tmp_path / "multi"
    index = layout.add_manifest(ImageIndex(manifests=()), partial.index_entry(platforms), ref_name="multi")
    blobs = {str(platforms.digest): platforms.raw}
    for image in (amd64, arm64):
        blobs.update({str(image.digest): image.raw_manifest, **image.blobs()})
    write_layout(root, index, blobs)
    assert _skopeo("inspect", "--raw", f"oci:{root}:multi").encode() == platforms.raw
    # containers/image picks the platform's manifest as manifest_for_platform does
    # (skopeo reports the index's digest, and the chosen image's layers and platform).
    for arch, image in (("amd64", amd64), ("arm64", arm64)):
        chosen = json.loads(_skopeo("--override-os", "linux", "--override-arch", arch, "inspect", f"oci:{root}:multi"))
        assert chosen["Digest"] == str(platforms.digest) and chosen["Architecture"] == arch
        assert chosen["Layers"] == [str(layer.digest) for layer in image.layers]
        entry = partial.manifest_for_platform(platforms, Platform("linux", arch))
        assert entry is not None and entry.digest == image.digest
    copied = tmp_path / "copied"
    _skopeo("copy", "--all", f"oci:{root}:multi", f"oci:{copied}:multi")
    roles = [check.role for check in verify_layout(copied)]
    assert roles.count("index") == 1 and roles.count("manifest") == 2 and roles.count("layer") == 3
    copied_index = layout.parse_index((copied / "index.json").read_bytes())
    (entry,) = layout.find_ref_name(copied_index, "multi")
    assert entry.digest == platforms.digest  # the index came through byte for byte
