"""Write the table-derived parts of the vn-nq57 content pack from the Markdown annexes of Resolution 03/NQ-CP.

Run from the repository root: ``python scripts/build_pack_nq57.py``. It (re)writes

- ``policy_groups.yaml``: the 7 groups and 140 tasks of Annex II, each with its lead and co-operating bodies
  (mapped to body ids by the alias table below, the cell text kept in ``leads_vi``/``cooperating_vi``), the
  expected product (verbatim) and the deadline (typed, the cell text kept in ``deadline_vi``);
- the Annex I part of ``targets.yaml`` (everything after the ``# === Annex I`` marker line), one target per
  indicator row with its monitoring body.

The YAML it writes is the source of truth: review and edit it by hand afterwards (running this again overwrites
those two parts). Quotes are the table cells with the Markdown escapes removed, so they are verbatim in the
normalised text the quote check reads. The English glosses are written here by hand.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

PACK = Path("src/dxtrack/resources/catalog/vn-nq57")
ANNEX1 = PACK / "texts" / "nq03-nqcp-2025-phu-luc-1-chi-tieu.md"
ANNEX2 = PACK / "texts" / "nq03-nqcp-2025-phu-luc-2-nhiem-vu.md"
MARKER = "# === Annex I"
DATA = Path("src/dxtrack/resources/data")

# -- bodies: a pattern in an annex cell -> body id (2025 names; see bodies.yaml) ---------------------------
ALIASES: list[tuple[str, str]] = [
    (r"Bộ Khoa học và [Cc]ông nghệ", "MOST"),
    (r"Bộ Thông tin và Truyền thông", "MOST"),
    (r"Bộ Công [Aa]n", "MPS"),
    (r"Bộ Công Thương", "MOIT"),
    (r"Bộ Giao thông vận tải", "MOC"),
    (r"Bộ Xây dựng", "MOC"),
    (r"Bộ Giáo dục và Đào tạo", "MOET"),
    (r"Bộ Lao động - Thương binh và Xã hội", "MOHA"),
    (r"Bộ Nội vụ", "MOHA"),
    (r"Bộ Ngoại giao", "MOFA"),
    (r"Bộ Nông nghiệp và Phát triển nông thôn", "MAE"),
    (r"Bộ Tài nguyên và [Mm]ôi trường", "MAE"),
    (r"Bộ Quốc phòng", "MOD"),
    (r"Bộ Tài chính", "MOF"),
    (r"Bộ Kế hoạch và Đầu tư", "MOF"),
    (r"Bộ Tư pháp", "MOJ"),
    (r"Bộ Văn hóa, Thể thao và Du lịch", "MOCST"),
    (r"Bộ Y tế", "MOH"),
    (r"Ban Tuyên giáo Trung ương", "CENTRAL_PROPAGANDA_COMMISSION"),
    (r"Bảo hiểm Xã hội Việt Nam", "VSS"),
    (r"Ngân hàng [Nn]hà nước(?: Việt Nam)?", "SBV"),
    (r"Văn phòng Chính phủ", "GOV_OFFICE"),
    (r"Thanh tra Chính phủ", "GOV_INSPECTORATE"),
    (r"Tòa án nhân dân tối cao", "SUPREME_COURT"),
    (r"Viện Kiểm sát nhân dân tối cao", "SUPREME_PROCURACY"),
    (r"Viện Hàn lâm Khoa học Xã hội Việt Nam", "VASS"),
    (r"Viện Hàn lâm Khoa học và Công nghệ(?: Việt Nam)?", "VAST"),
    (r"\bVTV\b", "VTV"),
    (r"\bVOV\b", "VOV"),
    (r"\bTTXVN\b", "VNA"),
    (r"Các cơ quan Đảng", "PARTY_AGENCIES"),
    (r"Quốc hội", "NATIONAL_ASSEMBLY"),
    (r"cơ quan đại diện Việt Nam ở nước ngoài", "OVERSEAS_MISSIONS"),
    (r"(?i)\bbộ, ngành", "MINISTRIES"),
    (r"(?i)địa phương|các tỉnh, thành phố|thành phố trực thuộc", "LOCALITIES"),
    (r"(?i)doanh nghiệp|Tập đoàn", "ENTERPRISES"),
]
# words that may stay in a cell once the bodies are taken out (linking words, qualifiers, the provinces named)
_FILLER = re.compile(
    r"(?i)\b(?:các|và|trực thuộc|có liên quan|liên quan|là chủ quản CSDLQG|CSDL chuyên ngành|trung ương|TW|"
    r"một số tỉnh đủ điều kiện|Bắc Ninh|Bình Dương|An Giang|được lựa chọn|công nghệ số)\b"
)


def bodies_in(cell: str) -> list[str]:
    """Body ids named in a cell, in order of first mention; exits if some words match no alias."""
    found: list[tuple[int, str]] = []
    rest = cell
    for pattern, body in ALIASES:
        for m in re.finditer(pattern, cell):
            found.append((m.start(), body))
        rest = re.sub(pattern, " ", rest)
    if re.search(r"\w", _FILLER.sub(" ", rest)):
        sys.exit(f"unmapped body text in cell {cell!r}: {rest!r}")
    out: list[str] = []
    for _, body in sorted(found):
        if body not in out:
            out.append(body)
    return out


# -- deadlines -------------------------------------------------------------------------------------------


def deadline(cell: str) -> int | str | None:
    """The typed deadline of an Annex II cell ('6/2025' -> '2025-06'; 'Thường xuyên' -> 'continuing')."""
    c = cell.strip()
    low = c.lower()
    if not c:
        return None
    if "thường xuyên" in low:
        return "continuing"
    if low == "hằng năm":
        return "annual"
    if m := re.fullmatch(r"(\d{4}) và những năm tiếp theo", c):
        return f"{m.group(1)}/.."
    if m := re.fullmatch(r"(\d{4}) ?- ?(\d{4})", c):
        return f"{m.group(1)}/{m.group(2)}"
    if m := re.fullmatch(r"(?:Tháng )?(\d{1,2})/(\d{4})", c):
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    if m := re.fullmatch(r"Quý (I{1,3}|IV)/(\d{4})", c):
        return f"{m.group(2)}-Q{['I', 'II', 'III', 'IV'].index(m.group(1)) + 1}"
    if re.fullmatch(r"\d{4}", c):
        return int(c)
    sys.exit(f"unknown deadline {c!r}")


# -- Markdown ------------------------------------------------------------------------------------------


def clean(cell: str) -> str:
    """A table cell as a reader sees it: escapes and emphasis removed, whitespace collapsed."""
    cell = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", cell)
    cell = cell.replace("**", "")
    return re.sub(r"\s+", " ", cell).strip()


def table_rows(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("|") and not re.match(r"^\|\s*-{3}", line):
            rows.append([clean(c) for c in line.strip().strip("|").split("|")])
    return rows[1:]  # without the header row


# -- Annex II: groups and tasks ----------------------------------------------------------------------

GROUP_EN = {
    "I": "Raise awareness, make a breakthrough in renewing thinking, set strong political resolve and decisive "
    "leadership, and create new momentum across society for science, technology, innovation and national digital "
    "transformation",
    "II": "Urgently and resolutely perfect institutions; remove every notion and barrier that hinders development; "
    "make institutions a competitive advantage for science, technology, innovation and digital transformation",
    "III": "Step up investment in and complete the infrastructure for science, technology, innovation and national "
    "digital transformation",
    "IV": "Develop and make good use of high-quality human resources and talent for science, technology, innovation "
    "and national digital transformation",
    "V": "Push digital transformation and the use of science, technology and innovation in the agencies of the "
    "political system; improve national governance and state management in every field; ensure defence and security",
    "VI": "Strongly promote science, technology, innovation and digital transformation in enterprises",
    "VII": "Strengthen international co-operation in science, technology, innovation and digital transformation",
}

TASK_EN: dict[int, str] = {
    1: "Draft, submit to the Prime Minister and carry out a regular, wide-reaching programme to publicise Resolution "
    "57-NQ/TW, with varied forms, concrete content and specific goals.",
    2: "Produce dedicated programmes on science, technology, innovation and digital transformation on television, "
    "radio and social networks.",
    3: "Plan and launch a movement of learning on digital platforms ('digital learning') to spread knowledge of "
    "science, technology, innovation and skills.",
    4: "Issue rules on the responsibility of heads of state agencies for leading the science, technology, "
    "innovation and digital-transformation tasks of their agency.",
    5: "Issue a scheme to evaluate how far state agencies, their heads and their staff complete their "
    "digital-transformation tasks.",
    6: "Write digital-transformation and science, technology and innovation tasks into each agency's annual "
    "work programme and plan.",
    7: "Draw up plans to carry out the Government's action programme.",
    8: "Issue guidance that defines and quantifies the new concepts of Resolution 57-NQ/TW.",
    9: "Strive for a suitable share of leaders with science and engineering expertise in every state agency.",
    10: "Prepare the proposal for an amended Law on Cadres and Civil Servants that encourages creativity and "
    "initiative, including for science, technology, innovation and digital transformation.",
    11: "Build a free massive open online course platform for science, technology, innovation and basic digital "
    "skills for people and businesses.",
    12: "Issue and run training programmes for cadres, civil servants and public employees on science, technology "
    "and innovation.",
    13: "Launch a nationwide emulation movement for the digital-transformation revolution and honour scientists, "
    "inventors, businesses and individuals for their contributions.",
    14: "Amend the 2013 Law on Science and Technology and related laws within the draft Law on Science, Technology "
    "and Innovation (removing obstacles, simplifying procedures, mobilising investment), including amendments to "
    "the laws on public employees, anti-corruption, enterprises, intellectual property, public investment, "
    "procurement, public assets, prices, auctions, entry and residence of foreigners, and labour.",
    15: "Draft Law on Atomic Energy (amended).",
    16: "Draft Law amending the Law on Product and Goods Quality.",
    17: "Finalise the Law amending the Law on Standards and Technical Regulations for adoption at the 9th session "
    "of the National Assembly.",
    18: "Amend the State Budget Law so that budgeting and settlement of science and technology tasks follow their "
    "specific nature and international practice.",
    19: "Review the tax laws (corporate and personal income tax, VAT, import-export duties) to encourage business "
    "investment in science, technology, innovation, digital transformation and training; study exempting science "
    "and technology organisations and autonomous public universities from corporate income tax.",
    20: "Amend the Law on Government Organisation and the Law on Local Government Organisation for unified state "
    "management of science, technology, innovation and digital transformation.",
    21: "Add policies that remove bottlenecks and finalise the Law on Digital Technology Industry for the National "
    "Assembly.",
    22: "Draft the Law on Teachers, amending related provisions of the Education Law and the Higher Education Law.",
    23: "Study and propose amendments to the law on cipher work to meet digital-transformation needs (data centres, "
    "cloud computing, artificial intelligence).",
    24: "Draft a National Assembly resolution on special mechanisms for investment and public procurement of digital "
    "products and services to speed up national digital transformation in 2025-2030.",
    25: "Draft a pilot (sandbox) scheme for businesses to test new technologies under state supervision, with "
    "liability exemption for losses from objective causes.",
    26: "Draft the Government decrees guiding the Law on Science, Technology and Innovation (eleven decrees listed).",
    27: "Draft a decree on setting up and running venture capital funds for innovative start-ups, technology "
    "incubation and digital transformation.",
    28: "Build mechanisms and policies and attract resources to develop human resources for innovation and key "
    "fields such as semiconductors and artificial intelligence.",
    29: "Draft the legal documents detailing and guiding the Law on Data.",
    30: "Build a mechanism letting state-owned enterprises assess the overall efficiency of investment, to promote "
    "innovation in enterprises.",
    31: "Draft a decree on foreigners managing, teaching, researching and exchanging in Vietnamese education "
    "institutions.",
    32: "Amend Decree 109/2022/NĐ-CP on science and technology activities in higher education institutions.",
    33: "Draft a decree on scholarships for students of basic sciences, key engineering fields and strategic "
    "technologies.",
    34: "Amend Decree 80/2020/NĐ-CP on non-ODA foreign grants, decentralising to science and technology "
    "organisations and public universities.",
    35: "Amend Decrees 79/2021/NĐ-CP and 97/2018/NĐ-CP on on-lending of ODA and concessional loans, lowering the "
    "on-lending ratio for science and technology organisations and autonomous public universities.",
    36: "Issue rules on special mechanisms to research, access and buy technology secrets and learn advanced foreign "
    "technologies.",
    37: "Review legislation to remove bottlenecks to science, technology, innovation and digital transformation in "
    "time.",
    38: "Build and complete the legal framework for every sector's activity in the digital environment.",
    39: "Complete the cost norms and unit prices for digital transformation and for national and sectoral "
    "databases, as the basis of budgets for the national data strategy.",
    40: "Adjust internal procedures to the Law on E-Transactions; accept electronic documents on the e-ID account "
    "instead of paper; cut dossier components once data are digitised.",
    41: "Draft a scheme for research, testing, production, procurement and public-private co-operation on dual-use "
    "products for the security industry, and data resources for science, technology, innovation and digital "
    "transformation.",
    42: "Scheme to mobilise telecommunications and shared digital infrastructure for defence and security.",
    43: "Draft the National Programme for strategic technology and industry, including a scheme for national key "
    "research and testing centres and laboratories.",
    44: "Draw up the list of strategic technologies.",
    45: "Draft and submit the establishment of the Strategic Industry Development Investment Fund.",
    46: "Develop a network connecting innovation and start-up centres, focused on strategic technologies and "
    "digital transformation.",
    47: "Scheme to invest in the capacity of public research and development organisations.",
    48: "Draft schemes for policy sandboxes for research, development, application and transfer of strategic "
    "technologies.",
    49: "Allocate at least 15% of the state budget for science and technology to research on strategic technologies.",
    50: "Issue public-private partnership mechanisms for strategic-technology research and development, new "
    "digital infrastructure, services and data, and digital-skills training.",
    51: "Review, issue and carry out strategies for research, use and exploitation of marine, underground and outer "
    "space.",
    52: "Carry out the strategies and schemes for energy infrastructure, energy security and mineral resources for "
    "science, technology, innovation and strategic industries.",
    53: "Manage and use the country's mineral resources, especially rare earths, effectively for science, "
    "technology and innovation.",
    54: "Build mechanisms to support organisations, individuals and businesses investing in laboratories and "
    "research and development centres.",
    55: "Apply artificial intelligence based on big data in important sectors.",
    56: "Review current rules so that investment and tax incentives exist for buying digital products and services.",
    57: "Draw up the list of, and plan for, national and shared sectoral and regional digital platforms.",
    58: "Deploy the national and shared digital platforms on that list so that sectors work uniformly and "
    "interoperably in the digital environment.",
    59: "Build a mechanism allowing the state budget to fund national and regional digital platforms shared by many "
    "agencies.",
    60: "Draft the digital economy and digital society programme.",
    61: "Issue the list of public-private partnership programmes and projects for digital infrastructure.",
    62: "Draft and issue the digital infrastructure development plan.",
    63: "Draft a pilot scheme of digital twins for some large centrally-run cities.",
    64: "Draft and carry out smart-city schemes.",
    65: "Draft and carry out a scheme to apply the Internet of Things in sectors such as production, trade, energy "
    "management, smart agriculture, transport and health.",
    66: "Plan and deploy 5G and IoT infrastructure in industrial parks and clusters.",
    67: "Amend the national power development plan to supply green, clean power with back-up for data centres.",
    68: "Draft a green-energy programme for international data centres in Viet Nam.",
    69: "Complete the National Data Centre and put it into service for national digital transformation.",
    70: "Complete and put into use 114 national and sectoral databases, synchronised to the National Data Centre to "
    "build the national aggregate database.",
    71: "Complete and use the national databases and the shared databases listed by ministries, sectors and "
    "localities.",
    72: "Complete data connection and sharing; carry out open-data initiatives.",
    73: "Upgrade IT infrastructure to the requirements of documents 1552/BTTTT-TTH and 708/BTTTT-CATTT; connect the "
    "ministerial and provincial administrative-procedure systems with the National Population Database "
    "(Decree 107/2021/NĐ-CP).",
    74: "Issue and apply data strategies, standards and technical regulations in every sector.",
    75: "Advise the Government on setting up the National Data Committee.",
    76: "Secure the resources to move ministries', sectors' and localities' IT systems to the National Data Centre.",
    77: "Draft a scheme to develop and use talent and high-quality human resources, especially leading experts, "
    "under the national strategy for attracting talent to 2030, vision 2050.",
    78: "Review and ensure special policies to attract, recruit, pay and use digital-transformation staff in state "
    "agencies.",
    79: "Scheme to review the plan of public science and technology organisations and to reorganise those that "
    "perform poorly, linking research, application and training.",
    80: "Build a mechanism letting scientists of public science and technology organisations found, run or join "
    "technology development in enterprises at home and abroad.",
    81: "Scheme to reorganise research institutes in universities and universities in research institutes, with "
    "joint staffing.",
    82: "Scheme to develop universities into strong research actors linking research, application and training.",
    83: "Scheme to invest in and upgrade the Vietnam Academy of Science and Technology, the Vietnam Academy of Social "
    "Sciences and national key research and innovation institutions.",
    84: "Scheme to transfer multi-disciplinary higher education institutions to the management of the Ministry of "
    "Education and Training.",
    85: "Draft a decree on tuition fees, fee exemptions, study-cost support and prices of education services "
    "(replacing Decrees 87/2021/NĐ-CP and 97/2023/NĐ-CP).",
    86: "Draft the higher-education strategy framework.",
    87: "Amend or replace Decision 37/2018/QĐ-TTg on standards and procedures for the titles of professor and "
    "associate professor.",
    88: "Amend or replace Decisions 157/2007/QĐ-TTg and 05/2022/QĐ-TTg on credit for pupils and students.",
    89: "Draft the digital government development programme.",
    90: "Issue rules ensuring interconnection, consistency and state secrecy in the digital transformation of the "
    "whole political system.",
    91: "Design, issue and deploy the model of intelligent monitoring and operations centres.",
    92: "Plan to improve full-process online public services, offer new personalised data-based digital services "
    "and services independent of administrative boundaries.",
    93: "Plan support for businesses developing new digital applications and services under public-private "
    "partnerships (PPP).",
    94: "Draft a programme to cut licences in ministries, sectors and localities and hand some licensing to "
    "businesses and social organisations in 2025-2030.",
    95: "Draft a resolution on comprehensive renewal of administrative procedures and public services independent of "
    "administrative boundaries.",
    96: "Plan for every citizen to have a digital identity, digital means, digital skills and a digital account.",
    97: "Plan and deploy basic support and protection of people in cyberspace, building digital trust.",
    98: "Draft the rules of community digital culture and a code of conduct in cyberspace.",
    99: "Draft and carry out the digital-transformation scheme for culture.",
    100: "Build digital platforms to monitor and collect natural-resource and environment data.",
    101: "Draft and carry out the digital-transformation scheme for building, managing and using transport "
    "infrastructure.",
    102: "Build and deploy AI applications to analyse and warn of natural disasters, respond to climate change and "
    "protect the environment.",
    103: "Build national platforms and products for network safety and security.",
    104: "Draft a scheme to strengthen the national forces for network safety and security.",
    105: "Draft a scheme to develop high-quality human resources for network information security.",
    106: "Draft a scheme to detect and stop cyber attacks, cyber espionage, hostile subversion and cyber crime early.",
    107: "Draft a scheme on science, technology, innovation and digital transformation for automated command and "
    "modernisation of the army.",
    108: "Complete the digital-transformation tasks linked to Project 06 (eleven items, from vessel and location "
    "identification to e-commerce tax compliance).",
    109: "Guide e-commerce service providers to use electronic identification and authentication in e-commerce "
    "transactions.",
    110: "Build tools to monitor that health facilities share electronic health-book data, referral and "
    "re-examination papers and test results, and use the health book on VNeID.",
    111: "Carry out the digital-transformation scheme of Bạch Mai and Chợ Rẫy hospitals and the provinces Bắc Ninh, "
    "Bình Dương and An Giang, and replicate it nationwide in 2025.",
    112: "Ask public digital-signature providers to offer preferential signatures to health facilities and staff and "
    "free signatures to patients.",
    113: "Build the indicator set and information system for the Government's and Prime Minister's direction on the "
    "National Data Centre's infrastructure.",
    114: "Step up data connection and sharing for e-commerce, tax management, business registration and e-invoices.",
    115: "Localities digitise data and use it to cut administrative procedures independently of sectors, focusing on "
    "justice, education, health and land.",
    116: "Scheme for a breakthrough in science, technology and the security industry and mastery of strategic "
    "technologies to modernise the People's Public Security.",
    117: "Build a data innovation centre within the National Data Centre.",
    118: "Draft and carry out a digital-transformation scheme for enterprises, especially SMEs, co-operatives and "
    "household businesses.",
    119: "Draft a scheme to form large domestic strategic-technology enterprises for digital infrastructure, digital "
    "human resources, data, strategic technology and cyber security.",
    120: "Draw up criteria to assess the digital-transformation level of enterprises.",
    121: "Draft and carry out programmes supporting the digital transformation of enterprises, especially SMEs, "
    "household businesses and co-operatives.",
    122: "Draft and issue a scheme supporting digital-technology enterprises to go global.",
    123: "Draw up criteria identifying digital-technology enterprises on a par with advanced countries.",
    124: "Publish the list of the country's major science, technology, innovation and digital-transformation "
    "problems for Vietnamese digital-technology enterprises to solve.",
    125: "Build a mechanism to commission digital-technology enterprises for key digital-transformation tasks.",
    126: "Draw up and publish the list of key digital-transformation tasks and commission digital-technology "
    "enterprises to carry them out.",
    127: "Develop digital-technology / IT industrial parks under the information and communications infrastructure "
    "plan 2021-2030, vision 2050.",
    128: "Draw up criteria to assess the efficiency of investment in national digital transformation, with an online "
    "tool and periodic published assessments.",
    129: "Draft a programme to promote consumption in the digital environment: products online, digital skills, "
    "utilities for transactions, digital trust.",
    130: "Draft and issue a programme for smart production and digital transformation in key sectors such as "
    "agriculture, industry, trade, finance, education, health, transport, construction, logistics and tourism.",
    131: "Regularly review and build mechanisms to attract the world's leading technology firms to set up "
    "headquarters, invest in research and produce in Viet Nam, with R&D centres spending 1-3% of revenue.",
    132: "Draft a scheme for Viet Nam to take part actively in international standardisation bodies, with experts in "
    "their leadership and technical committees.",
    133: "Draft a programme or plan for technology diplomacy to attract external resources, support economic security "
    "and technological self-reliance.",
    134: "Set up partnership frameworks with science, technology, innovation and digital transformation at their "
    "core, including with leading technology groups.",
    135: "Promote research on and sharing of international models and experience in science, technology, innovation "
    "and digital transformation.",
    136: "Build a database of Vietnamese experts and intellectuals abroad and develop networks of experts and "
    "scientists at home and abroad.",
    137: "Issue rules on setting up digital-technology policy research units in enterprises to bring advanced foreign "
    "digital technology into the country.",
    138: "Set up digital-technology policy research units and transfer advanced foreign digital technology into the "
    "country.",
    139: "Build and promote the national innovation brand.",
    140: "Take an active part in shaping frameworks, rules and governance of science, technology, innovation and "
    "digital transformation in multilateral co-operation; study joining new co-operation initiatives.",
}


# the targets a task plainly serves (the report shows their status beside the task); most tasks serve the
# objectives as a whole and name none
TASK_TARGETS: dict[int, list[str]] = {
    49: ["R57.2030.sti_budget_3pct"],
    60: ["R57.2030.digital_economy_30", "A1.2030.digital_economy_30"],
    62: ["R57.2030.digital_infra_advanced", "A1.2030.digital_infra_advanced"],
    64: ["R57.2030.smart_cities", "A1.2030.smart_cities_6"],
    66: ["R57.2030.5g_nationwide", "A1.2030.5g_99pct_population"],
    69: ["A1.2030.national_data_centres_3"],
    70: ["R57.2030.databases_connected", "A1.2030.national_databases_100"],
    71: ["R57.2030.databases_connected", "A1.2030.national_databases_100"],
    89: ["R57.2030.egov_sea_top3", "R57.2030.egov_world_top50"],
    92: ["A1.2030.e2e_online_services_90", "A1.2030.boundary_free_procedures_70"],
    94: ["A1.2030.licence_procedures_cut_30"],
    95: ["A1.2030.boundary_free_procedures_70"],
    103: ["R57.2030.cybersecurity_leading"],
    104: ["R57.2030.cybersecurity_leading"],
    110: ["A1.2030.e_health_records_95"],
    118: ["R57.2030.innovative_firms_40", "A1.2030.innovative_firms_40"],
    123: ["R57.2030.digital_firms_advanced_5", "A1.2030.digital_firms_advanced_5"],
    131: ["R57.2030.leading_tech_firms_3", "A1.2030.leading_tech_firms_3"],
}


def build_groups() -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    for row in table_rows(ANNEX2):
        num, name, lead, coop, product, due = row
        num = num.strip(". ")
        if re.fullmatch(r"[IVX]+", num):
            groups.append(
                {
                    "id": f"CP.{num}",
                    "doc": "003",
                    "section": num,
                    "title_vi": name,
                    "title_en": GROUP_EN[num],
                    "tasks": [],
                }
            )
            continue
        n = int(num)
        leads = bodies_in(lead)
        coop_ids = [b for b in bodies_in(coop) if b not in leads]
        task: dict[str, Any] = {"id": f"CP.{n}", "quote_vi": name, "gloss_en": TASK_EN[n]}
        task["leads"] = leads
        task["leads_vi"] = lead
        if coop_ids:
            task["cooperating"] = coop_ids
        if coop:
            task["cooperating_vi"] = coop
        task["bodies"] = leads + coop_ids
        if product:
            task["product_vi"] = product
        if n in TASK_TARGETS:
            task["targets"] = TASK_TARGETS[n]
        task["deadline"] = deadline(due)
        if due:
            task["deadline_vi"] = due
        groups[-1]["tasks"].append(task)
    return groups


# -- Annex I: indicator rows -> targets --------------------------------------------------------------------
# item -> list of (id suffix, kind, indicator, comparator, value, unit, peer_group, gloss_en, extra fields)
T = tuple[str, str, str | None, str, float | None, str | None, str | None, str, dict[str, Any]]
ANNEX1_TARGETS: dict[str, list[T]] = {
    "1": [
        (
            "sti_potential",
            "milestone",
            None,
            "qualitative",
            None,
            None,
            None,
            "Science, technology and innovation potential and level: advanced in many important fields, among the "
            "leaders of upper-middle-income countries.",
            {"evidence_indicators": ["GII_RANK", "GII_SCORE"]},
        )
    ],
    "2": [
        (
            "enterprise_tech_capacity",
            "milestone",
            None,
            "qualitative",
            None,
            None,
            None,
            "Enterprises' technology and innovation capacity above the world average.",
            {},
        )
    ],
    "3": [
        (
            "sti_fields_international",
            "milestone",
            None,
            "qualitative",
            None,
            None,
            None,
            "Some fields of science and technology at international level.",
            {},
        )
    ],
    "4": [
        (
            "digital_competitiveness_sea_top3",
            "rank",
            "WDCR_RANK",
            "rank_within",
            3,
            "rank within Southeast Asia (1=best)",
            "SEA",
            "Digital competitiveness ranking: top 3 in Southeast Asia.",
            {},
        ),
        (
            "digital_competitiveness_world_top50",
            "rank",
            "WDCR_RANK",
            "rank_within",
            50,
            "rank (1=best)",
            "WORLD",
            "Digital competitiveness ranking: top 50 in the world.",
            {},
        ),
    ],
    "5": [
        (
            "egov_sea_top3",
            "rank",
            "EGDI_RANK",
            "rank_within",
            3,
            "rank within Southeast Asia (1=best)",
            "SEA",
            "E-government / digital government development ranking: top 3 in Southeast Asia.",
            {},
        ),
        (
            "egov_world_top50",
            "rank",
            "EGDI_RANK",
            "rank_within",
            50,
            "rank (1=best)",
            "WORLD",
            "E-government / digital government development ranking: top 50 in the world.",
            {},
        ),
    ],
    "6": [
        (
            "ai_rd_sea_top3",
            "rank",
            "AI_RD_RANK",
            "rank_within",
            3,
            "rank within Southeast Asia (1=best)",
            "SEA",
            "Ranking in artificial-intelligence research and development and as a hub of digital-technology "
            "industries where Viet Nam has an advantage: top 3 in Southeast Asia.",
            {},
        )
    ],
    "7": [
        (
            "digital_firms_advanced_5",
            "threshold",
            "DIGITAL_FIRMS_ADVANCED",
            ">=",
            5,
            "enterprises",
            None,
            "At least 5 digital-technology enterprises on a par with advanced countries.",
            {},
        )
    ],
    "8": [
        (
            "tfp_55",
            "threshold",
            "TFP_CONTRIB_GROWTH",
            ">=",
            55,
            "% of GDP growth",
            None,
            "Contribution of total factor productivity to economic growth at least 55% (the annex writes 'TEP').",
            {
                "note": "Annex I writes '≥ 55' where Resolution 57 says 'trên 55%' (above 55%); the annex value is "
                "kept here, R57.2030.tfp_55 keeps '>'."
            },
        )
    ],
    "9": [
        (
            "hightech_exports_50",
            "threshold",
            "HIGHTECH_EXPORT_SHARE",
            ">=",
            50,
            "% of goods exports",
            None,
            "High-technology products at least 50% of the value of goods exports.",
            {},
        )
    ],
    "10": [
        (
            "digital_economy_30",
            "threshold",
            "DE_SHARE_GDP",
            ">=",
            30,
            "% of GDP",
            None,
            "Digital economy at least 30% of GDP.",
            {
                "continues": ["vn-nq52:R52.2030.digital_economy_30"],
                "evidence_indicators": ["DE_CORE_SHARE_GDP", "DE_DIGITALISED_SHARE_GDP"],
            },
        )
    ],
    "11.1": [
        (
            "online_services_use_80",
            "threshold",
            "ONLINE_PS_USE_SHARE",
            ">=",
            80,
            "%",
            None,
            "Use of online public services by people and businesses at least 80%.",
            {},
        )
    ],
    "11.2": [
        (
            "e2e_online_services_90",
            "threshold",
            "E2E_ONLINE_SERVICES_SHARE",
            ">=",
            90,
            "%",
            None,
            "Full-process online public services: 90% of eligible administrative procedures.",
            {},
        )
    ],
    "11.3": [
        (
            "admin_records_100",
            "threshold",
            "ADMIN_RECORDS_DIGITISED_SHARE",
            ">=",
            100,
            "%",
            None,
            "Valid dossiers and results of administrative procedures: 100% (digitised).",
            {
                "note": "The row names the share of 'valid dossiers and results of administrative procedures' "
                "without a verb; read as digitised, as in the Government's earlier targets."
            },
        )
    ],
    "11.4": [
        (
            "e_results_100",
            "threshold",
            "E_RESULTS_SHARE",
            ">=",
            100,
            "%",
            None,
            "Results of administrative procedures issued electronically: 100%.",
            {},
        )
    ],
    "11.5": [
        (
            "data_reuse_80",
            "threshold",
            "DATA_REUSE_SHARE",
            ">=",
            80,
            "%",
            None,
            "Re-use of digitised information and data in administrative procedures and public services: 80%.",
            {},
        )
    ],
    "11.6": [
        (
            "online_payment_80",
            "threshold",
            "ONLINE_PAYMENT_PS_SHARE",
            ">=",
            80,
            "%",
            None,
            "Online payment in administrative procedures and public services: 80%.",
            {},
        )
    ],
    "11.7": [
        (
            "boundary_free_procedures_70",
            "threshold",
            "BOUNDARY_FREE_PROCEDURES_SHARE",
            ">=",
            70,
            "%",
            None,
            "Administrative procedures received and handled regardless of administrative boundaries: 70%.",
            {},
        )
    ],
    "11.8": [
        (
            "licence_procedures_cut_30",
            "threshold",
            "LICENCE_PROCEDURES_CUT_SHARE",
            ">=",
            30,
            "%",
            None,
            "Licensing procedures cut or automated: at least 30%.",
            {},
        )
    ],
    "11.9": [
        (
            "internal_procedures_cut_50",
            "threshold",
            "INTERNAL_PROCEDURES_CUT_SHARE",
            ">=",
            50,
            "%",
            None,
            "Internal procedures between state agencies in licensing cut: 50%.",
            {},
        )
    ],
    "11.10": [
        (
            "e_document_processing_100",
            "threshold",
            "E_DOCUMENT_PROCESSING_SHARE",
            ">=",
            100,
            "%",
            None,
            "Documents and work files of state administrative agencies processed fully electronically: 100%.",
            {},
        )
    ],
    "11.11": [
        (
            "e_task_monitoring_100",
            "threshold",
            "E_TASK_MONITORING_SHARE",
            ">=",
            100,
            "%",
            None,
            "Tasks of administrative agencies tracked and supervised electronically: 100%.",
            {},
        )
    ],
    "11.12": [
        (
            "e_internal_governance_100",
            "threshold",
            "E_INTERNAL_GOVERNANCE_SHARE",
            ">=",
            100,
            "%",
            None,
            "State agencies directing, operating and governing internally in the electronic environment: 100%.",
            {},
        )
    ],
    "12": [
        ("cashless_80", "threshold", "CASHLESS_SHARE", ">=", 80, "%", None, "Cashless transactions at least 80%.", {})
    ],
    "13": [
        (
            "innovative_firms_40",
            "threshold",
            "INNOVATIVE_FIRMS_SHARE",
            ">=",
            40,
            "% of enterprises",
            None,
            "Enterprises with innovation activity at least 40%.",
            {},
        )
    ],
    "14": [
        (
            "hdi_07",
            "threshold",
            "HDI",
            ">",
            0.7,
            "index 0-1",
            None,
            "Science, technology and innovation contribute to keeping the Human Development Index above 0.7.",
            {},
        )
    ],
    "15": [
        (
            "rd_2pct",
            "threshold",
            "GB.XPD.RSDV.GD.ZS",
            ">=",
            2,
            "% of GDP",
            None,
            "Research and development expenditure 2% of GDP.",
            {},
        )
    ],
    "16": [
        (
            "rd_social_60",
            "threshold",
            "RD_NONSTATE_SHARE",
            ">",
            60,
            "% of R&D expenditure",
            None,
            "Share of R&D expenditure from society (non-state sources) above 60%.",
            {},
        )
    ],
    "17": [
        (
            "sti_budget_3pct",
            "threshold",
            "STI_BUDGET_SHARE",
            ">=",
            3,
            "% of state budget expenditure",
            None,
            "Annual budget spending on science, technology, innovation and national digital transformation at "
            "least 3% of total state budget expenditure, rising with development needs.",
            {},
        )
    ],
    "18": [
        (
            "researchers_12",
            "threshold",
            "RESEARCHERS_PER_10K",
            ">=",
            12,
            "per 10,000 people",
            None,
            "Research, technology development and innovation workforce: 12 per 10,000 people.",
            {},
        )
    ],
    "19": [
        (
            "ranked_sti_orgs_40",
            "threshold",
            "RANKED_STI_ORGS",
            ">=",
            40,
            "organisations",
            None,
            "40-50 science and technology organisations ranked regionally and globally.",
            {"note": "The range 40 - 50 is judged on its lower end."},
        )
    ],
    "20": [
        (
            "publications_growth_10",
            "growth",
            "IP.JRN.ARTC.SC",
            ">=",
            10,
            "%/year",
            None,
            "International scientific publications grow by 10% a year on average.",
            {"window": [2025, 2030]},
        )
    ],
    "21": [
        (
            "patents_growth_16",
            "growth",
            "PATENT_FILINGS_GRANTS",
            ">=",
            16,
            "%/year",
            None,
            "Patent applications and patents granted grow by 16-18% a year on average.",
            {
                "window": [2025, 2030],
                "note": "The range 16 - 18 is judged on its lower end.",
                "evidence_indicators": ["IP.PAT.RESD"],
            },
        )
    ],
    "22": [
        (
            "patent_commercialisation_8",
            "threshold",
            "PATENT_COMMERCIALISATION_SHARE",
            ">=",
            8,
            "%",
            None,
            "Patent applications and patents commercially exploited: 8-10%.",
            {"note": "The range 8 - 10 is judged on its lower end."},
        )
    ],
    "23": [
        (
            "digital_infra_advanced",
            "milestone",
            None,
            "qualitative",
            None,
            None,
            None,
            "Digital infrastructure: advanced, modern, ultra-high capacity and ultra-broadband, on a par with "
            "advanced countries.",
            {"evidence_indicators": ["IT.NET.BBND.P2", "MOBILE_5G_POP_COVERAGE"]},
        )
    ],
    "23.1": [
        (
            "gigabit_access_100",
            "threshold",
            "GIGABIT_FIXED_ACCESS_SHARE",
            ">=",
            100,
            "% of users",
            None,
            "All users able to access fixed broadband above 1 Gb/s.",
            {},
        )
    ],
    "23.2": [
        (
            "submarine_cables_9",
            "threshold",
            "NEW_SUBMARINE_CABLES",
            ">=",
            9,
            "cables",
            None,
            "Nine new submarine cables in service.",
            {},
        )
    ],
    "23.3": [
        (
            "submarine_capacity_350",
            "threshold",
            "SUBMARINE_CABLE_CAPACITY",
            ">=",
            350,
            "Tbps",
            None,
            "Total design capacity of submarine cables at least 350 Tbps.",
            {},
        )
    ],
    "23.4": [
        (
            "5g_99pct_population",
            "threshold",
            "MOBILE_5G_POP_COVERAGE",
            ">=",
            99,
            "% of population",
            None,
            "5G coverage for 99% of the population.",
            {"continues": ["vn-nq52:KL.5g_99pct_population"]},
        )
    ],
    "24": [
        (
            "smart_cities_6",
            "threshold",
            "SMART_CITIES_COMPLETED",
            ">=",
            6,
            "cities and provinces",
            None,
            "Smart cities completed in the centrally-run cities and some qualified provinces: at least 6.",
            {},
        )
    ],
    "25": [
        (
            "leading_tech_firms_3",
            "threshold",
            "LEADING_TECH_FIRMS_ATTRACTED",
            ">=",
            3,
            "organisations and enterprises",
            None,
            "Attract at least 3 more of the world's leading technology organisations and enterprises to set up "
            "headquarters, invest in research and produce in Viet Nam.",
            {},
        )
    ],
    "26": [
        (
            "digital_state_management_100",
            "threshold",
            "GOV_DIGITAL_MANAGEMENT_SHARE",
            ">=",
            100,
            "%",
            None,
            "State management from central to local level in the digital environment, connected across the "
            "political system: 100%.",
            {},
        )
    ],
    "27": [
        (
            "national_databases_100",
            "threshold",
            "NATIONAL_DB_COMPLETED_SHARE",
            ">=",
            100,
            "%",
            None,
            "National and sectoral databases built, connected and shared: 100%.",
            {},
        )
    ],
    "28": [
        (
            "data_exchanges_5",
            "threshold",
            "DATA_EXCHANGES",
            ">=",
            5,
            "exchanges",
            None,
            "Five data exchanges formed.",
            {},
        )
    ],
    "29": [
        (
            "national_data_centres_3",
            "threshold",
            "NATIONAL_DATA_CENTRES",
            ">=",
            3,
            "centres",
            None,
            "At least three national data centres formed.",
            {},
        )
    ],
    "30": [
        (
            "bank_accounts_95",
            "threshold",
            "BANK_ACCOUNT_15PLUS",
            ">=",
            95,
            "% of population 15+",
            None,
            "At least 95% of people aged 15 and over have a bank account.",
            {},
        )
    ],
    "31": [
        (
            "digital_signature_70",
            "threshold",
            "DIGITAL_SIGNATURE_ADULT_SHARE",
            ">=",
            70,
            "% of adults",
            None,
            "At least 70% of adults have a digital or personal electronic signature.",
            {},
        )
    ],
    "32": [
        (
            "e_health_records_95",
            "threshold",
            "E_HEALTH_RECORD_SHARE",
            ">=",
            95,
            "% of population",
            None,
            "At least 95% of people have an electronic health record.",
            {},
        )
    ],
    "33": [
        (
            "cybersecurity_rank_10",
            "rank",
            "GCI_RANK",
            "rank_within",
            10,
            "rank (1=best)",
            "WORLD",
            "Information-security ranking: within the top 10.",
            {
                "note": "The annex does not name the ranking; the ITU Global Cybersecurity Index is the usual one "
                "(its 2024 edition groups countries in tiers instead of ranking them)."
            },
        )
    ],
    "34": [
        (
            "mps_research_facility",
            "threshold",
            "MPS_RESEARCH_FACILITY",
            ">=",
            1,
            "facilities",
            None,
            "Complete one leading science and technology research facility of the Public Security sector, on a "
            "par with advanced countries.",
            {},
        )
    ],
    "35": [
        (
            "make_in_vietnam_50",
            "threshold",
            "MAKE_IN_VIETNAM_SHARE",
            ">=",
            50,
            "% of digital industry revenue",
            None,
            "Make in Vietnam: 50% of the revenue of Viet Nam's digital industry.",
            {},
        )
    ],
    "36": [
        (
            "digital_economy_50",
            "threshold",
            "DE_SHARE_GDP",
            ">=",
            50,
            "% of GDP",
            None,
            "Digital economy at least 50% of GDP.",
            {},
        )
    ],
    "37": [
        (
            "gii_world_top30",
            "rank",
            "GII_RANK",
            "rank_within",
            30,
            "rank (1=best)",
            "WORLD",
            "Global Innovation Index: within the top 30 in the world.",
            {},
        )
    ],
    "38": [
        (
            "digital_firms_per_1000",
            "threshold",
            "DIGITAL_FIRMS_PER_1000",
            ">=",
            1,
            "per 1,000 people",
            None,
            "Digital-technology enterprises: 1 per 1,000 people.",
            {},
        )
    ],
    "39": [
        (
            "digital_firms_advanced_10",
            "threshold",
            "DIGITAL_FIRMS_ADVANCED",
            ">=",
            10,
            "enterprises",
            None,
            "At least 10 digital-technology enterprises on a par with advanced countries.",
            {},
        )
    ],
    "40": [
        (
            "leading_tech_firms_5",
            "threshold",
            "LEADING_TECH_FIRMS_ATTRACTED",
            ">=",
            5,
            "organisations and enterprises",
            None,
            "Attract at least 5 more of the world's leading technology organisations and enterprises.",
            {},
        )
    ],
    "41": [
        (
            "strategic_tech_mastery",
            "threshold",
            "STRATEGIC_TECH_MASTERY_SHARE",
            ">=",
            20,
            "%",
            None,
            "Master some technologies (chips and semiconductors, AI, robotics and automation, biology, chemistry, "
            "advanced materials, security technology) for national security: 20%-50%.",
            {"note": "The annex gives '20% - 50%' without saying of what; judged on the lower end."},
        )
    ],
}

# the Resolution 57 target that each Annex I item restates (related_targets, both ways)
ANNEX1_RELATED: dict[str, list[str]] = {
    "1": ["R57.2030.sti_potential"], "2": ["R57.2030.enterprise_tech_capacity"],
    "3": ["R57.2030.sti_fields_international"],
    "4": ["R57.2030.digital_competitiveness_sea_top3", "R57.2030.digital_competitiveness_world_top50"],
    "5": ["R57.2030.egov_sea_top3", "R57.2030.egov_world_top50"], "6": ["R57.2030.ai_rd_sea_top3"],
    "7": ["R57.2030.digital_firms_advanced_5"], "8": ["R57.2030.tfp_55"], "9": ["R57.2030.hightech_exports_50"],
    "10": ["R57.2030.digital_economy_30"], "11.1": ["R57.2030.online_services_use_80"],
    "12": ["R57.2030.cashless_80"], "13": ["R57.2030.innovative_firms_40"], "14": ["R57.2030.hdi_07"],
    "15": ["R57.2030.rd_2pct"], "16": ["R57.2030.rd_social_60"], "17": ["R57.2030.sti_budget_3pct"],
    "18": ["R57.2030.researchers_12"], "19": ["R57.2030.ranked_sti_orgs_40"],
    "20": ["R57.2030.publications_growth_10"], "21": ["R57.2030.patents_growth_16"],
    "22": ["R57.2030.patent_commercialisation_8"], "23": ["R57.2030.digital_infra_advanced"],
    "23.4": ["R57.2030.5g_nationwide"], "24": ["R57.2030.smart_cities"], "25": ["R57.2030.leading_tech_firms_3"],
    "26": ["R57.2030.digital_state_management"], "27": ["R57.2030.databases_connected"],
    "28": ["R57.2030.data_use_exchange"], "33": ["R57.2030.cybersecurity_leading"],
    "36": ["R57.2045.digital_economy_50"], "37": ["R57.2045.innovation_dx_top30"],
    "38": ["R57.2045.digital_firm_density"], "39": ["R57.2045.digital_firms_advanced_10"],
    "40": ["R57.2045.leading_tech_firms_5"],
}  # fmt: skip


def build_annex1_targets() -> tuple[list[dict[str, Any]], int]:
    """Targets from the Annex I rows, and the number of indicator rows (rows with a result)."""
    out: list[dict[str, Any]] = []
    horizon = "2030"
    rows = 0
    for num, name, unit, result, monitor in table_rows(ANNEX1):
        num = num.strip(". ")
        if num in ("I", "II"):
            horizon = "2030" if num == "I" else "2045"
            continue
        if not result:
            continue  # item 11: a heading of the sub-items 11.1-11.12
        rows += 1
        quote = " ".join(x for x in (name, unit, result) if x)
        for suffix, kind, ind, comp, value, tunit, peer, gloss, extra in ANNEX1_TARGETS[num]:
            t: dict[str, Any] = {
                "id": f"A1.{horizon}.{suffix}",
                "doc": "002",
                "section": num,
                "kind": kind,
                "horizon": horizon,
                "quote_vi": quote,
                "gloss_en": gloss,
            }
            if ind:
                t["indicator"] = ind
            t["comparator"] = comp
            if value is not None:
                t["value"] = value
            if tunit:
                t["unit"] = tunit
            t["deadline"] = int(horizon)
            if peer:
                t["peer_group"] = peer
            t["monitored_by"] = bodies_in(monitor)
            related = ANNEX1_RELATED.get(num, [])
            t.update({k: v for k, v in extra.items() if k != "note"})
            if kind == "growth":
                t["window"] = extra["window"]
            if related:
                # an item with two targets (SEA and world) relates each to its own Resolution target
                same = [r for r in related if r.endswith(suffix)]
                t["related_targets"] = same or related
            if kind != "milestone":
                # the programme dates from 09/01/2025: progress is measured from the last full year before it
                t["progress"] = {"base_year": 2024}
            if "note" in extra:
                t["note"] = extra["note"]
            if t["id"] in A1_NOTES_VI:
                t["note_vi"] = A1_NOTES_VI[t["id"]]
            out.append(t)
    return out, rows


A1_NOTES_VI = {
    "A1.2030.tfp_55": (
        "Phụ lục I ghi '≥ 55' trong khi Nghị quyết 57 ghi 'trên 55%'; mục tiêu này giữ giá trị của phụ lục, "
        "mục tiêu R57.2030.tfp_55 giữ dấu '>'."
    ),
    "A1.2030.admin_records_100": (
        "Dòng này nêu tỉ lệ 'hồ sơ hợp lệ, kết quả giải quyết thủ tục hành chính' mà không có động từ; được "
        "hiểu là được số hóa, như các mục tiêu trước đây của Chính phủ."
    ),
    "A1.2030.ranked_sti_orgs_40": ("Khoảng 40 - 50 được đánh giá theo cận dưới."),
    "A1.2030.patents_growth_16": ("Khoảng 16 - 18 được đánh giá theo cận dưới."),
    "A1.2030.patent_commercialisation_8": ("Khoảng 8 - 10 được đánh giá theo cận dưới."),
    "A1.2030.cybersecurity_rank_10": (
        "Phụ lục không nêu tên bảng xếp hạng; Chỉ số An toàn thông tin mạng toàn cầu (GCI) của ITU là bảng "
        "thường dùng (ấn bản 2024 xếp các nước theo nhóm bậc thay vì theo thứ hạng)."
    ),
    "A1.2045.strategic_tech_mastery": (
        "Phụ lục ghi '20% - 50%' mà không nói tỉ lệ của cái gì; được đánh giá theo cận dưới."
    ),
}
"""The Annex I targets' notes in Vietnamese (the pack's note_vi)."""


# -- indicators ----------------------------------------------------------------------------------------
# the same measures as vn-nq52: copied from its registry with the same code, so the bundled data judge both
REUSED = [
    "DE_SHARE_GDP", "DE_CORE_SHARE_GDP", "DE_DIGITALISED_SHARE_GDP", "EGDI_RANK", "EGDI", "OSI", "TII", "HCI",
    "GII_RANK", "GII_SCORE", "GB.XPD.RSDV.GD.ZS", "SP.POP.SCIE.RD.P6", "IP.JRN.ARTC.SC", "IP.PAT.RESD",
    "TX.VAL.TECH.MF.ZS", "IT.NET.BBND.P2", "MOBILE_5G_POP_COVERAGE",
]  # fmt: skip

# code -> (Annex I item, name_en, unit, direction, bounds, frequency, definition_en)
NEW: dict[str, tuple[str, str, str, str, tuple[float, float] | None, str, str]] = {
    "WDCR_RANK": (
        "4",
        "IMD World Digital Competitiveness ranking",
        "rank (1=best)",
        "lower_better",
        None,
        "edition",
        "Rank in the IMD World Digital Competitiveness Ranking, the usual measure of 'năng lực cạnh tranh "
        "số'. As of the 2024 edition IMD does not cover Viet Nam, so the target cannot yet be judged.",
    ),
    "AI_RD_RANK": (
        "6",
        "Rank in artificial-intelligence research and development",
        "rank (1=best)",
        "lower_better",
        None,
        "edition",
        "Rank in artificial-intelligence research and development. The texts name no ranking; task CP.8 "
        "(Annex II) asks for the new concepts of Resolution 57 to be defined and quantified.",
    ),
    "DIGITAL_FIRMS_ADVANCED": (
        "7",
        "Digital-technology enterprises on a par with advanced countries",
        "enterprises",
        "higher_better",
        None,
        "annual",
        "Number of Vietnamese digital-technology enterprises on a par with advanced "
        "countries, by the criteria to be issued under task CP.123.",
    ),
    "TFP_CONTRIB_GROWTH": (
        "8",
        "Contribution of total factor productivity to economic growth",
        "% of GDP growth",
        "higher_better",
        None,
        "annual",
        "Share of GDP growth attributed to total factor productivity (TFP), as published by the "
        "national statistics office.",
    ),
    "HIGHTECH_EXPORT_SHARE": (
        "9",
        "High-technology products as % of goods exports",
        "% of goods exports",
        "higher_better",
        (0, 100),
        "annual",
        "Export value of high-technology products divided by the total value of goods "
        "exports (not the World Bank's share of manufactured exports, TX.VAL.TECH.MF.ZS).",
    ),
    "ONLINE_PS_USE_SHARE": (
        "11.1",
        "Use of online public services by people and businesses",
        "%",
        "higher_better",
        (0, 100),
        "annual",
        "Share of people and businesses using online public services.",
    ),
    "E2E_ONLINE_SERVICES_SHARE": (
        "11.2",
        "Full-process online public services as % of eligible procedures",
        "%",
        "higher_better",
        (0, 100),
        "annual",
        "Full-process (end-to-end) online public services divided by the administrative procedures eligible for them.",
    ),
    "ADMIN_RECORDS_DIGITISED_SHARE": (
        "11.3",
        "Dossiers and results of administrative procedures digitised",
        "%",
        "higher_better",
        (0, 100),
        "annual",
        "Share of valid dossiers and results of administrative procedures that are digitised.",
    ),
    "E_RESULTS_SHARE": (
        "11.4",
        "Results of administrative procedures issued electronically",
        "%",
        "higher_better",
        (0, 100),
        "annual",
        "Share of administrative-procedure results issued in electronic form.",
    ),
    "DATA_REUSE_SHARE": (
        "11.5",
        "Re-use of digitised data in administrative procedures",
        "%",
        "higher_better",
        (0, 100),
        "annual",
        "Share of administrative procedures and public services that re-use information and data already digitised.",
    ),
    "ONLINE_PAYMENT_PS_SHARE": (
        "11.6",
        "Online payment in administrative procedures and public services",
        "%",
        "higher_better",
        (0, 100),
        "annual",
        "Share of payments in administrative procedures and public services made online.",
    ),
    "BOUNDARY_FREE_PROCEDURES_SHARE": (
        "11.7",
        "Procedures handled regardless of administrative boundaries",
        "%",
        "higher_better",
        (0, 100),
        "annual",
        "Share of administrative procedures received and handled regardless of "
        "administrative boundaries (between central and local level and between "
        "levels of government).",
    ),
    "LICENCE_PROCEDURES_CUT_SHARE": (
        "11.8",
        "Licensing procedures cut or automated",
        "%",
        "higher_better",
        (0, 100),
        "once",
        "Share of licensing procedures cut or automated.",
    ),
    "INTERNAL_PROCEDURES_CUT_SHARE": (
        "11.9",
        "Internal procedures between state agencies in licensing cut",
        "%",
        "higher_better",
        (0, 100),
        "once",
        "Share of internal procedures between state agencies in licensing that are cut.",
    ),
    "E_DOCUMENT_PROCESSING_SHARE": (
        "11.10",
        "Work files processed fully electronically",
        "%",
        "higher_better",
        (0, 100),
        "annual",
        "Share of documents and work files of state administrative agencies processed "
        "fully in the electronic environment.",
    ),
    "E_TASK_MONITORING_SHARE": (
        "11.11",
        "Tasks tracked and supervised electronically",
        "%",
        "higher_better",
        (0, 100),
        "annual",
        "Share of the tasks of administrative agencies tracked, managed and supervised electronically.",
    ),
    "E_INTERNAL_GOVERNANCE_SHARE": (
        "11.12",
        "State agencies governing internally in the electronic environment",
        "%",
        "higher_better",
        (0, 100),
        "annual",
        "Share of state agencies that direct, operate and govern internally in the electronic environment.",
    ),
    "CASHLESS_SHARE": (
        "12",
        "Cashless transactions",
        "%",
        "higher_better",
        (0, 100),
        "annual",
        "Share of transactions made without cash (State Bank of Viet Nam).",
    ),
    "INNOVATIVE_FIRMS_SHARE": (
        "13",
        "Enterprises with innovation activity",
        "% of enterprises",
        "higher_better",
        (0, 100),
        "annual",
        "Enterprises with innovation activity as a share of all enterprises.",
    ),
    "HDI": (
        "14",
        "Human Development Index (UNDP)",
        "index 0-1",
        "higher_better",
        (0, 1),
        "annual",
        "UNDP Human Development Index (health, education and income), 0-1.",
    ),
    "RD_NONSTATE_SHARE": (
        "16",
        "Share of R&D expenditure from society (non-state sources)",
        "% of R&D expenditure",
        "higher_better",
        (0, 100),
        "annual",
        "R&D expenditure funded by non-state sources divided by total R&D expenditure.",
    ),
    "STI_BUDGET_SHARE": (
        "17",
        "Budget spending on science, technology, innovation and digital transformation",
        "% of state budget expenditure",
        "higher_better",
        (0, 100),
        "annual",
        "Annual state-budget spending on science, technology, innovation and national digital "
        "transformation divided by total state-budget expenditure (Ministry of Finance).",
    ),
    "RESEARCHERS_PER_10K": (
        "18",
        "Research, technology development and innovation workforce per 10,000 people",
        "per 10,000 people",
        "higher_better",
        None,
        "annual",
        "Persons working in scientific research, technology development and innovation per "
        "10,000 inhabitants (SP.POP.SCIE.RD.P6 counts researchers per million, a narrower "
        "measure).",
    ),
    "RANKED_STI_ORGS": (
        "19",
        "Science and technology organisations ranked regionally and globally",
        "organisations",
        "higher_better",
        None,
        "annual",
        "Number of Vietnamese science and technology organisations in regional and world rankings.",
    ),
    "PATENT_FILINGS_GRANTS": (
        "21",
        "Patent applications and patents granted",
        "applications and grants",
        "higher_better",
        None,
        "annual",
        "Number of patent applications and patents granted (IP Viet Nam); the target is their average annual growth.",
    ),
    "PATENT_COMMERCIALISATION_SHARE": (
        "22",
        "Patent applications and patents commercially exploited",
        "%",
        "higher_better",
        (0, 100),
        "annual",
        "Share of patent applications and patents that are commercially exploited.",
    ),
    "GIGABIT_FIXED_ACCESS_SHARE": (
        "23.1",
        "Users able to access fixed broadband above 1 Gb/s",
        "% of users",
        "higher_better",
        (0, 100),
        "annual",
        "Share of users able to access fixed broadband at more than 1 Gb/s.",
    ),
    "NEW_SUBMARINE_CABLES": (
        "23.2",
        "New submarine cables in service",
        "cables",
        "higher_better",
        None,
        "annual",
        "Number of new submarine fibre cables put into service.",
    ),
    "SUBMARINE_CABLE_CAPACITY": (
        "23.3",
        "Total design capacity of submarine cables",
        "Tbps",
        "higher_better",
        None,
        "annual",
        "Total design capacity of Viet Nam's submarine fibre cables.",
    ),
    "SMART_CITIES_COMPLETED": (
        "24",
        "Smart cities completed",
        "cities and provinces",
        "higher_better",
        None,
        "annual",
        "Centrally-run cities and qualified provinces whose smart-city building is complete.",
    ),
    "LEADING_TECH_FIRMS_ATTRACTED": (
        "25",
        "Leading world technology firms attracted",
        "organisations and enterprises",
        "higher_better",
        None,
        "annual",
        "Additional world-leading technology organisations and enterprises that set up "
        "headquarters, invest in research or produce in Viet Nam (counted from 2025).",
    ),
    "GOV_DIGITAL_MANAGEMENT_SHARE": (
        "26",
        "State management in the digital environment",
        "%",
        "higher_better",
        (0, 100),
        "annual",
        "Share of state management, from central to local level, done in the digital "
        "environment and connected across the political system.",
    ),
    "NATIONAL_DB_COMPLETED_SHARE": (
        "27",
        "National and sectoral databases completed and connected",
        "%",
        "higher_better",
        (0, 100),
        "annual",
        "Share of the national and sectoral databases built, connected and shared.",
    ),
    "DATA_EXCHANGES": (
        "28",
        "Data exchanges formed",
        "exchanges",
        "higher_better",
        None,
        "annual",
        "Number of data exchanges (sàn dữ liệu) formed.",
    ),
    "NATIONAL_DATA_CENTRES": (
        "29",
        "National data centres formed",
        "centres",
        "higher_better",
        None,
        "annual",
        "Number of national data centres formed.",
    ),
    "BANK_ACCOUNT_15PLUS": (
        "30",
        "People aged 15+ with a bank account",
        "% of population 15+",
        "higher_better",
        (0, 100),
        "annual",
        "Share of the population aged 15 and over with a bank account.",
    ),
    "DIGITAL_SIGNATURE_ADULT_SHARE": (
        "31",
        "Adults with a digital or personal electronic signature",
        "% of adults",
        "higher_better",
        (0, 100),
        "annual",
        "Share of the adult population with a digital signature or personal electronic signature.",
    ),
    "E_HEALTH_RECORD_SHARE": (
        "32",
        "People with an electronic health record",
        "% of population",
        "higher_better",
        (0, 100),
        "annual",
        "Share of the population with an electronic health record.",
    ),
    "GCI_RANK": (
        "33",
        "Information-security ranking (ITU Global Cybersecurity Index)",
        "rank (1=best)",
        "lower_better",
        None,
        "edition",
        "Rank in the ITU Global Cybersecurity Index, the usual information-security ranking (the annex "
        "names none); the 2024 edition groups countries in tiers.",
    ),
    "MPS_RESEARCH_FACILITY": (
        "34",
        "Leading research facility of the Public Security sector completed",
        "facilities",
        "higher_better",
        None,
        "once",
        "Leading science and technology research facility of the Public Security sector, on a "
        "par with advanced countries, completed.",
    ),
    "MAKE_IN_VIETNAM_SHARE": (
        "35",
        "Make in Vietnam share of digital industry revenue",
        "% of digital industry revenue",
        "higher_better",
        (0, 100),
        "annual",
        "Revenue of Make in Vietnam products and services divided by the revenue of Viet "
        "Nam's digital-technology industry.",
    ),
    "DIGITAL_FIRMS_PER_1000": (
        "38",
        "Digital-technology enterprises per 1,000 people",
        "per 1,000 people",
        "higher_better",
        None,
        "annual",
        "Digital-technology enterprises per 1,000 inhabitants.",
    ),
    "STRATEGIC_TECH_MASTERY_SHARE": (
        "41",
        "Mastery of strategic technologies for national security",
        "%",
        "higher_better",
        (0, 100),
        "once",
        "Share to which chip and semiconductor, AI, robotics and automation, biology, "
        "chemistry, advanced materials and security technologies for national "
        "security are mastered (the annex gives 20%-50% and no base).",
    ),
}


def bundled_data_codes() -> set[str]:
    """Indicator codes of the bundled data snapshot, as its loaders write them (aliases and derived codes)."""
    from dxtrack.ingest.bundled import LOADERS

    return {str(code) for load in LOADERS.values() for code in load(DATA).frame["indicator"].unique()}


def build_indicators() -> list[dict[str, Any]]:
    """Indicators: vn-nq52's entries for REUSED and for every code of the bundled data (so the data load with
    either pack, and the province and peer pages have their series), in vn-nq52's order; then the new ones."""
    nq52 = yaml.safe_load((PACK.parent / "vn-nq52" / "indicators.yaml").read_text(encoding="utf-8"))["indicators"]
    by_code = {i["code"]: i for i in nq52}
    wanted = set(REUSED) | bundled_data_codes()
    codes = [i["code"] for i in nq52 if i["code"] in wanted]
    for code in list(codes):
        agg = by_code[code]["aggregation"]
        for key in ("weight_indicator", "numerator", "denominator"):
            if agg.get(key) and agg[key] not in codes:
                codes.append(agg[key])
    out = [dict(by_code[c]) for c in codes]
    names = {num: name for num, name, *_ in table_rows(ANNEX1)}
    for code, (item, name_en, unit, direction, bounds, freq, definition_en) in NEW.items():
        name_vi = names[item]
        entry: dict[str, Any] = {
            "code": code,
            "name_vi": name_vi,
            "name_en": name_en,
            "unit": unit,
            "direction": direction,
            "definition_vi": f"{name_vi} (Phụ lục I Nghị quyết số 03/NQ-CP, chỉ tiêu {item}).",
            "definition_en": definition_en,
            "sources": [f"Annex I of Resolution 03/NQ-CP, item {item} (no bundled data)"],
            "aggregation": {"kind": "none"},
            "frequency": freq,
        }
        if bounds:
            entry["bounds"] = list(bounds)
        out.append(entry)
    return out


