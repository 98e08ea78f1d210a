"""The batch: find files, skip unchanged ones, read the rest in contained workers, write.

Files are read in forked worker processes, each file with a wall-clock limit enforced from
outside and a memory limit (``RLIMIT_AS``): a worker that hangs inside a C parser is killed,
the file recorded as failed, a fresh worker takes the next file, and the batch goes on. Rows
wait in a spill on disk until every file is read; :mod:`extract.write` then streams them into
the tables and commits them together, so a killed run leaves the previous output readable or a
record the next run completes.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import shutil
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from extract import extractor_version
from extract.dataset import finish_commit, prepare_conversion, read_rows
from extract.inputs import find_inputs, show
from extract.lock import writing
from extract.morphology import preload
from extract.pipeline import Rows, failed_rows, file_id, process_file, warm_up
from extract.readers.ocr import ocr_settings
from extract.spill import Spill
from extract.write import summarise_unchanged, write_dataset


@dataclass
class Limits:
    """Per-file bounds: seconds of wall clock and bytes of address space; and whether scanned
    pages are recognised (OCR), inside those bounds."""

    seconds: float = 300.0
    memory: int = 2 * 1024**3
    files_per_worker: int = 100  # a worker is replaced after this many files, so its caches stay bounded
    ocr: bool = True

    def reading(self) -> AbstractContextManager[None]:
        """The settings one file is read under: OCR on or off, its pages started within most of
        the time limit (the rest of it is for the figures and the hand-over)."""
        return ocr_settings(self.ocr, OCR_SHARE * self.seconds)


OCR_SHARE = 0.8
RETRIED = ("failed", "needs_ocr")  # statuses read again by the next run: the cause may be gone (a tool installed, --ocr)


@dataclass
class Summary:
    """What a run did, for the closing line and the exit code."""

    files: int = 0
    unchanged: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    figures: int = 0
    unmapped: int = 0  # figures of the given files without a canonical indicator key
    pruned: int = 0
    seconds: float = 0.0
    failed_files: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why) of inputs not read
    findings_removed: bool = False  # the findings of an earlier check, stale once documents changed
    interrupted: bool = False  # stopped by Ctrl-C or SIGTERM: the files read so far were written
    read: int = 0  # files read in this run (not unchanged)


Work = Callable[[Path, str, str], Rows]  # (path, source path, doc id) → rows, run inside a worker


def _address_space() -> int:
    """This process's current virtual size in bytes (0 where /proc is missing)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * resource.getpagesize()


PR_SET_PDEATHSIG = 1


def remove_findings(out: Path) -> bool:
    """Remove an earlier check's findings and reports (they speak of documents that changed);
    True when there were any."""
    stale = [p for p in (out / "findings", out / "report.html", out / "report.md", *out.glob("check-*")) if p.exists()]
    for path in stale:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    return bool(stale)


def die_with_parent() -> None:
    """Ask the kernel to kill this worker when the driver dies (Linux; elsewhere nothing), so a
    killed run leaves no worker behind holding its pipe and memory."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the driver was gone before the request took effect
        os._exit(1)


def read_unchanged(path: Path, source: str, doc_id: str) -> Rows:
    """The rows of a file whose bytes still have the hash it was listed under; a file replaced
    between listing and reading is a failure to retry, never rows filed under the other bytes."""
    rows = process_file(path, source, doc_id)
    if file_id(path) != doc_id:
        return failed_rows(doc_id, source, "changed", "the file changed while it was read; run again to read it")
    return rows


def _peak_address_space() -> int:
    """This process's largest virtual size so far in bytes (0 where /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmPeak:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _failed_as(result: Any, error: str) -> bool:
    """True when a worker's result is a document that failed with ``error``."""
    documents = result.get("documents") if isinstance(result, dict) else None
    if not documents:
        return False
    return bool(documents[0].get("status") == "failed" and documents[0].get("error") == error)


