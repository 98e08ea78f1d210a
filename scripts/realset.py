"""The real development set: reports of other towns, kept outside the repository.

The texts are public transcripts found with the search tool's stored pages; third-party text
never enters the repository. What is committed, in ``tests/realset/labels.jsonl``, is one line
per document: where it came from (address and the query that found it), a SHA-256 of its text,
the report's year, period and TERYT code, and every figure as facts: character offsets into the
text, value, unit lemma and year.

    python scripts/realset.py export DIR      # DIR holds <stem>.txt, .figures.jsonl, .meta.json (quote labels)
    python scripts/realset.py rebuild DIR     # DIR holds <stem>.txt fetched again; writes the quote labels
    python scripts/realset.py split DIR       # DIR/dev and DIR/test: links to each part's files
    python -m extract eval --labels DIR --corpus DIR          # or DIR/dev, DIR/test

Each report belongs to a part: "test" reports are only scored (their errors are not read, so no
rule is tuned to them), "dev" reports may be read to learn from.

Pairs of figures labelled as one measure or two (issue 20) are kept the same way, as offsets, in
``tests/realset/pairs.jsonl`` (the corpus reports' pairs point into ``corpus/<stem>.txt``):

    python scripts/realset.py export-pairs DIR    # DIR/pairs.jsonl (quote pairs) → offsets
    python scripts/realset.py rebuild-pairs DIR   # offsets → DIR/pairs.jsonl beside the rebuilt texts
    python scripts/realset.py split DIR           # also DIR/pairs_dev.jsonl and DIR/pairs_test.jsonl
    python -m extract eval --pairs DIR/pairs_dev.jsonl --corpus DIR --corpus corpus

To rebuild: look each address up again with the search tool (``pages`` corpus, the query given)
and save the result's excerpt, exactly as it comes, as ``DIR/raw/<stem>.raw``; ``cut`` finds in it
the stretch that was labelled (where the labelled numbers stand at their offsets, perhaps without a
line or two of the web site's, with the SHA-256 recorded) and writes it as ``DIR/<stem>.txt``; then
``rebuild``. ``tasks`` splits the look-ups into files of
about 30 reports each, one per helper:

    python scripts/realset.py tasks DIR       # DIR/task1.jsonl …: {"query", "docs": [{"stem", "url"}]}
    python scripts/realset.py cut DIR         # DIR/raw/<stem>.raw → DIR/<stem>.txt, by hash
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract.evaluate import collapse, locate
from extract.readers import read

LABELS = Path(__file__).resolve().parent.parent / "tests" / "realset" / "labels.jsonl"
META_KEYS = ("url", "query", "unit_kind", "teryt", "report_year", "period_start", "period_end", "genre", "part")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def export(folder: Path) -> None:
    """Quote labels of every document in ``folder`` → offsets in tests/realset/labels.jsonl."""
    lines = []
    for label_file in sorted(folder.glob("*.figures.jsonl")):
        stem = label_file.name.removesuffix(".figures.jsonl")
        text = (folder / f"{stem}.txt").read_text(encoding="utf-8")
        meta = json.loads((folder / f"{stem}.meta.json").read_text(encoding="utf-8"))
        collapsed, where = collapse(text)
        figures = []
        for line in label_file.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            label = json.loads(line)
            span = locate(label, collapsed, where)
            if span is None:
                raise SystemExit(f"{stem}: a label's quote is not in the text")
            figures.append({"start": span[0], "end": span[1], "value": label["value"], "unit": label["unit"], "year": label["year"]})
        record = {"stem": stem, "sha256": digest(text), **{k: meta.get(k) for k in META_KEYS}, "figures": figures}
        lines.append(json.dumps(record, ensure_ascii=False))
    LABELS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} documents, {sum(len(json.loads(x)['figures']) for x in lines)} figures → {LABELS}")


def rebuild(folder: Path) -> None:
    """Offsets → quote labels and meta files beside the rebuilt texts in ``folder``."""
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        path = folder / f"{record['stem']}.txt"
        if not path.exists():
            print(f"missing {path.name}: look up {record['url']}")
            continue
        text = path.read_text(encoding="utf-8")
        if digest(text) != record["sha256"]:
            if not all(_number_at(text, f) for f in record["figures"]):
                print(f"{path.name}: the text differs from the one labelled; its labels are skipped")
                continue
            print(f"{path.name}: the text differs from the one labelled, but every labelled number stands at its place")
        collapsed, where = collapse(text)
        position = {original: k for k, original in enumerate(where)}
        labels = []
        for f in record["figures"]:
            raw = " ".join(text[f["start"] : f["end"]].split())
            at = position[f["start"]]
            quote = collapsed[at : at + len(raw) + 25]  # the number first, then its context
            occurrence, found = 0, -1
            while found < at:
                found = collapsed.find(quote, found + 1)
                occurrence += 1
            label = {"quote": quote, "raw": raw, "value": f["value"], "unit": f["unit"], "year": f["year"]}
            if occurrence > 1:
                label["occurrence"] = occurrence
            labels.append(json.dumps(label, ensure_ascii=False))
        (folder / f"{record['stem']}.figures.jsonl").write_text("\n".join(labels) + "\n", encoding="utf-8")
        meta = {k: record.get(k) for k in META_KEYS}
        (folder / f"{record['stem']}.meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    print(f"labels written to {folder}")


def _number_at(text: str, figure: dict) -> bool:
    """Whether a labelled figure's value stands at its offsets in ``text``."""
    raw = regex.sub(r"[^\d,.\s\u00a0]", "", text[figure["start"] : figure["end"]]).strip(" ,.")
    grouped = regex.search(r"\d[ .\u00a0]\d{3}", raw)
    digits = regex.sub(r"[\s.]" if grouped else r"\s", "", raw).replace(",", ".")
    try:
        return abs(float(digits) - float(figure["value"])) < 0.006
    except ValueError:
        return False


