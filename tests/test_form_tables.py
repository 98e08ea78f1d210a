"""Statutory forms dumped as text: each row's number glued to its values ("31212,00" is row 3,
12 persons, 12,00 full-time posts), rebuilt into rows with one cell per value."""

from __future__ import annotations

import pytest

from extract.pipeline import document_rows
from extract.readers.form_tables import evenest_split, parts_and_wholes, run_together, split_glued, stated_split
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


QUARTERLY_FORM = """SPRAWOZDANIE Z REALIZACJI ZADAŃ ZA III KWARTAŁ 2018 R.
A. Wydatki na świadczenia i liczba świadczeń
Lp.
Wyszczególnienie
Kwoty narastająco od początku roku w złotych
Liczba wypłaconych świadczeń narastająco od początku roku
pierwszy miesiąc kwartału
dwa miesiące kwartału
trzy miesiące kwartału
pierwszy miesiąc kwartału
dwa miesiące kwartału
trzy miesiące kwartału
12345678
1.
Świadczenia wypłacone ogółem, w tym dla osób w wieku:
2 305 4402 512 9102 760 0154 1184 5024 977
1.1.
0 - 17 lat
1 980 2202 160 8002 371 1153 5103 8804 286
1.2.
18 - 24 lat
325 220352 110388 900608622691
2.
Kwoty odzyskane od dłużników
41 250,3048 917,0555 003,10XXX
B. Dalsza część bez tabeli.
"""


def test_a_quarterly_form_whose_cells_a_dump_ran_together() -> None:
    got = figures(QUARTERLY_FORM)
    assert got == [
        ("2 305 440", 2305440, "zł", 2018), ("2 512 910", 2512910, "zł", 2018), ("2 760 015", 2760015, "zł", 2018),
        ("4 118", 4118, "świadczenie", 2018), ("4 502", 4502, "świadczenie", 2018), ("4 977", 4977, "świadczenie", 2018),
        ("1 980 220", 1980220, "zł", 2018), ("2 160 800", 2160800, "zł", 2018), ("2 371 115", 2371115, "zł", 2018),
        ("3 510", 3510, "świadczenie", 2018), ("3 880", 3880, "świadczenie", 2018), ("4 286", 4286, "świadczenie", 2018),
        ("325 220", 325220, "zł", 2018), ("352 110", 352110, "zł", 2018), ("388 900", 388900, "zł", 2018),
        ("608", 608, "świadczenie", 2018), ("622", 622, "świadczenie", 2018), ("691", 691, "świadczenie", 2018),
        ("41 250,30", 41250.3, "zł", 2018), ("48 917,05", 48917.05, "zł", 2018), ("55 003,10", 55003.1, "zł", 2018),
    ]


@pytest.mark.parametrize(
    ("line", "count", "cells"),
    [
        ("2 305 4402 512 9102 760 0154 1184 5024 977", 6, ["2 305 440", "2 512 910", "2 760 015", "4 118", "4 502", "4 977"]),
        ("325 220352 110388 900608622691", 6, ["325 220", "352 110", "388 900", "608", "622", "691"]),
        ("2 4002 4002 400777", 6, ["2 400", "2 400", "2 400", "7", "7", "7"]),
        ("41 250,3048 917,0555 003,10XXX", 6, ["41 250,30", "48 917,05", "55 003,10", "X", "X", "X"]),
        ("12345", 2, None),  # 12|345 or 123|45: more than one way, no guess
        ("1 2345", 3, None),  # "1 234" and "5" are two numbers, not three
        ("12 3a4", 2, None),
    ],
)
def test_cells_run_together_split_one_way_only(line: str, count: int, cells: list[str] | None) -> None:
    assert run_together(line, count) == cells


