"""Loaders for the real data: the snapshot shipped in the package, or the folder given (read in place).

Publication dates: a value's ``published_on`` is the date its source released it where the data says so
(digital-economy releases, World Bank vintages). Where it does not, a stated rule gives the earliest date
the value can be taken as public, so "as of" questions stay honest (see ``PUBLICATION_RULES``).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pycountry
from babel import Locale

from dxtrack.domain.period import Period, parse_period
from dxtrack.ingest.batch import (
    ImportRejected,
    ObservationBatch,
    Problem,
    file_sha256,
    parse_date,
    source_id_for,
)
from dxtrack.ingest.reference import CALENDAR_FILE, read_release_calendar

PUBLICATION_RULES = {
    "wdi": "World Bank WDI: a year's value is taken as public on 1 July of the next year (WDI's mid-year "
    "update), and never later than the vintage the file was taken from",
    "edition": "Editions (UN E-Government Survey, Global Innovation Index): taken as public on the release date "
    "listed in release_calendar.csv, else on 31 December of the edition year (both are released in the second "
    "half of the year)",
    "annual_next": "Annual national statistics (population, provincial DTI): taken as public on 1 July of the "
    "year after the reference year",
    "release_unstated": "Official releases reported without a publication date: taken as public on the first day "
    "of the seventh month after the period ends (1 July of the next year for a year or a range of years)",
    "de_release": "Digital-economy share: the release date of each vintage as stated in the data; 'Q4-2023' "
    "and the undated 2020-2023 GSO series are dated 31 December 2023",
}

VINTAGE_DATES = {
    "wb_wdi_datasets_gh": dt.date(2026, 7, 1),
    "wb_wdi_itnetuser_plotly_ff": dt.date(2024, 11, 29),
}

ASEAN = ("BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM")
AGGREGATES = {
    "WLD": ("Thế giới", "World", "world"),
    "EAS": ("Đông Á và Thái Bình Dương", "East Asia & Pacific", "region"),
}
_VI = Locale("vi")


@dataclass
class AreaData:
    areas: list[dict[str, Any]]
    successions: list[dict[str, Any]]
    sources: list[dict[str, Any]]


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise ImportRejected([Problem(str(path), None, None, "bundled data file not found")])
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def registry_sources(data_dir: Path) -> dict[str, dict[str, Any]]:
    """The machine-readable source registry ``sources.csv`` as source records."""
    out = {}
    for r in _rows(data_dir / "sources.csv"):
        note = "; ".join(x for x in (r["note"], f"version {r['commit_or_version']}") if x)
        out[r["source_id"]] = {
            "id": r["source_id"],
            "publisher": r["publisher"],
            "title": r["title"],
            "url_or_document": f"{r['origin']} {r['path_or_url']}".strip(),
            "retrieved_on": parse_date(r["retrieved_on"]),
            "licence": r["licence"] or None,
            "note": note or None,
        }
    return out


def page_source(url: str, title: str, retrieved_on: dt.date, parent: dict[str, Any] | None) -> dict[str, Any]:
    """A web page cited by one data row."""
    return {
        "id": source_id_for(url, "page"),
        "publisher": (parent or {}).get("publisher", "web page"),
        "title": title or url,
        "url_or_document": url,
        "retrieved_on": retrieved_on,
        "licence": None,
        "note": f"row of {parent['id']}" if parent else None,
    }


def country_name_vi(iso3: str, fallback: str) -> str:
    country = pycountry.countries.get(alpha_3=iso3)
    if country is not None and country.alpha_2 in _VI.territories:
        return str(_VI.territories[country.alpha_2])
    return fallback


def load_areas(data_dir: Path) -> AreaData:
    """World and regional aggregates, every country in the data, and Vietnam's 63 + 34 provinces."""
    sources = registry_sources(data_dir)
    countries: dict[str, str] = {}
    for rel in (
        "worldbank_wdi/wdi_asean.csv",
        "un_egov/egov_survey_2003_2024.csv",
        "wipo_gii/gii_scores_2011_2022.csv",
        "wipo_gii/gii_asean_ranks_from_pages.csv",
    ):
        for r in _rows(data_dir / rel):
            countries.setdefault(r["country_iso3"], r["country_name"])
    areas: list[dict[str, Any]] = []
    for code, (vi, en, level) in AGGREGATES.items():
        areas.append(
            {
                "code": code,
                "name_vi": vi,
                "name_en": en,
                "level": level,
                "parent": None,
                "valid_from": None,
                "valid_to": None,
                "gso_code": None,
                "attributes": {},
                "source_id": "wb_wdi_datasets_gh",
            }
        )
        countries.pop(code, None)
    for iso3, name in sorted(countries.items()):
        areas.append(
            {
                "code": iso3,
                "name_vi": country_name_vi(iso3, name),
                "name_en": name,
                "level": "country",
                "parent": None,
                "valid_from": None,
                "valid_to": None,
                "gso_code": None,
                "attributes": {"asean": iso3 in ASEAN},
                "source_id": None,
            }
        )
    prov_file = data_dir / "vietnam_subnational/vn_provinces_areas.csv"
    for r in _rows(prov_file):
        areas.append(
            {
                "code": r["area_id"],
                "name_vi": r["name_vi"],
                "name_en": r["name_en"],
                "level": "province",
                "parent": "VNM",
                "valid_from": parse_date(r["valid_from"]) if r["valid_from"] else None,
                "valid_to": parse_date(r["valid_to"]) if r["valid_to"] else None,
                "gso_code": r["gso_code"],
                "attributes": {
                    k: r[k]
                    for k in ("set", "full_name_vi", "full_name_en", "code_name", "unit_type", "region_vi", "region_en")
                    if r.get(k)
                },
                "source_id": r["source_id"],
            }
        )
    succ = []
    for r in _rows(data_dir / "vietnam_subnational/vn_province_succession_2025.csv"):
        succ.append(
            {
                "from_area": r["from_area_id"],
                "to_area": r["to_area_id"],
                "effective_date": parse_date(r["effective_date"]),
                "share": float(r["share"]),
                "change": r["change"],
                "legal_basis": r["legal_basis"],
                "source_id": r["source_id"],
            }
        )
    used: set[str] = {str(a["source_id"]) for a in areas if a["source_id"]}
    used |= {str(s["source_id"]) for s in succ if s["source_id"]}
    return AreaData(areas, succ, [sources[s] for s in sorted(used)])


