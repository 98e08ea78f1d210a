"""Tables: numeric cells become figures with unit, qualifiers and total rows from the headers."""

from __future__ import annotations

import pytest

from extract.model import Figure
from extract.pipeline import extract_figures
from extract.readers.text import text_to_document


def table_figures(text: str) -> list[Figure]:
    doc = text_to_document(text, "t.txt", "txt")
    assert "table" in [b.kind for b in doc.blocks]
    figures, _ = extract_figures(doc, 2020)
    return [f for f in figures if f.rule == "table.cell"]


DISTRICTS_BY_SEX = (
    "Tabela 1. Uczestnicy zajęć\n\nLp.\tDzielnica\tdziewczęta\tchłopcy\n"
    "1.\tHalemba\t12\t10\n2.\tGodula\t8\t5\n\tRazem\t20\t15\n"
)


def test_row_and_column_headers_give_district_and_sex() -> None:
    found = {f.raw: f for f in table_figures(DISTRICTS_BY_SEX)}
    assert found["12"].qualifiers == {"district": "Halemba", "sex": "female"}
    assert found["5"].qualifiers == {"district": "Godula", "sex": "male"}
    assert found["20"].qualifiers == {"sex": "female"} and found["20"].is_total


def test_the_total_row_is_the_parent_of_the_rows_above_in_its_column() -> None:
    doc = text_to_document(DISTRICTS_BY_SEX, "t.txt", "txt")
    figures, _ = extract_figures(doc, 2020)
    parents = {f.raw: (figures[f.parent].raw, f.breakdown, f.exhaustive) for f in figures if f.parent is not None}
    assert parents == {"12": ("20", "table", True), "8": ("20", "table", True),
                       "10": ("15", "table", True), "5": ("15", "table", True)}


def test_numbering_column_is_not_a_figure() -> None:
    assert "1." not in {f.raw for f in table_figures(DISTRICTS_BY_SEX)}


@pytest.mark.parametrize(
    ("header", "qualifiers"),
    [
        ("K", {"sex": "female"}),
        ("M", {"sex": "male"}),
        ("kobiety", {"sex": "female"}),
        ("dzieci w wieku 7-12 lat", {"age": "7-12"}),
        ("Nowy Bytom", {"district": "Nowy Bytom"}),
        ("rodziny wielodzietne", {}),
    ],
)
def test_a_column_header_qualifies_its_cells(header: str, qualifiers: dict[str, str]) -> None:
    text = f"Tabela 2. Pomoc w 2020 roku\n\nRodzaj pomocy\t{header}\nposiłki\t31\nporady\t17\n"
    found = {f.raw: f for f in table_figures(text)}
    assert found["31"].qualifiers == qualifiers


TWO_HEADER_ROWS = (
    "Tabela 3. Uczniowie\n\nOsiedle\tLiczba uczniów\t\n\tdziewczęta\tchłopcy\n"
    "Stroszek\t31\t29\nKarb\t12\t18\nOgółem\t43\t47\n"
)


def test_a_heading_spanning_two_columns_heads_both() -> None:
    found = {f.raw: f for f in table_figures(TWO_HEADER_ROWS)}
    assert found["29"].subject.endswith("Liczba uczniów / chłopcy")
    assert (found["31"].unit, found["29"].unit) == ("uczeń", "uczeń")
    assert (found["31"].qualifiers["sex"], found["29"].qualifiers["sex"]) == ("female", "male")


def test_rows_of_a_column_headed_osiedle_are_districts_even_unknown_ones() -> None:
    found = {f.raw: f for f in table_figures(TWO_HEADER_ROWS)}
    assert found["31"].qualifiers["district"] == "Stroszek" and found["18"].qualifiers["district"] == "Karb"
    assert "district" not in found["43"].qualifiers  # the total row spans every district


@pytest.mark.parametrize(
    ("header", "value", "unit"),
    [("Kwota (tys. zł)", 6420500.0, "zł"), ("Wydatki w milionach złotych", 6420500000.0, "zł"),
     ("Udział (%)", 6420.5, "%"), ("Kwota (zł)", 6420.5, "zł"), ("Liczba osób", 6420.5, "osoba")],
)
def test_a_heading_gives_the_scale_and_unit_of_its_column(header: str, value: float, unit: str) -> None:
    text = f"Tabela 4. Wydatki\n\nZadanie\t{header}\nzasiłki\t6 420,5\ndożywianie\t1 210,0\n"
    found = {f.raw: f for f in table_figures(text)}
    assert (found["6 420,5"].value, found["6 420,5"].unit) == (value, unit)
