"""The decision log: every screening decision, appended to one plain-text file per reviewer.

``evidence/screening/<reviewer>.jsonl`` holds one JSON object per line, in the order the decisions were
made::

    {"key": "g0042", "stage": "title_abstract", "decision": "include", "reason": "", "note": "",
     "labels": ["RCT"], "reviewer": "Alice", "timestamp": "2026-11-23T13:40:01.123+00:00", "resolution": false}

Rules
-----
* Append only. A line is never changed or removed; each append is flushed and ``os.fsync``-ed before
  :meth:`DecisionLog.record` returns, so a decision the reviewer has seen acknowledged survives a crash.
* A later line supersedes an earlier one for the same reviewer, record (``key``), stage and role.
* ``decision: "undo"`` withdraws that reviewer's latest still-standing decision for the record and stage,
  bringing back the one before it (or none). Undo is itself a line: the history stays readable.
* ``resolution: true`` marks the decision that settles a conflict between reviewers; it is kept apart from
  the resolver's own screening decision and overrides the reviewers' decisions for that record and stage.
* ``stage: "full_text"`` with ``decision: "exclude"`` needs a ``reason`` from the review's list (see
  :mod:`synthesis.screening.settings`; ``"not retrieved"`` is always allowed).
* A line with a ``kind`` (e.g. ``{"kind": "stopping_sample", "stage": ..., "reviewer": ..., "seed": ...}``)
  is an event, not a decision: the widget logs the drawing of the stopping test's random sample this way
  (see :mod:`synthesis.screening.stopping`). Events are read into :attr:`LogReading.events`.
* One file per reviewer, so two people never write the same file and git merges are trivial. A file is
  locked while a session has it open (from its first decision on): a second person screening under the same
  name gets an error.

Reading is forgiving and loud: a line cut short by a crash (the last line of the file, usually) is skipped
with a warning naming the file and line; a line that is not a decision (edited by hand) is reported the same
way; neither stops the reading of the rest.

Examples
--------
>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> with DecisionLog(folder, "Alice") as log:
...     _ = log.record("g1", "include")
...     _ = log.record("g2", "exclude")
...     _ = log.undo("g2")
>>> reading = read_logs(folder)
>>> current_decisions(reading.entries)[["key", "decision"]].values.tolist()
[['g1', 'include']]
"""
from __future__ import annotations

import json
import threading
import warnings
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from ..appendlog import AppendLog, LogLocked, LogWriteError, read_json_lines
from .settings import (DECISIONS, NOT_RETRIEVED, STAGES, ReviewerError, ScreeningSettings, ScreeningError,
                       reviewer_slug)

UNDO = "undo"
LOG_SUFFIX = ".jsonl"
#: Kinds of non-decision lines a log may hold.
EVENT_KINDS = ("stopping_sample",)
FIELDS = ("key", "stage", "decision", "reason", "note", "labels", "reviewer", "timestamp", "resolution")


class ScreeningWarning(UserWarning):
    """Something in the logs that was skipped or not counted; the message names the file and line."""


@dataclass(frozen=True)
class Decision:
    """One line of a decision log."""

    key: str
    stage: str
    decision: str
    reviewer: str
    timestamp: str = ""
    reason: str = ""
    note: str = ""
    labels: tuple = ()
    resolution: bool = False
    source: str = ""  # where an imported decision came from ("rayyan: file.csv row 12")
    file: str = ""  # the log it was read from (not written)
    line: int = 0  # its line in that log (not written)

    def as_json(self) -> str:
        data = {f: getattr(self, f) for f in FIELDS}
        data["labels"] = list(self.labels)
        if self.source:
            data["source"] = self.source
        return json.dumps(data, ensure_ascii=False, separators=(", ", ": "))


