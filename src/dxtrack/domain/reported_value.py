"""An indicator value as a unit reported it (number, method note, source, collection) and how it is kept on the
published observation: its ``comment`` holds the metadata as JSON (with the unit's comment), read back here."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from dxtrack.domain.report_items import INDICATOR_META

MARK = "dxtrack.reported"
"""The key that tells a comment holding a unit's indicator metadata from a free-text comment."""


def metadata(value: Any) -> dict[str, str]:
    """The method note, source and collection of a reported indicator value (none for a plain number)."""
    if not isinstance(value, Mapping):
        return {}
    return {k: str(value[k]) for k in INDICATOR_META if isinstance(value.get(k), str) and value[k].strip()}


def observation_comment(value: Any, comment: str | None) -> str | None:
    """The comment of the observation published from a reported value: the unit's comment as it is when the
    value says nothing more, else JSON of the metadata and the comment (nothing is lost)."""
    meta = metadata(value)
    if not meta:
        return comment
    return json.dumps({MARK: 1, **meta, **({"comment": comment} if comment else {})}, ensure_ascii=False)


def from_comment(comment: str | None) -> tuple[dict[str, str], str | None]:
    """(metadata, the unit's comment) of an observation's comment written by :func:`observation_comment`."""
    if not isinstance(comment, str) or not comment.startswith("{"):
        return {}, comment if isinstance(comment, str) and comment else None
    try:
        data = json.loads(comment)
    except ValueError:
        return {}, comment
    if not isinstance(data, dict) or MARK not in data:
        return {}, comment
    meta = {k: str(data[k]) for k in INDICATOR_META if k in data}
    return meta, data.get("comment")
