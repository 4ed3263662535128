"""Section II, results: one part per task group of the strategy (the bodies' accepted reports, when the
reporting loop brings them, and the targets the group serves), then the results against the targets — the
verdicts at the deadline with the producer and release of the figure that decides, the evidence indicators as
labelled context — with one chart per quantified target, and a general assessment."""

from __future__ import annotations

from collections import Counter

from dxtrack.domain.catalog import Target, TargetKind
from dxtrack.domain.loop import GROUP_RESULTS
from dxtrack.domain.period import latest_index
from dxtrack.present import STATUS_ORDER, period_text, reason_text, status_label, value_unit
from dxtrack.present.assessment import goal_prose, maintained_text
from dxtrack.reports import charts
from dxtrack.reports.facts import ReportFacts, peer_obs_ids
from dxtrack.reports.i18n import label
from dxtrack.reports.model import BREAK, Block, Bullets, Chart, Heading, Para, Row, Run, Section, Table, runs
from dxtrack.reports.packinfo import doc_label, docs_phrase, focus_area, peer_group
from dxtrack.reports.sections.common import columns, quote
from dxtrack.reports.sections.leadership import strategy_groups
from dxtrack.reports.wording import figure_value, name, pick
from dxtrack.services import assess
from dxtrack.services.results import Assessment
from dxtrack.services.task_status import by_body
from dxtrack.store import Engine

LIST_MISSING_CHARTS = 10  # up to this many targets without a chart are named one by one
VERDICT = ("target_achieved", "target_not_achieved", "awaiting_official_data")


def count_sentence(f: ReportFacts) -> str:
    """How many specific targets the strategy sets (by horizon), beside its general objective and vision, and
    what the other documents add: ``… đặt ra 15 mục tiêu cụ thể (8 đến năm 2025, 7 đến năm 2030) …``."""
    lang, pack = f.lang, f.pack
    main = next((d for d in pack.documents if d.kind == "resolution"), pack.documents[0])
    # specific targets: those of a dated horizon that is not the long-term vision (its label says "Vision")
    years = {h.id: h.year for h in pack.horizons if h.year is not None and not h.label_en.startswith("Vision")}
    specific = [t for t in pack.targets if t.doc == main.id and t.horizon in years]
    by_year = Counter(years[t.horizon] for t in specific)
    parts = [pick(f"{n} đến năm {y}", f"{n} by {y}", lang) for y, n in sorted(by_year.items())]
    by = f" ({', '.join(parts)})" if parts else ""
    others = [t for t in pack.targets if t.doc != main.id]
    more = ""
    if others:
        docs = docs_phrase(pack, sorted({t.doc for t in others}), lang)
        more = pick(f"; {docs} nêu thêm {len(others)} mục tiêu, định hướng", f"; {docs}: {len(others)} further "
                    "targets and directions", lang)  # fmt: skip
    return label("s2_count", lang).format(doc=doc_label(pack, main.id, lang), n=len(specific), by=by, more=more)


def targets_table(f: ReportFacts) -> Table:
    """Each target in the document's words: its figure, who produced it, and its status (no internal codes)."""
    rows = tuple(
        Row(
            (
                runs(str(i)),
                runs(quote(t.text, f.lang), " ", Run(f"({t.doc}, {t.section})", "doc")),
                runs(f"{t.latest} ({t.period})" if t.has_data else t.latest),
                runs(*((t.producer, " ") if t.producer else ()), Run(t.cite or "—", "cite")),
                runs(Run(t.status_label, "status", t.status)),
            )
        )
        for i, t in enumerate(f.targets, 1)
    )
    cols = columns(
        f.lang,
        ("col_no", 6, 1.0),
        ("col_target", 38, 5.9),
        ("col_latest", 19, 3.1),
        ("col_source", 20, 3.4),
        ("col_status", 17, 2.6),
    )
    return Table(label("s2_targets", f.lang), "targets", cols, rows)


def context_lines(f: ReportFacts, t: Target) -> list[str]:
    """The target's evidence indicators with data, each labelled as context (never what judges)."""
    area = focus_area(f.pack)
    out = []
    for code in t.evidence_indicators:
        if code == t.official_rank:  # already the figure that judges
            continue
        cur = f.current
        sub = cur[(cur["indicator"] == code) & (cur["area"] == area) & (cur["disaggregation"] == "")]
        sub = sub[sub["period"].astype(str).str.fullmatch(r"\d{4}")] if not sub.empty else sub
        if sub.empty:
            continue
        last = sub.iloc[latest_index(list(sub["period"]))]
        ind = f.pack.indicator(code)
        ids = [int(last["id"])]
        who = f.book.producer_text(ids)
        out.append(
            f"{name(ind, f.lang)}: {value_unit(float(last['value']), ind.unit, f.lang)} "
            f"({period_text(str(last['period']), f.lang)})"
            + (f", {who}" if who else "")
            + f" {f.book.cite(ids)} — "
            + label("context", f.lang)
        )
    return out


