"""Move screening decisions in from, and out to, Rayyan and Covidence CSV exports.

Rayyan (one CSV for the whole review; columns ``key, title, year, month, day, journal, issn, volume, issue,
pages, authors, url, language, publisher, location, abstract, notes, doi, keywords, pubmed_id, pmc_id``)
keeps every reviewer's vote in the ``notes`` column, in segments separated by ``" | "``::

    RAYYAN-INCLUSION: {"Alice"=>"Included", "Bob"=>"Excluded"} | RAYYAN-LABELS: RCT,adults |
    RAYYAN-EXCLUSION-REASONS: wrong population | USER-NOTES: {"Alice"=>["check the dose"]}

Rayyan's RIS, EndNote and BibTeX exports keep the same text in ``N1`` (``note``), read the same way.
Each vote becomes a decision in that reviewer's log (``Included``/``Excluded``/``Maybe`` →
include/exclude/maybe), with the labels and, for exclusions, the first reason that is on the review's list.
Rayyan does not say whose a reason is: a reason no exclusion takes (on a record everyone included, or a
second one) stays with the votes as a label ``exclusion reason: ...``. A row without votes (undecided in
Rayyan) is noted; two rows of one record (duplicates left in Rayyan) whose votes differ are a problem and
neither vote is imported.

Covidence exports one CSV per list (columns ``Title, Authors, Abstract, Published Year, Published Month,
Journal, Volume, Issue, Pages, Accession Number, DOI, Ref, Covidence #, Study, Notes, Tags``). A list export
holds the team's outcome, not single votes, so its rows are logged as *resolutions* by the reviewer who
imports them; which outcome the file holds is given (``stage``, ``decision``), or read from a file name
containing ``irrelevant`` (title/abstract exclude), ``select``/``full_text`` (title/abstract include),
``excluded`` (full-text exclude) or ``included`` (full-text include), and not guessed from a name that names
two lists with different outcomes (``irrelevant_excluded``); a full-text list also logs the
title/abstract include its records had to reach it, where the team's title/abstract outcome is not one already.
A full-text exclusion reason is taken from an ``Exclusion Reason`` column, or from ``Exclusion reason: ...`` in
``Notes``. The ``screen`` list (references nobody has decided) is refused: it holds no outcome.

Rows are matched to units by our key (a file we exported), then DOI, then normalised title (and year).
Rows that match no unit, or several, are reported with their file and line and not imported; decisions
that equal the reviewer's standing one are not logged again, so importing a file twice changes nothing.

Examples
--------
>>> parse_rayyan_notes('RAYYAN-INCLUSION: {"Ann"=>"Included", "Bo"=>"Maybe"} | RAYYAN-LABELS: a,b')
({'Ann': 'include', 'Bo': 'maybe'}, ['a', 'b'], [], {})
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..normalise import normalise_doi
from ..wording import counted
from .log import DecisionLog, current_decisions
from .settings import DECISIONS, STAGES, ReviewerError, ScreeningSettings, ScreeningError
from .status import _entries, screening_status

RAYYAN_COLUMNS = ["key", "title", "year", "month", "day", "journal", "issn", "volume", "issue", "pages", "authors",
                  "url", "language", "publisher", "location", "abstract", "notes", "doi", "keywords", "pubmed_id",
                  "pmc_id"]
COVIDENCE_COLUMNS = ["Title", "Authors", "Abstract", "Published Year", "Published Month", "Journal", "Volume",
                     "Issue", "Pages", "Accession Number", "DOI", "Ref", "Covidence #", "Study", "Notes", "Tags"]
RAYYAN_WORDS = {"included": "include", "excluded": "exclude", "maybe": "maybe"}
RAYYAN_OUT = {"include": "Included", "exclude": "Excluded", "maybe": "Maybe"}
REASON_LABEL = "exclusion reason: "
# unit table column -> Rayyan column, besides those export_rayyan always writes
RAYYAN_FROM_UNITS = {"volume": "volume", "issue": "issue", "pages": "pages", "isbn_issn": "issn", "url": "url",
                     "language": "language", "keywords": "keywords", "pmid": "pubmed_id"}
_RAYYAN_SEGMENT = re.compile(r"\s*\|\s*(?=(?:RAYYAN-INCLUSION|RAYYAN-LABELS|RAYYAN-EXCLUSION-REASONS|USER-NOTES):)")


@dataclass
class ExchangeReport:
    """What an import did: rows read = rows matched + rows not matched; every problem with file and line."""

    file: str
    rows: int = 0
    matched: int = 0
    logged: dict = field(default_factory=dict)  # reviewer -> decisions appended
    unchanged: int = 0  # decisions already standing, not logged again
    problems: list = field(default_factory=list)  # rows, or votes, not imported
    notes: list = field(default_factory=list)  # imported, but not as the file gave it (or nothing to import)
    votes: int = 0  # Rayyan: the reviewers' votes in the matched rows = logged + standing + not imported
    not_imported: int = 0
    units: int = 0  # the project's records (units) ...
    absent: list = field(default_factory=list)  # ... and those no row of the file matched

    def __str__(self) -> str:
        logged = ", ".join(f"{r}: {n}" for r, n in self.logged.items()) or "none"
        lines = [f"{self.file}: {self.rows} rows, {self.matched} matched to units, {self.rows - self.matched} not; "
                 f"decisions logged ({logged}), {self.unchanged} already standing"]
        if self.votes:
            lines.append(f"  {self.votes} votes in the matched rows: {sum(self.logged.values())} logged, "
                         f"{self.unchanged} already standing, {self.not_imported} not imported (said below)")
        if self.absent:  # the reverse of rows matching no unit: a record the file does not hold
            shown = ", ".join(self.absent[:3]) + (" ..." if len(self.absent) > 3 else "")
            lines.append(f"  {len(self.absent)} of the project's {self.units} records have no row in this file "
                         f"({shown}): nothing changes for them")
        lines += [f"  {p}" for p in self.problems]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)


def _title_key(title) -> str:
    return re.sub(r"[^0-9a-z]+", "", str(title or "").casefold())


class _Matcher:
    def __init__(self, units: pd.DataFrame):
        self.keys = set(units["group_id"].astype(str))
        self.doi: dict = {}
        self.title: dict = {}
        for row in units.itertuples(index=False):
            d = normalise_doi(row.doi)
            if d:
                self.doi.setdefault(d, set()).add(row.group_id)
            t = _title_key(row.title)
            if t:
                year = None if pd.isna(row.year) else int(row.year)
                self.title.setdefault(t, set()).add((row.group_id, year))

    def match(self, key="", doi="", title="", year=None):
        """(group_id or None, why-not message)."""
        if key and str(key) in self.keys:
            return str(key), ""
        d = normalise_doi(doi)
        if d and len(self.doi.get(d, ())) == 1:
            return next(iter(self.doi[d])), ""
        t = _title_key(title)
        found = self.title.get(t, set()) if t else set()
        try:
            year = int(str(year).strip()[:4]) if str(year or "").strip() else None
        except ValueError:
            year = None
        if len(found) > 1 and year is not None:
            found = {f for f in found if f[1] in (year, None)}
        groups = {g for g, _ in found}
        if len(groups) == 1:
            return groups.pop(), ""
        if d and len(self.doi.get(d, ())) > 1:
            return None, f"DOI {d} belongs to {len(self.doi[d])} units"
        if len(groups) > 1:
            return None, f"title matches {len(groups)} units ({', '.join(sorted(groups)[:3])})"
        return None, "matches no unit (DOI and title not found)"


def _read_csv(path: Path) -> tuple[list, list]:
    """(column names, [(start line, row dict)...]) of a CSV export, decoded as the importer decodes exports (a
    file saved again by Excel as windows-1252 or UTF-16 too); blank lines before the header are skipped, and a
    row cut short gets empty cells, not ``None``."""
    from ..io.decode import decode_bytes

    text, _ = decode_bytes(path.read_bytes(), str(path))
    body = text.lstrip()
    skipped = text[: len(text) - len(body)].count("\n")
    # a stream, not a list of lines: a quoted cell may hold a line break (or a character str.splitlines
    # breaks at, such as a form feed), and the csv module keeps it in the cell
    reader = csv.DictReader(io.StringIO(body, newline=""), restval="")
    rows, last = [], 1
    for row in reader:
        rows.append((skipped + last + 1, row))
        last = reader.line_num
    return list(reader.fieldnames or []), rows


def parse_rayyan_notes(notes: str):
    """Split Rayyan's ``notes``: ({reviewer: decision}, labels, exclusion reasons, {reviewer: [notes]})."""
    votes, labels, reasons, user_notes = {}, [], [], {}
    # split only where one of Rayyan's prefixes follows: a reviewer's note, or the record's own notes that
    # Rayyan keeps in front, may hold " | " themselves
    for segment in _rayyan_segments(notes)[-1]:
        name, _, value = segment.partition(":")
        name, value = name.strip().upper(), value.strip()
        if name == "RAYYAN-INCLUSION":
            for who, what in re.findall(r'"((?:[^"\\]|\\.)*)"\s*=>\s*"([^"]*)"', value):
                if what.strip().casefold() in RAYYAN_WORDS:
                    votes[who] = RAYYAN_WORDS[what.strip().casefold()]
        elif name == "RAYYAN-LABELS":
            labels = [x.strip() for x in value.split(",") if x.strip()]
        elif name == "RAYYAN-EXCLUSION-REASONS":
            reasons = [x.strip() for x in value.split(",") if x.strip()]
        elif name == "USER-NOTES":
            # the list is of quoted notes, so a "]" inside a note does not end it
            for who, body in re.findall(r'"((?:[^"\\]|\\.)*)"\s*=>\s*\[((?:\s*"(?:[^"\\]|\\.)*"\s*,?)*)\s*\]', value):
                user_notes[_unquote(who)] = [_unquote(n) for n in re.findall(r'"((?:[^"\\]|\\.)*)"', body)]
    return votes, labels, reasons, user_notes


