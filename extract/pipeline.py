"""One file → rows for every output table: read → segment → extract → normalise.

:func:`process_file` is pure apart from reading the file, so it can run in a worker
process, a Dask worker or a test alike.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import regex

from extract import extractor_version
from extract.breakdowns import link_breakdowns
from extract.catalogue import indicator_key
from extract.figures import (
    LIST_ITEM,
    amounts_in_inline_lists,
    block_figures,
    count_money,
    numbered_blocks,
    sentence_bounds,
    units_in_bracket_lists,
    units_in_lists,
    units_under_count_heads,
)
from extract.form_rows import form_rows
from extract.marks import text_marks
from extract.measures import (
    Measure,
    as_dimension,
    as_part_of,
    clause_before,
    institution_last_named,
    institution_opening,
    institutions,
    measure_of,
    measure_of_form,
    pointing_back,
    restating_opener,
    staff_measures,
)
from extract.model import Block, Document, Figure
from extract.places import municipality
from extract.readers import read
from extract.report import report_issuer, report_period, report_programme, report_title
from extract.segment import Project, Section, find_projects, find_sections, section_at
from extract.tables import (
    TableCell,
    caption_count,
    caption_unit,
    table_caption,
    table_cells,
    table_figures,
    text_cell_figures,
)

Rows = dict[str, list[dict[str, Any]]]


def file_id(path: Path) -> str:
    """The document id: the first 16 hex digits of the SHA-256 of the file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:16]


def process_file(path: Path, source_path: str | None = None, doc_id: str | None = None) -> Rows:
    """Read one report and return its rows for every table."""
    doc_id = doc_id or file_id(path)
    doc = read(path)
    return document_rows(doc, doc_id, source_path or str(path))


def failed_rows(doc_id: str, source_path: str, error: str, reason: str, fmt: str = "unknown") -> Rows:
    """Rows for a file that could not be read: one documents row, nothing else."""
    doc = Document(source_path, fmt, status="failed", error=error, reason=reason)
    return document_rows(doc, doc_id, source_path)


def extract_figures(doc: Document, year: int | None) -> tuple[list[Figure], list[dict]]:
    """All figures of a document, with breakdowns linked, and its tables with their cells."""
    figures: list[Figure] = []
    block_of: list[int] = []
    tables: list[dict] = []
    column_numbers = numbered_blocks(doc.blocks)
    for b, block in enumerate(doc.blocks):
        if b in column_numbers:
            continue
        if block.kind == "table":
            cells = table_cells(block)
            found = table_figures(block, cells, year, b, caption_count(doc.blocks, b))
            if unit := caption_unit(doc.blocks, b):
                for f in found:
                    f.unit = f.unit or unit
            base = len(figures)
            for f in found:
                if f.parent is not None and f.parent < 0:
                    f.parent = base + (-1 - f.parent)
            tables.append({"block": b, "cells": cells, "rows": len(block.rows), "cols": max(map(len, block.rows))})
            found += text_cell_figures(block, cells, year, b)
        else:
            found = block_figures(block, year, doc.text)
        figures.extend(found)
        block_of.extend([b] * len(found))
    count_money(doc.text, figures)
    units_in_lists(doc.text, figures)
    units_in_bracket_lists(doc.text, figures)
    amounts_in_inline_lists(doc.text, figures)
    units_under_count_heads(doc.text, figures)
    link_breakdowns(doc.blocks, figures, block_of)
    for f in figures:
        f.page = doc.page_at(f.char_start) if doc.page_starts else f.page  # where its characters are printed
    return figures, tables


SENTENCE_ENDED = regex.compile(r"\p{L}[.!?]\s+$")  # a word's sentence ends before the number


