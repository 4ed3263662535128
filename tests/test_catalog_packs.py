"""Every bundled content pack: format 2, valid, quotes verbatim in its own texts, links to other packs resolve."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from dxtrack.catalog import CatalogError, load_pack, validate_pack
from dxtrack.catalog.checks import normalise_markdown, quoted_items
from dxtrack.catalog.loader import available_packs, pack_path, packs_dir
from dxtrack.domain.catalog import ContentPack

PACKS = sorted(p.parent.name for p in packs_dir().glob("*/pack.yaml"))


def test_both_packs_are_bundled() -> None:
    assert {"vn-nq52", "vn-nq57"} <= set(PACKS)
    assert available_packs() == PACKS


@pytest.mark.parametrize("pack_id", PACKS)
def test_pack_validates_with_its_own_texts(pack_id: str) -> None:
    pack, problems, _ = validate_pack(pack_id)
    assert problems == [] and pack is not None
    assert pack.id == pack_id and pack.format == 2 and pack.focus_area == "VNM"
    horizons = [h.id for h in pack.horizons]
    assert len(set(horizons)) == len(horizons) and {t.horizon for t in pack.targets} <= set(horizons)
    for h in pack.horizons:
        assert h.label_vi and h.label_en and (h.year is None or str(h.year) == h.id)
    labels = pack.labels
    assert labels.report_title_vi.startswith("việc thực hiện ") and labels.report_title_en.startswith("the ")
    for d in pack.documents:
        assert d.short_vi and d.short_en
        text = (pack_path(pack_id) / d.file).resolve()
        assert text.is_relative_to(pack_path(pack_id).resolve()), f"{d.file} is outside the pack folder"
        assert text.is_file()


def _words_of(path: Path) -> str:
    """An independent reading of a source text: Markdown marks dropped by hand-written rules."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        lines = [ln for ln in raw.splitlines() if not re.fullmatch(r"\s*\|?[\s:|-]*-{3}[\s:|-]*", ln)]
        raw = "\n".join(lines)
        for esc in ("\\-", "\\.", "\\&", "\\*", "\\_", "\\(", "\\)", "\\[", "\\]", "\\#", "\\+", "\\!"):
            raw = raw.replace(esc, esc[1])
        raw = raw.replace("**", "").replace("|", " ")
        raw = re.sub(r"^#+ ", "", raw, flags=re.MULTILINE)
    return " ".join(raw.split())


@pytest.mark.parametrize("pack_id", PACKS)
def test_every_quote_is_verbatim_in_the_pack_texts(pack_id: str) -> None:
    pack = load_pack(pack_id, check_seeds=False)
    texts = {d.id: _words_of(pack_path(pack_id) / d.file) for d in pack.documents}
    items = list(quoted_items(pack))
    assert len(items) > 100
    missing = [loc for loc, doc, quote in items if " ".join(quote.split()) not in texts[doc]]
    assert not missing, missing


def test_markdown_is_normalised_in_the_text_not_in_the_quote() -> None:
    text = (
        "**1\\. Đến năm 2030**\n\n\\- Kinh phí (R\\&D) đạt 2% GDP\n| 10 | Quy mô kinh tế số | % GDP | ≥ 30 |\n|---|---|"
    )
    assert normalise_markdown(text) == "1. Đến năm 2030 - Kinh phí (R&D) đạt 2% GDP 10 Quy mô kinh tế số % GDP ≥ 30"
    assert normalise_markdown("a \\| b \\* c") == "a | b * c"  # escaped bars and stars are text


def test_a_quote_with_markdown_escapes_is_not_found(tmp_path: Path) -> None:
    """Quotes are compared as written: a quote that copies the escape ('R\\&D') does not match."""
    folder = tmp_path / "vn-nq57"
    shutil.copytree(pack_path("vn-nq57"), folder)
    targets = folder / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    escaped = text.replace("(R&D) đạt 2% GDP", "(R\\\\&D) đạt 2% GDP")  # YAML reads the escape \\ as one backslash
    assert escaped != text
    targets.write_text(escaped, encoding="utf-8")
    _, problems, _ = validate_pack(folder)
    assert [p.message.split(":")[0] for p in problems] == ["not found verbatim in the text of document 000"]


def test_load_by_id_and_unknown_id() -> None:
    assert load_pack("vn-nq57").id == "vn-nq57"
    assert load_pack().id == "vn-nq52"
    with pytest.raises(CatalogError) as info:
        load_pack("vn-nq99")
    assert "bundled packs: vn-nq52, vn-nq57" in str(info.value)


# -- links between packs -----------------------------------------------------------------------------------

LINKS = {
    "R57.2030.digital_economy_30": "vn-nq52:R52.2030.digital_economy_30",
    "A1.2030.digital_economy_30": "vn-nq52:R52.2030.digital_economy_30",
    "R57.2030.5g_nationwide": "vn-nq52:R52.2030.5g_nationwide",
    "A1.2030.5g_99pct_population": "vn-nq52:KL.5g_99pct_population",
}


