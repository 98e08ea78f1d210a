"""OpenDocument text (.odt) and its flat XML form (.fodt) into the document model.

The body is walked in order as the Word reader walks a .docx: headings (``text:h`` with its
outline level, or a paragraph whose style has one), paragraphs, list items with the numbers
or bullets their list style draws, tables with spanned cells padded (covered cells empty) and
footnotes after the body as "[n] text" paragraphs. Soft and hard page breaks give pages.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from extract.model import Block, Document, ReadError, build_text
from extract.readers.docx import damaged, format_number
from extract.readers.text import LIST_MARKER, squash

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
NUMBER_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
BROKEN = (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, OSError, EOFError, zlib.error)

Part = tuple  # (kind, content, page, level), as build_text takes them


def read_odt(path: Path, fmt: str = "odt") -> Document:
    """Read an .odt (zip) or .fodt (flat XML) file; a damaged one raises ReadError("corrupt")."""
    try:
        content, styles = _xml_parts(path, fmt)
        parts, page_count = OdtWalker(content, styles).parts()
    except BROKEN as exc:
        raise damaged(exc, "OpenDocument file") from exc
    if not parts:
        raise ReadError("empty", "the OpenDocument file holds no text")
    text, blocks = build_text(parts)
    doc = Document(source_path=str(path), format=fmt, text=text, blocks=blocks)
    if page_count > 1:
        doc.page_starts = _page_starts(blocks)
        doc.pages = page_count
    return doc


def _xml_parts(path: Path, fmt: str) -> tuple[etree._Element, etree._Element | None]:
    """The content and styles XML of an .odt, or the one tree of an .fodt (both in one)."""
    if fmt == "odt":
        with zipfile.ZipFile(path) as archive:
            content = etree.fromstring(archive.read("content.xml"), PARSER)
            names = set(archive.namelist())
            styles = etree.fromstring(archive.read("styles.xml"), PARSER) if "styles.xml" in names else None
        return content, styles
    root = etree.parse(str(path), PARSER).getroot()
    return root, root


def _page_starts(blocks: list[Block]) -> list[int]:
    """Where each page after the first starts: the first block that carries its page number."""
    starts = [0]
    for block in blocks:
        while block.page is not None and block.page > len(starts):
            starts.append(block.char_start)
    return starts


class OdtWalker:
    """Walks an OpenDocument body into parts, keeping list counters and the page number."""

    def __init__(self, content: etree._Element, styles: etree._Element | None) -> None:
        self.content = content
        roots = [r for r in (styles, content) if r is not None]
        self.paragraph_styles = {s.get(f"{STYLE}name"): s for r in roots for s in r.iter(f"{STYLE}style")}
        self.list_styles = {s.get(f"{STYLE}name"): s for r in roots for s in r.iter(f"{TEXT}list-style")}
        self.counters: dict[str, list[int]] = {}  # list id → counter per level
        self.last_list: dict[str, str] = {}  # list style → id of the last list drawn with it
        self.page = 1
        self.notes: list[str] = []

    def parts(self) -> tuple[list[Part], int]:
        body = self.content.find(f"{OFFICE}body/{OFFICE}text")
        if body is None:
            raise ValueError("the document has no text body")
        parts = list(self.items(body))
        parts += [("paragraph", f"[{k}] {note}", self.page, None) for k, note in enumerate(self.notes, 1)]
        return parts, self.page

    def items(self, container: etree._Element) -> Iterator[Part]:
        for child in container.iterchildren():
            tag = child.tag
            if tag == f"{TEXT}soft-page-break":
                self.page += 1
            elif tag in (f"{TEXT}p", f"{TEXT}h"):
                if part := self.paragraph(child):
                    yield part
            elif tag == f"{TEXT}list":
                yield from self.list_items(child, child.get(f"{TEXT}style-name"), 0, self.list_id(child))
            elif tag == f"{TABLE}table":
                if rows := self.table(child):
                    yield ("table", rows, self.page, None)
            elif tag in (f"{TEXT}section", f"{TEXT}index-body", f"{TABLE}table-rows"):
                yield from self.items(child)
            elif tag in (f"{TEXT}table-of-content", f"{TEXT}alphabetical-index", f"{TEXT}illustration-index"):
                body = child.find(f"{TEXT}index-body")
                if body is not None:
                    yield from self.items(body)

    def paragraph(self, p: etree._Element, marker: str = "", depth: int | None = None) -> Part | None:
        if self.breaks_before(p):
            self.page += 1
        text = squash(self.inline_text(p))
        if not text:
            return None
        if marker and not LIST_MARKER.match(text):
            text = f"{marker} {text}"
        level = p.get(f"{TEXT}outline-level") if p.tag == f"{TEXT}h" else self.style_outline(p)
        if level and level.isdigit() and int(level) > 0:
            return ("heading", text, self.page, int(level))
        if depth is not None or LIST_MARKER.match(text):
            return ("list_item", text, self.page, self.left_margin(p, depth))
        return ("paragraph", text, self.page, None)

    def style_outline(self, p: etree._Element) -> str | None:
        """The outline level a paragraph's style (or a style it is based on) gives it."""
        name, seen = p.get(f"{TEXT}style-name"), set()
        while name and name not in seen:
            seen.add(name)
            style = self.paragraph_styles.get(name)
            if style is None:
                return None
            if level := style.get(f"{STYLE}default-outline-level"):
                return level
            name = style.get(f"{STYLE}parent-style-name")
        return None

    def style_chain(self, p: etree._Element) -> Iterator[etree._Element]:
        """A paragraph's style and the styles it is based on, nearest first."""
        name, seen = p.get(f"{TEXT}style-name"), set()
        while name and name not in seen and (style := self.paragraph_styles.get(name)) is not None:
            seen.add(name)
            yield style
            name = style.get(f"{STYLE}parent-style-name")

    def left_margin(self, p: etree._Element, depth: int | None) -> float:
        """How far a list paragraph is indented, in points: its style's left margin, else its
        list level's (only the order of these values within a document counts)."""
        for style in self.style_chain(p):
            props = style.find(f"{STYLE}paragraph-properties")
            if props is not None and (margin := points(props.get(f"{FO}margin-left"))) is not None:
                return margin
        return 18.0 * (depth + 1) if depth is not None else 0.0

    def breaks_before(self, p: etree._Element) -> bool:
        """A hard page break before a paragraph, set in its (automatic) style."""
        style = self.paragraph_styles.get(p.get(f"{TEXT}style-name"))
        props = style.find(f"{STYLE}paragraph-properties") if style is not None else None
        return props is not None and props.get(f"{FO}break-before") == "page"

    def inline_text(self, element: etree._Element) -> str:
        """The text of a paragraph: spans, links, spaces (``text:s``), tabs and line breaks;
        footnotes are kept aside for the end, their citation marks left out (as in .docx)."""
        pieces = [element.text or ""]
        for child in element.iterchildren():
            tag = child.tag
            if tag == f"{TEXT}s":
                pieces.append(" " * int(child.get(f"{TEXT}c", "1")))
            elif tag == f"{TEXT}tab":
                pieces.append("\t")
            elif tag == f"{TEXT}line-break":
                pieces.append("\n")
            elif tag == f"{TEXT}soft-page-break":
                self.page += 1
            elif tag == f"{TEXT}note":
                body = child.find(f"{TEXT}note-body")
                if body is not None:
                    self.notes.append(squash(" ".join(self.inline_text(p) for p in body.iter(f"{TEXT}p", f"{TEXT}h"))))
            elif tag not in (f"{OFFICE}annotation", f"{TEXT}bookmark-start", f"{TEXT}bookmark-end"):
                pieces.append(self.inline_text(child))
            pieces.append(child.tail or "")
        return "".join(pieces)

    def list_id(self, lst: etree._Element) -> str:
        """The id whose counters a list uses: its own, the list it continues, or (with
        ``continue-numbering``) the last list drawn with the same style."""
        style = lst.get(f"{TEXT}style-name") or ""
        own = lst.get(XML_ID) or f"list{id(lst)}"
        if target := lst.get(f"{TEXT}continue-list"):
            own = target
        elif lst.get(f"{TEXT}continue-numbering") == "true" and style in self.last_list:
            own = self.last_list[style]
        self.last_list[style] = own
        return own

    def list_items(self, lst: etree._Element, style: str | None, depth: int, list_id: str) -> Iterator[Part]:
        style = lst.get(f"{TEXT}style-name") or style
        counters = self.counters.setdefault(list_id, [0] * 10)
        for item in lst.iterchildren(f"{TEXT}list-item", f"{TEXT}list-header"):
            numbered = item.tag == f"{TEXT}list-item"
            if numbered and depth < len(counters):
                start = item.get(f"{TEXT}start-value")
                counters[depth] = int(start) if start and start.isdigit() else counters[depth] + 1
                counters[depth + 1 :] = [0] * (len(counters) - depth - 1)
            marker = self.marker(style, depth, counters) if numbered else ""
            for child in item.iterchildren():
                if child.tag in (f"{TEXT}p", f"{TEXT}h"):
                    if part := self.paragraph(child, marker, depth):
                        yield part
                    marker = ""  # a second paragraph of the item carries no number
                elif child.tag == f"{TEXT}list":
                    yield from self.list_items(child, style, depth + 1, list_id)
                elif child.tag == f"{TEXT}soft-page-break":
                    self.page += 1

    def marker(self, style: str | None, depth: int, counters: list[int]) -> str:
        """What the list style draws before an item at ``depth``: "1.", "a)", "1.2.", "·"."""
        list_style = self.list_styles.get(style)
        if list_style is None:
            return ""
        for level in list_style:
            if level.get(f"{TEXT}level") != str(depth + 1):
                continue
            if level.tag == f"{TEXT}list-level-style-bullet":
                return level.get(f"{TEXT}bullet-char", "·")
            if level.tag != f"{TEXT}list-level-style-number":
                return ""
            fmt = NUMBER_FORMATS.get(level.get(f"{STYLE}num-format", ""))
            if fmt is None:
                return ""
            shown = int(level.get(f"{TEXT}display-levels", "1"))
            numbers = [format_number(max(n, 1), fmt) for n in counters[depth - shown + 1 : depth + 1]]
            return f"{level.get(f'{STYLE}num-prefix', '')}{'.'.join(numbers)}{level.get(f'{STYLE}num-suffix', '')}"
        return ""

    def table(self, tbl: etree._Element) -> list[list[str]]:
        """A table's cell grid: spans padded with empty cells, covered cells empty."""
        rows: list[list[str]] = []
        for tr in tbl.iter(f"{TABLE}table-row"):
            if tr.getparent() is not None and _owning_table(tr) is not tbl:
                continue  # a row of a table nested in a cell: part of that cell's text
            row: list[str] = []
            for cell in tr.iterchildren(f"{TABLE}table-cell", f"{TABLE}covered-table-cell"):
                repeat = min(int(cell.get(f"{TABLE}number-columns-repeated", "1")), 64)
                text = "" if cell.tag == f"{TABLE}covered-table-cell" else self.cell_text(cell)
                row += [text] * repeat
            if any(row):
                rows.append(row)
        width = max((len(r) for r in rows), default=0)
        return [r + [""] * (width - len(r)) for r in rows]

    def cell_text(self, cell: etree._Element) -> str:
        return squash(" ".join(self.inline_text(p) for p in cell.iter(f"{TEXT}p", f"{TEXT}h")))


UNITS_IN_POINTS = {"pt": 1.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "in": 72.0, "pc": 12.0, "px": 0.75}


def points(length: str | None) -> float | None:
    """An ODF length ("1.27cm", "0.5in", "12pt") in points; None when absent or unreadable."""
    if not length:
        return None
    number, unit = length[:-2], length[-2:]
    try:
        return float(number) * UNITS_IN_POINTS[unit]
    except (KeyError, ValueError):
        return None


def _owning_table(row: etree._Element) -> etree._Element | None:
    parent = row.getparent()
    while parent is not None and parent.tag != f"{TABLE}table":
        parent = parent.getparent()
    return parent
