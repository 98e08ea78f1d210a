"""Numbers as Polish reports write them: pure functions, raw text kept beside the value.

>>> parse_number("4 178 255,24")
4178255.24
>>> parse_number("2,968")
2968.0
>>> parse_number("812 tys.")
812000.0
>>> parse_number("dwóch")
2.0
>>> parse_number("kilka") is None
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import regex

from extract.rules import load, require

SPACE = "[ \u00a0\u202f]"
NUMERAL = regex.compile(
    rf"""
    (?<![\w.,/])                          # not glued to a word, code or another number
    (?P<digits>
        [1-9]\d{{0,2}}(?:{SPACE}+\d{{3}})+(?:,\d+)?   # 4 178 255,24 (space or no-break space thousands; "0 760" is two)
      | [1-9]\d{{0,2}}(?:\.\d{{3}})+(?:,\d+)?         # 1.250,50 (dot thousands)
      | \d{{1,3}}(?:,\d{{3}}){{2,}}(?![,.]\d)       # 3,051,292 (comma thousands, English style)
      | \d{{1,3}}\.\d{{1,2}}(?=\s?%)              # 64.49%: a decimal dot before a per cent sign
      | \d+(?:,\d+)?(?!,\d)                      # 149, 23,5, 2,968 (not "4010,4110,4120": a list)
    )
    (?![\d])
    """,
    regex.VERBOSE,
)


SPACES = regex.compile(rf"{SPACE}+")
DIGITS_ONLY = regex.compile(r"[\d.,]+")
DOT_THOUSANDS = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
DOT_DECIMAL = regex.compile(r"\d{1,3}\.\d{1,2}")  # "64.49" before "%": read by the caller that sees the "%"
COMMA_THOUSANDS = regex.compile(r"\d{1,3}(?:,\d{3})+")


@dataclass(frozen=True)
class NumberWords:
    """Number words and scales loaded from ``rules/numbers.yaml``."""

    values: dict[str, int]
    vague: frozenset[str]
    scales: dict[str, int]
    forms: frozenset[str]  # every number word, half and vague word, to tell quickly whether a text has one
    fractions: dict[str, float]  # "pół", "półtora": a number only before a scale word


@cache
def number_words() -> NumberWords:
    """The number-word dictionary, loaded and validated once."""
    data = load("numbers")
    values: dict[str, int] = {}
    for value, forms in require(data, "number_words", dict, "numbers").items():
        for form in forms:
            values[form] = int(value)
    vague = frozenset(require(data, "vague_words", list, "numbers"))
    scales = {k: int(v) for k, v in require(data, "scales", dict, "numbers").items()}
    fractions = {k: float(v) for k, v in require(data, "fractions", dict, "numbers").items()}
    return NumberWords(values, vague, scales, frozenset(values) | vague | frozenset(fractions), fractions)


def parse_digits(raw: str) -> float | None:
    """Parse a numeral written with digits; thousands by space, no-break space or dot.

    A comma followed by exactly three digits reads as a thousands mark ("2,968" → 2968),
    which is how these reports misuse it; callers flag it as suspicious.
    """
    text = SPACES.sub("", raw.strip())
    if not text or not DIGITS_ONLY.fullmatch(text) or not text[0].isdigit():
        return None
    if DOT_THOUSANDS.fullmatch(text):
        text = text.replace(".", "")
    elif "." in text:
        return None
    if COMMA_THOUSANDS.fullmatch(text):
        return float(text.replace(",", ""))  # "2,968", "3,051,292"
    if text.count(",") > 1:
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def parse_number(raw: str) -> float | None:
    """Parse digits, a number word or digits with a scale word; None when not a number."""
    words = number_words()
    text = raw.strip().lower()
    if text in words.values:
        return float(words.values[text])
    if text in words.fractions:
        return words.fractions[text]
    if text in words.vague:
        return None
    parts = text.split()
    if len(parts) > 1 and all(p in words.values for p in parts):
        return compound_words([words.values[p] for p in parts])  # "dwadzieścia jeden", "sto dwadzieścia trzy"
    for scale, factor in words.scales.items():
        if text.endswith(" " + scale) or (text.endswith(scale) and text[: -len(scale)].strip()[-1:].isdigit()):
            base = parse_digits(text[: -len(scale)].strip())
            return None if base is None else round(base * factor, 6)
    return parse_digits(text)


def compound_words(values: list[int]) -> float | None:
    """The number several number words make together, each below the place of the one before
    (hundreds, then tens, then units: 100 + 20 + 3); None for a sequence like "dwa trzy"."""
    for before, after in pairwise(values):
        if after >= 10 ** (len(str(before)) - 1):
            return None
    return float(sum(values))


AMBIGUOUS_COMMA = regex.compile(r"\d{1,3},\d{3}")


def is_comma_thousands(raw: str) -> bool:
    """True for "2,968": one comma before three digits, a thousands mark or a decimal written
    wrongly, a suspicious format ("3,051,292", with two groups, can only be thousands)."""
    return bool(AMBIGUOUS_COMMA.fullmatch(raw.strip()))


def format_number(value: float) -> str:
    """Write a value the Polish way: space thousands, decimal comma (inverse of parse)."""
    if value == int(value):
        whole, frac = f"{int(value):,}".replace(",", " "), ""
    else:
        text = f"{value:,.2f}"
        whole, frac = text.split(".")
        whole, frac = whole.replace(",", " "), "," + frac
    return whole + frac
