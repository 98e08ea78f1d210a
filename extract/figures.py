"""Prose → figures: every number in a paragraph or list item, with its meaning.

Stages: ``candidates`` (numerals and number words) → ``excluded`` (dates, codes, ...) →
``describe`` (unit, subject, year, qualifiers, exactness). Breakdowns are linked in
:mod:`extract.breakdowns`, tables in :mod:`extract.tables`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

import regex

from extract.model import Block, Figure
from extract.morphology import (
    agrees_with,
    counted_nouns,
    governs,
    is_adjective,
    is_name,
    is_past_verb,
    is_preposition,
    is_unknown,
    is_verb,
    nominative_noun_lemma,
    noun_lemma,
    without_footnote_letter,
)
from extract.numbers import DOT_DECIMAL, NUMERAL, is_comma_thousands, number_words, parse_number
from extract.places import districts_in
from extract.rules import load, relative_years, require

WINDOW = 45
LOOKAHEAD = 300  # characters after a number read for its scale, unit and subject
WORD_TOKEN = re.compile(r"[^\W\d_]+")
PARTITIVE = regex.compile(r"\s+(?:z|ze|spośród)\b")
AGE_AFTER = regex.compile(r"\s+w wieku")
HYPHEN_BEFORE = regex.compile(r"(?:^|\s)-$")
BULLET = regex.compile(r"\s*[-–·•]\s*\d")
RANGE_TAIL = regex.compile(r"\s*(?:do|[-–])\s*\d+(?:,\d+)?(?=\s*\p{L}|\s*%)")
COMPOUND = regex.compile(r"\s*[-–]\s*(\p{L}+)")
UNIT_TOKEN = regex.compile(r"(?:\.(?=[ \t]+\p{Ll}))?\s*-?\s*(%|(?:km|m)[2²](?!\d)|[\p{L}]+\.?)")  # "dla 12. osób": a stray dot
SEX_LETTER = regex.compile(r"(K|M)\b")
PER_MONTH = regex.compile(r"\s*/\s*(?:mies\.?|m-c|miesiąc|mc)(?!\p{L})")
PHRASE = regex.compile(r"(?:\.(?=[ \t]+\p{Ll}))?[\s\-–]*([^\d,.;:()\n\t–]{0,120})")
ABBREVIATION = regex.compile(r"\b(?:ok|m\.in|ul|nr|tj|np|tys|godz|r|ds|Św|św|im|pkt|art|ust|poz|tzw|Ks|Bł|[Pp]ar|[Rr]ozdz|kw|il)\.$")
YEAR_RANGE = regex.compile(r"\s*[-–]\s*(?:19|20)\d\d(?!\d)")  # "2018–2020", not "2018 – 3 120 zł"
FROM_TO = regex.compile(r"(?:od|do|z)\s+$")
DASH_AFTER = regex.compile(r"[ \t]*[–—][ \t]")
DASH_RANGE = regex.compile(r"[ \t]*[–—-][ \t]*(?:od|do|powyżej|poniżej)[ \t]+\d")
ELLIPSIS_REACH = 100  # characters within which a number without a noun takes the unit of the one before
WORD = regex.compile(r"[\p{L}][\p{L}\-]*\.?|%")


@dataclass(frozen=True)
class Exclusion:
    """A rule saying a number is not a figure; ``pattern`` sees LEFT⟨NUMBER⟩RIGHT.

    ``parts`` are the pattern's top-level alternatives compiled one by one, each with whether
    it starts at the number's "⟨": the rule matches when any of them does. Short patterns are
    searched much faster than one alternation, and one that starts at "⟨" is only tried there.
    """

    id: str
    pattern: regex.Pattern[str]
    must: tuple[str, ...]
    must_not: tuple[str, ...]
    parts: tuple[tuple[regex.Pattern[str], bool], ...] = ()


# A pattern that starts at "⟨", after spaces, "(?:" and look-behinds: it can only match there.
STARTS_AT_NUMBER = regex.compile(r"(?:\s|\(\?:|\(\?<[!=](?:[^()]|\([^()]*\))*\))*⟨")


@cache
def exclusions() -> tuple[Exclusion, ...]:
    """Exclusion rules from ``rules/exclusions.yaml``, compiled once."""
    rules = require(load("exclusions"), "rules", list, "exclusions")
    flags = regex.VERBOSE | regex.MULTILINE
    return tuple(
        Exclusion(
            r["id"],
            regex.compile(r["pattern"], flags),
            tuple(r.get("must", ())),
            tuple(r.get("must_not", ())),
            tuple((regex.compile(part, flags), bool(STARTS_AT_NUMBER.match(part))) for part in alternatives(r["pattern"])),
        )
        for r in rules
    )


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression (``|`` outside groups and classes).

    >>> alternatives("(?: a|b ) | [|]c | d")
    ['(?: a|b ) ', ' [|]c ', ' d']
    """
    parts, current, depth, in_class, i = [], "", 0, False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            current += pattern[i : i + 2]
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":  # a "]" first in a class is a literal
                current += ch
                i += 1
                ch = "]"
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            parts.append(current)
            current, i = "", i + 1
            continue
        current += ch
        i += 1
    return [*parts, current]


@cache
def unit_forms() -> dict[str, str]:
    """Lower-cased surface form → unit, from ``rules/units.yaml``."""
    units = require(load("units"), "units", dict, "units")
    return {form.lower(): unit for unit, forms in units.items() for form in forms}


@cache
def exclusion_index() -> tuple[regex.Pattern[str], dict[str, str], tuple[tuple[str, regex.Pattern[str]], ...]]:
    """Every exclusion rule's alternatives arranged to be tried fast: those that start at "⟨"
    in one pattern (a group per alternative, named for lookup of its rule), tried there in one
    call; the others one by one (searching one big alternation is several times slower)."""
    flags = regex.VERBOSE | regex.MULTILINE
    at_number = [(rule.id, part.pattern) for rule in exclusions() for part, starts in rule.parts if starts]
    groups = {f"x{k}": rule_id for k, (rule_id, _source) in enumerate(at_number)}
    joined = "|".join(f"(?P<x{k}>{source})" for k, (_rule_id, source) in enumerate(at_number))
    searched = tuple((rule.id, part) for rule in exclusions() for part, starts in rule.parts if not starts)
    return regex.compile(joined or "(?!)", flags), groups, searched


def _marked(text: str, start: int, end: int) -> tuple[str, int]:
    """The number at text[start:end] in its surroundings as LEFT⟨NUMBER⟩RIGHT, and len(LEFT)."""
    left = text[max(0, start - WINDOW) : start]
    if start - WINDOW > 0 and "\n" in left:
        left = left[left.find("\n") + 1 :]  # whole lines only
    return f"{left}⟨{text[start:end]}⟩{text[end : end + WINDOW]}", len(left)


def excluded_by(text: str, start: int, end: int) -> str | None:
    """The id of an exclusion rule that matches the number at text[start:end], if any."""
    marked, left = _marked(text, start, end)
    at_number, groups, searched = exclusion_index()
    if found := at_number.match(marked, left):
        return groups[found.lastgroup or ""]
    return next((rule_id for rule_id, part in searched if part.search(marked)), None)


