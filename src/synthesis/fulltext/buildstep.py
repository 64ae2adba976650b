"""The full-text part of ``synthesis build``: match the project's PDFs and count reports per study.

Writes ``output/fulltext_matches.csv`` (as ``synthesis fulltext match`` does) and ``output/fulltext_retrieval.csv``
(every group sought for retrieval: has PDF, not retrieved and why, still to retrieve) when the PDF folder
exists, and returns ``{group_id: [study, ...]}`` for :func:`synthesis.screening.prisma_counts` (``reports=``).
"""
from __future__ import annotations

from pathlib import Path

from .config import MATCHES_FILE, FulltextSettings
from .reports import reports_by_group
from .store import FulltextEvidence
from ..wording import listed

RETRIEVAL_FILE = "fulltext_retrieval.csv"


def fulltext_step(root, units, entries, settings, out=None, notes: list | None = None) -> dict:
    """Match, write the tables into ``out`` (when given) and return the reports of each group (see the module docstring)."""
    from .match import match_pdfs
    from .retrieval import retrieval_status

    cfg = FulltextSettings.load(root)
    evidence = FulltextEvidence.load(cfg.evidence)
    if notes is not None:
        notes += evidence.problems
    attached = None
    if not cfg.folder.is_dir() and cfg.folder_set and notes is not None:  # the default folder may well be absent
        notes.append(f"evidence/review.toml [fulltext]: folder {cfg.folder} is not a folder (a typing error?); "
                     f"no PDF was matched to the records")
    if cfg.folder.is_dir():
        result = match_pdfs(cfg.folder, units, evidence)
        attached = result.attached()
        if notes is not None:
            shown = _shown(cfg.folder, root)
            # both named as the reviewer knows them, relative to the project ("evidence/fulltext.tsv, line 2: ...")
            ev_shown = _shown(cfg.evidence, root)
            notes += [p.replace(str(cfg.evidence), ev_shown, 1).replace(str(cfg.folder), shown, 1)
                      for p in result.problems]
            notes += _left_for_a_person(result.table, shown)
        retrieval = retrieval_status(units, entries, attached, settings)
        if notes is not None:
            notes += _arrived_since(retrieval, attached, cfg.folder, _shown(cfg.folder, root))
        if out is not None:
            result.table[["group_id", "file", "method", "confidence", "status", "note"]].to_csv(
                Path(out) / MATCHES_FILE, index=False)
            retrieval.to_csv(Path(out) / RETRIEVAL_FILE, index=False)
    return reports_by_group(evidence, attached)


def _arrived_since(retrieval, attached, folder, shown) -> list:
    """A note on the reports marked not retrieved that have a PDF now (the interlibrary loan came): PRISMA counts
    them as not retrieved until someone decides them from the paper, and the build said nothing of it."""
    rows = retrieval[retrieval["retrieval"].str.startswith("not retrieved") & (retrieval["pdfs"] > 0)]
    if rows.empty:
        return []

    def named(g):
        return ", ".join(Path(p).relative_to(folder).as_posix() if Path(p).is_relative_to(folder) else str(p)
                         for p in attached.get(g, []))

    listed = "; ".join(f"{g} ({named(g)})" for g in rows["group_id"][:5]) + (" ..." if len(rows) > 5 else "")
    return [f"full text: {len(rows)} report{'s' if len(rows) != 1 else ''} marked not retrieved "
            f"{'have' if len(rows) != 1 else 'has'} a PDF in {shown} now: {listed}; PRISMA counts "
            f"{'them' if len(rows) != 1 else 'it'} as not retrieved until decided from the paper (notebook 02 at "
            "full text: the filter 'label: retrieval:...' shows them with the paper; then i, or 1-9 and e)"]


def _left_for_a_person(table, folder) -> list:
    """A note on the PDFs the build could not attach: unsure ones wait for a person's word, unmatched ones are of
    no record (a paper not in the exports, or a file name and first page that say too little). Without it the
    build was silent and only ``synthesis fulltext match`` said so."""
    # a PDF rejected for the record it was matched to and attached nowhere else is of no record too; one file
    # may be several rows (rejected for one record, confirmed for another), so PDFs are counted by file
    placed = set(table.loc[table["status"].isin(("confirmed", "matched", "unsure")), "file"].astype(str))

    def files_of(status):
        files = table.loc[table["status"] == status, "file"].astype(str).tolist()
        return list(dict.fromkeys(f for f in files if status != "rejected" or f not in placed))

    left = []
    for status, what in (("unsure", "unsure, waiting for a person to confirm or reject the record offered"),
                         ("unmatched", "matched to no record"),
                         ("rejected", "rejected by a person and attached to no record"),
                         ("copy", "the same bytes as another PDF in the folder (a copy: one report, counted once)")):
        files = files_of(status)
        if files:
            left.append(f"{len(files)} ({listed(files, 5)}) {what}")
    if not left:
        return []
    return [f"full text: of {table['file'].nunique()} PDFs in {folder}, {' and '.join(left)}: see "
            "output/fulltext_matches.csv; `synthesis fulltext confirm GROUP FILE --reviewer NAME` attaches one by hand"]


def _shown(folder, root) -> str:
    """The PDF folder as the reviewer named it: relative to the project where it lies inside it."""
    try:
        return Path(folder).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(folder)
