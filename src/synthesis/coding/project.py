"""A project's coding as a whole: the coders' logs plus the imported CSV files, the queue, what the map shows.

Studies come from two places:

* ``evidence/studies.csv`` and ``evidence/study_codes.csv``, read as an import (the worked example's 49
  studies, coded from the seed review's Table 2);
* the coders' logs, ``evidence/coding/<coder>.jsonl`` (see :mod:`synthesis.coding.log`), for the records
  included at full text: each such study is its duplicate group (``study_id`` = ``group_id``, unless a row
  of ``studies.csv`` points at the group with ``record_id``), so title, authors and abstract come from the
  library.

A logged answer for a study replaces that study's imported codes and fills its fields. With single coding
the latest answer counts. With dual coding (``dual = true`` in ``evidence/coding_form.toml``) a study is on
the map once two coders gave the same answer, or once their disagreement was reconciled (an ``agreed``
entry); until then it waits, and the build says how many wait.

Examples
--------
>>> pc = load_project_coding("evidence", units=None)          # doctest: +SKIP
>>> pc.coding.included.shape[0], pc.summary()                  # doctest: +SKIP
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from synthesis.coding.form import CodingForm, load_form
from synthesis.coding.log import CodingEntry, CodingReading, read_coding_logs
from synthesis.coding.scheme import Scheme, load_scheme
from synthesis.coding.studies import CodingError, load_studies, make_coding, _read_codes
from synthesis.normalise import cited_authors, cited_study
from synthesis.wording import counted

__all__ = ["StudyState", "ProjectCoding", "study_states", "coding_queue", "load_project_coding", "why_no_map",
           "FORM_FILE", "LOG_FOLDER", "QUEUE_COLUMNS", "STATES"]

FORM_FILE = "coding_form.toml"
LOG_FOLDER = "coding"
#: what a study's coding can be
STATES = ("to code", "coded", "second coder", "reconcile", "agreed", "imported")
QUEUE_COLUMNS = ["study_id", "group_id", "title", "authors", "year", "journal", "doi", "abstract", "pdf",
                 "source", "state"]


@dataclass
class StudyState:
    """Where one study's coding stands: ``state`` (one of :data:`STATES`), the answer the map uses (if any)
    and each coder's latest answer."""

    study: str
    state: str
    answer: CodingEntry | None = None
    answers: dict = field(default_factory=dict)  # coder -> CodingEntry
    agreed: CodingEntry | None = None


def _same(a: CodingEntry, b: CodingEntry, scheme=None) -> bool:
    fa = {k: v for k, v in a.fields.items() if v not in ("", None)}
    fb = {k: v for k, v in b.fields.items() if v not in ("", None)}
    return a.code_set(scheme) == b.code_set(scheme) and fa == fb


def study_states(entries, dual: bool = False, scheme=None) -> dict:
    """``{study: StudyState}`` from log entries (in file order; later lines supersede earlier ones).

    A coder's later answer supersedes their own earlier one. Two coders' answers go on the map once they are
    the same or reconciled, with ``dual`` or without it: single coding only means one coder is enough. With the
    ``scheme``, codes are compared at their current paths (a value renamed with ``was:`` between the two answers
    is no disagreement).
    """
    answers: dict = {}
    agreed: dict = {}
    for e in sorted(entries, key=lambda e: e.timestamp):
        if e.agreed:
            agreed[e.study] = e
        else:
            answers.setdefault(e.study, {})[e.coder] = e
    out = {}
    for study in dict.fromkeys([*answers, *agreed]):
        mine = answers.get(study, {})
        ag = agreed.get(study)
        if ag is not None:
            out[study] = StudyState(study, "agreed", ag, mine, ag)
        elif not dual and len(mine) < 2:
            out[study] = StudyState(study, "coded", next(iter(mine.values())), mine)
        elif len(mine) < 2:
            out[study] = StudyState(study, "second coder", None, mine)
        else:
            # Two coders of one study (in single coding, a sample coded twice): the map takes their answer
            # only when it is the same; the later one never silently replaces the earlier one.
            first, *rest = sorted(mine.values(), key=lambda e: e.coder)
            if all(_same(first, r, scheme) for r in rest):
                out[study] = StudyState(study, "agreed", first, mine)
            else:
                out[study] = StudyState(study, "reconcile", None, mine)
    return out


def _authors_text(v) -> str:
    if isinstance(v, (list, tuple)):
        return "; ".join(map(str, v))
    return "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)


