"""Build ``bytom_2018_pomoc-spoleczna.docx``: a Word report with real Word tables (a header
spanning two columns, a total row), Word list numbering and headings, written unlike the corpus.

Run ``python tests/other_wording/make_docx.py``; the .docx is committed, tests never build it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx

HERE = Path(__file__).parent
ZIP_DATE = (2018, 1, 1, 0, 0, 0)


def build() -> bytes:
    word = docx.Document()
    word.add_paragraph("Raport o stanie pomocy społecznej w Bytomiu za rok 2018", style="Title")
    word.add_paragraph("Dożywianie dzieci", style="Heading 1")
    word.add_paragraph(
        "W roku 2018 posiłek w szkołach otrzymywało 1 045 uczniów. Wydano łącznie 142 380 posiłków "
        "o wartości 498 330,00 zł."
    )
    word.add_paragraph("Uczniowie korzystający z posiłku według dzielnic:")
    table = word.add_table(rows=6, cols=3)
    table.style = "Table Grid"
    cells = [
        ["Dzielnica", "Liczba uczniów", ""],
        ["", "dziewczęta", "chłopcy"],
        ["Śródmieście", "301", "287"],
        ["Szombierki", "122", "118"],
        ["Miechowice", "110", "107"],
        ["Ogółem", "533", "512"],
    ]
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    table.cell(0, 1).merge(table.cell(0, 2))
    table.cell(0, 0).merge(table.cell(1, 0))
    word.add_paragraph("Usługi opiekuńcze", style="Heading 1")
    word.add_paragraph("Usługami opiekuńczymi objęto 212 osób, z tego:", style="List Number")
    for text in ("w miejscu zamieszkania – 187 osób,", "specjalistycznymi – 25 osób."):
        word.add_paragraph(text, style="List Bullet 2")
    word.add_paragraph("Zrealizowano 41 560 godzin usług, tj. o 3,2% mniej niż w roku poprzednim.")
    buffer = io.BytesIO()
    word.save(buffer)
    return fixed_dates(buffer.getvalue())


def fixed_dates(data: bytes) -> bytes:
    """The same bytes on every build: zip entries dated alike."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, ZIP_DATE), src.read(info.filename), zipfile.ZIP_DEFLATED)
    return out.getvalue()


if __name__ == "__main__":
    (HERE / "bytom_2018_pomoc-spoleczna.docx").write_bytes(build())
