"""Link figures that are parts of other figures: "w tym", "z czego", lists under a total.

Each part gets ``parent`` (index of the total in the document's figure list), ``breakdown``
as written and ``exhaustive`` (parts must add up) from ``rules/breakdowns.yaml``.
"""

from __future__ import annotations

from functools import cache

import regex

from extract.model import Block, Figure
from extract.rules import load, require


@cache
def cue_pattern() -> regex.Pattern[str]:
    cues = require(load("breakdowns"), "cues", list, "breakdowns")
    words = sorted((w for c in cues for w in c["words"]), key=len, reverse=True)
    return regex.compile(r"(?<!\p{L})(?:" + "|".join(map(regex.escape, words)) + r")(?!\p{L})", regex.IGNORECASE)


@cache
def cue_kind() -> dict[str, tuple[str, bool]]:
    cues = load("breakdowns")["cues"]
    return {w.lower(): (c["breakdown"], bool(c["exhaustive"])) for c in cues for w in c["words"]}


@cache
def total_pattern() -> regex.Pattern[str]:
    words = require(load("breakdowns"), "total_words", list, "breakdowns")
    return regex.compile(r"(?<!\p{L})(?:" + "|".join(map(regex.escape, words)) + r")(?!\p{L})", regex.IGNORECASE)


def _set_parent(part: Figure, parent_index: int, breakdown: str, exhaustive: bool) -> None:
    if part.parent is None:
        part.parent, part.breakdown, part.exhaustive = parent_index, breakdown, exhaustive


def _same_kind(a: Figure, b: Figure) -> bool:
    """Parts count the same thing as their total (or a sexed subset of people)."""
    if b.unit is None:
        return False
    if a.unit == b.unit:
        return True
    return "sex" in b.qualifiers and a.unit in {"osoba", "dziecko", "uczestnik", "rodzic", "klient"}


def link_sentences(text: str, offset: int, figures: list[Figure], indices: list[int]) -> None:
    """Within one block: "N X, w tym A i B" makes A and B parts of N (up to the clause end)."""
    for m in cue_pattern().finditer(text):
        cue_start, cue_end = offset + m.start(), offset + m.end()
        before = [i for i in indices if figures[i].char_end <= cue_start and figures[i].value is not None]
        if not before:
            continue
        stop = regex.compile(r"\.\s+\p{Lu}|\)|;").search(text, m.end())
        clause_end = offset + (stop.start() if stop else len(text))
        total = figures[before[-1]]
        breakdown, exhaustive = cue_kind()[m.group().lower()]
        parts = [i for i in indices if cue_end <= figures[i].char_start < clause_end and _same_kind(total, figures[i])]
        if exhaustive and not _partition(figures, parts):
            exhaustive = False  # "z czego 43 podjęły leczenie": in prose, a subset unless the parts partition
        for i in parts:
            _set_parent(figures[i], before[-1], breakdown, exhaustive)


def _partition(figures: list[Figure], parts: list[int]) -> bool:
    """Parts split their total when each has a distinct district or sex."""
    for key in ("district", "sex"):
        values = [figures[i].qualifiers.get(key) for i in parts]
        if len(values) >= 2 and all(values) and len(set(values)) == len(values):
            return True
    return False


def link_parentheses(block_text: str, offset: int, figures: list[Figure], indices: list[int]) -> None:
    """"385 dzieci (199 dziewczynek i 186 chłopców)": parts of the figure before the bracket."""
    for m in regex.finditer(r"\(([^()]*)\)", block_text):
        if cue_pattern().match(m.group(1).strip()):
            continue  # "(w tym ...)": the cue decides, see link_sentences
        inside = [i for i in indices if offset + m.start() < figures[i].char_start < offset + m.end()]
        before = [i for i in indices if figures[i].char_end <= offset + m.start()]
        if not inside or not before or len(inside) < 2:
            continue
        total = figures[before[-1]]
        if block_text[total.char_end - offset : m.start()].count(",") > 1:
            continue
        parts = [i for i in inside if _same_kind(total, figures[i]) and figures[i].unit is not None]
        if len(parts) >= 2 and len(parts) == len(inside):
            for i in parts:
                _set_parent(figures[i], before[-1], "parenthesis", True)


def link_lists(blocks: list[Block], figures: list[Figure], by_block: dict[int, list[int]]) -> None:
    """An intro ending with ":" and a total, then list items: the items' figures are its parts.

    A list followed by a paragraph opening with a total word ("Łącznie ...") works the
    same way, the total standing after its parts.
    """
    for b, block in enumerate(blocks):
        if block.kind == "list_item" or not by_block.get(b):
            continue
        items = _following_items(blocks, b)
        intro = block.text.rstrip()
        if items and intro.endswith(":"):
            _link_items(figures, by_block, by_block[b], items, _intro_breakdown(intro))
        previous = _preceding_items(blocks, b)
        if previous and total_pattern().match(block.text.strip()):
            _link_items(figures, by_block, by_block[b], previous, ("łącznie", True))


def _intro_breakdown(intro: str) -> tuple[str, bool]:
    cues = list(cue_pattern().finditer(intro))
    if cues:
        return cue_kind()[cues[-1].group().lower()]
    return ("list", True) if total_pattern().search(intro) else ("list", False)


def _link_items(
    figures: list[Figure], by_block: dict[int, list[int]], totals: list[int], items: list[int], kind: tuple[str, bool]
) -> None:
    for total_index in reversed(totals):
        total = figures[total_index]
        if total.value is None:
            continue
        parts = [
            next((i for i in by_block.get(item, []) if figures[i].unit == total.unit), None) for item in items
        ]
        found = [p for p in parts if p is not None and figures[p].parent is None]
        if len(found) >= 2:
            for p in found:
                _set_parent(figures[p], total_index, kind[0], kind[1])
            total.is_total = True


def _following_items(blocks: list[Block], b: int) -> list[int]:
    items = []
    for j in range(b + 1, len(blocks)):
        if blocks[j].kind != "list_item" or regex.match(r"\s*\d+[.)]\s", blocks[j].text):
            break
        items.append(j)
    return items


def _preceding_items(blocks: list[Block], b: int) -> list[int]:
    items = []
    for j in range(b - 1, -1, -1):
        if blocks[j].kind != "list_item" or regex.match(r"\s*\d+[.)]\s", blocks[j].text):
            break
        items.append(j)
    return items[::-1]


def link_breakdowns(blocks: list[Block], figures: list[Figure], block_of: list[int]) -> None:
    """Link every part to its total across the document's prose figures."""
    by_block: dict[int, list[int]] = {}
    for i, b in enumerate(block_of):
        by_block.setdefault(b, []).append(i)
    for b, indices in by_block.items():
        block = blocks[b]
        if block.kind == "table":
            continue
        indices = [i for i in indices if figures[i].table_index is None]
        link_parentheses(block.text, block.char_start, figures, indices)
        link_sentences(block.text, block.char_start, figures, indices)
    link_lists(blocks, figures, by_block)
    for figure in figures:
        if figure.parent is not None and figure.parent >= 0:
            figures[figure.parent].is_total = True