def _serve(conn: Connection, limits: Limits, work: Work) -> None:
    """A worker's loop: take a job from the driver, read it under the memory budget, send the
    rows back; stop on ``None``, or after a file ran out of memory or was found damaged (a
    native parser may have left the memory damaged too)."""
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the driver's to handle: it stops the workers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the driver's handler, inherited by the fork
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    out_of_memory = ("memory", f"reading needed more than {limits.memory // 2**20} MiB of memory")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        budget = _address_space() + limits.memory  # this file's budget on top of what the worker holds
        try:
            resource.setrlimit(resource.RLIMIT_AS, (budget if hard == resource.RLIM_INFINITY else min(budget, hard), hard))
        except (ValueError, OSError):
            pass
        spent = False
        peak_before = _peak_address_space()
        try:
            with limits.reading():
                result: Any = work(*job)
        except MemoryError:
            result, spent = out_of_memory, True
        except Exception as exc:
            result = ("crash", f"{type(exc).__name__}: {exc}"[:300])
        if _failed_as(result, "corrupt") and _peak_address_space() > max(peak_before, int(0.9 * budget)):
            # a parser that ran out of memory often says "damaged file": the limit, not the file, stopped it
            result, spent = out_of_memory, True
        try:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        except (ValueError, OSError):
            pass
        conn.send(result)
        if spent or _failed_as(result, "corrupt"):
            return  # a native parser that met a damaged file may have left its memory damaged too
        del result


@dataclass
class _Worker:
    """A forked worker as the driver sees it: its process, its end of the pipe, the job it
    is reading (None when idle), when that job started and how many files it has read."""

    process: Any
    conn: Connection
    job: tuple[Path, str, str] | None = None
    started: float = 0.0
    done: int = 0


def read_contained(
    jobs: list[tuple[Path, str, str]], workers: int, limits: Limits, work: Work = read_unchanged
) -> Iterator[tuple[str, Rows]]:
    """Read files in forked workers, at most ``workers`` at a time; yield (doc_id, rows).

    A worker reads files one after another (so what it has cached stays warm) until it has read
    ``limits.files_per_worker``; one that runs out of time is killed, one that dies or runs out
    of memory is gone, and in each case the file is recorded as failed and a fresh worker forked
    from the driver takes the next file. ``work`` is what a worker runs for one job:
    :func:`process_file`, or in tests a stand-in that hangs, crashes or eats memory.
    """
    ctx = mp.get_context("fork")
    pending = list(reversed(jobs))
    pool: list[_Worker] = []

    def fork() -> _Worker:
        here, there = ctx.Pipe(duplex=True)
        process = ctx.Process(target=_serve, args=(there, limits, work), daemon=True)
        process.start()
        there.close()
        return _Worker(process, here)

    def retire(worker: _Worker, kill: bool = False) -> None:
        pool.remove(worker)
        if kill:
            worker.process.kill()
        else:
            try:
                worker.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        worker.process.join(5)
        worker.conn.close()

    def hand_out() -> None:
        for worker in [w for w in pool if w.job is None and w.done >= limits.files_per_worker]:
            retire(worker)
        while pending and len(pool) < min(workers, len(pending) + sum(w.job is not None for w in pool)):
            pool.append(fork())
        for worker in list(pool):
            if worker.job is None and pending:
                try:
                    worker.conn.send(pending[-1])
                except OSError:  # it died while idle: a fresh one takes the file next round
                    retire(worker, kill=True)
                    continue
                worker.job, worker.started = pending.pop(), time.monotonic()

    try:
        while pending or any(w.job is not None for w in pool):
            hand_out()
            ready = wait([w.conn for w in pool if w.job is not None], timeout=0.2)
            now = time.monotonic()
            finished: list[tuple[str, str, Any]] = []
            for worker in [w for w in pool if w.job is not None]:
                _path, source, doc_id = worker.job  # type: ignore[misc]
                result: Any = None
                if worker.conn in ready:
                    try:
                        result = worker.conn.recv()
                    except (EOFError, OSError):
                        worker.process.join(1)
                        code = worker.process.exitcode
                        result = ("memory" if code in (-9, 1) else "crash", f"worker died (exit code {code})")
                        retire(worker, kill=True)
                elif now - worker.started > limits.seconds:
                    result = ("timeout", f"reading took longer than {limits.seconds:g} s and was stopped")
                    retire(worker, kill=True)
                if result is None:
                    continue
                worker.job, worker.done = None, worker.done + 1
                stops = (isinstance(result, tuple) and result[0] == "memory") or _failed_as(result, "corrupt")
                if stops and worker in pool:
                    retire(worker)  # it stops by itself after running out of memory or reading a damaged file
                finished.append((doc_id, source, result))
            hand_out()  # the next files start before the driver deals with the rows just received
            for doc_id, source, result in finished:
                rows = failed_rows(doc_id, source, result[0], result[1]) if isinstance(result, tuple) else result
                yield doc_id, rows
    finally:
        for worker in list(pool):
            retire(worker, kill=worker.job is not None)


