"""What goes wrong in a real PDF folder: a copy of a PDF, a paper under another paper's name, a confirmed PDF
renamed. Found walking full-text screening with two reviewers on the shared PDFs (w18)."""
from __future__ import annotations

import shutil

from test_fulltext import UNITS, draw_pdf, first_page

from synthesis.fulltext import FulltextEvidence, match_pdfs
from synthesis.fulltext.buildstep import _left_for_a_person
from synthesis.fulltext.reports import reports_by_group
from synthesis.screening import make_unit_table

U = {r["group_id"]: r for r in UNITS}


def _row(result, name):
    rows = result.table[result.table["file"] == name]
    assert len(rows) == 1, result.table
    return rows.iloc[0]


def test_a_copy_of_a_pdf_is_not_a_second_report(tmp_path):
    # The same download saved twice (once as the reference manager named it, once as the publisher did): both
    # were matched to g1, so g1 had two reports; PRISMA counted two reports sought, assessed and excluded.
    folder = tmp_path / "pdfs"
    draw_pdf(folder / "Smith et al. - 2021 - Co-designing a diabetes self-management app.pdf", first_page(U["g1"]))
    shutil.copy(folder / "Smith et al. - 2021 - Co-designing a diabetes self-management app.pdf",
                folder / "1-s2.0-S0277953621000123-main.pdf")
    draw_pdf(folder / "protocol.pdf", first_page(U["g3"]))
    draw_pdf(folder / "results.pdf", first_page(U["g3"]) + ["Results: twelve partners took part."])  # 2 reports
    result = match_pdfs(folder, make_unit_table(UNITS), workers=1)
    copy = _row(result, "Smith et al. - 2021 - Co-designing a diabetes self-management app.pdf")
    assert copy["status"] == "copy" and "1-s2.0-S0277953621000123-main.pdf" in copy["note"], copy.to_dict()
    assert _row(result, "1-s2.0-S0277953621000123-main.pdf")["status"] == "matched"
    assert len(result.pdfs_of("g1")) == 1 and len(result.pdfs_of("g3")) == 2
    assert {g: len(r) for g, r in reports_by_group(None, result.attached()).items()} == {"g1": 1, "g3": 2}
    note = " ".join(_left_for_a_person(result.table, "data/fulltext"))
    assert "copy" in note and "Smith et al. - 2021" in note, note


def test_a_copy_confirmed_by_a_person_stays_confirmed(tmp_path):
    folder = tmp_path / "pdfs"
    draw_pdf(folder / "a.pdf", first_page(U["g1"]))
    shutil.copy(folder / "a.pdf", folder / "b.pdf")
    ev = FulltextEvidence.load(tmp_path / "fulltext.tsv")
    ev.confirm("g2", "b.pdf", "Ann")  # a person's word is kept, even on a copy
    result = match_pdfs(folder, make_unit_table(UNITS), ev, workers=1)
    assert tuple(_row(result, "b.pdf")[["group_id", "status"]]) == ("g2", "confirmed")
    assert tuple(_row(result, "a.pdf")[["group_id", "status"]]) == ("g1", "matched")


def test_a_paper_saved_under_another_papers_name_is_not_matched_by_the_name(tmp_path):
    # A PDF of a paper in no record, saved under the reference manager's name of g1 (the wrong file attached to
    # the item): matched to g1 "by file name" with 0.95, and shown as g1's paper.
    folder = tmp_path / "pdfs"
    draw_pdf(folder / "Smith et al. - 2021 - Co-designing a diabetes self-management app with patients.pdf",
             ["Physical Review B 81 (2010)", "Electron transport in GaAs quantum wells under strong magnetic fields",
              "Pusep, Yuri; Gusev, Gennady", "Abstract. We report the magnetoresistance of narrow quantum wells."])
    # The same name on the right paper is matched as before.
    draw_pdf(folder / "van der Berg - 2019 - Participatory design of telehealth services for older adults.pdf",
             first_page(U["g2"], doi=False))
    # A scan has no page text to disagree with: its name still matches it.
    draw_pdf(folder / "O'Brien et al. - 2020 - Patient partners in mental health research.pdf",
             first_page(U["g3"], doi=False), scan=True)
    result = match_pdfs(folder, make_unit_table(UNITS), workers=1)
    wrong = _row(result, "Smith et al. - 2021 - Co-designing a diabetes self-management app with patients.pdf")
    assert (wrong["status"], wrong["group_id"]) == ("unsure", "g1"), wrong.to_dict()
    assert "first page" in wrong["note"]
    right = _row(result, "van der Berg - 2019 - Participatory design of telehealth services for older adults.pdf")
    assert (right["status"], right["group_id"]) == ("matched", "g2")
    scan = _row(result, "O'Brien et al. - 2020 - Patient partners in mental health research.pdf")
    assert (scan["status"], scan["group_id"], scan["method"]) == ("matched", "g3", "file name")


