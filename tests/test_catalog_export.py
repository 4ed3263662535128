"""The stable JSON interface, the canonical hash and the committed JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dxtrack.catalog import export_json, json_schema, load_pack, pack_hash, schema_text
from dxtrack.domain.catalog import ContentPack

REPO = Path(__file__).resolve().parents[1]
SCHEMA = REPO / "schemas" / "content-pack.schema.json"


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    return load_pack(check_seeds=False)


def test_export_shape(pack: ContentPack) -> None:
    data = export_json(pack)
    json.dumps(data, ensure_ascii=False)  # JSON-ready
    for key in (
        "targets", "figures", "policy_groups", "bodies", "systems", "indicators", "limitations", "documents",
        "peer_groups", "achievements",
    ):  # fmt: skip
        assert isinstance(data[key], list) and data[key], key
    assert data["hash"] == pack_hash(pack) and data["id"] == "vn-nq52"
    assert (data["format"], data["pack_format"], data["focus_area"]) == ("dxtrack.catalog/1", 2, "VNM")
    assert data["labels"]["short_vi"] == "Nghị quyết 52-NQ/TW"
    assert [h["id"] for h in data["horizons"]] == ["general", "2025", "2030", "2045", "continuing"]
    for t in data["targets"]:
        assert {"id", "doc", "quote_vi", "comparator", "value", "unit", "deadline", "peer_group", "indicator"} <= set(t)
        assert t["doc"] in ("000", "001")
        assert {"kind", "horizon", "gloss_en", "section"} <= set(t)
    for f in data["figures"]:
        assert {"id", "indicator", "value", "unit", "period", "quote_vi"} <= set(f)
    for g in data["policy_groups"]:
        assert {"id", "doc", "title_vi", "tasks"} <= set(g)
        assert all(isinstance(task, dict) and task["quote_vi"] for task in g["tasks"])
    for b in data["bodies"]:
        assert {"id", "name_vi", "duties"} <= set(b)
    for s in data["systems"]:
        assert {"id", "name_vi", "indicators"} <= set(s)
    gii = next(t for t in data["targets"] if t["id"] == "R52.2025.gii_asean_top3")
    assert (gii["comparator"], gii["value"], gii["peer_group"], gii["deadline"]) == ("rank_within", 3, "ASEAN", 2025)
    lp = next(t for t in data["targets"] if t["id"] == "R52.2025.labour_productivity_growth")
    assert lp["window"] == [2021, 2025] and lp["comparator"] == ">"


def test_hash_is_canonical(pack: ContentPack) -> None:
    assert pack_hash(pack) == pack_hash(load_pack(check_seeds=False))
    assert len(pack_hash(pack)) == 64
    changed = pack.model_copy(update={"version": pack.version + "+x"})
    assert pack_hash(changed) != pack_hash(pack)


def test_committed_schema_is_not_stale() -> None:
    assert SCHEMA.exists(), "run: python -m dxtrack.catalog schemas/content-pack.schema.json"
    assert SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "schemas/content-pack.schema.json is stale; regenerate with: "
        "python -m dxtrack.catalog schemas/content-pack.schema.json"
    )


def test_schema_describes_the_pack() -> None:
    schema = json_schema()
    assert schema["title"] == "ContentPack"
    assert {"targets", "indicators", "figures", "documents"} <= set(schema["properties"])
    assert "Target" in schema["$defs"] and schema["$defs"]["Target"]["additionalProperties"] is False
