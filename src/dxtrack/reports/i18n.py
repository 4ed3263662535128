"""Report labels in Vietnamese and English. Formatting (numbers, dates, periods, units, ranks, reasons) is
:mod:`dxtrack.present`, the one formatter of every interface; it is re-exported here under the names the
report has always used.
"""

from __future__ import annotations

from dxtrack.present import (
    DOC_SHORT,
    LANGS,
    STATUS_LABELS,
    STATUS_ORDER,
    Lang,
    date_text,
    doc_short,
    num,
    ordinal_en,
    pct,
    period_text,
    place_date,
    prob,
    rank_scope,
    reason_text,
    status_label,
    value_unit,
)
from dxtrack.present import rank_text as _rank_text
from dxtrack.present import unit_in_text as unit_text
from dxtrack.present.vocab import UNITS_IN_TEXT_EN as UNITS_EN
from dxtrack.present.vocab import UNITS_IN_TEXT_VI as REPORT_UNITS_VI

__all__ = [
    "DOC_SHORT",
    "LANGS",
    "REPORT_UNITS_VI",
    "STATUS_LABELS",
    "STATUS_ORDER",
    "UNITS_EN",
    "Lang",
    "date_text",
    "doc_short",
    "label",
    "num",
    "ordinal_en",
    "pct",
    "period_text",
    "place_date",
    "prob",
    "rank_text",
    "reason_text",
    "status_label",
    "unit_text",
    "value_unit",
]


LABELS: dict[str, tuple[str, str]] = {
    "report": ("BÁO CÁO", "REPORT"),
    "review_interim": ("Sơ kết", "Interim review of"),
    "review_final": ("Tổng kết", "Final review of"),
    "title_tail": (
        "việc thực hiện Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị về một số chủ trương, chính sách "
        "chủ động tham gia cuộc Cách mạng công nghiệp lần thứ tư và Kết luận về tiếp tục thực hiện Nghị quyết",
        "the implementation of Politburo Resolution No. 52-NQ/TW of 27 September 2019 on policies to actively "
        "take part in the Fourth Industrial Revolution and of the Conclusion on continuing it",
    ),
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
    "s1_figures": ("Kết quả Kết luận của Bộ Chính trị đã nêu", "Results reported by the Politburo's Conclusion"),
    "s1_figures_intro": (
        "Các số liệu dưới đây được trích nguyên văn từ Kết luận (dự thảo) về tiếp tục thực hiện Nghị quyết; "
        "nguồn là chính văn bản này.",
        "The figures below are quoted from the (draft) Conclusion on continuing the Resolution; the source is "
        "that document itself.",
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
        "Các nhóm nhiệm vụ, giải pháp theo Nghị quyết và Kết luận, cơ quan chịu trách nhiệm và tình hình "
        "thực hiện đã được ghi nhận (minh chứng, đánh giá).",
        "The groups of tasks and solutions of the Resolution and the Conclusion, the responsible bodies and the "
        "recorded implementation (evidence, judgements).",
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
    "horizon_general": ("Mục tiêu tổng quát", "General objective"),
    "horizon_2025": ("Đến năm 2025", "By 2025"),
    "horizon_2030": ("Đến năm 2030", "By 2030"),
    "horizon_2045": ("Tầm nhìn 2045", "Vision 2045"),
    "horizon_continuing": ("Định hướng thường xuyên (Kết luận)", "Continuing (Conclusion)"),
}

def label(key: str, lang: Lang) -> str:
    pair = LABELS[key]
    return pair[0] if lang == "vi" else pair[1]


def rank_text(value: float, unit: str, lang: Lang) -> str:
    """A rank with where it counts, from a rank indicator's unit (``hạng 5 trong ASEAN`` / ``5th in ASEAN``)."""
    return _rank_text(value, rank_scope(unit, lang), lang)
