"""Write docs/report.png: the HTML report of the bundled example checked against its bundled
sources, as headless Chromium shows it (Debian's chromium and chromium-driver; no browser is
downloaded).

    python3 tools/make_report_png.py [--output docs/report.png] [--width 1400] [--height 900]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def screenshot(output: Path, width: int = 1400, height: int = 900) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    from claimcheck.api import check, example_path
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver:
        raise SystemExit("make_report_png: needs Debian's chromium and chromium-driver (apt-get install chromium "
                         "chromium-driver)")
    import os
    here = os.getcwd()
    os.chdir(ROOT)  # the report names the digest as the README's command does: data/example_digest.md
    try:
        report = check(example_path().relative_to(ROOT) if example_path().is_relative_to(ROOT) else example_path(),
                       sources=[Path("data") / "example_sources"])
    finally:
        os.chdir(here)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(report.to_html(), encoding="utf-8")
        options = webdriver.ChromeOptions()
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", f"--window-size={width},{height}", "--force-device-scale-factor=1"):
            options.add_argument(flag)
        options.binary_location = chromium
        session = webdriver.Chrome(service=Service(driver), options=options)
        try:
            session.get(page.as_uri())
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_bytes(session.get_screenshot_as_png())
        finally:
            session.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "report.png")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args()
    screenshot(args.output, args.width, args.height)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
