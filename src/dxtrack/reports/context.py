"""Build the review report as a :class:`~dxtrack.reports.model.ReportDocument`, section by section.

:func:`build_context` gathers the facts once (one stored assessment run, the observations behind it, each
target's latest figure and citation) and runs the section builders in reading order, so sources are
numbered in order of first citation. The HTML/PDF and DOCX writers only lay the document out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dxtrack.domain.catalog import ContentPack
from dxtrack.present import Lang, date_text
from dxtrack.reports.bodies import BodyNames
from dxtrack.reports.facts import gather
from dxtrack.reports.i18n import label
from dxtrack.reports.model import Para, ReportDocument, Section, runs
from dxtrack.reports.packinfo import docs_phrase, strategy_label
from dxtrack.reports.sections import annexes, causes, directions, leadership, limitations, results, tasks, title
from dxtrack.store import Engine


@dataclass(frozen=True)
class ReportOptions:
    """What the user may change: the issuing body (title block) and the place on the date line."""

    issuer: str | None = None  # a body id of the pack, or a body's name in words
    issuer_parent: str | None = None
    issuer_kind: str | None = None  # "party" (Hướng dẫn 36-HD/VPTW) or "state" (Nghị định 30/2020/NĐ-CP)
    place: str | None = None
    bodies: tuple[str, ...] = ()  # Annex 1 lists only the tasks assigned to these bodies (all when empty)


ReportContext = ReportDocument  # the name the CLI and older callers use


def build_context(
    engine: Engine,
    pack: ContentPack,
    *,
    lang: Lang,
    as_of: dt.date | None = None,
    options: ReportOptions | None = None,
    today: dt.date | None = None,
) -> ReportDocument:
    """Assess (storing the run), then build every section for ``lang`` as of ``as_of`` (default: today)."""
    options = options or ReportOptions()
    day = as_of or today or dt.date.today()
    facts = gather(engine, pack, lang, as_of, day)
    body = next((b for b in pack.bodies if b.id == options.issuer), None)
    now = BodyNames(engine, day, lang).current(body.name_vi) if body is not None else None
    who = title.resolve_issuer(
        pack,
        options.issuer,
        options.issuer_parent,
        options.issuer_kind,
        lang,
        None if now is None else now[lang == "en"],
    )
    head = title.build(pack, lang, day, who, place=options.place)
    adopted = [d.id for d in pack.documents if d.kind == "resolution"] or [pack.documents[0].id]
    intro = label("intro", lang).format(
        docs=docs_phrase(pack, adopted, lang),
        day=date_text(day, lang),
        review=title.review_word(pack, day, lang).lower(),
    )
    first = leadership.build(engine, facts, day)
    sections = [
        Section(first.id, (Para(runs(intro)), *first.blocks)),
        results.build(engine, facts),
        limitations.build(engine, facts),
        causes.build(engine, facts),
        directions.build(facts, day),
        directions.proposals(facts),
        annexes.build(facts, tasks.build(engine, facts, day, options.bodies)),  # last: Annex 5 lists every source
    ]
    review = title.review_word(pack, day, lang)
    return ReportDocument(
        lang=lang,
        title=head,
        sections=sections,
        doc_title=f"{label('report', lang).title()} — {review} {strategy_label(pack, lang)}",
        author=who.name,
        generated_on=date_text(today or dt.date.today(), lang),
        table_word=label("table", lang),
        figure_word=label("figure", lang),
        closing=title.closing(who, lang),
    )
