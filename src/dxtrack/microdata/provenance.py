"""Indicator values from records as an observation batch: each value sourced to the data set and the definition."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping

import pandas as pd

from dxtrack.domain.catalog import ContentPack
from dxtrack.domain.period import parse_period
from dxtrack.ingest.batch import ObservationBatch
from dxtrack.microdata.dataset import DatasetId
from dxtrack.microdata.definitions import definition_hash
from dxtrack.microdata.rollup import NATIONAL

AGENCY_PREFIX = "agency:"
"""Ministry values are stored for the country with disaggregation ``agency:<id>`` (ministries are not areas)."""


def source_for(data: DatasetId, code: str, def_hash: str, engine: str) -> dict[str, object]:
    return {
        "id": f"records:{data.sha256[:16]}:{code}:{def_hash[:12]}",
        "publisher": "dxtrack services indicators",
        "title": f"{code} computed from service records {data.describe()}; definition sha256 {def_hash}",
        "url_or_document": data.path,
        "retrieved_on": dt.date.today(),
        "licence": None,
        "note": f"data sha256 {data.sha256}; rows {data.rows}; definition sha256 {def_hash} "
        f"(content pack record_indicators); engine {engine}",
    }


def observation_batch(
    table: pd.DataFrame,
    pack: ContentPack,
    data: DatasetId,
    *,
    engine: str,
    areas: Mapping[str, tuple[dt.date | None, dt.date | None]],
    published_on: dt.date | None = None,
) -> tuple[ObservationBatch, int]:
    """The tidy table as observations, and how many values were left out.

    ``areas`` maps each stored area to its validity (from, to); ids not in it (ministries) go to the country,
    disaggregated. A value for a period outside its unit's validity (a new province's series rebuilt from its
    predecessors' records before the unit existed) stays in the output table but is not stored: an observation
    is only ever recorded for a unit that existed in its period.
    """
    hashes = {code: definition_hash(pack, code) for code in sorted(set(table["indicator"]))}
    sources = [source_for(data, c, h, engine) for c, h in hashes.items()]
    source_ids = {c: str(s["id"]) for c, s in zip(hashes, sources, strict=True)}
    units = {i.code: i.unit for i in pack.record_indicators}
    rows = []
    left_out = 0
    for rec in table.to_dict("records"):
        period = parse_period(str(rec["period"]))
        den = rec["denominator"]
        is_area = rec["area"] in areas
        if is_area:
            valid_from, valid_to = areas[rec["area"]]
            if (valid_from and period.end < valid_from) or (valid_to and period.start > valid_to):
                left_out += 1
                continue
        rows.append(
            {
                "indicator": rec["indicator"],
                "area": rec["area"] if is_area else NATIONAL,
                "period": period.label,
                "period_start": period.start,
                "period_end": period.end,
                "disaggregation": "" if is_area else f"{AGENCY_PREFIX}{rec['area']}",
                "value": float(rec["value"]),
                "unit": units.get(str(rec["indicator"])),
                "status": "published",
                "published_on": published_on or dt.date.today(),
                "comment": f"numerator {rec['numerator']}"
                + ("" if den is None or den is pd.NA else f", denominator {den}"),
                "source_id": source_ids[str(rec["indicator"])],
            }
        )
    digest = hashlib.sha256(
        (data.sha256 + "".join(f"{c}:{h}" for c, h in hashes.items()) + engine).encode()
    ).hexdigest()
    return ObservationBatch("records", f"records {data.path}", digest, pd.DataFrame(rows), sources), left_out
