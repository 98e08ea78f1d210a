"""Report-level facts from the title and opening lines: year, title, issuing body."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

import regex

from extract.model import Document
from extract.rules import load, require

ISSUER = regex.compile(
    r"(?P<issuer>(?:Miejski|Gminny|Powiatowy|Miejsko-Gminny)\s+Ośrod\w+\s+Pomocy\s+Społecznej(?:\s+w\s+\p{Lu}\p{L}+(?:[ \t]+\p{Lu}\p{L}+)?)?"
    r"|(?:Miejskie|Powiatowe)\s+Centrum\s+Pomocy\s+Rodzinie(?:\s+w\s+\p{Lu}\p{L}+(?:[ \t]+\p{Lu}\p{L}+)?)?)"
)
OPENING = 1500  # characters of the opening read for the title and the year


@dataclass(frozen=True)
class YearCue:
    """A way a report names the year(s) it is about (``rules/years.yaml``); ``offset`` years
    after the one it finds ("Rok oceny" after the previous years a table names); a ``weak``
    cue gives way to a news item's dateline."""

    id: str
    pattern: regex.Pattern[str]
    must: tuple[str, ...]
    must_not: tuple[str, ...]
    offset: int = 0
    weak: bool = False  # gives way to a news item's dateline naming that year or a later one


@cache
def period_cues() -> tuple[YearCue, ...]:
    """The report-period cues, in the order they are tried."""
    entries = require(load("years"), "report_period", list, "years")
    return tuple(YearCue(e["id"], regex.compile(e["pattern"], regex.IGNORECASE), tuple(e["must"]), tuple(e["must_not"]),
                         int(e.get("offset", 0)), bool(e.get("weak"))) for e in entries)


@cache
def not_report_year() -> regex.Pattern[str]:
    """Words right before a year that make it a date or a legal reference."""
    entries = require(load("years"), "not_report_year", list, "years")
    return regex.compile("|".join(f"(?:{e['pattern']})" for e in entries))


IN_YEAR = regex.compile(r"\bw\s+(?:roku\s+)?((?:19|20)\d\d)\b")


def report_period(doc: Document) -> tuple[int | None, int | None, int | None]:
    """(year, first year, last year) the report is about, from what it says of itself in its
    opening ("za rok 2018", "za lata 2019–2021", "za okres 01.01.2016 – 31.12.2016"), never from
    a statute, resolution or signature date; else the year most often written "w YYYY roku" (the
    latest of those named equally often; a run of years each named alike and nothing else is the
    report's period; a news item that names no year, the year of its date). A multi-year
    report's year is its last year."""
    head = doc.text[: int(load("years")["opening_chars"])]
    dated = cache(lambda: year_of_news(doc.text))  # the dateline's year, read once and only when needed

    for cue in period_cues():
        for m in cue.pattern.finditer(head):
            start = _group(m, "start")
            if start is None or not_report_year().search(head[max(0, m.start() - 40) : m.start()]):
                continue
            end = _group(m, "end") or start
            if end < start:
                continue
            if cue.weak and (news := dated()) is not None and news >= end:
                return news, news, news  # "W 2018 r. … a w ubiegłym roku – 140" in an item of 2021: 2020
            return end + cue.offset, start + cue.offset, end + cue.offset
    years = Counter(
        int(m.group(1)) for m in IN_YEAR.finditer(doc.text)
        if not not_report_year().search(doc.text[max(0, m.start() - 40) : m.start()])
    )
    if (news := dated()) is not None and (not years or news >= max(years)):
        return news, news, news  # "W ubiegłym roku …" in an item dated 14.03.2018: 2017
    if not years:
        headed = table_heading_years(doc)
        if headed:
            return headed[-1], headed[0], headed[-1]
        published = dateline_year(doc.text)  # an item that names no year and neither "last year" nor "this year": its date's
        return published, published, published
    top = max(years.values())
    tied = sorted(y for y, n in years.items() if n == top)
    if len(tied) >= 3 and tied == list(range(tied[0], tied[-1] + 1)) and len(tied) == len(years):
        return tied[-1], tied[0], tied[-1]  # a series of years, each named alike: the report covers it
    return tied[-1], tied[-1], tied[-1]


@cache
def dateline_patterns() -> tuple[regex.Pattern[str], tuple[tuple[int, regex.Pattern[str]], ...]]:
    """A news item's date of publication, and the words that place its figures in the year
    before that date or in the same (``rules/years.yaml``)."""
    years = load("years")
    relative = require(years, "relative_to_dateline", list, "years")
    return (regex.compile(require(years, "dateline", dict, "years")["pattern"], regex.IGNORECASE),
            tuple((int(e["offset"]), regex.compile(e["pattern"], regex.IGNORECASE)) for e in relative))


