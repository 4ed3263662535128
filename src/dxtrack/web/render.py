"""Template rendering with the language of the request (``?lang=`` query, then cookie, then Vietnamese)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from dxtrack import __version__
from dxtrack import present as fmt
from dxtrack.domain.catalog import ContentPack
from dxtrack.present import assessment as words
from dxtrack.present.reported import comment_text
from dxtrack.present.untrusted import link_host, visible_controls
from dxtrack.web import i18n
from dxtrack.web.i18n import Lang
from dxtrack.web.state import WebState

WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
TEMPLATES_DIR = WEB_DIR / "templates"
LANG_COOKIE = "dxtrack_lang"

ECHARTS = "vendor/echarts-6.1.0.min.js"
HTMX = "vendor/htmx-2.0.11.min.js"
SWAGGER = "vendor/swagger-ui-dist-5.35.0"
FONT_CSS = "vendor/be-vietnam-pro-5.3.0/font.css"

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
templates.env.trim_blocks = True
templates.env.lstrip_blocks = True


def capfirst(text: str | None) -> str:
    """Upper-case the first letter only (quotes begin mid-sentence; the rest stays verbatim)."""
    text = text or ""
    return text[:1].upper() + text[1:]


templates.env.filters["capfirst"] = capfirst


def shown(value: Any) -> Any:
    """Every value a template prints (Jinja's ``finalize``): text with its bidirectional control characters
    made visible (``⟨U+202E⟩``), so text from users and imports cannot reorder what the reader sees."""
    if isinstance(value, Markup):
        return Markup(visible_controls(str(value)))
    if isinstance(value, str):
        return visible_controls(value)
    return value


templates.env.finalize = shown


def ext_link(url: str | None, title: str | None = None) -> Markup:
    """A link to an outside address that shows where it really goes: ``title (host)``, or the address itself
    when there is no other title; an address that is not plain http(s) (controls, spaces, another scheme) is
    shown as text, never made a link."""
    url = url or ""
    host = link_host(url) if url else None
    if host is None:
        if not url:
            return escape(title or "")
        if not title or title == url:
            return escape(url)
        return Markup('{} <span class="muted">({})</span>').format(title, url)
    anchor = Markup('<a href="{}" rel="noopener noreferrer external">{}</a>').format(url, title or url)
    if title and title != url:
        return anchor + Markup(' <span class="muted small link-host">({})</span>').format(host)
    return anchor


def request_lang(request: Request) -> Lang:
    """The page language: ``?lang=vi|en`` wins, then the cookie, then Vietnamese."""
    return (
        i18n.pick_lang(request.query_params.get("lang"))
        or i18n.pick_lang(request.cookies.get(LANG_COOKIE))
        or i18n.DEFAULT_LANG
    )


def as_json(value: Any) -> Markup:
    """JSON for a ``<script type="application/json">`` block (``</`` escaped so it cannot close the tag)."""
    text = json.dumps(value, ensure_ascii=False, default=_json_default, separators=(",", ":"))
    return Markup(text.replace("</", "<\\/"))


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    return str(value)


def url_with(request: Request, query: Mapping[str, str], **changes: Any) -> str:
    """The current path with the page's own (normalised) query parameters, changed by ``changes`` (None removes
    one); parameters the page does not know are never carried into a link."""
    params: dict[str, str] = dict(query)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    text = urlencode(params)
    return request.url.path + (f"?{text}" if text else "")


def render(
    request: Request, template: str, context: dict[str, Any], *, status_code: int = 200, partial: bool = False
) -> HTMLResponse:
    """Render ``template`` with the language helpers; remember an explicit ``?lang=`` in a cookie."""
    return finish(request, render_body(request, template, context, partial=partial), status_code=status_code)


async def cached_page(
    request: Request,
    state: WebState,
    template: str,
    build: Callable[[], dict[str, Any]],
    *,
    query: Mapping[str, str | None] | None = None,
    partial: bool = False,
) -> HTMLResponse:
    """A page rendered once per (template, path, normalised ``query``, language) and data stamp, then served
    from memory at once; the first request for a key computes it on the bounded pool (the event loop never
    computes), and concurrent requests for that key share the one computation.

    ``query`` holds the page's known parameters with canonical values (``as_of`` as ``YYYY-MM-DD``); unknown
    parameters play no part in the key, the page or its links.
    """
    known = {k: v for k, v in (query or {}).items() if v is not None}
    key = ("page", template, request.url.path, tuple(sorted(known.items())), request_lang(request))
    context = {"kept_params": {k: v for k, v in known.items() if k not in ("as_of", "lang")}}

    def page() -> bytes:
        return render_body(request, template, {**build(), **context}, partial=partial)

    body: bytes = await state.computer.get_async(state.full_key(key), page)
    return finish(request, body)


def finish(request: Request, body: bytes, *, status_code: int = 200) -> HTMLResponse:
    """The HTML response with language headers and the language cookie when ``?lang=`` was given."""
    response = HTMLResponse(body, status_code=status_code)
    lang = request_lang(request)
    explicit = i18n.pick_lang(request.query_params.get("lang"))
    if explicit and request.cookies.get(LANG_COOKIE) != explicit:
        response.set_cookie(LANG_COOKIE, explicit, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
    response.headers["Content-Language"] = lang
    response.headers["Vary"] = "Cookie"
    return response


def pack_words(pack: ContentPack | None, lang: Lang) -> dict[str, str]:
    """The pack's own wording for the page labels: ``short`` (the strategy, ``Nghị quyết 57-NQ/TW``), ``docs``
    (the documents that set targets, ``Nghị quyết 52-NQ/TW và Kết luận (dự thảo)``), ``group`` and ``scope`` (its
    first peer group with members, ``ASEAN`` / ``trong ASEAN``)."""
    if pack is None:
        return {"short": "", "docs": "", "group": "", "scope": ""}
    documents = list(pack.documents)
    short = fmt.pack_label(pack.labels, "short", lang) or (pack.title_vi if lang == "vi" else pack.title_en)
    with_targets = [d.id for d in documents if any(t.doc == d.id for t in pack.targets)]
    docs = fmt.join_and([fmt.doc_short(d, lang, documents) for d in with_targets], lang) or short
    group = next((g for g in pack.peer_groups if g.members), None)
    return {
        "short": short,
        "docs": docs,
        "group": fmt.group_name(group, lang) if group else "",
        "scope": fmt.group_scope(group, lang),
    }


def render_body(request: Request, template: str, context: dict[str, Any], *, partial: bool = False) -> bytes:
    """The rendered template as UTF-8 bytes."""
    lang = request_lang(request)
    pack = getattr(getattr(request.app.state, "dx", None), "pack", None)
    documents = list(pack.documents) if pack is not None else []
    groups = list(pack.peer_groups) if pack is not None else []
    horizons = list(getattr(pack, "horizons", None) or [])
    as_of_date = context.get("as_of_date")
    as_of = as_of_date.isoformat() if as_of_date else None

    wording = pack_words(pack, lang)
    kept: dict[str, str] = dict(context.get("kept_params") or {})

    def t(key: str) -> str:
        return i18n.t(key, lang, **wording)

    def num(value: float | None, digits: int | None = None) -> str:
        return fmt.num(value, lang, digits)

    def pct(value: float | None, digits: int = 2) -> str:
        return fmt.pct(value, lang, digits)

    def date(value: Any) -> str:
        return fmt.date_text(value, lang)

    def name(obj: Any, field: str = "name") -> str:
        """``obj.name_vi`` or ``obj.name_en`` (dicts or models), Vietnamese when English is missing."""
        get = obj.get if isinstance(obj, dict) else lambda k, d=None: getattr(obj, k, d)
        return str(get(f"{field}_{lang}") or get(f"{field}_vi") or "")

    def link(path: str, **params: Any) -> str:
        """An internal link that keeps the ``as_of`` choice and the page language (the URL says what it shows)."""
        query = {k: v for k, v in params.items() if v is not None}
        if as_of and "as_of" not in query:
            query["as_of"] = as_of
        query.setdefault("lang", lang)
        return path + (f"?{urlencode(query)}" if query else "")

    ctx = {
        "request": request,
        "lang": lang,
        "other_lang": "en" if lang == "vi" else "vi",
        "t": t,
        "num": num,
        "pct": pct,
        "date": date,
        "name": name,
        "link": link,
        "status_label": lambda s: fmt.status_label(s, lang),
        "prob": lambda p: fmt.prob(p, lang),
        "period": lambda p: fmt.period_text(p, lang),
        "status_tone": fmt.status_tone,
        "unit": lambda u: fmt.unit_text(u, lang),
        "value_unit": lambda v, u: fmt.value_unit(v, u, lang),
        "obs_comment": lambda c: comment_text(c, lang),
        "doc_short": lambda d: fmt.doc_short(d, lang, documents),
        "rank_scope": lambda u: fmt.rank_scope(u, lang),
        "is_rank": fmt.is_rank_unit,
        "goal": lambda target: words.goal_of(target, lang, groups),
        "latest": lambda a: words.latest_text(a, lang, groups),
        "note": lambda a: words.note_text(a, lang),
        "reason": lambda a: fmt.reason_text(a.why, lang),
        "group_scope": lambda g: words.scope_of(g, groups, lang),
        "targets": {t.id: t for t in pack.targets} if pack is not None else {},
        "focus": getattr(pack, "focus_area", "VNM"),
        "horizon_name": lambda h: fmt.horizon_label(h, lang, horizons) if horizons else i18n.t("horizon_" + h, lang),
        "subtitle": fmt.pack_label(getattr(pack, "labels", None), "subtitle", lang) or wording["short"],
        "task_deadline": lambda d: fmt.task_deadline(d, lang),
        "as_json": as_json,
        "url_with": lambda **kw: url_with(request, {**kept, **({"as_of": as_of} if as_of else {})}, **kw),
        "ext_link": ext_link,
        "kept_params": kept,
        "as_of": as_of,
        "version": __version__,
        "assets": {"echarts": ECHARTS, "htmx": HTMX, "swagger": SWAGGER, "font": FONT_CSS},
        "partial": partial,
        **context,
    }
    return templates.get_template(template).render(ctx).encode("utf-8")
