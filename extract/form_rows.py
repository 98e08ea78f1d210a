"""Rows of numbers under a header that names forms of help, as a table dumped to text gives them.

A monthly statement of benefits comes out of a PDF or a spreadsheet as its column headings
("Zasiłki celowe", "Zasiłki okresowe", … each perhaps broken over lines) and then, row by row, a
month, the row's label ("il.", "kw.") and one number per column, on one line or one a line:

    Zasiłki | celowe | Zasiłki | okresowe | Schronie- | nie
    I
    il.  12  30  0
    kw.  4 100  9 870,50  0

When the header names as many forms of help as a row holds numbers, the k-th number of each row
is of the k-th form; a month named before a row (a Roman numeral, or the month's name) is the
month the row counts, until another is named.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extract.measures import FORMS, help_terms, named_spans
from extract.model import Figure

ROW_GAP = regex.compile(r"\s*")  # what stands between two numbers of one row: nothing but spaces and line breaks
ROMAN_MONTH = regex.compile(r"(?<![\p{L}\d])(XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)(?![\p{L}\d])")
MONTH_NAME = regex.compile(r"\b(stycz|lut|mar[cz]|kwie|maj|czerw|lip|sierp|wrze|paźdz|listop|grud)\p{L}*", regex.IGNORECASE)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
MONTH_STEMS = ("stycz", "lut", "mar", "kwie", "maj", "czerw", "lip", "sierp", "wrze", "paźdz", "listop", "grud")
HYPHEN_BREAK = regex.compile(r"(?<=\p{L})-\s+(?=\p{Ll})")  # "Schronie-\nnie", "opiekuń- cze"
TABLE_END = regex.compile(r"(?:\p{L}{2,}[\s,]+){4}")  # words of prose between two rows: the table has ended
HEADER_CHARS = 1000  # how far before the first row a header may start
MIN_COLUMNS = 3


@dataclass(frozen=True)
class RowPlace:
    """Where a figure stands in a dumped table of forms of help: the form its column names, and
    the month its row counts (None when no month is named)."""

    form: str
    month: int | None


def form_rows(text: str, figures: list[Figure]) -> dict[int, RowPlace]:
    """Figure index → its column's form of help and its row's month, for the figures of prose
    that stand in rows under a header naming as many forms of help as each row holds numbers."""
    prose = [k for k, f in enumerate(figures) if f.table_index is None]
    rows = _rows(text, figures, prose)
    found: dict[int, RowPlace] = {}
    previous_end = 0
    k = 0
    while k < len(rows):
        start = figures[rows[k][0]].char_start
        header = text[max(previous_end, start - HEADER_CHARS) : start]
        forms = forms_in_order(header)
        width = len(rows[k])
        if width < MIN_COLUMNS or len(forms) != width:
            previous_end = figures[rows[k][-1]].char_end
            k += 1
            continue
        month, label = None, _after_last_form(header)
        while True:
            month = month_in(label) or month
            if len(rows[k]) == width:  # a row that lost or merged a number is left alone
                for column, index in enumerate(rows[k]):
                    found[index] = RowPlace(forms[column], month)
            previous_end = figures[rows[k][-1]].char_end
            k += 1
            if k == len(rows):
                break
            label = text[previous_end : figures[rows[k][0]].char_start]
            if TABLE_END.search(label) or len(label) > HEADER_CHARS:
                break
    return found


def _rows(text: str, figures: list[Figure], prose: list[int]) -> list[list[int]]:
    """Runs of figures of prose with nothing but white space between them."""
    runs: list[list[int]] = []
    for k in prose:
        if runs and ROW_GAP.fullmatch(text[figures[runs[-1][-1]].char_end : figures[k].char_start]):
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


def _after_last_form(header: str) -> str:
    """The label of a table's first row: what follows the header's last form of help."""
    ends = [m.end() for _key, pattern in help_terms(FORMS) for m in pattern.finditer(header)]
    return header[max(ends, default=0) :]


def forms_in_order(header: str) -> list[str]:
    """The forms of help a header names, in the order it names them (a form named within
    another's words, as "pomoc" within "pomoc rzeczowa", counts once)."""
    return [key for _start, key in named_spans(FORMS, HYPHEN_BREAK.sub("", header))]


def month_in(label: str) -> int | None:
    """The month a row's label names ("I", "XII il.", "styczeń"), or None."""
    if m := ROMAN_MONTH.search(label):
        return ROMAN.index(m.group(1)) + 1
    if m := MONTH_NAME.search(label):
        return next(k for k, stem in enumerate(MONTH_STEMS, 1) if m.group(1).lower().startswith(stem))
    return None
