"""The RIS dialect rules are tried only where a record can need them, and give what trying every one would.

Each rule of :data:`synthesis.io.sources.ris.RULES` says what a record needs for it to change the row (a tag, a
piece of a link); the tagged-format engine leaves a rule out for a run of records none of which holds that
(:class:`synthesis.io.sources.tagged.Facts`). These tests put each rule's trigger in one record only, late in a
file (record 500, after 499 records without it), and check that it still fires, and that the rows are those of
every rule tried on every record.
"""
from __future__ import annotations

import dataclasses

import pytest

from synthesis.io.sources import ris, tagged
from synthesis.io.sources.fields import ID_LINK_MARKS, id_from_links
from synthesis.io.sources.tagged import Facts, Rule

#: The same format with every rule tried on every record (no needs): what the selection must give.
EVERY_RULE_EVERYWHERE = dataclasses.replace(ris.RIS, rules=tuple(Rule(rule.fix) for rule in ris.RULES))

#: Records of no particular database: no tag any rule needs.
PLAIN = "TY  - JOUR\nTI  - Plain trial {k}\nAU  - Smith, John\nAU  - Doe, Jane\nPY  - 2020\nSP  - 1\nEP  - 9\nER  - \n"
#: Records with the tags the rules need, but none of the pieces of links they look for, and no trigger.
TAGGED = ("TY  - JOUR\nTI  - Tagged trial {k}\nAU  - Smith, John\nAU  - Doe, Jane\nPY  - 2020\nVL  - 3\nIS  - 2\n"
          "SP  - 1\nEP  - 9\nUR  - https://doi.org/10.1000/t{k}\nL2  - https://example.org/t{k}.pdf\n"
          "JO  - J Tests\nT2  - Journal of Tests\nT3  - A series\nC3  - A department\nDB  - Embase\n"
          "N1  - Cited by 3\nU1  - 12{k}\nM3  - Article\nER  - \n")

#: One record per rule, each holding its rule's trigger (paraphrased from the exports each rule is for).
LATE = {
    "proquest": ("TY  - JOUR\nTI  - Late ProQuest record\nAU  - Scuderi Raffaele\nAU  - Hashim Intan H M\nVL  - 60\n"
                 "UR  - https://search.proquest.com/docview/2214991469?accountid=1\n"
                 "L2  - http://x.org/openurl?sid=ProQ:ProQ%3Asocialservices&volume=60&issue=8&spage=e633\nER  - \n"),
    "scopus": ("TY  - JOUR\nTI  - Late Scopus record\nAU  - Lee, K.\n"
               "UR  - https://www.scopus.com/inward/record.uri?eid=2-s2.0-85000000001&partnerID=40\n"
               "C2  - 31234567\nC3  - Lecture Notes in Testing\nDB  - Scopus\nER  - \n"),
    "pubmed link": ("TY  - JOUR\nTI  - Late record linking PubMed\nAU  - Ng, A.\n"
                    "UR  - https://pubmed.ncbi.nlm.nih.gov/30942704/\nER  - \n"),
    "ovid resolver": ("TY  - JOUR\nTI  - Late Ovid record\nAU  - Barrett, Frederick S.\nER  - \n"
                      "Link to the External Link Resolver: http://r.example.org/?sid=OVID:medline&id=pmid:28587607"
                      "&id=doi:&issn=&volume=12&issue=3&spage=45&aulast=Barrett\n"),
    "sciencedirect": ("TY  - JOUR\nTI  - Late ScienceDirect record\nAU  - Roy, L.\nJO  - Journal of Smoke\n"
                      "T2  - 18th abstract supplement 2018\nUR  - https://www.sciencedirect.com/science/article/pii/S1\n"
                      "ER  - \n"),
    "series": "TY  - CONF\nTI  - Late conference paper\nAU  - Wu, H.\nBT  - Proceedings of Tests\nT3  - Series of Tests\nER  - \n",
    "ebsco notes": ("TY  - GEN\nTI  - Late case study\nN1  - Accession Number: 96344796; Sterner, Thomas 1; Alem, Yonas 2; "
                    "Affiliations: 1 : A university\nER  - \n"),
    "compendex": ("TY  - JOUR\nTI  - Late Compendex record\nAU  - Kim, J.\nU1  - 20231234567890\nU2  - City model\n"
                  "N1  - Compilation and indexing terms, Copyright 2023 Elsevier Inc.\nER  - \n"),
    "medline names": "TY  - JOUR\nTI  - Late CENTRAL record\nA1  - Achterbergh RCA, van der Helm JJ, de Vries HJC\nER  - \n",
    "registry": ("TY  - JOUR\nTI  - Late registry record\nAU  - NCT06882096,\nM3  - Trial registry record\n"
                 "C3  - CTgov NCT06882096\nAN  - CN-02820000\nUR  - https://www.cochranelibrary.com/central/doi/10.1002/x\n"
                 "ER  - \n"),
}

