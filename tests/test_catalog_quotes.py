"""Every quote of the bundled pack is verbatim in the source text of its document (the pack's texts/ folder).

Only whitespace is normalised (the seeds break sentences across blank lines and page breaks); spelling
variants such as uỷ/ủy or hoá/hóa are NOT normalised, so quotes must copy the seed exactly.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from dxtrack.catalog import check_quotes, default_pack_path, find_seeds_dir, load_pack
from dxtrack.catalog.checks import quoted_items
from dxtrack.domain.catalog import ContentPack


@pytest.fixture(scope="module")
def seeds() -> Path:
    """The pack's own texts; used as the DXTRACK_SEEDS_DIR-style override folder (same file names)."""
    return default_pack_path() / "texts"


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    return load_pack(check_seeds=False)


def _texts(pack: ContentPack, seeds: Path) -> dict[str, str]:
    return {d.id: re.sub(r"\s+", " ", (seeds / Path(d.file).name).read_text(encoding="utf-8")) for d in pack.documents}


def test_check_quotes_finds_nothing(pack: ContentPack, seeds: Path) -> None:
    assert check_quotes(pack, seeds) == []
    assert check_quotes(pack, pack_dir=default_pack_path()) == []  # the default: the pack's own texts


def test_quotes_are_read_from_the_pack_folder_by_default(tmp_path: Path) -> None:
    """A wrong text inside the pack folder is what the loader checks against (no ../shared involved)."""
    import shutil

    folder = tmp_path / "vn-nq52"
    shutil.copytree(default_pack_path(), folder)
    text = folder / "texts" / "000_9ee9ace8e6506f14.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("Kinh tế số chiếm khoảng 20% GDP", "x"), "utf-8")
    from dxtrack.catalog import CatalogError

    with pytest.raises(CatalogError) as info:
        load_pack(folder)
    assert [p.location for p in info.value.problems] == ["targets[4].quote_vi"]


def test_every_quote_verbatim_independent_check(pack: ContentPack, seeds: Path) -> None:
    """Independent of check_quotes: walk every quoted object kind and search the raw seed text."""
    texts = _texts(pack, seeds)
    quotes: list[tuple[str, str, str]] = []
    quotes += [(f"target {t.id}", t.doc, t.quote_vi) for t in pack.targets]
    quotes += [(f"figure {f.id}", f.doc, f.quote_vi) for f in pack.figures]
    quotes += [(f"task {t.id}", g.doc, t.quote_vi) for g in pack.policy_groups for t in g.tasks]
    quotes += [(f"group {g.id}", g.doc, g.title_vi) for g in pack.policy_groups]
    quotes += [(f"duty of {b.id}", d.doc, d.quote_vi) for b in pack.bodies for d in b.duties]
    quotes += [(f"limitation {x.id}", x.doc, x.quote_vi) for x in pack.limitations]
    quotes += [(f"system {s.id}", s.mentions[0].doc, s.quote_vi) for s in pack.systems]
    quotes += [(f"achievement {a.id}", a.doc, a.quote_vi) for a in pack.achievements]
    assert len(quotes) == len(list(quoted_items(pack))) > 300
    missing = [what for what, doc, q in quotes if re.sub(r"\s+", " ", q).strip() not in texts[doc]]
    assert not missing, f"not verbatim: {missing}"


def test_quotes_across_page_breaks_are_found(pack: ContentPack, seeds: Path) -> None:
    """A quote spanning a blank line / page break of the seed matches after whitespace normalisation."""
    raw = (seeds / "001_3e65571cbd40cfde.txt").read_text(encoding="utf-8")
    assert "tốc độ truy\n\ncập mạng" in raw
    fig = next(f for f in pack.figures if f.id == "KL.F.fixed_bb_speed_world_2023")
    assert fig.quote_vi.startswith("tốc độ truy cập") and check_quotes(pack, seeds) == []


def test_spelling_variants_are_not_normalised(pack: ContentPack, seeds: Path) -> None:
    body = next(b for b in pack.bodies if b.id == "NATIONAL_DX_COMMITTEE")
    duty = body.duties[0]
    assert "Ủy ban" in duty.quote_vi
    variant = duty.model_copy(update={"quote_vi": duty.quote_vi.replace("Ủy ban", "Uỷ ban")})
    broken = pack.model_copy(update={"bodies": [body.model_copy(update={"duties": [variant]})]})
    problems = check_quotes(broken, seeds)
    assert [p.location for p in problems] == ["bodies[0].duties[0].quote_vi"]


def test_wrong_document_is_reported(pack: ContentPack, seeds: Path) -> None:
    target = pack.target("KL.5g_99pct_population")
    moved = target.model_copy(update={"doc": "000"})
    broken = pack.model_copy(update={"targets": [moved]})
    (problem,) = check_quotes(broken, seeds)
    assert problem.location == "targets[0].quote_vi" and "document 000" in problem.message


def test_no_seeds_folder_skips_with_a_warning(pack: ContentPack, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="dxtrack.catalog.checks"):
        assert check_quotes(pack, None) == []
    assert "quotes were not checked" in caplog.text


def test_seeds_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DXTRACK_SEEDS_DIR", str(tmp_path))
    assert find_seeds_dir() == tmp_path
    monkeypatch.setenv("DXTRACK_SEEDS_DIR", str(tmp_path / "absent"))
    assert find_seeds_dir() is None
    # a pack still loads without seeds (quotes skipped), it does not fail
    assert load_pack().id == "vn-nq52"


def _leftover(text: str, quotes: list[str]) -> list[str]:
    for q in sorted(quotes, key=len, reverse=True):
        text = text.replace(re.sub(r"\s+", " ", q).strip(), "¤")
    return [c.strip(" ;.,:-*#") for c in text.split("¤") if len(c.strip(" ;.,:-*#")) > 40]


def _all_quotes(pack: ContentPack, doc: str) -> list[str]:
    return [q for _, d, q in quoted_items(pack) if d == doc]


def test_resolution_sections_ii_to_iv_are_fully_encoded(pack: ContentPack, seeds: Path) -> None:
    """Every clause of the objectives (II.2-II.3), policies (III) and organisation (IV) is quoted somewhere."""
    text = _texts(pack, seeds)["000"]
    part = text[text.index("## 2. Mục tiêu") : text.index("**T/M BỘ CHÍNH TRỊ")]
    left = [c for c in _leftover(part, _all_quotes(pack, "000")) if not c.startswith("III- MỘT SỐ CHỦ TRƯỞNG")]
    assert not left, left


def test_conclusion_is_fully_encoded(pack: ContentPack, seeds: Path) -> None:
    """Every clause of the Conclusion from its results to point 8 is quoted (bar linking phrases)."""
    text = _texts(pack, seeds)["001"]
    part = text[text.index("Sau 5 năm thực hiện") : text.index("Nơi nhận:")]
    allowed = (
        "Sau 5 năm thực hiện",
        "Tuy nhiên, việc thực hiện",
        "những bất cập, hạn chế",
        "Trước xu thế",
        "đồng thời",
    )
    left = [c for c in _leftover(part, _all_quotes(pack, "001")) if not c.startswith(allowed)]
    assert not left, left
