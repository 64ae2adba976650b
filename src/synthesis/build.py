"""``synthesis build``: regenerate every output of a review project from ``data/`` and ``evidence/``.

The build is all-or-nothing: it writes into a staging folder beside ``output/`` and swaps it in only when
every step has succeeded, so a failure never leaves half an output folder. It refuses to run over an
``output/`` that was edited by hand (every generated file's checksum is kept in ``output/manifest.json``).
When neither the inputs nor the program changed, it reports "no changes" and writes nothing.

Steps, in order (each a function below): import -> deduplicate -> screening -> PRISMA -> coding and maps
-> versions and changelog -> manifest.

Examples
--------
>>> from synthesis.build import build            # doctest: +SKIP
>>> result = build("path/to/review")            # doctest: +SKIP
>>> print(result.report())                      # doctest: +SKIP
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import __version__
from .project import Project, ProjectError

MANIFEST = "manifest.json"
CACHE = ".synthesis-cache"


class BuildError(Exception):
    """The build stopped before writing anything; the message says why and where."""


@dataclass
class BuildResult:
    output: Path
    changed: bool
    added: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def report(self) -> str:
        if not self.changed:
            return f"no changes: inputs and program unchanged since the last build of {self.output}"
        lines = [f"built {self.output}"]
        for label, names in (("added", self.added), ("changed", self.modified), ("removed", self.removed)):
            if names:
                lines.append(f"  {label} ({len(names)}): " + ", ".join(names))
        if not (self.added or self.modified or self.removed):
            lines.append("  every output is identical to the last build")
        lines += [f"  note: {n}" for n in self.notes]
        lines.append("  time: " + ", ".join(f"{k} {v:.2f}s" for k, v in self.timings.items()))
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# Checksums and the manifest


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _tree_hashes(folder: Path, skip=()) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_file() and not any(rel == s or rel.startswith(s + "/") for s in skip):
            out[rel] = _sha256(p)
    return out


def program_fingerprint() -> str:
    """A checksum of the installed program itself, so that an upgrade (even within a version) rebuilds."""
    package = Path(__file__).resolve().parent
    h = hashlib.sha256(f"synthesis {__version__}\n".encode())
    for rel, digest in _tree_hashes(package).items():
        if not rel.endswith((".pyc",)) and "__pycache__" not in rel:
            h.update(f"{rel} {digest}\n".encode())
    return h.hexdigest()


def input_fingerprint(project: Project) -> str:
    """One checksum over every file of data/ and evidence/ and the program."""
    h = hashlib.sha256(program_fingerprint().encode())
    for name, folder in (("data", project.data), ("evidence", project.evidence)):
        for rel, digest in _tree_hashes(folder).items():
            h.update(f"{name}/{rel} {digest}\n".encode())
    return h.hexdigest()


def read_manifest(output: Path) -> dict | None:
    path = output / MANIFEST
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise BuildError(f"{path}: the build manifest is damaged ({exc}); delete {output} to rebuild from scratch")


def check_untouched(output: Path, manifest: dict) -> None:
    """Stop when a generated file was edited, added or deleted by hand since the last build."""
    now = _tree_hashes(output, skip=(MANIFEST,))
    then = manifest.get("files", {})
    edited = sorted(k for k in then if k in now and now[k] != then[k])
    missing = sorted(k for k in then if k not in now)
    extra = sorted(k for k in now if k not in then)
    problems = []
    if edited:
        problems.append("edited: " + ", ".join(edited))
    if missing:
        problems.append("deleted: " + ", ".join(missing))
    if extra:
        problems.append("added: " + ", ".join(extra))
    if problems:
        raise BuildError(
            f"{output} was changed by hand since the last build ({'; '.join(problems)}). Generated output is "
            f"never edited: put changes in evidence/ (decisions, codes, settings) and rebuild; to discard the "
            f"hand edits, delete {output} and run the build again. Nothing was written.")


# --------------------------------------------------------------------------------------------------
# The steps


@dataclass
class BuildContext:
    project: Project
    out: Path  # the staging folder
    progress: bool = True
    settings: object = None
    rounds: list = field(default_factory=list)
    records: pd.DataFrame | None = None  # every record of every round (import)
    import_reports: list = field(default_factory=list)
    dedup: object = None  # DedupResult
    group_round: pd.Series | None = None  # group_id -> the round of its first record
    library: pd.DataFrame | None = None  # one merged record per duplicate group
    screening_settings: object = None
    units: pd.DataFrame | None = None  # what is screened: one row per duplicate group
    decisions: list = field(default_factory=list)
    screening_status: pd.DataFrame | None = None  # every group at both stages
    screening: object = None  # PRISMA numbers of the latest round, from the logs
    coding: object = None
    notes: list[str] = field(default_factory=list)


def _import_one(path: str, rel: str, cached: str):
    """Import one export and cache it (run in a worker process for a from-scratch build)."""
    from .io import ImportFailure, read_file

    try:  # source_file is stored relative to the project root
        table, report = read_file(path, name=rel)
    except ImportFailure as exc:
        return None, str(exc)
    with open(cached, "wb") as fh:
        pickle.dump((table, report), fh, protocol=pickle.HIGHEST_PROTOCOL)
    return cached, ""


def step_import(ctx: BuildContext) -> None:
    """Import every export of every round (cached per file checksum), and write the record table.

    Exports not in the cache are read in parallel, one process per core, when there are several.
    """
    from .io.export import write_csv

    cache = ctx.project.root / CACHE / "imports"
    program = program_fingerprint()
    cache.mkdir(parents=True, exist_ok=True)
    files = [(r, f) for r in ctx.rounds for f in r.files]
    jobs = []
    for rnd, path in files:
        rel = ctx.project.rel(path)
        key = hashlib.sha256(f"{program}\n{rel}\n{_sha256(path)}".encode()).hexdigest()
        jobs.append((str(path), rel, str(cache / f"{key}.pkl")))
    todo = [job for job in jobs if not Path(job[2]).exists()]
    failures = []
    workers = min(len(todo), os.cpu_count() or 1)
    bar = None
    if ctx.progress and len(todo) > 3:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(todo), desc="import", unit="file", file=sys.stderr)
    if workers > 1 and sum(os.path.getsize(j[0]) for j in todo) > 4_000_000:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers) as pool:
            for _, error in pool.map(_import_one, *zip(*todo)):
                failures += [error] if error else []
                bar and bar.update()
    else:
        for job in todo:
            _, error = _import_one(*job)
            failures += [error] if error else []
            bar and bar.update()
    if bar:
        bar.close()
    # Keep the cache to what this build uses, so it does not grow with every edited export.
    used = {Path(j[2]).name for j in jobs}
    for stale in cache.glob("*.pkl"):
        if stale.name not in used:
            stale.unlink()
    tables, reports = [], []
    if not failures:
        for (rnd, _), (_, _, cached) in zip(files, jobs):
            with open(cached, "rb") as fh:
                table, report = pickle.load(fh)
            tables.append(table.assign(search_round=rnd.name))
            reports.append(report)
    if failures:
        raise BuildError("these exports cannot be read, so nothing was built:\n  " + "\n  ".join(failures))
    bad = [r for r in reports if not r.reconciles]
    if bad:
        raise BuildError("import counts do not reconcile for: " + ", ".join(r.path for r in bad))
    ctx.records = pd.concat(tables, ignore_index=True)
    ctx.import_reports = reports
    write_csv(ctx.records, ctx.out / "records.csv")
    report = pd.DataFrame([r.as_row() for r in reports])
    report.insert(1, "round", [rnd.name for rnd, _ in files])
    report.to_csv(ctx.out / "import_report.csv", index=False)


def step_deduplicate(ctx: BuildContext) -> None:
    """Duplicate groups over all rounds (people's verdicts re-applied), the library and source overlap."""
    from .dedup import MergePolicy, deduplicate
    from .dedup.overlap import overlap_figure, source_overlap
    from .io.export import write_csv, write_ris

    verdicts = ctx.project.evidence / "duplicate_verdicts.tsv"
    policy = MergePolicy(preferred_databases=tuple(ctx.settings.preferred_databases))
    result = deduplicate(ctx.records, verdicts=verdicts if verdicts.exists() else None, policy=policy,
                         progress=ctx.progress and len(ctx.records) > 20000)
    ctx.dedup = result
    ctx.notes += [f"deduplication: {w}" for w in result.warnings]
    groups = result.groups.assign(search_round=ctx.records["search_round"].to_numpy())
    # The round a group belongs to is the round of its first record: later rounds only add to it.
    first = groups.drop_duplicates("group_id").set_index("group_id")["search_round"]
    ctx.group_round = first
    groups.to_csv(ctx.out / "duplicate_groups.csv", index=False)
    library = result.library.assign(search_round=result.library["group_id"].map(first).to_numpy())
    ctx.library = library
    write_csv(library, ctx.out / "library.csv")
    write_ris(library, ctx.out / "library.ris")
    result.maybe_pairs.to_csv(ctx.out / "maybe_pairs.csv", index=False)
    overlap = source_overlap(groups)
    overlap.per_database.to_csv(ctx.out / "source_overlap.csv", index=False)
    overlap.matrix.to_csv(ctx.out / "source_overlap_matrix.csv")
    fig = overlap_figure(overlap)
    _save(fig, ctx.out / "source_overlap")
    (ctx.out / "deduplication.txt").write_text(result.summary_text() + "\n", encoding="utf-8")


def _save(fig, stem: Path, formats=("svg", "png")) -> None:
    import matplotlib.pyplot as plt

    for fmt in formats:
        fig.savefig(stem.with_suffix("." + fmt), dpi=150, bbox_inches="tight", metadata=_figure_metadata(fmt))
    plt.close(fig)


def _figure_metadata(fmt: str) -> dict:
    # No dates or software versions inside figures, so that a rebuild writes the same bytes.
    return {"svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None}}.get(fmt, {})


def step_screening(ctx: BuildContext) -> None:
    """Where every duplicate group stands at each stage, agreement, conflicts and the screening queue."""
    from .screening import (ReviewSettings, agreement, conflicts, make_unit_table, prisma_counts, read_logs,
                            screening_status, write_unit_table)

    folder = ctx.project.evidence / "screening"
    settings_file = folder / "settings.json"
    try:
        settings = ReviewSettings.load(settings_file) if settings_file.exists() else ReviewSettings()
    except ValueError as exc:
        raise BuildError(str(exc)) from None
    units = make_unit_table(ctx.library)
    reading = read_logs(folder, settings, warn=False) if folder.is_dir() else None
    entries = reading.entries if reading else []
    bad = [p for p in (reading.problems if reading else []) if p.kind not in ("torn",)]
    if bad:
        raise BuildError("the screening logs have problems, so nothing was built:\n  " + "\n  ".join(map(str, bad)))
    known = set(units["group_id"])
    vanished = sorted({(e.file, e.line, e.key) for e in entries if e.key not in known})
    if vanished:
        shown = "\n  ".join(f"{f}, line {ln}: {k}" for f, ln, k in vanished[:10])
        more = f"\n  ... and {len(vanished) - 10} more" if len(vanished) > 10 else ""
        raise BuildError(f"{len(vanished)} screening decisions name records that are in no export under data/ "
                         f"(was a search round or an export removed?); nothing was built:\n  {shown}{more}")
    ctx.notes += [str(p) for p in (reading.problems if reading else [])]
    ctx.screening_settings = settings
    ctx.units = units
    write_unit_table(units, ctx.out / "units.csv")
    ctx.decisions = entries
    frames, stats = [], []
    for stage in ("title_abstract", "full_text"):
        status = screening_status(entries, units, stage, settings)
        frames.append(status.assign(stage=stage))
        stats.append(agreement(entries, stage, keys=known, settings=settings))
        if settings.pilot:
            stats.append(agreement(entries, stage, keys=known, pilot=settings.pilot, settings=settings))
    status = pd.concat(frames, ignore_index=True)
    status.to_csv(ctx.out / "screening_status.csv", index=False)
    pd.concat(stats, ignore_index=True).to_csv(ctx.out / "screening_agreement.csv", index=False)
    conflicts(status).to_csv(ctx.out / "screening_conflicts.csv", index=False)
    # The queue: records nobody has decided yet, new rounds' records among them.
    ta = status[status["stage"] == "title_abstract"]
    queue = units[units["group_id"].isin(ta.loc[ta["state"] == "undecided", "group_id"])]
    queue[["group_id", "title", "year"]].to_csv(ctx.out / "screening_queue.csv", index=False)
    ctx.screening_status = status
    # PRISMA counts the latest round: decisions on earlier rounds' records are expected here, not warned about.
    latest_units = units[units["group_id"].map(ctx.group_round) == ctx.rounds[-1].name]
    latest_entries = [e for e in entries if e.key in set(latest_units["group_id"])]
    ctx.screening = prisma_counts(latest_entries, latest_units, settings, warn=False)


def step_prisma(ctx: BuildContext) -> None:
    """PRISMA 2020 counts of the latest round from the pipeline, checked and drawn; the seed figure redrawn."""
    from .prisma import from_pipeline
    from .prisma.counts import previous_from, read_counts
    from .prisma.outputs import write_outputs, write_seed_figure

    latest = ctx.rounds[-1].name
    records = ctx.records[ctx.records["search_round"] == latest]
    groups = ctx.dedup.groups
    in_round = (ctx.records["search_round"] == latest).to_numpy()
    new_group = groups["group_id"].map(ctx.group_round).to_numpy() == latest
    # Records of this round that are not the first of a new group were removed as duplicates (of each
    # other, or of records screened in an earlier round).
    first_of_group = ~groups["group_id"].duplicated().to_numpy()
    duplicates = int((in_round & ~(first_of_group & new_group)).sum())
    identified = records["source_database"].fillna("").replace("", "Unknown database").value_counts().sort_index()
    previous = {}
    evidence = ctx.project.evidence
    if ctx.settings.previous_counts:
        try:
            previous = previous_from(read_counts(evidence / ctx.settings.previous_counts))
        except (OSError, ValueError) as exc:
            raise BuildError(f"evidence/{ctx.settings.previous_counts}: {exc}") from None
    earlier = _included_earlier(ctx, latest)
    if earlier and previous:
        previous = {k: v + earlier for k, v in previous.items()}
    screening = {k: v for k, v in dict(ctx.screening).items()}
    if "dbr_excluded" in screening and not isinstance(screening["dbr_excluded"], int):
        screening["dbr_excluded_reasons"] = dict(screening.pop("dbr_excluded"))
    counts = from_pipeline({str(k): int(v) for k, v in identified.items()}, duplicates, screening,
                           previous=previous or None, title=f"{ctx.settings.title}: search round {latest}")
    pending = getattr(ctx.screening, "pending", {}) or {}
    waiting = sum(len(v) if hasattr(v, "__len__") else int(v) for v in pending.values())
    try:
        write_outputs(counts, ctx.out, allow_failing=bool(waiting))
    except ValueError as exc:
        raise BuildError(f"the PRISMA counts of round {latest} do not add up: {exc}") from None
    if waiting:
        ctx.notes.append(f"PRISMA: {waiting} records still await screening decisions; the diagram is marked "
                         f"as failing its checks until they are screened")
    if ctx.settings.seed_figure:
        write_seed_figure(evidence / ctx.settings.seed_figure, ctx.out, stem="prisma_seed_figure1")


def _included_groups(status: pd.DataFrame) -> pd.Series:
    """The duplicate groups whose full-text outcome is include."""
    ft = status[status["stage"] == "full_text"]
    return ft.loc[ft["decision"] == "include", "group_id"]


def _included_earlier(ctx: BuildContext, latest: str) -> int:
    """Studies included from search rounds before the latest one (they join the previous studies)."""
    status = getattr(ctx, "screening_status", None)
    if status is None or len(ctx.rounds) < 2:
        return 0
    return int((_included_groups(status).map(ctx.group_round) != latest).sum())


def step_coding_and_maps(ctx: BuildContext) -> None:
    """Study codes (imported CSV + coders' logs) checked against the scheme; the coding queue and agreement;
    Table 2, the gap map, charts, networks and the HTML map."""
    from .coding.project import build_coding
    from .maps.build import build_maps

    ev = ctx.project.evidence
    if not (ev / "study_codes.csv").exists() and not (ev / "coding").is_dir():
        ctx.notes.append("no evidence/study_codes.csv and no coding logs yet: no Table 2 or maps")
        return
    status = getattr(ctx, "screening_status", None)
    included = _included_groups(status) if status is not None else None
    try:
        ctx.coding, notes = build_coding(ev, ctx.out, units=ctx.units, included=included)
    except ValueError as exc:
        raise BuildError(str(exc)) from None
    ctx.notes += notes
    build_maps(ctx.coding, ctx.out / "maps", columns=ctx.settings.gap_map_columns)


def step_versions(ctx: BuildContext) -> None:
    """Keep a snapshot of the map when it changed, and write the changelog between versions."""
    from .versions import VERSIONS, changelog, take_snapshot

    latest = ctx.rounds[-1].name
    label = f"search round {latest}; {len(ctx.records)} records"
    new = take_snapshot(ctx.out, ctx.project.output / VERSIONS, label)
    if new is not None:
        ctx.notes.append(f"the map changed: kept as {VERSIONS}/{new.name}")
    (ctx.out / "CHANGELOG.md").write_text(changelog(ctx.out / VERSIONS, ctx.settings.title), encoding="utf-8")


STEPS = [step_import, step_deduplicate, step_screening, step_prisma, step_coding_and_maps, step_versions]


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
    output = project.output
    try:
        rounds = project.rounds()
        settings = project.settings()
    except ProjectError as exc:
        raise BuildError(str(exc)) from None
    manifest = read_manifest(output)
    if manifest is None and output.exists() and any(output.iterdir()):
        raise BuildError(f"{output} exists but was not made by the build (no {MANIFEST}); move it away or "
                         f"delete it. Nothing was written.")
    if manifest:
        check_untouched(output, manifest)
    fingerprint = input_fingerprint(project)
    if manifest and manifest.get("inputs") == fingerprint and not force:
        return BuildResult(output=output, changed=False)

    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")  # figures carry no build date, so rebuilds are identical
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "synthesis"

    staging = Path(tempfile.mkdtemp(dir=project.root, prefix=".output-building-"))
    ctx = BuildContext(project=project, out=staging, progress=progress, settings=settings, rounds=rounds)
    timings = {}
    try:
        for step in steps or STEPS:
            t0 = time.perf_counter()
            step(ctx)
            timings[step.__name__.removeprefix("step_")] = time.perf_counter() - t0
        for docx in staging.rglob("*.docx"):
            _fix_zip_dates(docx)
        files = _tree_hashes(staging)
        new_manifest = {"synthesis": __version__, "inputs": fingerprint, "files": files}
        (staging / MANIFEST).write_text(json.dumps(new_manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        _swap_in(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    before = (manifest or {}).get("files", {})
    return BuildResult(
        output=output, changed=True,
        added=sorted(k for k in files if k not in before),
        modified=sorted(k for k in files if k in before and before[k] != files[k]),
        removed=sorted(k for k in before if k not in files),
        notes=ctx.notes, timings=timings)


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
    """Replace output/ by the staging folder with two renames, so there is never half an output."""
    old = None
    if output.exists():
        old = output.with_name(f".output-old-{os.getpid()}")
        os.rename(output, old)
    os.rename(staging, output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# --------------------------------------------------------------------------------------------------
# Command line


def register(sub) -> None:
    p = sub.add_parser("build", help="regenerate output/ from data/ and evidence/",
                       description=__doc__.splitlines()[0])
    p.add_argument("project", nargs="?", default=".", help="project folder (default: here)")
    p.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    p.set_defaults(func=run)


def run(args) -> int:
    try:
        result = build(args.project, force=args.force, progress=not args.quiet)
    except BuildError as exc:
        print(f"build stopped: {exc}", file=sys.stderr)
        return 1
    print(result.report())
    return 0
