"""Interface labels of the web pages in Vietnamese (default) and English.

Formatting and the shared vocabulary (numbers, dates, periods, statuses, units, ranks, target wording,
reasons) are :mod:`dxtrack.present`, the same for the CLI, the pages and the report.
"""

from __future__ import annotations

from dxtrack.present import LANGS, STATUS_ORDER, Lang, pick, pick_lang

__all__ = ["LANGS", "STATUS_ORDER", "Lang", "pick_lang", "t"]

DEFAULT_LANG: Lang = "vi"

LABELS: dict[str, tuple[str, str]] = {
    # layout
    "site_title": ("Theo dõi chuyển đổi số quốc gia", "National digital transformation tracker"),
    "nav_board": ("Bảng theo dõi", "Status board"),
    "nav_targets": ("Mục tiêu", "Targets"),
    "nav_peers": ("So sánh quốc tế", "International peers"),
    "nav_provinces": ("Tỉnh thành", "Provinces"),
    "nav_tasks": ("Nhiệm vụ & cơ quan", "Tasks & bodies"),
    "nav_loop": ("Báo cáo định kỳ", "Reporting"),
    "nav_api": ("API", "API"),
    "lang_switch": ("English", "Tiếng Việt"),
    "nav_account": ("Tài khoản", "Account"),
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
        "Mỗi thẻ là một mục tiêu của {docs}: giá trị mới nhất, chỉ tiêu, thời hạn, "
        "mức độ tiến triển và xác suất đạt được theo xu hướng hiện tại.",
        "Each card is one target of {docs}: latest value, target, deadline, "
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
    # target list / page
    "targets_title": ("Các mục tiêu", "Targets"),
    "targets_intro": (
        "Toàn bộ mục tiêu trong {docs}, nguyên văn, kèm chỉ số dùng để theo dõi.",
        "Every target of {docs}, verbatim, with the indicator used to follow it.",
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
    "peers_of_target": ("So sánh", "Peers"),
    "peer_ranks": ("Thứ hạng qua các kỳ", "Rank by edition"),
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
    "peers_title": ("Việt Nam so với các nước {group}", "Viet Nam against {group}"),
    "peers_intro": (
        "Chính phủ điện tử, đổi mới sáng tạo, sử dụng Internet, băng rộng cố định và năng suất lao động. "
        "Việt Nam được tô đậm; các nước khác tô nhạt.",
        "E-government, innovation, internet use, fixed broadband and labour productivity. "
        "Viet Nam is highlighted; the other members are muted.",
    ),
    "country": ("Quốc gia", "Country"),
    "latest_year": ("Năm mới nhất", "Latest year"),
    "rank_in_group": ("Hạng {scope}", "Rank {scope}"),
    "peers_rank_note": (
        "Hạng {scope} tính theo giá trị mới nhất của từng nước (năm có thể khác nhau); hạng 1 = tốt nhất.",
        "Rank {scope} by each member’s latest value (years may differ); rank 1 = best.",
    ),
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
    "map_value_34": (
        "Hạng cao nhất trong các tỉnh trước sắp xếp (trên 63)",
        "Best rank among the predecessors (of 63)",
    ),
    "best_predecessor_rank": ("Hạng cao nhất của tỉnh cũ (trên 63)", "Best predecessor rank (of 63)"),
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
        "Quy đổi sang 34 đơn vị (cùng cách tính với lệnh `dxtrack index provinces`): điểm DTI là trung bình "
        "cộng giản đơn của mọi tỉnh trước sắp xếp (tiền lệ chính thức đối với DTI), chỉ khi tỉnh cũ nào cũng có "
        "điểm; thứ hạng trong 34 đơn vị được xếp lại từ các điểm đó, không lấy bình quân thứ hạng. Vì năm 2022 "
        "chỉ công bố điểm của 5 tỉnh dẫn đầu, phần lớn đơn vị mới chưa có hạng; bảng nêu hạng cao nhất của các "
        "tỉnh cũ. Dân số là tổng. Đây là số liệu quy đổi, không phải kết quả đánh giá DTI chính thức.",
        "Carried onto the 34 units (the same computation as `dxtrack index provinces`): the DTI score is the "
        "simple mean of all predecessor provinces (the official precedent for DTI), only where every "
        "predecessor has a score; the rank among the 34 is recomputed from those scores, never an average of "
        "ranks. As 2022 scores were published for the top five only, most units have no rank; the table gives "
        "the best rank among the predecessors. Population is summed. These are derived values, not an "
        "official DTI.",
    ),
    "hoang_sa": ("Quần đảo Hoàng Sa", "Hoàng Sa (Paracel) archipelago"),
    "truong_sa": ("Quần đảo Trường Sa", "Trường Sa (Spratly) archipelago"),
    "derived": ("quy đổi", "derived"),
    # tasks
    "tasks_title": ("Nhiệm vụ, giải pháp và cơ quan chịu trách nhiệm", "Tasks and responsible bodies"),
    "tasks_intro": (
        "Các nhóm nhiệm vụ, giải pháp thực hiện {short}, cơ quan chủ trì và minh chứng đã ghi nhận.",
        "The groups of tasks implementing {short}, the bodies responsible, and the evidence recorded.",
    ),
    "group": ("Nhóm nhiệm vụ", "Group"),
    "task": ("Nhiệm vụ", "Task"),
    "bodies": ("Cơ quan", "Bodies"),
    "reported_state": ("Tình hình (theo báo cáo)", "Reported status"),
    "product": ("Kết quả", "Product"),
    "bodies_lead": ("Cơ quan chủ trì, phối hợp", "Lead and co-operating bodies"),
    "cooperating": ("Phối hợp", "With"),
    "leads_word": ("Chủ trì", "Leads"),
    "cooperates_word": ("phối hợp", "co-operates on"),
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
    # search, charts, accessibility
    "search": ("Tìm kiếm", "Search"),
    "search_label": ("Tìm mục tiêu, chỉ số, nhiệm vụ, cơ quan", "Search targets, indicators, tasks, bodies"),
    "search_placeholder": ("vd. chuyển đổi số", "e.g. digital economy"),
    "search_title": ("Tìm kiếm", "Search"),
    "search_intro": (
        "Tìm trong mục tiêu, chỉ số, nhiệm vụ và cơ quan; gõ có dấu hoặc không dấu đều được.",
        "Searches targets, indicators, tasks and bodies; Vietnamese may be typed with or without diacritics.",
    ),
    "search_results": ("kết quả cho", "results for"),
    "search_none": ("Không tìm thấy kết quả nào.", "Nothing matches."),
    "search_empty": ("Nhập từ cần tìm.", "Type what to look for."),
    "kind_target": ("Mục tiêu", "Targets"),
    "kind_indicator": ("Chỉ số", "Indicators"),
    "kind_task": ("Nhiệm vụ", "Tasks"),
    "kind_body": ("Cơ quan", "Bodies"),
    "permalink": ("Liên kết cố định", "Permalink"),
    "download_png": ("Tải ảnh PNG", "Download PNG"),
    "chart_data": ("Bảng số liệu của biểu đồ", "Data behind the chart"),
    "map_data_hint": (
        "Bản đồ có thể kéo, phóng to; số liệu của bản đồ nằm trong bảng tỉnh thành trên trang này.",
        "The map can be dragged and zoomed; its data is in the province table on this page.",
    ),
    "table_of": ("Bảng", "Table"),
    "showing": ("Đang hiển thị", "Showing"),
    "main_nav": ("Điều hướng chính", "Main navigation"),
    "status_filter": ("Lọc theo mốc", "Filter by horizon"),
}


def t(key: str, lang: Lang, **params: str) -> str:
    """The label ``key`` in ``lang`` with its ``{placeholders}`` filled from ``params`` (pack wording: the
    strategy's name, its documents, its peer group); the key itself if unknown (visible in review, never a crash)."""
    pair = LABELS.get(key)
    if pair is None:
        return key
    text = pick(pair, lang)
    return text.format(**params) if params else text
