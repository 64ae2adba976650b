"""A third round of exports nobody had tuned the readers for (Ovid, Embase, Europe PMC, Covidence, Rayyan,
Publish or Perish, the Cochrane Library...): a few lines of each, in the real layout of that export, and
what a reviewer must get from them."""
from __future__ import annotations

import pytest

from synthesis.io import ImportFailure, read_file

_POP_HEADER = ("Cites,Authors,Title,Year,Source,Publisher,ArticleURL,CitesURL,GSRank,QueryDate,Type,DOI,ISSN,"
               "CitationURL,Volume,Issue,StartPage,EndPage,ECC,CitesPerYear,CitesPerAuthor,AuthorCount,Age,"
               "Abstract,FullTextURL,RelatedURL\n")


def _read(tmp_path, name, text, newline=None):
    path = tmp_path / name
    with open(path, "w", encoding="utf-8", newline=newline) as f:
        f.write(text)
    table, report = read_file(path)
    return table.to_dict("records"), report


def test_google_scholar_ellipsis_is_no_author(tmp_path):
    """Google Scholar (via Publish or Perish) ends a long author list with "...": it became an author."""
    text = _POP_HEADER + (
        '39,"C Kun‐Rodrigues, J Salmona, A Besolo, ...","New density estimates of a threatened sifaka species '
        '(Propithecus coquereli) in Ankarafantsika National Park",2014,"American Journal of …","Wiley Online '
        'Library","https://onlinelibrary.wiley.com/doi/abs/10.1002/ajp.22243","https://scholar.google.com/scholar'
        '?cites=885744689098478713&as_sdt=2005&sciodt=0,5&hl=en",1,"2022-06-03 12:54:03","","10.1002/ajp.22243",'
        '"","",,,,,39,4.88,10,4,8,"… Propithecus coquereli is one of the last sifaka species …","",""\n')
    recs, _ = _read(tmp_path, "PoPCites.csv", text)
    assert recs[0]["authors"] == ["Kun‐Rodrigues, C.", "Salmona, J.", "Besolo, A."]
