"""Recognise a file's format from its first bytes."""

from __future__ import annotations

import zipfile
from pathlib import Path

from extract.model import ReadError

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls
MAX_ZIP_MEMBER = 200 * 1024 * 1024  # declared uncompressed size beyond this is refused
MAX_ZIP_RATIO = 200  # compression ratio beyond this looks like a zip bomb


def sniff(path: Path) -> str:
    """Return "txt", "docx" or "pdf"; raise ReadError for anything else."""
    with path.open("rb") as handle:
        head = handle.read(2048)
    if not head:
        raise ReadError("empty", "the file is empty")
    if head.lstrip(b"\x00\t\r\n ").startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(OLE2):
        raise ReadError("unsupported", "legacy binary Office file (.doc/.xls); save it as .docx")
    if head.startswith(b"PK\x03\x04"):
        return zip_kind(path)
    if head.startswith(b"{\\rtf"):
        raise ReadError("unsupported", "RTF document; save it as .docx")
    lowered = head.lower().lstrip()
    if lowered.startswith((b"<!doctype html", b"<html")):
        raise ReadError("unsupported", "HTML page, not a report document")
    if _binary(head):
        raise ReadError("unsupported", "binary data of an unknown format")
    return "txt"


def zip_kind(path: Path) -> str:
    """Classify a zip container (.docx, .xlsx, ...) and refuse bombs before inflating."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ReadError("corrupt", f"damaged or truncated zip container ({exc})") from exc
    names = {info.filename for info in infos}
    for info in infos:
        if info.file_size > MAX_ZIP_MEMBER or (
            info.compress_size and info.file_size / info.compress_size > MAX_ZIP_RATIO and info.file_size > 10**7
        ):
            raise ReadError("zip_bomb", f"zip member {info.filename} would inflate to {info.file_size} bytes")
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        raise ReadError("unsupported", "Excel workbook (.xlsx), not a report document")
    if "ppt/presentation.xml" in names:
        raise ReadError("unsupported", "PowerPoint file (.pptx), not a report document")
    raise ReadError("unsupported", "zip archive that is not a Word document")


def _binary(head: bytes) -> bool:
    """Control bytes other than white space (and not UTF-16 NULs) mean binary data."""
    if head.count(0) > len(head) // 4:
        return False  # UTF-16 without BOM; the text reader handles it
    controls = sum(b < 9 or 13 < b < 32 for b in head if b != 0)
    return controls > len(head) // 20
