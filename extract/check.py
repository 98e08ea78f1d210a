"""Dataset → findings: one function per rule code, each returning findings with evidence.

The check reads only the Parquet dataset, never the reports. Rule codes are stable; each is
documented in README.md with an example.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

Row = dict[str, Any]


@dataclass(frozen=True)
class Rule:
    """A consistency rule: stable code, severity and one line of what it checks."""

    code: str
    severity: str
    summary: str


RULES: dict[str, Rule] = {}
CHECKS: list[Callable[[list[Row], dict[str, Row]], Iterable[Row]]] = []


def rule(code: str, severity: str, summary: str) -> Callable:
    """Register a check function under a rule code."""

    def register(fn: Callable) -> Callable:
        RULES[code] = Rule(code, severity, summary)
        CHECKS.append(fn)
        fn.code = code  # type: ignore[attr-defined]
        return fn

    return register


def evidence(row: Row) -> Row:
    return {k: row.get(k) for k in ("indicator_id", "raw", "quote", "char_start", "char_end", "page")}


def finding(code: str, main: Row, parts: list[Row], stated: float | None, computed: float | None, message: str) -> Row:
    """A finding with a stable id built from its rule and the figures involved."""
    ids = [main["indicator_id"], *sorted(p["indicator_id"] for p in parts)]
    digest = hashlib.sha256("|".join([code, *ids]).encode()).hexdigest()[:16]
    return {
        "finding_id": f"{code}-{digest}", "rule": code, "severity": RULES[code].severity,
        "doc_id": main["doc_id"], "year": main.get("year"), "section_id": main.get("section_id"),
        "project_id": main.get("project_id"), "stated": stated, "computed": computed, "message": message,
        "quote": main.get("quote"), "char_start": main.get("char_start"), "char_end": main.get("char_end"),
        "page": main.get("page"), "evidence": [evidence(main), *[evidence(p) for p in parts]],
        "waived": False, "waiver_reason": None,
    }


def children_of(indicators: list[Row]) -> dict[str, list[Row]]:
    kids: dict[str, list[Row]] = defaultdict(list)
    for row in indicators:
        if row.get("parent_id"):
            kids[row["parent_id"]].append(row)
    return kids


def _fmt(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:,.2f}".replace(",", " ").replace(".", ",").removesuffix(",00")


@rule("SUM_MISMATCH", "error", "exhaustive parts (z tego, z czego, a list under łącznie, a table's rows) add up to their total")
def check_sums(indicators: list[Row], by_id: dict[str, Row]) -> Iterable[Row]:
    for parent_id, parts in children_of(indicators).items():
        total = by_id.get(parent_id)
        exhaustive = [p for p in parts if p.get("exhaustive") and p.get("value") is not None]
        if not total or total.get("value") is None or len(exhaustive) < 2 or total.get("exactness") != "exact":
            continue
        computed = sum(p["value"] for p in exhaustive)
        tolerance = 0.5 * len(exhaustive) if any("," in (p.get("raw") or "") for p in exhaustive) else 1e-6
        if abs(computed - total["value"]) > tolerance:
            yield finding(
                "SUM_MISMATCH", total, exhaustive, total["value"], computed,
                f"The total {_fmt(total['value'])} does not equal the sum of its {len(exhaustive)} parts "
                f"({' + '.join(_fmt(p['value']) for p in exhaustive)} = {_fmt(computed)}).",
            )


@rule("PART_EXCEEDS_WHOLE", "error", "a partial breakdown (w tym, spośród) never exceeds its whole, alone or summed over disjoint parts")
def check_partials(indicators: list[Row], by_id: dict[str, Row]) -> Iterable[Row]:
    for parent_id, parts in children_of(indicators).items():
        total = by_id.get(parent_id)
        partial = [p for p in parts if p.get("exhaustive") is False and p.get("value") is not None]
        if not total or total.get("value") is None or not partial:
            continue
        for part in partial:
            if part["value"] > total["value"] and part.get("exactness") == "exact":
                yield finding("PART_EXCEEDS_WHOLE", total, [part], total["value"], part["value"],
                              f"The part {_fmt(part['value'])} is larger than its whole {_fmt(total['value'])}.")
        disjoint = disjoint_parts(partial)
        if len(disjoint) >= 2 and sum(p["value"] for p in disjoint) > total["value"]:
            computed = sum(p["value"] for p in disjoint)
            yield finding("PART_EXCEEDS_WHOLE", total, disjoint, total["value"], computed,
                          f"Disjoint parts add up to {_fmt(computed)}, more than their whole {_fmt(total['value'])}.")


def disjoint_parts(parts: list[Row]) -> list[Row]:
    """Parts that cannot overlap: each a different sex, or each a different district."""
    for key in ("sex", "district"):
        values = [(p.get("qualifiers") or {}).get(key) for p in parts]
        if len(values) >= 2 and all(values) and len(set(values)) == len(values):
            return parts
    return []


@rule("COMMA_THOUSANDS", "warning", "a comma used as a thousands mark (\"2,968 rodzin\") is a suspicious format")
def check_formats(indicators: list[Row], by_id: dict[str, Row]) -> Iterable[Row]:
    for row in indicators:
        if "comma_thousands" in (row.get("flags") or []):
            yield finding("COMMA_THOUSANDS", row, [], row.get("value"), None,
                          f"\"{row['raw']}\" uses a comma as a thousands mark; read as {_fmt(row.get('value'))}, "
                          "but it could be a decimal written wrongly.")


@rule("REPEATED_MISMATCH", "error", "the same measure stated twice for the same year and place agrees")
def check_repeats(indicators: list[Row], by_id: dict[str, Row]) -> Iterable[Row]:
    groups: dict[tuple, list[Row]] = defaultdict(list)
    for row in indicators:
        key = row.get("indicator_key")
        q = row.get("qualifiers") or {}
        stated_as_total = row.get("rule") == "table.cell" or row.get("is_total")
        if key and row.get("value") is not None and row.get("exactness") == "exact" and not row.get("parent_id") \
                and not any(q.values()) and stated_as_total:
            groups[(key, row.get("year"), q.get("district"), q.get("sex"), q.get("age"))].append(row)
    for rows in groups.values():
        rows = sorted(rows, key=lambda r: (r["doc_id"], r["char_start"]))
        for a, b in combinations(rows, 2):
            comparable = a["doc_id"] != b["doc_id"] or a.get("rule") == b.get("rule") == "table.cell"
            if comparable and a["value"] != b["value"]:
                yield finding("REPEATED_MISMATCH", a, [b], a["value"], b["value"],
                              f"The same measure for {a.get('year')} is stated as {_fmt(a['value'])} and as {_fmt(b['value'])}.")


def run_checks(indicators: list[Row], year: int | None = None) -> list[Row]:
    """All findings over the indicators (of one year when ``year`` is given), sorted by id."""
    if year is not None:
        indicators = [r for r in indicators if r.get("year") == year]
    by_id = {r["indicator_id"]: r for r in indicators}
    found: dict[str, Row] = {}
    for check in CHECKS:
        for f in check(indicators, by_id):
            found.setdefault(f["finding_id"], f)
    return sorted(found.values(), key=lambda f: (f["doc_id"], f["char_start"] or 0, f["rule"]))


def exceeds(findings: list[Row], threshold: str) -> bool:
    """True when a finding that is not waived reaches the threshold severity."""
    levels = {"warning": 1, "error": 2}
    return any(levels[f["severity"]] >= levels[threshold] and not f["waived"] for f in findings)


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not math.isnan(value)