def _obs(
    indicator: str,
    area: str,
    period: str,
    value: float,
    unit: str | None,
    source_id: str,
    published_on: dt.date,
    comment: str | None = None,
    *,
    producer: str | None = None,
    edition: str | None = None,
    released_on: dt.date | None = None,
) -> dict[str, Any]:
    """One observation row; ``producer``/``edition``/``released_on`` name who produced the value and in which
    publication (None ``released_on``: ``published_on`` comes from a stated convention)."""
    p = parse_period(period)
    return {
        "indicator": indicator,
        "area": area,
        "period": p.label,
        "period_start": p.start,
        "period_end": p.end,
        "disaggregation": "",
        "value": float(value),
        "unit": unit or None,
        "source_id": source_id,
        "status": "published",
        "published_on": published_on,
        "comment": comment,
        "producer": producer,
        "edition": edition,
        "released_on": released_on,
    }


def _batch(
    kind: str, path: Path, rows: list[dict[str, Any]], sources: list[dict[str, Any]], extra: str = ""
) -> ObservationBatch:
    """One all-or-nothing batch; ``extra`` joins the file hash when another file (the calendar) shapes the rows."""
    uniq = {s["id"]: s for s in sources}
    digest = file_sha256(path, kind + extra)
    named = f"{path.name} (sha256 {digest[:12]})"  # never the path on this machine
    return ObservationBatch(kind, named, digest, pd.DataFrame(rows), list(uniq.values()))


def _end_of_year(row: dict[str, str]) -> dt.date:
    return dt.date(int(row["year"]), 12, 31)


def _next_july(row: dict[str, str]) -> dt.date:
    return dt.date(int(row["year"]) + 1, 7, 1)


def _wdi_published(row: dict[str, str]) -> dt.date:
    return min(VINTAGE_DATES[row["source_id"]], _next_july(row))


def _registry_table(
    data_dir: Path,
    rel: str,
    kind: str,
    area_column: str,
    rule: str,
    published: Callable[[dict[str, str]], dt.date],
    series: str | None = None,
    producer: str | None = None,
) -> ObservationBatch:
    """A tidy file whose rows cite a source of the registry by ``source_id``.

    With ``series``, an edition listed in the release calendar is dated by its actual release.
    """
    path = data_dir / rel
    reg = registry_sources(data_dir)
    dated, extra = _calendar(data_dir, series, published)
    released = _released(data_dir, series)
    rows = [
        _obs(
            r["indicator"],
            r[area_column],
            r["year"],
            float(r["value"]),
            r["unit"],
            r["source_id"],
            dated(r),
            producer=producer,
            edition=f"{series} {r['year']}" if series else None,
            released_on=released.get(r["year"]),
        )
        for r in _rows(path)
    ]
    sources = [_with_rule(reg[s], rule) for s in sorted({r["source_id"] for r in rows})]
    return _batch(kind, path, rows, sources, extra)


