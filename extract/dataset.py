"""Records → Parquet: Arrow schemas built from ``schemas/``, validated, atomic writes.

Each table is a folder ``DIR/<table>/`` readable with ``pandas.read_parquet(DIR / table)``.
Tables with a ``partition`` key are written one file per value (``year=2020.parquet``), with
the key kept as a typed column inside, so pandas reads ``year`` back as an integer.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from extract import schemas_dir
from extract.rules import read_yaml

SCHEMAS_DIR = schemas_dir()
TABLES = ("documents", "sections", "projects", "indicators", "tables", "table_cells", "panel", "measures", "findings")
DERIVED = ("panel", "measures", "findings")  # rebuilt from the other tables (panel and measures by ``run``, findings by ``check``)
SIMPLE_TYPES = {
    "string": pa.string(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "bool": pa.bool_(),
    "category": pa.dictionary(pa.int32(), pa.string()),
}


class SchemaError(ValueError):
    """Rows that do not fit their table's declared schema."""


class DatasetError(ValueError):
    """A file of an output folder that cannot be read as Parquet."""


@contextmanager
def reading(file: Path) -> Iterator[None]:
    """Turn Arrow's error on a damaged or foreign file into a :class:`DatasetError` naming it."""
    try:
        yield
    except (pa.ArrowException, OSError) as exc:
        raise DatasetError(
            f"{file} cannot be read as Parquet ({exc}). The output folder is damaged: remove its "
            f"documents folder and run `python -m extract run` again to rebuild every table."
        ) from exc


def parse_type(text: str) -> pa.DataType:
    """"int32", "list<string>", "struct<a:string,b:int64>" → Arrow type."""
    text = text.strip()
    if text in SIMPLE_TYPES:
        return SIMPLE_TYPES[text]
    if text.startswith("list<") and text.endswith(">"):
        return pa.list_(parse_type(text[5:-1]))
    if text.startswith("struct<") and text.endswith(">"):
        fields, depth, current = [], 0, ""
        for ch in text[7:-1] + ",":
            if ch == "," and depth == 0:
                name, _, kind = current.partition(":")
                fields.append(pa.field(name.strip(), parse_type(kind)))
                current = ""
                continue
            depth += ch == "<"
            depth -= ch == ">"
            current += ch
        return pa.struct(fields)
    raise SchemaError(f"unknown column type {text!r}")


@cache
def table_spec(table: str) -> dict[str, Any]:
    """The declarative description of a table from ``schemas/<table>.yaml``."""
    path = SCHEMAS_DIR / f"{table}.yaml"
    spec = read_yaml(path)
    for column in spec["columns"]:
        for key in ("name", "type", "meaning"):
            if key not in column:
                raise SchemaError(f"{path}: column {column.get('name', '?')} lacks {key!r}")
    return spec


@cache
def arrow_schema(table: str) -> pa.Schema:
    """Arrow schema of a table; each column's meaning and unit travel in field metadata."""
    fields = []
    for column in table_spec(table)["columns"]:
        metadata = {"description": column["meaning"]}
        if column.get("unit"):
            metadata["unit"] = column["unit"]
        fields.append(pa.field(column["name"], parse_type(column["type"]), metadata=metadata))
    return pa.schema(fields, metadata={"grain": table_spec(table)["grain"]})


def prepare_conversion() -> None:
    """Make pyarrow load what its first conversion from Python values loads (it imports pandas,
    about 0.4 s), so that a batch can do it while its workers read instead of when it writes."""
    pa.array([0])


def holding(table: pa.Table, column: str, values: pa.Array) -> pa.ChunkedArray:
    """Which rows of ``table`` have one of ``values`` (strings) in ``column``: a mask."""
    return pc.is_in(table.column(column).cast(pa.string()), value_set=values)


