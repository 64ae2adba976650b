"""The search log (evidence/searches.toml), its reconciliation with the exports, and the PRISMA-S report."""
from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from synthesis.io import read_files
from synthesis.prisma import PRISMA_S_ITEMS, SearchLogError, add_search, read_search_log, reconcile
from synthesis.prisma.prisma_s import prisma_s_items, prisma_s_markdown

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_LOG = ROOT / "evidence" / "searches.toml"
ROUND = ROOT / "data" / "searches" / "2026-11"


@pytest.fixture(scope="module")
def example():
    """The shipped example's exports, imported with paths relative to the project, and deduplicated."""
    from synthesis.dedup import deduplicate

    imported = read_files(sorted(ROUND.iterdir()))
    records = imported.records.copy()
    records["source_file"] = [Path(f).resolve().relative_to(ROOT).as_posix() for f in records["source_file"]]
    records["search_round"] = "2026-11"
    for report in imported.reports:
        report.path = Path(report.path).resolve().relative_to(ROOT).as_posix()
    return records, deduplicate(records), imported.reports


def test_the_example_log_reconciles_with_its_exports(example):
    records, dedup, reports = example
    log = read_search_log(EXAMPLE_LOG)
    assert [s.database for s in log.searches] == ["PubMed", "Scopus", "Web of Science Core Collection",
                                                   "Google Scholar"]
    rec = reconcile(log, records, dedup.groups, reports)
    table = rec.table.set_index("id")
    per_file = records["source_file"].value_counts()
    for s in log.searches:
        assert table.loc[s.id, "imported"] == per_file[s.files[0]] == table.loc[s.id, "found"]
    # Scopus exported one record twice: 48 in the file, 47 distinct, as its reported count says
    assert (table.loc["scopus-2026-11", "imported"], table.loc["scopus-2026-11", "distinct"]) == (48, 47)
    assert table.loc["scopus-2026-11", "duplicates_within"] == 1
    # groups found by one search only, counted against the groups themselves
    groups = dedup.groups.assign(file=records["source_file"].to_numpy())
    files_per_group = groups.groupby("group_id")["file"].nunique()
    only_pubmed = groups[groups["file"].str.endswith("pubmed.nbib")]["group_id"].unique()
    assert table.loc["pubmed-2026-11", "only_here"] == int((files_per_group[only_pubmed] == 1).sum())
    # a warning for each search whose reported count differs from its export, and only for those
    assert len(rec.warnings) == 2
    assert any("'scopus-2026-11'" in w and "reported 47 records but its export(s) hold 48" in w for w in rec.warnings)
    assert any("'scholar-2026-11'" in w and "1,240" in w for w in rec.warnings)
    databases, registers = rec.identified("2026-11")
    assert sum(databases.values()) == len(records) and registers == {}
    assert set(databases) == {"PubMed", "Scopus", "Web of Science", "Google Scholar"}  # the labels


def test_a_small_mismatch_without_notes_is_called_the_usual_drift(example, tmp_path):
    records, dedup, reports = example
    path = tmp_path / "searches.toml"
    add_search(path, id="wos", database="Web of Science", date="2026-11-04", search_string="TS=(x)",
               records_reported=31, files=["data/searches/2026-11/web_of_science.txt"])
    rec = reconcile(read_search_log(path), records, dedup.groups, reports)
    mismatch = [w for w in rec.warnings if "'wos'" in w]
    held = int(records["source_file"].str.endswith("web_of_science.txt").sum())
    assert len(mismatch) == 1 and f"reported 31 records but its export(s) hold {held}" in mismatch[0]
    assert "a gap of 1 record (3 %), within the usual drift: databases' counts drift" in mismatch[0]
    # the three exports no search names are each reported
    unlogged = [w for w in rec.warnings if "no search in the log names" in w]
    assert len(unlogged) == 3 and any(w.startswith("data/searches/2026-11/scopus.ris: 48 records") for w in unlogged)


def test_add_search_appends_and_leaves_the_file_as_it_was(tmp_path):
    path = tmp_path / "searches.toml"
    path.write_text("# our searches\n[prisma_s]\npeer_review = \"PRESS by J. Doe\"\n", encoding="utf-8")
    add_search(path, id="embase", database="Embase", platform="Ovid", date=datetime.date(2026, 1, 2),
               search_string='1 exp diabetes/\n2 "co-design".ti,ab.\n3 1 and 2', limits="none", filters="none",
               records_reported=1234, files=["data/searches/2026-01/embase.ris"])
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# our searches\n[prisma_s]\npeer_review = \"PRESS by J. Doe\"\n")
    log = read_search_log(path)
    (s,) = log.searches
    assert (s.source, s.round, s.date, s.records_reported) == ("Embase via Ovid", "2026-01", datetime.date(2026, 1, 2), 1234)
    assert s.search_string == '1 exp diabetes/\n2 "co-design".ti,ab.\n3 1 and 2'
    assert log.prisma_s == {"peer_review": "PRESS by J. Doe"}
    with pytest.raises(SearchLogError, match="already in the log"):
        add_search(path, id="embase", database="Embase", date="2026-01-03", search_string="x")
    with pytest.raises(SearchLogError, match="already belongs to search 'embase'"):
        add_search(path, id="embase2", database="Embase", date="2026-01-03", search_string="x",
                   files=["data/searches/2026-01/embase.ris"])
    with pytest.raises(SearchLogError, match="search_string is missing"):
        add_search(path, id="x", database="CINAHL", date="2026-01-03")
    assert path.read_text(encoding="utf-8") == text  # a refused entry writes nothing
    assert log.table()["records_reported"].tolist() == [1234]