_SEGMENT_ORDER = {"RAYYAN-INCLUSION": 0, "RAYYAN-LABELS": 1, "RAYYAN-EXCLUSION-REASONS": 2, "USER-NOTES": 3}


def _rayyan_segments(notes) -> list:
    """The Rayyan segments of a record's notes, one list per Rayyan review that wrote them (in the order written).

    Rayyan writes its segments in one order (inclusion, labels, reasons, user notes) after the notes the record
    came with; a record brought from one Rayyan review into another (a team's full-text review) came with the
    first review's segments, so a segment that does not follow the one before in that order starts the next
    review's. The last list is the review the file was exported from.

    >>> _rayyan_segments('own note | RAYYAN-INCLUSION: {"A"=>"Included"} | RAYYAN-LABELS: x')
    [['own note', 'RAYYAN-INCLUSION: {"A"=>"Included"}', 'RAYYAN-LABELS: x']]
    >>> _rayyan_segments('RAYYAN-LABELS: x | RAYYAN-INCLUSION: {"A"=>"Excluded"}')
    [['RAYYAN-LABELS: x'], ['RAYYAN-INCLUSION: {"A"=>"Excluded"}']]
    """
    reviews, last = [[]], -1
    for segment in _RAYYAN_SEGMENT.split(str(notes or "")):
        order = _SEGMENT_ORDER.get(segment.partition(":")[0].strip().upper())
        if order is not None:
            if order <= last:
                reviews.append([])
            last = order
        reviews[-1].append(segment)
    return reviews