def _released(data_dir: Path, series: str | None) -> dict[str, dt.date]:
    """Edition -> actual release date of ``series`` from the release calendar (empty without a series)."""
    if series is None:
        return {}
    return {r.edition: r.released_on for r in read_release_calendar(data_dir) if r.series == series}


def _calendar(
    data_dir: Path, series: str | None, fallback: Callable[[dict[str, str]], dt.date]
) -> tuple[Callable[[dict[str, str]], dt.date], str]:
    """The publication-date rule for an edition series: the calendar's release date, else ``fallback``."""
    if series is None:
        return fallback, ""
    released = {r.edition: r.released_on for r in read_release_calendar(data_dir) if r.series == series}
    digest = file_sha256(data_dir / CALENDAR_FILE)
    return (lambda r: released.get(r["year"]) or fallback(r)), digest


def _page_table(
    data_dir: Path,
    rel: str,
    kind: str,
    *,
    parent_id: str,
    area_column: str,
    rule: str,
    published: Callable[[dict[str, str]], dt.date],
    unit: Callable[[dict[str, str]], str],
    comment: Callable[[dict[str, str]], str | None],
    series: str | None = None,
    producer: str | None = None,
) -> ObservationBatch:
    """A tidy file whose every row cites its own web page (``source_url``, ``source_title``)."""
    path = data_dir / rel
    parent = _with_rule(registry_sources(data_dir)[parent_id], rule)
    dated, extra = _calendar(data_dir, series, published)
    released = _released(data_dir, series)
    rows, sources = [], []
    for r in _rows(path):
        src = page_source(r["source_url"], r["source_title"], parent["retrieved_on"], parent)
        sources.append(src)
        rows.append(
            _obs(
                r["indicator"],
                r[area_column],
                r["year"],
                float(r["value"]),
                unit(r),
                src["id"],
                dated(r),
                comment(r),
                producer=producer,
                edition=f"{series} {r['year']}" if series else None,
                released_on=released.get(r["year"]),
            )
        )
    return _batch(kind, path, rows, sources, extra)


def _with_rule(source: dict[str, Any], rule: str) -> dict[str, Any]:
    out = dict(source)
    out["note"] = "; ".join(x for x in (source.get("note"), "publication date: " + PUBLICATION_RULES[rule]) if x)
    return out


def load_wdi(data_dir: Path) -> ObservationBatch:
    return _registry_table(
        data_dir, "worldbank_wdi/wdi_asean.csv", "wdi", "country_iso3", "wdi", _wdi_published, producer="World Bank"
    )


def load_egov(data_dir: Path) -> ObservationBatch:
    return _registry_table(
        data_dir,
        "un_egov/egov_survey_2003_2024.csv",
        "egov",
        "country_iso3",
        "edition",
        _end_of_year,
        series="UN E-Government Survey",
        producer="UN DESA",
    )


def load_gii_scores(data_dir: Path) -> ObservationBatch:
    return _registry_table(
        data_dir,
        "wipo_gii/gii_scores_2011_2022.csv",
        "gii_scores",
        "country_iso3",
        "edition",
        _end_of_year,
        series="Global Innovation Index",
        producer="WIPO",
    )


def load_population(data_dir: Path) -> ObservationBatch:
    return _registry_table(
        data_dir,
        "vietnam_subnational/vn_province_population_2011_2024.csv",
        "population",
        "area_id",
        "annual_next",
        _next_july,
        producer="General Statistics Office",
    )


def load_gii_ranks(data_dir: Path) -> ObservationBatch:
    """Official GII ranks (and a few scores) of ASEAN members, one cited web page per row."""
    return _page_table(
        data_dir,
        "wipo_gii/gii_asean_ranks_from_pages.csv",
        "gii_ranks",
        parent_id="gii_pages",
        area_column="country_iso3",
        rule="edition",
        published=_end_of_year,
        series="Global Innovation Index",
        producer="WIPO",
        unit=lambda r: "rank (1 = best)" if r["indicator"] == "GII_RANK" else "score 0-100",
        comment=lambda r: (
            "; ".join(x for x in (f"of {r['n_economies']} economies" if r["n_economies"] else "", r["note"]) if x)
            or None
        ),
    )


