"""Structured export formats (BibTeX, EndNote XML, PubMed XML, CSV/TSV, Web of Science tab-delimited)
against every such file in ../shared/data/imports: exact record counts from PROVENANCE.tsv, the format
detected, no mojibake, and real titles, DOIs, years and authors read by eye from the files."""
from __future__ import annotations

import csv
import functools
import importlib.util
from pathlib import Path

import pytest

from synthesis.io.decode import decode_bytes
from synthesis.io.sources import reader

ROOT = Path(__file__).resolve().parents[1]
PROVENANCE = ROOT.parent / "shared" / "data" / "imports" / "PROVENANCE.tsv"
#: PROVENANCE format -> the reader's FORMAT (TSV files are read by the CSV reader).
MY_FORMATS = {"bibtex": "bibtex", "endnote_xml": "endnote_xml", "pubmed_xml": "pubmed_xml", "csv": "csv",
              "tsv": "csv", "wos_tabdelimited": "wos_tabdelimited"}
MOJIBAKE = ("Ã", "â€", "Â ", "\ufffd")


def _rows():
    if not PROVENANCE.exists():
        return []
    with open(PROVENANCE, encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh, delimiter="\t") if r["format"] in MY_FORMATS]


ROWS = _rows()
IDS = [r["local_file"] for r in ROWS]
#: The rows as test parameters; without ../shared, one that skips naming the missing file (an empty list
#: skipped with pytest's "got empty parameter set", which says nothing of what is missing)
PARAMS = ROWS or [pytest.param(None, marks=pytest.mark.skip(
    reason=f"real test data not found at {PROVENANCE} (the ../shared folder beside the project)"))]
PARAM_IDS = IDS or ["no-shared-data"]


@functools.lru_cache(maxsize=None)
def _parse(path: Path):
    """Decode and parse with the readers of this suite only (works before every reader exists); cached,
    so tests must not change what it returns."""
    text, enc = decode_bytes(path.read_bytes(), str(path))
    scores = {f: reader(f).sniff(text, str(path)) for f in set(MY_FORMATS.values())}
    fmt = max(scores, key=scores.get)
    return fmt, enc, reader(fmt).parse(text, str(path))


def test_provenance_lists_the_structured_files(shared_data):
    assert len(ROWS) == 35, "PROVENANCE.tsv should list 35 structured-format files"


@pytest.mark.parametrize("row", PARAMS, ids=PARAM_IDS)
def test_reader_imports_exactly_the_provenance_count(row, shared_data):
    path = shared_data / "imports" / row["local_file"]
    fmt, enc, res = _parse(path)
    assert fmt == MY_FORMATS[row["format"]]
    assert res.found == len(res.records) + len(res.rejected), "counts must reconcile"
    if row["records"]:
        assert len(res.records) == int(row["records"]), [str(r) for r in res.rejected]
        assert res.found == int(row["records"])
        assert not res.rejected
    else:  # the CiteSource deduplicated outputs: need only import without error
        assert res.records
    for i, rec in enumerate(res.records, 1):
        assert rec["source_index"] == i
        assert isinstance(rec["raw"], dict) and rec["raw"]
        assert not any(m in rec["title"] for m in MOJIBAKE), rec["title"]
        assert not any(m in a for a in rec["authors"] for m in MOJIBAKE), rec["authors"]


