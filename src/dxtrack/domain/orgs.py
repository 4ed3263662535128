"""Organisations: the reporting units (central unit, ministries, agencies, provinces) and their successions."""

from __future__ import annotations

import datetime as dt
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
