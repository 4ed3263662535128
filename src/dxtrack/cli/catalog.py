"""CLI commands: ``dxtrack catalog check | show | export`` (the content pack; no database needed)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
import yaml
from rich.console import Console
from rich.table import Table

from dxtrack.catalog import (
    Problem,
    default_pack_path,
    export_json,
    find_seeds_dir,
    pack_hash,
    validate_pack,
)
from dxtrack.domain.catalog import ContentPack, TargetKind

catalog_app = typer.Typer(
    name="catalog",
    help="Check, show and export the strategy content pack (targets, indicators, tasks, bodies…).",
    no_args_is_help=True,
)


class Kind(StrEnum):
    targets = "targets"
    indicators = "indicators"
    figures = "figures"
    groups = "groups"
    tasks = "tasks"
    bodies = "bodies"
    systems = "systems"
    limitations = "limitations"
    achievements = "achievements"


class Format(StrEnum):
    json = "json"
    yaml = "yaml"


PackArg = Annotated[
    Path | None,
    typer.Argument(help="Pack folder or YAML file (default: the bundled vn-nq52 pack).", show_default=False),
]
PackOpt = Annotated[
    Path | None,
    typer.Option("--pack", help="Pack folder or YAML file (default: the bundled vn-nq52 pack).", show_default=False),
]
SeedsOpt = Annotated[
    Path | None,
    typer.Option(
        "--seeds",
        help="Folder overriding the pack's own source texts for the quote check (default: $DXTRACK_SEEDS_DIR, "
        "else the texts/ of the pack).",
        show_default=False,
    ),
]


def _where(pack_path: Path, problem: Problem) -> str:
    """A problem as ``file:line: location: message`` with the file shown inside the pack folder."""
    if pack_path.is_dir() and problem.file and not Path(problem.file).is_absolute():
        shown = Problem(str(pack_path / problem.file), problem.location, problem.message, problem.line)
        return str(shown)
    return str(problem)


def _load_or_exit(path: Path | None, *, seeds: Path | None = None, quotes: bool = True) -> ContentPack:
    pack_path = path or default_pack_path()
    pack, problems, _ = validate_pack(pack_path, seeds_dir=seeds, check_seeds=quotes)
    if problems or pack is None:
        err = Console(stderr=True, highlight=False, soft_wrap=True)
        for p in problems:
            err.print(_where(pack_path, p), markup=False)
        err.print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {pack_path}", markup=False)
        raise typer.Exit(code=1)
    return pack


def summary(pack: ContentPack) -> str:
    """One line with the counts of everything in the pack."""
    quantified = sum(1 for t in pack.targets if t.kind is not TargetKind.milestone)
    tasks = sum(len(g.tasks) for g in pack.policy_groups)
    duties = sum(len(b.duties) for b in pack.bodies)
    return (
        f"{len(pack.targets)} targets ({quantified} quantified, {len(pack.targets) - quantified} milestones), "
        f"{len(pack.indicators)} indicators, {len(pack.figures)} figures, "
        f"{len(pack.policy_groups)} policy groups ({tasks} tasks), {len(pack.bodies)} bodies ({duties} duties), "
        f"{len(pack.limitations)} limitations, {len(pack.systems)} systems, {len(pack.achievements)} achievements"
    )


@catalog_app.command("check")
def check(
    path: PackArg = None,
    seeds: SeedsOpt = None,
    no_quotes: Annotated[bool, typer.Option("--no-quotes", help="Skip the verbatim-quote check.")] = False,
) -> None:
    """Validate a content pack: YAML, schema, unique ids, references, target rules and verbatim quotes.

    Prints every problem as ``file:line: location: message`` and exits 1, or prints ``OK: …``.
    """
    seeds_dir = seeds or (None if no_quotes else find_seeds_dir())
    pack = _load_or_exit(path, seeds=seeds_dir, quotes=not no_quotes)
    typer.echo(f"OK: {summary(pack)}")
    if no_quotes:
        typer.echo("quotes: not checked (--no-quotes)")
    elif seeds_dir is None:
        typer.echo("quotes: all verbatim in the pack's own source texts")
    else:
        typer.echo(f"quotes: all verbatim in the seed texts of {seeds_dir}")
    typer.echo(f"hash: {pack_hash(pack)}")


def _fmt_num(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}"


def _table(pack: ContentPack, kind: Kind) -> Table:
    if kind is Kind.targets:
        t = Table(title="Mục tiêu (targets)", show_lines=False)
        for col in ("id", "văn bản", "loại", "chỉ số", "so sánh", "giá trị", "đơn vị", "hạn", "nhóm", "trích dẫn"):
            t.add_column(col)
        for x in pack.targets:
            t.add_row(
                x.id,
                f"{x.doc} §{x.section}",
                x.kind.value,
                x.indicator or "—",
                x.comparator.value,
                _fmt_num(x.value),
                x.unit or "—",
                str(x.deadline) if x.deadline else "—",
                x.peer_group or "—",
                x.quote_vi,
            )
    elif kind is Kind.indicators:
        t = Table(title="Chỉ số (indicators)")
        for col in ("mã", "tên", "đơn vị", "hướng", "tổng hợp", "tần suất"):
            t.add_column(col)
        for i in pack.indicators:
            agg = i.aggregation.kind.value + (
                f"({i.aggregation.weight_indicator})" if i.aggregation.weight_indicator else ""
            )
            t.add_row(i.code, i.name_vi, i.unit, i.direction.value, agg, i.frequency)
    elif kind is Kind.figures:
        t = Table(title="Số liệu Kết luận báo cáo (figures)")
        for col in ("id", "chỉ số", "giá trị", "đơn vị", "kỳ", "trích dẫn"):
            t.add_column(col)
        for f in pack.figures:
            value = _fmt_num(f.value) + (f"/{_fmt_num(f.of_total)}" if f.of_total is not None else "")
            if f.qualifier.value != "exact":
                value = f"{f.qualifier.value} {value}"
            t.add_row(f.id, f.indicator, value, f.unit, f.period, f.quote_vi)
    elif kind is Kind.groups:
        t = Table(title="Nhóm chính sách (policy groups)")
        for col in ("id", "văn bản", "tên nhóm", "số nhiệm vụ"):
            t.add_column(col)
        for g in pack.policy_groups:
            t.add_row(g.id, f"{g.doc} §{g.section}", g.title_vi, str(len(g.tasks)))
    elif kind is Kind.tasks:
        t = Table(title="Nhiệm vụ (tasks)")
        for col in ("id", "nhiệm vụ", "cơ quan", "hệ thống", "mục tiêu"):
            t.add_column(col)
        for g in pack.policy_groups:
            for task in g.tasks:
                t.add_row(
                    task.id, task.quote_vi, ", ".join(task.bodies), ", ".join(task.systems), ", ".join(task.targets)
                )
    elif kind is Kind.bodies:
        t = Table(title="Cơ quan và trách nhiệm (bodies, duties)")
        for col in ("id", "tên", "văn bản", "trách nhiệm", "loại", "báo cáo"):
            t.add_column(col)
        for b in pack.bodies:
            if not b.duties:
                t.add_row(b.id, b.name_vi, "—", "—", "—", "—")
            for k, d in enumerate(b.duties):
                t.add_row(
                    b.id if k == 0 else "",
                    b.name_vi if k == 0 else "",
                    f"{d.doc} §{d.section}",
                    d.quote_vi,
                    ", ".join(x.value for x in d.kinds),
                    ", ".join(d.reports_to) or "—",
                )
    elif kind is Kind.systems:
        t = Table(title="Hệ thống, nền tảng, cơ sở dữ liệu (systems)")
        for col in ("id", "tên", "loại", "nhắc tới", "chỉ số"):
            t.add_column(col)
        for s in pack.systems:
            mentions = ", ".join(f"{m.doc} §{m.section}" for m in s.mentions)
            t.add_row(s.id, s.name_vi, s.kind, mentions, ", ".join(s.indicators) or "—")
    elif kind is Kind.limitations:
        t = Table(title="Hạn chế và nguyên nhân (limitations, causes)")
        for col in ("id", "văn bản", "loại", "nội dung", "mục tiêu liên quan"):
            t.add_column(col)
        for lim in pack.limitations:
            label = {"limitation": "hạn chế", "cause": "nguyên nhân"}[lim.kind]
            t.add_row(lim.id, f"{lim.doc} §{lim.section}", label, lim.quote_vi, ", ".join(lim.targets) or "—")
    else:
        t = Table(title="Kết quả đạt được (achievements)")
        for col in ("id", "văn bản", "nội dung"):
            t.add_column(col)
        for a in pack.achievements:
            t.add_row(a.id, f"{a.doc} §{a.section}", a.quote_vi)
    t.columns[0].no_wrap = True  # ids stay whole; long quotes wrap
    return t


@catalog_app.command("show")
def show(
    kind: Annotated[Kind, typer.Option("--kind", "-k", help="What to list.")] = Kind.targets,
    pack_path: PackOpt = None,
) -> None:
    """List the pack's targets, indicators, figures, groups, tasks, bodies, systems, limitations or achievements."""
    pack = _load_or_exit(pack_path)
    Console(highlight=False).print(_table(pack, kind))


@catalog_app.command("export")
def export(
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.json,
    pack_path: PackOpt = None,
) -> None:
    """Print the whole pack to stdout as JSON (the stable interface) or YAML."""
    pack = _load_or_exit(pack_path)
    data = export_json(pack)
    if fmt is Format.json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when available: much faster
        typer.echo(yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=110), nl=False)


def register(app: typer.Typer) -> None:
    """Add the ``catalog`` command group to the main app."""
    app.add_typer(catalog_app, name="catalog")
