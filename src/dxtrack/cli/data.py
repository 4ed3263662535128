"""CLI commands: init, quickstart, import, status."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from dxtrack.cli.common import chosen_pack, console, db_url, engine, err_console, parse_day
from dxtrack.errors import DxtrackError
from dxtrack.present import LANGS, Lang, num, period_text, pick

DataOption = Annotated[
    Path | None, typer.Option(help="Data folder (default: DXTRACK_DATA_DIR, else the snapshot shipped in the package).")
]


def init(ctx: typer.Context) -> None:
    """Create or migrate the database (SQLite by default, PostgreSQL with --db)."""
    engine(ctx, create=True)
    console.print(f"Database ready: {db_url(ctx)}")


def _load_everything(ctx: typer.Context, data: Path | None) -> None:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from dxtrack.ingest import bundled
    from dxtrack.ingest.batch import Problem
    from dxtrack.services import store as store_service
    from dxtrack.settings import data_dir

    eng = engine(ctx, create=True)
    folder = data_dir(data)
    pack = chosen_pack(ctx)
    areas = store_service.load_areas(eng, folder)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err_console.rich,
        transient=True,
    ) as bar:
        task = bar.add_task("Nạp dữ liệu / loading data", total=len(bundled.LOADERS))

        def tick(name: str, done: int, total: int) -> None:
            bar.update(task, completed=done, description=f"Nạp dữ liệu / loading {name}")

        pack_counts = store_service.load_content_pack(eng, pack)
        notices: list[Problem] = []
        results = store_service.load_bundled_data(eng, folder, progress=tick, notices=notices)
    written = sum(w for w, _ in results.values())
    known = sum(s for _, s in results.values())
    err_console.print(
        f"Content pack {pack.id} v{pack.version}: {len(pack.targets)} targets, {pack_counts['indicators']} indicators; "
        f"{areas['areas']} areas; data from {folder}: {written} observations written, {known} already known."
    )
    for notice in notices:
        err_console.print(f"set aside (not stored): {notice}", highlight=False, soft_wrap=True)


def quickstart(
    ctx: typer.Context,
    data: DataOption = None,
    out: Annotated[Path, typer.Option(help="Folder for the review report (DOCX and PDF).")] = Path("out"),
) -> None:
    """The main job: load the content pack and the real data, judge every target, print the board, write the report."""
    from dxtrack.cli.assess import assess_table
    from dxtrack.reports import build_context, render
    from dxtrack.services.assess import assess_all

    _load_everything(ctx, data)
    eng, pack = engine(ctx), chosen_pack(ctx)
    console.print(assess_table(assess_all(eng, pack, store=False), None, pack.peer_groups))
    report = build_context(eng, pack, lang="vi")
    name = f"bao-cao-so-ket-{pack.id.removeprefix('vn-')}"  # bao-cao-so-ket-nq52 for the default pack
    written = [render(report, fmt, Path(out) / f"{name}.{fmt}").resolve() for fmt in ("docx", "pdf")]
    console.print("Báo cáo sơ kết (tiếng Việt) / review report written to:")
    for path in written:
        console.print(f"  {path}", highlight=False, soft_wrap=True)


def load(
    ctx: typer.Context,
    data: DataOption = None,
) -> None:
    """Load the content pack and the bundled real data (already loaded files are skipped)."""
    _load_everything(ctx, data)


def import_(
    ctx: typer.Context,
    path: Annotated[
        Path, typer.Argument(help="Tidy CSV or Excel file: indicator,area,period,value[,unit,source,published_on,note]")
    ],
    source: Annotated[str | None, typer.Option(help="Source for rows without a 'source' column.")] = None,
    published_on: Annotated[
        str | None, typer.Option("--published-on", help="Publication date YYYY-MM-DD for rows without one.")
    ] = None,
    sheet: Annotated[str | None, typer.Option(help="Excel sheet name (default: the first).")] = None,
    recorded_by: Annotated[str | None, typer.Option("--by", help="Who records this import.")] = None,
    allow_future: Annotated[
        bool,
        typer.Option("--allow-future", help="Accept publication dates after today (invisible until that date)."),
    ] = False,
) -> None:
    """Import observations; the whole file is rejected if any row is bad; the same content twice writes nothing."""
    from dxtrack.ingest.batch import AlreadyImported, ImportRejected
    from dxtrack.services import store as store_service

    eng = engine(ctx)
    try:
        written, skipped = store_service.import_file(
            eng,
            path,
            source=source,
            published_on=parse_day(published_on, "--published-on"),
            sheet=sheet,
            recorded_by=recorded_by,
            allow_future=allow_future,
        )
    except AlreadyImported as exc:
        console.print(str(exc), highlight=False, soft_wrap=True)
        return
    except ImportRejected as exc:
        for problem in exc.problems:
            err_console.print(f"[red]error:[/] {problem}", highlight=False, soft_wrap=True)
        err_console.print(f"{path}: rejected, nothing was written ({len(exc.problems)} problem(s))", highlight=False)
        raise typer.Exit(1) from None
    typer.echo(f"{path}: {written} observations written, {skipped} already known")  # plain: no Rich to import


STATUS_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Bảng theo dõi mục tiêu", "Target status board"),
    "as_of": ("tính đến", "as of"),
    "qualitative": ("định tính", "qualitative"),
    "no_data": ("chưa có dữ liệu", "no data yet"),
}
STATUS_COLUMNS: dict[Lang, tuple[str, ...]] = {
    "vi": ("Mục tiêu", "Chỉ tiêu", "Kỳ", "Giá trị", "Mục tiêu đặt ra", "Hạn", "Nguồn"),
    "en": ("Target", "Indicator", "Period", "Value", "Target value", "Deadline", "Source"),
}


def _print_status(ctx: typer.Context, as_of: str | None, fmt: str, lang: str = "vi") -> None:
    if lang not in LANGS:
        raise DxtrackError(f"--lang '{lang}' is not known; expected vi or en")
    language: Lang = "en" if lang == "en" else "vi"
    from rich.table import Table

    from dxtrack.present.assessment import goal_of
    from dxtrack.services.status import status_board

    eng = engine(ctx)
    pack = chosen_pack(ctx)
    rows = status_board(eng, pack, parse_day(as_of, "--as-of"))
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if fmt != "table":
        raise DxtrackError(f"--format '{fmt}' is not known; expected table or json")
    words = {k: pick(v, language) for k, v in STATUS_WORDS.items()}
    title = f"{words['title']} — {pack.title_vi if language == 'vi' else pack.title_en}"
    table = Table(title=title + (f" ({words['as_of']} {as_of})" if as_of else ""), show_lines=False, expand=True)
    for col in STATUS_COLUMNS[language]:
        table.add_column(col, overflow="fold")
    for r in rows:
        goal = goal_of(pack.target(r["target"]), language, pack.peer_groups)
        table.add_row(
            r["target"],
            r["indicator"] or f"({words['qualitative']})",
            period_text(r["period"], language),
            num(r["value"], language),
            goal,
            str(r["deadline"] or "—"),
            (r["source"] or words["no_data"])[:60],
        )
    console.print(table)


def status(
    ctx: typer.Context,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Only what had been published by this date (YYYY-MM-DD).")
    ] = None,
    format: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    lang: Annotated[str, typer.Option("--lang", help="vi (default) or en, for the table")] = "vi",
) -> None:
    """The status board: every target with Vietnam's latest value, its source, the target and deadline."""
    _print_status(ctx, as_of, format, lang)


