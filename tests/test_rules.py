"""Every rule file's examples: what must match and what must not. A rule without examples fails."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
import regex

from extract.catalogue import entries
from extract.figures import age_patterns, exclusions
from extract.rules import load
from extract.segment import _rules


def assert_examples(name: str, matches: Callable[[str], object], must: Sequence[str], must_not: Sequence[str]) -> None:
    """Every example in ``must`` matches, none in ``must_not`` does, and both lists have some."""
    assert must and must_not, f"{name} needs examples both ways"
    for example in must:
        assert matches(example), f"{name} should match {example!r}"
    for example in must_not:
        assert not matches(example), f"{name} should not match {example!r}"


EXCLUSIONS = exclusions()
NUMBERING = load("sections")["numbering"]
CATALOGUE = load("catalogue")["indicators"]
AGES = load("qualifiers")["ages"]


@pytest.mark.parametrize("rule", EXCLUSIONS, ids=[r.id for r in EXCLUSIONS])
def test_exclusion_examples(rule) -> None:
    assert_examples(rule.id, rule.pattern.search, rule.must, rule.must_not)
    for example in (*rule.must, *rule.must_not):  # the alternatives searched one by one agree
        assert any(part.search(example) for part in rule.parts) == bool(rule.pattern.search(example))


@pytest.mark.parametrize("style", NUMBERING, ids=[s["id"] for s in NUMBERING])
def test_numbering_examples(style) -> None:
    pattern = dict(_rules()["numbering"])[style["id"]]
    assert_examples(style["id"], pattern.match, style["must"], style["must_not"])


@pytest.mark.parametrize("entry", CATALOGUE, ids=[e["key"] for e in CATALOGUE])
def test_catalogue_examples(entry) -> None:
    pattern = {key: p for key, _l, _u, p in entries()}[entry["key"]]
    assert_examples(entry["key"], pattern.search, entry["must"], entry["must_not"])


@pytest.mark.parametrize(("age", "compiled"), list(zip(AGES, age_patterns(), strict=True)), ids=[a["must"][0] for a in AGES])
def test_age_examples(age, compiled) -> None:
    assert_examples(age["kind"], compiled[1].search, age["must"], age["must_not"])


@pytest.mark.parametrize("entry", load("qualifiers")["other_years"], ids=lambda e: e["why"])
def test_other_year_examples(entry) -> None:
    pattern = regex.compile(entry["pattern"], regex.IGNORECASE)
    assert_examples(entry["why"], pattern.search, entry["must"], entry["must_not"])


def test_district_header_examples() -> None:
    from extract.tables import district_header

    assert_examples("district_headers", district_header().match, ["Dzielnica", "Osiedla", "Rejon", "Sołectwo"],
                    ["Liczba dzieci", "Dzielnica Ruda – liczba rodzin", "Placówka"])
