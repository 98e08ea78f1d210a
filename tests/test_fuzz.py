"""Fuzzing the readers: properties over arbitrary input, and seeded mutants of real files."""

from __future__ import annotations

import copy
import io
import random
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import get_args

import pytest
from conftest import CORPUS
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extract.model import Document, Status
from extract.readers import read
from extract.readers.encoding import decode, repair_mojibake
from extract.readers.text import clean, text_to_document

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MUTANTS_PER_FILE = 20
# Pieces of what the cleaners remove, few enough that hypothesis often joins them into litter.
LITTER_PIECES = ["<", "p>", "<p>", "*", "**", "_", "__", "[bookmark:", "]", " ", "x", "\r", "\n", "\ufeff", "\x00"]
LINE_PIECES = ["\t", "\n", "\n\n", "1. ", "a) ", "- ", "12", "345", "Łódź", "RAZEM", "\u00a0", "\x0c", " "]
TEXTS = (
    st.text()
    | st.lists(st.sampled_from(LITTER_PIECES), max_size=30).map("".join)
    | st.lists(st.sampled_from(LINE_PIECES) | st.text(max_size=4), max_size=40).map("".join)
)


@FUZZ
@given(TEXTS)
@example("<<p>p>")
@example("*<p>*")
@example("*__*")
@example("_**_x")
@example("[book[bookmark:x]mark:y]")
@example("\r\x00\n")
def test_clean_never_raises_and_is_idempotent(text: str) -> None:
    once = clean(text)
    assert clean(once) == once
    assert "\r" not in once and "\x00" not in once


@FUZZ
@given(TEXTS)
def test_text_to_document_never_raises(text: str) -> None:
    doc = text_to_document(text, "fuzz.txt", "txt")
    for block in doc.blocks:
        assert 0 <= block.char_start <= block.char_end <= len(doc.text)
        if block.kind != "table":
            assert doc.text[block.char_start : block.char_end] == block.text


@FUZZ
@given(st.binary(max_size=2000) | st.text().map(lambda t: t.encode("utf-16-le")) | TEXTS.map(str.encode))
def test_decode_never_raises(data: bytes) -> None:
    text, encoding, warnings = decode(data)
    assert isinstance(text, str) and encoding and all(isinstance(w, str) for w in warnings)
    repaired, _ = repair_mojibake(text)
    assert isinstance(repaired, str)


MAGIC = [b"", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"PK\x03\x04", b"%PDF-1.7\n", b"{\\rtf1", b"<html>", b"\xff\xfe"]


@FUZZ
@given(st.sampled_from(MAGIC), st.binary(max_size=4000))
def test_read_answers_arbitrary_bytes_behind_any_magic(magic: bytes, rest: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.bin"
        path.write_bytes(magic + rest)
        doc = read(path)
    assert doc.status in get_args(Status)
    assert doc.status == "ok" or doc.reason


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def _insert(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + rng.randbytes(rng.randint(1, 64)) + data[at:]


def _splice(data: bytes, rng: random.Random) -> bytes:
    a, b = sorted(rng.randrange(len(data)) for _ in range(2))
    return data[:a] + data[b:] + data[a:b]  # a chunk moved to the end


MUTATIONS: list[Callable[[bytes, random.Random], bytes]] = [_flip, _truncate, _insert, _splice]


def _restructure(xml: bytes, rng: random.Random) -> bytes:
    """Well-formed but odd Word XML: paragraphs, runs, cells and rows deleted, doubled or moved."""
    from lxml import etree

    root = etree.fromstring(xml)
    names = ("p", "r", "t", "tc", "tr", "tbl", "tblGrid", "gridCol", "pPr", "pStyle")
    elements = [e for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname in names]
    for _ in range(rng.randint(1, 15)):
        element = rng.choice(elements)
        parent = element.getparent()
        if parent is None:
            continue
        action = rng.randrange(3)
        if action == 0:
            parent.remove(element)
        elif action == 1:
            parent.insert(parent.index(element), copy.deepcopy(element))
        else:
            rng.choice(elements).append(copy.deepcopy(element))  # may nest a table in a run
    return etree.tostring(root)


def _mutate_docx_xml(data: bytes, rng: random.Random, structural: bool) -> bytes:
    """Mutate word/document.xml inside a docx and zip it again, so the Word reader is reached."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = source.read(info)
            if info.filename == "word/document.xml":
                member = _restructure(member, rng) if structural else rng.choice(MUTATIONS)(member, rng)
            target.writestr(info.filename, member)
    return out.getvalue()


def _seeds(tmp: Path) -> list[Path]:
    """The corpus reports; a docx or PDF made like the hostile corpus's if the corpus has none."""
    from hostile import WRITERS

    seeds = []
    for suffix in (".txt", ".docx", ".pdf"):
        found = sorted(CORPUS.glob(f"*{suffix}"))
        if not found and suffix != ".txt":
            found = [tmp / f"seed-valid{suffix}"]
            found[0].write_bytes(WRITERS[f"valid{suffix}"]())
        seeds.extend(found)
    return seeds


def test_mutants_of_real_files_always_get_a_status(tmp_path: Path) -> None:
    statuses = set(get_args(Status))
    seen: dict[str, int] = {}
    for seed in _seeds(tmp_path):
        rng = random.Random(f"{seed.name}-2026")
        data = seed.read_bytes()
        for i in range(MUTANTS_PER_FILE):
            if seed.suffix == ".docx" and i % 3:
                mutant = _mutate_docx_xml(data, rng, structural=i % 3 == 2)
            else:
                mutant = rng.choice(MUTATIONS)(data, rng)
            path = tmp_path / f"mutant-{i:02d}{seed.suffix}"
            path.write_bytes(mutant)
            try:
                doc = read(path)
            except Exception as exc:  # the property under test: readers answer, they do not raise
                pytest.fail(f"{seed.name} mutant {i}: {type(exc).__name__}: {exc}")
            assert isinstance(doc, Document) and doc.status in statuses
            if doc.status in ("failed", "needs_ocr"):
                assert doc.reason, f"{seed.name} mutant {i}: status {doc.status} without a reason"
            seen[doc.status] = seen.get(doc.status, 0) + 1
    assert seen.get("ok") and seen.get("failed"), seen
