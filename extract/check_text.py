"""Rules that read the dataset's text and outline: wrong years, the table of contents, list counts.

They use ``documents.text`` (kept in the dataset), never the report files.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

import regex

from extract.rulebook import Context, Row, by_doc, declare, rule, text_finding
from extract.rules import load, require
from extract.segment import _rules, clean_name, normalise_code

YEAR_MENTION = regex.compile(r"(?<!\bod\s)(?<!\bdo\s)(?<!dnia\s)\b(?:w|za)\s+(?:roku\s+)?(?P<year>(?:19|20)\d\d)(?!\s*[-–/]\s*\d)(?:\s*r\.?|\s+rok\w*)?")
NOT_CURRENT = regex.compile(r"(?i)porównani|niż\s+w|ubiegł|poprzedni|wcześniej|dotychczas|w\s+latach|któr\w*\s+w\s+(?:roku\s+)?\d{4}")  # "osób, które w 2008 otrzymały …": an earlier event
SENTENCE = regex.compile(r"[^.!?\n]*(?:[.!?](?!\d)|\n|$)")


@rule("WRONG_YEAR", "warning", "the text speaks of the current year but names another ('w 2012 roku' in a report for 2013)")
def check_wrong_year(ctx: Context) -> Iterable[Row]:
    for doc in ctx.documents:
        year, text = doc.get("year"), doc.get("text") or ""
        if not year or str(year - 1) not in text:  # only the year before is flagged
            continue
        current = regex.compile(rf"(?<![-–]\s?){year}(?!\s?[-–]\s?\d)")  # once per document, not per sentence
        for sentence in SENTENCE.finditer(text):
            words = sentence.group()
            if str(year - 1) not in words or current.search(words) or NOT_CURRENT.search(words):
                continue
            for m in YEAR_MENTION.finditer(words):
                if int(m.group("year")) == year - 1:
                    start = sentence.start() + m.start("year")
                    yield text_finding(ctx, "WRONG_YEAR", doc, start, start + 4, words.strip(), int(m.group("year")), year,
                                       f"The report is for {year}, but this sentence about the current work names "
                                       f"{m.group('year')}.")




NOT_KEY = regex.compile(r"[^\p{L}\d]+")
LETTERS = regex.compile(r"\p{L}+")


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    return NOT_KEY.sub("", text.casefold())


@lru_cache(maxsize=4096)
def _matcher(b: str) -> SequenceMatcher[str]:
    """A SequenceMatcher whose second string is ``b``: what it learns about ``b`` is kept for
    every string compared with it."""
    return SequenceMatcher(None, "", b)


def _ratio(a: str, b: str, floor: float) -> float:
    """difflib's similarity of two strings, or 0.0 when its cheap upper bounds show it is below ``floor``."""
    matcher = _matcher(b)
    matcher.set_seq1(a)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return 0.0
    return matcher.ratio()


def _best_match(title: str, projects: list[Row]) -> Row | None:
    """The body project whose name reads most like a contents title: the same words, else one
    name starting the other, else the most similar (typos forgiven)."""
    key = _key(title)
    names = [(_key(p["name"]), p) for p in projects]
    for name, p in names:
        if name == key:
            return p
    for name, p in names:
        if min(len(key), len(name)) >= 10 and (key.startswith(name) or name.startswith(key)):
            return p
    scored = [(_ratio(key[:60], name[:60], 0.75), p) for name, p in names]
    best = max(scored, key=lambda t: t[0], default=(0.0, None))
    return best[1] if best[0] >= 0.75 else None


def added_words(body: str, contents: str) -> list[str]:
    """Words of a body title that its contents entry lacks (typos and small words aside)."""
    small = set(load("sections").get("title_small_words", []))
    listed = set(LETTERS.findall(contents.casefold()))
    added = []
    for word in LETTERS.findall(body.casefold()):
        if word in listed or word in small:
            continue
        if not any(_ratio(word, other, 0.8) >= 0.8 for other in listed):
            added.append(word)
    return added


def toc_rows(ctx: Context, doc_id: str) -> list[dict[str, Any]]:
    """Rows of a document's table of contents: {code, title} (page references mark it)."""
    tables: dict[str, dict[int, list[Row]]] = {}
    for cell in ctx.cells_of_doc.get(doc_id, []):
        tables.setdefault(cell["table_id"], {}).setdefault(cell["row"], []).append(cell)
    toc_ref = regex.compile(load("sections")["toc_page_ref"])
    code = _rules()["code"]
    for rows in tables.values():
        ordered = [sorted(rows[r], key=lambda c: c["col"]) for r in sorted(rows)]
        if len(ordered) < 5 or sum(bool(toc_ref.search(row[-1]["text"])) for row in ordered) < len(ordered) / 2:
            continue
        entries = []
        for row in ordered:
            if not toc_ref.search(row[-1]["text"]):
                continue
            coded = next((c["text"] for c in row if code.fullmatch(c["text"].strip())), None)
            titles = [c["text"] for c in row[:-1] if not code.fullmatch(c["text"].strip()) and not c["text"].isdigit()]
            if titles:
                entries.append({"code": normalise_code(coded) if coded else None, "title": max(titles, key=len), "cell": row[0]})
        return entries
    return []


