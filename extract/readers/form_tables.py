"""Statutory forms (MPiPS-03 and the like) as text dumps flatten them, rebuilt into tables.

The forms number their columns (a line "012": the label column 0 and value columns 1 and 2)
and their rows; a dump glues each row's number to its values, one line per row under the
row's label::

    WYSZCZEGÓLNIENIELICZBA OSÓBW PRZELICZENIU
    NA PEŁNE ETATY
    012
    OGÓŁEM
    11816,50          row 1: 18 persons, 16,50 posts
    kierownicy
    211,00            row 2: 1 person, 1,00 post

The row number is known (rows follow 1, 2, 3, …), so what is left splits into the values: one
value, or a count and its full-time posts (two decimals, never more than the count, the
closest to it). A row that does not split one way only ends the table: no value is guessed.
The cells are :class:`~extract.model.Glued`, so the document text keeps the line as printed.

Quarterly forms (family benefits, the maintenance fund) number their columns "12345678" (the
"Lp." column, the label and six values) and put each row's number, label and values on lines
of their own; the dump runs the values together with no separator at all::

    1.1.
    0 - 17 lat
    1 980 2202 160 8002 371 1153 5103 8804 286

A space is then only ever inside a number (between groups of thousands), a group of three
digits ends where the next number starts, and decimals have two digits, so the values split
into the columns one way only, or the row ends the table (:func:`run_together`).

The assessment of social-assistance resources heads its columns with years, some named ("Rok
2016"), some by their place beside the year assessed ("Rok oceny", "Rok po ocenie"); a dump
runs each row's number and values together with no separator, under the row's label lines::

    WYSZCZEGÓLNIENIE
    Lata poprzednie
    Rok oceny
    PROGNOZA
    Rok 2016
    Rok 2017
    Rok po ocenie
    Dwa lata po ocenie
    Liczba mieszkań socjalnych
    51213131414        row 5: 12, 13, 13, 14, 14 (2016 … 2020)

Values of one row are one measure over consecutive years, of one size: where digits alone run
together, the evenest split is taken when it stands out (:func:`evenest_split`), else the row
ends the table (:func:`take_year_headed_rows`).

Other forms number their columns on lines of their own among the headings and put each cell on
a line (:func:`take_numbered_cells`), or state in their headings how the columns add up
("OGÓŁEM | w tym na wsi", groups after "w tym:" ending with "pozostałe"): a row whose number and
values ran together is split the one way those sums allow (:func:`take_stated_form_rows`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import islice

import regex

from extract.model import Glued
from extract.rules import load, relative_years

COLUMN_NUMBERS = "0123456789"
GLUED_ROW = regex.compile(r"^\d+(?:,\d\d)?$")
INTEGER = regex.compile(r"^(?:0|[1-9]\d*)$")
DECIMAL = regex.compile(r"^(?:0|[1-9]\d*),\d\d$")
SECTION = regex.compile(r"(?i)^\s*dział\s+\d")
MAX_HEADING_LINES = 3
MAX_LABEL_LINES = 4
ROW_NUMBER_HEADING = "Nr"


@cache
def column_heads() -> regex.Pattern[str]:
    """The statutory column headings (``rules/units.yaml``), longest first, matched whatever
    the spaces in them; each alternative is a group named by its position in the file."""
    heads = load("units")["column_heads"]
    order = sorted(range(len(heads)), key=lambda k: len(heads[k]["words"]), reverse=True)
    spaced = {k: r"\s*".join(map(regex.escape, heads[k]["words"].replace(" ", ""))) for k in order}
    return regex.compile("(?i)" + "|".join(f"(?P<h{k}>{spaced[k]})" for k in order))


@cache
def column_head_unit(heading: str) -> str | None:
    """The unit of a column under a statutory heading ("W przeliczeniu na pełne etaty": etat)."""
    m = column_heads().search(heading)
    if not m or m.lastgroup is None:
        return None
    return str(load("units")["column_heads"][int(m.lastgroup[1:])]["unit"])


def value_columns(line: str) -> int:
    """How many value columns a line of column numbers announces ("012": 2), or 0."""
    digits = line.replace(" ", "").strip()
    if len(digits) < 2 or digits != COLUMN_NUMBERS[: len(digits)]:
        return 0
    return len(digits) - 1


def split_glued(line: str, row: int, columns: int) -> list[str] | None:
    """[row number, values…] of a glued row line, or None when the line is not row ``row`` or
    its values do not split one way only."""
    line = line.strip()
    number = str(row)
    if not GLUED_ROW.match(line) or not line.startswith(number) or columns not in (1, 2):
        return None
    rest = line[len(number) :]
    if columns == 1:
        return [number, rest] if INTEGER.match(rest) else None
    splits = [(rest[:k], rest[k:]) for k in range(1, len(rest)) if INTEGER.match(rest[:k]) and DECIMAL.match(rest[k:])]
    fitting = [(abs(int(count) - _decimal(posts)), count, posts) for count, posts in splits if _decimal(posts) <= int(count)]
    fitting.sort()
    if not fitting or (len(fitting) > 1 and fitting[0][0] == fitting[1][0]):
        return None
    return [number, fitting[0][1], fitting[0][2]]


def _decimal(text: str) -> float:
    return float(text.replace(",", "."))


def heading_cells(heading: str, columns: int) -> list[str] | None:
    """The heading split into the label column's heading and one heading per value column, by
    the statutory column headings it holds; None when their number is not ``columns``."""
    found = list(column_heads().finditer(heading))
    if len(found) != columns:
        return None
    return [heading[: found[0].start()].strip(), *(" ".join(m.group().split()) for m in found)]


def take_form_rows(lines: list[str], start: int) -> tuple[int, list[list[str]]]:
    """A form table whose heading starts at ``lines[start]``: the heading lines, a line of
    column numbers, then rows of label lines and a glued line each; else no rows."""
    if not column_heads().search(lines[start].replace(" ", "")):
        return start, []
    k = start + 1
    while k < len(lines) and k - start < MAX_HEADING_LINES and lines[k].strip() and not value_columns(lines[k]):
        k += 1
    columns = value_columns(lines[k]) if k < len(lines) else 0
    heading = heading_cells(" ".join(line.strip() for line in lines[start:k]), columns) if columns else None
    if heading is None:
        return start, []
    end, rows = labelled_rows(lines, k + 1, GLUED_ROW, lambda text, row: split_glued(text, row, columns),
                              lambda text, _label: not SECTION.match(text))
    if len(rows) < 2:
        return start, []
    return end, [[heading[0], ROW_NUMBER_HEADING, *heading[1:]], *rows]


def labelled_rows(lines: list[str], first: int, values: regex.Pattern[str], split: Callable[[str, int], list[str] | None],
                  may_label: Callable[[str, list[str]], bool]) -> tuple[int, list[list[str]]]:
    """Rows from ``lines[first]`` on, each some label lines (those ``may_label`` takes, given the
    label so far) and then a line of ``values``, which ``split`` cuts into cells, given the row's
    number; the first cell printed after a tab, the others glued to it as in the dump. Stops at
    a line that fits neither; returns the line after the last row and the rows."""
    rows: list[list[str]] = []
    label: list[str] = []
    end = first
    for i in range(first, len(lines)):
        text = lines[i].strip()
        if not text:
            continue
        cells = split(text, len(rows) + 1) if values.match(text) else None
        if cells and label:
            rows.append([" ".join(label), cells[0], *map(Glued, cells[1:])])
            label, end = [], i + 1
        elif not values.match(text) and len(label) < MAX_LABEL_LINES and may_label(text, label):
            label.append(text)
        else:
            break
    return end, rows


RUN_TOGETHER = regex.compile(r"^[\d ,X]*\d[\d ,X]*$")
ROW_NUMBER = regex.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?$")
FORM_START = regex.compile(r"(?i)^\s*(?:l\.?\s?p\.?|wyszczególnienie)\s*$")
NUMBERING = regex.compile(r"(?i)^\s*l\.?\s?p\.?\s*$")
THOUSANDS_GROUP = regex.compile(r" \d{3}")
DECIMALS = regex.compile(r",\d\d")
MAX_FORM_HEADINGS = 16


def run_together(line: str, count: int) -> list[str] | None:
    """The ``count`` values of a row whose cells were printed with no separator, or None when
    they do not split into ``count`` values one way only. A value is a group of one to three
    digits, groups of three after spaces, two decimals after a comma; "X" is a crossed-out cell."""
    text = line.strip()
    if not RUN_TOGETHER.match(text):
        return None
    found: list[list[str]] = []

    def split(at: int, cells: list[str]) -> None:
        if len(found) > 1 or len(cells) > count:
            return
        if at == len(text):
            if len(cells) == count:
                found.append(cells)
            return
        if text[at] == "X":
            split(at + 1, [*cells, "X"])
            return
        for lead in (1, 2, 3):
            digits = text[at : at + lead]
            if len(digits) < lead or not digits.isdigit() or (lead > 1 and digits[0] == "0"):
                return
            end = at + lead
            while THOUSANDS_GROUP.match(text, end):
                end += 4  # a space is always inside a number: its groups go on
            if end < len(text) and text[end] == " ":
                continue
            if DECIMALS.match(text, end):
                split(end + 3, [*cells, text[at : end + 3]])
            elif text[end : end + 1] != ",":
                split(end, [*cells, text[at:end]])

    split(0, [])
    return found[0] if len(found) == 1 else None


def counted_columns(line: str) -> int:
    """How many columns a line of glued column numbers "12345678" numbers (8), or 0."""
    digits = line.strip()
    return len(digits) if len(digits) >= 4 and digits == "123456789"[: len(digits)] else 0


def column_headings(heads: list[str], values: int) -> list[str] | None:
    """One heading per value column: the headings themselves, or headings over as many
    columns each as there are sub-headings under them ("Kwoty w złotych" over three months)."""
    if len(heads) == values:
        return heads
    subs, parents = heads[len(heads) - values :], heads[: len(heads) - values]
    if not parents or len(subs) != values or values % len(parents):
        return None
    span = values // len(parents)
    return [f"{parents[k // span]} {sub}" for k, sub in enumerate(subs)]


def take_run_together_rows(lines: list[str], start: int) -> tuple[int, list[list[str]]]:
    """A quarterly form from its "Lp." heading at ``lines[start]``: heading lines, a line of
    glued column numbers, then rows of a number line, label lines and a line of values run
    together (:func:`run_together`); else no rows."""
    if not FORM_START.match(lines[start]):
        return start, []
    k, heads = start + 1, [lines[start].strip()]
    while k < len(lines) and len(heads) < MAX_FORM_HEADINGS and not counted_columns(lines[k]):
        if lines[k].strip():
            heads.append(lines[k].strip())
        k += 1
    columns = counted_columns(lines[k]) if k < len(lines) else 0
    label_heads = 2 if NUMBERING.match(heads[0]) and len(heads) > 1 else 1
    values = columns - label_heads
    headings = column_headings(heads[label_heads:], values) if values >= 1 else None
    if headings is None:
        return start, []
    end, rows = labelled_rows(lines, k + 1, RUN_TOGETHER, lambda text, _row: run_together(text, values),
                              lambda text, label: bool(label) or ROW_NUMBER.match(text) is not None)
    if len(rows) < 2:
        return start, []
    return end, [[" ".join(heads[:label_heads]), *headings], *rows]


YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
LABEL_THEN_VALUES = regex.compile(r"^(?P<label>.*\p{L}[^\d]*?)(?P<values>\d[\d ]*)$")  # "brak miejsc700000"
MAX_SPREAD = 0.7  # orders of magnitude between the smallest and largest value of an even split
MIN_MARGIN = 0.3  # how much less even the next best split must be
MAX_DIGITS = 4  # of one value, where digits alone run together
MAX_SPLITS = 20_000
MIN_FORM_ROWS = 3


def digit_splits(digits: str, count: int, fits: Callable[[list[str], bool], bool] | None = None) -> Iterator[list[str]]:
    """Every way ``digits`` split into ``count`` values of one to :data:`MAX_DIGITS` digits, none
    with a leading zero; with ``fits``, a branch whose first values it refuses (``False``: not
    all of the row yet) is cut at once, and a whole split it refuses (``True``) is left out."""

    def walk(at: int, cells: list[str]) -> Iterator[list[str]]:
        if len(cells) == count:
            if at == len(digits) and (fits is None or fits(cells, True)):
                yield cells
            return
        if cells and fits is not None and not fits(cells, False):
            return
        for size in range(1, MAX_DIGITS + 1):
            piece = digits[at : at + size]
            if len(piece) < size or (size > 1 and piece[0] == "0") or len(digits) - at - size < count - len(cells) - 1:
                break
            yield from walk(at + size, [*cells, piece])

    yield from walk(0, [])


def evenest_split(text: str, count: int) -> list[str] | None:
    """``count`` values of one series run together: the one split :func:`run_together` allows,
    else, for digits alone, the split whose values lie closest together when it is even (within
    :data:`MAX_SPREAD` orders of magnitude) and clearly more even than any other; else None."""
    text = text.strip()
    if (cells := run_together(text, count)) is not None or not text.isdigit():
        return cells
    splits = list(islice(digit_splits(text, count), MAX_SPLITS + 1))
    if not splits or len(splits) > MAX_SPLITS:
        return None
    if len(splits) == 1:
        return splits[0]
    ranked = sorted((_spread(cells), cells) for cells in splits)
    (best, cells), (second, _) = ranked[0], ranked[1]
    return cells if best <= MAX_SPREAD and second - best >= MIN_MARGIN else None


def _spread(cells: list[str]) -> float:
    sizes = [math.log10(int(cell) + 1) for cell in cells]
    return max(sizes) - min(sizes)


def head_years(heads: list[str]) -> list[tuple[int, str]] | None:
    """(year, heading) of each value column, in time order, from the headings of a form that
    names some years and the others beside the year assessed (the year after the last one
    named); headings over others ("Prognoza" over two years) give way to the ones under them.
    None when the headings name no year."""
    named = [int(m.group()) for head in heads for m in YEAR.finditer(head)]
    by_year: dict[int, str] = {}
    for head in heads:
        years = [int(m.group()) for m in YEAR.finditer(head)]
        if len(years) == 1:
            by_year[years[0]] = head
            continue
        offset = next((offset for offset, pattern in relative_years() if pattern.search(head)), None)
        if offset is not None and not years and named:
            by_year[max(named) + 1 + offset] = head  # the last heading naming a year wins: it is the one under
    if not by_year:
        return None
    return sorted(by_year.items())


def take_year_headed_rows(lines: list[str], start: int) -> tuple[int, list[list[str]]]:
    """A form from its "Wyszczególnienie" heading at ``lines[start]``: heading lines naming the
    years of its columns (:func:`head_years`), then rows of label lines and a line of the row's
    number and its values run together (:func:`evenest_split`), numbered 1, 2, 3 …; else no rows."""
    if not FORM_START.match(lines[start]) or NUMBERING.match(lines[start]):
        return start, []
    ahead = [(k, lines[k].strip()) for k in range(start + 1, min(len(lines), start + 4 * MAX_FORM_HEADINGS)) if lines[k].strip()]
    ahead = ahead[: MAX_FORM_HEADINGS + MAX_LABEL_LINES]
    first_values = next((n for n, (_k, text) in enumerate(ahead) if RUN_TOGETHER.match(text)), None)
    if first_values is None:
        return start, []
    last_head = max((n for n, (_k, text) in enumerate(ahead[:first_values]) if _names_a_year(text)), default=-1)
    columns = head_years([text for _k, text in ahead[: last_head + 1]])
    if columns is None or len(columns) < 2:
        return start, []
    rows: list[list[str]] = []
    label: list[str] = []
    numbered = 0
    end = ahead[last_head][0] + 1
    for i in range(end, len(lines)):
        text = lines[i].strip()
        if not text:
            continue
        number = str(numbered + 1)
        glued = LABEL_THEN_VALUES.match(text)
        if RUN_TOGETHER.match(text) and text.startswith(number) and label and \
                (cells := evenest_split(text[len(number) :], len(columns))):
            headings, own = _split_label(label, len(columns) + 2)
            rows.extend([*headings, [own, number, *map(Glued, cells)]])
            label, end, numbered = [], i + 1, numbered + 1
        elif glued and glued.group("values").startswith(number) and \
                (cells := evenest_split(glued.group("values")[len(number) :], len(columns))):
            label.append(glued.group("label").strip())
            headings, own = _split_label(label, len(columns) + 2)
            rows.extend([*headings, [own, Glued(number), *map(Glued, cells)]])
            label, end, numbered = [], i + 1, numbered + 1
        elif not RUN_TOGETHER.match(text) and len(label) < MAX_LABEL_LINES:
            label.append(text)
        else:
            break
    if numbered < MIN_FORM_ROWS:
        return start, []
    return end, [[lines[start].strip(), ROW_NUMBER_HEADING, *(head for _year, head in columns)], *rows]


def _names_a_year(heading: str) -> bool:
    return YEAR.search(heading) is not None or any(pattern.search(heading) for _offset, pattern in relative_years())


CAPITALS = regex.compile(r"^[\p{Lu}\s\-–,]{4,}(?:\(.*\))?$")  # "MIESZKAŃCY (w osobach)", "RYNEK PRACY"


def _split_label(label: list[str], width: int) -> tuple[list[list[str]], str]:
    """A row's label lines as the headings in capitals printed before its own label ("MIESZKAŃCY
    (w osobach)", "KOBIETY"), each a row of its own (a section heading over the rows under it),
    and the row's own label (the last line, if all are in capitals)."""
    headings = [line for line in label if CAPITALS.match(line)]
    own = [line for line in label if not CAPITALS.match(line)]
    if not own:
        headings, own = headings[:-1], headings[-1:]
    return [[line] + [""] * (width - 1) for line in headings], " ".join(own)


