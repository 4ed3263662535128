"""The one formatter: hand-written expected strings in Vietnamese and English."""

from __future__ import annotations

import datetime as dt

import pytest

from dxtrack.analysis.assess import assess_growth, assess_threshold
from dxtrack.domain.status import Reason, Status
from dxtrack.present import (
    date_text,
    doc_short,
    group_scope,
    num,
    pct,
    period_text,
    prob,
    rank_text,
    reason_text,
    status_label,
    target_text,
    unit_text,
    value_unit,
)
from dxtrack.present.errors import AppError, error_body
from dxtrack.present.reasons import REASONS


def test_numbers_per_locale() -> None:
    assert (num(1234.5, "vi"), num(1234.5, "en")) == ("1.234,5", "1,234.5")
    assert (num(13.1749, "vi"), num(13.1749, "en")) == ("13,17", "13.17")
    assert num(12345.6, "vi") == "12.346"  # no decimal from 10 000 up
    assert num(30.0, "vi") == "30"  # no claimed precision
    assert num(-0.001, "en") == "0"
    assert num(None, "vi") == "—" and num(float("nan"), "en") == "—"
    assert pct(0.1317, "vi") == "13,17%" and pct(0.1317, "en") == "13.17%"


def test_probabilities_never_false_certainty() -> None:
    assert (prob(0.007, "vi"), prob(0.007, "en")) == ("dưới 1%", "under 1%")
    assert (prob(0.995, "vi"), prob(0.995, "en")) == ("trên 99%", "over 99%")
    assert prob(0.0, "vi") == "dưới 1%" and prob(1.0, "en") == "over 99%"
    assert prob(0.214, "vi") == "21%" and prob(0.01, "en") == "1%"
    assert prob(None, "vi") == "—"


def test_dates_and_periods() -> None:
    day = dt.date(2026, 11, 23)
    assert (date_text(day, "vi"), date_text(day, "en")) == ("23/11/2026", "23 Nov 2026")
    assert date_text("2026-11-23T10:00:00", "vi") == "23/11/2026"
    assert (period_text("2025-Q1", "vi"), period_text("2025-Q1", "en")) == ("quý I/2025", "Q1 2025")
    assert (period_text("2025-Q4", "vi"), period_text("2025-03", "vi")) == ("quý IV/2025", "tháng 3/2025")
    assert period_text("2025-03", "en") == "Mar 2025"
    assert (period_text("2025-H1", "vi"), period_text("2025-H2", "vi")) == (
        "6 tháng đầu năm 2025",
        "6 tháng cuối năm 2025",
    )
    assert period_text("2025-H2", "en") == "H2 2025"
    assert period_text("2020-2023", "en") == "2020–2023" and period_text("2024", "vi") == "2024"
    assert period_text("2024.0", "vi") == "2024"
    assert period_text("2025-06-30", "vi") == "30/06/2025"
    assert period_text("not a period", "en") == "not a period"


def test_status_labels_and_units() -> None:
    assert len(Status) == 10
    assert status_label(Status.TARGET_NOT_ACHIEVED, "vi") == "Không đạt"
    assert status_label("target_not_achieved", "en") == "Target not achieved"
    assert status_label(Status.AWAITING_OFFICIAL_DATA, "vi") == "Chờ số liệu chính thức"
    assert status_label("awaiting_official_data", "en") == "Awaiting official data"
    assert status_label(Status.SUBSTANTIAL_PROGRESS, "vi") == "Đúng hướng"
    assert status_label("substantial_progress", "en") == "On track"
    assert status_label(None, "vi") == "Chưa đánh giá"
    assert status_label("partly_achieved", "vi") == "Hoàn thành một phần"
    assert status_label("strange_status", "en") == "strange status"
    assert unit_text("% of GDP", "vi") == "% GDP" and unit_text("% of GDP", "en") == "% of GDP"
    assert value_unit(13.17, "% of GDP", "vi") == "13,17% GDP"
    assert value_unit(13.17, "% of GDP", "en") == "13.17% of GDP"
    assert value_unit(1, "1 = yes, 0 = no", "vi") == "có"
    assert value_unit(44, "rank (1=best)", "vi") == "hạng 44 thế giới"
    assert value_unit(44, "rank (1=best)", "en") == "44th in the world"


