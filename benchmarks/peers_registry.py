"""oras-py moving the bench blob; runs inside benchmarks/.venv, started by bench_registry.py.

    peers_registry.py HOST:PORT BLOB_PATH DIGEST CHUNK RUNS

Prints one JSON object {row name: MB/s}: the best of RUNS chunked uploads
(``Registry.chunked_upload``, the given chunk size) and downloads
(``Registry.download_blob`` to a file next to the blob).
"""

from __future__ import annotations

import json
import os
import sys
import time


def main() -> None:
    host, path, digest, chunk, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    import oras.provider

    registry = oras.provider.Registry(host, insecure=True)
    container = registry.get_container(f"{host}/bench/oras:latest")
    size = os.path.getsize(path)
    layer = {"digest": digest, "size": size, "mediaType": "application/octet-stream"}
    out = path + ".pulled"
    push = pull = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        response = registry.chunked_upload(path, container, layer, chunk_size=chunk)
        push = min(push, time.perf_counter() - started)
        if response.status_code != 201:
            raise SystemExit(f"oras push failed: {response.status_code}")
        started = time.perf_counter()
        registry.download_blob(container, digest, out)
        pull = min(pull, time.perf_counter() - started)
    if os.path.getsize(out) != size:
        raise SystemExit("oras pull: wrong size")
    print(json.dumps({
        "64 MiB push, 8 MiB chunks: oras-py chunked_upload, MB/s": size / push / 1e6,
        "64 MiB pull: oras-py download_blob (to tmpfs, no digest check), MB/s": size / pull / 1e6,
    }))


if __name__ == "__main__":
    main()
