"""Indicators → panel: one value per canonical indicator, year and document.

A report often states the same measure more than once: in a table and again in the prose,
as a total and broken down by district. The panel keeps, per (indicator_key, year, doc_id),
the figure stated as the whole: not a part of another figure (no ``parent_id``, no
``breakdown``; a measure that is only ever stated as a part is taken from its parts), not
limited by district, sex or age; among those a table cell before prose,
a stated total before a plain figure, an exact value before an approximate one, then the
first in the text. All figures of the group stay listed in ``indicator_ids``.
"""

from __future__ import annotations

from typing import Any

from extract.catalogue import labels

Row = dict[str, Any]


def build_panel(indicators: list[Row], documents: list[Row]) -> list[Row]:
    """Panel rows from indicator and document rows (figures without a key are left out)."""
    doc_years = {d["doc_id"]: d.get("year") for d in documents}
    groups: dict[tuple[str, int, str], list[Row]] = {}
    for figure in indicators:
        key, doc_id = figure.get("indicator_key"), figure["doc_id"]
        if key is None or doc_id not in doc_years:
            continue
        year = figure.get("year") if figure.get("year") is not None else doc_years[doc_id]
        if year is not None:
            groups.setdefault((key, year, doc_id), []).append(figure)
    names = labels()
    return [panel_row(key, names.get(key), year, doc_id, found) for (key, year, doc_id), found in groups.items()]


def panel_row(key: str, label: str | None, year: int, doc_id: str, figures: list[Row]) -> Row:
    """One panel row: the chosen figure of a group and the ids of all its figures."""
    figures = sorted(figures, key=lambda f: (f.get("char_start") or 0, f["indicator_id"]))
    valued = [f for f in figures if f.get("value") is not None]
    eligible = [f for f in valued if is_whole(f)] or [f for f in valued if is_unqualified(f)]
    chosen = min(eligible, key=preference) if eligible else None
    return {
        "indicator_key": key, "label": label, "year": year, "doc_id": doc_id,
        "value": chosen["value"] if chosen else None,
        "unit": chosen["unit"] if chosen else figures[0].get("unit"),
        "exactness": chosen.get("exactness") if chosen else None,
        "indicator_id": chosen["indicator_id"] if chosen else None,
        "source": source(chosen) if chosen else None,
        "n_figures": len(figures),
        "n_values": len({f["value"] for f in eligible}),
        "indicator_ids": [f["indicator_id"] for f in figures],
        "quote": chosen.get("quote") if chosen else None,
        "page": chosen.get("page") if chosen else None,
    }


def is_whole(figure: Row) -> bool:
    """A figure with a value that is not a part of another and not limited by qualifiers."""
    return figure.get("parent_id") is None and figure.get("breakdown") is None and is_unqualified(figure)


def is_unqualified(figure: Row) -> bool:
    """Not limited to a district, sex or age. A measure that is itself a part of another
    ("rodziny wielodzietne" among families with an assistant) is taken from its parts when
    no whole statement exists."""
    qualifiers = figure.get("qualifiers") or {}
    return figure.get("value") is not None and not any(v is not None for v in qualifiers.values())


def preference(figure: Row) -> tuple[bool, bool, bool, int]:
    """Sort key, best first: table cell, stated total, exact, earliest in the text."""
    return (
        source(figure) != "table",
        not figure.get("is_total"),
        figure.get("exactness") != "exact",
        figure.get("char_start") or 0,
    )


def source(figure: Row) -> str:
    """``table`` for a figure from a table cell, ``prose`` otherwise."""
    return "table" if figure.get("table_id") is not None else "prose"
