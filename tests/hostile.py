"""A corpus of hostile and broken input files, written at test time.

:func:`build_hostile_corpus` writes every case into a folder and returns file name →
expected ``documents.status``; :data:`CASES` holds the rest of what is expected of each
file: its error class where it matters, the reader its outcome depends on, the warning it
should carry, and the clean file whose text it must reproduce.

Run as a script, ``python tests/hostile.py IN OUT LOG`` runs the batch over ``IN`` with the
network cut off (see :func:`run_offline`) and prints the run's summary as JSON.
"""

from __future__ import annotations

import codecs
import dataclasses
import io
import json
import os
import random
import socket
import struct
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from extract.readers.convert import converter
from extract.readers.ocr import unavailable

POLISH = (
    "Sprawozdanie z realizacji Gminnego Programu Wspierania Rodziny za rok 2020\n"
    "\n"
    "1. Wstęp\n"
    "\n"
    "W 2020 roku Miejski Ośrodek Pomocy Społecznej w Rudzie Śląskiej objął wsparciem 1368 rodzin, "
    "w tym 254 rodziny wielodzietne. Zażółć gęślą jaźń - źdźbło, ćma, łąka, żółw, Świętochłowice.\n"
    "\n"
    "2. Asystenci rodziny\n"
    "\n"
    "Zatrudniono 12 asystentów rodziny, którzy pracowali łącznie z 96 rodzinami.\n"
)

DOCX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BILLION_LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>\n"
    f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
)


LIBREOFFICE = converter() is not None
TESSERACT = unavailable() is None


@dataclass(frozen=True)
class Case:
    """What one hostile file should give: status, error class, and what else is checked."""

    status: str
    error: str | None = None  # expected ``documents.error`` (None: not checked)
    reader: str | None = None  # "docx" or "pdf" when the outcome depends on that reader
    warning: str | None = None  # a substring one of the warnings must contain
    same_text_as: str | None = None  # a case whose ``documents.text`` this one must equal
    also: tuple[str, ...] = ()  # other acceptable statuses, for cases bounded by the time limit


CASES: dict[str, Case] = {
    # plain text and its encodings
    "utf8.txt": Case("ok"),
    "utf8-bom.txt": Case("ok", same_text_as="utf8.txt"),
    "cp1250.txt": Case("ok", warning="cp1250", same_text_as="utf8.txt"),
    "iso-8859-2.txt": Case("ok", warning="iso-8859-2", same_text_as="utf8.txt"),
    "utf16-bom.txt": Case("ok", same_text_as="utf8.txt"),
    "utf16-nobom.txt": Case("ok", warning="UTF-16", same_text_as="utf8.txt"),
    "utf16be-nobom.txt": Case("ok", warning="UTF-16", same_text_as="utf8.txt"),
    "nul-bytes.txt": Case("ok", warning="NUL", same_text_as="utf8.txt"),
    "nul-padded.txt": Case("ok", warning="NUL", same_text_as="utf8.txt"),
    "control-chars.txt": Case("ok", same_text_as="utf8.txt"),
    "mojibake.txt": Case("ok", warning="mojibake repaired", same_text_as="utf8.txt"),
    "mojibake-mixed.txt": Case("failed", "mojibake"),
    "huge-line.txt": Case("ok"),
    "text-named.pdf": Case("ok", same_text_as="utf8.txt"),
    "text-named.docx": Case("ok", same_text_as="utf8.txt"),
    # nothing to read
    "empty.txt": Case("failed", "empty"),
    "whitespace.txt": Case("failed", "empty"),
    "nul-only.txt": Case("failed", "empty"),
    "random.txt": Case("failed", "unsupported"),
    "random.docx": Case("failed", "unsupported"),
    # other formats under a report's name
    "html.txt": Case("failed", "unsupported"),
    "html.pdf": Case("failed", "unsupported"),
    # RTF and .doc are read through LibreOffice where it is installed, else named for it
    "report.rtf": Case("ok") if LIBREOFFICE else Case("failed", "needs_converter"),
    "legacy-doc.docx": Case("failed", "corrupt" if LIBREOFFICE else "needs_converter"),  # streams without a document
    "password.docx": Case("failed", "encrypted"),
    "workbook.docx": Case("failed", "unsupported"),
    "plain-zip.docx": Case("failed", "unsupported"),
    "png.pdf": Case("failed", "unsupported"),
    # broken or malicious Word files
    "valid.docx": Case("ok", reader="docx"),
    "truncated.docx": Case("failed", "corrupt"),
    "zip-bomb.docx": Case("failed", "zip_bomb"),
    "zip-bomb-lying.docx": Case("failed", "corrupt"),
    "billion-laughs.docx": Case("failed", "dtd"),
    "xxe-rels.docx": Case("failed", "dtd"),
    "dtd-utf16.docx": Case("failed", "dtd"),
    "dtd-after-comment.docx": Case("failed", "dtd"),
    "nested-tables.docx": Case("ok", reader="docx"),
    # broken or hostile PDFs
    "valid.pdf": Case("ok", reader="pdf"),
    "encrypted.pdf": Case("failed", "encrypted", reader="pdf"),
    "scanned.pdf": Case("ok", reader="pdf") if TESSERACT else Case("needs_ocr", reader="pdf"),  # read by OCR where it runs
    "broken-xref.pdf": Case("ok", reader="pdf"),
    "circular-xref.pdf": Case("ok", reader="pdf"),
    "truncated.pdf": Case("failed", "corrupt", reader="pdf", also=("partial",)),  # partial if pages are recovered
    "garbage.pdf": Case("failed", "corrupt", reader="pdf"),
    "pages-3000.pdf": Case("ok", reader="pdf", also=("failed",)),
}


