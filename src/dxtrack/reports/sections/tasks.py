"""Annex 1, the task list: each task group's tasks with the bodies responsible (named as at the report date),
the status of the targets they serve and the latest recorded evidence (optionally only some bodies' tasks)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace

from dxtrack.domain.catalog import Body, PolicyGroup
from dxtrack.domain.report_items import OVERDUE, TASK_STATE_WORDS, word
from dxtrack.errors import DxtrackError
from dxtrack.present import Lang, date_text, status_label, task_deadline
from dxtrack.present.assessment import goal_prose
from dxtrack.reports.bodies import BodyNames
from dxtrack.reports.facts import ReportFacts
from dxtrack.reports.i18n import label
from dxtrack.reports.model import BREAK, Block, Heading, Para, Row, Run, Runs, Table, runs
from dxtrack.reports.packinfo import doc_label, docs_phrase
from dxtrack.reports.sections.common import columns
from dxtrack.reports.sources import as_date
from dxtrack.services import records
from dxtrack.services.task_status import TaskStatus
from dxtrack.store import Engine


def state_text(ts: TaskStatus | None, lang: Lang, names: BodyNames, bodies: Mapping[str, Body]) -> Runs:
    """A task's reported status ("Đang thực hiện — quá hạn"), each lead's when several lead it, with the latest
    report's date and product."""
    if ts is None:
        return runs("—")
    head = word(TASK_STATE_WORDS[ts.status], lang)
    if ts.overdue:
        head += f" — {word(OVERDUE, lang)}"
    parts: list[Run | str] = [Run(head, "strong")]
    if len(ts.leads) > 1:
        for lead in ts.leads:
            who = names.name(bodies[lead.body_id]) if lead.body_id in bodies else lead.body_id
            parts += [BREAK, f"{who}: {word(TASK_STATE_WORDS[lead.status], lang)}"]
    latest = max((r for lead in ts.leads for r in lead.reports), key=lambda r: r.reported_on, default=None)
    if latest is not None:
        said = f"{date_text(latest.reported_on, lang)}" + (f": {latest.product}" if latest.product else "")
        parts += [BREAK, Run(said, "evidence")]
    return runs(*parts)


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
        reported = state_text(f.task(task.id), lang, names, bodies)
        rows.append(
            Row(
                (
                    runs(str(len(rows) + 1)),
                    runs(text),
                    runs(task_deadline(task.deadline, lang)),
                    runs("; ".join(named) or label("no_bodies", lang)),
                    reported,
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
        ("col_task", 37, 9.2),
        ("col_deadline", 8, 2.0),
        ("col_bodies", 18, 4.4),
        ("col_reported", 14, 3.6),
        ("col_task_status", 19, 5.5),
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
    return blocks + overdue(f, names, only)


def overdue(f: ReportFacts, names: BodyNames, only: tuple[str, ...] = ()) -> list[Block]:
    """Annex 2: the tasks due before the report date and not reported completed, by lead body (a task led by
    several bodies is listed under each lead that has not reported it completed)."""
    lang, bodies = f.lang, {b.id: b for b in f.pack.bodies}
    tasks = {t.id: t for g in f.pack.policy_groups for t in g.tasks}
    by_body: dict[str, list[tuple[TaskStatus, str]]] = {}
    for ts in f.tasks:
        if not ts.overdue:
            continue
        for lead in ts.leads:
            if lead.status not in ("completed", "completed_late") and (not only or lead.body_id in only):
                by_body.setdefault(lead.body_id, []).append((ts, lead.status))
    blocks: list[Block] = [
        Heading(2, runs(label("annex_overdue", lang))),
        Para(runs(label("overdue_intro", lang).format(day=date_text(f.day, lang)))),
    ]
    if not by_body:
        return [*blocks, Para(runs(label("overdue_none", lang)), "note")]
    rows: list[Row] = []
    for body_id, items in by_body.items():
        who = names.name(bodies[body_id]) if body_id in bodies else body_id
        for ts, status in items:
            task = tasks[ts.task_id]
            rows.append(Row((
                runs(str(len(rows) + 1)),
                runs(who),
                runs(task.quote_vi if lang == "vi" else task.gloss_en),
                runs(task_deadline(task.deadline, lang)),
                runs(word(TASK_STATE_WORDS[status], lang)),
            )))  # fmt: skip
    cols = columns(
        lang,
        ("col_no", 4, 1.0),
        ("col_lead", 20, 4.6),
        ("col_task", 50, 13.0),
        ("col_deadline", 10, 2.4),
        ("col_reported", 16, 4.0),
    )
    return [*blocks, Table(label("annex_overdue", lang), "overdue", cols, tuple(rows))]
