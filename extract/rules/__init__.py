"""Language knowledge kept as data: YAML files loaded and validated once.

Every file has a declared shape (:data:`SHAPES`): its keys and their types, and for lists of
rules the keys each rule may and must have. A file that strays from it (a misspelt key, a
missing one, a rule without its examples) stops the program with a message naming the file, the
rule and the key, instead of a default silently taking its place.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import regex
import yaml

RULES_DIR = Path(__file__).parent


class RuleFileError(ValueError):
    """A rule file is missing a key or holds a value of the wrong shape."""


LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's C parser when PyYAML has it: ten times faster


def entries(required: str, optional: str = "") -> tuple[frozenset[str], frozenset[str]]:
    """The keys a rule of a list must have, and those it may have."""
    return frozenset(required.split()), frozenset(optional.split())


EXAMPLES = "must must_not"
# file → key → type, or (list, required keys, optional keys) for a list of rules
SHAPES: dict[str, dict[str, Any]] = {
    "breakdowns": {"cues": (list, *entries("words breakdown exhaustive")), "leading_cues": list, "opening_cues": list, "approximate_words": list, "cue_not_before": list,
                   "total_words": list, "total_rows": list, "numbering_headers": list},
    "catalogue": {"indicators": (list, *entries(f"key label unit subject {EXAMPLES}")),
                  "identities": (list, *entries("total parts"))},
    "exclusions": {"rules": (list, *entries(f"id why pattern {EXAMPLES}"))},
    "formats": {"units": list, "shapes": (list, *entries(f"id why shape {EXAMPLES}")), "damaged": dict},
    "measures": {"ignored_words": list, "unit_aliases": dict, "stages": dict, "stage_words": list, "areas": (list, *entries(f"key words only {EXAMPLES}")), "place_words": list, "money_words": list, "receiving_words": list, "reasons": (list, *entries(f"key pattern {EXAMPLES}")), "forms": (list, *entries(f"key pattern {EXAMPLES}", "narrows counts")),
                 "rates": (list, *entries(f"key label pattern {EXAMPLES}")),
                 "institutions": (list, *entries(f"key pattern {EXAMPLES}", "default")), "section_openers": str, "restating_opener": dict, "shared_head": dict, "pointing_back": dict,
                 "measures": (list, *entries(f"key label unit pattern {EXAMPLES}", "funding programme receiving rate reason staff with_form own_words after_number named_before"))},
    "numbers": {"number_words": dict, "fractions": dict, "vague_words": list, "scales": dict, "exactness": dict},
    "qualifiers": {"ages": (list, *entries(f"kind pattern {EXAMPLES}")),
                   "other_years": (list, *entries(f"why pattern {EXAMPLES}")), "district_headers": list},
    "sections": {"numbering": (list, *entries(f"id pattern {EXAMPLES}")), "title_stops": list, "max_title": int,
                 "max_heading": int, "code_pattern": str, "project_facts": dict, "project_intro": str,
                 "project_anchor": str, "generic_before_name": list, "projects_intro": str, "goal_code": str,
                 "toc_page_ref": str, "title_small_words": list},
    "units": {"units": dict, "max_words_to_noun": int, "not_units": list, "sex_lemmas": dict, "sex_letters": dict,
              "compound_units": dict, "label_words": list, "column_starts": list, "counted_nouns": list, "qualifier_starts": list, "people": list, "money_words": list,
              "column_heads": (list, *entries(f"words unit {EXAMPLES}")),
              "money_nouns": list, "amount_clause": dict, "money_documents": (list, *entries(f"why pattern {EXAMPLES}")),
              "label_abbreviations": dict, "count_beside_amounts": str, "list_for_whom": list},
    "years": {"opening_chars": int, "report_period": (list, *entries(f"id why pattern {EXAMPLES}", "offset weak")),
              "not_report_year": (list, *entries(f"why pattern {EXAMPLES}")), "plan_words": dict, "dateline": dict,
              "relative_to_dateline": (list, *entries(f"offset pattern {EXAMPLES}")),
              "relative_years": (list, *entries(f"offset pattern {EXAMPLES}"))},
}


def read_yaml(path: Path) -> Any:
    """A YAML file's data, parsed safely (plain data, no Python objects)."""
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=LOADER)  # LOADER is a safe loader


@cache
def load(name: str) -> dict[str, Any]:
    """Load ``extract/rules/<name>.yaml`` once and check it against its shape; the error names
    the file, the rule and the key."""
    path = RULES_DIR / f"{name}.yaml"
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise RuleFileError(f"{path}: expected a mapping at the top level")
    validate(name, data)
    return data


def validate(name: str, data: dict[str, Any]) -> None:
    """Raise :class:`RuleFileError` unless ``data`` has exactly the keys of its file's shape,
    each of its type, and every listed rule exactly its required and allowed keys."""
    shape = SHAPES.get(name)
    where = f"extract/rules/{name}.yaml"
    if shape is None:
        raise RuleFileError(f"{where}: no shape is declared for this file (extract/rules/__init__.py SHAPES)")
    for key in data.keys() - shape.keys():
        raise RuleFileError(f"{where}: unknown key {key!r} (known: {', '.join(sorted(shape))})")
    for key, kind in shape.items():
        if key not in data:
            raise RuleFileError(f"{where}: key {key!r} is missing")
        expected = kind[0] if isinstance(kind, tuple) else kind
        if not isinstance(data[key], expected):
            raise RuleFileError(f"{where}: key {key!r} must be a {expected.__name__}")
        if isinstance(kind, tuple):
            _, required, optional = kind
            for k, rule in enumerate(data[key]):
                label = f"{key}[{k}]" + (f" ({rule.get('id') or rule.get('key')})" if isinstance(rule, dict) and (rule.get("id") or rule.get("key")) else "")
                if not isinstance(rule, dict):
                    raise RuleFileError(f"{where}: {label} must be a mapping")
                if missing := required - rule.keys():
                    raise RuleFileError(f"{where}: {label} lacks {', '.join(sorted(missing))}")
                if unknown := rule.keys() - required - optional:
                    raise RuleFileError(f"{where}: {label} has unknown key(s) {', '.join(sorted(unknown))}")


def require(data: dict[str, Any], key: str, kind: type, name: str) -> Any:
    """Return ``data[key]`` if it has type ``kind``; else raise naming the file and key."""
    value = data.get(key)
    if not isinstance(value, kind):
        raise RuleFileError(f"extract/rules/{name}.yaml: key {key!r} must be a {kind.__name__}")
    return value


@cache
def relative_years() -> tuple[tuple[int, regex.Pattern[str]], ...]:
    """(offset, pattern) of the headings that name a year beside the report's (``years.yaml``
    ``relative_years``): "Rok oceny" 0, "Rok poprzedzający rok oceny" -1, "Prognoza" +1."""
    entries = require(load("years"), "relative_years", list, "years")
    return tuple((int(e["offset"]), regex.compile(e["pattern"], regex.IGNORECASE)) for e in entries)