def test_a_confirmed_pdf_renamed_or_moved_is_reported(tmp_path):
    # A scan attached by hand (confirmed: the matcher cannot read it) was renamed in the folder: the record lost
    # its PDF without a word, and PRISMA counted its report as assessed without a PDF.
    folder = tmp_path / "pdfs"
    draw_pdf(folder / "scan0007.pdf", first_page(U["g1"]), scan=True)
    draw_pdf(folder / "scan0008.pdf", first_page(U["g2"]), scan=True)
    ev_path = tmp_path / "evidence" / "fulltext.tsv"
    ev = FulltextEvidence.load(ev_path)
    ev.confirm("g1", "scan0007.pdf", "Ann")
    ev.confirm("g2", "scan0008.pdf", "Ann")
    (folder / "scan0007.pdf").rename(folder / "smith2021.pdf")
    (folder / "old").mkdir()
    (folder / "scan0008.pdf").rename(folder / "old" / "scan0008.pdf")
    result = match_pdfs(folder, make_unit_table(UNITS), ev_path, workers=1)
    text = "\n".join(result.problems)
    assert "scan0007.pdf" in text and "g1" in text and "Ann" in text and "line 2" in text, text
    assert "old/scan0008.pdf" in text, text  # moved into a sub-folder: its new place is named
    assert len(result.problems) == 2


def _widget(tmp_path, folder, evidence, scope):
    from synthesis.fulltext.widget import FullTextWidget
    from synthesis.screening import DecisionLog, ScreeningSettings

    units = make_unit_table(UNITS)
    settings = ScreeningSettings(team=["Ann"], reasons=["wrong population"])
    screening = tmp_path / "screening"
    with DecisionLog(screening, "Ann", settings) as log:
        for g in scope:
            log.record(g, "include")
    result = match_pdfs(folder, units, evidence, workers=1)
    return FullTextWidget(units, "Ann", folder=screening, settings=settings, pdfs=result, pdf_folder=folder,
                          evidence=evidence, scope=list(scope))


def test_the_widget_says_a_confirmed_pdf_is_gone_and_offers_the_pdfs_of_no_record(tmp_path):
    # The renamed scan: the widget showed "scan0007.pdf cannot be shown: cannot be read (No such file or
    # directory)" above an empty page, and, the record counting as having a PDF, hid the PDFs of no record, the
    # renamed file among them, and refused "not retrieved".
    folder = tmp_path / "pdfs"
    draw_pdf(folder / "scan0007.pdf", first_page(U["g1"]), scan=True)
    evidence = FulltextEvidence.load(tmp_path / "fulltext.tsv")
    evidence.confirm("g1", "scan0007.pdf", "Bo")
    (folder / "scan0007.pdf").rename(folder / "smith2021.pdf")
    w = _widget(tmp_path, folder, evidence, ["g1"])
    try:
        assert w.current_key == "g1" and w.ft_files == []
        assert "scan0007.pdf" in w.ft_status and "confirmed" in w.ft_status and "not in" in w.ft_status, w.ft_status
        assert "smith2021.pdf" in w.ft_side  # offered beside the record: Use this PDF attaches it
        w.handle({"action": "ft_confirm", "file": "smith2021.pdf"})
        assert w.info_kind == "ok" and w.ft_files == ["smith2021.pdf"], w.info
    finally:
        w.close()


def test_a_record_without_a_pdf_names_the_unreadable_pdfs_of_the_folder(tmp_path):
    # The download of g1 was cut short: the build named the file, but beside g1 the widget said only "no PDF for
    # this record: mark it not retrieved", and a reviewer marked a report the team had as not retrieved.
    folder = tmp_path / "pdfs"
    good = draw_pdf(folder / "smith.pdf", first_page(U["g1"]))
    (folder / "garcia2022.pdf").write_bytes(good.read_bytes()[:800])
    (folder / "smith.pdf").unlink()
    evidence = FulltextEvidence.load(tmp_path / "fulltext.tsv")
    w = _widget(tmp_path, folder, evidence, ["g1"])
    try:
        assert w.current_key == "g1" and w.ft_files == []
        assert "garcia2022.pdf" in w.ft_side and "truncated" in w.ft_side, w.ft_side
    finally:
        w.close()


