"""Statutory forms dumped as text: each row's number glued to its values ("31212,00" is row 3,
12 persons, 12,00 full-time posts), rebuilt into rows with one cell per value."""

from __future__ import annotations

import pytest

from extract.pipeline import document_rows
from extract.readers.form_tables import split_glued
from extract.readers.text import text_to_document

FORM = """Sprawozdanie roczne z udzielonych świadczeń za I-XII 2019 r.

DZIAŁ 1.
ZATRUDNIENIE W JEDNOSTKACH POMOCY
WYSZCZEGÓLNIENIELICZBA OSÓBW PRZELICZENIU
NA PEŁNE ETATY
012

OGÓŁEM
(w. 2+3+6)

11816,50

kierownicy

211,00

pracownicy socjalni
(w. 4+5)

31212,00

z tego:

starszy pracownik socjalny

433,00

pracownik socjalny

599,00

pozostali pracownicy

653,50

DZIAŁ 2.
Dalszy opis bez liczb.
"""


def figures(text: str) -> list[tuple[str, float | None, str | None, int | None]]:
    rows = document_rows(text_to_document(text, "r.txt", "txt"), "d", "r.txt")
    return [(r["raw"], r["value"], r["unit"], r["year"]) for r in rows["indicators"]]


def test_a_form_with_row_numbers_glued_to_persons_and_posts() -> None:
    assert figures(FORM) == [
        ("18", 18, "osoba", 2019), ("16,50", 16.5, "etat", 2019),
        ("1", 1, "osoba", 2019), ("1,00", 1.0, "etat", 2019),
        ("12", 12, "osoba", 2019), ("12,00", 12.0, "etat", 2019),
        ("3", 3, "osoba", 2019), ("3,00", 3.0, "etat", 2019),
        ("9", 9, "osoba", 2019), ("9,00", 9.0, "etat", 2019),
        ("5", 5, "osoba", 2019), ("3,50", 3.5, "etat", 2019),
    ]


def test_the_document_text_keeps_every_character_of_the_glued_line() -> None:
    document = text_to_document(FORM, "r.txt", "txt")
    assert "31212,00" in document.text
    table = next(b for b in document.blocks if b.kind == "table")
    assert [c.text for c in table.rows[3]][-3:] == ["3", "12", "12,00"]


@pytest.mark.parametrize(
    ("line", "row", "columns", "cells"),
    [
        ("11816,50", 1, 2, ["1", "18", "16,50"]),
        ("242121,00", 24, 2, ["24", "21", "21,00"]),
        ("1000,00", 10, 2, ["10", "0", "0,00"]),
        ("1110,00", 1, 2, ["1", "11", "0,00"]),  # posts never exceed persons: not 1 | 10,00
        ("7412", 7, 1, ["7", "412"]),
        ("31212,00", 4, 2, None),  # not the row expected
        ("3", 3, 1, None),  # a row number and no value
        ("5012", 5, 2, None),  # no decimals where posts are written with them
    ],
)
def test_split_glued(line: str, row: int, columns: int, cells: list[str] | None) -> None:
    assert split_glued(line, row, columns) == cells


def test_column_numbers_without_rows_after_them_are_no_table() -> None:
    text = "Tabela\nWYSZCZEGÓLNIENIELICZBA OSÓB\n01\n\nW roku 2019 pomocy udzielono 45 rodzinom.\n"
    assert figures(text) == [("45", 45, "rodzina", 2019)]
