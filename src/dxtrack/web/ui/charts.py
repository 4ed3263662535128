"""Chart specifications handed to the page as JSON; ``static/js/dxtrack.js`` turns them into ECharts options.

Labels and units arrive already translated, so the browser code holds no wording of its own.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from dxtrack import present as fmt
from dxtrack.web import geo, i18n
from dxtrack.web.i18n import Lang


def _labels(lang: Lang, *keys: str) -> dict[str, str]:
    return {k: i18n.t(k, lang) for k in keys}


def target_charts(detail: dict[str, Any], lang: Lang) -> list[dict[str, Any]]:
    """The target page's charts: the series with target line, trajectory and forecast fan; growth; peers."""
    target = detail["target"]
    indicator = detail["indicator"]
    a = detail["assessment"]
    path = [[p.year, p.value] for p in a.trajectory] if a is not None else []
    fan = [asdict(p) for p in a.forecast] if a is not None else []
    charts: list[dict[str, Any]] = []
    unit = indicator.unit if indicator is not None else (target.unit or "")
    if detail["series"]:
        is_rank = fmt.is_rank_unit(unit)
        show_target = target.kind.value == "threshold" and target.value is not None
        has_model = bool(show_target or path or fan)
        title = i18n.t("chart_title", lang)
        if not has_model and indicator is not None:
            title = indicator.name_vi if lang == "vi" else indicator.name_en
        charts.append(
            {
                "kind": "target",
                "id": "chart-series",
                "title": title,
                "lang": lang,
                "unit": fmt.unit_text(unit, lang),
                "inverse": is_rank,
                "series": [[p["year"], p["value"]] for p in detail["series"]],
                "target": {"value": target.value, "deadline": target.deadline} if show_target else None,
                "trajectory": path,
                "forecast": _fan_from_last(detail["series"], fan),
                "labels": _labels(lang, "series", "target_line", "trajectory", "forecast", "band80", "band95", "year"),
            }
        )
    if detail["growth"]:
        charts.append(
            {
                "kind": "target",
                "id": "chart-growth",
                "title": i18n.t("growth_yearly", lang) + " (" + fmt.unit_text("annual %", lang) + ")",
                "lang": lang,
                "unit": fmt.unit_text("annual %", lang),
                "inverse": False,
                "bars": True,
                "zero": True,  # a bar's length is its value: the axis starts at zero
                "series": [[p["year"], round(p["value"], 2)] for p in detail["growth"]],
                "target": {"value": target.value, "deadline": target.deadline} if target.value is not None else None,
                "trajectory": [],
                "forecast": [],
                "labels": _labels(lang, "series", "target_line", "trajectory", "forecast", "band80", "band95", "year"),
            }
        )
    if detail["peers"] and any(detail["peers"]["series"].values()):  # no member has data: no empty axes
        chart = peers_chart(detail["peers"], lang, detail["target"].area)
        chart["id"] = "chart-peers"
        charts.append(chart)
    for chart in charts:
        if "table" not in chart:
            chart["table"] = chart_table(chart, lang)
    return charts


