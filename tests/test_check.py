"""One small in-memory case per rule code, positive and negative."""

from __future__ import annotations

from typing import Any

from extract.rulebook import RULES, Context, check_batches, run_checks


def fig(fid: str, value: float, parent: str | None = None, exhaustive: bool | None = None, **extra: Any) -> dict:
    row = {
        "indicator_id": fid, "doc_id": "d1", "year": 2020, "value": value, "raw": str(value), "unit": "rodzina",
        "parent_id": parent, "exhaustive": exhaustive, "exactness": "exact", "qualifiers": {}, "flags": [],
        "quote": f"quote {fid}", "char_start": int(fid[1:]) * 10, "char_end": int(fid[1:]) * 10 + 2, "page": None,
        "rule": "prose.digits", "indicator_key": None, "is_total": False,
    }
    row.update(extra)
    return row


def codes(rows: list[dict]) -> list[str]:
    return [f["rule"] for f in run_checks(rows)]


def test_every_rule_has_a_test_below() -> None:
    import extract.check
    import extract.check_text
    import extract.check_years  # noqa: F401

    tested = {name.removeprefix("test_rule_").upper() for name in globals() if name.startswith("test_rule_")}
    assert set(RULES) == tested


def test_rule_sum_mismatch() -> None:
    total = fig("f1", 48)
    assert codes([total, fig("f2", 20, "f1", True), fig("f3", 28, "f1", True)]) == []
    found = run_checks([total, fig("f2", 20, "f1", True, breakdown="z czego"), fig("f3", 27, "f1", True, breakdown="z czego")])
    assert [f["rule"] for f in found] == ["SUM_MISMATCH"]
    assert found[0]["stated"] == 48 and found[0]["computed"] == 47 and len(found[0]["evidence"]) == 3
    assert found[0]["basis"] == "słowo „z czego”"  # what the finding rests on
    rows = run_checks([total, fig("f2", 20, "f1", True, breakdown="table"), fig("f3", 27, "f1", True, breakdown="table")])
    assert rows[0]["basis"] == "wiersze kolumny tabeli nad wierszem sumy"


def test_rule_part_exceeds_whole() -> None:
    total = fig("f1", 48)
    assert codes([total, fig("f2", 20, "f1", False), fig("f3", 3, "f1", False)]) == []  # "w tym": fine
    assert codes([total, fig("f2", 50, "f1", False)]) == ["PART_EXCEEDS_WHOLE"]


def test_bracketed_figures_of_another_year_are_not_parts() -> None:
    total = fig("f1", 50, year=2016)  # "50 rodzin (2015 – 64, 2014 – 75)": a comparison
    earlier = [fig("f2", 64, "f1", True, year=2015, breakdown="parenthesis"),
               fig("f3", 75, "f1", True, year=2014, breakdown="parenthesis")]
    assert codes([total, *earlier]) == []
    same_year = [fig("f2", 20, "f1", True, breakdown="parenthesis", year=2016),
                 fig("f3", 25, "f1", True, breakdown="parenthesis", year=2016)]
    assert codes([total, *same_year]) == ["SUM_MISMATCH"]


def test_a_percent_column_is_not_summed_with_counts() -> None:
    total = fig("f1", 98.3, unit="%", rule="table.cell")  # RAZEM of a "%" column of shares
    shares = [fig(f"f{i}", v, "f1", True, unit="%", rule="table.cell") for i, v in enumerate([40.5, 60.1], start=2)]
    assert codes([total, *shares]) == []
    counts_total = fig("f1", 1259, rule="table.cell")
    mixed = [fig("f2", 600, "f1", True, rule="table.cell"), fig("f3", 47.6, "f1", True, unit="%", rule="table.cell")]
    assert codes([counts_total, *mixed]) == []  # one count part left: nothing to add up
    assert codes([counts_total, *mixed, fig("f4", 600, "f1", True, rule="table.cell")]) == ["SUM_MISMATCH"]


def test_disjoint_partial_parts_never_exceed_together() -> None:
    total = fig("f1", 10)
    girls = fig("f2", 6, "f1", False, qualifiers={"sex": "female"})
    boys = fig("f3", 6, "f1", False, qualifiers={"sex": "male"})
    assert codes([total, girls, boys]) == ["PART_EXCEEDS_WHOLE"]
    overlapping = fig("f3", 6, "f1", False, qualifiers={"sex": "female"})
    assert codes([total, girls, overlapping]) == []


