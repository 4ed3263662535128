"""COINr's default treatment on hand-made vectors (cases from COINr's own test-treat.R and more)."""

import json
import math
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from dxtrack.index.treat import TreatSpec, treat


def col(values: list[float]) -> np.ndarray:
    return np.asarray(values, dtype=np.float64)[:, None]


def test_single_outlier_is_winsorised_to_next_highest() -> None:
    x = col([*range(1, 11), 100])  # skew 3.26, kurt 10.7 -> fails
    r = treat(x, ["x"])
    np.testing.assert_array_equal(r.data[:, 0], [*range(1, 11), 10])
    assert r.points[0][-1] == "winhi" and r.points[0][0] == ""
    d = r.details[0]
    assert d["Pass0"] is False and d["nwin"] == 1 and d["Pass1"] is True


def test_tied_maxima_are_replaced_together_and_counted_individually() -> None:
    x = col([*range(1, 21), 80, 80])  # skew 2.67, kurt 6.58
    r = treat(x, ["x"])
    np.testing.assert_array_equal(r.data[:, 0], [*range(1, 21), 20, 20])
    assert r.details[0]["nwin"] == 2
    assert r.points[0][-2:] == ["winhi", "winhi"]


def test_negative_skew_winsorises_the_minimum() -> None:
    x = col([-100, *range(1, 11)])
    r = treat(x, ["x"])
    assert r.data[0, 0] == 1.0
    assert r.points[0][0] == "winlo"


def test_log_applied_to_original_when_winsorisation_limit_reached() -> None:
    vals = [*range(1, 21), 100, 200]
    r = treat(col(vals), ["x"], TreatSpec(winmax=1))
    # log_CT on the ORIGINAL values: log(x - min + 0.01 * (max - min)) = log(x - 1 + 1.99)
    expected = [math.log(v - 1 + 1.99) for v in vals]
    np.testing.assert_allclose(r.data[:, 0], expected, rtol=0, atol=1e-12)
    # COINr's Treated_Points glue: f1 label + "+" + f2
    assert r.points[0][-1] == "winhi+log_CT"
    assert r.points[0][0] == "+log_CT"
    assert r.details[0]["f2"] == "log_CT"


def test_boxcox_adds_no_label_like_coinr() -> None:
    # COINr's boxcox() returns a numeric vector, not a list with $treated, so Treated_Points keeps
    # only the (discarded) winsorisation labels; lambda = 1 on x - min + 1 gives x - min
    vals = [*range(1, 21), 100, 200]
    r = treat(col(vals), ["x"], TreatSpec(winmax=1, f2="boxcox", boxcox_lambda=1.0))
    np.testing.assert_allclose(r.data[:, 0], [v - 1 for v in vals], rtol=0, atol=1e-12)
    assert r.points[0][-1] == "winhi" and r.points[0][0] == ""


def test_force_win_counts_points_like_coinr() -> None:
    vals = [*range(1, 21), 100, 200]
    r = treat(col(vals), ["x"], TreatSpec(winmax=3, force_win=True, f2="none"))
    assert sum(p != "" for p in r.points[0]) == 3  # COINr test-treat.R expects 3
    # 200 -> 100; then both 100s -> 20; now skew < 0 so the minimum 1 -> 2 (nwin = 2 + 1)
    np.testing.assert_array_equal(r.data[:, 0], [2, *range(2, 21), 20, 20])
    assert r.points[0][0] == "winlo" and r.points[0][-2:] == ["winhi", "winhi"]
    assert r.details[0]["nwin"] == 3


def test_passing_and_constant_columns_untouched() -> None:
    x = np.column_stack([np.arange(1.0, 13), np.full(12, 5.0)])
    r = treat(x, ["a", "b"])
    np.testing.assert_array_equal(r.data, x)
    assert r.details[0]["Pass0"] is True
    assert r.details[1]["Pass0"] is None  # NA check: returned untreated, with a warning (COINr too)
    assert r.warnings == [
        "treatment: indicator 'b' returned untreated: all values are equal, skewness and kurtosis are undefined"
    ]


def test_missing_values_are_ignored_and_kept() -> None:
    x = col([*range(1, 11), np.nan, 100])
    r = treat(x, ["x"])
    assert math.isnan(r.data[10, 0]) and r.data[11, 0] == 10.0


def test_three_values_pass_on_skewness_and_stay_as_they_are() -> None:
    # COINr: kurt() is NA below 4 values, skew() is defined from 3; the check is
    # (|skew| < 2) | NA = TRUE because 3 values have |skew| <= sqrt(3). skew(1, 2, 10), by hand:
    # d = (-10/3, -7/3, 17/3), sum d^2 = 438/9, sum d^3 = 3570/27, skew = sqrt(3) sqrt(6) (3570/27) / (438/9)^1.5
    x = col([1, 2, 10, np.nan])
    r = treat(x, ["tiny"])
    np.testing.assert_array_equal(r.data, x)
    d = r.details[0]
    assert d["Pass0"] is True and d["Skew0"] == pytest.approx(math.sqrt(18) * (3570 / 27) / (438 / 9) ** 1.5)
    assert math.isnan(d["Kurt0"]) and r.warnings == []
    # with a stricter skewness threshold the check is FALSE | NA = NA: untreated, with a warning
    r = treat(x, ["tiny"], TreatSpec(skew_thresh=1.5))
    np.testing.assert_array_equal(r.data, x)
    assert r.warnings == [
        "treatment: indicator 'tiny' returned untreated: 3 values: kurtosis is undefined and the skewness test fails"
    ]


