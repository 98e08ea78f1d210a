"""PDF files into the document model.

Text and positions come from pypdfium2 (fast); pdfplumber's table finder runs only on
pages with ruling lines, and each table goes back in its place in the reading order.
Running headers, footers and page numbers are dropped; lines are joined into paragraphs
(new block at a vertical gap, a change of font size, or a list marker where the previous
line stopped short); hyphens at line ends are resolved; tables cut by a page break are
stitched together.
"""

from __future__ import annotations

import ctypes
import math
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import regex

from extract.model import Block, Document, ReadError, build_text
from extract.readers import ocr
from extract.readers.encoding import MOJIBAKE, MOJIBAKE_MARKS, repair_mojibake
from extract.readers.pdf_columns import column_runs, line_cells
from extract.readers.text import LIST_MARKER, squash

PAGE_NUMBER = regex.compile(
    r"^[-–—\s]*(?:(?:strona|str\.|s\.|page)\s*)?\d{1,4}(?:\s*(?:/|z|of)\s*\d{1,4})?[-–—\s]*$", regex.IGNORECASE
)
GARBLED = regex.compile(r"[\ufffd\ue000-\uf8ff\x00-\x01\x03-\x08\x0b\x0c\x0e-\x1f]")
CID = regex.compile(r"\(cid:\d+\)")
LINE = regex.compile(r"[^\r\n\x02]+\x02?|\x02")  # pdfium ends a line at a hyphen it marks \x02, without a break
MARGIN_ZONE = 0.12  # share of the page height at top and bottom where headers and footers live
A4_HEIGHT = 842.0  # points; the height given a page that could not be loaded
MIN_RULING_PATHS = 3  # path objects on a page before pdfplumber looks for tables there
FULL_LINE = 0.02  # a line ending this close (share of the column width) to the right edge is full
SHORT_LINE = 0.10  # a line ending this far short of the right edge ends its paragraph
MARKS = frozenset(MOJIBAKE_MARKS)  # text without any of these holds no mojibake
# PDFium is not thread-safe: two threads inside it at once corrupt its memory (a Dask worker
# reading in its threads, a test calling the reader from threads). One thread reads at a time.
PDFIUM = threading.Lock()


