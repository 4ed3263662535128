"""Evidence file types: what is accepted and how a file's type is told from its first bytes (never its name)."""

from __future__ import annotations

from collections.abc import Iterable

MEDIA_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpeg": "image/jpeg",
}
"""The accepted kinds (PDF, DOCX, XLSX, PNG, JPEG) and their media types."""
EXTENSIONS: dict[str, str] = {".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx", ".png": "png", ".jpg": "jpeg",
                              ".jpeg": "jpeg"}  # fmt: skip
_MAGIC = ((b"%PDF-", "pdf"), (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"))
ZIP_MAGIC = b"PK\x03\x04"


def sniff(head: bytes, zip_names: Iterable[str] = ()) -> str | None:
    """The kind of a file from its first bytes (and, for a ZIP container, the names inside it): pdf, png, jpeg,
    docx, xlsx; None for anything else."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(ZIP_MAGIC):
        names = set(zip_names)
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
    return None
