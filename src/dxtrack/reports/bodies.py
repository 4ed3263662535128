"""Bodies named as they are at the report date: a ministry merged or renamed in 2025 is given its current name,
with the name the text uses after it ("Bộ Khoa học và Công nghệ (trước đây: Bộ Thông tin và Truyền thông)").
The succession itself is decided by :func:`dxtrack.services.reference.successor`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dxtrack.present import Lang, pick
from dxtrack.services import orgs
from dxtrack.services.reference import successor
from dxtrack.store import Engine


def _split(text: str) -> tuple[str, str]:
    """``Bộ Tài chính (Ministry of Finance)`` → (vi, en); without brackets both are the text."""
    if " (" in text and text.endswith(")"):
        vi, en = text.split(" (", 1)
        return vi.strip(), en[:-1].strip()
    return text.strip(), text.strip()


class BodyNames:
    """Names bodies as at ``day``, asking the institution changes once per name."""

    def __init__(self, engine: Engine, day: dt.date, lang: Lang) -> None:
        self.engine, self.day, self.lang = engine, day, lang
        self._seen: dict[str, tuple[str, str] | None] = {}

    def current(self, name_vi: str) -> tuple[str, str] | None:
        """The (vi, en) name of the body that carries ``name_vi``'s duties at the report date, if it changed."""
        if name_vi not in self._seen:
            change = successor(self.engine, name_vi, self.day)
            self._seen[name_vi] = None if change is None else _split(change.body_to)
        return self._seen[name_vi]

    def name(self, body: Any) -> str:
        """A pack body's name at the report date, the former name after it when it changed."""
        own = body.name_vi if self.lang == "vi" else body.name_en
        for old in (body.name_vi,):
            now = self.current(old)
            if now is not None and pick(now, self.lang) != own:
                new = pick(now, self.lang)
                return pick((f"{new} (trước đây: {own})", f"{new} (formerly {own})"), self.lang)
        return str(own)


def unit_name(engine: Engine, org_id: str, day: dt.date, lang: Lang) -> str:
    """A reporting unit named as on ``day``: the organisation carrying its duties then, the former name after it
    when that changed ("Bộ Khoa học và Công nghệ (trước đây: Bộ Thông tin và Truyền thông)")."""
    known = orgs.get_org(engine, org_id)
    if known is None:
        return org_id
    now = orgs.get_org(engine, orgs.carried_by(engine, org_id, day)) or known
    own, current = (known.name_vi, now.name_vi) if lang == "vi" else (known.name_en, now.name_en)
    if now.id == known.id:
        return current
    return pick((f"{current} (trước đây: {own})", f"{current} (formerly {own})"), lang)
