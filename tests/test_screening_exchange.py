"""Decisions in from and out to Rayyan and Covidence CSV exports, on the real exports in ../shared/data."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from synthesis.normalise import normalise_doi
from synthesis.screening import (DecisionLog, ReviewerError, ScreeningSettings, current_decisions, make_unit_table,
                                 read_logs, read_unit_table, screening_status, write_unit_table)
from synthesis.screening.exchange import (export_covidence, export_rayyan, import_covidence, import_rayyan,
                                          parse_rayyan_notes)

REASONS = ["wrong population", "wrong design"]


@pytest.fixture(scope="module")
def exports(shared_data):
    folder = shared_data / "imports" / "csv"
    rayyan = folder / "citation-file-formatting___baseline_rayyan.csv"
    covidence = folder / "citation-file-formatting___baseline_covidence.csv"
    for f in (rayyan, covidence):
        if not f.exists():
            pytest.skip(f"{f} not found")
    return rayyan, covidence


@pytest.fixture(scope="module")
def units(exports):
    """The Covidence export's records as our units: the same search, so most Rayyan rows match."""
    cov = pd.read_csv(exports[1])
    return make_unit_table(pd.DataFrame({"group_id": [f"g{i:02d}" for i in range(len(cov))], "title": cov["Title"],
                                         "authors": cov["Authors"].fillna(""), "year": cov["Published Year"],
                                         "journal": cov["Journal"].fillna(""), "abstract": cov["Abstract"].fillna(""),
                                         "doi": cov["DOI"].fillna("")}))


def test_parse_rayyan_notes():
    votes, labels, reasons, notes = parse_rayyan_notes(
        'RAYYAN-INCLUSION: {"Ana Souza"=>"Excluded", "Bob"=>"Included"} | RAYYAN-LABELS: POMS, youth | '
        'RAYYAN-EXCLUSION-REASONS: wrong population,foreign language | USER-NOTES: {"Bob"=>["check, twice"]}')
    assert votes == {"Ana Souza": "exclude", "Bob": "include"}
    assert labels == ["POMS", "youth"] and reasons == ["wrong population", "foreign language"]
    assert notes == {"Bob": ["check, twice"]}


def test_import_real_rayyan_export(exports, units, tmp_path):
    rayyan, covidence = exports
    settings = ScreeningSettings(team=["Emily"], reasons=REASONS)
    report = import_rayyan(rayyan, units, tmp_path, settings)
    raw = pd.read_csv(rayyan, dtype=str, keep_default_na=False)
    unit_dois = {normalise_doi(d) for d in units["doi"]}
    expected = {}
    for row in raw.itertuples():
        m = re.search(r'"Emily"=>"(\w+)"', row.notes)
        if m and normalise_doi(row.doi) in unit_dois:
            expected[normalise_doi(row.doi)] = {"Included": "include", "Excluded": "exclude", "Maybe": "maybe"}[m[1]]
    matched = sum(normalise_doi(d) in unit_dois for d in raw["doi"])
    assert report.rows == len(raw) == 10 and report.matched == matched
    assert report.rows == report.matched + len(report.problems)  # rows in = matched + reported
    assert all("line" in p and "not imported" in p for p in report.problems)
    cur = current_decisions(read_logs(tmp_path, settings).entries, keys=units["group_id"])
    doi_of = dict(zip(units["group_id"], units["doi"].map(normalise_doi)))
    got = {doi_of[k]: d for k, d in zip(cur["key"], cur["decision"])}
    assert got == expected and len(got) == report.logged["Emily"] == 4
    assert set(got.values()) == {"include", "maybe", "exclude"}
    # importing the same file again changes nothing
    again = import_rayyan(rayyan, units, tmp_path, settings)
    assert again.logged == {"Emily": 0} and again.unchanged == 4


def test_rayyan_unknown_reviewer_logs_nothing(exports, units, tmp_path):
    with pytest.raises(ReviewerError, match="unknown reviewer 'Emily'"):
        import_rayyan(exports[0], units, tmp_path, ScreeningSettings(team=["Alice"]))
    assert not list(tmp_path.glob("*.jsonl"))


