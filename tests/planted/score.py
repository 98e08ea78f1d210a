"""Run the pipeline and the check on the planted reports and score the findings.

    python tests/planted/score.py        # prints found / missed / false errors
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from extract.pipeline import process_file  # noqa: E402
from extract.rulebook import run_checks  # noqa: E402


@cache
def findings_of(name: str) -> list[dict]:
    rows = process_file(HERE / name)
    return run_checks(rows["indicators"], documents=rows["documents"], sections=rows["sections"],
                      projects=rows["projects"], tables=rows["tables"], table_cells=rows["table_cells"])


def mentions(finding: dict, near: str) -> bool:
    texts = [finding.get("quote") or "", *[(e.get("quote") or "") + " " + (e.get("raw") or "") for e in finding["evidence"]]]
    return any(near in t for t in texts)


def score() -> tuple[list[dict], list[dict], list[tuple[dict, dict]]]:
    """(planted found, planted missed, (trap, error finding) pairs that fired)."""
    expected = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
    cache = {name: findings_of(name) for name in {e["file"] for e in expected["planted"] + expected["traps"]}}
    found = [p for p in expected["planted"] if any(f["rule"] == p["rule"] and mentions(f, p["near"]) for f in cache[p["file"]])]
    missed = [p for p in expected["planted"] if p not in found]
    false = [(t, f) for t in expected["traps"] for f in cache[t["file"]] if f["severity"] == "error" and mentions(f, t["near"])]
    return found, missed, false


if __name__ == "__main__":
    found, missed, false = score()
    print(f"planted found {len(found)}/{len(found) + len(missed)}; false errors at traps {len(false)}")
    for p in missed:
        print(f"  missed {p['rule']}: {p['kind']}")
    for t, f in false:
        print(f"  false {f['rule']} at trap '{t['kind']}': {f['message']}")
