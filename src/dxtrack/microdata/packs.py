"""Which content pack defines the record indicators."""

from __future__ import annotations

from dxtrack.catalog import load_pack
from dxtrack.catalog.loader import available_packs
from dxtrack.domain.catalog import ContentPack
from dxtrack.errors import InputError


def record_pack(chosen: ContentPack, *, explicit: bool) -> ContentPack:
    """``chosen`` when it defines record indicators; without an explicit --pack, the first bundled pack that does."""
    if chosen.record_indicators:
        return chosen
    if not explicit:
        for pid in available_packs():
            pack = load_pack(pid, check_seeds=False)
            if pack.record_indicators:
                return pack
    raise InputError(f"content pack {chosen.id} defines no record indicators (record_indicators)", column="--pack")