def verdict(f: ReportFacts, t: Target, r: Assessment) -> list[Block]:
    """A target judged at its deadline (or awaiting the official figure): the figure, its producer and release,
    why it is decided, whether a 'maintain' target held, the evidence indicators as context."""
    lang, facts = f.lang, f.target(t.id)
    head = runs(
        Run(goal_prose(t, lang, f.pack.peer_groups), "strong"), ": ", Run(facts.status_label, "status", r.status)
    )
    sentence = [
        f"{facts.latest} ({facts.period})" + (f", {facts.producer}" if facts.producer else "") + f" {facts.cite}."
    ]
    judged = r.extra.get("judged")
    if judged:
        why = reason_text(judged, lang)
        sentence.append(why[:1].upper() + why[1:] + ".")
    elif r.status == "awaiting_official_data":
        why = reason_text(r.why, lang)
        sentence.append(why[:1].upper() + why[1:] + ".")
    held = maintained_text(r, lang)
    if held:
        sentence.append(pick("Duy trì: ", "Maintained: ", lang) + held + ".")
    params = (judged or {}).get("params") or {}
    if params.get("missing"):
        sentence.append(label("missing_peers", lang).format(peers=", ".join(params["missing"])) + ".")
    blocks: list[Block] = [Para(head, "finding-head"), Para(runs(" ".join(sentence)))]
    extra = context_lines(f, t)
    if extra:
        blocks.append(Bullets(tuple(runs(x) for x in extra), "context"))
    return blocks


def group_part(f: ReportFacts, k: int, group_id: str) -> list[Block]:
    """One task group: the bodies' reports (none yet), the targets its tasks serve with their status."""
    lang = f.lang
    group = next(g for g in f.pack.policy_groups if g.id == group_id)
    title = group.title_vi if lang == "vi" else group.title_en
    ref = Run(f"({doc_label(f.pack, group.doc, lang)}, {group.section})", "doc")
    quoted = f.units.quotes(GROUP_RESULTS + group.id)
    blocks: list[Block] = [
        Heading(2, runs(f"{k}. {title} ", ref)),
        *(quoted or [Para(runs(label("s2_group_none", lang)), "await")]),
    ]
    if any(t.status != "not_reported" for t in f.tasks):  # the group's tasks as the units report them
        _, c = by_body([t for t in f.tasks if t.group_id == group.id])
        blocks.append(Para(runs(label("s2_group_tasks", lang).format(
            n=c.assigned, done=c.completed, late=c.completed_late, ongoing=c.in_progress, idle=c.not_started,
            silent=c.not_reported, overdue=c.overdue))))  # fmt: skip
    served = [tid for task in group.tasks for tid in task.targets if tid in f.by_id]
    items = []
    for tid in dict.fromkeys(served):  # the measured targets the group's tasks serve, in the document's words
        facts = f.target(tid)
        if not f.pack.target(tid).indicator:
            continue
        figure = f" — {facts.latest} ({facts.period}) {facts.cite}" if facts.has_data else ""
        text = facts.text if lang == "vi" else facts.text.rstrip(".")
        items.append(runs(quote(text, lang), ": ", Run(facts.status_label, "status", facts.status), figure))
    if items:
        blocks += [Para(runs(label("s2_group_targets", lang))), Bullets(tuple(items))]
    return blocks


def overview(f: ReportFacts) -> Bullets:
    """How many targets in each status."""
    counts = []
    for key in STATUS_ORDER:
        count = sum(1 for r in f.results if r.status == key)
        if count:
            counts.append(runs(Run(status_label(key, f.lang), "status", key), f": {count}"))
    return Bullets(tuple(counts), "overview")