# file -> (record number, field -> expected value), read by eye from the files.
SPOT = {
    "bibtex/pyBibX__scopus_m.bib": (1, {
        "title": "Base-criterion on multi-criteria decision-making method and its applications",
        "doi": "10.1080/17509653.2019.1633964", "year": 2020, "pages": "79-88",
        "source_id": "2-s2.0-85083087417",  # the EID of its link, not the key "Haseli202079"
        "journal": "International Journal of Management Science and Engineering Management"}),
    "bibtex/qm-replication-of-sr-searches__gartlehner2020.bib": (1, {
        "doi": "10.1016/j.jclinepi.2020.01.005", "year": 2020, "source_id": "Gartlehner2020",
        "title": "Single-reviewer abstract screening missed 13 percent of relevant studies: a crowd-based, "
                 "randomized controlled trial"}),
    "bibtex/qm-replication-of-sr-searches__Sathish2020E1E22.bib": (1, {
        "title": "Systematic Reviews and Meta-Analysis in Spine Surgery\u2014How Good Are They in "
                 "Methodological Quality? A Systematic Review", "doi": "10.1177/2192568220906810"}),
    "bibtex/qm-replication-of-sr-searches__scholar.bib": (1, {
        "title": "Defining the process to literature searching in systematic reviews: a literature review of "
                 "guidance and supporting studies", "year": 2018, "volume": "18", "pages": "85"}),
    "bibtex/qm-replication-of-sr-searches__scopus.bib": (1, {"doi": "10.1111/ene.13758", "year": 2018,
                                                            "pages": "1477-1485"}),
    "bibtex/jabref__tiny-LE-withBOM.bib": (1, {
        "title": "Investigation of the best suture pattern to close a stuffed Christmas turkey",
        "doi": "10.1136/vr.d6221", "year": 2011, "journal": "Veterinary Record"}),
    "bibtex/python-bibtexparser__gbk_test.bib": (1, {"journal": "测试期刊", "authors": ["凯撒"], "year": 2013}),
    "bibtex/zotero-better-bibtex__Endnote_should_parse.bib": (1, {
        "title": "Alzheimer mechanisms and therapeutic strategies", "journal": "Cell", "source_id": "",
        "pages": "1204-1222"}),
    "bibtex/ASySD__zotero_export.bib": (1, {
        "title": "Microangiography of the humeral condyle in Cocker Spaniel and non-Cocker Spaniel dogs",
        "source_id": "larsen_microangiography_1999", "year": 1999}),
    "bibtex/zotero-better-bibtex__BBT_does_not_import_groups_from_JabRef_5.1__1641.bib": (1, {
        "journal": "Ecology and Power: Struggles over Land and Material Resources in the Past, Present and "
                   "Future", "year": 2012, "pages": "83-96"}),
    "endnote_xml/dedupe-sweep__tafenoquine.xml": (1, {
        "title": "8-Aminoquinoline Therapy for Latent Malaria", "doi": "10.1128/cmr.00011-19",
        "pmid": "31366609", "year": 2019, "source_id": "19", "volume": "32", "issue": "4"}),
    "endnote_xml/ASySD__zotero_export.xml": (1, {
        "title": "Myoclonus in older Cavalier King Charles Spaniels.", "doi": "10.1111/jvim.16404",
        "year": 2022, "pages": "1032-1038"}),
    "endnote_xml/jabref__EndnoteXmlImporterTestLabelAndMultiTitle.xml": (3, {
        "title": "A demographic study of the south polar skua Catharacta maccormicki at Cape Crozier",
        "year": 1990, "source_id": "650", "journal": "Journal of Animal Ecology"}),
    "pubmed_xml/qm-replication-of-sr-searches__pubmed_result.xml": (1, {
        "pmid": "30107788", "doi": "10.1186/s12874-018-0545-3", "year": 2018, "volume": "18",
        "title": "Defining the process to literature searching in systematic reviews: a literature review of "
                 "guidance and supporting studies."}),
    "csv/citation-file-formatting___baseline_scopus.csv": (1, {
        "title": "Global latitudinal gradients and the evolution of body size in dinosaurs and mammals",
        "doi": "10.1038/s41467-024-46843-2", "source_id": "2-s2.0-85189760133", "year": 2024}),
    "csv/litstudy__scopus.csv": (3, {"source_id": "2-s2.0-85123480963", "pmid": "35064163",
                                     "language": "English", "doi": "10.1038/s41598-022-04849-0"}),
    "csv/citation-file-formatting___baseline_embase.csv": (1, {
        "title": "Cellular structure of dinosaur scales reveals retention of reptile-type skin during the "
                 "evolutionary transition to feathers", "pmid": "38773066", "doi": "10.1038/s41467-024-48400-3",
        "authors": ["Yang, Z.", "Jiang, B.", "Xu, J.", "McNamara, M. E."]}),
    "csv/citation-file-formatting___baseline_excel.csv": (1, {"pmid": "38773066", "year": 2024,
                                                             "doi": "10.1038/s41467-024-48400-3"}),
    "csv/citation-file-formatting___baseline_covidence.csv": (1, {"source_id": "#1", "year": 2024,
                                                                 "doi": "10.1038/s41467-024-48400-3"}),
    "csv/citation-file-formatting___baseline_rayyan.csv": (1, {"source_id": "rayyan-42924189",
                                                              "authors": ["Yang, Z.", "Jiang, B.", "Xu, J.",
                                                                          "McNamara, M. E."]}),
    "csv/citation-file-formatting___baseline_cochrane.csv": (1, {"source_id": "CN-00778158", "pmid": "21314913",
                                                                "doi": "10.1186/1745-6215-12-39"}),
    "csv/citation-file-formatting___baseline_openalex.csv": (1, {
        "title": "A bioprovince for the Barremian\u2013Aptian charophytes of the Central Tethyan Archipelago",
        "doi": "10.1016/j.cretres.2023.105752", "year": 2024}),
    "csv/bibliometrix__openalex_sample.csv": (1, {"authors": ["Aria, M.", "Cuccurullo, C."], "year": 2017,
                                                  "doi": "10.1016/j.joi.2017.08.007"}),
    "csv/citation-file-formatting___baseline.csv": (1, {"source_id": "000-463-679-101-319", "year": 2012,
                                                       "pmid": "22752652", "pages": "97-105"}),
    "tsv/citation-file-formatting___baseline.tsv": (1, {"source_id": "000-463-679-101-319",
                                                       "doi": "10.1007/s11307-012-0572-0"}),
    "csv/citation-file-formatting___baseline_pubmed.csv": (1, {
        "pmid": "30922926", "authors": ["Griffin, D. K.", "Larkin, D. M.", "O'Connor, R. E."]}),
    "csv/citation-file-formatting___baseline_googlescholar.csv": (1, {
        "title": "Did dinosaurs invent flowers? Dinosaur\u2013angiosperm coevolution revisited", "year": 2001,
        "authors": ["Barrett, P. M.", "Willis, K. J."], "pages": "411-447"}),
    "csv/litstudy__ieee.csv": (1, {"authors": ["Kogge, P.", "Shalf, J."], "pages": "16-26", "year": 2013,
                                   "doi": "10.1109/mcse.2013.95"}),
    "csv/ASySD__zotero_export.csv": (1, {"source_id": "ACSRAG7N", "doi": "10.1111/jvim.16404", "year": 2022}),
    "tsv/citation-file-formatting___baseline_refworks.tsv": (1, {"doi": "10.1016/j.jvir.2013.12.293",
                                                                "year": 2014, "pages": "S105"}),
    "wos_tabdelimited/ScientoPy__wos_2026_04_02_4071.txt": (1, {
        "source_id": "WOS:001242600300012", "doi": "10.1002/adsr.202300058", "year": 2023,
        "title": "Design and Implementation of a Wearable System Based on a Flexible Capacitive Sensor, "
                 "Monitoring Knee Laxity"}),
}