@dataclass(eq=False)
class Line:
    """One line of text with its box (points, origin top left) and font size."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    cells: tuple[tuple[str, float, float], ...] = ()  # pieces between wide gaps, for tables without rulings


@dataclass(eq=False)
class Grid:
    """A table found on a page; ``marks`` tells at which row each page begins."""

    rows: list[list[str]]
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    marks: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Layout:
    """Measures of the body text that decide where blocks begin."""

    body_size: float
    heading_sizes: list[float]
    right: float
    width: float
    pitch: float  # baseline distance inside a paragraph, in font sizes
    bottom: float  # lowest body line on any page


@dataclass
class Scan:
    """What pypdfium2 gave: lines per page, page heights, pages worth a table search."""

    pages: list[list[Line]] = field(default_factory=list)
    heights: list[float] = field(default_factory=list)
    ruled: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    partial: bool = False
    ocr_pages: list[int] = field(default_factory=list)  # pages read by OCR
    ocr_words: list[tuple[int, str, float]] = field(default_factory=list)  # (page, word, confidence) in reading order
    ocr_late: list[int] = field(default_factory=list)  # scanned pages not reached within the time limit
    ocr_grids: dict[int, list[Grid]] = field(default_factory=dict)  # ruled tables of scanned pages, by page


def read_pdf(path: Path) -> Document:
    """Read a PDF into a Document; scanned, encrypted or garbled files raise ReadError."""
    with PDFIUM:
        pdf = open_pdf(path)
        try:
            scan = scan_pdf(pdf)
            tables = find_tables(path, pdf, scan) | scan.ocr_grids
        finally:
            pdf.close()
    for number, lines in enumerate(scan.pages, 1):
        ruled = tables.get(number, [])
        free = [line for line in lines if not any(inside(line, grid) for grid in ruled)]
        tables[number] = ruled + column_grids(free)
    pages = [page_items(lines, tables.get(p, [])) for p, lines in enumerate(scan.pages, 1)]
    pages = strip_margins(pages, scan.heights)
    items = [item for page in pages for item in page]
    layout = measure([item for item in items if isinstance(item, Line)])
    chunks = assemble(items, layout)
    if not chunks:
        raise ReadError("empty", "the PDF holds no text")
    text, blocks = build_text([chunk_part(chunk, layout) for chunk in chunks])
    scanned = len(scan.ocr_pages) == len(scan.pages)
    doc = Document(str(path), "pdf-scanned" if scanned else "pdf", text, blocks, pages=len(scan.pages), warnings=scan.warnings)
    doc.page_starts = page_starts(blocks, chunks, len(scan.pages), len(text))
    doc.status = "partial" if scan.partial else "ok"
    doc.ocr_pages, doc.ocr_words = scan.ocr_pages, scan.ocr_words
    return doc


# --- pypdfium2: lines and their positions ------------------------------------------------


def open_pdf(path: Path) -> pdfium.PdfDocument:
    """Open with pypdfium2; a password or a damaged file raises ReadError."""
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReadError("encrypted", "the PDF is protected by a password") from exc
        raise ReadError("corrupt", f"damaged or truncated PDF: {exc}") from exc


def scan_pdf(pdf: pdfium.PdfDocument) -> Scan:
    """Lines of every page; pages without text or with garbled text are reported."""
    scan = Scan()
    problems: dict[str, list[int]] = {"no_text": [], "blank": [], "garbled": [], "damaged": [], "": []}
    for index in range(len(pdf)):
        try:
            page = pdf[index]
        except pdfium.PdfiumError:
            scan.heights.append(A4_HEIGHT)
            scan.pages.append([])
            problems["damaged"].append(index + 1)
            continue
        scan.heights.append(page.get_height())
        lines, problem = page_lines(page, index + 1, scan)
        if problem == "no_text" and ocr.SETTINGS.enabled and ocr.unavailable() is None:
            lines = ocr_lines(page, index + 1, scan)
            problem = "" if lines else problem
        scan.pages.append(lines)
        problems[problem].append(index + 1)
        if lines and has_rulings(page):
            scan.ruled.append(index + 1)
    check_pages(scan, problems)
    return scan


def check_pages(scan: Scan, problems: dict[str, list[int]]) -> None:
    """Raise when no page has usable text; otherwise note the pages left out (blank ones aside)."""
    empty, garbled, damaged = problems["no_text"], problems["garbled"], problems["damaged"]
    if not problems[""] and not garbled:
        if damaged and not empty:
            raise ReadError("corrupt", f"damaged PDF: no page could be loaded ({len(damaged)} tried)")
        if not empty:
            raise ReadError("empty", "the PDF's pages are blank")
        raise ReadError("needs_ocr", f"the PDF has no text layer (scanned pages); {why_not_read(scan)}",
                        status="needs_ocr", fmt="pdf-scanned")
    if not problems[""]:
        raise ReadError("garbled_text", "the PDF's text layer is garbled (glyphs without Unicode mapping)")
    if empty:
        scan.warnings.append(f"pages without a text layer left out ({why_not_read(scan)}): {pages_list(empty)}")
    if garbled:
        scan.warnings.append(f"pages with a garbled text layer, left out: {pages_list(garbled)}")
    if damaged:
        scan.warnings.append(f"damaged pages that could not be loaded, left out: {pages_list(damaged)}")
    scan.partial = scan.partial or bool(empty or garbled or damaged)


def why_not_read(scan: Scan) -> str:
    """Why pages without a text layer were not read: OCR off, not installed, out of time, or empty."""
    if not ocr.SETTINGS.enabled:
        return "OCR is turned off (--no-ocr)"
    if why := ocr.unavailable():
        return f"OCR needs it: {why}"
    if scan.ocr_late:
        return "OCR stopped at the per-file time limit"
    return "OCR found no text on them"


def pages_list(pages: list[int]) -> str:
    """[1, 2, 5] → "1, 2, 5"."""
    return ", ".join(map(str, pages))


def page_lines(page: pdfium.PdfPage, number: int, scan: Scan) -> tuple[list[Line], str]:
    """The page's text lines and a problem: "", "no_text" (drawn, no text), "blank" or "garbled"."""
    textpage = page.get_textpage()
    count = textpage.count_chars()
    text = textpage.get_text_range() if count else ""
    if len(text) != count:  # characters outside the BMP: index one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i)) for i in range(count))
    visible = len("".join(text.split()))  # characters that are not white space
    if not visible:
        return [], "no_text" if pdfium_c.FPDFPage_CountObjects(page.raw) else "blank"
    if len(GARBLED.findall(text)) + len(CID.findall(text)) * 6 > 0.05 * visible:
        return [], "garbled"
    lines = []
    spans = []
    height = page.get_height()
    for m in LINE.finditer(text):
        line = make_line(textpage, m.group(), m.start(), number, height)
        if line:
            line.text = repaired(line.text, scan)
            lines.append(line)
            spans.append((m.group(), m.start()))
    measure_columns(textpage, lines, spans)
    return lines, ""


