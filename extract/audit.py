"""Run the check over a dataset folder: findings to Parquet, and a report for people.

The HTML page is self-contained (no network resources); the Markdown suits terminals
and pull requests. Waivers (``DIR/waivers.yaml``) mark findings an auditor accepted.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import regex
import yaml

from extract.dataset import (
    DocumentRanges,
    check_schema,
    finish_commit,
    rows_per_document,
    write_table,
    write_text_atomic,
)
from extract.finding_places import Places, grouped, number_in_quote, path_of, read_places, section_title, where
from extract.lock import writing
from extract.report_page import SEVERITY, render_html, rule_name
from extract.rulebook import Context, all_rules, check_batches

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
    write_text_atomic(target / "report.html", render_html(shown, places, target))
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


def render_markdown(findings: list[Row], places: Places) -> str:
    """Counts by rule, then findings by year, document and section, each with its quote."""
    lines = ["# Ustalenia kontroli spójności", ""]
    for code, n in sorted(Counter(f["rule"] for f in findings).items()):
        lines.append(f"- **{rule_name(code)}** `{code}` ({SEVERITY[all_rules()[code].severity][1].lower()}): {n}")
    lines.append("")
    shown_year: object = object()
    for year, doc_id, sections in grouped(findings, places):
        if year != shown_year:
            lines += [f"## {year if year is not None else 'Rok nieznany'}", ""]
            shown_year = year
        lines += [f"### {md(path_of(doc_id, places))}", ""]
        for section_id, items in sections:
            lines += [f"#### {md(section_title(section_id, places))}", ""]
            for f in items:
                waived = f" — wyłączone: {md(f['waiver_reason'])}" if f["waived"] else ""
                cut = number_in_quote(f)
                quote = f"{md(cut[0])}**{md(cut[1])}**{md(cut[2])}" if cut else md(f["quote"] or "")
                basis = f" Podstawa: {md(f['basis'])}." if f.get("basis") else ""
                lines += [f"##### {f['rule']} `{f['finding_id']}`{waived}", "", md(f["message"]) + basis, "",
                          f"> {quote}", "", f"_{md(where(f, places))}_", ""]
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