def build_hostile_corpus(folder: Path) -> dict[str, str]:
    """Write every hostile case into ``folder``; return file name → expected status."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, write in WRITERS.items():
        (folder / name).write_bytes(write())
    return {name: case.status for name, case in CASES.items()}


# --- text ----------------------------------------------------------------------------------


def _utf16_nobom(codec: str) -> Callable[[], bytes]:
    return lambda: POLISH.encode(codec)


def _nul_bytes() -> bytes:
    return POLISH.replace("\n", "\x00\n").encode("utf-8").replace(b" w ", b" w\x00 ")


def _control_chars() -> bytes:
    return POLISH.replace("\n\n", "\n\x0c\n").replace(" rodzin", " \x07rodzin").encode("utf-8")


def _mojibake() -> bytes:
    # Written on a cp1250 machine, opened as cp1252 and saved again as UTF-8.
    return POLISH.encode("cp1250").decode("cp1252").encode("utf-8")


def _mojibake_mixed() -> bytes:
    # Garbled letters next to correct ones: no single mapping repairs both.
    return ("Za¿ó³æ gêœl¹ jaŸñ, a obok zażółć gęślą jaźń.\n" * 5).encode("utf-8")


def _huge_line() -> bytes:
    words = "pomoc rodzina asystent wsparcie ośrodek świadczenie dziecko opiekun program miasto".split()
    rng = random.Random(7)
    line = " ".join(rng.choice(words) for _ in range(1_200_000))
    return line.encode("utf-8")[: 10 * 1024 * 1024]


def _random() -> bytes:
    return random.Random(1).randbytes(64 * 1024)


HTML = (
    "<!DOCTYPE html>\n<html><head><title>Sprawozdanie</title></head>"
    "<body><p>W 2020 roku objęto wsparciem 1368 rodzin.</p></body></html>\n"
).encode()
RTF = rb"{\rtf1\ansi\ansicpg1250\deff0{\fonttbl{\f0 Times New Roman;}}\f0 Sprawozdanie za rok 2020\par}"


# --- Word files ----------------------------------------------------------------------------


def _docx(build: Callable | None = None) -> bytes:
    from docx import Document

    document = Document()
    for paragraph in POLISH.split("\n\n"):
        document.add_paragraph(paragraph.strip())
    if build:
        build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _nested_tables() -> bytes:
    def build(document) -> None:
        cell = document.add_table(rows=1, cols=2).cell(0, 0)
        for depth in range(50):
            cell.paragraphs[0].text = f"poziom {depth}"
            cell = cell.add_table(rows=1, cols=2).cell(0, 0)
        cell.paragraphs[0].text = "najgłębsza komórka 1368"

    return _docx(build)


def _zip(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _docx_with(document_xml: bytes | str, rels: str = DOCX_RELS) -> bytes:
    return _zip({"[Content_Types].xml": DOCX_CONTENT_TYPES, "_rels/.rels": rels, "word/document.xml": document_xml})


def _simple_document_xml(text: str = "Sprawozdanie za rok 2020") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>'
    )


def _xxe_rels() -> bytes:
    rels = DOCX_RELS.replace(
        "?>\n", '?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n', 1
    ).replace('Target="word/document.xml"', 'Target="&xxe;"')
    return _docx_with(_simple_document_xml(), rels)


def _dtd_utf16() -> bytes:
    return _docx_with(BILLION_LAUGHS.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))


def _dtd_after_comment() -> bytes:
    padding = "<!-- <w:p> " + "x" * 20_000 + " -->\n"
    return _docx_with(BILLION_LAUGHS.replace("?>\n", "?>\n" + padding, 1))


def _raw_zip(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip from (name, stored data, method, crc, declared uncompressed size) written as given."""
    out = io.BytesIO()
    central = io.BytesIO()
    for name, data, method, crc, size in members:
        offset = out.tell()
        encoded = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), size, len(encoded), 0))
        out.write(encoded + data)
        central.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(data), size,
                len(encoded), 0, 0, 0, 0, 0, offset,
            )
        )
        central.write(encoded)
    start = out.tell()
    out.write(central.getvalue())
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central.getvalue()), start, 0))
    return out.getvalue()


