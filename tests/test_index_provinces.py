"""Provincial re-aggregation (63 -> 34 units) and disparity measures."""

import math

import numpy as np
import pandas as pd
import pytest

from dxtrack.errors import InputError
from dxtrack.index.disparity import (
    coefficient_of_variation,
    disparity_summary,
    gini,
    max_min_ratio,
    theil,
    urban_rural_gap,
)
from dxtrack.index.provinces import reaggregate, side_by_side, urban_share
from dxtrack.settings import data_dir

DATA = data_dir()  # the packaged snapshot, or DXTRACK_DATA_DIR
VN = DATA / "vietnam_subnational"


def test_disparity_hand_values() -> None:
    x = [1.0, 2.0, 3.0, 4.0]
    assert gini(x) == pytest.approx(0.25)  # sum |xi - xj| = 20 over 2 * 16 * 2.5
    assert coefficient_of_variation(x) == pytest.approx(math.sqrt(1.25) / 2.5)
    assert theil([1.0, 1.0]) == pytest.approx(0.0)
    assert theil([1.0, 3.0]) == pytest.approx((0.5 * math.log(0.5) + 1.5 * math.log(1.5)) / 2)
    assert max_min_ratio(x) == 4.0
    assert gini([1.0, 3.0], w=[1.0, 1.0]) == pytest.approx(gini([1.0, 3.0]))
    assert gini([5.0, 5.0, 5.0]) == 0.0
    gap = urban_rural_gap([10.0, 8.0], [5.0, 8.0])
    assert gap["gap"].tolist() == [5.0, 0.0] and gap["ratio"].tolist() == [2.0, 1.0]
    assert set(disparity_summary(x)) >= {"cv", "gini", "theil", "max_min_ratio"}
    with pytest.raises(InputError):
        theil([0.0, 1.0])


def test_reaggregate_rules_on_toy_frame() -> None:
    m = pd.DataFrame({"from_area_id": ["a", "b", "c"], "to_area_id": ["X", "X", "Y"]})
    f = pd.DataFrame(
        {
            "area_id": ["a", "b", "c", "a", "b", "c", "a", "c"],
            "indicator": ["POP_AVG"] * 3 + ["POP_DENSITY"] * 3 + ["PDTI"] * 2,
            "year": [2024] * 8,
            "value": [100.0, 300.0, 50.0, 10.0, 100.0, 5.0, 0.6, 0.5],
        }
    )
    rules = {"POP_AVG": "sum", "POP_DENSITY": "hmean:POP_AVG", "PDTI": "mean"}
    r = reaggregate(f, m, rules).set_index(["indicator", "area_id"])["value"]
    assert r[("POP_AVG", "X")] == 400.0
    # density: total population / total area = 400 / (100/10 + 300/100) = 400 / 13
    assert r[("POP_DENSITY", "X")] == pytest.approx(400 / 13)
    assert r[("PDTI", "X")] == pytest.approx(0.6)  # mean of the predecessors with a value
    with pytest.raises(InputError, match="no re-aggregation rule"):
        reaggregate(f.assign(indicator="FOO"), m, rules)


def test_population_2024_of_new_units_is_sum_of_predecessors() -> None:
    pop = pd.read_csv(VN / "vn_province_population_2011_2024.csv", dtype={"gso_code": str})
    mp = pd.read_csv(VN / "vn_province_succession_2025.csv", dtype=str)
    old = pop[(pop["area_id"] != "VNM") & (pop["year"] == 2024)]
    rules = {"POP_AVG": "sum", "POP_URBAN": "sum", "POP_RURAL": "sum", "POP_DENSITY": "hmean:POP_AVG"}
    new = reaggregate(old, mp, rules)
    p = new[new["indicator"] == "POP_AVG"].set_index("area_id")
    assert len(p) == 34
    tq = old[(old["indicator"] == "POP_AVG") & old["area_id"].isin(["VN63_02", "VN63_08"])]["value"].sum()
    assert p.loc["VN34_08", "value"] == pytest.approx(tq)  # Tuyen Quang = Ha Giang + Tuyen Quang
    total_old = old[old["indicator"] == "POP_AVG"]["value"].sum()
    assert p["value"].sum() == pytest.approx(total_old)
    shares = urban_share(old)
    assert shares[shares["indicator"] == "URBAN_SHARE"]["value"].between(0, 1).all()
    sbs = side_by_side(old, new, mp, "POP_AVG", 2024)
    assert len(sbs) == 63 and sbs["to_value"].notna().all()


def test_dti_2022_mean_of_available_predecessors() -> None:
    dti = pd.read_csv(VN / "vn_dti_provincial.csv")
    mp = pd.read_csv(VN / "vn_province_succession_2025.csv", dtype=str)
    d = dti[(dti["year"] == 2022) & (dti["indicator"] == "PDTI")]
    new = reaggregate(d, mp, {"PDTI": "mean"}).set_index("area_id")
    dn = mp[mp["from_area_id"] == "VN63_48"]["to_area_id"].iloc[0]  # Da Nang's successor
    assert new.loc[dn, "value"] == pytest.approx(0.8002)
    assert new.loc[dn, "n_sources"] == 1 and new.loc[dn, "n_expected"] == 2
    assert not np.isnan(new["value"]).any()
