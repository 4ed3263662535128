"""Section IV, key tasks: each policy group's tasks with the bodies responsible, the status of the targets
they serve and the latest recorded evidence (optionally only the tasks of some bodies)."""

from __future__ import annotations

from dxtrack.domain.catalog import PolicyGroup
from dxtrack.errors import DxtrackError
from dxtrack.present import date_text, status_label
from dxtrack.reports.facts import ReportFacts
from dxtrack.reports.i18n import label
from dxtrack.reports.model import BREAK, Block, Heading, Para, Row, Run, Runs, Section, Table, runs
from dxtrack.reports.packinfo import doc_label, docs_phrase
from dxtrack.reports.sections.common import columns
from dxtrack.reports.sources import as_date
from dxtrack.reports.wording import name
from dxtrack.services import records
from dxtrack.store import Engine


def group_table(
    f: ReportFacts, group: PolicyGroup, evidence: list[dict[str, object]], only: tuple[str, ...]
) -> Table | None:
    """One policy group's tasks (None when ``only`` leaves none)."""
    lang, bodies = f.lang, {b.id: b for b in f.pack.bodies}
    rows: list[Row] = []
    for task in group.tasks:
        if only and not set(task.bodies) & set(only):
            continue
        names = [name(bodies[b], lang) for b in task.bodies if b in bodies]
        status = "; ".join(
            f"{tid}: {status_label(f.by_id[tid].status, lang)}" for tid in task.targets if tid in f.by_id
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
            Row((runs(str(len(rows) + 1)), runs(text), runs("; ".join(names) or label("no_bodies", lang)), last))
        )
    if not rows:
        return None
    title = group.title_vi if lang == "vi" else group.title_en
    cols = columns(
        lang, ("col_no", 5, 0.9), ("col_task", 50, 8.4), ("col_bodies", 20, 3.6), ("col_task_status", 25, 3.6)
    )
    return Table(title, "tasks", cols, tuple(rows))


def build(engine: Engine, f: ReportFacts, only: tuple[str, ...] = ()) -> Section:
    """Section IV; ``only``: keep the tasks assigned to these bodies."""
    lang = f.lang
    unknown = [b for b in only if b not in {x.id for x in f.pack.bodies}]
    if unknown:
        raise DxtrackError(
            f"body '{unknown[0]}' is not in content pack {f.pack.id}; 'dxtrack catalog show --kind bodies'"
        )
    docs = docs_phrase(f.pack, [g.doc for g in f.pack.policy_groups], lang)
    blocks: list[Block] = [
        Heading(1, runs(f"IV. {label('sec4', lang)}")),
        Para(runs(label("s4_intro", lang).format(docs=docs))),
    ]
    evidence = records.evidence(engine, as_of=f.as_of)
    k = 0
    for group in f.pack.policy_groups:
        table = group_table(f, group, evidence, only)
        if table is None:
            continue
        k += 1
        ref = Run(f"({doc_label(f.pack, group.doc, lang)}, {group.section})", "doc")
        blocks += [Heading(2, runs(f"{k}. {table.caption} ", ref)), table]
    return Section("sec-4", tuple(blocks))
