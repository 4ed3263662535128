"""Interface labels in Vietnamese (default) and English, and locale-aware number and date formats.

Vietnamese follows administrative-document conventions: decimal comma (``12,63``), dot for thousands
(``1.234.567``) and dates ``dd/mm/yyyy``. Catalogue text (quotes, names) comes from the content pack.
"""

from __future__ import annotations

import datetime as dt
import math

from babel.numbers import format_decimal

from dxtrack.i18n import LANGS, STATUS_ORDER, Lang, doc_short, unit_text
from dxtrack.i18n import STATUS_LABELS as SHARED_STATUS_LABELS

__all__ = ["LANGS", "STATUS_ORDER", "Lang", "doc_short", "unit_text"]

DEFAULT_LANG: Lang = "vi"

LABELS: dict[str, tuple[str, str]] = {
    # layout
    "site_title": ("Theo dõi chuyển đổi số quốc gia", "National digital transformation tracker"),
    "site_subtitle": (
        "Nghị quyết 52-NQ/TW của Bộ Chính trị và Kết luận tiếp tục thực hiện",
        "Politburo Resolution 52-NQ/TW and the Conclusion on continuing it",
    ),
    "nav_board": ("Bảng theo dõi", "Status board"),
    "nav_targets": ("Mục tiêu", "Targets"),
    "nav_peers": ("So sánh ASEAN", "ASEAN peers"),
    "nav_provinces": ("Tỉnh thành", "Provinces"),
    "nav_tasks": ("Nhiệm vụ & cơ quan", "Tasks & bodies"),
    "nav_api": ("API", "API"),
    "lang_switch": ("English", "Tiếng Việt"),
    "skip": ("Bỏ qua, đến nội dung chính", "Skip to main content"),
    "footer_data": (
        "Chỉ hiển thị dữ liệu đã công bố. Mỗi số liệu đều có nguồn; bấm vào nguồn để xem chi tiết.",
        "Only published data is shown. Every number has a source; follow the source for details.",
    ),
    "footer_offline": (
        "Trang này không tải bất kỳ tài nguyên nào từ bên ngoài máy chủ.",
        "This page loads nothing from outside this server.",
    ),
    "as_of": ("Tính đến ngày", "As of"),
    "as_of_all": ("mới nhất", "latest"),
    "apply": ("Áp dụng", "Apply"),
    "data_as_of": ("Dữ liệu đã công bố đến ngày", "Data published up to"),
    # board
    "board_title": ("Bảng theo dõi các mục tiêu", "Status of the targets"),
    "board_intro": (
        "Mỗi thẻ là một mục tiêu của Nghị quyết hoặc Kết luận: giá trị mới nhất, chỉ tiêu, thời hạn, "
        "mức độ tiến triển và xác suất đạt được theo xu hướng hiện tại.",
        "Each card is one target of the Resolution or the Conclusion: latest value, target, deadline, "
        "progress and the probability of reaching it on the current trend.",
    ),
    "horizon": ("Mốc", "Horizon"),
    "horizon_all": ("Tất cả", "All"),
    "horizon_general": ("Mục tiêu tổng quát", "General objective"),
    "horizon_2025": ("Đến năm 2025", "By 2025"),
    "horizon_2030": ("Đến năm 2030", "By 2030"),
    "horizon_2045": ("Tầm nhìn 2045", "Vision 2045"),
    "horizon_continuing": ("Thường xuyên", "Continuing"),
    "latest": ("Mới nhất", "Latest"),
    "target": ("Chỉ tiêu", "Target"),
    "deadline": ("Thời hạn", "Deadline"),
    "probability": ("Xác suất đạt", "Probability"),
    "no_data": ("chưa có số liệu", "no data"),
    "not_assessed": ("chưa đánh giá", "not yet assessed"),
    "not_assessed_note": (
        "Phần đánh giá tiến độ chưa sẵn sàng; bảng chỉ hiển thị số liệu, chưa có nhận định.",
        "The progress assessment is not available yet; the board shows data without judgement.",
    ),
    "view_target": ("Xem chi tiết", "Details"),
    "qualitative": ("định tính", "qualitative"),
    "summary": ("Tổng hợp", "Summary"),
    "evidence_items": ("minh chứng", "evidence items"),
    "average": ("bình quân", "average"),
    "groups_hint": ("Bấm vào tên nhóm để mở hoặc thu gọn.", "Click a group's title to open or close it."),
    "growth_yearly": ("Tốc độ tăng so với năm trước", "Year-on-year growth"),
    "no_evidence_short": ("chưa có minh chứng", "no evidence yet"),
    "sources_list": ("Nguồn số liệu", "Sources"),
    "scroll_hint": ("Bảng cuộn được; tiêu đề cột cố định.", "The table scrolls; headers stay in place."),
    "targets_count": ("mục tiêu", "targets"),
    "source": ("Nguồn", "Source"),
    "published_on": ("Ngày công bố", "Published"),
    "rank_of": ("hạng", "rank"),
    "in_asean": ("trong ASEAN", "in ASEAN"),
    # target list / page
    "targets_title": ("Các mục tiêu", "Targets"),
    "targets_intro": (
        "Toàn bộ mục tiêu trong Nghị quyết 52-NQ/TW và Kết luận, nguyên văn, kèm chỉ số dùng để theo dõi.",
        "Every target of Resolution 52-NQ/TW and the Conclusion, verbatim, with the indicator used to follow it.",
    ),
    "target_id": ("Mã", "Code"),
    "document": ("Văn bản", "Document"),
    "section": ("Mục", "Section"),
    "kind": ("Loại", "Kind"),
    "kind_threshold": ("ngưỡng", "threshold"),
    "kind_growth": ("tăng trưởng", "growth"),
    "kind_rank": ("xếp hạng", "rank"),
    "kind_milestone": ("định tính", "milestone"),
    "indicator": ("Chỉ số", "Indicator"),
    "resolution_words": ("Nguyên văn văn bản", "The document's own words"),
    "gloss": ("Diễn giải tiếng Anh", "English gloss"),
    "chart_title": ("Chuỗi số liệu, lộ trình và dự báo", "Series, trajectory and forecast"),
    "series": ("Số liệu", "Observed"),
    "target_line": ("Chỉ tiêu", "Target"),
    "trajectory": ("Lộ trình đến chỉ tiêu", "Trajectory to target"),
    "forecast": ("Dự báo", "Forecast"),
    "band80": ("Khoảng dự báo 80%", "80% interval"),
    "band95": ("Khoảng dự báo 95%", "95% interval"),
    "year": ("Năm", "Year"),
    "assessment": ("Đánh giá", "Assessment"),
    "baseline": ("Giá trị gốc", "Baseline"),
    "share_covered": ("Phần khoảng cách đã đi được", "Share of the distance covered"),
    "growth_actual": ("Tăng trưởng bình quân thực tế", "Actual average growth"),
    "growth_required": ("Tăng trưởng bình quân cần thiết", "Required average growth"),
    "projection": ("Dự báo tại thời hạn", "Projection at the deadline"),
    "method": ("Phương pháp", "Method"),
    "reason": ("Lý do", "Reason"),
    "data_table": ("Bảng số liệu, nguồn và các lần điều chỉnh", "Data, sources and revisions"),
    "period": ("Kỳ", "Period"),
    "value": ("Giá trị", "Value"),
    "unit": ("Đơn vị", "Unit"),
    "revision": ("Điều chỉnh", "Revision"),
    "superseded": ("đã được thay thế", "superseded"),
    "current": ("hiện hành", "current"),
    "comment": ("Ghi chú", "Note"),
    "download": ("Tải dữ liệu", "Download data"),
    "peers_of_target": ("So sánh với các nước ASEAN", "ASEAN peers"),
    "peer_ranks": ("Thứ hạng trong nhóm", "Rank within the group"),
    "edition": ("Kỳ báo cáo", "Edition"),
    "rank": ("Hạng", "Rank"),
    "of_n": ("trên", "of"),
    "missing": ("Thiếu số liệu", "Missing"),
    "evidence_indicators": ("Chỉ số bổ trợ", "Supporting indicators"),
    "related_targets": ("Mục tiêu liên quan", "Related targets"),
    "no_indicator": (
        "Mục tiêu định tính: được đánh giá bằng minh chứng, không bằng một chỉ số.",
        "Qualitative target: judged on evidence, not by one indicator.",
    ),
    "evidence": ("Minh chứng đã ghi nhận", "Evidence recorded"),
    "no_evidence": ("Chưa có minh chứng nào được ghi nhận.", "No evidence has been recorded yet."),
    "assessor": ("Người đánh giá", "Assessor"),
    "judgement": ("Nhận định", "Judgement"),
    "date": ("Ngày", "Date"),
    "back_to_board": ("Về bảng theo dõi", "Back to the board"),
    "not_found": ("Không tìm thấy", "Not found"),
    "not_found_text": ("Trang hoặc mục tiêu này không tồn tại.", "This page or target does not exist."),
    # peers
    "peers_title": ("Việt Nam so với các nước ASEAN", "Viet Nam against ASEAN"),
    "peers_intro": (
        "Chính phủ điện tử, đổi mới sáng tạo, sử dụng Internet, băng rộng cố định và năng suất lao động. "
        "Việt Nam được tô đậm; các nước khác tô nhạt.",
        "E-government, innovation, internet use, fixed broadband and labour productivity. "
        "Viet Nam is highlighted; the other members are muted.",
    ),
    "country": ("Quốc gia", "Country"),
    "latest_year": ("Năm mới nhất", "Latest year"),
    "rank_asean": ("Hạng ASEAN", "ASEAN rank"),
    "choose_indicator": ("Chọn chỉ số", "Choose an indicator"),
    "over_time": ("Diễn biến theo thời gian", "Over time"),
    "latest_values": ("Giá trị mới nhất", "Latest values"),
    # provinces
    "provinces_title": ("Chỉ số chuyển đổi số cấp tỉnh (DTI)", "Provincial digital transformation index (DTI)"),
    "provinces_intro": (
        "DTI năm 2022 của 63 tỉnh, thành phố; và cùng số liệu quy đổi sang 34 đơn vị hành chính cấp tỉnh "
        "từ ngày 01/07/2025 theo phương án sắp xếp.",
        "DTI 2022 of the 63 provinces, and the same data carried onto the 34 provincial units in force "
        "from 1 July 2025 through the merger mapping.",
    ),
    "set63": ("63 tỉnh (trước 01/07/2025)", "63 provinces (before 1 July 2025)"),
    "set34": ("34 đơn vị (từ 01/07/2025)", "34 units (from 1 July 2025)"),
    "province": ("Tỉnh, thành phố", "Province"),
    "dti": ("DTI", "DTI"),
    "dti_rank": ("Hạng DTI", "DTI rank"),
    "population": ("Dân số trung bình (nghìn người)", "Average population (thousand)"),
    "predecessors": ("Các tỉnh trước sắp xếp", "Predecessor provinces"),
    "region": ("Vùng", "Region"),
    "map_legend": ("Hạng DTI 2022 (1 = cao nhất)", "DTI 2022 rank (1 = best)"),
    "map_value_63": ("Hạng DTI 2022 (trên 63)", "DTI 2022 rank (of 63)"),
    "map_value_34": ("Hạng bình quân của các tỉnh trước sắp xếp (trên 63)", "Mean rank of the predecessors (of 63)"),
    "rank_34": ("Thứ tự trong 34 đơn vị", "Order among the 34 units"),
    "dti_score": ("Điểm DTI", "DTI score"),
    "map_high": ("hạng 1", "rank 1"),
    "map_low": ("hạng 63", "rank 63"),
    "mean_rank": ("Hạng bình quân (trên 63)", "Mean rank (of 63)"),
    "rank_new": ("Thứ tự", "Order"),
    "scores_note": (
        "Cổng DTI công bố thứ hạng năm 2022 của cả 63 tỉnh, nhưng điểm số chỉ của 5 tỉnh dẫn đầu; bản đồ vì vậy "
        "tô màu theo thứ hạng.",
        "The DTI portal published the 2022 rank of all 63 provinces but the score of the top five only; the map "
        "is therefore coloured by rank.",
    ),
    "map_no_value": ("không có số liệu", "no value"),
    "map_note": (
        "Bản đồ thể hiện đầy đủ chủ quyền của Việt Nam, gồm quần đảo Hoàng Sa (thuộc thành phố Đà Nẵng) và "
        "quần đảo Trường Sa (thuộc tỉnh Khánh Hòa). Ranh giới theo geoBoundaries (63 tỉnh) và Bản đồ "
        "đơn vị hành chính sapnhap.bando.com.vn (34 đơn vị); có tính chất minh họa, không phải ranh giới "
        "pháp lý. Các đảo của hai quần đảo được vẽ bằng chấm tượng trưng (phóng to, không theo tỉ lệ) tại "
        "vị trí gần đúng của các đảo chính, cùng màu với đơn vị hành chính quản lý.",
        "The map shows the whole of Viet Nam, including the Hoàng Sa (Paracel) archipelago under Đà Nẵng city "
        "and the Trường Sa (Spratly) archipelago under Khánh Hòa province. Boundaries from geoBoundaries "
        "(63 provinces) and the administrative map at sapnhap.bando.com.vn (34 units); illustrative, not legal "
        "boundaries. The islands of the two archipelagos are drawn as enlarged symbolic dots (not to scale) at "
        "the approximate positions of the main islands, in the colour of the unit that administers them.",
    ),
    "merge_note": (
        "Quy đổi sang 34 đơn vị: DTI lấy trung bình cộng giản đơn của các tỉnh trước sắp xếp (tiền lệ chính "
        "thức đối với DTI) — điểm số khi mọi tỉnh cũ đều có điểm, và thứ hạng bình quân; các đơn vị được xếp "
        "thứ tự theo thứ hạng bình quân đó. Dân số là tổng. Đây là số liệu quy đổi, không phải kết quả đánh giá "
        "DTI chính thức của đơn vị mới.",
        "Carried onto the 34 units: DTI takes the simple mean of the predecessor provinces (the official "
        "precedent for DTI) — the score where every predecessor has one, and the mean rank; the units are "
        "ordered by that mean rank. Population is summed. These are derived values, not an official DTI of "
        "the new unit.",
    ),
    "hoang_sa": ("Quần đảo Hoàng Sa", "Hoàng Sa (Paracel) archipelago"),
    "truong_sa": ("Quần đảo Trường Sa", "Trường Sa (Spratly) archipelago"),
    "derived": ("quy đổi", "derived"),
    # tasks
    "tasks_title": ("Nhiệm vụ, giải pháp và cơ quan chịu trách nhiệm", "Tasks and responsible bodies"),
    "tasks_intro": (
        "Các nhóm nhiệm vụ, giải pháp của Nghị quyết và Kết luận, cơ quan chủ trì, và minh chứng đã ghi nhận.",
        "The groups of tasks of the Resolution and the Conclusion, the bodies responsible, and the evidence recorded.",
    ),
    "group": ("Nhóm nhiệm vụ", "Group"),
    "task": ("Nhiệm vụ", "Task"),
    "bodies": ("Cơ quan", "Bodies"),
    "duties": ("Trách nhiệm", "Duties"),
    "systems": ("Hệ thống", "Systems"),
    "linked_targets": ("Mục tiêu liên quan", "Linked targets"),
    "tasks_count": ("nhiệm vụ", "tasks"),
    "bodies_title": ("Cơ quan và trách nhiệm", "Bodies and their duties"),
    "no_tasks": ("Gói nội dung chưa có nhóm nhiệm vụ.", "The content pack has no task groups yet."),
    # api
    "api_title": ("API dữ liệu (JSON)", "Data API (JSON)"),
    "api_intro": (
        "Dữ liệu đã công bố, đọc qua API JSON tại /api/v1. Tài liệu OpenAPI: /openapi.json.",
        "Published data, read through the JSON API under /api/v1. OpenAPI document: /openapi.json.",
    ),
}

