"""Measure keys: the same measure in other words or inflections meets, reasons and forms of help
are dimensions, and labelled pairs of figures score the keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.cli import main
from extract.measures import clause_before, lemmas_of, measure_of


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("posiłek", "wydanych w szkołach", ""), ("posiłek", "", "w szkołach wydano")),  # word order and inflection
        (("rodzina", "odwiedzonych przez wolontariuszy", ""), ("rodzina", "", "wolontariusze odwiedzili")),
        (("rodzina", "z powodu ubóstwa", "pomocy udzielono"), ("rodzina", "z powodu bezrobocia", "pomocy udzielono")),
        (("osoba", "w rodzinach", ""), ("osoba", "w tych rodzinach", "")),  # a measure of the vocabulary
    ],
)
def test_one_measure_in_other_words_gets_one_key(a: tuple[str, str, str], b: tuple[str, str, str]) -> None:
    assert measure_of(*a).key == measure_of(*b).key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("rodzina", "objętych pomocą asystenta", ""), ("rodzina", "zastępczych", "")),
        (("posiłek", "wydanych w szkołach", ""), ("posiłek", "zakupionych dla przedszkoli", "")),
        (("osoba", "bezdomnych", ""), ("rodzina", "bezdomnych", "")),  # another unit
    ],
)
def test_two_measures_get_two_keys(a: tuple[str, str, str], b: tuple[str, str, str]) -> None:
    assert measure_of(*a).key != measure_of(*b).key


def test_reasons_and_forms_of_help_are_dimensions() -> None:
    poverty = measure_of("rodzina", "z powodu ubóstwa", "pomocy udzielono")
    assert (poverty.reason, poverty.form) == ("ubóstwo", None)
    assert "ubóstwo" not in poverty.key
    benefit = measure_of("osoba", "", "zasiłki okresowe pobierało")
    assert benefit.form == "zasiłek okresowy" and "zasiłek" not in benefit.key


def test_names_of_places_and_words_of_no_measure_stay_out_of_the_key() -> None:
    measure = measure_of("rodzina", "", "w Halembie w 2020 roku odwiedzono łącznie")
    assert measure.key == "rodzina|odwiedzić"
    assert measure_of("rodzina", "objętych pomocą społeczną").label == "Rodziny objęte pomocą społeczną"


def test_the_clause_before_a_number_ends_at_punctuation() -> None:
    text = "Wsparcie trwało cały rok, w Halembie odwiedzono 7 rodzin"
    assert clause_before(text, text.index("7")) == " w Halembie odwiedzono "
    text = "Rozdano 840,5 kg żywności o wartości 3 120,40 zł między 75 osób"  # decimal commas end no clause
    assert clause_before(text, text.index("75")) == "Rozdano 840,5 kg żywności o wartości 3 120,40 zł między "
    text = "KOSZT (w zł) 120 300"  # nor does a bracket closed before the number
    assert clause_before(text, text.index("120")) == "KOSZT (w zł) "
    text = "Na dożywianie dzieci w przedszkolach, szkołach podstawowych, gimnazjalnych i średnich wydano 52 tys. zł"
    assert clause_before(text, text.index("52")) == " szkołach podstawowych, gimnazjalnych i średnich wydano "  # a list's commas
    text = "Na dożywianie dzieci oraz uczniów szkół podstawowych, gimnazjalnych i ponadgimnazjalnych gmina przeznaczyła 52 tys. zł"
    assert clause_before(text, text.index("52")).startswith("Na dożywianie")  # a clause of over 80 characters
    text = "W noclegowni im. św. Łukasza przy ul. Lipowej nocowało 19 osób"  # abbreviations end no clause
    assert clause_before(text, text.index("19")) == text[: text.index("19")]


def test_an_abbreviation_in_a_name_ends_no_sentence_and_leaves_its_form_of_help() -> None:
    assert _measures("W schronisku im. Św. Łukasza przebywały 23 osoby.")["23"][1] == "schronienie"


def test_eval_scores_keys_on_labelled_pairs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("Sprawozdanie za rok 2019.\n\nW 2019 roku odwiedzono 40 rodzin. Wydano 300 posiłków.\n")
    (tmp_path / "b.txt").write_text("Sprawozdanie za rok 2020.\n\nOdwiedzono łącznie 52 rodziny. Zakupiono 90 paczek.\n")
    pairs = [
        {"a": {"stem": "a", "quote": "odwiedzono 40 rodzin", "raw": "40"},
         "b": {"stem": "b", "quote": "łącznie 52 rodziny", "raw": "52"}, "same": True},
        {"a": {"stem": "a", "quote": "Wydano 300 posiłków", "raw": "300"},
         "b": {"stem": "b", "quote": "Zakupiono 90 paczek", "raw": "90"}, "same": False},
    ]
    (tmp_path / "pairs.jsonl").write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in pairs), encoding="utf-8")
    assert main(["eval", "--pairs", str(tmp_path / "pairs.jsonl"), "--corpus", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "one measure with one key:   1/1" in printed and "two measures with two keys: 1/1" in printed


def _indicators(text: str) -> list[dict]:
    """The indicators rows of a text report of 2019."""
    from extract.pipeline import document_rows
    from extract.readers.text import text_to_document

    return document_rows(text_to_document("Sprawozdanie za rok 2019.\n\n" + text, "r.txt", "txt"), "d", "r.txt")["indicators"]


def _measures(text: str) -> dict[str, tuple[str, str | None, str | None]]:
    """raw → (measure key, form, reason) of every figure of a text report of 2019."""
    return {r["raw"]: (r["measure_key"], r["form"], r["reason"]) for r in _indicators(text)}


@pytest.mark.parametrize(
    ("a", "raw_a", "b", "raw_b"),
    [
        # the form of help is named earlier in the sentence, before a bracket or a comma
        ("Na zasiłki okresowe (dotacja z budżetu państwa) wydatkowano kwotę 52 100,00 zł.", "52 100,00",
         "Wydano 30 tys. zł na pomoc rzeczową, a na zasiłki okresowe, które pobrało 9 rodzin – w sumie 6,2 tys. zł.", "6,2 tys."),
        # the next sentence says nothing of what the amount measures
        ("Na program gmina wydała 71 tys. zł. Resztę przeniesiono na przyszły rok.", "71 tys.",
         "Na program gmina wydała 64 tys. zł.", "64 tys."),
        # the tasks PFRON money pays for, in a plan's list and in prose
        ("Wspieranie zatrudnienia i rehabilitacji zawodowej kosztowało 61 000 zł.", "61 000",
         "Powiat przeznaczył na rehabilitację zawodową 52 300 zł.", "52 300"),
        ("Rehabilitacja społeczna osób niepełnosprawnych – 1 204 000 zł.", "1 204 000",
         "Na rehabilitację społeczną przeznaczono 980 000 zł.", "980 000"),
        # a form named nearer the number than another one is the figure's
        ("Na zasiłki stałe wydano 40 tys. zł, a na usługi opiekuńcze 23 tys. zł.", "23 tys.",
         "Usługi opiekuńcze kosztowały 19 tys. zł.", "19 tys."),
    ],
)
def test_what_the_sentence_says_before_a_figure_makes_its_measure(a: str, raw_a: str, b: str, raw_b: str) -> None:
    assert _measures(a)[raw_a] == _measures(b)[raw_b]


def test_amounts_of_one_budget_line_share_a_key_and_other_lines_do_not() -> None:
    plan = _measures("PLAN WYDATKÓW\nPar. 4260\n41 000,00\nzakup energii\nPar. 4270\n7 500,00\nzakup usług remontowych")
    assert plan["41 000,00"][0] == "zł|par_4260" and plan["7 500,00"][0] == "zł|par_4270"
    prose = _measures("Wydatki w rozdziale 85213 wyniosły 16 258,00 zł.")
    table = _measures("Wykonanie budżetu\n85213 Składki na ubezpieczenie zdrowotne 14 900,00 zł")
    assert prose["16 258,00"][0] == table["14 900,00"][0] == "zł|rozdz_85213"
    assert _measures("Na kwotę 85000 zł, a na zasiłki wydano 1 200 zł.")["1 200"][0] != "zł|rozdz_85000"


@pytest.mark.parametrize(
    ("a", "raw_a", "b", "raw_b"),
    [
        # the statutory measures of the vocabulary, in other words and layouts
        ("W ubiegłym roku programem objęto łącznie 318 osób.", "318",
         "LICZBA OSÓB OBJĘTYCH PROGRAMEM\t412", "412"),
        ("Koszt realizacji programu w 2019 roku wyniósł 96 400,00 zł.", "96 400,00",
         "KOSZT PROGRAMU OGÓŁEM (w zł)\t120 300", "120 300"),
        ("Pomoc sfinansowano kwotą 40 000,00 zł ze środków wojewody.", "40 000,00",
         "Na ten cel przeznaczono 38 500 zł dotacji z budżetu państwa.", "38 500"),
        ("W 2019 roku założono 27 nowych „Niebieskich Kart”.", "27",
         "Wszczęto 31 procedur „Niebieska Karta”.", "31"),
        ("Odbyło się 64 spotkania grup roboczych.", "64",
         "Grupy robocze zebrały się na 58 posiedzeniach.", "58"),
        # procedures begun in the year (a police form begins one), in the words of a report and of a newspaper
        ("Policjanci z komendy powiatowej sporządzili 212 formularzy „Niebieska Karta”.", "212",
         "W ubiegłym roku miejscowa policja wystawiła 305 „Niebieskich Kart”.", "305"),
        ("Funkcjonariusze wypełnili w ubiegłym roku 97 Niebieskich Kart.", "97",
         "Niebieskich Kart założonych przez policję było 88.", "88"),
        ("W dzielnicy zainicjowano 140 procedur „Niebieska Karta”.", "140",
         "Wszczęto 31 procedur „Niebieska Karta”.", "31"),
        # cards the paragraph before names, counted in a list of places in brackets
        ("Rośnie liczba Niebieskich Kart.\n\nNajwięcej takich procedur wszczęto w gminach: Lipno (12), Skępe (7).", "12",
         "Wszczęto 31 procedur „Niebieska Karta”.", "31"),
        # children of foster care the paragraph's sentences before name
        ("W powiecie działa 64 rodziny zastępcze. Przebywa tam obecnie 93 podopiecznych.", "93",
         "W rodzinnej pieczy zastępczej przebywało 140 dzieci.", "140"),
        # a monthly amount written "zł/mies." and then what it is
        ("Stawki w 2019 r.:\n• 3 410 zł/miesiąc – utrzymanie jednego mieszkańca domu pomocy", "3 410",
         "Koszt utrzymania jednego mieszkańca w naszym DPS to 3 980 zł.", "3 980"),
        # cards the paragraph's sentences before name
        ("Zespół prowadzi procedury „Niebieskie Karty”. W 2019 r. założono 124 karty.", "124",
         "Wszczęto 31 procedur „Niebieska Karta”.", "31"),
        ("Działały grupy robocze, w ramach których odbyło się 71 spotkań.", "71",  # a relative clause's antecedent
         "Odbyło się 64 spotkania grup roboczych.", "64"),
        ("Pracowały 44 grupy robocze, w ramach których w 2019 r. zwołano 130 spotkań.", "130",  # "r." ends no clause
         "Odbyło się 64 spotkania grup roboczych.", "64"),
        ("Ośrodek zatrudniał 23 osoby.", "23",
         "W ośrodku zatrudnionych było 19 pracowników.", "19"),
        ("Kadra w 2019 roku\n\nWyszczególnienie\tLiczba osób\nOŚRODKI POMOCY SPOŁECZNEJ\t14\n", "14",  # the staff form's rows
         "W ośrodku zatrudnionych było 19 pracowników.", "19"),
        ("Przeciętne zatrudnienie w przeliczeniu na pełne etaty wyniosło 14 osób.", "14",
         "Zatrudnienie wynosiło 16,5 etatu.", "16,5"),
        ("W ośrodku pracuje 3 starszych specjalistów pracy socjalnej.", "3",
         "Zatrudniono 2 starszych specjalistów pracy socjalnej.", "2"),
        ("W ramach podprogramu wydano 8 450 kg żywności.", "8 450", "Rozdano mieszkańcom 6,2 tony artykułów spożywczych.", "6,2"),
        # a form of help named in the subject leaves no trace of its own words, nor words of receiving
        ("Zasiłki okresowe pobierało 41 rodzin.", "41", "Z zasiłków okresowych skorzystały 33 rodziny.", "33"),
        ("Na zasiłki jednorazowe celowe wydano 12 000 zł.", "12 000", "Zasiłki celowe wyniosły 9 800 zł.", "9 800"),
        ("W 12 rodzinach wszczęto procedurę „Niebieska Karta”.", "12",
         "Procedurą „Niebieskie Karty” objęto 9 rodzin.", "9"),  # families in the procedure
        ("Na świadczenia rodzinne wypłacono 2 410 000 zł.", "2 410 000",
         "Wyszczególnienie\tKwota (zł)\nŚwiadczenia rodzinne i opiekuńcze\t1 980 500,00\nFundusz alimentacyjny\t310 000,00",
         "1 980 500,00"),
        ("Na dożywianie uczniów przeznaczono 51 tys. zł.", "51 tys.",  # money for meals is the meal programme's cost
         "Koszt programu dożywiania w 2019 roku wyniósł 64 300 zł.", "64 300"),
        ("Z pomocy ośrodka w 2019 roku korzystały 233 rodziny.", "233", "Liczba rodzin korzystających z pomocy ośrodka: 260.", "260"),
        # foster care: the kinds of foster family are a dimension of one measure
        ("W powiecie działały 63 rodziny zastępcze niezawodowe.", "63",
         "Do rodzin zastępczych niezawodowych należało 58 rodzin.", "58"),
        ("W rodzinnej pieczy zastępczej przebywało 140 dzieci.", "140",
         "W rodzinach zastępczych wychowywało się 131 dzieci.", "131"),
        ("Funkcjonowały 2 rodzinne domy dziecka.", "2", "Działają też trzy rodzinne domy dziecka.", "trzy"),
        # the population, and the people helped
        ("Gminę zamieszkiwało 14 230 osób.", "14 230", "Liczba mieszkańców gminy wyniosła 15 102.", "15 102"),
        ("Ośrodek objął pomocą 642 osoby.", "642", "Z pomocy ośrodka skorzystało 701 osób.", "701"),
        # alcohol: what residents spent on it, and what permits to sell it brought in
        ("Mieszkańcy wydali na alkohol 3 410 000 zł.", "3 410 000",
         "Wartość sprzedanych napojów alkoholowych wyniosła 2 980 000 zł.", "2 980 000"),
        ("Z opłat za zezwolenia na sprzedaż alkoholu do budżetu wpłynęło 96 tys. zł.", "96 tys.",
         "Wpływy z tytułu tzw. kapslowego wyniosły 88 tys. zł.", "88 tys."),
        ("Powierzchnia gminy wynosi 131,7 km2.", "131,7", "Gmina zajmuje 98,2 km2.", "98,2"),
        ("W urzędzie pracy zarejestrowano 522 bezrobotnych.", "522",
         "Wyszczególnienie\tRok oceny\nBezrobotni ogółem\t498\n", "498"),
        ("Wydano 12 400 posiłków na łączną kwotę 74 000 zł.", "12 400", "Wydano 11 800 posiłków.", "11 800"),
        ("Pomocą objęto 300 rodzin, w których było 790 osób.", "790", "W tych rodzinach żyło 702 osoby.", "702"),
        # a label ending in a colon: the sentence before it says what is counted
        ("Łącznie programem objęto: 96 osób.", "96", "Liczba osób objętych programem: 187.", "187"),
        # help from the centre in more words
        ("Ze wsparcia ośrodka pomocy społecznej korzysta 318 rodzin.", "318", "Pomocą społeczną objęto 290 rodzin.", "290"),
        ("Opieką ośrodka objętych jest ponad 2 tys. osób.", "2 tys.", "Z pomocy ośrodka skorzystało 1 840 osób.", "1 840"),
        ("Wsparcie ośrodka uzyskało 140 rodzin.", "140", "Pomocą społeczną objęto 290 rodzin.", "290"),
        # the statutory count of persons granted a benefit by a decision
        ("Decyzją przyznano świadczenie 412 osobom.", "412", "W 2019 roku 388 osób decyzją otrzymało świadczenie.", "388"),
        ("Świadczenie przyznano 301 osobom.", "301", "Decyzją przyznano świadczenie 412 osobom.", "412"),
        # the staff of the centre
        ("Ośrodek, zatrudniający 31 osób, kosztował 2 mln zł.", "31", "W ośrodku pracuje 27 osób.", "27"),
        # the family benefits of other acts
        ("Świadczenie wychowawcze 500+ otrzymywało 1 210 dzieci.", "1 210", "Z programu Rodzina 500 plus skorzystało 980 dzieci.", "980"),
        ("Świadczenie Dobry Start otrzymało 640 uczniów.", "640", "Świadczeniem „Dobry Start” objęto 702 dzieci.", "702"),
        ("Na świadczenia wychowawcze wypłacono 7,2 mln zł.", "7,2 mln", "Program Rodzina 500+ kosztował 6,8 mln zł.", "6,8 mln"),
        ("Na świadczenie Dobry Start wydano 210 tys. zł.", "210 tys.", "Program 300+ kosztował 190 tys. zł.", "190 tys."),
        # allowances paid to households, whoever the report says received them
        ("Wypłacono dodatki węglowe 512 osobom.", "512", "Dodatek węglowy otrzymało 430 osób.", "430"),
        ("Dodatki mieszkaniowe pobierało 48 rodzin.", "48", "Dodatek mieszkaniowy wypłacono 61 gospodarstwom domowym.", "61"),
        ("Na dodatki węglowe wydano 1,5 mln zł.", "1,5 mln", "Dodatek węglowy kosztował 2 mln zł.", "2 mln"),
        # the homeless counted, the unemployed registered, in any words
        ("W nocy liczenia odnotowano 840 bezdomnych.", "840", "W gminie przebywało 58 osób bezdomnych.", "58"),
        ("Bezrobocie dotyka gminy: zarejestrowanych jest 412 bezrobotnych.", "412", "Bezrobotnych było 380.", "380"),
        # pupils given meals, wherever the school is named
        ("Pomoc w formie posiłku otrzymało 109 uczniów.", "109", "Dożywianiem objęto 88 uczniów szkół podstawowych.", "88"),
        ("Dożywianiem objęto 88 uczniów szkół podstawowych.", "88", "Z posiłków w szkole korzystało 17 dzieci.", "17"),
        ("Świadczenie wychowawcze otrzymało 900 dzieci. W sumie na ten cel wydano 5,4 mln zł.", "5,4 mln",
         "Na świadczenia wychowawcze wypłacono 7,2 mln zł.", "7,2 mln"),  # the aim the sentence before named
        ("W powiecie działa 120 rodzin zastępczych. Przebywa w nich 173 dzieci.", "173",
         "W rodzinnej pieczy zastępczej przebywało 140 dzieci.", "140"),
        ("Wypłacono 21 400 świadczeń rodzinnych – ośrodek przeznaczył na nie 3,9 mln zł.", "3,9 mln",
         "Na świadczenia rodzinne wypłacono 3,1 mln zł.", "3,1 mln"),  # pointing back within the sentence
        ("Z funduszu alimentacyjnego korzystało 48 rodzin.", "48", "Świadczenia z funduszu alimentacyjnego pobierały 52 rodziny.", "52"),
        ("Świadczenia rodzinne pobierało 412 rodzin.", "412", "Liczba rodzin otrzymujących świadczenia rodzinne: 390.", "390"),
        ("Koszty funkcjonowania ośrodka wyniosły 380 tys. zł.", "380 tys.", "Utrzymanie GOPS kosztowało 395 tys. zł.", "395 tys."),
        ("Na realizację gminnego programu profilaktyki i rozwiązywania problemów alkoholowych wydano 184 tys. zł.", "184 tys.",
         "Na przeciwdziałanie alkoholizmowi gmina przeznaczyła 97 tys. zł.", "97 tys."),
        # the centre's spending on all its tasks, in more words
        ("Wydatki ośrodka pomocy społecznej wyniosły 6,4 mln zł.", "6,4 mln",
         "Realizacja wszystkich zadań Gminno-Miejskiego Ośrodka Pomocy Społecznej kosztowała 7,1 mln zł.", "7,1 mln"),
        ("Wydatki ośrodka pomocy społecznej wyniosły 6,4 mln zł.", "6,4 mln", "Na swoją działalność MOPS wydał 38 mln zł.", "38 mln"),
        ("Wydatki ośrodka pomocy społecznej wyniosły 6,4 mln zł.", "6,4 mln",
         "Budżet Miejskiego Ośrodka Pomocy Społecznej zamknął się kwotą 12 400 000 zł.", "12 400 000"),
        ("Wydatki ośrodka pomocy społecznej wyniosły 6,4 mln zł.", "6,4 mln",
         "Budżet ośrodka zamknął się kwotą ponad 4 mln zł. Dokładnie: 4 120 310 zł.", "4 120 310"),  # restated more exactly
        # verbs of spending and of being affected say nothing of the measure
        ("Zasiłki stałe pochłonęły 310 tys. zł.", "310 tys.", "Na zasiłki stałe wydano 295 tys. zł.", "295 tys."),
        ("Pomocą objęto 84 rodziny dotknięte ubóstwem.", "84", "Z powodu ubóstwa pomoc otrzymało 91 rodzin.", "91"),
        # households served by social work are families
        ("Pracą socjalną objęto 120 środowisk.", "120", "Pracą socjalną objęto 131 rodzin.", "131"),
    ],
)
def test_statutory_measures_meet_in_other_words(a: str, raw_a: str, b: str, raw_b: str) -> None:
    assert _measures(a)[raw_a][0] == _measures(b)[raw_b][0]


@pytest.mark.parametrize(
    ("a", "raw_a", "b", "raw_b"),
    [
        ("Zespół ds. przeciwdziałania przemocy w rodzinie powołał grupy robocze, które odbyły 37 posiedzeń.", "37",
         "Odbyło się 64 spotkania grup roboczych.", "64"),  # a team's name gives no reason for help
        ("Od 1 września opłata za pobyt w świetlicy wynosiła 120 zł.", "120",  # a date says nothing of the measure
         "Opłata za pobyt w świetlicy wynosiła 100 zł.", "100"),
        ("Prawie 520 porad udzielono w punkcie konsultacyjnym.", "520",  # nor does a particle ("prawie" is no "prawo")
         "W punkcie konsultacyjnym udzielono też 540 porad.", "540"),
    ],
)
def test_names_of_teams_and_dates_leave_the_measure_and_its_dimensions_alone(a: str, raw_a: str, b: str, raw_b: str) -> None:
    assert _measures(a)[raw_a] == _measures(b)[raw_b]


def test_the_words_after_an_amount_that_open_the_next_item_are_not_its_subject() -> None:
    listed = _measures("Na wyprawki wydano 4 200 zł i na stypendia 9 800 zł.")
    assert listed["4 200"] == _measures("Na wyprawki wydano 5 100 zł.")["5 100"]
    glued = _measures("Na zakup opału wydano 7 300,00 zł.POMOC RZECZOWA obejmowała paczki.")  # a full stop with no space
    assert glued["7 300,00"] == _measures("Na zakup opału wydano 6 900,00 zł.")["6 900,00"]


@pytest.mark.parametrize(
    ("a", "raw_a", "b", "raw_b"),
    [
        ("W 2019 roku założono 27 nowych „Niebieskich Kart”.", "27",
         "Prowadzono 45 procedur „Niebieska Karta”.", "45"),  # begun in the year, not all carried on
        ("W pieczy instytucjonalnej wychowywało się 205 dzieci.", "205",
         "W rodzinnej pieczy zastępczej przebywało 140 dzieci.", "140"),  # the other kind of care
        ("W powiecie działa 64 rodziny zastępcze. Koordynator odwiedził 12 rodzin.", "12",
         "W powiecie działało 120 rodzin zastępczych.", "120"),  # families: too common a unit to be foster families by the topic alone
        ("Gmina wydaje Kartę Dużej Rodziny. W 2019 r. wydano 124 karty.", "124",
         "Wszczęto 31 procedur „Niebieska Karta”.", "31"),  # another card
        ("Na rehabilitację zawodową przeznaczono 52 300 zł.", "52 300",
         "Na rehabilitację społeczną przeznaczono 980 000 zł.", "980 000"),
        ("Policjanci sporządzili 212 formularzy „Niebieska Karta”.", "212",
         "W roku prowadzono ogółem 260 procedur „Niebieska Karta”.", "260"),  # all carried on, not those begun
        ("Odbyło się 64 spotkania grup roboczych.", "64", "Odbyło się 12 posiedzeń zespołu interdyscyplinarnego.", "12"),
        ("W ośrodku pracuje 3 starszych specjalistów pracy socjalnej.", "3",
         "W ośrodku pracuje 5 pracowników socjalnych.", "5"),  # a grade of the post, not all of them
        ("Pomoc sfinansowano kwotą 40 000,00 zł ze środków wojewody.", "40 000,00",
         "Pozostałe 12 000,00 zł pokryto ze środków własnych gminy.", "12 000,00"),
        ("Koszt realizacji programu w 2019 roku wyniósł 96 400,00 zł.", "96 400,00",
         "Pomoc sfinansowano kwotą 40 000,00 zł ze środków wojewody.", "40 000,00"),
        ("Wydano 90 000 zł, w tym ze środków własnych: 20 000 zł, ze środków rządowych: 70 000 zł.", "70 000",
         "Wydano 90 000 zł, w tym ze środków własnych: 20 000 zł, ze środków rządowych: 70 000 zł.", "20 000"),
        ("Ośrodek zatrudniał 23 osoby.", "23", "Pracę podjęło 6 osób, które wcześniej korzystały z pomocy.", "6"),
        ("Liczba rodzin objętych wsparciem asystenta: 41.", "41",
         "Liczba rodzin, z którymi asystent zakończył współpracę: 12.", "12"),
        ("W powiecie działały 63 rodziny zastępcze spokrewnione.", "63", "W powiecie działało 120 rodzin zastępczych.", "120"),
        ("W rodzinnej pieczy zastępczej przebywało 140 dzieci.", "140", "W powiecie działało 120 rodzin zastępczych.", "120"),
        ("Mieszkańcy wydali na alkohol 3 410 000 zł.", "3 410 000",
         "Z opłat za zezwolenia na sprzedaż alkoholu do budżetu wpłynęło 96 tys. zł.", "96 tys."),
        ("Gminę zamieszkiwało 14 230 osób.", "14 230", "Ośrodek objął pomocą 642 osoby.", "642"),
        ("Decyzją przyznano świadczenie 412 osobom.", "412", "Pomocą społeczną objęto 1 290 osób.", "1 290"),
        ("Świadczenie wychowawcze otrzymywało 1 210 dzieci.", "1 210", "Świadczenie Dobry Start otrzymało 640 dzieci.", "640"),
        ("Na świadczenia wychowawcze wypłacono 7,2 mln zł.", "7,2 mln", "Świadczenie wychowawcze otrzymywało 1 210 dzieci.", "1 210"),
        ("Na świadczenia wychowawcze wypłacono 7,2 mln zł.", "7,2 mln", "Na świadczenia rodzinne wypłacono 3,1 mln zł.", "3,1 mln"),
        ("Na świadczenia wychowawcze wypłacono 7,2 mln zł.", "7,2 mln", "Na świadczenie Dobry Start wydano 210 tys. zł.", "210 tys."),
        ("Z posiłków w szkole korzystało 17 dzieci.", "17", "Posiłki otrzymało 40 dzieci w wieku przedszkolnym.", "40"),
        ("Wypłacono dodatki węglowe 512 osobom.", "512", "Dodatek mieszkaniowy wypłacono 61 osobom.", "61"),
        ("Dodatki mieszkaniowe pobierało 48 rodzin.", "48", "Dodatek mieszkaniowy wypłacono 61 osobom.", "61"),  # families, persons
        ("Wypłacono 400 dodatków węglowych na kwotę 1,2 mln zł oraz 90 dodatków dla gospodarstw domowych na kwotę 0,2 mln zł.",
         "1,2 mln", "Wypłacono 400 dodatków węglowych na kwotę 1,2 mln zł oraz 90 dodatków dla gospodarstw domowych na kwotę 0,2 mln zł.",
         "0,2 mln"),  # the allowance for other sources of heat
        ("Wypłacono dodatki węglowe 512 osobom.", "512", "Dodatek osłonowy otrzymało 700 osób.", "700"),
        ("Wypłacono dodatki węglowe 512 osobom.", "512", "Złożono 600 wniosków o dodatek węglowy.", "600"),
        ("Na dodatki węglowe wydano 1,5 mln zł.", "1,5 mln", "Na dodatki mieszkaniowe wydano 0,4 mln zł.", "0,4 mln"),
        ("Z posiłków w szkole korzystało 17 dzieci.", "17", "Z posiłków korzystało 240 osób.", "240"),
        ("W nocy liczenia odnotowano 840 bezdomnych.", "840", "Z powodu bezdomności pomocy udzielono 40 osobom.", "40"),
        ("Schronienia udzielono 120 osobom bezdomnym, z których usamodzielniło się 7 osób.", "7",
         "W nocy liczenia odnotowano 840 bezdomnych.", "840"),  # a part that is no count of the homeless
        ("Z mieszkań dla osób bezdomnych skorzystało 14 osób.", "14", "W nocy liczenia odnotowano 840 bezdomnych.", "840"),
        ("Do szkół podstawowych uczęszcza 640 uczniów.", "640", "Dożywianiem objęto 88 uczniów szkół podstawowych.", "88"),
        ("Z funduszu alimentacyjnego korzystało 48 rodzin.", "48", "Z funduszu alimentacyjnego korzystało 61 osób.", "61"),
        ("W ośrodku pracuje 27 osób.", "27", "Wśród bezrobotnych pracuje 120 osób w niepełnym wymiarze.", "120"),
        ("W urzędzie pracy zarejestrowano 640 bezrobotnych.", "640", "Długotrwale bezrobotnych było 210.", "210"),
        ("W urzędzie pracy zarejestrowano 640 bezrobotnych.", "640", "Bezrobotnych z prawem do zasiłku było 95.", "95"),
        ("Świadczenie rodzinne 500 plus pobierało 900 rodzin.", "900", "Świadczenia rodzinne pobierało 412 rodzin.", "412"),
        ("Na przeciwdziałanie alkoholizmowi gmina przeznaczyła 97 tys. zł.", "97 tys.",
         "Z opłat za zezwolenia na sprzedaż alkoholu wpłynęło 102 tys. zł.", "102 tys."),
        ("Na turnusy rehabilitacyjne przeznaczono 310 tys. zł.", "310 tys.",
         "Na likwidację barier architektonicznych przeznaczono 95 tys. zł.", "95 tys."),  # tasks paid by PFRON
        ("Utrzymanie ośrodka w 2019 r. kosztowało 410 tys. zł.", "410 tys.",
         "Na realizację wszystkich zadań ośrodka wydano 6,2 mln zł.", "6,2 mln"),  # running costs, all spending
        ("MOPS wydał na zasiłki celowe 120 tys. zł.", "120 tys.", "Na swoją działalność MOPS wydał 38 mln zł.", "38 mln"),
        ("Na miejsce w domu pomocy społecznej czekało 6 osób.", "6", "W domach pomocy społecznej przebywało 21 osób.", "21"),
        ("Na umieszczenie w DPS oczekują 4 osoby.", "4", "Gmina opłacała pobyt w DPS 17 osób.", "17"),
        ("Budżet ośrodka na zasiłki stałe wyniósł 210 tys. zł.", "210 tys.",
         "Budżet Miejskiego Ośrodka Pomocy Społecznej zamknął się kwotą 12 400 000 zł.", "12 400 000"),
    ],
)
def test_statutory_measures_stay_apart(a: str, raw_a: str, b: str, raw_b: str) -> None:
    assert _measures(a)[raw_a] != _measures(b)[raw_b]


def test_where_money_came_from_measures_it_only_after_the_number_or_with_no_form_of_help() -> None:
    assert _measures("Na posiłki wydano 8 000 zł ze środków wojewody.")["8 000"][:2] == ("dotacja_budzetu_panstwa", "posiłek")
    spent = _measures("Na zasiłki okresowe (dotacja z budżetu państwa) wydano 52 100,00 zł.")["52 100,00"]
    assert spent[0] != "dotacja_budzetu_panstwa" and spent[1] == "zasiłek okresowy"


def test_a_form_of_help_a_tables_heading_names_is_the_form_of_its_cells() -> None:
    text = "Program dożywiania w 2019 roku\n\nWyszczególnienie\tOgółem\nLiczba osób objętych programem\t215\nKoszt programu (zł)\t98 000\n"
    assert {raw: form for raw, (_key, form, _reason) in _measures(text).items()} == {"215": "posiłek", "98 000": "posiłek"}


def test_a_programme_named_earlier_in_the_paragraph_is_the_one_a_programme_measure_means() -> None:
    one = _measures("W 2019 roku gmina prowadziła program dożywiania dzieci. Łącznie programem objęto 118 osób.")
    assert one["118"][:2] == ("osoby_objete_programem", "posiłek")
    two = _measures("Wypłacano zasiłki okresowe i wydawano posiłki. Łącznie programem objęto 96 osób.")
    assert two["96"][:2] == ("osoby_objete_programem", None)  # two forms named: none is the programme's
    other = _measures("Gmina prowadziła program dożywiania.\n\nŁącznie programem objęto 51 osób.")
    assert other["51"][1] is None  # another paragraph


def test_a_clause_pointing_back_takes_the_form_named_before_it() -> None:
    reason = _measures("Najczęściej pomocy udzielano z powodu bezrobocia. Ta przyczyna dotyczyła 410 rodzin.")["410"]
    assert reason[1:] == (None, "bezrobocie") and reason[0] == _measures("Z powodu bezrobocia pomoc otrzymało 91 rodzin.")["91"][0]
    text = "W tym roku najważniejsze będzie dofinansowanie sprzętu rehabilitacyjnego.\n\nNa ten cel pójdzie 640 tys. zł."
    assert _measures(text)["640 tys."][1] == "sprzęt rehabilitacyjny i środki pomocnicze"
    assert _measures("Program realizuje Ośrodek Interwencji Kryzysowej.\n\nOdbyło się 12 spotkań.")["12"][1] is None


def test_a_number_opening_a_bracket_counts_the_form_named_before_it() -> None:
    listed = _measures("Wypłacano: zasiłek stały (21 osób, kwota 96 tys. zł), zasiłek okresowy (14 osób, kwota 12 tys. zł).")
    assert listed["21"][1] == "zasiłek stały" and listed["14"][1] == "zasiłek okresowy"
    assert listed["14"][0] == _measures("Zasiłek okresowy otrzymało 9 osób.")["9"][0]
    assert listed["12 tys."][1] == "zasiłek okresowy"  # further in the bracket


def test_a_number_after_a_list_of_forms_of_help_counts_help_of_every_form() -> None:
    listed = _measures("Z pomocy (zasiłki celowe, usługi opiekuńcze, praca socjalna) korzystało 412 rodzin.")
    assert listed["412"][1] is None
    shared = _measures("Z zasiłków okresowych, stałych lub celowych skorzystało 1 340 osób.")  # one noun, three forms
    assert shared["1 340"][1] is None
    assert _measures("Z zasiłków stałych skorzystało 210 osób.")["210"][1] == "zasiłek stały"
    own = _measures("Wypłacano zasiłki stałe i okresowe, a z usług opiekuńczych korzystało 12 osób.")
    assert own["12"][1] == "usługi opiekuńcze"  # its own clause names one



def _areas(text: str) -> dict[str, tuple[str, str | None]]:
    """raw → (measure key, area) of every figure of a text report of 2019."""
    return {r["raw"]: (r["measure_key"], r["area"]) for r in _indicators(text)}


def test_a_part_that_names_only_an_area_counts_what_its_total_counts_there() -> None:
    found = _areas("Programem objęto łącznie 318 osób, z tego 121 ze wsi.")
    assert found["318"] == ("osoby_objete_programem", None)
    assert found["121"] == ("osoby_objete_programem", "wieś")
    town = _areas("Odwiedzono 90 rodzin, w tym 55 z terenu miasta.")
    assert town["55"] == (town["90"][0], "miasto")
    table = _areas("Wyszczególnienie\tOgółem\tw tym na wsi\nLiczba osób objętych programem\t402\t166\n")
    assert table["166"] == found["121"] and table["402"] == found["318"]


def test_a_part_with_words_of_its_own_keeps_its_own_measure() -> None:
    found = _areas("Odwiedzono 90 rodzin, w tym 20 rodzin wielodzietnych ze wsi.")
    assert found["20"][0] != found["90"][0] and found["20"][1] == "wieś"
    alone = _areas("W mieście odwiedzono 60 rodzin.")  # the town, said of no part, is the whole town
    assert alone["60"][1] is None


def test_the_countryside_is_a_dimension_not_a_word_of_the_key() -> None:
    rural = measure_of("rodzina", "", "na wsi odwiedzono")
    assert (rural.key, rural.area) == (measure_of("rodzina", "", "odwiedzono").key, "wieś")


FILLER = "Ta część sprawozdania opisuje, jak zadanie prowadzono przez cały rok i kto w nim uczestniczył. " * 3


def test_an_amount_that_names_nothing_of_its_own_is_what_its_section_is_about() -> None:
    text = (f"I. DOWÓZ UCZNIÓW NIEPEŁNOSPRAWNYCH\n\n{FILLER}\n\nWydano łącznie: 12 300,00 zł.\n\n"
            f"II. UTRZYMANIE ŚWIETLIC\n\n{FILLER}\n\nWydano łącznie: 40 000,00 zł.\n")
    found = _measures(text)
    assert found["12 300,00"][0] != found["40 000,00"][0]
    other = _measures(f"I. Dowóz uczniów niepełnosprawnych\n\n{FILLER}\n\nOgółem wydano 9 100,00 zł.\n")
    assert other["9 100,00"][0] == found["12 300,00"][0]
    budget = _measures(f"I. ROZDZIAŁ 85215 DODATKI MIESZKANIOWE\n\n{FILLER}\n\nWydano łącznie: 8 800,00 zł.\n")
    assert budget["8 800,00"][0] == "zł|rozdz_85215"  # a budget line's code is what its amounts measure


def test_a_word_read_as_a_noun_before_a_verb() -> None:
    from extract.measures import content_lemma

    assert content_lemma("zadania") == "zadanie" and content_lemma("objęto") == "objąć"


def test_the_dot_of_a_rows_number_does_not_end_its_label() -> None:
    numbered = _measures("Wyszczególnienie\tKwota (zł)\n1. Opłaty za pobyt w domach pomocy społecznej\t84 200\n"
                         "2. Dowóz uczniów niepełnosprawnych\t12 300\n")
    assert numbered["84 200"][0] != numbered["12 300"][0]
    assert numbered["12 300"][0] == _measures("Wyszczególnienie\tKwota (zł)\nDowóz uczniów niepełnosprawnych\t9 900\n")["9 900"][0]


def test_food_aid_is_a_form_of_help_and_needy_people_from_the_area_are_people_helped() -> None:
    food = _measures("W ramach programu wydano 9 tys. kg żywności dla 212 osób potrzebujących z terenu gminy.")
    assert food["212"][1] == "pomoc żywnościowa"
    assert food["212"][0] == _measures("Paczki żywnościowe otrzymało 140 osób.")["140"][0]
    benefit = _measures("Zasiłki celowe na zakup żywności otrzymało 35 rodzin.")
    assert benefit["35"][1] == "zasiłek celowy"


def test_a_part_that_names_only_a_sex_counts_what_its_total_counts_among_them() -> None:
    found = _areas("Gminę zamieszkiwało 14 230 osób, w tym 7 310 kobiet.")
    assert found["7 310"][0] == found["14 230"][0]


@pytest.mark.parametrize(
    ("text", "raw", "age"),
    [
        ("Przemocy doznało 47 osób małoletnich.", "47", "<18"),
        ("Pokrzywdzonych było 230 osób dorosłych.", "230", "18+"),
        ("Pokrzywdzonych było 230 osób, w tym kobiet małoletnich nie odnotowano.", "230", None),
    ],
)
def test_minors_and_adults_are_an_age_group_not_words_of_the_key(text: str, raw: str, age: str | None) -> None:
    row = next(r for r in _indicators(text) if r["raw"] == raw)
    assert row["qualifiers"]["age"] == age
    assert "małoletni" not in row["measure_key"] and "dorosły" not in row["measure_key"]


@pytest.mark.parametrize(
    ("text", "lemmas"),
    [
        ("3. Renty socjalne –", ["renta"]),  # a list item's capital, not a name's
        ("Zasiłki okresowe", ["zasiłek"]),
        ("Ruda Śląska", []),  # a town's name of two capitalised words
        ("w Gnieźnie", []),
    ],
)
def test_a_capital_that_opens_a_list_item_is_no_name(text: str, lemmas: list[str]) -> None:
    found = lemmas_of(text, "rodzina")
    assert set(lemmas) <= set(found) if lemmas else found == []


def test_adjectives_of_places_stay_out_of_keys() -> None:
    one = _measures("Do płockiego ośrodka zgłosiło się 40 rodzin.")["40"]
    other = _measures("Do ośrodka zgłosiło się 52 rodziny.")["52"]
    assert one == other


def _stages(text: str) -> dict[str, tuple[str, str | None]]:
    """raw → (measure key, stage) of every figure of a text report of 2019."""
    return {r["raw"]: (r["measure_key"], r["stage"]) for r in _indicators(text)}


def test_a_plan_is_a_stage_of_the_measure_its_execution_is() -> None:
    prose = _stages("Zaplanowane środki w rozdziale 85219 wynosiły 412 300,00 zł, a wydatkowano 409 850,12 zł.")
    assert prose["412 300,00"] == ("zł|rozdz_85219", "plan") and prose["409 850,12"] == ("zł|rozdz_85219", None)
    table = _stages("Wyszczególnienie\tPlan\tWykonanie\nRozdział 85228 Usługi opiekuńcze\t96 000,00\t94 310,55\n")
    assert table["96 000,00"] == (table["94 310,55"][0], "plan") and table["94 310,55"][1] is None
    assert _stages("Wykonanie planu wydatków wyniosło 88 120 zł.")["88 120"][1] is None
    assert _stages("Ośrodek działał przy zatrudnieniu 31 osób i planowanym budżecie 2 mln zł.")["31"][1] is None
    fees = _stages("Z opłat za zezwolenia miało wpłynąć 70 tys. zł. Z opłat za zezwolenia wpłynęło 76 tys. zł.")
    assert fees["70 tys."] == ("oplaty_za_zezwolenia", "plan") and fees["76 tys."] == ("oplaty_za_zezwolenia", None)
    future = _stages("Na turnusy rehabilitacyjne pójdzie 310 tys. zł, a 95 tys. zł zostanie przeznaczone na likwidację barier. "
                     "W budżecie zabezpieczono 40 tys. zł na sprzęt rehabilitacyjny. Na turnusy rehabilitacyjne wydano 280 tys. zł.")
    assert [future[raw][1] for raw in ("310 tys.", "95 tys.", "40 tys.", "280 tys.")] == ["plan", "plan", "plan", None]
    assert future["310 tys."][0] == future["280 tys."][0]  # the verb of a plan is no word of the key
    to_be = _stages("Wydatki na utrzymanie ośrodka mają wynosić 150 tys. zł, a zasiłki celowe będą kosztowały 60 tys. zł.")
    assert to_be["150 tys."] == ("koszt_utrzymania_osrodka", "plan") and to_be["60 tys."][1] == "plan"
    verbs = _stages("Na rehabilitację społeczną centrum przekaże 64 tys. zł. Gmina Lipno otrzyma 7 tys. zł na asystenta. "
                    "Przed rokiem było 52 tys. zł, teraz będzie 57 tys. zł. Na rehabilitację społeczną centrum przekazało 61 tys. zł. "
                    "Opłata wynosi 320 zł.")
    assert [verbs[raw][1] for raw in ("64 tys.", "7 tys.", "57 tys.")] == ["plan"] * 3  # a perfective verb's present: the future
    assert [verbs[raw][1] for raw in ("52 tys.", "61 tys.", "320")] == [None] * 3  # the past; "wynosi" reads as the present
    shared = _stages("Na sport centrum przekaże 40 tys. zł, a na sprzęt rehabilitacyjny 210 tys. zł. "
                     "Na sport wydano 38 tys. zł, a na sprzęt rehabilitacyjny 190 tys. zł.")
    assert [shared[raw][1] for raw in ("40 tys.", "210 tys.", "38 tys.", "190 tys.")] == ["plan", "plan", None, None]  # a verbless clause shares the verb


def test_an_amount_per_inhabitant_or_an_average_is_not_the_total() -> None:
    total = _measures("Mieszkańcy gminy wydali na alkohol 4,2 mln zł.")["4,2 mln"]
    per_head = _measures("Na jednego mieszkańca przypadło 240 zł wydatków na alkohol.")["240"]
    average = _measures("Na alkohol każdy mieszkaniec wydał średnio 310 zł.")["310"]
    assert per_head[0] != total[0] and average[0] != total[0]
    assert per_head[0] == _measures("Wydatki na alkohol w przeliczeniu na 1 mieszkańca wyniosły 198 zł.")["198"][0]
    assert "jednego" not in _measures("Na jednego mieszkańca przypadło 240 zł wydatków na alkohol.")  # no figure
    assert _measures("Każdy z 9 100 mieszkańców wydał na alkohol średnio 310 zł.")["9 100"][0].count("|") <= 1
    assert _measures("Wydano 5 300 posiłków, średnio 21 dziennie.")["5 300"] == _measures("Wydano 5 300 posiłków.")["5 300"]


def test_meals_counted_as_benefits_are_meals() -> None:
    benefits = _measures("W ramach dożywiania przyznano 4 210 świadczeń.")["4 210"]
    assert benefits == _measures("Wydano 5 300 posiłków.")["5 300"]
    assert _measures("Przyznano 120 świadczeń w formie zasiłku okresowego.")["120"][0] != benefits[0]


def test_words_that_only_say_people_needed_help_stay_out_of_the_key() -> None:
    needy = _measures("Paczki żywnościowe trafiły do 180 osób znajdujących się w trudnej sytuacji życiowej.")["180"]
    assert needy == _measures("Paczki żywnościowe otrzymało 140 osób.")["140"]


def test_people_counted_after_their_families_are_people_in_those_families() -> None:
    restated = _measures("Z pomocy skorzystało 410 rodzin z terenu gminy, czyli łącznie 1 020 osób.")["1 020"]
    assert restated[0] == _measures("Pomocy udzielono 208 rodzinom, a w nich 530 osobom.")["530"][0] == "osoby_w_rodzinach"
    assert _measures("Gminę zamieszkuje 30 kobiet i 20 mężczyzn, czyli łącznie 50 osób.")["50"][0] != "osoby_w_rodzinach"
    next_sentence = _measures("Pomocy udzielono 410 rodzinom, czyli 1 020 osobom. 640 osób otrzymało zasiłek.")["640"]
    assert next_sentence[0] != "osoby_w_rodzinach"  # the sentence before is not its clause


def test_the_narrower_of_two_forms_named_together_is_the_form() -> None:
    found = _measures("W powiecie działają 3 rodziny zawodowe pełniące funkcję pogotowia rodzinnego.")["3"]
    assert found == ("rodziny_zastepcze", "pogotowie rodzinne", None)


def test_a_part_whose_noun_is_left_out_counts_in_its_totals_unit() -> None:
    found = _indicators("Działa 12 rodzin zastępczych zawodowych, w tym trzy pełniące funkcję pogotowia rodzinnego.")
    part = next(r for r in found if r["raw"] == "trzy")
    assert (part["unit"], part["measure_key"], part["form"]) == ("rodzina", "rodziny_zastepcze", "pogotowie rodzinne")


@pytest.mark.parametrize(
    ("words", "kept"),
    [
        ("w ramach programu", ["program"]),  # "w ramach": within, not a frame
        ("wyniosła w zakresie dożywiania", ["dożywianie"]),  # "wyniosła" read as the adjective
        ("kształtowała się na poziomie", []),
        ("razem świadczenia rodzinne", ["świadczenie", "rodzinny"]),  # "razem" read as "raz"
    ],
)
def test_words_of_amounting_and_of_scope_stay_out_of_keys(words: str, kept: list[str]) -> None:
    from extract.measures import lemmas_of

    assert lemmas_of(words, "zł") == kept


def test_a_centre_that_helped_people_is_not_a_count_of_its_staff() -> None:
    helped = _measures("Ośrodek Pomocy Społecznej w Lipnicy objął pomocą 530 osób.")["530"][0]
    assert helped == _measures("W 2021 roku 1 950 osób korzysta ze wsparcia ośrodka.")["1 950"][0] == "osoby_w_rodzinach"
    staff = _measures("Wyszczególnienie\tLiczba osób\nOŚRODKI POMOCY SPOŁECZNEJ\t41\n")["41"][0]  # the statutory form's rows
    assert staff == _measures("Ośrodek zatrudniał 24 osoby.")["24"][0] == "zatrudnieni"


def test_a_relative_clause_inside_the_clause_before_a_number_does_not_cut_it() -> None:
    fees = _measures("Z opłat za zezwolenia na sprzedaż alkoholu, które zasilają program gminy, uzyskano 88 tys. zł.")
    assert fees["88 tys."][0] == "oplaty_za_zezwolenia"
    text = "Rodzinom, które utraciły dom w pożarze, przyznano 12 zasiłków"
    assert clause_before(text, text.index("12")) == "Rodzinom przyznano "
    text = "Asystent opracowuje plan, który zawiera cele. W 2020 roku objęto wsparciem 41 rodzin"
    assert clause_before(text, text.index("41")) == "W 2020 roku objęto wsparciem "  # not across a sentence


def test_the_units_own_word_in_another_reading_stays_out_of_the_key() -> None:
    from extract.measures import lemmas_of

    assert lemmas_of("paczek żywnościowych", "paczka") == ["żywnościowy"]  # "paczek" also reads as a noun of its own


def test_the_monthly_cost_of_a_care_home_resident_is_one_measure_in_a_list_or_in_prose() -> None:
    listed = _measures("Starosta podaje średni miesięczny koszt utrzymania mieszkańca w domach pomocy społecznej w 2019 roku:\n"
                       "1) Dom Pomocy Społecznej w Lipowie - 3.410 zł\n2) Dom PomocySpołecznej w Borkach - 3.655 zł\n")
    prose = _measures("Miesięczny koszt utrzymania mieszkańca w Domu Pomocy Społecznej w Jaworze wynosi 4 120 zł.")["4 120"]
    assert listed["3.410"] == listed["3.655"] == prose
    assert prose[0] == "koszt_utrzymania_w_dps" and prose[1] == "dom pomocy społecznej"
    spending = _measures("Gmina wydała na opłaty za pobyt mieszkańców w domach pomocy społecznej 215 000 zł.")["215 000"]
    assert spending[0] != prose[0]


def test_a_list_reads_its_lead_in() -> None:
    items = _measures("Liczba rodzin objętych wsparciem asystenta rodziny w gminach powiatu:\n- Lipowo – 12 rodzin,\n- Borki – 9 rodzin.\n")
    assert items["12"] == items["9"] == _measures("Wsparciem asystenta rodziny objęto 15 rodzin.")["15"]
    assert items["12"][0] == "rodziny_z_asystentem_rodziny"
    assert _measures("Zadania gminy:\n- Lipowo – 12 rodzin.\n")["12"][0] == "rodzina"  # only the vocabulary's measures: no "zadanie"
    unmarked = _measures("Miesięczny koszt utrzymania mieszkańca domu pomocy społecznej wynosi:\n\n"
                         "w roku 2020 – 3 410 zł,\n\nw roku 2021 – 3 620 zł.\n\nWnioski składa się w ośrodku w 14 dni.")
    assert unmarked["3 410"][0] == unmarked["3 620"][0] == "koszt_utrzymania_w_dps"  # lines after a colon alike: items
    assert unmarked["14"][0] != "koszt_utrzymania_w_dps"  # a line of another shape ends the list


def test_items_of_one_list_count_in_the_unit_some_of_them_name() -> None:
    found = {r["raw"]: r["unit"] for r in _indicators(
        "Koszt utrzymania mieszkańca w domach pomocy społecznej:\n1)Dom Pomocy Społecznej w Lipowie -3.299\n"
        "2)Dom Pomocy Społecznej w Borkach - 3.177zł.\n")}
    assert found == {"3.299": "zł", "3.177": "zł"}
    mixed = {r["raw"]: r["unit"] for r in _indicators("Działania:\n- 12 spotkań,\n- 4 szkolenia,\n- 30.\n")}
    assert mixed["30"] is None  # items naming two units: the third takes neither


def test_a_list_written_in_one_sentence_after_a_colon_holds_amounts_in_a_paragraph_of_money() -> None:
    text = "Gmina otrzyma dotację 72 000 zł na świetlice. Oto lista placówek: Lipno - 21 000 , Borki - 11 500, Wola - 12 900, Górki - 8 300."
    assert {r["raw"]: r["unit"] for r in _indicators(text)} == {"72 000": "zł", "21 000": "zł", "11 500": "zł", "12 900": "zł", "8 300": "zł"}
    counts = "W świetlicach byli uczniowie. Oto lista placówek: Lipno - 260 , Borki - 110, Wola - 124."
    assert {r["unit"] for r in _indicators(counts)} == {None}  # no money named before the colon


def test_a_table_dumped_as_lines_counts_what_its_heading_names_column_by_column() -> None:
    text = ("Powody przyznania pomocy w 2020 roku\n\nPowód Liczba rodzin Liczba osób w rodzinach\n\nUbóstwo\n\n412 1 030\n\n"
            "Bezrobocie 2804 6150\n\nBezdomność x 31\n\nŹródło: dane ośrodka.")
    found = {r["raw"]: (r["unit"], r["reason"]) for r in _indicators(text)}
    assert {raw: unit for raw, (unit, _reason) in found.items()} == {"412": "rodzina", "1 030": "osoba", "2804": "rodzina",
                                                                     "6150": "osoba", "31": "osoba"}  # "x": an empty cell keeps its column
    assert found["6150"][1] == "bezrobocie" and found["31"][1] == "bezdomność"


def test_people_suffering_or_using_violence_are_the_procedures_two_measures_in_any_wording() -> None:
    suffering = _measures("W gminie było 85 osób, co do których istnieje podejrzenie, że są dotknięte przemocą.")["85"]
    assert suffering == _measures("Procedurą objęto 64 osoby doznające przemocy w rodzinie.")["64"]
    assert suffering == ("osoby_doznajace_przemocy", None, "przemoc w rodzinie")
    using = _measures("Wobec 51 osób, co do których istnieje podejrzenie, że stosują przemoc, prowadzono działania.")["51"]
    assert using[0] == _measures("Zatrzymano 23 sprawców przemocy domowej.")["23"][0] == "osoby_stosujace_przemoc"
    said = _measures("W przypadku 312 osób policja ma podejrzenie, że stosują przemoc.")["312"]
    found = _measures("W związku z przemocą w rodzinie ustalono 97 sprawców, z czego 80 mężczyzn.")["97"]
    assert said[0] == found[0] == "osoby_stosujace_przemoc"  # a complement clause after the noun; perpetrators where violence is named
    assert _measures("Ustalono 12 sprawców kradzieży.")["12"][0] != "osoby_stosujace_przemoc"
    harmed = _measures("Policja odnotowała 210 osób pokrzywdzonych, w tym 160 kobiet.")["210"]
    suspected = _measures("Na 118 podejrzanych o stosowanie przemocy 70 było pod wpływem alkoholu.")["118"]
    assert harmed[0] == "osoby_doznajace_przemocy" and suspected[0] == "osoby_stosujace_przemoc"  # those harmed: of violence
    assert _measures("Pomocy udzielono 40 osobom pokrzywdzonym przestępstwem.")["40"][0] != "osoby_doznajace_przemocy"


def test_a_relative_clause_after_the_noun_names_the_vocabularys_measure() -> None:
    helped = _measures("W 2019 roku było 275 rodzin, które skorzystały z pomocy ośrodka.")["275"]
    assert helped[0] == "rodziny_objete_pomoca"
    own = _measures("Wsparciem asystenta rodziny objęto 30 rodzin, które korzystały też z pomocy ośrodka.")["30"]
    assert own[0] == "rodziny_z_asystentem_rodziny"  # the figure's own words first


def test_forms_and_reasons_of_help_in_the_acts_wording() -> None:
    assert _measures("Składki na ubezpieczenia emerytalne i rentowe opłacono za 14 osób.")["14"][1] == \
        "składka na ubezpieczenia emerytalne i rentowe"
    mothers = _measures("Zasiłki z tytułu ochrony macierzyństwa pobierało 22 rodziny.")["22"]
    assert mothers[2] == "potrzeba ochrony macierzyństwa" and "tytuł" not in mothers[0] and "ochrona" not in mothers[0]
    benefits = _measures("Referat objął świadczeniami rodzinnymi 401 rodzin.")["401"]
    assert benefits[0] != "rodziny_objete_pomoca"  # family benefits, another act than social assistance


def test_cells_of_one_row_under_alike_headers_are_told_apart_by_their_column() -> None:
    """A statutory form's groups of columns ("OGÓŁEM | w tym na wsi" under each group) whose
    group names a dump lost: the first cell stays the row's whole, each later one gets its column."""
    from extract.panel import build_panel, panel_candidates

    rows = _indicators("Program dożywiania\n\n"
                       "WYSZCZEGÓLNIENIE\tNr\tOGÓŁEM\tw tym na wsi\tOGÓŁEM\tw tym na wsi\n"
                       "Liczba osób objętych programem ogółem\t1\t140\t60\t35\t12\n"
                       "Koszt programu ogółem (w zł)\t2\t98 000\t41 000\t20 500\t7 300\n")
    columns = {r["raw"]: (r["measure_key"], r["area"], r["column"]) for r in rows}
    assert columns == {
        "140": ("osoby_objete_programem", None, None), "60": ("osoby_objete_programem", "wieś", None),
        "35": ("osoby_objete_programem", None, 5), "12": ("osoby_objete_programem", "wieś", 6),
        "98 000": ("koszt_programu", None, None), "41 000": ("koszt_programu", "wieś", None),
        "20 500": ("koszt_programu", None, 5), "7 300": ("koszt_programu", "wieś", 6),
    }
    documents = [{"doc_id": "d", "year": 2019, "teryt": "1465011", "municipality": "Warszawa", "source_path": "r.txt"}]
    panel = build_panel(panel_candidates(rows, documents))
    assert sorted(r["value"] for r in panel if r["measure_key"] == "osoby_objete_programem") == [12, 35, 60, 140]


