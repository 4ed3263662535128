"""The review report as data: every section built from the catalogue, the stored data and the assessment.

:func:`build_context` runs one assessment (stored, so the report cites the run's hashes), fetches each
quantified target's detail for its chart, looks up the source of every figure it quotes and numbers the
sources in order of first citation. Every number is formatted here, per locale, so the HTML/PDF and DOCX
writers only lay the text out.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from dxtrack.domain.catalog import ContentPack, Target, TargetKind
from dxtrack.domain.period import latest_index
from dxtrack.errors import DxtrackError
from dxtrack.reports import charts
from dxtrack.reports.i18n import (
    LABELS,
    Lang,
    date_text,
    doc_short,
    label,
    num,
    pct,
    period_text,
    place_date,
    prob,
    rank_text,
    reason_text,
    status_label,
    unit_text,
    value_unit,
)
from dxtrack.services import assess, records
from dxtrack.store import repository as repo

AT_RISK = ("limited_progress", "deterioration", "moderate_progress")
DEFAULT_ISSUER = "dxtrack — Hệ thống theo dõi, đánh giá"
DEFAULT_ISSUER_EN = "dxtrack — Monitoring and evaluation system"


@dataclass(frozen=True)
class ReportOptions:
    """What the user may change: the issuing body (title block) and the place on the date line."""

    issuer: str | None = None
    issuer_parent: str | None = None
    place: str | None = None
    bodies: tuple[str, ...] = ()  # Section IV lists only the tasks assigned to these bodies (all when empty)


@dataclass
class Chart:
    n: int
    target: str
    caption: str
    png: bytes

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass
class ReportContext:
    """Everything a writer needs; texts already in the report language, numbers already formatted."""

    lang: Lang
    labels: dict[str, str]
    meta: dict[str, Any]
    overview: list[dict[str, Any]]
    targets: list[dict[str, Any]]
    figures: list[dict[str, Any]]
    doc_achievements: list[dict[str, Any]]
    supported: list[str]
    charts: list[Chart]
    charts_missing: list[str]
    off_track: list[dict[str, Any]]
    missing: list[dict[str, Any]]
    doc_limitations: list[dict[str, Any]]
    notes: list[dict[str, Any]]
    doc_causes: list[dict[str, Any]]
    groups: list[dict[str, Any]]
    methods: list[dict[str, str]]
    run: dict[str, Any]
    sources: list[dict[str, Any]] = field(default_factory=list)


class SourceBook:
    """Numbers sources in order of first citation; remembers the publication dates of the values cited."""

    def __init__(self, frame: pd.DataFrame, lang: Lang) -> None:
        self.lang = lang
        rows: list[dict[str, Any]] = frame.to_dict("records") if len(frame) else []  # type: ignore[assignment]
        self.rows: dict[int, dict[str, Any]] = {int(r["id"]): r for r in rows}
        self.numbers: dict[str, int] = {}
        self.entries: dict[str, dict[str, Any]] = {}

    def _add(self, source_id: str, info: dict[str, Any], published: dt.date | None) -> int:
        if source_id not in self.numbers:
            self.numbers[source_id] = len(self.numbers) + 1
            self.entries[source_id] = {**info, "n": self.numbers[source_id], "published": set()}
        if published is not None:
            self.entries[source_id]["published"].add(published)
        return self.numbers[source_id]

    def cite_obs(self, obs_ids: list[int]) -> list[int]:
        out: list[int] = []
        for i in obs_ids:
            row = self.rows.get(int(i))
            if row is None:
                continue
            n = self._add(
                str(row["source_id"]),
                {
                    "id": str(row["source_id"]),
                    "publisher": row.get("source_publisher") or "",
                    "title": row.get("source_title") or "",
                    "url": row.get("source_url") or "",
                    "retrieved": row.get("source_retrieved_on"),
                },
                _as_date(row.get("published_on")),
            )
            if n not in out:
                out.append(n)
        return out

    def cite_document(self, pack: ContentPack, doc_id: str) -> int:
        doc = next(d for d in pack.documents if d.id == doc_id)
        info: dict[str, Any] = {
            "id": f"doc:{pack.id}:{doc.id}",
            "publisher": "Bộ Chính trị (Politburo of the Communist Party of Viet Nam)",
            "title": doc.title_vi,
            "url": doc.file,
            "retrieved": None,
        }
        return self._add(str(info["id"]), info, doc.published_on)

    def listing(self) -> list[dict[str, Any]]:
        out = []
        for entry in sorted(self.entries.values(), key=lambda e: e["n"]):
            out.append(
                {
                    "n": entry["n"],
                    "publisher": entry["publisher"],
                    "title": entry["title"],
                    "url": entry["url"],
                    "is_url": str(entry["url"]).startswith(("http://", "https://")),
                    "published": _dates(sorted(entry["published"]), self.lang),
                    "retrieved": date_text(_as_date(entry["retrieved"]), self.lang),
                }
            )
        return out


def _dates(days: list[dt.date], lang: Lang) -> str:
    """Publication dates of the cited values: listed when few, else first–last and how many."""
    if not days:
        return "—"
    if len(days) <= 3:
        return ", ".join(date_text(d, lang) for d in days)
    count = f"{len(days)} {'lần công bố' if lang == 'vi' else 'releases'}"
    return f"{date_text(days[0], lang)} – {date_text(days[-1], lang)} ({count})"


def _as_date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def cite_text(numbers: list[int]) -> str:
    """``[3]``, ``[3, 5]`` or ``[3–6]`` for a run of consecutive numbers."""
    if not numbers:
        return ""
    nums = sorted(set(numbers))
    parts: list[str] = []
    start = prev = nums[0]
    for n in [*nums[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else (f"{start}, {prev}" if prev == start + 1 else f"{start}–{prev}"))
        if n is not None:
            start = prev = n
    return "[" + ", ".join(parts) + "]"


def _text(vi: str, en: str, lang: Lang) -> str:
    return vi if lang == "vi" else en


def target_goal(t: Target, lang: Lang) -> str:
    """The target value in words: ``khoảng 20% GDP vào năm 2025`` / ``about 20% of GDP by 2025``."""
    by = ""
    if t.deadline:
        by = f" vào năm {t.deadline}" if lang == "vi" else f" by {t.deadline}"
    if t.kind is TargetKind.milestone or t.value is None:
        return _text("định tính (đánh giá theo minh chứng)", "qualitative (judged on evidence)", lang) + by
    if t.kind is TargetKind.rank:
        k = int(t.value)
        scope = {
            "ASEAN": ("nước dẫn đầu ASEAN", "in ASEAN"),
            "SEA": ("nước dẫn đầu Đông Nam Á", "in Southeast Asia"),
        }.get(t.peer_group or "", ("nước dẫn đầu thế giới", "in the world"))
        return (f"thuộc nhóm {k} {scope[0]}" if lang == "vi" else f"top {k} {scope[1]}") + by
    if t.kind is TargetKind.growth:
        window = f" ({t.window[0]}–{t.window[1]})" if t.window else ""
        word = {">": ("trên", "above"), ">=": ("tối thiểu", "at least"), "about": ("khoảng", "about")}.get(
            t.comparator.value, ("", "")
        )
        core = f"{num(t.value, lang)}%"
        return (
            f"tăng bình quân {word[0]} {core}/năm{window}"
            if lang == "vi"
            else f"average growth {word[1]} {core}/year{window}"
        ).replace("  ", " ")
    word = {
        ">": ("trên", "above"),
        ">=": ("", "at least"),
        "<": ("dưới", "below"),
        "<=": ("không quá", "at most"),
        "==": ("", ""),
        "about": ("khoảng", "about"),
    }.get(t.comparator.value, ("", ""))
    core = value_unit(t.value, t.unit, lang)
    return f"{word[0] if lang == 'vi' else word[1]} {core}".strip() + by


def _latest_obs_ids(result: dict[str, Any], book: SourceBook, target: Target) -> list[int]:
    """The observation(s) behind the latest figure: same period as the latest value, else all used."""
    ids = result.get("observation_ids") or []
    latest = result.get("latest") or {}
    if target.kind is TargetKind.growth:
        return ids
    period = str(latest.get("period") or "")
    hits = [i for i in ids if str(book.rows.get(int(i), {}).get("period", "")) == period]
    return hits or ids


def _peer_obs_ids(frame: pd.DataFrame, pack: ContentPack, target: Target, period: str | None) -> list[int]:
    """The peers' observations a rank target was judged on (one edition, or all when ``period`` is None)."""
    group = next((g for g in pack.peer_groups if g.id == target.peer_group), None)
    if group is None or not group.members or frame.empty:
        return []
    sub = frame[
        (frame["indicator"] == target.indicator) & (frame["area"].isin(group.members)) & (frame["disaggregation"] == "")
    ]
    if period is not None:
        sub = sub[sub["period"].astype(str) == period]
    return [int(i) for i in sub["id"]]


