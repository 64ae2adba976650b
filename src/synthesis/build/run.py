"""``synthesis build``: regenerate every output of a review project from ``data/`` and ``evidence/``.

The build is all-or-nothing: it writes into a staging folder beside ``output/`` and swaps it in only when
every step has succeeded, so a failure never leaves half an output folder. It refuses to run over an
``output/`` that was edited by hand (every generated file's checksum is kept in ``output/manifest.json``).
When neither the inputs nor the program changed, it reports "no changes" and writes nothing.

Steps, in order (each a public function of :mod:`synthesis.build.steps`, which notebooks can call too):
import -> deduplicate -> (once: migrate old ids) -> screening -> PRISMA -> coding and maps -> versions and changelog -> manifest.

Examples
--------
>>> from synthesis.build import build            # doctest: +SKIP
>>> result = build("path/to/review")            # doctest: +SKIP
>>> print(result.report())                      # doctest: +SKIP
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import filelock
import pandas as pd

from ..project import Project, ProjectError
from . import steps
from .cache import CACHE, CHECKSUMS, remove_leftovers
from .rows import written_checksums
from .manifest import (MANIFEST, BuildError, Checksums, check_untouched, input_fingerprint, read_manifest,
                       write_manifest)


@dataclass
class BuildResult:
    output: Path
    changed: bool
    added: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def report(self, files: int = 8) -> str:
        """What the build did, in a few lines: the first ``files`` names of each kind of changed output (the
        lists ``added``, ``modified`` and ``removed`` hold them all), the notes and the time of each step."""
        if not self.changed:
            return f"no changes: inputs and program unchanged since the last build of {self.output}"
        lines = [f"built {self.output}"]
        for label, names, attr in (("added", self.added, "added"), ("changed", self.modified, "modified"),
                                   ("removed", self.removed, "removed")):
            if names:
                more = (f" ... and {len(names) - files} more (the result's .{attr} lists them)"
                        if len(names) > files else "")
                lines.append(f"  {label} ({len(names)}): " + ", ".join(names[:files]) + more)
        if not (self.added or self.modified or self.removed):
            lines.append("  every output is identical to the last build")
        lines += [f"  note: {n}" for n in self.notes]
        lines.append("  time: " + ", ".join(f"{k} {v:.2f}s" for k, v in self.timings.items()))
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# The steps: each one call of a public function of synthesis.build.steps, in pipeline order


@dataclass
class BuildContext:
    """What the steps of one build have produced so far; ``out`` is the staging folder."""

    project: Project
    out: Path
    progress: bool = True
    force: bool = False  # the work done again, nothing taken over whole from the last build
    settings: object = None
    rounds: list = field(default_factory=list)
    imported: steps.Imported | None = None
    dedup: steps.Deduplicated | None = None
    screened: steps.Screened | None = None
    prisma: object = None
    coding: object = None
    notes: list[str] = field(default_factory=list)
    #: CSV files (relative to ``out``) that a step wrote with every cell already neutralised
    neutralised: set = field(default_factory=set)
    evidence_written: bool = False  # the one-time id migration wrote evidence/id_map.csv
    #: the project's file checksums (see :class:`~synthesis.build.manifest.Checksums`): a file is read once a build
    checksums: Checksums | None = None

    @property
    def records(self) -> pd.DataFrame | None:
        return self.imported.records if self.imported else None


def step_import(ctx: BuildContext) -> None:
    ctx.imported = steps.import_exports(ctx.project, ctx.rounds, out=ctx.out, progress=ctx.progress,
                                        checksums=ctx.checksums)
    ctx.notes += ctx.imported.notes
    ctx.neutralised.add("records.csv")  # written cell by cell neutralised: no need to read it back


def step_deduplicate(ctx: BuildContext) -> None:
    ctx.dedup = steps.deduplicate_records(ctx.records, ctx.project, ctx.settings, out=ctx.out, progress=ctx.progress,
                                          segments=ctx.imported.segments, background=True, take_over=not ctx.force,
                                          import_reports=ctx.imported.reports)
    ctx.notes += ctx.dedup.notes
    ctx.neutralised.add("library.csv")  # written neutralised, row by row


def step_migrate_ids(ctx: BuildContext) -> None:
    notes = steps.migrate_evidence_ids(ctx.project, ctx.records, ctx.dedup)
    ctx.evidence_written = bool(notes)
    ctx.notes += notes


def step_screening(ctx: BuildContext) -> None:
    ctx.screened = steps.screening_numbers(ctx.project, ctx.dedup.library, ctx.dedup.group_round,
                                           ctx.rounds[-1].name, out=ctx.out, not_imported=ctx.imported.not_imported())
    ctx.notes += ctx.screened.notes
    from ..screening.exchange import rayyan_votes_waiting  # a Rayyan export brought as a search export

    ctx.notes += rayyan_votes_waiting(ctx.records, ctx.screened.decisions, ctx.screened.settings)
    ctx.neutralised.add("units.csv")  # written neutralised, row by row


def step_prisma(ctx: BuildContext) -> None:
    ctx.prisma, notes = steps.prisma_counts_for(ctx.project, ctx.settings, ctx.records, ctx.dedup, ctx.screened,
                                                ctx.rounds, out=ctx.out, import_reports=ctx.imported.reports)
    ctx.notes += notes


def step_coding_and_maps(ctx: BuildContext) -> None:
    ctx.coding, notes = steps.build_maps(ctx.project, ctx.settings, ctx.screened, out=ctx.out)
    ctx.notes += notes


def step_versions(ctx: BuildContext) -> None:
    from ..versions import VERSIONS, version_label

    label = version_label(ctx.rounds[-1].name, ctx.records)
    labels = ctx.coding.study_labels() if ctx.coding is not None else {}
    ctx.notes += steps.keep_version(ctx.out, ctx.project.output / VERSIONS, ctx.settings.title, label, labels,
                                    hidden=ctx.screened.hidden if ctx.screened is not None else "")


STEPS = [step_import, step_deduplicate, step_migrate_ids, step_screening, step_prisma, step_coding_and_maps,
         step_versions]


# --------------------------------------------------------------------------------------------------
# The build itself


def build(root=".", force: bool = False, progress: bool = True, steps=None) -> BuildResult:
    """Regenerate ``output/`` from ``data/`` and ``evidence/``.

    Parameters
    ----------
    root : path
        The project folder.
    force : bool
        Rebuild even when nothing changed.
    progress : bool
        Show progress bars on standard error.

    Returns
    -------
    BuildResult
        What was added, changed and removed, with step timings.

    Raises
    ------
    BuildError
        Bad input or a hand-edited output folder; nothing was written.
    """
    project = Project(root)
    _check_is_project(project)
    try:
        lock = _build_lock(project)
    except OSError as exc:
        raise BuildError(f"{project.root / CACHE} cannot be written ({exc.strerror}): the build needs a writable "
                         f"project folder; check its permissions and free space") from None
    try:
        with lock:
            return _build(project, force, progress, steps)
    except filelock.Timeout:
        raise BuildError(f"another build of {project.root} is running; wait for it to finish (or end it) and "
                         f"run the build again") from None


def _check_is_project(project: Project) -> None:
    """Refuse a folder that is no review project before anything is written into it: a path mistyped was "cannot
    be written (No such file or directory) ... check its permissions", and a project's sub-folder (``synthesis
    build .`` run from notebooks/) was told to hold a data/ of its own, and got a .synthesis-cache."""
    from ..project import folder_problem

    problem = folder_problem(project.root, then="synthesis build {}")
    if problem:
        raise BuildError(problem)


def _build_lock(project: Project):
    (project.root / CACHE).mkdir(exist_ok=True)
    return filelock.FileLock(str(project.root / CACHE / "build.lock"), timeout=0)


def _build(project: Project, force: bool, progress: bool, steps) -> BuildResult:
    output = project.output
    recovered = recover_interrupted(project)
    try:
        rounds = project.rounds()
        settings = project.settings()
    except ProjectError as exc:
        raise BuildError(str(exc)) from None
    if not rounds:
        # a new review has none yet; a review built before lost them (its output stays as it was)
        why = " (every search round removed?)" if (output / MANIFEST).exists() else " yet"
        raise BuildError(f"{project.data} holds no search exports{why}: put each round's exports in a dated "
                         f"folder such as data/searches/{date.today():%Y-%m}/ and build again")
    manifest = read_manifest(output)
    if manifest is None and output.exists() and any(output.iterdir()):
        raise BuildError(f"{output} exists but was not made by the build (no {MANIFEST}); move it away or "
                         f"delete it. Nothing was written.")
    checksums = Checksums(project.root / CACHE / CHECKSUMS, project.root)
    if manifest:
        check_untouched(output, manifest, checksums)
    fingerprint = input_fingerprint(project, checksums)
    if manifest and manifest.get("inputs") == fingerprint and not force:
        checksums.save()
        return BuildResult(output=output, changed=False, notes=recovered)

    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")  # figures carry no build date, so rebuilds are identical
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "synthesis"

    staging = Path(tempfile.mkdtemp(dir=project.root, prefix=STAGING))
    ctx = BuildContext(project=project, out=staging, progress=progress, force=force, settings=settings, rounds=rounds,
                       notes=list(recovered) + _empty_settings(project), checksums=checksums)
    timings = {}
    try:
        safe = ctx.neutralised
        for step in steps or STEPS:
            t0 = time.perf_counter()
            step(ctx)
            _neutralise_new_csvs(staging, safe)
            timings[step.__name__.removeprefix("step_")] = time.perf_counter() - t0
        if ctx.dedup is not None:  # the library's files, written meanwhile by a second process
            t0 = time.perf_counter()
            ctx.notes += ctx.dedup.finish()
            timings["library_files"] = time.perf_counter() - t0
        for docx in staging.rglob("*.docx"):
            _fix_zip_dates(docx)
        if ctx.evidence_written:  # so that the next build knows these inputs (and has nothing to do)
            fingerprint = input_fingerprint(project, checksums)
        for name, sha in written_checksums(project.root / CACHE / "rows", staging).items():
            checksums.remember(staging / name, "output/" + name, sha)  # hashed as they were written
        files = write_manifest(staging, fingerprint,
                               {"deduplication": ctx.dedup.key} if ctx.dedup is not None and ctx.dedup.key else None,
                               checksums)
        checksums.save()  # before the swap: a file changed after it has a later time than the checksums
        _swap_in(staging, output)
    except BaseException:
        if ctx.dedup is not None:
            ctx.dedup.cancel()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    before = (manifest or {}).get("files", {})
    return BuildResult(
        output=output, changed=True,
        added=sorted(k for k in files if k not in before),
        modified=sorted(k for k in files if k in before and before[k] != files[k]),
        removed=sorted(k for k in before if k not in files),
        notes=ctx.notes, timings=timings)


def _empty_settings(project: Project) -> list[str]:
    """A note when ``evidence/review.toml`` is there but empty: read as the defaults, like no file at all, which
    changes the counts (one reviewer per record, no team, no reasons) when it was emptied by mistake."""
    path = project.evidence / "review.toml"
    if path.is_file() and not path.read_bytes().strip(b"\xef\xbb\xbf \t\r\n"):
        return [f"{path} is empty: the default settings are used (no team list, one reviewer per record, no "
                f"exclusion reasons); restore it from version control if it was emptied by mistake"]
    return []


def _neutralise_new_csvs(staging: Path, done: set) -> None:
    """Every CSV a step wrote is opened by people in spreadsheets: no cell may run as a formula there.

    Each file is neutralised once, right after the step that wrote it (so the next steps, and the snapshot
    of the map, see the file as it will be); ``versions/`` holds copies of files already done.
    """
    from ..io.safe import neutralise_csv_file

    for path in sorted(staging.rglob("*.csv")):
        rel = path.relative_to(staging).as_posix()
        if rel not in done and not rel.startswith("versions/"):
            neutralise_csv_file(path)
            done.add(rel)


STAGING = ".output-building-"
RETIRED = ".output-old-"


def recover_interrupted(project: Project) -> list[str]:
    """Clean up after a build that was killed, so that the old ``output/`` and its history are never lost.

    Runs under the build lock, so no other build is using these folders. A staging folder left behind is
    removed. The swap is two renames (``output/`` aside, then the staging folder in); a kill between them
    leaves no ``output/`` but the previous one, whole, under ``.output-old-*``: it is put back. A kill after
    the second rename leaves only a retired folder to remove.
    """
    notes = []
    root, output = project.root, project.output
    for stale in sorted(root.glob(STAGING + "*")):
        shutil.rmtree(stale, ignore_errors=True)
        notes.append(f"removed {stale.name}, left by an interrupted build")
    retired = sorted(root.glob(RETIRED + "*"), key=lambda p: p.stat().st_mtime_ns)
    if not output.exists() and retired:
        newest = retired.pop()
        os.rename(newest, output)
        notes.append(f"an interrupted build had moved {output.name}/ aside: restored it with its versions/ history")
    for old in retired:
        shutil.rmtree(old, ignore_errors=True)
    for folder in ("", "imports", "dedup", "dedup/prepared", "rows", "rows/library"):  # entries a kill cut off
        remove_leftovers(root / CACHE / folder)
    return notes


def _fix_zip_dates(path: Path) -> None:
    """Rewrite a zip-based file (.docx) with fixed entry dates: zip entries otherwise carry the write time."""
    import zipfile

    with zipfile.ZipFile(path) as src:
        entries = [(info, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, data)


def _swap_in(staging: Path, output: Path) -> None:
    """Replace output/ by the staging folder with two renames, so there is never half an output.

    The second rename is the commit point: a kill before it leaves the old output aside, whole, and the next
    build puts it back (:func:`recover_interrupted`); a kill after it leaves only the retired folder.
    """
    old = None
    if output.exists():
        old = output.with_name(f"{RETIRED}{os.getpid()}-{time.time_ns()}")
        _rename(output, old, output)
    try:
        _rename(staging, output, output)
    except BuildError:
        if old is not None:
            os.rename(old, output)  # the last build's output where it was
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


#: Tries of a rename that Windows refuses (a virus scanner or the search indexer holds a file for a moment).
RENAME_TRIES = 5


def _rename(source: Path, target: Path, output: Path) -> None:
    """Rename a folder; when the system keeps refusing (Windows does while a file in it is open in another
    program, e.g. ``library.csv`` in a spreadsheet), stop the build with a sentence saying what to close."""
    for attempt in range(1, RENAME_TRIES + 1):
        try:
            os.rename(source, target)
            return
        except PermissionError as exc:
            if attempt == RENAME_TRIES:
                raise BuildError(f"{output} could not be replaced by the new build ({exc.strerror or exc}): a file "
                                 f"in it is probably open in another program (a spreadsheet showing library.csv, "
                                 f"a PDF viewer); close it and build again. {output.name}/ is still the last "
                                 f"build's.") from None
            time.sleep(0.1 * attempt)


# --------------------------------------------------------------------------------------------------
# Command line


def run(args) -> int:
    try:
        result = build(args.project, force=args.force, progress=not args.quiet)
    except BuildError as exc:
        print(f"build stopped: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # the disk is full, a folder cannot be written...: one line, not a traceback
        print(f"build stopped: {exc}", file=sys.stderr)
        return 1
    print(result.report(files=10 ** 9))  # the terminal lists every changed file, as before
    return 0
