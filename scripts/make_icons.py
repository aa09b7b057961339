"""Draw the app icons: our own SVGs, and PNGs at 192 and 512 px rendered from them by Chromium.

Run from the repository root: `.venv/bin/python scripts/make_icons.py`. The output in static/icons/ is
committed; nothing third-party goes into it. Both icons fill their square, so they also work as maskable
icons (the drawing stays inside the middle 80 %).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "static" / "icons"

# A footbridge over calm water, in the site's colours.
BRYGGAN = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect width="512" height="512" fill="#1d4e5f"/>
  <path d="M104 300 Q256 150 408 300" fill="none" stroke="#fbf8f3" stroke-width="28" stroke-linecap="round"/>
  <path d="M96 300 H416" stroke="#fbf8f3" stroke-width="24" stroke-linecap="round"/>
  <path d="M176 240 V300 M256 214 V300 M336 240 V300" stroke="#fbf8f3" stroke-width="14"
        stroke-linecap="round"/>
  <path d="M120 360 q34 -18 68 0 t68 0 t68 0 t68 0" fill="none" stroke="#ffbf47" stroke-width="14"
        stroke-linecap="round"/>
</svg>
"""

# A plain notebook: nothing says what it is for.
NEUTRAL = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect width="512" height="512" fill="#e9e4dc"/>
  <rect x="136" y="112" width="240" height="288" rx="20" fill="#ffffff" stroke="#4a5a62" stroke-width="14"/>
  <path d="M184 184 H328 M184 240 H328 M184 296 H280" stroke="#4a5a62" stroke-width="14"
        stroke-linecap="round"/>
</svg>
"""


def render_png(browser, svg: Path, size: int, target: Path) -> None:
    """Screenshot the SVG at exactly size × size pixels."""
    page = browser.new_page(viewport={"width": size, "height": size})
    page.set_content(
        f'<html><body style="margin:0"><img src="data:image/svg+xml;base64,{encode(svg)}" '
        f'width="{size}" height="{size}" style="display:block"></body></html>'
    )
    page.wait_for_function("document.images[0].complete")
    page.screenshot(path=str(target), clip={"x": 0, "y": 0, "width": size, "height": size})
    page.close()


def encode(svg: Path) -> str:
    """Base64 of the SVG file."""
    import base64

    return base64.b64encode(svg.read_bytes()).decode()


def main() -> None:
    """Write every icon."""
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_ARGS
    from tests.prereq import chromium_path

    ICONS.mkdir(parents=True, exist_ok=True)
    sources = {"bryggan": BRYGGAN, "neutral": NEUTRAL}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        for name, text in sources.items():
            svg = ICONS / f"{name}.svg"
            svg.write_text(text)
            for size in (192, 512):
                render_png(browser, svg, size, ICONS / f"{name}-{size}.png")
        browser.close()


if __name__ == "__main__":
    main()
