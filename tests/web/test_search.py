"""Search over targets, indicators, tasks and bodies, with and without Vietnamese diacritics."""

from __future__ import annotations

import httpx
import pytest

from dxtrack.catalog import load_pack
from dxtrack.services.search import fold, search


def test_fold_drops_diacritics_and_d_stroke() -> None:
    assert fold("Chuyển đổi SỐ") == "chuyen doi so"
    assert fold("ĐÀ NẴNG, Đà Nẵng") == "da nang da nang"
    assert fold("Thủ tướng Chính phủ") == "thu tuong chinh phu"
    assert fold("  ") == ""


@pytest.mark.parametrize("query", ["chuyen doi so", "chuyển đổi số", "CHUYỂN ĐỔI SỐ", "Chuyen Doi So"])
def test_same_hits_with_or_without_diacritics(query: str) -> None:
    found = search(load_pack("vn-nq52"), query)
    targets = [h.id for h in found["target"]]
    # the three vn-nq52 targets whose Vietnamese words contain "chuyển đổi số" (read from the pack's YAML)
    assert targets == [
        "R52.2025.dx_party_state_bodies",
        "KL.inclusive_no_one_left_behind",
        "KL.comprehensive_three_pillars",
    ]
    assert [h.id for h in found["body"]] == ["NATIONAL_DX_COMMITTEE", "DT_STEERING_COMMITTEES"]
    for hit in found["task"]:
        assert "chuyen doi so" in fold(hit.title_vi + " " + hit.title_en)  # only what matches


def test_d_stroke_both_ways_and_nothing_for_nonsense() -> None:
    pack = load_pack("vn-nq52")
    with_d = [h.id for h in search(pack, "Đảng đoàn Quốc hội")["body"]]
    plain = [h.id for h in search(pack, "dang doan quoc hoi")["body"]]
    assert with_d == plain and len(plain) == 1
    assert all(not hits for hits in search(pack, "xyzzy").values())
    assert all(not hits for hits in search(pack, "   ").values())


def test_search_page(client: httpx.Client) -> None:
    html = client.get("/search", params={"q": "chuyen doi so", "lang": "vi"}).text
    assert 'href="/targets/R52.2025.dx_party_state_bodies?lang=vi"' in html
    assert "Ủy ban Quốc gia về chuyển đổi số" in html
    assert "EGDI" not in html.split('id="search-results"', 1)[1]  # an unrelated indicator is not listed
    empty = client.get("/search", params={"q": "xyzzy", "lang": "en"}).text
    assert "Nothing matches." in empty
    assert 'role="search"' in client.get("/tasks", params={"lang": "en"}).text  # a search box on every page