def load_dti(data_dir: Path) -> ObservationBatch:
    """Provincial DTI ranks, scores and components, one cited web page per row."""
    return _page_table(
        data_dir,
        "vietnam_subnational/vn_dti_provincial.csv",
        "dti",
        parent_id="dti_pages",
        area_column="area_id",
        rule="annual_next",
        published=_next_july,
        producer="Ministry of Information and Communications",
        unit=lambda r: r["unit"],
        comment=lambda r: r["note"] or None,
    )


def _de_published_on(vintage: str) -> dt.date:
    match = re.match(r"^(\d{4}-\d{2}-\d{2})", vintage)
    if match:
        return dt.date.fromisoformat(match.group(1))
    if "Q4-2023" in vintage or "2020-2023" in vintage:
        return dt.date(2023, 12, 31)
    raise ValueError(f"vintage '{vintage}' has no date and no rule")


def load_digital_economy(data_dir: Path) -> ObservationBatch:
    """Each release of the digital-economy share is its own vintage; GSO's measure and MIC's kept apart."""
    path = data_dir / "vietnam_national/vn_digital_economy_share_gdp.csv"
    reg = registry_sources(data_dir)
    parent = _with_rule(reg["de_pages"], "de_release")
    rows, sources, problems = [], [], []
    for i, r in enumerate(_rows(path)):
        indicator = r["indicator"]
        if r["publisher_method"].startswith("Ministry of Information and Communications"):
            if indicator != "DE_SHARE_GDP":
                problems.append(Problem(str(path), i + 2, "indicator", "unexpected ministry measure"))
                continue
            indicator = "DE_SHARE_GDP_MIC"
        try:
            pub = _de_published_on(r["vintage"])
        except ValueError as exc:
            problems.append(Problem(str(path), i + 2, "vintage", str(exc)))
            continue
        src = page_source(r["source_url"], r["source_title"], parent["retrieved_on"], parent)
        src["publisher"] = r["publisher_method"]
        sources.append(src)
        comment = "; ".join(x for x in (f"status: {r['status']}", f"vintage: {r['vintage']}", r["note"]) if x)
        stated = re.match(r"^(\d{4}-\d{2}-\d{2})", r["vintage"]) is not None
        rows.append(
            _obs(
                indicator,
                r["area_id"],
                r["period"],
                float(r["value"]),
                r["unit"],
                src["id"],
                pub,
                comment,
                producer=producer_name(r["publisher_method"]),
                released_on=pub if stated else None,
            )
        )
    if problems:
        raise ImportRejected(problems)
    return _batch("digital_economy", path, rows, sources)


RELEASES_FILE = "vietnam_national/vn_official_releases_2024_2026.csv"
RELEASES_RETRIEVED = dt.date(2026, 12, 1)  # SOURCES.md: "Added 2026-12-01"
RELEASE_REQUIRED = ("area_id", "period", "indicator", "value", "publisher", "status", "source_url")
INDICATOR_ALIASES = {"5G_POP_COVERAGE": "MOBILE_5G_POP_COVERAGE"}  # file code -> catalogue code


