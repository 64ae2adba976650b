"""Rayyan and Covidence exports from public repositories that the exchange was not tuned on (helper w37).

Each test carries a shortened excerpt of a real export inline (abstracts and reference lists cut), so it runs
without ``../heldout/w37``; the full excerpts and where they come from are in ``../heldout/w37/PROVENANCE.tsv``.
"""
from __future__ import annotations

import pandas as pd
import pytest

from synthesis.screening import ScreeningSettings, current_decisions, make_unit_table, read_logs
from synthesis.screening.exchange import import_covidence, import_rayyan, rayyan_votes_waiting

# felipe-bonato/review-result-concurrency_embedded_systems, articles.bib: Rayyan's BibTeX export of a Scopus
# search; every note carries Scopus's "Export Date" and its links are Scopus's, only the keys and votes are Rayyan's
RAYYAN_BIB_OF_SCOPUS = """@article{rayyan-913079810,
  title={A Secure and Scalable IoT Consensus Protocol},
  year={2023},
  journal={5th EAI International Conference on Safety and Security in Internet of Things, EAI SaSeIoT 2021},
  pages={65-80},
  author={MacKenzie, B.A. and Ferguson, I. and Razaq, A.},
  url={https://www.scopus.com/inward/record.uri?eid=2-s2.0-85133020980&partnerID=40},
  note={Conference code: 279109
Export Date: 15 December 2022
References: Hung, M., (2017) Insight on How to Lead in a Connected World | RAYYAN-INCLUSION: {"Felipe"=>"Excluded"}},
  doi={10.1007/978-3-030-94285-4_5}
}

@article{rayyan-913079811,
  title={Performance of Narrow Band Wide Area Networks with Gateway Diversity},
  year={2022},
  journal={Sensors},
  author={Can, B. and Karaoğlu, B. and Bhat, U.},
  url={https://www.scopus.com/inward/record.uri?eid=2-s2.0-85142716011&partnerID=40},
  note={Export Date: 15 December 2022
Funding details: SX-1262}
}
"""


def test_rayyan_bibtex_of_a_scopus_search_is_named_rayyan_and_its_votes_wait(tmp_path):
    """The build names a file by its marks; Rayyan's BibTeX keeps Scopus's links and notes, so one vote among two
    records lost to Scopus's two links, and the build did not say the file's votes wait for import-rayyan."""
    from synthesis.io import read_export

    path = tmp_path / "articles.bib"
    path.write_text(RAYYAN_BIB_OF_SCOPUS, encoding="utf-8")
    records = read_export(path).records
    assert records["source_database"].tolist() == ["Rayyan", "Rayyan"]
    notes = rayyan_votes_waiting(records, [], ScreeningSettings(team=["Felipe"]))
    assert len(notes) == 1 and "votes of Felipe on 1 record," in notes[0]


# mrc-ide/priority-pathogens, data/Nipah_excluded_studies.csv: Covidence's list of the references excluded at full
# text (three of its rows); each note starts with the reason, reviewers' notes follow
COVIDENCE_EXCLUDED = """Title,Authors,Abstract,Published Year,Published Month,Journal,Volume,Issue,Pages,\
Accession Number,DOI,Ref,Covidence #,Study,Notes,Tags
A threat from the newly discovered viruses: Nipah viral encephalitis,"Zeng, ZhiLei; Chen, Xiao; Xie, Peng",,2007,\
2007,Chinese Journal of Zoonoses,23,12,1265-1268,CABI:20083063589,,,#3,Zeng 2007,Exclusion reason: Not in English; ,""
Hendra and Nipah viruses,"Rollin, P. E.; Rota, P.; Zaki, S.",,2006,,,,Ed.9,1478-1485,CABI:20073141676,,,#12,\
Rollin 2006,Exclusion reason: Not peer-reviewed paper; Lorenzo Cattarino (2019-09-17 18:41:56)(Select): book; ,""
"Nipah virus outbreak(s) in Bangladesh, January-April 2004","",,2004,2004-Apr-23,Releve epidemiologique \
hebdomadaire,79,17,168-71,MEDLINE:15132054,,,#420,,Exclusion reason: Not peer-reviewed paper; Sangeeta Bhatia \
(2019-08-29 22:02:19)(Select): WER; ,Seroprevalence in animals; Useful
"""


