"""Benchmark of the reporting loop at national scale, on SQLite and PostgreSQL: a call to 34 provinces and 30
ministries and agencies (the 24 of the organisation table and 6 bench ministries), each reporting 100 items.

Run: ``python bench/workflow/run.py [--pg URL] [--sqlite-only] [--clients 50]``. Per database, in-process through
the services the CLI, the API and the web use: create the call; every unit's template as JSON and as Excel;
validate every filled template; submit all 64 reports one after another (the baseline of this run) and, on a second
identical call, from 50 concurrent clients (threads sharing the engine's connection pool) — submissions per second
and the ratio to the baseline; approve; accept and publish; the completeness and timeliness board; the scorecards.

PostgreSQL: ``--pg postgresql://user@host:port`` (a database ``dxtrack_bench_<pid>`` is created there), or, when
PostgreSQL's binaries are installed, a throwaway server started in a temporary folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.ingest.run import new_pg_database, throwaway_postgres  # noqa: E402 - the shared throwaway server

ITEMS = 100
CUTOFF = dt.date(2025, 12, 15)
BENCH_MINISTRIES = 6


def fill(template: dict[str, Any]) -> dict[str, Any]:
    """The template with its first 100 items filled with valid values (the rest left null: not reported)."""
    items = []
    for n, item in enumerate(template["items"]):
        value: Any = None
        if n < ITEMS:
            rules = item.get("rules") or {}
            if item["kind"] == "indicator":
                lo = float(rules.get("min", 0))
                mid = (lo + float(rules.get("max", lo + 100))) / 2
                value = round(mid) if rules.get("integer") else mid
            elif item["kind"] == "task":
                value = {"status": "in_progress", "note": "Đang triển khai theo kế hoạch", "product": None}
            else:
                value = f"Nội dung báo cáo mục {item['id']} của {template['org']}."
        items.append({**item, "value": value})
    return {**template, "items": items}


def setup(url: str) -> tuple[Any, Any, list[str]]:
    from dxtrack.catalog import load_pack
    from dxtrack.services import accounts, orgs
    from dxtrack.services.store import load_areas, load_content_pack, open_store
    from dxtrack.settings import data_dir
    from dxtrack.store.orgs import store_organisations

    engine = open_store(url)
    load_areas(engine, data_dir())
    pack = load_pack("vn-nq57")
    load_content_pack(engine, pack)
    extra = [{"id": f"BENCH_M{i}", "name_vi": f"Bộ thử tải {i}", "name_en": f"Bench ministry {i}", "kind": "ministry",
              "parent_id": "CENTRAL", "valid_from": None, "valid_to": None, "successor_id": None, "area_code": None,
              "source_id": None} for i in range(1, BENCH_MINISTRIES + 1)]  # fmt: skip
    store_organisations(engine, extra, [])
    existing = orgs.list_orgs(engine, on=CUTOFF)
    provinces = [o.id for o in existing if o.kind == "province"]
    ministries = [o.id for o in existing if o.kind in ("ministry", "agency")]
    units = provinces + ministries
    assert (len(provinces), len(ministries)) == (34, 30), (len(provinces), len(ministries))
    accounts.create_user(engine, "coord", org_id="CENTRAL", roles=["coordinator"], password=None)
    for org in units:
        accounts.create_user(engine, f"sub-{org.lower()}", org_id=org, roles=["submitter"], password=None)
        accounts.create_user(engine, f"appr-{org.lower()}", org_id=org, roles=["approver"], password=None)
    return engine, pack, units


def bench(label: str, url: str, clients: int, folder: Path) -> dict[str, float]:
    from dxtrack.interop.xlsx_template import write_template
    from dxtrack.services import accounts, calls, submissions, unit_scores

    engine, pack, units = setup(url)
    user = {name: accounts.get_user(engine, name) for name in ["coord"] + [f"{r}-{o.lower()}" for o in units
                                                                         for r in ("sub", "appr")]}  # fmt: skip
    out: dict[str, float] = {}

    def step(name: str, work: Callable[[], Any], count: int = 1) -> Any:
        start = time.perf_counter()
        result = work()
        out[name] = seconds = time.perf_counter() - start
        per = f"{seconds / count * 1000:9.1f} ms each" if count > 1 else ""
        print(f"  {label:10} {name:44} {seconds:8.2f} s {per}", flush=True)
        return result

    def new_call(title: str) -> int:
        return calls.create_call(engine, pack, user["coord"], title=title, period="2025", cutoff=str(CUTOFF),
                                 due="2099-01-31", units=",".join(units))  # fmt: skip

    call = step(f"create call ({len(units)} units)", lambda: new_call("Báo cáo năm 2025"))
    templates = step("template JSON (all units)", lambda: {o: calls.template(engine, call, o) for o in units},
                     len(units))  # fmt: skip
    step("template Excel (all units)", lambda: [write_template(templates[o], folder / f"{o}.xlsx", "vi")
                                                 for o in units], len(units))  # fmt: skip
    filled = {o: fill(templates[o]) for o in units}
    reported = sum(sum(i["value"] is not None for i in p["items"]) for p in filled.values())
    sizes = sorted(len(t["items"]) for t in templates.values())
    checked = step("validate (all units)", lambda: [submissions.check(engine, pack, call, o, filled[o])
                                                    for o in units], len(units))  # fmt: skip
    assert not any(c[2] for c in checked), [c[2][:1] for c in checked if c[2]][:1]

    def submit(call_id: int, org: str) -> Any:
        return submissions.submit(
            engine, pack, user[f"sub-{org.lower()}"], call_id, org, {**filled[org], "call": call_id}
        )

    step("submit, one client (baseline)", lambda: [submit(call, o) for o in units], len(units))
    second = new_call("Báo cáo năm 2025 (lần 2)")
    with ThreadPoolExecutor(clients) as pool:
        step(f"submit, {clients} concurrent clients", lambda: list(pool.map(lambda o: submit(second, o), units)),
             len(units))  # fmt: skip
    step("approve (all units)", lambda: [submissions.review(engine, pack, user[f"appr-{o.lower()}"], call, o,
                                                            "approve") for o in units], len(units))  # fmt: skip
    step("accept + publish (all units)", lambda: [submissions.review(engine, pack, user["coord"], call, o, "accept")
                                                   for o in units], len(units))  # fmt: skip
    board = step("board", lambda: submissions.board(engine, call))
    assert {u["state"] for u in board["units"]} == {"accepted"}
    card = step("scorecard", lambda: unit_scores.scorecard(engine, pack))
    assert len([u for u in card["units"] if u["group"] == "province"]) == 34
    one = len(units) / out["submit, one client (baseline)"]
    many = len(units) / out[f"submit, {clients} concurrent clients"]
    print(
        f"  {label:10} {reported:,} items reported by {len(units)} units (templates of {sizes[0]}–{sizes[-1]} items; "
        f"a unit with fewer than {ITEMS} reports all); submissions/s: one client {one:.1f}, "
        f"{clients} clients {many:.1f} (ratio {many / one:.2f})",
        flush=True,
    )
    engine.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", help="PostgreSQL server URL (without database name)")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--clients", type=int, default=50)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="dxtrack-bench-workflow-"))
    print(f"bench/workflow: 34 provinces + 30 ministries, {ITEMS} items each; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")  # fmt: skip
    try:
        bench("sqlite", f"sqlite:///{folder / 'bench.db'}", args.clients, folder)
        if not args.sqlite_only:
            if args.pg:
                bench("postgresql", new_pg_database(args.pg), args.clients, folder)
            else:
                with throwaway_postgres() as base:
                    bench("postgresql", new_pg_database(base), args.clients, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
