"""Checks a validated pack must also pass: unique ids, cross references, target rules, quotes.

Each check yields ``(key path, message)``; :mod:`dxtrack.catalog.loader` turns the key path into a
file and line. :func:`check_quotes` is public because tests and ``dxtrack catalog check`` call it.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from dxtrack.catalog.problems import Problem
from dxtrack.catalog.source import Loc, PackSource, format_loc
from dxtrack.domain.catalog import AggregationKind, Comparator, ContentPack, TargetKind
from dxtrack.domain.period import parse_period

log = logging.getLogger(__name__)

Issue = tuple[Loc, str]

SEEDS_ENV = "DXTRACK_SEEDS_DIR"
_WS = re.compile(r"\s+")


# -- unique ids -----------------------------------------------------------------------------------


def _unique(items: Iterable[tuple[Loc, str]], what: str) -> Iterator[Issue]:
    first: dict[str, Loc] = {}
    for loc, ident in items:
        if ident in first:
            yield loc, f"duplicate {what} '{ident}' (also at {format_loc(first[ident])})"
        else:
            first[ident] = loc


def check_unique(pack: ContentPack) -> list[Issue]:
    out: list[Issue] = []
    out += _unique(((("documents", i, "id"), d.id) for i, d in enumerate(pack.documents)), "document id")
    out += _unique(((("peer_groups", i, "id"), g.id) for i, g in enumerate(pack.peer_groups)), "peer group id")
    out += _unique(((("indicators", i, "code"), ind.code) for i, ind in enumerate(pack.indicators)), "indicator code")
    out += _unique(((("targets", i, "id"), t.id) for i, t in enumerate(pack.targets)), "target id")
    out += _unique(((("figures", i, "id"), f.id) for i, f in enumerate(pack.figures)), "figure id")
    out += _unique(((("policy_groups", i, "id"), g.id) for i, g in enumerate(pack.policy_groups)), "policy group id")
    out += _unique(
        (
            (("policy_groups", gi, "tasks", ti, "id"), t.id)
            for gi, g in enumerate(pack.policy_groups)
            for ti, t in enumerate(g.tasks)
        ),
        "task id",
    )
    out += _unique(((("bodies", i, "id"), b.id) for i, b in enumerate(pack.bodies)), "body id")
    out += _unique(((("limitations", i, "id"), x.id) for i, x in enumerate(pack.limitations)), "limitation id")
    out += _unique(((("systems", i, "id"), s.id) for i, s in enumerate(pack.systems)), "system id")
    out += _unique(((("achievements", i, "id"), a.id) for i, a in enumerate(pack.achievements)), "achievement id")
    for i, g in enumerate(pack.peer_groups):
        if g.members is not None:
            out += _unique(
                ((("peer_groups", i, "members", k), m) for k, m in enumerate(g.members)), "peer group member"
            )
    return out


# -- cross references -----------------------------------------------------------------------------


def _refs(loc: Loc, values: Iterable[str | None], known: set[str], what: str) -> Iterator[Issue]:
    for k, v in enumerate(values):
        if v is not None and v not in known:
            yield (*loc, k), f"unknown {what} '{v}'"


def _ref(loc: Loc, value: str | None, known: set[str], what: str) -> Iterator[Issue]:
    if value is not None and value not in known:
        yield loc, f"unknown {what} '{value}'"


def check_references(pack: ContentPack) -> list[Issue]:
    ind = {i.code for i in pack.indicators}
    tgt = {t.id for t in pack.targets}
    peers = {g.id for g in pack.peer_groups}
    bodies = {b.id for b in pack.bodies}
    systems = {s.id for s in pack.systems}
    docs: set[str] = {d.id for d in pack.documents}
    out: list[Issue] = []
    for i, x in enumerate(pack.indicators):
        agg = x.aggregation
        base: Loc = ("indicators", i, "aggregation")
        out += _ref((*base, "weight_indicator"), agg.weight_indicator, ind, "indicator")
        out += _ref((*base, "numerator"), agg.numerator, ind, "indicator")
        out += _ref((*base, "denominator"), agg.denominator, ind, "indicator")
    for i, t in enumerate(pack.targets):
        out += _ref(("targets", i, "doc"), t.doc, docs, "document")
        out += _ref(("targets", i, "indicator"), t.indicator, ind, "indicator")
        out += _ref(("targets", i, "peer_group"), t.peer_group, peers, "peer group")
        out += _refs(("targets", i, "evidence_indicators"), t.evidence_indicators, ind, "indicator")
        out += _refs(("targets", i, "related_targets"), t.related_targets, tgt, "target")
    for i, f in enumerate(pack.figures):
        out += _ref(("figures", i, "doc"), f.doc, docs, "document")
        out += _ref(("figures", i, "indicator"), f.indicator, ind, "indicator")
    for gi, g in enumerate(pack.policy_groups):
        out += _ref(("policy_groups", gi, "doc"), g.doc, docs, "document")
        for ti, task in enumerate(g.tasks):
            base = ("policy_groups", gi, "tasks", ti)
            out += _refs((*base, "bodies"), task.bodies, bodies, "body")
            out += _refs((*base, "systems"), task.systems, systems, "system")
            out += _refs((*base, "targets"), task.targets, tgt, "target")
    for bi, b in enumerate(pack.bodies):
        for di, d in enumerate(b.duties):
            base = ("bodies", bi, "duties", di)
            out += _ref((*base, "doc"), d.doc, docs, "document")
            out += _refs((*base, "reports_to"), d.reports_to, bodies, "body")
            out += _refs((*base, "with_bodies"), d.with_bodies, bodies, "body")
    for i, lim in enumerate(pack.limitations):
        out += _ref(("limitations", i, "doc"), lim.doc, docs, "document")
        out += _refs(("limitations", i, "targets"), lim.targets, tgt, "target")
        out += _refs(("limitations", i, "indicators"), lim.indicators, ind, "indicator")
        out += _refs(("limitations", i, "systems"), lim.systems, systems, "system")
        out += _refs(("limitations", i, "bodies"), lim.bodies, bodies, "body")
    for i, s in enumerate(pack.systems):
        out += _refs(("systems", i, "indicators"), s.indicators, ind, "indicator")
        out += _ref(("systems", i, "part_of"), s.part_of, systems, "system")
        if s.part_of == s.id:
            out.append((("systems", i, "part_of"), "a system cannot be part of itself"))
        for k, m in enumerate(s.mentions):
            out += _ref(("systems", i, "mentions", k, "doc"), m.doc, docs, "document")
    for i, a in enumerate(pack.achievements):
        out += _ref(("achievements", i, "doc"), a.doc, docs, "document")
        out += _refs(("achievements", i, "targets"), a.targets, tgt, "target")
        out += _refs(("achievements", i, "indicators"), a.indicators, ind, "indicator")
        out += _refs(("achievements", i, "systems"), a.systems, systems, "system")
        out += _refs(("achievements", i, "bodies"), a.bodies, bodies, "body")
    return out


# -- rules that pydantic types alone cannot express -------------------------------------------------

_QUANTIFIED = {TargetKind.threshold, TargetKind.growth, TargetKind.rank}


def check_rules(pack: ContentPack) -> list[Issue]:
    out: list[Issue] = []
    for i, x in enumerate(pack.indicators):
        agg = x.aggregation
        if agg.kind is AggregationKind.weighted_mean and not agg.weight_indicator:
            out.append((("indicators", i, "aggregation"), "weighted_mean needs weight_indicator"))
        if agg.kind is AggregationKind.ratio and not (agg.numerator and agg.denominator):
            out.append((("indicators", i, "aggregation"), "ratio needs numerator and denominator"))
        if x.bounds is not None and not x.bounds[0] < x.bounds[1]:
            out.append((("indicators", i, "bounds"), "expected [low, high] with low < high"))
    for i, t in enumerate(pack.targets):
        loc: Loc = ("targets", i)
        if t.kind in _QUANTIFIED:
            if t.indicator is None:
                out.append(((*loc, "indicator"), f"a {t.kind.value} target needs an indicator"))
            if t.value is None:
                out.append(((*loc, "value"), f"a {t.kind.value} target needs a value"))
            if t.comparator is Comparator.qualitative:
                out.append(((*loc, "comparator"), f"a {t.kind.value} target cannot be 'qualitative'"))
        if t.kind is TargetKind.milestone:
            if t.comparator is not Comparator.qualitative:
                out.append(((*loc, "comparator"), "a milestone target has comparator 'qualitative'"))
            if t.value is not None:
                out.append(((*loc, "value"), "a milestone target has no value (it is judged by evidence)"))
        if (t.kind is TargetKind.rank) != (t.comparator is Comparator.rank_within):
            out.append(((*loc, "comparator"), "comparator 'rank_within' goes with kind 'rank' and only with it"))
        if t.kind is TargetKind.rank and t.peer_group is None:
            out.append(((*loc, "peer_group"), "a rank target needs a peer_group"))
        if t.kind is TargetKind.growth:
            if t.window is None:
                out.append(((*loc, "window"), "a growth target needs window [first, last] year"))
            elif t.window[0] > t.window[1]:
                out.append(((*loc, "window"), "expected [first, last] with first <= last"))
            elif t.deadline is not None and t.deadline != t.window[1]:
                out.append(((*loc, "deadline"), "the deadline of a growth target is the last year of its window"))
        if t.tolerance is not None and t.comparator is not Comparator.about:
            out.append(((*loc, "tolerance"), "tolerance applies only to comparator 'about'"))
        if t.deadline is not None and not 1900 <= t.deadline <= 2100:
            out.append(((*loc, "deadline"), "expected a year between 1900 and 2100"))
    for i, f in enumerate(pack.figures):
        try:
            parse_period(f.period)
        except ValueError as exc:
            out.append((("figures", i, "period"), str(exc)))
        ind = next((x for x in pack.indicators if x.code == f.indicator), None)
        if ind is not None and ind.unit != f.unit:
            out.append((("figures", i, "unit"), f"expected the unit of indicator {ind.code}: '{ind.unit}'"))
    for i, s in enumerate(pack.systems):
        if not s.mentions:
            out.append((("systems", i, "mentions"), "at least one mention (the document quote_vi comes from)"))
    return out


# -- quotes ---------------------------------------------------------------------------------------


def normalise_ws(text: str) -> str:
    """Collapse every run of whitespace (spaces, newlines, blank lines, page breaks) to one space."""
    return _WS.sub(" ", text).strip()


def find_seeds_dir() -> Path | None:
    """The folder with the seed texts: $DXTRACK_SEEDS_DIR, else ``<repo>/../shared/seeds`` looked up
    from the installed package and from the working directory. None if not found."""
    env = os.environ.get(SEEDS_ENV)
    if env:
        p = Path(env).expanduser()
        return p if p.is_dir() else None
    for base in (Path(__file__).resolve(), Path.cwd().resolve()):
        for anc in (base, *base.parents):
            cand = anc / "shared" / "seeds"
            if cand.is_dir():
                return cand
    return None


def quoted_items(pack: ContentPack) -> Iterator[tuple[Loc, str, str]]:
    """Every (key path of quote_vi, document id, quote) in the pack."""
    for i, t in enumerate(pack.targets):
        yield ("targets", i, "quote_vi"), t.doc, t.quote_vi
    for i, f in enumerate(pack.figures):
        yield ("figures", i, "quote_vi"), f.doc, f.quote_vi
    for gi, g in enumerate(pack.policy_groups):
        yield ("policy_groups", gi, "title_vi"), g.doc, g.title_vi
        for ti, task in enumerate(g.tasks):
            yield ("policy_groups", gi, "tasks", ti, "quote_vi"), g.doc, task.quote_vi
    for bi, b in enumerate(pack.bodies):
        for di, d in enumerate(b.duties):
            yield ("bodies", bi, "duties", di, "quote_vi"), d.doc, d.quote_vi
    for i, lim in enumerate(pack.limitations):
        yield ("limitations", i, "quote_vi"), lim.doc, lim.quote_vi
    for i, s in enumerate(pack.systems):
        if s.mentions:
            yield ("systems", i, "quote_vi"), s.mentions[0].doc, s.quote_vi
    for i, a in enumerate(pack.achievements):
        yield ("achievements", i, "quote_vi"), a.doc, a.quote_vi


def seed_texts(pack: ContentPack, seeds_dir: Path) -> tuple[dict[str, str], list[Issue]]:
    """Whitespace-normalised text of each document's seed file."""
    texts: dict[str, str] = {}
    issues: list[Issue] = []
    for i, d in enumerate(pack.documents):
        p = seeds_dir / d.file
        try:
            texts[d.id] = normalise_ws(p.read_text(encoding="utf-8"))
        except OSError:
            issues.append((("documents", i, "file"), f"seed text '{d.file}' not found in {seeds_dir}"))
    return texts, issues