def coding_queue(studies: pd.DataFrame | None, units: pd.DataFrame | None = None, included=None,
                 states: dict | None = None) -> pd.DataFrame:
    """Every study to code or coded: included duplicate groups (from the library) and imported studies.

    Parameters
    ----------
    studies : DataFrame or None
        ``studies.csv`` (imported studies; ``record_id`` links one to a duplicate group).
    units : DataFrame, optional
        The unit table (one row per duplicate group: title, authors, year, journal, doi, abstract).
    included : iterable of str, optional
        The groups included at full text.
    states : dict, optional
        From :func:`study_states`, for the ``state`` column.
    """
    states = states or {}
    rows = []
    linked = {}
    if studies is not None and len(studies):
        linked = {str(r): str(s) for s, r in zip(studies["study_id"], studies["record_id"]) if str(r)}
    by_group = units.set_index("group_id") if units is not None and len(units) else None
    seen = set()
    for group in [str(g) for g in (included if included is not None else [])]:
        sid = linked.get(group, group)
        rec = by_group.loc[group] if by_group is not None and group in by_group.index else {}
        get = (lambda k: rec.get(k, "") if hasattr(rec, "get") else "")
        year = get("year")
        rows.append({"study_id": sid, "group_id": group, "title": str(get("title") or ""),
                     "authors": _authors_text(get("authors")),
                     "year": "" if year is None or pd.isna(year) else str(int(year)) if str(year).replace(".0", "").isdigit() else str(year),
                     "journal": str(get("journal") or ""), "doi": str(get("doi") or ""),
                     "abstract": str(get("abstract") or ""), "pdf": str(get("pdf") or ""), "source": "library"})
        seen.add(sid)
    if studies is not None:
        for rec in _records(studies):
            sid = str(rec["study_id"])
            if sid in seen or rec.get("status", "included") != "included":
                continue
            rows.append({"study_id": sid, "group_id": str(rec.get("record_id") or ""), "title": rec.get("title", ""),
                         "authors": rec.get("author", ""), "year": rec.get("year", ""), "journal": "", "doi": "",
                         "abstract": "", "pdf": "", "source": "studies.csv"})
            seen.add(sid)
    for row in rows:
        st = states.get(row["study_id"])
        row["state"] = st.state if st is not None else ("imported" if row["source"] == "studies.csv" else "to code")
    return pd.DataFrame(rows, columns=QUEUE_COLUMNS).fillna("")


def _records(frame: pd.DataFrame) -> list:
    """The rows of ``frame`` as dicts (what ``to_dict("records")`` gives, read column by column: faster)."""
    columns = list(frame.columns)
    return [dict(zip(columns, row)) for row in zip(*(frame[c].tolist() for c in columns))]


@dataclass
class ProjectCoding:
    """Everything the build and the notebook need: the checked :class:`Coding` the map is drawn from, each
    study's state, the queue, the log problems (skipped lines) and the scheme and form."""

    coding: object
    scheme: Scheme
    form: CodingForm
    states: dict
    queue: pd.DataFrame
    reading: CodingReading
    notes: list = field(default_factory=list)

    def waiting(self, state: str) -> list:
        return self.queue.loc[self.queue["state"] == state, "study_id"].tolist()

    def headline(self) -> str:
        """One line for the notebook: studies and codes on the map, and the included records still to code."""
        todo = int((self.queue["state"] == "to code").sum())
        return (f"{counted(len(self.coding.included), 'study', 'studies')} on the map, "
                f"{counted(len(self.coding.long_table()), 'code')}; {counted(todo, 'included record')} "
                f"{'waits' if todo == 1 else 'wait'} to be coded")

    def summary(self) -> list:
        """Plain sentences on what is not on the map yet (empty: everything included is coded and agreed)."""
        out = []
        todo = self.queue[(self.queue["state"] == "to code")]
        if len(todo):
            out.append(f"{len(todo)} record{'s' if len(todo) != 1 else ''} included at full text "
                       f"{'have' if len(todo) != 1 else 'has'} not been coded yet (not on the map): "
                       + self._named(todo))
        for state, what in (("second coder", "for a second coder"), ("reconcile", "for reconciliation")):
            waiting = self.queue[self.queue["state"] == state]
            if len(waiting):
                out.append(f"{len(waiting)} {'studies wait' if len(waiting) != 1 else 'study waits'} {what} (not on "
                           f"the map): " + self._named(waiting))
        return out + [str(p) for p in self.reading.problems]

    @staticmethod
    def _named(rows: pd.DataFrame, shown: int = 8) -> str:
        """The studies as a reader knows them, ``Jones et al. 2026 (g124f3bacf84c1ce9)``, the first few."""
        names = [cited_study(authors, year, sid) for sid, authors, year in zip(rows["study_id"], rows["authors"],
                                                                                rows["year"])]
        return ", ".join(names[:shown]) + (" ..." if len(names) > shown else "")


