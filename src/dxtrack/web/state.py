"""Per-app state: the engine, the content pack, the data folder, the bounded result cache and the limits.

Created by :func:`dxtrack.web.app.create_app` (never at import time) and stored on ``app.state.dx``.
Pages and the API read the typed results of the services through :meth:`WebState.cached`, keyed on a
normalised key plus the data stamp; every computation runs once per key on the bounded pool of
:class:`dxtrack.web.cache.Computer` (nothing is cached at module level; the cache lives and dies with the app).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dxtrack.domain.catalog import ContentPack
from dxtrack.services.assess import assess_results, target_assessment
from dxtrack.services.board import board
from dxtrack.services.results import Assessment
from dxtrack.store import Engine
from dxtrack.store.repository import latest_ids
from dxtrack.web.cache import Computer, Key, Lru
from dxtrack.web.limits import AsOfLimiter, WebLimits

STAMP_TTL = 1.0  # seconds


@dataclass
class WebState:
    """Everything a request needs; one instance per app."""

    engine: Engine
    pack: ContentPack
    data_dir: Path | None
    limits: WebLimits = field(default_factory=WebLimits)
    computer: Computer = field(init=False)
    as_of_limiter: AsOfLimiter = field(init=False)
    _stamp_lock: threading.Lock = field(default_factory=threading.Lock)
    _stamp: tuple[Any, ...] | None = None
    _stamp_at: float = 0.0

    def __post_init__(self) -> None:
        pages = Lru(self.limits.page_entries, self.limits.page_mb * 1024 * 1024)
        results = Lru(self.limits.result_entries)
        limits = self.limits
        self.computer = Computer(limits.threads, pages, results, limits.queued, limits.queue_wait, limits.compute_nice)
        self.as_of_limiter = AsOfLimiter(self.limits.as_of_per_minute)

    def data_stamp(self) -> tuple[Any, ...]:
        """A cheap fingerprint of the data: the newest observation and evidence ids (both tables are
        append-only, so any change raises one). Looked up at most once a second; results are keyed on it."""
        now = time.monotonic()
        if self._stamp is not None and now - self._stamp_at < STAMP_TTL:
            return self._stamp
        with self._stamp_lock:
            if self._stamp is None or time.monotonic() - self._stamp_at >= STAMP_TTL:
                self._stamp, self._stamp_at = latest_ids(self.engine), time.monotonic()
            return self._stamp

    def full_key(self, key: Key) -> Key:
        """``key`` with the data stamp appended (a change in the data makes every old entry unreachable)."""
        return (*key, self.data_stamp())

    def cached(self, key: Key, build: Callable[[], Any]) -> Any:
        """``build()`` computed once per ``key`` and data stamp, kept in the bounded cache."""
        return self.computer.get(self.full_key(key), build)

    def assessments(self, as_of: dt.date | None) -> dict[str, Assessment]:
        """The typed assessment of every target keyed by target id (never stored: page views do not write)."""

        def build() -> dict[str, Assessment]:
            return {a.target: a for a in assess_results(self.engine, self.pack, as_of, store=False)}

        result: dict[str, Assessment] = self.cached(("assess_all", as_of), build)
        return result

    def board(self, as_of: dt.date | None) -> dict[str, Any]:
        """The board rows with their typed assessments (:func:`dxtrack.services.board.board`)."""
        result: dict[str, Any] = self.cached(("board", as_of), lambda: self._board(as_of))
        return result

    async def board_async(self, as_of: dt.date | None) -> dict[str, Any]:
        """:meth:`board` for the event loop (cached at once, otherwise awaited without holding a thread)."""
        key = self.full_key(("board", as_of))
        result: dict[str, Any] = await self.computer.get_async(key, lambda: self._board(as_of))
        return result

    def _board(self, as_of: dt.date | None) -> dict[str, Any]:
        return board(self.engine, self.pack, as_of, self.assessments(as_of))

    def assessment_detail(self, target_id: str, as_of: dt.date | None) -> Assessment:
        """One target's assessment with its series, required path and forecast fan."""

        def build() -> Assessment:
            return target_assessment(self.engine, self.pack, target_id, as_of)

        result: Assessment = self.cached(("assess_target", target_id, as_of), build)
        return result
