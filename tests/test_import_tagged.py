"""Tagged exports (RIS dialects, MEDLINE/nbib, Web of Science plain text, EndNote tagged, Ovid field labels):
every such file in ../shared/data imports with its PROVENANCE count, the right format, clean titles, and the
years and DOIs the file gives; bad input written by the tests gets a named, located message."""
from __future__ import annotations

import csv
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from synthesis.io import read_file

SHARED_IMPORTS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "imports"

#: PROVENANCE's format column -> the reader's format name.
FORMATS = {"ris": "ris", "nbib": "medline", "ovid": "ovid", "wos_plaintext": "wos_plaintext",
           "endnote_tagged": "endnote_tagged"}

#: Where PROVENANCE's count is not the number of records in the file, and why (checked in a test below).
#: colrev__ais_enl.txt: PROVENANCE counted '%0' lines (2), but four of the six blank-line separated
#: records (each with its own %T title, %A authors and %U link) have no %0 line at all.
COUNT_CORRECTIONS = {"endnote_tagged/colrev__ais_enl.txt": 6}
#: Published files that stop inside their last record: it is rejected as cut off, with its line.
CUT_OFF = {"nbib/metaknowledge__medline_test.medline"}  # its last title stops at "... in the endometriu"


def _rows():
    path = SHARED_IMPORTS / "PROVENANCE.tsv"
    if not path.exists():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"real test data not found at {path}"))]
    with path.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["format"] in FORMATS]
    return [pytest.param(r, id=r["local_file"]) for r in rows]


MOJIBAKE = re.compile("Ã[\u0080-\u00bf]|â€|Â[\u0080-\u00bf ]|\ufffd")
YEAR_TAGS = {"ris": ("PY", "Y1"), "medline": ("DP",), "wos_plaintext": ("PY",), "endnote_tagged": ("%D",)}
DOI_TAGS = {"ris": ("DO",), "medline": ("LID", "AID"), "wos_plaintext": ("DI",), "endnote_tagged": ("%R",)}
DOI_SHAPE = re.compile(r"10\.\d{4,9}/\S+")


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


@pytest.mark.parametrize("row", _rows())
def test_real_file_imports_with_its_count(row):
    path = SHARED_IMPORTS / row["local_file"]
    table, report = read_file(path)
    expected = COUNT_CORRECTIONS.get(row["local_file"], int(row["records"]))
    fmt = FORMATS[row["format"]]
    assert report.format == fmt, report.summary()
    assert report.reconciles, report.summary()
    if row["local_file"] in CUT_OFF:
        expected -= 1
        assert [r.index for r in report.rejected] == [expected + 1], report.summary()
        assert "ends inside this" in report.rejected[0].reason and report.rejected[0].line > 1
    else:
        assert not report.rejected, report.summary()
    assert report.imported == expected == len(table), report.summary()
    assert list(table["source_index"]) == list(range(1, expected + 1))
    assert all(isinstance(r, dict) and r for r in table["raw"])
    titled = table[table["title"] != ""]
    assert len(titled) >= expected - 1, "at most one record without title (Lens has one)"
    bad = [t for t in table["title"] if MOJIBAKE.search(t)]
    assert not bad, f"mojibake in titles: {bad[:3]}"
    assert not [a for authors in table["authors"] for a in authors if MOJIBAKE.search(a)]
    # Every year and DOI the file states reaches its column.
    for _, rec in table.iterrows():
        raw = rec["raw"]
        stated_years = [v for t in YEAR_TAGS.get(fmt, ()) for v in _as_list(raw.get(t)) if re.search(r"\b(1[5-9]|20)\d\d\b", v)]
        if stated_years:
            assert not rec["year"] is None and rec["year"] is not __import__("pandas").NA, (rec["source_index"], stated_years)
            assert str(rec["year"]) in " ".join(stated_years)
        # (a SICI that the export broke at its bracket, "...024 [ 0141:SPOCMP]2.0.CO;2", states the whole DOI)
        stated_dois = [m.group(0).rstrip(".,;").lower() for t in DOI_TAGS.get(fmt, ()) for v in _as_list(raw.get(t))
                       if (m := DOI_SHAPE.search(re.sub(r"\s*\[\s*(?=\d{4}:)", "[", unquote(v))))
                       and (t not in ("LID", "AID") or "[doi]" in v or "doi.org" in v)]
        if stated_dois:
            assert rec["doi"], (rec["source_index"], stated_dois)
            assert rec["doi"] in stated_dois, (rec["doi"], stated_dois)
    if row["local_file"] != "citesource_sets/wildfire_benchmark_wos_strings/CiteSource__benchmark_15.ris":
        assert report.database, f"no database inferred for {row['local_file']}"  # that one has no signature


