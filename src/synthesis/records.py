"""The record table: the one shape every import reader produces and every later step reads.

A *record* is one entry of one export file, exactly as the database gave it. The record table is a
:class:`pandas.DataFrame` with one row per record and the columns of :data:`RECORD_COLUMNS`:

==================  ==========================================================================
column              meaning
==================  ==========================================================================
record_id           stable id from the record's own content (see :mod:`synthesis.ids`): the same on every
                    run, after renaming its file or a change in cleaning
source_file         the file the record came from, as given (posix separators)
source_index        1-based position of the record in its file
source_database     database the export came from (inferred from the file, or given)
source_id           the file's own id for the record where it has one (accession, EID, UT, key)
type                publication type as the file states it (RIS ``TY``, BibTeX entry type, ...)
title               title, whitespace and HTML entities cleaned
authors             list of authors as ``"Family, I. J."``
year                four-digit year as an integer (``<NA>`` when unknown)
journal             journal, book or proceedings title
volume, issue       as given
pages               page range with the end page written out (``482-491``)
doi                 lower case, no ``https://doi.org/`` prefix
pmid                PubMed id (digits)
isbn_issn           ISBN or ISSN as given
abstract            abstract text
keywords            list of keywords
url                 first URL
language            language as given
raw                 dict of every original tag or field and its value(s): nothing is lost
==================  ==========================================================================

Examples
--------
>>> table = make_record_table([{"title": "A trial", "source_file": "x.ris", "source_index": 1}])
>>> list(table.columns) == RECORD_COLUMNS
True
"""
from __future__ import annotations

import warnings
from operator import itemgetter, methodcaller
from typing import Iterable, Mapping

import pandas as pd

RECORD_COLUMNS = [
    "record_id",
    "source_file",
    "source_index",
    "source_database",
    "source_id",
    "type",
    "title",
    "authors",
    "year",
    "journal",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "isbn_issn",
    "abstract",
    "keywords",
    "url",
    "language",
    "raw",
]

#: Columns holding Python lists rather than strings.
LIST_COLUMNS = ("authors", "keywords")
#: Columns holding plain text ("" when the file says nothing).
TEXT_COLUMNS = tuple(
    c for c in RECORD_COLUMNS if c not in LIST_COLUMNS + ("record_id", "source_index", "year", "raw")
)


def make_record_id(source_file: str, source_index: int, title: str = "", doi: str = "") -> str:
    """The record id of earlier versions (path, position, title, DOI); deprecated.

    Record ids now come from the record's own content (:func:`synthesis.ids.content_ids`); this old formula
    is kept for one release, for the migration of old projects (:func:`synthesis.ids.legacy_record_id`).
    """
    from .ids import legacy_record_id

    warnings.warn("make_record_id is deprecated: record ids come from the record's content now "
                  "(synthesis.ids.content_ids); the old formula is synthesis.ids.legacy_record_id",
                  DeprecationWarning, stacklevel=2)
    return legacy_record_id(source_file, source_index, title, doi)


def empty_record() -> dict:
    """A record dict with every column present and empty."""
    rec = {c: "" for c in TEXT_COLUMNS}
    rec.update({"authors": [], "keywords": [], "year": None, "raw": {}, "record_id": "", "source_index": 0})
    return rec


def make_record_table(records: Iterable[Mapping]) -> pd.DataFrame:
    """Build a record table from record dicts, filling missing columns and ids.

    Parameters
    ----------
    records : iterable of mappings
        Each with any of :data:`RECORD_COLUMNS`; unknown keys are ignored.

    Returns
    -------
    pandas.DataFrame
        Columns exactly :data:`RECORD_COLUMNS`, ``year`` as nullable ``Int64``.
    """
    return _table(list(records), copy_lists=True)


