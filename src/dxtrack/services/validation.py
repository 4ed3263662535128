"""Validation of a unit's report against the rules of its items (from the content pack) and against its own
history: errors block the submission; warnings (outliers) need a comment."""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

ROBUST_Z_LIMIT = 3.5
"""|modified z| = 0.6745·|x − median| / MAD above which a value is an outlier (Iglewicz and Hoaglin)."""
MIN_HISTORY = 3
"""Values of the unit's own history needed before outliers are looked for."""
TASK_KEYS = {"status", "note", "product", "evidence"}


@dataclass(frozen=True)
class Issue:
    """One finding about one item: the rule it breaks and what is wrong."""

    item: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"item '{self.item}', rule '{self.rule}': {self.message}"


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def _indicator(
    item_id: str, value: Any, rules: Mapping[str, Any], history: Sequence[float]
) -> tuple[list[Issue], list[Issue]]:
    x = _number(value)
    if x is None:
        return [Issue(item_id, "type", f"{value!r} is not a number")], []
    errors = []
    if "min" in rules and x < rules["min"]:
        errors.append(Issue(item_id, "min", f"{x:g} is below the minimum {rules['min']:g}"))
    if "max" in rules and x > rules["max"]:
        errors.append(Issue(item_id, "max", f"{x:g} is above the maximum {rules['max']:g}"))
    if rules.get("integer") and not x.is_integer():
        errors.append(Issue(item_id, "integer", f"{x:g} is not a whole number (a count or a rank)"))
    return errors, _outliers(item_id, x, history)


def _outliers(item_id: str, x: float, history: Sequence[float]) -> list[Issue]:
    """Robust z-score on the median and MAD of the unit's own history, and the min–max range it has seen."""
    if len(history) < MIN_HISTORY:
        return []
    median = statistics.median(history)
    mad = statistics.median(abs(h - median) for h in history)
    if mad > 0 and abs(0.6745 * (x - median) / mad) > ROBUST_Z_LIMIT:
        z = 0.6745 * (x - median) / mad
        return [Issue(item_id, "outlier", f"{x:g} is far from this unit's past values (median {median:g}, z {z:.1f})")]
    low, high = min(history), max(history)
    spread = high - low
    if x < low - spread or x > high + spread:
        return [Issue(item_id, "minmax", f"{x:g} is outside the range learned from past values ({low:g}–{high:g})")]
    return []


def _task(item_id: str, value: Any, rules: Mapping[str, Any]) -> list[Issue]:
    if not isinstance(value, Mapping):
        return [Issue(item_id, "type", 'a task\'s value is {"status", "note", "product", "evidence"}')]
    extra = sorted(set(value) - TASK_KEYS)
    if extra:
        return [Issue(item_id, "type", f"unknown field '{extra[0]}'; expected status, note, product, evidence")]
    status = value.get("status")
    allowed = rules.get("statuses") or []
    if status not in allowed:
        return [Issue(item_id, "statuses", f"status {status!r} is not one of {', '.join(allowed)}")]
    evidence = value.get("evidence") or []
    if not isinstance(evidence, list) or not all(isinstance(e, str) and e.strip() for e in evidence):
        return [Issue(item_id, "type", "evidence is a list of links or file names")]
    if status in (rules.get("evidence_required_for") or []) and not evidence:
        return [Issue(item_id, "evidence_required", f"a task reported '{status}' needs evidence (a link or a file)")]
    return []


def validate(
    items: Sequence[Mapping[str, Any]],
    values: Mapping[str, Any],
    comments: Mapping[str, str],
    history: Mapping[str, Sequence[float]],
) -> tuple[list[Issue], list[Issue]]:
    """(errors, warnings) of reported ``values`` (item id -> value; absent = not reported).

    A warning without a comment on its item is an error (rule ``comment_required``)."""
    known = {str(i["id"]): i for i in items}
    errors: list[Issue] = [
        Issue(k, "unknown_item", "not an item of this unit's template") for k in values if k not in known
    ]
    warnings: list[Issue] = []
    for item_id, item in known.items():
        rules = item.get("rules") or {}
        value = values.get(item_id)
        if value is None:
            if rules.get("required"):
                errors.append(Issue(item_id, "required", "this item must be reported"))
            continue
        if item["kind"] == "indicator":
            found, warned = _indicator(item_id, value, rules, history.get(item_id, ()))
            errors += found
            warnings += warned
        elif item["kind"] == "task":
            errors += _task(item_id, value, rules)
        elif not isinstance(value, str):
            errors.append(Issue(item_id, "type", "a section's value is text"))
    for w in warnings:
        if not (comments.get(w.item) or "").strip():
            errors.append(Issue(w.item, "comment_required", f"{w.message}; explain it in the item's comment"))
    return errors, warnings
