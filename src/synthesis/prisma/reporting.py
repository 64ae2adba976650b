"""What the build writes about the searches: the search log reconciled (``searches.csv``), the PRISMA-S
report (``prisma_s.md``, ``.docx``), and the per-database counts the PRISMA diagram takes from the log.

The build calls :func:`searches_for_build` once the exports are imported and deduplicated, takes the
diagram's database and register counts from :meth:`SearchReport.identified`, and writes the files with
:meth:`SearchReport.write` once the PRISMA counts are made.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..io.databases import TRIAL_REGISTERS
from .counts import UNKNOWN_DATABASE
from .prisma_s import prisma_s_items, write_prisma_s
from .searchlog import Reconciliation, SearchLog, read_search_log, reconcile


@dataclass
class SearchReport:
    log: SearchLog | None
    reconciliation: Reconciliation | None
    records: object = None  # the record table
    notes: list[str] = field(default_factory=list)

    def identified(self, round_name: str, default: dict[str, int]) -> tuple[dict[str, int], dict[str, int]]:
        """Records per database and per register of one round, named as the search log names them.

        Records of exports that no search in the log claims keep their database's name (so the counts
        still add up); without a log, or with no search of this round in it, ``default`` is returned.
        """
        if self.log is None or not self.log.in_round(round_name):
            if self.log is not None:
                self.notes.append(f"search log: no search of round {round_name} in evidence/searches.toml; the "
                                  f"PRISMA diagram names the databases from the exports")
            # a trial register's export (ClinicalTrials.gov, the WHO ICTRP) counts in the registers' box
            return ({k: v for k, v in default.items() if k not in TRIAL_REGISTERS},
                    {k: v for k, v in default.items() if k in TRIAL_REGISTERS})
        names = {f: (s.name, s.kind) for s in self.log.searches for f in s.files}
        rows = self.records[self.records["search_round"] == round_name]
        databases: dict[str, int] = {}
        registers: dict[str, int] = {}
        for file, database in zip(rows["source_file"].astype(str), rows["source_database"].fillna("").astype(str)):
            name, kind = names.get(file, (database or UNKNOWN_DATABASE,
                                          "register" if database in TRIAL_REGISTERS else "database"))
            if kind not in ("database", "register"):
                continue  # other methods: see other_methods()
            target = registers if kind == "register" else databases
            target[name] = target.get(name, 0) + 1
        for s in self.log.in_round(round_name):  # searched, found nothing, so exported nothing: n = 0
            if not s.files and s.records_reported == 0 and s.kind in ("database", "register"):
                (registers if s.kind == "register" else databases).setdefault(s.name, 0)
        return dict(sorted(databases.items())), dict(sorted(registers.items()))

    def other_method_files(self) -> dict[str, str]:
        """Export files of searches by other methods (citation searching, websites, organisations): kind."""
        if self.log is None:
            return {}
        return {f: s.kind for s in self.log.searches if s.kind not in ("database", "register") for f in s.files}

    def other_methods(self, round_name: str, screening: dict, records, groups, group_round, screened) -> "OtherMethods":
        """Move the records of other-methods searches (citation searching...) of a round to their own column.

        Their duplicate groups new in this round are counted in the box of their kind (``citations_results``
        ...), their screening in the other-methods boxes (reports sought, not retrieved, assessed, excluded);
        the database column keeps the rest. Their records that joined groups already in the library are
        neither (they were found before) and are reported in a note.

        ``records`` and ``groups`` (the deduplication's, row for row), ``group_round`` (group id -> round of
        its first record) and ``screened`` (the build's screening step: ``units``, ``decisions``, ``settings``)
        come from the build.
        """
        files = self.other_method_files()
        in_round = (records["search_round"] == round_name).to_numpy()
        other_rows = records["source_file"].astype(str).isin(files).to_numpy() & in_round
        if not other_rows.any():
            return OtherMethods(screening, {}, 0, [], automatic=getattr(screened.counts, "left_by_stop", 0))
        from ..screening import prisma_counts

        new_group = groups["group_id"].map(group_round).to_numpy() == round_name
        first = ~groups["group_id"].duplicated().to_numpy()
        groups = groups["group_id"].to_numpy()
        # A group belongs to the other-methods column when every one of its records in this round came from
        # an other-methods search and it is new in this round.
        round_groups = pd.Series(groups[in_round])
        from_other = pd.Series(other_rows[in_round]).groupby(round_groups.to_numpy()).all()
        other_groups = {g for g, only in from_other.items() if only} & set(groups[new_group])
        identified: dict[str, int] = {}
        kind_field = {"citation": "citations_results", "website": "website_results",
                      "organisation": "organisation_results"}
        files_col = records["source_file"].astype(str).to_numpy()
        for k in range(len(records)):
            if other_rows[k] and first[k] and groups[k] in other_groups:
                name = kind_field[files[files_col[k]]]
                identified[name] = identified.get(name, 0) + 1
        # The database column: its records, less those that start a new group of their own (whichever file
        # sorts first, a group found by a database search and by citation searching is the database's).
        db_rows = in_round & ~other_rows
        db_groups = set(groups[db_rows & new_group])
        duplicates_dbr = int(db_rows.sum()) - len(db_groups)
        duplicates_all = int((in_round & ~(first & new_group)).sum())
        known = duplicates_all - duplicates_dbr  # what the caller's duplicates count holds beyond the database's
        not_counted = int(other_rows.sum()) - len(other_groups)
        notes = []
        if not_counted:
            notes.append(f"other methods: {not_counted} records of citation searching (or other methods) were already "
                         f"in the library, found by the database searches, or found twice; they are not counted again")
        units = screened.units[screened.units["group_id"].map(group_round) == round_name]
        round_keys = set(units["group_id"].tolist())  # (once, not once per decision)
        entries = [e for e in screened.decisions if e.key in round_keys]
        split = {}
        for part, mask in (("dbr", ~units["group_id"].isin(other_groups)), ("other", units["group_id"].isin(other_groups))):
            keys = set(units.loc[mask, "group_id"])
            # (a stop's records left unscreened are the databases': the other column has no box for them)
            split[part] = prisma_counts([e for e in entries if e.key in keys], units[mask],
                                        screened.settings, warn=False,
                                        stopped=getattr(screened, "stopped", None) if part == "dbr" else None)
        dbr, oth = split["dbr"], split["other"]
        merged = dict(dbr)  # "dbr_excluded" stays (reason, n) pairs: from_pipeline adds them up, also to 0
        merged["other_sought_reports"] = oth["dbr_sought_reports"]
        merged["other_notretrieved_reports"] = oth["dbr_notretrieved_reports"]
        merged["other_assessed"] = oth["dbr_assessed"]
        reasons = oth["dbr_excluded"]
        if isinstance(reasons, int):
            merged["other_excluded"] = reasons
        else:
            merged["other_excluded_reasons"] = dict(reasons)
            merged["other_excluded"] = sum(n for _, n in reasons)
        merged["new_studies"] = dbr["new_studies"] + oth["new_studies"]
        merged["new_reports"] = dbr["new_reports"] + oth["new_reports"]
        notes.append(f"other methods: {oth['records_screened']} records from citation searching (or other methods) "
                     f"screened by title and abstract, {oth['records_excluded']} excluded there; the PRISMA diagram "
                     f"has no box for that step, so they show as identified, then reports sought")
        # what still waits, at the box of its own column (the databases' records screened count no citation)
        pending = {box: len(getattr(part, "pending", {}).get(stage, []))
                   for part, stage, box in ((dbr, "title_abstract", "records_screened"),
                                            (dbr, "full_text", "dbr_assessed"),
                                            (oth, "title_abstract", "other_sought_reports"),
                                            (oth, "full_text", "other_assessed"))}
        return OtherMethods(merged, identified, known, notes, pending, automatic=dbr.left_by_stop)

    def write(self, folder, counts=None, dedup_summary: dict | None = None, citation: dict | None = None,
              rounds: list[str] | None = None, title: str = "") -> list[Path]:
        """Write ``searches.csv`` (when there is a log) and ``prisma_s.md``/``.docx`` into ``folder``."""
        folder = Path(folder)
        written = []
        if self.reconciliation is not None:
            path = folder / "searches.csv"
            self.reconciliation.table.to_csv(path, index=False)
            written.append(path)
        items = prisma_s_items(self.log, self.reconciliation, counts=counts, dedup_summary=dedup_summary,
                               citation=citation, rounds=rounds)
        written += write_prisma_s(items, folder, title=title,
                                  to_check=self.reconciliation.to_check if self.reconciliation else ())
        return written


@dataclass
class OtherMethods:
    """The round's screening numbers split between the two columns, and the other-methods boxes."""

    screening: dict  # for from_pipeline(screening=...), other-methods boxes included
    identified: dict  # {"citations_results": n, ...}
    known: int  # to take off the duplicates the build counted over all the round's records
    notes: list
    pending: dict | None = None  # {box: records or reports that await a decision there}
    automatic: int = 0  # the databases' records a stopping test left unscreened


def searches_for_build(path, records, groups=None, import_reports=None) -> SearchReport:
    """Read and reconcile the search log at ``path`` (absent: an empty report); warnings go to ``notes``."""
    path = Path(path)
    if not path.exists():
        return SearchReport(None, None, records,
                            ["no evidence/searches.toml: the PRISMA-S report lists the searches as left for the "
                             "authors (add one [[search]] per search)"])
    log = read_search_log(path)
    rec = reconcile(log, records, groups, import_reports)
    return SearchReport(log, rec, records, [f"search log: {w}" for w in rec.warnings + rec.incomplete])


__all__ = ["SearchReport", "OtherMethods", "searches_for_build"]
