"""Rows of the library's files kept from the last build, so a new round formats only the groups it changed.

``library.csv`` and ``units.csv`` are kept the same way (:func:`write_csv_reusing`): a CSV row written by
pandas depends only on its cells and the columns' dtypes, all of which the digest covers.

``library.ris`` is one entry per duplicate group, and an entry is a function of that group's merged record
alone (:func:`synthesis.io.export.ris_entry`). The build keeps each group's entry with a digest of the merged
record it was written from; the next build reuses an entry only when the group's id and the digest of its
merged record now are the same, and writes the others. The file is the same bytes as
:func:`~synthesis.io.export.write_ris` of the whole library.

The digest covers every column's name and dtype and every cell's value and Python type, so a changed member
record, merge rule or program that changes the merged record changes the digest: a stale entry is never
reused. (A program change that changes how the same record is written is covered by the program fingerprint
in the cache entry's name.)
"""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

import numpy as np
import pandas as pd

from . import cache as _cache

__all__ = ["row_digests", "write_ris_reusing", "write_csv_reusing"]

_MIX = np.uint64(0x100000001B3)  # FNV-1a's 64-bit prime: spreads each column's hash before the next is mixed in


def row_digests(table: pd.DataFrame) -> np.ndarray:
    """A 64-bit digest of each row's content: column names and dtypes, cell values and cell types.

    Object cells are hashed through their text (``repr`` unless a string), with their type name and whether they are missing
    hashed beside it, so ``1`` and ``"1"``, ``NaN`` and ``"nan"``, a list and the text of a list differ.
    """
    head = hashlib.sha256(repr([(str(c), str(t)) for c, t in table.dtypes.items()]).encode()).digest()
    acc = np.full(len(table), np.frombuffer(head[:8], dtype=np.uint64)[0], dtype=np.uint64)
    for col in table.columns:
        values = table[col]
        if values.dtype == object:  # lists and dicts cannot be hashed as they are: their repr is
            cells = values.to_numpy()
            texts = np.array([v if type(v) is str else repr(v) for v in cells], dtype=object)
            kinds = np.array([type(v).__name__ for v in cells], dtype=object)
            parts = [pd.util.hash_array(texts, categorize=False), pd.util.hash_array(kinds, categorize=False)]
        else:
            parts = [pd.util.hash_pandas_object(values, index=False, categorize=False).to_numpy()]
        for part in parts:
            acc = (acc ^ part) * _MIX
    return acc


def _ris_entries(table: pd.DataFrame) -> list[str]:
    """Each row's RIS entry as :func:`~synthesis.io.export.write_ris` writes it (``ER  -`` line and the blank
    line that separates it from the next entry included)."""
    from ..io.export import write_ris

    buffer = io.StringIO(newline="")
    write_ris(table, buffer)
    text = buffer.getvalue()
    # Every value is written on one line, so "ER  - " on a line of its own only ever ends an entry.
    entries = [e + "ER  - \n\n" for e in text.split("ER  - \n\n")]
    entries[-1] = entries[-1][:-len("ER  - \n\n")]  # the last entry: "... ER  - \n" with no blank line after
    if len(entries) != len(table) or not all(e.startswith("TY  - ") for e in entries):
        raise RuntimeError(f"library.ris: {len(table)} records gave {len(entries)} entries")  # a program bug
    return entries


