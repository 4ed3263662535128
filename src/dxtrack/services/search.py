"""Search a content pack's targets, indicators, tasks and bodies, Vietnamese with or without diacritics.

Texts and the query are folded the same way (:func:`fold`: lower case, diacritics removed, đ → d), so
"chuyen doi so" finds "chuyển đổi số" and "Bo Khoa hoc" finds "Bộ Khoa học". An item matches when the query, as
a phrase, begins at a word of one of its texts (Vietnamese or English); nothing else is returned. A phrase, not
loose syllables: Vietnamese words are several syllables, and "chuyển giao ... đổi mới ... số" is not "chuyển đổi
số".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from dxtrack.domain.catalog import ContentPack

Kind = Literal["target", "indicator", "task", "body"]
KINDS: tuple[Kind, ...] = ("target", "indicator", "task", "body")
MAX_QUERY = 200  # characters; a longer query is cut, never an error
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """``text`` for comparison: lower case, no diacritics (NFD marks dropped), đ/Đ as d, spaces collapsed."""
    lowered = text.casefold().replace("đ", "d")
    bare = "".join(c for c in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(c))
    return " ".join(_WORD.findall(bare))


@dataclass(frozen=True)
class Hit:
    """One matching item: its kind and id, both names and the text that matched (for the result list)."""

    kind: Kind
    id: str
    title_vi: str
    title_en: str
    detail_vi: str
    detail_en: str


def _matches(phrase: str, texts: list[str | None]) -> bool:
    return any(f" {phrase}" in f" {fold(t)} " for t in texts if t)


def search(pack: ContentPack, query: str) -> dict[Kind, list[Hit]]:
    """Items of ``pack`` containing the folded ``query`` as a phrase starting at a word, by kind in pack order;
    an empty query matches nothing."""
    words = fold(query[:MAX_QUERY])
    found: dict[Kind, list[Hit]] = {k: [] for k in KINDS}
    if not words:
        return found
    for t in pack.targets:
        if _matches(words, [t.id, t.quote_vi, t.gloss_en, t.indicator]):
            found["target"].append(Hit("target", t.id, t.quote_vi, t.gloss_en, t.id, t.id))
    for ind in pack.indicators:
        if _matches(words, [ind.code, ind.name_vi, ind.name_en, ind.definition_vi, ind.definition_en]):
            found["indicator"].append(
                Hit("indicator", ind.code, ind.name_vi, ind.name_en, ind.definition_vi, ind.definition_en)
            )
    for group in pack.policy_groups:
        for task in group.tasks:
            if _matches(words, [task.quote_vi, task.gloss_en, task.product_vi, task.product_en]):
                found["task"].append(Hit("task", task.id, task.quote_vi, task.gloss_en, group.title_vi, group.title_en))
    for body in pack.bodies:
        if _matches(words, [body.id, body.name_vi, body.name_en, *body.names_in_text]):
            found["body"].append(Hit("body", body.id, body.name_vi, body.name_en, "", ""))
    return found
