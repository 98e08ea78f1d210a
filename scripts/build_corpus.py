"""Build the .docx and .pdf forms of every corpus text dump: ``python scripts/build_corpus.py``.

Each ``corpus/<stem>.txt`` is read with the text reader; its blocks become
``corpus/<stem>.docx`` (one Word paragraph per block, sections as "Heading N", list items
as "List Paragraph" keeping their marker and indentation, tables as real Word tables with vertical merges)
and ``corpus/<stem>.pdf`` (reportlab, DejaVu Sans, running header and page numbers).
Both outputs are deterministic, so rebuilding gives the same bytes. The outputs are
committed: tests and CI never need to run this script.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import docx.shared
from reportlab import rl_config
from reportlab.lib.colors import black, grey
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.model import Document  # noqa: E402
from extract.readers.text import read_text  # noqa: E402
from extract.segment import find_sections  # noqa: E402

CORPUS = ROOT / "corpus"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {"DejaVuSans": "DejaVuSans.ttf", "DejaVuSans-Bold": "DejaVuSans-Bold.ttf"}
TITLES = {
    "ruda-slaska_2013_strategia-c1-projekty-socjalne": "MOPS Ruda Śląska – projekty socjalne C1, sprawozdanie za 2013 rok",
    "ruda-slaska_2020_gminny-program-wspierania-rodziny": "MOPS Ruda Śląska – Gminny Program Wspierania Rodziny, sprawozdanie za 2020 rok",
}
ZIP_DATE = (2000, 1, 1, 0, 0, 0)
CELL_SIZE = 8.5
HEADING_SIZES = {1: 14, 2: 12, 3: 11}
ITEM_INDENT = 18  # points of indentation per nesting rank of a list item


def main() -> int:
    """Build both derived files for every corpus text dump."""
    register_fonts()
    rl_config.invariant = 1
    for path in sorted(CORPUS.glob("*.txt")):
        doc = read_text(path)
        levels = heading_levels(doc)
        write_docx(doc, levels, path.with_suffix(".docx"))
        write_pdf(doc, levels, path.with_suffix(".pdf"), TITLES.get(path.stem, path.stem))
        print(f"{path.name}: {len(doc.blocks)} blocks, {len(levels)} headings → .docx, .pdf")
    return 0


def register_fonts() -> None:
    """Register DejaVu Sans (regular and bold); stop with a clear message when missing."""
    for name, file in FONTS.items():
        font = FONT_DIR / file
        if not font.is_file():
            raise SystemExit(
                f"font {font} not found: install the DejaVu fonts (Debian/Ubuntu: apt-get install fonts-dejavu-core); "
                "a TTF font with Polish letters is needed to render the PDF"
            )
        pdfmetrics.registerFont(TTFont(name, str(font)))


def heading_levels(doc: Document) -> dict[int, int]:
    """Block index → heading level (1-9) of the numbered section headings the outline finds.

    Unnumbered headings (capitalised titles, coded project titles) stay plain paragraphs:
    the outline finds them by their look in every format.
    """
    return {s.block: max(1, min(s.level, 9)) for s in find_sections(doc) if s.number}


def continued_rows(grid: list[list[str]]) -> list[int]:
    """Rows whose empty first cell sits directly under a non-empty one: a vertical merge."""
    return [r for r in range(1, len(grid)) if not grid[r][0] and grid[r - 1][0]]


# --- Word ------------------------------------------------------------------------------


def write_docx(doc: Document, levels: dict[int, int], out: Path) -> None:
    """One Word paragraph per block, Word headings, list paragraphs and real tables."""
    word = docx.Document()
    word.core_properties.title = doc.blocks[0].text[:200] if doc.blocks else ""
    for i, block in enumerate(doc.blocks):
        if block.kind == "table":
            add_word_table(word, block.grid())
        elif i in levels:
            word.add_paragraph(block.text, style=f"Heading {levels[i]}")
        elif block.kind == "list_item":
            item = word.add_paragraph(block.text, style="List Paragraph")
            item.paragraph_format.left_indent = docx.shared.Pt(ITEM_INDENT * (block.indent + 1))
        else:
            word.add_paragraph(block.text)
    buffer = io.BytesIO()
    word.save(buffer)
    out.write_bytes(fixed_zip_dates(buffer.getvalue()))


def add_word_table(word: docx.document.Document, grid: list[list[str]]) -> None:
    """A grid-styled Word table; continued first cells become vMerge continuations."""
    table = word.add_table(rows=len(grid), cols=len(grid[0]))
    table.style = "Table Grid"
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    for r in continued_rows(grid):
        table.cell(r - 1, 0).merge(table.cell(r, 0))


def fixed_zip_dates(data: bytes) -> bytes:
    """The same zip with a fixed timestamp on every member, so rebuilds are byte-identical."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, ZIP_DATE), src.read(info.filename), zipfile.ZIP_DEFLATED)
    return out.getvalue()