def _log_batches(batches: dict, folder, settings, units, report: ExchangeReport, resolution: bool) -> None:
    """Append each reviewer's batch, skipping decisions that already stand."""
    keys = units["group_id"].astype(str).tolist()
    for reviewer, items in batches.items():
        with DecisionLog(folder, reviewer, settings, keys=keys) as log:
            fresh = []
            for item in items:
                cur = log.current(item["key"], item.get("stage", "title_abstract"), resolution)
                if cur is not None and cur.decision == item["decision"] and cur.reason == item.get("reason", ""):
                    report.unchanged += 1
                    continue
                fresh.append(dict(item, resolution=resolution))
            log.record_many(fresh)
            report.logged[log.reviewer] = report.logged.get(log.reviewer, 0) + len(fresh)


def import_rayyan(path, units: pd.DataFrame, folder, settings: ScreeningSettings | None = None,
                  stage: str = "title_abstract") -> ExchangeReport:
    """Log the reviewers' votes of a Rayyan export, its CSV or its RIS (see the module docstring).

    Every reviewer named in the file must be in the team list; otherwise nothing is logged and
    :class:`~synthesis.screening.settings.ReviewerError` names them.
    """
    if stage not in STAGES:
        raise ScreeningError(f"unknown stage {stage!r}: use one of {', '.join(STAGES)}")
    settings = settings or ScreeningSettings()
    path = Path(path)
    report = ExchangeReport(file=str(path))
    matcher = _Matcher(units)
    batches: dict = {}
    columns, rows = _read_csv(path)
    rows = [(f"line {line}", row) for line, row in rows]
    missing = {"notes", "title"} - set(columns)
    if {"user_email", "article_id", "key", "value"} <= set(columns):
        raise ScreeningError(f"{path}: this is Rayyan's customizations log (each user's clicks, by e-mail and article "
                             "number); import the articles file of the same export instead (articles.csv, or its RIS "
                             "or BibTeX), whose notes hold every reviewer's vote by name")
    if missing:
        rows = _rayyan_tagged(path)  # Rayyan's RIS, EndNote or BibTeX export: the notes in N1 / note
        if rows is None:
            raise ScreeningError(f"{path}: not a Rayyan export (no {', '.join(sorted(missing))} column, and no "
                                 "RAYYAN-INCLUSION in the notes of a RIS, EndNote or BibTeX export)")
    parsed = [parse_rayyan_notes(row.get("notes")) for _, row in rows]
    names = {who for votes, *_ in parsed for who in votes}
    unknown = _unknown_reviewers(settings, names)
    if len(unknown) > 1:  # name them all at once, not one per attempt
        raise ReviewerError(f"{path}: reviewers {', '.join(map(repr, unknown))} are not in the team list "
                            f"({', '.join(map(repr, settings.team))}); check the spelling, or join each with "
                            "syn.add_reviewer(PROJECT, NAME); nothing imported")
    team = {who: settings.reviewer_name(who) for who in sorted(names)}  # raises for an unknown reviewer
    seen: dict = {}  # (unit, reviewer) -> (line, item): one paper may stand in Rayyan twice (duplicates kept)
    matched: set = set()
    for (line, row), (votes, labels, reasons, notes) in zip(rows, parsed):
        report.rows += 1
        key, why = matcher.match(row.get("key", ""), row.get("doi", ""), row.get("title", ""), row.get("year"))
        if key is None:
            report.problems.append(f"{path}, {line}: {row.get('title', '')[:60]!r} {why}; not imported")
            continue
        report.matched += 1
        matched.add(key)
        report.votes += len(votes)
        earlier = len(_rayyan_segments(row.get("notes"))) - 1
        if earlier:
            report.notes.append(f"{path}, {line}: the notes hold an earlier Rayyan review's votes and labels too (the "
                                "record came from it); only those of the review the file was exported from are "
                                "imported")
        if not votes:
            report.notes.append(f"{path}, {line}: no reviewer's vote in Rayyan (undecided there)"
                                + (f"; its labels {labels} wait for a decision" if labels else ""))
            continue
        # Rayyan keeps the record's reasons, not whose they are: an exclusion takes the first one on the
        # review's list; a reason no exclusion takes (on a record all included, or a second one) stays a label
        unused = list(reasons)
        taken = []  # this row's votes that are logged
        for who, decision in votes.items():
            item = {"key": key, "decision": decision, "stage": stage, "labels": list(labels),
                    "note": " / ".join(notes.get(who, [])), "source": f"rayyan: {path.name} {line}"}
            if decision == "exclude" and reasons:
                usable = [r for r in reasons if _listed_reason(settings, r)]
                if usable:
                    item["reason"] = _listed_reason(settings, usable[0])
                    unused = [r for r in unused if r != usable[0]]
                elif stage == "full_text":
                    report.problems.append(f"{path}, {line}: {who}'s exclusion reasons {reasons} are not on "
                                           "the review's list; vote not imported")
                    report.not_imported += 1
                    continue
                else:
                    item["reason"] = reasons[0]
                    unused = [r for r in unused if r != reasons[0]]
            if decision == "exclude" and stage == "full_text" and not item.get("reason"):
                report.problems.append(f"{path}, {line}: {who}'s full-text exclusion has no reason; "
                                       "vote not imported")
                report.not_imported += 1
                continue
            before = seen.get((key, team[who]))
            if before is not None:
                if before[1] is not None and before[1]["decision"] != decision:
                    report.problems.append(
                        f"{path}, {before[0]} and {line}: one record ({key}) in two rows, {who} voted "
                        f"{before[1]['decision']} and {decision}; neither imported, decide it here")
                    report.not_imported += 1 + (not before[1].get("conflict"))  # this vote, and the first
                    before[1]["conflict"] = True
                else:
                    report.not_imported += 1
                    report.notes.append(f"{path}, {line}: the same record ({key}) as {before[0]}; "
                                        f"{who}'s vote imported once")
                continue
            seen[(key, team[who])] = (line, item)
            batches.setdefault(team[who], []).append(item)
            taken.append(item)
        if unused:
            for item in taken:
                item["labels"] = item["labels"] + [REASON_LABEL + r for r in unused]
            report.notes.append(f"{path}, {line}: Rayyan's exclusion reasons {unused} are no vote's reason; "
                                "kept as labels 'exclusion reason: ...'")
    batches = {who: [i for i in items if not i.get("conflict")] for who, items in batches.items()}
    _log_batches(batches, folder, settings, units, report, resolution=False)
    _absent(report, units, matched)
    return report


