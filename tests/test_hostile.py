"""Hostile and broken input through the real batch: every file gets one clear answer.

The corpus of :mod:`hostile` is written once per module and run through
:func:`extract.runner.run` (2 forked workers, 20 s and 1 GiB each) with the network cut off.
The batch runs in a fresh interpreter: workers inherit the parent's address space, and a
pytest process that has already read Parquet leaves them too little of a 1 GiB limit (see
:func:`test_memory_budget_does_not_depend_on_the_parent`).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import pytest
from conftest import ROOT, TEXT_REPORTS
from hostile import CASES, build_hostile_corpus, forbid_network

from extract.dataset import TABLES, read_rows
from extract.pipeline import file_id, process_file
from extract.runner import Limits, read_contained, run

LIMITS = Limits(seconds=20, memory=1024**3)
GOOD = "good-report.txt"  # a corpus report among the hostile files
OTHER_TABLES = [t for t in TABLES if t not in ("documents", "findings", "measures")]  # rows of a document


@dataclass
class Batch:
    """One run of the hostile corpus: where it went and what it did."""

    folder: Path
    out: Path
    summary: dict
    documents: dict[str, dict]  # file name → documents row
    network: list[str]  # socket calls seen in the parent or any worker


def _reader_missing(reader: str | None) -> bool:
    return reader is not None and find_spec(f"extract.readers.{reader}") is None


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    """The hostile corpus plus one good report, run once with sockets forbidden."""
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "in"
    build_hostile_corpus(folder)
    shutil.copyfile(TEXT_REPORTS[0], folder / GOOD)
    log = root / "network.log"
    script = ROOT / "tests" / "hostile.py"
    done = subprocess.run(
        [sys.executable, str(script), str(folder), str(root / "out"), str(log)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout)
    documents = {Path(d["source_path"]).name: d for d in read_rows(root / "out", "documents")}
    network = log.read_text().splitlines() if log.exists() else []
    return Batch(folder, root / "out", summary, documents, network)


def test_every_file_gets_exactly_one_documents_row(batch: Batch) -> None:
    names = [Path(d["source_path"]).name for d in read_rows(batch.out, "documents")]
    assert sorted(names) == sorted([*CASES, GOOD])
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", sorted(CASES))
def test_status_and_reason(batch: Batch, name: str) -> None:
    case = CASES[name]
    if _reader_missing(case.reader):
        pytest.skip(f"extract/readers/{case.reader}.py is not written yet")
    row = batch.documents[name]
    assert row["status"] in (case.status, *case.also), (row["error"], row["reason"])
    if row["status"] == case.status and case.error:
        assert row["error"] == case.error, row["reason"]
    if row["status"] == "failed" and row["status"] != case.status:
        assert row["error"] == "timeout", row["reason"]  # the only acceptable surprise
    if row["status"] != "ok":
        assert row["reason"] and row["reason"].strip() and "\n" not in row["reason"]
    if case.warning:
        assert any(case.warning in w for w in row["warnings"]), row["warnings"]
    if case.same_text_as:
        assert row["text"] == batch.documents[case.same_text_as]["text"]


def test_good_file_rows_match_a_clean_run(batch: Batch, tmp_path: Path) -> None:
    good = batch.folder / GOOD
    clean = subprocess.run(  # a fresh interpreter, like the batch (see the module docstring)
        [sys.executable, "-m", "extract", "run", str(good), "--out", str(tmp_path / "alone"), "--quiet",
         "--jobs", "1", "--timeout", "20", "--memory", "1024"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert clean.returncode == 0, clean.stderr[-2000:]
    doc_id = file_id(good)
    for table in [*OTHER_TABLES, "documents"]:
        among_hostile = [r for r in read_rows(batch.out, table) if r["doc_id"] == doc_id]
        assert among_hostile == read_rows(tmp_path / "alone", table), table
    assert batch.documents[GOOD]["status"] == "ok" and batch.documents[GOOD]["n_indicators"] > 0


def test_failed_files_write_no_other_rows(batch: Batch) -> None:
    failed = {d["doc_id"] for d in batch.documents.values() if d["status"] == "failed"}
    assert failed
    for table in OTHER_TABLES:
        assert not [r for r in read_rows(batch.out, table) if r["doc_id"] in failed], table


def test_no_network_during_batch(batch: Batch) -> None:
    assert batch.network == []
    crashes = [d["reason"] for d in batch.documents.values() if d["error"] == "crash"]
    assert not [r for r in crashes if "network" in r]


def _dial(path: Path, source: str, doc_id: str):
    """A worker that tries to reach the network."""
    import socket
    import urllib.request

    for attempt in (lambda: socket.create_connection(("example.org", 80), timeout=1),
                    lambda: socket.socket().connect(("192.0.2.1", 80)),
                    lambda: urllib.request.urlopen("http://example.org", timeout=1)):
        try:
            attempt()
        except OSError:
            pass
    return process_file(path, source, doc_id)


def test_network_guard_reaches_forked_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "network.log"
    forbid_network(log, monkeypatch.setattr)
    good = tmp_path / "good.txt"
    good.write_text("Sprawozdanie za rok 2020\n\nObjęto wsparciem 1368 rodzin.\n", encoding="utf-8")
    limits = Limits(seconds=20, memory=_address_space() + 1024**3)
    [(_, rows)] = read_contained([(good, "good.txt", "good")], 1, limits, work=_dial)
    assert rows["documents"][0]["status"] == "ok"
    calls = log.read_text().splitlines()
    assert len(calls) == 3 and all(c.split()[0] != str(os.getpid()) for c in calls), calls


def test_batch_stays_within_bounds(batch: Batch) -> None:
    assert batch.summary["seconds"] < 2 * LIMITS.seconds + 30, batch.summary["seconds"]
    assert batch.summary["statuses"].get("ok", 0) >= 10 and not batch.summary["duplicates"]


def _stand_in(path: Path, source: str, doc_id: str):
    """What a worker runs in the limit tests: the file's name says how to misbehave."""
    if path.name == "hang":
        time.sleep(120)
    if path.name == "hog":
        return {"documents": [{"n": len(bytearray(64 * 1024**3))}]}  # 64 GiB: refused at once
    if path.name == "exit":
        os._exit(7)
    if path.name == "raise":
        raise RecursionError("deep inside a parser")
    return process_file(path, source, doc_id)