def _latest_text(t: Target, r: dict[str, Any], lang: Lang, world: float | None, world_unit: str) -> str:
    latest = r.get("latest")
    if not latest:
        return label("no_data", lang)
    if t.kind is TargetKind.growth:
        return f"{pct(r.get('growth_actual'), lang)}/{'năm' if lang == 'vi' else 'year'}"
    if t.kind is TargetKind.rank:
        text = rank_text(float(latest["value"]), t.unit or "rank (1=best)", lang)
        if world is not None and t.peer_group not in (None, "WORLD"):
            text += f" ({rank_text(world, world_unit, lang)})"
        return text
    return value_unit(float(latest["value"]), t.unit, lang)


def _latest_period(t: Target, r: dict[str, Any]) -> str | None:
    latest = r.get("latest")
    if not latest:
        return None
    if t.kind is TargetKind.growth and r.get("baseline"):
        return f"{r['baseline']['period']}-{latest['period']}"
    return str(latest["period"])


def _gap_sentence(t: Target, r: dict[str, Any], lang: Lang, latest: str, cite: str) -> str:
    """Section II: where the target stands, the gap, the growth needed and the probability."""
    period = period_text(_latest_period(t, r), lang)
    goal = target_goal(t, lang)
    parts: list[str] = []
    if lang == "vi":
        parts.append(f"Mới nhất: {latest} ({period}) {cite}; chỉ tiêu: {goal}.")
    else:
        parts.append(f"Latest: {latest} ({period}) {cite}; target: {goal}.")
    latest_v = (r.get("latest") or {}).get("value")
    if t.kind is TargetKind.threshold and latest_v is not None and t.value is not None:
        gap = float(t.value) - float(latest_v)
        unit = t.unit or ""
        if unit.startswith("%"):
            gap_txt = f"{num(abs(gap), lang)} " + _text("điểm phần trăm", "percentage points", lang)
        else:
            gap_txt = value_unit(abs(gap), unit, lang)
        parts.append(_text(f"Còn cách chỉ tiêu {gap_txt}.", f"Gap to target: {gap_txt}.", lang))
        if r.get("growth_actual") is not None and r.get("growth_required") is not None:
            parts.append(
                _text(
                    f"Tốc độ tăng bình quân thực tế {pct(r['growth_actual'], lang)}/năm, "
                    f"cần {pct(r['growth_required'], lang)}/năm để đạt chỉ tiêu.",
                    f"Actual average growth {pct(r['growth_actual'], lang)}/year; "
                    f"{pct(r['growth_required'], lang)}/year needed to reach the target.",
                    lang,
                )
            )
        proj = r.get("projection") or {}
        if proj.get("value") is not None:
            parts.append(
                _text(
                    f"Theo xu hướng hiện tại, năm {proj['year']} dự báo đạt {value_unit(proj['value'], unit, 'vi')} "
                    f"(khoảng 80%: {num(proj['lo80'], 'vi')}–{num(proj['hi80'], 'vi')}).",
                    f"On the current trend, {value_unit(proj['value'], unit, 'en')} is expected in {proj['year']} "
                    f"(80% interval {num(proj['lo80'], 'en')}–{num(proj['hi80'], 'en')}).",
                    lang,
                )
            )
    if t.kind is TargetKind.growth and r.get("growth_required") is not None:
        remaining = (t.window[1] if t.window else t.deadline) or 0
        parts.append(
            _text(
                f"Để đạt bình quân cả giai đoạn, các năm còn lại (đến {remaining}) cần tăng "
                f"{pct(r['growth_required'], 'vi')}/năm.",
                f"To meet the average over the whole window, the remaining years (to {remaining}) need "
                f"{pct(r['growth_required'], 'en')}/year.",
                lang,
            )
        )
    if t.kind is TargetKind.rank:
        proj = (r.get("extra") or {}).get("projection") or {}
        if proj.get("median_rank") is not None and proj.get("rank80"):
            lo, hi = proj["rank80"][:2]
            parts.append(
                _text(
                    f"Dự báo năm {t.deadline}: thứ {int(proj['median_rank'])} (khoảng 80%: {int(lo)}–{int(hi)}).",
                    f"Forecast for {t.deadline}: rank {int(proj['median_rank'])} (80% interval {int(lo)}–{int(hi)}).",
                    lang,
                )
            )
    if r.get("probability") is not None:
        parts.append(
            _text(
                f"Xác suất đạt chỉ tiêu: {prob(r['probability'], 'vi')}.",
                f"Probability of meeting the target: {prob(r['probability'], 'en')}.",
                lang,
            )
        )
    return " ".join(parts)