def _absent(report: ExchangeReport, units: pd.DataFrame, matched: set) -> None:
    report.units = len(units)
    report.absent = [g for g in units["group_id"].astype(str) if g not in matched]


RAYYAN_NOTE_FIELDS = ("notes", "N1", "note", "%Z", "annote")  # the notes in Rayyan's CSV, RIS, BibTeX, EndNote


def _rayyan_notes_of(raw) -> str:
    """The Rayyan notes a record's raw fields hold (several RIS ``N1`` lines joined), or ""."""
    if not isinstance(raw, dict):
        return ""
    for name in RAYYAN_NOTE_FIELDS:
        value = raw.get(name)
        value = " | ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value or "")
        if "RAYYAN-" in value:
            return value
    return ""


def _rayyan_tagged(path: Path):
    """``[(where, row)...]`` of a Rayyan export in a tagged format, read by the importer; None if it is not one."""
    from ..io import ImportFailure, read_export

    try:
        records = read_export(path).records
    except ImportFailure:  # not an export at all: the caller says what the file lacks
        return None
    rows = []
    for n, rec in enumerate(records.itertuples(index=False), 1):
        year = "" if pd.isna(rec.year) else str(rec.year)
        rows.append((f"record {n}", {"title": str(rec.title or ""), "doi": str(rec.doi or ""), "year": year,
                                     "notes": _rayyan_notes_of(rec.raw)}))
    return rows if any(row["notes"] for _, row in rows) else None


