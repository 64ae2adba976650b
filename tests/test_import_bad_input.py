"""Bad input, written by the tests themselves: every case gives a clear message naming the file and the
line or record, never a traceback, and counts still reconcile (found = imported + rejected)."""
from __future__ import annotations

import importlib.util

import pytest

from synthesis.io import ImportFailure, read_file, read_files
from synthesis.io.decode import decode_bytes

needs_full_import = pytest.mark.skipif(
    importlib.util.find_spec("synthesis.io.databases") is None,
    reason="synthesis.io.databases (the tagged-format engineer's part) not there yet")

ENDNOTE_XML = """<?xml version="1.0" encoding="UTF-8"?>
<xml><records>
<record><rec-number>1</rec-number><ref-type name="Journal Article">17</ref-type>
<titles><title><style face="normal">First trial</style></title></titles>
<dates><year>2001</year></dates></record>
<record><rec-number>2</rec-number><ref-type name="Journal Article">17</ref-type>
<titles><title><style face="normal">Second trial</style></title></titles>
<dates><year>2002</year></dates></record>
<record><rec-number>3</rec-number><ref-type name="Journal Article">17</ref-type>
<titles><title><style face="normal">Third trial</style></title></titles>
<dates><year>2003</year></dates></record>
</records></xml>
"""

PUBMED_XML = """<?xml version="1.0"?>
<PubmedArticleSet>
<PubmedArticle><MedlineCitation><PMID>111</PMID><Article><ArticleTitle>One.</ArticleTitle></Article>
</MedlineCitation></PubmedArticle>
<PubmedArticle><MedlineCitation><PMID>222</PMID><Article><ArticleTitle>Two.</ArticleTitle></Article>
</MedlineCitation></PubmedArticle>
</PubmedArticleSet>
"""

BIBTEX = """@article{one2001,
  title = {First trial},
  author = {Smith, John},
  year = {2001}
}

@article{two2002,
  title = {Second trial},
  author = {Doe, Jane},
  year = {2002}
}
"""

CSV = """Title,Authors,Published Year,DOI,Covidence #
First trial,"Smith, J.",2001,10.1000/one,#1
"Second trial, with a comma","Doe, J.",2002,10.1000/two,#2
"""

RIS = """TY  - JOUR
TI  - First trial
AU  - Smith, John
PY  - 2001
ER  - 

TY  - JOUR
TI  - Second trial
AU  - Doe, Jane
PY  - 2002
ER  - 
"""


def _write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# ---- files that cannot be imported at all: ImportFailure naming the file ------------------------------

def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.ris"
    with pytest.raises(ImportFailure, match=r"nowhere\.ris: no such file"):
        read_file(path)
    result = read_files([path])
    assert not result.ok and "nowhere.ris" in result.reports[0].error


@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t\n"])
def test_empty_file(tmp_path, content):
    path = _write(tmp_path, "empty.bib", content)
    with pytest.raises(ImportFailure, match=r"empty\.bib: the file is empty"):
        read_file(path)