def _seventh_month_after(end: dt.date) -> dt.date:
    """First day of the seventh month after the month of ``end`` (31 Dec 2024 -> 1 Jul 2025)."""
    months = end.year * 12 + end.month - 1 + 7
    return dt.date(months // 12, months % 12 + 1, 1)


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a number") from None


def _parse_fields(
    path: Path, line: int, r: dict[str, str], problems: list[Problem]
) -> tuple[Period, float, dt.date | None] | None:
    """Period, value and stated publication date of one release row, or None after recording the problems."""
    found = len(problems)
    out: list[Any] = []
    for field, parse in (("period", parse_period), ("value", _number), ("published_on", parse_date)):
        if field == "published_on" and not r[field]:
            out.append(None)
            continue
        try:
            out.append(parse(r[field]))
        except ValueError as exc:
            problems.append(Problem(str(path), line, field, str(exc)))
    return None if len(problems) > found else (out[0], out[1], out[2])


def load_official_releases(data_dir: Path) -> ObservationBatch:
    """Releases after the first collection: each value keeps its publisher (in its source) and its status.

    The comment of every observation says who published it, with what status ("official (estimate)",
    "reported (secondary)" …) and how its publication date was set.
    """
    path = data_dir / RELEASES_FILE
    rows, sources, problems = [], [], []
    for i, r in enumerate(_rows(path)):
        line = i + 2
        missing = [c for c in RELEASE_REQUIRED if not r.get(c)]
        if missing:
            problems += [Problem(str(path), line, c, "empty") for c in missing]
            continue
        parsed = _parse_fields(path, line, r, problems)
        if parsed is None:
            continue
        period, value, stated = parsed
        published = stated or _seventh_month_after(period.end)
        src: dict[str, Any] = {
            "id": source_id_for(f"{r['source_url']} {r['publisher']}", "page"),
            "publisher": r["publisher"],
            "title": r["source_title"] or r["source_url"],
            "url_or_document": r["source_url"],
            "retrieved_on": RELEASES_RETRIEVED,
            "licence": None,
            "note": f"row of {RELEASES_FILE}; facts only, page copyright of its publisher",
        }
        sources.append(src)
        when = f"published {stated}" if stated else "publication date: " + PUBLICATION_RULES["release_unstated"]
        comment = "; ".join(x for x in (f"publisher: {r['publisher']}", f"status: {r['status']}", when, r["note"]) if x)
        indicator = INDICATOR_ALIASES.get(r["indicator"], r["indicator"])
        rows.append(
            _obs(
                indicator,
                r["area_id"],
                r["period"],
                value,
                r["unit"],
                str(src["id"]),
                published,
                comment,
                producer=producer_name(r["publisher"]),
                released_on=stated,
            )
        )
    if problems:
        raise ImportRejected(problems)
    return _batch("official_releases", path, rows, sources)


# Published ranks within ASEAN, stated in the release calendar's notes ("3rd in ASEAN", "ASEAN order …, Viet Nam
# (5th)"): the indicator each series' rank goes to. They take precedence over ranks computed from members' data.
ASEAN_RANK_INDICATORS = {"Global Innovation Index": "GII_RANK_ASEAN", "UN E-Government Survey": "EGDI_RANK_ASEAN"}
_ASEAN_RANK = (
    re.compile(r"\b(\d+)(?:st|nd|rd|th) in ASEAN\b"),
    re.compile(r"ASEAN order [^()]*\((\d+)(?:st|nd|rd|th)\)"),
)


def load_official_ranks(data_dir: Path) -> ObservationBatch:
    """Viet Nam's published rank within ASEAN per edition, from the release calendar (the first statement of a
    note counts; a note stating none gives no row)."""
    path = data_dir / CALENDAR_FILE
    rows, sources = [], []
    for r in read_release_calendar(data_dir):
        indicator = ASEAN_RANK_INDICATORS.get(r.series)
        found = [m for p in _ASEAN_RANK if (m := p.search(r.note or ""))]
        if indicator is None or not found:
            continue
        rank = int(min(found, key=lambda m: m.start()).group(1))
        src: dict[str, Any] = {
            "id": source_id_for(r.source_url, "page"),
            "publisher": r.publisher,
            "title": f"{r.series} {r.edition} (reported)",
            "url_or_document": r.source_url,
            "retrieved_on": RELEASES_RETRIEVED,
            "licence": None,
            "note": f"row of {CALENDAR_FILE}; facts only, page copyright of its publisher",
        }
        sources.append(src)
        rows.append(
            _obs(
                indicator,
                "VNM",
                r.edition,
                float(rank),
                "rank within ASEAN (1=best)",
                str(src["id"]),
                r.released_on,
                r.note,
                producer=r.publisher,
                edition=f"{r.series} {r.edition}",
                released_on=r.released_on,
            )
        )
    return _batch("official_ranks", path, rows, sources)


def producer_name(publisher: str) -> str:
    """The producer's short name from a publisher statement: ``National Statistics Office (Cục Thống kê, …)``
    gives ``National Statistics Office``; ``Ministry of Information and Communications estimates`` the ministry."""
    head = re.split(r" \(| - ", publisher, maxsplit=1)[0].strip()
    return head.removesuffix(" estimates").strip()


LOADERS: dict[str, Callable[[Path], ObservationBatch]] = {
    "wdi": load_wdi,
    "egov": load_egov,
    "gii_scores": load_gii_scores,
    "gii_ranks": load_gii_ranks,
    "digital_economy": load_digital_economy,
    "population": load_population,
    "dti": load_dti,
    "official_releases": load_official_releases,
    "official_ranks": load_official_ranks,
}