def test_rule_comma_thousands() -> None:
    found = run_checks([fig("f1", 2968, flags=["comma_thousands"])])
    assert [(f["rule"], f["severity"]) for f in found] == [("COMMA_THOUSANDS", "warning")]
    assert codes([fig("f1", 2968)]) == []
    style = [fig(f"f{i}", 1000 * i + 500, flags=["comma_thousands"]) for i in range(1, 8)]
    found = run_checks(style)  # a report written so throughout: one finding with every number as evidence
    assert [f["rule"] for f in found] == ["COMMA_THOUSANDS"] and len(found[0]["evidence"]) == 7


TOWN = [{"doc_id": d, "teryt": "1234011", "year": 2020, "source_path": f"{d}.txt"} for d in ("d1", "d2", "d3")]


def test_rule_repeated_mismatch() -> None:
    a = fig("f1", 149, indicator_key="k", is_total=True)
    b = fig("f2", 149, indicator_key="k", is_total=True, doc_id="d2")
    assert [f["rule"] for f in run_checks([a, b], documents=TOWN)] == []
    found = run_checks([a, {**b, "value": 150.0}], documents=TOWN)
    assert [f["rule"] for f in found] == ["REPEATED_MISMATCH"]
    assert "d1.txt" in found[0]["message"] and "d2.txt" in found[0]["message"]  # both documents named
    assert found[0]["message"].startswith("Ta sama miara") and found[0]["message_en"].startswith("The same measure")
    other_year = {**b, "value": 150.0, "year": 2019}
    assert run_checks([a, other_year], documents=TOWN) == []


def test_the_same_measure_of_two_towns_is_not_compared() -> None:
    a = fig("f1", 31, indicator_key="k", is_total=True)
    b = fig("f2", 14, indicator_key="k", is_total=True, doc_id="d2")
    towns = [{**TOWN[0]}, {**TOWN[1], "teryt": "2472011"}]
    assert run_checks([a, b], documents=towns) == []
    assert run_checks([a, b]) == []  # no municipality known: each document on its own


def test_finding_ids_are_stable() -> None:
    rows = [fig("f1", 48), fig("f2", 20, "f1", True), fig("f3", 27, "f1", True)]
    assert run_checks(rows)[0]["finding_id"] == run_checks(list(reversed(rows)))[0]["finding_id"]


def test_rule_percent_mismatch() -> None:
    quote = "dotyczył 754 rodzin, co stanowiło ok. 25 % ogółu"
    part = fig("f1", 754, quote=quote)
    whole = fig("f0", 2968)
    pct = fig("f2", 25, unit="%", raw="25", exactness="approximate", quote=quote)
    assert codes([whole, part, pct]) == []
    wrong = {**pct, "value": 40.0, "raw": "40", "exactness": "exact"}
    found = run_checks([whole, part, wrong])
    assert [f["rule"] for f in found] == ["PERCENT_INFERRED"] and found[0]["computed"] == 25.4  # base in another sentence
    stated = {**whole, "quote": quote}  # "z 2968 rodzin dotyczył 754, co stanowiło 40 %": the base in the sentence
    found = run_checks([stated, {**part, "quote": quote}, wrong])
    assert [f["rule"] for f in found] == ["PERCENT_MISMATCH"] and found[0]["severity"] == "error"


def test_rule_percent_inferred() -> None:
    quote = "dotyczył 754 rodzin, co stanowiło 40 % ogółu"
    found = run_checks([fig("f0", 2968), fig("f1", 754, quote=quote), fig("f2", 40, unit="%", raw="40", quote=quote)])
    assert [(f["rule"], f["severity"]) for f in found] == [("PERCENT_INFERRED", "warning")]
    assert "earlier sentence" in found[0]["message_en"] and "wcześniejszego zdania" in found[0]["message"]


def test_rule_hyphen_negative() -> None:
    assert codes([fig("f1", 4, flags=["hyphen_before"])]) == ["HYPHEN_NEGATIVE"]
    assert codes([fig("f1", 4)]) == []


def test_rule_outlier_in_list() -> None:
    parts = [fig(f"f{i}", v, "f0", True) for i, v in enumerate([169, 121, 100, 73, 1751], start=1)]
    assert codes([fig("f0", 2214), *parts]) == []  # the stated total confirms the large item
    assert codes([fig("f0", 2214, exactness="approximate"), *parts]) == ["OUTLIER_IN_LIST"]
    assert "OUTLIER_IN_LIST" in codes([fig("f0", 638), *parts])  # alongside SUM_MISMATCH
    calm = [fig(f"f{i}", v, "f0", True) for i, v in enumerate([169, 121, 100, 73, 175], start=1)]
    assert codes([fig("f0", 638), *calm]) == []