def test_count_correction_is_what_the_file_holds(shared_data):
    """The one corrected count: records are blank-line separated blocks, only two of which start with %0."""
    text = (SHARED_IMPORTS / "endnote_tagged/colrev__ais_enl.txt").read_text(encoding="utf-8")
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    assert len(blocks) == 6 and sum(b.lstrip().startswith("%T") for b in blocks) == 6
    assert len(re.findall(r"^%0 ", text, re.M)) == 2


# ---- spot checks: values read by eye from the files --------------------------------------------------

SPOT = [
    ("ris/synthesisr__scopus.ris", 1, "Black-backed woodpecker occupancy in burned and beetle-killed forests: "
     "Disturbance agent matters", "10.1016/j.foreco.2019.117694", "Scopus"),
    ("ris/asreview__embase.ris", 1, "Duplication cysts: Diagnosis, management, and the role of endoscopic "
     "ultrasound", "10.4103/2303-9027.138783", "Embase"),
    ("ris/asreview__ovid_psycinfo.ris", 1, "The influence of self-criticism on depression symptoms among "
     "ambulatory patients with inflammatory bowel disease.", "10.1002/cpp.2398", "APA PsycInfo (Ovid)"),
    ("ris/ASySD-benchmark__0_Ovid_search_results_3001_to_3130.ris", 2,
     "Liberty Caps: Recreational hallucinogenic mushrooms.", "10.1016/0376-8716(76)90010-7", "APA PsycInfo (Ovid)"),
    ("ris/citation-file-formatting___baseline_citavi.ris", 1, "Postoperative headache after surgical treatment "
     "of cerebellopontine angle tumors: a systematic review", "10.1007/s00405-021-06627-6", "Citavi"),
    ("nbib/citation-file-formatting___baseline_pubmed.ris", 1, "Time lapse: A glimpse into prehistoric genomics.",
     "10.1016/j.ejmg.2019.03.004", "PubMed"),
    ("wos_plaintext/revtools__restoration_WoS.ciw", 1, "Do magnetic phosphorus adsorbents used for lake "
     "restoration impact on zooplankton community?", "10.1016/j.scitotenv.2018.11.375", "Web of Science"),
    ("ovid/jabref__OvidImporterTest4.txt", 1, "Cloud water interception and element deposition differ largely "
     "between Norway spruce stands along an elevation transect in Harz Mountains, Germany.", "10.1002/eco.1563", "Ovid"),
    ("endnote_tagged/jabref__Endnote.book.example.enw", 1, "Git : dezentrale Versionsverwaltung im Team : "
     "Grundlagen und Workflows", "", "EndNote"),
]


@pytest.mark.parametrize("name, index, title, doi, database", SPOT, ids=[s[0] for s in SPOT])
def test_spot_checks(shared_data, name, index, title, doi, database):
    table, report = read_file(shared_data / "imports" / name)
    rec = table.iloc[index - 1]
    assert rec["title"] == title
    assert rec["doi"] == doi
    assert report.database == database