@pytest.mark.parametrize("entry, message", [
    ('id = "a"\ndatabase = "Scopus"\ndate = 2026-11-04\nsearch_strng = "x"',
     r"line 3 \(search 1, 'a'\): unknown field 'search_strng' \(did you mean 'search_string'\?\)"),
    ('id = "a"\ndatabase = "Scopus"\ndate = "4 Nov 2026"\nsearch_string = "x"',
     r"line 3 \(search 1, 'a'\): date: expected a day as YYYY-MM-DD \(got '4 Nov 2026'\)"),
    ('id = "a"\ndatabase = "Scopus"\ndate = 2026-11-04\nsearch_string = "x"\nrecords_reported = -3',
     r"records_reported: expected a whole number, 0 or more \(got -3\)"),
    ('id = "a"\ndatabase = "Scopus"\ndate = 2026-11-04\nsearch_string = "x"\nkind = "journal"',
     r"kind: 'journal' is not one of database, register, website, organisation"),
    ('id = "a"\ndatabase = "Scopus"\ndate = 2026-11-04\nsearch_string = "x\n',
     r"not valid TOML"),
    # a day the calendar has not: the TOML parser's words named no date
    ('id = "a"\ndatabase = "Scopus"\ndate = 2026-13-04\nsearch_string = "x"',
     r"searches.toml, line 6: 2026-13-04 is not a day of the calendar; write the day as YYYY-MM-DD"),
    # a typing error in the kind is answered with the kind meant
    ('id = "a"\ndatabase = "Scopus"\ndate = 2026-11-04\nsearch_string = "x"\nkind = "databse"',
     r"kind: 'databse' is not one of database, .*citation \(did you mean 'database'\?\)"),
])
def test_a_bad_entry_is_named_with_its_line_and_field(tmp_path, entry, message):
    path = tmp_path / "searches.toml"
    path.write_text("# log\n\n[[search]]\n" + entry + "\n", encoding="utf-8")
    with pytest.raises(SearchLogError, match=message):
        read_search_log(path)


def test_thousands_in_the_reported_count_and_two_searches_claiming_one_file(tmp_path):
    path = tmp_path / "searches.toml"
    path.write_text('[[search]]\nid = "a"\ndatabase = "Scopus"\ndate = 2026-11-04\nsearch_string = "x"\n'
                    'records_reported = "1,234"\nfiles = ["data/a.ris"]\n'
                    '[[search]]\nid = "b"\ndatabase = "Embase"\ndate = 2026-11-04\nsearch_string = "y"\n'
                    'files = ["data/a.ris"]\n', encoding="utf-8")
    with pytest.raises(SearchLogError, match=r"line 8 \(search 2, 'b'\): file data/a.ris is also listed by search 'a'"):
        read_search_log(path)
    path.write_text(path.read_text().replace('files = ["data/a.ris"]\n', "", 1), encoding="utf-8")
    assert read_search_log(path).searches[0].records_reported == 1234


def test_prisma_s_lists_all_16_items_and_what_is_left(example):
    records, dedup, reports = example
    log = read_search_log(EXAMPLE_LOG)
    rec = reconcile(log, records, dedup.groups, reports)
    items = prisma_s_items(log, rec, dedup_summary=dedup.summary, rounds=["2026-11"])
    assert [i.number for i in items] == list(range(1, 17))
    assert [i.name for i in items] == [name for _, _, name, _ in PRISMA_S_ITEMS]
    filled = {i.number for i in items if i.answer}
    assert {1, 8, 9, 10, 13, 15, 16} <= filled  # from the log, the exports and the deduplication
    assert {2, 3, 11, 12, 14} <= filled  # the example's [prisma_s] answers
    assert {4, 6, 7} & filled == set()
    text = prisma_s_markdown(items, "Example")
    for s in log.searches:
        assert s.search_string in text  # every full strategy, exactly as run
        assert s.date.isoformat() in text
    assert "left for the authors" in text and "items 4, 5, 6, 7" in text
    assert f"{dedup.summary['duplicates_removed']:,} duplicates removed automatically" in text
    # with no log, only what the pipeline knows is filled
    bare = prisma_s_items(None, dedup_summary=dedup.summary)
    assert [i.number for i in bare if i.answer] == [16]


def test_with_no_search_log_the_exports_name_databases_and_registers():
    """PRISMA-S items 1 (databases) and 3 (registries) were left to the authors until a search log existed,
    though the exports name them; an export that names no database is not listed as one."""
    from synthesis.prisma import PrismaCounts

    counts = PrismaCounts(database_specific_results=[["Scopus", 10], ["Unknown database", 6]],
                          register_specific_results=[["ClinicalTrials.gov", 2]])
    items = {i.number: i for i in prisma_s_items(None, counts=counts)}
    assert (items[1].answer, items[1].source) == ("- Scopus", "exports")
    assert (items[3].answer, items[3].source) == ("- ClinicalTrials.gov", "exports")


