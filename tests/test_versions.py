"""The map's changelog across search rounds (synthesis.versions.changelog)."""
from __future__ import annotations

import json

from synthesis.versions import changelog


def _version(versions, name: str, label: str, counts: dict) -> None:
    folder = versions / name
    folder.mkdir(parents=True)
    (folder / "VERSION.txt").write_text(f"{name}\n{label}\n", encoding="utf-8")
    (folder / "prisma_counts.json").write_text(json.dumps(counts), encoding="utf-8")


def test_a_new_rounds_counts_are_its_own_not_a_change_from_the_last_rounds(tmp_path):
    """A reviewer of a living review added a second round (12 records) after a first of 54, screened to 8 studies.
    The changelog read "PRISMA records_screened: 33 -> 0", "new_studies: 8 -> 0", as if the first round's
    decisions had gone: the diagram of a new round counts that round alone. A version of a new round now says so
    and gives the round's own counts, with the boxes still waiting."""
    versions = tmp_path / "versions"
    _version(versions, "v001", "search round 2026-01; 54 records",
             {"database_results": 54, "duplicates": 21, "records_screened": 33, "new_studies": 8,
              "database_specific_results": [["Scopus", 28], ["Compendex (Engineering Village)", 26]]})
    _version(versions, "v002", "search round 2026-01; 54 records",
             {"database_results": 54, "duplicates": 21, "records_screened": 33, "new_studies": 9,
              "database_specific_results": [["Scopus", 28], ["Compendex (Engineering Village)", 26]]})
    _version(versions, "v003", "search round 2026-06; 66 records",
             {"database_results": 12, "duplicates": 5, "records_screened": 0, "new_studies": 0,
              "previous_studies": 9, "database_specific_results": [["IEEE Xplore", 11], ["PubMed", 1]],
              "pending": {"records_screened": 7}})
    text = changelog(versions)
    v3 = text.split("## v003")[1].split("## v002")[0]
    assert "new search round 2026-06 (after 2026-01)" in v3
    assert "->" not in v3  # nothing moved: a new round starts its own diagram
    assert "- PRISMA records identified from: Databases (`database_results`): 12" in v3
    assert "- PRISMA records identified from: specific databases (`database_specific_results`): IEEE Xplore (11); PubMed (1)" in v3
    assert "- PRISMA records screened (databases and registers) (`records_screened`): 0 (7 await a decision)" in v3
    assert "- PRISMA studies included in previous version of review (`previous_studies`): 9" in v3
    v2 = text.split("## v002")[1].split("## v001")[0]
    assert "- PRISMA new studies included in review (`new_studies`): 8 -> 9" in v2  # within a round, what moved


def test_studies_added_are_cited_as_the_tables_cite_them(tmp_path):
    """The changelog listed the studies a version added by their duplicate-group ids ("studies added (3):
    g23982f51b13c3c99, ..."), which no reader of the update can look up; Table 2 and the maps cite them
    "Jafta et al. 2023". The changelog now gives that name, with the id after it."""
    versions = tmp_path / "versions"
    _version(versions, "v001", "search round 2026-01; 54 records", {})
    _version(versions, "v002", "search round 2026-01; 54 records", {})
    (versions / "v002" / "study_codes.csv").write_text(
        "study_id,family,dimension,code\ng23982f51b13c3c99,Virtual,approach,virtual\n12,Virtual,approach,virtual\n",
        encoding="utf-8")
    text = changelog(versions, labels={"g23982f51b13c3c99": "Jafta et al. 2023", "12": "12"})
    assert "- studies added (2): 12, Jafta et al. 2023 (g23982f51b13c3c99)" in text