@pytest.mark.parametrize("name", sorted(SPOT))
def test_spot_checked_values(name, shared_data):
    index, expected = SPOT[name]
    _, _, res = _parse(shared_data / "imports" / name)
    rec = res.records[index - 1]
    for field, value in expected.items():
        assert rec[field] == value, (field, rec[field])


@pytest.mark.parametrize("name, index, fragment", [
    ("bibtex/qm-replication-of-sr-searches__gartlehner2020.bib", 1, "König, F."),
    ("bibtex/zotero-better-bibtex__BBT_does_not_import_groups_from_JabRef_5.1__1641.bib", 1, "Bogadóttir, R."),
    ("bibtex/qm-replication-of-sr-searches__scholar.bib", 2, "Faggion Jr, C. M."),
    ("csv/litstudy__scopus.csv", 1, "Kalé, L."),
    ("csv/citation-file-formatting___baseline_pubmed.csv", 2, "Álvarez-Parra, S."),
    ("tsv/citation-file-formatting___baseline_refworks.tsv", 1, "van den Hoven"),
    ("wos_tabdelimited/ScientoPy__wos_2026_04_02_4071.txt", 1, "von Einem, V. C."),
    ("endnote_xml/dedupe-sweep__tafenoquine.xml", 1, "Baird, J. K."),
])
def test_authors_split_per_source(name, index, fragment, shared_data):
    _, _, res = _parse(shared_data / "imports" / name)
    assert fragment in res.records[index - 1]["authors"]


def test_latex_and_legacy_encodings_decoded(shared_data):
    folder = shared_data / "imports" / "bibtex"
    _, enc, res = _parse(folder / "jabref__encoding-windows-1252-with-header.bib")
    assert enc == "cp1252" and res.records[0]["abstract"] == "25° C"
    _, enc, res = _parse(folder / "python-bibtexparser__gbk_test.bib")
    assert enc in {"gbk", "gb18030"} and res.records[0]["source_id"] == "凯撒2013"
    _, enc, res = _parse(folder / "jabref__tiny-LE-withBOM.bib")
    assert enc.startswith("utf-16") and "van Galen, G." in res.records[0]["authors"]
    # Braces protecting capitals are gone everywhere in the Zotero library.
    _, _, res = _parse(folder / "ASySD__zotero_export.bib")
    assert not any("{" in r["title"] or "\\" in r["title"] for r in res.records)


