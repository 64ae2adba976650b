"""The steps of the build, each one public function that a notebook can call as well.

Each step takes what the steps before it produced, does its work with the library's own functions and,
given an ``out`` folder, writes its files there. The build (:func:`synthesis.build.build`) is these calls in
order; nothing of the domain is decided in the build itself.

import_exports -> deduplicate_records -> screening_numbers -> prisma_counts_for -> build_maps -> keep_version
"""
from __future__ import annotations

import os
import re
import sys
import warnings
from concurrent.futures.process import BrokenProcessPool
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..io import ImportResult
from ..project import as_project as _as_project
from ..wording import counted
from . import cache as _cache
from .manifest import BuildError, Checksums, program_fingerprint, sha256_file
from .rows import ROWS, table_signature, write_csv_rows, write_library, write_rows

__all__ = ["Imported", "Deduplicated", "Screened", "import_exports", "deduplicate_records", "screening_numbers",
           "prisma_counts_for", "build_maps", "keep_version", "save_figure", "migrate_evidence_ids"]


# ---------------------------------------------------------------------------------------------- import


@dataclass
class Imported(ImportResult):
    """Every record of every round, and one import report per export: the build's :class:`ImportResult`."""

    #: ``(key, records)`` per export in the records' order; the key changes whenever the export (or the
    #: program) does, so later steps can keep per-export work (see :func:`deduplicate_records`).
    segments: list = field(default_factory=list)

    def not_imported(self) -> list[str]:
        """One line per export with records found but not imported (a file cut off by a stopped download, a
        broken entry), each with its first reasons: what the build says, so none is only in a table."""
        lines = []
        for report in self.reports:
            if report.rejected:
                first = "; ".join(map(str, report.rejected[:3])) + (" ..." if len(report.rejected) > 3 else "")
                lines.append(f"{report.path}: {len(report.rejected)} of {report.found} records not imported "
                             f"(import_report.csv lists each): {first}")
        return lines

    def read_with_warnings(self, shown: int = 5) -> list[str]:
        """One line naming the exports read with warnings (a column without a name whose text went to ``raw``
        only, NUL bytes removed, two encodings, a record without its end) and each one's first warning: they
        were only in ``import_report.csv``, which nobody opens after a build that went through."""
        warned = [r for r in self.reports if r.warnings]
        if not warned:
            return []
        each = [w if (w := str(r.warnings[0])).startswith(r.path) else f"{r.path}: {w}" for r in warned[:shown]]
        each = [(w[:200] + " ...") if len(w) > 200 else w for w in each]
        more = f"; and {counted(len(warned) - shown, 'other export')}" if len(warned) > shown else ""
        return [f"{counted(len(warned), 'export')} {'was' if len(warned) == 1 else 'were'} read with warnings "
                f"(import_report.csv lists every warning): " + "; ".join(each) + more]


def _import_one(path: str, rel: str, cached: str, round_name: str | None = None):
    """Import one export and cache it (run in a worker process for a from-scratch build); given its round,
    also write its rows of ``records.csv`` beside the entry (:func:`_records_part`, as UTF-8 bytes with each
    row's length), so that the workers format them in parallel, not the build's main process one by one."""
    from ..io import ImportFailure, read_file

    try:  # source_file is stored relative to the project root
        table, report = read_file(path, name=rel)
    except ImportFailure as exc:
        return None, str(exc)
    _cache.write_entry(cached, (table, report))
    if round_name is not None:
        from .rows import csv_rows

        rows = csv_rows(_records_part(table.assign(search_round=round_name)))
        if len(rows) == len(table):
            _cache.write_entry(cached + PART, (table["record_id"].tolist(), b"".join(rows), list(map(len, rows))))
    return cached, ""


#: The suffix of an export's rows of ``records.csv`` made with its import (kept only until the file is written).
PART = ".records-part"


def _records_part(records: pd.DataFrame) -> str:
    """One export's rows of ``records.csv``, without the header: written and neutralised as text (a quick look
    over the bytes finds no risky cell in most exports, where neutralising the table looks at every cell)."""
    import io

    from ..io.export import write_csv
    from ..io.safe import neutralise_csv_text

    buffer = io.StringIO()
    write_csv(records, buffer, neutralise=False)
    return neutralise_csv_text(buffer.getvalue()).partition("\n")[2]


def _part_key(cached: str, ids) -> int:
    """The key of one export's rows of ``records.csv``: its cache entry (the export and the program) and the
    ids its records are written with (ids of exact copies are numbered over all exports)."""
    import hashlib

    content = Path(cached).stem + "\n" + "\n".join(map(str, ids))
    return int(hashlib.sha256(content.encode()).hexdigest()[:32], 16)


def _made_part(cached: str, ids: list):
    """The rows its import made for one export (:func:`_import_one`) with the record ids ``ids``, or None.

    The import wrote each record with the id it has in its own file; where an exact copy in an earlier file
    made the build number it (:func:`synthesis.ids.unique_record_ids`), the row's first cell, its id (a plain
    token, never quoted), is replaced.
    """
    part = Path(cached + PART)
    if not part.exists():
        return None
    try:
        made_ids, data, lengths = _cache.read_entry(part)
    except (_cache.DamagedEntry, TypeError, ValueError):
        return None  # formatted again
    if made_ids == ids:
        return data
    if len(made_ids) != len(ids):
        return None
    rows, start, view = [], 0, memoryview(data)
    for made, now, length in zip(made_ids, ids, lengths):
        row, start = view[start:start + length], start + length
        if made != now:
            if bytes(row[:len(made) + 1]) != f"{made},".encode():
                return None
            row = now.encode() + bytes(row[len(made):])
        rows.append(row)
    return b"".join(rows)


def _write_records_csv(records: pd.DataFrame, sizes: list, cached: list, path: Path, index: Path,
                       previous: Path) -> list:
    """``records.csv``: each export's rows as the last build wrote them (taken from its ``records.csv``), the
    new ones formatted now (see :mod:`synthesis.build.rows`, whose rows here are whole exports).

    A row of the record table depends on its record alone (cells neutralised one by one), so the file is
    the concatenation of each export's part, the same bytes as :func:`~synthesis.io.export.write_csv` of the
    whole table. A part is kept under its export's cache key and the record ids it was written with (ids of
    exact copies are numbered over all exports: :func:`synthesis.ids.unique_record_ids`). Returns notes.
    """
    from ..io.export import csv_cells

    ids = records["record_id"].astype(str).tolist()
    keys, bounds, start = [], [], 0
    for size, entry in zip(sizes, cached):
        keys.append(_part_key(entry, ids[start:start + size]))
        bounds.append((start, start + size))
        start += size

    def format_parts(positions):  # each export's rows: as its import made them, else formatted here
        parts = []
        for k in positions:
            made = _made_part(cached[k], ids[bounds[k][0]:bounds[k][1]])
            if made is None:
                made = _records_part(records.iloc[bounds[k][0]:bounds[k][1]]).encode("utf-8")
            parts.append(made)
        return parts

    head = csv_cells(records.iloc[:0]).to_csv(index=False, lineterminator="\n")
    return write_rows(path, head, keys, format_parts, index, previous, table_signature("records.csv", records))


