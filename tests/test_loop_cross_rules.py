"""The pack's cross-item rules: vn-nq57's rules hold by definition, and a unit's template carries the rules
binding its items (all of the rule's indicators in the report) and no others."""

from __future__ import annotations

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
