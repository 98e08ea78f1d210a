"""Table blocks → cells in long form, and their numeric cells → figures.

A first row without numbers is the header; a row whose first non-empty cell is a total word
("SUMA", "Razem", "Ogółem") is a total row whose cells are the totals of the rows above.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import regex

from extract.figures import (
    age_group,
    block_figures,
    counted_in_clause,
    figure_year,
    label_abbreviation,
    money_nouns,
    money_words,
    names_a_relative_year,
    relative_year,
    sex_of_lemma,
    unit_and_subject,
)
from extract.model import Block, Figure
from extract.morphology import noun_lemma, opens_in_genitive_plural
from extract.numbers import is_comma_thousands, number_words, parse_number
from extract.places import place_label
from extract.readers.form_tables import CAPITALS as SECTION_HEADING
from extract.readers.form_tables import column_head_unit
from extract.rules import load

NUMERIC = regex.compile(r"^[\d\s\u00a0.,]*\d[\d\s\u00a0.,]*\s*(?:zł|%)?$")
CURRENCY = regex.compile(r"(?i)(?<!\p{L})(?:zł|złotych|pln)(?!\p{L})")  # a heading naming the currency: "Kwota (zł)"
COUNT_WORDS = regex.compile(r"(?i)^\s*(?:liczba|ilość|ilości|liczby|w tym|z tego|ogółem|razem|łącznie)\b[\s:]*")


@dataclass
class TableCell:
    """One cell in long form with its header paths."""

    row: int
    col: int
    text: str
    value: float | None
    row_header: str
    col_header: str
    is_header: bool
    is_total: bool
    char_start: int
    char_end: int
    district: str | None = None  # the row's entry in a column headed "Dzielnica", "Osiedle", ...


def is_numeric(text: str) -> bool:
    return bool(NUMERIC.match(text.strip())) and parse_number(text.replace("zł", "").replace("%", "")) is not None


def table_cells(block: Block) -> list[TableCell]:
    """Every cell of a table block with its row and column header paths."""
    grid = block.grid()
    if not grid:
        return []
    header_rows = next((r for r, row in enumerate(grid)
                        if (any(is_numeric(c) for c in row) and not is_year_row(row)) or (r and is_section_heading(row))), len(grid))
    header_rows = min(header_rows, MAX_HEADER_ROWS)
    year_columns = label_year_columns(grid, header_rows)
    if header_rows and all(not any(is_numeric(c) for c in row[1:]) for row in grid[header_rows:]):
        header_rows = 0  # a list-like table (table of contents): no numeric body to head
    heads = spanned_headers(grid, header_rows)
    district_columns = {c for c in range(len(heads[0]) if heads else 0) if district_header().match(" ".join(h[c] for h in heads))}
    totals = set(load("breakdowns")["total_rows"])
    cells: list[TableCell] = []
    carried = ""
    section = SectionHeadings()
    list_intro = ListIntro()
    for_whom = ForWhomList()
    for r, row in enumerate(block.rows):
        texts = [c.text for c in row]
        labels = [t for c, t in enumerate(texts) if t and t not in EMPTY_CELLS and (not is_numeric(t) or c in year_columns)]
        first = texts[0] if texts else ""
        if first:
            carried = first
        elif labels and labels[0][:1].isupper():
            carried = ""  # a capitalised label starts a new top-level row: the merged cell above has ended
        if r >= header_rows and section.read(texts):
            carried = ""
        own = ([carried] if not first and carried else []) + labels
        numbers = any(is_numeric(t) for c, t in enumerate(texts) if c not in year_columns)
        row_label = " / ".join(for_whom.over(own, numbers) + list_intro.over(own) + own + section.over())
        is_total = bool(labels) and labels[0].strip(" :").lower() in totals
        district = next((texts[c] for c in sorted(district_columns) if c < len(texts) and texts[c] and not is_total), None)
        for c, cell in enumerate(row):
            header = r < header_rows
            col_header = " / ".join(h[c] for h in heads if c < len(h) and h[c])
            label_cell = header or c in year_columns or not is_numeric(cell.text)
            value = None if label_cell else parse_number(cell.text.replace("zł", "").replace("%", ""))
            cells.append(
                TableCell(r, c, cell.text, value, "" if header else row_label, col_header, header, is_total,
                          cell.char_start, cell.char_end, None if header else district)
            )
    return cells


MAX_HEADER_ROWS = 3


class ListIntro:
    """A row label that opens a list with a colon ("w tym liczba osób korzystających z:
    posiłku") heads the rows after it that go on the list in lower case ("zasiłku celowego"):
    they count what the opening names, until a row starts otherwise."""

    OPENING = regex.compile(r"^(?P<intro>.*?\S)\s*:\s*\p{Ll}")

    def __init__(self) -> None:
        self.intro = ""

    def over(self, labels: list[str]) -> list[str]:
        """The opening over a row labelled ``labels`` ([] when none), read before the row's own."""
        first = labels[0] if labels else ""
        if not first:
            return []
        if (m := self.OPENING.match(first)) and COUNT_WORDS.sub("", m.group("intro")).strip():
            self.intro = m.group("intro")  # not "w tym: liczba osób …", a part under the list
            return []
        if not first[:1].islower():
            self.intro = ""
        elif not COUNT_WORDS.match(first):  # "w tym: liczba osób, którym …" counts on its own
            return [self.intro] if self.intro else []
        return []


class ForWhomList:
    """A row that only says for whom ("dla:", "w domach dla:") opens a list of those the row
    of figures above it counts things for ("Placówki … 6 / dla: / Osób w podeszłym wieku 2"):
    rows after it that open in the genitive plural the preposition asks for count what that row
    counted, until a row that does not ("Miejsca 233")."""

    def __init__(self) -> None:
        self.counted = ""  # the label of the last row with figures
        self.listing = ""  # that label, while a list for whom goes on

    def over(self, labels: list[str], numbers: bool) -> list[str]:
        """The counted row's label over a row of the list, read before the row's own."""
        first = labels[0] if labels else ""
        if first and not numbers and for_whom_opening().search(first):
            self.listing = self.counted
            return []
        if self.listing and first and opens_in_genitive_plural(first):
            return [self.listing]
        self.listing = ""
        if numbers and first:
            self.counted = first
        return []


@cache
def for_whom_opening() -> regex.Pattern[str]:
    """A row label ending in a preposition that says for whom ("dla:", "w domach dla ...")."""
    words = "|".join(map(regex.escape, load("units")["list_for_whom"]))
    return regex.compile(rf"(?i)(?:^|\s)(?:{words})[\s.:]*$")


def is_section_heading(texts: list[str]) -> bool:
    """A row that is one heading in capitals in its first cell and nothing else."""
    return bool(texts) and SECTION_HEADING.match(texts[0]) is not None and not any(t.strip() for t in texts[1:])


class SectionHeadings:
    """Rows of a table that are one heading in capitals and nothing else ("MIESZKAŃCY (w
    osobach)", "RYNEK PRACY") head the rows under them, until the next; a heading naming a sex
    ("KOBIETY") is a group inside the section. Their labels end the row labels under them
    ("Wiek 0-17 / KOBIETY / MIESZKAŃCY (w osobach)")."""

    def __init__(self) -> None:
        self.section = ""
        self.group = ""

    def read(self, texts: list[str]) -> bool:
        """Take a row that is a heading; False for any other row."""
        if not is_section_heading(texts):
            return False
        if header_sex(texts[0]):
            self.group = texts[0]
        else:
            self.section, self.group = texts[0], ""
        return True

    def over(self) -> list[str]:
        """The group and section over the rows now read."""
        return [part for part in (self.group, self.section) if part]


EMPTY_CELLS = ("-", "–", "x", "X", "|")  # what tables write in a cell with nothing to count ("|": a dump's cell closer)
YEAR_CELL = regex.compile(r"(?i)^\s*(?:rok\s+)?(?P<year>(?:19|20)\d\d)\s*(?:r\.?|rok)?\s*$")


def all_years(cells: list[str]) -> bool:
    """Every cell a year, at least two, ascending ("2015", "2016", "2017")."""
    years = [int(m.group("year")) for c in cells if (m := YEAR_CELL.match(c))]
    return len(years) >= 2 and len(years) == len(cells) and years == sorted(set(years))


def is_year_row(row: list[str]) -> bool:
    """A heading row of years: every number in it a year ("Wyszczególnienie | 2015 | 2016")."""
    return all_years([c for c in row if c.strip() and is_numeric(c)])


def label_year_columns(grid: list[list[str]], header_rows: int) -> set[int]:
    """Columns of the body that hold only years: the rows' labels ("2015 | 120")."""
    body = grid[header_rows:]
    return {c for c in range(max((len(r) for r in body), default=0))
            if all_years([r[c] for r in body if c < len(r) and r[c].strip()])}


@cache
def district_header() -> regex.Pattern[str]:
    """A column heading whose rows are districts ("Dzielnica", "Osiedle"), from rules/qualifiers.yaml."""
    stems = "|".join(map(regex.escape, load("qualifiers")["district_headers"]))
    return regex.compile(rf"(?i)^\s*(?:{stems})\w*\s*$")


def spanned_headers(grid: list[list[str]], header_rows: int) -> list[list[str]]:
    """The header rows with a heading that spans columns repeated over them: a cell left empty
    beside a heading, above columns with headings of their own ("Liczba uczniów" over
    "dziewczęta | chłopcy"), belongs to the heading on its left."""
    heads = [list(row) for row in grid[:header_rows]]
    for h, row in enumerate(heads[:-1]):
        for c in range(1, len(row)):
            below = any(c < len(lower) and lower[c] for lower in heads[h + 1 :])
            if not row[c] and row[c - 1] and below:
                row[c] = row[c - 1]
    return heads


def cell_year(label: str, report_year: int | None) -> int | None:
    """The year of a cell headed ``label`` (its row and column headings): a year they state,
    else one they name beside the report's ("rok oceny", "prognoza"), else the report's."""
    if not regex.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", label):
        return relative_year(label, report_year) or report_year
    return figure_year(label, len(label), report_year)


def table_figures(block: Block, cells: list[TableCell], report_year: int | None, table_index: int,
                  counted: str | None = None) -> list[Figure]:
    """A figure for each numeric body cell, its meaning taken from the headers."""
    figures: list[Figure] = []
    numbering = numbering_columns(cells)
    for cell in cells:
        if cell.value is None or cell.is_header or cell.col in numbering:
            continue
        factor, money = header_scale(cell)
        unit = money or cell_unit(cell, counted)
        label = " / ".join(x for x in (cell.row_header, cell.col_header) if x)
        row_text = " | ".join(c.text for c in cells if c.row == cell.row and c.text)
        figures.append(
            Figure(
                value=round(cell.value * factor, 6),
                raw=cell.text,
                unit=unit,
                subject=label,
                year=cell_year(label, report_year),
                quote=row_text,
                char_start=cell.char_start,
                char_end=cell.char_end,
                rule="table.cell",
                flags=["comma_thousands"] if is_comma_thousands(cell.text) else [],
                page=block.page,
                table_index=table_index,
                is_total=cell.is_total,
            )
        )
    for previous, figure in pairwise(figures):
        if figure.unit is None:
            figure.unit = previous.unit  # "ze względu na brak efektów": counted as the row above
    by_start = {c.char_start: c for c in cells}
    for figure in figures:
        figure.qualifiers = cell_qualifiers(by_start[figure.char_start], figure.unit)
    link_table_parts(cells, figures)
    link_table_groups(cells, figures)
    return figures


MIN_CONTINUED_NUMBERING = 4  # rows numbered n, n+1, … from n > 1 before the column counts as numbering


def numbering_columns(cells: list[TableCell]) -> set[int]:
    """Columns that number the rows: headed "Lp."/"Nr", or holding 1, 2, 3, … (or n, n+1, …) in order."""
    headers = set(load("breakdowns").get("numbering_headers", []))
    columns: dict[int, list[TableCell]] = {}
    for cell in cells:
        columns.setdefault(cell.col, []).append(cell)
    found = set()
    for col, column in columns.items():
        if column[0].text.strip().lower() in headers:
            found.add(col)
            continue
        values = [c.value for c in column if c.value is not None and not c.is_header]
        first = values[0] if values else 0.0
        run = [first + i for i in range(len(values))]
        if values == run and first.is_integer() and first >= 1 and len(values) >= (3 if first == 1 else MIN_CONTINUED_NUMBERING):
            found.add(col)  # 1, 2, 3, …; or n, n+1, … on a page that continues the table
    return found


@cache
def header_scale_pattern() -> regex.Pattern[str]:
    """A scale before a currency in a heading: "Kwota (tys. zł)", "w milionach złotych"."""
    words = sorted(number_words().scales, key=len, reverse=True)
    return regex.compile(rf"(?i)(?<!\p{{L}})({'|'.join(map(regex.escape, words))})\s*(?=(?:zł|złotych|pln)(?!\p{{L}}))")


def header_scale(cell: TableCell) -> tuple[float, str | None]:
    """The factor a heading puts on its cells' values, and "zł" when it names money in thousands
    or millions ("Kwota (tys. zł)": 6 420,5 is 6 420 500 zł); else (1, None)."""
    for source in (cell.col_header, cell.row_header):
        m = header_scale_pattern().search(source or "")
        if m:
            return float(number_words().scales[m.group(1).lower()]), "zł"
    return 1.0, None


PERCENT_HEADER = regex.compile(r"\(\s*%\s*\)|\[\s*%\s*\]|(?<!\p{L})w\s*%|%\s*$")


def cell_unit(cell: TableCell, counted: str | None = None) -> str | None:
    """The unit of a numeric cell: percentages (in the cell or its column's heading), a
    statutory column heading's unit, money headers give zł, else the first counted noun of a
    header part that names something (parts opening with a preposition only qualify). What the
    table's caption says it counts (``counted``) comes before the row's heading, unless that
    names its own count ("Liczba świadczeń")."""
    if "%" in cell.text or PERCENT_HEADER.search(cell.col_header):
        return "%"
    if unit := column_head_unit(cell.col_header):
        return unit
    starts = tuple(w + " " for w in load("units").get("qualifier_starts", []))
    for source in (cell.col_header, cell.row_header):
        if source is cell.row_header and counted and not COUNT_START.match(source) and not CURRENCY.search(source):
            return counted
        if source and (CURRENCY.search(source) or (money_words().search(source) and regex.search(r",\d\d$", cell.text))):
            return "zł"
        parts = [piece for part in source.split(" / ") for piece in part.split(": ")] if source else []  # "w tym: Liczba …"
        for k, written in enumerate(parts):
            part = COUNT_WORDS.sub("", written).strip()
            part = label_abbreviation(part) or part  # "kw.": kwota
            if not part or part.lower().startswith(starts) or names_a_relative_year(part) or YEAR_CELL.match(part):
                continue  # "w tym kobiety" qualifies; "Rok oceny", "Rok 2016" date
            if (header_sex(part) or age_group(part, at_end=True)) and k < len(parts) - 1:
                continue  # "Wiek 0-17 / KOBIETY / MIESZKAŃCY (w osobach)": the heading above says what is counted
            if unit := column_head_unit(part):
                return unit
            if k and SECTION_HEADING.match(part):
                continue  # "… / INFRASTRUKTURA SPOŁECZNA": a section names a topic, not what its rows count
            unit, _ = unit_and_subject(" " + part, cell.value, agree=False)
            if unit:
                return "zł" if unit in money_nouns() and not COUNT_WORDS.match(written) else unit  # "Koszt", not "Liczba dotacji"
    return None


def cell_qualifiers(cell: TableCell, unit: str | None) -> dict[str, str]:
    """District, sex and age of a numeric cell, from its row and column headers and its unit:
    a row "Podgórze", a column "K" or "dziewczęta", a row "dzieci w wieku 7-12 lat"."""
    headers = [part for source in (cell.row_header, cell.col_header) if source for part in source.split(" / ")]
    found: dict[str, str] = {}
    districts = [d for header in headers if (d := place_label(header))]
    if districts:
        found["district"] = districts[-1]
    elif cell.district:
        found["district"] = cell.district  # a row of a column headed "Dzielnica": a district the gazetteer may not know
    sex = sex_of_lemma().get(unit or "") or next((s for h in headers if (s := header_sex(h))), None)
    if sex:
        found["sex"] = sex
    age = next((a for h in reversed(headers) if (a := age_group(h, at_end=True))), None)
    if age:
        found["age"] = age
    return found


def header_sex(header: str) -> str | None:
    """The sex a short header names: "K", "M", "kobiety", "chłopcy"."""
    words = regex.findall(r"\p{L}+", header)
    if len(words) != 1:
        return None
    letters = load("units")["sex_letters"]
    return letters.get(words[0]) or sex_of_lemma().get(noun_lemma(words[0]) or "")


def link_table_parts(cells: list[TableCell], figures: list[Figure]) -> None:
    """Cells of a total row are parents of the cells above them in the same column."""
    by_position = {(f.char_start): f for f in figures}  # a row number is a cell with no figure
    total_cells = [c for c in cells if c.is_total and c.char_start in by_position]
    for total in total_cells:
        parent = by_position[total.char_start]
        for cell in cells:
            if cell.col == total.col and cell.row < total.row and cell.char_start in by_position and not cell.is_total:
                child = by_position[cell.char_start]
                child.parent = -1 - figures.index(parent)  # resolved to a document index by the caller
                child.breakdown = "table"
                child.exhaustive = True


def text_cell_figures(block: Block, cells: list[TableCell], report_year: int | None, table_index: int) -> list[Figure]:
    """Figures written in prose inside text cells ("Dom Samopomocy dla 21 osób")."""
    found: list[Figure] = []
    for cell in cells:
        if cell.value is not None or cell.is_header or not cell.text.strip():
            continue
        if cell.col == 0 and regex.fullmatch(r"\d{1,3}\.?", cell.text.strip()):
            continue  # an Lp. column: row numbering
        pseudo = Block("paragraph", cell.text, cell.char_start, cell.char_end, block.page)
        for figure in block_figures(pseudo, report_year):
            figure.rule = "table.text"
            figure.table_index = table_index
            found.append(figure)
    return found


PART_CUE = regex.compile(r"(?i)(?:\bw tym|\bz tego|\bz czego)\s*:?\s*$")


def link_table_groups(cells: list[TableCell], figures: list[Figure]) -> None:
    """Rows under a row ending "..., w tym:" are its parts, until a row that starts anew
    (a capitalised label); a "w tym:" cell in the first column makes the rows it spans parts
    of the nearest row above that counts the same unit."""
    by_row: dict[int, Figure] = {}
    labels: dict[int, list[str]] = {}
    for cell in cells:
        labels.setdefault(cell.row, []).append(cell.text)
    for figure in figures:
        row = next(c.row for c in cells if c.char_start == figure.char_start)
        by_row.setdefault(row, figure)
    total: Figure | None = None
    group_parent: Figure | None = None
    for row in sorted(by_row):
        figure = by_row[row]
        texts = [t for t in labels[row] if t and not is_numeric(t)]
        first = labels[row][0] if labels[row] else ""
        if PART_CUE.search(first) and len(texts) > 1:
            above = [by_row[r] for r in sorted(by_row) if r < row and by_row[r].unit == figure.unit]
            group_parent = above[-1] if above else None
        elif first:
            group_parent = None
        parent = total if total and texts and not texts[-1][:1].isupper() else group_parent
        if parent is not None and parent is not figure and figure.parent is None and parent.unit == figure.unit:
            figure.parent = -1 - figures.index(parent)
            figure.breakdown, figure.exhaustive = "w tym", False
        if texts and PART_CUE.search(texts[-1]):
            total = figure
        elif (texts and texts[-1][:1].isupper()) or (total is not None and figure.unit != total.unit):
            total = None  # a new top-level row, or a row counting something else


CAPTION = regex.compile(r"(?i)^\s*(?:tabela|tab\.|tabl\.|zestawienie)\b")


COUNT_START = regex.compile(r"(?i)^\s*(?:liczba|ilość)\b")
CAPTION_NUMBER = regex.compile(r"(?i)^\s*(?:tabela|tab\.)\s*(?:nr\s*)?\d+[.:]?\s*")
MAX_CAPTION = 160  # a longer paragraph before a table is text, not its caption


def caption_count(blocks: list[Block], index: int) -> str | None:
    """The unit a caption opening with a word of counting names ("LICZBA RODZIN OBJĘTYCH POMOCĄ
    WEDŁUG FORM POMOCY": rodzina): one of the two short paragraphs before the table (a line
    naming the label column may stand between)."""
    for back in (1, 2):
        if index - back < 0 or blocks[index - back].kind == "table" or len(blocks[index - back].text) > MAX_CAPTION:
            return None
        text = CAPTION_NUMBER.sub("", blocks[index - back].text)
        if COUNT_START.match(text):
            return counted_in_clause(text)
    return None


def caption_unit(blocks: list[Block], index: int) -> str | None:
    """The unit the caption of the table at ``blocks[index]`` counts ("Liczba rodzin według
    powodów przyznania pomocy": rodzina), for cells whose headings name none; the caption is
    the paragraph just before the table when it is short, whether or not it says "Tabela"."""
    caption = table_caption(blocks, index)
    if caption is None and index and blocks[index - 1].kind != "table" and len(blocks[index - 1].text) <= MAX_CAPTION:
        caption = blocks[index - 1]
    return counted_in_clause(caption.text) if caption else None


def table_caption(blocks: list[Block], index: int) -> Block | None:
    """The caption of the table at ``blocks[index]``: the block just before it when it names a
    table ("Tabela 2. Rodziny zastępcze w 2016 roku"), or the table's own first cell when a
    rebuilt table carries it there."""
    if index and blocks[index - 1].kind != "table" and CAPTION.match(blocks[index - 1].text):
        return blocks[index - 1]
    rows = blocks[index].rows
    first = rows[0][0] if rows and rows[0] else None
    if first is not None and CAPTION.match(first.text):
        return Block("paragraph", first.text, first.char_start, first.char_end, blocks[index].page)
    return None
