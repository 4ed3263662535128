"""Spec parsing/validation and `index build` on a tiny hand-made spec and tidy CSV."""

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from dxtrack.errors import InputError
from dxtrack.index.build import build
from dxtrack.index.spec import load_spec, spec_from_tree

FIX = Path(__file__).parent / "fixtures" / "index"


def test_tree_levels_and_order() -> None:
    spec, pipe = load_spec(FIX / "tiny_spec.yaml")
    assert spec.indicators == ("BB", "COST", "DIG")
    assert spec.max_level == 3 and spec.levels[0].parents == ("INFRA", "SKILLS")
    assert spec.by_code["COST"].direction == -1 and spec.by_code["DIG"].target == 80
    assert pipe["treat"] == "none"
    assert spec.without(["DIG"]).aggregates == ("INFRA", "IDX")  # childless SKILLS dropped


@pytest.mark.parametrize(
    "doc, msg",
    [
        (
            {"index": {"code": "I", "children": [{"code": "a"}, {"code": "P", "children": [{"code": "b"}]}]}},
            "same depth",
        ),
        ({"index": {"code": "I", "children": [{"code": "a", "direction": 2}]}}, "direction"),
        ({"index": {"code": "I", "children": [{"code": "a"}, {"code": "a"}]}}, "duplicate"),
        ({"nodes": []}, "index"),
    ],
)
def test_invalid_specs(doc: dict, msg: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(InputError, match=msg):
        spec_from_tree(doc, source="x.yaml")


def test_build_hand_computed() -> None:
    r = build(FIX / "tiny_spec.yaml", FIX / "tiny_tidy.csv")
    s = r.scores()
    # BB latest: A 20, B 40, C 30 -> 0, 100, 50 ; COST (dir -1): A 5, B 1, C 3 -> 0, 100, 50
    # DIG: A 50, B 90 (latest non-missing, 2022), C 70 -> 0, 100, 50
    assert s.loc["A", "INFRA"] == 0 and s.loc["B", "INFRA"] == 100 and s.loc["C", "INFRA"] == 50
    assert s.loc["C", "IDX"] == pytest.approx((2 * 50 + 50) / 3)
    assert r.ranks().loc["B", "IDX"] == 1


def test_cli_build_and_errors(tmp_path: Path) -> None:
    from dxtrack.cli.main import app

    res = CliRunner().invoke(app, ["index", "build", str(FIX / "tiny_spec.yaml"), "--data", str(FIX / "tiny_tidy.csv")])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert [u["uCode"] for u in doc["units"]] == ["A", "B", "C"]
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,area,period,value\nBB,A,2024,abc\n")
    with pytest.raises(InputError, match="row 2"):
        build(FIX / "tiny_spec.yaml", bad)
    assert np.isfinite(doc["units"][0]["scores"]["IDX"])
