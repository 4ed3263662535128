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
from dxtrack.catalog.source import Loc, PackSource, format_loc, read_pack
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
    out += _unique(((("horizons", i, "id"), h.id) for i, h in enumerate(pack.horizons)), "horizon id")
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
    out += _unique(((("validation_rules", i, "id"), r.id) for i, r in enumerate(pack.validation_rules)), "rule id")
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
    horizons = {h.id for h in pack.horizons}
    out: list[Issue] = []
    for i, x in enumerate(pack.indicators):
        agg = x.aggregation
        base: Loc = ("indicators", i, "aggregation")
        out += _ref((*base, "weight_indicator"), agg.weight_indicator, ind, "indicator")
        out += _ref((*base, "numerator"), agg.numerator, ind, "indicator")
        out += _ref((*base, "denominator"), agg.denominator, ind, "indicator")
        out += _ref((*base, "of"), agg.of, ind, "indicator")
    for i, t in enumerate(pack.targets):
        out += _ref(("targets", i, "doc"), t.doc, docs, "document")
        if t.horizon not in horizons:
            known = ", ".join(h.id for h in pack.horizons)
            out.append((("targets", i, "horizon"), f"unknown horizon '{t.horizon}'; the pack's horizons: {known}"))
        out += _ref(("targets", i, "indicator"), t.indicator, ind, "indicator")
        out += _ref(("targets", i, "peer_group"), t.peer_group, peers, "peer group")
        out += _refs(("targets", i, "evidence_indicators"), t.evidence_indicators, ind, "indicator")
        out += _ref(("targets", i, "official_rank"), t.official_rank, ind, "indicator")
        out += _refs(("targets", i, "related_targets"), t.related_targets, tgt, "target")
        out += _refs(("targets", i, "monitored_by"), t.monitored_by, bodies, "body")
    for i, rule in enumerate(pack.validation_rules):
        for key in ("left", "right", "share", "part", "whole"):
            out += _ref(("validation_rules", i, key), getattr(rule, key), ind, "indicator")
    for i, f in enumerate(pack.figures):
        out += _ref(("figures", i, "doc"), f.doc, docs, "document")
        out += _ref(("figures", i, "indicator"), f.indicator, ind, "indicator")
    for gi, g in enumerate(pack.policy_groups):
        out += _ref(("policy_groups", gi, "doc"), g.doc, docs, "document")
        for ti, task in enumerate(g.tasks):
            base = ("policy_groups", gi, "tasks", ti)
            out += _refs((*base, "bodies"), task.bodies, bodies, "body")
            out += _refs((*base, "leads"), task.leads, bodies, "body")
            out += _refs((*base, "cooperating"), task.cooperating, bodies, "body")
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


# -- links to other packs -------------------------------------------------------------------------


def _targets_of(folder: Path) -> dict[str, str | None] | None:
    """Target id -> indicator of the pack in ``folder`` (read as plain YAML; None if it cannot be read)."""
    data, _, problems = read_pack(folder)
    targets = data.get("targets")
    if problems or not isinstance(targets, list):
        return None
    return {str(t["id"]): t.get("indicator") for t in targets if isinstance(t, dict) and "id" in t}


def check_links(pack: ContentPack, packs_root: Path | None) -> list[Issue]:
    """``continues: ["other-pack:target-id"]`` names a target of a pack beside this one, with the same indicator.

    A link to a pack that is not present in ``packs_root`` is not checked (a pack may travel alone).
    """
    out: list[Issue] = []
    cache: dict[str, dict[str, str | None] | None] = {}
    for i, t in enumerate(pack.targets):
        for k, ref in enumerate(t.continues):
            loc: Loc = ("targets", i, "continues", k)
            other, sep, tid = ref.partition(":")
            if not sep or not other or not tid:
                out.append((loc, f"expected 'pack-id:target-id', got '{ref}'"))
                continue
            if other == pack.id:
                out.append((loc, "a target continues a target of another pack; within a pack use related_targets"))
                continue
            if packs_root is None or not (packs_root / other / "pack.yaml").is_file():
                continue
            if other not in cache:
                cache[other] = _targets_of(packs_root / other)
            targets = cache[other]
            if targets is None:
                out.append((loc, f"pack '{other}' cannot be read to check this link"))
            elif tid not in targets:
                out.append((loc, f"unknown target '{tid}' in pack '{other}'"))
            elif targets[tid] != t.indicator:
                out.append(
                    (
                        loc,
                        f"'{ref}' is judged on indicator {targets[tid]}, this target on {t.indicator}: "
                        "a continued target uses the same indicator",
                    )
                )
    return out


# -- rules that pydantic types alone cannot express -------------------------------------------------

_QUANTIFIED = {TargetKind.threshold, TargetKind.growth, TargetKind.rank}


