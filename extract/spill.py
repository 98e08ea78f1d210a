"""Rows of the files read in a run, kept on disk until the tables are written.

Workers are forked from the driver, so whatever the driver holds while files are being read,
every worker inherits. Keeping each file's rows in a file of its own (one pickle per document,
in a hidden folder of the output) keeps the driver, and so each worker, the same size however
many files the batch has.
"""

from __future__ import annotations

import pickle
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from extract.pipeline import Rows


class Spill:
    """A folder of one pickle per document, removed on close; folders a killed run left in the
    output are removed when the next run opens its own."""

    def __init__(self, parent: Path) -> None:
        parent.mkdir(parents=True, exist_ok=True)
        for stale in parent.glob(".spill-*"):
            shutil.rmtree(stale, ignore_errors=True)
        self.folder = Path(tempfile.mkdtemp(prefix=".spill-", dir=parent))
        self.doc_ids: list[str] = []

    def add(self, doc_id: str, rows: Rows) -> None:
        """Put one document's rows on disk."""
        with (self.folder / f"{len(self.doc_ids)}.pickle").open("wb") as handle:
            pickle.dump(rows, handle, protocol=pickle.HIGHEST_PROTOCOL)
        self.doc_ids.append(doc_id)

    def get(self, k: int) -> Rows:
        """The rows of the k-th document added."""
        with (self.folder / f"{k}.pickle").open("rb") as handle:
            return pickle.load(handle)

    def by_doc_id(self) -> Iterator[tuple[str, Rows]]:
        """(doc_id, rows) of every document, one at a time, in doc_id order (whatever order the
        workers finished in, so the tables come out the same)."""
        for k, doc_id in sorted(enumerate(self.doc_ids), key=lambda item: item[1]):
            yield doc_id, self.get(k)

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
