"""Record ids from the record's own content, and the one-time move of a project's evidence from the old ids.

A **record id** is ``"r"`` and 16 hexadecimal digits (64 bits) of the SHA-256 hash of the record's content *as its export
gave it*: every tag, field or column the reader kept in ``raw`` (before any cleaning), in name order, with
the record's occurrence number among exact copies in the same file. So the id does not change when the file
is renamed or moved, when the text cleaning changes, or when the records around it change; two copies of one
record in one file get different ids (the first copy's id is the plain hash, later copies add their number).
An exact copy in another file gets its own id too (:func:`unique_record_ids`): the copies are numbered in
search-round order, and within a round in the order of the files' content, never of their names.

What is *not* part of the content: the path, the position, and what a reader keeps beside the record
(``_before``: the file's header, attached to the first record; ``_number``: a record number such as Ovid's
``12.``, which is a position). A record built without ``raw`` (by hand, in a test) has its fields as content.

A **group id** (a duplicate group, see :mod:`synthesis.dedup.pipeline`) is ``"g"`` and the hash of one of its
records: the earliest search round's record with the smallest id, so a renamed file keeps its groups' ids and
a later round's record joining a group does not change it (a table without a ``search_round`` column has no
other order of arrival than its own: there the group's first record names it).

**Migration.** Ids of earlier versions hashed the file path, the position, the cleaned title and the DOI
(:func:`legacy_record_id`). When a project's evidence (screening logs, duplicate verdicts, coding logs,
``studies.csv``, ``fulltext.tsv``, the pilot list) names such ids, the build works out once, from the current
exports, which old id is which new one and writes ``evidence/id_map.csv`` (``old,new,kind,file``). The
evidence files are not rewritten: every reader of evidence resolves old ids through that map
(:class:`IdMap`), and new decisions are written with the new ids. Once the map exists the migration never
runs again.

Examples
--------
>>> a = record_content({"TY": "JOUR", "TI": "A trial", "AU": ["Smith, J.", "Doe, A."]})
>>> a == record_content({"AU": ["Smith, J.", "Doe, A."], "TI": ["A trial"], "TY": "JOUR", "N1": ""})
True
>>> ids = content_ids([{"TI": "A"}, {"TI": "B"}, {"TI": "A"}], ["x.ris"] * 3)
>>> ids[0] != ids[2] and ids == content_ids([{"TI": "A"}, {"TI": "B"}, {"TI": "A"}], ["renamed.ris"] * 3)
True
"""
from __future__ import annotations

import csv
import os
from hashlib import blake2b, sha256
from pathlib import Path

from .errors import SynthesisError, undecodable_line

__all__ = ["record_content", "content_ids", "unique_record_ids", "legacy_record_id", "legacy_record_ids", "legacy_map",
           "IdMap", "ID_MAP", "MAP_COLUMNS", "referenced_ids", "migrate_ids"]

#: Keys of ``raw`` that readers keep beside a record but that are not its content.
NOT_CONTENT = frozenset({"_before", "_number"})
#: The fields that stand for the content of a record given without ``raw``.
FALLBACK_FIELDS = ("type", "source_id", "title", "authors", "year", "journal", "volume", "issue", "pages", "doi",
                   "pmid", "isbn_issn", "abstract", "keywords", "url", "language")

ID_MAP = "id_map.csv"
MAP_COLUMNS = ["old", "new", "kind", "file"]


class IdMapError(SynthesisError, ValueError):
    """An ``evidence/id_map.csv`` that cannot be read; the message names the file and line and what to do."""


# --------------------------------------------------------------------------------------------- record ids


