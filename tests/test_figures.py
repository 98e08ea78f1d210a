"""Figures in prose: what is a figure, its unit, year, qualifiers and exactness."""

from __future__ import annotations

import pytest

from extract.figures import block_figures
from extract.model import build_text


def figures_of(text: str, year: int = 2020):
    _, blocks = build_text([("paragraph", text, None, None)])
    return block_figures(blocks[0], year)


@pytest.mark.parametrize(
    ("text", "raw", "value", "unit"),
    [
        ("łącznie odwiedzono 48 rodzin.", "48", 48, "rodzina"),
        ("KOSZT PROGRAMU OGÓŁEM (w zł) 120 300", "120 300", 120300, "zł"),  # a currency in brackets closing the label
        ("założono 27 nowych „Niebieskich Kart”", "27", 27, "karta"),  # a capitalised adjective of a name goes on
        ("odbyły się 642 spotkania interdyscyplinarne", "642", 642, "spotkanie"),
        ("Odbyło się 8 wspólnych wyjazdów strażników", "8", 8, "wyjazd"),
        ("kwota 13 600zł. na szkolenia", "13 600", 13600, "zł"),
        ("wydatki 1 723 800 złotych", "1 723 800", 1723800, "zł"),
        ("około 812 tys. zł", "812 tys.", 812000, "zł"),
        ("przeznaczono 3 i pół miliona złotych", "3 i pół miliona", 3500000, "zł"),  # halves before a scale word
        ("trafi tam pół miliona złotych", "pół miliona", 500000, "zł"),
        ("wydano półtora miliona złotych", "półtora miliona", 1500000, "zł"),
        ("budżet wynosi 1 milion złotych", "1 milion", 1000000, "zł"),
        ("Co roku rośnie liczba wniosków. W 2019 r. było ich 640.", "640", 640, "wniosek"),  # "them": the noun a sentence before
        ("stanowi to ok. 25 % ogółu", "25", 25, "%"),
        ("stanowi 23,5% ogółu", "23,5", 23.5, "%"),
        ("skierowano dwóch pedagogów do pracy", "dwóch", 2, "pedagog"),
        ("wzięło udział 16-uczestników", "16", 16, "uczestnik"),
        ("korzystało 2,968 rodzin", "2,968", 2968, "rodzina"),
        ("zajęcia trwają od 1 do 1,5 h dziennie", "1", 1, "godzina"),
        ("grupy liczą 5-10 osób", "5", 5, "osoba"),
        ("skierowano 220 bezrobotnych (mężczyzn i kobiet)", "220", 220, "bezrobotny"),
        ("Ilość spotkań: 248.", "248", 248, "spotkanie"),
        ("Liczba miejsc w placówkach wynosiła 90 (Bykowina – 30 miejsc)", "90", 90, "miejsce"),
        ("- problemy wychowawcze (20),", "20", 20, "problem"),
        ("czas trwania: 23.10.2013 liczba spotkań: 15 liczba uczestników: 6 (3 kobiet)", "6", 6, "uczestnik"),
        ("Łącznie zorganizowano 8 grup zajęciowych, z czego:", "8", 8, "grupa"),
        ("- ilość wszystkich wniosków złożonych przez rodziny: 41,", "41", 41, "wniosek"),
        ("Wśród uczestników było 31 mężczyzn oraz trzy kobiety.", "trzy", 3, "kobieta"),
        ("W 2019 roku pomocą objęto dwadzieścia pięć osób.", "dwadzieścia pięć", 25, "osoba"),
        ("Zatrudniono sto dwadzieścia trzy osoby.", "sto dwadzieścia trzy", 123, "osoba"),
        ("zakończono 40 spraw, w tym 25 z powodu poprawy.", "25", 25, "sprawa"),
        ("- liczba rodzin, które otrzymały pomoc rzeczową: 17.", "17", 17, "rodzina"),
        ("Działania asystentów na rzecz rodzin, którym przyznano wsparcie: 35", "35", 35, "działanie"),
    ],
)
def test_figure_value_and_unit(text: str, raw: str, value: float, unit: str) -> None:
    found = [f for f in figures_of(text) if f.raw.startswith(raw)]
    assert found, [f.raw for f in figures_of(text)]
    assert found[0].value == pytest.approx(value)
    assert found[0].unit == unit


