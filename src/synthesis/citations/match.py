"""Match cited references against the library with the deduplication's field scorer.

A cited reference is short: a first author, a year, an abbreviated source, volume, page, sometimes a DOI
(Web of Science) or a title (Scopus). Each reference is paired with the library records that share its
DOI, its volume and first page, or its first author's family name within a year, the pairs are scored field by field by
:func:`synthesis.dedup.score.score_columns` (the scorer deduplication uses), and a pair is:

* ``found`` (already in the library) when the DOIs agree; or, with no conflicting DOI, the first author
  agrees, the years are at most one apart, and either volume and first page both agree or the titles are
  nearly the same (90 or more); or journal, year, volume and first page all agree (whoever is named first);
* ``maybe`` when the first author and year agree and the volume, the page or the title (80 or more) does;
* otherwise the reference is ``new``.

References given only as identifiers (Lens IDs, OpenAlex work ids) are matched on the library's own
identifiers of that kind, else left ``unresolved``: they carry nothing to screen.
"""
from __future__ import annotations

import json

import numpy as np
import pandas as pd

from ..dedup.prep import _family, _plain, normalise_number, prepare_columns
from ..dedup.score import score_columns
from ..records import make_record_table

STATUSES = ("found", "maybe", "new", "unresolved")


def reference_records(refs: pd.DataFrame) -> pd.DataFrame:
    """The references as a record table (first author, year, source as journal, volume, page, DOI, title)."""
    rows = []
    for r in refs.itertuples():
        rows.append({"source_file": "cited references", "source_index": len(rows) + 1,
                     "title": r.title or "", "authors": [r.first_author] if r.first_author else [],
                     "year": int(r.year) if r.year == r.year and r.year is not None else None,
                     "journal": r.source or "", "volume": r.volume or "", "pages": r.page or "", "doi": r.doi or ""})
    return make_record_table(rows)


def reference_key(ref) -> str:
    """A key under which two citations of the same paper agree: the DOI, else author, year, volume, page."""
    doi = str(ref.get("doi") or "").lower().strip()
    if doi:
        return "doi:" + doi
    if ref.get("identifier"):
        return "id:" + str(ref["identifier"]).lower()
    author = _plain(_family(ref.get("first_author") or "")).split(" ")[0] if ref.get("first_author") else ""
    year = str(ref.get("year") or "")
    volume = normalise_number(ref.get("volume") or "", leading=True)
    page = normalise_number(ref.get("page") or "", leading=True)
    if volume or page:
        return f"ref:{author}|{year}|{volume}|{page}"
    title = _plain(ref.get("title") or "")[:60]
    return f"ref:{author}|{year}|{title or _plain(ref.get('source') or '')[:40]}"


def _library_identifiers(library: pd.DataFrame) -> dict[str, int]:
    """Lens IDs and OpenAlex ids of the library's records (from their ``raw`` fields), to row positions."""
    ids: dict[str, int] = {}
    if "raw" not in library:
        return ids
    for pos, raw in enumerate(library["raw"]):
        if isinstance(raw, str) and raw.startswith("{"):
            try:
                raw = json.loads(raw)
            except json.JSONDecodeError:
                continue
        if not isinstance(raw, dict):
            continue
        for key in ("Lens ID", "id", "openalex"):
            value = raw.get(key)
            if isinstance(value, str) and value:
                ids[value.lower().rsplit("/", 1)[-1]] = pos
    return ids


