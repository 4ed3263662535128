"""Data calls: a coordinator asks reporting units for a period's report; what each unit owes is derived from the
content pack (indicators of the targets it monitors, tasks it leads or co-operates on, narrative sections)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from dxtrack.domain.accounts import User
from dxtrack.domain.catalog import ContentPack, Indicator
from dxtrack.domain.loop import (
    EVIDENCE_REQUIRED_FOR,
    GROUP_RESULTS,
    SECTION_PREFIX,
    SECTIONS,
    TASK_STATUSES,
    TEMPLATE_FORMAT,
)
from dxtrack.domain.period import Period, add_months, parse_period, shift_period
from dxtrack.errors import CodedError
from dxtrack.services import authz, orgs
from dxtrack.store import Engine, audit
from dxtrack.store import loop as rows
from dxtrack.store import repository as repo

UNIT_KINDS = ("ministry", "agency", "province")
"""Organisations a call to ``all`` goes to (those existing on the cut-off date)."""


def indicator_rules(ind: Indicator) -> dict[str, Any]:
    """Entry rules of an indicator from the pack: bounds, and integers for counts and ranks."""
    rules: dict[str, Any] = {}
    if ind.bounds:
        rules["min"], rules["max"] = ind.bounds
    if ind.value_type in ("non_negative", "count"):
        rules["min"] = max(rules.get("min", 0.0), 0.0)
    if ind.value_type == "rank":
        rules["min"] = max(rules.get("min", 1.0), 1.0)
    if ind.value_type in ("count", "rank"):
        rules["integer"] = True
    return rules


def _cross_rules(pack: ContentPack, items: list[dict[str, Any]]) -> None:
    """Add to each indicator item the pack's cross-item rules it takes part in (``rules["cross"]``), for the
    rules whose indicators are all in this report."""
    by_id = {i["id"]: i for i in items if i["kind"] == "indicator"}
    for rule in pack.validation_rules:
        if all(code in by_id for code in rule.indicators):
            spec = rule.model_dump(exclude_none=True, exclude={"note"})
            if rule.kind == "le":
                spec.pop("tolerance", None)
            for code in dict.fromkeys(rule.indicators):
                by_id[code]["rules"].setdefault("cross", []).append(spec)


def body_orgs(engine: Engine, pack: ContentPack, on: dt.date) -> dict[str, tuple[str, ...]]:
    """Pack body id -> the organisations carrying it on ``on``.

    A body naming an organisation is that organisation or its successor on ``on`` (MIC → MOST after 01/03/2025);
    a collective body with ``org_kinds`` is every organisation of those kinds (under ``org_parent``) existing on
    ``on`` — the 63 provinces before 01/07/2025, the 34 after. Other collective bodies have none."""
    existing = orgs.list_orgs(engine, on=on)
    known = {o.id for o in orgs.list_orgs(engine)}
    mapped: dict[str, tuple[str, ...]] = {}
    for body in pack.bodies:
        if body.org is not None and body.org in known:
            mapped[body.id] = (orgs.carried_by(engine, body.org, on),)
        elif body.org_kinds:
            mapped[body.id] = tuple(
                o.id
                for o in existing
                if o.kind in body.org_kinds and (body.org_parent is None or o.parent_id == body.org_parent)
            )
    return mapped


def unit_items(pack: ContentPack, org_id: str, body_orgs: Mapping[str, Sequence[str]]) -> list[dict[str, Any]]:
    """The items a unit reports: indicators it monitors, tasks it leads or co-operates on (itself or through a
    collective body it belongs to), the narrative sections."""
    mine = {body for body, members in body_orgs.items() if org_id in members}
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    for target in pack.targets:
        monitors = not mine.isdisjoint(target.monitored_by)
        if target.indicator and target.indicator not in seen and monitors:
            seen.add(target.indicator)
            ind = pack.indicator(target.indicator)
            items.append({"id": ind.code, "kind": "indicator", "label": ind.name_vi, "unit": ind.unit,
                          "rules": indicator_rules(ind), "value": None})  # fmt: skip
    _cross_rules(pack, items)
    groups: list[str] = []
    for group in pack.policy_groups:
        for task in group.tasks:
            leads = not mine.isdisjoint(task.leads)
            if leads or not mine.isdisjoint(task.cooperating):
                rules = {"statuses": list(TASK_STATUSES), "evidence_required_for": list(EVIDENCE_REQUIRED_FOR),
                         "role": "lead" if leads else "cooperating"}  # fmt: skip
                if task.deadline is not None:
                    rules["deadline"] = str(task.deadline)
                items.append({"id": task.id, "kind": "task", "label": task.quote_vi, "unit": None,
                              "rules": rules, "value": None})  # fmt: skip
                if group.id not in groups:
                    groups.append(group.id)
    titles = {g.id: g.title_vi for g in pack.policy_groups}
    for sid, label_vi, _label_en in SECTIONS:
        items.append({"id": SECTION_PREFIX + sid, "kind": "section", "label": label_vi, "unit": None,
                      "rules": {}, "value": None})  # fmt: skip
        if sid == "results":  # the unit's results on each task group it has tasks in
            items += [{"id": SECTION_PREFIX + GROUP_RESULTS + g, "kind": "section", "label": f"{label_vi}: {titles[g]}",
                       "unit": None, "rules": {}, "value": None} for g in groups]  # fmt: skip
    return items


def _day(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CodedError("invalid_date", option=option, value=text) from None


def create_call(
    engine: Engine,
    pack: ContentPack,
    user: User,
    *,
    title: str,
    period: str,
    cutoff: str,
    due: str,
    units: str = "all",
    repeat_months: int | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Open a call (the user must be a coordinator over every unit asked); returns its id."""
    try:
        per = parse_period(period)
    except ValueError as exc:
        raise CodedError("call_bad_period", reason=str(exc)) from None
    cut, due_day = _day(cutoff, "--cutoff"), _day(due, "--due")
    if repeat_months is not None and not 1 <= repeat_months <= 60:
        raise CodedError("call_bad_repeat", value=repeat_months)
    if due_day < cut:
        raise CodedError("call_due_before_cutoff", due=due_day, cutoff=cut)
    if units == "all":
        org_ids = [o.id for o in orgs.list_orgs(engine, on=cut) if o.kind in UNIT_KINDS]
    else:
        org_ids = [u.strip() for u in units.split(",") if u.strip()]
        for org_id in org_ids:
            if orgs.get_org(engine, org_id) is None:
                raise CodedError("call_unknown_org", org=org_id)
    if not org_ids:
        raise CodedError("call_no_units")
    for org_id in org_ids:
        authz.require(engine, user, "coordinator", org_id)
    members = body_orgs(engine, pack, cut)
    call = {
        "version": 1, "pack_id": pack.id, "title": title, "period": per.label, "period_start": per.start,
        "period_end": per.end, "cutoff": cut, "due": due_day, "repeat_months": repeat_months, "state": "open",
        "created_at": now or dt.datetime.now(dt.UTC), "created_by": user.name,
    }  # fmt: skip
    with repo.transaction(engine) as conn:
        call_id = rows.insert_call(conn, call, {o: unit_items(pack, o, members) for o in org_ids})
        audit.append_record_event(conn, actor=user.name, action="call.create", entity="data_call",
                                  entity_id=str(call_id), detail={"units": len(org_ids)})  # fmt: skip
    return call_id