def _quote(text) -> str:
    """A reviewer's note inside Rayyan's ``"name"=>["note"]`` (Ruby's way of writing a hash): backslashes,
    quotes and line breaks escaped."""
    return str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def _unquote(text) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), text)


def rayyan_votes_waiting(records: pd.DataFrame, decisions, settings: ScreeningSettings | None = None) -> list:
    """Notes for the build: each export under ``data/`` that is a Rayyan export carrying reviewers' votes none
    of which is in the decision logs yet (a team that brought its Rayyan file as its search export).

    ``records`` is the record table (``source_file`` and the file's fields in ``raw``); ``decisions`` the logs'
    entries, whose ``source`` names the Rayyan file they were imported from.
    """
    if records is None or not len(records) or "raw" not in records.columns:
        return []
    if "source_database" in records.columns:  # (a file with votes is a Rayyan export: the importer names it so)
        records = records[records["source_database"].eq("Rayyan")]
    voted: dict = {}  # file -> (records with votes, reviewers)
    for file, raw in zip(records["source_file"], records["raw"]):
        notes = _rayyan_notes_of(raw)
        if "RAYYAN-INCLUSION" not in notes:
            continue
        who = parse_rayyan_notes(notes)[0]
        if who:
            n, names = voted.get(file, (0, set()))
            voted[file] = (n + 1, names | {name.strip() for name in who})  # ("Fagner " as Rayyan wrote it)
    imported = {str(getattr(e, "source", "")).rsplit(" ", 2)[0] for e in decisions or ()}  # "rayyan: f.csv line 2"
    out = []
    for file, (n, names) in sorted(voted.items()):
        if f"rayyan: {Path(file).name}" in imported:
            continue
        unknown = _unknown_reviewers(settings or ScreeningSettings(), names)
        out.append(f"{file} is a Rayyan export with the votes of {', '.join(sorted(names))} on {counted(n, 'record')}, "
                   f"not in evidence/screening yet: bring them in with `synthesis screening import-rayyan {file}`"
                   + (f" (first join {', '.join(unknown)} to the team: syn.add_reviewer)" if unknown else ""))
    return out


