"""Which figure is part of which, and whether the parts must add up."""

from __future__ import annotations

from extract.model import Figure
from extract.pipeline import extract_figures
from extract.readers.text import text_to_document


def figures_of(text: str) -> list[Figure]:
    """Every figure of a text read as a text dump of a 2020 report."""
    figures, _ = extract_figures(text_to_document(text, "t.txt", "txt"), 2020)
    return figures


def parts_of(text: str) -> dict[str, tuple[str | None, str | None, bool | None]]:
    """raw → (raw of its total, breakdown, exhaustive) for every figure of the text."""
    figures = figures_of(text)
    return {f.raw: (figures[f.parent].raw if f.parent is not None else None, f.breakdown, f.exhaustive) for f in figures}


def test_nested_w_tym_and_a_sentence_opening_w_tym() -> None:
    found = parts_of("385 dzieci (w tym 199 dziewczynek i 186 chłopców) było członkami rodzin. "
                     "W tym wobec 167 dzieci (w tym 93 dziewczynek i 74 chłopców) istniało podejrzenie przemocy.")
    assert found["199"][:2] == found["186"][:2] == ("385", "w tym")
    assert found["167"][:2] == ("385", "w tym")
    assert found["93"][:2] == found["74"][:2] == ("167", "w tym")
    assert found["385"] == (None, None, None)


def test_a_sentence_opening_with_to_and_a_number_lists_parts_of_the_whole_before() -> None:
    found = parts_of("Zespół prowadził sprawy 90 osób doznających przemocy. To blisko 60 kobiet i 30 mężczyzn.")
    assert found["60"] == found["30"] == ("90", "w tym", False)
    other = parts_of("Zespół prowadził sprawy 90 osób. To oznacza 12 osób więcej niż rok wcześniej. "
                     "W ciągu roku założono 40 kart. Tak 30 osób skorzystało z porad.")
    assert other["12"] == other["30"] == (None, None, None)  # "To" before a verb, another opening word: no cue


def test_district_list_under_z_czego_must_add_up() -> None:
    found = parts_of("W 2020 roku łącznie odbyły się 642 spotkania, z czego w poszczególnych dzielnicach:\n"
                     "- Ruda – 159 spotkań,\n- Godula – 47 spotkań,\n- Wirek – 92 spotkania,")
    assert {raw: found[raw] for raw in ("159", "47", "92")} == dict.fromkeys(("159", "47", "92"), ("642", "z czego", True))


def test_z_czego_in_prose_is_a_subset() -> None:
    found = parts_of("52 osoby były motywowane do podjęcia leczenia, z czego 43 podjęły leczenie.")
    assert found["43"] == ("52", "z czego", False)


def test_total_line_after_the_list() -> None:
    found = parts_of("Wyjazdy w dzielnicach:\n· Ruda – 1 wyjazd (odwiedzono 7 rodzin),\n"
                     "· Orzegów – 1 wyjazd (odwiedzono 4 rodziny).\n\nŁącznie odbyły się 2 wyjazdy, odwiedzono 11 rodzin.")
    assert found["7"] == found["4"] == ("11", "łącznie", True)


def test_an_intro_without_cue_or_total_does_not_make_parts() -> None:
    found = parts_of("Pracowano z 12 rodzinami nad:\n- budżetem – w 8 rodzinach,\n- porządkiem – w 12 rodzinach,")
    assert found["8"][0] is None and found["12"][0] is None


def test_sex_letters_in_parentheses() -> None:
    found = parts_of("Liczba uczestników projektu: 89 (71K i 18M).")
    assert found["71"] == found["18"] == ("89", "parenthesis", True)


def test_districts_listed_after_a_colon_split_an_earlier_total() -> None:
    found = parts_of("Programem objęto 169 dzieci i młodzieży. Projekty realizowane były w dzielnicach: "
                     "Godula (34 uczestników), Orzegów (30 uczestników), Ruda (45 uczestników).")
    assert found["34"] == found["30"] == found["45"] == ("169", "list", True)


