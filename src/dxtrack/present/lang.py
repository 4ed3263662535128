"""The interface languages: Vietnamese first, English second."""

from __future__ import annotations

from typing import Literal

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")


def pick(pair: tuple[str, str], lang: Lang) -> str:
    """The Vietnamese or English member of a (vi, en) pair."""
    return pair[0] if lang == "vi" else pair[1]


def pick_lang(value: str | None) -> Lang | None:
    """A supported language code, or None."""
    if value == "vi":
        return "vi"
    if value == "en":
        return "en"
    return None
