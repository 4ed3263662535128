"""The periodic review report (sơ kết / tổng kết): DOCX to edit, PDF to circulate, self-contained HTML.

``write_report(engine, pack, lang=..., fmt=..., out=...)`` builds the report once as a typed document
(:mod:`dxtrack.reports.model`, one builder per section in :mod:`dxtrack.reports.sections`) and lays it out:
HTML and PDF through one Jinja2 template, DOCX through :mod:`dxtrack.reports.word`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from dxtrack.domain.catalog import ContentPack
from dxtrack.errors import DxtrackError
from dxtrack.reports.context import ReportContext, ReportOptions, build_context
from dxtrack.reports.model import ReportDocument
from dxtrack.store import Engine

Format = Literal["docx", "pdf", "html"]
FORMATS: tuple[Format, ...] = ("docx", "pdf", "html")

__all__ = ["FORMATS", "ReportContext", "ReportDocument", "ReportOptions", "build_context", "render", "write_report"]


def render(ctx: ReportDocument, fmt: str, out: Path) -> Path:
    """Write an already built report in one format."""
    out = Path(out)
    if out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "html":
        from dxtrack.reports.html import render_html

        out.write_text(render_html(ctx), encoding="utf-8")
    elif fmt == "pdf":
        from dxtrack.reports.html import render_html
        from dxtrack.reports.pdf import write_pdf

        write_pdf(render_html(ctx), out)
    elif fmt == "docx":
        from dxtrack.reports.word import write_docx

        write_docx(ctx, out)
    else:
        raise DxtrackError(f"report format '{fmt}' is not known; expected one of {', '.join(FORMATS)}")
    return out


def write_report(
    engine: Engine,
    pack: ContentPack,
    *,
    lang: str,
    fmt: str,
    out: Path | str,
    as_of: dt.date | None = None,
    options: ReportOptions | None = None,
) -> Path:
    """Build the review report as of ``as_of`` (default: everything published) and write it to ``out``."""
    if lang not in ("vi", "en"):
        raise DxtrackError(f"report language '{lang}' is not known; expected vi or en")
    if fmt not in FORMATS:
        raise DxtrackError(f"report format '{fmt}' is not known; expected one of {', '.join(FORMATS)}")
    ctx = build_context(engine, pack, lang=lang, as_of=as_of, options=options)  # type: ignore[arg-type]
    return render(ctx, fmt, Path(out)).resolve()
