"""Tables and lists as web transcripts dump them: one cell per line, rows glued on a line.

Every text here is written for the test, with invented numbers.
"""

from __future__ import annotations

import pytest

from extract.model import Figure
from extract.pipeline import extract_figures
from extract.readers.text import text_to_document


def figures_of(text: str, year: int = 2019) -> list[Figure]:
    figures, _ = extract_figures(text_to_document(text, "t.txt", "txt"), year)
    return figures


def found(text: str) -> dict[str, tuple[str | None, int | None]]:
    """raw → (unit, year) of every figure of ``text``."""
    return {f.raw: (f.unit, f.year) for f in figures_of(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a number alone on its line takes no unit from the next line, the next row's label
        ("PLAN WYDATKÓW NA 2019 ROK\nPar. 4210\n3 500,00\nzakup materiałów i wyposażenia\nPar. 4260\n41 000,00\nzakup energii",
         {"3 500,00": ("zł", 2019), "41 000,00": ("zł", 2019)}),
        ("Koszty w zł:\nRazem\n1 250\nświetlice", {"1 250": (None, 2019)}),
        # a number that ends a wrapped line of prose still takes the noun on the next line
        ("W roku 2019 pomocą objęto 120\nrodzin z terenu gminy.", {"120": ("rodzina", 2019)}),
    ],
)
def test_a_cell_on_its_own_line_takes_no_unit_from_the_next_line(text: str, expected: dict) -> None:
    assert found(text) == expected


BUDGET_CELLS = """PLAN FINANSOWY NA 2019 ROK

Dział

Rozdział

Paragraf

Nazwa

Kwota

1

2

3

4

5

852

POMOC SPOŁECZNA

2.431.500,00

85202

Domy pomocy społecznej

2.431.500,00

4010

Wynagrodzenia osobowe pracowników

1.204.300,00

4260

Zakup energii

96.000,00
"""


def test_codes_and_column_numbers_of_a_budget_dumped_cell_by_cell_are_no_figures() -> None:
    assert found(BUDGET_CELLS) == {"2.431.500,00": ("zł", 2019), "1.204.300,00": ("zł", 2019), "96.000,00": ("zł", 2019)}


def test_a_count_alone_between_paragraphs_stays_a_figure() -> None:
    text = "Liczba kart wydanych w 2019 roku rodzinom wielodzietnym\n\n312\n\nPunkt obsługi jest czynny we wtorki."
    assert [f.raw for f in figures_of(text)] == ["312"]


MONTHS = """Tabela 4. Dodatki mieszkaniowe w 2019 roku
Miesiąc
Liczba wypłaconych dodatków
Kwota w zł
Styczeń
212
41 730,15
Luty
208
40 912,60
Marzec
205
40 118,00
Razem
625
122 760,75

Dodatki wypłacano terminowo.
"""

FORMS_OF_HELP = """Formy pomocy udzielonej w 2019 roku

Forma pomocy

Liczba osób

Liczba świadczeń

Kwota świadczeń w zł

Zasiłek stały

41

452

250 314,00

Zasiłek okresowy

63

287

98 120,50

Posiłek

118

15 230

61 402,00
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (MONTHS, [("212", "dodatek"), ("41 730,15", "zł"), ("208", "dodatek"), ("40 912,60", "zł"), ("205", "dodatek"),
                  ("40 118,00", "zł"), ("625", "dodatek"), ("122 760,75", "zł")]),
        (FORMS_OF_HELP, [("41", "osoba"), ("452", "świadczenie"), ("250 314,00", "zł"), ("63", "osoba"), ("287", "świadczenie"),
                         ("98 120,50", "zł"), ("118", "osoba"), ("15 230", "świadczenie"), ("61 402,00", "zł")]),
    ],
)
def test_a_table_dumped_one_cell_per_line_under_its_headings(text: str, expected: list) -> None:
    figures = figures_of(text)
    assert [(f.raw, f.unit) for f in figures] == expected
    assert {f.year for f in figures} == {2019}


def test_a_reason_for_help_labels_a_row_and_is_no_unit() -> None:
    text = "Powody przyznania pomocy\n2018\n2019\nUbóstwo\n112\n98\nBezrobocie\n76\n70\nNiepełnosprawność\n45\n47\n"
    figures = figures_of(text)
    assert [(f.raw, f.unit, f.year) for f in figures] == [
        ("112", None, 2018), ("98", None, 2019), ("76", None, 2018), ("70", None, 2019), ("45", None, 2018), ("47", None, 2019)]
    text = "Liczba rodzin według powodów przyznania pomocy\n2018\n2019\nUbóstwo\n112\n98\nBezrobocie\n76\n70\n"
    assert {f.unit for f in figures_of(text)} == {"rodzina"}


GLUED_UNDER_WORDS = """Tabela 3. Rodziny objęte pomocą w 2019 roku
Wyszczególnienie Liczba rodzin Liczba osób w rodzinach Udział rodzin w %
Ogółem 214 583 100,0
w tym na wsi 120 341 56,1
emeryci i renciści 37 52 17,3
"""


def test_rows_glued_on_a_line_under_headings_of_words() -> None:
    assert [(f.raw, f.unit) for f in figures_of(GLUED_UNDER_WORDS)] == [
        ("214", "rodzina"), ("583", "osoba"), ("100,0", "%"),
        ("120", "rodzina"), ("341", "osoba"), ("56,1", "%"),
        ("37", "rodzina"), ("52", "osoba"), ("17,3", "%"),
    ]


def test_a_glued_row_that_splits_more_than_one_way_is_not_guessed() -> None:
    text = "Wyszczególnienie Liczba rodzin Liczba osób\nOgółem 1 214 583\nw tym na wsi 120 341\n"
    assert "214" not in {f.raw for f in figures_of(text)}  # 1 214 | 583 or 1 | 214 583: no guess


ASSESSMENT = """OCENA ZASOBÓW POMOCY SPOŁECZNEJ ZA ROK 2019

