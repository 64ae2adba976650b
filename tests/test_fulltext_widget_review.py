"""The full-text widget as a team uses it: the wrong PDF shown, a PDF the matcher missed, "not retrieved" keys.

Found walking notebook 02 at full text with the real PDFs of ``../shared/data/fulltext`` (two of which belong to
no record); these tests draw their own small PDFs, so they always run.
"""
from __future__ import annotations

import json

import pytest

from synthesis.fulltext import FulltextEvidence, match_pdfs
from synthesis.screening import DecisionLog, ScreeningSettings, make_unit_table
from test_fulltext import UNITS, draw_pdf, first_page


@pytest.fixture()
def review(tmp_path):
    """g1 and g2 passed title/abstract; g1's paper is matched, g2 has none; one PDF is of no record."""
    units = make_unit_table(UNITS)
    u = {r["group_id"]: r for r in UNITS}
    folder = tmp_path / "pdfs"
    draw_pdf(folder / "smith.pdf", first_page(u["g1"]))
    # a paper none of the records is: the matcher leaves it unmatched (as the two stray real PDFs)
    draw_pdf(folder / "scan0007.pdf", ["Physics Letters 2010", "Electron transport in quantum wells",
                                       "Pusep, Y. (2010)"])
    settings = ScreeningSettings(team=["Ann"], reasons=["wrong population", "wrong design"])
    screening = tmp_path / "screening"
    with DecisionLog(screening, "Ann", settings) as log:
        for g in ("g1", "g2"):
            log.record(g, "include")
    evidence = FulltextEvidence.load(tmp_path / "fulltext.tsv")
    result = match_pdfs(folder, units, evidence, workers=1)
    assert set(result.table.loc[result.table["status"] == "matched", "file"]) == {"smith.pdf"}
    assert set(result.table.loc[result.table["status"] == "unmatched", "file"]) == {"scan0007.pdf"}
    return units, settings, screening, evidence, result


def widget(review):
    from synthesis.fulltext.widget import FullTextWidget

    units, settings, screening, evidence, result = review
    return FullTextWidget(units, "Ann", folder=screening, settings=settings, pdfs=result, evidence=evidence,
                          scope=["g1", "g2"])


def full_text_lines(screening):
    return [e for e in map(json.loads, (screening / "ann.jsonl").read_text().splitlines())
            if e["stage"] == "full_text"]


def test_the_not_retrieved_reason_by_number_is_refused_when_the_pdf_is_shown(review):
    # "not retrieved" is the last reason of the 1-9 list: 6 then e on a record whose PDF was on screen logged it
    # (r was refused there), so PRISMA counted a report it had as not retrieved, with no reason why
    w = widget(review)
    try:
        assert w.current_key == "g1" and w.ft_files == ["smith.pdf"]
        w.handle({"action": "exclude", "reason": "not retrieved"})
        assert w.info_kind == "error" and "has its PDF (smith.pdf)" in w.info and "nothing was logged" in w.info
        assert w.current_key == "g1" and full_text_lines(review[2]) == []
        w.handle({"action": "exclude", "reason": "wrong design"})  # a reason of the review's is logged as ever
        assert w.current_key == "g2"
    finally:
        w.close()
    assert [e["reason"] for e in full_text_lines(review[2])] == ["wrong design"]


def test_a_wrong_match_is_undone_in_the_widget_and_stays_undone(review):
    units, settings, screening, evidence, result = review
    w = widget(review)
    try:
        assert w.ft_files == ["smith.pdf"]
        w.handle({"action": "ft_reject", "file": "smith.pdf"})
        assert w.info_kind == "ok" and "smith.pdf is not the full text of g1" in w.info, w.info
        assert w.ft_files == [] and w.ft_png == b"" and "no PDF for this record" in w.ft_status
        # the rejected PDF is of no record now: offered to attach, to this record too (a mistaken click)
        assert "smith.pdf" in w.ft_side and "scan0007.pdf" in w.ft_side
    finally:
        w.close()
    ev = FulltextEvidence.load(evidence.path)
    assert ev.rejected("smith.pdf", "g1")
    again = match_pdfs(result.folder, units, ev, workers=1)
    assert "g1" not in again.attached()


