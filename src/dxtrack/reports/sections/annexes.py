"""The annexes: 1, the task list; 2, every target in one table; 3, the methods, the internal target codes and
the assessment run (the only place for codes and hashes); 4, the sources and the channels they came through."""

from __future__ import annotations

from dxtrack.domain.status import Status
from dxtrack.present import date_text, status_label
from dxtrack.present.backtest import held_out_note
from dxtrack.reports.facts import ReportFacts
from dxtrack.reports.i18n import label
from dxtrack.reports.model import BREAK, Block, Heading, Para, Row, Run, Section, Table, runs
from dxtrack.reports.sections.common import columns
from dxtrack.reports.sources import as_date
from dxtrack.reports.wording import pick

METHOD_TEXT: dict[str, tuple[str, str]] = {
    "opensdg": (
        "Mục tiêu ngưỡng (đạt một mức giá trị vào thời hạn): phương pháp tiến độ của open-sdg/Cục Thống kê "
        "Canada. Tỷ số P = tốc độ tăng bình quân thực tế từ năm gốc / tốc độ tăng bình quân cần thiết để đạt chỉ "
        "tiêu đúng hạn. P từ 0,95 trở lên: {substantial_progress}; từ 0,60 đến dưới 0,95: {moderate_progress}; "
        "từ 0 đến dưới 0,60: {limited_progress}; P âm: {deterioration}; "
        "giá trị mới nhất đã đạt chỉ tiêu: {target_achieved}.",
        "Threshold targets (a level by a deadline): the open-sdg / Statistics Canada progress method. "
        "P = actual compound annual growth since the base year / growth required to meet the target on time. "
        "P of 0.95 or more: {substantial_progress}; 0.60 to 0.95: {moderate_progress}; 0 to 0.60: "
        "{limited_progress}; negative P: {deterioration}; latest value meets the target: {target_achieved}.",
    ),
    "growth": (
        "Mục tiêu tốc độ tăng bình quân: tốc độ tăng kép bình quân năm trong giai đoạn của mục tiêu, so với tỷ "
        "lệ mục tiêu; tính tốc độ cần thiết cho các năm còn lại để đạt bình quân cả giai đoạn.",
        "Average-growth targets: compound annual growth over the target's window against the target rate, and "
        "the growth the remaining years need for the window's average to meet it.",
    ),
    "rank": (
        "Mục tiêu thứ hạng: thứ hạng của Việt Nam trong nhóm so sánh được tính lại từ số liệu của từng nước "
        "trong mỗi kỳ xếp hạng; xác suất đạt được ước lượng bằng mô phỏng Monte Carlo, dự báo đồng thời giá trị "
        "của tất cả các nước đến thời hạn.",
        "Rank targets: Viet Nam's rank within the peer group is recomputed from every member's own values in "
        "each edition; the probability is estimated by Monte Carlo simulation, projecting all members' values "
        "jointly to the deadline.",
    ),
    "milestone": (
        "Mục tiêu định tính: chỉ đánh giá theo minh chứng do cán bộ có tên ghi nhận (lệnh `dxtrack evidence "
        "add`); đánh giá gần nhất được sử dụng; không có minh chứng thì ghi {insufficient_data}, không suy đoán.",
        "Qualitative targets: judged only on evidence recorded by a named assessor (`dxtrack evidence add`); "
        "the latest judgement counts; without evidence the status is {insufficient_data}, never a guess.",
    ),
    "judging": (
        "Sau thời hạn: mục tiêu được đánh giá Đạt / Không đạt theo số liệu chính thức của kỳ đến hạn, ghi rõ cơ "
        "quan sản xuất số liệu và ngày công bố; khi chưa có số liệu đó: Chờ số liệu chính thức (giá trị mới nhất "
        "và dự báo chỉ để tham khảo), trừ khi kết quả đã rõ dù số liệu còn thiếu nhận bất kỳ giá trị nào trong "
        "giới hạn tự nhiên của chỉ số. Mục tiêu thứ hạng theo ấn bản (GII, Khảo sát Chính phủ điện tử của Liên hợp "
        "quốc): ấn bản có hiệu lực tại thời hạn quyết định; không dự báo ấn bản không có trong lịch công bố. Thứ "
        "hạng trong ASEAN đã được công bố được ưu tiên hơn thứ hạng tự tính; thứ hạng tự tính khi thiếu số liệu "
        'của một số nước được ghi rõ. Mục tiêu "duy trì" được đối chiếu ở mọi ấn bản trong giai đoạn. Xác '
        "suất trái với đánh giá xu hướng không được hiển thị.",
        "After the deadline a target is judged achieved or not achieved on the official figure for the deadline "
        "period, naming its producer and release date; until that figure is out it is awaiting official data "
        "(the latest value and the forecast are context only), unless the outcome is decided whatever value the "
        "missing data take within the indicator's natural bounds. Rank targets on editions (GII, UN E-Government "
        "Survey): the edition in force at the deadline decides; no edition outside the release schedule is "
        "forecast. Published ASEAN ranks take precedence over computed ones; a computed rank with members "
        "missing says so. 'Maintain' targets are checked in every edition of the period. A probability that "
        "contradicts the trend status is not shown.",
    ),
    "forecast": (
        "Dự báo: mô hình xu hướng phù hợp với chỉ số (tỷ lệ có giới hạn dùng mô hình logit, mức tuyệt đối dùng "
        "mô hình log-tuyến tính, có giảm dần xu hướng - damped) với khoảng dự báo 80% và 95%; xác suất đạt là "
        "xác suất giá trị dự báo tại thời hạn đạt chỉ tiêu. Lộ trình cần thiết là đường thẳng từ năm gốc đến "
        "chỉ tiêu (như khung Thập kỷ số của EU).",
        "Forecast: a trend model suited to the indicator (logit for bounded shares, log-linear for levels, "
        "damped) with 80% and 95% prediction intervals; the probability is that of the forecast at the deadline "
        "meeting the target. The required path is the straight line from the base year to the target (as the "
        "EU Digital Decade does).",
    ),
}


