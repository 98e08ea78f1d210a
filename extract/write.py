"""Rows of a run → the dataset: the rows kept from earlier runs plus the new ones, streamed.

Each table is rewritten as a stream: the rows of the documents it keeps are copied from its
files in pieces, then the new documents' rows are added one document at a time from the
spill, so memory holds a row group per table, not the dataset. ``panel`` is derived from the
written ``indicators``, a batch of documents at a time (only rows with a canonical key are
turned into Python). Every table is moved
into place together (:func:`extract.dataset.commit_tables`): the renames are recorded before the
first is made, so a run killed while writing leaves either the previous tables or a record that
the next run, check or :func:`extract.load` completes, never tables of two runs side by side.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from extract.dataset import (
    DERIVED,
    MANIFEST,
    TABLES,
    DocumentRanges,
    Plan,
    TableWriter,
    check_schema,
    commit_tables,
    finish_arrow,
    holding,
    plain_arrow,
    python_rows,
    read_batches,
    read_rows,
)
from extract.measures import vocabulary_keys
from extract.panel import build_measures, build_panel, panel_candidates
from extract.spill import Spill

Row = dict[str, Any]


@dataclass
class Written:
    """What the run's documents amount to in the written dataset, for the run's summary."""

    statuses: dict[str, int] = field(default_factory=dict)
    figures: int = 0
    unmapped: int = 0  # figures of the run's files whose measure is not one of the shared vocabulary
    pruned: int = 0
    failed_files: list[str] = field(default_factory=list)


def write_dataset(
    out: Path, spill: Spill, fresh: dict[str, str], current: dict[str, str], duplicates: dict[str, str], prune: bool
) -> Written:
    """Write every table of ``out``: existing rows of documents still wanted, then the rows in
    ``spill`` (``fresh``: doc_id → source path of each document read in this run).

    ``current`` maps every input's source path to its doc_id, ``duplicates`` the inputs whose
    bytes another input has (they get a documents row of their own and share the rest); with
    ``prune``, documents of files no longer among the inputs are dropped.
    """
    listed = read_rows(out, "documents", columns=["doc_id", "source_path"])
    still = kept_documents(listed, fresh, set(current) if prune else None)
    final = still | set(fresh)
    live = {doc_id for doc_id in current.values() if doc_id in final}
    written = Written(pruned=len([d for d in listed if d["doc_id"] not in final]))
    writers = {table: TableWriter(out, table) for table in TABLES if table not in DERIVED}
    years: dict[str, Row] = {}  # doc_id → the document's year, TERYT code and municipality, for the panel
    copies: dict[str, list[str]] = {}  # doc_id → sources of the inputs with the same bytes
    for source, doc_id in sorted(duplicates.items()):
        copies.setdefault(doc_id, []).append(source)
    wanted, live_ids = pa.array(sorted(still), pa.string()), pa.array(sorted(live), pa.string())
    for table in writers if still else ():
        check_schema(out, table)  # kept rows are copied as they are: they must fit the schema
    try:
        for table, writer in writers.items() if still else ():  # nothing kept: old files are not read
            for batch in read_batches(out, table, writer.group):
                batch = batch.filter(holding(batch, "doc_id", wanted))
                if table == "documents":
                    add_kept_documents(writer, batch, duplicates, copies, current, written, years)
                else:
                    writer.add_arrow(batch)
                    if table == "indicators":
                        written.unmapped += count_unmapped(batch, live_ids)
                pa.default_memory_pool().release_unused()  # Arrow's allocator keeps what a batch freed:
                # over a documents table (whole texts) that is 50-90 MiB more at the peak
        for doc_id, rows in spill.by_doc_id():
            for table, writer in writers.items():
                if table == "documents":
                    add_documents(writer, rows.get(table, []), duplicates, copies, current, written, years)
                else:
                    writer.add(rows.get(table, []))
            if doc_id in live:
                written.unmapped += sum(1 for f in rows.get("indicators", []) if f.get("measure_key") not in vocabulary_keys())
        plans: dict[str, Plan] = {}
        try:
            plans = {table: writer.stage() for table, writer in writers.items()}
            plans["derived"] = stage_panel(out, years, [temp for temp, _final in plans["indicators"].renames])
            commit_tables(out, sum(plans.values(), Plan()))
        except BaseException:  # a full disk, an interrupt: staged files go unless a commit record needs them
            if not (out / MANIFEST).exists():
                for plan in plans.values():
                    for temp, _final in plan.renames:
                        temp.unlink(missing_ok=True)
            raise
    finally:
        for writer in writers.values():
            writer.discard()
    return written


def kept_documents(listed: list[dict[str, Any]], fresh: dict[str, str], keep: set[str] | None) -> set[str]:
    """doc_ids of existing documents to keep: not re-read, not replaced by a changed file of the
    same path, and (with ``keep``) still among the inputs."""
    replaced = set(fresh.values())
    dropped = {d["doc_id"] for d in listed if d["source_path"] in replaced}
    if keep is not None:
        dropped |= {d["doc_id"] for d in listed if d["source_path"] not in keep}
    dropped -= set(fresh)
    return {d["doc_id"] for d in listed if d["doc_id"] not in dropped} - set(fresh)


def add_documents(
    writer: TableWriter,
    rows: list[dict[str, Any]],
    duplicates: dict[str, str],
    copies: dict[str, list[str]],
    current: dict[str, str],
    written: Written,
    years: dict[str, Row],
) -> None:
    """Documents rows, each followed by a copy for every input with the same bytes (``copies``,
    doc_id → their sources: each gets its own source path and a warning naming the original);
    old rows of those inputs (``duplicates``, source → doc_id) are dropped."""
    for row in rows:
        if row["source_path"] in duplicates:
            continue
        note = f"same bytes as {row['source_path']}"
        for document in [row, *({**row, "source_path": s, "warnings": [*row["warnings"], note]} for s in copies.get(row["doc_id"], []))]:
            writer.add([document])
            count_document(document, current, written, years)


DOCUMENT_FACTS = ["doc_id", "source_path", "year", "teryt", "municipality", "status", "n_indicators", "reason"]  # what count_document reads


def add_kept_documents(
    writer: TableWriter,
    batch: pa.Table,
    duplicates: dict[str, str],
    copies: dict[str, list[str]],
    current: dict[str, str],
    written: Written,
    years: dict[str, Row],
) -> None:
    """Kept documents rows as :func:`add_documents` adds them, but moved in Arrow: they carry
    the whole text, which would cost more to turn into Python strings and back than the rest
    of the copy. Only a batch holding a document with copies goes through Python."""
    facts = python_rows(batch.select(DOCUMENT_FACTS))
    if any(row["doc_id"] in copies for row in facts):
        add_documents(writer, python_rows(batch), duplicates, copies, current, written, years)
        return
    keep = [row["source_path"] not in duplicates for row in facts]
    writer.add_arrow(batch.filter(pa.array(keep, pa.bool_())))
    for row in itertools.compress(facts, keep):
        count_document(row, current, written, years)


def count_document(document: dict[str, Any], current: dict[str, str], written: Written, years: dict[str, Row]) -> None:
    """Note a written documents row: its year and place for the panel, and, when it is the row
    of an input of this run, its status and figures for the summary."""
    years.setdefault(document["doc_id"], {k: document.get(k) for k in ("doc_id", "year", "teryt", "municipality", "source_path")})
    if current.get(document["source_path"]) == document["doc_id"]:
        written.statuses[document["status"]] = written.statuses.get(document["status"], 0) + 1
        written.figures += document["n_indicators"] or 0
        if document["status"] == "failed":
            written.failed_files.append(f"{document['source_path']}: {document['reason']}")


def summarise_unchanged(out: Path, current: dict[str, str]) -> Written:
    """What a run that changes nothing reports: the inputs' statuses and figures as recorded,
    read from the dataset without rewriting it."""
    written = Written()
    for document in read_rows(out, "documents", columns=["doc_id", "source_path", "status", "n_indicators", "reason"]):
        count_document(document, current, written, {})
    live = pa.array(sorted(set(current.values())), pa.string())
    for batch in read_batches(out, "indicators", columns=["doc_id", "measure_key"]):
        written.unmapped += count_unmapped(batch, live)
    return written


def count_unmapped(batch: pa.Table, live_ids: pa.Array) -> int:
    """Rows of ``batch`` that belong to a live document and whose measure the vocabulary lacks."""
    known = pa.array(sorted(vocabulary_keys()), pa.string())
    unmapped = pc.and_(holding(batch, "doc_id", live_ids), pc.invert(pc.is_in(batch.column("measure_key"), known)))
    return pc.sum(unmapped).as_py() or 0



PANEL_BATCH = 500  # documents whose figures are turned into panel candidates at a time


def stage_panel(out: Path, years: dict[str, Row], indicator_files: list[Path]) -> Plan:
    """The panel and the measures, built from the staged indicators: each batch of documents
    gives its candidates (one per cell and document), then the cells are settled across
    documents; the rows wait in Arrow, sorted by key as :func:`write_table` sorts them. Returns
    their plan, to be committed with the other tables."""
    indicators = DocumentRanges(out, "indicators", indicator_files)
    candidates: list[Row] = []
    doc_ids = sorted(years)
    for start in range(0, len(doc_ids), PANEL_BATCH):
        batch = doc_ids[start : start + PANEL_BATCH]
        figures = indicators.rows(batch, keep=lambda table: pc.is_valid(table.column("value")))
        candidates += panel_candidates(figures, [years[d] for d in batch])
    plan = Plan()
    for table, rows in (("panel", build_panel(candidates)), ("measures", build_measures(candidates))):
        writer = TableWriter(out, table)
        try:
            writer.add_arrow(finish_arrow(table, plain_arrow(table, rows)))
            plan = plan + writer.stage()
        finally:
            writer.discard()
    return plan