def test_fields_of_one_record_of_each_format(shared_data):
    imports = shared_data / "imports"
    pubmed = read_file(imports / "nbib/citation-file-formatting___baseline_pubmed.ris")[0].iloc[0]
    assert pubmed["pmid"] == "30922926" and pubmed["year"] == 2020 and pubmed["volume"] == "63"
    assert pubmed["abstract"].startswith("For the purpose of this review, 'time-lapse' refers")
    assert "  " not in pubmed["abstract"] and "\n" not in pubmed["abstract"]

    wos = read_file(imports / "wos_plaintext/revtools__restoration_WoS.ciw")[0].iloc[0]
    assert wos["authors"][:2] == ["Alvarez-Manzaneda, I.", "Guerreroc, F."]
    assert wos["source_id"] == "WOS:000455039600059" and wos["pages"] == "598-607" and wos["pmid"] == "30529964"
    assert "Zooplankton" in wos["keywords"]

    zoorec = read_file(imports / "wos_plaintext/synthesisr__zoorec.txt")[0].iloc[0]
    assert zoorec["authors"][0] == "Stillman, A. N."  # the e-mail in brackets is not part of the name

    ovid = read_file(imports / "ovid/jabref__OvidImporterTest4.txt")[0].iloc[0]
    assert (ovid["journal"], ovid["volume"], ovid["issue"], ovid["pages"], ovid["year"]) == (
        "Ecohydrology", "8", "6", "1048-1064", 2015)
    assert ovid["authors"] == ["Kohler, L.", "Leuschner, C.", "Hauck, M.", "Hertel, D."]
    assert len(ovid["raw"]["References"]) > 50

    enw = read_file(imports / "endnote_tagged/jabref__Endnote.book.example.enw")[0].iloc[0]
    assert enw["authors"] == ["Preißel, R.", "Stachmann, B."] and enw["isbn_issn"] == "978-3-86490-311-3"

    cinahl = read_file(imports / "ris/citation-file-formatting___baseline_cinahl.ris")[0]
    assert any("Martínez, R. N." in a for a in cinahl["authors"])

    env = read_file(imports / "citesource_sets/wildfire_stage_analysis/CiteSource__envindex_100.ris")[0]
    assert env.iloc[0]["authors"][0] == "Grau\u2010Andrés, R."


def test_ovid_ris_keeps_record_numbers_links_and_tags_after_er(shared_data):
    table, report = read_file(shared_data / "imports/ris/ASySD-benchmark__0_Ovid_search_results_3001_to_3130.ris")
    raw = table.iloc[0]["raw"]
    assert raw["_number"] == "3001"
    assert raw["_after"][0].startswith("Link to the Ovid Full Text or citation:")
    assert table.iloc[0]["pages"] == ""  # 'SP - No' 'EP - Specified' is Ovid's way of saying none
    numbers = [r.get("_number") for r in table["raw"]]
    assert numbers == [str(n) for n in range(3001, 3131)]
    psyc = read_file(shared_data / "imports/ris/asreview__ovid_psycinfo.ris")[0]
    assert psyc.iloc[0]["raw"]["NL"] == "Clin Psychol Psychother"  # a tag line Ovid writes after ER