def test_a_row_of_years_needs_no_column() -> None:
    rows = _indicators("Wyszczególnienie\t2017\t2018\t2019\nRodziny objęte pomocą\t210\t190\t175\n")
    assert {(r["year"], r["column"]) for r in rows} == {(2017, None), (2018, None), (2019, None)}


def test_age_groups_a_tables_row_labels_name_are_dimensions() -> None:
    rows = _indicators("Mieszkańcy gminy\n\nWyszczególnienie\t2018\t2019\n"
                       "Liczba mieszkańców ogółem\t5 210\t5 180\nWiek 0-14\t1 020\t990\n"
                       "Wiek 15-59\t3 400\t3 390\n60 lat i więcej\t790\t800\n")
    ages = {(r["raw"], r["year"], r["qualifiers"]["age"]) for r in rows}
    assert ages == {("5 210", 2018, None), ("5 180", 2019, None), ("1 020", 2018, "0-14"), ("990", 2019, "0-14"),
                    ("3 400", 2018, "15-59"), ("3 390", 2019, "15-59"), ("790", 2018, "60+"), ("800", 2019, "60+")}


def test_the_older_acts_kinds_of_benefit_are_forms_of_their_own() -> None:
    """The 1990 Act's zasiłek stały wyrównawczy and zasiłek okresowy gwarantowany: one form in
    any wording, another than the plain zasiłek stały or okresowy."""
    steady = _measures("Zasiłki stałe wyrównawcze pobierało 17 rodzin.")["17"]
    assert steady == _measures("Z zasiłku stałego wyrównawczego skorzystało 21 rodzin.")["21"] == ("rodzina", "zasiłek stały wyrównawczy", None)
    assert steady != _measures("Zasiłek stały pobierało 15 rodzin.")["15"]
    guaranteed = _measures("Zasiłek okresowy gwarantowany otrzymały 4 rodziny.")["4"]
    assert guaranteed == ("rodzina", "zasiłek okresowy gwarantowany", None)
    assert guaranteed != _measures("Zasiłki okresowe otrzymało 96 rodzin.")["96"]


