"""OpenDocument, RTF and legacy Word files read like the .docx they were saved from.

``scripts/convert_corpus.sh`` saved both corpus reports as .odt, .fodt, .rtf and .doc with
LibreOffice (committed in tests/formats/); each must give the figures, units, years, sections
and projects of the .docx. .rtf and .doc are read through LibreOffice, so their tests skip
where it is not installed (CI installs it); the message a user gets without it is tested too.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from extract.pipeline import process_file
from extract.readers import read
from extract.readers.convert import converter

CORPUS = Path(__file__).parent.parent / "corpus"
SAVED = Path(__file__).parent / "formats"
STEMS = sorted(p.stem for p in CORPUS.glob("*.docx"))
NEEDS_LIBREOFFICE = pytest.mark.skipif(
    converter() is None, reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"
)


@cache
def meaning(path: Path) -> dict[str, Any]:
    rows = process_file(path)
    return {
        "document": {k: rows["documents"][0][k] for k in ("status", "year", "teryt", "n_indicators")},
        "figures": [(f["raw"], f["value"], f["unit"], f["year"], f["subject"], f["qualifiers"], f["parent_id"] is None)
                    for f in rows["indicators"]],
        "sections": [(s["number"], s["title"], s["level"]) for s in rows["sections"]],
        "projects": [(p["name"], p["code"], p["start_year"]) for p in rows["projects"]],
    }


@pytest.mark.parametrize("fmt", ["odt", "fodt", pytest.param("rtf", marks=NEEDS_LIBREOFFICE),
                                 pytest.param("doc", marks=NEEDS_LIBREOFFICE)])
@pytest.mark.parametrize("stem", STEMS)
def test_every_format_gives_the_figures_of_the_docx(stem: str, fmt: str) -> None:
    saved = SAVED / f"{stem}.{fmt}"
    assert read(saved).format == fmt
    expected, got = meaning(CORPUS / f"{stem}.docx"), meaning(saved)
    assert got["document"] == expected["document"]
    assert len(expected["figures"]) > 100 and got["figures"] == expected["figures"]
    assert got["sections"] == expected["sections"] and got["projects"] == expected["projects"]


def test_odt_pages_come_from_its_page_breaks() -> None:
    doc = read(SAVED / f"{STEMS[0]}.odt")
    assert doc.pages and doc.pages > 5 and len(doc.page_starts) == doc.pages
    assert doc.page_starts == sorted(doc.page_starts) and doc.page_at(len(doc.text) - 1) == doc.pages


FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
 <style:style style:name="Przerwa" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style>
 <text:list-style style:name="L1">
  <text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>
  <text:list-level-style-number text:level="2" style:num-format="a" style:num-suffix=")"/>
 </text:list-style>
 <text:list-style style:name="L2"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/></text:list-style>
</office:automatic-styles>
<office:body><office:text>
 <text:h text:outline-level="1">Sprawozdanie z działalności za rok 2021</text:h>
 <text:p>Ośrodek objął pomocą<text:s text:c="2"/>215 rodzin<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>W tym 12 rodzin z innych gmin.</text:p></text:note-body></text:note>.</text:p>
 <text:list text:style-name="L1">
  <text:list-item><text:p>Zasiłki stałe: 41 osób</text:p>
   <text:list><text:list-item><text:p>w tym 9 kobiet</text:p></text:list-item></text:list></text:list-item>
  <text:list-item><text:p>Zasiłki okresowe: 73 osoby</text:p></text:list-item>
 </text:list>
 <text:list text:style-name="L2"><text:list-item><text:p>Posiłki dla 88 dzieci</text:p></text:list-item></text:list>
 <text:p text:style-name="Przerwa">Tabela 1. Rodziny według powodu</text:p>
 <table:table>
  <table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>Powód</text:p></table:table-cell><table:covered-table-cell/><table:table-cell><text:p>Liczba rodzin</text:p></table:table-cell></table:table-row>
  <table:table-row><table:table-cell><text:p>ubóstwo</text:p></table:table-cell><table:table-cell/><table:table-cell><text:p>120</text:p></table:table-cell></table:table-row>
  <table:table-row><table:table-cell><text:p>bezrobocie</text:p></table:table-cell><table:table-cell/><table:table-cell><text:p>95</text:p></table:table-cell></table:table-row>
 </table:table>
</office:text></office:body></office:document>
"""


def test_fodt_headings_lists_notes_tables_and_page_breaks(tmp_path: Path) -> None:
    path = tmp_path / "raport.fodt"
    path.write_text(FODT, encoding="utf-8")
    doc = read(path)
    assert (doc.status, doc.format, doc.pages) == ("ok", "fodt", 2)
    blocks = [(b.kind, b.text, b.page) for b in doc.blocks if b.kind != "table"]
    assert blocks == [
        ("heading", "Sprawozdanie z działalności za rok 2021", 1),
        ("paragraph", "Ośrodek objął pomocą 215 rodzin.", 1),  # the note follows the body, as in .docx
        ("list_item", "1. Zasiłki stałe: 41 osób", 1),
        ("list_item", "a) w tym 9 kobiet", 1),
        ("list_item", "2. Zasiłki okresowe: 73 osoby", 1),
        ("list_item", "• Posiłki dla 88 dzieci", 1),
        ("paragraph", "Tabela 1. Rodziny według powodu", 2),
        ("paragraph", "[1] W tym 12 rodzin z innych gmin.", 2),
    ]
    items = [b for b in doc.blocks if b.kind == "list_item"]
    assert [b.indent for b in items] == [0, 1, 0, 0]
    table = next(b for b in doc.blocks if b.kind == "table")
    assert (table.grid(), table.page) == ([["Powód", "", "Liczba rodzin"], ["ubóstwo", "", "120"], ["bezrobocie", "", "95"]], 2)


def test_a_doc_without_libreoffice_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("extract.readers.convert.converter", lambda: None)
    doc = read(SAVED / f"{STEMS[0]}.doc")
    assert (doc.status, doc.format, doc.error) == ("failed", "doc", "needs_converter")
    assert doc.reason and "libreoffice-writer-nogui" in doc.reason and "(.doc)" in doc.reason


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"{\\rtf1\\ansi broken", "corrupt"),
        (b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><office:document office:mimetype='application/vnd.oasis.opendocument.text'>",
         "dtd"),
    ],
)
def test_broken_rtf_and_fodt_give_a_reason(content: bytes, error: str, tmp_path: Path) -> None:
    path = tmp_path / "zly.rtf"
    path.write_bytes(content)
    if error == "corrupt" and converter() is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    doc = read(path)
    assert (doc.status, doc.error) == ("failed", error), doc.reason
    assert doc.reason and "\n" not in doc.reason