def write_ris_reusing(library: pd.DataFrame, path, folder, program: str) -> tuple[int, list]:
    """Write ``library.ris``, reusing the last build's entry of every group whose merged record is unchanged.

    Parameters
    ----------
    library : DataFrame
        One merged record per group, with ``group_id``.
    path : path
        The file to write.
    folder : path
        The cache folder (``.synthesis-cache/rows``); it keeps one entry, replaced by each build.
    program : str
        The program's fingerprint: entries written by another version of the program are not reused.

    Returns
    -------
    (int, list)
        How many entries were reused, and notes (a damaged cache entry, written again).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    _cache.remove_leftovers(folder)
    entry = folder / f"library-ris-{hashlib.sha256(program.encode()).hexdigest()[:16]}.pkl"
    notes, kept = [], {}
    if entry.exists():
        try:
            kept = _cache.read_entry(entry)
        except _cache.DamagedEntry as exc:
            notes.append(f"the cache entry of library.ris's rows was damaged ({exc}); every row was written again")
    digests = row_digests(library)
    groups = library["group_id"].astype(str).tolist()
    texts = [None] * len(groups)
    for i, (group, digest) in enumerate(zip(groups, digests.tolist())):
        old = kept.get(group)
        if old is not None and old[0] == digest:
            texts[i] = old[1]
    todo = [i for i, t in enumerate(texts) if t is None]
    if todo:
        for i, text in zip(todo, _ris_entries(library.iloc[todo])):
            texts[i] = text
    # An entry ends with a blank line unless it is the file's last one.
    texts = [t if t.endswith("\n\n") else t + "\n" for t in texts]
    if texts:
        texts[-1] = texts[-1][:-1]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("".join(texts))
    for old in folder.glob("library-ris-*.pkl"):  # entries of other program versions are never read again
        if old != entry:
            old.unlink()
    _cache.write_entry(entry, dict(zip(groups, zip(digests.tolist(), texts))))
    return len(groups) - len(todo), notes


def _csv_rows(text: str, n: int) -> list[str]:
    """Split CSV text (``"\\n"`` line ends, quotes doubled inside quoted cells) into its ``n`` rows.

    A line break ends a row only outside quotes, that is after an even number of quote characters in the
    row so far; a break inside a quoted cell stays in its row.
    """
    rows, lines, quotes = [], [], 0
    for line in text.split("\n")[:-1]:
        lines.append(line)
        quotes += line.count('"')
        if quotes % 2 == 0:
            rows.append("\n".join(lines) + "\n")
            lines, quotes = [], 0
    if len(rows) != n or lines:
        raise RuntimeError(f"{n} rows gave {len(rows)} CSV rows")  # a program bug, never bad input
    return rows


def write_csv_reusing(table: pd.DataFrame, path, folder, name: str, program: str, key: str = "group_id"):
    """Write ``table`` as ``table.to_csv(path, index=False, lineterminator="\\n")`` would, reusing the rows
    of the last build whose ``key`` and cells are unchanged (see :func:`row_digests`).

    ``table`` holds the cells as they are written (see :func:`synthesis.io.export.csv_table`). Returns how
    many rows were reused, and notes (a damaged cache entry: every row written again).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    _cache.remove_leftovers(folder)
    entry = folder / f"{name}-{hashlib.sha256(program.encode()).hexdigest()[:16]}.pkl"
    notes, kept = [], {}
    header = table.iloc[:0].to_csv(index=False, lineterminator="\n")
    if entry.exists():
        try:
            header_then, kept = _cache.read_entry(entry)
        except _cache.DamagedEntry as exc:
            notes.append(f"the cache entry of {name}'s rows was damaged ({exc}); every row was written again")
        else:
            kept = kept if header_then == header else {}  # other columns: no row can be reused
    digests = row_digests(table).tolist()
    keys = table[key].astype(str).tolist()
    texts = [None] * len(keys)
    for i, (k, digest) in enumerate(zip(keys, digests)):
        old = kept.get(k)
        if old is not None and old[0] == digest:
            texts[i] = old[1]
    todo = [i for i, t in enumerate(texts) if t is None]
    if todo:
        batch = table.iloc[todo].to_csv(index=False, header=False, lineterminator="\n")
        for i, text in zip(todo, _csv_rows(batch, len(todo))):
            texts[i] = text
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(header)
        fh.write("".join(texts))
    for old in folder.glob(f"{name}-*.pkl"):  # entries of other program versions are never read again
        if old != entry:
            old.unlink()
    _cache.write_entry(entry, (header, dict(zip(keys, zip(digests, texts)))))
    return len(keys) - len(todo), notes
