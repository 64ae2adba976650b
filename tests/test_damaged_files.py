"""Files damaged by a download, a disk, an editor or a database: each case here was found by mutating the
shared exports and the example's evidence files (a line cut, doubled or made very long, a byte flipped, NUL
and control bytes, other line ends and encodings) and building. The rule is the project's: a clear message
naming the file and line, or the file read whole; never a traceback."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from synthesis.appendlog import read_json_lines
from synthesis.build import BuildError, build
from synthesis.dedup.verdicts import append_verdict, read_verdicts
from synthesis.io import ImportFailure, read_file

ROOT = Path(__file__).resolve().parents[1]


def test_a_cell_over_128_kib_is_read_whichever_module_came_first(tmp_path):
    """Python's csv module refuses a cell over 128 KiB unless told otherwise, and only the CSV reader told it:
    a rebuild from the import cache (which imports no reader) stopped on 'field larger than field limit' when
    the library held a Web of Science record with some 2,500 cited references and a cell that starts like a
    formula. A fresh process that imports only the modules in question shows it."""
    long_note = "n" * 200_000
    verdicts = tmp_path / "duplicate_verdicts.tsv"
    verdicts.write_text("when\trecord_id_1\trecord_id_2\tverdict\treviewer\tnote\n"
                        f"2026-12-05T10:00:00Z\trA\trB\tduplicate\talice\t{long_note}\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from synthesis.io.safe import neutralise_csv_text\n"
        "from synthesis.dedup.verdicts import read_verdicts\n"
        "out = neutralise_csv_text('title,refs\\n=1+1,' + 'x' * 200_000 + '\\n')\n"
        "assert out.startswith(\"title,refs\\n'=1+1,x\"), out[:30]\n"
        f"table = read_verdicts({str(verdicts)!r}, ids=lambda i: i)\n"
        "assert len(table) == 1 and len(table['note'][0]) == 200_000\n"
        "print('read')\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == "read", done.stderr[-600:]


def test_a_verdict_file_with_bare_cr_line_ends_keeps_its_verdicts(tmp_path):
    """An editor that writes a bare CR at each line end (classic Mac) made the verdict file a csv error."""
    path = tmp_path / "duplicate_verdicts.tsv"
    append_verdict(path, "rA", "rB", "duplicate", "alice", "same trial")
    append_verdict(path, "rC", "rD", "not_duplicate", "bob")
    before = read_verdicts(path, ids=lambda i: i)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
    after = read_verdicts(path, ids=lambda i: i)
    assert after.to_dict("records") == before.to_dict("records")
    assert list(after["verdict"]) == ["duplicate", "not_duplicate"]


def test_a_tab_typed_into_a_verdict_note_keeps_the_whole_note(tmp_path):
    """The note's text after the tab was dropped as a seventh cell, unsaid."""
    path = tmp_path / "duplicate_verdicts.tsv"
    append_verdict(path, "rA", "rB", "not_duplicate", "alice", "same authors")
    path.write_text(path.read_text(encoding="utf-8").replace("same authors", "same authors\tdifferent trial"),
                    encoding="utf-8")
    assert read_verdicts(path, ids=lambda i: i)["note"].tolist() == ["same authors\tdifferent trial"]


def test_a_screening_log_with_bare_cr_line_ends_keeps_its_decisions(project):
    """It was read as one line that is 'not a decision entry', and the build stopped."""
    log = project / "evidence" / "screening" / "alice.jsonl"
    before = [(line.kind, line.value) for line in read_json_lines(log)]
    log.write_bytes(log.read_bytes().replace(b"\n", b"\r"))
    after = [(line.kind, line.value) for line in read_json_lines(log)]
    assert after == before and len(before) > 50 and {kind for kind, _ in before} == {"ok"}


def _ris(records: int) -> str:
    return "".join(f"TY  - JOUR\nTI  - Paper number {k} on co-design\nAU  - Smith, J.\nPY  - 2020\n"
                   f"AB  - An abstract of paper {k}.\nER  - \n\n" for k in range(records))


