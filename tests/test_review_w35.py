"""A new review made end to end from exports nobody tuned for (helper w35: /work/heldout/w31 and w33 as two search
rounds, built with ``synthesis build``). Each test holds the few lines of the export that showed the fault and
names the public file it came from."""
from __future__ import annotations

import json

from synthesis.normalise import normalise_doi


def test_a_doi_ending_in_its_own_bracket_keeps_it():
    """Scopus gives "DO  - 10.9770/jesi.2017.4.3S(2)" (PadoSensei/eco-bilge-dashboard, scopus.ris): the closing
    bracket was stripped as if it closed the text around the DOI, leaving "10.9770/jesi.2017.4.3s(2", a DOI that
    resolves to nothing. A bracket the DOI itself opened is kept; one nothing opened is still dropped. (The RIS
    reader strips the bracket with its own copy of the old rule, synthesis.io.sources.fields.doi_in: reported.)"""
    assert normalise_doi("10.9770/jesi.2017.4.3S(2)") == "10.9770/jesi.2017.4.3s(2)"
    assert normalise_doi("https://doi.org/10.9770/jesi.2017.4.3S(2).") == "10.9770/jesi.2017.4.3s(2)"
    assert normalise_doi("(doi: 10.1136/jclinpath-2017-204734).") == "10.1136/jclinpath-2017-204734"
    assert normalise_doi("10.1016/0021-9681(87)90171-8)") == "10.1016/0021-9681(87)90171-8"


def _ris(*titles: str) -> str:
    return "".join(f"TY  - JOUR\nAU  - Munn, Luke\nTI  - {t}\nPY  - 2022\nT2  - AI and Ethics\nER  - \n\n"
                   for t in titles)


def _two_rounds(project) -> None:
    """Two search rounds of two records each in ``project``'s data folder (2025-07 and 2026-11)."""
    for name, titles in (("2025-07", ("Heutagogy in higher education", "Mobile heutagogical practice")),
                         ("2026-11", ("Absorptive capacity and knowledge spillovers", "Nest site selection"))):
        folder = project / "data" / "searches" / name
        folder.mkdir(parents=True)
        (folder / "scopus.ris").write_text(_ris(*titles), encoding="utf-8")


def test_the_unknown_database_note_names_only_exports_the_search_log_leaves_unnamed(tmp_path):
    """Publish or Perish's Crossref CSV (kagort/databases2, PoPCites.csv) names no database; the search log named
    its search "Crossref" and the diagram said "Crossref (n = 4)", yet the build still said the file "names no
    database ... so the diagram counts the records under 'Unknown database'", beside the three files that did.
    An EndNote library's records were counted under "EndNote" (KKKKKZXuan/3888_COVID-A_6-Public, endnote.xml),
    with no word that EndNote is no database. The note now lists only the exports no search names, and a second
    note names those called after the tool that wrote them."""
    from synthesis.build import build
    from synthesis.prisma import add_search

    folder = tmp_path / "data" / "searches" / "2026-11"
    folder.mkdir(parents=True)
    (folder / "pop_crossref.ris").write_text(_ris("The uselessness of AI ethics", "AI bias"), encoding="utf-8")
    (folder / "references.ris").write_text(_ris("Embedded ethics", "Ethics and AI"), encoding="utf-8")
    (folder / "zotero_library.ris").write_text(_ris("Oral complications in cancer patients"), encoding="utf-8")
    add_search(tmp_path / "evidence" / "searches.toml", id="crossref", database="Crossref", date="2026-11-07",
               search_string="AI ethics", files=["data/searches/2026-11/pop_crossref.ris"])
    notes = [n for n in build(tmp_path, progress=False).notes if n.startswith("PRISMA: data/")]
    unknown = next(n for n in notes if "names no database" in n)
    assert unknown.startswith("PRISMA: data/searches/2026-11/references.ris names no database"), notes
    assert "pop_crossref" not in unknown
    tool = next(n for n in notes if "reference manager" in n)
    assert tool.startswith("PRISMA: data/searches/2026-11/zotero_library.ris (Zotero) is named after the reference "
                           "manager or screening tool that wrote it, not a database searched"), notes
    counts = json.loads((tmp_path / "output" / "prisma_counts.json").read_text(encoding="utf-8"))
    assert counts["database_specific_results"] == [["Crossref", 2], ["Unknown database", 2], ["Zotero", 1]]


