"""The HTML report in a real browser: headless Chromium (the distribution's package) driven by
Playwright. Skips, saying why, where Playwright or Chromium is missing; CI installs both.

The page is served from a local HTTP server so that the clipboard can be read back; it loads
nothing from the network (a test of ``test_audit.py`` checks that it names no external resource).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

from extract.audit import check_dataset, read_places
from extract.dataset import read_rows
from extract.report_page import render_html

CHROMIUM = next((p for name in ("chromium", "chromium-browser", "google-chrome") if (p := shutil.which(name))), None)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here (apt-get install chromium)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def served(dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The corpus dataset, checked, its folder served over HTTP: (base URL, folder)."""
    out = tmp_path_factory.mktemp("served") / "dataset"
    shutil.copytree(dataset, out)
    check_dataset(out, None, None)
    handler = functools.partial(QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", out
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def open_page(browser: Any, url: str, **options: Any) -> tuple[Any, list[str]]:
    context = browser.new_context(**options)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    return page, errors


def test_filter_one_rule_read_a_finding_and_copy_its_waiver(browser: Any, served: tuple[str, Path]) -> None:
    base, out = served
    findings = pd.read_parquet(out / "findings")
    rule = "SUM_MISMATCH"
    expected = findings[findings["rule"] == rule]
    page, errors = open_page(browser, f"{base}/report.html", permissions=["clipboard-read", "clipboard-write"])
    assert page.inner_text("#visible") == str(len(findings))

    page.select_option("select[name=rule]", rule)
    visible = page.locator("article.finding:visible")
    assert page.inner_text("#visible") == str(len(expected)) == str(visible.count())
    assert set(visible.evaluate_all("items => items.map(a => a.dataset.rule)")) == {rule}

    finding = expected.iloc[0]
    article = page.locator(f"article[id='{finding['finding_id']}']")
    assert article.locator(".message").inner_text().startswith(finding["message"])
    assert article.locator(".badge").inner_text() == "■ BŁĄD"  # the severity in a word and a shape, not colour alone
    assert article.locator("mark").inner_text() == finding["evidence"][0]["raw"]
    article.locator("details.evidence > summary").click()
    items = article.locator("details.evidence li")
    assert items.count() == len(finding["evidence"])
    assert finding["evidence"][-1]["quote"].split()[0] in items.last.inner_text()

    article.locator("details.waiver > summary").click()
    article.locator("details.waiver button.copy").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    entry = yaml.safe_load(copied)
    assert entry[0]["id"] == finding["finding_id"] and set(entry[0]) == {"id", "reason", "who", "date"}

    page.fill("input[name=q]", finding["finding_id"])
    assert page.inner_text("#visible") == "1"
    assert errors == []


def test_without_scripts_every_finding_is_shown(browser: Any, served: tuple[str, Path]) -> None:
    base, out = served
    page, errors = open_page(browser, f"{base}/report.html", java_script_enabled=False)
    assert page.locator("article.finding").count() == len(pd.read_parquet(out / "findings"))
    assert not page.locator("#filters").is_visible()  # filters need the script: not offered without it
    assert errors == []


def many_findings(out: Path, n: int) -> list[dict[str, Any]]:
    """``n`` findings made from the corpus's, each under an id of its own."""
    found = read_rows(out, "findings")
    return [{**found[k % len(found)], "finding_id": f"{found[k % len(found)]['finding_id']}-{k}"} for k in range(n)]


def test_a_report_of_5000_findings_paints_and_filters(browser: Any, served: tuple[str, Path],
                                                      record_property: Any) -> None:
    base, out = served
    findings = many_findings(out, 5000)
    (out / "big.html").write_text(render_html(findings, read_places(out, findings), out), encoding="utf-8")
    page, errors = open_page(browser, f"{base}/big.html")
    paint = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    seconds = page.evaluate("""() => {
        const select = document.querySelector("select[name=severity]");
        const started = performance.now();
        select.value = "error";
        select.dispatchEvent(new Event("input", {bubbles: true}));
        return (performance.now() - started) / 1000;
    }""")
    errors_shown = sum(f["severity"] == "error" for f in findings)
    assert page.inner_text("#visible") == str(errors_shown)
    assert page.locator("article.finding:visible").count() == errors_shown
    record_property("first_paint_ms", round(paint))  # measured, not asserted: see benchmarks/report_page.py
    record_property("filter_s", round(seconds, 3))
    assert errors == []
