"""The units' accepted reports quoted in parts I–VI: "Theo báo cáo của <unit as named at the report date> (tiếp
nhận ngày dd/mm/yyyy): …" — each unit's own words, attributed, in the order the reports were accepted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dxtrack.domain.catalog import ContentPack
from dxtrack.present import Lang, date_text
from dxtrack.reports.bodies import unit_name
from dxtrack.reports.i18n import label
from dxtrack.reports.model import Block, Para, Run, runs
from dxtrack.services.report_material import Material, material
from dxtrack.store import Engine


def _lines(text: str) -> str:
    return " ".join(line.strip() for line in text.split("\n") if line.strip())


@dataclass(frozen=True)
class UnitReports:
    """The sections of the units' reports standing accepted on the report date, each with its unit's name then."""

    lang: Lang
    items: tuple[tuple[Material, str], ...] = ()

    def quotes(self, *sections: str) -> list[Block]:
        """Each unit's text for these sections, attributed (empty when no unit wrote any)."""
        blocks: list[Block] = []
        for m, who in self.items:
            if m.section not in sections:
                continue
            lead = label("according_to", self.lang).format(unit="\0", day=date_text(m.accepted_on, self.lang))
            before, after = lead.split("\0", 1)
            paras = [_lines(p) for p in m.text.replace("\r\n", "\n").split("\n\n") if p.strip()]
            blocks.append(Para(runs(before, Run(who, "strong"), after, paras[0]), "material"))
            blocks += [Para(runs(p), "material") for p in paras[1:]]
        return blocks

    def has(self, *sections: str) -> bool:
        """Whether any unit wrote one of these sections."""
        return any(m.section in sections for m, _ in self.items)


def unit_reports(engine: Engine, pack: ContentPack, day: dt.date, lang: Lang) -> UnitReports:
    """The material of the units' reports standing accepted on ``day``, units named as on that day."""
    found = material(engine, pack, day)
    return UnitReports(lang, tuple((m, unit_name(engine, m.org_id, day, lang)) for m in found))
