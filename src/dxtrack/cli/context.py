"""State passed from the global callback to commands."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_PACK = "vn-nq52"


@dataclass
class CliState:
    db_url: str | None = None
    pack: str = DEFAULT_PACK
