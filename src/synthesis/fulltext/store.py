"""``evidence/fulltext.tsv``: which PDF belongs to which duplicate group, as people confirmed it.

One tab-separated line per confirmation, appended, never rewritten (like the decision logs)::

    group_id  file                         method               decision   confirmed_by  timestamp   study
    g12       Smith 2021 Co-design.pdf     title on first page  confirmed  Alice         2026-...    smith2021
    g40       scan0042.pdf                 by hand              confirmed  Bob           2026-...
    g12       Smith 2021 protocol.pdf      file name            rejected   Alice         2026-...

``file`` is the path relative to the PDF folder. A later line for the same group and file replaces an
earlier one. ``decision`` is ``confirmed`` (the PDF is a report of this group; used even when the
automatic matching would not find it again) or ``rejected`` (never attach it to this group). ``study``
says which study the report belongs to, for PRISMA's studies vs reports: reports with the same study are
one study; an empty study means the group's own (see :func:`synthesis.fulltext.reports.report_table`).

Examples
--------
>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "fulltext.tsv")
>>> ev = FulltextEvidence.load(path)
>>> _ = ev.confirm("g1", "a.pdf", "Alice", method="file name", study="trial-x")
>>> _ = ev.confirm("g1", "b.pdf", "Alice", study="trial-x")
>>> [(r.group_id, r.file, r.study) for r in FulltextEvidence.load(path).confirmed()]
[('g1', 'a.pdf', 'trial-x'), ('g1', 'b.pdf', 'trial-x')]
"""
from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from ..screening.settings import ScreeningError

COLUMNS = ["group_id", "file", "method", "decision", "confirmed_by", "timestamp", "study"]
DECISIONS = ("confirmed", "rejected")


class FulltextError(ScreeningError):
    """A full-text file or action that cannot be accepted; the message names the file and line.

    A kind of :class:`~synthesis.screening.settings.ScreeningError` (full text is a screening stage), so the
    screening widget and commands report it as one line.
    """


@dataclass(frozen=True)
class Attachment:
    """One line of ``evidence/fulltext.tsv``."""

    group_id: str
    file: str
    method: str = "by hand"
    decision: str = "confirmed"
    confirmed_by: str = ""
    timestamp: str = ""
    study: str = ""
    line: int = 0


