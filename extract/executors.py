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
    task = partial(read_batch, limits=limits, work=work)

    def read(jobs: list[Job]) -> Iterator[tuple[str, Rows]]:
        if not jobs:
            return
        import dask
        from distributed import as_completed

        with dask.config.set({"distributed.worker.daemon": False}), connect(scheduler, wait_for_workers) as client:
            client.run(warm_worker, {path.suffix for path, _s, _d in jobs})  # children forked per batch start warm
            size = max(1, min(MAX_BATCH, len(jobs) // (4 * max(1, len(client.scheduler_info()["workers"])))))
            batches = [[(p.resolve(), s, d) for p, s, d in jobs[k : k + size]] for k in range(0, len(jobs), size)]
            submitted = {client.submit(task, batch, key=f"extract-{batch[0][2]}-{len(batch)}"): batch for batch in batches}
            for future in as_completed(submitted):
                yield from _results(future, submitted.pop(future))

    return read


def warm_worker(suffixes: set[str]) -> None:
    """Load the dictionary, readers and rules and fill the caches in a Dask worker once, as the
    local driver does before it forks, so the child each file is read in starts warm instead of
    paying the start-up again (it cost a Dask run four times the local one)."""
    from extract.morphology import preload
    from extract.pipeline import warm_up

    preload()
    warm_up(suffixes)


MAX_BATCH = 20  # files a Dask task reads: few enough to spread the work, enough to save the overhead per task


def read_batch(jobs: list[Job], limits: Limits | None, work: Callable[..., Rows] = read_unchanged) -> list[tuple[str, Rows]]:
    """Read a batch of files on a Dask worker: in a forked child under ``limits`` (one child
    reads the batch in turn, as a local worker does), or, without limits, in the worker itself.

    A daemon process may not fork children: there the files are read in the worker itself and
    their ``documents`` rows say so.
    """
    if limits is None:
        return [(doc_id, work(path, source, doc_id)) for path, source, doc_id in jobs]
    if mp.current_process().daemon:
        read = []
        for path, source, doc_id in jobs:
            with limits.reading():
                read.append((doc_id, work(path, source, doc_id)))
        for _doc_id, rows in read:
            for document in rows["documents"]:
                document["warnings"] = [*document["warnings"], NOT_CONTAINED]
        return read
    return list(read_contained(jobs, 1, limits, work))


def _results(future: Any, batch: list[Job]) -> list[tuple[str, Rows]]:
    """The rows a task returned, or a failed ``documents`` row for each file when it raised."""
    try:
        return list(future.result())
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}"[:300]
        return [(doc_id, failed_rows(doc_id, source, "crash", reason)) for _path, source, doc_id in batch]