def test_the_source_overlap_names_the_databases_as_the_search_log_and_the_diagram_do(tmp_path):
    """The search log named Publish or Perish's Crossref export "Crossref" and BVS's RIS "LILACS"; the PRISMA
    diagram said "Crossref (n = 4)", "LILACS (n = 2)", "Unknown database (n = 10)", but source_overlap.csv (and
    notebook 1's table and figure) said "Unknown database" 14 and "LILACS (BVS)": two counts of one box that
    disagreed (kagort/databases2 PoPCites.csv, Bioframe/RSL2 export.ris). The overlap now names an export's records
    as its search does, and a later edit of the log's names is drawn at the next build."""
    from synthesis.build import build
    from synthesis.prisma import add_search

    folder = tmp_path / "data" / "searches" / "2026-11"
    folder.mkdir(parents=True)
    (folder / "pop_crossref.ris").write_text(_ris("The uselessness of AI ethics", "AI bias"), encoding="utf-8")
    (folder / "references.ris").write_text(_ris("Embedded ethics"), encoding="utf-8")
    (folder / "lilacs.ris").write_text(_ris("Reinsercao escolar e leucemia").replace(
        "ER  - ", "DB  - LILACS\nER  - "), encoding="utf-8")
    log = tmp_path / "evidence" / "searches.toml"
    add_search(log, id="crossref", database="Crossref", date="2026-11-07", search_string="AI ethics",
               files=["data/searches/2026-11/pop_crossref.ris"])
    build(tmp_path, progress=False)
    out = tmp_path / "output"

    def overlap():
        import pandas as pd
        table = pd.read_csv(out / "source_overlap.csv")
        return dict(zip(table["database"], table["records"]))

    diagram = dict(json.loads((out / "prisma_counts.json").read_text(encoding="utf-8"))["database_specific_results"])
    assert overlap() == diagram, (overlap(), diagram)
    assert overlap()["Crossref"] == 2 and overlap()["Unknown database"] == 1
    # the log renamed: deduplication's files, otherwise taken over unchanged, follow
    log.write_text(log.read_text(encoding="utf-8").replace('database = "Crossref"', 'database = "Crossref (PoP)"'),
                   encoding="utf-8")
    build(tmp_path, progress=False)
    assert overlap()["Crossref (PoP)"] == 2 and "Crossref" not in overlap()


def test_an_earlier_round_still_being_screened_is_said_beside_the_latest_rounds_diagram(tmp_path):
    """Two search rounds put in at once (the held-out exports of w33 as 2025-07, of w31 as 2026-11): the diagram
    counts the latest round and carries an earlier round's studies over only once included. With round 2026-11
    screened and 2025-07 not, the diagram was drawn as valid and whole, and neither the build nor
    prisma_checks.txt said that 2025-07's records (94 in that review) were still unscreened, so that its
    "previous studies" were too few. Both now say it."""
    import synthesis as syn
    from synthesis.build import build
    from synthesis.screening.log import DecisionLog

    project = tmp_path / "review"
    syn.new_project(project, "Heutagogy", team=["Ana"], reviewers_per_record=1)
    _two_rounds(project)
    build(project, progress=False)
    units = syn.read_screening_table(project / "output" / "units.csv")
    latest = units.loc[units["search_round"] == "2026-11", "group_id"]
    settings = syn.open_project(project).settings().screening
    log = DecisionLog(project / "evidence" / "screening", "Ana", settings, keys=units["group_id"])
    for key in latest:
        log.record(key, "exclude")
    log.close()
    notes = build(project, progress=False).notes
    said = [n for n in notes if n.startswith("PRISMA: earlier rounds still being screened")]
    assert said and "round 2025-07: 2 records await a title/abstract decision" in said[0], notes
    checks = (project / "output" / "prisma_checks.txt").read_text(encoding="utf-8")
    assert "Earlier rounds still being screened: round 2025-07: 2 records await" in checks
    # once the earlier round is screened too, nothing is said
    log = DecisionLog(project / "evidence" / "screening", "Ana", settings, keys=units["group_id"])
    for key in units.loc[units["search_round"] == "2025-07", "group_id"]:
        log.record(key, "exclude")
    log.close()
    assert not any("earlier rounds" in n for n in build(project, progress=False).notes)


def test_the_latest_rounds_summary_names_the_databases_as_the_search_log_does(tmp_path):
    """Notebook 5's summary of the round (syn.latest_round) said "unknown database 14; ... LILACS (BVS) 2" beside
    a diagram, drawn from the search log, of "Crossref (n = 4)", "Unknown database (n = 10)" and "LILACS (n = 2)"
    (kagort/databases2 PoPCites.csv, Bioframe/RSL2 export.ris): sentences for the update's methods that disagreed
    with its figure. It names each export's records as its search does."""
    import synthesis as syn
    from synthesis.build import build
    from synthesis.prisma import add_search

    folder = tmp_path / "data" / "searches" / "2026-11"
    folder.mkdir(parents=True)
    (folder / "pop_crossref.ris").write_text(_ris("The uselessness of AI ethics", "AI bias"), encoding="utf-8")
    (folder / "references.ris").write_text(_ris("Embedded ethics"), encoding="utf-8")
    add_search(tmp_path / "evidence" / "searches.toml", id="crossref", database="Crossref", date="2026-11-07",
               search_string="AI ethics", files=["data/searches/2026-11/pop_crossref.ris"])
    build(tmp_path, progress=False)
    summary = syn.latest_round(tmp_path).summary()
    assert "3 records from 2 exports (unknown database 1; Crossref 2)" in summary, summary