#: What each late record reads as: column -> value.
EXPECTED = {
    "proquest": {"authors": ["Scuderi, R.", "Hashim, I. H. M."], "pages": "e633"},
    "scopus": {"source_id": "2-s2.0-85000000001", "pmid": "31234567", "journal": "Lecture Notes in Testing"},
    "pubmed link": {"pmid": "30942704"},
    "ovid resolver": {"pmid": "28587607", "volume": "12", "issue": "3", "pages": "45"},
    "sciencedirect": {"journal": "Journal of Smoke"},
    "series": {"journal": "Series of Tests"},
    "ebsco notes": {"authors": ["Sterner, T.", "Alem, Y."]},
    "compendex": {"source_id": "20231234567890"},
    "medline names": {"authors": ["Achterbergh, R. C. A.", "van der Helm, J. J.", "de Vries, H. J. C."]},
    "registry": {"authors": [], "type": "Trial registry record", "pmid": "", "source_database": "Cochrane CENTRAL"},
}


def _file(filler: str, late: str, before: int = 499, after: int = 70) -> str:
    return "".join(filler.format(k=k) for k in range(before)) + late + \
        "".join(filler.format(k=k) for k in range(before, before + after))


def _rows(text: str, fmt) -> list[dict]:
    return tagged.read(text, fmt).records


@pytest.mark.parametrize("filler", [PLAIN, TAGGED], ids=["plain", "tagged"])
@pytest.mark.parametrize("name", LATE)
def test_a_rule_fires_on_record_500_alone(name, filler):
    text = _file(filler, LATE[name])
    rows = _rows(text, ris.RIS)
    late = rows[499]
    assert late["title"].startswith("Late")
    for column, value in EXPECTED[name].items():
        assert late.get(column) == value, (name, column)
    assert rows == _rows(text, EVERY_RULE_EVERYWHERE)


def test_every_late_trigger_in_one_file():
    """All the triggers in one file, each in a different run of records (the runs built together), late."""
    text = "".join(_file(PLAIN, LATE[name], before=130, after=0) for name in LATE)
    rows = _rows(text, ris.RIS)
    assert rows == _rows(text, EVERY_RULE_EVERYWHERE)
    for k, name in enumerate(LATE):
        for column, value in EXPECTED[name].items():
            assert rows[130 * (k + 1) + k].get(column) == value, (name, column)


def test_the_selection_gives_every_rule_on_the_shared_ris_files(shared_data):
    paths = sorted((shared_data / "imports").rglob("*.ris"))
    assert paths
    for path in paths:
        text = path.read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
        assert _rows(text, ris.RIS) == _rows(text, EVERY_RULE_EVERYWHERE), path.name


def test_a_rule_needs_its_tags_and_a_piece_of_a_link():
    rule = Rule(print, needs=("AU|A1", "UR"), marks=("proquest.com/", "spage="))
    links = "https://doi.org/10.1/x\nhttps://search.proquest.com/docview/1"
    assert rule.applies(Facts(frozenset({"AU", "UR"}), links))
    assert rule.applies(Facts(frozenset({"A1", "UR", "TY"}), "http://x?spage=4"))
    assert not rule.applies(Facts(frozenset({"UR"}), links))  # no author tag
    assert not rule.applies(Facts(frozenset({"AU", "L2"}), links))  # no UR
    assert not rule.applies(Facts(frozenset({"AU", "UR"}), "https://doi.org/10.1/x"))
    assert Rule(print).applies(Facts(frozenset()))


@pytest.mark.parametrize("marks", [("proquest.com/ docview",), ("",), (" eid=",), ("a\tb",), ("x\u00a0y",)])
def test_a_rule_s_marks_hold_no_white_space(marks):
    """A piece with a space could be found in two values joined with a space, and in neither alone."""
    with pytest.raises(ValueError, match="white space"):
        Rule(print, marks=marks)


def test_facts_hold_the_values_of_the_fact_tags_of_every_record():
    records = [{"TY": "JOUR", "UR": ["a", "b"]}, {"L2": "c", "N1": "d"}, {"UR": ""}, {"UR": "e"}]
    assert tagged._fact_text(records, ("UR", "L2"), frozenset({"TY", "UR", "L2", "N1"})).split("\n") == \
        ["a", "b", "e", "c"]


@pytest.mark.parametrize("link, db", [
    ("https://www.scopus.com/inward/record.uri?eid=2-s2.0-85000000001&partnerID=40", ""),
    ("https://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=medl&NEWS=N&AN=32274665", ""),
    ("https://www.scopus.com/pages/publications/105007450265?origin=resultslist", ""),
    ("https://www.epistemonikos.org/documents/0f8b5c2e4a6d8f0b1c3e5a7d9f1b3d5e", ""),
    ("http://www.jstor.org/stable/44443331", "JSTOR"),
])
def test_every_link_that_gives_an_id_holds_a_mark(link, db):
    """The id rule is left out where no link holds one of ID_LINK_MARKS: id_from_links finds ids only there."""
    tags = {"UR": link, "DB": db} if db else {"UR": link}
    assert id_from_links(tags)
    assert any(mark in link for mark in ID_LINK_MARKS)