def python_rows(table: pa.Table) -> list[dict[str, Any]]:
    """An Arrow table's rows as dicts, as ``Table.to_pylist`` gives them, but a category
    (dictionary) column's strings are made once per distinct value rather than once per row:
    three times faster on indicators, and the rows share those strings."""
    columns = []
    for column in table.columns:
        values: list[Any] = []
        for chunk in column.chunks:
            if pa.types.is_dictionary(chunk.type):
                words = chunk.dictionary.to_pylist()
                values.extend(None if i is None else words[i] for i in chunk.indices.to_pylist())
            else:
                values.extend(chunk.to_pylist())
        columns.append(values)
    names = table.column_names
    if not columns:
        return [{} for _ in range(table.num_rows)]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def to_arrow(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Validate rows against the table's schema and build an Arrow table (sorted by key)."""
    return finish_arrow(table, plain_arrow(table, rows))


def plain_arrow(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows checked against the table's schema, in Arrow, in their order, with category columns
    still plain strings (:func:`finish_arrow` sorts and encodes them)."""
    names = set(arrow_schema(table).names)
    for row in rows:
        if not names.issuperset(row):
            raise SchemaError(f"{table}: unknown columns {sorted(set(row) - names)}")
    try:
        return pa.Table.from_pylist(rows, schema=_plain_schema(table))  # Arrow converts, column by column
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise SchemaError(f"{table}: {exc}") from exc


def finish_arrow(table: str, plain: pa.Table) -> pa.Table:
    """A table from :func:`plain_arrow` (or several concatenated) sorted by key, its category
    columns dictionary-encoded in the order their values first appear."""
    schema = arrow_schema(table)
    built = plain.sort_by([(k, "ascending", "at_start") for k in table_spec(table)["key"]])  # a stable sort
    arrays = [
        built.column(f.name).combine_chunks().dictionary_encode().cast(f.type)
        if pa.types.is_dictionary(f.type) else built.column(f.name)
        for f in schema
    ]  # fmt: skip
    return pa.Table.from_arrays(arrays, schema=schema)


@cache
def _plain_schema(table: str) -> pa.Schema:
    """The table's schema with its dictionary (category) columns as plain strings."""
    schema = arrow_schema(table)
    fields = [pa.field(f.name, pa.string(), metadata=f.metadata) if pa.types.is_dictionary(f.type) else f for f in schema]
    return pa.schema(fields, metadata=schema.metadata)


@cache
def umask() -> int:
    """The process's file-creation mask (read once: reading it means setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text_atomic(path: Path, text: str, durable: bool = False) -> None:
    """Write ``path`` whole or not at all: a full disk leaves the old file, not half a page;
    ``durable`` flushes it to disk before it takes its place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(temp, 0o666 & ~umask())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_table(out: Path, table: str, rows: list[dict[str, Any]]) -> None:
    """Replace ``out/<table>/`` with ``rows``, sorted by key as a whole: one file, or one per
    partition value."""
    writer = TableWriter(out, table)
    try:
        writer.add_arrow(to_arrow(table, rows))
        writer.commit()
    finally:
        writer.discard()


ROW_GROUP = 20_000  # rows a TableWriter holds per partition before writing them out (a table's
# schema may set fewer, as ``row_group``: documents rows carry the whole text)
CHUNK = 1_000  # rows added as dicts that a TableWriter converts to Arrow at a time


class TableWriter:
    """One table written as its rows arrive, so that no more than a row group's rows per
    partition are held: rows are checked and converted as :func:`to_arrow` does (sorted by key
    within each row group) and written to hidden files beside the table's. :meth:`commit`
    renames them into place, one file per partition value as :func:`write_table` writes, and
    removes the table's other files; :meth:`discard` leaves the table as it was."""

    def __init__(self, out: Path, table: str) -> None:
        self.folder, self.table = out / table, table
        self.schema = arrow_schema(table)
        self.partition: str | None = table_spec(table).get("partition")
        self.pending: dict[str, list[dict[str, Any]]] = {}  # rows as dicts, fewer than CHUNK
        self.pending_plain: dict[str, list[pa.Table]] = {}  # rows added as dicts, converted
        self.converted: dict[str, int] = {}  # rows in pending_plain
        self.pending_arrow: dict[str, list[pa.Table]] = {}  # rows added in Arrow
        self.writers: dict[str, tuple[pq.ParquetWriter, Path]] = {}
        self.group = int(table_spec(table).get("row_group", ROW_GROUP))

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        """Rows as dicts, as the pipeline makes them; held in Arrow (a tenth of their size as
        dicts) from every :data:`CHUNK` rows until a row group is full."""
        for row in rows:
            name = f"{self.partition}={row.get(self.partition)}" if self.partition else "part-0"
            if name in self.pending_arrow:
                self._flush_arrow(name)
            chunk = self.pending.setdefault(name, [])
            chunk.append(row)
            if len(chunk) >= min(CHUNK, self.group - self.converted.get(name, 0)):
                self.pending_plain.setdefault(name, []).append(plain_arrow(self.table, self.pending.pop(name)))
                self.converted[name] = self.converted.get(name, 0) + len(chunk)
                if self.converted[name] >= self.group:
                    self._flush(name)

    def add_arrow(self, batch: pa.Table) -> None:
        """Rows already in Arrow (read back from the table's files); converted through Python
        only when their schema is not the table's current one."""
        if not batch.schema.equals(self.schema):
            self.add(python_rows(batch))
            return
        column = batch.column(self.partition) if self.partition else None
        for value in column.unique().to_pylist() if column is not None else [None]:
            if column is None:
                name, piece = "part-0", batch
            else:
                chosen = pc.is_null(column) if value is None else pc.equal(column, value)
                name, piece = f"{self.partition}={value}", batch.filter(chosen)
            if piece.num_rows:
                self._flush(name)
                held = self.pending_arrow.setdefault(name, [])
                held.append(piece)
                if sum(t.num_rows for t in held) >= self.group:
                    self._flush_arrow(name)

    def _flush(self, name: str) -> None:
        self.converted.pop(name, None)
        held = self.pending_plain.pop(name, [])
        rows = self.pending.pop(name, [])
        if rows:
            held.append(plain_arrow(self.table, rows))
        if held:
            self._write(name, finish_arrow(self.table, pa.concat_tables(held)))

    def _flush_arrow(self, name: str) -> None:
        held = self.pending_arrow.pop(name, [])
        if held:
            self._write(name, pa.concat_tables(held).combine_chunks())

    def _write(self, name: str, batch: pa.Table) -> None:
        if name not in self.writers:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=".tmp-", suffix=".parquet", dir=self.folder)
            os.close(handle)
            os.chmod(temp, 0o666 & ~umask())  # readable as the user's other files are, not 0600
            self.writers[name] = (pq.ParquetWriter(temp, self.schema, compression="zstd", write_statistics=True), Path(temp))
        self.writers[name][0].write_table(batch, row_group_size=self.group)

    def commit(self) -> None:
        """Write what is left, move every file into place, remove the table's other files."""
        apply_plan(self.stage())

    def stage(self) -> Plan:
        """Write what is left and close the hidden files; return the renames that put them in
        place and the table's other files to remove, for :func:`commit_tables` to carry out."""
        for name in list(self.pending_arrow):
            self._flush_arrow(name)
        for name in sorted(set(self.pending) | set(self.pending_plain)):
            self._flush(name)
        if not self.writers:
            self._write("part-0", to_arrow(self.table, []))
        for writer, _temp in self.writers.values():
            writer.close()
        renames = [(temp, self.folder / f"{name}.parquet") for name, (_writer, temp) in sorted(self.writers.items())]
        staged = {temp for temp, _final in renames}
        wanted = {final.name for _temp, final in renames}
        removals = [old for old in sorted(self.folder.glob("*.parquet")) if old.name not in wanted and old not in staged]
        self.writers = {}
        return Plan(renames, removals)

    def discard(self) -> None:
        """Drop what was written; the table's files stay as they were."""
        for writer, temp in self.writers.values():
            writer.close()
            temp.unlink(missing_ok=True)
        self.writers, self.pending, self.pending_plain, self.pending_arrow, self.converted = {}, {}, {}, {}, {}


@dataclass
class Plan:
    """How staged tables take their place: hidden files renamed over the table's, and the
    table's other files (and hidden ones a killed run left) removed."""

    renames: list[tuple[Path, Path]] = field(default_factory=list)
    removals: list[Path] = field(default_factory=list)

    def __add__(self, other: Plan) -> Plan:
        return Plan(self.renames + other.renames, self.removals + other.removals)


def apply_plan(plan: Plan) -> None:
    """Carry out a plan; a rename already done (its hidden file gone, its target there) is skipped."""
    for temp, final in plan.renames:
        if temp.exists():
            os.replace(temp, final)
    for old in plan.removals:
        old.unlink(missing_ok=True)


MANIFEST = ".commit.json"


def commit_tables(out: Path, plan: Plan) -> None:
    """Put staged tables in place as one step: the plan is written to ``out/.commit.json`` (and
    flushed to disk) before the first rename and removed after the last, so a run killed between
    two renames leaves a record that :func:`finish_commit` completes; no reader working through
    this package sees tables of two runs side by side."""
    record = {"renames": [[os.path.relpath(t, out), os.path.relpath(f, out)] for t, f in plan.renames],
              "removals": [os.path.relpath(p, out) for p in plan.removals]}  # a relative --out and absolute temp files alike
    write_text_atomic(out / MANIFEST, json.dumps(record), durable=True)
    apply_plan(plan)
    (out / MANIFEST).unlink()


def finish_commit(out: Path) -> bool:
    """Complete a commit a killed run left half done (True when there was one)."""
    manifest = out / MANIFEST
    if not manifest.exists():
        return False
    record = json.loads(manifest.read_text(encoding="utf-8"))
    apply_plan(Plan([(out / t, out / f) for t, f in record["renames"]], [out / p for p in record["removals"]]))
    manifest.unlink()
    return True


def table_files(out: Path, table: str) -> list[Path]:
    """The Parquet files of a table, sorted (none when it does not exist yet)."""
    folder = out / table
    return sorted(f for f in folder.glob("*.parquet") if not f.name.startswith(".")) if folder.is_dir() else []


def check_schema(out: Path, table: str) -> None:
    """Raise :class:`DatasetError` when a file of an existing table does not have the columns and
    types ``schemas/`` declares: edited by hand, or written by another version."""
    expected = arrow_schema(table)
    for file in table_files(out, table):
        with reading(file):
            found = pq.read_schema(file)
        names, want = set(found.names), set(expected.names)
        changed = [n for n in sorted(names & want) if not found.field(n).type.equals(expected.field(n).type)]
        if names != want or changed:
            parts = [f"{label}: {', '.join(sorted(items))}" for label, items in
                     (("missing", want - names), ("unexpected", names - want), ("of another type", changed)) if items]
            raise DatasetError(
                f"{file} does not have the columns of schemas/{table}.yaml ({'; '.join(parts)}): it was edited by hand "
                "or written by another version. Remove the output's documents folder and run again to rebuild every table."
            )


def read_batches(out: Path, table: str, rows: int = ROW_GROUP, columns: list[str] | None = None) -> Iterator[pa.Table]:
    """An existing table in pieces of at most ``rows`` rows."""
    for file in table_files(out, table):
        with reading(file):  # around the reading only: the caller's errors do not pass through a yield
            for batch in pq.ParquetFile(file).iter_batches(batch_size=rows, columns=columns):
                yield pa.Table.from_batches([batch])


def read_rows(out: Path, table: str, columns: list[str] | None = None) -> list[dict[str, Any]]:
    """All rows of an existing table as dicts ([] when it does not exist yet); only ``columns``
    when given."""
    rows: list[dict[str, Any]] = []
    for file in table_files(out, table):
        with reading(file):
            table = pq.read_table(file, columns=columns)
        rows.extend(python_rows(table))
    return rows


class DocumentRanges:
    """A table read a few documents at a time, in doc_id order. Every table's key starts with
    the doc_id and tables are written sorted by key, so each row group holds a narrow range of
    doc_ids: only row groups whose doc_id statistics overlap the documents asked for are read,
    and one is kept until the documents asked for have passed its range (each read once)."""

    def __init__(self, out: Path, table: str, files: list[Path] | None = None) -> None:
        self.groups: list[tuple[Path, pq.ParquetFile, int, str | None, str | None]] = []
        self.held: dict[int, pa.Table] = {}
        for file in table_files(out, table) if files is None else files:
            with reading(file):
                parquet = pq.ParquetFile(file)
            names = [parquet.metadata.schema.column(i).path for i in range(parquet.metadata.num_columns)]
            if "doc_id" not in names:
                raise DatasetError(f"{file} has no doc_id column: it is not a table of this dataset")
            at = names.index("doc_id")
            for group in range(parquet.metadata.num_row_groups):
                stats = parquet.metadata.row_group(group).column(at).statistics
                low, high = (stats.min, stats.max) if stats is not None and stats.has_min_max else (None, None)
                self.groups.append((file, parquet, group, low, high))

    def rows(self, doc_ids: list[str], keep: Callable[[pa.Table], pa.ChunkedArray] | None = None) -> list[dict[str, Any]]:
        """The rows of these documents (sorted ids, after those of the previous call), in the
        table's order; only those ``keep`` (a mask of a row group's rows) keeps, when given."""
        if not doc_ids:
            return []
        first, last, wanted = doc_ids[0], doc_ids[-1], pa.array(doc_ids, pa.string())
        rows: list[dict[str, Any]] = []
        for i, (file, parquet, group, low, high) in enumerate(self.groups):
            if low is not None and high is not None and (high < first or low > last):
                self.held.pop(i, None)
                continue
            part = self.held.pop(i, None)
            if part is None:
                with reading(file):
                    part = parquet.read_row_group(group)
            mask = holding(part, "doc_id", wanted)
            rows.extend(python_rows(part.filter(pc.and_(mask, keep(part)) if keep else mask)))
            if high is not None and high > last:
                self.held[i] = part  # later documents are in it too
        return rows


def rows_per_document(out: Path, table: str, year: int | None = None) -> Counter[str]:
    """How many rows a table has of each document (only rows of ``year`` when given)."""
    counts: Counter[str] = Counter()
    columns = ["doc_id"] if year is None else ["doc_id", "year"]
    for batch in read_batches(out, table, columns=columns):
        if year is not None:
            batch = batch.filter(pc.equal(batch.column("year"), year))
        counted = pc.value_counts(batch.column("doc_id").cast(pa.string()))
        counts.update(dict(zip(counted.field("values").to_pylist(), counted.field("counts").to_pylist(), strict=True)))
    return counts


def read_rows_where(out: Path, table: str, column: str, values: Iterable[str],
                    columns: list[str] | None = None) -> list[dict[str, Any]]:
    """The rows of a table whose ``column`` holds one of ``values`` (read a row group at a time)."""
    wanted = pa.array(sorted(set(values)), pa.string())
    rows: list[dict[str, Any]] = []
    if len(wanted):
        for batch in read_batches(out, table, columns=columns):
            rows.extend(python_rows(batch.filter(holding(batch, column, wanted))))
    return rows


def data_dictionary() -> str:
    """``docs/DATA.md``: every table's grain, key and columns, generated from ``schemas/``."""
    lines = [
        "# Data dictionary",
        "",
        "<!-- generated by scripts/make_data_dictionary.py from schemas/*.yaml; do not edit by hand -->",
        "",
        "Each table is a folder of Parquet files under the output folder: `pandas.read_parquet(\"output/<table>\")`.",
        "Empty cells are nulls. Every column's meaning is also stored in the Parquet field metadata",
        "(`description`, and `unit` where there is one).",
    ]
    for table in TABLES:
        spec = table_spec(table)
        lines += ["", f"## `{table}`", "", f"Grain: {spec['grain']}.", ""]
        lines.append("Key: " + ", ".join(f"`{k}`" for k in spec["key"]) + ".")
        if spec.get("partition"):
            lines += ["", f"One file per `{spec['partition']}` (`{spec['partition']}=<value>.parquet`), "
                      f"with `{spec['partition']}` kept as a typed column."]
        lines += ["", "| column | type | unit | meaning |", "| --- | --- | --- | --- |"]
        for column in spec["columns"]:
            cells = (f"`{column['name']}`", f"`{column['type']}`", column.get("unit") or "", column["meaning"])
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
