"""Reading and whole-pipeline speed per format, next to bare pdfplumber and pypdfium2.

    python benchmarks/bench.py [--runs 5]

Prints pages (or documents) per second, median of several runs with min and max, for each
corpus file: our reader, our whole pipeline (read → rows), and for PDFs the bare text
extraction of pdfplumber and pypdfium2 on the same file, so speed reads as ratios.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from extract.pipeline import process_file
from extract.readers import read

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def bare_pdfplumber(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def bare_pdfium(path: Path) -> None:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    for page in pdf:
        page.get_textpage().get_text_range()
    pdf.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"{'file':<60} {'what':<16} {'pages':>5} {'pages/s median':>15} {'min':>8} {'max':>8}")
    for path in sorted(CORPUS.glob("*.*")):
        if path.suffix not in (".txt", ".docx", ".pdf"):
            continue
        doc = read(path)
        pages = doc.pages or 1
        cases: list[tuple[str, Callable[[], object]]] = [
            ("read", lambda p=path: read(p)),
            ("pipeline", lambda p=path: process_file(p)),
        ]
        if path.suffix == ".pdf":
            cases += [("bare pdfplumber", lambda p=path: bare_pdfplumber(p)), ("bare pypdfium2", lambda p=path: bare_pdfium(p))]
        for name, fn in cases:
            fn()  # warm-up: imports, caches
            rates = sorted(pages / t for t in timed(fn, args.runs))
            print(f"{path.name:<60} {name:<16} {pages:>5} {statistics.median(rates):>15.1f} {rates[0]:>8.1f} {rates[-1]:>8.1f}")


if __name__ == "__main__":
    main()
