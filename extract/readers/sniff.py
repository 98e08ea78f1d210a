"""Recognise a file's format from its first bytes, and refuse hostile containers early.

Zip containers are checked from their central directory before anything is inflated
(declared sizes, ratios, member count, compression methods); a Word file's XML parts are
then read a few KB each to refuse DTDs, which the OOXML standard forbids and which carry
entity-expansion and external-entity attacks. Legacy OLE2 files are told apart by the
stream names of their directory: a password-protected .docx is an OLE2 file too.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from extract.model import ReadError

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls, and encrypted OOXML
MAX_ZIP_MEMBER = 200 * 1024 * 1024  # declared uncompressed size beyond this is refused
MAX_ZIP_TOTAL = 500 * 1024 * 1024  # and beyond this for all members together
MAX_ZIP_RATIO = 200  # compression ratio beyond this looks like a zip bomb
MAX_ZIP_MEMBERS = 10_000  # a Word file has tens of parts, a few hundred with many images
ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # the only ones OOXML allows
XML_HEAD = 8192  # bytes of each XML part read to check its prolog
OLE2_MAX_DIR_SECTORS = 64


ODF_TEXT = b"application/vnd.oasis.opendocument.text"


def sniff(path: Path) -> str:
    """Return "txt", "docx", "odt", "fodt", "rtf", "doc" or "pdf"; raise ReadError for anything else."""
    with path.open("rb") as handle:
        head = handle.read(2048)
    if not head:
        raise ReadError("empty", "the file is empty")
    if head.lstrip(b"\x00\t\r\n ").startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(OLE2):
        return ole2_kind(path)
    if head.startswith(b"PK\x03\x04"):
        return zip_kind(path)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    lowered = head.lower().lstrip()
    if lowered.startswith(b"<?xml") and b"<office:document" in head:
        return flat_odf_kind(path)
    if lowered.startswith((b"<!doctype html", b"<html")):
        raise ReadError("unsupported", "HTML page, not a report document")
    if _binary(head):
        raise ReadError("unsupported", "binary data of an unknown format")
    return "txt"


def flat_odf_kind(path: Path) -> str:
    """"fodt" for a flat OpenDocument text; refuse a DTD, or a flat spreadsheet or presentation."""
    with path.open("rb") as handle:
        head = handle.read(XML_HEAD * 2)  # the root element lists many namespaces before its mimetype
    if problem := prolog_problem(head, complete=False):
        raise ReadError("dtd", f"flat OpenDocument file: {problem}")
    if ODF_TEXT not in head:
        raise ReadError("unsupported", "flat OpenDocument file that is no text document (a spreadsheet or presentation?)")
    return "fodt"


def ole2_kind(path: Path) -> str:
    """"doc" for a legacy Word file; a ReadError named after the streams of any other OLE2 file."""
    with path.open("rb") as handle:
        names = ole2_names(handle)
    if names & {"EncryptedPackage", "EncryptionInfo"}:
        raise ReadError("encrypted", "password-protected Office document; remove the password and save it as .docx")
    if "WordDocument" in names:
        return "doc"
    if names & {"Workbook", "Book"}:
        raise ReadError("unsupported", "legacy Excel workbook (.xls), not a report document")
    raise ReadError("unsupported", "legacy binary Office file that is no Word document (.xls, .ppt, …)")


def ole2_names(handle: BinaryIO) -> set[str]:
    """Names in an OLE2 directory, following at most a few directory sectors; empty if unreadable."""
    header = handle.read(512)
    if len(header) < 512:
        return set()
    shift = struct.unpack_from("<H", header, 0x1E)[0]
    if shift not in (9, 12):
        return set()
    size = 1 << shift
    difat = struct.unpack_from("<109I", header, 0x4C)

    def sector(number: int) -> bytes:
        handle.seek((number + 1) * size)
        return handle.read(size)

    def next_sector(number: int) -> int:
        per_fat = size // 4
        if number // per_fat >= len(difat):
            return -1
        fat = sector(difat[number // per_fat])
        position = (number % per_fat) * 4
        return struct.unpack_from("<I", fat, position)[0] if len(fat) >= position + 4 else -1

    names: set[str] = set()
    number = struct.unpack_from("<I", header, 0x30)[0]
    seen: set[int] = set()
    while 0 <= number < 0xFFFFFFFA and number not in seen and len(seen) < OLE2_MAX_DIR_SECTORS:
        seen.add(number)
        data = sector(number)
        for offset in range(0, len(data) - 127, 128):
            length = struct.unpack_from("<H", data, offset + 64)[0]
            if 2 <= length <= 64 and length % 2 == 0:
                names.add(data[offset : offset + length - 2].decode("utf-16-le", errors="replace"))
        number = next_sector(number)
    return names


def zip_kind(path: Path) -> str:
    """Classify a zip container (.docx, .xlsx, ...) and refuse bombs and DTDs before parsing."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            check_zip_directory(infos)
            names = {info.filename for info in infos}
            kind = "odt" if "mimetype" in names and archive.read("mimetype").strip() == ODF_TEXT else "docx"
            if kind == "docx" and "word/document.xml" not in names:
                raise _not_word(names)
            for info in infos:  # every part: Word parses a part its content types call XML, whatever its name
                if not info.filename.lower().endswith(MEDIA) and not info.is_dir():
                    check_xml_part(archive, info)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise ReadError("corrupt", f"damaged or truncated zip container ({exc})"[:200]) from exc
    return kind


