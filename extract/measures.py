"""What a figure measures, comparable across towns and years (``rules/measures.yaml``).

A figure's measure key comes from what it counts: a measure of the shared vocabulary when its
unit and subject match one (the statutory reports' measures, with the wordings reports use),
else its unit and the base forms of its subject's content words, sorted, so that two reports
counting the same thing in other inflections or word orders meet ("rodzin objętych pomocą" and
"objęte pomocą rodziny" are both ``rodzina|objąć_pomoc``). The reason for help and the form of
help a subject names (the Act's lists) are dimensions, not part of the key; so are district, sex
and age, which the figure's qualifiers carry.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import NamedTuple

import regex

from extract.morphology import is_future_verb, is_verb, readings
from extract.places import place_adjectives
from extract.rules import load, require

MAX_WORDS = 5  # base forms kept in a derived key: enough to tell measures apart, few enough to meet
WORD = regex.compile(r"\p{L}[\p{L}-]*")
CONTENT = ("subst", "depr", "ger", "adj", "pact", "ppas", "fin", "praet", "inf", "bedzie", "imps")
NO_UNIT = "bez_jednostki"


@dataclass(frozen=True)
class Measure:
    """A measure key, its readable label and the dimensions the figure is limited to."""

    key: str
    label: str
    reason: str | None = None
    form: str | None = None
    area: str | None = None
    stage: str | None = None


class VocabularyMeasure(NamedTuple):
    """A measure of the shared vocabulary: its key, label, the units it counts in (none: any),
    the pattern of its wordings, and whether it says where money came from (``funding``),
    counts a programme whose form of help the paragraph before may name (``programme``) or
    counts help of any form received, which a named form narrows (``receiving``), is itself a
    rate, which takes no other (``rate``), implies a reason for help (``reason``), is what
    its wordings measure only with one form of help named (``with_form``), or only in a
    figure's own words, not in a list's lead-in or the sentences it points back to (``own_words``),
    only after its number unless a wording of "liczba" names it before (``after_number``), or is
    what a figure in one of its units counts when the figure's words name nothing and the
    sentences before it in its paragraph or the paragraph before name the measure (``named_before``)."""

    key: str
    label: str
    units: frozenset[str]
    pattern: regex.Pattern[str]
    funding: bool
    programme: bool
    receiving: bool
    rate: bool
    reason: str | None
    with_form: str | None = None
    own_words: bool = False
    after_number: bool = False
    named_before: bool = False


@cache
def vocabulary() -> tuple[list[tuple[str, regex.Pattern[str]]], list[tuple[str, regex.Pattern[str]]], list[VocabularyMeasure]]:
    """(reasons, forms, measures) of ``rules/measures.yaml``, patterns compiled."""
    data = load("measures")

    def compiled(name: str) -> list[tuple[str, regex.Pattern[str]]]:
        return [(e["key"], regex.compile(e["pattern"], regex.IGNORECASE)) for e in require(data, name, list, "measures")]

    measures = [VocabularyMeasure(e["key"], e["label"], units_of(e.get("unit")), regex.compile(e["pattern"], regex.IGNORECASE),
                                  bool(e.get("funding")), bool(e.get("programme")), bool(e.get("receiving")), bool(e.get("rate")), e.get("reason"),
                                  e.get("with_form"), bool(e.get("own_words")), bool(e.get("after_number")), bool(e.get("named_before")))
                for e in require(data, "measures", list, "measures")]
    return compiled("reasons"), compiled("forms"), measures


def units_of(written: str | list[str] | None) -> frozenset[str]:
    """The units a measure of the vocabulary counts in ("karta" or [procedura, karta]); none: any."""
    if written is None:
        return frozenset()
    return frozenset([written] if isinstance(written, str) else written)


@cache
def vocabulary_keys() -> frozenset[str]:
    """The keys of the vocabulary's measures."""
    return frozenset(measure.key for measure in vocabulary()[2])


@cache
def ignored_words() -> frozenset[str]:
    """Base forms that never tell measures apart: label words ("liczba"), the words of sex the
    qualifiers carry, the vocabulary's ignored words (time, pronouns, verbs of being) and the
    words of a plan or its execution, which the stage carries."""
    units, measures = load("units"), load("measures")
    return frozenset([*units["label_words"], *units["not_units"], *sex_words(), *measures["ignored_words"],
                      *measures["stage_words"]])


# A decimal comma ("3 120,40 zł") ends no clause, nor does the dot of an abbreviation ("w 2019 r.
# odbyło się", "ok. 40", "tys. zł").
CLAUSE_START = regex.compile(r"(?<!\d),|,(?!\d)|[;:(\n]|[!?]\s|(?<!\d\s?r|\b(?i:r|ok|tys|np|tj|in|ww|tzw|im|św|ul|nr|pkt|ust|art|poz|ds|wg|ks|dr|mgr|prof))\.\s")
BEFORE_CHARS = 120
DIGIT = regex.compile(r"\d")


