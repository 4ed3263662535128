"""Validation of a unit's report against the rules of its items (from the content pack) and against its own
history: errors block the submission; warnings (outliers) need a comment."""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dxtrack.domain.report_items import COLLECTIONS, INDICATOR_META, TASK_REPORT_STATUSES
from dxtrack.errors import Words, render

ROBUST_Z_LIMIT = 3.5
"""|modified z| = 0.6745·|x − median| / MAD above which a value is an outlier (Iglewicz and Hoaglin)."""
MIN_HISTORY = 3
"""Values of the unit's own history needed before outliers are looked for."""
TASK_KEYS = {"status", "note", "product", "evidence"}


@dataclass(frozen=True)
class Issue:
    """One finding about one item: the rule it breaks, and what is wrong as an entry of the error catalogue
    (``code``, ``params``; worded in Vietnamese or English at the edge by :meth:`text`)."""

    item: str
    rule: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    @property
    def message(self) -> str:
        """What is wrong, in English."""
        return self.what("en")

    def what(self, lang: str = "en") -> str:
        """What is wrong, in ``lang``."""
        return render(self.code, self.params, lang)

    def text(self, lang: str = "en") -> str:
        """The whole finding (item, rule, what is wrong) in ``lang``."""
        return render("validation_issue", {"item": self.item, "rule": self.rule, "message": self.what(lang)}, lang)

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        """``{"item", "rule", "code", "params", "message"}`` with the message in ``lang`` (for the API and pages)."""
        params = {k: v.text(lang) if hasattr(v, "text") else v for k, v in self.params.items()}
        return {"item": self.item, "rule": self.rule, "code": self.code, "params": params, "message": self.what(lang)}

    def __str__(self) -> str:
        return self.text("en")


def _issue(item: str, rule: str, code: str, **params: Any) -> Issue:
    return Issue(item, rule, "validation_" + code, params)


@dataclass(frozen=True)
class _Worded:
    """A warning as a parameter of another issue (worded in the same language)."""

    issue: Issue

    def text(self, lang: str = "en") -> str:
        return self.issue.what(lang)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def reported_number(value: Any) -> float | None:
    """The number an indicator item reports (a number, or the ``value`` of its object form), if it is one."""
    return _number(value.get("value") if isinstance(value, Mapping) else value)


def _metadata(item_id: str, value: Mapping[str, Any]) -> list[Issue]:
    """The object form ``{"value", "method", "source", "collection"}``: its fields and their types."""
    extra = sorted(set(value) - {"value", *INDICATOR_META})
    if extra:
        return [_issue(item_id, "type", "indicator_field", field=extra[0])]
    for key in ("method", "source"):
        if value.get(key) is not None and not isinstance(value[key], str):
            return [_issue(item_id, "type", "indicator_text", field=key)]
    collection = value.get("collection")
    if collection is not None and collection not in COLLECTIONS:
        return [_issue(item_id, "collection", "collection", value=repr(collection), allowed=", ".join(COLLECTIONS))]
    return []


def _indicator(
    item_id: str, value: Any, rules: Mapping[str, Any], history: Sequence[float]
) -> tuple[list[Issue], list[Issue]]:
    if isinstance(value, Mapping):
        found = _metadata(item_id, value)
        if found:
            return found, []
        value = value.get("value")
    x = _number(value)
    if x is None:
        return [_issue(item_id, "type", "not_a_number", value=repr(value))], []
    errors = []
    if "min" in rules and x < rules["min"]:
        errors.append(_issue(item_id, "min", "min", value=f"{x:g}", min=f"{rules['min']:g}"))
    if "max" in rules and x > rules["max"]:
        errors.append(_issue(item_id, "max", "max", value=f"{x:g}", max=f"{rules['max']:g}"))
    if rules.get("integer") and not x.is_integer():
        errors.append(_issue(item_id, "integer", "integer", value=f"{x:g}"))
    return errors, _outliers(item_id, x, history)


def _outliers(item_id: str, x: float, history: Sequence[float]) -> list[Issue]:
    """Robust z-score on the median and MAD of the unit's own history, and the min–max range it has seen."""
    if len(history) < MIN_HISTORY:
        return []
    median = statistics.median(history)
    mad = statistics.median(abs(h - median) for h in history)
    if mad > 0 and abs(0.6745 * (x - median) / mad) > ROBUST_Z_LIMIT:
        z = 0.6745 * (x - median) / mad
        return [_issue(item_id, "outlier", "outlier", value=f"{x:g}", median=f"{median:g}", z=f"{z:.1f}")]
    low, high = min(history), max(history)
    spread = high - low
    if x < low - spread or x > high + spread:
        return [_issue(item_id, "minmax", "minmax", value=f"{x:g}", low=f"{low:g}", high=f"{high:g}")]
    return []


