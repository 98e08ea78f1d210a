"""Report-level facts against the hand-labelled outlines, in every format of each report."""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS, LABELS

from extract.readers import read
from extract.readers.text import text_to_document
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


@pytest.mark.parametrize(
    ("opening", "year", "programme"),
    [
        ("SPRAWOZDANIE Z REALIZACJI GMINNEGO PROGRAMU WSPIERANIA RODZINY ZA ROK 2019\n\nTekst.",
         2019, "GMINNEGO PROGRAMU WSPIERANIA RODZINY"),
        ("Sprawozdanie z realizacji „Gminnego Programu Profilaktyki” w roku 2017\n\n"
         "Gminny Program Profilaktyki i Rozwiązywania Problemów Alkoholowych na lata 2016-2018 realizowano …",
         2017, "Gminnego Programu Profilaktyki"),  # a quoted name comes first
        ("Informacja o działalności MOPS za 2015 r.\n\nOśrodek udzielał pomocy.", 2015, None),
    ],
)
def test_facts_of_openings_written_otherwise(opening: str, year: int, programme: str | None) -> None:
    doc = text_to_document(opening, "r.txt", "txt")
    assert report_year(doc) == year
    assert report_programme(doc)[0] == programme