Retitle = Callable[[str, str, str], str]
"""How a repeat's title is made: (title, old period label, new period label) -> new title."""


def same_title(title: str, old: str, new: str) -> str:
    """The title with the old period label replaced by the new one (the label appended when the title has none)."""
    return title.replace(old, new) if old in title else f"{title} ({new})"


def series_of(call: Mapping[str, Any]) -> int:
    """The id of the first call of a call's series (its own id when it repeats none)."""
    return int(call["series_id"] or call["id"])


def next_call_due(call: Mapping[str, Any]) -> dict[str, Any] | None:
    """The call that repeats ``call`` next: its period, period start/end, cut-off and due date (shifted by
    ``repeat_months``; a month's last day stays the last day); None when the call does not repeat or its period
    cannot be moved by that many months."""
    months = call.get("repeat_months")
    if not months:
        return None
    try:
        nxt: Period = shift_period(parse_period(call["period"]), int(months))
    except ValueError:
        return None
    return {"period": nxt.label, "period_start": nxt.start, "period_end": nxt.end,
            "cutoff": add_months(call["cutoff"], int(months)), "due": add_months(call["due"], int(months))}  # fmt: skip


def repeat_json(call: Mapping[str, Any]) -> dict[str, Any]:
    """A call's place in its series, as ``call list --format json`` gives it: ``series``, ``repeats`` (the call it
    repeats), ``next_period`` and ``next_due`` (ISO date; both None when it does not repeat)."""
    nxt = next_call_due(call)
    return {"series": series_of(call), "repeats": call["repeats_id"], "next_period": nxt["period"] if nxt else None,
            "next_due": nxt["due"].isoformat() if nxt else None}  # fmt: skip


