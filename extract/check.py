"""Dataset → findings: one function per rule code, each returning findings with evidence.

The check reads only the Parquet dataset, never the reports. Rule codes are stable; each is
documented in README.md with an example.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations, pairwise

import regex

from extract.rulebook import Context, Row, _fmt, across_documents, by_doc, declare, evidence_row, finding, rule, say


@rule("SUM_MISMATCH", "error", "exhaustive parts (z tego, z czego, a list under łącznie, a table's rows) add up to their total")
def check_sums(ctx: Context) -> Iterable[Row]:
    for parent_id, parts in ctx.children.items():
        total = ctx.by_id.get(parent_id)
        exhaustive = [p for p in comparable_parts(total, parts) if p.get("exhaustive") and p.get("value") is not None]
        if not total or total.get("value") is None or len(exhaustive) < 2 or total.get("exactness") != "exact":
            continue
        computed = sum(p["value"] for p in exhaustive)
        tolerance = 0.5 * len(exhaustive) if any("," in (p.get("raw") or "") for p in exhaustive) else 1e-6
        if abs(computed - total["value"]) > tolerance:
            yield finding(
                "SUM_MISMATCH", total, exhaustive, total["value"], computed,
                say(f"Suma części ({' + '.join(_fmt(p['value']) for p in exhaustive)} = {_fmt(computed)}) nie jest równa "
                    f"podanej ogółem liczbie {_fmt(total['value'])}.",
                    f"The total {_fmt(total['value'])} does not equal the sum of its {len(exhaustive)} parts "
                    f"({' + '.join(_fmt(p['value']) for p in exhaustive)} = {_fmt(computed)})."),
                basis=basis_of(exhaustive),
            )


@rule("PART_EXCEEDS_WHOLE", "error", "a partial breakdown (w tym, spośród) never exceeds its whole, alone or summed over disjoint parts")
def check_partials(ctx: Context) -> Iterable[Row]:
    for parent_id, parts in ctx.children.items():
        total = ctx.by_id.get(parent_id)
        partial = [p for p in comparable_parts(total, parts) if p.get("exhaustive") is False and p.get("value") is not None]
        if not total or not total.get("value") or not partial:
            continue  # a whole of 0 with parts is a form's cells read out of line, not a statement
        for part in partial:
            if part["value"] > total["value"] and part.get("exactness") == "exact":
                yield finding("PART_EXCEEDS_WHOLE", total, [part], total["value"], part["value"],
                              say(f"Część ({_fmt(part['value'])}) jest większa niż całość ({_fmt(total['value'])}).",
                                  f"The part {_fmt(part['value'])} is larger than its whole {_fmt(total['value'])}."),
                              basis=basis_of([part]))
        disjoint = disjoint_parts(partial)
        if len(disjoint) >= 2 and sum(p["value"] for p in disjoint) > total["value"]:
            computed = sum(p["value"] for p in disjoint)
            yield finding("PART_EXCEEDS_WHOLE", total, disjoint, total["value"], computed,
                          say(f"Rozłączne części sumują się do {_fmt(computed)}, więcej niż całość ({_fmt(total['value'])}).",
                              f"Disjoint parts add up to {_fmt(computed)}, more than their whole {_fmt(total['value'])}."),
                          basis=basis_of(disjoint) + ", każda innej płci lub miejsca")


BASES = {  # how a part is tied to its whole, as a reader of the report sees it (in Polish, as the messages)
    "table": "wiersze kolumny tabeli nad wierszem sumy",
    "list": "pozycje listy pod podaną sumą",
    "parenthesis": "liczby w nawiasie po całości",
    "łącznie": "lista zamknięta sumą („łącznie”)",
}


def basis_of(parts: list[Row]) -> str:
    """The structure a breakdown finding rests on, from how its parts were tied to the whole."""
    kinds = sorted({p.get("breakdown") or "" for p in parts})
    return "; ".join(BASES.get(kind) or f"słowo „{kind}”" for kind in kinds if kind) or "części wskazane w sprawozdaniu"


def comparable_parts(total: Row | None, parts: list[Row]) -> list[Row]:
    """The parts that can be added up against ``total``: not a bracketed figure of another year
    ("50 (2015 – 64)" is a comparison, not a part), and percentages only with percentages (a
    table's "%" column is never summed with its counts)."""
    if not total:
        return []
    percent = total.get("unit") == "%"
    return [
        p for p in parts
        if not (p.get("breakdown") == "parenthesis" and p.get("year") != total.get("year"))
        and (p.get("unit") == "%") == percent and not (percent and total.get("rule") == "table.cell")
    ]


def disjoint_parts(parts: list[Row]) -> list[Row]:
    """Parts that cannot overlap: each a different sex, or each a different district."""
    for key in ("sex", "district"):
        values = [(p.get("qualifiers") or {}).get(key) for p in parts]
        if len(values) >= 2 and all(values) and len(set(values)) == len(values):
            return parts
    return []


@rule("COMMA_THOUSANDS", "warning", "a comma used as a thousands mark (\"2,968 rodzin\") is a suspicious format")
def check_formats(ctx: Context) -> Iterable[Row]:
    for rows in by_doc(ctx.indicators).values():
        flagged = [r for r in rows if "comma_thousands" in (r.get("flags") or [])]
        if len(flagged) >= COMMA_HOUSE_STYLE:  # the report's own style: one finding, not one per number
            first = flagged[0]
            yield finding("COMMA_THOUSANDS", first, flagged[1:], first.get("value"), None,
                          say(f"{len(flagged)} liczb tego sprawozdania zapisano z przecinkiem jako separatorem tysięcy "
                              f"(„{first['raw']}”); wszystkie odczytano jako tysiące.",
                              f"{len(flagged)} numbers of this report use a comma as a thousands mark (\"{first['raw']}\"); "
                              "they are read as thousands throughout."))
            continue
        for row in flagged:
            yield finding("COMMA_THOUSANDS", row, [], row.get("value"), None,
                          say(f"„{row['raw']}” zapisano z przecinkiem jako separatorem tysięcy; odczytano jako "
                              f"{_fmt(row.get('value'))}, ale może to być błędnie zapisany ułamek.",
                              f"\"{row['raw']}\" uses a comma as a thousands mark; read as {_fmt(row.get('value'))}, "
                              "but it could be a decimal written wrongly."))


COMMA_HOUSE_STYLE = 5  # this many numbers written "2,968" make it the report's style


@across_documents("REPEATED_MISMATCH", "error", "the same measure stated twice for the same year and place agrees")
class RepeatedMeasures:
    """Table cells of one document restating each other are compared as their batch arrives;
    across documents, each document's one statement of a measure (:func:`_representative`) is
    kept until every batch is in, then compared with the other documents' of that year."""

    def __init__(self) -> None:
        self.representatives: dict[tuple, list[Row]] = defaultdict(list)
        self.paths: dict[str, str | None] = {}

    def add(self, ctx: Context) -> Iterable[Row]:
        self.paths.update(ctx.doc_path)
        groups: dict[tuple, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
        for row in ctx.indicators:
            q = row.get("qualifiers") or {}
            stated_as_total = row.get("rule") == "table.cell" or row.get("is_total")
            if row.get("indicator_key") and row.get("value") is not None and row.get("exactness") == "exact" \
                    and not row.get("parent_id") and not any(q.values()) and stated_as_total:
                place = ctx.doc_teryt.get(row["doc_id"]) or row["doc_id"]  # one municipality; unknown: its own document
                groups[(row["indicator_key"], row.get("year"), place)][row["doc_id"]].append(row)
        for measure, docs in groups.items():
            for rows in docs.values():  # within a document: table cells restating each other
                cells = sorted((r for r in rows if r.get("rule") == "table.cell"), key=lambda r: r["char_start"])
                yield from _disagreements(cells)
                representative = _representative(rows)
                if representative is not None:
                    self.representatives[measure].append(evidence_row(representative))

    def finish(self) -> Iterable[Row]:
        for rows in self.representatives.values():
            yield from _disagreements(sorted(rows, key=lambda r: (r["doc_id"], r["char_start"])), self.paths)


def _representative(rows: list[Row]) -> Row | None:
    """A document's one statement of a measure: its table cell, else its only value; None if ambiguous."""
    cells = [r for r in rows if r.get("rule") == "table.cell"]
    candidates = cells or rows
    return candidates[0] if len({r["value"] for r in candidates}) == 1 else None


def _disagreements(rows: list[Row], paths: dict[str, str | None] | None = None) -> Iterable[Row]:
    """A finding for every two statements of one measure that differ; across documents the
    message names both documents and quotes both sentences."""
    for a, b in combinations(rows, 2):
        if a["value"] == b["value"]:
            continue
        pl = f"Ta sama miara za rok {a.get('year')} jest podana jako {_fmt(a['value'])} i jako {_fmt(b['value'])}."
        en = f"The same measure for {a.get('year')} is stated as {_fmt(a['value'])} and as {_fmt(b['value'])}."
        if a["doc_id"] != b["doc_id"]:
            where = (paths or {}).get
            both = (f" {where(a['doc_id']) or a['doc_id']}: „{a.get('quote')}”; "
                    f"{where(b['doc_id']) or b['doc_id']}: „{b.get('quote')}”.")
            pl, en = pl + both, en + both
        yield finding("REPEATED_MISMATCH", a, [b], a["value"], b["value"], say(pl, en))


declare("PERCENT_INFERRED", "warning", "a percentage does not match the ratio of its sentence's figure to a figure of an earlier sentence, taken as its base")


@rule("PERCENT_MISMATCH", "error", "a stated percentage matches the ratio of the figures of its own sentence, to the text's own rounding")
def check_percentages(ctx: Context) -> Iterable[Row]:
    rows_of_doc = by_doc(ctx.indicators)
    for row in ctx.indicators:
        if row.get("unit") != "%" or row.get("value") is None or not RELATION_CUE.search(row.get("quote") or ""):
            continue
        window = [r for r in rows_of_doc[row["doc_id"]] if 0 < row["char_start"] - r["char_end"] < PERCENT_WINDOW
                  and r.get("unit") not in ("%", None) and r.get("value")]
        same_sentence = [r for r in window if r.get("quote") == row.get("quote")]
        ratios = [(100 * a["value"] / b["value"], a, b) for a in same_sentence for b in window
                  if b is not a and a["value"] < b["value"] and a.get("unit") == b.get("unit")]
        if not ratios:
            continue
        tolerance = _rounding(row["raw"]) + (1.0 if row.get("exactness") == "approximate" else 0.0)
        computed, a, b = min(ratios, key=lambda t: abs(t[0] - row["value"]))
        if abs(computed - row["value"]) <= tolerance:
            continue
        pl = f"Podano {_fmt(row['value'])}%, a {_fmt(a['value'])} z {_fmt(b['value'])} to {computed:.1f}%."
        en = f"{_fmt(row['value'])}% is stated, but {_fmt(a['value'])} of {_fmt(b['value'])} is {computed:.1f}%."
        if b.get("quote") == row.get("quote") and "other_year" not in (row.get("flags") or []):
            yield finding("PERCENT_MISMATCH", row, [a, b], row["value"], round(computed, 2), say(pl, en))
        else:  # the base stands in another sentence, or the sentence names another year: a guess
            yield finding("PERCENT_INFERRED", row, [a, b], row["value"], round(computed, 2),
                          say(pl + f" (Podstawę {_fmt(b['value'])} przyjęto z wcześniejszego zdania lub ze zdania o innym roku.)",
                              en + f" (The base {_fmt(b['value'])} was taken from an earlier sentence"
                              " or one that names another year.)"))


RELATION_CUE = regex.compile(r"(?i)stanowi|czyli|\btj\.|to jest|\bco daje")
PERCENT_WINDOW = 600  # characters before a percentage where the figures it relates may stand


def _rounding(raw: str) -> float:
    """Half a unit of the last written digit: "25" → 0.5, "23,5" → 0.05."""
    decimals = len(raw.split(",")[1]) if "," in raw else 0
    return 0.5 * 10**-decimals


@rule("HYPHEN_NEGATIVE", "warning", "a hyphen glued to a count could make it read as negative (\"zespołów -4\")")
def check_hyphens(ctx: Context) -> Iterable[Row]:
    for row in ctx.indicators:
        if "hyphen_before" in (row.get("flags") or []):
            yield finding("HYPHEN_NEGATIVE", row, [], row.get("value"), None,
                          say(f"„-{row['raw']}”: łącznik przyklejony do liczby może zostać odczytany jako znak minus.",
                              f"\"-{row['raw']}\": the hyphen glued to the number could be read as a minus sign."))


@rule("OUTLIER_IN_LIST", "warning", "one item of a breakdown is an order of magnitude above its siblings")
def check_outliers(ctx: Context) -> Iterable[Row]:
    lists: dict[tuple, list[Row]] = defaultdict(list)
    for parent_id, parts in ctx.children.items():
        for part in parts:
            if part.get("value") and part.get("exactness") == "exact":
                lists[(parent_id, part.get("breakdown"))].append(part)
    for (parent_id, _), values in lists.items():
        if len(values) < 4 or _adds_up(ctx.by_id.get(parent_id), values):
            continue  # a stated total the items add up to confirms the large one
        for part in values:
            others = sorted(p["value"] for p in values if p is not part)
            median, runner_up = others[len(others) // 2], others[-1]
            if runner_up >= 10 and part["value"] > OUTLIER_FACTOR * median and part["value"] > 5 * runner_up:
                yield finding("OUTLIER_IN_LIST", part, [p for p in values if p is not part], part["value"], median,
                              say(f"{_fmt(part['value'])} to ponad {OUTLIER_FACTOR} razy więcej niż typowa pozycja "
                                  f"({_fmt(median)}) tej samej listy.",
                                  f"{_fmt(part['value'])} is more than {OUTLIER_FACTOR} times the typical item "
                                  f"({_fmt(median)}) of the same list."))


def _adds_up(total: Row | None, parts: list[Row]) -> bool:
    """An exact stated total equals the sum of its exhaustive parts."""
    if not total or total.get("exactness") != "exact" or not all(p.get("exhaustive") for p in parts):
        return False
    return total.get("value") == sum(p["value"] for p in parts)


OUTLIER_FACTOR = 10  # an order of magnitude above the typical item, and 5 times the next largest


@across_documents("YEAR_JUMP", "warning", "the same canonical indicator jumps by more than a set factor between years of the corpus")
class YearJumps:
    """Each canonical indicator's series over the years: per year its first statement (a table
    cell before a stated total before other figures, then by place), kept across batches."""

    def __init__(self) -> None:
        self.series: dict[tuple[str, str], dict[int, Row]] = defaultdict(dict)

    def add(self, ctx: Context) -> Iterable[Row]:
        for row in ctx.indicators:
            q = row.get("qualifiers") or {}
            if row.get("indicator_key") and row.get("value") and not row.get("parent_id") and not any(q.values()):
                place = ctx.doc_teryt.get(row["doc_id"]) or row["doc_id"]  # a series is one municipality's
                by_year = self.series[(row["indicator_key"], place)]
                kept = by_year.get(row["year"])
                if kept is None or _stated_first(row) < _stated_first(kept):
                    by_year[row["year"]] = evidence_row(row)
        return ()

    def finish(self) -> Iterable[Row]:
        for (key, _place), by_year in self.series.items():
            years = sorted(y for y in by_year if y is not None)
            for before, after in pairwise(years):
                a, b = by_year[before], by_year[after]
                ratio = max(a["value"], b["value"]) / min(a["value"], b["value"])
                if ratio > JUMP_FACTOR:
                    shown = ", ".join(f"{y}: {_fmt(by_year[y]['value'])}" for y in years)
                    yield finding("YEAR_JUMP", b, [a], b["value"], a["value"],
                                  say(f"{key} zmienia się {ratio:.1f}-krotnie między {before} a {after} (szereg: {shown}).",
                                      f"{key} changes {ratio:.1f}-fold from {before} to {after} (series {shown})."))


def _stated_first(row: Row) -> tuple:
    """Order of preference among statements of one measure: table cells, then stated totals,
    then the earliest in the text; the indicator id settles ties."""
    return row.get("rule") != "table.cell", not row.get("is_total"), row["char_start"], row["indicator_id"]


JUMP_FACTOR = 5.0


@rule("IMPLIED_IDENTITY", "warning", "identities the measures imply (families at the start = ended + continued) hold")
def check_identities(ctx: Context) -> Iterable[Row]:
    from extract.catalogue import identities

    keyed = by_doc([r for r in ctx.indicators if r.get("indicator_key") and r.get("value") is not None
                      and not r.get("parent_id")])
    for doc_rows in keyed.values():
        first: dict[str, Row] = {}
        for row in sorted(doc_rows, key=lambda r: (r.get("rule") != "table.cell", r["char_start"])):
            first.setdefault(row["indicator_key"], row)
        for total_key, part_keys in identities():
            if total_key in first and all(k in first for k in part_keys):
                total, parts = first[total_key], [first[k] for k in part_keys]
                computed = sum(p["value"] for p in parts)
                if abs(computed - total["value"]) > 1e-6:
                    yield finding("IMPLIED_IDENTITY", total, parts, total["value"], computed,
                                  say(f"{_fmt(total['value'])} powinno być równe {' + '.join(_fmt(p['value']) for p in parts)} "
                                      f"= {_fmt(computed)}.",
                                      f"{_fmt(total['value'])} should equal {' + '.join(_fmt(p['value']) for p in parts)} "
                                      f"= {_fmt(computed)}."))
