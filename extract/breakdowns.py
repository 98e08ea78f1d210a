"""Link figures that are parts of other figures: "w tym", "z czego", lists under a total;
and give list items the year their intro names.

Each part gets ``parent`` (index of the total in the document's figure list), ``breakdown``
as written and ``exhaustive`` (parts must add up) from ``rules/breakdowns.yaml``.
"""

from __future__ import annotations

from functools import cache

import regex

from extract.figures import YEAR_MENTION, counted_in_clause, sentence_bounds
from extract.model import Block, Figure
from extract.rules import load, require


@cache
def cue_pattern() -> regex.Pattern[str]:
    cues = require(load("breakdowns"), "cues", list, "breakdowns")
    words = sorted((w for c in cues for w in c["words"]), key=len, reverse=True)
    not_before = "|".join(map(regex.escape, load("breakdowns").get("cue_not_before", [])))
    opening = "|".join(map(regex.escape, load("breakdowns").get("opening_cues", [])))
    approximate = "|".join(map(regex.escape, load("breakdowns").get("approximate_words", [])))
    return regex.compile(
        r"(?<!\p{L})(?:" + "|".join(map(regex.escape, words)) + rf")(?!\p{{L}})(?!\s+(?:{not_before})\b)"
        + rf"|(?:^|(?<=[.!?]\s))(?:{opening})(?=\s+(?:(?:{approximate})\s+)?\d)",
        regex.IGNORECASE,
    )


@cache
def cue_kind() -> dict[str, tuple[str, bool]]:
    cues = load("breakdowns")["cues"]
    opening = {w.lower(): ("w tym", False) for w in load("breakdowns").get("opening_cues", [])}
    return opening | {w.lower(): (c["breakdown"], bool(c["exhaustive"])) for c in cues for w in c["words"]}


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
    people = set(load("units").get("people", []))
    return a.unit in people and b.unit in people


CLAUSE_STOP = regex.compile(r"\.\s+\p{Lu}|\)|;")
SENTENCE_START = regex.compile(r"[.!?]\s+(?=\p{Lu})")


def link_sentences(text: str, offset: int, figures: list[Figure], indices: list[int]) -> None:
    """Within one block: "N X, w tym A i B" makes A and B parts of N (up to the clause end).

    Each part's total is the nearest figure before the cue in the same sentence that counts
    the same kind of thing ("59 dzieci z 36 rodzin (w tym 26 dzieci z 23 rodzin)"); a cue that
    opens a sentence ("W tym wobec 167 dzieci") refers to a whole stated earlier, not to a part.
    """
    cues = list(cue_pattern().finditer(text))
    opening = {m.start() for m in cues if SENTENCE_START.search(text[max(0, m.start() - 3) : m.start() + 1]) or m.start() == 0}
    # nested cues ("(w tym 93 …)") claim their parts first; cues opening a sentence, which refer
    # back to a whole stated earlier, come last, once the earlier parts are known
    for m in sorted(cues, key=lambda c: (c.start() in opening, -c.start())):
        cue_start, cue_end = offset + m.start(), offset + m.end()
        if _link_leading_cue(text, offset, figures, indices, m):
            continue
        before = [i for i in indices if figures[i].char_end <= cue_start and figures[i].value is not None]
        if not before:
            continue
        clause_end = offset + _clause_end(text, m.start(), m.end())
        sentence_start = offset + max((s.end() for s in SENTENCE_START.finditer(text, 0, m.start() + 1)), default=0)
        breakdown, exhaustive = cue_kind()[m.group().lower()]
        links: list[tuple[int, int]] = []
        for i in indices:
            if not cue_end <= figures[i].char_start < clause_end:
                continue
            total = _nearest_total(figures, before, figures[i], sentence_start)
            if total is not None:
                links.append((i, total))
        parts = [i for i, _ in links]
        if exhaustive and not _partition(figures, parts):
            exhaustive = False  # "z czego 43 podjęły leczenie": in prose, a subset unless the parts partition
        for i, total in links:
            _set_parent(figures[i], total, breakdown, exhaustive)