def test_age_groups_following_a_total_split_it() -> None:
    found = parts_of("Liczba dzieci zapisanych – 96 dzieci, Liczba dzieci poniżej 3 roku życia: 6, "
                     "Liczba dzieci od 3 do 4 roku życia: 32, Liczba dzieci powyżej 6 lat: 58.")
    assert found["6"] == found["32"] == found["58"] == ("96", "list", True)


def test_figures_of_one_district_do_not_split_anything() -> None:
    found = parts_of("W 2020 roku odbyło się 12 spotkań. W dzielnicy Ruda: 5 spotkań, w tym 2 spotkania grupowe.")
    assert found["5"][0] is None


def test_w_tym_ends_with_its_sentence_even_when_the_next_opens_with_a_digit() -> None:
    found = parts_of("Z placówki skorzystało 30 osób, w tym 12 kobiet i 18 mężczyzn. 4 osoby opuściły placówkę. "
                     "W tym okresie ok. 5 osób czekało na miejsce.")
    assert found["12"][:2] == found["18"][:2] == ("30", "w tym")
    assert found["4"] == (None, None, None)


def test_w_tym_keeps_an_abbreviation_inside_the_clause() -> None:
    found = parts_of("Objęto wsparciem 40 rodzin, w tym ok. 15 rodzin wielodzietnych.")
    assert found["15"][:2] == ("40", "w tym")


def test_an_item_split_in_brackets_is_still_the_items_figure() -> None:
    found = parts_of("Pomocy udzielono 20 osobom, w tym:\n\n- ofiary przemocy: 12 (5 kobiet, 7 dzieci),\n"
                     "- sprawcy przemocy: 8 (6 mężczyzn, 2 kobiety).")
    assert found["12"][:2] == found["8"][:2] == ("20", "w tym")
    assert found["5"][:2] == ("12", "parenthesis")


def test_categories_written_as_label_then_number_in_brackets_split_the_total() -> None:
    found = parts_of("Zrealizowano 57 działań (konsultacji 20, mediacji rodzinnych – 30, wizyt – 7).")
    assert {raw: found[raw] for raw in ("20", "30", "7")} == dict.fromkeys(("20", "30", "7"), ("57", "parenthesis", True))


def test_counted_things_in_brackets_are_not_categories_of_a_total_of_another_kind() -> None:
    found = parts_of("Przeprowadzono 57 spotkań (20 rodzin, 30 dzieci).")
    assert found["20"][0] is None and found["30"][0] is None


def test_a_bracketed_paragraph_splits_the_figure_ending_the_paragraph_before() -> None:
    found = parts_of("Usługi świadczone przez pracowników punktu konsultacyjnego w roku sprawozdawczym: 45\n\n"
                     "(porady prawne – 25, porady psychologiczne – 20).")
    assert found["25"] == found["20"] == ("45", "parenthesis", True)


def test_a_bracketed_paragraph_after_prose_that_goes_on_is_not_a_breakdown() -> None:
    found = parts_of("Udzielono 45 porad w punkcie konsultacyjnym dla mieszkańców dzielnicy.\n\n"
                     "(porady prawne – 25, porady psychologiczne – 20).")
    assert found["25"][0] is None and found["20"][0] is None


def test_items_indented_under_an_item_that_announces_them_are_its_parts() -> None:
    found = parts_of("Działania w 2020 roku:\n- liczba porad: 9 w tym:\n  - prawnych – 4\n  - rodzinnych – 5\n"
                     "- liczba wizyt: 12")
    assert found["4"][:2] == found["5"][:2] == ("9", "w tym")
    assert found["12"] == (None, None, None)


def test_indented_items_adding_up_to_the_item_above_are_its_parts() -> None:
    found = parts_of("- ilość posiedzeń: 7\n  - zwyczajnych – 5\n  - nadzwyczajnych – 2\n- ilość uchwał: 3")
    assert found["5"] == found["2"] == ("7", "list", True)


def test_indented_items_that_do_not_add_up_and_were_not_announced_stay_apart() -> None:
    found = parts_of("- liczba opinii dla sądu: 40,\n  - ilość sprawozdań: 38,\n  - ilość widzeń: 87,")
    assert found["38"][0] is None and found["87"][0] is None