Wyszczególnienie
Rok poprzedzający rok oceny
Rok oceny
Prognoza na rok następny
Liczba rodzin objętych pomocą
412
398
405
Liczba osób w rodzinach
1 105
1 062
1 080
"""


def test_columns_named_by_their_place_beside_the_assessed_year() -> None:
    assert [(f.raw, f.unit, f.year) for f in figures_of(ASSESSMENT, 2019)] == [
        ("412", "rodzina", 2018), ("398", "rodzina", 2019), ("405", "rodzina", 2020),
        ("1 105", "osoba", 2018), ("1 062", "osoba", 2019), ("1 080", "osoba", 2020),
    ]


COUNTED_BY_CAPTION = """LICZBA RODZIN OBJĘTYCH POMOCĄ WEDŁUG FORM POMOCY
Formy pomocy
05
06
07
zasiłki stałe
31
34
29
zasiłki okresowe
-
12
18
Liczba świadczeń ogółem
410
388
402
"""


def test_a_caption_that_says_what_is_counted_outranks_forms_of_help_in_the_rows() -> None:
    """Rows named by forms of help count what the caption says; a row that names its own count
    keeps it. Two-digit years head the columns."""
    assert [(f.raw, f.unit, f.year) for f in figures_of(COUNTED_BY_CAPTION, 2007)] == [
        ("31", "rodzina", 2005), ("34", "rodzina", 2006), ("29", "rodzina", 2007),
        ("12", "rodzina", 2006), ("18", "rodzina", 2007),
        ("410", "świadczenie", 2005), ("388", "świadczenie", 2006), ("402", "świadczenie", 2007),
    ]


def test_a_row_one_cell_short_keeps_its_cells_from_the_first_year_on() -> None:
    text = COUNTED_BY_CAPTION.replace("zasiłki okresowe\n-\n12\n18\n", "zasiłki okresowe\n-\n12\n")
    assert [(f.raw, f.year) for f in figures_of(text, 2007)][3:6] == [("12", 2006), ("410", 2005), ("388", 2006)]


def test_rows_labelled_with_money_hold_amounts_and_a_count_of_grants_stays_a_count() -> None:
    text = "Wypłaty w 2019 roku\n\nMiesiąc\tStyczeń\tLuty\nkw.\t4 200\t3 100\nKoszt pobytu\t3 400\t3 500\nLiczba dotacji\t4\t5\n"
    assert [(f.raw, f.unit) for f in figures_of(text)] == [
        ("4 200", "zł"), ("3 100", "zł"), ("3 400", "zł"), ("3 500", "zł"), ("4", "dotacja"), ("5", "dotacja"),
    ]


PIPED_CELLS = """|
TABL. 7. OPIEKA SPOŁECZNA Stan w dniu 31 XII SOCIAL CARE As of 31 XII |
|
WYSZCZEGÓLNIENIE |
2016 |
2017 |
2018 |
SPECIFICATION |
|
Domy pomocy społecznej........ |
6 |
6 |
7 |
Social welfare homes |
|
Miejsca w domach............... |
412 |
430 |
455 |
Places in homes |
|
Mieszkańcy ..................... |
398 |
. |
441 |
Residents |
|
Dalszy opis bez tabeli.
"""


def test_a_table_whose_cells_a_dump_closed_with_bars_and_whose_rows_it_parted_with_a_bar() -> None:
    """One cell a line, each closed by "|", a line of "|" alone between rows; a heading row of
    years; a column of labels in another language after the values; "." for no data."""
    assert [(f.raw, f.unit, f.year) for f in figures_of(PIPED_CELLS, 2018)] == [
        ("6", "dom", 2016), ("6", "dom", 2017), ("7", "dom", 2018),
        ("412", "miejsce", 2016), ("430", "miejsce", 2017), ("455", "miejsce", 2018),
        ("398", "mieszkaniec", 2016), ("441", "mieszkaniec", 2018),
    ]


PAIRED_ROWS = """Świadczenia wypłacone w 2019 roku

