"""Per-app state: the engine, the content pack, the data folder and a small result cache.

Created by :func:`dxtrack.web.app.create_app` (never at import time) and stored on ``app.state.dx``.
Pages and the API read the typed results of the services through :meth:`WebState.cached`, keyed on the data
stamp (nothing is cached at module level, and the cache lives and dies with the app).
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

STAMP_TTL = 1.0  # seconds


@dataclass
class WebState:
    """Everything a request needs; one instance per app."""

    engine: Engine
    pack: ContentPack
    data_dir: Path | None
    _cache: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stamp: tuple[Any, ...] | None = None
    _stamp_at: float = 0.0

    def data_stamp(self) -> tuple[Any, ...]:
        """A cheap fingerprint of the data: the newest observation and evidence ids (both tables are
        append-only, so any change raises one). Looked up at most once a second; results are keyed on it."""
        now = time.monotonic()
        if self._stamp is not None and now - self._stamp_at < STAMP_TTL:
            return self._stamp
        stamp = latest_ids(self.engine)
        self._stamp, self._stamp_at = stamp, now
        return stamp

    def cached(self, key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
        """``build()`` memoised on ``key`` plus the data stamp (at most 256 entries kept, oldest dropped)."""
        full = (*key, self.data_stamp())
        with self._lock:
            if full in self._cache:
                return self._cache[full]
        value = build()
        with self._lock:
            if len(self._cache) >= 256:
                self._cache.pop(next(iter(self._cache)))
            self._cache[full] = value
        return value

    def assessments(self, as_of: dt.date | None) -> dict[str, Assessment]:
        """The typed assessment of every target keyed by target id (never stored: page views do not write)."""

        def build() -> dict[str, Assessment]:
            return {a.target: a for a in assess_results(self.engine, self.pack, as_of, store=False)}

        result: dict[str, Assessment] = self.cached(("assess_all", as_of), build)
        return result

    def board(self, as_of: dt.date | None) -> dict[str, Any]:
        """The board rows with their typed assessments (:func:`dxtrack.services.board.board`)."""
        result: dict[str, Any] = self.cached(
            ("board", as_of), lambda: board(self.engine, self.pack, as_of, self.assessments(as_of))
        )
        return result

    def assessment_detail(self, target_id: str, as_of: dt.date | None) -> Assessment:
        """One target's assessment with its series, required path and forecast fan."""

        def build() -> Assessment:
            return target_assessment(self.engine, self.pack, target_id, as_of)

        result: Assessment = self.cached(("assess_target", target_id, as_of), build)
        return result