def _table(records: list, copy_lists: bool) -> pd.DataFrame:
    """:func:`make_record_table` of a list of rows; ``copy_lists=False`` when the rows are the caller's own,
    made for this table (a reader's), so that their lists can become the table's without a copy."""
    columns = _exact_columns(records, copy_lists)
    if columns is None:
        columns = _coerced_columns(records)
    table = pd.DataFrame({c: columns[c] for c in RECORD_COLUMNS}, columns=RECORD_COLUMNS)
    if table["source_index"].dtype != "int64":  # (Python's ints are read as int64 already: no copy to replace them)
        table["source_index"] = table["source_index"].astype("int64")
    return table


#: The columns a reader's row gives (every one but the id, which the table computes).
_ROW_COLUMNS = [c for c in RECORD_COLUMNS if c != "record_id"]
_ROW_GETTERS = [(c, itemgetter(c)) for c in _ROW_COLUMNS]
_GET_ID = methodcaller("get", "record_id")
_STR, _LIST, _DICT, _INT = {str}, {list}, {dict}, {int}


def _exact_columns(records: list, copy_lists: bool = True) -> dict | None:
    """The columns of rows that hold every column with its exact type (as the readers build them), or
    ``None`` when some row does not, for :func:`_coerced_columns` to handle.

    The rows are transposed and their types checked by C loops (``zip``, ``map``, ``set``), several times
    faster than coercing value by value; the result is the same as the coercion would give.
    """
    if not records or any(map(_GET_ID, records)):
        return None
    try:  # a column at a time: no tuple per row for the collector to track
        columns = {c: list(map(getter, records)) for c, getter in _ROW_GETTERS}
    except KeyError:
        return None
    for c in TEXT_COLUMNS:
        if not set(map(type, columns[c])) <= _STR:
            return None
    for c in LIST_COLUMNS:
        if set(map(type, columns[c])) != _LIST:
            return None
        if copy_lists:
            columns[c] = list(map(list.copy, columns[c]))  # the table's own lists, as _as_list gives
    years = columns["year"]
    if set(map(type, columns["raw"])) != _DICT or set(map(type, columns["source_index"])) != _INT \
            or not set(map(type, years)) <= {int, type(None)}:
        return None
    files = columns["source_file"]
    if any("\\" in f for f in set(files)):
        columns["source_file"] = files = [f.replace("\\", "/") for f in files]
    columns["year"] = pd.array(years, dtype="Int64")
    columns["record_id"] = _ids(records, columns)
    return columns


def _coerced_columns(records: list) -> dict:
    """The columns of any rows: missing values filled, lists and years coerced, ids made where missing."""
    # Column by column: one pass per field over plain dicts is several times faster than a dict per row.
    columns = {}
    for c in TEXT_COLUMNS:
        columns[c] = [("" if (v := r.get(c)) is None else v) for r in records]
    columns["source_file"] = [str(v).replace("\\", "/") for v in columns["source_file"]]
    for c in LIST_COLUMNS:
        columns[c] = [_as_list(r.get(c)) for r in records]
    columns["raw"] = [r.get("raw") or {} for r in records]
    columns["source_index"] = [int(r.get("source_index") or 0) for r in records]
    columns["year"] = pd.array([_as_year(r.get("year")) for r in records], dtype="Int64")
    made = _ids(records, columns) if not all(r.get("record_id") for r in records) else []
    columns["record_id"] = [r.get("record_id") or made[k] for k, r in enumerate(records)]
    return columns


def _ids(records: list, columns: dict) -> list:
    """Each record's id from its raw content (its fields where it has no ``raw``), see :mod:`synthesis.ids`."""
    from .ids import content_ids

    raws = columns["raw"]
    fields = None if all(raws) else [{c: columns[c][k] for c in columns if c != "raw"} for k in range(len(raws))]
    return content_ids(raws, columns["source_file"], fields)


def _as_list(value) -> list:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


def _as_year(value):
    if value is None or value == "" or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return pd.NA
    try:
        return int(value)
    except (TypeError, ValueError):
        return pd.NA
