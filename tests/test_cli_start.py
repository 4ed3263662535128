"""The CLI starts light: a command imports only the libraries it uses (``dxtrack --help`` no pandas, no SciPy).

Each command runs in a fresh interpreter that writes the names of every imported module when it exits; the
test checks which heavy libraries are among them. Behaviour, not timing (timings: bench/cli_start.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Annotated

import pytest
import typer

# Run `dxtrack ARGS…` as the console script does, and record sys.modules at exit (also after sys.exit).
RUNNER = """
import atexit, json, sys
out = sys.argv.pop(1)
atexit.register(lambda: open(out, "w").write(json.dumps(sorted(sys.modules))))
sys.argv[0] = "dxtrack"
from dxtrack.cli import run
run()
"""

HEAVY = {"scipy", "statsmodels", "matplotlib", "weasyprint", "pandas"}
# what --help and --version must not touch either: the database layer, numpy, the web and report stacks
NOT_FOR_HELP = HEAVY | {"numpy", "sqlalchemy", "alembic", "fastapi", "uvicorn", "docx", "jinja2"}


def run_dxtrack(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> tuple[set[str], str, str, int]:
    """Top-level package names imported by ``dxtrack ARGS``, its stdout, stderr and exit code."""
    out = tmp_path / "modules.json"
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER, str(out), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    modules = {name.split(".")[0] for name in json.loads(out.read_text())}
    return modules, proc.stdout, proc.stderr, proc.returncode


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--version"], ["catalog", "--help"], ["assess", "--help"], ["index", "coinr", "--help"]],
    ids=" ".join,
)
def test_help_and_version_import_no_heavy_library(tmp_path: Path, args: list[str]) -> None:
    modules, stdout, stderr, code = run_dxtrack(tmp_path, *args)
    assert code == 0, stderr
    assert stdout.strip()
    assert modules & NOT_FOR_HELP == set()


@pytest.mark.parametrize(
    "args",
    [
        ["catalog", "packs"],
        ["catalog", "check", "--no-quotes"],
        ["catalog", "export"],
        ["--pack", "vn-nq52", "catalog", "show"],
    ],
    ids=" ".join,
)
def test_catalog_commands_need_no_data_stack(tmp_path: Path, args: list[str]) -> None:
    modules, _, stderr, code = run_dxtrack(tmp_path, *args)
    assert code == 0, stderr
    assert modules & (HEAVY | {"sqlalchemy", "alembic", "numpy"}) == set()


def test_unknown_pack_is_refused_before_anything_heavy(tmp_path: Path) -> None:
    modules, _, stderr, code = run_dxtrack(tmp_path, "--pack", "no-such-pack", "status")
    assert code == 1
    assert modules & (HEAVY | {"sqlalchemy"}) == set()
    assert "unknown content pack 'no-such-pack'; available packs: " in stderr


def test_index_coinr_needs_pandas_only(tmp_path: Path, data_dir: Path) -> None:
    asem = data_dir / "peers" / "coinr_asem"
    if not (asem / "ASEM_iData.csv").is_file():
        pytest.skip("COINr ASEM example not in the data folder")
    args = ["index", "coinr", "--idata", str(asem / "ASEM_iData.csv"), "--imeta", str(asem / "ASEM_iMeta.csv")]
    modules, stdout, stderr, code = run_dxtrack(tmp_path, *args)
    assert code == 0, stderr
    assert len(json.loads(stdout)["units"]) == 51  # the index was built: ASEM's 51 countries
    assert "pandas" in modules  # the command did run the pipeline
    assert modules & {"scipy", "statsmodels", "matplotlib", "weasyprint", "sqlalchemy", "alembic", "fastapi"} == set()


def test_version_is_the_package_metadata(tmp_path: Path) -> None:
    expected = f"dxtrack {version('dxtrack')}\n"
    assert run_dxtrack(tmp_path, "--version")[1] == expected
    # the same through Typer, when another global option comes first
    _, stdout, stderr, code = run_dxtrack(tmp_path, "--db", "sqlite:///unused.db", "--version")
    assert code == 0, stderr
    assert stdout == expected
    assert not (tmp_path / "unused.db").exists()


def test_import_needs_no_migration_or_loader_stack(tmp_path: Path) -> None:
    """A one-row import into a database at the current schema: no Alembic (the revision is read from the
    migration files), no loaders' libraries (pycountry, Babel), no analysis, report or web stack."""
    from dxtrack.services import store as svc
    from tests.ingest_catalogue import install

    url = f"sqlite:///{tmp_path / 'one.db'}"
    engine = svc.open_store(url)
    install(engine)
    engine.dispose()
    one = tmp_path / "one.csv"
    one.write_text("indicator,area,period,value\nY_COUNT,VNM,2020,7\n", encoding="utf-8")
    args = ["--db", url, "import", str(one), "--source", "Bench", "--published-on", "2024-01-01"]
    modules, stdout, stderr, code = run_dxtrack(tmp_path, *args)
    assert code == 0, stderr
    assert "1 observations written, 0 already known" in stdout
    assert "sqlalchemy" in modules  # the import did reach the database
    unused = {"alembic", "pycountry", "babel", "scipy", "statsmodels", "matplotlib", "fastapi", "jinja2", "docx"}
    assert modules & (unused | {"pydantic"}) == set()  # its options are text, a path and flags: no Pydantic
    # of the command modules, only the one registering `import` (not the other commands' or what they import)
    names = json.loads((tmp_path / "modules.json").read_text())
    commands = {name for name in names if name.startswith("dxtrack.cli.")} - {
        "dxtrack.cli.main",
        "dxtrack.cli.plain_params",
    }
    assert commands == {"dxtrack.cli.data", "dxtrack.cli.common", "dxtrack.cli.context", "dxtrack.cli.version"}


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["--db", "sqlite:///x.db", "import", "f.csv"], "import"),
        (["--db=sqlite:///x.db", "--pack", "vn-nq57", "index", "coinr"], "index"),
        (["--pack=vn-nq52", "status"], "status"),
        (["--help"], None),
        (["--db", "sqlite:///x.db"], None),
        ([], None),
    ],
)
def test_the_invoked_command_is_read_after_the_global_options(argv: list[str], name: str | None) -> None:
    from dxtrack.cli.main import invoked_name

    assert invoked_name(argv) == name