CODE_RULES = ("budget_code", "leading_zero_code")  # numbers that name a code, however much they look like a year


def is_code(text: str, start: int, end: int) -> bool:
    """The number at text[start:end] is a classification code ("2030 Dotacje celowe"), not a year."""
    marked, _left = _marked(text, start, end)
    return any(rule.pattern.search(marked) for rule in exclusions() if rule.id in CODE_RULES)


def candidates(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, rule) of every numeral and number word in ``text``, in order."""
    found = [(m.start("digits"), m.end("digits"), "digits") for m in NUMERAL.finditer(text)]
    words = number_words()
    spelled: list[tuple[int, int, str]] = []
    if words.forms.isdisjoint(WORD_TOKEN.findall(text.lower())):  # most paragraphs spell no number
        return iter(sorted(found))
    for m in WORD_TOKEN.finditer(text):  # a dictionary lookup per word beats one huge alternation
        word = m.group().lower()
        if word in words.vague:
            spelled.append((m.start(), m.end(), "vague"))
        elif word in words.fractions:
            if scale_pattern().match(text, m.end()) and not HALF_AFTER.search(text, 0, m.start()):
                spelled.append((m.start(), m.end(), "word"))  # "pół miliona"; "3 i pół miliona" is one number
        elif word in words.values:
            previous = spelled[-1] if spelled else None
            if (previous is not None and previous[2] == "word" and not text[previous[1] : m.start()].strip()
                    and parse_number(text[previous[0] : m.end()]) is not None):
                spelled[-1] = (previous[0], m.end(), "word")  # "dwadzieścia pięć": one number (not "dwa trzy")
            else:
                spelled.append((m.start(), m.end(), "word"))
    return iter(sorted(found + spelled))



def block_figures(block: Block, report_year: int | None, document_text: str = "") -> list[Figure]:
    """All figures of a paragraph, heading or list item. A block that is one number alone (a
    table cell a dump put on a line of its own) is judged code or count by the blocks around
    it, in ``document_text``."""
    text = block.text
    lone = bool(document_text) and NUMERAL.fullmatch(text.strip()) is not None
    figures: list[Figure] = []
    for start, end, kind in candidates(text):
        if figures and start < figures[-1].char_end - block.char_start:
            continue  # "634" inside "1 mln 634 tys. 501 zł": part of the figure before
        at = block.char_start if lone else 0
        if excluded_by(document_text if lone else text, start + at, end + at):  # "na jednego mieszkańca" too
            continue
        if kind != "digits" and not _counts_something(text, end):
            continue
        figure = describe(text, start, end, kind, report_year, _before_in_ellipsis(text, figures, start, block.char_start))
        if figure is None:
            continue
        if lone and figure.unit is None:
            figure.unit = unit_under_label(document_text, block.char_start + start)
        figure.char_start += block.char_start
        figure.char_end += block.char_start
        figure.page = block.page
        figures.append(figure)
    numbering = numbering_run(figures)
    return [f for k, f in enumerate(figures) if k not in numbering]


def _before_in_ellipsis(text: str, figures: list[Figure], start: int, offset: int) -> tuple[int, str | None] | None:
    """(start, unit) of the figure a count without its noun at ``start`` may take its unit from:
    the last one before it, passing over those in a bracket closed since; for a count followed by
    a dash, the first of its sentence, which the dash lists a parallel of ("w 90 rodzinach – do
    300 zł, w 70 – …": rodzinach). Reads back from the number only as far as it needs."""
    dash = DASH_AFTER.match(text, _number_end(text, start)) is not None
    sentence_start = sentence_bounds(text, start)[0] if dash else 0
    last: tuple[int, str | None] | None = None
    first_in_sentence: tuple[int, str | None] | None = None
    for figure in reversed(figures):
        at = figure.char_start - offset
        if last is not None and (not dash or at < sentence_start):
            break
        between = text[at:start]
        if between.count(")") > between.count("("):
            continue  # inside a bracket closed since
        last = last or (at, figure.unit)
        if dash and at >= sentence_start and figure.unit:
            first_in_sentence = (at, figure.unit)
    return first_in_sentence or last


def _number_end(text: str, start: int) -> int:
    m = NUMERAL.match(text, start)
    return m.end() if m else start


MIN_NUMBERING_RUN = 4
SMALL_INTEGER = regex.compile(r"\d{1,3}")


def numbering_run(figures: list[Figure]) -> set[int]:
    """Indices of figures that count 1, 2, 3, … (or n, n+1, …) with at most one other number
    between each two: the column numbers or row numbers of a table flattened into text
    ("1 Wyszczególnienie 2 liczba świadczeń 3 4 …", "4 0 5 0 6 0 7 0"), not counts."""
    small = [k for k, f in enumerate(figures) if SMALL_INTEGER.fullmatch(f.raw) and f.value is not None]
    found: set[int] = set()
    for start in small:
        if start in found:
            continue
        chain = [start]
        while True:
            last = chain[-1]
            nxt = next((k for k in small if last < k <= last + 2 and figures[k].value == (figures[last].value or 0) + 1), None)
            if nxt is None:
                break
            chain.append(nxt)
        if len(chain) >= MIN_NUMBERING_RUN:
            found.update(chain)
    return found


def numbered_blocks(blocks: list[Block]) -> set[int]:
    """Indices of blocks that each hold one small number counting 1, 2, 3, … (or n, n+1, …) in
    at least four blocks in a row: the column numbers of a table a dump put one cell per line."""
    found: set[int] = set()
    run: list[int] = []
    for b, block in enumerate([*blocks, None]):
        text = block.text.strip() if block is not None and block.kind != "table" else ""
        value = int(text) if SMALL_INTEGER.fullmatch(text) else None
        if run and value is not None and value == int(blocks[run[-1]].text) + 1:
            run.append(b)
            continue
        if len(run) >= MIN_NUMBERING_RUN:
            found.update(run)
        run = [b] if value is not None else []
    return found


def _counts_something(text: str, end: int) -> bool:
    """A number word counts something when a noun (not "z ...") follows it, not after a
    preposition ("jedna za drugą", "na jedno – na …"), and not a span of time looked back on
    ("w ostatnich dwóch latach")."""
    after = text[end : end + 40]
    if PARTITIVE.match(after) or PAST_SPAN.search(text[max(0, end - 40) : end + 20]):
        return False
    words = WORD.findall(after)[:2]
    if words and is_preposition(words[0]) and not AGE_AFTER.match(after):
        return False
    nouns = [w.rstrip(".") for w in words if not ABBREVIATION.search(w)]  # "r.", "ul." are not nouns
    if any(noun_lemma(w) for w in nouns) or AGE_AFTER.match(after):
        return True
    return bool(words) and is_verb(words[0])  # "a dwóch zrezygnowało": people, by ellipsis


PAST_SPAN = regex.compile(r"(?i)\b(?:ostatni\w*|minion\w*|ubiegł\w*)\s+\p{L}+\s+(?:lat|latach|miesiąc\w*|tygodni\w*|dni)\b")


def describe(
    text: str, start: int, end: int, kind: str, report_year: int | None, previous: tuple[int, str | None] | None
) -> Figure | None:
    """Build a Figure for the number at text[start:end]: value, unit, subject, year, ..."""
    raw = text[start:end]
    value = None if kind == "vague" else parse_number(raw)
    if value is None and DOT_DECIMAL.fullmatch(raw) and text[end : end + 2].lstrip().startswith("%"):
        value = float(raw)  # "64.49%": a decimal point, which the numeral allows only before "%"
    if kind != "vague" and value is None:
        return None
    after = text[end : end + LOOKAHEAD]
    value, raw_end = _apply_scale(value, after, end)
    described = DASH_RANGE.match(text, raw_end) or ends_line(text, raw_end)  # "w 45 – od 200 do 500 zł": a range says which
    unit, subject = (None, "") if described else unit_and_subject(text[raw_end : raw_end + LOOKAHEAD], value)
    sentence_start, sentence_end = sentence_bounds(text, start)
    sentence = text[sentence_start:sentence_end]
    if unit is None and (GROSZE.search(text, start, raw_end) or is_amount(raw, text[raw_end : raw_end + 2], value, sentence)):
        unit = "zł"  # "45 305,20" after a label: an amount, whatever the label counts
    if unit is None and raw_end > end and money_words().search(sentence):
        unit = "zł"  # "budżet programu wyniósł 80 tys.": thousands in a sentence of money are złoty
    if unit is None and kind == "digits" and (value or 0) >= AMOUNT_MIN and amount_clause().search(_clause(text[sentence_start:start])):
        unit = "zł"  # "Na ten cel wydatkowano 4.310.200": an amount whose "zł" is not written
    if unit is None:
        before = text[sentence_start:start]
        unit = (counted_in_clause(before) or labelled_unit(before) or noun_before_verb(before, value)
                or count_beside_amounts(text, start))
    if unit is None and text[sentence_start:start].rstrip().endswith(":") and not text[raw_end:].strip(" .,;"):
        unit = opening_noun(text[sentence_start:start])
    if unit is None and THEM_BEFORE.search(text, sentence_start, start):
        unit = counted_before(text, sentence_start, value)  # "… rośnie liczba wniosków. W 2019 r. było ich 640"
    if unit and unit[:1].isupper():
        unit = None  # a name counts nothing: "w dzielnicach: Lipno (230)"
    near = previous and (start - previous[0] < ELLIPSIS_REACH or DASH_AFTER.match(text, raw_end))
    if unit is None and previous and near and sentence_start <= previous[0]:
        unit = previous[1]  # "skierowano 10 osób, ukończyło: 4": the unit of the figure just before
    if unit is None and previous and start - previous[0] < PRONOUN_REACH and THEM_RIGHT_BEFORE.search(text, sentence_start, start):
        unit = previous[1]  # "… założono 210 kart. Rok później prowadzono ich 380": them, the figure before counted
    flags = ["comma_thousands"] if kind == "digits" and is_comma_thousands(raw) else []
    if HYPHEN_BEFORE.search(text[max(0, start - 2) : start]) and not BULLET.match(text, 0, start + 1):
        flags.append("hyphen_before")  # "zespołów -4": reads like a negative count
    year = figure_year(text[sentence_start:sentence_end], start - sentence_start, report_year)
    flags += sentence_flags(text[sentence_start:sentence_end], start - sentence_start, year)
    quote = text[sentence_start:sentence_end].strip()
    return Figure(
        value=value,
        raw=text[start:raw_end].strip(),
        unit=unit,
        subject=subject,
        year=year,
        quote=quote,
        char_start=start,
        char_end=raw_end,
        rule=f"prose.{kind}",
        exactness="vague" if kind == "vague" else exactness(text[max(0, start - 25) : start]),
        qualifiers=qualifiers(text, start, raw_end, unit),
        flags=flags,
    )


def ends_line(text: str, end: int) -> bool:
    """True for a number that ends its line within a block (a dumped table's cell keeps its
    line break, see ``readers.text.joined``): its unit is in its label or heading, never on the
    line after it, which is the next row's label."""
    line_end = text.find("\n", end)
    return line_end >= 0 and not text[end:line_end].strip()


AMOUNT_SHAPE = regex.compile(r",\d\d$")
DASH_DECIMALS = regex.compile(r"^,-")


@cache
def money_words() -> regex.Pattern[str]:
    """Stems that make a text speak of money (``rules/units.yaml``); one of two letters ("zł")
    is a whole word, not the start of "złożono"."""
    stems = require(load("units"), "money_words", list, "units")
    parts = [regex.escape(stem) + (r"(?!\p{L})" if len(stem) <= 2 else "") for stem in stems]
    return regex.compile(r"(?i)(?<!\p{L})(?:" + "|".join(parts) + ")")


MONEY_DOCUMENT_OPENING = 400  # characters of a document's opening that hold its title


@cache
def money_document_title() -> regex.Pattern[str]:
    """Titles of budget statements (``rules/units.yaml``)."""
    entries = require(load("units"), "money_documents", list, "units")
    return regex.compile("|".join(f"(?:{e['pattern']})" for e in entries), regex.IGNORECASE)


def count_money(text: str, figures: list[Figure]) -> None:
    """In a budget statement (its opening names one), a figure with no counted noun, or with a
    noun that names money ("środki gminy"), is an amount in złoty."""
    if not money_document_title().search(text[:MONEY_DOCUMENT_OPENING]):
        return
    for figure in figures:
        if figure.unit is None or figure.unit in money_nouns():
            figure.unit = "zł"


LIST_ITEM = regex.compile(r"[ \t]*(?:\d{1,2}[.)](?:[ \t]|(?=\p{L}))|[a-z][.)][ \t]|[-–•*▪][ \t])")  # "1) ", "1)Dom", "a) ", "- "


def prose_figures_by_line(text: str, figures: list[Figure]) -> dict[int, list[Figure]]:
    """Where each line starts → the figures of prose (not of a table) on it, in order."""
    by_line: dict[int, list[Figure]] = {}
    for figure in figures:
        if figure.table_index is None:
            by_line.setdefault(text.rfind("\n", 0, figure.char_start) + 1, []).append(figure)
    return by_line


def units_in_lists(text: str, figures: list[Figure]) -> None:
    """The items of a list that hold one number each count in one unit: where some name it
    ("6) Dom w Borkach – 3.177 zł") and no item names another, the others take it ("1) Dom w
    Lipowie – 3.299"); where none names one, amounts (100 or more each) under a paragraph that
    speaks of money are złoty ("Gmina dostała dotację:" over "• Lipno 43 000")."""
    by_line = prose_figures_by_line(text, figures)
    run: list[Figure] = []
    previous_end = -1
    for line_start in sorted(by_line):
        item = LIST_ITEM.match(text, line_start) and len(by_line[line_start]) == 1
        if not item or text[previous_end:line_start].strip():
            _share_unit(run, text)
            run = []
        if item:
            run.append(by_line[line_start][0])
            newline = text.find("\n", line_start)
            previous_end = len(text) if newline < 0 else newline
    _share_unit(run, text)


NAMED_IN_BRACKET = regex.compile(r"\p{Lu}[\p{L}-]*\s*\(\s*$")  # "Lipno (" before the number
LEAD_IN_CHARS = 300  # how far back a list's lead-in may stand
FULL_STOP = regex.compile(r"[.!?]\s")  # a sentence ended: the list after the colon is over
SENTENCE_GAP = regex.compile(r"[.!?]\s|\n\s*\n")  # between two sentences or paragraphs


def units_in_bracket_lists(text: str, figures: list[Figure]) -> None:
    """Places listed with a count in brackets after a lead-in ("najwięcej wniosków złożono w
    gminach: Lipno (12), Skępe (7) i Tłuchowo (5)"): a bracketed number with no unit after a name
    counts the noun the lead-in before the colon counts."""
    for figure in figures:
        if figure.table_index is not None or figure.unit is not None or not text.startswith(")", figure.char_end):
            continue
        before = text[max(0, figure.char_start - LEAD_IN_CHARS) : figure.char_start]
        if not NAMED_IN_BRACKET.search(before) or ":" not in before:
            continue
        lead_in = before[: before.rfind(":")]
        lead_in = SENTENCE_GAP.split(lead_in)[-1]  # its own sentence
        nouns = [lemma for word in WORD.findall(lead_in) if (lemma := noun_lemma(word)) in counted_or_people()]
        if nouns and not FULL_STOP.search(before[before.rfind(":") :]):
            figure.unit = nouns[-1]


@cache
def counted_or_people() -> frozenset[str]:
    """Nouns that count things or people (``rules/units.yaml`` counted_nouns and people)."""
    return counted_nouns() | frozenset(load("units")["people"])


COUNT_HEAD = regex.compile(r"\b(?:liczb\w*|ilo[śs][ćc]\w*)\s+(?P<noun>\p{L}+)", regex.IGNORECASE)
EMPTY_CELL = regex.compile(r"(?<!\S)[x×](?!\S)")  # "Bezdomność x 31": a cell left empty
HEADED_ROWS = 40  # lines under a heading of counts read as its rows, at most
PROSE_LINE = 150  # a line this long without a number ends the rows


def units_under_count_heads(text: str, figures: list[Figure]) -> None:
    """A table dumped as lines, its heading naming two counts or more ("Liczba rodzin Liczba osób
    w rodzinach") and its rows ending in as many numbers ("Bezrobocie 2804 6150"; "x" for a
    cell left empty): each number counts, column by column, what the heading names."""
    by_line = prose_figures_by_line(text, figures)
    heads: list[str] = []
    left, at = 0, 0
    for line in text.split("\n"):
        nouns = [noun_lemma(m.group("noun")) for m in COUNT_HEAD.finditer(line)]
        if len(nouns) >= 2 and all(nouns):
            heads, left = [n for n in nouns if n], HEADED_ROWS
        elif heads and left:
            left -= 1
            cells = by_line.get(at, [])
            if not cells and len(line) > PROSE_LINE:
                heads = []  # prose: the table has ended
            elif cells and all(f.unit is None for f in cells):
                marks: list[tuple[int, Figure | None]] = [(f.char_start, f) for f in cells]
                marks = sorted(marks + [(at + m.start(), None) for m in EMPTY_CELL.finditer(line)], key=lambda mark: mark[0])
                if len(marks) == len(heads):
                    for (_start, cell), unit in zip(marks, heads, strict=True):
                        if cell is not None:
                            cell.unit = unit
        at += len(line) + 1


INLINE_GAP = regex.compile(r"[^\d:;.!?\n]{1,80}")  # what parts two items of a list written in one line: a comma, a name, a dash


def amounts_in_inline_lists(text: str, figures: list[Figure]) -> None:
    """A list written in one sentence after a colon ("Oto lista placówek: Lipno – 14 000,
    Borki – 12 500, Wola – 8 700"), three items or more with no unit, each 100 or more, in a
    paragraph that speaks of money before the colon, holds amounts in złoty."""
    by_sentence: dict[tuple[int, int], list[Figure]] = {}
    for figure in figures:
        if figure.table_index is None:
            by_sentence.setdefault(sentence_bounds(text, figure.char_start), []).append(figure)
    for (start, _end), found in by_sentence.items():
        colon = text.rfind(":", max(0, start - 2), found[0].char_start)  # a sentence may open after it
        items = [f for f in found if f.char_start > colon >= 0]
        if (len(items) < 3 or any(f.unit is not None or (f.value or 0) < AMOUNT_MIN for f in items)
                or not all(INLINE_GAP.fullmatch(text, a.char_end, b.char_start) for a, b in pairwise(items))):
            continue
        paragraph = text[text.rfind("\n\n", 0, colon) + 2 : colon]
        if money_words().search(paragraph):
            for figure in items:
                figure.unit = "zł"


def _share_unit(items: list[Figure], text: str) -> None:
    """Give the items of one list with no unit the one unit the others name, if they name one,
    or złoty for amounts under a paragraph of money."""
    units = {f.unit for f in items if f.unit is not None}
    if len(items) > 1 and len(units) == 1:
        for figure in items:
            figure.unit = figure.unit or next(iter(units))
    elif len(items) > 1 and not units and all((f.value or 0) >= AMOUNT_MIN for f in items):
        first_line = text.rfind("\n", 0, items[0].char_start) + 1
        paragraph = text[text.rfind("\n\n", 0, max(0, first_line - 1)) + 2 : first_line]
        if money_words().search(paragraph):
            for figure in items:
                figure.unit = "zł"


def is_amount(raw: str, after: str, value: float | None, context: str) -> bool:
    """A number with two decimals ("1 203 450,00") or a dash for them ("52.000,-") and no unit
    of its own: złoty when it is 100 or more, or when ``context`` speaks of money."""
    if value is None or not (AMOUNT_SHAPE.search(raw) or DASH_DECIMALS.match(after)):
        return False
    return value >= 100 or bool(money_words().search(context))


@cache
def scale_pattern() -> regex.Pattern[str]:
    """A scale word right after a number ("812 tys.", "1,5 mln", "2 tysiące"), from ``rules/numbers.yaml``."""
    words = sorted(number_words().scales, key=len, reverse=True)
    return regex.compile(r"\s*(" + "|".join(map(regex.escape, words)) + r")(?!\p{L})", regex.IGNORECASE)


SCALE_TAIL = regex.compile(r"\s+(\d{1,3})(?=\s*(?:tys|mln|zł|złotych)(?!\p{L}))")  # "1 mln 634 tys.", "915 tys. 58 zł"
GROSZE = regex.compile(r"\s*(?:zł|złotych|złote)\s+i\s+(\d{1,2})\s*(?:gr\.?|groszy|grosze|grosz)(?!\p{L})")
AND_A_HALF = regex.compile(r"\s+i\s+pół(?=\s)", regex.IGNORECASE)  # "3 i pół miliona"
HALF_AFTER = regex.compile(r"\d\s+i\s+$")  # the "i" of "3 i pół": the half belongs to the number before it


YEAR_LABEL = regex.compile(r"(?<!\d)(?:19|20)\d\d\s*(?:r\.?|rok)?\s*[-–:]\s*$")  # "2013 – 390": an item of a year series
SENTENCE_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@cache
def plan_words() -> regex.Pattern[str]:
    """Words of plans and the future (``rules/years.yaml``)."""
    return regex.compile(require(load("years"), "plan_words", dict, "years")["pattern"])


def sentence_flags(sentence: str, offset: int, year: int | None) -> list[str]:
    """What the sentence says of a figure that the check needs: "year_series" for an item of a
    series of years ("2013 – 390"), "plan" for a sentence of plans, "past" for one told in the
    past tense, "other_year" when it names a year other than the figure's (a base of another
    date: "… 68% dzieci według stanu z 2013 roku")."""
    flags = []
    if YEAR_LABEL.search(sentence[max(0, offset - 12) : offset]):
        flags.append("year_series")
    tense, years = _sentence_facts(sentence)
    if tense:
        flags.append(tense)
    if year is not None and any(y != year for y in years):
        flags.append("other_year")
    return flags


@lru_cache(maxsize=64)
def _sentence_facts(sentence: str) -> tuple[str | None, frozenset[int]]:
    """A sentence's tense ("plan", "past" or None) and the years it names, once per sentence
    (a flattened table is one long sentence holding many figures)."""
    if plan_words().search(sentence):
        tense: str | None = "plan"
    elif any(is_past_verb(w) for w in WORD_TOKEN.findall(sentence)):
        tense = "past"
    else:
        tense = None
    return tense, frozenset(int(y) for y in SENTENCE_YEAR.findall(sentence))


def _apply_scale(value: float | None, after: str, end: int) -> tuple[float | None, int]:
    """The value with the scale words after it applied ("1 mln 634 tys. 501 zł" is 1 634 501),
    and where the number ends; "4 120 300 zł i 15 groszy" takes its grosze."""
    if value is None:
        return value, end
    scales = number_words().scales
    pos = 0
    half = AND_A_HALF.match(after)
    if half and scale_pattern().match(after, half.end()):
        value, pos = value + 0.5, half.end()
    if m := scale_pattern().match(after, pos):
        factor = scales[m.group(1).lower()]
        value, pos = value * factor, m.end()
        while tail := SCALE_TAIL.match(after, pos):
            rest = scale_pattern().match(after, tail.end())
            smaller = scales[rest.group(1).lower()] if rest else 1
            if smaller >= factor:
                break
            value += int(tail.group(1)) * smaller
            pos, factor = (rest.end() if rest else tail.end()), smaller
    if grosze := GROSZE.match(after, pos):
        value += int(grosze.group(1)) / 100
        return round(value, 6), end + grosze.end()
    return round(value, 6), end + pos


def unit_and_subject(after: str, value: float | None, agree: bool = True) -> tuple[str | None, str]:
    """The counted unit's lemma and the phrase that follows the number; with ``agree``, a
    capitalised noun must agree with the count (after a number it may start the next row's
    label), which a table heading need not."""
    forms = unit_forms()
    compound = COMPOUND.match(after)
    if compound:
        for stem, unit in load("units").get("compound_units", {}).items():
            if compound.group(1).lower().startswith(stem):
                return unit, _phrase(after)
    m = UNIT_TOKEN.match(after)
    if m:
        token = m.group(1).lower()
        bare = token.rstrip(".")
        unit = forms.get(token) or forms.get(bare)
        if unit:
            if m.group(1).endswith(".") and SENTENCE_OPENING.match(after, m.end()):
                return unit, m.group(1)  # "64 tys. zł. Następnie …": the unit ended the sentence
            rest = after[m.end() :]
            rest = rest[per.end() :] if (per := PER_MONTH.match(rest)) else rest  # "3 100 zł/mies. – utrzymanie …"
            return unit, _phrase(rest) or m.group(1)
    letters = SEX_LETTER.match(after)
    if letters:
        return None, ""
    range_tail = RANGE_TAIL.match(after)
    if range_tail:  # "od 1 do 1,5 h", "5-10 osób": the first number counts what the second does
        return unit_and_subject(after[range_tail.end() :], value, agree)
    phrase = _phrase(after)
    ignored = set(load("units").get("not_units", []))
    adjective_noun = None  # "220 bezrobotnych": an adjective used as a noun, when no noun follows
    words = WORD.findall(phrase)[: int(load("units").get("max_words_to_noun", 3))]
    for k, word in enumerate(words):
        if is_verb(word) or is_preposition(word):
            break  # "dwóch przebywało na urlopie", "215 z powodu …": the noun after is not counted
        if k and governs(words[0], word):
            break  # "w tym trzy pełniące funkcję …": the participle's object; the counted noun is left out
        if agree and word[:1].isupper() and noun_lemma(word.rstrip(".")) and not agrees_with(word.rstrip("."), value):
            break  # "22 500 Przeciwdziałanie alkoholizmowi": the label of the next row, not what is counted
        if (bare := without_footnote_letter(word.rstrip("."))) != word.rstrip("."):
            word = bare  # "Miejscab": a footnote letter glued on
        if is_unknown(word.rstrip(".")):
            break  # "182 000 rodki gminy": a word the dictionary does not know may be the noun, misspelt
        if label_abbreviation(word):
            break  # "… 4 kw. 2 100": the label of the next row ("kwota"), not a kilowatt
        lemma = noun_lemma(word, value)
        if lemma and is_adjective(word) and word.lower().endswith(("ych", "ego", "ej", "ym")):
            adjective_noun = adjective_noun or lemma
        elif lemma:
            return (None if lemma.lower() in ignored else lemma), phrase
    return (None if adjective_noun in ignored else adjective_noun), phrase


SENTENCE_OPENING = regex.compile(r"\s+[\p{Lu}„\"(]|\p{Lu}")  # "zł.POMOC": a capital glued to the full stop

COUNT_NOUN = regex.compile(
    r"(?i)\b(?:liczba|liczby|liczbę|ilość|ilości)\s+(?P<words>(?:\p{L}+\s+){0,2}\p{L}+)"
    r"[^,;()\d]*(?:,\s*(?:któr\w*|gdzie)\b[^,;()\d]*)*$"  # a relative clause goes on: "osób, które zgłosiły się"
)


DATE = regex.compile(r"\b\d{1,2}\.\d{1,2}\.(?:19|20)\d\d\s*(?:r\.|roku)?")  # "na 31.12.2019 r."


def counted_in_clause(before: str) -> str | None:
    """"Liczba miejsc w placówkach wynosiła 90": the noun after "liczba" in the same clause
    (adjectives before it skipped: "ilość wszystkich zgłoszeń")."""
    m = COUNT_NOUN.search(DATE.sub(" ", before))  # the last "liczba X" with no number but a date between it and ours
    if not m:
        return None
    words = m.group("words").split()
    nouns = [w for w in words if noun_lemma(w)]
    noun = next((w for w in nouns if not is_adjective(w)), nouns[0] if nouns else words[0])
    lemma = noun_lemma(noun)
    return lemma if lemma not in set(load("units").get("label_words", [])) else None


@cache
def not_label_units() -> frozenset[str]:
    """Nouns of a label that never name its unit: label words ("liczba") and non-units ("numer")."""
    units = load("units")
    return frozenset(units.get("label_words", [])) | frozenset(units.get("not_units", []))


RELATIVE = regex.compile(r"(?i)\s*(?:któr\w*|gdzie|jak\w*)\b")
LABEL_BEFORE = regex.compile(r"(?:^|[,;(]\s*)(?P<label>[^,;()\d]{3,80}?)\s*(?::|–|-|\bto|\()\s*$")


def labelled_unit(before: str) -> str | None:
    """The unit of a figure written after its label: "ilość Komisji Kwalifikacyjnych: 4"; a
    label naming money ("Kwota: 5 150", "kw. 4 200") makes the figure an amount in złoty."""
    if CURRENCY_LABEL.search(before):
        return "zł"  # "KOSZT PROGRAMU OGÓŁEM (w zł) 120 300"
    m = LABEL_BEFORE.search(before) or abbreviated_label().search(before)
    if not m or RELATIVE.match(m.group("label")):
        return None  # "…, którym przyznano wsparcie: 35": a relative clause names no unit
    inside = bool(regex.search(r"\p{L}", before[: m.start("label")]))  # the label does not open its sentence
    if (words := WORD.findall(m.group("label"))) and (inside or len(words) > 1) and is_name(words[-1]):
        # "… najwięcej jest w Lipnie (230)": a number beside a name counts what the label says it counts, if anything
        named = COUNT_WORD.search(m.group("label"))
        lemmas = (noun_lemma(w) for w in WORD.findall(m.group("label")[named.end() :])[:3]) if named else iter(())
        return next((lemma for lemma in lemmas if lemma and lemma not in not_label_units()), None)  # "liczbę takich rodzin"
    for word in WORD.findall(m.group("label")):
        if inside and is_name(word):
            continue  # "… w dzielnicach: Lipno (230), Borki (140)": a place's name counts nothing
        lemma = label_abbreviation(word) or noun_lemma(word)
        if lemma and lemma not in not_label_units():
            return "zł" if lemma in money_nouns() and not COUNT_LABEL.match(m.group("label")) else lemma
    return None


COUNT_LABEL = regex.compile(r"(?i)\s*(?:liczb|ilo[śs])")
COUNT_WORD = regex.compile(r"(?i)\b(?:liczb|ilo[śs]ć|ilości)\w*")
CURRENCY_LABEL = regex.compile(r"(?i)\((?:w\s+)?(?:zł|złotych|PLN)\.?\)[ \t]*$")
NUMBER_TOKEN = regex.compile(r"\d[\d,.]*")
ROW_REACH = 200  # characters read either side of a row of numbers for the labels of it and its neighbours


def count_beside_amounts(text: str, start: int) -> str | None:
    """A row of counts labelled by a count word alone ("il. 12 30 4", "liczba 5 7") next to a
    row of amounts ("kw. 2100 9870,50"), above or below it, counts the persons granted the help
    the amounts pay (``count_beside_amounts`` in ``rules/units.yaml``)."""
    before = text[max(0, start - ROW_REACH) : start].split()
    after = text[start : start + ROW_REACH].split()
    label = _numbers_start(before, len(before))  # the row's label is the word before its numbers
    if not label or row_label_kind(before[label - 1]) != "count":
        return None
    following = next((word for word in after if not NUMBER_TOKEN.fullmatch(word)), "")
    previous = _numbers_start(before, label - 1)  # the row above: its numbers end at our label
    preceding = before[previous - 1] if 0 < previous < label - 1 else ""
    if "money" in (row_label_kind(following), row_label_kind(preceding)):
        return str(load("units")["count_beside_amounts"])
    return None


AMOUNT_MIN = 100  # a number under it is seldom an amount written without "zł"


@cache
def amount_clause() -> regex.Pattern[str]:
    """Words of spending or of an amount (``rules/units.yaml`` amount_clause)."""
    return regex.compile(require(load("units"), "amount_clause", dict, "units")["pattern"])


LABEL_LINE_WORDS = 10  # a line this short beside a number alone on its line is its label


def unit_under_label(text: str, start: int) -> str | None:
    """The unit of a number alone on its line in a run of such lines under a row label, a table
    a dump gives a cell per line ("kwota" / "4360" / "5090"): złoty under a money label, the
    persons granted the help under a count label beside a run of amounts (as in a row,
    :func:`count_beside_amounts`)."""
    words = text[max(0, start - ROW_REACH) : start].split()
    label = _numbers_start(words, len(words))
    if label and row_label_kind(words[label - 1]) == "money":
        return "zł"
    if amounts_label(text, start):
        return "zł"  # "Wysokość wypłaconych zasiłków" over or under "3 918 204"
    return count_beside_amounts(text, start)


def amounts_label(text: str, start: int) -> bool:
    """True when the label of a number alone on its line names an amount: the first line above
    that is not numbers, when it is short (a column's label), else the line below (a dashboard
    writes its label under the number)."""
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    above = [line for line in text[max(0, start - ROW_REACH) : start].split("\n")[:-1] if line.strip()]
    while above and NUMBER_TOKEN.match(above[-1].strip()):
        above.pop()  # the column's numbers above this one
    if above and len(above[-1].split()) <= LABEL_LINE_WORDS:
        return bool(amount_clause().search(above[-1]))
    below = [line for line in text[end : end + ROW_REACH].split("\n") if line.strip()]
    return bool(below) and len(below[0].split()) <= LABEL_LINE_WORDS and bool(amount_clause().search(below[0]))


def _numbers_start(words: list[str], end: int) -> int:
    """Where the run of number tokens that ends at ``words[end]`` begins."""
    while end and NUMBER_TOKEN.fullmatch(words[end - 1]):
        end -= 1
    return end


def row_label_kind(word: str) -> str | None:
    """"count" for a row label that is a count word alone ("il.", "Liczba"), "money" for one
    naming money ("kw.", "Kwota"), else None."""
    word = word.lower().rstrip(".:")
    word = label_abbreviation(word) or word
    if word in load("units")["label_words"] and COUNT_LABEL.match(word):
        return "count"  # "liczba", "ilość"; not "razem", "ogółem"
    return "money" if word in money_nouns() else None


@cache
def money_nouns() -> frozenset[str]:
    """Nouns that name money ("kwota", "koszt", "dotacja"; ``rules/units.yaml``)."""
    return frozenset(require(load("units"), "money_nouns", list, "units"))


def label_abbreviation(word: str) -> str | None:
    """The word a row label's abbreviation stands for ("kw." → kwota, "il" → ilość; ``label_abbreviations``
    in ``rules/units.yaml``), else None."""
    return load("units")["label_abbreviations"].get(word.lower().rstrip("."))


@cache
def abbreviated_label() -> regex.Pattern[str]:
    """A row label written as an abbreviation alone before its numbers ("kw. 4 200 3 100")."""
    words = "|".join(map(regex.escape, load("units")["label_abbreviations"]))
    return regex.compile(rf"(?i)(?:^|\s)(?P<label>(?:{words})\.?)[ \t]+$")


VERB_OF_BEING_BEFORE = regex.compile(
    r"\s(?:było|były|był|jest|są)(?:\s+(?:ich|to|już|łącznie|ogółem))?"
    r"(?:\s+\p{L}+(?:nych|tych|ne|te|ny|ty|na|ta|no|to)\b[^,.;:\d]{0,60}?)?"  # "było złożonych w gminie"
    r"(?:\s+(?:ponad|około|ok\.|blisko|niemal|prawie|dokładnie|aż))?\s*$"
)


def noun_before_verb(before: str, value: float | None) -> str | None:
    """The noun counted by a number that ends its clause after a verb of being: "takich
    powrotów było 17", "Osób korzystających z pomocy było ponad 200": the clause's first noun
    that agrees with the count."""
    m = VERB_OF_BEING_BEFORE.search(before)
    if not m or value is None:
        return None
    clause = _clause(before[: m.start()])
    governed = False
    for word in WORD.findall(clause[clause.rfind("–") + 1 :]):
        if is_preposition(word):
            governed = True  # "W 2019 roku …", "z pomocy": the noun after a preposition is not what is counted
        elif governed:
            governed = False
        elif agrees_with(word, value) and (lemma := noun_lemma(word, value)) and lemma not in not_label_units():
            return lemma
    return None


THEM_RIGHT_BEFORE = regex.compile(r"\bich(?:\s+(?:aż|już|ponad|około|ok\.|blisko|niemal|prawie|tylko|jedynie|łącznie))?\s*$", regex.IGNORECASE)
PRONOUN_REACH = 300  # characters back to the figure whose noun "ich" stands for
THEM_BEFORE = regex.compile(r"\b(?:było|były|był|jest|są|będzie|będą)\s+ich\b|\bich\s+liczba\b", regex.IGNORECASE)
COUNTED_NAMED = regex.compile(r"\b(?:liczb|ilo[śs]ć|ilości)\w*\s+(\p{L}+)", regex.IGNORECASE)


def counted_before(text: str, sentence_start: int, value: float | None) -> str | None:
    """The noun a sentence before names as counted ("rośnie liczba wniosków"), which a count of
    "them" in the next sentence counts ("W 2019 r. było ich 640")."""
    previous_start = sentence_bounds(text, max(0, sentence_start - 2))[0] if sentence_start else 0
    named = list(COUNTED_NAMED.finditer(text, previous_start, sentence_start))
    lemma = noun_lemma(named[-1].group(1), value) if named else None
    return lemma if lemma and lemma not in not_label_units() else None


OPENING_WORD = regex.compile(r"^\s*(?:[-–·•]\s*)?(?:\d{1,2}[.)]\s*)?(?P<word>\p{Lu}\p{Ll}+)\b")


def opening_noun(label: str) -> str | None:
    """The unit of a paragraph that ends in its only figure, named by the noun that opens it:
    "Działania pracownika socjalnego na rzecz osób, którym …: 292" counts działania."""
    m = OPENING_WORD.match(label)
    lemma = nominative_noun_lemma(m.group("word")) if m else None
    return lemma if lemma and lemma not in not_label_units() else None


def _phrase(after: str) -> str:
    """Up to eight words after a number, stopping at punctuation or another number."""
    m = PHRASE.match(after)
    words = m.group(1).split() if m else []
    return " ".join(words[:8])


SENTENCE_END = regex.compile(r"(?<=[.;!?])\s+(?=[\p{Lu}\d„\"(-])|(?<=:)\s+(?=[\p{Lu}„\"(-])|\n")


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the sentence holding ``pos`` (abbreviations like "ok." kept inside)."""
    breaks = _sentence_breaks(text)
    k = bisect_right(breaks, (pos, -1))
    start = breaks[k - 1][1] if k else 0
    end = breaks[k][0] if k < len(breaks) else len(text)
    return start, end


@lru_cache(maxsize=16)
def _sentence_breaks(text: str) -> list[tuple[int, int]]:
    """(end of a sentence, start of the next) for every sentence break of a block, once per block."""
    return [
        (m.start(), m.end())
        for m in SENTENCE_END.finditer(text)
        if not ABBREVIATION.search(text[max(0, m.start() - 6) : m.start()])
    ]


YEAR_MENTION = regex.compile(
    r"(?P<pre>\b(?:od|do|za|roku|w|na|rok|latach|w\s+roku)\s+)?(?P<year>(?:19[5-9]|20[0-4])\d)(?P<post>\s*r\.?|\s+rok\w*)?(?!\d)"
)
CHANGE_FROM = regex.compile(r"(?i)\b(?:wzros\w*|wzrós\w*|spad\w*|zmal\w*|zwiększ\w*|zmniejsz\w*)\b[^.;:]*\bz\s+(?:około\s+|ok\.\s+)?$")
CHANGE_TO = regex.compile(r"\d[\d \u00a0,]*\s+(?:\p{L}+\s+){0,2}?do\s+(?:około\s+|ok\.\s+)?\d")
CLAUSE_BREAK = regex.compile(r"[,;–]|\s-\s")
JOINED_AFTER = regex.compile(r"^\p{Ll}{0,4}\.?\s*(?:i|oraz|a|do)\s+$")  # what is left of "r."/"roku", then "i"
NUMBER_BEFORE = regex.compile(r"\d[^\d,;:.–]*$")  # a number in the clause before a year
YEAR_BEFORE = regex.compile(r"(?i)\brok\s+wcześniej\b|\bprzed\s+rokiem\b|\bw\s+(?:poprzednim\s+roku|roku\s+poprzednim)\b")
RELATIVE_CLAUSE = regex.compile(r",\s*(?:któr\w*|gdzie|kiedy)\b")
COUNTED_AFTER = regex.compile(r"[ \t]+\p{Ll}")  # "na 2000 mieszkańców": a count, not a year


NUMBER_BEFORE_GAP = regex.compile(r"(?:^|\s)(\d(?:[\d,.]*\d)?)[ \t]+$")  # "0 1987", not "388, 2018 – 402"
NUMBER_AFTER_GAP = regex.compile(r"[ \t]+(\d(?:[\d,.]*\d)?)(?:\s|$)")


def among_figures(text: str, start: int, end: int) -> bool:
    """True when the number at text[start:end] stands in a row of numbers beside one that is no
    year ("0 0 1987", "1987 14522,80"): a figure, while a row of years alone ("2018 2019 2020")
    is a heading of years."""
    before = NUMBER_BEFORE_GAP.search(text, max(0, start - 20), start)
    after = NUMBER_AFTER_GAP.match(text, end)
    return any(m and not YEAR_ONLY.fullmatch(m.group(1)) for m in (before, after))


YEAR_ONLY = regex.compile(r"(?:19[5-9]|20[0-4])\d")


def figure_year(sentence: str, offset: int, report_year: int | None) -> int | None:
    """The year a figure refers to: the nearest year stated in its sentence, else the report's.

    "od 2004 roku" states when something began, not the figure's year, and is skipped; so is
    the date of an event ("oddane do użytku w kwietniu 2007 r.") and the base of a comparison
    ("wobec 2018 roku … wzrosła o 12%"), see ``rules/qualifiers.yaml``.
    """
    best: tuple[int, int] | None = None
    for m in YEAR_MENTION.finditer(sentence):
        pre = (m.group("pre") or "").strip()
        if pre in ("od", "do") or YEAR_RANGE.match(sentence, m.end()):
            continue
        if not m.group("post") and COUNTED_AFTER.match(sentence, m.end()) and pre in ("", "na", "do", "od"):
            continue
        if FROM_TO.search(sentence[max(0, m.start() - 6) : m.start()]) or sentence[max(0, m.start() - 1)] in "-–/.":
            continue
        if is_code(sentence, m.start("year"), m.end("year")):
            continue  # "2030 Dotacje celowe": a budget paragraph, not the year of the amounts beside it
        if not m.group("pre") and not m.group("post") and among_figures(sentence, m.start("year"), m.end("year")):
            continue  # "kw. 2310 14522,80 … 0 1987": an amount in a row of numbers, not a year
        if other_years().search(sentence[max(0, m.start() - 40) : m.start()]):
            continue  # "oddane do użytku w kwietniu 2007 r. (kontynuacja dla dwóch kobiet)"
        if m.start() > offset and RELATIVE_CLAUSE.search(sentence, offset, m.start()):
            continue  # "18 wizyt u rodzin, które w roku 2016 dostały …": the year of the subject, not of the figure
        if m.start() > offset and CLAUSE_BREAK.search(sentence, offset, m.start()):
            continue  # "240 osób, zaś w 2019 roku 131 rodzin": the year of the next clause
        if m.start() < offset and JOINED_AFTER.match(sentence[m.end() : offset]) and NUMBER_BEFORE.search(sentence[: m.start()]):
            continue  # "120 rodzinom w 2019 roku i 130 rodzinom w 2020 roku": 2019 is the year of 120
        distance = offset - m.start() if m.start() < offset else (m.start() - offset) * 3
        if best is None or distance < best[0]:
            best = (distance, int(m.group("year")))
    if report_year is not None:
        for m in YEAR_BEFORE.finditer(sentence, 0, offset):  # "Rok wcześniej wsparcie otrzymało 340 rodzin"
            if best is None or offset - m.start() < best[0]:
                best = (offset - m.start(), report_year - 1)
        if best is None and CHANGE_FROM.search(sentence, 0, offset) and CHANGE_TO.match(sentence, offset):
            return report_year - 1  # "liczba wniosków spadła z 512 do 498": the value the year before
    return best[1] if best else report_year


def names_a_relative_year(heading: str) -> bool:
    """True for a heading that names a year by its place beside the report's ("Rok oceny")."""
    return any(pattern.search(heading) for _offset, pattern in relative_years())


def relative_year(heading: str, report_year: int | None) -> int | None:
    """The year a table heading names by its place beside the report's year ("Rok oceny": the
    report's year; "Rok poprzedzający rok oceny": the year before; "Prognoza": the year after),
    or None."""
    if report_year is None:
        return None
    return next((report_year + offset for offset, pattern in relative_years() if pattern.search(heading)), None)


@cache
def other_years() -> regex.Pattern[str]:
    """Words before a year that make it the date of an event or the base of a comparison, not
    the year of the figures near it (``rules/qualifiers.yaml``)."""
    entries = require(load("qualifiers"), "other_years", list, "qualifiers")
    return regex.compile("|".join(f"(?:{e['pattern']})" for e in entries), regex.IGNORECASE)


@cache
def _exactness_pattern() -> tuple[regex.Pattern[str], dict[str, str]]:
    """One pattern for every exactness word (longest first), anchored at the end of a text."""
    table = require(load("numbers"), "exactness", dict, "numbers")
    kinds = {word: kind for kind, words in table.items() for word in words}
    words = sorted(kinds, key=len, reverse=True)
    return regex.compile(r"(?<!\p{L})(" + "|".join(map(regex.escape, words)) + r")$"), kinds


def exactness(before: str) -> str:
    """exact, approximate, lower_bound or upper_bound, from the words right before a figure."""
    pattern, kinds = _exactness_pattern()
    m = pattern.search(before.lower().rstrip())
    return kinds[m.group(1)] if m else "exact"


@cache
def sex_of_lemma() -> dict[str, str]:
    data = load("units")
    return {lemma: sex for sex, lemmas in data["sex_lemmas"].items() for lemma in lemmas}


def _clause(before: str) -> str:
    """The end of ``before`` back to the nearest clause boundary."""
    return before[max(before.rfind(sep) for sep in (",", ";", "(", "\n", ". ", ":")) + 1 :]


def qualifiers(text: str, start: int, end: int, unit: str | None) -> dict[str, str]:
    """District, sex and age of a figure, from its clause."""
    found: dict[str, str] = {}
    before = text[max(0, start - 200) : start]
    if before.rstrip().endswith("("):  # "Stare Miasto (30 uczestników)": the clause before the bracket
        before = before.rstrip()[:-1]
    clause = _clause(before)
    districts = districts_in(clause)
    bracket = before.rfind("(")
    if not districts and bracket > before.rfind(")"):  # "Zabłocie – 1 wyjazd (odwiedzono 7 rodzin)"
        districts = districts_in(_clause(before[:bracket]))
    if districts:
        found["district"] = districts[-1]
    letter = SEX_LETTER.match(text, end)
    sex = load("units")["sex_letters"].get(letter.group(1)) if letter else sex_of_lemma().get(unit or "")
    if sex:
        found["sex"] = sex
    label = before[max(before.rfind(sep) for sep in (",", ";", "\n", ". ")) + 1 :]  # "dzieci poniżej 3 roku życia: 6"
    age = age_group(text[end : end + 60]) or age_group(label, at_end=True)
    if age:
        found["age"] = age
    return found


@cache
def age_patterns() -> tuple[tuple[str, regex.Pattern[str]], ...]:
    """(kind, pattern) of every age expression in ``rules/qualifiers.yaml``."""
    return tuple((a["kind"], regex.compile(a["pattern"])) for a in require(load("qualifiers"), "ages", list, "qualifiers"))


CLAUSE_MARK = regex.compile(r"[,;.()]")


def age_group(text: str, at_end: bool = False) -> str | None:
    """The age group written in ``text``: "3-4", "<3", ">6", "65+", "6"; the last one when ``at_end``
    (a label before the number), else the first within its clause after the number."""
    text = text if at_end else CLAUSE_MARK.split(text, maxsplit=1)[0]
    found = []
    for kind, pattern in age_patterns():
        for m in pattern.finditer(text):
            group = {"range": "{low}-{high}", "below": "<{high}", "above": ">{low}", "from": "{low}+", "exact": "{low}",
                     "minor": "<18", "adult": "18+"}[kind]
            found.append((m.start(), group.format(**m.groupdict())))
    if not found:
        return None
    return max(found)[1] if at_end else min(found)[1]