def call_json(call: Mapping[str, Any]) -> dict[str, Any]:
    """One call as ``call list --format json`` gives it (dates as ISO text) with :func:`repeat_json`."""
    keys = ("id", "version", "title", "pack_id", "period", "cutoff", "due", "repeat_months", "state", "created_by")
    data = {k: call[k].isoformat() if hasattr(call[k], "isoformat") else call[k] for k in keys}
    return data | repeat_json(call)


def repeat_info(engine: Engine, as_of: dt.date) -> dict[int, dict[str, Any]]:
    """Call id -> its ``series``, ``next_period`` and ``next_due`` (None when it does not repeat) and whether its
    next call is due now (``repeat_due``: an open or closed call whose next period has started on ``as_of`` and
    whose series has no call for that period yet)."""
    all_calls = list_calls(engine)
    taken = {(series_of(c), c["period"]) for c in all_calls}
    info = {}
    for call in all_calls:
        nxt = next_call_due(call)
        due = (nxt is not None and nxt["period_start"] <= as_of and call["state"] in ("open", "closed")
               and (series_of(call), nxt["period"]) not in taken)  # fmt: skip
        info[int(call["id"])] = {"series": series_of(call), "next_period": nxt["period"] if nxt else None,
                                 "next_due": nxt["due"] if nxt else None, "repeat_due": due, "call": call,
                                 "next": nxt}  # fmt: skip
    return info