def test_maybe_pairs_of_an_earlier_round_are_said_by_the_build(tmp_path):
    """Four maybe pairs, all of round 2025-07 (Dimensions' two versions of one book chapter, two Embase exports of
    one meeting abstract...), and the build said nothing of them: its notes spoke of pairs only when they touched
    the latest round (the diagram's duplicates box), and deduplication.txt alone counted them. A reviewer could
    screen both records of each pair as two papers. The build now says how many wait and where."""
    from synthesis.build import build

    pair = ("TY  - CHAP\nAU  - Gregory, Sue\nAU  - Bannister-Tyrrell, Melissa\nTI  - Heutagogy in Postgraduate "
            "Education: Cognitive Advantages for Higher Degree Online Students\nPY  - {year}\nT2  - Postgraduate "
            "Education in Higher Education\nSP  - {pages}\nDO  - {doi}\nER  - \n\n")
    first = tmp_path / "data" / "searches" / "2025-07"
    first.mkdir(parents=True)
    (first / "dimensions.ris").write_text(
        pair.format(year=2017, pages="1-21", doi="10.1007/978-981-10-0468-1_32-1")
        + pair.format(year=2018, pages="189-209", doi="10.1007/978-981-10-5249-1_32"), encoding="utf-8")
    latest = tmp_path / "data" / "searches" / "2026-11"
    latest.mkdir(parents=True)
    (latest / "scopus.ris").write_text(_ris("Nest site selection of woodpeckers"), encoding="utf-8")
    notes = build(tmp_path, progress=False).notes
    import pandas as pd
    assert len(pd.read_csv(tmp_path / "output" / "maybe_pairs.csv")) == 1
    said = [n for n in notes if "may be duplicates" in n]
    assert said == ["deduplication: 1 pair of records of earlier rounds may be duplicates and awaits a person's "
                    "verdict (output/maybe_pairs.csv; notebook 1 shows them one by one); until decided, each record "
                    "of a pair is screened as a paper of its own"], notes


CENTRAL_CSV = (
    "CENTRAL ID,Author(s),Title,Source,Year,Abstract,Volume,Issue,Pages,Database Name,PubMed ID,Embase ID,CTgov ID,"
    "CINAHL ID,ICTRP ID,Publication Type,Keywords,DOI,URL,Cochrane Review Group Code\n"
    'CN-02364481,"Sclar, GD; Bauza, V; Mosler, HJ","Study design and rationale for a cluster randomized trial of a '
    'safe child feces management intervention in rural Odisha, India",BMC public health,2022,,22,1,106,Cochrane '
    "Central Register of Controlled Trials (CENTRAL),PUBMED 35033048,,,,,Journal article,,10.1186/s12889-021-12405-0,"
    "https://www.cochranelibrary.com/central/doi/10.1002/central/CN-02364481/full,\n")


def test_a_preferred_database_spelled_as_the_import_report_names_it_prefers_its_records(tmp_path):
    """review.toml says to spell preferred_databases "as the database column of output/import_report.csv gives
    them". For the Cochrane Library's CSV (DevInnovationLab/i-h2o-living-meta, cochrane.csv) that column says
    "Cochrane Library" while each record is "Cochrane CENTRAL": preferring "Cochrane Library" preferred nothing, and
    the build said no export's database is "Cochrane Library". The name now stands for that export's records."""
    from synthesis.build import build
    import pandas as pd

    folder = tmp_path / "data" / "searches" / "2026-11"
    folder.mkdir(parents=True)
    (folder / "cochrane.csv").write_text(CENTRAL_CSV, encoding="utf-8")
    (folder / "scopus.ris").write_text(
        "TY  - JOUR\nAU  - Sclar, G.D.\nAU  - Bauza, V.\nAU  - Mosler, H.J.\nTI  - Study design and rationale for a "
        "cluster randomized trial of a safe child feces management intervention in rural Odisha, India\nPY  - 2022\n"
        "T2  - BMC Public Health\nVL  - 22\nIS  - 1\nSP  - 106\nDO  - 10.1186/s12889-021-12405-0\n"
        "AB  - Poor child feces management is believed to be an important source of exposure.\nKW  - sanitation\n"
        "UR  - https://www.scopus.com/inward/record.uri?eid=2-s2.0-85122820000\nER  - \n", encoding="utf-8")
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "review.toml").write_text(
        '[review]\ntitle = "Feces management"\npreferred_databases = ["Cochrane Library", "Scopus"]\n', encoding="utf-8")
    notes = build(tmp_path, progress=False).notes
    report = pd.read_csv(tmp_path / "output" / "import_report.csv")
    assert "Cochrane Library" in set(report["database"])
    assert not any("preferred_databases" in n for n in notes), notes
    library = pd.read_csv(tmp_path / "output" / "library.csv")
    assert len(library) == 1 and library["source_database"].iloc[0] == "Cochrane CENTRAL"