def test_fewer_than_three_values_are_returned_untreated_with_a_warning() -> None:
    x = np.column_stack([[1.0, 2.0, np.nan, np.nan], [1.0, 2.0, 3.0, 4.0]])
    r = treat(x, ["two", "ok"])
    np.testing.assert_array_equal(r.data, x)
    assert r.warnings == [
        "treatment: indicator 'two' returned untreated: "
        "only 2 non-missing value(s), skewness and kurtosis are undefined"
    ]


def test_column_winsorised_to_a_constant_is_returned_untreated_and_the_others_carry_on() -> None:
    # 'bad': eleven 0s and one 10 fails the check (skew 3.46); winsorising the 10 down to 0 leaves a
    # constant column, whose check is NA. COINr (nwin 1 < winmax 5) then meets while(NA), an error
    # Treat() catches: "Indicator could not be treated ... returning untreated indicator".
    bad = [0.0] * 11 + [10.0]
    good = [*range(1, 12), 100.0]  # one outlier: 100 -> 11, then passes
    x = np.column_stack([good, bad])
    r = treat(x, ["good", "bad"])
    np.testing.assert_array_equal(r.data[:, 0], [*range(1, 12), 11])
    np.testing.assert_array_equal(r.data[:, 1], bad)
    assert r.points[1] == [""] * 12
    assert r.details[1]["nwin"] == 1 and r.details[1]["Pass1"] is None
    assert r.warnings == [
        "treatment: indicator 'bad' returned untreated: winsorisation left all values equal (check undefined)"
    ]
    # at the winsorisation limit COINr's loop ends and the NA check after it returns the column
    # untreated ("f_pass has returned NA"): the same outcome
    r1 = treat(x, ["good", "bad"], TreatSpec(winmax=1))
    np.testing.assert_array_equal(r1.data[:, 1], bad)
    assert len(r1.warnings) == 1 and "'bad'" in r1.warnings[0]


def test_disabled_and_per_indicator_none() -> None:
    x = np.column_stack([[*range(1, 11), 100.0], [*range(1, 11), 100.0]])
    assert (treat(x, ["a", "b"], TreatSpec.from_dict("none")).data == x).all()
    r = treat(x, ["a", "b"], TreatSpec.from_dict({"overrides": {"b": "none"}}))
    assert r.data[-1, 0] == 10 and r.data[-1, 1] == 100


IMETA = """Level,iCode,Parent,Direction,Weight,Type,iName
1,good,P,1,1,Indicator,good
1,bad,P,1,1,Indicator,bad
1,even,P,1,1,Indicator,even
2,P,,1,1,Aggregate,P
"""


def test_untreatable_indicator_is_reported_and_the_cli_carries_on(tmp_path: Path) -> None:
    from dxtrack.cli.main import app

    rows = ["uCode,good,bad,even"]
    good = [*range(1, 12), 100]
    bad = [0] * 11 + [10]
    for i in range(12):
        rows.append(f"U{i + 1:02d},{good[i]},{bad[i]},{i + 1}")
    (tmp_path / "iData.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "iMeta.csv").write_text(IMETA, encoding="utf-8")
    res = CliRunner().invoke(
        app, ["index", "coinr", "--idata", str(tmp_path / "iData.csv"), "--imeta", str(tmp_path / "iMeta.csv")]
    )
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["warnings"] == [
        "treatment: indicator 'bad' returned untreated: winsorisation left all values equal (check undefined)"
    ]
    p = {u["uCode"]: u["scores"]["P"] for u in doc["units"]}
    # min-max 0-100: good (winsorised 100 -> 11) U11 = U12 = 100; bad untreated: U12 = 100, others 0;
    # even (1..12): U11 = 1000/11, U12 = 100
    assert p["U12"] == pytest.approx(100.0)
    assert p["U11"] == pytest.approx((100 + 0 + 1000 / 11) / 3)
    assert p["U01"] == pytest.approx(0.0)


def test_build_table_output_shows_the_warning_on_stderr(tmp_path: Path) -> None:
    from dxtrack.cli.main import app

    (tmp_path / "spec.yaml").write_text(
        "index:\n  code: P\n  children:\n    - {code: good}\n    - {code: bad}\n    - {code: even}\n"
        "pipeline:\n  treat: default\n",
        encoding="utf-8",
    )
    good = [*range(1, 12), 100]
    bad = [0] * 11 + [10]
    lines = ["indicator,area,period,value"]
    for i in range(12):
        a = f"U{i + 1:02d}"
        lines += [f"good,{a},2024,{good[i]}", f"bad,{a},2024,{bad[i]}", f"even,{a},2024,{i + 1}"]
    (tmp_path / "tidy.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = CliRunner().invoke(
        app, ["index", "build", str(tmp_path / "spec.yaml"), "--data", str(tmp_path / "tidy.csv"), "--format", "table"]
    )
    assert res.exit_code == 0, res.output
    assert "U12" in res.stdout
    assert res.stderr == (
        "warning: treatment: indicator 'bad' returned untreated: "
        "winsorisation left all values equal (check undefined)\n"
    )
