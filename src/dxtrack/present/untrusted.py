"""Showing text that came from users or imports without letting it deceive the reader.

Such text is stored as given; only its display changes: bidirectional control characters become a visible
marker (``⟨U+202E⟩``) so a right-to-left override cannot reverse a web address on screen, a link shows the
host it really goes to, and a spreadsheet cell never starts with a formula trigger (OWASP's CSV injection
rule: ``=``, ``+``, ``-``, ``@``, tab or carriage return get a leading single quote).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

BIDI_CONTROLS: tuple[int, ...] = (
    0x061C,  # ARABIC LETTER MARK
    0x200E,  # LEFT-TO-RIGHT MARK
    0x200F,  # RIGHT-TO-LEFT MARK
    *range(0x202A, 0x202F),  # LRE, RLE, PDF, LRO, RLO
    *range(0x2066, 0x206A),  # LRI, RLI, FSI, PDI
)
_MARKERS = {cp: f"⟨U+{cp:04X}⟩" for cp in BIDI_CONTROLS}

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# a cell that is only a plain decimal number is read as that number by every spreadsheet, never as a formula
_PLAIN_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?", re.ASCII)


def visible_controls(text: str) -> str:
    """``text`` with every bidirectional control character replaced by its visible marker ``⟨U+XXXX⟩``."""
    return text.translate(_MARKERS)


def has_controls(text: str) -> bool:
    """Whether ``text`` holds a bidirectional control character or any other control character."""
    return any(ord(c) in _MARKERS or ord(c) < 0x20 or ord(c) == 0x7F for c in text)


def csv_cell(value: object) -> object:
    """A value safe to write into a CSV cell: numbers (int, float) stay numbers, negative ones included;
    text starting with a formula trigger gets a leading ``'``, unless the text is only a plain decimal
    number (``-12.5``), which a spreadsheet reads as that number; None is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        text = str(value)
        if text.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(text):
            return "'" + text
        return text
    return value


def link_host(url: str) -> str | None:
    """The host an ``http(s)`` address really leads to, in its ASCII (IDNA) form so look-alike letters show;
    None when ``url`` is not a plain http(s) address (no controls, no spaces, a host) and must not be a link."""
    if has_controls(url) or any(c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host:
        return None
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
