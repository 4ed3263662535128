"""Content packs: load and check the strategy catalogue, export it, and give its JSON Schema.

Public API (used by the CLI and other packages)::

    default_pack_path() -> Path
    load_pack(path=None) -> ContentPack          # raises CatalogError(problems)
    check_quotes(pack, seeds_dir) -> list[Problem]
    pack_hash(pack) -> str
    export_json(pack) -> dict
    json_schema() -> dict
"""

from __future__ import annotations

from dxtrack.catalog.checks import check_quotes, find_seeds_dir, normalise_ws
from dxtrack.catalog.export import export_json, json_schema, pack_hash, schema_text, write_json_schema
from dxtrack.catalog.loader import default_pack_path, load_pack, validate_pack
from dxtrack.catalog.problems import CatalogError, Problem

__all__ = [
    "CatalogError",
    "Problem",
    "check_quotes",
    "default_pack_path",
    "export_json",
    "find_seeds_dir",
    "json_schema",
    "load_pack",
    "normalise_ws",
    "pack_hash",
    "schema_text",
    "validate_pack",
    "write_json_schema",
]