def test_a_pdf_looked_at_beside_a_record_can_be_paged_through(tmp_path):
    # "Look" showed a PDF of no record at its first page only, with the page keys dead (they turned the pages of
    # no PDF): a cover page, or a paper whose title is on page 2, could not be told from the record's paper.
    folder = tmp_path / "pdfs"
    draw_pdf(folder / "download.pdf", ["Cover page of a repository", "Downloaded 2026-12-07"], pages=3)
    evidence = FulltextEvidence.load(tmp_path / "fulltext.tsv")
    w = _widget(tmp_path, folder, evidence, ["g1"])
    try:
        assert w.ft_files == [] and "download.pdf" in w.ft_side
        w.handle({"action": "ft_preview", "file": "download.pdf"})
        first = w.ft_png
        assert w.ft_pages == 3 and "page 1 of 3" in w.ft_status, w.ft_status
        w.handle({"action": "ft_page", "page": 1})
        assert w.info_kind != "error" and w.ft_page == 1 and "preview of download.pdf, page 2 of 3" in w.ft_status
        assert w.ft_png[:4] == b"\x89PNG" and w.ft_png != first
        w.handle({"action": "ft_confirm", "file": "download.pdf"})  # attached: the record's PDF from its page 1
        assert w.ft_files == ["download.pdf"] and w.ft_page == 0 and "preview" not in w.ft_status
    finally:
        w.close()


def test_not_retrieved_says_the_reason_it_logged(tmp_path):
    # "saved: exclude (not retrieved): ..." after r and "paywall": whether the reason picked with the arrow keys
    # was the one logged could be seen in the log only
    folder = tmp_path / "pdfs"
    folder.mkdir()
    w = _widget(tmp_path, folder, FulltextEvidence.load(tmp_path / "fulltext.tsv"), ["g1", "g2"])
    try:
        w.handle({"action": "ft_not_retrieved", "retrieval_reason": "requested from authors"})
        assert w.info_kind == "ok" and "(not retrieved: requested from authors)" in w.info, w.info
    finally:
        w.close()


def test_the_history_says_why_a_report_was_not_retrieved(tmp_path):
    """w34's walk: after r and "paywall" the line under the buttons said "exclude (not retrieved: paywall)", but
    the history (h) listed the record as "alice: exclude: not retrieved": searching the history for the reports
    still to chase (a paywall, not one never found) showed no reason. It says why, as the status table does."""
    folder = tmp_path / "pdfs"
    folder.mkdir()
    w = _widget(tmp_path, folder, FulltextEvidence.load(tmp_path / "fulltext.tsv"), ["g1", "g2"])
    try:
        w.handle({"action": "ft_not_retrieved", "retrieval_reason": "paywall"})
        w.handle({"action": "history", "query": "", "decision": "", "reviewer": "", "flag": ""})
        assert "Ann: exclude: not retrieved (paywall)</span>" in w.history_html, w.history_html
    finally:
        w.close()


def test_a_report_marked_not_retrieved_whose_pdf_came_says_to_decide_it(tmp_path):
    folder = tmp_path / "pdfs"
    folder.mkdir()
    w = _widget(tmp_path, folder, FulltextEvidence.load(tmp_path / "fulltext.tsv"), ["g1"])
    w.handle({"action": "ft_not_retrieved", "retrieval_reason": "paywall"})
    w.close()
    draw_pdf(folder / "ILL_2291.pdf", first_page(U["g1"]))  # the interlibrary loan came
    from synthesis.fulltext.widget import FullTextWidget
    from synthesis.screening import ScreeningSettings

    w = FullTextWidget(make_unit_table(UNITS), "Ann", folder=tmp_path / "screening",
                       settings=ScreeningSettings(team=["Ann"], reasons=["wrong population"]),
                       pdfs=match_pdfs(folder, make_unit_table(UNITS), workers=1), pdf_folder=folder,
                       scope=["g1"])
    try:
        w.filter = "decided"
        assert w.current_key == "g1" and w.ft_files == ["ILL_2291.pdf"]
        # "You marked this report not retrieved: paywall." beside the paper, and nothing said what to do
        assert "not retrieved</b>: paywall. Its PDF is here now: decide it from the paper" in w.ft_side, w.ft_side
    finally:
        w.close()


def test_a_record_without_a_pdf_says_a_pdf_saved_now_shows_when_the_cell_runs_again(tmp_path):
    # A reviewer who found the paper while screening saved it into the folder and waited for it to appear: the
    # widget said only to mark it not retrieved or to type a command with the file's name.
    folder = tmp_path / "pdfs"
    folder.mkdir()
    w = _widget(tmp_path, folder, FulltextEvidence.load(tmp_path / "fulltext.tsv"), ["g1"])
    try:
        assert "save its PDF into the PDF folder and run this cell again" in w.ft_status, w.ft_status
    finally:
        w.close()