def test_binary_file(tmp_path):
    path = _write(tmp_path, "scan.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(ImportFailure, match=r"scan\.csv: looks like a binary file"):
        read_file(path)


def test_undecodable_bytes(tmp_path):
    path = _write(tmp_path, "odd.csv", b"Title,Year\n" + bytes(range(0x80, 0x100)) * 3 + b",2001\n")
    with pytest.raises(ImportFailure, match=r"odd\.csv, line 2: undecodable byte 0x80"):
        read_file(path)
    good = _write(tmp_path, "latin.csv", "Title,Year\nCafé au lait,2001\n".encode("cp1252"))
    with pytest.raises(ImportFailure, match=r"latin\.csv: cannot be decoded as utf-8"):
        read_file(good, encoding="utf-8")


def test_unknown_format(tmp_path):
    path = _write(tmp_path, "notes.txt", "Dear colleague,\nplease find the search results attached.\n")
    with pytest.raises(ImportFailure, match=r"notes\.txt, line 1: unknown format.*Dear colleague"):
        read_file(path)


@pytest.mark.parametrize("fmt, text, message", [
    ("bibtex", "% only a comment\n@string{x = {y}}\n", "no BibTeX entries"),
    ("endnote_xml", "<xml><records></records></xml>", "EndNote XML without any <record>"),
    ("pubmed_xml", "<PubmedArticleSet></PubmedArticleSet>", "PubMed XML without any <PubmedArticle>"),
])
def test_forced_format_without_records(fmt, text, message):
    from synthesis.io.sources import reader

    with pytest.raises(ImportFailure, match=f"forced.txt, line 1: {message}"):
        reader(fmt).parse(text, "forced.txt")


def test_csv_without_a_known_header(tmp_path):
    from synthesis.io.sources import table

    with pytest.raises(ImportFailure, match=r"sheet\.csv, line 1: no header row with known column names"):
        table.parse("alpha,beta,gamma\n1,2,3\n", "sheet.csv")


# ---- truncated files: the records before the cut are imported, the cut one is rejected with its line -----

def test_endnote_xml_cut_mid_way():
    from synthesis.io.sources import endnote_xml

    cut = ENDNOTE_XML[: ENDNOTE_XML.index("Third trial")]
    res = endnote_xml.parse(cut, "cut.xml")
    assert (res.found, len(res.records), len(res.rejected)) == (3, 2, 1)
    rej = res.rejected[0]
    assert rej.index == 3 and rej.line == 9 and "not closed" in rej.reason
    assert any("cut off" in w for w in res.warnings)


def test_endnote_xml_broken_record_in_the_middle():
    from synthesis.io.sources import endnote_xml

    broken = ENDNOTE_XML.replace("<year>2002</year>", "<year>2002</yr>")
    res = endnote_xml.parse(broken, "broken.xml")
    assert [r["title"] for r in res.records] == ["First trial", "Third trial"]
    assert res.rejected[0].index == 2 and res.rejected[0].line == 8
    assert "broken XML" in res.rejected[0].reason


def test_pubmed_xml_cut_mid_way():
    from synthesis.io.sources import pubmed_xml

    res = pubmed_xml.parse(PUBMED_XML[: PUBMED_XML.index("Two.")], "cut.xml")
    assert (res.found, len(res.records), len(res.rejected)) == (2, 1, 1)
    assert res.rejected[0].line == 5


def test_bibtex_cut_mid_entry():
    from synthesis.io.sources import bibtex

    res = bibtex.parse(BIBTEX[: BIBTEX.index("author = {Doe")], "cut.bib")
    assert (res.found, len(res.records), len(res.rejected)) == (2, 1, 1)
    assert res.rejected[0].index == 2 and res.rejected[0].line == 7
    assert "BibTeX entry cannot be read" in res.rejected[0].reason


def test_bibtex_broken_entry_in_the_middle():
    from synthesis.io.sources import bibtex

    text = BIBTEX.replace("@article{two2002,", "@article{bad, title = {Oops, year = 2000}\n\n@article{two2002,")
    res = bibtex.parse(text, "mid.bib")
    assert res.found == 3 and [r["source_id"] for r in res.records] == ["one2001", "two2002"]
    assert res.rejected[0].index == 2 and res.rejected[0].line == 7
    assert "BibTeX entry cannot be read" in res.rejected[0].reason


def test_csv_cut_inside_a_quoted_cell():
    from synthesis.io.sources import table

    res = table.parse(CSV[: CSV.index("with a comma") + 4], "cut.csv")
    assert (res.found, len(res.records), len(res.rejected)) == (2, 1, 1)
    assert res.rejected[0].line == 3 and "cut off" in res.rejected[0].reason


def test_csv_short_last_row_without_newline_is_kept():
    from synthesis.io.sources import table

    res = table.parse("Title,Authors,Published Year,DOI,Covidence #,Notes,Tags\nA trial,\"Smith, J.\",2001,"
                      "10.1000/one,#1", "short.csv")
    assert (res.found, len(res.records), len(res.rejected)) == (1, 1, 0)
    assert "record 1 (line 2): 5 of 7 columns; the rest left empty (the file may be cut off here)" in res.warnings


def test_a_csv_header_with_a_column_named_twice_says_which_is_read():
    # a header edited by hand ("Published Year" renamed "Title") gave every record no year, without a word
    from synthesis.io.sources import table

    res = table.parse(CSV.replace("Published Year", "Title"), "edited.csv")
    assert [r["year"] for r in res.records] == [None, None] and res.records[0]["title"] == "First trial"
    assert ("header row (line 1): 'Title' names columns 1 and 3; the record reads column 1, column 3 differs in "
            "2 row(s) and is kept in raw only: rename one and import again") in res.warnings
    copied = "Title,Authors,Title\nFirst trial,\"Smith, J.\",First trial\n"  # a repeated copy loses nothing
    assert table.parse(copied, "copied.csv").warnings == []


def test_a_csv_column_without_a_name_is_named_when_it_holds_text():
    # an emptied header cell left that column's text (here the DOIs) out of every record, without a word
    from synthesis.io.sources import table

    res = table.parse(CSV.replace(",DOI,", ",,"), "unnamed.csv")
    assert [r["doi"] for r in res.records] == ["", ""]
    assert ("header row (line 1): column 4 has no name but holds text in 2 row(s); kept in raw only: name it in "
            "the header and import again") in res.warnings
    rows = '"",' + CSV.replace("\nFirst", '\n"1",First').replace("\n\"Second", '\n"2","Second')  # R's row names
    assert not [w for w in table.parse(rows, "r.csv").warnings if "no name" in w]
    # the last column's name deleted: its cells read as the cells after a trailing delimiter, said nothing
    last = table.parse(CSV.replace(",Covidence #", ","), "last.csv")
    assert ("header row (line 1): column 5 has no name but holds text in 2 row(s); kept in raw only: name it in "
            "the header and import again") in last.warnings
    trailing = "Title,DOI,\nFirst trial,10.1000/one,\nSecond trial,10.1000/two,\n"  # a delimiter ends every line
    assert table.parse(trailing, "trailing.csv").warnings == []


@pytest.mark.parametrize("name, text, said", [
    ("savedrecs.txt", "FN Clarivate Web of Science\nVR 1.0\nEF\n", "a Web of Science export holding no records "
     "(only its FN, VR and EF lines)"),
    ("savedrecs.txt", "\ufeffFN Clarivate Web of Science\nVR 1.0", "a Web of Science export holding no records"),
    ("sciencedirect.ris", "Provider: Elsevier\nDatabase: SciVerse ScienceDirect\nContent: text/plain; "
     "charset=\"UTF-8\"\n\n", "a RIS export holding no records (only its Provider, Database and Content lines)"),
    ("scopus.bib", "% Scopus export\n%  0 documents\n", "a BibTeX file holding no records (only its % comment lines)"),
])
def test_an_export_of_no_records_says_so(tmp_path, name, text, said):
    # each was "unknown format: no reader recognises this file (first line: 'FN Clarivate Web of Science')"
    with pytest.raises(ImportFailure) as caught:
        read_file(_write(tmp_path, name, text), name=name)
    assert str(caught.value).startswith(f"{name}, line 1: {said}")
    assert str(caught.value).endswith("the search found nothing or the export failed; export it again (a search "
                                      "that found nothing needs no file: log it in evidence/searches.toml with "
                                      "records_reported = 0)")


@needs_full_import
def test_truncated_files_through_read_file(tmp_path):
    for name, text, marker in [("cut.xml", ENDNOTE_XML, "Third trial"), ("cut.bib", BIBTEX, "author = {Doe"),
                               ("cut.ris", RIS, "AU  - Doe")]:
        path = _write(tmp_path, name, text[: text.index(marker)])
        _, report = read_file(path)
        assert report.reconciles and report.found == (3 if name == "cut.xml" else 2), report.summary()
        assert (report.imported, len(report.rejected)) == (report.found - 1, 1), report.summary()
        summary = report.summary()
        assert name in summary
        if report.rejected:
            assert "record " in summary and "line " in summary


# ---- mis-labelled files: detected from the content ----------------------------------------------------

@needs_full_import
@pytest.mark.parametrize("name, text, fmt", [
    ("looks_like.ris", BIBTEX, "bibtex"),
    ("export.csv", PUBMED_XML, "pubmed_xml"),
    ("library.txt", ENDNOTE_XML, "endnote_xml"),
    ("refs.bib", CSV, "csv"),
])
def test_mislabelled_file_detected_by_content(tmp_path, name, text, fmt):
    table, report = read_file(_write(tmp_path, name, text))
    assert report.format == fmt and report.reconciles and len(table) == report.imported >= 2


# ---- a record without a title: imported, and named in a warning -----------------------------------------

def test_record_without_a_title_is_named():
    from synthesis.io.sources import bibtex, endnote_xml, table

    res = bibtex.parse(BIBTEX.replace("  title = {Second trial},\n", ""), "t.bib")
    assert len(res.records) == 2 and "record 2 (line 7): no title" in res.warnings
    res = endnote_xml.parse(ENDNOTE_XML.replace("Second trial", ""), "t.xml")
    assert len(res.records) == 3 and "record 2 (line 6): no title" in res.warnings
    res = table.parse(CSV.replace('"Second trial, with a comma"', ""), "t.csv")
    assert len(res.records) == 2 and "record 2 (line 3): no title" in res.warnings


@needs_full_import
def test_record_without_a_title_in_the_report(tmp_path):
    path = _write(tmp_path, "notitle.bib", BIBTEX.replace("  title = {Second trial},\n", ""))
    table, report = read_file(path)
    assert report.imported == 2 and "notitle.bib" in report.summary()
    assert "record 2 (line 7): no title" in report.summary()


# ---- stable ids -----------------------------------------------------------------------------------------

@needs_full_import
@pytest.mark.parametrize("name, text", [("a.bib", BIBTEX), ("a.xml", ENDNOTE_XML), ("a.csv", CSV),
                                        ("a_pubmed.xml", PUBMED_XML)])
def test_same_file_imported_twice_gives_identical_record_ids(tmp_path, name, text):
    path = _write(tmp_path, name, text)
    first, _ = read_file(path)
    second, _ = read_file(path)
    assert list(first["record_id"]) == list(second["record_id"]) and first["record_id"].is_unique


@pytest.mark.parametrize("text", ["Title,Year\nCafé au lait,2001\n", "Café\nau lait\n"])
def test_short_western_files_decode_as_windows_1252(text):
    data = text.encode("cp1252")
    assert decode_bytes(data) == decode_bytes(data) == (text, "cp1252")


# ---- the command line: one bad file among good ones ---------------------------------------------------------

@needs_full_import
@pytest.mark.skipif(importlib.util.find_spec("synthesis.io.export") is None,
                    reason="synthesis.io.export (the tagged-format engineer's part) not there yet")
def test_cli_imports_the_good_files_and_exits_non_zero(tmp_path, capsys):
    import pandas as pd

    from synthesis.cli import main

    good_bib = _write(tmp_path, "good.bib", BIBTEX)
    good_csv = _write(tmp_path, "good.csv", CSV)
    bad = _write(tmp_path, "broken.ris", b"\x00\x01\x02binary\x00" * 50)
    missing = tmp_path / "missing.ris"
    out = tmp_path / "records.csv"
    code = main(["import", str(good_bib), str(bad), str(missing), str(good_csv), "-o", str(out)])
    captured = capsys.readouterr()
    assert code != 0
    assert "Traceback" not in captured.out + captured.err
    assert "broken.ris" in captured.err and "binary" in captured.err
    assert "missing.ris" in captured.err and "no such file" in captured.err
    table = pd.read_csv(out)
    assert len(table) == 4
    assert set(table["title"]) == {"First trial", "Second trial", "Second trial, with a comma"}
