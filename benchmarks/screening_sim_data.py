"""Labelled screening sets for the prioritisation simulation, read from ../shared/data.

Each loader returns a :class:`SimSet`: a units table (``group_id``, ``title``, ``abstract``) and the real
decision of every unit (1 include, 0 exclude), plus notes on how it was built (counts reconcile).

- Nagtegaal 2019 and Kitchenham 2010 (``screening/``): one unit per row, labels as published.
- CiteSource sets (``imports/citesource_sets/``): the database exports beside the labelled files are grouped
  by DOI, then by normalised title (union of both), one unit per group; a unit is labelled include when
  any of its records matches a record of the labelled file (DOI, then normalised title). Labelled records
  that match no export are counted and reported: they were never in the searched set.
- Labelled CSVs from elsewhere (:func:`labelled_csv`, :func:`folder_specs`), e.g. the held-out reviews of
  ASReview's benchmark collection (one row per record, a title, an abstract and a 0/1 label column): one
  unit per row, named ``csv:PATH#LABEL_COLUMN`` so that worker processes can load them by name
  (:func:`load`). They are read as they are: nothing in them was used to choose the prioritiser's settings.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import rispy

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"

import sys  # noqa: E402  (the benchmarks run from a checkout without installing the package)

sys.path.insert(0, str(ROOT / "src"))
from synthesis.normalise import clean_text, fold_accents, normalise_doi  # noqa: E402


@dataclass
class SimSet:
    name: str
    units: pd.DataFrame
    labels: np.ndarray
    notes: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.labels)

    @property
    def includes(self) -> int:
        return int(self.labels.sum())


def _csv_set(name: str, file: str, column: str) -> SimSet:
    path = DATA / "screening" / file
    df = pd.read_csv(path)
    units = pd.DataFrame({"group_id": df["record_id"].astype(str), "title": df["title"].fillna(""),
                          "abstract": df["abstract"].fillna("")})
    labels = df[column].astype(int).to_numpy()
    return SimSet(name, units, labels, [f"{path.name}: {len(df)} records, {labels.sum()} includes ({column})"])


def nagtegaal_final() -> SimSet:
    return _csv_set("Nagtegaal final", "Nagtegaal_2019.csv", "label_included")


def nagtegaal_tiab() -> SimSet:
    return _csv_set("Nagtegaal TiAb", "Nagtegaal_2019.csv", "label_abstract_screening")


def kitchenham_final() -> SimSet:
    return _csv_set("Kitchenham final", "Kitchenham_2010.csv", "label_included")


def norm_title(value) -> str:
    """Lower case letters and digits only, accents folded: the title key for matching."""
    return re.sub(r"[^a-z0-9]+", "", fold_accents(clean_text(value)).lower())


def _ris(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig") as fh:
        entries = rispy.load(fh)
    out = []
    for e in entries:
        title = e.get("title") or e.get("primary_title") or e.get("short_title") or ""
        abstract = e.get("abstract") or e.get("notes_abstract") or ""
        if isinstance(abstract, list):
            abstract = " ".join(abstract)
        keywords = [clean_text(k) for k in (e.get("keywords") or []) if clean_text(k)]
        out.append({"title": clean_text(title), "abstract": clean_text(abstract), "doi": normalise_doi(e.get("doi", "")),
                    "tkey": norm_title(title), "keywords": keywords})
    return out


def _citesource_set(name: str, folder: str, labelled: dict[str, str], stage: str) -> SimSet:
    """Units from the exports in ``folder``; labels from the file ``labelled[stage]``."""
    base = DATA / "imports" / "citesource_sets" / folder
    label_files = {v for v in labelled.values()}
    records = []
    exports = sorted(p for p in base.glob("*.ris") if p.stem.split("__", 1)[-1] not in label_files)
    for p in exports:
        records += [dict(r, file=p.name) for r in _ris(p)]
    # union-find over records sharing a DOI or a normalised title
    parent = list(range(len(records)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict = {}
    for i, r in enumerate(records):
        for k in (("doi", r["doi"]), ("title", r["tkey"])):
            if not k[1] or (k[0] == "title" and len(k[1]) < 10):
                continue
            if k in first:
                parent[find(i)] = find(first[k])
            else:
                first[k] = i
    groups: dict[int, list[int]] = {}
    for i in range(len(records)):
        groups.setdefault(find(i), []).append(i)
    rows, doi_to_unit, title_to_unit = [], {}, {}
    for u, members in enumerate(groups.values()):
        # the member with the longest abstract carries the text (what deduplication would keep)
        best = max(members, key=lambda i: (len(records[i]["abstract"]), len(records[i]["title"])))
        # keywords: the union over the group's records, first seen first (as the deduplicated library keeps them)
        keywords = list(dict.fromkeys(k for i in members for k in records[i]["keywords"]))
        rows.append({"group_id": f"u{u:05d}", "title": records[best]["title"], "abstract": records[best]["abstract"],
                     "keywords": "; ".join(keywords)})
        for i in members:
            if records[i]["doi"]:
                doi_to_unit[records[i]["doi"]] = u
            if records[i]["tkey"]:
                title_to_unit[records[i]["tkey"]] = u
    units = pd.DataFrame(rows)
    target = base / f"CiteSource__{labelled[stage]}.ris"
    labels = np.zeros(len(units), dtype=int)
    unmatched = 0
    wanted = _ris(target)
    for r in wanted:
        u = doi_to_unit.get(r["doi"]) if r["doi"] else None
        if u is None:
            u = title_to_unit.get(r["tkey"])
        if u is None:
            unmatched += 1
        else:
            labels[u] = 1
    notes = [f"{len(exports)} exports, {len(records)} records -> {len(units)} units (DOI/title groups)",
             f"{target.name}: {len(wanted)} records = {int(labels.sum())} units labelled include "
             f"(+ {len(wanted) - unmatched - int(labels.sum())} matched an already-labelled unit) "
             f"+ {unmatched} not found in the exports"]
    return SimSet(name, units, labels, notes)


WILDFIRE = {"tiab": "screened_128", "final": "final_24"}
FOREST = {"tiab": "TiAb", "final": "Final"}


def wildfire_tiab() -> SimSet:
    return _citesource_set("Wildfire TiAb", "wildfire_stage_analysis", WILDFIRE, "tiab")


def wildfire_final() -> SimSet:
    return _citesource_set("Wildfire final", "wildfire_stage_analysis", WILDFIRE, "final")


def forest_tiab() -> SimSet:
    return _citesource_set("Forest TiAb", "forest_working_example_reexported", FOREST, "tiab")


def forest_final() -> SimSet:
    return _citesource_set("Forest final", "forest_working_example_reexported", FOREST, "final")


ALL = {
    "nagtegaal_final": nagtegaal_final,
    "nagtegaal_tiab": nagtegaal_tiab,
    "kitchenham_final": kitchenham_final,
    "wildfire_tiab": wildfire_tiab,
    "wildfire_final": wildfire_final,
    "forest_tiab": forest_tiab,
    "forest_final": forest_final,
}


# -- labelled CSVs from elsewhere ------------------------------------------------------------------------------
# Column names the benchmark collections use for the text (first one present wins; matched without case).
TEXT_COLUMNS = {
    "title": ("title", "primary_title", "ti"),
    "abstract": ("abstract", "notes_abstract", "ab"),
}
KEY_COLUMNS = ("record_id", "pubmedid", "pmid", "openalex_id", "id")
LABEL_VALUES = {"1": 1, "1.0": 1, "true": 1, "0": 0, "0.0": 0, "false": 0}
CSV_PREFIX = "csv:"


class LabelledCsvError(ValueError):
    """A labelled CSV that cannot be replayed as it is (the message names the file and row)."""


def _column(df: pd.DataFrame, wanted: tuple) -> str | None:
    """The first column of ``wanted`` the table has, matched without case and surrounding spaces."""
    lower = {str(c).strip().lower(): c for c in df.columns}
    for name in wanted:
        if name in lower:
            return lower[name]
    return None


def labelled_csv(path, label_column: str = "label_included") -> SimSet:
    """One unit per row of a labelled screening CSV (title, abstract, a 0/1 decision per record).

    The units' keys are the file's record ids when it has a unique id column (``record_id``, ``pubmedID``,
    ...), else the row numbers. A label other than 0/1 (or true/false), or a missing one, is an error naming
    the file and the data row: a replay needs every record's decision. A file without a title or abstract
    column, or with too few includes and excludes for the priors, is an error too.
    """
    path = Path(path)
    raw = path.read_bytes()
    # pandas' missing-value words ("NA", "null", ...) read as empty text, as in the shared sets' loader and in
    # ASReview's own reader (both read with pandas' defaults)
    df = pd.read_csv(path, dtype=str, encoding="utf-8-sig").fillna("")
    cols = {k: _column(df, v) for k, v in TEXT_COLUMNS.items()}
    missing = [k for k, c in cols.items() if c is None]
    if missing:
        raise LabelledCsvError(f"{path}: no {' or '.join(missing)} column (looked for "
                               f"{'; '.join(', '.join(TEXT_COLUMNS[k]) for k in missing)}); "
                               f"the file has {', '.join(map(str, df.columns))}")
    if label_column not in df.columns:
        raise LabelledCsvError(f"{path}: no label column {label_column!r}; "
                               f"the file has {', '.join(map(str, df.columns))}")
    labels = []
    for i, value in enumerate(df[label_column]):
        label = LABEL_VALUES.get(str(value).strip().lower())
        if label is None:
            raise LabelledCsvError(f"{path}: data row {i + 1}: {label_column} is {value!r}, not 0 or 1")
        labels.append(label)
    labels = np.asarray(labels, dtype=int)
    if labels.sum() < 1 or (labels == 0).sum() < 1:
        raise LabelledCsvError(f"{path}: {label_column} needs at least one include and one exclude "
                               f"({int(labels.sum())} includes in {len(labels)} rows)")
    key = _column(df, KEY_COLUMNS)
    keys = df[key].astype(str) if key is not None and df[key].is_unique and (df[key] != "").all() else None
    units = pd.DataFrame({"group_id": keys.tolist() if keys is not None else [f"row{i + 1}" for i in range(len(df))],
                          "title": df[cols["title"]].tolist(), "abstract": df[cols["abstract"]].tolist()})
    with_abstract = int((units["abstract"].str.strip() != "").sum())
    with_title = int((units["title"].str.strip() != "").sum())
    notes = [f"{path.name}: {len(df)} records, {int(labels.sum())} includes ({label_column}, "
             f"{labels.mean():.1%}); {with_title} with a title, {with_abstract} with an abstract; "
             f"sha256 {hashlib.sha256(raw).hexdigest()[:12]}"]
    return SimSet(path.stem, units, labels, notes)


def folder_specs(folder, label_column: str = "label_included") -> list[str]:
    """The names (``csv:PATH#LABEL``) of every ``*.csv`` directly in ``folder``, sorted by file name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise LabelledCsvError(f"{folder}: not a folder")
    files = sorted(folder.glob("*.csv"))
    if not files:
        raise LabelledCsvError(f"{folder}: no .csv files")
    return [f"{CSV_PREFIX}{p.resolve()}#{label_column}" for p in files]


def load(name: str) -> SimSet:
    """A set by its name: a key of :data:`ALL`, or ``csv:PATH#LABEL_COLUMN`` for a labelled CSV."""
    if name.startswith(CSV_PREFIX):
        path, _, label = name[len(CSV_PREFIX):].rpartition("#")
        return labelled_csv(path, label)
    return ALL[name]()


def short_name(name: str) -> str:
    """How the tables name a set: a labelled CSV by its file's stem, a shared set by its key."""
    if not name.startswith(CSV_PREFIX):
        return name
    return Path(name[len(CSV_PREFIX):].rpartition("#")[0]).stem


def cache_tag(name: str) -> str:
    """The key of a set's results in ASReview's cache: a labelled CSV's stem, label column and content hash
    (a file changed since, or another file of the same name, is never mistaken for it)."""
    if not name.startswith(CSV_PREFIX):
        return name
    path, _, label = name[len(CSV_PREFIX):].rpartition("#")
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
    return f"{Path(path).stem}-{label}-{digest}"