def _link_leading_cue(text: str, offset: int, figures: list[Figure], indices: list[int], cue: regex.Match[str]) -> bool:
    """"Spośród 64 rodzin objętych wsparciem 16 rodzin to rodziny wielodzietne": a cue that
    names its whole right after it (``leading_cues``) makes the later figures of the sentence
    that count the same thing its parts. False when the cue is not used so."""
    if cue.group().lower() not in set(load("breakdowns").get("leading_cues", [])):
        return False
    after = [i for i in indices if figures[i].char_start >= offset + cue.end()]
    if not after or text[cue.end() : figures[after[0]].char_start - offset].strip():
        return False
    total, sentence_end = after[0], offset + sentence_bounds(text, cue.end())[1]
    breakdown, _ = cue_kind()[cue.group().lower()]
    for i in after[1:]:
        if figures[i].char_start < sentence_end and figures[total].value is not None and _same_kind(figures[total], figures[i]):
            _set_parent(figures[i], total, breakdown, False)
    return True


def _clause_end(text: str, cue_start: int, cue_end: int) -> int:
    """Where the parts a cue introduces end: the bracket that closes "(w tym …" (nested brackets
    inside it kept), else the end of the clause or sentence ("… 7 dzieci. 1 kobieta utraciła …"
    starts a new statement)."""
    if text[:cue_start].rstrip().endswith("("):
        depth = 1
        for k in range(cue_end, len(text)):
            depth += {"(": 1, ")": -1}.get(text[k], 0)
            if depth == 0:
                return k
    stop = CLAUSE_STOP.search(text, cue_end)
    return min(stop.start() if stop else len(text), sentence_bounds(text, cue_end)[1])


def _nearest_total(figures: list[Figure], before: list[int], part: Figure, sentence_start: int) -> int | None:
    in_sentence = [i for i in before if figures[i].char_start >= sentence_start]
    candidates = in_sentence or [i for i in before if figures[i].parent is None]
    for i in reversed(candidates):
        if _same_kind(figures[i], part) and figures[i] is not part:
            return i
    return None


COLON = regex.compile(r":")
LIST_STOP = regex.compile(r"\.\s+\p{Lu}|\.\s*$|;")
BRACKETED = regex.compile(r"\(([^()]*)\)")


def link_inline_lists(text: str, offset: int, figures: list[Figure], indices: list[int]) -> None:
    """"Programem objęto 169 dzieci. Projekty realizowane były w dzielnicach: Stare Miasto (30
    uczestników), Wilda (34 uczestników)": figures after a colon, one per district, split the
    nearest earlier figure of the same kind that no district limits."""
    for colon in COLON.finditer(text):
        at = offset + colon.start()
        stop = LIST_STOP.search(text, colon.end())
        end = offset + (stop.start() if stop else len(text))
        after = [i for i in indices if at < figures[i].char_start < end and figures[i].parent is None]
        if len(after) < 2 or not _partition(figures, after) or not all("district" in figures[i].qualifiers for i in after):
            continue
        earlier = [i for i in indices if figures[i].char_end <= at and figures[i].parent is None
                   and "district" not in figures[i].qualifiers and figures[i].value is not None]
        total = next((i for i in reversed(earlier) if all(_same_kind(figures[i], figures[j]) for j in after)), None)
        if total is not None:
            for i in after:
                _set_parent(figures[i], total, "list", True)


def link_totalled_lists(text: str, offset: int, figures: list[Figure], indices: list[int]) -> None:
    """"Liczba rodzin zastępczych: spokrewnione – 98, niezawodowe – 41, zawodowe – 12; razem 151":
    the figures listed after a colon are parts of the total a total word gives after them."""
    for m in total_pattern().finditer(text):
        at = offset + m.start()
        total = next((i for i in indices if at < figures[i].char_start <= at + len(m.group()) + 4), None)
        if total is None or figures[total].value is None:
            continue
        colon = text.rfind(":", 0, m.start())
        sentence_start = sentence_bounds(text, m.start())[0]
        if colon < sentence_start:
            continue  # no colon in the sentence before the total word
        parts = [i for i in indices if offset + colon < figures[i].char_start < at and figures[i].parent is None]
        unit = counted_in_clause(text[sentence_start:colon]) or figures[total].unit
        labelled = [LABEL_FORM_TAIL.match(text, figures[i].char_end - offset) for i in parts]
        if len(parts) >= 2 and all(lab or figures[i].unit in (None, unit) for i, lab in zip(parts, labelled, strict=True)):
            for i in [*parts, total]:
                figures[i].unit = unit
            for i in parts:
                _set_parent(figures[i], total, m.group().lower(), True)


