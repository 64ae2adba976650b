"""Quirks met in public exports of helper w31's held-out set (outside ../shared; /work/heldout/w31 lists them).
Each test holds a few lines of its own in the export's layout; the docstring names the public file that showed it."""
from __future__ import annotations

from test_import_quirks_heldout7 import _read  # write the lines, read them as an export


def test_acm_bibtex_degree_after_a_second_comma_is_no_given_name(tmp_path):
    """The ACM Digital Library writes some authors with their degree past a second comma ("Case, Amanda, Ph.D.";
    Wilson008/LLMinMDE2025, acm.bib, CHI '25 "Dango"). BibTeX reads three parts as "von Last, Jr, First", so the
    degree became the given name and the given name a suffix: "Case, P. D., Amanda". The degree is dropped, as
    the RIS reader drops ProQuest's ("Higa, Darrel H, PhD"); "Ford, Jr, Henry" keeps its suffix."""
    text = ("@inproceedings{10.1145/3706598.3714135,\n"
            "author = {Chen, Wei-Hao and Tong, Weixi and Case, Amanda, Ph.D. and Zhang, Tianyi and Ford, Jr, Henry"
            " and Okafor, Ada B., MD},\n"
            "title = {Dango: A Mixed-Initiative Data Wrangling System using Large Language Model},\n"
            "year = {2025},\ndoi = {10.1145/3706598.3714135},\n"
            "booktitle = {Proceedings of the 2025 CHI Conference on Human Factors in Computing Systems},\n"
            "articleno = {389},\nnumpages = {28},\nlocation = {\n},\nseries = {CHI '25}\n}\n")
    records, report = _read(tmp_path, "acm.bib", text)
    assert report.imported == 1
    assert records["authors"][0] == ["Chen, W.-H.", "Tong, W.", "Case, A.", "Zhang, T.", "Ford, H., Jr",
                                     "Okafor, A. B."]
