"""Decision 766/QĐ-TTg's score per ministry and province, for the groups service records support.

Runs on the tidy indicator table through dxtrack's index engine (goalpost normalisation, arithmetic mean inside
each group); the group's points multiply its 0-1 score. A group with no record indicator, or a unit missing one of
a group's indicators, is "not computable" (no number), and no total out of 100 is formed from a part.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from dxtrack.errors import InputError
from dxtrack.index import AggSpec, IndexData, IndexSpec, Node, NormSpec, PipelineConfig, TreatSpec, run

SPEC_FILE = "vn-d766-services.yaml"


def spec_path() -> Path:
    return Path(__file__).resolve().parent.parent / "resources" / "index" / SPEC_FILE


@dataclass(frozen=True)
class Group:
    code: str
    points: float
    name_vi: str
    name_en: str
    indicators: tuple[str, ...]


def load_groups(path: Path | None = None) -> tuple[list[Group], dict[str, tuple[float, float]]]:
    doc: dict[str, Any] = yaml.safe_load((path or spec_path()).read_text(encoding="utf-8"))
    groups = [
        Group(g["code"], float(g["points"]), g["name_vi"], g["name_en"], tuple(g.get("indicators") or ()))
        for g in doc["groups"]
    ]
    posts = {k: (float(v[0]), float(v[1])) for k, v in doc["goalposts"].items()}
    return groups, posts


def score(table: pd.DataFrame, period: str, path: Path | None = None) -> pd.DataFrame:
    """Rows ``area,period,group,points,score,computable,note`` for every area of ``table`` in ``period``."""
    groups, posts = load_groups(path)
    rows = table[table["period"] == period]
    if rows.empty:
        raise InputError(f"no indicator values for period '{period}'", column="--period")
    wide = rows.pivot(index="area", columns="indicator", values="value")
    computable = [g for g in groups if g.indicators]
    nodes = []
    for g in computable:
        nodes.append(Node(code=g.code, level=2, parent=None, weight=g.points, kind="aggregate", name=g.name_en))
        for code in g.indicators:
            lo, up = posts[code]
            nodes.append(Node(code=code, level=1, parent=g.code, params={"goalpost_lower": lo, "goalpost_upper": up}))
    spec = IndexSpec(nodes, name="D766")
    codes = list(spec.indicators)
    values = wide.reindex(columns=codes).to_numpy(dtype=np.float64)
    data = IndexData(units=[str(a) for a in wide.index], codes=codes, values=values)
    cfg = PipelineConfig(
        treat=TreatSpec.from_dict("none"),
        normalise=NormSpec.from_dict("goalposts"),
        aggregate=AggSpec.from_dict("amean"),
    )
    result = run(data, spec, cfg).scores()
    out: list[tuple[str, str, str, float, float | None, bool, str]] = []
    for i, area in enumerate(data.units):
        for g in groups:
            if not g.indicators:
                out.append((area, period, g.code, g.points, None, False, "no record indicator for this group"))
                continue
            missing = [c for c in g.indicators if np.isnan(values[i, codes.index(c)])]
            if missing:
                out.append((area, period, g.code, g.points, None, False, f"no value for {', '.join(missing)}"))
                continue
            val = float(np.asarray(result.loc[area, g.code], dtype=np.float64)) * g.points
            out.append((area, period, g.code, g.points, round(val, 6), True, ""))
    return pd.DataFrame(out, columns=["area", "period", "group", "points", "score", "computable", "note"])
