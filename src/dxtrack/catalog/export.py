"""Stable exports of a pack: canonical hash, the JSON interface and the JSON Schema."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from dxtrack.domain.catalog import ContentPack

#: Version of the JSON layout produced by :func:`export_json` (bump on incompatible changes).
EXPORT_FORMAT = "dxtrack.catalog/1"

SCHEMA_FILE = "content-pack.schema.json"


def _canonical(pack: ContentPack) -> str:
    return json.dumps(pack.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def pack_hash(pack: ContentPack) -> str:
    """sha256 (hex) of the canonical JSON dump: same content, same hash, whatever the YAML layout."""
    return hashlib.sha256(_canonical(pack).encode("utf-8")).hexdigest()


def export_json(pack: ContentPack) -> dict[str, Any]:
    """The pack as one JSON-ready object (the stable interface of ``dxtrack catalog export``).

    Keys: ``format`` (of this export), ``pack_format`` (the content-pack format, 2), ``id``, ``title_vi``,
    ``title_en``, ``version``, ``hash``, ``note``, ``focus_area``, ``labels``, ``horizons`` and the lists
    ``documents``, ``peer_groups``, ``indicators``, ``targets``, ``figures``, ``achievements``,
    ``policy_groups`` (each with ``tasks``), ``bodies`` (each with ``duties``), ``limitations``,
    ``systems``. Every object has all of its fields (null when not set).
    """
    dump = pack.model_dump(mode="json")
    out: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "id": dump["id"],
        "title_vi": dump["title_vi"],
        "title_en": dump["title_en"],
        "version": dump["version"],
        "hash": pack_hash(pack),
        "note": dump.get("note"),
        "pack_format": dump["format"],
        "focus_area": dump["focus_area"],
        "labels": dump["labels"],
        "horizons": dump["horizons"],
    }
    for key in (
        "documents",
        "peer_groups",
        "indicators",
        "targets",
        "figures",
        "achievements",
        "policy_groups",
        "bodies",
        "limitations",
        "systems",
    ):
        out[key] = dump[key]
    return out


def json_schema() -> dict[str, Any]:
    """JSON Schema of a content pack (the pydantic schema of :class:`ContentPack`)."""
    schema = ContentPack.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://dxtrack.invalid/schemas/" + SCHEMA_FILE
    return schema


def schema_text() -> str:
    """The committed form of the schema file (stable key order, trailing newline)."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_json_schema(path: Path) -> None:
    path.write_text(schema_text(), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """``python -m dxtrack.catalog [PATH]``: rewrite schemas/content-pack.schema.json (run from the repo root)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else Path("schemas") / SCHEMA_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    write_json_schema(target)
    print(f"wrote {target}")
    return 0