def test_a_pdf_the_matcher_missed_is_attached_in_the_widget(review):
    units, settings, screening, evidence, result = review
    w = widget(review)
    try:
        w.handle({"action": "next"})
        assert w.current_key == "g2" and w.ft_files == []
        # the PDFs of no record are offered beside a record without one (it said: run a command with FILE)
        assert "scan0007.pdf" in w.ft_side and "smith.pdf" not in w.ft_side
        assert "use one of the PDFs beside it" in w.ft_status
        w.handle({"action": "ft_preview", "file": "scan0007.pdf"})
        assert w.info_kind != "error" and w.ft_png[:4] == b"\x89PNG" and "preview of scan0007.pdf" in w.ft_status
        assert "reject" not in w.ft_status  # no Not this paper beside it: the status offered what was not there
        assert w.ft_status.endswith("(not attached): a (or Use this PDF) attaches it")
        w.handle({"action": "ft_not_retrieved", "retrieval_reason": "paywall"})  # then the PDF turns up
        assert w.current_key is None or w.current_key != "g2"
        w.handle({"action": "open", "key": "g2"})
        assert w.current_key == "g2", w.info
        w.handle({"action": "ft_confirm", "file": "scan0007.pdf"})
        assert w.info_kind == "ok" and w.ft_files == ["scan0007.pdf"] and w.ft_png[:4] == b"\x89PNG"
        # the not retrieved decision still stands until the paper is read: said, so that it is decided again
        assert "you marked it not retrieved" in w.info, w.info
        w.handle({"action": "previous"})
        assert w.current_key == "g1" and "scan0007.pdf" not in w.ft_side  # attached: offered no more
    finally:
        w.close()
    confirmed = FulltextEvidence.load(evidence.path).confirmed("g2")
    assert [(r.file, r.confirmed_by) for r in confirmed] == [("scan0007.pdf", "Ann")]
    assert match_pdfs(result.folder, units, FulltextEvidence.load(evidence.path), workers=1).attached()["g2"] \
        == [result.folder / "scan0007.pdf"]


def test_two_reviewers_who_give_different_retrieval_reasons_are_both_reported(tmp_path):
    # alice could not get past a paywall, bob found no copy at all: they agree the report was not retrieved,
    # and the appendix said "not found" alone (the first label in alphabetical order), losing the paywall
    from synthesis.screening import read_logs, screening_status
    from synthesis.screening.status import excluded_markdown, excluded_reports

    units = make_unit_table([{"group_id": "g1", "title": "A telehealth service", "authors": ["Obi, A."],
                              "year": 2020}])
    settings = ScreeningSettings(team=["alice", "bob"], reasons=["wrong design"], reviewers_per_record=2)
    for who, why in (("alice", "paywall"), ("bob", "not found")):
        with DecisionLog(tmp_path, who, settings) as log:
            log.record("g1", "include")
            log.record("g1", "exclude", stage="full_text", reason="not retrieved", labels=[f"retrieval:{why}"])
    status = screening_status(read_logs(tmp_path, settings, warn=False), units, "full_text", settings)
    assert status["state"].tolist() == ["agreed"]
    table = excluded_reports(status, units)
    # both, each with its reviewer: joined ("not found; paywall") they read as if both were so (w27)
    assert table["retrieval_reason"].tolist() == ["reviewers differ: paywall (alice), not found (bob)"]
    assert "the reviewers differ on why: paywall (alice), not found (bob)" in excluded_markdown(table)