CLOSED_BRACKET = regex.compile(r"\([^()]*\)")
# Words of one case listed ("podstawowych, gimnazjalnych i ponadgimnazjalnych"): their commas end no clause.
ENUMERATION = regex.compile(r"\b\p{L}+(\p{L}{2}),\s+(?:\p{L}+\1,\s+)*\p{L}+\1\s+(?:i|oraz|lub)\s+\p{L}+\1\b")
RELATIVE_OPENING = regex.compile(r"(?i)^\s*(?:(?:\p{L}+\s+){0,2}?któr\p{L}*\b|(?:czyli|tj\.|to\s+jest)\s)")


def clause_before(text: str, start: int) -> str:
    """The words of a number's clause before it ("w 2020 r. odwiedzono" of "… odwiedzono 7
    rodzin"); a relative clause keeps the clause it refers to ("Grupy robocze, w ramach których
    odbyło się 71 spotkań"), and so does one that restates it ("410 rodzin, czyli 1 020 osób")."""
    window = text[max(0, start - 2 * BEFORE_CHARS) : start]
    # a bracket closed before the number is inside the clause, commas and all: "KOSZT (w zł) 120 300"
    masked = CLOSED_BRACKET.sub(lambda m: " " * len(m.group()), window)
    if "," in masked:
        masked = ENUMERATION.sub(lambda m: m.group().replace(",", " "), masked)
    cuts = [m.end() for m in CLAUSE_START.finditer(masked)]
    cut = max([0, *cuts, len(window) - BEFORE_CHARS])
    if cuts and cut == cuts[-1] and masked[cut - 1] == "(" and not window[cut:].strip():
        # a number opening a bracket details the phrase before it: "zasiłek okresowy (23 osoby, …)";
        # one after a number details that number ("7 (3 kobiety, 4 dzieci)"): a part, read as before
        phrase = window[max([0, *cuts[:-1], len(window) - BEFORE_CHARS]) : cut - 1]
        if not DIGIT.search(phrase):
            return phrase
    if cuts and cut == cuts[-1] and RELATIVE_OPENING.match(window[cut:]):
        cut = max([0, *cuts[:-1]])
    elif (len(cuts) > 1 and cut == cuts[-1] and window[cut - 1] == window[cuts[-2] - 1] == ","
          and RELATIVE_OPENING.match(window[cuts[-2]:])):
        # a relative clause closed before the number interrupts the clause: "Z opłat za
        # zezwolenia, które zasilają program, uzyskano 88 tys. zł" is "Z opłat za zezwolenia uzyskano"
        opening = max([0, *cuts[:-2], len(window) - 2 * BEFORE_CHARS])
        return f"{window[opening : cuts[-2] - 1]} {window[cut:].lstrip()}"
    return window[cut:]


def bracketed_phrase(sentence: str) -> str:
    """When a number stands in a bracket still open (``sentence`` ends inside it), the phrase
    the bracket details and the bracket so far ("zasiłek okresowy (23 osoby; kwota"); else "",
    and "" too when that phrase holds a number, which the bracket breaks down."""
    opened = sentence.rfind("(")
    if opened < 0 or ")" in sentence[opened:]:
        return ""
    cuts = [m.end() for m in CLAUSE_START.finditer(CLOSED_BRACKET.sub(lambda m: " " * len(m.group()), sentence[:opened]))]
    return "" if DIGIT.search(sentence[max([0, *cuts]) : opened]) else sentence[max([0, *cuts]) :]


# A subject ends at its sentence's end ("zł.POMOC" has lost its space) and does not open with a
# conjunction: "4 200 zł i na stypendia 9 800 zł", the words after "i" are the next item's.
# The dot of a row's or list item's number ("1. / Świadczenia", "II. Pomoc") ends nothing.
SUBJECT_END = regex.compile(r"(?<!(?:^|[\s/])(?:\d{1,3}|[IVX]{1,4})(?:\.\d{1,3})*)[.!?](?=\s|$|\p{Lu})")
CONJUNCTION = r"(?:i|oraz|a|natomiast|zaś)"  # words that open a list's next item
NEXT_ITEM = regex.compile(rf"^\W*{CONJUNCTION}\b", regex.IGNORECASE)
NEXT_CLAUSE = regex.compile(r"\s(?:a|natomiast|zaś|lecz|ale)\s", regex.IGNORECASE)  # words that open the next clause


COUNT_NAMED = regex.compile(r"(?:liczb|ilo[śs][ćc])", regex.IGNORECASE)  # "liczba osób bezdomnych": a count named before its number
REASONS, FORMS = 0, 1  # the vocabulary's lists of reasons and forms of help


