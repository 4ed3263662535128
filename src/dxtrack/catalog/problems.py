"""Problems found in a content pack, and the error that carries all of them."""

from __future__ import annotations

from dataclasses import dataclass

from dxtrack.errors import DxtrackError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a pack: where (file, key path, line) and what was expected."""

    file: str
    location: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.file or "<pack>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.location}: {self.message}" if self.location else f"{where}: {self.message}"


class CatalogError(DxtrackError):
    """A content pack that cannot be loaded; ``problems`` lists every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        n = len(self.problems)
        head = f"content pack has {n} problem{'s' if n != 1 else ''}"
        if n:
            head += f"; first: {self.problems[0]}"
        super().__init__(head)
