"""Trial registers' exports, which reviews search beside the bibliographic databases (Cochrane asks for
ClinicalTrials.gov and the WHO ICTRP): a few rows of each in the real layout of its download, what a reviewer must
get from them, and the PRISMA box they count in. Without their column maps none of them was read at all
("unknown format: no reader recognises this file")."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from synthesis.io import read_file

ROOT = Path(__file__).resolve().parents[1]

# ClinicalTrials.gov's "Download" > CSV on the current site (every column, in its order).
CTGOV = (
    "NCT Number,Study Title,Study URL,Acronym,Study Status,Brief Summary,Study Results,Conditions,Interventions,"
    "Primary Outcome Measures,Secondary Outcome Measures,Other Outcome Measures,Sponsor,Collaborators,Sex,Age,Phases,"
    "Enrollment,Funder Type,Study Type,Study Design,Other IDs,Start Date,Primary Completion Date,Completion Date,"
    "First Posted,Results First Posted,Last Update Posted,Locations,Study Documents\n"
    "NCT04333550,Application of Desferal to Treat COVID-19,https://clinicaltrials.gov/study/NCT04333550,,RECRUITING,"
    "\"Deferoxamine, an iron chelator, in adults with COVID-19.\",NO,COVID-19|Pneumonia,DRUG: Deferoxamine,"
    "Mortality rate,,,Kermanshah University of Medical Sciences,,ALL,\"CHILD, ADULT, OLDER_ADULT\",PHASE1|PHASE2,50,"
    "OTHER,INTERVENTIONAL,Allocation: RANDOMIZED,1398.1224,2020-04,2020-09,2021-03,2020-04-03,,2020-04-03,"
    "\"Kermanshah, Iran\",\n"
    "NCT05000000,Co-designing a Telehealth Service With Older Adults,https://clinicaltrials.gov/study/NCT05000000,"
    "CODESIGN,COMPLETED,,NO,Aging,BEHAVIORAL: Co-design workshops,Use of the service,,,University of Examples,,ALL,"
    "OLDER_ADULT,NA,30,OTHER,INTERVENTIONAL,Allocation: NA,EX-1,2021-08-01,2022-06-30,2022-12-31,2021-07-29,,"
    "2023-01-05,,\n")
# The classic site's CSV ("Rank" first, dates written out, "URL" last).
CTGOV_CLASSIC = (
    "Rank,NCT Number,Title,Acronym,Status,Study Results,Conditions,Interventions,Outcome Measures,"
    "Sponsor/Collaborators,Gender,Age,Phases,Enrollment,Funded Bys,Study Type,Study Designs,Other IDs,Start Date,"
    "Primary Completion Date,Completion Date,First Posted,Results First Posted,Last Update Posted,Locations,"
    "Study Documents,URL\n"
    "1,NCT04333550,Application of Desferal to Treat COVID-19,,Recruiting,No Results Available,COVID-19,"
    "Drug: Deferoxamine,Mortality rate,Kermanshah University of Medical Sciences,All,"
    "\"3 Years to 99 Years   (Child, Adult, Older Adult)\",Phase 1|Phase 2,50,Other,Interventional,"
    "Allocation: Randomized,1398.1224,April 2020,September 2020,March 2021,\"April 3, 2020\",,\"April 3, 2020\","
    "\"Kermanshah, Iran\",,https://ClinicalTrials.gov/show/NCT04333550\n")
# The WHO ICTRP search portal's CSV export (its columns, its day/month/year dates).
ICTRP = (
    "TrialID,Last Refreshed on,Public title,Scientific title,Primary sponsor,Date registration,Source Register,"
    "web address,Recruitment Status,Target size,Date enrollement,Study type,Phase,Countries,Condition,Intervention\n"
    "ISRCTN12345678,21 September 2026,,Photobiomodulation for chronic low back pain,University of Examples,"
    "13/09/2026,ISRCTN,https://www.isrctn.com/ISRCTN12345678,Recruiting,45,01/05/2027,Interventional,N/A,"
    "United Kingdom,Chronic pain;Back pain,LED treatment\n")


def _read(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_file(path)


def test_clinicaltrials_gov_csv(tmp_path):
    records, report = _read(tmp_path, "ctg-studies.csv", CTGOV)
    assert report.database == "ClinicalTrials.gov" and report.found == report.imported == 2
    first = records.iloc[0]
    assert first["source_id"] == "NCT04333550"
    assert first["title"] == "Application of Desferal to Treat COVID-19"
    assert first["year"] == 2020  # first posted
    assert first["abstract"] == "Deferoxamine, an iron chelator, in adults with COVID-19."
    assert list(first["keywords"]) == ["COVID-19", "Pneumonia"]
    assert first["url"] == "https://clinicaltrials.gov/study/NCT04333550"
    assert list(first["authors"]) == [] and first["journal"] == ""  # a sponsor is not an author
    assert records.iloc[1]["year"] == 2021 and records.iloc[1]["source_id"] == "NCT05000000"


def test_clinicaltrials_gov_classic_csv(tmp_path):
    records, report = _read(tmp_path, "SearchResults.csv", CTGOV_CLASSIC)
    assert report.database == "ClinicalTrials.gov"
    first = records.iloc[0]
    assert (first["source_id"], first["year"]) == ("NCT04333550", 2020)
    assert first["title"] == "Application of Desferal to Treat COVID-19"
    assert first["url"] == "https://ClinicalTrials.gov/show/NCT04333550"


def test_who_ictrp_csv(tmp_path):
    records, report = _read(tmp_path, "ictrp.csv", ICTRP)
    assert report.database == "WHO ICTRP"
    first = records.iloc[0]
    assert first["source_id"] == "ISRCTN12345678"
    assert first["title"] == "Photobiomodulation for chronic low back pain"  # no public title: the scientific one
    assert first["year"] == 2026
    assert list(first["keywords"]) == ["Chronic pain", "Back pain"]
    assert first["raw"]["Source Register"] == "ISRCTN"


def test_a_register_export_counts_in_the_registers_box(tmp_path, shared_data):
    """Records from ClinicalTrials.gov are "identified from registers" in the PRISMA 2020 diagram, beside the
    databases' records, also when no search log says so."""
    from synthesis.build import build

    export = (shared_data / "imports" / "citesource_sets" / "gambling_harms_topic_coverage"
              / "CiteSource__20221207_gambling-harms_crimjust_41.ris")
    folder = tmp_path / "data" / "searches" / "2026-01"
    folder.mkdir(parents=True)
    shutil.copy(export, folder)
    (folder / "ctg-studies.csv").write_text(CTGOV, encoding="utf-8")
    build(tmp_path, progress=False)
    counts = json.loads((tmp_path / "output" / "prisma_counts.json").read_text(encoding="utf-8"))
    assert counts["register_results"] == 2 and counts["register_specific_results"] == [["ClinicalTrials.gov", 2]]
    assert counts["database_results"] == 41


