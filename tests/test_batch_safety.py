"""Batch runs attacked on purpose (issue: batch runs that never lose, mix or leak data): each case
reproduced with real processes, files and links, as the data team would meet it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest
from test_cli import run_cli

REPORT = "Sprawozdanie z działalności Ośrodka Pomocy Społecznej za rok 2019\n\nW 2019 roku pomocą objęto 148 rodzin.\n"


def summary_of(*args: str) -> tuple[int, dict, str]:
    done = run_cli(*args, "--quiet", "--log-format", "json")
    return done.returncode, json.loads(done.stdout) if done.stdout.strip() else {}, done.stderr


def test_a_file_name_that_is_not_utf8_is_read_and_recorded(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"x-\xbf\xf3\xb3\xe6.txt")  # a cp1250 name from a Windows zip
    (folder / name).write_text(REPORT, encoding="utf-8")
    code, summary, stderr = summary_of("run", str(folder), "--out", str(tmp_path / "out"))
    assert code == 0, stderr
    assert summary["ok"] == 1
    documents = pd.read_parquet(tmp_path / "out" / "documents")
    assert documents["source_path"].iloc[0].endswith("x-\\xbf\\xf3\\xb3\\xe6.txt")  # bytes shown as escapes
    assert len(pd.read_parquet(tmp_path / "out" / "indicators")) >= 1


def test_one_file_reached_by_two_paths_is_one_document(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    (folder / "latest.txt").symlink_to("report.txt")
    code, summary, stderr = summary_of("run", str(folder), str(folder / "report.txt"), "--out", str(tmp_path / "out"))
    assert code == 0 and summary["ok"] == 1 and summary["files"] == 1, stderr
    assert [s["why"].startswith("the same file as") for s in summary["skipped"]] == [True]
    documents = pd.read_parquet(tmp_path / "out" / "documents")
    indicators = pd.read_parquet(tmp_path / "out" / "indicators")
    assert len(documents) == 1 and set(indicators["doc_id"]) <= set(documents["doc_id"])  # no orphan rows


def test_links_leading_out_of_the_folder_are_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    (folder / "passwd").symlink_to("/etc/passwd")
    (folder / "environ.txt").symlink_to("/proc/self/environ")
    code, summary, stderr = summary_of("run", str(folder), "--out", str(tmp_path / "out"))
    assert code == 0 and summary["files"] == 1, stderr
    assert sorted(Path(s["path"]).name for s in summary["skipped"]) == ["environ.txt", "passwd"]
    texts = " ".join(pd.read_parquet(tmp_path / "out" / "documents")["text"])
    assert "root:" not in texts and "PATH=" not in texts


def test_a_link_loop_under_a_recursive_glob_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "L" / "a").mkdir(parents=True)
    (tmp_path / "L" / "b").mkdir()
    (tmp_path / "L" / "a" / "to-b").symlink_to("../b")
    (tmp_path / "L" / "b" / "to-a").symlink_to("../a")
    (tmp_path / "L" / "b" / "report.txt").write_text(REPORT, encoding="utf-8")
    code, summary, stderr = summary_of("run", str(tmp_path / "L" / "**" / "*.txt"), "--out", str(tmp_path / "out"))
    assert code == 0 and summary["files"] == 1, stderr


def test_a_pipe_named_on_the_command_line_is_refused_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    code, _summary, stderr = summary_of("run", str(fifo), "--out", str(tmp_path / "out"))
    assert code == 2 and "not a regular file" in stderr


@pytest.mark.parametrize(
    "option",
    [["--jobs", "-1"], ["--jobs", "0"], ["--timeout", "0"], ["--timeout", "-5"], ["--memory", "0"], ["--jobs", "two"]],
)
def test_numbers_of_workers_and_limits_must_be_above_zero(tmp_path: Path, option: list[str]) -> None:
    done = run_cli("run", str(tmp_path), "--out", str(tmp_path / "out"), *option)
    assert done.returncode == 2 and option[0] in done.stderr and "Traceback" not in done.stderr


def test_out_naming_a_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "README.md").write_text("not a dataset", encoding="utf-8")
    done = run_cli("run", str(tmp_path / "r.txt"), "--out", str(tmp_path / "README.md"))
    assert done.returncode == 2 and "is a file" in done.stderr and "Traceback" not in done.stderr
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "not a dataset"


def test_a_run_with_no_report_among_its_inputs_says_so(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    done = run_cli("run", str(tmp_path / "empty"), "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and "no report files" in done.stderr


def test_read_and_outline_of_a_missing_file_say_so(tmp_path: Path) -> None:
    for command in ("read", "outline"):
        done = run_cli(command, str(tmp_path / "missing.pdf"))
        assert done.returncode == 2 and "no such file" in done.stderr and "Traceback" not in done.stderr


def test_read_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    import subprocess
    import sys

    from conftest import ROOT

    report = tmp_path / "r.txt"
    report.write_text(REPORT * 400, encoding="utf-8")
    done = subprocess.run(f"{sys.executable} -m extract read {report} | head -1", shell=True, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.startswith("# ") and "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


def test_eval_without_labels_is_an_error_not_a_perfect_score(tmp_path: Path) -> None:
    done = run_cli("eval", "--labels", str(tmp_path), "--corpus", str(tmp_path))
    assert done.returncode == 2 and "no labelled report" in done.stderr


def test_check_of_one_year_writes_beside_the_full_check(dataset: Path, tmp_path: Path) -> None:
    import shutil

    out = tmp_path / "d"
    shutil.copytree(dataset, out)
    assert run_cli("check", str(out), "--quiet").returncode in (0, 1)
    full = (out / "report.md").read_text(encoding="utf-8")
    assert run_cli("check", str(out), "--year", "2013", "--quiet").returncode in (0, 1)
    assert (out / "report.md").read_text(encoding="utf-8") == full  # the full check's report stays
    assert (out / "check-2013" / "report.md").is_file() and (out / "check-2013" / "findings").is_dir()


def test_dataset_files_follow_the_umask(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    run_cli("run", str(tmp_path / "r.txt"), "--out", str(tmp_path / "out"), "--quiet", "--check")
    files = [*(tmp_path / "out").glob("*/*.parquet"), tmp_path / "out" / "report.html"]
    mask = os.umask(0o022)
    os.umask(mask)
    assert files and all(f.stat().st_mode & 0o777 == 0o666 & ~mask for f in files)


def test_a_second_writer_of_one_output_is_refused_and_the_first_loses_nothing(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    from conftest import CORPUS, ROOT

    out = tmp_path / "out"
    first = subprocess.Popen([sys.executable, "-m", "extract", "run", str(CORPUS), "--out", str(out), "--quiet", "--jobs", "1"],
                             cwd=ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (out / ".lock").exists() or not (out / ".lock").read_text().strip():
        assert time.monotonic() < deadline and first.poll() is None
        time.sleep(0.02)
    second = run_cli("run", str(CORPUS), "--out", str(out), "--quiet")
    assert first.wait(300) == 0, first.stderr.read() if first.stderr else ""
    assert second.returncode == 2 and "being written by process" in second.stderr
    assert len(pd.read_parquet(out / "documents")) == len(list(CORPUS.glob("*.*"))) - 1  # README.md is no report
    again = run_cli("run", str(CORPUS), "--out", str(out), "--quiet")  # the lock went with the first run
    assert again.returncode == 0, again.stderr


def test_workers_die_with_a_killed_driver(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    from conftest import CORPUS, ROOT

    inputs = tmp_path / "in"
    inputs.mkdir()
    for k in range(300):
        (inputs / f"r{k}.txt").write_text(REPORT + f"\nPozycja {k}: {k} rodzin.\n", encoding="utf-8")
    driver = subprocess.Popen([sys.executable, "-m", "extract", "run", str(inputs), str(CORPUS), "--out", str(tmp_path / "out"),
                               "--quiet", "--jobs", "2"], cwd=ROOT, start_new_session=True)
    listing = Path(f"/proc/{driver.pid}/task/{driver.pid}/children")
    children: list[int] = []
    deadline = time.monotonic() + 60
    while len(children) < 2 and time.monotonic() < deadline and driver.poll() is None:
        children = [int(p) for p in listing.read_text().split()] if listing.exists() else []
        time.sleep(0.05)
    assert len(children) >= 2, "the workers were never seen"
    driver.send_signal(signal.SIGKILL)
    driver.wait(10)
    time.sleep(1)
    alive = [pid for pid in children if Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]]
    assert alive == []


def test_a_file_replaced_while_it_is_read_is_a_failure_to_retry(tmp_path: Path) -> None:
    from extract.pipeline import file_id
    from extract.runner import read_unchanged

    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    listed = file_id(report)
    report.write_text(REPORT.replace("148", "151"), encoding="utf-8")  # replaced after the run hashed it
    rows = read_unchanged(report, "r.txt", listed)
    assert rows["documents"][0]["status"] == "failed" and rows["documents"][0]["error"] == "changed"
    assert rows["indicators"] == []


def test_files_that_failed_are_tried_again(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.txt").write_text(REPORT * 2000, encoding="utf-8")
    out = tmp_path / "out"
    code, summary, _ = summary_of("run", str(tmp_path / "in"), "--out", str(out), "--timeout", "0.001")
    assert code == 3 and summary["failed"] == 1
    code, summary, _ = summary_of("run", str(tmp_path / "in"), "--out", str(out))
    assert code == 0 and summary["unchanged"] == 0 and summary["ok"] == 1


def test_a_dataset_edited_by_hand_stops_the_run_with_a_way_to_rebuild(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("run", str(tmp_path / "in"), "--out", str(out), "--quiet").returncode == 0
    for file in (out / "indicators").glob("*.parquet"):
        pq.write_table(pq.read_table(file).drop_columns(["value"]), file)  # a column dropped by hand
    (tmp_path / "in" / "b.txt").write_text(REPORT.replace("148", "150"), encoding="utf-8")
    done = run_cli("run", str(tmp_path / "in"), "--out", str(out), "--quiet")
    assert done.returncode == 2 and "missing: value" in done.stderr and "documents folder" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_run_that_changes_documents_removes_the_stale_findings(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("run", str(tmp_path / "in"), "--out", str(out), "--quiet", "--check").returncode == 0
    assert (out / "findings").is_dir() and (out / "report.html").is_file()
    unchanged = run_cli("run", str(tmp_path / "in"), "--out", str(out), "--quiet")
    assert (out / "findings").is_dir() and "removed" not in unchanged.stderr  # nothing changed: still true
    (tmp_path / "in" / "a.txt").write_text(REPORT.replace("148", "149"), encoding="utf-8")
    changed = run_cli("run", str(tmp_path / "in"), "--out", str(out), "--quiet")
    assert not (out / "findings").exists() and not (out / "report.html").exists()
    assert "findings were removed" in changed.stderr


def test_a_plain_install_carries_the_schemas_a_dataset_needs(tmp_path: Path) -> None:
    import subprocess
    import sys
    import zipfile

    from conftest import ROOT

    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("extract-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    schemas = {p.name for p in (ROOT / "schemas").glob("*.yaml")}
    assert {n.rsplit("/", 1)[1] for n in names if n.startswith("extract/schemas/")} >= schemas
    assert "extract/rules/terc.tsv" in names


@pytest.mark.parametrize("stop", ["SIGINT", "SIGTERM"])
def test_an_interrupted_run_keeps_the_files_read_and_leaves_nothing_running(tmp_path: Path, stop: str) -> None:
    import signal
    import subprocess
    import sys
    import time

    from conftest import ROOT

    inputs = tmp_path / "in"
    inputs.mkdir()
    for k in range(400):
        (inputs / f"r{k:03}.txt").write_text(REPORT + f"\nPozycja {k}: {k + 1} rodzin.\n" * 20, encoding="utf-8")
    out = tmp_path / "out"
    driver = subprocess.Popen([sys.executable, "-m", "extract", "run", str(inputs), "--out", str(out), "--jobs", "2"],
                              cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not any(out.glob(".spill-*/5.pickle")):  # some files read
        assert time.monotonic() < deadline and driver.poll() is None
        time.sleep(0.05)
    os.killpg(driver.pid, getattr(signal, stop))  # as a terminal's Ctrl-C reaches the whole group
    _, stderr = driver.communicate(timeout=120)
    assert driver.returncode == 130, stderr
    assert "Traceback" not in stderr and "interrupted:" in stderr
    documents = pd.read_parquet(out / "documents")
    assert 0 < len(documents) < 400 and (documents["status"] == "ok").all()
    again = run_cli("run", str(inputs), "--out", str(out), "--quiet", "--log-format", "json")  # the rest is read next time
    assert again.returncode == 0 and json.loads(again.stdout)["unchanged"] == len(documents)
    assert _processes_naming(str(inputs)) == []


def _processes_naming(needle: str) -> list[str]:
    """Ids of the running processes whose command line holds ``needle`` (none where /proc is missing)."""
    found = []
    for entry in Path("/proc").iterdir() if Path("/proc").exists() else []:
        try:
            if entry.name.isdigit() and needle in (entry / "cmdline").read_bytes().decode(errors="replace"):
                found.append(entry.name)
        except OSError:  # it ended between the listing and the reading
            continue
    return found


def test_a_full_disk_keeps_the_earlier_dataset_and_says_so(tmp_path: Path) -> None:
    import subprocess

    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    try:
        (tmp_path / "one").mkdir()
        (tmp_path / "one" / "r.txt").write_text(REPORT, encoding="utf-8")
        out = disk / "out"
        assert run_cli("run", str(tmp_path / "one"), "--out", str(out), "--quiet", "--check").returncode == 0
        report = (out / "report.html").read_text(encoding="utf-8")
        many = tmp_path / "many"
        many.mkdir()
        for k in range(300):
            (many / f"r{k}.txt").write_text(REPORT + f"Pozycja {k}: {k} rodzin. " * 200, encoding="utf-8")
        done = run_cli("run", str(tmp_path / "one"), str(many), "--out", str(out), "--quiet", "--check")
        assert done.returncode == 4 and "cannot write" in done.stderr and "Traceback" not in done.stderr
        assert len(pd.read_parquet(out / "documents")) == 1  # the earlier dataset, whole
        assert (out / "report.html").read_text(encoding="utf-8") == report
        assert not [p for p in out.rglob(".tmp-*")] and not list(out.glob(".spill-*"))
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
         "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n- id: X\n  reason: *c\n", "not valid YAML"),
        ("- id: X\n  reason: &r ok\n- id: Y\n  reason: *r\n", "aliases"),
    ],
)
def test_a_hostile_waivers_file_stops_the_check_at_once(dataset: Path, tmp_path: Path, content: str, says: str) -> None:
    import shutil
    import time

    out = tmp_path / "d"
    shutil.copytree(dataset, out)
    (out / "waivers.yaml").write_text(content, encoding="utf-8")
    started = time.monotonic()
    done = run_cli("check", str(out), "--quiet")
    assert done.returncode == 2 and says in done.stderr and "Traceback" not in done.stderr
    assert time.monotonic() - started < 60


def test_a_waivers_file_too_large_to_be_one_is_refused(dataset: Path, tmp_path: Path) -> None:
    import shutil

    out = tmp_path / "d"
    shutil.copytree(dataset, out)
    with (out / "waivers.yaml").open("w", encoding="utf-8") as handle:
        handle.write("- id: X\n  reason: " + "x" * (5 * 2**20) + "\n")
    done = run_cli("check", str(out), "--quiet")
    assert done.returncode == 2 and "more than a waivers file holds" in done.stderr


def test_a_word_file_without_a_body_is_damaged_not_a_crash(tmp_path: Path) -> None:
    import zipfile

    from docx import Document as Word

    from extract.pipeline import process_file

    Word().save(tmp_path / "ok.docx")
    with zipfile.ZipFile(tmp_path / "ok.docx") as src, zipfile.ZipFile(tmp_path / "nobody.docx", "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
            dst.writestr(item, data)
    document = process_file(tmp_path / "nobody.docx")["documents"][0]
    assert (document["status"], document["error"]) == ("failed", "corrupt") and "no body" in document["reason"]


def test_an_unreachable_dask_scheduler_is_named(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    done = run_cli("run", str(tmp_path / "r.txt"), "--out", str(tmp_path / "out"), "--executor", "dask",
                   "--scheduler", "tcp://127.0.0.1:1", "--quiet")
    assert done.returncode == 2 and "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_dask_scheduler_without_workers_is_not_waited_for_forever(tmp_path: Path) -> None:
    import socket
    import subprocess
    import sys
    import time

    pytest.importorskip("distributed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    scheduler = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                  "--port", str(port), "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(3)
        (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
        done = run_cli("run", str(tmp_path / "r.txt"), "--out", str(tmp_path / "out"), "--executor", "dask",
                       "--scheduler", f"tcp://127.0.0.1:{port}", "--wait-for-workers", "3", "--quiet")
        assert done.returncode == 2 and "has no workers" in done.stderr and "Traceback" not in done.stderr
    finally:
        scheduler.kill()
        scheduler.wait(10)


def test_a_dtd_in_a_word_part_not_named_xml_is_refused(tmp_path: Path) -> None:
    import zipfile

    from docx import Document as Word

    from extract.pipeline import process_file

    Word().save(tmp_path / "ok.docx")
    with zipfile.ZipFile(tmp_path / "ok.docx") as src, zipfile.ZipFile(tmp_path / "hostile.docx", "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("word/settings2.dat", '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>')
        dst.writestr("word/media/image1.png", b"\x89PNG\r\n\x1a\n" + bytes(64))  # media are not screened as XML
    document = process_file(tmp_path / "hostile.docx")["documents"][0]
    assert (document["status"], document["error"]) == ("failed", "dtd") and "settings2.dat" in document["reason"]


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be", "utf-32"])
def test_utf32_text_is_read_as_text(tmp_path: Path, encoding: str) -> None:
    from extract.pipeline import process_file

    (tmp_path / "r.txt").write_bytes(REPORT.encode(encoding))
    rows = process_file(tmp_path / "r.txt")
    assert rows["documents"][0]["text"].startswith("Sprawozdanie z działalności")
    assert [f["value"] for f in rows["indicators"]] == [148.0]


def test_a_run_with_nothing_to_do_leaves_every_byte_in_place(tmp_path: Path) -> None:
    import hashlib

    from conftest import CORPUS

    out = tmp_path / "out"
    code, first, _ = summary_of("run", str(CORPUS), "--out", str(out))
    assert code == 0

    def state() -> dict[str, str]:
        return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.rglob("*.parquet"))}

    before = state()
    code, again, _ = summary_of("run", str(CORPUS), "--out", str(out))
    assert code == 0 and state() == before
    assert (again["unchanged"], again["ok"], again["figures"], again["unmapped"]) == (first["files"], first["ok"], first["figures"], first["unmapped"])


def test_report_md_shows_the_report_text_as_text_not_markup(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT + "Na paczki <script>x</script> [pilne](x) wydano ,50 zł.\n", encoding="utf-8")
    out = tmp_path / "out"
    run_cli("run", str(tmp_path / "r.txt"), "--out", str(out), "--quiet", "--check")
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "LOST\\_DIGITS" in report or "LOST_DIGITS" in report
    assert "<script>" not in report and "\\<script\\>" in report and "\\[pilne\\]\\(x\\)" in report


def test_check_of_an_edited_dataset_stops_instead_of_dropping_findings(dataset: Path, tmp_path: Path) -> None:
    import shutil

    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "d"
    shutil.copytree(dataset, out)
    for file in (out / "indicators").glob("*.parquet"):
        table = pq.read_table(file)
        pq.write_table(table.set_column(table.schema.get_field_index("value"), "value",
                                        table.column("value").cast(pa.string())), file)  # a type changed by hand
    done = run_cli("check", str(out), "--quiet")
    assert done.returncode == 2 and "of another type: value" in done.stderr and "Traceback" not in done.stderr


def test_the_readme_command_with_a_relative_output_folder(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    from conftest import CORPUS

    shutil.copytree(CORPUS, tmp_path / "corpus")
    done = subprocess.run([sys.executable, "-m", "extract", "run", "corpus/", "--out", "output/", "--check"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "findings 39" in done.stderr and (tmp_path / "output" / "report.html").is_file()
    assert not (tmp_path / "output" / ".commit.json").exists()


def test_report_messages_are_polish_unless_english_is_asked_for(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT + "Na paczki wydano kwotę ,50 zł.\n", encoding="utf-8")
    out = tmp_path / "out"
    run_cli("run", str(tmp_path / "r.txt"), "--out", str(out), "--quiet")
    run_cli("check", str(out), "--quiet")
    assert "liczba straciła cyfry" in (out / "report.md").read_text(encoding="utf-8")
    run_cli("check", str(out), "--quiet", "--lang", "en")
    assert "the number lost its digits" in (out / "report.html").read_text(encoding="utf-8")
    findings = pd.read_parquet(out / "findings")
    assert findings["message"].str.contains("cyfry").all() and findings["message_en"].str.contains("digits").all()


def test_check_table_lists_every_finding_and_json_names_its_file(dataset: Path, tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    from conftest import ROOT

    out = tmp_path / "d"
    shutil.copytree(dataset, out)
    table = run_cli("check", str(out), "--quiet", "--format", "table").stdout
    assert "Suma części" in table and ".docx:" in table  # the findings themselves, with their file
    listed = json.loads(run_cli("check", str(out), "--quiet", "--format", "json").stdout)
    assert listed and all(f["source_path"] and f["source_path"].startswith("corpus/") for f in listed)
    english = run_cli("check", str(out), "--quiet", "--format", "table", "--lang", "en").stdout
    assert "does not equal the sum" in english
    piped = subprocess.run(f"{sys.executable} -m extract check {out} --quiet --format table | head -1", shell=True,
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert piped.stdout.startswith("rule") and "error" not in piped.stderr
