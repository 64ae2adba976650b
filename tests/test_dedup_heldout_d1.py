"""Deduplication on held-out set d1 (outside ../shared): overlapping Scopus and Web of Science exports of one search.
Each test builds its own few records; the comment names the public files that showed the case."""
from __future__ import annotations

import warnings

import pandas as pd

from synthesis.dedup import deduplicate
from synthesis.dedup.prep import author_key, first_author
from synthesis.records import make_record_table

ABSTRACT = ("A truck and a drone deliver parcels together: the drone leaves the truck, serves one customer and "
            "meets the truck again further on. We give two formulations and a branch-and-cut method that solves "
            "most benchmark instances to optimality.")


def test_a_printed_apostrophe_in_a_family_name_is_the_typed_one():
    """Scopus writes one author "Dell’Amico, M." (a printed apostrophe) and Web of Science "Dell'Amico, Mauro"
    (avelin0/fstsp-dataset, scopus.bib and wos.bib); Embase writes "O’Gorman D.B." where MEDLINE has "O'Gorman DB"
    (lisaphmm/bacteria-identification-systematic-review, embase.csv). The typed apostrophe was dropped ("dellamico")
    but the printed one split the name in two ("dell amico"), so the first authors differed."""
    for printed, typed in ((["Dell’Amico, M.", "Novellani, S."], ["Dell'Amico, Mauro", "Novellani, Stefano"]),
                           (["O’Gorman D.B."], ["O'Gorman DB"]), (["D´Angelo, F."], ["D'Angelo, F."]),
                           (["Mauro Dell‘Amico"], ["Mauro Dell'Amico"])):
        assert author_key(printed) == author_key(typed), (printed, typed)
        assert first_author(printed) == first_author(typed), (printed, typed)
    assert first_author(["Dell’Amico, M."]) == "dellamico"
    assert author_key(["O’Brien, K.", "Smith, J."]) != author_key(["Brien, K.", "Smith, J."])


def test_the_same_article_with_a_printed_and_a_typed_apostrophe_is_one_record():
    """A full Scopus record whose first author has a printed apostrophe, and the same article exported by Web of
    Science with authors, title, abstract and year only (as a savedrecs export can be): the first authors were
    told apart, so the pair was a maybe at 19 % ("authors 87 % alike"), and without the year it was not shown at
    all (avelin0/fstsp-dataset, scopus.bib against wos.bib cut down to those fields)."""
    common = {"title": "Exact formulations for a truck and drone delivery problem", "abstract": ABSTRACT,
              "type": "JOUR"}
    scopus = dict(common, year=2021, journal="Optimization Letters", volume="15", issue="5", pages="1617-1648",
                  authors=["Dell’Amico, M.", "Montemanni, R.", "Novellani, S."], source_file="scopus.bib",
                  source_index=1)
    wos = dict(common, authors=["Dell'Amico, Mauro", "Montemanni, Roberto", "Novellani, Stefano"],
               source_file="wos.bib", source_index=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = deduplicate(make_record_table([scopus, dict(wos, year=2021)]))
        assert result.summary["duplicates_removed"] == 1, result.maybe_pairs[["likelihood", "reason"]].to_dict("records")
        result = deduplicate(make_record_table([scopus, wos]))  # no year: held for a person, but shown
    assert result.maybe_pairs["likelihood"].tolist() == [0.95], result.maybe_pairs["reason"].tolist()


def _read(tmp_path, name: str, text: str):
    from synthesis.io import read_file

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_file(path)[0]


def test_an_article_paginated_from_one_is_found_by_its_article_number(tmp_path):
    """Scopus gives an MDPI article both its own pages and its number ("pages = {1-24}", "art_number = {274}"; the
    CSV's Page start 1, Page end 24, Art. No. 274; RIS SP 1, EP 24, C7 274) where Web of Science and PubMed give
    274 alone (imrafaela/bibliography, scopus.bib against wos.bib, Brain Sciences 11(2)). Read as pages, the two
    copies stood at two places of one volume and, without their DOIs, were only a maybe pair at 0.43. Pages
    that do not start at 1 are the volume's and stay (IEEE Access gives both too)."""
    bib = ("@ARTICLE{Khelifa2021,\n author={Ben Khelifa, M. and Lopes, R.},\n title={Decoding workload from EEG "
           "in virtual reality},\n journal={Brain Sciences},\n year={2021},\n volume={11},\n number={2},\n "
           "pages={1-24},\n art_number={274},\n}\n@ARTICLE{Access2020,\n author={Okafor, C.},\n title={A second "
           "paper},\n journal={IEEE Access},\n year={2020},\n volume={8},\n pages={12345-12360},\n "
           "art_number={9012345},\n}\n")
    assert _read(tmp_path, "scopus.bib", bib)["pages"].tolist() == ["274", "12345-12360"]
    ris = ("TY  - JOUR\nAU  - Ben Khelifa, M.\nTI  - Decoding workload from EEG in virtual reality\nT2  - Brain "
           "Sciences\nPY  - 2021\nVL  - 11\nIS  - 2\nSP  - 1\nEP  - 24\nC7  - 274\nER  - \n")
    assert _read(tmp_path, "scopus.ris", ris)["pages"].tolist() == ["274"]
    csv = ('Authors,Title,Year,Source title,Volume,Issue,Art. No.,Page start,Page end,DOI,Link,EID,Source\n'
           '"Ben Khelifa M.","Decoding workload from EEG in virtual reality",2021,"Brain Sciences",11,2,274,1,24,,'
           ',2-s2.0-85100000000,Scopus\n')
    assert _read(tmp_path, "scopus.csv", csv)["pages"].tolist() == ["274"]
    wos = ("@article{WOS:1,\nauthor = {Ben Khelifa, Mohamed and Lopes, Renaud},\ntitle = {Decoding workload from "
           "EEG in virtual reality},\njournal = {BRAIN SCIENCES},\nyear = {2021},\nvolume = {11},\nnumber = {2},\n"
           "article-number = {274},\n}\n")
    records = pd.concat([_read(tmp_path, "scopus.bib", bib).iloc[:1], _read(tmp_path, "wos.bib", wos)],
                        ignore_index=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = deduplicate(records)
    assert result.summary["duplicates_removed"] == 1, result.maybe_pairs[["likelihood", "reason"]].to_dict("records")