def quote_issues(pack: ContentPack, seeds_dir: Path) -> list[Issue]:
    texts, issues = seed_texts(pack, seeds_dir)
    for loc, doc, quote in quoted_items(pack):
        text = texts.get(doc)
        if text is None:
            continue
        q = normalise_ws(quote)
        if not q:
            issues.append((loc, "empty quote"))
        elif q not in text:
            issues.append((loc, f"not found verbatim in the text of document {doc}: {_hint(q, text)}"))
    return issues


def _hint(quote: str, text: str) -> str:
    """Say how much of the quote matches, to make a typo easy to find."""
    lo, hi = 0, len(quote)
    while lo < hi:  # longest prefix found in the text
        mid = (lo + hi + 1) // 2
        if quote[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return f"'{quote[:40]}…' does not occur"
    return f"matches up to '…{quote[max(0, lo - 25) : lo]}' then differs at '{quote[lo : lo + 25]}…'"


def check_quotes(pack: ContentPack, seeds_dir: Path | None, *, source: PackSource | None = None) -> list[Problem]:
    """Problems for every quote that is not verbatim in its document's seed text (whitespace-normalised).

    With ``seeds_dir=None`` the check is skipped with a logged warning and no problems are returned:
    a user's own pack may come without seed texts.
    """
    if seeds_dir is None:
        log.warning("seed texts not found (set %s); quotes were not checked", SEEDS_ENV)
        return []
    out: list[Problem] = []
    for loc, msg in quote_issues(pack, seeds_dir):
        if source is not None:
            out.append(source.problem(loc, msg))
        else:
            out.append(Problem(file="", location=format_loc(loc), message=msg))
    return out
