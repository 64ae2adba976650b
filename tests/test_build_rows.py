"""The large tables a rebuild writes again only where rows changed (synthesis.build.rows).

Every file is compared byte for byte with the same table written whole, before and after rows change; the
number of rows formatted again shows that the others were taken from the last build's file.
"""
from __future__ import annotations

import io
import math

import pandas as pd
import pytest

from synthesis.build.rows import row_keys, write_csv_rows, write_library
from synthesis.dedup import deduplicate
from synthesis.dedup.evaluate import load_labelled_set
from synthesis.io.export import write_csv, write_ris
from synthesis.io.safe import neutralise_csv_file, neutralise_csv_text


def _whole(cells: pd.DataFrame) -> bytes:
    """The CSV as the build wrote it before: the whole table, then neutralised as text."""
    buffer = io.StringIO()
    cells.to_csv(buffer, index=False, lineterminator="\n")
    return neutralise_csv_text(buffer.getvalue()).encode("utf-8")


def _counting(cells: pd.DataFrame, formatted: list):
    def make_cells(positions):
        formatted.extend(positions)
        return cells.iloc[positions]
    return make_cells


TRICKY = pd.DataFrame({
    "group_id": ["g1", "g2", "g3", "g4", "g5", "g6"],
    "title": ["A trial", 'He said "no", twice', "two\nlines, with a comma", "=HYPERLINK(\"x\")", "nan", None],
    "year": [2020, 2021, None, 1999, 2000, 2001],
    "authors": ["Smith, J.; Doe, A.", "", "Ünal, Ç.", "-2+3", "@sum", "Li, X."],
    "score": [0.5, 1.0, math.nan, 2.25, 1e-7, 3.0],
})


def test_csv_rows_are_the_bytes_of_the_whole_table_before_and_after_rows_change(tmp_path):
    index, first, second = tmp_path / "index.pkl", tmp_path / "first.csv", tmp_path / "second.csv"
    formatted: list = []
    write_csv_rows(TRICKY, first, index, make_cells=_counting(TRICKY, formatted))
    assert first.read_bytes() == _whole(TRICKY)
    assert sorted(formatted) == list(range(6))

    changed = TRICKY.copy()
    changed.loc[1, "title"] = 'He said "yes"'  # one cell changed
    changed.loc[5, "title"] = "nan"  # missing -> the text "nan": another row
    changed = pd.concat([changed.iloc[[3, 0, 2, 1, 5]],  # reordered, g5 dropped, a new row
                         pd.DataFrame({"group_id": ["g7"], "title": ["+new"], "year": [2030], "authors": ["X"],
                                       "score": [0.1]})], ignore_index=True)
    formatted.clear()
    write_csv_rows(changed, second, index, previous=first, make_cells=_counting(changed, formatted))
    assert second.read_bytes() == _whole(changed)
    # only g2 (changed), g6 (missing -> "nan") and g7 (new) were formatted; the others came from first.csv
    assert sorted(changed["group_id"][formatted]) == ["g2", "g6", "g7"]


def test_an_unchanged_table_is_the_last_file_as_it_is(tmp_path, monkeypatch):
    """A rebuild after screening decisions writes records.csv (176 MB on the living map) with every row the last
    build's, in its order: the last file's bytes are written as they are, without joining its rows again or hashing
    the result, and the cache entry (which describes them already) is left alone. The same rows in another order
    are joined as before."""
    index, first, second, third = (tmp_path / n for n in ("index.pkl", "first.csv", "second.csv", "third.csv"))
    write_csv_rows(TRICKY, first, index)
    import synthesis.build.rows as rows

    written, write_entry = [], rows._cache.write_entry
    monkeypatch.setattr(rows._cache, "write_entry", lambda *a: written.append(a[0]) or write_entry(*a))
    formatted: list = []
    write_csv_rows(TRICKY, second, index, previous=first, make_cells=_counting(TRICKY, formatted))
    assert second.read_bytes() == first.read_bytes() == _whole(TRICKY) and formatted == [] and written == []
    reordered = TRICKY.iloc[::-1].reset_index(drop=True)
    write_csv_rows(reordered, third, index, previous=second, make_cells=_counting(reordered, formatted))
    assert third.read_bytes() == _whole(reordered) and formatted == [] and written == [index]


@pytest.mark.parametrize("sep", ["", "\n"])
def test_rows_added_after_the_last_file_are_appended_to_it(tmp_path, sep):
    """After a new search round, records.csv is the last one with the round's rows after it: those are appended to
    the last file's bytes (its hash continued, not taken again); the file and its cache entry are those of a
    whole write, so the next build takes every row from it. RIS entries are separated by a blank line (sep)."""
    from synthesis.build.rows import write_rows

    def fmt(values):
        return lambda positions: [f"row {values[k]}\n".encode() for k in positions]

    index = tmp_path / "index.pkl"
    first, second, third, whole = (tmp_path / f"{n}.txt" for n in ("first", "second", "third", "whole"))
    write_rows(first, "head\n", [1, 2, 3], fmt([1, 2, 3]), index, sep=sep)
    asked: list = []

    def counting(values):
        return lambda positions: asked.extend(positions) or fmt(values)(positions)

    write_rows(second, "head\n", [1, 2, 3, 4, 5], counting([1, 2, 3, 4, 5]), index, previous=first, sep=sep)
    write_rows(whole, "head\n", [1, 2, 3, 4, 5], fmt([1, 2, 3, 4, 5]), tmp_path / "other.pkl", sep=sep)
    assert second.read_bytes() == whole.read_bytes() and asked == [3, 4]
    asked.clear()
    write_rows(third, "head\n", [1, 2, 3, 4, 5], counting([1, 2, 3, 4, 5]), index, previous=second, sep=sep)
    assert third.read_bytes() == whole.read_bytes() and asked == []  # the entry describes the appended file


