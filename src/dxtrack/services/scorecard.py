"""Provincial digital-transformation scorecard on the store: 63 provinces and 34 units side by side.

A content pack names its scorecard spec (``scorecard: vn-provincial-dt`` = the bundled
``resources/index/vn-provincial-dt.yaml``), which lists the columns and the derived ratios. The 63 -> 34
re-aggregation rule of a pack indicator is its ``aggregation`` in the pack; the spec's ``reaggregate:``
gives only the rules of columns that are not pack indicators (derived ratios); a rule in both places, or
a column with none, is an error (:func:`scorecard_rules`). :func:`build_scorecard` reads the stored data
(``observations`` as of a date), derives urban share and area, re-aggregates through the stored
succession table and computes disparity measures across provinces for every indicator in both views.

What the data allow (stated in the output's ``notes``): the DTI score and components exist only for
the top provinces, so the 34-unit DTI score (simple mean of the predecessors, DTI's precedent) exists
only where every predecessor has a score; the 34-unit rank is recomputed from those scores. There is
no urban/rural split of DTI: the urban-rural comparison uses the population data (urban share per
province, and DTI ranks of the more- vs less-urban half of the provinces).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from dxtrack.domain.catalog import ContentPack
from dxtrack.errors import InputError
from dxtrack.index import disparity as dsp
from dxtrack.index import storedata
from dxtrack.index.provinces import aggregation_rule, rule_inputs
from dxtrack.store import Engine

DEFAULT_SPEC_ID = "vn-provincial-dt"
SPEC_NAME = f"{DEFAULT_SPEC_ID}.yaml"
# the urban-rural comparison reads these besides the scorecard's columns
URBAN_RURAL = ("POP_URBAN", "POP_RURAL")


class NoScorecard(InputError):
    """The content pack names no provincial scorecard."""


def spec_path(spec_id: str = DEFAULT_SPEC_ID) -> Path:
    """Path of a bundled scorecard spec (``resources/index/<spec_id>.yaml``)."""
    return Path(str(resources.files("dxtrack.resources").joinpath("index").joinpath(f"{spec_id}.yaml")))


def pack_spec_path(pack: ContentPack) -> Path:
    """The bundled spec the pack names with ``scorecard:``; :class:`NoScorecard` when it names none."""
    if not pack.scorecard:
        raise NoScorecard(f"content pack '{pack.id}' has no provincial scorecard (no 'scorecard:' in its pack.yaml)")
    p = spec_path(pack.scorecard)
    if not p.is_file():
        raise InputError(
            f"content pack '{pack.id}' names scorecard '{pack.scorecard}', but no bundled spec {p.name} exists",
            file=str(p),
        )
    return p


def scorecard_rules(pack: ContentPack, doc: dict[str, Any]) -> dict[str, str]:
    """The re-aggregation rule of every column of the spec ``doc`` (and of what those rules read): a pack
    indicator's from its ``aggregation``, any other column's from the spec's ``reaggregate:``."""
    spec_rules = {str(k): str(v) for k, v in (doc.get("reaggregate") or {}).items()}
    in_pack = {i.code: i for i in pack.indicators}
    both = sorted(set(spec_rules) & set(in_pack))
    if both:
        raise InputError(
            f"re-aggregation rule of {', '.join(both)} given twice: in pack '{pack.id}' (aggregation) and in the "
            "scorecard spec (reaggregate:); keep the pack's"
        )
    todo = [str(c["code"]) for c in doc["scorecard"]] + list(URBAN_RURAL)
    rules: dict[str, str] = {}
    missing: list[str] = []
    while todo:
        code = todo.pop(0)
        if code in rules or code in missing:
            continue
        if code in spec_rules:
            rules[code] = spec_rules[code]
        elif code in in_pack:
            rules[code] = aggregation_rule(code, in_pack[code].aggregation.model_dump(mode="json"))
        else:
            missing.append(code)
            continue
        todo.extend(sorted(rule_inputs(rules[code])))
    if missing:
        raise InputError(
            f"no re-aggregation rule for {', '.join(missing)}: not an indicator of pack '{pack.id}' and not "
            "under the scorecard spec's reaggregate:"
        )
    return rules


def load_scorecard_spec(path: str | Path | None = None) -> dict[str, Any]:
    """The scorecard spec as a mapping (``derive``, ``reaggregate``, ``scorecard``, ``index``...)."""
    p = Path(path) if path is not None else spec_path()
    try:
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("file not found", file=str(p)) from None
    if not isinstance(doc, dict) or "scorecard" not in doc:
        raise InputError("expected a mapping with a 'scorecard' list", file=str(p))
    return doc


