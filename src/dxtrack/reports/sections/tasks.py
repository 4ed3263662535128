"""Annex 1, the task list: each task group's tasks with the bodies responsible (named as at the report date),
the status of the targets they serve and the latest recorded evidence (optionally only some bodies' tasks)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from dxtrack.domain.catalog import PolicyGroup
from dxtrack.errors import DxtrackError
from dxtrack.present import date_text, status_label, task_deadline
from dxtrack.present.assessment import goal_prose
from dxtrack.reports.bodies import BodyNames
from dxtrack.reports.facts import ReportFacts
from dxtrack.reports.i18n import label
from dxtrack.reports.model import BREAK, Block, Heading, Para, Row, Run, Runs, Table, runs
from dxtrack.reports.packinfo import doc_label, docs_phrase
from dxtrack.reports.sections.common import columns
from dxtrack.reports.sources import as_date
from dxtrack.services import records
from dxtrack.store import Engine


def group_table(
    f: ReportFacts,
    group: PolicyGroup,
    evidence: list[dict[str, object]],
    only: tuple[str, ...],
    names: BodyNames,
) -> Table | None:
    """One policy group's tasks (None when ``only`` leaves none)."""
    lang, bodies = f.lang, {b.id: b for b in f.pack.bodies}
    rows: list[Row] = []
    for task in group.tasks:
        if only and not set(task.bodies) & set(only):
            continue
        named = [names.name(bodies[b]) for b in task.bodies if b in bodies]
        status = "; ".join(
            f"{goal_prose(f.pack.target(tid), lang, f.pack.peer_groups)}: {status_label(f.by_id[tid].status, lang)}"
            for tid in task.targets
            if tid in f.by_id
        )
        ev = [e for e in evidence if e["target_id"] in task.targets]
        if ev:
            e = ev[-1]
            judged = status_label(str(e["judgement"]), lang)
            ev_text = f"{date_text(as_date(e['date']), lang)} — {e['assessor']}: {e['text']} ({judged})"
        else:
            ev_text = label("no_evaluation", lang)
        last: Runs = runs(*((status, BREAK) if status else ()), Run(ev_text, "evidence"))
        text = task.quote_vi if lang == "vi" else task.gloss_en
        rows.append(
            Row(
                (
                    runs(str(len(rows) + 1)),
                    runs(text),
                    runs(task_deadline(task.deadline, lang)),
                    runs("; ".join(named) or label("no_bodies", lang)),
                    last,
                )
            )
        )
    if not rows:
        return None
    title = group.title_vi if lang == "vi" else group.title_en
    cols = columns(
        lang,
        ("col_no", 4, 1.0),
        ("col_task", 44, 11.0),
        ("col_deadline", 9, 2.2),
        ("col_bodies", 20, 5.0),
        ("col_task_status", 23, 6.5),
    )
    return Table(title, "tasks", cols, tuple(rows))


def build(engine: Engine, f: ReportFacts, day: dt.date, only: tuple[str, ...] = ()) -> list[Block]:
    """Annex 1's blocks; ``only``: keep the tasks assigned to these bodies."""
    lang = f.lang
    unknown = [b for b in only if b not in {x.id for x in f.pack.bodies}]
    if unknown:
        raise DxtrackError(
            f"body '{unknown[0]}' is not in content pack {f.pack.id}; 'dxtrack catalog show --kind bodies'"
        )
    docs = docs_phrase(f.pack, [g.doc for g in f.pack.policy_groups], lang)
    blocks: list[Block] = [
        Heading(2, runs(label("annex_tasks", lang))),
        Para(runs(label("s4_intro", lang).format(docs=docs))),
    ]
    evidence = records.evidence(engine, as_of=f.as_of)
    names = BodyNames(engine, day, lang)
    for group in f.pack.policy_groups:
        table = group_table(f, group, evidence, only, names)
        if table is None:
            continue
        table = replace(table, caption=f"{table.caption} ({doc_label(f.pack, group.doc, lang)}, {group.section})")
        blocks.append(table)
    return blocks
