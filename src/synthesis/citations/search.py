"""Backward citation searching from the exports themselves: the references of the included studies.

Web of Science and Scopus exports carry each record's cited references. :func:`backward_citation_search`
takes the included studies of a built project (``output/``), collects the references of every export record
of each study, parses them (:mod:`~synthesis.citations.parse`), merges the same reference cited by several
studies, and matches each against the library (:mod:`~synthesis.citations.match`). References already in
the library are counted as found; the others are the candidates. :meth:`CitationSearch.write_round` writes
the candidates as an export of their own (RIS) into the search round and records the search in
``evidence/searches.toml`` with ``kind = "citation"``; the next build deduplicates them against the library,
puts them in the screening queue, and counts them in the PRISMA diagram's "citation searching" box, with
their screening in the other-methods column.

Forward citation searching is the same from the other side: save the "cited by" export of the included
studies (Web of Science "Citing articles", Scopus "Cited by") into the round folder and record it in the
search log with ``kind = "citation"``.

Examples
--------
>>> search = backward_citation_search("path/to/review")      # doctest: +SKIP
>>> search.summary()["new_candidates"]                        # doctest: +SKIP
>>> search.write_round("path/to/review")                      # doctest: +SKIP
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import NotBuiltError, SynthesisError
from ..wording import counted
from .match import match_references, reference_key
from .parse import FIELDS, references_of_record

#: File name of the candidates written into a round.
ROUND_FILE = "citation_search_backward.ris"
FORMAT_NAMES = {"wos": "Web of Science CR", "scopus": "Scopus References", "lens": "Lens References",
                "openalex": "OpenAlex referenced_works"}


class CitationSearchError(SynthesisError, ValueError):
    """A citation search that cannot be written (no references to search): one sentence in a notebook."""


@dataclass
class CitationSearch:
    """What backward citation searching found: every reference, and the candidates not in the library."""

    references: pd.DataFrame  # one row per reference of each included study
    candidates: pd.DataFrame  # one row per distinct reference not (surely) in the library
    included: list[str]
    notes: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        refs = self.references
        distinct = refs.drop_duplicates("key")
        return {
            "included_studies": len(self.included),
            "studies_with_references": int(refs["citing_group"].nunique()) if len(refs) else 0,
            "references": len(refs),
            "distinct": len(distinct),
            "already_found": int((distinct["status"] == "found").sum()),
            "maybe": int((distinct["status"] == "maybe").sum()),
            "new_candidates": len(self.candidates),
            "unresolved": int((distinct["status"] == "unresolved").sum()),
            "fields": sorted({FORMAT_NAMES.get(f, f) for f in refs["format"]}) if len(refs) else [],
        }

    def candidate_records(self) -> list[dict]:
        """The candidates as record dicts; the reference as exported and who cites it are in the abstract.

        A Web of Science reference has no title, and none is made up: its text stays out of the title so that
        deduplication does not take two references of one journal for one paper.
        """
        out = []
        for c in self.candidates.itertuples():
            cited = f"cited by {counted(c.cited_by, 'included report')} ({c.citing_groups})"
            note = (f"Cited reference as exported ({FORMAT_NAMES.get(c.format, c.format)}): {c.text}. Backward "
                    f"citation searching: {cited}."
                    + (" Perhaps already in the library: check." if c.status == "maybe" else ""))
            out.append({"type": "journal-article" if c.volume else "other", "title": c.title or "",
                        "authors": [c.first_author] if c.first_author else [],
                        "year": int(c.year) if c.year == c.year and c.year is not None else None,
                        "journal": c.source or "", "volume": c.volume or "", "pages": c.page or "",
                        "doi": c.doi or "", "abstract": note, "source_database": "Citation searching"})
        return out

    def write_round(self, project=".", round_name: str | None = None, date: _dt.date | None = None,
                    log: bool = True) -> Path | None:
        """Write the candidates into ``data/searches/<round>/citation_search_backward.ris`` (default: the
        latest round) and, with ``log``, add the search to ``evidence/searches.toml``; returns the file.

        With no candidates (every reference already in the library) no file is written, and the search is
        only logged, so that the PRISMA-S report still says it was done; ``None`` is returned.
        """
        from ..io.export import write_ris
        from ..prisma.searchlog import add_search
        from ..project import Project

        project = Project(project)
        rounds = project.rounds()
        if round_name is None:
            round_name = rounds[-1].name
        folder = next((r.path for r in rounds if r.name == round_name), project.data / "searches" / round_name)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / ROUND_FILE
        if path.exists():
            raise FileExistsError(f"{path} exists: citation searching was already written for round {round_name}; "
                                  f"move it away to search again")
        if not len(self.references):
            raise CitationSearchError("no cited references in the exports of the included studies: nothing to search "
                             "(only Web of Science, Scopus, Lens and OpenAlex exports carry them)")
        written = len(self.candidates) > 0
        if written:
            write_ris(self.candidate_records(), path)
        if log:
            s = self.summary()
            add_search(project.evidence / "searches.toml", id=f"citations-backward-{round_name}",
                       kind="citation", database="Citation searching (backward)",
                       platform="reference lists in the exports of the included studies: " + ", ".join(s["fields"]),
                       date=date or _dt.date.today(),
                       search_string=(f"The references cited by {s['studies_with_references']} of the "
                                      f"{counted(s['included_studies'], 'included report')} (duplicate groups), "
                                      f"parsed and matched against the "
                                      f"library: {s['references']} references, {s['distinct']} distinct, "
                                      f"{s['already_found']} already in the library, {s['new_candidates']} "
                                      f"candidates ({s['maybe']} perhaps in it)."),
                       records_reported=len(self.candidates), files=[project.rel(path)] if written else [],
                       round=round_name, notes="Written by synthesis.citations.backward_citation_search.")
        return path if written else None


def included_groups(output) -> list[str]:
    """The duplicate groups included at full text, from a build's ``screening_status.csv``."""
    status = pd.read_csv(Path(output) / "screening_status.csv", dtype=str, keep_default_na=False)
    ft = status[(status["stage"] == "full_text") & (status["decision"] == "include")]
    return list(dict.fromkeys(ft["group_id"]))