def _task(item_id: str, value: Any, rules: Mapping[str, Any]) -> list[Issue]:
    if not isinstance(value, Mapping):
        return [_issue(item_id, "type", "task_shape")]
    extra = sorted(set(value) - TASK_KEYS)
    if extra:
        return [_issue(item_id, "type", "task_field", field=extra[0])]
    status = value.get("status")
    allowed = rules.get("statuses") or []
    if status not in allowed:
        return [_issue(item_id, "statuses", "status", status=repr(status), allowed=", ".join(allowed))]
    evidence = value.get("evidence") or []
    if not isinstance(evidence, list) or not all(isinstance(e, str) and e.strip() for e in evidence):
        return [_issue(item_id, "type", "evidence_list")]
    if status in (rules.get("evidence_required_for") or []) and not evidence:
        said = Words(*TASK_REPORT_STATUSES[status]) if status in TASK_REPORT_STATUSES else status
        return [_issue(item_id, "evidence_required", "evidence_required", status=said)]
    return []


def _fmt(x: float) -> str:
    return f"{round(x, 2):g}"


def _cross(rule: Mapping[str, Any], numbers: Mapping[str, float]) -> Issue | None:
    """The breach of one cross-item rule, if any (None when one of its items is not a reported number)."""
    if rule.get("kind") == "le":
        left, right = str(rule["left"]), str(rule["right"])
        if left in numbers and right in numbers and numbers[left] > numbers[right]:
            return _issue(left, str(rule["id"]), "cross_le", left=left, right=right,
                          left_value=_fmt(numbers[left]), right_value=_fmt(numbers[right]))  # fmt: skip
    elif rule.get("kind") == "share_of":
        share, part, whole = str(rule["share"]), str(rule["part"]), str(rule["whole"])
        if not {share, part, whole} <= numbers.keys() or numbers[whole] == 0:
            return None
        expected = 100.0 * numbers[part] / numbers[whole]
        tolerance = float(rule.get("tolerance", 0.5))
        if abs(numbers[share] - expected) > tolerance:
            said = {"share_value": numbers[share], "part_value": numbers[part], "whole_value": numbers[whole],
                    "expected": expected, "tolerance": tolerance}  # fmt: skip
            return _issue(share, str(rule["id"]), "cross_share_of", share=share, part=part, whole=whole,
                          **{k: _fmt(v) for k, v in said.items()})  # fmt: skip
    return None


def _cross_rules(items: Sequence[Mapping[str, Any]], values: Mapping[str, Any]) -> list[Issue]:
    """Breaches of the cross-item rules the items take part in (``rules["cross"]``, each checked once)."""
    numbers = {k: x for k, v in values.items() if (x := reported_number(v)) is not None}
    rules: dict[str, Mapping[str, Any]] = {}
    for item in items:
        for rule in (item.get("rules") or {}).get("cross") or []:
            rules.setdefault(str(rule["id"]), rule)
    return [issue for rule in rules.values() if (issue := _cross(rule, numbers)) is not None]


def validate(
    items: Sequence[Mapping[str, Any]],
    values: Mapping[str, Any],
    comments: Mapping[str, str],
    history: Mapping[str, Sequence[float]],
) -> tuple[list[Issue], list[Issue]]:
    """(errors, warnings) of reported ``values`` (item id -> value; absent = not reported).

    A warning without a comment on its item is an error (rule ``comment_required``)."""
    known = {str(i["id"]): i for i in items}
    errors: list[Issue] = [_issue(k, "unknown_item", "unknown_item") for k in values if k not in known]
    warnings: list[Issue] = []
    for item_id, item in known.items():
        rules = item.get("rules") or {}
        value = values.get(item_id)
        if value is None:
            if rules.get("required"):
                errors.append(_issue(item_id, "required", "required"))
            continue
        if item["kind"] == "indicator":
            found, warned = _indicator(item_id, value, rules, history.get(item_id, ()))
            errors += found
            warnings += warned
        elif item["kind"] == "task":
            errors += _task(item_id, value, rules)
        elif not isinstance(value, str):
            errors.append(_issue(item_id, "type", "section_text"))
    errors += _cross_rules(list(known.values()), values)
    for w in warnings:
        if not (comments.get(w.item) or "").strip():
            errors.append(_issue(w.item, "comment_required", "comment_required", warning=_Worded(w)))
    return errors, warnings
