"""Synthetic service records: deterministic for a seed, streamed month by month in chunks (bounded memory).

Every chunk draws from its own random stream (seed, month, chunk), so the output does not depend on anything
but the arguments; the assumptions are in ``resources/microdata/generator.yaml`` (see docs/microdata.md).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import yaml

from dxtrack.errors import InputError
from dxtrack.microdata.areas import AreaTable
from dxtrack.microdata.schema import ARROW_SCHEMA, PARTITION_KEY, VN_UTC_OFFSET_HOURS

CHUNK_ROWS = 500_000
"""Rows per chunk (and per Parquet file); part of the output's definition, so fixed."""
DAY_US = 86_400_000_000
Progress = Callable[[int], None]


def config_path() -> Path:
    return Path(__file__).resolve().parent.parent / "resources" / "microdata" / "generator.yaml"


def load_config(path: Path | None = None) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((path or config_path()).read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class Month:
    index: int
    year: int
    month: int

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    def start_us(self) -> int:
        """Microseconds since the epoch (UTC) of 00:00 Viet Nam time on the first day."""
        start = dt.datetime(self.year, self.month, 1, tzinfo=dt.UTC) - dt.timedelta(hours=VN_UTC_OFFSET_HOURS)
        return int(start.timestamp()) * 1_000_000

    def length_us(self) -> int:
        nxt = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return (nxt - self.first_day).days * DAY_US


def parse_start(text: str) -> tuple[int, int]:
    try:
        day = dt.date.fromisoformat(f"{text}-01")
    except ValueError:
        raise InputError(f"'{text}' is not a month; expected YYYY-MM", column="--start") from None
    return day.year, day.month


def months(start: str, count: int) -> list[Month]:
    if count < 1:
        raise InputError(f"{count} months; expected at least 1", column="--months")
    y, m = parse_start(start)
    out = []
    for i in range(count):
        k = y * 12 + (m - 1) + i
        out.append(Month(i, k // 12, k % 12 + 1))
    return out


def allocate(total: int, weights: np.ndarray) -> np.ndarray:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder, ties to the earlier)."""
    share = weights / weights.sum() * total
    base = np.floor(share).astype(np.int64)
    rest = total - int(base.sum())
    order = np.argsort(-(share - base), kind="stable")
    base[order[:rest]] += 1
    out: np.ndarray = base
    return out


def _anchor(table: dict[int, float], m: Month) -> float:
    years = sorted(table)
    t = m.year + (m.month - 0.5) / 12 - 0.5  # anchor value holds at mid-year
    return float(np.interp(t, years, [table[y] for y in years]))


def _province_effect(ids: list[str], spread: float) -> np.ndarray:
    """A fixed deviation in [-spread, spread] per province, from its id (stable across runs and seeds)."""
    import zlib

    return np.array([(zlib.crc32(i.encode()) % 2001 / 1000 - 1) * spread for i in ids])


class _Chunker:
    def __init__(self, cfg: dict[str, Any], areas: AreaTable, seed: int) -> None:
        self.cfg = cfg
        self.areas = areas
        self.seed = seed
        n_proc = int(cfg["procedures"])
        rank = np.arange(1, n_proc + 1, dtype=np.float64)
        self.proc_p = rank ** -float(cfg["procedure_zipf"])
        self.proc_p /= self.proc_p.sum()
        self.proc_codes = pa.array([f"1.{i:06d}" for i in range(1, n_proc + 1)])
        proc_rng = np.random.default_rng(np.random.SeedSequence([seed, 0xFEE]))
        self.proc_due = proc_rng.choice(np.array(cfg["due_days"], dtype=np.int64), n_proc)
        self.proc_fee = proc_rng.random(n_proc) < float(cfg["fee_share"])
        self.levels = list(cfg["agency_levels"])
        self.level_p = np.array([cfg["agency_levels"][k] for k in self.levels], dtype=np.float64)
        self.ministries = pa.array(list(cfg["ministries"]))
        self.min_p = np.array(list(cfg["ministries"].values()), dtype=np.float64)
        self.min_p /= self.min_p.sum()
        self.commune_suffix = pa.array([f".C{i:02d}" for i in range(1, int(cfg["communes_per_province"]) + 1)])
        self.statuses = list(cfg["status"])
        self.status_p = np.array([cfg["status"][k] for k in self.statuses], dtype=np.float64)
        self.status_p /= self.status_p.sum()
        self.sat_p = np.array(cfg["satisfaction"], dtype=np.float64)
        self.sat_p /= self.sat_p.sum()
        self._cache: dict[dt.date, tuple[list[str], np.ndarray, list[str]]] = {}

    def _units(self, day: dt.date) -> tuple[list[str], np.ndarray, list[str]]:
        """Units valid on ``day``, their population weights, and the units not valid then (cached per day)."""
        if day not in self._cache:
            units = self.areas.units_on(day)
            weights = self.areas.weights_on(day).to_numpy(dtype=np.float64)
            valid = set(units)
            others = [a for a in self.areas.validity["area_id"] if a not in valid]
            self._cache[day] = (units, weights, others)
        return self._cache[day]

    def chunk(self, m: Month, part: int, n: int, first_index: int) -> pa.Table:
        cfg = self.cfg
        rng = np.random.default_rng(np.random.SeedSequence([self.seed, m.index, part]))
        units, weights, others = self._units(m.first_day)
        area_idx = rng.choice(len(units), n, p=weights / weights.sum())
        area = pa.array(units).take(pa.array(area_idx))
        level_idx = rng.choice(len(self.levels), n, p=self.level_p / self.level_p.sum())
        level = pa.array(self.levels).take(pa.array(level_idx))
        ministry = self.ministries.take(pa.array(rng.choice(len(self.min_p), n, p=self.min_p)))
        commune = pc.binary_join_element_wise(
            area, self.commune_suffix.take(pa.array(rng.integers(0, len(self.commune_suffix), n))), ""
        )
        central = level_idx == self.levels.index("central")
        is_commune = level_idx == self.levels.index("commune")
        agency = pc.if_else(pa.array(central), ministry, pc.if_else(pa.array(is_commune), commune, area))
        proc = rng.choice(len(self.proc_p), n, p=self.proc_p)

        p_online = _anchor({int(k): float(v) for k, v in cfg["online_share"].items()}, m)
        effect = _province_effect(units, float(cfg["province_spread"]))[area_idx]
        mult = np.array([cfg["online_by_level"][lv] for lv in self.levels])[level_idx]
        online = rng.random(n) < np.clip((p_online + effect) * mult, 0.0, 0.98)
        fully = online & (rng.random(n) < float(cfg["fully_online_given_online"]))

        submitted = m.start_us() + (rng.random(n) * m.length_us()).astype(np.int64)
        due = submitted + self.proc_due[proc] * DAY_US
        status_idx = rng.choice(len(self.statuses), n, p=self.status_p)
        st = {s: status_idx == i for i, s in enumerate(self.statuses)}
        on_time = rng.random(n) < float(cfg["on_time"])
        span = (due - submitted).astype(np.float64)
        frac = np.where(on_time, rng.uniform(0.05, 1.0, n), rng.uniform(1.01, 1.6, n))
        completed = submitted + (span * frac).astype(np.int64)
        closed = ~st["pending"]
        withdrawn = st["withdrawn"]
        completed = np.where(withdrawn, submitted + (span * rng.uniform(0.0, 0.5, n)).astype(np.int64), completed)

        fee = self.proc_fee[proc]
        p_paid = np.where(online, float(cfg["paid_online_given_online"]), float(cfg["paid_online_given_offline"]))
        paid = rng.random(n) < p_paid
        p_dig = _anchor({int(k): float(v) for k, v in cfg["digitised_share"].items()}, m)
        digitised = st["completed"] & (rng.random(n) < p_dig)
        rated = closed & ~withdrawn & (rng.random(n) < float(cfg["rated_share"]))
        rating = rng.choice(5, n, p=self.sat_p).astype(np.int8) + 1

        ids = pc.binary_join_element_wise(
            "HS", pc.utf8_lpad(pc.cast(pa.array(np.arange(first_index, first_index + n)), pa.string()), 12, "0"), ""
        )
        cols: dict[str, pa.Array] = {
            "record_id": ids,
            "procedure_code": self.proc_codes.take(pa.array(proc)),
            "agency_level": level,
            "agency_id": agency,
            "area_id": area,
            "channel": pa.array(["offline", "online"]).take(pa.array(online.astype(np.int8))),
            "fully_online": pa.array(fully),
            "submitted_at": pa.array(submitted, type=pa.int64()),
            "due_at": pa.array(due, type=pa.int64()),
            "completed_at": pa.array(completed, type=pa.int64(), mask=~closed),
            "status": pa.array(self.statuses).take(pa.array(status_idx)),
            "paid_online": pa.array(paid, mask=~fee),
            "result_digitised": pa.array(digitised),
            "satisfaction": pa.array(rating, mask=~rated),
        }
        bad_share = float(cfg.get("bad_share", 0.0))
        if bad_share > 0:
            cols = _break_some(cols, rng.random(n) < bad_share, rng, others[0])
        arrays = [
            cols[f.name].cast(f.type)
            if not pa.types.is_timestamp(f.type)
            else pc.cast(cols[f.name], pa.int64()).cast(f.type)
            for f in ARROW_SCHEMA
        ]
        return pa.Table.from_arrays(arrays, schema=ARROW_SCHEMA)


def _break_some(
    cols: dict[str, pa.Array], bad: np.ndarray, rng: np.random.Generator, invalid_area: str
) -> dict[str, pa.Array]:
    """Break the rows flagged ``bad`` in one of five ways, so generated data exercises the checks."""
    kind = np.where(bad, rng.integers(0, 5, bad.size), -1)
    out = dict(cols)
    sub = np.asarray(cols["submitted_at"].to_numpy(zero_copy_only=False))
    out["due_at"] = pa.array(np.where(kind == 0, sub - DAY_US, np.asarray(cols["due_at"])))
    out["channel"] = pc.if_else(pa.array(kind == 1), "web", cols["channel"])
    out["area_id"] = pc.if_else(pa.array(kind == 2), "VN63_99", cols["area_id"])
    out["area_id"] = pc.if_else(pa.array(kind == 3), invalid_area, out["area_id"])
    sat = cols["satisfaction"]
    out["satisfaction"] = pc.if_else(pa.array(kind == 4), pa.scalar(9, pa.int8()), sat.cast(pa.int8()))
    return out


@dataclass(frozen=True)
class GenerateResult:
    out: Path
    rows: int
    files: int
    months: list[str]


def plan(rows: int, ms: list[Month], cfg: dict[str, Any]) -> np.ndarray:
    """Rows of each month: seasonality times compounded growth, summing to ``rows``."""
    season = np.array(cfg["seasonality"], dtype=np.float64)
    growth = (1 + float(cfg["growth_per_year"])) ** (np.arange(len(ms)) / 12)
    return allocate(rows, np.array([season[m.month - 1] for m in ms]) * growth)


def chunks(
    rows: int, seed: int, start: str, count: int, areas: AreaTable, cfg: dict[str, Any] | None = None
) -> Iterator[tuple[Month, int, pa.Table]]:
    """The records as (month, part, table) chunks of at most :data:`CHUNK_ROWS` rows, in order."""
    if rows < 0:
        raise InputError(f"{rows} rows; expected 0 or more", column="--rows")
    cfg = cfg or load_config()
    ms = months(start, count)
    per_month = plan(rows, ms, cfg)
    maker = _Chunker(cfg, areas, seed)
    index = 0
    for m, n_month in zip(ms, per_month, strict=True):
        done = 0
        part = 0
        while done < n_month:
            n = int(min(CHUNK_ROWS, n_month - done))
            yield m, part, maker.chunk(m, part, n, index)
            index += n
            done += n
            part += 1


def generate(
    out: Path, *, rows: int, seed: int, start: str, count: int, areas: AreaTable, progress: Progress | None = None
) -> GenerateResult:
    """Write the records to ``out/month=YYYY-MM/part-NNNNN.parquet`` (refuses a folder that already has records)."""
    if out.exists() and any(out.rglob("*.parquet")):
        raise InputError("the folder already holds Parquet files; give an empty or new folder", file=str(out))
    cfg = load_config()
    files = 0
    written = 0
    for m, part, table in chunks(rows, seed, start, count, areas, cfg):
        folder = out / f"{PARTITION_KEY}={m.label}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, folder / f"part-{part:05d}.parquet", compression="snappy")
        files += 1
        written += table.num_rows
        if progress:
            progress(table.num_rows)
    out.mkdir(parents=True, exist_ok=True)
    ms = [m.label for m in months(start, count)]
    meta = {
        "generator": "dxtrack services generate",
        "rows": rows,
        "seed": seed,
        "start": start,
        "months": count,
        "chunk_rows": CHUNK_ROWS,
        "config": cfg,
    }
    (out / "_generator.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return GenerateResult(out, written, files, ms)
