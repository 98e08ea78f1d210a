"""Ways to read the batch's files elsewhere than in local forked workers.

An executor is a ``reader`` for :func:`extract.runner.run`: it takes the jobs
``(path, source_path, doc_id)`` and yields ``(doc_id, rows)`` as files are done. Workers
only read their files and return rows; the driver merges and writes the dataset.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from extract.pipeline import Rows, failed_rows, process_file

Job = tuple[Path, str, str]
Reader = Callable[[list[Job]], Iterator[tuple[str, Rows]]]


def dask_reader(scheduler: str | None, work: Callable[..., Rows] = process_file) -> Reader:
    """A reader that runs ``work`` (:func:`process_file`) for each job on a Dask cluster.

    ``scheduler`` is the address of a running ``dask scheduler`` ("tcp://host:8786"), or a
    ``LocalCluster``'s address; ``None`` starts a local cluster for the run. Workers must see
    the files under the same absolute paths (a shared file system). A job that raises on its
    worker becomes a failed ``documents`` row, and the batch goes on.
    """

    def read(jobs: list[Job]) -> Iterator[tuple[str, Rows]]:
        if not jobs:
            return
        from distributed import Client, as_completed

        with Client(scheduler) as client:
            submitted = {
                client.submit(work, path.resolve(), source, doc_id, key=f"extract-{doc_id}"): (source, doc_id)
                for path, source, doc_id in jobs
            }
            for future in as_completed(submitted):
                source, doc_id = submitted.pop(future)
                yield doc_id, _result(future, doc_id, source)

    return read


def _result(future: Any, doc_id: str, source: str) -> Rows:
    """The rows a worker returned, or a failed ``documents`` row when it raised."""
    try:
        return future.result()
    except Exception as exc:
        return failed_rows(doc_id, source, "crash", f"{type(exc).__name__}: {exc}"[:300])
