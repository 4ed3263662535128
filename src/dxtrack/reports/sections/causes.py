"""Section IV, causes: the analysts' recorded notes (dxtrack never infers a cause), then the causes the
review documents name, quoted for reference."""

from __future__ import annotations

from dxtrack.present import date_text
from dxtrack.reports.facts import ReportFacts
from dxtrack.reports.i18n import label
from dxtrack.reports.model import Block, Bullets, Group, Heading, Para, Run, Section, runs
from dxtrack.reports.sections.common import quote
from dxtrack.reports.sections.limitations import review_documents
from dxtrack.reports.sources import as_date
from dxtrack.reports.wording import pick
from dxtrack.services import records
from dxtrack.store import Engine

NATURE = {"subjective": ("chủ quan", "subjective"), "objective": ("khách quan", "objective")}


def notes(engine: Engine, f: ReportFacts) -> list[Block]:
    """The analysts' notes on causes, each with its author and date; or a line saying the section awaits them."""
    out: list[Block] = []
    for n in records.notes(engine, section="causes", as_of=f.as_of):
        byline = f"— {n['author']}, {date_text(as_date(n['date']), f.lang)}"
        out.append(Group("note-item", (Para(runs(n["text"])), Para(runs(byline), "byline"))))
    return out or [Para(runs(label("s3_await", f.lang)), "await")]


def document_causes(f: ReportFacts) -> Bullets | None:
    """The causes the review documents name, with their nature when the text states it."""
    reviews = review_documents(f)
    items = []
    for lim in f.pack.limitations:
        if lim.doc not in reviews or lim.kind != "cause":
            continue
        cite = f.book.cite_document(f.pack, lim.doc)
        text = lim.quote_vi if f.lang == "vi" else lim.gloss_en
        nature = NATURE.get(lim.nature or "")
        parts: list[Run | str] = [quote(text, f.lang)]
        if nature:
            parts += [" ", Run(f"({pick(*nature, f.lang)})", "doc")]
        items.append(runs(*parts, " ", Run(cite, "cite")))
    return Bullets(tuple(items), "quotes") if items else None


def build(engine: Engine, f: ReportFacts) -> Section:
    """Section IV."""
    lang = f.lang
    blocks: list[Block] = [Heading(1, runs(f"IV. {label('sec4', lang)}"))]
    k = 1
    for section, key in (("causes_objective", "s4_objective"), ("causes_subjective", "s4_subjective")):
        said = f.units.quotes(section)
        if said:
            blocks += [Heading(2, runs(f"{k}. {label(key, lang)}")), *said]
            k += 1
    blocks += [Heading(2, runs(f"{k}. {label('s3_notes', lang)}")), *notes(engine, f)]
    k += 1
    quoted = document_causes(f)
    if quoted is not None:
        blocks += [
            Heading(2, runs(f"{k}. {label('s3_doc', lang)}")),
            Para(runs(label("s3_doc_intro", lang)), "note"),
            quoted,
        ]
        k += 1
    lessons = f.units.quotes("lessons")
    if lessons:
        blocks += [Heading(2, runs(f"{k}. {label('s4_lessons', lang)}")), *lessons]
    return Section("sec-4", tuple(blocks))