def _units_of(path) -> pd.DataFrame:
    from synthesis.io import read_export

    recs = read_export(path).records
    return make_unit_table(pd.DataFrame({"group_id": [f"g{i}" for i in range(len(recs))], "title": recs["title"],
                                         "year": recs["year"], "doi": recs["doi"]}))


def test_covidence_full_text_list_says_the_records_passed_title_abstract(tmp_path):
    """A reference on Covidence's excluded (or included) list was included at title/abstract first; imported
    alone, the list left every record undecided at title/abstract, against the file."""
    from synthesis.screening import screening_status

    path = tmp_path / "Nipah_excluded_studies.csv"
    path.write_text(COVIDENCE_EXCLUDED, encoding="utf-8")
    units = _units_of(path)
    settings = ScreeningSettings(team=["Lorenzo"], reasons=["Not in English", "Not peer-reviewed paper"])
    report = import_covidence(path, units, tmp_path / "ev", "Lorenzo", settings)
    assert report.rows == report.matched == 3 and not report.problems
    entries = read_logs(tmp_path / "ev", settings).entries
    ta = screening_status(entries, units, "title_abstract", settings)
    assert ta["decision"].tolist() == ["include"] * 3
    ft = screening_status(entries, units, "full_text", settings)
    assert ft["decision"].tolist() == ["exclude"] * 3
    assert ft["reason"].tolist() == ["Not in English", "Not peer-reviewed paper", "Not peer-reviewed paper"]
    again = import_covidence(path, units, tmp_path / "ev", "Lorenzo", settings)
    assert sum(again.logged.values()) == 0


# befriendabacterium/rayyanR, example_inputs/tinea_update.ris: an early Rayyan RIS (keys rayyan-14431...) whose
# authors came out initial first ("S, Choudhary" is Choudhary S.), N1 with a leading space, "ER  -" bare
RAYYAN_RIS_INITIAL_FIRST = """TY  - JOUR
AN  - rayyan-14431
TI  - Efficacy and safety of terbinafine hydrochloride 1% cream vs. sertaconazole nitrate 2% cream in tinea corporis
Y1  - 2013
T2  - Indian journal of dermatology
SP  - 457-60-
AU  - S, Choudhary
AU  - S, Bisati
AU  - A, Singh
AU  - S, Koley
N1  -  RAYYAN-INCLUSION: {"Zbys"=>"Excluded", "m.el-gohary"=>"Included"} | RAYYAN-LABELS: M.el-G please review
ER  -

TY  - JOUR
AN  - rayyan-14435
TI  - Comparative evaluation of newer topical antifungal agents in the treatment of superficial fungal infections
Y1  - 2013
AU  - Tamil Selvan, A.
AU  - Girisha, G.
AU  - , Vijaybhaskar
AU  - Suthakaran, R.
N1  -  RAYYAN-LABELS: M.el-G please review,need to see full text
ER  -
"""


def test_rayyan_ris_names_written_initial_first_are_turned_round(tmp_path):
    """Every author of the record written "initial, family name": read as written, the first author was "S, C.",
    so the record cited as "S et al." and its duplicate from the database, "Choudhary, S.", had no author in
    common. A record with one such name among ordinary ones keeps it as written."""
    from synthesis.io import read_export

    path = tmp_path / "tinea_update.ris"
    path.write_text(RAYYAN_RIS_INITIAL_FIRST, encoding="utf-8")
    records = read_export(path).records
    assert records["authors"].tolist() == [["Choudhary, S.", "Bisati, S.", "Singh, A.", "Koley, S."],
                                           ["Tamil Selvan, A.", "Girisha, G.", "Vijaybhaskar", "Suthakaran, R."]]
    assert records["year"].tolist() == [2013, 2013] and records["pages"].tolist() == ["457-460", ""]