def help_terms(kind: int) -> list[tuple[str, regex.Pattern[str]]]:
    """The vocabulary's reasons (REASONS) or forms (FORMS) of help, each key with its pattern."""
    reasons, forms, _measures = vocabulary()
    return reasons if kind == REASONS else forms


@cache
def any_of(kind: int) -> regex.Pattern[str]:
    """One pattern for all REASONS or all FORMS of help: most texts name none, which one search tells."""
    return regex.compile("|".join(f"(?:{pattern.pattern})" for _key, pattern in help_terms(kind)), regex.IGNORECASE)


def nearest(kind: int, before: str, after: str) -> str | None:
    """The reason or form of help (``kind``) named closest to a number: the last one named
    before it, else the first after it; or a kind of it named with it (:func:`narrowest`)."""
    if not any_of(kind).search(before) and not any_of(kind).search(after):
        return None
    entries = help_terms(kind)
    named_before = [(m.start(), key) for key, pattern in entries for m in pattern.finditer(before)]
    named_after = [(m.start(), key) for key, pattern in entries for m in pattern.finditer(after)]
    nearest_key = max(named_before)[1] if named_before else min(named_after)[1] if named_after else None
    return None if nearest_key is None else narrowest(nearest_key, {key for _start, key in named_before + named_after})


@cache
def narrower_forms() -> dict[str, str]:
    """Form of help → the form it is a kind of ("pogotowie rodzinne" → "rodzina zastępcza zawodowa")."""
    return {e["key"]: e["narrows"] for e in require(load("measures"), "forms", list, "measures") if "narrows" in e}


def narrowest(key: str, named: set[str]) -> str:
    """``key``, or a form named with it that is a kind of it: "rodzina zawodowa pełniąca
    funkcję pogotowia rodzinnego" is a pogotowie rodzinne."""
    return next((other for other in sorted(named) if narrower_forms().get(other) == key), key)


@cache
def counted_units(form: str) -> dict[str, str]:
    """What a count of ``form`` in a unit counts, where the unit says less ("świadczenie" of
    posiłek: meals)."""
    entries = require(load("measures"), "forms", list, "measures")
    return next((dict(e.get("counts", {})) for e in entries if e["key"] == form), {})


@cache
def unit_aliases() -> dict[str, str]:
    """Units that count, for a measure, what another does (``rules/measures.yaml``)."""
    return dict(require(load("measures"), "unit_aliases", dict, "measures"))


@cache
def institutions() -> tuple[tuple[tuple[str, regex.Pattern[str], bool], ...], regex.Pattern[str]]:
    """(key, pattern of its name, whether it is the default) of each institution of
    ``rules/measures.yaml``, and the pattern of a row label that opens a section's rows."""
    data = load("measures")
    found = tuple((e["key"], regex.compile(e["pattern"], regex.IGNORECASE), bool(e.get("default")))
                  for e in require(data, "institutions", list, "measures"))
    return found, regex.compile(require(data, "section_openers", str, "measures"), regex.IGNORECASE)


LABEL_START = regex.compile(r"^\W*")


def institution_opening(label: str) -> str | None:
    """The institution a table row's label opens with ("POWIATOWE CENTRA POMOCY RODZINIE …")."""
    start = LABEL_START.match(label)
    at = start.end() if start else 0
    return next((key for key, pattern, _default in institutions()[0] if pattern.match(label, at)), None)


def institution_last_named(text: str) -> str | None:
    """The institution ``text`` names last ("Powiatowe Centrum Pomocy Rodzinie zatrudniało")."""
    found = [(m.start(), key) for key, pattern, _default in institutions()[0] for m in pattern.finditer(text)]
    return max(found)[1] if found else None


@cache
def default_institutions() -> frozenset[str]:
    """The institutions a report counts unless it says otherwise (marked ``default``)."""
    return frozenset(key for key, _pattern, default in institutions()[0] if default)


def as_dimension(institution: str | None) -> str | None:
    """An institution as the dimension: None for the default one, the gmina's own centre."""
    return None if institution in default_institutions() else institution


@cache
def staff_measures() -> frozenset[str]:
    """The vocabulary's measures that count an institution's staff (marked ``staff``)."""
    return frozenset(e["key"] for e in require(load("measures"), "measures", list, "measures") if e.get("staff"))


@cache
def rates() -> tuple[tuple[str, str, regex.Pattern[str]], ...]:
    """The rates of ``rules/measures.yaml``: key, label and the pattern of their wordings."""
    return tuple((e["key"], e["label"], regex.compile(e["pattern"], regex.IGNORECASE))
                 for e in require(load("measures"), "rates", list, "measures"))


@cache
def restating_opener() -> regex.Pattern[str]:
    """The words opening a sentence that restates the figure before more exactly
    (``rules/measures.yaml`` restating_opener)."""
    return regex.compile(require(load("measures"), "restating_opener", dict, "measures")["pattern"], regex.IGNORECASE)