#: Edge cases of the RIS engine: text between records, tags after ER, no ER, no title, cut off, empty.
#: Each: the text, the raw tags of the imported records, the rejections and the warnings.
EDGE_CASES = {
    "ovid": ("1.\nTY  - JOUR\nTI  - A\nER  - \nNL  - x\nLink to the Ovid Full Text\n\n2.\nTY  - JOUR\nTI  - B\n"
             "KW  - a\nb\nAB  - line1\n  line2\nER  - \n",
             [{"TY": "JOUR", "_number": "1", "TI": "A", "NL": "x", "_after": ["Link to the Ovid Full Text"]},
              {"TY": "JOUR", "_number": "2", "TI": "B", "KW": ["a", "b"], "AB": "line1\nline2"}], [], []),
    "preamble": ("Provider: X\n\nTY  - JOUR\nTI  - A\nTI  - A2\nKW  - \nER  - \nTY  - JOUR\nT1  - B\nER  - \n",
                 [{"TY": "JOUR", "_before": ["Provider: X"], "TI": ["A", "A2"], "KW": []}, {"TY": "JOUR", "T1": "B"}],
                 [], []),
    "no ER": ("TY  - JOUR\nTI  - A\nAU  - X, Y\nTY  - JOUR\nTI  - B\nER  - \n",
              [{"TY": "JOUR", "TI": "A", "AU": ["X, Y"]}, {"TY": "JOUR", "TI": "B"}], [],
              ["record 1 (line 1) has no ER line; it ends where the next record starts (line 4)"]),
    "truncated": ("TY  - JOUR\nTI  - A\nER  - \n\nTY  - JOUR\nTI  - B\nAU  - Z\n", [{"TY": "JOUR", "TI": "A"}],
                  ["record 2 (line 5): the file ends inside this record (no ER line): truncated export?"], []),
    "truncated and empty": ("TY  - JOUR\nTI  - A\nER  - \nTY  - JOUR\nER  - \nTY  - JOUR\n", [{"TY": "JOUR", "TI": "A"}],
                            ["record 2 (line 4): empty RIS record: no fields besides its type",
                             "record 3 (line 6): the file ends inside this record (no ER line): truncated export?"], []),
    "only empty": ("TY  - JOUR\nER  - \nTY  - BOOK\nER  - \n", [],
                   ["record 1 (line 1): empty RIS record: no fields besides its type",
                    "record 2 (line 3): empty RIS record: no fields besides its type"], []),
    "untitled": ("TY  - JOUR\nAU  - A\nER  - \nTY  - JOUR\nTI  - B\nER  - \nTY  - JOUR\nTI  - NA\nER  - \n",
                 [{"TY": "JOUR", "AU": ["A"]}, {"TY": "JOUR", "TI": "B"}, {"TY": "JOUR", "TI": "NA"}], [],
                 ["record 1 (line 1) has no title; imported anyway", "record 3 (line 7) has no title; imported anyway"]),
    "repeated": ("TY  - JOUR\nTI  - A\nER  - \nTY  - JOUR\nTI  - B\nUR  - http://a\nUR  - http://b\nER  - \nNL  - z\n",
                 [{"TY": "JOUR", "TI": "A"}, {"TY": "JOUR", "TI": "B", "UR": ["http://a", "http://b"], "NL": "z"}], [], []),
    "empty": ("", [], [], []),
}


@pytest.mark.parametrize("name", EDGE_CASES)
def test_ris_engine_edge_cases(name):
    from synthesis.io.sources import ris

    text, raws, rejected, warnings = EDGE_CASES[name]
    result = ris.parse(text, "x.ris")
    assert [r["raw"] for r in result.records] == raws
    assert [str(r) for r in result.rejected] == rejected
    assert result.warnings == warnings
    assert result.found == len(result.records) + len(result.rejected)


def test_every_ris_tag_is_kept_in_raw(shared_data):
    for name in ["ris/asreview__embase.ris", "ris/ASySD__ris_export.txt", "ris/colrev__psycinfo_ris.ris",
                 "citesource_sets/forest_working_example_reexported/CiteSource__AGRIS.ris"]:
        path = shared_data / "imports" / name
        table, _ = read_file(path)
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
        in_file = set(re.findall(r"^([A-Z][A-Z0-9]{1,3})  -", text, re.M)) - {"ER"}
        in_raw = {k for raw in table["raw"] for k in raw}
        assert in_file <= in_raw, (name, in_file - in_raw)
    agris = read_file(shared_data / "imports/citesource_sets/forest_working_example_reexported/CiteSource__AGRIS.ris")[0]
    first = agris.iloc[0]
    assert first["abstract"] == ""  # 'AB - NA' is a placeholder
    assert first["keywords"] == ["species", "drug plants", "traditional uses", "surveys", "pakistan", "saline soils",
                                 "traditional medicines", "ethnobotany"]  # keywords continue on untagged lines