def test_a_form_or_reason_in_a_figures_own_phrase_outranks_one_named_before_it() -> None:
    listed = _measures("Zasiłki celowe kosztowały 90 tys. zł, ponad 45 tys. zł zasiłki okresowe.")
    assert listed["90 tys."][1] == "zasiłek celowy" and listed["45 tys."][1] == "zasiłek okresowy"
    reasons = _measures("Bezradność dotknęła 210 rodzin, 180 – alkoholizm, a 95 rodzin niepełnosprawność.")
    assert [reasons[raw][2] for raw in ("210", "180", "95")] == [
        "bezradność w sprawach opiekuńczo-wychowawczych", "alkoholizm", "niepełnosprawność"]


def test_the_parts_a_sentence_opening_with_to_lists_count_what_the_whole_counts() -> None:
    """"… 90 osób dotkniętych przemocą. To 60 kobiet i 30 mężczyzn.": women and men who suffer
    violence, told apart by sex; the object before the verb ("Przemocy doznało") names it too."""
    found = _measures("Zespół prowadził sprawy 90 osób dotkniętych przemocą w rodzinie. To 60 kobiet i 30 mężczyzn.\n\n"
                      "Przemocy w rodzinie doznało 75 osób. Przemoc stosowało 41 osób.")
    assert found["60"] == found["30"] == found["90"] == found["75"] == (
        "osoby_doznajace_przemocy", None, "przemoc w rodzinie")
    assert found["41"][0] == "osoby_stosujace_przemoc"
    sexes = {r["raw"]: r["qualifiers"]["sex"] for r in _indicators("Zespół prowadził sprawy 90 osób dotkniętych przemocą. To 60 kobiet i 30 mężczyzn.")}
    assert (sexes["60"], sexes["30"]) == ("female", "male")


