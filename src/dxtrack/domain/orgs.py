"""Organisations: the reporting units (central unit, ministries, agencies, provinces) and their successions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

OrgKind = Literal["central", "ministry", "agency", "province", "commune", "other"]
ORG_KINDS: tuple[str, ...] = ("central", "ministry", "agency", "province", "commune", "other")
ROOT = "CENTRAL"


@dataclass(frozen=True)
class Organisation:
    """One organisation; ``valid_to`` is its last day and ``successor_id`` carries its duties afterwards."""

    id: str
    name_vi: str
    name_en: str
    kind: str
    parent_id: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    successor_id: str | None = None
    area_code: str | None = None
    source_id: str | None = None

    def exists_on(self, day: dt.date) -> bool:
        """Whether it existed on ``day`` (open ends count as always)."""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


def carrier(orgs: Mapping[str, Organisation], org_id: str, on: dt.date) -> str:
    """The organisation carrying ``org_id``'s duties on ``on``: itself, or its successor's successor, …
    (KeyError for an unknown id, ValueError for successions that loop)."""
    seen = {org_id}
    current = orgs[org_id]
    while current.valid_to is not None and current.valid_to < on and current.successor_id:
        current = orgs[current.successor_id]
        if current.id in seen:
            raise ValueError(f"organisation '{org_id}': its successions form a loop")
        seen.add(current.id)
    return current.id