def all_targets(f: ReportFacts) -> Table:
    """Annex A: every target with its quote, indicator, baseline, latest figure, goal, status and method."""
    rows = []
    for i, t in enumerate(f.targets, 1):
        words: list[Run | str] = [
            Run(t.quote_vi, "quote"),
            " ",
            Run(f"({t.doc}, {t.section}; {t.horizon})", "doc"),
        ]
        if f.lang == "en":
            words += [BREAK, Run(t.text, "gloss")]
        latest = f"{t.latest} ({t.period})" if t.has_data else t.latest
        rows.append(
            Row(
                (
                    runs(str(i)),
                    runs(*words),
                    runs(t.indicator),
                    runs(t.baseline),
                    runs(latest, " ", Run(t.cite, "cite")) if t.cite else runs(latest),
                    runs(t.goal),
                    runs(t.deadline),
                    runs(Run(t.status_label, "status", t.status)),
                    runs(t.probability),
                )
            )
        )
    cols = columns(
        f.lang,
        ("col_no", 4, 1.0),
        ("col_target", 30, 7.6),
        ("col_indicator", 14, 3.6),
        ("col_baseline", 9, 2.4),
        ("col_latest", 13, 3.4),
        ("col_target_value", 11, 2.9),
        ("col_deadline", 6, 1.5),
        ("col_status", 8, 1.8),
        ("col_probability", 5, 1.5),
    )
    return Table(label("annex_a", f.lang), "full", cols, tuple(rows))


