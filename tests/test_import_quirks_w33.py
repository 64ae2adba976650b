"""Quirks met in public exports read by helper w33 (outside ../shared; /work/heldout/w33 lists them). Each test
holds a few lines of its own in the export's layout; the docstring names the public file that showed it."""
from __future__ import annotations

from test_import_quirks_heldout7 import _read  # write the lines, read them as an export

from synthesis.io.sources.embase_rows import source_line


def test_embase_rows_supplement_pages_are_read_from_the_source_line(tmp_path):
    """Embase gives a supplement's meeting abstracts no page fields, only the source line: "Annals of Emergency
    Medicine (2023) 82:4 Supplement (S171-S172)" (BharatBlade/AIML, embase.csv: 7 of its 8 conference abstracts).
    The word "Supplement" stopped the reading of the line, so the pages were empty and the abstract looked, in its
    locators, like an article of the regular issue. The pages are read; a supplement with no issue of its own
    ("75 Supplement 1") is its issue, as Ovid's Embase writes it."""
    text = ('"TITLE","391 Sensitivity of Software Automated Interpretation of STEMI"\n'
            '"AUTHOR NAMES","Worthy J.","Pitter D.","Andonian D."\n'
            '"SOURCE","Annals of Emergency Medicine (2023) 82:4 Supplement (S171-S172). Date of Publication: 1 Oct '
            '2023"\n"SOURCE TITLE","Annals of Emergency Medicine"\n"PUBLICATION YEAR","2023"\n"VOLUME","82"\n'
            '"ISSUE","4"\n"PUBLICATION TYPE","Conference Abstract"\n"DOI","10.1016/j.annemergmed.2023.08.419"\n\n'
            '"TITLE","T51. Machine learning classification of attention deficit hyperactivity disorder"\n'
            '"AUTHOR NAMES","Barnett E.","Faraone S.V."\n'
            '"SOURCE","European Neuropsychopharmacology (2023) 75 Supplement 1 (S188-S189). Date of Publication: 1 '
            'Oct 2023"\n"PUBLICATION YEAR","2023"\n"VOLUME","75"\n"PUBLICATION TYPE","Conference Abstract"\n\n')
    records, report = _read(tmp_path, "embase.csv", text)
    assert report.format == "embase_rows" and report.imported == 2
    assert records[["volume", "issue", "pages"]].to_dict("records") == [
        {"volume": "82", "issue": "4", "pages": "S171-S172"},
        {"volume": "75", "issue": "Supplement 1", "pages": "S188-S189"}]


def test_embase_source_line_with_a_supplement():
    """The same line in Embase's CSV of columns (its ``Source`` column) is read alike."""
    assert source_line("Journal of the American Academy of Child and Adolescent Psychiatry (2023) 62:10 Supplement "
                       "(S388). Date of Publication: 1 Oct 2023") == {
        "journal": "Journal of the American Academy of Child and Adolescent Psychiatry", "volume": "62",
        "issue": "10 Supplement", "pages": "S388", "date": "2023"}
    assert source_line("Cancer (2004) 102:4 (253-258). Date of Publication: 25 Aug 2004")["issue"] == "4"
