"""The extractor version an incremental run compares: what changes it and what does not."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, TEXT_REPORTS

from extract import READ_SIDE


def version_of(tree: Path) -> str:
    code = "from extract import extractor_version; print(extractor_version())"
    return subprocess.run([sys.executable, "-c", code], cwd=tree, capture_output=True, text=True, check=True).stdout.strip()


def test_a_rule_edit_changes_the_version_and_a_check_edit_does_not(tmp_path: Path) -> None:
    for folder in ("extract", "schemas"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    before = version_of(tmp_path)
    assert before.startswith("0.") and "+" in before
    with (tmp_path / "extract" / "check.py").open("a") as check:
        check.write("\n# a comment\n")  # the check only reads the dataset
    assert version_of(tmp_path) == before
    with (tmp_path / "extract" / "rules" / "units.yaml").open("a") as units:
        units.write("\n# a comment\n")
    assert version_of(tmp_path) != before


def test_reading_a_report_imports_nothing_the_version_leaves_out() -> None:
    code = (
        "import sys; from extract.pipeline import process_file, warm_up; warm_up(); "
        f"process_file(__import__('pathlib').Path({str(TEXT_REPORTS[0])!r}), 'r.txt', 'd'); "
        "print('\\n'.join(sorted(m for m in sys.modules if m.startswith('extract'))))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    left_out = {name.removesuffix(".py").replace("/", ".") for name in READ_SIDE if name.endswith(".py")}
    assert "extract.pipeline" in loaded and not left_out & set(loaded)
