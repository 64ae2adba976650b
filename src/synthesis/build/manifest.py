"""Checksums of the build's inputs and outputs, and ``output/manifest.json``.

The manifest lists every generated file with its SHA-256, so a hand edit of ``output/`` is caught before the
next build writes over it, and one checksum over ``data/``, ``evidence/`` and the program itself, so a build
with nothing new can say "no changes" and stop.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from .. import __version__
from ..errors import SynthesisError

MANIFEST = "manifest.json"
#: Output files a command rewrites between builds (``synthesis fulltext match``); not hand edits.
REWRITTEN_BY_COMMANDS = ("fulltext_matches.csv",)


class BuildError(SynthesisError):
    """The build stopped before writing anything; the message says why and where."""


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, as hex."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class Checksums:
    """SHA-256 of a project's files, read again only when a file's size or modification time changed.

    A large living map's build hashes hundreds of megabytes (its exports, and its outputs twice: to catch hand
    edits, and for the new manifest); most of them are the same bytes as at the last build. A checksum is taken
    over when the file's size and modification time are those it had when it was hashed and it was last written
    before the checksums were saved, on the file system's own clock (a file written in the same tick as a later
    change could keep its time: git's "racily clean" files). Checksums of inputs are kept only for files last
    written more than two seconds before they were hashed (a reviewer may append decisions while a build runs).

    ``path``: the JSON file they are kept in (``.synthesis-cache/checksums.json``); keys are paths relative to
    ``root``, the project folder. A missing or damaged file only means hashing everything once.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "a.txt").write_text("abc")
    >>> Checksums(root / "checksums.json", root).digest(root / "a.txt")[:12]
    'ba7816bf8f01'
    """

    #: How long a file must have been left alone before its checksum is kept (FAT's clock ticks in two seconds).
    SETTLED_NS = 2_000_000_000

    def __init__(self, path: Path, root: Path):
        self.path, self.root = Path(path), Path(root)
        self.entries: dict[str, list] = {}  # key -> [size, mtime_ns, sha256]
        self.used: set[str] = set()  # the keys looked up: what :meth:`save` keeps (a removed file's entry goes)
        try:
            saved = self.path.stat().st_mtime_ns
            entries = json.loads(self.path.read_text(encoding="utf-8"))
            self.entries = {k: v for k, v in entries.items() if isinstance(v, list) and len(v) == 3 and v[1] < saved}
        except (OSError, ValueError, AttributeError):
            self.entries = {}

    def key(self, path: Path) -> str:
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:  # outside the project (the program's own files): by absolute path
            return Path(path).resolve().as_posix()

    def digest(self, path: Path, key: str | None = None, settled: bool = True) -> str:
        """The file's SHA-256 (taken over when it cannot have changed). ``key``: the entry to look it up under
        (default: its path in the project); ``settled``: keep it only for a file left alone for a while (inputs),
        or also for one just written (the build's own files, which nobody else writes)."""
        key = key or self.key(path)
        self.used.add(key)
        stat = os.stat(path)  # before reading: a change while hashing leaves a newer time behind
        known = self.entries.get(key)
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            return known[2]
        now = time.time_ns()
        sha = sha256_file(Path(path))
        if not settled or stat.st_mtime_ns < now - self.SETTLED_NS:
            self.entries[key] = [stat.st_size, stat.st_mtime_ns, sha]
        else:
            self.entries.pop(key, None)
        return sha

    def remember(self, path: Path, key: str, sha: str) -> None:
        """Take ``sha`` as the checksum of ``path`` as it is now: for a file the build hashed while writing it."""
        stat = os.stat(path)
        self.entries[key] = [stat.st_size, stat.st_mtime_ns, sha]

    def save(self) -> None:
        """Write the checksums of the files looked up (atomically: a build stopped half way leaves the last ones)."""
        from .cache import write_atomically

        self.path.parent.mkdir(parents=True, exist_ok=True)
        kept = {k: v for k, v in self.entries.items() if k in self.used}
        write_atomically(self.path, json.dumps(kept, sort_keys=True).encode("utf-8"))


def tree_hashes(folder: Path, skip=(), checksums: Checksums | None = None, prefix: str = "") -> dict[str, str]:
    """``{relative path: sha256}`` of every file under ``folder`` (``skip``: paths or folders to leave out).

    With ``checksums``, unchanged files are not read again; their entries are kept under ``prefix`` + the
    relative path (``"output/"`` for the build's own files, which it hashes as soon as it wrote them).
    """
    if not folder.is_dir():
        return {}
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_file() and not any(rel == s or rel.startswith(s + "/") for s in skip):
            out[rel] = sha256_file(p) if checksums is None else \
                checksums.digest(p, prefix + rel if prefix else None, settled=not prefix)
    return out


def program_fingerprint() -> str:
    """A checksum of the installed program itself, so that an upgrade (even within a version) rebuilds."""
    package = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(f"synthesis {__version__}\n".encode())
    for rel, digest in tree_hashes(package).items():
        if not rel.endswith((".pyc",)) and "__pycache__" not in rel:
            h.update(f"{rel} {digest}\n".encode())
    return h.hexdigest()


def input_fingerprint(project, checksums: Checksums | None = None) -> str:
    """One checksum over every file of data/ and evidence/ and the program (``checksums``: see :class:`Checksums`)."""
    h = hashlib.sha256(program_fingerprint().encode())
    for name, folder in (("data", project.data), ("evidence", project.evidence)):
        for rel, digest in tree_hashes(folder, checksums=checksums).items():
            h.update(f"{name}/{rel} {digest}\n".encode())
    return h.hexdigest()


def read_manifest(output: Path) -> dict | None:
    """The manifest of the last build, or ``None`` when there is none."""
    path = output / MANIFEST
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise BuildError(f"{path}: the build manifest is damaged ({exc}); delete {output} to rebuild from scratch")


def write_manifest(folder: Path, fingerprint: str, steps: dict | None = None,
                   checksums: Checksums | None = None) -> dict[str, str]:
    """Write ``manifest.json`` listing every file of ``folder``; returns ``{file: sha256}``.

    ``steps``: what some steps' results depend on (``{"deduplication": key}``), for the next build to see whether
    it may take them over with their files. ``checksums``: the project's (:class:`Checksums`), under ``output/``:
    a file copied from the last build's output with its time kept is not read again.
    """
    files = tree_hashes(folder, checksums=checksums, prefix="output/")
    manifest = {"synthesis": __version__, "inputs": fingerprint, "files": files, **(steps or {})}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return files


def check_untouched(output: Path, manifest: dict, checksums: Checksums | None = None) -> None:
    """Stop when a generated file was edited, added or deleted by hand since the last build (``checksums``: the
    project's, see :class:`Checksums`)."""
    now = tree_hashes(output, skip=(MANIFEST,) + REWRITTEN_BY_COMMANDS, checksums=checksums, prefix="output/")
    then = {k: v for k, v in manifest.get("files", {}).items() if k not in REWRITTEN_BY_COMMANDS}
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
        # a file added there is most often one of the reviewer's own (a list written with -o into output/, as the
        # README once showed for the interlibrary-loan list), not an edit: say where it goes, not only what is wrong
        own = (f" A file of your own there (one a command wrote with -o) goes outside output/: move "
               f"{', '.join(Path(k).name if k.count('/') == 1 else k for k in extra)} out of {output} and run the "
               f"build again." if extra else "")
        raise BuildError(
            f"{output} was changed by hand since the last build ({'; '.join(problems)}). Generated output is "
            f"never edited: put changes in evidence/ (decisions, codes, settings) and rebuild; to discard the "
            f"hand edits, delete {output} and run the build again. Nothing was written.{own}")
