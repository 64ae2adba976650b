"""The build's large tables, written again only where their rows changed.

After a new search round most rows of ``library.csv``, ``library.ris`` and ``units.csv`` are the last build's.
The cache (``.synthesis-cache/rows/``) keeps, for each of these files, a hash of every row's values, the length
of its text and the checksum of the whole file; the next build copies the text of each row whose hash it
finds from the last build's file (when that file is still the one written) and formats only the rows that
are new or changed. The file holds the same bytes as one written whole (the tests compare them): a row's text
depends on that row alone in these formats (a CSV cell is quoted and neutralised by its own content, a RIS
entry is its own lines). The hash sees the values as they are written (lists and dicts as their ``str``), a
missing value apart from the text "nan", and a table whose columns, column types or program changed takes
nothing from the last build.

Examples
--------
>>> import tempfile, pathlib, pandas as pd
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> table = pd.DataFrame({"group_id": ["g1", "g2"], "title": ["A trial", "=1+1"]})
>>> write_csv_rows(table, folder / "units.csv", folder / "units.pkl")
[]
>>> print((folder / "units.csv").read_text())
group_id,title
g1,A trial
g2,'=1+1
<BLANKLINE>
"""
from __future__ import annotations

import hashlib
import io
import os
import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from . import cache as _cache
from .manifest import program_fingerprint

ROWS = "rows"  # the cache's folder of kept rows

# SipHash (pandas' hash of text) with the project's own key; a row's key mixes those of its cells.
_HASH_KEY = "synthesis-rows-1"


def row_keys(table: pd.DataFrame) -> list[int]:
    """One 64-bit key per row of ``table`` from its values: a cell that is missing differs from the text
    ``"nan"``, and a value that is not text (a list, a dict, a number in a text column) is hashed as its
    ``str``, which writes a list or a dict of texts exactly.

    64 bits: that a new or changed row is taken for another row is less than one chance in a billion in a
    rebuild of 100,000 records (about n^2 / 2^65).
    """
    combined = np.zeros(len(table), dtype=np.uint64)
    for name in table.columns:
        column = table[name].reset_index(drop=True)
        if column.dtype == object:  # pandas hashes only text and missing values in an object column
            column = pd.Series([v if v.__class__ is str or v is None or v is pd.NA or (isinstance(v, float) and v != v)
                                else str(v) for v in column], dtype=object)
        hashed = pd.util.hash_pandas_object(column, index=False, hash_key=_HASH_KEY, categorize=False)
        # order matters (a value moved to the next column is another row): multiply, then mix in
        combined = combined * np.uint64(1_000_003) ^ hashed.to_numpy(dtype=np.uint64) \
            ^ column.isna().to_numpy(dtype=np.uint64)
    return combined.tolist()


def table_signature(kind: str, table: pd.DataFrame) -> str:
    """What a kept row's text depends on besides its values: the format, the columns and their types, the
    program (a change in how a value is written)."""
    columns = "\n".join(f"{name}\t{dtype}" for name, dtype in table.dtypes.astype(str).items())
    return hashlib.sha256(f"{kind}\n{program_fingerprint()}\n{columns}".encode()).hexdigest()