declare("TOC_TITLE_DIFFERS", "warning", "a project's title in the body says more than its table-of-contents entry")


@rule("TOC_MISMATCH", "error", "a report's table of contents and its body list the same projects with the same codes")
def check_toc(ctx: Context) -> Iterable[Row]:
    for doc in ctx.documents:
        toc = toc_rows(ctx, doc["doc_id"])
        if not toc:
            continue
        body = [p for p in ctx.projects_of_doc.get(doc["doc_id"], []) if p.get("code")]
        unmatched = list(body)
        for entry in toc:
            match = _best_match(clean_name(entry["title"]), unmatched)
            cell = entry["cell"]
            if match is None:
                yield text_finding(ctx, "TOC_MISMATCH", doc, cell["char_start"], cell["char_end"], entry["title"], None, None,
                                   f"The table of contents lists \"{entry['title'][:80]}\", which the body does not report.")
                continue
            unmatched.remove(match)
            added = added_words(match["name"], entry["title"])
            if added:
                yield text_finding(ctx, "TOC_TITLE_DIFFERS", doc, match["char_start"], match["char_start"] + len(match["name"]),
                                   match["name"], None, None,
                                   f"The body's title \"{match['name'][:60]}\" has \"{' '.join(added)}\", which its "
                                   f"table-of-contents entry \"{entry['title'][:60]}\" lacks.")
            if entry["code"] and match["code"] != entry["code"]:
                yield text_finding(ctx, "TOC_MISMATCH", doc, match["char_start"], match["char_start"] + len(match["name"]),
                                   match["name"], None, None,
                                   f"\"{match['name'][:60]}\" is coded {entry['code']} in the table of contents "
                                   f"but {match['code']} in the body.")
        for project in unmatched:
            yield text_finding(ctx, "TOC_MISMATCH", doc, project["char_start"], project["char_start"] + len(project["name"]),
                               project["name"], None, None,
                               f"\"{project['name'][:60]}\" is reported in the body but missing from the table of contents.")


@dataclass(frozen=True)
class Shape:
    """A number shape Polish reports do not use, from ``rules/formats.yaml``."""

    id: str
    why: str
    must: tuple[str, ...]
    must_not: tuple[str, ...]


@lru_cache(maxsize=1)
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


@rule("MISPLACED_SEPARATOR", "warning", "a number in a shape Polish does not use (\"2.5 %\", \"1.234.56 zł\"), which the extractor misreads")
def check_separators(ctx: Context) -> Iterable[Row]:
    pattern, shapes = misplaced_separators()
    for doc in ctx.documents:
        text = doc.get("text") or ""
        for m in pattern.finditer(text):
            shape = shapes[m.lastgroup]
            start, end = m.span(m.lastgroup)
            line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
            quote = text[max(line_start, start - 150) : min(line_end if line_end >= 0 else len(text), end + 150)]
            yield text_finding(ctx, "MISPLACED_SEPARATOR", doc, start, end, quote.strip(), None, None,
                               f"\"{m.group()}\": {shape.why}; the figure is not read as written.")


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


@rule("LIST_COUNT_MISMATCH", "warning", "a stated count matches the number of items the text lists for it")
def check_list_counts(ctx: Context) -> Iterable[Row]:
    documents = {d["doc_id"]: d for d in ctx.documents}
    for doc_id, rows in by_doc(ctx.indicators).items():
        doc = documents.get(doc_id, {})
        text = doc.get("text") or ""
        placed = sorted(rows, key=lambda r: r["char_start"])
        starts = [r["char_start"] for r in placed]
        for row in rows:
            value = row.get("value")
            if not text or row.get("unit") is None or value is None or value != int(value) or not 2 <= value <= 50:
                continue
            intro = LIST_INTRO.match(text, row["char_end"])
            if not intro or PARTIAL_INTRO.search(intro.group()):
                continue  # "9 rodzin zastępczych, w tym:": the items are some of them
            items = listed_items(text, intro.end())
            near = placed[bisect_left(starts, items[0][0]) : bisect_left(starts, items[-1][1])] if items else []
            counted_inside = [r for r in near if any(a <= r["char_start"] < b for a, b in items) and r.get("unit") == row["unit"]]
            if len(items) >= 2 and not counted_inside and len(items) != int(value):
                yield text_finding(ctx, "LIST_COUNT_MISMATCH", doc, row["char_start"], row["char_end"], row.get("quote") or "",
                                   value, len(items),
                                   f"The text announces {int(value)} {row['unit']} but lists {len(items)} items after it.")
