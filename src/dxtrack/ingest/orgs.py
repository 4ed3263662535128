"""Reading the organisations from the data snapshot: ``vietnam_national/organisations.csv`` and the provinces.

Provinces are the snapshot's province areas (63 until 30/06/2025, 34 from 01/07/2025): each is an organisation
whose id is its area code, and a province of the 63 names the province of the 34 it became as its successor.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from dxtrack.domain.orgs import ORG_KINDS, ROOT
from dxtrack.ingest.batch import ImportRejected, Problem
from dxtrack.ingest.bundled import AreaData

ORGS_FILE = "vietnam_national/organisations.csv"
COLUMNS = ("id", "name_vi", "name_en", "kind", "parent_id", "valid_from", "valid_to", "successor_id", "source_id")


def _date(text: str, problems: list[Problem], row: int, column: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        problems.append(Problem(ORGS_FILE, row, column, f"'{text}' is not a date YYYY-MM-DD"))
        return None


def _national(data_dir: Path, problems: list[Problem]) -> list[dict[str, Any]]:
    path = data_dir / ORGS_FILE
    if not path.is_file():
        raise ImportRejected([Problem(ORGS_FILE, None, None, "organisations file not found in the data snapshot")])
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ImportRejected([Problem(ORGS_FILE, 1, missing[0], "column missing")])
        out = []
        for row, r in enumerate(reader, start=2):
            if r["kind"] not in ORG_KINDS or r["kind"] == "province":
                problems.append(Problem(ORGS_FILE, row, "kind", f"'{r['kind']}' is not a kind of national body"))
            if not r["id"] or len(r["id"]) > 40 or r["id"] != r["id"].upper():
                problems.append(Problem(ORGS_FILE, row, "id", f"'{r['id']}' is not an upper-case id (1-40 characters)"))
            out.append(
                {
                    "id": r["id"],
                    "name_vi": r["name_vi"],
                    "name_en": r["name_en"],
                    "kind": r["kind"],
                    "parent_id": r["parent_id"] or None,
                    "valid_from": _date(r["valid_from"], problems, row, "valid_from"),
                    "valid_to": _date(r["valid_to"], problems, row, "valid_to"),
                    "successor_id": r["successor_id"] or None,
                    "area_code": None,
                    "source_id": r["source_id"] or None,
                    "_row": row,
                }
            )
    return out


def _provinces(areas: AreaData) -> list[dict[str, Any]]:
    successor = {s["from_area"]: s["to_area"] for s in areas.successions}
    out = []
    for a in areas.areas:
        if a["level"] != "province":
            continue
        attributes = a.get("attributes") or {}
        out.append(
            {
                "id": a["code"],
                "name_vi": attributes.get("full_name_vi") or a["name_vi"],
                "name_en": attributes.get("full_name_en") or a["name_en"],
                "kind": "province",
                "parent_id": ROOT,
                "valid_from": a["valid_from"],
                "valid_to": a["valid_to"],
                "successor_id": successor.get(a["code"]),
                "area_code": a["code"],
                "source_id": a["source_id"],
                "_row": None,
            }
        )
    return out


def _check_links(rows: list[dict[str, Any]], problems: list[Problem]) -> None:
    ids = [r["id"] for r in rows]
    known = set(ids)
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(Problem(ORGS_FILE, None, "id", f"organisation '{dup}' is listed twice"))
    if ROOT not in known:
        problems.append(Problem(ORGS_FILE, None, "id", f"the root organisation '{ROOT}' is missing"))
    for r in rows:
        for column in ("parent_id", "successor_id"):
            if r[column] and r[column] not in known:
                problems.append(Problem(ORGS_FILE, r["_row"], column, f"organisation '{r[column]}' is not listed"))
        if r["successor_id"] and r["valid_to"] is None:
            problems.append(Problem(ORGS_FILE, r["_row"], "valid_to", f"'{r['id']}' has a successor but no last day"))
        if r["valid_from"] and r["valid_to"] and r["valid_to"] < r["valid_from"]:
            problems.append(Problem(ORGS_FILE, r["_row"], "valid_to", f"'{r['id']}' ends before it begins"))


def _parents_first(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows ordered so that every parent and successor comes before the rows that name it (for the foreign keys)."""
    by_id = {r["id"]: r for r in rows}
    done: set[str] = set()
    out: list[dict[str, Any]] = []

    def visit(org_id: str, path: tuple[str, ...]) -> None:
        if org_id in done or org_id not in by_id:
            return
        if org_id in path:
            raise ImportRejected(
                [Problem(ORGS_FILE, None, "parent_id", f"'{org_id}' is its own ancestor or successor")]
            )
        row = by_id[org_id]
        for link in (row["parent_id"], row["successor_id"]):
            if link:
                visit(link, (*path, org_id))
        done.add(org_id)
        out.append(row)

    for r in rows:
        visit(r["id"], ())
    return out


def read_organisations(data_dir: Path, areas: AreaData) -> list[dict[str, Any]]:
    """Every organisation (national bodies, then provinces) as table rows, parents and successors first."""
    problems: list[Problem] = []
    rows = _national(data_dir, problems) + _provinces(areas)
    _check_links(rows, problems)
    if problems:
        raise ImportRejected(problems)
    return [{k: v for k, v in r.items() if k != "_row"} for r in _parents_first(rows)]