ASSESSMENT_FORM = """Ocena zasobów pomocy społecznej

WYSZCZEGÓLNIENIE
Lata poprzednie
Rok oceny
PROGNOZA*
Rok 2016
Rok 2017
Rok po ocenie
Dwa lata po ocenie
MIESZKAŃCY (w osobach)
Ogółem
15 2105 1985 1905 1805 170
KOBIETY
Ogółem
22 6402 6352 6302 6252 620
Wiek 0-17
3512498490485480
RYNEK PRACY
Bezrobotni ogółem
4231220214210205
Liczba mieszkań socjalnych (lokali)
51213131414
Liczba wyroków eksmisyjnych
600000
Liczba dzieci bez miejsca w żłobku
z powodu braku miejsc700000
Liczba przedszkoli
834434
INFRASTRUKTURA SPOŁECZNA
Liczba lokali komunalnych
9120118117115114
w tym z wiersza 9:
Liczba mieszkań socjalnych
1066777
Dalszy opis bez tabeli.
"""


def test_an_assessment_form_whose_row_numbers_and_values_a_dump_ran_together() -> None:
    """Years from the headings, the year assessed coming after the previous years; each row's
    number dropped and its values split, the evenest split where digits alone run together."""
    def series(raws: str, unit: str) -> list[tuple[str, float, str, int]]:
        cells = raws.split("|")
        return [(raw, float(raw.replace(" ", "")), unit, year) for raw, year in zip(cells, range(2016, 2021), strict=True)]

    assert figures(ASSESSMENT_FORM) == [
        *series("5 210|5 198|5 190|5 180|5 170", "osoba"),
        *series("2 640|2 635|2 630|2 625|2 620", "osoba"),
        *series("512|498|490|485|480", "osoba"),
        *series("231|220|214|210|205", "bezrobotny"),
        *series("12|13|13|14|14", "mieszkanie"),
        *series("0|0|0|0|0", "wyrok"),
        *series("0|0|0|0|0", "dziecko"),
        *series("3|4|4|3|4", "przedszkole"),
        *series("120|118|117|115|114", "lokal"),  # a section names a topic, not what its rows count
        *series("6|6|7|7|7", "mieszkanie"),  # "w tym z wiersza 9:" introduces the label after it
    ]
    assert text_to_document(ASSESSMENT_FORM, "ocena.txt", "txt").text.count("Dalszy opis") == 1


@pytest.mark.parametrize(
    ("digits", "count", "cells"),
    [
        ("512498490485480", 5, ["512", "498", "490", "485", "480"]),
        ("1213131414", 5, ["12", "13", "13", "14", "14"]),
        ("149161414", 5, ["14", "9", "16", "14", "14"]),  # 149|16|14|1|4 is far less even
        ("00000", 5, ["0", "0", "0", "0", "0"]),
        ("5 2105 1985 1905 1805 170", 5, ["5 210", "5 198", "5 190", "5 180", "5 170"]),
        ("333", 2, None),  # 3|33 or 33|3: neither is even
        ("9100", 2, None),  # 9|100 or 91|00: values an order of magnitude apart, no guess
    ],
)
def test_evenest_split_of_a_series(digits: str, count: int, cells: list[str] | None) -> None:
    assert evenest_split(digits, count) == cells


HALF_YEAR_FORM = """Sprawozdanie rzeczowo-finansowe z wykonywania zadań z zakresu pieczy zastępczej
za okres od 2018-01-01 do 2018-12-31
Tabela B. Świadczenia
Rodziny zastępcze spokrewnione
Lp.
1
Wyszczególnienie
2
liczba świadczeń
ogółem
w tym
podwyższone
3
4
Rodziny zastępcze zawodowe
wydatki
w zł
5
liczba świadczeń
ogółem
w tym
podwyższone
6
7
wydatki
w zł
8
1.
Świadczenia ogółem,
z tego:
152
4
98 410
87
0
61 230
1.1.
dodatek wychowawczy
40
0
19 600
22
0
10 780
X
X
Dalszy opis bez tabeli.
"""


def test_a_form_dumped_cell_by_cell_under_numbered_columns() -> None:
    """Column numbers on lines of their own between the headings say how many columns there are
    and which heading is whose; each row is its number, its label lines and one value a line."""
    counts, money = "świadczenie", "zł"
    assert figures(HALF_YEAR_FORM) == [
        ("152", 152, counts, 2018), ("4", 4, counts, 2018), ("98 410", 98410, money, 2018),
        ("87", 87, counts, 2018), ("0", 0, counts, 2018), ("61 230", 61230, money, 2018),
        ("40", 40, counts, 2018), ("0", 0, counts, 2018), ("19 600", 19600, money, 2018),
        ("22", 22, counts, 2018), ("0", 0, counts, 2018), ("10 780", 10780, money, 2018),
    ]