def _named(library: pd.DataFrame, groups: list[str]) -> list[str]:
    """Each group as "Marsh 2022 (g469c108839efd4d6)": a reviewer knows a study by its first author and year;
    the id finds it in the output's tables."""
    from ..normalise import cited_study

    rows = library.drop_duplicates("group_id").set_index("group_id")
    return [cited_study(rows.at[g, "authors"] if "authors" in rows.columns else "",
                        rows.at[g, "year"] if "year" in rows.columns else "", g) if g in rows.index else g
            for g in groups]


#: Databases whose exports carry each record's cited references when the searcher asks for them, and how.
ASK_FOR_REFERENCES = {"Scopus": "Scopus's export with 'References' ticked",
                      "Web of Science": "Web of Science's 'Full Record and Cited References'"}


def _why_no_references(records: pd.DataFrame, group_of: dict, groups: set) -> str:
    """Why those studies' exports carry no references: the databases that export them only when asked (a
    reviewer read "only Web of Science, Scopus, Lens and OpenAlex exports carry them" of her Scopus and Web
    of Science exports), or databases that never do."""
    found = records[[group_of.get(r) in groups for r in records["record_id"]]]
    databases = sorted(set(found["source_database"].fillna("").astype(str)) - {""}) \
        if "source_database" in found else []
    asked = [d for d in databases if d in ASK_FOR_REFERENCES]
    if asked:
        return (f"Their {' and '.join(asked)} export{'s were' if len(asked) > 1 else ' was'} saved without cited "
                f"references; export again with them ({'; '.join(ASK_FOR_REFERENCES[d] for d in asked)}) to "
                f"search their references.")
    return "Only Web of Science, Scopus, Lens and OpenAlex exports carry them."


def backward_citation_search(project=".", included: list[str] | None = None) -> CitationSearch:
    """The references of the included studies of a built project, matched against its library.

    ``included``: group ids of the studies whose references to search (default: every group included at
    full text). Reads ``output/records.csv``, ``duplicate_groups.csv`` and ``library.csv``; writes nothing.
    """
    from ..io.export import read_csv

    output = Path(project) / "output"
    if not (output / "library.csv").exists():
        raise NotBuiltError(f"{output}: no library.csv; run `synthesis build` first")
    included = list(included) if included is not None else included_groups(output)
    records = read_csv(output / "records.csv")
    groups = pd.read_csv(output / "duplicate_groups.csv", dtype=str, keep_default_na=False)
    library = read_csv(output / "library.csv").assign(
        group_id=pd.read_csv(output / "library.csv", dtype=str, keep_default_na=False)["group_id"])
    group_of = dict(zip(groups["record_id"], groups["group_id"]))
    wanted = set(included)
    rows = []
    notes = []
    for rec in records.itertuples():
        group = group_of.get(rec.record_id)
        if group not in wanted:
            continue
        seen = set()
        for ref in references_of_record(rec.raw):
            key = reference_key(ref)
            if key in seen:  # the same study's copy in another database lists it again
                continue
            seen.add(key)
            rows.append({"citing_group": group, "citing_record": rec.record_id, **ref, "key": key})
    without = sorted(wanted - {r["citing_group"] for r in rows})
    if not wanted:  # a notebook printed an empty line here, and a summary of zeros
        notes.append("No report is included at full text yet: citation searching takes the references of the "
                     "included studies, so there is nothing to search until some are included.")
    if without:
        # (a study with two reports, a preprint and its article, is two groups: each has its own references)
        notes.append(f"{len(without)} of the {counted(len(wanted), 'included report')} "
                     f"{'has' if len(without) == 1 else 'have'} no cited references in their exports: "
                     f"{', '.join(_named(library, without[:8]))}{' ...' if len(without) > 8 else '.'} "
                     + _why_no_references(records, group_of, set(without)))
    columns = ["citing_group", "citing_record", "format", "text", *FIELDS, "identifier", "key"]
    refs = pd.DataFrame(rows).reindex(columns=columns) if rows else pd.DataFrame(columns=columns)
    refs["identifier"] = refs["identifier"].astype(object).fillna("")
    # One study citing twice is one row; several studies citing one paper: one match, kept on each row.
    first = refs.drop_duplicates("key")
    matched = match_references(first, library) if len(first) else first.assign(
        status=[], library_pos=[], group_id=[], why=[])
    decided = matched.set_index("key")[["status", "group_id", "why"]]
    refs = refs.join(decided, on="key")
    cited_by = refs.groupby("key")["citing_group"].agg(lambda g: list(dict.fromkeys(g)))
    cand = matched[matched["status"].isin(["new", "maybe"])].copy()
    cand["cited_by"] = cand["key"].map(lambda k: len(cited_by[k]))
    cand["citing_groups"] = cand["key"].map(lambda k: ", ".join(cited_by[k]))
    cand = cand.sort_values(["cited_by", "key"], ascending=[False, True]).reset_index(drop=True)
    return CitationSearch(refs, cand, included, notes)


__all__ = ["CitationSearch", "backward_citation_search", "included_groups", "ROUND_FILE"]