def check_zip_directory(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip by what its central directory declares, before inflating anything."""
    if len(infos) > MAX_ZIP_MEMBERS:
        raise ReadError("zip_bomb", f"zip container holds {len(infos)} members")
    total = 0
    for info in infos:
        if info.file_size > MAX_ZIP_MEMBER or (
            info.compress_size and info.file_size / info.compress_size > MAX_ZIP_RATIO and info.file_size > 10**7
        ):
            raise ReadError("zip_bomb", f"zip member {info.filename} would inflate to {info.file_size} bytes")
        total += info.file_size
        if total > MAX_ZIP_TOTAL:
            raise ReadError("zip_bomb", f"zip members would inflate to more than {MAX_ZIP_TOTAL} bytes")
        if info.flag_bits & 0x1:
            raise ReadError("encrypted", f"zip member {info.filename} is encrypted")
        if info.compress_type not in ZIP_METHODS:
            raise ReadError("corrupt", f"zip member {info.filename} uses compression method {info.compress_type}")


MEDIA = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".svg", ".bin", ".odttf", ".ttf")


def _not_word(names: set[str]) -> ReadError:
    if "xl/workbook.xml" in names:
        return ReadError("unsupported", "Excel workbook (.xlsx), not a report document")
    if "ppt/presentation.xml" in names:
        return ReadError("unsupported", "PowerPoint file (.pptx), not a report document")
    if "content.xml" in names:
        return ReadError("unsupported", "OpenDocument file that is no text document (a spreadsheet or presentation?)")
    return ReadError("unsupported", "zip archive that is neither a Word (.docx) nor an OpenDocument text (.odt) file")


def check_xml_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Read the start of one XML part (bounded) and refuse a DTD in it."""
    with archive.open(info) as member:
        head = member.read(XML_HEAD)
        complete = len(head) < XML_HEAD
    problem = prolog_problem(head, complete)
    if problem:
        raise ReadError("dtd", f"{info.filename}: {problem}")


def prolog_problem(head: bytes, complete: bool) -> str | None:
    """Why the start of an XML document is refused (a DTD, or a prolog too long to check); None if fine.

    >>> prolog_problem(b'<?xml version="1.0"?><!-- c --><w:document/>', True) is None
    True
    >>> prolog_problem(b'<?xml version="1.0"?>\\n<!DOCTYPE x [<!ENTITY a "b">]><x/>', True)
    'a DTD (<!DOCTYPE ...>), which Word files never contain'
    """
    # UTF-16 and UTF-32 parts: their markup is ASCII once the NUL bytes are dropped.
    text = head.replace(b"\x00", b"")
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        text = text.removeprefix(bom)
    if b"<!doctype" in text.lower():
        return "a DTD (<!DOCTYPE ...>), which Word files never contain"
    pos = 0
    while True:
        while pos < len(text) and text[pos] in b" \t\r\n":
            pos += 1
        if text.startswith(b"<?", pos):
            end, skip = text.find(b"?>", pos + 2), 2
        elif text.startswith(b"<!--", pos):
            end, skip = text.find(b"-->", pos + 4), 3
        elif text.startswith(b"<!", pos):
            return "a DTD (<!...> declaration), which Word files never contain"
        else:
            return None  # the root element, or text the XML parser will refuse
        if end < 0:
            return None if complete else f"an XML prolog longer than {XML_HEAD} bytes, which could hide a DTD"
        pos = end + skip


def _binary(head: bytes) -> bool:
    """Control bytes other than white space (and not UTF-16 NULs) mean binary data."""
    if head.count(0) > len(head) // 4:
        return False  # UTF-16 without BOM, or NUL padding; the text reader handles it
    controls = sum(b < 9 or 13 < b < 32 for b in head if b != 0)
    return controls > len(head) // 20
