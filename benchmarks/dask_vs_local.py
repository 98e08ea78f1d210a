"""The Dask executor against the local one on one machine: same files, wall time, same bytes.

    python benchmarks/dask_vs_local.py --files 300 --runs 2

Makes ``--files`` text reports (copies of the corpus text reports, each made unique by a line of
its own), runs ``python -m extract run`` on them with each executor into a fresh folder, ``--runs``
times, and prints each wall time, the median ratio Dask / local, and whether the two outputs are
byte-identical. The issue's aim: Dask within 1.5x of local for 300 files.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_reports(folder: Path, count: int) -> None:
    sources = sorted((ROOT / "corpus").glob("*.txt"))
    for k in range(count):
        text = sources[k % len(sources)].read_text(encoding="utf-8")
        (folder / f"r{k:04}.txt").write_text(text + f"\nPozycja {k}.\n", encoding="utf-8")


def timed_run(inputs: Path, out: Path, executor: str) -> float:
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "extract", "run", str(inputs), "--out", str(out), "--quiet",
                    "--executor", executor], check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - started


def digest(out: Path) -> str:
    files = sorted(p for p in out.rglob("*.parquet"))
    return hashlib.sha256(b"".join(p.relative_to(out).as_posix().encode() + p.read_bytes() for p in files)).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "in"
        inputs.mkdir()
        make_reports(inputs, args.files)
        times: dict[str, list[float]] = {"local": [], "dask": []}
        for _ in range(args.runs):
            for executor in times:
                times[executor].append(timed_run(inputs, Path(tmp) / executor, executor))
        same = digest(Path(tmp) / "local") == digest(Path(tmp) / "dask")
    for executor, seconds in times.items():
        print(f"{executor:>5}: " + ", ".join(f"{s:.2f} s" for s in seconds))
    ratio = statistics.median(times["dask"]) / statistics.median(times["local"])
    print(f"dask / local (medians): {ratio:.2f}; outputs byte-identical: {same}")


if __name__ == "__main__":
    main()
