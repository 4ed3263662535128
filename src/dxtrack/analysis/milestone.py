"""Qualitative / milestone targets: the status is the latest assessor's judgement, never inferred."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dxtrack.analysis.status import TargetResult, insufficient
from dxtrack.domain.status import Reason

METHOD_NAME = "milestone"
METHOD_VERSION = "latest-judgement-1"


@dataclass(frozen=True)
class Evidence:
    """One evidence record: what was seen, where, and who judged it how."""

    date: dt.date
    text: str
    assessor: str
    judgement: str
    link: str | None = None
    id: Any = None

    @classmethod
    def from_mapping(cls, m: Mapping[str, Any]) -> Evidence:
        d = m["date"]
        date = d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)[:10])
        return cls(
            date=date,
            text=str(m.get("text", "")),
            assessor=str(m["assessor"]),
            judgement=str(m["judgement"]),
            link=m.get("link"),
            id=m.get("id"),
        )


def judge_milestone(
    evidence: Sequence[Evidence | Mapping[str, Any]],
    *,
    deadline: int | None = None,
) -> TargetResult:
    """Latest judgement wins (ties: the later record in the list); no evidence → insufficient data."""
    records = [e if isinstance(e, Evidence) else Evidence.from_mapping(e) for e in evidence]
    if not records:
        return insufficient(
            "no evidence recorded",
            Reason("no_evidence"),
            method=METHOD_NAME,
            method_version=METHOD_VERSION,
            deadline=deadline,
        )
    latest_i = max(range(len(records)), key=lambda i: (records[i].date, i))
    latest = records[latest_i]
    history = [
        {"date": r.date.isoformat(), "assessor": r.assessor, "judgement": r.judgement, "link": r.link}
        for r in sorted(records, key=lambda r: r.date)
    ]
    return TargetResult(
        status=latest.judgement,
        detail=f"{latest.judgement} — judged by {latest.assessor} on {latest.date.isoformat()}: {latest.text}",
        method=METHOD_NAME,
        method_version=METHOD_VERSION,
        deadline=deadline,
        obs_ids=tuple(r.id for r in records if r.id is not None),
        judged_by=latest.assessor,
        judged_on=latest.date.isoformat(),
        extra={"evidence": history, "link": latest.link},
    )
