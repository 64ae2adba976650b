"""People's verdicts on ``maybe`` pairs: a plain-text file under ``evidence/``, re-applied on every run.

The file (by default ``evidence/duplicate_verdicts.tsv``) is tab-separated with a header line::

    when                   record_id_1        record_id_2        verdict        reviewer  note
    2026-11-23T14:02:11Z   r1a2b...           r9f8e...           not_duplicate  AB        Part I vs Part II

Each verdict is appended and flushed to disk at once (``fsync``), so nothing is lost if the notebook
dies. The latest verdict on a pair wins. ``duplicate`` joins the two records' groups; ``not_duplicate``
keeps them apart on every later run, whatever the algorithm thinks.

Examples
--------
>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "evidence", "duplicate_verdicts.tsv")
>>> append_verdict(path, "rb", "ra", "not_duplicate", reviewer="AB")
>>> read_verdicts(path)[["record_id_1", "record_id_2", "verdict"]].values.tolist()
[['ra', 'rb', 'not_duplicate']]
"""
from __future__ import annotations

import csv
import os
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

__all__ = ["append_verdict", "read_verdicts", "VERDICTS", "UNDONE", "VERDICT_COLUMNS", "DEFAULT_VERDICT_FILE"]

VERDICTS = ("duplicate", "not_duplicate")
#: Written when a person takes a verdict back (the widget's undo): the pair is undecided again.
UNDONE = "undone"
VERDICT_COLUMNS = ["when", "record_id_1", "record_id_2", "verdict", "reviewer", "note"]
DEFAULT_VERDICT_FILE = "evidence/duplicate_verdicts.tsv"


class VerdictFileError(ValueError):
    """A verdict file that cannot be read; the message names the file and line."""


def _clean(value) -> str:
    return " ".join(str(value or "").split())  # no tabs or newlines inside a field


def append_verdict(path, record_id_1: str, record_id_2: str, verdict: str, reviewer: str = "",
                   note: str = "") -> None:
    """Append one verdict to the file (created with its header when new) and flush it to disk.

    Parameters
    ----------
    path : str or Path
    record_id_1, record_id_2 : str
        The two records (order does not matter).
    verdict : {"duplicate", "not_duplicate", "undone"}
        ``"undone"`` takes the pair's earlier verdict back (the file keeps both lines).
    reviewer, note : str, optional
    """
    if verdict not in VERDICTS + (UNDONE,):
        raise ValueError(f"verdict must be one of {VERDICTS + (UNDONE,)}, not {verdict!r}")
    a, b = sorted([_clean(record_id_1), _clean(record_id_2)])
    if not a or a == b:
        raise ValueError(f"a verdict needs two different record ids, got {record_id_1!r} and {record_id_2!r}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists() or path.stat().st_size == 0
    when = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    with open(path, "a", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        if new:
            writer.writerow(VERDICT_COLUMNS)
        writer.writerow([when, a, b, verdict, _clean(reviewer), _clean(note)])
        fh.flush()
        os.fsync(fh.fileno())


def read_verdicts(path) -> pd.DataFrame:
    """The verdicts in force: the latest one per pair of records (none where the latest is ``undone``).

    Returns an empty table (with :data:`VERDICT_COLUMNS`) when the file does not exist. Raises
    :class:`VerdictFileError` naming the file and line for a malformed line.
    """
    path = Path(path)
    if not path.exists():
        return pd.DataFrame(columns=VERDICT_COLUMNS)
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t")
        header = next(reader, None)
        if header is None:
            return pd.DataFrame(columns=VERDICT_COLUMNS)
        if [h.strip() for h in header[:4]] != VERDICT_COLUMNS[:4]:
            raise VerdictFileError(f"{path}, line 1: expected the header {' '.join(VERDICT_COLUMNS)}")
        for lineno, row in enumerate(reader, 2):
            if not row or not any(c.strip() for c in row):
                continue
            if len(row) < 4 or row[3].strip() not in VERDICTS + (UNDONE,):
                raise VerdictFileError(f"{path}, line {lineno}: expected when, two record ids and a verdict "
                                       f"({' or '.join(VERDICTS)}), got {row!r}")
            row = (row + ["", ""])[:6]
            a, b = sorted([row[1].strip(), row[2].strip()])
            rows.append([row[0].strip(), a, b, row[3].strip(), row[4], row[5]])
    table = pd.DataFrame(rows, columns=VERDICT_COLUMNS)
    table = table.drop_duplicates(["record_id_1", "record_id_2"], keep="last")
    return table[table["verdict"] != UNDONE].reset_index(drop=True)  # a verdict taken back: undecided
