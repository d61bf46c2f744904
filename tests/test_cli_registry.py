"""Every registry command of the tool against real registries (docker-registry on 127.0.0.1), skopeo confirming.

Two plain registries share the module: an image (an index of two platforms,
with an SBOM of the index and a signature of its amd64 image) is pushed to
the first from a layout, and the commands read, copy, tag and delete it. What
the tool pushed or copied is read back with ``skopeo inspect --raw``, which
must give the very bytes (so the very digests) of the source. Everything
skips without docker-registry and skopeo (and fails under
``OCI_CORE_REQUIRE_TOOLS=1``).
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from oci_core import layout
from oci_core.digest import compute_digest
from oci_core.manifest import parse_image_index, parse_manifest
from oci_core.partial import referrers_tag
from tests.cli_fixtures import SBOM_TYPE, SIGNATURE_TYPE, LayoutImage, Ran, run_tool, tool_json, write_layout
from tests.registry_server import RegistryServer, start_registry
from tests.tools import free_port, require_tool


def skopeo(*args: str) -> bytes:
    program = require_tool("skopeo")
    done = subprocess.run([program, "--insecure-policy", *args], capture_output=True, timeout=120,
                          stdin=subprocess.DEVNULL, check=False)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def raw_of(host: str, name: str) -> bytes:
    """What skopeo reads for ``name`` (``repo:tag`` or ``repo@digest``) on ``host``."""
    return skopeo("inspect", "--tls-verify=false", "--raw", f"docker://{host}/{name}")


@dataclass
class Registries:
    first: RegistryServer
    second: RegistryServer
    image: LayoutImage
    home: Path

    def run(self, *args: str, stdin: bytes = b"") -> Ran:
        return run_tool(*args, home=self.home, stdin=stdin)

    def ok(self, *args: str) -> str:
        done = self.run(*args)
        assert done.returncode == 0, done.stderr.decode()
        return done.stdout.decode()

    def json(self, *args: str) -> object:
        return tool_json(*args, home=self.home)


@pytest.fixture(scope="module")
def registries(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registries]:
    require_tool("skopeo")
    directory = tmp_path_factory.mktemp("cli-registry")
    image = write_layout(directory / "source", "v1")
    home = directory / "home"
    home.mkdir()
    with start_registry(directory, name="first") as first, start_registry(directory, name="second") as second:
        done = run_tool("push", "--referrers", f"{image.root}:v1", f"{first.host}/app:v1", home=home)
        assert done.returncode == 0, done.stderr.decode()
        yield Registries(first, second, image, home)


def assert_same_manifests(host: str, repository: str, image: LayoutImage) -> None:
    """Every manifest of ``image`` is in ``repository`` with the very same bytes, as skopeo reads them."""
    for digest, raw in image.manifests.items():
        assert raw_of(host, f"{repository}@{digest}") == raw


# -- push, read ---------------------------------------------------------------------------------------


def test_push_from_a_layout_keeps_every_byte(registries: Registries) -> None:
    host, image = registries.first.host, registries.image
    assert raw_of(host, "app:v1") == image.blobs[str(image.index.digest)]
    assert_same_manifests(host, "app", image)
    # The registry (distribution 2.8) has no referrers API: the tool kept the fallback tags.
    fallback = parse_image_index(raw_of(host, f"app:{referrers_tag(image.index.digest)}"))
    assert [entry.digest for entry in fallback.manifests] == [image.referrers[SBOM_TYPE].digest]
    assert fallback.manifests[0].artifact_type == SBOM_TYPE


def test_ls_and_catalog(registries: Registries) -> None:
    host, image = registries.first.host, registries.image
    tags = registries.ok("ls", f"{host}/app").split()
    assert "v1" in tags and referrers_tag(image.index.digest) in tags
    assert registries.ok("ls", "--omit-digest-tags", f"{host}/app").split() == ["v1"]
    assert registries.ok("ls", "-O", "--full-ref", f"{host}/app").split() == [f"{host}/app:v1"]
    listed = registries.json("ls", f"{host}/app")
    assert isinstance(listed, dict) and listed["repository"] == f"{host}/app" and "v1" in listed["tags"]
    assert "app" in registries.ok("catalog", host).split()
    assert f"{host}/app" in registries.ok("catalog", "--full-ref", host).split()
    catalog = registries.json("catalog", host)
    assert isinstance(catalog, dict) and "app" in catalog["repositories"] and catalog["truncated"] is False


def test_manifest_prints_the_stored_bytes(registries: Registries) -> None:
    host, image = registries.first.host, registries.image
    done = registries.run("manifest", f"{host}/app:v1")
    assert done.returncode == 0 and done.stdout == image.blobs[str(image.index.digest)]
    arm = registries.run("manifest", "--platform", "linux/arm64", f"{host}/app:v1")
    assert arm.stdout == image.blobs[str(image.images["linux/arm64/v8"].digest)]
    data = registries.json("manifest", f"{host}/app@{image.images['linux/amd64'].digest}")
    assert isinstance(data, dict)
    assert data["digest"] == str(image.images["linux/amd64"].digest)
    assert data["mediaType"] == "application/vnd.oci.image.manifest.v1+json"
    assert data["manifest"] == json.loads(image.blobs[data["digest"]])


def test_digest_asks_head_first(registries: Registries) -> None:
    host, image = registries.first.host, registries.image
    assert registries.ok("digest", f"{host}/app:v1").strip() == str(image.index.digest)
    assert registries.ok("digest", "--full-ref", f"{host}/app:v1").strip() == f"{host}/app@{image.index.digest}"
    arm = registries.ok("digest", "--platform", "linux/arm64/v8", f"{host}/app:v1").strip()
    assert arm == str(image.images["linux/arm64/v8"].digest)


def test_several_targets_each_get_a_line_and_a_bad_one_hides_none(registries: Registries) -> None:
    host, image = registries.first.host, registries.image
    done = registries.run("digest", f"{host}/app:v1", f"{host}/app:missing", "examples/config.json")
    assert done.returncode == 1
    lines = done.stdout.decode().splitlines()
    assert lines[0] == str(image.index.digest) and lines[1].endswith("  examples/config.json")
    assert f"{host}/app:missing" in done.stderr.decode() and b"Traceback" not in done.stderr
    result = run_tool("--json", "digest", f"{host}/app:v1", f"{host}/app:missing", home=registries.home)
    items = json.loads(result.stdout)
    assert [("error" in item) for item in items] == [False, True]
    assert items[1]["error"]["status"] == 404


def test_config(registries: Registries) -> None:
    host, image = registries.first.host, registries.image
    arm = registries.run("config", "--platform", "linux/arm64", f"{host}/app:v1")
    assert arm.returncode == 0 and arm.stdout == image.blobs[str(image.configs["linux/arm64/v8"].digest)]
    data = registries.json("config", "--platform", "linux/amd64", f"{host}/app:v1")
    assert isinstance(data, dict) and data["config"]["architecture"] == "amd64"
    assert data["digest"] == str(image.configs["linux/amd64"].digest)


def test_blob_to_standard_output_and_to_a_file(registries: Registries, tmp_path: Path) -> None:
    host, image = registries.first.host, registries.image
    layer = image.layers["linux/amd64"]
    done = registries.run("blob", f"{host}/app@{layer.digest}")
    assert done.returncode == 0 and compute_digest(done.stdout) == layer.digest
    target = tmp_path / "layer.tar.gz"
    registries.ok("blob", "-o", str(target), f"{host}/app@{layer.digest}")
    assert compute_digest(target.read_bytes()) == layer.digest
    assert not (tmp_path / "layer.tar.gz.part").exists()
    missing = registries.run("blob", "-o", str(tmp_path / "nope"), f"{host}/app@sha256:{'0' * 64}")
    assert missing.returncode == 1 and b"404" in missing.stderr and not (tmp_path / "nope").exists()


def test_referrers_through_the_fallback_tag(registries: Registries) -> None:
    host, image = registries.first.host, registries.image
    lines = registries.ok("referrers", f"{host}/app:v1").splitlines()
    assert lines == [f"{image.referrers[SBOM_TYPE].digest}  {SBOM_TYPE}  {image.referrers[SBOM_TYPE].size} bytes"]
    signed = f"{host}/app@{image.images['linux/amd64'].digest}"
    data = registries.json("referrers", "--artifact-type", SIGNATURE_TYPE, signed)
    assert isinstance(data, dict) and data["source"] == "tag"
    assert [entry["digest"] for entry in data["referrers"]] == [str(image.referrers[SIGNATURE_TYPE].digest)]
    assert registries.ok("referrers", "--artifact-type", "text/none", signed) == ""


def test_inspect_a_reference(registries: Registries) -> None:
    host, image = registries.first.host, registries.image
    text = registries.ok("inspect", f"{host}/app:v1")
    assert "kind: index of 2" in text and "platforms: linux/amd64, linux/arm64/v8" in text
    data = registries.json("inspect", "--platform", "linux/amd64", f"{host}/app:v1")
    assert isinstance(data, list)
    (item,) = data
    assert item["digest"] == str(image.images["linux/amd64"].digest)
    assert item["image"]["platform"] == "linux/amd64"
    assert item["layers"][0]["digest"] == str(image.layers["linux/amd64"].digest)


# -- pull, copy -------------------------------------------------------------------------------------


def test_pull_every_platform_into_a_layout(registries: Registries, tmp_path: Path) -> None:
    host, image = registries.first.host, registries.image
    target = tmp_path / "pulled"
    data = registries.json("pull", f"{host}/app:v1", str(target))
    assert isinstance(data, dict) and data["digest"] == str(image.index.digest) and data["tag"] == "v1"
    index = layout.parse_index((target / "index.json").read_bytes())
    (entry,) = index.manifests
    assert entry.digest == image.index.digest and entry.annotations["org.opencontainers.image.ref.name"] == "v1"
    for digest in image.manifests.keys() - {str(d.digest) for d in image.referrers.values()}:
        assert (target / layout.blob_path(digest)).read_bytes() == image.blobs[digest]
    assert registries.run("layout", str(target)).returncode == 0
    # skopeo reads the layout the tool wrote.
    assert skopeo("inspect", "--raw", f"oci:{target}:v1") == image.blobs[str(image.index.digest)]
    # Pulling again finds every blob there already.
    again = registries.json("pull", f"{host}/app:v1", str(target))
    assert isinstance(again, dict) and set(again["blobs"].values()) == {"present"}


def test_pull_one_platform_under_a_name(registries: Registries, tmp_path: Path) -> None:
    host, image = registries.first.host, registries.image
    target = tmp_path / "arm"
    registries.ok("pull", "--platform", "linux/arm64", f"{host}/app:v1", f"{target}:arm")
    (entry,) = layout.parse_index((target / "index.json").read_bytes()).manifests
    assert entry.digest == image.images["linux/arm64/v8"].digest
    assert entry.platform is not None and entry.platform.architecture == "arm64"
    assert entry.annotations["org.opencontainers.image.ref.name"] == "arm"
    assert not (target / layout.blob_path(image.layers["linux/amd64"].digest)).exists()
    refused = registries.run("pull", "--platform", "linux/s390x", f"{host}/app:v1", str(tmp_path / "none"))
    assert refused.returncode == 1 and b"linux/amd64, linux/arm64/v8" in refused.stderr


def test_copy_between_registries_with_referrers_keeps_every_digest(registries: Registries) -> None:
    first, second, image = registries.first.host, registries.second.host, registries.image
    data = registries.json("copy", "--referrers", f"{first}/app:v1", f"{second}/copied:v1")
    assert isinstance(data, dict) and set(data["referrers"]) == {str(d.digest) for d in image.referrers.values()}
    assert raw_of(second, "copied:v1") == image.blobs[str(image.index.digest)]
    assert_same_manifests(second, "copied", image)
    sbom = parse_image_index(raw_of(second, f"copied:{referrers_tag(image.index.digest)}"))
    assert [entry.digest for entry in sbom.manifests] == [image.referrers[SBOM_TYPE].digest]
    # Copied again: the target has everything.
    again = registries.json("copy", "--referrers", f"{first}/app:v1", f"{second}/copied:v1")
    assert isinstance(again, dict) and set(again["blobs"].values()) <= {"present"}
    assert registries.ok("referrers", f"{second}/copied:v1").split()[0] == str(image.referrers[SBOM_TYPE].digest)


def test_copy_within_a_registry_mounts(registries: Registries) -> None:
    first, image = registries.first.host, registries.image
    data = registries.json("copy", f"{first}/app:v1", f"{first}/mounted/app")
    assert isinstance(data, dict) and data["tag"] == "v1"  # the source's tag
    assert set(data["blobs"].values()) == {"mounted"}
    assert raw_of(first, "mounted/app:v1") == image.blobs[str(image.index.digest)]


def test_copy_into_a_layout_and_back(registries: Registries, tmp_path: Path) -> None:
    first, second, image = registries.first.host, registries.second.host, registries.image
    target = tmp_path / "backup"
    registries.ok("copy", "--referrers", f"{first}/app:v1", f"oci:{target}:v1")
    index = layout.parse_index((target / "index.json").read_bytes())
    assert index.manifests[0].digest == image.index.digest
    kept = {entry.digest for entry in index.manifests[1:]}
    assert kept == {d.digest for d in image.referrers.values()}  # referrers as untagged entries
    for digest, raw in image.manifests.items():
        assert (target / layout.blob_path(digest)).read_bytes() == raw
    assert registries.run("layout", str(target)).returncode == 0
    registries.ok("copy", "--referrers", f"oci:{target}:v1", f"{second}/back:v1")
    assert raw_of(second, "back:v1") == image.blobs[str(image.index.digest)]
    assert_same_manifests(second, "back", image)
    signature = parse_image_index(raw_of(second, f"back:{referrers_tag(image.images['linux/amd64'].digest)}"))
    assert [entry.digest for entry in signature.manifests] == [image.referrers[SIGNATURE_TYPE].digest]


def test_copy_of_what_skopeo_pushed_in_docker_format(registries: Registries, tmp_path: Path) -> None:
    first, second = registries.first.host, registries.second.host
    skopeo("copy", "--dest-tls-verify=false", "--format", "v2s2", f"oci:{registries.image.root}:v1",
           f"docker://{first}/docker-format:v1")
    pushed = raw_of(first, "docker-format:v1")
    assert parse_manifest(pushed).media_type == "application/vnd.docker.distribution.manifest.v2+json"
    registries.ok("copy", f"{first}/docker-format:v1", f"{second}/docker-format:v1")
    assert raw_of(second, "docker-format:v1") == pushed


# -- tag, delete --------------------------------------------------------------------------------------


def test_tag_and_delete(registries: Registries) -> None:
    first, image = registries.first.host, registries.image
    registries.ok("copy", f"{first}/app:v1", f"{first}/scratch:v1")
    tagged = registries.ok("tag", f"{first}/scratch:v1", "stable").strip()
    assert tagged == f"{first}/scratch:stable: {image.index.digest}"
    assert raw_of(first, "scratch:stable") == image.blobs[str(image.index.digest)]
    data = registries.json("delete", f"{first}/scratch:stable")
    assert isinstance(data, dict) and data["digest"] == str(image.index.digest)
    gone = registries.run("manifest", f"{first}/scratch:v1")
    assert gone.returncode == 1 and b"MANIFEST_UNKNOWN" in gone.stderr
    assert registries.run("tag", f"{first}/app:v1", "not a tag").returncode == 1


# -- failures -----------------------------------------------------------------------------------------


def test_refusals_exit_1_with_the_registry_codes(registries: Registries) -> None:
    first = registries.first.host
    done = registries.run("manifest", f"{first}/app:nope")
    assert done.returncode == 1
    assert b"MANIFEST_UNKNOWN" in done.stderr and b"Traceback" not in done.stderr
    result = run_tool("--json", "manifest", f"{first}/app:nope", home=registries.home)
    error = json.loads(result.stdout)["error"]
    assert error["status"] == 404 and error["codes"] == ["MANIFEST_UNKNOWN"] and error["type"] == "NotFoundError"


def test_network_failure_exits_3(registries: Registries) -> None:
    done = registries.run("manifest", "--retries", "0", f"127.0.0.1:{free_port()}/app:v1")
    assert done.returncode == 3
    assert b"Connection refused" in done.stderr or b"refused" in done.stderr
    assert b"Traceback" not in done.stderr