def _zeros_deflated(megabytes: int) -> tuple[bytes, int]:
    """Raw deflate data for ``megabytes`` MiB of zeros, built from one repeated flushed block."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(1 << 20)) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    chunk = bytes(1 << 24)
    for _ in range(megabytes // 16):
        crc = zlib.crc32(chunk, crc)
    return block * megabytes + b"\x03\x00", crc  # b"\x03\x00": an empty final block


def _plain(name: str, text: str) -> tuple[str, bytes, int, int, int]:
    data = text.encode()
    return name, data, 0, zlib.crc32(data), len(data)


def _zip_bomb() -> bytes:
    data, crc = _zeros_deflated(1024)  # 1 GiB of zeros declared honestly, ~1 MB on disk
    bomb = ("word/document.xml", data, zipfile.ZIP_DEFLATED, crc, 1024 * 1024 * 1024)
    return _raw_zip([_plain("[Content_Types].xml", DOCX_CONTENT_TYPES), _plain("_rels/.rels", DOCX_RELS), bomb])


def _zip_bomb_lying() -> bytes:
    data, crc = _zeros_deflated(64)  # 64 MiB of zeros declared as 2,000 bytes
    bomb = ("word/document.xml", data, zipfile.ZIP_DEFLATED, crc, 2000)
    return _raw_zip([_plain("[Content_Types].xml", DOCX_CONTENT_TYPES), _plain("_rels/.rels", DOCX_RELS), bomb])


def _ole2(*streams: str) -> bytes:
    """A minimal OLE2 compound file: header, one directory sector naming ``streams``, one FAT sector."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9)  # version 3, 512-byte sectors
    struct.pack_into("<IIII", header, 0x2C, 1, 0, 0, 0x1000)  # one FAT sector, directory at sector 0
    struct.pack_into("<IIII", header, 0x3C, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)  # no mini FAT, no DIFAT sectors
    struct.pack_into("<109I", header, 0x4C, 1, *[0xFFFFFFFF] * 108)  # the FAT is sector 1
    directory = bytearray(512)
    for i, name in enumerate(("Root Entry", *streams)[:4]):
        encoded = (name + "\0").encode("utf-16-le")
        directory[i * 128 : i * 128 + len(encoded)] = encoded
        struct.pack_into("<HB", directory, i * 128 + 64, len(encoded), 5 if i == 0 else 2)
    fat = struct.pack("<128I", 0xFFFFFFFE, 0xFFFFFFFD, *[0xFFFFFFFF] * 126)  # directory: one sector; FAT
    return bytes(header + directory) + fat


