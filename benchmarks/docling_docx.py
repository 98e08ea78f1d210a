"""Docling's conversion speed on the corpus .docx files, for the issue's ".docx ≥ 2× Docling" target.

Docling is not a dependency of the project (it brings PyTorch and models); run this with the
Python of a separate environment where it is installed, e.g.::

    python3 -m venv /tmp/dl && /tmp/dl/bin/pip install torch==2.13.0 docling
    /tmp/dl/bin/python benchmarks/docling_docx.py --json docling.json

Its .docx backend needs no model. Each report is converted once to warm up, then ``--runs``
times; pages are those of the same report's PDF rendering (as in ``bench.py``), so the rate
compares with the pipeline's. One process, one file at a time: one core's speed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pdf_pages(pdf: Path) -> int:
    """Pages of a PDF, counted from its page objects (no PDF library needed here)."""
    import re

    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    import docling
    from docling.document_converter import DocumentConverter

    converter = DocumentConverter()
    reports = sorted((ROOT / "corpus").glob("*.docx"))
    pages = {r.name: pdf_pages(r.with_suffix(".pdf")) for r in reports}
    for report in reports:
        converter.convert(report)  # warm-up: imports, backend set-up
    seconds = []
    for _ in range(args.runs):
        started = time.perf_counter()
        for report in reports:
            converter.convert(report)
        seconds.append(time.perf_counter() - started)
    total = sum(pages.values())
    result = {
        "docling": getattr(docling, "__version__", None) or _version(),
        "pages": pages,
        "seconds": {"median": statistics.median(seconds), "min": min(seconds), "max": max(seconds)},
        "pages_per_s": {"median": total / statistics.median(seconds), "min": total / max(seconds), "max": total / min(seconds)},
    }
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


def _version() -> str | None:
    from importlib.metadata import version

    return version("docling")


if __name__ == "__main__":
    main()