def test_an_announced_item_with_its_own_count_of_something_else_is_not_a_part() -> None:
    found = parts_of("- Udział w programie wzięło 30 osób, w tym:\n  - 12 osób w formule grupowej,\n"
                     "  - 18 osób indywidualnie,\n  - odbyło się 40 spotkań grupy.")
    assert found["12"][:2] == found["18"][:2] == ("30", "w tym")
    assert found["40"][0] is None


def test_letter_items_under_z_tego_split_the_total_and_count_its_unit() -> None:
    figures = figures_of("Powołano 1.234 grupy robocze, z tego:\na) w sprawach dzieci – 734,\n"
                         "b) w sprawach osób dorosłych – 500.\nProcedurę wszczęto wobec 387 rodzin.")
    found = {f.raw: f for f in figures}
    assert [(found[r].unit, figures[found[r].parent].raw) for r in ("734", "500")] == [("grupa", "1.234")] * 2
    assert found["387"].parent is None


def test_a_list_that_is_not_linked_leaves_its_items_units_alone() -> None:
    figures = figures_of("Odbyło się 11 posiedzeń, w tym:\n- zwyczajne – 9,\n- różne: 4 wnioski i 2 opinie.")
    assert [(f.raw, f.unit, f.parent) for f in figures][1] == ("9", None, None)


def test_age_groups_of_another_kind_do_not_split_a_total() -> None:
    found = parts_of("Udział wzięło 5 osób dorosłych, 3 dzieci w wieku 2-4 lat oraz 1 dziecko w wieku 6 lat.")
    assert found["3"][0] is None and found["1"][0] is None


def test_a_total_word_after_a_listed_breakdown_makes_the_items_its_parts() -> None:
    found = parts_of("Liczba placówek: świetlice – 7, kluby – 3, ogniska – 2; łącznie 12.")
    assert found["7"] == found["3"] == found["2"] == ("12", "łącznie", True)


def test_a_total_word_without_a_list_before_it_links_nothing() -> None:
    found = parts_of("Objęto pomocą 40 rodzin i 12 osób samotnych, razem 52 gospodarstwa.")
    assert found["40"][0] is None and found["12"][0] is None


def test_an_unannounced_list_adding_up_to_a_figure_of_its_intro_splits_it() -> None:
    found = parts_of("Zakończono pracę z 40 rodzinami. Przyczyny:\n- poprawa – 25 rodzin,\n- przeprowadzka – 15 rodzin.")
    assert found["25"] == found["15"] == ("40", "list", True)


def test_spośród_naming_its_whole_first_makes_the_later_figures_parts() -> None:
    found = parts_of("Spośród 64 rodzin objętych wsparciem 16 rodzin to rodziny wielodzietne, a 20 rodzin niepełne.")
    assert found["16"][:2] == found["20"][:2] == ("64", "w tym")
    assert found["64"] == (None, None, None)


def test_spośród_nich_refers_back_to_an_earlier_whole() -> None:
    found = parts_of("Pomocą objęto 30 osób. Spośród nich 5 osób podjęło pracę.")
    assert found["5"][:2] == ("30", "w tym")


def test_a_bracket_whose_labels_name_what_they_count_is_no_breakdown() -> None:
    figures = figures_of("Dożywianiem objęto 58 dzieci (liczba rodzin – 31, liczba osób w rodzinach – 140) na kwotę 61 200,00 zł.")
    assert [(f.raw, f.unit, f.parent) for f in figures] == [
        ("58", "dziecko", None), ("31", "rodzina", None), ("140", "osoba", None), ("61 200,00", "zł", None)]
    labelled = figures_of("Udzielono 292 porad (prawnych – 14, psychologicznych – 31).")
    assert [(f.raw, f.unit) for f in labelled] == [("292", "porada"), ("14", "porada"), ("31", "porada")]


def test_items_alike_after_an_item_that_names_no_place_do_not_split_it() -> None:
    text = "Dotacje: klub sportowy – 8 200 zł, Nowa Wieś – 9 700 zł, Dąbrowa – 12 100 zł."
    found = parts_of(text)
    assert found["9 700"][0] is None and found["12 100"][0] is None  # 21 800 is no part of 8 200