def figure_measure(text: str, figure: Figure, headings: str = "", lead_ins: dict[int, str] | None = None) -> Measure:
    """What a figure measures: a table cell by its headings, a figure in prose by its clause and
    sentence before it and its phrase; ``headings`` (its table's caption, its sections' titles)
    may name the one form of help the text under them is about; ``lead_ins``
    (:func:`list_lead_ins`) give the lead-in of the list a figure is an item of."""
    if figure.table_index is not None:
        return measure_of(figure.unit, figure.subject, around=headings)
    start, sentence_end = sentence_bounds(text, figure.char_start)
    before = text[start : figure.char_start]
    own_line = text.rfind("\n", 0, figure.char_start) + 1  # where the figure's line starts
    if not before.strip() and not SENTENCE_ENDED.search(text[own_line : figure.char_start]):
        # a number opening its line or following a leader: its label is the line above ("Par.
        # 4260" / "100 000,00") or its line's words ("budżet w wysokości ...... 5 137 000,00"),
        # never another sentence ("… 1 020 osobom. 640 osób otrzymało …")
        line_start = text.rfind("\n", 0, max(0, start - 1)) + 1
        before = text[line_start:start] if "\n\n" not in text[line_start:start] else ""
    restating = bool(start and restating_opener().match(before))
    if restating:  # "… ponad 3 mln zł. Dokładnie: 3 204 115 zł": the sentence before's words say what it is
        start = sentence_bounds(text, start - 1)[0]
        before = text[start : figure.char_start]
    earlier = text[text.rfind("\n\n", 0, start) + 2 : start]  # its paragraph's sentences before its own
    clause = before if restating else clause_before(text, figure.char_start).strip() or before
    lead_in = (lead_ins or {}).get(own_line, "")  # the lead-in of the figure's list, if any
    context = f"{lead_in[-CONTEXT_CHARS:]} {relative_clause(text, figure.char_end, sentence_end)[:CONTEXT_CHARS]}".strip()
    pointed = ""
    if pointing_back().search(clause):  # "Przebywa w nich 173 dzieci": what the sentences before named
        pointed = earlier if earlier.strip() else text[: max(0, start - 2)].rsplit("\n\n", 1)[-1]  # or the paragraph before
        pointed = f"{pointed} {before}"  # and its own sentence: "… 21 400 świadczeń rodzinnych – ośrodek przeznaczył na nie 3,9 mln zł"
    paragraph = text.rfind("\n\n", 0, start)
    topic = text[text.rfind("\n\n", 0, max(0, paragraph)) + 2 : start] if paragraph > 0 else earlier  # and the paragraph before
    return measure_of(figure.unit, figure.subject, clause, before, headings, earlier, context, pointed[-CONTEXT_CHARS:], topic)


CONTEXT_CHARS = 200  # of a list's lead-in and of a relative clause, read for the vocabulary's measure
RELATIVE_AFTER_NOUN = regex.compile(r"[ \t]*\p{L}+,[ \t]+(?:(?:co[ \t]+do|wobec|w|z|dla|od|u)[ \t]+)?któr\p{L}*\b"
                                    r"|(?:[ \t]+\p{L}+){1,4},[ \t]+że\b")  # "85 osób, które …"; "310 osób policja ma podejrzenie, że …"


def relative_clause(text: str, end: int, sentence_end: int) -> str:
    """The relative clause that follows a number's noun, to its sentence's end ("85 osób, co do
    których istnieje podejrzenie, że są dotknięte przemocą"), or a clause of what is said of
    them ("310 osób policja ma podejrzenie, że stosują przemoc"); "" when none does."""
    m = RELATIVE_AFTER_NOUN.match(text, end, sentence_end)
    return text[m.end() : sentence_end] if m else ""


LAST_SENTENCE = regex.compile(r"(?<=\p{L}[.!?])\s+")


def list_lead_ins(text: str) -> dict[int, str]:
    """Where each list item's line starts → the lead-in of its list: the last sentence of the
    line before the list's first item ("Pomocy udzielono z powodu:"). Items carry a mark ("1)",
    "- ") or, after a lead-in ending in a colon, none: then they open with one word alike ("w
    roku 2020 – 3 410 zł", "w roku 2021 – …"), and the first line of another opening ends them."""
    found: dict[int, str] = {}
    lead_in, at, after_colon, opener = "", 0, False, ""
    for line in text.split("\n"):
        first = line.split(maxsplit=1)[0].lower() if line.strip() else ""
        if LIST_ITEM.match(line):
            found[at] = lead_in
        elif first and (after_colon or first == opener):
            found[at], opener = lead_in, first  # an unmarked item
        elif first:
            lead_in, opener = LAST_SENTENCE.split(line.rstrip(" .\t"))[-1], ""
        if first:
            after_colon = line.rstrip().endswith(":") and not opener
        at += len(line) + 1
    return found