def check_rules(pack: ContentPack) -> list[Issue]:
    out: list[Issue] = []
    for i, x in enumerate(pack.indicators):
        agg = x.aggregation
        if agg.kind in (AggregationKind.weighted_mean, AggregationKind.harmonic_mean) and not agg.weight_indicator:
            out.append((("indicators", i, "aggregation"), f"{agg.kind.value} needs weight_indicator"))
        if agg.kind is AggregationKind.rank and not agg.of:
            out.append((("indicators", i, "aggregation"), "rank needs of (the score indicator it ranks)"))
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
    for gi, g in enumerate(pack.policy_groups):
        for ti, task in enumerate(g.tasks):
            if isinstance(task.deadline, int) and not 1900 <= task.deadline <= 2100:
                out.append((("policy_groups", gi, "tasks", ti, "deadline"), "expected a year between 1900 and 2100"))
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


_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", re.MULTILINE)  # |---|---|
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash before any ASCII punctuation
_MD_EMPHASIS = re.compile(r"\*{1,3}|_{2,3}")


def normalise_markdown(text: str) -> str:
    """The words of a Markdown text: table rules and bars, heading marks, emphasis and escapes removed.

    Only the text is normalised, never a quote: ``6\\.`` reads ``6.``, ``\\-`` reads ``-``, ``**Điều 1**``
    reads ``Điều 1`` and a table row ``| 1 | Tên | Bộ |`` reads ``1 Tên Bộ``.
    """
    text = _MD_RULE.sub(" ", text)
    text = _MD_HEADING.sub("", text)
    marker = "\x00"  # keep escaped characters safe from the emphasis and table-bar removal
    text = _MD_ESCAPE.sub(lambda m: marker + m.group(1), text)
    text = _MD_EMPHASIS.sub("", text.replace(marker + "*", "\x01").replace(marker + "_", "\x02"))
    text = re.sub(r"(?<!\x00)\|", " ", text)
    text = text.replace("\x01", "*").replace("\x02", "_").replace(marker, "")
    return normalise_ws(text)


def source_text(path: Path) -> str:
    """A document's text as quotes are looked up in: Markdown (``.md``) normalised, whitespace collapsed."""
    raw = path.read_text(encoding="utf-8")
    return normalise_markdown(raw) if path.suffix.lower() == ".md" else normalise_ws(raw)


def find_seeds_dir() -> Path | None:
    """A folder that overrides the pack's own source texts: $DXTRACK_SEEDS_DIR (None if unset or absent).

    By default the texts are the pack's own (``documents[].file``, relative to the pack folder).
    """
    env = os.environ.get(SEEDS_ENV)
    if env:
        p = Path(env).expanduser()
        return p if p.is_dir() else None
    return None


def text_path(file: str, *, pack_dir: Path | None, seeds_dir: Path | None) -> Path | None:
    """Where a document's text is read from: ``seeds_dir/<file name>`` when given, else ``pack_dir/<file>``."""
    if seeds_dir is not None:
        return seeds_dir / Path(file).name
    if pack_dir is not None:
        return pack_dir / file
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
            base: Loc = ("policy_groups", gi, "tasks", ti)
            yield (*base, "quote_vi"), g.doc, task.quote_vi
            # the cells of a task table, kept as written: lead, co-operating bodies, product, deadline
            for key in ("leads_vi", "cooperating_vi", "product_vi", "deadline_vi"):
                cell = getattr(task, key)
                if cell is not None:
                    yield (*base, key), g.doc, cell
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


def seed_texts(
    pack: ContentPack, seeds_dir: Path | None, *, pack_dir: Path | None = None
) -> tuple[dict[str, str], list[Issue]]:
    """The normalised text of each document (see :func:`source_text`)."""
    texts: dict[str, str] = {}
    issues: list[Issue] = []
    for i, d in enumerate(pack.documents):
        p = text_path(d.file, pack_dir=pack_dir, seeds_dir=seeds_dir)
        if p is None:
            continue
        try:
            texts[d.id] = source_text(p)
        except OSError:
            issues.append((("documents", i, "file"), f"source text '{d.file}' not found in {p.parent}"))
    return texts, issues


def quote_issues(pack: ContentPack, seeds_dir: Path | None, *, pack_dir: Path | None = None) -> list[Issue]:
    texts, issues = seed_texts(pack, seeds_dir, pack_dir=pack_dir)
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


def check_quotes(
    pack: ContentPack,
    seeds_dir: Path | None = None,
    *,
    pack_dir: Path | None = None,
    source: PackSource | None = None,
) -> list[Problem]:
    """Problems for every quote that is not verbatim in its document's text (normalised, see :func:`source_text`).

    The texts are ``pack_dir/<documents[].file>``, or the files of the same name in ``seeds_dir`` when that
    override is given. With neither, the check is skipped with a logged warning and no problems are returned.
    """
    if seeds_dir is None and pack_dir is None:
        log.warning("source texts not found (set %s); quotes were not checked", SEEDS_ENV)
        return []
    out: list[Problem] = []
    for loc, msg in quote_issues(pack, seeds_dir, pack_dir=pack_dir):
        if source is not None:
            out.append(source.problem(loc, msg))
        else:
            out.append(Problem(file="", location=format_loc(loc), message=msg))
    return out
