"""Screenshots of the auditor's HTML report for the README: the corpus report as it opens, and
filtered to one rule with a finding's evidence and waiver entry unfolded.

    python scripts/report_screenshots.py          # writes docs/report.png and docs/report-filtered.png

Needs Playwright (the dev extra) and Chromium (apt-get install chromium).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from extract.audit import check_dataset
from extract.runner import run

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("no Chromium here (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "output"
        run([str(ROOT / "corpus")], out, workers=2)
        check_dataset(out, None, None)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1200, "height": 1400})
            page.goto((out / "report.html").as_uri())
            page.screenshot(path=ROOT / "docs" / "report.png")
            page.select_option("select[name=rule]", "SUM_MISMATCH")
            first = page.locator("article.finding:visible").first
            first.locator("details.evidence > summary").click()
            first.locator("details.waiver > summary").click()
            first.scroll_into_view_if_needed()
            page.evaluate("window.scrollBy(0, -260)")
            page.screenshot(path=ROOT / "docs" / "report-filtered.png")
            browser.close()
    print("wrote docs/report.png, docs/report-filtered.png")


if __name__ == "__main__":
    main()
