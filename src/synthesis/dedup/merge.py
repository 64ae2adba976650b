"""Stage 6 of deduplication: one merged record per duplicate group; nothing is deleted.

The *representative* of a group is chosen by a :class:`MergePolicy`, in this order:

1. records from the databases listed in ``preferred_databases`` come first, in the order listed;
2. then the most complete record (most of :data:`COMPLETENESS_FIELDS` filled in);
3. then the earliest record in the input.

The merged row starts from the representative and fills every empty field from the other members,
taken in the same order; a title or journal the representative gives in capitals only takes a member's
spelling of the same words (a journal, else another record's of the search). It keeps the ids, files and databases of every member, so each input record
can still be traced (``member_ids``, ``source_files``, ``source_databases``).

Examples
--------
>>> from synthesis.records import make_record_table
>>> t = make_record_table([{"title": "A trial", "source_database": "Scopus"},
...                        {"title": "A trial", "doi": "10.1000/x", "source_database": "PubMed"}])
>>> rep = choose_representatives(t, [0, 0], MergePolicy(preferred_databases=("PubMed",)))
>>> rep.tolist()
[1, 1]
>>> merge_groups(t, ["g1", "g1"], rep).loc[0, ["title", "source_database", "doi"]].tolist()
['A trial', 'PubMed', '10.1000/x']
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..records import LIST_COLUMNS, RECORD_COLUMNS

__all__ = ["MergePolicy", "choose_representatives", "merge_groups", "COMPLETENESS_FIELDS"]

#: Fields counted when judging how complete a record is.
COMPLETENESS_FIELDS = ("title", "authors", "year", "journal", "volume", "issue", "pages", "doi", "pmid",
                       "abstract", "keywords")


@dataclass
class MergePolicy:
    """How the representative of a duplicate group is chosen (see the module text).

    Parameters
    ----------
    preferred_databases : tuple of str
        Database names (as in ``source_database``, case-insensitive), most preferred first.
    most_complete : bool
        Prefer the most complete record after the preferred databases; otherwise the earliest.
    """

    preferred_databases: tuple = field(default_factory=tuple)
    most_complete: bool = True


def _textual(series: pd.Series) -> bool:
    return series.dtype == object or pd.api.types.is_string_dtype(series.dtype)


def _filled(series: pd.Series) -> np.ndarray:
    if series.name in LIST_COLUMNS:
        values = series.tolist()
        if all(type(v) is list for v in values):  # the record table's lists: no missing values to map
            return np.fromiter((len(v) > 0 for v in values), dtype=bool, count=len(values))
        return series.map(len, na_action="ignore").fillna(0).to_numpy() > 0
    if isinstance(series.dtype, pd.StringDtype):  # only str or missing: compared in numpy
        return series.to_numpy(dtype=object, na_value="") != ""
    if _textual(series):
        return (series.fillna("").astype(str).str.len() > 0).to_numpy()
    return series.notna().to_numpy()


def completeness(records: pd.DataFrame, filled: dict | None = None) -> np.ndarray:
    """How many of :data:`COMPLETENESS_FIELDS` each record has (``filled``: a cache of :func:`_filled`)."""
    total = np.zeros(len(records), dtype=np.int64)
    for c in COMPLETENESS_FIELDS:
        if c in records.columns:
            total += _filled_cached(records, c, filled)
    return total


def _filled_cached(records, c: str, cache: dict | None) -> np.ndarray:
    """:func:`_filled` of column ``c`` of ``records`` (a DataFrame, or a dict of its columns), cached."""
    if cache is None:
        return _filled(records[c])
    if c not in cache:
        cache[c] = _filled(records[c])
    return cache[c]


def _label_codes(labels) -> np.ndarray:
    """Group labels as integer codes (equal labels, equal codes)."""
    if isinstance(labels, np.ndarray) and labels.dtype.kind in "iu":
        return labels.astype(np.int64, copy=False)
    return pd.factorize(pd.Series(list(labels)))[0]


def choose_representatives(records: pd.DataFrame, labels, policy: MergePolicy | None = None,
                           filled: dict | None = None) -> np.ndarray:
    """For each record, the position of its group's representative.

    Parameters
    ----------
    records : pandas.DataFrame
        Record table.
    labels : sequence
        Group label of each record (any hashable; equal labels form a group).
    policy : MergePolicy, optional
    filled : dict, optional
        A cache of which fields each record has, shared with :func:`merge_groups`.
    """
    policy = policy or MergePolicy()
    n = len(records)
    prefs = [str(d).lower() for d in policy.preferred_databases]
    if prefs and "source_database" in records:
        where = {d: k for k, d in enumerate(prefs)}
        rank = np.array([where.get(str(d).lower(), len(prefs)) for d in records["source_database"].tolist()],
                        dtype=np.int64)
    else:
        rank = np.full(n, len(prefs), dtype=np.int64)
    full = completeness(records, filled) if policy.most_complete else np.zeros(n, dtype=np.int64)
    label = _label_codes(labels)
    pos = np.arange(n)
    # sorted by group, then preference, completeness and position: the first of each group is its choice
    order = np.lexsort((pos, -full, rank, label))
    sorted_label = label[order]
    firsts = np.r_[True, sorted_label[1:] != sorted_label[:-1]] if n else np.zeros(0, dtype=bool)
    best = np.empty(int(label.max()) + 1 if n else 0, dtype=np.int64)
    best[sorted_label[firsts]] = order[firsts]
    return best[label]


def _as_objects(column) -> np.ndarray:
    """A library column being built (a pandas array or an object array) as an object array."""
    return np.asarray(column.to_numpy(dtype=object) if hasattr(column, "to_numpy") else column, dtype=object)


def _as_written(merged, column: pd.Series, multi, by_group, bounds):
    """The merged values of a text field, where one is in capitals only ("SCIENCE OF THE TOTAL ENVIRONMENT", as Web
    of Science writes journals) and another member of the group gives the same words in their own case
    ("Science of the Total Environment"; "&" or "and", "-" or " - "): that member's. An abbreviation is not the
    same words ("J SLEEP RES" stays), and no case is ever guessed."""
    out = _as_objects(merged)
    capitals = [g for g in multi.tolist() if isinstance(out[g], str) and out[g].isupper()]
    if not capitals:
        return merged
    values = column.to_numpy(dtype=object)
    out = out.copy()
    for g in capitals:
        key = _words(out[g])
        for k in by_group[bounds[g]:bounds[g + 1]].tolist():
            v = values[k]
            if isinstance(v, str) and not v.isupper() and _words(v) == key:
                out[g] = v
                break
    return out


def _journals_as_written(merged, column: pd.Series):
    """Journals still in capitals after :func:`_as_written` (a paper only Web of Science found): the journal as
    another record of the search writes it, where one gives the same words in their own case (the most
    common such spelling)."""
    out = _as_objects(merged)
    capitals = {v for v in out.tolist() if isinstance(v, str) and v.isupper()}
    if not capitals:
        return merged
    wanted = {tuple(_words(v)): v for v in capitals}
    spellings: dict = {}
    for v, count in column.value_counts().items():  # most common first
        if isinstance(v, str) and v and not v.isupper():
            key = tuple(_words(v))
            if key in wanted and key not in spellings:
                spellings[key] = v
    if not spellings:
        return merged
    as_written = {v: spellings[k] for k, v in wanted.items() if k in spellings}
    return np.asarray([as_written.get(v, v) if isinstance(v, str) else v for v in out.tolist()], dtype=object)


_NOT_WORDS = re.compile(r"[^\w]+")


def _words(text: str) -> list:
    """The words of a name, whatever their case and punctuation ("MATERIALS & DESIGN", "Materials and Design";
    "ARTHROSCOPY-THE JOURNAL OF...", "Arthroscopy - Journal of...")."""
    return [w for w in _NOT_WORDS.split(text.casefold().replace("&", " and ")) if w and w != "the"]


def merge_groups(records: pd.DataFrame, group_ids, representatives, filled: dict | None = None) -> pd.DataFrame:
    """The library: one merged row per duplicate group.

    Parameters
    ----------
    records : pandas.DataFrame
        Record table.
    group_ids : sequence of str
        Group id of each record.
    representatives : sequence of int
        Position of each record's representative (from :func:`choose_representatives`).
    filled : dict, optional
        A cache of which fields each record has, shared with :func:`choose_representatives`.

    Returns
    -------
    pandas.DataFrame
        The record-table columns (the representative's, gaps filled from the other members) plus
        ``group_id``, ``member_ids`` (list), ``n_members``, ``source_files`` and ``source_databases``
        (lists), one row per group, in the order of each group's first record.
    """
    records = records.reset_index(drop=True)
    n = len(records)
    gids = np.asarray(list(group_ids), dtype=object) if not isinstance(group_ids, np.ndarray) else group_ids
    rep = np.asarray(representatives, dtype=np.int64)
    cols = [c for c in RECORD_COLUMNS if c in records.columns]
    series = {c: records[c] for c in cols}  # each column looked up once (a pandas lookup is not free)
    # one row per group, in the order of each group's first record: that record's representative
    codes, uniques = pd.factorize(gids)  # codes in order of first appearance
    first_pos = np.flatnonzero(np.r_[True, codes[1:] > np.maximum.accumulate(codes)[:-1]]) if n else \
        np.empty(0, dtype=np.int64)
    rows = rep[first_pos]
    # the library is built in one go from its columns (one DataFrame, not one per added column)
    data = {"group_id": gids[first_pos]}
    for c in cols:
        data[c] = series[c].array.take(rows)
    # members of every group, the group's rows in input order (a stable sort by group)
    by_group = np.argsort(codes, kind="stable")
    sizes = np.bincount(codes, minlength=len(uniques))
    bounds = np.r_[0, np.cumsum(sizes)]
    keep = {"record_id", "source_file", "source_index", "source_database", "source_id", "raw"}
    multi = np.flatnonzero(sizes > 1)  # group codes, which are also the library's rows
    if len(multi):
        cache = filled if filled is not None else {}
        starts = bounds[:-1]
        for c in cols:
            if c in keep:
                continue
            empty = ~_filled_cached(series, c, cache)
            if not empty.any():
                continue
            need = multi[empty[rows[multi]]]  # groups whose representative lacks the field
            if not len(need):
                continue
            # the first member in input order that has it: the smallest such place in each group's span
            place = np.where(empty[by_group], n, np.arange(n))
            first_filled = np.minimum.reduceat(place, starts)[need]
            has = first_filled < n
            if not has.any():
                continue
            values = series[c].to_numpy(dtype=object)
            out = np.asarray(data[c].to_numpy(dtype=object)).copy()
            out[need[has]] = values[by_group[first_filled[has]]]
            # as an object array, typed by pandas as when it was assigned to the finished table
            data[c] = pd.array(out, dtype="Int64") if c == "year" else out
    if len(multi):
        for c in ("title", "journal"):
            if c in data:
                data[c] = _as_written(data[c], series[c], multi, by_group, bounds)
    if "journal" in data:
        data["journal"] = _journals_as_written(data["journal"], series["journal"])
    rid = series["record_id"].astype(str).to_numpy()
    files = series["source_file"].astype(str).to_numpy() if "source_file" in series else np.full(n, "")
    dbs = series["source_database"].astype(str).to_numpy() if "source_database" in series else np.full(n, "")
    rid_sorted, files_sorted, dbs_sorted = rid[by_group].tolist(), files[by_group].tolist(), dbs[by_group].tolist()
    spans = list(zip(bounds[:-1].tolist(), bounds[1:].tolist()))
    data["member_ids"] = [rid_sorted[a:b] for a, b in spans]
    data["n_members"] = sizes.astype(np.int64)
    data["source_files"] = [sorted(set(files_sorted[a:b])) if b - a > 1 else files_sorted[a:b] for a, b in spans]
    data["source_databases"] = [sorted({d for d in dbs_sorted[a:b] if d}) if b - a > 1 else
                                ([dbs_sorted[a]] if dbs_sorted[a] else []) for a, b in spans]
    library = pd.DataFrame(data)
    if "year" in library:
        library["year"] = pd.array(library["year"], dtype="Int64")
    return library