COLUMN_NUMBER = regex.compile(r"^\s*(?P<n>\d{1,2})\s*$")
VALUE_CELL = regex.compile(r"^\s*(?:\d{1,3}(?: \d{3})*(?:,\d+)?|X|x|-|–)\s*$")
MIN_NUMBERED_COLUMNS = 3
MAX_NUMBERED_LABEL_LINES = 12  # a form's row label wrapped in a narrow column


def numbered_headings(lines: list[str], start: int) -> tuple[int, list[str]] | None:
    """The headings of a form whose columns are numbered 1, 2, 3 … on lines of their own among
    the heading lines, from its "Lp." at ``lines[start]``: (the line after the last column
    number, one heading per column); a run of numbers after one heading shares it ("liczba
    świadczeń ogółem, w tym podwyższone": 3, 4). None when the numbers do not run from 1."""
    headings: list[str] = []
    pending: list[str] = [lines[start].strip()]
    last = ""
    k = start + 1
    while k < len(lines) and len(headings) < 40:
        text = lines[k].strip()
        m = COLUMN_NUMBER.match(text)
        if m and int(m.group("n")) == len(headings) + 1:
            last = " ".join(pending) or last
            headings.append(last)
            pending = []
        elif m or (ROW_NUMBER.match(text) and headings and "." in text):
            break
        elif text:
            pending.append(text)
        k += 1
    if len(headings) < MIN_NUMBERED_COLUMNS + 2:
        return None
    return k, headings


