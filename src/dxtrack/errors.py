"""Exceptions shown to users as one clear line (the CLI prints them without a traceback)."""

from __future__ import annotations


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