def test_rule_year_jump() -> None:
    a = fig("f1", 68, indicator_key="k", year=2013, rule="table.cell")
    b = fig("f2", 680, indicator_key="k", year=2020, rule="table.cell", doc_id="d2")
    assert [f["rule"] for f in run_checks([a, b], documents=TOWN)] == ["YEAR_JUMP"]
    assert run_checks([a, {**b, "value": 149.0}], documents=TOWN) == []
    assert run_checks([a, b]) == []  # two documents of unknown towns: two series


def test_rule_implied_identity() -> None:
    start = fig("f1", 149, indicator_key="families_with_family_assistant", rule="table.cell")
    ended = fig("f2", 47, indicator_key="families_assistant_ended", rule="table.cell")
    going = fig("f3", 102, indicator_key="families_assistant_continuing", rule="table.cell", year=2021)
    assert codes([start, ended, going]) == []
    assert codes([{**start, "value": 150.0}, ended, going]) == ["IMPLIED_IDENTITY"]


def doc(text: str, year: int = 2013, figures: tuple = ()) -> dict:
    """A documents row as the extractor writes it: its text and the marks found in it."""
    from extract.marks import text_marks

    return {"doc_id": "d1", "year": year, "text": text, "marks": text_marks(text, year, list(figures))}


def test_rule_wrong_year() -> None:
    found = run_checks([], documents=[doc("Projekt w 2012 roku był realizowany przez Dział. Cel osiągnięto.")])
    assert [f["rule"] for f in found] == ["WRONG_YEAR"] and found[0]["stated"] == 2012
    history_and_plans = "Projekt realizowany od 2012 roku. W 2014 roku będzie kontynuowany. W 2013 roku, jak w 2012 roku, działał."
    assert run_checks([], documents=[doc(history_and_plans)]) == []
    earlier_event = "Skontrolowano 12 osób, które w 2012 roku otrzymały dofinansowanie."
    assert run_checks([], documents=[doc(earlier_event)]) == []


def test_rule_misplaced_separator() -> None:
    found = run_checks([], documents=[doc("Wskaźnik wzrósł o 2.5 % w stosunku do planu.\nWydano 1.234.56 zł.")])
    assert [(f["rule"], f["evidence"][0]["raw"]) for f in found] == [
        ("MISPLACED_SEPARATOR", "2.5"), ("MISPLACED_SEPARATOR", "1.234.56")]
    assert found[0]["quote"] == "Wskaźnik wzrósł o 2.5 % w stosunku do planu."
    polish = "Wskaźnik wzrósł o 2,5 % w stosunku do planu. Wydano 1.234,56 zł, zajęcia od 8.00 do 16.00."
    assert run_checks([], documents=[doc(polish)]) == []


def test_rule_toc_mismatch() -> None:
    rows = [("1", "C ₁ K ₁ P ₁", "Monitorowanie problemów społecznych", "kontynuacja s. 16"),
            ("2", "C ₁ K ₂ P ₄", "Klub Integracji Społecznej", "kontynuacja s. 17"),
            ("3", "C ₁ K ₇ P ₄", "Asystent rodziny", "kontynuacja s. 18"),
            ("4", "C ₁ K ₇ P ₅", "Świetlica socjoterapeutyczna", "kontynuacja s. 19"),
            ("5", "C ₁ K ₈ P ₂", "Zespoły interdyscyplinarne", "kontynuacja s. 20")]
    cells = [{"doc_id": "d1", "table_id": "t", "row": r, "col": c, "text": t, "char_start": 10 * r + c, "char_end": 10 * r + c + 1}
             for r, row in enumerate(rows) for c, t in enumerate(row)]
    codes_in_body = ["C1K1P1", "C1K2P4", "C1K7P4", "C1K7P5", "C1K8P2"]
    projects = [{"doc_id": "d1", "name": row[2], "code": code, "char_start": 1000 + i}
                for i, (row, code) in enumerate(zip(rows, codes_in_body, strict=True))]
    documents = [doc("x" * 2000)]
    assert run_checks([], documents=documents, projects=projects, table_cells=cells) == []
    projects[2] = {**projects[2], "code": "C1K7P3"}
    del projects[4]
    found = run_checks([], documents=documents, projects=projects, table_cells=cells)
    assert sorted(f["message_en"][:20] for f in found) == sorted(
        ['"Asystent rodziny" i', 'The table of content'])
    assert sorted(f["message"][:20] for f in found) == sorted(['„Asystent rodziny” m', 'Spis treści wymienia'])


