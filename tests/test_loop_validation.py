"""Validation of a unit's report: each rule with a hand-computed case, and outliers against the unit's history."""

from __future__ import annotations

import pytest

from dxtrack.services.validation import validate

ITEMS = [
    {"id": "RANK", "kind": "indicator", "rules": {"min": 1.0, "integer": True}},
    {"id": "SHARE", "kind": "indicator", "rules": {"min": 0.0, "max": 100.0, "required": True}},
    {
        "id": "T1",
        "kind": "task",
        "rules": {"statuses": ["in_progress", "completed"], "evidence_required_for": ["completed"]},
    },
    {"id": "section.results", "kind": "section", "rules": {}},
]


def rules_broken(values: dict[str, object], history: dict[str, list[float]] | None = None,
                 comments: dict[str, str] | None = None) -> list[tuple[str, str]]:  # fmt: skip
    errors, _ = validate(ITEMS, values, comments or {}, history or {})
    return [(e.item, e.rule) for e in errors]


def test_each_rule() -> None:
    ok = {"SHARE": 50.0}
    assert rules_broken(ok) == []
    assert rules_broken({}) == [("SHARE", "required")]
    assert rules_broken(ok | {"RANK": 0}) == [("RANK", "min")]
    assert rules_broken(ok | {"RANK": 2.5}) == [("RANK", "integer")]
    assert rules_broken({"SHARE": 100.01}) == [("SHARE", "max")]
    assert rules_broken({"SHARE": True}) == [("SHARE", "type")]
    assert rules_broken(ok | {"T1": {"status": "done"}}) == [("T1", "statuses")]
    assert rules_broken(ok | {"T1": {"status": "completed", "evidence": []}}) == [("T1", "evidence_required")]
    assert rules_broken(ok | {"T1": {"status": "completed", "evidence": ["qd.pdf"]}}) == []
    assert rules_broken(ok | {"T1": {"status": "in_progress", "extra": 1}}) == [("T1", "type")]
    assert rules_broken(ok | {"section.results": ["not", "text"]}) == [("section.results", "type")]
    assert rules_broken(ok | {"X": 1}) == [("X", "unknown_item")]


def test_outliers_are_warnings_that_need_a_comment() -> None:
    # history 10, 11, 12, 11, 10: median 11, MAD 1; 40 gives modified z = 0.6745 · 29 / 1 = 19.56 > 3.5
    history = {"SHARE": [10.0, 11.0, 12.0, 11.0, 10.0]}
    errors, warnings = validate(ITEMS, {"SHARE": 40.0}, {}, history)
    assert [(w.item, w.rule) for w in warnings] == [("SHARE", "outlier")]
    assert "z 19.6" in warnings[0].message
    assert [(e.item, e.rule) for e in errors] == [("SHARE", "comment_required")]
    errors, warnings = validate(ITEMS, {"SHARE": 40.0}, {"SHARE": "Đổi phương pháp đo"}, history)
    assert errors == [] and len(warnings) == 1
    # 14 is z = 0.6745 · 3 = 2.02: no outlier
    assert validate(ITEMS, {"SHARE": 14.0}, {}, history) == ([], [])


def test_learned_min_max_when_the_mad_is_zero() -> None:
    # history 10, 10, 10, 20: MAD 0; learned range 10–20 widened by its spread (10) to 0–30
    history = {"SHARE": [10.0, 10.0, 10.0, 20.0]}
    assert validate(ITEMS, {"SHARE": 30.0}, {}, history) == ([], [])
    _, warnings = validate(ITEMS, {"SHARE": 31.0}, {"SHARE": "ok"}, history)
    assert [(w.item, w.rule, w.message) for w in warnings] == [
        ("SHARE", "minmax", "31 is outside the range learned from past values (10–20)")
    ]
    # fewer than three past values: no outlier check
    assert validate(ITEMS, {"SHARE": 99.0}, {}, {"SHARE": [1.0, 2.0]}) == ([], [])


