"""The words every interface shares: status labels, milestone judgements, documents, units, ranks and the
wording of a target (``≥ 30% GDP vào năm 2030`` / ``≥ 30% of GDP by 2030``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

from dxtrack.domain.status import Status
from dxtrack.present.lang import Lang, pick
from dxtrack.present.numbers import DASH, num, ordinal_en

STATUS_LABELS: dict[str, tuple[str, str]] = {
    Status.TARGET_ACHIEVED: ("Đã đạt", "Target achieved"),
    Status.TARGET_NOT_ACHIEVED: ("Không đạt", "Target not achieved"),
    Status.SUBSTANTIAL_PROGRESS: ("Đúng hướng", "On track"),
    Status.MODERATE_PROGRESS: ("Cần tăng tốc", "Progress, acceleration needed"),
    Status.LIMITED_PROGRESS: ("Tiến triển hạn chế", "Limited progress"),
    Status.DETERIORATION: ("Đi xuống", "Deterioration"),
    Status.AWAITING_OFFICIAL_DATA: ("Chờ số liệu chính thức", "Awaiting official data"),
    Status.INSUFFICIENT_DATA: ("Chưa đủ số liệu", "Insufficient data"),
    Status.NOT_AVAILABLE: ("Không đánh giá được", "Not available"),
    Status.NOT_ASSESSED: ("Chưa đánh giá", "Not yet assessed"),
}
STATUS_ORDER: tuple[str, ...] = tuple(s.value for s in Status)

# Judgement words an assessor may use on milestones, beside the eight assessment statuses.
JUDGEMENT_LABELS: dict[str, tuple[str, str]] = {
    "achieved": ("Đã hoàn thành", "Achieved"),
    "on_track": ("Đúng tiến độ", "On track"),
    "partly_achieved": ("Hoàn thành một phần", "Partly achieved"),
    "in_progress": ("Đang thực hiện", "In progress"),
    "off_track": ("Chậm tiến độ", "Off track"),
    "not_achieved": ("Chưa đạt", "Not achieved"),
    "not_started": ("Chưa triển khai", "Not started"),
}

# Status → CSS tone of the web pages (the label text always accompanies the colour).
STATUS_TONE: dict[str, str] = {
    "target_achieved": "achieved",
    "achieved": "achieved",
    "substantial_progress": "good",
    "on_track": "good",
    "moderate_progress": "moderate",
    "partly_achieved": "moderate",
    "in_progress": "moderate",
    "limited_progress": "limited",
    "off_track": "limited",
    "not_started": "limited",
    "deterioration": "bad",
    "not_achieved": "bad",
    "target_not_achieved": "bad",
    "awaiting_official_data": "neutral",
}

# Producers of official figures (the short names the loaders store), named as they are at the report date; a
# figure from a body since renamed keeps its name at the time, with the current one after "nay là" / "now".
PRODUCERS: dict[str, tuple[str, str]] = {
    "WIPO": ("Tổ chức Sở hữu trí tuệ thế giới (WIPO)", "WIPO"),
    "UN DESA": ("Vụ Kinh tế và Xã hội Liên hợp quốc (UN DESA)", "UN DESA"),
    "World Bank": ("Ngân hàng Thế giới", "World Bank"),
    "National Statistics Office": ("Cục Thống kê (Bộ Tài chính)", "National Statistics Office (Ministry of Finance)"),
    "General Statistics Office": (
        "Tổng cục Thống kê (nay là Cục Thống kê, Bộ Tài chính)",
        "General Statistics Office (now the National Statistics Office, Ministry of Finance)",
    ),
    "National Assembly Economic and Financial Committee": (
        "Ủy ban Kinh tế và Tài chính của Quốc hội",
        "National Assembly Economic and Financial Committee",
    ),
    "Ministry of Science and Technology": ("Bộ Khoa học và Công nghệ", "Ministry of Science and Technology"),
    "Ministry of Information and Communications": (
        "Bộ Thông tin và Truyền thông (nay là Bộ Khoa học và Công nghệ)",
        "Ministry of Information and Communications (now the Ministry of Science and Technology)",
    ),
}

# Fallback document labels for packs of format 1 (format 2 names its documents: Document.short_vi/short_en).
UNITS_VI: dict[str, str] = {
    "% gross": "% (tổng)",
    "% of GDP": "% GDP",
    "% of administrative procedures": "% thủ tục hành chính",
    "% of commune-level units": "% đơn vị cấp xã",
    "% of communes": "% số xã",
    "% of level-3/4 online public services": "% dịch vụ công trực tuyến mức 3, 4",
    "% of manufactured exports": "% xuất khẩu hàng chế tạo",
    "% of manufacturing value added": "% giá trị tăng thêm ngành chế tạo",
    "% of population": "% dân số",
    "% of total population": "% tổng dân số",
    "% vs 2020": "% so với 2020",
    "%/year": "%/năm",
    "1 = yes, 0 = no": "1 = có, 0 = không",
    "annual %": "%/năm",
    "applications": "đơn",
    "articles": "bài báo",
    "billion USD": "tỷ USD",
    "constant 2021 PPP $": "USD PPP giá cố định 2021",
    "count": "số lượng",
    "current US$": "USD giá hiện hành",
    "current international $ (PPP)": "USD quốc tế PPP giá hiện hành",
    "index 0-1": "chỉ số 0–1",
    "localities": "địa phương",
    "million accounts": "triệu tài khoản",
    "million documents": "triệu văn bản",
    "per 1 million people": "trên 1 triệu dân",
    "per 100 people": "trên 100 dân",
    "per million people": "trên 1 triệu dân",
    "persons": "người",
    "persons per km2": "người/km²",
    "provinces": "tỉnh",
    "rank (1=best)": "thứ hạng (1 = cao nhất)",
    "rank (1 = best)": "thứ hạng (1 = cao nhất)",
    "rank (1=best) among UN Member States": "thứ hạng trong các nước thành viên LHQ (1 = cao nhất)",
    "rank of 63 (1=best; ties share a rank)": "thứ hạng trong 63 tỉnh (1 = cao nhất)",
    "rank within ASEAN": "thứ hạng trong ASEAN",
    "rank within ASEAN (1=best)": "thứ hạng trong ASEAN (1 = cao nhất)",
    "rank within Southeast Asia (1=best)": "thứ hạng trong Đông Nam Á (1 = cao nhất)",
    "score 0-100": "điểm 0–100",
    "score 1-5": "điểm 1–5",
    "service applications": "hồ sơ",
    "services": "dịch vụ",
    "thousand documents per month": "nghìn văn bản/tháng",
    "thousand persons": "nghìn người",
    # units of the vn-nq57 pack (Annex I of Resolution 03/NQ-CP)
    "% of GDP growth": "% tăng trưởng GDP",
    "% of R&D expenditure": "% chi cho R&D",
    "% of adults": "% dân số trưởng thành",
    "% of digital industry revenue": "% doanh thu công nghiệp số",
    "% of enterprises": "% số doanh nghiệp",
    "% of goods exports": "% giá trị xuất khẩu hàng hoá",
    "% of population 15+": "% dân số từ 15 tuổi",
    "% of state budget expenditure": "% tổng chi NSNN",
    "% of users": "% người sử dụng",
    "applications and grants": "đơn và văn bằng",
    "cables": "tuyến cáp",
    "centres": "trung tâm",
    "cities and provinces": "thành phố, tỉnh",
    "enterprises": "doanh nghiệp",
    "exchanges": "sàn dữ liệu",
    "facilities": "cơ sở",
    "organisations": "tổ chức",
    "organisations and enterprises": "tổ chức, doanh nghiệp",
    "per 1,000 people": "trên 1.000 dân",
    "per 10,000 people": "trên 1 vạn dân",
    # units of the 2024-2026 official releases (LP_GROWTH, FIBRE_HOUSEHOLD_USE)
    "% of households": "% hộ gia đình",
    "% per year": "%/năm",
}

# Running text names ranks and counts differently from a table's unit column ("thứ hạng thế giới", "37 tỉnh").
UNITS_IN_TEXT_VI: dict[str, str] = {
    "count": "",
    "rank (1=best)": "thứ hạng thế giới",
    "rank (1 = best)": "thứ hạng thế giới",
    "rank (1=best) among UN Member States": "thứ hạng trong các nước thành viên Liên hợp quốc",
    "rank of 63 (1=best; ties share a rank)": "thứ hạng trong 63 tỉnh",
    "rank within ASEAN (1=best)": "thứ hạng trong ASEAN",
    "rank within Southeast Asia (1=best)": "thứ hạng trong Đông Nam Á",
    "score 0-100": "điểm (0–100)",
}
UNITS_IN_TEXT_EN: dict[str, str] = {"count": "", "rank (1=best)": "world rank"}

# Where a rank is counted, from the unit of a rank indicator.
_RANK_SCOPES: tuple[tuple[str, tuple[str, str]], ...] = (
    ("ASEAN", ("trong ASEAN", "in ASEAN")),
    ("Southeast Asia", ("trong Đông Nam Á", "in Southeast Asia")),
    ("of 63", ("trong 63 tỉnh", "of 63 provinces")),
    ("UN Member States", ("trong các nước thành viên LHQ", "among UN Member States")),
)
WORLD_SCOPE: tuple[str, str] = ("thế giới", "in the world")

COMPARATORS: dict[str, tuple[str, str]] = {
    ">=": ("≥", "≥"),
    ">": (">", ">"),
    "<=": ("≤", "≤"),
    "<": ("<", "<"),
    "==": ("=", "="),
    "about": ("khoảng", "about"),
    "rank_within": ("thuộc nhóm", "top"),
    "qualitative": ("", ""),
}


class _Doc(Protocol):
    id: str


class _Group(Protocol):
    id: str
    name_vi: str
    name_en: str
    members: list[str] | None


def status_label(status: str | None, lang: Lang) -> str:
    """The label of a status or milestone judgement; an unknown one shows its underscores as spaces."""
    key = status or Status.NOT_ASSESSED
    pair = STATUS_LABELS.get(key) or JUDGEMENT_LABELS.get(key)
    return pick(pair, lang) if pair else str(status).replace("_", " ")


def producer_name(producer: str | None, lang: Lang) -> str:
    """A producer as a report names it (``Cục Thống kê (Bộ Tài chính)``); an unknown one as stored."""
    if not producer:
        return ""
    pair = PRODUCERS.get(producer)
    return pick(pair, lang) if pair else producer


def status_tone(status: str | None) -> str:
    return STATUS_TONE.get(status or "", "neutral")


def doc_short(doc: str, lang: Lang, documents: Sequence[Any] = ()) -> str:
    """A document's short label, from the pack's documents (``short_vi``/``short_en``); else its id."""
    for d in documents:
        if getattr(d, "id", None) == doc:
            label = getattr(d, "short_vi" if lang == "vi" else "short_en", None)
            if label:
                return str(label)
    return doc


def unit_text(unit: str | None, lang: Lang) -> str:
    """A catalogue unit (written in English) as a table's unit column shows it."""
    if not unit:
        return ""
    if lang == "en":
        return unit
    return UNITS_VI.get(unit, UNITS_VI.get(unit.replace(" = ", "="), unit))