def ocr_lines(page: pdfium.PdfPage, number: int, scan: Scan) -> list[Line]:
    """The lines of a scanned page, recognised by Tesseract (its ruled tables into
    ``scan.ocr_grids``); none once the file's time is up."""
    deadline = ocr.SETTINGS.deadline
    if deadline is not None and time.monotonic() > deadline:
        scan.ocr_late.append(number)
        return []
    scale = ocr.DPI / 72
    image = ocr.deskew(page.render(scale=scale, grayscale=True).to_pil())
    try:
        recognised = ocr.recognise(image, scale)
    except RuntimeError as exc:  # pytesseract's timeout
        scan.warnings.append(f"OCR of page {number} stopped: {exc}"[:200])
        scan.ocr_late.append(number)
        return []
    lines = []
    for line, size in zip(recognised, ocr.sizes(recognised), strict=True):
        words = line.words
        text = " ".join(w.text for w in words)
        lines.append(Line(text, number, words[0].x0, words[-1].x1, line.top, line.bottom, size, ocr.cells(line)))
        scan.ocr_words += [(number, w.text, w.confidence) for w in words]
    if lines:
        scan.ocr_pages.append(number)
        scan.ocr_grids[number] = scanned_grids(image, scale, recognised, number, scan)
    return lines


def scanned_grids(image: Any, scale: float, lines: list[ocr.OcrLine], number: int, scan: Scan) -> list[Grid]:
    """Ruled tables of a scanned page: pdfplumber's finder on the rulings seen in the image,
    each cell holding the recognised words inside it (a cell that seems empty is read alone)."""
    budget = ocr.MAX_CELLS

    def read(box: tuple | None) -> str:
        nonlocal budget
        text = ocr.cell_text(lines, box) if box else ""
        if not box or text or budget <= 0:
            return text
        budget -= 1
        words = ocr.read_cell(image, box, scale)
        scan.ocr_words.extend((number, word, confidence) for word, confidence in words)
        return " ".join(word for word, _confidence in words)

    return page_grids(explicit_tables, number, ocr.rulings(image, scale), read)


SPREAD = 1.4  # a line this many times wider than half a font size per character has wide gaps


def measure_columns(textpage: pdfium.PdfTextPage, lines: list[Line], spans: list[tuple[str, int]]) -> None:
    """Cut into cells the lines that may be rows of a table without rulings: lines far wider
    than their letters need (so with wide gaps) holding a digit, and the line above two such
    lines (a header). Prose is never measured, so it costs nothing."""
    spread = [line.x1 - line.x0 > SPREAD * 0.5 * line.size * len(line.text) for line in lines]
    numeric = [wide and " " in line.text and any(ch.isdigit() for ch in line.text) for wide, line in zip(spread, lines, strict=True)]
    for k, line in enumerate(lines):
        header = spread[k] and not numeric[k] and k + 2 < len(lines) and numeric[k + 1] and numeric[k + 2]
        if numeric[k] or header:
            line.cells = line_cells(textpage, spans[k][0], spans[k][1], line.size)


