"""Figures measured against the hand labels in ``tests/labels``: precision, recall, accuracy.

A label names its figure by a short quote and the number as written inside it; quotes are
found in the document's text with white space collapsed, so the same labels serve the
.txt, .docx and .pdf forms of a report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from extract.pipeline import process_file

Row = dict[str, Any]


@dataclass
class Score:
    """Counts for one document in one format."""

    name: str
    labels: int = 0
    predicted: int = 0
    matched: int = 0
    unit_ok: int = 0
    year_ok: int = 0
    qualifiers_ok: int = 0
    parent_ok: int = 0
    reports: int = 0  # documents with a labelled report year (``<stem>.meta.json``)
    report_year_ok: int = 0
    places: int = 0  # documents with a labelled TERYT code
    place_ok: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def ratio(self, a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def precision(self) -> float:
        return self.ratio(self.matched, self.predicted)

    @property
    def recall(self) -> float:
        return self.ratio(self.matched, self.labels)


def collapse(text: str) -> tuple[str, list[int]]:
    """Text with white-space runs collapsed to one space, and each character's original offset."""
    out: list[str] = []
    where: list[int] = []
    for m in regex.finditer(r"\s+|\S", text):
        out.append(" " if m.group().isspace() else m.group())
        where.append(m.start())
    return "".join(out), where


def locate(label: Row, collapsed: str, where: list[int]) -> tuple[int, int] | None:
    """Original (start, end) of the label's number, or None when its quote is not found."""
    quote = " ".join(label["quote"].split())
    raw = " ".join(label["raw"].split())
    start = -1
    for _ in range(int(label.get("occurrence", 1))):
        start = collapsed.find(quote, start + 1)
        if start < 0:
            return None
    inner = quote.find(raw)
    if inner < 0:
        return None
    a = start + inner
    b = a + len(raw) - 1
    return where[a], where[b] + 1


def covered(coverage: list[Row], collapsed: str, where: list[int]) -> list[tuple[int, int]]:
    spans = []
    for span in coverage:
        a = collapsed.find(" ".join(span["from"].split()))
        b = collapsed.find(" ".join(span["to"].split()), max(a, 0))
        if a >= 0 and b >= 0:
            spans.append((where[a], where[b + len(" ".join(span["to"].split())) - 1] + 1))
    return spans


def score_file(path: Path, labels: list[Row], coverage: list[Row], meta: Row | None = None) -> Score:
    """Score the figures extracted from one file against its labels, and the report's year and
    place against ``meta`` (``report_year``, ``teryt``) where given."""
    rows = process_file(path)
    document = rows["documents"][0]
    text = document["text"]
    indicators = sorted(rows["indicators"], key=lambda r: r["char_start"])
    collapsed, where = collapse(text)
    spans = covered(coverage, collapsed, where) or [(0, len(text))]
    score = Score(path.name, labels=len(labels))
    if meta and "report_year" in meta:
        score.reports, score.report_year_ok = 1, int(document["year"] == meta["report_year"])
        if not score.report_year_ok:
            score.misses.append(f"report year {document['year']} != {meta['report_year']}")
    if meta and meta.get("teryt"):
        score.places, score.place_ok = 1, int(document["teryt"] == meta["teryt"])
        if not score.place_ok:
            score.misses.append(f"teryt {document['teryt']} != {meta['teryt']}")
    in_scope = [r for r in indicators if any(a <= r["char_start"] < b for a, b in spans)]
    score.predicted = len(in_scope)
    matched_ids: dict[int, str] = {}
    for k, label in enumerate(labels):
        span = locate(label, collapsed, where)
        hit = None if span is None else _match(label, span, in_scope)
        if hit is None:
            score.misses.append(f"{label['raw']!r} in {label['quote']!r}" + (" (quote not found)" if span is None else ""))
            continue
        matched_ids[k] = hit["indicator_id"]
        score.matched += 1
        score.unit_ok += (hit["unit"] or None) == (label.get("unit") or None)
        score.year_ok += hit["year"] == label.get("year")
        score.qualifiers_ok += same_qualifiers(hit.get("qualifiers") or {}, label.get("qualifiers") or {})
    by_quote = {(lab["quote"], lab["raw"]): matched_ids.get(k) for k, lab in enumerate(labels)}
    for k, label in enumerate(labels):
        if k not in matched_ids:
            continue
        hit_parent = next(r["parent_id"] for r in in_scope if r["indicator_id"] == matched_ids[k])
        want = label.get("parent")
        want_id = by_quote.get((want["quote"], want["raw"])) if want else None
        score.parent_ok += hit_parent == want_id
    used = set(matched_ids.values())
    score.false_alarms = [f"{r['raw']!r} in {r['quote'][:90]!r}" for r in in_scope if r["indicator_id"] not in used]
    return score


def same_qualifiers(found: Row, labelled: Row) -> bool:
    """District and sex as labelled (absent means none); labelled ages need a found age."""
    for key in ("district", "sex"):
        if (found.get(key) or None) != (labelled.get(key) or None):
            return False
    return not labelled.get("age") or bool(found.get("age"))