def unit_in_text(unit: str | None, lang: Lang) -> str:
    """A unit as running text words it (``thứ hạng thế giới``; a count has no unit word)."""
    table = UNITS_IN_TEXT_VI if lang == "vi" else UNITS_IN_TEXT_EN
    if unit and unit in table:
        return table[unit]
    return unit_text(unit, lang)


def is_rank_unit(unit: str | None) -> bool:
    return bool(unit) and str(unit).startswith("rank")


def rank_scope(unit: str | None, lang: Lang) -> str:
    """Where a rank indicator counts: ``trong ASEAN``, ``trong 63 tỉnh``, ``thế giới`` (from its unit)."""
    text = unit or ""
    for needle, pair in _RANK_SCOPES:
        if needle in text:
            return pick(pair, lang)
    return pick(WORLD_SCOPE, lang)


def group_scope(group: _Group | None, lang: Lang) -> str:
    """Where a peer group ranks: ``trong ASEAN`` / ``in ASEAN``; every area → ``thế giới`` / ``in the world``.
    The group's abbreviation in brackets is used when its name has one ("… (ASEAN)")."""
    if group is None or not group.members:
        return pick(WORLD_SCOPE, lang)
    name = group_name(group, lang)
    return f"trong {name}" if lang == "vi" else f"in {name}"