@dataclass
class Scorecard:
    """The two views (wide: one row per area), their disparity tables and notes."""

    year: int
    columns: list[dict[str, Any]]
    view63: pd.DataFrame
    view34: pd.DataFrame
    disparity: pd.DataFrame
    urban_rural: dict[str, Any]
    rules: dict[str, str]
    notes: list[str] = field(default_factory=list)

    def to_json(self, view: str = "both") -> dict[str, Any]:
        def records(df: pd.DataFrame) -> list[dict[str, Any]]:
            out = df.astype(object).where(df.notna(), None).to_dict(orient="records")
            return [{str(k): _plain(v) for k, v in r.items()} for r in out]

        doc: dict[str, Any] = {"year": self.year, "columns": self.columns, "rules": self.rules, "notes": self.notes}
        if view in ("63", "both"):
            doc["provinces_63"] = records(self.view63)
        if view in ("34", "both"):
            doc["units_34"] = records(self.view34)
        d = self.disparity if view == "both" else self.disparity[self.disparity["view"] == view]
        doc["disparity"] = records(d)
        doc["urban_rural"] = self.urban_rural
        return doc


def _plain(v: Any) -> Any:
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return None if np.isnan(v) else float(v)
    if isinstance(v, float) and v != v:
        return None
    return v


def _wide(tidy: pd.DataFrame, year: int, codes: list[str]) -> pd.DataFrame:
    t = tidy[tidy["year"] == year]
    w = t.pivot_table(index="area_id", columns="indicator", values="value", aggfunc="first")
    return w.reindex(columns=codes)


def build_scorecard(
    engine: Engine,
    pack: ContentPack,
    *,
    year: int = 2022,
    as_of: dt.date | None = None,
    spec: str | Path | None = None,
) -> Scorecard:
    """Build both views of the pack's scorecard for ``year`` from the store (``spec``: another spec file)."""
    doc = load_scorecard_spec(spec if spec is not None else pack_spec_path(pack))
    cols: list[dict[str, Any]] = [dict(c) for c in doc["scorecard"]]
    codes = [str(c["code"]) for c in cols]
    derived: dict[str, Any] = dict(doc.get("derive") or {})
    rules = scorecard_rules(pack, doc)
    stored = sorted(
        ({c for c in codes if c not in derived} | {str(x) for d in derived.values() for x in d.get("ratio", [])})
        | {x for r in rules.values() for x in rule_inputs(r) if x not in derived}
        | {*URBAN_RURAL, "POP_AVG"}
    )
    a63 = storedata.areas(engine, "63")
    a34 = storedata.areas(engine, "34")
    mapping = storedata.succession(engine)
    tidy = storedata.tidy_observations(engine, stored, area_codes=a63["code"].tolist(), as_of=as_of)
    tidy = tidy[tidy["year"] == year]
    if tidy.empty:
        raise InputError(f"no stored provincial data for {year}; run 'dxtrack data load' first")
    tidy = storedata.derive(tidy, derived)
    all_codes = sorted(set(codes) | set(URBAN_RURAL))
    w63 = _wide(tidy, year, all_codes)
    new = storedata.to_34(tidy[tidy["indicator"].isin(all_codes)], mapping, {**rules})
    w34 = _wide(new, year, all_codes)

    succ = mapping.merge(a34[["code", "name_vi"]].rename(columns={"code": "to_area_id", "name_vi": "to_name"}))
    v63 = a63[["code", "name_vi"]].rename(columns={"code": "area", "name_vi": "name"})
    v63 = v63.merge(succ.rename(columns={"from_area_id": "area", "to_area_id": "successor"}), on="area", how="left")
    v63 = v63.drop(columns=["to_name"]).join(w63, on="area")
    v63 = v63[["area", "name", "successor", *codes]].sort_values(["PDTI_RANK", "area"], na_position="last")

    preds = mapping.groupby("to_area_id")["from_area_id"].apply(lambda s: ", ".join(sorted(s)))
    v34 = a34[["code", "name_vi"]].rename(columns={"code": "area", "name_vi": "name"})
    v34["predecessors"] = v34["area"].map(preds)
    v34 = v34.join(w34, on="area")
    pr = new[(new["indicator"] == "PDTI") & (new["year"] == year)].set_index("area_id")
    nsrc = {str(k): int(v) for k, v in pr["n_sources"].items()}
    nexp = {str(k): int(v) for k, v in pr["n_expected"].items()}
    nall = mapping.groupby("to_area_id").size()
    v34["PDTI_coverage"] = [
        f"{nsrc.get(a, 0)}/{nexp.get(a, int(nall.get(a, 0)))}" for a in v34["area"].astype(str).tolist()
    ]
    v34["PDTI_partial_mean"] = v34["area"].map(pr["partial_value"]) if len(pr) else np.nan
    best = v63.groupby("successor")["PDTI_RANK"].min()
    v34["best_predecessor_rank_63"] = v34["area"].map(best)
    v34 = v34[
        ["area", "name", "predecessors", *codes, "PDTI_coverage", "PDTI_partial_mean", "best_predecessor_rank_63"]
    ]
    v34 = v34.sort_values(["PDTI_RANK", "best_predecessor_rank_63", "area"], na_position="last")

    rows: list[dict[str, Any]] = []
    for view, w, names in (("63", v63, "area"), ("34", v34, "area")):
        for c in cols:
            if c.get("disparity", True) is False:
                continue
            code = str(c["code"])
            x = w[code].to_numpy(dtype=np.float64)
            ok = ~np.isnan(x)
            row: dict[str, Any] = {"view": view, "indicator": code, "n": int(ok.sum()), "of": len(x)}
            if ok.sum() >= 2:
                s = dsp.disparity_summary(x[ok])
                hi, lo = int(np.argmax(np.where(ok, x, -np.inf))), int(np.argmin(np.where(ok, x, np.inf)))
                row.update(
                    {
                        "mean": s["mean"],
                        "cv": s["cv"],
                        "gini": s["gini"],
                        "theil": s.get("theil"),
                        "max_min_ratio": s.get("max_min_ratio"),
                        "max_area": w[names].iloc[hi],
                        "min_area": w[names].iloc[lo],
                    }
                )
            rows.append(row)
    disparity = pd.DataFrame(rows)

    urb = _urban_rural(v63, v34, w63, w34)
    n_pdti = int(v63["PDTI"].notna().sum())
    n_comp = int(v63["DTI_AWARENESS"].notna().sum()) if "DTI_AWARENESS" in v63 else 0
    n34 = int(v34["PDTI"].notna().sum())
    notes = [
        f"DTI {year}: the rank (PDTI_RANK) is stored for {int(v63['PDTI_RANK'].notna().sum())} provinces; "
        f"the DTI score only for {n_pdti} and its components only for {n_comp} (the published top five) - "
        "disparity measures of the score and components describe those provinces only.",
        "34-unit view: DTI score and components = simple mean of the predecessors (DTI's official "
        "precedent), given only when every predecessor has a score "
        f"({n34} of 34 units); 'PDTI_partial_mean' shows the mean of the predecessors that have one, with "
        "'PDTI_coverage'. The 34-unit DTI rank is recomputed from those scores (never averaged); "
        "'best_predecessor_rank_63' is the best 63-province rank among the predecessors.",
        "Population, urban and rural population and area: sums of the predecessors; urban share: "
        "ratio of the sums (population-weighted); density: total population / total area, where each "
        "old province's area is derived as POP_AVG x 1000 / POP_DENSITY.",
        "There is no urban/rural split of the DTI; the urban-rural comparison uses population data "
        "(urban share per province; DTI ranks of the more- vs the less-urban half of the provinces).",
        "Disparity: CV with the population standard deviation, Gini, Theil T, max/min over the areas "
        "with a value (unweighted); ranks are not measured.",
    ]
    return Scorecard(
        year=year,
        columns=cols,
        view63=v63.reset_index(drop=True),
        view34=v34.reset_index(drop=True),
        disparity=disparity,
        urban_rural=urb,
        rules={c: rules.get(c, "-") for c in all_codes},
        notes=notes,
    )


