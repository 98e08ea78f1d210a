"""Write docs/DATA.md from schemas/*.yaml: python scripts/make_data_dictionary.py [--check]."""

from __future__ import annotations

import sys
from pathlib import Path

from extract.dataset import data_dictionary

TARGET = Path(__file__).resolve().parent.parent / "docs" / "DATA.md"


def main(argv: list[str]) -> int:
    """Write the file, or with ``--check`` exit 1 when it differs from what would be written."""
    text = data_dictionary()
    if "--check" in argv:
        same = TARGET.exists() and TARGET.read_text(encoding="utf-8") == text
        print(f"{TARGET}: {'up to date' if same else 'out of date, run scripts/make_data_dictionary.py'}")
        return 0 if same else 1
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