def take_numbered_cells(lines: list[str], start: int) -> tuple[int, list[list[str]]]:
    """A form dumped one cell per line under numbered columns (:func:`numbered_headings`): each
    row its number ("1.", "1.1."), its label lines and then one value a line, as many as there
    are value columns (a row with fewer, the next row's number coming early, keeps them from the
    first column on); else no rows."""
    if not NUMBERING.match(lines[start]):
        return start, []
    found = numbered_headings(lines, start)
    if found is None:
        return start, []
    k, headings = found
    values = len(headings) - 2
    cells = [(i, lines[i].strip()) for i in range(k, min(len(lines), k + 200 * (values + 6))) if lines[i].strip()]
    rows: list[list[str]] = []
    n, end = 0, k
    while n < len(cells) and ROW_NUMBER.match(cells[n][1]):
        label: list[str] = []
        m = n + 1
        while m < len(cells) and not VALUE_CELL.match(cells[m][1]) and len(label) < MAX_NUMBERED_LABEL_LINES:
            label.append(cells[m][1])
            m += 1
        row: list[str] = []
        while m + len(row) < len(cells) and len(row) < values and VALUE_CELL.match(cells[m + len(row)][1]):
            row.append(cells[m + len(row)][1])
        if not label or not row or (len(row) < values and m + len(row) < len(cells) and not ROW_NUMBER.match(cells[m + len(row)][1])):
            break
        rows.append([cells[n][1], " ".join(label), *row, *[""] * (values - len(row))])
        n, end = m + len(row), cells[m + len(row) - 1][0] + 1
    if not rows:
        return start, []
    return end, [headings, *rows]


