"""Legacy Word (.doc) and RTF files, read through LibreOffice.

LibreOffice converts them to .docx, which the Word reader reads: paragraphs, headings, lists
and tables come out as they do from the same report saved as .docx (compared on the corpus:
striprtf keeps only plain text with cells run together, antiword loses headings and draws
tables as text; LibreOffice keeps every figure, section and project). LibreOffice is an
optional system package: without it such a file gets the error ``needs_converter`` and a
reason that says what to install.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from extract.model import Document, ReadError

CONVERT_SECONDS = 120  # one conversion; the per-file limit of a run still applies around it
INSTALL_HINT = "install LibreOffice Writer (Debian/Ubuntu: apt-get install libreoffice-writer-nogui) and run again"
NAMES = {"doc": "legacy Word document (.doc)", "rtf": "RTF document"}


def converter() -> str | None:
    """The LibreOffice program on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


@cache
def profile_dir() -> Path:
    """A LibreOffice user profile for this process (two conversions at once may not share one),
    made on first use and removed at exit."""
    path = Path(tempfile.mkdtemp(prefix=f"extract-lo-{os.getpid()}-"))
    atexit.register(shutil.rmtree, path, True)
    return path


def read_converted(path: Path, fmt: str) -> Document:
    """Read a .doc or .rtf file by converting it to .docx with LibreOffice."""
    from extract.readers.docx import read_docx

    program = converter()
    if program is None:
        raise ReadError("needs_converter", f"{NAMES[fmt]}: reading it needs LibreOffice; {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="extract-convert-") as tmp:
        source = Path(tmp) / f"report.{fmt}"  # a plain name: LibreOffice names its output after it
        shutil.copyfile(path, source)
        command = [program, f"-env:UserInstallation={profile_dir().as_uri()}", "--headless", "--norestore",
                   "--convert-to", "docx", "--outdir", tmp, str(source)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=CONVERT_SECONDS, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ReadError("timeout", f"LibreOffice took over {CONVERT_SECONDS} s to convert the {NAMES[fmt]}") from exc
        target = Path(tmp) / "report.docx"
        if not target.exists():
            said = " ".join((done.stderr or done.stdout).split())[:160] or f"exit code {done.returncode}"
            raise ReadError("corrupt", f"LibreOffice could not convert the {NAMES[fmt]}: {said}")
        doc = read_docx(target)
    doc.source_path, doc.format = str(path), fmt
    return doc