# Judgement words an assessor may use on milestones, beside the shared assessment statuses.
STATUS_LABELS: dict[str, tuple[str, str]] = {
    **SHARED_STATUS_LABELS,
    "achieved": ("Đã hoàn thành", "Achieved"),
    "on_track": ("Đúng tiến độ", "On track"),
    "partly_achieved": ("Hoàn thành một phần", "Partly achieved"),
    "in_progress": ("Đang thực hiện", "In progress"),
    "off_track": ("Chậm tiến độ", "Off track"),
    "not_achieved": ("Chưa đạt", "Not achieved"),
    "not_started": ("Chưa triển khai", "Not started"),
}

# Status → CSS tone (the label text always accompanies the colour).
STATUS_TONE: dict[str, str] = {
    "target_achieved": "achieved",
    "achieved": "achieved",
    "substantial_progress": "good",
    "on_track": "good",
    "moderate_progress": "moderate",
    "partly_achieved": "moderate",
    "in_progress": "moderate",
    "limited_progress": "limited",
    "off_track": "limited",
    "not_started": "limited",
    "deterioration": "bad",
    "not_achieved": "bad",
}


def pick_lang(value: str | None) -> Lang | None:
    """A supported language code, or None."""
    if value in LANGS:
        return value
    return None


def t(key: str, lang: Lang) -> str:
    """The label ``key`` in ``lang``; the key itself if unknown (visible in review, never a crash)."""
    pair = LABELS.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "vi" else pair[1]


