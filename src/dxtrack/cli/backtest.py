"""CLI command: backtest (rolling-origin evaluation of the forecasts on indicators in the store)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from dxtrack.cli.common import chosen_pack, console, engine
from dxtrack.errors import DxtrackError


def backtest(
    ctx: typer.Context,
    indicator: Annotated[list[str], typer.Option("--indicator", help="Indicator code (repeat for several).")],
    areas: Annotated[
        str | None,
        typer.Option("--areas", help="A peer group of the pack (ASEAN) or ISO3,ISO3,…; default every area."),
    ] = None,
    horizons: Annotated[str, typer.Option("--horizons", help="Years ahead: 1-5, 3 or 1,3,5.")] = "1-5",
    min_points: Annotated[
        int, typer.Option("--min-points", help="Observations up to an origin before it is used.")
    ] = 5,
    fmt: Annotated[str, typer.Option("--format", help="table | json")] = "table",
    lang: Annotated[str, typer.Option("--lang", help="vi (default) or en, for the table")] = "vi",
) -> None:
    """Rolling-origin backtest: interval coverage, MSIS, MASE and the Brier score of attainment probabilities."""
    from dxtrack.services import backtest as service

    if fmt not in ("table", "json"):
        raise DxtrackError(f"--format must be table or json, got '{fmt}'")
    if lang not in ("vi", "en"):
        raise DxtrackError(f"--lang '{lang}' is not known; expected vi or en")
    pack = chosen_pack(ctx)
    store = engine(ctx)
    result = service.backtest(
        store,
        pack,
        indicator,
        areas=service.resolve_areas(store, pack, areas),
        horizons=service.parse_horizons(horizons),
        min_points=min_points,
    )
    doc = result.to_dict()
    if fmt == "json":
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=1))
        return
    _table(doc, "en" if lang == "en" else "vi")


def _table(doc: dict[str, object], lang: str) -> None:
    from rich.table import Table

    from dxtrack.present import backtest as words
    from dxtrack.present.lang import Lang

    language: Lang = "en" if lang == "en" else "vi"
    out = console
    for title, (cols, rows) in (
        (words.word("title", language), words.horizon_table(doc, language)),
        (words.word("brier", language), words.reliability_table(doc, language)),
    ):
        table = Table(title=title)
        for c in cols:
            table.add_column(c, justify="right")
        for r in rows:
            table.add_row(*r)
        out.print(table)
    out.print(words.brier_line(doc, language))


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command("backtest")(backtest)
