"""The web over every bundled content pack (``pack_id``): pages and API behave alike and speak of the pack's own
strategy — its name, documents, peer group, horizons, targets and tasks — never of another pack's.

The numbers of Resolution 52 are pinned in test_pages.py and test_api.py (vn-nq52 only); here only behaviour.
"""

from __future__ import annotations

import json
import re
from functools import cache
from html import unescape

import httpx
import pytest

from dxtrack.catalog import load_pack
from dxtrack.catalog.loader import available_packs
from dxtrack.domain.catalog import ContentPack, Target
from dxtrack.domain.status import Status

PAGES = ["/", "/targets", "/peers", "/provinces", "/tasks"]

# the strategy each pack is about, as a reader must see it (hand-written; a new pack adds its line)
OWN_WORDS = {"vn-nq52": "52-NQ/TW", "vn-nq57": "57-NQ/TW"}
# how the peers page names the pack's peer group (its first group listing members), in vi and en
PEER_TITLES = {
    "vn-nq52": ("Việt Nam so với các nước ASEAN", "Viet Nam against ASEAN"),
    "vn-nq57": ("Việt Nam so với các nước khu vực Đông Nam Á", "Viet Nam against Southeast Asia"),
}
# the keys of one item of /api/v1/assessments: the same for every pack
ASSESSMENT_KEYS = {
    "baseline", "deadline", "detail", "forecast", "growth_actual", "growth_required", "latest", "method",
    "method_version", "observation_ids", "peer_ranks", "probability", "projection", "reason", "reason_code",
    "reason_params", "share_covered", "status", "target", "target_value", "trajectory",
}  # fmt: skip
STATUS_KEYS = {
    "area", "comparator", "deadline", "horizon", "indicator", "kind", "observation_id", "period", "probability",
    "published_on", "source", "source_url", "status", "target", "target_unit", "target_value", "unit", "value",
}  # fmt: skip


@cache
def pack_of(pack_id: str) -> ContentPack:
    return load_pack(pack_id)