def test_keywords_on_continuation_lines_are_items(shared_data):
    table, _ = read_file(shared_data / "imports/ris/asreview__ris_issue_992.txt")
    kws = [k for ks in table["keywords"] for k in ks]
    assert "Medication Errors" in kws and "Medication Reconciliation" in kws
    assert not [k for k in kws if "\n" in k]


# ---- sniffing: the content decides, the extension only breaks ties -----------------------------------

@pytest.mark.parametrize("name, fmt", [
    ("nbib/citation-file-formatting___baseline_pubmed.ris", "medline"),
    ("wos_plaintext/rispy__example_wos.ris", "wos_plaintext"),
    ("ris/asreview__ovid_psycinfo.ris", "ris"),
    ("ris/asreview__web_of_science.txt", "ris"),
    ("wos_plaintext/refsplitr__BadHeader.txt", "wos_plaintext"),
    ("endnote_tagged/colrev__ais_enl.txt", "endnote_tagged"),
    ("nbib/colrev__eric_nbib.nbib", "medline"),
])
def test_format_detected_from_content(shared_data, name, fmt):
    from synthesis.io import detect_format
    from synthesis.io.decode import decode_bytes

    text, _ = decode_bytes((shared_data / "imports" / name).read_bytes())
    assert detect_format(text, name) == fmt
    # Renamed to a misleading extension, the content still decides.
    assert detect_format(text, "renamed.bib") == fmt


# ---- bad input written here ----------------------------------------------------------------------------

RIS = "TY  - JOUR\nTI  - First trial\nAU  - Smith, John\nPY  - 2001\nER  - \n\nTY  - JOUR\nTI  - Second\nPY  - 2002\nER  - \n"


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_ris_truncated_last_record_is_rejected_with_its_line(tmp_path):
    path = _write(tmp_path, "cut.ris", RIS[: RIS.index("PY  - 2002")])
    table, report = read_file(path)
    assert (report.found, report.imported, len(report.rejected)) == (2, 1, 1)
    rej = report.rejected[0]
    assert rej.index == 2 and rej.line == 7 and "no ER line" in rej.reason
    assert "cut.ris" in report.summary() and "record 2 (line 7)" in report.summary()


def test_ris_missing_er_between_records_warns_and_keeps_both(tmp_path):
    path = _write(tmp_path, "noer.ris", RIS.replace("ER  - \n\nTY", "TY", 1))
    table, report = read_file(path)
    assert report.imported == 2 and list(table["title"]) == ["First trial", "Second"]
    assert any("record 1 (line 1) has no ER line" in w for w in report.warnings)


@pytest.mark.parametrize("opening", ["TY - JOUR", "ty  - JOUR", ""])
def test_ris_record_with_a_malformed_opening_line_is_its_own_record(tmp_path, opening):
    """A record whose TY line is malformed (one space, lower case) or missing: its fields are read as a record
    of their own, with a warning naming the line, never added to the record above. (A stray byte-order mark
    before TY is removed by the decoding, and named: the next test.)"""
    text = RIS.replace("TY  - JOUR\nTI  - Second", (opening + "\n" if opening else "") + "TI  - Second")
    path = _write(tmp_path, "malformed.ris", text)
    table, report = read_file(path)
    assert report.found == 2 and report.imported == 2 and report.reconciles
    assert list(table["title"]) == ["First trial", "Second"] and table["year"].tolist() == [2001, 2002]
    line = 8 if opening else 7  # the first field's line
    assert any(w.startswith(f"line {line}: a record's fields without its TY line") for w in report.warnings), \
        report.warnings


