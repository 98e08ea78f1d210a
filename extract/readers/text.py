"""Text dumps (.txt, .md) of Word documents and PDFs into the document model.

The flow: bytes → decoded text → litter removed → lines → blocks, where tables flattened
by the converter are rebuilt: tab-separated rows, and runs of tab-indented one-cell lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import regex

from extract.model import Document, ReadError, build_text
from extract.readers.encoding import decode, repair_mojibake
from extract.readers.form_tables import (
    take_form_rows,
    take_numbered_cells,
    take_run_together_rows,
    take_stated_form_rows,
    take_year_headed_rows,
)
from extract.readers.year_tables import (
    take_cell_lines,
    take_glued_rows,
    take_headed_cells,
    take_numbered_rows,
    take_piped_cells,
    take_worded_glued_rows,
)

LITTER = [  # (strings one of which every match holds, pattern)
    (("[bookmark:",), regex.compile(r"\[bookmark:[^\]]*\]")),  # Word bookmarks kept by the converter
    (("**", "__"), regex.compile(r"\*\*|__(?=\S)|(?<=\S)__")),  # markdown bold
    (("<",), regex.compile(r"</?(?:p|br|b|i|strong|em|span|div|td|tr)\b[^>]*>", regex.IGNORECASE)),  # HTML tags
]
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # C0 controls except tab and line ends; and DEL
BREAKS = re.compile(r"\r\n?|[\x0b\x0c]")  # CR LF, CR, vertical tab and form feed (a PDF page break)
SPACE_RUN = re.compile(r"[ \t\n]+")
LIST_MARKER = regex.compile(
    r"""^\s*(?:
        [·•●▪◦\-–—]\s                       # bullets and dashes
      | [a-zA-Z]\)\s                         # a) b)
      | [IVXLC]+\.?[)]?\s                   # IV.  II)
      | \d{1,2}(?:\.\d{1,2})+\.?[)]?\s         # 1.1.  5.4  (not "1 kobieta": a count)
      | \d{1,2}[.)]\s                       # 1.  2)
      | \d{1,2}\)(?=\p{Lu})                  # 1)Dom: the space lost
    )""",
    regex.VERBOSE,
)
NUMERIC_CELL = regex.compile(r"^[\d\s\u00a0.,%-]*\d[\d\s\u00a0.,%]*(?:zł)?$")
MAX_CELL_LINE = 120  # a tab-indented line longer than this is a paragraph, not a cell
MAX_GAP_LINES = 3  # blank or continuation lines allowed between two cells of one table


def read_text(path: Path) -> Document:
    """Read a text dump into a Document."""
    data = path.read_bytes()
    if not data.strip():
        raise ReadError("empty", "the file is empty")
    text, encoding, warnings = decode(data)
    text, repair = repair_mojibake(text)
    if repair == "mojibake":
        raise ReadError("mojibake", "Polish letters are garbled (mojibake) and cannot be repaired safely")
    if repair:
        warnings.append(repair)
    if encoding not in ("utf-8", "utf-8-sig"):
        warnings.append(f"decoded as {encoding}")
    doc = text_to_document(text, str(path), "txt")
    doc.warnings = warnings + doc.warnings
    if not doc.blocks:
        raise ReadError("empty", "the file holds no text")
    return doc


def clean(text: str) -> str:
    r"""Normalise newlines, drop control characters and converter litter; idempotent.

    Removing litter can join the pieces of another ("<<b>p>"), so removal repeats until
    nothing changes.

    >>> clean("a\r\nb\x00c\x0cd <<b>p>e")
    'a\nbc\nd e'
    """
    text = BREAKS.sub("\n", CONTROLS.sub("", text)).replace("\ufeff", "")
    while True:
        before = text
        for needles, pattern in LITTER:
            if any(needle in text for needle in needles):
                text = pattern.sub("", text)
        if text == before:
            return text


def text_to_document(text: str, source_path: str, fmt: str) -> Document:
    """Split cleaned text into blocks and build the document's plain text."""
    lines = clean(text).split("\n")
    parts = lines_to_parts(lines)
    full, blocks = build_text(parts)
    return Document(source_path=source_path, format=fmt, text=full, blocks=blocks)


