"""What the build writes about the searches: the search log reconciled (``searches.csv``), the PRISMA-S
report (``prisma_s.md``, ``.docx``), and the per-database counts the PRISMA diagram takes from the log.

The build calls :func:`searches_for_build` once the exports are imported and deduplicated, takes the
diagram's database and register counts from :meth:`SearchReport.identified`, and writes the files with
:meth:`SearchReport.write` once the PRISMA counts are made.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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
            return dict(default), {}
        names = {f: (s.name, s.kind) for s in self.log.searches for f in s.files}
        rows = self.records[self.records["search_round"] == round_name]
        databases: dict[str, int] = {}
        registers: dict[str, int] = {}
        for file, database in zip(rows["source_file"].astype(str), rows["source_database"].fillna("").astype(str)):
            name, kind = names.get(file, (database or "Unknown database", "database"))
            target = registers if kind == "register" else databases
            target[name] = target.get(name, 0) + 1
        return dict(sorted(databases.items())), dict(sorted(registers.items()))

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
        written += write_prisma_s(items, folder, title=title)
        return written


def searches_for_build(path, records, groups=None, import_reports=None) -> SearchReport:
    """Read and reconcile the search log at ``path`` (absent: an empty report); warnings go to ``notes``."""
    path = Path(path)
    if not path.exists():
        return SearchReport(None, None, records,
                            ["no evidence/searches.toml: the PRISMA-S report lists the searches as left for the "
                             "authors (add one [[search]] per search)"])
    log = read_search_log(path)
    rec = reconcile(log, records, groups, import_reports)
    return SearchReport(log, rec, records, [f"search log: {w}" for w in rec.warnings])


__all__ = ["SearchReport", "searches_for_build"]
