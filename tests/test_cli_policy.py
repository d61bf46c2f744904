"""The tool's pure policies (oci_core._cli_policy): exit statuses and retries."""

from __future__ import annotations

import pytest

from oci_core import errors
from oci_core._cli_policy import (
    BACKOFF,
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_NETWORK,
    MAX_RETRY_AFTER,
    RETRY_STATUSES,
    NetworkError,
    exit_status,
    retry_delay,
)


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (NetworkError("refused"), EXIT_NETWORK),
        (KeyboardInterrupt(), EXIT_INTERRUPTED),
        (errors.InvalidManifestError("bad", pointer="/layers"), EXIT_INVALID),
        (errors.NotFoundError("gone", status=404), EXIT_INVALID),
        (errors.TooManyRequestsError("slow", status=429, temporary=True), EXIT_NETWORK),
        (errors.RegistryError("down", status=503, temporary=True), EXIT_NETWORK),
        (FileNotFoundError("x"), EXIT_INVALID),
        (ValueError("--continue needs -o"), EXIT_INVALID),
        (RuntimeError("a bug"), EXIT_INVALID),
    ],
)
def test_exit_statuses(error: BaseException, status: int) -> None:
    assert exit_status(error) == status


def test_retry_after_is_honoured_up_to_the_cap() -> None:
    assert retry_delay(0, 3, status=429, retry_after=2.5) == 2.5
    assert retry_delay(0, 3, status=503, retry_after=MAX_RETRY_AFTER) == MAX_RETRY_AFTER
    assert retry_delay(0, 3, status=503, retry_after=MAX_RETRY_AFTER + 1) is None
    assert retry_delay(0, 3, status=429, retry_after=-5.0) == 0.0


def test_backoff_grows_and_stops_at_the_bound() -> None:
    waits = [retry_delay(attempt, 10, status=503) for attempt in range(10)]
    assert waits[: len(BACKOFF)] == list(BACKOFF)
    assert waits[len(BACKOFF):] == [BACKOFF[-1]] * (10 - len(BACKOFF))
    assert retry_delay(3, 3, status=503) is None
    assert retry_delay(0, 0, status=503) is None


@pytest.mark.parametrize("status", sorted(RETRY_STATUSES))
def test_try_later_statuses_are_retried(status: int) -> None:
    assert retry_delay(0, 1, status=status) == BACKOFF[0]


@pytest.mark.parametrize("status", [400, 401, 403, 404, 405, 409, 416, 501])
def test_refusals_are_not_retried(status: int) -> None:
    assert retry_delay(0, 3, status=status, retry_after=1.0) is None


def test_broken_connections_retry_idempotent_methods_only() -> None:
    assert retry_delay(0, 3, method="GET") == BACKOFF[0]
    assert retry_delay(0, 3, method="PUT") == BACKOFF[0]
    assert retry_delay(0, 3, method="POST") is None
    assert retry_delay(0, 3, method="PATCH") is None


def test_network_errors_say_whether_asking_again_helps() -> None:
    assert NetworkError("reset").transient and not NetworkError("no such host", transient=False).transient
