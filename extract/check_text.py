"""Rules about the text and outline as the dataset holds them: marks the extractor left in
``documents.marks`` (a previous year, a misplaced separator, a list of another length) and the
table of contents against the projects. No rule here parses the report's text again."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

import regex

from extract.rulebook import Context, Row, declare, rule, say, text_finding
from extract.rules import load
from extract.segment import _rules, clean_name, normalise_code

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
                                   say(f"Spis treści wymienia „{entry['title'][:80]}”, czego treść sprawozdania nie opisuje.",
                                       f"The table of contents lists \"{entry['title'][:80]}\", which the body does not report."))
                continue
            unmatched.remove(match)
            added = added_words(match["name"], entry["title"])
            if added:
                yield text_finding(ctx, "TOC_TITLE_DIFFERS", doc, match["char_start"], match["char_start"] + len(match["name"]),
                                   match["name"], None, None,
                                   say(f"Tytuł w treści „{match['name'][:60]}” zawiera „{' '.join(added)}”, czego brak "
                                       f"w pozycji spisu treści „{entry['title'][:60]}”.",
                                       f"The body's title \"{match['name'][:60]}\" has \"{' '.join(added)}\", which its "
                                       f"table-of-contents entry \"{entry['title'][:60]}\" lacks."))
            if entry["code"] and match["code"] != entry["code"]:
                yield text_finding(ctx, "TOC_MISMATCH", doc, match["char_start"], match["char_start"] + len(match["name"]),
                                   match["name"], None, None,
                                   say(f"„{match['name'][:60]}” ma w spisie treści kod {entry['code']}, "
                                       f"a w treści {match['code']}.",
                                       f"\"{match['name'][:60]}\" is coded {entry['code']} in the table of contents "
                                       f"but {match['code']} in the body."))
        for project in unmatched:
            yield text_finding(ctx, "TOC_MISMATCH", doc, project["char_start"], project["char_start"] + len(project["name"]),
                               project["name"], None, None,
                               say(f"„{project['name'][:60]}” opisano w treści, ale brak go w spisie treści.",
                                   f"\"{project['name'][:60]}\" is reported in the body but missing from the table of contents."))


def marked(ctx: Context, kind: str) -> Iterable[tuple[Row, Row]]:
    """(document, mark) for every mark of ``kind`` the extractor left in ``documents.marks``."""
    for doc in ctx.documents:
        for mark in doc.get("marks") or []:
            if mark["kind"] == kind:
                yield doc, mark


@rule("WRONG_YEAR", "warning", "the text speaks of the current year but names another ('w 2012 roku' in a report for 2013)")
def check_wrong_year(ctx: Context) -> Iterable[Row]:
    for doc, mark in marked(ctx, "previous_year"):
        yield text_finding(ctx, "WRONG_YEAR", doc, mark["start"], mark["end"], mark["quote"], mark["stated"], mark["expected"],
                           say(f"Sprawozdanie dotyczy roku {_year(mark['expected'])}, a to zdanie o bieżącej działalności "
                               f"wymienia rok {_year(mark['stated'])}.",
                               f"The report is for {_year(mark['expected'])}, but this sentence about the current work names "
                               f"{_year(mark['stated'])}."))


@rule("MISPLACED_SEPARATOR", "warning", "a number in a shape Polish does not use (\"2.5 %\", \"1.234.56 zł\"), which the extractor misreads")
def check_separators(ctx: Context) -> Iterable[Row]:
    for doc, mark in marked(ctx, "misplaced_separator"):
        yield text_finding(ctx, "MISPLACED_SEPARATOR", doc, mark["start"], mark["end"], mark["quote"], None, None,
                           say(f"„{mark['written']}”: zapis liczby, którego polszczyzna nie używa ({mark['why']}); "
                               "liczba nie zostanie odczytana tak, jak ją zapisano.",
                               f"\"{mark['written']}\": {mark['why']}; the figure is not read as written."))


@rule("LIST_COUNT_MISMATCH", "warning", "a stated count matches the number of items the text lists for it")
def check_list_counts(ctx: Context) -> Iterable[Row]:
    for doc, mark in marked(ctx, "list_count"):
        yield text_finding(ctx, "LIST_COUNT_MISMATCH", doc, mark["start"], mark["end"], mark["quote"], mark["stated"],
                           mark["expected"], say(f"Tekst zapowiada {mark['written']}, a wymienia {_year(mark['expected'])} pozycji.",
                                                 f"The text announces {mark['written']} but lists {_year(mark['expected'])} items after it."))


def _year(value: float | None) -> str:
    return "?" if value is None else str(int(value))