def test_rayyan_round_trip(units, tmp_path):
    settings = ScreeningSettings(team=["Alice", "Bob"], reasons=REASONS)
    keys = units["group_id"].tolist()
    with DecisionLog(tmp_path / "a", "Alice", settings) as a, DecisionLog(tmp_path / "a", "Bob", settings) as b:
        a.record(keys[0], "include", labels=["RCT"], note="good one")
        b.record(keys[0], "exclude", reason="wrong design")
        a.record(keys[1], "maybe")
        b.record(keys[2], "exclude")
    out = export_rayyan(units, tmp_path / "a", tmp_path / "rayyan.csv", settings)
    back = import_rayyan(out, units, tmp_path / "b", settings)
    assert back.matched == len(units) and not back.problems
    cols = ["key", "reviewer", "decision", "reason", "note"]
    before = current_decisions(read_logs(tmp_path / "a", settings).entries)[cols].sort_values(["key", "reviewer"])
    after = current_decisions(read_logs(tmp_path / "b", settings).entries)[cols].sort_values(["key", "reviewer"])
    assert before.values.tolist() == after.values.tolist()


def test_covidence_lists_round_trip_with_reasons(exports, units, tmp_path):
    settings = ScreeningSettings(team=["Alice"], reasons=REASONS)
    keys = units["group_id"].tolist()
    with DecisionLog(tmp_path / "a", "Alice", settings) as a:
        for k in keys[:6]:
            a.record(k, "include")
        for k in keys[6:]:
            a.record(k, "exclude")
        a.record(keys[0], "include", stage="full_text", labels=["study: Yang 2024"])
        a.record(keys[1], "exclude", stage="full_text", reason="wrong population")
    inc = export_covidence(units, tmp_path / "a", tmp_path / "review_1_included_csv.csv", settings, "full_text",
                           "include")
    exc = export_covidence(units, tmp_path / "a", tmp_path / "review_1_excluded_csv.csv", settings, "full_text",
                           "exclude")
    irr = export_covidence(units, tmp_path / "a", tmp_path / "review_1_irrelevant_csv.csv", settings,
                           "title_abstract", "exclude")
    assert list(pd.read_csv(inc).columns)[:16] == list(pd.read_csv(exports[1]).columns)  # Covidence's layout
    for f in (irr, inc, exc):  # the list is read from the file name
        rep = import_covidence(f, units, tmp_path / "b", "Alice", settings)
        assert rep.rows == rep.matched and not rep.problems
    st_ft = screening_status(read_logs(tmp_path / "b", settings), units, "full_text", settings).set_index("group_id")
    assert st_ft.loc[keys[0], ["state", "decision"]].tolist() == ["resolved", "include"]
    assert st_ft.loc[keys[1], ["decision", "reason"]].tolist() == ["exclude", "wrong population"]
    assert st_ft.loc[keys[0], "labels"] == ["study: Yang 2024"]
    st_ta = screening_status(read_logs(tmp_path / "b", settings), units, "title_abstract", settings)
    assert (st_ta["decision"] == "exclude").sum() == len(keys) - 6


def test_real_covidence_export_matched_by_doi_and_title(exports, tmp_path):
    """The real Covidence file against units built from the real Rayyan file (different ids, same papers)."""
    ray = pd.read_csv(exports[0], dtype=str, keep_default_na=False)
    units = make_unit_table(pd.DataFrame({"group_id": ray["key"], "title": ray["title"], "doi": ray["doi"],
                                          "year": ray["year"]}))
    settings = ScreeningSettings(team=["Alice"])
    with pytest.raises(Exception, match="say which list"):
        import_covidence(exports[1], units, tmp_path, "Alice", settings)
    rep = import_covidence(exports[1], units, tmp_path, "Alice", settings, stage="title_abstract", decision="include")
    unit_dois = {normalise_doi(d) for d in ray["doi"]}
    cov = pd.read_csv(exports[1], dtype=str, keep_default_na=False)
    assert rep.matched == sum(normalise_doi(d) in unit_dois for d in cov["DOI"]) == 8
    assert rep.rows - rep.matched == len(rep.problems) == 2
    assert rep.logged == {"Alice": 8}


