"""The typed assessment result that travels unchanged from the services to the CLI, the web and the report.

:class:`Assessment` is one target's judgement joined with what the catalogue says about the target; its
:meth:`Assessment.to_dict` is the one JSON serialiser (the keys of every JSON output that existed before:
``target``, ``status``, ``reason``, ``latest``, ``probability``…, plus ``reason_code``/``reason_params``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from dxtrack.analysis.status import Point, Projection, TargetResult
from dxtrack.domain.catalog import Target
from dxtrack.domain.status import Reason, Status


@dataclass(frozen=True)
class YearValue:
    year: int
    value: float


@dataclass(frozen=True)
class SeriesPoint:
    """A year of the target's series: its value, the period it was read from, and whether the year is partial."""

    year: int
    value: float
    period: str | None = None
    partial: bool = False


@dataclass(frozen=True)
class FanPoint:
    """A forecast year: median and 80 %/95 % intervals."""

    year: int
    value: float
    lo80: float | None = None
    hi80: float | None = None
    lo95: float | None = None
    hi95: float | None = None


@dataclass(frozen=True)
class PeerRank:
    """The focus area's rank within the target's peer group in one edition."""

    edition: int | str
    rank: float | None
    n: int | None = None
    value: float | None = None
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class RunInfo:
    """What a run was computed on: the as-of date and the hashes of catalogue and data."""

    as_of: str
    catalogue_hash: str
    data_hash: str
    method_version: str


