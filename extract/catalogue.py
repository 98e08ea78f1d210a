"""Canonical indicator keys: the same measure across reports and years (``rules/catalogue.yaml``)."""

from __future__ import annotations

from functools import cache

import regex

from extract.rules import load, require


@cache
def entries() -> tuple[tuple[str, str, str | None, regex.Pattern[str]], ...]:
    """(key, label, unit, subject pattern) of every catalogue entry."""
    items = require(load("catalogue"), "indicators", list, "catalogue")
    return tuple((e["key"], e["label"], e.get("unit"), regex.compile(e["subject"], regex.IGNORECASE)) for e in items)


def indicator_key(unit: str | None, subject: str) -> str | None:
    """The canonical key of a figure, or None when the catalogue does not know it."""
    for key, _label, want_unit, pattern in entries():
        if (want_unit is None or want_unit == unit) and pattern.search(subject or ""):
            return key
    return None


def labels() -> dict[str, str]:
    """Canonical key → human label."""
    return {key: label for key, label, _unit, _pattern in entries()}


def identities() -> list[tuple[str, list[str]]]:
    """(total key, part keys) of every identity the catalogue declares."""
    return [(i["total"], list(i["parts"])) for i in load("catalogue").get("identities", [])]
