"""Report-level facts against the hand-labelled outlines, in every format of each report."""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS, LABELS

from extract.readers import read
from extract.readers.text import text_to_document
from extract.report import period_cues, report_issuer, report_period, report_programme, report_year

FILES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".docx", ".pdf"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_year_issuer_programme_period(path) -> None:
    expected = json.loads((LABELS / f"{path.stem}.outline.json").read_text(encoding="utf-8"))["report"]
    doc = read(path)
    programme, period = report_programme(doc)
    assert report_year(doc) == expected["year"]
    assert report_issuer(doc) == expected["issuer"]
    assert programme and expected["programme"].startswith(programme)
    assert period == expected["period"]


@pytest.mark.parametrize(
    ("opening", "year", "programme"),
    [
        ("SPRAWOZDANIE Z REALIZACJI GMINNEGO PROGRAMU WSPIERANIA RODZINY ZA ROK 2019\n\nTekst.",
         2019, "GMINNEGO PROGRAMU WSPIERANIA RODZINY"),
        ("Sprawozdanie z realizacji „Gminnego Programu Profilaktyki” w roku 2017\n\n"
         "Gminny Program Profilaktyki i Rozwiązywania Problemów Alkoholowych na lata 2016-2018 realizowano …",
         2017, "Gminnego Programu Profilaktyki"),  # a quoted name comes first
        ("Informacja o działalności MOPS za 2015 r.\n\nOśrodek udzielał pomocy.", 2015, None),
    ],
)
def test_facts_of_openings_written_otherwise(opening: str, year: int, programme: str | None) -> None:
    doc = text_to_document(opening, "r.txt", "txt")
    assert report_year(doc) == year
    assert report_programme(doc)[0] == programme


@pytest.mark.parametrize(
    ("opening", "issuer"),
    [
        ("Powiatowe Centrum Pomocy Rodzinie w Lipnie\n\nSprawozdanie za rok 2019.", "Powiatowe Centrum Pomocy Rodzinie w Lipnie"),
        ("Miejski Ośrodek Pomocy Społecznej w Zielonej Górze\nSprawozdanie", "Miejski Ośrodek Pomocy Społecznej w Zielonej Górze"),
    ],
)
def test_the_issuers_town_ends_with_its_line(opening: str, issuer: str) -> None:
    assert report_issuer(text_to_document(opening, "r.txt", "txt")) == issuer


