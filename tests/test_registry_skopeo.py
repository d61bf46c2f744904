"""Interoperability with skopeo: it reads what the library pushed; the library pulls what it pushed.

Both against a real docker-registry on 127.0.0.1; skipped when skopeo or
docker-registry is missing, failed instead under OCI_CORE_REQUIRE_TOOLS=1.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from oci_core.config import parse_image_config
from oci_core.descriptor import Descriptor
from oci_core.manifest import ImageManifest, parse_image_index
from oci_core.mediatypes import DOCKER_MANIFEST_SCHEMA2, OCI_IMAGE_MANIFEST
from tests.http_drivers import DRIVERS, Driver
from tests.registry_flows import Flows, SmallImage, make_image
from tests.registry_server import RegistryServer, start_registry
from tests.tools import require_tool


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RegistryServer]:
    with start_registry(tmp_path_factory.mktemp("skopeo")) as running:
        yield running


@pytest.fixture(params=sorted(DRIVERS))
def driver(request: pytest.FixtureRequest) -> Iterator[Driver]:
    made = DRIVERS[request.param]()
    yield made
    made.close()


def _skopeo(*args: str) -> str:
    program = require_tool("skopeo")
    done = subprocess.run(
        [program, "--insecure-policy", *args], capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _name(driver: Driver, what: str) -> str:
    return f"skopeo/{what}/{driver.name.replace('.', '-')}"


def test_skopeo_reads_what_the_library_pushed(server: RegistryServer, driver: Driver, tmp_path: Path) -> None:
    flows = Flows(driver, server.root)
    image: SmallImage = make_image(b"pushed by oci_core\n")
    name = _name(driver, "ours")
    flows.push_image(name, "v1", image, chunk_size=64)
    reference = f"docker://{server.host}/{name}:v1"
    raw = _skopeo("inspect", "--tls-verify=false", "--raw", reference)
    assert raw.encode() == image.manifest
    info = json.loads(_skopeo("inspect", "--tls-verify=false", reference))
    assert info["Digest"] == str(image.manifest_descriptor.digest)
    assert info["Layers"] == [str(image.layer_descriptor.digest)]
    assert info["Os"] == "linux" and info["Architecture"] == "amd64"
    layout = tmp_path / "layout"
    _skopeo("copy", "--src-tls-verify=false", reference, f"oci:{layout}:v1")
    index = parse_image_index((layout / "index.json").read_bytes())
    (entry,) = index.manifests
    assert entry.digest == image.manifest_descriptor.digest
    for descriptor in (image.manifest_descriptor, image.layer_descriptor, image.config_descriptor):
        blob = (layout / "blobs" / descriptor.digest.algorithm / descriptor.digest.encoded).read_bytes()
        descriptor.verify(blob)


@pytest.mark.parametrize("format_", ["oci", "v2s2"])
def test_library_pulls_what_skopeo_pushed(server: RegistryServer, driver: Driver, tmp_path: Path, format_: str) -> None:
    flows = Flows(driver, server.root)
    source = _name(driver, f"source-{format_}")
    flows.push_image(source, "v1", make_image(b"source for skopeo\n"))
    target = _name(driver, f"copied-{format_}")
    _skopeo(
        "copy", "--src-tls-verify=false", "--dest-tls-verify=false", "--format", format_,
        f"docker://{server.host}/{source}:v1", f"docker://{server.host}/{target}:copied",
    )
    pulled = flows.pull_manifest(target, "copied")
    expected_type = OCI_IMAGE_MANIFEST if format_ == "oci" else DOCKER_MANIFEST_SCHEMA2
    assert pulled.media_type == expected_type
    manifest = pulled.parse()
    assert isinstance(manifest, ImageManifest) and manifest.media_type == expected_type
    by_digest = flows.pull_manifest(target, pulled.digest)
    assert by_digest.raw == pulled.raw
    config = flows.pull_blob(target, manifest.config)
    assert parse_image_config(config).os == "linux"
    for layer in manifest.layers:
        assert isinstance(layer, Descriptor)
        assert len(flows.pull_blob(target, layer)) == layer.size