FORM_HEADING = regex.compile(r"(?i)^\s*wyszczególnienie")
COLUMN_ROLE = regex.compile(r"(?i)(?P<whole>ogółem)|(?P<part>w\s*tym\s*na\s*wsi)|(?P<groups>w\s*tym\s*:)")
EXHAUSTIVE = regex.compile(r"(?i)pozostał")  # a last group "pozostałe osoby": the groups cover the whole
MAX_FORM_LABEL_LINES = 6  # a label, a footnote, two lines of formulas


@dataclass(frozen=True)
class PartsAndWholes:
    """The arithmetic a form's column headings state: each "w tym na wsi" column is a part of
    the "ogółem" column before it; after "w tym:" come groups of the first whole, which a last
    group named "pozostałe" makes cover it."""

    whole_of: dict[int, int]
    groups: tuple[int, ...]
    exhaustive: bool

    def holds(self, values: list[int], bound: list[int] | None, complete: bool = True) -> bool:
        """True when ``values`` keep every stated relation, and stay within ``bound`` (the
        values of the total row above, which the rows under it are parts of); for the first
        values of a row only (not ``complete``), the relations among them."""
        n = len(values)
        if bound is not None and any(v > b for v, b in zip(values, bound, strict=False)):
            return False
        if any(part < n and values[part] > values[whole] for part, whole in self.whole_of.items()):
            return False
        if any(g < n and values[g] > values[0] for g in self.groups):
            return False
        parts = [p for p, w in self.whole_of.items() if w in self.groups]
        if 1 in self.whole_of and any(p < n and values[p] > values[1] for p in parts):
            return False
        return not (complete and self.exhaustive and self.groups and (sum(values[g] for g in self.groups) < values[0] or (
            1 in self.whole_of and sum(values[p] for p in parts) < values[1])))


