"""Server-rendered pages over real HTTP: content in both languages, formats, and no external assets.

Tests taking ``pack_client`` run on every bundled pack; those marked ``nq52`` pin Resolution 52's real numbers
and wording and run on the vn-nq52 server (``client``) only. More per-pack page tests: test_packs.py.
"""

from __future__ import annotations

import re

import httpx
import pytest

from dxtrack.catalog import load_pack

PAGES = ["/", "/targets", "/targets/{first}", "/peers", "/provinces", "/tasks", "/api/docs"]
ASSET = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)=["']([^"']+)["']""", re.I)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_page_renders_with_local_assets_only(pack_client: httpx.Client, pack_id: str, path: str, lang: str) -> None:
    path = path.format(first=load_pack(pack_id).targets[0].id)
    r = pack_client.get(path, params={"lang": lang})
    assert r.status_code == 200
    assert f'<html lang="{lang}">' in r.text
    for url in ASSET.findall(r.text):
        assert url.startswith("/"), f"{path}: asset {url} is not served by this server"
    assert "cdn" not in " ".join(ASSET.findall(r.text)).lower()


def test_language_default_toggle_and_cookie(pack_server: str, pack_id: str) -> None:
    with httpx.Client(base_url=pack_server) as c:
        vi = c.get("/")
        assert "Bảng theo dõi các mục tiêu" in vi.text and 'href="/?lang=en"' in vi.text
        en = c.get("/", params={"lang": "en"})
        assert "Status of the targets" in en.text
        assert en.cookies.get("dxtrack_lang") == "en"
        again = c.get("/targets")  # the cookie keeps English
        assert f"Every target of {load_pack(pack_id).labels.short_en}" in again.text


@pytest.mark.nq52
def test_vietnamese_number_and_date_formats(client: httpx.Client) -> None:
    vi = client.get("/targets/R52.2025.digital_economy_20", params={"lang": "vi"}).text
    assert "13,17" in vi and "06/01/2025" in vi
    en = client.get("/targets/R52.2025.digital_economy_20", params={"lang": "en"}).text
    assert "13.17" in en and "2025-01-06" in en


@pytest.mark.nq52
def test_board_content(client: httpx.Client) -> None:
    targets = client.get("/api/v1/targets").json()
    html = client.get("/", params={"lang": "vi"}).text
    assert html.count('class="card ') == len(targets) >= 26
    assert "Kinh tế số chiếm khoảng 20% GDP" in html
    assert "Đến năm 2025" in html and "Đến năm 2030" in html
    filtered = client.get("/", params={"lang": "vi", "horizon": "2030"}).text
    assert filtered.count('class="card ') == sum(t["horizon"] == "2030" for t in targets) >= 7


@pytest.mark.nq52
def test_target_page_content(client: httpx.Client) -> None:
    html = client.get("/targets/R52.2025.digital_economy_20", params={"lang": "vi"}).text
    assert "Nguyên văn văn bản" in html and "“Kinh tế số chiếm khoảng 20% GDP”" in html
    assert 'id="chart-series"' in html and "/api/v1/targets/R52.2025.digital_economy_20/data.csv" in html
    assert "đã được thay thế" in html  # revisions are shown
    missing = client.get("/targets/NO.SUCH", params={"lang": "vi"})
    assert missing.status_code == 404 and "Không tìm thấy" in missing.text


@pytest.mark.nq52
def test_provinces_page_and_map(client: httpx.Client) -> None:
    html63 = client.get("/provinces", params={"lang": "vi"}).text
    assert "Quần đảo Hoàng Sa" in html63 and "Quần đảo Trường Sa" in html63
    assert "Đà Nẵng" in html63 and "0,8002" in html63
    html34 = client.get("/provinces", params={"lang": "vi", "set": "34"}, headers={"HX-Request": "true"}).text
    # htmx gets the whole page and swaps the whole component: tabs (with the new selection) and panel
    view = html34.split('<div id="province-view"', 1)[1]
    assert 'id="tab-set34" class="chip" href="/provinces?set=34&amp;lang=vi"' in view
    assert re.search(r'id="tab-set34"[^>]*aria-selected="true"', view)
    assert re.search(r'id="tab-set63"[^>]*aria-selected="false"', view)
    assert "Đà Nẵng (1), Quảng Nam (31)" in html34  # predecessors with their DTI 2022 rank
    geo = client.get("/geo/provinces-34.json").json()
    assert len(geo["features"]) == 34
    assert client.get("/geo/provinces-99.json").status_code == 404


@pytest.mark.nq52
def test_peers_page(client: httpx.Client) -> None:
    html = client.get("/peers", params={"lang": "en"}).text
    for name in ("E-Government Development Index", "Singapore", "Viet Nam"):
        assert name in html
    panel = client.get("/peers", params={"indicator": "IT.NET.BBND.P2"}, headers={"HX-Request": "true"}).text
    view = panel.split('<div id="peer-view"', 1)[1]  # the component htmx swaps: tabs and panel together
    assert re.search(r'id="tab-IT.NET.BBND.P2"[^>]*aria-selected="true" tabindex="0"', view)
    assert len(re.findall(r'aria-selected="true"', view)) == 1
    assert 'aria-labelledby="tab-IT.NET.BBND.P2"' in view


def test_tasks_page(pack_client: httpx.Client) -> None:
    html = pack_client.get("/tasks", params={"lang": "vi"}).text
    assert "Nhiệm vụ, giải pháp và cơ quan chịu trách nhiệm" in html
    assert "Minh chứng đã ghi nhận" in html


@pytest.mark.parametrize(
    ("lang", "message"),
    [("vi", "as_of '2024-13-45' không phải là ngày hợp lệ"), ("en", "as_of '2024-13-45' is not a valid date")],
)
def test_invalid_as_of_is_a_400_page_in_the_page_language(pack_client: httpx.Client, lang: str, message: str) -> None:
    page = pack_client.get("/", params={"as_of": "2024-13-45", "lang": lang})
    assert page.status_code == 400 and message in page.text.replace("&#39;", "'")
    api = pack_client.get("/api/v1/status", params={"as_of": "2024-13-45"})
    assert api.status_code == 400
    assert api.json() == {
        "error": "bad_request",
        "code": "invalid_as_of",
        "params": {"value": "2024-13-45"},
        "detail": "as_of '2024-13-45' is not a valid date; expected YYYY-MM-DD, e.g. 2025-06-30",
        "status": 400,
    }


def test_every_api_error_has_one_shape(pack_client: httpx.Client) -> None:
    answers = {
        404: pack_client.get("/api/v1/indicators/NO_SUCH"),
        405: pack_client.post("/api/v1/status"),
        422: pack_client.get("/api/v1/observations", params={"limit": 0}),
        400: pack_client.get("/api/v1/observations", params={"period_from": "last year"}),
    }
    for status, r in answers.items():
        body = r.json()
        assert r.status_code == status and set(body) == {"error", "code", "params", "detail", "status"}, body
        assert body["status"] == status
    assert answers[422].json()["code"] == "invalid_request"
    assert answers[422].json()["params"]["fields"] == ["limit: Input should be greater than or equal to 1"]
    assert answers[405].json()["code"] == "method_not_allowed"


@pytest.mark.nq52
def test_province_ranks_agree_with_the_index_command(client: httpx.Client, web_db: str) -> None:
    """The 34-unit page and `dxtrack index provinces` come from one re-aggregation path: same ranks."""
    import json

    from typer.testing import CliRunner

    from dxtrack.cli.main import app

    out = CliRunner().invoke(app, ["--db", web_db, "index", "provinces", "--format", "json", "--view", "34"])
    assert out.exit_code == 0, out.output
    cli_rank = {u["name"]: u["PDTI_RANK"] for u in json.loads(out.stdout)["units_34"]}
    html = client.get("/provinces", params={"lang": "vi", "set": "34"}, headers={"HX-Request": "true"}).text
    rows = re.findall(r'<tr><td class="r num">([^<]*)</td><td class="nowrap">([^<]*)</td>', html)
    assert len(rows) == 34
    page_rank = {name: (None if rank == "–" else float(rank)) for rank, name in rows}
    assert page_rank == cli_rank
    assert page_rank["Quảng Ninh"] == 1.0 and page_rank["Đà Nẵng"] is None  # Quảng Nam has no 2022 score


# where each pack's rank targets rank within their peer group (its name as the pack's peer_groups give it)
GROUP_SCOPE = {"vn-nq52": "trong ASEAN", "vn-nq57": "trong khu vực Đông Nam Á"}


def test_board_card_and_targets_table_word_the_latest_figure_alike(pack_client: httpx.Client, pack_id: str) -> None:
    """One wording function: a rank target reads 'hạng k/n trong ASEAN' on the card and in the table."""
    board = pack_client.get("/", params={"lang": "vi"}).text
    table = pack_client.get("/targets", params={"lang": "vi"}).text
    on_board = re.findall(r'class="latest">([^<]*)<', board)
    in_table = re.findall(r'class="latest">([^<]*)<', table)
    assert on_board and sorted(on_board) == sorted(in_table)
    scope = GROUP_SCOPE[pack_id]
    # "/n" where the rank is computed among n members; a published rank has no n (GII 2025: "hạng 3 trong ASEAN")
    assert any(re.fullmatch(rf"hạng \d+(/\d+)? {scope} \(\d{{4}}\)", x) for x in on_board)
    assert not any("thế giới" in x for x in on_board if scope in x)
