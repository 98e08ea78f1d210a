"""Derive ``extract/rules/terc.tsv`` from the official TERC register (TERYT) for the place finder.

Usage: python scripts/build_terc.py ../shared/data/teryt/TERC_2020-01-01.csv

Keeps what :mod:`extract.places` needs: every voivodeship, powiat and gmina (urban, rural,
urban-rural) and the districts of Warsaw, with its code, kind and official name. The town and
rural parts of urban-rural gminas (kinds 4 and 5) and the delegations of large cities (9) are
left out: a report is about a whole gmina.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "extract" / "rules" / "terc.tsv"
KINDS = {"1": "gmina miejska", "2": "gmina wiejska", "3": "gmina miejsko-wiejska", "8": "dzielnica"}


def main(source: str) -> None:
    rows = []
    with open(source, encoding="utf-8") as handle:
        for r in csv.DictReader(handle, delimiter=";"):
            if not r["POW"]:
                rows.append((r["WOJ"], "województwo", r["NAZWA"].lower()))
            elif not r["GMI"]:
                kind = "miasto na prawach powiatu" if int(r["POW"]) > 60 else "powiat"
                rows.append((r["WOJ"] + r["POW"], kind, r["NAZWA"]))
            elif r["RODZ"] in KINDS:
                rows.append((r["WOJ"] + r["POW"] + r["GMI"] + r["RODZ"], KINDS[r["RODZ"]], r["NAZWA"]))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write(f"# derived from {Path(source).name} by scripts/build_terc.py: code, kind, official name\n")
        for code, kind, name in rows:
            handle.write(f"{code}\t{kind}\t{name}\n")
    print(f"{len(rows)} units → {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/teryt/TERC_2020-01-01.csv")