def parts_and_wholes(heading: str, values: int) -> PartsAndWholes | None:
    """The relations between ``values`` columns that a form's glued headings state
    ("OGÓŁEMw tym na wsiw tym: … OGÓŁEMw tym na wsi …"), or None when the headings do not name
    exactly that many columns."""
    roles: list[str] = []
    groups_from = None
    for m in COLUMN_ROLE.finditer(FORM_HEADING.sub("", heading)):
        if m.lastgroup == "groups":
            groups_from = len(roles)
        else:
            roles.append(str(m.lastgroup))
    if len(roles) != values or not roles or roles[0] != "whole":
        return None
    whole_of: dict[int, int] = {}
    last_whole = 0
    for k, role in enumerate(roles):
        if role == "whole":
            last_whole = k
        else:
            whole_of[k] = last_whole
    groups = tuple(k for k, role in enumerate(roles) if role == "whole" and groups_from is not None and k >= groups_from)
    return PartsAndWholes(whole_of, groups, bool(groups) and EXHAUSTIVE.search(heading) is not None)


def stated_split(digits: str, count: int, relations: PartsAndWholes, bound: list[int] | None) -> list[str] | None:
    """The one way ``digits`` run together split into ``count`` values of one to four digits
    that keeps the relations the form states; None when none or more than one does."""
    def fits(cells: list[str], complete: bool) -> bool:
        return relations.holds([int(c) for c in cells], bound, complete)  # a part above its whole cuts the branch

    found = list(islice(digit_splits(digits, count, fits), 2))
    return found[0] if len(found) == 1 else None


