"""Regenerate src/dxtrack/resources/forecast/calibration.json: the forecast interval calibration.

Run: ``.venv/bin/python scripts/calibrate_forecast.py [--check]``

1. Tuning set (fixed below): bundled WDI indicators × the ASEAN members of the default pack. Every observed
   year with ≥ MIN_POINTS observations up to it is a forecast origin; each later observed year up to
   HORIZONS years on is a case. The uncalibrated damped trend (φ, q below) gives each case a centre and a
   spread (the series' own volatility); the score is ``|z − loc| / spread`` on the model scale.
2. Per signal-to-noise class (``|drift|/σ`` of the series up to the origin, edges SNR_EDGES) and horizon:
   split-conformal 80 % and 95 % quantiles of the score, turned into a Student-t (scale, df) matching both.
   A cell with fewer than MIN_CELL cases uses the horizon's quantiles pooled over classes.
3. Evidence: the rolling-origin backtest (horizons 1–5) of the uncalibrated and calibrated forecasts on the
   tuning set and on the held-out set (indicators never used to choose or tune the method).

``--check`` recomputes and fails if the packaged file differs (CI / tests use a small subset instead).
The data are the package's own snapshot (``dxtrack.settings.data_dir``); bounds come from the default pack.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dxtrack.analysis import calibration
from dxtrack.analysis.backtest import evaluate, rolling_rows, series_from_long
from dxtrack.analysis.forecast import forecast_batch
from dxtrack.catalog.loader import DEFAULT_PACK, load_pack
from dxtrack.settings import data_dir

OUT = Path(__file__).resolve().parents[1] / "src" / "dxtrack" / "resources" / "forecast" / "calibration.json"
WDI = ("worldbank_wdi", "wdi_asean.csv")
PHI = 0.9
DRIFT_Q = 0.2  # chosen earlier on the first six tuning indicators (docs/methods.md §4)
SNR_EDGES = (0.5, 1.0, 2.0, 4.0)
HORIZONS = 10
MIN_POINTS = 5
MIN_CELL = 40
AREAS_GROUP = "ASEAN"
# Every indicator that earlier versions of the method were chosen or tuned on (groups A and B of
# dxtrack ≤ 0.x's analysis/backtest.py) is in the tuning set; the held-out set was never used for it.
TUNING = (
    "IT.NET.USER.ZS", "NY.GDP.PCAP.CD", "IT.CEL.SETS.P2", "SP.POP.TOTL", "SE.TER.ENRR", "NV.MNF.TECH.ZS.UN",
    "SL.GDP.PCAP.EM.KD", "IT.NET.BBND.P2", "SP.URB.TOTL.IN.ZS", "NY.GDP.PCAP.PP.CD", "SL.TLF.TOTL.IN",
    "TX.VAL.TECH.MF.ZS",
)  # fmt: skip
HELD_OUT = (
    "GB.XPD.RSDV.GD.ZS", "IP.JRN.ARTC.SC", "IP.PAT.RESD", "IT.NET.SECR.P6", "NY.GDP.MKTP.CD",
    "NY.GDP.MKTP.KD.ZG", "SP.POP.SCIE.RD.P6", "TX.VAL.TECH.CD",
)  # fmt: skip


def setting() -> tuple[pd.DataFrame, dict[str, tuple[float, float] | None], list[str], str]:
    """WDI long table, bounds per indicator (default pack), the ASEAN members, the file's sha256."""
    path = data_dir().joinpath(*WDI)
    pack = load_pack(DEFAULT_PACK)
    bounds = {i.code: i.bounds for i in pack.indicators}
    group = next(g for g in pack.peer_groups if g.id == AREAS_GROUP)
    return pd.read_csv(path), bounds, list(group.members or ()), hashlib.sha256(path.read_bytes()).hexdigest()


