"""Small helpers the section builders share: quotes in the report language, numbered table columns."""

from __future__ import annotations

from dxtrack.present import Lang
from dxtrack.reports.i18n import label
from dxtrack.reports.model import Column, Run

NO_COLUMN = ("col_no", 5, 0.9)


def quote(text: str, lang: Lang) -> Run:
    """The documents' own words: quoted in Vietnamese; the English gloss is not a quotation."""
    return Run(text, "quote") if lang == "vi" else Run(text)


def columns(lang: Lang, *spec: tuple[str, int, float] | tuple[str, int, float, str]) -> tuple[Column, ...]:
    """Columns from (label key, width %, width cm[, role]); the row-number column has role ``n``."""
    out = []
    for item in spec:
        key, pct, cm = item[0], item[1], item[2]
        role = item[3] if len(item) > 3 else ("n" if key == "col_no" else "")
        out.append(Column(label(key, lang) if key.startswith("col_") else key, pct, cm, role))
    return tuple(out)
