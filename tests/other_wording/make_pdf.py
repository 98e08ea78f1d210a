"""Build ``katowice_2017_wspieranie-rodziny.pdf``: a PDF laid out unlike the corpus PDFs (a serif
font, drawn bullets with hanging text, a shaded table header, "Strona N z M" footers).

Run ``python tests/other_wording/make_pdf.py``; the .pdf is committed, tests never build it.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

HERE = Path(__file__).parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def build(out: Path) -> None:
    pdfmetrics.registerFont(TTFont("Serif", str(FONT_DIR / "DejaVuSerif.ttf")))
    pdfmetrics.registerFont(TTFont("Serif-Bold", str(FONT_DIR / "DejaVuSerif-Bold.ttf")))
    body = ParagraphStyle("body", fontName="Serif", fontSize=11, leading=15, spaceAfter=8)
    title = ParagraphStyle("title", body, fontName="Serif-Bold", fontSize=16, leading=20, spaceAfter=14)
    head = ParagraphStyle("head", body, fontName="Serif-Bold", fontSize=13, leading=17, spaceBefore=8)
    story = [
        Paragraph("Sprawozdanie z realizacji programu wspierania rodziny w Katowicach w 2017 roku", title),
        Paragraph("1. Asystenci rodziny", head),
        Paragraph("W 2017 r. w Miejskim Ośrodku Pomocy Społecznej w Katowicach pracowało 18 asystentów rodziny. "
                  "Wsparciem asystenta objęto 246 rodzin, w których wychowywało się 587 dzieci.", body),
        Paragraph("Asystenci zakończyli pracę ze 104 rodzinami. Przyczyny zakończenia współpracy:", body),
        ListFlowable([ListItem(Paragraph(t, body), leftIndent=18) for t in (
            "osiągnięcie celów – 61 rodzin,", "brak współpracy – 27 rodzin,", "zmiana miejsca zamieszkania – 16 rodzin.")],
            bulletType="bullet", start="•", leftIndent=18),
        Paragraph("2. Placówki wsparcia dziennego", head),
        Paragraph("Na terenie miasta działało 21 placówek wsparcia dziennego, w tym 6 prowadzonych przez miasto. "
                  "Zestawienie miejsc i uczestników przedstawia tabela.", body),
        table(body),
        Spacer(1, 10),
        Paragraph("Średni koszt miejsca wyniósł 612,50 zł miesięcznie.", body),
        Paragraph("3. Podsumowanie", head),
        Paragraph("W porównaniu z 2016 rokiem liczba rodzin objętych wsparciem asystenta wzrosła o 9%.", body),
    ]

    def footer(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.setFont("Serif", 9)
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"Strona {doc.page}")

    SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2.5 * cm, rightMargin=2 * cm, invariant=1,
                      title="Sprawozdanie 2017").build(story, onFirstPage=footer, onLaterPages=footer)


def table(body: ParagraphStyle) -> Table:
    rows = [["Forma placówki", "Liczba placówek", "Liczba miejsc", "Liczba uczestników"],
            ["opiekuńcza", "12", "360", "402"], ["specjalistyczna", "5", "110", "98"],
            ["podwórkowa", "4", "80", "95"], ["Razem", "21", "550", "595"]]
    grid = Table([[Paragraph(c, body) for c in row] for row in rows], colWidths=[5 * cm, 3.5 * cm, 3.5 * cm, 4 * cm])
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                              ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey)]))
    return grid


if __name__ == "__main__":
    build(HERE / "katowice_2017_wspieranie-rodziny.pdf")
