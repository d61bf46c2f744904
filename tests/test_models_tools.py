"""Model artifacts through real tools: built here, written to an OCI layout, pushed with skopeo, read back here.

For each family a small model is built with the library (a GGUF file made
in the test, a license, a chat template), written to an OCI image layout
with plain file I/O, copied into a real docker-registry (127.0.0.1, a free
port, stopped by its pid: tests/registry_server.py) with ``skopeo copy``,
then read back from the registry over HTTP and parsed with the library:
the manifest's bytes (and so the model's ID) are the ones built, every blob
verifies, and every layer classifies as it was built. Skipped when skopeo
or docker-registry is missing, failed instead under OCI_CORE_REQUIRE_TOOLS=1.
"""

from __future__ import annotations

import http.client
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from oci_core import models
from oci_core.manifest import ImageManifest, parse_image_manifest
from oci_core.mediatypes import OCI_IMAGE_MANIFEST
from tests.models_fixtures import LICENSE, TEMPLATE, small_gguf, write_layout
from tests.registry_server import RegistryServer, start_registry
from tests.tools import require_tool

MTIME = "2025-06-15T12:00:00Z"
@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RegistryServer]:
    with start_registry(tmp_path_factory.mktemp("models")) as running:
        yield running


def _skopeo(*args: str) -> None:
    program = require_tool("skopeo")
    done = subprocess.run(
        [program, "--insecure-policy", *args], capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
    )
    assert done.returncode == 0, done.stderr


def _get(server: RegistryServer, path: str, accept: str | None = None) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request("GET", path, headers={"Accept": accept} if accept else {})
        response = connection.getresponse()
        body = response.read()
        assert response.status == 200, (path, response.status, body[:200])
        return body
    finally:
        connection.close()


def push_and_read_back(
    server: RegistryServer, tmp_path: Path, name: str, built: models.BuiltModel, blobs: dict[str, bytes]
) -> tuple[ImageManifest, bytes, dict[str, bytes]]:
    """Push the model with skopeo from a layout, then read it back from the registry with the library."""
    layout = tmp_path / "layout"
    write_layout(layout, "v1", built, blobs)
    _skopeo("copy", "--dest-tls-verify=false", f"oci:{layout}:v1", f"docker://{server.host}/{name}:v1")
    raw = _get(server, f"/v2/{name}/manifests/v1", accept=OCI_IMAGE_MANIFEST)
    manifest = parse_image_manifest(raw)
    config = _get(server, f"/v2/{name}/blobs/{manifest.config.digest}")
    manifest.config.verify(config)
    pulled = {}
    for item in manifest.layers:
        content = _get(server, f"/v2/{name}/blobs/{item.digest}")
        item.verify(content)
        pulled[str(item.digest)] = content
    return manifest, raw, pulled


def test_docker_model_round_trip(server: RegistryServer, tmp_path: Path) -> None:
    gguf, header = small_gguf()
    layers = [
        models.describe_file(gguf, models.DOCKER_GGUF, path="tiny.gguf", mtime=MTIME),
        models.describe_file(LICENSE, models.DOCKER_LICENSE, path="LICENSE", mtime=MTIME),
        models.describe_file(TEMPLATE, models.DOCKER_CHAT_TEMPLATE, path="template.jinja", mtime=MTIME),
    ]
    built = models.build_docker_model(layers, models.gguf_model_config(header), created="2025-06-15T12:00:00Z")
    blobs = {str(d.digest): c for d, c in zip(layers, (gguf, LICENSE, TEMPLATE), strict=True)}

    manifest, raw, pulled = push_and_read_back(server, tmp_path, "models/docker-tiny", built, blobs)

    assert raw == built.manifest and models.model_id(raw) == built.model_id  # the model's ID survives
    assert models.check_model_compatibility(manifest) is models.ModelFamily.DOCKER
    infos = [models.classify_layer(item) for item in manifest.layers]
    assert [(i.kind, i.format) for i in infos] == [
        (models.LayerKind.WEIGHTS, "gguf"),
        (models.LayerKind.LICENSE, None),
        (models.LayerKind.TEMPLATE, None),
    ]
    assert models.parse_gguf_header(pulled[str(manifest.layers[0].digest)]) == header
    config = models.parse_docker_model_config(_get(server, f"/v2/models/docker-tiny/blobs/{manifest.config.digest}"))
    assert config.config.context_size == 2048 and config.config.quantization == "F32"
    assert config.rootfs.diff_ids == tuple(d.digest for d in layers)
    summary = models.summarize_model(manifest, config)
    assert [f.path for f in summary.weights] == ["tiny.gguf"] and summary.format == "gguf"
    assert [f.path for f in models.model_layout(manifest).files] == ["tiny.gguf", "LICENSE", "template.jinja"]


def test_modelpack_model_round_trip(server: RegistryServer, tmp_path: Path) -> None:
    gguf, _ = small_gguf()
    layers = [
        models.describe_file(gguf, models.MODELPACK_WEIGHT_RAW, path="tiny.gguf", mtime=MTIME),
        models.describe_file(LICENSE, models.MODELPACK_DOC_RAW, path="LICENSE", mtime=MTIME),
        models.describe_file(TEMPLATE, models.MODELPACK_WEIGHT_CONFIG_RAW, path="template.jinja", mtime=MTIME),
    ]
    config = models.ModelPackModelConfig(architecture="llama", format="gguf", param_size="32", precision="float32")
    built = models.build_modelpack_model(
        layers,
        created="2025-06-15T12:00:00Z",
        config=config,
        descriptor=models.ModelPackDescriptor(name="tiny-test", licenses=("Apache-2.0",)),
    )
    blobs = {str(d.digest): c for d, c in zip(layers, (gguf, LICENSE, TEMPLATE), strict=True)}

    manifest, raw, pulled = push_and_read_back(server, tmp_path, "models/modelpack-tiny", built, blobs)

    assert raw == built.manifest
    assert manifest.artifact_type == models.MODELPACK_ARTIFACT_TYPE
    assert models.check_model_compatibility(manifest) is models.ModelFamily.MODELPACK
    parsed = models.validate_modelpack_config(
        _get(server, f"/v2/models/modelpack-tiny/blobs/{manifest.config.digest}")
    )
    assert parsed.config == config and parsed.modelfs.diff_ids == tuple(d.digest for d in layers)
    infos = [models.classify_layer(item, model_format=parsed.config.format) for item in manifest.layers]
    assert [(i.kind, i.format, i.family) for i in infos] == [
        (models.LayerKind.WEIGHTS, "gguf", models.ModelFamily.MODELPACK),
        (models.LayerKind.LICENSE, None, models.ModelFamily.MODELPACK),
        (models.LayerKind.TEMPLATE, None, models.ModelFamily.MODELPACK),
    ]
    assert models.parse_gguf_header(pulled[str(manifest.layers[0].digest)]).parameter_count == 32
    assert [models.docker_media_type(i.media_type, model_format="gguf", filepath=i.filepath or "") for i in infos] == [
        models.DOCKER_GGUF,
        models.DOCKER_LICENSE,
        models.DOCKER_CHAT_TEMPLATE,
    ]
    assert json.loads(raw)["config"]["mediaType"] == models.MODELPACK_CONFIG