def test_bibtex_latex_escapes_become_unicode():
    from synthesis.io.sources import bibtex

    text = ("@article{k, title = {{\\\"U}ber {\\o}l, caf\\'e \\& 50\\% {DNA} pre--post at US$5},\n"
            " author = {M{\\\"u}ller, J{\\\"o}rg and {World Health Organization} and de la Fuente, Ana},\n"
            " year = {2001}, url = {https://x.org/a%2Fb_c}}\n")
    rec = bibtex.parse(text).records[0]
    assert rec["title"] == "Über øl, café & 50% DNA pre--post at US$5"  # "--" and a lone "$" as written
    assert rec["authors"] == ["Müller, J.", "World Health Organization", "de la Fuente, A."]
    assert rec["url"] == "https://x.org/a%2Fb_c"


def test_bibtex_accents_do_not_split_a_name():
    """``Bego\\~{n}a`` (ACM's BibTeX): the name splitter reads ``~`` as a space, so the accent once split the
    given names into three initials; ``Jos\\~e Silva`` lost its given name."""
    from synthesis.io.sources import bibtex

    text = ("@inproceedings{k, title = {A game}, year = {2015},\n author = {S\\'{a}enz-de-Urturi, Zelai and "
            "Zapirain, Bego\\~{n}a Garc\\'{\\i}a and Jos\\~e Silva and G{\\\"o}del, Kurt}}\n")
    assert bibtex.parse(text).records[0]["authors"] == ["Sáenz-de-Urturi, Z.", "Zapirain, B. G.", "Silva, J.",
                                                        "Gödel, K."]


def test_cochrane_library_bibtex_names_joined_by_commas():
    """The Cochrane Library's BibTeX joins all but the last author with commas (``Huey, SL, Mehta, NH, and
    Mehta, S``), with ``Record #n of N`` lines between entries: BibTeX's splitter made one person of the first
    names ('Huey, M. N. H., SL'). BibTeX's own ``von Last, Jr, First`` stays one person."""
    from synthesis.io.sources import bibtex

    text = ("Record #1 of 2\n@article{Huey25,\nauthor = {Huey, SL, Mehta, NH, and Mehta, S},\n"
            "title = {Precision nutrition-based interventions for the management of obesity},\n"
            "journal = {Cochrane Database of Systematic Reviews},\nnumber = {1},\nyear = {2025},\n"
            "DOI = {10.1002/14651858.CD015877}\n}\n\n\nRecord #2 of 2\n@article{Alfirevic06,\n"
            "author = {Alfirevic, Z, Devane, D, and Gyte, GML},\ntitle = {Continuous cardiotocography (CTG)},\n"
            "year = {2006}\n}\n@article{k3, author = {Ford, Jr, Henry and Alkhawaja, S, and Martin, C}, title = {T}}\n")
    out = bibtex.parse(text, "cochrane.bib")
    assert [r["authors"] for r in out.records] == [["Huey, S. L.", "Mehta, N. H.", "Mehta, S."],
                                                   ["Alfirevic, Z.", "Devane, D.", "Gyte, G. M. L."],
                                                   ["Ford, H., Jr", "Alkhawaja, S.", "Martin, C."]]
    assert out.found == 3 and not out.rejected


def test_abstract_labels_are_not_part_of_the_abstract(tmp_path):
    """The Cochrane Library's BibTeX writes "Abstract - Background ...", Wiley's records in OpenAlex and Lens
    "Abstract Objectives ..." or "AbstractThis article ...": the same abstract from another database has no
    label, so records looked different and reviewers read the export's word. Every format goes through one
    rule in read_file; the export's text stays in raw, and an abstract about abstract art keeps its first word."""
    from synthesis.io import read_file

    bib = tmp_path / "cochrane.bib"
    bib.write_text("Record #1 of 2\n@article{Huey25,\nauthor = {Huey, SL},\ntitle = {Precision nutrition},\n"
                   "year = {2025},\nabstract = {Abstract - Background Meta-analysis (RR 0.8, 11 trials) showed "
                   "benefit.}\n}\n\nRecord #2 of 2\n@article{Art24,\nauthor = {Lee, K},\ntitle = {Murals},\n"
                   "year = {2024},\nabstract = {Abstract art in public murals was surveyed in 40 cities.}\n}\n",
                   encoding="utf-8")
    table, _ = read_file(bib)
    assert list(table["abstract"]) == ["Background Meta-analysis (RR 0.8, 11 trials) showed benefit.",
                                       "Abstract art in public murals was surveyed in 40 cities."]
    assert table["raw"][0]["abstract"].startswith("Abstract - Background")
    ris = tmp_path / "lens.ris"
    ris.write_text("TY  - JOUR\nTI  - Teacher leadership\nAB  - AbstractThis article systematically reviews 93 "
                   "articles.\nER  - \n\nTY  - JOUR\nTI  - Gambling\nAB  - ABSTRACT: Problem gambling harms "
                   "those close to gamblers.\nER  - \n", encoding="utf-8")
    table, _ = read_file(ris)
    assert list(table["abstract"]) == ["This article systematically reviews 93 articles.",
                                       "Problem gambling harms those close to gamblers."]