def _unknown_reviewers(settings: ScreeningSettings, names) -> list:
    """The names, in order, that are not in the team list (:meth:`ScreeningSettings.reviewer_name` refuses)."""
    unknown = []
    for who in sorted(names):
        try:
            settings.reviewer_name(who)
        except ReviewerError:
            unknown.append(who)
    return unknown


def _listed_reason(settings, reason) -> str:
    """The review's spelling of ``reason``, or "" when it is not on the review's list. A reason the team numbered in
    Covidence or Rayyan ("5.  no report of parameters", as mrc-ide's MERS review did) meets the review's reason
    without the number.

    >>> s = ScreeningSettings(reasons=["No report of parameters"])
    >>> _listed_reason(s, "5.  no report of parameters"), _listed_reason(s, "wrong design")
    ('No report of parameters', '')
    """
    for text in (reason, re.sub(r"^\s*\d{1,2}\s*[.)]\s+", "", str(reason or ""))):
        try:
            return settings.exclusion_reason(text)
        except ScreeningError:
            pass
    return ""


def export_rayyan(units: pd.DataFrame, decisions, path, settings: ScreeningSettings | None = None,
                  stage: str = "title_abstract") -> Path:
    """Write a Rayyan-style CSV: every unit, each reviewer's standing vote in ``notes``."""
    settings = settings or ScreeningSettings()
    cur = current_decisions(_entries(decisions, settings), keys=units["group_id"].astype(str))
    cur = cur[(cur["stage"] == stage) & ~cur["resolution"].astype(bool)]
    by_key: dict = {}
    for row in cur.itertuples(index=False):
        by_key.setdefault(row.key, []).append(row)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=RAYYAN_COLUMNS)
        w.writeheader()
        for u in units.itertuples(index=False):
            votes = sorted(by_key.get(u.group_id, []), key=lambda r: r.reviewer)
            segments = []
            if votes:
                inner = ", ".join(f'"{v.reviewer}"=>"{RAYYAN_OUT[v.decision]}"' for v in votes)
                segments.append(f"RAYYAN-INCLUSION: {{{inner}}}")
            every = {lab for v in votes for lab in v.labels}
            # a reason kept as a label on import goes back to Rayyan as the record's reason
            kept = {lab for lab in every if lab.startswith(REASON_LABEL)}
            labels = sorted(every - kept)
            if labels:
                segments.append("RAYYAN-LABELS: " + ",".join(labels))
            reasons = sorted({v.reason for v in votes if v.decision == "exclude" and v.reason}
                             | {lab[len(REASON_LABEL):] for lab in kept})
            if reasons:
                segments.append("RAYYAN-EXCLUSION-REASONS: " + ",".join(reasons))
            notes = {v.reviewer: v.note for v in votes if v.note}
            if notes:
                inner = ", ".join(f'"{r}"=>["{_quote(n)}"]' for r, n in notes.items())
                segments.append(f"USER-NOTES: {{{inner}}}")
            row = {"key": u.group_id, "title": u.title, "year": "" if pd.isna(u.year) else int(u.year),
                   "journal": u.journal, "authors": " and ".join(u.authors), "abstract": u.abstract,
                   "doi": u.doi, "notes": " | ".join(segments)}
            # the rest of the citation, so that Rayyan's own duplicate check and display have it
            for ours, theirs in RAYYAN_FROM_UNITS.items():
                value = getattr(u, ours, "")
                value = "; ".join(map(str, value)) if isinstance(value, (list, tuple)) else value
                row[theirs] = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else value
            w.writerow(row)
    return path


