"""Scanned reports read in Polish with Tesseract, and the page of every figure.

Both corpus PDFs are rendered to images and saved as image-only PDFs, as a scanner makes them
(300 dpi straight, and 200 dpi turned 0.7° as a sheet askew on the glass); OCR must give at
least 0.95 of the figures of the text-layer PDF with the same value on the same page. These
tests skip where Tesseract or its Polish data is missing (CI installs them); what a user is
told without them, with --no-ocr, or when time runs out, is tested everywhere.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy
import pypdfium2 as pdfium
import pytest
import regex
from PIL import Image, ImageDraw
from scans import agreement, scanned_copy

from extract.pipeline import process_file
from extract.readers import ocr, read
from extract.readers.ocr import OcrLine, OcrWord, ocr_settings

CORPUS = Path(__file__).parent.parent / "corpus"
PDFS = sorted(CORPUS.glob("*.pdf"))
NEEDS_TESSERACT = pytest.mark.skipif(ocr.unavailable() is not None, reason=f"no OCR here: {ocr.unavailable()}")
SCANS = [(300, 0.0), (200, 0.7)]


@cache
def scanned(pdf: Path, dpi: int, degrees: float, folder: Path) -> Path:
    return scanned_copy(pdf, folder / f"{pdf.stem}-{dpi}.pdf", dpi, degrees)


@pytest.fixture(scope="module")
def scans_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("scans")


@NEEDS_TESSERACT
@pytest.mark.parametrize(("dpi", "degrees"), SCANS, ids=[f"{d}dpi-{g}deg" for d, g in SCANS])
@pytest.mark.parametrize("pdf", PDFS, ids=[p.stem[:24] for p in PDFS])
def test_a_scanned_report_gives_the_figures_of_its_text_pdf(pdf: Path, dpi: int, degrees: float, scans_dir: Path) -> None:
    rows = process_file(scanned(pdf, dpi, degrees, scans_dir))
    document = rows["documents"][0]
    assert (document["format"], document["status"]) == ("pdf-scanned", "ok"), document["reason"]
    assert document["ocr_pages"] == list(range(1, document["pages"] + 1))
    expected = process_file(pdf)["indicators"]
    recall, precision = agreement(expected, rows["indicators"])
    assert recall >= 0.95 and precision >= 0.85, (recall, precision)
    confidences = [f["ocr_confidence"] for f in rows["indicators"]]
    assert all(0 <= c <= 100 for c in confidences if c is not None)
    assert sum(c is not None for c in confidences) >= 0.95 * len(confidences)


def one_scanned_page(folder: Path) -> Path:
    image = Image.new("L", (1240, 1754), 255)
    ImageDraw.Draw(image).rectangle((100, 100, 1100, 140), fill=0)
    path = folder / "skan.pdf"
    image.save(path, "PDF", resolution=150)
    return path


def test_without_tesseract_a_scan_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "unavailable", lambda: "Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-pol)")
    doc = read(one_scanned_page(tmp_path))
    assert (doc.status, doc.error, doc.format) == ("needs_ocr", "needs_ocr", "pdf-scanned")
    assert doc.reason and "tesseract-ocr-pol" in doc.reason


def test_no_ocr_leaves_a_scan_unread_and_says_why(tmp_path: Path) -> None:
    with ocr_settings(enabled=False):
        doc = read(one_scanned_page(tmp_path))
    assert (doc.status, doc.error) == ("needs_ocr", "needs_ocr")
    assert doc.reason and "--no-ocr" in doc.reason


@NEEDS_TESSERACT
def test_ocr_stops_at_the_time_limit(tmp_path: Path) -> None:
    with ocr_settings(enabled=True, seconds=0):
        doc = read(one_scanned_page(tmp_path))
    assert (doc.status, doc.error) == ("needs_ocr", "needs_ocr")
    assert doc.reason and "time limit" in doc.reason


def test_rulings_are_found_in_an_image_and_merged_across_their_thickness() -> None:
    image = Image.new("L", (600, 400), 255)
    draw = ImageDraw.Draw(image)
    for y in (50, 150, 250):
        draw.rectangle((40, y, 560, y + 2), fill=0)  # three rulings 3 pixels thick
    for x in (40, 300, 558):
        draw.rectangle((x, 50, x + 2, 252), fill=0)
    draw.text((60, 90), "ubóstwo 120", fill=0)  # letters are shorter than a ruling
    vertical, horizontal = ocr.rulings(image, scale=2.0)
    assert sorted(round(e["top"]) for e in horizontal) == [26, 76, 126]
    assert sorted(round(e["x0"]) for e in vertical) == [20, 150, 280]
    assert all(e["orientation"] == "v" and e["height"] > 90 for e in vertical)


def test_deskew_turns_a_page_straight() -> None:
    image = Image.new("L", (1200, 1600), 255)
    draw = ImageDraw.Draw(image)
    for y in range(100, 1500, 40):
        draw.rectangle((100, y, 1100, y + 12), fill=0)  # lines of text, as blocks of ink
    askew = image.rotate(1.5, fillcolor=255)
    straight = ocr.deskew(askew)
    ink = numpy.asarray(straight) < 128
    assert ink[100:1500].sum(axis=1).max() > 900  # a whole line of ink lies on one row of pixels again


def word(text: str, x0: float, top: float, x1: float | None = None, height: float = 10.0) -> OcrWord:
    return OcrWord(text, x0, x1 if x1 is not None else x0 + 6 * len(text), top, top + height, 90.0)


def test_columns_tesseract_split_into_blocks_are_one_row() -> None:
    label = OcrLine([word("ubóstwo", 50, 100)], 12.0)
    number = OcrLine([word("120", 400, 101)], 12.0)
    below = OcrLine([word("bezrobocie", 50, 130)], 12.0)
    rows = ocr.rows([number, below, label])
    assert [[w.text for w in r.words] for r in rows] == [["ubóstwo", "120"], ["bezrobocie"]]
    assert ocr.cells(rows[0]) == (("ubóstwo", 50, 92), ("120", 400, 418))


def test_the_common_line_height_is_body_text_and_taller_lines_headings() -> None:
    lines = [OcrLine([word("a", 0, k * 20)], h) for k, h in enumerate([10.0, 10.5, 9.6, 10.0, 16.0])]
    assert ocr.sizes(lines) == [11.0, 11.0, 11.0, 11.0, 17.5]


@pytest.mark.parametrize("pdf", PDFS, ids=[p.stem[:24] for p in PDFS])
def test_every_figure_has_the_page_where_it_is_printed(pdf: Path) -> None:
    document = pdfium.PdfDocument(str(pdf))
    pages = [regex.sub(r"\s+", "", document[i].get_textpage().get_text_range()) for i in range(len(document))]
    figures = process_file(pdf)["indicators"]
    assert len(figures) > 100
    wrong = [(f["raw"], f["page"]) for f in figures if regex.sub(r"\s+", "", f["raw"]) not in pages[f["page"] - 1]]
    assert wrong == []
    assert len({f["page"] for f in figures}) > 5


@NEEDS_TESSERACT
def test_a_scanned_page_inside_a_text_pdf_is_read_by_ocr(tmp_path: Path) -> None:
    source = PDFS[-1]
    scan = pdfium.PdfDocument(str(scanned_copy(source, tmp_path / "scan.pdf", 300)))
    text = pdfium.PdfDocument(str(source))
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(text, [0])
    mixed.import_pages(scan, [1])
    mixed.import_pages(text, [2])
    mixed.save(str(tmp_path / "mixed.pdf"))
    rows = process_file(tmp_path / "mixed.pdf")
    document = rows["documents"][0]
    assert (document["format"], document["status"], document["ocr_pages"]) == ("pdf", "ok", [2])
    expected = [f for f in process_file(source)["indicators"] if f["page"] <= 3]
    recall, _precision = agreement(expected, rows["indicators"])
    assert recall >= 0.95
    assert {f["page"] for f in rows["indicators"] if f["ocr_confidence"] is not None} == {2}
