"""The evaluation command: the scorer itself, and the corpus held to the issue's targets."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS, LABELS

from extract.evaluate import Score, evaluate, evaluate_outlines, score_file


@pytest.fixture(scope="module")
def scores() -> list[Score]:
    return evaluate(LABELS, CORPUS)


def test_every_labelled_report_is_scored_in_all_three_formats(scores: list[Score]) -> None:
    assert sorted(Path(s.name).suffix for s in scores) == [".docx", ".docx", ".pdf", ".pdf", ".txt", ".txt"]


def test_figures_meet_the_targets_in_every_format(scores: list[Score]) -> None:
    for s in scores:
        accuracy = {name: getattr(s, f"{name}_ok") / s.matched for name in ("unit", "year", "parent")}
        assert s.precision >= 0.97 and s.recall >= 0.97, s.name
        assert min(accuracy.values()) >= 0.95, (s.name, accuracy)


def test_reports_written_otherwise_meet_the_targets() -> None:
    """Short reports in wording the corpus does not use (tests/other_wording), labelled by hand."""
    folder = Path(__file__).parent / "other_wording"
    scores = evaluate(folder, folder)
    assert len(scores) == 8
    for s in scores:
        assert s.precision >= 0.97 and s.recall >= 0.97, s.name
        assert min(s.unit_ok, s.year_ok, s.parent_ok) >= 0.95 * s.matched, s.name


def test_outlines_meet_the_targets_in_every_format() -> None:
    for s in evaluate_outlines(LABELS, CORPUS):
        assert s.section_f1 >= 0.95, s.name
        assert s.projects_matched / s.projects_labelled >= 0.85, s.name


def test_the_scorer_counts_misses_wrong_units_and_wrong_parents(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("Sprawozdanie za 2020 rok.\n\nW 2020 roku pomocą objęto 40 rodzin, w tym 12 rodzin wielodzietnych. Zatrudniono 3 asystentów.\n", encoding="utf-8")
    labels = [
        {"quote": "pomocą objęto 40 rodzin", "raw": "40", "value": 40, "unit": "rodzina", "year": 2020, "parent": None},
        {"quote": "w tym 12 rodzin", "raw": "12", "value": 12, "unit": "osoba", "year": 2020,
         "parent": {"quote": "pomocą objęto 40 rodzin", "raw": "40"}},
        {"quote": "Zatrudniono 3 asystentów", "raw": "3", "value": 4, "unit": "asystent", "year": 2020, "parent": None},
    ]
    s = score_file(report, labels, [])
    assert (s.labels, s.predicted, s.matched) == (3, 3, 2)  # 3 found, but labelled 4: a miss and a false alarm
    assert (s.unit_ok, s.year_ok, s.parent_ok) == (1, 2, 2)
    assert len(s.misses) == 1 and len(s.false_alarms) == 1
