"""One reader per format, chosen by the file's bytes, not its name."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path

from extract.model import Document, ReadError
from extract.readers.sniff import sniff


def read(path: Path) -> Document:
    """Read any supported report file; failures come back as a Document with a status."""
    fmt = "unknown"
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
        if fmt in ("odt", "fodt"):
            from extract.readers.odt import read_odt

            return read_odt(path, fmt)
        if fmt in ("doc", "rtf"):
            from extract.readers.convert import read_converted

            return read_converted(path, fmt)
        raise ReadError("unsupported", f"unsupported format: {fmt}")
    except ReadError as exc:
        return Document(str(path), exc.fmt or fmt, status=exc.status, error=exc.error, reason=exc.reason)


# What reading a file with this suffix imports (the PDF reader imports pdfplumber's table
# finder lazily, for pages with rulings); anything else is read as text, or sniffed and its
# reader imported when it is first needed.
READER_MODULES = {
    ".pdf": ("pdfplumber.table", "extract.readers.pdf"),
    ".docx": ("extract.readers.docx",),
    ".docm": ("extract.readers.docx",),
    ".odt": ("extract.readers.odt",),
    ".fodt": ("extract.readers.odt",),
    ".doc": ("extract.readers.convert", "extract.readers.docx"),
    ".rtf": ("extract.readers.convert", "extract.readers.docx"),
}


def preload(suffixes: Iterable[str] | None = None) -> None:
    """Import the readers, and the libraries they use, for files with these suffixes (every
    reader when None), so that workers forked afterwards do not each import them again."""
    wanted = READER_MODULES if suffixes is None else {s.lower() for s in suffixes}
    for suffix in sorted(wanted):
        for module in READER_MODULES.get(suffix, ()):
            importlib.import_module(module)
    importlib.import_module("extract.readers.text")