def test_a_value_renamed_or_relabelled_in_the_scheme_changes_no_studys_codes(tmp_path):
    """c2 renamed a harm domain's ID with 'was:' (and its label) and relabelled another, seven studies into
    coding: the changelog listed "codes changed for study ...: + Psychological ... > harms > psychological;
    - Emotional ... > harms > emotional" for every study coded under them, as if coders had changed their
    answers; the scheme lines below already said what moved. A code a coder really changed is still listed."""
    versions = tmp_path / "versions"
    scheme = "dimension,code,level,label,retired,was\n"
    _version(versions, "v001", "search round 2022-12; 555 records", {})
    (versions / "v001" / "coding_scheme.csv").write_text(
        scheme + "harms,emotional,domain,Emotional distress,,\nharms,emotional.shame,harm,Shame,,\n"
        "harms,crime,domain,Crime,,\n", encoding="utf-8")
    (versions / "v001" / "study_codes.csv").write_text(
        "study_id,domain,harm,dimension,code\ng1,Emotional distress,,harms,emotional\n"
        "g2,Emotional distress,Shame,harms,emotional.shame\ng2,Crime,,harms,crime\n", encoding="utf-8")
    _version(versions, "v002", "search round 2022-12; 555 records", {})
    (versions / "v002" / "coding_scheme.csv").write_text(
        scheme + "harms,psychological,domain,Psychological distress,,emotional\n"
        "harms,psychological.shame,harm,Shame,,\nharms,crime,domain,Criminal activity,,\n", encoding="utf-8")
    (versions / "v002" / "study_codes.csv").write_text(
        "study_id,domain,harm,dimension,code\ng1,Psychological distress,,harms,psychological\n"
        "g1,Criminal activity,,harms,crime\ng2,Psychological distress,Shame,harms,psychological.shame\n"
        "g2,Criminal activity,,harms,crime\n", encoding="utf-8")
    v2 = changelog(versions).split("## v002")[1].split("## v001")[0]
    assert "- scheme: domain 'emotional' renamed to 'psychological'" in v2
    assert "- scheme: domain 'crime' relabelled 'Crime' -> 'Criminal activity'" in v2
    assert [x for x in v2.splitlines() if "codes changed" in x] == [
        "- codes changed for study g1: + Criminal activity (harms: crime)"]


def test_a_version_with_nothing_listed_says_what_else_changed(tmp_path):
    """c2's map got versions v004 and v008 with nothing under them but '13 coded studies': the interactive map's
    page had changed (a study's country, or synthesis itself), which the changelog did not compare, so a reader
    saw a version and no reason for it."""
    versions = tmp_path / "versions"
    for name in ("v001", "v002"):
        _version(versions, name, "search round 2022-12; 555 records", {"records_screened": 44})
        (versions / name / "study_codes.csv").write_text("study_id,dimension,code\ng1,harms,crime\n", encoding="utf-8")
    (versions / "v002" / "evidence_map.html").write_text("<html>country: Australia</html>", encoding="utf-8")
    v2 = changelog(versions).split("## v002")[1].split("## v001")[0]
    assert "- no study, code, scheme value or PRISMA count moved: the interactive map changed" in v2
    _version(versions, "v003", "search round 2022-12; 555 records", {"records_screened": 45})
    (versions / "v003" / "study_codes.csv").write_text("study_id,dimension,code\ng1,harms,crime\n", encoding="utf-8")
    v3 = changelog(versions).split("## v003")[1].split("## v002")[0]
    assert "- PRISMA records screened (databases and registers) (`records_screened`): 44 -> 45" in v3 and "no study, code" not in v3


