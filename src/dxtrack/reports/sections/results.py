"""Section I, results achieved: overview, each target's latest figure, the documents' figures and results,
the results the data support, and one chart per quantified target."""

from __future__ import annotations

from dxtrack.domain.catalog import TargetKind
from dxtrack.present import STATUS_ORDER, period_text, status_label
from dxtrack.present.assessment import goal_prose
from dxtrack.reports import charts
from dxtrack.reports.facts import ReportFacts, peer_obs_ids
from dxtrack.reports.i18n import label
from dxtrack.reports.model import BREAK, Block, Bullets, Chart, Heading, Para, Row, Run, Section, Table, runs
from dxtrack.reports.packinfo import docs_phrase, peer_group
from dxtrack.reports.sections.common import columns, quote
from dxtrack.reports.wording import figure_value, name, pick
from dxtrack.services import assess
from dxtrack.store import Engine

LIST_MISSING_CHARTS = 10  # up to this many targets without a chart are named one by one


def overview(f: ReportFacts, as_of_text: str) -> list[Block]:
    """How many targets, and how many in each status."""
    docs = docs_phrase(f.pack, [t.doc for t in f.pack.targets], f.lang)
    n = len(f.targets)
    intro = pick(
        f"{docs} đặt ra {n} mục tiêu được theo dõi. Tính đến ngày {as_of_text}:",
        f"{docs} set {n} monitored targets. As of {as_of_text}:",
        f.lang,
    )
    counts = []
    for key in STATUS_ORDER:
        count = sum(1 for r in f.results if r.status == key)
        if count:
            counts.append(runs(Run(status_label(key, f.lang), "status", key), f": {count}"))
    return [
        Heading(2, runs(f"1. {label('s1_overview', f.lang)}")),
        Para(runs(intro)),
        Bullets(tuple(counts), "overview"),
    ]


def targets_table(f: ReportFacts) -> Table:
    """Each target: its words, latest figure, period, source and status."""
    rows = tuple(
        Row(
            (
                runs(str(i)),
                runs(Run(t.id, "id"), " ", Run(f"({t.doc}, {t.section})", "doc"), BREAK, t.text),
                runs(t.latest),
                runs(t.period),
                runs(t.cite or "—"),
                runs(Run(t.status_label, "status", t.status)),
            )
        )
        for i, t in enumerate(f.targets, 1)
    )
    cols = columns(
        f.lang,
        ("col_no", 5, 0.9),
        ("col_target", 40, 7.0),
        ("col_latest", 19, 3.0),
        ("col_period", 11, 1.7, "nowrap"),
        ("col_source", 10, 1.7, "cite"),
        ("col_status", 15, 2.0),
    )
    return Table(label("s1_targets", f.lang), "targets", cols, rows)


def figures_table(f: ReportFacts) -> tuple[Table, str] | None:
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
                    runs(f.book.cite([int(last["id"])])),
                )
            )
        )
    if not rows:
        return None
    cols = columns(
        f.lang,
        ("col_no", 5, 0.9),
        ("col_quote", 50, 9.0),
        ("col_figure", 21, 3.2),
        ("col_period", 13, 1.8, "nowrap"),
        ("col_source", 11, 1.6, "cite"),
    )
    phrase = docs_phrase(f.pack, docs, f.lang)
    return Table(label("s1_figures", f.lang).format(docs=phrase), "figures", cols, tuple(rows)), phrase


def achievements(f: ReportFacts) -> Bullets | None:
    """Other results the documents record, quoted and cited to the document."""
    items = tuple(
        runs(
            quote(a.quote_vi if f.lang == "vi" else a.gloss_en, f.lang),
            " ",
            Run(f.book.cite_document(f.pack, a.doc), "cite"),
        )
        for a in f.pack.achievements
        if f.published(a.doc)
    )
    return Bullets(items, "quotes") if items else None


