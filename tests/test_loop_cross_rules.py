"""The pack's cross-item rules: vn-nq57's rules hold by definition, and a unit's template carries the rules
binding its items (all of the rule's indicators in the report) and no others."""

from __future__ import annotations

import pytest

from dxtrack.catalog import load_pack
from dxtrack.services.calls import unit_items


def test_vn_nq57_rules_are_over_its_indicators() -> None:
    pack = load_pack("vn-nq57")
    rules = {r.id: r.indicators for r in pack.validation_rules}
    assert rules["de_core_within_de"] == ("DE_CORE_SHARE_GDP", "DE_SHARE_GDP")
    assert rules["gii_asean_rank_within_world"] == ("GII_RANK_ASEAN", "GII_RANK")
    codes = {i.code for i in pack.indicators}
    assert all(set(ind) <= codes for ind in rules.values())


def test_template_rules_list_the_cross_rules_an_item_takes_part_in() -> None:
    pack = load_pack("vn-nq57")
    # MOST monitors DE_SHARE_GDP and GII_RANK but reports neither DE_CORE_SHARE_GDP nor GII_RANK_ASEAN: no rule
    items = {i["id"]: i for i in unit_items(pack, "MOST", {"MOST": ("MOST",)})}
    assert "DE_SHARE_GDP" in items and "cross" not in items["DE_SHARE_GDP"]["rules"]
    # a pack whose targets ask MOST for the core digital economy too: both items carry the rule
    target = pack.target("A1.2030.digital_economy_30")
    extra = target.model_copy(update={"id": "X.core", "indicator": "DE_CORE_SHARE_GDP"})
    wider = pack.model_copy(update={"targets": [*pack.targets, extra]})
    items = {i["id"]: i for i in unit_items(wider, "MOST", {"MOST": ("MOST",)})}
    rule = {"id": "de_core_within_de", "kind": "le", "left": "DE_CORE_SHARE_GDP", "right": "DE_SHARE_GDP"}
    assert items["DE_CORE_SHARE_GDP"]["rules"]["cross"] == [rule]
    assert items["DE_SHARE_GDP"]["rules"]["cross"] == [rule]
    assert "cross" not in items["GII_RANK"]["rules"]


def test_a_submission_breaking_a_pack_rule_is_refused(db_url: str) -> None:
    """Through the service every way in uses (JSON, Excel, web form, API): refused, naming both items and the rule."""
    from dxtrack.services import accounts, calls, submissions
    from dxtrack.services.store import open_store
    from tests.loop_support import MINISTRY, prepare

    engine = open_store(db_url)
    prepare(engine)
    pack = load_pack("vn-nq57")
    extra = pack.target("A1.2030.digital_economy_30").model_copy(
        update={"id": "X.core", "indicator": "DE_CORE_SHARE_GDP"}
    )
    wider = pack.model_copy(update={"targets": [*pack.targets, extra]})
    coord, sub = accounts.get_user(engine, "coord"), accounts.get_user(engine, "sub-most")
    assert coord is not None and sub is not None
    call = calls.create_call(engine, wider, coord, title="Báo cáo 2025", period="2025", cutoff="2025-12-15",
                             due="2099-01-15", units=MINISTRY)  # fmt: skip
    tpl = calls.template(engine, call, MINISTRY)
    values = {"DE_CORE_SHARE_GDP": 19.0, "DE_SHARE_GDP": {"value": 18.3, "collection": "self_reported"}}
    filled = {**tpl, "items": [{**i, "value": values.get(i["id"])} for i in tpl["items"]]}
    with pytest.raises(submissions.SubmissionRejected) as caught:
        submissions.submit(engine, wider, sub, call, MINISTRY, filled, file="most.json")
    assert [(i.item, i.rule) for i in caught.value.issues] == [("DE_CORE_SHARE_GDP", "de_core_within_de")]
    assert caught.value.issues[0].text("vi") == (
        "mục 'DE_CORE_SHARE_GDP', quy tắc 'de_core_within_de': 'DE_CORE_SHARE_GDP' (19) lớn hơn 'DE_SHARE_GDP' "
        "(18.3); 'DE_CORE_SHARE_GDP' không được lớn hơn 'DE_SHARE_GDP'"
    )
    assert [u["state"] for u in submissions.board(engine, call)["units"]] == ["not_submitted"]  # nothing written
    values["DE_CORE_SHARE_GDP"] = 12.1  # core 12.1 ≤ 18.3: passes
    filled = {**tpl, "items": [{**i, "value": values.get(i["id"])} for i in tpl["items"]]}
    _, revision, written = submissions.submit(engine, wider, sub, call, MINISTRY, filled, file="most.json")
    assert (revision, written) == (1, True)
    engine.dispose()


def test_rules_in_words_name_the_cross_rules() -> None:
    from dxtrack.interop.xlsx_template import rules_text

    le = {"id": "de_core_within_de", "kind": "le", "left": "DE_CORE_SHARE_GDP", "right": "DE_SHARE_GDP"}
    share = {"id": "p", "kind": "share_of", "share": "S", "part": "C", "whole": "T", "tolerance": 0.5}
    item = {"kind": "indicator", "rules": {"min": 0.0, "max": 100.0, "cross": [le, share]}}
    assert rules_text(item, "vi") == (
        "Số; từ 0 đến 100; quy tắc de_core_within_de: DE_CORE_SHARE_GDP ≤ DE_SHARE_GDP; "
        "quy tắc p: S = 100 × C / T (± 0,5)"
    )
    assert rules_text(item, "en").endswith("rule p: S = 100 × C / T (± 0.5)")
