"""The record table: the quick path for readers' exact rows gives what value-by-value coercion gives."""
import pandas as pd
import pytest

from synthesis.records import _coerced_columns, _exact_columns, make_record_table

ROW = {"source_file": "data\\a.ris", "source_index": 1, "source_database": "Scopus", "source_id": "2-s2.0-1",
       "type": "JOUR", "title": "A trial", "authors": ["Smith, J."], "year": 2020, "journal": "J", "volume": "1",
       "issue": "2", "pages": "3-4", "doi": "10.1/x", "pmid": "", "isbn_issn": "", "abstract": "Text.",
       "keywords": ["fire"], "url": "", "language": "", "raw": {"TI": "A trial"}}


def _both(rows):
    quick = _exact_columns(rows)
    assert quick is not None  # these rows must take the quick path
    frame = lambda cols: pd.DataFrame(cols)[sorted(cols)]  # noqa: E731
    pd.testing.assert_frame_equal(frame(quick), frame(_coerced_columns(rows)))
    return quick


def test_quick_path_equals_coercion_on_exact_rows():
    rows = [dict(ROW), dict(ROW, source_index=2, year=None, authors=[], keywords=[], title="")]
    cols = _both(rows)
    assert cols["source_file"] == ["data/a.ris", "data/a.ris"]  # separators made posix, as coercion does
    assert cols["authors"][0] == rows[0]["authors"] and cols["authors"][0] is not rows[0]["authors"]  # copies


@pytest.mark.parametrize("change", [{"year": "2020"}, {"authors": "Smith, J."}, {"title": None},
                                    {"record_id": "rX"}, {"source_index": True}, {"raw": None}])
def test_rows_that_are_not_exact_take_the_coercing_path(change):
    rows = [dict(ROW), dict(dict(ROW, source_index=2), **change)]
    assert _exact_columns(rows) is None
    table = make_record_table(rows)
    assert len(table) == 2 and table.loc[0, "title"] == "A trial"


def test_missing_column_takes_the_coercing_path():
    row = dict(ROW)
    del row["language"]
    assert _exact_columns([row]) is None
    assert make_record_table([row]).loc[0, "language"] == ""


def test_real_file_quick_path(shared_data):
    from synthesis.io import read_file

    table, _ = read_file(shared_data / "imports/ris/ASySD__ris_export.txt")
    rows = table.drop(columns=["record_id"]).to_dict("records")
    for r in rows:
        r["year"] = None if pd.isna(r["year"]) else int(r["year"])
    _both(rows)
    pd.testing.assert_frame_equal(make_record_table(rows), table)
