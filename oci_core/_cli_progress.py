"""Progress arithmetic for the command-line tool: bytes, rate, time left (private, pure).

The shell reads the clock and writes to the terminal; a :class:`Meter` only
says what line to show and when. Lines are redrawn at most every
:data:`REDRAW_INTERVAL` seconds, so a fast transfer spends nothing on its
terminal.

>>> meter = Meter("sha256:3f1c...", total=64 << 20, started=0.0)
>>> meter.update(16 << 20, now=2.0)
'sha256:3f1c...  16.0 MiB / 64.0 MiB  8.0 MiB/s  0:06 left'
>>> meter.update(17 << 20, now=2.01) is None   # too soon to redraw
True
"""

from __future__ import annotations

from typing import Final

__all__ = ["REDRAW_INTERVAL", "Meter", "human_bytes", "human_duration"]

#: The shortest time between two redraws (seconds).
REDRAW_INTERVAL: Final = 0.1
_UNITS: Final = ("B", "KiB", "MiB", "GiB", "TiB", "PiB")


def human_bytes(count: float) -> str:
    """A byte count in binary units, one decimal past bytes.

    >>> human_bytes(512), human_bytes(1536), human_bytes(64 << 20)
    ('512 B', '1.5 KiB', '64.0 MiB')
    """
    value = float(count)
    for unit in _UNITS:
        if abs(value) < 1024 or unit == _UNITS[-1]:
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns at the last unit


def human_duration(seconds: float) -> str:
    """Seconds as ``m:ss`` or ``h:mm:ss``.

    >>> human_duration(5), human_duration(65.4), human_duration(3725)
    ('0:05', '1:05', '1:02:05')
    """
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Meter:
    """One transfer's progress: the line to draw for ``done`` bytes at ``now``.

    ``total`` is ``None`` when the size is unknown (no time left then).
    ``started`` and every ``now`` are readings of one clock (seconds).
    """

    __slots__ = ("label", "total", "started", "_shown_at")

    def __init__(self, label: str, *, total: int | None, started: float) -> None:
        self.label = label
        self.total = total
        self.started = started
        self._shown_at: float | None = None

    def line(self, done: int, now: float) -> str:
        """The progress line for ``done`` bytes at ``now`` (always, throttling aside)."""
        elapsed = now - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        moved = human_bytes(done) if self.total is None else f"{human_bytes(done)} / {human_bytes(self.total)}"
        parts = [self.label, moved]
        if rate > 0:
            parts.append(f"{human_bytes(rate)}/s")
            if self.total is not None and done < self.total:
                parts.append(f"{human_duration((self.total - done) / rate)} left")
        return "  ".join(parts)

    def update(self, done: int, now: float) -> str | None:
        """The line to draw now, or ``None`` when the last one is still fresh."""
        if self._shown_at is not None and now - self._shown_at < REDRAW_INTERVAL:
            return None
        self._shown_at = now
        return self.line(done, now)

    def finish(self, done: int, now: float) -> str:
        """The last line: the bytes moved and the mean rate, with the time it took."""
        elapsed = now - self.started
        rate = f", {human_bytes(done / elapsed)}/s" if elapsed > 0 else ""
        return f"{self.label}  {human_bytes(done)} in {human_duration(elapsed)}{rate}"
