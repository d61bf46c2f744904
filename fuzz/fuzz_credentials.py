"""Fuzz credential files: docker config.json and podman auth.json give an answer or an OCIError, nothing else."""

from __future__ import annotations

from _harness import document_seeds, instrumented, main, refused_or

with instrumented():
    from oci_core import credentials

REGISTRIES = ("docker.io", "registry.example:5000", "quay.io")


def test_one_input(data: bytes) -> None:
    for registry in REGISTRIES:
        refused_or(lambda: credentials.resolve_credentials(data, registry))  # noqa: B023 - called at once
        refused_or(lambda: credentials.resolve_auth_json(data, registry))  # noqa: B023
    call = credentials.helper_get("desktop", "registry.example")
    for status in (0, 1):
        refused_or(lambda: credentials.read_helper_get(call, data, status))  # noqa: B023


if __name__ == "__main__":
    main(test_one_input, document_seeds)
