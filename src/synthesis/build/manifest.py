"""Checksums of the build's inputs and outputs, and ``output/manifest.json``.

The manifest lists every generated file with its SHA-256, so a hand edit of ``output/`` is caught before the
next build writes over it, and one checksum over ``data/``, ``evidence/`` and the program itself, so a build
with nothing new can say "no changes" and stop.
"""
from __future__ import annotations

import hashlib
import json
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


def tree_hashes(folder: Path, skip=()) -> dict[str, str]:
    """``{relative path: sha256}`` of every file under ``folder`` (``skip``: paths or folders to leave out)."""
    if not folder.is_dir():
        return {}
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_file() and not any(rel == s or rel.startswith(s + "/") for s in skip):
            out[rel] = sha256_file(p)
    return out


def program_fingerprint() -> str:
    """A checksum of the installed program itself, so that an upgrade (even within a version) rebuilds."""
    package = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(f"synthesis {__version__}\n".encode())
    for rel, digest in tree_hashes(package).items():
        if not rel.endswith((".pyc",)) and "__pycache__" not in rel:
            h.update(f"{rel} {digest}\n".encode())
    return h.hexdigest()


def input_fingerprint(project) -> str:
    """One checksum over every file of data/ and evidence/ and the program."""
    h = hashlib.sha256(program_fingerprint().encode())
    for name, folder in (("data", project.data), ("evidence", project.evidence)):
        for rel, digest in tree_hashes(folder).items():
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


def write_manifest(folder: Path, fingerprint: str, steps: dict | None = None) -> dict[str, str]:
    """Write ``manifest.json`` listing every file of ``folder``; returns ``{file: sha256}``.

    ``steps``: what some steps' results depend on (``{"deduplication": key}``), for the next build to see whether
    it may take them over with their files.
    """
    files = tree_hashes(folder)
    manifest = {"synthesis": __version__, "inputs": fingerprint, "files": files, **(steps or {})}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return files


def check_untouched(output: Path, manifest: dict) -> None:
    """Stop when a generated file was edited, added or deleted by hand since the last build."""
    now = tree_hashes(output, skip=(MANIFEST,) + REWRITTEN_BY_COMMANDS)
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
        raise BuildError(
            f"{output} was changed by hand since the last build ({'; '.join(problems)}). Generated output is "
            f"never edited: put changes in evidence/ (decisions, codes, settings) and rebuild; to discard the "
            f"hand edits, delete {output} and run the build again. Nothing was written.")