@cache
def any_rate() -> regex.Pattern[str]:
    """One pattern for all rates: most texts name none, which one search tells."""
    return regex.compile("|".join(f"(?:{pattern.pattern})" for _key, _label, pattern in rates()), regex.IGNORECASE)


def without_rates(text: str) -> str:
    """``text`` without the words of a rate, which would make keys of one rate differ
    ("w przeliczeniu na 1 mieszkańca", "na jednego mieszkańca")."""
    if not text or not any_rate().search(text):
        return text
    for _key, _label, pattern in rates():
        spans = [(m.start(), m.start() + len(whole_words(text, m))) for m in pattern.finditer(text)]
        for start, end in reversed(spans):
            text = f"{text[:start]}{' ' * (end - start)}{text[end:]}"
    return text


@cache
def rate_measures() -> frozenset[str]:
    """The vocabulary's measures that are rates themselves ("koszt utrzymania mieszkańca")."""
    return frozenset(m.key for m in vocabulary()[2] if m.rate)


RATE_REACH = 30  # "240 zł na jednego mieszkańca", not "9 100 mieszkańców wydało średnio 310 zł"


def with_rate(measure: Measure, before: str, subject: str) -> Measure:
    """``measure`` per inhabitant, per person or on average when the figure's clause or its own
    phrase says so ("Na jednego mieszkańca przypadło 240 zł"): another measure than the total."""
    text = f"{before} {NEXT_WORDS.split(subject, maxsplit=1)[0][:RATE_REACH]}"
    if not any_rate().search(text):
        return measure
    rate = next(((key, label) for key, label, pattern in rates() if pattern.search(text)), None)
    if rate is None or measure.key in rate_measures():
        return measure
    return replace(measure, key=f"{measure.key}|{rate[0]}", label=f"{measure.label}, {rate[1]}")


BUDGET_CODE = regex.compile(
    r"(?i:\brozdzia[łl]\w*|\brozdz\.|§|\bpar(?:agraf\w*|\.))\s*(?P<code>\d{4,5})(?!\d)"
    r"|(?<![\d.,]|\d\s)(?P<chapter>8[0-5]\d{3})\s+\p{Lu}\p{Ll}"  # a rozdział of dział 80x–85x before its name: "85212 Świadczenia rodzinne"
)


def budget_code(text: str) -> str | None:
    """The last public-finance classification code named in ``text``, as a key word: a rozdział
    ("rozdz_85212") or a paragraf ("par_4260"). Amounts of one budget line are one measure."""
    found = list(BUDGET_CODE.finditer(text))
    if not found:
        return None
    m = found[-1]
    code = m.group("code") or m.group("chapter")
    return f"rozdz_{code}" if len(code) == 5 else f"par_{code}"


def measure_of(unit: str | None, subject: str, before: str = "", sentence: str = "", around: str = "",
               earlier: str = "", context: str = "", pointed: str = "", topic: str = "") -> Measure:
    """The measure a figure of ``unit`` counts: ``subject`` is its phrase (or its table
    headings), ``before`` the words of its clause before the number, ``sentence`` its sentence
    up to the number, where the form or reason of help is often named ("na zasiłki okresowe
    (dotacja …) wydano 52 100 zł"); ``around``, its table's caption and its sections' titles,
    give the form of help when they name one alone ("Program dożywiania" over a table); so do
    ``earlier``, the sentences of its paragraph before its own, for a measure of a programme
    ("… program dożywiania dzieci. Łącznie programem objęto 96 osób"); ``context``, words about
    the figure that are not its phrase (the lead-in of the list it is an item of, a relative
    clause after its noun), names the vocabulary's measure of a figure whose own words name none
    ("Koszt utrzymania mieszkańca w domach pomocy:\n1) Dom w Lipowie – 3 410 zł", "85 osób, co do
    których istnieje podejrzenie, że są dotknięte przemocą"); ``pointed``, the words before that
    its clause points back to ("… 120 rodzin zastępczych. Przebywa w nich 173 dzieci", "Na ten
    cel pójdzie 612 tys. zł"), name that measure too, and the form of help when they name one alone;
    ``topic``, ``earlier`` with the paragraph before it, names a measure of the vocabulary marked
    named_before for a figure whose words name none ("… Niebieskich Kart.\n\nW 2019 r. założono
    124 karty")."""
    unit = unit_aliases().get(unit or "", unit)  # "120 środowisk" in social work: families
    if not any_rate().search(f"{sentence} {before} {subject} {context}"):  # most figures are no rate
        return measure_of_total(unit, subject, before, sentence, around, earlier, context, pointed, topic)
    total = measure_of_total(unit, without_rates(subject or ""), without_rates(before), without_rates(sentence), around, earlier,
                             without_rates(context), without_rates(pointed), topic)
    return with_rate(total, before, subject or "")


