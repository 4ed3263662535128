"""Evidence for milestone targets and analysts' notes: recorded by people, never inferred."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dxtrack.domain.catalog import ContentPack
from dxtrack.domain.records import JUDGEMENTS, NOTE_SECTIONS
from dxtrack.errors import DxtrackError
from dxtrack.store import Engine
from dxtrack.store import records as stored

__all__ = ["JUDGEMENTS", "NOTE_SECTIONS", "add_evidence", "add_note", "evidence", "notes"]


def add_evidence(
    engine: Engine,
    pack: ContentPack,
    *,
    target_id: str,
    date: dt.date,
    text: str,
    assessor: str,
    judgement: str,
    link: str | None = None,
    actor: str | None = None,
) -> int:
    """Record one piece of evidence with the assessor's judgement on a target (``actor``: the user who records it,
    see :mod:`dxtrack.services.acting`)."""
    try:
        pack.target(target_id)
    except KeyError:
        raise DxtrackError(f"target '{target_id}' is not in content pack {pack.id}") from None
    if judgement not in JUDGEMENTS:
        raise DxtrackError(f"judgement '{judgement}' is not known; expected one of {', '.join(JUDGEMENTS)}")
    if not text.strip() or not assessor.strip():
        raise DxtrackError("evidence needs a text and the name of the assessor")
    return stored.insert_evidence(
        engine,
        target_id=target_id,
        date=date,
        text=text.strip(),
        link=link,
        assessor=assessor.strip(),
        judgement=judgement,
        actor=actor,
    )


def evidence(engine: Engine, target_id: str | None = None, as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """Evidence records (oldest first), optionally for one target and dated on or before ``as_of``."""
    return stored.evidence_rows(engine, target_id, as_of)


def add_note(
    engine: Engine,
    *,
    section: str,
    text: str,
    author: str,
    date: dt.date,
    target_id: str | None = None,
    lang: str = "vi",
    actor: str | None = None,
) -> int:
    """Record an analyst's note (e.g. causes, for section III of the review report; ``actor``: the user)."""
    if section not in NOTE_SECTIONS:
        raise DxtrackError(f"section '{section}' is not known; expected one of {', '.join(NOTE_SECTIONS)}")
    if lang not in ("vi", "en"):
        raise DxtrackError(f"language '{lang}' is not known; expected vi or en")
    if not text.strip() or not author.strip():
        raise DxtrackError("a note needs a text and an author")
    return stored.insert_note(
        engine,
        section=section,
        text=text.strip(),
        author=author.strip(),
        date=date,
        target_id=target_id,
        lang=lang,
        actor=actor,
    )


def notes(engine: Engine, section: str | None = None, as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """Analysts' notes (oldest first), optionally of one section and dated on or before ``as_of``."""
    return stored.note_rows(engine, section, as_of)