def text_of(html: str) -> str:
    """The visible text of a page (tags, scripts and JSON data blocks removed)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def shapes(pack: ContentPack) -> list[Target]:
    """One target of each shape (kind, horizon, peer group, with/without indicator, document): the sample of
    target pages fetched, so that every template branch runs without fetching all 100 pages of vn-nq57."""
    seen: dict[tuple[object, ...], Target] = {}
    for t in pack.targets:
        seen.setdefault((t.kind, t.horizon, t.peer_group, t.indicator is None, t.doc), t)
    return list(seen.values())


def test_the_packs_are_the_bundled_ones() -> None:
    assert set(OWN_WORDS) == set(available_packs()) == set(PEER_TITLES)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_answers_and_names_the_packs_own_strategy(
    pack_client: httpx.Client, pack_id: str, lang: str
) -> None:
    pack = pack_of(pack_id)
    short = pack.labels.short_vi if lang == "vi" else pack.labels.short_en
    others = [w for p, w in OWN_WORDS.items() if p != pack_id]
    for path in PAGES:
        r = pack_client.get(path, params={"lang": lang})
        assert r.status_code == 200, f"{pack_id} {path}?lang={lang}: {r.status_code}"
        assert f'<html lang="{lang}">' in r.text
        assert OWN_WORDS[pack_id] in r.text and short in r.text, f"{pack_id} {path}: strategy not named"
        for other in others:
            assert other not in r.text, f"{pack_id} {path}?lang={lang} names {other}"


def test_home_page_is_about_the_packs_strategy(pack_client: httpx.Client, pack_id: str) -> None:
    pack = pack_of(pack_id)
    vi = pack_client.get("/", params={"lang": "vi"}).text
    assert f"<p>{pack.labels.subtitle_vi}</p>" in vi  # the subtitle under the header
    targets = pack_client.get("/api/v1/targets").json()
    assert vi.count('class="card ') == len(targets) == len(pack.targets)
    for h in pack.horizons:  # a section per horizon that has targets, titled by the pack's label
        if any(t.horizon == h.id for t in pack.targets):
            assert h.label_vi in vi
    en = text_of(pack_client.get("/", params={"lang": "en"}).text)
    assert pack.labels.subtitle_en in en
    assert "Kết luận" not in en and "Nghị quyết" not in en.replace(pack.labels.short_vi, "")


def test_peers_page_names_the_packs_peer_group(pack_client: httpx.Client, pack_id: str) -> None:
    title_vi, title_en = PEER_TITLES[pack_id]
    vi = pack_client.get("/peers", params={"lang": "vi"}).text
    en = pack_client.get("/peers", params={"lang": "en"}).text
    assert f"<h1>{title_vi}</h1>" in vi and f"<h1>{title_en}</h1>" in en
    group = next(g for g in pack_of(pack_id).peer_groups if g.members)
    if group.id != "ASEAN":
        assert "ASEAN" not in text_of(vi) and "ASEAN" not in text_of(en)
    # the peers table lists each member of the group once
    codes = pack_client.get("/api/v1/areas", params={"level": "country"}).json()
    names = {a["code"]: a["name_vi"] for a in codes}
    panel = pack_client.get("/peers", params={"lang": "vi"}, headers={"HX-Request": "true"}).text
    rows = re.findall(r"<tr[^>]*><td class=\"r\">[^<]*</td><td>([^<]*)</td>", panel)
    assert sorted(rows) == sorted(names[m] for m in group.members)


def test_target_pages_of_every_shape_answer(pack_client: httpx.Client, pack_id: str) -> None:
    for target in shapes(pack_of(pack_id)):
        for lang in ("vi", "en"):
            r = pack_client.get(f"/targets/{target.id}", params={"lang": lang})
            assert r.status_code == 200, f"{pack_id} /targets/{target.id}?lang={lang}: {r.status_code}"
            words = target.quote_vi if lang == "vi" else target.gloss_en
            assert words.split()[0] in r.text
            assert not re.search(r"\bVNM\b", text_of(r.text)), f"{target.id}: an area code in a sentence"
            peers = re.search(r'<script type="application/json" id="chart-peers-data">(.*?)</script>', r.text)
            assert peers is None or json.loads(peers.group(1))["lines"], f"{target.id}: empty peers chart"


def test_api_lists_exactly_the_packs_targets(pack_client: httpx.Client, pack_id: str) -> None:
    pack = pack_of(pack_id)
    listed = pack_client.get("/api/v1/targets").json()
    assert sorted(t["id"] for t in listed) == sorted(t.id for t in pack.targets)
    horizons = {h.id for h in pack.horizons}
    assert {t["horizon"] for t in listed} <= horizons
    one = pack.targets[0]
    body = pack_client.get(f"/api/v1/targets/{one.id}").json()
    assert set(body) == {"target", "status", "assessment"}
    assert body["target"]["id"] == one.id and body["target"]["quote_vi"] == one.quote_vi
    assert set(body["status"]) == STATUS_KEYS and set(body["assessment"]) == ASSESSMENT_KEYS


def test_every_target_is_judged_with_a_known_status(pack_client: httpx.Client, pack_id: str) -> None:
    pack = pack_of(pack_id)
    statuses = {s.value for s in Status}
    board = pack_client.get("/api/v1/status").json()
    assert sorted(r["target"] for r in board["items"]) == sorted(t.id for t in pack.targets)
    assert all(set(r) == STATUS_KEYS for r in board["items"])
    assert {r["status"] for r in board["items"]} <= statuses
    judged = pack_client.get("/api/v1/assessments").json()
    if judged["assessed"]:
        assert sorted(a["target"] for a in judged["items"]) == sorted(t.id for t in pack.targets)
        assert all(set(a) == ASSESSMENT_KEYS for a in judged["items"])
        assert {a["status"] for a in judged["items"]} <= statuses
        assert all(a["reason_code"] for a in judged["items"] if a["status"] == "insufficient_data")


def test_tasks_page_lists_every_task_with_deadlines_in_words(pack_client: httpx.Client, pack_id: str) -> None:
    pack = pack_of(pack_id)
    vi = pack_client.get("/tasks", params={"lang": "vi"}).text
    tables = re.findall(r'<table class="data tasks-table stack">.*?</table>', vi, flags=re.S)
    rows = sum(t.count('<tr id="task-') for t in tables)  # one row per task (anchored for search results)
    assert rows == sum(len(g.tasks) for g in pack.policy_groups)
    cells = re.findall(r'<td class="nowrap" data-label="[^"]*">([^<]*)</td>', "".join(tables))
    # deadlines read as words, never as the pack's codes (2025-06, 2025-Q2, 2025/.., continuing, annual)
    assert not [c for c in cells if re.search(r"\d{4}-|/\.\.|continuing|annual", c)]
    for task in (t for g in pack.policy_groups for t in g.tasks):
        if task.deadline == "continuing":
            assert "Thường xuyên" in cells
        if task.deadline == "2025-06":
            assert "Tháng 6/2025" in cells
    en = text_of(pack_client.get("/tasks", params={"lang": "en"}).text)
    assert "Thường xuyên" not in en and "Tháng" not in en


def test_target_notes_read_in_vietnamese_on_vietnamese_pages(pack_client: httpx.Client, pack_id: str) -> None:
    pack = pack_of(pack_id)
    noted = [t for t in pack.targets if t.note]
    # every note has its Vietnamese text (with Vietnamese letters, not a copy of the English)
    assert noted and all(t.note_vi and t.note_vi != t.note for t in noted)
    assert all(re.search(r"[ạảãàáâậầấẩẫăắằặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]", t.note_vi or "") for t in noted)
    target = noted[0]
    vi = unescape(pack_client.get(f"/targets/{target.id}", params={"lang": "vi"}).text)
    assert f"Ghi chú: <span lang=\"vi\">{target.note_vi}</span>" in vi and "Ghi chú (tiếng Anh)" not in vi
    en = unescape(pack_client.get(f"/targets/{target.id}", params={"lang": "en"}).text)
    assert str(target.note) in en and str(target.note_vi) not in en