def test_a_value_moved_under_another_parent_is_moved_not_removed(tmp_path):
    """With 'was: psychological.shame' on a harm moved to the cultural domain, the changelog said 'harm
    cultural.shame added' and 'harm psychological.shame removed' (and a code changed for each study), though
    every code followed it."""
    versions = tmp_path / "versions"
    scheme = "dimension,code,level,label,retired,was\n"
    codes = "study_id,domain,harm,dimension,code\ng1,X,Shame,harms,{}\n"
    _version(versions, "v001", "search round 2022-12; 555 records", {})
    (versions / "v001" / "coding_scheme.csv").write_text(
        scheme + "harms,psychological,domain,Distress,,\nharms,psychological.shame,harm,Shame,,\n"
        "harms,cultural,domain,Cultural,,\n", encoding="utf-8")
    (versions / "v001" / "study_codes.csv").write_text(codes.format("psychological.shame"), encoding="utf-8")
    _version(versions, "v002", "search round 2022-12; 555 records", {})
    (versions / "v002" / "coding_scheme.csv").write_text(
        scheme + "harms,psychological,domain,Distress,,\nharms,cultural,domain,Cultural,,\n"
        "harms,cultural.shame,harm,Shame,,psychological.shame\n", encoding="utf-8")
    (versions / "v002" / "study_codes.csv").write_text(codes.format("cultural.shame"), encoding="utf-8")
    v2 = changelog(versions).split("## v002")[1].split("## v001")[0]
    assert "- scheme: harm 'psychological.shame' moved to 'cultural.shame'; its codes follow" in v2
    assert "removed" not in v2 and "added" not in v2 and "codes changed" not in v2


def test_a_change_in_the_checks_lines_alone_is_no_new_version(tmp_path):
    """prisma_counts.json carries the lines the checks say besides the sums (pairs awaiting a verdict, conflicts,
    stopping tests), so that notebook 4 prints what prisma_checks.txt says. A conflict resolved the same way both
    reviewers' numbers already counted changes those lines only: the map is the same, and no version is kept."""
    from synthesis.versions import take_snapshot, version_folders

    out = tmp_path / "output"
    out.mkdir()
    counts = {"format": "synthesis-prisma-counts/1", "database_results": 10, "records_screened": 8,
              "screening_notes": ["screening conflicts at title/abstract: 1 open, 0 resolved"]}
    (out / "prisma_counts.json").write_text(json.dumps(counts), encoding="utf-8")
    assert take_snapshot(out, None, "search round 2027-01") is not None
    counts["screening_notes"] = ["screening conflicts at title/abstract: 0 open, 1 resolved"]
    counts["progress"] = ["Deduplication not finished: 1 pair of records may be duplicates."]
    counts["pending"] = {"duplicates": 1}  # (w22: the diagram drawn as a draft while the pair waits)
    (out / "prisma_counts.json").write_text(json.dumps(counts), encoding="utf-8")
    assert take_snapshot(out, None, "search round 2027-01") is None
    del counts["progress"], counts["pending"]  # the pair decided "not a duplicate": no number moved
    (out / "prisma_counts.json").write_text(json.dumps(counts), encoding="utf-8")
    assert take_snapshot(out, None, "search round 2027-01") is None
    counts["records_screened"] = 9
    (out / "prisma_counts.json").write_text(json.dumps(counts), encoding="utf-8")
    assert take_snapshot(out, None, "search round 2027-01") is not None
    assert len(version_folders(out / "versions")) == 2


def test_a_changed_code_is_shown_as_its_labels_then_its_dimension_and_id(tmp_path):
    """w7 added a harm to a study's codes in its living map's second round; the changelog said
    "+ Legal harms > Crime committed to fund gambling > harms > legal.crime": the dimension and the ID joined the
    labels' path as if they were values under the harm. Now the labels are the path and the code follows it."""
    versions = tmp_path / "versions"
    head = "study_id,domain,harm,population,dimension,code\n"
    _version(versions, "v001", "search round 2023-06; 390 records", {})
    (versions / "v001" / "study_codes.csv").write_text(
        head + "g1,Money,Debt,,harms,money.debt\n", encoding="utf-8")
    _version(versions, "v002", "search round 2023-06; 390 records", {})
    (versions / "v002" / "study_codes.csv").write_text(
        head + "g1,Money,Debt,,harms,money.debt\ng1,Legal,Crime,,harms,legal.crime\ng1,,,Indigenous,population,ind\n",
        encoding="utf-8")
    v2 = changelog(versions).split("## v002")[1].split("## v001")[0]
    line = next(x for x in v2.splitlines() if "codes changed" in x)
    assert line == ("- codes changed for study g1: + Indigenous (population: ind); "
                    "+ Legal \\> Crime (harms: legal.crime)"), line


