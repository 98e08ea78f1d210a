"""The check on reports written for the tests: every planted mistake found, no error at a trap."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

PLANTED = Path(__file__).parent / "planted"
sys.path.insert(0, str(PLANTED))

from score import findings_of, mentions  # noqa: E402

EXPECTED = json.loads((PLANTED / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("planted", EXPECTED["planted"], ids=lambda p: f"{p['rule']}:{p['near']}")
def test_planted_mistake_is_found(planted: dict) -> None:
    assert any(f["rule"] == planted["rule"] and mentions(f, planted["near"]) for f in findings_of(planted["file"]))


@pytest.mark.parametrize("trap", EXPECTED["traps"], ids=lambda t: t["near"])
def test_no_error_at_a_trap(trap: dict) -> None:
    errors = [f for f in findings_of(trap["file"]) if f["severity"] == "error" and mentions(f, trap["near"])]
    assert errors == []


def test_no_error_on_the_planted_reports_but_at_planted_mistakes() -> None:
    for name in {p["file"] for p in EXPECTED["planted"]}:
        planted = [p for p in EXPECTED["planted"] if p["file"] == name]
        for f in findings_of(name):
            if f["severity"] == "error":
                assert any(f["rule"] == p["rule"] and mentions(f, p["near"]) for p in planted), f["message"]