class _Group:
    def __init__(self, gid: str, vi: str, en: str, members: list[str] | None) -> None:
        self.id, self.name_vi, self.name_en, self.members = gid, vi, en, members


def test_target_wording_names_the_peer_group() -> None:
    asean = _Group("ASEAN", "Hiệp hội các quốc gia Đông Nam Á (ASEAN)", "Association of … (ASEAN)", ["VNM", "THA"])
    sea = _Group("SEA", "Khu vực Đông Nam Á", "Southeast Asia", ["VNM"])
    world = _Group("WORLD", "Thế giới", "World", None)
    assert group_scope(asean, "vi") == "trong ASEAN" and group_scope(asean, "en") == "in ASEAN"
    assert group_scope(sea, "vi") == "trong khu vực Đông Nam Á" and group_scope(sea, "en") == "in Southeast Asia"
    assert group_scope(world, "vi") == "thế giới"
    kw = dict(comparator=">=", value=30.0, unit="% of GDP", deadline=2030)
    assert target_text(**kw, lang="vi") == "≥ 30% GDP vào năm 2030"  # type: ignore[arg-type]
    assert target_text(**kw, lang="en") == "≥ 30% of GDP by 2030"  # type: ignore[arg-type]
    rank = dict(comparator="rank_within", value=3.0, unit="rank (1=best)", deadline=2025)
    in_asean = group_scope(asean, "vi")
    assert target_text(**rank, lang="vi", scope=in_asean) == "thuộc nhóm 3 dẫn đầu trong ASEAN vào năm 2025"  # type: ignore[arg-type]
    assert target_text(**rank, lang="en", scope=group_scope(asean, "en")) == "top 3 in ASEAN by 2025"  # type: ignore[arg-type]
    growth = target_text(comparator=">=", value=7.0, unit="%/year", deadline=2025, window=(2021, 2025), lang="vi")
    assert growth == "≥ 7%/năm giai đoạn 2021–2025"
    assert target_text(comparator="qualitative", value=None, unit=None, deadline=2030, lang="en") == (
        "qualitative, by 2030"
    )
    assert rank_text(3, group_scope(asean, "vi"), "vi", of=10) == "hạng 3/10 trong ASEAN"
    assert rank_text(3, group_scope(asean, "en"), "en", of=10) == "3rd of 10 in ASEAN"


def test_document_labels_come_from_the_pack() -> None:
    class Doc:
        id, short_vi, short_en = "000", "Nghị quyết 57-NQ/TW", "Resolution 57-NQ/TW"

    assert doc_short("000", "vi", [Doc()]) == "Nghị quyết 57-NQ/TW"
    assert doc_short("000", "en", [Doc()]) == "Resolution 57-NQ/TW"
    assert doc_short("000", "en") == "000"  # no strategy's wording lives in code: without the pack, the id
    assert doc_short("007", "vi", [Doc()]) == "007"


def test_reasons_render_by_code() -> None:
    window = Reason("no_observation_in_window", {"first": 2021, "last": 2025})
    assert reason_text(window, "vi") == "chưa có số liệu trong giai đoạn 2021–2025"
    assert reason_text(window, "en") == "no observation in 2021–2025"
    one = Reason("only_one_point", {"period": "2024-Q3", "since": 2019})
    assert reason_text(one, "vi") == "cần ít nhất hai kỳ số liệu (từ năm 2019 chỉ có quý III/2024)"
    as_json = {"reason_code": "no_edition_ranks", "reason_params": {"area": "VNM"}}
    assert reason_text(as_json, "vi") == "chưa có kỳ xếp hạng nào có Việt Nam"  # the area by name, not its code
    assert reason_text({"reason_code": "no_data_for", "reason_params": {"area": "THA"}}, "en") == "no data for THA"
    assert reason_text(None, "en") == "not enough data to assess"
    assert reason_text(Reason("made_up"), "vi") == "chưa đủ số liệu để đánh giá"


