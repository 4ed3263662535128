"""Per-app state: the engine, the content pack, the data folder and a small result cache.

Created by :func:`dxtrack.web.app.create_app` (never at import time) and stored on ``app.state.dx``.
The assessment service is optional: until ``dxtrack.services.assess`` exists, pages show data only.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy import Engine, func, select

from dxtrack.domain.catalog import ContentPack
from dxtrack.store import schema

STAMP_TTL = 1.0  # seconds


@dataclass
class WebState:
    """Everything a request needs; one instance per app."""

    engine: Engine
    pack: ContentPack
    data_dir: Path | None
    _cache: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _assess: ModuleType | None = None
    _assess_checked_at: float = 0.0
    _stamp: tuple[Any, ...] | None = None
    _stamp_at: float = 0.0

    def data_stamp(self) -> tuple[Any, ...]:
        """A cheap fingerprint of the data: the newest observation and evidence ids (both tables are
        append-only, so any change raises one). Looked up at most once a second; results are keyed on it."""
        now = time.monotonic()
        if self._stamp is not None and now - self._stamp_at < STAMP_TTL:
            return self._stamp
        obs, ev = schema.observation, schema.evidence
        with self.engine.connect() as conn:
            stamp = (
                conn.execute(select(func.max(obs.c.id))).scalar(),
                conn.execute(select(func.max(ev.c.id))).scalar(),
            )
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

    def assess_module(self) -> ModuleType | None:
        """``dxtrack.services.assess`` once it exists (looked for at most every 30 s), else None."""
        if self._assess is not None:
            return self._assess
        now = time.monotonic()
        if self._assess_checked_at and now - self._assess_checked_at < 30:
            return None
        self._assess_checked_at = now
        try:
            module = importlib.import_module("dxtrack.services.assess")
        except ImportError:
            return None
        if not hasattr(module, "assess_all"):
            return None
        self._assess = module
        return module

    def assessments(self, as_of: dt.date | None) -> dict[str, dict[str, Any]] | None:
        """Assessment of every target keyed by target id, or None when the service is not available."""
        module = self.assess_module()
        if module is None:
            return None

        def build() -> dict[str, dict[str, Any]]:
            results = module.assess_all(self.engine, self.pack, as_of=as_of, **self._no_store(module.assess_all))
            return {str(r["target"]): normalise_assessment(r) for r in results}

        result: dict[str, dict[str, Any]] = self.cached(("assess_all", as_of), build)
        return result

    def assessment_detail(self, target_id: str, as_of: dt.date | None) -> dict[str, Any] | None:
        """One target's assessment with trajectory, forecast fan and peer ranks (``assess_target``)."""
        module = self.assess_module()
        if module is None or not hasattr(module, "assess_target"):
            return None

        def build() -> dict[str, Any]:
            return normalise_assessment(module.assess_target(self.engine, self.pack, target_id, as_of=as_of))

        result: dict[str, Any] = self.cached(("assess_target", target_id, as_of), build)
        return result

    @staticmethod
    def _no_store(func: Callable[..., Any]) -> dict[str, Any]:
        """``store=False`` when the service can store runs: page views must not write to the database."""
        return {"store": False} if "store" in inspect.signature(func).parameters else {}


def normalise_assessment(a: dict[str, Any]) -> dict[str, Any]:
    """The assessment dict with ``trajectory``, ``forecast`` and ``peer_ranks`` always present as lists.

    ``peer_ranks`` come from ``extra.editions`` ({period, rank, n_ranked, missing}) when not given directly;
    the trajectory from ``extra.trajectory.gaps`` ({year, path}).
    """
    out = dict(a)
    extra = out.get("extra") or {}
    if not out.get("peer_ranks"):
        out["peer_ranks"] = extra.get("editions") or []
    out["peer_ranks"] = [
        {
            "edition": e.get("edition", e.get("period")),
            "rank": e.get("rank"),
            "n": e.get("n", e.get("n_ranked")),
            "value": e.get("value"),
            "missing": list(e.get("missing") or []),
        }
        for e in out["peer_ranks"]
    ]
    if not out.get("trajectory"):
        gaps = (extra.get("trajectory") or {}).get("gaps") or []
        out["trajectory"] = [{"year": g["year"], "value": g["path"]} for g in gaps if g.get("path") is not None]
    out["forecast"] = list(out.get("forecast") or [])
    return out
