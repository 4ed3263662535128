"""Why a target cannot be judged, rendered by lookup: each reason code of the assessment has a Vietnamese and
an English template filled with its parameters (never a translation of English text)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dxtrack.domain.status import Reason
from dxtrack.present.dates import period_text
from dxtrack.present.lang import Lang, pick

# code → (vi, en) templates; parameters in braces. The English texts are the assessment's own messages.
REASONS: dict[str, tuple[str, str]] = {
    "no_observations": ("chưa có số liệu quan sát nào", "no observations"),
    "no_evidence": (
        "chưa có minh chứng, đánh giá nào được ghi nhận (mục tiêu định tính)",
        "no evidence or judgement recorded (qualitative target)",
    ),
    "no_observation_since": ("chưa có số liệu từ năm {year} trở đi", "no observation in or after {year}"),
    "no_observation_in_window": (
        "chưa có số liệu trong giai đoạn {first}–{last}",
        "no observation in {first}–{last}",
    ),
    "no_observation_after": ("chưa có số liệu sau năm {year}", "no observation after {year}"),
    "only_one_point": (
        "cần ít nhất hai kỳ số liệu (từ năm {since} chỉ có {period})",
        "needs at least two points (only {period} from {since} on)",
    ),
    "needs_two_points": ("cần ít nhất hai kỳ số liệu", "needs at least two points"),
    "needs_two_points_by": (
        "cần ít nhất hai kỳ số liệu đến năm mục tiêu {year}",
        "needs at least two points up to target year {year}",
    ),
    "levels_not_positive": ("số liệu phải dương để tính tốc độ tăng", "levels must be positive"),
    "no_edition_ranks": ("chưa có kỳ xếp hạng nào có {area}", "no edition ranks {area}"),
    "no_data_for": ("chưa có số liệu của {area}", "no data for {area}"),
    "needs_three_editions": (
        "cần ít nhất ba kỳ xếp hạng của {area} để dự báo",
        "{area} needs at least three editions to project",
    ),
    "target_year_is_base_year": ("năm mục tiêu trùng năm gốc {year}", "target year equals base year {year}"),
    "opposite_signs": (
        "giá trị gốc ({base}) và giá trị hiện tại ({current}) trái dấu",
        "base value ({base}) and current value ({current}) have opposite signs",
    ),
    "progress_undefined": (
        "không xác định được mức tiến triển (chỉ tiêu và giá trị gốc trái dấu)",
        "progress value undefined (target and base value have opposite signs)",
    ),
    "growth_rate_series": (
        "chuỗi số liệu đã là tốc độ tăng: cần chuyên gia đánh giá",
        "series is itself a growth rate: needs expert judgement",
    ),
    "target_equals_base": ("chỉ tiêu bằng giá trị gốc", "target equals the base value"),
    "no_data": ("chưa có số liệu", "no data"),
    "progress_not_computed": ("không tính được mức độ tiến triển", "progress cannot be computed"),
    "awaiting_official": (
        "đã qua thời hạn; chưa công bố số liệu chính thức kỳ {period}",
        "deadline passed; the official figure for {period} is not yet released",
    ),
    "judged_on_official": (
        "đánh giá theo số liệu chính thức kỳ {period}",
        "judged on the official figure for {period}",
    ),
    "judged_on_window_average": (
        "đánh giá theo mức bình quân giai đoạn {first}–{last} đã công bố",
        "judged on the published average for {first}–{last}",
    ),
    "judged_on_yearly_mean": (
        "đánh giá theo bình quân các năm {first}–{last}",
        "judged on the mean of the years {first}–{last}",
    ),
    "outcome_decided": (
        "kết quả đã rõ: dù các năm còn thiếu của giai đoạn {first}–{last} đạt mức {bound} cũng không thay đổi",
        "outcome decided: even a value of {bound} in the missing years of {first}–{last} would not change it",
    ),
    "judged_on_edition": (
        "đánh giá theo ấn bản {edition}, ấn bản có hiệu lực tại thời hạn",
        "judged on the {edition} edition, the edition in force at the deadline",
    ),
}
UNKNOWN: tuple[str, str] = ("chưa đủ số liệu để đánh giá", "not enough data to assess")


# focus areas of the bundled packs, named in a sentence instead of their ISO code ("chưa có số liệu của Việt Nam")
AREA_NAMES: dict[str, tuple[str, str]] = {"VNM": ("Việt Nam", "Viet Nam")}


def _param_text(key: str, value: Any, lang: Lang) -> Any:
    if key == "period":
        return period_text(str(value), lang)
    if key == "area" and value in AREA_NAMES:
        return pick(AREA_NAMES[value], lang)
    return value


def reason_text(reason: Reason | Mapping[str, Any] | None, lang: Lang) -> str:
    """A reason in ``lang``: its template filled with its parameters (periods in the page language).

    Accepts a :class:`Reason` or a mapping with ``code``/``params`` (``reason_code``/``reason_params`` as in
    the JSON outputs); no reason, or an unknown code, reads "not enough data to assess"."""
    if reason is None:
        return pick(UNKNOWN, lang)
    if isinstance(reason, Reason):
        code, params = reason.code, dict(reason.params)
    else:
        code = str(reason.get("code") or reason.get("reason_code") or "")
        params = dict(reason.get("params") or reason.get("reason_params") or {})
    template = REASONS.get(code)
    if template is None:
        return pick(UNKNOWN, lang)
    shown = {k: _param_text(k, v, lang) for k, v in params.items()}
    try:
        return pick(template, lang).format(**shown)
    except (KeyError, IndexError):
        return pick(UNKNOWN, lang)
