"""Report-level facts against the hand-labelled outlines, in every format of each report."""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS, LABELS

from extract.readers import read
from extract.report import report_issuer, report_programme, report_year

FILES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".docx", ".pdf"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_year_issuer_programme_period(path) -> None:
    expected = json.loads((LABELS / f"{path.stem}.outline.json").read_text(encoding="utf-8"))["report"]
    doc = read(path)
    programme, period = report_programme(doc)
    assert report_year(doc) == expected["year"]
    assert report_issuer(doc) == expected["issuer"]
    assert programme and expected["programme"].startswith(programme)
    assert period == expected["period"]
