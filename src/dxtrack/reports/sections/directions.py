"""Section V, key tasks for the coming period: per group of directions (a review document's, else the
strategy's own task groups) its tasks due in the next twelve months; the targets a successor strategy carries
on; and Section VI, the proposals the bodies have submitted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dxtrack.catalog import load_pack
from dxtrack.catalog.loader import available_packs
from dxtrack.domain.catalog import ContentPack, PolicyGroup
from dxtrack.present import Lang, date_text, task_deadline
from dxtrack.reports.facts import ReportFacts
from dxtrack.reports.i18n import label
from dxtrack.reports.model import Block, Bullets, Heading, Para, Run, Section, runs
from dxtrack.reports.packinfo import doc_label
from dxtrack.reports.sections.common import quote
from dxtrack.services.task_status import task_due

AHEAD = 366  # days: "the coming period" is the next twelve months


def direction_groups(f: ReportFacts) -> list[PolicyGroup]:
    """The groups of directions: a published review document's (the Conclusion's), else all task groups."""
    reviews = {d.id for d in f.pack.documents if d.kind == "conclusion" and f.published(d.id)}
    own = [g for g in f.pack.policy_groups if g.doc in reviews]
    return own or list(f.pack.policy_groups)


def due_next(f: ReportFacts, group: PolicyGroup, day: dt.date) -> list[Block]:
    """The group's tasks due within the next twelve months, with their deadline."""
    ahead = day + dt.timedelta(days=AHEAD)
    items = [
        runs(quote(t.quote_vi if f.lang == "vi" else t.gloss_en, f.lang), f" ({task_deadline(t.deadline, f.lang)})")
        for t in group.tasks
        if (end := task_due(t)) is not None and day < end <= ahead
    ]
    return [Bullets(tuple(items))] if items else []


def successors(pack: ContentPack) -> list[tuple[ContentPack, dict[str, list[str]]]]:
    """Bundled packs whose targets continue this pack's ('continues: [this-pack:target]'): target -> theirs."""
    out = []
    for other_id in available_packs():
        if other_id == pack.id:
            continue
        other = load_pack(other_id)
        links: dict[str, list[str]] = {}
        for t in other.targets:
            for ref in t.continues:
                pack_id, _, target_id = ref.partition(":")
                if pack_id == pack.id:
                    links.setdefault(target_id, []).append(t.id)
        if links:
            out.append((other, links))
    return out


def continued(f: ReportFacts) -> list[Block]:
    """Which targets a successor strategy carries on, in its words."""
    blocks: list[Block] = []
    for other, links in successors(f.pack):
        main = next((d for d in other.documents if d.kind == "resolution"), other.documents[0])
        doc = doc_label(other, main.id, f.lang)
        items = []
        for tid, theirs in links.items():
            if tid not in f.by_id:
                continue
            words = [
                _words(f.pack.target(tid), f.lang),
                *dict.fromkeys(_words(other.target(x), f.lang) for x in theirs),
            ]
            items.append(runs(quote(words[0], f.lang), " → ", *_joined(words[1:], f.lang)))
        if items:
            blocks += [Para(runs(label("continued_by", f.lang).format(doc=doc) + ":")), Bullets(tuple(items))]
    return blocks


def _words(target: Any, lang: Lang) -> str:
    return str(target.quote_vi if lang == "vi" else target.gloss_en.rstrip("."))


def _joined(texts: list[str], lang: Lang) -> list[Run | str]:
    out: list[Run | str] = []
    for i, text in enumerate(texts):
        if i:
            out.append("; ")
        out.append(quote(text, lang))
    return out


def build(f: ReportFacts, day: dt.date) -> Section:
    """Section V."""
    lang = f.lang
    blocks: list[Block] = [Heading(1, runs(f"V. {label('sec5', lang)}"))]
    any_due = False
    for k, group in enumerate(direction_groups(f), 1):
        title = group.title_vi if lang == "vi" else group.title_en
        ref = Run(f"({doc_label(f.pack, group.doc, lang)}, {group.section})", "doc")
        due = due_next(f, group, day)
        any_due = any_due or bool(due)
        blocks += [
            Heading(2, runs(f"{k}. {title} ", ref)),
            Para(runs(label("s5_group", lang).format(n=len(group.tasks)))),
        ]
        blocks += due
    if not any_due:
        blocks.append(Para(runs(label("s5_none_due", lang) + f" ({date_text(day, lang)})"), "note"))
    overdue = sum(1 for t in f.tasks if t.overdue)
    if overdue and any(t.status != "not_reported" for t in f.tasks):
        blocks.insert(1, Para(runs(label("s5_overdue", lang).format(n=overdue))))
    blocks += continued(f)
    own = f.units.quotes("directions")
    if own:
        k = len(direction_groups(f)) + 1
        blocks += [Heading(2, runs(f"{k}. {label('s5_units', lang)}")), *own]
    return Section("sec-5", tuple(blocks))


def proposals(f: ReportFacts) -> Section:
    """Section VI: the proposals submitted (none until the reporting loop brings them)."""
    said = f.units.quotes("proposals")
    return Section(
        "sec-6",
        (Heading(1, runs(f"VI. {label('sec6', f.lang)}")), *(said or [Para(runs(label("s6_none", f.lang)), "await")])),
    )