def lines_to_parts(lines: list[str]) -> list[tuple]:
    """Group lines into (kind, content, page, level) parts, rebuilding tables."""
    tables = find_tables(lines)
    parts: list[tuple] = []
    current: list[str] = []
    kind = "paragraph"

    def flush() -> None:
        nonlocal current
        content = joined(current)
        if content:
            first = current[0].expandtabs(4)
            parts.append((kind, content, None, len(first) - len(first.lstrip()) if kind == "list_item" else None))
        current = []

    i = 0
    while i < len(lines):
        if i in tables:
            flush()
            end, rows = tables[i]
            parts.append(("table", rows, None, None))
            i = end
            continue
        line = lines[i]
        if not line.strip():
            flush()
        elif not current or line.startswith("\t") or LIST_MARKER.match(line) or ends_heading(current, line) or ends_item(current, kind, line):
            flush()
            kind = "list_item" if LIST_MARKER.match(line) else "paragraph"
            current = [line]
        else:
            current.append(line)
        i += 1
    flush()
    return parts


NUMBER_LINE = regex.compile(r"^[-–]?\s*\d[\d\s\u00a0.,]*(?:\s*(?:%|zł|zł\.|r\.))?$")


def joined(lines: list[str]) -> str:
    r"""A paragraph's lines joined by spaces, except that a line holding a number alone (a cell
    of a dumped table) keeps its line break after it: the words below it are the next cell's,
    not the number's unit.

    >>> joined(["Par. 4210", "3 500,00", "zakup materiałów", "i wyposażenia"])
    'Par. 4210 3 500,00\nzakup materiałów i wyposażenia'
    """
    out = ""
    for line in lines:
        piece = squash(line)
        if not piece:
            continue
        out += (" " if out and not out.endswith("\n") else "") + piece
        if NUMBER_LINE.match(piece):
            out += "\n"
    return out.rstrip("\n")


def ends_item(current: list[str], kind: str, line: str) -> bool:
    """A list item whose line ends a sentence, followed by a line opening a sentence (a capital
    or a count): the list is over ("b) w sprawach dorosłych – 500." then "Procedurę wszczęto …")."""
    first = line.lstrip()[:1]
    return kind == "list_item" and current[-1].rstrip().endswith((".", ";")) and (first.isupper() or first.isdigit())


HEADING_LINE = regex.compile(r"^\s*(?:[IVXLC]+|\d{1,2}(?:\.\d{1,2})*)\.?\s+\S.{0,90}$")


def ends_heading(current: list[str], line: str) -> bool:
    """A short numbered line, or a short dash line without a sentence end ("- placówki wsparcia
    dziennego"), followed by a capitalised line is a heading of its own."""
    first = current[0].strip()
    if len(current) != 1 or not line.lstrip()[:1].isupper():
        return False
    if DASH_HEADING.match(first):
        return True
    if not HEADING_LINE.match(first):
        return False
    return not (first.isupper() and line.strip().isupper())  # an all-caps title wrapped over lines


DASH_HEADING = regex.compile(r"^[-–]\s+[^\d]{3,100}(?<![.,;:])$")


def squash(text: str) -> str:
    """Collapse runs of white space (tabs, no-break spaces excluded) to one space."""
    return SPACE_RUN.sub(" ", text).strip()


# Shapes of a table a dump flattened into lines, each tried where a table may start, first that fits wins.
LINE_TABLES: tuple[Callable[[list[str], int], tuple[int, list[list[str]]]], ...] = (
    take_form_rows, take_stated_form_rows, take_run_together_rows, take_glued_rows, take_worded_glued_rows,
    take_cell_lines, take_numbered_rows, take_headed_cells, take_year_headed_rows, take_numbered_cells,
    take_piped_cells,
)


def table_at(lines: list[str], start: int) -> tuple[int, list[list[str]]]:
    """The first shape of ``LINE_TABLES`` that fits at ``lines[start]``: (line after it, rows), or no rows."""
    for take in LINE_TABLES:
        end, rows = take(lines, start)
        if rows:
            return end, rows
    return start, []


def find_tables(lines: list[str]) -> dict[int, tuple[int, list[list[str]]]]:
    """Map the first line of each table to (line after it, rows of cells)."""
    tables: dict[int, tuple[int, list[list[str]]]] = {}
    i = 0
    while i < len(lines):
        end, rows = table_at(lines, i)
        if rows:
            tables[i] = (end, rows)
            i = end
            continue
        if is_tab_row(lines[i]):
            end, rows = take_tab_rows(lines, i)
            if len(rows) >= 2:
                tables[i] = (end, rows)
                i = end
                continue
        if is_cell_line(lines[i]):
            end = cell_run_end(lines, i)
            rows = cell_run_rows(lines[i:end])
            if rows:
                tables[i] = (end, rows)
                i = end
                continue
        if aligned_cells(lines[i]):
            end, rows = take_aligned_rows(lines, i)
            if rows:
                tables[i] = (end, rows)
                i = end
                continue
        i += 1
    return tables