def make_line(textpage: pdfium.PdfTextPage, chunk: str, start: int, page: int, height: float) -> Line | None:
    """A Line from a run of characters, boxed by its first and last visible character, sized by
    its first letter or digit."""
    content = squash(chunk)
    if not content:
        return None
    first = start + len(chunk) - len(chunk.lstrip())
    last = start + len(chunk.rstrip()) - 1
    left, bottom0, _, top0 = textpage.get_charbox(first, loose=True)
    _, bottom1, right, top1 = textpage.get_charbox(last, loose=True)
    letter = next((start + k for k, ch in enumerate(chunk) if ch.isalnum()), first)  # not a bullet in its own font
    size = round(pdfium_c.FPDFText_GetFontSize(textpage.raw, letter) * 2) / 2
    if size <= 0:  # a damaged or odd font says none: the height of the line's box stands for it
        size = max(1.0, round(abs(max(top0, top1) - min(bottom0, bottom1)) * 2) / 2)
    content = content[:-1].replace("\xad", "").replace("\x02", "-") + content[-1].replace("\x02", "-")
    return Line(content, page, left, right, height - max(top0, top1), height - min(bottom0, bottom1), size)


def repaired(text: str, scan: Scan) -> str:
    """Text with certain mojibake repaired; uncertain mojibake raises ReadError."""
    if MARKS.isdisjoint(text) or not MOJIBAKE.search(text):
        return text
    fixed, what = repair_mojibake(text)
    if what == "mojibake":
        raise ReadError("mojibake", "Polish letters are garbled (mojibake) and cannot be repaired safely")
    if what and what not in scan.warnings:
        scan.warnings.append(what)
    return fixed


def has_rulings(page: pdfium.PdfPage) -> bool:
    """Cheap test for table rulings: a few path objects, or a form that may hold them."""
    paths = 0
    for k in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        kind = pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(page.raw, k))
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            return True
        paths += kind == pdfium_c.FPDF_PAGEOBJ_PATH
        if paths >= MIN_RULING_PATHS:
            return True
    return False


# --- tables on ruled pages: pdfplumber's finder, rulings and cell text from pypdfium2 ---


def find_tables(path: Path, pdf: pdfium.PdfDocument, scan: Scan) -> dict[int, list[Grid]]:
    """Tables of the ruled pages, by page number.

    Rulings drawn as plain paths are handed to pdfplumber's table finder as explicit lines,
    which needs no parse of the page by pdfplumber at all; only pages drawing through forms
    (whose contents are not walked here) get pdfplumber's own parse of the file.
    """
    found: dict[int, list[Grid]] = {}
    forms: list[int] = []
    try:
        for number in scan.ruled:
            page = pdf[number - 1]
            edges = ruling_edges(page)
            if edges is None:
                forms.append(number)
            else:
                found[number] = page_grids(explicit_tables, number, edges, text_reader(page, scan))
        if forms:
            import pdfplumber

            with pdfplumber.open(path, pages=forms) as plumber:
                for plumber_page in plumber.pages:
                    number = plumber_page.page_number
                    found[number] = page_grids(plumber_page.find_tables, number, None, text_reader(pdf[number - 1], scan))
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many kinds; the text is still there
        scan.warnings.append(f"tables not recognised ({type(exc).__name__}: {exc}); their text is read as paragraphs")
        scan.partial = True
    return found


def explicit_tables(settings: dict) -> list:
    """pdfplumber's table finder on explicit lines alone: it reads nothing of the page itself."""
    from pdfplumber.table import TableFinder, TableSettings

    return TableFinder(None, TableSettings.resolve(settings)).tables  # type: ignore[arg-type]


def page_grids(find, number: int, edges: tuple[list[dict], list[dict]] | None,  # type: ignore[no-untyped-def]
               read: Callable[[tuple | None], str]) -> list[Grid]:
    """The page's tables with at least two columns, found by ``find`` (pdfplumber's finder)
    given the page's rulings as explicit lines, or its own parse when ``edges`` is None; ``read``
    gives a cell's text from its box (None for a cell covered by a merged one)."""
    if edges and (len(edges[0]) < 2 or len(edges[1]) < 2):
        return []
    settings = {} if edges is None else {
        "vertical_strategy": "explicit", "horizontal_strategy": "explicit",
        "explicit_vertical_lines": edges[0], "explicit_horizontal_lines": edges[1],
    }  # fmt: skip
    grids = []
    for table in find(settings):
        rows = [[read(cell) for cell in row.cells] for row in table.rows]
        rows = [row for row in rows if any(row)]
        if not rows or max(len(row) for row in rows) < 2:
            continue  # a framed paragraph, not a table
        x0, top, x1, bottom = table.bbox
        grids.append(Grid(rows, number, x0, x1, top, bottom, [(number, 0)]))
    return grids


