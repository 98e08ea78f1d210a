"""Every rule file's examples: what must match and what must not. A rule without examples fails."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
import regex

from extract.catalogue import entries
from extract.figures import STARTS_AT_NUMBER, age_patterns, excluded_by, exclusions
from extract.marks import misplaced_separators
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
    for example in (*rule.must, *rule.must_not):  # the alternatives tried one by one agree
        at = example.index("⟨")
        found = any(part.match(example, at) if starts else part.search(example) for part, starts in rule.parts)
        assert found == bool(rule.pattern.search(example))


@pytest.mark.parametrize(
    ("source", "starts"),
    [
        ("⟨(?:19\\d\\d|20[0-4]\\d)⟩ (?! \\s* osób)", True),
        ("(?: ⟨\\d{1,2}⟩ \\. \\d{1,2}\\. )", True),
        ("(?: (?<!\\d)⟨\\d{2}⟩ \\s*[-–]\\s*\\d{3}\\b )", True),
        ("(?: (?<![\\d.,])(?<=\\s)⟨ )", True),
        ("(?: godz(?:\\.|in[aiy]?)?\\s*⟨ )", False),
        ("(?: \\d{1,2}[:.]⟨[0-5]\\d⟩ )", False),
        ("(?: ^\\s*⟨\\d{1,2}⟩ )", False),
        ("(?: (?<=x)y⟨ )", False),
    ],
)
def test_alternatives_starting_at_the_number(source: str, starts: bool) -> None:
    assert bool(STARTS_AT_NUMBER.match(source)) is starts
    assert sum(starts for rule in EXCLUSIONS for _part, starts in rule.parts) >= 10  # the rules use it


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


@pytest.mark.parametrize("rule", EXCLUSIONS, ids=[r.id for r in EXCLUSIONS])
def test_each_rule_excludes_its_examples_in_a_sentence(rule) -> None:
    for example in rule.must:  # the fast arrangement of all rules finds every rule's examples
        before, rest = example.split("⟨", 1)
        number, after = rest.split("⟩", 1)
        text = f"{before}{number}{after}"
        assert excluded_by(text, len(before), len(before) + len(number)), example


SEPARATORS, SHAPES = misplaced_separators()


@pytest.mark.parametrize("shape", SHAPES.items(), ids=[s.id for s in SHAPES.values()])
def test_misplaced_separator_examples(shape) -> None:
    name, spec = shape
    assert_examples(spec.id, lambda text: (m := SEPARATORS.search(text)) and m.lastgroup == name, spec.must, spec.must_not)
    assert not any(SEPARATORS.search(text) for text in spec.must_not)  # nor does another shape flag them


PATTERNS_WITH_EXAMPLES = [  # rules whose pattern is searched in the example as it stands
    ("years", load("years")["not_report_year"]),
    ("years", [load("years")["plan_words"]]),
    ("years", [{"why": "dateline", **load("years")["dateline"]}]),
    ("years", [{"why": f"offset {e['offset']}", **e} for e in load("years")["relative_to_dateline"]]),
    ("formats", [{"why": "damaged", **load("formats")["damaged"]}]),
    ("units", load("units")["money_documents"]),
    ("units", [{"why": "amount_clause", **load("units")["amount_clause"]}]),
    *[("measures", [{"why": name, **load("measures")[name], "pattern": f"(?i){load('measures')[name]['pattern']}"}])
      for name in ("restating_opener", "shared_head", "pointing_back")],
    *[("measures", [{"why": e["key"], **e, "pattern": f"(?i){e['pattern']}"} for e in load("measures")[part]])
      for part in ("reasons", "forms", "measures", "rates", "institutions")],
]


@pytest.mark.parametrize(("name", "rule"), [(n, r) for n, rules in PATTERNS_WITH_EXAMPLES for r in rules],
                         ids=lambda x: x if isinstance(x, str) else x.get("why", "")[:40])
def test_pattern_examples(name: str, rule: dict) -> None:
    pattern = regex.compile(rule["pattern"], regex.MULTILINE)
    assert_examples(f"{name}: {rule.get('why', '')}", pattern.search, rule["must"], rule["must_not"])


@pytest.mark.parametrize("head", load("units")["column_heads"], ids=lambda h: h["words"])
def test_column_head_examples(head: dict) -> None:
    from extract.readers.form_tables import column_head_unit

    assert_examples(head["words"], lambda text: column_head_unit(text) == head["unit"], head["must"], head["must_not"])


@pytest.mark.parametrize("entry", load("years")["relative_years"], ids=lambda e: str(e["offset"]))
def test_relative_year_examples(entry: dict) -> None:
    from extract.figures import relative_year

    assert_examples(str(entry["offset"]), lambda text: relative_year(text, 2020) == 2020 + entry["offset"],
                    entry["must"], entry["must_not"])


def test_every_rule_file_has_a_declared_shape_and_keeps_it() -> None:
    from extract.rules import RULES_DIR, SHAPES

    assert {p.stem for p in RULES_DIR.glob("*.yaml")} == set(SHAPES)
    for name in SHAPES:
        load(name)  # raises on a stray, missing or mistyped key


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("years", {"opening_chars": 10, "report_period": [], "not_report_year": [], "plan_words": {}, "plan_word": {}},
         "unknown key 'plan_word'"),
        ("years", {"opening_chars": 10, "report_period": [], "not_report_year": []}, "key 'plan_words' is missing"),
        ("years", {"opening_chars": "10", "report_period": [], "not_report_year": [], "plan_words": {}},
         "'opening_chars' must be a int"),
        ("exclusions", {"rules": [{"id": "x", "why": "w", "pattern": "p", "must": [], "must_nto": []}]},
         "rules[0] (x) lacks must_not"),
        ("exclusions", {"rules": [{"id": "x", "why": "w", "pattern": "p", "must": [], "must_not": [], "note": ""}]},
         "rules[0] (x) has unknown key(s) note"),
    ],
)
def test_a_rule_file_that_strays_from_its_shape_is_named(name: str, data: dict, says: str) -> None:
    from extract.rules import RuleFileError, validate

    with pytest.raises(RuleFileError, match=regex.escape(f"extract/rules/{name}.yaml")) as error:
        validate(name, data)
    assert says in str(error.value)


@pytest.mark.parametrize("area", load("measures")["areas"], ids=lambda a: a["key"])
def test_area_examples(area: dict) -> None:
    from extract.measures import area_of_lemmas, lemmas_of

    assert_examples(area["key"], lambda text: area_of_lemmas(lemmas_of(text, None, keep_areas=True), in_part=True) == area["key"],
                    area["must"], area["must_not"])
