"""The backtest table in Vietnamese and English: one row per horizon, then the mean over horizons."""

from __future__ import annotations

from typing import Any

from dxtrack.present.lang import Lang, pick
from dxtrack.present.numbers import num, pct

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Kiểm định dự báo theo gốc trượt", "Rolling-origin forecast backtest"),
    "horizon": ("Số năm dự báo trước", "Years ahead"),
    "n": ("Số dự báo", "Forecasts"),
    "cov80": ("Độ phủ khoảng 80%", "80% interval coverage"),
    "cov95": ("Độ phủ khoảng 95%", "95% interval coverage"),
    "msis": ("MSIS (95%)", "MSIS (95%)"),
    "mase": ("MASE mô hình", "MASE model"),
    "naive": ("MASE giữ nguyên", "MASE naive"),
    "drift": ("MASE xu hướng", "MASE drift"),
    "mean": ("Trung bình", "Mean"),
    "brier": ("Điểm Brier (xác suất đạt)", "Brier score (attainment)"),
    "climatology": ("tần suất gốc", "climatology"),
    "skill": ("mức cải thiện", "skill"),
    "band": ("Khoảng xác suất dự báo", "Predicted probability band"),
    "predicted": ("Trung bình dự báo", "Mean predicted"),
    "observed": ("Tần suất thực tế", "Observed frequency"),
    "series": ("chuỗi", "series"),
}


def word(key: str, lang: Lang) -> str:
    return pick(WORDS[key], lang)


def horizon_table(doc: dict[str, Any], lang: Lang) -> tuple[list[str], list[list[str]]]:
    """Columns and rows of the per-horizon table from :meth:`Evaluation.to_dict`."""
    cols = [word(k, lang) for k in ("horizon", "n", "cov80", "cov95", "msis", "mase", "naive", "drift")]
    rows = []
    for h, n in doc["counts"].items():
        rows.append(
            [
                h,
                num(n, lang, 0),
                pct(doc["coverage"]["80"][h], lang, 1),
                pct(doc["coverage"]["95"][h], lang, 1),
                num(doc["msis"][h], lang),
                num(doc["mase"][h], lang),
                num(doc["mase_naive"][h], lang),
                num(doc["mase_drift"][h], lang),
            ]
        )
    mean = doc["mean"]
    rows.append(
        [
            word("mean", lang),
            num(doc["n"], lang, 0),
            pct(mean["coverage"]["80"], lang, 1),
            pct(mean["coverage"]["95"], lang, 1),
            num(mean["msis"], lang),
            num(mean["mase"], lang),
            "",
            "",
        ]
    )
    return cols, rows


def brier_line(doc: dict[str, Any], lang: Lang) -> str:
    """``Điểm Brier (xác suất đạt): 0,21 (tần suất gốc 0,2; mức cải thiện −4,5%)``."""
    return (
        f"{word('brier', lang)}: {num(doc['brier'], lang, 3)} ({word('climatology', lang)} "
        f"{num(doc['brier_climatology'], lang, 3)}; {word('skill', lang)} {pct(doc['brier_skill'], lang, 1)})"
    )


def reliability_table(doc: dict[str, Any], lang: Lang) -> tuple[list[str], list[list[str]]]:
    """Probability bands against observed frequencies."""
    cols = [word(k, lang) for k in ("band", "n", "predicted", "observed")]
    rows = [
        [
            f"{pct(r['band'][0], lang, 0)}–{pct(r['band'][1], lang, 0)}",
            num(r["n"], lang, 0),
            pct(r["predicted"], lang, 1),
            pct(r["observed"], lang, 1),
        ]
        for r in doc["reliability"]
    ]
    return cols, rows


def held_out_note(lang: Lang) -> str:
    """The held-out coverage of the packaged calibration, for the methods annex and pages (one sentence)."""
    from dxtrack.analysis.calibration import load

    doc = load().doc
    ev = doc["evidence"]["held_out"]["calibrated"]
    cov80, cov95 = ev["coverage"]["80"], ev["coverage"]["95"]
    hs = list(cov80)
    n_ind = len(doc["provenance"]["held_out_indicators"])
    lo80, hi80 = pct(min(cov80.values()), lang, 0), pct(max(cov80.values()), lang, 0)
    lo95, hi95 = pct(min(cov95.values()), lang, 0), pct(max(cov95.values()), lang, 0)
    mean80, mean95 = pct(ev["mean"]["coverage"]["80"], lang, 1), pct(ev["mean"]["coverage"]["95"], lang, 1)
    return pick(
        (
            f"Khoảng dự báo được hiệu chỉnh theo kiểm định gốc trượt; trên {n_ind} chỉ số không dùng để hiệu chỉnh "
            f"(các nước ASEAN, dự báo trước {hs[0]}–{hs[-1]} năm, {num(ev['n'], lang, 0)} dự báo), khoảng 80% chứa "
            f"giá trị thực tế {mean80} số lần ({lo80}–{hi80} theo số năm), khoảng 95% chứa {mean95} ({lo95}–{hi95}).",
            f"Intervals are calibrated by rolling-origin backtests; on {n_ind} indicators never used to calibrate "
            f"them (ASEAN members, {hs[0]}–{hs[-1]} years ahead, {num(ev['n'], lang, 0)} forecasts) the 80% "
            f"interval held the outcome {mean80} of the time ({lo80}–{hi80} by horizon), the 95% interval "
            f"{mean95} ({lo95}–{hi95}).",
        ),
        lang,
    )