def test_rayyan_customizations_log_is_named_and_the_articles_file_asked_for(tmp_path):
    """Rayyan's export is a zip of articles.csv (or .ris/.bib) and customizations_log.csv, a log of each user's
    clicks by e-mail address and article number (fagnersutel's, paraphrased with a made-up address); given the log,
    the import said only that the file lacked a notes column."""
    path = tmp_path / "customizations_log.csv"
    path.write_text('created_at,user_id,user_email,article_id,key,value\n2021-05-12T11:08:41.919Z,101169,'
                    'someone@example.org,169523323,"""__EXR__Duplicatas""",1\n2021-05-12T11:08:42.013Z,101169,'
                    'someone@example.org,169523323,included,-1\n', encoding="utf-8")
    units = make_unit_table(pd.DataFrame({"group_id": ["g0"], "title": ["A paper"], "year": [2021]}))
    with pytest.raises(Exception, match="Rayyan's customizations log.*articles.csv"):
        import_rayyan(path, units, tmp_path / "ev", ScreeningSettings(team=["Fagner"]))


def test_notes_of_two_rayyan_reviews_give_the_last_reviews_votes(tmp_path):
    """Records screened in one Rayyan review and brought into a second (a team's full-text review) carry the first
    review's segments in their notes, and Rayyan writes its own after them: a public cleaning script of such an
    export splits "RAYYAN-LABELS ... RAYYAN-LABELS" for that reason. The votes merged into one set, so a
    reviewer's title/abstract vote stood as a full-text vote where they had not voted at full text yet."""
    from synthesis.screening.exchange import parse_rayyan_notes

    notes = ('RAYYAN-INCLUSION: {"Ann"=>"Included", "Bo"=>"Included"} | RAYYAN-LABELS: screening | '
             'RAYYAN-INCLUSION: {"Ann"=>"Excluded"} | RAYYAN-LABELS: genetic | RAYYAN-EXCLUSION-REASONS: wrong design')
    assert parse_rayyan_notes(notes) == ({"Ann": "exclude"}, ["genetic"], ["wrong design"], {})
    path = tmp_path / "articles.csv"
    path.write_text('key,title,year,authors,notes\nrayyan-1,A paper,2020,A B,"' + notes.replace('"', '""') + '"\n',
                    encoding="utf-8")
    units = make_unit_table(pd.DataFrame({"group_id": ["g0"], "title": ["A paper"], "year": [2020]}))
    settings = ScreeningSettings(team=["Ann", "Bo"], reasons=["wrong design"])
    report = import_rayyan(path, units, tmp_path / "ev", settings, stage="full_text")
    assert report.logged == {"Ann": 1} and "an earlier Rayyan review" in str(report)


def test_rayyan_csv_of_scopus_records_takes_the_doi_from_scopus_link(tmp_path):
    """fagnersutel's Rayyan CSV of a Scopus search: the doi column is empty on every row and the DOI is only in
    Scopus's link (``...&doi=10.1061%2fJTEPBS.0000516&...``), so the records met their duplicates from other
    databases by title alone."""
    from synthesis.io import read_export

    header = ("key,title,year,month,day,journal,issn,volume,issue,pages,authors,url,language,publisher,location,"
              "abstract,notes,doi,keywords,pubmed_id,pmc_id\n")
    row = ('rayyan-169523195,Spatial Multiresolution Analysis Approach to Identify Crash Hotspots and Estimate Crash '
           'Risk,2021,,,Journal of Transportation Engineering Part A: Systems,24732907 (ISSN),147,5,,"Katicha, S.W. '
           'and Khoury, J. and Flintsch, G.",https://www.scopus.com/inward/record.uri?eid=2-s2.0-85101746523&doi=10.'
           '1061%2fJTEPBS.0000516&partnerID=40&md5=cb817fea1d6097ace0976f90596ebd19,English,,,,"Export Date: 10 May '
           '2021 | RAYYAN-INCLUSION: {""LUCAS""=>""Excluded""}",,,,\n')
    path = tmp_path / "articles.csv"
    path.write_text(header + row, encoding="utf-8")
    rec = read_export(path).records.iloc[0]
    assert rec["doi"] == "10.1061/jtepbs.0000516" and rec["source_database"] == "Rayyan"
    assert rec["authors"] == ["Katicha, S. W.", "Khoury, J.", "Flintsch, G."] and rec["year"] == 2021


