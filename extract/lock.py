"""One writer per output folder: an advisory lock that the kernel drops when its holder dies.

``run`` and ``check`` write the dataset; two of them on one folder would delete each other's
work in progress. The lock is an ``flock`` on ``DIR/.lock``: a second writer is refused at once
with a message naming the holder, and a lock whose holder was killed is free again, since the
kernel releases it with the process (nothing stale to detect by hand).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Busy(Exception):
    """Another process is writing the same output folder."""


@contextmanager
def writing(out: Path, wait: bool = False) -> Iterator[None]:
    """Hold ``out``'s lock while the block runs; raise :class:`Busy` when another process has it
    (with ``wait``, wait for it instead)."""
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / ".lock", os.O_RDWR | os.O_CREAT, 0o666)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "another process"
            raise Busy(f"{out} is being written by process {holder}; wait for it to finish, or write to another --out") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the file releases the lock