def status_label(status: str | None, lang: Lang) -> str:
    """Human label of an assessment status (unknown statuses are shown with underscores as spaces)."""
    if not status:
        status = "not_assessed"
    pair = STATUS_LABELS.get(status)
    if pair is None:
        return status.replace("_", " ")
    return pair[0] if lang == "vi" else pair[1]


def status_tone(status: str | None) -> str:
    return STATUS_TONE.get(status or "", "neutral")


def fmt_number(value: float | int | None, lang: Lang, digits: int | None = None) -> str:
    """A number in the locale's format: ``12,63`` in Vietnamese, ``12.63`` in English; '–' for none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if digits is None:
        magnitude = abs(float(value))
        digits = 0 if magnitude >= 1000 else 1 if magnitude >= 100 else 2 if magnitude >= 1 else 3
        if float(value).is_integer() and magnitude < 1e15:
            digits = 0
    fmt = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    text = format_decimal(round(float(value), digits), format=fmt, locale="vi" if lang == "vi" else "en")
    return str(text)


def fmt_percent(share: float | None, lang: Lang, digits: int = 0) -> str:
    """A 0–1 share as a percentage (``72%``, locale decimal separator)."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    return fmt_number(share * 100, lang, digits) + "%"


def fmt_probability(p: float | None, lang: Lang) -> str:
    """A probability as a whole percentage, with '<1%' and '>99%' at the ends (never a false 0% or 100%)."""
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return "–"
    if p < 0.005:
        return "<1%"
    if p > 0.995:
        return ">99%"
    return fmt_percent(p, lang)


