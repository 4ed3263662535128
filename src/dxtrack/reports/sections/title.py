"""The title block: issuing body, draft mark, place and date, "BÁO CÁO" and the title the pack gives."""

from __future__ import annotations

import datetime as dt

from dxtrack.domain.catalog import ContentPack
from dxtrack.present import Lang, date_text, place_date
from dxtrack.reports.i18n import label
from dxtrack.reports.model import TitleBlock
from dxtrack.reports.packinfo import report_title

DEFAULT_ISSUER = ("dxtrack — Hệ thống theo dõi, đánh giá", "dxtrack — Monitoring and evaluation system")
FINAL_REVIEW_FROM = dt.date(2030, 12, 31)


def review_word(pack: ContentPack, day: dt.date, lang: Lang) -> str:
    """ "Sơ kết" (interim) until the pack's last dated horizon has ended, then "Tổng kết" (final)."""
    years = [h.year for h in pack.horizons if h.year is not None]
    last = dt.date(max(years), 12, 31) if years else FINAL_REVIEW_FROM
    return label("review_final" if day >= last else "review_interim", lang)


def build(
    pack: ContentPack,
    lang: Lang,
    day: dt.date,
    *,
    issuer: str | None,
    issuer_parent: str | None,
    place: str | None,
) -> TitleBlock:
    """The title block for a report dated ``day``."""
    return TitleBlock(
        issuer_parent=(issuer_parent or "").upper(),
        issuer=(issuer or DEFAULT_ISSUER[0 if lang == "vi" else 1]).upper(),
        draft=label("draft", lang),
        place_date=place_date(place or ("Hà Nội" if lang == "vi" else "Hanoi"), day, lang),
        kind=label("report", lang),
        title=f"{review_word(pack, day, lang)} {report_title(pack, lang)}",
        as_of_line=f"{label('data_as_of', lang)}: {date_text(day, lang)}",
        draft_note=label("draft_note", lang),
    )