def _match(label: Row, span: tuple[int, int], rows: list[Row]) -> Row | None:
    a, b = span
    for r in rows:
        if r["char_start"] < b and a < r["char_end"]:
            value = label.get("value")
            if value is None or r["value"] is None:
                return r if value is None and r["value"] is None else None
            return r if abs(r["value"] - float(value)) < 1e-6 else None
    return None


def evaluate(labels_dir: Path, corpus: Path) -> list[Score]:
    """Score every corpus file that has labels, in every format present."""
    scores = []
    for label_file in sorted(labels_dir.glob("*.figures.jsonl")):
        stem = label_file.name.removesuffix(".figures.jsonl")
        labels = [json.loads(line) for line in label_file.read_text(encoding="utf-8").splitlines() if line.strip()]
        coverage_file = labels_dir / f"{stem}.coverage.json"
        coverage = json.loads(coverage_file.read_text(encoding="utf-8"))["labelled_span"] if coverage_file.exists() else []
        meta_file = labels_dir / f"{stem}.meta.json"
        meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else None
        for path in sorted(corpus.glob(f"{stem}.*")):
            if path.suffix in (".txt", ".docx", ".pdf"):
                scores.append(score_file(path, labels, coverage, meta))
    return scores


def print_report(scores: list[Score], show: bool = False) -> None:
    """One line per file and format, then the total."""
    print(f"{'file':<62} {'labels':>6} {'found':>6} {'P':>6} {'R':>6} {'unit':>6} {'year':>6} {'qualif':>6} {'parent':>6}")
    total = Score("all")
    for s in scores:
        _line(s)
        for name in ("labels", "predicted", "matched", "unit_ok", "year_ok", "qualifiers_ok", "parent_ok",
                     "reports", "report_year_ok", "places", "place_ok"):
            setattr(total, name, getattr(total, name) + getattr(s, name))
        if show:
            for miss in s.misses:
                print(f"    miss: {miss}")
            for alarm in s.false_alarms:
                print(f"    false alarm: {alarm}")
    _line(total)
    if total.reports or total.places:
        print(f"report year right: {total.report_year_ok}/{total.reports}; TERYT code right: {total.place_ok}/{total.places}")


def _line(s: Score) -> None:
    acc = lambda n: s.ratio(n, s.matched)  # noqa: E731
    print(f"{s.name:<62} {s.labels:>6} {s.predicted:>6} {s.precision:>6.3f} {s.recall:>6.3f} "
          f"{acc(s.unit_ok):>6.3f} {acc(s.year_ok):>6.3f} {acc(s.qualifiers_ok):>6.3f} {acc(s.parent_ok):>6.3f}")


@dataclass
class OutlineScore:
    """Section F1 and project recall for one file."""

    name: str
    sections_labelled: int = 0
    sections_found: int = 0
    sections_matched: int = 0
    projects_labelled: int = 0
    projects_found: int = 0
    projects_matched: int = 0
    codes_ok: int = 0
    facts_ok: int = 0  # start year, goals achieved and continuation, each counted
    misses: list[str] = field(default_factory=list)

    @property
    def section_f1(self) -> float:
        p = self.sections_matched / self.sections_found if self.sections_found else 1.0
        r = self.sections_matched / self.sections_labelled if self.sections_labelled else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0


def _key(text: str | None, n: int = 24) -> str:
    """A forgiving comparison key: letters and digits only, lower case, first ``n``."""
    return regex.sub(r"[^\p{L}\d]+", "", (text or "").casefold())[:n]


def score_outline(path: Path, outline: Row, show_facts: bool = True) -> OutlineScore:
    """Compare a file's sections and projects with the hand-labelled outline."""
    from extract.readers import read
    from extract.segment import find_projects, find_sections

    doc = read(path)
    sections = find_sections(doc)
    projects = find_projects(doc, sections)
    score = OutlineScore(path.name, len(outline["sections"]), len(sections), 0, len(outline["projects"]), len(projects))
    found = [(s.number, _key(s.title)) for s in sections]
    for label in outline["sections"]:
        key = _key(label["title"])
        hit = next((f for f in found if f[0] == label.get("number") and (f[1].startswith(key) or key.startswith(f[1]))), None)
        if hit:
            found.remove(hit)
            score.sections_matched += 1
        else:
            score.misses.append(f"section {label.get('number')} {label['title']!r}")
    names = [(_key(p.name), p) for p in projects]
    for label in outline["projects"]:
        key = _key(label["name"], 16)
        named = next((n for n in names if n[0][: len(key)] == key or (n[0] and key.startswith(n[0][:16]))), None)
        if named:
            names.remove(named)
            project = named[1]
            score.projects_matched += 1
            score.codes_ok += project.code == label.get("code")
            for fact in ("start_year", "goals_achieved", "continues"):
                score.facts_ok += getattr(project, fact) == label.get(fact)
                if show_facts and getattr(project, fact) != label.get(fact):
                    score.misses.append(f"fact {fact} of {label['name'][:40]!r}: {getattr(project, fact)} != {label.get(fact)}")
        else:
            score.misses.append(f"project {label['name']!r}")
    return score


