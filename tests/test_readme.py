"""The README's "Using the data" example runs against a dataset built from the corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT


def readme_example() -> str:
    """The first Python code block under the README's "Using the data" heading."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Using the data\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "README.md: no python block under 'Using the data'"
    return match.group(1)


def test_readme_example_runs(dataset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = readme_example()
    assert '"output"' in code
    exec(compile(code.replace('"output"', repr(str(dataset))), "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "2013" in printed and "2020" in printed and "asystenci_rodziny" in printed
    assert "Halemba" in printed and "Ruda Śląska" in printed and "per_100k" in printed
