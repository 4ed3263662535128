"""World Bank API client against constructed responses in the API's documented JSON shape."""

from __future__ import annotations

import datetime as dt
import json

import httpx
import pytest

from dxtrack.ingest.worldbank import WorldBankError, fetch_indicator


def row(iso3: str, year: int, value: float | None) -> dict:
    return {
        "indicator": {"id": "SL.GDP.PCAP.EM.KD", "value": "GDP per person employed (constant 2021 PPP $)"},
        "country": {"id": iso3[:2], "value": iso3},
        "countryiso3code": iso3,
        "date": str(year),
        "value": value,
        "unit": "",
        "obs_status": "",
        "decimal": 0,
    }


def transport(pages: list[list[dict]], updated: str = "2026-07-01") -> httpx.MockTransport:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        page = int(request.url.params["page"])
        meta = {
            "page": page,
            "pages": len(pages),
            "per_page": 2,
            "total": sum(map(len, pages)),
            "sourceid": "2",
            "lastupdated": updated,
        }
        return httpx.Response(200, content=json.dumps([meta, pages[page - 1]]))

    mock = httpx.MockTransport(handler)
    mock.seen = seen  # type: ignore[attr-defined]
    return mock


def test_pages_are_followed_and_nulls_dropped() -> None:
    mock = transport([[row("VNM", 2023, 25000.5), row("VNM", 2024, None)], [row("THA", 2023, 40000.0)]])
    with httpx.Client(transport=mock) as client:
        batch = fetch_indicator("SL.GDP.PCAP.EM.KD", ["VNM", "THA"], client=client, first_year=2023)
    assert [r.url.params["page"] for r in mock.seen] == ["1", "2"]
    assert mock.seen[0].url.path == "/v2/country/VNM;THA/indicator/SL.GDP.PCAP.EM.KD"
    assert mock.seen[0].url.params["date"].startswith("2023:")
    assert batch.frame[["area", "period", "value"]].values.tolist() == [
        ["VNM", "2023", 25000.5],
        ["THA", "2023", 40000.0],
    ]
    assert set(batch.frame["published_on"]) == {dt.date(2026, 7, 1)}
    assert batch.sources[0]["title"] == "GDP per person employed (constant 2021 PPP $)"


def test_api_error_message_is_reported() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = [
            {"message": [{"id": "120", "key": "Invalid value", "value": "The provided parameter value is not valid"}]}
        ]
        return httpx.Response(200, content=json.dumps(body))

    with httpx.Client(transport=httpx.MockTransport(handler)) as client, pytest.raises(WorldBankError) as info:
        fetch_indicator("NOPE", ["VNM"], client=client)
    assert "Invalid value" in str(info.value)


def test_http_error_is_one_line() -> None:
    mock = httpx.MockTransport(lambda r: httpx.Response(503))
    with httpx.Client(transport=mock) as client, pytest.raises(WorldBankError, match="HTTP 503"):
        fetch_indicator("SL.GDP.PCAP.EM.KD", ["VNM"], client=client)
