"""Scanned pages read with Tesseract and its Polish data, through pytesseract.

A PDF page without a text layer is rendered (pypdfium2) and recognised; Tesseract's words,
with their boxes and confidences, become the lines the PDF reader builds paragraphs and
tables from, as for a page with text: a row of a table without rulings is one line with wide
gaps between its cells, cut where the gaps are. Tesseract is an optional system package
(Debian: tesseract-ocr and tesseract-ocr-pol); without it a scanned PDF keeps the status
``needs_ocr`` with a reason that says what to install.

OCR stays inside the per-file limits: :func:`ocr_settings` gives the pages a deadline, and pages
not reached by then are left out (the document is ``partial`` and says which pages).
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from extract.readers.pdf_columns import cells_between_gaps

LANGUAGE = "pol"
DPI = 300
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-pol"
PAGE_SECONDS = 60.0  # one page's recognition, at most
NOMINAL_SIZE = 11.0  # the font size given to a page's most common line height
SAME_SIZE = 0.15  # lines this close (share) to the common height count as body text
GAP = 1.2  # a gap wider than this many line heights separates two cells of a table row


@dataclass
class OcrSettings:
    """Whether scanned pages are recognised, and by when the current file must be done."""

    enabled: bool = True
    deadline: float | None = None  # time.monotonic() value after which no page is started


SETTINGS = OcrSettings()


@contextmanager
def ocr_settings(enabled: bool, seconds: float | None = None) -> Iterator[None]:
    """Recognise scanned pages (or not) while the block runs, finishing within ``seconds``."""
    saved = SETTINGS.enabled, SETTINGS.deadline
    SETTINGS.enabled = enabled
    SETTINGS.deadline = None if seconds is None else time.monotonic() + seconds
    try:
        yield
    finally:
        SETTINGS.enabled, SETTINGS.deadline = saved


@cache
def unavailable() -> str | None:
    """Why OCR cannot run here (what to install), or None when Tesseract reads Polish."""
    try:
        import pytesseract
    except ModuleNotFoundError:
        return "the pytesseract package is missing (pip install pytesseract)"
    try:
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError):
        return f"Tesseract is not installed ({INSTALL_HINT})"
    if LANGUAGE not in languages:
        return f"Tesseract has no Polish language data ({INSTALL_HINT})"
    return None


@dataclass
class OcrWord:
    """A recognised word: its text, box in points (origin top left) and confidence (0-100)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    confidence: float


@dataclass
class OcrLine:
    """A line of recognised words, with the line height Tesseract measured, in points."""

    words: list[OcrWord]
    height: float

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


def recognise(image: Any, scale: float) -> list[OcrLine]:
    """The lines of a page image (pixels at ``scale`` per point), top to bottom; a table row
    that Tesseract split into blocks (one per column) is put back together."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract's threads fight over the cores the workers use
    data = pytesseract.image_to_data(image, lang=LANGUAGE, output_type=pytesseract.Output.DICT, timeout=PAGE_SECONDS)
    lines: dict[tuple[int, int, int], OcrLine] = {}
    for k, text in enumerate(data["text"]):
        key = (data["block_num"][k], data["par_num"][k], data["line_num"][k])
        if data["level"][k] == 4:
            lines[key] = OcrLine([], data["height"][k] / scale)
        elif data["level"][k] == 5 and text.strip() and key in lines:
            left, top = data["left"][k] / scale, data["top"][k] / scale
            word = OcrWord(text.strip(), left, left + data["width"][k] / scale, top, top + data["height"][k] / scale,
                           float(data["conf"][k]))
            lines[key].words.append(word)
    return rows([line for line in lines.values() if line.words])


def rows(lines: list[OcrLine]) -> list[OcrLine]:
    """Lines that share most of their height and do not overlap across the page are one row."""
    merged: list[OcrLine] = []
    for line in sorted(lines, key=lambda item: item.top):
        row = next((m for m in merged if _same_row(m, line)), None)
        if row is None:
            merged.append(OcrLine(list(line.words), line.height))
        else:
            row.words = sorted(row.words + line.words, key=lambda w: w.x0)
            row.height = max(row.height, line.height)
    return sorted(merged, key=lambda item: (round(item.top), item.words[0].x0))


def _same_row(a: OcrLine, b: OcrLine) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    apart = a.words[-1].x1 < b.words[0].x0 or b.words[-1].x1 < a.words[0].x0
    return apart and overlap > 0.6 * min(a.bottom - a.top, b.bottom - b.top)


def sizes(lines: list[OcrLine]) -> list[float]:
    """A font size per line: the page's most common line height is body text (``NOMINAL_SIZE``),
    others in proportion, so the PDF reader's rules for headings and paragraphs apply."""
    if not lines:
        return []
    common = statistics.median(line.height for line in lines)
    found = []
    for line in lines:
        ratio = line.height / common if common else 1.0
        found.append(NOMINAL_SIZE if abs(ratio - 1) <= SAME_SIZE else round(NOMINAL_SIZE * ratio * 2) / 2)
    return found


def cells(line: OcrLine) -> tuple[tuple[str, float, float], ...]:
    """The line's pieces between gaps wider than ``GAP`` line heights; () when it has none."""
    return cells_between_gaps(((w.text, w.x0, w.x1) for w in line.words), GAP * line.height)