def methods(f: ReportFacts) -> list[Block]:
    """Annex B: one paragraph per method used (with its versions), then the run's date and hashes."""
    lang = f.lang
    used: dict[str, set[str]] = {}
    for r in f.results:
        used.setdefault(r.method, set()).add(r.method_version)
    models = sorted({r.projection.model for r in f.results if r.projection is not None and r.projection.model})
    rows: list[tuple[str, str]] = [
        (key, ", ".join(sorted(used[key]))) for key in ("opensdg", "growth", "rank", "milestone") if key in used
    ]
    rows.append(("judging", "dxtrack-judging-1"))
    rows.append(("forecast", ", ".join(models) or "—"))
    labels = {s.value: status_label(s.value, lang) for s in Status}  # the one status vocabulary
    out: list[Block] = [
        Para(
            runs(
                Run(key, "strong"),
                " ",
                Run(f"({version})", "small"),
                ": ",
                pick(*METHOD_TEXT[key], lang).format(**labels)
                + (" " + held_out_note(lang) if key == "forecast" else ""),
            )
        )
        for key, version in rows
    ]
    run = f.results[0].run if f.results else None
    as_of = label("data_as_of", lang)
    run_day = date_text(as_date(run.as_of), lang) if run else "—"
    words = pick("phiên bản phương pháp", "method version", lang), pick("mã băm danh mục", "catalogue hash", lang)
    data_hash = pick("mã băm dữ liệu", "data hash", lang)
    out.append(
        Para(
            runs(
                Run(label("run", lang), "strong"),
                f": {as_of.lower() if lang == 'vi' else as_of} {run_day}; {words[0]} ",
                Run(run.method_version if run else "", "code"),
                f"; {words[1]} ",
                Run(run.catalogue_hash if run else "", "code"),
                f"; {data_hash} ",
                Run(run.data_hash if run else "", "code"),
                ".",
            ),
            "run",
        )
    )
    title = f.pack.title_vi if lang == "vi" else f.pack.title_en
    out.append(Para(runs(f"{title} (v{f.pack.version})"), "small"))
    return out


def codes(f: ReportFacts) -> Table:
    """The internal code of each target (as the CLI, the web pages and the API name it) and its method."""
    rows = tuple(
        Row((runs(str(i)), runs(Run(t.id, "code")), runs(Run(t.quote_vi, "quote")), runs(Run(t.method, "code"))))
        for i, t in enumerate(f.targets, 1)
    )
    cols = columns(f.lang, ("col_no", 5, 1.0), ("col_code", 28, 7.0), ("col_target", 45, 12.0), ("col_method", 22, 5.7))
    return Table(label("col_code", f.lang), "full", cols, rows)


def sources(f: ReportFacts) -> Table:
    """Annex C: the sources in order of first citation (call last: the other sections cite first)."""
    rows = tuple(
        Row(
            (
                runs(f"[{s.n}]"),
                runs(s.producer),
                runs(s.publisher, ": ", s.title),
                runs(Run(s.url, "link") if s.is_url else s.url),
                runs(s.published),
                runs(s.retrieved),
            ),
            anchor=f"src-{s.n}",
        )
        for s in f.book.listing()
    )
    cols = columns(
        f.lang,
        ("[n]", 5, 1.2, "n"),
        ("col_producer", 17, 4.4),
        ("col_title", 30, 7.7),
        ("col_url", 25, 6.4, "url"),
        ("col_published", 13, 3.3),
        ("col_retrieved", 10, 2.7),
    )
    return Table(label("annex_c", f.lang), "sources", cols, rows)


def build(f: ReportFacts, task_list: list[Block]) -> Section:
    """The annexes (landscape pages): the task list first, the sources last (every citation made before)."""
    lang = f.lang
    blocks: list[Block] = [
        Heading(1, runs(label("annexes", lang)), "annex-title"),
        *task_list,
        Heading(2, runs(label("annex_a", lang))),
        all_targets(f),
        Heading(2, runs(label("annex_b", lang))),
        *methods(f),
        codes(f),
        Heading(2, runs(label("annex_c", lang))),
        sources(f),
    ]
    return Section("annexes", tuple(blocks), "annex")
