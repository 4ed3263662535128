"""Broken packs: every problem is reported with file, line and key path, all at once; nothing loads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dxtrack.catalog import CatalogError, Problem, default_pack_path, load_pack, validate_pack
from dxtrack.errors import DxtrackError

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = FIXTURES / "packs-with-problems"
TINY = FIXTURES / "packs" / "valid-tiny"

# fixture -> (file, line, location, message fragment)
EXPECTED = {
    "bad-yaml-syntax": ("targets.yaml", 23, "", "YAML syntax error"),
    "unknown-key": ("targets.yaml", 13, "targets[0].deadlne", "unknown key 'deadlne'"),
    "missing-field": ("indicators.yaml", 11, "indicators[1].definition_en", "required key 'definition_en'"),
    "dangling-indicator": ("targets.yaml", 22, "targets[1].indicator", "unknown indicator 'DE_SHARE_GDPX'"),
    "duplicate-id": ("targets.yaml", 15, "targets[1].id", "duplicate target id 'R52.2025.gii_asean_top3'"),
    "wrong-quote": ("targets.yaml", 20, "targets[1].quote_vi", "not found verbatim"),
}


@pytest.fixture(scope="module")
def seeds() -> Path:
    """The fixture packs quote the Resolution 52 text bundled in the vn-nq52 pack."""
    return default_pack_path() / "texts"


def test_every_fixture_is_covered() -> None:
    assert {p.name for p in BROKEN.iterdir() if p.is_dir()} == set(EXPECTED)


def test_tiny_pack_is_valid(seeds: Path) -> None:
    pack = load_pack(TINY, seeds_dir=seeds)
    assert [t.id for t in pack.targets] == ["R52.2025.gii_asean_top3", "R52.2025.digital_economy_20"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_pack_reports_file_line_and_key(name: str, seeds: Path) -> None:
    file, line, location, fragment = EXPECTED[name]
    with pytest.raises(CatalogError) as info:
        load_pack(BROKEN / name, seeds_dir=seeds)
    err = info.value
    assert isinstance(err, DxtrackError)
    assert len(err.problems) == 1, err.problems
    (problem,) = err.problems
    assert (problem.file, problem.line, problem.location) == (file, line, location)
    assert fragment in problem.message
    assert str(problem).startswith(f"{file}:{line}: ")
    pack, problems, _ = validate_pack(BROKEN / name, seeds_dir=seeds)
    assert pack is None and problems == err.problems


def test_all_problems_are_collected_together(tmp_path: Path, seeds: Path) -> None:
    pack_dir = tmp_path / "pack"
    shutil.copytree(TINY, pack_dir)
    targets = pack_dir / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    text = text.replace("indicator: DE_SHARE_GDP", "indicator: NOPE")  # dangling reference
    text = text.replace("khoảng 20% GDP", "khoảng 21% GDP")  # wrong quote
    text = text.replace("peer_group: ASEAN", "peer_group: ASEAN9")  # dangling peer group
    targets.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_pack(pack_dir, seeds_dir=seeds)
    found = {(p.location, p.message.split(":")[0]) for p in info.value.problems}
    assert found == {
        ("targets[1].indicator", "unknown indicator 'NOPE'"),
        ("targets[1].quote_vi", "not found verbatim in the text of document 000"),
        ("targets[0].peer_group", "unknown peer group 'ASEAN9'"),
    }
    assert all(p.file == "targets.yaml" and p.line for p in info.value.problems)


def test_schema_errors_in_several_files_are_collected(tmp_path: Path) -> None:
    pack_dir = tmp_path / "pack"
    shutil.copytree(TINY, pack_dir)
    ind = pack_dir / "indicators.yaml"
    ind.write_text(ind.read_text(encoding="utf-8").replace("direction: lower_better", "direction: down"), "utf-8")
    tg = pack_dir / "targets.yaml"
    tg.write_text(tg.read_text(encoding="utf-8").replace("deadline: 2025", "deadline: soon"), "utf-8")
    _, problems, _ = validate_pack(pack_dir, check_seeds=False)
    by_loc = {p.location: p for p in problems}
    assert by_loc["indicators[1].direction"].file == "indicators.yaml"
    assert "higher_better" in by_loc["indicators[1].direction"].message
    assert by_loc["targets[0].deadline"].file == "targets.yaml" and "'soon'" in by_loc["targets[0].deadline"].message
    lines = tg.read_text(encoding="utf-8").splitlines()
    second = [i + 1 for i, line in enumerate(lines) if "deadline: soon" in line][1]
    assert by_loc["targets[1].deadline"].line == second


def test_rule_violations(tmp_path: Path) -> None:
    pack_dir = tmp_path / "pack"
    shutil.copytree(TINY, pack_dir)
    tg = pack_dir / "targets.yaml"
    text = (
        tg.read_text(encoding="utf-8").replace("    peer_group: ASEAN\n", "").replace("tolerance: 1", "tolerance: -1")
    )
    text = text.replace("comparator: about", "comparator: '>='")
    tg.write_text(text, "utf-8")
    _, problems, _ = validate_pack(pack_dir, check_seeds=False)
    messages = {p.location: p.message for p in problems}
    assert "needs a peer_group" in messages["targets[0].peer_group"]
    assert "only to comparator 'about'" in messages["targets[1].tolerance"]


def test_duplicate_yaml_key_and_key_in_two_files(tmp_path: Path) -> None:
    pack_dir = tmp_path / "pack"
    shutil.copytree(TINY, pack_dir)
    (pack_dir / "extra.yaml").write_text("indicators: []\n", encoding="utf-8")
    pk = pack_dir / "pack.yaml"
    pk.write_text(pk.read_text(encoding="utf-8") + 'version: "0.0.2"\n', "utf-8")
    _, problems, _ = validate_pack(pack_dir, check_seeds=False)
    msgs = {(p.file, p.location): p.message for p in problems}
    assert "duplicate key 'version'" in msgs[("pack.yaml", "version")]
    # files are read in name order: extra.yaml claims 'indicators' first
    assert "also given in extra.yaml" in msgs[("indicators.yaml", "indicators")]
    assert sum(1 for p in problems if p.location == "version") == 1


def test_single_file_pack_and_missing_path(tmp_path: Path, seeds: Path) -> None:
    one = tmp_path / "one.yaml"
    one.write_text(
        "".join((TINY / n).read_text(encoding="utf-8") for n in ("pack.yaml", "indicators.yaml", "targets.yaml")),
        encoding="utf-8",
    )
    assert len(load_pack(one, seeds_dir=seeds).targets) == 2
    with pytest.raises(CatalogError) as info:
        load_pack(tmp_path / "absent.yaml")
    assert "file not found" in info.value.problems[0].message


def test_missing_seed_file_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as info:
        load_pack(TINY, seeds_dir=tmp_path)
    (problem,) = info.value.problems
    assert problem.location == "documents[0].file" and problem.file == "pack.yaml"


def test_problem_formatting() -> None:
    assert str(Problem("targets.yaml", "targets[3].deadline", "expected a year", 57)) == (
        "targets.yaml:57: targets[3].deadline: expected a year"
    )
    assert str(Problem("pack.yaml", "", "no line")) == "pack.yaml: no line"
    err = CatalogError([Problem("a.yaml", "x", "bad", 1), Problem("b.yaml", "y", "worse", 2)])
    assert "2 problems" in str(err) and len(err.problems) == 2


def test_syntax_error_and_schema_error_in_other_files_are_both_reported(tmp_path: Path) -> None:
    pack_dir = tmp_path / "pack"
    shutil.copytree(TINY, pack_dir)
    (pack_dir / "targets.yaml").write_text("targets: [\n", encoding="utf-8")
    ind = pack_dir / "indicators.yaml"
    ind.write_text(ind.read_text(encoding="utf-8").replace("direction: lower_better", "direction: down"), "utf-8")
    _, problems, _ = validate_pack(pack_dir, check_seeds=False)
    assert [(p.file, p.location) for p in problems] == [
        ("indicators.yaml", "indicators[1].direction"),
        ("targets.yaml", ""),
    ]
    assert "YAML syntax error" in problems[1].message and problems[1].line == 2


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (None, "required key 'format' is missing: this dxtrack reads content-pack format 2"),
        ("format: 1\n", "unknown content-pack format 1: this dxtrack reads format 2"),
        ("format: '2'\n", "unknown content-pack format '2': this dxtrack reads format 2"),
    ],
)
def test_unknown_or_missing_format_is_refused(tmp_path: Path, line: str | None, message: str) -> None:
    pack_dir = tmp_path / "pack"
    shutil.copytree(TINY, pack_dir)
    meta = pack_dir / "pack.yaml"
    text = meta.read_text(encoding="utf-8").replace("format: 2\n", line or "")
    meta.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_pack(pack_dir, check_seeds=False)
    (problem,) = info.value.problems
    assert problem.file == "pack.yaml" and problem.message.startswith(message)
    assert str(problem).startswith("pack.yaml:1: ")


def test_target_horizon_must_be_one_of_the_pack(tmp_path: Path) -> None:
    pack_dir = tmp_path / "pack"
    shutil.copytree(TINY, pack_dir)
    tg = pack_dir / "targets.yaml"
    tg.write_text(tg.read_text(encoding="utf-8").replace('horizon: "2025"', 'horizon: "2030"', 1), "utf-8")
    _, problems, _ = validate_pack(pack_dir, check_seeds=False)
    assert [(p.file, p.location, p.message) for p in problems] == [
        ("targets.yaml", "targets[0].horizon", "unknown horizon '2030'; the pack's horizons: 2025")
    ]
