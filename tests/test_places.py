"""The municipality of a report, from its issuer line, looked up in the TERC register."""

from __future__ import annotations

import pytest

from extract.places import candidate_names, municipality
from extract.readers.text import text_to_document


@pytest.mark.parametrize(
    ("opening", "code", "name"),
    [
        ("Sprawozdanie z działalności Ośrodka Pomocy Społecznej w Chojnie za rok 2016", "3206033", "Chojna"),
        ("Miejski Ośrodek Pomocy Rodzinie w Bielsku-Białej – sprawozdanie", "2461011", "Bielsko-Biała"),
        ("Powiatowe Centrum Pomocy Rodzinie w Bielsku-Białej", "2402", "powiat bielski"),  # the land powiat seated there
        ("Sprawozdanie z działalności Powiatowego Centrum Pomocy Rodzinie w Chojnicach", "2202", "powiat chojnicki"),
        ("Starostwo Powiatu Kamieńskiego. Informacja o pieczy zastępczej", "3207", "powiat kamieński"),
        ("OŚRODEK POMOCY SPOŁECZNEJ GMINY PRAŻMÓW", "1418052", "Prażmów"),
        ("Sprawozdanie z realizacji programu w Gminie Kamień Pomorski", "3207033", "Kamień Pomorski"),
        ("Ośrodek Pomocy Społecznej Dzielnicy Ursus m.st. Warszawy", "1465128", "Ursus"),
        ("MOPS w Tychach, sprawozdanie roczne", "2477011", "Tychy"),
    ],
)
def test_issuer_place_in_the_register(opening: str, code: str, name: str) -> None:
    unit = municipality(text_to_document(opening, "r.txt", "txt"))
    assert unit is not None and (unit.code, unit.label) == (code, name)


@pytest.mark.parametrize(
    "opening",
    [
        "Gminny Ośrodek Pomocy Społecznej w Kamieniu",  # two rural gminas of that name, no voivodeship named
        "Pomoc społeczna w Polsce w roku 2015",  # no municipal body
        "Sprawozdanie z działalności za rok 2016",
    ],
)
def test_no_code_rather_than_a_guess(opening: str) -> None:
    assert municipality(text_to_document(opening, "r.txt", "txt")) is None


def test_a_voivodeship_named_in_the_text_settles_a_shared_name() -> None:
    text = "Gminny Ośrodek Pomocy Społecznej w Kamieniu\n\nGmina leży w województwie podkarpackim."
    unit = municipality(text_to_document(text, "r.txt", "txt"))
    assert unit is not None and unit.code == "1816082"


def test_inflected_words_give_base_forms() -> None:
    assert "Kamień Pomorski" in candidate_names("Kamieniu Pomorskim")
    assert "Bielsko-Biała" in candidate_names("Bielsku-Białej")


@pytest.mark.parametrize(
    ("opening", "code"),
    [
        ("Sprawozdanie z realizacji Gminnego Programu Profilaktyki za rok 2016. Chojna, marzec 2017 r.", "3206033"),
        ("Nazwa jednostki: MGOPS Kamień Pomorski, ul. Długa 1", "3207033"),
        ("POWIATOWE CENTRUM POMOCY RODZINIE W KONINIE – sprawozdanie", "3010"),  # the land powiat, seated in the city
        ("Powiatowe Centrum Pomocy Rodzinie w Nowym Sączu", "1210"),
        ("Miejski Ośrodek Pomocy Rodzinie w Koninie", "3062011"),  # the city's own centre
        ("Miejski Ośrodek Pomocy Społecznej w Szklarskiej Porębie", "0206041"),  # an adjective of another gender
        ("Dom Pomocy Społecznej w Chojnie – plan finansowy na 2021 rok", "3206033"),  # a care home names its town
        ("Placówka Opiekuńczo-Wychowawcza w Tychach. Sprawozdanie", "2477011"),
        ("Koszt pobytu w domu ustala zarządzeniem Starosta Kłodzki.", "0208"),  # the starost's powiat
    ],
)
def test_places_named_otherwise(opening: str, code: str) -> None:
    unit = municipality(text_to_document(opening, "r.txt", "txt"))
    assert unit is not None and unit.code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Mniej potrzebujących. W 2021 roku wsparcie otrzymało w Chojnie 310 rodzin, a najczęstszym powodem pomocy w Chojnie było ubóstwo.",
         "3206033"),
        ("W 2021 roku z pomocy korzystało w Chojnie 310 rodzin.", None),  # named once: no guess
        ("Wsparcie w Chojnie i w Tychach: w Chojnie 310 rodzin, w Tychach 2 400.", None),  # two towns as often
    ],
)
def test_a_news_item_without_a_body_names_its_town_most_often(text: str, code: str | None) -> None:
    unit = municipality(text_to_document(text, "r.txt", "txt"))
    assert (unit.code if unit else None) == code



@pytest.mark.parametrize(("word", "gender", "nominative"), [("Wesołej", "m3", "Wesoły"), ("prawa", "m3", "Prawy"), ("Nowej", "f", "Nowa")])
def test_adjectives_whose_forms_include_ones_without_case_give_their_nominative(word: str, gender: str, nominative: str) -> None:
    from extract.places import adjective_form

    assert adjective_form(word, gender) == nominative  # the dictionary also lists forms such as "wesoło-" with no case