@pytest.mark.parametrize(
    ("opening", "period"),
    [
        ("Uchwała Nr 12/III/2015 Rady Gminy z dnia 20 marca 2015 r. w sprawie sprawozdania za rok 2014", (2014, 2014, 2014)),
        ("Sprawozdanie z realizacji ustawy z dnia 9 czerwca 2011 r. o wspieraniu rodziny\n\n"
         "W 2021 roku asystenci pracowali z 40 rodzinami. W 2021 roku zatrudniono 3 asystentów.", (2021, 2021, 2021)),
        ("SPRAWOZDANIE Z DZIAŁALNOŚCI OŚRODKA ZA OKRES I - XII 2009", (2009, 2009, 2009)),
        ("Raport z realizacji Gminnego Programu Wspierania Rodziny za lata 2019–2021", (2021, 2019, 2021)),
        ("Ocena zasobów pomocy społecznej za 2014 rok (sporządzona w kwietniu 2015 r.)", (2014, 2014, 2014)),
        ("Sprawozdanie za okres od 1 stycznia 2016 do 31 grudnia 2016 r.", (2016, 2016, 2016)),
        ("Program na lata 2016-2020. Sprawozdanie za rok 2018.", (2018, 2018, 2018)),
        # the edition of a national programme names the year; its distribution runs into the next
        ("Efekty Podprogramu 2018\n\nPaczki wydawano od października 2018 do maja 2019 r. 300 osobom.",
         (2018, 2018, 2018)),
        # a series of years, each once, and nothing else: the report is about the whole series
        ("Opłata za pobyt w domu\n\nw roku 2019 – 3100 zł,\nw roku 2020 – 3250 zł,\nw roku 2021 – 3400 zł.",
         (2021, 2019, 2021)),
        # the assessment form names the previous years; the year assessed is the next one
        ("Ocena zasobów pomocy społecznej\n\nWYSZCZEGÓLNIENIE\nLata poprzednie\nRok oceny\nPROGNOZA\nRok 2016\n"
         "Rok 2017\nRok po ocenie\nDwa lata po ocenie\nMieszkańcy ogółem", (2018, 2018, 2018)),
        # a table of years and nothing else: the report covers the years its headings name
        ("Rodziny objęte pomocą\n\nWyszczególnienie\t2014\t2015\t2016\nRodziny\t120\t131\t118\nOsoby\t300\t310\t296",
         (2016, 2014, 2016)),
        # the base of a comparison and the year something began are not the year reported on
        ("Wydatki na dowóz\n\nPrzewieziono 40 uczniów (stan na koniec 2017 roku), o 6 więcej niż w roku 2016; "
         "koszt wzrósł o 9 tys. zł wobec roku 2016, a niż w roku 2016 więcej było kursów.", (2017, 2017, 2017)),
        ("Święto rodzin\n\nOd 2009 roku gmina organizuje festyn. W 12 rodzinach wychowuje się 20 dzieci.",
         (None, None, None)),
        # a programme's edition named by its year in its title
        ("Program „Wspólna Świetlica 2016”\n\nOśrodek od 2013 roku prowadzi świetlicę. W 2013 roku zajęcia kosztowały "
         "8 000 zł, w 2014 roku 9 100 zł.", (2016, 2016, 2016)),
        # one year named most often stays the report's year
        ("Pomoc w gminie\n\nW 2020 roku wydano 40 decyzji. W 2020 roku pomoc otrzymało 30 rodzin, "
         "w 2019 roku 28.", (2020, 2020, 2020)),
        # a news item dated on publication, about the year before it or its own year
        ("Mniej rodzin z zasiłkiem\n\nW ubiegłym roku ośrodek w Lipowie pomógł 212 rodzinom.\n\n14.03.2018",
         (2017, 2017, 2017)),
        ("Budżet na pomoc\n\nData: 02.06.2011\n\nW tegorocznym budżecie gminy na zasiłki przeznaczono 80 tys. zł.",
         (2011, 2011, 2011)),
        ("Karty w dzielnicach\n\n2021-05-10 9:40\n\nW 2018 założono 120 kart, w 2019 – 131, a w ubiegłym roku – 140.",
         (2020, 2020, 2020)),  # the years it names are earlier ones, compared
        ("Karty w dzielnicach\n\n2021-05-10 9:40\n\nW 2018 założono 120 kart, w 2018 r. – 131 w Lipowie, w 2019 – 133, "
         "a w 2020 – 140. W ubiegłym roku najwięcej kart założono w Borkach.", (2020, 2020, 2020)),
        ("Pomoc w gminie\n\nW ubiegłym roku pomoc otrzymało 30 rodzin.", (None, None, None)),  # undated: unknown
        ("Na kolonie dla dzieci\n\nOpublikowano 12 kwietnia 2019, autor: Jan Lis\n\nStowarzyszenia otrzymały 84 tys. zł.",
         (2019, 2019, 2019)),  # dated, naming no year and neither "last year" nor "this year": its date's
    ],
)
def test_report_period_from_what_the_report_says_of_itself(opening: str, period: tuple) -> None:
    assert report_period(text_to_document(opening, "r.txt", "txt")) == period


@pytest.mark.parametrize("cue", period_cues(), ids=lambda c: c.id)
def test_period_cue_examples(cue) -> None:
    assert cue.must and cue.must_not
    for example in cue.must:
        assert cue.pattern.search(example), example
    for example in cue.must_not:
        assert not cue.pattern.search(example), example