def test_institutions_a_staff_table_sections_and_a_count_of_staff_name_are_dimensions() -> None:
    """The statutory staff table's section rows head the rows under them; a count of staff takes
    the institution its sentence names, else the report's issuer; the gmina's own centre is none."""
    from extract.pipeline import document_rows
    from extract.readers.text import text_to_document

    def institutions(text: str) -> dict[str, tuple[str, str | None]]:
        rows = document_rows(text_to_document(text, "r.txt", "txt"), "d", "r.txt")["indicators"]
        return {r["raw"]: (r["measure_key"], r["institution"]) for r in rows}

    pcpr = "powiatowe centrum pomocy rodzinie"
    table = institutions("Sprawozdanie Gminnego Ośrodka Pomocy Społecznej za rok 2019.\n\n"
                         "Ośrodek zatrudniał 9 pracowników socjalnych. W PCPR pracuje 5 pracowników socjalnych.\n\n"
                         "Wyszczególnienie\tLiczba osób\nOGÓŁEM\t30\nPOWIATOWE CENTRA POMOCY RODZINIE\t4\n"
                         "z tego: dyrektor\t1\npracownicy socjalni\t3\nOŚRODKI POMOCY SPOŁECZNEJ\t26\n"
                         "z tego: kierownicy\t2\npracownicy socjalni\t12\n")
    assert [table[raw][1] for raw in ("9", "5", "30", "4", "1", "3", "26", "2", "12")] == [
        None, pcpr, None, pcpr, pcpr, pcpr, None, None, None]
    assert table["3"][0] == table["12"][0]  # one measure, two institutions
    issued = institutions("Powiatowe Centrum Pomocy Rodzinie w Lipnie\n\nSprawozdanie z działalności za rok 2019.\n\n"
                          "W 2019 r. zatrudnionych było 14 osób. Pomocą objęto 310 rodzin.\n")
    assert issued["14"] == ("zatrudnieni", pcpr) and issued["310"][1] is None  # only staff takes the issuer