def import_exports(project, rounds=None, out=None, progress: bool = False, checksums=None) -> Imported:
    """Import every export of every round (cached per file checksum); write the record table to ``out``.

    ``records.csv`` is written neutralised (no cell runs as a spreadsheet formula); each export's rows are
    copied from the last build's ``records.csv`` when they are unchanged, so a new round formats only its own.

    Large exports not in the cache are read in worker processes (one per core), beside this process reading
    the cached ones: after a new search round, its export is read while the earlier rounds' come from the cache.

    Parameters
    ----------
    project : synthesis.project.Project
    rounds : list of Round, optional
        Default: all the project's rounds.
    out : path, optional
        Where to write ``records.csv`` and ``import_report.csv``.
    checksums : synthesis.build.manifest.Checksums, optional
        The build's, so that an export is read once for its checksum in a build; default: the last build's.

    Returns
    -------
    synthesis.io.ImportResult
        The records (with their ``search_round``), one report per export, and notes.

    Raises
    ------
    BuildError
        An export cannot be read, or its counts do not reconcile.
    """
    project = _as_project(project)
    rounds = project.rounds() if rounds is None else rounds
    folder = project.root / _cache.CACHE / "imports"
    program = program_fingerprint()
    folder.mkdir(parents=True, exist_ok=True)
    _cache.remove_leftovers(folder)
    files = [(r, f) for r in rounds for f in r.files]
    jobs = []
    notes = _round_order_notes(project, rounds)
    same: dict = {}  # content -> the first export that holds it, and its round
    if checksums is None:
        checksums = Checksums(project.root / _cache.CACHE / _cache.CHECKSUMS, project.root)  # the last build's
    for rnd, path in files:
        rel = project.rel(path)
        digest = checksums.digest(path)
        if digest in same:  # kept (the ids allow an export read twice)
            notes.append(_same_export_note(*same[digest], rel, rnd.name))
        same.setdefault(digest, (rel, rnd.name))
        key = _cache.entry_key(program, rel, digest)
        jobs.append((str(path), rel, str(folder / f"{key}.pkl"), rnd.name if out is not None else None))
    in_cache = [job for job in jobs if Path(job[2]).exists()]
    todo = [job for job in jobs if job not in in_cache]
    loaded, damaged = {}, []

    def load_cached():
        for job in in_cache:
            if job[2] not in loaded and job not in damaged:
                try:
                    loaded[job[2]] = _cache.read_entry(job[2])
                except _cache.DamagedEntry as exc:
                    notes.append(f"the import cache entry of {job[1]} was damaged ({exc}); it was rebuilt")
                    damaged.append(job)

    failures = []
    bar = None
    if progress and len(todo) > 3:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(todo), desc="import", unit="file", file=sys.stderr)
    cores, large = os.cpu_count() or 1, 4_000_000  # bytes of exports worth a worker's start
    # Large exports not yet cached are read in worker processes, one per core; meanwhile this process reads
    # the cached ones, so that after a new search round its one new export costs hardly more than the cache.
    if cores > 1 and sum(os.path.getsize(j[0]) for j in todo) > large \
            and (len(todo) > 1 or sum(os.path.getsize(j[0]) for j in in_cache) > large):
        try:
            with _cache.worker_pool(min(len(todo), cores)) as pool:
                running = [pool.submit(_import_one, *job) for job in todo]
                load_cached()
                for future in running:
                    error = future.result()[1]
                    failures += [error] if error else []
                    bar and bar.update()
            todo = []
        except BrokenProcessPool:
            # Where workers are spawned (Windows, macOS), a script without an ``if __name__ == "__main__":``
            # guard makes them fail at start-up: the exports they did not cache are read here instead.
            failures, todo = [], [job for job in todo if not Path(job[2]).exists()]
    load_cached()
    for job in todo + damaged:
        _, error = _import_one(*job)
        failures += [error] if error else []
        bar and bar.update()
    if bar:
        bar.close()
    # Keep the cache to what this build uses, so it does not grow with every edited export.
    used = {Path(j[2]).name for j in jobs}
    for stale in folder.glob("*.pkl"):
        if stale.name not in used:
            stale.unlink()
    if failures:
        # called from a notebook (no ``out``) nothing is being built: say what did not happen there
        outcome = "nothing was built" if out is not None else "none was imported"
        raise BuildError(f"these exports cannot be read, so {outcome}:\n  " + "\n  ".join(failures))
    tables, reports = [], []
    for (rnd, _), (_, rel, cached, _) in zip(files, jobs):
        if cached in loaded:
            table, report = loaded[cached]
        else:
            try:
                table, report = _cache.read_entry(cached)
            except _cache.DamagedEntry as exc:
                raise BuildError(f"the import cache entry of {rel} was damaged while this build ran ({exc}); "
                                 f"run the build again") from None
        tables.append(table.assign(search_round=rnd.name))
        reports.append(report)
    bad = [r for r in reports if not r.reconciles]
    if bad:
        raise BuildError("import counts do not reconcile for: " + ", ".join(r.path for r in bad))
    from ..ids import unique_record_ids

    records = unique_record_ids(pd.concat(tables, ignore_index=True))  # an exact copy in two files: two ids
    imported = Imported(records=records, reports=reports, notes=notes, rounds=[rnd.name for rnd, _ in files])
    notes += imported.not_imported() + imported.read_with_warnings()
    if out is not None:
        notes += _write_records_csv(records, [len(t) for t in tables], [j[2] for j in jobs],
                                    Path(out) / "records.csv", project.root / _cache.CACHE / ROWS / "records.csv.pkl",
                                    project.output / "records.csv")
        imported.report_table().to_csv(Path(out) / "import_report.csv", index=False)
    for made in folder.glob("*" + PART):  # read into records.csv above (or not wanted): only a build's own
        made.unlink()
    imported.segments = [(Path(cached).stem, len(t)) for (_, _, cached, _), t in zip(jobs, tables)]
    return imported


# ---------------------------------------------------------------------------------------------- duplicates


@dataclass
class Deduplicated:
    """Duplicate groups over all rounds, the merged library, and the round each group belongs to."""

    result: object  # synthesis.dedup.DedupResult
    groups: pd.DataFrame
    group_round: pd.Series  # group_id -> the round of its first record
    library: pd.DataFrame  # one merged record per duplicate group
    notes: list = field(default_factory=list)
    #: files still being written in a second process (``background=True``): see :meth:`finish`
    writing: list = field(default_factory=list)
    #: what the result depends on (exports, verdicts, settings, program), when the build gave ``segments``: the
    #: build keeps it in its manifest, so that the next build with the same key takes the result over
    key: str = ""

    def finish(self) -> list:
        """Wait for the files written in the background; returns their notes (also added to :attr:`notes`)."""
        notes = []
        while self.writing:
            notes += self.writing.pop(0).result()
        self.notes += notes
        return notes

    def cancel(self) -> None:
        """Stop writing in the background (the build failed or was interrupted)."""
        while self.writing:
            self.writing.pop(0).cancel()


#: Records from which the library's files are written in a second process, when the build asks for it.
BACKGROUND_FROM = 20_000
#: The files :func:`deduplicate_records` writes.
DEDUP_FILES = ("duplicate_groups.csv", "library.csv", "library.ris", "maybe_pairs.csv", "source_overlap.csv",
               "source_overlap_matrix.csv", "source_overlap.svg", "source_overlap.png", "deduplication.txt")


def _dedup_key(project, settings, segments, names=None) -> str:
    """What deduplication's result and files depend on: the exports (their cache keys: program, path in the
    project, content), people's verdicts and the id map they are read through, the preferred databases, and the
    names the search log gives the exports (``names``: the source overlap counts under them)."""
    import hashlib
    import json

    def digest(path: Path) -> str:
        return sha256_file(path) if path.is_file() else ""

    parts = [program_fingerprint(), [list(s) for s in segments], digest(project.evidence / "duplicate_verdicts.tsv"),
             digest(project.evidence / "id_map.csv"), list(settings.preferred_databases)]
    if names:  # appended only when there are some: a project without a search log keeps its key
        parts.append(sorted(names.items()))
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _kept_result(project, key: str, out: Path):
    """The last build's deduplication when it had ``key``: its result (read from the cache) with its files copied
    from the last build's output into ``out``, each checked against the last manifest; else None."""
    import shutil

    from .manifest import read_manifest

    entry = project.root / _cache.CACHE / _cache.DEDUP / "result.pkl"
    try:
        manifest = read_manifest(project.output)
    except BuildError:
        return None
    if not entry.exists() or not manifest or manifest.get("deduplication") != key:
        return None
    files = manifest.get("files", {})
    checksums = Checksums(project.root / _cache.CACHE / _cache.CHECKSUMS, project.root)
    if any(name not in files or not (project.output / name).is_file()
           or checksums.digest(project.output / name, "output/" + name, settled=False) != files[name]
           for name in DEDUP_FILES):
        return None
    try:
        stored = _cache.read_entry(entry)
    except _cache.DamagedEntry:
        return None
    if not isinstance(stored, dict) or stored.get("key") != key:
        return None
    for name in DEDUP_FILES:  # with their times, so that the new manifest need not read them again
        shutil.copy2(project.output / name, out / name)
    return stored["value"]


def _write_library_and_keep(library, out, rows, previous, entry, key, value) -> list:
    """The library's files (:func:`write_library`), then the result kept for the next build (see
    :func:`_kept_result`): both the work of a second process when the build runs one."""
    notes = write_library(library, out, rows, previous)
    if key:
        _cache.write_entry(entry, {"key": key, "value": value})
    return notes