def match_references(refs: pd.DataFrame, library: pd.DataFrame) -> pd.DataFrame:
    """Decide for every reference (rows of :func:`~synthesis.citations.parse` dicts) whether the library
    already holds it; returns ``refs`` with ``status``, ``library_pos`` (row in ``library``, -1 none),
    ``group_id`` (when the library has one) and ``why``.

    >>> from synthesis.records import make_record_table
    >>> lib = make_record_table([{"title": "Shift of light", "authors": ["Arnaud, J. A."], "year": 1972,
    ...                           "journal": "Electronics Letters", "volume": "8", "pages": "541-542"}])
    >>> from synthesis.citations.parse import parse_wos_reference
    >>> refs = pd.DataFrame([parse_wos_reference("ARNAUD JA, 1972, ELECTRON LETT, V8, P541"),
    ...                      parse_wos_reference("ARNAUD JA, 1975, J OPT SOC AM, V65, P174")])
    >>> match_references(refs, lib)["status"].tolist()
    ['found', 'new']
    """
    refs = refs.reset_index(drop=True).copy()
    n_lib = len(library)
    status = np.array(["new"] * len(refs), dtype=object)
    pos = np.full(len(refs), -1, dtype=np.int64)
    why = np.array([""] * len(refs), dtype=object)
    ident = refs["identifier"] if "identifier" in refs else pd.Series([""] * len(refs))
    ident = ident.fillna("").astype(str)
    by_id = _library_identifiers(library) if (ident != "").any() else {}
    for k, value in enumerate(ident):
        if value:
            hit = by_id.get(value.lower().rsplit("/", 1)[-1])
            status[k], pos[k] = ("found", hit) if hit is not None else ("unresolved", -1)
            why[k] = "same identifier" if hit is not None else "an identifier only: nothing to screen"
    todo = np.flatnonzero(ident.to_numpy() == "")
    if len(todo) and n_lib:
        table = pd.concat([library[[c for c in library.columns if c in make_record_table([]).columns]]
                           .reset_index(drop=True), reference_records(refs.iloc[todo])], ignore_index=True)
        prep = prepare_columns(table)
        lib_first = prep["first_author"][:n_lib]
        lib_year = prep["year"][:n_lib]
        lib_doi = prep["doi"][:n_lib]
        by_author: dict[str, list[int]] = {}
        for i, a in enumerate(lib_first):
            if a:
                by_author.setdefault(a, []).append(i)
        by_doi = {d: i for i, d in enumerate(lib_doi) if d}
        by_place: dict[tuple, list[int]] = {}  # volume and first page: where an article is in its journal
        for i in range(n_lib):
            if prep["volume"][i] and prep["page"][i]:
                by_place.setdefault((prep["volume"][i], prep["page"][i]), []).append(i)
        pairs = []
        for k, r in enumerate(todo):
            j = n_lib + k
            cands = set()
            if prep["doi"][j] and prep["doi"][j] in by_doi:
                cands.add(by_doi[prep["doi"][j]])
            cands.update(by_place.get((prep["volume"][j], prep["page"][j]), ()))
            for i in by_author.get(prep["first_author"][j], ()):
                if prep["year"][j] < 0 or lib_year[i] < 0 or abs(int(prep["year"][j]) - int(lib_year[i])) <= 1:
                    cands.add(i)
            pairs += [(i, j) for i in sorted(cands)]
        if pairs:
            s = score_columns(prep, np.array(pairs), workers=1, min_title=-1.0)  # keep every pair: no titles
            decision = _decide(s)
            best: dict[int, tuple] = {}
            rank = {"found": 2, "maybe": 1}
            for i, j, d, score in zip(s["i"], s["j"], decision, s["score"]):
                if d in rank:
                    k = int(j) - n_lib
                    cur = best.get(k)
                    if cur is None or (rank[d], score) > (rank[cur[0]], cur[2]):
                        best[k] = (str(d), int(i), float(score))
            for k, (d, i, _) in best.items():
                status[todo[k]], pos[todo[k]] = str(d), i
    out = refs.assign(status=status, library_pos=pos)
    if "group_id" in library:
        gids = library["group_id"].astype(str).to_numpy()
        out["group_id"] = [gids[p] if p >= 0 else "" for p in pos]
    for k in range(len(out)):
        if not why[k]:
            why[k] = {"found": "already in the library", "maybe": "perhaps in the library: check",
                      "new": "not in the library"}[status[k]]
    out["why"] = why
    return out


def _decide(s: dict) -> np.ndarray:
    doi, first, gap = s["doi"], s["first_author"], s["year_gap"]
    volume, page, title = s["volume"], s["page"], s["title"]
    near = (gap >= 0) & (gap <= 1)
    same_year = gap == 0
    same_place = (volume == 1) & (page == 1)
    found = ((doi == 1) | ((doi != 0) & (first == 1) & near & (same_place | (title >= 90)))
             # same journal, year, volume and first page: the same article even when the citation names
             # another author first (citations get the order of authors wrong)
             | ((doi != 0) & same_year & same_place & (s["journal"] >= 80)))
    # a disagreeing page or volume says it is another paper by the same author
    maybe = (~found & (doi != 0) & (first == 1) & same_year & (volume != 0) & (page != 0)
             & ((volume == 1) | (page == 1) | (title >= 80)))
    return np.where(found, "found", np.where(maybe, "maybe", "distinct"))


__all__ = ["match_references", "reference_records", "reference_key", "STATUSES"]
