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


def _empty_to_na(series: pd.Series) -> pd.Series:
    if series.name in LIST_COLUMNS or series.name == "raw":
        return series.map(lambda v: v if (isinstance(v, (list, dict)) and len(v)) else None)
    if _textual(series):
        return series.astype(object).map(lambda v: v if (v is not None and v == v and v != "") else None)
    return series


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
    group_ids = pd.Series(list(group_ids), index=records.index, name="group_id")
    rep = np.asarray(representatives)
    cols = [c for c in RECORD_COLUMNS if c in records.columns]
    is_rep = rep == np.arange(len(records))
    library = records.loc[is_rep, cols].copy()
    library.insert(0, "group_id", group_ids[is_rep].to_numpy())
    library = library.set_index("group_id")
    sizes = group_ids.value_counts()
    multi = group_ids.map(sizes).to_numpy() > 1
    if multi.any():
        members = records.loc[multi, cols].copy()
        members["group_id"] = group_ids[multi].to_numpy()
        # members in preference order: the representative first, then the rest in input order
        members["_order"] = np.where(is_rep[multi], -1, np.flatnonzero(multi))
        members = members.sort_values(["group_id", "_order"], kind="stable")
        keep = ["record_id", "source_file", "source_index", "source_database", "source_id", "raw"]
        fill_cols = [c for c in cols if c not in keep]
        firsts = members[fill_cols].apply(_empty_to_na).groupby(members["group_id"]).first()
        rows = firsts.index  # only groups with several members can gain anything
        for c in fill_cols:
            base = _empty_to_na(library.loc[rows, c])
            filled = base.where(base.notna(), firsts[c])
            if c == "year":
                values = pd.array(pd.to_numeric(filled, errors="coerce"), dtype="Int64")
            elif c in LIST_COLUMNS:
                values = filled.map(lambda v: v if isinstance(v, list) else []).to_numpy()
            else:
                values = filled.map(lambda v: "" if v is None or (isinstance(v, float) and v != v) else v).to_numpy()
            column = library[c].copy()
            if c == "year":
                column.loc[rows] = values
            else:
                column = column.astype(object)
                positions = library.index.get_indexer(rows)
                arr = column.to_numpy(copy=True)
                for p, v in zip(positions, values):
                    arr[p] = v
                column = pd.Series(arr, index=library.index, name=c)
            library[c] = column
    first_seen = group_ids.drop_duplicates().to_numpy()
    library = library.reindex(first_seen)
    # singletons need no grouping: their lists are built directly (fast on a million records)
    rid = records["record_id"].astype(str).to_numpy()
    files = records["source_file"].astype(str).to_numpy() if "source_file" in records else np.full(len(rid), "")
    dbs = records["source_database"].astype(str).to_numpy() if "source_database" in records \
        else np.full(len(rid), "")
    single = ~multi
    member_ids = pd.Series([[r] for r in rid[single]], index=group_ids[single].to_numpy(), dtype=object)
    src_files = pd.Series([[f] for f in files[single]], index=member_ids.index, dtype=object)
    src_dbs = pd.Series([[d] if d else [] for d in dbs[single]], index=member_ids.index, dtype=object)
    if multi.any():
        members_of: dict = {}
        files_of: dict = {}
        dbs_of: dict = {}
        for g, r, f, d in zip(group_ids[multi].to_numpy(), rid[multi], files[multi], dbs[multi]):
            members_of.setdefault(g, []).append(r)
            files_of.setdefault(g, set()).add(f)
            dbs_of.setdefault(g, set())
            if d:
                dbs_of[g].add(d)
        keys = list(members_of)
        member_ids = pd.concat([member_ids, pd.Series([members_of[g] for g in keys], index=keys, dtype=object)])
        src_files = pd.concat([src_files, pd.Series([sorted(files_of[g]) for g in keys], index=keys, dtype=object)])
        src_dbs = pd.concat([src_dbs, pd.Series([sorted(dbs_of[g]) for g in keys], index=keys, dtype=object)])
    library["member_ids"] = member_ids.reindex(first_seen).to_numpy()
    library["n_members"] = library["member_ids"].map(len).astype("int64")
    library["source_files"] = src_files.reindex(first_seen).to_numpy()
    library["source_databases"] = src_dbs.reindex(first_seen).to_numpy()
    if "year" in library:
        library["year"] = pd.array(library["year"], dtype="Int64")
    return library.reset_index()
