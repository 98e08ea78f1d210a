"""Which municipality a report is about: its issuer's place, found in the official register.

Reports name their place inflected ("Ośrodek Pomocy Społecznej w Chojnie", "Powiatowe Centrum
Pomocy Rodzinie w Bielsku-Białej", "Gminy Kamień Pomorski", "Powiatu Kamieńskiego").
Morfeusz2's dictionary gives the base form of every word of a geographic name; the base forms
are looked up in the TERC register (``rules/terc.tsv``, derived from TERYT by
``scripts/build_terc.py``). The words around the place (a gminny or miejski body, a powiat
centre, a district) choose among units of the same name; a name still ambiguous after that, and
after the voivodeship the text names, gives no code rather than a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import product

import regex

from extract.model import Document
from extract.morphology import place_lemmas
from extract.rules import RULES_DIR


@dataclass(frozen=True)
class Unit:
    """A territorial unit of the register."""

    code: str
    kind: str
    name: str

    @property
    def label(self) -> str:
        return f"powiat {self.name}" if self.kind == "powiat" else self.name


@cache
def register() -> dict[str, list[Unit]]:
    """Lower-cased official name → units of that name."""
    index: dict[str, list[Unit]] = {}
    with (RULES_DIR / "terc.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            code, kind, name = line.rstrip("\n").split("\t")
            index.setdefault(name.lower(), []).append(Unit(code, kind, name))
    return index


NAME = r"\p{Lu}[\p{L}]+(?:(?:-|[ \t]+)\p{Lu}[\p{L}]+){0,2}"
MENTION = regex.compile(
    rf"""(?P<cue>\b(?:we?|(?i:gmin\w*|miast\w*|mieście|miasta\s+i\s+gminy|dzielnic\w*|powiat\w*|powiecie))\b)
        \s+(?P<name>{NAME}|\p{{Ll}}+(?:ski|cki|dzki)\p{{Ll}}*)""",
    regex.VERBOSE,
)
BODY = regex.compile(r"(?i)ośrod|centrum|urz[ąę]d|\brad[ayz]|zesp[oó]ł|gmin|miast|dzielnic|powiat|\b(?:G|M|MG)?OPS\b|MOPR|PCPR|\bCUS\b|komisj")
BODY_BEFORE = 120  # characters before a place read for the kind of body it belongs to
HINTS = (  # words naming the body, and the kinds of unit it serves, most specific first
    (regex.compile(r"(?i)powiat|PCPR|starost"), ("powiat", "miasto na prawach powiatu")),
    (regex.compile(r"(?i)dzielnic"), ("dzielnica",)),
    (regex.compile(r"(?i)gminn|GOPS|\bgmin"), ("gmina wiejska", "gmina miejsko-wiejska", "gmina miejska")),
    (regex.compile(r"(?i)miejsk|MOPS|MOPR|\bmiast|prezydent"), ("gmina miejska", "gmina miejsko-wiejska")),
    (BODY, ("gmina miejsko-wiejska", "gmina miejska", "gmina wiejska")),  # "Ośrodek Pomocy Społecznej w …"
)
VOIVODESHIP = regex.compile(r"(?i)\b(?:województw\w*|woj\.)\s+(\p{L}+)")
OPENING = 2000


def candidate_names(name: str) -> list[str]:
    """Every base form a written name may have: each word's place lemmas, joined as written."""
    words = [w.title() if w.isupper() and len(w) > 1 else w for w in regex.split(r"(-|\s+)", name)]
    options = [place_lemmas(w) if k % 2 == 0 else (" " if w.strip() == "" else w,) for k, w in enumerate(words)]
    return ["".join(parts) for parts in product(*options)]


def lookup(name: str) -> list[Unit]:
    """Units of the register whose official name is a base form of ``name``, or of its first
    words ("Kamieniu Pomorskim Zarząd": "Kamień Pomorski")."""
    words = name.split()
    for n in range(len(words), 0, -1):
        found: dict[str, Unit] = {}
        for candidate in candidate_names(" ".join(words[:n])):
            for unit in register().get(candidate.lower(), []):
                found[unit.code] = unit
        if found:
            return list(found.values())
    return []


def _kinds(before: str) -> tuple[str, ...] | None:
    return next((kinds for pattern, kinds in HINTS if pattern.search(before)), None)


def municipality(doc: Document) -> Unit | None:
    """The unit the report is about, from the first place named with its body in the opening
    (or, failing that, the closing lines); None when none is found or it stays ambiguous."""
    for text in (doc.text[:OPENING], doc.text[-OPENING:]):
        for m in MENTION.finditer(text, overlapped=True):
            kinds = _kinds(text[max(0, m.start() - BODY_BEFORE) : m.end("cue")])
            if kinds is None:
                continue
            units = _of_kinds(lookup(m.group("name")), kinds)
            if units:
                return _disambiguate(units, doc.text)
    return None


def _of_kinds(units: list[Unit], kinds: tuple[str, ...]) -> list[Unit]:
    """The units of the first kind in ``kinds`` that has any; a powiat centre named by its town
    ("PCPR w Chojnicach") serves the powiat that holds the town."""
    if kinds[0] == "powiat":
        by_code = {u.code: u for units_ in register().values() for u in units_ if u.kind == "powiat"}
        for unit in units:
            if unit.kind in kinds:
                continue
            if unit.kind.startswith("gmina") and int(unit.code[2:4]) > 60:
                by_code.setdefault(unit.code, unit)  # a city with powiat rights is its own powiat
        units = [u for u in units if u.kind in kinds] or [
            by_code.get(u.code[:4]) or u for u in units if u.kind.startswith("gmina")
        ]
        return list({u.code: u for u in units}.values())
    for kind in kinds:
        chosen = [u for u in units if u.kind == kind]
        if chosen:
            return chosen
    return []


def _disambiguate(units: list[Unit], text: str) -> Unit | None:
    """The one unit left, after keeping those in a voivodeship the text names."""
    if len(units) == 1:
        return units[0]
    named = {_stem(lemma) for m in VOIVODESHIP.finditer(text) for lemma in place_lemmas(m.group(1))}
    voivodeships = {u.code for us in register().values() for u in us if u.kind == "województwo" and _stem(u.name) in named}
    kept = [u for u in units if u.code[:2] in voivodeships]
    return kept[0] if len(kept) == 1 else None


def _stem(adjective: str) -> str:
    """"podkarpackie" and "podkarpacki" alike: the adjective without its ending."""
    word = adjective.lower()
    return word[:-2] if word.endswith("ie") else word[:-1] if word.endswith("i") else word
