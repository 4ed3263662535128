"""The strategy catalogue as typed data: documents, indicators, targets, figures, tasks, bodies, systems.

A content pack (YAML) is validated into a :class:`ContentPack`. These models carry no I/O; loading,
cross-reference checks and JSON-Schema export live in :mod:`dxtrack.catalog`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

DocId = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z_.\-]+$")]
"""A source document's id within its pack (vn-nq52: "000" the Resolution, "001" the Conclusion)."""


class Strict(BaseModel):
    """Base model: unknown keys are errors, so a typo in a pack never passes silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Direction(StrEnum):
    higher_better = "higher_better"
    lower_better = "lower_better"
    target_band = "target_band"
    neutral = "neutral"  # context series (population, area): no better or worse


class AggregationKind(StrEnum):
    sum = "sum"
    mean = "mean"
    weighted_mean = "weighted_mean"
    ratio = "ratio"
    min = "min"
    max = "max"
    harmonic_mean = "harmonic_mean"  # sum(W) / sum(W / x): e.g. density -> total population / total area
    rank = "rank"  # ranked again from the combined values of another indicator (`of`), never averaged
    none = "none"


class Aggregation(Strict):
    """How values of this indicator combine across areas (e.g. predecessor provinces → new unit)."""

    kind: AggregationKind
    weight_indicator: str | None = Field(
        default=None, description="weighted_mean and harmonic_mean: the indicator giving the weights"
    )
    numerator: str | None = None
    denominator: str | None = None
    of: str | None = Field(default=None, description="rank: the score indicator the rank is recomputed from")


class DocRef(Strict):
    """Where a statement comes from: document id ("000" Resolution, "001" Conclusion) and section."""

    doc: DocId
    section: str = Field(description="Section or point, e.g. 'II.2', 'III.3', 'intro', '8'")


class Document(Strict):
    id: DocId
    file: str = Field(
        description="The source text, relative to the pack folder (e.g. 'texts/000_….txt'); a '.md' file is "
        "read as Markdown (escapes, emphasis and table bars removed before quotes are looked up)"
    )
    title_vi: str
    title_en: str
    short_vi: str = Field(description="How an interface names the document in one phrase")
    short_en: str
    issued_on: dt.date | None = None
    published_on: dt.date = Field(description="Date used as published_on for figures from this document")
    date_note: str | None = None
    kind: Literal["resolution", "conclusion", "other"] = "other"
    status: Literal["adopted", "draft"] = "adopted"
    issuer_vi: str | None = None
    covers_period: str | None = Field(
        default=None, description="Implementation period the document reviews, e.g. '2019-09-27/2024'"
    )


class Indicator(Strict):
    code: str = Field(pattern=r"^[A-Z][A-Z0-9_.]*$")
    name_vi: str
    name_en: str
    unit: str
    direction: Direction
    definition_vi: str
    definition_en: str
    sources: list[str] = Field(default_factory=list, description="Where values come from (publisher/dataset)")
    aggregation: Aggregation
    frequency: Literal["annual", "edition", "quarterly", "monthly", "once", "irregular"] = "annual"
    annual_rule: Literal["latest", "mean"] = Field(
        default="latest",
        description="How a year's sub-annual values give its value when no annual value is published: "
        "'latest' reading (levels, stocks, year-to-date figures) or 'mean' of the periods (per-period rates)",
    )
    bounds: tuple[float, float] | None = Field(
        default=None, description="Natural bounds (e.g. 0–100 for a percentage); used to pick a forecast scale"
    )
    value_type: Literal["real", "non_negative", "count", "rank"] = Field(
        default="real",
        description="What one value may be, checked at every import with `bounds`: any real number, a number "
        "not below 0, a whole number not below 0, or a rank (a whole number from 1)",
    )
    unit_conversions: dict[str, float] = Field(
        default_factory=dict,
        description="Other units accepted at import, each with the factor that turns its value into `unit`",
    )
    growth_rate: bool = Field(
        default=False,
        description="Values are already year-on-year growth rates in % (a growth target averages them over its "
        "window; a value for the whole window, e.g. period '2021-2025', is the published average)",
    )
    edition_every: int | None = Field(
        default=None,
        description="Edition series: years between editions (2 for a biennial survey); no edition is forecast "
        "that this schedule does not foresee",
    )
    note: str | None = None


class RecordExclusion(Strict):
    """Records left out of an indicator's population, with the reason (a SQL condition on one record)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    when: str = Field(description="SQL condition on the record's columns; true = excluded")
    note_vi: str
    note_en: str


