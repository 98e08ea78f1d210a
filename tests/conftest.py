"""Shared fixtures: the corpus and a dataset built from it once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
LABELS = ROOT / "tests" / "labels"
TEXT_REPORTS = sorted(CORPUS.glob("*.txt"))


@pytest.fixture(scope="session")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus run into a fresh output folder (one worker, no progress bar)."""
    from extract.runner import run

    out = tmp_path_factory.mktemp("dataset")
    run([str(CORPUS)], out, workers=2)
    return out