# --- PDF -------------------------------------------------------------------------------


def pdf_styles() -> dict[str, ParagraphStyle]:
    """Body, list item, table cell and three heading styles."""
    body = ParagraphStyle("body", fontName="DejaVuSans", fontSize=10, leading=13, alignment=TA_JUSTIFY, spaceAfter=6)
    styles = {
        "body": body,
        "item": ParagraphStyle("item", body, leftIndent=14, firstLineIndent=-14, spaceAfter=4),
        "cell": ParagraphStyle("cell", body, fontSize=CELL_SIZE, leading=10.5, alignment=TA_LEFT, spaceAfter=0),
    }
    for level, size in HEADING_SIZES.items():
        styles[f"h{level}"] = ParagraphStyle(
            f"h{level}", body, fontName="DejaVuSans-Bold", fontSize=size, leading=size * 1.3,
            alignment=TA_LEFT, spaceBefore=10, spaceAfter=6, keepWithNext=1,
        )  # fmt: skip
    return styles


def write_pdf(doc: Document, levels: dict[int, int], out: Path, title: str) -> None:
    """Render the blocks on A4 with a running header (the short title) and page numbers."""

    def decorate(canvas, template) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont("DejaVuSans", 8)
        canvas.setFillColor(grey)
        canvas.drawString(template.leftMargin, A4[1] - 1.3 * cm, title)
        canvas.drawCentredString(A4[0] / 2, 1.2 * cm, str(canvas.getPageNumber()))
        canvas.restoreState()

    template = SimpleDocTemplate(
        str(out), pagesize=A4, leftMargin=2.2 * cm, rightMargin=2.2 * cm, topMargin=2.3 * cm,
        bottomMargin=2.2 * cm, title=title, author="MOPS Ruda Śląska", creator="scripts/build_corpus.py",
        invariant=1,
    )  # fmt: skip
    story = pdf_story(doc, levels, pdf_styles(), template.width)
    template.build(story, onFirstPage=decorate, onLaterPages=decorate)


def pdf_story(doc: Document, levels: dict[int, int], styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    """Flowables for the blocks: headings bigger and bold, list items with a hanging indent."""
    story: list[Flowable] = []
    for i, block in enumerate(doc.blocks):
        if block.kind == "table":
            story += [pdf_table(block.grid(), styles["cell"], width), Spacer(1, 8)]
        elif i in levels:
            story.append(Paragraph(escape(block.text), styles[f"h{min(levels[i], 3)}"]))
        elif block.kind == "list_item":
            item = ParagraphStyle(f"item{block.indent}", styles["item"], leftIndent=14 + ITEM_INDENT * block.indent)
            story.append(Paragraph(escape(block.text), item))
        else:
            story.append(Paragraph(escape(block.text), styles["body"]))
    return story


def pdf_table(grid: list[list[str]], style: ParagraphStyle, width: float) -> Table:
    """A ruled table; vertically merged first cells are drawn as one spanning cell."""
    data = [[Paragraph(escape(text), style) for text in row] for row in grid]
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (-1, -1), "LEFT"),
    ]
    commands += [("SPAN", (0, r - 1), (0, r)) for r in continued_rows(grid)]
    return Table(data, colWidths=column_widths(grid, width), style=TableStyle(commands), hAlign="CENTER")


def column_widths(grid: list[list[str]], total: float) -> list[float]:
    """Share the frame width: each column gets its longest word, the rest by text length."""
    pad = 14.0  # the cell's own padding (6 + 6) and a little air, so no word is split

    def width(text: str) -> float:
        return pdfmetrics.stringWidth(text, "DejaVuSans", CELL_SIZE) + pad

    columns = list(zip(*grid, strict=True))
    natural = [max(width(cell) for cell in col) for col in columns]
    low = [max(width(word) for cell in col for word in (cell.split() or [""])) for col in columns]
    if sum(natural) <= total:
        return [n * total / sum(natural) for n in natural]
    spare = max(total - sum(low), 0.0)
    extra = [n - lo for n, lo in zip(natural, low, strict=True)]
    widths = [lo + spare * e / (sum(extra) or 1) for lo, e in zip(low, extra, strict=True)]
    return [w * total / sum(widths) for w in widths]


if __name__ == "__main__":
    raise SystemExit(main())
