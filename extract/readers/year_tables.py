"""Tables a text dump flattened, rebuilt by their heading of years.

Two shapes are common in dumps of reports with series over several years:

- rows glued on one line each, under a heading line of years::

      Wyszczególnienie 2015 2016 2017
      Liczba rodzin 120 130 140
      Liczba osób w rodzinach 1 300 1 320 1 340

  The numbers of a row are split into as many cells as the heading has columns, by the
  thousands groups ("1 300 1 320 1 340" can only be 1 300 | 1 320 | 1 340); a row whose split is
  not unique ends the table, so no number is guessed.
- one cell per line: the years on lines of their own, then each row's label and its numbers,
  one per line ("-" for an empty cell).

Both become rows of cells with the years as the heading row, so that every cell takes its year
from its column. Tables under headings of words are dumped one cell per line too: the
headings, then each row's label and its numbers (:func:`take_headed_cells`).
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise

import regex

from extract.rules import load

YEAR = r"(?:19|20)\d\d"
YEAR_LINE = regex.compile(rf"^\s*(?P<label>[^\n]*?)\s*(?<!\d)(?P<years>{YEAR}(?:\s*r\.?)?(?:\s+{YEAR}(?:\s*r\.?)?)+)\s*(?P<tail>[^\d\n]*)$")
ONE_YEAR = regex.compile(rf"^\s*(?P<year>{YEAR})\s*(?:r\.?|rok)?\s*$")
TOKEN = regex.compile(r"^(?:\d+(?:[.,]\d+)*%?|[-–x])$")
EMPTY = ("-", "–", "x")
LETTER = regex.compile(r"\p{L}")
DIGIT_OR_TAB = regex.compile(r"[\d\t]")


def years_of(text: str) -> list[int]:
    return [int(y) for y in regex.findall(YEAR, text)]


def ascending(years: list[int]) -> bool:
    return len(years) >= 2 and years == sorted(set(years))


def split_row(line: str, columns: int) -> tuple[str, list[str]] | None:
    """(label, cells) of a glued row with ``columns`` numbers, or one more (an index or share
    column); None when the line is no such row or its numbers split more than one way."""
    tokens = line.split()
    k = len(tokens)
    while k and TOKEN.match(tokens[k - 1]):
        k -= 1
    label, numbers = " ".join(tokens[:k]), tokens[k:]
    if not LETTER.search(label) or not numbers:
        return None
    for wanted in (columns, columns + 1):
        splits = partitions(tuple(numbers), wanted)
        if len(splits) == 1:
            return label, list(splits[0])
        if len(splits) > 1:
            return None
    return None


@cache
def partitions(tokens: tuple[str, ...], count: int) -> list[tuple[str, ...]]:
    """Every way to read ``tokens`` as ``count`` numbers written the Polish way: a group of one
    to three digits followed by groups of three, the last of which may carry decimals; a longer
    group or a dash stands alone."""
    if count == 0:
        return [()] if not tokens else []
    found = []
    for end in range(1, len(tokens) + 1):
        if is_number(tokens[:end]):
            found += [(" ".join(tokens[:end]), *rest) for rest in partitions(tokens[end:], count - 1)]
        if len(found) > 1:
            break
    return found


GROUPED = regex.compile(r"^\d{1,3}(?: \d{3})*(?:,\d+)?%?$")


def is_number(tokens: tuple[str, ...]) -> bool:
    if len(tokens) == 1:
        return True
    return all(t not in EMPTY for t in tokens) and bool(GROUPED.match(" ".join(tokens)))


def take_glued_rows(lines: list[str], start: int) -> tuple[int, list[list[str]]]:
    """A heading line of years and the glued rows under it, or no rows; a line whose cells tabs
    part is left to the reader of tab rows, which needs no guess where a number ends."""
    if "\t" in lines[start].strip():
        return start, []
    head = YEAR_LINE.match(lines[start])
    if not head or not ascending(years_of(head.group("years"))):
        return start, []
    years = [str(y) for y in years_of(head.group("years"))]
    rows: list[list[str]] = []
    end = start + 1
    while end < len(lines) and (row := split_row(lines[end], len(years))):
        rows.append([row[0], *row[1]])
        end += 1
    if not rows:
        return start, []
    tail = head.group("tail").strip()
    width = max(len(r) for r in rows)
    heading = [head.group("label").strip(), *years, *([tail] if width > len(years) + 1 else [])]
    return end, [r + [""] * (width - len(r)) for r in [heading[:width] + [""] * (width - len(heading)), *rows]]


SHORT_YEAR = regex.compile(r"^\s*'?(?P<year>\d\d)\s*$")


def short_years(lines: list[str], start: int) -> list[str]:
    """Years written with two digits on lines of their own ("98", "99", "00", "01"), at least
    three following each other: the full years, the century taken from the turn they follow."""
    found: list[int] = []
    for line in lines[start:]:
        m = SHORT_YEAR.match(line)
        if not m or (found and int(m.group("year")) != (found[-1] + 1) % 100):
            break
        found.append(int(m.group("year")))
    if len(found) < 3:
        return []
    first = (1900 if found[0] >= 50 else 2000) + found[0]
    return [str(first + k) for k in range(len(found))]  # they follow each other: 98, 99, 00, 01


MAX_LOST_CELLS = 1  # a row may lack this many cells at its end before its table ends


def take_cell_lines(lines: list[str], start: int) -> tuple[int, list[list[str]]]:
    """Years on lines of their own (four digits, or two for three years or more), then rows of
    a label line and one number per line; blank lines between cells are passed over. A row one
    cell short, the next label coming early, keeps its cells from the first column on."""
    first = lines[start].strip()
    if not ONE_YEAR.match(first) and not SHORT_YEAR.match(first):
        return start, []  # no year opens it: gather no cells
    cells = _filled(lines, start)
    texts = [text for _i, text in cells]
    k, years = 0, []
    while k < len(texts) and (m := ONE_YEAR.match(texts[k])):
        years.append(m.group("year"))
        k += 1
    if not years and (years := short_years(texts, 0)):
        k = len(years)
    if not ascending([int(y) for y in years]):
        return start, []
    rows: list[list[str]] = []
    end = cells[k - 1][0] + 1
    while k < len(texts):
        label, values = texts[k], texts[k + 1 : k + 1 + len(years)]
        if short := next((n for n, c in enumerate(values) if LETTER.search(c)), None):
            values = values[:short]  # the next row's label: this row lost a cell, the last (an empty one a dump drops)
        if not LETTER.search(label) or len(values) < len(years) - MAX_LOST_CELLS or not all(
            c in EMPTY or (is_number(tuple(c.split())) and all(TOKEN.match(t) for t in c.split())) for c in values
        ):
            break
        rows.append([label, *values, *[""] * (len(years) - len(values))])
        end = cells[k + len(values)][0] + 1
        k += 1 + len(values)
    if not rows:
        return start, []
    return end, [["", *years], *rows]


NUMBERING_HEAD = regex.compile(r"(?i)^\s*(?:l\.?\s?p\.?|nr|no\.?)\s*$")
ROW_NUMBER = regex.compile(r"^\s*(?P<n>\d{1,3})\.?\s*$")
MAX_HEADINGS = 6


def _filled(lines: list[str], start: int, limit: int = 4000) -> list[tuple[int, str]]:
    """(index, text) of the lines from ``start`` that are not blank: dumps often put a blank
    line between every two cells."""
    return [(k, lines[k].strip()) for k in range(start, min(len(lines), start + limit)) if lines[k].strip()]


TOTAL_ROW = regex.compile(r"(?i)^\s*(?:razem|ogółem|suma|łącznie)\s*:?\s*$")


def take_numbered_rows(lines: list[str], start: int) -> tuple[int, list[list[str]]]:
    """A table dumped one cell per line under an "Lp." heading: the headings on the lines after
    it, then rows that each start with their number (1, 2, 3, …) and hold one line per heading
    ("Lp. / Miejscowość / Liczba rodzin" then "1 / Zabłocie / 12", "2 / Łazy / 7"), and a total
    row ("Razem / 40") after them; blank lines between cells are passed over."""
    if not NUMBERING_HEAD.match(lines[start]):
        return start, []
    cells = _filled(lines, start + 1)
    headings: list[str] = []
    k = 0
    while k < len(cells) and not ROW_NUMBER.match(cells[k][1]) and len(headings) < MAX_HEADINGS:
        if len(cells[k][1]) > 120:
            return start, []
        headings.append(cells[k][1])
        k += 1
    width = len(headings)
    rows: list[list[str]] = []
    end = start + 1
    while k + width < len(cells) + 1 and (m := ROW_NUMBER.match(cells[k][1])) and int(m.group("n")) == len(rows) + 1:
        row = [text for _i, text in cells[k + 1 : k + 1 + width]]
        if len(row) < width or (width > 1 and ROW_NUMBER.match(row[0])):
            break
        rows.append([m.group("n"), *row])
        end = cells[k + width][0] + 1
        k += 1 + width
    if k < len(cells) and TOTAL_ROW.match(cells[k][1]) and k + width - 1 < len(cells):
        total = [text for _i, text in cells[k : k + width]]
        if all(regex.search(r"\d", t) for t in total[1:]):
            rows.append(["", *total])
            end = cells[k + width - 1][0] + 1
    if not headings or len(rows) < 2:
        return start, []
    return end, [[lines[start].strip(), *headings], *rows]


MAX_HEADING_CHARS = 80  # a longer line is prose, not a heading or a row label
HEADED_CELLS_REACH = 400  # lines read for one table dumped cell by cell under headings


def is_value_cell(text: str) -> bool:
    """A cell holding one number or a dash for an empty one."""
    return text in EMPTY or (is_number(tuple(text.split())) and all(TOKEN.match(t) for t in text.split()))


def is_label_cell(text: str) -> bool:
    """A short cell holding words: a heading or a row's label."""
    return len(text) <= MAX_HEADING_CHARS and LETTER.search(text) is not None and not is_value_cell(text)