@pytest.mark.parametrize(
    "text",
    [
        "Zgodnie z Uchwałą NR PR.0007.29.2018 z dnia 22.02.2018r. w 2020 roku",
        "zajęcia od 8.00 do 16.00",
        "Dz. U. Nr 180, poz. 1493",
        "ul. 11-go Listopada 15a, 41-706 Ruda Śląska",
        "kontynuacja s. 16",
        "formularz R-11 i pandemia Covid-19",
        "dzieci w wieku 2-4 lat",
        "od 4.03. do 17.06.",
        "na lata 2018-2020",
        "Wnioski wpływały jedna za drugą.",  # a number word before a preposition counts nothing
        "Chcę zwrócić uwagę na jedno – na terminowość.",
        "W ostatnich dwóch latach sytuacja się poprawiła.",  # a span of time, not a count
        "świadczenia z programu 500 plus",
        "Przez pół roku asystent odwiedzał rodzinę.",  # a half that no scale word follows is a duration
    ],
)
def test_not_figures(text: str) -> None:
    assert [f.raw for f in figures_of(text)] == []


def test_year_from_sentence_and_report() -> None:
    assert figures_of("W 2012 roku pomocą objęto 5 rodzin.", 2013)[0].year == 2012
    assert figures_of("Pomocą objęto 5 rodzin.", 2013)[0].year == 2013
    assert figures_of("Projekt realizowany od 2004 roku objął 5 rodzin.", 2013)[0].year == 2013
    assert figures_of("Świetlica otwarta w maju 2009 r. (z zajęć skorzystało 25 dzieci).", 2013)[0].year == 2013
    assert figures_of("Mieszkanie uruchomione w 2010 roku dla 4 osób.", 2013)[0].year == 2013
    assert figures_of("Wobec 2012 roku liczba rodzin wzrosła o 12%.", 2013)[0].year == 2013
    assert figures_of("Objęto 40 rodzin, o 5 więcej niż w 2012 roku.", 2013)[0].year == 2013


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("W 2020 roku pomocy udzielono 312 rodzinom. Rok wcześniej wsparcie otrzymało 340 rodzin, natomiast w 2018 roku 365.",
         {"312": 2020, "340": 2019, "365": 2018}),
        ("Z powodu choroby wsparto 118 rodzin liczących 240 osób, zaś w 2019 roku wsparto 131 rodzin.",
         {"118": 2020, "240": 2020, "131": 2019}),
        ("Pomocy udzielono 120 rodzinom w 2019 roku i 130 rodzinom w 2020 roku.", {"120": 2019, "130": 2020}),
        ("Liczba interwencji wzrosła z 412 w 2019 roku do 455 w 2020 roku.", {"412": 2019, "455": 2020}),
        ("Liczba złożonych wniosków spadła z 512 do 498.", {"512": 2019, "498": 2020}),
        ("Koszt utrzymania w roku 2018 – 3 120 zł, na podstawie zarządzenia z dnia 10 lutego 2018 r.", {"3 120": 2018}),
        ("kw. 2310 14522,80 0 1987", {"2310": 2020, "14522,80": 2020, "0": 2020, "1987": 2020}),  # an amount among amounts, no year
        ("W 2020 r. pomoc otrzymało 410 rodzin (2019 – 388, 2018 – 402).", {"410": 2020, "388": 2019, "402": 2018}),  # years after commas
    ],
)
def test_the_year_of_a_figure_among_others_in_one_sentence(text: str, years: dict[str, int]) -> None:
    assert {f.raw: f.year for f in figures_of(text, 2020)} == years


def test_exactness() -> None:
    kinds = {f.raw: f.exactness for f in figures_of("ponad 300 osób, ok. 20 rodzin, kilka spotkań, 7 dzieci")}
    assert kinds == {"300": "lower_bound", "20": "approximate", "kilka": "vague", "7": "exact"}


