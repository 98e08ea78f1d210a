"""Where findings stand: their documents and sections, read once for the reports, and the
number at issue inside a finding's quote."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from extract.dataset import read_rows_where

Row = dict[str, Any]


def evidence_of(finding: Row) -> list[Row]:
    """A finding's evidence as a list (it is an array when read back with pandas)."""
    evidence = finding.get("evidence")
    return [] if evidence is None else list(evidence)


def evidence_doc(part: Row) -> str:
    """The document of a piece of evidence: its figure's id is the doc_id, "-f" and an offset."""
    return str(part.get("indicator_id") or "").rsplit("-f", 1)[0]


@dataclass
class Places:
    """Where findings stand, for the reports: their documents (path, year) and sections
    (number, title)."""

    documents: dict[str, Row] = field(default_factory=dict)
    sections: dict[str, Row] = field(default_factory=dict)


def read_places(out: Path, findings: list[Row]) -> Places:
    """The documents and sections the findings name (their evidence's documents too), read
    from the dataset."""
    named = {f["doc_id"] for f in findings} | {evidence_doc(e) for f in findings for e in evidence_of(f)}
    documents = read_rows_where(out, "documents", "doc_id", named, columns=["doc_id", "source_path", "year"])
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
    return sorted(groups, key=lambda g: (g[0] is None, g[0] or 0, path_of(g[1], places)))


def path_of(doc_id: str, places: Places) -> str:
    return str(places.documents.get(doc_id, {}).get("source_path") or doc_id)


def section_title(section_id: str | None, places: Places, outside: str = "Poza rozdziałami") -> str:
    if section_id is None:
        return outside
    section = places.sections.get(section_id)
    if section is None:
        return section_id
    return " ".join(str(part) for part in (section.get("number"), section.get("title")) if part) or section_id


def where(f: Row, places: Places) -> str:
    page = f", s. {f['page']}" if f.get("page") else ""
    return f"{path_of(f['doc_id'], places)}{page}, znaki {f['char_start']}–{f['char_end']}"




def number_in_quote(f: Row) -> tuple[str, str, str] | None:
    """The finding's quote cut around its number as (before, number, after): the number as
    written, standing alone (not the "20" of "2020"); None when the quote does not hold it."""
    quote = f.get("quote") or ""
    raw = next(iter(evidence_of(f)), {}).get("raw") or ""
    found = regex.search(rf"(?<![\d.,]|\d[ \u00a0]){regex.escape(raw)}(?![\d]|[.,]\d|[ \u00a0]\d{{3}}(?!\d))", quote) if raw else None
    if found is None:
        return None
    return quote[: found.start()], raw, quote[found.end() :]
