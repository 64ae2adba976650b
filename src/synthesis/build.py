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


def input_fingerprint(project: Project) -> str:
    """One checksum over every file of data/ and evidence/ and the program's version."""
    h = hashlib.sha256(f"synthesis {__version__}\n".encode())
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
    records: pd.DataFrame | None = None
    import_reports: list = field(default_factory=list)
    dedup: object = None
    screening: object = None
    prisma: object = None
    notes: list[str] = field(default_factory=list)


def step_import(ctx: BuildContext) -> None:
    """Import every export of every round (cached per file checksum), and write the record table."""
    from .io import ImportFailure, read_file
    from .io.export import write_csv

    cache = ctx.project.root / CACHE / "imports"
    cache.mkdir(parents=True, exist_ok=True)
    tables, reports, failures = [], [], []
    files = [(r, f) for r in ctx.rounds for f in r.files]
    iterator = files
    if ctx.progress and len(files) > 3:
        from tqdm.auto import tqdm

        iterator = tqdm(files, desc="import", unit="file", file=sys.stderr)
    for rnd, path in iterator:
        rel = ctx.project.rel(path)
        key = hashlib.sha256(f"{__version__}\n{rel}\n{_sha256(path)}".encode()).hexdigest()
        cached = cache / f"{key}.pkl"
        if cached.exists():
            with open(cached, "rb") as fh:
                table, report = pickle.load(fh)
        else:
            cwd = os.getcwd()
            try:
                os.chdir(ctx.project.root)  # source_file is stored relative to the project root
                table, report = read_file(rel)
            except ImportFailure as exc:
                failures.append(str(exc))
                continue
            finally:
                os.chdir(cwd)
            with open(cached, "wb") as fh:
                pickle.dump((table, report), fh, protocol=pickle.HIGHEST_PROTOCOL)
        table = table.assign(search_round=rnd.name)
        tables.append(table)
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


STEPS = [step_import]


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