def measure_of_total(unit: str | None, subject: str, before: str, sentence: str, around: str, earlier: str,
                     context: str = "", pointed: str = "", topic: str = "") -> Measure:
    """The measure of :func:`measure_of` before a rate (per inhabitant, on average) is told apart."""
    reasons, forms = help_terms(REASONS), help_terms(FORMS)
    subject = (subject or "")[: m.start()] if (m := SUBJECT_END.search(subject or "")) else (subject or "")
    subject = subject[: m.start()] if (m := NEXT_CLAUSE.search(subject)) else subject  # "152 rodziny a o dodatki złożono …"
    subject = "" if NEXT_ITEM.match(subject) else subject
    text = f"{before} {subject}".strip()
    reason = nearest(REASONS, "", subject) or nearest(REASONS, sentence or before, subject)  # its own phrase's first
    form = nearest(FORMS, "", subject) or nearest(FORMS, sentence or before, subject)
    area = area_of(text)
    stage = stage_of(before, subject, sentence)
    if form and len(named_in(FORMS, before) or named_in(FORMS, bracketed_phrase(sentence) or sentence)) > 1:
        form = None  # "(zasiłki celowe, usługi opiekuńcze, praca socjalna) korzystało 412 rodzin": help of every form
    if not form and pointed:
        form = only_form(pointed)  # "Na ten cel pójdzie 612 tys. zł" after a sentence naming one form alone
    if not reason and pointed and len(named := named_in(REASONS, pointed)) == 1:
        reason = named.pop()  # "Ta przyczyna dotyczyła 820 rodzin" after a sentence naming one reason
    if not form and around:
        form = only_form(around)
    if form:
        unit = counted_units(form).get(unit or "", unit)  # "przyznano 4 210 świadczeń" of posiłek: meals
    vocabulary_measure = named_measure(unit, before, subject, form, bool(reason))
    context = f"{pointed} {context}".strip()
    if vocabulary_measure is None and context and names_a_measure(unit, context):
        vocabulary_measure = named_measure(unit, f"{context} {before}", subject, form, bool(reason), own_words=False)
        form = form or (only_form(context) if vocabulary_measure else None)  # "Koszt … w domu pomocy społecznej wynosi:\n- 3 410 zł"
    if vocabulary_measure is None and unit and (topic or earlier) and not lemmas_of(subject, unit):
        vocabulary_measure = named_earlier(unit, topic or earlier)  # "… Niebieskich Kart. W 2019 r. założono 124 karty"
    if vocabulary_measure:
        if not form and vocabulary_measure.programme and earlier:
            form = only_form(earlier)
        reason = vocabulary_measure.reason or reason  # "osoby stosujące przemoc": in the family, said or not
        return Measure(vocabulary_measure.key, vocabulary_measure.label, reason, form, area, stage)
    code = budget_code(sentence or before) if unit == "zł" else None  # an amount of a budget line: its code
    if reason or form:
        # the form or reason of help says what is counted, the clause before only words it; the
        # phrase after the number may still narrow it ("40 000 zł z dotacji budżetu państwa")
        named = {w for key, pattern in (*reasons, *forms) for m in pattern.finditer(subject)
                 for w in lemmas_of(whole_words(subject, m), unit)}
        words = [code] if code else [w for w in lemmas_of(subject, unit) if w not in named and w not in receiving_words()]
        return derived(unit, words, reason, form, f"{unit or ''}: {form or reason}".strip(": "), area, stage)
    words = [code] if code else lemmas_of(text, unit)
    if not words and around:  # a figure that names nothing of its own: what its headings are about
        code = budget_code(around) if unit == "zł" else None
        words = [code] if code else lemmas_of(around, unit)
    return derived(unit, words, reason, form, area=area, stage=stage)


@cache
def stage_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """The wordings of a plan and of what was done (``rules/measures.yaml`` stages)."""
    stages = require(load("measures"), "stages", dict, "measures")
    return regex.compile(stages["plan"], regex.IGNORECASE), regex.compile(stages["done"], regex.IGNORECASE)


NEXT_WORDS = regex.compile(rf",|\s[–—-]\s|\s{CONJUNCTION}\s", regex.IGNORECASE)  # where a phrase's next item starts


