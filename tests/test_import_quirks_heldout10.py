"""Quirks met in exports of held-out set 10 (outside ../shared): databases and tools the readers had met least
(TRID, JSTOR, Publish or Perish, a bibliometrix data frame saved as CSV). Each test holds a few lines of its own in
the export's layout; the comment names the public file that showed it."""
import pathlib


def _read(tmp_path: pathlib.Path, name: str, text: str, encoding: str = "utf-8"):
    from synthesis.io import read_file

    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return read_file(path)


def test_trid_ris_is_named_and_its_project_year_pages_and_bodies_are_read(tmp_path):
    """TRID (the Transportation Research Board's database) signs its RIS only by each record's own page among its
    links: the report named no database. A research project's year comes as "Start date: 20170812" (it had
    none), an article's pages as "pp 37-64" (kept with the "pp"), and the bodies that wrote a report are among its
    authors ("Western Michigan University" became "University, W. M.")
    (CoLRev-Environment/colrev, tests/review_manager/3_packages_search/data/trid_ris.ris)."""
    text = ("TY  - ABST\nAN  - 01600001\nTI  - Bridges that heal themselves\nPY  - Start date: 20170812\n"
            "AB  - A project.\nUR  - https://trid.trb.org/view/1000001\nER  - \n\n"
            "TY  - JOUR\nAN  - 01600002\nJO  - Journal of Roads\nAU  - Okafor, C\nTI  - Potholes in winter\n"
            "PY  - 2018/04\nVL  - 78\nSP  - pp 37-64\nUR  - https://www.example.org/article/1\n"
            "UR  - https://trid.trb.org/view/1000002\nER  - \n\n"
            "TY  - RPRT\nAN  - 01600003\nAU  - Ruiz, A\nAU  - Western Michigan University\n"
            "AU  - Federal Highway Administration\nTI  - Salt and steel\nPY  - 2019/08/23\nSP  - 146p\n"
            "UR  - https://trid.trb.org/view/1000003\nER  - \n")
    records, report = _read(tmp_path, "trid.ris", text)
    assert report.database == "TRID"
    assert records["year"].tolist() == [2017, 2018, 2019]
    assert records["pages"].tolist() == ["", "37-64", "146p"]  # (146p: a report's number of pages, as written)
    assert records["authors"][2] == ["Ruiz, A.", "Western Michigan University", "Federal Highway Administration"]
    assert records["source_id"].tolist() == ["01600001", "01600002", "01600003"]


def test_jstor_ris_record_has_its_stable_id(tmp_path):
    """JSTOR's RIS has no accession number: its id is in the item's stable address, which was left unread, so
    every JSTOR record had no source id (colrev, tests/review_manager/3_packages_search/data/jstor_ris.ris). A
    record of another database that links its JSTOR copy keeps its own id (none here)."""
    text = ("Provider: JSTOR http://www.jstor.org\nDatabase: JSTOR\nContent: text/plain; charset=\"UTF-8\"\n\n\n"
            "TY  - JOUR\nTI  - Rivers of the north\nAU  - Okafor, Chidi\nDB  - JSTOR\nPY  - 2016\nSP  - 30\nEP  - 33\n"
            "T2  - River Studies\nUR  - http://www.jstor.org/stable/40000001\nER  - \n\n\n\n\n"
            "Provider: JSTOR http://www.jstor.org\nDatabase: JSTOR\nContent: text/plain; charset=\"UTF-8\"\n\n\n"
            "TY  - CHAP\nTI  - Deltas\nAU  - Ruiz, Ana\nDB  - JSTOR\nPY  - 2019\nT2  - Water Worlds\n"
            "UR  - http://www.jstor.org/stable/j.ctv1000002.9\nER  - \n")
    records, report = _read(tmp_path, "jstor.ris", text)
    assert report.database == "JSTOR"
    assert records["source_id"].tolist() == ["40000001", "j.ctv1000002.9"]
    other = ("TY  - JOUR\nTI  - Rivers of the north\nDB  - Scopus\nPY  - 2016\n"
             "UR  - http://www.jstor.org/stable/40000001\nER  - \n")
    records, _ = _read(tmp_path, "other.ris", other)
    assert records["source_id"].tolist() == [""]