def test_scopus_bibtex_pubmed_id_and_article_number():
    from synthesis.io.sources import bibtex

    text = ("@ARTICLE{k, author = {Smith, J.}, title = {A trial}, journal = {Sci Rep}, year = {2022},\n"
            " volume = {12}, number = {1}, art_number = {22386}, pubmed_id = {36572726}}\n")
    rec = bibtex.parse(text).records[0]
    assert (rec["pages"], rec["pmid"]) == ("22386", "36572726")


def test_pubmed_csv_citation_and_authors():
    """PubMed's "Save > CSV" gives volume, issue and pages only in its Citation column, four initials run
    together ("Mulders DGJC"), and a group author after a ";"; an ASM article id "e00127-20" is no page range."""
    from synthesis.io.sources import table

    text = ('PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,DOI\n'
            '"32169119","A trial","Guo YR, Mulders DGJC, Pillai SK; Washington State 2019-nCoV Case Investigation '
            'Team.","Mil Med Res. 2020 Mar 13;7(1):11. doi: 10.1186/s40779-020-00240-0.","Guo YR","Mil Med Res",'
            '"2020","2020/03/15","","","10.1186/s40779-020-00240-0"\n'
            '"32169120","Another","Wan Y.","J Virol. 2020 Mar 17;94(7):e00127-20. doi: 10.1128/JVI.00127-20.","Wan Y",'
            '"J Virol","2020","2020/03/15","","",""\n'
            '"32169121","Ahead","Li Y.","J Med Virol. 2020 Feb 27. doi: 10.1002/jmv.25728. Online ahead of print.",'
            '"Li Y","J Med Virol","2020","2020/03/15","","",""\n')
    recs = table.parse(text, "pubmed.csv").records
    assert recs[0]["authors"] == ["Guo, Y. R.", "Mulders, D. G. J. C.", "Pillai, S. K.",
                                  "Washington State 2019-nCoV Case Investigation Team."]
    assert [(r["volume"], r["issue"], r["pages"]) for r in recs] == [("7", "1", "11"), ("94", "7", "e00127-20"),
                                                                     ("", "", "")]


def test_page_span_of_web_of_science_other_databases():
    """Zoological Record (and Inspec) exports through Web of Science give the pages as a span, PS."""
    from synthesis.io.sources import table

    text = ('PT,AN,DT,TI,AU,SO,VL,IS,PS,PY,UT\n'
            'J,ZOOR15406036038,Article,"Predictors of occupancy","Fish, Alexander C.","Southeastern Naturalist",17,1,'
            '104-116,2018,ZOOREC:ZOOR15406036038\n')
    assert table.parse(text, "zoorec.csv").records[0]["pages"] == "104-116"


def test_bibtex_duplicate_keys_are_imported_with_a_warning(shared_data):
    _, _, res = _parse(shared_data / "imports" / "bibtex" /
                       "zotero-better-bibtex__web_page_and_other_mendeley_idiocy.bib")
    assert len(res.records) == 512
    assert any("already used by an earlier entry" in w for w in res.warnings)


def test_endnote_duplicate_captions_kept_in_raw(shared_data):
    _, _, res = _parse(shared_data / "imports" / "endnote_xml" / "dedupe-sweep__tafenoquine.xml")
    captions = [r["raw"].get("caption") for r in res.records]
    assert (captions.count("Duplicate"), len(captions)) == (114, 179)
    _, _, res = _parse(shared_data / "imports" / "endnote_xml" /
                       "jabref__EndnoteXmlImporterTestLabelAndMultiTitle.xml")
    assert res.records[2]["raw"]["label"] == "B4"


def test_csv_preamble_and_excel_semicolons(shared_data):
    folder = shared_data / "imports" / "csv"
    _, _, plain = _parse(folder / "citation-file-formatting___baseline_embase.csv")
    _, _, excel = _parse(folder / "citation-file-formatting___baseline_excel.csv")
    assert plain.database == excel.database == "Embase"
    assert [r["title"] for r in plain.records] == [r["title"] for r in excel.records]
    assert [r["doi"] for r in plain.records] == [r["doi"] for r in excel.records]
    assert any("preamble" in w for w in plain.warnings)


