"""The check on the corpus: every real mistake found by reading is reported, and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import LABELS

from extract.audit import check_dataset

EXPECTED = json.loads((LABELS / "expected_findings.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def findings(dataset: Path) -> list[dict]:
    documents = pd.read_parquet(dataset / "documents")
    stems = {row.doc_id: Path(row.source_path).stem for row in documents.itertuples()}
    found = check_dataset(dataset, None, None)
    txt = {row.doc_id for row in documents.itertuples() if row.source_path.endswith(".txt")}
    return [{**f, "doc": stems[f["doc_id"]]} for f in found if f["doc_id"] in txt]


def matches(finding: dict, expected: dict) -> bool:
    return (
        finding["doc"] == expected["doc"]
        and finding["rule"] == expected["rule"]
        and expected["snippet"] in " ".join((finding["quote"] or "").split())
        and expected.get("stated", finding["stated"]) == finding["stated"]
    )


@pytest.mark.parametrize("expected", EXPECTED["expected"], ids=lambda e: f"{e['rule']}:{e['snippet'][:25]}")
def test_real_mistake_is_reported(findings: list[dict], expected: dict) -> None:
    assert any(matches(f, expected) for f in findings)


def test_no_false_alarm(findings: list[dict]) -> None:
    unexpected = [f for f in findings if not any(matches(f, e) for e in EXPECTED["expected"])]
    assert unexpected == []


@pytest.mark.xfail(strict=True, reason="known gap: see 'gaps' in tests/labels/expected_findings.json")
@pytest.mark.parametrize("gap", EXPECTED["gaps"], ids=lambda e: f"{e['rule']}:{e['snippet'][:25]}")
def test_known_gap(findings: list[dict], gap: dict) -> None:
    assert any(matches(f, gap) for f in findings)