@dataclass(frozen=True)
class LogEvent:
    """A line of a log that records something other than a decision (its ``kind`` says what)."""

    kind: str
    stage: str
    reviewer: str
    timestamp: str = ""
    data: dict = field(default_factory=dict, hash=False, compare=False)
    file: str = ""
    line: int = 0
    decision: str = "event"  # lets the writer treat it like a line that changes no decision

    def as_json(self) -> str:
        head = {"kind": self.kind, "stage": self.stage, "reviewer": self.reviewer, "timestamp": self.timestamp}
        return json.dumps({**head, **{k: v for k, v in self.data.items() if k not in head}}, ensure_ascii=False,
                          separators=(", ", ": "))


@dataclass
class LogProblem:
    """A line of a log that was skipped, or an entry that is kept but not counted."""

    file: str
    line: int
    kind: str  # "torn", "nonsense", "invalid", "vanished", "unknown reviewer", "undo"
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}" if self.line else self.file  # 0: the file as a whole
        return f"{where}: {self.message}"


@dataclass
class LogReading:
    """Everything read from the logs of one folder."""

    entries: list = field(default_factory=list)  # Decision, in file order, file by file
    problems: list = field(default_factory=list)  # LogProblem
    files: list = field(default_factory=list)
    events: list = field(default_factory=list)  # LogEvent (e.g. a stopping test's sample), in file order


