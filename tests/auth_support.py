"""Shared set-up of the account tests: the organisations loaded into a fresh store."""

from __future__ import annotations

from dxtrack.store import Engine

A = "VN34_HN"  # two provinces of the 34
B = "VN34_HCM"


def load_orgs(engine: Engine) -> None:
    """The organisations of the data snapshot (central unit, ministries, provinces)."""