def test_a_benefit_named_by_its_reason_and_an_abbreviated_form_meet_their_plain_wordings() -> None:
    assert _measures("Zasiłki z tytułu ochrony macierzyństwa pobierało 14 rodzin.")["14"] == _measures(
        "Z powodu potrzeby ochrony macierzyństwa pomoc otrzymało 12 rodzin.")["12"]
    abbreviated = _measures("Wyszczególnienie\t2000\t2001\nSkładki na ubezpieczenia em.-rent.\t18\t20\n")["20"]
    assert abbreviated[1] == "składka na ubezpieczenia emerytalne i rentowe"


def test_amounts_listed_under_a_paragraph_of_money_are_zloty_and_a_grant_is_a_grant() -> None:
    listed = _indicators("Gminy dostaną dotację z budżetu państwa na utrzymanie ośrodków.\n\n"
                         "  • Lipno 43 000\n  • Kórnik 51 500\n  • Mosina 38 000\n")
    assert {(r["raw"], r["unit"], r["measure_key"]) for r in listed} == {
        ("43 000", "zł", "dotacja_budzetu_panstwa"), ("51 500", "zł", "dotacja_budzetu_panstwa"),
        ("38 000", "zł", "dotacja_budzetu_panstwa")}
    people = _indicators("W gminach mieszka:\n  • Lipno 4300\n  • Kórnik 5150\n")
    assert {r["unit"] for r in people} == {None}  # no money said: no złoty


def test_places_listed_with_counts_in_brackets_count_the_noun_of_the_lead_in() -> None:
    found = {r["raw"]: r["unit"] for r in _indicators("W 2019 roku najwięcej wniosków złożono w gminach: Lipno (12), Skępe (7) "
                                                       "oraz Tłuchowo (5). Najmniej w Kikole (2).")}
    assert found == {"12": "wniosek", "7": "wniosek", "5": "wniosek", "2": None}  # the next sentence has no lead-in