def text_reader(page: pdfium.PdfPage, scan: Scan) -> Callable[[tuple | None], str]:
    """What reads a table cell's text from a page's text layer (opened at the first cell)."""

    @cache
    def textpage() -> pdfium.PdfTextPage:
        return page.get_textpage()

    return lambda box: cell_text(textpage(), box, page.get_height(), scan)


def ruling_edges(page: pdfium.PdfPage) -> tuple[list[dict], list[dict]] | None:
    """Vertical and horizontal straight segments of the page's paths, as pdfplumber edges.

    None when the page draws through form objects (their contents are not walked here).
    """
    height = page.get_height()
    vertical: list[dict] = []
    horizontal: list[dict] = []
    for k in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, k)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            return None
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        for (x0, y0), (x1, y1) in path_segments(obj):
            if abs(x0 - x1) < 0.5 and abs(y0 - y1) >= 3:
                vertical.append(edge(x0, x0, height - max(y0, y1), height - min(y0, y1), "v"))
            elif abs(y0 - y1) < 0.5 and abs(x0 - x1) >= 3:
                horizontal.append(edge(min(x0, x1), max(x0, x1), height - y0, height - y0, "h"))
    return vertical, horizontal


def edge(x0: float, x1: float, top: float, bottom: float, orientation: str) -> dict:
    """An edge in pdfplumber's terms (points, origin top left)."""
    return {
        "object_type": "line_edge", "orientation": orientation, "x0": x0, "x1": x1, "top": top,
        "bottom": bottom, "width": x1 - x0, "height": bottom - top,
    }  # fmt: skip


def path_segments(obj) -> list[tuple[tuple[float, float], tuple[float, float]]]:  # type: ignore[no-untyped-def]
    """The straight segments of a path object in page space (curves skipped)."""
    m = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, m)
    x, y = ctypes.c_float(), ctypes.c_float()
    segments = []
    start = previous = None
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and previous is not None:
            segments.append((previous, point))
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            segments.append((point, start))
        previous = point
    return segments


def cell_text(textpage: pdfium.PdfTextPage, box: tuple | None, height: float, scan: Scan) -> str:
    """A cell's text from pypdfium2, its lines joined like a paragraph's; no box, no text."""
    if box is None:
        return ""  # covered by a merged cell
    x0, top, x1, bottom = box
    raw = textpage.get_text_bounded(left=x0 + 1, bottom=height - bottom + 1, right=x1 - 1, top=height - top - 1)
    pieces = (squash(m.group()).replace("\x02", "-") for m in LINE.finditer(raw))
    text, _ = join_lines([piece for piece in pieces if piece])
    if CID.search(text) or len(GARBLED.findall(text)) > 0.05 * len(text):
        scan.warnings.append("a table cell with unmapped glyphs left empty")
        scan.partial = True
        return ""
    return repaired(text, scan)


# --- reading order, margins, blocks -----------------------------------------------------


def column_grids(lines: list[Line]) -> list[Grid]:
    """Tables set in aligned columns without ruling lines (see ``pdf_columns``)."""
    grids = []
    for first, end in column_runs(lines):
        run = lines[first:end]
        rows = [[text for text, _, _ in line.cells] for line in run]
        page = run[0].page
        grids.append(Grid(rows, page, min(line.x0 for line in run), max(line.x1 for line in run), run[0].top, run[-1].bottom, [(page, 0)]))
    return grids


def page_items(lines: list[Line], grids: list[Grid]) -> list[Line | Grid]:
    """Lines outside tables and the tables themselves, top to bottom."""
    free = [line for line in lines if not any(inside(line, grid) for grid in grids)]
    return sorted([*free, *grids], key=lambda item: (round(item.top, 1), item.x0))