SKEW_LIMIT = 3.0  # degrees a sheet may lie askew on the glass
SKEW_STEP = 0.1
SKEW_WIDTH = 600  # pixels across of the small copy the skew is measured on


def deskew(image: Any) -> Any:
    """The page image turned straight: the angle whose rows of pixels are most unequal (lines of
    text and rulings lie along the rows) within ``SKEW_LIMIT`` degrees."""
    import numpy as np

    small = image.resize((SKEW_WIDTH, max(1, image.height * SKEW_WIDTH // image.width)))
    best, best_angle = -1.0, 0.0
    steps = round(SKEW_LIMIT / SKEW_STEP)
    for k in range(-steps, steps + 1):
        angle = k * SKEW_STEP
        ink = 255 - np.asarray(small.rotate(angle, fillcolor=255), dtype=np.float64)
        profile = ink.sum(axis=1)
        score = float(np.square(np.diff(profile)).sum())
        if score > best:
            best, best_angle = score, angle
    return image if best_angle == 0 else image.rotate(best_angle, fillcolor=255)


DARK = 128  # grey level below which a pixel is ink
MIN_RULING = 12.0  # points a ruling runs at least (a table row is taller than a letter's stroke)


def rulings(image: Any, scale: float) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Vertical and horizontal rulings of a page image, as pdfplumber edges in points: runs of
    ink at least ``MIN_RULING`` long along a column or row of pixels, neighbouring runs merged."""
    import numpy as np

    ink = np.asarray(image) < DARK
    least = max(2, round(MIN_RULING * scale))
    horizontal = [_edge(x0, x1, y, y, "h", scale) for y, x0, x1 in _merged(_runs(ink, least))]
    vertical = [_edge(y, y, x0, x1, "v", scale) for y, x0, x1 in _merged(_runs(ink.T, least))]
    return vertical, horizontal


def _runs(ink: Any, least: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of every run of ink at least ``least`` pixels long along the rows."""
    import numpy as np

    padded = np.zeros((ink.shape[0], ink.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = ink
    change = np.diff(padded, axis=1)
    rows, starts = np.nonzero(change == 1)
    _, ends = np.nonzero(change == -1)
    long = (ends - starts) >= least
    return list(zip(rows[long].tolist(), starts[long].tolist(), ends[long].tolist(), strict=True))


def _merged(runs: list[tuple[int, int, int]]) -> list[tuple[float, int, int]]:
    """Runs on neighbouring rows that overlap are one ruling (a line a few pixels thick):
    (middle row, start, end)."""
    found: list[list[int]] = []  # [first row, last row, start, end]
    for row, start, end in sorted(runs):
        for ruling in reversed(found[-50:]):
            if row - ruling[1] <= 1 and start < ruling[3] and end > ruling[2]:
                ruling[1], ruling[2], ruling[3] = row, min(start, ruling[2]), max(end, ruling[3])
                break
        else:
            found.append([row, row, start, end])
    return [((first + last) / 2, start, end) for first, last, start, end in found]


def _edge(x0: float, x1: float, top: float, bottom: float, orientation: str, scale: float) -> dict[str, Any]:
    x0, x1, top, bottom = x0 / scale, x1 / scale, top / scale, bottom / scale
    return {"object_type": "line_edge", "orientation": orientation, "x0": x0, "x1": x1, "top": top,
            "bottom": bottom, "width": x1 - x0, "height": bottom - top}


def cell_text(lines: list[OcrLine], box: tuple[float, float, float, float]) -> str:
    """The recognised words whose middle lies in a table cell's box, line by line."""
    x0, top, x1, bottom = box
    parts = []
    for line in lines:
        inside = [w.text for w in line.words if x0 <= (w.x0 + w.x1) / 2 <= x1 and top <= (w.top + w.bottom) / 2 <= bottom]
        parts.extend(inside)
    return " ".join(parts)


CELL_MARGIN = 2.0  # points trimmed off a cell's box, so its rulings are not read as letters
MAX_CELLS = 200  # empty-looking cells of a page read one by one, at most


def read_cell(image: Any, box: tuple[float, float, float, float], scale: float) -> list[tuple[str, float]]:
    """The words (and confidences) of one table cell read on its own: Tesseract's page layout
    passes over short numbers in narrow cells. None for a cell without ink."""
    import numpy as np
    import pytesseract
    from PIL import Image

    margins = (CELL_MARGIN, CELL_MARGIN, -CELL_MARGIN, -CELL_MARGIN)
    x0, top, x1, bottom = (round((v + m) * scale) for v, m in zip(box, margins, strict=True))
    if x1 - x0 < 4 or bottom - top < 4:
        return []
    crop = image.crop((x0, top, x1, bottom))
    if not (np.asarray(crop) < DARK).any():
        return []
    padded = Image.new(crop.mode, (crop.width + 40, crop.height + 40), 255)
    padded.paste(crop, (20, 20))
    data = pytesseract.image_to_data(padded, lang=LANGUAGE, config="--psm 6", output_type=pytesseract.Output.DICT,
                                     timeout=PAGE_SECONDS)
    return [(text.strip(), float(conf)) for text, conf, level in zip(data["text"], data["conf"], data["level"], strict=True)
            if level == 5 and text.strip()]