def test_each_command_is_registered_by_the_module_named_for_it() -> None:
    from dxtrack.cli.main import MODULE_OF, MODULES, new_app

    for module in MODULES:
        app = new_app([module])
        registered = [c.name for c in app.registered_commands] + [g.name for g in app.registered_groups]
        assert sorted(registered) == sorted(name for name, owner in MODULE_OF.items() if owner == module), module


def test_only_the_invoked_command_is_built(tmp_path: Path) -> None:
    from dxtrack.cli.main import app, app_for

    slim = app_for(["--db", "sqlite:///x.db", "import", "f.csv"])
    assert [c.name for c in slim.registered_commands] == ["import"] and slim.registered_groups == []
    assert [g.name for g in app_for(["catalog", "packs"]).registered_groups] == ["catalog"]
    assert app_for(["--help"]) is app and app_for(["no-such-command"]) is app
    assert len(app.registered_commands) > 1  # the full app is left whole
    _, _, stderr, code = run_dxtrack(tmp_path, "no-such-command")
    assert code == 2 and "No such command 'no-such-command'" in stderr


def test_plain_parameters_keep_typer_checks(tmp_path: Path) -> None:
    """Text, flags and paths skip Pydantic (dxtrack.cli.plain_params), with Typer's path checks kept; other types
    are still coerced by Typer."""
    from typer.testing import CliRunner

    from dxtrack.cli import plain_params

    plain_params.install()
    app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)

    @app.command()
    def show(
        given: Annotated[Path, typer.Argument(exists=True, dir_okay=False)],
        name: Annotated[str | None, typer.Option()] = None,
        count: Annotated[int, typer.Option()] = 1,
        loud: Annotated[bool, typer.Option(envvar="SHOW_LOUD")] = False,
    ) -> None:
        print(repr(given), repr(name), repr(count), repr(loud))

    here = tmp_path / "here.csv"
    here.write_text("x", encoding="utf-8")
    run = CliRunner().invoke
    assert run(app, [str(here), "--name", "Hà Nội", "--count", "3"]).output == (f"{here!r} 'Hà Nội' 3 False\n")
    assert run(app, [str(here)], env={"SHOW_LOUD": "yes"}).output == f"{here!r} None 1 True\n"
    missing = run(app, [str(tmp_path / "missing.csv")])
    assert missing.exit_code == 2 and "does not exist" in missing.output
    folder = run(app, [str(tmp_path)])
    assert folder.exit_code == 2 and "is a directory" in folder.output
    wrong = run(app, [str(here), "--count", "three"])
    assert wrong.exit_code == 2 and "valid integer" in wrong.output