def link_qualified_runs(figures: list[Figure], indices: list[int]) -> None:
    """"96 dzieci, Liczba dzieci poniżej 3 roku życia: 6, … od 3 do 4 roku życia: 32": a figure
    followed at once by figures of its kind, each limited to a different age group or district,
    is split by them."""
    for k, t in enumerate(indices):
        total = figures[t]
        if total.parent is not None or total.value is None or _qualified(total):
            continue
        run = []
        for i in indices[k + 1 :]:
            if figures[i].parent is not None or not _qualified(figures[i]) or not _same_kind(total, figures[i]):
                break
            run.append(i)
        same_unit = all(figures[i].unit == total.unit for i in run)  # not "5 osób dorosłych, 3 dzieci w wieku 2-4 lat"
        summed = sum(figures[i].value or 0 for i in run)
        if (len(run) >= 2 and _partition(figures, run) and (same_unit or summed == total.value)
                and summed <= 2 * total.value):  # "klub – 8 200, Lipno – 9 700, Borki – 12 100": items alike, no total
            for i in run:
                _set_parent(figures[i], t, "list", True)


def _qualified(figure: Figure) -> bool:
    return "district" in figure.qualifiers or "age" in figure.qualifiers


def _partition(figures: list[Figure], parts: list[int]) -> bool:
    """Parts split their total when each has a distinct district, sex or age group."""
    for key in ("district", "sex", "age"):
        values = [figures[i].qualifiers.get(key) for i in parts]
        if len(values) >= 2 and all(values) and len(set(values)) == len(values):
            return True
    return False


def link_parentheses(block_text: str, offset: int, figures: list[Figure], indices: list[int]) -> None:
    """"385 dzieci (199 dziewczynek i 186 chłopców)": parts of the figure before the bracket."""
    for m in BRACKETED.finditer(block_text):
        if cue_pattern().match(m.group(1).strip()):
            continue  # "(w tym ...)": the cue decides, see link_sentences
        inside = [i for i in indices if offset + m.start() < figures[i].char_start < offset + m.end()]
        before = [i for i in indices if figures[i].char_end <= offset + m.start()]
        if not inside or not before:
            continue
        if block_text[figures[before[-1]].char_end - offset : m.start()].count(",") > 1:
            continue
        _link_bracket(block_text, offset, figures, before[-1], inside)


def link_bracket_paragraphs(blocks: list[Block], figures: list[Figure], by_block: dict[int, list[int]]) -> None:
    """"Działania pracownika socjalnego …: 292" and then a paragraph "(wywiadów 14, pisanie pism
    – 14, …)": the bracketed paragraph splits the figure that ends the paragraph before it."""
    for b in range(1, len(blocks)):
        text = blocks[b].text.strip()
        if not (text.startswith("(") and text.rstrip(".;,").endswith(")")) or not by_block.get(b - 1):
            continue
        previous = blocks[b - 1]
        total_index = by_block[b - 1][-1]
        if previous.text[figures[total_index].char_end - previous.char_start :].strip(" .:;,"):
            continue  # the total must end the paragraph
        inside = [i for i in by_block.get(b, []) if figures[i].parent is None]
        _link_bracket(blocks[b].text, blocks[b].char_start, figures, total_index, inside)


LABEL_FORM_TAIL = regex.compile(r"[\s.:–-]*(?:[,;)]|$)")


def _link_bracket(text: str, offset: int, figures: list[Figure], total_index: int, inside: list[int]) -> None:
    """Make the bracketed figures parts of the total when they count what it counts: sexes
    ("89 uczestników (71K i 18M)"), unnamed figures, or categories written as "label – N"
    ("292 działań (wywiadów 14, procedury Niebieskiej Karty – 31)"), which count the total's unit."""
    total = figures[total_index]
    if len(inside) < 2 or total.value is None:
        return
    labelled = all(LABEL_FORM_TAIL.match(text, figures[i].char_end - offset) for i in inside)
    unnamed = all(figures[i].unit is None for i in inside)
    own_units = [figures[i].unit for i in inside]
    for i in inside:
        clause = text[: figures[i].char_start - offset]
        counted = counted_in_clause(clause[max(clause.rfind(c) for c in "(,;") + 1 :])
        if counted and counted != total.unit:
            continue  # "58 dzieci (liczba rodzin – 31, …)": the label says what it counts
        if labelled or (figures[i].unit is None and ("sex" in figures[i].qualifiers or unnamed)):
            figures[i].unit = total.unit
    if not all(_same_kind(total, figures[i]) for i in inside):
        for i, unit in zip(inside, own_units, strict=True):
            figures[i].unit = unit  # not parts: they keep what they count
        return
    for i in inside:
        _set_parent(figures[i], total_index, "parenthesis", True)


