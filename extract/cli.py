"""Command line: run | read | outline | check | eval — each a few lines over the library.

Exit codes: 0 success; 1 check findings reached the threshold; 2 usage error;
3 some files failed (they are recorded in ``documents``, everything else was written);
4 the output could not be written (a full disk, no permission): it keeps its last complete tables;
130 interrupted (Ctrl-C, SIGTERM): the files read until then were written.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from extract import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_FAILED_FILES, EXIT_WRITE, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run one command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    from extract.audit import WaiverError
    from extract.dataset import DatasetError
    from extract.errors import SchedulerError
    from extract.lock import Busy

    try:
        return int(args.func(args))
    except (DatasetError, WaiverError, Busy, SchedulerError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # "read FILE | head": the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # a full disk, a read-only folder: nothing was put in place half written
        print(f"error: cannot write {exc.filename or 'the output'}: {exc.strerror or exc}; "
              "the dataset keeps its last complete tables", file=sys.stderr)
        return EXIT_WRITE
    except KeyboardInterrupt:  # while the tables were written: each is replaced whole or not at all
        print("interrupted: the output folder holds the last complete tables", file=sys.stderr)
        return EXIT_INTERRUPTED


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def positive(kind: type) -> Callable[[str], Any]:
    """An argument type: a number of ``kind`` above zero ("--jobs -1", "--timeout 0" are usage errors)."""

    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be above zero, not {text}")
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m extract", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=__version__)
    sub = parser.add_subparsers(dest="command")

    run = sub.add_parser("run", help="read reports into a Parquet dataset",
                         epilog="example: python -m extract run corpus/ --out output/ --check")
    run.add_argument("paths", nargs="+", help="files, folders (recursive; .txt, .docx, .pdf, .odt, .fodt, .rtf, .doc and files without an extension) or globs")
    run.add_argument("--out", required=True, type=Path, help="output folder of the dataset")
    run.add_argument("--jobs", type=positive(int), default=None, help="worker processes (default: all cores)")
    run.add_argument("--timeout", type=positive(float), default=300.0,
                     help="seconds allowed per file (default 300; OCR of a scanned page takes about 2-3 s)")
    run.add_argument("--memory", type=positive(int), default=2048, help="MiB of memory allowed per file (default 2048)")
    run.add_argument("--ocr", action=argparse.BooleanOptionalAction, default=True,
                     help="recognise scanned PDF pages with Tesseract (Polish) where it is installed, within "
                          "--timeout (default: on)")
    run.add_argument("--prune", action="store_true", help="drop rows of files no longer among the inputs")
    run.add_argument("--check", action="store_true", help="run the consistency check afterwards")
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    run.add_argument("--log-format", choices=["text", "json"], default="text", help="summary as text or JSON")
    run.add_argument("--executor", choices=["local", "dask"], default="local",
                     help="read files in local worker processes (default) or on a Dask cluster")
    run.add_argument("--scheduler", default=None,
                     help="Dask scheduler address, e.g. tcp://host:8786 (default: a local Dask cluster)")
    run.add_argument("--wait-for-workers", type=positive(float), default=60.0,
                     help="seconds to wait for a Dask worker before giving up (default 60)")
    run.set_defaults(func=cmd_run)

    read = sub.add_parser("read", help="print a file's blocks (debugging view)",
                          epilog="example: python -m extract read corpus/report.docx")
    read.add_argument("file", type=Path)
    read.set_defaults(func=cmd_read)

    outline = sub.add_parser("outline", help="print a file's sections and projects",
                             epilog="example: python -m extract outline corpus/report.txt")
    outline.add_argument("file", type=Path)
    outline.set_defaults(func=cmd_outline)

    check = sub.add_parser("check", help="check a dataset's figures for consistency",
                           epilog="example: python -m extract check output/ --format markdown --fail-on error")
    check.add_argument("dataset", type=Path)
    check.add_argument("--year", type=int, default=None)
    check.add_argument("--format", choices=["table", "json", "markdown", "html"], default="table")
    check.add_argument("--fail-on", choices=["error", "warning"], default="error")
    check.add_argument("--waivers", type=Path, default=None, help="file of accepted findings (default DIR/waivers.yaml)")
    check.add_argument("--quiet", action="store_true", help="no progress bar")
    check.add_argument("--lang", choices=["pl", "en"], default="pl", help="language of the reports' messages (default pl)")
    check.set_defaults(func=cmd_check)

    evaluate = sub.add_parser("eval", help="precision and recall against the hand labels in tests/labels",
                              epilog="example: python -m extract eval")
    evaluate.add_argument("--labels", type=Path, default=Path("tests/labels"))
    evaluate.add_argument("--corpus", type=Path, action="append",
                          help="folder of the labelled reports (default corpus/; given again for more folders, with --pairs)")
    evaluate.add_argument("--pairs", type=Path, help="score measure keys on pairs of figures labelled same/different")
    evaluate.add_argument("--show", action="store_true", help="list every miss and false alarm")
    evaluate.set_defaults(func=cmd_eval)
    return parser


def cmd_run(args: argparse.Namespace) -> int:
    from extract.inputs import InputError
    from extract.runner import Limits, run

    progress = None if args.quiet else _progress_bar("file")
    if args.scheduler and args.executor != "dask":
        print("error: --scheduler needs --executor dask", file=sys.stderr)
        return EXIT_USAGE
    if args.out.exists() and not args.out.is_dir():
        print(f"error: --out {args.out} is a file; the dataset needs a folder", file=sys.stderr)
        return EXIT_USAGE
    reader = None
    if args.executor == "dask":
        from extract.executors import dask_reader

        reader = dask_reader(args.scheduler, limits=Limits(args.timeout, args.memory * 2**20, ocr=args.ocr),
                             wait_for_workers=args.wait_for_workers)
    signal.signal(signal.SIGTERM, _interrupt)  # a scheduler's stop is a Ctrl-C: keep what was read
    try:
        summary = run(args.paths, args.out, workers=args.jobs, prune=args.prune,
                      limits=Limits(args.timeout, args.memory * 2**20, ocr=args.ocr), progress=progress, reader=reader)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for path, why in summary.skipped:
        print(f"  skipped: {path}: {why}", file=sys.stderr)
    if summary.findings_removed and not args.check:
        print("note: the earlier check's findings were removed (documents changed); run `python -m extract check` again",
              file=sys.stderr)
    if not summary.files:
        print("error: no report files among the inputs", file=sys.stderr)
        return EXIT_USAGE
    if summary.interrupted:
        print(f"interrupted: {summary.read} of {summary.files - summary.unchanged} files read and written; "
              "run the same command again to read the rest", file=sys.stderr)
        return EXIT_INTERRUPTED
    findings = None
    if args.check:
        from extract.audit import check_dataset

        findings = len(check_dataset(args.out, None, None, progress=None if args.quiet else _progress_bar("document")))
    counts = summary.statuses
    line = {
        "files": summary.files, "unchanged": summary.unchanged, "ok": counts.get("ok", 0),
        "partial": counts.get("partial", 0), "needs_ocr": counts.get("needs_ocr", 0),
        "failed": counts.get("failed", 0), "figures": summary.figures, "unmapped": summary.unmapped,
        "findings": findings,
        "seconds": round(summary.seconds, 2),
    }
    if args.log_format == "json":
        print(json.dumps({**line, "failed_files": summary.failed_files,
                          "skipped": [{"path": p, "why": w} for p, w in summary.skipped]}))
    else:
        print(", ".join(f"{k} {v}" for k, v in line.items() if v is not None), file=sys.stderr)
        for failure in summary.failed_files:
            print(f"  failed: {failure}", file=sys.stderr)
    return EXIT_FAILED_FILES if counts.get("failed") else EXIT_OK


def _progress_bar(unit: str):  # type: ignore[no-untyped-def]
    """A progress callback (done, total, name) drawing a bar of ``unit`` on stderr."""
    from tqdm import tqdm

    bar: dict[str, tqdm] = {}

    def update(done: int, total: int, name: str) -> None:
        if "bar" not in bar:
            bar["bar"] = tqdm(total=total, unit=unit, file=sys.stderr, leave=False)
        bar["bar"].set_postfix_str(Path(name).name[-40:])
        bar["bar"].update(done - bar["bar"].n)
        if done == total:
            bar["bar"].close()

    return update


def cmd_read(args: argparse.Namespace) -> int:
    from extract.readers import read

    if not args.file.is_file():
        print(f"error: no such file: {args.file}", file=sys.stderr)
        return EXIT_USAGE
    doc = read(args.file)
    print(f"# {doc.source_path}: {doc.format}, status {doc.status}" + (f" ({doc.reason})" if doc.reason else ""))
    for warning in doc.warnings:
        print(f"# warning: {warning}")
    for block in doc.blocks:
        where = f"p{block.page} " if block.page else ""
        print(f"[{where}{block.char_start}-{block.char_end} {block.kind}]")
        if block.kind == "table":
            for row in block.grid():
                print("  | " + " | ".join(row))
        else:
            print("  " + block.text)
    return EXIT_OK if doc.status != "failed" else EXIT_FAILED_FILES


def cmd_outline(args: argparse.Namespace) -> int:
    from extract.readers import read
    from extract.segment import find_projects, find_sections

    if not args.file.is_file():
        print(f"error: no such file: {args.file}", file=sys.stderr)
        return EXIT_USAGE
    doc = read(args.file)
    if doc.status == "failed":
        print(f"error: {doc.reason}", file=sys.stderr)
        return EXIT_FAILED_FILES
    sections = find_sections(doc)
    projects = find_projects(doc, sections)
    for k, section in enumerate(sections):
        print("  " * (section.level - 1) + " ".join(x for x in (section.raw_number, section.title) if x))
        for p in projects:
            if p.section == k or (p.section is None and p.char_start == section.char_start):
                facts = ", ".join(f"{n}={getattr(p, n)}" for n in ("code", "start_year", "goals_achieved", "continues")
                                  if getattr(p, n) is not None)
                print("  " * section.level + f"* {p.name}" + (f" ({facts})" if facts else ""))
    return EXIT_OK


REPORT_FILES = {"markdown": "report.md", "html": "report.html"}  # what check writes in the dataset folder


def cmd_check(args: argparse.Namespace) -> int:
    from extract.audit import check_dataset, findings_folder, load_waivers, print_findings, stale_waivers

    if not (args.dataset / "indicators").is_dir():
        print(f"error: {args.dataset} holds no dataset (run `python -m extract run` first)", file=sys.stderr)
        return EXIT_USAGE
    findings = check_dataset(args.dataset, args.year, args.waivers, progress=None if args.quiet else _progress_bar("document"),
                             lang=args.lang)
    if args.format in REPORT_FILES:
        print((findings_folder(args.dataset, args.year) / REPORT_FILES[args.format]).read_text(encoding="utf-8"))
    else:
        from extract.audit import read_places

        print_findings(findings, args.format, read_places(args.dataset, findings), args.lang)
    if args.year is None:  # with --year, waivers of other years' findings would look stale
        stale = stale_waivers(load_waivers(args.waivers or args.dataset / "waivers.yaml"), findings)
        if stale:
            print(f"warning: {len(stale)} waiver(s) match no finding (corrected, or its figures changed): "
                  + ", ".join(stale), file=sys.stderr)
    from extract.rulebook import exceeds

    return EXIT_FINDINGS if exceeds(findings, args.fail_on) else EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from extract.evaluate import (
        evaluate,
        evaluate_outlines,
        evaluate_pairs,
        print_outline_report,
        print_pair_report,
        print_report,
    )

    corpora = args.corpus or [Path("corpus")]
    if args.pairs:
        if not args.pairs.is_file():
            print(f"error: no pairs file: {args.pairs}", file=sys.stderr)
            return EXIT_USAGE
        print_pair_report(evaluate_pairs(args.pairs, corpora), show=args.show)
        return EXIT_OK
    args.corpus = corpora[0]
    scores = evaluate(args.labels, args.corpus)
    if not scores:
        print(f"error: no labelled report: {args.labels} holds no <stem>.figures.jsonl with a file of that stem in {args.corpus}",
              file=sys.stderr)
        return EXIT_USAGE
    print_report(scores, show=args.show)
    print_outline_report(evaluate_outlines(args.labels, args.corpus), show=args.show)
    return EXIT_OK
