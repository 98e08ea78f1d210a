"""Run the check over a dataset folder: findings to Parquet, and a report for people.

The HTML page is self-contained (no network resources); the Markdown suits terminals
and pull requests. Waivers (``DIR/waivers.yaml``) mark findings an auditor accepted.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
import yaml

from extract.dataset import (
    DocumentRanges,
    check_schema,
    finish_commit,
    read_rows_where,
    rows_per_document,
    write_table,
    write_text_atomic,
)
from extract.lock import writing
from extract.rulebook import RULES, Context, check_batches

Row = dict[str, Any]


class WaiverError(ValueError):
    """A waivers file that cannot be used: missing when named, not YAML, or an entry without
    its id or reason."""


CHECKED_TABLES = ("documents", "sections", "projects", "tables", "table_cells", "indicators")  # what the rules read
MAX_WAIVERS_BYTES = 4 * 2**20  # thousands of waivers; a larger file is not a waivers file


class PlainLoader(yaml.SafeLoader):
    """Safe YAML without anchors and aliases: a waivers file has no use for them, and a chain of
    aliases (a "billion laughs") would grow memory without bound."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.constructor.ConstructorError(None, None, "aliases (*name) are not allowed in a waivers file",
                                                    event.start_mark)
        return super().compose_node(parent, index)


