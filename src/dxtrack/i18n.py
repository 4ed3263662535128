"""Compatibility names for the shared vocabulary, which now lives in :mod:`dxtrack.present` (import it from
there): languages, status labels, units and document labels. Reasons are rendered from codes by
:func:`dxtrack.present.reason_text`; no text is translated by pattern any more.
"""

from __future__ import annotations

from dxtrack.present import (
    LANGS,
    STATUS_LABELS,
    STATUS_ORDER,
    UNITS_VI,
    Lang,
    doc_short,
    pick,
    reason_text,
    status_label,
    unit_text,
)

__all__ = [
    "LANGS",
    "STATUS_LABELS",
    "STATUS_ORDER",
    "UNITS_VI",
    "Lang",
    "doc_short",
    "pick",
    "reason_text",
    "status_label",
    "unit_text",
]