Zasiłki
celowe
Zasiłki
okresowe
Usługi
opiekuń-
cze
I
il.  12  30 4
kw.  2100  9870,50  1320,00
II il.  14 28  5
kw  2450  9100,20  1650,00
"""


def test_a_row_of_counts_paired_with_a_row_of_amounts_counts_persons() -> None:
    """Rows labelled "il." and "kw." alone, month after month: the counts are of the persons the
    amounts were paid to, and "kw." after a count is the next row's label, not kilowatts."""
    assert [(f.raw, f.unit) for f in figures_of(PAIRED_ROWS)] == [
        ("12", "osoba"), ("30", "osoba"), ("4", "osoba"), ("2100", "zł"), ("9870,50", "zł"), ("1320,00", "zł"),
        ("14", "osoba"), ("28", "osoba"), ("5", "osoba"), ("2450", "zł"), ("9100,20", "zł"), ("1650,00", "zł"),
    ]


CELL_PER_LINE = """Świadczenia wypłacone w 2019 roku
ZASIŁKI CELOWE

ZASIŁKI OKRESOWE

I

ilość

12

30

kwota

2100

9870,50

II

ilość

14

28

kwota

2450

9100,20
"""


def test_a_table_dumped_a_cell_per_line_reads_its_row_labels() -> None:
    """The same table with every cell on a line of its own: the numbers under "ilość" count
    persons, those under "kwota" are amounts."""
    assert [(f.raw, f.unit) for f in figures_of(CELL_PER_LINE)] == [
        ("12", "osoba"), ("30", "osoba"), ("2100", "zł"), ("9870,50", "zł"),
        ("14", "osoba"), ("28", "osoba"), ("2450", "zł"), ("9100,20", "zł"),
    ]


def test_a_row_of_counts_with_no_amounts_beside_it_names_no_unit() -> None:
    text = "Zestawienie za 2019 rok\n\nI\nil.  12  30 4\nII il.  14 28  5\n"
    assert {f.unit for f in figures_of(text)} == {None}


FOR_WHOM = """|
TABL. 3. OPIEKA SPOŁECZNA Stan w dniu 31 XII |
|
WYSZCZEGÓLNIENIE |
2017 |
2018 |
SPECIFICATION |
|
Placówki całodobowe........ |
5 |
6 |
Round-the-clock facilities |
|
dla: |
|
|
for: |
|
Osób w podeszłym wieku.......... |
2 |
3 |
Older persons |
|
Niepełnosprawnych ruchowoa........ |
3 |
3 |
Physically disabled |
|
Miejscab..................... |
210 |
233 |
Places |
|
Podopiecznia ................ |
204 |
228 |
Residents |
"""


def test_rows_of_a_list_for_whom_count_what_the_row_above_counts() -> None:
    """"dla:" alone opens a list of whom the facilities above are for; the list ends at a row
    that is no genitive plural ("Miejsca"); footnote letters glued to labels are read past."""
    assert [(f.raw, f.unit, f.year) for f in figures_of(FOR_WHOM, 2018)] == [
        ("5", "placówka", 2017), ("6", "placówka", 2018), ("2", "placówka", 2017), ("3", "placówka", 2018),
        ("3", "placówka", 2017), ("3", "placówka", 2018), ("210", "miejsce", 2017), ("233", "miejsce", 2018),
        ("204", "podopieczny", 2017), ("228", "podopieczny", 2018),
    ]


DASHBOARD = """POMOC SPOŁECZNA W LICZBACH

Wydatki na pomoc społeczną ogółem:

48 302 100

Wysokość wypłaconych zasiłków

3 918 204

Liczba rodzin objętych pomocą

1 204
"""


def test_a_dashboard_of_numbers_each_beside_its_label_reads_the_label() -> None:
    """Numbers alone on their lines with a label above or below naming an amount are amounts;
    a count's label names what it counts."""
    units = {f.raw: f.unit for f in figures_of(DASHBOARD)}
    assert units["48 302 100"] == "zł" and units["3 918 204"] == "zł"
    assert units["1 204"] != "zł"


@pytest.mark.parametrize(
    ("text", "raw", "unit"),
    [
        ("Na ten cel wydatkowano 4.310.200.", "4.310.200", "zł"),
        ("Całkowita kwota świadczeń wyniosła 985.000.", "985.000", "zł"),
        ("Koszt programu wyniósł 12 400.", "12 400", "zł"),
        ("Wydatki na dożywianie objęły 212 dzieci.", "212", "dziecko"),  # a noun of its own
        ("W ośrodku przyjęto 1.204.", "1.204", None),  # no word of spending
        ("Kwota 12 wymaga wyjaśnienia.", "12", None),  # too small for an amount whose "zł" is not written
    ],
)
def test_a_number_with_no_unit_in_a_clause_of_spending_is_an_amount(text: str, raw: str, unit: str | None) -> None:
    assert {f.raw: f.unit for f in figures_of(text)}[raw] == unit
