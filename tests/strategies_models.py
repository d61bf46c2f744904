"""The model strategies tests/test_models_properties.py imports, now in oci_core.strategies.

Kept only so that the models' own test module (another branch's file) runs unchanged; import
from ``oci_core.strategies`` instead, and delete this module when that import moves.
"""

from __future__ import annotations

from oci_core.strategies import (
    docker_model_configs,
    file_metadata,
    gguf_headers,
    model_layers,
    modelpack_configs,
    safetensors_headers,
)

__all__ = [
    "docker_model_configs",
    "file_metadata",
    "gguf_headers",
    "model_layers",
    "modelpack_configs",
    "safetensors_headers",
]
