"""Blocks → sections and projects: the report's own outline, as data.

Numbered blocks are headings when their numbering behaves like an outline (sub-numbers,
content between siblings); runs of consecutively numbered items with nothing but bullets
between them are list items. Projects are named undertakings: headings with a strategy
code, and quoted names introduced as projects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from extract.model import Block, Document
from extract.morphology import is_past_verb
from extract.rules import load

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")


@dataclass
class Section:
    """A heading of the report's outline and the span of text it governs."""

    number: str | None
    raw_number: str | None
    title: str
    level: int
    block: int
    char_start: int
    char_end: int = 0
    parent: int | None = None


@dataclass
class Project:
    """A named undertaking inside a section, with the facts the genre states about it."""

    name: str
    code: str | None
    section: int | None
    char_start: int
    char_end: int
    start_year: int | None = None
    goals_achieved: str | None = None
    continues: bool | None = None
    need: str | None = None
    facts: dict[str, str] = field(default_factory=dict)


@cache
def _rules() -> dict:
    data = load("sections")
    compiled = [(r["id"], regex.compile(r["pattern"])) for r in data["numbering"]]
    facts = {k: regex.compile(v, regex.IGNORECASE) for k, v in data["project_facts"].items()}
    return {
        "numbering": compiled,
        "code": regex.compile(data["code_pattern"]),
        "facts": facts,
        "data": data,
        "project_intro": regex.compile(data["project_intro"]),
        "anchor": regex.compile(data["project_anchor"], regex.IGNORECASE),
        "projects_intro": regex.compile(data["projects_intro"]),
    }


def roman_value(text: str) -> int:
    """Value of a Roman numeral ("IV" → 4)."""
    total = 0
    for a, b in zip(text, text[1:] + " ", strict=True):
        v = ROMAN[a]
        total += -v if ROMAN.get(b, 0) > v else v
    return total


def normalise_code(raw: str) -> str:
    """"C ₁ K ₇ P ₄", "[C1K3P6]", "P _{2,3}" → "C1K7P4", "C1K3P6", "C1K2P2,3"."""
    text = raw.translate(SUBSCRIPTS)
    return regex.sub(r"[\s\[\]_{}]", "", text)


def heading_number(text: str) -> tuple[str, str, str, str] | None:
    """(style, number as written, normalised number, title) of a numbered heading, or None."""
    for style, pattern in _rules()["numbering"]:
        m = pattern.match(text.strip())
        if m:
            number = m.group("number")
            raw = text.strip()[: m.start("title")].strip() if m.group("title") else number
            return style, raw, number.rstrip("."), m.group("title").strip()
    return None


def clean_title(title: str) -> str:
    """A heading's title without a run-in description."""
    data = _rules()["data"]
    cut = len(title)
    for stop in data["title_stops"]:
        i = title.find(stop)
        if 0 < i < cut and (stop != ". " or i > 3):
            cut = i
    return title[:cut].strip(" .:")[: data["max_title"]]


def toc_end(doc: Document) -> int:
    """Where a table of contents ends (0 when there is none): most rows end with a page reference."""
    ref = regex.compile(_rules()["data"]["toc_page_ref"])
    for block in doc.blocks:
        if block.kind == "table" and len(block.rows) >= 5:
            hits = sum(bool(ref.search(row[-1].text)) for row in block.rows)
            if hits >= len(block.rows) / 2:
                return block.char_end
    return 0


def _is_coded_heading(text: str) -> bool:
    """A title ending with a strategy code: "Klub Integracji Społecznej [C₁K₂P₄]."."""
    m = _rules()["code"].search(text)
    if m is None or len(text) > 250 or text[m.end() :].strip(" ])}."):
        return False
    words = regex.findall(r"\p{L}+", text[: m.start()])
    return not any(is_past_verb(w) for w in words)  # "Projekt rozszerzony został o …": a sentence, not a title


def _is_caps_heading(block: Block) -> bool:
    if not 8 <= len(block.text) <= 200:
        return False
    letters = [c for c in block.text if c.isalpha()]
    return len(letters) > 5 and sum(c.isupper() for c in letters) / len(letters) > 0.85


