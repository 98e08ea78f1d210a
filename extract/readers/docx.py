"""Word (.docx) files into the document model.

The body XML is walked in order, so paragraphs and tables keep their places. A heading's
level comes from its style (any language, its outline level, or the style it is based
on); list numbering Word would draw is rendered into the text unless the text already
starts with a marker; merged cells keep their text once (continued cells are empty);
footnotes follow the body as paragraphs.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

import docx
import regex
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from lxml import etree

from extract.model import Document, ReadError, build_text
from extract.readers.text import LIST_MARKER, squash

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING_NAME = regex.compile(
    r"^(?:heading|nagłówek|naglowek|nagwek|überschrift|titre|título|titolo|kop|rubrik|otsikko|overskrift|заголовок)\s*(\d)$",
    regex.IGNORECASE,
)
BULLETS = {"\uf0b7": "·", "\uf0a7": "▪", "\uf076": "◆", "\uf0d8": "➢", "\uf0fc": "✓"}  # Symbol/Wingdings
BROKEN = (
    PackageNotFoundError,
    zipfile.BadZipFile,
    KeyError,
    ValueError,
    etree.XMLSyntaxError,
    OSError,
    EOFError,
    zlib.error,
)


def read_docx(path: Path) -> Document:
    """Read a Word file into a Document; a damaged file raises ReadError("corrupt")."""
    try:
        parts = docx_parts(path)
    except BROKEN as exc:
        raise damaged(exc, "Word file") from exc
    if not parts:
        raise ReadError("empty", "the Word file holds no text")
    text, blocks = build_text(parts)
    return Document(source_path=str(path), format="docx", text=text, blocks=blocks)


def damaged(exc: Exception, what: str) -> ReadError:
    """The error for a file its parser gave up on: what the file is, and the parser's reason on one line."""
    reason = squash(str(exc))[:200] or type(exc).__name__
    return ReadError("corrupt", f"damaged or truncated {what}: {reason}")


def docx_parts(path: Path) -> list[tuple]:
    """(kind, content, page, level) parts of the body in document order, then footnotes."""
    word = docx.Document(str(path))
    body = word.element.body
    if body is None:
        raise ValueError("the document part has no body")
    styles = Styles(word)
    numbering = Numbering(word)
    parts: list[tuple] = []
    for element in body_items(body):
        if element.tag == f"{W}tbl":
            rows = table_grid(element)
            if rows:
                parts.append(("table", rows, None, None))
        elif part := paragraph_part(element, styles, numbering):
            parts.append(part)
    return parts + footnote_parts(word)


def body_items(container: etree._Element):  # type: ignore[no-untyped-def]
    """Paragraphs and tables in order, looking inside content controls and custom XML."""
    for child in container.iterchildren():
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from body_items(content)
        elif child.tag == f"{W}customXml":
            yield from body_items(child)


def paragraph_part(p: etree._Element, styles: Styles, numbering: Numbering) -> tuple | None:
    """One paragraph as a heading, list item or paragraph part; None when it is empty."""
    text = squash(paragraph_text(p))
    chain, chain_level, name, chain_num = styles.of(p)
    num = numbering_of(p, chain_num)
    marker = numbering.marker(*num) if num else ""
    if not text:
        return None
    if marker and not LIST_MARKER.match(text):
        text = f"{marker} {text}"
    level = outline_level(p) or chain_level
    if level:
        return ("heading", text, None, level)
    listed = bool(num) or "list" in name.lower() or LIST_MARKER.match(text)
    if listed:
        return ("list_item", text, None, left_indent(p, chain, num, numbering))
    return ("paragraph", text, None, None)


def left_indent(p: etree._Element, chain: list[etree._Element], num: tuple[str, int] | None, numbering: Numbering) -> float:
    """How far a list paragraph is indented, in twips: its own left indent, its list level's,
    its style's, else its numbering level (only the order of these values in a document counts)."""
    own = ind_left(p)
    if own is not None:
        return own
    if num and (level := numbering.indent(*num)) is not None:
        return level
    for style in chain:
        if (value := ind_left(style)) is not None:
            return value
    return 360.0 * (num[1] + 1) if num else 0.0


def ind_left(element: etree._Element) -> float | None:
    """The w:ind left (or start) value of a paragraph, style or numbering level, if set."""
    ind = element.find(f"{W}pPr/{W}ind")
    value = None if ind is None else ind.get(f"{W}left", ind.get(f"{W}start"))
    return float(value) if value is not None and value.lstrip("-").isdigit() else None


RUN_SYMBOLS = {f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}


