"""Quirks met in real database exports gathered for held-out set 6 (outside ../shared). Each test holds a few
lines of its own in the export's layout; the comment names the public file that showed it."""
from __future__ import annotations


def test_scopus_csv_full_given_name_stays_after_the_family_name():
    """Scopus's CSV writes every name family name first ("Yagai T."); where it holds the given name in full and
    no initials ("Janko Wolfgang", a 1985 German paper) the name was read given name first and became
    "Wolfgang, J." (UWNETLAB/metaknowledge, metaknowledge/tests/scopus_testing.csv.scopus)."""
    from synthesis.io.sources import table

    text = ('Authors,Title,Year,Source title,Volume,Issue,Art. No.,Page start,Page end,DOI,Link,Document Type,'
            'Source,EID\n'
            '"Huber Anton","Rechnergestützte Planung",1984,"Angewandte Informatik","26","3",,"101","108",,'
            '"https://www.scopus.com/inward/record.uri?eid=2-s2.0-0000000001",Article,Scopus,2-s2.0-0000000001\n'
            '"Garcia Marquez G., van Eck N.J., Ito Keiko","A second paper",2016,"J Test","1","2",,"3","4",,'
            '"https://www.scopus.com/inward/record.uri?eid=2-s2.0-0000000002",Article,Scopus,2-s2.0-0000000002\n')
    text += ('"[No author name available]","An editorial",2016,"J Test","1","2",,"5","5",,'
             '"https://www.scopus.com/inward/record.uri?eid=2-s2.0-0000000003",Editorial,Scopus,2-s2.0-0000000003\n'
             '"World Health Organization","A report",2016,"J Test","1","2",,"6","9",,'
             '"https://www.scopus.com/inward/record.uri?eid=2-s2.0-0000000004",Article,Scopus,2-s2.0-0000000004\n')
    parsed = table.parse(text, "scopus.csv")
    assert parsed.database == "Scopus"
    assert parsed.records[0]["authors"] == ["Huber, A."]
    assert parsed.records[1]["authors"] == ["Garcia Marquez, G.", "van Eck, N. J.", "Ito, K."]
    # no one, and no person (litstudy's Scopus CSV has nine "[No author name available]")
    assert parsed.records[2]["authors"] == [] and parsed.records[3]["authors"] == ["World Health Organization"]


def test_refworks_legacy_export_with_its_tag_legend_is_read():
    """RefWorks's legacy export opens with "Refworks Export Tagged Format", a legend of its tags
    ("RT=Reference Type", ...) and fonts, and "BEGIN EXPORTED REFERENCES" above the records: no reader
    recognised the file (zotero/translators, "RefWorks Tagged.js", its fourth test case's input)."""
    from synthesis.io import detect_format
    from synthesis.io.sources import refworks

    legend = "\n".join(f"{tag}={name}" for tag, name in [
        ("RT", "Reference Type"), ("SR", "Source Type"), ("A1", "Primary Authors"), ("T1", "Primary Title"),
        ("JF", "Periodical Full"), ("YR", "Publication Year"), ("VO", "Volume"), ("SP", "Start Page"),
        ("OP", "Other Pages"), ("AB", "Abstract"), ("K1", "Keyword"), ("SN", "ISSN/ISBN"), ("LK", "Links"),
        ("DO", "Document Object Index"), ("UL", "URL"), ("OL", "Output Language"), ("PMID", "PMID")] * 5)
    text = ("Refworks Export Tagged Format\n\nCharacter Set=utf-8\n\nTag legend\n*****\n" + legend +
            "\n\n*****\nFont Attribute Legend\nStart Bold = \nEnd Bold = \n\n*****\nBEGIN EXPORTED REFERENCES\n\n\n\n"
            "RT Journal Article\nSR Electronic(1)\nID 17\nA1 Okafor,Chidi\nT1 Rivers of the delta\n"
            "JF Journal of Hydrology\nYR 2004\nVO 12\nIS 1\nSP 5\nOP 19\nOL Unknown(0)\n")
    assert detect_format(text, "refworks.txt") == "refworks"
    parsed = refworks.parse(text, "refworks.txt")
    assert [r["title"] for r in parsed.records] == ["Rivers of the delta"]
    assert parsed.records[0]["pages"] == "5-19"
    assert parsed.warnings == []  # the legend describes the format: no line of it is warned about