@pytest.mark.parametrize("name, database", [
    ("csv/citation-file-formatting___baseline_scopus.csv", "Scopus"),
    ("csv/litstudy__scopus.csv", "Scopus"),
    ("csv/citation-file-formatting___baseline_covidence.csv", "Covidence"),
    ("csv/citation-file-formatting___baseline_rayyan.csv", "Rayyan"),
    ("csv/citation-file-formatting___baseline_cochrane.csv", "Cochrane Library"),
    ("csv/citation-file-formatting___baseline_openalex.csv", "OpenAlex"),
    ("csv/bibliometrix__openalex_sample.csv", "OpenAlex"),
    ("csv/citation-file-formatting___baseline.csv", "Lens.org"),
    ("tsv/citation-file-formatting___baseline.tsv", "Lens.org"),
    ("csv/citation-file-formatting___baseline_pubmed.csv", "PubMed"),
    ("csv/citation-file-formatting___baseline_googlescholar.csv", "Google Scholar"),
    ("csv/litstudy__ieee.csv", "IEEE Xplore"),
    ("tsv/citation-file-formatting___baseline_refworks.tsv", "RefWorks"),
    ("wos_tabdelimited/ScientoPy__wos_2026_04_02_4071.txt", "Web of Science"),
    ("pubmed_xml/qm-replication-of-sr-searches__pubmed_result.xml", "PubMed"),
    ("bibtex/pyBibX__scopus_m.bib", "Scopus"),
])
def test_database_recognised_from_content(name, database, shared_data):
    _, _, res = _parse(shared_data / "imports" / name)
    assert res.database == database


def test_a_few_records_links_do_not_name_a_library():
    """A reference-manager library of records from many places names no database because one record links to
    IEEE Xplore or Scopus; a file whose records mostly carry a database's links or tags is named after it; Ovid
    links written with ``&amp;`` (EndNote XML) count, as do EndNote XML's remote-database names."""
    from synthesis.io.databases import infer_database

    def ris(links):
        return "".join(f"TY  - JOUR\nTI  - Paper {k}\nUR  - {link}\nER  - \n\n" for k, link in enumerate(links))

    mixed = ["https://doi.org/10.1/a", "http://ieeexplore.ieee.org/document/7047773/", "https://arxiv.org/abs/1"] * 3
    assert infer_database(ris(mixed), "Exported Items.ris") == ""
    scopus = ["https://www.scopus.com/inward/record.uri?eid=2-s2.0-%d" % k for k in range(7)] + mixed[:3]
    assert infer_database(ris(scopus), "Exported Items.ris") == "Scopus"
    link = "http://ovidsp.ovid.com/ovidweb.cgi?T=JS&amp;PAGE=reference&amp;D=med3&amp;NEWS=N&amp;AN=1"
    xml = ("<xml><records>" + "".join(
        f"<record><remote-database-name>MEDLINE</remote-database-name><remote-database-provider>Ovid "
        f"Technologies</remote-database-provider><urls><related-urls><url>{link}</url></related-urls></urls>"
        f"</record>" for _ in range(4)) + "<record><urls><web-urls><url>http://www.embase.com/search/results"
        "</url></web-urls></urls></record></records></xml>")
    assert infer_database(xml, "endnote.xml", "endnote_xml") == "MEDLINE (Ovid)"


def test_a_platform_named_by_the_content_takes_the_database_from_the_file_name():
    """ProQuest's RIS names no database, only the platform in its links: the forest review's EconLit export was
    "ProQuest" in the diagram and the PRISMA-S report. Where the reviewer's file name names a database, that
    database on that platform: "EconLit (ProQuest)". A name that says nothing, or only the platform, keeps
    the platform; a database the content names itself is not overruled by a file name."""
    from synthesis.io.databases import infer_database

    def ris(links):
        return "".join(f"TY  - JOUR\nTI  - Paper {k}\nUR  - {link}\nER  - \n\n" for k, link in enumerate(links))

    proquest = ris([f"http://search.proquest.com/docview/17519822{k}?accountid=14522" for k in range(5)])
    assert infer_database(proquest, "data/searches/2021-03/econlit.ris") == "EconLit (ProQuest)"
    assert infer_database(proquest, "Exported Items.ris") == "ProQuest"
    assert infer_database(proquest, "proquest_export.ris") == "ProQuest"
    scopus = ris([f"https://www.scopus.com/inward/record.uri?eid=2-s2.0-{k}" for k in range(5)])
    assert infer_database(scopus, "econlit.ris") == "Scopus"