def _check_codes(entries, scheme: Scheme) -> list:
    problems = []
    fw = scheme.framework.id
    for e in entries:
        for c in e.codes:
            dim = c.get("dimension") or fw
            if dim not in scheme.dimensions:
                problems.append(f"{e.file} line {e.line}: study {e.study}: dimension {dim!r} is not in the coding "
                                f"scheme {scheme.path}")
                continue
            code = scheme.canonical(dim, c["code"])
            if not scheme.has(dim, code):
                try:
                    scheme.value(dim, code)
                except ValueError as exc:
                    problems.append(f"{e.file} line {e.line}: study {e.study}: {exc} (coding scheme {scheme.path})")
    return problems


def _check_fields(entries, form: CodingForm) -> list:
    """Problems with the coders' answers to the form: a field the form does not have, or a value that does not
    fit its field (a log edited by hand, or a form changed since); an empty answer is the queue's business."""
    problems = []
    for e in entries:
        for name, value in e.fields.items():
            if value in ("", None, []):
                continue
            if name not in form.ids:
                problems.append(f"{e.file} line {e.line}: study {e.study}: {name!r} is not a field of the coding "
                                f"form {form.path} (fields: {', '.join(form.ids)})")
                continue
            _, error = form.field(name).check(value)
            if error:
                problems.append(f"{e.file} line {e.line}: study {e.study}: field {name!r}: {error} (coding form "
                                f"{form.path})")
    return problems


