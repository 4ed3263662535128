"""The bundled vn-nq52 content pack: it loads, and it encodes what the seed documents state."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dxtrack.catalog import default_pack_path, load_pack
from dxtrack.domain.catalog import Comparator, ContentPack, TargetKind


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    return load_pack()


def test_default_pack_is_a_folder_of_yaml_files() -> None:
    path = default_pack_path()
    names = {p.name for p in path.glob("*.yaml")}
    assert {
        "pack.yaml",
        "indicators.yaml",
        "targets.yaml",
        "figures.yaml",
        "policy_groups.yaml",
        "bodies.yaml",
        "limitations.yaml",
        "systems.yaml",
    } <= names


def test_documents_and_peer_groups(pack: ContentPack) -> None:
    docs = {d.id: d for d in pack.documents}
    assert set(docs) == {"000", "001"}
    assert str(docs["000"].published_on) == "2019-09-27" and str(docs["000"].issued_on) == "2019-09-27"
    assert str(docs["001"].published_on) == "2024-06-30" and docs["001"].issued_on is None
    assert docs["001"].status == "draft" and "Sau 5 năm thực hiện" in (docs["001"].date_note or "")
    peers = {g.id: g for g in pack.peer_groups}
    assert peers["ASEAN"].members == ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"]
    assert peers["WORLD"].members is None
    assert "TLS" in (peers["ASEAN"].note or "")


# (id, kind, indicator, comparator, value, deadline, peer_group, window)
QUANTIFIED = [
    ("R52.2025.gii_asean_top3", "rank", "GII_RANK", "rank_within", 3, 2025, "ASEAN", None),
    ("R52.2025.broadband_communes", "threshold", "BROADBAND_COMMUNE_SHARE", ">=", 100, 2025, None, None),
    ("R52.2025.digital_economy_20", "threshold", "DE_SHARE_GDP", "about", 20, 2025, None, None),
    ("R52.2025.labour_productivity_growth", "growth", "LP_GROWTH", ">", 7, 2025, None, (2021, 2025)),
    ("R52.2025.egov_asean_top4", "rank", "EGDI_RANK", "rank_within", 4, 2025, "ASEAN", None),
    ("R52.2025.smart_cities_3", "threshold", "SMART_CITIES_KEY_REGIONS", ">=", 3, 2025, None, None),
    ("R52.2030.gii_world_top40", "rank", "GII_RANK", "rank_within", 40, 2030, "WORLD", None),
    ("R52.2030.digital_economy_30", "threshold", "DE_SHARE_GDP", ">", 30, 2030, None, None),
    ("R52.2030.labour_productivity_growth", "growth", "LP_GROWTH", "about", 7.5, 2030, None, (2026, 2030)),
    ("KL.5g_99pct_population", "threshold", "MOBILE_5G_POP_COVERAGE", ">=", 99, None, None, None),
]


@pytest.mark.parametrize(("tid", "kind", "indicator", "comparator", "value", "deadline", "peer", "window"), QUANTIFIED)
def test_quantified_targets(
    pack: ContentPack,
    tid: str,
    kind: str,
    indicator: str,
    comparator: str,
    value: float,
    deadline: int | None,
    peer: str | None,
    window: tuple[int, int] | None,
) -> None:
    t = pack.target(tid)
    assert (t.kind.value, t.indicator, t.comparator.value, t.value) == (kind, indicator, comparator, value)
    assert (t.deadline, t.peer_group, t.window) == (deadline, peer, window)
    assert t.unit
    pack.indicator(indicator)  # exists


def test_every_quantified_target_is_listed(pack: ContentPack) -> None:
    quantified = {t.id for t in pack.targets if t.kind is not TargetKind.milestone}
    assert quantified == {q[0] for q in QUANTIFIED}


def test_milestones(pack: ContentPack) -> None:
    milestones = {t.id for t in pack.targets if t.kind is TargetKind.milestone}
    assert {
        "R52.general",
        "R52.2045.vision",
        "R52.2025.digital_infra_asean_advanced",
        "R52.2025.dx_party_state_bodies",
        "R52.2030.5g_nationwide",
        "R52.2030.broadband_low_cost",
        "R52.2030.digital_government",
        "R52.2030.smart_city_chains",
        "KL.no_dead_zones",
        "KL.inclusive_no_one_left_behind",
        "KL.basic_digital_skills_for_all",
    } <= milestones
    for t in pack.targets:
        if t.kind is TargetKind.milestone:
            assert t.comparator is Comparator.qualitative and t.value is None
    assert pack.target("R52.general").horizon == "general"
    assert pack.target("R52.2045.vision").horizon == "2045"
    assert pack.target("KL.5g_99pct_population").note and "no deadline" in pack.target("KL.5g_99pct_population").note


def test_targets_have_doc_section_gloss(pack: ContentPack) -> None:
    for t in pack.targets:
        assert t.quote_vi.strip() and t.gloss_en.strip() and t.section
        assert t.doc == ("000" if t.id.startswith("R52.") else "001")


# (figure id, indicator, value, unit fragment, period)
FIGURES = [
    ("KL.F.de_share_2020_2023", "DE_SHARE_GDP", 12.62, "% of GDP", "2020-2023"),
    ("KL.F.portal_accounts", "PORTAL_ACCOUNTS", 16.4, "million", "2024"),
    ("KL.F.e2e_online_services", "E2E_ONLINE_SERVICES", 4500, "services", "2024"),
    ("KL.F.admin_procedures_provided", "ADMIN_PROCEDURES_PROVIDED_SHARE", 71.8, "%", "2024"),
    ("KL.F.project06_essential_services", "PROJECT06_ESSENTIAL_SERVICES", 43, "services", "2024"),
    ("KL.F.online_l34_portal_share", "ONLINE_SERVICES_L34_PORTAL_SHARE", 37, "%", "2024"),
    ("KL.F.doc_axis_cumulative", "DOC_AXIS_DOCS_CUMULATIVE", 28.2, "million", "2024"),
    ("KL.F.doc_axis_monthly", "DOC_AXIS_DOCS_MONTHLY", 700, "thousand", "2024"),
    ("KL.F.smart_city_plans", "SMART_CITY_PLANS_APPROVED", 37, "provinces", "2024"),
    ("KL.F.ioc_provincial", "IOC_PROVINCIAL_LOCALITIES", 43, "localities", "2024"),
    ("KL.F.ioc_urban", "IOC_URBAN_LOCALITIES", 26, "localities", "2024"),
    ("KL.F.gii_asean_4th", "GII_RANK_ASEAN", 4, "rank", "2024"),
    ("KL.F.gii_world_top50", "GII_WORLD_TOP50", 1, "yes", "2024"),
    ("KL.F.fibre_communes", "FIBRE_COMMUNE_SHARE", 100, "%", "2024"),
    ("KL.F.4g_population", "MOBILE_4G_POP_COVERAGE", 99.85, "% of population", "2024"),
    ("KL.F.fixed_bb_speed_world_2023", "FIXED_BB_SPEED_RANK_WORLD", 41, "rank", "2023"),
    ("KL.F.fixed_bb_speed_sea_2023", "FIXED_BB_SPEED_RANK_SEA", 4, "rank", "2023"),
    ("KL.F.ict_revenue_2023", "ICT_INDUSTRY_REVENUE", 142, "billion USD", "2023"),
    ("KL.F.ict_revenue_change_2020_2023", "ICT_INDUSTRY_REVENUE_CHANGE_VS_2020", 18.3, "%", "2023"),
    ("KL.F.ecommerce_2020", "ECOMMERCE_REVENUE", 11.8, "billion USD", "2020"),
    ("KL.F.ecommerce_2023", "ECOMMERCE_REVENUE", 20.5, "billion USD", "2023"),
]


@pytest.mark.parametrize(("fid", "indicator", "value", "unit", "period"), FIGURES)
def test_figures(pack: ContentPack, fid: str, indicator: str, value: float, unit: str, period: str) -> None:
    fig = next(f for f in pack.figures if f.id == fid)
    assert (fig.indicator, fig.value, fig.period, fig.doc) == (indicator, value, period, "001")
    assert unit in fig.unit and fig.unit == pack.indicator(indicator).unit


def test_figure_details(pack: ContentPack) -> None:
    figs = {f.id: f for f in pack.figures}
    assert {f[0] for f in FIGURES} == set(figs)
    assert figs["KL.F.project06_essential_services"].of_total == 53
    assert figs["KL.F.smart_city_plans"].of_total == 51
    assert "63" in (figs["KL.F.smart_city_plans"].note or "")
    assert "online" in (figs["KL.F.admin_procedures_provided"].note or "")
    assert "GSO" in (figs["KL.F.de_share_2020_2023"].note or "")
    assert figs["KL.F.e2e_online_services"].qualifier.value == "more_than"
    assert figs["KL.F.ict_revenue_2023"].qualifier.value == "estimate"
    for f in pack.figures:
        assert f.period_basis == ("review_date" if f.period == "2024" else "stated")


def test_policy_groups(pack: ContentPack) -> None:
    ids = [g.id for g in pack.policy_groups]
    assert ids == [f"R52.III.{i}" for i in range(1, 9)] + [f"KL.{i}" for i in range(1, 8)]
    for g in pack.policy_groups:
        assert len(g.tasks) >= 3, g.id
        assert all(t.id.startswith(g.id + ".") for t in g.tasks)
    tasks = {t.id: t for g in pack.policy_groups for t in g.tasks}
    assert "NATIONAL_DX_COMMITTEE" in tasks["KL.1.11"].bodies
    assert {"VFF", "COMMUNITY_DIGITAL_TEAMS"} <= set(tasks["KL.1.12"].bodies)
    assert "DATA_EXCHANGES" in tasks["KL.5.6"].systems
    assert "KL.5g_99pct_population" in tasks["KL.3.9"].targets


def test_bodies_and_duties(pack: ContentPack) -> None:
    bodies = {b.id: b for b in pack.bodies}
    assert {
        "CENTRAL_PARTY_ORGANISATIONS",
        "NA_PARTY_DELEGATION",
        "GOV_PARTY_COMMITTEE",
        "VFF",
        "CENTRAL_PROPAGANDA_COMMISSION",
        "CENTRAL_ECONOMIC_COMMISSION",
        "POLITBURO",
        "SECRETARIAT",
        "NATIONAL_DX_COMMITTEE",
        "DT_STEERING_COMMITTEES",
        "HEADS",
        "COMMUNITY_DIGITAL_TEAMS",
    } <= set(bodies)
    cec = bodies["CENTRAL_ECONOMIC_COMMISSION"].duties
    assert {d.doc for d in cec if d.reports_to == ["POLITBURO", "SECRETARIAT"]} == {"000", "001"}
    assert {k.value for k in cec[0].kinds} >= {"monitor", "supervise", "inspect", "review", "report"}
    prop = bodies["CENTRAL_PROPAGANDA_COMMISSION"].duties[0]
    assert prop.with_bodies == ["CENTRAL_ECONOMIC_COMMISSION"] and prop.section == "IV.5"
    sections = {(d.doc, d.section) for b in pack.bodies for d in b.duties}
    assert {("000", f"IV.{i}") for i in range(1, 7)} <= sections
    assert ("001", "8") in sections
    heads = bodies["HEADS"].duties
    assert any("tiêu chí đánh giá" in d.quote_vi for d in heads)


def test_limitations(pack: ContentPack) -> None:
    lims = {x.id: x for x in pack.limitations}
    challenging = lims["KL.LIM.targets_very_challenging"]
    assert {"R52.2025.labour_productivity_growth", "R52.2025.digital_economy_20"} <= set(challenging.targets)
    assert {"R52.2025.gii_asean_top3", "R52.2030.gii_world_top40"} <= set(lims["KL.LIM.innovation_quality"].targets)
    assert {x.doc for x in pack.limitations} == {"000", "001"}
    assert {x.kind for x in pack.limitations} == {"limitation", "cause"}
    assert sum(1 for x in pack.limitations if x.doc == "001") >= 20


def test_systems(pack: ContentPack) -> None:
    systems = {s.id: s for s in pack.systems}
    for sid, ind in [
        ("NATIONAL_PUBLIC_SERVICE_PORTAL", "PORTAL_ACCOUNTS"),
        ("NATIONAL_DOCUMENT_AXIS", "DOC_AXIS_DOCS_CUMULATIVE"),
        ("IOC_CENTRES", "IOC_PROVINCIAL_LOCALITIES"),
        ("MOBILE_5G_NETWORK", "MOBILE_5G_POP_COVERAGE"),
        ("MOBILE_4G_NETWORK", "MOBILE_4G_POP_COVERAGE"),
        ("BROADBAND_NETWORK", "FIBRE_COMMUNE_SHARE"),
        ("DIGITAL_ECONOMY_MEASUREMENT", "DE_SHARE_GDP"),
    ]:
        assert ind in systems[sid].indicators
    for sid in (
        "DB_POPULATION",
        "ANTI_FRAUD_DATABASE",
        "DATA_EXCHANGES",
        "NETWORK_TRUST_ECOSYSTEM",
        "NIC",
        "HYPERSCALE_DATA_CENTRES",
        "OPEN_LEARNING_NETWORK",
        "NATIONAL_DIGITAL_ID_FRAMEWORK",
        "NATIONAL_DIGITAL_PAYMENT_INFRASTRUCTURE",
    ):
        assert sid in systems
    for s in pack.systems:
        assert s.indicators or s.note, f"{s.id}: no indicator and no note saying why"


def test_achievements(pack: ContentPack) -> None:
    ach = {a.id: a for a in pack.achievements}
    assert ach["KL.A.national_dx_committee"].bodies == ["NATIONAL_DX_COMMITTEE"]
    assert ach["KL.A.community_digital_teams"].bodies == ["COMMUNITY_DIGITAL_TEAMS"]
    assert "KL.A.fastest_de_growth_sea" in ach


def test_indicator_rules(pack: ContentPack) -> None:
    for ind in pack.indicators:
        if "RANK" in ind.code:  # a rank is never averaged: not combined, or ranked again from its score
            assert ind.direction.value == "lower_better", ind.code
            assert ind.aggregation.kind.value in ("none", "rank"), ind.code
    assert pack.indicator("PDTI").aggregation.kind.value == "mean"
    assert pack.indicator("PDTI_RANK").aggregation.model_dump(exclude_none=True) == {"kind": "rank", "of": "PDTI"}
    density = pack.indicator("POP_DENSITY").aggregation
    assert (density.kind.value, density.weight_indicator) == ("harmonic_mean", "POP_AVG")
    assert pack.indicator("POP_AVG").aggregation.kind.value == "sum"
    assert pack.indicator("DE_SHARE_GDP_MIC").unit == pack.indicator("DE_SHARE_GDP").unit
    required = {
        "EGDI_RANK", "EGDI", "EPART", "OSI", "HCI", "TII", "GII_RANK", "GII_SCORE", "GII_P1_INSTITUTIONS",
        "GII_P7_CREATIVE_OUTPUTS", "DE_SHARE_GDP", "DE_CORE_SHARE_GDP", "DE_DIGITALISED_SHARE_GDP",
        "DE_SHARE_GDP_MIC", "POP_AVG", "POP_DENSITY", "POP_URBAN", "POP_RURAL", "PDTI", "PDTI_RANK",
        "PDTI_MEAN_63", "DTI_NATIONAL", "DTI_AWARENESS", "DTI_INSTITUTIONS", "DTI_INFRASTRUCTURE",
        "DTI_HUMAN_RESOURCES", "DTI_CYBERSECURITY", "DTI_DIGITAL_GOV_ACTIVITY", "DTI_DIGITAL_ECON_ACTIVITY",
        "DTI_DIGITAL_SOC_ACTIVITY",
    }  # fmt: skip
    assert required <= {i.code for i in pack.indicators}


def test_every_code_of_the_bundled_data_is_registered(pack: ContentPack, data_dir: Path) -> None:
    """The importer uses data codes as-is (bar its few aliases), so each must be in the registry, spelled exactly."""
    codes: set[str] = set()
    for path in data_dir.rglob("*.csv"):
        if "peers" in path.parts:
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            if reader.fieldnames and "indicator" in reader.fieldnames:
                codes |= {row["indicator"] for row in reader}
    assert len(codes) > 40
    from dxtrack.ingest.bundled import INDICATOR_ALIASES  # codes the loader renames (5G_POP_COVERAGE)

    missing = {INDICATOR_ALIASES.get(c, c) for c in codes} - {i.code for i in pack.indicators}
    assert not missing, f"data codes not in the registry: {sorted(missing)}"
