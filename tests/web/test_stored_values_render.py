"""Every stored value renders: generated valid observations (any indicator a target uses, any period kind, any
value the catalogue allows, with or without a unit) are imported through the one import path into the database a
real server reads; every page and API route then answers 200 and the API valid JSON (no NaN)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxtrack.catalog import load_pack
from dxtrack.services import store as svc
from dxtrack.web.launch import free_port, start_server

PACK = load_pack("vn-nq52")
TARGET_OF = {t.indicator: t.id for t in PACK.targets if t.indicator}
INDICATORS = {i.code: i for i in PACK.indicators if i.code in TARGET_OF}
COUNTER = itertools.count(1)


def _strict_json(text: str) -> object:
    def reject(name: str) -> object:
        raise ValueError(f"not JSON: {name}")

    return json.loads(text, parse_constant=reject)


@pytest.fixture(scope="module")
def live(
    loaded_dbs: Callable[[str], str], data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """(database URL, server base URL): a private copy of the loaded database and a server reading it."""
    copy = tmp_path_factory.mktemp("render") / "dxtrack.db"
    shutil.copy(loaded_dbs("vn-nq52").removeprefix("sqlite:///"), copy)
    url, port = f"sqlite:///{copy}", free_port()
    proc = start_server(url, port, data_dir=data_dir, pack="vn-nq52")
    base = f"http://127.0.0.1:{port}"
    httpx.get(f"{base}/", timeout=120)
    yield url, base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def _period() -> st.SearchStrategy[str]:
    year = st.integers(2016, 2026)
    return st.one_of(
        year.map(str),
        year.map(lambda y: f"{y - 3}-{y}"),
        st.tuples(year, st.integers(1, 4)).map(lambda t: f"{t[0]}-Q{t[1]}"),
        st.tuples(year, st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
        st.tuples(year, st.integers(1, 12), st.integers(1, 28)).map(lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"),
    )


@st.composite
def observation(draw: st.DrawFn) -> tuple[str, str, str, str]:
    """(indicator, period, value, unit): a value the catalogue allows, written as a file would have it."""
    code = draw(st.sampled_from(sorted(INDICATORS)))
    ind = INDICATORS[code]
    if ind.value_type == "rank":
        value: float = draw(st.integers(1, 250))
    elif ind.value_type == "count":
        value = draw(st.integers(0, 10**9))
    else:
        low, high = ind.bounds or ((0.0, 1e9) if ind.value_type == "non_negative" else (-1e6, 1e6))
        value = draw(st.floats(low, high, allow_nan=False, allow_infinity=False))
    text = str(value) if isinstance(value, int) else repr(float(value))
    unit = draw(st.sampled_from(["", ind.unit]))
    return code, draw(_period()), text, unit


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(observation(), min_size=1, max_size=3, unique_by=lambda r: (r[0], r[1])))
def test_every_stored_value_renders(live: tuple[str, str], tmp_path_factory: pytest.TempPathFactory, rows) -> None:
    url, base = live
    n = next(COUNTER)
    path = tmp_path_factory.mktemp("obs") / f"generated-{n}.csv"
    lines = ["indicator,area,period,value,unit"] + [",".join([c, "VNM", p, v, f'"{u}"']) for c, p, v, u in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    engine = svc.open_store(url)
    published = dt.date.today() - dt.timedelta(days=n)
    assert svc.import_file(engine, path, source=f"generated {n}", published_on=published)[0] == len(rows)
    engine.dispose()
    codes = sorted({c for c, _, _, _ in rows})
    pages = ["/", "/targets", "/peers", "/tasks", "/?lang=en"]
    pages += [f"/targets/{TARGET_OF[c]}" for c in codes] + [f"/targets/{TARGET_OF[c]}?lang=en" for c in codes]
    api = ["/api/v1/status", "/api/v1/assessments", "/api/v1/targets", "/api/v1/areas/VNM"]
    api += [f"/api/v1/targets/{TARGET_OF[c]}" for c in codes] + [f"/api/v1/indicators/{c}" for c in codes]
    with httpx.Client(base_url=base, timeout=120) as client:
        client.get("/healthz")
        for route in pages + api:
            reply = client.get(route)
            assert reply.status_code == 200, (route, rows, reply.text[:300])
            if route.startswith("/api/"):
                _strict_json(reply.text)
    assert not any(math.isnan(float(v)) for _, _, v, _ in rows)


def test_values_stored_before_import_checks_render(live: tuple[str, str]) -> None:
    """Rows written before values were checked (no unit, a fractional rank) still give 200 and strict JSON."""
    from sqlalchemy import insert, select

    from dxtrack.store import schema

    url, base = live
    engine = svc.open_store(url)
    obs = schema.observation
    with engine.begin() as conn:
        source = conn.scalar(select(obs.c.source_id).limit(1))
        common = {"area": "VNM", "disaggregation": "", "source_id": source, "status": "published"}
        stamp = {"published_on": dt.date(2025, 11, 1), "recorded_at": dt.datetime(2025, 11, 2, tzinfo=dt.UTC)}
        for code, year, value, unit in (("DE_SHARE_GDP", 2025, 14.0, None), ("GII_RANK", 2026, 41.5, "rank (1=best)")):
            period = {"period": str(year), "period_start": dt.date(year, 1, 1), "period_end": dt.date(year, 12, 31)}
            conn.execute(insert(obs).values(indicator=code, value=value, unit=unit, **common, **period, **stamp))
    engine.dispose()
    with httpx.Client(base_url=base, timeout=120) as client:
        client.get("/healthz")
        for route in ("/", "/?lang=en", "/targets", "/api/v1/status", "/api/v1/assessments", "/api/v1/targets"):
            reply = client.get(route)
            assert reply.status_code == 200, (route, reply.text[:300])
            if route.startswith("/api/"):
                _strict_json(reply.text)
