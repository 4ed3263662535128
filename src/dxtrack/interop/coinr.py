"""COINr's tables: read ``iData``/``iMeta`` (CSV files or DataFrames) into an index spec and data.

``run_pipeline(idata, imeta, treat="default", normalise="minmax", aggregate="amean")`` mirrors::

    coin <- new_coin(iData, iMeta)
    coin <- Treat(coin, dset = "Raw")                       # unless treat = "none"
    coin <- Normalise(coin, dset = "Treated")               # or another n_* method
    coin <- Aggregate(coin, dset = "Normalised")            # or a_gmean / a_hmean / a_copeland

with the pipeline options of :func:`dxtrack.index.coinr.coinr_config`. This module holds the table
formats (``new_coin``'s checks, panel data split by ``Time`` into a purse, the iMeta tree); the
methods are in :mod:`dxtrack.index`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dxtrack.errors import InputError
from dxtrack.index.coinr import coinr_config
from dxtrack.index.pipeline import IndexData, IndexResult, PipelineConfig, results_json, run
from dxtrack.index.spec import NODE_PARAMS, IndexSpec, Node

_SPECIAL = ("uCode", "uName", "Time")


@dataclass
class CoinCache:
    """Compiled coins, read CSV files and iMeta specs kept between calls by the caller that owns it.

    Nothing is cached unless a cache is passed: a CLI call parses its files once and forgets them.
    Files are keyed on (path, mtime, size), specs on the iMeta *content*; at most ``size`` entries
    of each kind are kept (the oldest is dropped first).
    """

    size: int = 32
    specs: dict[tuple[Any, ...], tuple[IndexSpec, list[str], list[Any]]] = field(default_factory=dict)
    files: dict[tuple[str, int, int], pd.DataFrame] = field(default_factory=dict)
    coins: dict[tuple[Any, ...], Coin | Purse] = field(default_factory=dict)

    def remember(self, store: dict[Any, Any], key: Any, value: Any) -> None:
        if len(store) >= self.size:
            store.pop(next(iter(store)))
        store[key] = value

    def clear(self) -> None:
        """Forget everything (e.g. to time a first call)."""
        self.specs.clear()
        self.files.clear()
        self.coins.clear()


def _file_key(path: str | Path) -> tuple[str, int, int]:
    p = Path(path)
    try:
        st = p.stat()
    except OSError:
        raise InputError("file not found", file=str(p)) from None
    if not p.is_file():
        raise InputError("file not found", file=str(p))
    return (str(p.resolve()), st.st_mtime_ns, st.st_size)


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a CSV as COINr's data were written (empty field = NA)."""
    p = Path(path)
    if not p.is_file():
        raise InputError("file not found", file=str(p))
    try:
        return pd.read_csv(p, keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read CSV: {exc}", file=str(p)) from None


def frame_columns(df: pd.DataFrame, *, source: str | None = None) -> dict[str, Any]:
    """Column name -> 1-D array (numpy or pandas extension array), read straight from the frame's blocks.

    Per-column ``df[c]`` access costs tens of microseconds in pandas 3, far more than the index
    computation itself; the blocks give every column at once. Falls back to ``df.iloc`` if the
    (private) block layout is not available.
    """
    names = [str(c) for c in df.columns.tolist()]
    if len(set(names)) != len(names):
        dup = sorted({c for c in names if names.count(c) > 1})
        raise InputError(f"duplicate column name(s): {', '.join(dup[:5])}", file=source)
    out: dict[str, Any] = {}
    try:
        mgr = df._mgr
        blknos = mgr.blknos.tolist()
        blklocs = mgr.blklocs.tolist()
        vals = [b.values for b in mgr.blocks]
        for j, c in enumerate(names):
            v = vals[blknos[j]]
            out[c] = v[blklocs[j]] if isinstance(v, np.ndarray) and v.ndim == 2 else v
    except (AttributeError, IndexError):  # pragma: no cover - other pandas layouts
        out = {c: df.iloc[:, j].array for j, c in enumerate(names)}
    return out


def _as_objects(v: Any) -> list[Any]:
    """Column values as Python objects, missing values as None."""
    a = np.asarray(v, dtype=object)
    try:
        miss = np.asarray(a != a, dtype=bool)  # NaN (and NaT) are the only values unequal to themselves
    except (TypeError, ValueError):  # pd.NA has no truth value
        miss = np.asarray(pd.isna(a), dtype=bool)
    if miss.any():
        a = a.copy()
        a[miss] = None
    return list(a.tolist())


def _content_key(v: Any) -> Any:
    """A hashable, value-based key of a column.

    Numbers by their bytes; other columns as a tuple of their objects. A NaN object only equals
    itself, so a NaN that is not the same object can only cause a cache miss, never a wrong hit.
    """
    if isinstance(v, np.ndarray) and v.dtype.kind in "fiub":
        return (v.dtype.str, v.tobytes())
    return (str(getattr(v, "dtype", "")), tuple(np.asarray(v, dtype=object).tolist()))


def _is_numeric(v: Any) -> bool:
    if isinstance(v, np.ndarray):
        return v.dtype.kind in "fiub"
    return str(getattr(v, "dtype", "")).startswith(("Int", "Float", "UInt"))


def _meta_values(v: Any) -> list[Any]:
    """A unit-metadata column (group, denominator, ...) as a list; numbers as floats (NaN kept)."""
    if isinstance(v, np.ndarray) and v.dtype.kind in "fiub":
        return list(v.astype(np.float64).tolist())
    if _is_numeric(v):
        return list(v.to_numpy(dtype=np.float64, na_value=np.nan).tolist())
    return _as_objects(v)


def _compile_imeta(
    dm: pd.DataFrame, source: str | None, cache: CoinCache | None
) -> tuple[IndexSpec, list[str], list[Any]]:
    """``check_iMeta`` + the index tree; cached on the table's content (not on the object).

    Returns the spec and the iCode and Type columns (to check iData's columns against).
    """
    cols = frame_columns(dm, source=source)
    key = tuple((c, _content_key(v)) for c, v in cols.items()) if cache is not None else ()
    hit = cache.specs.get(key) if cache is not None else None
    if hit is not None:
        return hit
    codes = [str(c) for c in _as_objects(cols["iCode"])] if "iCode" in cols else []
    types = _as_objects(cols["Type"]) if "Type" in cols else []
    bad = [c for c in codes if c[:1].isdigit()]
    if bad:
        raise InputError(f"iCode must not begin with a number (COINr check_iMeta): {', '.join(bad[:5])}", file=source)
    spec = spec_from_imeta(dm, source=source)
    levels = sorted({n.level for n in spec.nodes})
    if levels != list(range(1, levels[-1] + 1)):
        raise InputError("Level has gaps between 1 and max(Level) (COINr check_iMeta)", file=source)
    out = (spec, codes, types)
    if cache is not None:
        cache.remember(cache.specs, key, out)
    return out


@dataclass(frozen=True)
class Coin:
    """A validated coin: the spec, the unit x indicator data (units sorted by uCode) and its Time."""

    spec: IndexSpec
    data: IndexData
    time: float | None = None


@dataclass(frozen=True)
class Purse:
    """Panel data split by ``Time`` (COINr's purse): one :class:`Coin` per Time, ascending."""

    coins: dict[float, Coin]

    @property
    def times(self) -> list[float]:
        return sorted(self.coins)

    def latest(self) -> Coin:
        return self.coins[self.times[-1]]


def _time_label(t: float | None) -> str:
    if t is None:
        return ""
    return str(int(t)) if float(t).is_integer() else repr(float(t))


def compile_coin(
    idata: str | Path | pd.DataFrame, imeta: str | Path | pd.DataFrame, *, cache: CoinCache | None = None
) -> Coin | Purse:
    """``new_coin`` (``split_to = "all"`` for panel data): parse and check iData/iMeta.

    Frames are converted directly from their column blocks. With a ``cache``, repeated calls on
    unchanged files re-use the compiled coin and the spec is re-used for the same iMeta content.
    """
    if not isinstance(idata, pd.DataFrame) and not isinstance(imeta, pd.DataFrame):
        if cache is None:
            return _compile(read_table(idata), read_table(imeta), str(idata), str(imeta), None)
        key = (_file_key(idata), _file_key(imeta))
        hit = cache.coins.get(key)
        if hit is None:
            hit = _compile(read_table(idata), read_table(imeta), str(idata), str(imeta), cache)
            cache.remember(cache.coins, key, hit)
        return hit
    isrc = None if isinstance(idata, pd.DataFrame) else str(idata)
    msrc = None if isinstance(imeta, pd.DataFrame) else str(imeta)
    di = idata if isinstance(idata, pd.DataFrame) else _read_cached(idata, cache)
    dm = imeta if isinstance(imeta, pd.DataFrame) else _read_cached(imeta, cache)
    return _compile(di, dm, isrc, msrc, cache)


def _read_cached(path: str | Path, cache: CoinCache | None) -> pd.DataFrame:
    if cache is None:
        return read_table(path)
    key = _file_key(path)
    hit = cache.files.get(key)
    if hit is None:
        hit = read_table(path)
        cache.remember(cache.files, key, hit)
    return hit


def _compile(
    di: pd.DataFrame, dm: pd.DataFrame, isrc: str | None, msrc: str | None, cache: CoinCache | None
) -> Coin | Purse:
    spec, mcodes, mtypes = _compile_imeta(dm, msrc, cache)
    cols = frame_columns(di, source=isrc)
    if "uCode" not in cols:
        raise InputError("missing the required column 'uCode'", file=isrc, column="uCode")
    known = set(mcodes)
    for c in cols:
        if c not in _SPECIAL and c not in known:
            raise InputError("column not described in iMeta (iCode)", file=isrc, column=c)
    missing = [c for c, t in zip(mcodes, mtypes, strict=True) if t != "Aggregate" and c not in cols]
    if missing:
        raise InputError(f"iMeta codes not found as iData columns: {', '.join(missing[:10])}", file=msrc)
    ucodes = _as_objects(cols["uCode"])
    if any(not isinstance(u, str) for u in ucodes):
        raise InputError("uCode must be text (no missing values)", file=isrc, column="uCode")
    n = len(ucodes)
    inds = spec.indicators
    arrs = [cols[c] for c in inds]
    if all(isinstance(v, np.ndarray) and v.dtype.kind in "fiub" for v in arrs):
        vals = np.ascontiguousarray(np.array(arrs, dtype=np.float64).T)
        arrs = []
    else:
        vals = np.empty((n, len(inds)), dtype=np.float64)
    for j, v in enumerate(arrs):
        c = inds[j]
        if isinstance(v, np.ndarray) and v.dtype.kind in "fiub":
            vals[:, j] = v
            continue
        if _is_numeric(v):
            vals[:, j] = v.to_numpy(dtype=np.float64, na_value=np.nan)
            continue
        objs = _as_objects(v)
        for r, x in enumerate(objs):
            if x is None:
                vals[r, j] = np.nan
                continue
            try:
                vals[r, j] = float(x)
            except (TypeError, ValueError):
                raise InputError(
                    f"not a number: {x!r} (COINr: non-numeric indicators are not allowed)",
                    file=isrc,
                    row=r + 2,
                    column=c,
                ) from None
    ind_set = set(inds)
    meta_cols = {c: v for c, v in cols.items() if c not in ind_set and c != "uCode"}
    times: np.ndarray | None = None
    if "Time" in cols:
        tv = cols["Time"]
        if not _is_numeric(tv):
            raise InputError("iData$Time must be numeric (COINr check_iData)", file=isrc, column="Time")
        times = (
            np.asarray(tv, dtype=np.float64)
            if isinstance(tv, np.ndarray)
            else tv.to_numpy(dtype=np.float64, na_value=np.nan)
        )
    uniq = [] if times is None else sorted({float(t) for t in times.tolist() if t == t})
    if len(uniq) <= 1:
        coin = _make_coin(spec, ucodes, vals, meta_cols, np.arange(n), isrc, uniq[0] if uniq else None)
        return coin
    coins: dict[float, Coin] = {}
    assert times is not None
    for t in uniq:
        rows = np.flatnonzero(times == t)
        coins[t] = _make_coin(spec, ucodes, vals, meta_cols, rows, isrc, t)
    return Purse(coins)


def _make_coin(
    spec: IndexSpec,
    ucodes: list[Any],
    vals: np.ndarray,
    meta_cols: dict[str, Any],
    rows: np.ndarray,
    source: str | None,
    time: float | None,
) -> Coin:
    units = [str(ucodes[i]) for i in rows.tolist()]
    if len(set(units)) != len(units):
        dup = sorted({u for u in units if units.count(u) > 1})
        what = "uCode/Time pairs" if time is not None else "uCode values"
        raise InputError(f"duplicate {what}: {', '.join(dup[:5])}", file=source, column="uCode")
    order = sorted(range(len(units)), key=units.__getitem__)  # new_coin sorts by uCode
    if order != list(range(len(units))):
        rows = rows[order]
        units = [units[i] for i in order]
    ident = order == list(range(len(order)))
    x = vals[rows] if len(rows) != vals.shape[0] or not ident else vals
    x.flags.writeable = False
    meta = UnitColumns(meta_cols, None if rows.size == len(ucodes) and ident else rows)
    data = IndexData(units=units, codes=list(spec.indicators), values=x, unit_meta=meta)
    return Coin(spec=spec, data=data, time=time)


class UnitColumns(Mapping[str, list[Any]]):
    """Unit metadata (groups, denominators, ...) of a coin, converted to lists only when used."""

    def __init__(self, cols: Mapping[str, Any], rows: np.ndarray | None) -> None:
        self._cols = dict(cols)
        self._rows = rows
        self._done: dict[str, list[Any]] = {}

    def __getitem__(self, key: str) -> list[Any]:
        hit = self._done.get(key)
        if hit is None:
            vals = _meta_values(self._cols[key])
            hit = vals if self._rows is None else [vals[i] for i in self._rows.tolist()]
            self._done[key] = hit
        return hit

    def __iter__(self) -> Iterator[str]:
        return iter(self._cols)

    def __len__(self) -> int:
        return len(self._cols)

    def __contains__(self, key: object) -> bool:
        return key in self._cols


def select_time(coin: Coin | Purse, time: float | str | None = None) -> Coin:
    """One coin: the given ``Time`` of a purse (default: the latest), or the coin itself."""
    if isinstance(coin, Coin):
        if time is not None and coin.time is not None and float(time) != coin.time:
            raise InputError(f"Time {time} not found in iData (it has {_time_label(coin.time)})", column="Time")
        return coin
    if time is None:
        return coin.latest()
    try:
        t = float(time)
    except (TypeError, ValueError):
        raise InputError(f"--time must be a number or 'all', got {time!r}") from None
    if t not in coin.coins:
        have = ", ".join(_time_label(x) for x in coin.times)
        raise InputError(f"Time {time} not found in iData (it has {have})", column="Time")
    return coin.coins[t]


def load_coin(
    idata: str | Path | pd.DataFrame,
    imeta: str | Path | pd.DataFrame,
    *,
    time: float | str | None = None,
    cache: CoinCache | None = None,
) -> tuple[IndexSpec, IndexData]:
    """``new_coin``: validate iData/iMeta and return the spec and the data (units sorted by uCode).

    Panel data (several ``Time`` values) gives the coin of ``time`` (default: the latest).
    """
    c = select_time(compile_coin(idata, imeta, cache=cache), time)
    return c.spec, c.data


def spec_from_imeta(imeta: Any, *, source: str | None = None, name: str = "index") -> IndexSpec:
    """Build a spec from COINr's iMeta table (a pandas DataFrame).

    Rows with Type Indicator/Aggregate become nodes; Group, Denominator and Other rows are
    ignored here (they describe iData columns). Required columns as in COINr:
    Level, iCode, Parent, Direction, Weight, Type.
    """
    df: pd.DataFrame = imeta
    required = ["Level", "iCode", "Parent", "Direction", "Weight", "Type"]
    colset = {str(c) for c in df.columns}
    missing = [c for c in required if c not in colset]
    if missing:
        raise InputError(f"missing required column(s): {', '.join(missing)}", file=source)
    cols = {c: _as_objects(v) for c, v in frame_columns(df, source=source).items()}  # missing -> None
    types = cols["Type"]
    allowed = {"Indicator", "Aggregate", "Group", "Denominator", "Other"}
    nodes: list[Node] = []
    none_col = [None] * len(types)
    targets, denoms, inames = cols.get("Target", none_col), cols.get("Denominator", none_col), cols.get("iName")
    pcols = [(k, cols[k]) for k in NODE_PARAMS if k in cols]
    for i, t in enumerate(types):
        row = i + 2  # header is line 1
        if t not in allowed:
            raise InputError(f"Type must be one of {sorted(allowed)}, got {t!r}", file=source, row=row, column="Type")
        if t not in ("Indicator", "Aggregate"):
            continue
        code = cols["iCode"][i]
        if not isinstance(code, str) or not code:
            raise InputError("iCode must be a non-empty string", file=source, row=row, column="iCode")
        try:
            level = int(cols["Level"][i])
        except (TypeError, ValueError):
            raise InputError("Level must be a positive integer", file=source, row=row, column="Level") from None
        parent = cols["Parent"][i]
        parent = parent if isinstance(parent, str) and parent else None
        direction = cols["Direction"][i]
        weight = cols["Weight"][i]
        if not isinstance(direction, int | float) or direction not in (1, -1):
            raise InputError(f"Direction must be 1 or -1, got {direction!r}", file=source, row=row, column="Direction")
        if not isinstance(weight, int | float) or not math.isfinite(weight):
            raise InputError(f"Weight must be a number, got {weight!r}", file=source, row=row, column="Weight")
        if (t == "Indicator") != (level == 1):
            raise InputError(
                "Indicator rows must have Level 1 and Aggregate rows Level >= 2", file=source, row=row, column="Level"
            )
        target = targets[i]
        denom = denoms[i]
        params = {k: float(v[i]) for k, v in pcols if v[i] is not None}
        nodes.append(
            Node(
                code=code,
                level=level,
                parent=parent,
                weight=float(weight),
                direction=int(direction),
                name=str(inames[i] if inames is not None and isinstance(inames[i], str) else code),
                kind="indicator" if t == "Indicator" else "aggregate",
                target=float(target) if isinstance(target, int | float) and target == target else None,
                denominator=denom if isinstance(denom, str) and denom else None,
                params=params,
            )
        )
    return IndexSpec(nodes, name=name, source=source)


def run_coin(
    idata: str | Path | pd.DataFrame,
    imeta: str | Path | pd.DataFrame,
    config: PipelineConfig,
    *,
    time: float | str | None = None,
    cache: CoinCache | None = None,
) -> IndexResult:
    """Load iData/iMeta and run a pipeline configuration (one Time of panel data, default the latest)."""
    spec, data = load_coin(idata, imeta, time=time, cache=cache)
    return run(data, spec, config)


def run_pipeline(
    idata_path: str | Path | pd.DataFrame,
    imeta_path: str | Path | pd.DataFrame,
    treat: str = "default",
    normalise: str = "minmax",
    aggregate: str = "amean",
    *,
    details: bool = False,
    time: float | str | None = None,
    cache: CoinCache | None = None,
) -> dict[str, Any]:
    """Build the index as COINr would and return the JSON-ready result (see :func:`results_json`).

    For panel data, ``time`` picks one Time (default: the latest, reported as ``"Time"``);
    ``time="all"`` builds every Time (COINr's purse) and returns ``{"times": {Time: result}}``.
    """
    cfg = coinr_config(treat, normalise, aggregate)
    coin = compile_coin(idata_path, imeta_path, cache=cache)
    if time == "all":
        coins = coin.coins if isinstance(coin, Purse) else {coin.time: coin}
        return {
            "times": {
                _time_label(t) or "NA": results_json(run(c.data, c.spec, cfg), details=details)
                for t, c in sorted(coins.items(), key=lambda kv: -np.inf if kv[0] is None else kv[0])
            }
        }
    c = select_time(coin, time)
    doc = results_json(run(c.data, c.spec, cfg), details=details)
    if isinstance(coin, Purse):
        doc = {"Time": float(c.time) if c.time is not None else None, **doc}
        if c.time is not None and float(c.time).is_integer():
            doc["Time"] = int(c.time)
    return doc