def test_stray_nul_bytes_in_an_export_are_removed_and_named(tmp_path):
    """One NUL byte near the start made a whole export 'a binary file'; one further on stayed in the record
    (and would reach the Word files, whose XML cannot hold it)."""
    text = _ris(40)
    head = text.index("Paper number 0") + 5
    body = text.index("An abstract of paper 30") + 3
    data = (text[:head] + "\0" + text[head:body] + "\0\0" + text[body:]).encode("utf-8")
    path = tmp_path / "scopus.ris"
    path.write_bytes(data)
    records, report = read_file(path)
    assert len(records) == 40 and report.reconciles
    assert records["title"][0] == "Paper number 0 on co-design"
    assert records["abstract"][30] == "An abstract of paper 30."
    nul_lines = [w for w in report.warnings if "NUL" in w]
    assert nul_lines == [f"{path}: line(s) 2, 215 held NUL bytes (a damaged download?); they were removed"]
    assert not any("\0" in str(v) for v in records["raw"])


def test_a_utf8_export_with_a_byte_order_mark_and_one_line_in_another_encoding_is_read(tmp_path):
    """A UTF-8 export (with its byte-order mark) where one title was typed in an old editor: the whole file was
    refused as "not valid utf-8-sig: ... position 412", naming no line; without the mark it was read, the line
    named. Now both are read alike."""
    text = _ris(12)
    head, tail = text.split("Paper number 7", 1)
    data = b"\xef\xbb\xbf" + head.encode("utf-8") + "Évaluation à Zürich".encode("cp1252") + tail.encode("utf-8")
    path = tmp_path / "scopus.ris"
    path.write_bytes(data)
    records, report = read_file(path)
    assert len(records) == report.found == 12 and report.encoding == "utf-8+cp1252"
    assert records["title"][7] == "Évaluation à Zürich on co-design"
    assert any("line(s) 51 are not UTF-8 like the rest and were read as cp1252" in w for w in report.warnings)
    assert list(records["record_id"]) == list(read_file(_write(tmp_path / "no_mark.ris", data[3:]))[0]["record_id"])


def test_a_byte_order_mark_garbled_by_an_editor_hides_no_column_or_tag(tmp_path):
    """A UTF-8 export with its mark, opened as Windows-1252 and saved again as UTF-8, starts with 'ï»¿': the CSV's
    first column name became 'ï»¿"Authors"' and every record lost its authors, unsaid; the RIS's first TY line
    was not one (record 1 without its type)."""
    csv_text = '\ufeff"Authors","Title","Year"\n"Smith, J.","A trial of co-design",2020\n'
    ris_text = "\ufeff" + _ris(3)
    for name, text in (("scopus.csv", csv_text), ("scopus.ris", ris_text)):
        garbled = text.encode("utf-8").decode("cp1252").encode("utf-8")
        assert garbled.startswith("ï»¿".encode("utf-8"))
        records, report = read_file(_write(tmp_path / name, garbled), name=name)
        clean, _ = read_file(_write(tmp_path / f"clean_{name}", text.encode("utf-8")), name=name)
        assert list(records["authors"]) == list(clean["authors"]) and records["authors"][0]
        assert list(records["type"]) == list(clean["type"]) and list(records["record_id"]) == list(clean["record_id"])
        assert [w for w in report.warnings if w.startswith(f"{name}: the file starts with 'ï»¿', a UTF-8 byte-order "
                                                            "mark read as Windows-1252 by an editor")]


def test_two_exports_joined_into_one_file_give_their_records_only(tmp_path):
    """Two pages of an export joined ('copy /b page1.csv+page2.csv'): the CSV's second header row was imported as
    a record titled 'Title' by 'Authors', and the RIS's second byte-order mark hid its first TY line (a record
    without its type); neither said a word."""
    page = '\ufeff"Authors","Title","Year"\n"Smith, J.","A trial of co-design",2020\n"Lee, K.","Co-production",2021\n'
    joined = (page + page).encode("utf-8")
    records, report = read_file(_write(tmp_path / "scopus.csv", joined), name="scopus.csv")
    assert list(records["title"]) == ["A trial of co-design", "Co-production"] * 2
    assert report.found == 4 and report.reconciles
    assert "line(s) 4 repeat the header row (exports joined into one file?); not read as records" in report.warnings
    ris = ("\ufeff" + _ris(2)).encode("utf-8")
    records, report = read_file(_write(tmp_path / "scopus.ris", ris + ris), name="scopus.ris")
    assert list(records["type"]) == list(read_file(_write(tmp_path / "one.ris", ris))[0]["type"]) * 2
    assert "scopus.ris: line(s) 15 start with a byte-order mark, as a file does (exports joined into one file?); " \
           "the marks were removed" in report.warnings


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_a_file_of_many_nul_bytes_is_still_binary(tmp_path):
    path = tmp_path / "scopus.ris"
    path.write_bytes(b"TY  - JOUR\n" + b"\0\1\2" * 400)
    with pytest.raises(ImportFailure, match=r"scopus\.ris: looks like a binary file"):
        read_file(path)


