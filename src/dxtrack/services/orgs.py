"""Organisations: who reports (central unit, ministries, agencies, provinces), their hierarchy and successions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dxtrack.domain.catalog import ContentPack
from dxtrack.domain.orgs import ORG_KINDS, Organisation, carrier
from dxtrack.errors import DxtrackError
from dxtrack.ingest import bundled
from dxtrack.ingest.orgs import read_organisations
from dxtrack.store import Engine
from dxtrack.store.orgs import organisation_rows, store_organisations

__all__ = [
    "ORG_KINDS",
    "Organisation",
    "body_org",
    "carried_by",
    "check_pack_bodies",
    "get_org",
    "list_orgs",
    "load_organisations",
    "within",
]

KIND_ORDER = {kind: i for i, kind in enumerate(ORG_KINDS)}


def load_organisations(
    engine: Engine, data_dir: Path, packs: list[ContentPack] | None = None, *, areas: bundled.AreaData | None = None
) -> dict[str, int]:
    """Load the snapshot's organisations (idempotent); each pack's bodies must name known organisations."""
    areas = areas or bundled.load_areas(data_dir)
    rows = read_organisations(data_dir, areas)
    registry = bundled.registry_sources(data_dir)
    used = sorted({str(r["source_id"]) for r in rows if r["source_id"]})
    missing = [s for s in used if s not in registry]
    if missing:
        raise DxtrackError(f"sources.csv: source '{missing[0]}' named by an organisation is not listed")
    counts = store_organisations(engine, rows, [registry[s] for s in used])
    for pack in packs or []:
        check_pack_bodies(engine, pack)
    return counts


def check_pack_bodies(engine: Engine, pack: ContentPack) -> None:
    """Every body of ``pack`` that names an organisation names a stored one (once organisations are loaded)."""
    known = {r["id"] for r in organisation_rows(engine)}
    for body in pack.bodies:
        for field, org in (("org", body.org), ("org_parent", body.org_parent)):
            if known and org is not None and org not in known:
                raise DxtrackError(
                    f"content pack {pack.id}, bodies.yaml, body '{body.id}', field '{field}': "
                    f"organisation '{org}' is not in the data snapshot's organisations"
                )


def _all(engine: Engine) -> dict[str, Organisation]:
    return {r["id"]: Organisation(**r) for r in organisation_rows(engine)}


def list_orgs(engine: Engine, kind: str | None = None, on: dt.date | None = None) -> list[Organisation]:
    """Organisations (of one ``kind``, existing ``on`` a date), the root first, then by kind and id."""
    if kind is not None and kind not in ORG_KINDS:
        raise DxtrackError(f"--kind '{kind}' is not known; expected one of {', '.join(ORG_KINDS)}")
    orgs = [o for o in _all(engine).values() if (kind is None or o.kind == kind) and (on is None or o.exists_on(on))]
    return sorted(orgs, key=lambda o: (KIND_ORDER.get(o.kind, len(KIND_ORDER)), o.id))


def get_org(engine: Engine, org_id: str) -> Organisation | None:
    return _all(engine).get(org_id)


def carried_by(engine: Engine, org_id: str, on: dt.date) -> str:
    """The organisation that carries ``org_id``'s duties on ``on``: itself, or its successor's successor, …"""
    orgs = _all(engine)
    if org_id not in orgs:
        raise DxtrackError(f"organisation '{org_id}' is not known")
    try:
        return carrier(orgs, org_id, on)
    except ValueError as exc:
        raise DxtrackError(str(exc)) from None


def within(engine: Engine, org_id: str, scope_id: str) -> bool:
    """Whether ``org_id`` is ``scope_id`` or one of its descendants (a grant on the scope covers it)."""
    orgs = _all(engine)
    current: str | None = org_id
    seen: set[str] = set()
    while current is not None and current in orgs and current not in seen:
        if current == scope_id:
            return True
        seen.add(current)
        current = orgs[current].parent_id
    return False


def body_org(pack: ContentPack, body_id: str) -> str | None:
    """The organisation id a pack's body is (from the pack's bodies.yaml); None for a collective body."""
    try:
        return pack.body(body_id).org
    except KeyError:
        raise DxtrackError(f"body '{body_id}' is not in content pack {pack.id}") from None