VALUE_HEADING = regex.compile(r"(?i)\b(?:w\s+zł|zł\b|złotych|%|procent|\brok\w*|prognoz\w*|(?:19|20)\d\d)")


def is_value_heading(text: str) -> bool:
    """A heading that says what its column holds: it opens with a word of counting or money
    ("Liczba …", "Kwota …"), names złoty or per cent, or a year."""
    return column_start().match(text) is not None or VALUE_HEADING.search(text) is not None


def take_headed_cells(lines: list[str], start: int) -> tuple[int, list[list[str]]]:
    """A table dumped one cell per line: a heading line for the label column (optional) and
    one per value column, then rows of a label line and one number per value column
    ("Miesiąc / Liczba dodatków / Kwota w zł" then "Styczeń / 212 / 41 730,15", …). The first
    row tells the width: as many value headings as it has numbers; blank lines between cells
    are passed over. At least two value columns and two rows, else no rows."""
    if not is_label_cell(lines[start].strip()):
        return start, []
    for k in range(start, min(len(lines), start + HEADED_CELLS_REACH)):  # cheap: words up to a number, or no table
        text = lines[k].strip()
        if text and is_value_cell(text):
            break
        if text and not is_label_cell(text):
            return start, []
    else:
        return start, []
    cells = _filled(lines, start, limit=HEADED_CELLS_REACH)
    texts = [text for _i, text in cells]
    first = next((k for k, text in enumerate(texts) if is_value_cell(text)), None)
    if first is None or first < 3:
        return start, []
    width = 0
    while first + width < len(texts) and is_value_cell(texts[first + width]):
        width += 1
    heads = first - 1  # the lines before the first row's label
    if width < 2 or heads not in (width, width + 1) or not all(is_label_cell(t) for t in texts[: first]):
        return start, []
    if not all(is_value_heading(t) for t in texts[heads - width : heads]):
        return start, []
    rows: list[list[str]] = []
    k, end = first - 1, start
    while k + width < len(texts) and is_label_cell(texts[k]) and all(is_value_cell(t) for t in texts[k + 1 : k + 1 + width]):
        rows.append(texts[k : k + 1 + width])
        end = cells[k + width][0] + 1
        k += 1 + width
    if len(rows) < 2:
        return start, []
    heading = texts[:heads] if heads == width + 1 else ["", *texts[:heads]]
    return end, [heading, *rows]


