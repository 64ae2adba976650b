"""Exports reviewers bring from SciELO, the Virtual Health Library (BVS: LILACS, MEDLINE...) and OpenAlex.

Each test reads an inline snippet in the layout of the real export (the facts of the layout, written
here), so that it runs without ../shared.
"""
from __future__ import annotations

from synthesis.io.columns import split_authors
from synthesis.io.sources import bibtex, table

# search.scielo.org "Export > BibTeX": names joined by a comma and two spaces, the DOI in "crossref".
SCIELO_BIB = """@article{S0034-89102019000100501,
author = {Almeida, Wanessa da Silva de,  Szwarcwald, Célia Landmann,  Souza Júnior, Paulo Roberto Borges de},
title = {Depressão e uso de serviços de saúde no Brasil},
journal = {Revista de Saúde Pública},
volume = {53},
year = {2019},
crossref = {10.11606/S1518-8787.2019053000893},
}
"""


def test_scielo_bibtex_authors_separated_by_comma_and_two_spaces():
    rec = bibtex.parse(SCIELO_BIB).records[0]
    # (the particle after the given names opens the family name: Wanessa da Silva de Almeida; see
    # test_import_quirks_w49.test_a_particle_written_after_the_given_names_belongs_to_the_family_name)
    assert rec["authors"] == ["de Almeida, W. D. S.", "Szwarcwald, C. L.", "de Souza Júnior, P. R. B."]


def test_scielo_csv_authors_separated_by_comma_and_two_spaces():
    # search.scielo.org "Export > CSV"
    text = ('ID,Title,Author(s),Source,Journal,Language(s),Publication year,Fulltext URL\n'
            '"S0102-311X2021000100001-scl","Um estudo","Silva, João Carlos,  Souza, Maria",'
            '"Cad. Saúde Pública;37(1): e00012345, 2021","Cadernos de Saúde Pública","Portuguese",2021,'
            '"https://www.scielo.br/j/csp/a/x/"\n')
    res = table.parse(text)
    rec = res.records[0]
    assert rec["authors"] == ["Silva, J. C.", "Souza, M."] and res.database == "SciELO"
    assert rec["journal"] == "Cadernos de Saúde Pública" and rec["url"] == "https://www.scielo.br/j/csp/a/x/"


def test_comma_and_two_spaces_only_read_as_scielo_when_unambiguous():
    # a part without its given names, or ";" between names: not SciELO's shape
    assert split_authors("Smith, John,  Jones") == split_authors("Smith, John, Jones")
    assert split_authors("Smith, J.;  Jones, K.") == ["Smith, J.", "Jones, K."]
    assert split_authors("Smith, John") == ["Smith, J."]


def test_scielo_bibtex_crossref_doi():
    rec = bibtex.parse(SCIELO_BIB).records[0]
    assert rec["doi"] == "10.11606/s1518-8787.2019053000893"
    # a crossref that names a parent entry (its usual BibTeX meaning) is no DOI
    parent = bibtex.parse("@inproceedings{a1,\ntitle = {A paper},\ncrossref = {conf2020},\n}\n").records[0]
    assert parent["doi"] == "" and parent["raw"]["crossref"] == "conf2020"


# pesquisa.bvsalud.org "Export > CSV": volume, issue and pages only in the source line; a database per record.
BVS_CSV = (
    '"ID","Title","Authors","Source","Database","Type","Language","Publication year","Abstract"\n'
    '"biblio-1","Prevalence of depression","Silva, João; Souza, Maria",'
    '"Rev. bras. epidemiol;8(1): 132-145, mar. 2005","LILACS","article","pt","2005","An abstract"\n'
    '"mdl-33992917","Sleep and mood","Lee, Ann","J Psychiatr Res;139: 179-184, 2021 Jul.",'
    '"MEDLINE","article","en","2021",""\n'
)


def test_bvs_csv_source_line_gives_journal_volume_issue_pages():
    res = table.parse(BVS_CSV)
    first, second = res.records
    assert (first["journal"], first["volume"], first["issue"], first["pages"]) == \
        ("Rev. bras. epidemiol", "8", "1", "132-145")
    assert (second["journal"], second["volume"], second["issue"], second["pages"]) == \
        ("J Psychiatr Res", "139", "", "179-184")
    assert first["authors"] == ["Silva, J.", "Souza, M."] and first["source_id"] == "biblio-1"
    # a MEDLINE record's BVS id is its PubMed id: it ties the record to the PubMed export's copy
    assert (first["pmid"], second["pmid"]) == ("", "33992917")
    assert first["raw"]["Source"] == "Rev. bras. epidemiol;8(1): 132-145, mar. 2005"


