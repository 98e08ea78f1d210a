"""The auditor's side: the HTML and Markdown reports, waivers, --year and exit codes."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from extract.audit import Places, check_dataset, dataset_batches, number_in_quote, render_markdown
from extract.cli import main
from extract.dataset import read_rows
from extract.rulebook import all_rules, check_batches, exceeds, run_checks


class ReportParser(HTMLParser):
    """Collects each finding's id (an ``article``), its text and where it stands (the year and
    path of its document's group, the title of its section), and every external resource."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, str] = {}
        self.under: dict[str, tuple[str, ...]] = {}
        self.place = {"year": "", "path": "", "section": ""}
        self.reading: str | None = None  # which part of the place the text being read is
        self.current: str | None = None
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if tag == "article":
            self.current = values.get("id")
            self.sections[self.current or ""] = ""
            self.under[self.current or ""] = (self.place["year"], self.place["path"], self.place["section"])
        elif tag == "span" and "path" in classes:
            self.reading, self.place["path"] = "path", ""
        elif tag == "span" and "meta" in classes:
            self.reading, self.place["year"] = "year", ""
        elif tag == "h3":
            self.reading, self.place["section"] = "section", ""
        for key in ("src", "href"):
            if values.get(key) and "//" in (values[key] or ""):
                self.external.append(values[key] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.current = None
        if tag in ("span", "h3") and self.reading:
            if self.reading == "year":
                self.place["year"] = self.place["year"].split(";")[0].removeprefix("rok ").strip()
            self.reading = None

    def handle_data(self, data: str) -> None:
        if self.current:
            self.sections[self.current] += data
        if self.reading:
            self.place[self.reading] += data


@pytest.fixture()
def checked(dataset: Path, tmp_path: Path) -> Path:
    out = tmp_path / "dataset"
    shutil.copytree(dataset, out)
    return out


def test_html_report_holds_every_finding_with_its_quote(checked: Path) -> None:
    findings = check_dataset(checked, None, None)
    assert findings
    parser = ReportParser()
    parser.feed((checked / "report.html").read_text(encoding="utf-8"))
    assert parser.external == []
    for finding in findings:
        text = " ".join(parser.sections[finding["finding_id"]].split())
        assert " ".join(finding["quote"].split()) in text
        assert finding["message"] in text
    markdown = (checked / "report.md").read_text(encoding="utf-8")
    assert all(f["finding_id"] in markdown for f in findings)


def test_reports_group_findings_by_year_document_and_section(checked: Path) -> None:
    findings = check_dataset(checked, None, None)
    documents = {d["doc_id"]: d for d in read_rows(checked, "documents")}
    sections = {s["section_id"]: s for s in read_rows(checked, "sections")}
    parser = ReportParser()
    parser.feed((checked / "report.html").read_text(encoding="utf-8"))
    assert all(f["section_id"] for f in findings)  # text findings too are placed in their section
    for f in findings:
        doc, section = documents[f["doc_id"]], sections[f["section_id"]]
        assert section["doc_id"] == f["doc_id"] and section["char_start"] <= f["char_start"] < section["char_end"]
        title = " ".join(str(p) for p in (section["number"], section["title"]) if p)
        assert parser.under[f["finding_id"]] == (str(doc["year"]), doc["source_path"], title)
    years = [parser.under[f][0] for f in parser.sections]  # in the page's order
    assert years == sorted(years) and len(set(years)) == 2
    markdown = (checked / "report.md").read_text(encoding="utf-8")
    assert markdown.index("\n## 2013\n") < markdown.index("\n## 2020\n")


def test_waived_findings_stay_visible_and_stop_failing(checked: Path) -> None:
    errors = [f for f in check_dataset(checked, None, None) if f["severity"] == "error"]
    assert errors and exceeds(errors, "error")
    waivers = "\n".join(
        f"- id: {f['finding_id']}\n  reason: checked with the city\n  who: auditor\n  date: 2026-11-25" for f in errors
    )
    (checked / "waivers.yaml").write_text(waivers, encoding="utf-8")
    after = check_dataset(checked, None, None)
    waived = [f for f in after if f["waived"]]
    assert {f["finding_id"] for f in waived} == {f["finding_id"] for f in errors}
    assert all("checked with the city (auditor, 2026-11-25)" == f["waiver_reason"] for f in waived)
    assert not exceeds(after, "error")
    assert main(["check", str(checked), "--fail-on", "error"]) == 0
    stored = pd.read_parquet(checked / "findings")
    assert stored["waived"].sum() == len(errors)


def test_year_filter_limits_findings(checked: Path) -> None:
    all_years = check_dataset(checked, None, None)
    only_2020 = check_dataset(checked, 2020, None)
    assert only_2020 and len(only_2020) < len(all_years)
    assert {f["year"] for f in only_2020} == {2020}


def test_finding_ids_are_stable_across_runs(checked: Path) -> None:
    first = [f["finding_id"] for f in check_dataset(checked, None, None)]
    second = [f["finding_id"] for f in check_dataset(checked, None, None)]
    assert first == second


@pytest.mark.parametrize("year", [None, 2020])
def test_check_read_a_document_at_a_time_finds_what_a_whole_read_finds(dataset: Path, year: int | None) -> None:
    tables = {t: read_rows(dataset, t) for t in ("documents", "sections", "projects", "table_cells")}
    whole = run_checks(read_rows(dataset, "indicators"), year, **tables)
    batches = list(dataset_batches(dataset, year, size=1))  # one document per batch
    in_year = {d["doc_id"] for d in tables["documents"] if year in (None, d["year"])}
    assert whole and [ctx.documents[0]["doc_id"] for ctx in batches] == sorted(in_year)
    assert check_batches(batches) == whole


def test_every_finding_on_a_pdf_names_the_page_its_words_stand_on(checked: Path) -> None:
    import pypdfium2

    def letters(text: str) -> str:
        return "".join(ch for ch in text.casefold() if ch.isalnum())

    documents = {d["doc_id"]: d for d in read_rows(checked, "documents")}
    on_pdf = [f for f in check_dataset(checked, None, None) if documents[f["doc_id"]]["format"] == "pdf"]
    assert {f["rule"] for f in on_pdf} >= {"WRONG_YEAR", "TOC_MISMATCH", "SUM_MISMATCH"}  # text and figure findings
    for f in on_pdf:
        doc = documents[f["doc_id"]]
        pdf = pypdfium2.PdfDocument(doc["source_path"])
        page = letters(pdf[f["page"] - 1].get_textpage().get_text_range())
        assert letters(doc["text"][max(0, f["char_start"] - 25) : f["char_end"]]) in page, (f["rule"], f["page"])
        pdf.close()


def test_a_waivers_file_that_cannot_be_used_stops_the_check_with_exit_code_2(checked: Path, capsys) -> None:
    bad = checked / "mine.yaml"
    for text in ("- id: SUM_MISMATCH-0123\n  who: auditor\n", "- id: [unclosed\n", "id: SUM_MISMATCH-0123\n"):
        bad.write_text(text, encoding="utf-8")
        assert main(["check", str(checked), "--waivers", str(bad), "--quiet"]) == 2
        assert f"error: {bad}" in capsys.readouterr().err
    assert main(["check", str(checked), "--waivers", str(checked / "missing.yaml"), "--quiet"]) == 2  # a typo
    assert "no such waivers file" in capsys.readouterr().err


def test_a_waiver_that_matches_no_finding_is_pointed_out(checked: Path, capsys) -> None:
    real = check_dataset(checked, None, None)[0]["finding_id"]
    waivers = f"- id: {real}\n  reason: accepted\n- id: SUM_MISMATCH-0000000000000000\n  reason: corrected since\n"
    (checked / "waivers.yaml").write_text(waivers, encoding="utf-8")
    main(["check", str(checked), "--quiet"])
    err = capsys.readouterr().err
    assert "1 waiver(s) match no finding" in err and "SUM_MISMATCH-0000000000000000" in err and real not in err


@pytest.mark.parametrize(("quote", "raw", "before"), [
    ("W 2020 roku pomocą objęto 20 rodzin.", "20", "W 2020 roku pomocą objęto "),  # not the 20 of 2020
    ("Razem 1 250 osób, w tym 250 kobiet.", "250", "Razem 1 250 osób, w tym "),  # not the end of 1 250
    ("Razem 1 250 osób.", "1 250", "Razem "),
    ("kwota 2,5 mln i 5 osób", "5", "kwota 2,5 mln i "),  # not the decimal of 2,5
    ("brak tej liczby", "7", None),
])
def test_the_number_highlighted_is_the_one_standing_alone(quote: str, raw: str, before: str | None) -> None:
    cut = number_in_quote({"quote": quote, "evidence": [{"raw": raw}]})
    assert (cut[0] if cut else None) == before
    if cut:
        assert "".join(cut) == quote and cut[1] == raw
        markdown = render_markdown([{"finding_id": "X-1", "rule": "SUM_MISMATCH", "severity": "error", "doc_id": "d",
                                     "year": 2020, "section_id": None, "char_start": 0, "char_end": 1, "page": None,
                                     "message": "m", "quote": quote, "evidence": [{"raw": raw}], "waived": False}], Places())
        assert f"> {before}**{raw}**" in markdown


def test_every_rule_has_a_polish_name_an_explanation_and_an_example() -> None:
    from extract.report_page import rule_texts

    assert set(rule_texts()) == set(all_rules())
    for code, text in rule_texts().items():
        assert set(text) == {"name", "explain", "example"} and all(text.values()), code


def test_the_readme_lists_the_rules_as_the_report_explains_them() -> None:
    import importlib.util

    script = Path(__file__).resolve().parent.parent / "scripts" / "make_rules_table.py"
    spec = importlib.util.spec_from_file_location("make_rules_table", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = module.README.read_text(encoding="utf-8")
    assert readme == module.readme_with_table(readme), "README.md's rules table is stale: run python scripts/make_rules_table.py"


def test_the_html_report_offers_a_waiver_entry_for_every_finding(checked: Path) -> None:
    import yaml

    findings = check_dataset(checked, None, None)
    page = (checked / "report.html").read_text(encoding="utf-8")
    parser = ReportParser()
    parser.feed(page)
    for f in findings:
        text = parser.sections[f["finding_id"]]
        entry = yaml.safe_load(text[text.index("- id:") : text.index("Kopiuj wpis")])
        assert entry[0]["id"] == f["finding_id"]
    assert page.count("■ BŁĄD") >= sum(f["severity"] == "error" for f in findings)