@cache
def column_start() -> regex.Pattern[str]:
    """Where the heading of a value column opens (``rules/units.yaml`` column_starts)."""
    words = "|".join(map(regex.escape, load("units")["column_starts"]))
    return regex.compile(rf"(?i)(?<!\p{{L}})(?:{words})(?!\p{{L}})")


def worded_heading(line: str) -> list[str] | None:
    """The cells of a heading line that names two value columns or more by words ("Wyszczególnienie
    Liczba rodzin Liczba osób"): the label column's heading, then one per value column."""
    if DIGIT_OR_TAB.search(line):
        return None  # a heading of tab-separated cells is read as such
    starts = [m.start() for m in column_start().finditer(line)]
    if len(starts) < 2:
        return None
    bounds = [*starts, len(line)]
    return [line[: starts[0]].strip(), *(line[a:b].strip() for a, b in pairwise(bounds))]


def take_worded_glued_rows(lines: list[str], start: int) -> tuple[int, list[list[str]]]:
    """A heading line naming its value columns in words, and the glued rows under it, split
    as rows under years are (:func:`split_row`); at least two rows, else no rows."""
    heading = worded_heading(lines[start].strip())
    if heading is None:
        return start, []
    columns = len(heading) - 1
    rows: list[list[str]] = []
    end = start + 1
    while end < len(lines) and (row := split_row(lines[end], columns)) and len(row[1]) == columns:
        rows.append([row[0], *row[1]])
        end += 1
    if len(rows) < 2:
        return start, []
    return end, [heading, *rows]