def deduplicate_records(records: pd.DataFrame, project, settings=None, out=None,
                        progress: bool = False, segments=None, background: bool = False,
                        take_over: bool = True, import_reports=None) -> Deduplicated:
    """Duplicate groups over all rounds (people's verdicts re-applied), the library and source overlap.

    ``preferred_databases`` (``evidence/review.toml``) may name a database as the records do, as the import
    report names an export (``import_reports``: the Cochrane Library's export, whose records are Cochrane
    CENTRAL's) or as the search log names its search: each such name stands for its exports' records.

    With ``segments`` (:attr:`Imported.segments`), the last build's work is taken over where its inputs are
    unchanged (each export's prepared fields, the scores of pairs of unchanged records: see
    :mod:`synthesis.dedup.incremental`), so a new round costs little more than its own records; the groups
    are those of a run from scratch all the same.

    With ``background=True`` and a large library, ``library.csv`` and ``library.ris`` are written into ``out`` by
    a second process while the caller goes on (where one can be forked and a core is idle: see
    :mod:`synthesis.dedup.parallel`); call :meth:`Deduplicated.finish` before using them. The build does, so
    the screening and PRISMA steps run meanwhile; the files are the same either way.

    With ``segments`` and ``out``, when nothing deduplication depends on changed since the last build (exports,
    verdicts, preferred databases, the program: a rebuild after screening decisions or coding), its result and
    files are taken over (the files copied from ``output/``, each checked against the last manifest), unless
    ``take_over=False`` (``synthesis build --force``).
    """
    project = _as_project(project)
    from ..dedup import DedupWarning, MergePolicy, deduplicate
    from ..dedup.overlap import overlap_figure, source_overlap
    from ..dedup.parallel import Background, can_fork, spare_core
    from ..prisma.searchlog import logged_file_names

    writing = []

    settings = project.settings() if settings is None else settings
    verdicts = project.evidence / "duplicate_verdicts.tsv"
    names = logged_file_names(project.evidence / "searches.toml")
    preferred = _preferred_as_recorded(settings.preferred_databases, records, names, import_reports)
    policy = MergePolicy(preferred_databases=preferred)
    from ..dedup.verdicts import VerdictFileError, VerdictWarning

    key = _dedup_key(project, settings, segments, names) if segments is not None and out is not None else ""
    kept = _kept_result(project, key, Path(out)) if key and take_over else None
    if kept is not None:
        result, notes = kept
        notes = list(notes) + ["deduplication: no export, verdict or setting it depends on changed since the last "
                               "build: its groups and files were taken over"] + _preference_notes(project, settings,
                                                                                                   records, preferred)
        return Deduplicated(result=result, notes=notes, key=key, **_with_rounds(result, records))

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", VerdictWarning)
        reuse, notes = _cache.load_dedup(project.root / _cache.CACHE, segments) if segments else (None, [])
        try:
            result = deduplicate(records, verdicts=verdicts if verdicts.exists() else None, policy=policy,
                                 progress=progress and len(records) > 20000, cache=reuse)
        except VerdictFileError as exc:
            raise BuildError(str(exc)) from None
        if reuse is not None:
            _cache.save_dedup(project.root / _cache.CACHE, reuse)
            kept = len(reuse.segments) - len(reuse.prepared_now)
            if reuse.reused_pairs:
                notes.append(f"deduplication: the work on {kept} of {len(reuse.segments)} exports and on "
                             f"{reuse.reused_pairs:,} of {reuse.reused_pairs + reuse.scored_pairs:,} candidate "
                             f"pairs was taken over from the last build (the groups are those of a run from "
                             f"scratch)")
    # the verdicts' warnings become notes, and so do deduplication's (they are result.warnings: shown as
    # Python warnings too, the report said each twice, the first time with a line of the build's source)
    for w in caught:
        if not issubclass(w.category, (VerdictWarning, DedupWarning)):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    # what the result says every time it is taken over: the verdicts' and deduplication's warnings
    lasting = [str(w.message) for w in caught if issubclass(w.category, VerdictWarning)]
    lasting += [f"deduplication: {w}" for w in result.warnings]
    notes += lasting + _preference_notes(project, settings, records, preferred)
    parts = _with_rounds(result, records)
    groups, first, library = parts["groups"], parts["group_round"], parts["library"]
    if out is not None:
        out = Path(out)
        groups.to_csv(out / "duplicate_groups.csv", index=False)
        # neutralised as it is written; rows the last build formatted are taken from the cache
        # rows kept in a folder of their own: a second process writing there removes no other step's files
        rows = project.root / _cache.CACHE / ROWS
        for old in ("library.csv.pkl", "library.ris.pkl"):  # where earlier versions kept them
            (rows / old).unlink(missing_ok=True)
        # the result is kept for the next build by the same process, after the library's files
        args = (library, out, rows / "library", project.output, project.root / _cache.CACHE / _cache.DEDUP /
                "result.pkl", key, (result, lasting))
        if background and len(library) >= BACKGROUND_FROM and can_fork() and spare_core():
            writing = [Background(_write_library_and_keep, *args)]
        else:
            notes += _write_library_and_keep(*args)
        result.maybe_table(records).to_csv(out / "maybe_pairs.csv", index=False)
        # the databases as the search log names them, as in the PRISMA diagram and the PRISMA-S report
        overlap = source_overlap(groups, search_log=names)
        overlap.per_database.to_csv(out / "source_overlap.csv", index=False)
        overlap.matrix.to_csv(out / "source_overlap_matrix.csv")
        save_figure(overlap_figure(overlap), out / "source_overlap")
        (out / "deduplication.txt").write_text(result.summary_text() + "\n", encoding="utf-8")
    return Deduplicated(result=result, groups=groups, group_round=first, library=library, notes=notes,
                        writing=writing, key=key)


def _with_rounds(result, records) -> dict:
    """The groups and the library with the round of each record and group: a group belongs to the round of its
    first record (later rounds only add to it)."""
    groups = result.groups.assign(search_round=records["search_round"].to_numpy())
    first = groups.drop_duplicates("group_id").set_index("group_id")["search_round"]
    library = result.library.assign(search_round=result.library["group_id"].map(first).to_numpy())
    return {"groups": groups, "group_round": first, "library": library}


def _preferred_as_recorded(preferred, records: pd.DataFrame, names: dict, import_reports=None) -> tuple:
    """``preferred`` (the review's ``preferred_databases``) in the records' own names of their databases.

    A name no record has but that the import report gives an export (``import_reports``), or the search log its
    search (``names``: export file -> search name), stands for the databases of that export's records, in its
    place in the order: review.toml tells people to spell the names as import_report.csv does, and that said
    "Cochrane Library" where every record of the file is "Cochrane CENTRAL", so the preference preferred nothing.

    >>> records = pd.DataFrame({"source_file": ["c.csv", "p.nbib"],
    ...                         "source_database": ["Cochrane CENTRAL", "PubMed"]})
    >>> class Report:
    ...     path, database = "c.csv", "Cochrane Library"
    >>> _preferred_as_recorded(["Cochrane Library", "PubMed"], records, {}, [Report()])
    ('Cochrane Library', 'Cochrane CENTRAL', 'PubMed')
    >>> _preferred_as_recorded(["MEDLINE"], records, {"p.nbib": "MEDLINE"})
    ('MEDLINE', 'PubMed')
    """
    if not preferred or "source_database" not in records or "source_file" not in records:
        return tuple(preferred)
    databases = records["source_database"].fillna("").astype(str)
    recorded = {d.lower() for d in databases.unique() if d}
    file_names: dict[str, set] = {}
    for file, name in names.items():
        file_names.setdefault(str(file), set()).add(name.lower())
    for report in import_reports or ():
        if getattr(report, "database", ""):
            file_names.setdefault(str(report.path), set()).add(report.database.lower())
    out: list[str] = []
    for name in preferred:
        out.append(name)
        if name.lower() in recorded:
            continue
        files = {f for f, called in file_names.items() if name.lower() in called}
        for database in databases[records["source_file"].astype(str).isin(files)].unique():
            if database and database.lower() not in {o.lower() for o in out}:
                out.append(database)
    return tuple(out)


