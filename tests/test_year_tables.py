"""Tables of several years flattened into text lines, rebuilt so each cell takes its column's year."""

from __future__ import annotations

import pytest

from extract.pipeline import document_rows
from extract.readers.text import text_to_document
from extract.readers.year_tables import partitions, split_row


def figures(text: str) -> list[tuple[str, str | None, int | None]]:
    rows = document_rows(text_to_document(text, "r.txt", "txt"), "d", "r.txt")
    return [(r["raw"], r["unit"], r["year"]) for r in rows["indicators"]]


def test_glued_rows_under_a_heading_of_years() -> None:
    text = ("Sprawozdanie za rok 2019\n\nWyszczególnienie 2017 2018 2019\n"
            "Liczba rodzin 84 91 97\nLiczba osób w rodzinach 1 210 1 305 1 288\nKoniec.")
    assert figures(text) == [
        ("84", "rodzina", 2017), ("91", "rodzina", 2018), ("97", "rodzina", 2019),
        ("1 210", "osoba", 2017), ("1 305", "osoba", 2018), ("1 288", "osoba", 2019),
    ]


def test_one_cell_per_line_with_dashes_for_empty_cells() -> None:
    text = "Ocena za rok 2012\n\nForma pomocy\n2010\n2011\n2012\nZasiłki stałe\n7\n-\n9\nZasiłki celowe\n1 130\n1 245\n1 302\nDalej tekst."
    assert figures(text) == [
        ("7", "zasiłek", 2010), ("9", "zasiłek", 2012),
        ("1 130", "zasiłek", 2010), ("1 245", "zasiłek", 2011), ("1 302", "zasiłek", 2012),
    ]


def test_a_column_more_than_the_years_is_headed_by_the_words_after_them() -> None:
    text = "Tabela 2. Porady 2020 2021 Dynamika\nLiczba porad 12 418 11 902 95,8\nTekst dalej."
    # no year of its own: the report's, which a text naming no year takes from the years its tables head
    assert figures(text) == [("12 418", "porada", 2020), ("11 902", "porada", 2021), ("95,8", "dynamika", 2021)]


def test_a_heading_of_years_in_a_tab_table_is_no_row_of_figures() -> None:
    text = "Sprawozdanie za rok 2016\n\nWyszczególnienie\t2015\t2016\nLiczba wywiadów\t410\t436\n"
    assert figures(text) == [("410", "wywiad", 2015), ("436", "wywiad", 2016)]


def test_tab_rows_under_a_heading_of_years_keep_their_cells_where_numbers_have_spaces() -> None:
    text = ("Sprawozdanie za rok 2016\n\nWyszczególnienie\t2015\t2016\nLiczba wywiadów\t1 410\t1 436\n"
            "Liczba decyzji\t2 020\t990\nLiczba porad\t75\t80\n")
    assert figures(text) == [("1 410", "wywiad", 2015), ("1 436", "wywiad", 2016), ("2 020", "decyzja", 2015),
                             ("990", "decyzja", 2016), ("75", "porada", 2015), ("80", "porada", 2016)]


def test_a_column_of_years_labels_the_rows() -> None:
    text = "Sprawozdanie za rok 2016\n\nRok\tLiczba decyzji\n2015\t812\n2016\t790\n"
    assert figures(text) == [("812", "decyzja", 2015), ("790", "decyzja", 2016)]


@pytest.mark.parametrize(
    ("line", "columns", "cells"),
    [
        ("Liczba osób 1 300 1 320 1 340", 3, ["1 300", "1 320", "1 340"]),
        ("Kwota w zł 31 200 28 450 91,2", 2, ["31 200", "28 450", "91,2"]),  # one column more: an index
        ("Rodziny 12 - 15", 3, ["12", "-", "15"]),
        ("Rodziny 1 300 1 320", 3, None),  # 1 | 300 1 | 320? no: 1 300 1 320 is two numbers, not three
        ("Osoby 300 1 320", 3, ["300", "1", "320"]),
        ("1 300 1 320 1 340", 3, None),  # no label: not a row
    ],
)
def test_split_row(line: str, columns: int, cells: list[str] | None) -> None:
    found = split_row(line, columns)
    assert (found[1] if found else None) == cells


def test_an_ambiguous_split_is_not_guessed() -> None:
    assert len(partitions(("12", "300", "450"), 2)) == 2  # 12 300 | 450 or 12 | 300 450
    assert split_row("Osoby 12 300 450", 2) is None


def test_years_written_with_two_digits_across_the_turn_of_the_century() -> None:
    text = "Rodziny objęte pomocą\nWyszczególnienie\n98\n99\n00\n01\nZasiłki okresowe\n41\n38\n-\n45\nKoniec."
    assert figures(text) == [("41", "zasiłek", 1998), ("38", "zasiłek", 1999), ("45", "zasiłek", 2001)]


def test_a_numbered_table_one_cell_per_line_with_blank_lines_between() -> None:
    text = ("Sprawozdanie za rok 2016\n\nLp.\n\nMiejscowość\n\nLiczba rodzin wielodzietnych\n\n1\n\nZabłocie\n\n12\n\n"
            "2\n\nŁazy\n\n7\n\n3\n\nPodgórze\n\n21\n\nRazem\n\n40\n\nDalszy tekst sprawozdania.")
    rows = document_rows(text_to_document(text, "r.txt", "txt"), "d", "r.txt")
    found = [(r["raw"], r["unit"], r["qualifiers"]["district"]) for r in rows["indicators"]]
    assert found == [("12", "rodzina", "Zabłocie"), ("7", "rodzina", "Łazy"), ("21", "rodzina", "Podgórze"), ("40", "rodzina", None)]
    total = next(r for r in rows["indicators"] if r["raw"] == "40")
    assert all(r["parent_id"] == total["indicator_id"] for r in rows["indicators"] if r["raw"] != "40")  # the Razem row


def test_row_numbers_that_do_not_follow_each_other_are_no_numbered_table() -> None:
    broken = "Lp.\nNazwa\nLiczba\n1\nA\n5\n3\nB\n6\n"  # row 2 missing: one row is no table
    assert all(b.kind != "table" for b in text_to_document(broken, "r.txt", "txt").blocks)
    whole = broken.replace("\n3\nB", "\n2\nB")
    assert [b.kind for b in text_to_document(whole, "r.txt", "txt").blocks] == ["table"]


def test_one_cell_per_line_with_blank_lines_between() -> None:
    text = "Ocena za rok 2012\n\nForma pomocy\n\n2010\n\n2011\n\n2012\n\nZasiłki stałe\n\n7\n\n-\n\n9\n\nDalej tekst sprawozdania."
    assert figures(text) == [("7", "zasiłek", 2010), ("9", "zasiłek", 2012)]