def fmt_date(value: dt.date | str | None, lang: Lang) -> str:
    """``dd/mm/yyyy`` in Vietnamese, ISO ``yyyy-mm-dd`` in English; '–' for none."""
    if value is None or value == "":
        return "–"
    day = dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value
    if isinstance(day, dt.datetime):
        day = day.date()
    return day.strftime("%d/%m/%Y") if lang == "vi" else day.isoformat()


def comparator_text(comparator: str, lang: Lang) -> str:
    """A comparator as words: '≥', 'khoảng', 'trong nhóm'…"""
    words = {
        ">=": ("≥", "≥"),
        ">": (">", ">"),
        "<=": ("≤", "≤"),
        "<": ("<", "<"),
        "==": ("=", "="),
        "about": ("khoảng", "about"),
        "rank_within": ("trong nhóm", "within top"),
        "qualitative": ("", ""),
    }
    pair = words.get(comparator, (comparator, comparator))
    return pair[0] if lang == "vi" else pair[1]


def is_rank_unit(unit: str | None) -> bool:
    return bool(unit) and str(unit).startswith("rank")


def doc_code(doc: str, lang: Lang) -> str:
    """A very short document label for cards: 'NQ 52' / 'KL' (Res. 52 / Concl.)."""
    pair = {"000": ("NQ 52", "Res. 52"), "001": ("Kết luận", "Conclusion")}.get(doc, (doc, doc))
    return pair[0] if lang == "vi" else pair[1]


def rank_scope(unit: str | None, lang: Lang) -> str:
    """Where a rank is counted, from its unit: 'thế giới', 'trong 63 tỉnh', 'ASEAN'."""
    text = unit or ""
    if "ASEAN" in text:
        return "ASEAN" if lang == "en" else "trong ASEAN"
    if "Southeast Asia" in text:
        return "in Southeast Asia" if lang == "en" else "Đông Nam Á"
    if "of 63" in text:
        return "of 63 provinces" if lang == "en" else "trong 63 tỉnh"
    if "UN Member States" in text:
        return "of UN members" if lang == "en" else "trong các nước LHQ"
    return "in the world" if lang == "en" else "thế giới"
