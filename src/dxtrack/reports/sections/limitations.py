"""Section II, limitations: the targets off track or at risk (gap, growth needed, outlook), those without
enough data, and the limitations a review document names, set against what the data say."""

from __future__ import annotations

from dxtrack.domain.period import latest_index
from dxtrack.present import period_text, reason_text, value_unit
from dxtrack.reports.facts import ReportFacts
from dxtrack.reports.i18n import label
from dxtrack.reports.model import BREAK, Block, Group, Heading, Para, Row, Run, Section, Table, runs
from dxtrack.reports.packinfo import focus_area
from dxtrack.reports.sections.common import columns, quote
from dxtrack.reports.wording import gap_sentence, latest_period, name

AT_RISK = ("limited_progress", "deterioration", "moderate_progress")


def at_risk(f: ReportFacts) -> list[Block]:
    """One finding per target off track, or at risk (probability under one half, not yet achieved)."""
    out: list[Block] = []
    for t in f.pack.targets:
        r = f.by_id[t.id]
        p = r.probability
        if r.status == "insufficient_data":
            continue
        if not (r.status in AT_RISK or (p is not None and p < 0.5 and r.status != "target_achieved")):
            continue
        facts = f.target(t.id)
        head = runs(
            Run(facts.status_label, "status", facts.status),
            " ",
            Run(facts.indicator, "strong"),
            " ",
            Run(f"({t.id})", "id"),
        )
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
        rows.append(Row((runs(str(len(rows) + 1)), runs(Run(t.id, "id"), BREAK, t.text), runs(reason))))
    cols = columns(f.lang, ("col_no", 5, 0.9), ("col_target", 60, 10.0), ("col_missing", 35, 5.6))
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
        bits.append(f"{tid}: {facts.status_label} — {fig}")
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
    cols = columns(f.lang, ("col_no", 5, 0.9), ("col_quote", 50, 8.6), ("col_data_say", 45, 7.0))
    return Table(label("s2_doc", f.lang), "limits", cols, tuple(rows))


def build(f: ReportFacts) -> Section:
    """Section II."""
    lang = f.lang
    blocks: list[Block] = [
        Heading(1, runs(f"II. {label('sec2', lang)}")),
        Heading(2, runs(f"1. {label('s2_off', lang)}")),
    ]
    findings = at_risk(f)
    blocks += findings or [Para(runs(label("s2_off_none", lang)))]
    blocks += [Heading(2, runs(f"2. {label('s2_missing', lang)}")), missing_table(f)]
    documents = documents_table(f)
    if documents is not None:
        blocks += [Heading(2, runs(f"3. {label('s2_doc', lang)}")), documents]
    return Section("sec-2", tuple(blocks))