def find_sections(doc: Document) -> list[Section]:
    """The outline: numbered headings, styled headings, capitalised headings, coded projects."""
    blocks = doc.blocks
    numbered = {i: heading_number(b.text) for i, b in enumerate(blocks) if b.kind != "table"}
    sections: list[Section] = []
    goal = regex.compile(_rules()["data"]["goal_code"])
    front_matter_end = toc_end(doc)
    for i, block in enumerate(blocks):
        if block.char_start < front_matter_end:
            continue
        found = numbered.get(i)
        goal_match = goal.match(block.text.strip())
        if goal_match and i + 1 < len(blocks) and len(blocks[i + 1].text) < 150:
            number = normalise_code(goal_match.group("number"))
            sections.append(Section(number, block.text.strip(), clean_title(blocks[i + 1].text), 1, i, block.char_start))
            continue
        if (found and len(block.text) <= _rules()["data"]["max_heading"]) or (found and found[0] == "arabic" and "." in found[2]):
            style, raw, number, title = found
            if _in_list_run(blocks, numbered, i, style, number):
                continue
            level = number.count(".") + 1
            sections.append(Section(number, raw, clean_title(title), level, i, block.char_start))
        elif block.style_level:
            sections.append(Section(None, None, clean_title(block.text), block.style_level, i, block.char_start))
        elif block.kind == "paragraph" and _is_coded_heading(block.text):
            sections.append(Section(None, None, _rules()["code"].sub("", block.text).strip(" []."), 9, i, block.char_start))
        elif block.kind == "paragraph" and _is_caps_heading(block) and sections:
            sections.append(Section(None, None, block.text.strip()[:100], 8, i, block.char_start))
    _assign_levels(sections)
    for k, section in enumerate(sections):
        nxt = sections[k + 1].char_start if k + 1 < len(sections) else len(doc.text)
        section.char_end = nxt
    return sections


def _in_list_run(blocks: list[Block], numbered: dict, i: int, style: str, number: str) -> bool:
    """True when a numbered block is a list item rather than a heading.

    Arabic "N." heads a section when the outline continues below it ("N.1" next) or above it
    ("N-1.k" before), or when it is a short title followed by paragraphs of its own. Roman
    numerals head sections unless a sibling follows with only bullets in between.
    """
    if "." in number or style == "keyword":
        return False
    if style == "roman":
        return _sibling_adjacent(blocks, numbered, i, style, roman_value(number))
    value = int(number)
    before = next((numbered[j] for j in range(i - 1, -1, -1) if numbered.get(j)), None)
    after_index = next((j for j in range(i + 1, len(blocks)) if numbered.get(j)), len(blocks))
    after = numbered.get(after_index)
    if (after and after[2] == f"{value}.1") or (before and before[2].startswith(f"{value - 1}.")):
        return False
    title = numbered[i][3].rstrip()
    between = [b for b in blocks[i + 1 : after_index] if b.kind == "paragraph"]
    own_content = len(between) >= 2 and sum(len(b.text) for b in between) > 300
    return not (own_content and len(title) <= 80 and not title.endswith((".", ",", ";")))


def _sibling_adjacent(blocks: list[Block], numbered: dict, i: int, style: str, value: int) -> bool:
    for step in (1, -1):
        j = i + step
        while 0 <= j < len(blocks) and blocks[j].kind == "list_item" and not numbered.get(j):
            j += step
        other = numbered.get(j) if 0 <= j < len(blocks) else None
        if other and other[0] == style and roman_value(other[2]) == value + step:
            return True
    return False


def _assign_levels(sections: list[Section]) -> None:
    """Turn numbering depth into levels: Roman parts above arabic sections, and so on."""
    has_roman = any(s.number and regex.fullmatch(r"[IVXLC]+", s.number) for s in sections)
    stack: list[int] = []
    for k, s in enumerate(sections):
        unnumbered = not s.number and s.level in (8, 9)
        if s.number and regex.fullmatch(r"[IVXLC]+", s.number):
            s.level = 1
        elif s.number:
            s.level = s.number.count(".") + 1 + (1 if has_roman else 0)
        elif s.level in (8, 9):  # unnumbered: one below the current section
            s.level = (sections[stack[-1]].level + 1) if stack else 1
        while stack and sections[stack[-1]].level >= s.level:
            stack.pop()
        s.parent = stack[-1] if stack else None
        if not unnumbered:
            stack.append(k)
    # unnumbered headings do not govern numbered siblings that follow them
    for s in sections:
        if s.parent is not None and not sections[s.parent].number and s.number:
            s.parent = sections[s.parent].parent


def section_at(sections: list[Section], offset: int) -> int | None:
    """Index of the innermost section whose span holds ``offset``."""
    found = None
    for k, s in enumerate(sections):
        if s.char_start <= offset < s.char_end:
            found = k
    return found


@dataclass(frozen=True)
class Candidate:
    """Something that may head a project: a section, a dash sub-heading or a quoted name."""

    name: str
    char_start: int
    code: str | None
    always: bool  # coded headings and quoted names introduced as projects need no anchor
    takes_anchor: bool = True  # an item of a list of projects does not: its text is its item
    char_end: int | None = None  # where its text ends, when known (a list item)