def test_cinahl_excel_text_cells(tmp_path):
    from synthesis.io.sources import table

    text = ('"Article Title","Author","Journal Title","Publication Date","DOI","ISSN","An"\n'
            '"A trial of X","Smith, John; Doe, Jane","Nursing Times","2019","=""10.1000/ABC""",'
            '="0954-7762",="123456"\n')
    res = table.parse(text, "cinahl.csv")
    rec = res.records[0]
    assert res.database == "CINAHL (EBSCOhost)"
    assert (rec["doi"], rec["isbn_issn"], rec["source_id"]) == ("10.1000/abc", "0954-7762", "123456")
    assert rec["authors"] == ["Smith, J.", "Doe, J."]


def test_register_your_own_column_map():
    from synthesis.io import columns
    from synthesis.io.sources import table

    text = "Paper title\tWho\tWhen\tRow ID\nA trial\tSmith J.; Doe J.\t2003\tR7\n"
    from synthesis.io.base import ImportFailure

    with pytest.raises(ImportFailure, match="lab.tsv, line 1: no header row with known column names"):
        table.parse(text, "lab.tsv")  # no column any map knows
    try:
        columns.register_column_map("lab_sheet", {"title": "Paper title", "authors": "Who", "year": "When",
                                                  "source_id": "Row ID"}, database="Lab sheet")
        res = table.parse(text, "lab.tsv")
        rec = res.records[0]
        assert res.database == "Lab sheet"
        assert (rec["title"], rec["authors"], rec["year"], rec["source_id"]) == (
            "A trial", ["Smith, J.", "Doe, J."], 2003, "R7")
        with pytest.raises(ValueError, match="not a record field"):
            columns.register_column_map("bad", {"tittle": "Paper title"})
    finally:
        columns.unregister_column_map("lab_sheet")


# ---- through the public import API (needs the whole io package, incl. synthesis.io.databases) ----------

def _have_full_import() -> bool:
    return importlib.util.find_spec("synthesis.io.databases") is not None


full_import = pytest.mark.skipif(not _have_full_import(),
                                 reason="synthesis.io.databases (the tagged-format engineer's part) not there yet")


@full_import
@pytest.mark.parametrize("row", PARAMS, ids=PARAM_IDS)
def test_read_file_counts_and_format(row, shared_data):
    from synthesis.io import read_file

    path = shared_data / "imports" / row["local_file"]
    table, report = read_file(path)
    assert report.ok and report.reconciles
    assert report.format == MY_FORMATS[row["format"]]
    if row["records"]:
        assert report.imported == report.found == int(row["records"])
    assert len(table) == report.imported
    assert table["record_id"].is_unique


@full_import
def test_same_file_twice_gives_the_same_record_ids(shared_data):
    from synthesis.io import read_file

    path = shared_data / "imports" / "bibtex" / "pyBibX__scopus_m.bib"
    first, _ = read_file(path)
    second, _ = read_file(path)
    assert list(first["record_id"]) == list(second["record_id"])
    assert first["record_id"].is_unique


# ---- variants not in the shared data, written by the tests ------------------------------------------------

def test_wos_tab_delimited_utf16_without_bom(tmp_path):
    from synthesis.io.sources import wos_tab

    text = ("PT\tAU\tTI\tSO\tPY\tDI\tUT\t\r\nJ\tSmith, JR; Müller, A\tA trial of café\tLANCET\t2020\t10.1000/X\t"
            "WOS:000123\t\r\nJ\tDoe, J\tSecond\tBMJ\t2021\t\tWOS:000124\t\r\n")
    path = tmp_path / "savedrecs.txt"
    path.write_bytes(text.encode("utf-16-le"))
    fmt, enc, res = _parse(path)
    assert (fmt, enc, res.found) == ("wos_tabdelimited", "utf-16-le", 2)
    rec = res.records[0]
    assert (rec["title"], rec["authors"], rec["doi"], rec["source_id"]) == (
        "A trial of café", ["Smith, J. R.", "Müller, A."], "10.1000/x", "WOS:000123")
    assert wos_tab.sniff(text, "x.csv") > reader("csv").sniff(text, "x.csv")


