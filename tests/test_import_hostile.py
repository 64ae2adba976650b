"""Hostile or damaged exports: two encodings in one file, BibTeX brace errors, deeply nested braces."""
from __future__ import annotations

import time

from synthesis.io import read_file
from synthesis.io.sources import bibtex


def test_two_encodings_in_one_file_are_each_decoded_and_the_lines_named(tmp_path):
    utf8 = "TY  - JOUR\nTI  - Café society in Zürich\nAU  - Müller, Jörg\nER  - \n\n"
    legacy = "TY  - JOUR\nTI  - Résumé of “quoted” naïveté\nAU  - Šimek, Ondřej\nER  - \n"
    path = tmp_path / "pasted.ris"
    path.write_bytes(utf8.encode("utf-8") + legacy.replace("Šimek, Ondřej", "Garçon, Anaïs").encode("cp1252"))
    records, report = read_file(path)
    assert list(records["title"]) == ["Café society in Zürich", "Résumé of “quoted” naïveté"]
    assert records["authors"].tolist()[1] == ["Garçon, A."]
    assert report.encoding == "utf-8+cp1252"
    named = [w for w in report.warnings if "two encodings" in w]
    assert named and "pasted.ris" in named[0] and "line(s) 7-8" in named[0], report.warnings


def test_lines_that_no_encoding_fits_are_named(tmp_path):
    path = tmp_path / "pasted.ris"
    path.write_bytes("TY  - JOUR\nTI  - Café\nER  - \n\nTY  - JOUR\nTI  - ".encode("utf-8") + b"Bad \x81\x8d\x8f\x90\x9d"
                     + b"\nER  - \n")
    records, report = read_file(path)
    assert len(records) == 2
    assert any("line(s) 6" in w and "fit no encoding" in w for w in report.warnings), report.warnings


BRACES = """@article{k1, title = {Fine}, year = 2019}

@article{k2, title = {A title}},
  author = {Smith, John},
  journal = {Journal of Things},
  year = 2020}

@article{k3, title = {Next}, year = 2021}
"""


def test_an_extra_closing_brace_is_reported_with_its_line_and_the_fields_are_not_lost(tmp_path):
    path = tmp_path / "braces.bib"
    path.write_text(BRACES, encoding="utf-8")
    records, report = read_file(path)
    assert report.found == 3 and report.imported == 3
    k2 = records[records["source_id"] == "k2"].iloc[0]
    assert (k2["title"], k2["authors"], k2["journal"], k2["year"]) == ("A title", ["Smith, J."], "Journal of Things",
                                                                       2020)
    warning = [w for w in report.warnings if "extra closing brace" in w]
    assert warning and "line 3" in warning[0] and "author, journal, year" in warning[0], report.warnings


def test_fields_after_a_brace_error_that_cannot_be_repaired_are_named_as_lost():
    text = "@article{k2, title = {A title}} extra},\n  author = {Smith, John},\n  year = 2020}\n"
    result = bibtex.parse(text)
    warning = [w for w in result.warnings if "extra closing brace" in w]
    assert warning and "line 1" in warning[0] and "(author, year) were lost" in warning[0], result.warnings


def test_deeply_nested_braces_decode_in_linear_time():
    for depth in (64_000,):
        text = "@article{k, title = {" + "{" * depth + "Deep" + "}" * depth + "}, year = 2020}\n"
        t0 = time.process_time()
        result = bibtex.parse(text)
        took = time.process_time() - t0
        assert result.records[0]["title"] == "Deep"
        assert took < 1.0, f"{depth} nested braces took {took:.1f} s"
