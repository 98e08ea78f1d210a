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


@cache
def place_adjectives() -> frozenset[str]:
    """Adjectives of the register's places, lower-cased: the powiats' names ("płocki") and
    the adjective of each one-word name ("Mokotów" → "mokotowski", "Kraków" → "krakowski")."""
    found: set[str] = set()
    for name, units in register().items():
        if any(u.kind == "powiat" for u in units):
            found.add(name)
        if " " not in name and "-" not in name and len(name) >= 4:
            base = name[:-2] + "ow" if name.endswith("ów") else name
            found.update({base + "ski", base[:-1] + "ski"})
    return frozenset(found)


NAME = r"\p{Lu}[\p{L}]+(?:(?:-|[ \t]+)\p{Lu}[\p{L}]+){0,2}"
MENTION = regex.compile(
    rf"""(?P<cue>\b(?:(?i:we?)|(?i:gmin\w*|miast\w*|mieście|miasta\s+i\s+gminy|dzielnic\w*|powiat\w*|powiecie|starost\w*)
        |(?:M?G?OPS|MGOPS|MOPR|PCPR|CUS|GOPR|MOPS)(?:\s+w)?)\b)
        \s+(?P<name>{NAME}|\p{{Ll}}+(?:ski|cki|dzki)\p{{Ll}}*)""",
    regex.VERBOSE,
)
MONTH = r"(?i:stycz\w*|lut\w*|mar(?:zec|ca)|kwie\w*|maj\w*|czerw\w*|lip\w*|sierp\w*|wrze\w*|paźdz\w*|listop\w*|grud\w*)"
DATELINE = regex.compile(  # "Brzeg, marzec 2016 r.", "Chojna, dnia 12.03.2017": where a letter or report was signed
    rf"(?P<name>{NAME}),\s*(?:dnia\s+|dn\.\s*)?(?:\d{{1,2}}[.\s]+)?(?:{MONTH}|\d{{1,2}}\.)\s*\d{{4}}"
)
BODY = regex.compile(r"(?i)ośrod|centrum|urz[ąę]d|\brad[ayz]|zesp[oó]ł|gmin|miast|dzielnic|powiat|\b(?:G|M|MG)?OPS\b|MOPR|PCPR|\bCUS\b|komisj"
                     r"|\bdom(?:u|em)?\b|\bDPS\b|\bŚDS\b|placówk")  # "Dom Pomocy Społecznej w …", "Placówka Opiekuńczo-Wychowawcza w …"
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
    """Every base form a written name may have: each word's place lemmas (an adjective in each
    gender: "Szklarskiej Porębie" → "Szklarska Poręba"), joined as written."""
    words = [w.title() if w.isupper() and len(w) > 1 else w for w in regex.split(r"(-|\s+)", name)]
    options = [_word_forms(w) if k % 2 == 0 else (" " if w.strip() == "" else w,) for k, w in enumerate(words)]
    return ["".join(parts) for parts in product(*options)]


def _word_forms(word: str) -> tuple[str, ...]:
    """A word's place lemmas and, for an adjective, its nominative in each gender."""
    genders = [form for gender in ("m3", "f", "n") if (form := adjective_form(word, gender))]
    return tuple(dict.fromkeys([*place_lemmas(word), *genders]))


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
    for text in (doc.text[:OPENING], doc.text[-OPENING:]):  # no body named: the place the report was signed in
        for m in DATELINE.finditer(text):
            kinds = _kinds(doc.text[:OPENING]) or ("gmina miejsko-wiejska", "gmina miejska", "gmina wiejska")
            units = _of_kinds(lookup(m.group("name")), kinds)
            if units:
                return _disambiguate(units, doc.text)
    return most_named_town(doc.text[:OPENING])


TOWN_KINDS = ("gmina miejska", "gmina miejsko-wiejska")
MIN_TOWN_MENTIONS = 2