def now_timestamp() -> str:
    """The current UTC time, ISO 8601 with milliseconds."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


# ----------------------------------------------------------------------------------------------- reading

def _torn(path: str, lineno: int) -> LogProblem:
    return LogProblem(path, lineno, "torn", "incomplete entry (a write interrupted by a crash?); skipped: that one "
                      "decision was not saved")


def _parse_line(text: str, path: str, lineno: int, file_reviewer: str, settings: ScreeningSettings | None,
                data=None):
    """(Decision or None, LogProblem or None) for one non-empty line (``data``: the line already parsed)."""
    if data is None:
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            return None, LogProblem(path, lineno, "nonsense", f"not a decision entry (edited by hand?): "
                                    f"{text[:80]!r}; skipped, the rest of the log is read")
    if not isinstance(data, dict):
        return None, LogProblem(path, lineno, "nonsense", f"not a decision entry: {text[:80]!r}; skipped")

    def bad(msg):
        return None, LogProblem(path, lineno, "invalid", f"{msg}; entry skipped: {text[:80]!r}")

    if "kind" in data:
        kind, stage, reviewer = data.get("kind"), data.get("stage"), data.get("reviewer")
        if kind not in EVENT_KINDS:
            return bad(f"unknown kind of line {kind!r} (expected one of {', '.join(EVENT_KINDS)})")
        if stage not in STAGES or not isinstance(reviewer, str) or not reviewer.strip():
            return bad(f"a {kind} line needs a stage and a reviewer")
        if file_reviewer and reviewer_slug(reviewer) != file_reviewer:
            return bad(f"{kind} by {reviewer!r} in the log of another reviewer ({file_reviewer!r})")
        rest = {k: v for k, v in data.items() if k not in ("kind", "stage", "reviewer", "timestamp")}
        return LogEvent(kind, stage, reviewer.strip(), str(data.get("timestamp") or ""), rest, path, lineno), None

    key = data.get("key")
    if not isinstance(key, (str, int)) or isinstance(key, bool) or str(key) == "":
        return bad("no record key")
    stage, decision = data.get("stage"), data.get("decision")
    if stage not in STAGES:
        return bad(f"unknown stage {stage!r} (expected one of {', '.join(STAGES)})")
    if decision not in DECISIONS + (UNDO,):
        return bad(f"unknown decision {decision!r} (expected one of {', '.join(DECISIONS + (UNDO,))})")
    reviewer = data.get("reviewer")
    if not isinstance(reviewer, str) or not reviewer.strip():
        return bad("no reviewer")
    if file_reviewer and reviewer_slug(reviewer) != file_reviewer:
        return bad(f"decision by {reviewer!r} in the log of another reviewer ({file_reviewer!r})")
    labels = data.get("labels") or []
    if isinstance(labels, str):
        labels = [labels]
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        return bad("labels must be a list of text")
    reason = data.get("reason") or ""
    note = data.get("note") or ""
    if not isinstance(reason, str) or not isinstance(note, str):
        return bad("reason and note must be text")
    resolution = data.get("resolution", False)
    if resolution is None:
        resolution = False
    if not isinstance(resolution, bool):
        # "false" written as text would otherwise count as a resolution (any non-empty text is true)
        return bad(f"resolution must be true or false, not {resolution!r}")
    for name in ("timestamp", "source"):
        if not isinstance(data.get(name) or "", str):
            return bad(f"{name} must be text, not {data.get(name)!r}")
    problem = None
    if stage == "full_text" and decision == "exclude" and not reason.strip():
        problem = LogProblem(path, lineno, "invalid", f"full-text exclusion of {key} without a reason; "
                             "kept and counted under 'reason not given'")
    elif settings is not None and stage == "full_text" and decision == "exclude":
        try:
            reason = settings.exclusion_reason(reason)
        except ScreeningError as e:
            problem = LogProblem(path, lineno, "invalid", f"{e}; kept as written")
    entry = Decision(key=str(key), stage=stage, decision=decision, reviewer=reviewer.strip(),
                     timestamp=str(data.get("timestamp") or ""), reason=reason, note=note,
                     labels=tuple(labels), resolution=resolution,
                     source=str(data.get("source") or ""), file=path, line=lineno)
    return entry, problem


def read_log(path, settings: ScreeningSettings | None = None, ids=None) -> LogReading:
    """Read one reviewer's log; problems are collected (and warned), never raised.

    Parameters
    ----------
    path : path-like
        A ``<reviewer>.jsonl`` file.
    settings : ScreeningSettings, optional
        To check exclusion reasons and the reviewer against the team list.
    ids : synthesis.ids.IdMap, optional
        Reads the group ids of earlier versions as today's (default: the project's ``evidence/id_map.csv``,
        two folders up).
    """
    from ..ids import IdMap

    path = Path(path)
    ids = IdMap.beside(path, 2) if ids is None else ids
    out = LogReading(files=[str(path)])
    # the log's name as the widget writes it (Alice.jsonl, renamed by hand, is still alice's log)
    file_reviewer = reviewer_slug(path.name[: -len(LOG_SUFFIX)]) if path.name.endswith(LOG_SUFFIX) else ""
    if settings is not None and settings.team and file_reviewer not in {reviewer_slug(m) for m in settings.team}:
        out.problems.append(LogProblem(str(path), 0, "unknown reviewer",
                                       f"log of a reviewer who is not in the team list ({', '.join(settings.team)}); "
                                       "read anyway"))
    for line in read_json_lines(path):
        if line.kind == "torn":
            out.problems.append(_torn(str(path), line.lineno))
            continue
        if line.kind == "nonsense":
            out.problems.append(LogProblem(str(path), line.lineno, "nonsense", line.why or
                                           f"not a decision entry (edited by hand?): {line.text[:80]!r}; skipped, "
                                           "the rest of the log is read"))
            continue
        entry, problem = _parse_line(line.text, str(path), line.lineno, file_reviewer, settings, data=line.value)
        if isinstance(entry, LogEvent):
            out.events.append(_event_rekeyed(entry, ids) if ids else entry)
        elif entry is not None:
            if ids and ids(entry.key) != entry.key:
                entry = replace(entry, key=ids(entry.key))
            out.entries.append(entry)
        if problem is not None:
            out.problems.append(problem)
    return out


def rekey_joined(reading: LogReading, joined: dict) -> LogReading:
    """Decisions on groups that a "duplicate" verdict joined to another, moved to the joined group's key
    (``joined``: see :func:`synthesis.screening.units.joined_groups`); ``reading`` is changed and returned."""
    if joined:
        reading.entries = [replace(e, key=joined[e.key]) if e.key in joined else e for e in reading.entries]
        reading.events = [_event_rekeyed(e, lambda k: joined.get(k, k)) for e in reading.events]
    return reading


def _event_rekeyed(event: "LogEvent", new_key) -> "LogEvent":
    """An event whose list of records (a stopping sample's urn) reads through ``new_key``, each in its place."""
    urn = event.data.get("urn")
    if not isinstance(urn, list):
        return event
    return replace(event, data={**event.data, "urn": [new_key(str(k)) for k in urn]})


def log_files(folder) -> list:
    """The reviewers' log files in a folder, sorted by name."""
    folder = Path(folder)
    return sorted(p for p in folder.glob("*" + LOG_SUFFIX) if p.is_file()) if folder.is_dir() else []


def read_logs(folder, settings: ScreeningSettings | None = None, warn: bool = True, ids=None) -> LogReading:
    """Read every reviewer's log in ``folder``.

    Each problem is also issued as a :class:`ScreeningWarning` (unless ``warn=False``), so it shows in a
    notebook without stopping it.
    """
    out = LogReading()
    slugs = {}
    for path in log_files(folder):
        one = read_log(path, settings, ids=ids)
        out.entries += one.entries
        out.events += one.events
        out.problems += one.problems
        out.files += one.files
        stem = path.name[: -len(LOG_SUFFIX)]
        if reviewer_slug(stem) in slugs:
            out.problems.append(LogProblem(str(path), 0, "unknown reviewer",
                                           f"this log and {slugs[reviewer_slug(stem)]} belong to reviewers with "
                                           "the same name; both are read, rename one person's log"))
        slugs[reviewer_slug(stem)] = str(path)
    if warn:
        for p in out.problems:
            warnings.warn(str(p), ScreeningWarning, stacklevel=2)
    return out


CURRENT_COLUMNS = ["key", "stage", "reviewer", "decision", "reason", "note", "labels", "resolution",
                   "timestamp", "file", "line"]


def _standing(entries, problems=None) -> dict:
    """(reviewer, key, stage, resolution) -> stack of standing decisions, after applying undos."""
    stacks: dict = {}
    for e in entries:
        k = (e.reviewer, e.key, e.stage, e.resolution)
        stack = stacks.setdefault(k, [])
        if e.decision == UNDO:
            if stack:
                stack.pop()
            elif problems is not None:
                problems.append(LogProblem(e.file, e.line, "undo", f"undo of {e.key} with nothing to undo; ignored"))
        else:
            stack.append(e)
    return stacks


def current_decisions(entries, keys=None, problems: list | None = None) -> pd.DataFrame:
    """The standing decision of each reviewer for each record and stage (later lines win, undos applied).

    Parameters
    ----------
    entries : list of Decision
        From :func:`read_logs` (file order matters).
    keys : iterable of str, optional
        The keys of the unit table. Decisions for other keys (a record whose export was removed) are left
        out and each such record is reported once in ``problems`` and as a :class:`ScreeningWarning`;
        they stay in the log.
    problems : list, optional
        Collects :class:`LogProblem` for vanished records and pointless undos.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CURRENT_COLUMNS`, one row per reviewer, key, stage and role.
    """
    local: list = []
    stacks = _standing(entries, local)
    rows = [stack[-1] for stack in stacks.values() if stack]
    if keys is not None:
        keyset = set(map(str, keys))
        vanished = [e for e in rows if e.key not in keyset]
        rows = [e for e in rows if e.key in keyset]
        seen = set()
        for e in vanished:
            if e.key in seen:
                continue
            seen.add(e.key)
            local.append(LogProblem(e.file, e.line, "vanished",
                                    f"decision for {e.key}, which is not in the unit table (its export removed, "
                                    "or re-deduplicated away?); kept in the log, not counted"))
    for p in local:
        if p.kind == "vanished":
            warnings.warn(str(p), ScreeningWarning, stacklevel=2)
    if problems is not None:
        problems.extend(local)
    table = pd.DataFrame([{c: getattr(e, c) for c in CURRENT_COLUMNS} for e in rows], columns=CURRENT_COLUMNS)
    return table


# ----------------------------------------------------------------------------------------------- writing

# Writing goes through synthesis.appendlog: one handle and one (filelock) lock per log per process, whole
# lines, fsync before acknowledging, and the file repaired before an error is raised.


class DecisionLog:
    """One reviewer's decision log, open for appending.

    Parameters
    ----------
    folder : path-like
        Usually ``evidence/screening``.
    reviewer : str
        Must be in ``settings.team`` when the team list is given.
    settings : ScreeningSettings, optional
        Team list and exclusion reasons to check against.
    keys : iterable of str, optional
        The unit table's keys; a decision for any other key is refused.
    joined : dict, optional
        ``{old key: current key}`` for groups that a "duplicate" verdict joined to another
        (:func:`synthesis.screening.units.joined_groups`): decisions on the old key count for the current one.

    Examples
    --------
    >>> import tempfile
    >>> log = DecisionLog(tempfile.mkdtemp(), "Bob", ScreeningSettings(team=["Bob"], reasons=["wrong population"]))
    >>> log.record("g7", "exclude", stage="full_text", reason="wrong population").reason
    'wrong population'
    >>> log.current("g7", "full_text").decision
    'exclude'
    >>> log.close()
    """

    def __init__(self, folder, reviewer: str, settings: ScreeningSettings | None = None, keys=None,
                 joined: dict | None = None):
        self.settings = settings or ScreeningSettings()
        self.reviewer = self.settings.reviewer_name(reviewer)
        self.folder = Path(folder)
        self.path = self.folder / f"{reviewer_slug(self.reviewer)}{LOG_SUFFIX}"
        self.keys = set(map(str, keys)) if keys is not None else None
        # A reviewer's log is created by their first decision, not by opening it: looking decides nothing.
        exists = self.path.exists()
        try:
            self._log = AppendLog(self.path, what=f"is someone else screening as {self.reviewer!r}? Two reviewers "
                                  "cannot share a name (or close the other notebook first)", open_now=exists)
        except LogLocked as exc:
            raise ReviewerError(str(exc)) from None
        except LogWriteError as exc:
            raise ScreeningError(str(exc)) from None
        self._closed = False
        reading = read_log(self.path, self.settings) if exists else LogReading()
        if joined:
            rekey_joined(reading, joined)
        #: problems found in this reviewer's existing log when it was opened
        self.problems = reading.problems
        for p in self.problems:
            warnings.warn(str(p), ScreeningWarning, stacklevel=2)
        self._stacks = _standing(reading.entries)
        #: this reviewer's event lines (read when opened, and those logged since)
        self.events = list(reading.events)
        self._lock = threading.Lock()

    # -- state of this reviewer
    def current(self, key: str, stage: str = "title_abstract", resolution: bool = False):
        """This reviewer's standing :class:`Decision` for a record and stage, or ``None``."""
        stack = self._stacks.get((self.reviewer, str(key), stage, resolution))
        return stack[-1] if stack else None

    def standing(self, stage: str = "title_abstract", resolution: bool = False) -> dict:
        """``{key: Decision}`` of every standing decision of this reviewer at a stage."""
        return {k[1]: s[-1] for k, s in self._stacks.items() if s and k[2] == stage and k[3] == resolution}

    # -- writing
    def record(self, key, decision: str, stage: str = "title_abstract", reason: str = "", note: str = "",
               labels=(), resolution: bool = False, source: str = "") -> Decision:
        """Append one decision and make it durable (flush + fsync) before returning it.

        Raises :class:`ScreeningError` (nothing written) for an unknown stage, decision or key, or a
        full-text exclusion without a reason from the review's list.
        """
        entry = self._make(key, decision, stage, reason, note, labels, resolution, source)
        self._append([entry])
        return entry

    def record_many(self, decisions) -> list:
        """Append many decisions (dicts of :meth:`record`'s arguments) with one fsync, e.g. an import.

        All are checked first: if any is refused, nothing is written.
        """
        entries = [self._make(**d) for d in decisions]
        self._append(entries)
        return entries

    def _make(self, key, decision, stage="title_abstract", reason="", note="", labels=(), resolution=False,
              source="") -> Decision:
        key = str(key)
        if stage not in STAGES:
            raise ScreeningError(f"unknown stage {stage!r}: use one of {', '.join(STAGES)}")
        if decision not in DECISIONS:
            raise ScreeningError(f"unknown decision {decision!r}: use one of {', '.join(DECISIONS)} (or undo())")
        self._check_key(key)
        reason = " ".join(str(reason or "").split())
        if decision == "exclude" and stage == "full_text":
            if not reason:
                raise ScreeningError(
                    f"full-text exclusion of {key} needs a reason from the review's list "
                    f"({', '.join(self.settings.all_reasons) or 'any text'}); nothing was logged")
            reason = self.settings.exclusion_reason(reason)
        elif decision != "exclude":
            reason = ""
        labels = tuple(str(x).strip() for x in (labels or ()) if str(x).strip())
        entry = Decision(key=key, stage=stage, decision=decision, reviewer=self.reviewer, timestamp=now_timestamp(),
                         reason=reason, note=str(note or ""), labels=labels, resolution=bool(resolution),
                         source=source)
        return entry

    def record_event(self, kind: str, stage: str = "title_abstract", **data) -> LogEvent:
        """Append an event line (e.g. the drawing of a stopping sample), durable before returning."""
        if kind not in EVENT_KINDS or stage not in STAGES:
            raise ScreeningError(f"cannot log a {kind!r} line at stage {stage!r}")
        event = LogEvent(kind, stage, self.reviewer, now_timestamp(), dict(data))
        self._append([event])
        self.events.append(event)
        return event

    def undo(self, key, stage: str = "title_abstract", resolution: bool = False) -> Decision:
        """Withdraw this reviewer's latest standing decision for the record (appends an ``undo`` line)."""
        key = str(key)
        if self.current(key, stage, resolution) is None:
            raise ScreeningError(f"{self.reviewer} has no decision on {key} at {stage} to undo")
        entry = Decision(key=key, stage=stage, decision=UNDO, reviewer=self.reviewer, timestamp=now_timestamp(),
                         resolution=bool(resolution))
        self._append([entry])
        return entry

    def _check_key(self, key: str) -> None:
        if self.keys is not None and key not in self.keys:
            raise ScreeningError(f"no record {key!r} in the unit table (was its export removed?); nothing was logged")

    def _append(self, entries: list) -> None:
        if self._closed:
            raise ScreeningError(f"the log {self.path} was closed; open it again to go on screening")
        if not entries:
            return
        with self._lock:
            try:
                self._log.append([e.as_json() for e in entries])
            except LogLocked as exc:
                raise ReviewerError(str(exc)) from None
            except LogWriteError as exc:
                raise ScreeningError(str(exc)) from None
            for entry in entries:
                if isinstance(entry, LogEvent):
                    continue
                stack = self._stacks.setdefault((entry.reviewer, entry.key, entry.stage, entry.resolution), [])
                if entry.decision == UNDO:
                    stack.pop()
                else:
                    stack.append(entry)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self) -> str:
        return f"DecisionLog({str(self.path)!r}, reviewer={self.reviewer!r})"


__all__ = ["Decision", "DecisionLog", "LogEvent", "LogProblem", "LogReading", "ScreeningWarning", "UNDO", "NOT_RETRIEVED",
           "current_decisions", "log_files", "read_log", "read_logs"]
