"""Denomination: divide indicators by unit-level denominators (COINr ``Denominate()``).

``x / (denominator / scale_factor)`` for every indicator that names a denominator; the others are
unchanged. With COINr's defaults (scale factor 1) this is ``x / denominator``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from dxtrack.errors import InputError
from dxtrack.index.stats import FloatArray


def denominate(
    x: FloatArray,
    codes: Sequence[str],
    by: Mapping[str, str],
    denominators: Mapping[str, FloatArray],
    scale: Mapping[str, float] | None = None,
) -> FloatArray:
    """Divide column ``c`` of ``x`` by ``denominators[by[c]] / scale[c]`` for each ``c`` in ``by``."""
    out = np.array(x, dtype=np.float64, copy=True)
    scale = scale or {}
    pos = {c: j for j, c in enumerate(codes)}
    for code, dname in by.items():
        if code not in pos:
            raise InputError(f"denominate: indicator '{code}' not in the data")
        if dname not in denominators:
            raise InputError(f"denominate: denominator '{dname}' (for '{code}') not found among unit columns")
        d = np.asarray(denominators[dname], dtype=np.float64) / float(scale.get(code, 1.0))
        with np.errstate(divide="ignore", invalid="ignore"):
            out[:, pos[code]] = out[:, pos[code]] / d
    return out
