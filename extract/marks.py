"""Places in a report's text that the check judges but that are no figures: a sentence about
the current work naming the previous year, a number in a shape Polish does not use, a count
announced before a list of another length, a number that lost its digits.

The extractor writes them as ``documents.marks`` so that the check reads only the dataset and
no rule parses text again. Each mark: ``kind``, its span, the words as written, the sentence it
stands in, and for a comparison what is stated and what the text gives.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from extract.model import Figure
from extract.rules import load, require

Mark = dict[str, Any]

YEAR_MENTION = regex.compile(r"(?<!\bod\s)(?<!\bdo\s)(?<!dnia\s)\b(?:w|za)\s+(?:roku\s+)?(?P<year>(?:19|20)\d\d)(?!\s*[-–/]\s*\d)(?:\s*r\.?|\s+rok\w*)?")
NOT_CURRENT = regex.compile(r"(?i)porównani|niż\s+w|ubiegł|poprzedni|wcześniej|dotychczas|w\s+latach|któr\w*\s+w\s+(?:roku\s+)?\d{4}")  # "osób, które w 2008 otrzymały …": an earlier event
SENTENCE = regex.compile(r"[^.!?\n]*(?:[.!?](?!\d)|\n|$)")


def mark(kind: str, start: int, end: int, text: str, quote: str, stated: float | None = None,
         expected: float | None = None, why: str | None = None) -> Mark:
    return {"kind": kind, "start": start, "end": end, "written": text[start:end], "quote": quote.strip()[:400],
            "stated": stated, "expected": expected, "why": why}


def text_marks(text: str, year: int | None, figures: list[Figure]) -> list[Mark]:
    """Every mark of a document's text, in order."""
    found = [*previous_years(text, year), *misplaced_numbers(text), *list_counts(text, figures), *damaged(text)]
    return sorted(found, key=lambda m: (m["start"], m["kind"]))


def previous_years(text: str, year: int | None) -> list[Mark]:
    """Sentences about the current work that name the year before the report's ("w 2012 roku"
    in the report for 2013); history, comparisons and ranges are not."""
    if not year or str(year - 1) not in text:
        return []
    current = regex.compile(rf"(?<![-–]\s?){year}(?!\s?[-–]\s?\d)")
    found = []
    for sentence in SENTENCE.finditer(text):
        words = sentence.group()
        if str(year - 1) not in words or current.search(words) or NOT_CURRENT.search(words):
            continue
        for m in YEAR_MENTION.finditer(words):
            if int(m.group("year")) == year - 1:
                start = sentence.start() + m.start("year")
                found.append(mark("previous_year", start, start + 4, text, words, year - 1, year))
    return found


@dataclass(frozen=True)
class Shape:
    """A number shape Polish reports do not use, from ``rules/formats.yaml``."""

    id: str
    why: str
    must: tuple[str, ...]
    must_not: tuple[str, ...]


@cache
def misplaced_separators() -> tuple[regex.Pattern[str], dict[str, Shape]]:
    """One pattern for every shape of ``rules/formats.yaml`` followed by one of its units (each
    shape a named group), and the shapes by group name."""
    data = load("formats")
    shapes = {f"s{i}": Shape(e["id"], e["why"], tuple(e["must"]), tuple(e["must_not"]))
              for i, e in enumerate(require(data, "shapes", list, "formats"))}
    numbers = "|".join(f"(?P<{name}>{e['shape']})" for name, e in zip(shapes, data["shapes"], strict=True))
    units = "|".join(regex.escape(u) for u in sorted(require(data, "units", list, "formats"), key=len, reverse=True))
    pattern = regex.compile(rf"(?<![\w.,/])(?:{numbers})(?![\d.,]\d|\d)[ \u00a0]?(?:{units})(?!\w)", regex.IGNORECASE)
    return pattern, shapes


def misplaced_numbers(text: str) -> list[Mark]:
    """Numbers before a unit in a shape Polish does not use ("2.5 %", "1 20 000 zł")."""
    pattern, shapes = misplaced_separators()
    found = []
    for m in pattern.finditer(text):
        shape = shapes[m.lastgroup or ""]
        start, end = m.span(m.lastgroup)
        line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
        quote = text[max(line_start, start - 150) : min(line_end if line_end >= 0 else len(text), end + 150)]
        found.append({**mark("misplaced_separator", start, end, text, quote, why=shape.why), "written": m.group()})
    return found


LIST_INTRO = regex.compile(r"[^\d\n:.;()]{0,100}:[ \t]*\n")
PARTIAL_INTRO = regex.compile(r"(?i)\b(?:w\s+tym|m\.in\.|między\s+innymi|np\.|spośród\s+nich)\s*:")
LIST_ITEM = regex.compile(r"[ \t]*(?:(?P<bullet>[-–·•▪])|(?P<letter>[a-z]\))|(?P<number>\d{1,2}[.)]))\s+\S")


def listed_items(text: str, start: int) -> list[tuple[int, int]]:
    """Spans of the list items that follow ``start`` (blank lines between them allowed), as
    long as they keep the first item's kind of marker (bullet, "a)", "1.")."""
    items: list[tuple[int, int]] = []
    kind = None
    pos = start
    for line in text[start : start + 20000].split("\n"):
        end = pos + len(line)
        if line.strip():
            m = LIST_ITEM.match(line)
            if not m or (kind and m.lastgroup != kind):
                break
            kind = m.lastgroup
            items.append((pos, end))
        pos = end + 1
    return items


def list_counts(text: str, figures: list[Figure]) -> list[Mark]:
    """A count announced before a list ("funkcjonowały 3 mieszkania chronione:") whose list has
    another number of items (not when the items count the same thing themselves, nor after
    "w tym:", where the items are some of them)."""
    placed = sorted(figures, key=lambda f: f.char_start)
    starts = [f.char_start for f in placed]
    found = []
    for figure in placed:
        value = figure.value
        if figure.unit is None or value is None or value != int(value) or not 2 <= value <= 50:
            continue
        intro = LIST_INTRO.match(text, figure.char_end)
        if not intro or PARTIAL_INTRO.search(intro.group()):
            continue
        items = listed_items(text, intro.end())
        near = placed[bisect_left(starts, items[0][0]) : bisect_left(starts, items[-1][1])] if items else []
        counted_inside = [f for f in near if any(a <= f.char_start < b for a, b in items) and f.unit == figure.unit]
        if len(items) >= 2 and not counted_inside and len(items) != int(value):
            found.append({**mark("list_count", figure.char_start, figure.char_end, text, figure.quote, value, len(items)),
                          "written": f"{int(value)} {figure.unit}"})
    return found


@cache
def damaged_pattern() -> regex.Pattern[str]:
    """Numbers a transcript damaged (``rules/formats.yaml``, ``damaged``)."""
    return regex.compile(require(load("formats"), "damaged", dict, "formats")["pattern"], regex.MULTILINE)


def damaged(text: str) -> list[Mark]:
    """Numbers that lost their whole part or their decimals (",00 zł", "99, %")."""
    found = []
    for m in damaged_pattern().finditer(text):
        start = m.start()
        end = text.find(" ", start + 3) if " " in text[start + 3 : start + 12] else start + 6
        quote = text[max(0, text.rfind(".", 0, start) + 1) : text.find(".", start) + 1 or len(text)]
        found.append(mark("lost_digits", start, end, text, quote))
    return found
