"""The report's own words in Vietnamese and English: headings, column names, fixed sentences.

Everything else — numbers, dates, periods, units, ranks, status names, reasons — is :mod:`dxtrack.present`,
the one formatter of every interface.
"""

from __future__ import annotations

from dxtrack.present import Lang, pick

LABELS: dict[str, tuple[str, str]] = {
    "report": ("BÁO CÁO", "REPORT"),
    "review_interim": ("Sơ kết", "Interim review of"),
    "review_final": ("Tổng kết", "Final review of"),
    "draft": ("BẢN DỰ THẢO TỰ ĐỘNG", "AUTOMATICALLY GENERATED DRAFT"),
    "draft_note": (
        "Báo cáo này do hệ thống dxtrack tự động lập từ danh mục mục tiêu, số liệu đã công bố và kết quả đánh giá; "
        "là bản dự thảo để cán bộ theo dõi rà soát, chỉnh sửa trước khi sử dụng. Mỗi số liệu đều ghi nguồn [n], "
        "danh mục nguồn tại Phụ lục 5.",
        "This report was generated automatically by dxtrack from the target catalogue, published data and the "
        "assessment; it is a draft for the monitoring officer to review and edit before use. Every figure cites "
        "its source [n]; the sources are listed in Annex 5.",
    ),
    "data_as_of": ("Số liệu tính đến ngày", "Data published up to"),
    "run": ("Lượt đánh giá", "Assessment run"),
    "intro": (
        "Thực hiện {docs}, trên cơ sở số liệu đã công bố tính đến ngày {day}, báo cáo {review} như sau:",
        "Pursuant to {docs}, on the data published up to {day}, this report reviews the implementation as follows:",
    ),
    "sec1": ("CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, ĐIỀU HÀNH", "LEADERSHIP, DIRECTION AND MANAGEMENT"),
    "sec2": ("KẾT QUẢ THỰC HIỆN", "RESULTS"),
    "sec3": ("TỒN TẠI, HẠN CHẾ", "SHORTCOMINGS AND LIMITATIONS"),
    "sec4": ("NGUYÊN NHÂN", "CAUSES"),
    "sec5": ("NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI", "KEY TASKS FOR THE COMING PERIOD"),
    "sec6": ("ĐỀ XUẤT, KIẾN NGHỊ", "PROPOSALS AND RECOMMENDATIONS"),
    "s1_committees": ("Thành lập, kiện toàn ban chỉ đạo các cấp", "Steering committees at every level"),
    "s1_plans": ("Ban hành chương trình, kế hoạch thực hiện", "Programmes and plans issued"),
    "s1_direction": (
        "Thành lập, kiện toàn ban chỉ đạo; ban hành chương trình, kế hoạch thực hiện",
        "Steering committees set up; programmes and plans issued",
    ),
    "according_to": (
        "Theo báo cáo của {unit} (tiếp nhận ngày {day}): ",
        "According to the report of {unit}, accepted on {day}: ",
    ),
    "s2_units_general": ("Các cơ quan, đơn vị báo cáo chung:", "The bodies' general account:"),
    "s3_units": ("Tồn tại, hạn chế do các cơ quan, đơn vị báo cáo", "Shortcomings the bodies report"),
    "s4_objective": (
        "Nguyên nhân khách quan (theo báo cáo của các cơ quan, đơn vị)",
        "Objective causes (as the bodies report them)",
    ),
    "s4_subjective": (
        "Nguyên nhân chủ quan (theo báo cáo của các cơ quan, đơn vị)",
        "Subjective causes (as the bodies report them)",
    ),
    "s4_lessons": ("Bài học kinh nghiệm", "Lessons learned"),
    "s5_units": ("Nhiệm vụ trọng tâm do các cơ quan, đơn vị đề ra", "Key tasks the bodies set themselves"),
    "s1_tasks": ("Tình hình thực hiện nhiệm vụ được giao", "Tasks assigned, completed and not completed"),
    "no_material": (
        "Chưa có báo cáo của các cơ quan, đơn vị về nội dung này.",
        "No report from the bodies on this yet.",
    ),
    "s1_task_stats": (
        "{docs} giao {n} nhiệm vụ cho các cơ quan; {due} nhiệm vụ có thời hạn đến ngày {day}, {recurring} "
        "nhiệm vụ thường xuyên hoặc hằng năm, {open} nhiệm vụ không ghi thời hạn. Danh mục nhiệm vụ theo nhóm và "
        "cơ quan tại Phụ lục 1; nhiệm vụ đến hạn chưa hoàn thành tại Phụ lục 2.",
        "{docs}: {n} tasks assigned; {due} fall due by {day}, {recurring} are continuing or annual and {open} have "
        "no deadline. The tasks by group and body are listed in Annex 1, those due and not completed in Annex 2.",
    ),
    "s1_tasks_none": (
        "Số nhiệm vụ đã hoàn thành, chưa hoàn thành: chưa có báo cáo đã được tiếp nhận của các cơ quan.",
        "Tasks completed and not completed: no accepted report from the bodies yet.",
    ),
    "s1_tasks_done": (
        "Theo báo cáo đã được tiếp nhận của các cơ quan, đến ngày {day}: trong {due} nhiệm vụ đã đến hạn, {done} "
        "nhiệm vụ hoàn thành đúng hạn ({share}), {late} nhiệm vụ hoàn thành quá hạn, {overdue} nhiệm vụ đến hạn "
        "chưa hoàn thành (trong đó {silent} nhiệm vụ chưa được báo cáo); chi tiết theo cơ quan chủ trì tại bảng "
        "dưới đây.",
        "According to the bodies' accepted reports, as of {day}: of the {due} tasks due, {done} were completed on "
        "time ({share}), {late} completed late and {overdue} are due and not completed ({silent} of them not "
        "reported on); by lead body in the table below.",
    ),
    "s1_tasks_none_due": (
        "Theo báo cáo đã được tiếp nhận của các cơ quan, đến ngày {day} chưa có nhiệm vụ nào đến hạn; tình hình "
        "theo cơ quan chủ trì tại bảng dưới đây.",
        "According to the bodies' accepted reports, no task is due as of {day}; by lead body in the table below.",
    ),
    "s1_tasks_table": (
        "Tình hình thực hiện nhiệm vụ theo cơ quan chủ trì, đến ngày {day}",
        "Tasks by lead body, as of {day}",
    ),
    "s1_units_heard": ("({n}/{of} đơn vị đã báo cáo)", "({n} of {of} units reported)"),
    "s5_overdue": (
        "Tập trung hoàn thành {n} nhiệm vụ đã đến hạn nhưng chưa hoàn thành (danh mục tại Phụ lục 2).",
        "Complete the {n} tasks due and not yet completed (listed in Annex 2).",
    ),
    "s1_total": ("Tổng số (mỗi nhiệm vụ tính một lần)", "Total (each task counted once)"),
    "s1_tasks_shared": (
        "Nhiệm vụ do nhiều cơ quan cùng chủ trì được tính cho mỗi cơ quan; ở dòng tổng số, nhiệm vụ đó chỉ được "
        "tính là hoàn thành khi mọi cơ quan chủ trì đều báo cáo hoàn thành. Nhiệm vụ giao chung cho các bộ, ngành "
        "hoặc các tỉnh, thành phố chỉ được tính là đã báo cáo khi mọi đơn vị đều đã báo cáo.",
        "A task led by several bodies is counted for each of them; in the total it counts as completed only when "
        "every lead body reports it completed. A task given to all ministries or all provinces counts as reported "
        "only when every one of them has reported.",
    ),
    "col_lead": ("Cơ quan chủ trì", "Lead body"),
    "col_assigned": ("Được giao", "Led"),
    "col_due": ("Đã đến hạn", "Due"),
    "col_done": ("Hoàn thành đúng hạn", "Done on time"),
    "col_done_late": ("Hoàn thành quá hạn", "Done late"),
    "col_in_progress": ("Đang thực hiện", "Ongoing"),
    "col_not_started": ("Chưa triển khai", "Not started"),
    "col_not_reported": ("Chưa báo cáo", "No report"),
    "col_overdue": ("Đến hạn chưa hoàn thành", "Due, not done"),
    "col_on_time": ("Tỷ lệ đúng hạn", "Share on time"),
    "s2_group_none": (
        "Chưa có báo cáo đã được tiếp nhận của các cơ quan về nhóm nhiệm vụ này.",
        "No accepted report from the bodies on this task group yet.",
    ),
    "s2_group_targets": ("Mục tiêu liên quan:", "Related targets:"),
    "s2_group_tasks": (
        "Tình hình thực hiện {n} nhiệm vụ của nhóm (theo báo cáo đã được tiếp nhận): hoàn thành đúng hạn {done}, "
        "hoàn thành quá hạn {late}, đang thực hiện {ongoing}, chưa triển khai {idle}, chưa báo cáo {silent}; "
        "{overdue} nhiệm vụ đến hạn chưa hoàn thành.",
        "The group's {n} tasks as the accepted reports give them: done on time {done}, done late {late}, ongoing "
        "{ongoing}, not started {idle}, not reported {silent}; {overdue} due and not done.",
    ),
    "s2_targets": ("Kết quả thực hiện các mục tiêu", "Results against the targets"),
    "s2_general": ("Đánh giá chung", "General assessment"),
    "s2_count": (
        "{doc} đặt ra {n} mục tiêu cụ thể{by}, cùng mục tiêu tổng quát và tầm nhìn dài hạn{more}.",
        "{doc} sets {n} specific targets{by}, besides its general objective and long-term vision{more}.",
    ),
    "s2_verdicts": ("Các mục tiêu đã đến hạn", "Targets whose deadline has passed"),
    "context": ("tham khảo, không dùng để đánh giá", "context only, not used to judge"),
    "judging_measure": ("Thước đo đánh giá", "Judged on"),
    "missing_peers": (
        "thứ hạng tính từ số liệu các nước có trong ấn bản, thiếu {peers}",
        "rank computed from the members covered by the edition, without {peers}",
    ),
    "continued_by": ("Mục tiêu được {doc} tiếp tục", "Targets carried on by {doc}"),
    "s5_due": ("Nhiệm vụ đến hạn trong 12 tháng tới", "Tasks due in the next 12 months"),
    "s5_group": (
        "{n} nhiệm vụ (danh mục tại Phụ lục 1).",
        "{n} tasks (listed in Annex 1).",
    ),
    "s5_none_due": (
        "Không có nhiệm vụ nào có thời hạn trong 12 tháng tới.",
        "No task falls due in the next 12 months.",
    ),
    "s6_none": (
        "Chưa có đề xuất, kiến nghị nào được các cơ quan gửi.",
        "No proposal or recommendation has been submitted by the bodies yet.",
    ),
    "s3_notes_limits": ("Nhận định của cán bộ phân tích", "Analysts' notes"),
    "annexes": ("PHỤ LỤC", "ANNEXES"),
    "annex_tasks": ("Phụ lục 1. Danh mục nhiệm vụ theo nhóm và cơ quan", "Annex 1. Tasks by group and body"),
    "annex_a": ("Phụ lục 3. Bảng tổng hợp các mục tiêu", "Annex 3. All targets"),
    "annex_b": ("Phụ lục 4. Phương pháp đánh giá và mã số nội bộ", "Annex 4. Methods and internal codes"),
    "annex_c": ("Phụ lục 5. Nguồn số liệu và kênh truy cập", "Annex 5. Sources and retrieval channels"),
    "annex_overdue": (
        "Phụ lục 2. Danh mục nhiệm vụ đến hạn chưa hoàn thành, theo cơ quan chủ trì",
        "Annex 2. Tasks due and not completed, by lead body",
    ),
    "overdue_intro": (
        "Nhiệm vụ có thời hạn trước ngày {day} mà cơ quan chủ trì chưa báo cáo hoàn thành (theo các báo cáo đã "
        "được tiếp nhận đến ngày {day}); nhiệm vụ chưa được báo cáo cũng được liệt kê.",
        "Tasks due before {day} that the lead body has not reported completed (in the reports accepted by {day}); "
        "tasks not reported on are listed too.",
    ),
    "overdue_none": (
        "Không có nhiệm vụ nào đến hạn mà chưa hoàn thành.",
        "No task is due and not completed.",
    ),
    "col_reported": ("Tình hình thực hiện (theo báo cáo)", "Reported status"),
    "col_producer": ("Cơ quan sản xuất số liệu, ấn bản", "Producer, publication"),
    "col_code": ("Mã mục tiêu", "Target code"),
    "chart_source": ("Nguồn", "Source"),
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
        "Chưa có nhận định của cán bộ phân tích về nguyên nhân của các tồn tại, hạn chế nêu tại mục III; "
        "nguyên nhân không được suy diễn từ số liệu.",
        "No analyst's note on the causes of the shortcomings in section III yet; causes are not inferred from "
        "the data.",
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
    "no_data": ("chưa có số liệu", "no data"),
    "related_none": ("văn bản không gắn với mục tiêu đo được", "not linked to a measured target"),
    "chart_none": (
        "Các mục tiêu định lượng chưa có số liệu nên chưa có biểu đồ: ",
        "Quantified targets without data, hence no chart: ",
    ),
    "chart_none_many": (
        "{n} mục tiêu định lượng chưa có số liệu nên chưa có biểu đồ; danh sách tại mục III.",
        "{n} quantified targets have no data, hence no chart; they are listed in section III.",
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
    "partial_rank": (
        "Tính trên các nước có số liệu (thiếu một số nước)",
        "Computed on the members with data (some missing)",
    ),
    "rank_axis": ("Thứ hạng (1 = cao nhất)", "Rank (1 = best)"),
}


def label(key: str, lang: Lang) -> str:
    """A report label in ``lang``."""
    return pick(LABELS[key], lang)