def test_one_record_not_imported_is_said_in_the_singular(tmp_path):
    """The search log's check said "1 of the 7 records in its export(s) were not imported" (nkowenn-cloud
    siriraj pubmed.nbib, its last record cut off): a line that goes into prisma_s.md's list to check."""
    from synthesis.build import build
    from synthesis.prisma import add_search

    folder = tmp_path / "data" / "searches" / "2026-11"
    folder.mkdir(parents=True)
    record = ("PMID- 4274752{n}\nOWN - NLM\nTI  - A randomized trial of nefopam {n}\nAU  - Chumpathong S\n"
              "DP  - 2026\nSO  - Eur Arch Otorhinolaryngol. 2026.\n\n")
    (folder / "pubmed.nbib").write_text(record.format(n=1) + record.format(n=2)
                                        + "PMID- 42747529\nOWN - NLM\nTI  - Cut off here\n", encoding="utf-8")
    add_search(tmp_path / "evidence" / "searches.toml", id="pubmed", database="PubMed", date="2026-11-03",
               search_string="nefopam", records_reported=3, files=["data/searches/2026-11/pubmed.nbib"])
    notes = build(tmp_path, progress=False).notes
    said = [n for n in notes if "not imported (see import_report.csv" in n]
    assert said and "1 of the 3 records in its export(s) was not imported" in said[0], notes


def test_an_earlier_round_still_being_screened_is_said_without_the_teams_numbers_while_blind(tmp_path):
    """Screening blind, the build's notes say no number made of the team's decisions until the team has screened
    (a record "awaiting" a second reviewer is one the other reviewer decided). The note on an earlier round still
    being screened said "round 2025-07: 2 records await a title/abstract decision" to a blind reviewer all the
    same; it names the round and no number, as the build's other notes do then."""
    import synthesis as syn
    from synthesis.build import build
    from synthesis.screening.log import DecisionLog

    project = tmp_path / "review"
    syn.new_project(project, "Heutagogy", team=["Ana", "Ben"], reviewers_per_record=2)
    toml = project / "evidence" / "review.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("blind = false", "blind = true"), encoding="utf-8")
    _two_rounds(project)
    build(project, progress=False)
    units = syn.read_screening_table(project / "output" / "units.csv")
    settings = syn.open_project(project).settings().screening
    log = DecisionLog(project / "evidence" / "screening", "Ana", settings, keys=units["group_id"])
    for key in units["group_id"]:
        log.record(key, "exclude")
    log.close()
    notes = build(project, progress=False).notes
    said = [n for n in notes if n.startswith("PRISMA: earlier rounds still being screened")]
    assert said and "round 2025-07" in said[0], notes
    assert not any(ch.isdigit() for ch in said[0].replace("2025-07", "").replace("2026-11", "")), said[0]


def test_a_doi_ending_in_its_own_bracket_keeps_it_in_every_reader(tmp_path):
    """normalise_doi kept the bracket a DOI opens (10.9770/jesi.2017.4.3S(2)), but the RIS reader took its DOIs
    with a rule of its own that cut every closing bracket, so the library still held "...3s(2" (w35: Scopus RIS,
    PadoSensei/eco-bilge-dashboard scopus.ris). One rule for both."""
    from synthesis.io import read_file
    from synthesis.io.sources.fields import doi_in

    assert doi_in("https://doi.org/10.9770/jesi.2017.4.3S(2)") == "10.9770/jesi.2017.4.3s(2)"
    assert doi_in("(doi: 10.1234/x)") == "10.1234/x"
    path = tmp_path / "scopus.ris"
    path.write_text("TY  - JOUR\nAU  - Munn, L.\nTI  - Embedded ethics\nPY  - 2017\nT2  - Entrepreneurship and "
                    "Sustainability Issues\nDO  - 10.9770/jesi.2017.4.3S(2)\nUR  - https://www.scopus.com/inward/"
                    "record.uri?eid=2-s2.0-85\nDB  - Scopus\nER  - \n\n", encoding="utf-8")
    records, _ = read_file(path)
    assert records["doi"].tolist() == ["10.9770/jesi.2017.4.3s(2)"]