def record_content(raw) -> str:
    """The canonical text of one record's raw fields: the names sorted, then each value, its items in file order.

    A value given once and the same value as a one-item list are the same content, and empty values are
    left out, so the id does not depend on how a reader stores a tag.
    """
    names = tuple(raw)
    known = _SORTED.get(names)
    if known is None:  # records of one export share a few orders of their tags: each is sorted once
        if len(_SORTED) > 4096:
            _SORTED.clear()
        try:
            keys = tuple(sorted(k for k in names if k not in NOT_CONTENT))
        except TypeError:  # names that are not all text
            return record_content({str(k): v for k, v in raw.items()})
        known = _SORTED[names] = (keys, "\x1f".join(keys) + "\x1d")
    keys, head = known
    try:  # the readers' raw: text values and lists of text
        values = list(map(raw.__getitem__, keys))
        if not all(values):  # empty values are left out, with their names
            head = "\x1f".join([k for k, v in zip(keys, values) if v]) + "\x1d"
            values = [v for v in values if v]
        return head + "\x1d".join([_JOIN_ITEMS(v) if v.__class__ is list else v for v in values])
    except (TypeError, ValueError):  # other values (numbers, tuples, None): written as text first
        return record_content({k: [str(x) for x in v] if isinstance(v, (list, tuple)) else str(v)
                               for k, v in raw.items() if v is not None})


_JOIN_ITEMS = "\x1e".join
#: The sorted content names of each order of names seen, and their part of the content (see :func:`record_content`).
_SORTED: dict = {}


def _fallback_content(fields: dict) -> str:
    return record_content({k: v for k in FALLBACK_FIELDS
                           if (v := fields.get(k)) is not None and type(v).__name__ != "NAType" and v == v})


def content_ids(raws, files, fields=None) -> list:
    """The record id of each record, from its raw fields and its occurrence among exact copies in its file.

    Parameters
    ----------
    raws : sequence of dict
        Each record's ``raw``.
    files : sequence of str
        Each record's file (only to number exact copies within one file; never part of the id).
    fields : sequence of dict, optional
        Each record's fields, the content of records whose ``raw`` is empty.
    """
    content = [record_content(raw) if raw else _fallback_content(fields[k]) if fields is not None else ""
               for k, raw in enumerate(raws)]
    digests = [sha256(c.encode("utf-8")).hexdigest()[:16] for c in content]
    if len(set(zip(files, digests))) == len(digests):  # no exact copies in one file (the usual case)
        return ["r" + d for d in digests]
    out = []
    seen: dict = {}
    for file, digest in zip(files, digests):
        n = seen.get((file, digest), 0) + 1
        seen[(file, digest)] = n
        out.append("r" + (digest if n == 1 else sha256(f"{digest}#{n}".encode()).hexdigest()[:16]))
    return out


def unique_record_ids(records):
    """The record table with every record id unique: exact copies of one record in several files numbered.

    The first copy keeps its id; the others get one made from it and their number, counted over the files in
    search-round order (the ``search_round`` column, rounds in the order they first occur) and, within a
    round, in the order of the files' content, so renaming a file does not move the numbers. Returns the
    table itself when the ids are already unique.
    """
    import numpy as np
    import pandas as pd

    ids = records["record_id"].astype(str)
    if not ids.duplicated().any():
        return records
    files = records["source_file"].astype(str).to_numpy()
    rounds = (pd.factorize(records["search_round"])[0] if "search_round" in records.columns
              else np.zeros(len(records), dtype=np.int64))
    of_file: dict = {}
    for f, rid in zip(files, ids.tolist()):
        of_file.setdefault(f, []).append(rid)
    file_key = {f: sha256("".join(v).encode()).hexdigest() for f, v in of_file.items()}
    # by round, then by the file's content key, then by position (codes of the keys in their sorted order)
    key_codes = pd.factorize(np.array([file_key[f] for f in files], dtype=object), sort=True)[0]
    order = np.lexsort((np.arange(len(records)), key_codes, rounds)).tolist()
    new = ids.tolist()
    seen: dict = {}
    for k in order:
        rid = new[k]
        n = seen.get(rid, 0) + 1
        seen[rid] = n
        if n > 1:
            new[k] = "r" + sha256(f"{rid}\x1f{n}".encode()).hexdigest()[:16]
    return records.assign(record_id=new)


