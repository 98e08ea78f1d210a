"""Budget statements (a plan and its execution by classification codes): their bare numbers are
amounts in złoty, and a paragraph code that looks like a year ("2030 Dotacje celowe") is no year."""

from __future__ import annotations

import pytest

from extract.morphology import noun_lemma
from extract.pipeline import document_rows
from extract.readers.text import text_to_document

PLAN = """Realizacja planu finansowego Gminnego Ośrodka Pomocy Społecznej w 2017 roku

Dział Rozdział Treść
Plan
Wykonanie

WYDATKI
852
85214
POMOC SPOŁECZNA
1,204,300
1,187,912
Zasiłki i pomoc w naturze
310,000
305,417
2030 Dotacje celowe na zadania własne
215,000
214,980
środki gminy
95,000
90,437
"""


def figures(text: str) -> list[tuple[str, str | None, int | None]]:
    rows = document_rows(text_to_document(text, "r.txt", "txt"), "d", "r.txt")
    return [(r["raw"], r["unit"], r["year"]) for r in rows["indicators"]]


def test_bare_numbers_of_a_budget_statement_are_amounts_of_its_year() -> None:
    assert figures(PLAN) == [
        ("1,204,300", "zł", 2017), ("1,187,912", "zł", 2017), ("310,000", "zł", 2017), ("305,417", "zł", 2017),
        ("215,000", "zł", 2017), ("214,980", "zł", 2017), ("95,000", "zł", 2017), ("90,437", "zł", 2017),
    ]


def test_counts_in_a_budget_statement_keep_their_nouns() -> None:
    text = ("Sprawozdanie z wykonania budżetu Ośrodka Pomocy Społecznej za 2016 rok\n\n"
            "Wydatki na zasiłki okresowe wyniosły 84 310,00 zł. Zasiłki pobierało 57 rodzin, "
            "wydano 212 decyzji.\n")
    assert figures(text) == [("84 310,00", "zł", 2016), ("57", "rodzina", 2016), ("212", "decyzja", 2016)]


def test_a_report_that_is_no_budget_statement_leaves_bare_numbers_without_unit() -> None:
    text = "Sprawozdanie z działalności Ośrodka Pomocy Społecznej za 2016 rok\n\nWyszczególnienie\nOgółem\n412\n"
    assert [unit for _raw, unit, _year in figures(text)] == [None]


@pytest.mark.parametrize(("word", "lemma"), [("rodki", None), ("osób", "osoba"), ("Domy", "dom")])
def test_a_lower_case_word_read_only_as_a_name_is_no_counted_noun(word: str, lemma: str | None) -> None:
    assert noun_lemma(word) == lemma


@pytest.mark.parametrize(("word", "value", "lemma"), [("umów", 136, "umowa"), ("porad", 12, "porada"), ("rodzin", 5, "rodzina")])
def test_a_form_of_two_nouns_reads_as_the_one_reports_count(word: str, value: int, lemma: str) -> None:
    assert noun_lemma(word, value) == lemma
