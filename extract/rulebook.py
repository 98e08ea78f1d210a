"""The rulebook of the consistency check: what a rule is, what it reads, how it registers, what
a finding holds, and the loop that runs every rule over a dataset.

Rules live in :mod:`extract.check` (figures and their relations), :mod:`extract.check_text`
(text and outline as the dataset holds them) and :mod:`extract.check_years` (years, tables,
damaged numbers); each registers itself here with :func:`rule` or :func:`across_documents`, and
:func:`check_batches` loads them all, so the rule modules depend on this one and not on each other.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

Row = dict[str, Any]


@dataclass(frozen=True)
class Rule:
    """A consistency rule: stable code, severity and one line of what it checks."""

    code: str
    severity: str
    summary: str


@dataclass
class Context:
    """What the rules read: the dataset's tables, with indexes built once."""

    indicators: list[Row]
    documents: list[Row] = field(default_factory=list)
    projects: list[Row] = field(default_factory=list)
    tables: list[Row] = field(default_factory=list)
    table_cells: list[Row] = field(default_factory=list)
    sections: list[Row] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_id = {r["indicator_id"]: r for r in self.indicators}
        self.children: dict[str, list[Row]] = defaultdict(list)
        for row in self.indicators:
            if row.get("parent_id"):
                self.children[row["parent_id"]].append(row)
        self.doc_year = {d["doc_id"]: d.get("year") for d in self.documents}
        self.doc_teryt = {d["doc_id"]: d.get("teryt") for d in self.documents}
        self.doc_path = {d["doc_id"]: d.get("source_path") for d in self.documents}
        self.cells_of_doc = by_doc(self.table_cells)  # rules reading one document at a time
        self.projects_of_doc = by_doc(self.projects)
        self.sections_of_doc = by_doc(self.sections)

    def place(self, doc_id: str, at: int) -> tuple[str | None, str | None]:
        """The innermost section and the project of a document that hold character ``at``."""
        sections = [s for s in self.sections_of_doc.get(doc_id, []) if _holds(s, at)]
        projects = [p for p in self.projects_of_doc.get(doc_id, []) if _holds(p, at)]
        section = max(sections, key=lambda s: (s.get("level") or 0, s["char_start"]), default=None)
        project = max(projects, key=lambda p: p["char_start"], default=None)
        return (section or {}).get("section_id"), (project or {}).get("project_id")


def _holds(row: Row, at: int) -> bool:
    start, end = row.get("char_start"), row.get("char_end")
    return start is not None and end is not None and start <= at < end


RULES: dict[str, Rule] = {}
CHECKS: list[Callable[[Context], Iterable[Row]]] = []  # rules reading one document at a time
ACROSS: list[Callable[[], AcrossDocuments]] = []  # rules comparing documents


class AcrossDocuments(Protocol):
    """A rule that compares documents: fed every batch, it reports once all are in."""

    def add(self, ctx: Context) -> Iterable[Row]: ...

    def finish(self) -> Iterable[Row]: ...


def declare(code: str, severity: str, summary: str) -> None:
    """Declare a rule code whose findings another check function writes."""
    RULES[code] = Rule(code, severity, summary)


def rule(code: str, severity: str, summary: str) -> Callable:
    """Register a check function under a rule code; it reads documents one at a time (each
    call sees a batch of whole documents)."""
    return _registered(CHECKS, code, severity, summary)


def across_documents(code: str, severity: str, summary: str) -> Callable:
    """Register a class of :class:`AcrossDocuments` under a rule code."""
    return _registered(ACROSS, code, severity, summary)


def _registered(into: list[Any], code: str, severity: str, summary: str) -> Callable:
    def register(checker: Any) -> Any:
        declare(code, severity, summary)
        into.append(checker)
        checker.code = code
        return checker

    return register


def evidence(row: Row) -> Row:
    """The place and words of one figure, as an auditor needs them."""
    return {k: row.get(k) for k in ("indicator_id", "raw", "quote", "char_start", "char_end", "page")}


EVIDENCE_KEYS = ("indicator_id", "doc_id", "year", "section_id", "project_id", "indicator_key", "value", "rule",
                 "is_total", "raw", "quote", "char_start", "char_end", "page")


def evidence_row(row: Row) -> Row:
    """What a rule across documents keeps of a figure: enough to compare it and to report it."""
    return {k: row.get(k) for k in EVIDENCE_KEYS}


