"""Measure deduplication against a labelled set: the scoring convention of ASySD and bib-dedupe.

Each predicted duplicate group keeps one record. A predicted group that joins *k* true entities loses
*k - 1* of them (false positives: studies silently lost); a true entity split over *m* predicted groups
leaves *m - 1* redundant copies (false negatives: extra screening).

Also reads the labelled sets in ``../shared/data/dedup`` into record tables with their answer key.

Examples
--------
>>> accuracy(["g1", "g1", "g2", "g3"], ["a", "a", "b", "b"])["FP"], accuracy(["g1", "g1", "g1"], ["a", "a", "b"])["FP"]
(0, 1)
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..records import make_record_table

__all__ = ["accuracy", "load_labelled_set", "LABELLED_SETS"]

#: Labelled sets with a full answer key, by folder name.
LABELLED_SETS = ["asysd_diabetes", "rathbone_cytology", "rathbone_haematology", "rathbone_stroke", "special_cases"]


def accuracy(predicted, truth) -> dict:
    """Counts of the scoring convention for one labelled set.

    Parameters
    ----------
    predicted, truth : sequences of hashable
        Predicted group and true entity of every record, in the same order.

    Returns
    -------
    dict
        ``records``, ``entities``, ``true_duplicates``, ``TP``, ``FP``, ``FN``, ``sensitivity``
        (TP / true duplicates) and ``specificity`` (1 - FP / entities).
    """
    frame = pd.DataFrame({"p": list(predicted), "t": list(truth)})
    n = len(frame)
    entities = frame["t"].nunique()
    incidences = len(frame.drop_duplicates())
    groups = frame["p"].nunique()
    true_dups = n - entities
    tp = n - incidences
    fp = incidences - groups
    fn = true_dups - tp
    return {"records": n, "entities": entities, "true_duplicates": true_dups, "TP": tp, "FP": fp, "FN": fn,
            "sensitivity": tp / true_dups if true_dups else 1.0,
            "specificity": 1 - fp / entities if entities else 1.0}


def _truth(ids, merged_csv: Path) -> list[str]:
    entity = {i: i for i in ids}
    for line in pd.read_csv(merged_csv)["merged_ids"].dropna():
        members = [m.strip() for m in str(line).split(";") if m.strip()]
        for m in members:
            entity[m] = members[0]
    return [entity[i] for i in ids]


def _text(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def load_labelled_set(folder) -> tuple[pd.DataFrame, list[str]]:
    """A labelled set as a record table and the true entity of each record.

    Parameters
    ----------
    folder : path
        One of the folders of ``../shared/data/dedup`` named in :data:`LABELLED_SETS`.

    Returns
    -------
    (records, truth)
        ``records`` has ``source_id`` set to the set's own id (``id_0000001``); ``truth`` is a list.
    """
    folder = Path(folder)
    name = folder.name
    if (folder / "labelled_test_set.csv").exists():
        raw = pd.read_csv(folder / "labelled_test_set.csv", encoding="latin-1", dtype=str, keep_default_na=False)
        rows = []
        for k, r in enumerate(raw.to_dict("records"), 1):
            # ASySD's export runs authors together: "Adeli K.Lewis G. F."
            authors = [a.strip() for a in re.split(r"(?<=\.)(?=[A-Z][^.\s])", r["author"]) if a.strip()]
            rows.append({"source_file": f"{name}/labelled_test_set.csv", "source_index": k,
                         "source_database": _text(r.get("source_db", "")),
                         "source_id": "id_%07d" % int(r["record_id"]), "title": r["title"], "authors": authors,
                         "year": r["year"], "journal": r["journal"], "volume": r["volume"], "issue": r["number"],
                         "pages": r["pages"], "doi": r["doi"], "isbn_issn": r["isbn"], "abstract": r["abstract"]})
    else:
        raw = pd.read_csv(folder / "records_pre_merged.csv", dtype=str, keep_default_na=False)
        rows = []
        for k, r in enumerate(raw.to_dict("records"), 1):
            authors = [a.strip() for a in re.split(r"\s+and\s+", r.get("author", "")) if a.strip()]
            year = r.get("year", "")
            rows.append({"source_file": f"{name}/records_pre_merged.csv", "source_index": k,
                         "source_id": r["ID"], "type": r.get("ENTRYTYPE", ""), "title": r.get("title", ""),
                         "authors": authors, "year": year.split(".")[0] if year else "",
                         "journal": r.get("journal", "") or r.get("booktitle", ""), "volume": r.get("volume", ""),
                         "issue": r.get("number", "") or r.get("issue", ""), "pages": r.get("pages", ""),
                         "doi": r.get("doi", ""), "abstract": r.get("abstract", "")})
    from ..normalise import normalise_doi, normalise_pages

    for row in rows:
        row["doi"] = normalise_doi(row["doi"])
        row["pages"] = normalise_pages(row["pages"])
    records = make_record_table(rows)
    truth = _truth(records["source_id"].tolist(), folder / "merged_record_ids.csv")
    return records, truth