# A Rayyan export in its real layout (older columns, as the BIH-CEI review's export has them), paraphrased
RAYYAN_HEADER = ("key,title,year,month,day,journal,issn,volume,issue,pages,authors,url,language,publisher,location,"
                 "abstract,notes,pubmed_id,pmc_id\n")


def _rayyan_file(tmp_path, rows):
    lines = [RAYYAN_HEADER] + [f'rayyan-{100 + i},{title},2020,,,J,,,,,A B,,eng,,,,"{notes}",,\n'
                               for i, (title, notes) in enumerate(rows)]
    path = tmp_path / "articles.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _small_units(n=4):
    return make_unit_table(pd.DataFrame({"group_id": [f"g{i}" for i in range(n)],
                                         "title": [f"Paper number {i} on interoperability" for i in range(n)],
                                         "year": [2020] * n}))


def _standing(folder, settings):
    cur = current_decisions(read_logs(folder, settings).entries)
    return {(k, r): (d, reason, tuple(lab), note) for k, r, d, reason, lab, note
            in zip(cur["key"], cur["reviewer"], cur["decision"], cur["reason"], cur["labels"], cur["note"])}


def test_rayyan_note_with_a_bar_is_kept_whole():
    votes, labels, reasons, notes = parse_rayyan_notes(
        'our own note | kept by Rayyan | RAYYAN-INCLUSION: {""Bo""=>""Excluded""} | '
        'RAYYAN-EXCLUSION-REASONS: wrong outcome | USER-NOTES: {""Bo""=>[""a reply, see | the letter""]}'
        .replace('""', '"'))
    assert votes == {"Bo": "exclude"} and reasons == ["wrong outcome"]
    assert notes == {"Bo": ["a reply, see | the letter"]}


def test_rayyan_reasons_no_exclusion_takes_are_kept_as_labels(tmp_path):
    """BIH-CEI's export: three reviewers included, yet the record has an exclusion reason (and a second reason)."""
    path = _rayyan_file(tmp_path, [
        ("Paper number 0 on interoperability",
         'RAYYAN-INCLUSION: {""Ann""=>""Included"", ""Bo""=>""Included""} | RAYYAN-LABELS: consent '
         '| RAYYAN-EXCLUSION-REASONS: Security '),
        ("Paper number 1 on interoperability",
         'RAYYAN-INCLUSION: {""Ann""=>""Excluded""} | RAYYAN-EXCLUSION-REASONS: wrong design,wrong population')])
    settings = ScreeningSettings(team=["Ann", "Bo"], reasons=REASONS)
    report = import_rayyan(path, _small_units(), tmp_path / "ev", settings)
    got = _standing(tmp_path / "ev", settings)
    assert got[("g0", "Ann")] == ("include", "", ("consent", "exclusion reason: Security"), "")
    assert got[("g1", "Ann")] == ("exclude", "wrong design", ("exclusion reason: wrong population",), "")
    assert [n.split(": ", 1)[0] for n in report.notes] == [f"{path}, line 2", f"{path}, line 3"]


def test_rayyan_rows_without_votes_are_reported(tmp_path):
    path = _rayyan_file(tmp_path, [("Paper number 0 on interoperability", "RAYYAN-LABELS: check later"),
                                   ("Paper number 1 on interoperability", "")])
    report = import_rayyan(path, _small_units(), tmp_path / "ev", ScreeningSettings(team=["Ann"]))
    assert report.rows == report.matched == 2 and report.logged == {}
    # the reverse: the project's records that no row holds are named too
    assert (report.units, report.absent) == (4, ["g2", "g3"])
    assert "2 of the project's 4 records have no row in this file (g2, g3)" in str(report)
    assert len(report.notes) == 2 and "check later" in report.notes[0] and "line 3" in report.notes[1]


