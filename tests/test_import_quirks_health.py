"""Health-database exports the readers had not met before (the Cochrane Library's CENTRAL RIS, ...): each test
writes a few lines of its own with the quirk a real export showed, and names that export in a comment."""
from __future__ import annotations

from synthesis.io import read_file


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_central_ris_et_al_is_no_author(tmp_path):
    """The Cochrane Library's CENTRAL RIS cuts a long author list after ten names with ``A1  -  et al.``, which
    was read as an author named "al., E.".
    Real file: ferenci-tamas/FavipiravirMetaAnalysis, Cochrane.ris."""
    path = _write(tmp_path, "cochrane.ris",
                  "Record #1 of 1\nProvider: John Wiley & Sons, Ltd.\nContent: text/plain; charset=\"UTF-8\"\n\n"
                  "TY  -  JOUR\nAN  -  CN-00000001\nA1  -  Smith, J\nA1  -  Lee, KM\nA1  -  et al.\n"
                  "T1  -  A randomized trial of a drug\nJA  -  Some journal\nPY  -  2022\nER  -  \n\n\n")
    table, report = read_file(path)
    assert report.imported == 1
    assert table["authors"][0] == ["Smith, J.", "Lee, K. M."]


def test_et_al_in_an_authors_cell_is_no_author(tmp_path):
    """The same mark in a table's authors cell ("Smith J; Lee KM; et al.") names no one either."""
    path = _write(tmp_path, "refs.csv", "Title,Authors,Year\nA trial,\"Smith, J; Lee, KM; et al.\",2020\n")
    table, _ = read_file(path)
    assert table["authors"][0] == ["Smith, J.", "Lee, K. M."]


def test_et_al_in_an_endnote_library_is_no_author(tmp_path):
    """An EndNote library of CENTRAL records keeps the mark as an author of its own (<author>et al.</author>): 14
    records of ../shared's dedupe-sweep tafenoquine.xml ended with an author "al., E.". The mark is no author in
    the name reading every reader shares, so this reader is covered too."""
    style = '<style face="normal" font="default" size="100%">{}</style>'
    path = _write(tmp_path, "library.xml",
                  '<?xml version="1.0" encoding="UTF-8" ?><xml><records><record><rec-number>1</rec-number>'
                  '<ref-type name="Journal Article">17</ref-type><contributors><authors>'
                  + "".join(f"<author>{style.format(a)}</author>" for a in ("Walsh, D. S.", "Tang, D. B.", "et al."))
                  + '</authors></contributors><titles><title>' + style.format("A trial of tafenoquine")
                  + '</title></titles><dates><year>' + style.format("2004") + '</year></dates></record></records></xml>')
    table, _ = read_file(path)
    assert table["authors"][0] == ["Walsh, D. S.", "Tang, D. B."]


def test_central_abstract_thin_spaces_around_a_sign_are_spaces_again(tmp_path):
    """CENTRAL abstracts taken from Embase write the thin spaces around a comparison sign as question marks
    ("a clinical scale?<?2", "(P?<?0.03)"); the reviewer read "P?<?0.03". A question mark elsewhere stays.
    Real file: ferenci-tamas/FavipiravirMetaAnalysis, Cochrane.ris (record CN-02386271)."""
    path = _write(tmp_path, "cochrane.ris",
                  "TY  -  JOUR\nAN  -  CN-00000002\nA1  -  Roe, B\nT1  -  A pilot trial\nPY  -  2022\n"
                  "N2  -  Patients with a clinical scale?<?2 did not differ. Platelets were higher (P?<?0.03). "
                  "Was it safe? Yes. Counts over 100?×?10^9/L.\nER  -  \n")
    table, _ = read_file(path)
    assert table["abstract"][0] == ("Patients with a clinical scale < 2 did not differ. Platelets were higher "
                                    "(P < 0.03). Was it safe? Yes. Counts over 100 × 10^9/L.")


def test_medline_searched_on_web_of_science_is_named_so(tmp_path):
    """A MEDLINE search run on Web of Science exports records whose accession numbers say so ("MEDLINE:32075446"),
    in plain text and tab-delimited alike; both were named "Web of Science", the Core Collection, in the report.
    Real files: amchagas/open-hardware-supply, Medline.txt (tab-delimited); elizagrames/litsearchr,
    inst/extdata/borealis/WoS_medline.txt."""
    tab = _write(tmp_path, "medline.txt",
                 "PT\tAN\tDT\tTI\tAU\tSO\tPY\tAB\tUT\tDA\n"
                 "J\t32075446\tJournal Article\tA trial of a drug.\tNadra, Alejandro D\tCritical reviews\t2020\t"
                 "We tested a drug.\tMEDLINE:32075446\t2020-04-16\n")
    plain = _write(tmp_path, "savedrecs.txt",
                   "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Nadra, AD\nTI A trial of a drug.\n"
                   "SO Critical reviews\nPY 2020\nUT MEDLINE:32075446\nER\n\nEF\n")
    for path in (tab, plain):
        table, report = read_file(path)
        assert report.database == "MEDLINE (Web of Science)"
        assert table["source_database"][0] == "MEDLINE (Web of Science)"
    core = _write(tmp_path, "core.txt", "PT\tTI\tAU\tSO\tPY\tUT\nJ\tA trial\tSmith, J\tLANCET\t2020\tWOS:000123\n")
    assert read_file(core)[1].database == "Web of Science"


def test_copyright_statement_run_into_the_abstract_start_is_dropped(tmp_path):
    """Web of Science's MEDLINE puts the record's copyright line before the abstract, run into its first sentence
    ("Copyright © 2020 Mazziotti et al.Operant conditioning is...", "© 2018 The Authors. Journal of Animal
    Ecology © 2018 British Ecological Society.Fire creates..."): the screening card opened on the publisher's
    notice, glued to the study's first word.
    Real files: amchagas/open-hardware-supply, Medline.txt; elizagrames/litsearchr, WoS_medline.txt."""
    path = _write(tmp_path, "medline.txt",
                  "PT\tTI\tAU\tSO\tPY\tAB\tUT\n"
                  "J\tA device.\tMazziotti, R\teNeuro\t2020\tCopyright © 2020 Mazziotti et al.Operant conditioning is "
                  "a classical paradigm.\tMEDLINE:32276923\n"
                  "J\tFire.\tTingley, M\tJ Anim Ecol\t2018\t© 2018 The Authors. Journal of Animal Ecology © 2018 "
                  "British Ecological Society.Fire creates challenges for wildlife.\tMEDLINE:29782655\n")
    table, _ = read_file(path)
    assert table["abstract"].tolist() == ["Operant conditioning is a classical paradigm.",
                                          "Fire creates challenges for wildlife."]
