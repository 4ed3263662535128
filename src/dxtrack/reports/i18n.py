"""Report labels in Vietnamese and English, and locale-aware formatting of numbers, dates and units.

Vietnamese follows administrative-document conventions: decimal comma (``12,63%``), dot for thousands
(``1.234,5``), dates ``dd/mm/yyyy``. English uses ``12.63%`` and ``23 Nov 2026``. Numbers go through Babel.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from babel.dates import format_date
from babel.numbers import format_decimal

from dxtrack.i18n import (
    DOC_SHORT,
    LANGS,
    STATUS_LABELS,
    STATUS_ORDER,
    Lang,
    doc_short,
    reason_text,
    status_label,
)
from dxtrack.i18n import unit_text as shared_unit_text

__all__ = ["DOC_SHORT", "LANGS", "STATUS_LABELS", "STATUS_ORDER", "Lang", "doc_short", "reason_text", "status_label"]


LABELS: dict[str, tuple[str, str]] = {
    "report": ("BÁO CÁO", "REPORT"),
    "review_interim": ("Sơ kết", "Interim review of"),
    "review_final": ("Tổng kết", "Final review of"),
    "draft": ("BẢN DỰ THẢO TỰ ĐỘNG", "AUTOMATICALLY GENERATED DRAFT"),
    "draft_note": (
        "Báo cáo này do hệ thống dxtrack tự động lập từ danh mục mục tiêu, số liệu đã công bố và kết quả đánh giá; "
        "là bản dự thảo để cán bộ theo dõi rà soát, chỉnh sửa trước khi sử dụng. Mỗi số liệu đều ghi nguồn [n], "
        "danh mục nguồn tại Phụ lục C.",
        "This report was generated automatically by dxtrack from the target catalogue, published data and the "
        "assessment; it is a draft for the monitoring officer to review and edit before use. Every figure cites "
        "its source [n]; the sources are listed in Annex C.",
    ),
    "data_as_of": ("Số liệu tính đến ngày", "Data published up to"),
    "generated_on": ("Ngày lập", "Generated on"),
    "run": ("Lượt đánh giá", "Assessment run"),
    "sec1": ("KẾT QUẢ ĐẠT ĐƯỢC", "RESULTS ACHIEVED"),
    "sec2": ("HẠN CHẾ, TỒN TẠI", "LIMITATIONS AND SHORTCOMINGS"),
    "sec3": ("NGUYÊN NHÂN", "CAUSES"),
    "sec4": ("NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM", "KEY TASKS AND SOLUTIONS"),
    "annexes": ("PHỤ LỤC", "ANNEXES"),
    "annex_a": ("Phụ lục A. Bảng tổng hợp các mục tiêu", "Annex A. All targets"),
    "annex_b": ("Phụ lục B. Phương pháp đánh giá", "Annex B. Methods"),
    "annex_c": ("Phụ lục C. Nguồn số liệu", "Annex C. Sources"),
    "s1_overview": ("Tổng quan", "Overview"),
    "s1_targets": ("Tình hình thực hiện các mục tiêu", "Progress on each target"),
    "s1_figures": ("Kết quả {docs} đã nêu", "Results reported by {docs}"),
    "s1_figures_intro": (
        "Các số liệu dưới đây được trích nguyên văn từ {docs}; nguồn là chính văn bản này.",
        "The figures below are quoted from {docs}; the source is that document itself.",
    ),
    "s1_achievements_doc": ("Kết quả khác văn bản ghi nhận", "Other results the documents record"),
    "s1_supported": ("Kết quả được số liệu khẳng định", "Results the data support"),
    "s1_supported_none": (
        "Chưa có mục tiêu định lượng nào đã đạt hoặc đúng hướng theo số liệu hiện có.",
        "No quantified target is achieved or on track on the data available.",
    ),
    "s1_charts": ("Diễn biến các chỉ tiêu định lượng", "Quantified targets over time"),
    "s2_off": ("Các mục tiêu chưa đạt hoặc có nguy cơ không đạt", "Targets off track or at risk"),
    "s2_off_none": ("Không có mục tiêu nào chậm tiến độ theo số liệu hiện có.", "No target is off track."),
    "s2_missing": ("Các mục tiêu chưa đủ số liệu để đánh giá", "Targets without enough data to assess"),
    "s2_doc": ("Hạn chế do văn bản nêu, đối chiếu với số liệu", "Limitations the documents name, against the data"),
    "s3_notes": ("Nhận định của cán bộ phân tích", "Analysts' notes"),
    "s3_await": (
        "Phần này chờ nhận định của cán bộ phân tích về nguyên nhân của các hạn chế nêu tại mục II "
        "(ghi nhận bằng lệnh `dxtrack note add --section causes`). Hệ thống không tự suy diễn nguyên nhân.",
        "This section awaits the analysts' notes on the causes of the shortcomings in section II (recorded with "
        "`dxtrack note add --section causes`). dxtrack does not infer causes.",
    ),
    "s3_doc": ("Nguyên nhân do văn bản nêu (trích dẫn)", "Causes named by the documents (quoted)"),
    "s3_doc_intro": (
        "Các nguyên nhân sau là lời của văn bản, được trích để tham khảo; không phải kết luận của hệ thống.",
        "The causes below are the documents' own words, quoted for reference; they are not dxtrack's findings.",
    ),
    "s4_intro": (
        "Các nhóm nhiệm vụ, giải pháp theo {docs}, cơ quan chịu trách nhiệm và tình hình thực hiện đã được "
        "ghi nhận (minh chứng, đánh giá).",
        "The groups of tasks and solutions of {docs}, the responsible bodies and the recorded implementation "
        "(evidence, judgements).",
    ),
    "no_evaluation": ("chưa có đánh giá", "not yet assessed"),
    "no_bodies": ("văn bản chưa giao cụ thể", "not assigned in the text"),
    "col_no": ("TT", "No."),
    "col_target": ("Mục tiêu", "Target"),
    "col_task": ("Nhiệm vụ", "Task"),
    "col_bodies": ("Cơ quan chịu trách nhiệm", "Responsible bodies"),
    "col_task_status": ("Mục tiêu liên quan, tình hình", "Related targets, status"),
    "col_latest": ("Số liệu mới nhất", "Latest figure"),
    "col_period": ("Kỳ", "Period"),
    "col_source": ("Nguồn", "Source"),
    "col_status": ("Đánh giá", "Status"),
    "col_indicator": ("Chỉ số", "Indicator"),
    "col_baseline": ("Gốc", "Baseline"),
    "col_target_value": ("Chỉ tiêu", "Target value"),
    "col_deadline": ("Thời hạn", "Deadline"),
    "col_probability": ("Xác suất đạt", "Probability"),
    "col_method": ("Phương pháp", "Method"),
    "col_figure": ("Số liệu", "Figure"),
    "col_quote": ("Trích văn bản", "Quoted text"),
    "col_data_say": ("Số liệu cho thấy", "What the data say"),
    "col_publisher": ("Cơ quan công bố", "Publisher"),
    "col_title": ("Tên tài liệu", "Title"),
    "col_url": ("Địa chỉ / văn bản", "URL / document"),
    "col_published": ("Ngày công bố", "Published"),
    "col_retrieved": ("Ngày truy cập", "Retrieved"),
    "col_missing": ("Còn thiếu", "What is missing"),
    "figure": ("Hình", "Figure"),
    "table": ("Bảng", "Table"),
    "page": ("Trang", "Page"),
    "no_data": ("chưa có số liệu", "no data"),
    "doc_words": ("Văn bản viết", "The document says"),
    "gloss": ("Dịch nghĩa", "Gloss"),
    "by": ("Người ghi", "By"),
    "related_none": ("văn bản không gắn với mục tiêu đo được", "not linked to a measured target"),
    "chart_none": (
        "Các mục tiêu định lượng chưa có số liệu nên chưa có biểu đồ: ",
        "Quantified targets without data, hence no chart: ",
    ),
    "target_line": ("Chỉ tiêu", "Target"),
    "observed": ("Số liệu thực tế", "Observed"),
    "trajectory": ("Lộ trình cần thiết", "Required path"),
    "forecast": ("Dự báo (trung vị)", "Forecast (median)"),
    "forecast_rank": ("Dự báo tại thời hạn (trung vị, khoảng 80%)", "Forecast at the deadline (median, 80% range)"),
    "fan80": ("Khoảng dự báo 80%", "80% interval"),
    "fan95": ("Khoảng dự báo 95%", "95% interval"),
    "year": ("Năm", "Year"),
    "growth_bars": ("Tốc độ tăng so với năm trước", "Growth on previous year"),
    "rank_axis": ("Thứ hạng (1 = cao nhất)", "Rank (1 = best)"),
}

# The report words ranks and counts in running text ("thứ 5 trong ASEAN", "37 tỉnh"), so a few units differ.
REPORT_UNITS_VI: dict[str, str] = {
    "count": "",
    "rank (1=best)": "thứ hạng thế giới",
    "rank (1 = best)": "thứ hạng thế giới",
    "rank (1=best) among UN Member States": "thứ hạng trong các nước thành viên Liên hợp quốc",
    "rank of 63 (1=best; ties share a rank)": "thứ hạng trong 63 tỉnh",
    "rank within ASEAN (1=best)": "thứ hạng trong ASEAN",
    "rank within Southeast Asia (1=best)": "thứ hạng trong Đông Nam Á",
    "score 0-100": "điểm (0–100)",
}
UNITS_EN: dict[str, str] = {"count": "", "rank (1=best)": "world rank"}


def label(key: str, lang: Lang) -> str:
    pair = LABELS[key]
    return pair[0] if lang == "vi" else pair[1]


def unit_text(unit: str | None, lang: Lang) -> str:
    """A unit in the report language (the catalogue's units are English)."""
    if unit and lang == "vi" and unit in REPORT_UNITS_VI:
        return REPORT_UNITS_VI[unit]
    if unit and lang == "en" and unit in UNITS_EN:
        return UNITS_EN[unit]
    return shared_unit_text(unit, lang)


def _decimals(value: float) -> int:
    size = abs(value)
    if size >= 10000:
        return 0
    if size >= 100:
        return 1
    return 2


def num(value: float | None, lang: Lang, decimals: int | None = None) -> str:
    """A number per locale: ``1.234,5`` (vi) or ``1,234.5`` (en); trailing zeros dropped."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    places = _decimals(value) if decimals is None else decimals
    pattern = "#,##0" + ("." + "#" * places if places else "")
    return format_decimal(round(float(value), places), format=pattern, locale=lang)


def pct(share: float | None, lang: Lang, decimals: int = 2) -> str:
    """A fraction (0.0492) as a percentage (``4,92%``)."""
    if share is None:
        return "—"
    return f"{num(share * 100, lang, decimals)}%"


def prob(p: float | None, lang: Lang) -> str:
    """An attainment probability, never shown as a false certainty: ``dưới 1%`` rather than ``0%``."""
    if p is None:
        return "—"
    if p < 0.01:
        return "dưới 1%" if lang == "vi" else "below 1%"
    if p > 0.99:
        return "trên 99%" if lang == "vi" else "above 99%"
    return f"{num(p * 100, lang, 0)}%"


def value_unit(value: float | None, unit: str | None, lang: Lang) -> str:
    """``13,17% GDP`` / ``13.17% of GDP``; ranks as ``thứ 5`` / ``5th``."""
    if value is None:
        return "—"
    u = unit or ""
    if u in ("1 = yes, 0 = no", "1=yes, 0=no"):
        yes = value >= 0.5
        return ("có" if yes else "không") if lang == "vi" else ("yes" if yes else "no")
    if u.startswith("rank"):
        return rank_text(value, u, lang)
    text = unit_text(u, lang)
    if text.startswith("%"):
        return f"{num(value, lang)}{text}"
    return f"{num(value, lang)} {text}".strip()


def ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_text(value: float, unit: str, lang: Lang) -> str:
    n = round(value)
    if lang == "vi":
        scope = unit_text(unit, "vi").replace("thứ hạng ", "")
        return f"thứ {n} {scope}".strip()
    scope = {
        "rank within ASEAN": "in ASEAN",
        "rank within ASEAN (1=best)": "in ASEAN",
        "rank within Southeast Asia (1=best)": "in Southeast Asia",
        "rank (1=best) among UN Member States": "among UN Member States",
        "rank of 63 (1=best; ties share a rank)": "of 63 provinces",
    }.get(unit, "in the world")
    return f"{ordinal_en(n)} {scope}"


def date_text(day: dt.date | None, lang: Lang) -> str:
    """``23/11/2026`` (vi) or ``23 Nov 2026`` (en)."""
    if day is None:
        return "—"
    if lang == "vi":
        return day.strftime("%d/%m/%Y")
    return format_date(day, "d MMM y", locale="en")


def place_date(place: str, day: dt.date, lang: Lang) -> str:
    """The place-and-date line of an administrative document."""
    if lang == "vi":
        return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
    return f"{place}, {format_date(day, 'd MMMM y', locale='en')}"


def period_text(period: str | None, lang: Lang) -> str:
    """A period label: years stay, ranges use an en dash; quarters/months per locale."""
    if not period:
        return "—"
    text = str(period)
    m = re.fullmatch(r"(\d{4})-(\d{4})", text)
    if m:
        return f"{m.group(1)}–{m.group(2)}"
    m = re.fullmatch(r"(\d{4})-Q(\d)", text)
    if m:
        return f"quý {m.group(2)}/{m.group(1)}" if lang == "vi" else f"Q{m.group(2)} {m.group(1)}"
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if m:
        return f"tháng {int(m.group(2))}/{m.group(1)}" if lang == "vi" else f"{m.group(1)}-{m.group(2)}"
    return text
