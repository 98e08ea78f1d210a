"""Every report format reads into the same document model.

The corpus reports exist as a text dump, a Word file and a PDF (the latter two made by
``scripts/build_corpus.py`` and committed); all three must give the same blocks and the
same table grids. Broken files give a status and a reason, never an exception.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path

import docx
import pytest
import regex
from conftest import CORPUS, TEXT_REPORTS
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from lxml import etree

from extract.model import Document
from extract.readers import read
from extract.readers.pdf import Grid, Layout, assemble, join_lines
from extract.segment import find_sections

FORMATS = ("txt", "docx", "pdf")
TYPOGRAPHY = str.maketrans({"„": '"', "”": '"', "“": '"', "–": "-", "—": "-", "·": "-", "…": "...", "’": "'"})


@cache
def corpus_doc(stem: str, fmt: str) -> Document:
    """A corpus report in one format, read once per test session."""
    return read(TEXT_REPORTS[0].parent / f"{stem}.{fmt}")


def no_space(text: str) -> str:
    return regex.sub(r"\s+", "", text)


def texts(doc: Document) -> list[str]:
    return [no_space(b.text) for b in doc.blocks if b.kind != "table"]


def grids(doc: Document) -> list[list[list[str]]]:
    return [[[no_space(cell) for cell in row] for row in b.grid()] for b in doc.blocks if b.kind == "table"]


STEMS = [p.stem for p in TEXT_REPORTS]


# --- the three formats agree ----------------------------------------------------------


@pytest.mark.parametrize("stem", STEMS)
def test_three_formats_give_the_same_blocks_and_tables(stem: str) -> None:
    docs = {fmt: corpus_doc(stem, fmt) for fmt in FORMATS}
    for fmt, doc in docs.items():
        assert (doc.status, doc.format, doc.warnings) == ("ok", fmt, []), (fmt, doc.reason)
    txt = docs["txt"]
    assert len(texts(txt)) > 100 and len(grids(txt)) == 3
    for fmt in ("docx", "pdf"):
        assert texts(docs[fmt]) == texts(txt), fmt
        assert grids(docs[fmt]) == grids(txt), fmt
        assert bullet_indents(docs[fmt]) == bullet_indents(txt), fmt
    assert len(set(bullet_indents(txt))) > 1  # the reports do nest their lists


def bullet_indents(doc: Document) -> list[int]:
    """The indentation rank of every bulleted list item, in order."""
    return [b.indent for b in doc.blocks if b.kind == "list_item" and b.text[:1] in "-–·•"]


@pytest.mark.parametrize("stem", STEMS)
def test_three_formats_give_the_same_outline(stem: str) -> None:
    outlines = {fmt: [(s.number, s.title, s.level) for s in find_sections(corpus_doc(stem, fmt))] for fmt in FORMATS}
    assert outlines["txt"] and outlines["docx"] == outlines["txt"] == outlines["pdf"]


def test_docx_marks_word_headings_and_merged_cells() -> None:
    doc = corpus_doc(STEMS[-1], "docx")  # the 2020 report: numbered sections, a merged first column
    headings = [(b.style_level, b.text[:20]) for b in doc.blocks if b.kind == "heading"]
    assert (1, "I. SPRAWOZDANIE Z RE") in headings and (3, "1.1. Bezpieczna rodz") in headings
    first_column = [row[0] for row in next(b for b in doc.blocks if b.kind == "table").grid()]
    assert first_column[2:4] == ["dzieci w tych rodzinach:", ""]


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_pages_headers_and_stitched_tables(stem: str) -> None:
    doc = corpus_doc(stem, "pdf")
    assert doc.pages and doc.pages > 10 and len(doc.page_starts) == doc.pages
    assert doc.page_starts[0] == 0 and doc.page_starts == sorted(doc.page_starts)
    assert all(doc.page_at(b.char_start) == b.page for b in doc.blocks)
    assert "MOPS Ruda Śląska" not in doc.text  # the running header
    assert not regex.search(r"(?m)^\d{1,2}$", doc.text)  # bare page numbers


def test_pdf_table_over_page_breaks_is_one_table() -> None:
    doc = corpus_doc(STEMS[0], "pdf")  # the 2013 report: a 56-row table of contents
    table = next(b for b in doc.blocks if b.kind == "table")
    assert len(table.rows) == 56 and table.grid()[0] == ["LP", "Symbol", "Tytuł projektu", "Rodzaj"]
    assert doc.page_at(table.rows[-1][0].char_start) > table.page


# --- encodings -------------------------------------------------------------------------


@pytest.mark.parametrize("codepage", ["cp1250", "iso-8859-2"])
@pytest.mark.parametrize("report", TEXT_REPORTS, ids=lambda p: p.stem[:16])
def test_legacy_code_pages_read_like_utf8(report: Path, codepage: str, tmp_path: Path) -> None:
    text = report.read_text(encoding="utf-8").translate(TYPOGRAPHY)
    text = text.encode(codepage, errors="replace").decode(codepage)  # what the code page can hold
    (tmp_path / "utf8.txt").write_text(text, encoding="utf-8")
    (tmp_path / "legacy.txt").write_bytes(text.encode(codepage))
    utf8, legacy = read(tmp_path / "utf8.txt"), read(tmp_path / "legacy.txt")
    assert utf8.status == legacy.status == "ok"
    assert legacy.text == utf8.text and "Śląsk" in legacy.text
    assert f"decoded as {codepage}" in legacy.warnings


# --- broken files: a status and a reason, never an exception -----------------------------


def pdf_bytes(draw, encrypt: str | None = None) -> bytes:  # type: ignore[no-untyped-def]
    """A small PDF whose pages ``draw(canvas)`` paints."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(595, 842), encrypt=encrypt, invariant=1)
    draw(canvas)
    canvas.save()
    return buffer.getvalue()


