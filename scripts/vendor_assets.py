#!/usr/bin/env python3
"""Copy the browser assets pinned in package.json from node_modules into src/dxtrack/web/static/vendor
(and axe-core, a test-only asset, into tests/web/assets).

Run after ``npm ci --ignore-scripts`` (dev time only). The copies carry their version in the file or folder
name and each comes with its LICENSE, so the web app serves everything itself: no CDN, no request outside
the server. The copied files are committed; node_modules is not.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NODE = ROOT / "node_modules"
VENDOR = ROOT / "src" / "dxtrack" / "web" / "static" / "vendor"
TEST_ASSETS = ROOT / "tests" / "web" / "assets"  # test-only files (axe-core), never served by the app

SWAGGER_FILES = ("swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE", "favicon-32x32.png")
FONT_WEIGHTS = (400, 600, 700)
FONT_SUBSETS = ("vietnamese", "latin-ext", "latin")


def version(package: str) -> str:
    """The installed version of an npm package; it must equal the exact pin in package.json."""
    installed = json.loads((NODE / package / "package.json").read_text())["version"]
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"][package]
    if installed != pinned:
        sys.exit(f"{package}: node_modules has {installed}, package.json pins {pinned}; run npm ci --ignore-scripts")
    return str(installed)


def copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    print(f"  {dst.relative_to(ROOT)}")


def font_css(family: str, prefix: str) -> str:
    """@font-face rules for the vendored weights and subsets (from the @fontsource CSS, paths rewritten)."""
    rules = []
    for weight in FONT_WEIGHTS:
        css = (NODE / "@fontsource" / prefix / f"{weight}.css").read_text()
        for block in css.split("/* ")[1:]:
            name = block.split(" */", 1)[0]
            if not any(f"-{subset}-{weight}-normal" in name for subset in FONT_SUBSETS):
                continue
            body = block.split("*/", 1)[1].strip()
            body = body.replace("url(./files/", "url(./")
            # keep the woff2 source only: every browser we support reads it
            body = body.replace(f", url(./{name}.woff) format('woff')", "")
            rules.append(f"/* {name} */\n{body}\n")
    return f"/* {family} (SIL OFL 1.1) — vendored from @fontsource/{prefix} */\n" + "\n".join(rules)


def main() -> None:
    if not NODE.exists():
        sys.exit("node_modules missing: run `npm ci --ignore-scripts` first")
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    print("vendoring into", VENDOR.relative_to(ROOT))

    ev = version("echarts")
    copy(NODE / "echarts/dist/echarts.min.js", VENDOR / f"echarts-{ev}.min.js")
    copy(NODE / "echarts/LICENSE", VENDOR / f"echarts-{ev}.LICENSE")

    hv = version("htmx.org")
    copy(NODE / "htmx.org/dist/htmx.min.js", VENDOR / f"htmx-{hv}.min.js")
    copy(NODE / "htmx.org/LICENSE", VENDOR / f"htmx-{hv}.LICENSE")

    sv = version("swagger-ui-dist")
    for name in SWAGGER_FILES:
        copy(NODE / "swagger-ui-dist" / name, VENDOR / f"swagger-ui-dist-{sv}" / name)

    fv = version("@fontsource/be-vietnam-pro")
    fdir = VENDOR / f"be-vietnam-pro-{fv}"
    for weight in FONT_WEIGHTS:
        for subset in FONT_SUBSETS:
            name = f"be-vietnam-pro-{subset}-{weight}-normal.woff2"
            copy(NODE / "@fontsource/be-vietnam-pro/files" / name, fdir / name)
    copy(NODE / "@fontsource/be-vietnam-pro/LICENSE", fdir / "LICENSE")
    (fdir / "font.css").write_text(font_css("Be Vietnam Pro", "be-vietnam-pro"))
    print(f"  {(fdir / 'font.css').relative_to(ROOT)}")

    av = version("axe-core")  # accessibility checks injected by the browser tests, offline
    for old in TEST_ASSETS.glob("axe-core-*"):
        old.unlink()
    copy(NODE / "axe-core/axe.min.js", TEST_ASSETS / f"axe-core-{av}.min.js")
    copy(NODE / "axe-core/LICENSE", TEST_ASSETS / f"axe-core-{av}.LICENSE")


if __name__ == "__main__":
    main()