def test_qualifiers_sex_and_district() -> None:
    figures = figures_of("Ruda – 159 spotkań, w tym 199 dziewczynek i 186 chłopców")
    assert figures[0].qualifiers.get("district") == "Ruda"
    assert figures[1].qualifiers.get("sex") == "female"
    assert figures[2].qualifiers.get("sex") == "male"


# Shapes met in real reports of many towns, in sentences written for these tests.
@pytest.mark.parametrize(
    ("text", "raw", "value", "unit"),
    [
        ("Na zasiłki wydano 2 mln 415 tys. 307 zł.", "2 mln 415 tys. 307", 2415307, "zł"),
        ("Koszt programu wyniósł 712 tys. 40 zł.", "712 tys. 40", 712040, "zł"),
        ("Gmina przekazała 3 tysiące zł na paczki.", "3 tysiące", 3000, "zł"),
        ("Łącznie: 1.204.315 zł i 27 groszy, z czego", "1.204.315 zł i 27 groszy", 1204315.27, "zł"),
        ("Wskaźnik wzrósł o 12.75% w skali roku.", "12.75", 12.75, "%"),
        ("Usługi świadczono dla 23. osób starszych.", "23", 23, "osoba"),
        ("Dotacja na zadania zlecone 2 418 903,00", "2 418 903,00", 2418903.0, "zł"),
        ("zasiłki okresowe – 58.300,-", "58.300", 58300, "zł"),
        ("Plan wydatków: 45,50 na jedną osobę", "45,50", 45.5, "zł"),
        ("18 400 Dotacje celowe 9 200", "18 400", 18400, None),  # the next row's label is not the unit
        ("w 4 Ośrodkach Wsparcia", "4", 4, "ośrodek"),  # a capitalised noun that agrees stays the unit
        ("Powierzchnia gminy wynosi 131,7 km2.", "131,7", 131.7, "km2"),
        ("Świetlica ma 86 m² powierzchni.", "86", 86, "m2"),
        ("Rozdano 562 paczek żywnościowych.", "562", 562, "paczka"),  # a slip of case: still a plural
        ("Liczba uczestników na 31.12.2019 r. wynosiła 48.", "48", 48, "uczestnik"),  # a date between label and number
        ("Najwięcej wniosków złożono w dzielnicach: Lipno (230), Borki (140).", "140", 140, None),  # a place's name counts nothing
        ("Z kolei w Lipnie (41) było najmniej.", "41", 41, None),  # "z kolei": in turn
        ("Na czele zestawienia są Lipno (601) i Borki (511).", "601", 601, None),  # "na czele": at the top
        ("Odnotowano 37-procentowy wzrost liczby kart.", "37", 37, "%"),
    ],
)
def test_amounts_and_units_of_other_reports(text: str, raw: str, value: float, unit: str | None) -> None:
    found = {f.raw: f for f in figures_of(text)}
    assert raw in found, list(found)
    assert found[raw].value == pytest.approx(value)
    assert found[raw].unit == unit


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Na 2 mln 415 tys. 307 zł złożyły się", ["415", "307"]),  # parts of one amount
        ("Wydatki DOCHODY 852 85219 Ośrodki pomocy 4110 Składki na ubezpieczenia 31 000", ["852", "85219", "4110"]),
        ("Struktura: 1) dyrektor, 2) księgowa, 3) pracownicy socjalni", ["1", "2", "3"]),
        ("3 Gminny Ośrodek Pomocy Społecznej realizuje zadania", ["3"]),
        ("Punkt czynny od 1500-1800 w dni robocze", ["1500", "1800"]),
        ("1 Rodzaj wsparcia 2 liczba osób 3 4 kwota w zł 5 6", ["1", "2", "3", "4", "5", "6"]),  # column numbers
        ("kierownik 3 0 4 0 pracownik 5 2 6 1", ["3", "4", "5", "6"]),  # row numbers between values
        ("na paragrafach (4010,4110,4120) wydano", ["4010", "4010,4110", "4110"]),
    ],
)
def test_numbers_that_are_not_figures_in_other_reports(text: str, absent: list[str]) -> None:
    raws = {f.raw for f in figures_of(text)}
    assert not raws.intersection(absent), raws