def stage_of(before: str, subject: str, sentence: str = "") -> str | None:
    """"plan" when the last wording of a plan or of its execution before the number is a plan's
    ("zaplanowano 412 300 zł"), or, with none there, when the figure's headings or phrase name a
    plan alone (a table's "Plan" column); None for what was done. A clause with no verb shares
    its ``sentence``'s ("centrum przekaże 90 tys. zł, a na sprzęt 1,1 mln zł")."""
    def last_kind(text: str) -> str | None:
        plan, done = stage_patterns()
        spans = [(m.start(), m.end(), "done") for m in done.finditer(text)]
        spans += [(m.start(), m.end(), "plan") for m in plan.finditer(text)
                  if not any(s <= m.start() and m.end() <= e for s, e, _kind in spans)]  # "wykonanie planu"
        if (verb := last_verb(text)) and is_future_verb(verb.group()):
            spans.append((verb.start(), verb.end(), "plan"))  # "centrum przekaże 90 tys. zł": not yet spent
        return max(spans)[2] if spans else None

    own = NEXT_WORDS.split(subject, maxsplit=1)[0]  # "31 osób i planowanym budżecie": the next item's plan
    kind = last_kind(before) or last_kind(own) or (last_kind(sentence) if sentence and not last_verb(before) else None)
    return "plan" if kind == "plan" else None


def last_verb(text: str) -> regex.Match[str] | None:
    """The last word of ``text`` that reads only as a finite verb, past or future."""
    return next((m for m in reversed(list(WORD.finditer(text))) if is_verb(m.group()) or is_future_verb(m.group())), None)


@cache
def pointing_back() -> regex.Pattern[str]:
    """Words of a clause that point back to what the sentences before named (``rules/measures.yaml``)."""
    return regex.compile(require(load("measures"), "pointing_back", dict, "measures")["pattern"], regex.IGNORECASE)


@cache
def shared_head() -> regex.Pattern[str]:
    """A form's noun shared by the adjectives coordinated after it (``rules/measures.yaml``)."""
    return regex.compile(require(load("measures"), "shared_head", dict, "measures")["pattern"], regex.IGNORECASE)


def with_shared_heads(text: str) -> str:
    """``text`` with a shared noun repeated before each adjective coordinated after it:
    "zasiłków stałych, okresowych" → "zasiłków stałych, zasiłków okresowych"."""
    def repeat(m: regex.Match[str]) -> str:
        rest = regex.sub(r"(\s*,\s*|\s+(?:i|lub|oraz|albo)\s+)(?=\p{L})", lambda s: f"{s.group(1)}{m['head']} ", m["rest"])
        return f"{m.group()[: m.start('rest') - m.start()]}{rest}"

    return shared_head().sub(repeat, text)


def named_in(kind: int, text: str) -> set[str]:
    """The reasons or forms of help (``kind``) ``text`` names, a wording inside a longer one
    not counted ("zasiłek celowy" in "specjalny zasiłek celowy"), a noun shared by coordinated
    adjectives named with each ("zasiłków stałych i okresowych": two forms)."""
    if not any_of(kind).search(text):
        return set()
    named = {key for _start, key in named_spans(kind, with_shared_heads(text) if kind == FORMS else text)}
    return named - {narrower_forms()[key] for key in named if key in narrower_forms()}  # a kind and its kind: one form


def named_spans(kind: int, text: str) -> list[tuple[int, str]]:
    """Where ``text`` names each reason or form of help (``kind``), in order: (start, key), a
    wording inside a longer one not counted."""
    found = [(m.start(), m.end(), key) for key, pattern in help_terms(kind) for m in pattern.finditer(text)]
    return sorted((start, key) for start, end, key in found
                  if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _key in found))


@lru_cache(maxsize=256)
def only_form(text: str) -> str | None:
    """The form of help ``text`` names, when it names one alone (headings repeat over many figures)."""
    named = named_in(FORMS, text)
    return named.pop() if len(named) == 1 else None


def whole_words(text: str, m: regex.Match[str]) -> str:
    """The words a match touches, whole ("zasiłki okresow" → "zasiłki okresowe")."""
    end = m.end()
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[m.start() : end]


@cache
def measures_of_unit(unit: str | None) -> tuple[regex.Pattern[str], list[tuple[int, VocabularyMeasure]]]:
    """The vocabulary's measures that may count in ``unit``, by their place in the file, and one
    pattern of all their wordings: most figures name none, which one search tells."""
    candidates = [(k, m) for k, m in enumerate(vocabulary()[2]) if not m.units or unit in m.units]
    screen = "|".join(f"(?:{m.pattern.pattern})" for _k, m in candidates) or r"(?!)"
    return regex.compile(screen, regex.IGNORECASE), candidates


@lru_cache(maxsize=1024)
def names_a_measure(unit: str | None, text: str) -> bool:
    """True when ``text`` holds a wording of a vocabulary measure of ``unit`` (the items of a list
    share their lead-in, which one search tells for all)."""
    return measures_of_unit(unit)[0].search(text) is not None


