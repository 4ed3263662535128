"""Small helpers turning store frames into plain rows for the interfaces (None for NaN/NaT)."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd


def clean(value: Any) -> Any:
    """None for NaN/NaT so JSON and templates see a missing value, not 'nan'."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT:
        return None
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts with NaN/NaT turned into None."""
    return [{str(k): clean(v) for k, v in row.items()} for row in frame.to_dict("records")]