def link_lists(blocks: list[Block], figures: list[Figure], by_block: dict[int, list[int]]) -> None:
    """An intro ending with ":" and a total, then list items: the items' figures are its parts.

    A list followed by a paragraph opening with a total word ("Łącznie ...") works the
    same way, the total standing after its parts.
    """
    for b, block in enumerate(blocks):
        if _is_bullet(block) and by_block.get(b):
            _link_sub_items(blocks, figures, by_block, b)
        if _is_bullet(block) or not by_block.get(b):
            continue
        items = _following_items(blocks, b)
        intro = block.text.rstrip()
        kind = _intro_breakdown(intro) if items and intro.endswith(":") else None
        if kind:
            _link_items(blocks, figures, by_block, by_block[b], items, kind)
        elif items and intro.endswith(":"):
            # "Asystenci zakończyli pracę ze 104 rodzinami. Przyczyny …:" over 61, 27 and 16 rodzin
            total = next((t for t in reversed(by_block[b]) if _items_add_up(figures, by_block, items, t)), None)
            if total is not None:
                _link_items(blocks, figures, by_block, [total], items, ("list", True), explicit=True)
        previous = _preceding_items(blocks, b)
        if previous and total_pattern().match(NUMBERING.sub("", block.text.strip())):
            _link_items(blocks, figures, by_block, by_block[b], previous, ("łącznie", True))


def _link_sub_items(blocks: list[Block], figures: list[Figure], by_block: dict[int, list[int]], b: int) -> None:
    """Items indented under an item split its last figure: when it announces them with a cue or
    total word ("- liczba opinii: 5 w tym:"), or when their figures add up to it ("- ilość
    Komisji: 4" over "- wstępnych – 3", "- ostatecznych – 1"). Indentation alone is not enough:
    text dumps indent list items unevenly."""
    nested = []
    for j in range(b + 1, len(blocks)):
        if not _is_bullet(blocks[j]) or blocks[j].indent <= blocks[b].indent:
            break
        nested.append(j)
    depth = min((blocks[j].indent for j in nested), default=0)
    children = [j for j in nested if blocks[j].indent == depth]
    if len(children) < 2:
        return
    total_index = by_block[b][-1]
    intro = blocks[b].text.rstrip()
    kind = _intro_breakdown(intro) if intro.endswith(":") else None
    if kind is None:
        if not _items_add_up(figures, by_block, children, total_index):
            return
        kind = ("list", True)
    _link_items(blocks, figures, by_block, [total_index], children, kind, explicit=True)


def _items_add_up(figures: list[Figure], by_block: dict[int, list[int]], items: list[int], total_index: int) -> bool:
    """Each item holds one figure and together they make the total exactly: the evidence that a
    list nobody announced as a breakdown is one (which figures count the total's unit is
    decided item by item, see ``_item_figure``)."""
    alone = [by_block.get(j, []) for j in items]
    if len(items) < 2 or any(len(f) != 1 for f in alone):
        return False
    total = figures[total_index]
    return total.value is not None and sum(figures[f[0]].value or 0 for f in alone) == total.value


NUMBERING = regex.compile(r"^\d{1,2}[.)]\s+")


def _is_bullet(block: Block) -> bool:
    """A list item marked by a bullet, a dash or a letter ("a)"); numbered items are paragraphs."""
    return block.kind == "list_item" and not NUMBERING.match(block.text.strip())


def inherit_list_years(blocks: list[Block], figures: list[Figure], by_block: dict[int, list[int]]) -> None:
    """Items under an intro that names a year ("… w 2012 roku:") refer to that year."""
    for b, block in enumerate(blocks):
        intro = block.text.rstrip()
        if _is_bullet(block) or not intro.endswith(":"):
            continue
        mention = [m for m in YEAR_MENTION.finditer(intro) if (m.group("pre") or "").strip() not in ("od", "do")]
        if not mention:
            continue
        year = int(mention[-1].group("year"))
        for item in _following_items(blocks, b):
            if YEAR_MENTION.search(blocks[item].text):
                continue
            for i in by_block.get(item, []):
                figures[i].year = year


