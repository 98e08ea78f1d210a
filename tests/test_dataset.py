"""The Parquet dataset: schemas, keys, determinism, readers, incremental runs, kills, Dask."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from conftest import CORPUS, ROOT, TEXT_REPORTS
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.dataset import (
    DERIVED,
    TABLES,
    DatasetError,
    DocumentRanges,
    TableWriter,
    arrow_schema,
    data_dictionary,
    python_rows,
    read_batches,
    read_rows,
    table_spec,
    to_arrow,
    write_table,
)
from extract.panel import build_measures, build_panel, panel_candidates
from extract.pipeline import file_id
from extract.rules import load
from extract.runner import run
from extract.write import Written, add_documents, add_kept_documents

RUN_TABLES = [t for t in TABLES if t != "findings"]  # what `run` writes; `check` writes findings
DOCUMENT_TABLES = [t for t in RUN_TABLES if t not in ("panel", "measures")]  # rows that each belong to one document


def parquet_files(out: Path) -> dict[str, bytes]:
    """Every Parquet file of the tables ``run`` writes, by relative path, with its bytes."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for table in RUN_TABLES
        for p in sorted((out / table).glob("*.parquet"))
        if not p.name.startswith(".")
    }


def assert_same_bytes(left: Path, right: Path) -> None:
    """The two outputs hold the same Parquet files with identical bytes."""
    a, b = parquet_files(left), parquet_files(right)
    assert sorted(a) == sorted(b)
    for name in a:
        assert a[name] == b[name], f"{name} differs"


def copy_inputs(target: Path, names: list[str] | None = None) -> Path:
    """Corpus files (all, or those named) copied to ``target``."""
    target.mkdir(parents=True)
    for path in sorted(CORPUS.iterdir()):
        if path.is_file() and path.name != "README.md" and (names is None or path.name in names):
            shutil.copyfile(path, target / path.name)
    return target


