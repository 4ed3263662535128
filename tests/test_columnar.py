"""The columnar reader (pyarrow) gives exactly the rows the row reader gives, and gives way to it on any file it
cannot read line for line: a blank line, a quote, a padded cell, a lone carriage return, or a problem to locate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from dxtrack.ingest.tidy import tidy_chunks
from dxtrack.ingest.validate import AreaRule, Catalogue, IndicatorRule

CATALOGUE = Catalogue(
    {
        "X_SHARE": IndicatorRule("X_SHARE", "%", (0.0, 100.0)),
        "P_POP": IndicatorRule("P_POP", "persons", value_type="count", conversions={"million persons": 1_000_000}),
    },
    {"VNM": AreaRule("VNM"), "THA": AreaRule("THA")},
)
TODAY = dt.date(2026, 1, 1)
HEADER = "indicator,area,period,value,unit,source,published_on,note,disaggregation"
ROWS = [
    "X_SHARE,VNM,2024,12.5,,Tổng cục Thống kê,2025-03-01,ghi chú,nam",
    "X_SHARE,VNM,2024-Q2,1e1,%,,2025-03-01,,",
    "P_POP,THA,2023,1.5,million persons,WB,,,",
    "P_POP,VNM,2023-07,100,,WB,2025-01-02,,nữ",
]


def _read(path: Path) -> tuple[pd.DataFrame, bool]:
    chunks = list(tidy_chunks(path, catalogue=CATALOGUE, source="GSO", published_on=dt.date(2025, 1, 1),
                              today=TODAY, in_file_duplicates=False))  # fmt: skip
    restarted = any(c.restart for c in chunks)
    after = chunks[max((i for i, c in enumerate(chunks) if c.restart), default=-1) + 1 :]
    assert not any(c.problems for c in after)
    return pd.concat([c.frame for c in after]), restarted


@pytest.mark.parametrize(
    ("body", "columnar"),
    [
        ("\n".join([HEADER, *ROWS]) + "\n", True),
        ("\r\n".join([HEADER, *ROWS]), True),
        ("\ufeff" + "\n".join([HEADER, *ROWS]) + "\n", True),
        ("\n".join([HEADER, ROWS[0], "", *ROWS[1:]]) + "\n", False),  # a blank line shifts the line numbers
        ("\n".join([HEADER, ROWS[0].replace("ghi chú", '"ghi, chú"'), *ROWS[1:]]), False),  # a quote
        ("\n".join([HEADER, ROWS[0].replace("nam", " nam"), *ROWS[1:]]), False),  # a padded cell
        ("\n".join([HEADER, *ROWS]).replace("\n", "\r", 1), False),  # a lone carriage return
    ],
)
def test_columnar_reader_equals_the_row_reader(tmp_path: Path, body: str, columnar: bool) -> None:
    path = tmp_path / "tidy.csv"
    path.write_bytes(body.encode("utf-8"))
    frame, restarted = _read(path)
    assert restarted is not columnar
    if not columnar:
        return
    rowwise = pd.concat([c.frame for c in tidy_chunks(path, catalogue=CATALOGUE, source="GSO",
                         published_on=dt.date(2025, 1, 1), today=TODAY)])  # fmt: skip
    pd.testing.assert_frame_equal(frame, rowwise)
    # Hand-checked: lines 2–5; the quarter's bounds; 1e1 read as 10; 1.5 million persons conformed to persons;
    # the empty source takes --source, the empty publication date --published-on.
    assert frame.index.tolist() == [2, 3, 4, 5]
    assert frame["period_start"].tolist()[1] == dt.date(2024, 4, 1)
    assert frame["period_end"].tolist()[1] == dt.date(2024, 6, 30)
    assert frame["value"].tolist() == [12.5, 10.0, 1_500_000.0, 100.0]
    assert frame["unit"].tolist() == ["%", "%", "persons", "persons"]
    assert frame["source_text"].tolist() == ["Tổng cục Thống kê", "GSO", "WB", "WB"]
    assert frame["published_on"].tolist()[2] == dt.date(2025, 1, 1)
    assert [None if pd.isna(c) else c for c in frame["comment"]] == ["ghi chú", None, None, None]
    assert frame["disaggregation"].tolist() == ["nam", "", "", "nữ"]


def test_a_problem_sends_the_file_to_the_row_reader(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("\n".join([HEADER, *ROWS, "X_SHARE,VNM,2024,150,,,,,other"]) + "\n", encoding="utf-8")
    chunks = list(tidy_chunks(path, catalogue=CATALOGUE, source="GSO", today=TODAY, in_file_duplicates=False))
    assert chunks[0].restart is True
    problems = [str(p) for c in chunks for p in c.problems]
    assert problems == [f"{path}, row 6, column 'value': 150 is outside X_SHARE's bounds 0–100 (%)"]