def test_rule_toc_title_differs() -> None:
    rows = [(str(i + 1), f"C ₁ K ₁ P {i + 1}", title, f"kontynuacja s. {i + 10}") for i, title in enumerate(
        ["Konsultacja i terapia dla małżeństw", "Tworzenia warunków mieszkaniowych", "Klub Seniora",
         "Asystent rodziny", "Zespoły interdyscyplinarne"])]
    cells = [{"doc_id": "d1", "table_id": "t", "row": r, "col": c, "text": t, "char_start": 10 * r + c, "char_end": 10 * r + c + 1}
             for r, row in enumerate(rows) for c, t in enumerate(row)]
    names = ["Konsultacja i terapia dla małżeństw i par", "Tworzenie warunków mieszkaniowych", "Klub Seniora",
             "Asystent rodziny", "Zespoły interdyscyplinarne"]
    projects = [{"doc_id": "d1", "name": n, "code": f"C1K1P{i + 1}", "char_start": 1000 + 50 * i} for i, n in enumerate(names)]
    found = run_checks([], documents=[doc("x" * 2000)], projects=projects, table_cells=cells)
    assert [(f["rule"], f["quote"]) for f in found] == [("TOC_TITLE_DIFFERS", "Konsultacja i terapia dla małżeństw i par")]


def test_rule_list_count_mismatch() -> None:
    text = "W 2013 roku funkcjonowały 3 mieszkania chronione:\n - przy ul. Matejki,\n - przy ul. Wolności.\n4. Dalej."
    from extract.model import Figure

    def announced(words: str, value: int) -> Figure:
        start = words.index(f"{value} mieszkania")
        return Figure(float(value), str(value), "mieszkanie", "", 2013, words.split("\n")[0], start, start + 1, "prose.digits")

    found = run_checks([], documents=[doc(text, figures=(announced(text, 3),))])
    assert [(f["rule"], f["stated"], f["computed"]) for f in found] == [("LIST_COUNT_MISMATCH", 3, 2)]
    right = text.replace("3 mieszkania", "2 mieszkania")
    assert run_checks([], documents=[doc(right, figures=(announced(right, 2),))]) == []
    some = text.replace("chronione:", "chronione, w tym:")  # the items are some of the three
    assert run_checks([], documents=[doc(some, figures=(announced(some, 3),))]) == []


def test_rules_across_documents_see_every_batch_in_any_order() -> None:
    first = fig("f1", 149, indicator_key="k", is_total=True)
    restated = fig("f2", 150, indicator_key="k", is_total=True, doc_id="d2")  # same year, another value
    later = fig("f3", 1500, indicator_key="k", is_total=True, doc_id="d3", year=2021)  # ten times the first
    whole = run_checks([first, restated, later], documents=TOWN)
    assert [f["rule"] for f in whole] == ["REPEATED_MISMATCH", "YEAR_JUMP"]
    assert whole[1]["computed"] == 149  # the series takes a year's first statement
    for order in ([first, restated, later], [later, restated, first]):
        batches = [Context([row], documents=[d for d in TOWN if d["doc_id"] == row["doc_id"]]) for row in order]
        assert check_batches(batches) == whole


def test_text_findings_stand_in_the_innermost_section_and_the_project_that_hold_them() -> None:
    text = "Wstęp.\nProjekt w 2012 roku był realizowany przez Dział. Cel osiągnięto."
    end = len(text)
    sections = [{"doc_id": "d1", "section_id": "d1-s0", "level": 1, "char_start": 0, "char_end": end},
                {"doc_id": "d1", "section_id": "d1-s7", "level": 2, "char_start": 7, "char_end": end}]
    projects = [{"doc_id": "d1", "project_id": "d1-p7", "char_start": 7, "char_end": end}]
    found = run_checks([], documents=[doc(text)], sections=sections, projects=projects)
    assert [(f["rule"], f["section_id"], f["project_id"]) for f in found] == [("WRONG_YEAR", "d1-s7", "d1-p7")]
    found = run_checks([], documents=[doc(text)], sections=sections[:1])
    assert [(f["section_id"], f["project_id"]) for f in found] == [("d1-s0", None)]


def report(text: str = "", **extra: Any) -> dict:
    from extract.marks import text_marks

    return {"doc_id": "d1", "year": 2015, "period_start": 2015, "period_end": 2015, "text": text,
            "marks": text_marks(text, 2015, []), "page_starts": [], "source_path": "r.txt", **extra}


