"""Peer measurements for bench_auth.py (oras-py, docker-py); runs inside benchmarks/.venv.

    peers_auth.py CHALLENGE CONFIG_PATH

Prints one JSON object {row name: µs}, timed with the loop bench_auth.py uses
(the fastest of alternating blocks), over the same challenge and config file.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable


def fastest_us(function: Callable[[], object], number: int = 2000, blocks: int = 15) -> float:
    best = float("inf")
    for _ in range(blocks):
        started = time.process_time_ns()
        for _ in range(number):
            function()
        best = min(best, (time.process_time_ns() - started) / number / 1000)
    return best


def main() -> None:
    challenge, config_path = sys.argv[1], sys.argv[2]
    with open(config_path, "rb") as handle:
        raw = handle.read()
    results: dict[str, float] = {}
    try:
        import oras.auth.token
        import oras.auth.utils
    except ImportError:
        pass
    else:
        results["Docker Hub challenge: oras-py parse_auth_header, µs"] = fastest_us(
            lambda: oras.auth.utils.parse_auth_header(challenge)
        )
        token = oras.auth.token.TokenAuth()
        token.set_token_auth("x" * 900)
        results["manifest GET: oras-py TokenAuth.get_auth_header (no checks), µs"] = fastest_us(token.get_auth_header)

        def oras_lookup() -> object:
            backend = oras.auth.token.TokenAuth()
            backend._auth_config = json.loads(raw)
            return backend._load_auth("registry49.example.com")

        results["config.json, 50 entries: oras-py json.loads + _load_auth, µs"] = fastest_us(oras_lookup, 300)
    try:
        import docker.auth
    except ImportError:
        pass
    else:

        def docker_lookup() -> object:
            config = docker.auth.load_config(config_dict=json.loads(raw))
            return docker.auth.resolve_authconfig(config, "registry49.example.com")

        assert docker_lookup()["username"] == "user49"  # type: ignore[index]
        results["config.json, 50 entries: docker-py load_config + resolve_authconfig, µs"] = fastest_us(
            docker_lookup, 300
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
