"""Province boundaries for the choropleth map, built at run time from the shared data folder.

The GeoJSON files in ``DXTRACK_DATA_DIR/vietnam_subnational/`` are read (never copied into the repo),
snapped to a coarse grid and simplified (Douglas–Peucker, pure Python) once per process, and cached.
The Hoàng Sa (Paracel) and Trường Sa (Spratly) archipelagos are added as enlarged symbolic island dots
at the approximate positions of their main islands, merged into the administering unit's geometry
(Đà Nẵng and Khánh Hòa; both codes are unchanged in the 34-unit set), so they take its colour.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Literal

ProvinceSet = Literal["63", "34"]

FILES: dict[str, str] = {
    "63": "vietnam_subnational/vn_provinces_63_pre2025.geojson",
    "34": "vietnam_subnational/vn_provinces_34_2025.geojson",
}
# GSO codes of the administering units (the same in the 63 and 34 sets).
HOANG_SA_UNIT = "48"  # Đà Nẵng
TRUONG_SA_UNIT = "56"  # Khánh Hòa

# Approximate positions (lon, lat) of main islands; drawn as dots of DOT_RADIUS degrees (not to scale).
HOANG_SA_ISLANDS: tuple[tuple[float, float], ...] = (
    (112.34, 16.84),  # Phú Lâm
    (112.73, 16.67),  # Linh Côn
    (111.61, 16.54),  # Hoàng Sa
    (111.77, 16.45),  # Quang Ảnh
    (111.20, 15.78),  # Tri Tôn
    (112.53, 16.98),  # Cây (Tree island)
    (112.26, 16.95),  # Bắc
    (111.45, 16.15),  # Bông Bay vicinity (Đá Lồi)
)
TRUONG_SA_ISLANDS: tuple[tuple[float, float], ...] = (
    (111.92, 8.64),  # Trường Sa Lớn
    (114.33, 11.43),  # Song Tử Tây
    (114.28, 11.05),  # Thị Tứ
    (114.36, 10.38),  # Ba Bình
    (114.42, 10.18),  # Nam Yết
    (114.33, 9.88),  # Sinh Tồn
    (112.92, 7.87),  # An Bang
    (114.48, 10.52),  # Sơn Ca
    (114.41, 10.68),  # Loại Ta
    (115.53, 9.90),  # Vành Khăn
    (116.10, 10.70),  # Đá Ba Đầu vicinity, eastern reefs
    (116.70, 9.40),  # eastern banks
)
HOANG_SA_LABEL = (112.0, 17.05)
TRUONG_SA_LABEL = (114.3, 11.9)
DOT_RADIUS = 0.14
GRID = 0.004  # degrees (~400 m): snap before simplifying so shared borders stay shared
TOLERANCE = 0.006  # Douglas–Peucker tolerance in degrees


def _perp_dist(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def _douglas_peucker(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Iterative Douglas–Peucker on an open polyline (keeps both ends)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        a, b = points[first], points[last]
        for i in range(first + 1, last):
            d = _perp_dist(points[i], a, b)
            if d > best:
                best, index = d, i
        if index >= 0 and best > tol:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_ring(ring: list[list[float]], grid: float = GRID, tol: float = TOLERANCE) -> list[list[float]] | None:
    """Snap a closed ring to the grid, drop repeats and simplify; None when it collapses."""
    snapped: list[tuple[float, float]] = []
    for x, y, *_ in ring:
        p = (round(round(x / grid) * grid, 4), round(round(y / grid) * grid, 4))
        if not snapped or snapped[-1] != p:
            snapped.append(p)
    if len(snapped) < 4:
        return None
    # split the closed ring at its farthest point from the start so both halves simplify well
    start = snapped[0]
    far = max(range(len(snapped)), key=lambda i: (snapped[i][0] - start[0]) ** 2 + (snapped[i][1] - start[1]) ** 2)
    first = _douglas_peucker(snapped[: far + 1], tol)
    second = _douglas_peucker(snapped[far:], tol)
    out = first[:-1] + second
    if out[0] != out[-1]:
        out.append(out[0])
    if len(out) < 4:
        return None
    return [[x, y] for x, y in out]


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def dot(lon: float, lat: float, radius: float = DOT_RADIUS, sides: int = 12) -> list[list[list[float]]]:
    """A small round polygon (one ring, counter-clockwise) centred on (lon, lat)."""
    ring = [
        [
            round(lon + radius * math.cos(2 * math.pi * k / sides), 4),
            round(lat + radius * math.sin(2 * math.pi * k / sides), 4),
        ]
        for k in range(sides)
    ]
    ring.append(ring[0])
    return [ring]


def build_map(data_dir: Path, which: ProvinceSet) -> dict[str, Any]:
    """A simplified FeatureCollection of one province set, with the two archipelagos added.

    Each feature's ``properties.name`` is its ``area_id`` (the key the map joins values on).
    """
    raw = json.loads((data_dir / FILES[which]).read_text(encoding="utf-8"))
    features = []
    for feature in raw["features"]:
        props = feature["properties"]
        polygons = []
        for polygon in _polygons(feature["geometry"]):
            outer = simplify_ring(polygon[0])
            if outer is None:
                continue
            holes = [h for h in (simplify_ring(r) for r in polygon[1:]) if h is not None]
            polygons.append([outer, *holes])
        gso = str(props.get("gso_code"))
        islands = HOANG_SA_ISLANDS if gso == HOANG_SA_UNIT else TRUONG_SA_ISLANDS if gso == TRUONG_SA_UNIT else ()
        polygons.extend(dot(lon, lat) for lon, lat in islands)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "name": props["area_id"],
                    "area_id": props["area_id"],
                    "gso_code": gso,
                    "name_vi": props.get("name_vi"),
                    "name_en": props.get("name_en"),
                },
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "labels": {
            "hoang_sa": {"lon": HOANG_SA_LABEL[0], "lat": HOANG_SA_LABEL[1], "unit": HOANG_SA_UNIT},
            "truong_sa": {"lon": TRUONG_SA_LABEL[0], "lat": TRUONG_SA_LABEL[1], "unit": TRUONG_SA_UNIT},
        },
    }


def map_json(data_dir: str, which: ProvinceSet) -> bytes:
    """The map as compact JSON bytes (build takes about a second: the app keeps it in its own cache)."""
    return json.dumps(build_map(Path(data_dir), which), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
