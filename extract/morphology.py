"""Lemmas of Polish nouns, behind a small interface.

Morfeusz 2 (its dictionary ships on PyPI and works offline) is used when installed; choose
among its readings by agreement with the numeral (after "5" a genitive plural noun). When it
is missing, a small suffix table gives a rough lemma, so the pipeline still runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from itertools import product
from typing import NamedTuple

import regex

from extract.rules import load


class Reading(NamedTuple):
    """One morphological reading: lemma, part of speech and grammatical tags."""

    lemma: str
    pos: str
    tags: tuple[str, ...]


@cache
def _analyser():  # type: ignore[no-untyped-def]
    try:
        import morfeusz2
    except ModuleNotFoundError:  # pragma: no cover - exercised only without morfeusz2
        return None
    return morfeusz2.Morfeusz(expand_tags=False)  # tags are expanded in readings(), faster


def preload() -> None:
    """Load the dictionary now (before forking workers, so they share it instead of each loading it)."""
    _analyser()


@cache
def readings(word: str) -> tuple[Reading, ...]:
    """All readings of ``word`` (cached); empty when the word is unknown."""
    analyser = _analyser()
    if analyser is None:
        return ()
    found = []
    for _start, _end, (_form, lemma, tag, *_rest) in analyser.analyse(word):
        if tag == "ign":
            continue
        lemma = lemma.split(":")[0]
        for pos, *tags in expand_tag(tag):
            found.append(Reading(lemma, pos, tuple(tags)))
    return tuple(dict.fromkeys(found))


GENDERS = ("m1", "m2", "m3", "f", "n")


def expand_tag(tag: str) -> Iterator[tuple[str, ...]]:
    """Every tag a Morfeusz tag stands for, split into its parts, in Morfeusz's own order
    (what ``Morfeusz(expand_tags=True)`` gives, without its Python recursion).

    >>> list(expand_tag("subst:pl:nom.acc:_"))[:2]
    [('subst', 'pl', 'nom', 'm1'), ('subst', 'pl', 'nom', 'm2')]
    """
    return product(*(GENDERS if part == "_" else part.split(".") for part in tag.split(":")))


NOUN_POS = {"subst", "depr", "brev"}
ADJECTIVE_POS = {"adj", "pact", "ppas", "adja"}  # adjectives and participles


def noun_lemma(word: str, value: float | None = None) -> str | None:
    """The lemma of ``word`` read as a noun counted by ``value``, or None if not a noun.

    Agreement: after 1 a singular noun; after 2-4 (not 12-14) a nominative/accusative
    plural; after 5+ a genitive plural. Readings that agree are preferred.
    """
    found = readings(word)
    if any(r.pos in {"prep", "conj", "comp", "qub", "part"} for r in found):
        return None  # "do", "na", "i": function words, whatever else they may be
    options = [r for r in found if r.pos in NOUN_POS]
    if word[:1].islower():
        options = [r for r in options if not r.lemma[:1].isupper()]  # "rodki" is no surname "Rodek"
    if not options:
        return None if _analyser() is not None else _fallback_lemma(word)
    counted = counted_nouns()
    plural = value is not None and value != 1  # a count above one is of a plural, whatever case a slip puts it in ("893 paczek")
    return max(options, key=lambda r: (_agreement(r, value), plural and "pl" in r.tags, r.lemma in counted)).lemma


@cache
def counted_nouns() -> frozenset[str]:
    """Nouns the reports count, preferred among readings that agree alike (``rules/units.yaml``)."""
    return frozenset(load("units")["counted_nouns"])


def is_unknown(word: str) -> bool:
    """A word of three letters or more that the dictionary does not know (a misspelling, a word
    that lost its Polish letters: "rodki"); False without the dictionary."""
    if _analyser() is None or len(word) < 3 or not word.isalpha():
        return False
    return all(word[:1].islower() and r.lemma[:1].isupper() for r in readings(word))  # no reading, or names only


FOOTNOTE_LETTERS = "abcdef"


def without_footnote_letter(word: str) -> str:
    """A word a table printed with a footnote letter glued on ("Miejscab", "Podopiecznia"):
    the word without the letter, when only that makes it a word the dictionary knows."""
    if len(word) > 4 and word[-1] in FOOTNOTE_LETTERS and is_unknown(word) and not is_unknown(word[:-1]):
        return word[:-1]
    return word


def opens_in_genitive_plural(label: str) -> bool:
    """True when the first noun or adjective of ``label`` can be a genitive plural ("Osób
    starszych", "Przewlekle chorych"; not "Miejsca", "Mieszkańcy")."""
    for word in regex.findall(r"\p{L}+", label):
        found = [r for r in readings(without_footnote_letter(word)) if r.pos in NOUN_POS | ADJECTIVE_POS]
        if found:
            return any("pl" in r.tags and "gen" in r.tags for r in found)
    return False


def agrees_with(word: str, value: float | None) -> bool:
    """True when ``word`` can be a noun counted by ``value`` in some case: singular after 1,
    else plural, in the nominative only where the count allows it ("2 Domy", "5 Klubów",
    "w 5 Ośrodkach"; not "22 500 Przeciwdziałanie", "4 592 Wiek", "182 000 Środki")."""
    if value is None or _analyser() is None:
        return True
    nouns = [r for r in readings(word) if r.pos in NOUN_POS]
    if value == 1:
        return any("sg" in r.tags for r in nouns)
    oblique = {"gen", "dat", "inst", "loc"}
    return any("pl" in r.tags and (oblique.intersection(r.tags) or _agreement(r, value) >= 2) for r in nouns)


def nominative_noun_lemma(word: str) -> str | None:
    """The lemma of ``word`` when it can be a noun in the nominative ("Działania" → działanie)."""
    return next((r.lemma for r in readings(word) if r.pos in NOUN_POS and "nom" in r.tags), None)


def is_preposition(word: str) -> bool:
    """True when ``word`` can be a preposition ("z", "dla", "w")."""
    return any(r.pos == "prep" for r in readings(word))


def is_adjective(word: str) -> bool:
    """True when some reading of ``word`` is an adjective or participle."""
    return any(r.pos in ADJECTIVE_POS for r in readings(word))


def is_verb(word: str) -> bool:
    """True when ``word`` reads as a finite or past verb form and never as a noun ("grup" is a noun)."""
    found = readings(word)
    return any(r.pos in {"fin", "praet", "bedzie", "impt"} for r in found) and not any(r.pos in NOUN_POS for r in found)


def governs(participle: str, noun: str) -> bool:
    """True when ``participle`` is an active participle and ``noun`` cannot agree with it in
    number, case and gender: its object ("trzy pełniące funkcję": funkcję), not the noun it describes
    ("40 korzystających rodzin")."""
    active = [r for r in readings(participle) if r.pos == "pact"]
    nouns = [r for r in readings(noun) if r.pos in NOUN_POS]
    return bool(active and nouns) and not any(a.tags[:3] == n.tags[:3] for a in active for n in nouns)


def is_name(word: str) -> bool:
    """True when ``word`` is capitalised and some reading of it is a name ("Borki", "Lipno"),
    which a capitalised word inside a sentence is."""
    return word[:1].isupper() and not word.isupper() and any(r.lemma[:1].isupper() for r in readings(word))


def is_future_verb(word: str) -> bool:
    """True when ``word`` can only be a verb of the future: a perfective verb's present form
    ("przekaże", "otrzymają") or "będzie"/"będą"; never a noun, adjective or an imperfective
    present ("wynosi" reads both ways, so it is not)."""
    found = readings(word)
    finite = [r for r in found if r.pos in {"fin", "bedzie"}]
    return (bool(finite) and all(r.pos == "bedzie" or "perf" in r.tags for r in finite)
            and not any(r.pos in NOUN_POS | ADJECTIVE_POS or r.pos == "praet" for r in found))


def is_past_verb(word: str) -> bool:
    """True when ``word`` can only be a past-tense verb ("został", "był"), never a noun."""
    found = readings(word)
    return any(r.pos == "praet" for r in found) and not any(r.pos in NOUN_POS | {"adj"} for r in found)


def _agreement(reading: Reading, value: float | None) -> int:
    tags = ":".join(reading.tags)
    score = (1 if reading.pos == "subst" else 0) - ("pt" in reading.tags)  # "posiłki" counts posiłek
    if value is None:
        return score
    if value == 1:
        return score + 2 * ("sg" in tags)
    last2 = int(value) % 100
    if 2 <= int(value) % 10 <= 4 and not 12 <= last2 <= 14:
        return score + 2 * ("pl" in tags and ("nom" in tags or "acc" in tags))
    return score + 2 * ("pl" in tags and "gen" in tags)


_FALLBACK_SUFFIXES = [("ów", ""), ("ami", "a"), ("ach", "a"), ("om", "a"), ("ek", "ka"), ("iej", "ia")]


def _fallback_lemma(word: str) -> str | None:
    """A rough lemma from suffixes when no dictionary is available."""
    if not regex.fullmatch(r"\p{L}{3,}", word):
        return None
    lower = word.lower()
    for suffix, replacement in _FALLBACK_SUFFIXES:
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            return lower[: -len(suffix)] + replacement
    return lower


PLACE_QUALIFIERS = {"nazwa_geograficzna", "człon_nazwy_geograficznej"}


@cache
def place_lemmas(word: str) -> tuple[str, ...]:
    """Base forms ``word`` may have as part of a geographic name ("Chojnie" → "Chojna",
    "Pomorskim" → "Pomorski", "kamieńskiego" → "kamieński"): Morfeusz's readings labelled as
    geographic names, and adjectives (names of powiats, second words of town names), with the
    word itself last; empty without Morfeusz."""
    analyser = _analyser()
    if analyser is None:
        return (word,)
    found: list[str] = []
    for _start, _end, (_form, lemma, tag, qualifiers, *_rest) in analyser.analyse(word):
        base = lemma.split(":")[0]
        if PLACE_QUALIFIERS.intersection(qualifiers or ()) or tag.startswith("adj:"):
            found.append(base[:1].upper() + base[1:] if word[:1].isupper() else base)
    return tuple(dict.fromkeys([*found, word]))