def test_bvs_csv_names_the_database_of_each_record(tmp_path):
    from synthesis.io import read_file

    path = tmp_path / "bvs_export.csv"
    path.write_text(BVS_CSV, encoding="utf-8")
    records, report = read_file(path)
    assert records["source_database"].tolist() == ["LILACS (BVS)", "MEDLINE (BVS)"]
    assert report.database == "BVS (Virtual Health Library)"


def test_bvs_csv_columns_of_its_own_win_over_the_source_line():
    text = ('"ID","Título","Autores","Fonte","Revista","Base de dados","Ano de publicação","Volume number"\n'
            '"biblio-2","Um estudo","Silva, João","Rev. bras. epidemiol;8(1): 132-145, mar. 2005",'
            '"Revista Brasileira de Epidemiologia","LILACS","2005","9"\n')
    rec = table.parse(text).records[0]
    assert (rec["journal"], rec["volume"], rec["issue"], rec["pages"]) == \
        ("Revista Brasileira de Epidemiologia", "9", "1", "132-145")
    assert rec["source_database"] == "LILACS (BVS)"


def test_older_openalex_csv_columns():
    # no "id"/"display_name" pair: the dotted OpenAlex column names alone say which export this is
    text = ("doi,title,publication_year,authorships.author.display_name,primary_location.source.display_name,"
            "biblio.volume,biblio.issue,biblio.first_page,biblio.last_page,ids.pmid\n"
            "https://doi.org/10.1038/S41586-020-2012-7,A pneumonia outbreak,2020,Peng Zhou|Xing-Lou Yang,"
            "Nature,579,7798,270,273,https://pubmed.ncbi.nlm.nih.gov/32015507\n")
    res = table.parse(text)
    rec = res.records[0]
    assert res.database == "OpenAlex"
    assert rec["authors"] == ["Zhou, P.", "Yang, X.-L."] and rec["year"] == 2020 and rec["journal"] == "Nature"
    assert (rec["volume"], rec["issue"], rec["pages"]) == ("579", "7798", "270-273")
    assert rec["doi"] == "10.1038/s41586-020-2012-7" and rec["pmid"] == "32015507"


# RIS from the BVS portal (LILACS) and from SciELO: a DB tag per record and an abstract per language.
LILACS_RIS = """TY  - JOUR
TI  - Prevalência de depressão em idosos
AU  - Silva, João
PY  - 2005
JO  - Rev. bras. epidemiol
AB  - Objetivo: estimar a prevalência de depressão.
AB  - Objective: to estimate the prevalence of depression.
AB  - Objetivo: estimar la prevalencia de depresión.
DB  - LILACS
ER  - 

TY  - JOUR
TI  - Sleep and mood
AU  - Lee, Ann
PY  - 2021
AB  - Background.
DB  - MEDLINE
ER  - 

TY  - JOUR
TI  - Saúde bucal
AU  - Souza, Maria
PY  - 2019
DB  - SciELO Brazil
ER  - 
"""


def test_lilacs_and_scielo_ris_keep_every_abstract():
    from synthesis.io.sources import ris

    rec = ris.parse(LILACS_RIS).records[0]
    assert rec["abstract"] == ("Objetivo: estimar a prevalência de depressão. | Objective: to estimate the "
                               "prevalence of depression. | Objetivo: estimar la prevalencia de depresión.")


def test_ebsco_copyright_notice_is_not_an_abstract():
    from synthesis.io.sources import ris

    text = ("TY  - JOUR\nT1  - A study\nAB  - We studied.\nAB  - Copyright of Addiction is the property of "
            "Wiley-Blackwell and its content may not be copied or emailed to multiple sites.\nDP  - EBSCOhost\n"
            "DB  - aph\nER  - \n")
    rec = ris.parse(text).records[0]
    assert rec["abstract"] == "We studied." and len(rec["raw"]["AB"]) == 2


def test_lilacs_and_scielo_ris_name_each_records_database(tmp_path):
    from synthesis.io import read_file

    path = tmp_path / "export.ris"
    path.write_text(LILACS_RIS, encoding="utf-8")
    records, report = read_file(path)
    # MEDLINE in a file that names LILACS was searched on the BVS portal too
    assert records["source_database"].tolist() == ["LILACS (BVS)", "MEDLINE (BVS)", "SciELO Brazil"]


