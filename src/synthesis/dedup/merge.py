"""Stage 6 of deduplication: one merged record per duplicate group; nothing is deleted.

The *representative* of a group is chosen by a :class:`MergePolicy`, in this order:

1. records from the databases listed in ``preferred_databases`` come first, in the order listed;
2. then the most complete record (most of :data:`COMPLETENESS_FIELDS` filled in);
3. then the earliest record in the input.

The merged row starts from the representative and fills every empty field from the other members,
taken in the same order. It keeps the ids, files and databases of every member, so each input record
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
        return series.map(len, na_action="ignore").fillna(0).to_numpy() > 0
    if _textual(series):
        return (series.fillna("").astype(str).str.len() > 0).to_numpy()
    return series.notna().to_numpy()


def completeness(records: pd.DataFrame) -> np.ndarray:
    """How many of :data:`COMPLETENESS_FIELDS` each record has."""
    total = np.zeros(len(records), dtype=np.int64)
    for c in COMPLETENESS_FIELDS:
        if c in records.columns:
            total += _filled(records[c])
    return total


def choose_representatives(records: pd.DataFrame, labels, policy: MergePolicy | None = None) -> np.ndarray:
    """For each record, the position of its group's representative.

    Parameters
    ----------
    records : pandas.DataFrame
        Record table.
    labels : sequence
        Group label of each record (any hashable; equal labels form a group).
    policy : MergePolicy, optional
    """
    policy = policy or MergePolicy()
    n = len(records)
    prefs = [str(d).lower() for d in policy.preferred_databases]
    db = records["source_database"].astype(str).str.lower() if "source_database" in records else pd.Series([""] * n)
    rank = db.map({d: k for k, d in enumerate(prefs)}).fillna(len(prefs)).to_numpy()
    full = completeness(records) if policy.most_complete else np.zeros(n, dtype=np.int64)
    order = pd.DataFrame({"label": pd.factorize(pd.Series(list(labels)))[0], "rank": rank, "full": -full,
                          "pos": np.arange(n)})
    best = order.sort_values(["label", "rank", "full", "pos"]).groupby("label", sort=False)["pos"].first()
    return best.reindex(order["label"]).to_numpy()


def merge_groups(records: pd.DataFrame, group_ids, representatives) -> pd.DataFrame:
    """The library: one merged row per duplicate group.

    Parameters
    ----------
    records : pandas.DataFrame
        Record table.
    group_ids : sequence of str
        Group id of each record.
    representatives : sequence of int
        Position of each record's representative (from :func:`choose_representatives`).

    Returns
    -------
    pandas.DataFrame
        The record-table columns (the representative's, gaps filled from the other members) plus
        ``group_id``, ``member_ids`` (list), ``n_members``, ``source_files`` and ``source_databases``
        (lists), one row per group, in the order of each group's first record.
    """
    records = records.reset_index(drop=True)
    n = len(records)
    gids = np.asarray(list(group_ids), dtype=object)
    rep = np.asarray(representatives, dtype=np.int64)
    cols = [c for c in RECORD_COLUMNS if c in records.columns]
    # one row per group, in the order of each group's first record: that record's representative
    _, first_pos = np.unique(gids, return_index=True) if n else (None, np.empty(0, dtype=np.int64))
    first_pos = np.sort(first_pos)
    rows = rep[first_pos]
    library = records.iloc[rows][cols].reset_index(drop=True)
    library.insert(0, "group_id", gids[first_pos])
    # members of groups with more than one record, the representative first, then in input order
    members_of: dict = {}
    for k, g in enumerate(gids):
        members_of.setdefault(g, []).append(k)
    multi = {g: m for g, m in members_of.items() if len(m) > 1}
    keep = {"record_id", "source_file", "source_index", "source_database", "source_id", "raw"}
    if multi:
        where = {g: r for r, g in enumerate(library["group_id"])}
        multi_rows = [(where[g], m) for g, m in multi.items()]
        for c in cols:
            if c in keep:
                continue
            empty = ~_filled(records[c])
            if not empty.any():
                continue
            values = records[c].to_numpy(dtype=object)
            out = library[c].to_numpy(dtype=object).copy()
            out_empty = empty[rows]
            changed = False
            for r, member_rows in multi_rows:
                if not out_empty[r]:
                    continue
                for k in member_rows:  # the representative's field is empty: the others in input order
                    if not empty[k]:
                        out[r] = values[k]
                        changed = True
                        break
            if changed:
                library[c] = pd.array(out, dtype="Int64") if c == "year" else out
    rid = records["record_id"].astype(str).to_numpy()
    files = records["source_file"].astype(str).to_numpy() if "source_file" in records else np.full(n, "")
    dbs = records["source_database"].astype(str).to_numpy() if "source_database" in records else np.full(n, "")
    member_lists = [members_of[g] for g in library["group_id"]]
    library["member_ids"] = [[rid[k] for k in m] for m in member_lists]
    library["n_members"] = np.array([len(m) for m in member_lists], dtype=np.int64)
    library["source_files"] = [sorted({files[k] for k in m}) if len(m) > 1 else [files[m[0]]] for m in member_lists]
    library["source_databases"] = [sorted({dbs[k] for k in m if dbs[k]}) for m in member_lists]
    if "year" in library:
        library["year"] = pd.array(library["year"], dtype="Int64")
    return library