def load_project_coding(evidence, units: pd.DataFrame | None = None, included=None, scheme: Scheme | None = None,
                        form: CodingForm | None = None, warn: bool = False) -> ProjectCoding:
    """Read the scheme, the form, the imported CSV files and the coders' logs; check them; combine them.

    Parameters
    ----------
    evidence : path-like
        The project's ``evidence/`` folder.
    units : DataFrame, optional
        The unit table (``output/units.csv``): title, authors, abstract of each duplicate group.
    included : iterable of str, optional
        The groups included at full text (they make the coding queue).

    Raises
    ------
    CodingError
        For a code outside the scheme (naming the file, line and study) or a problem in the CSV files.
    """
    ev = Path(evidence)
    scheme = scheme or load_scheme(ev / "coding_scheme.txt")
    form = form or load_form(ev / FORM_FILE)
    studies_file, codes_file = ev / "studies.csv", ev / "study_codes.csv"
    studies = load_studies(studies_file) if studies_file.exists() else None
    codes = _read_codes(codes_file, scheme) if codes_file.exists() else pd.DataFrame(columns=["study_id", "dimension", "code", "line"])
    reading = read_coding_logs(ev / LOG_FOLDER, warn=warn)
    problems = _check_codes(reading.entries, scheme) + _check_fields(reading.entries, form)
    if problems:
        raise CodingError(problems)
    states = study_states(reading.entries, dual=form.dual, scheme=scheme)
    queue = coding_queue(studies, units, included, states)
    final = {s: st.answer for s, st in states.items() if st.answer is not None}
    # A coded study whose record a later full-text decision no longer includes leaves the map: it is a record of
    # the library (so not an ID changed by deduplication) that is neither included nor a study of studies.csv.
    # It stayed on the map, counted in every chart and in the changelog's "studies added", with only a build note.
    withdrawn = {}
    if included is not None and units is not None:
        kept = set(map(str, included)) | (set(studies["study_id"].astype(str)) if studies is not None else set())
        records = dict(zip(units["group_id"].astype(str), units.index))
        for sid in list(final):
            if sid not in kept and sid in records:
                withdrawn[sid] = final.pop(sid)

    # the study table: imported rows, with the logged fields over them; logged studies from the queue
    base = _records(studies.drop(columns=["line"])) if studies is not None else []
    by_id = {str(r["study_id"]): r for r in base}
    qrows = {r["study_id"]: r for r in _records(queue)}
    rows = []
    position = {}  # study -> its row, so that a logged study replaces its imported row in place
    for sid, rec in by_id.items():
        if sid in states and sid not in final:
            continue  # re-coded in the logs and not agreed yet: off the map until it is
        position[sid] = len(rows)
        rows.append(rec)
    for sid, ans in final.items():
        q = qrows.get(sid, {})
        rec = by_id.get(sid) or {"study_id": sid, "record_id": q.get("group_id", ""),
                                 "author": cited_authors(q.get("authors", "")), "year": q.get("year", ""),
                                 "title": q.get("title", ""), "status": "included"}
        rec = dict(rec)
        for k, v in ans.fields.items():
            if v not in ("", None):
                rec[k] = "; ".join(map(str, v)) if isinstance(v, list) else str(v)
        if sid not in by_id:
            rows.append(rec)
        else:
            rows[position[sid]] = rec
    studies_df = pd.DataFrame(rows).fillna("") if rows else pd.DataFrame(columns=["study_id"])
    keep = codes[~codes["study_id"].isin(set(states))]
    logged = [{"study_id": sid, "dimension": c.get("dimension", ""), "code": c["code"], "line": 0}
              for sid, ans in final.items() for c in ans.codes]
    all_codes = pd.concat([keep, pd.DataFrame(logged, columns=["study_id", "dimension", "code", "line"])],
                          ignore_index=True)
    source = f"{codes_file} and {ev / LOG_FOLDER}/*.jsonl"
    coding = make_coding(scheme, studies_df, all_codes, studies_source=f"{studies_file} and the coding logs",
                         codes_source=source, studies_lines=str(studies_file), codes_lines=str(codes_file))
    coding.form_fields = tuple(form.ids)
    coding.number_fields = tuple(f.id for f in form.fields if f.type in ("number", "integer"))
    coding.choice_fields = tuple(f.id for f in form.fields if f.type in ("choice", "multi_choice"))
    # what is not on the map yet, for the map to say so
    coding.pending = {state: int((queue["state"] == state).sum()) for state in ("to code", "second coder", "reconcile")}
    coding.withdrawn = sorted(withdrawn)
    pc = ProjectCoding(coding, scheme, form, states, queue, reading)
    pc.notes = pc.summary()
    if withdrawn:
        cite = units.set_index(units["group_id"].astype(str))
        named = [cited_study(cite.at[sid, "authors"] if "authors" in cite else "",
                             cite.at[sid, "year"] if "year" in cite else "", sid) for sid in sorted(withdrawn)]
        where = "; ".join(f"{withdrawn[sid].file} line {withdrawn[sid].line}" for sid in sorted(withdrawn))
        pc.notes.append(f"{counted(len(withdrawn), 'coded study', 'coded studies')} no longer included at full text "
                        f"(a later screening decision) {'is' if len(withdrawn) == 1 else 'are'} off the map: "
                        f"{', '.join(named)}; the codes stay in the coders' logs ({where}) and come back if the "
                        "record is included again")
    if units is not None and studies is not None and "record_id" in studies.columns:
        groups = set(units["group_id"].astype(str))
        for sid, rid, line in zip(studies["study_id"], studies["record_id"].astype(str), studies["line"]):
            if rid.strip() and rid.strip() not in groups:  # the link to its record is lost, the study is not
                pc.notes.append(f"{studies_file} line {line}: study {sid}: record_id {rid} is in no export (a typing "
                                "error, or a removed export?); the study stays on the map as written, unlinked")
    if included is not None:
        known = set(queue["study_id"])
        for sid, st in states.items():
            if sid not in known and sid not in withdrawn:
                e = next(iter(st.answers.values()), st.agreed)
                pc.notes.append(f"{e.file} line {e.line}: study {sid} is coded but is not a record included at full "
                                "text nor a study of studies.csv (screening changed since?); it is on the map")
    return pc


def why_no_map(coding) -> str:
    """Why a coding with no study on the map has no Table 2 or maps, in one sentence for the build and the CLI.

    With dual coding (``dual = true`` in the form, perhaps switched on after some studies were coded by one
    person) the studies coded so far wait for a second coder or for reconciliation: "nothing coded yet" would
    say their coding was lost.

    >>> from types import SimpleNamespace
    >>> why_no_map(SimpleNamespace(pending={"to code": 2, "second coder": 3, "reconcile": 0}))
    'no study agreed yet: 3 studies wait for a second coder (dual coding: `dual = true` in evidence/coding_form.toml); no Table 2 or maps until a study is agreed'
    """
    pending = getattr(coding, "pending", None) or {}
    waiting = [f"{k} {'study waits' if k == 1 else 'studies wait'} for {what}"
               for what, k in (("a second coder", pending.get("second coder", 0)),
                               ("reconciliation", pending.get("reconcile", 0))) if k]
    if waiting:
        return (f"no study agreed yet: {' and '.join(waiting)} (dual coding: `dual = true` in evidence/{FORM_FILE}); "
                "no Table 2 or maps until a study is agreed")
    return "nothing coded yet: no Table 2 or maps until a study is coded"