def test_the_build_note_counts_pdfs_not_rows_and_names_pdfs_rejected_everywhere():
    # A PDF matched to the wrong record, rejected there and attached to the right one, is two rows of the matches
    # table: the note said "of 4 PDFs" for three files. And a PDF rejected for its only record is of no record
    # now, but the note named only the unmatched ones.
    import pandas as pd

    from synthesis.fulltext.buildstep import _left_for_a_person

    table = pd.DataFrame({"group_id": ["g1", "g2", "", "g3"],
                          "file": ["moved.pdf", "moved.pdf", "stray.pdf", "wrong.pdf"],
                          "status": ["rejected", "confirmed", "unmatched", "rejected"]})
    assert _left_for_a_person(table, "data/fulltext") == [
        "full text: of 3 PDFs in data/fulltext, 1 (stray.pdf) matched to no record and 1 (wrong.pdf) rejected by "
        "a person and attached to no record: see output/fulltext_matches.csv; `synthesis fulltext confirm GROUP "
        "FILE --reviewer NAME` attaches one by hand"]


def test_the_not_retrieved_reason_by_number_asks_why_as_r_does(review):
    # on a record without a PDF, 6 then e logged "not retrieved" with no retrieval reason (r asks for one), so the
    # appendix could not say why the report was not obtained
    w = widget(review)
    try:
        w.handle({"action": "next"})
        assert w.current_key == "g2" and w.ft_files == []
        w.handle({"action": "exclude", "reason": "not retrieved"})
        assert w.info_kind == "error" and "press r" in w.info and "nothing was logged" in w.info, w.info
        assert w.current_key == "g2" and full_text_lines(review[2]) == []
        w.handle({"action": "ft_not_retrieved", "retrieval_reason": "requested from authors"})
    finally:
        w.close()
    assert [(e["reason"], e["labels"]) for e in full_text_lines(review[2])] == [
        ("not retrieved", ["retrieval:requested from authors"])]


def test_not_this_paper_is_one_button_name_in_one_case():
    """w34: the box of PDFs offered said "Not this paper" and the button above the page "not this paper": the same
    words in two cases, for the same thing said of a PDF. Both say "Not this paper", as the README and notebook 2
    name it."""
    import json
    import re
    from pathlib import Path

    from synthesis.fulltext import widget

    js = (Path(widget.__file__).with_name("widget.js")).read_text(encoding="utf-8")
    names = set(re.findall(r'"([Nn]ot this paper)"', js)) | set(
        re.findall(r">([Nn]ot this paper)<", Path(widget.__file__).read_text(encoding="utf-8")))
    assert names == {"Not this paper"}, names
    readme = (Path(widget.__file__).parents[3] / "README.md").read_text(encoding="utf-8")
    notebook = json.loads((Path(widget.__file__).parents[3] / "notebooks" / "02_screen.ipynb").read_text("utf-8"))
    text = readme + "".join("".join(c["source"]) for c in notebook["cells"])
    assert "not this paper*" not in text and "**not this paper**" not in text


def test_a_record_decided_without_a_pdf_is_not_told_to_be_marked_not_retrieved(review):
    # w38: going back to a record Ann had already assessed (the paper read elsewhere), the panel still said "no PDF
    # for this record: ... or mark it not retrieved", as if nothing had been decided; it says what she decided
    w = widget(review)
    try:
        w.handle({"action": "next"})
        assert w.current_key == "g2" and "mark it not retrieved" in w.ft_status
        w.handle({"action": "exclude", "reason": "wrong design"})
        w.handle({"action": "previous"})
        assert w.current_key == "g2" and w.ft_files == []
        assert "not retrieved" not in w.ft_status, w.ft_status
        assert w.ft_status.startswith("no PDF for this record; you decided it: exclude (wrong design)"), w.ft_status
        w.handle({"action": "ft_not_retrieved", "retrieval_reason": "paywall"})  # Ann changes her mind
        w.handle({"action": "previous"})
        assert w.current_key == "g2"
        assert w.ft_status.startswith("no PDF for this record; you marked it not retrieved (paywall)"), w.ft_status
    finally:
        w.close()
