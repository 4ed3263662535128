"""The web server's limits: how much it keeps in memory, how many threads compute, and how many different
``as_of`` dates one client may ask for in a minute (each new date is a full recalculation)."""

from __future__ import annotations

import datetime as dt
import math
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class WebLimits:
    """Read from ``DXTRACK_WEB_<FIELD>`` environment variables (upper case), e.g. ``DXTRACK_WEB_THREADS=2``."""

    threads: int = 1
    """Threads computing assessments and pages (cached pages never wait for them). The computations are Python
    holding the GIL, so more threads add little speed but take the GIL from the event loop more often."""
    compute_nice: int = 10
    """Niceness (0–19) of the computing threads (Linux): the event loop answering cached pages gets the CPU
    first; 0 leaves them at the server's priority."""
    queued: int = 8
    """Computations waiting or running at once; a request finding no room waits for some (``queue_wait``)."""
    queue_wait: int = 10
    """Seconds a request waits for room in the queue before a 503 with Retry-After."""
    page_entries: int = 512
    """Rendered pages kept."""
    page_mb: int = 64
    """Megabytes of rendered pages kept."""
    result_entries: int = 32
    """Computed results kept (an assessment of every target as of a date, a board, …)."""
    as_of_per_minute: int = 30
    """Different ``as_of`` dates one client (IP address) may ask for within 60 seconds."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> WebLimits:
        source = os.environ if env is None else env
        values: dict[str, int] = {}
        for f in fields(cls):
            raw = source.get(f"DXTRACK_WEB_{f.name.upper()}")
            if raw:
                number, lowest = int(raw), 0 if f.name == "compute_nice" else 1
                if number < lowest:
                    raise ValueError(f"DXTRACK_WEB_{f.name.upper()} must be at least {lowest}, not {raw}")
                values[f.name] = number
        return cls(**values)


class AsOfLimiter:
    """At most ``per_minute`` different dates per client within any 60 s; a date already counted in that
    minute is free to ask again. Remembers at most ``max_clients`` clients (the least recent are forgotten)."""

    WINDOW = 60.0

    def __init__(
        self, per_minute: int, *, max_clients: int = 10_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.per_minute = per_minute
        self.max_clients = max_clients
        self._clock = clock
        self._seen: OrderedDict[str, dict[dt.date, float]] = OrderedDict()
        self._lock = threading.Lock()

    def admit(self, client: str, day: dt.date) -> int | None:
        """None when ``client`` may have ``day``; otherwise the seconds to wait before asking again."""
        now = self._clock()
        with self._lock:
            days = self._seen.pop(client, {})
            days = {d: t for d, t in days.items() if now - t < self.WINDOW}
            self._seen[client] = days
            while len(self._seen) > self.max_clients:
                self._seen.popitem(last=False)
            if day in days:
                return None
            if len(days) >= self.per_minute:
                return max(1, math.ceil(min(days.values()) + self.WINDOW - now))
            days[day] = now
            return None
