"""Ways to read the batch's files elsewhere than in local forked workers.

An executor is a ``reader`` for :func:`extract.runner.run`: it takes the jobs
``(path, source_path, doc_id)`` and yields ``(doc_id, rows)`` as files are done. Workers
only read their files and return rows; the driver merges and writes the dataset.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from extract.errors import SchedulerError
from extract.pipeline import Rows, failed_rows
from extract.runner import Limits, read_contained, read_unchanged

Job = tuple[Path, str, str]
Reader = Callable[[list[Job]], Iterator[tuple[str, Rows]]]
NOT_CONTAINED = "read without per-file limits: the Dask worker is a daemon process (set DASK_DISTRIBUTED__WORKER__DAEMON=False)"


CONNECT_SECONDS = 10


def connect(scheduler: str | None, wait_for_workers: float) -> Any:
    """A Dask client of ``scheduler`` (a local cluster when None) with at least one worker;
    :class:`SchedulerError` naming the address when it cannot be reached or stays without
    workers for ``wait_for_workers`` seconds (a run would otherwise wait silently forever)."""
    from distributed import Client

    try:
        client = Client(scheduler, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError) as exc:
        raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        client.wait_for_workers(1, timeout=wait_for_workers)
    except (TimeoutError, OSError):
        client.close()
        raise SchedulerError(f"the Dask scheduler at {scheduler} has no workers (waited {wait_for_workers:g} s); "
                             f"start some with `dask worker {scheduler}`") from None
    return client


def dask_reader(scheduler: str | None, work: Callable[..., Rows] = read_unchanged, limits: Limits | None = None,
                wait_for_workers: float = 60.0) -> Reader:
    """A reader that runs ``work`` (:func:`read_unchanged`) for each job on a Dask cluster.

    ``scheduler`` is the address of a running ``dask scheduler`` ("tcp://host:8786"), or a
    ``LocalCluster``'s address; ``None`` starts a local cluster for the run. Workers must see
    the files under the same absolute paths (a shared file system). With ``limits``, each file
    is read in a child process of its worker under the same time and memory limits as a local
    run, so a file that hangs or eats memory fails alone instead of taking the worker down.
    A job that raises on its worker becomes a failed ``documents`` row, and the batch goes on.
    """
    task = partial(read_one_contained, limits=limits, work=work) if limits else work

    def read(jobs: list[Job]) -> Iterator[tuple[str, Rows]]:
        if not jobs:
            return
        import dask
        from distributed import as_completed

        with dask.config.set({"distributed.worker.daemon": False}), connect(scheduler, wait_for_workers) as client:
            submitted = {
                client.submit(task, path.resolve(), source, doc_id, key=f"extract-{doc_id}"): (source, doc_id)
                for path, source, doc_id in jobs
            }
            for future in as_completed(submitted):
                source, doc_id = submitted.pop(future)
                yield doc_id, _result(future, doc_id, source)

    return read


def read_one_contained(path: Path, source: str, doc_id: str, limits: Limits, work: Callable[..., Rows] = read_unchanged) -> Rows:
    """Read one file in a forked child of this (Dask worker) process under ``limits``.

    A daemon process may not fork children: there the file is read in the worker itself and
    its ``documents`` row says so.
    """
    if mp.current_process().daemon:
        rows = work(path, source, doc_id)
        for document in rows["documents"]:
            document["warnings"] = [*document["warnings"], NOT_CONTAINED]
        return rows
    return next(read_contained([(path, source, doc_id)], 1, limits, work))[1]


def _result(future: Any, doc_id: str, source: str) -> Rows:
    """The rows a worker returned, or a failed ``documents`` row when it raised."""
    try:
        return future.result()
    except Exception as exc:
        return failed_rows(doc_id, source, "crash", f"{type(exc).__name__}: {exc}"[:300])
