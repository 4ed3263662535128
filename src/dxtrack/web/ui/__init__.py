"""Server-rendered pages: status board, targets, peer-group comparison, provinces, tasks and bodies, API docs.

Pages are rendered once per normalised query (each page reads only its own parameters, with canonical values),
language and data stamp, then served from memory (``cached_page``); unknown parameters are ignored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from dxtrack.domain.report_items import OVERDUE, TASK_STATE_WORDS, word
from dxtrack.present import STATUS_ORDER
from dxtrack.present.errors import AppError
from dxtrack.services.peers import PEER_INDICATORS, default_group, peers_overview
from dxtrack.services.provinces import province_view
from dxtrack.services.targets import target_detail
from dxtrack.services.task_status import TaskStatus
from dxtrack.services.task_status import statuses as task_statuses
from dxtrack.services.tasks import tasks
from dxtrack.web import geo
from dxtrack.web.deps import State, page_as_of
from dxtrack.web.render import cached_page, render, request_lang
from dxtrack.web.ui.charts import peers_chart, provinces_chart, target_charts
from dxtrack.web.ui.search import router as search_router

router = APIRouter(include_in_schema=False)
router.include_router(search_router)


def day_param(day: dt.date | None) -> str | None:
    """A date's canonical form in a page key and its links."""
    return day.isoformat() if day else None


@router.get("/", response_class=HTMLResponse)
async def board_page(request: Request, state: State) -> HTMLResponse:
    as_of = page_as_of(request)
    horizons = [h.id for h in state.pack.horizons]
    horizon = request.query_params.get("horizon")
    if horizon not in horizons:
        horizon = None

    def build() -> dict[str, Any]:
        data = state.board(as_of)
        rows = data["rows"]
        groups = [(h, [r for r in rows if r["horizon"] == h]) for h in horizons if horizon in (None, h)]
        counts: dict[str, int] = {}
        for r in rows:
            key = r["status"] or "not_assessed"
            counts[key] = counts.get(key, 0) + 1
        summary = [(s, counts[s]) for s in STATUS_ORDER if s in counts]
        summary += [(s, n) for s, n in counts.items() if s not in STATUS_ORDER]
        return {
            "page": "board",
            "groups": [(h, rs) for h, rs in groups if rs],
            "horizon": horizon,
            "horizons": horizons,
            "assessed": data["assessed"],
            "summary": summary,
            "total": len(rows),
            "as_of_date": as_of,
        }

    query = {"as_of": day_param(as_of), "horizon": horizon}
    return await cached_page(request, state, "board.html", build, query=query)


@router.get("/targets", response_class=HTMLResponse)
async def targets_page(request: Request, state: State) -> HTMLResponse:
    as_of = page_as_of(request)
    return await cached_page(
        request,
        state,
        "targets.html",
        lambda: {"page": "targets", "rows": state.board(as_of)["rows"], "as_of_date": as_of},
        query={"as_of": day_param(as_of)},
    )


@router.get("/targets/{target_id}", response_class=HTMLResponse)
async def target_page(request: Request, state: State, target_id: str) -> HTMLResponse:
    try:
        target = state.pack.target(target_id)
    except KeyError:
        raise AppError("target_not_found", {"target": target_id}) from None
    as_of = page_as_of(request)
    lang = request_lang(request)

    def build() -> dict[str, Any]:
        detail = target_detail(
            state.engine,
            state.pack,
            target,
            as_of,
            state.assessments(as_of),
            state.assessment_detail(target.id, as_of),
        )
        return {
            "page": "targets",
            "d": detail,
            "target": target,
            "charts": target_charts(detail, lang),
            "as_of_date": as_of,
        }

    return await cached_page(request, state, "target.html", build, query={"as_of": day_param(as_of)})


