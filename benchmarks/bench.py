"""Speed and memory of the whole pipeline (read → Parquet → check), per format and stage.

    python benchmarks/bench.py                              # N = 10, 100; 5 runs (~12 min on 2 cores)
    python benchmarks/bench.py --sizes 10,100,1000 --formats pdf --budget 60   # PDF up to 1,000 (~14 min)
    python benchmarks/bench.py --quick                      # smoke test: N = 10, 3 runs

For each size N a corpus of N distinct reports per format is built in a temporary folder from
the files in ``corpus/`` (byte-level variants, so ``runner.run`` does not deduplicate them), and:

* stages, in-process and warm, at N = --stage-n (10): read, segment, extract, normalise; then the
  driver's write (``runner.run`` fed the rows already made) and ``audit.check_dataset``;
* the whole batch, ``runner.run`` with forked workers, in a fresh Python process per run, at every
  N (pages/s, cost per page, peak memory of the driver and of the workers), and with 1 worker at
  one N, interleaved with the --workers runs (the speed-up);
* the same PDFs through bare pdfplumber ``extract_text`` and bare pypdfium2 ``get_text_range``,
  so the PDF speed reads as ratios; Docling's .docx speed is quoted from the issue, not measured.

Pages of a .txt or .docx report are the pages of the same report's PDF rendering, so pages/s are
comparable across formats. Every figure is the median of the runs, with min and max. See
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FORMATS = ("txt", "docx", "pdf")
# Quoted from the issue ("Speed: a benchmark, and a PDF path ten times faster than pdfplumber alone"):
# Docling converts these reports, as .docx, at about 180-200 pages/s. Used when Docling is not measured
# (--docling-python names the Python of an environment where it is installed: benchmarks/docling_docx.py).
DOCLING_DOCX_PAGES_PER_S = (180.0, 200.0)
TARGET_VS_PDFPLUMBER = 10.0  # PDF pipeline at least 10x bare pdfplumber
TARGET_VS_PDFIUM = 0.5  # aim: half of bare pypdfium2
TARGET_VS_DOCLING = 2.0  # .docx at least 2x Docling
TARGET_FLAT = 0.20  # cost per page N=10 -> N=max within 20 %
TARGET_SPEEDUP = 1.8  # 2 workers at least 1.8x one


# --- the corpus of N variants -----------------------------------------------------------------


def sources() -> list[dict[str, Any]]:
    """The reports of ``corpus/``: one entry per report with its three files and its PDF page count."""
    import pypdfium2

    reports = []
    for pdf in sorted(CORPUS.glob("*.pdf")):
        files = {fmt: pdf.with_suffix(f".{fmt}") for fmt in FORMATS}
        if not all(f.exists() for f in files.values()):
            continue
        doc = pypdfium2.PdfDocument(str(pdf))
        pages = len(doc)
        doc.close()
        reports.append({"stem": pdf.stem, "files": files, "pages": pages})
    if not reports:
        sys.exit(f"no report in {CORPUS} has all of .txt, .docx and .pdf")
    return reports


def whitespace_tag(i: int) -> bytes:
    """A unique run of spaces and tabs for ``i`` (its binary digits): invisible to the text reader."""
    return bin(i)[2:].replace("0", " ").replace("1", "\t").encode()


def make_variant(src: Path, dst: Path, fmt: str, i: int) -> None:
    """Copy ``src`` to ``dst`` changed harmlessly so that its bytes (and so its doc_id) are unique."""
    data = src.read_bytes()
    if fmt == "txt":
        dst.write_bytes(data + b"\n" + whitespace_tag(i) + b"\n")  # a whitespace-only last line
    elif fmt == "pdf":
        dst.write_bytes(data + f"%variant {i}\n".encode())  # a comment after %%EOF is valid PDF
    elif fmt == "docx":
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
            for info in zin.infolist():
                body = zin.read(info.filename)
                if info.filename == "docProps/core.xml":
                    body = tag_core_xml(body, i)
                zout.writestr(info, body, compress_type=info.compress_type)
    else:
        raise ValueError(fmt)


def tag_core_xml(body: bytes, i: int) -> bytes:
    """docProps/core.xml with "bench variant i" in its description (the title is left alone)."""
    text = body.decode("utf-8")
    note = f"bench variant {i}"
    if "<dc:description/>" in text:
        text = text.replace("<dc:description/>", f"<dc:description>{note}</dc:description>", 1)
    elif "</dc:description>" in text:
        text = text.replace("</dc:description>", f"; {note}</dc:description>", 1)
    else:
        text = text.replace("</cp:coreProperties>", f"<dc:description>{note}</dc:description></cp:coreProperties>", 1)
    return text.encode("utf-8")


def build_corpus(root: Path, n: int, formats: tuple[str, ...], reports: list[dict]) -> dict[str, dict]:
    """``root/<fmt>/`` with N variants each, the reports taken in turn; pages and source per file."""
    built = {}
    for fmt in formats:
        folder = root / fmt
        folder.mkdir(parents=True, exist_ok=True)
        files, pages = [], {}
        for i in range(n):
            report = reports[i % len(reports)]
            dst = folder / f"{i:05d}_{report['stem']}.{fmt}"
            make_variant(report["files"][fmt], dst, fmt, i)
            files.append(dst)
            pages[str(dst)] = report["pages"]
        built[fmt] = {"folder": folder, "files": files, "pages": pages, "total_pages": sum(pages.values())}
    return built


# --- measuring ---------------------------------------------------------------------------------


def start_up_and_marginal(cells: list[tuple[int, dict]]) -> tuple[float, float]:
    """Least-squares fit of wall seconds = start-up + pages × cost over the sizes run:
    (start-up seconds, cost in ms per page)."""
    xs = [w["pages"] for _n, w in cells]
    ys = [w["seconds"]["median"] for _n, w in cells]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
    return my - slope * mx, 1000 * slope


def summary_of(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def rate(pages: float, seconds: dict[str, float]) -> dict[str, float]:
    """Seconds (median, min, max) → rate (median, min, max): the slowest run gives the min rate."""

    def per(t: float) -> float:
        return pages / t if t > 0 else float("inf")

    return {"median": per(seconds["median"]), "min": per(seconds["max"]), "max": per(seconds["min"])}


def progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def stage_benchmark(corpus: dict, runs: int) -> dict[str, Any]:
    """Per-stage seconds over the corpus of one format, in this process, warm; ``runs`` times.

    read = extract.readers.read; segment = report_year + find_sections + find_projects;
    extract = pipeline.extract_figures (figures, tables, breakdowns); normalise =
    pipeline.document_rows given those results (its calls of find_sections, find_projects and
    extract_figures answered from them, by patching the names in extract.pipeline for the call);
    write = runner.run fed the rows already made (hashing the inputs, merge, panel, Parquet);
    check = audit.check_dataset on that output.
    """
    import extract.pipeline as pipeline
    from extract.audit import check_dataset
    from extract.pipeline import document_rows, extract_figures, file_id
    from extract.readers import read
    from extract.report import report_year
    from extract.runner import run
    from extract.segment import find_projects, find_sections

    files = corpus["files"]
    ids = {f: file_id(f) for f in files}
    plain = {}
    for f in files[:2]:  # warm-up: imports, rule files, regex and morphology caches; rows to compare with
        plain[f] = document_rows(read(f), ids[f], str(f))
    times: dict[str, list[float]] = {k: [] for k in ("read", "segment", "extract", "normalise", "write", "check")}
    rows_by_id: dict[str, Any] = {}
    originals = {name: getattr(pipeline, name) for name in ("find_sections", "find_projects", "extract_figures")}
    for _ in range(runs):
        acc = dict.fromkeys(("read", "segment", "extract", "normalise"), 0.0)
        for f in files:
            t0 = time.perf_counter()
            doc = read(f)
            t1 = time.perf_counter()
            year = report_year(doc) if doc.blocks else None
            sections = find_sections(doc) if doc.blocks else []
            projects = find_projects(doc, sections) if doc.blocks else []
            t2 = time.perf_counter()
            found = extract_figures(doc, year) if doc.blocks else ([], [], [])
            t3 = time.perf_counter()
            pipeline.find_sections = lambda _doc, s=sections: s  # type: ignore[assignment]
            pipeline.find_projects = lambda _doc, _s, p=projects: p  # type: ignore[assignment]
            pipeline.extract_figures = lambda _doc, _y, x=found: x  # type: ignore[assignment]
            try:
                t4 = time.perf_counter()
                rows_by_id[ids[f]] = document_rows(doc, ids[f], str(f))
                t5 = time.perf_counter()
            finally:
                for name, fn in originals.items():
                    setattr(pipeline, name, fn)
            acc["read"] += t1 - t0
            acc["segment"] += t2 - t1
            acc["extract"] += t3 - t2
            acc["normalise"] += t5 - t4
        for k, v in acc.items():
            times[k].append(v)
    for f, rows in plain.items():  # the stage-by-stage rows are the rows process_file gives
        split = rows_by_id[ids[f]]
        if {t: len(r) for t, r in rows.items()} != {t: len(r) for t, r in split.items()}:
            progress(f"  WARNING: stage-by-stage rows differ from document_rows for {f.name}")

    def reader(jobs: list[tuple[Path, str, str]]) -> Iterator[tuple[str, Any]]:
        for _path, _source, doc_id in jobs:
            yield doc_id, rows_by_id[doc_id]

    with tempfile.TemporaryDirectory(prefix="bench-write-") as tmp:
        run([str(corpus["folder"])], Path(tmp) / "warm-up", workers=1, reader=reader)
        check_dataset(Path(tmp) / "warm-up", None, None)
        for r in range(runs):
            out = Path(tmp) / f"out{r}"  # a fresh folder: run() skips files already in the output
            gc.collect()
            t0 = time.perf_counter()
            run([str(corpus["folder"])], out, workers=1, reader=reader)
            times["write"].append(time.perf_counter() - t0)
        for _ in range(runs):
            gc.collect()
            t0 = time.perf_counter()
            findings = check_dataset(out, None, None)
            times["check"].append(time.perf_counter() - t0)
    times["process_file"] = [
        sum(parts) for parts in zip(*(times[k] for k in ("read", "segment", "extract", "normalise")), strict=True)
    ]
    statuses = sorted({rows["documents"][0]["status"] for rows in rows_by_id.values()})
    return {"seconds": {k: summary_of(v) for k, v in times.items()}, "statuses": statuses, "findings": len(findings)}


def docling_benchmark(python: Path, runs: int) -> dict[str, Any]:
    """Docling's .docx conversion speed, measured by benchmarks/docling_docx.py run with ``python``."""
    script = ROOT / "benchmarks" / "docling_docx.py"
    with tempfile.TemporaryDirectory(prefix="docling-") as folder:
        out = Path(folder) / "docling.json"
        subprocess.run([str(python), str(script), "--runs", str(runs), "--json", str(out)], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
        return json.loads(out.read_text())


def bare_benchmark(pdfs: list[Path], runs: int) -> dict[str, dict]:
    """Bare text extraction of the same PDFs: pdfplumber extract_text, pypdfium2 get_text_range."""
    import pdfplumber
    import pypdfium2

    def plumber() -> None:
        for p in pdfs:
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    page.extract_text()

    def pdfium() -> None:
        for p in pdfs:
            pdf = pypdfium2.PdfDocument(str(p))
            for page in pdf:
                page.get_textpage().get_text_range()
            pdf.close()

    with pdfplumber.open(pdfs[0]) as pdf:  # warm-up: pdfminer's lazy imports and font tables
        pdf.pages[0].extract_text()
    pdfium()
    found = {}
    for name, fn in (("pdfplumber", plumber), ("pypdfium2", pdfium)):
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        found[name] = summary_of(times)
    return found


# --- the whole batch, in a fresh process per run ------------------------------------------------


def status_kib(field: str) -> int:
    """A ``VmRSS``/``VmHWM`` line of /proc/self/status, in KiB (0 where /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def private_kib() -> int:
    """Private (not shared with the parent) resident memory of this process, in KiB."""
    try:
        text = Path("/proc/self/smaps_rollup").read_text()
    except OSError:
        return 0
    return sum(int(m) for m in re.findall(r"^Private_(?:Clean|Dirty):\s+(\d+)", text, re.MULTILINE))


def child_main(spec_path: Path) -> None:
    """Run one batch as ``python -m extract run`` would, and write timings and memory as JSON.

    The batch is ``runner.run(..., reader=...)`` where the reader is ``runner.read_contained``
    itself, the default, with ``work`` = process_file wrapped to note each worker's memory
    (resident at fork, peak, private at the end: two reads of /proc per file).
    """
    spec = json.loads(spec_path.read_text())
    from extract.audit import check_dataset
    from extract.pipeline import process_file
    from extract.runner import Limits, read_contained, run

    probes: list[dict] = []
    last_done = [0.0]

    def work(path: Path, source: str, doc_id: str) -> Any:
        at_fork = status_kib("VmRSS")
        t0, c0 = time.perf_counter(), time.process_time()
        rows = process_file(path, source, doc_id)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        rows["_bench"] = {
            "rss_at_fork": at_fork,
            "peak": status_kib("VmHWM"),
            "private": private_kib(),
            "wall": wall,
            "cpu": cpu,
        }
        return rows

    def reader(jobs: list[tuple[Path, str, str]]) -> Iterator[tuple[str, Any]]:
        for doc_id, rows in read_contained(jobs, spec["workers"], Limits(), work=work):
            probe = rows.pop("_bench", None)
            if probe:
                probes.append(probe)
            yield doc_id, rows

    def done(_k: int, _n: int, _source: str) -> None:
        last_done[0] = time.perf_counter()

    def cpu_seconds() -> float:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    out = Path(spec["out"])
    load = os.getloadavg()[0]
    cpu0 = cpu_seconds()
    t0 = time.perf_counter()
    summary = run(
        [spec["folder"]], out, workers=spec["workers"], reader=reader if spec["probe"] else None, progress=done
    )
    t1 = time.perf_counter()
    cpu1 = cpu_seconds()
    run_peak = status_kib("VmHWM")
    try:
        findings: list | None = check_dataset(out, None, None)
    except Exception as exc:  # the package may be mid-edit; keep the timings of the run
        print(f"[bench] check_dataset failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        findings = None
    t2 = time.perf_counter()
    result = {
        "seconds": t1 - t0,
        "read_phase": last_done[0] - t0,
        "write_phase": t1 - last_done[0],
        "check": t2 - t1 if findings is not None else float("nan"),
        "cpu": cpu1 - cpu0,
        "load_before": load,
        "worker_wall": sum(p["wall"] for p in probes),
        "worker_cpu": sum(p["cpu"] for p in probes),
        "statuses": summary.statuses,
        "figures": summary.figures,
        "findings": len(findings) if findings is not None else None,
        "driver_peak_kib": status_kib("VmHWM"),  # not RUSAGE_SELF: that keeps the pre-exec peak of the bench process
        "run_driver_peak_kib": run_peak,  # before check_dataset, which reads the dataset in batches
        "worker_peak_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "probes": {k: max((p[k] for p in probes), default=0) for k in ("rss_at_fork", "peak", "private")},
        "probed": len(probes),
        "worker_own_peak_kib": max((p["peak"] - p["rss_at_fork"] for p in probes), default=0),
    }
    spec_path.with_suffix(".out.json").write_text(json.dumps(result))


def whole_run(folder: Path, workers: int, tmp: Path, probe: bool) -> dict[str, Any] | None:
    """One ``runner.run`` + ``check_dataset`` in a fresh Python process (fresh rusage, fresh output)."""
    out = Path(tempfile.mkdtemp(prefix="out-", dir=tmp))
    spec_path = out.with_suffix(".json")
    spec_path.write_text(json.dumps({"folder": str(folder), "out": str(out), "workers": workers, "probe": probe}))
    done = subprocess.run([sys.executable, __file__, "--child", str(spec_path)], check=False, cwd=ROOT)
    shutil.rmtree(out, ignore_errors=True)
    if done.returncode != 0:
        progress(f"  a whole run failed (exit code {done.returncode}); left out")
        return None
    return json.loads(spec_path.with_suffix(".out.json").read_text())


def repeated_runs(
    cells: list[tuple[str, int, int, Path]], tmp: Path, runs: int, budget: float, probe: bool
) -> dict[tuple[str, int, int], list[dict]]:
    """Up to ``runs`` whole runs of each cell (format, N, workers, folder), taken in turn (1 worker,
    2 workers, 1 worker, ...) so that drift in the machine's speed hits them alike; stop early (after
    at least one round) once the cells used ``budget`` seconds each on average."""
    results: dict[tuple[str, int, int], list[dict]] = {cell[:3]: [] for cell in cells}
    started = time.perf_counter()
    for r in range(runs):
        for fmt, n, workers, folder in cells:
            progress(f"whole batch: {fmt}, N={n}, {workers} worker(s), run {r + 1} of up to {runs}")
            result = whole_run(folder, workers, tmp, probe)
            if result is not None:
                results[(fmt, n, workers)].append(result)
        if budget and time.perf_counter() - started > budget * len(cells):
            break
    return results


def combine(results: list[dict], pages: int, docs: int) -> dict[str, Any]:
    seconds = summary_of([r["seconds"] for r in results])
    return {
        "runs": len(results),
        "pages": pages,
        "docs": docs,
        "seconds": seconds,
        "pages_per_s": rate(pages, seconds),
        "docs_per_s": rate(docs, seconds),
        "ms_per_page": 1000 * seconds["median"] / pages,
        "read_phase": statistics.median(r["read_phase"] for r in results),
        "write_phase": statistics.median(r["write_phase"] for r in results),
        "check": summary_of([r["check"] for r in results if r["check"] == r["check"]] or [float("nan")]),
        "cpu_ms_per_page": 1000 * statistics.median(r["cpu"] for r in results) / pages,
        "worker_ms_per_page": 1000 * statistics.median(r["worker_wall"] for r in results) / pages,
        "worker_cpu_ms_per_page": 1000 * statistics.median(r["worker_cpu"] for r in results) / pages,
        "load_before": max(r["load_before"] for r in results),
        "driver_peak_mib": max(r["driver_peak_kib"] for r in results) / 1024,
        "run_driver_peak_mib": max(r.get("run_driver_peak_kib", 0) for r in results) / 1024,
        "worker_peak_mib": max(r["worker_peak_kib"] for r in results) / 1024,
        "worker_at_fork_mib": max(r["probes"]["rss_at_fork"] for r in results) / 1024,
        "worker_own_mib": max(r["worker_own_peak_kib"] for r in results) / 1024,
        "worker_private_mib": max(r["probes"]["private"] for r in results) / 1024,
        "statuses": results[-1]["statuses"],
        "figures": results[-1]["figures"],
        "findings": results[-1]["findings"],
    }


# --- profiles (--profile) --------------------------------------------------------------------------


def profile_worker(path: Path, top: int) -> None:
    """cProfile of process_file in a forked child of a fresh driver-like process, as runner.run does.

    Runs in a new interpreter (``--profile-worker``) so nothing is warm that the driver of
    ``runner.run`` would not have warmed: it imports extract.runner, preloads Morfeusz (and runs
    ``pipeline.warm_up`` where it exists), then forks.
    """
    sys.stdout.flush()
    subprocess.run([sys.executable, __file__, "--profile-worker", str(path), "--top", str(top)], check=False, cwd=ROOT)


def profile_worker_child(path: Path, top: int) -> None:
    import cProfile
    import pstats

    import extract.pipeline
    import extract.runner  # what the driver has imported when it forks
    from extract.morphology import preload
    from extract.pipeline import process_file

    preload()  # what runner.run does before it forks
    warm_up = getattr(extract.pipeline, "warm_up", None)  # newer runner.run also warms rules and caches
    if warm_up is not None:
        warm_up()
    pid = os.fork()
    if pid == 0:
        profiler = cProfile.Profile()
        profiler.enable()
        process_file(path)
        profiler.disable()
        print(f"\n### cold worker (fresh driver, forked like runner.run): process_file({path.name})\n\n```")
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(top)
        print("```")
        sys.stdout.flush()
        os._exit(0)
    os.waitpid(pid, 0)


def profile_call(title: str, fn: Callable[[], object], top: int) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    fn()
    profiler.disable()
    print(f"\n### {title}\n\n```")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(top)
    print("```")


def profiles(corpora: dict[str, dict], tmp: Path, top: int) -> None:
    from extract.audit import check_dataset
    from extract.pipeline import process_file
    from extract.runner import run

    print("\n## Profiles")
    for fmt, corpus in corpora.items():
        first = corpus["files"][0]
        profile_worker(first, top)
        process_file(first)
        profile_call(
            f"warm, in-process: process_file({first.name}) x3", lambda f=first: [process_file(f) for _ in range(3)], top
        )
        out = tmp / f"profile-{fmt}"
        profile_call(
            f"driver: runner.run over {len(corpus['files'])} {fmt} files, 2 workers (driver side only)",
            lambda c=corpus, o=out: run([str(c["folder"])], o, workers=2),
            top,
        )
        profile_call(
            f"check_dataset over {len(corpus['files'])} {fmt} files", lambda o=out: check_dataset(o, None, None), top
        )


# --- report --------------------------------------------------------------------------------------


def fmt_rate(r: dict[str, float]) -> str:
    return f"{r['median']:.1f} ({r['min']:.1f}–{r['max']:.1f})"


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def change(a: float, b: float) -> str:
    return f"{100 * (b / a - 1):+.0f} %" if a else "n/a"


def report(res: dict[str, Any]) -> None:
    cfg, whole = res["config"], res["whole"]
    sizes, workers, sn, stage_n = cfg["sizes"], cfg["workers"], cfg["speedup_n"], cfg["stage_n"]
    print("# Benchmark: extract pipeline\n")
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {res['load'][0]:.2f} at start, "
        f"{res['load'][1]:.2f} at the end; N = {', '.join(map(str, sizes))} reports per format; up to {cfg['runs']} runs "
        f"per measure (whole-batch measures stop repeating after {cfg['budget']:g} s, see the runs column); "
        f"whole runs use {workers} workers unless said; stages at N = {stage_n}."
    )
    print(
        "Pages of .txt/.docx = pages of the same report's PDF ("
        + ", ".join(f"{r['stem']}: {r['pages']}" for r in res["reports"])
        + "), the reports taken in turn. "
        "Rates: median (min–max) over the runs.\n"
    )

    print(f"## Stages at N = {stage_n} per format\n")
    print(
        "read → normalise: in this process, warm (imports, rules and caches loaded). write: `runner.run` fed those rows "
        "(hash inputs, merge, panel, Parquet). check: `audit.check_dataset` on that output. whole: `runner.run` on the files, "
        f"{workers} forked workers, fresh process per run.\n"
    )
    print("| format | stage | pages/s | docs/s | ms/page | share of read→rows |")
    print("| --- | --- | --- | --- | --- | --- |")
    for fmt, st in res["stages"].items():
        pages, docs, secs = st["pages"], st["docs"], st["seconds"]
        total = secs["process_file"]["median"]
        for stage in ("read", "segment", "extract", "normalise", "process_file", "write", "check"):
            s = secs[stage]
            label = {"process_file": "read→rows (sum of the above)"}.get(stage, stage)
            share = f"{100 * s['median'] / total:.0f} %" if stage in ("read", "segment", "extract", "normalise") else ""
            if s["median"] <= 0:
                print(f"| {fmt} | {label} | (too fast to time) | | | {share} |")
                continue
            print(
                f"| {fmt} | {label} | {fmt_rate(rate(pages, s))} | {docs / s['median']:.1f} | "
                f"{1000 * s['median'] / pages:.2f} | {share} |"
            )
        w = whole.get((fmt, stage_n, workers))
        if w:
            print(
                f"| {fmt} | **whole: runner.run read→Parquet** | {fmt_rate(w['pages_per_s'])} | "
                f"{w['docs_per_s']['median']:.1f} | {w['ms_per_page']:.2f} | |"
            )
    if "bare" in res:
        bare = res["bare"]
        for name, s in bare["seconds"].items():
            call = "page.extract_text()" if name == "pdfplumber" else "get_textpage().get_text_range()"
            print(
                f"| pdf | bare {name} `{call}`, 1 process | {fmt_rate(rate(bare['pages'], s))} | "
                f"{bare['docs'] / s['median']:.1f} | {1000 * s['median'] / bare['pages']:.2f} | |"
            )
    if "docling" in res:
        d = res["docling"]
        print(f"| docx | Docling {d['docling']} `DocumentConverter().convert`, 1 process (measured) | "
              f"{fmt_rate(d['pages_per_s'])} | | {1000 / d['pages_per_s']['median']:.2f} | |")
    elif "docx" in res["stages"]:
        lo, hi = DOCLING_DOCX_PAGES_PER_S
        print(f"| docx | Docling — QUOTED from the issue, NOT measured | {lo:.0f}–{hi:.0f} | | | |")

    print("\n## Whole batch: `runner.run` read → Parquet, then `check_dataset` (fresh process per run)\n")
    print(
        "seconds, pages/s, docs/s, ms/page: `runner.run` alone. CPU ms/page: CPU time of driver + workers during `runner.run`. "
        "worker ms/page: `process_file` inside the workers (wall). read/write phase: until the last file came back / after. "
        "Worker memory: peak RSS of any worker (`RUSAGE_CHILDREN.ru_maxrss`), of which resident at fork (inherited from "
        "the driver, shared copy-on-write), the worker's own growth over that, and its private (unshared) memory at the end.\n"
    )
    print(
        "| format | N | workers | runs | pages | seconds | pages/s | docs/s | ms/page | CPU ms/page | worker ms/page "
        "| read phase s | write phase s | check s | worker peak RSS MiB | at fork MiB | own growth MiB | private MiB "
        "| driver peak MiB | load |"
    )
    print("| --- " * 20 + "|")
    for (fmt, n, nw), w in sorted(whole.items()):
        s = w["seconds"]
        print(
            f"| {fmt} | {n} | {nw} | {w['runs']} | {w['pages']} | {s['median']:.2f} ({s['min']:.2f}–{s['max']:.2f}) | "
            f"{fmt_rate(w['pages_per_s'])} | {w['docs_per_s']['median']:.2f} | {w['ms_per_page']:.2f} | "
            f"{w['cpu_ms_per_page']:.2f} | {w['worker_ms_per_page']:.2f} | {w['read_phase']:.2f} | {w['write_phase']:.2f} | "
            f"{w['check']['median']:.2f} | {w['worker_peak_mib']:.0f} | {w['worker_at_fork_mib']:.0f} | "
            f"{w['worker_own_mib']:.0f} | {w['worker_private_mib']:.0f} | {w['driver_peak_mib']:.0f} | {w['load_before']:.1f} |"
        )

    print("\n## Summary and targets\n")
    lines = []
    if "bare" in res and ("pdf", sn, 1) in whole:
        bare = res["bare"]
        plumber = rate(bare["pages"], bare["seconds"]["pdfplumber"])["median"]
        pdfium = rate(bare["pages"], bare["seconds"]["pypdfium2"])["median"]
        one = whole[("pdf", sn, 1)]["pages_per_s"]["median"]
        two = whole.get(("pdf", sn, workers), {}).get("pages_per_s", {}).get("median")
        lines.append(
            f"- PDF whole pipeline read→Parquet (`runner.run`, N = {sn}), 1 worker: {one:.1f} pages/s vs bare pdfplumber "
            f"{plumber:.1f} pages/s = **{one / plumber:.1f}×** (target ≥ {TARGET_VS_PDFPLUMBER:g}×: "
            f"{verdict(one / plumber >= TARGET_VS_PDFPLUMBER)})"
            + (f"; {workers} workers: {two:.1f} pages/s = {two / plumber:.1f}×" if two else "")
            + "."
        )
        lines.append(
            f"- PDF vs bare pypdfium2 ({pdfium:.1f} pages/s): 1 worker **{one / pdfium:.3f}×** of it (aim ≥ "
            f"{TARGET_VS_PDFIUM:g}×, i.e. {TARGET_VS_PDFIUM * pdfium:.0f} pages/s: {verdict(one / pdfium >= TARGET_VS_PDFIUM)}; "
            f"{TARGET_VS_PDFIUM * pdfium / one:.1f}× short)"
            + (f"; {workers} workers {two / pdfium:.3f}×" if two else "")
            + "."
        )
    inproc = res["stages"].get("pdf")
    if inproc and "bare" in res:
        bare = res["bare"]
        pdfium = rate(bare["pages"], bare["seconds"]["pypdfium2"])["median"]
        plumber = rate(bare["pages"], bare["seconds"]["pdfplumber"])["median"]
        warm = rate(inproc["pages"], inproc["seconds"]["process_file"])["median"]
        read = rate(inproc["pages"], inproc["seconds"]["read"])["median"]
        lines.append(
            f"- PDF in-process and warm (no fork, caches full): read alone {read:.0f} pages/s = {read / pdfium:.2f}× pypdfium2, "
            f"{read / plumber:.0f}× pdfplumber; read→rows {warm:.0f} pages/s = {warm / pdfium:.2f}× pypdfium2, "
            f"{warm / plumber:.1f}× pdfplumber."
        )
    for fmt in res["formats"]:
        st, w1 = res["stages"].get(fmt), whole.get((fmt, sn, 1))
        if st and w1:
            warm = 1000 * st["seconds"]["process_file"]["median"] / st["pages"]
            lines.append(
                f"- {fmt}: `process_file` costs {w1['worker_ms_per_page']:.1f} ms/page inside a forked worker (N = {sn}, 1 worker) "
                f"vs {warm:.1f} ms/page in a warm process (the stage files, read again and again): "
                f"{w1['worker_ms_per_page'] / warm:.2f}× (a worker reads its files in turn, each once)."
            )
    if "docx" in res["formats"]:
        lo, hi = DOCLING_DOCX_PAGES_PER_S
        cands = {
            f"{nw} worker{'s' if nw > 1 else ''}, N = {n}": w["pages_per_s"]["median"]
            for (f, n, nw), w in whole.items()
            if f == "docx" and n == max(sizes)
        }
        if cands and "docling" in res:
            d = res["docling"]["pages_per_s"]["median"]
            one = whole.get(("docx", sn, 1), {}).get("pages_per_s", {}).get("median")
            best_label, best = max(cands.items(), key=lambda kv: kv[1])
            lines.append(
                f"- .docx whole pipeline vs Docling {res['docling']['docling']} measured here ({d:.1f} pages/s, one process): "
                + (f"1 worker (N = {sn}) {one:.1f} pages/s = **{one / d:.2f}×**; " if one else "")
                + f"{best_label} {best:.1f} pages/s = {best / d:.2f}× (target ≥ {TARGET_VS_DOCLING:g}×: "
                f"{verdict((one or best) >= TARGET_VS_DOCLING * d)}). The issue quoted {lo:.0f}–{hi:.0f} pages/s for Docling; "
                f"against that, {best / hi:.2f}–{best / lo:.2f}×."
            )
        elif cands:
            best_label, best = max(cands.items(), key=lambda kv: kv[1])
            lines.append(
                f"- .docx whole pipeline {best:.1f} pages/s ({best_label}) vs Docling {lo:.0f}–{hi:.0f} pages/s "
                f"(QUOTED from the issue, not measured): {best / hi:.2f}–{best / lo:.2f}× (target ≥ {TARGET_VS_DOCLING:g}×, "
                f"i.e. ≥ {TARGET_VS_DOCLING * hi:.0f} pages/s: {verdict(best >= TARGET_VS_DOCLING * hi)})."
            )
    by_size = {  # each format's whole-batch cells with --workers, smallest N first
        fmt: [(n, whole[(fmt, n, workers)]) for n in sizes if (fmt, n, workers) in whole] for fmt in res["formats"]
    }
    flat_cells = [  # (format, workers, cells by N): --workers, and 1 worker where it ran at more than one N
        (fmt, w, [(n, whole[(fmt, n, w)]) for n in sizes if (fmt, n, w) in whole])
        for w in dict.fromkeys((workers, 1)) for fmt in res["formats"]
    ]
    for fmt, w_count, cells in flat_cells:
        if len(cells) > 1:
            (n0, a), (n1, b) = cells[0], cells[-1]
            wall = b["ms_per_page"] / a["ms_per_page"] - 1
            lines.append(
                f"- {fmt} cost per page ({w_count} worker{'s' if w_count > 1 else ''}), wall "
                + ", ".join(f"N={n}: {w['ms_per_page']:.2f}" for n, w in cells)
                + " ms; CPU "
                + ", ".join(f"{w['cpu_ms_per_page']:.2f}" for _n, w in cells)
                + f" ms; N={n0}→{n1}: wall {change(a['ms_per_page'], b['ms_per_page'])}, CPU "
                f"{change(a['cpu_ms_per_page'], b['cpu_ms_per_page'])}; check "
                + ", ".join(f"{1000 * w['check']['median'] / w['pages']:.2f}" for _n, w in cells)
                + f" ms/page (target: wall within ±{100 * TARGET_FLAT:.0f} %: {verdict(abs(wall) <= TARGET_FLAT)})."
            )
            fixed, marginal = start_up_and_marginal(cells)
            steps = [
                (n_a, n_b, 1000 * (w_b["seconds"]["median"] - w_a["seconds"]["median"]) / (w_b["pages"] - w_a["pages"]))
                for (n_a, w_a), (n_b, w_b) in itertools.pairwise(cells)
            ]
            spread = max(m for *_n, m in steps) / min(m for *_n, m in steps) - 1 if len(steps) > 1 else None
            lines.append(
                f"  - {fmt} wall seconds fitted as start-up + pages × cost: {fixed:.2f} s + {marginal:.2f} ms/page; "
                "cost of the pages added "
                + ", ".join(f"N={n_a}→{n_b}: {m:.2f} ms/page" for n_a, n_b, m in steps)
                + (f" (spread {100 * spread:.0f} %: flat within ±{100 * TARGET_FLAT:.0f} % once started: "
                   f"{verdict(spread <= TARGET_FLAT)})" if spread is not None else "")
                + "."
            )  # fmt: skip
    for fmt in res["formats"]:
        if (fmt, sn, 1) in whole and (fmt, sn, workers) in whole and workers != 1:
            one, two = whole[(fmt, sn, 1)]["seconds"]["median"], whole[(fmt, sn, workers)]["seconds"]["median"]
            r1, r2 = whole[(fmt, sn, 1)]["read_phase"], whole[(fmt, sn, workers)]["read_phase"]
            lines.append(
                f"- {fmt} speed-up 1 → {workers} workers at N = {sn}: {one:.1f} s → {two:.1f} s = **{one / two:.2f}×** "
                f"(target ≥ {TARGET_SPEEDUP:g}×: {verdict(one / two >= TARGET_SPEEDUP)}); read phase alone "
                f"{r1:.1f} s → {r2:.1f} s = {r1 / r2:.2f}×."
            )
    for fmt in res["formats"]:
        cells = by_size[fmt]
        if len(cells) > 1:
            (n0, a), (n1, b) = cells[0], cells[-1]
            grow = b["worker_peak_mib"] / a["worker_peak_mib"] - 1
            lines.append(
                f"- {fmt} worker memory, N = "
                + ", ".join(str(n) for n, _w in cells)
                + ": peak RSS "
                + ", ".join(f"{w['worker_peak_mib']:.0f}" for _n, w in cells)
                + " MiB ("
                + change(a["worker_peak_mib"], b["worker_peak_mib"])
                + f"; flat within ±{100 * TARGET_FLAT:.0f} %: {verdict(abs(grow) <= TARGET_FLAT)}); inherited at fork "
                + ", ".join(f"{w['worker_at_fork_mib']:.0f}" for _n, w in cells)
                + "; own growth "
                + ", ".join(f"{w['worker_own_mib']:.0f}" for _n, w in cells)
                + "; private "
                + ", ".join(f"{w['worker_private_mib']:.0f}" for _n, w in cells)
                + "; driver peak "
                + ", ".join(f"{w.get('run_driver_peak_mib') or float('nan'):.0f}" for _n, w in cells)
                + " MiB during the run, "
                + ", ".join(f"{w['driver_peak_mib']:.0f}" for _n, w in cells)
                + " MiB after `check_dataset` (which reads it a batch of documents at a time)."
            )
    print("\n".join(lines) if lines else "(not enough measurements for the targets)")


def to_json(res: dict[str, Any]) -> dict[str, Any]:
    return {**res, "whole": [{"format": k[0], "n": k[1], "workers": k[2], **v} for k, v in res["whole"].items()]}


def from_json(raw: dict[str, Any]) -> dict[str, Any]:
    whole = {(w.pop("format"), w.pop("n"), w.pop("workers")): w for w in raw["whole"]}
    return {**raw, "whole": whole}


# --- main --------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Speed and memory of the extract pipeline per format and stage, next to bare pdfplumber and pypdfium2.",
        epilog="Prints Markdown to stdout and progress to stderr. See benchmarks/README.md.",
    )
    parser.add_argument(
        "--sizes",
        default="10,100",
        help="comma-separated N (reports per format), default 10,100; the full run is 10,100,1000",
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per measure (median, min, max), default 5")
    parser.add_argument(
        "--budget",
        type=float,
        default=120.0,
        help="seconds after which one whole-batch measure stops repeating (at least 1 run); 0 = always --runs; default 120",
    )
    parser.add_argument("--workers", type=int, default=2, help="workers of the whole-batch runs, default 2")
    parser.add_argument(
        "--speedup-n", type=int, help="N of the 1-worker runs (speed-up, ratios); default: the largest size ≤ 100"
    )
    parser.add_argument(
        "--speedup-formats", default="pdf", help="formats also run with 1 worker, default pdf; 'all' for every format"
    )
    parser.add_argument(
        "--flat-one-worker",
        action="store_true",
        help="also run those formats with 1 worker at the smallest and largest N: cost per page against N at 1 worker",
    )
    parser.add_argument(
        "--stage-n", type=int, default=10, help="N of the in-process stage timings and bare baselines, default 10"
    )
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated subset of txt,docx,pdf")
    parser.add_argument("--quick", action="store_true", help="smoke test: --sizes 10 --runs 3 unless given")
    parser.add_argument(
        "--no-probe", action="store_true", help="plain runner.run (no per-worker memory and time probe)"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also print cProfile hotspots (cold worker, warm process_file, driver, check)",
    )
    parser.add_argument("--json", type=Path, help="also write the raw results to this file")
    parser.add_argument(
        "--keep", type=Path, help="build the corpora under this folder and keep them (default: a temporary folder)"
    )
    parser.add_argument("--from-json", type=Path, help="print the report of a --json file again, measuring nothing")
    parser.add_argument(
        "--docling-python", type=Path,
        help="Python of an environment with Docling: measure its .docx conversion (benchmarks/docling_docx.py)",
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--top", type=int, default=20, help="lines per profile with --profile, default 20")
    args = parser.parse_args()
    if args.child:
        child_main(args.child)
        return
    if args.profile_worker:
        profile_worker_child(args.profile_worker, args.top)
        return
    if args.from_json:
        report(from_json(json.loads(args.from_json.read_text())))
        return
    if args.quick:
        if not any(a.startswith("--sizes") for a in sys.argv):
            args.sizes = "10"
        if not any(a.startswith("--runs") for a in sys.argv):
            args.runs = 3
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    formats = tuple(f for f in FORMATS if f in args.formats.split(","))
    speedup_formats = (
        formats if args.speedup_formats == "all" else tuple(f for f in formats if f in args.speedup_formats.split(","))
    )
    speedup_n = args.speedup_n or max([n for n in sizes if n <= 100] or sizes[:1])
    if speedup_n not in sizes:
        sizes = sorted({*sizes, speedup_n})
    one_worker_sizes = {speedup_n, *((sizes[0], sizes[-1]) if args.flat_one_worker else ())}
    stage_n = args.stage_n
    reports = sources()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="bench-", dir=args.keep))
    started = time.perf_counter()
    load_start = os.getloadavg()[0]
    res: dict[str, Any] = {
        "config": {
            "sizes": sizes,
            "runs": args.runs,
            "budget": args.budget,
            "workers": args.workers,
            "speedup_n": speedup_n,
            "stage_n": stage_n,
        },
        "formats": formats,
        "reports": [{"stem": r["stem"], "pages": r["pages"]} for r in reports],
        "stages": {},
        "whole": {},
    }
    try:
        corpora = {}
        for n in sorted({*sizes, stage_n}):
            progress(f"building N={n} x {len(formats)} formats")
            corpora[n] = build_corpus(tmp / f"n{n}", n, formats, reports)
        for fmt in formats:
            c = corpora[stage_n][fmt]
            progress(f"stages: {fmt}, N={stage_n}, {args.runs} runs")
            st = stage_benchmark(c, args.runs)
            res["stages"][fmt] = {**st, "pages": c["total_pages"], "docs": len(c["files"])}
        if args.docling_python and "docx" in formats:
            progress(f"Docling on the corpus .docx, {args.runs} runs")
            res["docling"] = docling_benchmark(args.docling_python, args.runs)
        if "pdf" in formats:
            pdfs = [corpora[stage_n]["pdf"]["files"][i] for i in range(min(len(reports), stage_n))]
            progress(f"bare pdfplumber and pypdfium2 on {len(pdfs)} PDFs, {args.runs} runs")
            res["bare"] = {
                "seconds": bare_benchmark(pdfs, args.runs),
                "docs": len(pdfs),
                "pages": sum(corpora[stage_n]["pdf"]["pages"][str(p)] for p in pdfs),
            }
        for n in sizes:
            for fmt in formats:
                group = [(fmt, n, args.workers, corpora[n][fmt]["folder"])]
                if n in one_worker_sizes and fmt in speedup_formats and args.workers != 1:
                    group.insert(0, (fmt, n, 1, corpora[n][fmt]["folder"]))  # interleaved with the --workers runs
                for key, results in repeated_runs(group, tmp, args.runs, args.budget, not args.no_probe).items():
                    if not results:
                        continue
                    c = corpora[n][fmt]
                    w = res["whole"][key] = combine(results, c["total_pages"], len(c["files"]))
                    progress(
                        f"  {fmt}, N={n}, {key[2]} worker(s): {w['runs']} runs, {w['seconds']['median']:.1f} s, "
                        f"{w['pages_per_s']['median']:.1f} pages/s, check {w['check']['median']:.1f} s, "
                        f"statuses {w['statuses']}, worker peak {w['worker_peak_mib']:.0f} MiB"
                    )
        res["load"] = (load_start, os.getloadavg()[0])
        raw = json.dumps(to_json(res), indent=1, default=str)
        if args.json:
            args.json.write_text(raw)
        try:
            report(res)
        except Exception:
            if not args.json:
                print(raw, file=sys.stderr)  # the numbers survive a bug in the report
            raise
        if args.profile:
            profiles(corpora[stage_n], tmp, args.top)
        progress(f"done in {time.perf_counter() - started:.0f} s")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
