"""Tables without ruling lines in PDFs: rows of text set in aligned columns.

pdfium gives such a row as one line with single spaces between the columns, so "148" and
"402 115,20" would run together into one number. Here a line is cut into cells where the gap
between two characters is much wider than a space, and a run of lines with the same number of
cells, aligned column by column and holding numbers after the first column, becomes a table.
Only lines holding a digit (and the line above a run, its header) are measured, so ordinary
pages cost nothing more.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

import regex

Cell = tuple[str, float, float]  # text, left and right edge in points

GAP = 1.2  # a gap between columns: wider than this many font sizes (a justified space stays below)
ALIGN = 3.0  # points a column's left or right edge may wander from row to row
MIN_ROWS = 3  # header and two rows, or three rows
NUMBER_CELL = regex.compile(r"^[\d\s\u00a0.,%-]*\d[\d\s\u00a0.,%]*(?:zł)?$")


class TextPage(Protocol):
    def get_charbox(self, index: int, loose: bool = ...) -> tuple[float, float, float, float]: ...


class Positioned(Protocol):
    text: str
    page: int
    size: float
    top: float
    cells: tuple[Cell, ...]


def line_cells(textpage: TextPage, chunk: str, start: int, size: float) -> tuple[Cell, ...]:
    """The line's pieces between gaps wider than ``GAP`` font sizes; () when it has none."""
    words = ((m.group(), textpage.get_charbox(start + m.start())[0], textpage.get_charbox(start + m.end() - 1)[2])
             for m in regex.finditer(r"\S+", chunk))
    return cells_between_gaps(words, GAP * size)


def cells_between_gaps(words: Iterable[Cell], gap: float) -> tuple[Cell, ...]:
    """Words (text, left, right) of a line, left to right, joined into cells where the space
    between two is at most ``gap``; () when the line is one cell."""
    pieces: list[Cell] = []
    for text, left, right in words:
        if not pieces or left - pieces[-1][2] > gap:
            pieces.append((text, left, right))
        else:
            joined, cell_left, _ = pieces[-1]
            pieces[-1] = (f"{joined} {text}", cell_left, right)
    return tuple(pieces) if len(pieces) >= 2 else ()


def column_runs(lines: Sequence[Positioned]) -> list[tuple[int, int]]:
    """(first, end) indices of runs of lines that form a table (see the module docstring)."""
    runs = []
    i = 0
    while i < len(lines):
        end = i
        while end < len(lines) and _continues(lines, i, end):
            end += 1
        if end - i >= MIN_ROWS and _numeric_rows(lines[i:end]) >= end - i - 1:
            runs.append((i, end))
            i = end
        else:
            i += 1
    return runs


def _continues(lines: Sequence[Positioned], first: int, k: int) -> bool:
    line, head = lines[k], lines[first]
    if not line.cells or len(line.cells) != len(head.cells) or line.page != head.page:
        return False
    if k == first:
        return True
    return all(
        abs(a[1] - b[1]) <= ALIGN or abs(a[2] - b[2]) <= ALIGN
        for a, b in zip(line.cells[1:], lines[k - 1].cells[1:], strict=True)
    )


def _numeric_rows(lines: Sequence[Positioned]) -> int:
    return sum(any(NUMBER_CELL.match(text) for text, _, _ in line.cells[1:]) for line in lines)
