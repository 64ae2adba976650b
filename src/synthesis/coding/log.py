"""The coding log: what each coder decided about each study, appended to one file per coder.

``evidence/coding/<coder>.jsonl`` holds one JSON object per line. Each line is a coder's whole answer for
one study (a later line for the same study replaces the earlier one)::

    {"study": "g0042", "coder": "Alice", "timestamp": "2026-11-23T13:40:01.123+00:00",
     "codes": [{"dimension": "framework", "code": "setup.recruitment.patients", "quote": "...", "page": "4"}],
     "fields": {"country": "United Kingdom", "year": "2021"}}

A reconciliation (two coders disagreed, the agreed answer was settled) is a line with ``"agreed": true``,
``"agreed_by"`` (the people who agreed it) and ``"coders"`` (whose answers it settles); it overrides them.

Rules, as for screening decisions: append only; every line is flushed and ``os.fsync``-ed before
:meth:`CodingLog.record` returns (so before the widget shows the next study); one file per coder, so git
merges never conflict; a line cut short by a crash, or damaged by hand, is reported with its file and line
and skipped, and the rest of the log is read.

Examples
--------
>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> log = CodingLog(folder, "Alice")
>>> _ = log.record("g1", [{"code": "setup.recruitment"}], {"country": "UK"})
>>> reading = read_coding_logs(folder)
>>> [(e.study, e.codes[0]["code"]) for e in reading.entries]
[('g1', 'setup.recruitment')]
"""
from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from synthesis.appendlog import AppendLog, read_json_lines

__all__ = ["CodingEntry", "CodingLog", "CodingLogProblem", "CodingReading", "CodingWarning",
           "coder_slug", "read_coding_log", "read_coding_logs", "LOG_SUFFIX"]

LOG_SUFFIX = ".jsonl"


class CodingWarning(UserWarning):
    """A line of a coding log that was skipped; the message names the file and line."""


def coder_slug(name: str) -> str:
    """The file name of a coder's log: ``"Ana María"`` -> ``"ana-maría"``.

    >>> coder_slug(" Bob Smith ")
    'bob-smith'
    """
    slug = re.sub(r"[^\w-]+", "-", str(name).strip().lower()).strip("-")
    if not slug:
        raise ValueError(f"a coder needs a name, got {name!r}")
    return slug


def now_timestamp() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class CodingEntry:
    """One line of a coding log."""

    study: str
    coder: str
    codes: tuple = ()  # dicts: dimension, code, quote, page
    fields: dict = field(default_factory=dict)
    timestamp: str = ""
    agreed: bool = False
    agreed_by: tuple = ()
    coders: tuple = ()  # for an agreed entry: whose answers it settles
    note: str = ""
    file: str = ""
    line: int = 0

    def code_set(self, scheme=None) -> frozenset:
        """``{(dimension, code)}`` of this answer; with the review's ``scheme``, each code at its current path (a
        code given before the scheme renamed or moved its value, ``was:``, is the same code as one given after)."""
        if scheme is None:
            return frozenset((c.get("dimension", ""), c["code"]) for c in self.codes)
        fw = scheme.framework.id
        return frozenset((c.get("dimension", ""), scheme.canonical(c.get("dimension") or fw, c["code"]))
                         for c in self.codes)

    def as_json(self) -> str:
        data = {"study": self.study, "coder": self.coder, "timestamp": self.timestamp,
                "codes": [dict(c) for c in self.codes], "fields": dict(self.fields)}
        if self.note:
            data["note"] = self.note
        if self.agreed:
            data.update(agreed=True, agreed_by=list(self.agreed_by), coders=list(self.coders))
        return json.dumps(data, ensure_ascii=False, separators=(", ", ": "))


@dataclass
class CodingLogProblem:
    file: str
    line: int
    kind: str  # "torn", "damaged", "invalid"
    message: str

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}: {self.message}"


@dataclass
class CodingReading:
    entries: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    files: list = field(default_factory=list)


def _clean_code(c) -> dict | None:
    if isinstance(c, str):
        c = {"code": c}
    if not isinstance(c, dict) or not isinstance(c.get("code"), str) or not c["code"].strip():
        return None
    out = {"dimension": str(c.get("dimension") or ""), "code": c["code"].strip()}
    for k in ("quote", "page"):
        v = c.get(k)
        if v not in (None, ""):
            out[k] = str(v)
    return out


