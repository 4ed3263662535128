"""An observation's comment as a page shows it: a value a unit reported with its method note, source and
collection reads ``Đơn vị tự báo cáo · Phương pháp: … · Nguồn: … · <the unit's comment>``."""

from __future__ import annotations

from dxtrack.domain.report_items import COLLECTIONS, word
from dxtrack.domain.reported_value import from_comment
from dxtrack.present.lang import Lang

_WORDS = {"method": ("Phương pháp", "Method"), "source": ("Nguồn", "Source")}


def comment_text(comment: str | None, lang: Lang) -> str:
    """The comment in words (a free-text comment as it is)."""
    meta, said = from_comment(comment)
    parts: list[str] = []
    if meta.get("collection"):
        parts.append(word(COLLECTIONS.get(meta["collection"], (meta["collection"],) * 2), lang))
    parts += [f"{word(_WORDS[k], lang)}: {meta[k]}" for k in ("method", "source") if meta.get(k)]
    if said:
        parts.append(said)
    return " · ".join(parts)
