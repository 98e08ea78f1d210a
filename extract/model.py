"""The document model every reader produces and every later stage consumes.

A :class:`Document` keeps its plain ``text``; every block, cell, section, project and
figure points back into that text with ``char_start``/``char_end``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, cast

BlockKind = Literal["heading", "paragraph", "list_item", "table"]
Status = Literal["ok", "partial", "needs_ocr", "failed"]


class Glued(str):
    """A cell's text printed right after the cell before it, with no separator: the values a
    dump glued together ("31212,00" is row 3, 12 persons and 12,00 posts) keep their characters."""


@dataclass(frozen=True)
class Cell:
    """One table cell: its text and where it stands in the document text."""

    text: str
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Block:
    """A heading candidate, paragraph, list item or table, in document order."""

    kind: BlockKind
    text: str
    char_start: int
    char_end: int
    page: int | None = None
    style_level: int | None = None  # heading level declared by a Word style, if any
    rows: tuple[tuple[Cell, ...], ...] = ()  # table cells, row by row
    indent: int = 0  # a list item's indentation rank in its document: 0 least indented, 1 next, ...

    def grid(self) -> list[list[str]]:
        """The table's cell texts as a list of rows (empty for non-tables)."""
        return [[cell.text for cell in row] for row in self.rows]


@dataclass
class Document:
    """One input file, read: its plain text, blocks, pages and status."""

    source_path: str
    format: str
    text: str = ""
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    page_starts: list[int] = field(default_factory=list)  # char offset where each page starts
    status: Status = "ok"
    error: str | None = None  # error class, e.g. "encrypted", "timeout"
    reason: str | None = None  # one line a person understands
    warnings: list[str] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)  # pages read by OCR
    ocr_words: list[tuple[int, str, float]] = field(default_factory=list)  # (page, word, confidence), in reading order

    def page_at(self, offset: int) -> int | None:
        """The 1-based page holding character ``offset``, or None when pages are unknown."""
        if not self.page_starts:
            return None
        page = 0
        for i, start in enumerate(self.page_starts):
            if start <= offset:
                page = i
            else:
                break
        return page + 1


class ReadError(Exception):
    """A file that cannot be read; ``error`` is a short class, the message a one-line reason."""

    def __init__(self, error: str, reason: str, status: Status = "failed", fmt: str | None = None) -> None:
        super().__init__(reason)
        self.error = error
        self.reason = reason
        self.status = status
        self.fmt = fmt  # what the file turned out to be, where the reader learnt more than its bytes said ("pdf-scanned")


def build_text(parts: list[tuple[BlockKind, object, int | None, float | None]]) -> tuple[str, list[Block]]:
    """Join block contents into one plain text and return it with positioned blocks.

    ``parts`` holds (kind, content, page, level); content is a string, or for a table a list
    of rows of cell strings; level is a heading's style level, or a list item's indentation in
    any unit (spaces, twips, points: only its order within the document counts, it becomes the
    block's ``indent`` rank). Blocks are separated by a blank line; table cells by a tab (none
    before a :class:`Glued` cell) and rows by a newline, so the text reads like the report.
    """
    indents = sorted({level for kind, _, _, level in parts if kind == "list_item" and level is not None})
    rank = {value: k for k, value in enumerate(indents)}
    chunks: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for kind, content, page, level in parts:
        if chunks:
            chunks.append("\n\n")
            pos += 2
        start = pos
        if kind == "table":
            rows: list[tuple[Cell, ...]] = []
            for r, row in enumerate(cast(list[list[str]], content)):
                if r:
                    chunks.append("\n")
                    pos += 1
                cells = []
                for c, cell_text in enumerate(row):
                    if c and not isinstance(cell_text, Glued):
                        chunks.append("\t")
                        pos += 1
                    cells.append(Cell(cell_text, pos, pos + len(cell_text)))
                    chunks.append(cell_text)
                    pos += len(cell_text)
                rows.append(tuple(cells))
            blocks.append(Block("table", "", start, pos, page, _level(level), tuple(rows)))
        else:
            assert isinstance(content, str)
            chunks.append(content)
            pos += len(content)
            if kind == "list_item":
                blocks.append(Block(kind, content, start, pos, page, indent=rank.get(level, 0) if level is not None else 0))
            else:
                blocks.append(Block(kind, content, start, pos, page, _level(level)))
    full = "".join(chunks)
    fixed = [
        Block(b.kind, full[b.char_start : b.char_end], b.char_start, b.char_end, b.page, b.style_level, b.rows)
        if b.kind == "table"
        else b
        for b in blocks
    ]
    return full, fixed


def _level(level: float | None) -> int | None:
    """A heading's style level as the whole number a Block keeps."""
    return None if level is None else int(level)


@dataclass
class Figure:
    """One numeric figure with its meaning and where it came from."""

    value: float | None
    raw: str
    unit: str | None
    subject: str
    year: int | None
    quote: str
    char_start: int
    char_end: int
    rule: str
    exactness: str = "exact"  # exact | approximate | lower_bound | upper_bound | vague
    qualifiers: dict[str, str] = field(default_factory=dict)
    parent: int | None = None  # index of the total in the document's figure list
    breakdown: str | None = None
    exhaustive: bool | None = None  # True when parts must add up to the parent
    flags: list[str] = field(default_factory=list)  # e.g. "comma_thousands"
    page: int | None = None
    table_index: int | None = None  # which table block it came from, if any
    is_total: bool = False  # stated as a total ("łącznie", a SUMA row)