def test_an_edited_or_missing_last_file_gives_nothing_to_take_over(tmp_path):
    index, first, second = tmp_path / "index.pkl", tmp_path / "first.csv", tmp_path / "second.csv"
    write_csv_rows(TRICKY, first, index)
    first.write_bytes(first.read_bytes().replace(b"A trial", b"A trail"))  # edited by hand after the build
    formatted: list = []
    write_csv_rows(TRICKY, second, index, previous=first, make_cells=_counting(TRICKY, formatted))
    assert second.read_bytes() == _whole(TRICKY) and len(formatted) == 6
    formatted.clear()
    write_csv_rows(TRICKY, first, index, previous=tmp_path / "gone.csv", make_cells=_counting(TRICKY, formatted))
    assert first.read_bytes() == _whole(TRICKY) and len(formatted) == 6


def test_a_damaged_index_is_reported_and_every_row_written(tmp_path):
    index, first, second = tmp_path / "index.pkl", tmp_path / "first.csv", tmp_path / "second.csv"
    write_csv_rows(TRICKY, first, index)
    index.write_bytes(index.read_bytes()[:-20])
    notes = write_csv_rows(TRICKY, second, index, previous=first)
    assert len(notes) == 1 and "second.csv's rows was damaged" in notes[0]
    assert second.read_bytes() == _whole(TRICKY)


def test_other_column_types_take_nothing_from_the_last_build(tmp_path):
    index, first, second = tmp_path / "index.pkl", tmp_path / "first.csv", tmp_path / "second.csv"
    whole_years = TRICKY.assign(year=[2020, 2021, 2022, 1999, 2000, 2001])
    write_csv_rows(whole_years, first, index)
    as_float = whole_years.assign(year=whole_years["year"].astype(float))  # 2020 is written 2020.0
    formatted: list = []
    write_csv_rows(as_float, second, index, previous=first, make_cells=_counting(as_float, formatted))
    assert second.read_bytes() == _whole(as_float) and len(formatted) == 6


@pytest.mark.parametrize("a, b", [
    ({"authors": [["A; B"]]}, {"authors": [["A", "B"]]}),  # the same text in a CSV cell, not in RIS
    ({"title": [None]}, {"title": ["nan"]}),
    ({"title": ["x"], "journal": ["y"]}, {"title": ["y"], "journal": ["x"]}),
    ({"raw": [{"TI": "A"}]}, {"raw": [{"TI": "B"}]}),
])
def test_rows_that_are_written_differently_have_different_keys(a, b):
    assert row_keys(pd.DataFrame(a)) != row_keys(pd.DataFrame(b))


def test_any_missing_value_in_a_column_of_objects_has_a_key(tmp_path):
    # pandas' own missing value among lists (an object column built from nullable types) has no truth value
    table = pd.DataFrame({"group_id": ["g1", "g2", "g3"], "keywords": pd.Series([["a"], pd.NA, None], dtype=object)})
    keys = row_keys(table)
    assert len(set(keys)) == 3 and keys == row_keys(table.copy())


@pytest.mark.filterwarnings("ignore::synthesis.dedup.DedupWarning")
def test_the_library_files_of_a_real_set_are_those_written_whole(tmp_path, shared_data, monkeypatch):
    records, _ = load_labelled_set(shared_data / "dedup" / "rathbone_cytology")
    library = deduplicate(records, progress=False).library
    folder, first, second = tmp_path / "cache", tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()

    def whole(table, into):
        write_csv(table, into / "library.csv", neutralise=False)
        neutralise_csv_file(into / "library.csv")
        write_ris(table, into / "library.ris")
        return (into / "library.csv").read_bytes(), (into / "library.ris").read_bytes()

    write_library(library, first, folder)
    expected = whole(library, tmp_path)
    assert ((first / "library.csv").read_bytes(), (first / "library.ris").read_bytes()) == expected

    changed = library.drop(index=library.index[10:20]).copy()
    changed.loc[changed.index[0], "title"] = "A title corrected by a new export"
    changed.loc[changed.index[1], "authors"] = ["Another, A.", "Author, B."]
    import synthesis.io.export as export

    formatted = []
    for name in ("csv_cells", "ris_text"):  # count the rows each file formats
        def counted(table, _real=getattr(export, name)):
            formatted.append(len(table))
            return _real(table)
        monkeypatch.setattr(export, name, counted)
    write_library(changed, second, folder, previous=first)
    monkeypatch.undo()
    assert formatted == [0, 2, 2]  # the header's cells, then the two changed rows for each file
    expected = whole(changed, tmp_path)
    assert ((second / "library.csv").read_bytes(), (second / "library.ris").read_bytes()) == expected
