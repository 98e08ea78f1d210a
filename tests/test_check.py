"""One small in-memory case per rule code, positive and negative."""

from __future__ import annotations

from typing import Any

from extract.check import RULES, run_checks


def fig(fid: str, value: float, parent: str | None = None, exhaustive: bool | None = None, **extra: Any) -> dict:
    row = {
        "indicator_id": fid, "doc_id": "d1", "year": 2020, "value": value, "raw": str(value), "unit": "rodzina",
        "parent_id": parent, "exhaustive": exhaustive, "exactness": "exact", "qualifiers": {}, "flags": [],
        "quote": f"quote {fid}", "char_start": int(fid[1:]) * 10, "char_end": int(fid[1:]) * 10 + 2, "page": None,
        "rule": "prose.digits", "indicator_key": None, "is_total": False,
    }
    row.update(extra)
    return row


def codes(rows: list[dict]) -> list[str]:
    return [f["rule"] for f in run_checks(rows)]


def test_every_rule_has_a_test_below() -> None:
    assert set(RULES) == {"SUM_MISMATCH", "PART_EXCEEDS_WHOLE", "COMMA_THOUSANDS", "REPEATED_MISMATCH"}


def test_exhaustive_parts_must_add_up() -> None:
    total = fig("f1", 48)
    assert codes([total, fig("f2", 20, "f1", True), fig("f3", 28, "f1", True)]) == []
    found = run_checks([total, fig("f2", 20, "f1", True), fig("f3", 27, "f1", True)])
    assert [f["rule"] for f in found] == ["SUM_MISMATCH"]
    assert found[0]["stated"] == 48 and found[0]["computed"] == 47 and len(found[0]["evidence"]) == 3


def test_w_tym_parts_need_not_add_up_but_never_exceed() -> None:
    total = fig("f1", 48)
    assert codes([total, fig("f2", 20, "f1", False), fig("f3", 3, "f1", False)]) == []  # "w tym": fine
    assert codes([total, fig("f2", 50, "f1", False)]) == ["PART_EXCEEDS_WHOLE"]


def test_disjoint_partial_parts_never_exceed_together() -> None:
    total = fig("f1", 10)
    girls = fig("f2", 6, "f1", False, qualifiers={"sex": "female"})
    boys = fig("f3", 6, "f1", False, qualifiers={"sex": "male"})
    assert codes([total, girls, boys]) == ["PART_EXCEEDS_WHOLE"]
    overlapping = fig("f3", 6, "f1", False, qualifiers={"sex": "female"})
    assert codes([total, girls, overlapping]) == []


def test_comma_thousands_is_a_warning() -> None:
    found = run_checks([fig("f1", 2968, flags=["comma_thousands"])])
    assert [(f["rule"], f["severity"]) for f in found] == [("COMMA_THOUSANDS", "warning")]
    assert codes([fig("f1", 2968)]) == []


def test_repeated_measure_must_agree_across_documents() -> None:
    a = fig("f1", 149, indicator_key="k", is_total=True)
    b = fig("f2", 149, indicator_key="k", is_total=True, doc_id="d2")
    assert codes([a, b]) == []
    assert codes([a, {**b, "value": 150.0}]) == ["REPEATED_MISMATCH"]
    other_year = {**b, "value": 150.0, "year": 2019}
    assert codes([a, other_year]) == []


def test_finding_ids_are_stable() -> None:
    rows = [fig("f1", 48), fig("f2", 20, "f1", True), fig("f3", 27, "f1", True)]
    assert run_checks(rows)[0]["finding_id"] == run_checks(list(reversed(rows)))[0]["finding_id"]
