"""Monthly statements dumped as text: rows of numbers under a header of forms of help."""

from __future__ import annotations

import pytest

from extract.form_rows import forms_in_order, month_in
from extract.pipeline import document_rows
from extract.readers.text import text_to_document

# A header broken over lines, then each month's row of counts and row of amounts on a line
# (one space apart, as a dump gives them, so that no reader takes it for a table).
ROWS_ON_LINES = """WYPŁACONE ŚWIADCZENIA W 2019 ROKU

Zasiłki celowe
Zasiłki
okresowe
Usługi opiekuń-
cze
Schronie-
nie
I
il. 17 26 3 2
kw. 3410 9120,50 640 1180
II il. 15 27 4 1
kw. 2980 9455,20 610 85
"""

# The same statement dumped one cell a line: the forms, then per month its counts and its amounts.
ONE_CELL_A_LINE = """Zasiłki celowe

Zasiłki okresowe

Usługi opiekuńcze

Schronienie

I

ilość

17

26

3

2

kwota

3410

9120,50

640

1180

II

ilość

15

27

4

1

kwota

2980

9455,20

610

85
"""


def _rows(text: str) -> dict[str, tuple[str, str | None, int | None]]:
    rows = document_rows(text_to_document("Sprawozdanie za rok 2019.\n\n" + text, "r.txt", "txt"), "d", "r.txt")["indicators"]
    return {r["raw"]: (r["measure_key"], r["form"], r["month"]) for r in rows}


@pytest.mark.parametrize("text", [ROWS_ON_LINES, ONE_CELL_A_LINE], ids=["row a line", "cell a line"])
def test_each_number_is_of_its_columns_form_and_its_rows_month(text: str) -> None:
    rows = _rows(text)
    assert rows["26"][1:] == ("zasiłek okresowy", 1)
    assert rows["3"][1:] == ("usługi opiekuńcze", 1)
    assert rows["27"][1:] == ("zasiłek okresowy", 2)
    assert rows["85"][1:] == ("schronienie", 2)
    assert rows["9455,20"][1:] == ("zasiłek okresowy", 2)
    assert rows["9455,20"][0] != rows["27"][0]  # an amount and a count of one form are two measures


def test_a_row_that_lost_a_number_and_a_header_of_other_width_are_left_alone() -> None:
    lost = _rows(ROWS_ON_LINES.replace("II il. 15 27 4 1", "II il. 15 27 4"))
    assert lost["15"][1:] == (None, None) and lost["17"][1:] == ("zasiłek celowy", 1)
    fewer_forms = _rows(ROWS_ON_LINES.replace("Schronie-\nnie\n", "Razem\n"))
    assert all(month is None for _key, _form, month in fewer_forms.values())


def test_prose_after_the_table_is_read_as_prose() -> None:
    rows = _rows(ROWS_ON_LINES + "\nW całym roku ośrodek wypłacił zasiłki okresowe 31 osobom.\n")
    assert rows["31"][2] is None


@pytest.mark.parametrize(
    ("header", "forms"),
    [
        ("Zasiłki celowe Zasiłki okresowe DPS", ["zasiłek celowy", "zasiłek okresowy", "dom pomocy społecznej"]),
        ("Sprawienie pogrzebu Wynagrodze- nie za sprawowanie opieki Pomoc rzeczowa",
         ["sprawienie pogrzebu", "wynagrodzenie za sprawowanie opieki", "pomoc rzeczowa"]),
        ("Specjalistyczne usługi opiekuńcze Usługi opiekuńcze", ["specjalistyczne usługi opiekuńcze", "usługi opiekuńcze"]),
        ("Skierowani do ośr. wsparcia", ["ośrodek wsparcia"]),
    ],
)
def test_a_header_names_its_forms_in_order_each_once(header: str, forms: list[str]) -> None:
    assert forms_in_order(header) == forms


@pytest.mark.parametrize(
    ("label", "month"),
    [("\nI\nil.", 1), (" kw. ", None), ("XII il.", 12), ("w lutym", 2), ("Il.", None), ("\n\nIX\n\nilość\n\n", 9), ("marzec", 3)],
)
def test_the_month_a_rows_label_names(label: str, month: int | None) -> None:
    assert month_in(label) == month
