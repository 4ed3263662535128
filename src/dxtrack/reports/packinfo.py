"""What the report reads from the content pack (format 2): title, document labels, horizons, focus area, peers.

Nothing about a particular strategy is written in the report's code or templates; it all comes from here.
"""

from __future__ import annotations

from dxtrack.domain.catalog import ContentPack, PeerGroup
from dxtrack.present import Lang


def focus_area(pack: ContentPack) -> str:
    """The area whose progress the report judges (Viet Nam: ``VNM``)."""
    return pack.focus_area


def report_title(pack: ContentPack, lang: Lang) -> str:
    """What follows "Sơ kết" / "Interim review of" in the title."""
    return pack.labels.report_title_vi if lang == "vi" else pack.labels.report_title_en


def strategy_label(pack: ContentPack, lang: Lang) -> str:
    """The strategy in one phrase ("Nghị quyết 52-NQ/TW")."""
    return pack.labels.short_vi if lang == "vi" else pack.labels.short_en


def doc_label(pack: ContentPack, doc_id: str, lang: Lang) -> str:
    """A document's short label ("Kết luận (dự thảo)")."""
    doc = pack.document(doc_id)
    return doc.short_vi if lang == "vi" else doc.short_en


def docs_phrase(pack: ContentPack, doc_ids: list[str], lang: Lang) -> str:
    """Several documents in running text: "A và B" / "A, B and C" (in the pack's order)."""
    labels = [doc_label(pack, d.id, lang) for d in pack.documents if d.id in set(doc_ids)]
    if len(labels) <= 1:
        return "".join(labels)
    word = " và " if lang == "vi" else " and "
    return ", ".join(labels[:-1]) + word + labels[-1]


def horizon_label(pack: ContentPack, horizon_id: str, lang: Lang) -> str:
    """A horizon's label ("Đến năm 2025")."""
    h = pack.horizon(horizon_id)
    return h.label_vi if lang == "vi" else h.label_en


def peer_group(pack: ContentPack, group_id: str | None) -> PeerGroup | None:
    """The pack's peer group of that id (None when the target names none or the pack lacks it)."""
    return next((g for g in pack.peer_groups if g.id == group_id), None)
