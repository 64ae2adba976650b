"""library.ris rows kept from the last build: reused only for a group whose merged record is unchanged."""
from __future__ import annotations

import io
import warnings

import numpy as np
import pandas as pd
import pytest

from synthesis.build.rows import row_digests, write_ris_reusing
from synthesis.dedup import deduplicate
from synthesis.dedup.evaluate import load_labelled_set
from synthesis.io.export import write_ris


def _library(shared_data):
    folder = shared_data / "dedup" / "rathbone_cytology"
    if not folder.is_dir():
        pytest.skip(f"{folder} not found")
    records, _ = load_labelled_set(folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return deduplicate(records).library


def _ris(table) -> str:
    buffer = io.StringIO(newline="")
    write_ris(table, buffer)
    return buffer.getvalue()


def test_reused_rows_give_the_file_written_from_scratch(shared_data, tmp_path):
    library = _library(shared_data)
    cache = tmp_path / "rows"
    reused, notes = write_ris_reusing(library, tmp_path / "a.ris", cache, "program 1")
    assert reused == 0 and not notes
    assert (tmp_path / "a.ris").read_text(encoding="utf-8") == _ris(library)
    reused, _ = write_ris_reusing(library, tmp_path / "b.ris", cache, "program 1")
    assert reused == len(library)
    assert (tmp_path / "b.ris").read_bytes() == (tmp_path / "a.ris").read_bytes()


def test_a_changed_member_invalidates_its_row(shared_data, tmp_path):
    library = _library(shared_data)
    cache = tmp_path / "rows"
    write_ris_reusing(library, tmp_path / "a.ris", cache, "program 1")
    changed = library.copy()
    k = len(changed) // 2  # a member record of this group was corrected: its merged title changes
    changed.loc[changed.index[k], "title"] = str(changed["title"].iat[k]) + " (corrected)"
    changed = changed.drop(index=changed.index[-1])  # and the last group merged into another one
    reused, _ = write_ris_reusing(changed, tmp_path / "b.ris", cache, "program 1")
    assert reused == len(changed) - 1
    text = (tmp_path / "b.ris").read_text(encoding="utf-8")
    assert text == _ris(changed) and "(corrected)" in text
    # another version of the program reuses nothing
    reused, _ = write_ris_reusing(changed, tmp_path / "c.ris", cache, "program 2")
    assert reused == 0 and (tmp_path / "c.ris").read_text(encoding="utf-8") == text


def test_digests_tell_apart_values_with_the_same_text():
    table = pd.DataFrame({"a": [1, "1", np.nan, "nan", ["x"], "['x']"]}, dtype=object)
    assert len(set(row_digests(table).tolist())) == len(table)
    renamed = table.rename(columns={"a": "b"})
    assert not set(row_digests(renamed).tolist()) & set(row_digests(table).tolist())


def test_a_damaged_cache_entry_is_a_note_and_rows_are_written_again(shared_data, tmp_path):
    library = _library(shared_data)
    cache = tmp_path / "rows"
    write_ris_reusing(library, tmp_path / "a.ris", cache, "program 1")
    entry, = cache.glob("*.pkl")
    entry.write_bytes(entry.read_bytes()[:-10])
    reused, notes = write_ris_reusing(library, tmp_path / "b.ris", cache, "program 1")
    assert reused == 0 and "damaged" in notes[0]
    assert (tmp_path / "b.ris").read_bytes() == (tmp_path / "a.ris").read_bytes()


def test_csv_rows_reused_only_when_unchanged(shared_data, tmp_path):
    from synthesis.build.rows import write_csv_reusing
    from synthesis.io.export import csv_table

    table = csv_table(_library(shared_data), neutralise=False)
    k = len(table) // 3  # a cell with quotes and line breaks stays one row
    table.loc[table.index[k], "abstract"] = 'a "quoted"\nline, and\r\nmore'
    expected = table.to_csv(index=False, lineterminator="\n")
    cache = tmp_path / "rows"
    assert write_csv_reusing(table, tmp_path / "a.csv", cache, "library-csv", "p")[0] == 0
    assert (tmp_path / "a.csv").read_bytes().decode("utf-8") == expected
    changed = table.copy()
    changed.loc[changed.index[k + 1], "title"] = "A corrected title"
    reused, _ = write_csv_reusing(changed, tmp_path / "b.csv", cache, "library-csv", "p")
    assert reused == len(changed) - 1
    assert (tmp_path / "b.csv").read_bytes().decode("utf-8") == changed.to_csv(index=False,
                                                                                          lineterminator="\n")
    # another column: nothing reused, and the file is still what pandas writes
    wider = changed.assign(note="x")
    assert write_csv_reusing(wider, tmp_path / "c.csv", cache, "library-csv", "p")[0] == 0
    assert (tmp_path / "c.csv").read_bytes().decode("utf-8") == wider.to_csv(index=False,
                                                                                        lineterminator="\n")
