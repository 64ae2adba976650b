"""Labelled screening sets for the prioritisation simulation, read from ../shared/data.

Each loader returns a :class:`SimSet`: a units table (``group_id``, ``title``, ``abstract``) and the real
decision of every unit (1 include, 0 exclude), plus notes on how it was built (counts reconcile).

- Nagtegaal 2019 and Kitchenham 2010 (``screening/``): one unit per row, labels as published.
- CiteSource sets (``imports/citesource_sets/``): the database exports beside the labelled files are grouped
  by DOI, then by normalised title (union of both), one unit per group; a unit is labelled include when
  any of its records matches a record of the labelled file (DOI, then normalised title). Labelled records
  that match no export are counted and reported: they were never in the searched set.
"""
from __future__ import annotations

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
