"""Matching PDFs to records (every naming style, every broken-file case), evidence, retrieval, reports, widget."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from synthesis.fulltext import FulltextEvidence, inspect_pdf, match_pdfs, parse_file_name
from synthesis.fulltext.match import same_author
from synthesis.fulltext.pdftext import find_dois, render_page
from synthesis.screening import DecisionLog, ScreeningSettings, make_unit_table, prisma_counts, read_logs
from synthesis.screening.units import units_from_records, write_unit_table

ROOT = Path(__file__).resolve().parents[1]

UNITS = [
    {"group_id": "g1", "title": "Co-designing a diabetes self-management app with patients and carers",
     "authors": ["Smith, Jane", "Lee, Kim"], "year": 2021, "journal": "JMIR Diabetes", "doi": "10.2196/12345"},
    {"group_id": "g2", "title": "Participatory design of telehealth services for older adults in rural Scotland",
     "authors": ["van der Berg, Anna"], "year": 2019, "journal": "BMJ Open", "doi": "10.1136/bmjopen-2019-000111",
     "pmid": "31234567"},
    {"group_id": "g3", "title": "Patient partners in mental health research: a qualitative evaluation of involvement",
     "authors": ["O'Brien, Liam", "Chen, Wei", "Patel, Raj"], "year": 2020, "journal": "Health Expectations",
     "doi": ""},
    {"group_id": "g4", "title": "Experience-based co-design in emergency departments: a realist review of outcomes",
     "authors": ["García, María"], "year": 2022, "journal": "BMJ Quality & Safety", "doi": "10.1136/bmjqs-2022-0001"},
    {"group_id": "g5", "title": "Co-production of a community falls prevention programme with older people",
     "authors": ["Kowalski, Piotr"], "year": 2018, "journal": "Age and Ageing", "doi": ""},
]


def draw_pdf(path: Path, lines, scan: bool = False, pages: int = 2, metadata=None) -> Path:
    """A small PDF: ``lines`` on the first page (as text, or drawn as an image when ``scan``)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    with plt.rc_context({"pdf.use14corefonts": True}):  # fast to write; not left set for other tests
        return _draw(plt, PdfPages, path, lines, scan, pages, metadata)


def _draw(plt, PdfPages, path, lines, scan, pages, metadata):
    fig = plt.figure(figsize=(8.27, 11.69))
    for i, line in enumerate(lines):
        fig.text(0.08, 0.94 - 0.03 * i, line, fontsize=12 if i else 14)
    path.parent.mkdir(parents=True, exist_ok=True)
    with PdfPages(path) as pdf:
        if scan:
            fig.canvas.draw()
            import numpy as np

            img = np.asarray(fig.canvas.buffer_rgba())[:, :, :3]
            plt.close(fig)
            fig = plt.figure(figsize=(8.27, 11.69))
            ax = fig.add_axes([0, 0, 1, 1])
            ax.imshow(img)
            ax.axis("off")
        pdf.savefig(fig, dpi=60 if scan else 72)
        plt.close(fig)
        for k in range(1, 1 if scan else pages):  # a scan has no text on any page
            f2 = plt.figure(figsize=(8.27, 11.69))
            f2.text(0.1, 0.9, f"Page {k + 1}: methods and results of the co-design workshops.", fontsize=11)
            pdf.savefig(f2)
            plt.close(f2)
    if metadata:
        from pypdf import PdfReader, PdfWriter

        w = PdfWriter(clone_from=PdfReader(str(path)))
        w.add_metadata(metadata)
        with open(path, "wb") as fh:
            w.write(fh)
    return path


def first_page(unit, doi=True, journal_line="Journal of Examples 2021; 12: 1-10"):
    lines = [journal_line, unit["title"], "; ".join(unit["authors"]) + f" ({unit['year']})", "Abstract",
             "Background: people with long-term conditions and their carers took part in every workshop."]
    if doi and unit.get("doi"):
        lines.append(f"https://doi.org/{unit['doi']}")
    return lines


@pytest.fixture()
def units():
    return make_unit_table(UNITS)


def status_of(result, name):
    rows = result.table[result.table["file"] == name]
    assert len(rows) == 1, result.table
    return rows.iloc[0]


# ----------------------------------------------------------------------------------------- file names
def test_file_name_parsing_for_reference_manager_styles():
    assert parse_file_name("Smith et al. - 2021 - Co-designing a diabetes app.pdf") == ("smith", 2021,
                                                                                     "co designing a diabetes app")
    assert parse_file_name("Smith and Lee - 2021 - Co-designing.pdf")[:2] == ("smith", 2021)
    assert parse_file_name("Smith - 2021 - Co-designing.pdf")[:2] == ("smith", 2021)
    assert parse_file_name("Smith 2021 Co-designing a diabetes app.pdf")[:2] == ("smith", 2021)
    assert parse_file_name("Smith_2021_Co-designing_a_diabetes_app.pdf")[2] == "co designing a diabetes app"
    assert parse_file_name("Smith-2021-Co-designing-a-diabetes-app.pdf")[:2] == ("smith", 2021)
    assert parse_file_name("O'Brien et al 2020 Patient partners.pdf")[:2] == ("obrien", 2020)
    assert parse_file_name("download (3).pdf") is None
    assert parse_file_name("1-s2.0-S0277953620301234-main.pdf") is None
    assert same_author("vanderberg", "berg") and same_author("garcia", "garcia") and not same_author("li", "lee")


