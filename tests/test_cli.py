"""The command line as a user runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
from conftest import CORPUS, ROOT


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def test_run_writes_dataset_and_rerun_skips(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_cli("run", str(CORPUS), "--out", str(out), "--quiet", "--log-format", "json")
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)
    assert summary["ok"] == summary["files"] > 0 and summary["figures"] > 100
    indicators = pd.read_parquet(out / "indicators")
    assert indicators["year"].dtype.kind == "i"
    assert indicators["value"].dtype == "float64"
    second = json.loads(run_cli("run", str(CORPUS), "--out", str(out), "--quiet", "--log-format", "json").stdout)
    assert second["unchanged"] == summary["files"]


def test_usage_error_exit_code(tmp_path: Path) -> None:
    assert run_cli("run", str(tmp_path / "missing"), "--out", str(tmp_path / "o")).returncode == 2
    assert run_cli("check", str(tmp_path)).returncode == 2
    assert run_cli("nonsense").returncode == 2


def test_failed_file_is_recorded_and_batch_goes_on(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "good.txt").write_bytes((CORPUS / sorted(p.name for p in CORPUS.glob("*.txt"))[0]).read_bytes())
    result = run_cli("run", str(inputs), "--out", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 3
    documents = pd.read_parquet(tmp_path / "out" / "documents").set_index("source_path")
    statuses = {Path(k).name: v for k, v in documents["status"].items()}
    assert statuses == {"empty.txt": "failed", "good.txt": "ok"}


def test_read_and_outline_print(tmp_path: Path) -> None:
    report = sorted(CORPUS.glob("*2020*.txt"))[0]
    read = run_cli("read", str(report))
    assert read.returncode == 0 and "table]" in read.stdout
    outline = run_cli("outline", str(report))
    assert outline.returncode == 0 and "1.1. Bezpieczna rodzina" in outline.stdout


def test_check_exit_codes(dataset: Path) -> None:
    strict = run_cli("check", str(dataset), "--fail-on", "warning")
    assert strict.returncode == 1
    html = (dataset / "report.html").read_text(encoding="utf-8")
    assert "<mark>" in html and "http" not in html


def test_same_bytes_under_two_names_get_a_row_each(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    report = sorted(CORPUS.glob("*2020*.txt"))[0].read_bytes()
    (inputs / "a.txt").write_bytes(report)
    (inputs / "b.txt").write_bytes(report)
    assert run_cli("run", str(inputs), "--out", str(tmp_path / "out"), "--quiet").returncode == 0
    documents = pd.read_parquet(tmp_path / "out" / "documents")
    assert sorted(Path(p).name for p in documents["source_path"]) == ["a.txt", "b.txt"]
    assert documents["doc_id"].nunique() == 1
    indicators = pd.read_parquet(tmp_path / "out" / "indicators")
    assert indicators["indicator_id"].is_unique


def test_a_folder_walk_reads_reports_and_leaves_other_files_alone(tmp_path: Path) -> None:
    from extract.inputs import find_inputs

    for name in ("a.txt", "b.PDF", "c.docx", "d.doc", "e", "notes.json", "script.py", "README.md", ".hidden.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "f.txt").write_text("x", encoding="utf-8")
    found = [p.name for p in find_inputs([str(tmp_path)]).files]
    assert sorted(found) == ["a.txt", "b.PDF", "c.docx", "d.doc", "e", "f.txt"]
    assert [p.name for p in find_inputs([str(tmp_path / "notes.json")]).files] == ["notes.json"]  # named: always read


def test_check_shows_its_progress_in_documents_unless_quiet(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    shutil.copytree(dataset, out)
    documents = len(pd.read_parquet(out / "documents"))
    shown = run_cli("check", str(out))
    assert f"/{documents} [" in shown.stderr and "document/s" in shown.stderr  # a bar counting documents
    last = sorted(pd.read_parquet(out / "documents").itertuples(), key=lambda d: d.doc_id)[-1]
    assert Path(last.source_path).name[-40:] in shown.stderr  # named by file, as run's bar is
    quiet = run_cli("check", str(out), "--quiet")
    assert quiet.stderr == "" and quiet.stdout == shown.stdout


def test_a_damaged_dataset_file_is_named_and_rebuilding_as_advised_works(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    shutil.copytree(dataset, out)
    damaged = sorted((out / "indicators").glob("*.parquet"))[0]
    damaged.write_bytes(damaged.read_bytes()[:300])  # a write cut short
    for args in (("check", str(out)), ("run", str(CORPUS), "--out", str(out), "--quiet")):
        result = run_cli(*args)
        assert result.returncode == 2 and str(damaged) in result.stderr and "Traceback" not in result.stderr
        assert "remove its documents folder" in result.stderr
    shutil.rmtree(out / "documents")
    assert run_cli("run", str(CORPUS), "--out", str(out), "--quiet").returncode == 0
    assert pd.read_parquet(out / "indicators").equals(pd.read_parquet(dataset / "indicators"))
    assert run_cli("check", str(out), "--quiet").returncode == 1  # the corpus has errors to report


def test_check_prints_the_reports_it_writes(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    shutil.copytree(dataset, out)
    for fmt, name in (("markdown", "report.md"), ("html", "report.html")):
        printed = run_cli("check", str(out), "--format", fmt, "--quiet").stdout
        assert printed == (out / name).read_text(encoding="utf-8") + "\n" and "corpus/" in printed  # paths, not ids