def _variants(raw: str) -> list[str]:
    """The excerpt as it came, and without a run of up to six of its lines or two single lines: a
    labeller may have dropped a web site's lines (a date, a caption, a menu entry) from the text."""
    lines = raw.splitlines(keepends=True)
    out = [raw]
    for i in range(len(lines)):
        for k in range(1, 7):
            if i + k <= len(lines):
                out.append("".join(lines[:i] + lines[i + k :]))
    for i in range(len(lines)):
        for j in range(i + 2, len(lines)):
            out.append("".join(lines[:i] + lines[i + 1 : j] + lines[j + 1 :]))
    return out


def _heads(text: str, figures: list[dict]) -> tuple[int, list[int]]:
    """Where the labelled text may start in ``text``: the offsets that put the most of the first
    twelve labelled numbers in place, with that number."""
    scores = [sum(_number_at(text[head:], f) for f in figures[:12]) for head in range(min(800, len(text)))]
    best = max(scores, default=0)
    return best, [head for head, score in enumerate(scores) if score == best]


def _labelled_stretch(raw: str, record: dict) -> tuple[str | None, bool]:
    """The stretch of a search excerpt that was labelled and whether it is exact: the one with the
    recorded SHA-256 (with or without a closing newline) where the labelled numbers stand at
    their offsets; failing that, a stretch where every labelled number stands at its offset."""
    figures = record["figures"]
    last = max((f["end"] for f in figures), default=0)
    loose = None
    for text in _variants(raw):
        best, heads = _heads(text, figures)
        if best == 0 and figures:
            continue
        for head in heads:
            body = text[head:]
            for end in range(last, len(body) + 1):
                if end < len(body) and not body[end].isspace():
                    continue
                piece = body[:end]
                for candidate in (piece, piece + "\n", piece.rstrip() + "\n"):
                    if digest(candidate) == record["sha256"]:
                        return candidate, True
            if loose is None and all(_number_at(body, f) for f in figures):
                loose = body.rstrip() + "\n"
    return loose, False


def cut(folder: Path) -> None:
    """DIR/raw/<stem>.raw (a search excerpt as it came) → DIR/<stem>.txt, the stretch whose SHA-256
    was recorded when it was labelled."""
    records = {json.loads(line)["stem"]: json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()}
    found = missing = 0
    for raw_file in sorted((folder / "raw").glob("*.raw")):
        if (folder / f"{raw_file.stem}.txt").exists() or raw_file.stem not in records:
            continue
        stretch, exact = _labelled_stretch(raw_file.read_text(encoding="utf-8"), records[raw_file.stem])
        if stretch is None:
            print(f"{raw_file.name}: no stretch has the labelled numbers at their places (a slip in copying, or the page changed)")
            missing += 1
            continue
        if not exact:
            print(f"{raw_file.name}: no stretch has the recorded hash; kept one with every labelled number at its place")
        (folder / f"{raw_file.stem}.txt").write_text(stretch, encoding="utf-8")
        found += 1
    have = sum((folder / f"{stem}.txt").exists() for stem in records)
    print(f"{found} texts cut, {missing} not found; {have} of {len(records)} labelled reports in {folder}")


def tasks(folder: Path, per_task: int = 30) -> None:
    """DIR/task<N>.jsonl: the labelled reports not yet in DIR, grouped by the query that finds
    them, in files of about ``per_task`` reports."""
    by_query: dict[str, list[dict[str, str]]] = {}
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if not (folder / f"{record['stem']}.txt").exists():
            by_query.setdefault(record["query"], []).append({"stem": record["stem"], "url": record["url"]})
    groups = sorted(by_query.items(), key=lambda item: -len(item[1]))
    count = max(1, round(sum(len(docs) for _, docs in groups) / per_task))
    buckets: list[list[tuple[str, list[dict[str, str]]]]] = [[] for _ in range(count)]
    for group in groups:
        min(buckets, key=lambda b: sum(len(docs) for _, docs in b)).append(group)
    for k, bucket in enumerate(buckets, 1):
        lines = [json.dumps({"query": q, "docs": docs}, ensure_ascii=False) for q, docs in bucket]
        (folder / f"task{k}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{sum(len(d) for _, d in groups)} reports to look up, in {count} task files under {folder}")


