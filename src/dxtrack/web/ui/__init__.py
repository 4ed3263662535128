"""Server-rendered pages: status board, targets, ASEAN peers, provinces, tasks and bodies, API docs.

Pages are rendered once per query, language and data stamp and then served from memory (``cached_page``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from dxtrack.web import geo, i18n, queries
from dxtrack.web.deps import State
from dxtrack.web.render import cached_page, parse_day, render, request_lang
from dxtrack.web.ui.charts import peers_chart, provinces_chart, target_charts

router = APIRouter(include_in_schema=False)

HORIZONS = ("2025", "2030", "2045", "general", "continuing")


def page_as_of(request: Request) -> dt.date | None:
    """``?as_of=`` of a page (``yyyy-mm-dd`` or ``dd/mm/yyyy``); an invalid date is ignored."""
    return parse_day(request.query_params.get("as_of"))


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


@router.get("/", response_class=HTMLResponse)
def board_page(request: Request, state: State) -> HTMLResponse:
    as_of = page_as_of(request)
    horizon = request.query_params.get("horizon")
    if horizon not in HORIZONS:
        horizon = None

    def build() -> dict[str, Any]:
        data = queries.board(state, as_of)
        rows = data["rows"]
        groups = [(h, [r for r in rows if r["horizon"] == h]) for h in HORIZONS if horizon in (None, h)]
        counts: dict[str, int] = {}
        for r in rows:
            key = r["status"] or "not_assessed"
            counts[key] = counts.get(key, 0) + 1
        summary = [(s, counts[s]) for s in i18n.STATUS_ORDER if s in counts]
        summary += [(s, n) for s, n in counts.items() if s not in i18n.STATUS_ORDER]
        return {
            "page": "board",
            "groups": [(h, rs) for h, rs in groups if rs],
            "horizon": horizon,
            "horizons": HORIZONS,
            "assessed": data["assessed"],
            "summary": summary,
            "total": len(rows),
            "as_of_date": as_of,
        }

    return cached_page(request, state, "board.html", build)


@router.get("/targets", response_class=HTMLResponse)
def targets_page(request: Request, state: State) -> HTMLResponse:
    as_of = page_as_of(request)
    return cached_page(
        request,
        state,
        "targets.html",
        lambda: {"page": "targets", "rows": queries.board(state, as_of)["rows"], "as_of_date": as_of},
    )


@router.get("/targets/{target_id}", response_class=HTMLResponse)
def target_page(request: Request, state: State, target_id: str) -> HTMLResponse:
    try:
        target = state.pack.target(target_id)
    except KeyError:
        raise HTTPException(status_code=404, detail=f"target '{target_id}' not found") from None
    as_of = page_as_of(request)
    lang = request_lang(request)

    def build() -> dict[str, Any]:
        detail = queries.target_detail(state, target, as_of)
        return {
            "page": "targets",
            "d": detail,
            "target": target,
            "charts": target_charts(detail, lang),
            "as_of_date": as_of,
        }

    return cached_page(request, state, "target.html", build)


@router.get("/peers", response_class=HTMLResponse)
def peers_page(request: Request, state: State) -> HTMLResponse:
    as_of = page_as_of(request)
    code = request.query_params.get("indicator") or queries.PEER_INDICATORS[0]
    if code not in queries.PEER_INDICATORS:
        code = queries.PEER_INDICATORS[0]
    lang = request_lang(request)

    def build() -> dict[str, Any]:
        data = queries.peers_overview(state, as_of)
        panel = data["panels"][code]
        return {
            "page": "peers",
            "panels": data["panels"],
            "codes": queries.PEER_INDICATORS,
            "current": code,
            "panel": panel,
            "chart": peers_chart(panel, lang),
            "as_of_date": as_of,
        }

    if is_htmx(request):
        return cached_page(request, state, "partials/peer_panel.html", build, partial=True)
    return cached_page(request, state, "peers.html", build)


@router.get("/provinces", response_class=HTMLResponse)
def provinces_page(request: Request, state: State) -> HTMLResponse:
    as_of = page_as_of(request)
    which = request.query_params.get("set") or "63"
    if which not in ("63", "34"):
        which = "63"
    lang = request_lang(request)

    def build() -> dict[str, Any]:
        data = queries.provinces(state, which, as_of)
        return {
            "page": "provinces",
            "data": data,
            "which": which,
            "has_map": state.data_dir is not None,
            "chart": provinces_chart(data, lang),
            "as_of_date": as_of,
        }

    if is_htmx(request):
        return cached_page(request, state, "partials/province_panel.html", build, partial=True)
    return cached_page(request, state, "provinces.html", build)


@router.get("/tasks", response_class=HTMLResponse)
def tasks_page(request: Request, state: State) -> HTMLResponse:
    as_of = page_as_of(request)

    def build() -> dict[str, Any]:
        targets = {t.id: t for t in state.pack.targets}
        return {"page": "tasks", "data": queries.tasks(state, as_of), "targets": targets, "as_of_date": as_of}

    return cached_page(request, state, "tasks.html", build)


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
        raise HTTPException(status_code=404, detail=f"province set '{which}' not found")
    if state.data_dir is None:
        raise HTTPException(status_code=404, detail="boundaries not available: DXTRACK_DATA_DIR is not set")
    body = geo.map_json(str(state.data_dir), which)
    return Response(body, media_type="application/json", headers={"Cache-Control": "public, max-age=3600"})


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    return RedirectResponse("/static/favicon.svg", status_code=301)


@router.get("/healthz")
def healthz(state: State) -> dict[str, Any]:
    return {"ok": True, "pack": state.pack.id, "version": state.pack.version}