class RecordDefinition(Strict):
    """How an indicator is computed from service records (docs/microdata.md): portable SQL conditions.

    Population = valid records not excluded; ``share`` = 100 x (population meeting ``numerator``) / population;
    ``mean`` = sum of ``value`` over the population / population; ``count`` = population size.
    """

    measure: Literal["share", "mean", "count"]
    numerator: str | None = Field(default=None, description="share: SQL condition counted in the numerator")
    value: str | None = Field(default=None, description="mean: SQL expression averaged")
    exclusions: list[RecordExclusion] = Field(default_factory=list)
    annex_item: str | None = Field(default=None, description="The Annex I item (03/NQ-CP) it informs, if any")


class RecordIndicator(Indicator):
    """An indicator of the registry that is also computed from administrative records."""

    records: RecordDefinition


class Comparator(StrEnum):
    ge = ">="
    gt = ">"
    le = "<="
    lt = "<"
    eq = "=="
    about = "about"
    rank_within = "rank_within"
    qualitative = "qualitative"


class TargetKind(StrEnum):
    threshold = "threshold"  # level of an indicator at the deadline
    growth = "growth"  # average annual growth over a window
    rank = "rank"  # rank within a peer group
    milestone = "milestone"  # qualitative, judged by evidence


class ProgressOptions(Strict):
    """Per-target choice of progress method and its parameters (open-sdg names)."""

    method: Literal["opensdg", "undesa"] = "opensdg"
    base_year: int | None = None
    thresholds: dict[Literal["high", "med", "low"], float] | None = None
    limit: float | None = None
    forecast: Literal["auto", "logit", "log", "linear", "damped"] = "auto"


class Baseline(Strict):
    period: str
    value: float
    note: str | None = None