def test_one_registration_from_three_sources_is_screened_once(tmp_path):
    """ClinicalTrials.gov's, the ICTRP's and CENTRAL's copies of one registration, with the brief title in one and
    the scientific title in another, are one record to screen: the diagram counts them as duplicates."""
    from synthesis.build import build

    folder = tmp_path / "data" / "searches" / "2026-01"
    folder.mkdir(parents=True)
    (folder / "ctg-studies.csv").write_text(CTGOV, encoding="utf-8")
    (folder / "ictrp.csv").write_text(ICTRP + (
        "NCT04333550,21 September 2026,Application of Desferal to Treat COVID-19,Evaluation of Deferoxamine in "
        "Adults With Severe COVID-19: A Randomised Phase 1/2 Trial,Kermanshah University of Medical Sciences,"
        "01/04/2020,ClinicalTrials.gov,https://clinicaltrials.gov/show/NCT04333550,Recruiting,50,01/04/2020,"
        "Interventional,Phase 1/Phase 2,Iran (Islamic Republic of),COVID-19,Drug: Deferoxamine\n"), encoding="utf-8")
    (folder / "central.ris").write_text(
        "TY  - JOUR\nID  - CN-02300000\nTI  - Co-design of a telehealth service with older adults\n"
        "JO  - https://clinicaltrials.gov/show/NCT05000000\nPY  - 2022\n"
        "UR  - https://www.cochranelibrary.com/central/doi/10.1002/central/CN-02300000/full\nER  - \n",
        encoding="utf-8")
    build(tmp_path, progress=False)
    counts = json.loads((tmp_path / "output" / "prisma_counts.json").read_text(encoding="utf-8"))
    assert counts["register_results"] == 4 and counts["database_results"] == 1
    assert counts["database_specific_results"] == [["Cochrane CENTRAL", 1]]
    assert counts["duplicates"] == 2
    import pandas as pd

    queue = pd.read_csv(tmp_path / "output" / "screening_queue.csv")
    assert len(queue) == 3  # the two registrations on ClinicalTrials.gov and the ISRCTN one
    # with no search log yet, PRISMA-S names the databases and registers from the exports (it left both to the
    # authors)
    report = (tmp_path / "output" / "prisma_s.md").read_text(encoding="utf-8")
    assert "| 1 | Database name | exports |" in report and "| 3 | Study registries | exports |" in report
    registries = report.split("### 3. Study registries")[1].split("###")[0]
    assert "- ClinicalTrials.gov\n- WHO ICTRP" in registries