HEADING_CHARS = 150  # a block before a table this short is its heading, not a paragraph of prose


def table_heading(blocks: list[Block], block: int, caption: Block | None) -> list[str]:
    """A table's ``caption``, or else the short line just before it."""
    if caption is None and block and blocks[block - 1].kind != "table" and len(blocks[block - 1].text) <= HEADING_CHARS:
        caption = blocks[block - 1]
    return [caption.text] if caption else []


def section_titles(sections: list[Section], k: int | None) -> list[str]:
    """The titles of section ``k`` and of the sections that hold it, innermost first."""
    found = []
    while k is not None:
        found.append(sections[k].title or "")
        k = sections[k].parent
    return found


def document_rows(doc: Document, doc_id: str, source_path: str) -> Rows:
    """Turn a read Document into rows for documents, sections, projects, indicators, tables."""
    rows: Rows = {t: [] for t in ("documents", "sections", "projects", "indicators", "tables", "table_cells")}
    year, period_start, period_end = report_period(doc) if doc.blocks else (None, None, None)
    sections: list[Section] = find_sections(doc) if doc.blocks else []
    projects: list[Project] = find_projects(doc, sections) if doc.blocks else []
    figures, tables = extract_figures(doc, year) if doc.blocks else ([], [])

    def sid(k: int | None) -> str | None:
        return None if k is None else f"{doc_id}-s{sections[k].char_start}"

    for s in sections:
        rows["sections"].append({
            "doc_id": doc_id, "section_id": f"{doc_id}-s{s.char_start}", "parent_id": sid(s.parent),
            "number": s.number, "raw_number": s.raw_number, "title": s.title, "level": s.level,
            "char_start": s.char_start, "char_end": s.char_end,
        })
    for p in projects:
        rows["projects"].append({
            "doc_id": doc_id, "project_id": f"{doc_id}-p{p.char_start}", "section_id": sid(p.section),
            "name": p.name, "code": p.code, "start_year": p.start_year, "goals_achieved": p.goals_achieved,
            "continues": p.continues, "need": p.need, "char_start": p.char_start, "char_end": p.char_end,
        })
    table_headings: dict[int, str] = {}  # caption and sections' titles over each table, by its block
    for t in tables:
        block = doc.blocks[t["block"]]
        table_id = f"{doc_id}-t{block.char_start}"
        t["id"] = table_id
        caption = table_caption(doc.blocks, t["block"])
        section = section_at(sections, block.char_start)
        table_headings[t["block"]] = " ".join(table_heading(doc.blocks, t["block"], caption) + section_titles(sections, section))
        rows["tables"].append({
            "table_id": table_id, "doc_id": doc_id, "section_id": sid(section),
            "caption": caption.text if caption else None, "caption_start": caption.char_start if caption else None,
            "n_rows": t["rows"], "n_cols": t["cols"], "char_start": block.char_start, "char_end": block.char_end,
            "page": block.page,
        })
        for c in t["cells"]:
            rows["table_cells"].append({
                "table_id": table_id, "doc_id": doc_id, "row": c.row, "col": c.col, "text": c.text,
                "value": c.value, "row_header": c.row_header, "col_header": c.col_header,
                "is_header": c.is_header, "is_total": c.is_total, "char_start": c.char_start, "char_end": c.char_end,
            })
    table_ids = {t["block"]: t["id"] for t in tables}
    confidence = ocr_confidence(doc)
    ids = [f"{doc_id}-f{f.char_start}" for f in figures]
    figure_sections = [section_at(sections, f.char_start) for f in figures]
    lead_ins = list_lead_ins(doc.text)
    in_rows = form_rows(doc.text, figures)  # numbers of a dumped table under a header of forms of help
    own = [measure_of_form(f.unit, in_rows[k].form) if k in in_rows else
           figure_measure(doc.text, f, table_headings.get(f.table_index, "") if f.table_index is not None
                          else " ".join(section_titles(sections, section)), lead_ins)
           for k, (f, section) in enumerate(zip(figures, figure_sections, strict=True))]
    measures = measures_of_parts(figures, own)
    issuer = report_issuer(doc) if doc.blocks else None
    at = {(t["block"], c.char_start): c for t in tables for c in t["cells"]}
    cells = [at.get((f.table_index, f.char_start)) if f.table_index is not None else None for f in figures]  # each table figure's cell
    counted_by = counting_institutions(doc.text, figures, measures, tables, cells, issuer)
    columns = telling_columns(figures, measures, cells, counted_by)
    for k, (f, fid, section, measure, institution, column) in enumerate(zip(figures, ids, figure_sections, measures, counted_by,
                                                                            columns, strict=True)):
        project = _project_at(projects, f.char_start)
        rows["indicators"].append({
            "indicator_id": fid, "doc_id": doc_id, "section_id": sid(section),
            "project_id": None if project is None else f"{doc_id}-p{project.char_start}",
            "year": f.year, "value": f.value, "raw": f.raw, "unit": f.unit, "subject": f.subject,
            "indicator_key": indicator_key(f.unit, f.subject),
            **measure_columns(measure),
            "qualifiers": {k: f.qualifiers.get(k) for k in ("district", "sex", "age")},
            "institution": institution, "column": column, "month": in_rows[k].month if k in in_rows else None,
            "parent_id": None if f.parent is None else ids[f.parent], "breakdown": f.breakdown,
            "exhaustive": f.exhaustive, "is_total": f.is_total, "exactness": f.exactness, "flags": f.flags,
            "quote": f.quote, "char_start": f.char_start, "char_end": f.char_end, "page": f.page,
            "ocr_confidence": confidence(f), "rule": f.rule,
            "table_id": table_ids.get(f.table_index) if f.table_index is not None else None,
        })
    programme, period = report_programme(doc) if doc.blocks else (None, None)
    place = municipality(doc) if doc.blocks else None
    rows["documents"].append({
        "doc_id": doc_id, "source_path": source_path, "format": doc.format, "status": doc.status,
        "error": doc.error, "reason": doc.reason, "warnings": list(doc.warnings), "ocr_pages": list(doc.ocr_pages),
        "year": year,
        "period_start": period_start, "period_end": period_end,
        "teryt": place.code if place else None, "municipality": place.label if place else None,
        "marks": text_marks(doc.text, year, figures) if doc.blocks else [],
        "title": report_title(doc) if doc.blocks else None, "issuer": issuer,
        "programme": programme, "period": period,
        "pages": doc.pages, "page_starts": list(doc.page_starts), "n_sections": len(sections), "n_projects": len(projects),
        "n_indicators": len(figures), "text": doc.text, "extractor_version": extractor_version(),
    })
    return rows


