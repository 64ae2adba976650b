"""Several reports of one study: which PDFs a group has, and which study each belongs to.

A duplicate group is one record; its PDFs are its *reports* (a protocol and its results, a preprint and the
article). The reviewer says which study a report belongs to (``study`` in ``evidence/fulltext.tsv``, set with
:meth:`FulltextEvidence.set_study <synthesis.fulltext.store.FulltextEvidence.set_study>`, the widget or
``synthesis fulltext study``); PRISMA's *reports of new included studies* and *new studies included* are
counted from it by :func:`synthesis.screening.prisma_counts` (``reports=``).

Examples
--------
>>> from synthesis.fulltext.store import FulltextEvidence, Attachment
>>> ev = FulltextEvidence(rows=[Attachment("g1", "protocol.pdf", study="trial-x"),
...                             Attachment("g1", "results.pdf", study="trial-x"),
...                             Attachment("g2", "other.pdf")])
>>> reports_by_group(ev)
{'g1': ['trial-x', 'trial-x'], 'g2': ['']}
"""
from __future__ import annotations


import pandas as pd

from .store import FulltextEvidence

REPORT_COLUMNS = ["group_id", "file", "study", "status"]


def report_table(evidence: FulltextEvidence | None = None, attached: dict | None = None) -> pd.DataFrame:
    """One row per report: the PDFs people confirmed, and those matched automatically (``attached``,
    ``{group_id: [path, ...]}`` from :meth:`MatchResult.attached`) that nobody rejected."""
    rows, seen = [], set()
    for r in (evidence.confirmed() if evidence else []):
        rows.append({"group_id": r.group_id, "file": r.file, "study": r.study, "status": "confirmed"})
        seen.add((r.group_id, r.file))
    folder_files = {}
    for g, paths in (attached or {}).items():
        for p in paths:
            folder_files.setdefault(g, []).append(str(p))
    for g, files in folder_files.items():
        for f in files:
            rel = next((r.file for r in (evidence.confirmed(g) if evidence else []) if f.endswith(r.file)), None)
            if rel is not None or (g, f) in seen or (evidence and evidence.rejected(f, g)):
                continue
            rows.append({"group_id": g, "file": f, "study": "", "status": "matched"})
    return pd.DataFrame(rows, columns=REPORT_COLUMNS)


def reports_by_group(evidence: FulltextEvidence | None = None, attached: dict | None = None) -> dict:
    """``{group_id: [study, ...]}``, one entry per report, for ``prisma_counts(..., reports=...)``."""
    out: dict = {}
    table = report_table(evidence, attached)
    for g, study in zip(table["group_id"], table["study"]):
        out.setdefault(g, []).append(study)
    return out