def test_excel_sep_line_and_semicolons(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_text("sep=;\nTitle;Authors;Year;DOI\nA trial;Smith J.; Doe J.;2001;10.1000/a\n", encoding="utf-8")
    fmt, _, res = _parse(path)
    assert fmt == "csv" and res.found == 1
    assert "line(s) 1 above the header row (line 2)" in res.warnings[0]


def test_wos_bibtex_recognised():
    from synthesis.io.sources import bibtex

    text = ("@article{ WOS:000123,\nAuthor = {Smith, J. R. and M\\\"{u}ller, Anna},\nTitle = {{A trial}},\n"
            "Year = {{2020}},\nDOI = {{10.1000/X\\_1}},\nUnique-ID = {{WOS:000123}},\n}\n")
    res = bibtex.parse(text, "savedrecs.bib")
    rec = res.records[0]
    assert res.database == "Web of Science"
    assert (rec["title"], rec["year"], rec["doi"], rec["authors"]) == ("A trial", 2020, "10.1000/x_1",
                                                                       ["Smith, J. R.", "Müller, A."])


def test_latin1_benchmark_csv_with_glued_authors(shared_data):
    """ASySD's Diabetes set (a CSV in Latin-1, authors run together after their initials)."""
    path = shared_data / "dedup" / "asysd_diabetes" / "labelled_test_set.csv"
    fmt, enc, res = _parse(path)
    assert (fmt, enc, res.found, len(res.records)) == ("csv", "cp1252", 1845, 1845)
    first = res.records[0]
    assert first["authors"] == ["Adeli, K.", "Lewis, G. F."]
    assert first["title"] == "Intestinal lipoprotein overproduction in insulin-resistant states"
    assert not any(m in r["title"] for r in res.records for m in MOJIBAKE)


@pytest.mark.parametrize("cell, authors", [
    ("Phillips J.C., Braun R.", ["Phillips, J. C.", "Braun, R."]),
    ("Smith, John", ["Smith, J."]),
    ("Bruen R.Curley S.Crean D.O'Reilly M. E.", ["Bruen, R.", "Curley, S.", "Crean, D.", "O'Reilly, M. E."]),
    ("Björn A. Blomberg; Ana de la Fuente", ["Blomberg, B. A.", "de la Fuente, A."]),
    ("Massimo Aria|Corrado Cuccurullo", ["Aria, M.", "Cuccurullo, C."]),
    ("J Smith, AB Jones, C. D. van Dijk", ["Smith, J.", "Jones, A. B.", "van Dijk, C. D."]),  # Google Scholar
    ("J Smith, AB Jones", ["Smith, J.", "Jones, A. B."]),
    ("Smith, J", ["Smith, J."]),
])
def test_split_authors_guesses_the_separator(cell, authors):
    from synthesis.io.columns import split_authors

    assert split_authors(cell) == authors


@pytest.mark.parametrize("name, header, row", [
    ("publish_or_perish.csv",
     "Cites,Authors,Title,Year,Source,Publisher,ArticleURL,CitesURL,GSRank,QueryDate,Type,DOI,ISSN,CitationURL,"
     "Volume,Issue,StartPage,EndPage,ECC,CitesPerYear,CitesPerAuthor,AuthorCount,Age,Abstract,FullTextURL,RelatedURL",
     '12,"J Smith, A Jones",A trial of exercise,2020,BMJ,bmj.com,https://www.bmj.com/x,,1,2026-12-04,,10.1000/xyz1,'
     ',,370,2,201,209,12,2,6,2,6,Background,,'),
    ("ebsco.csv", "Title,Author,Publication Date,Source,Volume,Issue,Pages,DOI,Abstract,ISSN,Accession Number",
     '"A trial of exercise","Smith, John; Jones, Ann",20200301,BMJ,370,2,201-209,10.1000/xyz1,Background,0959-8138,1'),
    ("proquest.csv", "Title,Authors,Abstract,documentType,pubdate,pubtitle,volume,issue,startPage,endPage,DOI",
     '"A trial of exercise","Smith, John; Jones, Ann",Background,Journal Article,2020,BMJ,370,2,201,209,10.1000/xyz1'),
])
def test_csv_layouts_of_other_databases(tmp_path, name, header, row):
    """Layouts without a file in ../shared: Publish or Perish (Google Scholar's "J Smith, A Jones" and
    StartPage/EndPage), EBSCO's dates without separators, ProQuest's pubtitle/pubdate columns."""
    path = tmp_path / name
    path.write_text(header + "\n" + row + "\n", encoding="utf-8")
    fmt, _, res = _parse(path)
    rec = res.records[0]
    assert (fmt, res.found) == ("csv", 1)
    assert (rec["title"], rec["authors"], rec["year"], rec["journal"], rec["volume"], rec["issue"], rec["pages"],
            rec["doi"]) == ("A trial of exercise", ["Smith, J.", "Jones, A."], 2020, "BMJ", "370", "2", "201-209",
                            "10.1000/xyz1")