def paragraph_text(p: etree._Element) -> str:
    """A paragraph's text as python-docx's ``Paragraph.text`` gives it (runs, also inside
    hyperlinks: text, tabs, line breaks, non-breaking hyphens), without its XPath queries."""
    pieces = []
    for child in p.iterchildren(f"{W}r", f"{W}hyperlink"):
        for run in [child] if child.tag == f"{W}r" else child.iterchildren(f"{W}r"):
            for item in run.iterchildren():
                tag = item.tag
                if tag == f"{W}t":
                    pieces.append(item.text or "")
                elif tag == f"{W}br":
                    pieces.append("\n" if item.get(f"{W}type", "textWrapping") == "textWrapping" else "")
                elif tag in RUN_SYMBOLS:
                    pieces.append(RUN_SYMBOLS[tag])
    return "".join(pieces)


class Styles:
    """Paragraph styles by id, read once from styles.xml (python-docx look-ups are slow)."""

    def __init__(self, word: docx.document.Document) -> None:
        self.by_id: dict[str, etree._Element] = {}
        self.default: str | None = None
        self.chains: dict[str | None, list[etree._Element]] = {}
        self.known: dict[str | None, tuple[list[etree._Element], int | None, str, NumPr]] = {}
        for style in word.styles.element.iterchildren(f"{W}style"):
            if style.get(f"{W}type") == "paragraph":
                self.by_id[style.get(f"{W}styleId")] = style
                if style.get(f"{W}default") in ("1", "true", "on"):
                    self.default = style.get(f"{W}styleId")

    def of(self, p: etree._Element) -> tuple[list[etree._Element], int | None, str, NumPr]:
        """The paragraph's style chain, the heading level the chain gives, the name of the
        paragraph's own style and the numbering the chain gives, worked out once per style."""
        style_id = self.style_id(p)
        if style_id not in self.known:
            chain = self.chain(p)
            self.known[style_id] = (chain, chain_level(chain), style_name(chain[0] if chain else None), num_pr(chain))
        return self.known[style_id]

    def style_id(self, p: etree._Element) -> str | None:
        """The id of the paragraph's style (the default paragraph style when it names none)."""
        ref = p.find(f"{W}pPr/{W}pStyle")
        return ref.get(f"{W}val") if ref is not None else self.default

    def chain(self, p: etree._Element) -> list[etree._Element]:
        """The paragraph's style and the styles it is based on, nearest first."""
        style_id = self.style_id(p)
        if style_id not in self.chains:
            chain: list[etree._Element] = []
            current = self.by_id.get(style_id) if style_id else None
            while current is not None and len(chain) < 20 and current not in chain:
                chain.append(current)
                based = current.find(f"{W}basedOn")
                current = self.by_id.get(based.get(f"{W}val")) if based is not None else None
            self.chains[style_id] = chain
        return self.chains[style_id]


def style_name(style: etree._Element | None) -> str:
    """A style's name as stored ("heading 1", "List Paragraph"), or ""."""
    name = style.find(f"{W}name") if style is not None else None
    return name.get(f"{W}val", "") if name is not None else ""


def outline_level(element: etree._Element) -> int | None:
    """1-based heading level from a paragraph's or style's outline level (0-8), else None."""
    found = element.find(f"{W}pPr/{W}outlineLvl")
    value = found.get(f"{W}val", "") if found is not None else ""
    return int(value) + 1 if value.isdigit() and int(value) < 9 else None


def chain_level(chain: list[etree._Element]) -> int | None:
    """Heading level from a style chain: a heading style's name or id, or an outline level."""
    for style in chain:
        for name in (style_name(style), style.get(f"{W}styleId", "")):
            if m := HEADING_NAME.match(name.strip()):
                return int(m.group(1)) or None
        if level := outline_level(style):
            return level
    return None


NumPr = tuple[str | None, int | None]  # (numId, ilvl) as far as they are set


def num_pr(elements: list[etree._Element]) -> NumPr:
    """The numId and ilvl the first of ``elements`` (a paragraph, then its styles) that sets each gives."""
    num_id, ilvl = None, None
    for element in elements:
        found = element.find(f"{W}pPr/{W}numPr")
        if found is None:
            continue
        num_el, lvl_el = found.find(f"{W}numId"), found.find(f"{W}ilvl")
        if num_id is None and num_el is not None:
            num_id = num_el.get(f"{W}val")
        if ilvl is None and lvl_el is not None:
            ilvl = int(lvl_el.get(f"{W}val", "0"))
    return num_id, ilvl


def numbering_of(p: etree._Element, chain_num: NumPr) -> tuple[str, int] | None:
    """(numId, level) of a numbered paragraph, from its own properties or else its style chain's."""
    own_id, own_level = num_pr([p])
    num_id = own_id if own_id is not None else chain_num[0]
    ilvl = own_level if own_level is not None else chain_num[1]
    if num_id is None or num_id == "0":
        return None
    return num_id, min(ilvl or 0, 8)


