"""Quirks met in real database exports outside ../shared (tables and markup: CSV, BibTeX, XML, JSON). Each
test holds a few lines of its own in the export's layout; the comment names the public file that showed it."""
from __future__ import annotations


def test_scopus_bibtex_generational_suffix_after_the_given_name():
    """Scopus BibTeX writes "Thompson, F.R., III" (family, given, suffix), where BibTeX's own order is
    "von Last, Jr, First": read strictly, "III" became the initials (elizagrames/litsearchr,
    inst/extdata/borealis/final_search/bibs/scopus_final.bib)."""
    from synthesis.io.sources import bibtex

    text = ("@ARTICLE{Roach2019443,\nauthor={Roach, M.C. and Thompson, F.R., III and Ford, Jr, Henry},\n"
            "title={Effects of woodland restoration on birds},\njournal={Forest Ecology and Management},\n"
            "year={2019},\nsource={Scopus},\n}\n")
    rec = bibtex.parse(text).records[0]
    assert rec["authors"] == ["Roach, M. C.", "Thompson, F. R., III", "Ford, H., Jr"]
