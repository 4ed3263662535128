"""Lay a :class:`~dxtrack.reports.model.ReportDocument` out as one self-contained HTML document (CSS, fonts
and charts inlined). The same HTML is the input of the PDF writer, so screen and print come from one template.
"""

from __future__ import annotations

import base64
from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from dxtrack.reports.model import ReportDocument

TEMPLATES = Path(__file__).parent / "templates"
FONT_DIR = "liberation-serif-2.1.5"
FONT_FAMILY = "Liberation Serif"  # metric-compatible with Times New Roman, which the DOCX names
FONT_FACES = (
    ("LiberationSerif-Regular.ttf", "normal", 400),
    ("LiberationSerif-Bold.ttf", "normal", 700),
    ("LiberationSerif-Italic.ttf", "italic", 400),
    ("LiberationSerif-BoldItalic.ttf", "italic", 700),
)


def font_path(name: str) -> Path:
    """Path of a font file shipped in ``dxtrack/resources/fonts``."""
    return Path(str(resources.files("dxtrack") / "resources" / "fonts" / FONT_DIR / name))


def font_css() -> str:
    """``@font-face`` rules for the shipped Liberation Serif, as data: URIs (nothing is fetched)."""
    rules = []
    for name, style, weight in FONT_FACES:
        data = base64.b64encode(font_path(name).read_bytes()).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; '
            f"font-style: {style}; font-weight: {weight}; "
            f'src: url(data:font/ttf;base64,{data}) format("truetype"); }}'
        )
    return "\n".join(rules)


def _env() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=False,
        lstrip_blocks=False,
    )


def render_html(doc: ReportDocument) -> str:
    """The report as a self-contained HTML string."""
    css = font_css() + "\n" + (TEMPLATES / "report.css").read_text(encoding="utf-8")
    return _env().get_template("report.html.j2").render(d=doc, css=css)