def test_literal_null_is_no_volume_issue_or_pages():
    from synthesis.io.sources import ris

    # a CSV built from JSON (OpenAlex's API, SciELO's) writes a missing value as null
    text = ('Title,Authors,Year,Volume,Issue,Pages\n"A trial","Lee, A.",2020,null,NULL,null-null\n'
            '"Another","Lee, A.",2021,12,3,45-null\n')
    first, second = table.parse(text).records
    assert (first["volume"], first["issue"], first["pages"]) == ("", "", "")
    assert second["pages"] == "45" and first["raw"]["Pages"] == "null-null"
    rec = ris.parse("TY  - JOUR\nTI  - A trial\nVL  - null\nIS  - NULL\nSP  - null\nEP  - null\nER  - \n").records[0]
    assert (rec["volume"], rec["issue"], rec["pages"]) == ("", "", "")
    rec = bibtex.parse("@article{a, title = {A trial}, volume = {null}, number = {NULL}, pages = {1-n/a}}").records[0]
    assert (rec["volume"], rec["issue"], rec["pages"]) == ("", "", "1")


def test_email_or_orcid_in_a_url_field_is_not_the_records_link():
    from synthesis.io.sources import ris

    # the author's contact put where the link goes; kept in raw, not taken for the record's link
    text = ('Title,Authors,Year,URL,Link\n"A trial","Lee, A.",2020,jsilva@usp.br,https://www.scielo.br/j/rsp/a/x/\n'
            '"Another","Lee, A.",2021,https://orcid.org/0000-0002-1825-0097,\n')
    first, second = table.parse(text).records
    assert first["url"] == "https://www.scielo.br/j/rsp/a/x/" and first["raw"]["URL"] == "jsilva@usp.br"
    assert second["url"] == "" and second["raw"]["URL"] == "https://orcid.org/0000-0002-1825-0097"
    rec = ris.parse("TY  - JOUR\nTI  - A trial\nUR  - mailto:jsilva@usp.br\nER  - \n").records[0]
    assert rec["url"] == "" and rec["raw"]["UR"] == "mailto:jsilva@usp.br"
    rec = ris.parse("TY  - JOUR\nTI  - A trial\nUR  - https://orcid.org/0000-0002-1825-0097\n"
                    "UR  - https://doi.org/10.1590/x\nER  - \n").records[0]
    assert rec["url"] == "https://doi.org/10.1590/x"
    rec = bibtex.parse("@article{a, title = {A trial}, url = {0000-0002-1825-009X}}").records[0]
    assert rec["url"] == "" and rec["raw"]["url"] == "0000-0002-1825-009X"


def test_bvs_source_line_without_pages_or_with_bracketed_pages():
    text = ('"ID","Title","Authors","Source","Database"\n'
            '"mdl-1","A","Lee, Ann","Lancet;397(10274), 2021.","MEDLINE"\n'
            '"biblio-2","B","Silva, João","Rev. bras. enferm;74(supl.2): [1-8], 2021.","LILACS"\n')
    first, second = table.parse(text).records
    assert (first["journal"], first["volume"], first["issue"], first["pages"]) == ("Lancet", "397", "10274", "")
    assert (second["journal"], second["volume"], second["issue"], second["pages"]) == \
        ("Rev. bras. enferm", "74", "supl.2", "1-8")


def test_email_in_an_endnote_xml_url_is_not_the_records_link():
    from synthesis.io.sources import endnote_xml

    text = ('<?xml version="1.0" encoding="UTF-8"?><xml><records><record>'
            '<ref-type name="Journal Article">17</ref-type><titles><title>A trial</title></titles>'
            '<urls><related-urls><url>jsilva@usp.br</url><url>https://www.scielo.br/j/rsp/a/x/</url>'
            '</related-urls></urls></record></records></xml>')
    rec = endnote_xml.parse(text).records[0]
    assert rec["url"] == "https://www.scielo.br/j/rsp/a/x/"
    assert rec["raw"]["urls/related-urls/url"][0] == "jsilva@usp.br"


def test_volume_number_column_of_other_bvs_based_exports():
    # a BVS-engine export without the Source/Database pair (WHO's COVID-19 database) has "Volume number" too
    text = ('ID,Authors,Title,Abstract,DOI,Fulltext URL,Issue number,Volume number,Journal,Publication year\n'
            'covidwho-1,"Lee, Ann",A trial,,10.1000/x,,3,12,Lancet,2020\n')
    rec = table.parse(text).records[0]
    assert (rec["volume"], rec["issue"], rec["journal"]) == ("12", "3", "Lancet")
