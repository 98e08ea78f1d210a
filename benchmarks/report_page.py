"""How quickly a large HTML report opens and filters, in headless Chromium.

    python benchmarks/report_page.py --findings 5000

Builds a report of N findings (the corpus's findings repeated under ids of their own), opens it
from disk and prints its size, the time to first contentful paint and the time one filter (all
errors) takes. Needs Playwright (dev extra) and Chromium (apt-get install chromium).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from extract.audit import check_dataset, read_places
from extract.dataset import read_rows
from extract.report_page import render_html
from extract.runner import run

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--findings", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "output"
        run([str(ROOT / "corpus")], out, workers=2)
        check_dataset(out, None, None)
        found = read_rows(out, "findings")
        findings = [{**found[k % len(found)], "finding_id": f"{found[k % len(found)]['finding_id']}-{k}"}
                    for k in range(args.findings)]
        page_file = out / "big.html"
        page_file.write_text(render_html(findings, read_places(out, findings), out), encoding="utf-8")
        megabytes = page_file.stat().st_size / 2**20
        paints, filters = [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            for _ in range(args.runs):
                page = browser.new_page()
                page.goto(page_file.as_uri())
                paints.append(page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime"))
                filters.append(1000 * page.evaluate("""() => {
                    const select = document.querySelector("select[name=severity]");
                    const started = performance.now();
                    select.value = "error";
                    select.dispatchEvent(new Event("input", {bubbles: true}));
                    return (performance.now() - started) / 1000;
                }"""))
                page.close()
            browser.close()
    print(f"| findings | page MB | first paint ms (median of {args.runs}) | one filter ms |")
    print("| --- | --- | --- | --- |")
    print(f"| {args.findings} | {megabytes:.1f} | {statistics.median(paints):.0f} | {statistics.median(filters):.0f} |")


if __name__ == "__main__":
    main()