def legacy_record_id(source_file: str, source_index: int, title: str = "", doi: str = "") -> str:
    """The record id of versions before content ids: path, position, cleaned title and DOI (for migration).

    >>> legacy_record_id("data/a.ris", 1, "A trial")
    'rd30efd461a5c2c25'
    """
    key = "\x1f".join([str(source_file).replace("\\", "/"), str(int(source_index)), title or "", doi or ""])
    return "r" + blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def legacy_record_ids(records) -> list:
    """:func:`legacy_record_id` of every record of a record table."""
    # (lists first: a pandas text column read item by item costs more than the hashing)
    return [legacy_record_id(f, i, t, d) for f, i, t, d in
            zip(records["source_file"].tolist(), records["source_index"].tolist(),
                records["title"].fillna("").tolist(), records["doi"].fillna("").tolist())]


def legacy_map(records) -> "IdMap":
    """Old record id -> new record id for a record table (the ``record`` rows of a migration's map)."""
    return IdMap(zip(legacy_record_ids(records), records["record_id"].astype(str)))


# --------------------------------------------------------------------------------------------- the map


class IdMap:
    """Old ids to new ones, as ``evidence/id_map.csv`` holds them; an id not in the map is returned as it is.

    >>> m = IdMap({"g1": "g2"})
    >>> m("g1"), m("g9"), bool(m), bool(IdMap())
    ('g2', 'g9', True, False)
    """

    _cache: dict = {}

    def __init__(self, mapping=None):
        self.mapping = dict(mapping or {})

    def __call__(self, key):
        return self.mapping.get(key, key)

    def __bool__(self) -> bool:
        return bool(self.mapping)

    def __len__(self) -> int:
        return len(self.mapping)

    @classmethod
    def load(cls, evidence) -> "IdMap":
        """The map of the project whose evidence folder is ``evidence`` (empty when it has none)."""
        path = Path(evidence) / ID_MAP
        try:
            stat = path.stat()
        except OSError:
            return cls()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        if key not in cls._cache:
            # the build wrote it; a damaged one is named (it was an "unexpected error" or a bare UnicodeDecodeError)
            redo = "restore it from version control, or delete it and build again with the exports it was made from"
            try:
                with open(path, encoding="utf-8-sig", newline="") as fh:
                    rows = csv.DictReader(fh)
                    if rows.fieldnames is None or not {"old", "new"} <= set(rows.fieldnames):
                        raise IdMapError(f"{path}, line 1: expected the header {','.join(MAP_COLUMNS)}; {redo}")
                    cls._cache = {key: {r["old"]: r["new"] for r in rows if r.get("old") and r.get("new")}}
            except UnicodeDecodeError:  # (raised while reading a part of the file: its position is in that part)
                raise IdMapError(f"{path}, line {undecodable_line(path)}: not UTF-8 text; {redo}") from None
        return cls(cls._cache[key])

    @classmethod
    def beside(cls, path, up: int = 1) -> "IdMap":
        """The map of the evidence folder ``up`` levels above an evidence file (``evidence/screening/x.jsonl``: 2)."""
        parents = Path(path).absolute().parents
        return cls.load(parents[min(up, len(parents)) - 1])


def referenced_ids(evidence) -> dict:
    """Every id the evidence names, by kind: ``record`` (verdicts) and ``group`` (decisions, codes, PDFs).

    Read as written, without the map.
    """
    from .coding.log import read_coding_logs
    from .dedup.verdicts import read_verdicts
    from .fulltext.store import FulltextEvidence
    from .screening.log import read_logs

    ev = Path(evidence)
    none = IdMap()
    groups: set = set()
    records: set = set()
    if (ev / "screening").is_dir():
        groups |= {e.key for e in read_logs(ev / "screening", warn=False, ids=none).entries}
    groups |= _pilot(ev)
    if (ev / "duplicate_verdicts.tsv").exists():
        import warnings

        from .dedup.verdicts import VerdictWarning

        with warnings.catch_warnings():  # a torn verdict is the deduplication step's to report, once
            warnings.simplefilter("ignore", VerdictWarning)
            table = read_verdicts(ev / "duplicate_verdicts.tsv", ids=none)
        records |= set(table["record_id_1"]) | set(table["record_id_2"])
    groups |= {e.study for e in read_coding_logs(ev / "coding", warn=False, ids=none).entries}
    if (ev / "studies.csv").exists():
        try:
            with open(ev / "studies.csv", encoding="utf-8-sig", newline="") as fh:
                groups |= {(r.get("record_id") or "").strip() for r in csv.DictReader(fh)}
        except (UnicodeDecodeError, csv.Error):
            pass  # the coding step reports an unreadable studies.csv with its name and line
    if (ev / "fulltext.tsv").exists():
        groups |= {r.group_id for r in FulltextEvidence.load(ev / "fulltext.tsv", ids=none).rows()}
    groups.discard("")
    return {"record": records, "group": groups}