def run(
    paths: Iterable[str],
    out: Path,
    workers: int | None = None,
    limits: Limits | None = None,
    prune: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
    reader: Callable[[list[tuple[Path, str, str]]], Iterator[tuple[str, Rows]]] | None = None,
) -> Summary:
    """Process every input into ``out``; unchanged files are skipped, changed ones replaced.
    Holds ``out``'s lock (:func:`extract.lock.writing`) throughout: a second run is refused."""
    with writing(out):
        return _run(paths, out, workers, limits, prune, progress, reader)


def _run(
    paths: Iterable[str],
    out: Path,
    workers: int | None,
    limits: Limits | None,
    prune: bool,
    progress: Callable[[int, int, str], None] | None,
    reader: Callable[[list[tuple[Path, str, str]]], Iterator[tuple[str, Rows]]] | None,
) -> Summary:
    started = time.monotonic()
    finish_commit(out)  # a run killed while its tables took their place: complete that first
    limits = limits or Limits()
    workers = workers or os.cpu_count() or 1
    found = find_inputs(paths)
    inputs = found.files
    listed = read_rows(out, "documents", columns=["source_path", "doc_id", "extractor_version", "status"])
    known = {(d["source_path"], d["doc_id"]) for d in listed
             if d["extractor_version"] == extractor_version() and d["status"] not in RETRIED}
    recorded = {d["source_path"] for d in listed}
    del listed  # the existing rows are read after the new files: workers need not inherit them
    summary = Summary(files=len(inputs), skipped=found.skipped)
    jobs: list[tuple[Path, str, str]] = []
    current: dict[str, str] = {}
    current_duplicates: dict[str, str] = {}
    seen: set[str] = set()
    for path in inputs:
        source, doc_id = show(path), file_id(path)
        if doc_id in seen:
            summary.duplicates.append(source)  # the same bytes under another name: read once, listed twice
            current_duplicates[source] = doc_id
            continue
        current[source] = doc_id
        seen.add(doc_id)
        if (source, doc_id) in known:
            summary.unchanged += 1
        else:
            jobs.append((path, source, doc_id))
    if not jobs and set(current_duplicates.items()) <= known and (not prune or recorded <= set(current) | set(current_duplicates)):
        written = summarise_unchanged(out, current)  # nothing to read, add or prune: the dataset stays byte for byte
        summary.statuses, summary.figures, summary.unmapped = written.statuses, written.figures, written.unmapped
        summary.failed_files = written.failed_files
        summary.seconds = time.monotonic() - started
        return summary
    if jobs:
        preload()  # the dictionary is loaded once here and shared by every forked worker
        warm_up({path.suffix for path, _s, _d in jobs})  # so are the readers needed, rules, patterns and caches
    with Spill(out) as spill:
        reading = reader(jobs) if reader else read_contained(jobs, workers, limits)
        try:
            for done, (doc_id, rows) in enumerate(reading, 1):
                spill.add(doc_id, rows)
                if progress:
                    progress(done, len(jobs), rows["documents"][0]["source_path"])
                if done == max(1, len(jobs) - workers):
                    prepare_conversion()  # while the workers read the last files, not on the serial write, and
                    # after the last fork, so that workers do not inherit what it loads
                del rows
        except KeyboardInterrupt:  # Ctrl-C or SIGTERM: stop reading, keep every file already read
            summary.interrupted = True
            close = getattr(reading, "close", None)
            if close:
                close()  # the reader's workers are stopped
        read = set(spill.doc_ids)
        summary.read = len(read)
        fresh = {d: s for _p, s, d in jobs if d in read}
        written = write_dataset(out, spill, fresh, current, current_duplicates, prune and not summary.interrupted)
    summary.statuses, summary.figures, summary.unmapped = written.statuses, written.figures, written.unmapped
    summary.pruned, summary.failed_files = written.pruned, written.failed_files
    if jobs or written.pruned:
        summary.findings_removed = remove_findings(out)
    summary.seconds = time.monotonic() - started
    return summary