def test_counts_that_happen_to_follow_each_other_stay() -> None:
    raws = [f.raw for f in figures_of("W 2019 r. objęto pomocą 3 rodziny, 4 osoby samotne i 5 dzieci.")]
    assert raws == ["3", "4", "5"]  # three in a row are not yet a numbering


def test_a_count_of_inhabitants_is_not_a_year() -> None:
    (figure,) = [f for f in figures_of("Na 2000 mieszkańców przypada jeden pracownik socjalny.", 2014) if f.raw == "jeden"]
    assert figure.year == 2014


def test_a_purchase_date_does_not_date_the_value_beside_it() -> None:
    (figure,) = [f for f in figures_of("Kopiarka o wartości 6.215,40 zł, zakupiona w 2011 r.", 2014) if f.raw == "6.215,40"]
    assert figure.year == 2014


def test_thousands_in_a_sentence_of_money_are_zloty() -> None:
    figures = figures_of("Budżet programu wyniósł 80 tys., a wykorzystano 52 tys.", 2020)
    assert [(f.raw, f.value, f.unit) for f in figures] == [("80 tys.", 80000, "zł"), ("52 tys.", 52000, "zł")]
    assert figures_of("Wniosków złożono ponad 96 tys.", 2020)[0].unit != "zł"


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Niektóre rodziny wracały po przerwie – takich powrotów było 17.", "powrót"),
        ("Osób korzystających z pomocy było ponad 200.", "osoba"),
        ("W 2019 roku takich interwencji było 41.", "interwencja"),
        ("Z pomocy było 12.", None),
        ("Takich wniosków było złożonych w gminie 86.", "wniosek"),  # a participle and a place between
    ],
)
def test_the_noun_before_a_verb_of_being_is_counted(text: str, unit: str | None) -> None:
    assert [f.unit for f in figures_of(text, 2020)] == [unit]


def test_a_count_of_them_counts_what_the_figure_before_counted() -> None:
    found = figures_of("W 2019 roku założono 210 kart. Rok później prowadzono ich aż 380. W 2021 roku było ich 300.", 2020)
    assert [f.unit for f in found] == ["karta", "karta", "karta"]
    assert [f.unit for f in figures_of("Ich dzieci 40.", 2020)] == [None]  # "ich" before a noun: theirs


@pytest.mark.parametrize(
    ("text", "units"),
    [
        # a count after a dash leaves its noun out: it counts what the count before it counted,
        # not what a bracket between them did
        ("W 2021 roku 640 rodzin dotknęło ubóstwo (to ok. 35 proc. ogółu), 520 – bezrobocie (ok. 28 proc.).",
         {"640": "rodzina", "35": "%", "520": "rodzina", "28": "%"}),
        # a range after the dash describes the count, it does not name its unit
        ("W 90 rodzinach dochód wynosił do 300 zł (210 osób), w 70 – od 300 do 600 zł, a w 40 – od 600 do 900 zł.",
         {"90": "rodzina", "210": "osoba", "70": "rodzina", "40": "rodzina"}),
    ],
)
def test_a_count_written_after_a_dash_takes_the_unit_of_the_count_before(text: str, units: dict[str, str]) -> None:
    found = {f.raw: f.unit for f in figures_of(text, 2021)}
    assert {raw: found.get(raw) for raw in units} == units


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("Kwota: 5150", {"5150": "zł"}),  # a label naming money: the figure is an amount
        ("Koszt pobytu: 3 400", {"3 400": "zł"}),
        ("Liczba dotacji: 4", {"4": "dotacja"}),  # a count of grants stays a count
        ("kw. 4200 i 3100", {"4200": "zł"}),  # "kw." abbreviates "kwota" in a table's row
    ],
)
def test_a_label_naming_money_makes_its_figure_an_amount(text: str, units: dict[str, str]) -> None:
    found = {f.raw: f.unit for f in figures_of(text, 2021)}
    assert {raw: found.get(raw) for raw in units} == units

