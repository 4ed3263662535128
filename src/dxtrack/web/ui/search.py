"""The search page: ``/search?q=`` over the pack's targets, indicators, tasks and bodies."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from dxtrack.services.peers import PEER_INDICATORS
from dxtrack.services.search import KINDS, search
from dxtrack.web.deps import State, page_as_of
from dxtrack.web.render import render

router = APIRouter(include_in_schema=False)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, state: State) -> HTMLResponse:
    """Rendered each time, not cached: ``q`` is free text and would churn the page cache (the search is cheap)."""
    as_of = page_as_of(request)
    query = (request.query_params.get("q") or "").strip()

    def build() -> dict[str, Any]:
        found = search(state.pack, query)
        used_by: dict[str, str] = {}
        for t in state.pack.targets:
            if t.indicator:
                used_by.setdefault(t.indicator, t.id)
        return {
            "page": "search",
            "query": query,
            "found": [(k, found[k]) for k in KINDS if found[k]],
            "total": sum(len(v) for v in found.values()),
            "used_by": used_by,
            "peer_codes": list(PEER_INDICATORS),
            "as_of_date": as_of,
        }

    context = build()
    context["kept_params"] = {"q": query} if query else {}
    return render(request, "search.html", context)