def test_worker_limits_stop_hangs_hogs_and_crashes(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Sprawozdanie za rok 2020\n\nObjęto wsparciem 1368 rodzin.\n", encoding="utf-8")
    jobs = [(tmp_path / name, name, name) for name in ("hang", "hog", "exit", "raise")]
    jobs.append((good, "good.txt", file_id(good)))
    started = time.monotonic()
    limits = Limits(seconds=1.5, memory=_address_space() + 1024**3)  # see the test below
    results = dict(read_contained(jobs, workers=2, limits=limits, work=_stand_in))
    elapsed = time.monotonic() - started
    rows = {doc_id: rows["documents"][0] for doc_id, rows in results.items()}
    assert set(rows) == {"hang", "hog", "exit", "raise", file_id(good)}
    assert (rows["hang"]["status"], rows["hang"]["error"]) == ("failed", "timeout")
    assert "1.5 s" in rows["hang"]["reason"]
    assert (rows["hog"]["status"], rows["hog"]["error"]) == ("failed", "memory")
    assert (rows["exit"]["error"], rows["exit"]["reason"]) == ("crash", "worker died (exit code 7)")
    assert rows["raise"]["error"] == "crash" and "RecursionError" in rows["raise"]["reason"]
    assert rows[file_id(good)]["status"] == "ok"
    assert elapsed < 10, elapsed


def _address_space() -> int:
    """This process's virtual memory size in bytes: what RLIMIT_AS is measured against."""
    return int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()


def _allocate(path: Path, source: str, doc_id: str):
    """A worker that needs 300 MiB, well within a 1 GiB budget."""
    block = bytearray(300 * 1024**2)
    return process_file(path, source, doc_id) if block else {}


def test_memory_budget_does_not_depend_on_the_parent(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    shutil.copyfile(TEXT_REPORTS[0], good)
    in_process = lambda jobs: ((doc_id, process_file(p, s, doc_id)) for p, s, doc_id in jobs)  # noqa: E731
    run([str(good)], tmp_path / "warm", reader=in_process)  # the parent reads and writes Parquet, as a batch does
    if _address_space() + 300 * 1024**2 < LIMITS.memory:
        pytest.skip("this process is too small to show the problem")
    results = dict(read_contained([(good, "good.txt", "good")], 1, LIMITS, work=_allocate))
    assert results["good"]["documents"][0]["status"] == "ok", results["good"]["documents"][0]["reason"]


def _whose(path: Path, source: str, doc_id: str):
    """A stand-in that says which process read the file (and dies on a file named "exit",
    finds one named "damaged" damaged)."""
    from extract.pipeline import failed_rows

    if path.name == "exit":
        os._exit(3)
    if path.name == "damaged":
        rows = failed_rows(doc_id, source, "corrupt", "damaged or truncated PDF: no trailer")
        rows["documents"][0]["pid"] = os.getpid()
        return rows
    return {"documents": [{"pid": os.getpid()}]}


def test_a_worker_reads_files_in_turn_and_is_replaced_when_spent_or_dead(tmp_path: Path) -> None:
    names = ["a", "b", "c", "exit", "d", "e"]
    jobs = [(tmp_path / name, name, name) for name in names]
    limits = Limits(seconds=20, memory=_address_space() + 1024**3, files_per_worker=2)
    results = dict(read_contained(jobs, workers=1, limits=limits, work=_whose))
    pid = {name: results[name]["documents"][0].get("pid") for name in names}
    assert results["exit"]["documents"][0]["error"] == "crash"
    assert pid["a"] == pid["b"] != pid["c"]  # two files per worker, then a fresh one
    assert pid["d"] not in (pid["a"], pid["c"]) and pid["d"] == pid["e"]  # a dead worker is replaced
    assert os.getpid() not in pid.values()


def test_a_worker_that_found_a_file_damaged_reads_no_other(tmp_path: Path) -> None:
    names = ["a", "damaged", "b", "c"]
    jobs = [(tmp_path / name, name, name) for name in names]
    limits = Limits(seconds=20, memory=_address_space() + 1024**3, files_per_worker=10)
    results = dict(read_contained(jobs, workers=1, limits=limits, work=_whose))
    pid = {name: results[name]["documents"][0].get("pid") for name in names}
    assert results["damaged"]["documents"][0]["error"] == "corrupt"
    assert pid["a"] == pid["damaged"] != pid["b"] == pid["c"]  # a parser's damage stays with that worker


def _parser_out_of_memory(path: Path, source: str, doc_id: str):
    """A parser that runs into the memory limit and reports a damaged file, as C parsers do."""
    from extract.pipeline import failed_rows

    grabbed = []
    try:
        while True:
            grabbed.append(bytearray(16 * 1024**2))
    except MemoryError:
        grabbed.clear()
    return failed_rows(doc_id, source, "corrupt", "damaged or truncated PDF: Failed to load page")


def _really_damaged(path: Path, source: str, doc_id: str):
    from extract.pipeline import failed_rows

    return failed_rows(doc_id, source, "corrupt", "damaged or truncated PDF: no trailer")


def test_a_file_that_hit_the_memory_limit_is_not_called_damaged(tmp_path: Path) -> None:
    limits = Limits(seconds=30, memory=256 * 1024**2)
    hit = dict(read_contained([(tmp_path / "big.pdf", "big.pdf", "big")], 1, limits, work=_parser_out_of_memory))
    assert hit["big"]["documents"][0]["error"] == "memory"
    damaged = dict(read_contained([(tmp_path / "bad.pdf", "bad.pdf", "bad")], 1, limits, work=_really_damaged))
    assert damaged["bad"]["documents"][0]["error"] == "corrupt"