def figures_table(f: ReportFacts) -> Table | None:
    """The figures the documents report, each cited to its document (loaded as observations)."""
    if f.history.empty:
        return None
    comments = f.history["comment"].fillna("").astype(str)
    rows: list[Row] = []
    docs: list[str] = []
    for fig in f.pack.figures:
        match = f.history[comments.str.startswith(f"figure {fig.id};") | (comments == f"figure {fig.id}")]
        if match.empty:
            continue
        last = match.iloc[-1]
        docs.append(fig.doc)
        rows.append(
            Row(
                (
                    runs(str(len(rows) + 1)),
                    runs(quote(fig.quote_vi if f.lang == "vi" else fig.gloss_en, f.lang)),
                    runs(figure_value(fig, f.lang)),
                    runs(period_text(str(last["period"]), f.lang)),
                    runs(Run(f.book.cite([int(last["id"])]), "cite")),
                )
            )
        )
    if not rows:
        return None
    cols = columns(
        f.lang,
        ("col_no", 6, 1.0),
        ("col_quote", 50, 8.0),
        ("col_figure", 20, 3.2),
        ("col_period", 12, 1.8, "nowrap"),
        ("col_source", 12, 1.6, "cite"),
    )
    return Table(label("s1_figures", f.lang).format(docs=docs_phrase(f.pack, docs, f.lang)), "figures", cols,
                 tuple(rows))  # fmt: skip


def target_charts(engine: Engine, f: ReportFacts) -> tuple[list[Chart], list[str]]:
    """One chart per quantified target with data, its source and release under it; the names of those without."""
    lang = f.lang
    made: list[Chart] = []
    missing: list[str] = []
    for t in f.pack.targets:
        if t.kind is TargetKind.milestone or not t.indicator:
            continue
        goal = goal_prose(t, lang, f.pack.peer_groups)
        indicator = f.pack.indicator(t.indicator)
        group = peer_group(f.pack, t.peer_group)
        png = None
        if f.observed(t.indicator, t.area):
            detail = assess.target_assessment(engine, f.pack, t.id, f.as_of)
            png = charts.target_chart(
                t, detail, indicator.unit, lang, goal, in_group=bool(group and group.members),
                rates=indicator.growth_rate,
            )  # fmt: skip
        ind_name = name(indicator, lang)
        if png is None:
            missing.append(ind_name)
            continue
        cur = f.current
        used = [int(i) for i in cur[(cur["indicator"] == t.indicator) & (cur["area"] == t.area)]["id"]]
        official = f.by_id[t.id].extra.get("official") or {}
        if official.get("obs_id") is not None:
            used.append(int(official["obs_id"]))
        if t.kind is TargetKind.rank:
            used += peer_obs_ids(f.current, f.pack, t, None)
        cite = f.book.cite(used) or f.target(t.id).cite
        who = f.book.producer_text(used)
        source = f"{label('chart_source', lang)}: {who} {cite}" if who else f"{label('chart_source', lang)}: {cite}"
        caption = f"{ind_name} — {pick('chỉ tiêu', 'target', lang)} {goal}. {source}"
        made.append(Chart(len(made) + 1, t.id, caption, png))
    return made, missing


def build(engine: Engine, f: ReportFacts) -> Section:
    """Section II."""
    lang = f.lang
    blocks: list[Block] = [Heading(1, runs(f"II. {label('sec2', lang)}"))]
    k = 0
    for group in strategy_groups(f):
        k += 1
        blocks += group_part(f, k, group.id)
    k += 1
    blocks += [Heading(2, runs(f"{k}. {label('s2_targets', lang)}")), Para(runs(count_sentence(f))), targets_table(f)]
    judged = [t for t in f.pack.targets if f.by_id[t.id].status in VERDICT]
    if judged:
        blocks.append(Para(runs(Run(label("s2_verdicts", lang), "strong"))))
        for t in judged:
            blocks += verdict(f, t, f.by_id[t.id])
    made, missing = target_charts(engine, f)
    blocks += made
    if len(missing) > LIST_MISSING_CHARTS:
        blocks.append(Para(runs(label("chart_none_many", lang).format(n=len(missing))), "note"))
    elif missing:
        blocks.append(Para(runs(label("chart_none", lang) + "; ".join(missing) + "."), "note"))
    k += 1
    blocks.append(Heading(2, runs(f"{k}. {label('s2_general', lang)}")))
    general = f.units.quotes("results")
    if general:
        blocks += [Para(runs(label("s2_units_general", lang))), *general]
    blocks.append(overview(f))
    figures = figures_table(f)
    if figures is not None:
        blocks.append(figures)
    quoted = [
        runs(
            quote(a.quote_vi if lang == "vi" else a.gloss_en, lang),
            " ",
            Run(f.book.cite_document(f.pack, a.doc), "cite"),
        )
        for a in f.pack.achievements
        if f.published(a.doc)
    ]
    if quoted:
        blocks += [Para(runs(label("s1_achievements_doc", lang) + ":")), Bullets(tuple(quoted), "quotes")]
    return Section("sec-2", tuple(blocks))


__all__ = ["BREAK", "build"]
