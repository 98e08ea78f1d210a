"""Build the Word form of a planted report: its text with the tab-separated lines as Word tables
and the numbered lines as headings, so the check is tried on .docx tables as well as text dumps.

Run ``python tests/planted/make_docx.py``; the .docx is committed, tests never build it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx

HERE = Path(__file__).parent
SOURCE = "zywiec_2016_sprawozdanie-pcpr.txt"
ZIP_DATE = (2016, 1, 1, 0, 0, 0)


def build(text: str) -> bytes:
    word = docx.Document()
    lines = text.splitlines()
    word.add_paragraph(lines[0], style="Title")
    rows: list[list[str]] = []
    for line in [*lines[1:], ""]:
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if rows:
            table = word.add_table(rows=len(rows), cols=max(map(len, rows)))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            rows = []
        if line[:2].rstrip(".").isdigit():
            word.add_paragraph(line, style="Heading 1")
        elif line.strip():
            word.add_paragraph(line)
    buffer = io.BytesIO()
    word.save(buffer)
    return _fixed_dates(buffer.getvalue())


def _fixed_dates(data: bytes) -> bytes:
    """The same bytes on every build: zip members dated alike."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(zipfile.ZipInfo(item.filename, ZIP_DATE), src.read(item.filename))
    return out.getvalue()


if __name__ == "__main__":
    target = HERE / SOURCE.replace(".txt", ".docx")
    target.write_bytes(build((HERE / SOURCE).read_text(encoding="utf-8")))
    print(f"wrote {target}")