def test_build_names_a_reviewer_rayyan_wrote_with_a_trailing_space_once(tmp_path):
    """fagnersutel's export names one reviewer "Fagner " (a space inside the quotes); the import takes him as
    Fagner, but the build's note read "the votes of Fagner , LUCAS"."""
    from synthesis.io import read_export

    path = tmp_path / "articles.csv"
    path.write_text('key,title,year,authors,notes\nrayyan-1,A paper,2021,"Katicha, S.W.","RAYYAN-INCLUSION: '
                    '{""LUCAS""=>""Excluded"", ""Fagner ""=>""Excluded""}"\n', encoding="utf-8")
    notes = rayyan_votes_waiting(read_export(path).records, [], ScreeningSettings(team=["LUCAS", "Fagner"]))
    assert len(notes) == 1 and "the votes of Fagner, LUCAS on 1 record," in notes[0]


def test_covidence_file_name_naming_two_lists_is_not_guessed(tmp_path):
    """JZSang/srma keeps Covidence's irrelevant and excluded lists and one file of both,
    "reinfection_review_211650_irrelevant_excluded_csv_20240303130132.csv" (its size is theirs together): read
    as the irrelevant list, its full-text exclusions became title/abstract exclusions. A name such as
    "full_text_excluded.csv" is the excluded list (of full text), not the full-text (select) list."""
    units = make_unit_table(pd.DataFrame({"group_id": ["g0"], "title": ["A paper on reinfection"], "year": [2020]}))
    body = ('Title,Authors,Published Year,DOI,Ref,Covidence #,Study,Notes,Tags\n'
            'A paper on reinfection,"Doe, J.",2020,,,#7,Doe 2020,Exclusion reason: Wrong outcome; ,""\n')
    both = tmp_path / "reinfection_review_211650_irrelevant_excluded_csv_20240303130132.csv"
    both.write_text(body, encoding="utf-8")
    settings = ScreeningSettings(team=["Ann"], reasons=["Wrong outcome"])
    with pytest.raises(Exception, match="names two of Covidence's lists"):
        import_covidence(both, units, tmp_path / "ev", "Ann", settings)
    assert not (tmp_path / "ev").exists() or not list((tmp_path / "ev").glob("*.jsonl"))
    ft = tmp_path / "full_text_excluded.csv"
    ft.write_text(body, encoding="utf-8")
    import_covidence(ft, units, tmp_path / "ev", "Ann", settings)
    cur = current_decisions(read_logs(tmp_path / "ev", settings).entries)
    assert sorted(zip(cur["stage"], cur["decision"])) == [("full_text", "exclude"), ("title_abstract", "include")]


def test_covidence_reasons_numbered_in_covidence_meet_the_reviews_list(tmp_path):
    """mrc-ide's MERS review numbered its reasons in Covidence ("5.  no report of parameters ..."); written in
    review.toml without the numbers, every row was refused as a reason not on the review's list."""
    body = ('Title,Authors,Abstract,Published Year,Published Month,Journal,Volume,Issue,Pages,Accession Number,DOI,'
            'Ref,Covidence #,Study,Notes,Tags\n'
            'Spread of MERS to South Korea and China.,Hui DS.; Perlman S.; Zumla A.,,2015,Jul,The Lancet. Respiratory '
            'medicine,3,7,509-10,,10.1016/S2213-2600(15)00238-6,26050550,#646,Hui 2015,Exclusion reason: 5.  no '
            'report of parameters; Lorenzo Cattarino (2019-10-25 20:17:22)(Select): it is a comment; ,""\n'
            'Research needed to prevent MERS coronavirus outbreaks.,Devi S.,,2017,04,"Lancet (London, England)",389,'
            '10078,1502,,10.1016/S0140-6736(17)30998-4,28422017,#854,Devi 2017,"Exclusion reason: 7.  not peer '
            'reviewed paper; Isobel Routledge (2019-10-24 07:54:31)(Select): report, not peer reviewed; ",review\n')
    path = tmp_path / "MERS_excluded_studies.csv"
    path.write_text(body, encoding="utf-8")
    units = _units_of(path)
    settings = ScreeningSettings(team=["Lorenzo"], reasons=["No report of parameters", "Not peer reviewed paper"])
    report = import_covidence(path, units, tmp_path / "ev", "Lorenzo", settings)
    assert not report.problems
    cur = current_decisions(read_logs(tmp_path / "ev", settings).entries)
    ft = cur[cur["stage"] == "full_text"].sort_values("key")
    assert ft["reason"].tolist() == ["No report of parameters", "Not peer reviewed paper"]