def chart_table(spec: dict[str, Any], lang: Lang) -> dict[str, list[Any]]:
    """The data behind a target or peers chart as a table (column headings, rows of formatted cells), one row
    per year: what the chart draws, readable without it."""
    columns: list[str] = [i18n.t("year", lang)]
    by_year: dict[int, dict[int, float | None]] = {}

    def add(col: int, points: list[tuple[int, float | None]]) -> None:
        for year, value in points:
            by_year.setdefault(int(year), {})[col] = value

    if spec["kind"] == "peers":
        for line in spec["lines"]:
            columns.append(line["name"])
            add(len(columns) - 1, [(p[0], p[1]) for p in line["points"]])
    else:
        labels = spec["labels"]
        columns.append(labels["series"])
        add(1, [(p[0], p[1]) for p in spec["series"]])
        if spec.get("trajectory"):
            columns.append(labels["trajectory"])
            add(len(columns) - 1, [(p[0], p[1]) for p in spec["trajectory"]])
        fan = [p for p in spec.get("forecast") or [] if p["year"] > max((q[0] for q in spec["series"]), default=0)]
        if fan:
            for key, label in (
                ("value", labels["forecast"]),
                ("lo80", "80% −"),
                ("hi80", "80% +"),
                ("lo95", "95% −"),
                ("hi95", "95% +"),
            ):
                if all(p.get(key) is not None for p in fan):
                    columns.append(label if key == "value" else f"{labels['forecast']} {label}")
                    add(len(columns) - 1, [(p["year"], p[key]) for p in fan])
        target = spec.get("target")
        if target and target.get("deadline"):
            columns.append(labels["target_line"])
            add(len(columns) - 1, [(target["deadline"], target["value"])])
    rows = [
        [str(year)] + [fmt.num(cells[c], lang) if cells.get(c) is not None else "–" for c in range(1, len(columns))]
        for year, cells in sorted(by_year.items())
    ]
    return {"columns": columns, "rows": rows}


def _fan_from_last(series: list[dict[str, Any]], forecast: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The forecast starting at the last observation (zero-width there), so even a one-year fan is drawn."""
    if not forecast or not series:
        return forecast
    last = series[-1]
    if forecast[0]["year"] <= last["year"]:
        return forecast
    v = last["value"]
    return [{"year": last["year"], "value": v, "lo80": v, "hi80": v, "lo95": v, "hi95": v}, *forecast]


def peers_chart(panel: dict[str, Any], lang: Lang, focus: str = "VNM") -> dict[str, Any]:
    """Lines of every member over time, the pack's focus area highlighted."""
    names = {r["area"]: (r["name_vi"] if lang == "vi" else r["name_en"]) for r in panel["rows"]}
    spec: dict[str, Any] = {
        "kind": "peers",
        "id": "chart-peers",
        "title": i18n.t("over_time", lang),
        "lang": lang,
        "unit": fmt.unit_text(panel["unit"], lang),
        "inverse": fmt.is_rank_unit(panel["unit"]),
        "highlight": focus,
        "lines": [
            {"code": code, "name": names.get(code, code), "points": points}
            for code, points in panel["series"].items()
            if points
        ],
        "labels": _labels(lang, "year"),
    }
    spec["table"] = chart_table(spec, lang)
    return spec


def provinces_chart(data: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """The choropleth of the DTI rank joined on area code: the 63 provinces by their rank; the 34 units by the
    best rank among their predecessors (the 34-unit rank exists only where every predecessor has a score)."""
    values = []
    for r in data["rows"]:
        shade = r["rank"] if data["set"] == "63" else r.get("best_predecessor_rank")
        values.append(
            {
                "name": r["area"],
                "value": shade,
                "label": r["name_vi"] if lang == "vi" else r["name_en"],
                "rank": r["rank"],
                "rank_text": fmt.num(shade, lang, 0) if shade is not None else i18n.t("map_no_value", lang),
                "score": fmt.num(r["dti"], lang, 4) if r["dti"] is not None else None,
            }
        )
    return {
        "kind": "map",
        "id": "chart-map",
        "lang": lang,
        "set": data["set"],
        "geo_url": f"/geo/provinces-{data['set']}.json",
        "values": values,
        "min": 1,
        "max": 63,
        "islands": [
            {"text": i18n.t("hoang_sa", lang), "coord": list(geo.HOANG_SA_LABEL)},
            {"text": i18n.t("truong_sa", lang), "coord": list(geo.TRUONG_SA_LABEL)},
        ],
        "labels": {
            "value": i18n.t("map_value_" + data["set"], lang),
            "rank": i18n.t("rank_34", lang) if data["set"] == "34" else "",
            "score": i18n.t("dti_score", lang),
            "high": i18n.t("map_high", lang),
            "low": i18n.t("map_low", lang),
        },
    }