COVIDENCE_LISTS = {"irrelevant": ("title_abstract", "exclude"), "select": ("title_abstract", "include"),
                   "full_text": ("title_abstract", "include"), "fulltext": ("title_abstract", "include"),
                   "excluded": ("full_text", "exclude"), "included": ("full_text", "include")}


def import_covidence(path, units: pd.DataFrame, folder, reviewer: str, settings: ScreeningSettings | None = None,
                     stage: str | None = None, decision: str | None = None) -> ExchangeReport:
    """Log the outcome of a Covidence list export as resolutions by ``reviewer`` (see the module docstring)."""
    settings = settings or ScreeningSettings()
    path = Path(path)
    if stage is None or decision is None:
        low = path.name.lower()
        words = [k for k in COVIDENCE_LISTS if k in low]
        if any(COVIDENCE_LISTS[k][0] == "full_text" for k in words):
            # "full_text_excluded": the excluded list of full-text review, not the full-text (select) list
            words = [k for k in words if k not in ("full_text", "fulltext")]
        if len({COVIDENCE_LISTS[k] for k in words}) > 1:  # a file of two lists (irrelevant_excluded): no guess
            raise ScreeningError(f"{path}: the file name names two of Covidence's lists ({', '.join(words)}); say "
                                 "which outcome the file holds (stage= and decision=), or import each list's own "
                                 "export")
        hit = COVIDENCE_LISTS[words[0]] if words else None
        if hit is None and re.search(r"(^|[_\W])screen([_\W]|$)", low):
            raise ScreeningError(f"{path}: Covidence's screen list holds the references nobody has decided yet; "
                                 "nothing to import (import its irrelevant, select, included and excluded lists)")
        if hit is None:
            raise ScreeningError(f"{path}: say which list this Covidence export is (stage= and decision=); "
                                 "the file name does not tell")
        stage, decision = stage or hit[0], decision or hit[1]
    if stage not in STAGES or decision not in DECISIONS:
        raise ScreeningError(f"{path}: stage must be one of {STAGES} and decision one of {DECISIONS}")
    name = settings.reviewer_name(reviewer)
    report = ExchangeReport(file=str(path))
    matcher = _Matcher(units)
    columns, rows = _read_csv(path)
    if not {"Title", "Covidence #"} <= set(columns):
        raise ScreeningError(f"{path}: not a Covidence export (no 'Title' and 'Covidence #' columns)")
    items, matched = [], set()
    for line, row in rows:
        report.rows += 1
        key, why = matcher.match(row.get("Ref", ""), row.get("DOI", ""), row.get("Title", ""),
                                 row.get("Published Year"))
        if key is None:
            report.problems.append(f"{path}, line {line}: {row.get('Title', '')[:60]!r} {why}; not imported")
            continue
        report.matched += 1
        matched.add(key)
        notes = row.get("Notes") or ""
        item = {"key": key, "stage": stage, "decision": decision, "note": notes,
                "labels": [x.strip() for x in re.split(r"[;,]", row.get("Tags") or "") if x.strip()],
                "source": f"covidence {row.get('Covidence #', '')}: {path.name} line {line}"}
        if decision == "exclude":
            reason = (row.get("Exclusion Reason") or row.get("Exclusion reason") or "").strip()
            if not reason:
                m = re.search(r"exclusion reason:\s*([^;\n|]+)", notes, re.IGNORECASE)
                reason = m.group(1).strip() if m else ""
            if stage == "full_text":
                listed = _listed_reason(settings, reason) if reason else ""
                if not listed:
                    report.problems.append(f"{path}, line {line}: full-text exclusion reason {reason!r} missing or "
                                           "not on the review's list; not imported")
                    continue
                reason = listed
            item["reason"] = reason
        items.append(item)
    if stage == "full_text":
        implied = _passed_title_abstract(items, folder, settings, units)
        if implied:
            report.notes.append(f"{path}: a full-text list; {counted(len(implied), 'record')} without a title/abstract "
                                "include are logged as included at title/abstract too (they reached full text)")
        items = implied + items
    _log_batches({name: items}, folder, settings, units, report, resolution=True)
    _absent(report, units, matched)
    return report


