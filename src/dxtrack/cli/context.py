"""State passed from the global callback to commands."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class CliState:
    db_url: str | None = None
