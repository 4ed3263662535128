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
from dxtrack.reports.facts import gather
from dxtrack.reports.i18n import label
from dxtrack.reports.model import ReportDocument
from dxtrack.reports.packinfo import strategy_label
from dxtrack.reports.sections import annexes, causes, limitations, results, tasks, title
from dxtrack.store import Engine


@dataclass(frozen=True)
class ReportOptions:
    """What the user may change: the issuing body (title block) and the place on the date line."""

    issuer: str | None = None
    issuer_parent: str | None = None
    place: str | None = None
    bodies: tuple[str, ...] = ()  # Section IV lists only the tasks assigned to these bodies (all when empty)


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
    facts = gather(engine, pack, lang, as_of)
    head = title.build(pack, lang, day, issuer=options.issuer, issuer_parent=options.issuer_parent, place=options.place)
    sections = [
        results.build(engine, facts, date_text(day, lang)),
        limitations.build(facts),
        causes.build(engine, facts),
        tasks.build(engine, facts, options.bodies),
        annexes.build(facts),  # last: Annex C lists every source cited before it
    ]
    review = title.review_word(pack, day, lang)
    return ReportDocument(
        lang=lang,
        title=head,
        sections=sections,
        doc_title=f"{label('report', lang).title()} — {review} {strategy_label(pack, lang)}",
        author=options.issuer or title.DEFAULT_ISSUER[0 if lang == "vi" else 1],
        generated_on=date_text(today or dt.date.today(), lang),
        table_word=label("table", lang),
        figure_word=label("figure", lang),
    )