def evaluate_outlines(labels_dir: Path, corpus: Path) -> list[OutlineScore]:
    """Score the outline of every corpus file that has outline labels, in every format."""
    scores = []
    for label_file in sorted(labels_dir.glob("*.outline.json")):
        stem = label_file.name.removesuffix(".outline.json")
        outline = json.loads(label_file.read_text(encoding="utf-8"))
        for path in sorted(corpus.glob(f"{stem}.*")):
            if path.suffix in (".txt", ".docx", ".pdf"):
                scores.append(score_outline(path, outline))
    return scores


def print_outline_report(scores: list[OutlineScore], show: bool = False) -> None:
    print(f"\n{'file':<62} {'sections':>8} {'found':>6} {'F1':>6} {'projects':>8} {'found':>6} {'recall':>6} {'codes':>6} {'facts':>6}")
    for s in scores:
        recall = s.projects_matched / s.projects_labelled if s.projects_labelled else 1.0
        codes = s.codes_ok / s.projects_matched if s.projects_matched else 1.0
        facts = s.facts_ok / (3 * s.projects_matched) if s.projects_matched else 1.0
        print(f"{s.name:<62} {s.sections_labelled:>8} {s.sections_found:>6} {s.section_f1:>6.3f} "
              f"{s.projects_labelled:>8} {s.projects_found:>6} {recall:>6.3f} {codes:>6.3f} {facts:>6.3f}")
        if show:
            for miss in s.misses:
                print(f"    miss: {miss}")


@dataclass
class PairScore:
    """How measure keys fare on labelled pairs of figures from different reports."""

    same: int = 0  # pairs labelled as one measure
    same_ok: int = 0  # … that got one key
    different: int = 0
    different_ok: int = 0  # pairs labelled as two measures that got two keys
    unfound: int = 0  # pairs with a figure the extractor did not give
    wrong: list[str] = field(default_factory=list)


def evaluate_pairs(pairs_file: Path, corpora: list[Path]) -> PairScore:
    """Score measure keys against pairs labelled by reading: each line of ``pairs_file`` names
    two figures (stem, quote, raw; the stem's text in one of ``corpora``) and whether they
    count the same measure."""
    figures: dict[str, tuple[list[Row], str, list[int]]] = {}

    def found(part: Row) -> Row | None:
        stem = part["stem"]
        if stem not in figures:
            path = next((c / f"{stem}.txt" for c in corpora if (c / f"{stem}.txt").exists()), None)
            if path is None:
                return None
            rows = process_file(path)
            figures[stem] = (sorted(rows["indicators"], key=lambda r: r["char_start"]), *collapse(rows["documents"][0]["text"]))
        indicators, collapsed, where = figures[stem]
        span = locate(part, collapsed, where)
        return None if span is None else next((r for r in indicators if r["char_start"] < span[1] and span[0] < r["char_end"]), None)

    score = PairScore()
    for line in pairs_file.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        pair = json.loads(line)
        a, b = found(pair["a"]), found(pair["b"])
        if a is None or b is None:
            score.unfound += 1
            continue
        agree = measure(a) == measure(b)
        if pair["same"]:
            score.same += 1
            score.same_ok += agree
        else:
            score.different += 1
            score.different_ok += not agree
        if agree != pair["same"]:
            score.wrong.append(f"{'same' if pair['same'] else 'different'}: {measure(a)} | {measure(b)}"
                               f"  ({pair.get('measure', '')})")
    return score


def measure(figure: Row) -> tuple[str | None, ...]:
    """What a figure measures, as a panel column: its key with the dimensions the panel keeps
    apart (a count of zasiłki stałe and one of zasiłki okresowe are two columns, so are a count
    in the countryside and the whole town's, of women and of all, a plan and what was done, a
    month's and the year's);
    only the district, which names a part of one town, is left out, since pairs compare towns."""
    qualifiers = figure.get("qualifiers") or {}
    return (figure["measure_key"], figure.get("form"), figure.get("reason"), figure.get("area"), figure.get("stage"),
            qualifiers.get("sex"), qualifiers.get("age"), figure.get("institution"), figure.get("column"), figure.get("month"))


def print_pair_report(score: PairScore, show: bool = False) -> None:
    print(f"pairs of one measure with one key:   {score.same_ok}/{score.same} = {score.same_ok / max(1, score.same):.3f}")
    print(f"pairs of two measures with two keys: {score.different_ok}/{score.different} = "
          f"{score.different_ok / max(1, score.different):.3f}")
    print(f"pairs with a figure not extracted: {score.unfound}")
    for line in score.wrong if show else ():
        print("    " + line)