def test_dois_in_file_names_and_text():
    assert "10.2196/12345" in find_dois("10.2196_12345.pdf", file_name=True)
    assert "10.1136/bmjopen-2019-000111" in find_dois("10.1136%2Fbmjopen-2019-000111.pdf", file_name=True)
    assert find_dois("Available at https://doi.org/10.1016/j.\nsocscimed.2020.113.") == ["10.1016/j.socscimed.2020.113"]


def test_every_naming_style_is_matched(tmp_path, units):
    u = {r["group_id"]: r for r in UNITS}
    folder = tmp_path / "pdfs"
    # Named by DOI (a slash cannot be in a file name), by PMID, Zotero, EndNote; the page has no DOI, so
    # only the name can tell, except where the page is the clue.
    draw_pdf(folder / "10.2196_12345.pdf", first_page(u["g1"], doi=False))
    draw_pdf(folder / "PMID 31234567.pdf", first_page(u["g2"], doi=False))
    draw_pdf(folder / "O'Brien et al. - 2020 - Patient partners in mental health research a qualitative.pdf",
             first_page(u["g3"], doi=False), scan=True)
    draw_pdf(folder / "García 2022 Experience-based co-design in emergency departments.pdf",
             first_page(u["g4"], doi=False), scan=True)
    draw_pdf(folder / "sub" / "Kowalski_2018_Co-production_of_a_community_falls.pdf",
             first_page(u["g5"], doi=False), scan=True)
    # Random names: the DOI in the metadata, the DOI on the page, the title on the page.
    draw_pdf(folder / "fulltext_48213.pdf", first_page(u["g2"], doi=False), metadata={"/doi": u["g2"]["doi"]})
    draw_pdf(folder / "download (3).pdf", first_page(u["g4"], doi=True))
    draw_pdf(folder / "a8f3c2e1.pdf", first_page(u["g3"], doi=False))
    result = match_pdfs(folder, units, workers=1)
    expected = {
        "10.2196_12345.pdf": ("g1", "doi in file name"),
        "PMID 31234567.pdf": ("g2", "pmid in file name"),
        "O'Brien et al. - 2020 - Patient partners in mental health research a qualitative.pdf": ("g3", "file name"),
        "García 2022 Experience-based co-design in emergency departments.pdf": ("g4", "file name"),
        "sub/Kowalski_2018_Co-production_of_a_community_falls.pdf": ("g5", "file name"),
        "fulltext_48213.pdf": ("g2", "doi in metadata"),
        "download (3).pdf": ("g4", "doi on first page"),
        "a8f3c2e1.pdf": ("g3", "title on first page"),
    }
    for name, (group, method) in expected.items():
        row = status_of(result, name)
        assert (row["group_id"], row["method"], row["status"]) == (group, method, "matched"), (name, row.to_dict())
        assert 0.8 <= row["confidence"] <= 1.0
    assert len(result.pdfs_of("g2")) == 2 and len(result.pdfs_of("g4")) == 2  # several reports of one group


def test_unsure_matches_are_offered_never_used(tmp_path, units):
    u = {r["group_id"]: r for r in UNITS}
    folder = tmp_path / "pdfs"
    # A decoy: the library title is only the start of a longer title on the page.
    decoy = dict(u["g5"], title=u["g5"]["title"] + " and its evaluation in three countries")
    draw_pdf(folder / "x1.pdf", ["Age and Ageing 2018", decoy["title"], "Kowalski, Piotr (2018)"])
    # The year in the name differs from the record's: a person must say.
    draw_pdf(folder / "Smith et al. - 2019 - Co-designing a diabetes self-management app with patients.pdf",
             ["nothing useful on this page"])
    # A page that cites another record's DOI but is not that paper.
    draw_pdf(folder / "x2.pdf", ["A letter about something else entirely", "Wu, A. (2023)",
                                 f"In reply to doi:{u['g1']['doi']}"])
    # A title-only page of a scan with a random name: nothing to go on.
    draw_pdf(folder / "scan0042.pdf", first_page(u["g1"]), scan=True)
    result = match_pdfs(folder, units, workers=1)
    assert status_of(result, "x1.pdf")["status"] == "unsure"
    assert status_of(result, "x1.pdf")["group_id"] == "g5"
    name = "Smith et al. - 2019 - Co-designing a diabetes self-management app with patients.pdf"
    assert (status_of(result, name)["status"], status_of(result, name)["group_id"]) == ("unsure", "g1")
    assert status_of(result, "x2.pdf")["status"] == "unsure"
    scan = status_of(result, "scan0042.pdf")
    assert scan["status"] == "unmatched" and "no text layer" in scan["note"]
    assert result.attached() == {}  # nothing unsure is used