def group_name(group: _Group, lang: Lang) -> str:
    """A peer group's name inside a sentence: its abbreviation in brackets when it has one (``ASEAN``), else
    its name, lower-cased first in Vietnamese (``khu vực Đông Nam Á`` / ``Southeast Asia``)."""
    name = group.name_vi if lang == "vi" else group.name_en
    short = re.search(r"\(([^()]+)\)\s*$", name)
    if short:
        return short.group(1)
    return name[:1].lower() + name[1:] if lang == "vi" else name


def join_and(items: Sequence[str], lang: Lang) -> str:
    """``A``, ``A và B``, ``A, B và C`` / ``A and B``, ``A, B and C``."""
    word = " và " if lang == "vi" else " and "
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + word + items[-1]


def rank_text(rank: float | int, scope: str, lang: Lang, of: int | None = None) -> str:
    """A rank in words, one wording everywhere: ``hạng 3/10 trong ASEAN`` / ``3rd of 10 in ASEAN``;
    ``hạng 44 thế giới`` / ``44th in the world``."""
    n = round(float(rank))
    if lang == "vi":
        return f"hạng {n}{f'/{of}' if of else ''} {scope}".strip()
    return f"{ordinal_en(n)}{f' of {of}' if of else ''} {scope}".strip()


def value_unit(value: float | None, unit: str | None, lang: Lang, *, scope: str | None = None) -> str:
    """A value with its unit as running text: ``13,17% GDP`` / ``13.17% of GDP``; a yes/no as ``có``/``yes``;
    a rank as :func:`rank_text` (``scope`` overrides where it counts, e.g. a peer group)."""
    if value is None:
        return DASH
    u = unit or ""
    if u in ("1 = yes, 0 = no", "1=yes, 0=no"):
        return pick(("có", "yes") if value >= 0.5 else ("không", "no"), lang)
    if is_rank_unit(u) or scope is not None:
        return rank_text(value, scope if scope is not None else rank_scope(u, lang), lang)
    text = unit_in_text(u, lang)
    if text.startswith("%"):
        return f"{num(value, lang)}{text}"
    return f"{num(value, lang)} {text}".strip()


