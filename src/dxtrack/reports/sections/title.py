"""The header and the closing of the report as an administrative document.

A Party body's report follows Hướng dẫn 36-HD/VPTW (``ĐẢNG CỘNG SẢN VIỆT NAM`` on the right, the issuing body,
``*`` and ``Số  -BC/…`` on the left); a state body's follows Nghị định 30/2020/NĐ-CP (the national motto block on
the right, ``Số:  /BC-…`` under the issuer on the left). ``--issuer`` names a body of the pack (its kind decides)
or any body in words (a state body unless ``issuer_kind`` says "party"). Number, date, signature and recipients
are placeholders the signing office fills in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dxtrack.domain.catalog import ContentPack
from dxtrack.present import Lang, date_text, pick
from dxtrack.reports.i18n import label
from dxtrack.reports.model import Closing, TitleBlock
from dxtrack.reports.packinfo import report_title

DEFAULT_ISSUER = ("(TÊN CƠ QUAN BAN HÀNH)", "(ISSUING BODY)")
FINAL_REVIEW_FROM = dt.date(2030, 12, 31)
DOTS = "……"


@dataclass(frozen=True)
class Issuer:
    """Who issues the report: its name, its superior body (may be empty) and whether it is a Party body."""

    name: str
    parent: str
    kind: str  # "party" | "state"


def review_word(pack: ContentPack, day: dt.date, lang: Lang) -> str:
    """ "Sơ kết" (interim) until the pack's last dated horizon has ended, then "Tổng kết" (final)."""
    years = [h.year for h in pack.horizons if h.year is not None]
    last = dt.date(max(years), 12, 31) if years else FINAL_REVIEW_FROM
    return label("review_final" if day >= last else "review_interim", lang)


def resolve_issuer(
    pack: ContentPack, issuer: str | None, parent: str | None, kind: str | None, lang: Lang, current_name: str | None
) -> Issuer:
    """The issuing body from ``--issuer``: a body id of the pack (named as at the report date when it has
    been renamed, ``current_name``) or a name in words; without one, a placeholder of a state body."""
    body = next((b for b in pack.bodies if issuer and b.id == issuer), None)
    if body is not None:
        name = current_name or (body.name_vi if lang == "vi" else body.name_en)
        return Issuer(name, parent or "", kind or ("party" if body.kind == "party" else "state"))
    return Issuer(issuer or pick(DEFAULT_ISSUER, lang), parent or "", kind or "state")


def build(pack: ContentPack, lang: Lang, day: dt.date, who: Issuer, *, place: str | None) -> TitleBlock:
    """The header for a report whose data run to ``day``; number and date left for the signing office."""
    where = place or ("Hà Nội" if lang == "vi" else "Hanoi")
    party = who.kind == "party"
    if lang == "vi":
        number = f"Số {DOTS}-BC/{DOTS}" if party else f"Số: {DOTS}/BC-{DOTS}"
        when = f"{where}, ngày {DOTS} tháng {DOTS} năm {day.year}"
        nation = "ĐẢNG CỘNG SẢN VIỆT NAM" if party else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        motto = "" if party else "Độc lập - Tự do - Hạnh phúc"
    else:
        number = f"No. {DOTS}-BC/{DOTS}" if party else f"No.: {DOTS}/BC-{DOTS}"
        when = f"{where}, {DOTS} {day.year}"
        nation = "COMMUNIST PARTY OF VIET NAM" if party else "SOCIALIST REPUBLIC OF VIET NAM"
        motto = "" if party else "Independence - Freedom - Happiness"
    return TitleBlock(
        issuer_parent=who.parent.upper(),
        issuer=who.name.upper(),
        issuer_kind=who.kind,
        number_line=number,
        nation=nation,
        motto=motto,
        draft=label("draft", lang),
        place_date=when,
        kind=label("report", lang),
        title=f"{review_word(pack, day, lang)} {report_title(pack, lang)}",
        as_of_line=f"{label('data_as_of', lang)}: {date_text(day, lang)}",
        draft_note=label("draft_note", lang),
    )


def closing(who: Issuer, lang: Lang) -> Closing:
    """Recipients and signature placeholders (Nghị định 30 / Hướng dẫn 36)."""
    party = who.kind == "party"
    if lang == "vi":
        return Closing(
            recipients_label="Nơi nhận:",
            recipients=(f"- {DOTS};", f"- {DOTS};", f"- Lưu: VT, {DOTS}."),
            sign_for=f"T/M {who.name.upper()}" if party else "QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ",
            sign_title="(Chức vụ)" if party else "",
            sign_hint="(Ký, ghi rõ họ tên)" if party else "(Chữ ký của người có thẩm quyền, dấu)",
            signer="(Họ và tên)",
        )
    return Closing(
        recipients_label="To:",
        recipients=(f"- {DOTS};", f"- {DOTS};", f"- Archive: {DOTS}."),
        sign_for=f"ON BEHALF OF {who.name.upper()}" if party else "AUTHORITY AND TITLE OF THE SIGNATORY",
        sign_title="(Title)" if party else "",
        sign_hint="(Signature, full name)" if party else "(Signature of the competent person, seal)",
        signer="(Full name)",
    )