def inside(line: Line, grid: Grid) -> bool:
    """True when the line's middle lies in the table's box."""
    middle = (line.top + line.bottom) / 2
    return grid.top - 1 <= middle <= grid.bottom + 1 and line.x1 > grid.x0 and line.x0 < grid.x1


def strip_margins(pages: list[list[Line | Grid]], heights: list[float]) -> list[list[Line | Grid]]:
    """Drop running headers and footers (repeated on most pages) and bare page numbers."""
    counts: Counter[str] = Counter()
    for items, height in zip(pages, heights, strict=True):
        counts.update({margin_key(line) for line in margin_lines(items, height)})
    needed = max(2, math.ceil(0.5 * len(pages)))
    kept = []
    for items, height in zip(pages, heights, strict=True):
        lines = [item for item in items if isinstance(item, Line)]
        ends = {id(line) for line in lines[:1] + lines[-1:]}
        drop = {
            id(line)
            for line in margin_lines(items, height)
            if counts[margin_key(line)] >= needed or (id(line) in ends and PAGE_NUMBER.match(line.text))
        }
        kept.append([item for item in items if id(item) not in drop])
    return kept


def margin_lines(items: list[Line | Grid], height: float) -> list[Line]:
    """Up to two lines at each end of a page that lie in its top or bottom margin zone."""
    lines = [item for item in items if isinstance(item, Line)]
    ends = list(dict.fromkeys(lines[:2] + lines[-2:]))
    return [line for line in ends if line.top < MARGIN_ZONE * height or line.bottom > (1 - MARGIN_ZONE) * height]


def margin_key(line: Line) -> str:
    """A header or footer line with its numbers blanked, so "Strona 3" matches "Strona 4"."""
    return regex.sub(r"\d+", "#", line.text.lower())


def measure(lines: list[Line]) -> Layout:
    """Body font size, heading sizes, the right edge and the usual line pitch."""
    if not lines:
        return Layout(10.0, [], 0.0, 1.0, 1.2, 0.0)
    sizes = Counter({size: 0 for size in {line.size for line in lines}})
    for line in lines:
        sizes[line.size] += len(line.text)
    body = sizes.most_common(1)[0][0]
    body_lines = [line for line in lines if line.size == body]
    ends = sorted(line.x1 for line in body_lines)
    right = ends[int(0.9 * (len(ends) - 1))]
    left = min(line.x0 for line in body_lines)
    pitches = [
        (b.top - a.top) / a.size
        for a, b in pairwise(lines)
        if a.page == b.page and a.size == b.size and 0 < b.top - a.top < 3 * a.size
    ]
    pitch = statistics.quantiles(pitches, n=5)[0] if len(pitches) > 1 else 1.2  # lines inside paragraphs
    headings = sorted((size for size in sizes if size > body + 0.5), reverse=True)
    return Layout(body, headings, right, max(right - left, 1.0), pitch, max(line.bottom for line in body_lines))


def assemble(items: list[Line | Grid], layout: Layout) -> list[list[Line] | Grid]:
    """Group lines into paragraphs and stitch tables split by a page break."""
    chunks: list[list[Line] | Grid] = []
    previous: Line | Grid | None = None
    for item in items:
        last = chunks[-1] if chunks else None
        if isinstance(item, Grid):
            if isinstance(last, Grid) and previous is not None and continues_table(last, previous, item):
                header_again = item.rows[0] == last.rows[0]
                last.marks.append((item.page, len(last.rows)))
                last.rows.extend(item.rows[1:] if header_again else item.rows)
            else:
                chunks.append(item)
        elif isinstance(last, list) and continues_block(last, item, layout):
            last.append(item)
        else:
            chunks.append([item])
        previous = item
    return chunks


def continues_table(table: Grid, previous: Line | Grid, grid: Grid) -> bool:
    """A table that opens a page continues the one that closed the page before."""
    return isinstance(previous, Grid) and grid.page == previous.page + 1 and len(grid.rows[0]) == len(table.rows[0])


