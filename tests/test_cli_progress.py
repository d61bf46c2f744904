"""The tool's progress arithmetic (oci_core._cli_progress): units, rates, time left, throttling."""

from __future__ import annotations

from oci_core._cli_progress import REDRAW_INTERVAL, Meter, human_bytes, human_duration


def test_human_units() -> None:
    assert [human_bytes(n) for n in (0, 1023, 1024, 10 << 20, 3 << 40, 1 << 60)] == [
        "0 B", "1023 B", "1.0 KiB", "10.0 MiB", "3.0 TiB", "1024.0 PiB"]
    durations = [human_duration(s) for s in (0, 59.4, 60, 3599, 3600, -3)]
    assert durations == ["0:00", "0:59", "1:00", "59:59", "1:00:00", "0:00"]


def test_a_meter_draws_rate_and_time_left_and_throttles() -> None:
    meter = Meter("layer", total=100 << 20, started=10.0)
    assert meter.update(0, now=10.0) == "layer  0 B / 100.0 MiB"
    assert meter.update(1, now=10.0 + REDRAW_INTERVAL / 2) is None
    assert meter.update(50 << 20, now=15.0) == "layer  50.0 MiB / 100.0 MiB  10.0 MiB/s  0:05 left"
    assert meter.line(100 << 20, now=20.0) == "layer  100.0 MiB / 100.0 MiB  10.0 MiB/s"
    assert meter.finish(100 << 20, now=20.0) == "layer  100.0 MiB in 0:10, 10.0 MiB/s"


def test_a_meter_without_a_total_shows_no_time_left() -> None:
    meter = Meter("stdin", total=None, started=0.0)
    assert meter.line(3 << 20, now=1.0) == "stdin  3.0 MiB  3.0 MiB/s"
    assert meter.finish(0, now=0.0) == "stdin  0 B in 0:00"
