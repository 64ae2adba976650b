"""The study's PDF in the coding card: pages shown and turned, the page taken for a quote, its text read by the
suggestions (extracted once), and the build handing the matched PDF to the coding queue."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from synthesis.coding.form import parse_form
from synthesis.coding.scheme import parse_scheme
from synthesis.coding.widget import CodingWidget

ROOT = Path(__file__).resolve().parents[1]
SCHEME = "dimension f: F\n  levels: stage > construct\n  stage a: A\n    construct b: B\n    construct c: C\n"
PNG = b"\x89PNG\r\n\x1a\n"


def _widget(tmp_path, queue, **kw):
    return CodingWidget(pd.DataFrame(queue), "Ann", parse_scheme(SCHEME), parse_form(""),
                        folder=tmp_path / "coding", **kw)


def test_the_card_shows_the_pages_of_the_study_pdf(shared_data, tmp_path):
    pdfs = shared_data / "fulltext" / "pdfs"
    w = _widget(tmp_path, [{"study_id": "g1", "title": "Mullen", "pdf": "MullenJSSv18i03.pdf"},
                           {"study_id": "g2", "title": "No PDF"},
                           {"study_id": "g3", "title": "Gone", "pdf": "moved-away.pdf"}], pdf_root=pdfs)
    assert w.current == "g1" and w.pdf_png.startswith(PNG) and w.pdf_pages > 1 and w.pdf_page == 0
    assert w.pdf_status == f"MullenJSSv18i03.pdf · page 1 of {w.pdf_pages}"
    first = w.pdf_png
    w.handle({"action": "pdf_page", "page": 1})
    assert w.pdf_page == 1 and w.pdf_png.startswith(PNG) and w.pdf_png != first
    assert w.pdf_status.endswith(f"page 2 of {w.pdf_pages}")
    w.handle({"action": "pdf_page", "page": 10_000})  # past the end: the last page
    assert w.pdf_page == w.pdf_pages - 1
    w.handle({"action": "pdf_page", "page": "two"})
    assert w.info_kind == "error" and "not a page number" in w.info
    # the quote's page as the front end sends it after "use this page": saved with the code
    w.handle({"action": "save", "selected": [{"code": "f:a.b", "quote": "we did", "page": "2"}], "fields": {}})
    assert w.current == "g2" and w.pdf_png == b"" and w.pdf_pages == 0 and w.pdf_status == ""
    w.handle({"action": "next"})
    assert w.current == "g3" and w.pdf_png == b"" and w.pdf_status == "PDF moved-away.pdf not found"
    w.handle({"action": "previous"})
    w.handle({"action": "previous"})
    assert w.current == "g1" and w.pdf_page == 0  # a study opens at its first page
    assert list(w.coding_log.latest("g1").codes) == [{"dimension": "f", "code": "a.b", "quote": "we did", "page": "2"}]
    w.close()


def test_a_file_that_is_not_a_pdf_is_reported_not_shown(tmp_path):
    (tmp_path / "login.pdf").write_text("<html>please log in</html>", encoding="utf-8")
    w = _widget(tmp_path, [{"study_id": "g1", "title": "T", "pdf": "login.pdf"}], pdf_root=tmp_path)
    assert w.pdf_png == b"" and w.pdf_status == "login.pdf cannot be shown (not a readable PDF)"
    w.close()


def test_pdf_text_is_extracted_once_and_kept(shared_data, tmp_path, monkeypatch):
    import synthesis.fulltext.pdftext as pdftext

    pdf = shared_data / "fulltext" / "pdfs" / "Wang-paperAVE2008.pdf"
    text = pdftext.cached_text(pdf, tmp_path / "cache")
    assert len(text) > 1000 and text == "\n".join(pdftext.extract_pages(pdf))
    assert len(list((tmp_path / "cache").glob("*.txt"))) == 1
    pdftext._TEXT_MEMO.clear()
    monkeypatch.setattr(pdftext, "extract_pages", lambda *a, **k: pytest.fail("extracted a second time"))
    copy = tmp_path / "renamed.pdf"
    shutil.copy(pdf, copy)  # the same bytes under another name: read from the cache, not extracted again
    assert pdftext.cached_text(copy, tmp_path / "cache") == text


def test_suggestions_read_the_pdf_text(shared_data, tmp_path, monkeypatch):
    import synthesis.coding.widget as widget

    pdfs = shared_data / "fulltext" / "pdfs"
    w = _widget(tmp_path, [{"study_id": "g1", "title": "A title", "abstract": "An abstract", "pdf": "gadr.pdf"},
                           {"study_id": "g2", "title": "Another title"}], pdf_root=pdfs,
                pdf_text_cache=tmp_path / "cache")
    from synthesis.fulltext.pdftext import extract_pages

    page_one = extract_pages(pdfs / "gadr.pdf", 1)[0]
    words = [x for x in page_one.split() if len(x) > 6][:5]
    text = w._text_of("g1")
    assert text.startswith("A title An abstract") and all(x in text for x in words)
    assert w._text_of("g2") == "Another title"
    # what the classifier is given to rank a study: the same text, PDF included
    seen = []

    class Spy:
        def rank(self, text, top=None):
            seen.append(text)
            return []

    w._suggester = Spy()
    assert w._suggest("g1") == [] and seen == [text]
    w.close()


def test_the_build_gives_the_coding_queue_the_matched_pdf(tmp_path):
    from test_fulltext import draw_pdf

    from synthesis.build import build
    from synthesis.coding.widget import open_coding
    from synthesis.screening.settings import add_reviewer

    for name in ("data", "evidence"):  # the example without its PDFs: the one PDF below comes later
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("fulltext"))
    build(tmp_path, progress=False)
    queue = pd.read_csv(tmp_path / "output" / "coding_queue.csv", dtype=str, keep_default_na=False)
    assert (queue["pdf"] == "").all()
    row = queue[(queue["source"] == "library") & (queue["title"].str.len() > 30)].iloc[0]
    draw_pdf(tmp_path / "data" / "fulltext" / "paper.pdf",
             ["Journal 2026", *__import__("textwrap").wrap(row["title"], 60), f"{row['authors']} ({row['year']})"],
             pages=3)
    build(tmp_path, progress=False)
    queue = pd.read_csv(tmp_path / "output" / "coding_queue.csv", dtype=str, keep_default_na=False)
    assert dict(zip(queue["study_id"], queue["pdf"]))[row["study_id"]] == "data/fulltext/paper.pdf"
    assert (queue["pdf"] != "").sum() == 1
    add_reviewer(tmp_path, "Ann")  # the coder joins the example's team
    w = open_coding(tmp_path, "Ann", suggest=False)
    while w.current != row["study_id"]:
        w.handle({"action": "next"})
    assert w.pdf_pages == 3 and w.pdf_png.startswith(PNG)
    assert w.pdf_status == "data/fulltext/paper.pdf · page 1 of 3"
    w.close()