def test_rule_year_series_repeat() -> None:
    quote = "Liczba rodzin: 2012 – 402, 2013 – 390, 2013 – 372."
    series = [fig(f"f{i}", v, year=y, quote=quote, flags=["year_series"]) for i, (y, v) in enumerate([(2012, 402), (2013, 390), (2013, 372)], 1)]
    assert codes(series) == ["YEAR_SERIES_REPEAT"]
    fixed = [{**series[0]}, {**series[1]}, {**series[2], "year": 2014}]
    assert codes(fixed) == []


def test_rule_later_year() -> None:
    docs = [report()]
    told = fig("f1", 230, year=2016, flags=["past"])
    assert [f["rule"] for f in run_checks([told], documents=docs)] == ["LATER_YEAR"]
    assert run_checks([{**told, "flags": ["plan"]}], documents=docs) == []  # "w 2016 roku planuje się …"
    assert run_checks([{**told, "flags": []}], documents=docs) == []  # not told as past
    assert run_checks([told], documents=[report(period_end=2016)]) == []  # a report covering 2016


def test_rule_caption_year() -> None:
    text = "Tabela 2. Rodziny zastępcze w 2017 roku\nx"
    table = {"table_id": "t1", "doc_id": "d1", "caption": text.split("\n")[0], "caption_start": 0}
    found = run_checks([], documents=[report(text, year=2016, period_end=2016)], tables=[table])
    assert [f["rule"] for f in found] == ["CAPTION_YEAR"]
    for caption in ("Tabela 2. Rodziny zastępcze w 2016 roku", "Tabela 3. Plan na 2017 rok", "Tabela 4. Lata 2015 i 2017"):
        quiet = {**table, "caption": caption}
        assert run_checks([], documents=[report(caption, year=2016, period_end=2016)], tables=[quiet]) == []


def test_rule_lost_digits() -> None:
    text = "Na dożywianie wydano kwotę ,00 zł w roku."
    found = run_checks([], documents=[report(text)])
    assert [(f["rule"], f["severity"]) for f in found] == [("LOST_DIGITS", "error")]
    assert found[0]["evidence"][0]["char_start"] == text.index(",00")
    assert run_checks([], documents=[report("Na dożywianie wydano kwotę 1 200,00 zł w roku.")]) == []


def cell(row: int, col: int, value: float, header: str, start: int) -> dict:
    return {"table_id": "t1", "doc_id": "d1", "row": row, "col": col, "value": value, "text": str(value).replace(".", ","),
            "col_header": header, "is_header": False, "char_start": start}


def test_rule_percent_cell() -> None:
    cells = [cell(1, 1, 120000.0, "Plan (zł)", 10), cell(1, 2, 114000.0, "Wykonanie (zł)", 20), cell(1, 3, 96.0, "% wykonania", 30)]
    figures = [fig(f"f{c['char_start'] // 10}", c["value"], rule="table.cell", char_start=c["char_start"]) for c in cells]
    assert [f["rule"] for f in run_checks(figures, table_cells=cells)] == ["PERCENT_CELL"]
    right = [*cells[:2], {**cells[2], "value": 95.0}]
    assert run_checks([*figures[:2], {**figures[2], "value": 95.0}], table_cells=right) == []
    share = [*cells[:2], {**cells[2], "col_header": "Udział (%)"}]  # a share of a total, not this row's ratio
    assert run_checks(figures, table_cells=share) == []


def test_rule_impossible_value() -> None:
    assert codes([fig("f1", 3.786779799812e15, unit="osoba")]) == ["IMPOSSIBLE_VALUE"]
    assert codes([fig("f1", 3.786779799812e15, unit="zł")]) == []
    assert codes([fig("f1", 38_000_000, unit="osoba")]) == []


def test_rule_digit_slip() -> None:
    a = fig("f1", 2377, unit="porada", subject="porad")
    b = fig("f2", 2337, unit="porada", subject="porad")
    assert codes([a, b]) == ["DIGIT_SLIP"]
    assert codes([a, {**b, "value": 1377.0}]) == []  # the leading digit: two amounts
    assert codes([a, {**b, "value": 2477.0, "unit": "rodzina"}]) == []  # another unit
    assert codes([a, {**b, "quote": a["quote"]}]) == []  # cells of one row
    assert codes([a, {**b, "value": 3277.0}]) == []  # more than one digit or swap apart
    bare = [fig("f1", 3972, unit="zł", subject=""), fig("f2", 3772, unit="zł", subject="")]
    assert codes(bare) == []  # amounts that name nothing they count: a list's items, a month's cells
