"""Report-level facts from the title and opening lines: year, title, issuing body."""

from __future__ import annotations

from collections import Counter

import regex

from extract.model import Document

YEAR_IN_TITLE = regex.compile(
    r"(?:za\s+rok|za|w\s+roku|roku|rok)\s+(?P<year>(?:19|20)\d\d)(?!\s*[-–]\s*\d)|(?P<year2>(?:19|20)\d\d)\s*(?:rok|r\.)",
    regex.IGNORECASE,
)
ISSUER = regex.compile(
    r"(?P<issuer>(?:Miejski|Gminny|Powiatowy|Miejsko-Gminny)\s+Ośrod\w+\s+Pomocy\s+Społecznej(?:\s+w\s+\p{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+)?)?"
    r"|(?:Miejskie|Powiatowe)\s+Centrum\s+Pomocy\s+Rodzinie(?:\s+w\s+\p{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+)?)?)"
)
OPENING = 1500  # characters of the opening read for the title and the year


def report_year(doc: Document) -> int | None:
    """The reporting year: stated in the title ("za rok 2020", "w roku 2013"), else the most
    frequent "w YYYY roku" of the text."""
    head = doc.text[:OPENING]
    m = YEAR_IN_TITLE.search(head)
    if m:
        return int(m.group("year") or m.group("year2"))
    years = Counter(int(y) for y in regex.findall(r"\bw\s+(?:roku\s+)?((?:19|20)\d\d)\b", doc.text))
    return years.most_common(1)[0][0] if years else None


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