class Numbering:
    """Word list numbering: level formats from numbering.xml and running counters per list."""

    def __init__(self, word: docx.document.Document) -> None:
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.indents: dict[str, dict[int, float]] = {}  # abstractNumId → level → left indent (twips)
        self.counters: dict[str, list[int | None]] = {}
        try:
            root = word.part.numbering_part.element
        except (NotImplementedError, KeyError):
            return
        for abstract in root.iterchildren(f"{W}abstractNum"):
            key = abstract.get(f"{W}abstractNumId")
            self.levels[key] = {int(lvl.get(f"{W}ilvl", "0")): level_format(lvl) for lvl in abstract.iterchildren(f"{W}lvl")}
            self.indents[key] = {
                int(lvl.get(f"{W}ilvl", "0")): indent for lvl in abstract.iterchildren(f"{W}lvl") if (indent := ind_left(lvl)) is not None
            }
        for num in root.iterchildren(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            starts = {
                int(o.get(f"{W}ilvl", "0")): int(s.get(f"{W}val", "1"))
                for o in num.iterchildren(f"{W}lvlOverride")
                if (s := o.find(f"{W}startOverride")) is not None
            }
            self.nums[num.get(f"{W}numId")] = (ref.get(f"{W}val") if ref is not None else "", starts)

    def indent(self, num_id: str, ilvl: int) -> float | None:
        """The left indent a list level draws its paragraphs at, in twips, if numbering.xml says."""
        abstract, _ = self.nums.get(num_id, ("", {}))
        return self.indents.get(abstract, {}).get(ilvl)

    def marker(self, num_id: str, ilvl: int) -> str:
        """Advance the list's counter at ``ilvl`` and return the marker Word would draw."""
        abstract, starts = self.nums.get(num_id, ("", {}))
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [None] * 9)
        start = starts.get(ilvl, levels[ilvl][2])
        counts[ilvl] = start if counts[ilvl] is None else counts[ilvl] + 1  # type: ignore[operator]
        counts[ilvl + 1 :] = [None] * (8 - ilvl)
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet":
            return BULLETS.get(text, text) if text.strip() else "·"
        for k in range(ilvl + 1):
            value = counts[k] if counts[k] is not None else starts.get(k, levels.get(k, ("", "", 1))[2])
            text = text.replace(f"%{k + 1}", format_number(value if value is not None else 1, levels.get(k, ("decimal", "", 1))[0]))
        return text.strip()


def level_format(lvl: etree._Element) -> tuple[str, str, int]:
    """(numFmt, lvlText, start) of one numbering level."""
    fmt = lvl.find(f"{W}numFmt")
    text = lvl.find(f"{W}lvlText")
    start = lvl.find(f"{W}start")
    return (
        fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
        text.get(f"{W}val", "") if text is not None else "",
        int(start.get(f"{W}val", "1")) if start is not None else 1,
    )


def format_number(value: int, fmt: str) -> str:
    """A counter value in a Word number format (decimal, letters, Roman numerals)."""
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = to_roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)


def to_roman(value: int) -> str:
    """1994 → "MCMXCIV"."""
    out = ""
    for number, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        count, value = divmod(value, number)
        out += letters * count
    return out


def table_grid(tbl: etree._Element) -> list[list[str]]:
    """A table's cell grid: spans padded with empty cells, continued vMerge cells empty."""
    rows: list[list[str]] = []
    for tr in tbl.iterchildren(f"{W}tr"):
        before = tr.find(f"{W}trPr/{W}gridBefore")
        row = [""] * (int(before.get(f"{W}val", "0")) if before is not None else 0)
        for tc in tr.iterchildren(f"{W}tc"):
            span = tc.find(f"{W}tcPr/{W}gridSpan")
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            continued = merge is not None and merge.get(f"{W}val", "continue") == "continue"
            row.append("" if continued else cell_text(tc))
            row += [""] * (int(span.get(f"{W}val", "1")) - 1 if span is not None else 0)
        if any(row):
            rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def cell_text(tc: etree._Element) -> str:
    """All paragraph texts of a cell (nested tables included), joined by spaces."""
    return squash(" ".join(paragraph_text(p) for p in tc.iter(f"{W}p")))


def footnote_parts(word: docx.document.Document) -> list[tuple]:
    """Footnotes as "[n] text" paragraphs, in the order they are stored."""
    parts: list[tuple] = []
    for rel in word.part.rels.values():
        if rel.reltype != RT.FOOTNOTES or rel.is_external:
            continue
        root = parse_xml(rel.target_part.blob)
        for note in root.iterchildren(f"{W}footnote"):
            if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = squash(" ".join(paragraph_text(p) for p in note.iter(f"{W}p")))
            if text:
                parts.append(("paragraph", f"[{len(parts) + 1}] {text}", None, None))
    return parts