def supported(f: ReportFacts) -> list[str]:
    """The targets achieved or on track, each with its figure and citation (milestones with their assessor)."""
    lang, out = f.lang, []
    for t in f.pack.targets:
        r = f.by_id[t.id]
        if r.status not in ("target_achieved", "substantial_progress"):
            continue
        facts = f.target(t.id)
        if t.kind is not TargetKind.milestone:
            ind_name = name(f.pack.indicator(t.indicator), lang) if t.indicator else t.id
            achieved = r.status == "target_achieved"
            verdict = (
                pick("đã đạt chỉ tiêu", "meeting the target of", lang)
                if achieved
                else pick("đúng hướng để đạt chỉ tiêu", "on track for the target of", lang)
            )
            out.append(f"{ind_name}: {facts.latest} ({facts.period}) {facts.cite}, {verdict} {facts.goal}.")
        else:
            by = pick("theo minh chứng của", "on evidence by", lang)
            out.append(f"{facts.text} — {facts.status_label} ({by} {r.judged_by or '—'}).")
    return out


def target_charts(engine: Engine, f: ReportFacts) -> tuple[list[Chart], list[str]]:
    """One chart per quantified target with data; the names of those without."""
    lang = f.lang
    made: list[Chart] = []
    missing: list[str] = []
    for t in f.pack.targets:
        if t.kind is TargetKind.milestone or not t.indicator:
            continue
        goal = goal_prose(t, lang, f.pack.peer_groups)
        unit = f.pack.indicator(t.indicator).unit
        group = peer_group(f.pack, t.peer_group)
        png = None
        if f.observed(t.indicator, t.area):  # without a value for the area there is nothing to draw
            detail = assess.target_assessment(engine, f.pack, t.id, f.as_of)
            png = charts.target_chart(t, detail, unit, lang, goal, in_group=bool(group and group.members))
        ind_name = name(f.pack.indicator(t.indicator), lang)
        if png is None:
            missing.append(f"{ind_name} ({t.id})")
            continue
        used = list(f.by_id[t.id].observation_ids)
        if t.kind is TargetKind.rank:
            used += peer_obs_ids(f.current, f.pack, t, None)
        cite = f.book.cite(used) or f.target(t.id).cite
        caption = f"{ind_name} — {pick('chỉ tiêu', 'target', lang)} {goal} ({t.id}) {cite}"
        made.append(Chart(len(made) + 1, t.id, caption, png))
    return made, missing


def build(engine: Engine, f: ReportFacts, as_of_text: str) -> Section:
    """Section I."""
    lang = f.lang
    blocks: list[Block] = [Heading(1, runs(f"I. {label('sec1', lang)}")), *overview(f, as_of_text)]
    blocks += [Heading(2, runs(f"2. {label('s1_targets', lang)}")), targets_table(f)]
    k = 3
    figures = figures_table(f)
    if figures is not None:
        table, docs = figures
        intro = label("s1_figures_intro", lang).format(docs=docs)
        blocks += [Heading(2, runs(f"{k}. {table.caption}")), Para(runs(intro)), table]
        k += 1
    quoted = achievements(f)
    if quoted is not None:
        blocks += [Heading(2, runs(f"{k}. {label('s1_achievements_doc', lang)}")), quoted]
        k += 1
    blocks.append(Heading(2, runs(f"{k}. {label('s1_supported', lang)}")))
    said = supported(f)
    blocks.append(Bullets(tuple(runs(s) for s in said)) if said else Para(runs(label("s1_supported_none", lang))))
    blocks.append(Heading(2, runs(f"{k + 1}. {label('s1_charts', lang)}")))
    made, missing = target_charts(engine, f)
    blocks += made
    if len(missing) > LIST_MISSING_CHARTS:  # a long list would fill pages; section II.2 lists them anyway
        blocks.append(Para(runs(label("chart_none_many", lang).format(n=len(missing))), "note"))
    elif missing:
        blocks.append(Para(runs(label("chart_none", lang) + "; ".join(missing) + "."), "note"))
    return Section("sec-1", tuple(blocks))
