"""Sections and projects on small texts written for the test, including styles the corpus lacks."""

from __future__ import annotations

import pytest

from extract.readers.text import text_to_document
from extract.segment import find_projects, find_sections, normalise_code, roman_value

FILLER = "Treść tej części sprawozdania opisuje działania prowadzone w ciągu roku przez ośrodek. " * 4


def outline(text: str) -> list[tuple[str | None, str, int]]:
    doc = text_to_document(text, "t.txt", "txt")
    return [(s.number, s.title, s.level) for s in find_sections(doc)]


def test_roman_parts_with_arabic_sections_and_subsections() -> None:
    text = f"I. WSTĘP\n\n{FILLER}\n\n1. Diagnoza\n\n{FILLER}\n\n1.1. Rodziny\n\n{FILLER}\n\nII. FINANSE\n\n{FILLER}"
    assert outline(text) == [("I", "WSTĘP", 1), ("1", "Diagnoza", 2), ("1.1", "Rodziny", 3), ("II", "FINANSE", 1)]


@pytest.mark.parametrize(
    ("heading", "number"),
    [("Rozdział 2 Diagnoza problemów", "2"), ("Część II. Finanse programu", "II"), ("§ 3 Postanowienia końcowe", "3"),
     ("ROZDZIAŁ 4 Realizacja", "4")],
)
def test_keyword_headings(heading: str, number: str) -> None:
    found = outline(f"{heading}\n\n{FILLER}")
    assert found and found[0][0] == number


def test_numbered_list_inside_a_section_is_not_a_section() -> None:
    text = (f"II. TWORZENIE MOŻLIWOŚCI\n\n{FILLER}\n\n1. Motywowanie do zmiany,\n2. Leczenie i rehabilitacja,\n"
            f"3. Praktyka działania zespołów.\n\n{FILLER}")
    assert outline(text) == [("II", "TWORZENIE MOŻLIWOŚCI", 1)]


def test_flat_numbered_chapters_with_content_are_sections() -> None:
    text = f"1. Wstęp\n\n{FILLER}\n\n{FILLER}\n\n2. Diagnoza\n\n{FILLER}\n\n{FILLER}"
    assert [n for n, _t, _l in outline(text)] == ["1", "2"]


def test_run_in_heading_title_stops_at_the_description() -> None:
    found = outline(f"1.1. Bezpieczna rodzina – wspólne działanie pracowników socjalnych i straży.\n\n{FILLER}")
    assert found[0][1] == "Bezpieczna rodzina"


@pytest.mark.parametrize(
    "text",
    ["2020 roku odbyło się 5 spotkań.", "3 dzieci w wieku 2-4 lat.", "1) zapewnienie opieki,", "Ilość dzieci: 5"],
)
def test_not_headings(text: str) -> None:
    assert outline(f"{text}\n\n{FILLER}") == []


@pytest.mark.parametrize(
    ("raw", "code"),
    [("C ₁ K ₇ P ₄", "C1K7P4"), ("C1K7P4", "C1K7P4"), ("[C1K3P6]", "C1K3P6"), ("C ₁ K ₂ P _{2,3}", "C1K2P2,3"),
     ("C₁K₇P_{1,2,3,7}", "C1K7P1,2,3,7")],
)
def test_code_normalisation(raw: str, code: str) -> None:
    assert normalise_code(raw) == code


def test_roman_values() -> None:
    assert [roman_value(r) for r in ("I", "IV", "VI", "IX", "XIV", "XL")] == [1, 4, 6, 9, 14, 40]


def test_coded_project_with_its_facts() -> None:
    text = ("Klub Integracji Społecznej [C₁K₂P₄]\n\n1. Projekt realizowany od 2007 roku.\n"
            "2. Cele założone w projekcie zostały częściowo zrealizowane.\n3. Projekt będzie kontynuowany w 2014 roku.\n\n"
            "„Dom” – szkolenie [C₁K₇P₂]\n\n1. Projekt wykazywany w Strategii od 2003 roku.\n"
            "2. Cele założone w projekcie nie zostały zrealizowane.\n3. Projekt nie będzie realizowany w 2014 roku.")
    doc = text_to_document(text, "t.txt", "txt")
    projects = find_projects(doc, find_sections(doc))
    facts = [(p.name, p.code, p.start_year, p.goals_achieved, p.continues) for p in projects]
    assert facts == [("Klub Integracji Społecznej", "C1K2P4", 2007, "partly", True),
                     ("Dom", "C1K7P2", 2003, "not", False)]


def test_projects_from_the_genre_sentences() -> None:
    text = (f"4.1. Tworzenie grup wsparcia\n\nW 2020 roku Dział realizował projekt „Mądry rodzic”. {FILLER}\n\n"
            f"Zapotrzebowanie: kontynuacja projektu w 2021 roku.\n\n- Ośrodek Adaptacyjny\nOśrodek prowadzi zajęcia. {FILLER}\n\n"
            f"Zapotrzebowanie: kontynuacja projektu w 2021r.")
    doc = text_to_document(text, "t.txt", "txt")
    projects = find_projects(doc, find_sections(doc))
    assert [(p.name, p.continues) for p in projects] == [("Mądry rodzic", True), ("Ośrodek Adaptacyjny", True)]
    assert all(p.need and p.need.startswith("kontynuacja projektu") for p in projects)