def test_real_pdfs_are_matched_to_their_records(shared_data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import synthesis as syn

        units = units_from_records(syn.read_exports([shared_data / "fulltext" / "records.ris"]).records)
    result = match_pdfs(shared_data / "fulltext" / "pdfs", units, workers=1)
    by_title = dict(zip(units["group_id"], units["title"]))
    got = {r.file: (by_title.get(r.group_id, "")[:20], r.status) for r in result.table.itertuples()}
    assert got == {
        "0807.3577.pdf": ("Apparent and average", "matched"),
        "MullenJSSv18i03.pdf": ("TIMP: an R package f", "matched"),
        "Wang-paperAVE2008.pdf": ("Information synthesi", "matched"),
        "ZFN-A-054-0304-0272.pdf": ("Exact solitary-wave ", "matched"),
        "gadr.pdf": ("Generalized Markdown", "matched"),
        "1001._0908.0054.pdf": ("", "unmatched"),  # in no record
        "submission_161.pdf": ("", "unmatched"),
    }
    assert status_of(result, "0807.3577.pdf")["method"] == "doi on first page"


def test_real_pdfs_renamed_by_reference_managers(shared_data, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import synthesis as syn

        units = units_from_records(syn.read_exports([shared_data / "fulltext" / "records.ris"]).records)
    src = shared_data / "fulltext" / "pdfs"
    folder = tmp_path / "zotero"
    folder.mkdir()
    shutil.copy(src / "gadr.pdf", folder / "Kopp and Armbruster - 2018 - Generalized Markdown Architectural Decision Records.pdf")
    shutil.copy(src / "0807.3577.pdf", folder / "10.1088_1475-7516_2008_10_003.pdf")
    shutil.copy(src / "MullenJSSv18i03.pdf", folder / "Mullen 2007 TIMP an R package for modeling.pdf")
    result = match_pdfs(folder, units, workers=1)
    methods = dict(zip(result.table["file"], zip(result.table["method"], result.table["status"])))
    assert methods == {
        "Kopp and Armbruster - 2018 - Generalized Markdown Architectural Decision Records.pdf": ("file name", "matched"),
        "10.1088_1475-7516_2008_10_003.pdf": ("doi in file name", "matched"),
        "Mullen 2007 TIMP an R package for modeling.pdf": ("file name", "matched"),
    }


# ----------------------------------------------------------------------------------------- broken files
def broken_folder(folder: Path, shared_data=None) -> dict:
    """Every kind of file named .pdf that cannot be used, with the words its problem must contain."""
    folder.mkdir(parents=True, exist_ok=True)
    good = draw_pdf(folder / "good.pdf", first_page(UNITS[0]))
    data = good.read_bytes()
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "paywall.pdf").write_text("<!DOCTYPE html><html><body>Sign in to read</body></html>")
    (folder / "word.pdf").write_bytes(b"PK\x03\x04 a .docx renamed")
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 2])
    (folder / "garbage.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 200 + b"\n%%EOF\n")
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(str(good)))
    w.encrypt(user_password="secret", owner_password="owner")
    with open(folder / "locked.pdf", "wb") as fh:
        w.write(fh)
    w = PdfWriter(clone_from=PdfReader(str(good)))
    w.encrypt(user_password="", owner_password="owner")  # printing restricted only: opens without a password
    with open(folder / "restricted.pdf", "wb") as fh:
        w.write(fh)
    return {"empty.pdf": "empty", "paywall.pdf": "HTML", "word.pdf": "not a PDF", "truncated.pdf": "truncated",
            "garbage.pdf": "damaged", "locked.pdf": "password"}


def test_broken_files_are_reported_with_their_path_and_skipped(tmp_path, units):
    folder = tmp_path / "pdfs"
    expected = broken_folder(folder)
    result = match_pdfs(folder, units, workers=1)
    for name, words in expected.items():
        row = status_of(result, name)
        assert row["status"] == "broken", (name, row.to_dict())
        assert words.lower() in row["note"].lower(), (name, row["note"])
        assert any(p.startswith(str(folder / name)) for p in result.problems)
    assert status_of(result, "good.pdf")["status"] == "matched"
    assert status_of(result, "restricted.pdf")["status"] == "matched"  # owner-restricted opens fine
    assert not inspect_pdf(folder / "locked.pdf").ok
    assert isinstance(render_page(folder / "truncated.pdf"), bytes)  # a damaged file renders as nothing, never raises


def test_broken_files_in_parallel_workers(tmp_path, units):
    folder = tmp_path / "many"
    broken_folder(folder)
    for i in range(40):  # enough files for the worker processes to be used
        shutil.copy(folder / "good.pdf", folder / f"copy{i:02d}.pdf")
    result = match_pdfs(folder, units, workers=2)
    assert (result.table["status"] == "broken").sum() == 6
    # every file was read by the workers; good.pdf and its 40 copies are one report (the first by name), not 41
    assert (result.table["status"] == "matched").sum() == 2 and (result.table["status"] == "copy").sum() == 40
    assert result.table.loc[result.table["status"] == "copy", "note"].str.contains("copy00.pdf").all()