def load_waivers(path: Path | None, named: bool = False) -> dict[str, str]:
    """finding id → "reason (who, date)" from a YAML list of {id, reason, who, date}; {} when
    there is no file, unless it was ``named`` (given by the user), which makes that an error."""
    if path is None or not path.exists():
        if named:
            raise WaiverError(f"{path}: no such waivers file")
        return {}
    if path.stat().st_size > MAX_WAIVERS_BYTES:
        raise WaiverError(f"{path}: {path.stat().st_size:,} bytes is more than a waivers file holds "
                          f"(at most {MAX_WAIVERS_BYTES:,}); is it the right file?")
    try:
        entries = yaml.load(path.read_text(encoding="utf-8"), Loader=PlainLoader) or []
    except yaml.YAMLError as exc:
        raise WaiverError(f"{path} is not valid YAML: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise WaiverError(f"{path} is not UTF-8 text") from exc
    if not isinstance(entries, list):
        raise WaiverError(f"{path}: expected a list of waivers (- id: ..., reason: ...)")
    waivers = {}
    for entry in entries:
        if not isinstance(entry, dict) or "id" not in entry or "reason" not in entry:
            raise WaiverError(f"{path}: each waiver needs 'id' and 'reason' (got {entry})")
        who = ", ".join(str(entry[k]) for k in ("who", "date") if entry.get(k))
        waivers[str(entry["id"])] = str(entry["reason"]) + (f" ({who})" if who else "")
    return waivers


def stale_waivers(waivers: dict[str, str], findings: list[Row]) -> list[str]:
    """Waived ids no finding has any more (the mistake was corrected, or its figures changed)."""
    return sorted(set(waivers) - {f["finding_id"] for f in findings})


BATCH_ROWS = 5_000  # figures the check holds at a time (a batch is whole documents: a larger one is alone)


def check_dataset(out: Path, year: int | None, waivers_path: Path | None,
                  progress: Callable[[int, int, str], None] | None = None, lang: str = "pl") -> list[Row]:
    """Check the dataset in ``out``; write ``findings`` and ``report.html``/``report.md`` (their
    messages in ``lang``: "pl", the default, or "en").

    Documents are read a batch at a time, so memory stays bounded however large the dataset:
    what grows with it is only what the rules across documents keep (a document's one statement
    of each catalogued measure) and the findings. ``progress`` is called with (documents checked,
    documents in all, the last one's doc_id) after each batch."""
    with writing(out):
        return _check(out, year, waivers_path, progress, lang)


def _check(out: Path, year: int | None, waivers_path: Path | None,
           progress: Callable[[int, int, str], None] | None, lang: str) -> list[Row]:
    finish_commit(out)
    for table in CHECKED_TABLES:
        check_schema(out, table)  # an edited table would make findings vanish without a word
    findings = check_batches(dataset_batches(out, year, progress=progress))
    waivers = load_waivers(waivers_path or out / "waivers.yaml", named=waivers_path is not None)
    for f in findings:
        if f["finding_id"] in waivers:
            f["waived"], f["waiver_reason"] = True, waivers[f["finding_id"]]
    target = findings_folder(out, year)
    write_table(target, "findings", findings)
    places = read_places(out, findings)
    shown = findings if lang == "pl" else [{**f, "message": f["message_en"]} for f in findings]
    write_text_atomic(target / "report.html", render_html(shown, places))
    write_text_atomic(target / "report.md", render_markdown(shown, places))
    return findings


def findings_folder(out: Path, year: int | None) -> Path:
    """Where a check writes its findings and reports: the dataset folder, or for one year's
    check a folder of its own beside them (``DIR/check-2020/``), so the full check stays."""
    return out if year is None else out / f"check-{year}"


def dataset_batches(out: Path, year: int | None, size: int = BATCH_ROWS,
                    progress: Callable[[int, int, str], None] | None = None) -> Iterator[Context]:
    """The dataset as contexts of whole documents, in doc_id order, each of about ``size``
    figures; with ``year``, only that year's documents and figures (as :func:`run_checks`
    filters them). ``progress`` is called when the consumer asks for the next batch."""
    figures = rows_per_document(out, "indicators", year)
    documents = rows_per_document(out, "documents", year)
    ids = sorted(figures.keys() | documents.keys())
    tables = {t: DocumentRanges(out, t) for t in CHECKED_TABLES}
    start = 0
    while start < len(ids):
        end, held = start, 0
        while end < len(ids) and (held < size or end == start):
            held += figures[ids[end]]
            end += 1
        ctx = _context(tables, ids[start:end], year)
        yield ctx
        start = end
        if progress:  # named by the batch's last file, as run's bar names the file just read
            progress(end, len(ids), ctx.documents[-1]["source_path"] if ctx.documents else ids[end - 1])


def _context(tables: dict[str, DocumentRanges], batch: list[str], year: int | None) -> Context:
    rows = {t: reader.rows(batch) for t, reader in tables.items()}
    if year is not None:
        rows["indicators"] = [r for r in rows["indicators"] if r.get("year") == year]
        rows["documents"] = [d for d in rows["documents"] if d.get("year") == year]
    return Context(rows.pop("indicators"), **rows)


def print_findings(findings: list[Row], fmt: str, places: Places | None = None, lang: str = "pl") -> None:
    """Print findings as a table (counts by rule, then every finding: rule, severity, file, page,
    message) or as JSON with each finding's source file (the Markdown and HTML reports are files)."""
    paths = {d: row.get("source_path") for d, row in (places.documents if places else {}).items()}
    if fmt == "json":
        print(json.dumps([{**f, "source_path": paths.get(f["doc_id"])} for f in findings], ensure_ascii=False, indent=1,
                         default=str))
        return
    counts = Counter((f["rule"], f["severity"], f["waived"]) for f in findings)
    print(f"{'rule':<22} {'severity':<8} {'waived':<6} count")
    for (code, severity, waived), n in sorted(counts.items()):
        print(f"{code:<22} {severity:<8} {str(waived).lower():<6} {n}")
    print(f"{len(findings)} findings")
    if findings:
        print()
    for f in sorted(findings, key=lambda f: (paths.get(f["doc_id"]) or f["doc_id"], f["char_start"] or 0)):
        where = f"{paths.get(f['doc_id']) or f['doc_id']}" + (f", s. {f['page']}" if f.get("page") else "")
        message = f["message"] if lang == "pl" else f["message_en"]
        print(f"{f['severity'][:4]}  {f['rule']:<20} {where}: {message}")


@dataclass
class Places:
    """Where findings stand, for the reports: their documents (path, year) and sections
    (number, title)."""

    documents: dict[str, Row] = field(default_factory=dict)
    sections: dict[str, Row] = field(default_factory=dict)


def read_places(out: Path, findings: list[Row]) -> Places:
    """The documents and sections the findings name, read from the dataset."""
    documents = read_rows_where(out, "documents", "doc_id", {f["doc_id"] for f in findings},
                                columns=["doc_id", "source_path", "year"])
    sections = read_rows_where(out, "sections", "section_id", {f["section_id"] for f in findings if f["section_id"]},
                               columns=["section_id", "number", "title"])
    return Places({d["doc_id"]: d for d in documents}, {s["section_id"]: s for s in sections})


Group = tuple[int | None, str, list[tuple[str | None, list[Row]]]]


def grouped(findings: list[Row], places: Places) -> list[Group]:
    """Findings by the year of their report, then document (by path), then section in the
    order of the text: [(year, doc_id, [(section_id, findings)])]."""
    by_doc: dict[str, dict[str | None, list[Row]]] = {}
    for f in sorted(findings, key=lambda f: (f["doc_id"], f["char_start"] or 0, f["rule"])):
        by_doc.setdefault(f["doc_id"], {}).setdefault(f["section_id"], []).append(f)
    groups = []
    for doc_id, sections in by_doc.items():
        year = places.documents.get(doc_id, {}).get("year")
        if year is None:
            year = next(iter(sections.values()))[0].get("year")
        groups.append((year, doc_id, list(sections.items())))
    return sorted(groups, key=lambda g: (g[0] is None, g[0] or 0, _path(g[1], places)))


def _path(doc_id: str, places: Places) -> str:
    return str(places.documents.get(doc_id, {}).get("source_path") or doc_id)


def _section_title(section_id: str | None, places: Places) -> str:
    if section_id is None:
        return "Outside any section"
    section = places.sections.get(section_id)
    if section is None:
        return section_id
    return " ".join(str(part) for part in (section.get("number"), section.get("title")) if part) or section_id


def _where(f: Row, places: Places) -> str:
    page = f" p. {f['page']}" if f.get("page") else ""
    return f"{_path(f['doc_id'], places)}{page}, chars {f['char_start']}-{f['char_end']}"


def render_markdown(findings: list[Row], places: Places) -> str:
    """Counts by rule, then findings by year, document and section, each with its quote."""
    lines = ["# Consistency findings", ""]
    for code, n in sorted(Counter(f["rule"] for f in findings).items()):
        lines.append(f"- **{code}** ({RULES[code].severity}): {n}")
    lines.append("")
    shown_year: object = object()
    for year, doc_id, sections in grouped(findings, places):
        if year != shown_year:
            lines += [f"## {year if year is not None else 'Year unknown'}", ""]
            shown_year = year
        lines += [f"### {md(_path(doc_id, places))}", ""]
        for section_id, items in sections:
            lines += [f"#### {md(_section_title(section_id, places))}", ""]
            for f in items:
                waived = f" — waived: {md(f['waiver_reason'])}" if f["waived"] else ""
                cut = number_in_quote(f)
                quote = f"{md(cut[0])}**{md(cut[1])}**{md(cut[2])}" if cut else md(f["quote"] or "")
                basis = f" Podstawa: {md(f['basis'])}." if f.get("basis") else ""
                lines += [f"##### {f['rule']} `{f['finding_id']}`{waived}", "", md(f["message"]) + basis, "",
                          f"> {quote}", "", f"_{md(_where(f, places))}_", ""]
    return "\n".join(lines)


MARKDOWN_SPECIAL = regex.compile(r"([\\`*_{}\[\]<>()#+!|~])")
WHITE_SPACE = regex.compile(r"\s+")


def md(text: str) -> str:
    """Text of a report shown as itself in Markdown: markup characters escaped, line breaks
    turned into spaces (a quote stays one paragraph).

    >>> print(md("**bold** <b>x</b>"))
    \\*\\*bold\\*\\* \\<b\\>x\\</b\\>
    """
    return MARKDOWN_SPECIAL.sub(r"\\\1", WHITE_SPACE.sub(" ", str(text)))


def render_html(findings: list[Row], places: Places) -> str:
    """One self-contained page: counts by rule, then findings by year, document and section,
    each with its quote and the number at issue highlighted."""
    counts = Counter(f["rule"] for f in findings)
    parts = [
        "<!doctype html><html lang='pl'><head><meta charset='utf-8'><title>Consistency findings</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:auto}mark{background:#fd5}"
        ".waived{opacity:.6}blockquote{border-left:3px solid #ccc;margin:0;padding-left:1em}</style></head><body>",
        "<h1>Consistency findings</h1><table><tr><th>rule</th><th>severity</th><th>count</th></tr>",
    ]
    for code, n in sorted(counts.items()):
        parts.append(f"<tr><td>{code}</td><td>{RULES[code].severity}</td><td>{n}</td></tr>")
    parts.append("</table>")
    shown_year: object = object()
    for year, doc_id, sections in grouped(findings, places):
        if year != shown_year:
            parts.append(f"<h2>{year if year is not None else 'Year unknown'}</h2>")
            shown_year = year
        parts.append(f"<h3>{html.escape(_path(doc_id, places))}</h3>")
        for section_id, items in sections:
            parts.append(f"<h4>{html.escape(_section_title(section_id, places))}</h4>")
            for f in items:
                cls = " class='waived'" if f["waived"] else ""
                waived = f" — waived: {html.escape(f['waiver_reason'] or '')}" if f["waived"] else ""
                parts.append(f"<section{cls} id='{f['finding_id']}'><h5>{f['rule']} ({f['severity']}){waived}</h5>")
                basis = f" <em>Podstawa: {html.escape(f['basis'])}.</em>" if f.get("basis") else ""
                parts.append(f"<p>{html.escape(f['message'])}{basis}</p><blockquote>{_highlight(f)}</blockquote>")
                parts.append(f"<p><small>{html.escape(_where(f, places))}</small></p></section>")
    parts.append("</body></html>")
    return "\n".join(parts)


def number_in_quote(f: Row) -> tuple[str, str, str] | None:
    """The finding's quote cut around its number as (before, number, after): the number as
    written, standing alone (not the "20" of "2020"); None when the quote does not hold it."""
    quote = f.get("quote") or ""
    raw = (f.get("evidence") or [{}])[0].get("raw") or ""
    found = regex.search(rf"(?<![\d.,]|\d[ \u00a0]){regex.escape(raw)}(?![\d]|[.,]\d|[ \u00a0]\d{{3}}(?!\d))", quote) if raw else None
    if found is None:
        return None
    return quote[: found.start()], raw, quote[found.end() :]


def _highlight(f: Row) -> str:
    cut = number_in_quote(f)
    if cut is None:
        return html.escape(f.get("quote") or "")
    before, number, after = cut
    return html.escape(before) + "<mark>" + html.escape(number) + "</mark>" + html.escape(after)