def _figure_value(fig: Any, lang: Lang) -> str:
    qual = {
        "about": ("khoảng ", "about "),
        "more_than": ("trên ", "over "),
        "estimate": ("ước đạt ", "an estimated "),
        "at_most": ("trong nhóm ", "within the top "),
    }.get(fig.qualifier.value, ("", ""))
    q = qual[0] if lang == "vi" else qual[1]
    if fig.unit.startswith("rank"):
        return q + (str(int(fig.value)) if q else rank_text(fig.value, fig.unit, lang))
    text = value_unit(fig.value, fig.unit, lang)
    if fig.of_total:
        text = f"{num(fig.value, lang)}/{num(fig.of_total, lang)} {unit_text(fig.unit, lang)}".strip()
    return q + text


METHOD_TEXT: dict[str, tuple[str, str]] = {
    "opensdg": (
        "Mục tiêu ngưỡng (đạt một mức giá trị vào thời hạn): phương pháp tiến độ của open-sdg/Cục Thống kê "
        "Canada. Tỷ số P = tốc độ tăng bình quân thực tế từ năm gốc / tốc độ tăng bình quân cần thiết để đạt chỉ "
        "tiêu đúng hạn. P từ 0,95 trở lên: Đúng hướng; từ 0,60 đến dưới 0,95: Cần tăng tốc; "
        "từ 0 đến dưới 0,60: Tiến bộ hạn chế; P âm: Đi xuống; "
        "giá trị mới nhất đã đạt chỉ tiêu: Đã đạt.",
        "Threshold targets (a level by a deadline): the open-sdg / Statistics Canada progress method. "
        "P = actual compound annual growth since the base year / growth required to meet the target on time. "
        "P of 0.95 or more: on track; 0.60 to 0.95: progress but acceleration needed; 0 to 0.60: limited "
        "progress; negative P: deterioration; latest value meets the target: achieved.",
    ),
    "growth": (
        "Mục tiêu tốc độ tăng bình quân: tốc độ tăng kép bình quân năm trong giai đoạn của mục tiêu, so với tỷ "
        "lệ mục tiêu; tính tốc độ cần thiết cho các năm còn lại để đạt bình quân cả giai đoạn.",
        "Average-growth targets: compound annual growth over the target's window against the target rate, and "
        "the growth the remaining years need for the window's average to meet it.",
    ),
    "rank": (
        "Mục tiêu thứ hạng: thứ hạng của Việt Nam trong nhóm so sánh được tính lại từ số liệu của từng nước "
        "trong mỗi kỳ xếp hạng; xác suất đạt được ước lượng bằng mô phỏng Monte Carlo, dự báo đồng thời giá trị "
        "của tất cả các nước đến thời hạn.",
        "Rank targets: Viet Nam's rank within the peer group is recomputed from every member's own values in "
        "each edition; the probability is estimated by Monte Carlo simulation, projecting all members' values "
        "jointly to the deadline.",
    ),
    "milestone": (
        "Mục tiêu định tính: chỉ đánh giá theo minh chứng do cán bộ có tên ghi nhận (lệnh `dxtrack evidence "
        "add`); đánh giá gần nhất được sử dụng; không có minh chứng thì ghi Thiếu dữ liệu, không suy đoán.",
        "Qualitative targets: judged only on evidence recorded by a named assessor (`dxtrack evidence add`); "
        "the latest judgement counts; without evidence the status is insufficient data, never a guess.",
    ),
    "forecast": (
        "Dự báo: mô hình xu hướng phù hợp với chỉ số (tỷ lệ có giới hạn dùng mô hình logit, mức tuyệt đối dùng "
        "mô hình log-tuyến tính, có giảm dần xu hướng - damped) với khoảng dự báo 80% và 95%; xác suất đạt là "
        "xác suất giá trị dự báo tại thời hạn đạt chỉ tiêu. Lộ trình cần thiết là đường thẳng từ năm gốc đến "
        "chỉ tiêu (như khung Thập kỷ số của EU).",
        "Forecast: a trend model suited to the indicator (logit for bounded shares, log-linear for levels, "
        "damped) with 80% and 95% prediction intervals; the probability is that of the forecast at the deadline "
        "meeting the target. The required path is the straight line from the base year to the target (as the "
        "EU Digital Decade does).",
    ),
}