@dataclass(frozen=True)
class Assessment:
    """One target's assessment. ``reason`` is the English message, ``reason_code``/``reason_params`` the
    same reason as a code that interfaces render in their language."""

    target: str
    kind: str
    indicator: str | None
    area: str
    status: str
    detail: str
    reason: str | None
    reason_code: str | None
    reason_params: Mapping[str, Any] | None
    baseline: Point | None
    latest: Point | None
    comparator: str
    target_value: float | None
    unit: str | None
    deadline: int | None
    peer_group: str | None
    share_covered: float | None
    growth_actual: float | None
    growth_required: float | None
    score: float | None
    progress_value: float | None
    projection: Projection | None
    probability: float | None
    judged_by: str | None
    judged_on: str | None
    method: str
    method_version: str
    observation_ids: tuple[int, ...]
    extra: Mapping[str, Any] = field(default_factory=dict)
    run: RunInfo | None = None
    window: tuple[int, int] | None = None
    # the target page's detail (filled by ``assess_target``)
    series: tuple[SeriesPoint, ...] = ()
    trajectory_path: tuple[YearValue, ...] | None = None
    forecast: tuple[FanPoint, ...] = ()
    quote_vi: str | None = None
    gloss_en: str | None = None
    evidence: tuple[Mapping[str, Any], ...] | None = None

    @classmethod
    def of(cls, target: Target, result: TargetResult) -> Assessment:
        """The assessment of ``target`` from the analysis's result."""
        return cls(
            target=target.id,
            kind=target.kind.value,
            indicator=target.indicator,
            area=target.area,
            status=result.status,
            detail=result.detail,
            reason=result.missing,
            reason_code=None if result.reason is None else result.reason.code,
            reason_params=None if result.reason is None else dict(result.reason.params),
            baseline=result.baseline,
            latest=result.latest,
            comparator=target.comparator.value,
            target_value=target.value,
            unit=target.unit,
            deadline=target.deadline,
            peer_group=target.peer_group,
            share_covered=_finite(result.share_covered),
            growth_actual=_finite(result.actual_growth),
            growth_required=_finite(result.required_growth),
            score=_finite(result.score),
            progress_value=_finite(result.progress_value),
            projection=result.projection,
            probability=_finite(result.probability),
            judged_by=result.judged_by,
            judged_on=result.judged_on,
            method=result.method,
            method_version=result.method_version,
            observation_ids=tuple(
                int(i) for i in result.obs_ids if i is not None and not isinstance(i, str) and i == i
            ),
            extra=_clean(dict(result.extra)),
            window=(int(target.window[0]), int(target.window[1])) if target.window else None,
        )

    @property
    def status_enum(self) -> Status | None:
        """The status as one of the eight, or None for a milestone judgement word."""
        return Status.parse(self.status)

    @property
    def why(self) -> Reason | None:
        """The reason as a code with parameters (None when the target could be judged)."""
        if not self.reason_code:
            return None
        return Reason(self.reason_code, dict(self.reason_params or {}))

    @property
    def peer_ranks(self) -> list[PeerRank]:
        """The rank in each edition (rank targets); a stored non-whole rank (from before import checks) is none."""
        return [
            PeerRank(
                edition=e.get("period"),
                rank=_whole(e.get("rank")),
                n=e.get("n_ranked"),
                value=e.get("value"),
                missing=tuple(e.get("missing") or ()),
            )
            for e in (self.extra.get("editions") or [])
        ]

    @property
    def latest_peer_rank(self) -> PeerRank | None:
        """The latest edition in which the area has a rank within its peer group."""
        ranked = [p for p in self.peer_ranks if p.rank is not None]
        return ranked[-1] if ranked else None

    @property
    def trajectory(self) -> list[YearValue]:
        """The required path: the detail's yearly path when computed, else the path of the assessment's gaps."""
        if self.trajectory_path:
            return list(self.trajectory_path)
        gaps = (self.extra.get("trajectory") or {}).get("gaps") or []
        return [YearValue(int(g["year"]), float(g["path"])) for g in gaps if g.get("path") is not None]

    def with_run(self, run: RunInfo) -> Assessment:
        return replace(self, run=run)

    def to_dict(self) -> dict[str, Any]:
        """The one JSON form (the keys every JSON output has always had, in that order)."""
        out: dict[str, Any] = {
            "target": self.target,
            "kind": self.kind,
            "indicator": self.indicator,
            "area": self.area,
            "status": self.status,
            "detail": self.detail,
            "reason": self.reason,
            "reason_code": self.reason_code,
            "reason_params": None if self.reason_params is None else dict(self.reason_params),
            "baseline": _plain(self.baseline),
            "latest": _plain(self.latest),
            "comparator": self.comparator,
            "target_value": self.target_value,
            "unit": self.unit,
            "deadline": self.deadline,
            "peer_group": self.peer_group,
            "share_covered": self.share_covered,
            "growth_actual": self.growth_actual,
            "growth_required": self.growth_required,
            "score": self.score,
            "progress_value": self.progress_value,
            "projection": _plain(self.projection),
            "probability": self.probability,
            "judged_by": self.judged_by,
            "judged_on": self.judged_on,
            "method": self.method,
            "method_version": self.method_version,
            "observation_ids": list(self.observation_ids),
            "extra": _clean(dict(self.extra)),
        }
        if self.run is not None:
            out["run"] = _plain(self.run)
        if self.evidence is not None:  # the target detail: series, required path, forecast fan, editions
            out["quote_vi"] = self.quote_vi
            out["gloss_en"] = self.gloss_en
            out["evidence"] = [dict(e) for e in self.evidence]
            out["series"] = [_plain(p) for p in self.series]
            out["trajectory"] = [_plain(p) for p in (self.trajectory_path or ())]
            out["forecast"] = [_plain(p) for p in self.forecast]
            out["peer_ranks"] = list(self.extra.get("editions") or [])
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Assessment:
        """Back from :meth:`to_dict` (e.g. a stored run's results)."""

        def point(d: Any) -> Point | None:
            return None if not d else Point(str(d["period"]), float(d["value"]))

        proj = data.get("projection")
        run = data.get("run")
        return cls(
            target=str(data["target"]),
            kind=str(data["kind"]),
            indicator=data.get("indicator"),
            area=str(data.get("area") or ""),
            status=str(data["status"]),
            detail=str(data.get("detail") or ""),
            reason=data.get("reason"),
            reason_code=data.get("reason_code"),
            reason_params=data.get("reason_params"),
            baseline=point(data.get("baseline")),
            latest=point(data.get("latest")),
            comparator=str(data.get("comparator") or ""),
            target_value=data.get("target_value"),
            unit=data.get("unit"),
            deadline=data.get("deadline"),
            peer_group=data.get("peer_group"),
            share_covered=data.get("share_covered"),
            growth_actual=data.get("growth_actual"),
            growth_required=data.get("growth_required"),
            score=data.get("score"),
            progress_value=data.get("progress_value"),
            projection=Projection(**proj) if proj else None,
            probability=data.get("probability"),
            judged_by=data.get("judged_by"),
            judged_on=data.get("judged_on"),
            method=str(data.get("method") or ""),
            method_version=str(data.get("method_version") or ""),
            observation_ids=tuple(data.get("observation_ids") or ()),
            extra=dict(data.get("extra") or {}),
            run=RunInfo(**run) if run else None,
        )


def _finite(x: float | None) -> float | None:
    return None if x is None or (isinstance(x, float) and not math.isfinite(x)) else x


def _clean(x: Any) -> Any:
    if isinstance(x, float) and not math.isfinite(x):
        return None
    if isinstance(x, dict):
        return {k: _clean(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_clean(v) for v in x]
    return x


def _plain(x: Any) -> Any:
    if x is None:
        return None
    return _clean(asdict(x))


def as_dicts(results: Sequence[Assessment]) -> list[dict[str, Any]]:
    """The JSON form of a list of assessments."""
    return [r.to_dict() for r in results]


def _whole(rank: object) -> int | None:
    """A rank as a whole number; None for a value that is not one (stored before ranks were checked at import)."""
    if isinstance(rank, int | float) and float(rank).is_integer():
        return int(rank)
    return None