def measures_of_parts(figures: list[Figure], own: list[Measure]) -> list[Measure]:
    """Each figure's measure, a part that names nothing of its own taking its total's
    (``measures.as_part_of``), through a chain of parts."""
    done: dict[int, Measure] = {}

    def resolved(k: int, depth: int = 0) -> Measure:
        if k not in done:
            parent = figures[k].parent
            done[k] = own[k] if parent is None or depth > 8 else as_part_of(
                own[k], figures[k].unit, resolved(parent, depth + 1), figures[parent].unit)
        return done[k]

    return [resolved(k) for k in range(len(figures))]


def counting_institutions(text: str, figures: list[Figure], measures: list[Measure], tables: list[dict[str, Any]],
                          cells: list[TableCell | None], issuer: str | None) -> list[str | None]:
    """For each figure, the institution it counts (``measures.institutions``), as a dimension: a
    table cell's row label or the section row above it names it ("POWIATOWE CENTRA POMOCY
    RODZINIE" over "z tego: dyrektor", …); a count of staff without one takes the one its
    sentence names before it, else the report's issuer. None for the gmina's own centre."""
    opens = institutions()[1]
    of_row: dict[tuple[int | None, int], str | None] = {}
    for table in tables:
        labels = {c.row: c.row_header for c in reversed(table["cells"])}  # a row's label: its cells share it
        rows = sorted(labels)
        current: str | None = None
        for k, row in enumerate(rows):
            named = institution_opening(labels[row])
            if named is not None:
                opening = k + 1 < len(rows) and opens.match(labels[rows[k + 1]]) is not None
                current = named if opening else None
            of_row[(table["block"], row)] = named or current
    issuing = institution_last_named(issuer or "")
    found: list[str | None] = []
    for figure, measure, cell in zip(figures, measures, cells, strict=True):
        institution = of_row.get((figure.table_index, cell.row)) if cell is not None else None
        if institution is None and measure.key in staff_measures():
            before = "" if cell is not None else text[sentence_bounds(text, figure.char_start)[0] : figure.char_start]
            institution = institution_last_named(before) or issuing
        found.append(as_dimension(institution))
    return found


