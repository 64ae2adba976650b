"""The shipped example has a few synthetic PDFs, so that full-text screening shows the paper beside the record.

A reviewer opening notebook 02 at full text on the example saw only "no PDF for this record": ``data/`` held the
searches and no ``data/fulltext``. ``scripts/make_example_data.py`` now draws a few small PDFs from the records'
own text, named as a reviewer's tools save them.
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
FULLTEXT = ROOT / "data" / "fulltext"


def _script():
    spec = importlib.util.spec_from_file_location("make_example_data", ROOT / "scripts" / "make_example_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _full_text_decisions() -> dict:
    decisions = {}
    for line in (ROOT / "evidence" / "screening" / "alice.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry["stage"] == "full_text":
            decisions[entry["key"]] = (entry["decision"], entry["reason"])
    return decisions


def test_the_example_ships_small_synthetic_pdfs_that_say_so_on_the_page():
    from synthesis.fulltext.pdftext import pdfium_text

    pdfs = sorted(FULLTEXT.glob("*.pdf"))
    assert 4 <= len(pdfs) <= 8, pdfs
    for pdf in pdfs:
        assert pdf.stat().st_size < 8_000, f"{pdf.name}: {pdf.stat().st_size} bytes (the repository stays small)"
        pages = pdfium_text(pdf)
        assert len(pages) == 2 and all("SYNTHETIC EXAMPLE" in page for page in pages), pdf.name
        assert "Abstract" in pages[0] and "Methods" in pages[1], pdf.name


def test_the_build_matches_each_example_pdf_to_a_report_the_reviewers_assessed(built_example):
    matches = pd.read_csv(built_example / "output" / "fulltext_matches.csv")
    assert len(matches) == len(list(FULLTEXT.glob("*.pdf")))
    assert set(matches["status"]) == {"matched"}, matches
    decisions = _full_text_decisions()
    decided = {k: d for k, d in decisions.items()}
    # every PDF is of a report reaching full text; included ones and excluded ones both have a paper to show,
    # and the report marked not retrieved has none
    assert set(matches["group_id"]) <= set(decided)
    assert {decided[g][0] for g in matches["group_id"]} == {"include", "exclude"}
    assert not [g for g in matches["group_id"] if decided[g][1] == "not retrieved"]
    retrieval = pd.read_csv(built_example / "output" / "fulltext_retrieval.csv")
    states = retrieval["retrieval"].value_counts().to_dict()
    assert states["has PDF"] == len(matches) and states["not retrieved"] == 1
    # the file names are those of a reviewer's tools: reference manager, the publisher's DOI, a scan
    names = " ".join(matches["file"])
    assert " et al. - 20" in names and "10.5555_synth." in names and "scan" in names


def test_the_example_pdfs_are_drawn_again_byte_for_byte(tmp_path):
    for name in ("data", "evidence"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("fulltext"))
    assert _script().write_example_fulltext(tmp_path) == len(list(FULLTEXT.glob("*.pdf")))
    for pdf in FULLTEXT.glob("*.pdf"):
        assert (tmp_path / "data" / "fulltext" / pdf.name).read_bytes() == pdf.read_bytes(), pdf.name


def test_the_whole_script_writes_the_shipped_example_again_byte_for_byte(tmp_path):
    """README: the example's exports, decisions and PDFs are made by ``scripts/make_example_data.py``. Run whole,
    it rewrote the pilot list, both screening logs, the duplicate verdicts and five of the six PDFs (w38): it chose
    papers by the order of their group ids, and the ids had since been worked out another way. It now chooses them
    by where their records stand in the exports. If deduplication changes what this example's groups or maybe
    pairs are, this fails: run the script and commit what it writes."""
    import subprocess
    import sys

    (tmp_path / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "make_example_data.py", tmp_path / "scripts")
    for name in ("data", "evidence"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for pdf in (tmp_path / "data" / "fulltext").glob("*.pdf"):
        pdf.unlink()
    (tmp_path / "evidence" / "duplicate_verdicts.tsv").unlink()
    run = subprocess.run([sys.executable, str(tmp_path / "scripts" / "make_example_data.py")], capture_output=True,
                         text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert run.returncode == 0, run.stderr
    for name in ("data", "evidence"):
        shipped = sorted(p.relative_to(ROOT) for p in (ROOT / name).rglob("*") if p.is_file())
        written = sorted(p.relative_to(tmp_path) for p in (tmp_path / name).rglob("*") if p.is_file())
        assert written == shipped, set(written) ^ set(shipped)
        changed = [str(p) for p in shipped if (tmp_path / p).read_bytes() != (ROOT / p).read_bytes()]
        assert not changed, changed


def test_notebook_2_at_full_text_on_the_example_shows_a_paper_and_says_why_the_order_is_the_files(built_example):
    """Notebook 2 sets ``ORDER = "prioritised"``; at full text the panel said "order: file" and nothing said why
    (w34). Prioritising is for titles and abstracts (at full text every report is read): the panel says so. And
    the example's finished full-text screening shows a paper once k goes back to a record."""
    import synthesis as syn

    settings = syn.open_project(built_example).settings().screening
    units = syn.read_screening_table(built_example / "output" / "units.csv")
    evidence = built_example / "evidence" / "screening"
    w = syn.open_screening(units, "alice", stage="full_text", folder=evidence, settings=settings,
                           order="prioritised", background=False)
    try:
        assert w.panel["order"] == "file"
        assert w.panel["order_why"] == "every report is read at full text"
        for _ in range(20):  # k, back through the decided records, until one with a PDF (6 of the 20 have one)
            w.handle({"action": "previous"})
            if w.ft_files:
                break
        assert w.ft_files and w.ft_png[:8] == b"\x89PNG\r\n\x1a\n" and "page 1 of 2" in w.ft_status
    finally:
        w.close()
    w = syn.open_screening(units, "alice", stage="title_abstract", folder=evidence, settings=settings,
                           order="prioritised", background=False)
    try:
        assert w.panel["order"] == "prioritised" and w.panel["order_why"] == ""
    finally:
        w.close()
