"""The vocabulary every interface shares (CLI, web pages, review report): languages, status names, units of
the catalogue, document names, and what an assessment says is missing — in Vietnamese and English.

One place, so a status reads the same on the board, on a target page and in the report.
"""

from __future__ import annotations

import re
from typing import Literal

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "target_achieved": ("Đã đạt", "Target achieved"),
    "substantial_progress": ("Đúng hướng", "On track"),
    "moderate_progress": ("Cần tăng tốc", "Progress, acceleration needed"),
    "limited_progress": ("Tiến triển hạn chế", "Limited progress"),
    "deterioration": ("Đi xuống", "Deterioration"),
    "insufficient_data": ("Chưa đủ số liệu", "Insufficient data"),
    "not_available": ("Không đánh giá được", "Not available"),
    "not_assessed": ("Chưa đánh giá", "Not yet assessed"),
}
STATUS_ORDER: tuple[str, ...] = tuple(STATUS_LABELS)

DOC_SHORT: dict[str, tuple[str, str]] = {
    "000": ("Nghị quyết 52-NQ/TW", "Resolution 52-NQ/TW"),
    "001": ("Kết luận (dự thảo)", "Conclusion (draft)"),
}

UNITS_VI: dict[str, str] = {
    "% gross": "% (tổng)",
    "% of GDP": "% GDP",
    "% of administrative procedures": "% thủ tục hành chính",
    "% of commune-level units": "% đơn vị cấp xã",
    "% of communes": "% số xã",
    "% of level-3/4 online public services": "% dịch vụ công trực tuyến mức 3, 4",
    "% of manufactured exports": "% xuất khẩu hàng chế tạo",
    "% of manufacturing value added": "% giá trị tăng thêm ngành chế tạo",
    "% of population": "% dân số",
    "% of total population": "% tổng dân số",
    "% vs 2020": "% so với 2020",
    "%/year": "%/năm",
    "1 = yes, 0 = no": "1 = có, 0 = không",
    "annual %": "%/năm",
    "applications": "đơn",
    "articles": "bài báo",
    "billion USD": "tỷ USD",
    "constant 2021 PPP $": "USD PPP giá cố định 2021",
    "count": "số lượng",
    "current US$": "USD giá hiện hành",
    "current international $ (PPP)": "USD quốc tế PPP giá hiện hành",
    "index 0-1": "chỉ số 0–1",
    "localities": "địa phương",
    "million accounts": "triệu tài khoản",
    "million documents": "triệu văn bản",
    "per 1 million people": "trên 1 triệu dân",
    "per 100 people": "trên 100 dân",
    "per million people": "trên 1 triệu dân",
    "persons": "người",
    "persons per km2": "người/km²",
    "provinces": "tỉnh",
    "rank (1=best)": "thứ hạng (1 = cao nhất)",
    "rank (1 = best)": "thứ hạng (1 = cao nhất)",
    "rank (1=best) among UN Member States": "thứ hạng trong các nước thành viên LHQ (1 = cao nhất)",
    "rank of 63 (1=best; ties share a rank)": "thứ hạng trong 63 tỉnh (1 = cao nhất)",
    "rank within ASEAN": "thứ hạng trong ASEAN",
    "rank within ASEAN (1=best)": "thứ hạng trong ASEAN (1 = cao nhất)",
    "rank within Southeast Asia (1=best)": "thứ hạng trong Đông Nam Á (1 = cao nhất)",
    "score 0-100": "điểm 0–100",
    "services": "dịch vụ",
    "thousand documents per month": "nghìn văn bản/tháng",
    "thousand persons": "nghìn người",
}


def pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "vi" else pair[1]


def status_label(status: str | None, lang: Lang) -> str:
    """The label of an assessment status (an unknown status is shown with its underscores as spaces)."""
    pair = STATUS_LABELS.get(status or "not_assessed")
    return pick(pair, lang) if pair else str(status).replace("_", " ")


def doc_short(doc: str, lang: Lang) -> str:
    return pick(DOC_SHORT.get(doc, (doc, doc)), lang)


def unit_text(unit: str | None, lang: Lang) -> str:
    """A catalogue unit (English) in the interface language."""
    if not unit:
        return ""
    if lang == "en":
        return unit
    return UNITS_VI.get(unit, UNITS_VI.get(unit.replace(" = ", "="), unit))


_REASONS_VI: list[tuple[str, str]] = [
    (r"no observations", "chưa có số liệu quan sát nào"),
    (r"no evidence recorded", "chưa có minh chứng, đánh giá nào được ghi nhận (mục tiêu định tính)"),
    (r"no observation in (\d{4})–(\d{4})", r"chưa có số liệu trong giai đoạn \1–\2"),
    (r"no observation in or after (\d{4})", r"chưa có số liệu từ năm \1 trở đi"),
    (r"no observation after (\d{4})", r"chưa có số liệu sau năm \1"),
    (r"needs at least two points \(only (\S+) from (\d{4}) on\)", r"cần ít nhất hai kỳ số liệu (từ năm \2 chỉ có \1)"),
    (r"needs at least two points.*", "cần ít nhất hai kỳ số liệu"),
    (r"no edition ranks (\w+)", r"chưa có kỳ xếp hạng nào có \1"),
    (r"no data for (\w+)", r"chưa có số liệu của \1"),
    (r"(\w+) needs at least three editions to project", r"cần ít nhất ba kỳ xếp hạng để dự báo"),
    (r"levels must be positive", "số liệu phải dương để tính tốc độ tăng"),
    (r"target year equals base year (\d{4})", r"năm mục tiêu trùng năm gốc \1"),
    (r"progress cannot be computed", "không tính được mức độ tiến triển"),
]
_REASONS_EN: dict[str, str] = {
    "no evidence recorded": "no evidence or judgement recorded (qualitative target)",
}


def reason_text(reason: str | None, lang: Lang) -> str:
    """What is missing for a target, in the report language (known patterns of the assessment)."""
    if not reason:
        return "chưa đủ số liệu để đánh giá" if lang == "vi" else "not enough data to assess"
    if lang == "en":
        return _REASONS_EN.get(reason, reason)
    for pattern, repl in _REASONS_VI:
        if re.fullmatch(pattern, reason):
            return re.sub(pattern, repl, reason)
    return f"chưa đủ số liệu để đánh giá ({reason})"
