"""Word-level helpers over the dictionary: footnote letters and the genitive plural."""

from __future__ import annotations

import pytest

from extract.morphology import is_future_verb, opens_in_genitive_plural, without_footnote_letter


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Miejscab", "Miejsca"),  # a footnote letter glued to a known word
        ("Podopiecznia", "Podopieczni"),
        ("Mieszkańcyc", "Mieszkańcy"),
        ("Rodziny", "Rodziny"),  # known as written: kept
        ("Kobieta", "Kobieta"),  # ends in "a" and is a word: kept
        ("Xyzqwa", "Xyzqwa"),  # unknown either way: kept
        ("Domb", "Domb"),  # four letters: too short to judge
    ],
)
def test_without_footnote_letter(word: str, expected: str) -> None:
    assert without_footnote_letter(word) == expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Osób starszych", True),
        ("Przewlekle somatycznie chorych", True),  # adverbs before the first adjective are passed
        ("Dzieci i młodzieży", True),
        ("Matek z dziećmi", True),
        ("Miejsca", False),  # a genitive singular, or a nominative
        ("Mieszkańcy", False),
        ("Ogółem", False),
    ],
)
def test_opens_in_genitive_plural(label: str, expected: bool) -> None:
    assert opens_in_genitive_plural(label) is expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("przekaże", True),  # a perfective verb's present form speaks of the future
        ("otrzymają", True),
        ("będzie", True),
        ("przekazał", False),  # the past
        ("wynosi", False),  # reads as an imperfective present too
        ("jest", False),
        ("obejmie", False),  # also a noun's form
        ("rodziny", False),
    ],
)
def test_is_future_verb(word: str, expected: bool) -> None:
    assert is_future_verb(word) == expected
