"""The README's table of the check's rules in Polish, from extract/rulebook.yaml.

    python scripts/make_rules_table.py            # rewrites the block between the markers in README.md

tests/test_audit.py fails when README.md's block differs from what this script writes.
"""

from __future__ import annotations

from pathlib import Path

from extract.report_page import SEVERITY, rule_texts
from extract.rulebook import all_rules

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- rules-pl:start -->", "<!-- rules-pl:end -->"


def rules_table() -> str:
    lines = ["| kod | nazwa | waga | na czym polega | przykład |", "| --- | --- | --- | --- | --- |"]
    rules = all_rules()
    for code in sorted(rules, key=lambda c: (rules[c].severity != "error", c)):
        text = rule_texts()[code]
        shape, word = SEVERITY[rules[code].severity]
        lines.append(f"| `{code}` | {text['name']} | {shape} {word.lower()} | {text['explain']} | {text['example']} |")
    return "\n".join(lines)


def readme_with_table(readme: str) -> str:
    before, rest = readme.split(START, 1)
    _, after = rest.split(END, 1)
    return f"{before}{START}\n{rules_table()}\n{END}{after}"


if __name__ == "__main__":
    README.write_text(readme_with_table(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote the rules table of {README}")