PAIRS = LABELS.with_name("pairs.jsonl")
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _text(stem: str, folder: Path, as_read: bool = False) -> str:
    """The text a figure's offsets point into: DIR/<stem>.txt or corpus/<stem>.txt as saved, so
    that offsets outlive changes to the readers; ``as_read``: as the reader gives it, for a quote
    the reader's joins alone make (a word hyphenated across lines)."""
    path = folder / f"{stem}.txt" if (folder / f"{stem}.txt").exists() else CORPUS / f"{stem}.txt"
    return read(path).text if as_read else path.read_text(encoding="utf-8")


def export_pairs(folder: Path) -> None:
    """DIR/pairs.jsonl (figures by quote) → tests/realset/pairs.jsonl (figures by offsets)."""
    lines = []
    for line in (folder / "pairs.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        pair = json.loads(line)
        record: dict[str, object] = {"same": pair["same"], "measure": pair.get("measure")}
        for side in ("a", "b"):
            part = pair[side]
            span = locate(part, *collapse(_text(part["stem"], folder)))
            as_read = span is None
            if span is None:
                span = locate(part, *collapse(_text(part["stem"], folder, as_read=True)))
            if span is None:
                raise SystemExit(f"{part['stem']}: a pair's quote is not in the text")
            record[side] = {"stem": part["stem"], "start": span[0], "end": span[1], **({"as_read": True} if as_read else {})}
        lines.append(json.dumps(record, ensure_ascii=False))
    PAIRS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} pairs → {PAIRS}")


def rebuild_pairs(folder: Path) -> None:
    """tests/realset/pairs.jsonl → DIR/pairs.jsonl, each figure quoted from its text."""
    out, skipped = [], 0
    for line in PAIRS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if not all((folder / f"{record[side]['stem']}.txt").exists() or (CORPUS / f"{record[side]['stem']}.txt").exists()
                   for side in ("a", "b")):
            skipped += 1
            continue
        pair = {"same": record["same"], "measure": record["measure"]}
        for side in ("a", "b"):
            part = record[side]
            text = _text(part["stem"], folder, part.get("as_read", False))
            collapsed, where = collapse(text)
            at = where.index(part["start"])
            raw = " ".join(text[part["start"] : part["end"]].split())
            quote = collapsed[at : at + len(raw) + 25]
            occurrence, found = 0, -1
            while found < at:
                found = collapsed.find(quote, found + 1)
                occurrence += 1
            pair[side] = {"stem": part["stem"], "quote": quote, "raw": raw, "occurrence": occurrence}
        out.append(json.dumps(pair, ensure_ascii=False))
    (folder / "pairs.jsonl").write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{len(out)} pairs written to {folder / 'pairs.jsonl'}; {skipped} skipped, a report's text missing")


def split(folder: Path) -> None:
    """DIR/dev and DIR/test: links to the files of each part's reports; with DIR/pairs.jsonl,
    DIR/pairs_dev.jsonl (pairs within development and corpus reports) and DIR/pairs_test.jsonl
    (pairs touching a test report, which are only scored)."""
    parts = {}
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        parts[record["stem"]] = record.get("part") or "dev"
        part = folder / parts[record["stem"]]
        part.mkdir(exist_ok=True)
        for path in folder.glob(f"{record['stem']}.*"):
            link = part / path.name
            if not link.exists():
                link.symlink_to(path.resolve())
    print(f"parts written to {folder / 'dev'} and {folder / 'test'}")
    if (folder / "pairs.jsonl").exists():
        chosen: dict[str, list[str]] = {"dev": [], "test": []}
        for line in (folder / "pairs.jsonl").read_text(encoding="utf-8").splitlines():
            pair = json.loads(line)
            touches_test = "test" in {parts.get(pair[side]["stem"]) for side in ("a", "b")}
            chosen["test" if touches_test else "dev"].append(line)
        for name, lines in chosen.items():
            (folder / f"pairs_{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"pairs: {len(chosen['dev'])} in pairs_dev.jsonl, {len(chosen['test'])} in pairs_test.jsonl")


if __name__ == "__main__":
    command, folder = sys.argv[1], Path(sys.argv[2])
    {"export": export, "rebuild": rebuild, "split": split, "export-pairs": export_pairs,
     "rebuild-pairs": rebuild_pairs, "cut": cut, "tasks": tasks}[command](folder)
