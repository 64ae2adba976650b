"""The unit table screening works on: one row per duplicate group, keyed by ``group_id``.

Columns: ``group_id`` (stable across re-import and re-deduplication of the same exports), ``title``,
``authors`` (list), ``year``, ``journal``, ``abstract``, ``doi``. Deduplication produces it; before
deduplication (or in tests) :func:`units_from_records` makes one group per record.

Examples
--------
>>> units = make_unit_table([{"group_id": "g1", "title": "A trial", "authors": "Smith, J.; Lee, K."}])
>>> units.loc[0, "authors"]
['Smith, J.', 'Lee, K.']
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..io.export import LIST_SEPARATOR
from .log import rekey_joined
from .settings import ScreeningError

UNIT_COLUMNS = ["group_id", "title", "authors", "year", "journal", "abstract", "doi"]
#: Columns of a unit table that hold lists (the ones after ``authors`` come with deduplication).
UNIT_LIST_COLUMNS = ("authors", "keywords", "member_ids", "source_files", "source_databases")


def _authors(value) -> list:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    if isinstance(value, str):
        sep = ";" if ";" in value else (" and " if " and " in value else None)
        parts = value.split(sep) if sep else [value]
        return [p.strip() for p in parts if p.strip()]
    try:  # (a list of names, as deduplication gives them: the usual case, looked at in C)
        return list(filter(str.strip, value))
    except TypeError:  # something else in the list (a number): as text
        return [v for v in map(str, value) if v.strip()]


def make_unit_table(data, key: str = "group_id") -> pd.DataFrame:
    """A unit table from a DataFrame or dicts: missing columns filled, authors as lists, keys as text.

    Raises :class:`ScreeningError` when the key column is missing, empty or not unique.
    """
    df = pd.DataFrame(data).copy() if not isinstance(data, pd.DataFrame) else data.copy()
    if key != "group_id":
        df = df.rename(columns={key: "group_id"})
    if "group_id" not in df.columns:
        raise ScreeningError("the unit table has no 'group_id' column (one row per duplicate group)")
    df["group_id"] = df["group_id"].astype(str)
    blank = df["group_id"].str.strip().isin(["", "nan", "None", "<NA>"])
    if blank.any():
        raise ScreeningError(f"the unit table has {int(blank.sum())} row(s) without a group_id "
                             f"(first at row {int(blank.idxmax()) + 1})")
    dup = df["group_id"].duplicated()
    if dup.any():
        raise ScreeningError(f"group_id {df.loc[dup.idxmax(), 'group_id']!r} occurs more than once in the unit table")
    for c in ("title", "journal", "abstract", "doi"):
        if c not in df.columns:
            df[c] = ""
        df[c] = df[c].astype(object).where(df[c].notna(), "").astype(str)
    df["authors"] = ([_authors(v) for v in df["authors"].tolist()] if "authors" in df.columns
                     else [[] for _ in range(len(df))])
    if "year" not in df.columns:
        df["year"] = pd.NA
    df["year"] = pd.to_numeric(df["year"], errors="coerce").astype("Int64")
    extra = [c for c in df.columns if c not in UNIT_COLUMNS]
    return df[UNIT_COLUMNS + extra].reset_index(drop=True)


_ID = re.compile(r"[\w-]+")


def joined_groups(unknown, units: pd.DataFrame) -> dict:
    """``{old group id: current group id}`` for decided group ids no longer in the unit table whose key record
    is a member of a current group.

    A group's id is "g" + the id of its key record (see :mod:`synthesis.dedup.pipeline`); when a person's
    "duplicate" verdict joins two groups, one id lives on and the other's key record is a member of the joined
    group, which is where the decisions made on it belong (the build, the widget and the counts read them so).

    >>> units = make_unit_table([{"group_id": "g2", "member_ids": "['r1', 'r2']"}])
    >>> joined_groups({"g1", "g9"}, units)
    {'g1': 'g2'}
    """
    if not unknown or "member_ids" not in units.columns:
        return {}
    wanted = {"r" + key[1:]: key for key in unknown if key.startswith("g")}
    out = {}
    for gid, members in zip(units["group_id"], units["member_ids"]):
        # a list (deduplication, output/units.csv read back), or text ("r1; r2", "['r1', 'r2']")
        for rid in (_ID.findall(members) if isinstance(members, str) else members if isinstance(members, list)
                    else ()):
            if rid in wanted:
                out[wanted[rid]] = str(gid)
    return out


def apply_joined_groups(reading, units: pd.DataFrame) -> dict:
    """Move the decisions in ``reading`` (a :class:`~synthesis.screening.log.LogReading`) on groups that a
    "duplicate" verdict joined to another to the joined group, as the build, the widget and ``synthesis
    screening status`` all count them; returns the ``{old group id: current group id}`` map used."""
    joined = joined_groups({e.key for e in reading.entries} - set(units["group_id"].astype(str)), units)
    rekey_joined(reading, joined)
    return joined


def units_from_records(records: pd.DataFrame) -> pd.DataFrame:
    """One group per record (``group_id`` = ``record_id``): screening without deduplication."""
    return make_unit_table(records.rename(columns={"record_id": "group_id"}))


def read_unit_table(path) -> pd.DataFrame:
    """Read a unit table from CSV (authors separated by ``;``)."""
    path = Path(path)
    try:
        from ..io.safe import restore_table

        df = restore_table(pd.read_csv(path, dtype={"group_id": str}, keep_default_na=False))
        for column in UNIT_LIST_COLUMNS[1:]:  # (authors: make_unit_table splits them)
            if column in df.columns:
                df[column] = [_listed(v) for v in df[column].tolist()]
    except FileNotFoundError:
        # Deduplicating in notebook 1 writes no file; the build does (notebook 2 reads output/units.csv).
        raise ScreeningError(f"{path}: unit table not found; run `make build` (synthesis build) first, which "
                             "writes output/units.csv, or make one with syn.make_screening_table") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:  # not a table we wrote
        raise ScreeningError(f"{path}: not a unit table ({str(exc).splitlines()[0][:120]}); give output/units.csv, "
                             "which the build writes") from None
    try:
        return make_unit_table(df)
    except ScreeningError as e:
        raise ScreeningError(f"{path}: {e}") from None


def write_unit_table(units: pd.DataFrame, path) -> Path:
    """Write a unit table as CSV, authors joined with ``"; "``, no cell a spreadsheet would run as a formula
    (:func:`read_unit_table` reads them back as they were)."""
    from ..io.safe import neutralise_table

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # "\n" on every platform, as write_csv
    neutralise_table(unit_table_cells(units)).to_csv(path, index=False, lineterminator="\n")
    return path


def unit_table_cells(units: pd.DataFrame) -> pd.DataFrame:
    """The unit table as :func:`write_unit_table` writes it (before neutralising): every list (authors,
    keywords, a group's records, files and databases) joined with ``"; "``, as ``library.csv`` writes them.

    >>> units = make_unit_table([{"group_id": "g1", "authors": ["Lee, K."], "keywords": ["co-design", "youth"]}])
    >>> unit_table_cells(units).loc[0, ["authors", "keywords"]].tolist()
    ['Lee, K.', 'co-design; youth']
    """
    out = units.copy()
    for column in UNIT_LIST_COLUMNS:
        if column in out.columns:  # (a list of the column: a Series read item by item costs more than the joins)
            out[column] = [_joined(v) if isinstance(v, (list, tuple)) else v for v in out[column].tolist()]
    return out


def _joined(items) -> str:
    try:
        return LIST_SEPARATOR.join(items)
    except TypeError:  # not all text (a list made by hand)
        return LIST_SEPARATOR.join(map(str, items))


def _listed(value) -> list:
    """A list column's cell read back: ``"a; b"`` as ``library.csv`` and the unit table write it, or a list in
    Python's notation (``"['a', "b's"]"``) as earlier versions wrote unit tables; empty: ``[]``."""
    if isinstance(value, (list, tuple)):
        return list(value)
    if not isinstance(value, str) or not value.strip():
        return []
    text = value.strip()
    if _PY_LIST.fullmatch(text):
        return [_PY_ESCAPE.sub(lambda m: _PY_ESCAPES.get(m[1], m[1]), a or b) for a, b in _PY_STRING.findall(text)]
    return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]


#: A string in Python's notation for a list ('...' or "..." with backslash escapes), and its escapes.
_PY_STRING = re.compile(r"'((?:[^'\\]|\\.)*)'" + r'|"((?:[^"\\]|\\.)*)"')
_PY_LIST = re.compile(r"\[\s*(?:(?:%s)\s*,\s*)*(?:%s)?\s*\]" % (_PY_STRING.pattern, _PY_STRING.pattern))
_PY_ESCAPE = re.compile(r"\\(.)")
_PY_ESCAPES = {"n": "\n", "t": "\t"}
