"""``dxtrack catalog check | show | export`` through the main app."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from dxtrack.cli.main import app

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()


def test_check_bundled_pack() -> None:
    result = runner.invoke(app, ["catalog", "check"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK: 27 targets (10 quantified, 17 milestones)")
    assert "indicators" in result.output and "hash: " in result.output
    assert "quotes: all verbatim" in result.output


def test_check_broken_pack_lists_problems_and_exits_1() -> None:
    path = FIXTURES / "packs-with-problems" / "dangling-indicator"
    result = runner.invoke(app, ["catalog", "check", str(path)])
    assert result.exit_code == 1
    assert f"{path / 'targets.yaml'}:22: targets[1].indicator: unknown indicator 'DE_SHARE_GDPX'" in result.output
    assert "1 problem in" in result.output


def test_check_without_quotes() -> None:
    path = FIXTURES / "packs-with-problems" / "wrong-quote"
    result = runner.invoke(app, ["catalog", "check", "--no-quotes", str(path)])
    assert result.exit_code == 0 and "not checked" in result.output


def test_show_kinds() -> None:
    for kind, expect in [
        ("targets", "R52.2025.gii_asean_top3"),
        ("indicators", "DE_SHARE_GDP"),
        ("figures", "KL.F.portal_accounts"),
        ("groups", "R52.III.1"),
        ("tasks", "KL.5.6"),
        ("bodies", "CENTRAL_ECONOMIC_COMMISSION"),
        ("systems", "NATIONAL_PUBLIC_SERVICE_PORTAL"),
        ("limitations", "KL.LIM.data_sharing"),
        ("achievements", "KL.A.national_dx_committee"),
    ]:
        result = runner.invoke(app, ["catalog", "show", "--kind", kind], env={"COLUMNS": "400"})
        assert result.exit_code == 0, result.output
        assert expect in result.output, kind
    result = runner.invoke(app, ["catalog", "show", "--kind", "bodies"], env={"COLUMNS": "400"})
    assert "Ban Kinh tế Trung ương" in result.output


def test_export_json_and_yaml() -> None:
    result = runner.invoke(app, ["catalog", "export", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert {"targets", "figures", "policy_groups", "bodies", "systems"} <= set(data)
    assert "Nghị quyết" in result.output  # ensure_ascii=False: Vietnamese as is
    result_yaml = runner.invoke(app, ["catalog", "export", "--format", "yaml"])
    assert result_yaml.exit_code == 0
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert yaml.load(result_yaml.output, Loader=loader) == data


def test_export_broken_pack_fails() -> None:
    path = FIXTURES / "packs-with-problems" / "duplicate-id"
    result = runner.invoke(app, ["catalog", "export", "--pack", str(path)])
    assert result.exit_code == 1 and "duplicate target id" in result.output
