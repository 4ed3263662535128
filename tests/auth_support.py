"""Shared set-up of the account tests: organisations in a fresh store, one user per role, their API tokens."""

from __future__ import annotations

from dataclasses import dataclass

from dxtrack.domain.accounts import ROLES
from dxtrack.services import accounts
from dxtrack.services.store import load_areas
from dxtrack.settings import data_dir
from dxtrack.store import Engine

A = "VN34_01"  # two provinces of the 34 (Hà Nội, Đà Nẵng)
B = "VN34_48"
PASSWORD = "correct horse battery"
MILESTONE = "R52.2030.digital_government"  # a vn-nq52 target judged by evidence


def load_orgs(engine: Engine) -> None:
    """The areas and organisations of the data snapshot (central unit, ministries, provinces)."""
    load_areas(engine, data_dir())


@dataclass(frozen=True)
class Cast:
    """One user per role over province A (``tokens[role]``), plus an assessor of province B."""

    tokens: dict[str, str]
    assessor_b: str


def cast(engine: Engine) -> Cast:
    tokens = {}
    for role in ROLES:
        accounts.create_user(engine, f"u-{role}", org_id=A, roles=[role], password=PASSWORD, display_name=f"U {role}")
        tokens[role] = accounts.create_token(engine, f"u-{role}", days=5).secret
    accounts.create_user(engine, "assessor-b", org_id=B, roles=["assessor"], password=PASSWORD)
    return Cast(tokens, accounts.create_token(engine, "assessor-b", days=5).secret)
