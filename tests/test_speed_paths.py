"""The fast paths give exactly what the slower library calls they replace gave.

Each speed-up of issue 8 that re-implements a library call is checked against that call:
paragraph text against python-docx's ``Paragraph.text``, Morfeusz tag expansion against
``morfeusz2``'s own, and the spill folder gives back the rows it was given and leaves nothing.
"""

from __future__ import annotations

from pathlib import Path

import docx
import morfeusz2
import regex
from conftest import CORPUS, TEXT_REPORTS
from docx.text.paragraph import Paragraph

from extract.morphology import readings
from extract.readers.docx import W, paragraph_text
from extract.spill import Spill


def test_paragraph_text_is_python_docx_text() -> None:
    for path in sorted(CORPUS.glob("*.docx")):
        body = docx.Document(str(path)).element.body
        paragraphs = list(body.iter(f"{W}p"))
        assert paragraphs
        for p in paragraphs:
            assert paragraph_text(p) == Paragraph(p, None).text


def test_readings_match_morfeusz_expanded_tags() -> None:
    expanded = morfeusz2.Morfeusz(expand_tags=True)
    words = sorted({w.lower() for path in TEXT_REPORTS for w in regex.findall(r"\p{L}+", path.read_text())})[::7]
    for word in words:
        expected = []
        for _start, _end, (_form, lemma, tag, *_rest) in expanded.analyse(word):
            if tag != "ign":
                pos, *tags = tag.split(":")
                expected.append((lemma.split(":")[0], pos, tuple(tags)))
        assert [tuple(r) for r in readings(word)] == list(dict.fromkeys(expected)), word


def test_spill_gives_back_rows_by_doc_id_and_cleans_up(tmp_path: Path) -> None:
    rows = {f"doc{k}": {"documents": [{"doc_id": f"doc{k}", "n": k}], "indicators": []} for k in range(3)}
    with Spill(tmp_path) as spill:
        for doc_id in ("doc2", "doc0", "doc1"):  # the order workers happened to finish in
            spill.add(doc_id, rows[doc_id])
        assert list(spill.by_doc_id()) == list(rows.items())
    assert list(tmp_path.iterdir()) == []
