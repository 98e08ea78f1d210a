"""Every rule file's examples: what must match and what must not. A rule without examples fails."""

from __future__ import annotations

import pytest
import regex

from extract.catalogue import entries
from extract.figures import exclusions
from extract.rules import load
from extract.segment import _rules

EXCLUSIONS = exclusions()


@pytest.mark.parametrize("rule", EXCLUSIONS, ids=[r.id for r in EXCLUSIONS])
def test_exclusion_examples(rule) -> None:
    assert rule.must and rule.must_not, f"rule {rule.id} needs examples both ways"
    for example in rule.must:
        assert rule.pattern.search(example), f"{rule.id} should match {example!r}"
    for example in rule.must_not:
        assert not rule.pattern.search(example), f"{rule.id} should not match {example!r}"


NUMBERING = load("sections")["numbering"]


@pytest.mark.parametrize("style", NUMBERING, ids=[s["id"] for s in NUMBERING])
def test_numbering_examples(style) -> None:
    pattern = dict(_rules()["numbering"])[style["id"]]
    assert style["must"] and style["must_not"]
    for example in style["must"]:
        assert pattern.match(example), example
    for example in style["must_not"]:
        assert not pattern.match(example), example


CATALOGUE = load("catalogue")["indicators"]


@pytest.mark.parametrize("entry", CATALOGUE, ids=[e["key"] for e in CATALOGUE])
def test_catalogue_examples(entry) -> None:
    pattern = {key: p for key, _l, _u, p in entries()}[entry["key"]]
    assert entry["must"] and entry["must_not"]
    for example in entry["must"]:
        assert pattern.search(example), example
    for example in entry["must_not"]:
        assert not pattern.search(example), example


AGES = load("qualifiers")["ages"]


@pytest.mark.parametrize("age", AGES, ids=[a["must"][0] for a in AGES])
def test_age_examples(age) -> None:
    pattern = regex.compile(age["pattern"])
    assert age["must"] and age["must_not"]
    for example in age["must"]:
        assert pattern.search(example), example
    for example in age["must_not"]:
        assert not pattern.search(example), example