UNGUARDED_SCRIPT = """
import functools, multiprocessing, sys
from concurrent.futures import ProcessPoolExecutor
import synthesis.fulltext.match as match
# Spawned workers, as on Windows and macOS; the script has no `if __name__ == "__main__":` guard.
match.ProcessPoolExecutor = functools.partial(ProcessPoolExecutor, mp_context=multiprocessing.get_context("spawn"))
infos = match._inspect_many([sys.argv[1]] * 40, 2)
print(sum(info.ok for info in infos))
"""


def test_an_unguarded_script_on_a_spawning_platform_still_reads_every_pdf(tmp_path):
    folder = tmp_path / "pdfs"
    broken_folder(folder)
    script = tmp_path / "unguarded.py"
    script.write_text(UNGUARDED_SCRIPT, encoding="utf-8")
    run = subprocess.run([sys.executable, str(script), str(folder / "good.pdf")], capture_output=True,
                         text=True, timeout=300, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip().splitlines()[-1] == "40"


# ----------------------------------------------------------------------------------------- evidence
def test_confirmed_and_rejected_matches_survive_a_rerun(tmp_path, units):
    u = {r["group_id"]: r for r in UNITS}
    folder = tmp_path / "pdfs"
    draw_pdf(folder / "scan0042.pdf", first_page(u["g1"]), scan=True)
    decoy = dict(u["g5"], title=u["g5"]["title"] + " and its evaluation in three countries")
    draw_pdf(folder / "x1.pdf", ["Age and Ageing 2018", decoy["title"], "Kowalski, Piotr (2018)"])
    draw_pdf(folder / "protocol.pdf", first_page(u["g3"]))
    draw_pdf(folder / "results.pdf", first_page(u["g3"]))
    path = tmp_path / "evidence" / "fulltext.tsv"
    ev = FulltextEvidence.load(path)
    ev.confirm("g1", "scan0042.pdf", "Alice")
    ev.reject("g5", "x1.pdf", "Alice", method="title on first page")
    ev.set_study("g3", "protocol.pdf", "trial-A", "Bob")
    ev.set_study("g3", "results.pdf", "trial-A", "Bob")
    result = match_pdfs(folder, units, path, workers=1)  # read again from disk
    assert tuple(status_of(result, "scan0042.pdf")[["group_id", "status"]]) == ("g1", "confirmed")
    assert "Alice" in status_of(result, "scan0042.pdf")["note"]
    assert tuple(status_of(result, "x1.pdf")[["group_id", "status"]]) == ("g5", "rejected")
    assert result.pdfs_of("g1") == [folder / "scan0042.pdf"]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == ["group_id", "file", "method", "decision", "confirmed_by", "timestamp", "study"]
    assert len(lines) == 5

    from synthesis.fulltext import reports_by_group

    reports = reports_by_group(FulltextEvidence.load(path))
    assert reports == {"g1": [""], "g3": ["trial-A", "trial-A"]}


def test_evidence_file_problems_are_reported(tmp_path):
    path = tmp_path / "fulltext.tsv"
    path.write_text("group_id\tfile\tdecision\ng1\ta.pdf\tmaybe\n\tb.pdf\tconfirmed\ng2\tc.pdf\tconfirmed\n")
    ev = FulltextEvidence.load(path)
    assert [r.file for r in ev.confirmed()] == ["c.pdf"]
    assert len(ev.problems) == 2 and "line 2" in ev.problems[0] and "line 3" in ev.problems[1]


# ----------------------------------------------------------------------------------------- retrieval, PRISMA
def test_retrieval_and_prisma_counts_with_several_reports(tmp_path, units):
    from synthesis.fulltext import mark_not_retrieved, retrieval_status, to_retrieve, write_retrieval_ris

    folder = tmp_path / "screening"
    settings = ScreeningSettings(team=["Ann"], reasons=["wrong population"])
    with DecisionLog(folder, "Ann", settings) as log:
        for g in ("g1", "g2", "g3", "g4"):
            log.record(g, "include")
        log.record("g5", "exclude")
        log.record("g1", "include", stage="full_text")
        log.record("g3", "include", stage="full_text")
    mark_not_retrieved(folder, "Ann", "g2", "requested from authors", settings=settings)
    reading = read_logs(folder, settings)
    attached = {"g1": ["a.pdf", "b.pdf"], "g3": ["c.pdf"]}
    st = retrieval_status(units, reading, attached, settings)
    assert dict(zip(st["group_id"], st["retrieval"])) == {
        "g1": "has PDF", "g2": "not retrieved: requested from authors", "g3": "has PDF", "g4": "to retrieve"}
    todo = to_retrieve(units, reading, attached, settings)
    assert todo["group_id"].tolist() == ["g4"]
    ris = tmp_path / "ill.ris"
    assert write_retrieval_ris(todo, ris) == 1
    text = ris.read_text(encoding="utf-8")
    assert "TI  - Experience-based co-design in emergency departments" in text and "AN  - g4" in text
    assert "DO  - 10.1136/bmjqs-2022-0001" in text

    counts = prisma_counts(reading, units, settings, warn=False)
    assert (counts["dbr_sought_reports"], counts["dbr_notretrieved_reports"], counts["dbr_assessed"]) == (4, 1, 2)
    assert (counts["new_reports"], counts["new_studies"]) == (2, 2)
    # g1 has two reports (a protocol and the article) of one study; g3's report belongs to the same study.
    reports = {"g1": ["trial-A", "trial-A"], "g3": ["trial-A"]}
    counts = prisma_counts(reading, units, settings, warn=False, reports=reports)
    assert (counts["dbr_sought_reports"], counts["dbr_assessed"], counts["new_reports"], counts["new_studies"]) == (
        5, 3, 3, 1)


def test_not_retrieved_needs_a_reason(tmp_path):
    from synthesis.fulltext import mark_not_retrieved
    from synthesis.screening.settings import ScreeningError

    with pytest.raises(ScreeningError, match="could not be retrieved"):
        mark_not_retrieved(tmp_path, "Ann", "g1", "  ")


# ----------------------------------------------------------------------------------------- CLI
def _two_included(tmp_path, units):
    """A built project where Ann included g1 and g4 at title/abstract; the fulltext command for it."""
    project = tmp_path / "review"
    write_unit_table(units, project / "output" / "units.csv")
    (project / "evidence").mkdir(parents=True)
    settings = ScreeningSettings(team=["Ann"])
    with DecisionLog(project / "evidence" / "screening", "Ann", settings) as log:
        log.record("g1", "include")
        log.record("g4", "include")
    settings.save(project / "evidence" / "screening")
    return project, [sys.executable, "-m", "synthesis.cli", "fulltext", "--project", str(project)]


def test_cli_match_writes_the_table_and_lists_what_is_missing(tmp_path, units):
    project, cmd = _two_included(tmp_path, units)
    u = {r["group_id"]: r for r in UNITS}
    (project / "evidence" / "review.toml").write_text('[fulltext]\nfolder = "pdfs"\n')
    draw_pdf(project / "pdfs" / "a.pdf", first_page(u["g1"]))
    (project / "pdfs" / "broken.pdf").write_text("<html>login</html>")
    out = subprocess.run(cmd + ["match"], capture_output=True, text=True, cwd=project)
    assert out.returncode == 0, out.stderr
    table = pd.read_csv(project / "output" / "fulltext_matches.csv", keep_default_na=False)
    assert list(table.columns[:5]) == ["group_id", "file", "method", "confidence", "status"]
    assert dict(zip(table["file"], table["status"])) == {"a.pdf": "matched", "broken.pdf": "broken"}
    assert "matched automatically: 1" in out.stdout
    assert "broken.pdf" in out.stdout + out.stderr  # the unreadable PDF is named, not skipped silently
    assert "records awaiting full text without a PDF: 1" in out.stdout and "g4" in out.stdout
    out = subprocess.run(cmd + ["not-retrieved", "g4", "--reason", "paywall", "--reviewer", "Ann"],
                         capture_output=True, text=True, cwd=project)
    assert out.returncode == 0, out.stderr
    out = subprocess.run(cmd + ["retrieve", "-o", str(tmp_path / "ill.ris")], capture_output=True, text=True)
    assert "1 not retrieved, 0 still to retrieve" in out.stdout, out.stdout
    out = subprocess.run(cmd + ["confirm", "g5", "broken.pdf", "--reviewer", "Ann"], capture_output=True, text=True)
    assert out.returncode == 0 and (project / "evidence" / "fulltext.tsv").exists()
    logged = (project / "evidence" / "fulltext.tsv").read_bytes()
    for group, pdf, said in (("g99", "a.pdf", "g99 is not a group of the unit table"),
                             ("g1", "nosuch.pdf", "nosuch.pdf: no such PDF in")):
        for action in ("confirm", "reject"):  # a typing error was logged for good
            out = subprocess.run(cmd + [action, group, pdf, "--reviewer", "Ann"], capture_output=True, text=True)
            assert out.returncode == 1 and said in out.stderr, out.stderr
    assert (project / "evidence" / "fulltext.tsv").read_bytes() == logged
    out = subprocess.run(cmd + ["match", str(tmp_path / "nowhere")], capture_output=True, text=True)
    assert out.returncode == 1 and "no such folder" in out.stderr


def test_cli_retrieve_before_the_first_pdf_lists_every_report(tmp_path, units):
    """A newcomer ran the README's `synthesis fulltext retrieve -o output/to_retrieve.ris` (for interlibrary loan)
    before any PDF had arrived: "error: data/fulltext: no such folder of PDFs", and no list. With no PDFs
    every report sought is still to retrieve; that list is the one asked for."""
    project, cmd = _two_included(tmp_path, units)
    out = subprocess.run(cmd + ["retrieve", "-o", str(tmp_path / "ill.ris")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "0 with a PDF, 0 not retrieved, 2 still to retrieve" in out.stdout, out.stdout
    assert (tmp_path / "ill.ris").read_text(encoding="utf-8").count("ER  -") == 2
    assert not (project / "data" / "fulltext").exists()  # listing makes no folder
    out = subprocess.run(cmd + ["match"], capture_output=True, text=True)  # matching still needs the PDFs
    assert out.returncode == 1 and "no such folder of PDFs; put the team's PDFs there" in out.stderr


def test_the_widget_reuses_a_current_match_table(tmp_path, units, monkeypatch):
    import os

    import synthesis.fulltext.match as match_module
    from synthesis.fulltext.widget import FullTextWidget

    project = tmp_path / "review"
    write_unit_table(units, project / "output" / "units.csv")
    draw_pdf(project / "data" / "fulltext" / "a.pdf", first_page(UNITS[0]))
    settings = ScreeningSettings(team=["Ann"])
    settings.save(project / "evidence" / "screening")
    with DecisionLog(project / "evidence" / "screening", "Ann", settings) as log:
        log.record("g1", "include")
    out = subprocess.run([sys.executable, "-m", "synthesis.cli", "fulltext", "--project", str(project), "match"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    real = match_module.match_pdfs
    calls = []
    monkeypatch.setattr(match_module, "match_pdfs", lambda *a, **k: calls.append(1) or real(*a, **k))
    w = FullTextWidget.for_project(project, "Ann")
    assert w.ft_files == ["a.pdf"] and calls == []  # read from output/fulltext_matches.csv
    w.close()
    later = (project / "output" / "fulltext_matches.csv").stat().st_mtime + 10
    os.utime(project / "data" / "fulltext" / "a.pdf", (later, later))  # a PDF changed since: match again
    w = FullTextWidget.for_project(project, "Ann")
    assert w.ft_files == ["a.pdf"] and calls == [1]
    w.close()


def test_pdfs_in_data_are_not_search_exports(tmp_path):
    from synthesis.project import Project

    (tmp_path / "data" / "searches" / "2026-11").mkdir(parents=True)
    (tmp_path / "data" / "searches" / "2026-11" / "pubmed.nbib").write_text("PMID- 1\nTI  - A\n")
    draw_pdf(tmp_path / "data" / "fulltext" / "a.pdf", ["A title"])
    assert [r.name for r in Project(tmp_path).rounds()] == ["2026-11"]


# ----------------------------------------------------------------------------------------- widget
def test_widget_pages_reports_scans_and_retrieval(tmp_path, units):
    from synthesis.fulltext.widget import FullTextWidget

    u = {r["group_id"]: r for r in UNITS}
    folder = tmp_path / "pdfs"
    draw_pdf(folder / "a.pdf", first_page(u["g1"]), pages=3)
    draw_pdf(folder / "a-protocol.pdf", first_page(u["g1"]), pages=1)
    draw_pdf(folder / "scan.pdf", first_page(u["g3"]), scan=True)
    decoy = dict(u["g4"], title=u["g4"]["title"] + " and its evaluation in three countries")
    draw_pdf(folder / "maybe.pdf", ["BMJ 2022", decoy["title"], "García, María (2022)"])
    screening = tmp_path / "screening"
    settings = ScreeningSettings(team=["Ann"], reasons=["wrong population"], include_keywords=["co-design*", "carers"],
                              exclude_keywords=["rural"])
    with DecisionLog(screening, "Ann", settings) as log:
        for g in ("g1", "g2", "g3", "g4"):
            log.record(g, "include")
    evidence = tmp_path / "fulltext.tsv"
    ev = FulltextEvidence.load(evidence)
    ev.confirm("g1", "a-protocol.pdf", "Ann")
    ev.confirm("g3", "scan.pdf", "Ann")  # a scan with a random name: attached by hand
    result = match_pdfs(folder, units, ev, workers=1)
    w = FullTextWidget(units, "Ann", folder=screening, settings=settings, pdfs=result, evidence=ev,
                       criteria=["Adults <18 excluded"])
    try:
        assert w.current_key == "g1" and w.ft_files == ["a-protocol.pdf", "a.pdf"]
        assert w.ft_png[:8] == b"\x89PNG\r\n\x1a\n"
        assert "Adults &lt;18 excluded" in w.ft_side + str(getattr(w, "criteria", ""))
        w.handle({"action": "ft_pdf", "index": 1})
        assert w.ft_pages == 3 and "a.pdf · page 1 of 3" in w.ft_status
        assert '<mark class="syn-kw-in">carers</mark>' in w.ft_text
        first = w.ft_png
        w.handle({"action": "ft_page", "page": 2})
        assert w.ft_page == 2 and w.ft_png != first and "page 3 of 3" in w.ft_status
        w.handle({"action": "ft_not_retrieved", "retrieval_reason": "paywall"})  # r on a record with its PDF
        assert w.info_kind == "error" and "has its PDF (a-protocol.pdf, a.pdf)" in w.info and w.current_key == "g1"
        w.handle({"action": "ft_study", "study": "trial-A"})
        assert FulltextEvidence.load(evidence).confirmed("g1")[-1].study == "trial-A"
        w.handle({"action": "include"})
        assert w.current_key == "g2" and w.ft_png == b"" and "no PDF" in w.ft_status
        # "or confirm a PDF" offered nothing to confirm: it says how to attach one
        assert "synthesis fulltext confirm g2 FILE --reviewer Ann" in w.ft_status
        w.handle({"action": "ft_not_retrieved", "retrieval_reason": ""})
        assert w.info_kind == "error" and w.current_key == "g2"
        w.handle({"action": "ft_not_retrieved", "retrieval_reason": "paywall"})
        assert w.current_key == "g3"
        assert "no text layer" in w.ft_status and w.ft_png[:4] == b"\x89PNG"
        w.handle({"action": "next"})
        assert w.current_key == "g4" and "maybe.pdf" in w.ft_side and w.ft_files == []
        assert "use one of the possible PDFs beside it" in w.ft_status
        w.handle({"action": "ft_preview", "file": "maybe.pdf"})
        assert w.ft_png[:4] == b"\x89PNG" and "preview of maybe.pdf" in w.ft_status and w.ft_files == []
        # w34: "use it or reject it" named neither the key a nor the buttons' names
        assert w.ft_status.endswith("(not attached): a (or Use this PDF) attaches it, Not this paper rejects it")
        w.handle({"action": "ft_confirm", "file": "maybe.pdf"})
        assert w.ft_files == ["maybe.pdf"] and w.ft_png
    finally:
        w.close()
    lines = [json.loads(x) for x in (screening / "ann.jsonl").read_text().splitlines()]
    nr = [e for e in lines if e["key"] == "g2" and e["stage"] == "full_text"]
    assert nr == [dict(nr[0], decision="exclude", reason="not retrieved", labels=["retrieval:paywall"])]
    assert FulltextEvidence.load(evidence).confirmed("g4")[0].file == "maybe.pdf"


def test_widget_esm_hooks_into_the_screening_widget():
    from synthesis.fulltext.widget import FullTextWidget

    esm = FullTextWidget._esm
    assert esm.count("export default") == 1 and "render: renderFullText" in esm
    assert "data-lm-suppress-shortcuts" in esm


# ----------------------------------------------------------------------------------------- build
@pytest.mark.slow
def test_build_matches_the_project_pdfs_and_the_command_may_rewrite_its_table(tmp_path):
    from synthesis.build import build

    for name in ("data", "evidence"):  # the example without its PDFs: a project whose first PDFs come later
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("fulltext"))
    first = build(tmp_path, progress=False)
    assert first.changed and not (tmp_path / "output" / "fulltext_matches.csv").exists()
    units = pd.read_csv(tmp_path / "output" / "units.csv", keep_default_na=False)
    row = units[units["title"].str.len() > 30].iloc[0]
    import textwrap

    draw_pdf(tmp_path / "data" / "fulltext" / "paper.pdf",
             ["Journal 2026", *textwrap.wrap(row["title"], 60), f"{row['authors']} ({row['year']})"])
    (tmp_path / "data" / "fulltext" / "broken.pdf").write_text("<html>login</html>")
    second = build(tmp_path, progress=False)
    matches = pd.read_csv(tmp_path / "output" / "fulltext_matches.csv", keep_default_na=False)
    assert dict(zip(matches["file"], matches["status"])) == {"paper.pdf": "matched", "broken.pdf": "broken"}
    assert matches.loc[matches["file"] == "paper.pdf", "group_id"].item() == row["group_id"]
    assert any("broken.pdf" in n for n in second.notes)
    assert (tmp_path / "output" / "fulltext_retrieval.csv").exists()
    # The command rewrites the table between builds: the next build does not take it for a hand edit.
    out = subprocess.run([sys.executable, "-m", "synthesis.cli", "fulltext", "--project", str(tmp_path), "match"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert build(tmp_path, progress=False, force=True).changed


def test_the_build_says_which_pdfs_match_no_record(shared_data, tmp_path):
    """The seven real PDFs beside their records: two belong to no record. The build matched them silently
    (only ``synthesis fulltext match`` listed them); it now says in a note which PDFs match no record, and
    says nothing when every PDF is attached."""
    from synthesis.build import build

    (tmp_path / "data" / "searches" / "2026-01").mkdir(parents=True)
    shutil.copy(shared_data / "fulltext" / "records.ris", tmp_path / "data" / "searches" / "2026-01")
    shutil.copytree(shared_data / "fulltext" / "pdfs", tmp_path / "data" / "fulltext")
    notes = build(tmp_path, progress=False).notes
    expected = ("full text: of 7 PDFs in data/fulltext, 2 (1001._0908.0054.pdf, submission_161.pdf) matched to no "
                "record")
    assert any(n.startswith(expected) for n in notes), notes
    for name in ("1001._0908.0054.pdf", "submission_161.pdf"):
        (tmp_path / "data" / "fulltext" / name).unlink()
    (tmp_path / "data" / "fulltext" / "login.pdf").write_text("<html>sign in</html>")
    notes = build(tmp_path, progress=False).notes
    assert not any(n.startswith("full text:") for n in notes), notes
    # a broken file is named as the reviewer knows it, inside the project (the note gave the full path)
    assert any(n.startswith("data/fulltext/login.pdf: ") for n in notes), notes


def test_citations_and_notices_are_not_the_paper(tmp_path, units):
    u = {r["group_id"]: r for r in UNITS}
    folder = tmp_path / "pdfs"
    # A short letter whose reference list cites g1 by title and DOI.
    draw_pdf(folder / "letter.pdf", ["A letter on something else", "Wu, A. (2023)", "Text of the letter.", "References",
                                     f"1. Smith J. {u['g1']['title']}. JMIR Diabetes 2021. doi:{u['g1']['doi']}"])
    # An erratum that repeats the corrected paper's title and DOI.
    draw_pdf(folder / "erratum.pdf", ["Correction to: " + u["g4"]["title"], f"https://doi.org/{u['g4']['doi']}",
                                      "García, María (2022)", "In the original article a table was wrong."])
    result = match_pdfs(folder, units, workers=1)
    assert status_of(result, "letter.pdf")["status"] == "unmatched"
    assert tuple(status_of(result, "erratum.pdf")[["status", "group_id"]]) == ("unsure", "g4")
    assert "notice" in status_of(result, "erratum.pdf")["note"]


def test_an_encryption_pypdf_cannot_open_is_opened_by_pdfium(tmp_path, monkeypatch):
    """AES needs the `cryptography` package in pypdf; PDFium opens a file without a user password itself."""
    import synthesis.fulltext.pdftext as pdftext

    good = draw_pdf(tmp_path / "aes.pdf", first_page(UNITS[0]))
    monkeypatch.setattr(pdftext, "_open", lambda path: (None, "encrypted: it cannot be opened without a password "
                                                              "(cryptography is required for AES)"))
    info = pdftext.inspect_pdf(good)
    assert info.ok and info.pages == 2 and "Co-designing a diabetes" in info.head_text


def test_a_file_name_and_its_page_must_not_disagree(tmp_path, units):
    u = {r["group_id"]: r for r in UNITS}
    folder = tmp_path / "pdfs"
    # Zotero named the PDF after g1, but it is g3's paper (attached to the wrong item).
    draw_pdf(folder / "Smith and Lee - 2021 - Co-designing a diabetes self-management app with patients.pdf",
             first_page(u["g3"], doi=False))
    # The year in the name is wrong, the page shows the record's title: the page decides.
    draw_pdf(folder / "García - 2021 - Experience-based co-design in emergency departments.pdf",
             first_page(u["g4"], doi=False))
    result = match_pdfs(folder, units, workers=1)
    wrong = status_of(result, "Smith and Lee - 2021 - Co-designing a diabetes self-management app with patients.pdf")
    assert (wrong["status"], wrong["group_id"]) == ("unsure", "g3") and "g1" in wrong["note"]
    right = status_of(result, "García - 2021 - Experience-based co-design in emergency departments.pdf")
    assert (right["status"], right["group_id"], right["method"]) == ("matched", "g4", "title on first page")


def test_the_appendix_of_excluded_reports_says_why_a_report_was_not_retrieved(tmp_path):
    """excluded_reports.md is the list a journal prints beside the diagram: a report not retrieved says why
    (paywall, not found), as the reviewer logged it, not only that it could not be retrieved."""
    from synthesis.fulltext.retrieval import mark_not_retrieved
    from synthesis.screening.status import excluded_markdown, excluded_reports, screening_status

    units = make_unit_table([{"group_id": g, "title": f"Paper {g}", "authors": ["Obi, A."], "year": 2020}
                             for g in ("a", "b", "c")])
    with DecisionLog(tmp_path, "Ann") as log:
        for g in ("a", "b", "c"):
            log.record(g, "include", stage="title_abstract")
        log.record("a", "exclude", stage="full_text", reason="Wrong population")
    mark_not_retrieved(tmp_path, "Ann", "b", "paywall")
    mark_not_retrieved(tmp_path, "Ann", "c", "requested from authors")
    status = screening_status(read_logs(tmp_path).entries, units, "full_text")
    table = excluded_reports(status, units)
    assert table[["group_id", "reason", "retrieval_reason"]].values.tolist() == [
        ["a", "Wrong population", ""], ["b", "not retrieved", "paywall"],
        ["c", "not retrieved", "requested from authors"]]
    text = excluded_markdown(table)
    assert "| Paper b. | Report could not be retrieved (paywall) |" in text
    assert "| Paper c. | Report could not be retrieved (requested from authors) |" in text
    assert "| Paper a. | Wrong population |" in text
