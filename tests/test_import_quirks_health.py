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


def test_central_abstract_thin_spaces_around_a_sign_are_spaces_again(tmp_path):
    """CENTRAL abstracts taken from Embase write the thin spaces around a comparison sign as question marks
    ("a clinical scale?<?2", "(P?<?0.03)"); the reviewer read "P?<?0.03". A question mark elsewhere stays.
    Real file: ferenci-tamas/FavipiravirMetaAnalysis, Cochrane.ris (record CN-02386271)."""
    path = _write(tmp_path, "cochrane.ris",
                  "TY  -  JOUR\nAN  -  CN-00000002\nA1  -  Roe, B\nT1  -  A pilot trial\nPY  -  2022\n"
                  "N2  -  Patients with a clinical scale?<?2 did not differ. Platelets were higher (P?<?0.03). "
                  "Was it safe? Yes.\nER  -  \n")
    table, _ = read_file(path)
    assert table["abstract"][0] == ("Patients with a clinical scale < 2 did not differ. Platelets were higher "
                                    "(P < 0.03). Was it safe? Yes.")