def _method_rows(results: list[dict[str, Any]], lang: Lang) -> list[dict[str, str]]:
    used: dict[str, set[str]] = {}
    for r in results:
        used.setdefault(r["method"], set()).add(r["method_version"])
    models = sorted({str(m) for r in results if (m := (r.get("projection") or {}).get("model"))})
    rows = []
    for key in ("opensdg", "growth", "rank", "milestone"):
        if key in used:
            pair = METHOD_TEXT[key]
            rows.append(
                {"name": key, "version": ", ".join(sorted(used[key])), "text": pair[0] if lang == "vi" else pair[1]}
            )
    pair = METHOD_TEXT["forecast"]
    rows.append({"name": "forecast", "version": ", ".join(models) or "—", "text": pair[0] if lang == "vi" else pair[1]})
    return rows


def _name(entity: Any, lang: Lang) -> str:
    return str(entity.name_vi if lang == "vi" else entity.name_en)


def build_context(
    engine: Engine,
    pack: ContentPack,
    *,
    lang: Lang,
    as_of: dt.date | None = None,
    options: ReportOptions | None = None,
    today: dt.date | None = None,
) -> ReportContext:
    """Assess (storing the run), gather sources, notes, evidence and charts, and format it all for ``lang``."""
    options = options or ReportOptions()
    day = as_of or today or dt.date.today()
    results = assess.assess_all(engine, pack, as_of=as_of, store=True)
    by_id = {r["target"]: r for r in results}
    indicators = sorted({t.indicator for t in pack.targets if t.indicator} | {f.indicator for f in pack.figures})
    with engine.connect() as conn:
        history = repo.observations(conn, indicators=indicators, as_of=as_of, history=True)
        current = repo.observations(conn, indicators=indicators, as_of=as_of)
    book = SourceBook(history, lang)
    run = dict(results[0]["run"]) if results else {}

    # ---- Section I: each target, its latest figure and source
    targets: list[dict[str, Any]] = []
    cites: dict[str, str] = {}
    latest_texts: dict[str, str] = {}
    for t in pack.targets:
        r = by_id[t.id]
        ids = _latest_obs_ids(r, book, t) if r.get("latest") else []
        world = None
        if t.kind is TargetKind.rank and r.get("latest"):
            period = str(r["latest"]["period"])
            vn = [
                book.rows[i]
                for i in r.get("observation_ids") or []
                if str(book.rows.get(i, {}).get("period")) == period
            ]
            ids = [int(x["id"]) for x in vn]
            world = float(vn[0]["value"]) if vn else None
            ids += _peer_obs_ids(current, pack, t, period)
        cite = cite_text(book.cite_obs(ids))
        cites[t.id] = cite
        ind = pack.indicator(t.indicator) if t.indicator else None
        latest = _latest_text(t, r, lang, world, ind.unit if ind else "")
        latest_texts[t.id] = latest
        baseline = r.get("baseline")
        base_txt = "—"
        if baseline and t.kind is not TargetKind.rank:
            base_value = value_unit(float(baseline["value"]), ind.unit if ind else None, lang)
            base_txt = f"{base_value} ({period_text(str(baseline['period']), lang)})"
        elif baseline:
            base_txt = f"{int(float(baseline['value']))} ({baseline['period']})"
        targets.append(
            {
                "id": t.id,
                "doc": doc_short(t.doc, lang),
                "section": t.section,
                "horizon": label(f"horizon_{t.horizon}", lang),
                "text": t.quote_vi if lang == "vi" else t.gloss_en,
                "quote_vi": t.quote_vi,
                "indicator": _name(ind, lang) if ind else "—",
                "kind": t.kind.value,
                "latest": latest if r.get("latest") else "—",
                "period": period_text(_latest_period(t, r), lang),
                "cite": cite,
                "baseline": base_txt,
                "goal": target_goal(t, lang),
                "deadline": str(t.deadline) if t.deadline else "—",
                "status": r["status"],
                "status_label": status_label(r["status"], lang),
                "probability": prob(r.get("probability"), lang),
                "method": f"{r['method']} ({r['method_version']})",
            }
        )
    overview = []
    for key in (
        "target_achieved",
        "substantial_progress",
        "moderate_progress",
        "limited_progress",
        "deterioration",
        "insufficient_data",
    ):
        n = sum(1 for r in results if r["status"] == key)
        if n:
            overview.append({"status": key, "label": status_label(key, lang), "count": n})

    # ---- Figures the Conclusion reports (observations sourced to the document)
    figures: list[dict[str, Any]] = []
    if not history.empty:
        comments = history["comment"].fillna("").astype(str)
        for fig in pack.figures:
            match = history[comments.str.startswith(f"figure {fig.id};") | (comments == f"figure {fig.id}")]
            if match.empty:
                continue
            cite = cite_text(book.cite_obs([int(match.iloc[-1]["id"])]))
            figures.append(
                {
                    "id": fig.id,
                    "text": fig.quote_vi if lang == "vi" else fig.gloss_en,
                    "value": _figure_value(fig, lang),
                    "period": period_text(str(match.iloc[-1]["period"]), lang),
                    "indicator": _name(pack.indicator(fig.indicator), lang),
                    "cite": cite,
                }
            )
    doc_achievements = []
    for a in pack.achievements:
        doc = next(d for d in pack.documents if d.id == a.doc)
        if as_of is not None and doc.published_on > as_of:
            continue
        n = book.cite_document(pack, a.doc)
        doc_achievements.append({"text": a.quote_vi if lang == "vi" else a.gloss_en, "cite": cite_text([n])})

    supported = []
    for t in pack.targets:
        r = by_id[t.id]
        if r["status"] in ("target_achieved", "substantial_progress") and t.kind is not TargetKind.milestone:
            ind = pack.indicator(t.indicator) if t.indicator else None
            name = _name(ind, lang) if ind else t.id
            period = period_text(_latest_period(t, r), lang)
            if lang == "vi":
                verdict = "đã đạt chỉ tiêu" if r["status"] == "target_achieved" else "đúng hướng để đạt chỉ tiêu"
                supported.append(
                    f"{name}: {latest_texts[t.id]} ({period}) {cites[t.id]}, {verdict} {target_goal(t, lang)}."
                )
            else:
                verdict = "meeting the target of" if r["status"] == "target_achieved" else "on track for the target of"
                supported.append(
                    f"{name}: {latest_texts[t.id]} ({period}) {cites[t.id]}, {verdict} {target_goal(t, lang)}."
                )
        elif r["status"] in ("target_achieved", "substantial_progress"):
            supported.append(
                f"{t.quote_vi if lang == 'vi' else t.gloss_en} — {status_label(r['status'], lang)} "
                f"({_text('theo minh chứng của', 'on evidence by', lang)} {r.get('judged_by') or '—'})."
            )

    # ---- Charts for quantified targets
    chart_list: list[Chart] = []
    charts_missing: list[str] = []
    for t in pack.targets:
        if t.kind is TargetKind.milestone or not t.indicator:
            continue
        detail = assess.assess_target(engine, pack, t.id, as_of=as_of)
        goal = target_goal(t, lang)
        png = charts.target_chart(t, detail, pack.indicator(t.indicator).unit, lang, goal)
        ind_name = _name(pack.indicator(t.indicator), lang)
        if png is None:
            charts_missing.append(f"{ind_name} ({t.id})")
            continue
        n = len(chart_list) + 1
        used = list(by_id[t.id].get("observation_ids") or [])
        if t.kind is TargetKind.rank:
            used += _peer_obs_ids(current, pack, t, None)
        chart_cite = cite_text(book.cite_obs(used)) or cites[t.id]
        what = _text("chỉ tiêu", "target", lang)
        caption = f"{label('figure', lang)} {n}: {ind_name} — {what} {goal} ({t.id}) {chart_cite}"
        chart_list.append(Chart(n=n, target=t.id, caption=caption, png=png))

    # ---- Section II
    off_track = []
    missing = []
    for t in pack.targets:
        r = by_id[t.id]
        row = next(x for x in targets if x["id"] == t.id)
        if r["status"] == "insufficient_data":
            missing.append({**row, "reason": reason_text(r, lang)})
            continue
        p = r.get("probability")
        if r["status"] in AT_RISK or (p is not None and p < 0.5 and r["status"] != "target_achieved"):
            off_track.append({**row, "sentence": _gap_sentence(t, r, lang, latest_texts[t.id], cites[t.id])})

    def data_say(targets_: list[str], indicators_: list[str]) -> str:
        bits = []
        for tid in targets_:
            if tid in by_id:
                r = by_id[tid]
                tt = pack.target(tid)
                fig_txt = (
                    f"{latest_texts[tid]} ({period_text(_latest_period(tt, r), lang)}) {cites[tid]}"
                    if r.get("latest")
                    else label("no_data", lang)
                )
                bits.append(f"{tid}: {status_label(r['status'], lang)} — {fig_txt}")
        for code in indicators_:
            sub = current[(current["indicator"] == code) & (current["area"] == "VNM")] if not current.empty else current
            if len(sub):
                last = sub.iloc[latest_index(list(sub["period"]))]
                c = cite_text(book.cite_obs([int(last["id"])]))
                ind = pack.indicator(code)
                bits.append(
                    f"{_name(ind, lang)}: {value_unit(float(last['value']), ind.unit, lang)} "
                    f"({period_text(str(last['period']), lang)}) {c}"
                )
        return "; ".join(bits) if bits else label("related_none", lang)

    doc_limitations = []
    doc_causes = []
    for lim in pack.limitations:
        if lim.doc != "001":
            continue
        doc = next(d for d in pack.documents if d.id == lim.doc)
        if as_of is not None and doc.published_on > as_of:
            continue
        n = book.cite_document(pack, lim.doc)
        item = {
            "quote": lim.quote_vi,
            "gloss": lim.gloss_en,
            "text": lim.quote_vi if lang == "vi" else lim.gloss_en,
            "cite": cite_text([n]),
            "section": lim.section,
        }
        if lim.kind == "limitation":
            doc_limitations.append({**item, "data": data_say(lim.targets, lim.indicators)})
        else:
            nature = {"subjective": ("chủ quan", "subjective"), "objective": ("khách quan", "objective")}.get(
                lim.nature or "", ("", "")
            )
            doc_causes.append({**item, "nature": nature[0] if lang == "vi" else nature[1]})

    # ---- Section III: analysts' notes
    notes = [
        {
            "text": n["text"],
            "author": n["author"],
            "date": date_text(_as_date(n["date"]), lang),
            "target": n.get("target_id"),
            "lang": n.get("lang"),
        }
        for n in records.notes(engine, section="causes", as_of=as_of)
    ]

    # ---- Section IV: policy groups, tasks, bodies, evidence
    bodies = {b.id: b for b in pack.bodies}
    evidence = records.evidence(engine, as_of=as_of)
    groups = []
    unknown = [b for b in options.bodies if b not in bodies]
    if unknown:
        raise DxtrackError(
            f"body '{unknown[0]}' is not in content pack {pack.id}; 'dxtrack catalog show --kind bodies'"
        )
    for g in pack.policy_groups:
        tasks = []
        for task in g.tasks:
            if options.bodies and not set(task.bodies) & set(options.bodies):
                continue
            names = [_name(bodies[b], lang) for b in task.bodies if b in bodies]
            status_bits = []
            for tid in task.targets:
                if tid in by_id:
                    status_bits.append(f"{tid}: {status_label(by_id[tid]['status'], lang)}")
            ev = [e for e in evidence if e["target_id"] in task.targets]
            ev_txt = ""
            if ev:
                e = ev[-1]
                ev_txt = (
                    f"{date_text(_as_date(e['date']), lang)} — {e['assessor']}: {e['text']} "
                    f"({status_label(e['judgement'], lang)})"
                )
            tasks.append(
                {
                    "id": task.id,
                    "text": task.quote_vi if lang == "vi" else task.gloss_en,
                    "bodies": "; ".join(names) if names else label("no_bodies", lang),
                    "status": "; ".join(status_bits),
                    "evidence": ev_txt or label("no_evaluation", lang),
                }
            )
        if not tasks:
            continue
        groups.append(
            {
                "id": g.id,
                "title": g.title_vi if lang == "vi" else g.title_en,
                "doc": doc_short(g.doc, lang),
                "section": g.section,
                "tasks": tasks,
            }
        )

    # ---- Title block and run
    final = day.year >= 2030 and day >= dt.date(2030, 12, 31)
    review = label("review_final" if final else "review_interim", lang)
    issuer = options.issuer or (DEFAULT_ISSUER if lang == "vi" else DEFAULT_ISSUER_EN)
    place = options.place or ("Hà Nội" if lang == "vi" else "Hanoi")
    meta = {
        "issuer": issuer,
        "issuer_parent": options.issuer_parent or "",
        "report": label("report", lang),
        "title": f"{review} {label('title_tail', lang)}",
        "draft": label("draft", lang),
        "draft_note": label("draft_note", lang),
        "place_date": place_date(place, day, lang),
        "as_of": date_text(as_of, lang) if as_of else date_text(day, lang),
        "generated_on": date_text(today or dt.date.today(), lang),
        "pack": f"{pack.title_vi if lang == 'vi' else pack.title_en} (v{pack.version})",
        "doc_title": f"{label('report', lang).title()} — {review} NQ 52-NQ/TW",
    }
    run_info = {
        "as_of": date_text(_as_date(run.get("as_of")), lang),
        "catalogue_hash": run.get("catalogue_hash", ""),
        "data_hash": run.get("data_hash", ""),
        "method_version": run.get("method_version", ""),
    }
    labels = {key: label(key, lang) for key in LABELS}
    return ReportContext(
        lang=lang,
        labels=labels,
        meta=meta,
        overview=overview,
        targets=targets,
        figures=figures,
        doc_achievements=doc_achievements,
        supported=supported,
        charts=chart_list,
        charts_missing=charts_missing,
        off_track=off_track,
        missing=missing,
        doc_limitations=doc_limitations,
        notes=notes,
        doc_causes=doc_causes,
        groups=groups,
        methods=_method_rows(results, lang),
        run=run_info,
        sources=book.listing(),
    )
