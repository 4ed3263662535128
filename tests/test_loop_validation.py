"""Validation of a unit's report: each rule with a hand-computed case, and outliers against the unit's history."""

from __future__ import annotations

from dxtrack.services.validation import Issue, validate

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
    assert warnings == [Issue("SHARE", "minmax", "31 is outside the range learned from past values (10–20)")]
    # fewer than three past values: no outlier check
    assert validate(ITEMS, {"SHARE": 99.0}, {}, {"SHARE": [1.0, 2.0]}) == ([], [])