def test_ris_record_behind_a_stray_byte_order_mark_keeps_its_type(tmp_path):
    """The mark (two files joined into one) hid the TY line: the record was read without its type."""
    text = RIS.replace("TY  - JOUR\nTI  - Second", "\ufeffTY  - JOUR\nTI  - Second")
    table, report = read_file(_write(tmp_path, "joined.ris", text))
    assert report.found == report.imported == 2 and list(table["type"]) == ["JOUR", "JOUR"]
    assert any("line(s) 7 start with a byte-order mark" in w for w in report.warnings), report.warnings


def test_ris_file_without_any_er_line_keeps_its_last_record(tmp_path):
    """A writer that leaves ER out altogether: every record ends where the next starts and the last with the
    file, with one warning; a file that also stops in the middle of a line is still taken as cut off."""
    text = RIS.replace("ER  - \n", "")
    table, report = read_file(_write(tmp_path, "no_er.ris", text))
    assert (report.found, report.imported, report.rejected) == (2, 2, [])
    assert report.warnings == ["no record in this file has an ER line: each was read as ending where the next "
                               "starts, the last (record 2, line 6) with the file"]
    table, report = read_file(_write(tmp_path, "no_er_cut.ris", text.rstrip("\n")))
    assert (report.found, report.imported, len(report.rejected)) == (2, 1, 1)


def test_ris_record_without_title_is_imported_with_a_warning(tmp_path):
    path = _write(tmp_path, "untitled.ris", RIS.replace("TI  - Second\n", ""))
    table, report = read_file(path)
    assert report.imported == 2 and not report.rejected
    assert any("record 2 (line 7) has no title" in w for w in report.warnings)


def test_ris_record_with_no_fields_is_rejected(tmp_path):
    path = _write(tmp_path, "empty.ris", RIS + "TY  - JOUR\nER  - \n")
    table, report = read_file(path)
    assert (report.found, report.imported) == (3, 2)
    assert report.rejected[0].index == 3 and report.rejected[0].line == 11
    assert "no fields" in report.rejected[0].reason


def test_ris_text_before_first_record_and_long_tags(tmp_path):
    text = "Provider: American Psychological Association\nDatabase: PsycINFO\n\n" + RIS.replace(
        "PY  - 2001\n", "PY  - 2001\nPMID  - 12345\nDO  - https://doi.org/10.1000/ABC.1\n")
    table, report = read_file(_write(tmp_path, "apa.ris", text))
    rec = table.iloc[0]
    assert rec["pmid"] == "12345" and rec["doi"] == "10.1000/abc.1"
    assert rec["raw"]["_before"] == ["Provider: American Psychological Association", "Database: PsycINFO"]
    assert report.database == "APA PsycInfo (APA PsycNet)"


def test_cochrane_record_headers_number_the_records(tmp_path):
    text = ("Record #1 of 2\nID: CN-01234567\nTY  - JOUR\nTI  - First\nDB  - Cochrane Library\nER  - \n\n"
            "Record #2 of 2\nTY  - JOUR\nTI  - Second\nER  - \n")
    table, report = read_file(_write(tmp_path, "citation-export.ris", text))
    assert report.imported == 2 and report.database == "Cochrane Library"
    assert [r["_number"] for r in table["raw"]] == ["1", "2"]
    assert table.iloc[0]["raw"]["_before"] == ["ID: CN-01234567"]


def test_wos_truncated_record(tmp_path):
    text = "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI One\nER\n\nPT J\nTI Two\n   wraps\n"
    table, report = read_file(_write(tmp_path, "cut.txt", text))
    assert report.format == "wos_plaintext" and (report.found, report.imported) == (2, 1)
    assert report.rejected[0].line == 7


def test_medline_record_without_title_and_pages(tmp_path):
    text = "PMID- 1\nDP  - 2001\nPG  - 482-91\n\nPMID- 2\nTI  - Two\n"
    table, report = read_file(_write(tmp_path, "x.nbib", text))
    assert report.format == "medline" and report.imported == 2
    assert table.iloc[0]["pages"] == "482-491"
    assert any("record 1 (line 1) has no title" in w for w in report.warnings)


