"""Build ``tychy_2018_pomoc-spoleczna.pdf``: a PDF whose table has no ruling lines, only columns.

Run ``python tests/other_wording/make_borderless_pdf.py``; the .pdf is committed, tests never build it.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

HERE = Path(__file__).parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def build(out: Path) -> None:
    pdfmetrics.registerFont(TTFont("Sans", str(FONT_DIR / "DejaVuSans.ttf")))
    body = ParagraphStyle("body", fontName="Sans", fontSize=10, leading=14, spaceAfter=8)
    rows = [["Rodzaj świadczenia", "Liczba osób", "Kwota (zł)"], ["zasiłek stały", "215", "1 290 410,00"],
            ["zasiłek okresowy", "148", "402 115,20"], ["zasiłek celowy", "633", "251 090,00"],
            ["Ogółem", "996", "1 943 615,20"]]
    table = Table(rows, colWidths=[6 * cm, 3.5 * cm, 4 * cm])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "Sans"), ("ALIGN", (1, 0), (-1, -1), "RIGHT")]))
    story = [
        Paragraph("Sprawozdanie z działalności Miejskiego Ośrodka Pomocy Społecznej w Tychach za 2018 rok", body),
        Paragraph("W 2018 roku świadczenia pieniężne otrzymało 996 osób na łączną kwotę 1 943 615,20 zł.", body),
        Spacer(1, 6),
        table,
        Spacer(1, 10),
        Paragraph("Pracą socjalną objęto 1 412 rodzin.", body),
    ]
    SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm, invariant=1).build(story)


if __name__ == "__main__":
    build(HERE / "tychy_2018_pomoc-spoleczna.pdf")