def telling_columns(figures: list[Figure], measures: list[Measure], cells: list[TableCell | None],
                    counted_by: list[str | None]) -> list[int | None]:
    """For each figure, the column (counted from 1, as statutory forms number them) of a table
    cell whose row holds an earlier cell of the same measure, qualifiers, institution
    (``counted_by``) and year: headers a reader could not tell apart ("OGÓŁEM | w tym na wsi |
    OGÓŁEM | …" under groups lost in the dump) still head different columns. The first of such
    cells is the row's whole (tables put the total first) and keeps None, as do prose and cells
    their measure already tells apart."""
    rows: dict[tuple[Any, ...], list[tuple[int, int]]] = {}
    for k, (figure, measure, cell) in enumerate(zip(figures, measures, cells, strict=True)):
        if cell is not None:
            same = (figure.table_index, cell.row, measure, tuple(sorted(figure.qualifiers.items())), counted_by[k], figure.year)
            rows.setdefault(same, []).append((k, cell.col + 1))
    columns: list[int | None] = [None] * len(figures)
    for alike in rows.values():
        for k, column in sorted(alike, key=lambda cell: cell[1])[1:]:
            columns[k] = column
    return columns


def measure_columns(measure: Measure) -> dict[str, str | None]:
    """The indicators columns of a figure's measure."""
    return {"measure_key": measure.key, "measure_label": measure.label, "reason": measure.reason, "form": measure.form,
            "area": measure.area, "stage": measure.stage}


TOKEN = regex.compile(r"\w[\w.,]*")


def _tokens(text: str) -> list[str]:
    return [token.strip(".,") for token in TOKEN.findall(text)]


def ocr_confidence(doc: Document) -> Callable[[Figure], float | None]:
    """For a figure on a page read by OCR, Tesseract's confidence in the least certain word of
    its number: each word of the number is found among the page's recognised words, the k-th
    time it occurs on the page as the k-th such word."""
    if not doc.ocr_pages:
        return lambda figure: None
    words: dict[tuple[int, str], list[float]] = {}
    for page, word, conf in doc.ocr_words:
        for token in _tokens(word):
            words.setdefault((page, token), []).append(conf)
    starts = [*doc.page_starts, len(doc.text)]

    def confidence(figure: Figure) -> float | None:
        if figure.page not in doc.ocr_pages:
            return None
        on_page = doc.text[starts[figure.page - 1] : figure.char_start]
        found = []
        for token in _tokens(figure.raw):
            confs = words.get((figure.page, token), [])
            if confs:
                before = len(regex.findall(rf"(?<!\w){regex.escape(token)}(?!\w)", on_page))
                found.append(confs[min(before, len(confs) - 1)])
        return min(found) if found else None

    return confidence


def _project_at(projects: list[Project], offset: int) -> Project | None:
    found = None
    for p in projects:
        if p.char_start <= offset < p.char_end:
            found = p
    return found


WARM_UP_TEXT = """I. SPRAWOZDANIE ZA ROK 2020

1. Asystent rodziny

W 2020 roku łącznie odbyło się 642 spotkania, z czego w poszczególnych dzielnicach:
- Zabłocie – 159 spotkań,
- Podgórze – 47 spotkań,
Zatrudniono dwóch asystentów (w tym 1 kobietę) za 13 600 zł, ok. 25 % ogółu.
Liczba rodzin objętych pomocą\t\t149
SUMA\t\t149
"""


def warm_up(suffixes: Iterable[str] | None = None) -> None:
    """Import the readers (those for files with these suffixes; all when None), load every rule
    file, compile every pattern and fill the caches once, so that workers forked afterwards
    start warm instead of each doing it again."""
    from extract.readers import preload
    from extract.readers.text import text_to_document

    preload(suffixes)
    document_rows(text_to_document(WARM_UP_TEXT, "warm-up.txt", "txt"), "warm-up", "warm-up.txt")