# ---- the command line ----------------------------------------------------------------------------------

def test_cli_import_writes_a_record_table(shared_data, tmp_path, capsys):
    import pandas as pd

    from synthesis.cli import main

    out = tmp_path / "records.csv"
    files = [shared_data / "imports/ris/asreview__embase.ris", shared_data / "imports/nbib/jabref__NbibImporterTest.nbib"]
    assert main(["import", *map(str, files), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "asreview__embase.ris: ris" in printed and "6 found = 6 imported + 0 rejected" in printed
    table = pd.read_csv(out)
    assert len(table) == 7 and "Duplication cysts" in table.loc[0, "title"]


def test_cli_import_names_the_missing_file_and_fails(shared_data, tmp_path, capsys):
    from synthesis.cli import main

    out = tmp_path / "records.csv"
    code = main(["import", str(shared_data / "imports/ris/asreview__embase.ris"), str(tmp_path / "gone.ris"),
                 "-o", str(out)])
    assert code != 0
    err = capsys.readouterr().err
    assert "gone.ris" in err and "no such file" in err
    assert out.exists()  # the readable file is still imported


def test_a_sici_doi_broken_at_its_bracket_is_read_whole(tmp_path):
    """Web of Science's RIS in the CiteSource forest set writes "...(2004)024 [ 0141:SPOCMP]2.0.CO;2": cut at the
    space, every paper of the issue had the same DOI, the issue's."""
    path = _write(tmp_path, "wos.ris", "TY  - JOUR\nTI  - Stakeholder perspectives\nAU  - Smith, J.\nPY  - 2004\n"
                  "DO  - 10.1659/0276-4741(2004)024 [ 0141:SPOCMP]2.0.CO;2\nER  - \n\nTY  - JOUR\n"
                  "TI  - Reversing grassland degradation\nAU  - Lee, K.\nPY  - 2004\n"
                  "DO  - 10.1659/0276-4741(2004)024 [ 0096:RGDAIH]2.0.CO;2\nER  - \n")
    table, _ = read_file(path)
    assert table["doi"].tolist() == ["10.1659/0276-4741(2004)024[0141:spocmp]2.0.co;2",
                                     "10.1659/0276-4741(2004)024[0096:rgdaih]2.0.co;2"]


def test_every_pubmed_publication_type_is_kept(tmp_path):
    """A MEDLINE record's type was its first PT line: "Journal Article", though the next said "Preprint" or
    "Comment", which deduplication needs (a preprint and its article are never merged). All are kept, in order,
    but the funding lines."""
    path = _write(tmp_path, "pubmed.nbib", "PMID- 1\nTI  - Insulin and sleep.\nPT  - Journal Article\n"
                  "PT  - Research Support, N.I.H., Extramural\nPT  - Preprint\nDP  - 2024\n\n"
                  "PMID- 2\nTI  - Insulin and sleep: a comment.\nPT  - Comment\nDP  - 2024\n")
    table, _ = read_file(path)
    assert table["type"].tolist() == ["Journal Article; Preprint", "Comment"]


def test_pubmed_subject_headings_lose_the_major_topic_star(tmp_path):
    """PubMed marks a major MeSH topic with a star, before the heading or its subheading ("*Software",
    "Sequence Alignment/*methods"); it is not part of the heading, and Ovid's readers already drop it, so one
    heading read the same from both databases only after this."""
    path = _write(tmp_path, "pubmed.nbib", "PMID- 1\nTI  - Insulin and sleep.\nDP  - 2024\nOT  - insulin\n"
                  "MH  - *Software\nMH  - Sequence Alignment/*methods\nMH  - Humans\n")
    table, _ = read_file(path)
    assert table["keywords"].tolist() == [["insulin", "Software", "Sequence Alignment/methods", "Humans"]]
