"""Exceptions shown to users as one clear line (the CLI prints them without a traceback)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


class DxtrackError(Exception):
    """Base class: a problem the user can fix, described in one line."""


class InputError(DxtrackError):
    """Bad input: names the file, row, column or field and what was expected."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file = file
        self.row = row
        self.column = column
        self.reason = message
        where = []
        if file:
            where.append(str(file))
        if row is not None:
            where.append(f"row {row}")
        if column:
            where.append(f"column '{column}'")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


Renderer = Callable[[str, Mapping[str, Any], str], str]
_RENDERER: list[Renderer] = []


def set_renderer(render: Renderer) -> None:
    """Install the error catalogue's renderer (``dxtrack.present.errors`` does it when imported), so an error
    raised below the presentation layer is worded from the one catalogue, in the language asked at the edge."""
    _RENDERER[:] = [render]


class CodedError(DxtrackError):
    """An error of the catalogue (``dxtrack.present.errors``): ``code`` and ``params``; ``str()`` is English,
    :meth:`text` any language. A parameter that is itself coded (has ``text``) is worded in the same language."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(code)

    def text(self, lang: str = "en") -> str:
        return render(self.code, self.params, lang)

    def __str__(self) -> str:
        return self.text("en")


def render(code: str, params: Mapping[str, Any], lang: str = "en") -> str:
    """The catalogue's text of ``code`` in ``lang`` (coded parameters worded in the same language)."""
    plain = {k: v.text(lang) if hasattr(v, "text") else v for k, v in params.items()}
    if not _RENDERER:  # the catalogue is not loaded (a library caller that never imported dxtrack.present)
        return f"{code}: " + ", ".join(f"{k}={v}" for k, v in plain.items())
    return _RENDERER[0](code, plain, lang)


class Words:
    """A parameter worded in both languages (e.g. a review action: ``Words("trả lại", "return")``)."""

    def __init__(self, vi: str, en: str) -> None:
        self.vi, self.en = vi, en

    def text(self, lang: str = "en") -> str:
        return self.vi if lang == "vi" else self.en