def _preference_notes(project, settings, records, preferred=()) -> list:
    """A preferred database that no export's database is: it prefers nothing, silently, unless said.

    ``preferred``: :func:`_preferred_as_recorded`'s names; a name that stands for the records of an export the
    import report or the search log names so prefers them.
    """
    if "source_database" not in records:
        return []
    known = sorted({str(d) for d in records["source_database"].dropna().unique() if str(d)})
    recorded = {k.lower() for k in known}
    given = {str(d).lower() for d in settings.preferred_databases}
    preferred = list(preferred or settings.preferred_databases)
    # a name no record has prefers something when the records' names it stands for follow it
    unknown = [d for k, d in enumerate(preferred) if str(d).lower() in given and str(d).lower() not in recorded
               and (k + 1 == len(preferred) or str(preferred[k + 1]).lower() in given)]
    if not unknown:
        return []
    return [f"{project.evidence / 'review.toml'} [review]: preferred_databases names {', '.join(map(repr, unknown))}, "
            f"which no export's database is (they are: {', '.join(known)}); check the spelling against these "
            f"(a database that only a later search round will add counts once that round's exports are in)"]


def migrate_evidence_ids(project, records: pd.DataFrame, dedup: Deduplicated) -> list:
    """Once, for a project whose evidence names records and groups by the ids of earlier versions: write
    ``evidence/id_map.csv`` (old id -> new id), through which every reader of evidence resolves them.

    Does nothing when the map exists or the evidence names no old id. Returns the notes. See
    :func:`synthesis.ids.migrate_ids`.
    """
    project = _as_project(project)
    from ..ids import migrate_ids

    try:
        return migrate_ids(project.evidence, records, dedup.groups)
    except OSError as exc:
        raise BuildError(f"{project.evidence}: the id map cannot be written ({exc.strerror}); the evidence names "
                         f"records by the ids of an earlier version, so nothing was built") from None


def save_figure(fig, stem: Path, formats=("svg", "png")) -> None:
    """Save a matplotlib figure in each format, with no date inside, and close it."""
    import matplotlib.pyplot as plt

    for fmt in formats:
        fig.savefig(stem.with_suffix("." + fmt), dpi=150, bbox_inches="tight", metadata=_figure_metadata(fmt))
    plt.close(fig)