def _passed_title_abstract(items: list, folder, settings: ScreeningSettings, units: pd.DataFrame) -> list:
    """The title/abstract inclusions a full-text list implies, for the records whose title/abstract outcome is not
    an include already: a reference reaches Covidence's included or excluded list only through its select list,
    and without them a team that imports only its full-text lists had every record undecided at title/abstract."""
    standing = set()
    if Path(folder).is_dir():
        from .log import read_logs

        ta = screening_status(read_logs(folder, settings), units, "title_abstract", settings, stops=False)
        standing = set(ta.loc[ta["decision"].eq("include"), "group_id"].astype(str))
    out, seen = [], set()
    for item in items:
        if item["key"] in standing or item["key"] in seen:
            continue
        seen.add(item["key"])
        out.append({"key": item["key"], "stage": "title_abstract", "decision": "include", "note": "", "labels": [],
                    "source": item["source"] + " (on a full-text list: included at title/abstract)"})
    return out


def export_covidence(units: pd.DataFrame, decisions, path, settings: ScreeningSettings | None = None,
                     stage: str = "title_abstract", decision: str = "include") -> Path:
    """Write the units whose outcome at ``stage`` is ``decision`` as a Covidence-style list CSV.

    ``Ref`` carries our ``group_id``, so a file sent out and back matches exactly.
    """
    settings = settings or ScreeningSettings()
    status = screening_status(_entries(decisions, settings), units, stage, settings).set_index("group_id")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COVIDENCE_COLUMNS + (["Exclusion Reason"] if decision == "exclude" else []))
        w.writeheader()
        for u in units.itertuples(index=False):
            st = status.loc[u.group_id]
            if st["decision"] != decision:
                continue
            first = u.authors[0].split(",")[0] if u.authors else "Anonymous"
            year = "" if pd.isna(u.year) else int(u.year)
            row = {"Title": u.title, "Authors": "; ".join(u.authors), "Abstract": u.abstract, "Published Year": year,
                   "Journal": u.journal, "DOI": u.doi, "Ref": u.group_id, "Study": f"{first} {year}".strip(),
                   "Tags": "; ".join(st["labels"])}
            if decision == "exclude":
                row["Exclusion Reason"] = st["reason"]
            w.writerow(row)
    return path
