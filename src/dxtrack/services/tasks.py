"""The implementation view: policy groups with their tasks, the bodies and their duties, the evidence."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dxtrack.domain.catalog import ContentPack
from dxtrack.services.records import evidence as evidence_records
from dxtrack.store import Engine


def tasks(engine: Engine, pack: ContentPack, as_of: dt.date | None) -> dict[str, Any]:
    """Policy groups with their tasks (lead and co-operating bodies apart when the pack names them), the bodies
    with their duties and how many tasks each leads or co-operates on, and all evidence recorded."""
    bodies = {b.id: b for b in pack.bodies}
    targets = {t.id: t for t in pack.targets}
    groups = [
        {
            "group": g,
            "tasks": [
                {
                    "task": task,
                    "bodies": [bodies[b] for b in task.bodies if b in bodies],
                    "leads": [bodies[b] for b in task.leads if b in bodies],
                    "cooperating": [bodies[b] for b in task.cooperating if b in bodies],
                    "unknown_bodies": [b for b in task.bodies if b not in bodies],
                    "targets": [targets[x] for x in task.targets if x in targets],
                }
                for task in g.tasks
            ],
        }
        for g in pack.policy_groups
    ]
    share = {b: {"leads": 0, "cooperates": 0} for b in bodies}
    for g in pack.policy_groups:
        for task in g.tasks:
            for b in set(task.leads) & share.keys():
                share[b]["leads"] += 1
            for b in set(task.cooperating) & share.keys():
                share[b]["cooperates"] += 1
    return {
        "groups": groups,
        "bodies": list(pack.bodies),
        "share": share,
        "evidence": evidence_records(engine, None, as_of),
    }