class FulltextEvidence:
    """The confirmed and rejected matches of ``evidence/fulltext.tsv`` (a missing file is empty)."""

    def __init__(self, path=None, rows=(), problems=()):
        self.path = Path(path) if path else None
        self._rows: dict = {}
        self.problems = list(problems)
        for r in rows:
            self._rows[(r.group_id, r.file)] = r

    @classmethod
    def load(cls, path, ids=None) -> "FulltextEvidence":
        """Read the file; group ids of earlier versions are read as today's through ``ids`` (default: the
        ``id_map.csv`` beside it, see :class:`synthesis.ids.IdMap`)."""
        from ..ids import IdMap

        path = Path(path)
        ids = IdMap.load(path.parent) if ids is None else ids
        if not path.exists():
            return cls(path)
        from ..errors import merge_marker, undecodable_line

        rows, problems = [], []
        try:  # utf-8-sig: a byte-order mark an editor put first is not part of the header
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise FulltextError(f"{path}, line {undecodable_line(path)}: not UTF-8 text; save it again as UTF-8 text, "
                                "tab-separated") from None
        with io.StringIO(text, newline="") as fh:
            reader = csv.reader(fh, delimiter="\t")
            header = next(reader, None)
            if header is None:
                return cls(path)
            missing = [c for c in ("group_id", "file") if c not in header]
            if missing:
                raise FulltextError(f"{path}, line 1: the header lacks {', '.join(missing)} "
                                    f"(expected {' '.join(COLUMNS)})")
            pos = {c: header.index(c) for c in COLUMNS if c in header}
            for lineno, cells in enumerate(reader, start=2):
                if not cells or not any(c.strip() for c in cells):
                    continue
                if merge_marker(cells[0]):
                    problems.append(f"{path}, line {lineno}: {merge_marker(cells[0])}; keep the right lines of both "
                                    "sides and delete the markers; line skipped")
                    continue
                get = lambda c: cells[pos[c]].strip() if c in pos and pos[c] < len(cells) else ""  # noqa: E731
                row = Attachment(group_id=ids(get("group_id")), file=get("file"), method=get("method") or "by hand",
                                 decision=(get("decision") or "confirmed").lower(), confirmed_by=get("confirmed_by"),
                                 timestamp=get("timestamp"), study=get("study"), line=lineno)
                if not row.group_id or not row.file:
                    problems.append(f"{path}, line {lineno}: no group_id or no file; line skipped")
                    continue
                if row.decision not in DECISIONS:
                    problems.append(f"{path}, line {lineno}: decision {row.decision!r} is not "
                                    f"{' or '.join(DECISIONS)}; line skipped")
                    continue
                rows.append(row)
        return cls(path, rows, problems)

    # ------------------------------------------------------------------ reading
    def rows(self) -> list:
        return list(self._rows.values())

    def confirmed(self, group_id: str | None = None) -> list:
        return [r for r in self._rows.values() if r.decision == "confirmed"
                and (group_id is None or r.group_id == str(group_id))]

    def rejected(self, file: str, group_id: str) -> bool:
        r = self._rows.get((str(group_id), str(file)))
        return r is not None and r.decision == "rejected"

    def apply(self, match, known: set) -> list:
        """The rows to report for one automatically matched PDF, once people's word is applied."""
        from .match import Match

        out = []
        for r in self._rows.values():
            if r.file != match.file or r.decision != "confirmed":
                continue
            note = f"confirmed by {r.confirmed_by or 'someone'}" + (f"; study {r.study}" if r.study else "")
            if r.group_id not in known:
                note += f"; group {r.group_id} is not in the library any more"
            out.append(Match(file=match.file, group_id=r.group_id, method=r.method, confidence=1.0,
                             status="confirmed", note=note, has_text=match.has_text, pages=match.pages))
        if match.status == "broken":
            return [match] if not out else [replace(o, note=o.note + f"; but the file is broken: {match.note}",
                                                    status="broken") for o in out]
        mine = {o.group_id for o in out}
        if match.group_id and match.group_id not in mine:
            if self.rejected(match.file, match.group_id):
                out.append(replace(match, status="rejected", note=f"rejected by a person ({match.method})"))
            elif out:  # a person attached it elsewhere: the automatic guess is only a suggestion now
                out.append(replace(match, status="unsure", note="the automatic match differs from the confirmed one"))
            else:
                out.append(match)
        if not out:
            out.append(match)
        return out

    # ------------------------------------------------------------------ writing
    def _append(self, row: Attachment) -> Attachment:
        if self.path is None:
            raise FulltextError("no evidence file to write to")
        for value in (row.group_id, row.file, row.method, row.confirmed_by, row.study):
            if "\t" in value or "\n" in value:
                raise FulltextError(f"tabs and line breaks cannot be stored in {self.path}: {value!r}")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        new = not self.path.exists() or self.path.stat().st_size == 0
        with open(self.path, "a", encoding="utf-8", newline="") as fh:
            if new:
                fh.write("\t".join(COLUMNS) + "\n")
            fh.write("\t".join([row.group_id, row.file, row.method, row.decision, row.confirmed_by,
                                row.timestamp, row.study]) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        self._rows[(row.group_id, row.file)] = row
        return row

    def _row(self, group_id, file, reviewer, method, decision, study) -> Attachment:
        if not str(reviewer or "").strip():
            raise FulltextError("say who confirms the match (a reviewer's name)")
        file = Path(str(file)).as_posix()
        return Attachment(group_id=str(group_id), file=file, method=method, decision=decision,
                          confirmed_by=str(reviewer).strip(),
                          timestamp=datetime.now(timezone.utc).isoformat(timespec="seconds"), study=str(study or ""))

    def confirm(self, group_id, file, reviewer, method: str = "by hand", study: str = "") -> Attachment:
        """Attach ``file`` (relative to the PDF folder) to a group, as ``reviewer``; ``study`` groups reports."""
        old = self._rows.get((str(group_id), Path(str(file)).as_posix()))
        if old is not None and old.decision == "confirmed":
            method = method if method != "by hand" else old.method
            study = study or old.study
        return self._append(self._row(group_id, file, reviewer, method, "confirmed", study))

    def reject(self, group_id, file, reviewer, method: str = "by hand") -> Attachment:
        """Say that ``file`` is not a report of the group: it is never attached to it automatically again."""
        return self._append(self._row(group_id, file, reviewer, method, "rejected", ""))

    def set_study(self, group_id, file, study: str, reviewer) -> Attachment:
        """Mark which study a report (a PDF of a group) belongs to; this confirms the PDF too."""
        return self.confirm(group_id, file, reviewer, study=study or "")
