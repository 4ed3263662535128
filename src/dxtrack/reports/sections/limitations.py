"""Section III, shortcomings: the targets not achieved, off track or at risk (gap, growth needed, outlook),
those without enough data, the analysts' notes and the limitations a review document names, set against what
the data say. No internal codes: the methods annex maps them."""

from __future__ import annotations

from dxtrack.domain.period import latest_index
from dxtrack.present import date_text, period_text, reason_text, value_unit
from dxtrack.present.assessment import goal_prose
from dxtrack.reports.facts import ReportFacts
from dxtrack.reports.i18n import label
from dxtrack.reports.model import Block, Group, Heading, Para, Row, Run, Section, Table, runs
from dxtrack.reports.packinfo import focus_area
from dxtrack.reports.sections.common import columns, quote
from dxtrack.reports.sources import as_date
from dxtrack.reports.wording import gap_sentence, latest_period, name
from dxtrack.services import records
from dxtrack.store import Engine

AT_RISK = ("limited_progress", "deterioration", "moderate_progress", "target_not_achieved")


def at_risk(f: ReportFacts) -> list[Block]:
    """One finding per target off track, or at risk (probability under one half, not yet achieved)."""
    out: list[Block] = []
    for t in f.pack.targets:
        r = f.by_id[t.id]
        p = r.probability
        if r.status in ("insufficient_data", "awaiting_official_data"):
            continue
        if not (r.status in AT_RISK or (p is not None and p < 0.5 and r.status != "target_achieved")):
            continue
        facts = f.target(t.id)
        head = runs(Run(facts.status_label, "status", facts.status), " ", Run(facts.indicator, "strong"))
        sentence = gap_sentence(t, f.pack, r, f.lang, facts.latest, facts.cite)
        out.append(
            Group(
                "finding",
                (
                    Para(head, "finding-head"),
                    Para(runs(quote(facts.text, f.lang)), "finding-quote"),
                    Para(runs(sentence)),
                ),
            )
        )
    return out


def missing_table(f: ReportFacts) -> Table:
    """The targets without enough data, and what is missing."""
    rows: list[Row] = []
    for t in f.targets:
        if t.status != "insufficient_data":
            continue
        reason = reason_text(f.by_id[t.id].why, f.lang)
        rows.append(Row((runs(str(len(rows) + 1)), runs(quote(t.text, f.lang)), runs(reason))))
    cols = columns(f.lang, ("col_no", 6, 1.0), ("col_target", 60, 9.5), ("col_missing", 34, 5.8))
    return Table(label("s2_missing", f.lang), "missing", cols, tuple(rows))


def data_say(f: ReportFacts, target_ids: list[str], indicators: list[str]) -> str:
    """What the data say on a limitation: its targets' status and figure, its indicators' latest value."""
    lang, bits = f.lang, []
    for tid in target_ids:
        if tid not in f.by_id:
            continue
        facts = f.target(tid)
        if facts.has_data:
            period = period_text(latest_period(f.pack.target(tid), f.by_id[tid]), lang)
            fig = f"{facts.latest} ({period}) {facts.cite}"
        else:
            fig = label("no_data", lang)
        bits.append(f"{goal_prose(f.pack.target(tid), lang, f.pack.peer_groups)}: {facts.status_label} — {fig}")
    area = focus_area(f.pack)
    for code in indicators:
        cur = f.current
        sub = cur[(cur["indicator"] == code) & (cur["area"] == area)] if not cur.empty else cur
        if len(sub):
            last = sub.iloc[latest_index(list(sub["period"]))]
            ind = f.pack.indicator(code)
            bits.append(
                f"{name(ind, lang)}: {value_unit(float(last['value']), ind.unit, lang)} "
                f"({period_text(str(last['period']), lang)}) {f.book.cite([int(last['id'])])}"
            )
    return "; ".join(bits) if bits else label("related_none", lang)


def review_documents(f: ReportFacts) -> set[str]:
    """The pack's review documents (kind "conclusion") published by the as-of date: their limitations and
    causes are findings on the implementation; a strategy's own description of its starting point is not."""
    return {d.id for d in f.pack.documents if d.kind == "conclusion" and f.published(d.id)}


def documents_table(f: ReportFacts) -> Table | None:
    """The limitations the review documents name, quoted, with what the data say."""
    reviews = review_documents(f)
    rows: list[Row] = []
    for lim in f.pack.limitations:
        if lim.doc not in reviews or lim.kind != "limitation":
            continue
        cite = f.book.cite_document(f.pack, lim.doc)
        text = lim.quote_vi if f.lang == "vi" else lim.gloss_en
        says = data_say(f, lim.targets, lim.indicators)
        rows.append(Row((runs(str(len(rows) + 1)), runs(quote(text, f.lang), " ", Run(cite, "cite")), runs(says))))
    if not rows:
        return None
    cols = columns(f.lang, ("col_no", 6, 1.0), ("col_quote", 50, 8.0), ("col_data_say", 44, 7.3))
    return Table(label("s2_doc", f.lang), "limits", cols, tuple(rows))


def build(engine: Engine, f: ReportFacts) -> Section:
    """Section III."""
    lang = f.lang
    blocks: list[Block] = [Heading(1, runs(f"III. {label('sec3', lang)}"))]
    k = 1
    quoted = f.units.quotes("limitations")
    if quoted:
        blocks += [Heading(2, runs(f"{k}. {label('s3_units', lang)}")), *quoted]
        k += 1
    blocks.append(Heading(2, runs(f"{k}. {label('s2_off', lang)}")))
    findings = at_risk(f)
    blocks += findings or [Para(runs(label("s2_off_none", lang)))]
    blocks += [Heading(2, runs(f"{k + 1}. {label('s2_missing', lang)}")), missing_table(f)]
    k += 2
    noted = analyst_notes(engine, f, "limitations")
    if noted:
        blocks += [Heading(2, runs(f"{k}. {label('s3_notes_limits', lang)}")), *noted]
        k += 1
    documents = documents_table(f)
    if documents is not None:
        blocks += [Heading(2, runs(f"{k}. {label('s2_doc', lang)}")), documents]
    return Section("sec-3", tuple(blocks))


def analyst_notes(engine: Engine, f: ReportFacts, section: str) -> list[Block]:
    """The analysts' notes of one section, each with its author and date (none: empty)."""
    out: list[Block] = []
    for n in records.notes(engine, section=section, as_of=f.as_of):
        byline = f"— {n['author']}, {date_text(as_date(n['date']), f.lang)}"
        out.append(Group("note-item", (Para(runs(n["text"])), Para(runs(byline), "byline"))))
    return out