def _workbook() -> bytes:
    return _zip({
        "[Content_Types].xml": DOCX_CONTENT_TYPES.replace("word/document", "xl/workbook"),
        "_rels/.rels": DOCX_RELS.replace("word/document", "xl/workbook"),
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main"><sheets/></workbook>',
    })


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.effect_noise((64, 64), 80).save(buffer, "PNG")
    return buffer.getvalue()


# --- PDFs ----------------------------------------------------------------------------------


def _pdf(pages: list[str], encrypt: str | None = None, size: tuple[float, float] = (595, 842)) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size, encrypt=encrypt, pageCompression=0)
    font = "Helvetica"
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if dejavu.exists():  # a Unicode font keeps the Polish letters
        pdfmetrics.registerFont(TTFont("DejaVu", str(dejavu)))
        font = "DejaVu"
    for page in pages:
        text = canvas.beginText(10, size[1] - 20)
        text.setFont(font, 10 if size[0] > 100 else 8)
        for line in page.split("\n"):
            text.textLine(line)
        canvas.drawText(text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _report_pages() -> list[str]:
    wrapped = []
    for paragraph in POLISH.split("\n"):
        while len(paragraph) > 90:
            cut = paragraph.rfind(" ", 0, 90)
            wrapped.append(paragraph[:cut])
            paragraph = paragraph[cut + 1 :]
        wrapped.append(paragraph)
    page = "\n".join(wrapped)
    return [page.replace("2020", str(2015 + i)) for i in range(6)]


def _scanned() -> bytes:
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    image = Image.new("L", (600, 200), 255)
    ImageDraw.Draw(image).text((10, 10), "Sprawozdanie za rok 2020\nObjeto wsparciem 1368 rodzin", fill=0)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(595, 842))
    for _ in range(2):
        canvas.drawImage(ImageReader(image), 0, 500, 595, 200)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _broken_xref() -> bytes:
    data = bytearray(_pdf(_report_pages()[:2]))
    start = data.rindex(b"xref")
    for offset in range(start, len(data) - 20):
        if data[offset + 10 : offset + 18] == b" 00000 n":  # every in-use entry points 7 bytes too far
            entry = int(data[offset : offset + 10]) + 7
            data[offset : offset + 10] = b"%010d" % entry
    return bytes(data)


def _circular_xref() -> bytes:
    data = _pdf(_report_pages()[:2])
    root = data[data.rindex(b"/Root") :].split(b"R", 1)[0] + b"R"
    size = data[data.rindex(b"/Size") :].split(b"/", 2)[1].strip()
    here = len(data)
    update = b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< %s %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
    return data + update % (b"/" + size, root, here, here)  # the update's /Prev points at itself