class Target(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$")
    doc: DocId
    section: str
    kind: TargetKind
    horizon: str = Field(
        description="Id of one of the pack's horizons (e.g. 'general', '2030', 'continuing'); checked by the loader"
    )
    quote_vi: str = Field(description="Verbatim Vietnamese words of the document")
    gloss_en: str
    indicator: str | None = None
    comparator: Comparator
    value: float | None = None
    tolerance: float | None = Field(default=None, description="For 'about': the band counted as met")
    unit: str | None = None
    deadline: int | None = Field(default=None, description="Year by which the target is to be met")
    peer_group: str | None = None
    window: tuple[int, int] | None = Field(default=None, description="Growth window [first, last] year")
    area: str = "VNM"
    baseline: Baseline | None = None
    progress: ProgressOptions = Field(default_factory=ProgressOptions)
    note: str | None = None
    note_vi: str | None = Field(default=None, description="The note in Vietnamese (shown on Vietnamese pages)")
    evidence_indicators: list[str] = Field(
        default_factory=list,
        description="Other indicators that inform the judgement (proxies, components); not the headline",
    )
    maintain: bool = Field(
        default=False,
        description="The text says keep/maintain ('Duy trì'): the position must hold in every edition of the "
        "period up to the deadline; the report says when it was lost and regained",
    )
    official_rank: str | None = Field(
        default=None,
        description="Rank targets: the indicator holding the rank within the peer group as published by the "
        "producer; it takes precedence over a rank computed from the members' data",
    )
    related_targets: list[str] = Field(
        default_factory=list, description="Targets of the other document that restate or refine this one"
    )
    monitored_by: list[str] = Field(
        default_factory=list, description="Ids of the bodies that monitor and evaluate it (chủ trì theo dõi, đánh giá)"
    )
    continues: list[str] = Field(
        default_factory=list,
        description="Targets of another pack this one continues, as 'pack-id:target-id' (checked when that "
        "pack is present); the same indicator is then judged against both",
    )


class FigureQualifier(StrEnum):
    """How the document qualifies a reported number ('khoảng', 'trên', 'hơn', 'ước đạt', 'trong nhóm')."""

    exact = "exact"
    about = "about"  # khoảng
    more_than = "more_than"  # trên, hơn
    at_most = "at_most"  # e.g. 'trong nhóm 50' for a rank: rank <= 50
    estimate = "estimate"  # ước đạt


class Figure(Strict):
    """A figure the Conclusion reports as achieved; loaded as an observation sourced to the document."""

    id: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$")
    doc: DocId
    section: str
    indicator: str
    area: str = "VNM"
    value: float
    unit: str
    period: str = Field(description="Year ('2023') or range ('2020-2023'); see period_basis")
    period_basis: Literal["stated", "review_date"] = Field(
        default="stated",
        description="'stated': the text names the period; 'review_date': the text says 'đến nay' (as of the "
        "review) and period is the year of the document's published_on",
    )
    qualifier: FigureQualifier = FigureQualifier.exact
    of_total: float | None = Field(default=None, description="Base the value is counted out of (43/53 -> 53)")
    quote_vi: str
    gloss_en: str
    note: str | None = None


class Achievement(Strict):
    """A result the documents report in words only (no number), e.g. a body set up or a service universalised."""

    id: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$")
    doc: DocId
    section: str
    quote_vi: str
    gloss_en: str
    targets: list[str] = Field(default_factory=list)
    indicators: list[str] = Field(default_factory=list)
    systems: list[str] = Field(default_factory=list)
    bodies: list[str] = Field(default_factory=list)
    note: str | None = None


TaskDeadline = Annotated[
    str,
    StringConstraints(pattern=r"^(\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?|\d{4}/(\d{4}|\.\.)|continuing|annual)$"),
]
"""A task deadline that is not a plain year: '2025-06' (month), '2025-Q2' (quarter), '2025/2026' (a span),
'2025/..' (that year and the following ones), 'continuing' (thường xuyên) or 'annual' (hằng năm)."""


class Task(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$")
    quote_vi: str
    gloss_en: str
    bodies: list[str] = Field(default_factory=list)
    systems: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    deadline: int | TaskDeadline | None = Field(
        default=None, description="A year (2025), or a month, quarter, span, 'continuing' or 'annual'"
    )
    deadline_vi: str | None = Field(default=None, description="The deadline as the document writes it")
    leads: list[str] = Field(
        default_factory=list, description="Ids of the bodies that lead the task (chủ trì); usually one"
    )
    leads_vi: str | None = Field(default=None, description="The lead body cell as the document writes it")
    cooperating: list[str] = Field(default_factory=list, description="Ids of the co-operating bodies (phối hợp)")
    cooperating_vi: str | None = Field(default=None, description="The co-operating bodies as written")
    product_vi: str | None = Field(default=None, description="Expected product (kết quả), verbatim")
    product_en: str | None = None
    note: str | None = None


class PolicyGroup(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$")
    doc: DocId
    section: str
    title_vi: str
    title_en: str
    tasks: list[Task]


class DutyKind(StrEnum):
    disseminate = "disseminate"
    plan = "plan"
    study = "study"
    legislate = "legislate"
    strategy = "strategy"
    resource = "resource"
    supervise = "supervise"
    guide = "guide"
    monitor = "monitor"
    review = "review"
    report = "report"
    inspect = "inspect"
    direct = "direct"  # lãnh đạo, chỉ đạo
    coordinate = "coordinate"  # chủ trì, điều phối
    implement = "implement"  # tổ chức thực hiện, triển khai
    mobilise = "mobilise"  # vận động, tuyên truyền
    accountable = "accountable"  # chịu trách nhiệm; results count in the evaluation of the head
    pioneer = "pioneer"  # tiên phong, đi đầu


class Duty(Strict):
    doc: DocId
    section: str
    quote_vi: str
    gloss_en: str
    kinds: list[DutyKind]
    reports_to: list[str] = Field(default_factory=list)
    with_bodies: list[str] = Field(default_factory=list, description="Bodies it works with (phối hợp)")
    every_months: int | None = Field(
        default=None, ge=1, description="How often it reports or reviews, in months (e.g. 6: 'định kỳ 6 tháng')"
    )
    note: str | None = None


class Body(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$")
    name_vi: str
    name_en: str
    names_in_text: list[str] = Field(
        default_factory=list,
        description="Other names the documents use for it, e.g. a ministry's name before a merger",
    )
    kind: Literal["party", "state", "front", "committee", "collective", "other"] = "other"
    org: str | None = Field(
        default=None,
        description="The organisation it is (an id of the data snapshot's organisations); none for a collective",
    )
    org_kinds: list[Literal["ministry", "agency", "province"]] = Field(
        default_factory=list,
        description="For a collective body: the kinds of organisation it stands for (e.g. 'các bộ, ngành' = "
        "ministry and agency, 'các tỉnh, thành phố' = province); every such organisation existing on a call's "
        "cut-off date reports on the body's tasks",
    )
    org_parent: str | None = Field(
        default=None,
        description="With org_kinds: only organisations directly under this one (e.g. CENTRAL: Government "
        "agencies, not a ministry's own departments)",
    )
    duties: list[Duty] = Field(default_factory=list)
    note: str | None = None

    @model_validator(mode="after")
    def _collective_members(self) -> Body:
        if (self.org_kinds or self.org_parent) and self.kind != "collective":
            raise ValueError("org_kinds and org_parent are for collective bodies (kind: collective) only")
        if self.org_parent and not self.org_kinds:
            raise ValueError("org_parent needs org_kinds")
        return self


class Limitation(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$")
    doc: DocId
    section: str
    kind: Literal["limitation", "cause"]
    nature: Literal["subjective", "objective"] | None = Field(
        default=None, description="For causes: chủ quan (subjective) or khách quan (objective), when stated"
    )
    quote_vi: str
    gloss_en: str
    targets: list[str] = Field(default_factory=list)
    indicators: list[str] = Field(default_factory=list)
    systems: list[str] = Field(default_factory=list)
    bodies: list[str] = Field(default_factory=list)
    note: str | None = None


class System(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$")
    name_vi: str
    name_en: str
    kind: Literal[
        "platform",
        "database",
        "information_system",
        "infrastructure",
        "network",
        "centre",
        "zone",
        "market",
        "ecosystem",
        "framework",
        "measurement",
    ]
    mentions: list[DocRef] = Field(
        default_factory=list, description="Where it is named; the first mention is where quote_vi is from"
    )
    quote_vi: str
    indicators: list[str] = Field(default_factory=list)
    part_of: str | None = Field(default=None, description="Id of the wider system it belongs to")
    note: str | None = Field(default=None, description="E.g. why no indicator measures it")


class PeerGroup(Strict):
    id: str
    name_vi: str
    name_en: str
    members: list[str] | None = Field(default=None, description="Area codes; None = every area in the data")
    note: str | None = None


class ValidationRule(Strict):
    """A cross-item rule over the indicators of one unit's report, checked at entry when all of its indicators
    are in the report and reported: ``le`` (left ≤ right, e.g. a part ≤ its whole) or ``share_of`` (share =
    100 × part / whole, within ``tolerance`` percentage points)."""

    id: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$")
    kind: Literal["le", "share_of"]
    left: str | None = Field(default=None, description="le: the indicator that is at most `right`")
    right: str | None = None
    share: str | None = Field(default=None, description="share_of: the indicator reported as a percentage")
    part: str | None = None
    whole: str | None = None
    tolerance: float = Field(default=0.5, ge=0, description="share_of: allowed gap, in percentage points")
    note: str | None = Field(default=None, description="Why the rule holds by definition")

    @model_validator(mode="after")
    def _operands(self) -> ValidationRule:
        need = ("left", "right") if self.kind == "le" else ("share", "part", "whole")
        other = ("share", "part", "whole") if self.kind == "le" else ("left", "right")
        if any(getattr(self, k) is None for k in need) or any(getattr(self, k) is not None for k in other):
            raise ValueError(f"a '{self.kind}' rule names exactly {', '.join(need)}")
        return self

    @property
    def indicators(self) -> tuple[str, ...]:
        """The indicators the rule is over, in its order (left, right or share, part, whole)."""
        names = (self.left, self.right) if self.kind == "le" else (self.share, self.part, self.whole)
        return tuple(n for n in names if n is not None)


PACK_FORMAT = 2
"""The content-pack format this version of dxtrack reads (``format:`` in pack.yaml)."""


class PackLabels(Strict):
    """How interfaces name the strategy: a short phrase, the web subtitle and the report title tail."""

    short_vi: str
    short_en: str
    subtitle_vi: str
    subtitle_en: str
    report_title_vi: str = Field(description="Follows 'BÁO CÁO / Sơ kết' in a report title: 'việc thực hiện …'")
    report_title_en: str


class Horizon(Strict):
    """A group targets are shown in (e.g. 'By 2030'); targets name it by id."""

    id: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$")
    label_vi: str
    label_en: str
    year: int | None = Field(default=None, description="The year it ends; None for 'general' or 'continuing'")


class ContentPack(Strict):
    format: Literal[2] = Field(description="Content-pack format; this version of dxtrack reads format 2")
    id: str
    title_vi: str
    title_en: str
    version: str
    focus_area: str = Field(description="Area code whose progress the pack judges, e.g. 'VNM'")
    labels: PackLabels
    horizons: list[Horizon] = Field(min_length=1, description="The groups targets are shown in, in order")
    documents: list[Document]
    peer_groups: list[PeerGroup] = Field(default_factory=list)
    scorecard: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9_.\-]+$",
        description="Id of the bundled provincial scorecard spec (resources/index/<id>.yaml) whose columns the "
        "pack's indicators fill; the indicators' `aggregation` gives their 63 -> 34 re-aggregation rule",
    )
    indicators: list[Indicator]
    targets: list[Target]
    figures: list[Figure] = Field(default_factory=list)
    policy_groups: list[PolicyGroup] = Field(default_factory=list)
    bodies: list[Body] = Field(default_factory=list)
    limitations: list[Limitation] = Field(default_factory=list)
    systems: list[System] = Field(default_factory=list)
    achievements: list[Achievement] = Field(default_factory=list)
    record_indicators: list[RecordIndicator] = Field(
        default_factory=list,
        description="Indicators computed from service records (record_indicators.yaml); they join `indicators`",
    )
    validation_rules: list[ValidationRule] = Field(
        default_factory=list,
        description="Cross-item entry rules over the indicators of one unit's report (part ≤ whole, share = "
        "100 × part / whole); a rule binds a report holding all of its indicators",
    )
    note: str | None = None

    @model_validator(mode="after")
    def _register_record_indicators(self) -> ContentPack:
        """Record indicators are registry entries too (one definition, listed once in the pack's files)."""
        known = {i.code for i in self.indicators}
        extra = [Indicator.model_validate(r.model_dump(exclude={"records"})) for r in self.record_indicators]
        object.__setattr__(self, "indicators", [*self.indicators, *(i for i in extra if i.code not in known)])
        return self

    def indicator(self, code: str) -> Indicator:
        for ind in self.indicators:
            if ind.code == code:
                return ind
        raise KeyError(code)

    def target(self, target_id: str) -> Target:
        for t in self.targets:
            if t.id == target_id:
                return t
        raise KeyError(target_id)

    def peer_group(self, group_id: str) -> PeerGroup:
        for g in self.peer_groups:
            if g.id == group_id:
                return g
        raise KeyError(group_id)

    def horizon(self, horizon_id: str) -> Horizon:
        for h in self.horizons:
            if h.id == horizon_id:
                return h
        raise KeyError(horizon_id)

    def document(self, doc_id: str) -> Document:
        for d in self.documents:
            if d.id == doc_id:
                return d
        raise KeyError(doc_id)

    def body(self, body_id: str) -> Body:
        for b in self.bodies:
            if b.id == body_id:
                return b
        raise KeyError(body_id)