@pytest.fixture(scope="module")
def checked(dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session dataset with the check run over it (so ``findings`` exists)."""
    from extract.audit import check_dataset

    out = tmp_path_factory.mktemp("checked") / "out"
    shutil.copytree(dataset, out)
    check_dataset(out, None, None)
    return out


@pytest.mark.parametrize("table", TABLES)
def test_table_matches_its_schema_when_read_back(checked: Path, table: str) -> None:
    expected = arrow_schema(table)
    files = [p for p in sorted((checked / table).glob("*.parquet")) if not p.name.startswith(".")]
    assert files, table
    for file in files:
        read = pq.read_table(file)
        assert read.schema.equals(expected, check_metadata=False), file
        assert read.schema.metadata[b"grain"] == table_spec(table)["grain"].encode()
        for column in table_spec(table)["columns"]:
            metadata = read.schema.field(column["name"]).metadata
            assert metadata[b"description"].decode() == column["meaning"], (table, column["name"])
            if column.get("unit"):
                assert metadata[b"unit"].decode() == column["unit"]
        to_arrow(table, read.to_pylist())  # the rows validate again
    if table_spec(table).get("partition") == "year":
        assert all(p.name.startswith("year=") for p in files)


def test_foreign_keys_resolve(dataset: Path) -> None:
    rows = {t: read_rows(dataset, t) for t in RUN_TABLES}
    ids = {
        "documents": {r["doc_id"] for r in rows["documents"]},
        "sections": {r["section_id"] for r in rows["sections"]},
        "projects": {r["project_id"] for r in rows["projects"]},
        "indicators": {r["indicator_id"] for r in rows["indicators"]},
        "tables": {r["table_id"] for r in rows["tables"]},
    }
    links = [
        ("sections", "parent_id", "sections"), ("projects", "section_id", "sections"),
        ("indicators", "section_id", "sections"), ("indicators", "project_id", "projects"),
        ("indicators", "parent_id", "indicators"), ("indicators", "table_id", "tables"),
        ("tables", "section_id", "sections"), ("table_cells", "table_id", "tables"),
        ("panel", "indicator_id", "indicators"),
        *[(t, "doc_id", "documents") for t in RUN_TABLES if t not in ("documents", "measures")],
    ]
    for table, column, target in links:
        values = {r[column] for r in rows[table]} - {None}
        assert values <= ids[target], (table, column, sorted(values - ids[target])[:5])
    listed = {i for r in rows["panel"] for i in r["indicator_ids"]}
    assert listed and listed <= ids["indicators"]
    measures = {r["measure_key"] for r in rows["measures"]}
    assert {r["measure_key"] for r in rows["panel"]} == measures
    assert measures <= {r["measure_key"] for r in rows["indicators"]}
    for table in ("sections", "projects", "indicators", "tables"):
        key = table_spec(table)["key"][0]
        assert all(r[key].startswith(r["doc_id"]) for r in rows[table]), table


def test_two_runs_give_identical_bytes(dataset: Path, tmp_path: Path) -> None:
    summary = run([str(CORPUS)], tmp_path / "again", workers=1)
    assert_same_bytes(dataset, tmp_path / "again")
    indicators = read_rows(dataset, "indicators")
    known = {e["key"] for e in load("measures")["measures"]}
    assert summary.unmapped == sum(1 for r in indicators if r["measure_key"] not in known) > 0
    assert summary.figures == len(indicators)


def test_readers_agree(dataset: Path) -> None:
    frame = pd.read_parquet(dataset / "indicators")
    assert frame["year"].dtype.kind == "i" and frame["value"].dtype == "float64"
    assert isinstance(frame["qualifiers"].iloc[0], dict) and set(frame["qualifiers"].iloc[0]) == {"district", "sex", "age"}
    assert frame["qualifiers"].map(lambda q: q["district"]).notna().any()
    table = ds.dataset(dataset / "indicators", format="parquet").to_table()
    assert table.num_rows == len(frame) and str(table.schema.field("year").type) == "int32"
    panel = pd.read_parquet(dataset / "panel")
    assert panel["year"].dtype.kind == "i" and len(panel) > 0
    assert set(panel["indicator_key"].dropna().astype(str)) <= set(frame["indicator_key"].dropna().astype(str))
    assert set(panel["measure_key"]) <= set(frame["measure_key"])


def test_duckdb_reads_the_dataset(dataset: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    glob = (dataset / "indicators" / "*.parquet").as_posix()
    years = duckdb.sql(f"select year, count(*) from read_parquet('{glob}') group by year order by year").fetchall()
    assert sum(n for _, n in years) == len(read_rows(dataset, "indicators"))
    assert all(isinstance(y, int) for y, _ in years)


def panel_figure(i: int, value: float | None, doc: str = "d", **extra: object) -> dict:
    row = {"indicator_id": f"{doc}-f{i}", "doc_id": doc, "indicator_key": "foster_families", "measure_key": "rodziny_zastepcze",
           "measure_label": "Rodziny zastępcze", "reason": None, "form": None, "year": 2020,
           "value": value, "unit": "rodzina", "qualifiers": {"district": None, "sex": None, "age": None},
           "parent_id": None, "breakdown": None, "is_total": False, "exactness": "exact",
           "quote": f"q{i}", "char_start": i, "page": None, "table_id": None}
    return row | extra


def test_panel_prefers_a_whole_table_figure() -> None:
    documents = [{"doc_id": "d", "year": 2020, "teryt": "2472011", "municipality": "Ruda Śląska", "source_path": "r.txt"}]
    figures = [
        panel_figure(1, 10, breakdown="w tym", parent_id="d-f4"),  # a part
        panel_figure(2, 3, qualifiers={"district": "Ruda", "sex": None, "age": None}),  # one district: a cell of its own
        panel_figure(3, 12),  # prose
        panel_figure(4, 12, table_id="d-t0"),  # table cell: chosen
        panel_figure(5, None),  # no value: not in the panel
        panel_figure(6, 7, measure_key="kontrakt|socjalny", year=None, parent_id="d-f3"),  # year from the document
        panel_figure(7, 40, reason="ubóstwo"),  # a reason for help: a cell of its own
        panel_figure(8, 5_400, measure_key="zł", unit="zł"),  # names only its unit: no series
        panel_figure(9, 2_100, measure_key="zł", unit="zł", form="zasiłek okresowy"),  # with a form of help: one
    ]
    rows = build_panel(panel_candidates(figures, documents))
    cells = {(r["measure_key"], r["district"], r["reason"]): r for r in rows}
    chosen = cells[("rodziny_zastepcze", None, None)]
    assert (chosen["value"], chosen["indicator_id"], chosen["source"], chosen["quote"]) == (12, "d-f4", "table", "q4")
    assert (chosen["teryt"], chosen["place"], chosen["municipality"]) == ("2472011", "2472011", "Ruda Śląska")
    assert chosen["n_figures"] == 3 and chosen["n_values"] == 1 and chosen["n_documents"] == 1
    assert chosen["indicator_ids"] == ["d-f1", "d-f3", "d-f4"]
    assert cells[("rodziny_zastepcze", "Ruda", None)]["value"] == 3
    assert cells[("rodziny_zastepcze", None, "ubóstwo")]["value"] == 40
    parts_only = cells[("kontrakt|socjalny", None, None)]  # a measure stated only as a part is taken from that part
    assert parts_only["year"] == 2020 and parts_only["value"] == 7 and parts_only["indicator_id"] == "d-f6"
    assert cells[("zł", None, None)]["value"] == 2_100 and cells[("zł", None, None)]["form"] == "zasiłek okresowy"
    assert len(rows) == 5
    to_arrow("panel", rows)


def test_panel_takes_the_latest_report_where_two_disagree() -> None:
    documents = [{"doc_id": "a", "year": 2020, "teryt": "2472011", "municipality": "Ruda Śląska", "source_path": "a.txt"},
                 {"doc_id": "b", "year": 2021, "teryt": "2472011", "municipality": "Ruda Śląska", "source_path": "b.txt"},
                 {"doc_id": "c", "year": 2020, "teryt": None, "municipality": None, "source_path": "c.txt"}]
    figures = [panel_figure(1, 68, "a"), panel_figure(2, 86, "b", year=2020), panel_figure(3, 50, "c")]
    rows = {r["place"]: r for r in build_panel(panel_candidates(figures, documents))}
    town = rows["2472011"]
    assert (town["value"], town["doc_id"], town["n_documents"], town["n_values"]) == (86, "b", 2, 2)
    assert town["indicator_ids"] == ["a-f1", "b-f2"]
    assert rows["doc:c"]["teryt"] is None and rows["doc:c"]["value"] == 50  # a report of no known town: a place of its own
    measures = build_measures(panel_candidates(figures, documents))
    assert [(m["measure_key"], m["n_figures"], m["n_documents"], m["n_towns"], m["years"], m["in_vocabulary"])
            for m in measures] == [("rodziny_zastepcze", 3, 3, 1, [2020], True)]


def test_rerun_replaces_only_the_changed_document_and_prune_drops(tmp_path: Path) -> None:
    names = [p.name for p in TEXT_REPORTS] + [TEXT_REPORTS[-1].with_suffix(".docx").name]
    inputs = copy_inputs(tmp_path / "in", names)
    out = tmp_path / "out"
    run([str(inputs)], out, workers=2)
    before = {t: read_rows(out, t) for t in RUN_TABLES}
    changed = inputs / TEXT_REPORTS[0].name
    old_id = file_id(changed)
    changed.write_text(changed.read_text(encoding="utf-8") + "\nW 2013 roku zawarto 7 kontraktów socjalnych.\n",
                       encoding="utf-8")
    new_id = file_id(changed)
    summary = run([str(inputs)], out, workers=2)
    assert summary.unchanged == len(names) - 1 and summary.statuses == {"ok": len(names)}
    after = {t: read_rows(out, t) for t in RUN_TABLES}
    for table in DOCUMENT_TABLES:
        assert [r for r in after[table] if r["doc_id"] != new_id] == [r for r in before[table] if r["doc_id"] != old_id]
        assert not [r for r in after[table] if r["doc_id"] == old_id], table
    assert [r["doc_id"] for r in after["documents"] if r["source_path"].endswith(changed.name)] == [new_id]
    assert len([r for r in after["indicators"] if r["doc_id"] == new_id]) == 1 + len(
        [r for r in before["indicators"] if r["doc_id"] == old_id])

    removed = inputs / names[-1]
    removed_id = file_id(removed)
    removed.unlink()
    kept = run([str(inputs)], out, workers=2)
    assert kept.pruned == 0 and removed_id in {r["doc_id"] for r in read_rows(out, "documents")}
    pruned = run([str(inputs)], out, workers=2, prune=True)
    assert pruned.pruned == 1
    for table in [*DOCUMENT_TABLES, "panel"]:
        assert not [r for r in read_rows(out, table) if r["doc_id"] == removed_id], table


def test_killed_run_leaves_readable_output_and_rerun_completes(tmp_path: Path) -> None:
    inputs = copy_inputs(tmp_path / "in")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "extract", "run", str(inputs), "--out", str(out), "--quiet", "--jobs", "1"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline and not list(out.glob("*/*.parquet")):
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    for file in out.glob("*/*.parquet"):
        if not file.name.startswith("."):  # ".tmp-*" files are half-written; readers and runs skip them
            pq.read_table(file)
    for folder in out.iterdir() if out.exists() else []:
        if not folder.name.startswith("."):  # a ".spill-*" folder holds the rows being written
            pd.read_parquet(folder)
    (out / ".spill-killed").mkdir(parents=True, exist_ok=True)  # what a run killed while reading leaves
    (out / ".spill-killed" / "0.pickle").write_bytes(b"half")
    run([str(inputs)], out, workers=2)
    run([str(inputs)], tmp_path / "clean", workers=2)
    assert_same_bytes(out, tmp_path / "clean")
    assert not list(out.glob("*/.tmp-*")) and not list(out.glob(".spill-*"))


def test_dask_executor_gives_identical_bytes(dataset: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    from extract.executors import dask_reader

    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        run([str(CORPUS)], tmp_path / "dask", reader=dask_reader(cluster.scheduler_address))
        jobs = [(p, p.name, file_id(p)) for p in TEXT_REPORTS]
        results = dict(dask_reader(cluster.scheduler_address, work=_fail_on_2013)(jobs))
    assert_same_bytes(dataset, tmp_path / "dask")
    failed = [rows["documents"][0] for rows in results.values() if rows["documents"][0]["status"] == "failed"]
    assert len(results) == len(jobs) and len(failed) == 1
    assert failed[0]["error"] == "crash" and "ValueError: no 2013" in failed[0]["reason"]


def test_dask_executor_holds_each_file_to_the_limits() -> None:
    distributed = pytest.importorskip("distributed")
    from extract.executors import dask_reader
    from extract.runner import Limits

    jobs = [(p, p.name, file_id(p)) for p in TEXT_REPORTS]
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        reader = dask_reader(cluster.scheduler_address, work=_hang_on_2013, limits=Limits(seconds=2))
        results = {rows["documents"][0]["source_path"]: rows["documents"][0] for _, rows in reader(jobs)}
    statuses = {name: (d["status"], d["error"]) for name, d in results.items()}
    assert sorted(statuses.values()) == [("failed", "timeout"), ("ok", None)]
    assert statuses[next(n for n in statuses if "2013" in n)] == ("failed", "timeout")


def test_a_daemon_dask_worker_reads_without_limits_and_says_so() -> None:
    import multiprocessing as mp

    from extract.executors import NOT_CONTAINED, read_batch
    from extract.runner import Limits

    receiver, sender = mp.get_context("fork").Pipe(duplex=False)
    report = TEXT_REPORTS[-1]

    def in_daemon() -> None:
        ((_doc_id, rows),) = read_batch([(report, report.name, file_id(report))], Limits(seconds=30))
        sender.send(rows["documents"][0]["warnings"])

    process = mp.get_context("fork").Process(target=in_daemon, daemon=True)
    process.start()
    assert receiver.poll(60) and NOT_CONTAINED in receiver.recv()
    process.join(5)


def _hang_on_2013(path: Path, source: str, doc_id: str) -> dict:
    """A stand-in worker job that never ends for one file."""
    from extract.pipeline import process_file

    if "2013" in path.name:
        time.sleep(3600)
    return process_file(path, source, doc_id)


def _fail_on_2013(path: Path, source: str, doc_id: str) -> dict:
    """A stand-in worker job that raises for one file."""
    from extract.pipeline import process_file

    if "2013" in path.name:
        raise ValueError("no 2013")
    return process_file(path, source, doc_id)


def test_cli_summary_counts_unmapped_and_checks_executor_options(tmp_path: Path) -> None:
    base = [sys.executable, "-m", "extract", "run", str(TEXT_REPORTS[-1]), "--out", str(tmp_path / "o"), "--quiet"]
    done = subprocess.run([*base, "--log-format", "json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    summary = json.loads(done.stdout)
    assert done.returncode == 0 and 0 < summary["unmapped"] < summary["figures"]
    wrong = subprocess.run([*base, "--scheduler", "tcp://127.0.0.1:1"], cwd=ROOT, capture_output=True, timeout=120)
    assert wrong.returncode == 2


def test_a_run_killed_between_two_renames_is_completed_by_the_next_reader(tmp_path: Path) -> None:
    """SIGKILL at the third rename of a commit (after the manifest and one table are in place):
    the folder holds a record of the commit, and the next reader completes it, so documents and
    indicators belong to one run."""
    import subprocess
    import sys

    import extract

    out = tmp_path / "o"
    run([str(TEXT_REPORTS[0])], out, workers=1)
    script = f"""
import os, signal
import extract.dataset as ds
from extract.runner import run
real, calls = os.replace, []
def dying(a, b):
    calls.append(b)
    if len(calls) == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    real(a, b)
ds.os.replace = dying
run([{str(TEXT_REPORTS[0])!r}, {str(TEXT_REPORTS[1])!r}], __import__("pathlib").Path({str(out)!r}), workers=1)
"""
    killed = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert killed.returncode == -9 and (out / ".commit.json").exists()
    documents, indicators = extract.load(out, "documents"), extract.load(out, "indicators")
    assert not (out / ".commit.json").exists() and len(documents) == 2
    assert set(indicators["doc_id"]) == set(documents["doc_id"])
    assert set(extract.load(out, "panel")["doc_id"]) <= set(documents["doc_id"])


def test_every_table_takes_its_place_in_one_commit(tmp_path: Path, monkeypatch) -> None:
    import extract.dataset
    import extract.write

    committed: list[list[str]] = []
    commit_tables = extract.dataset.commit_tables

    def record(out: Path, plan) -> None:  # type: ignore[no-untyped-def]
        committed.append(sorted({final.parent.name for _temp, final in plan.renames}))
        commit_tables(out, plan)

    monkeypatch.setattr(extract.write, "commit_tables", record)
    run([str(TEXT_REPORTS[-1])], tmp_path / "o", workers=1)
    assert committed == [sorted(t for t in TABLES if t != "findings")]
    assert "findings" in DERIVED and "panel" in DERIVED


def test_data_dictionary_is_up_to_date() -> None:
    committed = (ROOT / "docs" / "DATA.md").read_text(encoding="utf-8")
    assert committed == data_dictionary(), "docs/DATA.md is stale: run python scripts/make_data_dictionary.py"
    for table in TABLES:
        assert f"## `{table}`" in committed and table_spec(table)["grain"] in committed


def _figure(doc: str, k: int, year: int | None) -> dict:
    return {"indicator_id": f"{doc}-f{k:04}", "doc_id": doc, "year": year, "value": float(k), "quote": "x" * (k % 7)}


def test_table_writer_streams_row_groups_and_matches_a_whole_write(tmp_path: Path, monkeypatch) -> None:
    import extract.dataset

    monkeypatch.setattr(extract.dataset, "ROW_GROUP", 7)
    years = [2013, 2020, None]
    rows = [_figure(doc, k, years[k % 3]) for doc in ("a", "b", "c") for k in range(20)]
    write_table(tmp_path / "whole", "indicators", rows)
    writer = TableWriter(tmp_path / "streamed", "indicators")
    writer.add(r for r in rows if r["doc_id"] != "c")
    for batch in read_batches(tmp_path / "whole", "indicators", rows=5):  # rows already in Arrow pass through
        writer.add_arrow(batch.filter(pc.equal(batch.column("doc_id"), "c")))
    writer.commit()
    whole, streamed = tmp_path / "whole" / "indicators", tmp_path / "streamed" / "indicators"
    assert sorted(f.name for f in streamed.iterdir()) == sorted(f.name for f in whole.iterdir()) == [
        "year=2013.parquet", "year=2020.parquet", "year=None.parquet"]
    assert read_rows(tmp_path / "streamed", "indicators") == read_rows(tmp_path / "whole", "indicators")
    for file in streamed.iterdir():
        meta = pq.ParquetFile(file).metadata
        assert meta.num_rows == pq.ParquetFile(whole / file.name).metadata.num_rows and meta.num_row_groups > 1
        assert all(meta.row_group(k).num_rows <= 7 for k in range(meta.num_row_groups))


def test_table_writer_discard_leaves_the_table_as_it_was(tmp_path: Path) -> None:
    write_table(tmp_path, "indicators", [_figure("a", 1, 2013)])
    before = read_rows(tmp_path, "indicators")
    writer = TableWriter(tmp_path, "indicators")
    writer.add([_figure("b", k, 2020) for k in range(3)])
    writer._flush("year=2020")  # a row group already on disk, in a hidden file
    writer.discard()
    assert read_rows(tmp_path, "indicators") == before
    assert [f.name for f in (tmp_path / "indicators").iterdir()] == ["year=2013.parquet"]


def test_table_writer_with_nothing_writes_an_empty_table(tmp_path: Path) -> None:
    write_table(tmp_path, "sections", [{"doc_id": "a", "section_id": "a-s1"}])
    TableWriter(tmp_path, "sections").commit()
    assert read_rows(tmp_path, "sections") == [] and [f.name for f in (tmp_path / "sections").iterdir()] == ["part-0.parquet"]


def test_files_with_the_same_bytes_share_rows_and_each_has_a_documents_row(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copyfile(TEXT_REPORTS[-1], inputs / name)
    out = tmp_path / "out"
    first = run([str(inputs)], out, workers=2)
    assert first.files == 2 and len(first.duplicates) == 1 and first.duplicates[0].endswith("b.txt")
    documents = sorted(read_rows(out, "documents"), key=lambda d: d["source_path"])
    assert [Path(d["source_path"]).name for d in documents] == ["a.txt", "b.txt"]
    assert documents[0]["doc_id"] == documents[1]["doc_id"] == file_id(inputs / "a.txt")
    assert documents[1]["warnings"][-1] == f"same bytes as {documents[0]['source_path']}"
    alone = tmp_path / "alone"
    run([str(inputs / "a.txt")], alone, workers=1)
    assert len(read_rows(out, "indicators")) == len(read_rows(alone, "indicators"))  # not written twice
    again = run([str(inputs)], out, workers=2)
    assert again.unchanged == 1 and sorted(read_rows(out, "documents"), key=lambda d: d["source_path"]) == documents


def test_document_ranges_read_each_row_group_once_and_give_only_the_documents_asked(tmp_path: Path, monkeypatch) -> None:
    import extract.dataset

    monkeypatch.setattr(extract.dataset, "ROW_GROUP", 7)
    docs = [f"d{i:02d}" for i in range(12)]
    writer = TableWriter(tmp_path, "indicators")  # documents arrive in doc_id order, as a run writes them
    writer.add(_figure(doc, k, 2013 if k % 2 else 2020) for doc in docs for k in range(5))
    writer.commit()
    whole = read_rows(tmp_path, "indicators")
    files = [pq.ParquetFile(f) for f in (tmp_path / "indicators").iterdir()]
    groups = sum(f.metadata.num_row_groups for f in files)
    reads: list[int] = []
    read_row_group = pq.ParquetFile.read_row_group
    monkeypatch.setattr(pq.ParquetFile, "read_row_group", lambda self, i, **kw: reads.append(i) or read_row_group(self, i, **kw))
    ranges = DocumentRanges(tmp_path, "indicators")
    for batch in (docs[0:3], docs[3:4], docs[4:11], docs[11:]):
        assert ranges.rows(batch) == [r for r in whole if r["doc_id"] in batch]  # in the table's order
    assert groups > 4 and len(reads) == groups  # each row group read once, though batches share them


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), st.sampled_from(["osoba", "rodzina", "%", "zł"])), max_size=6), max_size=4))
def test_python_rows_give_what_to_pylist_gives(chunks: list[list[str | None]]) -> None:
    units = pa.chunked_array([pa.array(chunk, pa.string()).dictionary_encode() for chunk in chunks],
                             type=pa.dictionary(pa.int32(), pa.string()))  # each chunk with its own dictionary
    n = len(units)
    table = pa.table({
        "unit": units,
        "value": pa.array([float(k) if k % 3 else None for k in range(n)], pa.float64()),
        "qualifiers": pa.array([{"sex": "female" if k % 2 else None} for k in range(n)]),
        "flags": pa.array([["comma_thousands"] * (k % 2) for k in range(n)], pa.list_(pa.string())),
    })
    assert python_rows(table) == table.to_pylist()
    assert python_rows(table.select([])) == [{}] * n


def test_a_foreign_or_damaged_table_file_raises_a_dataset_error_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "indicators"
    folder.mkdir()
    foreign = folder / "notes.parquet"
    pq.write_table(pa.table({"text": ["not ours"]}), foreign)
    with pytest.raises(DatasetError, match=r"notes\.parquet has no doc_id column"):
        DocumentRanges(tmp_path, "indicators")
    foreign.write_bytes(b"PAR1 but not really")
    for read in (lambda: read_rows(tmp_path, "indicators"), lambda: list(read_batches(tmp_path, "indicators")),
                 lambda: DocumentRanges(tmp_path, "indicators")):
        with pytest.raises(DatasetError, match=r"notes\.parquet cannot be read as Parquet"):
            read()


def test_table_writer_holds_few_rows_as_dicts_and_writes_the_same_row_groups(tmp_path: Path, monkeypatch) -> None:
    import extract.dataset

    rows = [_figure(doc, k, [2013, 2020][k % 2]) for doc in ("a", "b", "c") for k in range(23)]
    monkeypatch.setattr(extract.dataset, "ROW_GROUP", 7)
    monkeypatch.setattr(extract.dataset, "CHUNK", 7)  # every row group converted at once
    writer = TableWriter(tmp_path / "at_once", "indicators")
    writer.add(rows)
    writer.commit()
    monkeypatch.setattr(extract.dataset, "CHUNK", 3)  # converted three rows at a time
    writer = TableWriter(tmp_path / "in_chunks", "indicators")
    for row in rows:
        writer.add([row])
        assert all(len(held) < 3 for held in writer.pending.values())  # never more dicts than a chunk
    writer.commit()
    for file in (tmp_path / "at_once" / "indicators").iterdir():
        assert file.read_bytes() == (tmp_path / "in_chunks" / "indicators" / file.name).read_bytes()
        meta = pq.ParquetFile(file).metadata
        sizes = [meta.row_group(k).num_rows for k in range(meta.num_row_groups)]
        assert sizes[:-1] == [7] * (len(sizes) - 1) and 0 < sizes[-1] <= 7 and sum(sizes) in (33, 36)


def test_panel_built_one_document_at_a_time_is_the_panel_of_all_figures(dataset: Path, tmp_path: Path, monkeypatch) -> None:
    import extract.write

    monkeypatch.setattr(extract.write, "PANEL_BATCH", 1)
    run([str(CORPUS)], tmp_path, workers=2)
    for table in ("panel", "measures"):
        assert (tmp_path / table / "part-0.parquet").read_bytes() == (dataset / table / "part-0.parquet").read_bytes()
    documents = read_rows(dataset, "documents", columns=["doc_id", "year", "teryt", "municipality", "source_path"])
    whole = build_panel(panel_candidates(read_rows(dataset, "indicators"), documents))
    key = table_spec("panel")["key"]
    assert sorted(whole, key=lambda r: tuple(str(r[k]) for k in key)) == sorted(read_rows(tmp_path, "panel"),
                                                                             key=lambda r: tuple(str(r[k]) for k in key))


def test_kept_documents_moved_in_arrow_equal_those_moved_through_python(dataset: Path, tmp_path: Path) -> None:
    """A rerun copies kept documents rows in Arrow; rows, their order and the summary's counts
    are what the row-by-row path gives, also when an input's old row is dropped as a duplicate."""
    batch = pq.read_table(dataset / "documents")
    rows = read_rows(dataset, "documents")
    dropped = rows[1]["source_path"]
    current = {r["source_path"]: r["doc_id"] for r in rows}
    results = []
    for name, add in (("arrow", add_kept_documents), ("python", add_documents)):
        writer, written, years = TableWriter(tmp_path / name, "documents"), Written(), {}
        add(writer, batch if add is add_kept_documents else rows, {dropped: "elsewhere"}, {}, current, written, years)
        writer.commit()
        results.append((read_rows(tmp_path / name, "documents"), written, years))
    assert results[0] == results[1]
    assert len(results[0][0]) == len(rows) - 1 and results[0][1].statuses == {"ok": len(rows) - 1}