COLUMN_GAP = re.compile(r" {2,}")  # columns of a layout dump (pdftotext -layout): two spaces or more
MIN_ALIGNED_ROWS = 3


def aligned_cells(line: str) -> list[str]:
    """The cells of a line laid out in columns by runs of spaces, or [] for an ordinary line."""
    if "\t" in line or not line.strip():
        return []
    cells = COLUMN_GAP.split(line.strip())
    return cells if len(cells) >= 2 else []


def take_aligned_rows(lines: list[str], start: int) -> tuple[int, list[list[str]]]:
    """A run of lines with the same number of space-separated columns, all but one of them
    holding a number after the first column, read as table rows ("zasiłek stały      312
    1 845 220,00"); else no rows."""
    width = len(aligned_cells(lines[start]))
    end = start
    while end < len(lines) and len(aligned_cells(lines[end])) == width:
        end += 1
    rows = [aligned_cells(line) for line in lines[start:end]]
    numeric = sum(any(NUMERIC_CELL.match(cell) for cell in row[1:]) for row in rows)  # not "1.  Leczenie …"
    if len(rows) < MIN_ALIGNED_ROWS or numeric < len(rows) - 1:
        return start, []
    return end, rows


def is_tab_row(line: str) -> bool:
    """A line with at least two cells separated by an inner tab."""
    if "\t" not in line:
        return False
    cells = line.strip("\n").split("\t")
    return bool(regex.search(r"\S\t|\t\S", line.strip(" "))) and sum(bool(c.strip()) for c in cells) >= 2 and (
        regex.search(r"\S\t+\S", line) is not None
    )


def take_tab_rows(lines: list[str], start: int) -> tuple[int, list[list[str]]]:
    """Consecutive tab-separated rows (single blank lines allowed between them)."""
    rows: list[list[str]] = []
    i = start
    while i < len(lines):
        if is_tab_row(lines[i]):
            rows.append([squash(c) for c in lines[i].split("\t")])
            i += 1
        elif not lines[i].strip() and i + 1 < len(lines) and is_tab_row(lines[i + 1]):
            i += 1
        else:
            break
    width = max(len(r) for r in rows)
    return i, [r + [""] * (width - len(r)) for r in rows]


def is_cell_line(line: str) -> bool:
    """A tab-indented short line: one flattened table cell (possibly empty)."""
    return line.startswith("\t") and len(line.strip()) <= MAX_CELL_LINE and "\t" not in line.strip()


def cell_run_end(lines: list[str], start: int) -> int:
    """Index after the last cell line of the run that starts at ``start``."""
    last = start
    i = start + 1
    while i < len(lines) and i - last <= MAX_GAP_LINES:
        line = lines[i]
        if is_cell_line(line):
            last = i
        elif line.strip():
            continues_cell = is_cell_line(lines[i - 1]) and not line.startswith("\t")
            if not continues_cell and (line.startswith("\t") or len(line.strip()) > 60):
                break
        i += 1
    return last + 1


def cell_run_rows(run: list[str]) -> list[list[str]]:
    """Rebuild rows from a run of flattened cells; [] when the run is not a table."""
    groups: list[list[str]] = [[]]
    previous_was_text = False
    for line in run:
        if not line.strip() and not line.startswith("\t"):
            if groups[-1]:
                groups.append([])
            previous_was_text = False
            continue
        content = squash(line)
        if not line.startswith("\t") and previous_was_text and groups[-1]:
            groups[-1][-1] = squash(groups[-1][-1] + " " + content)  # a line break inside a cell
        else:
            groups[-1].append(content)
        previous_was_text = bool(content)
    groups = [g for g in groups if g]
    cells = [c for g in groups for c in g]
    numeric = [c for c in cells if c and NUMERIC_CELL.match(c)]
    if len([c for c in cells if c]) < 4 or not numeric:
        return []
    sizes = {len(g) for g in groups}
    if len(sizes) == 1 and sizes.pop() >= 2:
        return groups
    return label_value_rows([c for c in cells if c])


def label_value_rows(cells: list[str]) -> list[list[str]]:
    """Rows of a label/value table: each numeric cell ends a row; short rows padded left."""
    rows: list[list[str]] = []
    current: list[str] = []
    for cell in cells:
        current.append(cell)
        if NUMERIC_CELL.match(cell):
            rows.append(current)
            current = []
    if current:
        rows.append(current)
    width = max(len(r) for r in rows)
    return [[""] * (width - len(r)) + r for r in rows]
