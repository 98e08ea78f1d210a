"""Image-only PDFs made from text PDFs, as a scanner would: every page rendered to a grey image
(optionally turned a little, as a sheet lies askew on the glass) and nothing else kept."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium


def scanned_copy(source: Path, target: Path, dpi: int, degrees: float = 0.0) -> Path:
    """Write ``target``: the pages of ``source`` as images at ``dpi``, turned by ``degrees``."""
    pdf = pdfium.PdfDocument(str(source))
    try:
        images = []
        for page in pdf:
            image = page.render(scale=dpi / 72, grayscale=True).to_pil()
            if degrees:
                image = image.rotate(degrees, expand=False, fillcolor=255)
            images.append(image)
    finally:
        pdf.close()
    images[0].save(target, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return target


def agreement(expected: list[dict[str, Any]], found: list[dict[str, Any]]) -> tuple[float, float]:
    """Recall and precision of ``found`` figures against ``expected`` ones, a figure counting as
    found when one with the same value stands on the same page."""
    want = Counter((f["value"], f["page"]) for f in expected)
    got = Counter((f["value"], f["page"]) for f in found)
    matched = sum((want & got).values())
    return matched / max(1, sum(want.values())), matched / max(1, sum(got.values()))