def blocks_end(figures: list[Figure], by_block: dict[int, list[int]], items: list[int]) -> int:
    """Where the figures of the given blocks end (0 when they hold none)."""
    return max((figures[i].char_end for item in items for i in by_block.get(item, [])), default=0)


def _intro_breakdown(intro: str) -> tuple[str, bool] | None:
    """How a list splits the figure of its intro: by the intro's cue ("z czego:", "w tym:") or
    total word ("łącznie ...:"); None when the intro only introduces (the items may overlap)."""
    cues = list(cue_pattern().finditer(intro))
    if cues:
        return cue_kind()[cues[-1].group().lower()]
    return ("list", True) if total_pattern().search(intro) else None


def _link_items(
    blocks: list[Block],
    figures: list[Figure],
    by_block: dict[int, list[int]],
    totals: list[int],
    items: list[int],
    kind: tuple[str, bool],
    explicit: bool = False,
) -> None:
    """Link the items' figures to the total nearest the list: the last figure of an intro
    before the list, the first figure of a total line after it. ``explicit``: the items are
    parts whatever they name (a cue or nesting says so)."""
    after_list = bool(items) and figures[totals[0]].char_start > blocks_end(figures, by_block, items)
    cued = kind[0] in {b for b, _ in cue_kind().values()}
    explicit = explicit or cued
    for total_index in totals if after_list else reversed(totals):
        total = figures[total_index]
        if total.value is None:
            continue
        picks = [_item_figure(blocks[item], figures, by_block.get(item, []), total, explicit) for item in items]
        found = [(p, unit) for p, unit in filter(None, picks) if figures[p].parent is None]
        if len(found) >= 2:
            for p, unit in found:
                figures[p].unit = unit
            # "z czego:" over a list is a subset of outcomes unless the items partition the total
            exhaustive = kind[1] and (not cued or _partition(figures, [p for p, _ in found]))
            for p, _ in found:
                _set_parent(figures[p], total_index, kind[0], exhaustive)
            total.is_total = True


def _item_figure(
    item: Block, figures: list[Figure], indices: list[int], total: Figure, explicit: bool
) -> tuple[int, str | None] | None:
    """The figure of a list item that counts what the total counts, and the unit it counts.

    An item whose only figure names no unit ("- terapia (794)") counts the total's unit; so,
    under an explicit "w tym:" / "z czego:", does a lone figure closing a label ("- koordynatora
    – 3", counting opinie), while a lone figure of the same kind keeps its own ("- 4 ofiary");
    one counting something else ("- odbyło się 50 spotkań") is not a part. Figures already
    split off in brackets ("świadkowie: 2 (1 kobieta, 1 dziecko)") do not count as others.
    """
    same = next((i for i in indices if figures[i].unit == total.unit), None)
    if same is not None:
        return same, total.unit
    own = [i for i in indices if figures[i].parent is None]
    if len(own) != 1:
        return None
    lone = figures[own[0]]
    if explicit and _same_kind(total, lone):
        return own[0], lone.unit
    if lone.unit is None or (explicit and LABEL_FORM_TAIL.match(item.text, lone.char_end - item.char_start)):
        return own[0], total.unit or lone.unit
    return None


def _following_items(blocks: list[Block], b: int) -> list[int]:
    items = []
    for j in range(b + 1, len(blocks)):
        if not _is_bullet(blocks[j]):
            break
        items.append(j)
    return items


def _preceding_items(blocks: list[Block], b: int) -> list[int]:
    items = []
    for j in range(b - 1, -1, -1):
        if not _is_bullet(blocks[j]):
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
        link_inline_lists(block.text, block.char_start, figures, indices)
        link_totalled_lists(block.text, block.char_start, figures, indices)
        link_qualified_runs(figures, indices)
    link_bracket_paragraphs(blocks, figures, by_block)
    link_lists(blocks, figures, by_block)
    inherit_list_years(blocks, figures, by_block)
    for figure in figures:
        if figure.parent is not None and figure.parent >= 0:
            figures[figure.parent].is_total = True