def test_links_to_resolution_52_resolve_with_the_same_indicator() -> None:
    nq52, nq57 = load_pack("vn-nq52"), load_pack("vn-nq57")
    linked = {t.id: ref for t in nq57.targets for ref in t.continues}
    assert linked == LINKS
    for tid, ref in LINKS.items():
        other = nq52.target(ref.split(":")[1])
        assert other.indicator == nq57.target(tid).indicator
    # one digital-economy series is judged against both strategies' 2030 targets
    assert nq52.target("R52.2030.digital_economy_30").indicator == "DE_SHARE_GDP"
    assert nq57.target("R57.2030.digital_economy_30").indicator == "DE_SHARE_GDP"
    assert nq57.target("A1.2030.5g_99pct_population").indicator == "MOBILE_5G_POP_COVERAGE"


def _two_packs(tmp_path: Path) -> Path:
    for pid in ("vn-nq52", "vn-nq57"):
        shutil.copytree(pack_path(pid), tmp_path / pid)
    return tmp_path / "vn-nq57"


def test_a_broken_link_is_reported(tmp_path: Path) -> None:
    folder = _two_packs(tmp_path)
    targets = folder / "targets.yaml"
    text = targets.read_text(encoding="utf-8").replace("vn-nq52:R52.2030.5g_nationwide", "vn-nq52:R52.2030.5g")
    targets.write_text(text, encoding="utf-8")
    _, problems, _ = validate_pack(folder, check_seeds=False)
    assert [(p.file, p.location, p.message) for p in problems] == [
        ("targets.yaml", "targets[27].continues[0]", "unknown target 'R52.2030.5g' in pack 'vn-nq52'")
    ]


def test_a_link_to_a_target_on_another_indicator_is_reported(tmp_path: Path) -> None:
    folder = _two_packs(tmp_path)
    targets = folder / "targets.yaml"
    data = yaml.safe_load(targets.read_text(encoding="utf-8"))
    index = next(i for i, t in enumerate(data["targets"]) if t["id"] == "R57.2030.digital_economy_30")
    text = targets.read_text(encoding="utf-8").replace(
        "vn-nq52:R52.2030.digital_economy_30", "vn-nq52:R52.2025.digital_economy_20", 1
    )
    targets.write_text(text, encoding="utf-8")
    _, problems, _ = validate_pack(folder, check_seeds=False)
    assert problems == []  # same indicator (DE_SHARE_GDP): a valid, if odd, link
    text = text.replace("vn-nq52:R52.2025.digital_economy_20", "vn-nq52:R52.2025.broadband_communes", 1)
    targets.write_text(text, encoding="utf-8")
    _, problems, _ = validate_pack(folder, check_seeds=False)
    assert [p.location for p in problems] == [f"targets[{index}].continues[0]"]
    assert "judged on indicator BROADBAND_COMMUNE_SHARE, this target on DE_SHARE_GDP" in problems[0].message


def test_a_pack_travelling_alone_is_not_held_to_its_links(tmp_path: Path) -> None:
    shutil.copytree(pack_path("vn-nq57"), tmp_path / "vn-nq57")
    pack: ContentPack = load_pack(tmp_path / "vn-nq57")
    assert pack.target("R57.2030.5g_nationwide").continues == ["vn-nq52:R52.2030.5g_nationwide"]


@pytest.fixture(scope="module")
def data_codes(data_dir: Path) -> set[str]:
    """Indicator codes of the bundled data, as the loaders write them (aliases applied, derived codes added)."""
    from dxtrack.ingest.bundled import LOADERS

    return {str(c) for load in LOADERS.values() for c in load(data_dir).frame["indicator"].unique()}


@pytest.mark.parametrize("pack_id", PACKS)
def test_the_bundled_data_load_with_every_pack(pack_id: str, data_codes: set[str]) -> None:
    """A data file is rejected whole if one code is not registered, so each pack registers every code."""
    assert len(data_codes) > 40
    missing = data_codes - {i.code for i in load_pack(pack_id, check_seeds=False).indicators}
    assert not missing, f"{pack_id}: data codes not in the registry: {sorted(missing)}"


LANGUAGE_NEUTRAL_UNITS = {"%", "Tbps"}


@pytest.mark.parametrize("pack_id", PACKS)
def test_every_unit_reads_in_vietnamese(pack_id: str) -> None:
    from dxtrack.present.vocab import unit_text

    pack = load_pack(pack_id, check_seeds=False)
    units = {t.unit for t in pack.targets if t.unit} | {i.unit for i in pack.indicators}
    untranslated = {u for u in units if unit_text(u, "vi") == u} - LANGUAGE_NEUTRAL_UNITS
    assert not untranslated, sorted(untranslated)