def test_rayyan_one_record_in_two_rows(tmp_path):
    """Duplicates left in Rayyan: two rows of one paper. Differing votes are a problem, imported neither way,
    so that importing the file again gives the same result; agreeing votes are logged once."""
    path = _rayyan_file(tmp_path, [
        ("Paper number 0 on interoperability", 'RAYYAN-INCLUSION: {""Ann""=>""Included"", ""Bo""=>""Included""}'),
        ("Paper number 0 on interoperability.", 'RAYYAN-INCLUSION: {""Ann""=>""Excluded"", ""Bo""=>""Included""}')])
    settings = ScreeningSettings(team=["Ann", "Bo"])
    first = import_rayyan(path, _small_units(), tmp_path / "ev", settings)
    assert first.logged == {"Ann": 0, "Bo": 1} and len(first.problems) == 1 and "line 2 and line 3" in first.problems[0]
    assert first.rows == first.matched == 2
    assert first.notes == [f"{path}, line 3: the same record (g0) as line 2; Bo's vote imported once"]
    # 4 votes = 1 logged + 3 not imported (Ann's two that differ, Bo's repeated one)
    assert (first.votes, first.not_imported) == (4, 3)
    assert first.votes == sum(first.logged.values()) + first.unchanged + first.not_imported
    again = import_rayyan(path, _small_units(), tmp_path / "ev", settings)
    assert again.logged == {"Ann": 0, "Bo": 0} and again.unchanged == 1
    assert set(_standing(tmp_path / "ev", settings)) == {("g0", "Bo")}


def test_rayyan_every_unknown_reviewer_named(tmp_path):
    path = _rayyan_file(tmp_path, [("Paper number 0 on interoperability",
                                    'RAYYAN-INCLUSION: {""Carina""=>""Included"", ""moritz.lehne""=>""Included""}')])
    with pytest.raises(ReviewerError, match="'Carina', 'moritz.lehne'"):
        import_rayyan(path, _small_units(), tmp_path / "ev", ScreeningSettings(team=["Ann"]))
    assert not (tmp_path / "ev").exists() or not list((tmp_path / "ev").glob("*.jsonl"))


def test_rayyan_export_gives_back_reasons_notes_and_the_citation(tmp_path):
    """What came from Rayyan goes back as Rayyan wrote it: a reason kept as a label is the record's reason
    again, a note with quotes survives, and the citation keeps its volume, pages, ISSN and PMID."""
    path = _rayyan_file(tmp_path, [
        ("Paper number 0 on interoperability",
         'RAYYAN-INCLUSION: {""Ann""=>""Included""} | RAYYAN-LABELS: consent | RAYYAN-EXCLUSION-REASONS: Security '
         '| USER-NOTES: {""Ann""=>[""the \\""FHIR\\"" part, see p. 3""]}')])
    settings = ScreeningSettings(team=["Ann"])
    units = _small_units()
    units["volume"], units["pages"], units["isbn_issn"], units["pmid"] = "258", "11-15", "1879-8365", "30942704"
    units["keywords"] = [["FHIR", "patients' data"] for _ in range(len(units))]
    units = read_unit_table(write_unit_table(units, tmp_path / "units.csv"))  # as notebook 2 has it
    import_rayyan(path, units, tmp_path / "ev", settings)
    assert _standing(tmp_path / "ev", settings)[("g0", "Ann")][3] == 'the "FHIR" part, see p. 3'
    out = export_rayyan(units, tmp_path / "ev", tmp_path / "back.csv", settings)
    row = pd.read_csv(out, dtype=str, keep_default_na=False).iloc[0]
    assert row["notes"] == ('RAYYAN-INCLUSION: {"Ann"=>"Included"} | RAYYAN-LABELS: consent | '
                            'RAYYAN-EXCLUSION-REASONS: Security | '
                            'USER-NOTES: {"Ann"=>["the \\"FHIR\\" part, see p. 3"]}')
    assert row[["volume", "pages", "issn", "pubmed_id"]].tolist() == ["258", "11-15", "1879-8365", "30942704"]
    assert row["keywords"] == "FHIR; patients' data"
    again = import_rayyan(out, units, tmp_path / "ev", settings)  # back again: nothing new
    assert again.logged == {"Ann": 0} and again.unchanged == 1