def _parse(data, text: str, path: str, lineno: int):
    if not isinstance(data, dict):
        return None, CodingLogProblem(path, lineno, "damaged", f"not a coding entry: {text[:80]!r}; skipped")
    study, coder = data.get("study"), data.get("coder")
    if not isinstance(study, (str, int)) or isinstance(study, bool) or str(study).strip() == "":
        return None, CodingLogProblem(path, lineno, "invalid", f"no study; skipped: {text[:80]!r}")
    if not isinstance(coder, str) or not coder.strip():
        return None, CodingLogProblem(path, lineno, "invalid", f"study {study}: no coder; skipped")
    raw_codes = data.get("codes") or []
    codes = [_clean_code(c) for c in raw_codes] if isinstance(raw_codes, list) else [None]
    if any(c is None for c in codes):
        return None, CodingLogProblem(path, lineno, "invalid", f"study {study}: codes must be a list of "
                                      f"{{'code': ...}} objects; skipped")
    fields = data.get("fields") or {}
    if not isinstance(fields, dict):
        return None, CodingLogProblem(path, lineno, "invalid", f"study {study}: fields must be an object; skipped")
    agreed_by = data.get("agreed_by") or []
    coders = data.get("coders") or []
    return CodingEntry(study=str(study).strip(), coder=coder.strip(), codes=tuple(codes),
                       fields={str(k): v for k, v in fields.items()}, timestamp=str(data.get("timestamp") or ""),
                       agreed=bool(data.get("agreed", False)), agreed_by=tuple(map(str, agreed_by)),
                       coders=tuple(map(str, coders)), note=str(data.get("note") or ""),
                       file=path, line=lineno), None


def read_coding_log(path, ids=None) -> CodingReading:
    """Read one coder's log; damaged lines become problems, never exceptions (see
    :func:`synthesis.appendlog.read_json_lines` for how a torn line is told from a hand edit)."""
    from ..ids import IdMap

    path = Path(path)
    ids = IdMap.beside(path, 2) if ids is None else ids  # group ids of earlier versions read as today's
    out = CodingReading(files=[str(path)])
    for line in read_json_lines(path):
        if line.kind == "torn":
            out.problems.append(CodingLogProblem(str(path), line.lineno, "torn", "incomplete entry (a write cut "
                                                 "short by a crash?); skipped: that one study's coding was not saved"))
            continue
        if line.kind != "ok":
            out.problems.append(CodingLogProblem(str(path), line.lineno, "damaged", line.why or f"not a coding entry "
                                                 f"(edited by hand?): {line.text[:80]!r}; skipped, the rest of the "
                                                 "log is read"))
            continue
        entry, problem = _parse(line.value, line.text, str(path), line.lineno)
        if entry is not None and ids and ids(entry.study) != entry.study:
            entry = replace(entry, study=ids(entry.study))
        if entry is not None:
            out.entries.append(entry)
        if problem is not None:
            out.problems.append(problem)
    return out


def read_coding_logs(folder, warn: bool = True, ids=None) -> CodingReading:
    """Every coder's log in ``folder`` (``evidence/coding``), file by file in name order."""
    folder = Path(folder)
    out = CodingReading()
    for path in sorted(p for p in folder.glob("*" + LOG_SUFFIX) if p.is_file()) if folder.is_dir() else []:
        one = read_coding_log(path, ids=ids)
        out.entries += one.entries
        out.problems += one.problems
        out.files += one.files
    if warn:
        for p in out.problems:
            warnings.warn(str(p), CodingWarning, stacklevel=2)
    return out


class CodingLog:
    """One coder's log, open for appending.

    Parameters
    ----------
    folder : path-like
        Usually ``evidence/coding``.
    coder : str
        Who codes; their log is ``<folder>/<coder_slug(coder)>.jsonl``.
    """

    def __init__(self, folder, coder: str):
        self.folder = Path(folder)
        self.coder = str(coder).strip()
        self.path = self.folder / f"{coder_slug(self.coder)}{LOG_SUFFIX}"
        reading = read_coding_log(self.path) if self.path.exists() else CodingReading()
        self.problems = reading.problems
        self.entries = reading.entries
        self._latest = {(e.study, e.agreed): e for e in self.entries}
        # opened (created and locked) at the first answer: looking at studies writes nothing
        self._log = AppendLog(self.path, what=f"is someone else coding as {self.coder!r}?", open_now=False)

    def latest(self, study: str, agreed: bool = False) -> CodingEntry | None:
        """This coder's latest answer for a study (their reconciliation when ``agreed``), or ``None``."""
        return self._latest.get((str(study), agreed))

    def studies(self, agreed: bool = False) -> set:
        """The studies this coder has answered (reconciled when ``agreed``)."""
        return {s for s, a in self._latest if a == agreed}

    def record(self, study, codes, fields=None, agreed: bool = False, agreed_by=(), coders=(),
               note: str = "") -> CodingEntry:
        """Append one answer and make it durable before returning it."""
        clean = []
        for c in codes:
            c = _clean_code(c)
            if c is None:
                raise ValueError(f"study {study}: a code must be a dict with a non-empty 'code'")
            clean.append(c)
        entry = CodingEntry(study=str(study), coder=self.coder, codes=tuple(clean), fields=dict(fields or {}),
                            timestamp=now_timestamp(), agreed=agreed,
                            agreed_by=tuple(agreed_by or ((self.coder,) if agreed else ())),
                            coders=tuple(coders), note=note, file=str(self.path))
        self._log.append([entry.as_json()])  # flushed and fsync-ed before this returns
        entry = CodingEntry(**{**entry.__dict__, "line": len(self.entries) + 1})
        self.entries.append(entry)
        self._latest[(entry.study, entry.agreed)] = entry
        return entry

    def close(self) -> None:
        self._log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