def _urban_rural(v63: pd.DataFrame, v34: pd.DataFrame, w63: pd.DataFrame, w34: pd.DataFrame) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for view, w in (("63", w63), ("34", w34)):
        u, r = w["POP_URBAN"].to_numpy(dtype=np.float64), w["POP_RURAL"].to_numpy(dtype=np.float64)
        ok = ~np.isnan(u) & ~np.isnan(r)
        share = u[ok] / (u[ok] + r[ok])
        out[view] = {
            "national_urban_share": float(u[ok].sum() / (u[ok] + r[ok]).sum()) if ok.any() else None,
            "urban_share_min": float(share.min()) if ok.any() else None,
            "urban_share_max": float(share.max()) if ok.any() else None,
            "urban_share_gini": dsp.gini(share) if ok.sum() >= 2 else None,
            "provinces_majority_urban": int((share > 0.5).sum()),
        }
    d = v63[["PDTI_RANK", "URBAN_SHARE"]].dropna()
    if len(d) >= 4:
        med = float(d["URBAN_SHARE"].median())
        more = d[d["URBAN_SHARE"] > med]["PDTI_RANK"]
        less = d[d["URBAN_SHARE"] <= med]["PDTI_RANK"]
        out["dti_rank_by_urbanisation_63"] = {
            "median_urban_share": med,
            "mean_rank_more_urban_half": float(more.mean()),
            "mean_rank_less_urban_half": float(less.mean()),
            "gap": float(less.mean() - more.mean()),
            "spearman_rank_vs_urban_share": float(d["PDTI_RANK"].rank().corr(d["URBAN_SHARE"].rank())),
        }
    return out


def scorecard_table(sc: Scorecard, view: str = "both") -> list[tuple[str, pd.DataFrame]]:
    """Frames for display: the chosen view(s) and the disparity table."""
    out: list[tuple[str, pd.DataFrame]] = []
    if view in ("63", "both"):
        out.append((f"63 provinces, {sc.year}", sc.view63))
    if view in ("34", "both"):
        out.append((f"34 units (from 2025-07-01), {sc.year} data re-aggregated", sc.view34))
    d = sc.disparity if view == "both" else sc.disparity[sc.disparity["view"] == view]
    out.append(("Disparity across areas", d))
    return out
