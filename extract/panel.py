"""Indicators → panel: one value per municipality, measure, dimensions and year.

A cell of the panel is a municipality (``documents.teryt``; a document whose municipality is not
known is a place of its own), a measure (``indicators.measure_key``), its dimensions (reason and
form of help, area, stage, district, sex, age group, the institution counted, a table's column
where headers leave two cells of one row alike, the month of a monthly table's row) and a year.
Reports state a measure more than once: in a table and again in the prose, as a total and as a
part of another total, in this year's report and in next year's. The value of a cell is chosen by
a stated rule:

1. within a document: a figure that is not a part of another (no ``parent_id``, no
   ``breakdown``) before a part; then a table cell before prose, a stated total before a plain
   figure, an exact value before an approximate one, then the first in the text;
2. across documents: the latest document (by its year, then its path), since a later report
   corrects an earlier one; ``n_values`` says when documents disagree, and the check
   (``REPEATED_MISMATCH``) reports it.

Every figure of the cell stays listed in ``indicator_ids``. A measure that names only its unit
("zł", "osoba": nothing of what is counted) and no dimension is no series: its figures stay out of
the panel (``indicators`` and ``measures`` keep them).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from extract.measures import vocabulary_keys

Row = dict[str, Any]
DIMENSIONS = ("reason", "form", "area", "stage", "district", "sex", "age", "institution", "column", "month")


def cell_of(figure: Row, document: Row) -> tuple[Any, ...] | None:
    """The panel cell a figure belongs to; None for a figure with no value or no year."""
    year = figure.get("year") if figure.get("year") is not None else document.get("year")
    if figure.get("value") is None or year is None or not figure.get("measure_key"):
        return None
    qualifiers = figure.get("qualifiers") or {}
    place = document.get("teryt") or f"doc:{document['doc_id']}"
    dims = (figure.get("reason"), figure.get("form"), figure.get("area"), figure.get("stage"), qualifiers.get("district"),
            qualifiers.get("sex"), qualifiers.get("age"), figure.get("institution"), figure.get("column"), figure.get("month"))
    return (place, figure["measure_key"], *dims, year)


def panel_candidates(indicators: list[Row], documents: list[Row]) -> list[Row]:
    """For a batch of documents: per cell and document, the figure that states it (rule 1),
    with the ids of every figure of the cell in that document."""
    by_doc = {d["doc_id"]: d for d in documents}
    groups: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for figure in indicators:
        document = by_doc.get(figure["doc_id"])
        cell = cell_of(figure, document) if document else None
        if cell is not None:
            groups[(*cell, figure["doc_id"])].append(figure)
    candidates = []
    for key, figures in groups.items():
        chosen = min(figures, key=preference)
        document = by_doc[key[-1]]
        candidates.append({
            "cell": key[:-1], "doc_id": key[-1], "doc_year": document.get("year"),
            "source_path": document.get("source_path") or "", "municipality": document.get("municipality"),
            "teryt": document.get("teryt"), "figure": {k: chosen.get(k) for k in CHOSEN},
            "indicator_ids": [f["indicator_id"] for f in sorted(figures, key=lambda f: f.get("char_start") or 0)],
        })
    return candidates


CHOSEN = ("indicator_id", "value", "unit", "measure_label", "indicator_key", "exactness", "quote", "page", "table_id")


def build_panel(candidates: list[Row]) -> list[Row]:
    """Panel rows: per cell, the candidate of the latest document (rule 2)."""
    cells: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for candidate in candidates:
        cells[candidate["cell"]].append(candidate)
    rows = []
    for cell, found in cells.items():
        if names_only_a_unit(cell):
            continue
        latest = max(found, key=lambda c: (c["doc_year"] or 0, c["source_path"], c["doc_id"]))
        figure = latest["figure"]
        place, measure_key, *dims, year = cell
        rows.append({
            "teryt": latest["teryt"], "municipality": latest["municipality"], "place": place,
            "measure_key": measure_key, "measure_label": figure["measure_label"], "indicator_key": figure["indicator_key"],
            **dict(zip(DIMENSIONS, dims, strict=True)), "year": year,
            "value": figure["value"], "unit": figure["unit"], "exactness": figure["exactness"],
            "doc_id": latest["doc_id"], "indicator_id": figure["indicator_id"],
            "source": "table" if figure["table_id"] is not None else "prose",
            "n_documents": len(found), "n_values": len({c["figure"]["value"] for c in found}),
            "n_figures": sum(len(c["indicator_ids"]) for c in found),
            "indicator_ids": [i for c in sorted(found, key=lambda c: c["doc_id"]) for i in c["indicator_ids"]],
            "quote": figure["quote"], "page": figure["page"],
        })
    return rows


def names_only_a_unit(cell: tuple[Any, ...]) -> bool:
    """True for a cell whose measure key is a bare unit outside the vocabulary ("zł") with no
    dimension (an institution, a column or a month is none: they tell cells apart, not what they
    count): unrelated amounts or counts of one report would share it."""
    _place, measure_key, *dims, _institution, _column, _month, _year = cell
    return "|" not in measure_key and measure_key not in vocabulary_keys() and all(d is None for d in dims)


def preference(figure: Row) -> tuple[bool, bool, bool, bool, int]:
    """Sort key, best first: not a part, table cell, stated total, exact, earliest in the text."""
    return (
        figure.get("parent_id") is not None or figure.get("breakdown") is not None,
        figure.get("table_id") is None,
        not figure.get("is_total"),
        figure.get("exactness") != "exact",
        figure.get("char_start") or 0,
    )


def build_measures(candidates: list[Row]) -> list[Row]:
    """One row per measure: its label, unit, dimensions, and where and when it is stated."""

    known = vocabulary_keys()
    by_measure: dict[str, list[Row]] = defaultdict(list)
    for candidate in candidates:
        by_measure[candidate["cell"][1]].append(candidate)
    rows = []
    for key, found in by_measure.items():
        found = sorted(found, key=lambda c: (c["doc_id"], repr(c["cell"])))  # the batches' order leaves no trace
        units = Counter(c["figure"]["unit"] for c in found)
        rows.append({
            "measure_key": key, "label": found[0]["figure"]["measure_label"],
            "unit": max(units, key=lambda u: (units[u], u or "")), "in_vocabulary": key in known,
            "dimensions": [name for k, name in enumerate(DIMENSIONS) if any(c["cell"][2 + k] is not None for c in found)],
            "n_figures": sum(len(c["indicator_ids"]) for c in found),
            "n_documents": len({c["doc_id"] for c in found}),
            "n_towns": len({c["teryt"] for c in found if c["teryt"]}),
            "years": sorted({c["cell"][-1] for c in found}),
        })
    return rows
