"""The error catalogue: every entry has a Vietnamese and an English text with the same parameters, and every code
the code raises (CodedError and its kinds, validation issues) is an entry."""

from __future__ import annotations

import re
import string
from pathlib import Path

from dxtrack.present.errors import CATALOGUE

SRC = Path(__file__).resolve().parents[1] / "src" / "dxtrack"
RAISED = re.compile(r"\b(?:CodedError|MailError|TemplateError)\(\s*\"([a-z_0-9]+)\"")
ISSUE = re.compile(r"_issue\([^()]*?,\s*\"[a-z_]+\",\s*\"([a-z_]+)\"")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_each_entry_speaks_both_languages_with_the_same_parameters() -> None:
    for code, spec in CATALOGUE.items():
        assert spec.vi.strip() and spec.en.strip(), code
        assert fields(spec.vi) == fields(spec.en), code


def test_every_raised_code_is_in_the_catalogue() -> None:
    raised: set[str] = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        raised |= set(RAISED.findall(text))
        raised |= {"validation_" + c for c in ISSUE.findall(text)}
    assert {"call_not_found", "review_bad_state", "validation_min", "file_too_big", "smtp_failed"} <= raised
    assert sorted(raised - set(CATALOGUE)) == []