def test_a_later_rounds_version_says_how_many_records_are_its_own(tmp_path):
    """w7's second round brought 90 records after a first of 300; its versions were headed "search round 2023-06;
    390 records", as if the round had brought 390. A version of a later round now says how many records are
    in all rounds and how many in this one, and the changelog still reads the round's name from it."""
    import pandas as pd

    from synthesis.versions import version_label

    records = pd.DataFrame({"search_round": ["2022-12"] * 300 + ["2023-06"] * 90})
    assert version_label("2022-12", records.iloc[:300]) == "search round 2022-12; 300 records"
    label = version_label("2023-06", records)
    assert label == "search round 2023-06; 390 records in all rounds, 90 in this one"
    versions = tmp_path / "versions"
    _version(versions, "v001", version_label("2022-12", records.iloc[:300]), {"database_results": 300})
    _version(versions, "v002", label, {"database_results": 90, "previous_studies": 7})
    text = changelog(versions)
    assert "## v002: search round 2023-06; 390 records in all rounds, 90 in this one" in text
    assert "- new search round 2023-06 (after 2022-12)" in text


def test_the_builds_note_on_a_new_version_says_what_moved(tmp_path):
    """The build said "the map changed: kept as versions/v002" for every new version, also when screening alone
    had gone on and only the PRISMA counts moved (w7's walk). The note now says in a few words what moved."""
    from synthesis.build.steps import keep_version

    builds = []

    def build(counts, codes):  # each build writes a new output folder, taking the last one's versions over
        out = tmp_path / f"output{len(builds)}"
        (out / "maps").mkdir(parents=True)
        (out / "prisma_counts.json").write_text(json.dumps(counts), encoding="utf-8")
        (out / "maps" / "study_codes.csv").write_text("study_id,dimension,code\n" + "".join(
            f"{s},harms,{c}\n" for s, c in codes), encoding="utf-8")
        notes = keep_version(out, builds[-1] / "versions" if builds else None, "A map",
                             "search round 2027-01; 10 records")
        builds.append(out)
        return [n for n in notes if "version" in n]

    assert build({"records_screened": 8}, [("s1", "crime")]) == [
        "a new version of the map, versions/v001: the first version (CHANGELOG.md)"]
    assert build({"records_screened": 9}, [("s1", "crime")]) == [
        "a new version of the map, versions/v002: only PRISMA counts moved, no study or code (CHANGELOG.md)"]
    assert build({"records_screened": 9}, [("s1", "crime"), ("s1", "debt"), ("s2", "crime")]) == [
        "a new version of the map, versions/v003: 1 study added; codes changed for 1 study (CHANGELOG.md)"]
    assert build({"records_screened": 9}, [("s1", "crime"), ("s1", "debt"), ("s2", "crime")]) == []


def test_one_waiting_is_said_in_the_singular(tmp_path):
    """Walking notebook 5 on the example (w50): a new round's version read "duplicate records (`duplicates`): 2 (1
    await a decision)" while one maybe pair waited."""
    versions = tmp_path / "versions"
    _version(versions, "v001", "search round 2026-01; 54 records", {"database_results": 54, "duplicates": 21})
    _version(versions, "v002", "search round 2026-06; 60 records",
             {"database_results": 6, "duplicates": 2, "records_screened": 0,
              "pending": {"duplicates": 1, "records_screened": 4}})
    v2 = changelog(versions).split("## v002")[1].split("## v001")[0]
    assert "- PRISMA duplicate records (`duplicates`): 2 (1 awaits a decision)" in v2
    assert "(`records_screened`): 0 (4 await a decision)" in v2
