"""World Bank Indicators API (v2) client, for online use: fetches one indicator for some countries.

The API answers ``[metadata, rows]`` pages; ``metadata.lastupdated`` becomes each value's ``published_on``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any

import httpx
import pandas as pd

from dxtrack.domain.period import parse_period
from dxtrack.errors import DxtrackError
from dxtrack.ingest.batch import ObservationBatch

API = "https://api.worldbank.org/v2"


class WorldBankError(DxtrackError):
    """The API answered with an error or something that is not its documented JSON shape."""


def _page(client: httpx.Client, url: str, params: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    try:
        response = client.get(url, params=params)
    except httpx.HTTPError as exc:
        raise WorldBankError(f"World Bank API unreachable ({url}): {exc}") from None
    if response.status_code != 200:
        raise WorldBankError(f"World Bank API answered HTTP {response.status_code} for {url}")
    try:
        body = response.json()
    except ValueError:
        raise WorldBankError(f"World Bank API did not answer JSON for {url}") from None
    if isinstance(body, list) and body and isinstance(body[0], dict) and "message" in body[0]:
        messages = "; ".join(f"{m.get('key')}: {m.get('value')}" for m in body[0]["message"])
        raise WorldBankError(f"World Bank API error for {url}: {messages}")
    if not (isinstance(body, list) and len(body) == 2 and isinstance(body[0], dict)):
        raise WorldBankError(f"World Bank API answer for {url} is not [metadata, rows]")
    return body[0], body[1] or []


def fetch_indicator(
    indicator: str,
    countries: Sequence[str],
    *,
    first_year: int | None = None,
    last_year: int | None = None,
    client: httpx.Client | None = None,
    per_page: int = 1000,
) -> ObservationBatch:
    """All pages of one indicator for the given ISO3 countries, as an observation batch (nulls dropped)."""
    own = client is None
    client = client or httpx.Client(timeout=30.0, follow_redirects=True)
    url = f"{API}/country/{';'.join(countries)}/indicator/{indicator}"
    params: dict[str, Any] = {"format": "json", "per_page": per_page}
    if first_year or last_year:
        params["date"] = f"{first_year or 1960}:{last_year or dt.date.today().year}"
    rows: list[dict[str, Any]] = []
    updated: dt.date | None = None
    name = indicator
    try:
        page, pages = 1, 1
        while page <= pages:
            meta, items = _page(client, url, {**params, "page": page})
            pages = int(meta.get("pages") or 1)
            if meta.get("lastupdated"):
                updated = dt.date.fromisoformat(str(meta["lastupdated"])[:10])
            for item in items:
                if item.get("value") is None:
                    continue
                name = (item.get("indicator") or {}).get("value") or name
                period = parse_period(str(item["date"]))
                rows.append(
                    {
                        "indicator": indicator,
                        "area": item.get("countryiso3code") or (item.get("country") or {}).get("id"),
                        "period": period.label,
                        "period_start": period.start,
                        "period_end": period.end,
                        "disaggregation": "",
                        "value": float(item["value"]),
                        "unit": item.get("unit") or None,
                        "source_id": f"worldbank-api:{indicator}:{updated or 'unknown'}",
                        "status": "published",
                        "published_on": updated or dt.date.today(),
                        "comment": item.get("obs_status") or None,
                    }
                )
            page += 1
    finally:
        if own:
            client.close()
    source = {
        "id": f"worldbank-api:{indicator}:{updated or 'unknown'}",
        "publisher": "World Bank (World Development Indicators API)",
        "title": name,
        "url_or_document": url,
        "retrieved_on": dt.date.today(),
        "licence": "CC-BY-4.0",
        "note": f"last updated {updated}" if updated else None,
    }
    frame = pd.DataFrame(rows)
    digest = hashlib.sha256(frame.to_csv(index=False).encode() + url.encode()).hexdigest()
    return ObservationBatch("worldbank-api", url, digest, frame, [source])