def test_older_psycinfo_notice_with_spaces_inside_its_brackets_leaves_the_abstract():
    """RefWorks's older PsycINFO records close the abstract with "( PsycINFO Database Record ( c) 2002 APA, all
    rights reserved)", a space inside each bracket: the notice stayed in the abstract (zotero/translators,
    "RefWorks Tagged.js", its first and third test cases' input)."""
    from synthesis.io import read_file

    import pathlib
    import tempfile

    text = ("RT Journal Article\nSR Electronic(1)\nA1 Okafor,Chidi\nT1 Rivers of the delta\nJF Journal of Hydrology\n"
            "YR 2002\nAB We mapped the rivers of the delta. ( PsycINFO Database Record ( c) 2002 APA, all rights "
            "reserved)\nOL English (30)\n")
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "export.txt"
        path.write_text(text, encoding="utf-8")
        records, _ = read_file(path)
    assert records.loc[0, "abstract"] == "We mapped the rivers of the delta."


def test_given_name_joined_by_the_unicode_hyphen_keeps_both_initials():
    """Wiley's records, and Google Scholar's EndNote export of them, join a given name's parts with the Unicode
    hyphen (U+2010: "Kim, Jun\u2010Young"): the second part was lost ("Kim, J."), where the same name with "-"
    gave "Kim, J.-Y." (Jiyoung-Lee-95/Paper, citations.enw)."""
    from synthesis.io.sources import endnote_tagged

    text = ("%0 Journal Article\n%T Pulsed fields and the skin\n%A Kim, Jun\u2010Young\n%A Lee, Ja\u2011Woo\n"
            "%A Park, Chang-Soon\n%J Bioelectromagnetics\n%D 2022\n\n")
    rec = endnote_tagged.parse(text, "citations.enw").records[0]
    assert rec["authors"] == ["Kim, J.-Y.", "Lee, J.-W.", "Park, C.-S."]


def test_scopus_api_csv_links_the_record_page_not_the_api_address():
    """Scopus Search API results flattened to CSV give prism:url, the API's address of the record, which answers
    a browser with an error without an API key; the record's Scopus page is in the "link" column's dictionary
    (mcguinlu/COVID_suicide_living, scopus.csv)."""
    from synthesis.io.sources import table

    text = ('@_fa,link,prism:url,dc:identifier,eid,dc:title,dc:creator,prism:publicationName,prism:issn,'
            'prism:volume,prism:pageRange,prism:coverDate,prism:doi,subtypeDescription,article-number\n'
            'true,"{\'self\': \'https://api.elsevier.com/content/abstract/scopus_id/85000000001\', \'scopus\': '
            '\'https://www.scopus.com/inward/record.uri?partnerID=X&scp=85000000001&origin=inward\', '
            '\'scopus-citedby\': \'https://www.scopus.com/inward/citedby.uri?partnerID=X&scp=85000000001\'}",'
            'https://api.elsevier.com/content/abstract/scopus_id/85000000001,SCOPUS_ID:85000000001,'
            '2-s2.0-85000000001,Rivers of the delta,Okafor C.,Journal of Hydrology,00221694,12,,2020-06-01,'
            '10.1000/xyz.1,Article,101990\n')
    rec = table.parse(text, "scopus.csv").records[0]
    assert rec["url"] == "https://www.scopus.com/inward/record.uri?partnerID=X&scp=85000000001&origin=inward"
    assert rec["pages"] == "101990"


def test_scopus_older_ris_document_type_in_a_second_ty_line_is_no_record():
    """Scopus's older RIS (its Chinese interface, 2016) writes the document type as a second TY line inside the
    record ("TY  - Review" after "N1  - Export Date"): it opened a second record, with no title and the first
    record's link (leoatchina/Scopus2Histcite, scopus.ris). A file whose records open with a type that is
    no RIS code still opens one record at each TY line."""
    from synthesis.io.sources import ris

    text = ("TY  - JOUR\nTI  - Rivers of the delta\nT2  - Journal of Hydrology\nPY  - 2006\nAU  - Okafor, C.\n"
            "N1  - Export Date: 2 January 2016\nTY  - Review\nDB  - Scopus\n"
            "UR  - http://www.scopus.com/inward/record.url?eid=2-s2.0-1\nER  - \n\n"
            "TY  - JOUR\nTI  - Lakes of the plain\nPY  - 2007\nTY  - Article\nDB  - Scopus\nER  - \n")
    parsed = ris.parse(text, "scopus.ris")
    assert [r["title"] for r in parsed.records] == ["Rivers of the delta", "Lakes of the plain"]
    assert parsed.records[0]["url"] == "http://www.scopus.com/inward/record.url?eid=2-s2.0-1"
    assert parsed.records[0]["raw"]["M3"] == "Review"
    named = ris.parse("TY  - Journal Article\nTI  - One\nTY  - Journal Article\nTI  - Two\n", "x.ris")
    assert [r["title"] for r in named.records] == ["One", "Two"]