def target_text(
    *,
    comparator: str,
    value: float | None,
    unit: str | None,
    deadline: int | None,
    lang: Lang,
    window: Sequence[int] | None = None,
    scope: str | None = None,
) -> str:
    """A target in one phrase: ``≥ 30% GDP vào năm 2030`` / ``≥ 30% of GDP by 2030``; a growth target
    ``≥ 7%/năm giai đoạn 2021–2025``; a rank target names its peer group (``scope``):
    ``thuộc nhóm 3 dẫn đầu trong ASEAN vào năm 2025`` / ``top 3 in ASEAN by 2025``; no value → ``định tính``."""
    if value is None or comparator == "qualitative":
        words = pick(("định tính", "qualitative"), lang)
        return f"{words}{_by(deadline, lang, ', ')}"
    symbol = pick(COMPARATORS.get(comparator, (comparator, comparator)), lang)
    if comparator == "rank_within" or scope is not None:
        where = scope if scope is not None else pick(WORLD_SCOPE, lang)
        k = num(value, lang, 0)
        top = f"thuộc nhóm {k} dẫn đầu {where}" if lang == "vi" else f"top {k} {where}"
        return f"{top}{_by(deadline, lang)}"
    u = unit_text(unit, lang)
    amount = f"{num(value, lang)}{u}" if u.startswith("%") else f"{num(value, lang)} {u}".strip()
    if window:
        first, last = int(window[0]), int(window[-1])
        span = pick((f" giai đoạn {first}–{last}", f" over {first}–{last}"), lang)
        return f"{symbol} {amount}{span}"
    return f"{symbol} {amount}{_by(deadline, lang)}"


def _by(deadline: int | None, lang: Lang, lead: str = " ") -> str:
    if not deadline:
        return ""
    return lead + pick((f"vào năm {deadline}", f"by {deadline}"), lang)


def horizon_label(horizon: str, lang: Lang, horizons: Sequence[Any] = ()) -> str:
    """A horizon's label from the pack (``Đến năm 2030`` / ``By 2030``); the id when the pack has none."""
    for h in horizons:
        if h.id == horizon:
            return str(h.label_vi if lang == "vi" else h.label_en)
    return horizon


def pack_label(labels: Any, field: str, lang: Lang) -> str:
    """One of the pack's labels (``short``, ``subtitle``, ``report_title``) in ``lang``; empty without labels."""
    if labels is None:
        return ""
    return str(getattr(labels, f"{field}_{lang}", "") or getattr(labels, f"{field}_vi", "") or "")