@router.get("/peers", response_class=HTMLResponse)
async def peers_page(request: Request, state: State) -> HTMLResponse:
    as_of = page_as_of(request)
    code = request.query_params.get("indicator") or PEER_INDICATORS[0]
    if code not in PEER_INDICATORS:
        code = PEER_INDICATORS[0]
    group = default_group(state.pack)
    if group is None:
        raise AppError("not_found", {"path": "/peers"})
    lang = request_lang(request)

    def build() -> dict[str, Any]:
        data = state.cached(("peers", group, as_of), lambda: peers_overview(state.engine, state.pack, group, as_of))
        panel = data["panels"][code]
        return {
            "page": "peers",
            "panels": data["panels"],
            "codes": PEER_INDICATORS,
            "group": group,
            "current": code,
            "panel": panel,
            "chart": peers_chart(panel, lang, state.pack.focus_area),
            "as_of_date": as_of,
        }

    query = {"as_of": day_param(as_of), "indicator": code}
    return await cached_page(request, state, "peers.html", build, query=query)  # htmx selects its view


@router.get("/provinces", response_class=HTMLResponse)
async def provinces_page(request: Request, state: State) -> HTMLResponse:
    as_of = page_as_of(request)
    which = request.query_params.get("set") or "63"
    if which not in ("63", "34"):
        which = "63"
    lang = request_lang(request)

    def build() -> dict[str, Any]:
        data = state.cached(("provinces", which, as_of), lambda: province_view(state.engine, state.pack, which, as_of))
        return {
            "page": "provinces",
            "data": data,
            "which": which,
            "has_map": state.data_dir is not None,
            "chart": provinces_chart(data, lang),
            "as_of_date": as_of,
        }

    query = {"as_of": day_param(as_of), "set": which}
    return await cached_page(request, state, "provinces.html", build, query=query)  # htmx selects its view


def said(t: TaskStatus, lang: str) -> str:
    """A task's reported status in words ("Đang thực hiện — quá hạn")."""
    return word(TASK_STATE_WORDS[t.status], lang) + (f" — {word(OVERDUE, lang)}" if t.overdue else "")


@router.get("/tasks", response_class=HTMLResponse)
async def tasks_page(request: Request, state: State) -> HTMLResponse:
    as_of = page_as_of(request)

    def build() -> dict[str, Any]:
        targets = {t.id: t for t in state.pack.targets}
        data = tasks(state.engine, state.pack, as_of)
        reported = {
            t.task_id: {"vi": said(t, "vi"), "en": said(t, "en"), "overdue": t.overdue}
            for t in task_statuses(state.engine, state.pack, as_of or dt.date.today())
        }
        return {"page": "tasks", "data": data, "targets": targets, "as_of_date": as_of, "reported": reported}

    return await cached_page(request, state, "tasks.html", build, query={"as_of": day_param(as_of)})


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """Swagger UI served from the vendored swagger-ui-dist files (never from a CDN)."""
    return render(request, "api.html", {"page": "api", "as_of_date": None})


@router.get("/api", response_class=RedirectResponse)
def api_root() -> RedirectResponse:
    return RedirectResponse("/api/docs")


@router.get("/geo/provinces-{which}.json")
def geo_json(state: State, which: str) -> Response:
    """Province boundaries for the map (built from the shared data folder, cached in memory)."""
    if which not in ("63", "34"):
        raise AppError("province_set_not_found", {"which": which})
    if state.data_dir is None:
        raise AppError("boundaries_unavailable")
    folder = str(state.data_dir)
    unit_set: geo.ProvinceSet = "63" if which == "63" else "34"
    body: bytes = state.cached(("geo", unit_set, folder), lambda: geo.map_json(folder, unit_set))
    return Response(body, media_type="application/json", headers={"Cache-Control": "public, max-age=3600"})


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    return RedirectResponse("/static/favicon.svg", status_code=301)


@router.get("/healthz")
def healthz(state: State) -> dict[str, Any]:
    """Liveness, the pack served, and what the result cache holds (entries, page bytes, computations per kind)."""
    return {"ok": True, "pack": state.pack.id, "version": state.pack.version, "cache": asdict(state.computer.stats())}