def test_a_row_of_a_numbered_form_with_fewer_values_keeps_them_from_the_first_column() -> None:
    text = HALF_YEAR_FORM.replace("X\nX\n", "1.2.\nzwrot kosztów\n3\n0\n1 200\n1.3.\ninne\n1\n0\n500\n2\n0\n900\n")
    assert figures(text)[12:] == [
        ("3", 3, "świadczenie", 2018), ("0", 0, "świadczenie", 2018), ("1 200", 1200, "zł", 2018),
        ("1", 1, "świadczenie", 2018), ("0", 0, "świadczenie", 2018), ("500", 500, "zł", 2018),
        ("2", 2, "świadczenie", 2018), ("0", 0, "świadczenie", 2018), ("900", 900, "zł", 2018),
    ]


MEAL_PROGRAMME_FORM = """WYSZCZEGÓLNIENIE OGÓŁEMw tym na wsiw tym:
dzieci do 7 roku życiauczniowiepozostałe osoby
OGÓŁEMw tym na wsiOGÓŁEMw tym na wsiOGÓŁEMw tym na wsi
123456789
LICZBA OSÓB OBJĘTYCH PROGRAMEM OGÓŁEM
13182044521238109123100
w tym liczba osób korzystających z:
posiłku
226017130161801009060
w tym: liczba osób, którym dowieziono posiłek
300000000
świadczenia rzeczowego
400000000
KOSZT PROGRAMU OGÓŁEM (w zł)
5412 300198 450
X
X
X
X
X
X
Dalszy opis bez tabeli.
"""


def test_a_form_whose_headings_state_how_its_columns_add_up() -> None:
    """Row numbers and values run together with no separator: the one split in which each "w
    tym na wsi" is at most the "ogółem" before it, the groups at most the total and, a last
    group being "pozostałe", together at least it, and each row under the total at most it;
    amounts split by their thousands groups, the crossed-out cells after them."""
    got = [(raw, unit) for raw, _value, unit, _year in figures(MEAL_PROGRAMME_FORM)]
    assert got == [
        *((raw, "osoba") for raw in ["318", "204", "45", "21", "238", "109", "123", "100"]),
        *((raw, "osoba") for raw in ["260", "171", "30", "16", "180", "100", "90", "60"]),
        *(("0", "osoba") for _ in range(16)),  # "świadczenia rzeczowego" goes on the list of "korzystających z:"
        ("412 300", "zł"), ("198 450", "zł"),
    ]


def test_a_row_the_stated_sums_leave_open_is_not_guessed() -> None:
    text = MEAL_PROGRAMME_FORM.replace("\n300000000\n", "\n31309733127439184\n")  # 3|127 or 33|74 …
    got = [raw for raw, *_ in figures(text)]
    assert got[16:17] == ["31309733127439184"] and got[:2] == ["318", "204"] and "3" not in got[16:]


@pytest.mark.parametrize(
    ("digits", "cells"),
    [
        ("3182044521238109123100", ["318", "204", "45", "21", "238", "109", "123", "100"]),
        ("00000000", ["0"] * 8),
        ("1309733127439184", None),  # two splits keep every stated relation
        ("9" * 28, None),  # none does
    ],
)
def test_stated_split(digits: str, cells: list[str] | None) -> None:
    relations = parts_and_wholes("WYSZCZEGÓLNIENIE OGÓŁEMw tym na wsiw tym: dzieci, uczniowie, pozostałe osoby "
                                 "OGÓŁEMw tym na wsiOGÓŁEMw tym na wsiOGÓŁEMw tym na wsi", 8)
    assert relations is not None
    bound = None if digits.startswith("318") else [318, 204, 45, 21, 238, 109, 123, 100]
    assert stated_split(digits, 8, relations, bound) == cells