def write_text_page(canvas, lines: list[str]) -> None:  # type: ignore[no-untyped-def]
    canvas.setFont("Helvetica", 11)
    for k, line in enumerate(lines):
        canvas.drawString(72, 760 - 14 * k, line)
    canvas.showPage()


def write_scan_page(canvas) -> None:  # type: ignore[no-untyped-def]
    canvas.setFillGray(0.6)
    canvas.rect(72, 400, 450, 300, fill=1, stroke=0)  # a picture of a page, no text
    canvas.showPage()


def broken_files(folder: Path) -> dict[str, tuple[str, str]]:
    """File name → (status, error) it must give."""
    good = (TEXT_REPORTS[0].parent / f"{STEMS[-1]}.docx").read_bytes()
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "truncated.docx").write_bytes(good[: len(good) // 2])
    (folder / "encrypted.pdf").write_bytes(pdf_bytes(lambda c: write_text_page(c, ["Tajne: 12 rodzin."]), "secret"))
    (folder / "scanned.pdf").write_bytes(pdf_bytes(lambda c: [write_scan_page(c), write_scan_page(c)]))
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(folder / "bad-xml.docx", "w") as dst:
        for name in src.namelist():
            dst.writestr(name, b"<w:document><w:body><w:p>" if name == "word/document.xml" else src.read(name))
    return {
        "empty.pdf": ("failed", "empty"),
        "truncated.docx": ("failed", "corrupt"),
        "bad-xml.docx": ("failed", "corrupt"),
        "encrypted.pdf": ("failed", "encrypted"),
        "scanned.pdf": ("needs_ocr", "needs_ocr"),
    }


def test_broken_files_give_a_status_and_a_reason(tmp_path: Path) -> None:
    for name, (status, error) in broken_files(tmp_path).items():
        doc = read(tmp_path / name)
        assert (doc.status, doc.error) == (status, error), (name, doc.reason)
        assert doc.reason and "\n" not in doc.reason and not doc.blocks, name


def test_pdf_with_one_scanned_page_is_partial(tmp_path: Path) -> None:
    path = tmp_path / "mixed.pdf"
    path.write_bytes(pdf_bytes(lambda c: [write_text_page(c, ["Objeto wsparciem 48 rodzin."]), write_scan_page(c)]))
    doc = read(path)
    assert doc.status == "partial" and doc.pages == 2 and doc.text == "Objeto wsparciem 48 rodzin."
    assert any("text layer" in w and "2" in w for w in doc.warnings)


def _hand_made_pdf(second_page: bytes, text: bytes = b"BT /F1 12 Tf 72 720 Td (W roku 2021 wsparciem objeto 37 rodzin.) Tj ET") -> bytes:
    """A two-page PDF written by hand: a page drawing ``text``, and ``second_page`` as the second page object."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        second_page,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_pdf_page_that_cannot_be_loaded_is_left_out_and_named(tmp_path: Path) -> None:
    path = tmp_path / "broken-page.pdf"
    path.write_bytes(_hand_made_pdf(b"(not a page)"))
    doc = read(path)
    assert doc.status == "partial" and doc.pages == 2 and doc.text == "W roku 2021 wsparciem objeto 37 rodzin."
    assert any("could not be loaded" in w and w.endswith(": 2") for w in doc.warnings), doc.warnings


def test_a_pdf_font_too_small_to_measure_is_read_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "zero-size.pdf"
    lines = b"BT /F1 0.1 Tf 72 720 Td (Pomocy udzielono 12 osobom.) Tj 0 -14 Td (Wydano 3 decyzje.) Tj ET"
    path.write_bytes(_hand_made_pdf(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>", lines))
    doc = read(path)
    assert doc.status == "ok" and doc.text == "Pomocy udzielono 12 osobom.\n\nWydano 3 decyzje."


def test_pdfs_read_from_several_threads_at_once_read_as_one_by_one() -> None:
    from concurrent.futures import ThreadPoolExecutor

    pdfs = sorted(CORPUS.glob("*.pdf")) * 8
    alone = {path: read(path).text for path in set(pdfs)}
    with ThreadPoolExecutor(3) as pool:  # PDFium is not thread-safe: without a lock this crashes the process
        together = list(pool.map(lambda path: read(path).text, pdfs))
    assert together == [alone[path] for path in pdfs]


def test_pdf_mojibake_is_repaired_or_refused(tmp_path: Path) -> None:
    garbled = "Zażółć gęślą jaźń: 12 rodzin.".encode().decode("cp1252")  # "ZaÅ¼Ã³Å‚Ä‡ ..."
    path = tmp_path / "mojibake.pdf"
    path.write_bytes(pdf_bytes(lambda c: write_text_page(c, [garbled])))
    doc = read(path)
    assert doc.status == "ok" and doc.text == "Zażółć gęślą jaźń: 12 rodzin."
    assert any("mojibake repaired" in w for w in doc.warnings)
    cid = tmp_path / "cid.pdf"
    cid.write_bytes(pdf_bytes(lambda c: write_text_page(c, ["(cid:3)(cid:17)(cid:42)(cid:5) (cid:9)(cid:12)"])))
    doc = read(cid)
    assert (doc.status, doc.error) == ("failed", "garbled_text") and "(cid:" not in doc.text


def test_pdf_tables_stitch_only_across_a_page_break() -> None:
    def grid(page: int, rows: list[list[str]]) -> Grid:
        return Grid(rows, page, 50, 500, 100, 300, [(page, 0)])

    header = ["Dzielnica", "Rodziny"]
    layout = Layout(10, [], 500, 450, 1.3, 780)
    stitched = assemble([grid(1, [header, ["Ruda", "7"]]), grid(2, [header, ["Wirek", "5"]])], layout)
    assert len(stitched) == 1 and stitched[0].rows == [header, ["Ruda", "7"], ["Wirek", "5"]]
    assert stitched[0].marks == [(1, 0), (2, 2)]
    apart = assemble([grid(1, [header, ["Ruda", "7"]]), grid(2, [["Wirek", "5", "x"]])], layout)
    assert len(apart) == 2
    same_page = assemble([grid(1, [header]), grid(1, [["Wirek", "5"]])], layout)
    assert len(same_page) == 2


def test_pdf_line_joining() -> None:
    assert join_lines(["społeczno-", "zawodowej"])[0] == "społeczno-zawodowej"
    assert join_lines(["w rodzinach wycho-", "wawczych"])[0] == "w rodzinach wychowawczych"
    assert join_lines(["soft\xad", "hyphen"])[0] == "softhyphen"
    assert join_lines(["Covid-", "19 i", "dalej"]) == ("Covid-19 i dalej", [0, 6, 11])


# --- Word features the corpus files do not use -------------------------------------------


FOOTNOTES = (
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:t>Dane MOPS,  stan na 31.12.2020.</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def with_footnotes(data: bytes) -> bytes:
    """The same .docx with a footnotes part and its relationship added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            content = src.read(name)
            if name == "word/_rels/document.xml.rels":
                rel = (
                    '<Relationship Id="rIdFoot" Target="footnotes.xml" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/footnotes"/></Relationships>'
                )
                content = content.replace(b"</Relationships>", rel.encode())
            if name == "[Content_Types].xml":
                override = (
                    '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
                    'officedocument.wordprocessingml.footnotes+xml"/></Types>'
                )
                content = content.replace(b"</Types>", override.encode())
            dst.writestr(name, content)
        dst.writestr("word/footnotes.xml", FOOTNOTES)
    return out.getvalue()


def build_word_features() -> bytes:
    """Polish and outline-level headings, automatic numbering, merged cells."""
    word = docx.Document()
    polish = word.styles.add_style("Nagłówek 1", WD_STYLE_TYPE.PARAGRAPH)
    outlined = word.styles.add_style("Tytuł części", WD_STYLE_TYPE.PARAGRAPH)
    outline = etree.SubElement(outlined.element.get_or_add_pPr(), qn("w:outlineLvl"))
    outline.set(qn("w:val"), "1")
    derived = word.styles.add_style("Mój nagłówek", WD_STYLE_TYPE.PARAGRAPH)
    derived.base_style = word.styles["Heading 3"]
    word.add_paragraph("Wsparcie rodziny", style=polish)
    word.add_paragraph("Asystent   rodziny", style=outlined)
    word.add_paragraph("Grupy wsparcia", style=derived)
    for text in ("Pierwszy punkt", "Drugi punkt", "3. Trzeci z numerem w tekście"):
        word.add_paragraph(text, style="List Number")
    word.add_paragraph("Punktor", style="List Bullet")
    table = word.add_table(rows=3, cols=3)
    for (r, c), text in {(0, 0): "Dzielnica", (0, 1): "Rodziny", (1, 0): "Ruda", (1, 1): "7", (2, 1): "4"}.items():
        table.cell(r, c).text = text
    table.cell(0, 1).merge(table.cell(0, 2))  # gridSpan
    table.cell(1, 0).merge(table.cell(2, 0))  # vMerge
    buffer = io.BytesIO()
    word.save(buffer)
    return with_footnotes(buffer.getvalue())


def test_docx_headings_numbering_merges_and_footnotes(tmp_path: Path) -> None:
    path = tmp_path / "features.docx"
    path.write_bytes(build_word_features())
    doc = read(path)
    assert doc.status == "ok", doc.reason
    blocks = [(b.kind, b.text, b.style_level) for b in doc.blocks if b.kind != "table"]
    assert blocks == [
        ("heading", "Wsparcie rodziny", 1),
        ("heading", "Asystent rodziny", 2),
        ("heading", "Grupy wsparcia", 3),
        ("list_item", "1. Pierwszy punkt", None),
        ("list_item", "2. Drugi punkt", None),
        ("list_item", "3. Trzeci z numerem w tekście", None),
        ("list_item", "· Punktor", None),
        ("paragraph", "[1] Dane MOPS, stan na 31.12.2020.", None),
    ]
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.grid() == [["Dzielnica", "Rodziny", ""], ["Ruda", "7", ""], ["", "4", ""]]
    assert doc.text.count("Ruda") == 1


def test_docx_list_nesting_from_indentation_and_numbering_levels(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_paragraph("liczba porad: 9, w tym:", style="List Bullet")
    word.add_paragraph("prawnych – 4", style="List Bullet 2")  # the style indents further
    direct = word.add_paragraph("rodzinnych – 5", style="List Bullet")
    direct.paragraph_format.left_indent = docx.shared.Pt(36)  # indented by hand, like the style above
    word.add_paragraph("liczba wizyt: 12", style="List Bullet")
    path = tmp_path / "nested.docx"
    word.save(str(path))
    assert [b.indent for b in read(path).blocks] == [0, 1, 1, 0]


def test_pdf_list_nesting_from_where_the_lines_start(tmp_path: Path) -> None:
    body = "W roku sprawozdawczym pracownicy punktu konsultacyjnego udzielali porad mieszkancom miasta"
    lines = [(72, body), (72, body), (72, "- liczba porad: 9, w tym:"), (90, "- prawnych - 4"),
             (90, "- rodzinnych - 5"), (72, "- liczba wizyt: 12")]

    def draw(canvas) -> None:  # type: ignore[no-untyped-def]
        canvas.setFont("Helvetica", 11)
        for k, (x, line) in enumerate(lines):
            canvas.drawString(x, 760 - 14 * k - 8 * (k >= 2), line)  # a paragraph gap before the list
        canvas.showPage()

    path = tmp_path / "nested.pdf"
    path.write_bytes(pdf_bytes(draw))
    items = [(b.text[:9], b.indent) for b in read(path).blocks if b.kind == "list_item"]
    assert items == [("- liczba ", 0), ("- prawnyc", 1), ("- rodzinn", 1), ("- liczba ", 0)]


def test_text_list_ends_at_a_capitalised_line_after_a_full_stop(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("Grupy robocze:\n- w sprawach dzieci – 734,\n- w sprawach dorosłych – 500.\n"
                    "Procedurę wszczęto wobec 387 rodzin.\n- kolejny punkt, który\nzawija się do następnej linii\n", encoding="utf-8")
    blocks = [(b.kind, b.text) for b in read(path).blocks]
    assert blocks[2:] == [("list_item", "- w sprawach dorosłych – 500."), ("paragraph", "Procedurę wszczęto wobec 387 rodzin."),
                          ("list_item", "- kolejny punkt, który zawija się do następnej linii")]


@pytest.mark.parametrize(
    ("line", "is_item"),
    [("1. Wstęp", True), ("2) zadanie", True), ("1.1. Asystent rodziny", True), ("5.4 Poradnictwo", True),
     ("IV. Podsumowanie", True), ("- punkt", True), ("· punkt", True), ("a) w sprawach dzieci", True),
     ("1 kobieta usamodzielniła się", False), ("12 rodzin zakończyło udział", False), ("2013 rok", False)],
)
def test_list_markers(line: str, is_item: bool) -> None:
    from extract.readers.text import LIST_MARKER

    assert bool(LIST_MARKER.match(line)) is is_item


def test_pdf_bullets_drawn_in_their_own_font_are_list_items() -> None:
    doc = read(Path(__file__).parent / "other_wording" / "katowice_2017_wspieranie-rodziny.pdf")
    bullets = [b for b in doc.blocks if b.text.startswith("•")]
    assert len(bullets) == 3 and {b.kind for b in bullets} == {"list_item"}


@pytest.mark.parametrize(
    ("lines", "grid"),
    [
        (["Rodzaj       Osoby     Kwota (zł)", "stały          312     1 845 220,00", "okresowy       204       612 400,50",
          "Ogółem         516     2 457 620,50"],
         [["Rodzaj", "Osoby", "Kwota (zł)"], ["stały", "312", "1 845 220,00"], ["okresowy", "204", "612 400,50"],
          ["Ogółem", "516", "2 457 620,50"]]),
        (["1.  Motywowanie do zmiany,", "2.  Leczenie i rehabilitacja,", "3.  Praktyka działania zespołów."], None),
        (["Dzielnica    Rodziny", "Ruda         12"], None),  # two lines are not yet a table
    ],
)
def test_text_tables_laid_out_with_spaces(lines: list[str], grid: list[list[str]] | None, tmp_path: Path) -> None:
    path = tmp_path / "layout.txt"
    path.write_text("Tabela 1.\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    tables = [b.grid() for b in read(path).blocks if b.kind == "table"]
    assert tables == ([grid] if grid else [])


def test_pdf_table_without_rulings_is_read_by_its_columns() -> None:
    doc = read(Path(__file__).parent / "other_wording" / "tychy_2018_pomoc-spoleczna.pdf")
    grids = [b.grid() for b in doc.blocks if b.kind == "table"]
    assert grids == [[["Rodzaj świadczenia", "Liczba osób", "Kwota (zł)"], ["zasiłek stały", "215", "1 290 410,00"],
                      ["zasiłek okresowy", "148", "402 115,20"], ["zasiłek celowy", "633", "251 090,00"],
                      ["Ogółem", "996", "1 943 615,20"]]]


def _row(text: str, top: float, *cells: tuple[str, float, float]):  # type: ignore[no-untyped-def]
    from extract.readers.pdf import Line

    return Line(text, 1, cells[0][1] if cells else 72, 500, top, top + 10, 10.0, tuple(cells))


def test_column_runs_need_aligned_columns_and_numbers() -> None:
    from extract.readers.pdf_columns import column_runs

    table = [_row("a", 100, ("stały", 72, 120), ("215", 300, 318)), _row("b", 114, ("okresowy", 72, 130), ("148", 300, 318)),
             _row("c", 128, ("celowy", 72, 118), ("633", 300, 318))]
    assert column_runs(table) == [(0, 3)]
    wandering = [table[0], _row("b", 114, ("okresowy", 72, 130), ("148", 250, 268)), table[2]]
    assert column_runs(wandering) == []  # the second column moves: justified prose, not a table
    words = [_row(t, 100 + 14 * k, (t, 72, 120), ("rodzin", 300, 330)) for k, t in enumerate("abc")]
    assert column_runs(words) == []  # aligned but no numbers


@pytest.mark.parametrize(
    ("suffixes", "loaded", "not_loaded"),
    [
        ("{'.pdf'}", ["pypdfium2", "pdfplumber"], ["docx"]),
        ("{'.docx'}", ["docx"], ["pypdfium2", "pdfplumber"]),
        ("{'.txt', ''}", [], ["docx", "pypdfium2", "pdfplumber"]),
        ("None", ["docx", "pypdfium2", "pdfplumber"], []),
    ],
)
def test_preload_imports_the_readers_a_batch_needs(suffixes: str, loaded: list[str], not_loaded: list[str]) -> None:
    import subprocess
    import sys

    code = f"import sys; from extract.readers import preload; preload({suffixes}); print(sorted(m for m in sys.modules if '.' not in m))"
    modules = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert all(f"'{m}'" in modules for m in loaded), modules
    assert not any(f"'{m}'" in modules for m in not_loaded), modules