def test_build_says_a_rayyan_search_export_holds_votes(tmp_path):
    """A team that has only Rayyan's file brings it as its search export: the build says its votes wait."""
    from synthesis.io import read_export
    from synthesis.screening.exchange import rayyan_votes_waiting

    path = _rayyan_file(tmp_path, [
        ("Paper number 0 on interoperability", 'RAYYAN-INCLUSION: {""Ann""=>""Included"", ""moritz.l""=>""Excluded""}'),
        ("Paper number 1 on interoperability", "RAYYAN-LABELS: later"),
        ("Paper number 2 on interoperability", "")])
    records = read_export(path).records
    assert len(records) == 3
    settings = ScreeningSettings(team=["Ann"])
    notes = rayyan_votes_waiting(records, [], settings)
    assert len(notes) == 1 and "Ann, moritz.l on 1 record," in notes[0]
    assert f"import-rayyan {path}" in notes[0] and "join moritz.l" in notes[0]
    units = _small_units()
    settings = ScreeningSettings(team=["Ann", "moritz.l"])  # joined, as the note says
    import_rayyan(path, units, tmp_path / "ev", settings)
    entries = read_logs(tmp_path / "ev", settings).entries
    assert rayyan_votes_waiting(records, entries, settings) == []


def test_covidence_screen_list_is_not_imported(tmp_path):
    """Covidence's four lists are screen, select, included and excluded (and irrelevant): the screen list holds
    undecided references, so it has no outcome to log."""
    path = tmp_path / "review_500_screen_csv_20250903.csv"
    path.write_text("Title,Authors,Covidence #,Notes,Tags\nPaper number 0 on interoperability,A B,#12,,\n",
                    encoding="utf-8")
    with pytest.raises(Exception, match="screen list holds the references nobody has decided"):
        import_covidence(path, _small_units(), tmp_path / "ev", "Ann", ScreeningSettings(team=["Ann"]))


def test_rayyan_ris_export_votes_from_n1(tmp_path):
    """Rayyan's RIS export keeps the same notes in N1 (the record's own N1 first, when it had one)."""
    path = tmp_path / "articles.ris"
    path.write_text(
        "TY  - JOUR\nTI  - Paper number 0 on interoperability\nPY  - 2020\nAU  - B, A\n"
        'N1  - RAYYAN-INCLUSION: {"Ann"=>"Included", "Bo"=>"Excluded"} | RAYYAN-EXCLUSION-REASONS: wrong design\n'
        "ER  - \n\nTY  - JOUR\nTI  - Paper number 1 on interoperability\nPY  - 2020\nN1  - our own note\n"
        'N1  - RAYYAN-INCLUSION: {"Ann"=>"Maybe"}\nER  - \n\n'
        "TY  - JOUR\nTI  - A paper this review does not hold\nPY  - 2020\n"
        'N1  - RAYYAN-INCLUSION: {"Ann"=>"Maybe"}\nER  - \n', encoding="utf-8")
    settings = ScreeningSettings(team=["Ann", "Bo"], reasons=REASONS)
    report = import_rayyan(path, _small_units(), tmp_path / "ev", settings)
    assert report.rows == 3 and report.matched == 2 and report.problems[0].startswith(f"{path}, record 3:")
    got = _standing(tmp_path / "ev", settings)
    assert {k: v[:2] for k, v in got.items()} == {
        ("g0", "Ann"): ("include", ""), ("g0", "Bo"): ("exclude", "wrong design"), ("g1", "Ann"): ("maybe", "")}
    from synthesis.io import read_export
    from synthesis.screening.exchange import rayyan_votes_waiting

    entries = read_logs(tmp_path / "ev", settings).entries
    records = read_export(path).records
    assert rayyan_votes_waiting(records, [], settings)[0].startswith(f"{path} is a Rayyan export with the votes of")
    assert rayyan_votes_waiting(records, entries, settings) == []


def test_rayyan_note_with_a_bracket_is_kept_whole():
    notes = parse_rayyan_notes('USER-NOTES: {"Ann"=>["see refs [12] and [13]", "then ask"], "Bo"=>["fine"]}')[3]
    assert notes == {"Ann": ["see refs [12] and [13]", "then ask"], "Bo": ["fine"]}