Message = tuple[str, str]  # (Polish, English)


def say(polish: str, english: str) -> Message:
    """A finding's message in Polish, the auditor's language, and in English (``--lang en``)."""
    return polish, english


def finding(code: str, main: Row, parts: list[Row], stated: float | None, computed: float | None, message: Message,
            basis: str | None = None) -> Row:
    """A finding with a stable id built from its rule and the figures involved; ``basis`` says
    what structure of the report it rests on (a cue, a table column, a list)."""
    ids = [main["indicator_id"], *sorted(p["indicator_id"] for p in parts)]
    digest = hashlib.sha256("|".join([code, *ids]).encode()).hexdigest()[:16]
    return {
        "finding_id": f"{code}-{digest}", "rule": code, "severity": RULES[code].severity,
        "doc_id": main["doc_id"], "year": main.get("year"), "section_id": main.get("section_id"),
        "project_id": main.get("project_id"), "stated": stated, "computed": computed, "message": message[0],
        "message_en": message[1],
        "quote": main.get("quote"), "char_start": main.get("char_start"), "char_end": main.get("char_end"),
        "page": main.get("page"), "evidence": [evidence(main), *[evidence(p) for p in parts]], "basis": basis,
        "waived": False, "waiver_reason": None,
    }


def _fmt(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:,.2f}".replace(",", " ").replace(".", ",").removesuffix(",00")


def by_doc(rows: list[Row]) -> dict[str, list[Row]]:
    """Rows grouped by their document."""
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row["doc_id"]].append(row)
    return grouped


def text_finding(ctx: Context, code: str, doc: Row, start: int, end: int, quote: str, stated: float | None,
                 computed: float | None, message: Message) -> Row:
    """A finding about a place in a document's text rather than about a figure, in the
    section, project and page (where the format has pages) that hold that place."""
    digest = hashlib.sha256(f"{code}|{doc['doc_id']}|{start}".encode()).hexdigest()[:16]
    starts = doc.get("page_starts")
    page = max(1, bisect_right(starts, start)) if starts else None  # as model.Document.page_at
    place = {"indicator_id": None, "raw": doc["text"][start:end], "quote": quote, "char_start": start,
             "char_end": end, "page": page}
    section_id, project_id = ctx.place(doc["doc_id"], start)
    return {
        "finding_id": f"{code}-{digest}", "rule": code, "severity": RULES[code].severity, "doc_id": doc["doc_id"],
        "year": doc.get("year"), "section_id": section_id, "project_id": project_id, "stated": stated,
        "computed": computed, "message": message[0], "message_en": message[1], "quote": quote, "char_start": start, "char_end": end, "page": page,
        "evidence": [place], "basis": None, "waived": False, "waiver_reason": None,
    }


def run_checks(indicators: list[Row], year: int | None = None, **tables: list[Row]) -> list[Row]:
    """All findings over tables held in memory (one year when ``year`` is given), sorted by place."""
    if year is not None:
        indicators = [r for r in indicators if r.get("year") == year]
        tables["documents"] = [d for d in tables.get("documents", []) if d.get("year") == year]
    return check_batches([Context(indicators, **tables)])


def all_rules() -> dict[str, Rule]:
    """Every rule of the check, by code (the rule modules register their rules on import)."""
    import extract.check
    import extract.check_text
    import extract.check_years  # noqa: F401

    return RULES


def check_batches(batches: Iterable[Context]) -> list[Row]:
    """All findings over a dataset given in batches of whole documents (each document's rows
    in one batch), sorted by place: the per-document rules see one batch at a time, the rules
    across documents keep what they compare until the last batch."""
    all_rules()
    across = [make() for make in ACROSS]
    found: dict[str, Row] = {}
    for ctx in batches:
        for check in CHECKS:
            for f in check(ctx):
                found.setdefault(f["finding_id"], f)
        for rule_across in across:
            for f in rule_across.add(ctx):
                found.setdefault(f["finding_id"], f)
    for rule_across in across:
        for f in rule_across.finish():
            found.setdefault(f["finding_id"], f)
    return sorted(found.values(), key=lambda f: (f["doc_id"], f["char_start"] or 0, f["rule"]))


def exceeds(findings: list[Row], threshold: str) -> bool:
    """True when a finding that is not waived reaches the threshold severity."""
    levels = {"warning": 1, "error": 2}
    return any(levels[f["severity"]] >= levels[threshold] and not f["waived"] for f in findings)
