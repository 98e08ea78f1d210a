"""One reader per format, chosen by the file's bytes, not its name."""

from __future__ import annotations

from pathlib import Path

from extract.model import Document, ReadError
from extract.readers.sniff import sniff


def read(path: Path) -> Document:
    """Read any supported report file; failures come back as a Document with a status."""
    try:
        fmt = sniff(path)
        if fmt == "txt":
            from extract.readers.text import read_text

            return read_text(path)
        if fmt == "docx":
            from extract.readers.docx import read_docx

            return read_docx(path)
        if fmt == "pdf":
            from extract.readers.pdf import read_pdf

            return read_pdf(path)
        raise ReadError("unsupported", f"unsupported format: {fmt}")
    except ReadError as exc:
        return Document(str(path), "unknown", status=exc.status, error=exc.error, reason=exc.reason)


def preload() -> None:
    """Import every reader and the libraries it uses (python-docx, pypdfium2, pdfplumber), so
    that workers forked afterwards do not each import them again for their one file."""
    import pdfplumber.table  # noqa: F401  (the PDF reader imports it lazily, for pages with rulings)

    import extract.readers.docx
    import extract.readers.pdf
    import extract.readers.text  # noqa: F401