def _truncated_pdf() -> bytes:
    data = _pdf(_report_pages())
    return data[: len(data) // 2]


def _garbage_pdf() -> bytes:
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + random.Random(3).randbytes(32 * 1024)


WRITERS: dict[str, Callable[[], bytes]] = {
    "utf8.txt": lambda: POLISH.encode("utf-8"),
    "utf8-bom.txt": lambda: codecs.BOM_UTF8 + POLISH.encode("utf-8"),
    "cp1250.txt": lambda: POLISH.encode("cp1250"),
    "iso-8859-2.txt": lambda: POLISH.encode("iso-8859-2"),
    "utf16-bom.txt": lambda: POLISH.encode("utf-16"),
    "utf16-nobom.txt": _utf16_nobom("utf-16-le"),
    "utf16be-nobom.txt": _utf16_nobom("utf-16-be"),
    "nul-bytes.txt": _nul_bytes,
    "nul-padded.txt": lambda: POLISH.encode("utf-8") + bytes(8192),
    "control-chars.txt": _control_chars,
    "mojibake.txt": _mojibake,
    "mojibake-mixed.txt": _mojibake_mixed,
    "huge-line.txt": _huge_line,
    "text-named.pdf": lambda: POLISH.encode("utf-8") + b"\n",  # bytes differ from utf8.txt: the batch
    "text-named.docx": lambda: b"\n" + POLISH.encode("utf-8"),  # reads identical files only once
    "empty.txt": lambda: b"",
    "whitespace.txt": lambda: b" \t\r\n" * 100 + "\u00a0\u2003\n".encode() * 10,
    "nul-only.txt": lambda: bytes(4096),
    "random.txt": _random,
    "random.docx": lambda: b"PK" + _random(),
    "html.txt": lambda: HTML,
    "html.pdf": lambda: HTML.replace(b"<html>", b"<html lang=pl>"),
    "report.rtf": lambda: RTF,
    "legacy-doc.docx": lambda: _ole2("WordDocument", "1Table", "\x05SummaryInformation"),
    "password.docx": lambda: _ole2("EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"),
    "workbook.docx": _workbook,
    "plain-zip.docx": lambda: _zip({"notes.txt": POLISH}),
    "png.pdf": _png,
    "valid.docx": _docx,
    "truncated.docx": lambda: (lambda data: data[: len(data) // 2])(_docx()),
    "zip-bomb.docx": _zip_bomb,
    "zip-bomb-lying.docx": _zip_bomb_lying,
    "billion-laughs.docx": lambda: _docx_with(BILLION_LAUGHS),
    "xxe-rels.docx": _xxe_rels,
    "dtd-utf16.docx": _dtd_utf16,
    "dtd-after-comment.docx": _dtd_after_comment,
    "nested-tables.docx": _nested_tables,
    "valid.pdf": lambda: _pdf(_report_pages()),
    "encrypted.pdf": lambda: _pdf(_report_pages()[:1], encrypt="tajne"),
    "scanned.pdf": _scanned,
    "broken-xref.pdf": _broken_xref,
    "circular-xref.pdf": _circular_xref,
    "truncated.pdf": _truncated_pdf,
    "garbage.pdf": _garbage_pdf,
    "pages-3000.pdf": lambda: _pdf([f"słowo{i}" for i in range(3000)], size=(72, 72)),
}


SOCKET_METHODS = ("connect", "connect_ex", "sendto")
SOCKET_FUNCTIONS = ("getaddrinfo", "create_connection")


def forbid_network(log: Path, patch: Callable[[object, str, object], None] = setattr) -> None:
    """Make every socket call raise and leave a line in ``log``; forked workers inherit it."""

    def refuse(name: str) -> Callable:
        def refused(*args: object, **kwargs: object) -> None:
            with log.open("a") as handle:
                handle.write(f"{os.getpid()} socket.{name}{args[1:] if name in SOCKET_METHODS else args}\n")
            raise OSError(f"network access during a batch: socket.{name}")

        return refused

    for name in SOCKET_METHODS:
        patch(socket.socket, name, refuse(name))
    for name in SOCKET_FUNCTIONS:
        patch(socket, name, refuse(name))


def run_offline(inputs: Path, out: Path, log: Path, seconds: float = 20, memory: int = 1024**3) -> dict:
    """Run the batch over ``inputs`` with the network forbidden (in this parent, before forking)."""
    from extract.runner import Limits, run

    forbid_network(log)
    started = time.monotonic()
    summary = run([str(inputs)], out, workers=2, limits=Limits(seconds=seconds, memory=memory))
    summary.seconds = time.monotonic() - started
    return dataclasses.asdict(summary)


if __name__ == "__main__":
    print(json.dumps(run_offline(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))))