def fetch_worldbank(
    ctx: typer.Context,
    indicator: Annotated[str, typer.Argument(help="WDI indicator code, e.g. SL.GDP.PCAP.EM.KD")],
    countries: Annotated[
        str, typer.Option(help="ISO3 codes separated by ';'")
    ] = "VNM;BRN;KHM;IDN;LAO;MYS;MMR;PHL;SGP;THA;TLS",
    first_year: Annotated[int | None, typer.Option("--from", help="First year")] = None,
) -> None:
    """Fetch one indicator from the World Bank API (online) and store it with its update date."""
    from dxtrack.ingest.worldbank import fetch_indicator
    from dxtrack.services import store as store_service

    eng = engine(ctx)
    batch = fetch_indicator(indicator, countries.split(";"), first_year=first_year)
    written, skipped = store_service.store_batch(eng, batch, recorded_by="dxtrack fetch worldbank")
    console.print(f"{indicator}: {written} observations written, {skipped} already known")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command("init")(init)
    app.command("quickstart")(quickstart)
    app.command("load")(load)
    app.command("import")(import_)
    app.command("status")(status)
    fetch = typer.Typer(help="Fetch data from outside APIs (needs internet).", no_args_is_help=True)
    fetch.command("worldbank")(fetch_worldbank)
    app.add_typer(fetch, name="fetch")
