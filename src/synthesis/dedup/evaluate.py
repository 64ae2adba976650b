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

__all__ = ["accuracy", "load_labelled_set", "LABELLED_SETS", "recurring_title_set", "perfect_review",
           "maybe_list_quality", "rule_kept_duplicates"]

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


_RECURRING = ["Editor's Comments", "In This Issue", "From the Editor", "Book Review", "Letter to the Editor",
              "Reply", "Editorial", "Preface"]
_ARTICLE_WORDS = ["adoption", "trust", "platform", "governance", "outsourcing", "knowledge", "security", "privacy",
                  "analytics", "coordination", "virtual", "teams", "sourcing", "digital", "innovation", "markets",
                  "sharing", "mobile", "health", "learning", "design", "pricing", "control", "systems"]


def recurring_title_set(years: int = 20, seed: int = 13) -> tuple[pd.DataFrame, list[str]]:
    """A generated stress set of recurring titles, exported from two databases, and its answer key.

    One quarterly journal over ``years`` years: in every issue an "Editor's Comments" by the editor of the
    day, most issues an "In This Issue", some a "Book Review", "Letter to the Editor" and "Reply", and two
    research articles. DOIs exist from the eleventh year on (the early years have none, as for many
    journals). Each item is exported by two databases that write the journal, authors and title case
    differently; the second leaves out some issue numbers, some pages and some DOIs, and for a few records
    puts the issue number in the volume field. Every copy of an item is one true entity; a merge across
    items is a false merge.

    Returns
    -------
    (records, truth)
        As :func:`load_labelled_set`.

    Examples
    --------
    >>> records, truth = recurring_title_set(years=2)
    >>> len(records) == len(truth), len(set(truth)) < len(truth)
    (True, True)
    """
    import random

    rng = random.Random(seed)
    items = []
    editors = [("Weber", "Ron"), ("Saunders", "Carol"), ("Straub", "Detmar"), ("Goes", "Paulo"), ("Rai", "Arun")]
    for y in range(years):
        year, volume = 1999 + y, 23 + y
        family, given = editors[(y // 4) % len(editors)]
        page = 1
        for issue in range(1, 5):
            page = (issue - 1) * 200 + 1
            entries = [("Editor's Comments", [(family, given)], 4)]
            if rng.random() < 0.8:
                entries.append(("In This Issue", [(family, given)], 2))
            for t in ("Book Review", "Letter to the Editor", "Reply", "Editorial", "Preface", "From the Editor"):
                if rng.random() < 0.25:
                    entries.append((t, [(rng.choice(["Lee", "Kim", "Chen", "Smith"]), rng.choice(["A", "B", "J"]))],
                                    3))
            for _ in range(2):
                words = rng.sample(_ARTICLE_WORDS, 5)
                title = f"{words[0].title()} and {words[1]} in {words[2]} {words[3]}: evidence from {words[4]}"
                entries.append((title, [(rng.choice(["Lee", "Kim", "Chen", "Smith", "Gupta"]), "M"),
                                        (rng.choice(["Park", "Jones", "Li"]), "K")], 20))
            for n, (title, authors, length) in enumerate(entries):
                doi = f"10.2307/{year}{issue:02d}{n:02d}" if y >= years // 2 else ""
                items.append({"title": title, "authors": authors, "year": year, "volume": str(volume),
                              "issue": str(issue), "first": page, "last": page + length - 1, "doi": doi,
                              "entity": f"{year}-{issue}-{n}"})
                page += length
    rows, truth = [], []
    for k, it in enumerate(items):
        a = {"source_file": "scopus.ris", "source_index": k + 1, "source_database": "Scopus",
             "title": it["title"], "authors": [f"{f}, {g}." for f, g in it["authors"]], "year": it["year"],
             "journal": "MIS Quarterly: Management Information Systems", "volume": it["volume"],
             "issue": it["issue"], "pages": f"{it['first']}-{it['last']}", "doi": it["doi"], "type": "JOUR"}
        b = {"source_file": "wos.txt", "source_index": k + 1, "source_database": "Web of Science",
             "title": it["title"].upper() if rng.random() < 0.5 else it["title"],
             "authors": [f"{f} {g[0]}" for f, g in it["authors"]], "year": it["year"], "journal": "MIS Q",
             "volume": it["volume"], "issue": it["issue"], "pages": f"{it['first']}-{it['last']}",
             "doi": it["doi"], "type": "Journal Article"}
        luck = rng.random()
        if luck < 0.15:
            b["issue"] = ""
        elif luck < 0.3:
            b["pages"] = ""
        elif luck < 0.4:
            b["doi"] = ""
        elif luck < 0.45:
            b["volume"], b["issue"] = it["issue"], ""  # the issue number in the volume field
        for r in (a, b):
            rows.append(r)
            truth.append(it["entity"])
    return make_record_table(rows), truth


def perfect_review(records: pd.DataFrame, truth, result=None, rounds: int = 5, **options):
    """What a reviewer who always answers right ends with: the maybe list decided, deduplication re-run.

    Each round the reviewer decides the pairs of the maybe list (``result.maybe_pairs``: one per pair of
    groups, as the widget shows them); the verdicts go back in as a verdict table and deduplication runs
    again, which may list new pairs between the groups just joined and others. Stops when no new pair is
    listed or after ``rounds`` rounds.

    Returns
    -------
    (result, verdicts)
        The last run's :class:`~synthesis.dedup.pipeline.DedupResult` and every verdict given.
    """
    from .pipeline import deduplicate

    entity = dict(zip(records["record_id"], truth))
    result = result if result is not None else deduplicate(records, **options)
    given: dict = {}
    for _ in range(rounds):
        new = [(a, b) for a, b in zip(result.maybe_pairs["record_id_1"], result.maybe_pairs["record_id_2"])
               if (a, b) not in given]
        if not new:
            break
        for a, b in new:
            given[(a, b)] = "duplicate" if entity[a] == entity[b] else "not_duplicate"
        verdicts = pd.DataFrame([(a, b, v) for (a, b), v in given.items()],
                                columns=["record_id_1", "record_id_2", "verdict"])
        result = deduplicate(records, verdicts=verdicts, **options)
    verdicts = pd.DataFrame([(a, b, v) for (a, b), v in given.items()], columns=["record_id_1", "record_id_2", "verdict"])
    return result, verdicts


def maybe_list_quality(records: pd.DataFrame, truth, result) -> dict:
    """How useful a run's maybe list is on a labelled set.

    Returns
    -------
    dict
        ``maybe_pairs``, ``maybe_per_100`` (records), ``real`` (pairs that are duplicates),
        ``first_half`` (of those, how many are in the first half of the list, ``ceil(n / 2)`` pairs),
        ``first_half_share`` and ``first_half_best`` (the share the best possible order would reach: when
        more than half the list is real duplicates, not all can be in its first half), and
        ``with_maybe`` (:func:`accuracy` after a perfect reviewer decided the list, see
        :func:`perfect_review`), ``rule_kept_after_review`` (true duplicates still apart that only a rule
        keeps out of the list, see :func:`rule_kept_duplicates`) and ``sensitivity_with_maybe_less_rules``.
    """
    entity = dict(zip(records["record_id"], truth))
    pairs = result.maybe_pairs
    real = [entity[a] == entity[b] for a, b in zip(pairs["record_id_1"], pairs["record_id_2"])]
    half = (len(real) + 1) // 2
    n_real = sum(real)
    reviewed, verdicts = perfect_review(records, truth, result)
    with_maybe = accuracy(reviewed.groups["group_id"], truth)
    hidden = rule_kept_duplicates(records, truth, verdicts)
    return {"maybe_pairs": len(pairs), "maybe_per_100": 100 * len(pairs) / max(len(records), 1), "real": n_real,
            "first_half": sum(real[:half]), "first_half_share": sum(real[:half]) / n_real if n_real else 1.0,
            "first_half_best": min(half, n_real) / n_real if n_real else 1.0,
            "with_maybe": with_maybe, "rule_kept_after_review": hidden,
            "sensitivity_with_maybe_less_rules": with_maybe["TP"] / max(with_maybe["true_duplicates"] - hidden, 1)}


def rule_kept_duplicates(records: pd.DataFrame, truth, verdicts: pd.DataFrame | None = None) -> int:
    """True duplicates that only a never-merge rule keeps apart, beyond what a run already finds.

    Every pair the rules kept apart (a pair with a rule's reason: different DOIs, a notice and its article,
    a conference abstract and its article, different issues or first pages in one volume, a generic title
    without locators, a join through a chain), whatever its likelihood, is confirmed where it is a true
    duplicate; the count is the duplicates this finds beyond the run with ``verdicts`` alone (none: the
    automatic tier). A target "a peer's sensitivity less the pairs the rules forbid" subtracts these.
    """
    from .decide import DecisionRules
    from .pipeline import deduplicate

    entity = dict(zip(records["record_id"], truth))
    verdicts = verdicts if verdicts is not None else pd.DataFrame(columns=["record_id_1", "record_id_2", "verdict"])
    base = deduplicate(records, verdicts=verdicts)
    loose = deduplicate(records, rules=DecisionRules(maybe_floor=0.0))
    p = loose.pairs
    ruled = p[(p["decision"] == "maybe") & ~p["reason"].map(_explained_reason)]
    good = [(a, b) for a, b in zip(ruled["record_id_1"], ruled["record_id_2"]) if entity[a] == entity[b]]
    if not good:
        return 0
    more = pd.DataFrame([(a, b, "duplicate") for a, b in good], columns=["record_id_1", "record_id_2", "verdict"])
    joined = deduplicate(records, verdicts=pd.concat([verdicts[["record_id_1", "record_id_2", "verdict"]], more]))
    return accuracy(joined.groups["group_id"], truth)["TP"] - accuracy(base.groups["group_id"], truth)["TP"]


def _explained_reason(reason: str) -> bool:
    return str(reason).startswith(("titles ", "same title", "no title"))