def named_measure(unit: str | None, before: str, subject: str, form: str | None = None, reason: bool = False,
                  own_words: bool = True) -> VocabularyMeasure | None:
    """The vocabulary's measure of ``unit`` named nearest the number, in
    the words before it and the phrase after it: one whose wording spans the number ("Wszczęto
    31 procedur „Niebieska Karta”"), else the nearest after it ("40 000 zł ze środków
    wojewody"), else the nearest before ("Koszt programu wyniósł 96 400 zł"), the vocabulary's
    order deciding ties. Where the money came from ("funding" measures) is what it measures only
    when said after the number or when no ``form`` of help is named: "Na zasiłki okresowe
    (dotacja) wydano 52 100 zł" is spent on zasiłki okresowe. Help of any form received, with a
    form or a ``reason`` named, is the unit's count of that form or reason; a measure of one form
    (``with_form``) is named only with that form; a measure of ``own_words`` only when ``before``
    is the figure's own clause."""
    text, number = f"{before} {subject}", len(before)
    screen, candidates = measures_of_unit(unit)
    if not screen.search(text):
        return None
    best: tuple[tuple[int, int, int], VocabularyMeasure] | None = None
    for k, measure in candidates:
        if (form or reason) and measure.receiving:
            continue  # "z zasiłków celowych korzystało 40 rodzin": families with zasiłki celowe; so for a reason
        if (measure.with_form and measure.with_form != form) or (measure.own_words and not own_words):
            continue
        for m in measure.pattern.finditer(text):
            if m.start() < number < m.end():
                rank = (0, 0, k)  # spans the number
            elif m.start() >= number:
                rank = (1, m.start() - number, k)
            elif form and measure.funding:
                continue
            elif measure.after_number and not COUNT_NAMED.match(m.group()):
                continue  # "120 osobom bezdomnym, z których usamodzielniło się 7 osób": 7 is no count of the homeless
            else:
                rank = (2, number - m.end(), k)
            if best is None or rank < best[0]:
                best = (rank, measure)
    return None if best is None else best[1]


def named_earlier(unit: str, earlier: str) -> VocabularyMeasure | None:
    """The vocabulary's measure, counted in ``unit`` by name and marked ``named_before``, that the
    sentences before a figure name last."""
    named = [(m.end(), measure) for measure in vocabulary()[2] if measure.named_before and unit in measure.units
             for m in measure.pattern.finditer(earlier)]
    return max(named, key=lambda found: found[0])[1] if named else None


def lemmas_of(text: str, unit: str | None, keep_areas: bool = False) -> list[str]:
    """The base forms of the content words of ``text`` that may tell measures of ``unit`` apart;
    the countryside is a dimension (area) and "z terenu" says nothing, unless ``keep_areas``."""
    matches = list(WORD.finditer(text))
    words = [m.group() for m in matches]
    if matches and ITEM_START.match(text[: matches[0].start()]):  # "3. Renty socjalne"
        words[0] = opening_word(words[0], words[1] if len(words) > 1 else "")
    lemmas = dict.fromkeys(lemma for word in words if (lemma := content_lemma(word)) and not names_unit(word, unit))
    left_out = money_words() if keep_areas else money_words() | not_key_places()  # "posiłków na kwotę": their worth
    return [w for w in lemmas if w not in left_out]


@lru_cache(maxsize=65536)
def names_unit(word: str, unit: str | None) -> bool:
    """True when some reading of ``word`` is the unit's, or one of its aliases: "paczek" is
    "paczka" as well as "paczek"; "środowisk" names the families it counts."""
    if unit is None:
        return False
    lemmas = {word.lower(), *(r.lemma.lower() for r in readings(word))}
    return unit in lemmas or any(unit_aliases().get(lemma) == unit for lemma in lemmas)


@cache
def not_key_places() -> frozenset[str]:
    """Base forms of places that stay out of keys: the countryside (a dimension) and places in
    general ("z terenu gminy")."""
    return frozenset(w for _key, words, parts_only in areas() if not parts_only for w in words) | place_words()


def derived(unit: str | None, lemmas: list[str], reason: str | None, form: str | None, label: str = "",
            area: str | None = None, stage: str | None = None) -> Measure:
    """A key made of the unit and base forms, sorted, so that other word orders meet."""
    words = sorted(set(lemmas))[:MAX_WORDS]
    key = "|".join([unit or NO_UNIT, *(["_".join(words)] if words else [])])
    label = label or " ".join([unit or "", *lemmas[:MAX_WORDS]]).strip()
    if label and words and ":" in label:
        label = f"{label} ({' '.join(lemmas[:MAX_WORDS])})"
    return Measure(key, label or NO_UNIT, reason, form, area, stage)


def measure_of_form(unit: str | None, form: str) -> Measure:
    """The measure of a number a table gives under a form of help's column with no words of its
    own: the unit's count of that form ("il." under "Zasiłki celowe": persons with zasiłki celowe)."""
    unit = counted_units(form).get(unit or "", unit)
    return derived(unit, [], None, form, f"{unit or ''}: {form}".strip(": "))


