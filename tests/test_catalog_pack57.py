"""The bundled vn-nq57 pack encodes Resolution 57-NQ/TW, Resolution 03/NQ-CP and its two annexes.

Expected values are read off the texts in vn-nq57/texts/ by hand (task numbers, cells, counts).
"""

from __future__ import annotations

import pytest

from dxtrack.catalog import load_pack
from dxtrack.catalog.checks import quoted_items, source_text
from dxtrack.catalog.loader import pack_path
from dxtrack.domain.catalog import ContentPack, TargetKind


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    return load_pack("vn-nq57")


def test_documents_labels_horizons(pack: ContentPack) -> None:
    docs = {d.id: d for d in pack.documents}
    assert [str(docs[i].issued_on) for i in ("000", "001", "002", "003")] == ["2024-12-22"] + ["2025-01-09"] * 3
    assert all(d.status == "adopted" for d in pack.documents)
    assert (docs["000"].short_vi, docs["001"].short_vi) == ("Nghị quyết 57-NQ/TW", "Nghị quyết 03/NQ-CP")
    assert pack.labels.report_title_vi == (
        "việc thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, "
        "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"
    )
    assert [h.id for h in pack.horizons] == ["2030", "2045"]
    assert {t.horizon for t in pack.targets} == {"2030", "2045"}
    assert pack.peer_group("SEA").members is not None and len(pack.peer_group("SEA").members or []) == 11
    assert pack.peer_group("WORLD").members is None


def test_task_groups_and_counts(pack: ContentPack) -> None:
    # Annex II numbers the tasks 1-140 under groups I-VII: I 1-13, II 14-42, III 43-76, IV 77-88, V 89-116,
    # VI 117-131, VII 132-140
    assert [g.id for g in pack.policy_groups] == [f"CP.{r}" for r in ("I", "II", "III", "IV", "V", "VI", "VII")]
    assert [len(g.tasks) for g in pack.policy_groups] == [13, 29, 34, 12, 28, 15, 9]
    tasks = [t for g in pack.policy_groups for t in g.tasks]
    assert [t.id for t in tasks] == [f"CP.{n}" for n in range(1, 141)]
    assert all(g.doc == "003" for g in pack.policy_groups)


def test_every_task_has_a_known_lead_body(pack: ContentPack) -> None:
    bodies = {b.id for b in pack.bodies}
    for g in pack.policy_groups:
        for t in g.tasks:
            assert t.leads and set(t.leads) <= bodies, t.id
            assert set(t.cooperating) <= bodies and not set(t.cooperating) & set(t.leads), t.id
            assert t.leads_vi and t.bodies == t.leads + t.cooperating


# (task, leads, cooperating, product, deadline, deadline as written) — the Annex II rows
TASKS = [
    ("CP.1", ["MOST"], ["CENTRAL_PROPAGANDA_COMMISSION", "MINISTRIES", "LOCALITIES", "VTV", "VOV", "VNA"],
     "Quyết định của Thủ tướng Chính phủ", "2025-06", "6/2025"),
    ("CP.2", ["VTV", "VOV", "VNA", "LOCALITIES"], ["MOST"], "Chương trình", "continuing", "Thường xuyên"),
    ("CP.16", ["MOST"], ["MINISTRIES", "LOCALITIES"], "Luật của Quốc hội", "2025-10", "Tháng 10/2025"),
    ("CP.47", ["MOST"], ["MOF", "MINISTRIES"], "Quyết định của Thủ tướng Chính phủ", "2025/2026", "2025 - 2026"),
    ("CP.49", ["MOF"], ["MOST", "MINISTRIES", "LOCALITIES"],
     "Nghị quyết của Quốc hội, Quyết định của Thủ tướng Chính phủ", "annual", "Hằng năm"),
    ("CP.75", ["MPS"], [], "Quyết định của Thủ tướng Chính phủ", "2025-03", "3/2025"),
    ("CP.114", ["MPS", "MOF", "MOIT", "MOST"], ["SBV"], None, "2025/..", "2025 và những năm tiếp theo"),
    ("CP.123", ["MOST"], [], "Quyết định của Thủ tướng Chính phủ", "2025-Q2", "Quý II/2025"),
]  # fmt: skip


@pytest.mark.parametrize(("tid", "leads", "coop", "product", "deadline", "deadline_vi"), TASKS)
def test_task_cells(
    pack: ContentPack,
    tid: str,
    leads: list[str],
    coop: list[str],
    product: str | None,
    deadline: str,
    deadline_vi: str,
) -> None:
    task = next(t for g in pack.policy_groups for t in g.tasks if t.id == tid)
    assert (task.leads, task.cooperating, task.product_vi) == (leads, coop, product)
    assert (task.deadline, task.deadline_vi) == (deadline, deadline_vi)


def test_tasks_name_the_targets_they_plainly_serve(pack: ContentPack) -> None:
    tasks = {t.id: t for g in pack.policy_groups for t in g.tasks}
    assert tasks["CP.123"].targets == ["R57.2030.digital_firms_advanced_5", "A1.2030.digital_firms_advanced_5"]
    assert tasks["CP.66"].targets == ["R57.2030.5g_nationwide", "A1.2030.5g_99pct_population"]
    assert sum(1 for t in tasks.values() if t.targets) == 18


def test_deadlines_typed(pack: ContentPack) -> None:
    tasks = {t.id: t for g in pack.policy_groups for t in g.tasks}
    assert tasks["CP.14"].deadline == 2025 and isinstance(tasks["CP.14"].deadline, int)
    kinds = [t.deadline for t in tasks.values()]
    assert sum(1 for d in kinds if d == "continuing") == 13  # 'Thường xuyên' 12 + 'Nhiệm vụ thường xuyên' 1
    assert sum(1 for d in kinds if d == "annual") == 3
    assert sum(1 for d in kinds if d is None) == 1


