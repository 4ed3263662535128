"""JSON API over real HTTP: lists, filters, as_of, revisions, errors, CSV download, OpenAPI.

Tests marked ``nq52`` pin Resolution 52's targets and real numbers (the vn-nq52 server, ``client``); the others
run on every bundled pack (``pack_client``); more per-pack API tests: test_packs.py."""

from __future__ import annotations

import csv
import io

import httpx
import pytest


@pytest.mark.nq52
def test_targets_list(client: httpx.Client) -> None:
    r = client.get("/api/v1/targets")
    assert r.status_code == 200
    targets = r.json()
    ids = {t["id"] for t in targets}
    assert "R52.2025.digital_economy_20" in ids and "R52.2025.gii_asean_top3" in ids
    de = next(t for t in targets if t["id"] == "R52.2025.digital_economy_20")
    assert de["quote_vi"] == "Kinh tế số chiếm khoảng 20% GDP"
    assert de["indicator"] == "DE_SHARE_GDP" and de["deadline"] == 2025 and de["value"] == 20
    only_rank = client.get("/api/v1/targets", params={"kind": "rank"}).json()
    assert only_rank and all(t["kind"] == "rank" for t in only_rank)


@pytest.mark.nq52
def test_target_detail_and_404(client: httpx.Client) -> None:
    r = client.get("/api/v1/targets/R52.2025.digital_economy_20")
    assert r.status_code == 200
    body = r.json()
    assert body["status"]["indicator"] == "DE_SHARE_GDP"
    assert body["status"]["period"] == "2025" and body["status"]["value"] == 14.02  # GSO release of Jan 2026
    missing = client.get("/api/v1/targets/NO.SUCH.TARGET")
    assert missing.status_code == 404
    assert missing.json() == {
        "error": "not_found",
        "code": "target_not_found",
        "params": {"target": "NO.SUCH.TARGET"},
        "detail": "target 'NO.SUCH.TARGET' not found",
        "status": 404,
    }


@pytest.mark.nq52
def test_status_board_as_of(client: httpx.Client) -> None:
    now = {r["target"]: r for r in client.get("/api/v1/status").json()["items"]}
    assert now["R52.2025.digital_economy_20"]["value"] == 14.02
    # before the GSO release of 6 January 2025, the latest published value was 2023 (first official series)
    then = client.get("/api/v1/status", params={"as_of": "2024-06-30"}).json()
    assert then["as_of"] == "2024-06-30"
    row = next(r for r in then["items"] if r["target"] == "R52.2025.digital_economy_20")
    assert row["period"] == "2023" and row["value"] == 12.33


@pytest.mark.nq52
def test_observations_filters(client: httpx.Client) -> None:
    r = client.get(
        "/api/v1/observations",
        params={"indicator": "EGDI", "area": ["VNM", "THA"], "period_from": "2018", "period_to": "2022"},
    )
    assert r.status_code == 200
    page = r.json()
    assert page["total"] == len(page["items"]) == 6  # 2018, 2020, 2022 editions × 2 countries
    assert {o["area"] for o in page["items"]} == {"VNM", "THA"}
    assert all("2018" <= o["period"] <= "2022" for o in page["items"])
    assert all(o["source"]["title"] and o["status"] == "published" for o in page["items"])
    paged = client.get("/api/v1/observations", params={"indicator": "EGDI", "limit": 5, "offset": 5}).json()
    assert paged["limit"] == 5 and len(paged["items"]) == 5 and paged["total"] > 100


@pytest.mark.nq52
def test_observations_revisions_and_errors(client: httpx.Client) -> None:
    latest = client.get("/api/v1/observations", params={"indicator": "DE_SHARE_GDP", "period_from": "2022"}).json()
    history = client.get(
        "/api/v1/observations", params={"indicator": "DE_SHARE_GDP", "period_from": "2022", "history": True}
    ).json()
    assert history["total"] > latest["total"]
    v2022 = [o for o in history["items"] if o["period"] == "2022"]
    assert {o["value"] for o in v2022} >= {12.86, 12.67, 12.63, 12.83}
    bad = client.get("/api/v1/observations", params={"period_from": "last year"})
    assert bad.status_code == 400 and bad.json()["error"] == "bad_request"
    wrong_day = client.get("/api/v1/observations", params={"as_of": "2024-13-45"})
    assert wrong_day.status_code == 400 and wrong_day.json()["code"] == "invalid_as_of"
    assert wrong_day.json()["params"] == {"value": "2024-13-45"}


@pytest.mark.nq52
def test_target_csv_download(client: httpx.Client) -> None:
    r = client.get("/api/v1/targets/R52.2025.digital_economy_20/data.csv")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    text = r.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert {"period", "value", "published_on", "current", "source_title"} <= set(rows[0])
    assert any(row["period"] == "2024" and row["value"] == "13.17" for row in rows)
    assert any(row["current"] == "False" for row in rows)  # superseded vintages are kept
    as_json = client.get("/api/v1/targets/R52.2025.digital_economy_20/data.json").json()
    assert len(as_json) == len(rows)


@pytest.mark.nq52
def test_indicators_and_areas(client: httpx.Client) -> None:
    ind = client.get("/api/v1/indicators/PDTI").json()
    assert ind["aggregation"] == "mean"
    assert client.get("/api/v1/indicators/NOPE").status_code == 404
    provinces = client.get("/api/v1/areas", params={"level": "province"}).json()
    assert len(provinces) == 97  # 63 before the merger + 34 after
    danang = client.get("/api/v1/areas/VN34_48").json()
    assert sorted(danang["predecessors"]) == ["VN63_48", "VN63_49"]  # Đà Nẵng + Quảng Nam
    assert client.get("/api/v1/areas", params={"level": "planet"}).status_code == 422


@pytest.mark.nq52
def test_assessments(client: httpx.Client) -> None:
    body = client.get("/api/v1/assessments").json()
    if not body["assessed"]:
        assert body["items"] == []
        assert client.get("/api/v1/assessments/R52.2025.digital_economy_20").status_code == 404
        return
    by_target = {a["target"]: a for a in body["items"]}
    de = by_target["R52.2025.digital_economy_20"]
    assert de["status"] == "target_not_achieved"  # 14.02 % in 2025 (NSO, 05/01/2026) against about 20 %
    assert de["latest"]["period"] == "2025"
    general = by_target["R52.general"]  # a qualitative target without evidence: the reason, also as a code
    assert general["reason"] == "no evidence recorded" and general["reason_code"] == "no_evidence"
    assert general["reason_params"] == {}
    one = client.get("/api/v1/assessments/R52.2025.digital_economy_20").json()
    assert one["status"] == de["status"]


def test_openapi_and_local_swagger(pack_client: httpx.Client, pack_id: str) -> None:
    client = pack_client
    spec = client.get("/openapi.json").json()
    assert spec["info"]["title"] == "dxtrack API" and f"`{pack_id}`" in spec["info"]["description"]
    for path in ("/api/v1/targets", "/api/v1/observations", "/api/v1/assessments", "/api/v1/areas/{code}"):
        assert path in spec["paths"]
    params = {p["name"] for p in spec["paths"]["/api/v1/observations"]["get"]["parameters"]}
    assert {"indicator", "area", "period_from", "period_to", "as_of", "history"} <= params
    docs = client.get("/api/docs").text
    assert "/static/vendor/swagger-ui-dist-5.35.0/swagger-ui-bundle.js" in docs
    assert client.get("/static/vendor/swagger-ui-dist-5.35.0/swagger-ui-bundle.js").status_code == 200
    assert client.get("/docs").status_code == 404  # FastAPI's CDN-based page is disabled
