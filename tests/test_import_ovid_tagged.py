"""Two export layouts that used to be read wrongly or not at all (issue 12), each from a small snippet written
here in the layout of a real export:

* Web of Science plain text saved without its ``FN``/``VR`` header (one record copied out of an export):
  it starts at ``PT J``;
* Ovid's tagged export ("Direct Export", "Citation (Ovid tagged)", the ``.cgi``/``.ovd`` files that
  EndNote and Citavi take): ``<3001. >`` record markers, then ``XX  - value`` tag lines.
"""
from __future__ import annotations

from pathlib import Path

from synthesis.io import detect_format, read_file


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# ---- Web of Science plain text without its header -------------------------------------------------------

WOS_NO_HEADER = ("PT J\nAU Wodarz, S\n   Homma, T\nAF Wodarz, Siggi\n   Homma, Takayuki\n"
                 "TI Structural control of ultra-fine CoPt nanodot arrays via\n   electrodeposition process\n"
                 "SO JOURNAL OF MAGNETISM AND MAGNETIC MATERIALS\nLA English\nDT Article\nPY 2017\nVL 430\n"
                 "BP 52\nEP 58\nDI 10.1016/j.jmmm.2017.01.061\nUT WOS:000397201600008\nER\n")


def test_wos_plain_text_without_its_header_is_read_as_wos(tmp_path):
    table, report = read_file(_write(tmp_path, "single-article.txt", WOS_NO_HEADER))
    assert report.format == "wos_plaintext" and (report.found, report.imported) == (1, 1), report.summary()
    assert not report.warnings and report.database == "Web of Science"
    rec = table.iloc[0]
    assert rec["title"] == "Structural control of ultra-fine CoPt nanodot arrays via electrodeposition process"
    assert rec["authors"] == ["Wodarz, S.", "Homma, T."]
    assert (rec["year"], rec["volume"], rec["pages"], rec["doi"], rec["source_id"]) == (
        2017, "430", "52-58", "10.1016/j.jmmm.2017.01.061", "WOS:000397201600008")
    # A PT tag in RIS or MEDLINE is not a WoS record's start
    assert detect_format("TY  - JOUR\nPT  - J\nTI  - A\nER  - \n", "x.ris") == "ris"
    assert detect_format("PT  - Journal Article\nTI  - A\nAU  - Smith J\nSO  - J. 2020.\n", "x.txt") == "medline"


def test_wos_plain_text_without_header_or_er_reports_the_record_cut_off(tmp_path):
    text = WOS_NO_HEADER[: WOS_NO_HEADER.index("DI ")]  # the file stops before the record's ER
    table, report = read_file(_write(tmp_path, "cut.txt", text))
    assert report.format == "wos_plaintext" and (report.found, report.imported) == (1, 0), report.summary()
    assert report.rejected[0].line == 1 and "no ER line" in report.rejected[0].reason