PIPED = regex.compile(r"^(?P<cell>[^|\n]*?)[ \t]*\|[ \t]*$")  # "Domy pomocy społecznej |", "|" alone: an empty cell
YEAR_CELL_TEXT = regex.compile(rf"^\s*{YEAR}\s*$")
BAR = "|"
MIN_PIPED_ROWS = 2


def take_piped_cells(lines: list[str], start: int) -> tuple[int, list[list[str]]]:
    """A table an HTML dump wrote one cell a line, each closed by "|", with a line of "|" alone
    after each row, from its heading row at ``lines[start]``: a label, years on lines of their
    own (and perhaps one more heading, a translation); every row as wide, else no rows."""
    first = PIPED.match(lines[start])
    if not first or not first.group("cell") or YEAR_CELL_TEXT.match(first.group("cell")):
        return start, []
    cells: list[tuple[int, str]] = []
    for k in range(start, min(len(lines), start + HEADED_CELLS_REACH)):
        m = PIPED.match(lines[k])
        if m is None:
            if lines[k].strip():
                break
            continue
        cells.append((k, m.group("cell").strip()))
    years = 0
    while years + 1 < len(cells) and YEAR_CELL_TEXT.match(cells[years + 1][1]):
        years += 1
    if years < 2:
        return start, []
    width = 1 + years + (1 if years + 1 < len(cells) and cells[years + 1][1] else 0)
    rows: list[list[str]] = []
    end, k = start, 0
    while k + width <= len(cells) and cells[k][1] and (k + width == len(cells) or not cells[k + width][1]):
        row = [text for _i, text in cells[k : k + width]]
        if rows and not all(not text or is_value_cell(text) or text in (*EMPTY, ".") for text in row[1 : 1 + years]):
            break  # a row with words among its values: the table has ended
        rows.append([part for text in row for part in (text, BAR)] + ([BAR] if k + width < len(cells) else []))
        end = cells[min(k + width, len(cells) - 1)][0] + 1
        k += width + 1
    if len(rows) < MIN_PIPED_ROWS + 1:
        return start, []
    return end, rows  # the bars kept as cells of their own, so the text reads as printed
