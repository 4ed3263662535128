"""CLI command: the periodic review report (DOCX, PDF or HTML; Vietnamese or English)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dxtrack.cli.common import chosen_pack, console, engine, parse_day
from dxtrack.errors import DxtrackError


def report(
    ctx: typer.Context,
    lang: Annotated[str, typer.Option("--lang", help="vi (default) or en.")] = "vi",
    fmt: Annotated[str, typer.Option("--format", help="docx, pdf or html.")] = "docx",
    out: Annotated[Path | None, typer.Option("--out", help="File to write (default: out/report-LANG.FORMAT).")] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Use only data published by this date, YYYY-MM-DD.")
    ] = None,
    issuer: Annotated[
        str | None,
        typer.Option(
            help="Issuing body: a body id of the pack (e.g. GOV_PARTY_COMMITTEE: a Party body gets the header of "
            "Hướng dẫn 36-HD/VPTW, a state body that of Nghị định 30/2020/NĐ-CP) or a name in words."
        ),
    ] = None,
    issuer_kind: Annotated[
        str | None,
        typer.Option("--issuer-kind", help="party or state, for an issuer given in words (default: state)."),
    ] = None,
    place: Annotated[str | None, typer.Option(help="Place on the date line (default: Hà Nội).")] = None,
    body: Annotated[
        list[str] | None,
        typer.Option("--body", help="Annex 1: only the tasks of this body (repeatable), e.g. GOV_PARTY_COMMITTEE."),
    ] = None,
) -> None:
    """Write the review report (sơ kết/tổng kết) of the content pack's strategy (default: Resolution 52-NQ/TW)."""
    from dxtrack.reports import FORMATS, ReportOptions, write_report

    if lang not in ("vi", "en"):
        raise DxtrackError(f"--lang '{lang}' is not known; expected vi or en")
    if fmt not in FORMATS:
        raise DxtrackError(f"--format '{fmt}' is not known; expected one of {', '.join(FORMATS)}")
    if issuer_kind not in (None, "party", "state"):
        raise DxtrackError(f"--issuer-kind '{issuer_kind}' is not known; expected party or state")
    day = parse_day(as_of, "--as-of")
    target = out or Path("out") / f"report-{lang}.{fmt}"
    path = write_report(
        engine(ctx),
        chosen_pack(ctx),
        lang=lang,
        fmt=fmt,
        out=target,
        as_of=day,
        options=ReportOptions(issuer=issuer, issuer_kind=issuer_kind, place=place, bodies=tuple(body or ())),
    )
    console.print(f"report written: {path}", highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add ``report`` to the main app."""
    app.command("report")(report)