class _Dumper(yaml.SafeDumper):
    pass


def _list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.SequenceNode:
    """Short lists of ids or years in flow style (``leads: [MOST]``), others in block style."""
    flow = all(isinstance(x, str | int) for x in data) and sum(len(str(x)) for x in data) < 100
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _list)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, indent=2)


def main() -> int:
    groups = build_groups()
    n_tasks = sum(len(g["tasks"]) for g in groups)
    header = (
        "# Annex II of Resolution 03/NQ-CP (document 003): 7 groups, 140 tasks. Written by\n"
        "# scripts/build_pack_nq57.py from the annex table, then reviewed; this file is the source of truth.\n"
        "# leads/cooperating are body ids (2025 names, see bodies.yaml); leads_vi/cooperating_vi keep the cells.\n"
        "# deadline: a year, 'YYYY-MM', 'YYYY-Qn', 'YYYY/YYYY', 'YYYY/..' (that year and after), 'continuing'\n"
        "# or 'annual'; deadline_vi keeps the cell. product_vi is the expected product (Kết quả), verbatim.\n\n"
    )
    (PACK / "policy_groups.yaml").write_text(header + dump({"policy_groups": groups}), encoding="utf-8")
    targets, rows = build_annex1_targets()
    path = PACK / "targets.yaml"
    text = path.read_text(encoding="utf-8") if path.exists() else "targets:\n"
    head = text.split(MARKER)[0].rstrip() + "\n\n"
    body = dump(targets)
    block = "\n".join("  " + line if line else line for line in body.splitlines())
    marker = (
        f"{MARKER} (document 002): one target per indicator row ({rows} rows with a result). Written by\n"
        "# scripts/build_pack_nq57.py from the annex table; quote_vi = the row's indicator, unit and result cells.\n"
    )
    path.write_text(head + marker + block + "\n", encoding="utf-8")
    header = (
        "# Indicator registry of vn-nq57. The first entries are copied from vn-nq52 (same code, same entry): the\n"
        "# measures Annex I shares with Resolution 52 (DE_SHARE_GDP, GII_RANK, EGDI_RANK, ...) and every series of\n"
        "# the bundled data, so the data load and judge both packs. The others are the Annex I measures, with\n"
        "# name_vi taken from the annex row. Written by scripts/build_pack_nq57.py, then reviewed.\n\n"
    )
    (PACK / "indicators.yaml").write_text(header + dump({"indicators": build_indicators()}), encoding="utf-8")
    print(f"{len(groups)} groups, {n_tasks} tasks; {rows} Annex I indicator rows, {len(targets)} Annex I targets")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
