"""People's verdicts on ``maybe`` pairs: a plain-text file under ``evidence/``, re-applied on every run.

The file (by default ``evidence/duplicate_verdicts.tsv``) is tab-separated with a header line::

    when                   record_id_1        record_id_2        verdict        reviewer  note
    2026-11-23T14:02:11Z   r1a2b...           r9f8e...           not_duplicate  AB        Part I vs Part II

Each verdict is appended and flushed to disk at once (``fsync``) through :mod:`synthesis.appendlog`, so
nothing is lost if the notebook dies, and a failed write (a full disk) leaves the file as it was. A line that a
crash cut short is reported (:class:`VerdictWarning`, naming the file and line) and skipped; the next verdict
starts on its own line. The latest verdict on a pair wins. ``duplicate`` joins the two records' groups; ``not_duplicate``
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
import io
import warnings
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from ..errors import SynthesisError, merge_marker
from ..normalise import with_line_feeds

__all__ = ["append_verdict", "read_verdicts", "VERDICTS", "UNDONE", "VERDICT_COLUMNS", "DEFAULT_VERDICT_FILE"]

VERDICTS = ("duplicate", "not_duplicate")
#: Written when a person takes a verdict back (the widget's undo): the pair is undecided again.
UNDONE = "undone"
VERDICT_COLUMNS = ["when", "record_id_1", "record_id_2", "verdict", "reviewer", "note"]
DEFAULT_VERDICT_FILE = "evidence/duplicate_verdicts.tsv"


class VerdictFileError(SynthesisError, ValueError):
    """A verdict file that cannot be read; the message names the file and line."""


class VerdictWarning(UserWarning):
    """A verdict line that was skipped (cut short by a crash) or kept with a doubt; names the file and line."""


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
    from ..appendlog import AppendLog

    path = Path(path)
    when = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    with AppendLog(path, what="is the verdict notebook open twice? Close the other one") as log:
        new = path.stat().st_size == 0
        rows = ([VERDICT_COLUMNS] if new else []) + [[when, a, b, verdict, _clean(reviewer), _clean(note)]]
        log.append(["\t".join(row) for row in rows])


def read_verdicts(path, ids=None) -> pd.DataFrame:
    """The verdicts in force: the latest one per pair of records (none where the latest is ``undone``).

    Returns an empty table (with :data:`VERDICT_COLUMNS`) when the file does not exist. Raises
    :class:`VerdictFileError` naming the file and line for a malformed line. Record ids of earlier versions
    are read as today's through ``ids`` (default: the ``id_map.csv`` beside the file, see
    :class:`synthesis.ids.IdMap`).
    """
    from ..ids import IdMap

    path = Path(path)
    ids = IdMap.load(path.parent) if ids is None else ids
    if not path.exists():
        return pd.DataFrame(columns=VERDICT_COLUMNS)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        lineno = raw[: exc.start].count(b"\n") + 1
        raise VerdictFileError(f"{path}, line {lineno}: not UTF-8 text (saved in another encoding by a spreadsheet?); "
                               "save it again as UTF-8 text, tab-separated") from None
    text = with_line_feeds(text)  # Windows line ends, or a bare CR as an old Mac editor saves them
    lines = text.split("\n")
    rows = []
    header = None
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        ended = lineno < len(lines)  # the last line of a file without a final line end may be cut short
        if merge_marker(line):
            raise VerdictFileError(f"{path}, line {lineno}: {merge_marker(line)}; delete the marker lines and keep the "
                                   "verdicts of both sides (the later line on a pair wins)")
        row = next(csv.reader(io.StringIO(line), delimiter="\t"), [])
        if header is None:
            header = row
            if [h.strip() for h in header[:4]] != VERDICT_COLUMNS[:4]:
                raise VerdictFileError(f"{path}, line {lineno}: expected the header {' '.join(VERDICT_COLUMNS)}; "
                                       "restore it as the first line")
            continue
        verdict = row[3].strip() if len(row) >= 4 else ""
        if verdict not in VERDICTS + (UNDONE,):
            if _looks_cut(row):
                warnings.warn(f"{path}, line {lineno}: an incomplete verdict (a write interrupted by a crash?); "
                              "skipped: decide that pair again", VerdictWarning, stacklevel=2)
                continue
            raise VerdictFileError(f"{path}, line {lineno}: expected when, two record ids and a verdict "
                                   f"({' or '.join(VERDICTS)}), got {row!r}; correct or delete that line")
        if not ended:
            warnings.warn(f"{path}, line {lineno}: the last line has no line end and may be cut short; its verdict "
                          f"is whole and kept, its reviewer or note may be incomplete", VerdictWarning, stacklevel=2)
        # a tab typed into the note by hand splits it: its parts are the note, not cells to drop
        row = (row + ["", ""])[:5] + ["\t".join(row[5:])]
        a, b = sorted([ids(row[1].strip()), ids(row[2].strip())])
        if not a or a == b:
            raise VerdictFileError(f"{path}, line {lineno}: a verdict needs two different record ids, got "
                                   f"{row[1]!r} and {row[2]!r}; correct or delete that line")
        rows.append([row[0].strip(), a, b, verdict, row[4], row[5]])
    table = pd.DataFrame(rows, columns=VERDICT_COLUMNS)
    table = table.drop_duplicates(["record_id_1", "record_id_2"], keep="last")
    return table[table["verdict"] != UNDONE].reset_index(drop=True)  # a verdict taken back: undecided


def _looks_cut(row: list) -> bool:
    """A row that stops early: too few fields, or a verdict that is the beginning of one."""
    if len(row) < 4:
        return True
    verdict = row[3].strip()
    return len(row) == 4 and any(v.startswith(verdict) for v in VERDICTS + (UNDONE,))
