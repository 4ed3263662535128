"""One formatter and one vocabulary for every interface (CLI, web pages, JSON API messages, review report).

Vietnamese first, English second. Numbers through Babel (``1.234,5`` / ``1,234.5``), probabilities never as a
false certainty (``dưới 1%``), dates ``23/11/2026`` / ``23 Nov 2026``, periods through
:mod:`dxtrack.domain.period`, status labels, units, ranks and target wording, reasons and errors by code.
"""

from __future__ import annotations

from dxtrack.present.dates import as_date, date_text, period_text, place_date, task_deadline, year_span
from dxtrack.present.lang import LANGS, Lang, pick, pick_lang
from dxtrack.present.numbers import DASH, decimals_for, num, ordinal_en, pct, percent_value, prob
from dxtrack.present.reasons import REASONS, reason_text
from dxtrack.present.vocab import (
    JUDGEMENT_LABELS,
    PRODUCERS,
    STATUS_LABELS,
    STATUS_ORDER,
    UNITS_VI,
    doc_short,
    group_name,
    group_scope,
    horizon_label,
    is_rank_unit,
    join_and,
    pack_label,
    producer_name,
    rank_scope,
    rank_text,
    status_label,
    status_tone,
    target_text,
    unit_in_text,
    unit_text,
    value_unit,
)

__all__ = [
    "DASH",
    "JUDGEMENT_LABELS",
    "LANGS",
    "PRODUCERS",
    "REASONS",
    "STATUS_LABELS",
    "STATUS_ORDER",
    "UNITS_VI",
    "Lang",
    "as_date",
    "date_text",
    "decimals_for",
    "doc_short",
    "group_name",
    "group_scope",
    "horizon_label",
    "is_rank_unit",
    "join_and",
    "num",
    "ordinal_en",
    "pack_label",
    "pct",
    "percent_value",
    "period_text",
    "pick",
    "pick_lang",
    "place_date",
    "prob",
    "producer_name",
    "rank_scope",
    "rank_text",
    "reason_text",
    "status_label",
    "status_tone",
    "target_text",
    "task_deadline",
    "unit_in_text",
    "unit_text",
    "value_unit",
    "year_span",
]