def _figure_metadata(fmt: str) -> dict:
    # No dates or software versions inside figures, so that a rebuild writes the same bytes.
    return {"svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None}}.get(fmt, {})


# ---------------------------------------------------------------------------------------------- screening


@dataclass
class Screened:
    """Where every duplicate group stands at each stage, and the latest round's PRISMA screening numbers."""

    settings: object  # synthesis.screening.ScreeningSettings
    units: pd.DataFrame
    decisions: list
    status: pd.DataFrame  # every group at both stages
    counts: object  # PRISMA numbers of the latest round, from the logs
    notes: list = field(default_factory=list)
    checks: list = field(default_factory=list)  # lines for prisma_checks.txt: stopping test, open conflicts
    reports: dict = field(default_factory=dict)  # {group_id: [study, ...]}: the PDFs of groups with several
    stopped: set = field(default_factory=set)  # records the stopping tests leave unscreened (left_after_stops)
    # screening blind and the team not done: syn.hidden_while_blind's sentence; the build's notes then say no number
    # or record made of the team's decisions (whoever runs the build, often a reviewer, reads them)
    hidden: str = ""


def _same_export_note(first: str, first_round: str, again: str, again_round: str) -> str:
    """What an export filed twice means for the counts.

    In one round it is most often a second download, and the round's diagram counts its records twice among those
    identified. In a later round it may be a search run again that found the same records: its records are in the
    library once, and the later round's diagram removes them all as found before. It was called "counted twice"
    in both cases, which alarmed an author whose counts were right.
    """
    if first_round == again_round:
        return (f"{first} and {again} hold the same bytes: one export twice (a second download?); remove one of "
                f"them, or its records are counted twice among the records identified in the PRISMA diagram (and "
                f"once more as duplicates removed)")
    return (f"{again} (round {again_round}) holds the same bytes as {first} (round {first_round}): the same "
            f"export filed in both rounds. Its records are in the library once: round {again_round}'s PRISMA "
            f"diagram counts them as identified and removes all of them as duplicates (found in an earlier "
            f"round). That is right if the search was run again and found exactly the same records; if the file "
            f"was copied by mistake, remove it and its search from evidence/searches.toml")


def _round_order_notes(project, rounds) -> list:
    """A note when the rounds' order rests on folder names that are not dates ("initial", "update-1")."""
    from ..project import DATED_ROUND

    names = [r.name for r in rounds]
    # a month or day the calendar has not (2027-13, a slip for 2027-01 or 2026-12?) was taken for a date, silently,
    # though it may put the round after one it came before; said whatever the number of rounds, as the diagram's
    # title carries the name
    notes = [f"{project.rel(r.path)}/: {r.name} is not a date ({wrong}); rounds are taken in the order of their "
             f"folders' names, so rename it by the day of the search (YYYY-MM or YYYY-MM-DD)"
             for r in rounds if r.path != project.data and (wrong := _impossible_date(r.name))]
    undated = [r.name for r in rounds if r.path != project.data and not DATED_ROUND.match(r.name)]
    if len(names) < 2 or not undated:
        return notes
    return notes + [f"the search rounds were taken in this order, by their folder names: {', '.join(names)} (the "
                    f"PRISMA diagram counts the last); name a round's folder by its date (data/searches/2026-11/) to "
                    f"be sure"]


def _impossible_date(name: str) -> str:
    """What is wrong with a round's name that is written as a date the calendar has not, else ``""``.

    >>> _impossible_date("2027-13"), _impossible_date("2026-02-30 update"), _impossible_date("2026-12")
    ('month 13', 'February 2026 has no day 30', '')
    >>> _impossible_date("2026-2027"), _impossible_date("update 2")
    ('', '')
    """
    import calendar
    import re

    date = re.match(r"(?:19|20)(\d\d)[-_.](\d\d)(?:[-_.](\d\d))?(?!\d)", name)
    if not date:
        return ""
    year, month, day = int(name[:4]), int(date.group(2)), int(date.group(3) or 1)
    if not 1 <= month <= 12:
        return f"month {month}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"{calendar.month_name[month]} {year} has no day {day}"
    return ""


def screening_numbers(project, library: pd.DataFrame, group_round: pd.Series, latest_round: str,
                      out=None, not_imported: list = ()) -> Screened:
    """Where every duplicate group stands at each stage, agreement, conflicts and the screening queue.

    Parameters
    ----------
    library : DataFrame
        One merged record per duplicate group (:attr:`Deduplicated.library`).
    group_round : Series
        ``group_id -> round`` (:attr:`Deduplicated.group_round`).
    latest_round : str
        The round whose PRISMA numbers are counted.
    not_imported : list of str, optional
        :meth:`Imported.not_imported`: named when decisions are on records no export holds (a cut-off export
        loses the records after the cut, and their decisions look like those of a removed round).
    """
    project = _as_project(project)
    from ..screening import (agreement, conflicts, excluded_reports, make_unit_table, prisma_counts, read_logs,
                             screening_status)
    from ..screening.status import excluded_markdown
    from ..screening.settings import load_screening_settings
    from ..screening.units import apply_joined_groups, unit_table_cells

    folder = project.evidence / "screening"
    for name in ("screening", "coding"):  # read as "no decisions yet", the logs' folder being a file lost them all
        if (project.evidence / name).exists() and not (project.evidence / name).is_dir():
            raise BuildError(f"{project.evidence / name} is a file, where the folder of the {name} logs belongs "
                             f"(evidence/{name}/<name>.jsonl); restore the folder and build again")
    try:  # the [screening] table of evidence/review.toml (an old settings.json is moved there first)
        settings = load_screening_settings(folder)
    except ValueError as exc:
        raise BuildError(str(exc)) from None
    units = make_unit_table(library)
    reading = read_logs(folder, settings, warn=False) if folder.is_dir() else None
    bad = [p for p in (reading.problems if reading else []) if p.kind not in ("torn",)]
    if bad:
        raise BuildError("the screening logs have problems, so nothing was built:\n  " + "\n  ".join(map(str, bad)))
    known = set(units["group_id"])
    # decisions on a group that a "duplicate" verdict joined to another count for the joined group
    joined = apply_joined_groups(reading, units) if reading else {}
    entries = reading.entries if reading else []
    vanished = sorted({(e.file, e.line, e.key) for e in entries if e.key not in known})
    if vanished:
        shown = "\n  ".join(f"{f}, line {ln}: {k}" for f, ln, k in vanished[:10])
        more = f"\n  ... and {len(vanished) - 10} more" if len(vanished) > 10 else ""
        why = ("\n  and some exports' records were not imported, which may be why (a file cut off by a stopped "
               "download? export it again):\n  " + "\n  ".join(not_imported)) if not_imported else ""
        # (a record is named by its content as exported: a new download of a search, with other citation counts
        # or export dates in its records, names other records, which a reviewer would not guess)
        raise BuildError(f"{len(vanished)} screening decisions name records that are in no export under data/ "
                         f"(was a search round or an export removed, or an export replaced by a new download? "
                         f"records are known by their content as exported, so put the export the decisions were "
                         f"made on back, and a new download in a new round's folder); nothing was built:\n  "
                         f"{shown}{more}{why}")
    notes = [str(p) for p in (reading.problems if reading else [])]
    lost = [g for g in settings.pilot if joined.get(g, g) not in known]
    if lost:  # the pilot's agreement would silently be counted on fewer records
        notes.append(f"{settings.source or 'the screening settings'}: the pilot list names "
                     f"{counted(len(lost), 'group')} in no export: {', '.join(lost[:5])}"
                     f"{' ...' if len(lost) > 5 else ''} (a typing error, or a removed export?); the pilot's agreement "
                     f"counts the {len(settings.pilot) - len(lost)} others")
    if settings.team and settings.reviewers_per_record > len(settings.team):  # every record would wait forever
        notes.append(f"{settings.source or 'the screening settings'}: reviewers_per_record = "
                     f"{settings.reviewers_per_record} but the team lists {len(settings.team)} "
                     f"({', '.join(map(str, settings.team))}), so no record can be agreed; add the others with "
                     f"syn.add_reviewer, or lower reviewers_per_record")
    if joined:
        notes.append(f"{counted(len(joined), 'screened group')} {'is' if len(joined) == 1 else 'are'} now named "
                     f"by another of their records (a 'duplicate' verdict joined them to another group, or a round "
                     f"now earlier holds one of their records); their screening decisions count for the group they "
                     f"are in (a different decision there is a conflict): "
                     + ", ".join(f"{a} -> {b}" for a, b in sorted(joined.items())[:5])
                     + (" ..." if len(joined) > 5 else ""))
    frames, stats = [], []
    for stage in ("title_abstract", "full_text"):
        status = screening_status(entries, units, stage, settings)
        if stage == "full_text":
            # A record excluded at title/abstract, or not screened yet, has not reached full text: "undecided" there
            # read as a paper waiting for its full-text decision (6 of 12 in a review where none was waiting).
            ta = frames[0]
            passed = set(ta.loc[ta["decision"].isin(["include", "maybe"]), "group_id"])
            status.loc[~status["group_id"].isin(passed) & (status["state"] == "undecided"), "state"] = "not reached"
        frames.append(status.assign(stage=stage))
        stats.append(agreement(entries, stage, keys=known, settings=settings))  # and the pilot's, when named
    status = pd.concat(frames, ignore_index=True)
    from ..screening.stopping import left_after_stops, prisma_check_lines

    # records a stopping test leaves unscreened: PRISMA's "ineligible by automation tools", not waiting for ever
    stopped = left_after_stops(reading, units, settings, status=frames[0]) if reading else set()
    hidden = ""
    if settings.blind and reading is not None:
        from ..screening.status import blind_sentence, waits_for_decisions

        # the statuses just made say which stage still waits for decisions (at full text, the records that reached
        # it: the others are "not reached"); asked of the logs again, each stage's status was made four times more
        waiting = {stage: waits_for_decisions(frame, stopped) for stage, frame in zip(("title_abstract", "full_text"),
                                                                                      frames)}
        hidden = blind_sentence(waiting.get, "title_abstract", settings, every_stage=True)
        if hidden:
            from ..screening.settings import STAGE_LABELS

            # the build cannot know who opens output/; it says so to whoever runs it (often a screener too), naming
            # the stage that waits (after the titles, "every record" read as if they were not done)
            ta, ft = STAGE_LABELS["title_abstract"], STAGE_LABELS["full_text"]
            where = f"at {ta} yet" if waiting["title_abstract"] else f"at {ft} yet ({ta} is done)"
            notes.append(f"screening is blind and the team has not screened every record {where}: "
                         "output/screening_*.csv, prisma_counts.*, prisma_checks.txt, prisma_flow.*, "
                         "excluded_reports.*, included.ris, coding_queue.csv, CHANGELOG.md and versions/ are made of "
                         "every reviewer's decisions, so a reviewer who screens should not open them until the team "
                         "has (notebooks 2, 4 and 5 and `synthesis screening status` keep the team's numbers hidden "
                         "until then)")
    if out is not None:
        out = Path(out)
        # The screening table: each group's texts and details. The exports' raw fields (half its size) are in
        # library.csv and records.csv; nothing that reads units.csv uses them.
        # neutralised as it is written; rows the last build formatted are taken from the cache
        notes += write_csv_rows(unit_table_cells(units.drop(columns=["raw"], errors="ignore")), out / "units.csv",
                                project.root / _cache.CACHE / ROWS / "units.csv.pkl", project.output / "units.csv")
        from ..screening.agreement import team_agreement  # Fleiss' kappa, Krippendorff's alpha, Gwet's AC1
        from ..screening.stopping import add_stop_columns  # the stopping test (stop_* columns)

        # (left_by_stop: the rows the PRISMA counts put in the automation box, so the file and the diagram agree)
        add_stop_columns(status, reading, units, stopped).to_csv(out / "screening_status.csv", index=False)
        pd.concat([team_agreement(entries, st, keys=known, settings=settings) for st in ("title_abstract",
                   "full_text")], ignore_index=True).to_csv(out / "screening_team_agreement.csv", index=False)
        pd.concat(stats, ignore_index=True).to_csv(out / "screening_agreement.csv", index=False)
        conflicts(status).to_csv(out / "screening_conflicts.csv", index=False)
        excluded = excluded_reports(status, units)  # PRISMA 2020 item 16b: the full-text exclusions, why
        excluded.to_csv(out / "excluded_reports.csv", index=False)
        rounds = units["search_round"].replace("", pd.NA).nunique() if "search_round" in units else 1
        (out / "excluded_reports.md").write_text(excluded_markdown(excluded, rounds), encoding="utf-8")
        # the included reports for the authors' reference manager (the whole library is library.ris)
        from ..io.export import write_ris

        write_ris(library[library["group_id"].isin(set(included_groups(status)))], out / "included.ris")
        # The queue: records nobody has decided yet, new rounds' records among them; not those the stopping tests
        # leave unscreened (the diagram counts them as not screened, so they are not left to screen)
        ta = status[status["stage"] == "title_abstract"]
        undecided = set(ta.loc[ta["state"] == "undecided", "group_id"]) - stopped
        queue = units[units["group_id"].isin(undecided)]
        queue[["group_id", "title", "year"]].to_csv(out / "screening_queue.csv", index=False)
    # PRISMA counts the latest round: decisions on earlier rounds' records are expected here, not warned about.
    latest_units = units[units["group_id"].map(group_round) == latest_round]
    # (the set made once: made per decision, it made the build of a screened review quadratic)
    latest_keys = set(latest_units["group_id"].tolist())
    latest_entries = [e for e in entries if e.key in latest_keys]
    from ..fulltext.buildstep import fulltext_step  # the PDFs matched; several reports of one study counted

    reports = fulltext_step(project.root, units, entries, settings, out, notes)
    counts = prisma_counts(latest_entries, latest_units, settings, warn=False, reports=reports, stopped=stopped)
    checks = prisma_check_lines(reading, units, settings, stopped=stopped) if reading else []
    return Screened(settings=settings, units=units, decisions=entries, status=status, counts=counts, notes=notes,
                    checks=checks, reports=reports or {}, stopped=stopped, hidden=hidden)


def included_groups(status: pd.DataFrame) -> pd.Series:
    """The duplicate groups whose full-text outcome is include."""
    ft = status[status["stage"] == "full_text"]
    return ft.loc[ft["decision"] == "include", "group_id"]


# ---------------------------------------------------------------------------------------------- PRISMA


def _unnamed_database_notes(in_latest: pd.DataFrame, searches, identified: dict) -> list:
    """What the diagram's database box would name wrongly, and where a person names it.

    An export of the latest round that no search of ``evidence/searches.toml`` claims and that names no database
    is counted under "Unknown database"; one named after the reference manager or screening tool that wrote it
    (an EndNote library, a Rayyan export) is counted under the tool's name, which is no database either. An
    export the log claims is named by the log: the note listed such files too, after the log had named them.
    """
    from ..io.databases import TOOLS
    from ..prisma.counts import UNKNOWN_DATABASE

    claimed = {f for s in searches.log.searches for f in s.files} if searches.log is not None else set()
    files = in_latest[["source_file", "source_database"]].drop_duplicates().astype(str)
    files = files[~files["source_file"].isin(claimed)]
    # a missing database reads "nan" once astype(str) has run
    unnamed = sorted(files.loc[files["source_database"].isin(("", "nan")), "source_file"].unique())
    tools = files[files["source_database"].isin(TOOLS)].sort_values("source_file")
    notes = []

    def listed(names):
        return f"{', '.join(names[:5])}{' and more' if len(names) > 5 else ''}"

    if unnamed and UNKNOWN_DATABASE in identified:
        notes.append(f"PRISMA: {listed(unnamed)} {'names' if len(unnamed) == 1 else 'name'} no database in content "
                     "or file name, so the diagram counts the records under 'Unknown database': name the search in "
                     "evidence/searches.toml (syn.add_search(..., database=..., files=[...]))")
    if len(tools):
        which = [f"{f} ({d})" for f, d in zip(tools["source_file"], tools["source_database"])]
        one = len(which) == 1
        notes.append(f"PRISMA: {listed(which)} {'is' if one else 'are'} named after the reference manager or "
                     f"screening tool that wrote {'it' if one else 'them'}, not a database searched, and the diagram "
                     "counts the records under that name: name the search in evidence/searches.toml "
                     "(syn.add_search(..., database=..., files=[...]))")
    return notes


def prisma_counts_for(project, settings, records: pd.DataFrame, dedup: Deduplicated, screened: Screened,
                      rounds, out=None, import_reports=None):
    """PRISMA 2020 counts of the latest round from the pipeline, checked and drawn; the seed figure redrawn.

    Returns ``(counts, notes)``.
    """
    project = _as_project(project)
    from ..prisma import from_pipeline
    from ..prisma import previous_from, read_counts
    from ..prisma.counts import UNKNOWN_DATABASE, in_preferred_order
    from ..maps.cache import FigureCache
    from ..prisma.outputs import drawing_code, write_outputs, write_seed_figure
    from ..prisma.reporting import searches_for_build
    from ..screening.counts import studies_and_reports

    notes = []
    latest = rounds[-1].name
    in_latest = records[records["search_round"] == latest]
    groups = dedup.result.groups
    in_round = (records["search_round"] == latest).to_numpy()
    new_group = groups["group_id"].map(dedup.group_round).to_numpy() == latest
    # Records of this round that are not the first of a new group were removed as duplicates (of each
    # other, or of records screened in an earlier round).
    first_of_group = ~groups["group_id"].duplicated().to_numpy()
    duplicates = int((in_round & ~(first_of_group & new_group)).sum())
    identified = in_latest["source_database"].fillna("").replace("", UNKNOWN_DATABASE).value_counts().sort_index()
    try:  # evidence/searches.toml, reconciled with the exports: names the databases, feeds PRISMA-S
        searches = searches_for_build(project.evidence / "searches.toml", records, groups, import_reports)
    except ValueError as exc:
        raise BuildError(str(exc)) from None
    identified, registers = searches.identified(latest, {str(k): int(v) for k, v in identified.items()})
    # the diagram lists the databases in the review's order of them, not alphabetically (in_preferred_order)
    identified = in_preferred_order(identified, settings.preferred_databases)
    registers = in_preferred_order(registers, settings.preferred_databases)
    notes += _unnamed_database_notes(in_latest, searches, identified)
    previous = {}
    if settings.previous_counts:
        try:
            previous = previous_from(read_counts(_named_file(project, "previous_counts", settings.previous_counts)))
        except (OSError, ValueError) as exc:
            raise BuildError(str(exc)) from None  # the reader's message names the file (and line) already
    earlier = {}
    if screened is not None and len(rounds) >= 2:
        # Studies included from search rounds before the latest one join the previous studies, counted as
        # studies and reports (two reports of one study, a preprint and its article, were two previous studies)
        ft = screened.status[screened.status["stage"] == "full_text"]
        ft = ft[(ft["decision"] == "include") & (ft["group_id"].map(dedup.group_round) != latest)]
        studies, reports = studies_and_reports(zip(ft["group_id"], ft["labels"]), screened.reports)
        if reports:
            earlier = {"previous_studies": studies, "previous_reports": reports}
    if earlier and previous:
        previous = {k: v + earlier[k] for k, v in previous.items()}
    elif earlier:
        # a living review with no earlier published version: its earlier rounds' inclusions are the previous
        # studies all the same (they were dropped, and the diagram of round 2 lost round 1's studies)
        previous = earlier
    # "dbr_excluded" as (reason, n) pairs: from_pipeline adds them up, to 0 when no report was excluded (the
    # reasons alone, with none to add, left the box missing and the diagram undrawable)
    screening = dict(screened.counts)
    # Citation searching and other methods in their own column (from the search log's kinds).
    other = searches.other_methods(latest, screening, records, groups, dedup.group_round, screened)
    pending = getattr(screened.counts, "pending", {}) or {}
    waiting = sum(_n_pending(v) for v in pending.values())
    # what waits, at the box of its column: other methods' records are no database record left to screen (the
    # checks read 247 waiting against the databases' 242, "which does not account for the difference")
    by_box = other.pending if other.pending is not None else {
        "records_screened": _n_pending(pending.get("title_abstract")),
        "dbr_assessed": _n_pending(pending.get("full_text"), screened.reports)}
    # records wait at title/abstract, reports at full text: each said apart (one sum of both read as records
    # left to screen)
    at_stage = {what: sum(by_box.get(box, 0) for box in boxes) for what, boxes in (
        ("record", ("records_screened", "other_sought_reports")), ("report", ("dbr_assessed", "other_assessed")))}
    decision = {"record": "a title/abstract decision", "report": "a full-text decision"}
    # records the reviewers decided differently wait for someone to resolve them, not for a decision (a team done
    # with every title read "5 records await a title/abstract decision" of its five conflicts)
    conflicts = {noun: min(n, at_stage[noun]) for noun, n in _waiting_conflicts(screened.status, pending).items()}
    left = " and ".join(f"{n} {noun}{'s await' if n != 1 else ' awaits'} {decision[noun]}"
                        + _conflicts_among(conflicts[noun], n) for noun, n in at_stage.items() if n)
    # mid-screening the numbers cannot agree yet: the diagram's banner says why, not only that they do not (a
    # label of the counts, so that the diagram drawn again from prisma_counts.json says it too)
    banner = ({"flag_title": f"NOT YET A VALID PRISMA DIAGRAM: screening in progress, {left} (see the notes below)"}
              if waiting else None)
    # records the stopping tests left unscreened: removed before screening, "by automation tools" (the prioritised
    # order and its test), under a label that says which tool
    automatic = other.automatic
    # (and then those excluded are all people's: PRISMA 2020's footnote to "Records excluded" asks which were whose)
    labels = dict(banner or {}, **({"excluded_automatic": AUTOMATIC_LABEL, "records_excluded": BY_PEOPLE_LABEL}
                                   if automatic else {}))
    counts = from_pipeline(identified, duplicates - other.known, other.screening, registers=registers or None,
                           other_methods=other.identified or None, previous=previous or None,
                           excluded_automatic=automatic, title=f"{settings.title}: search round {latest}",
                           labels=labels or None)
    # the boxes those waiting will still change: the checks flag them, not the right numbers upstream
    counts.pending = {box: n for box, n in by_box.items() if n}
    # Pairs left for a person's verdict that touch this round count as two records each until decided: the
    # diagram's duplicates may be too few (an update re-found a paper, kept apart, screened and included again)
    maybe = dedup.result.maybe_pairs
    touching = int((maybe["group_id_1"].map(dedup.group_round).eq(latest)
                    | maybe["group_id_2"].map(dedup.group_round).eq(latest)).sum()) if len(maybe) else 0
    if touching:  # the duplicates box is not final: the diagram is drawn as a draft (it looked final)
        counts.pending["duplicates"] = touching
    undecided = (f"{counted(touching, 'pair')} of records may be duplicates and "
                 f"{'awaits' if touching == 1 else 'await'} a person's verdict (output/maybe_pairs.csv); until "
                 f"decided, {'it counts' if touching == 1 else 'each counts'} as two records in the diagram"
                 if touching else "")
    # What the checks say besides the sums: before them, that the sums wait for decisions (and pairs for a
    # duplicate verdict); after them, the stopping test and open conflicts. Kept in the counts, so that a notebook
    # checking prisma_counts.json says what prisma_checks.txt says (it left out the pairs awaiting a verdict).
    counts.progress = ([f"Screening in progress: {left}; until they are decided, the sums that depend on them "
                        f"cannot agree."] if waiting else []) + (
        [f"Deduplication not finished: {undecided}."] if undecided else [])
    counts.screening_notes = list(getattr(screened, "checks", None) or []) + _several_reports(screened, dedup, latest)
    if earlier_waiting := _earlier_rounds_waiting(screened, dedup, latest):
        # the diagram counts the latest round; an earlier round's studies reach it only once included, so while
        # its records are being screened "Studies included in previous version" is too few and nothing says so
        counts.progress.append(f"Earlier rounds still being screened: {earlier_waiting}; the diagram of round "
                               f"{latest} carries an earlier round's studies over as previous studies only once "
                               f"they are included, so until then it counts too few.")
        if getattr(screened, "hidden", ""):  # blind: the rounds, not how many of their records wait (the team's pace)
            earlier_waiting = _earlier_rounds_waiting(screened, dedup, latest, numbers=False)
        notes.append(f"PRISMA: earlier rounds still being screened ({earlier_waiting}): the diagram counts round "
                     f"{latest}'s records, and an earlier round's studies only once they are included (as previous "
                     f"studies); it is not the whole review's until they are screened")
    if out is not None:
        # diagrams whose counts did not change are copied, not drawn again (a coding-only rebuild, the seed figure)
        figures = FigureCache(project.root / _cache.CACHE / "prisma", code=drawing_code())
        try:
            write_outputs(counts, Path(out), allow_failing=bool(waiting), figures=figures)
        except ValueError as exc:
            raise BuildError(f"the PRISMA counts of round {latest} do not add up: {exc}") from None
        # exclusion reasons or database names in Chinese, drawn as empty boxes where no font has them
        from ..display import missing_font_note

        if note := missing_font_note(Path(out) / "prisma_flow.svg"):
            notes.append(f"PRISMA: {note}")
        if settings.seed_figure:
            try:
                write_seed_figure(_named_file(project, "seed_figure", settings.seed_figure), Path(out),
                                  stem="prisma_seed_figure1", figures=figures)
            except ValueError as exc:
                raise BuildError(str(exc)) from None
        searches.write(Path(out), counts, _with_kept_apart(project, dedup.result.summary, records),
                       rounds=[r.name for r in rounds], title=settings.title)
    notes += searches.notes + other.notes
    if automatic:
        notes.append(f"PRISMA: {counted(automatic, 'record')} that the stopping test left unscreened "
                     f"{'is' if automatic == 1 else 'are'} counted as removed before screening, marked ineligible by "
                     f"automation tools (prisma_checks.txt names the test)")
    if waiting and getattr(screened, "hidden", ""):
        # (how many wait, build after build, is the team's pace and how often the others agreed)
        notes.append("PRISMA: records still await screening decisions; the diagram is marked as failing its checks "
                     "until they are decided")
    elif waiting:
        notes.append(f"PRISMA: {left}; the diagram is marked as failing its checks until they are decided")
    if undecided:
        notes.append(f"PRISMA: {undecided}; the diagram is drawn as a draft until they are decided")
    if earlier_pairs := len(maybe) - touching:
        # pairs of earlier rounds only leave the diagram alone, but not the screening: until decided, both records
        # of a pair are screened as two papers (the build said nothing of them: deduplication.txt alone counted
        # them)
        notes.append(f"deduplication: {counted(earlier_pairs, 'pair')} of records of earlier rounds may be "
                     f"duplicates and {'awaits' if earlier_pairs == 1 else 'await'} a person's verdict "
                     "(output/maybe_pairs.csv; notebook 1 shows them one by one); until decided, each record of a "
                     "pair is screened as a paper of its own")
    return counts, notes


def _earlier_rounds_waiting(screened, dedup: Deduplicated, latest: str, numbers: bool = True) -> str:
    """What the rounds before the latest still wait for, in words ("round 2025-07: 94 records await a
    title/abstract decision"; with ``numbers=False`` only "round 2025-07", as a blind reviewer is told); ``""`` when
    nothing waits (or nothing is screened yet in a one-round review).

    A group waits at a stage while it is undecided, awaits a second reviewer or is in conflict there (at full text
    only once it reached it); the stopping test's leftovers wait for nothing.
    """
    status = getattr(screened, "status", None)
    if status is None or not len(status):
        return ""
    rounds = status["group_id"].map(dedup.group_round)
    open_ = status["state"].isin(("undecided", "awaiting", "conflict")) & rounds.ne(latest) & rounds.notna()
    if not open_.any():
        return ""
    waiting = status[open_].assign(round=rounds[open_])
    decision = {"title_abstract": ("record", "a title/abstract decision"),
                "full_text": ("report", "a full-text decision")}
    parts = []
    for name, per_round in waiting.groupby("round", sort=True):
        if not numbers:
            parts.append(f"round {name}")
            continue
        said = [f"{counted(int(n), noun)} {'await' if n != 1 else 'awaits'} {what}"
                for stage, (noun, what) in decision.items()
                if (n := int((per_round["stage"] == stage).sum()))]
        parts.append(f"round {name}: {' and '.join(said)}")
    return "; ".join(parts)


def _with_kept_apart(project, summary: dict, records: pd.DataFrame) -> dict:
    """The deduplication's summary and how many pairs of this build's records a person's "not a duplicate" keeps
    apart (PRISMA-S item 16 said what people merged, and nothing of the pairs they decided were two papers)."""
    from ..dedup.verdicts import VerdictWarning, read_verdicts

    path = project.evidence / "duplicate_verdicts.tsv"
    if not path.exists():
        return summary
    with warnings.catch_warnings():  # (a torn line: the deduplication step noted it once already)
        warnings.simplefilter("ignore", VerdictWarning)
        verdicts = read_verdicts(path)
    ids = set(records["record_id"])
    apart = verdicts[(verdicts["verdict"] == "not_duplicate") & verdicts["record_id_1"].isin(ids)
                     & verdicts["record_id_2"].isin(ids)]
    return dict(summary, kept_apart_by_verdict=len(apart))


def _several_reports(screened, dedup, latest) -> list:
    """A line for prisma_checks.txt when records at full text have several PDFs: each is a report, so reports sought
    exceed records screened less excluded, and the check's warning of that ("= 6, but reports sought is 8") said
    nothing of why."""
    if screened is None or not screened.reports:
        return []
    ft = screened.status[(screened.status["stage"] == "full_text") & (screened.status["state"] != "not reached")]
    keys = [g for g in ft["group_id"] if dedup.group_round.get(g) == latest]
    several = {g: len(screened.reports.get(g, ())) for g in keys if len(screened.reports.get(g, ())) > 1}
    if not several:
        return []
    shown = ", ".join(f"{g} ({n} PDFs)" for g, n in list(several.items())[:5]) + (" ..." if len(several) > 5 else "")
    return [f"reports: {counted(len(several), 'record')} at full text {'has' if len(several) == 1 else 'have'} several "
            f"PDFs, each counted as a report: {shown}; so reports sought are {sum(several.values()) - len(several)} "
            "more than records screened less excluded (output/fulltext_matches.csv; a PDF that is not a report of "
            "its record is detached with 'not this paper' in the full-text widget)"]


#: The diagram's line for the records a stopping test left unscreened (PRISMA 2020's "marked as ineligible by
#: automation tools", with the tool named).
AUTOMATIC_LABEL = "Records not screened after the stopping test (automation tools)"
#: ... and its line for the records people excluded, beside it (PRISMA 2020's "Records excluded**": "If automation
#: tools were used, indicate how many records were excluded by a human and how many ... by automation tools").
BY_PEOPLE_LABEL = "Records excluded by the reviewers"


def _conflicts_among(conflicts: int, waiting: int) -> str:
    """What to add to "N records await a title/abstract decision" when some are conflicts.

    >>> _conflicts_among(1, 2)
    ' (1 of them a conflict between reviewers, to resolve)'
    >>> _conflicts_among(5, 5), _conflicts_among(0, 3)
    (' (all of them conflicts between reviewers, to resolve)', '')
    """
    if not conflicts:
        return ""
    which = ("a conflict" if waiting == 1 else "all of them conflicts" if conflicts == waiting else
             f"{conflicts} of them {'a conflict' if conflicts == 1 else 'conflicts'}")
    return f" ({which} between reviewers, to resolve)"


def _waiting_conflicts(status: pd.DataFrame, pending: dict) -> dict:
    """How many of the records waiting at title/abstract and of those waiting at full text are conflicts between
    reviewers: ``{"record": n, "report": n}`` (a record at full text counted once, however many its reports)."""
    out = {"record": 0, "report": 0}
    if status is None or not len(status) or "state" not in status:
        return out
    conflict = status.loc[status["state"] == "conflict"]
    for stage, noun in (("title_abstract", "record"), ("full_text", "report")):
        keys = pending.get(stage)
        if isinstance(keys, (list, set, tuple)) and keys:
            out[noun] = int(conflict.loc[conflict["stage"] == stage, "group_id"].isin(set(keys)).sum())
    return out


def _n_pending(keys, reports: dict | None = None) -> int:
    """How many wait: a list of keys, or a number. With ``reports`` (``{group: [study, ...]}``), keys at full text
    count their reports: a record with two PDFs is two reports waiting (counted as one, the check said the one
    waiting "does not account for the difference" of two)."""
    if keys is None:
        return 0
    if not hasattr(keys, "__len__"):
        return int(keys)
    if reports:
        return sum(max(1, len(reports.get(k, ()))) for k in keys)
    return len(keys)


def _named_file(project, setting: str, name: str) -> Path:
    """The file of ``evidence/`` a setting of ``[review]`` names; a name of no file is the setting's mistake, and
    the message says so (it named the missing file twice, and not the setting)."""
    path = project.evidence / name
    if not path.is_file():
        raise BuildError(f"{project.evidence / 'review.toml'} [review]: {setting} = {name!r} names "
                         f"evidence/{name}, which {'is a folder' if path.is_dir() else 'does not exist'}; correct "
                         f"the name (relative to evidence/) or remove the setting")
    return path


# ---------------------------------------------------------------------------------------------- coding and maps


def build_maps(project, settings, screened: Screened | None = None, out=None, **old_keywords):
    """Study codes (the CSV import plus the coders' logs, see :mod:`synthesis.coding.project`) checked against
    the scheme; the coding queue and agreement; Table 2, the gap map, charts, networks and the HTML map.

    Returns ``(coding or None, notes)``; ``coding`` is ``None`` when nothing is coded yet.

    The previous release's call ``build_maps(coding, folder, ...)`` (a coding, not a project, first) still
    writes the maps, with a :class:`DeprecationWarning` pointing to ``write_maps``, for one release.
    """
    project = _as_project(project)
    if not hasattr(project, "evidence"):  # the old form: build_maps(coding, folder, ...)
        from ..maps.build import build_maps as write_maps

        warnings.warn("build_maps(coding, folder) is now write_maps(coding, folder); build_maps(project, "
                      "settings) is the build step", DeprecationWarning, stacklevel=2)
        given = [screened, out]  # in the old form, the third and fourth arguments were columns and formats
        while given and given[-1] is None:
            given.pop()
        return write_maps(project, settings, *given, **old_keywords)
    if old_keywords:
        raise TypeError(f"build_maps() got unexpected keyword arguments {sorted(old_keywords)}")
    from ..coding.project import build_coding, why_no_map
    from ..maps.build import build_maps as draw_maps
    from ..maps.workers import FigureWorker, worth_a_worker

    ev = project.evidence
    if not any((ev / name).exists() for name in ("coding_scheme.txt", "study_codes.csv", "coding")):
        return None, ["no evidence/coding_scheme.txt yet: no coding queue, Table 2 or maps (write the review's "
                      "coding scheme there to start coding the included studies)"]
    included = included_groups(screened.status) if screened is not None else None
    units = screened.units if screened is not None else None
    if units is not None and out is not None:
        units = _with_pdfs(project, units, out)
    # On a large coding a second process draws half the figures; it starts now, while the coding is read.
    with (FigureWorker() if out is not None and worth_a_worker(ev) else nullcontext()) as worker:
        try:
            coding, notes = build_coding(ev, out, units=units, included=included)
        except ValueError as exc:
            raise BuildError(str(exc)) from None
        if screened is not None and screened.hidden:
            # the records included at full text, named, are the team's decisions (coding_queue.csv lists them)
            notes = [n for n in notes if not _NOT_CODED.search(n)]
        if not len(coding.included):
            # a scheme and nothing coded yet: the queue (written) tells the coders what to do; empty maps would not
            return None, notes + [f"{why_no_map(coding)} (the studies to code are in output/coding_queue.csv)"]
        if out is not None:
            _check_gap_map_columns(project, settings, coding)
            # figures whose counts did not change since the last build are copied, not drawn (maps/cache.py)
            root = getattr(project, "root", None)
            cache = Path(root) / _cache.CACHE / "maps" if root is not None else None
            draw_maps(coding, Path(out) / "maps", columns=settings.gap_map_columns or None, cache=cache, notes=notes,
                      worker=worker)
    return coding, notes


#: The coding note that names the records included at full text and not coded yet (``Coding.summary``).
_NOT_CODED = re.compile(r"^coding: \d+ records? included at full text (have|has) not been coded yet")


def _check_gap_map_columns(project, settings, coding) -> None:
    """``gap_map_columns`` of ``evidence/review.toml`` must name a dimension of the coding (a typo there would
    otherwise stop the build deep inside the drawing, naming neither the file nor the setting)."""
    from ..maps.data import map_dimensions

    dims = map_dimensions(coding)
    if settings.gap_map_columns and settings.gap_map_columns not in dims:
        raise BuildError(f"{project.evidence / 'review.toml'} [review]: gap_map_columns = "
                         f"{settings.gap_map_columns!r} is not a dimension of the coding; choose one of "
                         f"{', '.join(dims)}")


def _with_pdfs(project, units: pd.DataFrame, out) -> pd.DataFrame:
    """The unit table with a ``pdf`` column: each group's PDF as the full-text step matched it (confirmed
    first), relative to the project folder, so the coding widget shows it beside the study."""
    from ..fulltext.config import MATCHES_FILE, FulltextSettings

    path = Path(out) / MATCHES_FILE
    root = getattr(project, "root", None)
    if root is None or not path.exists():
        return units
    matches = pd.read_csv(path, dtype=str, keep_default_na=False)
    matches = matches[matches["status"].isin(["confirmed", "matched"]) & (matches["group_id"] != "")]
    if matches.empty:
        return units
    folder = FulltextSettings.load(root).folder
    first: dict = {}
    for status in ("confirmed", "matched"):
        for group, file in zip(*matches.loc[matches["status"] == status, ["group_id", "file"]].T.values):
            first.setdefault(group, Path(os.path.relpath(Path(folder) / file, root)).as_posix())
    units = units.copy()
    units["pdf"] = units["group_id"].astype(str).map(first).fillna("")
    return units


# ---------------------------------------------------------------------------------------------- versions


def keep_version(out, previous_versions, title: str, label: str, labels: dict | None = None,
                 hidden: str = "") -> list:
    """Keep a snapshot of the map in ``out/versions`` when it changed, and write ``out/CHANGELOG.md``.

    ``previous_versions`` is the last build's ``versions/`` folder (carried over); ``labels`` cites the
    studies as the maps do (``Coding.study_labels()``); ``hidden`` (:attr:`Screened.hidden`): the note does not
    say what moved (the PRISMA counts are the team's). Returns the notes.
    """
    from ..versions import VERSIONS, changelog, take_snapshot, version_folders, what_moved

    out = Path(out)
    notes = []
    new = take_snapshot(out, previous_versions, label)
    if new is not None:
        folders = version_folders(out / VERSIONS)  # the new one last
        moved = what_moved(folders[-2] if len(folders) > 1 else None, new)  # "the map changed" said nothing of what
        notes.append(f"a new version of the map, {VERSIONS}/{new.name}"
                     + (" (CHANGELOG.md)" if hidden else f": {moved} (CHANGELOG.md)"))
    (out / "CHANGELOG.md").write_text(changelog(out / VERSIONS, title, labels), encoding="utf-8")
    return notes