def test_scopus_older_ris_family_name_then_dotted_initials():
    """Scopus's older RIS writes each author "Family I." without a comma ("AU  - Cordin O.", "AU  - Tanner N.K."):
    the initials were taken for the family name ("O., C.", "N.K., T.") (leoatchina/Scopus2Histcite, scopus.ris)."""
    from synthesis.io.sources import ris

    text = ("TY  - JOUR\nTI  - Rivers of the delta\nPY  - 2006\nAU  - Okafor C.\nAU  - Tanner N.K.\n"
            "AU  - De La Cruz J.\nAU  - John Smith\nDB  - Scopus\nER  - \n")
    rec = ris.parse(text, "scopus.ris").records[0]
    assert rec["authors"] == ["Okafor, C.", "Tanner, N. K.", "De La Cruz, J.", "Smith, J."]


def test_endnote_bibtex_keywords_one_a_line():
    """EndNote's BibTeX export writes one keyword a line, and a keyword may hold a comma: the keywords became
    one ("New Zealand acoustics blue whale") (lmfritz/ActivityBudgets, "My EndNote Library.txt"). A list its
    writer wrapped (the lines it continues indented, as Web of Science's BibTeX does) is still one list."""
    from synthesis.io.sources import bibtex

    text = ("@article{RN158,\n   author = {Barlow, D. R. and Klinck, H.},\n   title = {Blue whales and earthquakes},\n"
            "   journal = {R Soc Open Sci},\n   keywords = {New Zealand\nacoustics\nEquipment and Supplies, Hospital\n"
            "blue whale},\n   year = {2022},\n   type = {Journal Article}\n}\n\n"
            "@article{W1,\n   author = {Okafor, C.},\n   title = {Rivers of the delta},\n   year = {2020},\n"
            "   keywords = {river delta, sediment transport, long-term\n      monitoring, floods},\n}\n\n"
            "@article{W2,\n   author = {Okafor, C.},\n   title = {Rivers again},\n   year = {2021},\n"
            "   keywords = {river delta, sediment transport,\nfloods, coastal erosion},\n}\n")
    records = bibtex.parse(text, "library.txt").records
    assert records[0]["keywords"] == ["New Zealand", "acoustics", "Equipment and Supplies, Hospital", "blue whale"]
    assert records[1]["keywords"] == ["river delta", "sediment transport", "long-term monitoring", "floods"]
    # wrapped on the comma between two keywords, without an indent: one list as well
    assert records[2]["keywords"] == ["river delta", "sediment transport", "floods", "coastal erosion"]


def test_bibtex_pubmed_page_link_gives_the_pmid():
    """EndNote's BibTeX of a record taken from PubMed links its PubMed page and has no pmid field: the PubMed id,
    which the CSV readers take from such a link, was lost (lmfritz/ActivityBudgets, "My EndNote Library.txt")."""
    from synthesis.io.sources import bibtex

    text = ("@article{RN158,\n   author = {Barlow, D. R.},\n   title = {Blue whales and earthquakes},\n"
            "   DOI = {10.1098/rsos.220242},\n   url = {https://www.ncbi.nlm.nih.gov/pubmed/35845856},\n"
            "   year = {2022},\n   type = {Journal Article}\n}\n\n"
            "@article{RN386,\n   author = {Tredennick, A. T.},\n   title = {Selecting models in ecology},\n"
            "   url = {https://pubmed.ncbi.nlm.nih.gov/33710619/},\n   year = {2021 Jun},\n}\n")
    records = bibtex.parse(text, "library.txt").records
    assert [r["pmid"] for r in records] == ["35845856", "33710619"]


def test_scopus_csv_without_its_eid_column_names_records_from_their_link():
    """A Scopus CSV saved without the EID column (the export dialog lets one leave it out) gave its records no
    source id, although each record's link holds it ("record.uri?eid=2-s2.0-..."); noticed on a held-out export."""
    from synthesis.io.sources import table

    text = ('Authors,Title,Year,Source title,Volume,Issue,Page start,Page end,DOI,Link,Document Type,Source\n'
            '"Huber A.","Rivers of the delta",2019,"J Test","26","3","101","108",,'
            '"https://www.scopus.com/inward/record.uri?eid=2-s2.0-85061234567&partnerID=40&md5=ab12",Article,Scopus\n'
            '"Ito K.","A second paper",2020,"J Test","27","1","1","9",,"https://doi.org/10.1000/x",Article,Scopus\n')
    parsed = table.parse(text, "scopus.csv")
    assert [r["source_id"] for r in parsed.records] == ["2-s2.0-85061234567", ""]