def take_stated_form_rows(lines: list[str], start: int) -> tuple[int, list[list[str]]]:
    """A form from its "WYSZCZEGÓLNIENIE" heading at ``lines[start]`` whose headings state how
    its columns add up (:func:`parts_and_wholes`), numbered by a line of glued column numbers,
    each row's number and values run together after its label lines: split the one way the
    relations allow (:func:`stated_split`), or, for amounts with thousands groups, the one way
    they allow, crossed-out cells ("X") on the lines after; a row that splits otherwise ends the
    table, no value guessed."""
    if not FORM_HEADING.match(lines[start]):
        return start, []
    k = start + 1
    while k < len(lines) and k - start <= MAX_FORM_HEADINGS and not counted_columns(lines[k]):
        k += 1
    if k >= len(lines) or not counted_columns(lines[k]):
        return start, []
    values = counted_columns(lines[k]) - 1
    heading = " ".join(line.strip() for line in lines[start:k])
    relations = parts_and_wholes(heading, values)
    if relations is None:
        return start, []
    rows: list[list[str]] = []
    label: list[str] = []
    bound: list[int] | None = None
    end, i = k + 1, k + 1
    while i < len(lines):
        text = lines[i].strip()
        i += 1
        if not text:
            continue
        number = str(len(rows) + 1)
        if not RUN_TOGETHER.match(text) or "X" in text:
            if len(label) >= MAX_FORM_LABEL_LINES:
                break
            label.append(text)
            continue
        if not label or not text.startswith(number):
            break
        digits = text[len(number) :]
        cells = stated_split(digits, values, relations, bound) if digits.isdigit() else None
        if cells is None:
            cells, i = _amounts_then_crossed(lines, i, digits, values)
        if cells is None:
            break
        if bound is None and digits.isdigit() and regex.search(r"(?i)ogółem", label[-1]):
            bound = [int(c) for c in cells]  # the rows under a total are its parts
        rows.append([" ".join(label), number, *(cell if cell == "X" else Glued(cell) for cell in cells)])
        label, end = [], i
    if len(rows) < 2:
        return start, []
    heads = [m.group() for m in COLUMN_ROLE.finditer(FORM_HEADING.sub("", heading)) if m.lastgroup != "groups"]
    return end, [["WYSZCZEGÓLNIENIE", ROW_NUMBER_HEADING, *heads], *rows]


def _amounts_then_crossed(lines: list[str], i: int, digits: str, values: int) -> tuple[list[str] | None, int]:
    """Amounts run together in a row's line ("318 420215 905": 318 420 and 215 905), the row's
    other cells crossed out ("X") on the lines after it: (cells, the line after them)."""
    crossed: list[str] = []
    k = i
    while k < len(lines) and len(crossed) < values and lines[k].strip() in ("X", ""):
        if lines[k].strip():
            crossed.append("X")
        k += 1
    amounts = run_together(digits, values - len(crossed)) if " " in digits else None
    if amounts is None or not crossed:
        return None, i
    return [*amounts, *crossed], k