def test_merged_ministries_carry_their_2025_names(pack: ContentPack) -> None:
    most = pack.body("MOST")
    assert most.name_vi == "Bộ Khoa học và Công nghệ" and "Bộ Thông tin và Truyền thông" in most.names_in_text
    assert pack.body("MOF").names_in_text == ["Bộ Kế hoạch và Đầu tư"]
    assert pack.body("MAE").name_vi == "Bộ Nông nghiệp và Môi trường"
    # Annex I gives the digital-economy indicator to "Bộ Thông tin và Truyền thông", TFP to "Bộ Kế hoạch và Đầu tư"
    assert pack.target("A1.2030.digital_economy_30").monitored_by == ["MOST"]
    assert pack.target("A1.2030.tfp_55").monitored_by == ["MOF"]
    assert pack.target("A1.2030.national_data_centres_3").monitored_by == ["MPS", "MOST", "MINISTRIES"]


def test_annex_one(pack: ContentPack) -> None:
    annex = [t for t in pack.targets if t.doc == "002"]
    # 41 numbered items + 16 sub-items (11.1-11.12, 23.1-23.4) = 57 rows; item 11 is a heading: 56 indicators,
    # 58 targets because items 4 and 5 each set a Southeast Asia and a world rank
    assert len({t.section for t in annex}) == 56 and len(annex) == 58
    assert sum(1 for t in annex if t.horizon == "2045") == 6
    assert all(t.monitored_by for t in annex)
    de = pack.target("A1.2030.digital_economy_30")
    assert de.quote_vi == "Quy mô kinh tế số % GDP ≥ 30"
    assert (de.indicator, de.comparator.value, de.value) == ("DE_SHARE_GDP", ">=", 30)
    assert pack.target("A1.2030.egov_sea_top3").peer_group == "SEA"
    assert pack.target("A1.2030.egov_world_top50").value == 50
    assert pack.target("A1.2045.gii_world_top30").indicator == "GII_RANK"


def test_resolution_targets(pack: ContentPack) -> None:
    r57 = [t for t in pack.targets if t.doc == "000"]
    assert {t.section for t in r57} == {"II.1", "II.2"}
    assert len(r57) == 42 and sum(1 for t in r57 if t.kind is not TargetKind.milestone) == 26
    assert pack.target("R57.2045.digital_economy_50").value == 50
    assert pack.target("R57.2030.rd_2pct").quote_vi == "Kinh phí chi cho nghiên cứu phát triển (R&D) đạt 2% GDP"
    for t in r57:  # each objective points to its Annex I restatement, and back
        for other in t.related_targets:
            assert t.id in pack.target(other).related_targets, (t.id, other)


def test_shared_indicators_are_the_same_measure(pack: ContentPack) -> None:
    nq52 = load_pack("vn-nq52", check_seeds=False)
    shared = {i.code for i in pack.indicators} & {i.code for i in nq52.indicators}
    assert {"DE_SHARE_GDP", "GII_RANK", "EGDI_RANK", "MOBILE_5G_POP_COVERAGE", "GB.XPD.RSDV.GD.ZS"} <= shared
    for code in shared:
        assert pack.indicator(code) == nq52.indicator(code), code


def test_implementation_duties(pack: ContentPack) -> None:
    sections = {(d.doc, d.section) for b in pack.bodies for d in b.duties}
    assert {("000", f"IV.{i}") for i in range(1, 7)} <= sections
    assert {("001", f"III.{i}") for i in range(1, 7)} <= sections
    office = pack.body("CENTRAL_PARTY_OFFICE").duties[0]
    assert office.section == "IV.6" and office.every_months == 6
    assert office.reports_to == ["CENTRAL_STEERING_COMMITTEE", "POLITBURO"]
    assert office.with_bodies == ["CENTRAL_ECONOMIC_COMMISSION"]
    heads = next(d for d in pack.body("LOCALITIES").duties if d.section == "III.3")
    assert heads.every_months == 6 and heads.reports_to == ["MOST"]


def _leftover(text: str, quotes: list[str]) -> list[str]:
    """The stretches of ``text`` longer than 40 characters that no quote covers."""
    for q in sorted(quotes, key=len, reverse=True):
        text = text.replace(" ".join(q.split()), "¤")
    return [c.strip(" ;.,:-") for c in text.split("¤") if len(c.strip(" ;.,:-")) > 40]


def test_resolution_sections_ii_and_iv_are_fully_encoded(pack: ContentPack) -> None:
    """Every objective (II) and every implementation duty (IV) of Resolution 57 is quoted by some entry."""
    text = source_text(pack_path("vn-nq57") / pack.document("000").file)
    objectives = text[text.index("II- MỤC TIÊU") : text.index("III- NHIỆM VỤ, GIẢI PHÁP")]
    duties = text[text.index("IV- TỔ CHỨC THỰC HIỆN") : text.index("Nghị quyết này phổ biến đến chi bộ")]
    quotes = [q for _, doc, q in quoted_items(pack) if doc == "000"]
    assert _leftover(objectives, quotes) == [] and _leftover(duties, quotes) == []


def test_programme_section_iii_is_fully_encoded(pack: ContentPack) -> None:
    text = source_text(pack_path("vn-nq57") / pack.document("001").file)
    part = text[text.index("III. TỔ CHỨC THỰC HIỆN") :]
    quotes = [q for _, doc, q in quoted_items(pack) if doc == "001"]
    left = [c for c in _leftover(part, quotes) if not c.startswith("III. TỔ CHỨC THỰC HIỆN 1. Trên cơ sở")]
    assert left == []