def as_part_of(part: Measure, part_unit: str | None, whole: Measure, whole_unit: str | None) -> Measure:
    """The measure of a part of a total: a part in the total's unit that names nothing but an
    area or a place ("z tego 50 ze wsi", "w tym 40 z terenu miasta") counts what its total
    counts, in that area, and so does a part that names only a sex ("w tym 130 kobiet", which
    its sex qualifier tells apart); any other part keeps its own measure."""
    if part.key in vocabulary_keys() or part.reason not in (None, whole.reason) or part.form not in (None, whole.form):
        return part
    words = set(part.key.partition("|")[2].split("_")) - {""}
    if part_unit in sex_words() and not words:  # "w tym 130 kobiet": the total's measure, among women
        return replace(whole, area=part.area or whole.area)
    area = part.area or area_of_lemmas(words, in_part=True)
    if part_unit != whole_unit or area is None or not words <= place_words() | area_words():
        return part
    return replace(whole, area=area)


@cache
def sex_words() -> frozenset[str]:
    """Nouns that name people of one sex ("kobieta", "chłopiec"; ``rules/units.yaml``)."""
    return frozenset(lemma for lemmas in load("units")["sex_lemmas"].values() for lemma in lemmas)


@cache
def areas() -> tuple[tuple[str, frozenset[str], bool], ...]:
    """The areas of ``rules/measures.yaml``: key, the base forms naming it, and whether it limits
    only a part of a total."""
    return tuple((e["key"], frozenset(e["words"]), e["only"] == "parts") for e in require(load("measures"), "areas", list, "measures"))


@cache
def area_words() -> frozenset[str]:
    """Base forms naming an area ("wieś", "miasto")."""
    return frozenset(word for _key, words, _parts in areas() for word in words)


def area_of_lemmas(lemmas: set[str] | list[str], in_part: bool = False) -> str | None:
    """The area base forms name ("wsi" → "wieś"); the town only when ``in_part``."""
    return next((key for key, words, parts_only in areas() if (in_part or not parts_only) and words & set(lemmas)), None)


AREA_STEMS = regex.compile(r"(?i)\bwsi\b|\bwieś|\bwiejsk|\bmiast|\bmieście|\bmiejsk")  # most texts name no area: one search tells


def area_of(text: str) -> str | None:
    """The area ``text`` limits a count alone to ("na wsi" → "wieś")."""
    return area_of_lemmas(lemmas_of(text, None, keep_areas=True)) if AREA_STEMS.search(text) else None


@cache
def place_words() -> frozenset[str]:
    """Base forms naming a place in general ("teren", "obszar"; ``rules/measures.yaml``)."""
    return frozenset(require(load("measures"), "place_words", list, "measures"))


@cache
def receiving_words() -> frozenset[str]:
    """Base forms that, beside a form of help, only say it was received or given (``rules/measures.yaml``)."""
    return frozenset(require(load("measures"), "receiving_words", list, "measures"))


@cache
def money_words() -> frozenset[str]:
    """Base forms that only say an amount is money spent or planned (``rules/measures.yaml``)."""
    return frozenset(require(load("measures"), "money_words", list, "measures"))


ITEM_START = regex.compile(r"^[\s\d.)•·*–-]*$")  # nothing before a word but a list item's number or mark


def opening_word(word: str, following: str) -> str:
    """A word that opens a text or a list item, lower-cased when it reads as a common word too:
    its capital is the item's ("3. Renty socjalne"), not a name's; a name of two capitalised
    words keeps it ("Ruda Śląska")."""
    lower = word[:1].lower() + word[1:]
    if not word[1:].islower() or following[:1].isupper():
        return word
    return lower if any(r.lemma[:1].islower() for r in readings(lower)) else word


@lru_cache(maxsize=65536)
def content_lemma(word: str) -> str | None:
    """The base form of a content word (noun, adjective, participle, verb), lower-cased; None
    for function words, words of no measure and words the dictionary does not know."""
    found = readings(word)
    if not found or any(r.pos in ("prep", "conj", "comp", "qub", "part") for r in found):
        return None
    if word[:1].isupper() and any(r.lemma[:1].isupper() for r in found):
        return None  # a name ("Ruda", "Halemba"): a place or a person, which the qualifiers carry
    content = sorted((r for r in found if r.pos in CONTENT and not r.lemma[:1].isupper()), key=lambda r: r.pos != "subst")
    lemma = content[0].lemma.lower() if content else None  # a noun's reading first: "zadania" is "zadanie", not "zadać"
    if lemma is None or lemma in ignored_words() or lemma in place_adjectives() or len(lemma) < 3:
        return None  # "płocki", "mokotowski": a place, which the qualifiers carry
    return lemma
