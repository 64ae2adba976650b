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
            notes += result.problems
        if out is not None:
            result.table[["group_id", "file", "method", "confidence", "status", "note"]].to_csv(
                Path(out) / MATCHES_FILE, index=False)
            retrieval_status(units, entries, attached, settings).to_csv(Path(out) / RETRIEVAL_FILE, index=False)
    return reports_by_group(evidence, attached)