def test_a_pdf_among_the_exports_is_named_as_a_pdf(tmp_path, shared_data):
    """A paper saved into the searches folder was 'a binary file' or, for some PDFs, 'unknown format'."""
    pdfs = sorted((shared_data / "fulltext" / "pdfs").glob("*.pdf"))
    assert len(pdfs) >= 4
    for pdf in pdfs[:4]:
        with pytest.raises(ImportFailure) as caught:
            read_file(pdf, name=pdf.name)
        assert str(caught.value).startswith(f"{pdf.name}: a PDF (a paper's full text?), not an export of records")


def test_a_control_character_in_the_coding_scheme_is_named_with_its_line(project):
    """A NUL or other control character in a label of the coding scheme stopped the build with lxml's
    'All strings must be XML compatible' while writing Table 2 as a Word file (and reached the maps)."""
    scheme = project / "evidence" / "coding_scheme.txt"
    text = scheme.read_text(encoding="utf-8")
    line = text[: text.index("construct recruitment: Recruitment")].count("\n") + 1
    scheme.write_text(text.replace("construct recruitment: Recruitment", "construct recruitment: Recru\x00itment"),
                      encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build(project, progress=False)
    assert f"coding_scheme.txt line {line}: a control character (U+0000) in the line" in str(caught.value)


def test_control_characters_reach_no_word_file(tmp_path):
    """Word files are XML, which cannot hold most control characters: what the PRISMA-S report says (database
    names and notes from the exports among it) is written without them."""
    import docx

    from synthesis.prisma.prisma_s import PrismaSItem, write_prisma_s

    items = [PrismaSItem(1, "Information sources", "Database name", "Name each database.",
                         answer="- Scopus\x1a (Elsevier)\n- CINAHL\x00", source="exports")]
    paths = write_prisma_s(items, tmp_path, title="Review\x0b one")
    text = "\n".join(p.text for p in docx.Document(paths[1]).paragraphs)
    assert "Scopus (Elsevier)" in text and "CINAHL" in text and "Review one" in text


def test_xml_text_keeps_what_xml_can_hold():
    from synthesis.normalise import xml_text

    assert xml_text("a\tb\nc\rd\x00e\x0bf\x1fg\ufffeh\u00e9\u4e2d") == "a\tb\nc\rdefgh\u00e9\u4e2d"


def test_a_rayyan_export_saved_again_by_excel_is_read(tmp_path, shared_data):
    """Opened in Excel and saved again (windows-1252 or UTF-16 "Unicode text"), with a blank line before the
    header and a row cut short, Rayyan's export stopped a notebook with a bare UnicodeDecodeError or TypeError."""
    from synthesis.screening import ScreeningSettings, make_unit_table
    from synthesis.screening.exchange import import_rayyan, parse_rayyan_notes

    rayyan = shared_data / "imports" / "csv" / "citation-file-formatting___baseline_rayyan.csv"
    if not rayyan.exists():
        pytest.skip(f"{rayyan} not found")
    text = rayyan.read_text(encoding="utf-8-sig")
    import pandas as pd

    table = pd.read_csv(rayyan, dtype=str, keep_default_na=False)
    units = make_unit_table(pd.DataFrame({"group_id": table["key"], "title": table["title"], "doi": table["doi"],
                                          "year": table["year"]}))
    settings = ScreeningSettings(team=["Emily"])
    first = import_rayyan(rayyan, units, tmp_path / "utf8", settings)
    assert first.rows == 10 and first.matched == 10 and sum(first.logged.values()) > 0
    lines = text.splitlines(keepends=True)
    cut = lines[:-1] + [lines[-1].split(",")[0] + "\n", "k999,A paper not in the review\n"]  # a row cut short
    for name, data in (("cp1252", text.encode("cp1252", errors="replace")), ("utf-16", text.encode("utf-16")),
                       ("blank lines and a cut row", ("\n\n" + "".join(cut)).encode("utf-8"))):
        path = tmp_path / name / rayyan.name
        path.parent.mkdir()
        path.write_bytes(data)
        report = import_rayyan(path, units, tmp_path / name / "logs", settings)
        if name == "blank lines and a cut row":  # the row still has its key; its votes are gone with its notes
            votes = sum("Emily" in parse_rayyan_notes(n)[0] for n in table["notes"][:-1])
            assert (report.rows, report.matched, report.logged) == (11, 10, {"Emily": votes}) and votes < 10
            assert report.problems == [f"{path}, line {len(lines) + 3}: 'A paper not in the review' matches no "
                                       "unit (DOI and title not found); not imported"]
        else:
            assert (report.rows, report.matched, report.logged) == (first.rows, first.matched, first.logged), name


def test_what_windows_macos_excel_and_editors_leave_beside_the_exports_is_not_read(project):
    """Excel's lock file while the export is open ("~$scopus.xlsx") and Windows' desktop.ini stopped the build
    as exports 'of unknown format'; an editor's backup and a download still running would have been read as
    exports. The import command skips the same files as the build."""
    from synthesis.io.cli import expand

    round_folder = project / "data" / "searches" / "2026-11"
    (round_folder / "~$scopus.xlsx").write_bytes(b"\x0bAlice     \x00\x00")
    (round_folder / "desktop.ini").write_bytes(b"[.ShellClassInfo]\r\n")
    (round_folder / "Thumbs.db").write_bytes(b"\x00\x01")
    (round_folder / "._scopus.ris").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    (round_folder / "scopus.ris~").write_bytes((round_folder / "scopus.ris").read_bytes())
    (round_folder / "embase.ris.crdownload").write_bytes((round_folder / "scopus.ris").read_bytes()[:3000])
    build(project, progress=False)
    report = (project / "output" / "import_report.csv").read_text(encoding="utf-8")
    read = sorted(Path(line.split(",")[0]).name for line in report.splitlines()[1:])
    assert read == ["google_scholar.bib", "pubmed.nbib", "scopus.ris", "web_of_science.txt"]
    assert [Path(f).name for f in expand([project / "data" / "searches"])] == [
        "google_scholar.bib", "pubmed.nbib", "scopus.ris", "web_of_science.txt"]


def test_reading_a_damaged_bibtex_file_prints_nothing(tmp_path):
    """bibtexparser logged the block it gave up on to stderr ("Parsing of `@article` block (line 0) aborted"),
    red lines in a notebook beside the reader's own report of the same problem with its true line. (In a fresh
    process: pytest's own log capture would hide it.)"""
    path = tmp_path / "scholar.bib"
    path.write_text("@article{k1,\n  title = {A paper}},\n  author , {Jones},\n  year = {2020}\n}\n\n"
                    "@article{k2,\n  title = {Another},\n  year = {2021}\n}\n", encoding="utf-8")
    code = (f"from synthesis.io import read_file\nrecords, report = read_file({str(path)!r})\n"
            "print(len(records), report.warnings[0].split(';')[0])\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.stdout == "2 line 2: an extra closing brace ends entry 'k1' early\n", done.stdout + done.stderr
    assert done.stderr == ""


def test_a_zip_archive_saved_under_an_export_name_is_named_as_a_zip(tmp_path):
    """A download saved as "scopus.ris" that is the zipped export: stored uncompressed, its 12 records were
    imported with the archive's header bytes as 'NUL bytes removed', 'two encodings' and a record without its TY
    line; compressed, it was 'a binary file'. Both are the ZIP they are, with what they hold."""
    import zipfile

    for method in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        path = tmp_path / "scopus.ris"
        with zipfile.ZipFile(path, "w", compression=method) as z:
            z.writestr("scopus_export_2026.ris", _ris(12))
        with pytest.raises(ImportFailure) as caught:
            read_file(path, name=path.name)
        assert str(caught.value) == ("scopus.ris: a ZIP archive, not an export of records; unpack it into the "
                                     "round's folder and delete the archive (it holds scopus_export_2026.ris)")


def test_a_zip_or_an_endnote_library_among_the_exports_says_what_to_do(tmp_path):
    """Both were 'a binary file'; a reviewer needs to know to unpack the one and export from the other."""
    import zipfile

    archive = tmp_path / "wos_export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("savedrecs.txt", "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI A paper\nER\nEF\n")
    library = tmp_path / "My Library.enl"
    library.write_bytes(b"\x00\x01\x02\x03" * 500)
    for path, said in ((archive, "a ZIP archive, not an export of records; unpack it into the round's folder"),
                       (library, "an EndNote library, not an export of records; in EndNote, select the references "
                                 "and export them as RIS")):
        with pytest.raises(ImportFailure) as caught:
            read_file(path, name=path.name)
        assert str(caught.value).startswith(f"{path.name}: {said}")