def dateline_year(text: str) -> int | None:
    """The year of a news item's date of publication; None for a text with no date of its own."""
    m = dateline_patterns()[0].search(text)
    return None if m is None else _group(m, "year")


def year_of_news(text: str) -> int | None:
    """The year a news item dated on publication is about: the year before its date when it
    speaks of "last year" more often than of "this year", else its date's; None for a text with
    no date of its own or neither wording."""
    year = dateline_year(text)
    if year is None:
        return None
    counts = {offset: len(pattern.findall(text)) for offset, pattern in dateline_patterns()[1]}
    offset = max(counts, key=lambda k: (counts[k], k))
    return None if counts[offset] == 0 else year + offset


HEADING_YEAR = regex.compile(r"^\s*(?:rok\s+)?((?:19|20)\d\d)\s*(?:r\.?)?\s*$", regex.IGNORECASE)


def table_heading_years(doc: Document) -> list[int]:
    """The years heading the columns of the document's tables ("Wyszczególnienie | 2014 |
    2015"), in order; a report that is tables of years and names no year in its text covers them."""
    found = {int(m.group(1)) for block in doc.blocks if block.kind == "table" and block.rows
             for cell in block.rows[0] if (m := HEADING_YEAR.match(cell.text))}
    return sorted(found) if len(found) >= 2 else []


def _group(m: regex.Match[str], name: str) -> int | None:
    """A year group of a cue match, written ``name``, ``name2``, … (one per alternative)."""
    groups = m.groupdict()
    value = next((groups.get(f"{name}{k}") for k in ("", "2", "3", "4") if groups.get(f"{name}{k}")), None)
    return int(value) if value else None


def report_year(doc: Document) -> int | None:
    """The reporting year (see :func:`report_period`)."""
    return report_period(doc)[0]


def report_title(doc: Document) -> str | None:
    """The first block that reads like a title (the one naming the report)."""
    for block in doc.blocks[:12]:
        if regex.search(r"(?i)sprawozdani|raport|informacj", block.text):
            title = regex.sub(r"^\s*[IVX]+\.\s*", "", block.text)
            return " ".join(title.split())[:300]
    return doc.blocks[0].text[:300] if doc.blocks else None


def report_issuer(doc: Document) -> str | None:
    """The issuing body, named in the opening or closing lines."""
    for text in (doc.text[:OPENING], doc.text[-3000:], doc.text):
        m = ISSUER.search(text)
        if m:
            return m.group("issuer")
    return None


QUOTED = regex.compile(r"[„\"]([^”\"]{10,200}?)[”\"]")
NAMED = regex.compile(
    r"(?:Miejsk\w+|Gminn\w+|Powiatow\w+)\s+(?:Strategi\w+|Program\w*)(?:\s+(?!\p{Lu}{4,}|(?:za|rok|roku)\b)[\p{L}\-–]+){1,12}"
)
NAMED_IN_CAPITALS = regex.compile(  # "SPRAWOZDANIE Z REALIZACJI GMINNEGO PROGRAMU WSPIERANIA RODZINY ZA ROK 2019"
    r"(?:MIEJSK|GMINN|POWIATOW)\p{Lu}*\s+(?:STRATEGI|PROGRAM)\p{Lu}*(?:\s+(?!(?:ZA|NA|W|ROK|ROKU|DLA)\b)[\p{Lu}\-–]+){1,12}"
)
PERIOD = regex.compile(r"na\s+lata\s+(?P<start>(?:19|20)\d\d)\s*[-–]\s*(?P<end>(?:19|20)\d\d)", regex.IGNORECASE)


def report_programme(doc: Document) -> tuple[str | None, str | None]:
    """The programme a report is about and the period it covers ("2018-2020"), from its opening.

    A quoted name written normally is preferred to one in capitals (the nominative form of the
    body text, not the genitive of the title); else a named strategy or programme."""
    first_table = next((b.char_start for b in doc.blocks if b.kind == "table"), OPENING)
    head = " ".join(doc.text[: min(OPENING, first_table)].split())
    quoted = [m.group(1).strip() for m in QUOTED.finditer(head) if regex.search(r"(?i)program|strategi", m.group(1))]
    named = NAMED.search(head)
    programme = next((q for q in quoted if not q.isupper()), quoted[0] if quoted else None)
    if programme is None and named:
        programme = named.group().strip()
    if programme is None and (capitals := NAMED_IN_CAPITALS.search(head)):
        programme = capitals.group().strip()  # as written: the title's genitive, in capitals
    period = PERIOD.search(programme or "") or PERIOD.search(head)
    return programme, f"{period.group('start')}-{period.group('end')}" if period else None