# Each rule's message in Vietnamese and English (the catalogue's text, written out by hand).
MESSAGES = [
    ({}, "SHARE", "mục 'SHARE', quy tắc 'required': mục này bắt buộc phải báo cáo",
     "item 'SHARE', rule 'required': this item must be reported"),
    ({"SHARE": 50.0, "X": 1}, "X", "mục 'X', quy tắc 'unknown_item': không phải là mục của mẫu báo cáo của đơn vị này",
     "item 'X', rule 'unknown_item': not an item of this unit's template"),
    ({"SHARE": "năm mươi"}, "SHARE", "mục 'SHARE', quy tắc 'type': 'năm mươi' không phải là số",
     "item 'SHARE', rule 'type': 'năm mươi' is not a number"),
    ({"SHARE": 50.0, "RANK": 0}, "RANK", "mục 'RANK', quy tắc 'min': 0 nhỏ hơn giá trị tối thiểu 1",
     "item 'RANK', rule 'min': 0 is below the minimum 1"),
    ({"SHARE": 100.5}, "SHARE", "mục 'SHARE', quy tắc 'max': 100.5 lớn hơn giá trị tối đa 100",
     "item 'SHARE', rule 'max': 100.5 is above the maximum 100"),
    ({"SHARE": 50.0, "RANK": 2.5}, "RANK",
     "mục 'RANK', quy tắc 'integer': 2.5 không phải là số nguyên (số đếm hoặc thứ hạng)",
     "item 'RANK', rule 'integer': 2.5 is not a whole number (a count or a rank)"),
    ({"SHARE": 50.0, "T1": "xong"}, "T1",
     'mục \'T1\', quy tắc \'type\': giá trị của nhiệm vụ có dạng {"status", "note", "product", "evidence"}',
     'item \'T1\', rule \'type\': a task\'s value is {"status", "note", "product", "evidence"}'),
    ({"SHARE": 50.0, "T1": {"status": "completed", "date": 1}}, "T1",
     "mục 'T1', quy tắc 'type': trường 'date' không có; chỉ dùng status, note, product, evidence",
     "item 'T1', rule 'type': unknown field 'date'; expected status, note, product, evidence"),
    ({"SHARE": 50.0, "T1": {"status": "done"}}, "T1",
     "mục 'T1', quy tắc 'statuses': tình trạng 'done' không thuộc các giá trị: in_progress, completed",
     "item 'T1', rule 'statuses': status 'done' is not one of in_progress, completed"),
    ({"SHARE": 50.0, "T1": {"status": "completed", "evidence": [""]}}, "T1",
     "mục 'T1', quy tắc 'type': minh chứng là danh sách đường dẫn hoặc tên tệp",
     "item 'T1', rule 'type': evidence is a list of links or file names"),
    ({"SHARE": 50.0, "T1": {"status": "completed"}}, "T1",
     "mục 'T1', quy tắc 'evidence_required': nhiệm vụ báo cáo 'Đã hoàn thành' cần có minh chứng (đường dẫn hoặc tệp)",
     "item 'T1', rule 'evidence_required': a task reported 'Completed' needs evidence (a link or a file)"),
    ({"SHARE": 50.0, "section.results": 3}, "section.results",
     "mục 'section.results', quy tắc 'type': nội dung của phần báo cáo phải là văn bản",
     "item 'section.results', rule 'type': a section's value is text"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("values", "item", "vi", "en"), MESSAGES, ids=[m[2].split("'")[3] + "-" + m[1] for m in MESSAGES]
)
def test_each_rule_speaks_vietnamese_and_english(values: dict[str, object], item: str, vi: str, en: str) -> None:
    errors, _ = validate(ITEMS, values, {}, {})
    (issue,) = [e for e in errors if e.item == item]
    assert (issue.text("vi"), issue.text("en"), str(issue)) == (vi, en, en)


def test_warnings_and_their_comment_rule_in_both_languages() -> None:
    history = {"SHARE": [10.0, 11.0, 12.0, 11.0, 10.0]}  # median 11, MAD 1: 40 has z = 0.6745 · 29 = 19.56
    errors, (warning,) = validate(ITEMS, {"SHARE": 40.0}, {}, history)
    assert warning.text("vi") == (
        "mục 'SHARE', quy tắc 'outlier': 40 khác xa các giá trị trước đây của đơn vị (trung vị 11, z 19.6)"
    )
    assert (
        warning.text("en") == "item 'SHARE', rule 'outlier': 40 is far from this unit's past values (median 11, z 19.6)"
    )
    (error,) = errors
    assert error.text("vi") == (
        "mục 'SHARE', quy tắc 'comment_required': 40 khác xa các giá trị trước đây của đơn vị (trung vị 11, z 19.6); "
        "hãy giải thích trong ô ghi chú của mục"
    )
    assert error.text("en") == (
        "item 'SHARE', rule 'comment_required': 40 is far from this unit's past values (median 11, z 19.6); "
        "explain it in the item's comment"
    )
    _, (minmax,) = validate(ITEMS, {"SHARE": 31.0}, {"SHARE": "ok"}, {"SHARE": [10.0, 10.0, 10.0, 20.0]})
    assert (
        minmax.text("vi")
        == "mục 'SHARE', quy tắc 'minmax': 31 nằm ngoài khoảng học được từ các giá trị trước đây (10–20)"
    )


# Cross-item rules (from the content pack's validation_rules, copied into the items they bind by calls.unit_items)
LE = {"id": "core_within_total", "kind": "le", "left": "CORE", "right": "TOTAL"}
SHARE_OF = {"id": "provinces_share", "kind": "share_of", "share": "PSHARE", "part": "PCOUNT", "whole": "PTOTAL",
            "tolerance": 0.5}  # fmt: skip
CROSS_ITEMS = [
    {"id": "CORE", "kind": "indicator", "rules": {"min": 0.0, "cross": [LE]}},
    {"id": "TOTAL", "kind": "indicator", "rules": {"min": 0.0, "cross": [LE]}},
    {"id": "PSHARE", "kind": "indicator", "rules": {"min": 0.0, "max": 100.0, "cross": [SHARE_OF]}},
    {"id": "PCOUNT", "kind": "indicator", "rules": {"integer": True, "cross": [SHARE_OF]}},
    {"id": "PTOTAL", "kind": "indicator", "rules": {"integer": True, "cross": [SHARE_OF]}},
]


def test_part_at_most_whole() -> None:
    assert validate(CROSS_ITEMS, {"CORE": 12.5, "TOTAL": 18.3}, {}, {}) == ([], [])
    assert validate(CROSS_ITEMS, {"CORE": 18.3, "TOTAL": 18.3}, {}, {}) == ([], [])
    assert validate(CROSS_ITEMS, {"CORE": 25.0}, {}, {}) == ([], [])  # the whole not reported: nothing to compare
    (error,), _ = validate(CROSS_ITEMS, {"CORE": 19.0, "TOTAL": 18.3}, {}, {})
    assert (error.item, error.rule) == ("CORE", "core_within_total")
    assert error.text("vi") == (
        "mục 'CORE', quy tắc 'core_within_total': 'CORE' (19) lớn hơn 'TOTAL' (18.3); 'CORE' không được lớn hơn 'TOTAL'"
    )
    assert error.text("en") == (
        "item 'CORE', rule 'core_within_total': 'CORE' (19) is greater than 'TOTAL' (18.3); 'CORE' is at most 'TOTAL'"
    )


def test_share_consistent_with_count_and_total() -> None:
    # 37 of 51 provinces: 100 × 37 / 51 = 72.549…; 72.5 is within 0.5 point, 70 is not
    assert validate(CROSS_ITEMS, {"PSHARE": 72.5, "PCOUNT": 37, "PTOTAL": 51}, {}, {}) == ([], [])
    assert validate(CROSS_ITEMS, {"PSHARE": 73.0, "PCOUNT": 37, "PTOTAL": 51}, {}, {}) == ([], [])
    (error,), _ = validate(CROSS_ITEMS, {"PSHARE": 70.0, "PCOUNT": 37, "PTOTAL": 51}, {}, {})
    assert (error.item, error.rule) == ("PSHARE", "provinces_share")
    assert error.text("vi") == (
        "mục 'PSHARE', quy tắc 'provinces_share': 'PSHARE' (70) lệch khỏi 100 × 'PCOUNT' / 'PTOTAL' = "
        "100 × 37 / 51 = 72.55 quá 0.5 điểm phần trăm"
    )
    assert error.text("en") == (
        "item 'PSHARE', rule 'provinces_share': 'PSHARE' (70) differs from 100 × 'PCOUNT' / 'PTOTAL' = "
        "100 × 37 / 51 = 72.55 by more than 0.5 percentage points"
    )
    assert error.as_dict("en")["params"]["expected"] == "72.55"
    # a count not a number is a type error of its own item, not a cross-rule breach
    errors, _ = validate(CROSS_ITEMS, {"PSHARE": 70.0, "PCOUNT": "ba bảy", "PTOTAL": 51}, {}, {})
    assert [(e.item, e.rule) for e in errors] == [("PCOUNT", "type")]


def test_indicator_object_form() -> None:
    meta = {"value": 50.0, "method": "Tổng hợp từ hệ thống", "source": "Cổng Dịch vụ công", "collection": "automatic"}
    assert rules_broken({"SHARE": meta}) == []
    assert rules_broken({"SHARE": {"value": 50.0}}) == []
    assert rules_broken({"SHARE": meta | {"value": 120.0}}) == [("SHARE", "max")]
    assert rules_broken({"SHARE": meta | {"value": None}}) == [("SHARE", "type")]
    (error,), _ = validate(ITEMS, {"SHARE": meta | {"collection": "guessed"}}, {}, {})
    assert (error.item, error.rule) == ("SHARE", "collection")
    assert error.text("vi") == (
        "mục 'SHARE', quy tắc 'collection': cách thu thập 'guessed' không thuộc các giá trị: automatic, self_reported"
    )
    assert error.text("en") == (
        "item 'SHARE', rule 'collection': collection 'guessed' is not one of automatic, self_reported"
    )
    (error,), _ = validate(ITEMS, {"SHARE": meta | {"unit": "%"}}, {}, {})
    assert error.text("vi") == (
        "mục 'SHARE', quy tắc 'type': trường 'unit' không có; chỉ dùng value, method, source, collection"
    )
    assert (
        error.text("en")
        == "item 'SHARE', rule 'type': unknown field 'unit'; expected value, method, source, collection"
    )
    (error,), _ = validate(ITEMS, {"SHARE": meta | {"source": 7}}, {}, {})
    assert (error.text("vi"), error.text("en")) == (
        "mục 'SHARE', quy tắc 'type': trường 'source' của chỉ số phải là văn bản",
        "item 'SHARE', rule 'type': an indicator's 'source' is text",
    )
    # cross rules compare the object form by its value
    (error,), _ = validate(CROSS_ITEMS, {"CORE": {"value": 19.0, "method": "GSO"}, "TOTAL": 18.3}, {}, {})
    assert error.rule == "core_within_total"