@pytest.mark.parametrize(
    ("years", "values"),
    [([], []), ([2015, 2016], [1.0, 2.0]), ([2020], [5.0]), ([2019, 2020], [-1.0, 2.0])],
)
def test_analysis_reasons_have_templates_matching_the_english_message(years: list[int], values: list[float]) -> None:
    import pandas as pd

    frame = pd.DataFrame({"period": [str(y) for y in years], "value": values, "obs_id": range(len(years))})
    for result in (
        assess_threshold(frame, target=10.0, deadline=2030, base_year=2019),
        assess_growth(frame, window=(2021, 2025), target_rate=7.0),
    ):
        if result.status != "insufficient_data":
            continue
        assert result.reason is not None and result.reason.code in REASONS
        english = reason_text(result.reason, "en")
        assert result.missing is not None
        assert english.split(" (")[0] == result.missing.split(" (")[0], (english, result.missing)


def test_error_catalogue_one_shape() -> None:
    err = AppError("invalid_as_of", {"value": "2024-13-45"})
    assert str(err) == "as_of '2024-13-45' is not a valid date; expected YYYY-MM-DD, e.g. 2025-06-30"
    assert err.status == 400
    body = error_body("target_not_found", {"target": "T9"}, "vi")
    assert body == {
        "error": "not_found",
        "code": "target_not_found",
        "params": {"target": "T9"},
        "detail": "không có mục tiêu 'T9'",
        "status": 404,
    }
    with pytest.raises(KeyError):
        AppError("no_such_code")


def test_cli_date_error_is_one_catalogued_line() -> None:
    from dxtrack.cli.common import parse_day

    with pytest.raises(AppError) as caught:
        parse_day("2024-13-45", "--as-of")
    assert str(caught.value) == "--as-of '2024-13-45' is not a date; expected YYYY-MM-DD"
    assert caught.value.message("vi") == "--as-of '2024-13-45' không phải là ngày; cần dạng YYYY-MM-DD"


def test_typed_result_keeps_the_json_keys_and_reads_the_same_words() -> None:
    from dxtrack.analysis.status import Point, TargetResult
    from dxtrack.catalog import load_pack
    from dxtrack.present.assessment import goal_text, latest_text, note_text, probability_text
    from dxtrack.services.results import Assessment

    pack = load_pack()
    target = pack.target("R52.2025.digital_economy_20")
    result = TargetResult(
        status="limited_progress",
        detail="limited_progress: 13.17 in 2024",
        method="opensdg",
        method_version="x",
        baseline=Point("2020", 12.66),
        latest=Point("2024", 13.17),
        probability=0.007,
        obs_ids=(3, 4),
    )
    a = Assessment.of(target, result)
    out = a.to_dict()
    assert list(out)[:9] == [
        "target", "kind", "indicator", "area", "status", "detail", "reason", "reason_code", "reason_params"
    ]  # fmt: skip
    assert out["latest"] == {"period": "2024", "value": 13.17} and out["observation_ids"] == [3, 4]
    assert Assessment.from_dict(out) == a
    groups = pack.peer_groups
    assert latest_text(a, "vi", groups) == "13,17% GDP (2024)"
    assert latest_text(a, "en", groups) == "13.17% of GDP (2024)"
    assert goal_text(a, "vi", groups) == "khoảng 20% GDP vào năm 2025"
    assert probability_text(a, "vi") == "dưới 1%" and note_text(a, "en") == ""


def test_the_assessment_vocabulary_is_the_status_enum() -> None:
    from dxtrack.analysis.opensdg import NOT_AVAILABLE
    from dxtrack.analysis.status import STATUS_VOCABULARY

    assert set(STATUS_VOCABULARY) | {NOT_AVAILABLE} <= {s.value for s in Status}
    assert Status.parse("limited_progress") is Status.LIMITED_PROGRESS and Status.parse("on_track") is None
