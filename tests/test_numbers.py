"""Number parsing, table-driven, plus property tests."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.numbers import NUMERAL, format_number, is_comma_thousands, parse_number

CASES = [
    # (raw, value) — as Polish reports write them
    ("149", 149),
    ("4 178 255,24", 4178255.24),
    ("4\u00a0178 255,24", 4178255.24),
    ("4 \u00a0178 255,24", 4178255.24),
    ("1.250", 1250),
    ("1.250,50", 1250.5),
    ("23,5", 23.5),
    ("2,968", 2968),  # a comma as thousands mark: read as thousands, flagged elsewhere
    ("812 tys.", 812000),
    ("1,5 mln", 1500000),
    ("dwóch", 2),
    ("dwie", 2),
    ("jedno", 1),
    ("troje", 3),
    ("pięciu", 5),
    ("dwunastu", 12),
    ("dwadzieścia jeden", 21),
    ("sto dwadzieścia trzy", 123),
    ("dwudziestu pięciu", 25),
    ("trzysta pięć", 305),
    ("0", 0),
]
NOT_NUMBERS = ["", "abc", "kilka", "kilkanaście", "1.2.3", "22.02", ",5", "1,2,3", "dwa trzy", "dwadzieścia trzydzieści"]


@pytest.mark.parametrize(("raw", "value"), CASES)
def test_parse_number(raw: str, value: float) -> None:
    assert parse_number(raw) == pytest.approx(value)


@pytest.mark.parametrize("raw", NOT_NUMBERS)
def test_not_a_number(raw: str) -> None:
    assert parse_number(raw) is None


@pytest.mark.parametrize(("raw", "flag"), [("2,968", True), ("23,5", False), ("2 968", False), ("1,25", False)])
def test_comma_thousands(raw: str, flag: bool) -> None:
    assert is_comma_thousands(raw) is flag


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("razem 2 760 zł", ["2 760"]),
        ("0 760", ["0", "760"]),  # a row of a table: no number starts its thousands with 0
        ("il. 14  0  0  0 540  2", ["14", "0", "0", "0", "540", "2"]),
        ("kw. 1.250,50 i 0.250", ["1.250,50", "0"]),  # nor with dots ("0.250" is no amount)
    ],
)
def test_a_group_of_thousands_never_follows_a_lone_zero(text: str, numbers: list[str]) -> None:
    assert [m.group("digits") for m in NUMERAL.finditer(text)] == numbers


@given(st.text(max_size=40))
def test_parse_never_raises(text: str) -> None:
    parse_number(text)


@given(st.integers(min_value=0, max_value=10**12))
def test_integers_round_trip(value: int) -> None:
    assert parse_number(format_number(value)) == value


@given(st.integers(min_value=0, max_value=10**10), st.integers(min_value=1, max_value=99))
def test_decimals_round_trip(whole: int, cents: int) -> None:
    value = whole + cents / 100
    assert parse_number(format_number(value)) == pytest.approx(value)
