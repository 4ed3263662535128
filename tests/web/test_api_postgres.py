"""The JSON API served from a real PostgreSQL store answers exactly as from SQLite."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from dxtrack.catalog import load_pack
from dxtrack.services import store
from dxtrack.web.launch import free_port, start_server

pytestmark = pytest.mark.pg


@pytest.fixture(scope="module")
def pg_client(new_pg_database, data_dir: Path):
    url = new_pg_database()
    engine = store.open_store(url)
    store.load_areas(engine, data_dir)
    store.load_content_pack(engine, load_pack())
    store.load_bundled_data(engine, data_dir, only=["digital_economy", "official_releases", "egov", "wdi"])
    engine.dispose()
    port = free_port()
    proc = start_server(url, port, data_dir=data_dir)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            yield client
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/observations?indicator=DE_SHARE_GDP&area=VNM&as_of=2024-06-30",
        "/api/v1/observations?indicator=DE_SHARE_GDP&area=VNM&history=true",
        "/api/v1/observations?indicator=EGDI_RANK&area=VNM",
    ],
)
def test_same_answers_as_sqlite(pg_client: httpx.Client, client: httpx.Client, path: str) -> None:
    keep = ("indicator", "area", "period", "value", "published_on", "status", "unit")

    def rows(c: httpx.Client) -> list[tuple]:
        response = c.get(path)
        assert response.status_code == 200, response.text
        return sorted(tuple(item[k] for k in keep) for item in response.json()["items"])

    from_pg = rows(pg_client)
    assert from_pg and from_pg == rows(client)


def test_status_as_of_on_postgres(pg_client: httpx.Client) -> None:
    then = {r["target"]: r for r in pg_client.get("/api/v1/status", params={"as_of": "2024-06-30"}).json()["items"]}
    assert (then["R52.2025.digital_economy_20"]["period"], then["R52.2025.digital_economy_20"]["value"]) == (
        "2023",
        12.33,
    )