def build_coding(evidence, out, units: pd.DataFrame | None = None, included=None):
    """What the project build runs: read and combine the coding, write ``coding_queue.csv`` into ``out``
    and ``maps/coding_agreement.csv``; returns ``(Coding, notes)``."""
    from synthesis.coding.agreement import coding_agreement

    pc = load_project_coding(evidence, units=units, included=included)
    if out is None:
        return pc.coding, [f"coding: {n}" for n in pc.notes]
    out = Path(out)
    (out / "maps").mkdir(parents=True, exist_ok=True)
    pc.queue.to_csv(out / "coding_queue.csv", index=False, lineterminator="\n")
    coding_agreement(pc.states, pc.scheme).to_csv(out / "maps" / "coding_agreement.csv", index=False,
                                                  lineterminator="\n")
    return pc.coding, [f"coding: {n}" for n in pc.notes]


def code_study(project, coder: str, study_id: str, codes, fields=None, agreed: bool = False, agreed_by=()):
    """Code one study from a program or notebook cell, with the widget's checks: the coder must be in the team
    of ``evidence/review.toml`` (when it lists one), every code must be in the scheme (and not retired), every
    field must fit the form. Appended to ``evidence/coding/<coder>.jsonl``.

    Parameters
    ----------
    project : path-like
        The project folder (with ``evidence/``).
    codes : list of str or dict
        Dotted paths (``"setup.recruitment.patients"``), ``"dimension:path"``, or dicts with ``code`` and
        optionally ``dimension``, ``quote`` and ``page``.
    fields : dict, optional
        Extraction fields of ``evidence/coding_form.toml``.

    Returns
    -------
    CodingEntry

    Examples
    --------
    >>> code_study(".", "Alice", "g124f3bacf84c1ce9", ["setup.recruitment.patients"],
    ...            {"country": "Denmark", "year": "2026"})                      # doctest: +SKIP
    """
    from synthesis.coding.log import CodingLog
    from synthesis.screening.settings import team_member

    ev = Path(project) / "evidence"
    scheme = load_scheme(ev / "coding_scheme.txt")
    coder = team_member(ev, coder, "CODER")  # as the coding widget checks it: the name names the coder's log
    form = load_form(ev / FORM_FILE)
    fw = scheme.framework.id
    clean, problems = [], []
    for c in codes:
        c = dict(c) if isinstance(c, dict) else {"code": str(c)}
        if ":" in c["code"] and not c.get("dimension"):
            c["dimension"], c["code"] = c["code"].split(":", 1)
        dim = c.get("dimension") or fw
        path = scheme.canonical(dim, c["code"])
        try:
            node = scheme.value(dim, path)
        except ValueError as exc:
            problems.append(f"study {study_id}: {exc} (coding scheme {scheme.path})")
            continue
        if node.retired:
            problems.append(f"study {study_id}: {node.label!r} is retired from the scheme")
        clean.append({**c, "dimension": dim, "code": path})
    if not clean and not problems:
        problems.append(f"study {study_id}: no code given")
    errors = form.validate(dict(fields or {}))
    problems += [f"study {study_id}: field {k!r}: {v} (form {form.path})" for k, v in errors.items()]
    if problems:
        raise CodingError(problems)
    return CodingLog(ev / LOG_FOLDER, coder).record(study_id, clean, form.clean(dict(fields or {})), agreed=agreed,
                                                    agreed_by=agreed_by)


def project_coding(project=".", warn: bool = True, scheme: Scheme | None = None) -> ProjectCoding:
    """:func:`load_project_coding` for a built project folder: the library's texts from ``output/units.csv``
    and the full-text inclusions from ``output/screening_status.csv`` (both written by ``make build``);
    ``scheme`` instead of ``evidence/coding_scheme.txt``."""
    root = Path(project)
    out = root / "output"
    units = included = None
    if (out / "units.csv").exists():
        from synthesis.screening.units import read_unit_table

        units = read_unit_table(out / "units.csv")
    if (out / "screening_status.csv").exists():
        status = pd.read_csv(out / "screening_status.csv", dtype=str, keep_default_na=False)
        included = status.loc[(status["stage"] == "full_text") & (status["decision"] == "include"), "group_id"].tolist()
    pc = load_project_coding(root / "evidence", units=units, included=included, warn=warn, scheme=scheme)
    if included is None:
        # Before the first build nothing says which records were included at full text: "0 wait to be coded"
        # and "no problems" would read as a finished coding.
        pc.notes.append(f"{out / 'screening_status.csv'} not found: run `make build` (synthesis build) first; until "
                        "then the records included at full text, which wait to be coded, are not known")
    return pc