def most_named_town(text: str) -> Unit | None:
    """No body and no dateline: the town named "w …" most often (twice at least, more often than
    any other), when its name is one town's only ("wsparcie otrzymało w Chojnie …"), as a news item
    about a town's report names it."""
    counts: dict[Unit, int] = {}
    for m in MENTION.finditer(text, overlapped=True):
        if m.group("cue").strip().lower() not in ("w", "we"):
            continue
        units = _of_kinds(lookup(m.group("name")), TOWN_KINDS)
        if len(units) == 1:
            counts[units[0]] = counts.get(units[0], 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < MIN_TOWN_MENTIONS or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _of_kinds(units: list[Unit], kinds: tuple[str, ...]) -> list[Unit]:
    """The units of the first kind in ``kinds`` that has any; a powiat centre named by its town
    ("PCPR w Chojnicach") serves the powiat that holds the town."""
    if kinds[0] == "powiat":
        powiats = {u.code: u for us in register().values() for u in us if u.kind in kinds}
        units = [u for u in units if u.kind in kinds] or [  # a town: the powiat whose code it starts with
            powiats.get(u.code[:4], u) for u in units if u.kind.startswith("gmina")
        ]
        units = [_land_powiat_of(u) or u for u in units]  # a city with powiat rights: the land powiat seated there
        return list({u.code: u for u in units}.values())
    for kind in kinds:
        chosen = [u for u in units if u.kind == kind]
        if chosen:
            return chosen
    return []


def _land_powiat_of(unit: Unit) -> Unit | None:
    """The land powiat a city with powiat rights is the seat of, named after it ("Konin" →
    powiat koniński): a powiat centre or starostwo "w Koninie" serves that powiat, the city
    having its own family centre. None when there is no such powiat (or more than one)."""
    if unit.kind != "miasto na prawach powiatu":
        return None
    words = regex.split(r"[-\s]+", unit.name.lower())
    stem = words[0][: max(3, len(words[0]) - 2)]
    found = [u for us in register().values() for u in us
             if u.kind == "powiat" and u.code[:2] == unit.code[:2] and u.name.startswith(stem)]
    if len(found) > 1 and len(words) > 1:  # "Nowy Sącz": nowosądecki, not nowotarski
        found = [u for u in found if words[1][:2] in u.name[len(stem) :]]
    return found[0] if len(found) == 1 else None


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


# Districts, villages and parts of a town: geographic names Morfeusz2 knows, in a place context.
NAME_RUN = regex.compile(r"\p{Lu}\p{Ll}+(?:(?:-|[ \t]+)\p{Lu}\p{Ll}+){0,2}")
LIST_OPENING = regex.compile(  # what may stand before a listed place: a list marker, "w", "na"
    r"(?i)^[\s\-–•·▪◦●*]*(?:(?:[a-z]|\d{1,2})[.)][ \t]+)?(?:(?:w|we|na)\s+)?$"
)
PLACE_NOUN_BEFORE = regex.compile(r"(?i)\b(?:dzielnic\w*|osiedl\w*|sołectw\w*|miejscowoś\w*|rejon\w*)\s+$")  # any name after these
PLACE_NOUN_FIRST = regex.compile(r"(?:Osiedle|Dzielnica|Sołectwo)\s+\p{Lu}")  # "Osiedle Młodych – 210": the name as written
LIST_ENTRY = regex.compile(r"\s*(?:[-–:(]|\d|$)")  # "Zabłocie – 12 osób", "Podgórze: 5", "Wilda (34 …)", "Łazy 3"
NOT_DISTRICTS = frozenset({"Polska", "Śląsk", "Europa", "Unia"})


def districts_in(text: str) -> list[str]:
    """Base names of the places ``text`` names in a place context: a list entry that opens its
    clause ("Zabłocie – 1 wyjazd", "Podgórze: 4") or a name after "w", "na", "w dzielnicy",
    "sołectwo", … ("na Wildzie", "w Nowej Hucie"); towns and cities of the register are the
    municipality itself, not a part of it."""
    found = []
    for m in NAME_RUN.finditer(text):
        before = text[: m.start()]
        named_as_place = bool(PLACE_NOUN_BEFORE.search(before) or PLACE_NOUN_FIRST.match(m.group()))
        list_entry = bool(LIST_OPENING.match(before) and LIST_ENTRY.match(text, m.end()))
        if not (named_as_place or list_entry) or _is_town_written(m.group()):
            continue
        written = m.group()
        name = written if PLACE_NOUN_FIRST.match(written) else base_name(written)
        name = name or (written if named_as_place or (list_entry and _unknown(written)) else None)
        if name and name not in NOT_DISTRICTS and not _is_town(name):
            found.append(name)
    return found


def _unknown(written: str) -> bool:
    """True when the dictionary knows none of the words: a proper name it does not list ("Grunwaldzkie")."""
    from extract.morphology import readings

    return all(not readings(w) for w in written.split())


def _is_town_written(written: str) -> bool:
    """True when some base form of the words is a town or city of the register ("Bielsku-Białej")."""
    return any(_is_town(candidate) for candidate in candidate_names(written))


def _is_town(name: str) -> bool:
    return any(u.kind in ("gmina miejska", "miasto na prawach powiatu", "województwo") for u in register().get(name.lower(), []))


def base_name(written: str) -> str | None:
    """The nominative of a geographic name as written in any case ("Nowej Hucie" → "Nowa
    Huta", "Starym Mieście" → "Stare Miasto", "Wildzie" → "Wilda"); None when its last word is
    no geographic name (nor, after another word, a noun)."""
    words = regex.split(r"(-|[ \t]+)", written)
    if len(words) == 1 and _other_than_noun(written):
        return None  # "Łącznie 587": an adverb, though a village bears the name
    head = name_reading(words[-1], geographic_only=len(words) == 1)
    if head is None or (len(words) > 1 and not _all_name_words(words[::2])):
        return None  # "Liczba Miejsc": "Liczba" is no part of a geographic name
    lemma, gender = head
    out = []
    for k, word in enumerate(words[:-1]):
        out.append(word if k % 2 else adjective_form(word, gender) or (name_reading(word, True) or (word,))[0])
    return "".join([*out, lemma])


def _other_than_noun(word: str) -> bool:
    """True when ``word`` can be read as something other than a noun (an adverb, a verb, …)."""
    from extract.morphology import readings

    return any(r.pos not in ("subst", "depr", "adj", "brev", "ign") for r in readings(word))


def _all_name_words(words: list[str]) -> bool:
    """Every word a geographic name or an adjective, the last one possibly a plain noun after
    them ("Nowa Huta", "Stare Miasto"; not "Liczba Miejsc", "Sekcja Realizacji Projektów")."""
    from extract.morphology import is_adjective

    return any(name_reading(w, True) for w in words) and all(
        name_reading(w, True) or is_adjective(w) for w in words[:-1]
    )


@cache
def name_reading(word: str, geographic_only: bool) -> tuple[str, str] | None:
    """(capitalised lemma, gender) of ``word`` read as a geographic name, or as any noun."""
    from extract.morphology import _analyser

    analyser = _analyser()
    if analyser is None:
        return (word, "f") if not geographic_only else None
    nouns = []
    for _s, _e, (_form, lemma, tag, qualifiers, *_rest) in analyser.analyse(word):
        parts = tag.split(":")
        if parts[0] not in ("subst", "depr"):
            continue
        geographic = "nazwa_geograficzna" in (qualifiers or ())
        if geographic_only and not geographic:
            continue
        base = lemma.split(":")[0]
        base = base[:1].upper() + base[1:]
        nominative = len(parts) > 2 and "nom" in parts[2].split(".")
        gender = parts[3].split(".")[0] if len(parts) > 3 else "f"
        person = bool({"imię", "nazwisko"}.intersection(qualifiers or ())) and not geographic
        nouns.append((not geographic, person, base != word, not nominative, base, gender))  # "Łazy" stays "Łazy"
    if not nouns:
        return None
    *_, base, gender = min(nouns)
    return base, gender


@cache
def adjective_form(word: str, gender: str) -> str | None:
    """The nominative singular of adjective ``word`` in ``gender`` ("Nowej", f → "Nowa")."""
    from extract.morphology import _analyser

    analyser = _analyser()
    if analyser is None:
        return None
    lemmas = {lemma for _s, _e, (_f, lemma, tag, *_r) in analyser.analyse(word) if tag.startswith("adj:")}
    for lemma in lemmas:
        for form, _lemma, tag, *_rest in analyser.generate(lemma):
            parts = tag.split(":")
            if len(parts) < 4:
                continue  # "adja" ("polsko-"), "adjp:dat" ("po polsku"): no case or gender
            if parts[1:3] == ["sg", "nom"] or (parts[1] == "sg" and "nom" in parts[2].split(".")):
                if gender in parts[3].split(".") and parts[-1] == "pos":
                    return form[:1].upper() + form[1:]
    return None


def place_label(label: str) -> str | None:
    """The place a table row or column heading names: the whole heading a geographic name
    ("Podgórze", "Nowa Huta"), or a place named in it ("Klub na osiedlu Podgórze")."""
    text = label.strip(" :")
    if NAME_RUN.fullmatch(text) and (name := base_name(text)) and name not in NOT_DISTRICTS and not _is_town(name):
        return name
    found = districts_in(text)
    return found[-1] if found else None
