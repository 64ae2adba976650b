"""Damaged inputs, counted: real exports and the example's evidence files, each damaged in many ways, read and
built. The README's promise is that bad input gets one clear sentence naming the file (and line), never a
traceback; this counts how often that holds.

    .venv/bin/python benchmarks/bench_damaged_inputs.py                       # all three parts, seed 1
    .venv/bin/python benchmarks/bench_damaged_inputs.py --parts exports --seeds 1,2,3

1. **exports**: every export under ``../shared/data/imports`` (below 3 MB), damaged in each of the ways of
   :func:`damaged` (a line cut, doubled, swapped, joined or made 200,000 characters long, bytes flipped, NUL
   and control bytes, other line ends, encodings and byte-order marks, the file twice or cut after 2 KB), read
   with ``read_file``. Fine: the records, or an ``ImportFailure`` / ``SynthesisError``. A finding: any other
   exception, a report whose counts do not reconcile, a read over 20 s.
2. **evidence**: each file of the example project's ``evidence/`` damaged the same ways, one at a time, then
   the project built (from a copy that keeps the import cache). Fine: a build (with or without notes), or a
   ``SynthesisError`` whose message names the file. A finding: any other exception, or an error that does not
   name the damaged file.

3. **commands**: every ``synthesis`` command given a missing file, a folder, an empty, binary, UTF-16 or
   unrelated file, a PDF or broken JSON where a file goes, and odd values (unknown dimensions, templates and
   rounds, a negative resolution, a maybe floor of 2...), in the built example project. Fine: a clear
   sentence. A finding: a traceback or "unexpected error" on stderr.

Prints one line per finding and a count per part; exits non-zero when there is a finding. The damage is drawn
from ``random.Random(seed)``, so a run can be repeated.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SHARED = ROOT.parent / "shared" / "data" / "imports"


def damaged(data: bytes, rng: random.Random) -> dict[str, bytes]:
    """The file's bytes damaged in each way, by name (some ways only where the file has lines or is UTF-8)."""
    lines = data.splitlines(keepends=True)
    n = len(lines)
    out = {"cut short": data[: rng.randrange(len(data))] if data else data}
    if n > 2:
        def at():
            return rng.randrange(n)
        i = at()
        out["a line deleted"] = b"".join(lines[:i] + lines[i + 1:])
        i = at()
        out["a line doubled"] = b"".join(lines[:i] + [lines[i]] + lines[i:])
        i = at()
        out["a line of random bytes"] = b"".join(lines[:i] + [bytes(rng.randrange(256) for _ in range(40)) + b"\n"]
                                                 + lines[i + 1:])
        i = rng.randrange(n - 1)
        out["two lines swapped"] = b"".join(lines[:i] + [lines[i + 1], lines[i]] + lines[i + 2:])
        gone = set(rng.sample(range(n), min(n, 8)))
        out["eight lines deleted"] = b"".join(line for k, line in enumerate(lines) if k not in gone)
        i = at()
        out["a line 200,000 characters long"] = b"".join(
            lines[:i] + [lines[i].rstrip(b"\r\n") + b"x" * 200_000 + b"\n"] + lines[i + 1:])
        i = at()
        out["a line's indent removed"] = b"".join(lines[:i] + [lines[i].lstrip()] + lines[i + 1:])
        i = at()
        out["blank lines inserted"] = b"".join(lines[:i] + [b"\n" * 5] + lines[i:])
        i = at()
        j = min(n, i + 30)
        out["thirty lines joined"] = b"".join(lines[:i] + [b" ".join(x.rstrip(b"\r\n") for x in lines[i:j]) + b"\n"]
                                              + lines[j:])
        i = at()
        out["a line cut in half"] = b"".join(lines[:i] + [lines[i][: len(lines[i]) // 2] + b"\n"] + lines[i + 1:])
    flipped = bytearray(data)
    for _ in range(6):
        if flipped:
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
    out["six bytes flipped"] = bytes(flipped)
    if data:
        i = rng.randrange(len(data))
        out["a NUL byte"] = data[:i] + b"\x00" + data[i:]
        i = rng.randrange(len(data))
        out["control bytes"] = data[:i] + b"\x1a\x0b\x0c\x1c" + data[i:]
    unix = data.replace(b"\r\n", b"\n")
    out["CRLF line ends"] = unix.replace(b"\n", b"\r\n")
    out["bare CR line ends"] = unix.replace(b"\n", b"\r")
    out["no final line end"] = data.rstrip()
    out["two byte-order marks"] = b"\xef\xbb\xbf\xef\xbb\xbf" + data
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        out["UTF-16"] = text.encode("utf-16")
        out["UTF-16 without its mark"] = text.encode("utf-16-be")
        out["windows-1252"] = text.encode("cp1252", errors="replace")
        out["upper case"] = text.upper().encode("utf-8")
        out["lower case"] = text.lower().encode("utf-8")
    out["the file twice"] = data + b"\n" + data
    out["the first 2 KB"] = data[:2048]
    return out


def _where(exc: BaseException) -> str:
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    return f"{type(exc).__name__}: {str(exc)[:160]} at {Path(frame.filename).name}:{frame.lineno}"


def run_exports(seeds: list[int]) -> tuple[int, int]:
    from synthesis.errors import SynthesisError
    from synthesis.io import read_file

    files = sorted(p for p in SHARED.rglob("*") if p.is_file() and p.name not in ("PROVENANCE.tsv", "README.md")
                   and p.stat().st_size < 3_000_000)
    tmp = Path(tempfile.mkdtemp())
    tried = findings = 0
    try:
        for seed in seeds:
            rng = random.Random(seed)
            for f in files:
                for how, data in damaged(f.read_bytes(), rng).items():
                    tried += 1
                    path = tmp / f.name
                    path.write_bytes(data)
                    started = time.perf_counter()
                    problem = ""
                    try:
                        _, report = read_file(path)
                        if not report.reconciles:
                            problem = f"counts do not reconcile: {report.summary()}"
                    except SynthesisError:
                        pass
                    except Exception as exc:  # the finding this part looks for
                        problem = _where(exc)
                    seconds = time.perf_counter() - started
                    if seconds > 20:
                        problem = problem or f"read took {seconds:.0f} s"
                    if problem:
                        findings += 1
                        print(f"exports, seed {seed}: {f.relative_to(SHARED)}, {how}: {problem}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return tried, findings


def _built_example(base: Path) -> Path:
    """A copy of the example project in ``base``, built once (quietly)."""
    from synthesis.build import build

    example = base / "example"
    for name in ("data", "evidence"):
        shutil.copytree(ROOT / name, example / name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        build(example, progress=False)
    return example


def run_evidence(seeds: list[int]) -> tuple[int, int]:
    from synthesis.build import build
    from synthesis.errors import SynthesisError

    base = Path(tempfile.mkdtemp())
    tried = findings = 0
    try:
        example = _built_example(base)  # its import cache makes each damaged build quicker
        evidence = sorted(p.relative_to(example) for p in (example / "evidence").rglob("*") if p.is_file())
        for seed in seeds:
            rng = random.Random(seed)
            for rel in evidence:
                for how, data in damaged((example / rel).read_bytes(), rng).items():
                    tried += 1
                    project = base / "damaged"
                    shutil.rmtree(project, ignore_errors=True)
                    for name in ("data", "evidence", ".synthesis-cache"):
                        shutil.copytree(example / name, project / name)
                    (project / rel).write_bytes(data)
                    problem = ""
                    try:
                        with warnings.catch_warnings():
                            warnings.simplefilter("ignore")
                            build(project, progress=False)
                    except SynthesisError as exc:
                        if rel.name not in str(exc) and rel.stem not in str(exc):
                            problem = f"the error does not name the file: {str(exc).splitlines()[0][:160]}"
                    except Exception as exc:  # the finding this part looks for
                        problem = _where(exc)
                    if problem:
                        findings += 1
                        print(f"evidence, seed {seed}: {rel.as_posix()}, {how}: {problem}", flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return tried, findings


def run_commands(seeds: list[int]) -> tuple[int, int]:
    import subprocess

    base = Path(tempfile.mkdtemp())
    tried = findings = 0
    try:
        project = _built_example(base)
        wrong = base / "wrong"
        wrong.mkdir()
        (wrong / "folder").mkdir()
        (wrong / "empty.csv").write_bytes(b"")
        (wrong / "binary.ris").write_bytes(bytes(range(256)) * 20)
        (wrong / "utf16.csv").write_bytes("a,b\n1,2\n".encode("utf-16"))
        (wrong / "unrelated.csv").write_text("x,y\n1,2\n", encoding="utf-8")
        (wrong / "paper.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + bytes(range(256)))
        (wrong / "broken.json").write_text("{not json", encoding="utf-8")
        (wrong / "list.json").write_text("[1, 2]", encoding="utf-8")
        export = str(project / "data" / "searches" / "2026-11" / "scopus.ris")
        units = str(project / "output" / "units.csv")
        counts = str(project / "output" / "prisma_counts.json")
        calls = []
        for f in [str(wrong / "missing.csv")] + sorted(str(p) for p in wrong.iterdir()):
            calls += [["import", f, "-o", str(base / "o.csv")], ["dedupe", f, "-o", str(base / "d.csv")],
                      ["dedupe", export, "--decisions", f, "-o", str(base / "d.csv")],
                      ["dedupe", export, "--previous", f, "-o", str(base / "d.csv")],
                      ["screening", "status", "--units", f], ["screening", "status", "--evidence", f],
                      ["screening", "import-rayyan", f, "--units", units],
                      ["screening", "import-covidence", f, "--reviewer", "alice", "--units", units],
                      ["prisma", f], ["prisma", "--check", f], ["prisma", "--labels", f, counts],
                      ["map", "gap", "--scheme", f], ["map", "gap", "--codes", f], ["map", "all", "--studies", f],
                      ["build", f], ["citations", f], ["fulltext", "--project", f, "match"],
                      ["fulltext", "--units", f, "retrieve"]]
        calls += [["map", "gap", "--columns", "nosuch"], ["map", "gap", "--rows", "nosuch"],
                  ["map", "charts", "--by", "nosuch"], ["map", "gap", "--filter", "nosuch=1"],
                  ["map", "gap", "--filter", "novalue"], ["map", "gap", "--format", "xyz"],
                  ["prisma", "--template", "nosuch", counts], ["prisma", "--round", "1999-01", counts],
                  ["prisma", "--dpi", "-5", counts, "-o", str(base / "x.png")], ["prisma", "--page", "Z9", counts],
                  ["screening", "status", "--joining", ""], ["screening", "export-rayyan", str(wrong / "folder")],
                  ["fulltext", "confirm", "gnosuch", "nosuch.pdf", "--reviewer", "alice"],
                  ["fulltext", "reject", "gnosuch", "nosuch.pdf", "--reviewer", "alice"],
                  ["fulltext", "not-retrieved", "gnosuch", "--reviewer", "alice"],
                  ["fulltext", "study", "gnosuch", "s1"],
                  ["dedupe", export, "--maybe-floor", "2"], ["dedupe", export, "--maybe-floor", "abc"],
                  ["citations", "--date", "yesterday", str(project)],
                  ["import", export, "-o", str(wrong / "folder")], ["import", export, "-o", "/nonexistent/dir/x.csv"],
                  ["build", "--nosuchflag"]]
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
        for call in calls:  # (the same calls whatever the seed)
            tried += 1
            done = subprocess.run([sys.executable, "-m", "synthesis.cli", *call], capture_output=True, text=True,
                                  cwd=project, env=env, timeout=600)
            if "Traceback" in done.stderr or "unexpected error" in done.stderr:
                findings += 1
                last = (done.stderr.strip().splitlines() or [""])[-1]
                print(f"commands: synthesis {' '.join(call)}: {last[:200]}", flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return tried, findings


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default="exports,evidence,commands")
    parser.add_argument("--seeds", default="1", help="comma-separated seeds of the damage (default %(default)s)")
    args = parser.parse_args(argv)
    seeds = [int(s) for s in args.seeds.split(",")]
    parts = args.parts.split(",")
    if "exports" in parts and not SHARED.is_dir():
        print(f"no shared exports at {SHARED}: the exports part needs ../shared beside the project", file=sys.stderr)
        return 2
    total = 0
    for part, fn in (("exports", run_exports), ("evidence", run_evidence), ("commands", run_commands)):
        if part in parts:
            started = time.perf_counter()
            tried, findings = fn(seeds)
            total += findings
            what = "commands run" if part == "commands" else "damaged files"
            print(f"{part}: {tried:,} {what}, {findings} findings ({time.perf_counter() - started:.0f} s)")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
