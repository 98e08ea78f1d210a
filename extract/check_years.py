"""Rules about years and stated relations that read what the extractor wrote of a figure's
sentence (its flags), of a table (its caption and cells) and of damaged numbers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import pairwise

import regex

from extract.rulebook import Context, Row, _fmt, by_doc, finding, rule, say, text_finding


@rule("YEAR_SERIES_REPEAT", "error", "a series of years names the same year twice (\"2013 – 390, 2013 – 372\")")
def check_year_series(ctx: Context) -> Iterable[Row]:
    series: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in ctx.indicators:
        if "year_series" in (row.get("flags") or []) and row.get("year") is not None:
            series[(row["doc_id"], row.get("quote") or "")].append(row)
    for rows in series.values():
        rows.sort(key=lambda r: r["char_start"])
        for a, b in pairwise(rows):
            if a["year"] == b["year"]:
                yield finding("YEAR_SERIES_REPEAT", b, [a], b["year"], None,
                              say(f"Szereg lat wymienia rok {b['year']} dwukrotnie ({_fmt(a['value'])} i {_fmt(b['value'])}); "
                                  "jedna z tych liczb dotyczy zapewne innego roku.",
                                  f"The series names {b['year']} twice ({_fmt(a['value'])} and {_fmt(b['value'])}); "
                                  f"one of them is probably another year."))


@rule("LATER_YEAR", "warning", "a figure told in the past tense is dated after the years the report covers")
def check_later_year(ctx: Context) -> Iterable[Row]:
    last = {d["doc_id"]: d.get("period_end") or d.get("year") for d in ctx.documents}
    for row in ctx.indicators:
        end, flags = last.get(row["doc_id"]), row.get("flags") or []
        if end and row.get("year") and row["year"] > end and "past" in flags and "plan" not in flags:
            yield finding("LATER_YEAR", row, [], row["year"], end,
                          say(f"Zdanie opisuje rok {row['year']} w czasie przeszłym, a sprawozdanie obejmuje lata do {end}.",
                              f"The sentence tells of {row['year']} in the past tense, but the report covers the years "
                              f"up to {end}."))


@rule("CAPTION_YEAR", "warning", "a table's caption names a year after the years the report covers")
def check_caption_year(ctx: Context) -> Iterable[Row]:
    docs = {d["doc_id"]: d for d in ctx.documents}
    for table in ctx.tables:
        doc = docs.get(table["doc_id"])
        caption = table.get("caption") or ""
        end = doc and (doc.get("period_end") or doc.get("year"))
        years = [int(y) for y in regex.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", caption)]
        if not doc or not end or len(years) != 1 or years[0] <= end or PLAN_CAPTION.search(caption):
            continue
        start = table["caption_start"]
        yield text_finding(ctx, "CAPTION_YEAR", doc, start, start + len(caption), caption, years[0], end,
                           say(f"Tytuł tabeli wymienia rok {years[0]}, a sprawozdanie obejmuje lata do {end}.",
                               f"The table's caption names {years[0]}, but the report covers the years up to {end}."))


PLAN_CAPTION = regex.compile(r"(?i)plan|prognoz|przewid|zamierz")


@rule("LOST_DIGITS", "error", "a number lost digits in the report (\",00 zł\", \"99, %\")")
def check_lost_digits(ctx: Context) -> Iterable[Row]:
    for doc in ctx.documents:
        for mark in doc.get("marks") or []:
            if mark["kind"] == "lost_digits":
                yield text_finding(ctx, "LOST_DIGITS", doc, mark["start"], mark["end"], mark["quote"], None, None,
                                   say(f"„{mark['written'].strip()}”: liczba straciła cyfry; kwoty nie da się odczytać.",
                                       f"\"{mark['written'].strip()}\": the number lost its digits; the amount cannot be read."))


EXECUTION = regex.compile(r"(?i)wykonan|realizac|dynamik")


@rule("PERCENT_CELL", "error", "a '% wykonania' or dynamics column equals its row's later amount over its earlier one")
def check_percent_cells(ctx: Context) -> Iterable[Row]:
    figures = {(r["doc_id"], r["char_start"]): r for r in ctx.indicators if r.get("rule") == "table.cell"}
    rows: dict[tuple[str, int], list[Row]] = defaultdict(list)
    for cell in ctx.table_cells:
        if cell.get("value") is not None and not cell.get("is_header"):
            rows[(cell["table_id"], cell["row"])].append(cell)
    for cells in rows.values():
        cells.sort(key=lambda c: c["col"])
        for k, cell in enumerate(cells):
            header = cell.get("col_header") or ""
            if "%" not in header or not EXECUTION.search(header) or k < 2:
                continue
            before, after = cells[k - 2], cells[k - 1]
            if "%" in (before.get("col_header") or "") or not before["value"]:
                continue
            computed = 100 * after["value"] / before["value"]
            tolerance = 0.5 * 10 ** -len((cell.get("text") or "").split(",")[1]) if "," in (cell.get("text") or "") else 0.5
            row = figures.get((cell["doc_id"], cell["char_start"]))
            if row and abs(computed - cell["value"]) > tolerance + 1e-9:
                parts = [p for c in (before, after) if (p := figures.get((c["doc_id"], c["char_start"])))]
                yield finding("PERCENT_CELL", row, parts, cell["value"], round(computed, 2),
                              say(f"Podano {_fmt(cell['value'])}%, a {_fmt(after['value'])} z {_fmt(before['value'])} "
                                  f"to {computed:.2f}%.",
                                  f"{_fmt(cell['value'])}% is stated, but {_fmt(after['value'])} of "
                                  f"{_fmt(before['value'])} is {computed:.2f}%."))


PEOPLE_CEILING = 40_000_000  # more people than live in Poland


@rule("IMPOSSIBLE_VALUE", "error", "a count of people larger than the country's population")
def check_impossible(ctx: Context) -> Iterable[Row]:
    from extract.rules import load

    people = set(load("units")["people"])
    for row in ctx.indicators:
        if row.get("unit") in people and (row.get("value") or 0) > PEOPLE_CEILING:
            yield finding("IMPOSSIBLE_VALUE", row, [], row["value"], None,
                          say(f"{_fmt(row['value'])} ({row['unit']}) to więcej niż liczba mieszkańców Polski: "
                              "liczby kilku komórek tabeli odczytano zapewne jako jedną.",
                              f"{_fmt(row['value'])} {row['unit']} is more than the population of Poland: "
                              "numbers of several cells were probably read as one."))


@rule("DIGIT_SLIP", "warning", "two statements of one measure in a report differ by one digit (\"2 377\" and \"2 337\" porad)")
def check_digit_slips(ctx: Context) -> Iterable[Row]:
    for rows in by_doc(ctx.indicators).values():
        groups: dict[tuple, list[Row]] = defaultdict(list)
        for row in rows:
            q = row.get("qualifiers") or {}
            value = row.get("value")
            subject = _subject_key(row)  # empty for a figure that names nothing it counts (a list's or a table's bare amount)
            if value is not None and value >= 1000 and row.get("unit") and not any(q.values()) and "plan" not in (row.get("flags") or []) and subject:
                groups[(row["unit"], row.get("year"), subject)].append(row)
        for group in groups.values():
            group.sort(key=lambda r: r["char_start"])
            for i, b in enumerate(group):
                a = next((a for a in group[:i] if a.get("quote") != b.get("quote") and _one_digit_apart(_digits(a), _digits(b))
                          and not (a["value"] % 100 == 0 and b["value"] % 100 == 0)), None)  # round sums: plans, limits
                if a is not None:  # one finding per later statement; cells of one table row are different measures
                    yield finding("DIGIT_SLIP", b, [a], b["value"], a["value"],
                                  say(f"{_fmt(a['value'])} i {_fmt(b['value'])} różnią się jedną cyfrą; jeśli to ta sama "
                                      "miara, jedna z liczb zawiera literówkę.",
                                      f"{_fmt(a['value'])} and {_fmt(b['value'])} differ by one digit; "
                                      "if they state the same measure, one of them is mistyped."))


def _subject_key(row: Row) -> str:
    """The first word of what a figure counts, beyond its unit ("Dodatki wychowawcze …" → "dodatki")."""
    words = regex.findall(r"\p{L}{3,}", (row.get("subject") or "").split("/")[0].lower())
    return words[0] if words else ""


def _digits(row: Row) -> str:
    return regex.sub(r"\D", "", f"{row['value']:.2f}")


def _one_digit_apart(a: str, b: str) -> bool:
    """One digit changed, or two neighbours swapped ("139870" / "139780"), not the leading one
    (40 000 and 30 000 are two amounts, not a slip)."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if diff[0] == 0:
        return False
    return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