def write_rows(path, head: str, keys: list, format_rows, index, previous=None, signature: str = "",
               sep: str = "") -> list[str]:
    """Write ``head`` and one row per key, joined by ``sep``, taking the rows the last build wrote from its
    file ``previous``; the others are made by ``format_rows(positions)`` (UTF-8 bytes, one per position).

    The cache entry ``index`` holds what the last build wrote: each row's key and length, and the checksum of
    the whole file, so rows are taken from ``previous`` only when it is still that file (not edited, not
    from another build); otherwise every row is formatted. Returns notes: a damaged cache entry, which only
    means that every row is formatted again.
    """
    index, notes, kept = Path(index), [], {}
    data = stored = checked = None
    if index.exists() and previous is not None and Path(previous).is_file():
        try:
            stored = _cache.read_entry(index)
        except _cache.DamagedEntry as exc:
            stored = None
            notes.append(f"the cache entry of {Path(path).name}'s rows was damaged ({exc}); every row was "
                         f"written again")
        if isinstance(stored, dict) and stored.get("signature") == signature:
            data = Path(previous).read_bytes()
            checked = hashlib.sha256(data)
            if checked.hexdigest() == stored["sha256"]:  # rows as bytes: nothing decoded
                view, start, step = memoryview(data), stored["head"], len(sep.encode())
                for key, length in zip(stored["keys"], stored["lengths"]):
                    kept[key] = view[start:start + length]
                    start += length + step
    todo = [k for k, key in enumerate(keys) if key not in kept]
    head = head.encode("utf-8")
    done = len(stored["keys"]) if kept else 0
    if done and keys[:done] == stored["keys"] and data[:stored["head"]] == head:
        return notes + _append(path, data, checked, keys, done, format_rows, todo, kept, index, stored, sep,
                               previous)
    _format(path, keys, todo, format_rows, kept)
    rows = [kept[key] for key in keys]
    body = sep.encode().join(rows)
    with open(path, "wb") as fh:
        fh.write(head)
        fh.write(body)
    checksum = hashlib.sha256(head)
    checksum.update(body)
    _keep_index(index, signature, checksum, len(head), keys, [len(row) for row in rows], path)
    return notes


def _format(path, keys: list, todo: list, format_rows, kept: dict) -> None:
    """The rows at positions ``todo`` formatted, added to ``kept`` under their keys."""
    made = format_rows(todo) if todo else []
    if len(made) != len(todo):
        raise RuntimeError(f"{Path(path).name}: {len(made)} rows formatted for {len(todo)} records")
    kept.update(zip((keys[k] for k in todo), made))


def _keep_index(index: Path, signature: str, checksum, head: int, keys: list, lengths: list, path) -> None:
    """The cache entry describing the file just written: each row's key and length, the whole file's checksum,
    and the file's size and modification time (see :func:`written_checksums`)."""
    index.parent.mkdir(parents=True, exist_ok=True)
    _cache.remove_leftovers(index.parent)
    stat = os.stat(path)
    _cache.write_entry(index, {"signature": signature, "sha256": checksum.hexdigest(), "head": head, "keys": keys,
                               "lengths": lengths, "stat": [stat.st_size, stat.st_mtime_ns]})


def written_checksums(folder: Path, out: Path) -> dict[str, str]:
    """``{file name: SHA-256}`` of the files in ``out`` that :func:`write_rows` wrote, as it indexed them in
    ``folder`` (an index ``records.csv.pkl`` describes ``records.csv``), and that are still as it wrote them:
    their checksum was taken while they were written, so the manifest need not read them again."""
    known = {}
    for index in sorted(Path(folder).rglob("*.pkl")):
        path = Path(out) / index.stem
        try:
            stat = path.stat()
            stored = _cache.read_entry(index)
        except (OSError, _cache.DamagedEntry):
            continue
        if isinstance(stored, dict) and stored.get("stat") == [stat.st_size, stat.st_mtime_ns]:
            known[index.stem] = stored["sha256"]
    return known


def _append(path, data: bytes, checked, keys: list, done: int, format_rows, todo: list, kept: dict, index,
            stored: dict, sep: str, previous) -> list[str]:
    """:func:`write_rows` where the file starts with every row of the last one, in its order, under the same head
    (a rebuild after screening decisions: all of ``records.csv`` and ``units.csv``; after a new round, the earlier
    rounds' part of ``records.csv``): the last file's bytes (checked against the cache entry: ``checked`` is their
    hash) and the rows after them. Nothing is joined or hashed twice; an unchanged file keeps its cache entry."""
    rest = keys[done:]
    if not rest:
        with open(path, "wb") as fh:
            fh.write(data)
        # the last file's bytes, with its time: the cache entry (its size, time and checksum) describes it still
        shutil.copystat(previous, path)
        return []
    _format(path, keys, todo, format_rows, kept)
    rows = [kept[key] for key in rest]
    tail = sep.encode().join([b""] + rows if sep else rows)  # (a separator between the last file and them)
    with open(path, "wb") as fh:
        fh.write(data)
        fh.write(tail)
    checked = checked.copy()
    checked.update(tail)
    _keep_index(index, stored["signature"], checked, stored["head"], keys,
                list(stored["lengths"]) + [len(row) for row in rows], path)
    return []


