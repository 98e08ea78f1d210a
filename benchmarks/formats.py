"""Pages per second of every format a report may come in, one file at a time in this process.

    python benchmarks/formats.py                 # every format, 3 runs (~6 min on 2 cores, OCR most of it)
    python benchmarks/formats.py --formats odt,rtf,doc --runs 5

Both corpus reports are read through ``process_file`` (read → segment → extract → normalise, no
writing) as .docx, .odt, .fodt, .rtf and .doc (``tests/formats/``, made by
``scripts/convert_corpus.sh``), as their text-layer PDF, and as image-only PDFs rendered from it
at 300 and 200 dpi (``tests/scans.py``; these go through OCR). Pages are those of the report's
PDF, so pages/s compare across formats. A format whose tool is missing (LibreOffice, Tesseract)
is reported as skipped. Each figure is the median of the runs, after one warm-up run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from scans import scanned_copy  # noqa: E402

from extract.pipeline import process_file  # noqa: E402
from extract.readers import ocr  # noqa: E402
from extract.readers.convert import converter  # noqa: E402

FORMATS = ("docx", "odt", "fodt", "rtf", "doc", "pdf", "scan-300dpi", "scan-200dpi")


def files(fmt: str, tmp: Path) -> list[Path]:
    stems = sorted(p.stem for p in (ROOT / "corpus").glob("*.docx"))
    if fmt == "docx" or fmt == "pdf":
        return [ROOT / "corpus" / f"{s}.{fmt}" for s in stems]
    if fmt.startswith("scan-"):
        dpi = int(fmt.removeprefix("scan-").removesuffix("dpi"))
        return [scanned_copy(ROOT / "corpus" / f"{s}.pdf", tmp / f"{s}-{dpi}.pdf", dpi, 0.7 if dpi == 200 else 0.0)
                for s in stems]
    return [ROOT / "tests" / "formats" / f"{s}.{fmt}" for s in stems]


def missing_tool(fmt: str) -> str | None:
    if fmt in ("rtf", "doc") and converter() is None:
        return "LibreOffice is not installed"
    if fmt.startswith("scan-"):
        return ocr.unavailable()
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pages = {p.stem: len(pdfium.PdfDocument(str(p))) for p in (ROOT / "corpus").glob("*.pdf")}
    print("| format | pages | pages/s (median) | min | max | seconds per page |")
    print("| --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats.split(","):
            if why := missing_tool(fmt):
                print(f"| {fmt} | | skipped: {why} | | | |")
                continue
            paths = files(fmt, Path(tmp))
            total = sum(pages[p.stem.removesuffix("-300").removesuffix("-200")] for p in paths)
            for path in paths:
                process_file(path)  # warm-up: imports, dictionary, caches
            rates = []
            for _ in range(args.runs):
                started = time.perf_counter()
                for path in paths:
                    process_file(path)
                rates.append(total / (time.perf_counter() - started))
            median = statistics.median(rates)
            print(f"| {fmt} | {total} | {median:.1f} | {min(rates):.1f} | {max(rates):.1f} | {1 / median:.3f} |", flush=True)


if __name__ == "__main__":
    main()