def project_candidates(doc: Document, sections: list[Section]) -> list[Candidate]:
    """Every place a project could start, in document order."""
    rules = _rules()
    found: list[Candidate] = []
    for s in sections:
        m = rules["code"].search(doc.blocks[s.block].text)
        coded = m is not None and not s.number
        found.append(Candidate(clean_name(s.title), s.char_start, normalise_code(m.group()) if coded else None, coded))
    for b, block in enumerate(doc.blocks):
        if _is_dash_heading(doc.blocks, b):
            found.append(Candidate(clean_name(LEADING_MARKER.sub("", block.text)), block.char_start, None, False))
        elif block.kind == "list_item" and b and rules["projects_intro"].search(_previous_text(doc.blocks, b)):
            quoted = regex.match(r"[-–·•\s]*[„\"]([^”\"]{3,150})[”\"]", block.text)
            if quoted:
                found.append(Candidate(quoted.group(1).strip(), block.char_start, None, True, False, block.char_end))
    for m in rules["project_intro"].finditer(doc.text):
        found.append(Candidate(m.group("name").strip(), m.start(), None, True))
    return sorted(found, key=lambda c: c.char_start)


LEADING_MARKER = regex.compile(r"^[\s\-–·•]+")


def _previous_text(blocks: list[Block], b: int) -> str:
    while b > 0 and blocks[b - 1].kind == "list_item":
        b -= 1
    return blocks[b - 1].text if b else ""


DASH_ITEM = regex.compile(r"[-–]\s")


def _is_dash_heading(blocks: list[Block], b: int) -> bool:
    """A short dash item with no sentence end, followed by prose: a sub-heading."""
    block = blocks[b]
    text = block.text.strip()
    if block.kind != "list_item" or not DASH_ITEM.match(text) or len(text) > 100:
        return False
    if text.endswith((".", ",", ";", ":")) or any(ch.isdigit() for ch in text):
        return False
    return b + 1 < len(blocks) and blocks[b + 1].kind == "paragraph"


QUOTED_NAME = regex.compile(r"[„\"]([^”\"]{3,150})[”\"]")


def clean_name(title: str) -> str:
    """A project's name without quotes, trailing descriptions or generic words before a quote."""
    title = _rules()["code"].sub("", title).strip(" .[]()")
    quoted = QUOTED_NAME.search(title)
    if quoted:
        before = title[: quoted.start()].strip(" -–").lower()
        if not before or before in _rules()["data"]["generic_before_name"]:
            return quoted.group(1).strip()
    return title.strip("„”\" ")


def find_projects(doc: Document, sections: list[Section]) -> list[Project]:
    """Projects: candidates that are coded or introduced as projects, or that the genre's
    project sentences ("Zapotrzebowanie: kontynuacja projektu", "Projekt realizowany od")
    follow; each with the facts stated in its span."""
    candidates = project_candidates(doc, sections)
    anchored: set[int] = set()
    for m in _rules()["anchor"].finditer(doc.text):
        before = [k for k, c in enumerate(candidates) if c.char_start <= m.start() and c.takes_anchor]
        if before:
            anchored.add(before[-1])
    projects: list[Project] = []
    names: set[str] = set()
    for k, c in enumerate(candidates):
        key = regex.sub(r"\W+", "", c.name.casefold())
        if not (c.always or k in anchored) or key in names or len(key) < 3:
            continue
        names.add(key)
        following = [x.char_start for x in candidates[k + 1 :] if x.takes_anchor]
        end = c.char_end or (following[0] if following else len(doc.text))
        section = section_at(sections, c.char_start)
        if section is not None and sections[section].char_start == c.char_start:
            section = sections[section].parent if c.code else section
        projects.append(Project(c.name, c.code, section, c.char_start, max(end, c.char_start + 1)))
    for p in projects:
        _read_facts(doc.text[p.char_start : p.char_end], p)
    return projects


def _next_sibling_start(sections: list[Section], k: int, default: int) -> int:
    for s in sections[k + 1 :]:
        if s.level <= sections[k].level:
            return s.char_start
    return default


def _read_facts(text: str, project: Project) -> None:
    facts = _rules()["facts"]
    if m := facts["start_year"].search(text):
        project.start_year = int(m.group(1))
    for level in ("partly", "not", "fully"):
        if facts[f"goals_{level}"].search(text):
            project.goals_achieved = level
            break
    if facts["ends"].search(text):
        project.continues = False
    elif facts["continues"].search(text):
        project.continues = True
    if m := facts["need"].search(text):
        project.need = m.group(1).strip()
