"""Indicator definitions (from the content pack) compiled once into portable SQL, then to each engine's dialect.

The pack's conditions are SQL on one record (DuckDB dialect). :func:`partial_sql` builds ONE query that scans the
records once and returns, per (Viet Nam month, province as submitted, ministry), the record count, the count of
each bad-record rule, and each indicator's numerator and denominator over the valid records. Everything after
that (areas checked, periods and areas rolled up) is additive and engine-independent (:mod:`.rollup`).
SQLGlot parses the query and writes it for DuckDB or Spark, so there is never a second hand-kept copy.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

import sqlglot
from sqlglot import exp

from dxtrack.domain.catalog import ContentPack, RecordIndicator
from dxtrack.errors import InputError
from dxtrack.microdata.schema import COLUMNS, RECORD_RULES, VN_UTC_OFFSET_HOURS

SOURCE_DIALECT = "duckdb"
TABLE = "records"
PACK_FILE = "record_indicators.yaml"
GROUP_KEYS = ("vn_month", "area_id", "ministry")
VN_MONTH = f"DATE_TRUNC('MONTH', MAKE_TIMESTAMP(UNIX_MICROS(submitted_at) + {VN_UTC_OFFSET_HOURS * 3600 * 10**6}))"
"""The Viet Nam month of ``submitted_at``: its instant in microseconds since the epoch, shifted by UTC+7, read as a
wall-clock time. Integer arithmetic on the instant, so no engine consults a time-zone table or the session zone
(SQLGlot writes ``EPOCH_US``/``MAKE_TIMESTAMP`` for DuckDB and ``UNIX_MICROS``/``TIMESTAMP_MICROS`` for Spark)."""
MINISTRY = "CASE WHEN agency_level = 'central' THEN agency_id END"


@dataclass(frozen=True)
class Definition:
    """One indicator as the engines compute it."""

    code: str
    measure: str  # share | mean | count
    population: str  # SQL condition (valid records only are ever counted)
    numerator: str | None  # share: condition; mean: value expression; count: None

    @property
    def col(self) -> str:
        return self.code.lower()


def _check_sql(text: str, code: str, key: str) -> str:
    try:
        tree = sqlglot.parse_one(text, read=SOURCE_DIALECT)
    except sqlglot.errors.ParseError as exc:
        raise InputError(f"{code}: {key} is not valid SQL ({str(exc).splitlines()[0]})", file=PACK_FILE) from None
    unknown = sorted({c.name for c in tree.find_all(exp.Column)} - set(COLUMNS))
    if unknown:
        raise InputError(f"{code}: {key} names unknown column(s) {', '.join(unknown)}", file=PACK_FILE)
    return f"COALESCE(({text}), FALSE)" if key != "value" else f"({text})"


def definition(ind: RecordIndicator) -> Definition:
    rec = ind.records
    parts = ["TRUE"] + [f"NOT {_check_sql(x.when, ind.code, 'exclusions.' + x.id)}" for x in rec.exclusions]
    population = " AND ".join(parts)
    if rec.measure == "share":
        if not rec.numerator:
            raise InputError(f"{ind.code}: a share needs `numerator`", file=PACK_FILE)
        num: str | None = _check_sql(rec.numerator, ind.code, "numerator")
    elif rec.measure == "mean":
        if not rec.value:
            raise InputError(f"{ind.code}: a mean needs `value`", file=PACK_FILE)
        num = _check_sql(rec.value, ind.code, "value")
        population += f" AND ({rec.value}) IS NOT NULL"
    else:
        num = None
    return Definition(ind.code, rec.measure, population, num)


def definitions(pack: ContentPack, codes: Sequence[str] | None = None) -> list[Definition]:
    """The pack's record indicators (all, or those named, in the order given)."""
    by_code = {r.code: r for r in pack.record_indicators}
    if not by_code:
        raise InputError(f"content pack {pack.id} defines no record indicators", file=PACK_FILE)
    wanted = list(codes) if codes else list(by_code)
    missing = [c for c in wanted if c not in by_code]
    if missing:
        raise InputError(f"unknown record indicator(s) {', '.join(missing)}; known: {', '.join(by_code)}")
    return [definition(by_code[c]) for c in wanted]


GROUP_COLUMNS = ("vn_month", "area_id", "ministry", "bad_code")
"""Keys of the partial table; ``bad_code`` has bit i set when the records broke record rule i (0 = valid)."""


def partial_sql(defs: Sequence[Definition], dialect: str = SOURCE_DIALECT, table: str = TABLE) -> str:
    """The one scan: per (month, area, ministry, bad-rule pattern) the record count and each indicator's sums.

    Grouping by the pattern of broken rules (one small integer) gives the count of every rule and keeps bad
    records out of the indicators at the cost of one grouping key, not one aggregate per rule.
    """
    code = " + ".join(f"{1 << i} * CAST(COALESCE(({r.sql}), FALSE) AS INT)" for i, r in enumerate(RECORD_RULES))
    inner = f"SELECT *, {VN_MONTH} AS vn_month_start, {MINISTRY} AS ministry, {code} AS bad_code FROM {table}"
    cols = ["COUNT(*) AS n_records"]
    for d in defs:
        if d.measure == "share":
            cols.append(f"CAST(COUNT_IF({d.population} AND {d.numerator}) AS BIGINT) AS {d.col}__num")
        elif d.measure == "mean":
            cols.append(f"CAST(SUM(CASE WHEN {d.population} THEN {d.numerator} ELSE 0 END) AS BIGINT) AS {d.col}__num")
        else:
            cols.append(f"CAST(COUNT_IF({d.population}) AS BIGINT) AS {d.col}__num")
        cols.append(f"CAST(COUNT_IF({d.population}) AS BIGINT) AS {d.col}__den")
    sql = (
        f"SELECT STRFTIME(vn_month_start, '%Y-%m') AS vn_month, area_id, ministry, bad_code, {', '.join(cols)} "
        f"FROM ({inner}) AS t GROUP BY vn_month_start, area_id, ministry, bad_code"
    )
    return sqlglot.transpile(sql, read=SOURCE_DIALECT, write=dialect)[0]


def definition_hash(pack: ContentPack, code: str) -> str:
    """sha256 of the indicator's pack entry and of the portable SQL compiled from it (code + definition)."""
    ind = next(r for r in pack.record_indicators if r.code == code)
    doc = {
        "definition": ind.model_dump(mode="json"),
        "sql": partial_sql([definition(ind)]),
        "rules": [{"id": r.id, "sql": r.sql} for r in RECORD_RULES],
    }
    return hashlib.sha256(json.dumps(doc, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