def _pilot(ev: Path) -> set:
    """The pilot list of the screening settings, wherever they are (``screening/settings.json`` or the
    ``[screening]`` table of ``review.toml``); a file that cannot be read is the build's to report."""
    import json
    import tomllib

    found: set = set()
    try:
        data = json.loads((ev / "screening" / "settings.json").read_text(encoding="utf-8"))
        found |= {str(k) for k in (data.get("pilot") or []) if isinstance(data, dict)}
    except (OSError, ValueError, AttributeError, TypeError):
        pass
    try:
        data = tomllib.loads((ev / "review.toml").read_text(encoding="utf-8-sig")).get("screening", {})
        found |= {str(k) for k in (data.get("pilot") or [])}
    except (OSError, ValueError, AttributeError, TypeError):
        pass
    return found


def migrate_ids(evidence, records, groups) -> list:
    """Write ``evidence/id_map.csv`` once, when the evidence names ids of the old kind; returns notes.

    Parameters
    ----------
    evidence : path-like
        The project's ``evidence/`` folder.
    records : DataFrame
        The record table of the current exports (new ids), with ``source_file``, ``source_index``, ``title``
        and ``doi`` as the import gives them (the old ids are computed from these).
    groups : DataFrame
        The duplicate groups of these records (``record_id``, ``group_id``), in the same order.

    Every record gets a ``record`` row (its old id) and a ``group`` row (``"g"`` and its old id's hash, the id
    its group had when it was the group's first record) pointing at its group now. Nothing happens when the
    map exists already or when the evidence names no old id (a new project).
    """
    ev = Path(evidence)
    if (ev / ID_MAP).exists():
        return []
    named = referenced_ids(ev)
    if not named["record"] and not named["group"]:
        return []
    new = records["record_id"].astype(str).tolist()
    gid = dict(zip(groups["record_id"].astype(str).tolist(), groups["group_id"].astype(str).tolist()))
    current = set(new) | set(gid.values())
    stale = {k: {i for i in named[k] if i not in current} for k in named}
    if not any(stale.values()):  # every id named is a current one: the old ids (costly) are not needed
        return []
    old = legacy_record_ids(records)
    old_groups = ["g" + o[1:] for o in old]
    known_old = set(old) | set(old_groups)
    moved = {k: stale[k] & known_old for k in stale}
    if not moved["record"] and not moved["group"]:
        return []
    files = records["source_file"].astype(str).tolist()
    rows = [(o, n, "record", f) for o, n, f in zip(old, new, files) if o != n]
    rows += [(og, gid.get(n, ""), "group", f) for og, n, f in zip(old_groups, new, files) if gid.get(n)]
    tmp = ev / (ID_MAP + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(MAP_COLUMNS)
        w.writerows(rows)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, ev / ID_MAP)
    lost = (stale["record"] - moved["record"]) | (stale["group"] - moved["group"])
    notes = [f"record ids now come from each record's own content (they survive renaming a file); the "
             f"evidence named {len(moved['group'])} duplicate groups and {len(moved['record'])} records by their "
             f"old ids: evidence/{ID_MAP} was written once to map them, and every decision, verdict and code "
             f"stays attached (the evidence files themselves are unchanged)"]
    if lost:
        notes.append(f"{len(lost)} ids in the evidence match no record of the current exports, old or new "
                     f"(e.g. {sorted(lost)[0]}); they are left as they are")
    return notes