def csv_rows(text: str) -> list[bytes]:
    """The rows of CSV text (``"\\n"`` line ends) as UTF-8 bytes, each with its line end. A quoted cell may hold
    line breaks: a row ends at the first line end after which the double quotes seen so far are even (a quote
    in a cell is written doubled)."""
    rows, pending, quotes = [], [], 0
    for line in text.split("\n")[:-1]:
        pending.append(line)
        quotes += line.count('"')
        if quotes % 2 == 0:
            rows.append(("\n".join(pending) + "\n").encode("utf-8"))
            pending, quotes = [], 0
    return rows


def ris_entries_of(text: str) -> list[bytes]:
    """The entries of RIS text as UTF-8 bytes, each with its line end; entries are separated by a blank line
    (the only one: no value holds a line break, and empty values are not written)."""
    if not text:
        return []
    return [(part if part.endswith("\n") else part + "\n").encode("utf-8") for part in text.split("\n\n")]


def write_csv_rows(cells: pd.DataFrame, path, index, previous=None, keys=None, make_cells=None) -> list[str]:
    """Write ``cells`` (a table as written: text and numbers) as neutralised CSV, the bytes of
    ``DataFrame.to_csv`` and :func:`synthesis.io.safe.neutralise_csv_text`, taking the rows the last build
    wrote from its file ``previous`` (see :func:`write_rows`).

    ``keys`` and ``make_cells``: the rows' keys and a function making the cells of some rows, for a table
    whose conversion to cells is costly (only rows not kept are converted). Returns notes.
    """
    from ..io.safe import neutralise_csv_text

    cells = cells.reset_index(drop=True)
    make_cells = make_cells or (lambda positions: cells.iloc[positions])

    def format_rows(positions):
        buffer = io.StringIO()
        make_cells(positions).to_csv(buffer, index=False, header=False, lineterminator="\n")
        return csv_rows(neutralise_csv_text(buffer.getvalue()))

    head = make_cells([]).to_csv(index=False, lineterminator="\n")
    keys = row_keys(cells) if keys is None else keys
    return write_rows(path, head, keys, format_rows, index, previous, table_signature("csv", cells))


def write_library(library: pd.DataFrame, out: Path, folder: Path, previous: Path | None = None) -> list[str]:
    """``library.csv`` (neutralised) and ``library.ris`` of the merged library into ``out``, taking unchanged
    rows from the files of the same names in ``previous`` (the last build's output) as ``folder`` indexes them.

    Both files are made from the library's rows alone, so one key per row serves both (lists and ``raw``
    hashed as their ``str``, which tells ``["A; B"]`` from ``["A", "B"]``); only rows not kept are converted.
    """
    from ..io.export import csv_cells, ris_text

    library = library.reset_index(drop=True)
    keys = row_keys(library)

    def format_entries(positions):
        return ris_entries_of(ris_text(library.iloc[positions]))

    before = (lambda name: None) if previous is None else (lambda name: Path(previous) / name)
    notes = write_csv_rows(library, out / "library.csv", folder / "library.csv.pkl", before("library.csv"),
                           keys=keys, make_cells=lambda positions: csv_cells(library.iloc[positions]))
    notes += write_rows(out / "library.ris", "", keys, format_entries, folder / "library.ris.pkl",
                        before("library.ris"), table_signature("ris", library), sep="\n")
    return notes
