"""HTML → PDF with WeasyPrint, from the same template as the HTML report; nothing is fetched from a network.

Fonts are the shipped Liberation Serif files (metric-compatible with Times New Roman), inlined as data:
URIs by :mod:`dxtrack.reports.html`; WeasyPrint
embeds the subset it uses. The URL fetcher allows only ``data:`` URIs and refuses ``http(s)`` outright.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dxtrack.errors import DxtrackError


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher

    class OfflineFetcher(URLFetcher):  # type: ignore[misc]
        """Serves data: URIs only; a report must never reach out to the network."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols={"data"})

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.lower().startswith(("http:", "https:", "ftp:")):
                raise ValueError(f"dxtrack reports load nothing from the network (refused {url})")
            return super().fetch(url, headers)

    return OfflineFetcher()


def write_pdf(html: str, out: Path) -> Path:
    """Render ``html`` to a PDF file at ``out``."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: Pango missing
        raise DxtrackError(f"PDF output needs WeasyPrint and Pango (libpango-1.0-0, libpangoft2-1.0-0): {exc}") from exc
    HTML(string=html, url_fetcher=_fetcher(), base_url=None).write_pdf(str(out), pdf_variant=None)
    return out