def continues_block(lines: list[Line], line: Line, layout: Layout) -> bool:
    """True when ``line`` goes on the paragraph made of ``lines``."""
    prev = lines[-1]
    if abs(line.size - prev.size) > 0.5:
        return False
    marker = LIST_MARKER.match(line.text) is not None
    if line.page != prev.page:
        full = prev.x1 >= layout.right - FULL_LINE * layout.width
        at_bottom = prev.bottom >= layout.bottom - 2.5 * layout.pitch * prev.size
        return full and at_bottom and not (marker and line.x0 <= lines[0].x0 + 2)
    pitch = (line.top - prev.top) / prev.size
    if pitch <= 0 or pitch > layout.pitch + 0.25:
        return False
    short = prev.x1 < layout.right - SHORT_LINE * layout.width
    return not (marker and (short or line.x0 < prev.x0 - 2))


def chunk_part(chunk: list[Line] | Grid, layout: Layout) -> tuple:
    """A (kind, content, page, level) part for build_text."""
    if isinstance(chunk, Grid):
        width = max(len(row) for row in chunk.rows)
        return ("table", [row + [""] * (width - len(row)) for row in chunk.rows], chunk.page, None)
    text, _ = join_lines([line.text for line in chunk])
    if chunk[0].size in layout.heading_sizes:
        return ("heading", text, chunk[0].page, min(layout.heading_sizes.index(chunk[0].size) + 1, 9))
    if LIST_MARKER.match(text):
        return ("list_item", text, chunk[0].page, round(chunk[0].x0 / 4))  # indent in steps of 4 points
    return ("paragraph", text, chunk[0].page, None)


def join_lines(pieces: list[str]) -> tuple[str, list[int]]:
    """Join a paragraph's lines; return the text and where each line starts in it.

    >>> join_lines(["opieku\\u0144czo-", "wychowawczych, w", "2020 roku"])[0]
    'opiekuńczo-wychowawczych, w 2020 roku'
    >>> join_lines(["Zab\\u0142ocie -", "159 spotka\\u0144"])[0]
    'Zabłocie - 159 spotkań'
    """
    text, starts = "", []
    for piece in pieces:
        text = join_pair(text, piece) if text else piece
        starts.append(len(text) - len(piece))
    if text.endswith("\xad"):
        text = text[:-1] + "-"
    return text, starts


def join_pair(left: str, right: str) -> str:
    """Two lines of a paragraph as one: a space, or a hyphen resolved."""
    if left[-1] == "\xad":
        return left[:-1] + right  # a soft hyphen: the word was cut by the line end
    if left.endswith("-") and len(left) > 1 and not left[-2].isspace():
        if left[-2].isalpha() and right[:1].islower() and break_hyphen(left, right):
            return left[:-1] + right
        return left + right  # a hyphen of the word itself: "społeczno-zawodowa", "Covid-19"
    return f"{left} {right}"


def break_hyphen(left: str, right: str) -> bool:
    """True when "wycho-" + "wawczych" is one word cut by the line end (Morfeusz decides)."""
    from extract.morphology import readings

    head = regex.search(r"\p{L}+(?=-$)", left)
    tail = regex.match(r"\p{L}+", right)
    if not head or not tail:
        return False
    whole = (head.group() + tail.group()).lower()
    return bool(readings(whole)) and not readings(tail.group().lower())


def page_starts(blocks: list[Block], chunks: list[list[Line] | Grid], pages: int, end: int) -> list[int]:
    """The text offset where each page begins (an empty page starts where the next does)."""
    starts: list[int | None] = [None] * pages
    for block, chunk in zip(blocks, chunks, strict=True):
        if isinstance(chunk, Grid):
            marks = [(page, block.rows[row][0].char_start) for page, row in chunk.marks]
        else:
            _, offsets = join_lines([line.text for line in chunk])
            marks = [(line.page, block.char_start + off) for line, off in zip(chunk, offsets, strict=True)]
        for page, offset in marks:
            if starts[page - 1] is None:
                starts[page - 1] = offset
    following = end
    for i in range(pages - 1, -1, -1):
        known = starts[i]
        following = known if known is not None else following
        starts[i] = following
    return [s if s is not None else end for s in starts]
