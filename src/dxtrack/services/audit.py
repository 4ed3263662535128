"""Verifying the audit trail: the hash chain is unbroken and every record it covers is as the chain says."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dxtrack.store import Engine
from dxtrack.store import audit as stored


@dataclass(frozen=True)
class AuditProblem:
    """One thing found wrong: its kind (see ``dxtrack.store.audit.check``), the event and the record it concerns."""

    kind: str
    event: int | None
    entity: str | None
    entity_id: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "event": self.event, "entity": self.entity, "entity_id": self.entity_id}


@dataclass(frozen=True)
class AuditReport:
    events: int
    records_checked: int
    head: str
    problems: list[AuditProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "events": self.events,
            "records_checked": self.records_checked,
            "head": self.head,
            "first_problem": self.problems[0].to_dict() if self.problems else None,
            "problems": [p.to_dict() for p in self.problems],
        }


def verify(engine: Engine) -> AuditReport:
    """Walk the whole chain and re-hash every record it covers (one consistent read)."""
    with engine.connect() as conn:
        problems, summary = stored.check(conn)
    return AuditReport(
        events=int(summary["events"]),
        records_checked=int(summary["records_checked"]),
        head=str(summary["head"]),
        problems=[AuditProblem(**p) for p in problems],
    )