def _due_repeats(engine: Engine, as_of: dt.date) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(call, its next call) for every call whose next call is due on ``as_of`` (:func:`repeat_info`)."""
    return [(i["call"], i["next"]) for i in repeat_info(engine, as_of).values() if i["repeat_due"]]


def repeat_call(
    engine: Engine, user: User, call_id: int, as_of: dt.date, *, retitle: Retitle = same_title,
    now: dt.datetime | None = None,
) -> int:  # fmt: skip
    """Open the next call of one call whose next call is due on ``as_of`` (the page's button); its id."""
    info = repeat_info(engine, as_of).get(call_id)
    if info is None:
        raise CodedError("call_not_found", call=call_id)
    if not info["repeat_due"]:
        raise CodedError("call_repeat_not_due", call=call_id, as_of=as_of)
    new_id = _open_repeat(engine, user, info["call"], info["next"], retitle, now)
    if new_id is None:  # a concurrent request opened it first
        raise CodedError("call_repeat_not_due", call=call_id, as_of=as_of)
    return new_id


def open_due_repeats(
    engine: Engine, user: User, as_of: dt.date, *, retitle: Retitle = same_title, now: dt.datetime | None = None
) -> list[int]:
    """Open the next call of every repeating call whose next period has started on ``as_of`` (catching up period
    by period); returns the ids opened, oldest first. The same pack; the units are the old call's units as carried
    on the new cut-off date (a province merged on 01/07/2025 becomes its successor), with their items derived from
    the pack again; each open is audited. Idempotent: a series has one call per period (a unique constraint), so a
    second run, or a concurrent one, opens nothing more."""
    if not authz.scopes(user, "coordinator"):  # a coordinator's duty even when nothing is due
        authz.require(engine, user, "coordinator", user.org_id)
    opened: list[int] = []
    while due := _due_repeats(engine, as_of):
        fresh = [i for call, nxt in due if (i := _open_repeat(engine, user, call, nxt, retitle, now)) is not None]
        if not fresh:  # a concurrent run opened them all
            break
        opened += fresh
    return opened


def _open_repeat(
    engine: Engine, user: User, call: Mapping[str, Any], nxt: Mapping[str, Any], retitle: Retitle,
    now: dt.datetime | None,
) -> int | None:  # fmt: skip
    from dxtrack.catalog import load_pack

    pack = load_pack(call["pack_id"])
    cut: dt.date = nxt["cutoff"]
    with engine.connect() as conn:
        old_units = [u["org_id"] for u in rows.unit_rows(conn, int(call["id"]))]
    org_ids = sorted({orgs.carried_by(engine, o, cut) for o in old_units})
    for org_id in org_ids:
        authz.require(engine, user, "coordinator", org_id)
    members = body_orgs(engine, pack, cut)
    row = {
        "version": 1, "pack_id": call["pack_id"], "title": retitle(call["title"], call["period"], nxt["period"]),
        **nxt, "repeat_months": call["repeat_months"], "state": "open", "repeats_id": call["id"],
        "series_id": series_of(call), "created_at": now or dt.datetime.now(dt.UTC), "created_by": user.name,
    }  # fmt: skip
    with repo.transaction(engine) as conn:
        call_id = rows.insert_repeat(conn, row, {o: unit_items(pack, o, members) for o in org_ids})
        if call_id is not None:
            audit.append_record_event(conn, actor=user.name, action="call.repeat", entity="data_call",
                                      entity_id=str(call_id), detail={"repeats": call["id"], "units": len(org_ids),
                                                                      "period": nxt["period"]})  # fmt: skip
    return call_id


def get_call(engine: Engine, call_id: int) -> dict[str, Any]:
    with engine.connect() as conn:
        call = rows.call_row(conn, call_id)
    if call is None:
        raise CodedError("call_not_found", call=call_id)
    return call


def list_calls(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return rows.call_rows(conn)


def close_call(engine: Engine, call_id: int, user: User) -> None:
    """Close a call (coordinator over the central unit of its units): no further submissions."""
    get_call(engine, call_id)
    with repo.transaction(engine) as conn:
        for unit in rows.unit_rows(conn, call_id):
            authz.require(engine, user, "coordinator", unit["org_id"])
        before = audit.record_hash(conn, "data_call", str(call_id))
        rows.set_call_state(conn, call_id, "closed")
        audit.append_record_event(conn, actor=user.name, action="call.close", entity="data_call",
                                  entity_id=str(call_id), before=before)  # fmt: skip


def template(engine: Engine, call_id: int, org_id: str) -> dict[str, Any]:
    """The unit's template (the stable JSON shape): the call, the unit and its items with empty values."""
    call = get_call(engine, call_id)
    with engine.connect() as conn:
        items = rows.unit_items(conn, call_id, org_id)
    if items is None:
        raise CodedError("call_not_a_unit", org=org_id, call=call_id)
    org = orgs.get_org(engine, org_id)
    version = f"{TEMPLATE_FORMAT}.{call['version']}.{audit.content_hash(items)[:12]}"
    meta = {
        "title": call["title"], "pack": call["pack_id"], "period": call["period"],
        "cutoff": call["cutoff"].isoformat(), "due": call["due"].isoformat(),
        "org_name": org.name_vi if org else org_id, "template_version": version,
    }  # fmt: skip
    return {"call": call_id, "org": org_id, "meta": meta, "items": items}