@pytest.mark.slow
def test_the_build_names_databases_from_the_log_and_writes_prisma_s(tmp_path):
    from docx import Document

    from synthesis.build import build

    for name in ("data", "evidence"):
        shutil.copytree(ROOT / name, tmp_path / name)
    result = build(tmp_path, progress=False)
    out = tmp_path / "output"
    counts = json.loads((out / "prisma_counts.json").read_text())
    records = pd.read_csv(out / "records.csv", dtype=str)
    per_file = records["source_file"].str.rsplit("/", n=1).str[-1].value_counts()
    assert dict(counts["database_specific_results"]) == {
        "Google Scholar": per_file["google_scholar.bib"], "PubMed": per_file["pubmed.nbib"],
        "Scopus": per_file["scopus.ris"], "Web of Science": per_file["web_of_science.txt"]}
    table = pd.read_csv(out / "searches.csv")
    assert table["imported"].sum() == counts["database_results"]
    assert sum("search log:" in n and "reported 47 records" in n for n in result.notes) == 1
    md = (out / "prisma_s.md").read_text(encoding="utf-8")
    assert "### 8. Full search strategies" in md and "TITLE-ABS-KEY" in md
    doc = Document(str(out / "prisma_s.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Full search strategies" in text and "Left for the authors." in text and "TITLE-ABS-KEY" in text
    # the log's own database names; an export it does not name keeps its database's name
    log = tmp_path / "evidence" / "searches.toml"
    log.write_text(log.read_text(encoding="utf-8").replace('label = "Web of Science"\n', 'label = "WoS Core"\n'),
                   encoding="utf-8")
    build(tmp_path, progress=False)
    counts = json.loads((out / "prisma_counts.json").read_text())
    assert dict(counts["database_specific_results"])["WoS Core"] == per_file["web_of_science.txt"]
    assert build(tmp_path, progress=False).changed is False  # and the new outputs are deterministic


def test_a_register_search_is_counted_as_a_register(example, tmp_path):
    records, dedup, reports = example
    path = tmp_path / "searches.toml"
    path.write_text(EXAMPLE_LOG.read_text(encoding="utf-8").replace(
        'id = "scholar-2026-11"', 'id = "scholar-2026-11"\nkind = "register"'), encoding="utf-8")
    databases, registers = reconcile(read_search_log(path), records, dedup.groups, reports).identified("2026-11")
    n = int(records["source_file"].str.endswith("google_scholar.bib").sum())
    assert registers == {"Google Scholar": n} and "Google Scholar" not in databases


def test_an_export_that_names_no_database_is_named_in_a_note(tmp_path, shared_data):
    """The seven-PDF review's ``records.ris`` names no database (neither its content nor its name): the diagram
    said "Unknown database (n = 6)" and nothing told the reviewer why or where to name it. A note now names the
    file and the search log; once the log names the search, the note goes and the box has the name."""
    from synthesis.build import build

    folder = tmp_path / "data" / "searches" / "2026-01"
    folder.mkdir(parents=True)
    shutil.copy(shared_data / "fulltext" / "records.ris", folder)
    notes = build(tmp_path, progress=False).notes
    assert any(n.startswith("PRISMA: data/searches/2026-01/records.ris names no database") for n in notes), notes
    add_search(tmp_path / "evidence" / "searches.toml", id="pubmed", database="PubMed", date="2026-01-10",
               search_string="co-design AND telehealth", files=["data/searches/2026-01/records.ris"])
    notes = build(tmp_path, progress=False).notes
    assert not any("names no database" in n for n in notes), notes
    counts = json.loads((tmp_path / "output" / "prisma_counts.json").read_text(encoding="utf-8"))
    assert counts["database_specific_results"] == [["PubMed", 6]]


def test_prisma_s_deduplication_says_what_people_did_only_when_they_did():
    """A reviewer whose review had one close pair left undecided and no verdict read, for her manuscript,
    "Other close pairs were shown to a person, whose verdicts are kept in evidence/duplicate_verdicts.tsv"
    (a file she does not have) and "1 pairs left undecided". Item 16 now gives her own numbers, in words that
    hold for them."""
    none_decided = {"records": 65, "groups": 58, "duplicates_removed": 7, "duplicates_by_verdict": 0,
                    "maybe_pairs": 1}
    text = next(i for i in prisma_s_items(None, dedup_summary=none_decided) if i.number == 16).answer
    assert "65 records formed 58 groups: 7 duplicates removed automatically." in text
    assert "1 close pair was left for a person and is not decided yet" in text
    assert "verdict" not in text and "1 pairs" not in text
    decided = dict(none_decided, duplicates_by_verdict=1, maybe_pairs=0, groups=57)
    text = next(i for i in prisma_s_items(None, dedup_summary=decided) if i.number == 16).answer
    assert "7 duplicates removed automatically and 1 duplicate by a person's verdict" in text
    assert "evidence/duplicate_verdicts.tsv" in text and "not decided yet" not in text
    # (w22) pairs a person judged not to be duplicates are said too: they were in no word of the item
    apart = dict(none_decided, maybe_pairs=0, kept_apart_by_verdict=2)
    text = next(i for i in prisma_s_items(None, dedup_summary=apart) if i.number == 16).answer
    assert "2 close pairs were judged by a person not to be duplicates and kept apart." in text


def test_names_from_the_exports_show_as_written_in_the_markdown_and_word_reports(tmp_path):
    """The report inserted the databases' names into its Markdown as they were: "ERIC (ProQuest) & <ASSIA>"
    lost "<ASSIA>" wherever the Markdown was shown as HTML (a tag), and "*Complete*" turned italic."""
    mistune = pytest.importorskip("mistune")
    from docx import Document

    from synthesis.prisma import PrismaCounts
    from synthesis.prisma.prisma_s import write_prisma_s

    names = ["ERIC (ProQuest) & <ASSIA>", "EBSCO | CINAHL *Complete*", "Scopus"]
    counts = PrismaCounts(database_results=600, database_specific_results=list(zip(names, (100, 250, 250))))
    items = prisma_s_items(None, counts=counts)
    shown = mistune.html(prisma_s_markdown(items))
    for name in names:
        assert f"<li>{name.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</li>" in shown
    assert "<em>Complete</em>" not in shown and "<assia>" not in shown.lower()
    docx = [p for p in write_prisma_s(items, tmp_path) if p.suffix == ".docx"][0]
    paragraphs = [p.text for p in Document(str(docx)).paragraphs]
    assert all(name in paragraphs for name in names)
    assert "ERIC (ProQuest) & <ASSIA>: 100 records" in paragraphs


def _ris(*titles: str) -> str:
    return "".join(f"TY  - JOUR\nTI  - {t}\nAU  - Author{k}, A.\nPY  - 2020\nT2  - Journal {k}\nER  - \n\n"
                   for k, t in enumerate(titles))


def test_records_of_other_methods_waiting_are_not_counted_against_the_databases_records(tmp_path):
    """Mid-screening, an author's checks read "identified 393 − duplicates 150 = 243, but records screened is 0;
    248 still await a decision, which does not account for the difference": the 5 waiting records of websites
    and citation searching were counted against the databases' box. Each column's waiting records are now set
    against its own box, so the checks say the databases' difference is the records still to screen."""
    from synthesis.build import build
    from synthesis.prisma import read_counts

    project = tmp_path / "review"
    folder = project / "data" / "searches" / "2026-01"
    folder.mkdir(parents=True)
    (folder / "medline.ris").write_text(_ris("Gambling harm in adults", "Harm screens compared", "Affected others"),
                                        encoding="utf-8")
    (folder / "citations.ris").write_text(_ris("Harm thresholds for gamblers", "Financial harm, a cohort"),
                                          encoding="utf-8")
    (project / "evidence").mkdir()
    (project / "evidence" / "searches.toml").write_text(
        '[[search]]\nid = "medline"\ndatabase = "MEDLINE"\ndate = 2026-01-05\nsearch_string = "gambl* AND harm*"\n'
        'records_reported = 3\nfiles = ["data/searches/2026-01/medline.ris"]\n'
        '[[search]]\nid = "backward"\nkind = "citation"\ndatabase = "Citation searching"\ndate = 2026-01-09\n'
        'search_string = "reference lists"\nrecords_reported = 2\nfiles = ["data/searches/2026-01/citations.ris"]\n',
        encoding="utf-8")
    result = build(project, progress=False)
    counts = read_counts(project / "output" / "prisma_counts.json")
    assert (counts.database_results, counts.citations_results, counts.records_screened) == (3, 2, 0)
    assert counts.pending == {"records_screened": 3, "other_sought_reports": 2}
    checks = (project / "output" / "prisma_checks.txt").read_text(encoding="utf-8")
    assert "= 3, but records screened is 0; 3 still await a decision\n" in checks
    assert "does not account for the difference" not in checks
    # the banner and the build's note still count every record that waits for a title/abstract decision
    assert any(n.startswith("PRISMA: 5 records await a title/abstract decision") for n in result.notes)


def test_a_search_that_found_nothing_is_listed_with_n_0(tmp_path):
    """An update search of PsycInfo found no new record, so there was nothing to export; the author logged it
    with records_reported = 0 and no files. The build said "no export files listed, so its records cannot be
    counted" and the diagram left PsycInfo out, where PRISMA asks for every database's number. With its round
    given it is listed with n = 0; without one, the note asks for the round."""
    from synthesis.build import build
    from synthesis.prisma import read_counts

    project = tmp_path / "review"
    folder = project / "data" / "searches" / "2026-01"
    folder.mkdir(parents=True)
    (folder / "medline.ris").write_text(_ris("Gambling harm in adults", "Harm screens compared"), encoding="utf-8")
    (project / "evidence").mkdir()
    log = project / "evidence" / "searches.toml"
    log.write_text(
        '[[search]]\nid = "medline"\ndatabase = "MEDLINE"\ndate = 2026-01-05\nsearch_string = "gambl* AND harm*"\n'
        'records_reported = 2\nfiles = ["data/searches/2026-01/medline.ris"]\n'
        '[[search]]\nid = "psycinfo"\ndatabase = "APA PsycInfo"\ndate = 2026-01-05\nsearch_string = "TI gambl*"\n'
        'records_reported = 0\nfiles = []\n', encoding="utf-8")
    result = build(project, progress=False)
    assert read_counts(project / "output" / "prisma_counts.json").database_specific_results == [("MEDLINE", 2)]
    assert any("'psycinfo'" in n and "reported 0 records and lists no export" in n and "round = " in n
               for n in result.notes)
    log.write_text(log.read_text(encoding="utf-8").replace('id = "psycinfo"\n', 'id = "psycinfo"\nround = "2026-01"\n'),
                   encoding="utf-8")
    result = build(project, progress=False)
    counts = read_counts(project / "output" / "prisma_counts.json")
    assert counts.database_specific_results == [("APA PsycInfo", 0), ("MEDLINE", 2)] and counts.database_results == 2
    assert not any("psycinfo" in n and "round" in n for n in result.notes)
    assert "APA PsycInfo (n = 0)" in (project / "output" / "prisma_flow.svg").read_text(encoding="utf-8")


def _project_with_a_maybe_pair(tmp_path: Path) -> Path:
    """A review whose one export holds a paper twice, two years apart (a "maybe" pair), and one other record."""
    project = tmp_path / "review"
    folder = project / "data" / "searches" / "2026-01"
    folder.mkdir(parents=True)
    pair = "".join(f"TY  - JOUR\nTI  - Gamblers' perceptions of stakeholder responsibility for minimizing harm\n"
                   f"AU  - Gray, Heather\nAU  - LaPlante, Debi\nPY  - {year}\nT2  - Int J Ment Health Addict\nER  - \n\n"
                   for year in (2019, 2022))
    (folder / "medline.ris").write_text(pair + _ris("Affected others"), encoding="utf-8")
    return project


def test_pairs_left_for_a_duplicate_verdict_are_said_beside_the_diagrams_checks(tmp_path):
    """An update round re-found a paper the rules kept apart from its first copy (a verdict had joined it to an
    online-first record two years older): it was a "maybe" pair, screened again and included as a new study,
    while the checks said every sum held and the build said nothing of pairs left for a person. The checks and
    the build now say how many pairs touching the round wait for a verdict."""
    from synthesis.build import build

    project = _project_with_a_maybe_pair(tmp_path)
    result = build(project, progress=False)
    assert "1 maybe pair left" in (project / "output" / "deduplication.txt").read_text(encoding="utf-8")
    checks = (project / "output" / "prisma_checks.txt").read_text(encoding="utf-8")
    assert "Deduplication not finished: 1 pair of records may be duplicates and awaits a person's verdict" in checks
    assert any(n.startswith("PRISMA: 1 pair of records may be duplicates") for n in result.notes)
    # mid-screening the diagram fails its checks; its notes say the pair waits too (w22)
    svg = (project / "output" / "prisma_flow.svg").read_text(encoding="utf-8")
    assert "NOT YET A VALID PRISMA DIAGRAM" in svg and "duplicates not final: 1 pair of records" in svg


def test_a_diagram_whose_sums_hold_while_a_pair_awaits_a_duplicate_verdict_is_drawn_as_a_draft(tmp_path):
    """w22's walk: every record screened, 5 maybe pairs left open: the sums held and the diagram looked final,
    though up to 5 more duplicates could come off it. It is drawn as a draft now, its duplicates box marked, until
    the pairs are decided."""
    import pandas as pd

    import synthesis as syn
    from synthesis.build import build

    project = _project_with_a_maybe_pair(tmp_path)
    build(project, progress=False)
    keys = pd.read_csv(project / "output" / "units.csv", dtype=str)["group_id"].tolist()
    with syn.DecisionLog(project / "evidence" / "screening", "Ana", keys=keys) as log:
        log.record_many([{"key": k, "decision": "exclude"} for k in keys])
    result = build(project, progress=False)
    counts = syn.read_prisma_counts(project / "output" / "prisma_counts.json")
    assert syn.check_prisma(counts).ok and counts.pending == {"duplicates": 1}
    svg = (project / "output" / "prisma_flow.svg").read_text(encoding="utf-8")
    assert "DRAFT, NOT FINAL: 1 pair of records awaits a duplicate verdict" in svg and "NOT YET A VALID" not in svg
    assert "duplicates not final: 1 pair of records may be duplicates" in svg
    assert any(n.startswith("PRISMA: 1 pair of records may be duplicates") and "draft" in n for n in result.notes)
    # a notebook drawing prisma_counts.json again draws the same draft
    assert syn.draw_prisma(counts).waiting == {"duplicates": 1}
    # and an author copying the numbers from prisma_counts.csv reads that they are a draft, and why (w27)
    table = pd.read_csv(project / "output" / "prisma_counts.csv", dtype=str, keep_default_na=False)
    assert table.loc[0, "draft"] == ("DRAFT, NOT FINAL: 1 pair of records awaits a duplicate verdict "
                                     "(see the notes below)")
    assert table.set_index("data").loc["duplicates", "draft"].startswith("duplicates not final: 1 pair of records")
    # the pair decided "not a duplicate": the diagram is final, and PRISMA-S item 16 says a person kept it apart
    pair = pd.read_csv(project / "output" / "maybe_pairs.csv", dtype=str).iloc[0]
    syn.append_duplicate_verdict(project / "evidence" / "duplicate_verdicts.tsv", pair["record_id_1"],
                                 pair["record_id_2"], "not_duplicate", reviewer="Ana")
    build(project, progress=False)
    assert "DRAFT" not in (project / "output" / "prisma_flow.svg").read_text(encoding="utf-8")
    assert "draft" not in (project / "output" / "prisma_counts.csv").read_text(encoding="utf-8").splitlines()[0]
    assert syn.read_prisma_counts(project / "output" / "prisma_counts.json").pending == {}
    item_16 = (project / "output" / "prisma_s.md").read_text(encoding="utf-8").split("### 16.")[1]
    assert "1 close pair was judged by a person not to be duplicates and kept apart." in item_16


def test_an_updates_register_and_website_searches_stay_in_prisma_s_beside_the_authors_words(tmp_path):
    """After an update round, PRISMA-S item 3 of an author's report read only their [prisma_s] sentence written
    at the first search ("ClinicalTrials.gov, searched 2022-12-07"): the answer replaced the log's list, and the
    update's register search was in no item but the dates. The author's words now come first, then every
    register (item 3) and website or organisation (item 4) search of the log."""
    log_file = tmp_path / "searches.toml"
    log_file.write_text(
        '[prisma_s]\nregistries = "ClinicalTrials.gov, searched 2022-12-07."\n'
        'online_resources = "The regulator\'s publications page was browsed."\n'
        + "".join(f'[[search]]\nid = "ctgov-{d}"\ndatabase = "ClinicalTrials.gov"\nkind = "register"\ndate = {d}\n'
                  f'search_string = "gambling"\nrecords_reported = 0\nfiles = []\nround = "{d[:7]}"\n'
                  for d in ("2022-12-07", "2023-06-06"))
        + '[[search]]\nid = "web"\ndatabase = "Gambling Commission"\nkind = "website"\ndate = 2023-06-07\n'
          'search_string = "harm"\nrecords_reported = 0\nfiles = []\nround = "2023-06"\n', encoding="utf-8")
    items = {i.number: i for i in prisma_s_items(read_search_log(log_file))}
    assert items[3].answer == ("ClinicalTrials.gov, searched 2022-12-07.\n\n- ClinicalTrials.gov, searched 2022-12-07\n"
                               "- ClinicalTrials.gov, searched 2023-06-06")
    assert items[3].source == "search log [prisma_s] and search log"
    assert items[4].answer.startswith("The regulator's publications page was browsed.\n\n- Gambling Commission")
    assert "2023-06-07" in items[4].answer


def _two_exports(tmp_path, log_text):
    """A record table of two small exports (Scopus 3 records, Web of Science 2) and a search log."""
    records = pd.DataFrame({"source_file": ["data/searches/2023-05/scopus.bib"] * 3 + ["data/searches/2023-05/wos.bib"] * 2,
                            "source_database": ["Scopus"] * 3 + ["Web of Science"] * 2,
                            "search_round": ["2023-05"] * 5})
    path = tmp_path / "searches.toml"
    path.write_text(log_text, encoding="utf-8")
    return reconcile(read_search_log(path), records)


def test_a_mistyped_export_path_is_named_with_the_file_it_meant_and_no_count_excuse(tmp_path):
    """An author typed WoS.bib for the export wos.bib. The build said the path was not found, then that the
    database "reported 2 records but its export(s) hold 0; a difference can be normal: ...": a count excuse for
    a typing error, with nothing pointing at the file meant. It now names the imported file no search claims."""
    rec = _two_exports(tmp_path, '[[search]]\nid = "wos"\ndatabase = "Web of Science"\ndate = 2023-05-22\n'
                                 'search_string = "TS=(x)"\nrecords_reported = 2\n'
                                 'files = ["data/searches/2023-05/WoS.bib"]\n')
    about = [w for w in rec.warnings if "'wos'" in w]
    assert any("not found" in w and "did you mean data/searches/2023-05/wos.bib?" in w for w in about)
    assert not any("normal" in w or "usual" in w or "missing from the export" in w for w in about)
    assert any("reported 2 records; they are compared with its export once data/searches/2023-05/WoS.bib is found"
               in w for w in about)


def test_item_15_says_a_mistyped_export_is_missing_not_that_it_holds_0(tmp_path):
    """w22's walk: the log named scopsu.ris for the export scopus.ris. To check said so, but item 15 told the journal
    "the database reported 255 records; its export holds 0", and its table "0 in the export(s)", as if the export
    were empty; the 255 records the diagram counts under Scopus were in no line of item 15. It now says the file is
    missing, and names the export no search claims with the records the diagram counts from it."""
    rec = _two_exports(tmp_path, '[[search]]\nid = "wos"\ndatabase = "Web of Science"\ndate = 2023-05-22\n'
                                 'search_string = "TS=(x)"\nrecords_reported = 2\n'
                                 'files = ["data/searches/2023-05/WoS.bib"]\n')
    assert rec.table.set_index("id").loc["wos", "missing"] == "data/searches/2023-05/WoS.bib"
    item = {i.number: i.answer for i in prisma_s_items(rec.log, rec)}[15]
    assert "| wos | Web of Science | 2023-05-22 | 2 | file missing | 0 | 0 | 0 |" in item
    differ = item.split("Where the counts differ:\n\n")[1].splitlines()
    assert differ == ["- Web of Science, run 2023-05-22: the database reported 2 records; its export file "
                      "data/searches/2023-05/WoS.bib is missing (not among the imported exports), so its records are "
                      "not counted under this search.",
                      "- data/searches/2023-05/scopus.bib: 3 records from an export that no search in the log names; "
                      "the PRISMA flow diagram counts them under Scopus.",
                      "- data/searches/2023-05/wos.bib: 2 records from an export that no search in the log names; "
                      "the PRISMA flow diagram counts them under Web of Science."]
    assert "holds 0" not in item


def test_a_misspelt_database_name_is_said_before_it_reaches_the_diagram(tmp_path):
    """database = "Scoups" for a Scopus export went into the PRISMA diagram and PRISMA-S as written, with no
    word. A name close to the export's database but not it is now named; a longer or other name is not."""
    entry = ('[[search]]\nid = "{id}"\ndatabase = "{db}"\n{label}date = 2023-05-22\nsearch_string = "x"\n'
             'records_reported = {n}\nfiles = ["data/searches/2023-05/{file}"]\n')
    rec = _two_exports(tmp_path, entry.format(id="s", db="Scoups", label="", n=3, file="scopus.bib")
                       + entry.format(id="w", db="Web of Science Core Collection", label='label = "Web of Sciense"\n',
                                      n=2, file="wos.bib"))
    assert [w.split(": ", 1)[1] for w in rec.warnings] == [
        "database 'Scoups' is spelt unlike its export's database, 'Scopus', and the PRISMA diagram and PRISMA-S "
        "report name it as written; correct the database in evidence/searches.toml if it is a typing error",
        "label 'Web of Sciense' is spelt unlike its export's database, 'Web of Science', and the PRISMA diagram and "
        "PRISMA-S report name it as written; correct the label in evidence/searches.toml if it is a typing error"]
    fine = _two_exports(tmp_path, entry.format(id="s", db="Elsevier Scopus", label="", n=3, file="scopus.bib")
                        + entry.format(id="w", db="MEDLINE", label="", n=2, file="wos.bib"))
    assert fine.warnings == []


def test_prisma_s_says_what_to_check_under_its_summary(tmp_path):
    """Notebook 4 shows the PRISMA-S report's summary only; a count that disagreed with its export was said in
    item 15, far below, so the author read "10 of 16 items are filled" and nothing else. The summary lists them."""
    rec = _two_exports(tmp_path, '[[search]]\nid = "s"\ndatabase = "Scopus"\ndate = 2023-05-22\nsearch_string = "x"\n'
                                 'platform = "scopus.com"\nlimits = "none"\nfilters = "none"\n'
                                 'records_reported = 30\nfiles = ["data/searches/2023-05/scopus.bib"]\n')
    from synthesis.prisma.reporting import SearchReport

    (tmp_path / "output").mkdir()
    SearchReport(rec.log, rec).write(tmp_path / "output", title="T")
    summary = (tmp_path / "output" / "prisma_s.md").read_text(encoding="utf-8").split("\n## ")[0]
    assert "**To check before reporting** (2:" in summary
    assert "search 's' (Scopus, 2023-05-22): the database reported 30 records but its export(s) hold 3" in summary
    assert "data/searches/2023-05/wos.bib: 2 records from an export that no search in the log names" in summary
    assert "To check" not in prisma_s_markdown(prisma_s_items(rec.log, rec), "T")


def test_limits_and_filters_of_a_database_searched_in_two_rounds_say_which_search(tmp_path):
    """A second round re-ran Web of Science with a date limit; PRISMA-S items 9 and 10 read "Web of Science: none"
    and "Web of Science: 2023 onwards" with nothing saying which round's search had which. Each line of a
    database searched more than once now gives the day that search was run."""
    path = tmp_path / "searches.toml"
    for day, limits in (("2023-05-22", "none"), ("2023-11-02", "2023 onwards")):
        add_search(path, id=f"wos-{day}", database="Web of Science", date=day, search_string="TS=(drone*)",
                   limits=limits, filters="none", records_reported=1, files=[f"data/searches/{day}/wos.bib"])
    add_search(path, id="scopus", database="Scopus", date="2023-05-22", search_string="TITLE(drone*)",
               limits="English", filters="none", records_reported=1, files=["data/searches/2023-05-22/scopus.bib"])
    items = {i.number: i.answer for i in prisma_s_items(read_search_log(path))}
    assert items[9].splitlines() == ["- Web of Science, run 2023-05-22: none",
                                     "- Web of Science, run 2023-11-02: 2023 onwards", "- Scopus: English"]
    assert items[10].splitlines()[1] == "- Web of Science, run 2023-11-02: none"


def test_a_difference_the_searchs_notes_explain_is_not_left_to_check(tmp_path):
    """The summary's list is what the authors still have to settle: a count whose reason the search's notes give
    stays in item 15, with the reason, and is not listed again as to check."""
    given = 'platform = "p"\nlimits = "none"\nfilters = "none"\n'
    rec = _two_exports(tmp_path, '[[search]]\nid = "s"\ndatabase = "Scopus"\ndate = 2023-05-22\nsearch_string = "x"\n'
                                 'records_reported = 30\nnotes = "export capped"\nfiles = ["data/searches/2023-05/scopus.bib"]\n'
                                 + given + '[[search]]\nid = "w"\ndatabase = "Web of Science"\ndate = 2023-05-22\n'
                                 'search_string = "x"\nrecords_reported = 2\nfiles = ["data/searches/2023-05/wos.bib"]\n' + given)
    assert len(rec.warnings) == 1 and "its notes say: export capped" in rec.warnings[0] and rec.to_check == []
    text = prisma_s_markdown(prisma_s_items(rec.log, rec), "T", rec.to_check)
    assert "To check" not in text
    assert "- Scopus via p, run 2023-05-22: the database reported 30 records; its export holds 3. export capped." in text


def test_a_search_without_its_limits_is_named_and_the_others_limits_stay(tmp_path):
    """One search of three was logged without its limits (and one without its platform): PRISMA-S item 9 said
    "Left for the authors" for all three, the two searches' limits dropped, and nothing named the search that
    lacked them. Item 9 now gives every search's limits, marks the one not recorded, and the summary names it."""
    entry = ('[[search]]\nid = "{id}"\ndatabase = "{db}"\ndate = 2023-05-22\nsearch_string = "x"\n{more}'
             'records_reported = {n}\nfiles = ["data/searches/2023-05/{file}"]\n')
    rec = _two_exports(tmp_path, entry.format(id="s", db="Scopus", n=3, file="scopus.bib",
                                              more='limits = "English"\nfilters = "none"\n')
                       + entry.format(id="w", db="Web of Science", n=2, file="wos.bib",
                                      more='platform = "webofscience.com"\nfilters = "none"\n'))
    assert rec.incomplete == [
        "search 's' (Scopus, 2023-05-22), line 1 of the search log: no platform (PRISMA-S item 1: the interface it "
        "was searched on)",
        "search 'w' (Web of Science, 2023-05-22), line 10 of the search log: no limits (PRISMA-S item 9: write "
        '"none" when there were none)']
    items = {i.number: i.answer for i in prisma_s_items(rec.log, rec)}
    assert items[9].splitlines() == [
        "- Scopus: English",
        "- Web of Science via webofscience.com: **not recorded** (add `limits` to its entry in `evidence/searches.toml`)"]
    summary = prisma_s_markdown(prisma_s_items(rec.log, rec), "T", rec.to_check).split("\n## ")[0]
    assert "line 10 of the search log: no limits" in summary and "no platform" in summary


def test_the_word_report_shows_a_list_items_bold_and_code_as_formatting_not_marks(tmp_path):
    """Item 9 of the Word report read "IEEE Xplore: **not recorded** (add `limits` ...)", the Markdown marks typed
    out: list items were written as plain text. They are runs now, bold where the Markdown says so."""
    docx = pytest.importorskip("docx")
    from synthesis.prisma.prisma_s import write_prisma_s

    rec = _two_exports(tmp_path, '[[search]]\nid = "s"\ndatabase = "Scopus"\ndate = 2023-05-22\nsearch_string = "x"\n'
                                 'platform = "p"\nlimits = "English"\nfilters = "none"\nrecords_reported = 3\n'
                                 'files = ["data/searches/2023-05/scopus.bib"]\n'
                                 '[[search]]\nid = "w"\ndatabase = "Web of Science"\ndate = 2023-05-22\n'
                                 'search_string = "x"\nplatform = "p"\nfilters = "none"\nrecords_reported = 2\n'
                                 'files = ["data/searches/2023-05/wos.bib"]\n')
    write_prisma_s(prisma_s_items(rec.log, rec), tmp_path / "out")
    paragraphs = docx.Document(str(tmp_path / "out" / "prisma_s.docx")).paragraphs
    item = next(p for p in paragraphs if p.text.startswith("Web of Science via p: not recorded"))
    assert item.text == "Web of Science via p: not recorded (add limits to its entry in evidence/searches.toml)"
    assert [r.text for r in item.runs if r.bold] == ["not recorded"]


def _one_export(tmp_path, database, reported, held, source_database=None):
    """A search log of one search whose export holds ``held`` records; the database reported ``reported``."""
    records = pd.DataFrame({"source_file": ["data/searches/2023-05/export.ris"] * held,
                            "source_database": [source_database or database] * held,
                            "search_round": ["2023-05"] * held})
    path = tmp_path / "searches.toml"
    path.write_text(f'[[search]]\nid = "s"\ndatabase = "{database}"\ndate = 2023-05-22\nsearch_string = "x"\n'
                    f'records_reported = {reported}\nfiles = ["data/searches/2023-05/export.ris"]\n', encoding="utf-8")
    report = SimpleNamespace(path="data/searches/2023-05/export.ris", found=held, rejected=[])
    (warning,) = reconcile(read_search_log(path), records, import_reports=[report]).warnings
    return warning.split(f"hold {held:,}; ", 1)[1]


@pytest.mark.parametrize("database, reported, held, says", [
    # a few records, or a few percent of a large search: the usual drift between counting and exporting
    ("Embase", 106, 104, "a gap of 2 records (2 %), within the usual drift"),
    ("Embase", 4_000, 3_930, "a gap of 70 records (2 %), within the usual drift"),
    # ten times the export: a wrong file, a cut download or a mistyped count, never "normal"
    ("Embase", 250, 25, "225 records (90 %) are missing from the export, more than counts drift by; check that the "
                        "file is this search's export, that it was saved whole (a download cut short, or a batch "
                        "left out: e.g. Scopus exports 2,000 records at a time, Web of Science 1,000) and that "
                        "records_reported is typed right"),
    ("Web of Science Core Collection", 1_247, 247, "1,000 records (80 %) are missing from the export, more than "
     "counts drift by; check that the file is this search's export, that it was saved whole (a download cut short, "
     "or a batch left out: Web of Science exports at most 1,000 records at a time) and that records_reported is "
     "typed right"),
    ("Embase", 40, 400, "the export holds 360 records more than the database reported, more than counts drift by; "
                        "check that the file is this search's export"),
    ("Embase", 120, 0, "its export holds no record: check that the file is this search's export"),
    ("Embase", 0, 3, "the export holds 3 records more than the database reported, more than counts drift by"),
    ("Embase", 3, 6, "the export holds 3 records (100 %) more than the database reported, more than counts drift by"),
    ("Embase", 10, 9, "a gap of 1 record (10 %), within the usual drift"),
    # an export that holds exactly its database's export limit stopped there
    ("Scopus", 3_412, 2_000, "Scopus exports at most 2,000 records at a time with abstracts, and the export holds "
                             "2,000: it most likely stopped at that limit, leaving 1,412 records out; export the "
                             "rest in further batches"),
    ("Web of Science", 2_021, 2_000, "Web of Science exports at most 1,000 records at a time, and the export holds "
                                     "2,000: it most likely stopped at that limit, leaving 21 records out"),
    ("Embase", 2_300, 1_500, "800 records (35 %) are missing from the export, more than counts drift by; check that "
                             "the file is this search's export"),
    # a database that shows only its first results: a limit of the database, not of the export
    ("Google Scholar", 12_300, 1_000, "Google Scholar shows only the first 1,000 results of a search, and the export "
                                      "holds 1,000 of them: a limit of the database, not a fault of the export"),
])
def test_a_count_and_its_export_that_differ_are_told_usual_only_when_the_gap_is(tmp_path, database, reported, held,
                                                                                 says):
    """A database that reported 250 records and an export of 25 got "a difference can be normal: some databases
    cap what can be seen or exported ...", as 106 and 104 did. Only a gap of a few records or a few percent is the
    usual drift; a gap at a database's export limit says so; any larger gap reads as something to check."""
    text = _one_export(tmp_path, database, reported, held)
    assert text.startswith(says), text
    assert "normal" not in text
    assert ("usual" in text) == ("usual drift" in says)
    if held % 500 == 0 and held and held < reported and "Scopus" not in text and "Web of Science exports" not in text \
            and "Google" not in text:
        assert text.endswith(f"; {held:,} is a round number, like an export stopped at a batch limit")


def test_the_word_report_lists_what_to_check_as_the_markdown_does(tmp_path):
    """prisma_s.md listed the disagreements between the log and the exports under its summary, *To check before
    reporting*; prisma_s.docx, the file that goes to the journal, had no such list (only item 15, far below).
    The Word file now has the list after its summary table, each entry a bullet, as the Markdown has it."""
    docx = pytest.importorskip("docx")
    from synthesis.prisma.reporting import SearchReport

    rec = _two_exports(tmp_path, '[[search]]\nid = "s"\ndatabase = "Scopus"\ndate = 2023-05-22\nsearch_string = "x"\n'
                                 'platform = "scopus.com"\nlimits = "none"\nfilters = "none"\n'
                                 'records_reported = 30\nfiles = ["data/searches/2023-05/scopus.bib"]\n')
    (tmp_path / "output").mkdir()
    SearchReport(rec.log, rec).write(tmp_path / "output", title="T")
    document = docx.Document(str(tmp_path / "output" / "prisma_s.docx"))
    body = [p for p in document.paragraphs]
    heading = next(k for k, p in enumerate(body) if p.text.startswith("To check before reporting (2:"))
    assert [r.text for r in body[heading].runs if r.bold] == ["To check before reporting"]
    assert body[heading].text.endswith("Delete this list once they are settled.")
    listed = [p.text for p in body[heading + 1: heading + 3]]
    assert all(p.style.name == "List Bullet" for p in body[heading + 1: heading + 3])
    assert listed == rec.to_check and len(listed) == 2
    assert listed[0].startswith("search 's' (Scopus, 2023-05-22): the database reported 30 records but its export(s) "
                                "hold 3; 27 records (90 %) are missing")
    # before the items: the authors read it with the summary
    first_item = next(k for k, p in enumerate(body) if p.text == "1. Database name")
    assert heading < first_item


def test_item_15_gives_the_journal_the_numbers_and_reasons_not_advice_to_the_authors(tmp_path):
    """Item 15 of prisma_s.docx, read by the journal's editor, listed the build's warnings: "... 27 records (90 %)
    are missing from the export, more than counts drift by; check that the file is this search's export ...", a
    file no search names, "add its search ...". That advice is for the authors (the summary's *To check before
    reporting*); item 15 now says each difference in numbers, with the reason the search's notes give."""
    rec = _two_exports(tmp_path, '[[search]]\nid = "s"\ndatabase = "Scopus"\ndate = 2023-05-22\nsearch_string = "x"\n'
                                 'platform = "scopus.com"\nlimits = "none"\nfilters = "none"\n'
                                 'records_reported = 30\nfiles = ["data/searches/2023-05/scopus.bib"]\n'
                                 '[[search]]\nid = "w"\ndatabase = "Web of Science"\ndate = 2023-05-22\n'
                                 'search_string = "x"\nplatform = "p"\nlimits = "none"\nfilters = "none"\n'
                                 'records_reported = 1\nnotes = "One record came twice across export pages."\n'
                                 'files = ["data/searches/2023-05/wos.bib"]\n')
    item = {i.number: i.answer for i in prisma_s_items(rec.log, rec)}[15]
    differ = item.split("Where the counts differ:\n\n")[1].splitlines()
    assert differ == ["- Scopus via scopus.com, run 2023-05-22: the database reported 30 records; its export holds 3.",
                      "- Web of Science via p, run 2023-05-22: the database reported 1 record; its export holds 2. One "
                      "record came twice across export pages."]
    assert "check" not in item and "evidence/searches.toml" not in item
    assert any("check that the file is this search's export" in w for w in rec.to_check)


def test_item_15_does_not_call_a_searchs_own_distinct_records_what_deduplication_left(tmp_path):
    """A search run again in a later round found the same 3 records: item 15 showed "distinct after deduplication:
    3" beside "3 removed as duplicates", read as contradicting each other. The column is the search's own distinct
    records, and the table says so and that the diagram's duplicates are counted across searches."""
    records = pd.DataFrame({"source_file": ["data/searches/2023-05/scopus.bib"] * 3 + ["data/searches/2023-11/scopus.bib"] * 3,
                            "source_database": ["Scopus"] * 6, "search_round": ["2023-05"] * 3 + ["2023-11"] * 3})
    groups = pd.DataFrame({"group_id": ["a", "b", "c"] * 2})
    path = tmp_path / "searches.toml"
    for day in ("2023-05", "2023-11"):
        add_search(path, id=f"s-{day}", database="Scopus", date=f"{day}-01", search_string="x", records_reported=3,
                   files=[f"data/searches/{day}/scopus.bib"])
    rec = reconcile(read_search_log(path), records, groups)
    item = {i.number: i.answer for i in prisma_s_items(read_search_log(path), rec)}[15]
    assert "distinct after deduplication" not in item
    assert item.splitlines()[0].endswith("| imported | distinct among them | found by no other search |")
    assert "| s-2023-11 | Scopus | 2023-11-01 | 3 | 3 | 3 | 3 | 0 |" in item
    assert "The duplicates the PRISMA flow diagram removes are counted across all searches." in item


def test_notebook_4_shows_which_export_of_a_search_is_missing(tmp_path):
    """w22's walk: notebook 4's table of the searches showed a mistyped export as "found 0, imported 0", the same
    as an empty export. It shows the searches.csv column `missing` now, the path the log names."""
    import nbformat

    rec = _two_exports(tmp_path, '[[search]]\nid = "wos"\ndatabase = "Web of Science"\ndate = 2023-05-22\n'
                                 'search_string = "TS=(x)"\nrecords_reported = 2\n'
                                 'files = ["data/searches/2023-05/WoS.bib"]\n')
    (tmp_path / "output").mkdir()
    rec.table.to_csv(tmp_path / "output" / "searches.csv", index=False)
    nb = nbformat.read(ROOT / "notebooks" / "04_prisma.ipynb", as_version=4)
    cell = next(c.source for c in nb.cells if c.cell_type == "code" and "searches.csv" in c.source)
    namespace = {"PROJECT": tmp_path, "pd": pd}
    body, last = cell.rsplit("\n", 1)
    exec(f"{body}\nshown = {last}", namespace)  # the cell as notebook 4 runs it; its last line shows the table
    shown = namespace["shown"]
    assert shown.loc[0, "missing"] == "data/searches/2023-05/WoS.bib" and shown.loc[0, "found"] == 0


def test_the_diagram_lists_the_databases_in_the_reviews_order(built_example):
    """w34: the example's diagram listed its databases alphabetically, Google Scholar (a supplementary source)
    first. PRISMA 2020 prescribes no order and the PRISMA2020 R package draws them as the authors wrote them:
    the build now follows ``preferred_databases`` (PubMed, Scopus, Web of Science, Google Scholar), in the
    counts, the R package's CSV and the diagram."""
    import json

    counts = json.loads((built_example / "output" / "prisma_counts.json").read_text(encoding="utf-8"))
    order = ["PubMed", "Scopus", "Web of Science", "Google Scholar"]
    assert [name for name, _ in counts["database_specific_results"]] == order
    csv = (built_example / "output" / "prisma_counts.csv").read_text(encoding="utf-8")
    assert '"PubMed, 39; Scopus, 48; Web of Science, 30; Google Scholar, 14"' in csv
    svg = (built_example / "output" / "prisma_flow.svg").read_text(encoding="utf-8")
    at = [svg.find(name) for name in order]
    assert -1 not in at and at == sorted(at), at