def table_from(
    scores: np.ndarray[Any, Any], cls: np.ndarray[Any, Any], hor: np.ndarray[Any, Any], ind: np.ndarray[Any, Any]
) -> list[list[dict[str, Any]]]:
    """Per class, per horizon 1…HORIZONS: conformal quantiles (every indicator weighing the same at a
    horizon), the matching Student-t, the case count."""
    weight = np.ones(scores.size)
    for h in np.unique(hor):
        for i in np.unique(ind):
            sel = (hor == h) & (ind == i)
            weight[sel] = 1.0 / sel.sum()
    out: list[list[dict[str, Any]]] = []
    for c in range(len(SNR_EDGES) + 1):
        row = []
        for h in range(1, HORIZONS + 1):
            sel = (cls == c) & (hor == h)
            pooled = int(sel.sum()) < MIN_CELL
            use = (hor == h) if pooled else sel
            k80 = calibration.conformal_quantile(scores[use], 0.80, weight[use])
            k95 = calibration.conformal_quantile(scores[use], 0.95, weight[use])
            scale, df = calibration.fit_t(k80, k95)
            row.append({"h": h, "n": int(sel.sum()), "pooled": pooled, "k80": round(k80, 6), "k95": round(k95, 6),
                        "scale": round(scale, 6), "df": round(df, 4)})  # fmt: skip
        out.append(row)
    return out


def evidence_of(ev: Any) -> dict[str, Any]:
    d = ev.to_dict()
    keys = (
        "n", "n_series", "counts", "coverage", "msis", "mase", "mase_naive", "mase_drift",
        "brier", "brier_climatology", "brier_skill", "n_events", "reliability", "mean",
    )  # fmt: skip
    return {k: d[k] for k in keys}


def build(
    indicators: tuple[str, ...] = TUNING,
    held_out: tuple[str, ...] = HELD_OUT,
    phi: float = PHI,
    drift_q: float = DRIFT_Q,
) -> dict[str, Any]:
    """The calibration document (deterministic for given data)."""
    df, bounds, areas, sha = setting()
    tuning = series_from_long(df, {c: bounds.get(c) for c in indicators}, areas=areas)
    rows = rolling_rows(tuning, range(1, HORIZONS + 1), MIN_POINTS)
    raw = calibration.identity(phi, drift_q, SNR_EDGES, HORIZONS)
    fc = forecast_batch(
        rows.train_years, rows.train_values, rows.year, bounds_lo=rows.bounds_lo, bounds_hi=rows.bounds_hi,
        calibrate=False, table=raw,
    )  # fmt: skip
    score = np.abs(fc.standardised_error(rows.actual))
    ok = np.isfinite(score) & np.isfinite(fc.snr)
    ind = np.array([tuning[i].key.split("/")[0] for i in rows.series])
    table = table_from(score[ok], raw.classes(fc.snr[ok]), rows.horizon[ok], ind[ok])
    doc: dict[str, Any] = {
        "about": "Forecast interval calibration (docs/methods.md §4). Written by scripts/calibrate_forecast.py.",
        "provenance": {
            "script": "scripts/calibrate_forecast.py",
            "data": "/".join(WDI),
            "data_sha256": sha,
            "bounds_from_pack": DEFAULT_PACK,
            "areas": areas,
            "areas_group": AREAS_GROUP,
            "min_points": MIN_POINTS,
            "min_cell": MIN_CELL,
            "tuning_indicators": list(indicators),
            "held_out_indicators": list(held_out),
            "tuning_cases": int(ok.sum()),
        },
        "model": {"phi": phi, "drift_q": drift_q},
        "snr_edges": list(SNR_EDGES),
        "table": table,
    }
    cal = calibration.from_doc(doc)
    held = series_from_long(df, {c: bounds.get(c) for c in held_out}, areas=areas)
    doc["evidence"] = {
        name: {
            "uncalibrated": evidence_of(evaluate(s, min_points=MIN_POINTS, calibrate=False, table=raw)),
            "calibrated": evidence_of(evaluate(s, min_points=MIN_POINTS, table=cal)),
        }
        for name, s in (("tuning", tuning), ("held_out", held))
    }
    return doc


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="fail if the packaged file is not what the script writes")
    args = ap.parse_args(argv)
    text = dumps(build())
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("calibration.json is up to date" if same else "calibration.json differs: rerun the script")
        return 0 if same else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    ev = json.loads(text)["evidence"]
    for name in ("tuning", "held_out"):
        for kind in ("uncalibrated", "calibrated"):
            e = ev[name][kind]
            cov = e["coverage"]
            line = " ".join(f"h{h}:{cov['80'][h]:.3f}/{cov['95'][h]:.3f}" for h in cov["80"])
            print(f"{name:9s} {kind:12s} n={e['n']} {line} mean {e['mean']['coverage']} msis {e['mean']['msis']:.3f}"
                  f" brier {e['brier']:.4f} clim {e['brier_climatology']:.4f}")  # fmt: skip
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
