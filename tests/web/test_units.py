"""Units without a server: Vietnamese formats, labels, map geometry with the two archipelagos."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dxtrack import present
from dxtrack.web import geo, i18n


def test_vietnamese_formats() -> None:
    assert present.num(12.63, "vi") == "12,63"
    assert present.num(1234567.5, "vi", 1) == "1.234.567,5"
    assert present.num(12.63, "en") == "12.63"
    assert present.date_text(dt.date(2025, 1, 6), "vi") == "06/01/2025"
    assert present.date_text("2025-01-06", "en") == "6 Jan 2025"
    assert present.prob(0.00003, "vi") == "dưới 1%" and present.prob(0.214, "vi") == "21%"
    assert present.num(None, "vi") == "—"


def test_every_label_has_both_languages() -> None:
    for key, (vi, en) in {**i18n.LABELS, **present.STATUS_LABELS, **present.JUDGEMENT_LABELS}.items():
        assert vi.strip() and en.strip(), key
    assert present.status_label("limited_progress", "vi") == "Tiến triển hạn chế"
    assert present.unit_text("% of GDP", "vi") == "% GDP"


def test_map_has_both_archipelagos(data_dir: Path) -> None:
    for which, count in (("63", 63), ("34", 34)):
        fc = geo.build_map(data_dir, which)  # type: ignore[arg-type]
        assert len(fc["features"]) == count
        by_gso = {f["properties"]["gso_code"]: f for f in fc["features"]}

        def centres(gso: str, by_gso: dict = by_gso) -> list[tuple[float, float]]:  # type: ignore[type-arg]
            polys = by_gso[gso]["geometry"]["coordinates"]
            return [
                (sum(p[0] for p in poly[0]) / len(poly[0]), sum(p[1] for p in poly[0]) / len(poly[0])) for poly in polys
            ]

        hoang_sa = [c for c in centres(geo.HOANG_SA_UNIT) if 111.0 <= c[0] <= 113.0 and 15.5 <= c[1] <= 17.2]
        truong_sa = [c for c in centres(geo.TRUONG_SA_UNIT) if 111.3 <= c[0] <= 117.5 and 7.3 <= c[1] <= 11.8]
        assert len(hoang_sa) >= len(geo.HOANG_SA_ISLANDS)  # Đà Nẵng administers Hoàng Sa
        assert len(truong_sa) >= len(geo.TRUONG_SA_ISLANDS)  # Khánh Hòa administers Trường Sa


def test_simplify_keeps_a_closed_ring() -> None:
    ring = [[0.0, 0.0], [1.0, 0.0], [1.0, 0.001], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]
    out = geo.simplify_ring(ring, grid=0.001, tol=0.01)
    assert out is not None and out[0] == out[-1] and len(out) == 5
