"""The auditor's HTML report: one self-contained page, in Polish, built to act on.

No network resources: the style sheet and the script (``report_page.css``, ``report_page.js``)
are inlined. With scripts off the page is complete (every finding shown, documents beyond the
first screenful folded in ``<details>``); the script adds filters, a text search, live counts and
copy buttons. Errors and warnings differ in a word and a shape, not in colour alone.
"""

from __future__ import annotations

import html
import json
import os
from collections import Counter
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from extract.finding_places import Places, evidence_doc, evidence_of, grouped, number_in_quote, path_of, section_title
from extract.rulebook import all_rules

Row = dict[str, Any]
OPEN_FINDINGS = 25  # documents are unfolded while the findings shown so far stay under this (about a screenful)
SEVERITY = {"error": ("■", "BŁĄD"), "warning": ("▲", "UWAGA")}


@cache
def rule_texts() -> dict[str, dict[str, str]]:
    """Each rule's Polish name, explanation and example (``extract/rulebook.yaml``)."""
    text = resources.files("extract").joinpath("rulebook.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text))


def _asset(name: str) -> str:
    return resources.files("extract").joinpath(name).read_text(encoding="utf-8")


def rule_name(code: str) -> str:
    return rule_texts().get(code, {}).get("name", code)


def render_html(findings: list[Row], places: Places, report_dir: Path | None = None) -> str:
    """The page: a summary by severity, rule, year and document; filters and a search; the
    findings by document and section, each with its sentence, evidence, id and waiver entry;
    the rules explained."""
    e = html.escape
    errors = sum(f["severity"] == "error" for f in findings)
    waived = sum(bool(f["waived"]) for f in findings)
    parts = [
        "<!doctype html><html lang='pl'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<title>Raport kontroli spójności</title><link rel='icon' href='data:,'>",
        f"<style>{_asset('report_page.css')}</style></head><body>",
        "<header><h1>Raport kontroli spójności</h1>",
        f"<p class='totals'>Ustaleń: <b>{len(findings)}</b> — błędów: <b>{errors}</b>, uwag: <b>{len(findings) - errors}</b>, "
        f"wyłączonych: <b>{waived}</b>.</p></header>",
        _summary(findings, places),
        _filters(findings, places),
        "<main id='findings'>",
    ]
    shown = 0
    for year, doc_id, sections in grouped(findings, places):
        count = sum(len(items) for _s, items in sections)
        doc_errors = sum(f["severity"] == "error" for _s, items in sections for f in items)
        unfolded = " open" if shown < OPEN_FINDINGS else ""
        shown += count
        parts.append(f"<details class='document' data-doc='{e(doc_id)}'{unfolded}><summary><span class='path'>"
                     f"{e(path_of(doc_id, places))}</span> <span class='meta'>rok {e(str(year or '—'))}; ustaleń: "
                     f"<span class='doc-count'>{count}</span> z {count}, w tym błędów: {doc_errors}</span></summary>")
        for section_id, items in sections:
            parts.append(f"<section class='section'><h3>{e(section_title(section_id, places))}</h3>")
            parts += [_finding(f, places, report_dir) for f in items]
            parts.append("</section>")
        parts.append("</details>")
    if not findings:
        parts.append("<p>Kontrola nie wykazała ustaleń.</p>")
    parts.append("</main>")
    parts.append(_rules_explained(findings))
    parts.append(f"<script>{_asset('report_page.js')}</script></body></html>")
    return "\n".join(parts)


def _summary(findings: list[Row], places: Places) -> str:
    e = html.escape
    by_rule = Counter((f["rule"], f["severity"]) for f in findings)
    by_year = Counter(str(f.get("year") or "—") for f in findings)
    by_doc = Counter(f["doc_id"] for f in findings)
    rows = ["<section id='summary'><h2>Podsumowanie</h2><div class='tables'>",
            "<table><caption>Według reguły</caption><tr><th>reguła</th><th>waga</th><th>liczba</th></tr>"]
    for (code, severity), n in sorted(by_rule.items(), key=lambda item: (item[0][1] != "error", item[0][0])):
        shape, word = SEVERITY.get(severity, ("", severity))
        rows.append(f"<tr><td><a href='#rule-{code}'>{e(rule_name(code))}</a> <code>{code}</code></td>"
                    f"<td class='{severity}'>{shape} {word}</td><td>{n}</td></tr>")
    rows.append("</table><table><caption>Według roku</caption><tr><th>rok</th><th>liczba</th></tr>")
    rows += [f"<tr><td>{e(year)}</td><td>{n}</td></tr>" for year, n in sorted(by_year.items())]
    rows.append("</table><table><caption>Według dokumentu</caption><tr><th>dokument</th><th>liczba</th></tr>")
    rows += [f"<tr><td>{e(path_of(doc, places))}</td><td>{n}</td></tr>" for doc, n in by_doc.most_common()]
    rows.append("</table></div></section>")
    return "\n".join(rows)


def _filters(findings: list[Row], places: Places) -> str:
    """The filter bar; hidden until the script runs (without it every finding is shown)."""
    e = html.escape

    def options(values: list[tuple[str, str]]) -> str:
        return "<option value=''>wszystkie</option>" + "".join(f"<option value='{e(v)}'>{e(label)}</option>" for v, label in values)

    years = sorted({str(f.get("year") or "") for f in findings})
    docs = sorted({f["doc_id"] for f in findings}, key=lambda d: path_of(d, places))
    rules = sorted({f["rule"] for f in findings})
    return (
        "<form id='filters' hidden><h2>Filtry</h2>"
        f"<label>Rok <select name='year'>{options([(y, y or '—') for y in years])}</select></label>"
        f"<label>Dokument <select name='doc'>{options([(d, path_of(d, places)) for d in docs])}</select></label>"
        f"<label>Reguła <select name='rule'>{options([(r, f'{rule_name(r)} ({r})') for r in rules])}</select></label>"
        f"<label>Waga <select name='severity'>{options([('error', 'błędy'), ('warning', 'uwagi')])}</select></label>"
        f"<label>Wyłączone <select name='waived'>{options([('no', 'bez wyłączonych'), ('yes', 'tylko wyłączone')])}</select></label>"
        "<label>Szukaj <input type='search' name='q' placeholder='słowo, liczba, identyfikator'></label>"
        f"<p>Widoczne ustalenia: <output id='visible'>{len(findings)}</output> z {len(findings)}</p></form>"
    )


def _finding(f: Row, places: Places, report_dir: Path | None) -> str:
    e = html.escape
    shape, word = SEVERITY.get(f["severity"], ("", f["severity"]))
    classes = f"finding {f['severity']}" + (" waived" if f["waived"] else "")
    page = f", s. {f['page']}" if f.get("page") else ""
    basis = f" <span class='basis'>Podstawa: {e(f['basis'])}.</span>" if f.get("basis") else ""
    waiver = waiver_entry(f)
    out = [
        f"<article class='{classes}' id='{e(f['finding_id'])}' data-year='{e(str(f.get('year') or ''))}' "
        f"data-doc='{e(f['doc_id'])}' data-rule='{e(f['rule'])}' data-severity='{e(f['severity'])}' "
        f"data-waived='{'yes' if f['waived'] else 'no'}'>",
        f"<h4><span class='badge {f['severity']}'>{shape} {word}</span> {e(rule_name(f['rule']))} "
        f"<code>{f['rule']}</code> <span class='where'>{e(path_of(f['doc_id'], places))}{page}</span></h4>",
    ]
    if f["waived"]:
        out.append(f"<p class='waiver-reason'>Wyłączone: {e(f['waiver_reason'] or '')}</p>")
    out.append(f"<p class='message'>{e(f['message'])}{basis}</p>")
    out.append(f"<blockquote class='quote'>{highlighted(f)}</blockquote>")
    evidence = evidence_of(f)
    if evidence:
        out.append(f"<details class='evidence'><summary>Dowody ({len(evidence)})</summary><ol>")
        for part in evidence:
            doc = evidence_doc(part)
            other = " <span class='other-doc'>inny dokument</span>" if doc != f["doc_id"] else ""
            link = source_link(places.documents.get(doc, {}).get("source_path"), part.get("page"), report_dir)
            where = f"{e(path_of(doc, places))}" + (f", s. {part['page']}" if part.get("page") else "")
            place = f"<a href='{e(link)}'>{where}</a>" if link else where
            out.append(f"<li><b class='raw'>{e(str(part.get('raw') or ''))}</b> — „{e(str(part.get('quote') or ''))}”"
                       f" {place}{other}</li>")
        out.append("</ol></details>")
    out.append(
        f"<div class='ident'>Identyfikator: <code class='fid'>{e(f['finding_id'])}</code> "
        f"<button type='button' class='copy' data-copy='{e(f['finding_id'])}' hidden>Kopiuj identyfikator</button>"
        f"<details class='waiver'><summary>Wpis do pliku wyłączeń</summary><pre>{e(waiver)}</pre>"
        "<button type='button' class='copy' hidden>Kopiuj wpis</button></details></div>"
    )
    out.append("</article>")
    return "".join(out)


def waiver_entry(f: Row) -> str:
    """A ready-to-paste entry of ``waivers.yaml`` accepting this finding (reason and who to fill in)."""
    return (f"- id: {json.dumps(f['finding_id'])}\n  reason: \"\"  # dlaczego ustalenie nie jest błędem\n"
            f"  who: \"\"\n  date: {date.today().isoformat()}\n")


def highlighted(f: Row) -> str:
    """The finding's quote with the number at issue marked."""
    cut = number_in_quote(f)
    if cut is None:
        return html.escape(f.get("quote") or "")
    before, number, after = cut
    return html.escape(before) + "<mark>" + html.escape(number) + "</mark>" + html.escape(after)


def source_link(source: str | None, page: int | None, report_dir: Path | None) -> str | None:
    """A link from the report to the source file (at its page, for a PDF), relative to the
    report where it can be."""
    if not source:
        return None
    path = Path(source)
    if path.is_absolute() or report_dir is None:
        target = path.as_uri() if path.is_absolute() else path.as_posix()
    else:  # given relative to where the run started, as the check is run from there too
        target = Path(os.path.relpath(path.resolve(), report_dir.resolve())).as_posix()
    return target + (f"#page={page}" if page and path.suffix.lower() == ".pdf" else "")


def _rules_explained(findings: list[Row]) -> str:
    e = html.escape
    used = {f["rule"] for f in findings}
    rules = all_rules()
    parts = ["<section id='rules'><h2>Reguły kontroli</h2><dl>"]
    for code in sorted(rules, key=lambda c: (c not in used, rules[c].severity != "error", c)):
        text = rule_texts().get(code, {})
        shape, word = SEVERITY.get(rules[code].severity, ("", rules[code].severity))
        parts.append(f"<dt id='rule-{code}'>{e(text.get('name', code))} <code>{code}</code> "
                     f"<span class='badge {rules[code].severity}'>{shape} {word}</span></dt>"
                     f"<dd>{e(text.get('explain', rules[code].summary))}"
                     + (f"<br><i>Przykład:</i> {e(text['example'])}" if text.get("example") else "") + "</dd>")
    parts.append("</dl></section>")
    return "\n".join(parts)
